"""The phrase checker page (issue 8). Stub until implemented."""

from __future__ import annotations

from .render import Renderer


def render(renderer: Renderer) -> str:
    return "# 话术自查\n"
