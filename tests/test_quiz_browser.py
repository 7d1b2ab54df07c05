"""Quizzes in Chromium, the way staff use them on a phone and trainers print them.

They run on the fixture handbook (tests/fixtures/handbook), so an editor changing content/ never
breaks them; quiz ids, questions and answers come from the fixture's YAML.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from macros.render.quizzes import HALF_LINE, LETTERS, QUARTER_LINE, paper_parts

from .support import ROOT
from .support.browser import TWO_FRAMES, leaving_page
from .support.contrast import CONTRAST
from .support.fixture import fixture_handbook, site_name
from .support.journey import SETTLED
from .support.pdf import drawing, folded, page_text, pages, squeezed
from .support.quiz import answer_right_until, option_words
from .support.server import SiteServer

pytestmark = pytest.mark.browser

BOOK = fixture_handbook()
CHAPTER_QUIZZES = [quiz for quiz in BOOK.quizzes.quizzes if quiz.mixed is None]
WITH_MULTIPLE = next(  # a chapter quiz with a multiple-choice question among its others
    quiz.id
    for quiz in CHAPTER_QUIZZES
    if any(item.question.type == "multiple" for item in BOOK.questions_of(quiz.id))
)
SHORT = min(  # the shortest of the other chapter quizzes (about five questions)
    (quiz for quiz in CHAPTER_QUIZZES if quiz.id != WITH_MULTIPLE),
    key=lambda quiz: len(BOOK.questions_of(quiz.id)),
).id


@pytest.fixture
def site(fixture_site: SiteServer) -> SiteServer:
    """The fixture handbook's site, built once per worker (tests/conftest.py)."""
    return fixture_site


class Answers:
    """What the content says is right, per question id (independent of the page's key)."""

    def __init__(self, quiz: str) -> None:
        self.items = {i.question.id: i.question for i in BOOK.questions_of(quiz)}

    def right(self, qid: str) -> list[str]:
        return [o.text for o in self.items[qid].choices if o.correct]

    def a_wrong_one(self, qid: str) -> str:
        return next(o.text for o in self.items[qid].choices if not o.correct)


def answer(page: Any, answers: Answers, correctly: bool = True) -> str:
    """Tap the options and confirm; returns the id of the question answered."""
    question = page.locator(".quiz-q.is-on")
    qid = question.get_attribute("data-question")
    for text in answers.right(qid) if correctly else [answers.a_wrong_one(qid)]:
        option_words(question, text).click()
    page.get_by_role("button", name="确定").click()
    return qid


def go_on(page: Any) -> None:
    page.locator(".quiz-next").click()


