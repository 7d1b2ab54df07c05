"""Quiz assembly: which questions each quiz asks, in which order; part of validating content.

A chapter quiz takes the hand-written questions of `content/quizzes.yml` whose `ref` lies in
its chapters, plus the drills (`drills.py`) generated from those chapters. A mixed quiz
(`mixed: N`) takes N questions from every chapter for staff (not the trainers' course
material), chosen so that its right answers spread over the letters. The order is a stable
shuffle, the same every build. A sheet leaves out a question that another on it would give
away (`giveaways.py`): of the two, the hand-written one or the one earlier in the content
stays. An empty quiz or a question id that clashes with a generated one is a content problem
like any other; an unknown chapter is the loader's (`_check_quiz_chapters`), reported with
every other problem before any quiz is assembled.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import drills
from .giveaways import Sheet, sheet_of
from .handbook import Handbook, QuizQuestion
from .model import Question, Quiz
from .problems import Problem


def _as_asked(handbook: Handbook) -> list[Question]:
    """The hand-written questions, each single-choice one's right option moved so that a
    chapter's answers spread over the letters, as the drills' do: as written, a trainer's
    count of the keys found B 17 times, C 17, A 8 and D twice. `keep_order` keeps an order of
    the options' own."""
    written = handbook.quizzes.questions
    movable = [(("written", handbook.chapter_of_id[q.ref]), q) for q in written if not q.keep_order]
    moved = {q.id: q for q in drills.spread_right_answers(movable)}
    return [moved.get(q.id, q) for q in written]


def _chapter_questions(
    handbook: Handbook, quiz: Quiz, written: list[Question]
) -> list[QuizQuestion]:
    own = [
        QuizQuestion(q, handbook.chapter_of_id[q.ref])
        for q in written
        if handbook.chapter_of_id.get(q.ref) in quiz.chapters
    ]
    made = [
        QuizQuestion(
            d.question, handbook.chapter_of_id[d.question.ref], d.generator, d.clues, d.stem_clues
        )
        for d in drills.generate(handbook, quiz.drills, quiz.chapters)
    ]
    return [*own, *made]


def _shuffled(seed: str, questions: list[QuizQuestion]) -> list[QuizQuestion]:
    """A stable mix: hand-written and generated questions interleaved, the same every build."""
    return sorted(questions, key=lambda q: drills.digest(seed, q.question.id))


def _chapter_sheet(items: list[QuizQuestion]) -> Sheet:
    """Questions without clues first (hand-written ones among them), then the drills whose
    words could answer others, in content order: a clash leaves out the latter."""
    clued = [i for i in items if i.clues or i.stem_clues]
    return sheet_of([*(i for i in items if i not in clued), *clued])


def _letter(item: QuizQuestion) -> int | None:
    """Where a single-choice question's right option stands (0 for A); None for 多选."""
    options = item.question.options
    return [o.correct for o in options].index(True) if item.question.type == "single" else None


def _mixed(handbook: Handbook, quiz: Quiz, pool: list[QuizQuestion]) -> Sheet:
    """N questions from each chapter, each chosen, in the chapter's stable shuffle, among those
    whose right letter the sheet has least so far: each chapter spreads its own answers over
    the letters, and a few taken from each had piled up (10 of 综合自测's 18 single-choice
    answers were C on a trainer's printed key). A question reads the same in every quiz, so the
    choice spreads the letters, not a change of options."""
    count = quiz.mixed or 0
    by_chapter: dict[str, list[QuizQuestion]] = {}
    for item in pool:
        by_chapter.setdefault(item.chapter, []).append(item)
    sheet = Sheet()
    letters = [0] * 8  # how often each letter is right on the sheet so far
    for stem, chapter in handbook.chapters.items():
        if chapter.audience == "trainers":  # course material is no test of counter work
            continue
        left = _shuffled(quiz.id, by_chapter.get(stem, []))
        taken = 0
        while taken < count and left:
            item = left[0]
            if _letter(item) is not None:  # a single-choice one: of those, the least used letter
                singles = [i for i in left if _letter(i) is not None]
                item = min(singles, key=lambda i: letters[_letter(i) or 0])  # the first if tied
            left.remove(item)
            if sheet.offer(item):
                taken += 1
                if (place := _letter(item)) is not None:
                    letters[place] += 1
    return sheet


def _without_runs(items: list[QuizQuestion]) -> list[QuizQuestion]:
    """The order, changed only where a third right answer in a row would have the same letter:
    the next question with another letter comes first."""
    ordered = list(items)
    for at in range(2, len(ordered)):
        same = {_letter(ordered[at - 2]), _letter(ordered[at - 1])}
        if len(same) == 1 and None not in same and _letter(ordered[at]) in same:
            later = next(
                (j for j in range(at + 1, len(ordered)) if _letter(ordered[j]) not in same), None
            )
            if later is not None:
                ordered.insert(at, ordered.pop(later))
    return ordered


def _problems(
    handbook: Handbook,
    questions: dict[str, list[QuizQuestion]],
    held_back: dict[str, list[QuizQuestion]],
) -> list[Problem]:
    problems = []
    written = {q.id: q for q in handbook.quizzes.questions}
    for quiz in handbook.quizzes.quizzes:
        seen: set[str] = set()
        # held-back questions too: 今日复习 keys them by id as well
        for item in [*questions[quiz.id], *held_back.get(quiz.id, [])]:
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


@dataclass(frozen=True)
class Assembly:
    """Every quiz's questions in the order asked, those its sheet held back, and the problems
    that make a quiz unusable (named in quizzes.yml)."""

    questions: dict[str, list[QuizQuestion]]
    held_back: dict[str, list[QuizQuestion]]
    problems: list[Problem]


def assemble(handbook: Handbook) -> Assembly:
    questions: dict[str, list[QuizQuestion]] = {}
    held_back: dict[str, list[QuizQuestion]] = {}
    pool: dict[str, QuizQuestion] = {}
    written = _as_asked(handbook)
    for quiz in handbook.quizzes.quizzes:
        if quiz.mixed is None:
            items = _chapter_questions(handbook, quiz, written)
            sheet = _chapter_sheet(items)
            questions[quiz.id] = _shuffled(quiz.id, sheet.kept)
            held_back[quiz.id] = sheet.held
            for item in items:
                pool.setdefault(item.question.id, item)
    for question in written:  # also those no chapter quiz covers
        pool.setdefault(question.id, QuizQuestion(question, handbook.chapter_of_id[question.ref]))
    for quiz in handbook.quizzes.quizzes:
        if quiz.mixed is not None:
            sheet = _mixed(handbook, quiz, list(pool.values()))
            questions[quiz.id] = _without_runs(_shuffled(quiz.id, sheet.kept))
    return Assembly(questions, held_back, _problems(handbook, questions, held_back))
