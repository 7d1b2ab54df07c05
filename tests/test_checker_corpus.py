"""The labelled corpus: well-formed, and ≥ 95% precision and recall on the command line. The
browser (the real 话术自查 page in Chromium) finds exactly what the command line finds on this
corpus (tests/test_checker_identity.py), so its figures are the same."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from macros.content.handbook import Handbook
from macros.content.phrase_spec import TONE_ID

from .support.checker import (
    Sentence,
    command_findings,
    load_corpus,
    score,
    transcript,
)

THRESHOLD = 0.95


@pytest.fixture(scope="module")
def corpus() -> list[Sentence]:
    return load_corpus()


def test_the_corpus_is_big_labelled_and_covers_every_phrase(
    corpus: list[Sentence], handbook: Handbook
) -> None:
    phrase_ids = {e.id for e in handbook.entries("phrase")}
    phrase_ids.add(TONE_ID)  # a brush-off only its tone gives away
    assert len(corpus) >= 60
    assert sum(1 for s in corpus if not s.phrases) >= 30, "too few sentences without a phrase"
    texts = [s.text for s in corpus]
    assert [t for t, n in Counter(texts).items() if n > 1] == []
    assert [t for t in texts if "\n" in t or not t.strip()] == []
    labels = Counter(p for s in corpus for p in s.phrases)
    assert set(labels) - phrase_ids == set(), "labels that are not phrase ids"
    # A phrase with examples has at least three; a phrase an editor has just added may have
    # none yet (the content check already proves its own text is found), but the corpus as a
    # whole keeps up: nearly every phrase has examples.
    assert {p for p in phrase_ids if 0 < labels[p] < 3} == set(), "phrases with 1 or 2 examples"
    covered = sum(1 for p in phrase_ids if labels[p]) / len(phrase_ids)
    assert covered >= 0.9, f"only {covered:.0%} of the phrases have example sentences"


def test_command_line_precision_and_recall(corpus: list[Sentence], tmp_path: Path) -> None:
    result = score(corpus, command_findings(transcript(corpus), tmp_path))
    assert result.precision >= THRESHOLD and result.recall >= THRESHOLD, result.describe()
