"""Phrase patterns: how a forbidden phrase is found in what staff say or type.

One definition of the matching, three users:

- `macros/model.py` validates every `patterns:`/`exceptions:` item with `check_pattern()`, so a
  pattern that cannot compile is a `file:line` problem like any other content mistake;
- `build_spec()` compiles all phrases at build time into one JSON-able spec: regular
  expressions plus the character classes of the normalisation;
- `Matcher(spec)` (Python, used by `python -m macros phrases`) and `overrides/assets/js/checker.js`
  (the browser) run that same spec with the same algorithm. `tests/test_checker_identity.py`
  runs one corpus through both and asserts identical findings.

The algorithm, step by step (both implementations follow it exactly):

1. Normalise the text one code point at a time: NFKC (full-width Ａ１，！ become A1,!), then
   ASCII upper case to lower case. Each resulting character is a line break, a sentence stop,
   ignorable (spaces, zero-width), a pause (other punctuation) or a literal. A run of
   non-literal characters collapses to one character: "\\n" if it holds a line break, else "。"
   if it holds a stop, else "，". Ignorable characters vanish without breaking a word. Every
   normalised character remembers the span of original text it came from.
2. Every regular expression of every phrase runs over the normalised text (global, non-
   overlapping per expression). A match inside a match of one of the phrase's exceptions is
   dropped.
3. Candidates are sorted longest first, then by start, then by handbook order; a candidate is
   kept when it overlaps none already kept. So where phrases overlap ("我们根本不可能出现这种
   情况"), the one covering the most words wins. Kept matches are reported by position.
4. Each kept match is mapped back to the original text; its line and column count code points,
   lines broken at \\r\\n, \\n, \\r, U+2028 and U+2029.

The pattern syntax for editors is described on `Phrase` in `macros/model.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .loader import Handbook

SPEC_VERSION = 1

# Character classes (bodies of a regex `[...]`), applied to text after per-character NFKC.
# They travel in the spec, so the browser classifies with exactly these definitions.
# Spaces are ignorable, not pauses: speech-recognition output and some chat writing put spaces
# between words ("这 不关 我 的事"), and a phrase must still be found there.
NEWLINE_CLASS = r"\n\r\u2028\u2029"
STOP_CLASS = r"。.!?;"
IGNORE_CLASS = (
    r"\t\u000b\u000c \u0085\u00a0\u00ad\u1680\u2000-\u200f\u202f\u205f\u2060-\u2064\u3000\ufeff"
)
PAUSE_RANGES: tuple[tuple[int, int], ...] = (
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
PAUSE_CLASS = "".join(
    f"\\u{lo:04x}" if lo == hi else f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in PAUSE_RANGES
)

# What a collapsed run of non-literal characters becomes in the normalised text.
NL, STOP, PAUSE = "\n", "。", "，"
GAP_MAX = 8  # `*` in a pattern: at most this many characters, never across a stop or line
BREAK_RE = f"[{PAUSE}{STOP}]?"
GAP_RE = f"[^{STOP}\\n]{{0,{GAP_MAX}}}?"
MIN_LENGTH = 2  # a pattern matching a single character would mark ordinary speech
MAX_GAPS = 3

_NEWLINE = re.compile(f"[{NEWLINE_CLASS}]")
_STOP = re.compile(f"[{STOP_CLASS}]")
_IGNORE = re.compile(f"[{IGNORE_CLASS}]")
_PAUSE = re.compile(f"[{PAUSE_CLASS}]")
_REGEX_SYNTAX = set("^$\\.*+?()[]{}|/")


# --- normalisation ----------------------------------------------------------------------


def fold(ch: str) -> str:
    """One code point → its NFKC form with ASCII letters lower-cased (may be 0..n characters)."""
    code = ord(ch)
    if code >= 0x80 and not 0x4E00 <= code <= 0x9FFF:  # ASCII and CJK ideographs: unchanged
        ch = unicodedata.normalize("NFKC", ch)
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
    return Normalised("".join(out), starts, ends)


def _rank(separator: str) -> int:
    return {PAUSE: 1, STOP: 2, NL: 3}[separator]


# --- pattern syntax ---------------------------------------------------------------------

_OPEN, _CLOSE, _BAR = "(（", ")）", "|｜"
_LBRACKET, _RBRACKET, _STAR = "[［【", "]］】", "*＊"
_REJECTED = {
    "\\": "不支持反斜杠“\\”",
    ".": "不支持半角点“.”：中间夹几个字请用 *，句号请用中文“。”",
    "+": "不支持“+”：要表示可有可无请用 ?",
    "{": "不支持花括号“{}”",
    "}": "不支持花括号“{}”",
    "^": "不支持“^”：写法在句子任何位置都会查找",
    "$": "不支持“$”：写法在句子任何位置都会查找",
}


class PatternError(ValueError):
    """A pattern an editor wrote that cannot be compiled; the message is for the editor."""


@dataclass
class _Item:
    kind: str  # lit, break, gap, class, group
    text: str = ""  # lit: the folded characters; class: the characters to choose from
    branches: list[list[_Item]] | None = None
    optional: bool = False

    def regex(self) -> str:
        if self.kind == "break":
            return BREAK_RE
        if self.kind == "gap":
            return GAP_RE
        if self.kind == "lit":
            body = "".join(f"\\{c}" if c in _REGEX_SYNTAX else c for c in self.text)
            if self.optional:
                return f"{body}?" if len(self.text) == 1 else f"(?:{body})?"
            return body
        if self.kind == "class":
            body = "".join(f"\\{c}" if c in "\\]^-[" else c for c in self.text)
            return f"[{body}]?" if self.optional else f"[{body}]"
        assert self.branches is not None
        body = "|".join(_seq_regex(branch) for branch in self.branches)
        return f"(?:{body})?" if self.optional else f"(?:{body})"

    def min_length(self) -> int:
        if self.optional or self.kind in ("break", "gap"):
            return 0
        if self.kind == "lit":
            return len(self.text)
        if self.kind == "class":
            return 1
        assert self.branches is not None
        return min(_seq_min(branch) for branch in self.branches)


def _seq_regex(items: list[_Item]) -> str:
    return "".join(item.regex() for item in items)


def _seq_min(items: list[_Item]) -> int:
    return sum(item.min_length() for item in items)


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.chars = list(pattern)
        self.pos = 0

    def fail(self, message: str, at: int | None = None) -> PatternError:
        where = self.pos if at is None else at
        shown = "".join(self.chars)
        return PatternError(f"写法“{shown}”第 {where + 1} 个字处：{message}")

    def peek(self) -> str:
        return self.chars[self.pos] if self.pos < len(self.chars) else ""

    def parse(self) -> list[list[_Item]]:
        branches = self.alternatives(depth=0)
        if self.pos < len(self.chars):  # only a stray closing bracket stops the top level
            raise self.fail("多了一个右括号“)”，前面没有对应的左括号")
        return branches

    def alternatives(self, depth: int) -> list[list[_Item]]:
        branches = [self.sequence(depth)]
        while self.peek() and self.peek() in _BAR:
            bar = self.pos
            self.pos += 1
            branches.append(self.sequence(depth))
            if not _has_text(branches[-2]) or not _has_text(branches[-1]):
                raise self.fail("竖线“|”两边都要写字", bar)
        return branches

    def sequence(self, depth: int) -> list[_Item]:
        items: list[_Item] = []
        while self.peek() and self.peek() not in _BAR and self.peek() not in _CLOSE:
            start = self.pos
            ch = self.chars[self.pos]
            self.pos += 1
            if ch in _OPEN:
                if self.peek() == "?":
                    raise self.fail(
                        "不支持“(?”开头的写法（前后查找、命名分组、标志等）；"
                        "几种说法任选其一请写 (甲|乙)",
                        start,
                    )
                branches = self.alternatives(depth + 1)
                if not self.peek() or self.peek() not in _CLOSE:
                    raise self.fail("括号没有配对：少了右括号“)”", start)
                self.pos += 1
                if not any(_has_text(branch) for branch in branches):
                    raise self.fail("括号里面要写字", start)
                items.append(_Item("group", branches=branches))
            elif ch in _LBRACKET:
                items.append(self.char_class(start))
            elif ch in _RBRACKET:
                raise self.fail("多了一个右方括号“]”，前面没有对应的左方括号", start)
            elif ch in _STAR:
                if depth:
                    raise self.fail("星号 * 不能写在括号里", start)
                items.append(_Item("gap"))
            elif ch == "?":
                self.optional(items, start)
            elif ch in _REJECTED:
                raise self.fail(_REJECTED[ch], start)
            else:
                items.extend(_literal(ch))
        return _tidy(items)

    def optional(self, items: list[_Item], at: int) -> None:
        if items and items[-1].kind == "break":
            return  # punctuation is optional anyway: "，?" means the same as "，"
        if not items or items[-1].kind == "gap":
            raise self.fail("问号 ? 前面要有一个字、一组括号或方括号", at)
        if items[-1].optional:
            raise self.fail("连着写了两个问号 ?", at)
        items[-1].optional = True  # items are still one per character typed (merged later)

    def char_class(self, start: int) -> _Item:
        chosen = ""
        while True:
            ch = self.peek()
            if not ch:
                raise self.fail("方括号没有配对：少了右方括号“]”", start)
            self.pos += 1
            if ch in _RBRACKET:
                break
            if ch in _LBRACKET:
                raise self.fail("方括号里不能再套方括号", self.pos - 1)
            if ch in "^-":
                raise self.fail("方括号里只写可以任选的字，不支持“^”和“-”", self.pos - 1)
            folded = fold(ch)
            if len(folded) != 1 or kind_of(folded) != "lit":
                raise self.fail("方括号里只能写单个的字，不能写标点或空格", self.pos - 1)
            if folded not in chosen:
                chosen += folded
        if not chosen:
            raise self.fail("方括号里面要写字", start)
        return _Item("class", chosen)


def _literal(ch: str) -> list[_Item]:
    items: list[_Item] = []
    for c in fold(ch):
        kind = kind_of(c)
        if kind == "lit":
            if items and items[-1].kind == "lit":
                items[-1].text += c
            else:
                items.append(_Item("lit", c))
        elif kind != "ignore":
            items.append(_Item("break"))
    return items


def _tidy(items: list[_Item]) -> list[_Item]:
    """Merge neighbouring literals and breaks; a break next to a gap is part of the gap."""
    tidy: list[_Item] = []
    for item in items:
        previous = tidy[-1] if tidy else None
        mergeable = previous and previous.kind == "lit" and not previous.optional
        if mergeable and item.kind == "lit" and not item.optional:
            previous.text += item.text
            continue
        if item.kind == "break" and previous and previous.kind in ("break", "gap"):
            continue
        if item.kind == "gap" and previous and previous.kind in ("break", "gap"):
            tidy[-1] = item
            continue
        tidy.append(item)
    return tidy


def _has_text(items: list[_Item]) -> bool:
    return any(item.kind not in ("break", "gap") for item in items)


def _strip_breaks(items: list[_Item]) -> list[_Item]:
    start, end = 0, len(items)
    while start < end and items[start].kind == "break":
        start += 1
    while end > start and items[end - 1].kind == "break":
        end -= 1
    return items[start:end]


@dataclass(frozen=True)
class Compiled:
    regex: str
    min_length: int


def compile_pattern(pattern: str) -> Compiled:
    """Compile one editor pattern into a regex source valid in Python `re` and JS `RegExp(u)`."""
    if not pattern.strip():
        raise PatternError("写法不能只有空白")
    parser = _Parser(pattern)
    branches = [_strip_breaks(branch) for branch in parser.parse()]
    for branch in branches:
        if branch and (branch[0].kind == "gap" or branch[-1].kind == "gap"):
            raise parser.fail("星号 * 只能写在两段文字中间，不能放在开头或结尾", 0)
        gaps = sum(item.kind == "gap" for item in branch)
        if gaps > MAX_GAPS:
            raise parser.fail(f"一种说法里最多用 {MAX_GAPS} 个星号 *", 0)
    if len(branches) > 1 and not all(_has_text(branch) for branch in branches):
        raise parser.fail("竖线“|”两边都要写字", 0)
    regex = "|".join(_seq_regex(branch) for branch in branches)
    shortest = min(_seq_min(branch) for branch in branches)
    if shortest < MIN_LENGTH:
        raise PatternError(
            f"写法“{pattern}”太短：最短只要 {shortest} 个字就算匹配，会把正常的话也标出来；"
            f"至少要有 {MIN_LENGTH} 个字"
        )
    try:
        re.compile(regex)
    except re.error as error:  # pragma: no cover - the parser only emits valid syntax
        raise PatternError(f"写法“{pattern}”无法编译：{error}") from None
    return Compiled(regex, shortest)


def literal_text(text: str) -> str:
    """A phrase's own text as a pattern: every character literal, trailing ……/。 dropped."""
    items: list[_Item] = []
    for ch in text:
        items.extend(_literal(ch))
    return _seq_regex(_strip_breaks(_tidy(items)))


