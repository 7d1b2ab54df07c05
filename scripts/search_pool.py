"""Pooled relevance judgments for the search query sets: who decides that a first result answers.

Each query set names, per query, the ids its writer found that answer it. A writer cannot see
every entry that would answer, so an engine that opens another entry which answers just as well
is counted as missing. The usual remedy in search evaluation is pooling: the results the engine
returns that the labels do not accept are judged by assessors who do not know which candidate
is the engine's and which the writer's. This script makes the assessors' sheets and reads their
grades back:

    .venv/bin/python scripts/search_pool.py sheets DIR    # sheets + a private key, for the judges
    .venv/bin/python scripts/search_pool.py merge DIR     # grades -> benchmarks/search_judgments.yml

`sheets` builds the site, runs the engine (`search-core.js`) on every query of every set, and
for each query whose first result (or, when no accepted id is in the first five, each of the
first five) is neither accepted nor already judged, writes a sheet with the query and its
candidates in random order: those results, one id the writer accepted and one entry of the same
chapter that was not returned (controls: how often the judges accept the writer's answer, and
how lenient they are). Candidates show what staff see on opening them: page, title and text,
never `asked`, keywords or ids. Only the sheets go to the judges (`DIR/sheets/*.md`); the key
(`DIR/key.json`) stays with whoever runs the script. Each judge writes `DIR/grades-<judge>.yml`:

    - sheet: 7
      grades: {A: 2, B: 0, C: 1}

2 = opening it, the reader has what the query asks for; 1 = on the subject but not the
answer; 0 = unrelated. `merge` adds every graded candidate to the judgments file. A candidate
counts as answering (`scripts/bench_search.py`, "with pooled judgments") only when every judge
of it gave 2, at least two judges.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.content.id_followers import known_names
from macros.content.loader import load_content
from tests.support.build import build_site
from tests.support.search import (
    HELD_OUT_BATCHES,
    JUDGMENTS,
    TUNING,
    Query,
    accepted,
    also_accepted,
    answers,
    engine,
    load_judgment_rows,
    load_judgments,
    load_queries,
    target_of,
)

LABELS = "ABCDEFGHIJ"
TEXT_LIMIT = 360  # characters of an entry's text on a sheet: enough to tell what it answers


@dataclass(frozen=True)
class Candidate:
    ident: str
    role: str  # "engine", "writer" or "distractor": only in the key


def shown(doc: dict[str, Any], pages: dict[str, str]) -> str:
    """What staff see on opening a result: page, title, text (cut)."""
    page = pages.get(doc["location"].partition("#")[0], "")
    text = " ".join(str(doc.get("text", "")).split())
    if len(text) > TEXT_LIMIT:
        text = text[: TEXT_LIMIT - 1] + "…"
    where = f"（{page}）" if page and page != doc.get("title") else ""
    return f"**{doc.get('title', '')}**{where}\n\n{text}"


def make_sheets(out: Path, seed: int) -> int:
    handbook = load_content(ROOT / "content")
    also = also_accepted(handbook)
    judged = load_judgments(JUDGMENTS)
    sets = [TUNING, *HELD_OUT_BATCHES]
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        built = build_site(ROOT, site)
        if not built.ok:
            print(built.log, file=sys.stderr)
            return 1
        index_file = site / "search" / "handbook_index.json"
        index = json.loads(index_file.read_text(encoding="utf-8"))
        docs = {target_of(d["location"]): d for d in index["docs"]}
        pages = {
            d["location"]: d.get("title", "") for d in index["docs"] if "#" not in d["location"]
        }
        # Controls are what the judgments file may name (`check` holds it to known_names): a
        # checklist's printable sheet is a document of the index (#…-sheet), not a content id.
        ids = known_names(handbook, ROOT)
        by_page: dict[str, list[str]] = {}
        for ident, doc in docs.items():
            if ident in ids:
                by_page.setdefault(doc["location"].partition("#")[0], []).append(ident)
        sheets: list[tuple[Query, list[Candidate]]] = []
        seen: set[str] = set()
        with engine(index_file) as search:
            for path in sets:
                for query in load_queries(path):
                    if query.q in seen:
                        continue
                    seen.add(query.q)
                    candidates = pool(
                        query, search.search(query.q), also, judged, docs, by_page, rng
                    )
                    if candidates:
                        sheets.append((query, candidates))
        (out / "sheets").mkdir(parents=True, exist_ok=True)
        key: list[dict[str, Any]] = []
        for number, (query, candidates) in enumerate(sheets, start=1):
            rng.shuffle(candidates)
            lines = [f"# 第 {number} 张", "", f"查询：**{query.q}**", ""]
            for label, candidate in zip(LABELS, candidates, strict=False):
                lines += [f"## {label}", "", shown(docs[candidate.ident], pages), ""]
            (out / "sheets" / f"{number:03d}.md").write_text("\n".join(lines), encoding="utf-8")
            key.append(
                {
                    "sheet": number,
                    "q": query.q,
                    "candidates": {
                        label: {"id": c.ident, "role": c.role}
                        for label, c in zip(LABELS, candidates, strict=False)
                    },
                }
            )
        (out / "key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), "utf-8")
    print(f"{len(sheets)} sheets, {sum(len(k['candidates']) for k in key)} candidates in {out}")
    return 0


def pool(
    query: Query,
    results: list[str],
    also: dict[str, tuple[str, ...]],
    judged: dict[str, dict[str, list[int]]],
    docs: dict[str, Any],
    by_page: dict[str, list[str]],
    rng: random.Random,
) -> list[Candidate]:
    """The candidates a query needs judged: its unaccepted first result, or its first five
    when none of them is accepted; plus one control of each kind. Empty when nothing new."""
    wanted = set(accepted(query, also))
    targets = list(dict.fromkeys(target_of(r) for r in results))[:5]
    if not targets:
        return []
    needed = targets if wanted.isdisjoint(targets) else targets[:1]
    known = judged.get(query.q, {})
    fresh = [t for t in needed if t not in wanted and t not in known and t in docs]
    if not fresh:
        return []
    writer = next((i for i in query.expect if i in docs), None)
    page = docs[fresh[0]]["location"].partition("#")[0]
    others = [i for i in by_page.get(page, []) if i not in wanted and i not in targets]
    candidates = [Candidate(t, "engine") for t in fresh]
    if writer is not None and writer not in known:
        candidates.append(Candidate(writer, "writer"))
    if others:
        candidates.append(Candidate(rng.choice(others), "distractor"))
    return candidates


def merge(out: Path) -> int:
    key = {entry["sheet"]: entry for entry in json.loads((out / "key.json").read_text("utf-8"))}
    rows = {(row["q"], row["id"]): row for row in load_judgment_rows(JUDGMENTS)}
    files = sorted(out.glob("grades-*.yml"))
    if not files:
        print(f"no grades-*.yml in {out}", file=sys.stderr)
        return 1
    for file in files:
        judge = file.stem.removeprefix("grades-")
        for graded in yaml.safe_load(file.read_text(encoding="utf-8")) or []:
            entry = key[int(graded["sheet"])]
            for label, grade in graded["grades"].items():
                candidate = entry["candidates"][label]
                row = rows.setdefault(
                    (entry["q"], candidate["id"]),
                    {
                        "q": entry["q"],
                        "id": candidate["id"],
                        "role": candidate["role"],
                        "grades": {},
                    },
                )
                row["grades"][judge] = int(grade)
    ordered = sorted(rows.values(), key=lambda row: (row["q"], row["id"]))
    header = (
        "# Pooled relevance judgments (scripts/search_pool.py): per query and candidate, each\n"
        "# judge's grade (2 answers, 1 on the subject, 0 unrelated), given blind to which\n"
        "# candidate the engine returned (role: engine) and which the writer accepted (writer)\n"
        "# or was a same-page control (distractor). Written by `merge`, never by hand.\n"
    )
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=200)
    JUDGMENTS.write_text(header + body, encoding="utf-8")
    print(judge_summary(ordered))
    return 0


ROLES = {"writer": "the ids the writers listed", "distractor": "the same-page controls"}


def judge_summary(rows: list[dict[str, Any]]) -> str:
    """How the assessors graded the controls, and how often they agreed with each other."""
    parts = []
    for role, what in ROLES.items():
        graded = [row for row in rows if row["role"] == role and len(row["grades"]) >= 2]
        if graded:
            both = sum(answers(row["grades"].values()) for row in graded)
            parts.append(f"{what}: {both / len(graded):.0%} ({both}/{len(graded)})")
    engine = [row for row in rows if row["role"] == "engine" and len(row["grades"]) >= 2]
    both = sum(answers(row["grades"].values()) for row in engine)
    pairs = [list(row["grades"].values()) for row in rows if len(row["grades"]) >= 2]
    same = sum(len({g == 2 for g in pair}) == 1 for pair in pairs)
    return (
        f"Both assessors graded 'answers' {', '.join(parts)}; the engine's unlisted results:"
        f" {both / max(len(engine), 1):.0%} ({both}/{len(engine)}). They agreed on"
        f" 'answers' or not for {same / max(len(pairs), 1):.0%} of the {len(pairs)} candidates."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("action", choices=("sheets", "merge"))
    parser.add_argument("dir", type=Path)
    parser.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args()
    if args.action == "sheets":
        return make_sheets(args.dir, args.seed)
    return merge(args.dir)


if __name__ == "__main__":
    raise SystemExit(main())
