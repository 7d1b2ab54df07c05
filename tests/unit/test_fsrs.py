"""今日复习's scheduler (overrides/assets/js/fsrs.js) is FSRS as ts-fsrs computes it.

Node runs the very file the browser loads. Reference values: the long-term scheduler tests of
ts-fsrs (FSRS-5 weights, every interval, stability and difficulty of five rating sequences), its
FSRS-6 tests (first review, and the memory state fsrs-rs also publishes), and the ts-fsrs
package itself (pinned in package.json) on random sequences of ratings and review days.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from ..support import ROOT
from ..support.node import NODE, LineProcess, node_script

SERVER = ROOT / "tests" / "support" / "fsrs_server.js"
TS_FSRS = ROOT / "node_modules" / "ts-fsrs" / "package.json"

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4

# ts-fsrs, src/legacy/__tests__/impl/long-term_scheduler.test.ts: FSRS-5 weights, no short term.
FSRS5_WEIGHTS = [
    0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712, 1.1178,
    2.0225, 0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891, 0.6468,
]  # fmt: skip
G = GOOD
LONG_TERM_CASES = {
    "test1": (
        [G, G, G, G, G, G, AGAIN, AGAIN, G, G, G, G, G],
        [3, 13, 48, 155, 445, 1158, 17, 3, 11, 37, 112, 307, 773],
        [3.0412, 13.09130698, 48.15848988, 154.93732625, 445.05562739, 1158.07779739,
         16.63063166, 3.01732209, 11.42247264, 37.37521902, 111.8752758, 306.5974569,
         772.94026648],
        [4.49094334, 4.26664289, 4.05746029, 3.86237659, 3.68044154, 3.51076891, 4.69833071,
         5.55956298, 5.26323756, 4.98688448, 4.72915759, 4.4888015, 4.26464541],
    ),
    "test2": (
        [AGAIN, HARD, GOOD, EASY, AGAIN, HARD, GOOD, EASY],
        [1, 2, 6, 41, 4, 7, 21, 133],
        [0.4197, 1.0344317, 5.5356759, 41.0033667, 4.46605519, 6.67743292, 20.88868155,
         132.81849454],
        [7.1434, 7.03653841, 6.64066485, 5.92312772, 6.44779861, 6.45995078, 6.10293922,
         5.36588547],
    ),
    "test3": (
        [HARD, GOOD, EASY, AGAIN, HARD, GOOD, EASY, AGAIN],
        [2, 7, 54, 5, 8, 26, 171, 8],
        [1.1869, 6.59167572, 53.76078737, 5.0853693, 8.09786749, 25.52991279, 171.16195166,
         8.11072373],
        [6.23225985, 5.89059466, 5.14583392, 5.884097, 5.99269555, 5.667177, 4.91430736,
         5.71619151],
    ),
    "test4": (
        [GOOD, EASY, AGAIN, HARD, GOOD, EASY, AGAIN, HARD],
        [3, 33, 4, 7, 26, 193, 9, 14],
        [3.0412, 32.65484522, 4.22256838, 7.2325009, 25.52681746, 193.36618775, 8.63899847,
         14.31323867],
        [4.49094334, 3.69538259, 4.83221448, 5.12078462, 4.85403286, 4.07165035, 5.1050878,
         5.34697075],
    ),
    "test5": (
        [EASY, AGAIN, HARD, GOOD, EASY, AGAIN, HARD, GOOD],
        [15, 3, 6, 27, 240, 10, 17, 60],
        [15.2441, 3.25621013, 6.32684549, 26.56339029, 239.70462771, 9.75621519, 17.06035531,
         59.59547542],
        [1.16304343, 2.99573557, 3.59851762, 3.43436666, 2.60045771, 4.03816348, 4.46259158,
         4.24020203],
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LineProcess]:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node not found: the scheduler tests need Node.js")
        pytest.skip("node not found")
    unused = tmp_path_factory.mktemp("fsrs") / "none"
    with node_script(SERVER, unused) as process:
        yield process


def reviews(node: LineProcess, steps: list[tuple[int, int]], **ask: Any) -> list[dict[str, Any]]:
    answer: list[dict[str, Any]] = node.ask({"reviews": steps, "w": None, **ask})
    return answer


@pytest.mark.parametrize("case", LONG_TERM_CASES)
def test_every_interval_stability_and_difficulty_of_the_ts_fsrs_long_term_tests(
    node: LineProcess, case: str
) -> None:
    """Each review on the day the last one scheduled, as ts-fsrs's tests review."""
    grades, intervals, stabilities, difficulties = LONG_TERM_CASES[case]
    steps, waited = [], 0
    for grade, interval in zip(grades, intervals, strict=True):
        steps.append((waited, grade))
        waited = interval
    cards = reviews(node, steps, w=FSRS5_WEIGHTS)
    assert [c["ivl"] for c in cards] == intervals
    assert [c["s"] for c in cards] == pytest.approx(stabilities, abs=1e-8)
    assert [c["d"] for c in cards] == pytest.approx(difficulties, abs=1e-8)


