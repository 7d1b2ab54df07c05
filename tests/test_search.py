"""Chinese search: the index additions, and what a person sees typing into the search box."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.content.handbook import Handbook
from macros.site.search_index import domain_words, fine_tokens

from .support import ROOT
from .support.server import SiteServer

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))


def test_query_set_is_large_and_points_at_real_anchors(handbook: Handbook) -> None:
    assert len(QUERIES) >= 60
    sections = {s.id for c in handbook.chapters.values() for s in c.sections}
    for item in QUERIES:
        assert item["q"].strip(), item
        unknown = [i for i in item["expect"] if i not in handbook.by_id and i not in sections]
        assert unknown == [], item["q"]


def test_fine_tokens_hold_characters_pairs_and_subwords() -> None:
    tokens = fine_tokens(["太贵了。", "小狗成交法"])
    assert {"太", "贵", "太贵", "贵了"} <= set(tokens)
    assert {"小狗", "成交", "交法"} <= set(tokens)
    assert len(tokens) == len(set(tokens))


def test_domain_words_keep_names_whole_but_not_sentences(handbook: Handbook) -> None:
    words = set(domain_words(handbook))
    assert {"小狗成交法", "从众成交法", "问题漏斗"} <= words
    phrase = next(handbook.entries("phrase"))
    assert phrase.title_text.rstrip("。…") not in words


@pytest.mark.build
def test_index_has_fine_tokens_and_ranks_pages_below_entries(built_site: Path) -> None:
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["config"]["fields"]["k"]["boost"] > 0
    by_location = {doc["location"]: doc for doc in data["docs"]}
    tai_gui = by_location["objections/#tai-gui"]
    assert "贵" in tai_gui["k"].split("\u200b")
    assert by_location["objections/"]["boost"] < 1


@pytest.mark.build
def test_synonyms_show_as_chips_on_the_page(built_site: Path, handbook: Handbook) -> None:
    entry = next(e for e in handbook.entries("phrase") if "禁语" in e.keywords)
    html = (built_site / "phrasing" / "index.html").read_text(encoding="utf-8")
    block = html.split(f'id="{entry.id}"', 1)[1].split("</article>", 1)[0]
    for word in handbook.synonyms.expand(entry.keywords):
        assert f'hb-chip--alt" title="同义词">{word}<' in block


def search(page: Any, site: SiteServer, query: str) -> list[str]:
    """Type `query` into the search box as a person would; return the result links in order."""
    if not page.url.startswith(site.url):
        page.goto(site.page_url(), wait_until="load")
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.click("label[for=__search]")
    box.fill(query)
    box.press("End")  # CJK is filled at once; a key press makes Material search
    page.wait_for_function(
        "q => { const m = document.querySelector('.md-search-result__meta');"
        " return document.querySelector('.md-search__input').value === q && m &&"
        " !/初始化|键入/.test(m.textContent) && m.textContent.trim() !== ''; }",
        arg=query,
    )
    # Results are drawn just after the count: wait until the list matches what it announced.
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " const n = document.querySelectorAll('.md-search-result__item').length;"
        " return /没有/.test(m.textContent) ? n === 0 : n > 0; }"
    )
    return page.eval_on_selector_all(
        ".md-search-result__list a.md-search-result__link", "a => a.map(x => x.href)"
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "anchor"),
    [
        ("贵", "tai-gui"),
        ("嫌贵", "tai-gui"),
        ("FABE 介绍", "fabe-jieshao"),
        ("不关我的事", "buguan-wode-shi"),
    ],
)
def test_partial_and_mixed_queries_find_the_entry(
    phone: Any, site: SiteServer, query: str, anchor: str
) -> None:
    links = search(phone, site, query)
    anchors = [link.split("#", 1)[1] for link in links if "#" in link]
    assert anchor in anchors[:5], anchors[:8]


@pytest.mark.browser
def test_a_result_opens_the_page_at_the_entry(phone: Any, site: SiteServer) -> None:
    links = search(phone, site, "小狗成交")
    target = next(link for link in links if link.endswith("#xiaogou-chengjiao"))
    phone.evaluate(
        "href => [...document.querySelectorAll('a.md-search-result__link')].find(a => a.href === href).click()",
        target,
    )
    phone.wait_for_url("**/closing/**#xiaogou-chengjiao")
    heading = phone.locator("#xiaogou-chengjiao")
    heading.wait_for()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 844


@pytest.mark.browser
def test_no_result_shows_where_to_go_instead(phone: Any, site: SiteServer) -> None:
    links = search(phone, site, "鳄鱼潜艇")
    assert links == []
    empty = phone.locator(".hb-search-empty")
    empty.wait_for()
    assert empty.locator("a").all_inner_texts() == ["禁语速查", "投诉处理", "自测"]
    search(phone, site, "投诉")
    assert phone.locator(".hb-search-empty").count() == 0
