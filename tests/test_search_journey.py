"""Search on a phone, the way staff use it: from a question typed to the answer on screen.

Everything here runs on the real site built for the address it is served from, so Material's
instant navigation is on, as on the published handbook (tests/conftest.py: served_build).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from macros.content.handbook import Handbook
from macros.site.search_index import HANDBOOK_INDEX

from .support.browser import (
    PHONE_CONTEXT,
    WITH_WORKER,
    WatchedBrowser,
    deliver_until,
    leaving_page,
    wait_for_instant_navigation,
)
from .support.journey import (
    RESULTS_LISTED,
    SETTLED,
    below_the_header,
    entry_on_screen,
    journey,
    open_search,
    result_links,
    tap_first_result,
    tap_result,
    type_query,
    where_is,
)
from .support.offline import LiveSite, visit_once_and_wait_for_the_offline_copy
from .support.search import (
    OFF_TOPIC_A,
    TUNING,
    accepted,
    also_accepted,
    engine,
    load_off_topic,
    load_queries,
    target_of,
)
from .support.server import SiteServer
from .support.sweep import sample

pytestmark = [pytest.mark.browser, pytest.mark.search]

JOURNEY_SIZE = 15


def journey_queries() -> list[Any]:
    """15 queries spread over the whole query set (every k-th); all of it in
    scripts/full_sweeps.py, and every query set in scripts/bench_search.py."""
    return sample(load_queries(TUNING), JOURNEY_SIZE)


def result_for(page: Any, anchor: str) -> Any:
    """The result link that opens `anchor` (the worker writes entries as ?hb=<id>)."""
    return page.locator(f'.md-search-result__list a.md-search-result__link[href*="hb={anchor}"]')


@pytest.fixture
def quick_phone(browser: WatchedBrowser) -> Iterator[Any]:
    """A phone set to reduce motion (a setting staff may use): Material then skips its
    transitions, which saves a quarter of a second per search. Landing with the transitions
    on is what the other tests here check."""
    context = browser.new_context(**PHONE_CONTEXT, reduced_motion="reduce")
    yield context.new_page()
    context.close()


@pytest.mark.long
@pytest.mark.sweep
def test_staff_queries_show_their_answer_after_one_tap(
    quick_phone: Any, site: SiteServer, built_site: Path, handbook: Handbook
) -> None:
    """Every query whose first result is right (how often that is: tests/test_search.py's
    recall) shows that answer on screen after one tap, whatever the page and the kind of
    entry: a phrase, a step inside its procedure, a checklist that is a page of its own."""
    phone = quick_phone
    also = also_accepted(handbook)
    with engine(built_site / "search" / "handbook_index.json") as search:
        ranked_right = [
            q
            for q in journey_queries()
            if (first := search.search(q.q)[:1]) and target_of(first[0]) in accepted(q, also)
        ]
    assert len(ranked_right) >= JOURNEY_SIZE * 0.8
    phone.goto(site.page_url(), wait_until="load")  # the shift starts on the home page
    journeys = [journey(phone, q, also) for q in ranked_right]
    misses = [f"{j.query} → {j.tapped}" for j in journeys if not j.ok]
    assert misses == [], "\n".join(misses)


def land_from_search(phone: Any, query: str, anchor: str, page_url: str) -> None:
    """Type, wait until the open search has locked the page (400 ms), tap the result for
    `anchor`: the entry is on screen below the header, marked, and the page no wider."""
    type_query(phone, query)
    phone.wait_for_selector("body[data-md-scrolllock]", state="attached")
    address = tap_result(phone, result_for(phone, anchor).first)
    assert urlsplit(address).path.endswith(f"/{page_url}"), address
    assert urlsplit(address).fragment == anchor, address
    assert entry_on_screen(phone, [anchor]) == anchor, f"{query}: {where_is(phone, anchor)}"
    assert phone.evaluate(f"document.getElementById('{anchor}').matches(':target')")
    assert phone.evaluate("innerWidth") == 390  # nothing sticking out widened the page


def read_on(phone: Any) -> int:
    """Scroll a screen or so, and pause: Material stores where the reader is (debounced)."""
    phone.evaluate("scrollBy(0, 1000)")
    phone.wait_for_function("() => history.state && Math.abs(history.state.y - scrollY) < 1")
    return int(phone.evaluate("scrollY"))


@pytest.mark.long
def test_results_land_on_another_page_on_the_same_page_and_back_returns(
    phone: Any, site: SiteServer
) -> None:
    phone.goto(site.page_url(), wait_until="load")
    land_from_search(phone, "太贵了", "tai-gui", "objections/")  # another page
    read_on(phone)
    land_from_search(phone, "补偿法", "buchang-fa", "objections/")  # the same page
    left_at = read_on(phone)
    land_from_search(phone, "小狗成交法", "xiaogou-chengjiao", "closing/")  # another again
    with leaving_page(phone):
        phone.go_back()
    phone.wait_for_url("**/objections/**")
    phone.evaluate(SETTLED)
    assert phone.evaluate("scrollY") == left_at
    # Back with the search open, where Back is no close request (iOS's swipe back, a PC):
    # Material's scroll lock, lifted after the page came back, put her where she had been on
    # the page she left (the search's own page, 725 px down the chapter instead of 3,000).
    with leaving_page(phone):
        phone.go_forward()
    phone.evaluate(SETTLED)
    open_search(phone)
    type_query(phone, "客户骂人")
    phone.wait_for_selector("body[data-md-scrolllock]", state="attached")
    with leaving_page(phone):
        phone.go_back()
    phone.wait_for_url("**/objections/**")
    phone.evaluate(SETTLED)
    assert phone.evaluate("scrollY") == left_at
    expect(phone.locator("#__search")).not_to_be_checked()


def test_a_result_opened_in_a_new_tab_or_sent_as_a_link_lands_on_its_entry(
    desktop: Any, phone: Any, site: SiteServer
) -> None:
    """A result's own address names its entry as ?hb=<id> (Material shows a teaser only for an
    address without a fragment): a middle click, the link's menu or a copied address opened
    the chapter at its top, the entry 15,000 px further down."""
    desktop.goto(site.page_url(), wait_until="load")
    box = desktop.locator(".md-search__input")  # in the header on a wide screen
    box.click()
    box.fill("客户要投诉")
    box.press("End")
    link = result_for(desktop, "tousu-gainian").first
    address = str(link.get_attribute("href"))
    with desktop.context.expect_page() as opened:
        link.click(button="middle")
    tab = opened.value
    tab.wait_for_load_state()
    for page in (tab, phone):  # a new tab; a colleague's phone the address was sent to
        if page is phone:
            phone.goto(address)
        page.wait_for_url("**/complaints/?h=*#tousu-gainian")  # the address says where
        page.evaluate(SETTLED)
        assert entry_on_screen(page, ["tousu-gainian"]) == "tousu-gainian", where_is(
            page, "tousu-gainian"
        )


@pytest.mark.parametrize("start", ["checklists/", "quizzes/"])
def test_a_result_lands_from_a_page_without_the_chapter_styles(
    phone: Any, site: SiteServer, start: str
) -> None:
    """A checklist or quiz page does not load the chapters' styles (assets/chapter.css):
    after instant navigation they come late. Until they are in, the page is laid out but not
    shown (assets/js/widgets.js); then the entry is at the top below the header, as a card
    (one far down its page: the styles move it most)."""
    held: list[Any] = []
    phone.route(f"{site.url}/assets/chapter.css", lambda route: held.append(route))
    phone.goto(site.page_url(start), wait_until="load")
    wait_for_instant_navigation(phone)
    assert not held, "a page without entries fetched the chapter styles"
    type_query(phone, "我不需要")
    phone.wait_for_selector("body[data-md-scrolllock]", state="attached")
    result_for(phone, "bu-xuyao").first.tap()
    phone.wait_for_url("**/objections/**#bu-xuyao")
    waiting = "document.documentElement.classList.contains('hb-widgets-waiting')"
    phone.wait_for_function(waiting)
    assert phone.evaluate("getComputedStyle(document.querySelector('.md-content')).visibility") == (
        "hidden"
    )
    held[0].continue_()
    phone.wait_for_function(f"!{waiting}")
    phone.evaluate(SETTLED)
    assert entry_on_screen(phone, ["bu-xuyao"]) == "bu-xuyao", where_is(phone, "bu-xuyao")
    # At the top, not just on screen: 400 px down, the card before it filled the screen above
    # (its answer read as this one's).
    assert below_the_header(phone, "bu-xuyao") <= 40, where_is(phone, "bu-xuyao")
    border = "getComputedStyle(document.querySelector('.hb-entry')).borderTopStyle"
    assert phone.evaluate(border) == "solid"


def test_the_same_result_opened_again_lands_again(phone: Any, site: SiteServer) -> None:
    phone.goto(site.page_url(), wait_until="load")
    land_from_search(phone, "太贵了", "tai-gui", "objections/")
    read_on(phone)
    land_from_search(phone, "太贵了", "tai-gui", "objections/")


def test_a_quick_tap_before_the_lock_lands_too(phone: Any, site: SiteServer) -> None:
    phone.goto(site.page_url(), wait_until="load")
    type_query(phone, "投诉时限")
    assert tap_first_result(phone), "no result listed for 投诉时限"
    landed = entry_on_screen(phone, ["shixian-yaoqiu"])
    assert landed == "shixian-yaoqiu", where_is(phone, "shixian-yaoqiu")


def test_a_page_opened_whole_opens_at_its_top_from_deep_in_another(
    phone: Any, site: SiteServer
) -> None:
    """A checklist is its own answer: it opens at its top, not where the reader was on the page
    they left (Material's closing scroll lock once put them back there: 班前准备 opened at its
    last item, every time the search had been open 400 ms)."""
    phone.goto(site.page_url("complaints/"), wait_until="load")
    wait_for_instant_navigation(phone)  # the journey of a reader who has been on the page
    for query, path in (
        ("班前准备", "/checklists/banqian-zhunbei/"),
        ("交接班检查表", "/checklists/jiaojie-ban/"),
    ):
        phone.evaluate("scrollTo(0, document.body.scrollHeight / 2)")
        type_query(phone, query)
        phone.wait_for_selector("body[data-md-scrolllock]", state="attached")
        address = tap_first_result(phone)
        assert address is not None and urlsplit(address).path == path, address
        assert phone.evaluate("scrollY") == 0, query
        with leaving_page(phone):
            phone.go_back()
        phone.wait_for_url("**/complaints/**")
        phone.evaluate(SETTLED)


def test_an_empty_search_box_offers_the_everyday_situations(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    phone.goto(site.page_url("closing/"), wait_until="load")
    phone.locator("label.md-header__button[for=__search]").tap()
    start = phone.locator(".hb-search-start")
    start.wait_for()
    texts = start.locator(".hb-search-start__text").all_inner_texts()
    assert texts == [s.text for s in handbook.search.suggestions]
    # Under each situation, the answer it opens, unless that says the same (班前准备: 班前准备)
    lines = start.locator("a").evaluate_all("(links) => links.map((a) => a.innerText)")
    assert [line for line in lines if len(set(line.split("\n"))) < len(line.split("\n"))] == []
    assert sum("\n" in line for line in lines) >= len(lines) // 2, lines
    assert start.locator("a").first.bounding_box()["height"] >= 44
    # Typing replaces the suggestions with results; clearing brings them back, and so does
    # a tap on ✕ (the last question's results stayed under the empty box until a key).
    type_query(phone, "投诉")
    assert phone.locator(".hb-search-start").count() == 0
    phone.locator("input.md-search__input").fill("")
    phone.locator("input.md-search__input").press("Backspace")
    start.wait_for()
    type_query(phone, "投诉")
    phone.locator(".md-search-result__item").first.wait_for()
    phone.locator("button.md-search__icon[type=reset]").tap()
    start.wait_for()
    expect(phone.locator(".md-search-result__item")).to_have_count(0)
    # Spaces alone are an empty box too: the suggestions, not Material's 没有找到 above them.
    phone.locator("input.md-search__input").fill("  ")
    phone.locator("input.md-search__input").press("End")
    expect(phone.locator(".md-search-result__meta")).to_be_hidden()
    start.wait_for()
    # One tap on a suggestion opens its answer, on screen.
    first = handbook.search.suggestions[0]
    start.locator("a").first.tap()
    phone.wait_for_url(f"**#{first.ref}")
    phone.wait_for_function("id => document.getElementById(id)", arg=first.ref)
    phone.evaluate(SETTLED)
    assert entry_on_screen(phone, [first.ref]) == first.ref


def test_practice_questions_open_the_quiz_at_its_top(phone: Any, site: SiteServer) -> None:
    """Quiz pages are not in MkDocs' index; the handbook's documents for them still open the
    quiz page itself, from an entry on another page, ready to answer, nothing marked."""
    phone.goto(site.page_url("objections/"), wait_until="load")
    type_query(phone, "禁语测试题")
    address = tap_first_result(phone)
    assert address is not None and urlsplit(address).path == "/quizzes/zice-jinyu/", address
    assert phone.locator("h1").first.inner_text() == "禁语自测"
    assert phone.evaluate("scrollY") == 0
    # quiz.js ran on the page instant navigation brought in: one question at a time, counted
    phone.wait_for_function("() => document.querySelector('.quiz-progress').textContent.trim()")
    assert phone.locator(".quiz mark").count() == 0  # a marked option would read as a hint


MARKED_IN = """(id) => [...document.getElementById(id).closest("article, .hb-entry, section")
  .querySelectorAll("mark")].map((mark) => mark.textContent)"""


def test_an_entry_found_by_another_word_marks_its_own(phone: Any, site: SiteServer) -> None:
    """钱不够 finds 太贵了 through a concept (content/synonyms.yml): the entry opened marks its
    own words of it, which is what the reader sees there, not the customer's word."""
    phone.goto(site.page_url(), wait_until="load")
    type_query(phone, "客户说钱不够 有没有便宜点的")
    tap_first_result(phone)
    assert entry_on_screen(phone, ["tai-gui"]) == "tai-gui"
    marked = phone.evaluate(MARKED_IN, "tai-gui")
    assert "太贵" in marked and "钱不够" not in marked, marked


