"""A hint for a checklist whose `source` no longer names the sources of what its items link to.

A checklist is the editors' own: each item is a doing taken from the entries its `refs` link
to, so its `source` is theirs. An audit found two checklists out of step after items had been
relinked (one missing a source, one naming a source no item came from any more). Not an
error (the page is right), a hint the editors' check prints at the `source` line.
"""

from __future__ import annotations

from .handbook import Handbook
from .model import EDITORS_SOURCE, Procedure
from .problems import Problem
from .yaml_source import on_its_line


def _sources_by_id(handbook: Handbook) -> dict[str, set[str]]:
    """The sources of every id a checklist item may link to: an entry's own, a step's
    procedure's, a section's entries' together."""
    found: dict[str, set[str]] = {}
    for entry in handbook.entries():
        found[entry.id] = set(entry.source)
        if isinstance(entry, Procedure):
            found.update((step.id, set(entry.source)) for step in entry.steps)
    for section in handbook.sections():
        found[section.id] = {s for entry in section.entries for s in entry.source}
    return found


def checklist_source_hints(handbook: Handbook) -> list[Problem]:
    sources = _sources_by_id(handbook)
    hints = []
    for checklist in handbook.checklists.checklists:
        linked = {s for item in checklist.items for r in item.refs for s in sources.get(r, ())}
        linked.discard(EDITORS_SOURCE)
        declared = set(checklist.source) - {EDITORS_SOURCE}
        missing, unlinked = sorted(linked - declared), sorted(declared - linked)
        if not missing and not unlinked:
            continue
        said = []
        if missing:
            said.append(f"缺了 {'、'.join(missing)}（有一项链接的条目出自它）")
        if unlinked:
            said.append(f"多了 {'、'.join(unlinked)}（没有哪一项链接的条目出自它）")
        hints.append(
            Problem(
                on_its_line(handbook.root, checklist.where.within("source")),
                f"检查表“{checklist.title}”的 source {'，'.join(said)}："
                "检查表的来源是各项 refs 所链接条目的来源，请照此改",
            )
        )
    return hints
