"""Step 1 of matching: fold each code point (NFKC, ASCII lower case) and collapse punctuation.

The character classes travel in the spec, so the browser classifies with exactly these
definitions. NFKC is Python's `unicodedata` (its `unidata_version` names the Unicode version);
the browser uses `String.prototype.normalize("NFKC")` of its own engine, and the differential
test (`tests/unit/test_matcher_differential.py`) proves both agree on the characters staff type.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

# Character classes (bodies of a regex `[...]`), applied to text after per-character NFKC.
# They travel in the spec, so the browser classifies with exactly these definitions.
# Spaces are ignorable, not pauses: speech-recognition output and some chat writing put spaces
# between words ("这 不关 我 的事"), and a phrase must still be found there. A tab is a pause: it
# separates the columns of a row pasted from a spreadsheet (09:15:09⇥客户⇥…).
NEWLINE_CLASS: Final = r"\n\r\u2028\u2029"
STOP_CLASS: Final = r"。.!?;"
IGNORE_CLASS: Final = (
    r"\u000b\u000c \u0085\u00a0\u00ad\u1680\u2000-\u200f\u202f\u205f\u2060-\u2064\u3000\ufeff"
)
PAUSE_RANGES: Final[tuple[tuple[int, int], ...]] = (
    (0x09, 0x09),  # tab
    (0x21, 0x2F),  # ASCII punctuation and symbols (stops are classified first)
    (0x3A, 0x40),
    (0x5B, 0x60),
    (0x7B, 0x7E),
    (0xA1, 0xBF),  # Latin-1 punctuation and symbols: « » · ¥ ...
    (0xD7, 0xD7),
    (0xF7, 0xF7),
    (0x2010, 0x2027),  # General Punctuation: dashes, quotes, bullets, …
    (0x202A, 0x202E),
    (0x2030, 0x205E),
    (0x2061, 0x206F),
    (0x2190, 0x21FF),  # arrows
    (0x2500, 0x27BF),  # box drawing, shapes, dingbats used as bullets: ■ ● ★ ✓
    (0x2E00, 0x2E7F),
    (0x3001, 0x3004),  # CJK punctuation: 、〈〉《》「」『』【】〔〕〖〗〜 (not 々〆〇)
    (0x3008, 0x3020),
    (0x3030, 0x3030),
    (0x303D, 0x303F),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE6F),
    (0xFF01, 0xFF0F),
    (0xFF1A, 0xFF20),
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF65),
)
PAUSE_CLASS: Final = "".join(
    f"\\u{lo:04x}" if lo == hi else f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in PAUSE_RANGES
)

# What a collapsed run of non-literal characters becomes in the normalised text.
NL: Final = "\n"
STOP: Final = "。"
PAUSE: Final = "，"
UNICODE_VERSION: Final = unicodedata.unidata_version

_NEWLINE = re.compile(f"[{NEWLINE_CLASS}]")
_STOP = re.compile(f"[{STOP_CLASS}]")
_IGNORE = re.compile(f"[{IGNORE_CLASS}]")
_PAUSE = re.compile(f"[{PAUSE_CLASS}]")


def fold(ch: str) -> str:
    """One code point → its NFKC form with ASCII letters lower-cased (may be 0..n characters)."""
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF:  # CJK ideographs (most of the text): unchanged
        return ch
    if code < 0x80:
        return chr(code + 32) if 0x41 <= code <= 0x5A else ch
    ch = unicodedata.normalize("NFKC", ch)  # may give ASCII capitals: Ａ → A → a
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in ch)


def kind_of(ch: str) -> str:
    """Class of one already folded character: nl, stop, ignore, pause or lit."""
    if "\u4e00" <= ch <= "\u9fff":  # fast path: CJK ideographs are in no class
        return "lit"
    if _NEWLINE.match(ch):
        return "nl"
    if _STOP.match(ch):
        return "stop"
    if _IGNORE.match(ch):
        return "ignore"
    if _PAUSE.match(ch):
        return "pause"
    return "lit"


@dataclass(frozen=True)
class Normalised:
    """Normalised text; `starts[k]`/`ends[k]`: the original code-point span of character k."""

    text: str
    starts: list[int]
    ends: list[int]


def normalise(text: str) -> Normalised:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    run = ""  # the strongest separator seen in the current run: "", PAUSE, STOP or NL
    run_start = run_end = 0
    for index, original in enumerate(text):
        for ch in fold(original):
            kind = kind_of(ch)
            if kind == "ignore":
                continue
            if kind == "lit":
                if run:
                    out.append(run)
                    starts.append(run_start)
                    ends.append(run_end)
                    run = ""
                out.append(ch)
                starts.append(index)
                ends.append(index + 1)
                continue
            strength = NL if kind == "nl" else STOP if kind == "stop" else PAUSE
            if not run:
                run, run_start = strength, index
            elif _rank(strength) > _rank(run):
                run = strength
            run_end = index + 1
    if run:
        out.append(run)
        starts.append(run_start)
        ends.append(run_end)
    return Normalised(_SLIP.sub("自己", "".join(out)), starts, ends)


# The commonest slip of a phone keyboard: 自已 for 自己 (已 is 己's neighbour), which hid
# 你自己看账单 from every pattern. Not before 经: 自已经办理之日起 says 已经. Same length, so
# the spans stay.
_SLIP: Final = re.compile("自已(?!经)")


def _rank(separator: str) -> int:
    return {PAUSE: 1, STOP: 2, NL: 3}[separator]
