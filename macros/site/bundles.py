"""Our styles and scripts, served as a few bundles: what every page needs, and one per widget.

The sources stay one file per widget in overrides/assets/ (easy to read and lint). Every page
loads the common bundles (assets/handbook.css and assets/handbook.js, listed in mkdocs.yml):
the site's styles and what every page prints, search box, anchors, back-to-top, view switch,
and the loader of the widget bundles. A page with a checklist, a quiz, print buttons or the
phrase checker also loads that widget's bundles, and only those (a chapter page: the
chapters' styles): overrides/main.html puts their stylesheet in the head and their script
after the common one on a full load, and the loader
(assets/js/widgets.js) fetches them after Material's instant navigation. A phone on shop Wi-Fi
then fetches on first load only the code of the page it opens.

The build leaves the sources out of the site and writes each bundle in their place. The
search worker is loaded on its own (Material starts it) and stays separate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..render import checker

COMMON_JS: Final = "assets/handbook.js"
COMMON_CSS: Final = "assets/handbook.css"
# What the bundling is for (issue 7), in KB gzip: a page's first load (without what comes after
# it: the search index and engine, the checker's data) and, of that, our own JS and CSS.
# tests/test_page_weight.py holds pull requests to it; scripts/bench.py measures every page.
FIRST_LOAD_BUDGET_KB: Final = 120
OWN_BUDGET_KB: Final = 15


@dataclass(frozen=True)
class Widget:
    """A widget whose bundles load only on the pages that have it."""

    hooks: tuple[str, ...]  # data attributes of its markup: any one on a page means it is there
    js: str = ""  # its script bundle (site path); none for styles alone
    css: str = ""  # its stylesheet bundle (site path); none for a widget with nothing to show


# The attributes each widget's script (assets/js/<widget>.js) or styles look for.
WIDGETS: Final[MappingProxyType[str, Widget]] = MappingProxyType(
    {
        # Not a widget but the chapters' own styles (entry cards, contents, dialogues, and
        # their paper: handouts and 禁语速查表), which no checklist, quiz or review page needs.
        # The home page loads them ahead: its search and its chips lead into the chapters.
        "chapter": Widget(
            hooks=("data-chapter", "data-leads-to-chapters"),
            css="assets/chapter.css",
        ),
        # The print buttons (a chapter's handout, a quiz's sheet and key, 禁语速查表) and what
        # prints a checklist under its own title: not on the pages that print only by the
        # browser's menu.
        "paper": Widget(hooks=("data-print", "data-checklist"), js="assets/paper.js"),
        "checklist": Widget(
            hooks=("data-checklist",), js="assets/checklist.js", css="assets/checklist.css"
        ),
        # The index: today's progress on each card, 最近记录 and its CSV, which a form never shows.
        "checklist-index": Widget(
            hooks=("data-checklist-summary", "data-checklist-history"),
            js="assets/checklist-index.js",
            css="assets/checklist-index.css",
        ),
        "quiz": Widget(
            hooks=("data-quiz", "data-quiz-best"),
            js="assets/quiz.js",
            css="assets/quiz.css",
        ),
        "checker": Widget(
            hooks=("data-checker",),
            js="assets/checker.js",
            css="assets/checker.css",
        ),
        # 今日复习's queue. Every page that feeds it (a quiz answered wrong, a phrase opened or
        # caught, a line rated in practice) loads what records an item; the pages that show it
        # (how many are due, the review, practice) also load the queue, which uses the feed
        # and so comes after it (widgets load in this order).
        "review-feed": Widget(
            hooks=("data-review-source", "data-review-due", "data-review", "data-practice"),
            js="assets/review-feed.js",
        ),
        "review-queue": Widget(
            hooks=("data-review-due", "data-review", "data-practice"),
            js="assets/review-queue.js",
        ),
        "review": Widget(hooks=("data-review",), js="assets/review.js", css="assets/review.css"),
        "practice": Widget(
            hooks=("data-practice",), js="assets/practice.js", css="assets/practice.css"
        ),
    }
)

# Sources that several bundles hold whole, in the order they must run: where a page has two of
# those bundles, bundles_of loads one (and the second copy returns at once when it runs).
PAPER: Final = ("assets/js/paper.js",)
FEED: Final = (
    "assets/js/review-history.js",  # before review-feed.js and fsrs.js, which use it
    "assets/js/review-feed.js",
)
QUEUE: Final = (*FEED, "assets/js/fsrs.js", "assets/js/review-queue.js")

# Bundle → its sources under the theme's custom_dir, in the order they must run.
BUNDLES: Final[MappingProxyType[str, tuple[str, ...]]] = MappingProxyType(
    {
        COMMON_CSS: (
            "assets/css/handbook.css",
            "assets/css/paper.css",  # only the content goes on paper (chapters: handout.css)
        ),
        COMMON_JS: (
            "assets/js/storage.js",  # first: window.hbStorage, used by every widget
            "assets/js/back-to-top.js",  # before search.js and quiz.js, which use these two
            "assets/js/toast.js",  # window.hbToast, for anchors.js (and offline.js, later)
            "assets/js/anchors.js",
            "assets/js/search.js",
            "assets/js/view.js",
            "assets/js/header-keys.js",  # Enter in the search box, 打开目录's aria-expanded
            "assets/js/widgets.js",
            "assets/js/whatsnew-loader.js",  # loads assets/whatsnew.* when there is news
        ),
        "assets/chapter.css": (
            "assets/css/entries.css",
            "assets/css/handout.css",
            "assets/css/home.css",  # the home page's cards and chips: it loads this bundle
        ),
        "assets/paper.js": PAPER,
        "assets/checklist.css": ("assets/css/checklist.css",),
        "assets/checklist-index.css": ("assets/css/checklist-index.css",),
        # Every checklist prints under its own title: paper.js is in its bundle (as in a quiz's).
        "assets/checklist.js": ("assets/js/checklist-records.js", *PAPER, "assets/js/checklist.js"),
        "assets/checklist-index.js": (
            "assets/js/checklist-records.js",  # each bundle has it; it runs once on a page
            "assets/js/checklist-index.js",
        ),
        "assets/quiz.css": ("assets/css/question-kind.css", "assets/css/quiz.css"),
        # A quiz page also feeds 今日复习 and has print buttons: the feed and paper.js are in
        # its bundle (bundles_of leaves out their own), which gzip packs 440 B smaller than the
        # three files, within a quiz page's 15 KB of our own code.
        "assets/quiz.js": (
            "assets/js/bring-into-view.js",  # window.hbBringIntoView, which quiz.js uses
            *FEED,
            *PAPER,
            "assets/js/quiz.js",
        ),
        "assets/checker.css": ("assets/css/checker.css",),
        # Registers sw.js and says at the foot whether the copy is saved: loaded by widgets.js
        # once the page is in, not by a page (nobody needs it to read one).
        "assets/offline.js": ("assets/js/offline.js",),
        # What only a keyboard needs: loaded by widgets.js once the page is in (or at a key).
        "assets/keyboard.js": ("assets/js/keyboard.js", "assets/js/focus-after-back.js"),
        # What changed since the last visit: loaded by whatsnew-loader.js, not by a page.
        "assets/whatsnew.css": ("assets/css/whatsnew.css",),
        "assets/whatsnew.js": ("assets/js/whatsnew.js",),
        "assets/checker.js": (
            "assets/js/checker-loader.js",  # the matcher and its spec, after the page
            "assets/js/bring-into-view.js",  # window.hbBringIntoView (quiz.js's bundle has it too)
            "assets/js/checker.js",
        ),
        "assets/review-feed.js": FEED,
        # The scheduler only where the queue is shown: the pages that feed it do without. The
        # pages that show it feed it too: the feed is in this bundle, so they load one file
        # (gzip packs the two 290 B smaller as one; bundles_of leaves out the feed's own).
        "assets/review-queue.js": QUEUE,
        # 今日复习 shows the queue: the queue's sources lead its bundle (bundles_of then leaves
        # out the queue's own file), one download instead of two.
        "assets/review.js": (
            *QUEUE,
            "assets/js/bring-into-view.js",  # window.hbBringIntoView (quiz.js's bundle has it too)
            "assets/js/checker-loader.js",  # a reply to a customer line checked as in 对练
            "assets/js/review.js",
        ),
        # 多选 on a review card as in a quiz (quiz.css's bundle has it too)
        "assets/review.css": ("assets/css/question-kind.css", "assets/css/review.css"),
        # 对练's: what it shares with 今日复习, then its own (no 多选 there)
        "assets/practice.css": ("assets/css/review.css", "assets/css/practice.css"),
        # The phrase matcher alone: 话术自查 loads it after the page, 对练 at its first 对照,
        # each with the phrase spec (checker-loader.js, which both bundles have).
        checker.CORE_BUNDLE: ("assets/js/checker-core.js",),
        "assets/practice.js": (
            "assets/js/checker-loader.js",
            "assets/js/bring-into-view.js",  # window.hbBringIntoView (quiz.js's bundle has it too)
            "assets/js/practice.js",
        ),
    }
)
# What ends one file and starts the next: a lone ";" keeps JS files from running together.
JOINER: Final = MappingProxyType({".css": "\n", ".js": "\n;\n"})


def common_head(stamp: str) -> str:
    """The common script's first line: which content this build shows (the what's-new
    manifest's stamp, for whatsnew-loader.js). The stamp lives here, in one small file every page already loads,
    not in every page: an edit to one entry then changes the pages that show it, and a phone
    downloads those again, not all of them. A page keeps the script of its own build (the
    service worker serves a page's files from its build's copy), so it compares its own
    build's content. "use strict" first, as in each source: it makes the whole bundle strict
    only at its top."""
    return f'"use strict";\nwindow.hbContent = {json.dumps(stamp)};'


def bundle_text(custom: Path, bundle: str, stamp: str) -> str:
    joiner = JOINER[Path(bundle).suffix]
    parts = [(custom / source).read_text(encoding="utf-8") for source in BUNDLES[bundle]]
    if bundle == COMMON_JS:
        parts.insert(0, common_head(stamp))
    return joiner.join(parts)


def replace_sources(files: Files, config: MkDocsConfig, custom: Path, stamp: str) -> None:
    """Leave the bundled sources out of the site and add each bundle in their place; `stamp`
    names the build's content (see common_head)."""
    sources = {source for group in BUNDLES.values() for source in group}
    for file in [f for f in files if f.src_uri in sources]:
        files.remove(file)
    for bundle in BUNDLES:
        files.append(File.generated(config, bundle, content=bundle_text(custom, bundle, stamp)))


