"""The fixture handbook (tests/fixtures/handbook): a tiny, complete handbook for behaviour tests.

Behaviour tests (ticking a checklist, answering a quiz, printing) run on this fixture rather than
on content/, so they do not break when editors change the real content, and its small pages
render fast. It uses the real code (macros/, overrides/, mkdocs.yml); only the content, the pages
and the nav are the fixture's.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TypeVar

from macros.content.handbook import Handbook
from macros.content.loader import load_content

from . import ROOT
from .build import build_site
from .server import SiteServer, serve

FIXTURE = ROOT / "tests" / "fixtures" / "handbook"
CONTENT = FIXTURE / "content"
DOCS = FIXTURE / "docs"
CODE_PARTS = ("macros", "overrides")  # taken from the real project, as they are now

_NAV = re.compile(r"^nav:[ \t]*\n(?:[ \t-].*\n?|\n)*", re.MULTILINE)  # up to the next top-level key


@cache
def fixture_handbook() -> Handbook:
    """The fixture content, loaded once (tests must not change it)."""
    return load_content(CONTENT)


def site_name() -> str:
    """The site's name as mkdocs.yml gives it (the fixture keeps the real one)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_name:\s*(.+?)\s*$", text, re.MULTILINE)
    assert match is not None, "mkdocs.yml has no site_name"
    return match.group(1)


def fixture_nav(handbook: Handbook) -> str:
    """The real nav's shape with the fixture's pages: home, chapters, checklists, quizzes, checker,
    review and practice."""
    pages = [
        ("首页", "index.md"),
        *((None, f"{stem}.md") for stem in handbook.chapters),  # titled from their YAML
        (None, "checklists/index.md"),
        (None, "quizzes/index.md"),
        ("话术自查", "checker.md"),
        ("今日复习", "review.md"),
        ("对练", "practice.md"),
    ]
    lines = [
        f"  - {json.dumps(title, ensure_ascii=False)}: {page}" if title else f"  - {page}"
        for title, page in pages
    ]
    return "nav:\n" + "\n".join(lines) + "\n"


def fixture_project(target: Path) -> Path:
    """A buildable project in `target`: the real code and config, the fixture's content and pages.

    A test may edit the copy's content/ (as an editor would) and build it again.
    """
    for part in CODE_PARTS:
        shutil.copytree(ROOT / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(CONTENT, target / "content")
    shutil.copytree(DOCS, target / "docs")
    config, replaced = _NAV.subn(
        fixture_nav(fixture_handbook()), (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    )
    assert replaced == 1, "mkdocs.yml should have exactly one top-level nav: block"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


@contextmanager
def served_fixture_site(root: Path) -> Iterator[SiteServer]:
    """The fixture handbook on a loopback server, built into `root` for that address (instant
    navigation only takes over links listed in the sitemap, which carries `site_url`)."""
    server = serve(root / "site")
    try:
        built = build_site(fixture_project(root / "project"), root / "site", f"{server.url}/")
        assert built.ok, built.log
        yield server
    finally:
        server.stop()


Edit = TypeVar("Edit")


@contextmanager
def served_before_and_after(
    root: Path, edit: Callable[[Path], Edit]
) -> Iterator[tuple[SiteServer, Edit]]:
    """The fixture handbook at /before/, and at /after/ once `edit` has changed its content
    folder; what `edit` returns comes back with the server. Both are served from one origin,
    so they share localStorage as two deployments of one address do; each build carries its
    own `site_url` (instant navigation only takes over links listed in the sitemap)."""
    server = serve(root / "www")
    try:
        project = fixture_project(root / "project")

        def build(name: str) -> None:
            built = build_site(project, root / "www" / name, site_url=f"{server.url}/{name}/")
            assert built.ok, built.log

        build("before")
        change = edit(project / "content")
        build("after")
        yield server, change
    finally:
        server.stop()
