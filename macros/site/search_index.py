"""The search index staff search on a phone: one document per entry, in plain text.

MkDocs' search plugin writes `search/search_index.json` with a document per page and per
heading (every entry has its own heading and id). After the build this module rewrites each
document for our search worker (`overrides/assets/javascripts/workers/search-core.js`):

- `title` and `text` as plain text (no markup, none of the zero-width spaces a segmenter put in),
- `k`: the names the entry is known by (title, keywords, their synonyms, step and item names),
- `q`: how staff ask for it in their own words (the entry's `asked`, never shown on the page),
- `s`: the entry's own first line, shown under the title in the results ("换成：…" for a
  forbidden phrase, the answer for an objection, the summary of a method),
- `p`: the title of the page it is on, `c`: what it is (an entry's kind, step, section,
  checklist, quiz or page), and `boost`: entries staff act on rank above background, whole
  pages and section headings below the entries they contain,
- `g`: an entry's section (a section whose title joins subjects yields to its entries),
- `n`: a checklist's title, a name typed whole but not matched as words.

The quiz pages are not in MkDocs' index (their questions restate the handbook, and search
should land on the entries themselves), yet staff look for practice (禁语测试题, 投诉练习题):
each quiz is a document of its own made from its title, summary and the chapters it covers,
never from its questions.

Next to the documents, `concepts`: the word classes of content/synonyms.yml (groups and
search-only concepts), each matched as one word in questions and documents alike.

Pages that only repeat other pages (the print-all checklist page, 禁语速查表) are left out, so a search
never lands on a printout. The worker matches Chinese by character pairs, which needs no word
list and no segmenter at build time.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from ..content.handbook import Handbook
from ..content.markers import strip_markers
from ..content.model import (
    ApprovedPhrase,
    Checklist,
    CustomerType,
    Dialogue,
    Entry,
    Method,
    Node,
    Objection,
    Phrase,
    Procedure,
    Rewrite,
    Section,
    ServiceItem,
    Step,
    Topic,
)
from ..content.urls import (
    CHECKLISTS_PRINT_URL,
    CHECKLISTS_URL,
    PHRASE_SHEET_URL,
    QUIZZES_URL,
    quiz_url,
)

# Document boosts, a prior on what answers a staff question, chosen leaving one query set out
# at a time (README, Search): whole pages sink below the entries they contain; an entry that
# explains a situation (topic, customer type) or says what to do (method, objection, step)
# answers it; a forbidden-phrase card answers when staff type the phrase itself, less often
# the situation around it, though its `asked` describes that situation too.
PAGE_BOOST: Final = 0.3
INDEX_PAGE_BOOST: Final = 0.2  # lists of other pages (检查表, 自测) rank below what they list
CHECKLIST_BOOST: Final = 1.5  # a checklist is one page without entries: the page is the answer
TRAINERS_BOOST: Final = 0.25  # pages for trainers (audience: trainers) below staff answers
# A topic for discussion in training (投诉观念讨论题, 录音案例讨论题) below what staff do or say:
# its words are the situation's (要录音, 答应不了) but it asks questions, not answers them.
DISCUSSION_BOOST: Final = 0.6
SECTION_BOOST: Final = 1.0  # a section of the content: its heading and introduction
PROSE_BOOST: Final = 0.6  # a heading the content does not know (page prose)
STEP_BOOST: Final = 1.1  # a step answers "what do I do now" as well as a method does
# A quiz is listed only for a question that asks for practice (search-core.js's quiz intent,
# which doubles it); there it competes with the entries about practising (录音案例练习).
QUIZ_BOOST: Final = 0.5
GROUP_SIZE: Final = 3  # a keyword on this many entries of a section (and half of them) names it
KIND_BOOST: Final = MappingProxyType(
    {
        "procedure": 1.2,
        "method": 1.2,
        "objection": 1.3,
        "approved": 1.2,
        "topic": 1.3,
        "customer_type": 1.3,
        "phrase": 0.75,
    }
)
OVERVIEW_BOOST: Final = 0.75  # a map of other entries (is_overview) below the entries it maps
HANDBOOK_INDEX: Final = "handbook_index.json"  # beside Material's search_index.json
LEFT_OUT: Final = (CHECKLISTS_PRINT_URL, PHRASE_SHEET_URL)
INDEX_PAGES: Final = ("", CHECKLISTS_URL, QUIZZES_URL)
TEASER_LENGTH: Final = 60
NAME_LENGTH: Final = 10  # longer list items are sentences: they belong to the text, not the names
# A detail that is one sentence saying where ("见本章“投诉处理七步”", "素质，见《忠诚与团队》一章。")
POINTER: Final = re.compile(r"^[^。；]*见(本章|本页|本节|下|《)[^。；]*。?$")
INVISIBLE: Final = re.compile("[\u200b\u200c\u200d\ufeff]")
SPACES: Final = re.compile(r"\s+")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")  # blocks and chips read apart: 嫌贵 价格高, not 嫌贵价格高

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")


def plain(html: str) -> str:
    """Text of an HTML fragment: no tags, no zero-width spaces, runs of space as one."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return SPACES.sub(" ", INVISIBLE.sub("", "".join(parser.parts))).strip()


