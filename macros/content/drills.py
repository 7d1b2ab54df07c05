"""Drills: questions generated from the handbook content itself, so they never drift from it.

Each generator reads the entries of the chapters a quiz covers and builds questions whose
correct answer is a piece of that entry (an approved alternative, the next step, the method's
name...). Everything is deterministic: the same content gives the same questions, ids and
option order. Ids are derived from entry ids (never positions), distractors and option order
from a hash of the question id, so editing one entry changes only its own questions, except
where the right answer of a single-choice question stands: that is spread evenly over the
letters across each chapter's questions of one generator (`_spread_answers`), so that a printed
sheet cannot be answered by always ticking one letter.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Final, TypeVar

from .handbook import Handbook
from .model import (
    ID_MAX_LENGTH,
    CustomerType,
    Dialogue,
    Entry,
    Method,
    Objection,
    Option,
    Phrase,
    Procedure,
    Question,
    Rewrite,
    Step,
)
from .problems import Problem
from .yaml_source import on_its_line

MAX_OPTIONS = 4
E = TypeVar("E", bound=Entry)


@dataclass(frozen=True)
class Drill:
    """A generated question, the generator that made it and the id it was built from."""

    question: Question
    generator: str
    source: str
    clues: tuple[str, ...] = ()  # what must not stand next to it (giveaways.py)
    stem_clues: tuple[str, ...] = ()  # what no other question's stem may name (giveaways.py)


Generator = Callable[[Handbook, Sequence[str]], Iterator[Drill]]


# --- helpers ------------------------------------------------------------------------------


def digest(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()


def ranked(seed: str, texts: Iterable[str]) -> list[str]:
    """`texts` without duplicates, in an order that depends only on `seed` and the text."""
    return sorted(dict.fromkeys(texts), key=lambda text: digest(seed, text))


def question_id(prefix: str, ident: str) -> str:
    """`prefix-ident`, shortened with a hash when it would pass the id length limit."""
    full = f"{prefix}-{ident}"
    if len(full) <= ID_MAX_LENGTH:
        return full
    return f"{full[: ID_MAX_LENGTH - 9].rstrip('-')}-{digest(full)[:8]}"


def choice(
    qid: str,
    prompt: str,
    right: Sequence[str],
    wrong: Iterable[str],
    explanation: str,
    ref: str,
    why: Mapping[str, str] = MappingProxyType({}),
) -> Question | None:
    """A single or multiple choice question with options in a stable, hash-based order.

    `wrong` is taken in the order given (callers rank it) until there are MAX_OPTIONS options;
    `why` says what is wrong with some of them. Returns None when there would be fewer than two
    options.
    """
    right = list(dict.fromkeys(right))
    room = max(MAX_OPTIONS - len(right), 1)
    distractors = [text for text in dict.fromkeys(wrong) if text not in right][:room]
    if not right or not distractors:
        return None
    options = [Option(text=text, correct=True) for text in right]
    options += [Option(text=text, why=why.get(text)) for text in distractors]
    options.sort(key=lambda option: digest("order", qid, option.text))
    return Question(
        id=qid,
        type="single" if len(right) == 1 else "multiple",
        question=prompt,
        options=options,
        explanation=explanation,
        ref=ref,
    )


def in_chapters(handbook: Handbook, kind: type[E], chapters: Sequence[str]) -> Iterator[E]:
    for entry in handbook.entries():
        if isinstance(entry, kind) and handbook.chapter_of_id[entry.id] in chapters:
            yield entry


def _strip_stop(text: str) -> str:
    return text.rstrip("。；; ")


def _listed(texts: Iterable[str]) -> str:
    """Sentences run together with “；”, each without its own full stop."""
    return "；".join(_strip_stop(text) for text in texts)


def quoted(text: str) -> str:
    """`text` in quotation marks, its own quotation marks made single (按“用‘我’来代替‘你’”
    的要求, not 按“用“我”来代替“你””的要求)."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def quote(texts: Iterable[str]) -> str:
    """Several in a row, each without its own full stop (忌说“你弄错了”、“你误会了”。, not
    “你弄错了。”、“你误会了。”。)."""
    return "、".join(quoted(_strip_stop(text)) for text in texts)


# --- generators ---------------------------------------------------------------------------


def whole_reply(phrase: Phrase) -> str:
    """The first alternative that is a whole sentence: 请您…… is a pattern to fill in, and as
    the one unfinished option it would give itself away."""
    return next(
        (text for text in phrase.alternatives if not text.rstrip().endswith(("…", "..."))),
        phrase.alternatives[0],
    )


