"""How the tests are spread over pytest-xdist's workers: groups kept together, long tests first.

`xdist_group` marks that work under pytest 9.2:
pytest-xdist's `--dist loadgroup` keeps the tests of a group on one worker by adding
`@group` to their node ids on the workers. pytest-xdist 3.8 (the latest) still writes the
attribute pytest kept node ids in before 9.2 (`_nodeid`); pytest 9.2 reads `_id` (a `NodeId`),
so the suffix never reaches the scheduler and every test of a group may go to any worker: each
worker then builds the group's shared site for itself (twice the CPU) and module fixtures are
made again whenever a worker's tests of two modules interleave. `apply_groups` adds the suffix
where pytest 9.2 reads it, exactly as xdist means to.
"""

from __future__ import annotations

import pytest
from _pytest.nodeid import NodeId  # pytest's own type for node ids (9.2); no public path yet

MARK = "xdist_group"
LONG = "long"  # a test of 5 s or more on its own (pyproject.toml's markers)


def group_of(item: pytest.Item) -> str | None:
    """The group name xdist derives from an item's marks (several join with `_`)."""
    names = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in item.iter_markers(MARK)
    }
    return "_".join(sorted(names)) if names else None


def apply_groups(items: list[pytest.Item]) -> None:
    """Give each grouped item the node id `…@group` that the loadgroup scheduler splits on."""
    for item in items:
        group = group_of(item)
        if group is not None and not item.nodeid.endswith(f"@{group}"):
            item._id = NodeId.parse(f"{item.nodeid}@{group}")


def long_first(items: list[pytest.Item]) -> None:
    """Put the tests marked `long` first, the rest in their order.

    The loadgroup scheduler hands out the groups first (largest first), then single tests in
    collection order: a long test collected last (tests/unit sorts last) would keep one worker
    busy for its whole length after the other has finished everything.
    """
    items.sort(key=lambda item: item.get_closest_marker(LONG) is None)
