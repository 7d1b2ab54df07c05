"""The pattern syntax editors write in `patterns:`/`exceptions:`, compiled to regular expressions.

Every regex this module emits is valid both in Python `re` and in JavaScript `RegExp(…, "u")`
once its word-list references are filled in; it runs over text already normalised by
`normalise.py`. The syntax for editors is described on `Phrase` in `macros/content/model.py`.

Word lists (`{名字}` in a pattern, defined in content/checker.yml) stay references in the
compiled regex, written `{名字}`: the spec carries each list's regex once and both matchers fill
the references in before compiling (`expand_lists`), so a list used by a hundred patterns costs
its bytes once in the page. No other `{` can appear in a compiled regex except the gaps'
`{0,8}`, which start with a digit, as a list name never does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from .normalise import PAUSE, STOP, fold, kind_of

GAP_MAX: Final = 8  # `*` in a pattern: at most this many characters, never across a stop or line
# `**`, only in exceptions: the rest of a clause or two, for "says the limit, then the next step"
LONG_GAP_MAX: Final = 30
BREAK_RE: Final = f"[{PAUSE}{STOP}]?"
GAP_RE: Final = f"[^{STOP}\\n]{{0,{GAP_MAX}}}?"
LONG_GAP_RE: Final = f"[^{STOP}\\n]{{0,{LONG_GAP_MAX}}}?"
# `^` first, `$` last: the words make a whole sentence or clause (a bare 不知道。, 好的，等着。).
# One starts at the text's start, after a stop (。！？; normalised to 。), a pause (，、：; so also
# after a call record's label, 员工：) or a line break; it ends at a stop, a break or the text's
# end (not at a pause: 不知道，我帮您查 is not a bare 不知道). The start takes what precedes the
# words in (browsers without lookbehind run checker-core.js), and both matchers leave it out of
# the span they report (`trim_edges`); the end only looks ahead, so that the next sentence can
# start there (不知道。不知道。).
SENTENCE_START_RE: Final = f"(?:^|[{STOP}{PAUSE}\\n])"
SENTENCE_END_RE: Final = f"(?=[{STOP}\\n]|$)"
EDGES: Final = f"{STOP}\n"  # what a span never ends with
OPENINGS: Final = EDGES + PAUSE  # what a span never starts with
MIN_LENGTH: Final = 2  # a pattern matching a single character would mark ordinary speech
MAX_GAPS: Final = 3

_REGEX_SYNTAX: Final = frozenset("^$\\.*+?()[]{}|/")

_OPEN, _CLOSE, _BAR = "(（", ")）", "|｜"
_LBRACKET, _RBRACKET, _STAR = "[［【", "]］】", "*＊"
_LBRACE, _RBRACE = "{｛", "}｝"
_CARET, _DOLLAR = "^＾", "$＄"
# A full-width "？" right after a group, a [...] or a {list} makes it optional, as "?" does (an
# input method types "？"; punctuation never follows a bracket there). After a character it is
# the question mark it looks like: 找茬？ is a pause, not an optional 茬.
_CLOSED: Final = frozenset({"group", "class", "ref"})
# CJK Unified Ideographs: unchanged by folding, always literal (see normalise.fold).
_IDEOGRAPHS: Final = ("\u4e00", "\u9fff")
LIST_NAME_MAX: Final = 12
# A reference in a compiled regex: `{name}`; a name never starts with a digit or holds a comma,
# so the gaps' `{0,8}` never look like one. checker-core.js uses the same expression.
LIST_REFERENCE: Final = r"\{([^{}0-9,][^{}]*)\}"
_REFERENCE = re.compile(LIST_REFERENCE)
_FIRST_ONLY: Final = "“^”只能写在写法的最前面（表示从一句话的开头查起）"
_LAST_ONLY: Final = "“$”只能写在写法的最后面（表示查到一句话的结尾）"
_REJECTED: Final = MappingProxyType(
    {
        "\\": "不支持反斜杠“\\”",
        ".": "不支持半角点“.”：中间夹几个字请用 *，句号请用中文“。”",
        "+": "不支持“+”：要表示可有可无请用 ?",
        **dict.fromkeys(_CARET, _FIRST_ONLY),
        **dict.fromkeys(_DOLLAR, _LAST_ONLY),
    }
)


class PatternError(ValueError):
    """A pattern an editor wrote that cannot be compiled; the message is for the editor."""


# What every match of a regex contains, as clauses: each clause is a set of characters of which
# every match holds at least one. Text (normalised) failing a clause cannot match, so content
# validation need not compile the regex to know (normalise.py, matcher.py; `satisfies`).
Needs = frozenset[frozenset[str]]


def satisfies(present: set[str] | frozenset[str], needs: Needs) -> bool:
    """Whether text with these characters may match a regex with these needs."""
    return all(not clause.isdisjoint(present) for clause in needs)


@dataclass(frozen=True)
class WordList:
    """One word list, compiled: the regex of its words (lists it names filled in) and the
    fewest characters any of them matches."""

    regex: str
    min_length: int
    needs: Needs = frozenset()  # what every word of the list contains (see `Needs`)


# Name → compiled list. `None` in place of a lexicon: the lists are unknown (their file has a
# mistake of its own), so a reference is accepted as written and counts as two characters.
Lexicon = Mapping[str, WordList]


@dataclass
class _Item:
    kind: str  # lit, break, gap, longgap, class, group, ref
    text: str = ""  # lit: folded characters; class: the characters to choose from; ref: a name
    branches: list[list[_Item]] | None = None
    optional: bool = False
    min_chars: int = 0  # ref: the list's shortest word
    list_needs: Needs = frozenset()  # ref: what every word of the list contains

    def regex(self) -> str:
        if self.kind == "break":
            return BREAK_RE
        if self.kind == "gap":
            return GAP_RE
        if self.kind == "longgap":
            return LONG_GAP_RE
        if self.kind == "lit":
            body = "".join(f"\\{c}" if c in _REGEX_SYNTAX else c for c in self.text)
            if self.optional:
                return f"{body}?" if len(self.text) == 1 else f"(?:{body})?"
            return body
        if self.kind == "class":
            body = "".join(f"\\{c}" if c in "\\]^-[" else c for c in self.text)
            return f"[{body}]?" if self.optional else f"[{body}]"
        if self.kind == "ref":
            return f"(?:{{{self.text}}})?" if self.optional else f"(?:{{{self.text}}})"
        assert self.branches is not None
        body = "|".join(_seq_regex(branch) for branch in self.branches)
        return f"(?:{body})?" if self.optional else f"(?:{body})"

    def min_length(self) -> int:
        if self.optional or self.kind in _NO_TEXT:
            return 0
        if self.kind == "lit":
            return len(self.text)
        if self.kind == "class":
            return 1
        if self.kind == "ref":
            return self.min_chars
        assert self.branches is not None
        return min(_seq_min(branch) for branch in self.branches)

    def needs(self) -> Needs:
        """What every match of this item contains."""
        if self.optional or self.kind in _NO_TEXT:
            return frozenset()
        if self.kind == "lit":
            return frozenset(frozenset(c) for c in self.text)
        if self.kind == "class":
            return frozenset([frozenset(self.text)])
        if self.kind == "ref":
            return self.list_needs
        assert self.branches is not None
        return _branches_need(self.branches)


_GAPS: Final = ("gap", "longgap")
_NO_TEXT: Final = ("break", *_GAPS)


def _seq_regex(items: list[_Item]) -> str:
    return "".join(item.regex() for item in items)


def _seq_min(items: list[_Item]) -> int:
    return sum(item.min_length() for item in items)


def _seq_needs(items: list[_Item]) -> Needs:
    return frozenset().union(*(item.needs() for item in items))


def _branches_need(branches: list[list[_Item]]) -> Needs:
    return _either(*(_seq_needs(branch) for branch in branches))


def _either(*choices: Needs) -> Needs:
    """What a match of one of several choices contains: the clauses every choice has, and one
    clause made of a clause of each (whichever choice matched, one of its characters is there)."""
    common = frozenset.intersection(*choices)
    if any(not needs for needs in choices):
        return common
    return common | {
        frozenset().union(
            *(min(needs, key=lambda clause: (len(clause), sorted(clause))) for needs in choices)
        )
    }


class _Parser:
    def __init__(
        self, pattern: str, lists: Lexicon | None, *, what: str = "写法", edges: bool = False
    ) -> None:
        self.chars = list(pattern)
        self.pos = 0
        self.lists = lists
        self.what = what
        self.edges = edges  # `^` first and `$` last are read (patterns; not a list's words)
        self.starts = self.ends = False  # whether they were

    def fail(self, message: str, at: int | None = None) -> PatternError:
        where = self.pos if at is None else at
        shown = "".join(self.chars)
        return PatternError(f"{self.what}“{shown}”第 {where + 1} 个字处：{message}")

    def peek(self) -> str:
        return self.chars[self.pos] if self.pos < len(self.chars) else ""

    def parse(self) -> list[list[_Item]]:
        if self.edges and self.peek() and self.peek() in _CARET:
            self.pos += 1
            self.starts = True
        branches = self.alternatives(depth=0)
        if self.at_last_dollar(depth=0):
            self.pos += 1
            self.ends = True
        if self.pos < len(self.chars):  # only a stray closing bracket stops the top level
            raise self.fail("多了一个右括号“)”，前面没有对应的左括号")
        return branches

    def alternatives(self, depth: int) -> list[list[_Item]]:
        branches = [self.sequence(depth)]
        while self.peek() and self.peek() in _BAR:
            bar = self.pos
            self.pos += 1
            branches.append(self.sequence(depth))
            if not _has_text(branches[-2]) or not _has_text(branches[-1]):
                raise self.fail("竖线“|”两边都要写字", bar)
        return branches

    def at_last_dollar(self, depth: int) -> bool:
        last = self.pos == len(self.chars) - 1
        return self.edges and depth == 0 and last and self.peek() in _DOLLAR

    def sequence(self, depth: int) -> list[_Item]:
        items: list[_Item] = []
        while (ch := self.peek()) and ch not in _BAR and ch not in _CLOSE:
            if self.at_last_dollar(depth):
                break
            start = self.pos
            self.pos += 1
            if _IDEOGRAPHS[0] <= ch <= _IDEOGRAPHS[1]:
                # Most of a pattern is runs of ideographs (no syntax character is one): a run
                # is one literal, as the characters one by one become once tidied. A "?" after
                # the run makes its last character optional, so that one stays apart.
                end = self.pos
                while end < len(self.chars) and _IDEOGRAPHS[0] <= self.chars[end] <= _IDEOGRAPHS[1]:
                    end += 1
                if end > self.pos and end < len(self.chars) and self.chars[end] == "?":
                    end -= 1
                items.append(_Item("lit", "".join(self.chars[start:end])))
                self.pos = end
            elif ch in _OPEN:
                if self.peek() == "?":
                    raise self.fail(
                        "不支持“(?”开头的写法（前后查找、命名分组、标志等）；"
                        "几种说法任选其一请写 (甲|乙)",
                        start,
                    )
                branches = self.alternatives(depth + 1)
                if not self.peek() or self.peek() not in _CLOSE:
                    raise self.fail("括号没有配对：少了右括号“)”", start)
                self.pos += 1
                if not any(_has_text(branch) for branch in branches):
                    raise self.fail("括号里面要写字", start)
                items.append(_Item("group", branches=branches))
            elif ch in _LBRACKET:
                items.append(self.char_class(start))
            elif ch in _LBRACE:
                items.append(self.reference(start))
            elif ch in _RBRACE:
                raise self.fail("多了一个右花括号“}”，前面没有对应的左花括号“{”", start)
            elif ch in _RBRACKET:
                raise self.fail("多了一个右方括号“]”，前面没有对应的左方括号", start)
            elif ch in _STAR:
                if depth:
                    raise self.fail("星号 * 不能写在括号里", start)
                if self.peek() and self.peek() in _STAR:
                    self.pos += 1
                    if self.peek() and self.peek() in _STAR:
                        raise self.fail("最多连着写两个星号 **", start)
                    items.append(_Item("longgap"))
                else:
                    items.append(_Item("gap"))
            elif ch == "?" or (ch == "？" and items and items[-1].kind in _CLOSED):
                self.optional(items, start)
            elif ch in _CARET + _DOLLAR and not self.edges:
                raise self.fail("词表里的说法不能用 ^ 或 $：请写在用到词表的写法里", start)
            elif ch in _REJECTED:
                raise self.fail(_REJECTED[ch], start)
            else:
                items.extend(_literal(ch))
        return _tidy(items)

    def optional(self, items: list[_Item], at: int) -> None:
        if items and items[-1].kind == "break":
            return  # punctuation is optional anyway: "，?" means the same as "，"
        if not items or items[-1].kind in _GAPS:
            raise self.fail("问号 ? 前面要有一个字、一组括号或方括号", at)
        if items[-1].optional:
            raise self.fail("连着写了两个问号 ?", at)
        items[-1].optional = True  # items are still one per character typed (merged later)

    def reference(self, start: int) -> _Item:
        """`{名字}`: any word of the word list of that name (content/checker.yml)."""
        name = ""
        while True:
            ch = self.peek()
            if not ch:
                raise self.fail("花括号没有配对：少了右花括号“}”", start)
            self.pos += 1
            if ch in _RBRACE:
                break
            name += ch
        if not name:
            raise self.fail("花括号里要写词表的名字，例如 {推给别处}", start)
        if not is_list_name(name):
            raise self.fail(
                f"“{{{name}}}”不是词表名：词表名只能用汉字、字母和数字（不以数字开头），"
                f"最多 {LIST_NAME_MAX} 个字",
                start,
            )
        if self.lists is None:
            return _Item("ref", name, min_chars=MIN_LENGTH)
        found = self.lists.get(name)
        if found is None:
            known = "、".join(self.lists) or "（还没有词表）"
            raise self.fail(
                f"没有叫“{name}”的词表；词表写在 content/checker.yml，现有：{known}", start
            )
        return _Item("ref", name, min_chars=found.min_length, list_needs=found.needs)

    def char_class(self, start: int) -> _Item:
        chosen = ""
        while True:
            ch = self.peek()
            if not ch:
                raise self.fail("方括号没有配对：少了右方括号“]”", start)
            self.pos += 1
            if ch in _RBRACKET:
                break
            if ch in _LBRACKET:
                raise self.fail("方括号里不能再套方括号", self.pos - 1)
            if ch in "^-":
                raise self.fail("方括号里只写可以任选的字，不支持“^”和“-”", self.pos - 1)
            folded = fold(ch)
            if len(folded) != 1 or kind_of(folded) != "lit":
                raise self.fail("方括号里只能写单个的字，不能写标点或空格", self.pos - 1)
            if folded not in chosen:
                chosen += folded
        if not chosen:
            raise self.fail("方括号里面要写字", start)
        return _Item("class", chosen)


def _literal(ch: str) -> list[_Item]:
    items: list[_Item] = []
    for c in fold(ch):
        kind = kind_of(c)
        if kind == "lit":
            if items and items[-1].kind == "lit":
                items[-1].text += c
            else:
                items.append(_Item("lit", c))
        elif kind != "ignore":
            items.append(_Item("break"))
    return items


def _tidy(items: list[_Item]) -> list[_Item]:
    """Merge neighbouring literals and breaks; a break next to a gap is part of the gap."""
    tidy: list[_Item] = []
    for item in items:
        previous = tidy[-1] if tidy else None
        mergeable = previous is not None and previous.kind == "lit" and not previous.optional
        if previous is not None and mergeable and item.kind == "lit" and not item.optional:
            previous.text += item.text
            continue
        if item.kind == "break" and previous and previous.kind in _NO_TEXT:
            continue
        if item.kind in _GAPS and previous and previous.kind in _NO_TEXT:
            if previous.kind != "longgap":  # `*，*` is one gap; `**，*` one long gap
                tidy[-1] = item
            continue
        tidy.append(item)
    return tidy


def _has_text(items: list[_Item]) -> bool:
    return any(item.kind not in _NO_TEXT for item in items)


def _strip_breaks(items: list[_Item]) -> list[_Item]:
    start, end = 0, len(items)
    while start < end and items[start].kind == "break":
        start += 1
    while end > start and items[end - 1].kind == "break":
        end -= 1
    return items[start:end]


@dataclass(frozen=True)
class Compiled:
    regex: str  # may hold word-list references `{名字}`: see `expand_lists`
    min_length: int
    needs: Needs = frozenset()  # what every match contains


def compile_pattern(
    pattern: str, *, exception: bool = False, lists: Lexicon | None = MappingProxyType({})
) -> Compiled:
    """Compile one editor pattern into a regex source valid in Python `re` and JS `RegExp(u)`
    once its list references are expanded.

    `exception`: the pattern is one of `exceptions:`, where `**` (a long gap) is allowed.
    `lists`: the word lists a `{名字}` may name (`None`: unknown, any name is accepted).
    """
    if not pattern.strip():
        raise PatternError("写法不能只有空白")
    parser = _Parser(pattern, lists, edges=True)
    branches = [_strip_breaks(branch) for branch in parser.parse()]
    anchored = parser.starts or parser.ends
    if anchored and len(branches) > 1:
        raise parser.fail("用了 ^ 或 $ 的写法，几种说法要放进括号：^(甲|乙)$", 0)
    for branch in branches:
        if branch and (branch[0].kind in _GAPS or branch[-1].kind in _GAPS):
            raise parser.fail("星号 * 只能写在两段文字中间，不能放在开头或结尾", 0)
        if not exception and any(item.kind == "longgap" for item in branch):
            raise parser.fail(
                "两个星号 ** 只能写在 exceptions（例外）里；patterns 里请用一个星号 *", 0
            )
        gaps = sum(item.kind in _GAPS for item in branch)
        if gaps > MAX_GAPS:
            raise parser.fail(f"一种说法里最多用 {MAX_GAPS} 个星号 *", 0)
    if len(branches) > 1 and not all(_has_text(branch) for branch in branches):
        raise parser.fail("竖线“|”两边都要写字", 0)
    regex = "|".join(_seq_regex(branch) for branch in branches)
    regex = "".join(
        (SENTENCE_START_RE if parser.starts else "", regex, SENTENCE_END_RE if parser.ends else "")
    )
    shortest = min(_seq_min(branch) for branch in branches)
    if shortest < MIN_LENGTH:
        raise PatternError(
            f"写法“{pattern}”太短：最短只要 {shortest} 个字就算匹配，会把正常的话也标出来；"
            f"至少要有 {MIN_LENGTH} 个字"
        )
    # The parser only emits valid syntax; the matcher compiles the regex (once) when it is built.
    return Compiled(regex, shortest, _branches_need(branches))


def is_list_name(name: str) -> bool:
    """汉字, letters and digits, not starting with a digit, at most LIST_NAME_MAX characters."""
    return (
        0 < len(name) <= LIST_NAME_MAX
        and not name[0].isdigit()
        and all(c.isalnum() and (c.isascii() or "\u4e00" <= c <= "\u9fff") for c in name)
    )


def compile_lists(lists: Mapping[str, list[str]]) -> dict[str, WordList]:
    """Every word list compiled, in the order given; a list may name other lists, not itself.

    Each word is a pattern without gaps (`*`): characters, (甲|乙), [你您], ? and {名字}. A
    list's regex has the lists it names filled in, so a matcher fills references in one pass.
    """
    done: dict[str, WordList] = {}
    for name in lists:
        if not is_list_name(name):
            raise PatternError(
                f"“{name}”不是词表名：词表名只能用汉字、字母和数字（不以数字开头），"
                f"最多 {LIST_NAME_MAX} 个字"
            )
    for name in lists:
        _compile_list(name, lists, done, ())
    return {name: done[name] for name in lists}


class _Resolving(Mapping[str, WordList]):
    """The lexicon a list's words see: a list named there is compiled on first use."""

    def __init__(
        self, lists: Mapping[str, list[str]], done: dict[str, WordList], chain: tuple[str, ...]
    ) -> None:
        self.lists, self.done, self.chain = lists, done, chain

    def __getitem__(self, name: str) -> WordList:
        if name not in self.lists:
            raise KeyError(name)
        return _compile_list(name, self.lists, self.done, self.chain)

    def __iter__(self) -> Iterator[str]:
        return iter(self.lists)

    def __len__(self) -> int:
        return len(self.lists)


