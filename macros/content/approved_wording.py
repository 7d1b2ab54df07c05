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
from ..phrases.spec import PhraseSpec
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


def flagged_wording(handbook: Handbook, spec: PhraseSpec) -> list[Problem]:
    """Each recommended line that the checker (with `spec`) marks, with what it marks."""
    matcher = Matcher(spec)
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
