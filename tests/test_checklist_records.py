"""Completed-checklist records in Chromium on a phone: 打印记录, 最近记录 and the CSV export.

A record is proof for a supervisor: what was ticked and when, what required item was left
undone, who, where, which shift, and which version of the handbook the form came from. These
tests run on the real site (conftest's served build, with instant navigation), because only a
build of a git checkout knows its content version; ids and texts come from the content itself.
Printing is recorded instead of opening the print dialog; the PDF is what Chromium prints then.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from macros.content.handbook import Handbook
from macros.content.model import Checklist, Step
from macros.render.checklists import KEEP_DAYS, NOTE_LENGTH

from .support.browser import PHONE_CONTEXT
from .support.pdf import (
    SPLIT_CHECKLIST,
    content_version,
    folded,
    outgrown,
    pdf_texts,
    printed_footer,
)
from .support.server import SiteServer

pytestmark = pytest.mark.browser

PREFIX = "hb-checklist:"
WHO = {"name": "王小明", "site": "西湖营业厅", "shift": "晚班"}
NOTE = "打印机下午卡纸一次，已报修。"
CSV_HEADER = ["日期", "第几张", "检查表", "事项", "必做", "完成", "勾选时间"]
CSV_HEADER += ["姓名", "网点", "班次", "备注"]


def at(day: str, hour: int, minute: int = 0) -> datetime:
    """A moment in Shanghai, where the phone is."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:{minute:02d}:00+08:00")


def handover(handbook: Handbook) -> Checklist:
    """The checklist two people sign (交接班): a night shift fills it in."""
    return next(c for c in handbook.checklists.checklists if len(c.signers) == 2)


def another(handbook: Handbook) -> Checklist:
    return next(c for c in handbook.checklists.checklists if c != handover(handbook))


@pytest.fixture
def shanghai_phone(browser: Any) -> Iterator[Any]:
    """A phone in Shanghai at 21:30 on 1 May 2030 (the test moves its clock on), whose print
    button records that it was pressed instead of opening the print dialog."""
    context = browser.new_context(**PHONE_CONTEXT, timezone_id="Asia/Shanghai")
    context.add_init_script(
        "window.print = () => { window.printed = (window.printed || 0) + 1;"
        " window.printedTitle = document.title }"
    )
    page = context.new_page()
    page.clock.install(time=at("2030-05-01", 21, 30))
    yield page
    context.close()


def open_checklist(page: Any, site: SiteServer, ident: str) -> Any:
    page.goto(site.page_url(f"checklists/{ident}/"))
    form = page.locator(f'[data-checklist="{ident}"]')
    form.locator("[data-checklist-bar]").wait_for()
    return form


def tick(page: Any, form: Any, item: str, when: datetime) -> None:
    page.clock.set_system_time(when)
    form.locator(f'input[data-item="{item}"]').check()


def fill_in(form: Any) -> None:
    for key, value in WHO.items():
        form.locator(f'[data-who="{key}"]').fill(value)
    form.locator('[data-who="note"]').fill(NOTE)


def morning_sheet(page: Any, site: SiteServer, checklist: Any, ticked: int) -> Any:
    """The checklist at 08:00 on 1 May 2030, its first `ticked` items ticked from 08:05 on a
    minute apart and the form filled in (WHO, NOTE)."""
    page.clock.set_system_time(at("2030-05-01", 8))
    form = open_checklist(page, site, checklist.id)
    for n, item in enumerate(checklist.items[:ticked]):
        tick(page, form, item.id, at("2030-05-01", 8, 5 + n))
    fill_in(form)
    return form


def printed(page: Any, form: Any, action: str) -> str:
    """Press a print button; what comes out: the text of its one A4 page."""
    before = page.evaluate("window.printed || 0")
    form.locator(f'[data-action="{action}"]').tap()
    assert page.evaluate("window.printed") == before + 1
    texts = pdf_texts(page.pdf(format="A4"))
    title = form.locator(".hb-form__title").inner_text()
    assert len(texts) == 1, outgrown(f"检查表“{title}”", len(texts), 1, SPLIT_CHECKLIST)
    return texts[0]


def rows(text: str) -> dict[int, str]:
    """The printed items by their number, each on one line: text, 必做, time or 未做, 不适用."""
    body = text.split("\n备注", 1)[0]
    parts = re.split(r"\n(\d+)\. ", "\n" + body)
    return {
        int(n): chunk.replace("\n", "") for n, chunk in zip(parts[1::2], parts[2::2], strict=True)
    }


