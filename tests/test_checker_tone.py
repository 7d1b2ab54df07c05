"""The tone check (语气): lines that sound like a brush-off although no listed phrase is in them.

Weights are learned from the labelled corpus and the handbook's own wording by `python -m
macros tone`; these tests hold the committed weights to the corpus as it is, pin how lines are
cut and scored, and check that held-out batches, which it never learns from, are found."""

from __future__ import annotations

import json

import pytest

from macros.content.handbook import Handbook
from macros.content.phrase_spec import TONE_ID, build_spec
from macros.content.tone_examples import corpus_units
from macros.phrases.matcher import Matcher
from macros.phrases.normalise import normalise
from macros.phrases.tone import MODEL_FILE, fingerprint, load_model, table, train, turns, units

from .support import ROOT
from .support.checker import CORPUS, held_out_score


@pytest.fixture(scope="module")
def matcher(handbook: Handbook) -> Matcher:
    return Matcher(build_spec(handbook))


def marks(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(f.phrase, f.text) for f in matcher.find(text)]


def test_the_weights_were_learned_from_the_corpus_as_it_is() -> None:
    """The corpus is the developers' file; editors' wording may drift (see the next test)."""
    assert load_model(MODEL_FILE)["trained_on"] == fingerprint(corpus_units(CORPUS)), (
        "语气权重是用旧的例句学出来的：改了 tests/checker_corpus.yml 之后，"
        "请运行 .venv/bin/python -m macros tone 重新学习"
    )


def test_learning_is_deterministic() -> None:
    sample = [("你到底办不办。", True), ("您稍等，我马上帮您查。", False)] * 20
    assert train(sample) == train(sample)
    assert train(sample)["weights"], "something was learned"


def test_a_brush_off_no_phrase_lists_is_marked_for_its_tone(matcher: Matcher) -> None:
    assert marks(matcher, "取号了吗？没取号排什么队。") == [(TONE_ID, "取号了吗？没取号排什么队")]
    tone = matcher.phrase(TONE_ID)
    assert tone["kind"] == "tone" and tone["text"] == "听起来像推脱或顶撞"
    assert tone["url"] == "phrasing/#cuoci-gaixie"


def test_a_line_with_a_listed_phrase_has_no_tone_mark_too(matcher: Matcher) -> None:
    assert marks(matcher, "你肯定弄混了，没取号排什么队。") == [
        ("ni-kending-nonghun", "你肯定弄混了")
    ]


def test_the_customers_lines_are_not_scored_and_a_staff_label_is_not_marked(
    matcher: Matcher,
) -> None:
    assert marks(matcher, "客户：没取号排什么队？你们这什么服务！") == []
    assert marks(matcher, "员工：没取号排什么队。") == [(TONE_ID, "没取号排什么队")]


def test_a_listed_phrase_the_customer_says_in_a_call_record_is_not_the_staffs(
    matcher: Matcher,
) -> None:
    """A pasted call record quotes the customer (客户：你烦不烦啊): only staff lines count,
    for phrases as for tone; the same words unlabelled, or said by staff, are marked."""
    call = "客户:你烦不烦啊，天天给我打推销电话！\n坐席:不好意思打扰您了。"
    assert marks(matcher, call) == []
    assert marks(matcher, " 顾客：这不关我的事") == []
    assert [p for p, _ in marks(matcher, "坐席：你烦不烦啊")] == ["fan-bu-fan"]
    assert [p for p, _ in marks(matcher, "你烦不烦啊")] == ["fan-bu-fan"]
    assert [p for p, _ in marks(matcher, "客户：你好\n员工：你烦不烦啊")] == ["fan-bu-fan"]


