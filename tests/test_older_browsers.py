"""The handbook's journeys on the oldest browsers it supports (tests/support/floor.py): a phone
whose browser lacks every API newer than Chromium 109 and Safari 15.4 searches and lands on the
answer, ticks a checklist that is still ticked after a reload, answers a quiz question, has a
phrase marked by 话术自查, and opens every kind of page, without one script error.

A script of ours that called such an API would stop there (a TypeError: checklists not saved,
a search that never answers) on a counter PC with Windows 7's last Chrome or on an iPhone 7.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from macros.content.handbook import Handbook

from .support.browser import PHONE_CONTEXT, TWO_FRAMES, ConsoleLog, WatchedBrowser
from .support.checker import check_in_page
from .support.floor import TAKE_AWAY
from .support.journey import entry_on_screen, open_search, tap_first_result, type_query
from .support.quiz import option_words
from .support.search import target_of
from .support.server import SiteServer

pytestmark = pytest.mark.browser

# The floor ran here, took away all it lists (hbFloor: what survived), and two spot checks.
FLOOR_APPLIED = """() => Array.isArray(self.hbFloor) && self.hbFloor.length === 0
  && typeof Promise.withResolvers === "undefined" && !("union" in new Set())"""


@pytest.fixture
def old_phone(browser: WatchedBrowser) -> Iterator[Any]:
    """A phone whose pages and search worker lack what the floor browsers lack."""
    context = browser.new_context(**PHONE_CONTEXT)
    context.add_init_script(TAKE_AWAY)

    def worker_too(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=TAKE_AWAY + response.text())

    context.route("**/workers/handbook-search.js", worker_too)
    page = context.new_page()
    yield page
    context.close()


PAGES = ("", "phrasing/", "checklists/", "checklists/print/", "quizzes/", "review/", "practice/")


def test_every_kind_of_page_runs_its_scripts_and_search_lands(
    old_phone: Any, site: SiteServer, console: ConsoleLog
) -> None:
    """One phone for all (a context costs a second of CPU): each page is checked as it opens."""
    old_phone.goto(site.page_url())
    assert old_phone.evaluate("self.hbFloor") == []  # nothing it lists survived
    for path in PAGES:
        old_phone.goto(site.page_url(path))
        old_phone.evaluate(TWO_FRAMES)  # what the page's scripts start after it loaded
        assert old_phone.evaluate(FLOOR_APPLIED), path
        assert console.unexpected() == [], path

    old_phone.goto(site.page_url())
    open_search(old_phone)
    type_query(old_phone, "客户嫌贵")
    address = tap_first_result(old_phone)
    assert address is not None, "no result: the search worker never answered"
    assert entry_on_screen(old_phone, [target_of(address)]) is not None, address
    (worker,) = old_phone.workers
    assert worker.evaluate(FLOOR_APPLIED), "the search worker ran without the floor"


def test_a_tick_a_quiz_answer_and_a_phrase_check(
    old_phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    checklist = handbook.checklists.checklists[0]
    old_phone.goto(site.page_url(f"checklists/{checklist.id}/"))
    form = old_phone.locator(f'[data-checklist="{checklist.id}"]')
    box = form.locator(f'input[data-item="{checklist.items[0].id}"]')
    box.check()
    expect(form.locator("[data-progress]")).to_have_text(f"1/{len(checklist.items)}")
    old_phone.reload()
    expect(box).to_be_checked()
    expect(form.locator("[data-progress]")).to_have_text(f"1/{len(checklist.items)}")

    quiz = handbook.quizzes.quizzes[0]
    old_phone.goto(site.page_url(f"quizzes/{quiz.id}/"))
    question = old_phone.locator(".quiz.is-live .quiz-q.is-on")
    asked = next(
        item.question
        for item in handbook.questions_of(quiz.id)
        if item.question.id == question.get_attribute("data-question")
    )
    for choice in asked.choices:
        if choice.correct:
            option_words(question, choice.text).click()
    old_phone.get_by_role("button", name="确定").click()
    expect(old_phone.locator(".quiz-verdict")).to_have_text("✓ 答对了")

    phrase = next(handbook.entries("phrase"))
    old_phone.goto(site.page_url("checker/"))
    old_phone.wait_for_function("document.querySelector('[data-checker]').dataset.ready === '1'")
    check_in_page(old_phone, phrase.text)
    marked = old_phone.locator(f'[data-checker-text] mark[data-phrase="{phrase.id}"]')
    expect(marked).to_have_count(1)
