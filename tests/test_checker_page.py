"""The 话术自查 page on a phone: type or paste, see every forbidden phrase marked in place with
its reason, alternatives and a link to the handbook; hostile text stays text; works offline."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .support.browser import count_rewrites, wait_for_instant_navigation
from .support.checker import check_in_page, long_transcript, page_findings
from .support.html import page
from .support.journey import SETTLED
from .support.server import SiteServer

pytestmark = pytest.mark.browser

# The customer's line holds a phrase too (你烦不烦): it is theirs, not the staff member's.
CALL = "客户：我的话费怎么多扣了？你烦不烦啊\n员工：你肯定弄混了，我们从来没多扣过。\n员工：这不关我的事，你肯定弄混了。"


def overflow(page: Any) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def status(page: Any) -> str:
    return page.locator("[data-checker-status]").inner_text()


def open_checker(page: Any, site: SiteServer) -> None:
    page.goto(site.page_url("checker/"), wait_until="load")
    page.wait_for_function("document.querySelector('[data-checker]').dataset.ready === '1'")


def test_the_page_is_in_the_nav_and_its_spec_is_built_from_content(built_site: Path) -> None:
    html = page(built_site, "checker")
    assert "话术自查" in html.source.split("<title>")[1].split("</title>")[0]
    assert any(a.get("href", "").endswith("checker/") for a in page(built_site, "").attrs("a"))
    # The data comes after the page, from next to it, like the search index.
    [section] = [a for a in html.attrs("section") if "data-checker" in a]
    assert section["data-checker-spec"] == "phrases.json"
    spec = json.loads((built_site / "checker" / "phrases.json").read_text(encoding="utf-8"))
    assert spec["phrases"][0]["href"].startswith("../phrasing/#")
    assert spec["tone"]["model"]["weights"]
    labels = [a for a in html.attrs("label") if a.get("for") == "hb-checker-input"]
    assert labels, "the text box has a real label"


def test_search_finds_the_page_but_not_its_data(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "handbook_index.json").read_text(encoding="utf-8"))
    [entry] = [doc for doc in index["docs"] if doc["location"] == "checker/"]
    assert "通话记录" in entry["text"]
    assert "version" not in entry["text"] and "[你您]" not in entry["text"]


def test_typing_marks_each_phrase_and_explains_it(phone: Any, site: SiteServer) -> None:
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    open_checker(phone, site)
    assert status(phone).startswith("在上面输入或粘贴")
    check_in_page(phone, CALL)

    marks = phone.locator("[data-checker-text] mark")
    assert marks.all_inner_texts() == ["你肯定弄混了", "我们从来没", "这不关我的事", "你肯定弄混了"]
    assert page_findings(phone)[0] == ("ni-kending-nonghun", 2, 4, "你肯定弄混了")
    # The text around the marks is shown exactly as typed.
    assert phone.locator("[data-checker-text]").inner_text() == CALL
    # A mark's number is seen, not read into the phrase by a screen reader (这不关我的事1).
    heard = phone.locator("[data-checker-text]").aria_snapshot()
    assert "- mark: 这不关我的事\n" in heard and not re.search(r"mark: .*\d$", heard, re.M), heard
    # The customer's turn is shown as theirs (shaded), and the status says what the shade means.
    customer = phone.locator("[data-checker-text] .hb-checker__customer")
    assert customer.all_text_contents() == [CALL.split("\n")[0]]
    assert status(phone) == (
        "4 处需要改（出自 3 条禁语），已用颜色标出；按编号看为什么不能说、可以怎么说。"
        "灰底的是客户说的话，不查。"
    )

    cards = phone.locator("[data-checker-list] > li")
    assert cards.count() == 3  # one card per phrase, with every place it was said
    first = cards.first
    assert first.get_attribute("data-phrase") == "ni-kending-nonghun"
    assert (
        first.locator(".hb-checker__said").inner_text()
        == "1你肯定弄混了第 2 行、你肯定弄混了第 3 行"
    )
    assert "为什么不能说" in first.inner_text() and "还没核实就断定错在客户" in first.inner_text()
    assert first.locator("ul li").all_inner_texts()[0] == "我们一起核对一下，看看是哪里对不上。"

    assert overflow(phone) == 0
    assert [url for url in requests if not url.startswith(site.url)] == []

    # The customer's line alone: not checked, and said so (it read "没有查到禁语").
    check_in_page(phone, CALL.split("\n")[0])
    assert marks.count() == 0
    assert status(phone) == "这里只有客户说的话（客户：…），不检查；写上工作人员说的话再看。"


def test_with_the_keyboard_up_the_verdict_shows_under_the_box(phone: Any, site: SiteServer) -> None:
    """A phone's keyboard leaves about half the screen (390x470): tapping the box and typing
    brings the status line under it into sight, the box's label below the header."""
    phone.set_viewport_size({"width": 390, "height": 470})
    open_checker(phone, site)
    phone.get_by_label("要检查的话").tap()
    check_in_page(phone, "这个不归我们管")
    phone.evaluate(SETTLED)  # the scroll follows the input event
    header = phone.locator(".md-header").bounding_box()
    label = phone.locator(".hb-checker__form label").bounding_box()
    line = phone.locator("[data-checker-status]").bounding_box()
    assert header["y"] + header["height"] <= label["y"], (header, label)
    assert line["y"] + line["height"] <= 470, line
    assert "需要改" in status(phone)


