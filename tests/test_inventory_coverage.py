"""Every counted list in the seed inventory is complete in content/.

Walks the "Coverage checklist" table of `sources/INVENTORY.md`: for each row, the maps in
`sources/coverage/*.yml` say where the list lives; the count in the table must equal what the
content holds (`macros/content/coverage.py`, which `python -m macros check` runs for editors).
A new row in the inventory without a mapping fails, so nothing is forgotten.
"""

from __future__ import annotations

import yaml

from macros.content.coverage import INVENTORY, MAPS, coverage_problems, inventory_rows, read_maps
from macros.content.handbook import Handbook
from macros.content.model import Entry, Phrase

from .support import ROOT

ROWS = inventory_rows((ROOT / INVENTORY).read_text(encoding="utf-8"))


def test_the_inventory_table_was_read() -> None:
    assert len(ROWS) > 100


def test_every_row_is_mapped_once_with_a_selector_per_count() -> None:
    keys = [row.key for row in ROWS]
    mapped = read_maps(ROOT)
    assert [key for key in keys if key not in mapped] == []
    assert [key for key in mapped if key not in keys] == []
    files = sorted((ROOT / MAPS).glob("*.yml"))
    written = [key for path in files for key in yaml.safe_load(path.read_text(encoding="utf-8"))]
    assert len(written) == len(set(written)), "a row is mapped in two files"
    uneven = [row.key for row in ROWS if len(mapped[row.key].selectors) != len(row.counts)]
    assert uneven == [], "each count of a row needs its own selector"


def test_every_counted_list_is_complete(handbook: Handbook) -> None:
    # What `python -m macros check` tells editors, on the content as it is.
    problems = coverage_problems(handbook, ROOT)
    assert problems == [], "\n".join(map(str, problems))


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
