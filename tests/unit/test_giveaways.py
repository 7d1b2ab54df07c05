"""A quiz sheet never answers one of its questions with another (macros/content/giveaways.py)."""

from __future__ import annotations

from macros.content.giveaways import sheet_of
from macros.content.handbook import QuizQuestion
from macros.content.model import Option, Question


def asked(
    ident: str,
    stem: str,
    options: list[str],
    clues: tuple[str, ...] = (),
) -> QuizQuestion:
    question = Question(
        id=ident,
        type="single",
        question=stem,
        options=[Option(text=text, correct=n == 0) for n, text in enumerate(options)],
        explanation="解析",
        ref="ref",
    )
    return QuizQuestion(question, "phrasing", "reply" if clues else None, clues)


def ids(items: list[QuizQuestion]) -> list[str]:
    return [item.question.id for item in items]


def reply(ident: str, phrase: str) -> QuizQuestion:
    return asked(ident, f"“{phrase}”是禁语。下面哪一句可以用来代替它？", ["甲", "乙"], (phrase,))


def test_a_question_offering_a_phrase_another_calls_forbidden_keeps_the_first_offered() -> None:
    which = asked("which", "下面哪几句属于服务禁语？", ["我们一直都是这样做的。", "谢谢您。"])
    sheet = sheet_of([which, reply("reply", "我们一直都是这样做的")])
    assert ids(sheet.kept) == ["which"] and ids(sheet.held) == ["reply"]
    # either way round: the clue tells in both directions
    sheet = sheet_of([reply("reply", "我们一直都是这样做的"), which])
    assert ids(sheet.kept) == ["reply"] and ids(sheet.held) == ["which"]


def test_marks_around_a_phrase_do_not_hide_it() -> None:
    rule = asked("rule", "按“避免下命令”的要求，下面哪一句说得好？", ["请您……", "你应该……"])
    assert ids(sheet_of([rule, reply("reply", "你应该……")]).held) == ["reply"]


def test_questions_that_do_not_mention_the_phrase_share_a_sheet() -> None:
    other = asked(
        "other", "客户嫌贵，先说哪一句？", ["您说得对，是要算算值不值。", "贵有贵的道理。"]
    )
    sheet = sheet_of([other, reply("reply", "我们一直都是这样做的")])
    assert ids(sheet.kept) == ["other", "reply"] and sheet.held == []


def test_of_questions_with_one_stem_and_options_the_last_is_never_left_to_elimination() -> None:
    pair = [asked(f"two-{n}", "下面说的是哪一类客户？\n特点", ["感性", "理性"]) for n in range(2)]
    assert ids(sheet_of(pair).kept) == ["two-0"]
    four = ["猫头鹰型", "孔雀型", "鸽子型", "老鹰型"]
    types = [
        asked(f"four-{n}", "下面说的是哪一类客户？\n特点", four[n:] + four[:n]) for n in range(4)
    ]
    sheet = sheet_of(types)
    assert ids(sheet.kept) == ["four-0", "four-1", "four-2"] and ids(sheet.held) == ["four-3"]


def test_two_reply_drills_never_clash() -> None:
    """A phrase with too few near misses is offered other 禁语 as wrong options: rude on their
    face whatever the other drill's stem says, so both drills stay."""
    thin = asked(
        "thin",
        "“我不知道。”是禁语。下面哪一句可以用来代替它？",
        ["我帮您查。", "你别激动嘛。"],
        ("我不知道",),
    )
    sheet = sheet_of([thin, reply("calm", "你别激动嘛")])
    assert ids(sheet.kept) == ["thin", "calm"]


def test_a_method_named_in_another_stem_holds_back_the_drill_showing_it() -> None:
    """用机会成交法时，可以说“活动明天就结束”吗？ tells which method a dialogue about an offer
    ending shows; the name among another question's options tells nothing."""
    drill = QuizQuestion(
        asked(
            "method", "这段对话里，员工用的是哪一种方法？", ["机会成交法", "选择成交法"]
        ).question,
        "closing",
        "method",
        stem_clues=("机会成交法",),
    )
    named = asked("named", "用机会成交法时，可以说“活动明天就结束”吗？", ["可以", "不可以"])
    listed = asked("listed", "客户犹豫时，先用哪种方法？", ["机会成交法", "请求成交法"])
    assert ids(sheet_of([named, drill]).held) == ["method"]
    assert sheet_of([listed, drill]).held == []