def test_the_card_links_to_the_handbook_entry(phone: Any, site: SiteServer) -> None:
    open_checker(phone, site)
    check_in_page(phone, "你别激动嘛")
    link = phone.locator("[data-checker-list] a", has_text="禁语：你别激动嘛")
    box = link.bounding_box()
    assert box is not None and box["height"] >= 44
    link.click()
    phone.wait_for_url("**/phrasing/#ni-bie-jidong")
    expect(phone.locator("#ni-bie-jidong")).to_be_visible()


def test_approved_wording_is_clean_and_clearing_starts_over(phone: Any, site: SiteServer) -> None:
    open_checker(phone, site)
    check_in_page(phone, "谢谢您告诉我，这种情况比较少见，我马上核实。")
    assert status(phone) == "没有查到禁语，也没发现语气生硬的地方。语气是估计的，态度还要自己把关。"
    # Typing on says nothing new: the live region is not written again (a screen reader read
    # the same sentence at every key).
    writes = count_rewrites(phone, "[data-checker-status]")
    phone.get_by_label("要检查的话").press_sequentially(" ok ok", delay=30)
    expect(phone.locator("[data-checker-text]")).to_contain_text("核实。 ok ok")  # checked
    assert writes() == 0
    assert phone.locator("mark").count() == 0
    check_in_page(phone, "这不关我的事")
    clear = phone.get_by_role("button", name="清空", exact=True)
    box = clear.bounding_box()
    assert box is not None and box["height"] >= 44
    clear.click()
    assert phone.get_by_label("要检查的话").input_value() == ""
    assert status(phone).startswith("在上面输入或粘贴")
    assert phone.locator("[data-checker-text]").is_hidden()
    assert phone.locator("[data-checker-list] > li").count() == 0


def test_a_long_text_is_checked_once_typing_pauses(phone: Any, site: SiteServer) -> None:
    """A pasted call is checked when the typing stops, not at every key: a whole transcript
    took 0.3 s a key on a cheap phone. A short text is checked at once (above)."""
    open_checker(phone, site)
    call = (CALL + "\n") * 12
    check_in_page(phone, call)
    renders = count_rewrites(phone, "[data-checker-text]")
    box = phone.get_by_label("要检查的话")
    box.evaluate(
        "b => { b.typed = []; b.addEventListener('input', () => b.typed.push(performance.now())) }"
    )
    box.press_sequentially("你别激动", delay=40)
    expect(phone.locator("[data-checker-text]")).to_have_text(call + "你别激动")
    # A key 40 ms after the last: none is a pause, unless a loaded machine held one back.
    typed = box.evaluate("b => b.typed")
    held_back = sum(1 for a, b in itertools.pairwise(typed) if b - a > 200)
    assert 1 <= renders() <= 1 + held_back, (renders(), typed)
    assert phone.locator("[data-checker-text] mark").last.inner_text() == "你别激动"


@pytest.mark.parametrize(
    "text",
    [
        "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>"
        "你别激动嘛<b>粗体</b>{{ 1 + 1 }}",
        "你别激动嘛" + "哈" * 30_000,  # one very long line without a break
        "https://example.com/" + "a" * 5_000 + " 你别激动嘛",
    ],
)
def test_hostile_text_is_shown_as_text_and_never_breaks_the_page(
    text: str, phone: Any, site: SiteServer
) -> None:
    open_checker(phone, site)
    check_in_page(phone, text)
    output = phone.locator("[data-checker-text]")
    assert output.evaluate("el => el.textContent") == text
    assert output.evaluate("el => [...el.children].map(c => c.tagName)") == ["MARK"]
    assert phone.title() != "pwned"
    assert overflow(phone) == 0


def test_whitespace_only_text_counts_as_empty(phone: Any, site: SiteServer) -> None:
    open_checker(phone, site)
    phone.get_by_label("要检查的话").fill("  \n\t \n")
    phone.get_by_label("要检查的话").press("End")
    phone.wait_for_function("document.querySelector('[data-checker]').dataset.state === 'empty'")
    assert status(phone).startswith("在上面输入或粘贴")


