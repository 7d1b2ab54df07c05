"""Pages the content implies: one per checklist and quiz, 禁语速查表 (the phrases of 禁语速查 on
paper), the nav sections, each page's sources.

Adding a checklist or a quiz in YAML is enough: nobody has to create a Markdown file for it.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from ..content import drills
from ..content.handbook import Handbook
from ..content.urls import (
    CHECKLISTS_URL,
    PHRASE_SHEET_CHAPTER,
    PHRASE_SHEET_URL,
    QUIZZES_URL,
    checklist_url,
    quiz_url,
)

CHECKER_PAGE = "checker.md"  # the phrase checker is made from the forbidden phrases' chapter


def source_of(url: str) -> str:
    """The Markdown file a site-root URL is made from: `checklists/banqian/` → `.md`."""
    return url.rstrip("/") + ".md"


def generated_pages(config: MkDocsConfig, handbook: Handbook) -> list[File]:
    pages = []
    for checklist in handbook.checklists.checklists:
        src = source_of(checklist_url(checklist.id))
        body = f'{{{{ checklist_page("{checklist.id}") }}}}\n'
        pages.append(File.generated(config, src, content=body))
    for quiz in handbook.quizzes.quizzes:
        src = source_of(quiz_url(quiz.id))
        body = f'{{{{ quiz_page("{quiz.id}") }}}}\n'
        pages.append(File.generated(config, src, content=body))
    if PHRASE_SHEET_CHAPTER in handbook.chapters:
        src = source_of(PHRASE_SHEET_URL)
        pages.append(File.generated(config, src, content="{{ phrase_sheet() }}\n"))
    return pages


def content_files(src_uri: str, handbook: Handbook) -> tuple[str, ...]:
    """The content files a page is made from (for its edit button and its last-changed date)."""
    stem = src_uri.removesuffix(".md")
    if stem in handbook.chapters:
        return (f"content/{stem}.yml",)
    if src_uri.startswith(CHECKLISTS_URL):
        return ("content/checklists.yml",)
    if src_uri.startswith(QUIZZES_URL):
        return ("content/quizzes.yml",)
    if src_uri in (CHECKER_PAGE, source_of(PHRASE_SHEET_URL)):
        return (f"content/{PHRASE_SHEET_CHAPTER}.yml",)
    return ()


def dated_by(src_uri: str, handbook: Handbook) -> tuple[str, ...]:
    """The files whose change changes what a page shows, for its date and its printed content
    version: a quiz's own and those of the chapters it draws from (a mixed quiz and the quiz
    list: the whole content folder); other pages their own files."""
    if src_uri.startswith(QUIZZES_URL):
        quiz = next(
            (q for q in handbook.quizzes.quizzes if src_uri == source_of(quiz_url(q.id))), None
        )
        if quiz is None or quiz.mixed is not None:
            return ("content",)
        shown = drills.chapters_shown(handbook, quiz.drills, quiz.chapters)
        return (quiz.where.file, *(f"content/{stem}.yml" for stem in shown))
    return content_files(src_uri, handbook)


def is_quiz_page(src_uri: str, handbook: Handbook) -> bool:
    return any(src_uri == source_of(quiz_url(q.id)) for q in handbook.quizzes.quizzes)


# A page's own title written as HTML by a macro (a checklist's, inside its form).
_HTML_TITLE = re.compile(r'<h1 id="([^"]+)"[^>]*>([^<]*)</h1>')


def heading_toc(page_html: str) -> TableOfContents | None:
    """The contents of a page whose title a macro wrote as HTML, which Markdown's contents
    miss: without an entry Material leaves out the page's 跳到正文 link for keyboards."""
    found = _HTML_TITLE.search(page_html)
    if not found:
        return None
    title = html.unescape(found[2])
    return get_toc([{"level": 1, "id": found[1], "name": title, "children": []}])


def nav_title(text: str) -> str:
    """A title from YAML for the nav, which Material prints as HTML; braces as references too,
    since mkdocs-macros renders a page title holding {{ or {% as a template (a quiz's title
    once ran code at build time)."""
    return html.escape(text, quote=False).replace("{", "&#123;").replace("}", "&#125;")


def yaml_title(src_uri: str, handbook: Handbook) -> str | None:
    """The title of a page made from YAML, as written there: a chapter's (the nav in
    mkdocs.yml names its file only, so a title is typed once), the checklists' and quizzes'
    index pages, each checklist's and quiz's."""
    titled = [(f"{stem}.md", chapter.title) for stem, chapter in handbook.chapters.items()]
    titled += [(f"{CHECKLISTS_URL}index.md", handbook.checklists.title)]
    titled += [(f"{QUIZZES_URL}index.md", handbook.quizzes.title)]
    titled += [(source_of(checklist_url(c.id)), c.title) for c in handbook.checklists.checklists]
    titled += [(source_of(quiz_url(q.id)), q.title) for q in handbook.quizzes.quizzes]
    return next((title for source, title in titled if src_uri == source), None)


def _section_index(nav: Navigation, folder: str) -> tuple[list[StructureItem], int] | None:
    for index, item in enumerate(nav.items):
        if isinstance(item, Page) and item.file.src_uri == f"{folder}/index.md":
            return nav.items, index
    return None


def extend_nav(nav: Navigation, config: MkDocsConfig, files: Files, handbook: Handbook) -> None:
    """Title the pages made from YAML with their YAML titles; turn the `checklists/index.md`
    and `quizzes/index.md` nav entries into sections."""
    for page in nav.pages:
        title = yaml_title(page.file.src_uri, handbook)
        if title is not None:
            page.title = nav_title(title)
    groups = {
        "checklists": [(c.title, checklist_url(c.id)) for c in handbook.checklists.checklists],
        "quizzes": [(q.title, quiz_url(q.id)) for q in handbook.quizzes.quizzes],
    }
    for folder, children in groups.items():
        found = _section_index(nav, folder)
        if found is None:
            continue
        items, index = found
        index_page = items[index]
        pages = []
        for title, url in children:
            file = files.get_file_from_path(source_of(url))
            if file is None:
                continue
            page = file.page or Page(nav_title(title), file, config)
            page.title = nav_title(title)
            pages.append(page)
        section = Section(index_page.title or folder, [index_page, *pages])
        section.parent = index_page.parent
        for child in section.children:
            child.parent = section
        items[index] = section
    _relink(nav)


def _relink(nav: Navigation) -> None:
    """Recompute the page list and previous/next links after the nav changed."""
    pages: list[Page] = []

    def walk(items: list[StructureItem]) -> None:
        for item in items:
            if isinstance(item, Page):
                pages.append(item)
            elif isinstance(item, Section):
                walk(item.children)

    walk(nav.items)
    nav.pages = pages
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None