def literal_min_length(text: str) -> int:
    return sum(len(c) for ch in text for c in fold(ch) if kind_of(c) == "lit")


def check_pattern(pattern: str) -> str:
    """Pydantic validator: the pattern must compile; the message names what is wrong."""
    compile_pattern(pattern)
    return pattern


# --- the spec and the Python matcher ----------------------------------------------------


def phrase_spec(
    ident: str,
    text: str,
    patterns: Iterable[str],
    exceptions: Iterable[str] = (),
    **extra: Any,
) -> dict[str, Any]:
    match: list[str] = []
    for source in (literal_text(text), *(compile_pattern(p).regex for p in patterns)):
        if source not in match:
            match.append(source)
    return {
        "id": ident,
        "text": text,
        **extra,
        "match": match,
        "except": [compile_pattern(p).regex for p in exceptions],
    }


def spec_classes() -> dict[str, str]:
    return {
        "newline": NEWLINE_CLASS,
        "stop": STOP_CLASS,
        "ignore": IGNORE_CLASS,
        "pause": PAUSE_CLASS,
    }


def build_spec(handbook: Handbook, href: Callable[[str], str] | None = None) -> dict[str, Any]:
    """Every phrase in handbook order, compiled: what the browser and the command both run."""
    from .links import chapter_url  # here, not at the top: model → this module → links → model

    phrases = []
    for entry in handbook.entries("phrase"):
        url = f"{chapter_url(handbook.chapter_of_id[entry.id])}#{entry.id}"
        phrases.append(
            phrase_spec(
                entry.id,
                entry.text,  # type: ignore[attr-defined]
                entry.patterns,  # type: ignore[attr-defined]
                entry.exceptions,  # type: ignore[attr-defined]
                reason=entry.reason,  # type: ignore[attr-defined]
                alternatives=list(entry.alternatives),  # type: ignore[attr-defined]
                url=url,
                href=href(entry.id) if href else url,
            )
        )
    return {"version": SPEC_VERSION, "classes": spec_classes(), "phrases": phrases}


