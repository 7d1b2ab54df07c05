"""Tone (语气): a line that sounds like a brush-off although it says none of the listed phrases.

Patterns find the phrases the handbook lists, worded as editors foresaw. Staff brush customers
off in endless other words ("排什么队", "看师傅心情吧"), and held-out batches showed patterns
alone finding about half of those on first sight. So a small linear model scores what is left:
every character 1- to 3-gram of a line, with its ends marked, has a weight learned from the
labelled corpus and the handbook's own wording; a line whose weights add up past the threshold
is marked as 语气 (tone), once, where no listed phrase was found in it; on a line with one, each
sentence without a phrase is scored alone (`Matcher._tone`).

Both matchers run exactly this (`checker-core.js` is the browser's copy): the same units of the
normalised text, the same grams, integer weights, so the sums are identical. `train()` is only
run by `python -m macros tone`, which writes the weights the build puts in the spec.

Units: each line of what the staff member says in the normalised text, without a speaker label
("员工：" is dropped; what follows "客户：" is the customer's and is not scored, see `turns`); a
line longer than UNIT_MAX characters is cut between sentences into pieces of at most UNIT_MAX (a
longer sentence is a piece alone). A unit with fewer than MIN_IDEOGRAPHS Chinese characters is
not scored.

A unit of several sentences that does not pass is scored again sentence by sentence, and each
that passes alone is marked: a polite sentence must not hide a rude one on its line (我马上帮您
查。你听不见吗？ passed, its first sentence outweighing the second), while a brush-off spread
over short sentences (不知道。下一位！) is still found whole.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Final, NamedTuple, TypedDict

from .normalise import NL, PAUSE, STOP, Normalised

UNIT_MAX: Final = 120
GRAM_MAX: Final = 3
MIN_IDEOGRAPHS: Final = 4  # a shorter unit ("好的", "138 0013 8000") has no tone to judge
# A unit's ends: ASCII punctuation is a pause once normalised, so these never occur in it.
BEGIN: Final = "^"
END: Final = "$"
SEPARATOR: Final = "|"  # between the grams of one weight in the spec (a pause, never a gram)
# Who speaks a line of a call record or chat log (客户：…), as the systems that export them
# write it. Not words a staff member greets with (乘客您好, 业主，您好): a customer's turn is
# not checked, and it lasts until the next label.
CUSTOMER_LABELS: Final = (
    *("客户", "顾客", "用户", "客人", "来电客户", "来电人", "来电", "对方"),
    *("访客", "机主", "买家"),
)
STAFF_LABELS: Final = (
    *("员工", "客服", "坐席", "营业员", "话务员", "柜员", "工作人员", "店员"),
    *("在线客服", "人工客服", "客服代表", "客户经理", "大堂经理", "经理", "主管", "班长"),
)
# Recording systems put a time stamp before a line's speaker or between the speaker and the
# colon ([00:01:07] 客户：, 10:02:05 坐席：, 客户 2026-12-01 10:02:05：); normalised, digits and pauses.
STAMP: Final = f"[0-9]+(?:{PAUSE}[0-9]+)*"
NAME_MAX: Final = 4  # 客服小王：, 坐席张小明：
# What ends a speaker's label before normalising (a colon becomes a pause) and how far into a
# line it may come: an unknown speaker (A：, 小王：) opens a turn too (`turns`).
COLONS: Final = ":：︰﹕∶"
LABEL_MAX: Final = 12
SCALE: Final = 20  # weights are stored as round(weight × SCALE)
THRESHOLD: Final = 40  # a logit of 2: the model is over seven to one it is a brush-off
FEATURES: Final = 2000  # the grams kept, heaviest first: what the page downloads
EPOCHS: Final = 30
RATE: Final = 0.2
DECAY: Final = 1e-3
SEED: Final = 2026
# Written by `python -m macros tone`, read by the build; never edited by hand.
MODEL_FILE: Final = Path(__file__).with_name("tone_model.json")


class ToneModel(TypedDict):
    """The model as the spec carries it, settings included so the browser has one source.

    No bias: a unit scores the sum of its grams' weights, so words the model has not learned
    count nothing and a line is marked only on evidence."""

    unit_max: int
    gram_max: int
    min_ideographs: int
    threshold: int
    weights: dict[str, str]  # weight → its grams joined by SEPARATOR


class ModelFile(TypedDict):
    """The file as written: the model and what it was learned from."""

    about: str
    trained_on: str  # `fingerprint()` of the examples
    examples: int
    model: ToneModel


def load_model(path: Path = MODEL_FILE) -> ModelFile:
    loaded: ModelFile = json.loads(path.read_text(encoding="utf-8"))
    return loaded


Span = tuple[int, int]


def units(text: str, model: ToneModel, said: Sequence[Turn]) -> list[tuple[Span, list[Span]]]:
    """Spans [start, end) of normalised text that are scored, in order, each with its sentences
    when it has more than one (scored alone when it does not pass whole): the staff member's
    words of `said` (the text's `turns`), line by line."""
    spans: list[tuple[Span, list[Span]]] = []
    for turn in said:
        if turn.customer:
            continue
        start = turn.words
        while start <= turn.end:
            end = text.find(NL, start, turn.end)
            end = turn.end if end < 0 else end
            spans += _line_units(text, start, end, model)
            start = end + 1
    return spans


def colons_in(text: str, norm: Normalised) -> set[int]:
    """The pauses of `norm` (normalised `text`) that were, or held, a colon: where a speaker's
    label ends (`turns`)."""
    return {
        i
        for i, c in enumerate(norm.text)
        if c == PAUSE and any(raw in COLONS for raw in text[norm.starts[i] : norm.ends[i]])
    }


class Openings(TypedDict):
    """Regexes of a call record turn's opening, up to its words, as the spec carries them."""

    customer: str
    staff: str
    colons: str  # COLONS
    label_max: int  # LABEL_MAX


def openings() -> Openings:
    """A turn opens with its speaker's label and a colon, at a line's start or after a stop;
    before the label there may be what a recording system or a spreadsheet writes (a time
    stamp, a row number, an id: no Chinese), between the label and the colon a time stamp."""

    def opening(labels: Iterable[str], name: str = "") -> str:
        either = "|".join(labels)
        return f"[^\\u4e00-\\u9fff\\n]*(?:{either}){name}(?:{PAUSE}?{STAMP})?{PAUSE}"

    # A staff label may carry a name (客服小王：): unrecognised, it would leave the line to the
    # customer whose turn came before. A customer's may not: 用户您好， opens a staff reply.
    return {
        "customer": opening(CUSTOMER_LABELS),
        "staff": opening(STAFF_LABELS, f"[^{PAUSE}{STOP}\\n0-9]{{0,{NAME_MAX}}}?"),
        "colons": COLONS,
        "label_max": LABEL_MAX,
    }


class Turn(NamedTuple):
    opening: int  # where its label starts (the turn's start)
    words: int  # where its words start, after the label
    end: int  # where the next turn opens, or the text's end
    customer: bool


def turns(text: str, colons: AbstractSet[int] = frozenset()) -> list[Turn]:
    """Who says what in a call record, in order. A turn opens with a label (`openings`) at a
    line's start or after a stop (客户：宽带坏了。坐席：…), and goes on until the next: over
    the lines under a label on a line of its own, and over a long turn's further lines. What
    comes before the first label is the staff member's. `colons`: the pauses of `text` that
    were a colon: a label the checker does not know (A：, 小王：, 坐席(工号1023)：) opens a
    turn too, taken for the staff member's: it ends a customer's turn (a brush-off hidden in
    it would go unseen), and its words are scored without the label."""
    found = openings()
    customer, staff = re.compile(found["customer"]), re.compile(found["staff"])
    result: list[Turn] = []
    opening, words, says = 0, 0, False
    for boundary in re.finditer(f"^|[{NL}{STOP}]", text):
        position = boundary.end()
        label = customer.match(text, position) or staff.match(text, position)
        colon = _colon(text, position, colons)
        if label is not None:
            # its words after the colon when the label goes on to one (坐席(工号1023)：)
            said = colon + 1 if colon is not None and colon >= label.end() else label.end()
            following = said, label.re is customer
        elif colon is not None:
            following = colon + 1, False
        else:
            continue
        if position:  # (the text's start opens the first turn, labelled or not)
            result.append(Turn(opening, words, position, says))
        opening, (words, says) = position, following
    result.append(Turn(opening, words, len(text), says))
    return result


def _colon(text: str, start: int, colons: AbstractSet[int]) -> int | None:
    """The first colon within LABEL_MAX characters of `start`, before a stop or a break."""
    for position in range(start + 1, min(len(text), start + LABEL_MAX)):
        if text[position] in (NL, STOP):
            return None
        if position in colons:
            return position
    return None


def _line_units(text: str, start: int, end: int, model: ToneModel) -> list[tuple[Span, list[Span]]]:
    while start < end and text[start] in (PAUSE, STOP):
        start += 1
    pieces: list[list[Span]] = [[]]  # the sentences of each piece
    position = start
    while position < end:
        stop = text.find(STOP, position, end)
        sentence_end = end if stop < 0 else stop + 1
        if pieces[-1] and sentence_end - pieces[-1][0][0] > model["unit_max"]:
            pieces.append([])
        pieces[-1].append((position, sentence_end))
        position = sentence_end
    found: list[tuple[Span, list[Span]]] = []
    for sentences in pieces:
        if not sentences:
            continue
        whole = _scored(text, sentences[0][0], sentences[-1][1], model)
        alone = [s for s in (_scored(text, a, b, model) for a, b in sentences) if s]
        if whole:
            found.append((whole, alone if len(sentences) > 1 else []))
    return found


def _scored(text: str, start: int, end: int, model: ToneModel) -> Span | None:
    """The span without trailing pauses and stops ("。" before a line break is part of the
    break once normalised, and a sentence must score the same at the end of a line as anywhere
    else), if it has enough Chinese characters to be scored."""
    end = _trim_end(text, start, end)
    enough = sum(map(_ideograph, text[start:end])) >= model["min_ideographs"]
    return (start, end) if enough else None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in (PAUSE, STOP):
        end -= 1
    return end


def _ideograph(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"


def grams(unit: str, gram_max: int = GRAM_MAX) -> set[str]:
    """Every 1- to gram_max-gram of the unit with its ends marked (the marks alone are no gram:
    they are in every unit)."""
    marked = BEGIN + unit + END
    found = {
        marked[i : i + size]
        for size in range(1, gram_max + 1)
        for i in range(len(marked) - size + 1)
    }
    return found - {BEGIN, END}


def table(model: ToneModel) -> dict[str, int]:
    """Gram → integer weight."""
    return {
        gram: int(weight)
        for weight, joined in model["weights"].items()
        for gram in joined.split(SEPARATOR)
    }


def score(weights: dict[str, int], model: ToneModel, unit: str) -> int:
    return sum(weights.get(gram, 0) for gram in grams(unit, model["gram_max"]))


# --- training (python -m macros tone) --------------------------------------------------------


def fingerprint(examples: Iterable[tuple[str, bool]]) -> str:
    """What the weights were learned from: a test compares it with the corpus as it is now."""
    digest = hashlib.sha256()
    settings = (UNIT_MAX, GRAM_MAX, MIN_IDEOGRAPHS, SCALE, FEATURES, EPOCHS, RATE, DECAY, SEED)
    digest.update(repr(settings).encode())
    for text, bad in examples:
        digest.update(f"{int(bad)}{text}\n".encode())
    return digest.hexdigest()[:16]


_SWAP: Final = str.maketrans("你您", "您你")


def swap_address(text: str) -> str:
    """你 ↔ 您: the pronoun alone must not decide (fine sentences in the corpus say 您)."""
    return text.translate(_SWAP)


def train(examples: Sequence[tuple[str, bool]]) -> ToneModel:
    """Logistic regression without intercept by stochastic gradient descent, deterministic
    (fixed seed and order).

    `examples` are normalised units and whether they are a brush-off; each also counts with 你
    and 您 swapped. The FEATURES heaviest weights are kept, scaled to integers.
    """
    data = [(grams(text), bad) for text, bad in examples]
    data += [(grams(swap_address(text)), bad) for text, bad in examples]
    weights: dict[str, float] = {}
    order = list(range(len(data)))
    shuffle = random.Random(SEED)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for index in order:
            features, bad = data[index]
            logit = sum(weights.get(gram, 0.0) for gram in features)
            error = 1 / (1 + math.exp(-max(-30.0, min(30.0, logit)))) - bad
            for gram in features:
                old = weights.get(gram, 0.0)
                weights[gram] = old - RATE * (error + DECAY * old)
    kept = sorted(weights.items(), key=lambda item: (-abs(item[1]), item[0]))[:FEATURES]
    grouped: dict[int, list[str]] = {}
    for gram, weight in kept:
        scaled = round(weight * SCALE)
        if scaled:
            grouped.setdefault(scaled, []).append(gram)
    return {
        "unit_max": UNIT_MAX,
        "gram_max": GRAM_MAX,
        "min_ideographs": MIN_IDEOGRAPHS,
        "threshold": THRESHOLD,
        "weights": {
            str(weight): SEPARATOR.join(sorted(found)) for weight, found in sorted(grouped.items())
        },
    }
