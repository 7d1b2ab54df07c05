"""One build of the handbook: everything the MkDocs events and the page macros share.

`HandbookPlugin` creates a `HandbookBuild` when MkDocs loads its config and passes it on; no
module keeps state, so `mkdocs serve` starts every rebuild from the files on disk.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from ..content.chapter_pages import chapters_not_in_nav, missing_chapter_pages
from ..content.handbook import Handbook
from ..content.loader import load_content
from ..content.manifest import content_manifest
from ..content.model import Phrase, title_of
from ..content.problems import ContentError
from ..render import checker, checklists, content_copy, printouts, quizzes, review
from ..render.environment import make_environment
from ..render.renderer import Renderer, SiteConfig
from . import minify, offline, search_index, whatsnew
from .history import GitDates

Macro = Callable[..., str]


def site_config(config: MkDocsConfig) -> SiteConfig:
    repo = str(config.extra.get("content_repo") or "").rstrip("/")
    branch = str(config.extra.get("content_branch") or "main")
    reports = SiteConfig(
        site_name=config.site_name,
        issues=repo,
        issues_host="gitlab" if "gitlab" in repo.lower() else "github",
        report_email=str(config.extra.get("report_email") or ""),
        site_url=str(config.site_url or ""),
    )
    if not repo:
        return reports
    # GitLab's project pages sit under /-/ (its bare /edit/ and /blob/ addresses are gone)
    pages = f"{repo}/-" if reports.issues_host == "gitlab" else repo
    return replace(
        reports, repo_edit=f"{pages}/edit/{branch}/", repo_blob=f"{pages}/blob/{branch}/"
    )


@dataclass
class HandbookBuild:
    project: Path  # the folder of mkdocs.yml
    handbook: Handbook
    site: SiteConfig
    templates: jinja2.Environment
    dates: GitDates
    manifest: dict[str, Any]  # what staff see of each unit, hashed (content/manifest.py)

    @classmethod
    def load(cls, config: MkDocsConfig) -> HandbookBuild:
        """Load and validate content/, or raise ContentError listing every problem."""
        project = Path(config.config_file_path).parent
        handbook = load_content(project / "content")
        missing = missing_chapter_pages(handbook, Path(config.docs_dir))
        missing += chapters_not_in_nav(handbook, config.nav) if config.nav else []
        if missing:
            raise ContentError(missing)
        dates = GitDates(project)
        site = replace(
            site_config(config),
            content_version=dates.version("content") or "",
            content_updated=dates.last_changed("content") or "",
            file_versions=MappingProxyType(
                {
                    f"content/{file.name}": dates.version(f"content/{file.name}") or ""
                    for file in sorted((project / "content").glob("*.yml"))
                }
            ),
        )
        manifest = content_manifest(handbook, whatsnew.nav_order(config))
        return cls(project, handbook, site, make_environment(), dates, manifest)

    def renderer(self, page_url: str) -> Renderer:
        return Renderer(self.handbook, self.site, page_url, self.templates)

    def edit_url(self, file: str, page_url: str) -> str:
        return self.renderer(page_url).edit_href(file)

    def page_macros(self, page_url: Callable[[], str]) -> Mapping[str, Macro]:
        """The macros `docs/*.md` call; `page_url()` is the page being rendered."""

        def home(primary: list[str], secondary: list[str], tools: list[dict[str, str]]) -> str:
            return self.renderer(page_url()).home(primary, secondary, tools)

        def chapter(stem: str, printouts_list: bool = False) -> str:
            renderer = self.renderer(page_url())
            after = [printouts.printouts_list(renderer)] if printouts_list else []
            return renderer.chapter(stem, after)

        def checklists_index() -> str:
            return checklists.render_index(self.renderer(page_url()))

        def checklist_page(ident: str) -> str:
            return checklists.render_page(self.renderer(page_url()), ident)

        def checklists_print_all() -> str:
            return checklists.render_print_all(self.renderer(page_url()))

        def quizzes_index() -> str:
            return quizzes.render_index(self.renderer(page_url()))

        def quiz_page(ident: str) -> str:
            return quizzes.render_page(self.renderer(page_url()), ident)

        def phrase_checker() -> str:
            return checker.render(self.renderer(page_url()))

        def phrase_sheet() -> str:
            return printouts.render_phrase_sheet(self.renderer(page_url()))

        def review_home() -> str:
            return review.render_home(self.renderer(page_url()))

        def review_page() -> str:
            return review.render_review_page(self.renderer(page_url()))

        def practice_page() -> str:
            return review.render_practice_page(self.renderer(page_url()))

        return {
            "home": home,
            "chapter": chapter,
            "checklists_index": checklists_index,
            "checklist_page": checklist_page,
            "checklists_print_all": checklists_print_all,
            "quizzes_index": quizzes_index,
            "quiz_page": quiz_page,
            "phrase_checker": phrase_checker,
            "phrase_sheet": phrase_sheet,
            "review_home": review_home,
            "review_page": review_page,
            "practice_page": practice_page,
        }

    def search_suggestions(self) -> list[dict[str, str | bool]]:
        """Everyday situations for the empty search box: words, site-root URL, answer's title,
        and whether that title is a phrase not to say (电话里听不清 opens 大声点，听不见！)."""
        return [
            {
                "text": suggestion.text,
                "url": self.handbook.url_of(suggestion.ref),
                "title": title_of(entry),
                "avoid": isinstance(entry, Phrase),
            }
            for suggestion in self.handbook.search.suggestions
            for entry in [self.handbook.get(suggestion.ref)]
        ]

    def review_items(self) -> str:
        """review/items.json: what each item of 今日复习 says (macros/render/review.py)."""
        data = review.review_data(self.renderer(review.REVIEW_URL))
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def phrase_spec(self) -> str:
        """checker/phrases.json: the phrase spec 话术自查 and 对练 fetch after their page."""
        return checker.spec_json(self.renderer(checker.PAGE_URL))

    def after_build(self, config: MkDocsConfig, *, preview: bool = False) -> None:
        """Post-build steps, in order: the offline cache list must see the final files. A
        preview (`mkdocs serve`) keeps no offline copy."""
        site_dir = Path(config.site_dir)
        if not self.site.repo_blob:  # else "edit this" and file:line open the repository
            content_copy.write_copies(
                self.templates, self.project / "content", site_dir / "_content"
            )
        search_index.augment(site_dir, self.handbook)
        if config.theme.custom_dir:
            minify.minify_assets(Path(config.theme.custom_dir), site_dir)
        offline.remove_unused_lunr(site_dir)
        offline.write_manifest(config, site_dir)
        offline.write_service_worker(config, preview=preview)  # last: it lists the final files
