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


class _AnyTagLoader(yaml.SafeLoader):
    """Plain YAML that reads a tagged value (!ENV, !!python/name:…) as its bare value: only
    the nav is wanted, and it has no tags."""


_AnyTagLoader.add_multi_constructor("", lambda loader, _tag, node: _bare(loader, node))


def _bare(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]  # a ScalarNode here


def read_nav(mkdocs_yml: Path) -> Any:
    """The nav of mkdocs.yml; None when it has none."""
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    return config.get("nav") if isinstance(config, dict) else None


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