def reply_drills(handbook: Handbook, chapters: Sequence[str]) -> Iterator[Drill]:
    """禁语: the approved alternative among replies that sound polite yet still fail (the
    phrase's near misses, each saying why), topped up with other forbidden phrases (related
    ones first)."""
    every = {phrase.id: phrase for phrase in in_chapters(handbook, Phrase, list(handbook.chapters))}
    for phrase in in_chapters(handbook, Phrase, chapters):
        qid = question_id("reply", phrase.id)
        misses = {miss.text: miss.why for miss in phrase.near_misses}
        related = [every[i].text for i in phrase.related if i in every]
        others = [p.text for p in every.values() if p.id != phrase.id]
        wrong = ranked(qid, misses) + ranked(qid, related) + ranked(qid, others)
        wrong = [text for text in wrong if text != phrase.text]
        reply = whole_reply(phrase)
        question = choice(
            qid,
            f"{quoted(phrase.text)}是禁语。下面哪一句可以用来代替它？",
            [reply],
            wrong,
            f"{phrase.reason}可以这样说：{quoted(reply)}",
            phrase.id,
            why=misses,
        )
        if question:
            # the stem says the phrase is forbidden: a question offering it would be answered
            yield Drill(question, "reply", phrase.id, (phrase.text,))


def thin_reply_questions(handbook: Handbook) -> list[Problem]:
    """禁语 whose reply question has fewer near misses than wrong options: the rest are other
    禁语, rude on their face, next to which the polite answer gives itself away. Not an error
    (the question still works), a hint the editors' check prints."""
    wanted = MAX_OPTIONS - 1
    return [
        Problem(
            phrase.where,
            f"禁语“{phrase.text}”只有 {len(phrase.near_misses)} 句 near_misses（听着客气也不行的说法），"
            f"建议写 {wanted} 句：不然禁语自测里这道题的错误选项是别的禁语，一眼就能看出答案",
        )
        for phrase in handbook.entries("phrase")
        if isinstance(phrase, Phrase) and len(phrase.near_misses) < wanted
    ]


def unquizzed_near_misses(handbook: Handbook) -> list[Problem]:
    """Near misses no quiz asks: their entry's chapter is in no quiz whose drills make them
    questions (an editor wrote near misses for a new dialogue, and the chapter's quiz had no
    `dialogue` drill: nothing said so). A hint the editors' check prints."""
    drills: dict[str, set[str]] = {}
    for quiz in handbook.quizzes.quizzes:
        for chapter in quiz.chapters:
            drills.setdefault(chapter, set()).update(quiz.drills)
    hints = []
    for kind, drill in ((Dialogue, "dialogue"), (Phrase, "reply")):
        for entry in handbook.entries():
            if not isinstance(entry, kind) or not entry.near_misses:
                continue
            chapter = handbook.chapter_of_id[entry.id]
            if drill in drills.get(chapter, set()):
                continue
            hints.append(
                Problem(
                    on_its_line(handbook.root, entry.where.within("near_misses")),
                    f"这一条的 near_misses 不会出成自测题：考“{handbook.chapters[chapter].title}”"
                    f"（chapters: [{chapter}]）的自测，drills 里都没有“{drill}”；要出题，"
                    f"在 content/quizzes.yml 里给那个自测的 drills 加上 {drill}",
                )
            )
    return hints


def dialogue_drills(handbook: Handbook, chapters: Sequence[str]) -> Iterator[Drill]:
    """对话示例: the better reply against the poor one from the seed and the near misses."""
    for dialogue in in_chapters(handbook, Dialogue, chapters):
        qid = question_id("dialogue", dialogue.id)
        misses = {miss.text: miss.why for miss in dialogue.near_misses}
        question = choice(
            qid,
            f"客户这样说，哪一个回答更好？\n客户：{dialogue.customer}",
            [dialogue.better],
            [dialogue.reply, *ranked(qid, misses)],
            f"{quoted(dialogue.reply)}的问题：{dialogue.problem}",
            dialogue.id,
            why=misses,
        )
        if question:
            yield Drill(question, "dialogue", dialogue.id)


def rewrite_drills(handbook: Handbook, chapters: Sequence[str]) -> Iterator[Drill]:
    """措辞改写: the sentence that follows the rule against the ones it rewrites."""
    for rewrite in in_chapters(handbook, Rewrite, chapters):
        qid = question_id("rewrite", rewrite.id)
        question = choice(
            qid,
            f"按{quoted(rewrite.title)}的要求，下面哪一句说得好？",
            [rewrite.say[0]],
            ranked(qid, rewrite.avoid),
            f"{_strip_stop(rewrite.point)}。忌说{quote(rewrite.avoid)}。",
            rewrite.id,
        )
        if question:
            yield Drill(question, "rewrite", rewrite.id)


