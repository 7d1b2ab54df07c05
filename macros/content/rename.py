"""Renaming an id everywhere it is written: in content/ and in the files outside it that name
content ids (the query sets and corpora the tests measure search and the phrase checker on).

Done as text, line by line, so that nothing else in a file moves: comments, quoting, line
endings and a byte-order mark stay as the editor left them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# An id as a whole word: not the tail of a longer id (guiding-jiushi-zheyang inside
# guiding-jiushi-zheyang-women-buhui) nor of a generated one (method-<id>).
_WORD = r"(?<![A-Za-z0-9_-]){}(?![A-Za-z0-9_-])"


@dataclass(frozen=True)
class Renamed:
    """One line changed: where, and the line before and after."""

    path: Path
    line: int
    before: str
    after: str


def rename_in(paths: Iterable[Path], old: str, new: str) -> list[Renamed]:
    """Write `new` for every whole-word `old` in `paths`; the lines changed, in file order."""
    word = re.compile(_WORD.format(re.escape(old)))
    changed: list[Renamed] = []
    for path in paths:
        raw = path.read_bytes()
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        lines = raw[len(bom) :].decode("utf-8").splitlines(keepends=True)
        found = False
        for number, line in enumerate(lines, 1):
            after = word.sub(new, line)
            if after != line:
                changed.append(Renamed(path, number, line.rstrip("\r\n"), after.rstrip("\r\n")))
                lines[number - 1] = after
                found = True
        if found:
            path.write_bytes(bom + "".join(lines).encode("utf-8"))
    return changed
