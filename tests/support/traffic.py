"""What a phone fetches to open a page the first time, gzip bytes per file.

One way of counting for both users of the figure: tests/test_page_weight.py holds pull requests
to the budget on the heaviest pages, scripts/bench.py measures every page for the README.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from macros.render import checker

from .browser import PHONE

# Fetched after the page, not with its first load: the search index and the engine the search
# worker imports with it (1.5 s after the page started, or at the first question;
# tests/test_first_load.py checks the page never asks for it), and the phrase checker's data
# and matcher, fetched as the search box fetches its index (checker-loader.js); and the offline
# copy's script (widgets.js loads it once the page is in), which starts the download of the
# whole handbook (not counted here either: a first load has no worker); and what only a
# keyboard needs (widgets.js loads it once the page is in, or at a key before that).
SEARCH_INDEX = ("search/search_index.json", "search/handbook_index.json")
SEARCH_ENGINE = ("assets/javascripts/workers/search-core.js",)
CHECKER_DATA = (checker.SPEC_FILE, checker.CORE_BUNDLE)
OFFLINE_COPY = ("assets/offline.js",)
KEYBOARD = ("assets/keyboard.js",)
AFTER_THE_PAGE = (*SEARCH_INDEX, *SEARCH_ENGINE, *CHECKER_DATA, *OFFLINE_COPY, *KEYBOARD)


def after_the_page(path: str) -> bool:
    """Whether a site file (path with or without its leading slash) comes after the page."""
    return path.lstrip("/") in AFTER_THE_PAGE


GZIP_LEVEL = 6  # zlib's default, what nginx and most static hosts use or exceed
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".yml", ".txt")


def gzip_size(path: Path) -> int:
    """The bytes a host sends for `path`: text gzip-compressed, the rest (images) as it is."""
    data = path.read_bytes()
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0)) if path.suffix in COMPRESSED else len(data)


def site_pages(root: Path) -> list[str]:
    """Every page of a built site, as its URL relative to the root ("" for the home page)."""
    pages = []
    for path in root.rglob("index.html"):
        relative = path.relative_to(root).as_posix()
        if not relative.startswith("_"):
            pages.append(relative.removesuffix("index.html"))
    return sorted(pages)


def file_of(root: Path, path: str) -> Path:
    local = root / unquote(path).lstrip("/")
    return local / "index.html" if path.endswith("/") else local


def first_load(browser: Any, root: Path, origin: str, url: str) -> tuple[dict[str, int], list[str]]:
    """Open `url` (relative to `origin`, which serves `root`) in a fresh phone context without
    the service worker, until the network is quiet: the URL path and gzip bytes of each file
    of the site it fetched, and the addresses it asked of other hosts."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block"
    )
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{origin}/{url}", wait_until="networkidle")
    finally:
        context.close()
    files: dict[str, int] = {}
    elsewhere: list[str] = []
    for address in dict.fromkeys(requested):
        parts = urlsplit(address)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            elsewhere.append(address)
            continue
        local = file_of(root, parts.path)
        if local.is_file():
            files[parts.path] = gzip_size(local)
    return files, elsewhere
