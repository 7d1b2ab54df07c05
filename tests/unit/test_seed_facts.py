"""Facts that once disagreed with the seed courseware (issue 16) stay as the seeds state them.

Each test reads the real content and names the seed line it guards; the wording checked is the
text staff read (the editors' 【补充】/【推断】 markers removed, editors' own fields skipped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from macros.content.handbook import Handbook
from macros.content.markers import strip_markers
from macros.content.model import Chapter, Dialogue, Procedure, Question, Topic
from macros.content.staff_text import NOT_SHOWN


def shown(value: Any) -> Iterator[str]:
    """Every text staff read in a content object, without the editors' markers."""
    if isinstance(value, str):
        yield strip_markers(value)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in NOT_SHOWN:
                yield from shown(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from shown(item)


def everything_shown(handbook: Handbook) -> list[str]:
    texts = [text for chapter in handbook.chapters.values() for text in shown(chapter)]
    texts += shown(handbook.checklists)
    texts += shown(handbook.quizzes)
    return texts


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


# 1. Seed 000: 提供的服务达到或超出客户的期望值，客户就会满意 — its scale labels only +2 很满意
# and −2 很不满意, so 0 (experience meets expectations) is satisfied, never 一般.


def test_meeting_expectations_counts_as_satisfied(handbook: Handbook) -> None:
    scale = handbook.get("manyi-kedu")
    assert isinstance(scale, Topic)
    by_value = {item.value: " ".join(shown(item)) for item in scale.items}
    assert set(by_value) == {"+2", "+1", "0", "−1", "−2"}
    assert all("一般" not in text for text in by_value.values()), by_value
    for value in ("+1", "0"):
        assert "满意" in by_value[value] and "不满意" not in by_value[value], by_value[value]
    assert "很满意" in by_value["+2"] and "很不满意" in by_value["−2"]
    source = handbook.get("qiwang-laiyuan")
    assert any("达到或超出" in text and "满意" in text for text in shown(source))


# 2. Seed 000's 合格客户服务代表需具备的素质 are 技巧 and 习惯 only; 高EQ的特征 is seed 004's
# 重点提示 under 沟通的原则.


def test_eq_is_not_a_quality_of_the_qualified_agent(handbook: Handbook) -> None:
    loyalty = handbook.chapters["loyalty"]
    assert [text for text in shown(loyalty) if re.search("EQ|情商", text)] == []
    question = handbook.get("zhongcheng-eq")
    assert isinstance(question, Question)
    right = [option.text for option in question.options if option.correct]
    assert right and not any(re.search("EQ|情商", text) for text in right), right


def test_eq_lives_with_the_communication_principles_of_seed_004(handbook: Handbook) -> None:
    eq = handbook.get("gao-eq")
    assert isinstance(eq, Topic)
    assert eq.source == ["seed-004"]
    assert handbook.chapter_of_id["gao-eq"] == "communication"
    chapter = handbook.chapters["communication"]
    assert isinstance(chapter, Chapter)
    (section,) = [s for s in chapter.sections if any(e.id == "gao-eq" for e in s.entries)]
    assert "goutong-yuanze" in [entry.id for entry in section.entries]


# 3. The worked complaint (steps 4 and 5 of 投诉七步) once promised a refund in two working
# days in one step and three in the other; a content audit then found any number there a
# promise staff cannot keep (refund times are each unit's rule, as the refund section says):
# the steps' lines name no number of days.


def test_the_worked_complaint_promises_no_refund_deadline_of_its_own(handbook: Handbook) -> None:
    procedure = handbook.get("tousu-qibu")
    assert isinstance(procedure, Procedure)
    text = " ".join(shown(procedure.steps))
    assert "退" in text  # the worked complaint is still a refund
    assert re.findall(r"[一二两三四五六七八九十\d]+\s*个?(?:工作日|天)内?到账", text) == []


# 4. Seed 003: 客户投诉处理流程 杭州地区内12小时，以外地区24小时 — it does not say what the
# limit applies to, so no text staff read makes it a deadline to finish or to follow up.

DEADLINE_WORDING = re.compile(
    r"时限内(?:办完|办结|处理完|完成|解决|回访|跟进|回复)"
    r"|(?:12|24)小时内(?:办完|办结|处理完|完成|解决|回访|跟进|回复|处理)"
    r"|多长时间内(?:处理|办完|完成)"
)


def test_the_complaint_time_limit_is_not_a_completion_or_follow_up_deadline(
    handbook: Handbook,
) -> None:
    found = [text for text in everything_shown(handbook) if DEADLINE_WORDING.search(compact(text))]
    assert found == []
    limits = handbook.get("shixian-yaoqiu")
    assert isinstance(limits, Topic)
    assert [(item.name, item.value) for item in limits.items] == [
        ("杭州地区内", "12 小时"),
        ("以外地区", "24 小时"),
    ]


# 5. Seed 003: 那你必须已经购买了超过5000元的商品 — the threshold is 超过 5000 元, not 满 5000 元.


def test_the_priority_list_threshold_is_over_5000(handbook: Handbook) -> None:
    dialogue = handbook.get("youxian-songhuo")
    assert isinstance(dialogue, Dialogue)
    assert dialogue.reply == "那你必须已经购买了超过5000元的商品。"
    assert "超过5000元" in compact(dialogue.better)
    phrasing = [compact(text) for text in shown(handbook.chapters["phrasing"])]
    assert [text for text in phrasing if re.search(r"满5000|5000元以上", text)] == []
