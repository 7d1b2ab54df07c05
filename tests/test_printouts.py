"""Paper a trainer relies on: every printout names the handbook, the content version it shows and
its page number (forms, quizzes, chapters alike); a chapter prints as a handout with no heading
left alone at the foot of a page; each checklist of content/ fits one A4 form; 禁语速查表 puts
every forbidden phrase and what to say instead on at most two A4 sheets."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from macros.content.handbook import Handbook
from macros.content.loader import load_content
from macros.content.model import Phrase
from macros.content.urls import chapter_url, quiz_url

from .support import ROOT
from .support.browser import TWO_FRAMES
from .support.content import checklist_at
from .support.fixture import CONTENT as FIXTURE_CONTENT
from .support.fixture import site_name
from .support.pdf import (
    ASK_FOR_LAYOUT,
    SHORT_TEXTS,
    SPLIT_CHECKLIST,
    blank_at_foot,
    content_version,
    folded,
    gap_above_footer,
    left_edge,
    lone_characters,
    off_the_printable_area,
    outgrown,
    page_text,
    pages,
    printed_footer,
    squeezed,
    text_drawn,
    version_at_top,
)
from .support.server import SiteServer
from .support.sweep import largest

pytestmark = pytest.mark.browser

PRINTOUTS = ["checklists/banli-yewu/", "checklists/print/"]


@pytest.mark.parametrize("url", PRINTOUTS)
def test_every_printed_page_carries_the_version_and_its_number(
    desktop: Any, site: SiteServer, handbook: Handbook, url: str
) -> None:
    check_printed_pages(desktop, site, handbook, url)


@pytest.mark.sweep
def test_every_page_of_the_longest_worksheet_says_whose_it_is(
    desktop: Any, site: SiteServer, handbook: Handbook
) -> None:
    """The quiz with the most questions (every quiz in a full sweep): the most sheets, where a
    sheet without the name line or the quiz's name would be lost."""
    count = question_counts(handbook)
    for url in largest(list(count), 1, count):
        check_printed_pages(desktop, site, handbook, url)


def question_counts(handbook: Handbook) -> dict[str, int]:
    """Each quiz's page and how many questions it asks."""
    return {quiz_url(q.id): len(handbook.questions_of(q.id)) for q in handbook.quizzes.quizzes}


def check_printed_pages(desktop: Any, site: SiteServer, handbook: Handbook, url: str) -> None:
    desktop.goto(site.page_url(url))
    desktop.emulate_media(media="print")
    short = desktop.evaluate(SHORT_TEXTS)
    pdf = desktop.pdf(format="A4")
    printed = pages(pdf)
    total = len(printed)
    assert not off_the_printable_area(pdf), (url, off_the_printable_area(pdf))
    version = content_version(url, handbook)
    assert version, "the tests run in a git checkout"
    footer = printed_footer(desktop, version)
    # (打印全部检查表's forms name their own checklist, and count no pages: handed out one by
    # one, a form read 第 3 / 6 页 of a pile; test_each_checklist_of_the_content_… checks it.)
    pile = url == "checklists/print/"
    for number, pdf_page in enumerate(printed, start=1):
        text = page_text(pdf_page)
        assert not lone_characters(text, short), (url, number, lone_characters(text, short))
        assert pile or footer in text, (url, number, footer)
        assert pile or f"第 {number} / {total} 页" in text, (url, number)
        assert f"内容版本 {folded(version)}" in text, (url, number)
        if url.startswith("quizzes/"):  # a worksheet: whose it is, on every page, once
            asked = desktop.locator(".quiz-q").count()  # out of how many the score is
            name_line = rf"姓名 _+ 日期 _+ 得分 _+ / {asked}\b"
            assert len(re.findall(name_line, text)) == 1, (url, number)
            # and which quiz it is, so a dropped sheet can be sorted back
            assert folded(desktop.locator("h1").inner_text()) in text, (url, number)
    assert version_at_top(printed[0], version), url  # the first sheet, in the page itself
    if url.startswith("quizzes/"):
        # On the first page in the page itself: browsers that print no page margin boxes
        # (Safari, Firefox, Chromium before 131) still give the trainer a line for the name.
        assert desktop.locator(".quiz-sheet-head:visible").count() == 1  # the whole sheet's
        # How the sheet is marked, the one rule a trainee needs: as large as the questions and
        # black (it printed at 8 pt, grey).
        style = "e => [getComputedStyle(e).fontSize, getComputedStyle(e).color]"
        rule = desktop.locator(".quiz-sheet-rule").evaluate(style)
        question = desktop.locator(".quiz-q legend").first.evaluate(style)
        assert float(rule[0][:-2]) >= float(question[0][:-2]) and rule[1] == "rgb(0, 0, 0)", rule


