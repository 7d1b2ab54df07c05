"""Steps 2–5 of matching in Python: run a compiled spec over text, report findings by position.

`overrides/assets/js/checker-core.js` is the browser's copy of exactly this algorithm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalise import normalise
from .spec import SPEC_VERSION, Phrase, PhraseSpec, ToneSpec, spec_classes
from .syntax import LIST_REFERENCE, expand_lists, trim_edges
from .tone import Turn, colons_in, openings, score, table, turns, units


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
    """Runs a compiled spec over text, exactly as `checker-core.js` does."""

    def __init__(self, spec: PhraseSpec) -> None:
        if spec.get("version") != SPEC_VERSION:
            raise ValueError(f"unsupported phrase spec version {spec.get('version')!r}")
        if spec["classes"] != spec_classes():
            raise ValueError("phrase spec was built with different character classes")
        if spec["reference"] != LIST_REFERENCE:
            raise ValueError("phrase spec was built with a different list reference")
        self.phrases = spec["phrases"]
        lists = spec["lists"]
        self._match = [
            [re.compile(expand_lists(s, lists)) for s in p["match"]] for p in self.phrases
        ]
        self._except = [
            [re.compile(expand_lists(s, lists)) for s in p["except"]] for p in self.phrases
        ]
        self.tone: ToneSpec | None = spec.get("tone")
        if self.tone and self.tone["openings"] != openings():
            raise ValueError("phrase spec was built with different call record line openings")
        self._tone_weights = table(self.tone["model"]) if self.tone else {}

    def find(self, text: str) -> list[Finding]:
        norm = normalise(text)
        said = turns(norm.text, colons_in(text, norm)) if self.tone else []
        candidates = self._candidates(norm.text, said)
        candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
        kept: list[tuple[int, int, int]] = []
        for start, end, order in candidates:
            if all(end <= s or e <= start for s, e, _ in kept):
                kept.append((start, end, order))
        kept.sort()
        found = [(start, end, self.phrases[order]["id"]) for start, end, order in kept]
        found = sorted(found + self._tone(norm.text, kept, said))
        findings = []
        lines = _LineIndex(text)
        for start, end, ident in found:
            first, last = norm.starts[start], norm.ends[end - 1]
            line, column = lines.locate(first)
            findings.append(Finding(ident, first, last, line, column, text[first:last]))
        return findings

    def _candidates(self, text: str, said: list[Turn]) -> list[tuple[int, int, int]]:
        """Every match of every card in normalised `text` outside its exceptions and the
        customer's quoted words: (start, end, the card's order), overlapping ones too."""
        quoted = [(turn.opening, turn.end) for turn in said if turn.customer]
        candidates: list[tuple[int, int, int]] = []

        def edges(match: re.Match[str]) -> tuple[int, int]:
            return trim_edges(text, match.start(), match.end())

        for order, regexes in enumerate(self._match):
            spans = [edges(m) for rx in regexes for m in rx.finditer(text)]
            if not spans:
                continue
            exceptions = [edges(m) for rx in self._except[order] for m in rx.finditer(text)]
            for start, end in spans:
                excused = any(s <= start and end <= e for s, e in exceptions)
                said_by_customer = any(s <= start < e for s, e in quoted)
                if end > start and not excused and not said_by_customer:
                    candidates.append((start, end, order))
        return candidates

    def spans(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Where each card's patterns match in `text`, before overlapping finds give way to
        the longest (what `find` reports): for the editors' check, not the browser's twin."""
        norm = normalise(text)
        said = turns(norm.text, colons_in(text, norm)) if self.tone else []
        found: dict[str, list[tuple[int, int]]] = {}
        for start, end, order in self._candidates(norm.text, said):
            found.setdefault(self.phrases[order]["id"], []).append((start, end))
        return found

    def _tone(
        self, text: str, kept: list[tuple[int, int, int]], said: list[Turn]
    ) -> list[tuple[int, int, str]]:
        """Step 4: units where no phrase was found and whose tone score passes the threshold;
        of a unit that does not pass whole, or has a phrase, each sentence without a phrase
        that passes alone (a phrase found in one sentence must not hide a brush-off in the
        next: 这个不归我管，你去找别人。我们这里就是这个规定。)."""
        if self.tone is None:
            return []
        model = self.tone["model"]
        found = []
        taken = sorted((s, e) for s, e, _ in kept)  # disjoint: their ends are in order too
        index = 0
        for whole, sentences in units(text, model, said):
            while index < len(taken) and taken[index][1] <= whole[0]:
                index += 1
            inside: list[tuple[int, int]] = []
            while index + len(inside) < len(taken) and taken[index + len(inside)][0] < whole[1]:
                inside.append(taken[index + len(inside)])
            if not inside and self._passes(text, whole):
                found.append((*whole, self.tone["id"]))
                continue
            for sentence in sentences:
                clear = all(e <= sentence[0] or sentence[1] <= s for s, e in inside)
                if clear and self._passes(text, sentence):
                    found.append((*sentence, self.tone["id"]))
        return found

    def _passes(self, text: str, span: tuple[int, int]) -> bool:
        start, end = span
        if self.tone is None:
            return False
        return (
            score(self._tone_weights, self.tone["model"], text[start:end])
            > self.tone["model"]["threshold"]
        )

    def phrase(self, ident: str) -> Phrase | ToneSpec:
        if self.tone is not None and ident == self.tone["id"]:
            return self.tone
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
