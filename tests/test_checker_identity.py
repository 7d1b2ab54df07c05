"""The browser and the command line give identical findings on the same text.

One spec (compiled at build time from content/), two implementations of the matching
(`macros/phrases/matcher.py`, `overrides/assets/js/checker-core.js`): the same texts go through the
real page in Chromium and through `python -m macros phrases --json`, and every finding (phrase,
line, column, words) must agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from macros.content.handbook import Handbook

from .support.checker import (
    check_in_page,
    command_findings,
    load_corpus,
    page_findings,
    python_findings,
    transcript,
)
from .support.server import SiteServer

pytestmark = pytest.mark.browser

# Text that exercises every step of the normalisation and of position counting.
TRICKY = "\n".join(
    [
        "😀😀这不关我的事！𠀀你别激动嘛",  # astral characters before and between matches
        "ＡＢＣ，你　必须先交费。㈠你肯定弄混了⑵",  # full-width letters, ideographic space
        "我不\u200b知道\u00a0，不\t清楚……你要去问别人",  # zero-width, NBSP, tab
        "这\u2028不可能的",  # a Unicode line separator is a line break
        "e\u0301你应该先取号，你应该已经收到了",  # a combining accent; an exception
        "<mark data-phrase='x'>你弄错了</mark>&amp;我们不会给你办",  # markup is text
        "绝对不可能发生这种事，绝对不会！",  # overlapping phrases: the longest wins
        "",
        "   ",
        "终于：一分钱 一分货，便宜没好货",
        "这\uf967关我的事",  # a compatibility ideograph: NFKC makes it 不
        "你一定是把那张卡搞混了，你一定是把｡卡搞混了",  # halfwidth ｡ is a full stop after NFKC
    ]
)


# The corpus and the tricky text in the real page; generated text at large is the job of
# tests/unit/test_matcher_differential.py (the same core under Node), and the 5,000-character
# transcript of tests/test_checker_page.py.
@pytest.mark.long
@pytest.mark.parametrize("name", ["corpus", "tricky"])
def test_browser_and_command_line_find_exactly_the_same(
    name: str, phone: Any, site: SiteServer, handbook: Handbook, tmp_path: Path
) -> None:
    text = {
        # Every ninth sentence (about 300): the whole corpus (2,700) takes 20 s in the page;
        # scripts/bench_checker.py compares all of it.
        "corpus": transcript(load_corpus()[::9]),
        "tricky": TRICKY,
    }[name]
    phone.goto(site.page_url("checker/"))
    check_in_page(phone, text)
    in_browser = page_findings(phone)
    on_command_line = command_findings(text, tmp_path)
    assert len(in_browser) >= 10
    assert in_browser == on_command_line
    assert in_browser == python_findings(handbook, text)
