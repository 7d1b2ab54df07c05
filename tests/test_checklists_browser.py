"""Checklists in Chromium: what a person does on a phone, and what comes out of the printer.

They run on the fixture handbook (tests/fixtures/handbook), so an editor changing content/ never
breaks them; ids and texts come from the fixture's YAML.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from macros.content.handbook import Handbook
from macros.content.model import Checklist, Step

from .support.browser import PHONE, TWO_FRAMES, leaving_page, wait_for_instant_navigation
from .support.content import checklist_at
from .support.fixture import fixture_handbook, served_before_and_after
from .support.pdf import SPLIT_CHECKLIST, outgrown
from .support.server import SiteServer

pytestmark = pytest.mark.browser

BOOK = fixture_handbook()
CHECKLISTS = BOOK.checklists.checklists
FIRST = CHECKLISTS[0].id
OTHER = CHECKLISTS[1].id
# The checklist that walks through a procedure: its items sit under the steps' names.
BY_STEPS = next(
    c.id for c in CHECKLISTS if all(isinstance(BOOK.get(i.refs[0]), Step) for i in c.items)
)
PREFIX = "hb-checklist:"
DAY_START = BOOK.checklists.day_start_hour


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    """The fixture content (not content/): what the pages of `site` are built from."""
    return BOOK


@pytest.fixture
def site(fixture_site: SiteServer) -> SiteServer:
    """The fixture handbook's site, built once per worker (tests/conftest.py)."""
    return fixture_site


def find_checklist(handbook: Handbook, ident: str) -> Checklist:
    return next(c for c in handbook.checklists.checklists if c.id == ident)


def item_ids(handbook: Handbook, ident: str) -> list[str]:
    return [item.id for item in find_checklist(handbook, ident).items]


def open_checklist(page: Any, site: SiteServer, ident: str = FIRST) -> Any:
    page.goto(site.page_url(f"checklists/{ident}/"))
    form = page.locator(f'[data-checklist="{ident}"]')
    form.locator("[data-checklist-bar]").wait_for()  # shown once the script has run
    return form


def box(form: Any, item: str) -> Any:
    return form.locator(f'input[data-item="{item}"]')


def ticked(form: Any) -> list[str]:
    return form.locator("input[data-item]:checked").evaluate_all(
        "boxes => boxes.map(b => b.dataset.item)"
    )


def progress(form: Any) -> str:
    return form.locator("[data-progress]").inner_text()


def saved(page: Any) -> dict[str, str]:
    return page.evaluate(
        """prefix => Object.fromEntries(Object.keys(localStorage)
            .filter(k => k.startsWith(prefix)).map(k => [k, localStorage.getItem(k)]))""",
        PREFIX,
    )


def ticks(value: str) -> list[str]:
    """The item ids a saved record has ticked, in the order they were ticked."""
    return list(json.loads(value)["t"])


def local_day(page: Any) -> str:
    """The checklist day on the page's clock: the local date, counted from the day-start hour."""
    return page.evaluate(
        """start => { const d = new Date(Date.now() - start * 36e5);
        return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, "0"),
                String(d.getDate()).padStart(2, "0")].join("-"); }""",
        DAY_START,
    )


# --- ticking on a phone ---------------------------------------------------------------------


