"""What the tone check learns from: labelled sentences, as units (`phrases/tone.py`).

The labelled corpus (staff sentences marked with the phrases they say, or none) and the
handbook's own wording: every phrase and 忌说 example is a brush-off, everything the handbook
tells staff to say is not. Held-out batches are never learned from: they measure it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from ..phrases.normalise import PAUSE, STOP, normalise
from .handbook import Handbook
from .model import ApprovedPhrase, Dialogue, Method, Objection, Phrase, Procedure, Rewrite


def unit_of(text: str) -> str:
    """A sentence as the tone check scores it: normalised, no pause or stop at either end."""
    return normalise(text).text.replace("\n", PAUSE).strip(PAUSE + STOP)


def corpus_examples(path: Path) -> Iterator[tuple[str, bool]]:
    """tests/checker_corpus.yml: a sentence is a brush-off when it is labelled with a phrase."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for sentence in data["sentences"]:
        yield sentence["text"], bool(sentence["phrases"])


def handbook_examples(handbook: Handbook) -> Iterator[tuple[str, bool]]:
    """What the handbook says not to say (True) and what it tells staff to say (False)."""
    for entry in handbook.entries():
        if isinstance(entry, Phrase):
            yield entry.text, True
            yield from ((text, False) for text in entry.alternatives)
        elif isinstance(entry, Rewrite):
            yield from ((text, True) for text in entry.avoid)
            yield from ((text, False) for text in entry.say)
        elif isinstance(entry, ApprovedPhrase):
            yield entry.text, False
        elif isinstance(entry, Dialogue):
            yield entry.reply, True
            yield entry.better, False
        elif isinstance(entry, Objection):
            yield entry.reply, False
        elif isinstance(entry, Method):
            yield from ((turn.text, False) for turn in entry.example if turn.who == "员工")
        elif isinstance(entry, Procedure):
            yield from ((line, False) for step in entry.steps for line in step.say)
    yield from ((text, False) for text in handbook.checker.tone.alternatives)


def examples(handbook: Handbook, corpus: Path) -> list[tuple[str, bool]]:
    """Every example once (the first label wins), as units, in a fixed order."""
    seen: dict[str, bool] = {}
    for text, bad in (*corpus_examples(corpus), *handbook_examples(handbook)):
        unit = unit_of(text)
        if unit.strip(PAUSE + STOP):
            seen.setdefault(unit, bad)
    return list(seen.items())
