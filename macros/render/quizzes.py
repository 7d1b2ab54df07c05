"""Quiz pages: one question at a time on a phone; on paper a worksheet and an answer key.

Which questions and in which order is decided with the content (`content/quiz_assembly.py`);
this module numbers them and lays them out; the templates under `templates/quizzes/` only print.

The correct answers are in the page only inside the answer key, which is hidden on screen
(and left out of the search index); quiz.js reads it after the reader has confirmed an answer.
On paper the page is a worksheet; the key prints alone, through 打印答案 (paper.js).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, Final

from markupsafe import Markup

from ..content.handbook import QuizQuestion
from ..content.model import Dialogue
from ..content.urls import QUIZZES_URL, chapter_url, quiz_url
from .renderer import Link, Renderer

TYPE_LABELS: Final = MappingProxyType({"single": "单选", "multiple": "多选", "truefalse": "判断"})
LETTERS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# On paper, options side by side where the longest fits a quarter or a half of the line. A
# worksheet line holds about 48 Chinese characters; in a half, after the box and its letter,
# 21 fit (none is wider than a Chinese one: Latin letters and digits are narrower). The limits
# leave room to spare. One copy of every quiz's worksheet when the limits were set (session 51):
# 37 sheets with an option to a line, 28 with a half of 16, 27 with 19 (投诉处理自测's last
# question had a third). The count grows with the questions (29 in session 53).
QUARTER_LINE: Final = 4  # 对, 错, 两项
HALF_LINE: Final = 19


@dataclass(frozen=True)
class PaperPart:
    """One of the parts a long quiz prints in: questions `first` to `last`, and their key."""

    number: int
    first: int
    last: int

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def label(self) -> str:
        return f"第 {self.number} 份"

    @property
    def questions(self) -> str:
        return f"第 {self.first}–{self.last} 题"

    @property
    def name_line(self) -> str:
        """Its sheets' head line: the score is out of its own questions."""
        return name_line(self.count)


def paper_parts(count: int, most: int) -> list[PaperPart]:
    """The parts a quiz of `count` questions prints in, none longer than `most`: as few as
    can be, of about equal size (69 by 25: 23, 23, 23, not 25, 25, 19). None when it fits."""
    if count <= most:
        return []
    number = -(-count // most)
    size, longer = divmod(count, number)
    parts, first = [], 1
    for index in range(number):
        last = first + size - 1 + (index < longer)
        parts.append(PaperPart(index + 1, first, last))
        first = last + 1
    return parts


@dataclass(frozen=True)
class PaperChoice:
    """One line of 打印哪些题: what it prints, and the name a saved PDF of it gets."""

    number: int  # the part's; 0 for the whole quiz
    text: str
    title: str


def paper_choices(title: str, count: int, parts: list[PaperPart]) -> list[PaperChoice]:
    """The whole quiz, then each part; none for a quiz that prints whole."""
    if not parts:
        return []
    whole = PaperChoice(0, f"全部 {count} 题", title)
    return [whole] + [
        PaperChoice(p.number, f"{p.label}：{p.questions}", f"{title} {p.label}") for p in parts
    ]


@dataclass(frozen=True)
class ShownOption:
    key: str  # value of the input: the option's letter in the printed order, lower case
    letter: str
    text: str
    correct: bool
    why: str | None  # what is wrong with it, when the content says


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
    editor: dict[str, Any]  # the editor view's lines (renderer.editor_meta)
    part: int = 0  # which printed part it is in (PaperPart.number); 0 when it prints whole

    @property
    def input(self) -> str:
        return "checkbox" if self.multiple else "radio"

    @property
    def answer_keys(self) -> str:
        return " ".join(o.key for o in self.options if o.correct)

    @property
    def answer_letters(self) -> str:
        return "、".join(o.letter for o in self.options if o.correct)

    @property
    def misses(self) -> list[ShownOption]:
        """The wrong options that say what is wrong with them."""
        return [o for o in self.options if o.why]

    @property
    def paper_columns(self) -> int:
        """How many options a printed line holds: 4, 2 or 1 (see HALF_LINE)."""
        longest = max(len(o.text) for o in self.options)
        return 4 if longest <= QUARTER_LINE else 2 if longest <= HALF_LINE else 1

    @property
    def answer_letters_compact(self) -> str:
        """For the answer grid at the top of the key: "AC", as a trainer marks it."""
        return "".join(o.letter for o in self.options if o.correct)


def shown(renderer: Renderer, number: int, item: QuizQuestion) -> ShownQuestion:
    question = item.question
    options = [
        ShownOption(LETTERS[i].lower(), LETTERS[i], option.text, option.correct, option.why)
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
        see=_see(renderer, question.ref),
        see_chapter=renderer.handbook.chapters[item.chapter].title,
        editor=renderer.editor_meta(question, made_from=question.ref),
    )


def _see(renderer: Renderer, ident: str) -> Link:
    """The entry a question is about, its title in quotes: on paper, where the link is not
    one, 见《忠诚与团队》做给他看 ran on as one sentence. A dialogue is named by what the
    customer says, which read as a 禁语 after 见《禁语速查》: it says what it is."""
    link = renderer.link(ident)
    if isinstance(renderer.handbook.get(ident), Dialogue):
        return Link(link.href, f"对话示例“{link.title}”")
    return Link(link.href, f"“{link.title}”")


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
    rows: list[dict[str, Any]] = []
    for quiz in renderer.handbook.quizzes.quizzes:
        items = renderer.handbook.questions_of(quiz.id)
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
    quiz = next(q for q in renderer.handbook.quizzes.quizzes if q.id == ident)
    items = renderer.handbook.questions_of(quiz.id)
    parts = paper_parts(len(items), renderer.handbook.quizzes.paper_questions)
    part_of = {n: part.number for part in parts for n in range(part.first, part.last + 1)}
    questions = [
        replace(shown(renderer, n, item), part=part_of.get(n, 0)) for n, item in enumerate(items, 1)
    ]
    return renderer.render(
        "quizzes/page.html",
        quiz=quiz,
        questions=questions,
        parts=parts,
        choices=paper_choices(quiz.title, len(questions), parts),
        has_multiple=any(q.input == "checkbox" for q in questions),
        # The sheet's head line, in the first printed page and in every later page's margin.
        name_line=name_line(len(questions)),
        chapters=_chapters_of(renderer, items),
        index_href=Markup(renderer.links.href_page(QUIZZES_URL)),
        day_start=renderer.handbook.checklists.day_start_hour,  # 今日复习's day (review.py)
    )


def name_line(count: int) -> str:
    return f"姓名 ________________　日期 ____________　得分 ______ / {count}"
