"""Every chapter file needs a page in docs/ that calls its macro, listed in mkdocs.yml's nav:
checked by the build and by `python -m macros check`, so a new chapter fails in the editor's
check, not first in CI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .handbook import Handbook
from .problems import Problem
from .where import Where


def missing_chapter_pages(handbook: Handbook, docs_dir: Path) -> list[Problem]:
    """Every content/<stem>.yml chapter needs its page docs/<stem>.md (which calls the macro)."""
    return [
        Problem(
            Where(f"content/{stem}.yml"),
            f"没有对应的页面 docs/{stem}.md（每个章节文件需要一个页面，内容只有一行："
            f'{{{{ chapter("{stem}") }}}}；再在 mkdocs.yml 的 nav 里加一行 - {stem}.md）',
        )
        for stem in handbook.chapters
        if not (docs_dir / f"{stem}.md").exists()
    ]


def nav_files(nav: Any) -> Iterator[str]:
    """The files a nav (as mkdocs.yml writes it) lists: `- phrasing.md`, `- 首页: index.md`."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_files(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_files(item)


def read_nav(mkdocs_yml: Path) -> Any:
    """The nav of mkdocs.yml, read without the rest (whose !ENV and !!python tags plain YAML
    cannot load); None when it has none."""
    text = mkdocs_yml.read_text(encoding="utf-8")
    if "\nnav:\n" not in text:
        return None
    return yaml.safe_load("nav:\n" + text.split("\nnav:\n", 1)[1]).get("nav")


def chapters_not_in_nav(handbook: Handbook, nav: Any) -> list[Problem]:
    """A chapter missing from the nav is built but nobody can find it."""
    listed = set(nav_files(nav))
    return [
        Problem(
            Where(f"content/{stem}.yml"),
            f"mkdocs.yml 的 nav 里没有这一章；请在 nav 里合适的位置加一行：  - {stem}.md",
        )
        for stem in handbook.chapters
        if f"{stem}.md" not in listed
    ]
