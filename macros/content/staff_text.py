"""Text staff read must not carry the editors' workbench: no 种子, OCR, 推断 or file names, and
no {条数} outside a section's summary, the one place it is filled in.

Every text field of the content is shown to staff except the editors' own fields (`source`,
`editor_note`, `asked`, the checker's `patterns`), so this check reads every other string. The
editors' two inline markers are the one allowed way to flag a sentence in text staff see:
`【补充】` after what the editors added, `【推断】` after their reading of an unclear or garbled
original (markers.py). The site shows both in the editor view only and strips them for staff
and paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from .markers import MARKERS, strip_markers
from .model import ENTRY_COUNT, Node, Section, SourcesFile
from .problems import Problem
from .where import Path
from .yaml_source import YamlDocument

# Fields that hold ids, the editors' notes, or words staff never see.
NOT_SHOWN: Final = frozenset(
    {
        "id",
        "kind",
        "type",
        "source",
        "editor_note",
        "asked",
        "patterns",
        "exceptions",
        "related",
        "methods",
        "refs",
        "ref",
        "chapters",
        "drills",
    }
)

JARGON: Final = re.compile(
    r"种子|OCR|推断|编辑补充|编者|整理者|原课件|(?<![还复])原文|课件编号|\.ya?ml\b|seed",
    re.IGNORECASE,  # 还原文件夹 and 复原文档 are not 原文
)
# A marker written some other way: （推断）, 【编辑补充】, (OCR 推断), [补充] ...
LOOSE_MARKER: Final = re.compile(
    r"[（(【\[]\s*(?:OCR\s*)?(?:编辑|编者)?(?:补充|推断|补写)\s*[）)】\]]", re.IGNORECASE
)
HOW: Final = (
    "给编辑看的说明请写在 editor_note 里；编辑补写的句子在句末标“【补充】”，"
    "推断或错字修正标“【推断】”"
)


def _strings(node: Node) -> Iterator[tuple[str, Path]]:
    for name in type(node).model_fields:
        if name in NOT_SHOWN:
            continue
        value = getattr(node, name)
        if isinstance(value, str):
            yield value, (name,)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield item, (name, index)


def staff_words(node: Node, limit: int) -> str:
    """What staff read of this node, in one line (at most `limit` characters): for a report
    of a mistake, which has to say which words are wrong."""
    words = " / ".join(
        strip_markers(text) for text, path in _strings(node) if path[0] != "keywords"
    )
    return words if len(words) <= limit else words[: limit - 1] + "…"


def _problem_in(text: str) -> str | None:
    for match in LOOSE_MARKER.finditer(text):
        if match.group() not in MARKERS:
            return (
                f"标记“{match.group()}”请写成“【补充】”（编辑补写的）或“【推断】”（推断或错字修正）"
            )
    found = JARGON.search(strip_markers(text))
    if found:
        return f"“{found.group()}”是编辑用语，这段文字员工会看到。{HOW}"
    return None


def _placeholder_in(node: Node, field: Path, text: str) -> str | None:
    """{条数} is filled in only in a section's summary; anywhere else it would reach staff as
    written."""
    if ENTRY_COUNT not in text or (isinstance(node, Section) and field == ("summary",)):
        return None
    return (
        f"{ENTRY_COUNT} 只在小节的 summary 里会换成这一节的条目数，写在这里会原样显示；请写出数字"
    )


def check_staff_text(
    doc: YamlDocument, root: Node, nodes: Iterable[tuple[Node, Path]]
) -> list[Problem]:
    """Problems in the text of one file that staff see; `nodes` walks the file's objects."""
    if isinstance(root, SourcesFile):
        return []
    problems = []
    for node, path in nodes:
        for text, field in _strings(node):
            message = _problem_in(text) or _placeholder_in(node, field, text)
            if message:
                problems.append(Problem(doc.where((*path, *field)), message))
    return problems
