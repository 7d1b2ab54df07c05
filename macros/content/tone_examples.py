"""What the tone check learns from: labelled sentences, as units (`phrases/tone.py`).

The labelled corpus (staff sentences marked with the phrases they say, or none) and the
handbook's own wording: every phrase and 忌说 example is a brush-off, everything the handbook
tells staff to say is not. Held-out batches are never learned from: they measure it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from ..phrases.normalise import PAUSE, STOP, normalise
from .approved_wording import entry_lines, tone_note_lines
from .handbook import Handbook
from .model import Dialogue, Phrase, Rewrite


def unit_of(text: str) -> str:
    """A sentence as the tone check scores it: normalised, no pause or stop at either end."""
    return normalise(text).text.replace("\n", PAUSE).strip(PAUSE + STOP)


def corpus_examples(path: Path) -> Iterator[tuple[str, bool]]:
    """tests/checker_corpus.yml: a sentence is a brush-off when it is labelled with a phrase."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for sentence in data["sentences"]:
        yield sentence["text"], bool(sentence["phrases"])


def handbook_examples(handbook: Handbook) -> Iterator[tuple[str, bool]]:
    """What the handbook says not to say (True) and what it tells staff to say (False), entry by
    entry (the order the weights were learned in)."""
    for entry in handbook.entries():
        if isinstance(entry, Phrase):
            yield entry.text, True
        elif isinstance(entry, Rewrite):
            yield from ((text, True) for text in entry.avoid)
        elif isinstance(entry, Dialogue):
            yield entry.reply, True
        yield from ((line.text, False) for line in entry_lines(entry))
    yield from ((line.text, False) for line in tone_note_lines(handbook))


def _units(labelled: Iterable[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Every example once (the first label wins), as units, in a fixed order. A fine example
    is fine in each of its sentences, which the check scores one by one (您是第一次来吧？ asks,
    with or without 我教您 after it); a brush-off is learned whole, not knowing which of its
    sentences brushes off."""
    seen: dict[str, bool] = {}
    for text, bad in labelled:
        unit = unit_of(text)
        for part in [unit] if bad else unit.split(STOP):
            part = part.strip(PAUSE + STOP)
            if part:
                seen.setdefault(part, bad)
    return list(seen.items())


def examples(handbook: Handbook, corpus: Path) -> list[tuple[str, bool]]:
    """What the weights are learned from: the corpus first, then the handbook's wording."""
    return _units((*corpus_examples(corpus), *handbook_examples(handbook)))


def corpus_units(corpus: Path) -> list[tuple[str, bool]]:
    """The corpus alone: what the weights' fingerprint covers. The handbook's wording changes
    with every editor's pull request; weights learned from a slightly older handbook stay
    valid (the editors' check holds every recommended line to the checker, tone included),
    so only a change of the corpus, which developers own, asks for them to be learned again."""
    return _units(corpus_examples(corpus))
