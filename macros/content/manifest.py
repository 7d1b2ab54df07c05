"""The content manifest: what staff can see of each entry, step, checklist and checklist item,
as a short hash, so a phone can tell what changed since it last saw the handbook.

A phone keeps the manifest of the build it last saw; on a newer build it compares the two and
marks entries added (新) or changed (已更新). The notion of "the same item" and "changed" is
the change summary's (`changes.py`, which editors read on every pull request): nodes are
matched by id, a node's own data is `own_fields` (nested nodes with ids are compared on their
own), and a node under a new id with the same data or the same title is the same node
(`_renames` there; the browser does the same with the two manifests). Only what staff see is
hashed: the editors' fields and markers (`source`, `editor_note`, `keywords`, `asked`, the
checker's `patterns` and `exceptions`, 【补充】/【推断】) change nothing for them.

Format (JSON, `v` 1): `stamp` hashes the rest; `groups` are [key, title] in the order of the
nav (chapters, then 检查表); `units` in reading order, each a top unit (entry or checklist)
`[id, hash, title, site-root URL, group index]` followed by its parts (steps, items)
`[id, hash, title, parent id]`. A top unit's hash covers its parts, their order included, so
one comparison per entry finds every change inside it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, Final

from .changes import Place, own_fields, places
from .handbook import Handbook
from .markers import strip_markers
from .model import Checklist, Entry, Node, title_of

VERSION: Final = 1
CHECKLISTS_GROUP: Final = "checklists"
# Fields staff never see (nor print): a change there is no news for them. A 禁语's
# `near_misses` show only as wrong options of its quiz question, never on the card that a
# 新/已更新 mark leads to.
NOT_FOR_STAFF: Final = frozenset(
    {"id", "source", "editor_note", "keywords", "asked", "patterns", "exceptions", "near_misses"}
)
HASH_DIGITS: Final = 8  # 32 bits: one missed change in four billion

Unit = list[str | int]  # [id, hash, title, URL, group index] or [id, hash, title, parent id]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_DIGITS]


def _as_staff_see(value: Any) -> Any:
    """`value` without the editors' fields and markers."""
    if isinstance(value, str):
        return strip_markers(value)
    if isinstance(value, list):
        return [_as_staff_see(item) for item in value]
    if isinstance(value, dict):
        return {k: _as_staff_see(v) for k, v in value.items() if k not in NOT_FOR_STAFF}
    return value


def own_hash(node: Node) -> str:
    """Hash of what staff see of the node itself (its nested id-bearing nodes apart)."""
    fields = _as_staff_see(own_fields(node))
    return digest(json.dumps(fields, ensure_ascii=False, sort_keys=True))


def unit_hash(node: Node, parts: Iterable[tuple[str, str]]) -> str:
    """A top unit's hash: its own, then each part's id and hash in order."""
    lines = [own_hash(node), *(f"{ident}:{part_hash}" for ident, part_hash in parts)]
    return digest("\n".join(lines))


def _group_of(handbook: Handbook, place: Place) -> str:
    if isinstance(place.node, Checklist):
        return CHECKLISTS_GROUP
    return handbook.chapter_of_id[place.ident]


def _groups(handbook: Handbook, order: Iterable[str]) -> list[tuple[str, str]]:
    titles = {stem: chapter.title for stem, chapter in handbook.chapters.items()}
    titles[CHECKLISTS_GROUP] = handbook.checklists.title
    keys = [key for key in dict.fromkeys(order) if key in titles]
    keys += [key for key in titles if key not in keys]
    return [(key, titles[key]) for key in keys]


def content_manifest(handbook: Handbook, order: Iterable[str] = ()) -> dict[str, Any]:
    """The manifest of `handbook`; `order` lists group keys (chapter stems, `checklists`) as
    the site's nav shows them, the others follow in the handbook's order."""
    found = places(handbook)
    children: dict[str, list[Place]] = {}
    for place in found.values():
        children.setdefault(place.parent, []).append(place)
    groups = _groups(handbook, order)
    group_index = {key: index for index, (key, _title) in enumerate(groups)}
    blocks: list[tuple[int, list[Unit]]] = []  # a top unit and its parts
    for place in found.values():
        node = place.node
        if not isinstance(node, Entry | Checklist):
            continue
        parts = [(p.ident, p.node, own_hash(p.node)) for p in children.get(place.ident, [])]
        group = group_index[_group_of(handbook, place)]
        top: Unit = [
            place.ident,
            unit_hash(node, ((ident, h) for ident, _node, h in parts)),
            strip_markers(title_of(node)),
            handbook.url_of(place.ident),
            group,
        ]
        block = [top]
        for ident, part, h in parts:
            block.append([ident, h, strip_markers(title_of(part)), place.ident])
        blocks.append((group, block))
    blocks.sort(key=lambda found_block: found_block[0])  # stable: reading order within a group
    units = [unit for _group, block in blocks for unit in block]
    body = {"groups": [list(group) for group in groups], "units": units}
    stamp = digest(json.dumps(body, ensure_ascii=False, sort_keys=True))
    return {"v": VERSION, "stamp": stamp, **body}


def manifest_json(manifest: dict[str, Any]) -> str:
    """Compact JSON, as the site serves it (assets/whatsnew.json)."""
    return json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
