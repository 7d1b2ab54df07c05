"""Relative links between pages, so the site works from any sub-path and from the offline cache.

Where each id lives (its site-root URL) is the content's business (`Handbook.url_of`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..content.handbook import Handbook


def relative(target: str, from_page: str) -> str:
    """`target` and `from_page` are site-root URLs such as `phrasing/#x` and `quizzes/q/`."""
    path, _, fragment = target.partition("#")
    base = posixpath.dirname(from_page.rstrip("/") + "/x") if from_page else "."
    rel = posixpath.relpath(path or ".", base or ".")
    rel = "" if rel == "." else rel
    if path.endswith("/") and rel and not rel.endswith("/"):
        rel += "/"
    if not rel:
        rel = "./"
    return f"{rel}#{fragment}" if fragment else rel


@dataclass(frozen=True)
class Linker:
    handbook: Handbook
    page_url: str

    def href(self, ident: str) -> str:
        return relative(self.handbook.url_of(ident), self.page_url)

    def href_page(self, url: str) -> str:
        return relative(url, self.page_url)
