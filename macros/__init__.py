"""mkdocs-macros entry point: registers the page macros, nothing else.

The content itself is loaded and validated by `macros/hooks.py` before this runs. Each macro
delegates to a renderer; each widget (checklists, quizzes, phrase checker) has its own module.
"""

from __future__ import annotations

from typing import Any

from . import checker_page, checklists, history, quizzes, state
from .render import Renderer, SiteConfig


def _site_config(env: Any) -> SiteConfig:
    repo = str(env.conf.extra.get("content_repo") or "").rstrip("/")
    branch = str(env.conf.extra.get("content_branch") or "main")
    if not repo:
        return SiteConfig()
    return SiteConfig(repo_edit=f"{repo}/edit/{branch}/", repo_blob=f"{repo}/blob/{branch}/")


def define_env(env: Any) -> None:
    site = _site_config(env)

    def renderer() -> Renderer:
        return Renderer(state.current(), site, env.page.url)

    def edit_from(*files: str) -> None:
        """Point the page's edit button at the YAML the page is made from, not at the Markdown."""
        env.page.meta["content_files"] = list(files)
        env.page.meta["updated"] = history.last_changed(*files)
        env.page.edit_url = renderer().edit_href(files[0])

    @env.macro
    def home(primary: list[str], secondary: list[str], tools: list[dict[str, str]]) -> str:
        return renderer().home(primary, secondary, tools)

    @env.macro
    def chapter(stem: str) -> str:
        edit_from(f"content/{stem}.yml")
        return renderer().chapter(stem)

    @env.macro
    def checklists_index() -> str:
        edit_from("content/checklists.yml")
        return checklists.render_index(renderer())

    @env.macro
    def checklist_page(ident: str) -> str:
        edit_from("content/checklists.yml")
        return checklists.render_page(renderer(), ident)

    @env.macro
    def checklists_print_all() -> str:
        edit_from("content/checklists.yml")
        return checklists.render_print_all(renderer())

    @env.macro
    def quizzes_index() -> str:
        edit_from("content/quizzes.yml")
        return quizzes.render_index(renderer())

    @env.macro
    def quiz_page(ident: str) -> str:
        edit_from("content/quizzes.yml")
        # Questions restate the handbook; search should land on the entries themselves.
        env.page.meta["search"] = {"exclude": True}
        return quizzes.render_page(renderer(), ident)

    @env.macro
    def phrase_checker() -> str:
        edit_from("content/phrasing.yml")
        return checker_page.render(renderer())
