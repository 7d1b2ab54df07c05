"""The search journey as staff make it on a phone: type the question, tap the first result.

Shared by tests/test_search_journey.py and scripts/bench_search.py. A journey succeeds when,
after the tap and without any scrolling, an expected entry is on screen below the header (an
entry that is a whole page, such as a checklist, is on screen when its page opened at the top).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .browser import MARK_PAGE, PAGE_REPLACED
from .search import Query, accepted, target_of

# Material closes the search and lifts its scroll lock 100 ms later: wait until the page has
# been still (same scroll position, no lock, no transition running) for a few frames.
SETTLED = """async () => {
  let last = -1, still = 0;
  while (still < 3) {
    await new Promise((done) => requestAnimationFrame(done));
    const locked = document.body.hasAttribute("data-md-scrolllock");
    // the closing search fades out over the page (a CSS transition): the page is still
    // once nothing moves any more
    const moving = document.getAnimations().some((a) => a.playState === "running");
    still = !locked && !moving && scrollY === last ? still + 1 : 0;
    last = scrollY;
  }
}"""

# Material closes the search (and the menu) 125 ms after any change of address, even when it
# is closed already: a search opened again sooner would be closed under the finger. The
# address last changed at window.__hbMoved (installed once per page load).
WATCH_MOVES = """() => {
  if (window.__hbMoved === undefined) {
    window.__hbMoved = 0;
    location$.subscribe(() => { window.__hbMoved = performance.now(); });
  }
}"""
CLOSE_DELAY_PASSED = "() => !window.__hbMoved || performance.now() - window.__hbMoved > 150"

SEARCH_OPEN = "() => document.querySelector('#__search').checked"

# Where an element is: its top between the header's bottom and the screen's bottom, and its
# first line readable there (nothing floating over it, such as Material's back-to-top button).
ON_SCREEN = """(ids) => {
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const bottom = visualViewport.height;
  for (const id of ids) {
    const el = document.getElementById(id);
    if (!el) continue;
    const box = el.getBoundingClientRect();
    if (box.top < header - 1 || box.top >= bottom - 40) continue;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + 16);
    if (hit && el.contains(hit)) return id;
  }
  return null;
}"""


@dataclass(frozen=True)
class Journey:
    query: str
    tapped: str | None  # the address the first result opened
    shown: str | None  # the expected id on screen afterwards, if any

    @property
    def ok(self) -> bool:
        return self.shown is not None


def tap_in_place(page: Any, locator: Any) -> None:
    """A finger on the screen where the element is. Locator.tap() first scrolls the element
    "into view", which for the sticky header scrolls the page the reader is on."""
    box = locator.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # As Playwright's own tap does: wait until the element, not something over it (the search
    # form still sliding away), is what the finger would hit.
    locator.evaluate(
        """(el, [x, y]) => new Promise((done) => {
          const check = () => { const hit = document.elementFromPoint(x, y);
            if (hit && (hit === el || el.contains(hit))) done(); else requestAnimationFrame(check); };
          check(); })""",
        [x, y],
    )
    page.touchscreen.tap(x, y)


def open_search(page: Any) -> Any:
    """Tap the search button unless the search is open (its box may be laid out, off screen,
    while closed: Material's toggle says which)."""
    if not page.evaluate(SEARCH_OPEN):
        page.wait_for_function(CLOSE_DELAY_PASSED)
        tap_in_place(page, page.locator("label.md-header__button[for=__search]"))
        page.wait_for_function(SEARCH_OPEN)
    return page.locator("input.md-search__input")


# Material writes the result count into the meta line for every answer, even an unchanged one:
# a mutation there after typing means this query's results are in.
WATCH_ANSWER = """() => {
  window.__hbAnswered = false;
  const meta = document.querySelector(".md-search-result__meta");
  new MutationObserver((records, observer) => {
    if (/初始化|键入/.test(meta.textContent)) return;
    window.__hbAnswered = true;
    observer.disconnect();
  }).observe(meta, { childList: true, characterData: true, subtree: true });
}"""


# Material's own words for "no results" (zh), or a first result in the list.
RESULTS_LISTED = """() => document.querySelector(".md-search-result__list a.md-search-result__link")
  || document.querySelector(".md-search-result__meta").textContent.includes("没有找到")"""


def type_query(page: Any, query: str) -> None:
    """Fill the box (CJK arrives at once), then a key press makes Material search."""
    box = open_search(page)
    if box.input_value() == query:
        return  # the same question again: its results are still listed
    page.evaluate(WATCH_ANSWER)
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "q => window.__hbAnswered && document.querySelector('.md-search__input').value === q",
        arg=query,
    )
    # The result count is written before the list: on a busy phone the list comes a moment later
    # (a test that read the list at once saw none, 1 run in 3 at load 9).
    page.wait_for_function(RESULTS_LISTED)


