"""Renaming an id everywhere it is written: in content/ and in the files outside it that name
content ids (the query sets and corpora the tests measure search and the phrase checker on, and
the tests that name an entry of the real content).

Done as text, line by line, so that nothing else in a file moves: comments, quoting, line
endings and a byte-order mark stay as the editor left them. In a Python file only string
literals and comments change: an id there is quoted or talked about, and a name in the code
that happens to spell a one-word id is not one.
"""

from __future__ import annotations

import codecs
import functools
import io
import re
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# An id as a whole word: not the tail of a longer id (guiding-jiushi-zheyang inside
# guiding-jiushi-zheyang-women-buhui) nor of a generated one (method-<id>).
ID_WORD = r"(?<![A-Za-z0-9_-]){}(?![A-Za-z0-9_-])"


@dataclass(frozen=True)
class Renamed:
    """One line changed: where, and the line before and after."""

    path: Path
    line: int
    before: str
    after: str


# Tokens that hold text, not code (Python 3.12 splits an f-string into parts).
_TEXT_TOKENS = frozenset(
    {tokenize.STRING, tokenize.COMMENT, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
)


def _text_columns(text: str) -> dict[int, list[tuple[int, int]]]:
    """Line number → (start, end) columns of the string literals and comments on it."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type not in _TEXT_TOKENS:
            continue
        (first, start), (last, end) = token.start, token.end
        for line in range(first, last + 1):
            spans.setdefault(line, []).append(
                (start if line == first else 0, end if line == last else 1 << 30)
            )
    return spans


def _renamed(found: re.Match[str], new: str, spans: list[tuple[int, int]] | None) -> str:
    """`new` for an id found anywhere (spans None) or inside one of the spans."""
    if spans is None or any(a <= found.start() and found.end() <= b for a, b in spans):
        return new
    return found.group()


def rename_in(paths: Iterable[Path], old: str, new: str) -> list[Renamed]:
    """Write `new` for every whole-word `old` in `paths` (in a .py file, inside its string
    literals and comments only); the lines changed, in file order."""
    word = re.compile(ID_WORD.format(re.escape(old)))
    changed: list[Renamed] = []
    for path in paths:
        raw = path.read_bytes()
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        text = raw[len(bom) :].decode("utf-8")
        strings = _text_columns(text) if path.suffix == ".py" else None
        lines = text.splitlines(keepends=True)
        found = False
        for number, line in enumerate(lines, 1):
            spans = None if strings is None else strings.get(number, [])
            after = word.sub(functools.partial(_renamed, new=new, spans=spans), line)
            if after != line:
                changed.append(Renamed(path, number, line.rstrip("\r\n"), after.rstrip("\r\n")))
                lines[number - 1] = after
                found = True
        if found:
            path.write_bytes(bom + "".join(lines).encode("utf-8"))
    return changed
