"""A long quiz prints in parts (macros/render/quizzes.py paper_parts): every question in exactly
one part, in order, none longer than a trainer asked for, as few parts as that allows and of
about equal size."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from macros.render.quizzes import paper_parts


@given(count=st.integers(1, 400), most=st.integers(5, 60))
def test_parts_cover_the_quiz_in_order_evenly_and_as_few_as_can_be(count: int, most: int) -> None:
    parts = paper_parts(count, most)
    if count <= most:
        assert parts == []
        return
    assert [p.number for p in parts] == list(range(1, len(parts) + 1))
    assert parts[0].first == 1 and parts[-1].last == count
    assert all(b.first == a.last + 1 for a, b in pairwise(parts))
    sizes = [p.count for p in parts]
    assert max(sizes) <= most and max(sizes) - min(sizes) <= 1
    assert (len(parts) - 1) * most < count  # one part fewer could not hold them


def test_a_part_says_which_it_is_and_which_questions_it_holds() -> None:
    second = paper_parts(69, 25)[1]
    assert (second.label, second.questions, second.count) == ("第 2 份", "第 24–46 题", 23)