@pytest.mark.parametrize("url", ["checklists/print/", "phrasing/print/", "chapter", "quiz", "./"])
def test_the_browsers_own_header_and_footer_stay_off_paper(
    desktop: Any, site: SiteServer, handbook: Handbook, url: str
) -> None:
    """Chromium's print dialog adds a header and footer by default (date, time, the tab's
    title, the address): 打印全部检查表's title printed over each of six forms, with a date by
    the form's own 日期. Printed with them on, no page shows them."""
    url = {
        "chapter": chapter_url(next(iter(handbook.chapters))),
        "quiz": quiz_url(handbook.quizzes.quizzes[0].id),
    }.get(url, url)
    desktop.goto(site.page_url(url))
    desktop.emulate_media(media="print")
    # Chromium's own (default) header and footer, as its print dialog has them
    with_them = text_drawn(desktop.pdf(format="A4", display_header_footer=True))
    assert with_them == text_drawn(desktop.pdf(format="A4")), url


@pytest.mark.parametrize("url", ["./", "quizzes/"])
def test_a_page_without_paper_of_its_own_prints_with_margins_and_no_tapping(
    desktop: Any, site: SiteServer, url: str
) -> None:
    """The home page and the quizzes' index have no printout of their own: they still print
    with the handouts' margins (not the browser's 10 mm), and without what is only tapped."""
    desktop.goto(site.page_url(url))
    desktop.emulate_media(media="print")
    printed = pages(desktop.pdf(format="A4"))
    assert [round(left_edge(pdf_page)) for pdf_page in printed] == [15] * len(printed)
    assert not any("点一下" in page_text(pdf_page) for pdf_page in printed)
    # Paper cannot be tapped to read the rest of a card: each says all it is for.
    text = re.sub(r"\s", "", "".join(page_text(pdf_page) for pdf_page in printed))
    cards = desktop.locator(".hb-quick__text").evaluate_all(
        "ts => ts.filter((t) => t.getClientRects().length).map((t) => t.textContent)"
    )
    for card in cards:
        assert re.sub(r"\s", "", folded(card)) in text, card
    # Paper ends with the last block printed, not its bottom margin: a page that just fills
    # its sheets would print one more with only the footer.
    assert desktop.evaluate(TRAILING_SPACE) < 1


# How far the content reaches below the last block that prints (its margin, say), in px.
TRAILING_SPACE = """() => {
  const shown = Array.from(document.querySelectorAll(".md-content__inner > *"))
    .filter((block) => block.getClientRects().length > 0);
  const end = shown[shown.length - 1].getBoundingClientRect().bottom;
  return document.querySelector(".md-content").getBoundingClientRect().bottom - end;
}"""


