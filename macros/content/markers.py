"""The editors' two inline markers: `【补充】` after what the editors added, `【推断】` after their
reading of an unclear or garbled original. Staff never read them: the site shows them in the
editor view only, and what staff see, search or have checked is the text without them."""

from __future__ import annotations

import re
from typing import Final

ADDED: Final = "【补充】"
INFERRED: Final = "【推断】"
MARKERS: Final = (ADDED, INFERRED)
MARKER_RE: Final = re.compile("|".join(map(re.escape, MARKERS)))


def strip_markers(text: str) -> str:
    """Text as staff read it: without the editors' markers."""
    return MARKER_RE.sub("", text)
