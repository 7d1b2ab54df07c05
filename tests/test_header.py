"""The header's icon buttons on a screen reader and from the keyboard.

Material's 目录 and 搜索 buttons are labels of hidden checkboxes: a screen reader met two
nameless controls, and a keyboard could not reach the contents drawer on a narrow window.
overrides/partials/header.html names them and puts them in the Tab order; nothing else of
Material's header may differ (the first test), so an upgrade of Material shows up here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import material
import pytest
from playwright.sync_api import expect

from .support import ROOT
from .support.browser import TWO_FRAMES, keys_heard, leaving_page, wait_for_instant_navigation
from .support.journey import tap_first_result, tap_in_place, type_query
from .support.server import SiteServer

OURS = ROOT / "overrides/partials/header.html"
UPSTREAM = Path(material.__file__).parent / "templates/partials/header.html"
# Each button's name, and what else it says (the contents drawer: whether it is open).
NAMES = {"打开目录": ' aria-expanded="false"', "搜索": ""}
ICON = '{% include ".icons/" ~ icon ~ ".svg" %}'


def template(path: Path) -> str:
    """A template without its opening comment (ours says what it changes, Material's that it
    was generated)."""
    return re.sub(r"\A\{#-.*?-#\}\n", "", path.read_text(encoding="utf-8"), flags=re.S)


def test_the_header_is_materials_but_for_the_two_buttons_it_names() -> None:
    """A label may not be a button itself (Lighthouse: an ARIA role on an incompatible
    element), so each icon is wrapped in one."""
    ours, upstream = template(OURS), template(UPSTREAM)
    for name, more in NAMES.items():
        button = f'<span class="hb-press" role="button" tabindex="0" aria-label="{name}"{more}>'
        button += f"{ICON}</span>"
        assert ours.count(button) == 1, name
        ours = ours.replace(button, ICON)
    assert ours == upstream


def test_materials_chinese_but_for_the_pages_language_and_the_skip_link(site: SiteServer) -> None:
    """lang="zh" left a screen reader to guess the voice; the skip link said 跳转至 ("jump to")
    and no more."""
    ours = template(ROOT / "overrides/partials/language.html")
    ours = ours.replace('{"language": "zh-CN", "action.skip": "跳到正文"}.get(key) or ', "")
    assert ours == template(UPSTREAM.parent / "language.html")
    page = (site.root / "phrasing/index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in page
    assert re.search(r'class="md-skip">\s*跳到正文\s*</a>', page)


def test_the_progress_bar_is_materials_with_a_name() -> None:
    """Material's progressbar has no name (Lighthouse's accessibility audit fails it)."""
    ours = template(ROOT / "overrides/partials/progress.html")
    upstream = template(UPSTREAM.parent / "progress.html")
    assert ours == upstream.replace(
        'role="progressbar">', 'role="progressbar" aria-label="正在打开页面">'
    )


def test_the_contents_are_materials_but_for_the_name_of_a_sections_arrow(site: SiteServer) -> None:
    """The arrow beside 检查表 and 自测 in the contents opens the section's pages: a screen
    reader met a nameless control, and the list it opens, named after it, a nameless
    navigation."""
    ours = template(ROOT / "overrides/partials/nav-item.html")
    named = ' role="img" aria-label="{{ nav_item.title | e }}各页"'
    assert ours.replace(named, "", 1) == template(UPSTREAM.parent / "nav-item.html")
    page = (site.root / "phrasing/index.html").read_text(encoding="utf-8")
    arrows = re.findall(
        r'<label class="md-nav__link[^"]*" for="__nav_\d+"[^>]*>\s*(<span[^>]*>)', page
    )
    assert len(arrows) >= 2  # 检查表, 自测
    assert [a for a in arrows if "各页" not in a] == []


@pytest.mark.browser
def test_a_screen_reader_hears_what_the_header_buttons_and_heading_links_do(
    phone: Any, site: SiteServer
) -> None:
    phone.goto(site.page_url("phrasing/"))
    wait_for_instant_navigation(phone)
    header = phone.locator("header.md-header")
    expect(header.get_by_role("button", name="打开目录")).to_be_visible()
    expect(header.get_by_role("button", name="搜索")).to_be_visible()
    links = phone.locator("article .headerlink")
    assert links.count() > 10
    names = set(links.evaluate_all("all => all.map(a => a.getAttribute('aria-label'))"))
    assert names == {"复制本条链接"}  # a screen reader read each "#" as 井号
    expect(phone.get_by_role("progressbar")).to_have_accessible_name("正在打开页面")
    menu = header.get_by_role("button", name="打开目录")
    menu.tap()
    expect(phone.locator("#__drawer")).to_be_checked()
    expect(menu).to_have_attribute("aria-expanded", "true")
    with leaving_page(phone):  # a chapter in the contents: Material closes them, silently
        phone.locator(".md-sidebar--primary a.md-nav__link[href$='complaints/']").tap()
    expect(phone.locator("#__drawer")).not_to_be_checked()
    menu.focus()
    expect(menu).to_have_attribute("aria-expanded", "false")  # what it says once reached


@pytest.mark.browser
def test_on_a_narrow_window_the_keyboard_opens_the_contents_and_search(
    desktop: Any, site: SiteServer
) -> None:
    """At 200% zoom a 1280 px window is 640 px wide: the contents are behind 打开目录."""
    desktop.set_viewport_size({"width": 640, "height": 400})
    desktop.goto(site.page_url("checklists/"))
    keys_heard(desktop)
    menu = desktop.get_by_role("button", name="打开目录")
    for _ in range(5):
        desktop.keyboard.press("Tab")
        if menu.evaluate("b => b === document.activeElement"):
            break
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    desktop.keyboard.press("Enter")
    expect(desktop.locator("#__drawer")).to_be_checked()
    expect(menu).to_have_attribute("aria-expanded", "true")  # a screen reader hears it opened
    # The focus goes into the contents, at this page (not on to the header under the shade).
    here = desktop.locator(".md-sidebar--primary a.md-nav__link--active")
    expect(here).to_be_focused()
    expect(here).to_have_attribute("href", re.compile(r"^\./$|^\.$|checklists/?$"))
    desktop.keyboard.press("Tab")  # on through the contents
    desktop.keyboard.press("Escape")  # closes them, the focus back where they were opened
    expect(desktop.locator("#__drawer")).not_to_be_checked()
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    desktop.keyboard.press(" ")  # Space, as on a button, opens them too
    expect(desktop.locator("#__drawer")).to_be_checked()
    expect(here).to_be_focused()
    desktop.keyboard.press("Escape")
    expect(menu).to_be_focused()
    desktop.get_by_role("button", name="搜索").focus()
    desktop.keyboard.press(" ")
    expect(desktop.locator(".md-search__input")).to_be_focused()
    desktop.keyboard.press("Escape")  # closes it, the focus back on 搜索, not on the page
    expect(desktop.locator("#__search")).not_to_be_checked()
    expect(desktop.get_by_role("button", name="搜索")).to_be_focused()


# Where the focus is: in the drawer or not, and whether a reader can see it there (inside the
# drawer's width and the screen, not hidden).
FOCUS_SEEN = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const drawer = document.querySelector(".md-sidebar--primary").getBoundingClientRect();
  return { inDrawer: !!el.closest(".md-sidebar--primary"), text: el.textContent.trim(),
    seen: box.width > 0 && box.left >= drawer.left - 1 && box.right <= drawer.right + 1
      && box.top >= 0 && box.top + box.height / 2 <= innerHeight
      && el.checkVisibility({ visibilityProperty: true }) };
}"""