def _short(text: str) -> str:
    text = strip_markers(text)  # the editors' 【补充】/【推断】 are not shown in a result
    return text if len(text) <= TEASER_LENGTH else text[: TEASER_LENGTH - 1] + "…"


def teaser(node: Node) -> str:
    """The line under a result's title: what the entry says first, in a few words."""
    if isinstance(node, Phrase):
        return _short(f"换成：{node.alternatives[0]}")
    if isinstance(node, Objection):
        return _short(node.reply)
    if isinstance(node, Rewrite):
        return _short(f"{node.point} 改说：{node.say[0]}")
    if isinstance(node, ApprovedPhrase):
        return _short(node.use)
    if isinstance(node, Dialogue):
        # Its title is the customer's line already: the first line is the reply to give.
        return _short(f"可以这样回：{node.better}")
    if isinstance(node, Procedure):
        steps = " → ".join(step.name for step in node.steps)
        return _short(node.summary or steps)
    if isinstance(node, Method):
        return _short(node.summary)
    if isinstance(node, CustomerType):
        return _short(node.traits)
    if isinstance(node, ServiceItem):
        return _short(node.standard)
    if isinstance(node, Topic):
        first = node.items[0] if node.items else None
        line = node.summary or (
            f"{first.name}：{first.detail or first.value or ''}" if first else ""
        )
        return _short(line.rstrip("："))
    if isinstance(node, Step):
        return _short(node.detail or "；".join(node.do[:1]))
    if isinstance(node, Section):
        return _short(node.summary_text)
    return ""


def names_of(node: Node, handbook: Handbook) -> list[str]:
    """The short names a node is known by: what staff type to find it."""
    if isinstance(node, Section):
        shared = shared_keywords(node)
        return [node.title, *shared, *handbook.synonyms.expand(shared)]
    if isinstance(node, Step):
        return [node.name]
    if not isinstance(node, Entry):
        return []
    names = [node.title_text, *node.keywords, *handbook.synonyms.expand(node.keywords)]
    if isinstance(node, Procedure):
        names.extend(step.name for step in node.steps)
    if isinstance(node, Topic):  # items that are names (客户型 …), not sentences
        names.extend(
            item.name
            for item in node.items
            if len(item.name) <= NAME_LENGTH and not is_pointer(item.detail)
        )
    return names


def is_pointer(detail: str | None) -> bool:
    """An item that only says where its subject is treated ("见本章“投诉处理七步”"): the entry
    it points to, not the list that points, answers the item's name."""
    return detail is not None and POINTER.match(detail) is not None


def own_words(texts: list[str]) -> list[str]:
    """Notes and tips without those that only send the reader elsewhere ("怎样一步步培养忠诚客户，
    见《忠诚与团队》一章。"): the entry pointed to answers that question, not the one pointing."""
    return [text for text in texts if not is_pointer(text)]


def without_pointers(text: str, notes: list[str]) -> str:
    """An entry's indexed text (as Material took it from the page) without its pointer notes."""
    for note in notes:
        if is_pointer(note):
            text = text.replace(note, " ")
    return SPACES.sub(" ", text).strip()


def overview_text(topic: Topic) -> str:
    """An overview's own words: what it points to is found at the entries pointed to."""
    items = [
        " ".join(filter(None, [item.name, item.detail, item.value]))
        for item in topic.items
        if not is_pointer(item.detail)
    ]
    return " ".join(filter(None, [topic.summary, *items, *own_words(topic.notes)]))


def is_overview(node: Node) -> bool:
    """A topic most of whose items point elsewhere (投诉处理技能的五个部分): a map of the
    handbook, which answers "what is there to learn", not the questions its items name."""
    if not isinstance(node, Topic) or not node.items:
        return False
    return sum(is_pointer(item.detail) for item in node.items) * 2 >= len(node.items)