@pytest.mark.parametrize(
    "record",
    [
        "[00:00:07] 客户：你肯定弄错了\n[00:00:12] 坐席：你烦不烦啊",
        "10:02:05 客户：你肯定弄错了\n10:02:12 坐席：你烦不烦啊",
        "客户 2026-12-01 10:02:05：你肯定弄错了\n坐席 2026-12-01 10:02:12：你烦不烦啊",
        "客户（10:02:05）：你肯定弄错了\n坐席（10:02:12）：你烦不烦啊",
    ],
)
def test_a_call_records_time_stamps_do_not_hide_who_speaks(matcher: Matcher, record: str) -> None:
    """Recording systems stamp each line with the time, before the speaker or after it: the
    customer's line is still theirs, and the stamp is not part of what the staff member said."""
    assert marks(matcher, record) == [("fan-bu-fan", "你烦不烦")]


@pytest.mark.parametrize(
    "record",
    [
        # a label on a line of its own, the words under it
        "客户 00:00:04\n你肯定弄错了\n坐席 00:00:09\n你烦不烦啊",
        # a long turn over several lines
        "客户：我问了三遍了\n你肯定弄错了\n坐席：你烦不烦啊",
        # a whole call on one line, turn after turn
        "客户：你肯定弄错了。坐席：你烦不烦啊。",
        # rows pasted from a spreadsheet, and a CSV export
        "2\t09:15:09\t客户\t你肯定弄错了\n3\t09:15:20\t坐席\t你烦不烦啊",
        'C01,2026-12-03 11:20:06,客户,,"你肯定弄错了"\nC01,2026-12-03 11:20:12,坐席,,"你烦不烦啊"',
        # a staff label with the agent's name ends the customer's turn, as does one unknown
        "客户：你肯定弄错了\n客服小王：你烦不烦啊",
        "客户：你肯定弄错了\nA：你烦不烦啊",
        "客户：我问了三遍了\n你肯定弄错了\n小王 (10:02)：你烦不烦啊",
    ],
)
def test_a_customers_turn_lasts_until_the_next_speaker(matcher: Matcher, record: str) -> None:
    assert marks(matcher, record) == [("fan-bu-fan", "你烦不烦")]


@pytest.mark.parametrize(
    "line",
    [
        "A：你听不见吗？",  # a speaker the checker does not know
        "小王：你听不见吗？",
        "坐席(工号1023)：你听不见吗？",  # a known label with more before its colon
        "坐席-王芳-1023：你听不见吗？",
        "营业员李明：你听不见吗？",
    ],
)
def test_a_tone_is_marked_without_the_speakers_label(matcher: Matcher, line: str) -> None:
    """A QA reviewer's records: the mark took in A： and 工号1023)：, and the tone of a line
    went unseen when its label had a name and a number (坐席-王芳-1023：), which were scored
    with the words."""
    assert marks(matcher, line) == [(TONE_ID, "你听不见吗")]


@pytest.mark.parametrize("label", ["来电客户", "访客", "机主", "买家"])
def test_the_labels_of_chat_and_call_systems_name_the_customer(
    matcher: Matcher, label: str
) -> None:
    assert marks(matcher, f"{label}：你肯定弄错了\n客户经理：你烦不烦啊") == [
        ("fan-bu-fan", "你烦不烦")
    ]


def test_a_line_opening_with_a_number_is_still_checked(matcher: Matcher) -> None:
    assert [p for p, _ in marks(matcher, "10块钱的套餐，你肯定弄错了")] == ["ni-kending-nonghun"]
    assert [p for p, _ in marks(matcher, "客户10点来的，你肯定弄错了")] == ["ni-kending-nonghun"]


def test_an_apology_for_not_noticing_the_customer_is_not_a_brush_off(matcher: Matcher) -> None:
    """我不知道 pushes a question back; 我不知道您已经等了这么久 apologises (seen marked on a
    phone, 2026-12-04: an exception of the phrase, not the corpus, whose every line moves the
    learned tone weights)."""
    assert marks(matcher, "不好意思，我不知道您已经等了这么久。") == []
    assert "wo-buzhidao" in [p for p, _ in marks(matcher, "我不知道，您去问别人吧。")]