def test_tapping_anywhere_on_a_row_ticks_it_and_counts_progress(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    ids = item_ids(handbook, FIRST)
    form = open_checklist(phone, site)
    assert progress(form) == f"0/{len(ids)}"
    first_row = form.locator("label.hb-check__row").first
    first_row.locator(".hb-check__text").tap()
    assert ticked(form) == [ids[0]]
    # the empty space at the right end of the row counts too
    row = form.locator("label.hb-check__row").nth(1)
    size = row.bounding_box()
    assert size is not None
    row.tap(position={"x": size["width"] - 4, "y": size["height"] / 2})
    assert ticked(form) == ids[:2]
    assert progress(form) == f"2/{len(ids)}"
    first_row.tap()
    assert ticked(form) == [ids[1]]


def test_a_double_tap_ticks_once(phone: Any, site: SiteServer, handbook: Handbook) -> None:
    """Two taps in quick succession (a double tap, or a second tap when the first seemed not
    to take) ticked and unticked the item, with nothing to say so."""
    ids = item_ids(handbook, FIRST)
    form = open_checklist(phone, site)
    row = form.locator("label.hb-check__row").first
    row.evaluate("(label) => { label.click(); label.click(); }")  # two taps 0 ms apart
    assert ticked(form) == [ids[0]]
    box(form, ids[1]).dblclick()  # a mouse's double click too
    assert ticked(form) == ids[:2]
    row.tap()  # another item in between: a tap of its own, which unticks
    assert ticked(form) == [ids[1]]
    phone.reload()
    form = open_checklist(phone, site)
    assert ticked(form) == [ids[1]]


def test_all_ticked_shows_a_clear_done_state(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    ids = item_ids(handbook, FIRST)
    form = open_checklist(phone, site)
    for row in form.locator("label.hb-check__row").all()[:-1]:
        row.tap()
    assert "全部完成" not in form.locator("[data-state]").inner_text()
    assert "hb-checklist--done" not in (form.get_attribute("class") or "")
    form.locator("label.hb-check__row").last.tap()
    assert progress(form) == f"{len(ids)}/{len(ids)}"
    assert "全部完成" in form.locator("[data-state]").inner_text()
    assert "hb-checklist--done" in (form.get_attribute("class") or "")


def test_critical_items_left_are_counted(phone: Any, site: SiteServer, handbook: Handbook) -> None:
    critical = [item.id for item in find_checklist(handbook, FIRST).items if item.critical]
    form = open_checklist(phone, site)
    box(form, critical[0]).check()
    assert form.locator("[data-state]").inner_text() == f"必做还差 {len(critical) - 1} 项"


def test_checkboxes_are_labelled_and_work_from_the_keyboard(
    desktop: Any, site: SiteServer, handbook: Handbook
) -> None:
    items = find_checklist(handbook, FIRST).items
    form = open_checklist(desktop, site)
    for item in items:
        name = item.text + (" 必做" if item.critical else "")
        assert desktop.get_by_role("checkbox", name=name, exact=True).count() == 1, name
    first = box(form, items[0].id)
    first.focus()
    desktop.keyboard.press("Space")
    assert first.is_checked()
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.dataset.item") == items[1].id
    desktop.keyboard.press("Space")
    assert ticked(form) == [items[0].id, items[1].id]


# Where each row and the foot (姓名, the print buttons) are on the page, not on the screen: a tap
# may scroll.
PLACES = """form => [...form.querySelectorAll("li.hb-check, [data-checklist-foot]")]
    .map(el => { const box = el.getBoundingClientRect(); return [box.top + scrollY, box.height]; })"""
# The phone's text size at 150 %: the root font 1.5 times Material's 125 %, before the first paint.
LARGE_TEXT = """new MutationObserver((_, watch) => {
  if (!document.documentElement) return;
  document.documentElement.style.setProperty("font-size", "187.5%", "important");
  watch.disconnect();
}).observe(document, { childList: true });"""


@pytest.mark.parametrize(
    ("viewport", "large_text"),
    [(PHONE, False), ({"width": 360, "height": 640}, False), ({"width": 360, "height": 640}, True)],
    ids=["390x844", "360x640", "360x640-text-150"],
)
def test_ticking_never_moves_the_rows_under_the_thumb(
    browser: Any, site: SiteServer, handbook: Handbook, viewport: dict[str, int], large_text: bool
) -> None:
    """Staff tick quickly, aiming at where the next row was. The first tick used to add a line
    under the count (必做还差 N 项) and each tick a time beside the text, which rewrapped it: the
    rows below moved by 8 to 34 px and taps landed on the wrong row of a signed record.
    The clock says 00:40, on a night shift: the day started at DAY_START the evening before,
    so paper gives each tick its date as well, which on a phone wrapped under the box (the
    suite failed every night from midnight to 04:00)."""
    ids = item_ids(handbook, FIRST)
    context = browser.new_context(
        viewport=viewport, is_mobile=True, has_touch=True, timezone_id="Asia/Shanghai"
    )
    if large_text:
        context.add_init_script(LARGE_TEXT)
    try:
        page = context.new_page()
        page.clock.install(time=at("2030-05-02", 0, 40))
        form = open_checklist(page, site)
        rows = form.locator("label.hb-check__row")
        lines = rows.locator(".hb-check__text").evaluate_all(
            """texts => texts.map(t =>
                 Math.round(t.offsetHeight / parseFloat(getComputedStyle(t).lineHeight)))"""
        )
        longest = lines.index(max(lines))
        if large_text:
            assert lines[longest] >= 2, "no item takes two lines: the test would miss rewrapping"
        before = form.evaluate(PLACES)
        names = [f"row {n}" for n in range(1, len(ids) + 1)] + ["the foot"]
        done: set[str] = set()
        # every row from the first tick to 全部完成, then the longest and the first unticked
        previous = None
        for index in [*range(len(ids)), longest, 0]:
            if index == previous:  # the same row again: a second later, not a double tap
                page.clock.fast_forward(1000)
            previous = index
            rows.nth(index).tap()
            done ^= {ids[index]}
            assert ticked(form) == [item for item in ids if item in done]
            after = form.evaluate(PLACES)
            moved = [
                f"{name}: {now[0] - was[0]:+.1f} px down, {now[1] - was[1]:+.1f} px taller"
                for name, was, now in zip(names, before, after, strict=True)
                if abs(now[0] - was[0]) > 0.5 or abs(now[1] - was[1]) > 0.5
            ]
            assert moved == [], f"tapping row {index + 1} ({len(done)} ticked)"
        when = form.locator(".hb-check--done [data-when]").first
        assert when.inner_text() == "00:40"  # on the phone
        assert when.text_content() == "05-02 00:40"  # on paper
    finally:
        context.close()


@pytest.mark.parametrize("media", ["screen", "print"])
def test_when_to_use_it_and_the_summary_read_apart(
    phone: Any, site: SiteServer, media: str
) -> None:
    """什么时候用's answer has no full stop: run into the summary under it, 每天开门营业前 and
    人、柜台…… read as one sentence, on screen and on paper."""
    form = open_checklist(phone, site)
    phone.emulate_media(media=media)
    label, answer = form.locator(".hb-form__when > span").all()
    summary = form.locator(".hb-form__summary")
    when_box, label_box = form.locator(".hb-form__when").bounding_box(), label.bounding_box()
    answer_box, summary_box = answer.bounding_box(), summary.bounding_box()
    assert when_box and label_box and answer_box and summary_box
    assert answer_box["x"] >= label_box["x"] + label_box["width"], "its lines beside the label"
    size = summary.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    gap = summary_box["y"] - (when_box["y"] + when_box["height"])
    assert gap >= 0.6 * size, f"{gap:.1f} px between them"


# Row and button sizes, and fitting the screen: tests/test_layout.py, on every real checklist.


@pytest.mark.parametrize(
    ("viewport", "pinned"), [(PHONE, True), ({"width": 320, "height": 568}, False)]
)
def test_the_progress_bar_is_pinned_only_where_the_screen_can_spare_it(
    browser: Any, site: SiteServer, viewport: dict[str, int], pinned: bool
) -> None:
    """Pinned under the header it keeps the count in sight; on a small phone, in landscape or
    with large text it took a third to a half of the screen, and with its note a fifth of a
    390x844 one (the note scrolls away now). Material's back-to-top button is hidden either
    way: pinned, it would sit on the bar's buttons; not pinned, it sat at the thumb over the
    rows, and a tap meant for a row took the page to its top."""
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True)
    page = context.new_page()
    form = open_checklist(page, site)
    bar = form.locator("[data-checklist-bar]")
    assert (bar.evaluate("e => getComputedStyle(e).position") == "sticky") is pinned
    top = page.locator(".md-top").evaluate("e => getComputedStyle(e).display")
    assert top == "none"
    if pinned:  # header and bar pinned over the items: a sixth of the screen at most
        page.evaluate("window.scrollTo(0, 600)")
        page.evaluate("() => new Promise(requestAnimationFrame)")
        box = bar.bounding_box()
        assert box is not None and box["y"] + box["height"] <= viewport["height"] / 6, box
    context.close()


def test_refs_button_shows_where_each_item_comes_from(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    first_ref = find_checklist(handbook, FIRST).items[0].refs[0]
    form = open_checklist(phone, site)
    refs = form.locator(".hb-check__refs").first
    assert not refs.is_visible()
    button = form.locator('button[data-action="refs"]')
    button.tap()
    assert button.get_attribute("aria-pressed") == "true"
    assert refs.is_visible()
    link = refs.locator("a").first
    size = link.bounding_box()
    assert size is not None and size["height"] >= 44
    link.tap()
    phone.wait_for_url(f"**/{handbook.url_of(first_ref)}")


def test_the_refs_view_is_as_left_after_following_a_basis_and_coming_back(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """A reader who opened 看依据, followed the last item's basis and pressed back finds the
    bases still shown and that item where it was: with them hidden the list is shorter, and
    the place the browser returns to shows other items."""
    last = find_checklist(handbook, BY_STEPS).items[-1]
    form = open_checklist(phone, site, BY_STEPS)
    wait_for_instant_navigation(phone)
    form.locator('button[data-action="refs"]').tap()
    link = form.locator(f'li:has(input[data-item="{last.id}"]) .hb-check__refs a').first
    link.scroll_into_view_if_needed()
    phone.evaluate("window.scrollBy(0, -300)")  # the link low on the screen, as read
    before = link.bounding_box()
    assert before is not None and before["y"] > PHONE["height"] / 2
    phone.evaluate("window.__sameDocument = true")
    with leaving_page(phone):
        link.tap()
    phone.wait_for_url(f"**/{handbook.url_of(last.refs[0])}")
    with leaving_page(phone):
        phone.go_back()
    phone.wait_for_url(f"**/checklists/{BY_STEPS}/")
    form.locator("[data-checklist-bar]").wait_for()
    assert phone.evaluate("window.__sameDocument") is True, "expected instant navigation"
    expect(form.locator('button[data-action="refs"]')).to_have_attribute("aria-pressed", "true")
    after = link.bounding_box()
    assert after is not None and abs(after["y"] - before["y"]) < 2, (before, after)


def test_back_to_the_middle_of_a_long_list_with_its_bases_shown_lands_where_the_reader_was(
    phone: Any, served_build: tuple[Path, SiteServer], handbook: Handbook
) -> None:
    """On the real handbook's longest checklist, 看依据 open, a basis followed from the middle
    of the list and Back: the reader came back 260–430 px further down. Instant navigation
    scrolls back before the page's script shows the bases again; shown after, they pushed the
    list down and Chromium's scroll anchoring followed the item then on screen."""
    site = served_build[1]
    longest = max(handbook.checklists.checklists, key=lambda c: len(c.items))
    item = longest.items[len(longest.items) * 2 // 3]
    form = open_checklist(phone, site, longest.id)
    wait_for_instant_navigation(phone)
    form.locator('button[data-action="refs"]').tap()
    link = form.locator(f'li:has(input[data-item="{item.id}"]) .hb-check__refs a').first
    link.scroll_into_view_if_needed()
    phone.evaluate("(y) => window.scrollBy(0, y)", link.bounding_box()["y"] - PHONE["height"] / 2)
    phone.evaluate(TWO_FRAMES)  # the page has seen the scroll (a reader reads before a tap)
    before = link.bounding_box()
    with leaving_page(phone):
        link.tap()
    with leaving_page(phone):
        phone.go_back()
    form.locator("[data-checklist-bar]").wait_for()
    expect(form.locator('button[data-action="refs"]')).to_have_attribute("aria-pressed", "true")
    phone.evaluate(TWO_FRAMES)
    after = link.bounding_box()
    assert before is not None and after is not None
    assert abs(after["y"] - before["y"]) < 2, (before, after)


# --- saving ----------------------------------------------------------------------------------


def test_ticks_survive_a_reload_and_closing_the_browser(
    browser: Any, phone: Any, site: SiteServer, handbook: Handbook, tmp_path: Path
) -> None:
    ids = item_ids(handbook, FIRST)
    form = open_checklist(phone, site)
    box(form, ids[0]).tap()
    box(form, ids[3]).tap()
    phone.reload()
    form = open_checklist(phone, site)
    assert ticked(form) == [ids[0], ids[3]]
    assert progress(form) == f"2/{len(ids)}"
    key = f"{PREFIX}{FIRST}:{local_day(phone)}"
    assert ticks(saved(phone)[key]) == [ids[0], ids[3]]
    # A browser restart keeps localStorage: a new context with the same storage.
    state = tmp_path / "state.json"
    phone.context.storage_state(path=str(state))
    context = browser.new_context(viewport=PHONE, is_mobile=True, storage_state=str(state))
    try:
        again = open_checklist(context.new_page(), site)
        assert ticked(again) == [ids[0], ids[3]]
    finally:
        context.close()


def test_ticks_made_before_the_script_arrives_are_kept(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """A first visit on a slow line shows the list seconds before checklist.js runs: boxes
    ticked then were cleared when it ran (a weak-network audit lost two that way)."""
    ids = item_ids(handbook, FIRST)
    held: list[Any] = []
    phone.route("**/assets/checklist.js", lambda route: held.append(route))
    phone.goto(site.page_url(f"checklists/{FIRST}/"), wait_until="commit")
    form = phone.locator(f'[data-checklist="{FIRST}"]')
    for item in (ids[0], ids[2]):
        box(form, item).tap()
    assert held  # the script is still on its way
    for route in held:
        route.continue_()
    form.locator("[data-checklist-bar]").wait_for()
    phone.unroute("**/assets/checklist.js")  # the page is shared with the next test
    expect(form.locator("[data-progress]")).to_have_text(f"2/{len(ids)}")
    assert ticked(form) == [ids[0], ids[2]]
    assert ticks(saved(phone)[f"{PREFIX}{FIRST}:{local_day(phone)}"]) == [ids[0], ids[2]]


def test_ticks_belong_to_one_checklist(phone: Any, site: SiteServer, handbook: Handbook) -> None:
    form = open_checklist(phone, site)
    form.locator("label.hb-check__row").first.tap()
    other = open_checklist(phone, site, OTHER)
    assert ticked(other) == []


def at(day: str, hour: int, minute: int = 0) -> datetime:
    """A moment in Shanghai, where the tests' phones are."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:{minute:02d}:00+08:00")


def test_the_checklist_day_follows_the_shift_not_midnight(
    browser: Any, site: SiteServer, handbook: Handbook
) -> None:
    ids = item_ids(handbook, FIRST)
    assert 1 <= DAY_START <= 12, "the fixture's day starts in the small hours"
    # 2030-05-01 23:50 in Shanghai is 15:50 UTC: the local time, not UTC's, names the day.
    context = browser.new_context(viewport=PHONE, is_mobile=True, timezone_id="Asia/Shanghai")
    try:
        page = context.new_page()
        page.clock.install(time=at("2030-05-01", 23, 50))
        form = open_checklist(page, site)
        box(form, ids[0]).check()
        box(form, ids[1]).check()
        assert list(saved(page)) == [f"{PREFIX}{FIRST}:2030-05-01"]
        # Past midnight the night shift goes on with the same checklist ...
        page.clock.set_system_time(at("2030-05-02", 0, 5))
        page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow'))")
        assert ticked(form) == ids[:2]
        form = open_checklist(page, site)
        assert ticked(form) == ids[:2]
        box(form, ids[2]).check()
        assert list(saved(page)) == [f"{PREFIX}{FIRST}:2030-05-01"]
        # ... until the day starts: coming back to the open page shows a clean checklist ...
        page.clock.set_system_time(at("2030-05-02", DAY_START, 5))
        page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow'))")
        assert ticked(form) == []
        # ... and so does opening it again; the night's record is kept for 最近记录.
        form = open_checklist(page, site)
        assert ticked(form) == []
        box(form, ids[4]).check()
        records = saved(page)
        assert ticks(records[f"{PREFIX}{FIRST}:2030-05-02"]) == [ids[4]]
        assert ticks(records[f"{PREFIX}{FIRST}:2030-05-01"]) == ids[:3]
    finally:
        context.close()


def test_ticking_after_the_day_start_on_an_open_page_starts_the_new_day(
    browser: Any, site: SiteServer, handbook: Handbook
) -> None:
    ids = item_ids(handbook, FIRST)
    context = browser.new_context(viewport=PHONE, is_mobile=True, timezone_id="Asia/Shanghai")
    try:
        page = context.new_page()
        page.clock.install(time=at("2030-05-02", DAY_START - 1, 58))
        form = open_checklist(page, site)
        form.locator('[data-who="name"]').fill("夜班的人")
        box(form, ids[0]).check()
        page.clock.set_system_time(at("2030-05-02", DAY_START, 1))
        box(form, ids[1]).check()
        assert ticked(form) == [ids[1]]
        assert ticks(saved(page)[f"{PREFIX}{FIRST}:2030-05-02"]) == [ids[1]]
        assert ticks(saved(page)[f"{PREFIX}{FIRST}:2030-05-01"]) == [ids[0]]
        # The tick that vanished is accounted for, not a mystery.
        note = form.locator("[data-note]").inner_text()
        assert note.startswith(f"{DAY_START} 点起是新的一天") and "5月1日的勾选" in note, note
        # The shift ticking on past the day's start is still the one filling in the new sheet
        # (a supervisor audit found it nameless); a page left open overnight is not.
        assert json.loads(saved(page)[f"{PREFIX}{FIRST}:2030-05-02"])["name"] == "夜班的人"
        page.clock.set_system_time(at("2030-05-03", DAY_START + 4))
        box(form, ids[2]).check()
        assert form.locator('[data-who="name"]').input_value() == ""
    finally:
        context.close()


def test_an_item_can_be_marked_not_applicable(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    checklist = find_checklist(handbook, FIRST)
    critical = [item.id for item in checklist.items if item.critical]
    form = open_checklist(phone, site)
    switch = form.locator('button[data-action="na"]')
    not_applicable = form.locator(f'button[data-na="{critical[0]}"]')
    assert not not_applicable.is_visible()
    switch.tap()
    # Each says which item it is about (a screen reader heard eleven alike).
    item = next(i for i in checklist.items if i.id == critical[0])
    expect(not_applicable).to_have_accessible_description(item.text)
    box(form, critical[0]).check()
    not_applicable.tap()
    # no longer ticked, no longer counted, no longer required (nor badged so)
    assert not_applicable.get_attribute("aria-pressed") == "true"

    def badge(item: str) -> Any:
        return form.locator(f'.hb-check:has(input[data-item="{item}"]) .hb-must')

    expect(badge(critical[0])).to_have_count(1)
    expect(badge(critical[0])).to_be_hidden()
    expect(badge(critical[1])).to_be_visible()
    assert ticked(form) == []
    box(form, critical[1]).check()
    assert progress(form) == f"1/{len(checklist.items) - 1}"
    assert form.locator("[data-state]").inner_text() == f"必做还差 {len(critical) - 2} 项"
    phone.reload()
    form = open_checklist(phone, site)
    assert form.locator(".hb-check--na input").evaluate_all(
        "bs => bs.map(b => b.dataset.item)"
    ) == [critical[0]]
    assert progress(form) == f"1/{len(checklist.items) - 1}"


def test_with_not_applicable_switches_shown_a_tap_at_a_rows_foot_ticks_it(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """标不适用 puts a 44 px 这一项不适用 under each row: it stood 6 px over the row's foot (13 px
    with large text) and took a tap meant for the row."""
    ids = item_ids(handbook, FIRST)
    form = open_checklist(phone, site)
    form.locator('button[data-action="na"]').tap()
    row = form.locator("label.hb-check__row").first.bounding_box()
    switch = form.locator(f'button[data-na="{ids[0]}"]').bounding_box()
    assert row is not None and switch is not None
    # at the row's foot, over the switch's words
    phone.touchscreen.tap(switch["x"] + switch["width"] / 2, row["y"] + row["height"] - 2)
    assert ticked(form) == [ids[0]]
    assert form.locator(".hb-check--na").count() == 0


def test_reset_asks_first_and_then_clears(phone: Any, site: SiteServer, handbook: Handbook) -> None:
    ids = item_ids(handbook, FIRST)
    form = open_checklist(phone, site)
    box(form, ids[0]).tap()
    box(form, ids[1]).tap()
    messages: list[str] = []

    def answer(accept: bool) -> None:
        def handle(dialog: Any) -> None:
            messages.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        phone.once("dialog", handle)

    answer(False)
    form.get_by_role("button", name="重新开始").tap()
    assert messages and ticked(form) == ids[:2]
    answer(True)
    form.get_by_role("button", name="重新开始").tap()
    assert len(messages) == 2
    assert ticked(form) == []
    assert progress(form) == f"0/{len(ids)}"
    # The sheet started over is kept as the day's first (a second shift's 重新开始 had wiped
    # the first shift's record); the one in use is empty, so not saved.
    [(key, value)] = saved(phone).items()
    assert key.startswith(f"{PREFIX}{FIRST}:") and key.endswith(".1")
    assert sorted(json.loads(value)["t"]) == sorted(ids[:2])
    phone.reload()
    assert ticked(open_checklist(phone, site)) == []


# --- storage that is broken ----------------------------------------------------------------


ITEM = CHECKLISTS[0].items[0].id


@pytest.mark.parametrize(
    "stored", ["{oops", json.dumps({ITEM: True}), "null", json.dumps(ITEM), "[1, null, {}]"]
)
def test_corrupt_storage_is_ignored_quietly(
    phone: Any, site: SiteServer, handbook: Handbook, stored: str
) -> None:
    ids = item_ids(handbook, FIRST)
    open_checklist(phone, site)
    phone.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"{PREFIX}{FIRST}:{local_day(phone)}", stored],
    )
    form = open_checklist(phone, site)
    assert ticked(form) == []
    assert progress(form) == f"0/{len(ids)}"
    box(form, ids[1]).tap()
    assert ticks(saved(phone)[f"{PREFIX}{FIRST}:{local_day(phone)}"]) == [ids[1]]


def test_ticks_saved_as_a_list_of_ids_still_load_without_unknown_ids(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """Before tick times were kept, a day's ticks were saved as a list of item ids."""
    ids = item_ids(handbook, FIRST)
    open_checklist(phone, site)
    key = f"{PREFIX}{FIRST}:{local_day(phone)}"
    phone.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [key, json.dumps(["gone-item", ids[2], "<b>", 7])],
    )
    form = open_checklist(phone, site)
    assert ticked(form) == [ids[2]]
    assert progress(form) == f"1/{len(ids)}"
    # its time is unknown: the row says only that it was done
    assert form.locator("[data-when]").nth(2).inner_text() == "已做"
    box(form, ids[0]).check()
    assert [item for item in ticks(saved(phone)[key]) if item in ids] == [ids[2], ids[0]]


BLOCKED_STORAGE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""
FULL_STORAGE = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


@pytest.mark.parametrize("script", [BLOCKED_STORAGE, FULL_STORAGE], ids=["blocked", "full"])
def test_without_storage_the_checklist_still_works_and_says_so_quietly(
    phone: Any, site: SiteServer, handbook: Handbook, script: str
) -> None:
    """No dialog; the line under the list says the ticks are not kept, never 保留 60 天."""
    ids = item_ids(handbook, FIRST)
    phone.add_init_script(script)
    form = open_checklist(phone, site)
    form.locator("label.hb-check__row").first.tap()
    form.locator("label.hb-check__row").nth(1).tap()
    assert ticked(form) == ids[:2]
    assert progress(form) == f"2/{len(ids)}"
    note = form.locator("[data-note]")
    assert note.is_visible() and "没能保存" in note.inner_text()
    assert "保留" not in note.inner_text()
    # Said to a screen reader too: inside a live region that was there before the news.
    assert note.evaluate("(n) => n.closest('[aria-live=polite]')?.dataset.checklistSlot") == ""
    phone.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name="重新开始").tap()
    assert ticked(form) == []
    assert phone.locator("[role=alert], .md-dialog--active").count() == 0


# --- editing the YAML, instant navigation ---------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """What the editor did to the first checklist between the two builds."""

    removed: str
    moved: str  # from the end to the top
    reworded: str  # now reads REWORDED


REWORDED = "仪容再检查一遍：工装干净，工牌佩戴端正。"


def edit_first_checklist(content: Path) -> Edit:
    """Remove the second item, move the last to the top, reword the first, as an editor would."""
    path = content / "checklists.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = next(c for c in data["checklists"] if c["id"] == FIRST)["items"]
    assert len(items) >= 4, "the edit needs a first, a second, a third and a last item"
    removed = items.pop(1)
    moved = items.pop()
    items.insert(0, moved)
    reworded = items[1]
    assert reworded["text"] != REWORDED
    reworded["text"] = REWORDED
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Edit(removed["id"], moved["id"], reworded["id"])


@pytest.fixture(scope="session")  # built once even when other modules' tests run in between
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SiteServer, Edit]]:
    """The fixture handbook at /before/, and at /after/ with items removed, moved and reworded.

    Both are served from one origin, so they share localStorage like two deployments do.
    Material's instant navigation only takes over links listed in the sitemap, which needs
    `site_url` with this server's host, port and path, so each build sets its own.
    """
    with served_before_and_after(
        tmp_path_factory.mktemp("two-builds"), edit_first_checklist
    ) as built:
        yield built


