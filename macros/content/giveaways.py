"""Giveaways: no question on a quiz sheet may answer another one on the same sheet.

Three ways a sheet used to answer itself:

- a reply drill says “我只能试试看”是禁语, while a question next to it asks whether saying
  我只能试试看 is fine, or offers it as a reply (the drill's clue: a text no other question
  on its sheet may hold; an objection drill's words are one too, 太贵了 beside the 补偿法
  dialogue that opens with it);
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


def _same_choice(item: QuizQuestion) -> tuple[str, frozenset[str]] | None:
    """The stem and option set that questions answered by elimination share (None for a
    true/false question, whose stem is its own)."""
    options = item.question.options
    if not options:
        return None
    return normalised(item.question.question.split("\n")[0]), frozenset(o.text for o in options)


@dataclass
class _Kind:
    """What the kept questions of one kind (a drill generator, or hand-written) hold and name,
    normalised once: a sheet of 680 questions (the content ten times over) compared every
    pair's texts afresh."""

    pieces: list[str] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)
    clues: list[str] = field(default_factory=list)
    stem_clues: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, item: QuizQuestion) -> _Kind:
        """One question's words, normalised."""
        return cls(
            _pieces(item),
            [normalised(item.question.question)],
            [normalised(clue) for clue in item.clues],
            [normalised(clue) for clue in item.stem_clues],
        )

    def add(self, other: _Kind) -> None:
        self.pieces += other.pieces
        self.stems += other.stems
        self.clues += other.clues
        self.stem_clues += other.stem_clues

    def clashes(self, other: _Kind) -> bool:
        """Whether one holds a clue of the other (a stem clue: in a stem)."""
        return any(
            clue in text
            for a, b in ((self, other), (other, self))
            for clues, texts in ((a.clues, b.pieces), (a.stem_clues, b.stems))
            for clue in clues
            for text in texts
        )


@dataclass
class Sheet:
    """The questions one quiz page asks, and those held back from it."""

    kept: list[QuizQuestion] = field(default_factory=list)
    held: list[QuizQuestion] = field(default_factory=list)
    _choices: Counter[tuple[str, frozenset[str]]] = field(default_factory=Counter)
    _kinds: dict[str | None, _Kind] = field(default_factory=dict)

    def offer(self, item: QuizQuestion) -> bool:
        """Take `item` unless a kept question holds one of its clues in a line or option (a
        stem clue: in its stem), or it one of theirs, or it would be the last of its stem and
        options. Never between two drills of one kind: where a reply drill offers another 禁语
        (a phrase with too few near misses), that option is rude on its face whatever the other
        drill's stem says."""
        words = _Kind.of(item)
        same = _same_choice(item)
        clash = any(
            kind.clashes(words)
            for drill, kind in self._kinds.items()
            if item.drill is None or drill != item.drill
        )
        if clash or (same is not None and self._choices[same] >= len(item.question.options) - 1):
            self.held.append(item)
            return False
        self.kept.append(item)
        self._kinds.setdefault(item.drill, _Kind()).add(words)
        if same is not None:
            self._choices[same] += 1
        return True


def sheet_of(items: Iterable[QuizQuestion]) -> Sheet:
    """A sheet of `items`, taken in order (callers put first what they most want asked)."""
    sheet = Sheet()
    for item in items:
        sheet.offer(item)
    return sheet