def test_every_page_of_the_longest_answer_key_says_whose_key_it_is(
    desktop: Any, site: SiteServer, handbook: Handbook
) -> None:
    """The key prints apart (打印答案); a loose page of it must not pass for a handout."""
    count = question_counts(handbook)
    desktop.goto(site.page_url(max(count, key=count.__getitem__)))
    desktop.evaluate("window.print = () => {}")
    desktop.get_by_role("button", name="打印答案").click()
    desktop.emulate_media(media="print")
    pdf = desktop.pdf(format="A4")
    key = [page_text(pdf_page) for pdf_page in pages(pdf)]
    title = folded(desktop.locator("h1").inner_text())
    assert len(key) > 1 and f"{title}:答案与解析" in key[0]
    for number, text in enumerate(key[1:], 2):
        assert f"{title} · 答案" in text, number
    # Its first sheet is full: the footer stands apart from the last answer (a trainer read
    # the footer, 2.5 mm under it, as part of the text).
    assert gap_above_footer(pages(pdf)[0], bottom_mm=16) >= 5


def test_a_link_prints_as_the_text_around_it(desktop: Any, site: SiteServer) -> None:
    """On paper a link is text: blue, the course page's list of printouts read as something to
    tap, beside its own line saying a printed chapter has no links."""
    desktop.goto(site.page_url("course/"))
    desktop.emulate_media(media="print")
    colours = desktop.evaluate(
        """() => Array.from(document.querySelectorAll(".md-typeset :is(p, li) > a"))
          .filter((a) => a.getClientRects().length)
          .map((a) => [a.textContent, getComputedStyle(a).color,
                       getComputedStyle(a.parentElement).color])"""
    )
    assert len(colours) >= 3
    assert [name for name, link, text in colours if link != text] == []


def test_search_marks_and_a_dark_screen_stay_off_paper(browser: Any, site: SiteServer) -> None:
    """A search result opens its page with the words marked (?h=): yellow highlighter on a
    printed form. A dark scheme's canvas printed black margins with background graphics on."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site.page_url("checklists/jiaojie-ban/?h=交班"))
    marks = page.locator(".md-content mark")
    marks.first.wait_for()
    screen = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    page.emulate_media(media="print")
    paper = marks.evaluate_all("ms => ms.map((m) => getComputedStyle(m).backgroundColor)")
    assert screen != "rgba(0, 0, 0, 0)" and set(paper) == {"rgba(0, 0, 0, 0)"}
    canvas = page.evaluate("getComputedStyle(document.documentElement).colorScheme")
    assert canvas == "light"
    context.close()


def test_the_entry_a_link_landed_on_prints_like_the_others(desktop: Any, site: SiteServer) -> None:
    """A chapter printed after following a link to one of its entries: the mark that shows
    where the link landed (an orange border) is the screen's, not the paper's."""
    url = site.page_url(chapter_url(chapters()[0]))
    desktop.goto(url)
    ids = desktop.locator(".hb-entry > h3[id]").evaluate_all("hs => hs.map(h => h.id)")
    target, other = ids[:2]
    desktop.goto(f"{url}#{target}")
    # (a fragment navigation: under load the look was once read before :target moved)
    desktop.wait_for_function("(id) => document.getElementById(id).matches(':target')", arg=target)
    desktop.evaluate(TWO_FRAMES)
    cards = [desktop.locator(f".hb-entry:has(> h3[id='{i}'])") for i in (target, other)]
    look = "c => { const s = getComputedStyle(c); return [s.borderTopColor, s.boxShadow]; }"
    assert cards[0].evaluate(look) != cards[1].evaluate(look)  # marked on screen
    desktop.emulate_media(media="print")
    assert cards[0].evaluate(look) == cards[1].evaluate(look)


def _body_lines(text: str) -> list[str]:
    """A printed page's lines of text without its margins (第 x / y 页 and the footer's name
    and version, which print first in a PDF's text)."""
    margins = re.compile(r"第 \d+ / \d+ 页|.* · 内容版本 ")
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line and not margins.match(line)]


def last_line(text: str) -> str:
    """The last line of a printed page's text, its margins left out."""
    return _body_lines(text)[-1]


def first_line(text: str) -> str:
    """The first line of a printed page's text, its margins left out."""
    return _body_lines(text)[0]


