"""Offline copy: what the build writes, and reading every page with the network cut.

The browser tests build the site with `site_url` set to the address of their own server:
Material's instant navigation only takes over links listed in sitemap.xml, which is empty
without `site_url`.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

import pytest

from macros.site import offline

from .browser_fixtures import PHONE, SiteServer, serve
from .conftest import copy_project, run_build
from .html import Page

# --- what the build writes -------------------------------------------------------------------


def worker_build(site: Path) -> dict[str, Any]:
    first_line = (site / "sw.js").read_text(encoding="utf-8").split("\n", 1)[0]
    return json.loads(first_line.removeprefix("const BUILD = ").removesuffix(";"))


def site_pages(site: Path) -> list[str]:
    """URLs (relative to the site root) of every page a reader can open."""
    return sorted(
        offline.url_of(p.relative_to(site).as_posix())
        for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith("_")
    )


@pytest.mark.build
def test_the_worker_lists_every_page_and_asset_with_its_hash(built_site: Path) -> None:
    build = worker_build(built_site)
    listed = {path: sha for _url, path, sha in build["files"]}
    for url in site_pages(built_site):
        assert url in {url for url, _path, _sha in build["files"]}, url
    for path, sha in listed.items():
        assert sha256((built_site / path).read_bytes()).hexdigest()[:16] == sha, path
    for needed in ("search/search_index.json", "sitemap.xml", "404.html", "manifest.webmanifest"):
        assert needed in listed
    css_js = {p.relative_to(built_site).as_posix() for p in built_site.glob("assets/**/*.*s")}
    assert {p for p in css_js if p.endswith((".css", ".js"))} <= set(listed)


@pytest.mark.build
def test_the_worker_leaves_out_what_readers_never_need(built_site: Path) -> None:
    listed = [path for _url, path, _sha in worker_build(built_site)["files"]]
    assert not [p for p in listed if p.endswith(".map")]
    assert not [p for p in listed if p.startswith("_content/")]
    assert "sw.js" not in listed and "sitemap.xml.gz" not in listed
    # Only the lunr files the search index's languages need are left on the site at all.
    languages = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    left = {
        p.relative_to(built_site / offline.LUNR_DIR).as_posix()
        for p in built_site.glob(offline.LUNR_DIR + "/**/*.js")
    }
    assert left == offline.lunr_files_needed(languages["config"]["lang"])


def test_lunr_files_follow_materials_search_worker() -> None:
    assert offline.lunr_files_needed(["en"]) == set()
    assert offline.lunr_files_needed(["zh"]) == {
        "min/lunr.stemmer.support.min.js",
        "min/lunr.zh.min.js",
    }
    assert offline.lunr_files_needed(["ja", "en"]) == {
        "tinyseg.js",
        "min/lunr.ja.min.js",
        "min/lunr.multi.min.js",
        "min/lunr.stemmer.support.min.js",
    }


def test_build_hash_changes_with_any_file_and_only_then(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("A", encoding="utf-8")
    (tmp_path / "style.css").write_text("b{}", encoding="utf-8")
    (tmp_path / "style.css.map").write_text("{}", encoding="utf-8")
    first = offline.build_hash(offline.precache_list(tmp_path))
    (tmp_path / "style.css.map").write_text('{"x": 1}', encoding="utf-8")
    assert offline.build_hash(offline.precache_list(tmp_path)) == first
    (tmp_path / "a" / "index.html").write_text("A2", encoding="utf-8")
    assert offline.build_hash(offline.precache_list(tmp_path)) != first
    assert [f.url for f in offline.precache_list(tmp_path)] == ["a/", "style.css"]


@pytest.mark.build
def test_every_page_links_the_manifest_and_the_installable_icons_exist(built_site: Path) -> None:
    manifest = json.loads((built_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "营业厅服务手册"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == manifest["scope"] == "./"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert (built_site / icon["src"]).is_file(), icon["src"]
    for url in site_pages(built_site):
        html = Page(built_site / url / "index.html")
        rels = {attrs.get("rel"): attrs.get("href", "") for attrs in html.attrs("link")}
        assert rels.get("manifest", "").endswith("manifest.webmanifest"), url
        assert (built_site / url / rels["manifest"]).resolve() == (
            built_site / "manifest.webmanifest"
        ).resolve(), url
        assert (built_site / url / rels["apple-touch-icon"]).is_file(), url
        scripts = [attrs.get("src", "") for attrs in html.attrs("script")]
        assert any(src.endswith("assets/js/offline.js") for src in scripts), url


# --- in the browser -----------------------------------------------------------------------------

READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  return !!(registration.active && navigator.serviceWorker.controller);
}"""


@dataclass
class LiveSite:
    """A project copy whose site is built into the folder a loopback server serves."""

    project: Path
    server: SiteServer

    @property
    def root(self) -> Path:
        return self.server.root

    def build(self) -> None:
        result = run_build(self.project, self.root, site_url=f"{self.server.url}/")
        assert result.returncode == 0, result.stdout + result.stderr

    def stop(self) -> None:
        """Cut the network: the server stops answering."""
        self.server.server.shutdown()
        self.server.server.server_close()

    def url_of(self, address: str) -> str:
        """The site-root URL (`phrasing/`) of an address in the browser."""
        return address.removeprefix(self.server.url + "/").split("#", 1)[0]

    def title_of(self, url: str) -> str:
        source = (self.root / url / "index.html").read_text(encoding="utf-8")
        match = re.search(r"<title>(.*?)</title>", source)
        assert match is not None, url
        return html.unescape(match.group(1))


