"""Fixtures: the content, throwaway project copies, built sites on loopback servers, a browser.

Helpers that are not fixtures live in tests/support/. Every browser test fails when a page it
opened logged a console error or threw, unless the test allowed that error (`console.allow`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.content.handbook import Handbook
from macros.content.loader import load_content

from .support import ROOT
from .support.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP_CONTEXT,
    NO_WORKER,
    PHONE_CONTEXT,
    ConsoleLog,
    SharedContext,
    WatchedBrowser,
)
from .support.build import build_site, copy_project
from .support.distribution import apply_groups, long_first
from .support.editors import add_hint
from .support.fixture import CONTENT as FIXTURE_CONTENT
from .support.fixture import served_fixture_site
from .support.server import ORIGINS, SiteServer, serve


@pytest.hookimpl(trylast=True)  # after xdist's own hook, whose suffix pytest 9.2 no longer reads
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On xdist's workers: long tests are handed out first, and the tests of one `xdist_group`
    share a worker (and so its build) under `--dist loadgroup`. A run without workers keeps
    the modules' order (and so builds each module fixture once)."""
    if hasattr(config, "workerinput"):  # a worker of `-n N`
        long_first(items)
    if getattr(config.option, "loadgroup", False):  # set on the workers of a loadgroup run
        apply_groups(items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failed search test says to the editor, in Chinese, what to do (support/editors.py)."""
    report = yield
    add_hint(item.path.name, report)
    return report


@pytest.fixture(scope="session")
def handbook() -> Handbook:
    """The real content, loaded once for the whole session (tests must not change it)."""
    return load_content(ROOT / "content")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of content/ that a loader test may break."""
    return Path(shutil.copytree(ROOT / "content", tmp_path / "content"))


@pytest.fixture
def fixture_content(tmp_path: Path) -> Path:
    """A private copy of the fixture handbook's content (tests/fixtures/handbook) that a test
    may break: for tests of what the loader reports, which does not depend on the real content
    (and the fixture loads in a hundredth of the time)."""
    return Path(shutil.copytree(FIXTURE_CONTENT, tmp_path / "content"))


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A private copy of the project whose content a test may break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def served_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, SiteServer]]:
    """The real content, built once per session with --strict for the loopback server that
    serves it: the server is bound first, so the build knows its address and Material's
    instant navigation works as on the published site."""
    site = tmp_path_factory.mktemp("site")
    server = serve(site)
    built = build_site(ROOT, site, site_url=f"{server.url}/")
    assert built.ok, built.log
    yield site, server
    server.stop()


@pytest.fixture(scope="session")
def built_site(served_build: tuple[Path, SiteServer]) -> Path:
    return served_build[0]


@pytest.fixture(scope="session")
def site(served_build: tuple[Path, SiteServer]) -> SiteServer:
    """The real site on a loopback server, built for that address (instant navigation works)."""
    return served_build[1]


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The fixture handbook (tests/support/fixture.py), built once per worker for the address
    it is served from: the behaviour tests of checklists and quizzes share it."""
    with served_fixture_site(tmp_path_factory.mktemp("fixture-site")) as server:
        yield server


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: apt-get install -y chromium fonts-noto-cjk"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(autouse=True)
def console() -> Iterator[ConsoleLog]:
    """Fails the test if any page it opened logged an error it did not allow."""
    log = ConsoleLog()
    yield log
    assert log.unexpected() == [], "console errors on the pages this test opened"


@pytest.fixture
def browser(chromium: Any, console: ConsoleLog) -> WatchedBrowser:
    return WatchedBrowser(chromium, console)


CONTEXTS = {"phone": {**PHONE_CONTEXT, **NO_WORKER}, "desktop": {**DESKTOP_CONTEXT, **NO_WORKER}}


@pytest.fixture(scope="session")
def shared_contexts(chromium: Any) -> Iterator[dict[str, SharedContext]]:
    """One phone and one desktop context per worker, made when first asked for."""
    made: dict[str, SharedContext] = {}
    yield made
    for shared in made.values():
        shared.context.close()


def _page_of(kind: str, request: pytest.FixtureRequest, console: ConsoleLog) -> Iterator[Any]:
    made = request.getfixturevalue("shared_contexts")
    if kind not in made:
        made[kind] = SharedContext(request.getfixturevalue("chromium"), CONTEXTS[kind])
    searches = request.node.get_closest_marker("search") is not None
    yield made[kind].new_page(console, searches=searches, origins=sorted(ORIGINS))
    if made[kind].tainted:  # a fake clock or the like: the next test gets a new context
        made.pop(kind).context.close()
    else:
        made[kind].clean(sorted(ORIGINS))


@pytest.fixture
def phone(request: pytest.FixtureRequest, console: ConsoleLog) -> Iterator[Any]:
    """The worker's phone page (390x844, touch), which holds nothing from earlier tests: it
    starts on about:blank with storage and cookies cleared (SharedContext in
    tests/support/browser.py). Without the `search` mark, the site's search finds nothing
    (no index)."""
    yield from _page_of("phone", request, console)


@pytest.fixture
def desktop(request: pytest.FixtureRequest, console: ConsoleLog) -> Iterator[Any]:
    """The worker's desktop page (1280x900), like `phone`."""
    yield from _page_of("desktop", request, console)
