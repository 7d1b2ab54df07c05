"""Checklist pages: tick on a phone, print as A4 forms (issue 4). Stub until implemented."""

from __future__ import annotations

from .render import Renderer


def render_index(renderer: Renderer) -> str:
    return "\n".join(f"- {c.title}" for c in renderer.handbook.checklists.checklists)


def render_page(renderer: Renderer, ident: str) -> str:
    checklist = next(c for c in renderer.handbook.checklists.checklists if c.id == ident)
    return f"# {checklist.title}\n"


def render_print_all(renderer: Renderer) -> str:
    return "# 打印全部检查表\n"
