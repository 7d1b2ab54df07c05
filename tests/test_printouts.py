"""Every printout names the handbook, the content version it shows and its page number, so a
trainer can tell an outdated or incomplete copy on paper (forms, quizzes, chapters alike)."""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest

from .support import ROOT
from .support.fixture import site_name
from .support.pdf import page_text, pages
from .support.server import SiteServer

pytestmark = pytest.mark.browser

PRINTOUTS = ["checklists/banli-yewu/", "quizzes/zice-tousu/", "phrasing/"]


def content_version() -> str:
    return subprocess.run(
        ["git", "log", "-1", "--format=%cs · %h", "--", "content"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


@pytest.mark.parametrize("url", PRINTOUTS)
def test_every_printed_page_carries_the_version_and_its_number(
    desktop: Any, site: SiteServer, url: str
) -> None:
    desktop.goto(site.page_url(url))
    desktop.emulate_media(media="print")
    printed = pages(desktop.pdf(format="A4"))
    total = len(printed)
    version = content_version()
    assert version, "the tests run in a git checkout"
    for number, pdf_page in enumerate(printed, start=1):
        text = page_text(pdf_page)
        assert f"{site_name()} · 内容版本 {version}" in text, (url, number)
        assert f"第 {number} / {total} 页" in text, (url, number)
        if url.startswith("quizzes/"):  # a worksheet: whose it is, on every page
            assert re.search(r"姓名 _+ 日期 _+ 得分 _+", text), (url, number)
