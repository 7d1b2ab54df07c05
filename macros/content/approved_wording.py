"""What the handbook tells staff to say, and the rule that 话术自查 never marks any of it.

A line the handbook recommends that the phrase checker then flags would teach staff two opposite
things. The rule belongs to the editors' gate (`python -m macros check`), not only to the
developers' tests, because an editor's new alternative is what breaks it. The tone check learns
from the same lines (`tone_examples.py`), as examples of what is fine to say.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..phrases.matcher import Matcher
from .handbook import Handbook
from .model import (
    ApprovedPhrase,
    Dialogue,
    Entry,
    Method,
    Node,
    Objection,
    Phrase,
    Procedure,
    Rewrite,
)
from .problems import Problem
from .where import Path, Where
from .yaml_source import on_its_line


@dataclass(frozen=True)
class ApprovedLine:
    owner: Node  # the entry (or step, or the tone note) whose YAML holds the line
    key: Path  # where in the owner, e.g. ("alternatives", 1)
    text: str

    @property
    def where(self) -> Where:
        """The owner's line (its `id:`), with the exact key path of the text."""
        return self.owner.where.within(*self.key)


def entry_lines(entry: Entry) -> Iterator[ApprovedLine]:
    """The lines one entry tells staff to say (none for most kinds)."""
    if isinstance(entry, Phrase):
        for i, text in enumerate(entry.alternatives):
            yield ApprovedLine(entry, ("alternatives", i), text)
    elif isinstance(entry, Rewrite):
        for i, text in enumerate(entry.say):
            yield ApprovedLine(entry, ("say", i), text)
    elif isinstance(entry, ApprovedPhrase):
        yield ApprovedLine(entry, ("text",), entry.text)
    elif isinstance(entry, Dialogue):
        yield ApprovedLine(entry, ("better",), entry.better)
    elif isinstance(entry, Objection):
        yield ApprovedLine(entry, ("reply",), entry.reply)
    elif isinstance(entry, Method):
        for i, turn in enumerate(entry.example):
            if turn.who == "员工":
                yield ApprovedLine(entry, ("example", i, "text"), turn.text)
    elif isinstance(entry, Procedure):
        for step in entry.steps:
            for i, text in enumerate(step.say):
                yield ApprovedLine(step, ("say", i), text)


def tone_note_lines(handbook: Handbook) -> Iterator[ApprovedLine]:
    """The tone note's own alternatives (content/checker.yml)."""
    tone = handbook.checker.tone
    for i, text in enumerate(tone.alternatives):
        yield ApprovedLine(tone, ("alternatives", i), text)


def approved_lines(handbook: Handbook) -> Iterator[ApprovedLine]:
    """Every line the handbook tells staff to say, in reading order."""
    for entry in handbook.entries():
        yield from entry_lines(entry)
    yield from tone_note_lines(handbook)


def flagged_wording(handbook: Handbook, matcher: Matcher) -> list[Problem]:
    """Each recommended line that the checker (`matcher`) marks, with what it marks."""
    problems: list[Problem] = []
    for line in approved_lines(handbook):
        for finding in matcher.find(line.text):
            if matcher.tone is not None and finding.phrase == matcher.tone["id"]:
                advice = (
                    "话术自查的语气检查觉得它像推脱或顶撞。请换个说法；如果这句话没有问题，"
                    "请在合并请求里说明，开发人员会重新学习语气权重（python -m macros tone）"
                )
            else:
                phrase = matcher.phrase(finding.phrase)
                advice = (
                    f"它含有禁语“{phrase['text']}”（{finding.phrase}）。请换个说法；如果这里的"
                    "用法没有问题，请给那条禁语加一条 exceptions"
                )
            problems.append(
                Problem(
                    on_its_line(handbook.root, line.where),
                    f"这是手册推荐的说法，话术自查却会标出“{finding.text}”：{advice}",
                )
            )
    return problems


def cards_caught_by_others(handbook: Handbook, matcher: Matcher) -> list[Problem]:
    """A hint for each 禁语 card whose own words another card's patterns catch as wholly: the
    two may be one phrase twice (an editors' audit added 我也没有办法。 beside 我也没办法。,
    and nothing said so), and 话术自查 names either for it. A card whose words only contain
    another's (这事我不知道。, 我不知道。) says more, and gets none."""
    hints: list[Problem] = []
    for card in handbook.entries("phrase"):
        assert isinstance(card, Phrase)
        spans = matcher.spans(card.text)
        own = max(spans.get(card.id, []), key=lambda span: span[1] - span[0], default=None)
        if own is None:
            continue  # (its own words not caught: the checker's tests say so)
        for other in sorted(spans.keys() - {card.id}):
            if any(s <= own[0] and own[1] <= e for s, e in spans[other]):
                said = matcher.phrase(other)["text"]
                hints.append(
                    Problem(
                        on_its_line(handbook.root, card.where.within("text")),
                        f"禁语“{said}”（{other}）的写法也认得这一句：两张卡片说的是不是一回事？"
                        "是的话，删掉这一条（那一条已经认得这句话）；不是的话，"
                        f"给“{other}”加一条 exceptions（写上这句），话术自查就只报这一条",
                    )
                )
    return hints
