"""Where each piece of content lives on the site, as site-root URLs (`phrasing/#id`).

A chapter `content/<stem>.yml` is the page `docs/<stem>.md`, served at `<stem>/`; every
checklist and quiz gets a generated page of its own. Relative links are the renderers' job.
"""

from __future__ import annotations

from typing import Final

CHECKLISTS_URL: Final = "checklists/"
CHECKLISTS_PRINT_URL: Final = "checklists/print/"
QUIZZES_URL: Final = "quizzes/"
PHRASE_SHEET_CHAPTER: Final = "phrasing"  # 禁语速查: its forbidden phrases on one A4 sheet
PHRASE_SHEET_URL: Final = "phrasing/print/"


def chapter_url(stem: str) -> str:
    return f"{stem}/"


def checklist_url(ident: str) -> str:
    return f"{CHECKLISTS_URL}{ident}/"


def quiz_url(ident: str) -> str:
    return f"{QUIZZES_URL}{ident}/"
