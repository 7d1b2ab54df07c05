"""今日复习 (daily review) and 对练 (reply practice): their pages, the home block, the items file.

What is due lives only on the phone (overrides/assets/js/review-feed.js keeps each item's
history in localStorage and fsrs.js schedules it); the build supplies what an item says. One
file, `review/items.json`, holds every item a review can show, keyed by the id the queue uses:
quiz questions (hand-written and drills), forbidden phrases, practice lines. The home page
reads only its keys (an id gone from the content is no longer counted), the review page the
rest; the service worker keeps it offline like every file of the build.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Final

from markupsafe import Markup

from ..content.handbook import Handbook
from ..content.markers import strip_markers
from ..content.model import Phrase, title_of
from ..content.practice import PracticeItem, practice_items
from ..content.urls import PHRASE_SHEET_CHAPTER, QUIZZES_URL, chapter_url
from . import checker
from .renderer import Renderer

REVIEW_URL: Final = "review/"
PRACTICE_URL: Final = "practice/"
ITEMS_FILE: Final = "review/items.json"  # next to the review page, whose links it shares
SESSION_ITEMS: Final = 8  # about two minutes: a quiz question or a phrase takes 10 to 20 s


# Which of a day's due items come first (the field "w", 0 when left out): what to say at the
# counter (phrases, practice lines, questions asking for a reply or a method against an
# objection), then what to do (steps, methods, customer types, hand-written questions). In
# id order alone a round opened with three questions on another company's complaint figures
# (drills that are no more) before any phrase.
LATER: Final = MappingProxyType({"method": 1, "next-step": 1, "customer-type": 1})
HAND_WRITTEN: Final = 1


def _question_items(renderer: Renderer) -> dict[str, dict[str, Any]]:
    items: dict[str, dict[str, Any]] = {}
    for quiz in renderer.handbook.quizzes.quizzes:
        for asked in renderer.handbook.review_questions(quiz.id):
            question = asked.question
            later = HAND_WRITTEN if asked.drill is None else LATER.get(asked.drill, 0)
            items.setdefault(
                question.id,
                {
                    **({"w": later} if later else {}),
                    "k": "q",
                    "q": strip_markers(question.question).split("\n"),
                    "m": question.type == "multiple",
                    # [text, right] or, for a wrong option that says so, [text, right, why]
                    "o": [
                        [
                            strip_markers(o.text),
                            o.correct,
                            *([strip_markers(o.why)] if o.why else []),
                        ]
                        for o in question.choices
                    ],
                    "e": strip_markers(question.explanation),
                    "h": renderer.links.href(question.ref),
                    "t": _titled(
                        renderer, question.ref, title_of(renderer.handbook.get(question.ref))
                    ),
                },
            )
    return items


def _phrase_items(renderer: Renderer) -> dict[str, dict[str, Any]]:
    items: dict[str, dict[str, Any]] = {}
    for entry in renderer.handbook.entries("phrase"):
        assert isinstance(entry, Phrase)  # kind "phrase" is always a Phrase
        items[entry.id] = {
            "k": "p",
            "x": strip_markers(entry.text),
            "a": [strip_markers(text) for text in entry.alternatives],
            "r": strip_markers(entry.reason),
            "h": renderer.links.href(entry.id),
        }
    return items


def _titled(renderer: Renderer, entry_id: str, title: str) -> str:
    """An entry's title after its chapter's: a 见 link on a card says where it leads."""
    chapter = renderer.handbook.chapters[renderer.handbook.chapter_of_id[entry_id]]
    return f"{chapter.title} · {strip_markers(title)}"


def _practice_link(renderer: Renderer, item: PracticeItem) -> dict[str, str]:
    return {
        "href": renderer.links.href(item.id),
        "title": _titled(renderer, item.id, item.title),
        "practice": renderer.links.href_page(PRACTICE_URL) + f"?item={item.id}",
    }


def review_data(renderer: Renderer) -> dict[str, Any]:
    """The contents of review/items.json; `renderer` renders for the review page."""
    items = {**_question_items(renderer), **_phrase_items(renderer)}
    for item in practice_items(renderer.handbook):
        link = _practice_link(renderer, item)
        items[item.id] = {
            "k": "r",
            "x": item.line,
            "a": list(item.answers),
            "h": link["href"],
            "t": link["title"],
            "p": link["practice"],
        }
    return {"version": renderer.site.content_version, "items": items}


def _day_start(handbook: Handbook) -> int:
    """The review day starts when the checklist day does (day_start_hour, content/checklists.yml)."""
    return handbook.checklists.day_start_hour


def render_home(renderer: Renderer) -> str:
    """The home page's 今日复习 and 对练 cards; review-queue.js writes how many items are due."""
    return renderer.render(
        "review/home.html",
        review_href=Markup(renderer.links.href_page(REVIEW_URL)),
        practice_href=Markup(renderer.links.href_page(PRACTICE_URL)),
        data_href=Markup(renderer.links.href_page(ITEMS_FILE)),
        day_start=_day_start(renderer.handbook),
    )


def render_review_page(renderer: Renderer) -> str:
    """今日复习; a reply written to a customer line is checked for forbidden phrases as in
    对练 (the matcher and its spec fetched when one is revealed)."""
    return renderer.render(
        "review/page.html",
        spec_href=Markup(renderer.links.href_page(checker.SPEC_FILE)),
        core_href=Markup(renderer.links.href_page(checker.CORE_BUNDLE)),
        data_href=Markup(renderer.links.href_page(ITEMS_FILE)),
        day_start=_day_start(renderer.handbook),
        session=SESSION_ITEMS,
        quizzes=Markup(renderer.links.href_page(QUIZZES_URL)),
        practice=Markup(renderer.links.href_page(PRACTICE_URL)),
        phrasing=Markup(renderer.links.href_page(chapter_url(PHRASE_SHEET_CHAPTER))),
    )


def render_practice_page(renderer: Renderer) -> str:
    """Every practice line with its model answers (all of them readable without a script);
    话术自查's phrase spec (checker.SPEC_FILE) and matcher (checker.CORE_BUNDLE), fetched at the
    first 对照, let the page mark forbidden phrases in a reply."""
    items = practice_items(renderer.handbook)
    return renderer.render(
        "review/practice.html",
        items=[(item, _practice_link(renderer, item)) for item in items],
        spec_href=Markup(renderer.links.href_page(checker.SPEC_FILE)),
        core_href=Markup(renderer.links.href_page(checker.CORE_BUNDLE)),
        day_start=_day_start(renderer.handbook),
        review=Markup(renderer.links.href_page(REVIEW_URL)),
    )