def run_quiz(page: Any, answers: Answers, wrong: set[int] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Answer every question (the ones at positions in `wrong` wrongly); returns the order."""
    order = []
    for position in range(len(answers.items)):
        order.append(answer(page, answers, correctly=position not in wrong))
        go_on(page)
    return order


def quiz_title(quiz: str) -> str:
    return next(q.title for q in BOOK.quizzes.quizzes if q.id == quiz)


def comes_back(page: Any) -> str:
    """When a mistake comes back to 今日复习, by the page's clock: between midnight and the hour
    the handbook's day starts, the next day starts later today."""
    hour = BOOK.checklists.day_start_hour
    return f"今天 {hour} 点以后" if page.evaluate("new Date().getHours()") < hour else "明天"


def open_quiz(page: Any, site: SiteServer, quiz: str) -> None:
    page.goto(site.page_url(f"quizzes/{quiz}/"))
    page.locator(".quiz.is-live").wait_for()


def test_answering_every_question_correctly_gives_full_marks(phone: Any, site: SiteServer) -> None:
    answers = Answers(WITH_MULTIPLE)
    open_quiz(phone, site, WITH_MULTIPLE)
    total = len(answers.items)
    assert phone.locator(".quiz-progress").inner_text() == f"第 1 题，共 {total} 题"
    for _ in range(total):
        answer(phone, answers)
        assert phone.locator(".quiz-verdict").inner_text() == "✓ 答对了"
        go_on(phone)
    assert phone.locator(".quiz-score").inner_text() == f"答对 {total} 题，共 {total} 题。"
    assert phone.locator(".quiz-record").inner_text() == "全部答对，这是你的最好成绩。"
    assert not phone.locator(".quiz-review").is_visible()
    assert phone.locator(".quiz-list").is_hidden()


def test_a_wrong_answer_is_explained_at_once_and_shows_up_in_the_review(
    phone: Any, site: SiteServer
) -> None:
    answers = Answers(SHORT)
    open_quiz(phone, site, SHORT)
    question = phone.locator(".quiz-q.is-on")
    missed = answer(phone, answers, correctly=False)
    expected = answers.items[missed]

    # right or wrong at once: marks on the options, the right answer, explanation and link
    assert question.locator("li.is-wrong .quiz-text").inner_text() == answers.a_wrong_one(missed)
    assert question.locator("li.is-right .quiz-text").all_inner_texts() == answers.right(missed)
    if expected.type != "multiple":  # 漏选 is for a multiple choice's right options left out
        marks = question.locator("li.is-right label").evaluate_all(
            "labels => labels.map(l => getComputedStyle(l, '::after').content)"
        )
        assert marks == ['"✓" / "对"'], marks  # and what a screen reader says
    assert question.locator("input:not(:disabled)").count() == 0
    verdict = phone.locator(".quiz-verdict").inner_text()
    assert verdict.startswith("✗ 答错了") and answers.right(missed)[0] in verdict
    assert phone.locator(".quiz-feedback .quiz-why").inner_text() == expected.explanation
    link = phone.locator(".quiz-feedback .quiz-see a")
    assert link.get_attribute("href").endswith(f"#{expected.ref}")
    # 见 stays on the line where its link starts, however long the link's title (a long one
    # went whole to the next line and left 见 alone above it).
    link.evaluate("a => { a.textContent = '《营销技巧》学习主动营销前必须明白的三件事'.repeat(2) }")
    rows = link.evaluate(
        """a => { const see = document.createRange(); see.selectNodeContents(a.previousSibling);
          return [see.getBoundingClientRect().bottom, a.getClientRects()[0].top]; }"""
    )
    assert rows[0] > rows[1], rows
    # The focus is on the way on, which a screen reader reads with the verdict and why.
    onward = phone.locator(".quiz-next")
    expect(onward).to_be_focused()
    expect(onward).to_have_accessible_description(
        re.compile(rf"^✗ 答错了.*{re.escape(expected.explanation[:10])}")
    )

    go_on(phone)
    for _ in range(len(answers.items) - 1):
        answer(phone, answers)
        go_on(phone)
    total = len(answers.items)
    assert phone.locator(".quiz-score").inner_text() == f"答对 {total - 1} 题，共 {total} 题。"
    review = phone.locator(".quiz-wrong > li")
    assert review.count() == 1
    assert review.get_attribute("data-question") == missed
    assert review.locator(".quiz-wrong-prompt").inner_text() == expected.question
    assert review.locator(".quiz-why").inner_text() == expected.explanation
    assert "、".join(answers.right(missed)) in review.inner_text()
    # what the reader chose, so a trainer can ask why (it was said only with a why written)
    chosen = answers.a_wrong_one(missed).rstrip("。；;")
    said = review.locator(".quiz-miss").inner_text()  # 你选的是“…”。 read as half a sentence
    assert said.startswith(f"你选的“{chosen}”：") or said == f"你选的是“{chosen}”。", said

    # the link in the review leads to the entry it tests
    review.locator(".quiz-see a").click()
    phone.wait_for_url(f"**#{expected.ref}")
    expect(phone.locator(f"[id='{expected.ref}']")).to_have_count(1)


def test_a_wrong_reply_that_sounds_polite_says_what_is_wrong_with_it(
    phone: Any, site: SiteServer
) -> None:
    """禁语自测: a reader who picks one of a 禁语's near misses is told what is wrong with that
    reply, at once and again in the review at the end (quoted there, the options being gone)."""
    phrase = next(p for p in BOOK.entries("phrase") if p.near_misses)  # type: ignore[attr-defined]
    picked = phrase.near_misses[1]
    quiz = next(q.id for q in CHAPTER_QUIZZES if "reply" in q.drills)
    answers = Answers(quiz)
    target = next(qid for qid in answers.items if qid.startswith(f"reply-{phrase.id}"))
    open_quiz(phone, site, quiz)
    question = answer_right_until(phone, answers.items, target)
    option_words(question, picked.text).click()
    phone.get_by_role("button", name="确定").click()
    miss = phone.locator(".quiz-feedback .quiz-miss")
    expect(miss).to_be_visible()
    assert miss.inner_text() == f"你选的这句：{picked.why}。"
    assert phone.locator(".quiz-feedback .quiz-why").inner_text() == (
        answers.items[target].explanation
    )
    go_on(phone)
    answer_right_until(phone, answers.items, None)
    review = phone.locator(".quiz-wrong > li")
    assert review.count() == 1
    expect(review.locator(".quiz-miss")).to_be_visible()
    said = picked.text.rstrip("。；;")
    assert review.locator(".quiz-miss").inner_text() == f"你选的“{said}”：{picked.why}。"


def test_confirm_waits_for_a_choice_and_multiple_choice_needs_every_right_option(
    phone: Any, site: SiteServer
) -> None:
    answers = Answers(WITH_MULTIPLE)
    open_quiz(phone, site, WITH_MULTIPLE)
    confirm = phone.get_by_role("button", name="确定")
    while True:
        question = phone.locator(".quiz-q.is-on")
        qid = question.get_attribute("data-question")
        if answers.items[qid].type == "multiple":
            break
        assert confirm.is_disabled()
        answer(phone, answers)
        go_on(phone)
    assert confirm.is_disabled()
    option_words(question, answers.right(qid)[0]).click()
    assert confirm.is_enabled()
    confirm.click()  # only one of the right options: wrong
    verdict = phone.locator(".quiz-verdict").inner_text()
    # every right option, run together with “；”, none with its own full stop (“…。；…”)
    right = "；".join(text.rstrip("。；; ") for text in answers.right(qid))
    assert verdict.splitlines()[0] == f"✗ 答错了。正确答案：{right}", verdict
    # the right option chosen and those left out read apart (both were a green ✓)
    marks = question.locator("li.is-right label").evaluate_all(
        "labels => labels.map(l => getComputedStyle(l, '::after').content)"
    )
    left_out = ['"✓ 漏选" / "对，漏选了"'] * (len(answers.right(qid)) - 1)
    assert sorted(marks) == sorted(['"✓" / "对"', *left_out]), marks
    # and the verdict says which were left out, as the list of wrong answers at the end does
    left = "；".join(text.rstrip("。；; ") for text in answers.right(qid)[1:])
    expect(phone.locator(".quiz-miss")).to_have_text(f"漏选了“{left}”。")


def test_confirm_comes_into_view_once_an_answer_is_chosen_on_a_small_phone(
    browser: Any, site: SiteServer
) -> None:
    """On a 360x640 phone 确定 stood at the screen's foot (601-649 px), with large text
    below it: a choice made, the reader had to find it. It is brought into view (as far as
    the question's head can stay on the screen)."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 20}})
    answers = Answers(WITH_MULTIPLE)
    open_quiz(page, site, WITH_MULTIPLE)
    confirm = page.get_by_role("button", name="确定")
    below = "(b) => b.getBoundingClientRect().bottom > visualViewport.height"
    assert confirm.evaluate(below), "a test of nothing: 确定 is on the screen already"
    question = page.locator(".quiz-q.is-on")
    qid = question.get_attribute("data-question")
    option_words(question, answers.right(qid)[0]).tap()
    page.evaluate(TWO_FRAMES)
    assert not confirm.evaluate(below)
    head = page.locator(".quiz-progress").evaluate("(p) => p.getBoundingClientRect().top")
    assert head >= page.locator(".md-header").evaluate("(h) => h.getBoundingClientRect().bottom")
    context.close()


def visual_option_order(question: Any) -> list[str]:
    return question.evaluate(
        """q => Array.from(q.querySelectorAll('.quiz-options > li'))
            .map((li, i) => [Number(getComputedStyle(li).order), i,
                              li.querySelector('.quiz-text').textContent])
            .sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(x => x[2])"""
    )


def test_retry_shuffles_questions_and_options(phone: Any, site: SiteServer) -> None:
    answers = Answers(WITH_MULTIPLE)
    open_quiz(phone, site, WITH_MULTIPLE)
    first_question = phone.locator(".quiz-q.is-on")
    printed_options = first_question.locator(".quiz-text").all_inner_texts()
    assert visual_option_order(first_question) == printed_options  # first round: as printed
    first = run_quiz(phone, answers, wrong={0})

    phone.get_by_role("button", name=re.compile("再做一次")).click()
    assert phone.locator(".quiz-result").is_hidden()
    assert phone.locator(".quiz-progress").inner_text().startswith("第 1 题")
    assert phone.locator(".quiz-q input:checked").count() == 0
    assert phone.locator(".quiz-q .is-right, .quiz-q .is-wrong").count() == 0
    question = phone.locator(".quiz-q.is-on")
    dom_order = question.locator(".quiz-text").all_inner_texts()
    assert visual_option_order(question) != dom_order
    assert sorted(visual_option_order(question)) == sorted(dom_order)
    second = run_quiz(phone, answers)
    assert second != first and sorted(second) == sorted(first)
    assert phone.locator(".quiz-score").inner_text().startswith(f"答对 {len(first)} 题")


def test_after_midnight_mistakes_come_back_when_the_handbooks_next_day_starts(
    phone: Any, site: SiteServer
) -> None:
    """At 01:30 the handbook's day (day_start_hour) is still yesterday's: the next one starts at
    04:00 today, which 明天起 put a day late for a night shift."""
    hour = BOOK.checklists.day_start_hour
    assert hour >= 2, "the fixture's day must start after 01:30"
    phone.clock.install(time=datetime(2026, 3, 3, 1, 30))  # local time, as the phone's clock
    answers = Answers(SHORT)
    open_quiz(phone, site, SHORT)
    run_quiz(phone, answers, wrong={0})
    expect(phone.locator(".quiz-record")).to_contain_text(
        f"答错的 1 题今天 {hour} 点以后起会回到“今日复习”。"
    )


def test_the_best_score_survives_a_reload_and_shows_on_the_index(
    phone: Any, site: SiteServer
) -> None:
    answers = Answers(SHORT)
    total = len(answers.items)
    open_quiz(phone, site, SHORT)
    assert phone.locator(f"[data-quiz-best='{SHORT}']").inner_text() == "还没做过"
    run_quiz(phone, answers, wrong={1})
    phone.reload()
    phone.locator(".quiz.is-live").wait_for()
    best = f"最好成绩 {total - 1} / {total}"
    assert phone.locator(f"[data-quiz-best='{SHORT}']").inner_text() == best

    phone.locator(".quiz-retry").click()  # the reload showed the result; again from the start
    run_quiz(phone, answers, wrong={0, 2})  # worse: the best stays
    assert phone.locator(".quiz-record").inner_text() == (
        f"{best}，再接再厉。答错的 2 题{comes_back(phone)}起会回到“今日复习”。"
    )
    phone.goto(site.page_url("quizzes/"))
    assert phone.locator(f".quiz-index [data-quiz-best='{SHORT}']").inner_text() == best
    assert phone.locator(f".quiz-index [data-quiz-best='{WITH_MULTIPLE}']").inner_text() == (
        "还没做过"
    )


def test_the_list_of_quizzes_says_how_far_a_quiz_left_half_done_got(
    phone: Any, site: SiteServer
) -> None:
    """Not 还没做过 for a quiz whose questions were partly answered: reopening it goes on
    where the reader stopped, and the list says so."""
    answers = Answers(SHORT)
    total = len(answers.items)
    open_quiz(phone, site, SHORT)
    for _ in range(2):
        answer(phone, answers)
        go_on(phone)
    # and so does the quiz's own line, as it goes
    expect(phone.locator(f".quiz-about [data-quiz-best='{SHORT}']")).to_have_text(
        f"做了 2 / {total} 题"
    )
    phone.goto(site.page_url("quizzes/"))
    best = phone.locator(f".quiz-index [data-quiz-best='{SHORT}']")
    expect(best).to_have_text(f"做了 2 / {total} 题")
    open_quiz(phone, site, SHORT)
    assert progress(phone) == f"第 3 题，共 {total} 题"


def test_the_questions_answered_wrong_can_be_done_again_alone_leaving_the_best_score(
    phone: Any, site: SiteServer
) -> None:
    phone.set_viewport_size({"width": 360, "height": 640})
    answers = Answers(SHORT)
    total = len(answers.items)
    open_quiz(phone, site, SHORT)
    order = run_quiz(phone, answers, wrong=set(range(1, total)))  # a long list of mistakes
    missed = order[1:]
    best = f"最好成绩 1 / {total}"
    retry_wrong = phone.locator(".quiz-retry-wrong")
    expect(retry_wrong).to_have_text(f"只做答错的 {len(missed)} 题")
    phone.evaluate("scrollTo(0, document.body.scrollHeight)")  # read down to the foot
    retry_wrong.click()  # back up to the first question
    assert_question_in_clear_view(phone)
    assert progress(phone) == f"答错的题：第 1 题，共 {len(missed)} 题"
    redone = [answer(phone, answers)]
    go_on(phone)
    phone.reload()  # the round of mistakes carries on after a reload
    phone.locator(".quiz.is-live").wait_for()
    assert progress(phone) == f"答错的题：第 2 题，共 {len(missed)} 题"
    for n, _ in enumerate(missed[1:], 2):
        redone.append(answer(phone, answers, correctly=n < len(missed)))  # the last one wrong
        go_on(phone)
    assert sorted(redone) == sorted(missed)
    assert phone.locator(".quiz-record").inner_text() == (
        f"这一题还要再看看。答错的 1 题{comes_back(phone)}起会回到“今日复习”。"
    )
    retry_wrong.click()
    answer(phone, answers)
    go_on(phone)
    assert phone.locator(".quiz-score").inner_text() == "答对 1 题，共 1 题。"
    assert phone.locator(".quiz-record").inner_text() == "上次答错的题，这次都答对了。"
    expect(retry_wrong).to_be_hidden()  # nothing left to redo
    assert phone.locator(f"[data-quiz-best='{SHORT}']").inner_text() == best  # whole quiz only

    phone.locator(".quiz-retry").click()  # the whole quiz again
    assert progress(phone) == f"第 1 题，共 {total} 题"


BROKEN_STORAGE = {
    "garbage": f"""localStorage.setItem('hb-quiz:{SHORT}', '{{oops');
        localStorage.setItem('hb-quiz:{WITH_MULTIPLE}', '{{"score": 9, "total": 5}}');""",
    "blocked": """Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('blocked', 'SecurityError'); } });""",
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError'); };""",
}


