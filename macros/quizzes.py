"""Quiz pages and generated drills (issue 5). Stub until implemented."""

from __future__ import annotations

from .render import Renderer


def render_index(renderer: Renderer) -> str:
    return "\n".join(f"- {q.title}" for q in renderer.handbook.quizzes.quizzes)


def render_page(renderer: Renderer, ident: str) -> str:
    quiz = next(q for q in renderer.handbook.quizzes.quizzes if q.id == ident)
    return f"# {quiz.title}\n"
