"""What changed since the last visit, in Chromium: two builds of the fixture handbook, one phone.

The fixture is built at /before/ and, after an editor's change, at /after/ on one origin, so
the phone keeps its localStorage between them as between two deployments. The change: an entry
added, a phrase's reason reworded, a procedure step renamed, a checklist with an item added,
one removed and one reworded, and an editors' note (staff never see it: no news).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from .support.browser import (
    PHONE_CONTEXT,
    WITH_WORKER,
    ConsoleLog,
    WatchedBrowser,
    wait_for_instant_navigation,
)
from .support.fixture import fixture_handbook, served_before_and_after
from .support.offline import READY
from .support.server import SiteServer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("whatsnew_browser"),
]  # its tests share two builds: one worker

KEY = "hb-whatsnew:v1"
SEEN = "hb-whatsnew-seen:v1"
BOOK = fixture_handbook()
CHECKLIST = BOOK.checklists.checklists[0]
ADDED = "xin-tiaomu"
ADDED_TITLE = "新加的条目：排队时先分流"
ADDED_ITEM = "banqian-paidui"
ADDED_ITEM_TEXT = "排队叫号机有纸，能正常出号。"
REWORDED_ITEM_TEXT = "工装整洁，工牌端正戴在左胸前。"
STEP_NAME = "耐心倾听需求"


@dataclass(frozen=True)
class Change:
    added: str  # a new entry
    phrase: str  # a phrase whose reason staff read changed
    procedure: str  # a procedure one of whose steps was renamed
    step: str
    checklist: str  # items added, removed and reworded
    item_added: str
    item_removed: str
    item_removed_text: str
    item_reworded: str
    item_reworded_text: str  # before
    unchanged: str  # an entry only the editors' note of which changed

    @property
    def marked(self) -> dict[str, str]:
        """Entry id → the mark it should carry."""
        return {
            self.added: "new",
            self.phrase: "updated",
            self.procedure: "updated",
            self.checklist: "updated",
        }


def edit(content: Path) -> Change:
    def load(name: str) -> Any:
        return yaml.safe_load((content / name).read_text(encoding="utf-8"))

    def save(name: str, data: Any) -> None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (content / name).write_text(text, encoding="utf-8")

    basics = load("basics.yml")
    basics["sections"][0]["entries"].append(
        {
            "kind": "topic",
            "id": ADDED,
            "title": ADDED_TITLE,
            "items": ["先问办什么业务，再请客户取号"],
            "source": "ceshi-kejian",
        }
    )
    procedure = next(
        e for s in basics["sections"] for e in s["entries"] if e["kind"] == "procedure"
    )
    procedure["steps"][1]["name"] = STEP_NAME
    save("basics.yml", basics)

    phrasing = load("phrasing.yml")
    phrases = phrasing["sections"][0]["entries"]
    phrases[1]["reason"] += "客户只会更着急。"
    phrases[0]["editor_note"] = "编辑核对过出处"
    save("phrasing.yml", phrasing)

    checklists = load("checklists.yml")
    items = next(c for c in checklists["checklists"] if c["id"] == CHECKLIST.id)["items"]
    removed = items.pop(1)
    reworded = dict(items[0])
    items[0]["text"] = REWORDED_ITEM_TEXT
    items.append({"id": ADDED_ITEM, "text": ADDED_ITEM_TEXT, "refs": [items[0]["refs"][0]]})
    save("checklists.yml", checklists)
    return Change(
        added=ADDED,
        phrase=phrases[1]["id"],
        procedure=procedure["id"],
        step=procedure["steps"][1]["id"],
        checklist=CHECKLIST.id,
        item_added=ADDED_ITEM,
        item_removed=removed["id"],
        item_removed_text=removed["text"],
        item_reworded=reworded["id"],
        item_reworded_text=reworded["text"],
        unchanged=phrases[0]["id"],
    )


@dataclass(frozen=True)
class Builds:
    server: SiteServer
    root: Path
    change: Change

    def url(self, build: str, path: str = "") -> str:
        return self.server.page_url(f"{build}/{path}")

    def manifest(self, build: str) -> dict[str, Any]:
        path = self.root / build / "assets" / "whatsnew.json"
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data

    def stamp(self, build: str) -> str:
        return str(self.manifest(build)["stamp"])


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    root = tmp_path_factory.mktemp("whatsnew")
    with served_before_and_after(root, edit) as (server, change):
        # What the browser asks the origin for when it shows a file that is not a page.
        (root / "www" / "favicon.ico").write_bytes(b"")
        yield Builds(server, root / "www", change)


# Scroll a heading to 100 px from the top of the screen (below the header), without animation.
SCROLL_TO = "h => scrollTo(0, h.getBoundingClientRect().top + scrollY - 100)"
BELOW_THE_SCREEN = "h => h.getBoundingClientRect().top > innerHeight"
ABOVE_THE_SCREEN = "h => h.getBoundingClientRect().bottom < 48"


@pytest.fixture
def phone_with_worker(browser: WatchedBrowser) -> Iterator[Any]:
    """A phone with service workers (the shared `phone` blocks them): a first visit stores what
    the phone saw once the offline copy is in, as on a real phone."""
    context = browser.new_context(**PHONE_CONTEXT, **WITH_WORKER)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def seen_before(chromium: Any, builds: Builds) -> list[str]:
    """What a phone stores on its first visit to the old build (service worker and offline copy
    included), made once: the tests of later visits start from it on the shared phone, instead
    of each waiting for a worker to copy the whole site."""
    log = ConsoleLog()
    context = WatchedBrowser(chromium, log).new_context(**PHONE_CONTEXT, **WITH_WORKER)
    page = context.new_page()
    page.goto(builds.url("before"))
    wait_until_compared(page, builds.stamp("before"))
    saved: list[str] = page.evaluate(
        "keys => keys.map((k) => localStorage.getItem(k))", [KEY, SEEN]
    )
    context.close()
    assert log.unexpected() == [], "console errors on the first visit"
    assert all(saved), "the first visit stored nothing"
    return saved


def stored(page: Any, key: str = KEY) -> Any:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)


def wait_until_compared(page: Any, stamp: str) -> None:
    """Until the phone has stored the content of the build with `stamp`."""
    page.wait_for_function(
        """([key, stamp]) => {
          try { return JSON.parse(localStorage.getItem(key)).stamp === stamp; }
          catch { return false; }
        }""",
        arg=[KEY, stamp],
    )


def wait_until_seen(page: Any, ident: str) -> None:
    page.wait_for_function(
        "([key, id]) => !JSON.parse(localStorage.getItem(key)).marks.some((m) => m.id === id)",
        arg=[KEY, ident],
    )


def visit_before(page: Any, builds: Builds, seen: list[str]) -> None:
    """The phone as after its first visit to the old build (`seen_before`): what it stored
    then, put back in its storage from a small file of the origin: no page to load."""
    page.goto(builds.url("before", "assets/whatsnew.json"))
    page.evaluate(
        "([keys, values]) => keys.forEach((k, i) => localStorage.setItem(k, values[i]))",
        [[KEY, SEEN], seen],
    )


def home_after_a_visit(page: Any, builds: Builds, seen: list[str]) -> Any:
    """The newer build's home page on a phone that saw the old one: its what's-new box, shown
    as a bar and opened with a tap."""
    visit_before(page, builds, seen)
    page.goto(builds.url("after"))
    box = page.locator("[data-whatsnew]")
    expect(box).to_be_visible()
    return open_home_list(box)


def open_home_list(box: Any) -> Any:
    """Tap the home page's what's-new bar: the list opens under it."""
    bar = box.locator("[data-whatsnew-open]")
    expect(bar).to_have_attribute("aria-expanded", "false")
    bar.click()
    expect(box.locator("[data-whatsnew-body]")).to_be_visible()
    return box


SHOWN = ".md-content[data-whatsnew-shown]"  # whatsnew.js has marked this page


def settled(page: Any) -> None:
    """Until the page shows the marks it will show: whatsnew.js runs where marks wait."""
    if stored(page)["marks"]:
        page.locator(SHOWN).wait_for(state="attached")


def marks(page: Any) -> dict[str, str]:
    """Each marked heading or list item on the page: its id → new or updated."""
    return dict(
        page.eval_on_selector_all(
            "[data-whatsnew-mark]",
            """marks => marks.map((mark) => {
              const owner = mark.closest("[data-whatsnew-item], h1, h2, h3, li[id], label");
              const form = owner.closest("[data-checklist]")?.dataset.checklist;
              // a checklist's title (its h1 has an id of its own, for the 跳到正文 link): the form's
              const title = owner.matches(".hb-form__title") && form;
              const id = owner.dataset.whatsnewItem || title || owner.id || owner.htmlFor || form;
              return [id, mark.dataset.whatsnewMark];
            })""",
        )
    )


def listed(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            "[data-whatsnew-item]", "items => items.map((i) => i.dataset.whatsnewItem)"
        )
    )


# --- first visit ------------------------------------------------------------------------------


def test_a_first_visit_marks_nothing_and_stores_the_manifest(
    phone_with_worker: Any, builds: Builds
) -> None:
    manifests: list[bool] = []  # each fetch of the manifest: from the offline copy?
    phone_with_worker.on(
        "response",
        lambda r: r.url.endswith("/whatsnew.json") and manifests.append(r.from_service_worker),
    )
    phone_with_worker.goto(builds.url("after"))
    wait_until_compared(phone_with_worker, builds.stamp("after"))
    assert manifests == [True], "a first visit takes the manifest from the offline copy"
    assert stored(phone_with_worker)["marks"] == []
    expected = [u for u in builds.manifest("after")["units"] if len(u) == 5]
    assert [block[0] for block in stored(phone_with_worker, SEEN)] == [u[0] for u in expected]
    phone_with_worker.locator(SHOWN).wait_for(state="attached")
    assert phone_with_worker.locator("[data-whatsnew]").is_hidden()
    assert marks(phone_with_worker) == {}
    requested: list[str] = []
    phone_with_worker.on("request", lambda request: requested.append(request.url))
    phone_with_worker.goto(builds.url("after", "basics/"))
    wait_for_instant_navigation(phone_with_worker)
    assert marks(phone_with_worker) == {}
    assert not [url for url in requested if "whatsnew" in url], "nothing new: nothing loaded"


# --- a later visit to a newer build -----------------------------------------------------------


def test_new_and_changed_entries_are_marked_and_listed_by_chapter(
    phone: Any, builds: Builds, seen_before: list[str]
) -> None:
    change = builds.change
    box = home_after_a_visit(phone, builds, seen_before)
    assert set(listed(phone)) == set(change.marked)
    assert change.unchanged not in listed(phone), "an editors' note is no news for staff"
    assert marks(phone) == change.marked
    # Grouped by chapter, in the order of the nav; each title links to its entry.
    after = builds.manifest("after")
    units = {u[0]: u for u in after["units"]}
    chapters = [after["groups"][units[i][4]][1] for i in listed(phone)]
    headings = box.locator("h3").all_inner_texts()
    assert headings == list(dict.fromkeys(chapters))
    assert chapters == sorted(chapters, key=headings.index)
    link = box.locator(f'[data-whatsnew-item="{change.added}"] a')
    expect(link).to_have_text(ADDED_TITLE)
    assert link.get_attribute("href") == builds.url("after", units[change.added][3])
    expect(box.locator("[data-whatsnew-count]")).to_contain_text("新增 1 条、更新 3 条")

    phone.goto(builds.url("after", "basics/"))
    heading = phone.locator(f"h3#{change.added}")
    expect(heading.locator("[data-whatsnew-mark]")).to_have_text("新")
    expect(phone.locator(f"h3#{change.procedure} [data-whatsnew-mark]")).to_have_text("已更新")
    step = phone.locator(f"li#{change.step} .hb-step-name")
    expect(step.locator("[data-whatsnew-mark]")).to_have_text("已更新")
    assert marks(phone) == {
        change.added: "new",
        change.procedure: "updated",
        change.step: "updated",
    }
    # Small, in words, and never on paper.
    mark = heading.locator("[data-whatsnew-mark]")
    assert float(mark.evaluate("m => parseFloat(getComputedStyle(m).fontSize)")) < float(
        heading.evaluate("h => parseFloat(getComputedStyle(h).fontSize)")
    )
    phone.emulate_media(media="print")
    expect(mark).to_be_hidden()
    phone.emulate_media(media="screen")


def test_viewing_an_entry_clears_its_marks_and_knowing_clears_the_list(
    phone: Any, builds: Builds, seen_before: list[str]
) -> None:
    change = builds.change
    box = home_after_a_visit(phone, builds, seen_before)
    wait_for_instant_navigation(phone)
    phone.evaluate("window.__sameDocument = true")
    box.locator(f'[data-whatsnew-item="{change.phrase}"] a').click()
    phone.wait_for_url(f"**/after/phrasing/#{change.phrase}")
    # Its title on screen for a moment: seen. The mark stays for this visit of the page.
    wait_until_seen(phone, change.phrase)
    assert phone.evaluate("window.__sameDocument") is True, "expected instant navigation"
    expect(phone.locator(f"h3#{change.phrase} [data-whatsnew-mark]")).to_be_visible()
    phone.go_back()
    phone.wait_for_url("**/after/")
    expect(box.locator("[data-whatsnew-item]")).to_have_count(len(change.marked) - 1)
    assert set(listed(phone)) == set(change.marked) - {change.phrase}
    phone.goto(builds.url("after", "phrasing/"))
    settled(phone)
    assert marks(phone) == {}

    # Entries are seen where the person scrolls to, one by one.
    phone.goto(builds.url("after", "basics/"))
    expect(phone.locator(f"h3#{change.added} [data-whatsnew-mark]")).to_be_visible()
    assert phone.locator(f"h3#{change.added}").evaluate(BELOW_THE_SCREEN)
    phone.locator(f"h3#{change.procedure}").evaluate(SCROLL_TO)
    wait_until_seen(phone, change.procedure)
    assert phone.locator(f"h3#{change.added}").evaluate(ABOVE_THE_SCREEN)
    assert change.added in {m["id"] for m in stored(phone)["marks"]}
    phone.locator(f"h3#{change.added}").evaluate(SCROLL_TO)
    wait_until_seen(phone, change.added)

    phone.goto(builds.url("after"))
    expect(box.locator("[data-whatsnew-item]")).to_have_count(1)
    assert listed(phone) == [change.checklist]
    open_home_list(box).get_by_role("button", name="知道了").click()
    expect(box).to_be_hidden()
    assert stored(phone)["marks"] == []
    phone.reload()
    wait_for_instant_navigation(phone)
    expect(box).to_be_hidden()
    phone.goto(builds.url("after", f"checklists/{change.checklist}/"))
    phone.locator("[data-checklist-bar]").wait_for()
    assert marks(phone) == {}
    assert phone.locator("[data-checklist-changes]").count() == 0


def test_a_changed_checklist_says_so_before_the_next_tick(
    phone: Any, builds: Builds, seen_before: list[str]
) -> None:
    change = builds.change
    visit_before(phone, builds, seen_before)
    phone.goto(builds.url("after", "checklists/"))
    card = phone.locator(f'[data-checklist-summary="{change.checklist}"]')
    expect(card.locator("[data-whatsnew-mark]")).to_have_text("已更新")
    phone.goto(builds.url("after", f"checklists/{change.checklist}/"))
    form = phone.locator(f'[data-checklist="{change.checklist}"]')
    # A bar over the note under the progress says so; a tap opens what changed.
    bar = form.locator(f'[data-whatsnew-open="{change.checklist}"]')
    expect(bar).to_have_text("检查表内容已更新：新增 1 项、删除 1 项、改了 1 项")
    expect(form.locator("[data-note]")).to_be_hidden()
    notice = form.locator("[data-checklist-changes]")
    expect(notice).to_be_hidden()
    bar.click()
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(f"新增 1 项：“{ADDED_ITEM_TEXT}”")
    expect(notice).to_contain_text(f"删除 1 项：“{change.item_removed_text}”")
    expect(notice).to_contain_text(f"“{change.item_reworded_text}”改为“{REWORDED_ITEM_TEXT}”")
    # Above the items, so it is read before any tick.
    first_item = form.locator("input[data-item]").first
    assert notice.bounding_box()["y"] < first_item.bounding_box()["y"]
    assert marks(phone) == {
        change.checklist: "updated",  # the form's title (h1)
        change.item_added: "new",
        change.item_reworded: "updated",
    }
    # A mark goes under its item's words, which stay in line with every other item's.
    starts = form.locator(".hb-check__text").evaluate_all(
        "all => new Set(all.map((t) => Math.round(t.getBoundingClientRect().left))).size"
    )
    assert starts == 1
    form.locator(f'label[for="{change.item_added}"]').click()
    wait_until_seen(phone, change.checklist)
    phone.reload()
    form.locator("[data-checklist-bar]").wait_for()
    settled(phone)
    assert form.locator("[data-checklist-changes]").count() == 0
    assert marks(phone) == {}
    assert form.locator(f'input[data-item="{change.item_added}"]').is_checked()


def test_knowing_a_checklist_notice_clears_it_without_a_tick(
    phone: Any, builds: Builds, seen_before: list[str]
) -> None:
    change = builds.change
    visit_before(phone, builds, seen_before)
    phone.goto(builds.url("after", f"checklists/{change.checklist}/"))
    notice = phone.locator("[data-checklist-changes]")
    phone.locator("[data-whatsnew-open]").click()
    notice.get_by_role("button", name="知道了").click()
    expect(notice).to_be_hidden()
    expect(phone.locator("[data-whatsnew-open]")).to_have_count(0)
    expect(phone.locator("[data-note]")).to_be_visible()
    wait_until_seen(phone, change.checklist)
    assert phone.locator("input[data-item]:checked").count() == 0


def test_a_long_list_shows_eight_then_the_rest_on_request(
    phone: Any, builds: Builds, seen_before: list[str]
) -> None:
    box = home_after_a_visit(phone, builds, seen_before)
    # As after a larger change: twelve entries to see (copies of the real marks, other ids).
    phone.evaluate(
        """key => {
          const state = JSON.parse(localStorage.getItem(key));
          const copies = [0, 1, 2].flatMap((n) => state.marks.map((m) => ({ ...m, id: `${m.id}-${n}` })));
          state.marks = [...state.marks, ...copies];
          localStorage.setItem(key, JSON.stringify(state));
        }""",
        KEY,
    )
    phone.reload()
    expect(box.locator("[data-whatsnew-item]")).to_have_count(8)
    open_home_list(box)
    expect(box.locator("[data-whatsnew-count]")).to_contain_text("新增 4 条、更新 12 条")
    more = box.get_by_role("button", name="还有 8 条")
    more.click()
    expect(box.locator("[data-whatsnew-item]")).to_have_count(16)
    expect(more).to_be_hidden()
    assert phone.evaluate("document.activeElement.closest('[data-whatsnew-item]') !== null")


# --- storage that is not ours -----------------------------------------------------------------


def test_corrupt_storage_is_ignored(phone_with_worker: Any, builds: Builds) -> None:
    # A file of the origin, not a page: a page's own script would store its comparison,
    # perhaps after the corrupt values below, and the test would race it.
    phone_with_worker.goto(builds.url("before", "assets/whatsnew.json"))
    phone_with_worker.evaluate(
        "([key, seen]) => { localStorage.setItem(key, '{\"stamp\":'); localStorage.setItem(seen, '[1,'); }",
        [KEY, SEEN],
    )
    phone_with_worker.goto(builds.url("after"))
    wait_until_compared(phone_with_worker, builds.stamp("after"))
    assert stored(phone_with_worker)["marks"] == [] and len(stored(phone_with_worker, SEEN)) > 1
    phone_with_worker.locator(SHOWN).wait_for(state="attached")
    assert phone_with_worker.locator("[data-whatsnew]").is_hidden()
    assert marks(phone_with_worker) == {}


def test_unreadable_parts_of_the_storage_are_skipped(
    phone: Any, builds: Builds, seen_before: list[str]
) -> None:
    change = builds.change
    visit_before(phone, builds, seen_before)
    # One entry's record garbled, foreign things mixed in: that entry is no news, the rest is.
    phone.evaluate(
        """([seen, id]) => {
          const blocks = JSON.parse(localStorage.getItem(seen))
            .map((b) => (b[0] === id ? [id, 42] : b));
          localStorage.setItem(seen, JSON.stringify([...blocks, "junk", { a: 1 }, [null]]));
        }""",
        [SEEN, change.phrase],
    )
    phone.goto(builds.url("after"))
    expect(phone.locator("[data-whatsnew]")).to_be_visible()
    assert set(listed(phone)) == set(change.marked) - {change.phrase}

    # Marks that are not the handbook's own: a link elsewhere is dropped, words stay words.
    phone.evaluate(
        """([key, stamp]) => {
          const state = JSON.parse(localStorage.getItem(key));
          const now = ["x", "0", "x", []];
          state.marks.push(
            { id: "elsewhere", k: "n", t: "外链", u: "javascript:alert(1)", g: "别处", now },
            { id: "html", k: "u", t: "<img src=x onerror=alert(1)>", u: "basics/", g: "别处", now },
            { id: "odd", k: "?", t: "x", u: "basics/", g: "x", now },
            "junk",
          );
          localStorage.setItem(key, JSON.stringify(state));
        }""",
        [KEY, builds.stamp("after")],
    )
    phone.reload()
    box = phone.locator("[data-whatsnew]")
    expect(box.locator('[data-whatsnew-item="html"]')).to_have_text(
        "已更新<img src=x onerror=alert(1)>"
    )
    assert "elsewhere" not in listed(phone) and "odd" not in listed(phone)
    assert box.locator("img").count() == 0


def test_blocked_storage_means_no_marks_and_no_error(
    browser: WatchedBrowser, builds: Builds
) -> None:
    context = browser.new_context(**PHONE_CONTEXT)
    context.add_init_script(
        """Object.defineProperty(window, "localStorage", {
          get() { throw new DOMException("blocked", "SecurityError"); },
        });"""
    )
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(builds.url("after"))
    wait_for_instant_navigation(page)
    assert not [url for url in requested if "whatsnew" in url]
    assert page.locator("[data-whatsnew]").is_hidden()
    context.close()


# --- offline ------------------------------------------------------------------------------------


def test_the_marks_work_offline(phone_with_worker: Any, builds: Builds) -> None:
    """The new build reaches the phone while online; the phone compares it offline, from its
    offline copy (the manifest, whatsnew.js and its stylesheet are in it)."""
    change = builds.change
    page = phone_with_worker
    context = page.context
    try:
        page.goto(builds.url("before"))
        page.wait_for_function(READY, timeout=30_000)
        wait_until_compared(page, builds.stamp("before"))
        saved = page.evaluate("keys => keys.map((k) => localStorage.getItem(k))", [KEY, SEEN])
        page.goto(builds.url("after"))
        page.wait_for_function(READY, timeout=30_000)
        # As if the phone had not compared yet: back to what it had seen of the old build.
        page.evaluate(
            "([keys, values]) => keys.forEach((k, i) => localStorage.setItem(k, values[i]))",
            [[KEY, SEEN], saved],
        )
        builds.server.stop()
        context.set_offline(True)
        page.reload()
        box = page.locator("[data-whatsnew]")
        expect(box).to_be_visible()
        assert set(listed(page)) == set(change.marked)
        wait_for_instant_navigation(page)
        open_home_list(box)
        box.locator(f'[data-whatsnew-item="{change.added}"] a').click()
        expect(page.locator(f"h3#{change.added} [data-whatsnew-mark]")).to_have_text("新")
        wait_until_seen(page, change.added)
    finally:
        context.set_offline(False)
        builds.server.start()


# --- news that comes after the page is shown moves nothing ------------------------------------

# Layout shifts as Chromium reports them (CLS counts these), and where the things a thumb may be
# heading for were when the page was first laid out.
LAYOUT = """targets => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }).observe({ type: "layout-shift", buffered: true });
  document.addEventListener("DOMContentLoaded", () => {
    window.__first = [...document.querySelectorAll(targets)].map((e) => e.getBoundingClientRect().top);
  });
}"""


@pytest.mark.parametrize(
    ("path", "targets"),
    [
        ("", ".hb-everyday a"),  # the home page's 常见情况 chips
        # the first checkbox: the next rows may still grow a line where an item's 新/已更新
        # mark makes its words wrap (the fixture's reworded first item does)
        (f"checklists/{CHECKLIST.id}/", "[data-checklist] li:first-of-type input[data-item]"),
    ],
    ids=["home", "checklist"],
)
def test_news_shown_after_the_page_moves_nothing_a_thumb_may_be_heading_for(
    browser: WatchedBrowser, builds: Builds, seen_before: list[str], path: str, targets: str
) -> None:
    """The what's-new bar comes a moment after the page (whatsnew.js loads, then compares):
    on a phone, it takes a row the page kept for it, so the chips and checkboxes under it stay
    where they were painted (the weak-network audit measured them jump 214 and 180 px). On a
    slow phone (the CPU slowed down 6 times here) the page is painted before its scripts run:
    the checklist's foot, shown by checklist.js, pushed the page's end down (a CI run under
    load measured 0.059)."""
    context = browser.new_context(**PHONE_CONTEXT)
    context.add_init_script(f"({LAYOUT})({json.dumps(targets)})")
    page = context.new_page()
    visit_before(page, builds, seen_before)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 6})
    page.goto(builds.url("after", path))
    page.locator(SHOWN).wait_for(state="attached")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100)))")
    first = page.evaluate("window.__first")
    now = page.eval_on_selector_all(targets, "es => es.map((e) => e.getBoundingClientRect().top)")
    assert first and now == first, "moved when the news came"
    shifts = page.evaluate("window.__shifts.reduce((sum, value) => sum + value, 0)")
    assert shifts < 0.05, f"layout shift {shifts:.3f} (the audit measured 0.119 and 0.113)"
    expect(page.locator("[data-whatsnew-open]")).to_be_visible()  # and the news is there
    context.close()
