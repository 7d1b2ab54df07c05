"""Every page on a 390x844 phone: nothing wider than the screen, tables readable, and every
control big enough to tap (44 px), including Material's own: header, drawer, search, footer.

Not counted as tap targets, as in WCAG 2.5.5: links inside running text (`display: inline`),
and the heading permalinks, which are invisible until hovered or focused. A checkbox or radio
inside a row-sized label is measured by its label, which is what a finger hits.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from macros.content.handbook import Handbook
from macros.content.urls import checklist_url

from .support.browser import (
    PHONE,
    PHONE_CONTEXT,
    WATCH_TOASTS,
    ConsoleLog,
    WatchedBrowser,
    keys_heard,
    leaving_page,
    wait_for_instant_navigation,
)
from .support.contrast import CONTRAST
from .support.journey import SETTLED, entry_on_screen, open_search, where_is
from .support.offline import site_pages
from .support.server import SiteServer
from .support.sweep import FULL, largest

pytestmark = pytest.mark.browser

MIN_TAP = 44

# Problems on the screen as it is now: [description, ...]; empty when all is well.
SCREEN_PROBLEMS = """(minTap) => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const describe = (el) => {
    const text = (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 12);
    const cls = String(el.className || "").split(/\\s+/).slice(0, 2).join(".");
    return `<${el.tagName.toLowerCase()}${cls ? "." + cls : ""}> "${text}"`;
  };
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > 0 && box.left < width
      && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const scrolls = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(up).overflowX)) return up;
    }
    return null;
  };

  const overflow = document.documentElement.scrollWidth - width;
  if (overflow > 0) problems.push(`the page is ${overflow}px wider than the screen`);
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.height && (box.right > width + 1 || box.left < -1) && !scrolls(el)) {
      problems.push(`${describe(el)} sticks out of the screen (${Math.round(box.left)}..${Math.round(box.right)})`);
    }
  }

  for (const table of document.querySelectorAll("article table")) {
    if (!shown(table)) continue;
    const box = table.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(table).fontSize);
    if (size < 12) problems.push(`${describe(table)}: text ${size}px`);
    const holder = scrolls(table);
    if (box.width > width && !(holder && holder.scrollWidth > holder.clientWidth)) {
      problems.push(`${describe(table)} is wider than the screen and does not scroll`);
    }
    // A column so narrow that its text stands a character or two per line is unreadable.
    for (const cell of table.querySelectorAll("th, td")) {
      const chars = cell.textContent.replace(/\\s+/g, "").length;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      if (chars >= 4 && lines && chars / lines < 3) {
        problems.push(`${describe(cell)}: ${chars} characters on ${lines} lines`);
      }
    }
  }

  const controls = document.querySelectorAll(
    "a[href], button, select, textarea, summary, [role=button], input:not([type=hidden]), label"
  );
  for (const el of controls) {
    if (!shown(el) || el.closest(".headerlink")) continue;
    if (el.matches(".headerlink") || (el.tagName === "A" && getComputedStyle(el).display === "inline")) continue;
    let target = el;
    if (el.tagName === "LABEL") {
      const input = el.control || el.querySelector("input");
      if (!input || !["checkbox", "radio"].includes(input.type)) continue; // a caption, not a button
    }
    if (el.matches("input[type=checkbox], input[type=radio]")) {
      const label = el.closest("label") || (el.labels && el.labels[0]);
      if (label && shown(label)) target = label;
    }
    // the header's buttons sit in the labels a tap anywhere on opens (partials/header.html)
    if (el.matches("[role=button]") && el.closest("label")) target = el.closest("label");
    const box = target.getBoundingClientRect();
    if (Math.min(box.width, box.height) < minTap - 0.5) {
      problems.push(`${describe(target)} is ${Math.round(box.width)}x${Math.round(box.height)}px`);
    }
  }
  return [...new Set(problems)];
}"""


def problems_on_screen(page: Any) -> list[str]:
    # Fonts in, and slides and fades (menu, search) finished: mid-way things stand out.
    page.evaluate("document.fonts.ready")
    page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    return page.evaluate(SCREEN_PROBLEMS, MIN_TAP)


def pages_of_each_kind(root: Path) -> list[str]:
    """Every page in a full sweep; otherwise the home page and, of each kind (chapters and
    the checker; checklists; quizzes; the phrase sheet), its index and its two longest pages."""
    pages = site_pages(root)
    size = {url: (root / url / "index.html").stat().st_size for url in pages}
    kinds: dict[str, list[str]] = {}
    for url in pages:
        kinds.setdefault(url.split("/")[0] if url.count("/") > 1 else "", []).append(url)
    chosen = {"./"}
    for kind, urls in kinds.items():
        chosen.update(u for u in urls if u == f"{kind}/")
        chosen.update(largest([u for u in urls if u != "./"], 2, size))
    return [url for url in pages if url in chosen or FULL]


# Texts below WCAG AA against what is behind them (4.5:1, or 3:1 for large text): each
# element holding text once, as shown now.
LOW_CONTRAST = """(contrast) => {
  const ratio = eval(contrast);
  const found = new Set();
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
    const measured = ratio(el);
    if (measured < (large ? 3 : 4.5) - 0.05) {
      const text = node.textContent.trim().slice(0, 12);
      found.add(`<${el.tagName.toLowerCase()}.${el.classList[0] || ""}> "${text}" ${measured.toFixed(2)}:1`);
    }
  }
  return [...found];
}"""


@pytest.mark.sweep
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_reads_against_its_background_in_either_scheme(
    phone: Any, site: SiteServer, scheme: str
) -> None:
    """Staff read at a bright counter and, with the phone in dark mode, in a dim back office: a
    sample of every kind of page in the scheme the phone asks for (every page: full sweep)."""
    phone.emulate_media(color_scheme=scheme)
    problems = []
    for url in pages_of_each_kind(site.root):
        phone.goto(site.page_url(url), wait_until="load")
        shown = phone.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == {"light": "default", "dark": "slate"}[scheme], url
        problems += [f"{url}: {problem}" for problem in phone.evaluate(LOW_CONTRAST, CONTRAST)]
    assert problems == [], "\n".join(problems)


def test_in_the_dark_scheme_the_words_a_search_found_stand_out(
    browser: WatchedBrowser, site: SiteServer
) -> None:
    """Slate's own mark (30% blue) was hardly told from its dark background (1.5:1)."""
    context = browser.new_context(**PHONE_CONTEXT, color_scheme="dark")
    page = context.new_page()
    page.goto(site.page_url("objections/?h=太贵"), wait_until="load")
    mark = page.locator(".md-content mark").first
    assert mark.evaluate(CONTRAST) >= 4.5  # its words
    against_page = mark.evaluate(
        """(m) => {
          const rgba = (c) => c.match(/[\\d.]+/g).map(Number);
          const page = rgba(getComputedStyle(document.body).backgroundColor);
          const [r, g, b, a] = rgba(getComputedStyle(m).backgroundColor);
          const laid = [r, g, b].map((v, i) => a * v + (1 - a) * page[i]);
          const lum = (rgb) => { const [x, y, z] = rgb.map((v) => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
            return 0.2126 * x + 0.7152 * y + 0.0722 * z; };
          return (lum(laid) + 0.05) / (lum(page) + 0.05);
        }"""
    )
    assert against_page >= 3, against_page  # the mark itself, as a part of the page (1.4.11)
    context.close()


