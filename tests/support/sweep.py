"""Exhaustive sweeps (every page, every chapter, every query) run in full only on demand.

The suite keeps a sample of each sweep that still exercises every kind of page or journey, so
that it catches a regression in the code; `scripts/full_sweeps.py` runs the same tests over
everything (HANDBOOK_FULL_SWEEP=1), for a change of content or styles that one page alone
might show. Tests that sample are marked `sweep`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

FULL = os.environ.get("HANDBOOK_FULL_SWEEP") == "1"


def sample(items: Sequence[T], size: int, *, always: Sequence[T] = ()) -> list[T]:
    """All of `items` in a full sweep; otherwise `always` (those present) and evenly spaced
    others, `size` in all, in their original order."""
    if FULL or len(items) <= size:
        return list(items)
    chosen = {i for i, item in enumerate(items) if item in always}
    step = len(items) / size
    for n in range(size):
        if len(chosen) >= size:
            break
        chosen.add(int(n * step))
    return [items[i] for i in sorted(chosen)]


def largest(items: Sequence[T], size: int, weight: dict[T, int]) -> list[T]:
    """All of `items` in a full sweep; otherwise the `size` heaviest (most to lay out or print:
    where a page break or an overflow shows first), in their original order."""
    if FULL or len(items) <= size:
        return list(items)
    heaviest = set(sorted(items, key=lambda item: -weight[item])[:size])
    return [item for item in items if item in heaviest]