@dataclass(frozen=True)
class Finding:
    phrase: str  # the phrase id
    start: int  # code-point offsets into the original text
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters (code points)
    text: str  # the original words that matched

    def key(self) -> tuple[str, int, int, str]:
        return (self.phrase, self.line, self.column, self.text)


class Matcher:
    """Runs a spec from `build_spec()` over text, exactly as `checker.js` does."""

    def __init__(self, spec: dict[str, Any]) -> None:
        if spec.get("version") != SPEC_VERSION:
            raise ValueError(f"unsupported phrase spec version {spec.get('version')!r}")
        if spec["classes"] != spec_classes():
            raise ValueError("phrase spec was built with different character classes")
        self.phrases = spec["phrases"]
        self._match = [[re.compile(s) for s in p["match"]] for p in self.phrases]
        self._except = [[re.compile(s) for s in p["except"]] for p in self.phrases]

    def find(self, text: str) -> list[Finding]:
        norm = normalise(text)
        candidates: list[tuple[int, int, int]] = []
        for order, regexes in enumerate(self._match):
            spans = [(m.start(), m.end()) for rx in regexes for m in rx.finditer(norm.text)]
            if not spans:
                continue
            exceptions = [
                (m.start(), m.end()) for rx in self._except[order] for m in rx.finditer(norm.text)
            ]
            for start, end in spans:
                if end > start and not any(s <= start and end <= e for s, e in exceptions):
                    candidates.append((start, end, order))
        candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
        kept: list[tuple[int, int, int]] = []
        for start, end, order in candidates:
            if all(end <= s or e <= start for s, e, _ in kept):
                kept.append((start, end, order))
        kept.sort()
        findings = []
        lines = _LineIndex(text)
        for start, end, order in kept:
            first, last = norm.starts[start], norm.ends[end - 1]
            line, column = lines.locate(first)
            findings.append(
                Finding(self.phrases[order]["id"], first, last, line, column, text[first:last])
            )
        return findings

    def phrase(self, ident: str) -> dict[str, Any]:
        return next(p for p in self.phrases if p["id"] == ident)


class _LineIndex:
    """Line and column (1-based, code points) of an offset; breaks: \\r\\n \\n \\r U+2028/9."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        index = 0
        while index < len(text):
            ch = text[index]
            if ch == "\r" and index + 1 < len(text) and text[index + 1] == "\n":
                index += 1
            if ch in "\r\n\u2028\u2029":
                self.starts.append(index + 1)
            index += 1

    def locate(self, offset: int) -> tuple[int, int]:
        low, high = 0, len(self.starts) - 1
        while low < high:  # the last line start at or before offset
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1, offset - self.starts[low] + 1
