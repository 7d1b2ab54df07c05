"""The `handbook` MkDocs plugin (listed under `plugins:` in mkdocs.yml, before `macros`).

It owns the build object: made when MkDocs loads the config, used by every later event and,
through `macros/__init__.py`, by the page macros. A content problem stops the build with the
list of every problem and no traceback.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final, Literal, cast

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from ..content.markers import strip_markers
from ..content.problems import ContentError
from ..render.checker import SPEC_FILE as PHRASE_SPEC_FILE
from ..render.escape import css_string
from ..render.printouts import print_footer
from ..render.review import ITEMS_FILE
from . import bundles, pages, whatsnew
from .build import HandbookBuild
from .page_calls import call_problems

log = logging.getLogger("mkdocs.plugins.handbook")

PACKAGE: Final = Path(__file__).resolve().parents[1]


def code_fingerprint() -> str:
    """A hash of the package's Python files: tells a running `mkdocs serve` its code is stale."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


LOADED_CODE: Final = code_fingerprint()  # the code this process runs


# MkDocs' Config and BasePlugin define __init_subclass__ without annotations: hence the ignores.
class HandbookConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin takes no options: where things are comes from mkdocs.yml itself."""


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        # Under `mkdocs serve` this object lives across rebuilds (MkDocs keeps a plugin that has
        # on_startup): a broken edit then rebuilds the site from the last content that passed,
        # with the problems shown on every page, instead of failing the build (which leaves the
        # browser waiting, with no sign of what is wrong, until the file is fixed).
        self._build: HandbookBuild | None = None
        self.serving = False
        self.problems: list[str] = []  # content problems shown on every page while serving

    @property
    def build(self) -> HandbookBuild:
        if self._build is None:
            raise PluginError("handbook: 内容还没有加载（plugins 里 handbook 要写在 macros 前面）")
        return self._build

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    @event_priority(100)  # before mkdocs-macros calls define_env, which needs the content
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.serving and code_fingerprint() != LOADED_CODE:
            restart_serve(Path(config.site_dir))
        self.problems = []
        try:
            self._build = HandbookBuild.load(config)
        except ContentError as error:
            if not self.serving or self._build is None:
                raise PluginError(error.report()) from None
            # Info, not an error: `serve --strict` would abort the rebuild on an error log.
            log.info(error.report())
            self.problems = [str(problem) for problem in error.problems]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The pages' macro calls, all checked before any runs (see page_calls.py).
        macros = self.build.page_macros(lambda: "")
        problems = [
            problem
            for file in files.documentation_pages()
            for problem in call_problems(
                file.src_uri, file.content_string, self.build.handbook, macros
            )
        ]
        if problems:
            raise PluginError("\n".join(["docs/ 里的页面调用宏时出错：", *problems]))
        for file in pages.generated_pages(config, self.build.handbook):
            files.append(file)
        files.append(File.generated(config, ITEMS_FILE, content=self.build.review_items()))
        files.append(File.generated(config, PHRASE_SPEC_FILE, content=self.build.phrase_spec()))
        if config.theme.custom_dir:
            stamp = self.build.manifest["stamp"]
            bundles.replace_sources(files, config, Path(config.theme.custom_dir), stamp)
        files.append(whatsnew.manifest_file(config, self.build.manifest))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        pages.extend_nav(nav, config, files, self.build.handbook)
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Point the edit button at the YAML a page is made from, and date and version the page
        by what it shows (the version its printouts name)."""
        handbook = self.build.handbook
        sources = pages.content_files(page.file.src_uri, handbook)
        if sources:
            page.edit_url = self.build.edit_url(sources[0], page.url)
        dated = pages.dated_by(page.file.src_uri, handbook)
        if dated:
            page.meta["updated"] = self.build.dates.last_changed(*dated)
            page.meta["version"] = self.build.dates.version(*dated)
        title = pages.yaml_title(page.file.src_uri, handbook)
        if title is not None:
            # For <title> and the header, which print page.meta.title as it is (page.title,
            # escaped for the nav, would come out unescaped through <title>'s striptags).
            page.meta["title"] = html.escape(title, quote=False)
        if pages.is_quiz_page(page.file.src_uri, handbook):
            # Questions restate the handbook; search should land on the entries themselves.
            page.meta["search"] = {"exclude": True}
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The contents list is built from the headings' text: the editors' 【补充】/【推断】 on
        a title (shown in the editor view only) must not reach it. A heading's "#" link says
        what it does to a screen reader, which read it as 井号 (its title is no name). A title
        a macro wrote as HTML (a checklist's) enters the contents, for the 跳到正文 link."""
        _strip_markers(page.toc)
        if not page.toc.items:
            page.toc = pages.heading_toc(html) or page.toc
        title = config.mdx_configs.get("toc", {}).get("permalink_title")
        if title:
            attribute = f'title="{title}"'
            html = html.replace(f"{attribute}>", f'{attribute} aria-label="{title}">')
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """What overrides/main.html needs: the suggestions under an empty search box
        (content/search.yml), which view a device that never chose one starts in, which content
        version its printed sheets name, and the widgets of the page, whose own bundles it
        loads."""
        # TemplateContext lists MkDocs' own keys only; a theme template may read any key.
        cast(dict[str, Any], context)["handbook_search"] = self.build.search_suggestions()
        # Under `mkdocs serve` the reader is an editor previewing a change: sources, notes and
        # YAML lines show unless this device chose the staff view.
        cast(dict[str, Any], context)["handbook_view"] = "editor" if self.serving else "staff"
        cast(dict[str, Any], context)["handbook_problems"] = self.problems
        # A page's own content version, not the build's: a commit to one content file then
        # leaves the pages of the others byte for byte as they were.
        version = page.meta.get("version") or self.build.site.content_version
        cast(dict[str, Any], context)["handbook_version"] = version
        cast(dict[str, Any], context)["handbook_print_footer"] = css_string(
            print_footer(config.site_name, None if page.is_homepage else page.title, version)
        )
        widgets = [bundles.WIDGETS[name] for name in bundles.widgets_in(page.content or "")]
        needed = bundles.bundles_of(widgets)
        cast(dict[str, Any], context)["handbook_bundles"] = needed
        cast(dict[str, Any], context)["handbook_loads"] = bundles.loader_list(needed)
        return context

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.build.after_build(config, preview=self.serving)


def restart_serve(site_dir: Path) -> None:
    """Python files of macros/ changed under `mkdocs serve`: start it again with the new code.

    Templates and content are read afresh on every rebuild; Python modules are not (no
    re-importing behind Python's back), so the process replaces itself, same address. The
    replaced process cannot clean up after itself: the temporary site folder `mkdocs serve`
    made goes first (the new process makes its own).
    """
    log.warning("handbook: macros/ 的 Python 代码改了，正在重新启动 mkdocs serve ……")
    for handler in logging.getLogger().handlers:
        handler.flush()
    if site_dir.name.startswith("mkdocs_") and site_dir.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(site_dir, ignore_errors=True)
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def _strip_markers(links: Iterable[AnchorLink]) -> None:
    for link in links:
        link.title = strip_markers(link.title)
        _strip_markers(link.children)
