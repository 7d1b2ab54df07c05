"""The renderer of one page: model objects in, Markdown with HTML blocks out.

Python decides (grouping, links, numbering); the templates in `templates/` only loop and print.
Every `{{ value }}` passes through `escape_text` (see `environment.py`), so YAML text can never
become markup or template code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final, Literal
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup

from ..content.handbook import Handbook
from ..content.model import Entry, Node, Objection, Phrase, Procedure, Topic, title_of
from ..content.staff_text import staff_words
from ..content.urls import (
    CHECKLISTS_URL,
    PHRASE_SHEET_CHAPTER,
    PHRASE_SHEET_URL,
    QUIZZES_URL,
    chapter_url,
    quiz_url,
)
from .links import Linker

REPORTED_WORDS: Final = 300  # characters of the entry quoted in a report (URLs stay short)
# A procedure of this many steps lists them at its top, each a tap from its place: on a phone
# step 5 of 投诉七步 was four screens below the title, in the middle of a complaint.
STEP_INDEX_FROM: Final = 4


@dataclass(frozen=True)
class Link:
    href: Markup
    title: str


@dataclass(frozen=True)
class Appendix:
    """A part of a page after a chapter's sections (the course page's list of printouts),
    listed in the page's contents with them. `anchor` is the id its heading gets."""

    title: str
    anchor: str
    body: Markup


@dataclass(frozen=True)
class SiteConfig:
    """What the renderers need from mkdocs.yml."""

    site_name: str = ""  # for what paper says at its foot (printouts.print_footer)
    repo_edit: str = ""  # e.g. https://github.com/org/repo/edit/main/
    repo_blob: str = ""  # e.g. https://github.com/org/repo/blob/main/
    # Which content the build shows, for printouts: "2026-12-01 · 1a2b3c4" (date and short
    # commit of content/); empty outside a git checkout.
    content_version: str = ""
    content_updated: str = ""  # the date alone: "2026-12-01"
    # The same for each content file ("content/objections.yml"): what is printed or reported
    # from one file names that file's version, so a commit to another file leaves it, and the
    # pages showing it, as they were (phones download only the pages that changed).
    file_versions: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Where staff report a mistake (报告错误): the repository's new-issue form, else a mail.
    issues: str = ""  # e.g. https://github.com/org/repo
    issues_host: Literal["github", "gitlab"] = "github"
    report_email: str = ""
    site_url: str = ""  # the published address, so a report names the page

    def version_of(self, file: str) -> str:
        """The version of one content file, or the build's outside a git checkout."""
        return self.file_versions.get(file) or self.content_version


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
        """Where an editor changes this node: the repository file at its line, or the site's
        page of the file at that line (macros/site/build.py, yaml_page)."""
        file = node.where.file
        if self.site.repo_blob:
            return Markup(f"{self.site.repo_blob}{file}#L{node.where.line}")
        return Markup(f"{self.links.href_page(f'_{file}.html')}#L{node.where.line}")

    def edit_href(self, file: str) -> str:
        if self.site.repo_edit:
            return f"{self.site.repo_edit}{file}"
        return self.links.href_page(f"_{file}.html")

    def report_href(self, entry: Entry) -> str:
        """A pre-filled issue (or mail) saying which entry, on which page, in which version."""
        title = f"报告错误：{title_of(entry)}"
        body = "\n".join(
            [
                f"页面：{self.site.site_url}{self.handbook.url_of(entry.id)}",
                f"条目：{title_of(entry)}（编号 {entry.id}）",
                f"内容版本：{self.site.version_of(entry.where.file) or '未知'}",
                f"条目内容：{staff_words(entry, REPORTED_WORDS)}",
                "",
                "哪里有错，应该怎么改：",
                "",
            ]
        )
        if self.site.issues:
            if self.site.issues_host == "gitlab":
                query = {"issue[title]": title, "issue[description]": body}
                return f"{self.site.issues}/-/issues/new?{urlencode(query, quote_via=quote)}"
            query = {"title": title, "body": body}
            return f"{self.site.issues}/issues/new?{urlencode(query, quote_via=quote)}"
        if self.site.report_email:
            query = {"subject": title, "body": body}
            return f"mailto:{self.site.report_email}?{urlencode(query, quote_via=quote)}"
        return ""

    def editor_meta(self, node: Node, made_from: str = "") -> dict[str, Any]:
        """What the editor view shows under a checklist, a checklist item or a question: its
        sources, its file and line, its editors' notes. A question the build made from an
        entry (a drill) has no line of its own: it points at the entry it was made from."""
        place = node if node.where.file or not made_from else self.handbook.get(made_from)
        label = f"{place.where.file}:{place.where.line}"
        return {
            "sources": [self.handbook.sources[s] for s in getattr(node, "source", [])],
            "yaml_href": self.yaml_href(place),
            "yaml_label": label if place is node else f"由 {label} 的条目自动出题",
            "notes": list(getattr(node, "editor_note", [])),
        }

    def meta_of(self, entry: Entry) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "chips": [word for word in entry.keywords if word != entry.label],
            "synonyms": self.handbook.synonyms.expand(entry.keywords),
            **self.editor_meta(entry),  # the editor view's lines, as under checklists and questions
            "report_href": self.report_href(entry),
        }
        if isinstance(entry, Topic):
            meta["has_values"] = any(item.value for item in entry.items)
            meta["list_tag"] = Markup("ol" if entry.ordered else "ul")
        if isinstance(entry, Phrase | Topic | Procedure):
            meta["related"] = [self.link(i) for i in entry.related]
        if isinstance(entry, Procedure):
            meta["avoid"] = {step.id: [self.link(i) for i in step.avoid] for step in entry.steps}
            meta["step_index"] = len(entry.steps) >= STEP_INDEX_FROM
        if isinstance(entry, Objection):
            meta["methods"] = [self.link(i) for i in entry.methods]
        return meta

    def render(self, template: str, **context: Any) -> str:
        context.setdefault("meta_of", self.meta_of)
        context.setdefault("link", self.link)
        return self.env.get_template(template).render(**context)

    # -- pages -------------------------------------------------------------------------

    def chapter(self, stem: str, after: Sequence[Appendix] = ()) -> str:
        """A chapter page; 禁语速查 also links to its printable sheet (禁语速查表). Parts
        `after` the chapter's sections are listed in its contents with them."""
        sheet = (
            Markup(self.links.href_page(PHRASE_SHEET_URL)) if stem == PHRASE_SHEET_CHAPTER else ""
        )
        chapter = self.handbook.chapters[stem]
        # The contents list every forbidden phrase under its section, one tap from each.
        phrases = {
            section.id: [entry for entry in section.entries if entry.kind == "phrase"]
            for section in chapter.sections
        }
        return self.render(
            "chapter.html",
            chapter=chapter,
            phrases_of=phrases,
            sheet_href=sheet,
            after=after,
            quizzes=self.quizzes_of(stem),
        )

    def quizzes_of(self, stem: str) -> list[Link]:
        """The chapter's own self-checks, named with their number of questions: a new hire
        read that each chapter has one, and no chapter led to it."""
        return [
            Link(
                Markup(self.links.href_page(quiz_url(quiz.id))),
                f"{quiz.title}（{len(self.handbook.questions_of(quiz.id))} 题）",
            )
            for quiz in self.handbook.quizzes.quizzes
            if quiz.mixed is None and stem in quiz.chapters
        ]

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
            updated=self.site.content_updated,
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