def _compile_list(
    name: str, lists: Mapping[str, list[str]], done: dict[str, WordList], chain: tuple[str, ...]
) -> WordList:
    if name in done:
        return done[name]
    if name in chain:
        loop = " → ".join((*chain[chain.index(name) :], name))
        raise PatternError(f"词表“{name}”绕了一圈又用到了自己：{loop}")
    words = lists[name]
    if not words:
        raise PatternError(f"词表“{name}”里至少要有一个说法")
    sources: list[str] = []
    shortest: int | None = None
    needs: list[Needs] = []
    lexicon = _Resolving(lists, done, (*chain, name))
    for word in words:
        if not word.strip():
            raise PatternError(f"词表“{name}”里有一个空的说法")
        parser = _Parser(word, lexicon, what=f"词表“{name}”里的说法")
        branches = [_strip_breaks(branch) for branch in parser.parse()]
        for branch in branches:
            if any(item.kind in _GAPS for item in branch):
                raise parser.fail("词表里的说法不能用星号 *：星号请写在用到词表的写法里", 0)
            if not _has_text(branch):
                raise parser.fail("要写字", 0)
        source = expand_lists(
            "|".join(_seq_regex(branch) for branch in branches),
            {n: w.regex for n, w in done.items()},
        )
        if source not in sources:
            sources.append(source)
        length = min(_seq_min(branch) for branch in branches)
        shortest = length if shortest is None else min(shortest, length)
        needs.append(_branches_need(branches))
    assert shortest is not None
    done[name] = WordList("|".join(sources), shortest, _either(*needs))
    return done[name]


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """A match's span without the edges a `^` or `$` took in (`SENTENCE_START_RE`): stops,
    pauses and line breaks before the words, stops and line breaks after them.
    `checker-core.js` (`spansOf`) trims exactly the same."""
    while start < end and text[start] in OPENINGS:
        start += 1
    while end > start and text[end - 1] in EDGES:
        end -= 1
    return start, end


