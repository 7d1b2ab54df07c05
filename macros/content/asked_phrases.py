"""Each way of asking (`asked`) belongs to one entry: search cannot tell two entries apart by a
phrase they share, so it would open either for that question.

Phrases are compared the way the phrase matcher folds text (`phrases.normalise`): NFKC, ASCII
case folded, spaces and punctuation left out.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..phrases.normalise import fold, kind_of
from .model import Node
from .problems import Problem
from .where import Path, Where
from .yaml_source import YamlDocument


def _key(phrase: str) -> str:
    folded = "".join(map(fold, phrase))
    return "".join(ch for ch in folded if kind_of(ch) == "lit")


def check_asked_unique(
    files: list[tuple[YamlDocument, Iterable[tuple[Node, Path]]]],
) -> list[Problem]:
    """A problem for every `asked` phrase already given to another object (or twice to one)."""
    first: dict[str, tuple[str, Where]] = {}
    problems = []
    for doc, nodes in files:
        for node, path in nodes:
            phrases = getattr(node, "asked", None)
            if not isinstance(phrases, list):
                continue
            owner = str(getattr(node, "id", None) or getattr(node, "title", ""))
            for index, phrase in enumerate(phrases):
                where = doc.where((*path, "asked", index))
                key = _key(phrase)
                if key not in first:
                    first[key] = (owner, where)
                    continue
                other, at = first[key]
                problems.append(
                    Problem(
                        where,
                        f"问法“{phrase}”已经写在“{other}”（{at.file}:{at.line}）上：同一句问法放在"
                        "两处，搜索分不出该打开哪一条。只留在最对题的那一条上，另一处删掉或换个说法",
                    )
                )
    return problems
