"""The Jinja environment every renderer of a build shares (made once per build, not per call)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import jinja2

from .escape import anchor, css_string, css_token, escape_text, verbatim

TEMPLATES: Final = Path(__file__).parent / "templates"
_TRAILING: Final = re.compile(r"[……。.…]+$")


def short_phrase(text: str) -> str:
    """A phrase as a compact index label: 你好像不明白…… → 你好像不明白 (the card keeps it whole)."""
    return _TRAILING.sub("", text) or text


def make_environment() -> jinja2.Environment:
    """Templates from `templates/`; every printed value is escaped (`finalize`), none is trusted.

    `auto_reload` stays on (Jinja's default): under `mkdocs serve` a template edit is picked up
    by the next rebuild, which makes a new environment anyway.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        finalize=escape_text,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["anchor"] = anchor
    env.filters["css"] = css_token
    env.filters["css_string"] = css_string
    env.filters["short_phrase"] = short_phrase
    env.filters["verbatim"] = verbatim
    return env
