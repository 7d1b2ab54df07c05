"""Giveaways: no question on a quiz sheet may answer another one on the same sheet.

Three ways a sheet used to answer itself:

- a reply drill says “我只能试试看”是禁语, while a question next to it asks whether saying
  我只能试试看 is fine, or offers it as a reply (the drill's clue: a text no other question
  on its sheet may hold);
- a question asks what 机会成交法 may say (用机会成交法时，可以说“活动明天就结束”吗？)
  next to the drill asking which method a dialogue about an offer ending shows (the drill's
  stem clue: a name no other question's stem may hold);
- n questions with one stem and the same n options (下面说的是哪一类客户？ 感性/理性): the
  answers of n - 1 of them leave one option for the last.

A sheet takes the questions in the order it is offered them and holds back any that would
clash with one it has already taken. Held-back questions are not lost: 今日复习 still asks
them, one at a time, where nothing next to them can give them away.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from .handbook import QuizQuestion

# Marks that differ between a phrase and the same words inside a sentence (“你应该……” inside
# 你应该先把欠费交清。).
_MARKS: Final = re.compile(r"[\s，。！？、；：“”‘’「」『』《》（）()…—·,!?;:\"'~～-]+")


def normalised(text: str) -> str:
    return _MARKS.sub("", text)


def _pieces(item: QuizQuestion) -> list[str]:
    """The lines of a question's stem and its options, each on its own (a clue never spans
    two options)."""
    question = item.question
    texts = [*question.question.split("\n"), *(option.text for option in question.options)]
    return [normalised(text) for text in texts]


def _tells(item: QuizQuestion, other: QuizQuestion) -> bool:
    """Whether one line or option of `other` holds one of `item`'s clues. Never between two
    drills of one kind: where a reply drill offers another 禁语 (a phrase with too few near
    misses), that option is rude on its face whatever the other drill's stem says."""
    if item.drill is not None and item.drill == other.drill:
        return False
    pieces = _pieces(other)
    stem = normalised(other.question.question)
    return any(normalised(clue) in piece for clue in item.clues for piece in pieces) or any(
        normalised(clue) in stem for clue in item.stem_clues
    )


def _same_choice(item: QuizQuestion) -> tuple[str, frozenset[str]] | None:
    """The stem and option set that questions answered by elimination share (None for a
    true/false question, whose stem is its own)."""
    options = item.question.options
    if not options:
        return None
    return normalised(item.question.question.split("\n")[0]), frozenset(o.text for o in options)


@dataclass
class Sheet:
    """The questions one quiz page asks, and those held back from it."""

    kept: list[QuizQuestion] = field(default_factory=list)
    held: list[QuizQuestion] = field(default_factory=list)
    _choices: Counter[tuple[str, frozenset[str]]] = field(default_factory=Counter)

    def fits(self, item: QuizQuestion) -> bool:
        if any(_tells(item, other) or _tells(other, item) for other in self.kept):
            return False
        same = _same_choice(item)
        return same is None or self._choices[same] < len(item.question.options) - 1

    def offer(self, item: QuizQuestion) -> bool:
        """Take `item` if nothing on the sheet gives it away or is given away by it."""
        if not self.fits(item):
            self.held.append(item)
            return False
        self.kept.append(item)
        same = _same_choice(item)
        if same is not None:
            self._choices[same] += 1
        return True


def sheet_of(items: Iterable[QuizQuestion]) -> Sheet:
    """A sheet of `items`, taken in order (callers put first what they most want asked)."""
    sheet = Sheet()
    for item in items:
        sheet.offer(item)
    return sheet
