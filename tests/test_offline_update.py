"""A new build reaches a phone that has the old one, whole, and never mixed with the old one.

Builds of the fixture handbook (tests/fixtures/handbook: the real code, a small content).
Build A is visited once; then build B is deployed into the folder the server serves, the way
a real deploy copies files: pages first, `sw.js` last (or, to test a broken deploy, first).
Every page shows which build it came from twice: in its title (site_name) and in a CSS
custom property, so a page of one build with the stylesheet of the other shows up.

Expected: B takes over as soon as its copy is complete; a page already open stays A in
everything it loads (instant navigation included); the next page loaded is B.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .support.browser import PHONE_CONTEXT, WITH_WORKER, WatchedBrowser
from .support.build import build_site
from .support.fixture import fixture_project
from .support.offline import (
    READY,
    LiveSite,
    go_offline,
    site_pages,
    tap_next,
    visit_once_and_wait_for_the_offline_copy,
)
from .support.server import SiteServer, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("offline_update"),
]  # its tests share a build: one worker

SITE_NAME = "营业厅服务手册"
UPDATED = re.compile(r"^手册有了新版本.*打开下一页就是新内容")

# Ask the browser to look for a new sw.js now; wait until the new worker is in charge or failed.
CHECK_FOR_UPDATE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  const before = registration.active;
  await registration.update();
  const worker = registration.installing || registration.waiting
    || (registration.active !== before ? registration.active : null);
  if (!worker) return "unchanged";
  while (worker.state !== "activated" && worker.state !== "redundant") {
    await new Promise((done) => worker.addEventListener("statechange", done, { once: true }));
  }
  return worker.state;
}"""

SHOWN_BUILD = """() => [
  document.title.slice(-1),
  getComputedStyle(document.documentElement).getPropertyValue("--hb-build").trim().slice(1, -1),
]"""

# What an open page gets when it asks for another page (as instant navigation does) and for
# the stylesheet, by the same relative URLs the page uses.
FETCHED_BUILD = """async () => {
  const next = document.querySelector("a.md-footer__link--next").href;
  const css = document.querySelector("link[href$='assets/handbook.css']").href;
  const page = await (await fetch(next)).text();
  const style = await (await fetch(css)).text();
  return [
    page.match(/<title>([^<]*)<\\/title>/)[1].slice(-1),
    style.match(/--hb-build:\\s*"(.)"/)[1],
  ];
}"""

# The titles of pages as the page's own requests get them (through its service worker).
PAGE_TITLES = """async (urls) => Promise.all(urls.map(async (url) => {
  const page = await (await fetch(url)).text();
  return page.match(/<title>([^<]*)<\\/title>/)[1];
}))"""

# Every stylesheet of the page has arrived (the build mark comes with handbook.css).
STYLED = "() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)"

# The caches of builds (named "handbook <scope> <hash>"), not the record of open pages.
BUILD_CACHES = (
    """async () => (await caches.keys()).filter((name) => name.startsWith("handbook ")).length"""
)


MARKED = ("mkdocs.yml", "overrides/assets/css/handbook.css", "docs/index.md")


def mark(project: Path, build: str) -> None:
    """Make every page and the stylesheet of `project` say which build they belong to."""
    config, css, home = ((project / name).read_text(encoding="utf-8") for name in MARKED)
    assert f"site_name: {SITE_NAME}\n" in config
    marked = {
        "mkdocs.yml": config.replace(
            f"site_name: {SITE_NAME}\n", f"site_name: {SITE_NAME}{build}\n"
        ),
        "overrides/assets/css/handbook.css": css + f':root {{ --hb-build: "{build}"; }}\n',
        "docs/index.md": home + f"\n构建 {build}。\n",
    }
    for name, text in marked.items():
        (project / name).write_text(text, encoding="utf-8")


@dataclass
class TwoBuilds:
    """Builds A and B of one site address, and the folder that address serves."""

    live: LiveSite
    a: Path
    b: Path

    def start_with_a(self) -> None:
        for child in self.live.root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(self.a, self.live.root, dirs_exist_ok=True)

    def deploy_pages(self) -> None:
        """Copy every file of build B except sw.js over build A."""
        shutil.copytree(self.b, self.live.root, dirs_exist_ok=True, ignore=lambda d, n: {"sw.js"})

    def deploy_worker(self) -> None:
        shutil.copyfile(self.b / "sw.js", self.live.root / "sw.js")


@pytest.fixture(scope="session")  # once per worker, however tests interleave
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SiteServer, Path, Path]]:
    folder = tmp_path_factory.mktemp("update")
    (folder / "www").mkdir()
    server = serve(folder / "www")
    sites = {}
    for name in ("A", "B"):
        project = fixture_project(folder / f"project-{name}")  # small pages: builds in 1 s
        mark(project, name)
        built = build_site(project, folder / f"site-{name}", site_url=f"{server.url}/")
        assert built.ok, built.log
        sites[name] = folder / f"site-{name}"
    # A deploy copies files with their times: B's must be later than A's, or a browser that
    # revalidates A's copy (Last-Modified, one-second resolution) is told 304 and keeps A,
    # and B's worker refuses the mixed copy. Two builds of the small fixture often fall in
    # the same second (this failed in CI).
    later = time.time() + 60
    for file in sites["B"].rglob("*"):
        os.utime(file, (later, later))
    yield server, sites["A"], sites["B"]
    server.stop()


