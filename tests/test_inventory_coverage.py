"""Every counted list in the seed inventory is complete in content/.

Walks the "Coverage checklist" table of `sources/INVENTORY.md`: for each row, the maps in
`tests/coverage/*.yml` say where the list lives; the count in the table must equal what the
content holds. A new row in the inventory without a mapping fails, so nothing is forgotten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from macros.content.handbook import Handbook
from macros.content.model import EDITORS_SOURCE, Entry, Phrase

from .support import ROOT

INVENTORY = ROOT / "sources" / "INVENTORY.md"


def checklist_rows() -> list[tuple[str, list[int]]]:
    """(key, counts) per row; key is "§<n> <主题>", counts are the integers in the 条数 cell."""
    text = INVENTORY.read_text(encoding="utf-8")
    table = text.split("## Coverage checklist", 1)[1]
    rows = []
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].isdigit():
            continue
        rows.append((f"§{cells[0]} {cells[1]}", [int(n) for n in re.findall(r"\d+", cells[2])]))
    return rows


def coverage_map() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests" / "coverage").glob("*.yml")):
        for key, selectors in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            assert key not in merged, f"{path.name}: {key} is mapped twice"
            merged[key] = selectors
    return merged


def _child(value: Any, step: str) -> Any:
    if isinstance(value, list):
        if step.isdigit():
            return value[int(step)]
        return next(item for item in value if getattr(item, "id", None) == step)
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


def count(handbook: Handbook, selector: str, expected: int) -> int:
    how, _, target = selector.partition(":")
    if how == "section":
        # The courseware's list must be complete; entries the editors add to the same section
        # (source: editors) are allowed on top of it.
        entries = _section(handbook, target).entries
        return len([entry for entry in entries if entry.source != [EDITORS_SOURCE]])
    if how == "distinct":
        section_id, field = target.split("/")
        return len({getattr(e, field) for e in _section(handbook, section_id).entries})
    if how == "entry":
        ident, *path = target.split("/")
        value: Any = handbook.get(ident)
        for step in path:
            value = _child(value, step)
        return len(value)
    if how == "mention":
        text = "".join(_texts(handbook.get(target)))
        return expected if re.search(rf"(?<!\d){expected}(?!\d)", text) else -1
    raise AssertionError(f"unknown selector {selector!r}")


def _section(handbook: Handbook, ident: str) -> Any:
    for chapter in handbook.chapters.values():
        for section in chapter.sections:
            if section.id == ident:
                return section
    raise AssertionError(f"no section {ident!r}")


ROWS = checklist_rows()


def test_the_inventory_table_was_read() -> None:
    assert len(ROWS) > 100


def test_every_row_is_mapped_and_nothing_else() -> None:
    mapped = coverage_map()
    keys = [key for key, _ in ROWS]
    assert [key for key in keys if key not in mapped] == []
    assert [key for key in mapped if key not in keys] == []


@pytest.mark.parametrize(("key", "counts"), ROWS, ids=[key for key, _ in ROWS])
def test_counted_list_is_complete(key: str, counts: list[int], handbook: Handbook) -> None:
    selectors = coverage_map()[key]
    assert len(selectors) == len(counts), f"{key}: {len(counts)} counts, {len(selectors)} selectors"
    for selector, expected in zip(selectors, counts, strict=True):
        found = count(handbook, selector, expected)
        assert found == expected, (
            f"{key}：原始课件列了 {expected} 条，content/ 里现在是 {found} 条（{selector}）。"
            "原始课件的内容要全部留在手册里：可以改写、在同一小节里调顺序，不能删掉，"
            "也不能移到别的小节（课件里这几条是一组，按小节数）；"
            "编辑自己加的条目（source: editors）不算在内。"
        )


def test_every_forbidden_phrase_has_a_reason_and_an_alternative(handbook: Handbook) -> None:
    phrases = list(handbook.entries("phrase"))
    assert len(phrases) >= 14 + 13
    for phrase in phrases:
        assert isinstance(phrase, Phrase)
        assert phrase.reason.strip() and phrase.alternatives, phrase.id


def test_every_method_has_an_example(handbook: Handbook) -> None:
    methods: list[Entry] = list(handbook.entries("method"))
    assert methods
    for method in methods:
        assert method.example, method.id  # type: ignore[attr-defined]


def test_every_entry_names_its_source(handbook: Handbook) -> None:
    # That editors' additions say what was added is a content rule (model.Entry), checked by
    # `python -m macros check` for editors too.
    for entry in handbook.entries():
        assert entry.source, entry.id
