"""Search quality: the query sets, what counts as found, and the engine run by Node.

`search-core.js` is the engine the search box's worker runs; Node runs the same file over the
built index, so ranking is measured on every query in milliseconds. The browser journey tests
(tests/test_search_journey.py) check that what ranks first is also what a tap shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.content.handbook import Handbook
from macros.content.model import Procedure
from macros.content.yaml_source import FAST_LOADER

from . import ROOT
from .node import NODE, LineProcess, node_script

SERVER = ROOT / "tests" / "support" / "search_core_server.js"
TUNING = ROOT / "tests" / "search_queries.yml"
# Held-out batches: written apart, measured once before anything is tuned on them. Batch 1 is
# search_queries_heldout.yml, batch N search_queries_heldoutN.yml (as the checker's batches).
HELD_OUT_BATCHES = tuple(
    sorted(
        (ROOT / "tests").glob("search_queries_heldout*.yml"),
        key=lambda path: int(path.stem.removeprefix("search_queries_heldout") or 1),
    )
)
# The batch a second assessor labelled too (benchmarks/search_heldout4_second_assessor.yml).
HELD_OUT_4 = ROOT / "tests" / "search_queries_heldout4.yml"


# Pooled judgments (scripts/search_pool.py): candidates the writers did not list, graded blind.
JUDGMENTS = ROOT / "benchmarks" / "search_judgments.yml"
# Questions the handbook does not answer (开发票, 工资几号发), written blind: the search box's
# note that its best result only comes near (search-core.js, WEAK_REACH) was set on batch A;
# batches B and C (a phone line's questions) are held out.
OFF_TOPIC_A = ROOT / "tests" / "search_offtopic_a.yml"
OFF_TOPIC_B = ROOT / "tests" / "search_offtopic_b.yml"
OFF_TOPIC_C = ROOT / "tests" / "search_offtopic_c.yml"


@dataclass(frozen=True)
class Query:
    q: str
    expect: tuple[str, ...]


def load_queries(path: Path) -> list[Query]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
    return [Query(item["q"], tuple(item["expect"])) for item in data]


def load_off_topic(path: Path) -> list[str]:
    """The questions of an off-topic batch (each item: q, why it is not covered, near)."""
    return [
        str(item["q"]) for item in yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
    ]


def load_judgment_rows(path: Path) -> list[dict[str, Any]]:
    """The judgments file as written by `scripts/search_pool.py merge`: q, id, role, grades."""
    if not path.exists():
        return []
    return list(yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER) or [])


def answers(grades: Iterable[int]) -> bool:
    """A candidate answers its query when every judge, two at least, graded it 2."""
    given = list(grades)
    return len(given) >= 2 and all(grade == 2 for grade in given)


def load_judgments(path: Path) -> dict[str, dict[str, list[int]]]:
    """Query -> candidate id -> the judges' grades."""
    judged: dict[str, dict[str, list[int]]] = {}
    for row in load_judgment_rows(path):
        judged.setdefault(row["q"], {})[row["id"]] = list(row["grades"].values())
    return judged


def with_judgments(queries: list[Query], judged: dict[str, dict[str, list[int]]]) -> list[Query]:
    """The queries with every candidate the judges found answering accepted too, after the
    writer's own ids."""
    return [
        Query(
            query.q,
            (
                *query.expect,
                *(
                    ident
                    for ident, grades in judged.get(query.q, {}).items()
                    if answers(grades) and ident not in query.expect
                ),
            ),
        )
        for query in queries
    ]


def target_of(location: str) -> str:
    """The id a result location opens: the anchor, else the page (`checklists/jiaojie-ban/`)."""
    page, _, anchor = location.partition("#")
    page = page.partition("?")[0]
    return anchor or page.rstrip("/").rsplit("/", 1)[-1]


def accepted(query: Query, also: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The ids whose opening answers `query`: what it expects, and what `also` accepts for it."""
    extra = [other for ident in query.expect for other in (also or {}).get(ident, ())]
    return list(dict.fromkeys([*query.expect, *extra]))


def rank_of(
    query: Query, locations: list[str], also: dict[str, tuple[str, ...]] | None = None
) -> int | None:
    """Rank of the first result that opens an accepted id."""
    wanted = set(accepted(query, also))
    for number, location in enumerate(locations, start=1):
        if target_of(location) in wanted:
            return number
    return None


def also_accepted(handbook: Handbook) -> dict[str, tuple[str, ...]]:
    """For an expected id, what else answers it. A checklist item has no page of its own:
    its checklist opens it. A procedure is answered by any of its steps too: a step opens
    inside it, on the part the question was about."""
    also: dict[str, tuple[str, ...]] = {}
    for checklist in handbook.checklists.checklists:
        for item in checklist.items:
            also[item.id] = (checklist.id,)
    for procedure in handbook.entries("procedure"):
        if isinstance(procedure, Procedure):
            also[procedure.id] = tuple(step.id for step in procedure.steps)
    return also


class Engine:
    """search-core.js in one long-lived Node process."""

    def __init__(self, lines: LineProcess) -> None:
        self.lines = lines

    def search(self, query: str) -> list[str]:
        return list(self.lines.ask(query))

    def weak(self, query: str) -> bool:
        """Whether the search box says its best result only comes near the question."""
        return bool(self.lines.ask({"weak": query}))

    def cost(self, builds: int, queries: list[str]) -> tuple[list[float], list[float]]:
        """CPU milliseconds of each of `builds` builds of the index (what the search worker
        does once per page loaded in full) and of each search of `queries`."""
        answer = self.lines.ask({"cost": {"builds": builds, "queries": queries}})
        return list(answer["builds"]), list(answer["queries"])

    def marks(self, query: str) -> list[tuple[str, list[str]]]:
        """Each result with the words it marks, in the list and on the page it opens."""
        return [(location, list(words)) for location, words in self.lines.ask({"marks": query})]


@contextmanager
def engine(index: Path) -> Iterator[Engine]:
    if NODE is None:
        raise RuntimeError("node not found: search quality is measured with Node.js")
    with node_script(SERVER, index) as lines:
        yield Engine(lines)


@dataclass(frozen=True)
class Recall:
    total: int
    first: int
    top5: int
    misses: list[tuple[str, int | None]]

    @property
    def at1(self) -> float:
        return self.first / self.total

    @property
    def at5(self) -> float:
        return self.top5 / self.total


def measure(search: Engine, queries: list[Query], also: dict[str, tuple[str, ...]]) -> Recall:
    ranks = [(query.q, rank_of(query, search.search(query.q), also)) for query in queries]
    return Recall(
        total=len(queries),
        first=sum(rank == 1 for _q, rank in ranks),
        top5=sum(rank is not None and rank <= 5 for _q, rank in ranks),
        misses=[(q, rank) for q, rank in ranks if rank != 1],
    )
