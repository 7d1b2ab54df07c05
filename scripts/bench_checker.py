"""Benchmark of the phrase checker (话术自查) on the labelled corpus, printed and written to README.

Runs `tests/checker_corpus.yml` (one sentence per line) through the command line
(`python -m macros phrases --json`) and through the real page in Chromium at phone size, scores
both against the labels, checks that their findings are identical, and times a 5,000-character
transcript: in the page a key press and the check once typing pauses (at normal speed and with
the CPU slowed 4x, like a cheap phone), and in Python; and the first check of a visit. Rewrites the README between
`<!-- checker:begin -->` and `<!-- checker:end -->`.

Usage: .venv/bin/python scripts/bench_checker.py [--site BUILT_SITE] [--no-readme]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from readme_section import rewrite_section

from macros.content.loader import load_content
from macros.content.phrase_spec import build_spec
from macros.phrases.matcher import Matcher
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.support.build import run_build
from tests.support.checker import (
    HELD_OUT,
    HeldOutScore,
    Key,
    Score,
    check_in_page,
    held_out_score,
    load_corpus,
    long_transcript,
    page_findings,
    score,
    transcript,
)
from tests.support.server import serve

# Interaction latency as Chrome reports it (Event Timing, the basis of INP): from a real key
# press at the end of the transcript to the next paint after the checker re-rendered.
OBSERVE = """() => {
  window.checkerLatency = {};
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.interactionId) {
        window.checkerLatency[e.interactionId] =
          Math.max(window.checkerLatency[e.interactionId] || 0, e.duration);
      }
    }
  }).observe({ type: "event", durationThreshold: 16 });
}"""


def key_latency(page: Any, presses: int) -> list[float]:
    """Milliseconds per key press; Chrome only reports those of 16 ms or more (counted as 16)."""
    page.evaluate(OBSERVE)
    for index in range(presses):
        page.keyboard.press("Backspace" if index % 2 else "a")
        page.wait_for_timeout(300)
    reported = list(page.evaluate("Object.values(window.checkerLatency)"))
    return reported + [16.0] * max(0, presses - len(reported))


LONG_TASKS = """() => {
  window.checkerTasks = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) window.checkerTasks.push(e.duration);
  }).observe({ type: "longtask" });
}"""


def recheck(page: Any, edits: int) -> list[float]:
    """Milliseconds of the check after each edit of a long text, which runs once typing pauses:
    the longest task it leaves (Chrome reports tasks of 50 ms and more; shorter counts as 50)."""
    found = []
    for index in range(edits):
        page.evaluate(LONG_TASKS)
        page.keyboard.press("Backspace" if index % 2 else "a")
        page.wait_for_timeout(800)  # the pause before the check, and the check
        found.append(max(page.evaluate("window.checkerTasks"), default=50.0))
    return found


def first_check(instance: Any, address: str, visits: int) -> list[float]:
    """The first key press of a visit with the CPU slowed 4×, the page open 3 s before (the
    phrases' expressions are compiled while the reader reads): milliseconds, as Event Timing
    reports them."""
    found = []
    for _ in range(visits):
        context = instance.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(address, wait_until="networkidle")
        page.wait_for_function("document.querySelector('[data-checker]').dataset.ready === '1'")
        page.wait_for_timeout(3000)
        page.get_by_label("要检查的话").focus()
        found += key_latency(page, 1)
        context.close()
    return found


def command_line(text: str) -> tuple[list[Key], float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.txt"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "macros", "phrases", str(path), "--json"],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
    report = json.loads(result.stdout)
    keys = [(f["phrase"], f["line"], f["column"], f["text"]) for f in report["findings"]]
    return keys, elapsed


def browser(site: Path, text: str, long_text: str) -> dict[str, Any]:
    server = serve(site)
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = instance.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            page = context.new_page()
            page.set_default_timeout(600_000)  # the whole corpus is one long paste
            first = first_check(instance, server.page_url("checker/"), 3)
            page.goto(server.page_url("checker/"), wait_until="networkidle")
            check_in_page(page, text)
            keys = page_findings(page)
            check_in_page(page, long_text)
            normal = key_latency(page, 20)
            check = recheck(page, 6)
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            slow = key_latency(page, 20)
            slow_check = recheck(page, 6)
            version = instance.version
            instance.close()
    finally:
        server.stop()
    return {
        "keys": keys,
        "normal": normal,
        "slow": slow,
        "check": check,
        "slow_check": slow_check,
        "first": first,
        "version": version,
    }


def python_speed(long_text: str) -> float:
    matcher = Matcher(build_spec(load_content(ROOT / "content")))
    times = []
    for _ in range(20):
        start = time.perf_counter()
        matcher.find(long_text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def first_run_path(batch: Path) -> Path:
    number = batch.stem.removeprefix("checker_heldout")
    return ROOT / "benchmarks" / f"checker_heldout{number}_first_run.json"


Batch = tuple[str, dict[str, Any], HeldOutScore, dict[str, HeldOutScore]]


def held_out() -> list[Batch]:
    """Each batch: its first run (measured and written now if it has none), its score now, and
    now by part: the patterns alone, the tone check alone."""
    handbook = load_content(ROOT / "content")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    out = []
    for batch in HELD_OUT:
        now, rows = held_out_score(handbook, batch)
        record = first_run_path(batch)
        if not record.exists():
            first = {
                "batch": batch.relative_to(ROOT).as_posix(),
                "measured": date.today().isoformat(),
                "content_commit": commit,
                "unit": "sentence: a bad sentence counts as found when the checker marks "
                "anything in it",
                "sentences": len(rows),
                "bad": now.bad,
                "flagged_bad": now.found,
                "missed": now.bad - now.found,
                "flagged_fine": now.wrongly,
                "recall": round(now.recall, 4),
                "precision": round(now.precision, 4),
                "rows": rows,
            }
            record.write_text(json.dumps(first, ensure_ascii=False, indent=1) + "\n", "utf-8")
            print(f"{batch.name}: first run written to {record.relative_to(ROOT)}")
        parts = {layer: held_out_score(handbook, batch, layer)[0] for layer in ("patterns", "tone")}
        out.append((batch.name, json.loads(record.read_text(encoding="utf-8")), now, parts))
    return out


def held_out_table(batches: list[Batch]) -> list[str]:
    lines = [
        "| held-out batch | sentences (bad) | first run: when, content | first run: precision | "
        "first run: recall | now: precision | now: recall | now, patterns alone | "
        "now, tone alone |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, first, now, parts in batches:
        alone = [f"{percent(p.precision)} / {percent(p.recall)}" for p in parts.values()]
        lines.append(
            f"| `tests/{name}` | {first['sentences']} ({first['bad']}) | "
            f"{first['measured']}, `{first['content_commit']}` | {percent(first['precision'])} | "
            f"{percent(first['recall'])} | {percent(now.precision)} | {percent(now.recall)} | "
            f"{alone[0]} | {alone[1]} |"
        )
    return lines


# This round's cross-validation (2026-12-02), kept as measured: the figures a new batch is
# expected to land near. Not re-measured by this script (it needs the content as it was).
CROSS_VALIDATED = [
    "Cross-validated in the round that added word lists and the tone check (2026-12-02). "
    "Batch 4 was left out while the pattern families were written (its 12 remaining misses "
    "had been read before): patterns 97.0% recall, 95.5% precision on it. The tone check "
    "never learns from a batch, so each batch measures it: alone it finds 97.1%, 93.8%, "
    "95.4% and 92.4% of batches 1–4's brush-offs at 100%, 100%, 98.4% and 100% precision "
    "(its settings were chosen among a few while these figures were watched; learned from the "
    "other three batches as well it scores 98.6/100, 92.3/100, 98.5/98.5 and 93.9/100). Sets "
    "written in this round, each measured once before anything was changed for it: patterns "
    "alone found 59%, 57%, 63%, 52%, 54%, 60% and 76% of their brush-offs; the last three, "
    "written once the tone check existed, with both parts: 91.7% recall at 98.9% precision, "
    "93.2% at 97.6%, and 93.3% at 100% (90 brush-offs, 83 fine lines in chat, dialect and "
    "phone wording). Ordinary lines written apart (greetings, prices, directions): 2 of 122 "
    "marked for tone. The corpus was partly written by people who had read batches 1–4, so "
    "the tone check's batch figures may be a little optimistic; the historic first runs above "
    "remain the honest figures for patterns alone. Batch 5 was written blind on 2026-12-02 "
    "before this round (its writer saw no pattern, corpus or batch) and measured once then; "
    "the tuner never opened it, so its 'now' columns are the figures to quote for the checker "
    "as it is.",
]


def below(ms: float) -> str:
    """A long task's length; Chrome reports none under 50 ms."""
    return "under 50 ms" if ms <= 50 else f"{ms:.0f} ms"


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def report(
    corpus_size: tuple[int, int, int],
    cli: Score,
    web: Score,
    identical: bool,
    found: int,
    speed: dict[str, float],
    version: str,
    batches: list[Batch],
) -> str:
    sentences, labelled, labels = corpus_size
    rows = [
        ("command line (`python -m macros phrases --json`)", cli),
        ("browser (the 话术自查 page in Chromium, phone size)", web),
    ]
    lines = [
        f"Measured {date.today().isoformat()} by `scripts/bench_checker.py` on "
        f"`tests/checker_corpus.yml`: {sentences} sentences the way staff talk, {labelled} of them "
        f"containing {labels} forbidden phrases, the rest approved or near-miss wording.",
        "",
        "| checked by | precision | recall | wrongly found | missed |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {name} | {percent(s.precision)} | {percent(s.recall)} | "
            f"{len(s.false_positives)} | {len(s.false_negatives)} |"
            for name, s in rows
        ),
        "",
        f"Browser and command line findings identical ({found} findings, same phrase, line, "
        f"column and words): {'yes' if identical else '**NO**'}.",
        "",
        f"A 5,000-character call transcript, in Chromium {version}: a key press is handled in "
        f"{speed['normal']:.0f} ms (median of 20, as Chrome's Event Timing reports it, 16 ms "
        f"and up), {speed['slow']:.0f} ms with the CPU slowed 4× like a cheap phone; a text "
        f"this long is checked once typing pauses for a quarter of a second (before, at every "
        f"key: 196 ms a key at 4×), which takes {below(speed['check'])} "
        f"({below(speed['slow_check'])} at 4×; the longest task, median of 6). The Python "
        f"matcher alone takes {speed['python']:.0f} ms. The first check of a visit, once the "
        f"page has been open 3 s (the phrases' expressions are compiled meanwhile, a few at a "
        f"time while the page is idle; before, the first check compiled them all and took "
        f"0.5 s on a phone slowed 6×): {speed['first']:.0f} ms at 4× (median of 3 visits).",
        "",
        "The corpus and the patterns were written by the same people, so the table above is "
        "optimistic (the corpus is tuned on). Fairer: held-out batches, written by someone who "
        "saw neither the patterns nor the other batches, each scored per sentence (a bad "
        "sentence counts as found when anything in it is marked) and its first run recorded "
        "once in `benchmarks/checker_heldout<N>_first_run.json`. The first-run columns are the "
        "honest figures; the 'now' columns include any tuning done after that run. The last two "
        "columns (precision / recall) split 'now' into its parts: the patterns, which have been "
        "tuned on every batch, and the tone check, which never learns from a batch.",
        "",
        *held_out_table(batches),
        "",
        *CROSS_VALIDATED,
        "",
        "Earlier batches, since folded into the corpus: the second (61 sentences) first scored "
        "100% precision and 43% recall, which led to broader patterns; the third (61 sentences, "
        "written after that) 100% precision and 92.3% recall on its first run.",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--no-readme", action="store_true", help="print only")
    args = parser.parse_args()

    corpus = load_corpus()
    text = transcript(corpus)
    long_text = long_transcript()
    with tempfile.TemporaryDirectory() as folder:
        site = args.site
        if site is None:
            site = Path(folder) / "site"
            result = run_build(ROOT, site)
            if result.returncode:
                print(result.stdout, result.stderr, file=sys.stderr)
                return 1
        cli_keys, cli_seconds = command_line(text)
        web = browser(site, text, long_text)

    cli, page = score(corpus, cli_keys), score(corpus, web["keys"])
    identical = cli_keys == web["keys"]
    speed = {
        "normal": statistics.median(web["normal"]),
        "slow": statistics.median(web["slow"]),
        "check": statistics.median(web["check"]),
        "slow_check": statistics.median(web["slow_check"]),
        "first": statistics.median(web["first"]),
        "python": python_speed(long_text),
    }
    size = (
        len(corpus),
        sum(1 for s in corpus if s.phrases),
        sum(len(s.phrases) for s in corpus),
    )
    print(f"command line: {cli.describe()}  ({cli_seconds:.1f} s including loading content)")
    print(f"browser:      {page.describe()}")
    print(f"identical findings: {identical} ({len(cli_keys)} findings)")
    print(
        f"5,000 characters ({len(long_text)}): a key {speed['normal']:.1f} ms, at 4x "
        f"{speed['slow']:.1f} ms; the check {below(speed['check'])}, at 4x "
        f"{below(speed['slow_check'])}; Python {speed['python']:.1f} ms; first check at 4x "
        f"{speed['first']:.1f} ms"
    )
    batches = held_out()
    for name, first, now, _parts in batches:
        print(
            f"{name}: first run recall {percent(first['recall'])}, precision "
            f"{percent(first['precision'])}; now recall {percent(now.recall)}, precision "
            f"{percent(now.precision)}"
        )
    if not args.no_readme:
        rewrite_section(
            "checker",
            report(size, cli, page, identical, len(cli_keys), speed, web["version"], batches),
        )
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
