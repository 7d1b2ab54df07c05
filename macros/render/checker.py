"""The phrase checker page (话术自查): a text box that marks every forbidden phrase in place.

Python compiles every phrase of the handbook into the spec (`content.phrase_spec.build_spec`), with
links relative to the spec file; the build writes it once as SPEC_FILE, which the browser
(`overrides/assets/js/checker.js`, and 对练's `practice.js`) fetches after the page with the
matcher (CORE_BUNDLE), like the search index: at 200 KB of patterns and tone weights (60 KB
gzip) it is the checker's data, not part of a page's first load. The template prints the form
and where the data and the matcher are. Nothing leaves the phone.
"""

from __future__ import annotations

import json
from typing import Final

from markupsafe import Markup

from ..content.phrase_spec import build_spec
from ..content.urls import PHRASE_SHEET_CHAPTER, chapter_url
from .renderer import Renderer

PAGE_URL: Final = "checker/"
SPEC_FILE: Final = "checker/phrases.json"  # from the site root: next to the checker page
# The matcher alone, fetched with the spec (overrides/assets/js/checker-loader.js).
CORE_BUNDLE: Final = "assets/checker-core.js"


def spec_json(renderer: Renderer) -> str:
    """The spec as the browser fetches it; `renderer` renders for PAGE_URL, so links are
    relative to the spec file (the scripts resolve them against its address)."""
    spec = build_spec(renderer.handbook, href=renderer.links.href)
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))


def render(renderer: Renderer) -> str:
    return renderer.render(
        "checker/page.html",
        spec_url=Markup(renderer.links.href_page(SPEC_FILE)),
        core_url=Markup(renderer.links.href_page(CORE_BUNDLE)),
        count=sum(1 for _ in renderer.handbook.entries("phrase")),
        phrasing=Markup(renderer.links.href_page(chapter_url(PHRASE_SHEET_CHAPTER))),
    )
