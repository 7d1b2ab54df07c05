"""Pooled judgments count a result only when every judge, two at least, found it answering."""

from __future__ import annotations

from pathlib import Path

from tests.support.search import Query, load_judgments, with_judgments

ROWS = """\
- {q: 太贵了, id: ling-yi-tiao, role: engine, grades: {j1: 2, j2: 2}}
- {q: 太贵了, id: bie-de-tiao, role: engine, grades: {j1: 2, j2: 1}}
- {q: 太贵了, id: xie-de-tiao, role: writer, grades: {j1: 2, j2: 2}}
- {q: 退费, id: tuikuan-tiao, role: engine, grades: {j1: 2}}
"""


def test_only_unanimous_grades_of_two_judges_or_more_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "judgments.yml"
    path.write_text(ROWS, encoding="utf-8")
    queries = [
        Query("太贵了", ("xie-de-tiao",)),
        Query("退费", ("tuikuan",)),
        Query("别的", ("x",)),
    ]
    judged = with_judgments(queries, load_judgments(path))
    assert judged == [
        Query("太贵了", ("xie-de-tiao", "ling-yi-tiao")),
        Query("退费", ("tuikuan",)),
        Query("别的", ("x",)),
    ]


def test_no_judgments_file_changes_nothing(tmp_path: Path) -> None:
    queries = [Query("太贵了", ("xie-de-tiao",))]
    assert with_judgments(queries, load_judgments(tmp_path / "missing.yml")) == queries