@pytest.mark.parametrize("case", BROKEN_STORAGE)
def test_missing_or_corrupt_storage_never_breaks_the_quiz(
    phone: Any, site: SiteServer, case: str
) -> None:
    phone.add_init_script(BROKEN_STORAGE[case])
    answers = Answers(SHORT)
    open_quiz(phone, site, SHORT)
    assert phone.locator(f"[data-quiz-best='{SHORT}']").inner_text() == "还没做过"
    run_quiz(phone, answers)
    total = len(answers.items)
    assert phone.locator(".quiz-score").inner_text() == f"答对 {total} 题，共 {total} 题。"
    phone.goto(site.page_url("quizzes/"))
    assert phone.locator(f".quiz-index [data-quiz-best='{WITH_MULTIPLE}']").is_visible()


def test_the_correct_answer_is_not_visible_before_answering(phone: Any, site: SiteServer) -> None:
    answers = Answers(WITH_MULTIPLE)
    open_quiz(phone, site, WITH_MULTIPLE)
    question = phone.locator(".quiz-q.is-on")
    qid = question.get_attribute("data-question")
    assert phone.locator(".quiz-key").is_hidden()
    shown = phone.locator("body").inner_text()
    assert "：答案与解析" not in shown
    assert answers.items[qid].explanation not in shown
    looks = question.evaluate(
        """q => Array.from(q.querySelectorAll('.quiz-options label')).map(label => {
            const style = getComputedStyle(label);
            return [label.className, label.parentNode.className, style.backgroundColor,
                    style.borderColor, getComputedStyle(label, '::after').content].join('|');
        })"""
    )
    assert len(set(looks)) == 1, looks


