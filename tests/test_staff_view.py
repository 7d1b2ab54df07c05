"""What staff see is the handbook, not the editors' workbench (sources, editors' notes and
markers, YAML lines, the edit button); the editor view at the foot of any page shows them on
that device, and paper never does.

Checked on every page of the real site from its HTML (the text outside the editor-only parts),
and in Chromium at phone size on the pages with most editors' material, by the text a person
can see (`innerText` leaves out what CSS hides) and by what is displayed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from macros.content.handbook import Handbook
from macros.content.markers import strip_markers
from macros.render import printouts

from .support.html import staff_text
from .support.journey import SETTLED
from .support.offline import site_pages
from .support.pdf import ASK_FOR_LAYOUT
from .support.server import SiteServer
from .support.sweep import FULL, largest

pytestmark = pytest.mark.browser

# Words only editors use; none may be visible to staff.
JARGON = re.compile(r"种子|OCR|推断|编辑说明|编辑补充|原课件|【补充】|\.ya?ml\b|seed-\d", re.I)
VISIBLE_TEXT = "() => document.querySelector('.md-content').innerText"


def switch(page: Any) -> Any:
    """The switch at the foot of the page (the one atop it is named 编辑视图已打开)."""
    return page.get_by_role("checkbox", name="编辑视图", exact=True)


def banner(page: Any) -> Any:
    return page.get_by_role("checkbox", name="编辑视图已打开")


def test_no_page_shows_staff_any_editors_text(built_site: Path) -> None:
    """Every page, from its HTML: the text outside the editor-only parts. The browser test
    below proves that CSS hides exactly those parts."""
    pages = site_pages(built_site)
    assert len(pages) > 20
    seen = {}
    for url in pages:
        found = sorted(set(JARGON.findall(staff_text(built_site / url / "index.html"))))
        if found:
            seen[url] = found
    assert seen == {}


# The pages with most editors' material (sources, notes, markers, chips, YAML lines).
SAMPLE = ["phrasing/", "standards/", "complaints/"]


def test_staff_see_none_of_the_editor_only_parts(phone: Any, site: SiteServer) -> None:
    for url in SAMPLE:
        phone.goto(site.page_url(url))
        assert phone.locator(".md-content .hb-editor").count() > 0, url
        shown = phone.evaluate(
            "() => [...document.querySelectorAll('.hb-editor, .md-content__button')]"
            ".filter((el) => el.checkVisibility()).map((el) => el.outerHTML.slice(0, 80))"
        )
        assert shown == [], url
        assert JARGON.findall(phone.evaluate(VISIBLE_TEXT)) == [], url


def test_the_editor_view_shows_sources_notes_and_lines_and_is_remembered(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """Staff have no switch to it: an editor opens a page with ?view=editor (CONTRIBUTING)."""
    phone.goto(site.page_url("complaints/"))
    content = phone.locator(".md-content")
    assert "content/complaints.yml:" not in content.inner_text()
    expect(switch(phone)).to_be_hidden()
    expect(banner(phone)).to_be_hidden()
    phone.goto(site.page_url("complaints/?view=editor"))
    expect(switch(phone)).to_be_checked()
    text = content.inner_text()
    first = handbook.chapters["complaints"].sections[0].entries[0]
    assert f"content/complaints.yml:{first.where.line}" in text
    assert "来源：" in text
    noted = next(
        e for s in handbook.chapters["complaints"].sections for e in s.entries if e.editor_note
    )
    assert noted.editor_note[0].strip() in text.replace("\n", "")
    assert phone.locator(".md-content__button").first.is_visible()  # edit button

    # Remembered on the device: another page, through instant navigation, and a reload.
    phone.locator(".md-content a[href*='phrasing/']").first.click()
    phone.wait_for_url("**/phrasing/**")
    expect(phone.locator(".md-content h1")).to_have_text(re.compile("禁语速查"))
    assert switch(phone).is_checked()
    assert "content/phrasing.yml:" in phone.locator(".md-content").inner_text()
    phone.reload()
    assert "content/phrasing.yml:" in phone.locator(".md-content").inner_text()
    assert switch(phone).is_checked()

    # Never on paper, even in the editor view.
    phone.emulate_media(media="print")
    assert "content/phrasing.yml:" not in phone.locator(".md-content").inner_text()
    phone.emulate_media(media="screen")

    switch(phone).uncheck()
    expect(switch(phone)).to_be_hidden()  # staff again: no switch left to tap
    phone.reload()
    assert "content/phrasing.yml:" not in phone.locator(".md-content").inner_text()
    phone.goto(site.page_url("phrasing/?view=editor"))
    phone.goto(site.page_url("phrasing/?view=staff"))
    assert "content/phrasing.yml:" not in phone.locator(".md-content").inner_text()


def test_the_editor_view_shows_each_checklist_items_and_questions_line_and_notes(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """Checklists and questions have their editor's lines too: file:line under each item and
    question (a drill question points at the entry it was made from), and their notes."""
    checklist = next(c for c in handbook.checklists.checklists if c.editor_note)
    phone.goto(site.page_url(f"checklists/{checklist.id}/?view=editor"))
    lines = phone.locator(".hb-checklist .hb-yaml").all_inner_texts()
    wanted = [f"content/checklists.yml:{n.where.line}" for n in (checklist, *checklist.items)]
    assert lines == wanted
    expect(phone.locator(".hb-checklist .hb-editor-note").first).to_contain_text(
        checklist.editor_note[0]
    )
    phone.goto(site.page_url("quizzes/zice-jinyu/"))
    current = phone.locator(".quiz-q.is-on .hb-yaml")
    expect(current).to_have_count(1)
    assert re.fullmatch(r"(由 )?content/\w+\.yml:\d+( 的条目自动出题)?", current.inner_text())
    phone.goto(site.page_url("quizzes/zice-jinyu/?view=staff"))
    expect(phone.locator(".quiz-q.is-on .hb-yaml")).to_be_hidden()


def test_the_editor_view_says_so_atop_every_page_and_one_tap_undoes_it(
    phone: Any, site: SiteServer
) -> None:
    """Someone who opened an editor's address (?view=editor) stays in the editor view: the
    page says at its top what this is, and unticking there ends it."""
    phone.goto(site.page_url("complaints/"))
    expect(banner(phone)).to_be_hidden()
    phone.goto(site.page_url("complaints/?view=editor"))
    phone.goto(site.page_url("phrasing/"))  # another day, another page
    expect(banner(phone)).to_be_visible()
    expect(banner(phone)).to_be_checked()
    header = phone.locator(".md-header").bounding_box()
    top = phone.locator(".hb-view-on").bounding_box()
    title = phone.locator(".md-content h1").bounding_box()
    assert header["y"] + header["height"] <= top["y"] < title["y"], (header, top, title)
    assert top["height"] >= 44  # a finger's tap, as the foot's switch
    banner(phone).uncheck()
    assert "content/phrasing.yml:" not in phone.locator(".md-content").inner_text()
    expect(banner(phone)).to_be_hidden()
    expect(switch(phone)).to_be_hidden()  # the foot's switch follows, out of sight
    phone.reload()
    assert "content/phrasing.yml:" not in phone.locator(".md-content").inner_text()
    phone.goto(site.page_url("phrasing/?view=editor"))
    phone.emulate_media(media="print")
    expect(phone.locator(".hb-view-on")).to_be_hidden()  # never on paper
    phone.emulate_media(media="screen")


def test_the_phrase_index_fits_two_screens_and_every_card_leads_with_what_to_say(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    phone.goto(site.page_url("phrasing/"))
    phrases = [e for e in handbook.entries("phrase") if handbook.chapter_of_id[e.id] == "phrasing"]
    index = phone.locator(".hb-phrase-index a")
    assert index.count() == len(phrases)
    height = phone.viewport_size["height"]
    last = index.last.bounding_box()
    # An editor's added 禁语 reads this (CONTRIBUTING.md): the layout keeps room for a dozen.
    assert last["y"] + last["height"] <= 2 * height, (
        f"禁语速查页的“本页内容”在手机上超过两屏（{len(phrases)} 条禁语）：{ASK_FOR_LAYOUT}"
    )

    # Tap a phrase in the index: its card, then within half a screen, the first thing to say.
    target = phrases[len(phrases) // 2]
    phone.locator(f".hb-phrase-index a[href$='#{target.id}']").click()  # instant nav: absolute
    phone.wait_for_url(f"**#{target.id}")
    phone.evaluate(SETTLED)
    heading = phone.locator(f"#{target.id}").bounding_box()
    card = phone.locator(f"article:has(> #{target.id})")
    first_reply = card.locator(".hb-do li").first
    assert first_reply.inner_text().strip() == strip_markers(target.alternatives[0]).strip()
    reply = first_reply.bounding_box()
    assert 0 <= heading["y"] < height
    assert reply["y"] + reply["height"] - heading["y"] <= height / 2
    # The reason comes after what to say instead.
    why = card.locator(".hb-why").bounding_box()
    assert why["y"] > reply["y"]


@pytest.mark.sweep
def test_every_chapter_opens_with_its_contents_within_a_screen(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """GOV.UK-style contents at the top; only 禁语速查's phrase index may run longer (two
    screens, tested above). The chapters with most sections and one with fewest (every
    chapter: scripts/full_sweeps.py)."""
    height = phone.viewport_size["height"]
    sections = {stem: len(chapter.sections) for stem, chapter in handbook.chapters.items()}
    chosen = {*largest(list(sections), 3, sections), min(sections, key=sections.__getitem__)}
    for stem, chapter in handbook.chapters.items():
        if stem not in chosen and not FULL:
            continue
        phone.goto(site.page_url(f"{stem}/"))
        links = phone.locator(".hb-contents__sections > li > a")
        if len(chapter.sections) < 2:
            assert links.count() == 0, stem
            continue
        listed = links.all_inner_texts()
        sections = len(chapter.sections)
        assert listed[:sections] == [s.title for s in chapter.sections], stem
        assert listed[sections:] in ([], [printouts.LIST_TITLE]), stem  # the course page's
        if stem != "phrasing":
            box = phone.locator(".hb-contents").bounding_box()
            assert box["height"] <= height, f"{stem}: contents {box['height']:.0f}px"
        links.nth(sections - 1).click()
        phone.wait_for_url(f"**#{chapter.sections[-1].id}")
        expect(phone.locator(f"h2#{chapter.sections[-1].id}")).to_be_in_viewport()