@pytest.mark.browser
def test_on_a_chapter_the_keyboard_goes_through_the_drawer_only_where_it_can_be_seen(
    phone: Any, site: SiteServer
) -> None:
    """On a chapter the drawer's entry for the page is the label opening its contents: the
    focus stayed on 打开目录 and Tab went on through the header under the shade; then 89 of 118
    stops were links of the levels not open beside the drawer (this page's contents, 检查表,
    自测), the drawer scrolled sideways to them, blank; past the last entry the focus went into
    the page under the shade, the drawer still open."""
    phone.goto(site.page_url("phrasing/"))
    keys_heard(phone)
    menu = phone.get_by_role("button", name="打开目录")
    menu.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("#__drawer")).to_be_checked()
    here = phone.locator(".md-sidebar--primary .md-nav__link--active:visible")
    expect(here).to_be_focused()
    stops = []
    for _ in range(40):
        stops.append(phone.evaluate(FOCUS_SEEN))
        if not stops[-1]["inDrawer"]:
            break
        phone.keyboard.press("Tab")
    assert not stops[-1]["inDrawer"], "Tab never left the drawer"
    assert [s["text"] for s in stops[:-1] if not s["seen"]] == []
    assert len(stops) > 5  # the chapters, not just the page's own entry
    expect(phone.locator("#__drawer")).not_to_be_checked()  # left, it closes
    # Enter on the page's entry still opens its contents, and those can be tabbed through.
    menu.focus()
    phone.keyboard.press("Enter")
    expect(here).to_be_focused()
    phone.keyboard.press("Enter")
    expect(phone.locator("#__toc")).to_be_checked()
    phone.keyboard.press("Tab")
    # in sight once the contents have slid in (0.25 s)
    phone.wait_for_function(
        f"(() => {{ const s = ({FOCUS_SEEN})(); return s.inDrawer && s.seen; }})"
    )