# Fitting the screen and tap-target sizes: tests/test_layout.py, on every real quiz page.


def test_a_quiz_opened_through_instant_navigation_works(phone: Any, site: SiteServer) -> None:
    answers = Answers(SHORT)
    phone.goto(site.page_url("quizzes/"))
    phone.locator(".quiz-index a", has_text=quiz_title(SHORT)).click()
    phone.wait_for_url(f"**/quizzes/{SHORT}/")
    phone.locator(".quiz.is-live").wait_for()
    answer(phone, answers)
    assert phone.locator(".quiz-verdict").inner_text() == "✓ 答对了"


# --- a quiz keeps its place ------------------------------------------------------------------


def progress(page: Any) -> str:
    return page.locator(".quiz-progress").inner_text()


def wait_for_quiz(page: Any, quiz: str) -> None:
    page.wait_for_url(f"**/quizzes/{quiz}/")
    page.locator(".quiz.is-live").wait_for()


def test_following_the_see_link_and_coming_back_keeps_the_quiz_where_it_was(
    phone: Any, site: SiteServer
) -> None:
    answers = Answers(WITH_MULTIPLE)
    total = len(answers.items)
    open_quiz(phone, site, WITH_MULTIPLE)
    answer(phone, answers)
    go_on(phone)
    second = answer(phone, answers, correctly=False)
    verdict = phone.locator(".quiz-verdict").inner_text()
    with leaving_page(phone):
        phone.locator(".quiz-feedback .quiz-see a").click()  # 见《…》: read the entry
    phone.wait_for_url(re.compile(r"#"))
    with leaving_page(phone):
        phone.go_back()
    wait_for_quiz(phone, WITH_MULTIPLE)
    assert progress(phone) == f"第 2 题，共 {total} 题"
    assert phone.locator(".quiz-q.is-on").get_attribute("data-question") == second
    assert phone.locator(".quiz-verdict").inner_text() == verdict  # still answered, explained
    go_on(phone)
    for _ in range(total - 2):
        answer(phone, answers)
        go_on(phone)
    assert phone.locator(".quiz-score").inner_text() == f"答对 {total - 1} 题，共 {total} 题。"
    assert phone.locator(".quiz-wrong-item").get_attribute("data-question") == second


def test_a_reload_keeps_the_order_the_answers_and_a_choice_not_yet_confirmed(
    phone: Any, site: SiteServer
) -> None:
    answers = Answers(SHORT)
    total = len(answers.items)
    open_quiz(phone, site, SHORT)
    run_quiz(phone, answers)
    phone.locator(".quiz-retry").click()  # again: questions and options in a new order
    order = [answer(phone, answers, correctly=False)]
    go_on(phone)
    question = phone.locator(".quiz-q.is-on")
    order.append(question.get_attribute("data-question"))
    options = question.locator(".quiz-text").evaluate_all(
        "spans => spans.map(s => [s.textContent, getComputedStyle(s.closest('li')).order])"
    )
    picked = answers.right(order[1])[0]
    option_words(question, picked).click()

    phone.reload()
    phone.locator(".quiz.is-live").wait_for()
    question = phone.locator(".quiz-q.is-on")
    assert progress(phone) == f"第 2 题，共 {total} 题"
    assert question.get_attribute("data-question") == order[1]
    assert (
        question.locator(".quiz-text").evaluate_all(
            "spans => spans.map(s => [s.textContent, getComputedStyle(s.closest('li')).order])"
        )
        == options
    )
    expect(option_words(question, picked).locator("xpath=..").locator("input")).to_be_checked()
    expect(phone.get_by_role("button", name="确定")).to_be_enabled()
    phone.get_by_role("button", name="确定").click()
    go_on(phone)
    for _ in range(total - 2):
        answer(phone, answers)
        go_on(phone)
    wrong = phone.locator(".quiz-wrong-item").evaluate_all(
        "items => items.map(i => i.dataset.question)"
    )
    assert wrong == [order[0]]  # the answer given before the reload still counts