def test_a_section_asked_for_as_a_whole_lands_marked(phone: Any, site: SiteServer) -> None:
    """A question about a whole section (its `asked`) opens its heading below the header, with
    a bar beside it, as an entry landed on has its frame; other headings have none."""
    phone.goto(site.page_url(), wait_until="load")
    land_from_search(phone, "服务禁语有哪些", "fuwu-jinyan", "phrasing/")
    bar = "(id) => getComputedStyle(document.getElementById(id), '::before').content"
    assert phone.evaluate(bar, "fuwu-jinyan") == '""'
    other = phone.evaluate("document.querySelector('.md-typeset h2:not(:target)').id")
    assert phone.evaluate(bar, other) == "none"


RESULT_LINES = """() => [...document.querySelectorAll(".md-search-result__list .md-search-result__link")]
  .map((link) => [...link.querySelectorAll(".hb-result__line")].map((line) => line.textContent))"""


def _repeats(first: str, second: str, length: int = 8) -> bool:
    """Whether the second line repeats a run of the first (`length` characters: shorter runs
    are common phrases, such as 补偿法's 看到总体上 in two different sentences)."""
    second = second.strip("…")
    return any(second[i : i + length] in first for i in range(len(second) - length + 1))


@pytest.mark.parametrize(
    "query",
    [
        "爱说爱笑",  # 看、听、说、笑、动、问: its text opens with its summary
        # 你冲我发什么火: its first line is 换成：<the text's first sentence>, the match is in
        # the second sentence, close enough that the context reached back into the first
        "让您受委屈",
        # 别家比你们便宜: its text opens with its type and methods (嫌贵 询问法 间接反驳法), then
        # the reply its first line shows; only the type matched
        "客户嫌贵",
    ],
)
def test_a_result_does_not_repeat_its_first_line(phone: Any, site: SiteServer, query: str) -> None:
    """Under the title, the entry's first line, then where the words matched in its text: an
    entry whose text opens with that first line (behind a label such as 换成：, or cut short)
    shows none of it again."""
    phone.goto(site.page_url(), wait_until="load")
    type_query(phone, query)
    results = phone.evaluate(RESULT_LINES)
    assert any(len(lines) == 2 for lines in results), results  # some show both lines
    repeated = [lines for lines in results if len(lines) == 2 and _repeats(*lines)]
    assert repeated == []


