"""The fixture handbook (tests/fixtures/handbook) loads, builds, and has what behaviour tests use.

The checklist and quiz browser tests run on it instead of content/; if someone trims the fixture,
these tests say which feature went missing rather than a browser test failing obscurely.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.content.loader import load_content
from macros.content.model import Phrase, Question, Step

from .support.build import build_site
from .support.fixture import CONTENT, DOCS, fixture_handbook, fixture_project
from .support.html import page

pytestmark = pytest.mark.xdist_group("fixture_handbook")  # its tests share a build: one worker

BOOK = fixture_handbook()


def test_the_fixture_content_loads_and_is_small() -> None:
    handbook = load_content(CONTENT)
    assert set(handbook.chapters) >= {"phrasing"}  # the phrase checker is made from phrasing
    assert sum(1 for _ in handbook.entries()) <= 20, "keep the fixture small: it must build fast"
    for stem in handbook.chapters:
        assert (DOCS / f"{stem}.md").is_file(), f"docs/{stem}.md is missing"


@pytest.mark.build
def test_the_fixture_project_builds_every_page(tmp_path: Path) -> None:
    built = build_site(fixture_project(tmp_path / "project"), tmp_path / "site")
    assert built.ok, built.log
    urls = [
        "",
        *(f"{stem}/" for stem in BOOK.chapters),
        "checker/",
        "checklists/",
        "checklists/print/",
        *(f"checklists/{c.id}/" for c in BOOK.checklists.checklists),
        "quizzes/",
        *(f"quizzes/{q.id}/" for q in BOOK.quizzes.quizzes),
    ]
    for url in urls:
        assert (tmp_path / "site" / url / "index.html").is_file(), url
    # One checklist follows a procedure: its items are shown under the steps' names.
    grouped = [
        c
        for c in BOOK.checklists.checklists
        if all(isinstance(BOOK.get(item.refs[0]), Step) for item in c.items)
    ]
    assert grouped, "a checklist whose items' first refs are steps of one procedure"
    shown = page(tmp_path / "site", f"checklists/{grouped[0].id}/").source
    assert 'class="hb-check-group"' in shown
    # The empty search box's situations: one that opens a phrase card says not to say it.
    start = page(tmp_path / "site", "").source.split('<template id="hb-search-start">')[1]
    rows = start.split("</template>")[0].split("<li>")[1:]
    said = {re.findall(r'__text">([^<]*)<', row)[0]: "别说：" in row for row in rows}
    avoid = {s.text for s in BOOK.search.suggestions if isinstance(BOOK.get(s.ref), Phrase)}
    assert avoid and len(avoid) < len(said), "a suggestion opening a phrase card, and others"
    assert {text for text, marked in said.items() if marked} == avoid


def test_the_checklists_have_what_the_ticking_tests_need() -> None:
    checklists = BOOK.checklists.checklists
    assert len(checklists) >= 2, "ticks belong to one checklist; print-all needs several"
    first = checklists[0]
    assert len(first.items) >= 5, "the tests tick the first five items and the last"
    critical = [item for item in first.items if item.critical]
    assert 2 <= len(critical) < len(first.items), "some items critical, not all"


def test_the_quizzes_have_what_the_quiz_tests_need() -> None:
    quizzes = BOOK.quizzes.quizzes
    assert any(q.mixed for q in quizzes), "a mixed quiz"
    chapter_quizzes = [q for q in quizzes if q.mixed is None]

    def questions(quiz_id: str) -> list[Question]:
        return [item.question for item in BOOK.questions_of(quiz_id)]

    with_multiple = [
        q for q in chapter_quizzes if any(x.type == "multiple" for x in questions(q.id))
    ]
    assert with_multiple, "a chapter quiz with a multiple-choice question"
    # Retrying reorders every question's options: with three or more that is never a no-op.
    assert all(len(x.choices) >= 3 for x in questions(with_multiple[0].id))
    others = [q for q in chapter_quizzes if q.id != with_multiple[0].id]
    assert others, "a second chapter quiz"
    short = min(others, key=lambda q: len(questions(q.id)))
    assert 3 <= len(questions(short.id)) <= 6, "a short quiz of about five questions"
    # The review shows a question's first line; a one-line question reads the same there.
    assert all("\n" not in x.question for x in questions(short.id))
    kinds = {item.drill is None for q in chapter_quizzes for item in BOOK.questions_of(q.id)}
    assert kinds == {True, False}, "hand-written questions and drills"
