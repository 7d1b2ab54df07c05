"""mkdocs-macros entry point: registers the page macros, nothing else.

The content itself is loaded and validated by `macros/hooks.py` before this runs.
"""

from __future__ import annotations

from typing import Any

from . import state
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

    def edit_from(files: list[str]) -> None:
        """Point the page's edit button at the YAML the page is made from, not at the Markdown."""
        env.page.meta["content_files"] = files
        env.page.edit_url = renderer().edit_href(files[0])

    @env.macro
    def chapter(stem: str) -> str:
        edit_from([f"content/{stem}.yml"])
        return renderer().chapter(stem)

    @env.macro
    def checklist_page(ident: str) -> str:
        edit_from(["content/checklists.yml"])
        return renderer().checklist_page(ident)

    @env.macro
    def quiz_page(ident: str) -> str:
        edit_from(["content/quizzes.yml"])
        return renderer().quiz_page(ident)
