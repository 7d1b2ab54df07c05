"""What a phone downloads when it opens a page for the first time, by kind, gzip-compressed.

Each page is opened in a fresh browser (empty cache, no service worker) at 390x844 and every
request it makes until the network is quiet is counted once, at the gzip size of its file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

from .server import start
from .sites import ROOT

sys.path.insert(0, str(ROOT))
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.traffic import CHECKER_DATA, OFFLINE_COPY, SEARCH_INDEX, first_load

KINDS = (
    "HTML",
    "CSS",
    "JS",
    "fonts",
    "images",
    "search index",
    "checker data",
    "offline copy",
    "other",
)
# What comes after the page (tests/support/traffic.py AFTER_THE_PAGE).
LATER = ("search index", "checker data", "offline copy")


def kind_of(path: str) -> str:
    if path.lstrip("/") in SEARCH_INDEX:
        return "search index"
    if path.lstrip("/") in CHECKER_DATA:
        return "checker data"
    if path.lstrip("/") in OFFLINE_COPY:
        return "offline copy"
    suffix = Path(path).suffix.lower()
    if path.endswith("/") or suffix == ".html":
        return "HTML"
    for kind, suffixes in (
        ("CSS", (".css",)),
        ("JS", (".js", ".mjs")),
        ("fonts", (".woff", ".woff2", ".ttf", ".otf", ".eot")),
        ("images", (".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".avif")),
    ):
        if suffix in suffixes:
            return kind
    return "other"


@dataclass
class PageLoad:
    url: str
    bytes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    files: dict[str, int] = field(default_factory=dict)  # site path -> gzip bytes
    elsewhere: list[str] = field(default_factory=list)  # requests to other hosts

    @property
    def total(self) -> int:
        return sum(self.bytes.values())

    @property
    def without_index(self) -> int:
        """The first load: without what comes after the page (search index, checker data,
        the offline copy's script)."""
        return self.total - sum(self.bytes[kind] for kind in LATER)


def first_loads(root: Path, pages: list[str]) -> list[PageLoad]:
    server = start(root)
    loads = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for url in pages:
                load = PageLoad(url)
                load.files, load.elsewhere = first_load(browser, root, server.url, url)
                for path, size in load.files.items():
                    load.bytes[kind_of(path)] += size
                loads.append(load)
            browser.close()
    finally:
        server.stop()
    return loads
