"""Building the site for tests: in this process (fast) or as `mkdocs build` (what editors run).

Both run `mkdocs build --strict`. `build_site` is for tests that look at what was built; the
subprocess `run_build` is kept for tests about the command editors and CI run (its exit status,
its messages, no traceback).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from . import ROOT

PROJECT_PARTS = ("content", "docs", "macros", "overrides", "mkdocs.yml")


def mkdocs_env(site_url: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("HANDBOOK_REPO", None)
    env.pop("HANDBOOK_REPORT_EMAIL", None)
    env.pop("HANDBOOK_SITE_URL", None)
    if site_url:
        env["HANDBOOK_SITE_URL"] = site_url
    return env


def run_build(
    project: Path, site: Path, site_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in a new process, exactly as an editor or CI runs it.

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


@dataclass
class Built:
    site: Path
    ok: bool
    log: str  # warnings and errors MkDocs logged, and the message it stopped with


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


@contextlib.contextmanager
def _project_environment(project: Path) -> Iterator[None]:
    """What the build reads from its surroundings: the working folder, sys.path, env vars."""
    saved_path, saved_cwd = list(sys.path), Path.cwd()
    saved_env = {
        k: os.environ.get(k)
        for k in ("HANDBOOK_REPO", "HANDBOOK_REPORT_EMAIL", "HANDBOOK_SITE_URL")
    }
    for key in saved_env:
        os.environ.pop(key, None)
    os.chdir(project)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        sys.path[:] = saved_path  # mkdocs-macros puts the project folder in front
        for key, value in saved_env.items():
            if value is not None:
                os.environ[key] = value


def build_site(project: Path, site: Path, site_url: str | None = None) -> Built:
    """`mkdocs build --strict` of `project` into `site`, in this process."""
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        with _project_environment(project):
            overrides = {"site_url": site_url} if site_url else {}
            config = load_config(
                str(project / "mkdocs.yml"), site_dir=str(site), strict=True, **overrides
            )
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        return Built(site, True, "\n".join(collect.lines))
    except (MkDocsException, SystemExit) as error:
        return Built(site, False, "\n".join([*collect.lines, str(error)]))
    finally:
        logger.removeHandler(collect)


def copy_project(target: Path, source: Path = ROOT, *, tests: bool = False) -> Path:
    """The parts a build needs; with `tests`, the whole repository as git has it (for running
    the test suite in the copy)."""
    if tests:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=source, capture_output=True, check=True
        ).stdout.decode("utf-8")
        for name in filter(None, listed.split("\0")):
            if (source / name).is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source / name, target / name)
        return target
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(
                source / part, target / part, ignore=shutil.ignore_patterns("__pycache__")
            )
        elif (source / part).exists():
            shutil.copy2(source / part, target / part)
    return target
