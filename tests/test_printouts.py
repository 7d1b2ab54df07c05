"""Every printout names the handbook, the content version it shows and its page number, so a
trainer can tell an outdated or incomplete copy on paper (forms, quizzes, chapters alike)."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from typing import Any

import pytest
from pypdf import PdfReader

from .support import ROOT
from .support.fixture import site_name
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
    reader = PdfReader(io.BytesIO(desktop.pdf(format="A4")))
    total = len(reader.pages)
    version = content_version()
    assert version, "the tests run in a git checkout"
    for number, pdf_page in enumerate(reader.pages, start=1):
        # PDF text comes out with CJK compatibility and radical forms (⻚ for 页).
        text = unicodedata.normalize("NFKC", pdf_page.extract_text()).replace("⻚", "页")
        assert f"{site_name()} · 内容版本 {version}" in text, (url, number)
        assert f"第 {number} / {total} 页" in text, (url, number)
