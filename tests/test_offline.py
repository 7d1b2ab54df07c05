"""Offline copy: what the build writes, and reading every page with the network cut.

The browser tests use the session's build, made with `site_url` set to the address of its server:
Material's instant navigation only takes over links listed in sitemap.xml, which needs it.
Each test stops that server to go offline; the next test starts it again on the same port.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from macros.site import offline
from macros.site.bundles import COMMON_JS

from .support import ROOT
from .support.browser import (
    PHONE_CONTEXT,
    WATCH_TOASTS,
    WITH_WORKER,
    ConsoleLog,
    WatchedBrowser,
    deliver_until,
    leaving_page,
    restyles,
    wait_for_instant_navigation,
)
from .support.html import Page
from .support.journey import entry_on_screen, tap_first_result, type_query, where_is
from .support.offline import (
    READY,
    LiveSite,
    Traffic,
    go_offline,
    site_pages,
    tap_next,
    visit_once_and_wait_for_the_offline_copy,
    wait_for_page,
    wait_for_the_offline_script,
)
from .support.server import SiteServer
from .support.sweep import FULL, sample

pytestmark = pytest.mark.xdist_group("offline")  # its tests share a build: one worker

# --- what the build writes -------------------------------------------------------------------


def worker_build(site: Path) -> dict[str, Any]:
    first_line = (site / "sw.js").read_text(encoding="utf-8").split("\n", 1)[0]
    return json.loads(first_line.removeprefix("const BUILD = ").removesuffix(";"))


@pytest.mark.build
def test_the_worker_lists_every_page_and_asset_with_its_hash(built_site: Path) -> None:
    build = worker_build(built_site)
    listed = {path: (sha, size) for _url, path, sha, size in build["files"]}
    for url in site_pages(built_site):
        assert url in {url for url, _path, _sha, _size in build["files"]}, url
    for path, (sha, size) in listed.items():
        data = (built_site / path).read_bytes()
        assert (sha256(data).hexdigest()[:16], len(data)) == (sha, size), path
    for needed in (
        "search/search_index.json",
        "search/handbook_index.json",
        "sitemap.xml",
        "404.html",
        "manifest.webmanifest",
    ):
        assert needed in listed
    css_js = {p.relative_to(built_site).as_posix() for p in built_site.glob("assets/**/*.*s")}
    unused = {
        p for p in css_js if re.fullmatch(r"assets/javascripts/workers/search\.\w+\.min\.js", p)
    }
    assert {p for p in css_js if p.endswith((".css", ".js"))} - unused <= set(listed)


@pytest.mark.build
def test_the_worker_leaves_out_what_readers_never_need(built_site: Path) -> None:
    listed = [path for _url, path, _sha, _size in worker_build(built_site)["files"]]
    assert not [p for p in listed if p.endswith(".map")]
    assert not [p for p in listed if p.startswith("_content/")]
    assert "sw.js" not in listed and "sitemap.xml.gz" not in listed
    # Material's own search worker (the page runs ours) and its PNG favicon (ours is the SVG)
    assert not [p for p in listed if p.startswith("assets/javascripts/workers/search.")]
    assert "assets/images/favicon.png" not in listed
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
        # The common script loads the one that registers the service worker once the page is
        # in (assets/js/widgets.js, assets/js/offline.js).
        scripts = [attrs.get("src", "") for attrs in html.attrs("script")]
        assert any(src.endswith(COMMON_JS) for src in scripts), url
    assert "assets/offline.js" in (built_site / COMMON_JS).read_text(encoding="utf-8")
    assert "sw.js" in (built_site / "assets" / "offline.js").read_text(encoding="utf-8")


# --- in the browser -----------------------------------------------------------------------------


@pytest.fixture
def live(site: SiteServer) -> Iterator[LiveSite]:
    """The session's site, answering; a test that takes the network away has it back after."""
    if site.server is None:
        site.start()
    yield LiveSite(site)
    if site.server is None:
        site.start()