@pytest.mark.search
def test_works_offline_once_the_page_is_open(phone: Any, site: SiteServer) -> None:
    # The page is fully open once its search worker has started too and fetched the search
    # index (1.5 s after the page started).
    with phone.expect_response(lambda response: response.url.endswith("/handbook_index.json")):
        open_checker(phone, site)
    phone.wait_for_function(
        "!/初始化/.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    phone.context.set_offline(True)
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    check_in_page(phone, long_transcript())
    assert len(page_findings(phone)) > 50
    assert requests == []  # nothing is sent anywhere
    phone.context.set_offline(False)


def test_works_after_instant_navigation(desktop: Any, site: SiteServer) -> None:
    """Material swaps pages without reloading (and re-creates the new page's inline scripts):
    the checker must start every time, once, with its data intact."""
    desktop.goto(site.page_url("phrasing/"))
    wait_for_instant_navigation(desktop)
    desktop.evaluate("window.notReloaded = true")
    for _ in range(2):
        desktop.locator("a.md-nav__link:visible", has_text="话术自查").first.click()
        desktop.wait_for_url("**/checker/")
        desktop.wait_for_function("document.querySelector('[data-checker]')?.dataset.ready")
        check_in_page(desktop, "这不关我的事")
        assert page_findings(desktop) == [("buguan-wode-shi", 1, 1, "这不关我的事")]
        assert desktop.locator("[data-checker-list] > li").count() == 1
        desktop.locator("a.md-nav__link:visible", has_text="禁语速查").first.click()
        desktop.wait_for_url("**/phrasing/")
    assert desktop.evaluate("window.notReloaded") is True


def test_a_long_paste_is_still_there_after_reading_a_card_and_coming_back(
    phone: Any, site: SiteServer
) -> None:
    """A reviewer opens a card's 禁语 from a 5,000-character transcript and comes back: the
    transcript had gone (instant navigation renders the page afresh)."""
    text = long_transcript()
    open_checker(phone, site)
    wait_for_instant_navigation(phone)
    check_in_page(phone, text)
    found = page_findings(phone)
    assert found
    phone.locator("a.hb-checker__entry").first.click()
    phone.wait_for_url("**/phrasing/**")
    phone.go_back()
    phone.wait_for_function("document.querySelector('[data-checker]')?.dataset.ready")
    expect(phone.get_by_label("要检查的话")).to_have_value(text)
    assert page_findings(phone) == found
    ready = "document.querySelector('[data-checker]')?.dataset.ready"
    phone.get_by_role("button", name="清空", exact=True).click()
    phone.go_forward()
    phone.wait_for_url("**/phrasing/**")
    phone.go_back()  # cleared is cleared
    phone.wait_for_function(ready)
    expect(phone.get_by_label("要检查的话")).to_have_value("")
    check_in_page(phone, "这不关我的事")
    phone.reload()  # and nothing is stored, as the page says: a reload starts empty
    phone.wait_for_function(ready)
    expect(phone.get_by_label("要检查的话")).to_have_value("")


def test_side_by_side_on_a_wide_screen(desktop: Any, site: SiteServer) -> None:
    open_checker(desktop, site)
    check_in_page(desktop, CALL)
    text = desktop.locator("[data-checker-text]").bounding_box()
    cards = desktop.locator("[data-checker-list]").bounding_box()
    assert text is not None and cards is not None
    assert cards["x"] > text["x"] + text["width"] - 1
    # The transcript's column is the wider one: its lines are what is read (it was 336 px).
    assert text["width"] > 1.4 * cards["width"], (text, cards)


def test_in_a_long_transcript_a_card_and_its_mark_lead_to_each_other(
    phone: Any, site: SiteServer
) -> None:
    """A reviewer's 5,000-character call: a card's 第 N 行 brings that mark into sight, in the
    scrolled text box too, and outlines it; tapping a mark brings its card below the header."""
    open_checker(phone, site)
    wait_for_instant_navigation(phone)
    check_in_page(phone, long_transcript())
    header = phone.locator(".md-header").bounding_box()
    card = phone.locator("[data-checker-list] > li").nth(2)
    place = card.locator(".hb-checker__where").last
    line = int(re.sub(r"\D", "", place.text_content() or ""))
    assert line > 40  # far down the text box, out of its sight
    place.tap()
    led = phone.locator(":focus")
    expect(led).to_have_attribute("data-n", "3")
    expect(led).to_have_attribute("data-line", str(line))
    mark = led.bounding_box()
    box = phone.locator("[data-checker-text]").bounding_box()
    assert box["y"] <= mark["y"] and mark["y"] + mark["height"] <= box["y"] + box["height"]
    assert header["height"] <= mark["y"] and mark["y"] + mark["height"] <= 844, mark
    assert phone.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"

    phone.locator("[data-checker-text] mark[data-n='5']").first.tap()
    fifth = phone.locator("[data-checker-list] > li").nth(4)
    expect(fifth).to_be_focused()
    top = fifth.bounding_box()["y"]
    assert header["y"] + header["height"] <= top < 844
    # Focus moved on: the mark left is no longer a stop for the keyboard.
    assert phone.locator("[data-checker-text] [tabindex]").count() == 0
