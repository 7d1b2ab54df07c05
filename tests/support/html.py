"""Small HTML helpers for assertions on the built site (stdlib only)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


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