def test_instant_navigation_away_and_back_keeps_the_quiz_and_starting_again_clears_it(
    phone: Any, site: SiteServer
) -> None:
    answers = Answers(SHORT)
    total = len(answers.items)
    open_quiz(phone, site, SHORT)
    answer(phone, answers)
    go_on(phone)
    phone.locator(".quiz-paper a").click()  # 全部自测, an instant-navigation link
    phone.wait_for_url("**/quizzes/")
    phone.locator(".quiz-index a", has_text=quiz_title(SHORT)).click()
    wait_for_quiz(phone, SHORT)
    assert progress(phone) == f"第 2 题，共 {total} 题"
    for _ in range(total - 1):
        answer(phone, answers)
        go_on(phone)
    assert phone.locator(".quiz-score").inner_text() == f"答对 {total} 题，共 {total} 题。"
    phone.locator(".quiz-retry").click()
    phone.reload()
    phone.locator(".quiz.is-live").wait_for()
    assert progress(phone) == f"第 1 题，共 {total} 题"  # started again: the result is gone
    assert phone.locator(".quiz-result").is_hidden()


def test_a_quiz_half_done_can_be_started_again_from_the_first_question(
    phone: Any, site: SiteServer
) -> None:
    """On a shared counter PC the next person opened the quiz at the last one's question 4,
    those answers counted in their score; 再做一次 came only at the end."""
    answers = Answers(SHORT)
    total = len(answers.items)
    open_quiz(phone, site, SHORT)
    restart = phone.get_by_role("button", name="从头再做")
    expect(restart).to_be_hidden()  # nothing answered: nothing to start again
    answer(phone, answers, correctly=False)
    go_on(phone)
    phone.reload()
    phone.locator(".quiz.is-live").wait_for()
    assert progress(phone) == f"第 2 题，共 {total} 题"
    # Well apart from the button above it, which is tapped at every question (they touched).
    above = phone.locator(".quiz-check").bounding_box()
    below = restart.bounding_box()
    assert above and below and below["y"] - (above["y"] + above["height"]) >= 12, (above, below)
    asked: list[str] = []
    phone.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    restart.tap()
    assert asked and progress(phone) == f"第 2 题，共 {total} 题"  # no: nothing changes
    phone.once("dialog", lambda dialog: dialog.accept())
    restart.tap()
    assert progress(phone) == f"第 1 题，共 {total} 题"
    expect(restart).to_be_hidden()
    phone.reload()
    phone.locator(".quiz.is-live").wait_for()
    assert progress(phone) == f"第 1 题，共 {total} 题"
    for _ in range(total):  # the earlier wrong answer counts no more
        answer(phone, answers)
        go_on(phone)
    assert phone.locator(".quiz-score").inner_text() == f"答对 {total} 题，共 {total} 题。"


def result_screen(page: Any) -> tuple[str, str, list[str]]:
    """Score line, record line and the ids of the wrong answers listed, as on screen."""
    expect(page.locator(".quiz-result")).to_be_visible()
    wrong = page.locator(".quiz-wrong-item").evaluate_all("li => li.map(i => i.dataset.question)")
    return (
        page.locator(".quiz-score").inner_text(),
        page.locator(".quiz-record").inner_text(),
        wrong,
    )


def test_the_result_and_its_wrong_answers_stay_after_a_see_link_and_back_or_a_reload(
    phone: Any, site: SiteServer
) -> None:
    """The result screen sends the reader to each mistake's entry (见《…》): coming back, or
    reloading, shows the same score and list, and the best score is not counted twice."""
    answers = Answers(WITH_MULTIPLE)
    total = len(answers.items)
    open_quiz(phone, site, WITH_MULTIPLE)
    order = run_quiz(phone, answers, wrong={0, 2})
    shown = result_screen(phone)
    assert shown == (
        f"答对 {total - 2} 题，共 {total} 题。",
        f"这是你的最好成绩。答错的 2 题{comes_back(phone)}起会回到“今日复习”。",
        [order[0], order[2]],
    )

    with leaving_page(phone):
        phone.locator(".quiz-wrong-item .quiz-see a").first.click()  # the first mistake's entry
    phone.wait_for_url(re.compile(r"#"))
    with leaving_page(phone):
        phone.go_back()
    wait_for_quiz(phone, WITH_MULTIPLE)
    # Shown again (that day or a later one: not "明天起"), the mistakes are in 今日复习 already.
    again = (
        shown[0],
        "这是你的最好成绩。答错的 2 题已放进“今日复习”，到期就会出现。",
        shown[2],
    )
    assert result_screen(phone) == again
    expect(phone.locator(".quiz-q.is-on")).to_be_hidden()
    phone.reload()
    phone.locator(".quiz.is-live").wait_for()
    assert result_screen(phone) == again
    best = phone.evaluate(f"JSON.parse(localStorage.getItem('hb-quiz:{WITH_MULTIPLE}'))")
    assert best == {"score": total - 2, "total": total}

    phone.locator(".quiz-retry").click()
    assert progress(phone) == f"第 1 题，共 {total} 题"
    answer(phone, answers)
    expect(phone.locator(".quiz-verdict")).to_have_text("✓ 答对了")


def test_saved_progress_that_no_longer_fits_the_quiz_is_ignored(
    phone: Any, site: SiteServer
) -> None:
    answers = Answers(SHORT)
    phone.add_init_script(
        f"""localStorage.setItem('hb-quiz-progress:{SHORT}', JSON.stringify({{
            order: ['no-such-question'], options: {{}}, answers: {{}}, draft: [], pos: 0}}));"""
    )
    open_quiz(phone, site, SHORT)
    assert progress(phone) == f"第 1 题，共 {len(answers.items)} 题"
    answer(phone, answers)
    assert phone.locator(".quiz-verdict").inner_text() == "✓ 答对了"


def test_the_end_screen_is_fully_visible_on_a_phone(phone: Any, site: SiteServer) -> None:
    answers = Answers(WITH_MULTIPLE)
    open_quiz(phone, site, WITH_MULTIPLE)
    run_quiz(phone, answers, wrong=set(range(len(answers.items))))  # a long review below
    phone.evaluate(SETTLED)  # the scroll and Material's header settle
    # The score has the focus: on the whole end screen a screen reader read every wrong answer.
    expect(phone.locator(".quiz-score")).to_be_focused()
    header = phone.locator(".md-header").bounding_box()
    title = phone.locator(".quiz-result-title").bounding_box()
    score = phone.locator(".quiz-score").bounding_box()
    assert title["y"] >= header["y"] + header["height"] - 1, (title, header)
    assert score["y"] + score["height"] <= phone.viewport_size["height"]
    top = phone.locator(".md-top")
    # Material fades the button out (opacity 0, still "visible" to Playwright) when hidden.
    if top.evaluate("b => !b.hidden || getComputedStyle(b).opacity !== '0'"):
        button = top.bounding_box()
        for box in (title, score):
            above = button["y"] + button["height"] <= box["y"]
            assert above or box["y"] + box["height"] <= button["y"], (button, box)


