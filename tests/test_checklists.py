"""Checklists: the content, its validation, and the HTML the pages are made of.

The browser behaviour (ticking, saving, printing) is in `test_checklists_browser.py`.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from macros.content.handbook import Handbook
from macros.content.model import Checklist, Procedure, Step

from .support.content import problems_of
from .support.fixture import CONTENT as FIXTURE_CONTENT
from .support.fixture import fixture_handbook
from .support.html import Page, page

REQUIRED = {
    "banqian-zhunbei": "班前准备",
    "jiedai-kehu": "接待",
    "banli-yewu": "办理",
    "songbie-kehu": "送别",
    "chuli-tousu": "投诉",
    "jiaojie-ban": "交接",
}
FIELDS = ("网点", "姓名", "日期", "班次", "备注", "主管/检查人签字", "检查时间")


def field_names(source: str) -> list[str]:
    """The names of the paper form's fields, in order, as the reader sees them."""
    return [unescape(m) for m in re.findall(r'<span class="hb-field__name">([^<]*)</span>', source)]


def signature_lines(checklist: Checklist) -> list[str]:
    """Who signs the paper form: each signer (one 签字 line without signers) and the checker."""
    return [f"{name}签字" for name in checklist.signers] or ["签字"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


# --- content ------------------------------------------------------------------------------


def test_the_required_checklists_exist(handbook: Handbook) -> None:
    titles = {c.id: c.title for c in handbook.checklists.checklists}
    for ident, word in REQUIRED.items():
        assert ident in titles, ident
        assert word in titles[ident], (ident, titles[ident])


def test_handover_is_signed_by_both_shifts(handbook: Handbook) -> None:
    handover = next(c for c in handbook.checklists.checklists if c.id == "jiaojie-ban")
    assert handover.signers == ["交班人", "接班人"]


def test_the_checklist_day_starts_in_the_small_hours(handbook: Handbook) -> None:
    """A shift crossing midnight keeps its ticks; the new day's form starts before any shift."""
    assert 2 <= handbook.checklists.day_start_hour <= 6


def test_complaint_checklist_walks_through_the_seven_steps_in_order(handbook: Handbook) -> None:
    procedure = handbook.get("tousu-qibu")
    assert isinstance(procedure, Procedure) and len(procedure.steps) == 7
    order = [step.id for step in procedure.steps]
    checklist = next(c for c in handbook.checklists.checklists if c.id == "chuli-tousu")
    first_refs = [item.refs[0] for item in checklist.items]
    assert all(isinstance(handbook.get(ref), Step) for ref in first_refs)
    positions = [order.index(ref) for ref in first_refs]
    assert positions == sorted(positions), "items must follow the steps' order"
    assert set(first_refs) == set(order), "every one of the seven steps needs an item"


# --- validation ---------------------------------------------------------------------------


WANTED_HOUR = "day_start_hour: 应为 0 到 23 的整数：每天几点起算新的一张表，例如 4 表示凌晨 4 点"


@pytest.fixture
def small_content(fixture_content: Path) -> Path:
    """A copy of the small fixture content (tests/fixtures/handbook), quick to load: what the
    loader reports does not depend on the real content."""
    return fixture_content


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("24", f"{WANTED_HOUR}；这里是 24"),
        ("04:00", f"{WANTED_HOUR}；只写小时数，不写成“04:00”"),
        # YAML reads 4:00 as 4 × 60: the message quotes what the editor wrote
        ("4:00", f"{WANTED_HOUR}；这里是 240（文件里写的是“4:00”，YAML 把它读成了数字 240）"),
        ('"4"', "day_start_hour: 应为整数，这里是文字“4”；数字不要加引号"),
    ],
)
def test_day_start_hour_must_be_an_hour_of_the_day(
    small_content: Path, written: str, message: str
) -> None:
    path = small_content / "checklists.yml"
    edit(path, "\nchecklists:\n", f"\nday_start_hour: {written}\nchecklists:\n")
    line = line_of(path, "day_start_hour:")
    [problem] = problems_of(small_content)
    assert problem == f"content/checklists.yml:{line}:17: {message}"


def test_day_start_hour_may_be_left_out() -> None:
    assert "day_start_hour" not in (FIXTURE_CONTENT / "checklists.yml").read_text(encoding="utf-8")
    assert fixture_handbook().checklists.day_start_hour == 4


def test_item_without_refs_is_an_error_with_its_line(small_content: Path) -> None:
    content = small_content
    path = content / "checklists.yml"
    edit(
        path,
        "        refs: [yibiao-guifan]\n      - id: banqian-taimian",
        "      - id: banqian-taimian",
    )
    line = line_of(path, "- id: banqian-yibiao")
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["checklists"][0]["items"]
    at = [item["id"] for item in items].index("banqian-yibiao")  # editors may add items above
    [problem] = problems_of(content)
    assert problem.startswith(f"content/checklists.yml:{line}:")
    assert problem.endswith(
        f"checklists[0].items[{at}].refs: 缺少必填字段“refs”（在 id 为 banqian-yibiao 的这一条里）"
        "：这一项对应的手册条目 id。"
    )


def test_item_ref_to_an_unknown_id_is_an_error_with_its_line(small_content: Path) -> None:
    path = small_content / "checklists.yml"
    edit(path, "refs: [guitai-zhengjie]", "refs: [guitai-zhengjei]")
    line = line_of(path, "refs: [guitai-zhengjei]")
    [problem] = problems_of(small_content)
    assert problem.startswith(f"content/checklists.yml:{line}:")
    assert problem.endswith(
        "refs[0]: 引用的 id “guitai-zhengjei” 不存在，是不是想写“guitai-zhengjie”？"
    )