def _turns(method: Method) -> str:
    return "\n".join(f"{turn.who}：{turn.text}" for turn in method.example)


def method_drills(handbook: Handbook, chapters: Sequence[str]) -> Iterator[Drill]:
    """方法: name the method from its counter example, among methods of the same chapter.

    Methods are compared only within one chapter (objection handling with objection handling,
    closing with closing); a chapter with fewer than three methods gives no such questions.
    """
    for stem in chapters:
        chapter = handbook.chapters.get(stem)
        methods = list(in_chapters(handbook, Method, [stem]))
        if chapter is None or len(methods) < 3:
            continue
        for method in methods:
            example = _turns(method)
            if method.name in example:
                continue  # the example would give the answer away
            qid = question_id("method", method.id)
            question = choice(
                qid,
                f"这段对话里，员工用的是《{chapter.title}》中的哪一种方法？\n{example}",
                [method.name],
                ranked(qid, [m.name for m in methods if m.id != method.id]),
                f"{method.name}：{method.summary}",
                method.id,
            )
            if question:
                # a question asking about 机会成交法 by name (用机会成交法时…) tells which
                # method this example of it shows
                yield Drill(question, "method", method.id, stem_clues=(method.name,))


def objection_drills(handbook: Handbook, chapters: Sequence[str]) -> Iterator[Drill]:
    """常见异议: the methods the handbook suggests, among the other methods of that chapter
    (none for an objection no method fits: a plain refusal is respected)."""
    objections = list(in_chapters(handbook, Objection, chapters))
    for objection in objections:
        qid = question_id("objection", objection.id)
        suggested = [handbook.get(i) for i in objection.methods]
        names = [m.name for m in suggested if isinstance(m, Method)]
        stem = handbook.chapter_of_id[objection.id]
        # A method the handbook suggests for an objection of the same kind is no wrong answer
        # (询问法 against 你们真的可以有这么大的优惠？ while 怀疑 also gets 询问法).
        kin = {i for o in objections if o.category == objection.category for i in o.methods}
        others = [
            m.name
            for m in in_chapters(handbook, Method, [stem])
            if m.name not in names and m.id not in kin
        ]
        many = len(names) > 1
        question = choice(
            qid,
            f"客户这样说，手册建议用{'哪几种' if many else '哪一种'}方法处理？\n客户：{objection.text}",
            names,
            ranked(qid, others),
            f"手册建议用{quote(names)}。示范回答：{quoted(objection.reply)}",
            objection.id,
        )
        if question:
            # a method's example opening with these words (宽带我不需要…) asks the same
            yield Drill(question, "objection", objection.id, (objection.text,))


# A quiz asking what follows every step of a procedure spells out its whole order on one sheet
# (question 3 names the answer to question 8): a few steps apart from each other, no more.
NEXT_STEPS_PER_PROCEDURE: Final = 2
# Three steps leave one wrong option: a coin toss, not a question.
NEXT_STEP_MIN_STEPS: Final = 4


def _steps_asked(steps: Sequence[Step]) -> list[int]:
    """Which steps to ask the next of (by index): a stable choice (by question id) of at most
    NEXT_STEPS_PER_PROCEDURE, no two sharing a step, so no answer is another's question."""
    chosen: list[int] = []
    for index in sorted(
        range(len(steps) - 1), key=lambda i: digest(question_id("next", steps[i].id))
    ):
        if all(abs(index - other) > 1 for other in chosen):
            chosen.append(index)
        if len(chosen) == NEXT_STEPS_PER_PROCEDURE:
            break
    return sorted(chosen)


def next_step_drills(handbook: Handbook, chapters: Sequence[str]) -> Iterator[Drill]:
    """步骤: what comes after a step, among the other steps of the same procedure."""
    for procedure in in_chapters(handbook, Procedure, chapters):
        steps = procedure.steps
        if len(steps) < NEXT_STEP_MIN_STEPS:
            continue
        order = " → ".join(f"{n}. {step.name}" for n, step in enumerate(steps, 1))
        for index in _steps_asked(steps):
            step, following = steps[index], steps[index + 1]
            qid = question_id("next", step.id)
            others = [s.name for n, s in enumerate(steps) if n not in (index, index + 1)]
            question = choice(
                qid,
                f"在{quoted(procedure.title)}里，{quoted(step.name)}之后的下一步是什么？",
                [following.name],
                [s for s in ranked(qid, others) if s not in (step.name, following.name)],
                f"顺序是：{order}",
                following.id,
            )
            if question:
                yield Drill(question, "next-step", step.id)


