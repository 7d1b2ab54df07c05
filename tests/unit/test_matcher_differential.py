"""Python and JavaScript find exactly the same phrases: generated text through both matchers.

`macros/phrases/` (the command line, the content checks) and `overrides/assets/js/checker-core.js`
(the 话术自查 page) implement one algorithm twice. Hypothesis writes texts from the pieces that
exercise it (phrase fragments, every class of punctuation, full-width forms, ignorable spaces,
astral and combining characters, line breaks of every kind); Node runs the JavaScript file
itself, one long-lived process for all examples.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.content.handbook import Handbook
from macros.content.phrase_spec import build_spec
from macros.phrases.matcher import Matcher
from macros.phrases.normalise import NL, PAUSE, STOP, UNICODE_VERSION, normalise
from macros.phrases.spec import PhraseSpec
from macros.phrases.tone import colons_in, turns

from ..support.node import NODE, LineProcess, node_script

TESTS = Path(__file__).resolve().parents[1]
SERVER = TESTS / "support" / "checker_core_server.js"
CORPUS = TESTS / "checker_corpus.yml"
WORDS = re.compile(f"[^{PAUSE}{STOP}{NL}]")  # what was said after a label (checker-core.js)

PUNCTUATION = list("，。！？；：、…—·“”‘’（）【】《》,.!?;:()[]<>/\\|*+-~@#%&=_'\"")
SPACES = [" ", "\u3000", "\t", "\u00a0", "\u200b", "\ufeff", "\u00ad", "\u2060"]
BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029"]
ODD = ["😀", "𠀀", "e\u0301", "Ａ", "ｂ", "１", "㈠", "⑵", "\uf967", "ｶ", "ﾞ", "ﬁ", "Ⅷ", "ß", "İ"]
ODD += ["自已", "自已经", "已", "自"]  # the slip read as meant (normalise.py), split anyhow
ODD += ["不知道", "不清楚啊", "等着"]  # whole sentences or clauses (a pattern's ^ and $)
# Who says a line of a pasted call record: the customer's lines are not checked.
SPEAKERS = [
    "客户：",
    "客户:",
    "顾客：",
    "来电人：",
    "坐席：",
    "员工:",
    " 客户：",
    "客户",
    "：客户：",
    "[00:01:07] 客户：",  # time stamps, as recording systems write them
    "10:02:05 坐席：",
    "客户 2026-12-01 10:02:05：",
    "员工10:02:",
    "。坐席：",  # a turn after a stop, on the same line
    "客服小王：",  # a staff label with a name
    "A：",  # speakers the checker does not know
    "小王 (10:02)：",
    "客户 00:00:04\n",  # a label on a line of its own
    "3\t09:15:20\t坐席\t",  # a spreadsheet's row
    'C01,2026-12-03 11:20:06,客户,,"',
]


@pytest.fixture(scope="session")  # once per worker, however tests interleave
def spec(handbook: Handbook) -> PhraseSpec:
    return build_spec(handbook)


@pytest.fixture(scope="session")  # once per worker, however tests interleave
def node(spec: PhraseSpec, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LineProcess]:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node not found: the differential test needs Node.js")
        pytest.skip("node not found")
    spec_file = tmp_path_factory.mktemp("spec") / "spec.json"
    spec_file.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    with node_script(SERVER, spec_file) as process:
        yield process


def fragments(spec: PhraseSpec) -> list[str]:
    """Pieces of every phrase and alternative: matches, near misses and exceptions."""
    pieces: set[str] = set()
    for phrase in spec["phrases"]:
        for text in (phrase["text"], *phrase.get("alternatives", [])):
            words = text.strip("。…！？")
            pieces.add(words)
            for size in (2, 3, 4):
                pieces.update(words[i : i + size] for i in range(0, len(words) - size + 1, size))
    return sorted(pieces)


def sentences() -> list[str]:
    """The labelled corpus: the ways staff really say each phrase, and near misses."""
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    return [sentence["text"] for sentence in corpus["sentences"]]


@pytest.fixture(scope="module")
def texts(spec: PhraseSpec) -> st.SearchStrategy[str]:
    noise = st.sampled_from(PUNCTUATION + SPACES + BREAKS + ODD)
    piece = st.one_of(
        st.sampled_from(fragments(spec)),
        noise,
        st.sampled_from([f"{line}{who}" for line in ("", *BREAKS) for who in SPEAKERS]),
        st.text(max_size=3),  # anything at all, surrogates aside
    )
    pieces = st.lists(piece, max_size=24).map("".join)
    # A real sentence with noise spliced in somewhere: phrases interrupted by punctuation,
    # spaces, full-width forms and line breaks, the cases where the two matchers could drift.
    spliced = st.tuples(st.sampled_from(sentences()), st.lists(noise, max_size=4), st.randoms())
    # Two on one line: a phrase in one sentence, the tone of the other scored alone.
    paired = st.lists(st.sampled_from(sentences()), min_size=2, max_size=3).map("。".join)
    return st.one_of(pieces, spliced.map(lambda t: _splice(*t)), paired)


def _splice(sentence: str, noise: list[str], random: Any) -> str:
    text = sentence
    for piece in noise:
        at = random.randrange(len(text) + 1)
        text = text[:at] + piece + text[at:]
    return text


def said(text: str) -> list[tuple[bool, bool]]:
    """Python's turns of `text`: whether each is the customer's, and has words after its label."""
    norm = normalise(text)
    return [
        (turn.customer, bool(WORDS.search(norm.text, turn.words, turn.end)))
        for turn in turns(norm.text, colons_in(text, norm))
    ]


@pytest.mark.long
def test_python_and_javascript_agree_on_generated_text(
    texts: st.SearchStrategy[str], spec: PhraseSpec, node: LineProcess
) -> None:
    matcher = Matcher(spec)

    @settings(
        max_examples=3000,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(texts)
    def agree(text: str) -> None:
        node.send(text)  # Node matches while Python does: the two overlap on two cores
        try:
            expected = [finding.key() for finding in matcher.find(text)]
            speakers = said(text)
        finally:  # read the answer even if Python failed: the next example must get its own
            answer = node.receive()
        assert [tuple(key) for key in answer["findings"]] == expected
        # Who says what, as the page shades it: the same turns, which cover the text.
        assert [(customer, words) for customer, words, _ in answer["turns"]] == speakers
        assert "".join(part for _, _, part in answer["turns"]) == text
        # A turn opens right after a stop or a line break: what normalising leaves out between
        # (a time stamp's bracket) goes with the turn after it.
        parts = [part for _, _, part in answer["turns"]]
        for before, after in itertools.pairwise(parts):
            assert normalise(before[-1]).text[-1:] in (STOP, NL), (before, after)
            assert normalise(after).text[:1] not in (STOP, NL), (before, after)

    agree()


def test_the_generated_texts_find_phrases(
    texts: st.SearchStrategy[str], spec: PhraseSpec, node: LineProcess
) -> None:
    """The comparison means something only if generated texts contain phrases to find."""
    matcher = Matcher(spec)
    found = 0

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(texts)
    def count(text: str) -> None:
        nonlocal found
        found += bool(matcher.find(text))

    count()
    assert found >= 50  # about a quarter of the texts hold a phrase


def test_the_unicode_version_of_nfkc_is_known() -> None:
    """NFKC in Python follows `unicodedata.unidata_version`; the README names it."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"Unicode {UNICODE_VERSION}" in readme