def test_the_first_review_with_the_default_fsrs6_weights(node: LineProcess) -> None:
    """ts-fsrs FSRS-6 'first repeat': stability and difficulty of each first grade. Long term,
    the intervals are those days rounded, kept apart (again < hard < good < easy)."""
    cards = [reviews(node, [(0, grade)])[0] for grade in (AGAIN, HARD, GOOD, EASY)]
    assert [c["s"] for c in cards] == [0.212, 1.2931, 2.3065, 8.2956]
    assert [c["d"] for c in cards] == [6.4133, 5.11217071, 2.11810397, 1]
    assert [c["ivl"] for c in cards] == [1, 2, 3, 8]


def test_the_fsrs6_long_term_memory_state_that_fsrs_rs_publishes(node: LineProcess) -> None:
    """ts-fsrs FSRS-6 'memory state[long-term]' (from fsrs-rs inference.rs): again, then good
    on the same day and 1, 3, 8 and 21 days after."""
    steps = list(zip([0, 0, 1, 3, 8, 21], [AGAIN, GOOD, GOOD, GOOD, GOOD, GOOD], strict=True))
    last = reviews(node, steps)[-1]
    assert last["s"] == pytest.approx(53.335106, abs=5e-5)
    assert last["d"] == pytest.approx(6.3574867, abs=5e-5)


def test_the_same_as_the_ts_fsrs_package_on_random_reviews(node: LineProcess) -> None:
    """600 random histories: any grade, reviewed early, on time or late."""
    if not TS_FSRS.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("ts-fsrs not installed: npm ci")
        pytest.skip("ts-fsrs not installed (npm ci)")
    chance = random.Random(18)
    for _ in range(600):
        steps, interval = [], 0
        for _ in range(chance.randint(1, 12)):
            steps.append((chance.randint(0, 2 * interval), chance.randint(AGAIN, EASY)))
            interval = 1 + interval  # grows like a real schedule, roughly
        for weights in (None, FSRS5_WEIGHTS):
            ours = reviews(node, steps, w=weights)
            theirs = reviews(node, steps, w=weights, engine="ts-fsrs")
            for mine, reference in zip(ours, theirs, strict=True):
                assert mine["ivl"] == reference["ivl"], steps
                assert mine["s"] == pytest.approx(reference["s"], abs=1e-9), steps
                assert mine["d"] == pytest.approx(reference["d"], abs=1e-9), steps


# --- the stored history ---------------------------------------------------------------------


def minute(*when: int) -> int:
    return int(datetime(*when).timestamp()) // 60  # type: ignore[arg-type]


def test_a_day_starts_at_the_handbooks_hour_not_at_midnight(node: LineProcess) -> None:
    before = node.ask({"day": minute(2026, 3, 2, 3, 59) * 60000, "hour": 4})
    after = node.ask({"day": minute(2026, 3, 2, 4, 0) * 60000, "hour": 4})
    midnight = node.ask({"day": minute(2026, 3, 2, 0, 1) * 60000, "hour": 0})
    assert after == before + 1 == midnight


def test_a_wrong_answer_comes_back_the_next_day_and_a_met_phrase_too(node: LineProcess) -> None:
    day = node.ask({"day": minute(2026, 3, 2, 10, 0) * 60000, "hour": 4})
    wrong = node.ask({"replay": [[minute(2026, 3, 2, 10, 0), AGAIN]], "hour": 4})
    met = node.ask({"replay": [[minute(2026, 3, 2, 10, 0), 0]], "hour": 4})
    assert wrong["due"] == met["due"] == day + 1
    assert met["reps"] == 0 and wrong["reps"] == 1


def test_one_grade_counts_once_a_day(node: LineProcess) -> None:
    """The checker sees a phrase on every key press; a quiz can be retried."""
    once = node.ask({"replay": [[minute(2026, 3, 2, 10, 0), AGAIN]], "hour": 4})
    again = [[minute(2026, 3, 2, 10, 0), AGAIN], [minute(2026, 3, 2, 23, 0), AGAIN]]
    assert node.ask({"replay": again, "hour": 4}) == once
    later = [[minute(2026, 3, 2, 10, 0), AGAIN], [minute(2026, 3, 3, 10, 0), AGAIN]]
    assert node.ask({"replay": later, "hour": 4})["reps"] == 2


def test_a_good_answer_pushes_the_next_review_further_than_a_wrong_one(node: LineProcess) -> None:
    first = [minute(2026, 3, 2, 10, 0), AGAIN]
    good = node.ask({"replay": [first, [minute(2026, 3, 3, 10, 0), GOOD]], "hour": 4})
    wrong = node.ask({"replay": [first, [minute(2026, 3, 3, 10, 0), AGAIN]], "hour": 4})
    assert good["due"] - good["last"] > wrong["due"] - wrong["last"] >= 1


@pytest.mark.parametrize(
    "history",
    [None, "x", [], [[1]], [[1, 5]], [["1", 3]], [[1.5, 3]], [[-1, 3]], {"a": 1}, [[1, 3], 7]],
)
def test_anything_that_is_not_a_history_makes_no_card(node: LineProcess, history: Any) -> None:
    assert node.ask({"replay": history, "hour": 4}) is None
