"""对练 (reply practice): customer lines and the handbook's model answers, made from the content.

Like the drills, nothing is written for practice: every 常见异议 (`objection`: its `text` and
`reply`), every 对话示例 (`dialogue`: `customer`, and `better` as the model, `reply` as the poor
answer) and every method whose counter example (`example`) opens with the customer (the first
客户 turn and the 员工 turn that answers it) is a practice item (a dialogue marked
`practice: false` is not), keyed by its entry id so a
reworded entry keeps its place in the review queue. Editors' markers are left out: staff read
these lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from .handbook import Handbook
from .markers import strip_markers
from .model import Dialogue, Entry, Method, Objection


@dataclass(frozen=True)
class PracticeItem:
    id: str  # the entry's id: the review queue's key
    line: str  # what the customer says
    answers: tuple[str, ...]  # the handbook's model answers
    poor: str  # a reply that misses (dialogues), or ""
    title: str  # the entry's title, for the link to it


def _item(entry: Entry) -> PracticeItem | None:
    if isinstance(entry, Objection):
        return PracticeItem(entry.id, entry.text, (entry.reply,), "", entry.title_text)
    if isinstance(entry, Dialogue):
        if not entry.practice:
            return None
        return PracticeItem(
            entry.id, entry.customer, (entry.better,), entry.reply, entry.title_text
        )
    if isinstance(entry, Method) and len(entry.example) > 1:
        first, answer = entry.example[0], entry.example[1]
        if first.who == "客户" and answer.who == "员工":
            return PracticeItem(entry.id, first.text, (answer.text,), "", entry.title_text)
    return None


def _staff(item: PracticeItem) -> PracticeItem:
    return PracticeItem(
        item.id,
        strip_markers(item.line),
        tuple(strip_markers(text) for text in item.answers),
        strip_markers(item.poor),
        strip_markers(item.title),
    )


def practice_items(handbook: Handbook) -> list[PracticeItem]:
    """Every practice item, in reading order."""
    items = (_item(entry) for entry in handbook.entries("objection", "dialogue", "method"))
    return [_staff(item) for item in items if item is not None]
