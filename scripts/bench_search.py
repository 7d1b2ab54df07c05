"""Search benchmark: the repo's query set through the real search box in Chromium.

Builds the site with --strict, opens it at phone size, types every query of
`tests/search_queries.yml` into Material's search box and reads the result links in the order
shown. A query is found at rank k when the k-th entry link (links to whole pages are not
counted) opens one of its expected entries. Prints recall@1, recall@5, the misses and the
search index size, and rewrites the README between `<!-- search:begin -->` and `<!-- search:end -->`.

Usage: .venv/bin/python scripts/bench_search.py [--site DIR] [--no-readme]
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from readme_section import rewrite_section

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.support.server import serve

QUERIES = ROOT / "tests" / "search_queries.yml"


@dataclass
class Outcome:
    query: str
    expect: list[str]
    anchors: list[str]

    @property
    def rank(self) -> int | None:
        for index, anchor in enumerate(self.anchors, start=1):
            if anchor in self.expect:
                return index
        return None


def build(site: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def entry_anchors(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link", "links => links.map(a => a.href)"
    )
    anchors = []
    for href in hrefs:
        fragment = urlsplit(href).fragment
        if fragment and fragment not in anchors:
            anchors.append(fragment)
    return anchors


def run_queries(site: Path, queries: list[dict]) -> list[Outcome]:
    from playwright.sync_api import sync_playwright

    server = serve(site)
    outcomes = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
            page.goto(server.page_url(), wait_until="networkidle")
            page.click("label[for=__search]")
            box = page.locator("input.md-search__input")
            meta = page.locator(".md-search-result__meta")
            box.fill("")
            box.press("End")
            page.wait_for_function(
                "document.querySelector('.md-search-result__meta').textContent.trim() !== ''"
            )
            idle = meta.inner_text()
            for item in queries:
                box.fill("")
                box.press("End")
                page.wait_for_function(
                    "text => document.querySelector('.md-search-result__meta').innerText === text",
                    arg=idle,
                )
                box.fill(item["q"])  # CJK must be filled, then a key pressed to fire keyup
                box.press("End")
                page.wait_for_function(
                    "text => document.querySelector('.md-search-result__meta').innerText !== text",
                    arg=idle,
                )
                time.sleep(0.05)
                outcomes.append(Outcome(item["q"], item["expect"], entry_anchors(page)))
            browser.close()
    finally:
        server.stop()
    return outcomes


def index_sizes(site: Path) -> tuple[int, int]:
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9))


def report(outcomes: list[Outcome], sizes: tuple[int, int]) -> str:
    total = len(outcomes)
    at1 = sum(1 for o in outcomes if o.rank == 1)
    at5 = sum(1 for o in outcomes if o.rank is not None and o.rank <= 5)
    lines = [
        f"- Queries: {total} (`tests/search_queries.yml`), typed into the search box in Chromium at 390x844",
        f"- recall@1: **{at1 / total:.1%}** ({at1}/{total}); recall@5: **{at5 / total:.1%}** ({at5}/{total})"
        " — targets: ≥ 80% and ≥ 95%",
        f"- Search index: {sizes[0] / 1024:.0f} KB, **{sizes[1] / 1024:.0f} KB gzip** (fetched once, then cached offline)",
    ]
    misses = [o for o in outcomes if o.rank != 1]
    if misses:
        lines.append("- Not first: " + "; ".join(f"{o.query} → {o.rank or '—'}" for o in misses))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument(
        "--no-readme", action="store_true", help="print only; leave README.md alone"
    )
    args = parser.parse_args()
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        outcomes = run_queries(site, queries)
        text = report(outcomes, index_sizes(site))
    print(text)
    for outcome in outcomes:
        if outcome.rank != 1:
            print(
                f"  {outcome.query}: rank {outcome.rank}, expected {outcome.expect}, got {outcome.anchors[:5]}"
            )
    if not args.no_readme:
        rewrite_section("search", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
