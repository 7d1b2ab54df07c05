"""The phrase checker page (话术自查): a text box that marks every forbidden phrase in place.

Python compiles every phrase of the handbook into the spec (`content.phrase_spec.build_spec`), with
links relative to this page; the template prints the form and embeds the spec as JSON text; the
browser (`overrides/assets/js/checker.js`) matches and renders. Nothing leaves the phone.
"""

from __future__ import annotations

from markupsafe import Markup

from ..content.phrase_spec import build_spec
from .escape import json_text
from .renderer import Renderer


def render(renderer: Renderer) -> str:
    spec = build_spec(renderer.handbook, href=renderer.links.href)
    return renderer.render(
        "checker/page.html",
        spec_json=json_text(spec),
        count=len(spec["phrases"]),
        phrasing=Markup(renderer.links.href_page("phrasing/")),
    )
