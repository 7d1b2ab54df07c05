"""Generated drills: every correct answer checked against the content it came from.

Each check below re-derives, independently of macros/content/drills.py, what the right and the wrong
options of a generated question must be from the entry the question was built from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from macros.content import drills
from macros.content.handbook import Handbook
from macros.content.loader import load_content
from macros.content.model import (
    CustomerType,
    Method,
    Objection,
    Phrase,
    Procedure,
)

from .support import ROOT

ALL = list(drills.GENERATORS)


def every_drill(handbook: Handbook) -> list[drills.Drill]:
    return drills.generate(handbook, ALL, list(handbook.chapters))


def right(drill: drills.Drill) -> list[str]:
    return [o.text for o in drill.question.options if o.correct]


def wrong(drill: drills.Drill) -> list[str]:
    return [o.text for o in drill.question.options if not o.correct]


# --- one check per generator ------------------------------------------------------------


def check_reply(handbook: Handbook, drill: drills.Drill) -> None:
    phrase = handbook.get(drill.source)
    assert isinstance(phrase, Phrase)
    # The first alternative that is not a pattern to fill in (请您……).
    whole = [a for a in phrase.alternatives if not re.search(r"(…|\.\.\.)\s*$", a)]
    assert right(drill) == [(whole or phrase.alternatives)[0]]
    misses = [miss.text for miss in phrase.near_misses]
    forbidden = {p.text for p in handbook.entries("phrase") if p.id != phrase.id}
    approved = {a for p in handbook.entries("phrase") for a in p.alternatives}  # type: ignore[attr-defined]
    # Its own near misses first (as many as fit), then other forbidden phrases.
    shown = [text for text in wrong(drill) if text in misses]
    assert len(shown) == min(len(misses), drills.MAX_OPTIONS - 1)
    for text in wrong(drill):
        assert (text in misses or text in forbidden) and text not in approved
    whys = {miss.text: miss.why for miss in phrase.near_misses}
    for option in drill.question.options:  # a near miss says what is wrong with it
        assert option.why == whys.get(option.text)
    assert phrase.text in drill.question.question


def check_dialogue(handbook: Handbook, drill: drills.Drill) -> None:
    dialogue = handbook.get(drill.source)
    assert right(drill) == [dialogue.better]  # type: ignore[attr-defined]
    # the seed's curt reply, and replies that sound better yet go wrong too
    misses = [m.text for m in dialogue.near_misses]  # type: ignore[attr-defined]
    assert sorted(wrong(drill)) == sorted([dialogue.reply, *misses][: drills.MAX_OPTIONS - 1])  # type: ignore[attr-defined]
    assert dialogue.reply in wrong(drill)  # type: ignore[attr-defined]


def check_rewrite(handbook: Handbook, drill: drills.Drill) -> None:
    rewrite = handbook.get(drill.source)
    assert right(drill) == [rewrite.say[0]]  # type: ignore[attr-defined]
    assert set(wrong(drill)) <= set(rewrite.avoid)  # type: ignore[attr-defined]


def check_method(handbook: Handbook, drill: drills.Drill) -> None:
    method = handbook.get(drill.source)
    assert isinstance(method, Method)
    stem = handbook.chapter_of_id[method.id]
    family = {m.name for m in handbook.entries("method") if handbook.chapter_of_id[m.id] == stem}
    assert right(drill) == [method.name]
    assert set(wrong(drill)) <= family - {method.name}
    for turn in method.example:
        assert turn.text in drill.question.question
    assert method.name not in drill.question.question


def check_objection(handbook: Handbook, drill: drills.Drill) -> None:
    objection = handbook.get(drill.source)
    assert isinstance(objection, Objection)
    suggested = {handbook.get(i).name for i in objection.methods}  # type: ignore[attr-defined]
    assert set(right(drill)) == suggested
    assert drill.question.type == ("multiple" if len(suggested) > 1 else "single")
    assert not set(wrong(drill)) & suggested
    # nor a method the handbook suggests for another objection of the same kind (a trainer
    # could not defend 询问法 as wrong for one doubt while another doubt gets it)
    kin = {
        handbook.get(i).name  # type: ignore[attr-defined]
        for o in handbook.entries("objection")
        if isinstance(o, Objection) and o.category == objection.category
        for i in o.methods
    }
    assert not set(wrong(drill)) & kin, (objection.id, wrong(drill))
    assert objection.text in drill.question.question


def check_next_step(handbook: Handbook, drill: drills.Drill) -> None:
    procedure = next(
        p
        for p in handbook.entries("procedure")
        if isinstance(p, Procedure) and drill.source in [s.id for s in p.steps]
    )
    names = [s.name for s in procedure.steps]
    index = [s.id for s in procedure.steps].index(drill.source)
    assert right(drill) == [names[index + 1]]
    assert set(wrong(drill)) <= set(names) - {names[index], names[index + 1]}
    assert f"“{names[index]}”之后" in drill.question.question
    assert drill.question.ref == procedure.steps[index + 1].id
    # Two options (a three-step procedure) would be a coin toss.
    assert len(drill.question.options) >= 3, drill.question.id


def check_customer_type(handbook: Handbook, drill: drills.Drill) -> None:
    kind = handbook.get(drill.source)
    assert isinstance(kind, CustomerType)
    if drill.question.id.startswith("type-do-"):
        assert right(drill) and set(right(drill)) <= set(kind.do)
        assert wrong(drill) and set(wrong(drill)) <= set(kind.dont)
        return
    section = next(
        s for chapter in handbook.chapters.values() for s in chapter.sections if kind in s.entries
    )
    names = {e.name for e in section.entries if isinstance(e, CustomerType)}
    assert right(drill) == [kind.name]
    assert set(wrong(drill)) <= names - {kind.name}
    assert kind.traits in drill.question.question


CHECKS: dict[str, Callable[[Handbook, drills.Drill], None]] = {
    "reply": check_reply,
    "dialogue": check_dialogue,
    "rewrite": check_rewrite,
    "method": check_method,
    "objection": check_objection,
    "next-step": check_next_step,
    "customer-type": check_customer_type,
}


def test_every_generator_has_a_check() -> None:
    assert set(CHECKS) == set(drills.GENERATORS)


def test_every_generated_answer_matches_the_content_it_came_from(handbook: Handbook) -> None:
    made = every_drill(handbook)
    assert made
    for drill in made:
        CHECKS[drill.generator](handbook, drill)
        assert drill.question.ref in handbook.by_id
        assert len(drill.question.options) >= 2


DOUBLED_STOPS = ("。；", "。。", "；。", "；；", "，。", "！。", "？。")


def test_generated_text_never_doubles_its_punctuation(handbook: Handbook) -> None:
    """Sentences from the content end in 。; a question or explanation that joins them must not
    read “…感受。；请客户坐下…” or “…接待。。”."""
    doubled = [
        text
        for drill in every_drill(handbook)
        for text in (drill.question.question, drill.question.explanation)
        if text and any(pair in text for pair in DOUBLED_STOPS)
    ]
    assert doubled == []


@pytest.mark.parametrize("name", ALL)
def test_each_generator_builds_questions_from_the_real_content(
    handbook: Handbook, name: str
) -> None:
    assert drills.generate(handbook, [name], list(handbook.chapters))


def test_right_answers_are_spread_evenly_over_the_letters(handbook: Handbook) -> None:
    """A printed sheet cannot be answered by ticking one letter: over each chapter's
    single-choice drills of one generator, each letter is right as often as any other, give or
    take one (the objections quiz had D right in 14 of 25 answers)."""
    groups: dict[tuple[str, str, int], Counter[int]] = {}
    for d in every_drill(handbook):
        if d.question.type == "single":
            key = (d.generator, handbook.chapter_of_id[d.source], len(d.question.options))
            place = [o.correct for o in d.question.options].index(True)
            groups.setdefault(key, Counter())[place] += 1
    assert any(sum(places.values()) >= 8 for places in groups.values())
    for (generator, chapter, size), places in groups.items():
        counts = [places[n] for n in range(size)]
        assert max(counts) - min(counts) <= 1, f"{generator} in {chapter}: {counts}"


def test_the_mixed_quiz_spreads_its_right_answers_over_the_letters_too(
    handbook: Handbook,
) -> None:
    """Each chapter spreads its own answers, and the few a mixed quiz takes from each had piled
    up: 综合自测's printed key had C right in 10 of 18 single-choice questions, five in a row
    (a trainer's audit). Nor does one letter come three times running."""
    mixed = [quiz for quiz in handbook.quizzes.quizzes if quiz.mixed]
    assert mixed
    for quiz in mixed:
        asked = handbook.quiz_questions[quiz.id]
        places = [
            [o.correct for o in item.question.options].index(True)
            if item.question.type == "single"
            else None
            for item in asked
        ]
        counts = Counter(place for place in places if place is not None)
        assert sum(counts.values()) >= 12, quiz.id
        assert max(counts.values()) - min(counts.values()) <= 2, (quiz.id, counts)
        runs = [places[at : at + 3] for at in range(len(places) - 2)]
        assert not [r for r in runs if r[0] is not None and r.count(r[0]) == 3], (quiz.id, places)


def test_a_quiz_asks_the_same_question_with_the_same_options_everywhere(
    handbook: Handbook,
) -> None:
    """A drill in a chapter's quiz and in the mixed quiz (and so in 今日复习) reads the same."""
    seen: dict[str, list[str]] = {}
    for questions in handbook.quiz_questions.values():
        for item in questions:
            texts = [o.text for o in item.question.options]
            assert seen.setdefault(item.question.id, texts) == texts, item.question.id


# --- deterministic, id-based, counted from the content -----------------------------------


def snapshot(handbook: Handbook) -> dict[str, dict]:
    return {d.question.id: d.question.model_dump() for d in every_drill(handbook)}


def test_same_content_gives_the_same_questions(handbook: Handbook) -> None:
    first = [d.question.model_dump() for d in every_drill(handbook)]
    again = [d.question.model_dump() for d in every_drill(load_content(ROOT / "content"))]
    assert first == again
    assert len({q["id"] for q in first}) == len(first)


def test_question_ids_follow_entry_ids_not_positions(
    handbook: Handbook, project_copy: Path
) -> None:
    """Reordering every chapter's sections and entries changes no generated question."""
    for path in (project_copy / "content").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "sections" not in data:
            continue
        data["sections"].reverse()
        for section in data["sections"]:
            section["entries"].reverse()
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert snapshot(load_content(project_copy / "content")) == snapshot(handbook)


NEW_PHRASE = """
  - id: quiz-test-section
    title: 测试
    entries:
      - kind: phrase
        id: quiz-test-phrase
        text: 你排队排错了。
        reason: 把责任推给客户。
        alternatives: [我带您去对的窗口。]
        source: seed-003
"""


def test_question_counts_come_from_the_content(handbook: Handbook, project_copy: Path) -> None:
    phrasing = project_copy / "content" / "phrasing.yml"
    phrasing.write_text(phrasing.read_text(encoding="utf-8") + NEW_PHRASE, encoding="utf-8")
    changed = load_content(project_copy / "content")
    before = drills.generate(handbook, ["reply"], ["phrasing"])
    after = drills.generate(changed, ["reply"], ["phrasing"])
    assert len(after) == len(before) + 1 == sum(1 for _ in changed.entries("phrase"))
    added = next(d for d in after if d.source == "quiz-test-phrase")
    assert added.question.id == "reply-quiz-test-phrase"
    assert [o.text for o in added.question.options if o.correct] == ["我带您去对的窗口。"]


NEAR_MISSES = """
        near_misses:
          - text: 这边不办这个，您去隔壁窗口问问吧。
            why: 没说清该去哪、也没带客户过去
          - text: 麻烦您下次先看清窗口上的牌子。
            why: 客气话里还是在怪客户
"""


def test_a_phrases_near_misses_are_the_wrong_replies_and_say_why(
    project_copy: Path,
) -> None:
    phrasing = project_copy / "content" / "phrasing.yml"
    text = phrasing.read_text(encoding="utf-8") + NEW_PHRASE.rstrip("\n") + NEAR_MISSES
    phrasing.write_text(text, encoding="utf-8")
    changed = load_content(project_copy / "content")
    [drill] = [
        d
        for d in drills.generate(changed, ["reply"], ["phrasing"])
        if d.source == "quiz-test-phrase"
    ]
    # Two near misses, then one other 禁语 tops the options up to four.
    assert len(drill.question.options) == drills.MAX_OPTIONS
    why = {o.text: o.why for o in drill.question.options if not o.correct}
    assert why.pop("这边不办这个，您去隔壁窗口问问吧。") == "没说清该去哪、也没带客户过去"
    assert why.pop("麻烦您下次先看清窗口上的牌子。") == "客气话里还是在怪客户"
    [(other, other_why)] = why.items()
    assert other in {p.text for p in changed.entries("phrase")} and other_why is None
    check_reply(changed, drill)


def test_next_step_questions_never_spell_out_a_procedures_order(handbook: Handbook) -> None:
    """A sheet asking what follows each step gave the whole order away (the answer to one was
    the step another asked about): a few steps of a procedure, none sharing a step."""
    asked: dict[str, list[int]] = {}
    for drill in drills.generate(handbook, ["next-step"], list(handbook.chapters)):
        procedure = next(
            p
            for p in handbook.entries("procedure")
            if isinstance(p, Procedure) and drill.source in [s.id for s in p.steps]
        )
        asked.setdefault(procedure.id, []).append(
            [s.id for s in procedure.steps].index(drill.source)
        )
    assert asked, "the content has procedures of three steps or more"
    for ident, indices in asked.items():
        assert len(indices) <= drills.NEXT_STEPS_PER_PROCEDURE, ident
        given, answers = set(indices), {i + 1 for i in indices}
        assert not given & answers, (ident, indices)
    long = [
        p for p in handbook.entries("procedure") if isinstance(p, Procedure) and len(p.steps) >= 5
    ]
    assert all(len(asked[p.id]) == drills.NEXT_STEPS_PER_PROCEDURE for p in long)


def test_generators_give_nothing_where_the_content_has_nothing_to_ask(
    handbook: Handbook,
) -> None:
    # communication has one method: no "which method" question without a family to choose from
    assert drills.generate(handbook, ["method"], ["communication"]) == []
    # selling's only procedure has two steps: too few for a "next step" question
    assert drills.generate(handbook, ["next-step"], ["selling"]) == []
    assert drills.generate(handbook, ALL, ["basics", "course"]) == []
    assert drills.generate(handbook, ALL, ["no-such-chapter"]) == []


# --- quizzes: every chapter covered, enough questions ------------------------------------


def test_every_chapter_has_a_quiz_with_hand_written_and_enough_questions(
    handbook: Handbook,
) -> None:
    chapter_quizzes = [q for q in handbook.quizzes.quizzes if q.mixed is None]
    covered = {stem for q in chapter_quizzes for stem in q.chapters}
    assert covered == set(handbook.chapters)
    for quiz in chapter_quizzes:
        items = handbook.questions_of(quiz.id)
        assert len(items) >= 5, quiz.id
        assert any(item.drill is None for item in items), quiz.id
        assert {item.chapter for item in items} == set(quiz.chapters)
    total = sum(len(handbook.questions_of(q.id)) for q in chapter_quizzes)
    assert total >= 100


def test_the_mixed_quiz_draws_from_every_chapter_for_staff(handbook: Handbook) -> None:
    """Not from the trainers' course material: it drew 第六条一共定义了多少项 (an insurer's
    sample rules) onto the sheet for counter staff."""
    mixed = next(q for q in handbook.quizzes.quizzes if q.mixed)
    per_chapter = Counter(item.chapter for item in handbook.questions_of(mixed.id))
    staff = {stem for stem, chapter in handbook.chapters.items() if chapter.audience == "staff"}
    assert staff < set(handbook.chapters)  # the real content has trainers' material
    assert set(per_chapter) == staff
    assert set(per_chapter.values()) == {mixed.mixed}


def test_no_quiz_sheet_answers_one_of_its_questions_with_another(handbook: Handbook) -> None:
    """The 禁语 sheet said “我们一直都是这样做的。”是禁语 above 下面哪几句属于服务禁语？ with
    that sentence among the options; 投诉处理's asked 感性 or 理性 twice, each the other's answer;
    异议处理's asked which method answers 太贵了。 below a 补偿法 dialogue opening with it."""
    marks = re.compile(r"[\s，。！？、；：“”（）…]+")
    held = 0
    for quiz in handbook.quizzes.quizzes:
        sheet = handbook.questions_of(quiz.id)
        for item in sheet:
            if item.drill in ("reply", "objection"):  # “P”是禁语; 客户：太贵了。 (补偿法)
                phrase = marks.sub("", handbook.get(item.question.ref).text)  # type: ignore[attr-defined]
                others = [
                    marks.sub(
                        "", " ".join([o.question.question, *(x.text for x in o.question.options)])
                    )
                    for o in sheet
                    if o is not item and o.drill != item.drill  # two of a kind never clash
                ]
                assert not any(phrase in text for text in others), (quiz.id, phrase)
            if item.drill == "method":  # 用机会成交法时… above a 机会成交法 dialogue
                name = handbook.get(item.question.ref).name  # type: ignore[attr-defined]
                stems = [o.question.question for o in sheet if o.drill != "method"]
                assert not any(name in stem for stem in stems), (quiz.id, name)
        stems = Counter(
            (item.question.question, frozenset(o.text for o in item.question.options))
            for item in sheet
            if item.question.options
        )
        assert all(n < len(options) for (_stem, options), n in stems.items()), quiz.id
        held += len(handbook.held_back.get(quiz.id, []))
    assert held  # the real content has such clashes: this test sees them resolved


def test_a_refusal_no_method_fits_gets_no_which_method_question(handbook: Handbook) -> None:
    """我不感兴趣 is a refusal: the handbook stops there. Its entry names no method, so no
    drill asks which method answers it (the key 询问法 could not be defended)."""
    plain = [o for o in handbook.entries("objection") if isinstance(o, Objection) and not o.methods]
    assert plain  # the real content has one
    asked = {d.source for d in drills.generate(handbook, ["objection"], list(handbook.chapters))}
    assert not asked & {o.id for o in plain}


def test_hand_written_answers_spread_over_the_letters_and_keep_their_options(
    handbook: Handbook,
) -> None:
    """As written, a trainer counted the hand-written keys B 17 times, C 17, A 8 and D twice.
    Asked, each chapter's single-choice answers spread over the letters (give or take one);
    the options are the editor's, the same texts; `keep_order` questions are as written."""
    written = {q.id: q for q in handbook.quizzes.questions}
    asked = {
        item.question.id: item.question
        for items in handbook.quiz_questions.values()
        for item in items
        if item.drill is None
    }
    groups: dict[tuple[str, int], Counter[int]] = {}
    for ident, question in asked.items():
        original = written[ident]
        assert sorted(o.text for o in question.options) == sorted(o.text for o in original.options)
        if original.keep_order:
            assert question.options == original.options, ident
        elif question.type == "single":
            key = (handbook.chapter_of_id[question.ref], len(question.options))
            place = [o.correct for o in question.options].index(True)
            groups.setdefault(key, Counter())[place] += 1
    assert any(sum(places.values()) >= 4 for places in groups.values())
    for (chapter, size), places in groups.items():
        counts = [places[n] for n in range(size)]
        assert max(counts) - min(counts) <= 1, f"{chapter}: {counts}"
    assert any(q.keep_order for q in written.values())


def test_quotes_inside_quotes_are_single(handbook: Handbook) -> None:
    """按“用“我”来代替“你””的要求 read as four quotations; Chinese nests ‘’ inside “”."""
    nested = re.compile(r"“[^”]*“")
    texts = [
        text
        for d in every_drill(handbook)
        for text in (d.question.question, d.question.explanation or "")
    ]
    assert any("‘" in text for text in texts)  # the real content has such titles
    assert [text for text in texts if nested.search(text)] == []


def test_sentences_quoted_in_a_row_drop_their_own_full_stops(handbook: Handbook) -> None:
    """A new hire read 忌说“你弄错了。”、“你误会了。”。 in an explanation."""
    doubled = [
        drill.question.explanation
        for drill in every_drill(handbook)
        if re.search(r"[。；]”(、|。)", drill.question.explanation)
    ]
    assert doubled == []
