"""`Compiled.needs`: what every match of a pattern contains, as clauses of characters (each match
holds one character of each clause). Content validation compiles and runs only the regexes
whose needs an alternative meets (macros/content/model.py), so the needs must hold for every
match: a clause a match can miss would let an alternative the checker marks pass validation."""

from __future__ import annotations

import re

import pytest

from macros.content.handbook import Handbook
from macros.content.model import Phrase
from macros.phrases.normalise import normalise
from macros.phrases.syntax import (
    compile_lists,
    compile_pattern,
    expand_lists,
    literal_needs,
    literal_text,
    satisfies,
)

from ..support.checker import load_corpus

LISTS = compile_lists({"我方": ["我们?", "俺"], "不管": ["不(管|归)", "管不[着了]"]})


def clauses(*groups: str) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(group) for group in groups)


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        ("不关我的事", clauses(*"不关我的事")),
        ("这事?不关我的?事", clauses(*"这不关我事")),  # optional characters are not needed
        ("(不|没)关系", clauses("不没", "关", "系")),  # one of two is
        ("你(肯定|一定)*弄混了", clauses(*"你定弄混了", "一定")),  # 定 or a shortest clause of each
        ("[你您]搞错了", clauses("你您", *"搞错了")),
        ("ＡＢ（ｃ|ｃｄ）", clauses(*"abc")),  # folded as the text is
        ("甲乙|丙丁", clauses("乙丁")),
        ("(甲|乙丙)丁", clauses("甲丙", "丁")),
        ("{我方}说了算", clauses("我俺", *"说了算")),
        ("这{不管}", clauses("这", "不")),  # 不管 / 不归 / 管不着 / 管不了
        ("这个?(事)?吧", clauses("这", "吧")),
    ],
)
def test_what_a_pattern_needs(pattern: str, needs: frozenset[frozenset[str]]) -> None:
    assert compile_pattern(pattern, lists=LISTS).needs == needs


def test_text_without_a_needed_character_is_not_searched() -> None:
    needs = compile_pattern("{我方}不管", lists=LISTS).needs
    assert satisfies(set("俺不管"), needs)
    assert not satisfies(set("他们不管"), needs)


def test_every_match_in_the_content_and_the_corpus_has_what_its_pattern_needs(
    handbook: Handbook,
) -> None:
    lists = handbook.checker.lexicon
    regexes = {name: word_list.regex for name, word_list in lists.items()}
    corpus = "\n".join(normalise(s.text).text for s in load_corpus())
    checked = 0
    for phrase in handbook.entries("phrase"):
        assert isinstance(phrase, Phrase)
        own = "\n".join(normalise(t).text for t in (phrase.text, *phrase.alternatives))
        compiled = [(literal_text(phrase.text), literal_needs(phrase.text))]
        compiled += [
            (c.regex, c.needs)
            for c in (
                *(compile_pattern(p, lists=lists) for p in phrase.patterns),
                *(compile_pattern(p, exception=True, lists=lists) for p in phrase.exceptions),
            )
        ]
        for regex, needs in compiled:
            for match in re.finditer(expand_lists(regex, regexes), f"{own}\n{corpus}"):
                assert satisfies(set(match.group()), needs), (phrase.id, regex, match.group())
                checked += 1
    assert checked > 1000