def test_on_a_small_phone_the_verdict_and_the_next_question_show_below_the_header(
    phone: Any, site: SiteServer
) -> None:
    """360x640: after 确定 the verdict is readable (not scrolled under the header to show the
    button), after 下一题 the question's count is, with no back-to-top button over the
    question."""
    phone.set_viewport_size({"width": 360, "height": 640})
    answers = Answers(WITH_MULTIPLE)
    open_quiz(phone, site, WITH_MULTIPLE)
    for position in range(4):
        answer(phone, answers, correctly=position % 2 == 0)
        phone.evaluate(SETTLED)
        header = phone.locator(".md-header").bounding_box()
        verdict = phone.locator(".quiz-verdict").bounding_box()
        assert header["y"] + header["height"] <= verdict["y"], (position, header, verdict)
        assert verdict["y"] + verdict["height"] <= 640, (position, verdict)
        go_on(phone)
        assert_question_in_clear_view(phone)


def assert_question_in_clear_view(page: Any) -> None:
    """The question on screen is shown from its count down, below the header, with no
    back-to-top button over its prompt."""
    page.evaluate(SETTLED)
    header = page.locator(".md-header").bounding_box()
    count = page.locator(".quiz-progress").bounding_box()
    assert header["y"] + header["height"] <= count["y"], (header, count)
    top = page.locator(".md-top")
    if top.evaluate("b => !b.hidden && getComputedStyle(b).opacity !== '0'"):
        button = top.bounding_box()
        prompt = page.locator(".quiz-q.is-on .quiz-prompt").bounding_box()
        apart = button["y"] + button["height"] <= prompt["y"]
        assert apart or prompt["y"] + prompt["height"] <= button["y"], (button, prompt)


def test_the_focused_next_button_is_readable_in_light_and_dark(
    phone: Any, site: SiteServer
) -> None:
    """下一题 keeps the focus after every answer: Material fills a focused button with the deep
    orange accent under white text, 2.8:1."""
    answers = Answers(WITH_MULTIPLE)
    open_quiz(phone, site, WITH_MULTIPLE)
    for scheme in ("light", "dark"):
        phone.emulate_media(color_scheme=scheme)
        phone.reload()
        phone.locator(".quiz.is-live").wait_for()
        answer(phone, answers)
        button = phone.locator(".quiz-next")
        assert button.evaluate("b => b === document.activeElement")
        phone.wait_for_function("b => !b.getAnimations().length", arg=button.element_handle())
        assert button.evaluate(CONTRAST) >= 4.5, scheme
        go_on(phone)


def test_an_option_reached_with_the_keyboard_shows_that_it_has_the_focus(
    desktop: Any, site: SiteServer
) -> None:
    """Material's reset takes the outline off inputs: tabbing through a multiple-choice
    question's boxes showed nothing, so Space ticked an option the reader could not see."""
    open_quiz(desktop, site, WITH_MULTIPLE)
    first = desktop.locator(".quiz-q.is-on .quiz-options input").first
    first.focus()
    desktop.keyboard.press("Tab")  # on, then back: the focus now came from the keyboard
    desktop.keyboard.press("Shift+Tab")
    focused = desktop.locator(".quiz-q.is-on .quiz-options input:focus-visible")
    expect(focused).to_have_count(1)
    assert focused.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"


# --- on paper -----------------------------------------------------------------------------


def print_part(page: Any, button: str) -> bytes:
    """What 打印试卷 or 打印答案 sends to the printer (the print dialog itself is left out)."""
    page.emulate_media(media="screen")
    page.evaluate("window.print = () => { window.hbPrintedTitle = document.title }")
    page.get_by_role("button", name=button).click()
    page.emulate_media(media="print")
    return page.pdf(format="A4")


def test_printing_gives_a_worksheet_without_header_or_navigation(
    desktop: Any, site: SiteServer
) -> None:
    answers = Answers(SHORT)
    open_quiz(desktop, site, SHORT)
    # 打印试卷 and 打印答案 read as large as the site's other buttons (they were 11.6 px)
    sizes = desktop.locator(".quiz-paper .hb-btn").evaluate_all(
        "bs => bs.map(b => parseFloat(getComputedStyle(b).fontSize))"
    )
    other = desktop.locator(".hb-btn:not(.quiz-paper .hb-btn)").first
    assert sizes == [float(other.evaluate("b => parseFloat(getComputedStyle(b).fontSize)"))] * 2
    desktop.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".quiz-controls"):
        assert desktop.locator(chrome).first.is_hidden(), chrome
    assert desktop.locator(".quiz-paper").is_hidden()
    questions = desktop.locator(".quiz-q")
    assert questions.count() == len(answers.items)
    for index in range(questions.count()):
        question = questions.nth(index)
        assert question.is_visible()
        assert question.locator("legend").inner_text().startswith(f"{index + 1}.")
        assert question.locator("input").first.is_hidden()
    # An empty box a pen can tick: at least 4.5 mm (17 CSS px) square.
    boxes = desktop.locator(".quiz-letter").evaluate_all(
        """els => els.map(el => getComputedStyle(el, "::before"))
                     .map(s => [s.borderTopStyle, parseFloat(s.width), parseFloat(s.height)])"""
    )
    assert boxes and all(b[0] == "solid" and min(b[1:]) >= 17 for b in boxes), boxes
    # Printing the page gives the worksheet; the answer key prints only on its own.
    assert desktop.locator(".quiz-key").is_hidden()


