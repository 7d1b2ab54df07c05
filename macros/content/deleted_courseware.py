"""Entries of the courseware deleted since the last commit (git HEAD), read from the commit.

An editor who deleted one was first told, at each reference to it, to take the id out of the
list (an entry not written yet or deleted), and did; only once everything else read did
`check` say the courseware's section had lost an entry, and by then the references were gone
too. Asked only for ids some reference finds nowhere."""

from __future__ import annotations

from collections.abc import Iterator, Set
from pathlib import Path
from typing import Any

import yaml

from .lost_files import committed_text
from .model import EDITORS_SOURCE
from .yaml_source import FAST_LOADER


def _defined(data: Any) -> Iterator[dict[str, Any]]:
    """Every mapping with an id in the parsed YAML `data`."""
    todo = [data]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                yield node
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)


def deleted_courseware(folder: Path, missing: Set[str]) -> dict[str, str]:
    """Of the ids `missing` from `folder` (content/), those the last commit defined there with
    a source other than editors (the courseware's): id → the file it was in."""
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.yml")):
        text = committed_text(folder, path.name)
        if text is None or not any(ident in text for ident in missing):
            continue
        try:
            data = yaml.load(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            continue  # the commit's own mistake, not this one's
        for node in _defined(data):
            source = node.get("source", [])
            sources = [source] if isinstance(source, str) else source
            if node["id"] in missing and sources and EDITORS_SOURCE not in sources:
                found[node["id"]] = path.name
    return found