@pytest.mark.xdist_group("checklist_edit")  # one worker builds two_builds
def test_editing_the_yaml_never_moves_a_tick(
    phone: Any, two_builds: tuple[SiteServer, Edit], handbook: Handbook
) -> None:
    site, edit = two_builds
    ids = item_ids(handbook, FIRST)
    assert (edit.reworded, edit.removed, edit.moved) == (ids[0], ids[1], ids[-1])
    phone.goto(site.page_url(f"before/checklists/{FIRST}/"))
    form = phone.locator(f'[data-checklist="{FIRST}"]')
    form.locator("[data-checklist-bar]").wait_for()
    for item in (ids[0], ids[1], ids[2], ids[-1]):  # reworded, removed, kept as it was, moved
        box(form, item).check()
    phone.goto(site.page_url(f"after/checklists/{FIRST}/"))
    form = phone.locator(f'[data-checklist="{FIRST}"]')
    form.locator("[data-checklist-bar]").wait_for()
    order = form.locator("input[data-item]").evaluate_all("bs => bs.map(b => b.dataset.item)")
    assert order[0] == edit.moved and edit.removed not in order
    assert ticked(form) == [edit.moved, edit.reworded, ids[2]]
    assert form.get_by_role("checkbox", name=re.compile(re.escape(REWORDED))).is_checked()
    assert progress(form) == f"3/{len(order)}"