# What begins a step's list of what to do and its boxes of wording: on paper each goes with
# the instruction it belongs to, not to the top of the next sheet.
STEP_LABELS = ("要做到", "可以这样说", "千万不要说")


def chapters() -> list[str]:
    """The chapter pages (the other pages in docs/ are the home page and the checker): the
    two longest, where a heading lands at a page foot most often; every chapter in
    scripts/full_sweeps.py."""
    stems = sorted(
        p.stem for p in (ROOT / "docs").glob("*.md") if p.stem not in ("index", "checker")
    )
    size = {stem: _content_size(stem) for stem in stems}
    return largest(stems, 2, size)


def _content_size(stem: str) -> int:
    """How much a page prints, roughly: its content file's size (pages such as 今日复习 and
    对练 have none of their own and come last)."""
    path = ROOT / "content" / f"{stem}.yml"
    return path.stat().st_size if path.exists() else 0


HEADS = """() => Array.from(document.querySelectorAll(`.md-content :is(h1, h2, h3,
    .hb-section-summary, .hb-step-name, .hb-label),
    .hb-entry > p:not(.hb-editor):has(+ :is(ul, ol, dl, table, .hb-part))`), (e) => e.innerText)"""
WHOSE = """() => Array.from(document.querySelectorAll(".hb-label[data-whose]"),
    (label) => `${label.dataset.whose}：${label.innerText}`)"""
# The first two and the last two items of each printed list of short items in a card (the
# start of each): a line or two each, which a sheet's foot or top would strand. A list of long
# items (a procedure's steps, each with what to do and say) may break between any two of them,
# as an editor's new procedure showed: the next chapter's last step then started a sheet, as it
# may. A procedure's contents (links to its steps) does not print, and its names are the steps'
# own: counted, it held 客户要找领导's long first step to the second's sheet.
LIST_ENDS = """() => Array.from(document.querySelectorAll(".md-content .hb-entry :is(ul, ol)"))
    .filter((list) => list.getClientRects().length > 0)
    .map((list) => Array.from(list.children).filter((item) => item.tagName === "LI"))
    .filter((items) => items.length >= 3)
    .filter((items) => items.every((item) => item.innerText.trim().length <= 80))
    .flatMap((items) => [items.slice(0, 2), items.slice(-2)])
    .map((pair) => pair.map((item) => item.innerText.trim().slice(0, 14)))"""
# Cards the print styles keep whole (break-inside: avoid): their title and last line.
KEPT_WHOLE = """() => Array.from(document.querySelectorAll(".md-content .hb-entry"))
    .filter((card) => getComputedStyle(card).breakInside === "avoid")
    .map((card) => card.innerText.split("\\n").map((line) => line.trim()).filter(Boolean))
    .map((lines) => [lines[0], lines[lines.length - 1]])"""


