"""Chinese search that finds what staff type (issue 6).

Material indexes text segmented by jieba and matches query words by prefix only. Two build-time
additions make partial and colloquial queries work:

1. Domain words from the content (method, step and entry names, keywords) added to jieba's
   dictionary before Material segments any page, so terms such as 小狗成交法 or 让用户发泄
   stay whole words in the index.
2. An extra index field per search entry holding finer tokens: the single characters and the
   search-mode sub-words (jieba.cut_for_search) of its title and keywords, so a query for 贵
   finds 太贵 and 成交 finds 小狗成交法. It is a separate field so result snippets stay clean,
   and lightly boosted so whole-word matches still rank first.

The query side lives in `overrides/assets/javascripts/workers/handbook-search.js`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import jieba

from ..content.handbook import Handbook
from ..content.model import Entry, Procedure, Topic

FIELD: Final = "k"
FIELD_BOOST: Final = 2.0
# Document boosts: whole pages and section headings sink below the entries they contain;
# entries staff act on (steps, methods, phrases, objections) rise a little above background.
PAGE_BOOST: Final = 0.3
SECTION_BOOST: Final = 0.6
KIND_BOOST: Final = MappingProxyType(
    {"procedure": 1.5, "method": 1.3, "phrase": 1.3, "objection": 1.3, "approved": 1.2}
)
HAN_RUN: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
ZWSP: Final = "\u200b"
MAX_USER_WORD: Final = 6
# Sentences (phrases, objections, dialogue lines) must stay splittable into words.
NAMED_KINDS: Final = ("topic", "procedure", "method", "customer_type", "rewrite", "service_item")


def han_runs(text: str) -> list[str]:
    return HAN_RUN.findall(text)


def domain_words(handbook: Handbook) -> list[str]:
    """Short Chinese names from the content that must stay whole words when segmented."""
    names: list[str] = []
    for entry in handbook.entries():
        if entry.kind in NAMED_KINDS:
            names.append(entry.title_text)
        names.extend(entry.keywords)
        names.extend(handbook.synonyms.expand(entry.keywords))
        if isinstance(entry, Procedure):
            names.extend(step.name for step in entry.steps)
    for chapter in handbook.chapters.values():
        names.extend(section.title for section in chapter.sections)
    words = {run for name in names for run in han_runs(name) if 2 <= len(run) <= MAX_USER_WORD}
    return sorted(words)


def add_domain_words(handbook: Handbook) -> None:
    """Teach jieba the content's names, as a user dictionary would (same default frequency).

    Material's search plugin segments with jieba's default tokenizer, so words added here are
    what its index is cut into; no dictionary file and no change to the search plugin's config.
    """
    for word in domain_words(handbook):
        jieba.add_word(word)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts).replace(ZWSP, "")


def fine_tokens(texts: Iterable[str]) -> list[str]:
    """Characters, character pairs and search-mode sub-words of the Chinese in `texts`.

    Characters let a one-character query match inside a word; pairs give Material's query
    segmentation index words to cut any query into, so 不关我的事 still finds 这不关我的事。
    """
    seen: dict[str, None] = {}
    for text in texts:
        for run in han_runs(text):
            for char in run:
                seen.setdefault(char, None)
            for start in range(len(run) - 1):
                seen.setdefault(run[start : start + 2], None)
            for word in jieba.cut_for_search(run):
                if len(word) > 2:
                    seen.setdefault(word, None)
    return list(seen)


def _entry_texts(entry: Entry, handbook: Handbook | None = None) -> list[str]:
    """The short names an entry is known by: title, keywords, step and item names."""
    texts = [entry.title_text, *entry.keywords]
    if handbook is not None:
        texts.extend(handbook.synonyms.expand(entry.keywords))
    if isinstance(entry, Procedure):
        texts.extend(step.name for step in entry.steps)
    if isinstance(entry, Topic):
        texts.extend(item.name for item in entry.items)
    return texts


def _entry_keywords(handbook: Handbook) -> dict[str, list[str]]:
    return {entry.id: _entry_texts(entry, handbook) for entry in handbook.entries()}


def _anchor(location: str) -> str:
    return location.partition("#")[2]


def _boost(anchor: str, handbook: Handbook) -> float:
    if not anchor:
        return PAGE_BOOST
    node = handbook.by_id.get(anchor)
    if isinstance(node, Entry):
        return KIND_BOOST.get(node.kind, 1.0)
    return SECTION_BOOST


def augment_index(data: dict[str, Any], handbook: Handbook) -> dict[str, Any]:
    keywords = _entry_keywords(handbook)
    for doc in data["docs"]:
        anchor = _anchor(doc["location"])
        texts = [plain(doc.get("title", "")), *keywords.get(anchor, [])]
        tokens = fine_tokens(texts)
        if tokens:
            doc[FIELD] = ZWSP.join(tokens)
        boost = _boost(anchor, handbook)
        if boost != 1.0:
            doc["boost"] = boost
    data["config"].setdefault("fields", {})[FIELD] = {"boost": FIELD_BOOST}
    return data


def index_path(site_dir: Path) -> Path:
    return site_dir / "search" / "search_index.json"


def augment(site_dir: Path, handbook: Handbook) -> None:
    """Called after the build, before the offline cache list is written."""
    path = index_path(site_dir)
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    augment_index(data, handbook)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
