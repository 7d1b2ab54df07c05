"""What axe-core (Deque's accessibility engine, the one inside Lighthouse) finds on the pages as
a phone shows them: closed, and with the search and the contents drawer open.

A screen-reader audit found what a sampled Lighthouse run did not: links told apart by colour
alone, two landmarks of one name, unnamed toggles in the drawer. These tests keep the checks
that tool makes, on every kind of page, in the suite (every page: scripts/full_sweeps.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from .support import ROOT
from .support.journey import type_query
from .support.server import SiteServer
from .test_layout import pages_of_each_kind

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules/axe-core/axe.min.js"

# Left out, with why: Material's page-loading bar (partials/progress.html, named 正在打开页面)
# sits outside the landmarks, where Material's layout puts it.
OFF = ("region",)

# A search result is named by its verdict, title and chapter (search.js), not by its preview
# lines too, which axe's label-in-name check asks for: the name a screen reader reads stays
# short, and voice control still matches the title it starts with.
RESULTS_OFF = (*OFF, "label-content-name-mismatch")

RUN = """async (off) => {
  const rules = Object.fromEntries(off.map((id) => [id, { enabled: false }]));
  const found = await axe.run(document, { resultTypes: ["violations"], rules });
  return found.violations.map((v) =>
    `${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}"""


def violations(page: Any, off: tuple[str, ...] = OFF) -> list[str]:
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(path=str(AXE))
    return list(page.evaluate(RUN, list(off)))


@pytest.mark.sweep
def test_every_kind_of_page_passes_axe_on_a_phone(phone: Any, site: SiteServer) -> None:
    found = {}
    for url in sorted({*pages_of_each_kind(site.root), "course/"}):
        phone.goto(site.page_url(url), wait_until="load")
        if problems := violations(phone):
            found[url] = problems
    assert found == {}


@pytest.mark.parametrize("url", ["", "phrasing/", "checker/", "quizzes/zice-tousu/"])
def test_pages_pass_axe_in_the_dark_scheme(phone: Any, site: SiteServer, url: str) -> None:
    phone.emulate_media(color_scheme="dark")
    phone.goto(site.page_url(url), wait_until="load")
    assert violations(phone) == []


@pytest.mark.search
def test_the_open_search_and_the_open_drawer_pass_axe(phone: Any, site: SiteServer) -> None:
    phone.goto(site.page_url("complaints/"), wait_until="load")
    type_query(phone, "太贵了")
    phone.locator(".md-search-result__item").first.wait_for()
    assert violations(phone, RESULTS_OFF) == []
    phone.keyboard.press("Escape")
    phone.get_by_role("button", name="打开目录").tap()
    phone.locator(".md-sidebar--primary .md-nav__link--active:visible").wait_for()
    assert violations(phone) == []