@pytest.mark.xdist_group("checklist_edit")  # one worker builds two_builds
def test_ticks_survive_instant_navigation_away_and_back(
    phone: Any, two_builds: tuple[SiteServer, Edit], handbook: Handbook
) -> None:
    site, _edit = two_builds
    ids = item_ids(handbook, FIRST)
    phone.goto(site.page_url(f"before/checklists/{FIRST}/"))
    form = phone.locator(f'[data-checklist="{FIRST}"]')
    form.locator("[data-checklist-bar]").wait_for()
    box(form, ids[2]).tap()
    wait_for_instant_navigation(phone)
    phone.evaluate("window.__sameDocument = true")
    phone.locator(".hb-checklist__more a", has_text="全部检查表").first.click()
    phone.wait_for_url("**/checklists/")
    card = phone.locator(f'[data-checklist-summary="{FIRST}"]')
    # What is still required, in no colour of done (1/14 in green read as finished)
    left = sum(i.critical for i in find_checklist(handbook, FIRST).items if i.id != ids[2])
    assert left, "the test needs a required item left"
    expect(card.locator("[data-progress]")).to_have_text(
        f"今天已完成 1/{len(ids)}，必做还差 {left} 项"
    )
    colour = "e => getComputedStyle(e).color"
    meta = card.locator(".hb-cl-card__meta").evaluate(colour)
    assert card.locator("[data-progress]").evaluate(colour) == meta
    # the cards line up with the text above them (Material's list indent pushed them 20 px in)
    lead = phone.locator(".md-content .hb-lead").first.bounding_box()
    assert card.bounding_box()["x"] == lead["x"]
    phone.emulate_media(media="print")  # the list on paper is for anyone: not this phone's day
    expect(card.locator("[data-progress]")).to_be_hidden()
    phone.emulate_media(media="screen")
    card.locator("a").first.click()
    phone.wait_for_url(f"**/checklists/{FIRST}/")
    form = phone.locator(f'[data-checklist="{FIRST}"]')
    form.locator("[data-checklist-bar]").wait_for()
    assert phone.evaluate("window.__sameDocument") is True, "expected instant navigation"
    assert ticked(form) == [ids[2]]
    with leaving_page(phone):
        phone.go_back()
    phone.wait_for_url("**/checklists/")
    with leaving_page(phone):
        phone.go_forward()
    phone.wait_for_url(f"**/checklists/{FIRST}/")
    form = phone.locator(f'[data-checklist="{FIRST}"]')
    form.locator("[data-checklist-bar]").wait_for()
    assert ticked(form) == [ids[2]]


