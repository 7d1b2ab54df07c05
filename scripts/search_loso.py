"""Leave-one-set-out estimate of search ranking: what the tuning would score on questions it
never saw.

Every weight of the engine was chosen looking at the query sets, so their current recall is
optimistic. Here each weight is chosen again without one set: for every set tuned on (the tuning
set and the held-out batches `scripts/bench_search.py` marks tuned on; a batch still held out is
never read), the engine's weights, each varied alone around its value (`search-core.js`
constants, the `FIELDS` weights, the prior of each kind of document), are scored on the other
sets, the best variant is kept, and it is measured on the set left out. The sum over the sets
estimates recall on unseen questions (it is still a little optimistic: which weights exist, the
engine's rules, `asked` and synonyms were chosen looking at every set).

Usage: .venv/bin/python scripts/search_loso.py
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_search import BATCHES

from macros.content.loader import load_content
from tests.support.build import build_site
from tests.support.node import NODE, node_script
from tests.support.search import Engine, also_accepted, load_queries, measure

CORE = ROOT / "overrides" / "assets" / "javascripts" / "workers" / "search-core.js"
SERVER = ROOT / "tests" / "support" / "search_core_server.js"
# Engine constants varied (not the limits that only cut the list: KEEP, MAX_RESULTS).
CONSTANTS = (
    "INTENT_BONUS",
    "K1",
    "B",
    "MIN_COVER",
    "TITLE_BONUS",
    "NAME_BONUS",
    "CHARACTER_SHARE",
    "CONCEPT_WEIGHT",
    "COMMON_IDF",
    "LOOSE",
)
FACTORS = (0.75, 1.33)
CONSTANT = re.compile(r"const (?P<name>[A-Z][A-Z0-9_]*) = (?P<value>[0-9.]+);")
FIELDS = re.compile(
    r"const FIELDS = \{ title: ([0-9.]+), k: ([0-9.]+), q: ([0-9.]+), text: ([0-9.]+) \};"
)


@dataclass(frozen=True)
class Variant:
    """The engine with one weight changed (none: as it is)."""

    label: str
    constants: dict[str, str] = field(default_factory=dict)
    kind: tuple[str, float] | None = None  # every document of this kind: prior times factor


def variants(source: str, kinds: set[str]) -> list[Variant]:
    values = {m["name"]: float(m["value"]) for m in CONSTANT.finditer(source)}
    found = [Variant("as is")]
    for name in CONSTANTS:
        for factor in FACTORS:
            value = f"{values[name] * factor:.3g}"
            found.append(Variant(f"{name}={value}", {name: value}))
    fields = FIELDS.search(source)
    assert fields is not None, "FIELDS not found in search-core.js"
    weights = [float(w) for w in fields.groups()]
    for number, name in enumerate(("title", "k", "q", "text")):
        for factor in FACTORS:
            changed = list(weights)
            changed[number] = round(weights[number] * factor, 3)
            body = ", ".join(
                f"{n}: {w:g}" for n, w in zip(("title", "k", "q", "text"), changed, strict=True)
            )
            found.append(Variant(f"FIELDS.{name}={changed[number]:g}", {"FIELDS": f"{{ {body} }}"}))
    for kind in sorted(kinds):
        for factor in FACTORS:
            found.append(Variant(f"prior {kind}×{factor}", kind=(kind, factor)))
    return found


def patched(source: str, variant: Variant) -> str:
    for name, value in variant.constants.items():
        source, count = re.subn(rf"const {name} = [^;]+;", f"const {name} = {value};", source)
        assert count == 1, name
    return source


def reweighted(index: dict[str, Any], variant: Variant) -> dict[str, Any]:
    if variant.kind is None:
        return index
    kind, factor = variant.kind
    docs = [
        {**doc, "boost": doc.get("boost", 1) * factor} if doc.get("c", "page") == kind else doc
        for doc in index["docs"]
    ]
    return {**index, "docs": docs}


def main() -> int:
    if NODE is None:
        print("node not found: search quality is measured with Node.js", file=sys.stderr)
        return 1
    sets = [b for b in BATCHES if not b.held_out]
    queries = {b.name: load_queries(b.path) for b in sets}
    also = also_accepted(load_content(ROOT / "content"))
    source = CORE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        built = build_site(ROOT, work / "site")
        if not built.ok:
            print(built.log, file=sys.stderr)
            return 1
        index = json.loads((work / "site" / "search" / "handbook_index.json").read_text("utf-8"))
        kinds = {str(doc.get("c", "page")) for doc in index["docs"]}
        # the runner loads search-core.js from its own folder: a copy per variant
        runner = work / "tests" / "support" / "search_core_server.js"
        runner.parent.mkdir(parents=True)
        shutil.copy(SERVER, runner)
        engine_file = work / CORE.relative_to(ROOT)
        engine_file.parent.mkdir(parents=True)
        scores: list[dict[str, tuple[int, int, int]]] = []
        tried = variants(source, kinds)
        for variant in tried:
            engine_file.write_text(patched(source, variant), encoding="utf-8")
            index_file = work / "index.json"
            index_file.write_text(json.dumps(reweighted(index, variant)), encoding="utf-8")
            with node_script(runner, index_file) as lines:
                per_set = {}
                for name, asked in queries.items():
                    recall = measure(Engine(lines), asked, also)
                    per_set[name] = (recall.first, recall.top5, recall.total)
            scores.append(per_set)
    report(tried, scores, [b.name for b in sets])
    return 0


def report(
    tried: list[Variant], scores: list[dict[str, tuple[int, int, int]]], names: list[str]
) -> None:
    def total(score: dict[str, tuple[int, int, int]], among: list[str]) -> tuple[int, int]:
        return sum(score[n][0] for n in among), sum(score[n][1] for n in among)

    as_is = scores[0]
    count = sum(as_is[n][2] for n in names)
    first, top5 = total(as_is, names)
    print(f"engine as it is, every set: recall@1 {first / count:.1%}, recall@5 {top5 / count:.1%}")
    left_first = left_top5 = 0
    for name in names:
        others = [n for n in names if n != name]
        best = max(range(len(tried)), key=lambda i: (*total(scores[i], others), -i))
        one, five, size = scores[best][name]
        left_first += one
        left_top5 += five
        print(
            f"- {name} left out: weights chosen on the rest → {tried[best].label};"
            f" recall@1 {one / size:.1%} ({one}/{size}), recall@5 {five / size:.1%}"
        )
    print(
        f"leave-one-set-out over {count} queries: recall@1 {left_first / count:.1%},"
        f" recall@5 {left_top5 / count:.1%}"
    )


if __name__ == "__main__":
    sys.exit(main())
