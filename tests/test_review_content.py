"""What 今日复习 and 对练 are made of: practice lines from the content, review/items.json, and
how much a phone keeps after 90 days of use."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from macros.content.handbook import Handbook
from macros.content.markers import MARKER_RE
from macros.content.model import Dialogue, Method, Objection
from macros.content.practice import practice_items
from macros.render.checker import SPEC_FILE as PHRASE_SPEC_FILE
from macros.render.review import ITEMS_FILE

from .support.server import SiteServer


def test_every_objection_dialogue_and_customer_first_example_is_a_practice_line(
    handbook: Handbook,
) -> None:
    items = {item.id: item for item in practice_items(handbook)}
    for entry in handbook.entries("objection", "dialogue", "method"):
        if isinstance(entry, Objection):
            assert (items[entry.id].line, items[entry.id].answers) == (entry.text, (entry.reply,))
        elif isinstance(entry, Dialogue):
            # (but a scene that is not a counter's, which staff took for their own services)
            assert (entry.id in items) == entry.practice, entry.id
            if not entry.practice:
                continue
            assert items[entry.id].line == entry.customer
            assert items[entry.id].answers == (entry.better,)
            assert items[entry.id].poor == entry.reply
        elif isinstance(entry, Method):
            turns = entry.example
            opens = len(turns) > 1 and (turns[0].who, turns[1].who) == ("客户", "员工")
            assert (entry.id in items) == opens, entry.id
            if opens:
                assert items[entry.id].answers == (turns[1].text,)
    lines = [item.line for item in items.values()]
    assert "太贵了。" in lines  # the issue's own example
    assert "我想成为你们优先送货顾客名单上的一员。" not in lines  # a shop's, practice: false
    assert len(items) >= 30


def test_practice_lines_never_show_the_editors_markers(handbook: Handbook) -> None:
    for item in practice_items(handbook):
        for text in (item.line, *item.answers, item.poor, item.title):
            assert not MARKER_RE.search(text), item.id


def items_file(built_site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((built_site / ITEMS_FILE).read_text(encoding="utf-8"))
    return data


def test_the_items_file_has_every_question_phrase_and_practice_line(
    built_site: Path, handbook: Handbook
) -> None:
    items = items_file(built_site)["items"]
    # with the questions a sheet held back, lest another on it give them away
    questions = {
        item.question.id
        for quiz in handbook.quizzes.quizzes
        for item in handbook.review_questions(quiz.id)
    }
    phrases = {entry.id for entry in handbook.entries("phrase")}
    lines = {item.id for item in practice_items(handbook)}
    assert {k for k, v in items.items() if v["k"] == "q"} == questions
    assert {k for k, v in items.items() if v["k"] == "p"} == phrases
    assert {k for k, v in items.items() if v["k"] == "r"} == lines
    assert not questions & phrases and not questions & lines and not phrases & lines
    # Links are relative to the review page, next to which the file lies.
    for ident, item in items.items():
        assert item["h"].startswith("../") and "#" in item["h"], ident
        target = built_site / "review" / item["h"].split("#")[0] / "index.html"
        assert target.resolve().is_file(), ident
        # A 见 link says which chapter it opens, as the quiz sheet's key does.
        if "t" in item:
            chapter = handbook.chapters[item["h"].split("/")[1]]
            assert item["t"].startswith(f"{chapter.title} · "), ident
    assert all(
        item["p"].startswith("../practice/?item=") for item in items.values() if item["k"] == "r"
    )


def test_the_items_file_shows_no_editors_markers(built_site: Path) -> None:
    text = (built_site / ITEMS_FILE).read_text(encoding="utf-8")
    assert not MARKER_RE.search(text)


# --- 90 days on one phone ---------------------------------------------------------------------

SIMULATE = """async ([address, days, start, everything]) => {
  const queue = window.hbReview;
  const data = await queue.loadItems(address);
  const ids = Object.keys(data.items);
  const day = 86400000;
  // Day 0: every item enters (answered wrong, opened, practised); then each day the person
  // reviews what is due, or (everything) rates every item every day: far more than anyone does.
  for (const id of ids) queue.record(id, 1, start);
  let reviews = ids.length;
  for (let d = 1; d <= days; d++) {
    const at = start + d * day;
    const due = everything ? ids : queue.due(4, new Set(ids), at).map((x) => x.id);
    due.forEach((id, i) => queue.record(id, [1, 2, 3, 3, 3, 4][(i + d) % 6], at));
    reviews += due.length;
  }
  let size = 0;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key.startsWith("hb-review:")) size += key.length + localStorage.getItem(key).length;
  }
  return { items: ids.length, reviews, size };
}"""

LOCAL_STORAGE = 5 * 1024 * 1024  # characters Chromium, Firefox and Safari allow an origin


@pytest.mark.browser
@pytest.mark.parametrize("everything", [False, True], ids=["as-scheduled", "every-item-every-day"])
def test_ninety_days_of_history_fit_in_local_storage_many_times_over(
    phone: Any, site: SiteServer, everything: bool
) -> None:
    phone.goto(site.page_url())
    phone.wait_for_function("!!window.hbReview")
    start = int(datetime(2026, 3, 2, 10).timestamp() * 1000)
    found = phone.evaluate(SIMULATE, [site.page_url(ITEMS_FILE), 90, start, everything])
    print(
        f"\n90 days, {found['items']} items, {found['reviews']} reviews: {found['size']:,} characters"
    )
    assert found["items"] > 250  # every item the real content has (299 on 2026-12-04)
    limit = LOCAL_STORAGE // (5 if everything else 50)
    assert found["size"] < limit, found
    # The queue still reads it quickly: the home page counts on every visit.
    phone.goto(site.page_url())
    took = phone.evaluate(
        """async (address) => {
             const ids = new Set(Object.keys((await window.hbReview.loadItems(address)).items));
             const t = performance.now();
             window.hbReview.due(4, ids, Date.now() + 91 * 86400000);
             return performance.now() - t; }""",
        site.page_url(ITEMS_FILE),
    )
    print(f"counting what is due: {took:.0f} ms")
    assert took < (2000 if everything else 300), f"{took} ms to count what is due"


def test_practice_checks_replies_with_the_checkers_phrases(
    built_site: Path, handbook: Handbook
) -> None:
    """对练 fetches 话术自查's phrase spec (one file for both) at its first 对照; the spec's links
    are relative to the file."""
    spec = json.loads((built_site / PHRASE_SPEC_FILE).read_text(encoding="utf-8"))
    assert [p["id"] for p in spec["phrases"]] == [e.id for e in handbook.entries("phrase")]
    assert all(p["href"].startswith("../phrasing/#") for p in spec["phrases"])
    page = (built_site / "practice" / "index.html").read_text(encoding="utf-8")
    assert 'data-practice-spec="../checker/phrases.json"' in page
    assert not (built_site / "practice" / "phrases.json").exists()
