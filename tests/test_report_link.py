"""报告错误: every entry offers staff without git a pre-filled report of a mistake (page, entry,
its words, the content version) on the repository's issue tracker, or by mail, or not at all."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest

from macros.content.handbook import Handbook
from macros.content.model import Entry
from macros.render.environment import make_environment
from macros.render.renderer import Renderer, SiteConfig
from macros.site.build import site_config

SITE = "https://handbook.example.cn/"
VERSION = "2026-12-01 · 1a2b3c4"


def renderer(handbook: Handbook, **site: str) -> Renderer:
    config = SiteConfig(site_url=SITE, content_version=VERSION, **site)  # type: ignore[arg-type]
    return Renderer(handbook, config, "phrasing/", make_environment())


def an_entry(handbook: Handbook) -> Entry:
    return handbook.chapters["phrasing"].sections[0].entries[0]


def fields(href: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


def test_github_issue_names_the_page_the_entry_its_words_and_the_version(
    handbook: Handbook,
) -> None:
    entry = an_entry(handbook)
    href = renderer(handbook, issues="https://github.com/org/handbook").report_href(entry)
    assert href.startswith("https://github.com/org/handbook/issues/new?")
    report = fields(href)
    assert report["title"].startswith("报告错误：")
    body = report["body"]
    assert f"页面：{SITE}phrasing/#{entry.id}" in body
    assert f"编号 {entry.id}" in body
    assert f"内容版本：{VERSION}" in body
    assert entry.title_text.rstrip("…") in body
    assert "【补充】" not in body and "【推断】" not in body


def test_a_report_names_the_version_of_its_entrys_own_file(handbook: Handbook) -> None:
    """Not the build's version: a commit to another content file must leave the entry's page
    byte for byte as it was (phones download only the pages that changed)."""
    entry = an_entry(handbook)
    own = "2026-11-02 · 9f8e7d6"
    config = SiteConfig(
        site_url=SITE,
        content_version=VERSION,
        report_email="kefu@example.cn",
        file_versions={entry.where.file: own, "content/objections.yml": VERSION},
    )
    href = Renderer(handbook, config, "phrasing/", make_environment()).report_href(entry)
    assert f"内容版本：{own}" in fields(href)["body"]


def test_gitlab_uses_its_own_form(handbook: Handbook) -> None:
    config = SimpleNamespace(
        extra={"content_repo": "https://gitlab.corp.cn/kefu/handbook/"},
        site_url=SITE,
        site_name="营业厅服务手册",
    )
    site = site_config(config)  # type: ignore[arg-type]
    assert (site.issues, site.issues_host) == ("https://gitlab.corp.cn/kefu/handbook", "gitlab")
    href = renderer(handbook, issues=site.issues, issues_host=site.issues_host).report_href(
        an_entry(handbook)
    )
    assert href.startswith("https://gitlab.corp.cn/kefu/handbook/-/issues/new?")
    assert {"issue[title]", "issue[description]"} <= fields(href).keys()
    # and its edit and file pages under /-/, as GitLab has them
    assert site.repo_edit == "https://gitlab.corp.cn/kefu/handbook/-/edit/main/"
    assert site.repo_blob == "https://gitlab.corp.cn/kefu/handbook/-/blob/main/"


def test_without_a_repository_a_mail_and_without_either_no_link(handbook: Handbook) -> None:
    entry = an_entry(handbook)
    mail = renderer(handbook, report_email="peixun@example.cn").report_href(entry)
    assert mail.startswith("mailto:peixun@example.cn?")
    assert "+" not in mail  # spaces as %20: mail programs do not turn + into a space
    assert fields(mail)["subject"].startswith("报告错误：")
    assert renderer(handbook).report_href(entry) == ""


@pytest.mark.parametrize("configured", [True, False])
def test_every_entry_card_ends_with_the_link_when_configured(
    handbook: Handbook, configured: bool
) -> None:
    site = {"issues": "https://github.com/org/handbook"} if configured else {}
    html = renderer(handbook, **site).chapter("phrasing")
    entries = sum(len(s.entries) for s in handbook.chapters["phrasing"].sections)
    assert html.count('class="hb-report"') == (entries if configured else 0)