def test_a_long_line_is_cut_between_sentences_and_a_short_one_is_not_scored() -> None:
    model = load_model()["model"]
    text = normalise("你们好。" * 40 + "\n客户：一二三四五\n员工：四五六七八\n好的").text
    spans = [whole for whole, _sentences in units(text, model, turns(text))]
    assert [text[a:b] for a, b in spans][-1] == "四五六七八"
    assert all(b - a <= model["unit_max"] for a, b in spans)
    # Pieces of at most unit_max characters, cut after a stop, scored without it.
    assert [text[a:b] for a, b in spans[:-1]] == [("你们好。" * 30)[:-1], ("你们好。" * 10)[:-1]]
    one_long_sentence = "啊" * 200
    assert units(one_long_sentence, model, turns(one_long_sentence)) == [((0, 200), [])]
    assert units("好的，行", model, turns("好的，行")) == []  # fewer than four Chinese characters


def test_a_unit_of_sentences_is_scored_whole_then_each_sentence_alone(matcher: Matcher) -> None:
    """A message or a dictated call comes as one line: a polite sentence's weights hid a rude
    one beside it (a new hire's audit, 2026-12-05). A brush-off spread over short sentences is
    still marked whole."""
    text = normalise("我马上帮您查。你听不见吗？好的。").text
    [(whole, sentences)] = units(text, load_model()["model"], turns(text))
    assert [text[a:b] for a, b in [whole, *sentences]] == [
        text.rstrip("。"),
        "我马上帮您查",
        "你听不见吗",
    ]
    assert marks(matcher, "你听不见吗？") == [(TONE_ID, "你听不见吗")]
    assert marks(matcher, "我马上帮您查。你听不见吗？") == [(TONE_ID, "你听不见吗")]
    assert marks(matcher, "您是第一次来办补卡吧？没关系，我一步步教您。") == []
    assert marks(matcher, "您好，请稍等。我帮您查一下。") == []


def test_a_phrase_in_one_sentence_does_not_hide_a_brush_off_in_the_next(
    matcher: Matcher,
) -> None:
    """Pasted alone, 我们这里就是这个规定 was marked; after two listed phrases on its line it
    was not (a phone audit, 2026-12-05). The sentence with a phrase keeps only that mark."""
    line = "这个不归我管，你去找别人。我们这里就是这个规定。"
    assert marks(matcher, line) == [
        ("bugui-wo-fuze", "不归我管"),
        ("qu-wen-bieren", "你去找别人"),
        (TONE_ID, "我们这里就是这个规定"),
    ]
    assert marks(matcher, "这个不归我管，你去找别人。我马上帮您查。") == [
        ("bugui-wo-fuze", "不归我管"),
        ("qu-wen-bieren", "你去找别人"),
    ]


def test_the_tone_notes_own_alternatives_are_not_marked(
    handbook: Handbook, matcher: Matcher
) -> None:
    """Everything else the handbook tells staff to say: test_checker_patterns.py."""
    assert [text for text in handbook.checker.tone.alternatives if matcher.find(text)] == []


def test_the_spec_carries_few_weights(handbook: Handbook) -> None:
    tone = build_spec(handbook)["tone"]
    assert len(table(tone["model"])) <= 2000
    assert len(json.dumps(tone, ensure_ascii=False).encode()) < 24_000


# The batches were written by people who saw neither the patterns nor the corpus, and the tone
# check never learns from them: what it finds there is what it would find in new wording.
@pytest.mark.parametrize("batch", [1, 2, 3, 4])
def test_alone_it_finds_most_of_each_held_out_batch(handbook: Handbook, batch: int) -> None:
    path = ROOT / "tests" / f"checker_heldout{batch}.yml"
    result, rows = held_out_score(handbook, path, "tone")
    assert result.recall >= 0.9 and result.precision >= 0.95, (result, rows)