@pytest.mark.sweep
def test_every_page_fits_a_phone_and_every_control_is_big_enough(
    phone: Any, site: SiteServer
) -> None:
    """A sample of every kind of page; every page: scripts/full_sweeps.py."""
    problems = []
    for url in pages_of_each_kind(site.root):
        phone.goto(site.page_url(url), wait_until="load")
        problems += [f"{url}: {problem}" for problem in problems_on_screen(phone)]
    assert problems == [], "\n".join(problems)


@pytest.mark.sweep
def test_no_page_scrolls_sideways_on_a_small_phone_with_its_text_twice_as_large(
    browser: Any, site: SiteServer
) -> None:
    """A phone's large system text (Chromium's default font size doubled): the chapters'
    contents box, pulled out to the screen's edges by a margin in rem, stood 16 px past them
    and the page panned sideways, cutting the header's top on the next swipe."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    text = context.new_cdp_session(page)
    text.send("Page.setFontSizes", {"fontSizes": {"standard": 32}})
    wider = {}
    for url in pages_of_each_kind(site.root):
        page.goto(site.page_url(url), wait_until="load")
        page.evaluate("document.fonts.ready")
        # (not innerWidth: a phone widens its layout to what sticks out, and zooms out)
        if (over := page.evaluate("document.documentElement.scrollWidth") - 360) > 0:
            wider[url] = over
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 32
    assert wider == {}, wider
    # The question in the search box: rem paddings for "back" and "clear" left room for three
    # or four of its characters (an older clerk saw 部怎么办), and it shows eight at least.
    open_search(page)
    # (a phone has no "/" key to tell of: the counter PC's 搜索（按 / 键）is not said)
    assert page.locator(".md-search__input").get_attribute("placeholder") == "搜索"
    room = page.evaluate(SEARCH_BOX_ROOM)
    assert room["characters"] >= 8, room
    assert room["back"] <= room["text_left"] and room["clear"] >= room["text_right"], room
    context.close()


# How much of the search box the typed text has, in characters of its size, and where the
# "back" and "clear" icons end and begin, against that room's edges.
SEARCH_BOX_ROOM = """() => {
  const box = document.querySelector(".md-search__input");
  const style = getComputedStyle(box);
  const rect = box.getBoundingClientRect();
  const left = rect.left + parseFloat(style.paddingLeft);
  const right = rect.right - parseFloat(style.paddingRight);
  return {
    characters: (right - left) / parseFloat(style.fontSize),
    text_left: left,
    text_right: right,
    back: Math.max(...[...document.querySelectorAll(".md-search__icon[for=__search] svg")]
      .map((svg) => svg.getBoundingClientRect().right)),
    clear: document.querySelector(".md-search__options > .md-icon svg").getBoundingClientRect().left,
  };
}"""


# Links inside a sentence or a list item with other words, not underlined: told apart from the
# text by colour alone (Material's blue is 2.3:1 from the text, 1.1:1 in the dark scheme).
LINKS_BY_COLOUR_ONLY = r"""() => [...document.querySelectorAll("article a[href]")].filter((a) => {
  if (getComputedStyle(a).display !== "inline" || !a.checkVisibility({ visibilityProperty: true })) return false;
  const block = a.closest("p, li, td, dd");
  const rest = block ? block.textContent.replace(a.textContent, "").replace(/\s+/g, "") : "";
  return rest.length > 1 && !getComputedStyle(a).textDecorationLine.includes("underline");
}).map((a) => a.textContent.trim())"""


@pytest.mark.sweep
def test_a_link_in_running_text_is_underlined(phone: Any, site: SiteServer) -> None:
    """A sample of every kind of page and the course page (its list of printouts was blue
    words in a sentence); every page: scripts/full_sweeps.py."""
    problems = {}
    for url in sorted({*pages_of_each_kind(site.root), "course/"}):
        phone.goto(site.page_url(url), wait_until="load")
        if found := phone.evaluate(LINKS_BY_COLOUR_ONLY):
            problems[url] = found
    assert problems == {}


def test_with_the_phones_text_at_200_percent_the_header_still_shows_its_title(
    phone: Any, site: SiteServer
) -> None:
    """Phone set to twice the text size (Material's root font is 125% of the phone's, so
    250%): the header's icon buttons stop growing at a tap target, and the title keeps the
    reader's size and at least three characters on screen. Material's own 88px buttons left
    it one (营)."""
    phone.goto(site.page_url("phrasing/"), wait_until="load")
    normal = phone.eval_on_selector_all(
        ".md-header__button.md-icon:not(.md-logo)", "es => es.filter((e) => e.offsetWidth).length"
    )
    phone.add_style_tag(content="html { font-size: 250% !important; }")
    header = phone.evaluate(
        """() => ({
          buttons: [...document.querySelectorAll(".md-header__button.md-icon:not(.md-logo)")]
            .filter((e) => e.offsetWidth)
            .map((e) => Math.min(e.offsetWidth, e.offsetHeight)),
          title: document.querySelector(".md-header__title").clientWidth,
          size: parseFloat(getComputedStyle(document.querySelector(".md-header__topic")).fontSize),
        })"""
    )
    assert len(header["buttons"]) == normal >= 3
    assert all(MIN_TAP <= side <= 56 for side in header["buttons"]), header
    assert header["size"] >= 35, header  # the reader's text size: 0.9rem of 40px
    assert header["title"] >= 3 * header["size"], header


def test_with_the_phones_text_at_200_percent_the_text_keeps_its_width_and_the_drawer_its_shade(
    phone: Any, site: SiteServer
) -> None:
    """Phone set to twice the text size (html at 250%, as above): the side margins grew with
    the text (62 px a side, eight characters a line), and the drawer, 12.1rem wide, was wider
    than the phone: no shade was left to tap it closed, and a tap meant for the shade opened
    a page under the thumb."""
    phone.goto(site.page_url("phrasing/"), wait_until="load")
    text_width = """() => { const e = document.querySelector(".hb-entry");
      const s = getComputedStyle(e);
      return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"""
    usual = phone.evaluate(text_width)
    phone.add_style_tag(content="html { font-size: 250% !important; }")
    assert phone.evaluate(text_width) >= usual - 2  # (its card stops at 15 px, from 14.4)
    phone.locator("label.md-header__button[for=__drawer]").tap()
    drawer = ".md-sidebar--primary"
    phone.wait_for_function(f"document.querySelector('{drawer}').getBoundingClientRect().left >= 0")
    shade = PHONE["width"] - phone.locator(drawer).evaluate("e => e.getBoundingClientRect().right")
    assert shade >= MIN_TAP, shade
    phone.touchscreen.tap(PHONE["width"] - MIN_TAP / 2, PHONE["height"] / 2)
    expect(phone.locator("#__drawer")).not_to_be_checked()
    assert urlsplit(phone.url).path.endswith("/phrasing/")


def test_with_the_phones_text_at_200_percent_a_checklist_item_keeps_its_words_wide(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """A 必做 item's badge has a column of its own beside the words at the usual text size; at
    twice it (html at 250%) that column left the words four characters a line: the badge
    goes under them."""
    checklist = next(c for c in handbook.checklists.checklists if any(i.critical for i in c.items))
    phone.goto(site.page_url(checklist_url(checklist.id)), wait_until="load")
    where = """() => { const row = document.querySelector(".hb-check--must .hb-check__row");
      const at = (e) => e.getBoundingClientRect();
      const text = at(row.querySelector(".hb-check__text")), badge = at(row.querySelector(".hb-must"));
      return { beside: badge.left >= text.right - 1, under: badge.top >= text.bottom - 1,
               characters: text.width / parseFloat(getComputedStyle(row).fontSize) }; }"""
    usual = phone.evaluate(where)
    assert usual["beside"], usual
    phone.add_style_tag(content="html { font-size: 250% !important; }")
    large = phone.evaluate(where)
    assert large["under"] and large["characters"] >= 8, large


def test_with_the_phones_text_at_150_percent_the_home_cards_show_what_they_are_for(
    phone: Any, site: SiteServer
) -> None:
    """Two cards a row at the phone's usual text size; at 150% (root font 187.5%) one a row,
    each description whole: two narrow columns cut them to a few words and “…”."""
    cards = """() => [...document.querySelectorAll(".hb-quick__card")].map((card) => {
      const text = card.querySelector(".hb-quick__text");
      return { top: card.getBoundingClientRect().top,
               cut: text ? text.scrollHeight > text.clientHeight + 1 : false };
    })"""
    phone.goto(site.page_url(), wait_until="load")
    usual = phone.evaluate(cards)
    assert len(usual) >= 4 and usual[0]["top"] == usual[1]["top"], usual  # side by side
    phone.add_style_tag(content="html { font-size: 187.5% !important; }")
    large = phone.evaluate(cards)
    tops = [card["top"] for card in large]
    assert len(set(tops)) == len(tops), large  # one a row
    assert [card for card in large if card["cut"]] == [], large


@pytest.mark.parametrize("url", ["", "checklists/", "quizzes/"])
def test_the_menu_fits_and_every_entry_is_big_enough(
    phone: Any, site: SiteServer, url: str
) -> None:
    phone.goto(site.page_url(url), wait_until="load")
    phone.locator("label.md-header__button[for=__drawer]").tap()
    assert (found := problems_on_screen(phone)) == [], "\n".join(found)
    if url:
        # The menu opens on this section's entries; its title leads back to the whole menu.
        phone.locator(".md-sidebar--primary label.md-nav__title:not([for=__drawer])").filter(
            has_text=phone.locator("h1").inner_text()[:2]
        ).first.tap()
    else:
        # On the whole menu, the arrow beside 检查表 opens that section.
        phone.locator(".md-sidebar--primary .md-nav__container > label.md-nav__link").first.tap()
    assert (found := problems_on_screen(phone)) == [], "\n".join(found)


@pytest.mark.search
def test_search_on_a_phone_fits_and_its_buttons_are_big_enough(
    phone: Any, site: SiteServer
) -> None:
    phone.goto(site.page_url(), wait_until="load")
    phone.locator("label.md-header__button[for=__search]").tap()
    search = phone.locator("input.md-search__input")
    search.fill("投诉")
    search.press("End")
    phone.locator(".md-search-result__item").first.wait_for()
    assert (found := problems_on_screen(phone)) == [], "\n".join(found)
    # How many were found, small grey on grey: Material's read 4.4:1.
    for scheme in ("light", "dark"):
        phone.emulate_media(color_scheme=scheme)
        count = phone.locator(".md-search-result__meta")
        expect(count).to_contain_text("个符合条件的结果")
        assert count.evaluate(CONTRAST) >= 4.5, scheme
    # A toast that comes meanwhile (the offline copy saved, on a first visit) would cover the
    # sheet's last rows: it waits under the sheet until the search is closed (by a script here:
    # a tap or a key would take the toast away, toast.js).
    phone.evaluate("window.hbToast([document.createTextNode('已存到本机')], 60000)")
    expect(phone.locator(".hb-toast")).to_be_attached()
    expect(phone.locator(".hb-toast")).to_be_hidden()
    phone.evaluate("document.querySelector('[data-md-toggle=search]').click()")
    expect(phone.locator(".hb-toast")).to_be_visible()


def test_light_or_dark_follows_the_phone_from_the_first_paint_and_after_a_visit(
    browser: WatchedBrowser, site: SiteServer, console: ConsoleLog
) -> None:
    """A phone set to dark gets the dark page before Material's main script runs (it used to be
    white until then, seconds on counter Wi-Fi); and a later visit follows the phone's setting
    as it is then, not the one Material saw and saved on the first visit."""
    console.allow(r"ERR_FAILED")  # the main script withheld below
    context = browser.new_context(**PHONE_CONTEXT, color_scheme="dark")
    page = context.new_page()
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(site.page_url(), wait_until="domcontentloaded")
    assert page.evaluate(scheme) == "slate"  # the inline palette script's choice alone
    page.unroute("**/assets/javascripts/bundle.*.min.js")
    page.goto(site.page_url("phrasing/"), wait_until="load")
    page.wait_for_function("() => Object.keys(localStorage).some((k) => k.endsWith('__palette'))")
    assert page.evaluate(scheme) == "slate"
    page.emulate_media(color_scheme="light")  # the phone switched to light since
    page.reload(wait_until="load")
    assert page.evaluate(scheme) == "default"
    context.close()


@pytest.mark.parametrize("phone_scheme", ["light", "dark"])
def test_every_tap_on_the_light_dark_toggle_changes_the_look(
    browser: WatchedBrowser, site: SiteServer, phone_scheme: str
) -> None:
    """Material's toggle stepped through follow the phone → light → dark: on a phone set to
    light the first tap chose light and nothing changed, so staff thought it broken. The
    toggle now leads to the look the phone is not in, and from there back to following the
    phone; the button says what it does, and a look chosen stays after a reload."""
    context = browser.new_context(**PHONE_CONTEXT, color_scheme=phone_scheme)
    page = context.new_page()
    page.goto(site.page_url(), wait_until="load")
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    button = page.locator("form[data-md-component=palette] label:visible")
    phone_look, other_look = (
        ("default", "slate") if phone_scheme == "light" else ("slate", "default")
    )
    assert page.evaluate(scheme) == phone_look
    assert button.count() == 1
    assert button.get_attribute("title") == (
        "切换到深色模式" if phone_scheme == "light" else "切换到浅色模式"
    )
    button.tap()
    page.wait_for_function(f"() => ({scheme})() === '{other_look}'")
    assert button.get_attribute("title") == "跟随手机的深浅设置"
    page.reload(wait_until="load")
    assert page.evaluate(scheme) == other_look
    button.tap()
    page.wait_for_function(f"() => ({scheme})() === '{phone_look}'")
    page.emulate_media(color_scheme="dark" if phone_scheme == "light" else "light")
    page.wait_for_function(f"() => ({scheme})() === '{other_look}'")  # follows the phone again
    context.close()


# Material's search has its index (its first words, 正在初始化搜索引擎, are gone).
SEARCH_READY = (
    "() => document.querySelector('.md-search-result__meta')?.textContent.trim()"
    " === '键入以开始搜索'"
)


@pytest.mark.search  # with the index, as staff have it
def test_a_keyboard_reaches_the_content_without_passing_unseen_links(
    phone: Any, site: SiteServer
) -> None:
    """Closed, Material's search results and menu drawer stay in the page, out of sight: Tab
    went through some 50 unseen links (the everyday searches, every menu entry) before the
    content. Opened, they take the focus as before."""
    phone.goto(site.page_url("phrasing/"), wait_until="load")
    # Ready to search, as a page is a moment after it opened: the box opens the search when Tab
    # reaches it, and keyboard.js has come (its Tab in the search as well).
    phone.wait_for_function(SEARCH_READY)
    keys_heard(phone)
    unseen = """() => {
      const focused = document.activeElement;
      return !!focused.closest('.md-sidebar--primary, .md-search__output');
    }"""
    for _ in range(6):
        phone.keyboard.press("Tab")
        assert not phone.evaluate(unseen), phone.evaluate("document.activeElement.outerHTML")
    assert phone.evaluate("!!document.activeElement.closest('.md-content')")
    phone.locator("label.md-header__button[for=__drawer]").tap()
    link = phone.locator(".md-sidebar--primary a.md-nav__link").first
    expect(link).to_be_visible()
    link.focus()
    assert phone.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
    phone.locator(".md-overlay").tap(position={"x": 370, "y": 400})
    expect(link).to_be_hidden()
    phone.locator("label.md-header__button[for=__search]").tap()
    suggestion = phone.locator(".hb-search-start a").first
    expect(suggestion).to_be_visible()
    suggestion.focus()
    assert phone.evaluate("!!document.activeElement.closest('.md-search__output')")


def test_enter_on_the_light_dark_toggle_changes_the_look_too(
    browser: WatchedBrowser, site: SiteServer
) -> None:
    """From the keyboard, Material's Enter stepped to the next option in order: light, on a
    phone set to light. Enter or Space goes where the button on screen leads (Space did
    nothing), the button shows that it has the focus, and a screen reader hears what it does
    (it heard Material's radio for the look chosen: 切换到深色模式 on a dark page)."""
    context = browser.new_context(**PHONE_CONTEXT, color_scheme="light")
    page = context.new_page()
    page.goto(site.page_url(), wait_until="load")
    keys_heard(page)
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    toggle = "document.activeElement.matches('form[data-md-component=palette] .hb-press')"
    for _ in range(5):  # from the top of the page, as a keyboard reaches it
        page.keyboard.press("Tab")
        if page.evaluate(toggle):
            break
    button = page.locator("form[data-md-component=palette] label:visible .hb-press")
    expect(button).to_be_focused()
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") != "none"
    expect(button).to_have_accessible_name("切换到深色模式")
    expect(button).to_have_role("button")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({scheme})() === 'slate'")
    expect(button).to_be_focused()  # the button shown now, saying what it does now
    expect(button).to_have_accessible_name("跟随手机的深浅设置")
    page.keyboard.press(" ")
    page.wait_for_function(f"() => ({scheme})() === 'default'")
    expect(button).to_be_focused()
    expect(button).to_have_accessible_name("切换到深色模式")
    # Material's radio inputs are out of the keyboard's and the screen reader's way.
    header = page.locator(".md-header").aria_snapshot()
    assert "radio" not in header, header
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_heading_link_of_the_entry_landed_on_is_readable(
    browser: WatchedBrowser, site: SiteServer, scheme: str
) -> None:
    """The entry a search result or link lands on shows its heading's "#" link, which Material
    colours in its accent: 2.8:1 on white."""
    context = browser.new_context(**PHONE_CONTEXT, color_scheme=scheme)
    page = context.new_page()
    page.goto(site.page_url("phrasing/"), wait_until="load")
    entry = page.locator(".hb-entry > h3[id]").nth(3).get_attribute("id")
    page.goto("about:blank")
    page.goto(site.page_url(f"phrasing/#{entry}"), wait_until="load")
    heading = page.locator(f"h3[id='{entry}']")
    assert heading.evaluate("h => h.matches(':target')")
    link = heading.locator(".headerlink")
    page.wait_for_function("l => !l.getAnimations().length", arg=link.element_handle())
    assert link.evaluate("l => getComputedStyle(l).opacity") == "1"
    assert link.evaluate(CONTRAST) >= 4.5
    # A step landed on is framed with its number inside (an outline cut through the "1.")
    page.goto(site.page_url("complaints/#tousu-faxie"), wait_until="load")
    frame = page.locator("#tousu-faxie").evaluate(
        """s => { const f = getComputedStyle(s, "::before");
          return [f.borderTopStyle, parseFloat(f.left) / parseFloat(getComputedStyle(s).fontSize)]; }"""
    )
    assert frame[0] == "solid" and frame[1] <= -1.5, frame  # the number: about 1.2em wide
    context.close()


def test_on_a_desktop_the_contents_mark_the_entry_landed_on(desktop: Any, site: SiteServer) -> None:
    """The entry sat 4rem down, past Material's threshold: the contents on the right marked the
    entry above it (a shift leader shared a link to one 禁语 and saw another highlighted)."""
    desktop.goto(site.page_url("phrasing/"), wait_until="load")
    entry = desktop.locator(".hb-entry > h3[id]").nth(3).get_attribute("id")
    desktop.goto("about:blank")
    desktop.goto(site.page_url(f"phrasing/#{entry}"), wait_until="load")
    active = desktop.locator(".md-nav--secondary a.md-nav__link--active").first
    expect(active).to_have_attribute("href", re.compile(f"#{entry}$"))
    header = desktop.locator(".md-header").bounding_box()
    card = desktop.locator(f".hb-entry:has(> h3[id='{entry}'])").bounding_box()
    assert header["y"] + header["height"] < card["y"], (header, card)  # not under the header


def test_on_a_phone_a_headings_link_is_in_sight_and_copies_the_places_address(
    browser: WatchedBrowser, site: SiteServer
) -> None:
    """Staff send an entry to a colleague: a phone has no hover to show the "#", and the
    address after a search carries the words it marked (?h=…)."""
    context = browser.new_context(**PHONE_CONTEXT)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.page_url())
    page = context.new_page()
    page.goto(site.page_url("objections/?h=太贵"), wait_until="load")
    heading = page.locator(".hb-entry > h3[id]").nth(2)
    entry = heading.get_attribute("id")
    link = heading.locator(".headerlink")
    assert link.evaluate("l => getComputedStyle(l).opacity") == "1"
    assert link.evaluate(CONTRAST) >= 4.5
    box = link.evaluate("l => { const r = l.getBoundingClientRect(); return [r.width, r.height] }")
    assert min(box) >= 36, box  # a sign of one character, a tap area around it
    # what a screen reader hears: a live region that is there before its words arrive
    page.evaluate(WATCH_TOASTS)
    link.tap()
    expect(page.locator(".hb-toast")).to_have_text("已复制这一条的链接，可以发给同事。")
    assert page.evaluate("window.hbLive") == [["status", ""]]
    assert page.evaluate("navigator.clipboard.readText()") == site.page_url(f"objections/#{entry}")
    page.wait_for_function(  # and the tap goes to it, as before
        "h => h.matches(':target')", arg=heading.element_handle()
    )
    # Reading on takes it away: it covered the next lines for seconds.
    page.mouse.wheel(0, 200)
    expect(page.locator(".hb-toast")).to_have_count(0, timeout=1000)  # it stays 3 s unread
    context.close()