MARKED_LINES = """() => [...document.querySelectorAll(".md-search-result__list .md-search-result__link")]
  .map((link) => [link.querySelector("h1, .md-search-result__title")?.textContent?.trim(),
    [...link.querySelectorAll(".hb-result__line")].map((line) =>
      [...line.querySelectorAll("mark")].map((mark) => mark.textContent))])"""


def test_words_are_marked_in_a_line_cut_short(phone: Any, site: SiteServer) -> None:
    """A line that ends in “…” (folded to three dots, longer than itself) still marks the
    words it shows where they stand."""
    phone.goto(site.page_url(), wait_until="load")
    type_query(phone, "让您受委屈")
    lines = dict(phone.evaluate(MARKED_LINES))
    second = lines["你冲我发什么火"][1]  # …让您受委屈了，这件事我来负责跟进。 …
    assert "委屈" in "".join(second), lines["你冲我发什么火"]


VERDICT_ROWS = """() => [...document.querySelectorAll(".md-search-result__list a.md-search-result__link")]
  .map((link) => [new URL(link.href).searchParams.get("hb"),
    link.querySelector(".hb-result__verdict")?.textContent ?? "",
    link.querySelector("h1").textContent, link.getAttribute("aria-label")])"""


def test_a_phrase_result_says_whether_to_say_it(
    phone: Any, site: SiteServer, handbook: Handbook
) -> None:
    """Phrases to avoid and phrases to use share 禁语速查 and read alike in a list (我向您道歉
    was taken for a 禁语): each result says 别说 or 可以说, as its card does, to a screen
    reader too (a result, a link around an article, had no name), which also hears the count."""
    phone.goto(site.page_url(), wait_until="load")
    rows = []
    for query in ("道歉", "不知道"):
        type_query(phone, query)
        phone.wait_for_function(RESULTS_LISTED)
        rows += phone.evaluate(VERDICT_ROWS)
    expect(phone.get_by_role("status").filter(has_text="个符合条件的结果")).to_have_count(1)
    verdicts = {"phrase": "别说", "approved": "可以说"}
    kinds = [getattr(handbook.by_id.get(anchor or ""), "kind", None) for anchor, *_ in rows]
    assert "phrase" in kinds and "approved" in kinds, rows
    for kind, (anchor, verdict, title, name) in zip(kinds, rows, strict=True):
        assert verdict == verdicts.get(str(kind), ""), (anchor, verdict)
        assert name.startswith(f"{verdict} {title}" if verdict else title), (anchor, name)


