"""Build-time wiring that MkDocs events need: load content, generate pages, extend the nav.

`macros/hooks.py` forwards MkDocs hook events here. Checklists and quizzes get one generated
page each, so adding one in YAML is enough: nobody has to create a Markdown file for it.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from . import minify, offline, search_index, state
from .links import checklist_url, quiz_url
from .loader import Handbook
from .problems import ContentError, Problem
from .validate import validate
from .where import Where

log = logging.getLogger("mkdocs.plugins.handbook")


def content_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "content"


def load(config: MkDocsConfig) -> Handbook:
    """Load and validate content/, or stop the build listing every problem (no traceback)."""
    root = content_dir(config)
    try:
        handbook = validate(root)
        missing = [
            Problem(
                Where(f"content/{stem}.yml"),
                f"没有对应的页面 docs/{stem}.md（每个章节文件需要一个页面）",
            )
            for stem in handbook.chapters
            if not (Path(config.docs_dir) / f"{stem}.md").exists()
        ]
        if missing:
            raise ContentError(missing)
    except ContentError as error:
        raise PluginError(error.report()) from None
    state.set_current(handbook)
    search_index.write_user_dictionary(handbook, config)
    return handbook


def generated_pages(config: MkDocsConfig, handbook: Handbook) -> list[File]:
    pages = []
    for checklist in handbook.checklists.checklists:
        src = checklist_url(checklist.id).rstrip("/") + ".md"
        body = f'{{{{ checklist_page("{checklist.id}") }}}}\n'
        pages.append(File.generated(config, src, content=body))
    for quiz in handbook.quizzes.quizzes:
        src = quiz_url(quiz.id).rstrip("/") + ".md"
        body = f'{{{{ quiz_page("{quiz.id}") }}}}\n'
        pages.append(File.generated(config, src, content=body))
    return pages


def add_pages(files: Files, config: MkDocsConfig) -> Files:
    for file in generated_pages(config, state.current()):
        files.append(file)
    return files


def _section_index(nav: Navigation, folder: str) -> tuple[list, int] | None:
    for index, item in enumerate(nav.items):
        if isinstance(item, Page) and item.file.src_uri == f"{folder}/index.md":
            return nav.items, index
    return None


def extend_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Turn the `checklists/index.md` and `quizzes/index.md` nav entries into sections."""
    handbook = state.current()
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
            file = files.get_file_from_path(url.rstrip("/") + ".md")
            if file is None:
                continue
            page = file.page or Page(title, file, config)
            page.title = title
            pages.append(page)
        section = Section(index_page.title, [index_page, *pages])
        section.parent = index_page.parent
        for child in section.children:
            child.parent = section
        items[index] = section
        all_pages = nav.pages
        for page in pages:
            if page not in all_pages:
                all_pages.append(page)
    _relink(nav)
    return nav


def _relink(nav: Navigation) -> None:
    """Recompute previous/next links after the nav changed."""
    pages = []

    def walk(items: list) -> None:
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


def publish_content(config: MkDocsConfig) -> None:
    """Serve the YAML files at `_content/`, so "edit this" opens the file without a repository."""
    target = Path(config.site_dir) / "_content"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(content_dir(config).glob("*.yml")):
        shutil.copyfile(path, target / path.name)


def after_build(config: MkDocsConfig) -> None:
    """Post-build steps, in order: the offline cache list must see the final files."""
    publish_content(config)
    search_index.augment(config)
    minify.minify_assets(config)
    offline.write_service_worker(config)