@pytest.mark.parametrize("link", ["a.hb-avoid__row >> nth=3", "a[href*='/basics/#'] >> nth=0"])
def test_a_link_to_a_place_in_another_chapter_lands_on_it(
    phone: Any, site: SiteServer, link: str
) -> None:
    """千万不要说's rows and the cross-references lead into another chapter. Under instant
    navigation a tap there landed about three times in four; the rest stayed where the reader
    had been, and the address always ended in a section of the page left (#tousu-qibu on
    禁语速查), written by Material's tracking of that page (anchors.js now holds the place)."""
    phone.goto(site.page_url("complaints/"), wait_until="load")
    wait_for_instant_navigation(phone)
    tapped = phone.locator(f"article {link}")
    address = urlsplit(tapped.evaluate("a => a.href"))
    place = address.fragment
    tapped.scroll_into_view_if_needed()
    tapped.tap()
    phone.wait_for_url(f"**{address.path}#{place}")
    phone.wait_for_function("p => document.getElementById(p)", arg=place)
    phone.evaluate(SETTLED)
    assert entry_on_screen(phone, [place]) == place, where_is(phone, place)
    assert phone.evaluate("p => document.getElementById(p).matches(':target')", place)
    assert phone.evaluate("location.hash") == f"#{place}"


def test_a_step_of_a_long_procedure_is_one_tap_from_the_procedures_top(
    phone: Any, site: SiteServer
) -> None:
    """Mid-complaint, step 5 of 投诉七步 was four phone screens below its title."""
    phone.goto(site.page_url("complaints/"), wait_until="load")
    wait_for_instant_navigation(phone)
    links = phone.locator("nav.hb-step-index").first.locator("a")
    assert links.count() >= 4
    for link in links.all():
        assert link.bounding_box()["height"] >= MIN_TAP
    fifth = links.nth(min(4, links.count() - 1))
    place = urlsplit(fifth.evaluate("a => a.href")).fragment
    fifth.scroll_into_view_if_needed()
    fifth.tap()
    phone.wait_for_url(f"**#{place}")
    phone.evaluate(SETTLED)
    assert entry_on_screen(phone, [place]) == place, where_is(phone, place)
    assert phone.evaluate("p => document.getElementById(p).matches(':target')", place)


