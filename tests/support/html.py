"""Small HTML helpers for assertions on the built site (stdlib only)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# What overrides/main.html puts at the foot of every printed sheet: a CSS string, escaped.
_FOOTER = re.compile(r'@bottom-left\s*\{\s*content:\s*"((?:[^"\\]|\\.)*)"')
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, dict[str, str]]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        self.tags.append((tag, values))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


class Page:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.source = path.read_text(encoding="utf-8")
        parser = _Collector()
        parser.feed(self.source)
        self.ids = parser.ids
        self.tags = parser.tags
        self.text = "".join(parser.text)

    def attrs(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def print_footer(self) -> str:
        """The text each printed sheet of the page carries at its foot ("" if none)."""
        found = _FOOTER.search(self.source)
        return css_unescaped(found.group(1)) if found else ""


def css_unescaped(text: str) -> str:
    """A CSS string's text: hex escapes (`\\b7 `) and escaped characters as they read."""
    return _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)


def page(site: Path, url: str) -> Page:
    return Page(site / url / "index.html" if not url.endswith(".html") else site / url)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _StaffText(HTMLParser):
    """The text of a page without what only editors see (`.hb-editor`, hidden by CSS unless
    the editor view is on), scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._stack: list[bool] = []  # per open element: is it hidden from staff?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self._stack.append(tag in ("script", "style") or "hb-editor" in classes)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not any(self._stack):
            self.text.append(data)


def staff_text(path: Path) -> str:
    parser = _StaffText()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.text)


# Elements whose start tag closes an open <p> (HTML's parsing rules): written inside a <p>,
# the browser splits the paragraph and leaves empty ones around them, which take margins on
# the screen and, on paper, stand between a heading and what it keeps with it.
CLOSES_P = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ]
)


class _Nesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._open_p: list[tuple[int, int]] = []  # where each open <p> began

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CLOSES_P and self._open_p:
            line, _column = self.getpos()
            self.problems.append(
                f"line {line}: <{tag}> inside the <p> of line {self._open_p[-1][0]}"
            )
            self._open_p.clear()  # as a browser does: that <p> ends here
        if tag == "p":
            self._open_p.append(self.getpos())

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            if self._open_p:
                self._open_p.pop()
            else:
                self.problems.append(f"line {self.getpos()[0]}: </p> without its <p>")


def misnested_paragraphs(path: Path) -> list[str]:
    """Block elements written inside a <p>, and </p> with no <p> open: HTML a browser
    rewrites (see CLOSES_P)."""
    parser = _Nesting()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.problems