def expand_lists(regex: str, lists: Mapping[str, str]) -> str:
    """A compiled regex with every `{名字}` replaced by that list's regex (one pass: the
    lists' own regexes hold no references). `checker-core.js` does exactly the same."""
    return _REFERENCE.sub(lambda found: lists[found.group(1)], regex)


def literal_text(text: str) -> str:
    """A phrase's own text as a pattern: every character literal, trailing ……/。 dropped."""
    return _seq_regex(_literal_items(text))


def literal_needs(text: str) -> Needs:
    """The characters every match of `literal_text(text)` contains."""
    return _seq_needs(_literal_items(text))


def _literal_items(text: str) -> list[_Item]:
    items: list[_Item] = []
    for ch in text:
        items.extend(_literal(ch))
    return _strip_breaks(_tidy(items))


def literal_min_length(text: str) -> int:
    return sum(len(c) for ch in text for c in fold(ch) if kind_of(c) == "lit")


class PatternCompiler:
    """`compile_pattern` with one lexicon that compiles each distinct pattern once: content
    validation checks every pattern, then compiles the phrase's spec from the same patterns.
    One per content load (the loader passes it to the validators as pydantic context)."""

    def __init__(self, lists: Lexicon | None = MappingProxyType({})) -> None:
        self.lists = lists
        self._compiled: dict[tuple[str, bool], Compiled] = {}

    def __call__(self, pattern: str, *, exception: bool = False) -> Compiled:
        key = (pattern, exception)
        if key not in self._compiled:
            self._compiled[key] = compile_pattern(pattern, exception=exception, lists=self.lists)
        return self._compiled[key]