def test_item_may_not_point_at_a_checklist_or_a_quiz(small_content: Path) -> None:
    edit(small_content / "checklists.yml", "refs: [yingjie-wenhao]", "refs: [jiedai-kehu]")
    [problem] = problems_of(small_content)
    assert "“jiedai-kehu” 是检查表（checklist），这里只能引用" in problem


def test_item_ids_must_be_unique_across_files(small_content: Path) -> None:
    edit(small_content / "checklists.yml", "- id: banqian-taimian", "- id: yibiao-guifan")
    assert any("id “yibiao-guifan” 重复了" in p for p in problems_of(small_content))


# --- HTML ---------------------------------------------------------------------------------


def checkboxes(html: Page) -> list[dict[str, str]]:
    """The checklist's checkboxes (Material has hidden ones of its own for the drawer)."""
    return [a for a in html.attrs("input") if a.get("type") == "checkbox" and "data-item" in a]


@pytest.mark.build
def test_each_checklist_page_has_the_hooks_labels_and_critical_marks(
    built_site: Path, handbook: Handbook
) -> None:
    for checklist in handbook.checklists.checklists:
        html = page(built_site, f"checklists/{checklist.id}")
        containers = [a for a in html.attrs("div") if "data-checklist" in a]
        assert [a["data-checklist"] for a in containers] == [checklist.id]
        boxes = checkboxes(html)
        assert [b["data-item"] for b in boxes] == [item.id for item in checklist.items]
        labels = {a["for"] for a in html.attrs("label") if "for" in a}
        for box in boxes:
            assert box["id"] in labels, box
        for item in checklist.items:
            label = html.source.split(f'for="{item.id}"', 1)[1].split("</label>", 1)[0]
            assert ("必做" in label) == item.critical, item.id
        # (重新开始 at the foot, and 换一张新表 offered at the top to the next shift)
        for action, count in (("print", 1), ("print-record", 1), ("reset", 2)):
            assert html.source.count(f'data-action="{action}"') == count, action
        assert set(FIELDS) | set(signature_lines(checklist)) <= set(field_names(html.source))


@pytest.mark.build
def test_every_ref_link_leads_to_an_existing_anchor(built_site: Path, handbook: Handbook) -> None:
    for checklist in handbook.checklists.checklists:
        base = built_site / "checklists" / checklist.id
        html = page(built_site, f"checklists/{checklist.id}")
        hrefs = [
            a["href"]
            for a in html.attrs("a")
            if "#" in a.get("href", "") and not a["href"].startswith("#")
        ]
        wanted = {ref for item in checklist.items for ref in item.refs}
        assert wanted <= {href.split("#", 1)[1] for href in hrefs}, checklist.id
        ids_of: dict[Path, set[str]] = {}  # each linked page parsed once
        for href in hrefs:
            path, fragment = href.split("#", 1)
            where = (base / path.rstrip("/")).resolve()
            if where not in ids_of:
                ids_of[where] = page(base, path.rstrip("/")).ids if path else html.ids
            assert fragment in ids_of[where], f"{checklist.id}: {href}"


@pytest.mark.build
def test_complaint_checklist_is_grouped_under_the_seven_steps(
    built_site: Path, handbook: Handbook
) -> None:
    html = page(built_site, "checklists/chuli-tousu")
    procedure = handbook.get("tousu-qibu")
    assert isinstance(procedure, Procedure)
    headings = re.findall(r'<h2 class="hb-check-group">(.*?)</h2>', html.source)
    assert headings == [
        f"第 {number} 步 · {step.name}" for number, step in enumerate(procedure.steps, start=1)
    ]
    other = page(built_site, "checklists/jiedai-kehu")
    assert "hb-check-group" not in other.source


@pytest.mark.build
def test_index_lists_every_checklist_with_counts_and_the_print_page(
    built_site: Path, handbook: Handbook
) -> None:
    html = page(built_site, "checklists")
    cards = [a for a in html.attrs("li") if "data-checklist-summary" in a]
    assert [c["data-checklist-summary"] for c in cards] == [
        c.id for c in handbook.checklists.checklists
    ]
    hrefs = {a.get("href") for a in html.attrs("a")}
    assert "print/" in hrefs
    for checklist, card in zip(handbook.checklists.checklists, cards, strict=True):
        assert f"{checklist.id}/" in hrefs
        assert card["data-items"].split() == [item.id for item in checklist.items]
        assert checklist.when in html.text
        critical = sum(item.critical for item in checklist.items)
        assert f"{len(checklist.items)} 项，其中必做 {critical} 项" in html.text


@pytest.mark.build
def test_print_all_page_has_one_paper_form_per_checklist(
    built_site: Path, handbook: Handbook
) -> None:
    html = page(built_site, "checklists/print")
    forms = [a for a in html.attrs("section") if "data-checklist" in a]
    assert [f["data-checklist"] for f in forms] == [c.id for c in handbook.checklists.checklists]
    assert checkboxes(html) == [], "paper forms have empty boxes, not live checkboxes"
    for checklist in handbook.checklists.checklists:
        for item in checklist.items:
            assert item.text in html.text
    names = field_names(html.source)
    for name in FIELDS:
        assert names.count(name) == len(forms), name
    # 不适用 beside every item; the handover signed by both shifts, other forms by who filled it
    assert html.source.count('class="hb-check__na-box"') == sum(
        len(c.items) for c in handbook.checklists.checklists
    )
    for checklist in handbook.checklists.checklists:
        form = html.source.split(f'id="{checklist.id}"', 1)[1].split("</section>", 1)[0]
        signed = [name for name in field_names(form) if name.endswith("签字")]
        assert signed == [*signature_lines(checklist), "主管/检查人签字"], checklist.id
