"""What a phone downloads to open a page the first time stays within its budget, in CI.

The budget (macros/site/bundles.py): at most 120 KB gzip per page without what comes after
it (the search index, the phrase checker's data, the search engine that comes with the
index), and of that at most 15 KB of the project's own JS and CSS. `scripts/bench.py`
measures every page and writes the figures into the README; here a content edit that
outgrows the budget fails the pull request. The pages measured are those heaviest by what
their HTML names (every page in a full sweep): a page's first load is its HTML and the files
it names, and the rest (the search worker, icons) is the same on every page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from macros.site.bundles import FIRST_LOAD_BUDGET_KB, OWN_BUDGET_KB
from macros.site.minify import own_assets

from .support import ROOT
from .support.server import SiteServer
from .support.sweep import largest
from .support.traffic import after_the_page, first_load, gzip_size, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.sweep]

KB = 1024
FIRST_LOAD_LIMIT = FIRST_LOAD_BUDGET_KB * KB
OWN_LIMIT = OWN_BUDGET_KB * KB
_LINKED = re.compile(r"""<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)\"""")


def linked_files(site: Path, url: str) -> dict[str, int]:
    """The page's HTML and the files of the site it names, gzip bytes each: what orders the
    pages by weight before any is opened."""
    html = site / url / "index.html"
    files = {html.relative_to(site).as_posix(): gzip_size(html)}
    for target in set(_LINKED.findall(html.read_text(encoding="utf-8"))):
        linked = (html.parent / urlsplit(target).path).resolve()
        if "://" not in target and linked.is_file() and linked.is_relative_to(site.resolve()):
            files[linked.relative_to(site.resolve()).as_posix()] = gzip_size(linked)
    return files


def fetched(browser: Any, site: SiteServer, url: str) -> dict[str, int]:
    """The first load of `url`, gzip bytes per site file, without what comes after the page."""
    files, _elsewhere = first_load(browser, site.root, site.url, url)
    return {path.lstrip("/"): size for path, size in files.items() if not after_the_page(path)}


def describe(sizes: dict[str, int], limit: int, what: str, url: str) -> str:
    heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    listed = "，".join(f"{name} {size / KB:.1f} KB" for name, size in heaviest)
    return (
        f"{url} 第一次打开要下载{what} {sum(sizes.values()) / KB:.1f} KB，上限 {limit // KB} KB"
        f"（最大的：{listed}）：页面内容太多时请告诉开发同事拆页或调整"
    )


def test_each_page_opens_within_the_download_budget(
    browser: Any, site: SiteServer, built_site: Path
) -> None:
    own = {p.relative_to(built_site).as_posix() for p in own_assets(ROOT / "overrides", built_site)}
    pages = site_pages(built_site)
    linked = {url: linked_files(built_site, url) for url in pages}
    weight = {url: sum(files.values()) for url, files in linked.items()}
    own_weight = {
        url: sum(v for f, v in files.items() if f in own) for url, files in linked.items()
    }
    # the heaviest pages, and those that load the most of our own code (widget pages)
    chosen = dict.fromkeys([*largest(pages, 2, weight), *largest(pages, 2, own_weight)])
    for url in chosen:
        sizes = fetched(browser, site, url)
        assert url in sizes, (url, sizes)  # the page itself (its URL path)
        assert sum(sizes.values()) <= FIRST_LOAD_LIMIT, describe(sizes, FIRST_LOAD_LIMIT, "", url)
        ours = {name: size for name, size in sizes.items() if name in own}
        assert sum(ours.values()) <= OWN_LIMIT, describe(
            ours, OWN_LIMIT, "本手册自己的 JS 和 CSS", url
        )