def test_no_result_shows_where_to_go_instead(phone: Any, site: SiteServer) -> None:
    phone.goto(site.page_url("closing/"), wait_until="load")
    type_query(phone, "鳄鱼潜艇")
    assert result_links(phone) == []
    empty = phone.locator(".hb-search-empty")
    empty.wait_for()
    assert empty.locator("a").all_inner_texts() == ["禁语速查", "投诉处理", "自测"]
    empty.locator("a", has_text="禁语速查").tap()  # relative links still right after navigation
    phone.wait_for_url("**/phrasing/")
    type_query(phone, "投诉")
    assert phone.locator(".hb-search-empty").count() == 0


def test_results_that_only_come_near_say_the_handbook_may_not_cover_it(
    phone: Any, site: SiteServer, built_site: Path
) -> None:
    """A question in words the handbook never uses (one the engine finds only near things for,
    whatever the content says today) lists the nearest entries under a note; a question it
    answers, and the empty box, show no such note."""
    with engine(built_site / "search" / "handbook_index.json") as search:
        question = next(q for q in load_off_topic(OFF_TOPIC_A) if search.weak(q))
    phone.goto(site.page_url("closing/"), wait_until="load")
    type_query(phone, question)
    note = phone.locator(".hb-search-weak")
    expect(note).to_have_text("手册里可能没有讲这件事：下面只是意思最接近的几条。")
    assert result_links(phone), question  # the nearest entries are still listed, under it
    first = phone.locator(".md-search-result__list a.md-search-result__link").first
    assert note.bounding_box()["y"] < first.bounding_box()["y"]
    type_query(phone, "太贵了")
    expect(note).to_have_count(0)
    phone.locator("input.md-search__input").fill("")
    phone.locator("input.md-search__input").press("End")
    expect(phone.locator(".hb-search-start")).to_be_visible()
    expect(note).to_have_count(0)