def customer_type_drills(handbook: Handbook, chapters: Sequence[str]) -> Iterator[Drill]:
    """客户类型: recognise the type from its traits; pick what to do over what not to do."""
    for chapter_stem in chapters:
        chapter = handbook.chapters.get(chapter_stem)
        if chapter is None:
            continue
        for section in chapter.sections:
            types = [e for e in section.entries if isinstance(e, CustomerType)]
            if len(types) < 2:
                continue
            for kind in types:
                qid = question_id("type", kind.id)
                question = choice(
                    qid,
                    f"下面说的是哪一类客户？\n{kind.traits}",
                    [kind.name],
                    ranked(qid, [t.name for t in types if t.id != kind.id]),
                    f"{kind.name}：{kind.traits}",
                    kind.id,
                )
                if question:
                    yield Drill(question, "customer-type", kind.id)
                do = [text for text in kind.do if text not in kind.dont][:2]
                if not do or not kind.dont:
                    continue
                qid = question_id("type-do", kind.id)
                question = choice(
                    qid,
                    f"接待{quoted(kind.name)}时，下面{'哪几条' if len(do) > 1 else '哪一条'}是应该做的？",
                    do,
                    ranked(qid, kind.dont),
                    f"应该：{_listed(kind.do)}。不应该：{_listed(kind.dont)}。",
                    kind.id,
                )
                if question:
                    yield Drill(question, "customer-type", kind.id)


GENERATORS: Final[MappingProxyType[str, Generator]] = MappingProxyType(
    {
        "reply": reply_drills,
        "dialogue": dialogue_drills,
        "rewrite": rewrite_drills,
        "method": method_drills,
        "objection": objection_drills,
        "next-step": next_step_drills,
        "customer-type": customer_type_drills,
    }
)


# Generators whose wrong options come from every chapter (reply: other chapters' 禁语).
FROM_EVERY_CHAPTER: Final = frozenset({"reply"})


def chapters_shown(handbook: Handbook, drills: Sequence[str], chapters: Sequence[str]) -> list[str]:
    """The chapters whose words a quiz of these drills and chapters shows (for its date and
    printed version): its own, or all of them when a generator draws from every chapter."""
    if any(name in FROM_EVERY_CHAPTER for name in drills):
        return list(handbook.chapters)
    return [stem for stem in handbook.chapters if stem in chapters]


def generate(handbook: Handbook, drills: Sequence[str], chapters: Sequence[str]) -> list[Drill]:
    """Every question the named generators build from these chapters, in content order."""
    made = [drill for name in drills for drill in GENERATORS[name](handbook, chapters)]
    return _spread_answers(handbook, made)


def _spread_answers(handbook: Handbook, made: list[Drill]) -> list[Drill]:
    """Move the right answer of each single-choice drill to a letter that evens out the letters
    of its group: the drills of one generator from one chapter with as many options.

    Distractors are the texts that hash lowest, and the options were ordered by a hash too, so
    left alone the right answer came last far more often than not (14 of the 25 answers of the
    objections quiz were D).
    """
    grouped = [((d.generator, handbook.chapter_of_id.get(d.source, "")), d.question) for d in made]
    return [
        replace(drill, question=question)
        for drill, question in zip(made, spread_right_answers(grouped), strict=True)
    ]


def spread_right_answers(grouped: Sequence[tuple[tuple[str, ...], Question]]) -> list[Question]:
    """The questions, each single-choice one with its right option moved so that within each
    group (the key given, and the number of options) every letter is right about as often.
    The group is ranked by question id, not content order, so reordering entries moves no
    answer; each run of n questions takes the n letters once, in an order drawn from the
    group's name, so the letters follow no visible cycle."""
    groups: dict[tuple[tuple[str, ...], int], list[int]] = {}
    for at, (key, question) in enumerate(grouped):
        if question.type == "single":
            groups.setdefault((key, len(question.options)), []).append(at)
    spread = [question for _key, question in grouped]
    for (key, size), members in groups.items():
        members.sort(key=lambda at: grouped[at][1].id)
        for rank, at in enumerate(members):
            run = str(rank // size)
            letters = sorted(range(size), key=lambda n: digest(*key, run, str(n)))
            spread[at] = _right_at(spread[at], letters[rank % size])
    return spread


def _right_at(question: Question, place: int) -> Question:
    """The single-choice question with its right option moved to `place`."""
    right = [o for o in question.options if o.correct]
    wrong = [o for o in question.options if not o.correct]
    return question.model_copy(update={"options": [*wrong[:place], *right, *wrong[place:]]})