@pytest.mark.sweep
@pytest.mark.parametrize("stem", chapters())
def test_a_chapter_prints_as_a_handout_with_no_heading_left_at_a_page_foot(
    desktop: Any, site: SiteServer, handbook: Handbook, stem: str
) -> None:
    for url in [f"{stem}/"]:
        version = content_version(url, handbook)
        desktop.goto(site.page_url(url))
        desktop.emulate_media(media="print")
        # Headings and what heads a card's part: section titles and summaries, card titles,
        # step names, labels (可以这样说, 千万不要说 …), a card's sentence leading into a list.
        headings = {squeezed(text) for text in desktop.evaluate(HEADS)} - {""}
        kept = desktop.evaluate(KEPT_WHOLE)
        short = desktop.evaluate(SHORT_TEXTS)
        footer = printed_footer(desktop, version)
        sheets = pages(desktop.pdf(format="A4"))
        printed = [page_text(pdf_page) for pdf_page in sheets]
        on_sheet = [squeezed(page) for page in printed]
        for title, end in kept:  # a card that paper keeps whole is on one sheet
            assert any(squeezed(title) in page and squeezed(end) in page for page in on_sheet), (
                f"{url}：印成讲义时，卡片“{title}”分到了两张纸上：请告诉开发同事调整版面"
            )
        text = squeezed("".join(printed))
        # A list leaves neither its first item alone at a sheet's foot nor its last alone at
        # the top of the next: the two print on one sheet (where each is found just once).
        for pair in desktop.evaluate(LIST_ENDS):
            starts = [squeezed(item) for item in pair]
            if all(text.count(start) == 1 for start in starts):
                sheet = [next(i for i, page in enumerate(on_sheet) if s in page) for s in starts]
                assert sheet[0] == sheet[1], (
                    f"{url}：印成讲义时，列表里的“{pair[1]}”和“{pair[0]}”分到了两张纸上"
                    "（一句话孤零零留在一页的开头或结尾）：请告诉开发同事调整版面"
                )
        # A customer type's 应做/不应做 say whose they are, wherever they print.
        whose = [squeezed(label) for label in desktop.evaluate(WHOSE)]
        assert [label for label in whose if label not in text] == [], url
        headings |= set(whose)
        for screen_only in (
            "本页内容",
            "看原因和替代说法",
            "相关：",
            "来源：",
            "编辑说明",
            "编辑视图",
        ):
            assert squeezed(screen_only) not in text, (url, screen_only)
        assert version_at_top(sheets[0], version), url
        for number, page in enumerate(printed, 1):
            assert not lone_characters(page, short), (url, number, lone_characters(page, short))
            assert f"第 {number} / {len(printed)} 页" in page, (url, number)
            # Which handout a loose sheet is from, not only the handbook's.
            assert footer in page, (url, number, footer)
            if number > 1:
                assert not first_line(page).startswith(STEP_LABELS), (
                    f"{url}：印成讲义时，第 {number} 页以“{first_line(page)}”开头，和它前面的"
                    "说明分到了两张纸上：请告诉开发同事调整版面"
                )
            if number == len(printed):
                # Not a sheet for a card's cloned border or the date under the content.
                rest = squeezed(re.sub(r"第 \d+ / \d+ 页", "", page).replace(footer, ""))
                assert len(rest) > 40, f"{url}: the last page holds only {rest!r}"
                break
            last = re.sub(r"^\d+\.", "", squeezed(last_line(page)))
            # The whole of a heading, or the start or end of one that runs over two lines.
            stranded = [
                h
                for h in headings
                if h == last or (len(last) > 2 and (h.startswith(last) or h.endswith(last)))
            ]
            assert not stranded, f"{url} page {number} ends with a heading: {stranded}"
        # Nothing but the end of the chapter leaves a third of a sheet blank (a long step kept
        # whole once left half of 投诉处理's first page empty). Margins as in paper.css.
        for number, pdf_page in enumerate(sheets[:-1], 1):
            blank = blank_at_foot(pdf_page, top_mm=14, bottom_mm=16)
            assert blank < 1 / 3, f"{url} page {number} ends {blank:.0%} blank"


def test_each_checklist_of_the_content_prints_on_one_a4_form(
    desktop: Any, site: SiteServer, handbook: Handbook
) -> None:
    """The limit CONTRIBUTING gives editors (about 15 items): checked on content/, where an
    added item lands, and said in their words (the widget's own tests use fixture content)."""
    outgrew = []
    for checklist in handbook.checklists.checklists:
        desktop.goto(site.page_url(f"checklists/{checklist.id}/"))
        desktop.locator(f'[data-checklist="{checklist.id}"] [data-checklist-bar]').wait_for()
        pdf = desktop.pdf(format="A4")
        printed = len(pages(pdf))
        # Its footer too: centred in the form's 12 mm margin it printed 5 mm from the edge.
        assert not off_the_printable_area(pdf), (checklist.id, off_the_printable_area(pdf))
        if printed != 1:
            outgrew.append(outgrown(checklist_at(checklist), printed, 1, SPLIT_CHECKLIST))
    assert not outgrew, "\n".join(outgrew)
    # 打印全部检查表: one form each, none split over two sheets, and each says at its foot
    # which checklist it is, not 打印全部检查表 and 第 3 / 6 页 (handed out one by one)
    desktop.goto(site.page_url("checklists/print/"))
    sheets = [page_text(sheet) for sheet in pages(desktop.pdf(format="A4"))]
    assert len(sheets) == len(handbook.checklists.checklists)
    version = content_version("checklists/print/", handbook)
    for checklist, sheet in zip(handbook.checklists.checklists, sheets, strict=True):
        foot = folded(f"{site_name()} · {checklist.title} · 内容版本 {version}")
        assert foot in sheet and "页" not in sheet.split(foot)[-1], (checklist.id, sheet[-200:])
        assert "打印全部" not in sheet


