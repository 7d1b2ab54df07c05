"""`Compiled.needs`: the characters every match of a pattern contains. Content validation skips
compiling a phrase's regexes for an alternative that lacks them (macros/content/model.py), so
they must hold for every match: a character listed that a match can lack would let an
alternative the checker marks pass validation."""

from __future__ import annotations

import re

import pytest

from macros.content.handbook import Handbook
from macros.content.model import Phrase
from macros.phrases.normalise import normalise
from macros.phrases.syntax import compile_pattern, literal_needs, literal_text

from ..support.checker import load_corpus


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        ("不关我的事", "不关我的事"),
        ("这事?不关我的?事", "这不关我事"),  # optional characters are not needed
        ("(不|没)关系", "关系"),  # one of two is not needed either
        ("你(肯定|一定)*弄混了", "你定弄混了"),  # in every branch: needed
        ("(你一定|你肯定)弄错", "你定弄错"),
        ("[你您]搞错了", "搞错了"),
        ("[您]搞错了", "您搞错了"),
        ("ＡＢ（ｃ|ｃｄ）", "abc"),  # folded as the text is
        ("甲乙|丙丁", ""),
    ],
)
def test_what_a_pattern_needs(pattern: str, needs: str) -> None:
    assert compile_pattern(pattern).needs == frozenset(needs)


def test_every_match_in_the_content_and_the_corpus_has_what_its_pattern_needs(
    handbook: Handbook,
) -> None:
    texts = [normalise(s.text).text for s in load_corpus()]
    checked = 0
    for phrase in handbook.entries("phrase"):
        assert isinstance(phrase, Phrase)
        own = [normalise(t).text for t in (phrase.text, *phrase.alternatives)]
        compiled = [(literal_text(phrase.text), literal_needs(phrase.text))]
        compiled += [(c.regex, c.needs) for c in map(compile_pattern, phrase.patterns)]
        for regex, needs in compiled:
            for text in own + texts:
                for match in re.finditer(regex, text):
                    assert needs <= set(match.group()), (phrase.id, regex, match.group())
                    checked += 1
    assert checked > 500
