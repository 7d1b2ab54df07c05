"""Performance benchmark: build time, what each page downloads, Lighthouse, offline; budgets.

Builds the real content with `mkdocs build --strict` and a stock mkdocs-material site from the
same Markdown in turn (3 each: the ratio is the median of the pairs', since a shared host's
speed drifts over minutes), and the content multiplied by 10 (scripts/perf/sites.py); opens
every page of both in Chromium at 390x844 and counts what it downloads (gzip level 6), and
of that, the project's own JS and CSS (macros/site/bundles.py: the common bundles, the page's
widget bundles and the search worker; the search engine the worker fetches with
the search index, later, is shown apart); runs
Lighthouse (mobile; the median of three runs per page) on the home page, a checklist, a quiz
and the longest page of both; runs
the offline browser test. Prints a Markdown report with pass/fail per budget and writes it into
README.md between `<!-- bench:begin -->` and `<!-- bench:end -->`.

Lighthouse 12.2.3 is installed on first use into benchmarks/node_modules (git-ignored).

Usage: .venv/bin/python scripts/bench.py [--runs N] [--no-lighthouse] [--no-x10]
                                         [--no-offline-test] [--no-readme]
Exit status 1 when a budget fails (after printing everything).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from perf import lighthouse, sites, traffic
from perf.server import start
from readme_section import rewrite_section

from macros.site.bundles import FIRST_LOAD_BUDGET_KB, OWN_BUDGET_KB
from macros.site.minify import own_assets
from tests.support.traffic import (
    GZIP_LEVEL,
    OFFLINE_COPY,
    SEARCH_ENGINE,
    after_the_page,
    gzip_size,
    site_pages,
)

ROOT = sites.ROOT
OUT = ROOT / "benchmarks" / "out"
KB = 1024

# The budgets of the issue.
FIRST_LOAD_KB = FIRST_LOAD_BUDGET_KB
OWN_JS_CSS_KB = OWN_BUDGET_KB  # own JS + CSS a page loads on its first load
LIGHTHOUSE_MIN = {"performance": 95, "accessibility": 100, "best-practices": 100}
BUILD_SECONDS = 5.0
GROWTH_LIMIT = 10.0
STOCK_RATIO_LIMIT = 1.2  # issue 17: our hooks and macros may add at most a fifth to the build


@dataclass
class Check:
    budget: str
    limit: str
    measured: str
    ok: bool | None  # None: not measured this time

    @property
    def verdict(self) -> str:
        return "—" if self.ok is None else "pass" if self.ok else "**FAIL**"


def kb(value: float) -> str:
    return f"{value / KB:.1f}"


def own_files(site: Path) -> dict[str, int]:
    """The project's own JS and CSS as served (the bundles and the rest of overrides/assets),
    gzip bytes each."""
    served = own_assets(ROOT / "overrides", site)
    return {path.relative_to(site).as_posix(): gzip_size(path) for path in served}


def own_first_load(load: traffic.PageLoad, own: dict[str, int]) -> int:
    """Gzip bytes of our own JS and CSS this page's first load fetched, without what comes
    after the page with its data (the search engine with the index, the phrase matcher with
    the phrase spec)."""
    fetched = {path.lstrip("/") for path in load.files}
    return sum(size for path, size in own.items() if path in fetched and not after_the_page(path))


def offline_copy(site: Path) -> tuple[int, int, int]:
    """Files and gzip bytes the service worker downloads once, in the background (sw.js too),
    and the gzip bytes of sw.js itself."""
    first = (site / "sw.js").read_text(encoding="utf-8").split("\n", 1)[0]
    build = json.loads(first.removeprefix("const BUILD = ").removesuffix(";"))
    files = [path for _url, path, _sha, _size in build["files"]]
    worker = gzip_size(site / "sw.js")
    return len(files), sum(gzip_size(site / path) for path in files) + worker, worker


def search_index_size(site: Path) -> int:
    """Gzip bytes of the search index files (Material's search_index.json and ours, which it
    names): measured on the files, since our worker fetches the index after the network of a
    first load has gone quiet."""
    return sum(gzip_size(path) for path in sorted((site / "search").glob("*.json")))


def measured_pages(site: Path) -> dict[str, str]:
    pages = site_pages(site)
    longest = max(pages, key=lambda url: (site / url / "index.html").stat().st_size)
    checklist = next(u for u in pages if re.fullmatch(r"checklists/(?!print/)[^/]+/", u))
    quiz = next(u for u in pages if re.fullmatch(r"quizzes/[^/]+/", u))
    measured = {"home": "", "checklist": checklist, "quiz": quiz, "longest page": longest}
    return measured if longest == "phrasing/" else {**measured, "禁语速查": "phrasing/"}


LIGHTHOUSE_RUNS = 3  # one run's performance score varies by several points on a long page


def median_run(url: str, report: Path, *, dark: bool) -> dict[str, int | None]:
    """The run whose performance score is the median of `LIGHTHOUSE_RUNS`, as Lighthouse's
    documentation advises for variable scores; its report is the one kept."""
    runs = []
    for number in range(LIGHTHOUSE_RUNS):
        path = report.with_name(f"{report.stem}.run{number}.json")
        runs.append((lighthouse.run(url, path, dark=dark), path))
    runs.sort(key=lambda run: run[0]["performance"] or 0)
    scores, kept = runs[len(runs) // 2]
    kept.replace(report)
    for _scores, path in runs:
        path.unlink(missing_ok=True)
    return scores


def run_lighthouse(
    site: Path, label: str, pages: dict[str, str], *, dark: bool = False
) -> dict[str, dict]:
    server = start(site)
    results = {}
    try:
        for name, url in pages.items():
            report = (
                OUT / "lighthouse" / f"{label}-{url.strip('/').replace('/', '_') or 'home'}.json"
            )
            try:
                scores = median_run(f"{server.url}/{url}", report, dark=dark)
                losses = {
                    category: lighthouse.failed_audits(report, category)
                    for category, score in scores.items()
                    if score is not None and score < 100
                }
                results[name] = {"scores": scores, "losses": losses}
            except RuntimeError as error:
                results[name] = {"error": str(error)}
            print(f"  lighthouse {label} {name}: {results[name].get('scores', 'error')}")
    finally:
        server.stop()
    return results


def offline_test() -> bool:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_offline.py",
            "tests/test_offline_update.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    print("  " + (result.stdout.strip().splitlines() or ["(no output)"])[-1])
    return result.returncode == 0


def chromium_version() -> str:
    result = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True)
    return result.stdout.strip() or "Chromium"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds to time (median)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-x10", action="store_true")
    parser.add_argument("--no-offline-test", action="store_true")
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)

    print("building the handbook and stock Material from the same Markdown, in turn …")
    real_site, stock_site = OUT / "site", OUT / "stock-site"
    stock_project = sites.stock_project(ROOT, OUT)
    real, stock = sites.paired_builds((ROOT, real_site), (stock_project, stock_site), args.runs)
    for build in (real, stock):
        if build.error:
            print(build.error)
            return 1
    grown = None
    if not args.no_x10:
        print("building the content x10 …")
        grown_project = sites.multiply_content(OUT / "x10-project")
        grown = sites.timed_build(grown_project, OUT / "x10-site", max(1, args.runs - 1))

    print("first loads …")
    pages = site_pages(real_site)
    loads = traffic.first_loads(real_site, pages)
    stock_loads = {load.url: load for load in traffic.first_loads(stock_site, pages)}
    own = own_files(real_site)
    offline = offline_copy(real_site)
    index = search_index_size(real_site), search_index_size(stock_site)

    lighthouse_pages = measured_pages(real_site)
    scores, stock_scores, dark_scores = {}, {}, {}
    if not args.no_lighthouse:
        print("lighthouse …")
        scores = run_lighthouse(real_site, "handbook", lighthouse_pages)
        dark_scores = run_lighthouse(real_site, "handbook-dark", lighthouse_pages, dark=True)
        stock_scores = run_lighthouse(stock_site, "stock", lighthouse_pages)
    offline_ok = None
    if not args.no_offline_test:
        print("offline browser tests …")
        offline_ok = offline_test()

    report = render(
        real,
        grown,
        stock,
        loads,
        stock_loads,
        own,
        offline,
        index,
        lighthouse_pages,
        scores,
        stock_scores,
        dark_scores,
        offline_ok,
    )
    print()
    print(report)
    if not args.no_readme:
        rewrite_section("bench", report)
    return 0 if all(check.ok is not False for check in CHECKS) else 1


CHECKS: list[Check] = []


def render(
    real: sites.Build,
    grown: sites.Build | None,
    stock: sites.Build,
    loads: list[traffic.PageLoad],
    stock_loads: dict[str, traffic.PageLoad],
    own: dict[str, int],
    offline: tuple[int, int, int],
    index: tuple[int, int],
    lighthouse_pages: dict[str, str],
    scores: dict[str, dict],
    stock_scores: dict[str, dict],
    dark_scores: dict[str, dict],
    offline_ok: bool | None,
) -> str:
    heaviest = max(loads, key=lambda load: load.without_index)
    own_total = sum(own.values())
    own_per_page = {load.url: own_first_load(load, own) for load in loads}
    own_heaviest = max(own_per_page, key=lambda url: own_per_page[url])
    with_index = sum(size for path, size in own.items() if path in SEARCH_ENGINE)
    growth = grown.median / real.median if grown and not grown.error else None
    lowest: dict[str, tuple[int | None, str]] = {}
    for name, result in scores.items():
        for category, score in result.get("scores", {}).items():
            if category not in lowest or (score or 0) < (lowest[category][0] or 0):
                lowest[category] = (score, name)
    lighthouse_errors = [name for name, result in scores.items() if "error" in result]

    CHECKS.clear()
    CHECKS.extend(
        [
            Check(
                "first load of any page, without the search index and the phrase checker's "
                "data (both fetched after the page)",
                f"≤ {FIRST_LOAD_KB} KB",
                f"{kb(heaviest.without_index)} KB (heaviest: `{heaviest.url or '/'}`)",
                heaviest.without_index <= FIRST_LOAD_KB * KB,
            ),
            Check(
                "the project's own JS + CSS on the first load of any page (common bundles, the "
                "page's widget bundles, the search worker; not the search engine nor the "
                "phrase matcher, which come later with their data, nor the offline copy's "
                "script, which comes once the page is in)",
                f"≤ {OWN_JS_CSS_KB} KB",
                f"{kb(own_per_page[own_heaviest])} KB (heaviest: `{own_heaviest or '/'}`)",
                own_per_page[own_heaviest] <= OWN_JS_CSS_KB * KB,
            ),
        ]
    )
    for category, minimum in LIGHTHOUSE_MIN.items():
        score, page = lowest.get(category, (None, ""))
        CHECKS.append(
            Check(
                f"Lighthouse mobile {category}, every measured page",
                "100" if minimum == 100 else f"≥ {minimum}",
                f"lowest {score} ({page})" if score is not None else "not run",
                None if score is None or lighthouse_errors else score >= minimum,
            )
        )
    dark = [
        (result.get("scores", {}).get("accessibility"), name)
        for name, result in dark_scores.items()
    ]
    dark_low = min(dark, key=lambda pair: pair[0] or 0) if dark else (None, "")
    CHECKS.append(
        Check(
            "Lighthouse mobile accessibility in dark mode (phone set to dark), every measured page",
            "100",
            f"lowest {dark_low[0]} ({dark_low[1]})" if dark_low[0] is not None else "not run",
            None if dark_low[0] is None else dark_low[0] == 100,
        )
    )
    CHECKS.append(
        Check(
            "build of the real content (`mkdocs build --strict`)",
            f"≤ {BUILD_SECONDS:.0f} s",
            f"{real.median:.2f} s",
            real.median <= BUILD_SECONDS,
        )
    )
    ratios = sites.pair_ratios(real, stock)
    versus_stock = statistics.median(ratios)
    CHECKS.append(
        Check(
            "build of the real content vs stock Material from the same Markdown (CPU seconds, "
            "built in turn: the median of the pairs' ratios, their range in brackets)",
            f"≤ {STOCK_RATIO_LIMIT}×",
            f"{versus_stock:.2f}× ({min(ratios):.2f}–{max(ratios):.2f}; "
            f"{real.median_cpu:.2f} s vs {stock.median_cpu:.2f} s)",
            versus_stock <= STOCK_RATIO_LIMIT,
        )
    )
    CHECKS.append(
        Check(
            "content ×10: build time ratio",
            f"≤ {GROWTH_LIMIT:.0f}×",
            f"{growth:.1f}× ({grown.median:.1f} s)"
            if growth
            else ("build failed" if grown else "not run"),
            None if grown is None else growth is not None and growth <= GROWTH_LIMIT,
        )
    )
    CHECKS.append(
        Check(
            "offline after one visit: every page, checklists, quizzes, search; updates whole",
            "browser test",
            "tests/test_offline*.py "
            + ("passed" if offline_ok else "failed" if offline_ok is False else "not run"),
            offline_ok,
        )
    )

    lines = [
        f"Measured {date.today().isoformat()} by `scripts/bench.py` on this machine "
        f"(2 cores): {chromium_version()}, Lighthouse {lighthouse.VERSION} (mobile,"
        f" the median of {LIGHTHOUSE_RUNS} runs per page), "
        f"sizes gzip level {GZIP_LEVEL}. “Stock” is mkdocs-material with its defaults, built "
        "from the same Markdown (after the macros ran), same nav and extensions, without our "
        "overrides, CSS, JS, hooks or service worker.",
        "",
        "| budget | limit | measured | |",
        "| --- | --- | --- | --- |",
        *[f"| {c.budget} | {c.limit} | {c.measured} | {c.verdict} |" for c in CHECKS],
        "",
        "**Build** (median of the runs)",
        "",
        "| site | build |",
        "| --- | --- |",
        f"| handbook | {real.median:.2f} s |",
    ]
    if grown:
        lines.append(
            f"| handbook, content ×10 | {grown.median:.2f} s ({growth:.1f}×) |"
            if growth
            else f"| handbook, content ×10 | failed: {grown.error.splitlines()[-1] if grown.error else ''} |"
        )
    lines += [
        f"| stock Material, same Markdown | {stock.median:.2f} s |",
        "",
        "**First load of each page**, KB gzip (fresh browser, no service worker). “total” "
        "leaves out the search index and the phrase checker's data (shown below); “own” is "
        "the part of CSS and JS that is the project's "
        "own (without the search engine); “stock” is the same page of the stock site.",
        "",
        "| page | HTML | CSS | JS | own JS + CSS | fonts | images | other | total | stock total |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for load in loads:
        s = stock_loads.get(load.url)
        b = load.bytes
        lines.append(
            f"| `{load.url or '/'}` | {kb(b['HTML'])} | {kb(b['CSS'])} | {kb(b['JS'])} | "
            f"{kb(own_per_page[load.url])} | {kb(b['fonts'])} | {kb(b['images'])} | {kb(b['other'])} | **{kb(load.without_index)}** | "
            f"{kb(s.without_index) if s else '—'} |"
        )
    elsewhere = sorted({urlhost(u) for s in stock_loads.values() for u in s.elsewhere})
    ours_elsewhere = sorted({urlhost(u) for s in loads for u in s.elsewhere})
    median_html = statistics.median(load.bytes["HTML"] for load in loads)
    median_stock_html = statistics.median(s.bytes["HTML"] for s in stock_loads.values())
    lines += [
        "",
        "**What each addition costs**, KB gzip",
        "",
        "| addition | cost |",
        "| --- | --- |",
    ]
    for path, size in own.items():
        pages_with = sum(1 for load in loads if f"/{path}" in load.files)
        seen = f"seen in {pages_with} of {len(loads)} measured first loads"
        if path in SEARCH_ENGINE:
            when = "fetched by the worker with the search index, not counted in a page's own JS "
            when += f"+ CSS ({seen})"
        elif path in OFFLINE_COPY:
            when = "loaded by every page once it is in (it starts the offline copy), not "
            when += f"counted in a page's own JS + CSS ({seen})"
        elif after_the_page(path):
            when = "fetched with the phrase spec by the pages that check text, not counted in a "
            when += f"page's own JS + CSS ({seen})"
        else:
            when = f"loaded by {pages_with} of {len(loads)} pages"
        lines.append(f"| `{path}` | {kb(size)}, {when} |")
    per_page = sorted(own_per_page.values())
    lines += [
        f"| own JS + CSS on a page's first load | lightest {kb(per_page[0])}, median "
        f"{kb(statistics.median(per_page))}, heaviest {kb(per_page[-1])} "
        f"(`{own_heaviest or '/'}`); with the search engine, which comes with the index, "
        f"heaviest {kb(per_page[-1] + with_index)} |",
        f"| all own JS + CSS files together (every widget, the search engine) | {kb(own_total)} |",
        f"| service worker + offline copy | sw.js {kb(offline[2])}; "
        f"{offline[0]} files, {kb(offline[1])} in all, downloaded once in the background after "
        "the first page (a new build fetches only the files that changed) |",
        f"| search index (one document per entry, with its names and how staff ask; fetched "
        f"once, by the search worker after the page) | {kb(index[0])} vs stock {kb(index[1])} |",
        f"| phrase checker data (`checker/phrases.json`: patterns, word lists, tone weights; "
        f"fetched by the checker page after it loads, once) | "
        f"{kb(max(load.bytes['checker data'] for load in loads))} |",
        f"| HTML per page, median (widgets, edit links, sources) | {kb(median_html)} vs stock {kb(median_stock_html)} |",
        f"| fonts | none (system CJK fonts); stock asks {', '.join(elsewhere) or 'no other host'}"
        + (" — not reachable here, so not counted" if elsewhere else "")
        + " |",
    ]
    if ours_elsewhere:
        lines.append(f"| requests to other hosts | {', '.join(ours_elsewhere)} |")
    if scores:
        lines += [
            "",
            "**Lighthouse mobile** (performance / accessibility / best practices)",
            "",
            "| page | handbook | stock |",
            "| --- | --- | --- |",
        ]
        for name, url in lighthouse_pages.items():
            lines.append(
                f"| {name} `{url or '/'}` | {scores_text(scores.get(name))} | "
                f"{scores_text(stock_scores.get(name))} |"
            )
        losses = [
            f"- {name}, {category}: {', '.join(audits)}"
            for name, result in scores.items()
            for category, audits in result.get("losses", {}).items()
            if audits
        ]
        if losses:
            lines += ["", "Handbook audits that cost points:", "", *losses]
    return "\n".join(lines)


def urlhost(address: str) -> str:
    return address.split("/")[2] if "//" in address else address


def scores_text(result: dict | None) -> str:
    if not result:
        return "—"
    if "error" in result:
        return "error"
    values = result["scores"]
    return " / ".join(
        str(values[c]) if values[c] is not None else "?" for c in lighthouse.CATEGORIES
    )


if __name__ == "__main__":
    sys.exit(main())
