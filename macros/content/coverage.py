"""Every counted list of the courseware is complete in content/ (the seed inventory's check).

`sources/INVENTORY.md` ends in a table of the seed documents' countable lists ("Coverage
checklist": section, topic, how many items); `sources/coverage/*.yml` say where each list
lives in content/ (selectors, below). An editor may reword and reorder the courseware's items,
never drop one, so `python -m macros check` counts them and names the list that came up short
at its own line: before this, a deleted original entry was found only by CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .handbook import Handbook
from .model import EDITORS_SOURCE, Node, Section
from .problems import Problem
from .where import Where
from .yaml_source import FAST_LOADER

INVENTORY = Path("sources") / "INVENTORY.md"
MAPS = Path("sources") / "coverage"

RULE = (
    "原始课件的内容要全部留在手册里：可以改写、在同一小节里调顺序，不能删掉，"
    "也不能移到别的小节（课件里这几条是一组，按小节数）；"
    "编辑自己加的条目（source: editors）不算在内。删错了可以用 git 找回原来的几行"
    "（VS Code 左侧“源代码管理”里，右键文件选“放弃更改”，或只撤回删掉的那几行）。"
)


@dataclass(frozen=True)
class Row:
    """One countable list of the inventory: "§<n> <主题>" and its count(s)."""

    key: str
    counts: list[int]


def inventory_rows(text: str) -> list[Row]:
    """The rows of the inventory's coverage table; a row's 条数 cell may hold several counts."""
    table = text.split("## Coverage checklist", 1)[1]
    rows = []
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].isdigit():
            continue
        rows.append(Row(f"§{cells[0]} {cells[1]}", [int(n) for n in re.findall(r"\d+", cells[2])]))
    return rows


@dataclass(frozen=True)
class Mapping:
    """Where a row's lists live in content/, and the map's own line that says so."""

    selectors: list[str]
    where: Where


def read_maps(project: Path) -> dict[str, Mapping]:
    """Each row's selectors, merged over the map files (a row mapped twice is the tests' to find)."""
    merged: dict[str, Mapping] = {}
    for path in sorted((project / MAPS).glob("*.yml")):
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
        shown = path.relative_to(project).as_posix()
        for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
            selectors = [str(item.value) for item in value.value]
            merged[str(key.value)] = Mapping(selectors, Where(shown, key.start_mark.line + 1))
    return merged


@dataclass(frozen=True)
class Count:
    found: int
    where: Where  # the list's own place in content/, for the message


class Missing(LookupError):
    """The selector's id is gone from content/ (the entry or section itself was deleted)."""


def count(handbook: Handbook, selector: str, expected: int) -> Count:
    """How many of a list's items content/ holds, for one selector:

    - `section:<id>`: the section's entries, leaving out editors' own additions;
    - `distinct:<section id>/<field>`: the distinct values of a field over its entries;
    - `entry:<id>/<key>[/<id or index>/<key>…]`: the length of a list inside an entry;
    - `mention:<id>`: the number itself is written in the entry (a count in prose).
    """
    how, _, target = selector.partition(":")
    if how in ("section", "distinct"):
        ident, _, field = target.partition("/")
        section = _section(handbook, ident)
        entries = section.entries
        if how == "distinct":
            return Count(len({getattr(e, field) for e in entries}), section.where.within("entries"))
        # The courseware's list must be complete; entries the editors add to the same section
        # (source: editors) are allowed on top of it.
        kept = [entry for entry in entries if entry.source != [EDITORS_SOURCE]]
        return Count(len(kept), section.where.within("entries"))
    if how == "entry":
        ident, *path = target.split("/")
        owner = _node(handbook, ident)
        value: Any = owner
        for step in path:
            value = _child(value, step)
            if isinstance(value, Node):
                owner = value
        return Count(len(value), owner.where.within(path[-1]))
    if how == "mention":
        owner = _node(handbook, target)
        text = "".join(_texts(owner))
        found = expected if re.search(rf"(?<!\d){expected}(?!\d)", text) else -1
        return Count(found, owner.where)
    raise ValueError(f"unknown selector {selector!r}")


def coverage_problems(handbook: Handbook, project: Path) -> list[Problem]:
    """Every courseware list that content/ no longer holds in full, at the list's own line.
    Empty for a project without the inventory (a fixture's, a copy of content/ alone)."""
    if not (project / INVENTORY).is_file():
        return []
    maps = read_maps(project)
    problems = []
    for row in inventory_rows((project / INVENTORY).read_text(encoding="utf-8")):
        mapping = maps.get(row.key)
        if mapping is None:  # a row not mapped yet: the developers' test says so
            continue
        for selector, expected in zip(mapping.selectors, row.counts, strict=False):
            try:
                counted = count(handbook, selector, expected)
            except Missing as gone:
                problems.append(_gone(mapping, row, str(gone)))
                continue
            if counted.found == expected:
                continue
            if selector.startswith("mention:"):
                said = f"原始课件“{row.key}”的数字 {expected} 不见了（这一条里要写到它）"
            else:
                said = f"原始课件“{row.key}”列了 {expected} 条，这里现在是 {counted.found} 条"
            problems.append(Problem(counted.where, f"{said}。{RULE}"))
    return problems


def _gone(mapping: Mapping, row: Row, ident: str) -> Problem:
    # The whole entry or section went, so no line of it is left to point at: the map's line
    # names the id that is gone.
    message = (
        f"content/ 里找不到 id 为 {ident} 的内容，原始课件“{row.key}”收在它里面"
        f"（这一行记着它在哪）。{RULE}"
    )
    return Problem(mapping.where, message)


def _node(handbook: Handbook, ident: str) -> Node:
    try:
        return handbook.get(ident)
    except KeyError:
        raise Missing(ident) from None


def _section(handbook: Handbook, ident: str) -> Section:
    section = handbook.by_id.get(ident)
    if not isinstance(section, Section):
        raise Missing(ident)
    return section


def _child(value: Any, step: str) -> Any:
    if isinstance(value, list):
        if step.isdigit():
            return value[int(step)]
        for item in value:
            if getattr(item, "id", None) == step:
                return item
        raise Missing(step)
    return getattr(value, step)


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