@pytest.fixture
def phone_context(browser: WatchedBrowser) -> Iterator[Any]:
    """A phone whose browser keeps its service worker between pages (one context)."""
    context = browser.new_context(**PHONE_CONTEXT, **WITH_WORKER)
    yield context
    context.close()


def walk_on(page: Any, live: LiveSite, taps: int | None) -> list[str]:
    """Tap "next" `taps` times (None: to the last page), each page by instant navigation."""
    page.evaluate("window.__sameDocument = true")
    seen = []
    while (taps is None or len(seen) < taps) and (href := tap_next(page)) is not None:
        current = live.url_of(href)
        wait_for_page(page, live, current)
        assert page.evaluate("window.__sameDocument === true"), f"{current}: page was reloaded"
        seen.append(current)
    return seen


def full_load(page: Any, live: LiveSite, url: str) -> None:
    """Open `url` as a navigation request (not a fetch): the service worker answers it."""
    page.goto(live.server.page_url(url), wait_until="load")
    assert page.title() == live.title_of(url)
    assert page.locator("h1").count() == 1, url
    assert page.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)"
    ), f"{url}: a stylesheet did not load"


@pytest.mark.browser
@pytest.mark.sweep
def test_after_one_visit_every_page_opens_without_network(
    live: LiveSite, phone_context: Any
) -> None:
    """In full (scripts/full_sweeps.py): from the home page, "next" to the last page by instant
    navigation, then a full load of every page that did not reach. In the suite: a few pages
    of each part (chapters, checklists, quizzes) each way."""
    pages = site_pages(live.root)
    page = phone_context.new_page()
    traffic = Traffic.watch(page)
    visit_once_and_wait_for_the_offline_copy(page, live)
    go_offline(live, phone_context)
    traffic.clear()

    # Instant navigation: tap "next" from the home page, with no reload.
    seen = ["", *walk_on(page, live, None if FULL else 3)]
    if not FULL:  # into each part by a full load, then on by instant navigation
        for part in ("checklists/", "quizzes/"):
            full_load(page, live, part)
            seen += [part, *walk_on(page, live, 2)]
    assert "checklists/" in seen and "quizzes/" in seen
    assert any(url.startswith("checklists/") and url != "checklists/" for url in seen)
    assert any(url.startswith("quizzes/") and url != "quizzes/" for url in seen)

    # Full loads: every page instant navigation did not reach (in the suite, three of them),
    # and one page of each kind; then a reload.
    kinds = ("checklists/", "quizzes/", "")
    samples = [next(u for u in seen if u.startswith(k) and u != k) for k in kinds]
    for url in [*sample([u for u in pages if u not in seen], 3), *samples]:
        full_load(page, live, url)
    page.reload(wait_until="load")
    assert page.title() == live.title_of(live.url_of(page.url))

    assert traffic.failed == []
    assert traffic.answered and all(from_sw for _url, from_sw in traffic.answered), [
        url for url, from_sw in traffic.answered if not from_sw
    ]