def test_the_phrase_sheet_fits_two_pages_with_every_phrase_and_what_to_say_instead(
    desktop: Any, site: SiteServer, handbook: Handbook
) -> None:
    desktop.goto(site.page_url("phrasing/"))
    desktop.get_by_role("link", name="打印速查表").click()  # instant navigation
    desktop.wait_for_url("**/phrasing/print/")
    desktop.evaluate("window.print = () => {}")  # the dialog itself is left out
    desktop.get_by_role("button", name="打印速查表").click()
    desktop.emulate_media(media="print")
    pdf = desktop.pdf(format="A4")
    sheet = [page_text(pdf_page) for pdf_page in pages(pdf)]
    assert len(sheet) <= 2, outgrown("禁语速查表", len(sheet), 2, ASK_FOR_LAYOUT)
    assert version_at_top(pages(pdf)[0], content_version("phrasing/print/", handbook))
    assert not off_the_printable_area(pdf), off_the_printable_area(pdf)
    for number, page in enumerate(sheet, 1):
        assert f"第 {number} / {len(sheet)} 页" in page
        # The columns are named on the first sheet's table and at the top of the second.
        named = "别说换成这样说" if number == 1 else "左栏:别说右栏:换成这样说"
        assert named in squeezed(page), (number, page[:120])
    # Each alternative starts with a dot on paper; the phrase, then what to say instead.
    printed = squeezed("".join(sheet)).replace("·", "")
    chapter = handbook.chapters["phrasing"]
    phrases = [e for section in chapter.sections for e in section.entries if isinstance(e, Phrase)]
    assert phrases
    for phrase in phrases:
        assert squeezed(phrase.text + "".join(phrase.alternatives)) in printed, phrase.id


def test_the_large_phrase_sheet_prints_each_phrase_with_its_first_reply_in_large_print(
    desktop: Any, site: SiteServer, handbook: Handbook
) -> None:
    """8.5 pt could not be read from an arm's length at the counter (a trainer's review):
    打印大字版 prints 12 pt, each phrase with the first of its replies only."""
    desktop.goto(site.page_url("phrasing/print/"))
    desktop.get_by_role("button", name="打印大字版").wait_for()
    desktop.evaluate("window.print = () => {}")  # the dialog itself is left out
    desktop.get_by_role("button", name="打印大字版").click()
    assert desktop.title() == "禁语速查表（大字版）"  # a saved PDF's name
    desktop.emulate_media(media="print")
    size = "getComputedStyle(document.querySelector('.hb-sheet__table tbody th')).fontSize"
    assert desktop.evaluate(size) == "16px"  # 12 pt
    sheet = [page_text(pdf_page) for pdf_page in pages(desktop.pdf(format="A4"))]
    assert len(sheet) <= 3, outgrown("禁语速查表（大字版）", len(sheet), 3, ASK_FOR_LAYOUT)
    printed = squeezed("".join(sheet)).replace("·", "")
    chapter = handbook.chapters["phrasing"]
    phrases = [e for section in chapter.sections for e in section.entries if isinstance(e, Phrase)]
    for phrase in phrases:
        assert squeezed(phrase.text + phrase.alternatives[0]) in printed, phrase.id
        for other in phrase.alternatives[1:]:
            assert squeezed(other) not in printed, (phrase.id, other)


