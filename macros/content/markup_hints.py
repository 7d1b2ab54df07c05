"""Hints for text written as Markdown or HTML.

The handbook shows every text exactly as written (hostile text must stay text), so **重点**
reaches staff with its asterisks, <b>注意</b> with its brackets and [见这里](…) as a bracketed
address. Nothing is lost and the page is safe, so this is not an error: `check` prints a hint,
naming the field and what will show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import Final

from .handbook import Handbook
from .model import Node, walk_nodes
from .problems import Problem
from .where import Path
from .yaml_source import on_its_line

# Fields that are not prose: match syntax (brackets and parentheses are its own), ids, and the
# editors' notes, which staff never see.
NOT_PROSE: Final = frozenset({"patterns", "exceptions", "editor_note"})

_MARKUP: Final = (
    (re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"), "加粗的 ** 或 __ 会原样显示成符号"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"), "HTML 标签会原样显示成尖括号和字母"),
    (
        re.compile(r"\[[^\]\n]+\]\([^)\n]+\)"),
        "Markdown 链接会原样显示；要链到别的条目，写在 related 或 refs 里",
    ),
    (re.compile(r"`[^`\n]+`"), "反引号会原样显示"),
    (re.compile(r"\{\{.*?\}\}|\{%.*?%\}"), "{{ }} 和 {% %} 会原样显示成花括号"),
)
# A whole text in quotes, as Word pastes it: staff would see the quotes around every line.
_QUOTED: Final = re.compile(r"^\s*“[^“”]*”\s*$")


def _texts(value: object, path: Path) -> Iterator[tuple[str, Path]]:
    if isinstance(value, str):
        yield value, path
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield item, (*path, index)


def _node_hints(root: FsPath, node: Node) -> Iterator[Problem]:
    for name in type(node).model_fields:
        if name in NOT_PROSE:
            continue
        for text, path in _texts(getattr(node, name), (name,)):
            for pattern, what in _MARKUP:
                if found := pattern.search(text):
                    yield Problem(
                        on_its_line(root, node.where.within(*path)),
                        f"“{found.group(0)}”：{what}（手册不认 Markdown 和 HTML，"
                        "页面上照原样显示；要强调就直接写出来）",
                    )
                    break
            else:
                if "\t" in text:  # typed or pasted inside quotes: a page shows one space
                    yield Problem(
                        on_its_line(root, node.where.within(*path)),
                        "文字里有 Tab（制表符），页面上只显示成一个空格；要隔开就用标点或空格",
                    )
                elif _QUOTED.match(text):
                    yield Problem(
                        on_its_line(root, node.where.within(*path)),
                        f"{text.strip()}：整段文字外面的中文引号会原样显示（从 Word 复制来的？）；"
                        "不需要引号就删掉，YAML 的文字不用加引号",
                    )


def markup_hints(handbook: Handbook) -> list[Problem]:
    """Every prose field that holds Markdown or HTML markup, at the object that holds it."""
    roots = [*handbook.chapters.values(), handbook.checklists, handbook.quizzes]
    return [
        hint
        for root in roots
        for node, _path in walk_nodes(root, ())
        for hint in _node_hints(handbook.root, node)
    ]
