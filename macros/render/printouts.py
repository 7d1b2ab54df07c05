"""Paper for trainers: 禁语速查表 (every forbidden phrase of 禁语速查 and what to say instead,
on one or two A4 sheets to hang at the counter, the page `phrasing/print/`) and the list of
everything there is to print, on the trainers' page.

Python picks the phrases, section by section, from the chapter itself, so the sheet never says
what the chapter does not; the templates only print them.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..content.markers import strip_markers
from ..content.model import Phrase
from ..content.urls import (
    CHECKLISTS_PRINT_URL,
    PHRASE_SHEET_CHAPTER,
    PHRASE_SHEET_URL,
    QUIZZES_URL,
    chapter_url,
)
from .renderer import Appendix, Renderer

# The trainers' list of printouts: a part of the course page, under this heading (its anchor too).
LIST_TITLE = "打印资料"


@dataclass(frozen=True)
class SheetGroup:
    title: str
    phrases: list[Phrase]


def sheet_groups(renderer: Renderer) -> list[SheetGroup]:
    """The chapter's sections that list forbidden phrases, each with its phrases in order."""
    chapter = renderer.handbook.chapters[PHRASE_SHEET_CHAPTER]
    found = [
        SheetGroup(section.title, [e for e in section.entries if isinstance(e, Phrase)])
        for section in chapter.sections
    ]
    return [group for group in found if group.phrases]


def render_phrase_sheet(renderer: Renderer) -> str:
    groups = sheet_groups(renderer)
    return renderer.render(
        "printouts/phrase_sheet.html",
        chapter=renderer.handbook.chapters[PHRASE_SHEET_CHAPTER],
        groups=groups,
        count=sum(len(group.phrases) for group in groups),
        chapter_href=Markup(renderer.links.href_page(chapter_url(PHRASE_SHEET_CHAPTER))),
    )


def printouts_list(renderer: Renderer) -> Appendix:
    """Everything there is to print, as a part after a chapter's sections (the course page)."""
    body = renderer.render(
        "printouts/list.html",
        sheet_href=Markup(renderer.links.href_page(PHRASE_SHEET_URL)),
        phrases=sum(len(group.phrases) for group in sheet_groups(renderer)),
        checklists=len(renderer.handbook.checklists.checklists),
        checklists_href=Markup(renderer.links.href_page(CHECKLISTS_PRINT_URL)),
        quizzes_href=Markup(renderer.links.href_page(QUIZZES_URL)),
    )
    return Appendix(LIST_TITLE, LIST_TITLE, Markup(body))


def print_footer(site_name: str, title: str | None, version: str | None) -> str:
    """What every printed sheet says at its foot, beside its page number: the handbook, the
    page (a loose sheet of a ten-page handout can be put back) and the content version."""
    parts = [site_name, strip_markers(title) if title else None]
    parts.append(f"内容版本 {version}" if version else None)
    return " · ".join(part for part in parts if part)
