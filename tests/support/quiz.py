"""Answering a quiz on a page the way a reader does: tap the option's words, then 确定."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from playwright.sync_api import expect

from macros.content.model import Question


def option_words(question: Any, text: str) -> Any:
    """An option of the question on screen, by its words (the whole of them)."""
    return question.locator(".quiz-text").filter(has_text=re.compile(f"^{re.escape(text)}$"))


def answer_right_until(page: Any, questions: Mapping[str, Question], stop: str | None) -> Any:
    """Answer each question on screen rightly and go on, until question `stop` is on screen
    (returned) or, with `stop` None, until the quiz is done. A right answer never says what
    is wrong with an option."""
    while True:
        question = page.locator(".quiz.is-live .quiz-q.is-on")
        if not question.is_visible():  # the quiz is done: its score is on screen
            expect(page.locator(".quiz-result")).to_be_visible()
            return None
        current = question.get_attribute("data-question")
        if current == stop:
            return question
        for choice in questions[current].choices:
            if choice.correct:
                option_words(question, choice.text).click()
        page.get_by_role("button", name="确定").click()
        expect(page.locator(".quiz-verdict")).to_have_text("✓ 答对了")
        expect(page.locator(".quiz-feedback .quiz-miss")).to_be_hidden()
        page.locator(".quiz-next").click()