def test_with_large_text_a_long_procedures_step_list_shows_each_name_whole(
    phone: Any, site: SiteServer
) -> None:
    """At twice the phone's text size the list cut every name to a few characters and "…"
    (1 让用户发泄…, 2 充分道歉，…): names wrap instead."""
    phone.goto(site.page_url("complaints/"), wait_until="load")
    phone.add_style_tag(content="html { font-size: 250% !important; }")
    cut = phone.eval_on_selector_all(
        "nav.hb-step-index .hb-step-index__name",
        "names => names.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent)",
    )
    assert phone.locator("nav.hb-step-index .hb-step-index__name").count() >= 4
    assert cut == []


def test_on_a_phone_back_to_top_waits_at_the_thumb_not_over_what_is_read(
    phone: Any, site: SiteServer
) -> None:
    """Material shows its back-to-top button when the page scrolls up, centred under the
    header: on a phone that is the first line the reader scrolled back up to. There it is a
    round button at the bottom right, named as before."""
    phone.goto(site.page_url("phrasing/"))
    phone.evaluate("window.scrollTo(0, 3000)")
    phone.mouse.wheel(0, -200)
    phone.wait_for_function("() => !document.querySelector('.md-top').hidden")
    button = phone.locator(".md-top")
    phone.wait_for_function("b => !b.getAnimations().length", arg=button.element_handle())
    box = button.bounding_box()
    assert box is not None
    assert box["x"] > PHONE["width"] * 0.75 and box["y"] > PHONE["height"] * 0.85, box
    assert min(box["width"], box["height"]) >= MIN_TAP, box
    expect(button).to_have_accessible_name("回到页面顶部")
    # At the foot of the page it leaves the links to the pages before and after free.
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    phone.mouse.wheel(0, -5)
    phone.wait_for_function("() => !document.querySelector('.md-top').hidden")
    phone.wait_for_function("b => !b.getAnimations().length", arg=button.element_handle())
    box = button.bounding_box()
    assert box is not None
    for link in phone.locator(".md-footer__link").all():
        other = link.bounding_box()
        assert other is not None
        assert other["y"] + other["height"] <= box["y"] or other["x"] + other["width"] <= box["x"]
    # A toast (the one-time "saved for offline" line, say) has the foot to itself while shown.
    phone.evaluate("window.hbToast([document.createTextNode('已存到本机')], 1500)")
    expect(phone.locator(".hb-toast")).to_have_text("已存到本机")
    expect(button).to_be_hidden()
    expect(phone.locator(".hb-toast")).to_have_count(0)
    expect(button).to_be_visible()


