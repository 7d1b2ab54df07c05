"""Shared fixtures: the project root, a throwaway copy of the project, a built site and a browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from macros.content.handbook import Handbook
from macros.content.loader import load_content

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("content", "docs", "macros", "overrides", "mkdocs.yml")

pytest_plugins = ["tests.browser_fixtures"]


def mkdocs_env(site_url: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("HANDBOOK_REPO", None)
    env.pop("HANDBOOK_SITE_URL", None)
    if site_url:
        env["HANDBOOK_SITE_URL"] = site_url
    return env


def run_build(
    project: Path, site: Path, site_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` exactly as an editor or CI runs it.

    `site_url` is where the site will be served: Material's instant navigation only takes over
    links listed in sitemap.xml, which carries that address (port and path included).
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=project,
        env=mkdocs_env(site_url),
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_project(target: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def handbook() -> Handbook:
    """The real content, loaded once for the whole session (tests must not change it)."""
    return load_content(ROOT / "content")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of content/ that a loader test may break."""
    return Path(shutil.copytree(ROOT / "content", tmp_path / "content"))


def problems_of(content: Path) -> list[str]:
    """The problems loading `content` reports, as editors read them."""
    from macros.content.loader import load_content
    from macros.content.problems import ContentError

    with pytest.raises(ContentError) as caught:
        load_content(content)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A private copy of the project whose content a test may break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(served_build: tuple[Path, Any]) -> Path:
    """The real content, built once per test session with --strict (see served_build)."""
    return served_build[0]