def shared_keywords(section: Section) -> list[str]:
    """Keywords most of a section's entries carry (禁语 on every card of 服务的禁言): a name of
    the section as a whole, which "禁语" should open, not one card of fourteen."""
    counts = Counter(word for entry in section.entries for word in dict.fromkeys(entry.keywords))
    return [word for word, n in counts.items() if n >= GROUP_SIZE and n * 2 >= len(section.entries)]


def _page_titles(docs: list[dict[str, Any]]) -> dict[str, str]:
    return {
        doc["location"]: plain(doc.get("title", "")) for doc in docs if "#" not in doc["location"]
    }


def _page_summary(url: str, handbook: Handbook) -> str:
    stem = url.rstrip("/")
    if stem in handbook.chapters:
        return _short(handbook.chapters[stem].summary)
    if url == CHECKLISTS_URL:
        return _short(handbook.checklists.summary)
    if url == QUIZZES_URL:
        return _short(handbook.quizzes.summary)
    for checklist in handbook.checklists.checklists:
        if url == f"{CHECKLISTS_URL}{checklist.id}/":
            return _short(f"{checklist.when}：{checklist.summary}")
    return ""


def _audience(url: str, handbook: Handbook) -> str:
    chapter = handbook.chapters.get(url.rstrip("/"))
    return chapter.audience if chapter else "staff"


def _checklist(url: str, handbook: Handbook) -> Checklist | None:
    return next(
        (c for c in handbook.checklists.checklists if url == f"{CHECKLISTS_URL}{c.id}/"), None
    )


def _is_checklist(url: str, handbook: Handbook) -> bool:
    return _checklist(url, handbook) is not None


def _page_boost(url: str, handbook: Handbook) -> float:
    if _audience(url, handbook) == "trainers":
        return PAGE_BOOST * TRAINERS_BOOST
    if url in INDEX_PAGES:
        return INDEX_PAGE_BOOST
    if _is_checklist(url, handbook):
        return CHECKLIST_BOOST
    return PAGE_BOOST


def augment_index(data: dict[str, Any], handbook: Handbook) -> dict[str, Any]:
    pages = _page_titles(data["docs"])
    # the section of each entry: a section that joins subjects (客户等久了、有人插队) yields to
    # an entry of it that matches as well (search-core.js)
    groups = {entry.id: section.id for section in handbook.sections() for entry in section.entries}
    docs = []
    for doc in data["docs"]:
        page, _, anchor = doc["location"].partition("#")
        if page in LEFT_OUT or (anchor and page in INDEX_PAGES):
            continue  # a printout, or a list of links to pages that are results themselves
        node = handbook.by_id.get(anchor) if anchor else None
        out: dict[str, Any] = {
            "location": doc["location"],
            "title": plain(doc.get("title", "")),
            "text": plain(doc.get("text", "")),
            "p": pages.get(page, ""),
        }
        if node is not None:
            out["k"] = " ".join(dict.fromkeys(names_of(node, handbook)))
            out["s"] = teaser(node)
            if isinstance(node, Procedure):  # "投诉第三步" opens the step itself
                out["st"] = [[step.id, step.name, teaser(step)] for step in node.steps]
            if isinstance(node, Entry | Section) and node.asked:  # a section, for all of it
                out["q"] = " ".join(node.asked)
            if isinstance(node, Entry):
                out["c"] = node.kind
                out["g"] = groups[node.id]
                out["boost"] = KIND_BOOST.get(node.kind, 1.0)
                if isinstance(node, Topic):
                    out["text"] = without_pointers(out["text"], node.notes)
                if isinstance(node, Topic) and node.discussion:
                    out["boost"] *= DISCUSSION_BOOST
                if isinstance(node, Topic) and is_overview(node):
                    out["c"] = "overview"
                    out["boost"] = OVERVIEW_BOOST
                    out["text"] = overview_text(node)
            else:
                out["c"] = "step" if isinstance(node, Step) else "section"
                out["boost"] = SECTION_BOOST
            if _audience(page, handbook) == "trainers":
                out["boost"] *= TRAINERS_BOOST
            if isinstance(node, Procedure):
                # Each step's text is indexed once, on the step: a question about one step
                # ("还要回电话吗") finds that step, not the whole procedure around it.
                out["text"] = " ".join([node.summary or "", *own_words(node.notes)])
                docs.append(out)
                docs.extend(step_documents(node, page, out))
                continue
        elif anchor:
            out["boost"] = PROSE_BOOST
        else:
            out["s"] = _page_summary(page, handbook)
            out["c"] = "checklist" if _is_checklist(page, handbook) else "page"
            checklist = _checklist(page, handbook)
            if checklist is not None:
                out["k"] = " ".join(checklist.keywords)
                # its title names it (typed, it opens the checklist) without matching as words:
                # in `k` it made the checklist outrank the steps it lists (投诉回访咋说)
                out["n"] = checklist.title
                if checklist.asked:
                    out["q"] = " ".join(checklist.asked)
            out["boost"] = _page_boost(page, handbook)
            if page == QUIZZES_URL:  # the list of quizzes answers "练习题" as a whole
                out["c"] = "quiz"
                out["k"] = " ".join(dict.fromkeys([out["title"], *handbook.quizzes.keywords]))
                # each quiz's summary is its own document's: here it would match every topic
                out["text"] = handbook.quizzes.summary
                out["boost"] = QUIZ_BOOST
        docs.append(out)
    docs.extend(quiz_documents(handbook, pages.get(QUIZZES_URL, handbook.quizzes.title)))
    return {
        **data,
        "docs": [_without_markers(doc) for doc in docs],
        "concepts": handbook.synonyms.search_classes(),  # matched as one word (search-core.js)
    }


