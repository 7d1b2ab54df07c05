"""Word classes search matches as one word: synonym groups, and search-only concepts."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from macros.content.synonyms import SynonymsFile


def test_a_concept_naming_a_group_word_joins_that_group() -> None:
    synonyms = SynonymsFile(
        groups=[["发火", "生气"], ["道歉", "抱歉"]],
        concepts=[["骂", "吼", "发火"], ["联通", "电信", "别家"]],
    )
    assert synonyms.search_classes() == [
        ["发火", "生气", "骂", "吼"],
        ["道歉", "抱歉"],
        ["联通", "电信", "别家"],
    ]
    assert synonyms.expand(["发火"]) == ["生气"]  # concepts are never shown as chips


def test_a_concept_may_not_join_two_groups() -> None:
    with pytest.raises(ValidationError, match="只能并入一组"):
        SynonymsFile(groups=[["发火", "生气"], ["道歉", "抱歉"]], concepts=[["发火", "道歉"]])


def test_a_word_belongs_to_one_concept() -> None:
    with pytest.raises(ValidationError, match="每个词只能属于一组"):
        SynonymsFile(groups=[["a", "b"]], concepts=[["骂", "吼"], ["吼", "嚷"]])