@pytest.mark.browser
def test_search_works_offline(live: LiveSite, phone_context: Any) -> None:
    page = phone_context.new_page()
    traffic = Traffic.watch(page)
    live.server.answered.clear()
    visit_once_and_wait_for_the_offline_copy(page, live)
    # The page being read was downloaded once: the copy revalidated it (304), no second body.
    first = [status for path, status in live.server.answered if path in ("/", "/index.html")]
    assert first == [200, 304]
    go_offline(live, phone_context)
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
@pytest.mark.search
def test_an_address_the_handbook_lacks_leads_back_online_and_offline(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """A stale link (a bookmark, or a link passed round in a chat, to a page since renamed):
    the handbook's own page says so and leads home, to 禁语速查 and to search. Online the
    server sends it (GitHub Pages does); offline the phone's copy of it."""
    # The browser logs the address's 404 itself, and offline the worker's try of the network
    # for it (the page may exist in a newer build) before it answers with its copy.
    console.allow(r"status of 404|net::ERR_FAILED")
    page = phone_context.new_page()
    traffic = Traffic.watch(page)
    missing = live.server.page_url("jinyu-sucha/")
    visit_once_and_wait_for_the_offline_copy(page, live)
    for network in ("online", "offline"):
        if network == "offline":
            go_offline(live, phone_context)
        page.goto(missing, wait_until="load")
        assert page.locator("h1").inner_text() == "找不到这个页面", network
        assert page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)"
        )
        page.locator(".hb-notfound a", has_text="禁语速查").tap()
        wait_for_page(page, live, "phrasing/")
        page.go_back(wait_until="load")
        page.locator(".hb-notfound label", has_text="搜索").tap()
        type_query(page, "太贵了")
        assert tap_first_result(page), f"no result listed ({network})"
        assert entry_on_screen(page, ["tai-gui"]) == "tai-gui", where_is(page, "tai-gui")
    assert set(traffic.failed) <= {f"{missing} net::ERR_FAILED"}


@pytest.mark.browser
def test_checklists_and_quizzes_work_offline(live: LiveSite, phone_context: Any) -> None:
    pages = site_pages(live.root)
    checklist = next(u for u in pages if re.fullmatch(r"checklists/(?!print/)[^/]+/", u))
    quiz = next(u for u in pages if re.fullmatch(r"quizzes/[^/]+/", u))
    page = phone_context.new_page()
    traffic = Traffic.watch(page)
    visit_once_and_wait_for_the_offline_copy(page, live)
    go_offline(live, phone_context)

    # Tick the first row of a checklist; the tick is still there after reloading offline.
    page.goto(live.server.page_url(checklist), wait_until="load")
    form = page.locator("[data-checklist]")
    form.locator("[data-checklist-bar]").wait_for()
    form.locator("label.hb-check__row").first.tap()
    assert form.locator("input[data-item]:checked").count() == 1
    page.reload(wait_until="load")
    page.locator("[data-checklist] [data-checklist-bar]").wait_for()
    assert page.locator("[data-checklist] input[data-item]:checked").count() == 1

    # Answer the first question of a quiz: the verdict shows.
    page.goto(live.server.page_url(quiz), wait_until="load")
    page.locator(".quiz.is-live").wait_for()
    page.locator(".quiz-q.is-on .quiz-text").first.click()
    page.get_by_role("button", name="确定").click()
    assert page.locator(".quiz-verdict").inner_text().strip() != ""

    assert traffic.failed == []


# What the foot of a page says about the offline copy (assets/js/offline.js).
SAVED = "没网也能打开"
STATUS = ".hb-offline-status > p:visible"  # the line of the state the copy is in


OFFLINE_SOURCE = ROOT / "overrides" / "assets" / "js" / "offline.js"
HELD_BACK = "phrasing/"  # precached, not the page being read


@dataclass
class HeldBack:
    """One page of the first copy, held back by the test until `release`."""

    context: Any
    url: str
    routes: list[Any] = field(default_factory=list)

    def release(self) -> None:
        for route in self.routes:  # before unroute, which would let them go itself
            route.continue_()
        self.context.unroute(self.url)


def saving_with_one_page_held_back(live: LiveSite, context: Any) -> tuple[Any, HeldBack]:
    """A first visit whose copy is under way (the foot says so) and cannot end on its own."""
    held = HeldBack(context, f"{live.server.url}/{HELD_BACK}")
    context.route(held.url, lambda route: held.routes.append(route))
    page = context.new_page()
    page.goto(live.server.page_url(), wait_until="load")
    expect(page.locator(STATUS)).to_contain_text("正在把手册存到本机", timeout=15_000)
    return page, held