def _without_markers(doc: dict[str, Any]) -> dict[str, Any]:
    """The editors' 【补充】/【推断】 are neither searched nor shown in a result."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return strip_markers(value)
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    return {key: clean(value) for key, value in doc.items()}


def step_documents(procedure: Procedure, page: str, parent: dict[str, Any]) -> list[dict[str, Any]]:
    """A document per step: steps are list items, not headings, so MkDocs indexes none of them,
    yet "投诉处理完还要回电话吗" asks for one step (跟踪服务), not the whole procedure."""
    return [
        {
            "location": f"{page}#{step.id}",
            "title": step.name,
            "text": " ".join(
                [step.detail or "", *step.do, *step.say, *step.questions, *own_words(step.tips)]
            ),
            "p": parent["p"],
            "k": " ".join(dict.fromkeys([step.name, procedure.title_text])),
            "s": teaser(step),
            **({"q": " ".join(step.asked)} if step.asked else {}),
            "c": "step",
            "boost": STEP_BOOST * parent["boost"] / KIND_BOOST["procedure"],
        }
        for step in procedure.steps
    ]


def quiz_documents(handbook: Handbook, index_title: str) -> list[dict[str, Any]]:
    """A document per quiz page, named after the quiz and the chapters it covers."""
    docs = []
    for quiz in handbook.quizzes.quizzes:
        chapters = [handbook.chapters[stem].title for stem in quiz.chapters]
        covers = "".join(f"《{title}》" for title in chapters)
        count = len(handbook.quiz_questions.get(quiz.id, []))
        docs.append(
            {
                "location": quiz_url(quiz.id),
                "title": quiz.title,
                "text": f"{quiz.summary} 共 {count} 题" + (f"，考{covers}" if covers else ""),
                "p": index_title,
                "k": " ".join(dict.fromkeys([quiz.title, *chapters])),
                "s": _short(quiz.summary),
                "c": "quiz",
                "boost": QUIZ_BOOST,
            }
        )
    return docs


def material_index_path(site_dir: Path) -> Path:
    """What Material's own code fetches on every page load and hands to the worker."""
    return site_dir / "search" / "search_index.json"


def index_path(site_dir: Path) -> Path:
    """The documents our worker searches; it fetches them itself (see handbook-search.js)."""
    return site_dir / "search" / HANDBOOK_INDEX


def augment(site_dir: Path, handbook: Handbook) -> None:
    """Called after the build, before the offline cache list is written.

    Material fetches `search_index.json` and parses it on the page's main thread at every page
    load, then copies it to the worker: for 300 KB that was a quarter of a page load. So that
    file keeps only Material's `config`, and the documents go to a file of their own that
    the worker fetches, off the main thread, when it is about to search."""
    material = material_index_path(site_dir)
    if not material.exists():
        return
    data = augment_index(json.loads(material.read_text(encoding="utf-8")), handbook)
    _write_json(index_path(site_dir), data)
    # Material passes `config` through to the worker untouched (the rest it rebuilds).
    _write_json(material, {"config": {**data["config"], "documents": HANDBOOK_INDEX}, "docs": []})


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