def test_a_chapter_prints_as_a_handout_from_the_button_beside_its_contents(
    desktop: Any, site: SiteServer, handbook: Handbook
) -> None:
    """A trainer did not know a chapter page prints as a handout: 打印本章 beside 本页内容
    says so, and the saved PDF is named after the chapter (the shortest, to print fast)."""
    stem, chapter = min(
        ((stem, c) for stem, c in handbook.chapters.items() if len(c.sections) > 1),
        key=lambda pair: sum(len(section.entries) for section in pair[1].sections),
    )
    desktop.goto(site.page_url(chapter_url(stem)))
    button = desktop.get_by_role("button", name="打印本章")
    button.wait_for()
    desktop.evaluate("window.print = () => {}")  # the dialog itself is left out
    button.click()
    assert desktop.title() == f"{chapter.title}（讲义）"
    desktop.emulate_media(media="print")
    printed = squeezed("".join(page_text(p) for p in pages(desktop.pdf(format="A4"))))
    assert squeezed(chapter.title) in printed
    assert squeezed(chapter.sections[-1].title) in printed
    expect(desktop.locator(".hb-contents")).to_be_hidden()  # with its button: screen only


def test_discussion_questions_print_with_room_to_write_and_without_the_trainers_thoughts(
    desktop: Any, fixture_site: SiteServer
) -> None:
    """A shop manager's handout gave each discussion question's 参考思路 right under it, which
    the page says is the trainer's: the class read the answer before saying a word. On paper a
    `discussion` topic's questions get lines to write on instead; the screen keeps both."""
    topic = next(e for e in load_content(FIXTURE_CONTENT).entries("topic") if e.discussion)
    desktop.goto(fixture_site.page_url(chapter_url("basics")))
    entry = desktop.locator(f".hb-entry:has([id='{topic.id}'])")
    answered = [item for item in topic.items if item.detail]
    assert answered
    for item in answered:
        expect(entry.get_by_text(str(item.detail))).to_be_visible()
    expect(entry.locator(".hb-write").first).to_be_hidden()
    desktop.emulate_media(media="print")
    printed = squeezed("".join(page_text(p) for p in pages(desktop.pdf(format="A4"))))
    for item in topic.items:
        assert squeezed(item.name) in printed
    for item in answered:
        assert squeezed(str(item.detail)) not in printed
    lines = entry.locator(".hb-write")
    assert lines.count() == len(topic.items)
    assert all(box and box["height"] > 40 for box in (line.bounding_box() for line in lines.all()))


def test_a_table_of_figures_lines_its_numbers_up_on_paper(
    desktop: Any, site: SiteServer, handbook: Handbook
) -> None:
    """A card of figures (78%, 2.96 亿, 232.85 亿) reads as a table of numbers: each ends where
    the others end, on paper as on screen (centred, a wide one had looked out of line)."""

    def widths(entry: Any) -> set[int]:  # how many lengths its figures come in
        return {len(item.value) for item in getattr(entry, "items", None) or [] if item.value}

    stem, entry = max(
        (
            (stem, entry)
            for stem, chapter in handbook.chapters.items()
            for section in chapter.sections
            for entry in section.entries
        ),
        key=lambda found: len(widths(found[1])),
    )
    assert len(widths(entry)) > 1, "no card of figures of different widths in content/"
    desktop.goto(site.page_url(chapter_url(stem)))
    for media in ("screen", "print"):
        desktop.emulate_media(media=media)
        ends = desktop.locator(
            f'.hb-entry:has([id="{entry.id}"]) table.hb-figures th'
        ).evaluate_all(
            "cells => cells.map(cell => { const r = document.createRange(); r.selectNodeContents(cell);"
            " return Math.round(r.getBoundingClientRect().right); })"
        )
        assert len(set(ends)) == 1, (media, ends)