# --- paper -----------------------------------------------------------------------------------


def pdf_pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_print_hides_the_site_and_shows_a_form(phone: Any, site: SiteServer) -> None:
    form = open_checklist(phone, site)
    phone.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
        ".md-content__button",
        ".md-top",
        "[data-checklist-bar]",
        "button",
        ".hb-checklist__more",
    ):
        found = phone.locator(selector)
        for index in range(found.count()):
            assert not found.nth(index).is_visible(), selector
    assert form.locator(".hb-form__fields").is_visible()
    assert form.locator(".hb-form__sign").is_visible()
    texts = phone.evaluate(
        """() => [...document.querySelectorAll("body *")].filter(el => {
             const box = el.getBoundingClientRect();
             return box.height > 0 && el.children.length === 0 && el.textContent.trim();
           }).map(el => el.textContent.trim())"""
    )
    # The paper starts with the title and ends with the signature: nothing of the site around it.
    assert texts[0] == form.locator(".hb-form__title").inner_text()
    assert texts[1:5] == ["网点", "姓名", "日期", "班次"]
    assert texts[-1] == "检查时间"


def test_printed_boxes_are_empty_even_when_ticked(phone: Any, site: SiteServer) -> None:
    form = open_checklist(phone, site)
    form.locator("label.hb-check__row").first.tap()
    phone.emulate_media(media="print")
    image = form.locator("input[data-item]").first.evaluate(
        "b => getComputedStyle(b).backgroundImage"
    )
    assert image == "none"
    # Every box a pen ticks is at least 4.5 mm (17 CSS px) square, 不适用's too (it was 3.4 mm
    # under an 8 pt label), and its label no smaller than 9 pt (12 px).
    na_boxes = form.locator(".hb-check__na-box").evaluate_all(
        """els => els.map(el => [getComputedStyle(el, "::before"), getComputedStyle(el)])
                     .map(([box, label]) => [box.borderTopStyle, parseFloat(box.width),
                                             parseFloat(box.height), parseFloat(label.fontSize)])"""
    )
    assert na_boxes and all(
        b[0] == "solid" and min(b[1:3]) >= 17 and b[3] >= 12 for b in na_boxes
    ), na_boxes


