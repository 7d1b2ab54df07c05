"""Each way of asking (`asked`) belongs to one entry: search cannot tell two entries apart by a
phrase they share, so it would open either for that question. Likewise each forbidden phrase
has one card: a second card of the same words doubles its quiz question and splits what
话术自查 links to.

Phrases are compared the way the phrase matcher folds text (`phrases.normalise`): NFKC, ASCII
case folded, spaces and punctuation left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..phrases.normalise import fold, kind_of
from .model import Node, Phrase
from .problems import Problem
from .where import Path, Where
from .yaml_source import YamlDocument


def _key(phrase: str) -> str:
    folded = "".join(map(fold, phrase))
    return "".join(ch for ch in folded if kind_of(ch) == "lit")


# What asks: its name (id, else title), what it asks, and where it is in its file.
Asking = tuple[str, object, Path]


def asking_nodes(nodes: Iterable[tuple[Node, Path]]) -> Iterator[Asking]:
    for node, path in nodes:
        owner = str(getattr(node, "id", None) or getattr(node, "title", ""))
        yield owner, getattr(node, "asked", None), path


def asking_raw(mappings: Iterable[tuple[dict[str, Any], Path]]) -> Iterator[Asking]:
    """The same, read from what was written in a file with other mistakes."""
    for raw, path in mappings:
        owner = raw.get("id") or raw.get("title") or ""
        yield str(owner), raw.get("asked"), path


def check_asked_unique(files: Sequence[tuple[YamlDocument, Iterable[Asking]]]) -> list[Problem]:
    """A problem for every `asked` phrase already given to another object (or twice to one)."""
    first: dict[str, tuple[str, Where]] = {}
    problems = []
    for doc, askings in files:
        for owner, phrases, path in askings:
            if not isinstance(phrases, list):
                continue
            for index, phrase in enumerate(phrases):
                if not isinstance(phrase, str):
                    continue  # validation says what is wrong with it
                where = doc.where((*path, "asked", index))
                key = _key(phrase)
                if key not in first:
                    first[key] = (owner, where)
                    continue
                other, at = first[key]
                if other == owner and at.file == where.file:
                    message = f"问法“{phrase}”在这一条里写了两次（第 {at.line} 行已有）；删掉一处"
                else:
                    message = (
                        f"问法“{phrase}”已经写在“{other}”（{at.file}:{at.line}）上：同一句问法放在"
                        "两处，搜索分不出该打开哪一条。只留在最对题的那一条上，另一处删掉或换个说法"
                    )
                problems.append(Problem(where, message))
    return problems


def check_phrases_unique(
    files: Sequence[tuple[YamlDocument, Iterable[tuple[Node, Path]]]],
) -> list[Problem]:
    """A problem for every 禁语 card whose words another card already has."""
    first: dict[str, tuple[str, Where]] = {}
    ids: set[str] = set()
    problems = []
    for doc, nodes in files:
        for node, path in nodes:
            # a card whose id is taken already (a copy of a file) is reported as that
            if not isinstance(node, Phrase) or node.id in ids:
                continue
            ids.add(node.id)
            where = doc.where((*path, "text"))
            key = _key(node.text)
            if key not in first:
                first[key] = (str(node.id), where)
                continue
            other, at = first[key]
            problems.append(
                Problem(
                    where,
                    f"这条禁语和“{other}”（{at.file}:{at.line}）是同一句话：一句禁语只写一张卡片。"
                    "要补充的理由或说法加到那一条上，这一条删掉",
                )
            )
    return problems