@pytest.mark.browser
def test_the_phone_says_while_the_handbook_is_saved_and_when_it_is(
    live: LiveSite, phone_context: Any, tmp_path: Path
) -> None:
    """Until the first copy is complete no page opens without network (20 s and more on slow
    3G): a toast says so when it begins (the foot, which says how far it is, may be screens
    away: a weak-network audit), another when it is done, and every page after says so.
    Saying so restyles the toast and the foot, not the page: toasts put straight into <body>
    had Chromium restyle every element as they came and went (on 禁语速查, 2,100 elements and
    60–100 ms at a time on a cheap phone), and the foot was rewritten at every file saved."""
    page, held = saving_with_one_page_held_back(live, phone_context)
    status = page.locator(STATUS)
    expect(status).to_contain_text("没网时打不开")
    expect(page.locator(".hb-toast")).to_contain_text("正在把手册存到本机")
    expect(page.locator(".hb-toast")).to_contain_text("没网时打不开")
    # Everything but the page held back is in: the share of the bytes, not of the files (a
    # count of files read 98% with the longest page still to come).
    files = worker_build(live.root)["files"]
    total = sum(size for _url, _path, _sha, size in files)
    left = next(size for url, _path, _sha, size in files if url == HELD_BACK)
    expect(status.locator("[data-percent]")).to_have_text(f"{100 * (total - left) // total}%")
    # Every byte in, the copy not yet switched on: 已存 100% beside 存好之前 read as a
    # contradiction. (Every figure the foot shows from here on.)
    page.evaluate(
        """window.hbPercents = []; new MutationObserver(() => window.hbPercents.push(
             document.querySelector('.hb-offline-status [data-percent]').textContent))
           .observe(document.querySelector('.hb-offline-status'),
                    { subtree: true, childList: true, characterData: true })"""
    )
    elements = page.evaluate("document.getElementsByTagName('*').length")
    with restyles(page, tmp_path / "trace.json") as restyled:
        held.release()
        toast = page.locator(".hb-toast")
        expect(toast).to_contain_text(SAVED, timeout=15_000)  # in place of the first toast
        expect(status).to_contain_text(SAVED)
    assert "99%" in page.evaluate("window.hbPercents") and "100%" not in page.evaluate(
        "window.hbPercents"
    )
    # (Traced up to here: the tap below may follow a link it reaches, a new page to style.)
    assert max(restyled) < elements / 10, f"{restyled} of {elements} elements"
    # A tap on the toast takes it away and nothing else: it went through to what lay under,
    # unseen (a first visit's tap to close it opened 对练).
    box = toast.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate(
        """([x, y]) => { const toast = document.querySelector(".hb-toast");
             toast.style.visibility = "hidden";
             document.elementFromPoint(x, y).addEventListener(
               "click", () => { window.hbTapped = true; }, { capture: true, once: true });
             toast.style.visibility = ""; }""",
        [x, y],
    )
    address = page.url
    page.touchscreen.tap(x, y)
    expect(toast).to_have_count(0)
    assert not page.evaluate("window.hbTapped === true")
    assert page.url == address
    assert page.evaluate(READY)

    page.locator("a.md-footer__link--next").click()  # instant navigation: a new foot
    expect(page.locator(STATUS)).to_contain_text(SAVED)
    page.reload(wait_until="load")
    expect(page.locator(STATUS)).to_contain_text(SAVED)
    expect(page.locator(".hb-toast")).to_have_count(0)


