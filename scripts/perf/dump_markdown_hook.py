"""MkDocs hook used only by the benchmark: saves the Markdown each page is rendered from (after
the macros ran) and the nav, so a stock Material site can be built from exactly the same text.

Active only when HANDBOOK_BENCH_DUMP names the folder to write to.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

OUT = os.environ.get("HANDBOOK_BENCH_DUMP")


@event_priority(-100)  # after mkdocs-macros rendered the page
def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    if OUT:
        path = Path(OUT) / "docs" / page.file.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {k: v for k, v in page.meta.items() if isinstance(v, str | int | float | list)}
        head = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" if meta else ""
        path.write_text(head + markdown, encoding="utf-8")
    return markdown


@event_priority(-100)  # after the project's hooks added the generated pages
def on_nav(nav: Navigation, **_: Any) -> Navigation:
    if OUT:
        Path(OUT).mkdir(parents=True, exist_ok=True)
        (Path(OUT) / "nav.yml").write_text(
            yaml.safe_dump(_items(nav.items), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    return nav


def _items(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, Page):
            src = item.file.src_uri
            out.append({item.title: src} if item.title else src)
        elif isinstance(item, Section):
            out.append({item.title: _items(item.children)})
    return out