# Where the keyboard's focus is, and whether the sticky header covers it.
FOCUS_PLACE = """() => {
  const e = document.activeElement;
  const header = document.querySelector(".md-header");
  if (!e || e === document.body || header.contains(e)) return null;
  const r = e.getBoundingClientRect();
  if (!r.width) return null;
  return { top: r.top, under: header.getBoundingClientRect().bottom, what: e.outerHTML.slice(0, 80) };
}"""


@pytest.mark.browser
def test_shift_tab_never_leaves_the_focus_under_the_sticky_header(
    desktop: Any, site: SiteServer
) -> None:
    """Going back through a chapter with Shift+Tab scrolled focused links and buttons up under
    the header (40 of 150 stops on 禁语速查): the reader lost sight of where she was."""
    desktop.goto(site.page_url("phrasing/"))
    desktop.locator(".md-footer a").last.focus()
    covered = []
    for _ in range(80):
        desktop.keyboard.press("Shift+Tab")
        place = desktop.evaluate(FOCUS_PLACE)
        if place and place["top"] < place["under"] - 1:
            covered.append(place["what"])
    assert covered == []


@pytest.mark.browser
def test_after_instant_navigation_the_focus_is_on_the_new_page_and_tab_goes_on_in_its_text(
    desktop: Any, site: SiteServer
) -> None:
    """Enter on a link swapped the page in, and the focus stayed on nothing: Tab began again at
    the header and the menu, a hundred presses from the text, and a screen reader heard
    nothing. The new page's title takes the focus (its place, when the link names one)."""
    desktop.goto(site.page_url("objections/"))
    wait_for_instant_navigation(desktop)
    desktop.evaluate("window.__sameDocument = true")
    desktop.locator("a.md-footer__link--next").focus()
    with leaving_page(desktop):
        desktop.keyboard.press("Enter")
    assert desktop.evaluate("window.__sameDocument === true"), "instant navigation"
    expect(desktop.locator(".md-content h1")).to_be_focused()
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.closest('.md-content') !== null")
    y = desktop.evaluate("scrollY")
    assert y == 0  # the focus moved, the page did not

    desktop.goto(site.page_url())  # the home page's everyday situations lead to places
    wait_for_instant_navigation(desktop)
    index = desktop.evaluate(
        """() => [...document.querySelectorAll(".md-content a[href*='#']")].findIndex(
             (a) => a.pathname !== location.pathname)"""
    )
    link = desktop.locator(".md-content a[href*='#']").nth(index)
    target = desktop.evaluate("a => decodeURIComponent(a.hash.slice(1))", link.element_handle())
    with leaving_page(desktop):
        link.focus()
        desktop.keyboard.press("Enter")
    place = desktop.locator(f"[id='{target}']")
    expect(place).to_be_focused()
    # its frame marks it; Chromium's focus ring drew a second, black one inside, on its words
    assert place.evaluate("p => p.matches(':focus-visible')")
    assert place.evaluate("p => getComputedStyle(p).outlineStyle") == "none"

    # A page whose widget's files come after it (the checklists' index): laid out, hidden
    # until they are in, and the hiding took the focus away (to <body>, heard as nothing).
    desktop.goto(site.page_url())
    wait_for_instant_navigation(desktop)
    with leaving_page(desktop):
        desktop.locator(".md-content a[href$='checklists/']").first.focus()
        desktop.keyboard.press("Enter")
    desktop.wait_for_function("() => document.querySelector('[data-hb-bundles]') !== null")
    desktop.wait_for_function(
        "() => !document.documentElement.classList.contains('hb-widgets-waiting')"
    )
    expect(desktop.locator(".md-content h1")).to_be_focused()