# A start tag's attributes, as the HTML tokenizer reads them (names, then values in either
# quotes or none); comments and the text of scripts and styles hold no tags. A regex scan: an
# HTML parser took a tenth of the build's time for this.
_NOT_MARKUP: Final = re.compile(
    r"<!--.*?-->|(<(script|style)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>).*?</\2\s*>", re.S | re.I
)
_START_TAG: Final = re.compile(r"<[a-zA-Z][^\s/>]*((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE: Final = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")


def attribute_names(html: str) -> set[str]:
    """The attribute names used anywhere in an HTML fragment (lower case, as HTML has them)."""
    names: set[str] = set()
    for tag in _START_TAG.finditer(_NOT_MARKUP.sub(lambda found: found.group(1) or "", html)):
        names.update(name.lower() for name in _ATTRIBUTE.findall(tag.group(1)))
    return names


def widgets_in(html: str) -> list[str]:
    """The widgets a page's content has, in the order of WIDGETS."""
    names = attribute_names(html)
    return [name for name, widget in WIDGETS.items() if names & set(widget.hooks)]


def bundles_of(widgets: list[Widget]) -> list[str]:
    """The bundles of these widgets, once each (site paths): what a page says it needs, for the
    loader (assets/js/widgets.js) after instant navigation. A bundle whose every source is in
    another of them is left out (the review feed, inside the queue's)."""
    paths = list(dict.fromkeys(path for w in widgets for path in (w.css, w.js) if path))
    return [path for path in paths if not any(_inside(path, other) for other in paths)]


def _inside(bundle: str, other: str) -> bool:
    return bundle != other and set(BUNDLES.get(bundle, ())) <= set(BUNDLES.get(other, ()))


def loader_list(bundles: list[str]) -> str:
    """What the loader (assets/js/widgets.js) reads: each bundle, with "|" and the bundles that
    hold it, any of which, already run, will do (the queue's has the feed in it: from the home
    page to 禁语速查 the feed was fetched again)."""
    return " ".join(
        "|".join([bundle, *(other for other in BUNDLES if _inside(bundle, other))])
        for bundle in bundles
    )
