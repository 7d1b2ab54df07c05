"""Escape once, at the one place markup is made: text from YAML is always text.

Macro output is read by Markdown (with md_in_html, attr_list and pymdownx extensions) and then
by the browser as HTML. Turning every ASCII punctuation mark into a numeric character
reference makes the text inert for both: `<script>`, `*bold*`, `{ #id }` and `{{ jinja }}`
all reach the reader exactly as the editor typed them.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from markupsafe import Markup

from ..content.markers import MARKER_RE
from ..content.model import ID_PATTERN

_SPECIAL: Final = re.compile(r"""[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]""")
_ID: Final = re.compile(ID_PATTERN)


def escape_text(value: Any) -> str:
    """Escape for Markdown and HTML; a single line break is kept as a line break; the editors'
    markers become editor-view-only spans."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = MARKER_RE.sub(_editor_marker, _inert(str(value)))
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def verbatim(value: str) -> Markup:
    """A line of a content file as the editor wrote it, 【补充】 and all (the read-only copies
    of the YAML): inert, with no marker turned into markup."""
    return Markup(_inert(value))


def _inert(text: str) -> str:
    """Every ASCII punctuation mark as a numeric character reference (see the module's doc)."""
    return _SPECIAL.sub(lambda match: f"&#{ord(match.group())};", text)


def _editor_marker(match: re.Match[str]) -> str:
    """【补充】/【推断】 are the editors' flags: shown in the editor view only, never searched."""
    return f'<span class="hb-editor hb-marker" data-search-exclude>{match.group()}</span>'


def anchor(value: str) -> Markup:
    """An id used verbatim in `id=` and `#fragment`; ids are validated, but never trust."""
    if not _ID.match(value):
        raise ValueError(f"not a safe id: {value!r}")
    return Markup(value)


def css_token(value: str) -> Markup:
    """A class-name fragment such as an entry kind (`customer_type`)."""
    if not re.match(r"^[a-z][a-z0-9_-]*$", value):
        raise ValueError(f"not a safe class name: {value!r}")
    return Markup(value)


def css_string(value: str) -> Markup:
    """A quoted CSS string of any text, for a `content:` inside an inline <style>: every
    character but letters and digits as a hex escape, so neither a quote nor `</style>` can
    end it early."""
    escaped = "".join(ch if ch.isalnum() else f"\\{ord(ch):x} " for ch in value)
    return Markup(f'"{escaped}"')


def json_text(value: Any) -> Markup:
    """JSON as the text of a hidden element (the browser reads it with textContent).

    Not a `<script type="application/json">`: Material's instant navigation re-creates every
    inline script of the new page without its attributes, which would run the JSON as code.
    Escaping &, < and > keeps the text inert; Markdown leaves a raw HTML block alone.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