@pytest.fixture
def phone_with_worker(browser: WatchedBrowser) -> Iterator[Any]:
    context = browser.new_context(**PHONE_CONTEXT, **WITH_WORKER)
    yield context
    context.close()


def test_offline_search_lands_on_the_entry(phone_with_worker: Any, site: SiteServer) -> None:
    """Through the service worker, with the network cut: search, tap, the entry is on screen."""
    live = LiveSite(site)
    page = phone_with_worker.new_page()
    visit_once_and_wait_for_the_offline_copy(page, live)
    phone_with_worker.set_offline(True)  # the shared server keeps running for other tests
    try:
        for query, anchor in (("太贵了", "tai-gui"), ("小狗成交法", "xiaogou-chengjiao")):
            type_query(page, query)
            tap_first_result(page)
            assert entry_on_screen(page, [anchor]) == anchor, query
    finally:
        phone_with_worker.set_offline(False)


# Every text the result line shows, as it changes.
RECORD_META = """() => {
  window.__hbMetas = [];
  const meta = document.querySelector(".md-search-result__meta");
  new MutationObserver(() => window.__hbMetas.push(meta.textContent))
    .observe(meta, { childList: true, characterData: true, subtree: true });
}"""


# Holds the search worker's answer to the empty question Material asks when its search starts
# until window.hbReleaseEmpty() is called: on a slow phone it reaches the page after the words.
HOLD_EMPTY_ANSWER = """(() => {
  const Original = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Original(url, options);
    const held = [];
    let holding = true;
    worker.addEventListener("message", (event) => {
      const answer = event.data && event.data.data;
      if (!holding || !answer || !Array.isArray(answer.items) || answer.items.length) return;
      event.stopImmediatePropagation();
      held.push(event.data);
    });
    window.hbReleaseEmpty = () => {
      holding = false;
      for (const data of held.splice(0)) worker.dispatchEvent(new MessageEvent("message", { data }));
    };
    return worker;
  };
  window.Worker.prototype = Original.prototype;
})()"""