def live_site(tmp_path: Path) -> LiveSite:
    """Serve an empty folder, then build into it with `site_url` set to the server's address."""
    root = tmp_path / "site"
    root.mkdir()
    server = serve(root)
    project = copy_project(tmp_path / "project")
    return LiveSite(project, server)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveSite]:
    site = live_site(tmp_path)
    yield site
    with contextlib.suppress(OSError):
        site.stop()


@pytest.fixture
def phone_context(browser: Any) -> Iterator[Any]:
    """A phone whose browser keeps its service worker between pages (one context)."""
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    yield context
    context.close()


@dataclass
class Traffic:
    """What a page asked for: everything must be answered, by the service worker when offline."""

    failed: list[str]
    errors: list[str]
    answered: list[tuple[str, bool]]

    @classmethod
    def watch(cls, page: Any) -> Traffic:
        traffic = cls([], [], [])
        page.on("requestfailed", lambda r: traffic.failed.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: traffic.answered.append((r.url, r.from_service_worker)))
        page.on("console", lambda m: m.type == "error" and traffic.errors.append(m.text))
        page.on("pageerror", lambda e: traffic.errors.append(str(e)))
        return traffic

    def clear(self) -> None:
        self.failed.clear()
        self.errors.clear()
        self.answered.clear()


def visit_once_and_wait_for_the_offline_copy(page: Any, live: LiveSite) -> None:
    page.goto(live.server.page_url(), wait_until="load")
    page.wait_for_function(READY, timeout=30_000)


def tap_next(page: Any) -> str | None:
    """Tap the "next page" link at the bottom of the page; returns its address, or None at the end."""
    link = page.locator("a.md-footer__link--next")
    if link.count() == 0:
        return None
    href = link.evaluate("a => a.href")
    link.click()
    return href


def wait_for_page(page: Any, live: LiveSite, url: str) -> None:
    # Instant navigation fires no load event; "tracking" may add a #fragment meanwhile.
    page.wait_for_url(lambda address: live.url_of(address) == url, wait_until="commit")
    title = live.title_of(url)
    page.wait_for_function("title => document.title === title", arg=title)
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
@pytest.mark.build
def test_after_one_visit_every_page_opens_without_network(
    live: LiveSite, phone_context: Any
) -> None:
    live.build()
    pages = site_pages(live.root)
    page = phone_context.new_page()
    traffic = Traffic.watch(page)
    visit_once_and_wait_for_the_offline_copy(page, live)

    live.stop()
    phone_context.set_offline(True)
    traffic.clear()

    # Instant navigation: tap "next" from the home page to the last page, with no reload.
    page.evaluate("window.__sameDocument = true")
    seen = [""]
    while (href := tap_next(page)) is not None:
        current = live.url_of(href)
        wait_for_page(page, live, current)
        assert page.evaluate("window.__sameDocument === true"), f"{current}: page was reloaded"
        seen.append(current)
    assert "checklists/" in seen and "quizzes/" in seen
    assert any(url.startswith("checklists/") and url != "checklists/" for url in seen)
    assert any(url.startswith("quizzes/") and url != "quizzes/" for url in seen)

    # Full loads: open and reload every page, including those not in the navigation.
    for url in pages:
        page.goto(live.server.page_url(url), wait_until="networkidle")
        page.reload(wait_until="networkidle")
        assert page.title() == live.title_of(url)
        assert page.locator("h1").count() == 1, url
        assert page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)"
        ), f"{url}: a stylesheet did not load"

    assert traffic.failed == []
    assert traffic.errors == []
    assert traffic.answered and all(from_sw for _url, from_sw in traffic.answered), [
        url for url, from_sw in traffic.answered if not from_sw
    ]


@pytest.mark.browser
@pytest.mark.build
def test_search_works_offline(live: LiveSite, phone_context: Any) -> None:
    live.build()
    page = phone_context.new_page()
    traffic = Traffic.watch(page)
    visit_once_and_wait_for_the_offline_copy(page, live)
    live.stop()
    phone_context.set_offline(True)
    page.reload(wait_until="load")

    page.locator("label[for=__search]").first.click()
    search = page.locator("input.md-search__input")
    search.fill("投诉")
    search.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    assert results.count() > 0
    assert traffic.failed == []


@pytest.mark.browser
@pytest.mark.build
def test_checklists_and_quizzes_work_offline(live: LiveSite, phone_context: Any) -> None:
    live.build()
    pages = site_pages(live.root)
    checklist = next(u for u in pages if re.fullmatch(r"checklists/(?!print/)[^/]+/", u))
    quiz = next(u for u in pages if re.fullmatch(r"quizzes/[^/]+/", u))
    page = phone_context.new_page()
    traffic = Traffic.watch(page)
    visit_once_and_wait_for_the_offline_copy(page, live)
    live.stop()
    phone_context.set_offline(True)

    # Tick the first row of a checklist; the tick is still there after reloading offline.
    page.goto(live.server.page_url(checklist), wait_until="networkidle")
    form = page.locator("[data-checklist]")
    form.locator("[data-checklist-bar]").wait_for()
    form.locator("label.hb-check__row").first.tap()
    assert form.locator("input[data-item]:checked").count() == 1
    page.reload(wait_until="networkidle")
    page.locator("[data-checklist] [data-checklist-bar]").wait_for()
    assert page.locator("[data-checklist] input[data-item]:checked").count() == 1

    # Answer the first question of a quiz: the verdict shows.
    page.goto(live.server.page_url(quiz), wait_until="networkidle")
    page.locator(".quiz.is-live").wait_for()
    page.locator(".quiz-q.is-on .quiz-text").first.click()
    page.get_by_role("button", name="确定").click()
    assert page.locator(".quiz-verdict").inner_text().strip() != ""

    assert traffic.failed == []
    assert traffic.errors == []
