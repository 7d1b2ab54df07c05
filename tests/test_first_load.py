"""What a page loads first: our common bundles and the bundles of its own widgets, nothing else.

A checklist, a quiz or the phrase checker reached by instant navigation from the home page (whose
only widget is 今日复习's counter) gets its widget's files then, once, and is never shown unstyled or not
yet started; the search engine comes with the search index, not with the page. Which page lists
which bundles on a full load: tests/test_build.py. Full loads of widget pages: the widgets' own
browser tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from macros.site.bundles import WIDGETS

from .support.browser import deliver_until, leaving_page, wait_for_instant_navigation
from .support.server import SiteServer

pytestmark = pytest.mark.browser

SLOW = 0.3  # s: each widget file is held this long, so a page shown too early is caught

# Every frame (requestAnimationFrame runs before each paint): if the page has a widget and its
# content is visible, the widget's stylesheet must be applied and its script started.
WATCH_FRAMES = """(widgets) => {
  window.__sameDocument = true;
  window.__shownTooEarly = [];
  const frame = () => {
    const content = document.querySelector(".md-content");
    const visible = content && getComputedStyle(content).visibility === "visible";
    for (const [name, { hooks, css, started }] of Object.entries(widgets)) {
      if (!visible || !document.querySelector(hooks)) continue;
      const link = [...document.querySelectorAll("link[rel=stylesheet]")].find((l) =>
        l.href.endsWith(css),
      );
      if ((css && !link?.sheet) || !new Function(`return ${started}`)()) {
        window.__shownTooEarly.push(`${location.pathname}: ${name}`);
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}"""

# When each widget's script has started on the page in front of the reader.
STARTED = {
    "chapter": "true",  # styles only: shown once they are in
    "paper": "!!window.hbPrintTitled",
    "checklist": "!!document.querySelector('[data-checklist] [data-checklist-bar]:not([hidden])')",
    "checklist-index": "!!document.querySelector('[data-checklist-history]:not([hidden])')",
    "quiz": "!document.querySelector('[data-quiz]') || !!document.querySelector('.quiz.is-live')",
    # The checker has started once it says it is loading its data (which comes after the page).
    "checker": "!!document.querySelector('[data-checker][data-started]')",
    "review-feed": "!!window.hbReviewFeed",
    "review-queue": "!!window.hbReview",
    "review": "!!document.querySelector('[data-review][data-review-ready]')",
    "practice": "!!document.querySelector('[data-practice][data-practice-ready]')",
}


def watch(page: Any, site: SiteServer) -> list[str]:
    """Open the home page with every widget file slowed down; returns the widget files the page
    fetches from now on."""
    fetched: list[str] = []
    widget_files = {path for w in WIDGETS.values() for path in (w.js, w.css) if path}

    def slowly(route: Any) -> None:
        path = route.request.url.removeprefix(site.url + "/")
        if path in widget_files:
            fetched.append(path)
            time.sleep(SLOW)
        route.continue_()

    page.route(f"{site.url}/assets/*", slowly)
    page.goto(site.page_url(), wait_until="load")
    wait_for_instant_navigation(page)
    assert sorted(fetched) == [
        "assets/chapter.css",  # ahead: its search and chips lead into the chapters
        "assets/review-queue.js",  # how many items 今日复习 has (the feed is in it)
    ]
    fetched.clear()
    widgets = {
        name: {
            "hooks": ",".join(f"[{hook}]" for hook in widget.hooks),
            "css": widget.css,
            "started": STARTED[name],
        }
        for name, widget in WIDGETS.items()
    }
    page.evaluate(WATCH_FRAMES, widgets)
    return fetched


def tap_and_wait(page: Any, link: Any, url: str, started: Callable[[], None]) -> None:
    link.click()
    page.wait_for_url(f"**/{url}")
    started()
    assert page.evaluate("window.__sameDocument") is True, "expected instant navigation"


def assert_never_shown_too_early(page: Any) -> None:
    assert page.evaluate("window.__shownTooEarly") == []


def test_a_checklist_reached_from_the_home_page_loads_its_files_once_and_works(
    phone: Any, site: SiteServer
) -> None:
    fetched = watch(phone, site)
    history = phone.locator("[data-checklist-history]")
    tap_and_wait(
        phone,
        phone.locator("a.hb-quick__card", has_text="检查表"),
        "checklists/",
        lambda: expect(history).to_be_visible(),
    )
    assert sorted(fetched) == ["assets/checklist-index.css", "assets/checklist-index.js"]
    card = phone.locator("[data-checklist-summary]").first
    ident = card.get_attribute("data-checklist-summary")
    form = phone.locator(f'[data-checklist="{ident}"]')
    bar = form.locator("[data-checklist-bar]")
    tap_and_wait(
        phone, card.locator("a").first, f"checklists/{ident}/", lambda: expect(bar).to_be_visible()
    )
    first = form.locator("input[data-item]").first
    first.check()
    expect(form.locator("[data-progress]")).to_contain_text("1/")
    # then the form's own script (with what prints it) and styles
    assert sorted(fetched) == [
        "assets/checklist-index.css",
        "assets/checklist-index.js",
        "assets/checklist.css",
        "assets/checklist.js",
    ]
    # Home and back: the stylesheet comes again (Material drops what the home page does not
    # list), the script does not.
    for step, address in (
        (phone.go_back, "**/checklists/"),
        (phone.go_back, f"{site.url}/"),
        (phone.go_forward, "**/checklists/"),
    ):
        with leaving_page(phone):
            step()
        phone.wait_for_url(address)
    expect(history).to_be_visible()
    assert fetched.count("assets/checklist.js") == 1
    assert phone.locator("script[src$='assets/checklist.js']").count() == 1
    assert_never_shown_too_early(phone)


def test_a_quiz_reached_from_the_home_page_loads_its_files_once_and_works(
    phone: Any, site: SiteServer
) -> None:
    fetched = watch(phone, site)
    index = phone.locator(".quiz-index")
    tap_and_wait(
        phone,
        phone.locator("a.hb-quick__card", has_text="自测"),
        "quizzes/",
        lambda: expect(index).to_be_visible(),
    )
    link = index.locator("a.quiz-index-link").first
    href = link.get_attribute("href")
    assert href
    quiz = phone.locator(".quiz.is-live")
    tap_and_wait(
        phone, link, href.rstrip("/").rsplit("/", 1)[-1] + "/", lambda: expect(quiz).to_be_visible()
    )
    question = quiz.locator("[data-question]:visible").first
    question.locator("label").first.click()
    phone.get_by_role("button", name="确定").click()
    expect(phone.locator(".quiz-verdict")).to_be_visible()
    assert sorted(fetched) == ["assets/quiz.css", "assets/quiz.js"]  # paper.js and the feed inside
    assert_never_shown_too_early(phone)


def test_the_checker_reached_from_the_home_page_loads_its_files_once_and_works(
    phone: Any, site: SiteServer
) -> None:
    fetched = watch(phone, site)
    checker = phone.locator("[data-checker][data-ready]")
    tap_and_wait(
        phone,
        phone.locator(".md-content a[href$='/checker/']").first,
        "checker/",
        lambda: expect(checker).to_be_visible(),
    )
    checker.locator("textarea").fill("这不关我的事")
    expect(checker.locator("[data-checker-list] > li")).to_have_count(1)
    assert sorted(fetched) == ["assets/checker.css", "assets/checker.js"]
    assert_never_shown_too_early(phone)


@pytest.mark.search
def test_the_search_engine_comes_with_the_index_not_with_the_page(
    phone: Any, site: SiteServer
) -> None:
    """The worker starts with the page; its engine (search-core.js) only when the worker loads
    the index, which Material's search cannot ask for before it has its own index file."""
    requested: list[str] = []
    phone.on("request", lambda request: requested.append(request.url))
    held: list[Any] = []
    phone.route(f"{site.url}/search/search_index.json", lambda route: held.append(route))
    phone.goto(site.page_url(), wait_until="load")
    deliver_until(
        phone,
        lambda: any(url.endswith("/handbook-search.js") for url in requested),
        "the search worker did not start",
    )
    phone.wait_for_timeout(500)
    assert not any(url.endswith("/search-core.js") for url in requested)
    for route in held:
        route.continue_()
    phone.locator("label.md-header__button[for=__search]").click()
    search = phone.locator("input.md-search__input")
    search.fill("投诉")
    search.press("End")
    phone.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert any(url.endswith("/search-core.js") for url in requested)
