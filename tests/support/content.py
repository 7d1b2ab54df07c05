"""Loading content in tests: the problems a broken copy reports, as editors read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.content.loader import load_content
from macros.content.model import Checklist
from macros.content.problems import ContentError


def problems_of(content: Path) -> list[str]:
    """The problems loading `content` reports, one `file:line:col: key: message` each."""
    with pytest.raises(ContentError) as caught:
        load_content(content)
    return [str(problem) for problem in caught.value.problems]


def checklist_at(checklist: Checklist) -> str:
    """A checklist as a test's message names it to editors: where it is written, and its title."""
    return f"{checklist.where.file}:{checklist.where.line} 检查表“{checklist.title}”"


def delete_entry(path: Path, ident: str) -> None:
    """Delete an entry (not a section's last) from a chapter's file as an editor does: all
    its lines."""
    text = path.read_text(encoding="utf-8")
    at = text.index(f"        id: {ident}\n")
    start = text.rindex("\n      - kind:", 0, at)
    end = text.index("\n      - kind:", at)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
