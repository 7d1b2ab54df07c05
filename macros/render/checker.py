"""The phrase checker page (话术自查): a text box that marks every forbidden phrase in place.

Python compiles every phrase of the handbook into the spec (`content.phrase_spec.build_spec`), with
links relative to this page; the template prints the form and embeds the spec as JSON text; the
browser (`overrides/assets/js/checker.js`) matches and renders. Nothing leaves the phone.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..content.phrase_spec import build_spec
from ..phrases.spec import PhraseSpec
from .renderer import Renderer


def spec_as_text(spec: PhraseSpec) -> Markup:
    """The spec as the text of a hidden element (the browser reads it with textContent).

    Not a `<script type="application/json">`: Material's instant navigation re-creates every
    inline script of the new page without its attributes, which would run the JSON as code.
    Escaping &, < and > keeps the text inert; Markdown leaves a raw HTML block alone.
    """
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def render(renderer: Renderer) -> str:
    spec = build_spec(renderer.handbook, href=renderer.links.href)
    return renderer.render(
        "checker/page.html",
        spec_json=spec_as_text(spec),
        count=len(spec["phrases"]),
        phrasing=Markup(renderer.links.href_page("phrasing/")),
    )
