"""The phrase checker page (话术自查): a text box that marks every forbidden phrase in place.

Python compiles every phrase of the handbook into the spec (`phrase_patterns.build_spec`), with
links relative to this page; the template prints the form and embeds the spec as JSON; the
browser (`overrides/assets/js/checker.js`) matches and renders. Nothing leaves the phone.
"""

from __future__ import annotations

from markupsafe import Markup

from .phrase_patterns import build_spec
from .render import Renderer


def render(renderer: Renderer) -> str:
    spec = build_spec(renderer.handbook, href=renderer.links.href)
    return renderer.render(
        "checker/page.html",
        spec=spec,
        count=len(spec["phrases"]),
        phrasing=Markup(renderer.links.href_page("phrasing/")),
    )