@pytest.mark.parametrize("worker", ["ready", "slow", "late"])
def test_a_question_typed_before_the_index_arrives_says_it_is_coming_never_nothing_found(
    phone: Any, site: SiteServer, worker: str
) -> None:
    """A question asked while the worker is still fetching its index waits for it. Material
    writes any answer under the words in the box: on a slow phone (slow) the answer to the
    empty question it asks when its search starts reached the page after 投诉时限 was typed,
    and read 没有找到 under it. Meanwhile the box says the search is being prepared; on a weak
    network that takes seconds, and Material's 键入以开始搜索 under the words typed read as if
    the box had not taken them. Under words typed before any answer (slow) or before the
    worker's own script came (late), Material says 正在初始化搜索引擎, and the box the same."""
    if worker == "slow":
        phone.add_init_script(HOLD_EMPTY_ANSWER)
    held: list[Any] = []
    phone.route(f"{site.url}/search/{HANDBOOK_INDEX}", lambda route: held.append(route))
    script = "**/workers/handbook-search.js"
    late: list[Any] = []
    if worker == "late":
        phone.route(script, lambda route: late.append(route))
    phone.goto(site.page_url(), wait_until="load")
    box = open_search(phone)
    phone.evaluate(RECORD_META)
    box.fill("投诉时限")
    box.press("End")
    if worker == "slow":
        phone.evaluate("window.hbReleaseEmpty()")
    if worker == "late":
        phone.unroute(script)
        for route in late:
            route.continue_()
    deadline = time.monotonic() + 10
    while not held:
        assert time.monotonic() < deadline, "the worker did not ask for its index"
        phone.evaluate("() => new Promise(requestAnimationFrame)")
    loading = phone.locator(".hb-search-loading")
    expect(loading).to_be_visible()
    assert "正在准备搜索" in loading.inner_text()
    expect(phone.locator(".md-search-result__meta")).to_be_hidden()
    for route in held:
        route.continue_()
    phone.wait_for_function(RESULTS_LISTED)
    expect(loading).to_have_count(0)
    expect(phone.locator(".md-search-result__meta")).to_be_visible()
    assert tap_first_result(phone) is not None
    assert not [text for text in phone.evaluate("window.__hbMetas") if "没有找到" in text]


