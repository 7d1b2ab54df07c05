"""The renderer of one page: model objects in, Markdown with HTML blocks out.

Python decides (grouping, links, numbering); the templates in `templates/` only loop and print.
Every `{{ value }}` passes through `escape_text` (see `environment.py`), so YAML text can never
become markup or template code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from ..content.handbook import Handbook
from ..content.model import Entry, Node, Objection, Phrase, Procedure, Topic
from ..content.urls import (
    CHECKLISTS_URL,
    PHRASE_SHEET_CHAPTER,
    PHRASE_SHEET_URL,
    QUIZZES_URL,
    chapter_url,
)
from .links import Linker


@dataclass(frozen=True)
class Link:
    href: Markup
    title: str


@dataclass(frozen=True)
class SiteConfig:
    """What the renderers need from mkdocs.yml."""

    content_dir: str = "content"
    repo_edit: str = ""  # e.g. https://github.com/org/repo/edit/main/
    repo_blob: str = ""  # e.g. https://github.com/org/repo/blob/main/


class Renderer:
    """Renders for one page (links are relative to it) with the build's one Jinja environment."""

    def __init__(
        self, handbook: Handbook, site: SiteConfig, page_url: str, env: jinja2.Environment
    ) -> None:
        self.handbook = handbook
        self.site = site
        self.links = Linker(handbook, page_url)
        self.env = env

    # -- helpers exposed to templates ------------------------------------------------

    def link(self, ident: str) -> Link:
        node = self.handbook.get(ident)
        return Link(Markup(self.links.href(ident)), title_of(node))

    def yaml_href(self, node: Node) -> Markup:
        """Where an editor changes this node: the repository file at its line, or the site copy."""
        file = node.where.file
        if self.site.repo_blob:
            return Markup(f"{self.site.repo_blob}{file}#L{node.where.line}")
        return Markup(self.links.href_page(f"_{file}"))

    def edit_href(self, file: str) -> str:
        if self.site.repo_edit:
            return f"{self.site.repo_edit}{file}"
        return self.links.href_page(f"_{file}")

    def meta_of(self, entry: Entry) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "chips": [word for word in entry.keywords if word != entry.label],
            "synonyms": self.handbook.synonyms.expand(entry.keywords),
            "sources": [self.handbook.sources[s] for s in entry.source],
            "yaml_href": self.yaml_href(entry),
            "yaml_label": f"{entry.where.file}:{entry.where.line}",
        }
        if isinstance(entry, Topic):
            meta["has_values"] = any(item.value for item in entry.items)
            meta["list_tag"] = Markup("ol" if entry.ordered else "ul")
        if isinstance(entry, Phrase | Topic):
            meta["related"] = [self.link(i) for i in entry.related]
        if isinstance(entry, Procedure):
            meta["avoid"] = {step.id: [self.link(i) for i in step.avoid] for step in entry.steps}
        if isinstance(entry, Objection):
            meta["methods"] = [self.link(i) for i in entry.methods]
        return meta

    def render(self, template: str, **context: Any) -> str:
        context.setdefault("meta_of", self.meta_of)
        context.setdefault("link", self.link)
        return self.env.get_template(template).render(**context)

    # -- pages -------------------------------------------------------------------------

    def chapter(self, stem: str) -> str:
        """A chapter page; 禁语速查 also links to its printable sheet (禁语速查表)."""
        sheet = (
            Markup(self.links.href_page(PHRASE_SHEET_URL)) if stem == PHRASE_SHEET_CHAPTER else ""
        )
        return self.render("chapter.html", chapter=self.handbook.chapters[stem], sheet_href=sheet)

    def home(self, primary: list[str], secondary: list[str], tools: list[dict[str, str]]) -> str:
        """The everyday situations (content/search.yml), each one tap from its answer, then
        quick-link cards; titles and summaries come from the content files themselves.

        `tools` are pages made by code rather than content (the phrase checker): the page
        gives their url, title and summary.
        """
        return self.render(
            "home.html",
            everyday=[
                Link(Markup(self.links.href(s.ref)), s.text)
                for s in self.handbook.search.suggestions
            ],
            primary=[self._card(key) for key in primary],
            secondary=[
                *(self._tool(tool) for tool in tools),
                *(self._card(key) for key in secondary),
            ],
        )

    def _tool(self, tool: dict[str, str]) -> dict[str, Any]:
        return {**tool, "key": "tool", "href": Markup(self.links.href_page(tool["url"]))}

    def _card(self, key: str) -> dict[str, Any]:
        if key == "checklists":
            source: Any = self.handbook.checklists
            url = CHECKLISTS_URL
        elif key == "quizzes":
            source = self.handbook.quizzes
            url = QUIZZES_URL
        else:
            source = self.handbook.chapters[key]
            url = chapter_url(key)
        return {
            "key": key,
            "title": source.title,
            "summary": source.summary,
            "href": Markup(self.links.href_page(url)),
        }


def title_of(node: Node) -> str:
    if isinstance(node, Entry):
        return node.title_text
    for name in ("title", "name", "text", "question"):
        value = getattr(node, name, None)
        if isinstance(value, str):
            return value
    return getattr(node, "id", "")