@pytest.mark.browser
def test_the_first_save_begins_with_what_the_first_search_needs(
    live: LiveSite, phone_context: Any, built_site: Path
) -> None:
    """On a weak line the whole handbook's download took the line for a minute, and the first
    search waited 25 s for its index behind it: the worker saves the index and the engine
    first, alone, then the rest a few at a time."""
    first = {f"{live.server.url}/{url}" for url in worker_build(built_site)["first"]}
    assert len(first) == 2
    events: list[tuple[str, str]] = []
    saving = lambda request: request.service_worker is not None  # noqa: E731
    phone_context.on("request", lambda r: saving(r) and events.append(("asked", r.url)))
    phone_context.on("requestfinished", lambda r: saving(r) and events.append(("got", r.url)))
    page = phone_context.new_page()
    page.goto(live.server.page_url(), wait_until="load")
    page.wait_for_function(READY, timeout=30_000)
    asked = [url for what, url in events if what == "asked" and not url.endswith("/sw.js")]
    assert set(asked[:2]) == first, asked[:5]
    others_begin = events.index(("asked", asked[2]))
    assert {url for what, url in events[:others_begin] if what == "got"} >= first
    # a few at a time: a page opened meanwhile gets a connection at once
    in_flight = peak = 0
    for what, url in events:
        if url in first or url.endswith("/sw.js"):
            continue
        in_flight += 1 if what == "asked" else -1
        peak = max(peak, in_flight)
    assert 1 < peak <= 4


