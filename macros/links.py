"""Where each id lives on the site, and relative links between pages.

A chapter `content/<stem>.yml` is the page `docs/<stem>.md`, served at `<stem>/`; checklists
and quizzes get generated pages of their own. Links are relative so the site works from any
sub-path and from the offline cache.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .loader import Handbook


def chapter_url(stem: str) -> str:
    return f"{stem}/"


def checklist_url(ident: str) -> str:
    return f"checklists/{ident}/"


def quiz_url(ident: str) -> str:
    return f"quizzes/{ident}/"


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

    def url_of(self, ident: str) -> str:
        """Site-root URL of any id that has an anchor."""
        checklists = {c.id for c in self.handbook.checklists.checklists}
        quizzes = {q.id for q in self.handbook.quizzes.quizzes}
        if ident in checklists:
            return checklist_url(ident)
        if ident in quizzes:
            return quiz_url(ident)
        stem = self.handbook.chapter_of_id[ident]
        return f"{chapter_url(stem)}#{ident}"

    def href(self, ident: str) -> str:
        return relative(self.url_of(ident), self.page_url)

    def href_page(self, url: str) -> str:
        return relative(url, self.page_url)
