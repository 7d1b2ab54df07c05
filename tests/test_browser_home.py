"""The home page on a phone: opens cleanly, fits the screen, quick links lead somewhere."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from .support.browser import PHONE
from .support.server import SiteServer

pytestmark = pytest.mark.browser


def horizontal_overflow(page: Any) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_home_opens_on_a_phone_without_errors_or_sideways_scrolling(
    phone: Any, site: SiteServer
) -> None:
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    response = phone.goto(site.page_url(), wait_until="load")
    assert response is not None and response.ok
    assert phone.title().startswith("首页")
    assert horizontal_overflow(phone) == 0
    assert [url for url in requests if not url.startswith(site.url)] == []


def test_quick_links_are_big_enough_to_tap_and_lead_to_their_pages(
    phone: Any, site: SiteServer
) -> None:
    phone.goto(site.page_url())
    cards = phone.locator("nav.hb-quick:not(.hb-review-home) a.hb-quick__card")
    titles = cards.locator(".hb-quick__title").all_inner_texts()
    assert titles == ["禁语速查", "投诉处理", "异议处理", "成交方法", "检查表", "自测"]
    for index in range(cards.count()):
        box = cards.nth(index).bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44
    cards.first.click()
    phone.wait_for_url("**/phrasing/")
    expect(phone.locator("h1")).to_have_text(re.compile("^禁语速查"))


def test_the_row_kept_for_news_says_how_fresh_the_handbook_is_and_the_bar_moves_nothing(
    phone: Any, site: SiteServer
) -> None:
    """Without news the row kept for it (so that news arriving after the page moves nothing)
    says when the content last changed; an empty row read as a gap left by mistake. The bar
    that takes its place is as tall."""
    phone.goto(site.page_url(), wait_until="load")
    idle = phone.locator(".hb-whatsnew-slot__idle")
    expect(idle).to_have_text(re.compile(r"^手册内容最近更新：\d{4}-\d\d-\d\d$"))
    chip = phone.locator(".hb-everyday a").first
    before = chip.bounding_box()
    phone.evaluate(
        """() => new Promise((done) => {
          const style = document.createElement("link");
          style.rel = "stylesheet";
          style.href = new URL("assets/whatsnew.css", document.baseURI).href;
          style.onload = done;
          document.body.append(style);
        })"""
    )
    phone.evaluate(
        """() => {
          document.querySelector("[data-whatsnew-count]").textContent = "更新 1 条";
          document.querySelector("[data-whatsnew]").hidden = false;
        }"""
    )
    expect(idle).to_be_hidden()
    expect(phone.locator("[data-whatsnew-open]")).to_be_visible()
    assert chip.bounding_box() == before


def test_a_page_slow_to_arrive_shows_a_bar_while_it_comes(phone: Any, site: SiteServer) -> None:
    """On a weak line a tapped page took seconds while the old one stayed as it was, with
    nothing to say the tap was taken (a weak-network audit tapped again, and again)."""
    phone.goto(site.page_url())
    held: list[Any] = []
    phone.route("**/complaints/", lambda route: held.append(route))
    phone.locator("a.hb-quick__card", has_text="投诉处理").tap()
    bar = phone.locator('[data-md-component="progress"]')
    phone.wait_for_function(
        "bar => parseFloat(bar.style.getPropertyValue('--md-progress-value')) > 0",
        arg=bar.element_handle(),
    )
    assert held  # the page is still on its way
    # Seen at arm's length: Material's was a 1.5 px hairline, and before the first byte a
    # 20 px stub at the corner.
    phone.wait_for_function(
        "bar => getComputedStyle(bar).opacity === '1'", arg=bar.element_handle()
    )
    shown = bar.evaluate(
        "b => ({ width: b.getBoundingClientRect().width, height: b.offsetHeight })"
    )
    assert shown["height"] >= 3 and shown["width"] >= PHONE["width"] / 3, shown
    for route in held:
        route.continue_()
    phone.unroute("**/complaints/")
    phone.wait_for_url("**/complaints/")
    expect(phone.locator("h1")).to_have_text(re.compile("^投诉处理"))
    # and nothing moves once it is in (a page waited for to be still must become so)
    phone.wait_for_function("() => !document.getAnimations().length")