@pytest.mark.browser
def test_a_tap_offline_before_the_first_save_says_why_nothing_opens(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """A first visit on a weak line, then no signal before the copy was saved: a tap changed
    the address and left the page as it was, without a word (or ended on the browser's own
    error page). The tap stays put and says why."""
    console.allow(r"sw\.js|ServiceWorker|fetching the script")
    # and what the page fetches itself while offline (the search index, a moment after load)
    console.allow(r"ERR_INTERNET_DISCONNECTED")
    phone_context.route("**/sw.js", lambda route: route.abort())  # never saved
    serve_script_with(phone_context, "assets/offline.js", OFFLINE_SOURCE, SLOW="500")
    page = phone_context.new_page()
    page.goto(live.server.page_url(), wait_until="load")
    wait_for_instant_navigation(page)
    wait_for_the_offline_script(page)
    address = page.url
    phone_context.set_offline(True)
    page.locator("a.md-footer__link--next").tap()
    expect(page.locator(".hb-toast")).to_have_text(
        "没有网络，手册还没存完：这一页现在打不开，联网后再点。"
    )
    # and not, after a while, 网络很慢，这一页还在打开 for a page that is not on its way
    page.wait_for_timeout(1000)
    expect(page.locator(".hb-toast")).to_have_text(
        "没有网络，手册还没存完：这一页现在打不开，联网后再点。"
    )
    # Still this page; at the foot, Material's section tracking may have put the last
    # section's fragment (#more) in the address.
    assert page.url.partition("#")[0] == address.partition("#")[0]
    phone_context.set_offline(False)
    with leaving_page(page):
        page.locator("a.md-footer__link--next").tap()  # online again: it opens
    assert page.url.partition("#")[0] != address.partition("#")[0]


def first_requests(context: Any, url: str, times: int, answer: Any) -> list[Any]:
    """The first `times` requests for `url` get `answer(route)` (an answer that does nothing
    leaves the request hanging: no byte, no error); later ones go through. The routes met."""
    met: list[Any] = []

    def handle(route: Any) -> None:
        if len(met) < times:
            met.append(route)
            answer(route)
        else:
            route.continue_()

    context.route(url, handle)
    return met


def serve_script_with(context: Any, script: str, source: Path, **constants: str) -> None:
    """The site's `script` (`sw.js`, `assets/offline.js`) as `source` has it with some of its
    constants shortened (STALL="1_000"), so a test need not wait minutes for what it does
    after them; each must be in the script once."""
    text = source.read_text(encoding="utf-8")
    for name, value in constants.items():
        found = re.findall(rf"const {name} = [\d_]+;", text)
        assert len(found) == 1, name
        text = text.replace(found[0], f"const {name} = {value};")
    context.route(
        f"**/{script}", lambda route: route.fulfill(body=text, content_type="text/javascript")
    )


@pytest.mark.browser
def test_a_download_broken_off_while_saving_is_tried_again_without_a_reload(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """A short drop while the first copy is saved (the lift): the save went on only after a
    full page load, and a reader opening pages by instant navigation met the browser's error
    page at the next dead spot. The worker tries the broken download again by itself."""
    console.allow(r"sw\.js|Failed to fetch|ERR_CONNECTION_RESET")
    one_file = f"{live.server.url}/phrasing/"  # precached, not the page being read
    drops = first_requests(phone_context, one_file, 2, lambda r: r.abort("connectionreset"))
    page = phone_context.new_page()
    page.goto(live.server.page_url(), wait_until="load")
    expect(page.locator(".hb-toast")).to_contain_text(SAVED, timeout=30_000)
    assert len(drops) == 2
    assert page.evaluate(READY)
    expect(page.locator(STATUS)).not_to_contain_text("网络断了")


@pytest.mark.browser
def test_a_download_that_stalls_while_saving_is_broken_off_and_tried_again(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """A connection that stops carrying data without closing (a handover between cells): the
    copy stood at 28% for good, until the browser dropped the install without a word. The
    worker gives a download STALL without a byte and tries it again on a new connection
    (STALL is shortened here from 20 s to 1 s)."""
    console.allow(r"sw\.js|Failed to fetch|aborted")
    serve_script_with(phone_context, "sw.js", live.root / "sw.js", STALL="1_000")
    one_file = f"{live.server.url}/phrasing/"  # precached, not the page being read
    held = first_requests(phone_context, one_file, 1, lambda route: None)  # never answered
    page = phone_context.new_page()
    page.goto(live.server.page_url(), wait_until="load")
    expect(page.locator(".hb-toast")).to_contain_text(SAVED, timeout=30_000)
    assert len(held) == 1
    assert page.evaluate(READY)


@pytest.mark.browser
def test_a_file_that_cannot_be_had_for_a_while_ends_the_copy_as_a_broken_line(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """The worker tries a broken download again until no byte has come for RETRY_FOR
    (shortened here from two minutes to 3 s, its tries 0.5 s apart at most): then the foot says
    the copy waits for the line, rather than 正在存 for as long as the line stays bad."""
    console.allow(r"sw\.js|Failed to fetch|ERR_CONNECTION_REFUSED")
    serve_script_with(
        phone_context, "sw.js", live.root / "sw.js", RETRY_FOR="3_000", RETRY_MAX_WAIT="500"
    )
    phone_context.route(
        f"{live.server.url}/phrasing/", lambda route: route.abort("connectionrefused")
    )
    page = phone_context.new_page()
    page.goto(live.server.page_url(), wait_until="load")
    expect(page.locator(STATUS)).to_contain_text("网络断了或太慢", timeout=15_000)


@pytest.mark.browser
def test_a_copy_too_slow_to_end_in_time_says_so_and_goes_on_at_the_next_page(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """Chromium stops a worker whose install runs five minutes, and the page is not told: on a
    line too slow for the copy the foot said 正在存 for good. The install ends itself first, as
    a broken line does, and the next page goes on (INSTALL_LIMIT shortened here to 4 s)."""
    console.allow(r"sw\.js|Failed to fetch|aborted|ran out of time")
    serve_script_with(phone_context, "sw.js", live.root / "sw.js", INSTALL_LIMIT="4_000")
    page, held = saving_with_one_page_held_back(live, phone_context)
    expect(page.locator(STATUS)).to_contain_text("网络断了或太慢", timeout=15_000)
    phone_context.unroute("**/sw.js")
    held.release()
    with leaving_page(page):
        page.locator("a.md-footer__link--next").tap()
    expect(page.locator(STATUS)).to_contain_text(SAVED, timeout=30_000)
    assert page.evaluate(READY)


@pytest.mark.browser
@pytest.mark.parametrize("lost", ["sw.js", "assets/offline.js"])
def test_a_copy_whose_script_never_came_starts_on_the_next_page(
    live: LiveSite, phone_context: Any, console: ConsoleLog, lost: str
) -> None:
    """The line went just after the first page loaded, while a script of the copy was on its
    way: the worker's own, or the one that registers it, which comes after the page
    (assets/js/widgets.js). Nothing was saved and nothing said until a reload (pages opened by
    instant navigation load no document). The next page starts the copy."""
    console.allow(r"sw\.js|offline\.js|ServiceWorker|fetching the script|INTERNET_DISCONNECTED")
    refused = first_requests(
        phone_context, f"**/{lost}", 1, lambda r: r.abort("internetdisconnected")
    )
    page = phone_context.new_page()
    with phone_context.expect_event("requestfailed", lambda r: r.url.endswith(lost)):
        page.goto(live.server.page_url(), wait_until="load")
    wait_for_instant_navigation(page)
    assert refused
    assert page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => !r)")
    with leaving_page(page):
        page.locator("a.md-footer__link--next").tap()
    expect(page.locator(STATUS)).to_contain_text(SAVED, timeout=30_000)
    assert page.evaluate(READY)


def tap_next_held(live: LiveSite, context: Any, **constants: str) -> tuple[Any, list[Any]]:
    """A first visit with no offline copy yet (its worker never comes) and assets/offline.js
    with `constants`: the next page's link tapped, its page held back (the routes met)."""
    context.route("**/sw.js", lambda route: route.abort("internetdisconnected"))
    serve_script_with(context, "assets/offline.js", OFFLINE_SOURCE, **constants)
    page = context.new_page()
    page.goto(live.server.page_url(), wait_until="load")
    wait_for_instant_navigation(page)
    wait_for_the_offline_script(page)
    link = page.locator("a.md-footer__link--next")
    held = first_requests(context, link.get_attribute("href") or "", 1, lambda route: None)
    link.tap()
    # A test that went offline at once found nothing held yet (seen once in CI).
    deliver_until(page, lambda: bool(held), "the tapped page was never requested")
    return page, held


@pytest.mark.browser
def test_a_tapped_page_slow_to_come_is_said_to_be_on_its_way(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """On a weak line a tapped page took many seconds, and only Material's thin bar moved: the
    tap seemed not taken. After a while a toast says the page is on its way, until it is in."""
    console.allow(r"sw\.js|fetching the script")
    page, held = tap_next_held(live, phone_context, SLOW="500")
    toast = page.locator(".hb-toast")
    expect(toast).to_have_text("网络很慢，这一页还在打开，请稍等。")
    with leaving_page(page):
        held[0].continue_()
    expect(toast).to_have_count(0)


@pytest.mark.browser
def test_a_line_lost_while_a_tapped_page_comes_keeps_the_page_and_says_why(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """The line went while a tapped page was on its way, before the first copy was complete:
    Material loaded the page in full, and the browser showed its own error page. The page
    stays, with its own address, and the reader is told why."""
    console.allow(r"sw\.js|fetching the script|ERR_INTERNET_DISCONNECTED")
    page, held = tap_next_held(live, phone_context)
    start = live.server.page_url()
    phone_context.set_offline(True)
    held[0].abort("internetdisconnected")
    expect(page.locator(".hb-toast")).to_have_text(
        "没有网络，手册还没存完：这一页现在打不开，联网后再点。"
    )
    # The page's own address; with the section scrolled to, as Material's tracking writes it
    # (the footer's link is under 更多内容: #more, when its debounce came before the tap).
    # (Awaited: going offline already says why, before the broken download is handled.)
    page.wait_for_function("s => location.href.split('#')[0] === s", arg=start)
    expect(page.locator("[data-leads-to-chapters]").first).to_be_attached()  # the home page
    expect(page.locator(".md-progress")).to_have_css("--md-progress-value", "0")


@pytest.mark.browser
def test_a_line_lost_while_a_tapped_page_stalls_says_why_instead_of_asking_to_wait(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """The line went while a tapped page was on its way and its download stalled (no error,
    no byte): 网络很慢，请稍等 came for a page that could not come. Going offline says why."""
    console.allow(r"sw\.js|fetching the script|ERR_INTERNET_DISCONNECTED")
    page, _held = tap_next_held(live, phone_context, SLOW="1500")
    phone_context.set_offline(True)
    cut = "没有网络，手册还没存完：这一页现在打不开，联网后再点。"
    expect(page.locator(".hb-toast")).to_have_text(cut)
    page.wait_for_timeout(2000)  # past SLOW
    expect(page.locator(".hb-toast")).to_have_text(cut)


@pytest.mark.browser
def test_without_a_line_the_foot_says_the_copy_waits_and_it_goes_on_after(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """The line gone halfway through the first copy: the foot went on saying 正在把手册存到本机
    （已存 58%） for as long. It says the line is gone, and the copy goes on when it is back."""
    console.allow(r"sw\.js|Failed to fetch|ERR_INTERNET_DISCONNECTED")
    page, held = saving_with_one_page_held_back(live, phone_context)
    status = page.locator(STATUS)
    phone_context.set_offline(True)
    expect(status).to_have_text("手册还没存完（网络断了或太慢）：联网后或打开下一页时会接着存。")
    phone_context.set_offline(False)
    held.release()
    expect(status).to_contain_text(SAVED, timeout=30_000)


@pytest.mark.browser
def test_a_file_of_another_build_is_a_deploy_in_progress_not_a_dropped_line(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """The server has a file of another build (a deploy half done, a stale proxy): the copy
    is not saved, and the reader is told to try again later, not that the network broke
    (which the preview said on every page, where the server adds a script to each)."""
    console.allow(r"sw\.js|not the file of build")
    one_file = f"{live.server.url}/phrasing/"
    phone_context.route(
        one_file,
        lambda route: route.fulfill(status=200, body="<p>另一版</p>", content_type="text/html"),
    )
    page = phone_context.new_page()
    page.goto(live.server.page_url(), wait_until="load")
    expect(page.locator(".hb-toast")).to_contain_text("网站正在更新", timeout=30_000)
    expect(page.locator(STATUS)).to_contain_text("过几分钟再打开手册")
    expect(page.locator(STATUS)).not_to_contain_text("网络断了")


@pytest.mark.browser
def test_a_phone_without_room_for_the_copy_is_told_and_not_made_to_download_it_again(
    live: LiveSite, phone_context: Any, console: ConsoleLog
) -> None:
    """A nearly full phone: the install fails for want of space, on every page load again,
    each time downloading files it cannot keep. Say so, and try again only a day later."""
    console.allow(r"QuotaExceeded|Quota exceeded|sw\.js")
    page = phone_context.new_page()
    # what a screen reader hears: the toast's live region is there before its words arrive
    page.add_init_script(WATCH_TOASTS)
    cdp = phone_context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": live.server.url, "quotaSize": 500_000})
    page.goto(live.server.page_url(), wait_until="load")
    status = page.locator(STATUS)
    expect(status).to_contain_text("存储空间不够", timeout=30_000)
    expect(status).to_contain_text("没网时打不开")
    # said where the reader looks too, not only at the foot, screens below
    expect(page.locator(".hb-toast")).to_contain_text("存储空间不够")  # in place of 正在存
    assert page.evaluate("window.hbLive") in ([["status", ""]], [["status", ""]] * 2)

    fetched: list[str] = []
    phone_context.on("request", lambda request: fetched.append(request.url))
    page.reload(wait_until="load")
    expect(page.locator(STATUS)).to_contain_text("存储空间不够")
    page.wait_for_timeout(500)  # what the worker would have fetched by now, were it installing
    assert not [url for url in fetched if url.endswith("sw.js") or "/phrasing/" in url]