@pytest.mark.browser
def test_back_to_top_from_the_keyboard_leaves_the_focus_at_the_top(
    desktop: Any, site: SiteServer
) -> None:
    """Material's button scrolls up and then hides with the focus on it: the next Tab went to
    the page's foot, and the page with it."""
    desktop.goto(site.page_url("phrasing/"))
    desktop.evaluate("window.scrollTo(0, 6000)")
    desktop.mouse.wheel(0, -200)
    button = desktop.locator(".md-top")
    expect(button).to_be_visible()
    button.focus()
    desktop.keyboard.press("Enter")
    desktop.wait_for_function("() => scrollY === 0")
    expect(desktop.locator(".md-content h1")).to_be_focused()
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.closest('.md-content h1') !== null")
    assert desktop.evaluate("scrollY") == 0
    # Hidden, it is out of the Tab order too (Material only made it transparent: a stop on
    # nothing after the page's last link).
    expect(button).to_be_hidden()


@pytest.mark.browser
def test_links_under_the_pointer_or_the_keyboard_stay_readable_in_the_light_scheme(
    desktop: Any, site: SiteServer
) -> None:
    """Material turns a hovered or focused link to its deep orange accent: 2.8:1 on white, 2.4:1
    in the grey contents box, and its focus rings were that orange too."""
    desktop.emulate_media(color_scheme="light")
    desktop.goto(site.page_url("objections/"))
    links = {
        "menu": desktop.locator(".md-sidebar--primary .md-nav__link[href]").nth(2),
        "contents": desktop.locator(".md-sidebar--secondary .md-nav__link[href]").first,
        "text": desktop.locator(".md-content .hb-entry a[href]:not(.headerlink)").first,
    }
    for where, link in links.items():
        link.evaluate("e => { e.style.transition = 'none' }")  # the colour at once, not eased in
        link.hover()
        contrast = link.evaluate(CONTRAST)
        assert contrast >= 4.5, (where, round(contrast, 2))