@pytest.mark.browser
def test_a_sections_arrow_in_the_drawer_is_named_and_opens_its_pages_from_the_keyboard(
    phone: Any, site: SiteServer
) -> None:
    # Enter is Material's; Space scrolled the page under the drawer (assets/js/header-keys.js)
    for key, name in (("Enter", "检查表各页"), (" ", "自测各页")):
        phone.goto(site.page_url("phrasing/"))
        keys_heard(phone)
        phone.get_by_role("button", name="打开目录").press("Enter")
        # the arrows beside a section's link, icons without words
        arrows = phone.locator(".md-sidebar--primary label[for][tabindex='0']").filter(
            has_not_text=re.compile(r"\S")
        )
        expect(arrows.first).to_be_visible()
        for i in range(arrows.count()):
            expect(arrows.nth(i).get_by_role("img")).to_have_accessible_name(re.compile(r".各页$"))
        arrows.filter(has=phone.get_by_role("img", name=name)).focus()
        phone.keyboard.press(key)
        pages = phone.get_by_role("navigation", name=name)
        expect(pages).to_be_visible()
        phone.keyboard.press("Tab")
        expect(pages.locator(":focus")).to_be_visible()
        assert phone.evaluate("scrollY") == 0


@pytest.mark.browser
def test_enter_on_search_opens_the_box_and_enter_in_an_empty_box_opens_nothing(
    desktop: Any, site: SiteServer
) -> None:
    """Enter on 搜索 opened search and then, the same key reaching the box it had just
    focused, the first of the everyday situations listed under it (太贵了): a keyboard user
    landed on a page she never chose. Enter in the empty box did the same on a desktop."""
    desktop.set_viewport_size({"width": 640, "height": 400})
    desktop.goto(site.page_url("checklists/"))
    keys_heard(desktop)  # Enter on 搜索 is keyboard.js's, which comes once the page is in
    address = desktop.url
    desktop.get_by_role("button", name="搜索").focus()
    desktop.keyboard.press("Enter")
    box = desktop.locator(".md-search__input")
    expect(box).to_be_focused()
    expect(desktop.locator("[data-hb-panel=hb-search-start] a").first).to_be_visible()
    desktop.keyboard.press("Enter")
    desktop.evaluate(TWO_FRAMES)
    assert desktop.url == address
    expect(box).to_be_focused()
    expect(desktop.locator("#__search")).to_be_checked()


@pytest.mark.browser
@pytest.mark.search
def test_a_key_on_a_header_button_before_the_keyboards_script_came_is_not_lost(
    desktop: Any, site: SiteServer
) -> None:
    """keyboard.js comes once the page is in: Enter on 搜索 pressed before that did nothing,
    and Space on 打开目录 scrolled the page. The key is pressed again when it is in."""
    held: list[Any] = []
    desktop.route("**/assets/keyboard.js", lambda route: held.append(route))
    desktop.set_viewport_size({"width": 640, "height": 400})
    desktop.goto(site.page_url("complaints/"))
    desktop.wait_for_function("() => document.readyState === 'complete'")
    assert held, "keyboard.js was not asked for once the page was in"
    assert not desktop.evaluate("window.hbKeyboard")
    desktop.get_by_role("button", name="打开目录").focus()
    desktop.keyboard.press(" ")
    desktop.evaluate(TWO_FRAMES)
    assert desktop.evaluate("scrollY") == 0
    expect(desktop.locator("#__drawer")).not_to_be_checked()
    held.pop().continue_()
    expect(desktop.locator("#__drawer")).to_be_checked()
    desktop.keyboard.press("Escape")
    expect(desktop.locator("#__drawer")).not_to_be_checked()
    # and Enter on 搜索, on a page whose keyboard.js is held back again (a full load)
    desktop.goto(site.page_url("closing/"))
    desktop.wait_for_function("() => document.readyState === 'complete'")
    desktop.get_by_role("button", name="搜索").focus()
    desktop.keyboard.press("Enter")
    held.pop().continue_()
    expect(desktop.locator(".md-search__input")).to_be_focused()
    expect(desktop.locator("#__search")).to_be_checked()