def test_a_line_under_the_print_buttons_says_the_phones_menu_prints_a_blank_form(
    phone: Any, site: SiteServer
) -> None:
    """Only 打印记录 prints the ticks; a clerk who printed from the phone's menu handed in a
    blank form. The line saying so is for the screen, not the paper."""
    form = open_checklist(phone, site)
    hint = form.locator(".hb-checklist__actions + [data-print-hint]")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("空白表")
    expect(hint).to_contain_text("打印记录")
    height = hint.evaluate("e => e.offsetHeight / parseFloat(getComputedStyle(e).lineHeight)")
    assert round(height) == 1, "one line"
    phone.emulate_media(media="print")
    expect(hint).to_be_hidden()
    assert "空白表" not in phone.locator("body").inner_text()


def test_each_checklist_prints_on_exactly_one_a4_page(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    for checklist in handbook.checklists.checklists:
        open_checklist(phone, site, checklist.id)
        printed = pdf_pages(phone.pdf(format="A4"))
        assert printed == 1, outgrown(checklist_at(checklist), printed, 1, SPLIT_CHECKLIST)


def test_a_desktop_prints_the_same_pages(
    desktop: Any, site: SiteServer, handbook: Handbook
) -> None:
    open_checklist(desktop, site, BY_STEPS)
    assert pdf_pages(desktop.pdf(format="A4")) == 1
    desktop.goto(site.page_url("checklists/print/"))
    assert pdf_pages(desktop.pdf(format="A4")) == len(handbook.checklists.checklists)


def test_print_all_gives_one_page_per_checklist(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    phone.goto(site.page_url("checklists/print/"))
    button = phone.locator('button[data-action="print"]')
    assert button.is_visible()
    assert pdf_pages(phone.pdf(format="A4")) == len(handbook.checklists.checklists)
    phone.emulate_media(media="print")
    assert not button.is_visible()
    assert not phone.locator("h1").is_visible()
    breaks = phone.locator(".hb-print-all .hb-form").evaluate_all(
        "forms => forms.map(f => [getComputedStyle(f).breakBefore, getComputedStyle(f).breakInside])"
    )
    assert breaks[0] == ["auto", "avoid"]
    assert breaks[1:] == [["page", "avoid"]] * (len(breaks) - 1)