def test_a_printed_record_shows_what_was_done_when_and_what_was_left(
    shanghai_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    phone = shanghai_phone
    checklist = handover(handbook)
    items = checklist.items
    form = open_checklist(phone, site, checklist.id)
    tick(phone, form, items[0].id, at("2030-05-01", 21, 35))
    tick(phone, form, items[2].id, at("2030-05-02", 0, 20))  # past midnight: the same shift
    form.locator('[data-action="na"]').tap()
    form.locator(f'[data-na="{items[-1].id}"]').tap()
    fill_in(form)
    text = printed(phone, form, "print-record")

    version = content_version(f"checklists/{checklist.id}/", handbook)
    assert f"{folded(checklist.title)} 完成记录 · 内容版本 {version}" in text  # the header
    assert printed_footer(phone, version) in text  # the page footer, with the form's name
    assert "第 1 / 1 页" in text
    for field in ("网点 西湖营业厅", "姓名 王小明", "日期 2030-05-01", "班次 晚班", folded(NOTE)):
        assert field in text
    times = {items[0].id: "21:35", items[2].id: "05-02 00:20"}
    left = [i for i in items if i.critical and i.id not in times and i != items[-1]]
    assert left, "the test needs a required item left undone"
    assert f"完成 2/{len(items) - 1} 项,1 项不适用;必做未做 {len(left)} 项" in text
    printed_rows = rows(text)
    assert sorted(printed_rows) == list(range(1, len(items) + 1))
    for number, item in enumerate(items, start=1):
        row = printed_rows[number]
        assert folded(item.text) in row and row.endswith("不适用"), row
        assert (times.get(item.id, "no time") in row) == (item.id in times), row
        assert ("未做" in row) == (item in left), row
    for line in ("交班人签字", "接班人签字", "主管/检查人签字", "检查时间"):
        assert line in text

    # The blank form beside it shows none of that, and the version all the same.
    blank = printed(phone, form, "print")
    assert f"{folded(checklist.title)} 内容版本 {version}" in blank
    for gone in ("完成记录", "王小明", "21:35", "未做", "2030-05-01", folded(NOTE)):
        assert gone not in blank


@pytest.mark.long
def test_the_history_survives_a_reload_the_next_day_and_corrupt_entries_and_exports(
    shanghai_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    phone = shanghai_phone
    checklist, other = handover(handbook), another(handbook)
    items = checklist.items
    form = open_checklist(phone, site, checklist.id)
    tick(phone, form, items[0].id, at("2030-05-01", 21, 35))
    form.locator('[data-action="na"]').tap()
    form.locator(f'[data-na="{items[-1].id}"]').tap()
    fill_in(form)
    # What else the phone may hold: a corrupt record, one of a checklist that no longer exists,
    # and one saved before tick times were kept (a list of ids).
    phone.evaluate(
        "entries => entries.forEach(([key, value]) => localStorage.setItem(key, value))",
        [
            [f"{PREFIX}{other.id}:2030-04-30", "{oops"],
            [f"{PREFIX}gone:2030-04-30", json.dumps({"t": {"gone-item": 1}})],
            [f"{PREFIX}{other.id}:2030-04-29", json.dumps([other.items[0].id])],
            # every item marked 不适用, required ones too: nothing done, so no ✓
            [
                f"{PREFIX}{other.id}:2030-04-28",
                json.dumps({"t": {}, "na": [i.id for i in other.items], "name": "王小明"}),
            ],
        ],
    )
    phone.reload()
    form = open_checklist(phone, site, checklist.id)
    assert form.locator("input[data-item]:checked").count() == 1
    # Another checklist that evening is the same person's: the phone remembers who.
    form = open_checklist(phone, site, other.id)
    assert [form.locator(f'[data-who="{k}"]').input_value() for k in ("name", "shift")] == [
        WHO["name"],
        WHO["shift"],
    ]
    # The next morning it is often someone else's (a shared counter PC printed the morning's
    # record under the evening's name and 班次): only the branch carries over.
    phone.clock.set_system_time(at("2030-05-02", 9))
    form = open_checklist(phone, site, other.id)
    assert [form.locator(f'[data-who="{k}"]').input_value() for k in WHO] == ["", WHO["site"], ""]
    tick(phone, form, other.items[1].id, at("2030-05-02", 9, 5))
    # A sheet with only a note says why nothing was done: it is listed and exported too.
    outage = json.dumps({"t": {}, "note": "全厅停电，未营业"}, ensure_ascii=False)
    phone.evaluate(
        "([k, v]) => localStorage.setItem(k, v)", [f"{PREFIX}{checklist.id}:2030-05-02", outage]
    )

    phone.goto(site.page_url("checklists/"))
    days = phone.locator("[data-history-list] > li")
    expect(days).to_have_count(4)
    expect(days.nth(0)).to_contain_text(f"{checklist.title} 0/")
    left = sum(i.critical for i in items) - items[0].critical - items[-1].critical
    assert days.nth(1).inner_text().split("\n") == [
        "5月1日 周三",
        # the item left out says so, as the printed record does (1/13 of a 14-item form)
        f"{checklist.title}（{WHO['name']}，{WHO['shift']}） 1/{len(items) - 1} · 1 项不适用"
        f" · 必做未做 {left} 项",
    ]
    assert days.nth(2).inner_text().startswith(f"4月29日 周一\n{other.title} 1/")
    assert days.nth(3).inner_text().split("\n")[1] == (
        f"{other.title}（王小明） 0/0 · {len(other.items)} 项不适用"
    )

    with phone.expect_download() as download:
        phone.get_by_role("button", name="导出记录表（Excel 能打开）").tap()
    assert download.value.suggested_filename == "检查表记录-2030-05-02.csv"
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a BOM, so that Excel reads UTF-8"
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert table[0] == CSV_HEADER
    assert len(table) == 1 + 2 * len(items) + 3 * len(other.items), "one row per item of a sheet"
    assert [r[0] for r in table[1:]] == sorted(r[0] for r in table[1:]), "oldest first"
    # within a day, the checklists in the page's order (交接班's rows came first)
    may2 = [r for r in table[1:] if r[0] == "2030-05-02"]
    assert [r[2] for r in may2] == [other.title] * len(other.items) + [checklist.title] * len(items)
    assert may2[-1][5:] == ["否", "", "", "", "", "全厅停电，未营业"]
    row = {(r[0], r[3]): r for r in table[1:]}
    must = ["否", "是"]
    who = [WHO["name"], WHO["site"], WHO["shift"]]
    assert row["2030-05-01", items[0].text] == [
        "2030-05-01",
        "1",  # the day's only sheet of it
        checklist.title,
        items[0].text,
        must[items[0].critical],
        "是",
        "2030-05-01 21:35",
        *who,
        NOTE,
    ]
    assert row["2030-05-01", items[1].text][4:7] == [must[items[1].critical], "否", ""]
    assert row["2030-05-01", items[-1].text][5] == "不适用"
    assert row["2030-05-02", other.items[1].text][5:] == [
        "是",
        "2030-05-02 09:05",
        "",
        WHO["site"],
        "",
        "",
    ]
    assert row["2030-04-29", other.items[0].text][5:7] == ["是", ""]  # done, time unknown

    # Opened from the list, a record can be read and printed, not changed.
    days.nth(1).get_by_role("link").tap()
    phone.wait_for_url("**/?day=2030-05-01")
    form = phone.locator(f'[data-checklist="{checklist.id}"]')
    expect(form.locator("[data-past]")).to_contain_text("这是 2030-05-01 的记录")
    boxes = form.locator("input[data-item]")
    assert boxes.evaluate_all("bs => bs.filter(b => b.checked).map(b => b.dataset.item)") == [
        items[0].id
    ]
    assert boxes.evaluate_all("bs => bs.every(b => b.disabled)")
    assert form.locator('[data-who="name"]').input_value() == WHO["name"]
    assert not form.get_by_role("button", name="重新开始").is_visible()
    expect(form.locator("[data-handover]")).to_be_hidden()
    text = printed(phone, form, "print-record")
    assert "日期 2030-05-01" in text and "21:35" in rows(text)[1]
    # saved as a PDF under the record's day, not the day it was printed
    assert phone.evaluate("window.printedTitle") == f"{checklist.title}（记录 5月1日）"
    # Today's checklist is a new one.
    form.get_by_role("button", name="回到今天的表").tap()
    assert phone.url.endswith(f"/checklists/{checklist.id}/")
    expect(form.locator("[data-past]")).to_be_hidden()
    assert form.locator("input[data-item]:checked").count() == 0

    # Kept are the KEEP_DAYS latest days that have a record, not the days back from the
    # phone's today: a phone whose date ran a year ahead forgot every record at once.
    phone.clock.set_system_time(at("2031-06-15", 9))
    open_checklist(phone, site, checklist.id)
    phone.goto(site.page_url("checklists/"))
    expect(phone.locator("[data-history-list] > li", has_text="5月1日")).to_have_count(1)
    later = [at("2030-05-03", 9) + timedelta(days=n) for n in range(KEEP_DAYS)]
    phone.evaluate(
        "entries => entries.forEach(([key, value]) => localStorage.setItem(key, value))",
        [[f"{PREFIX}{other.id}:{d:%Y-%m-%d}", json.dumps({"t": {}})] for d in later],
    )
    phone.reload()
    expect(phone.locator("[data-history-list] > li", has_text="5月1日")).to_have_count(0)
    days = phone.evaluate(
        "prefix => new Set(Object.keys(localStorage).filter((k) => k.startsWith(prefix))"
        ".map((k) => k.split(':')[2].slice(0, 10))).size",
        PREFIX,
    )
    assert days == KEEP_DAYS


def test_a_second_shift_starting_over_keeps_the_first_shifts_sheet(
    shanghai_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """One phone, two shifts in a day: 重新开始 had wiped the morning's record (最近记录 said
    there was none). The used sheet stays, listed under its 班次, readable and printable."""
    phone = shanghai_phone
    checklist = another(handbook)
    items = checklist.items
    form = morning_sheet(phone, site, checklist, 2)
    form.locator('[data-who="shift"]').fill("早班")
    asked: list[str] = []
    phone.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    # The afternoon's person opens the page: 2/N at the top, and whose the sheet is (the name
    # is at its foot, below the list): they took the morning's 全部完成 ✓ for their own.
    phone.clock.set_system_time(at("2030-05-01", 14))
    form = open_checklist(phone, site, checklist.id)
    handed = form.locator("[data-handover]")
    expect(handed).to_contain_text(f"这张表是{WHO['name']}（早班）勾的，最后一次在 08:06。")
    handed.get_by_role("button", name="换一张新表").tap()
    assert "最近记录" in asked[0] and "重新填姓名和班次" in asked[0]
    expect(handed).to_be_hidden()
    assert form.locator("input[data-item]:checked").count() == 0
    # The next shift is often another person: a printed record had put the afternoon's
    # work under the morning's name and shift, beside the morning's note on screen.
    who = {key: form.locator(f'[data-who="{key}"]') for key in ("name", "site", "shift", "note")}
    assert {key: field.input_value() for key, field in who.items()} == {
        "name": "",
        "site": WHO["site"],
        "shift": "",
        "note": "",
    }
    phone.reload()
    form = open_checklist(phone, site, checklist.id)
    assert form.locator('[data-who="name"]').input_value() == ""
    form.locator('[data-who="name"]').fill("李小红")
    form.locator('[data-who="shift"]').fill("晚班")
    tick(phone, form, items[2].id, at("2030-05-01", 14, 2))
    afternoon = printed(phone, form, "print-record")
    assert "李小红" in afternoon and "晚班" in afternoon
    assert WHO["name"] not in afternoon and "早班" not in afternoon and NOTE not in afternoon

    phone.goto(site.page_url("checklists/"))
    [day] = phone.locator("[data-history-list] > li").all()
    assert day.inner_text().startswith("今天 5月1日 周三\n")
    links = day.get_by_role("link")
    assert [links.nth(i).inner_text().split(" · ")[0] for i in range(links.count())] == [
        f"{checklist.title}（李小红，晚班） 1/{len(items)}",  # the sheet in use, whose
        f"{checklist.title}（{WHO['name']}，早班） 2/{len(items)}",  # the morning's
    ]
    # The CSV tells the two apart too: which of the day's sheets, the morning's first.
    with phone.expect_download() as download:
        phone.get_by_role("button", name="导出记录表（Excel 能打开）").tap()
    data = Path(download.value.path()).read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(data, newline="")))
    assert [(r[1], r[7]) for r in table[1:]] == [("1", WHO["name"])] * len(items) + [
        ("2", "李小红")
    ] * len(items)
    links.nth(1).tap()
    phone.wait_for_url("**/?day=2030-05-01.1")
    form = phone.locator(f'[data-checklist="{checklist.id}"]')
    expect(form.locator("[data-past]")).to_contain_text("这是 2030-05-01（当天第 1 张） 的记录")
    assert form.locator("input[data-item]:checked").evaluate_all(
        "bs => bs.map(b => b.dataset.item)"
    ) == [items[0].id, items[1].id]
    text = printed(phone, form, "print-record")
    assert f"日期 {folded('2030-05-01（当天第 1 张）')}" in text and "08:05" in rows(text)[1]
    assert phone.evaluate("window.printedTitle") == f"{checklist.title}（记录 5月1日 第 1 张）"


def test_the_top_says_whose_sheet_it_is_and_a_mistaken_not_applicable_gives_the_tick_back(
    shanghai_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """A supervisor's spot check of a clerk, then her own checklist: the clerk's name, carried
    over at the foot of the form, went unseen onto her sheet and its printed record. The top
    says whose it is, and 改姓名 leads to the field. 不适用 tapped over a tick by mistake and
    taken back gives the tick back with its time; a note near its length says how much is
    left (a pasted note was cut without a word)."""
    phone = shanghai_phone
    checklist, other = another(handbook), handover(handbook)
    morning_sheet(phone, site, checklist, 1)
    form = open_checklist(phone, site, other.id)
    whose = form.locator("[data-whose]")
    expect(whose).to_have_text(
        f"这张表：{WHO['name']}（{WHO['shift']}） 改姓名", use_inner_text=True
    )
    whose.get_by_text("改姓名").tap()
    name = form.locator('[data-who="name"]')
    expect(name).to_be_focused()
    expect(name).to_be_in_viewport()
    name.fill("")
    expect(whose).to_have_text("这张表还没填姓名 填姓名", use_inner_text=True)

    item = other.items[0].id
    tick(phone, form, item, at("2030-05-01", 8, 30))
    form.locator('[data-action="na"]').tap()
    box = form.locator(f'input[data-item="{item}"]')
    form.locator(f'[data-na="{item}"]').tap()
    expect(box).not_to_be_checked()
    form.locator(f'[data-na="{item}"]').tap()
    expect(box).to_be_checked()
    phone.reload()
    expect(form.locator(f'li:has(input[data-item="{item}"]) [data-when]')).to_have_text("08:30")

    note = form.locator('[data-who="note"]')
    note.fill("满" * (NOTE_LENGTH - 10))
    expect(form.locator("[data-note-left]")).to_have_text("还能写 10 字")
    note.fill("满" * (NOTE_LENGTH + 10))  # pasted: the field keeps NOTE_LENGTH
    expect(form.locator("[data-note-left]")).to_have_text("还能写 0 字")


def test_whose_sheet_it_is_says_the_name_as_typed(
    shanghai_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """The name goes into a sentence of the page's HTML (%s): $& or %t typed in it must stay
    as typed, not become the pattern's text or the time."""
    phone = shanghai_phone
    checklist = another(handbook)
    phone.clock.set_system_time(at("2030-05-01", 8))
    form = open_checklist(phone, site, checklist.id)
    tick(phone, form, checklist.items[0].id, at("2030-05-01", 8, 1))
    form.locator('[data-who="name"]').fill("$&%t小王")
    phone.clock.set_system_time(at("2030-05-01", 11))
    form = open_checklist(phone, site, checklist.id)
    expect(form.locator("[data-handover]")).to_contain_text(
        "这张表是$&%t小王勾的，最后一次在 08:01。"
    )


def test_a_record_link_opened_on_a_phone_without_that_record_says_so(
    shanghai_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """A record's link sent to a supervisor's phone (or one past the days kept) showed the
    day's list with every 必做 marked 未做, 0/N: as if nothing had been done."""
    phone = shanghai_phone
    checklist = another(handbook)
    phone.goto(site.page_url(f"checklists/{checklist.id}/?day=2030-04-30"))
    form = phone.locator(f'[data-checklist="{checklist.id}"]')
    past = form.locator("[data-past]")
    expect(past).to_contain_text("这台手机上没有 2030-04-30 的记录：勾选只存在当时填表的那台手机上")
    expect(past.locator("[data-past-kept]")).to_be_hidden()
    assert "未做" not in form.locator(".hb-checks").inner_text()
    assert form.locator("[data-progress]").inner_text() == ""
    past.get_by_role("button", name="回到今天的表").tap()
    expect(past).to_be_hidden()
    expect(form.locator("[data-progress]")).to_have_text(f"0/{len(checklist.items)}")


def test_a_name_typed_over_someone_elses_ticks_asks_whether_it_is_a_new_sheet(
    shanghai_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """On a shared counter PC the next person typed their name over the sheet in use: the
    first person's ticks became theirs, and the first person's name was gone from every
    record. Typing another name over ticks asks; yes is 重新开始 with the new name and the same
    班次 (a supervisor's second 抽查 had lost it), no is a correction of the name."""
    phone = shanghai_phone
    checklist = another(handbook)
    items = checklist.items
    form = morning_sheet(phone, site, checklist, 1)
    name = form.locator('[data-who="name"]')
    asked: list[str] = []
    phone.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    name.fill("李小红")
    name.press("Tab")  # the field is left: the name is typed
    assert asked and WHO["name"] in asked[0]
    assert form.locator("input[data-item]:checked").count() == 0
    values = {k: form.locator(f'[data-who="{k}"]').input_value() for k in ("name", "site", "shift")}
    assert values == {"name": "李小红", "site": WHO["site"], "shift": WHO["shift"]}
    tick(phone, form, items[1].id, at("2030-05-01", 8, 30))
    # A correction of the name (cancel) keeps the ticks under it.
    phone.once("dialog", lambda dialog: dialog.dismiss())
    name.fill("李晓红")
    name.press("Tab")
    assert form.locator("input[data-item]:checked").count() == 1
    assert name.input_value() == "李晓红"
    phone.goto(site.page_url("checklists/"))
    [day] = phone.locator("[data-history-list] > li").all()
    links = day.get_by_role("link")
    assert [links.nth(i).inner_text().split(" ")[0] for i in range(links.count())] == [
        f"{checklist.title}（李晓红，{WHO['shift']}）",  # the sheet in use: 李晓红's
        f"{checklist.title}（{WHO['name']}，{WHO['shift']}）",  # the first person's
    ]
    links.nth(1).tap()
    form = phone.locator(f'[data-checklist="{checklist.id}"]')
    expect(form.locator("[data-past]")).to_be_visible()
    assert form.locator('[data-who="name"]').input_value() == WHO["name"]


def test_a_record_of_nothing_prints_as_the_blank_form(
    shanghai_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """打印记录 on an untouched sheet printed a 完成记录 with every 必做 stamped 未做 and no
    name: a trainer looking for a form pressed it first. It prints the blank form and says so."""
    phone = shanghai_phone
    form = open_checklist(phone, site, another(handbook).id)
    text = printed(phone, form, "print-record")
    assert "完成记录" not in text and "未做" not in text
    expect(phone.locator(".hb-toast")).to_have_text("还没有勾选任何一项，打印的是空白表。")


def test_the_longest_checklist_fits_one_a4_page_as_a_full_record_and_blank(
    shanghai_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """The form with the most rows, every field and the note as full as the phone takes them,
    ticked after midnight (the widest times). The others have fewer rows."""
    phone = shanghai_phone
    longest = max(
        handbook.checklists.checklists,
        key=lambda c: len(c.items) + 2 * isinstance(handbook.get(c.items[0].refs[0]), Step),
    )
    form = open_checklist(phone, site, longest.id)
    phone.clock.set_system_time(at("2030-05-02", 0, 20))
    for item in longest.items[1:]:
        form.locator(f'input[data-item="{item.id}"]').check()
    for key, value in WHO.items():
        form.locator(f'[data-who="{key}"]').fill(value * 10)
    form.locator('[data-who="note"]').fill("满" * 2 * NOTE_LENGTH)  # the phone keeps half
    printed(phone, form, "print-record")  # one page
    printed(phone, form, "print")


def test_after_a_printed_record_the_browsers_own_print_gives_the_blank_form_again(
    shanghai_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """打印记录 fills the form for its print only: Ctrl+P or the phone's menu afterwards gives
    the blank form the page promises, not the record again."""
    phone = shanghai_phone
    checklist = handover(handbook)
    form = open_checklist(phone, site, checklist.id)
    fill_in(form)
    form.locator(f'input[data-item="{checklist.items[0].id}"]').check()
    page_title = phone.title()
    printed(phone, form, "print-record")
    # Saved as a PDF, the record is named as one, with its day: not over the blank form.
    today = phone.evaluate(
        "(() => { const d = new Date(); return `${d.getMonth() + 1}月${d.getDate()}日` })()"
    )
    assert phone.evaluate("window.printedTitle") == f"{checklist.title}（记录 {today}）"
    phone.evaluate("dispatchEvent(new Event('afterprint'))")
    assert phone.title() == page_title
    [text] = pdf_texts(phone.pdf(format="A4"))
    assert "完成记录" not in text and "王小明" not in text
    printed(phone, form, "print")
    assert phone.evaluate("window.printedTitle") == f"{checklist.title}（空白表）"