@pytest.mark.browser
@pytest.mark.search
def test_enter_in_the_box_with_results_still_opens_the_best_one(
    desktop: Any, site: SiteServer
) -> None:
    desktop.goto(site.page_url("checklists/"))
    desktop.keyboard.press("/")
    box = desktop.locator(".md-search__input")
    box.fill("太贵了")
    box.press("End")
    desktop.locator(".md-search-result__link").first.wait_for()
    desktop.keyboard.press("Enter")
    # the entry's address once instant navigation is done (a first same-page step may come
    # before it under load)
    desktop.wait_for_url(lambda url: "#" in url and "/checklists/" not in url)


@pytest.mark.browser
@pytest.mark.search
def test_tab_in_the_search_goes_through_the_results_and_out_of_it_closes_it(
    desktop: Any, site: SiteServer
) -> None:
    """Material closed the search at any Tab (its results are for its arrow keys): a clerk
    who tabbed to go through them lost the list."""
    desktop.goto(site.page_url("checklists/"), wait_until="load")
    keys_heard(desktop)
    desktop.keyboard.press("/")
    box = desktop.locator(".md-search__input")
    box.fill("太贵了")
    box.press("End")
    results = desktop.locator(".md-search-result__link")
    results.first.wait_for()
    desktop.keyboard.press("Tab")
    expect(results.first).to_be_focused()
    desktop.keyboard.press("Tab")
    expect(results.nth(1)).to_be_focused()
    expect(desktop.locator("#__search")).to_be_checked()
    desktop.keyboard.press("Shift+Tab")
    desktop.keyboard.press("Shift+Tab")
    expect(box).to_be_focused()
    for _ in range(results.count()):
        desktop.keyboard.press("Tab")
    expect(results.last).to_be_focused()
    desktop.keyboard.press("Tab")  # out of the search: it closes, the focus on the page
    expect(desktop.locator("#__search")).not_to_be_checked()
    assert desktop.evaluate("!document.activeElement.closest('.md-search')")
    desktop.keyboard.press("/")
    expect(box).to_be_focused()
    results.first.wait_for()
    desktop.keyboard.press("Tab")
    chosen = results.nth(0)
    expect(chosen).to_be_focused()
    href = str(chosen.get_attribute("href"))
    with leaving_page(desktop):
        desktop.keyboard.press("Enter")  # the result tabbed to opens
    assert urlsplit(desktop.url).path == urlsplit(href).path


# The focused element: on the screen below the header, and what it is.
FOCUS_SHOWN = """() => {
  if (document.activeElement === document.body) return false;
  const box = document.activeElement.getBoundingClientRect();
  const below = document.querySelector(".md-header").getBoundingClientRect().bottom;
  return box.height > 0 && box.bottom > below && box.top < innerHeight;
}"""


