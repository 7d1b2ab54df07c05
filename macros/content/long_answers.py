"""A hint for hand-written questions whose right option is the longest by far.

A trainer's audit of the printed quizzes found the right answer was the longest option in 19
of 43 single-choice questions: careful, qualified, complete, next to short careless wrong
ones, so a reader could pick it without knowing the handbook. Not an error (the question is
right), a hint the editors' check prints at the right option's line.
"""

from __future__ import annotations

from typing import Final

from .handbook import Handbook
from .problems import Problem
from .yaml_source import on_its_line

# How much longer than every wrong option the right one may be before a reader notices.
NOTICEABLY_LONGER: Final = 1.3
EXTRA_CHARACTERS: Final = 4  # 不确定 beside 确定 is no tell
SMALLEST_CHOICE: Final = 3  # with two options, length tells less than the content


def long_answers(handbook: Handbook) -> list[Problem]:
    hints = []
    for question in handbook.quizzes.questions:
        if question.type != "single" or len(question.options) < SMALLEST_CHOICE:
            continue
        right = next(n for n, option in enumerate(question.options) if option.correct)
        length = len(question.options[right].text)
        longest_wrong = max(len(o.text) for o in question.options if not o.correct)
        if length < NOTICEABLY_LONGER * longest_wrong or length - longest_wrong < EXTRA_CHARACTERS:
            continue
        where = on_its_line(handbook.root, question.where.within("options", right, "text"))
        hints.append(
            Problem(
                where,
                f"正确选项 {length} 个字，最长的错误选项只有 {longest_wrong} 个字：不看内容也能猜到答案。"
                "把错误选项写得一样具体（学员真会那样想、那样做的说法），或把正确选项写短些",
            )
        )
    return hints