def test_an_index_that_did_not_arrive_says_so_instead_of_nothing_found(
    phone: Any, site: SiteServer, console: Any
) -> None:
    """On a weak network the index download can break. Its empty answer read 没有找到 (试试更短的
    词) under 投诉时限, whose answer is in the handbook. Once the network is back, the question
    is answered without being typed again (the reader had to change the words)."""
    console.allow(r"ERR_FAILED|handbook_index")
    index = f"{site.url}/search/{HANDBOOK_INDEX}"
    phone.route(index, lambda route: route.abort())
    phone.goto(site.page_url(), wait_until="load")
    box = open_search(phone)
    box.fill("投诉时限")
    box.press("End")
    offline = phone.locator(".hb-search-offline")
    offline.wait_for()
    assert "自动接着搜" in offline.inner_text()
    assert phone.locator(".hb-search-empty:not(.hb-search-offline)").count() == 0
    assert not phone.get_by_text("没有找到").is_visible()
    phone.evaluate(RECORD_META)
    phone.unroute(index)
    phone.locator(".md-search-result__list a.md-search-result__link").first.wait_for()
    assert offline.count() == 0
    assert box.input_value() == "投诉时限"
    assert not [text for text in phone.evaluate("window.__hbMetas") if "没有找到" in text]
    assert tap_first_result(phone) is not None


def test_a_search_that_failed_offline_is_answered_as_soon_as_the_phone_is_back_online(
    phone: Any, site: SiteServer, console: Any
) -> None:
    """The worker tries a failed index again by itself a few seconds later, then less and less
    often; the page tells it when the phone is back online, so the answer does not wait for
    that (its first try would come 3 s after the failure: the bound below is under that)."""
    console.allow(r"ERR_INTERNET_DISCONNECTED|ERR_FAILED|handbook_index")
    index = f"{site.url}/search/{HANDBOOK_INDEX}"
    phone.goto(site.page_url(), wait_until="load")
    phone.context.set_offline(True)
    # (and the index not from the HTTP cache, which an earlier test of this context filled)
    phone.route(index, lambda route: route.abort("internetdisconnected"))
    try:
        box = open_search(phone)
        box.fill("投诉时限")
        box.press("End")
        phone.locator(".hb-search-offline").wait_for()
    finally:
        phone.unroute(index)
        phone.context.set_offline(False)
    result = phone.locator(".md-search-result__list a.md-search-result__link").first
    result.wait_for(timeout=2000)
    expect(phone.locator(".hb-search-offline")).to_have_count(0)


def test_a_first_search_whose_index_is_still_coming_when_the_line_goes_says_so(
    phone: Any, site: SiteServer, console: Any
) -> None:
    """A weak line that drops while the first search's index downloads: 正在准备搜索 (结果会
    自动出现) stayed for as long as the line was out. The download is given up when the phone
    goes offline (or is not done in 30 s), the page says 现在搜不了, and the answer
    comes once the line is back."""
    console.allow(r"ERR_INTERNET_DISCONNECTED|ERR_FAILED|handbook_index")
    index = f"{site.url}/search/{HANDBOOK_INDEX}"
    held: list[Any] = []
    phone.route(index, lambda route: held.append(route))  # on its way, and never coming
    phone.goto(site.page_url(), wait_until="load")
    box = open_search(phone)
    box.fill("投诉时限")
    box.press("End")
    expect(phone.locator(".hb-search-loading")).to_be_visible()
    # the download under way (the worker may ask for it a moment after the box says so)
    deliver_until(phone, lambda: bool(held), "the index asked for")
    phone.context.set_offline(True)
    try:
        expect(phone.locator(".hb-search-offline")).to_be_visible()
        expect(phone.locator(".hb-search-loading")).to_have_count(0)
    finally:
        phone.unroute(index)
        phone.context.set_offline(False)
    phone.locator(".md-search-result__list a.md-search-result__link").first.wait_for()
    expect(phone.locator(".hb-search-offline")).to_have_count(0)
    assert held


def test_offline_before_the_search_started_says_so_instead_of_initializing(
    phone: Any, site: SiteServer, console: Any
) -> None:
    """The line gone before the search's worker came: Material's 正在初始化搜索引擎, with
    nothing about the network, for as long as the line was out."""
    console.allow(r"ERR_INTERNET_DISCONNECTED|ERR_FAILED|handbook-search")
    script = "**/workers/handbook-search.js"
    phone.route(script, lambda route: None)  # never comes
    phone.goto(site.page_url(), wait_until="load")
    phone.context.set_offline(True)
    try:
        box = open_search(phone)
        box.fill("投诉时限")
        box.press("End")
        expect(phone.locator(".hb-search-offline")).to_be_visible()
    finally:
        phone.unroute(script)
        phone.context.set_offline(False)