@pytest.mark.browser
def test_on_a_counter_pc_the_keyboard_goes_on_from_where_the_reader_was(
    desktop: Any, site: SiteServer
) -> None:
    """Nothing said that "/" opens the search, and Escape from the box dropped the focus on
    the page: the next Tab began again at the header. The box says its key, and Escape puts
    the focus back where it was. Back to a page scrolled to where the reader was, the focus
    went to its title far above: the next Tab scrolled to the top. Back from a link she
    followed, the focus is on it; back from another page of the menu, on what the screen
    shows; Tab goes on from there (assets/js/focus-after-back.js)."""
    desktop.goto(site.page_url("complaints/"), wait_until="load")
    wait_for_instant_navigation(desktop)
    keys_heard(desktop)
    # 千万不要说's rows with another row after them: the next Tab's place is on the screen
    # whatever the content around them
    links = desktop.locator(".md-content .hb-avoid li:has(+ li) > a[href*='phrasing/#']")
    link = links.nth(links.count() // 2)
    link.focus()  # scrolled to, as Tab does
    was = desktop.evaluate("scrollY")
    assert was > 1000
    box = desktop.locator(".md-search__input")
    expect(box).to_have_attribute("placeholder", "搜索（按 / 键）")
    expect(box).to_have_attribute("aria-keyshortcuts", "/")  # a screen reader hears it too
    desktop.keyboard.press("/")
    expect(box).to_be_focused()
    expect(desktop.locator("#__search")).to_be_checked()  # open: Escape is Material's now
    desktop.keyboard.press("Escape")
    expect(link).to_be_focused()

    place = str(link.get_attribute("href")).split("#")[1]
    desktop.keyboard.press("Enter")
    desktop.locator(f"[id='{place}']").wait_for()  # the page is in, not only its address
    desktop.go_back()
    desktop.wait_for_url("**/complaints/**")
    expect(link).to_be_focused()
    desktop.keyboard.press("Tab")
    assert desktop.evaluate(FOCUS_SHOWN) and abs(desktop.evaluate("scrollY") - was) < 100

    title = desktop.locator(".md-content h1").text_content()
    desktop.locator(".md-sidebar--primary a.md-nav__link[href*='objections/']").first.click()
    desktop.wait_for_function("t => document.querySelector('h1').textContent !== t", arg=title)
    desktop.go_back()
    desktop.wait_for_function("t => document.querySelector('h1').textContent === t", arg=title)
    desktop.wait_for_function(FOCUS_SHOWN)
    desktop.keyboard.press("Tab")
    assert desktop.evaluate(FOCUS_SHOWN) and abs(desktop.evaluate("scrollY") - was) < 100


# Every close watcher the page makes, while it is live (made, not yet closed or destroyed).
COUNT_WATCHERS = """() => {
  if (!window.CloseWatcher) return;
  const live = (window.__liveWatchers = new Set());
  window.CloseWatcher = class extends CloseWatcher {
    constructor(...args) {
      super(...args);
      live.add(this);
      this.addEventListener("close", () => live.delete(this));
    }
    destroy() {
      live.delete(this);
      super.destroy();
    }
  };
}"""
# Escape past Material's keys and ours: all that is left of it is the browser's close request,
# which Android's Back sends too.
CLOSE_REQUEST_ONLY = """() => addEventListener("keydown", (event) => {
  if (event.key === "Escape") event.stopImmediatePropagation();
}, true)"""


@pytest.mark.browser
@pytest.mark.search
def test_back_on_a_phone_closes_the_open_search_or_contents_and_stays_on_the_page(
    phone: Any, site: SiteServer
) -> None:
    """Back on Android left the page when the search was open: a reader who opened it by
    mistake lost her place, and the chapter with it. Back is a close request while search or
    the contents are open; once they are closed, Back is the browser's again."""
    phone.goto(site.page_url("objections/"))
    wait_for_instant_navigation(phone)
    phone.evaluate(COUNT_WATCHERS)  # before the first is made: at the first tap below
    phone.evaluate(CLOSE_REQUEST_ONLY)
    phone.evaluate("scrollTo(0, 3000)")
    phone.evaluate(TWO_FRAMES)
    entries = phone.evaluate("history.length")
    live = "window.__liveWatchers.size"
    for toggle in ("__search", "__drawer"):
        tap_in_place(phone, phone.locator(f"label.md-header__button[for={toggle}]"))
        expect(phone.locator(f"#{toggle}")).to_be_checked()
        if toggle == "__search":
            type_query(phone, "太贵了")
        phone.keyboard.press("Escape")
        expect(phone.locator(f"#{toggle}")).not_to_be_checked()
        # where the reader was (Material puts the page back once the search's lock is off)
        phone.wait_for_function("() => scrollY === 3000", timeout=5000)
        assert urlsplit(phone.url).path == "/objections/", toggle
        assert phone.evaluate("history.length") == entries, toggle  # Back is the browser's again
        assert phone.evaluate(live) == 0, toggle
    # Closed by a tap on what they lead to, they leave nothing behind to take the next Back.
    type_query(phone, "小狗成交法")
    tap_first_result(phone)
    assert phone.evaluate(live) == 0
    tap_in_place(phone, phone.locator("label.md-header__button[for=__drawer]"))
    assert phone.evaluate(live) == 1
    with leaving_page(phone):
        phone.locator(".md-sidebar--primary a.md-nav__link[href$='complaints/']").tap()
    expect(phone.locator("#__drawer")).not_to_be_checked()
    assert phone.evaluate(live) == 0
