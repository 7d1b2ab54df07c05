"""Files outside content/ that name content ids, and the ids they name that content/ lacks.

pyproject.toml lists them ([tool.handbook] id-followers: glob patterns from the project folder):
the search query sets, the phrase checker's corpus, the benchmarks' judgments, the coverage maps
and the tests' code. `python -m macros rename` changes an id there too. An id that went from
content/ (an entry deleted, or given a new id because its meaning changed) still named there
passed `check` and failed CI minutes later: `check` now names each place.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

from .handbook import Handbook
from .phrase_spec import TONE_ID
from .problems import Problem
from .where import Where
from .yaml_source import FAST_LOADER

# Keys whose values are content ids in those files (query sets: expect; the phrase checker's
# corpus: phrases; pooled judgments: id; the second assessor: best, also). A coverage map's
# values are selectors, `how:id/path`.
ID_KEYS = frozenset({"expect", "phrases", "id", "best", "also"})

STALE = (
    "这里写着编号“{ident}”，content/ 里已经没有了。改了编号：用 .venv/bin/python -m macros rename "
    "旧编号 新编号，它会把这些地方一起改好；条目换了新编号（意思变了）：新条目也能回答这一条时，"
    "把这里改成新编号，否则删掉这个编号；删除了条目：用 .venv/bin/python -m macros forget 编号，"
    "它会把这些地方一起清理好。"
)


def followers(root: Path) -> list[Path]:
    """The files of the project at `root` that name content ids, as pyproject.toml lists them."""
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return []
    settings = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    patterns = settings.get("tool", {}).get("handbook", {}).get("id-followers", [])
    return sorted({path for pattern in patterns for path in root.glob(pattern) if path.is_file()})


def named_ids(path: Path) -> Iterator[tuple[int, str]]:
    """(line, id) of every content id a YAML follower names."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
    coverage = path.parent.name == "coverage"
    todo = [root] if root is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if coverage and isinstance(value, yaml.SequenceNode):
                    for selector in value.value:
                        target = str(selector.value).partition(":")[2].split("/")[0]
                        yield selector.start_mark.line + 1, target
                elif key.value in ID_KEYS:
                    scalars = value.value if isinstance(value, yaml.SequenceNode) else [value]
                    for scalar in scalars:
                        yield scalar.start_mark.line + 1, str(scalar.value)
                else:
                    todo.append(value)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)


def known_names(handbook: Handbook, root: Path) -> set[str]:
    """What a follower may name: content ids, and what a search result opens that is a page,
    not an entry: its path in docs/ (complaints, quizzes); also the checker's tone note."""
    docs = root / "docs"
    pages = {p.stem for p in docs.glob("*.md")} | (
        {p.name for p in docs.iterdir() if p.is_dir()} if docs.is_dir() else set()
    )
    return set(handbook.by_id) | pages | {TONE_ID}


# More places than this for one id are said once, with how many in each file: a deleted
# 禁语 was 75 lines of the same advice (an editors' audit).
EACH_PLACE_UP_TO = 3


def stale_places(handbook: Handbook, root: Path) -> dict[str, list[Where]]:
    """The ids YAML followers name that content/ no longer has, each with where it is named."""
    known = known_names(handbook, root)
    places: dict[str, list[Where]] = {}
    for path in followers(root):
        if path.suffix != ".yml":
            continue
        for line, ident in named_ids(path):
            if ident not in known and ident.isascii():
                places.setdefault(ident, []).append(Where(path.relative_to(root).as_posix(), line))
    return places


def stale_ids(handbook: Handbook, root: Path) -> list[Problem]:
    """Each place a YAML follower names an id content/ no longer has, or, for an id named in
    many, the first of them with a count per file (tests name ids in their code too; a stale
    one fails there, with its own message)."""
    problems = []
    for ident, wheres in stale_places(handbook, root).items():
        advice = STALE.format(ident=ident)
        if len(wheres) <= EACH_PLACE_UP_TO:
            problems += [Problem(where, advice) for where in wheres]
            continue
        files = Counter(where.file for where in wheres)
        counted = "、".join(f"{file} {count} 处" for file, count in files.items())
        problems.append(
            Problem(
                min(wheres, key=lambda w: (w.file, w.line)),
                f"{advice}（一共 {len(wheres)} 处：{counted}）",
            )
        )
    return problems