def test_a_search_that_failed_in_another_tab_does_not_speak_for_this_one(
    phone: Any, site: SiteServer, console: Any
) -> None:
    """The worker's news (the index did not arrive) reached every open tab of the handbook: a
    second tab then said 现在搜不了 under a question that merely found nothing."""
    console.allow(r"ERR_FAILED|handbook_index")
    other = phone.context.new_page()
    other.goto(site.page_url(), wait_until="load")
    phone.route(f"{site.url}/search/{HANDBOOK_INDEX}", lambda route: route.abort())
    phone.goto(site.page_url(), wait_until="load")
    box = open_search(phone)
    box.fill("投诉时限")
    box.press("End")
    phone.locator(".hb-search-offline").wait_for()
    type_query(other, "齉龘")
    expect(other.locator(".hb-search-empty")).to_be_visible()
    assert other.locator(".hb-search-offline").count() == 0
    other.close()


@pytest.mark.parametrize(
    ("first_fetch", "logged"),
    [
        ("/assets/javascripts/workers/handbook-search.js", "handbook-search"),
        ("/search/search_index.json", "search_index"),
    ],
    ids=["worker", "settings"],
)
def test_search_starts_when_what_it_fetches_first_comes_only_at_the_second_try(
    phone: Any, site: SiteServer, console: Any, first_fetch: str, logged: str
) -> None:
    """On a first visit over a network that dropped just as the page started, search stayed
    dead until a full reload: Material fetches search_index.json (its settings) once, and it
    starts its worker once and keeps it across instant navigation. Said 正在初始化 (settings)
    or found nothing on any page (worker)."""
    console.allow(rf"ERR_FAILED|{logged}")
    tries: list[str] = []

    def first_fails(route: Any) -> None:
        tries.append(route.request.url)
        if len(tries) == 1:
            route.abort()
        else:
            route.continue_()

    phone.route(f"{site.url}{first_fetch}", first_fails)
    phone.goto(site.page_url(), wait_until="load")
    type_query(phone, "投诉时限")
    assert len(tries) == 2
    assert tap_first_result(phone) is not None


def test_back_from_a_result_on_the_page_being_read_returns_to_the_place(
    phone: Any, site: SiteServer
) -> None:
    """Reading a chapter, search finds the answer on the same chapter: Back returns to where
    the reader was, as it does from a result on another page."""
    phone.goto(site.page_url("objections/"), wait_until="load")
    wait_for_instant_navigation(phone)
    left_at = read_on(phone)
    land_from_search(phone, "太贵了", "tai-gui", "objections/")
    phone.go_back()
    # Back at the entry left: no ?h= (the landing's address has it); a fragment there is the
    # section navigation.tracking wrote while the reader read, which may be the result's own.
    phone.wait_for_function("() => !location.search")
    phone.evaluate(SETTLED)
    assert phone.evaluate("scrollY") == left_at, where_is(phone, "tai-gui")


def test_back_straight_after_a_tap_to_a_place_on_the_page_stays_back(
    phone: Any, site: SiteServer
) -> None:
    """The phone's Back button a moment after tapping the contents (or 相关): the hold that keeps
    a tapped place in view while the page settles (anchors.js) lets go, instead of pulling the
    reader back down to the place for the rest of its 2.5 s."""
    phone.goto(site.page_url("complaints/"), wait_until="load")
    wait_for_instant_navigation(phone)
    link = phone.locator(".hb-contents__sections > li > a").last
    place = str(link.get_attribute("href")).split("#")[1]
    # Where the reader was: at the top, or a little lower when the contents have grown past
    # the screen and the finger scrolled to their last line (an editor's new section did).
    link.scroll_into_view_if_needed()
    was_at = phone.evaluate("scrollY")
    tapped = phone.evaluate("performance.now()")
    link.tap()
    phone.wait_for_url(f"**#{place}")
    phone.go_back()
    phone.wait_for_function("() => !location.hash")
    phone.wait_for_function("t => performance.now() > t + 3000", arg=tapped)  # the hold is over
    phone.evaluate(SETTLED)
    assert phone.evaluate("scrollY") == was_at, where_is(phone, place)