def result_links(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            ".md-search-result__list a.md-search-result__link", "links => links.map(a => a.href)"
        )
    )


def tap_first_result(page: Any) -> str | None:
    """Tap the first result and wait until its entry is in and the page is still (the next
    search waits for Material's delayed closing of this one, see open_search)."""
    page.wait_for_function(RESULTS_LISTED)  # the list, once typed again (see type_query)
    links = page.locator(".md-search-result__list a.md-search-result__link")
    if links.count() == 0:
        return None
    return tap_result(page, links.first)


def tap_result(page: Any, link: Any) -> str:
    """Tap a result link and wait until its page and entry are in and the page is still; the
    address it landed on."""
    url = urlsplit(str(link.get_attribute("href")))
    anchor = parse_qs(url.query).get("hb", [""])[0]
    page.evaluate(WATCH_MOVES)
    page.evaluate(MARK_PAGE)
    link.tap()
    # location.hash is percent-encoded: a heading's own id (打印资料) is compared decoded. The
    # address changes before another page is in (see leaving_page): wait for that page too.
    page.wait_for_function(
        f"""([path, anchor, before]) => location.pathname === path
          && (path === before || ({PAGE_REPLACED})())
          && (!anchor || (decodeURIComponent(location.hash) === "#" + anchor
            && document.getElementById(anchor)))
          && !document.querySelector('#__search').checked""",
        arg=[url.path, anchor, urlsplit(page.url).path],
    )
    page.evaluate(SETTLED)
    return str(page.url)


def entry_on_screen(page: Any, ids: list[str]) -> str | None:
    found = page.evaluate(ON_SCREEN, ids)
    return str(found) if found else None


BELOW_THE_HEADER = """(id) => Math.round(document.getElementById(id).getBoundingClientRect().top
  - document.querySelector(".md-header").getBoundingClientRect().bottom)"""


def below_the_header(page: Any, ident: str) -> int:
    """How far below the header's bottom the element's top is, in CSS pixels (a jump to a
    place puts it about 20 px below)."""
    return int(page.evaluate(BELOW_THE_HEADER, ident))


WHERE = """(id) => {
  const el = document.getElementById(id);
  const box = el && el.getBoundingClientRect();
  const hit = box && document.elementFromPoint(box.left + box.width / 2, box.top + 16);
  return { address: location.href, scrollY, viewport: visualViewport.height,
    header: document.querySelector(".md-header").getBoundingClientRect().bottom,
    top: box ? Math.round(box.top) : "no such element",
    hit: hit ? hit.tagName + (hit.id ? "#" + hit.id : "") + "." + hit.className : null,
    // the address the document was loaded from: another page's when instant navigation took over
    loadedFrom: performance.getEntriesByType("navigation")[0].name,
    searchOpen: document.querySelector("#__search").checked };
}"""


def where_is(page: Any, ident: str) -> str:
    """Where the entry is, for a failure message: the page, its scroll, the entry's top, the
    header's bottom, what a finger on the entry's first line would hit."""
    return str(page.evaluate(WHERE, ident))


def journey(page: Any, query: Query, also: dict[str, tuple[str, ...]]) -> Journey:
    """From wherever the reader is: type the query, tap the first result, look without
    scrolling. (A shift of searches: each one starts on the page the last one opened.)"""
    type_query(page, query.q)
    address = tap_first_result(page)
    if address is None:
        return Journey(query.q, None, None)
    wanted = accepted(query, also)
    target = target_of(address)
    if "#" not in address and target in wanted:
        # A page that is itself the answer (a checklist): it opened at its top.
        shown = target if page.evaluate("scrollY") == 0 else None
    else:
        shown = entry_on_screen(page, wanted)
    return Journey(query.q, address, shown)