@pytest.fixture
def builds(two_builds: tuple[SiteServer, Path, Path]) -> TwoBuilds:
    server, a, b = two_builds
    if server.server is None:
        server.start()
    builds = TwoBuilds(LiveSite(server), a, b)
    builds.start_with_a()
    return builds


@pytest.fixture
def phone_context(browser: WatchedBrowser) -> Iterator[Any]:
    """One phone browser for the whole test: it keeps its service worker between pages."""
    context = browser.new_context(**PHONE_CONTEXT, **WITH_WORKER)
    yield context
    context.close()


def shown(page: Any) -> tuple[str, str]:
    title, css = page.evaluate(SHOWN_BUILD)
    return title, css


def wait_for_page_of_build(page: Any, live: LiveSite, url: str, build: str) -> None:
    page.wait_for_url(lambda address: live.url_of(address) == url, wait_until="commit")
    page.wait_for_function("build => document.title.endsWith(build)", arg=build)
    page.wait_for_load_state("load")
    page.wait_for_function(STYLED)
    assert shown(page) == (build, build), url


def test_open_page_stays_on_its_build_and_the_next_page_is_new(
    builds: TwoBuilds, phone_context: Any
) -> None:
    live = builds.live
    page = phone_context.new_page()
    visit_once_and_wait_for_the_offline_copy(page, live)
    assert shown(page) == ("A", "A")

    # B's pages are on the server, its sw.js not yet: the phone keeps showing A, whole.
    builds.deploy_pages()
    page.goto(live.server.page_url(), wait_until="load")
    assert shown(page) == ("A", "A")
    href = tap_next(page)
    assert href is not None
    wait_for_page_of_build(page, live, live.url_of(href), "A")

    # sw.js arrives: B is downloaded and takes over; the page on screen still gets only A,
    # and says that the next page (or this one reloaded) is the new content.
    builds.deploy_worker()
    assert page.evaluate(CHECK_FOR_UPDATE) == "activated"
    assert shown(page) == ("A", "A")
    assert page.evaluate(FETCHED_BUILD) == ["A", "A"]
    expect(page.locator(".hb-toast")).to_have_text(UPDATED)
    expect(page.locator(".hb-offline-status > p:visible")).to_have_text(UPDATED)

    # The next tap loads the next page of B in full (not by instant navigation).
    page.evaluate("window.__sameDocument = true")
    href = tap_next(page)
    assert href is not None
    wait_for_page_of_build(page, live, live.url_of(href), "B")
    assert page.evaluate("window.__sameDocument") is None
    assert page.evaluate(FETCHED_BUILD) == ["B", "B"]

    # From now on, with or without network, every page is B, and only B's copy is kept.
    go_offline(live, phone_context)
    page.reload(wait_until="load")
    assert shown(page) == ("B", "B")
    urls = [live.server.page_url(url) for url in site_pages(live.root)]
    titles = page.evaluate(PAGE_TITLES, urls)
    assert [url for url, title in zip(urls, titles, strict=True) if not title.endswith("B")] == []
    page.wait_for_function(f"async () => ({BUILD_CACHES})() === 1")


def test_page_opened_after_the_update_is_new_at_once(builds: TwoBuilds, phone_context: Any) -> None:
    live = builds.live
    page = phone_context.new_page()
    visit_once_and_wait_for_the_offline_copy(page, live)  # loaded from the network
    builds.deploy_pages()
    builds.deploy_worker()
    assert page.evaluate(CHECK_FOR_UPDATE) == "activated"
    assert page.evaluate(FETCHED_BUILD) == ["A", "A"]  # the first-visit page is A's too

    page.goto(live.server.page_url("quizzes/"), wait_until="load")
    assert shown(page) == ("B", "B")
    assert page.evaluate(READY)


def test_worker_that_arrives_before_its_pages_is_refused(
    builds: TwoBuilds, phone_context: Any
) -> None:
    """A deploy that copies sw.js first: its copy would mix builds, so it is not installed."""
    live = builds.live
    page = phone_context.new_page()
    visit_once_and_wait_for_the_offline_copy(page, live)

    builds.deploy_worker()  # sw.js of B, every other file still A
    assert page.evaluate(CHECK_FOR_UPDATE) == "redundant"
    href = tap_next(page)
    assert href is not None
    wait_for_page_of_build(page, live, live.url_of(href), "A")
    page.reload(wait_until="load")
    assert shown(page) == ("A", "A")

    builds.deploy_pages()  # the deploy completes: now B installs
    assert page.evaluate(CHECK_FOR_UPDATE) == "activated"
    page.reload(wait_until="load")
    assert shown(page) == ("B", "B")