# What every printed page has in its margins (tests/test_printouts.py): the handbook's name, the
# page's and its version, 第 x / y 页,
# and on a worksheet the line for the name, date and score.
NAME_LINE = re.compile(r"姓名 _+ 日期 _+ 得分 _+ / \d+")
MARGINS = re.compile(
    r"(?:姓名 _+ 日期 _+ 得分 _+ / \d+\s*)?第 \d+ / \d+ 页\s*"
    + re.escape(folded(site_name()))
    + r"(?: · [^\n]*)?"  # the quiz's name and its content version
)


def pdf_page_texts(pdf: bytes) -> list[str]:
    """Each page's text without the page-margin lines."""
    return [MARGINS.sub("", page_text(page), count=1).strip() for page in pages(pdf)]


@pytest.mark.long
def test_every_quiz_prints_its_worksheet_and_its_answer_key_apart(
    desktop: Any, site: SiteServer
) -> None:
    """Printed apart, the key can never land on the back of a question page, nor in the copies
    handed out; a loose worksheet page still says whose it is."""
    for quiz in BOOK.quizzes.quizzes:
        answers = Answers(quiz.id)
        title = folded(quiz_title(quiz.id))
        open_quiz(desktop, site, quiz.id)
        sheet = [page_text(page) for page in pages(print_part(desktop, "打印试卷"))]
        # A saved PDF is named after the title: the sheet and the key must not share one.
        assert desktop.evaluate("window.hbPrintedTitle") == f"{quiz_title(quiz.id)}（试卷）"
        for number, text in enumerate(sheet, 1):
            assert NAME_LINE.search(text), (quiz.id, number, text[:80])
            assert f"第 {number} / {len(sheet)} 页" in text, (quiz.id, number)
        worksheet = "\n".join(sheet)
        for question in answers.items.values():
            assert folded(question.question[:10]) in worksheet, (quiz.id, question.id)
        assert "答案与解析" not in worksheet
        # ... and how it is marked (a trainee learnt only from the key that half a 多选 is 0)
        several = any(item.question.type == "multiple" for item in BOOK.questions_of(quiz.id))
        marked = (
            "多选题要把对的都选上、不选错的才得分，其他题只选一个。"
            if several
            else "每题只选一个。"
        )
        assert re.sub(r"\s", "", folded(f"在选中的答案前的方框里打勾。{marked}")) in re.sub(
            r"\s", "", worksheet
        ), quiz.id

        key = pdf_page_texts(print_part(desktop, "打印答案"))
        assert desktop.evaluate("window.hbPrintedTitle") == f"{quiz_title(quiz.id)}（答案）"
        assert desktop.title() == f"{quiz_title(quiz.id)} - {site_name()}"  # back after printing
        assert not any(NAME_LINE.search(text) for text in key)
        heading, _, rest = key[0].partition("答案与解析")
        assert heading.strip() == f"{title}:", quiz.id
        # First the grid for marking, question number then letters, in the printed order.
        grid = "".join(
            f"{number}{''.join(LETTERS[i] for i, o in enumerate(item.question.choices) if o.correct)}"
            for number, item in enumerate(BOOK.questions_of(quiz.id), 1)
        )
        # A key with 多选 questions first says how they are marked (trainers asked in class).
        several = any(item.question.type == "multiple" for item in BOOK.questions_of(quiz.id))
        rule = "多选题要把对的都选上、不选错的才得分。" if several else ""
        assert re.sub(r"\s", "", rest).startswith(rule + grid), (quiz.id, rest[:120])
        # Then each explanation, apart from the answer (an explanation may begin with a
        # letter: "C 注重信誉、A 留意形象…"), with what is wrong with each wrong option.
        printed = re.sub(r"\s", "", "".join(key))
        for item in BOOK.questions_of(quiz.id):
            letters = "、".join(
                LETTERS[i] for i, o in enumerate(item.question.choices) if o.correct
            )
            why = re.sub(r"\s", "", folded(f"{letters}解析：{item.question.explanation}"))
            assert why[:10] in printed, (quiz.id, item.question.id)
        for item in BOOK.questions_of(quiz.id):
            for i, o in enumerate(item.question.choices):
                if o.why:
                    assert re.sub(r"\s", "", f"{LETTERS[i]}{folded(o.why)}") in printed, o.why


# The numbers of the questions a printed worksheet asks, and of the answers its key explains.
ASKED = re.compile(r"(\d+)\.\s*(?:单选|多选|判断)")
EXPLAINED = re.compile(r"(\d+)\.\s*[A-Z、]+\s*解析")


def test_a_long_quiz_prints_the_part_chosen_as_sheet_and_key(
    desktop: Any, site: SiteServer
) -> None:
    """A quiz longer than quizzes.yml's paper_questions prints in parts (禁语自测 had nine
    sheets a trainee): 打印哪些题 picks one, and the worksheet and its key hold that part's
    questions only, numbered as on the whole sheet, the score out of the part's count, each
    saved file named after the part. The browser's own print command prints the same."""
    most = BOOK.quizzes.paper_questions
    quiz = next(q.id for q in BOOK.quizzes.quizzes if len(BOOK.questions_of(q.id)) > most)
    items, title = BOOK.questions_of(quiz), quiz_title(quiz)
    parts = paper_parts(len(items), most)
    part = parts[-1]
    numbers = [str(n) for n in range(part.first, part.last + 1)]
    open_quiz(desktop, site, quiz)
    choice = desktop.get_by_label("打印哪些题")
    choice.select_option(label=f"{part.label}：{part.questions}")

    desktop.emulate_media(media="print")  # the browser's own print command
    sheet = [page_text(page) for page in pages(desktop.pdf(format="A4"))]
    assert ASKED.findall("\n".join(sheet)) == numbers
    assert all(re.search(rf"得分 _+ / {part.count}\b", text) for text in sheet), sheet
    note = f"这是{part.label}（共 {len(parts)} 份）：{part.questions}，共 {part.count} 题。"
    assert squeezed(note) in squeezed(sheet[0]), sheet[0][:200]

    assert (
        ASKED.findall("\n".join(page_text(p) for p in pages(print_part(desktop, "打印试卷"))))
        == numbers
    )
    assert desktop.evaluate("window.hbPrintedTitle") == f"{title} {part.label}（试卷）"
    key_pdf = print_part(desktop, "打印答案")
    assert desktop.evaluate("window.hbPrintedTitle") == f"{title} {part.label}（答案）"
    assert not any(NAME_LINE.search(page_text(page)) for page in pages(key_pdf))
    key = pdf_page_texts(key_pdf)
    assert squeezed(f"（{part.label}，{part.questions}）") in squeezed(key[0])
    printed = re.sub(r"\s", "", "".join(key))
    grid = "".join(
        f"{number}{''.join(LETTERS[i] for i, o in enumerate(item.question.choices) if o.correct)}"
        for number, item in enumerate(items, 1)
        if part.first <= number <= part.last
    )
    assert grid in printed and EXPLAINED.findall("\n".join(key)) == numbers, printed[:200]

    # Back to the whole quiz: every question, and no part's note.
    desktop.emulate_media(media="screen")
    desktop.reload()
    desktop.locator(".quiz.is-live").wait_for()
    choice.select_option(label=f"全部 {len(items)} 题")
    desktop.emulate_media(media="print")
    whole = "\n".join(page_text(page) for page in pages(desktop.pdf(format="A4")))
    assert ASKED.findall(whole) == [str(n) for n in range(1, len(items) + 1)]
    assert "份(共" not in whole and f"/ {len(items)}" in whole


