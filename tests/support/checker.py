"""The phrase checker's test corpus and scoring, shared by tests and `scripts/bench_checker.py`.

The corpus (`tests/checker_corpus.yml`) is checked as one transcript, a sentence per line, by
the command line's matcher and by the real page in Chromium; findings are scored per line
against the labels: a (sentence, phrase) pair is a true positive when found and labelled.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.content.handbook import Handbook
from macros.content.phrase_spec import build_spec
from macros.content.yaml_source import FAST_LOADER
from macros.phrases.matcher import Matcher

from . import ROOT

CORPUS = ROOT / "tests" / "checker_corpus.yml"

# (phrase id, line, column, matched text): what both the browser and the command report.
Key = tuple[str, int, int, str]


@dataclass(frozen=True)
class Sentence:
    text: str
    phrases: frozenset[str]


def load_corpus(path: Path = CORPUS) -> list[Sentence]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
    return [Sentence(s["text"], frozenset(s["phrases"])) for s in data["sentences"]]


def transcript(sentences: list[Sentence]) -> str:
    return "\n".join(s.text for s in sentences)


def python_findings(handbook: Handbook, text: str) -> list[Key]:
    return [f.key() for f in Matcher(build_spec(handbook)).find(text)]


@dataclass
class Score:
    true_positives: int = 0
    false_positives: list[tuple[str, str]] = field(default_factory=list)  # (sentence, phrase)
    false_negatives: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_positives + len(self.false_negatives)
        return self.true_positives / labelled if labelled else 1.0

    def describe(self) -> str:
        lines = [f"precision {self.precision:.1%}, recall {self.recall:.1%}"]
        lines += [f"  wrongly found {p}: {s}" for s, p in self.false_positives]
        lines += [f"  missed {p}: {s}" for s, p in self.false_negatives]
        return "\n".join(lines)


def score(sentences: list[Sentence], findings: list[Key]) -> Score:
    found: dict[int, set[str]] = {}
    for phrase, line, _column, _text in findings:
        found.setdefault(line, set()).add(phrase)
    result = Score()
    for line, sentence in enumerate(sentences, start=1):
        got = found.get(line, set())
        result.true_positives += len(got & sentence.phrases)
        result.false_positives += [(sentence.text, p) for p in sorted(got - sentence.phrases)]
        result.false_negatives += [(sentence.text, p) for p in sorted(sentence.phrases - got)]
    return result


# --- the real page in the browser --------------------------------------------------------

STATUS = "[data-checker-status]"


def check_in_page(page: Any, text: str) -> None:
    """Type or paste text into the checker the way a person does, and wait for the result."""
    box = page.get_by_label("要检查的话")
    box.fill(text)
    box.press("End")
    page.wait_for_function(
        "t => document.querySelector('textarea').value === t && "
        "document.querySelector('[data-checker]').dataset.state !== undefined && "
        "document.querySelector('[data-checker-text]').textContent === t",
        arg=text,
    )


def page_findings(page: Any) -> list[Key]:
    marks = page.eval_on_selector_all(
        "[data-checker-text] mark",
        "ms => ms.map(m => [m.dataset.phrase, +m.dataset.line, +m.dataset.column, m.textContent])",
    )
    return [tuple(m) for m in marks]


# --- the command line -----------------------------------------------------------------------


def command_findings(text: str, tmp_path: Path) -> list[Key]:
    """Run the real command on the corpus as one transcript file, as a reviewer would."""
    path = tmp_path / "corpus.txt"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "macros", "phrases", str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr.decode()
    report = json.loads(result.stdout)
    return [(f["phrase"], f["line"], f["column"], f["text"]) for f in report["findings"]]


def long_transcript(seed: int = 8) -> str:
    """About 5,000 characters: corpus lines in a random order, as a long call would read."""
    lines = [s.text for s in load_corpus()]
    random.Random(seed).shuffle(lines)
    text = ""
    for index, line in enumerate(lines * 3):
        text += ("客户：" if index % 3 == 0 else "员工：") + line + "\n"
        if len(text) >= 5000:
            return text
    return text


# --- held-out batches ------------------------------------------------------------------------
# tests/checker_heldout<N>.yml: sentences written by someone who never saw the patterns, labelled
# only bad or fine. Scored per sentence: a bad sentence counts as found when the checker marks
# anything in it, a fine one as wrongly found when it marks anything. Each batch's first run is
# written once to benchmarks/checker_heldout<N>_first_run.json and never rewritten.

HELD_OUT = sorted(
    (ROOT / "tests").glob("checker_heldout*.yml"),
    key=lambda path: int(path.stem.removeprefix("checker_heldout")),
)


@dataclass(frozen=True)
class HeldOutScore:
    bad: int
    found: int  # bad sentences with a mark
    wrongly: int  # fine sentences with a mark

    @property
    def recall(self) -> float:
        return self.found / self.bad if self.bad else 1.0

    @property
    def precision(self) -> float:
        marked = self.found + self.wrongly
        return self.found / marked if marked else 1.0


def held_out_sentences(path: Path) -> list[tuple[str, bool]]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
    return [(item["text"], bool(item["bad"])) for item in data["sentences"]]


# What a held-out score counts: everything the checker marks, or one of its two parts alone.
LAYERS = ("both", "patterns", "tone")


def held_out_score(
    handbook: Handbook, path: Path, layer: str = "both"
) -> tuple[HeldOutScore, list[dict[str, Any]]]:
    spec = build_spec(handbook, tone=layer != "patterns")
    if layer == "tone":
        spec = {**spec, "phrases": []}  # the tone check alone scores every line
    matcher = Matcher(spec)
    rows = []
    for text, bad in held_out_sentences(path):
        rows.append({"text": text, "bad": bad, "found": [f.text for f in matcher.find(text)]})
    result = HeldOutScore(
        bad=sum(1 for row in rows if row["bad"]),
        found=sum(1 for row in rows if row["bad"] and row["found"]),
        wrongly=sum(1 for row in rows if not row["bad"] and row["found"]),
    )
    return result, rows
