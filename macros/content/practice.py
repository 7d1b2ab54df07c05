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
from .problems import Problem
from .yaml_source import on_its_line


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
    if isinstance(entry, Method) and entry.practice and opens_with_the_customer(entry):
        first, answer = entry.example[0], entry.example[1]
        return PracticeItem(entry.id, first.text, (answer.text,), "", entry.title_text)
    return None


def opens_with_the_customer(method: Method) -> bool:
    """The example is a customer's line and the worker's answer to it: a practice item."""
    turns = method.example
    return len(turns) > 1 and turns[0].who == "客户" and turns[1].who == "员工"


def unpractised_methods(handbook: Handbook) -> list[Problem]:
    """Methods 对练 leaves out without being told to: an editor whose example began with the
    worker, or kept one line, saw the method vanish from 对练 without a word. A hint the
    editors' check prints."""
    return [
        Problem(
            on_its_line(handbook.root, method.where.within("example")),
            "这个方法不会出现在对练里：对练要示例的第一句是客户说的（who: 客户），第二句是员工的"
            "回答（who: 员工）。要练，就这样写示例；本来就不该这样练（比如示例由员工先开口），"
            "在这一条里写 practice: false",
        )
        for method in handbook.entries("method")
        if isinstance(method, Method) and method.practice and not opens_with_the_customer(method)
    ]


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
