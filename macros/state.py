"""The handbook loaded for the current build, shared by the hooks and the macros."""

from __future__ import annotations

from .loader import Handbook

_current: Handbook | None = None


def set_current(handbook: Handbook) -> None:
    global _current
    _current = handbook


def current() -> Handbook:
    if _current is None:
        raise RuntimeError(
            "content/ has not been loaded: is macros/hooks.py listed under hooks: in mkdocs.yml?"
        )
    return _current
