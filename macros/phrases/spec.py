"""The compiled phrase spec: what the browser's checker and `Matcher` both run.

It is JSON: the build writes it to `checker/phrases.json`, which 话术自查 (and 对练's 对照)
fetch and `checker-core.js` reads, so its shape is a typed contract (`PhraseSpec`);
`SPEC_VERSION` changes when the shape or algorithm does.
Regexes may name word lists (`{名字}`); `lists` holds each list's regex once, and both matchers
fill the names in before compiling (`syntax.expand_lists`).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import Final, NotRequired, TypedDict

from .normalise import IGNORE_CLASS, NEWLINE_CLASS, PAUSE_CLASS, STOP_CLASS
from .syntax import LIST_REFERENCE, Lexicon, PatternCompiler, literal_text
from .tone import Openings, ToneModel

SPEC_VERSION: Final = 4


class SpecClasses(TypedDict):
    """Bodies of regex character classes: how each folded character is classified."""

    newline: str
    stop: str
    ignore: str
    pause: str


# One forbidden phrase, compiled. Functional syntax: "except" is a Python keyword.
Phrase = TypedDict(
    "Phrase",
    {
        "id": str,
        "text": str,
        "match": list[str],  # regex sources; any one finds the phrase
        "except": list[str],  # wordings that contain the phrase but are fine
        "reason": NotRequired[str],
        "alternatives": NotRequired[list[str]],
        "url": NotRequired[str],  # site-root URL of the entry, e.g. phrasing/#id
        "href": NotRequired[str],  # the same, relative to the 话术自查 page
    },
)


class ToneSpec(TypedDict):
    """The tone check (`tone.py`): what staff read when a line is marked, and the weights."""

    id: str
    kind: str  # "tone": the page and the command label it 语气, not 禁语
    text: str
    reason: str
    alternatives: list[str]
    url: str
    href: str
    model: ToneModel
    openings: Openings  # a call record line's speaker and time stamps (tone.py, openings)


class PhraseSpec(TypedDict):
    version: int
    classes: SpecClasses
    reference: str  # the regex that finds a list name in a regex: `{名字}`
    lists: dict[str, str]  # name → regex of the list's words, no references left
    phrases: list[Phrase]
    tone: NotRequired[ToneSpec]


def phrase_spec(
    ident: str,
    text: str,
    patterns: Iterable[str],
    exceptions: Iterable[str] = (),
    lists: Lexicon = MappingProxyType({}),
    compile: PatternCompiler | None = None,
    also: Iterable[str] = (),
) -> Phrase:
    """One phrase compiled: its own text always counts, then each pattern, then the texts
    `also` said as they are (its polite-sounding wrong replies); exceptions apart.
    `compile`: a compiler for `lists` that has seen the patterns already (the content load's)."""
    compile = compile or PatternCompiler(lists)
    match: list[str] = []
    said = [literal_text(other) for other in also]
    for source in (literal_text(text), *(compile(p).regex for p in patterns), *said):
        if source not in match:
            match.append(source)
    return {
        "id": ident,
        "text": text,
        "match": match,
        "except": [compile(p, exception=True).regex for p in exceptions],
    }


def spec_classes() -> SpecClasses:
    return {
        "newline": NEWLINE_CLASS,
        "stop": STOP_CLASS,
        "ignore": IGNORE_CLASS,
        "pause": PAUSE_CLASS,
    }


def make_spec(
    phrases: Iterable[Phrase],
    lists: Lexicon = MappingProxyType({}),
    tone: ToneSpec | None = None,
) -> PhraseSpec:
    spec: PhraseSpec = {
        "version": SPEC_VERSION,
        "classes": spec_classes(),
        "reference": LIST_REFERENCE,
        "lists": {name: word_list.regex for name, word_list in lists.items()},
        "phrases": list(phrases),
    }
    if tone is not None:
        spec["tone"] = tone
    return spec