# Each printed question's options: how many a line holds, and each option's line tops.
OPTION_LINES = """() => [...document.querySelectorAll(".quiz-options")].map((list) => [
  Number(list.dataset.paperColumns),
  [...list.querySelectorAll(".quiz-text")].map((text) => {
    const range = document.createRange();
    range.selectNodeContents(text);
    return [...new Set([...range.getClientRects()].map((r) => Math.round(r.top)))];
  }),
])"""


# Fills every option of the lists printed two or four to a line up to that layout's limit with
# the widest characters there are (Chinese ones), for OPTION_LINES to measure again.
FILLED_TO_THE_LIMIT = """(limits) => {
  for (const list of document.querySelectorAll(".quiz-options")) {
    const characters = limits[list.dataset.paperColumns];
    if (!characters) continue;
    for (const text of list.querySelectorAll(".quiz-text")) text.textContent = "选".repeat(characters);
  }
}"""


def paper_width() -> int:
    """A worksheet's line on A4, in CSS pixels: the page less the side margins quiz.css gives
    its `@page hb-worksheet` (a page's width when printed is this, not the window's)."""
    css = (ROOT / "overrides" / "assets" / "css" / "quiz.css").read_text(encoding="utf-8")
    margins = re.search(r"@page hb-worksheet \{\s*margin: ([\d.]+)mm ([\d.]+)mm", css)
    assert margins, "quiz.css: @page hb-worksheet { margin: TOP SIDES ... }"
    return int((210 - 2 * float(margins[2])) / 25.4 * 96)


def test_short_options_print_side_by_side_each_on_one_line(desktop: Any, site: SiteServer) -> None:
    """On A4, a worksheet line holds four options as short as 对 or 错, or two of up to
    HALF_LINE characters, side by side; longer ones take a line each. Each stays on one line,
    even filled to its limit with Chinese characters (the widest there are)."""
    desktop.set_viewport_size({"width": paper_width(), "height": 900})
    layouts = set()
    for quiz in ("zice-jichu", "zice-jinyu"):
        open_quiz(desktop, site, quiz)
        desktop.emulate_media(media="print")
        for filled in (False, True):
            if filled:
                desktop.evaluate(FILLED_TO_THE_LIMIT, {"2": HALF_LINE, "4": QUARTER_LINE})
            for columns, options in desktop.evaluate(OPTION_LINES):
                layouts.add(columns)
                assert all(len(tops) == 1 for tops in options), (quiz, filled, columns, options)
                rows = sorted({tops[0] for tops in options})
                assert len(rows) == -(-len(options) // columns), (quiz, filled, columns, options)
        desktop.emulate_media(media="screen")
    assert layouts == {1, 2, 4}


# Where a long question's second line and a long option's box stand on paper: the number's
# left and right, its badge, the prompt's last line's left; the box's top, the option text's
# first line's top and height.
WRAPPED = """() => {
  const q = document.querySelector(".quiz-q");
  q.querySelector(".quiz-prompt").textContent = "长".repeat(120);
  const option = q.querySelector(".quiz-text");
  option.textContent = "选".repeat(150);
  const range = document.createRange();
  range.selectNodeContents(q.querySelector(".quiz-prompt"));
  const lines = [...range.getClientRects()];
  range.selectNodeContents(option);
  const first = range.getClientRects()[0];
  const letter = q.querySelector(".quiz-letter").getBoundingClientRect();
  return {
    number: q.querySelector(".quiz-num").getBoundingClientRect().left,
    badge: q.querySelector(".quiz-kind").getBoundingClientRect(),
    numberRight: q.querySelector(".quiz-num").getBoundingClientRect().right,
    second: lines[lines.length - 1].left,
    boxTop: letter.top,
    textTop: first.top,
    lineHeight: first.height,
  };
}"""


def test_long_questions_and_options_wrap_under_their_words_on_paper(
    desktop: Any, site: SiteServer
) -> None:
    """A wrapped question goes on under its words, not under its number; a wrapped option's box
    and letter stand at its first line, not halfway down (a trainer saw "B 用；升级以后…")."""
    open_quiz(desktop, site, SHORT)
    desktop.emulate_media(media="print")
    at = desktop.evaluate(WRAPPED)
    assert at["badge"]["left"] >= at["numberRight"] - 0.5  # the badge stays clear of the number
    assert at["second"] > at["number"] + 10
    assert abs(at["boxTop"] - at["textTop"]) < at["lineHeight"] / 2, at


def test_what_was_answered_on_screen_never_prints(desktop: Any, site: SiteServer) -> None:
    answers = Answers(WITH_MULTIPLE)
    open_quiz(desktop, site, WITH_MULTIPLE)
    desktop.emulate_media(media="print")
    fresh = drawing(desktop.pdf(format="A4"))
    desktop.emulate_media(media="screen")
    answer(desktop, answers, correctly=False)
    go_on(desktop)
    answer(desktop, answers)
    go_on(desktop)
    question = desktop.locator(".quiz-q.is-on")
    option_words(question, answers.a_wrong_one(question.get_attribute("data-question"))).click()
    assert drawing(print_part(desktop, "打印试卷")) == fresh
