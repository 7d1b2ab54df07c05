"""Quiz pages: one question at a time on a phone, a worksheet with an answer key on paper.

A chapter quiz takes the hand-written questions of `content/quizzes.yml` whose `ref` lies in
its chapters, plus the drills (macros/drills.py) generated from those chapters. A mixed quiz
(`mixed: N`) takes N questions from every chapter. Python decides which questions, their
order and numbering; the templates under `templates/quizzes/` only print them.

The correct answers are in the page only inside the answer key, which is hidden on screen
(and left out of the search index) and printed on its own page; quiz.js reads it after the
reader has confirmed an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from . import drills
from .links import chapter_url, quiz_url
from .loader import Handbook
from .model import Question, Quiz
from .problems import ContentError, Problem
from .render import Link, Renderer

TYPE_LABELS = {"single": "单选", "multiple": "多选", "truefalse": "判断"}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class QuizQuestion:
    question: Question
    chapter: str  # content file the question is about, e.g. "phrasing"
    drill: str | None = None  # the generator that built it; None when hand-written


@dataclass(frozen=True)
class QuizSet:
    """Every quiz with its questions, in the order they are asked and printed."""

    handbook: Handbook
    questions: dict[str, list[QuizQuestion]]

    def of(self, quiz_id: str) -> list[QuizQuestion]:
        return self.questions[quiz_id]


def _chapter_questions(handbook: Handbook, quiz: Quiz) -> list[QuizQuestion]:
    own = [
        QuizQuestion(q, handbook.chapter_of_id[q.ref])
        for q in handbook.quizzes.questions
        if handbook.chapter_of_id.get(q.ref) in quiz.chapters
    ]
    made = [
        QuizQuestion(d.question, handbook.chapter_of_id[d.question.ref], d.generator)
        for d in drills.generate(handbook, quiz.drills, quiz.chapters)
    ]
    return [*own, *made]


def _shuffled(seed: str, questions: list[QuizQuestion]) -> list[QuizQuestion]:
    """A stable mix: hand-written and generated questions interleaved, the same every build."""
    return sorted(questions, key=lambda q: drills.digest(seed, q.question.id))


def _mixed(handbook: Handbook, quiz: Quiz, pool: list[QuizQuestion]) -> list[QuizQuestion]:
    count = quiz.mixed or 0
    by_chapter: dict[str, list[QuizQuestion]] = {}
    for item in pool:
        by_chapter.setdefault(item.chapter, []).append(item)
    picked = []
    for stem in handbook.chapters:
        picked += _shuffled(quiz.id, by_chapter.get(stem, []))[:count]
    return picked


def _problems(handbook: Handbook, questions: dict[str, list[QuizQuestion]]) -> list[Problem]:
    problems = []
    known = list(handbook.chapters)
    written = {q.id: q for q in handbook.quizzes.questions}
    for quiz in handbook.quizzes.quizzes:
        for name in quiz.chapters:
            if name not in handbook.chapters:
                problems.append(
                    Problem(
                        quiz.where,
                        f"chapters 里的“{name}”不是章节；可用的章节：{'、'.join(known)}",
                    )
                )
        seen: set[str] = set()
        for item in questions[quiz.id]:
            ident = item.question.id
            if ident in seen and ident in written:
                problems.append(
                    Problem(
                        written[ident].where,
                        f"题目 id “{ident}” 和自动生成的题目重名了，请换一个 id",
                    )
                )
            seen.add(ident)
        if not questions[quiz.id]:
            problems.append(Problem(quiz.where, f"自测“{quiz.title}”一道题也没有"))
    return problems


def build(handbook: Handbook) -> QuizSet:
    """All quizzes with their questions; raises ContentError naming the quiz in quizzes.yml."""
    questions: dict[str, list[QuizQuestion]] = {}
    pool: dict[str, QuizQuestion] = {}
    for quiz in handbook.quizzes.quizzes:
        if quiz.mixed is None:
            items = _chapter_questions(handbook, quiz)
            questions[quiz.id] = _shuffled(quiz.id, items)
            for item in items:
                pool.setdefault(item.question.id, item)
    for question in handbook.quizzes.questions:  # also those no chapter quiz covers
        pool.setdefault(question.id, QuizQuestion(question, handbook.chapter_of_id[question.ref]))
    for quiz in handbook.quizzes.quizzes:
        if quiz.mixed is not None:
            questions[quiz.id] = _shuffled(quiz.id, _mixed(handbook, quiz, list(pool.values())))
    problems = _problems(handbook, questions)
    if problems:
        raise ContentError(problems)
    return QuizSet(handbook, questions)


_cache: tuple[Handbook, QuizSet] | None = None


def quiz_set(handbook: Handbook) -> QuizSet:
    """`build()` once per loaded handbook: every quiz page and the index share it."""
    global _cache
    if _cache is None or _cache[0] is not handbook:
        _cache = (handbook, build(handbook))  # validated before the build (macros/validate.py)
    return _cache[1]


# --- view models --------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownOption:
    key: str  # value of the input: the option's letter in the printed order, lower case
    letter: str
    text: str
    correct: bool


@dataclass(frozen=True)
class ShownQuestion:
    id: str
    number: int
    kind: str
    multiple: bool
    prompt: list[str]  # first line: the question; further lines: a dialogue or a description
    options: list[ShownOption]
    explanation: str
    see: Link
    see_chapter: str

    @property
    def input(self) -> str:
        return "checkbox" if self.multiple else "radio"

    @property
    def answer_keys(self) -> str:
        return " ".join(o.key for o in self.options if o.correct)

    @property
    def answer_letters(self) -> str:
        return "、".join(o.letter for o in self.options if o.correct)


def shown(renderer: Renderer, number: int, item: QuizQuestion) -> ShownQuestion:
    question = item.question
    options = [
        ShownOption(LETTERS[i].lower(), LETTERS[i], option.text, option.correct)
        for i, option in enumerate(question.choices)
    ]
    return ShownQuestion(
        id=question.id,
        number=number,
        kind=TYPE_LABELS[question.type],
        multiple=question.type == "multiple",
        prompt=question.question.split("\n"),
        options=options,
        explanation=question.explanation,
        see=renderer.link(question.ref),
        see_chapter=renderer.handbook.chapters[item.chapter].title,
    )


@dataclass(frozen=True)
class ChapterLink:
    href: Markup
    title: str


def _chapters_of(renderer: Renderer, items: list[QuizQuestion]) -> list[ChapterLink]:
    stems = {item.chapter for item in items}
    return [
        ChapterLink(Markup(renderer.links.href_page(chapter_url(stem))), chapter.title)
        for stem, chapter in renderer.handbook.chapters.items()
        if stem in stems
    ]


def render_index(renderer: Renderer) -> str:
    quizzes = quiz_set(renderer.handbook)
    rows: list[dict[str, Any]] = []
    for quiz in renderer.handbook.quizzes.quizzes:
        items = quizzes.of(quiz.id)
        rows.append(
            {
                "quiz": quiz,
                "href": Markup(renderer.links.href_page(quiz_url(quiz.id))),
                "count": len(items),
                "chapters": _chapters_of(renderer, items),
            }
        )
    return renderer.render("quizzes/index.html", file=renderer.handbook.quizzes, rows=rows)


def render_page(renderer: Renderer, ident: str) -> str:
    quizzes = quiz_set(renderer.handbook)
    quiz = next(q for q in renderer.handbook.quizzes.quizzes if q.id == ident)
    items = quizzes.of(quiz.id)
    return renderer.render(
        "quizzes/page.html",
        quiz=quiz,
        questions=[shown(renderer, n, item) for n, item in enumerate(items, 1)],
        chapters=_chapters_of(renderer, items),
        index_href=Markup(renderer.links.href_page("quizzes/")),
    )
