"""Read one YAML file safely and remember where every key and value sits.

PyYAML's composed node tree carries start marks; we walk it next to the constructed data so
that any key path can be mapped back to a line. Problems that YAML itself hides are caught
here: tab indentation, non-UTF-8 bytes, empty files and keys written twice (PyYAML keeps
the last one silently, which would lose what an editor wrote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from types import MappingProxyType
from typing import Any, Final

import yaml

from .problems import Problem
from .where import Path, Where

# libyaml parses the content about ten times faster than pure Python (a build reads every file).
FAST_LOADER: Final[type[yaml.SafeLoader]] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Common PyYAML complaints, in words an editor can act on.
_YAML_HINTS: Final[tuple[tuple[str, str], ...]] = (
    (
        "mapping values are not allowed here",
        "这里不能出现冒号“:”；文字里有半角冒号时，请给整段文字加引号",
    ),
    ("could not find expected ':'", "缺少冒号“:”，或上一行的引号没有配对"),
    ("found unexpected end of stream", "文件在引号或括号还没结束时就结束了"),
    ("found undefined alias", "用了没有定义的别名 *…"),
    ("expected <block end>, but found", "缩进不一致：同一层的条目必须对齐"),
    ("did not find expected key", "缩进不一致，或列表项少了“- ”"),
    ("did not find expected '-' indicator", "列表缩进不一致，每项都应以同样缩进的“- ”开头"),
    (
        "found character that cannot start any token",
        "这里有 YAML 不允许的字符（例如行首的 @ 或 `）；请给文字加引号",
    ),
    ("could not determine a constructor", "不支持的 YAML 标签（以 ! 开头）"),
    ("expected ',' or ']'", "方括号列表没有正确结束，缺少“,”或“]”"),
    ("expected ',' or '}'", "花括号映射没有正确结束，缺少“,”或“}”"),
    (
        "mapping keys are not allowed here",
        "文字以“? ”开头，YAML 会当成特殊写法；请给整段文字加引号",
    ),
    (
        "found unknown escape character",
        "双引号里的“\\”后面跟了 YAML 不认识的字符（多半是想打顿号“、”）；"
        "改成“、”，或把双引号换成单引号",
    ),
    (
        "expected the node content, but found",
        "这里少了内容，却多了“,”“]”或“}”（例如列表里连着两个逗号，或文字以这些符号开头）；"
        "删掉多余的符号，或给整段文字加引号",
    ),
    (
        "but found another document",
        "文件里多了一行“---”，后面被当成了另一份文件；每个内容文件只能有一份，请删掉这一行",
    ),
)


@dataclass
class Marks:
    """Line/column of each key path (1-based), and of the key itself for mapping entries."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # Unquoted values YAML read as something other than text (9:30 as the number 570, 010 as 8,
    # yes as true), as the editor wrote them: messages quote these, not what YAML made of them.
    written: dict[Path, str] = field(default_factory=dict)
    # Values left empty but for a comment (`reason: # 先道歉`): YAML reads a `#` after a space
    # as the start of a comment, which an editor may have meant as the text.
    comments: dict[Path, str] = field(default_factory=dict)
    # Values of a key written twice that YAML dropped for the later one (an item whose "- "
    # was left out loses its id): references to them wait until the mistake is mended.
    dropped: set[str] = field(default_factory=set)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The closest known position: the path itself or its nearest ancestor."""
        probe = path
        while True:
            table = self.keys if key and probe in self.keys else self.values
            if probe in table:
                return table[probe]
            if not probe:
                return (0, 0)
            probe = probe[:-1]


@dataclass
class YamlDocument:
    file: str
    data: Any
    marks: Marks

    def where(self, path: Path, *, key: bool = False) -> Where:
        line, column = self.marks.locate(path, key=key)
        return Where(self.file, line, column, path)


def _translate(problem: str) -> str:
    """The parser's complaint in Chinese; its English words only where no hint says more."""
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            return f"YAML 语法错误：{hint}"
    return f"YAML 语法错误：{problem}"


# A value in Chinese quotes (reason: “注意: …”): to YAML they are text, not quotes.
_CHINESE_QUOTED: Final = re.compile(r"^\s*(?:- )?[\w-]+: *[“‘]")

_FULL_WIDTH_COLON: Final = "用了全角冒号“：”；键后面要用半角冒号加空格，写成“{key}: ”"

# A key written the way YAML cannot read, found on the line a syntax error points at or just
# above it (the parser notices the slip only on the line after): what is wrong, in words.
_KEY_SLIPS: Final = (
    (re.compile(r"^(\s*(?:- )?)([A-Za-z_]+)\s*："), _FULL_WIDTH_COLON),
    (
        re.compile(r"^(\s*(?:- )?)([A-Za-z_]+):(?=[^\s])"),
        "冒号后面少了空格；写成“{key}: ”（半角冒号后加一个空格）",
    ),
    (
        re.compile(r"^(\s*(?:- )?)([A-Za-z_]+):\u3000"),
        "冒号后面是全角空格（中文输入法）；写成“{key}: ”（半角冒号后加一个半角空格）",
    ),
    (
        re.compile(r"^(\s*(?:- )?)([A-Za-z_]+):\u00a0"),
        "冒号后面是一个看着像空格的特殊空格（从 Word 或网页复制来的）；"
        "删掉它，重新打一个半角空格，写成“{key}: ”",
    ),
    (re.compile(r"^(\s*(?:- )?)([A-Za-z_]+)\s+(?=[^\s:#])"), "“{key}”后面少了冒号；写成“{key}: ”"),
)
# The last slip (a key without its colon) is guessed only for a key the content has: a list
# item opening with a Latin word (- APP 上也能查) is text, not a key.
_MISSING_COLON: Final = _KEY_SLIPS[-1][0]

# A quote opened on a line and not closed on it: YAML reads on until the next quote, often
# hundreds of lines further, and reports the trouble there.
_OPENS_QUOTE: Final = re.compile(r"""^\s*(?:- )?(?:[A-Za-z_]+:\s+)?(["'])""")
_ITEM_QUOTE: Final = re.compile(r"""[\[,]\s*(["'])""")


# A key alone on its line, for a list or text below it, with a full-width colon or none: YAML
# reads the lines below as its text and stops only where the list ends, up to dozens of lines on.
_BARE_KEY: Final = re.compile(r"^(\s*(?:- )?)([A-Za-z_]+)\s*(：?)\s*(?:#.*)?$")
BARE_KEY_REACH: Final = 60  # lines above the error searched for one


def _key_slip(text: str, line: int, file: str, keys: frozenset[str] | None) -> Problem | None:
    """The likely cause of a syntax error at `line` (1-based): a mistyped key nearby, or a
    list's key further up."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        for pattern, hint in _KEY_SLIPS:
            match = pattern.match(lines[number - 1])
            if match and not (pattern is _MISSING_COLON and keys and match.group(2) not in keys):
                column = len(match.group(1)) + 1
                return Problem(Where(file, number, column), hint.format(key=match.group(2)))
    for number in range(min(line, len(lines)), max(line - BARE_KEY_REACH, 0), -1):
        match = _BARE_KEY.match(lines[number - 1])
        if match and (match.group(3) or (keys and match.group(2) in keys)):
            hint = _KEY_SLIPS[0][1] if match.group(3) else _KEY_SLIPS[-1][1]
            column = len(match.group(1)) + 1
            return Problem(Where(file, number, column), hint.format(key=match.group(2)))
    return None


# A key line that YAML cannot tell from text: indented deeper than the key line above it, it
# reads as more words of that key's value, and the parser then stops at its colon.
_KEY_WITH_TEXT: Final = re.compile(r"^(\s*(?:- )?)([A-Za-z_]+):[ \t]+[^\s|>#\"'\[{]")
_KEY_LINE: Final = re.compile(r"^(\s*)([A-Za-z_]+):(?:\s|$)")


def _written_above(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` (1-based) with something on it other than a comment."""
    return next(
        (n for n in range(line - 1, 0, -1) if lines[n - 1].strip()[:1] not in ("", "#")), None
    )


def _indents(key: str, spaces: int, above: int, other: str, other_spaces: int) -> str:
    """A key's indent against the key on line `above`, in words: 这一行的“reason”比第 9 行的
    “text”缩进多（10 个空格对 8 个）."""
    more = "多" if spaces > other_spaces else "少"
    return f"这一行的“{key}”比第 {above} 行的“{other}”缩进{more}（{spaces} 个空格对 {other_spaces} 个）"


def _deeper_key(text: str, line: int, file: str) -> Problem | None:
    """`line` (1-based) is a key indented deeper than the key with text just above it."""
    lines = text.splitlines()
    if not 1 < line <= len(lines):
        return None
    here = _KEY_LINE.match(lines[line - 1])
    above = _written_above(lines, line)
    match = _KEY_WITH_TEXT.match(lines[above - 1]) if above else None
    if here is None or above is None or match is None:
        return None
    if len(here.group(1)) <= len(match.group(1)):
        return None
    # The line above at the "- " of an item before it, with one of that item's keys, and this
    # line where its second field goes: that line lost its "- ", this one is right.
    indent = len(match.group(1))
    if len(here.group(1)) == indent + 2 and (
        item := _item_above(lines, above, indent, match.group(2))
    ):
        return _new_item(Where(file, above, indent + 1), match.group(2), item)
    if len(here.group(1)) == indent + 2 and (first := _dashless_head(lines, above, indent, file)):
        return first
    hint = (
        _indents(here.group(2), len(here.group(1)), above, match.group(2), len(match.group(1)))
        + f"，YAML 把它当成了“{match.group(2)}”文字的后半截；"
        "同一层的字段左边要对齐，请把缩进多的或少的那一行改齐"
    )
    return Problem(Where(file, line, len(here.group(1)) + 1), hint)


_KEY_AT: Final = re.compile(r"^(\s*(?:- )?)([A-Za-z_]+):(?:\s|$)")  # a key, after any "- "


def _shallower_key(text: str, line: int, column: int, file: str) -> Problem | None:
    """`line` (1-based) is a key moved left of the keys of its block, and YAML stopped at the
    key itself (`column`): it says only 缩进不一致, not which line to line it up with."""
    lines = text.splitlines()
    here = _KEY_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if here is None or column != len(here.group(1)) + 1:
        return None
    indent = len(here.group(1))
    item = _item_above(lines, line, indent, here.group(2))
    if item is not None:  # a key the item above has, at its "- ": a new item, "- " left out
        return _new_item(Where(file, line, column), here.group(2), item)
    least: int | None = None  # the least indent of the lines passed on the way up
    for number in range(line - 1, 0, -1):
        above = lines[number - 1]
        if above.strip()[:1] in ("", "#"):
            continue
        key = _KEY_AT.match(above)
        at = len(key.group(1)) if key else 0
        if key and indent < at and (least is None or at <= least):
            hint = (
                _indents(here.group(2), indent, number, key.group(2), at)
                + "；同一条目的字段左边要对齐，请把这两行改齐"
            )
            return Problem(Where(file, line, column), hint)
        spaces = len(above) - len(above.lstrip())
        least = spaces if least is None else min(least, spaces)
        if least <= indent:
            return None
    return None


def _new_item(where: Where, key: str, item: int) -> Problem:
    """A line that starts a new item of the list whose item is at line `item`, without "- "."""
    return Problem(
        where,
        f"这一行像是列表里新的一项，行首少了“- ”（写成“- {key}: …”，和第 {item} 行的“- ”对齐）",
    )


def _item_above(lines: list[str], line: int, indent: int, key: str) -> int | None:
    """The line of the list item (its "- " at `indent`) that the lines above `line` belong to,
    if it has `key` already (else the line is a field of it moved left) and nothing shallower
    comes between."""
    keys = set()
    for number in range(line - 1, 0, -1):
        above = lines[number - 1]
        if above.strip()[:1] in ("", "#"):
            continue
        spaces = len(above) - len(above.lstrip())
        if spaces < indent:
            return None
        found = _KEY_AT.match(above)
        if found and spaces in (indent, indent + 2):  # the item's own keys, not nested ones
            keys.add(found.group(2))
        if spaces == indent:
            starts = above[spaces:].startswith("- ")
            return number if starts and key in keys else None
    return None


_ITEM_LINE: Final = re.compile(r"^(\s*)- ")
# A list item's "- " mistyped: no space after the dash, or a dash from the Chinese keyboard.
_WRONG_DASH: Final = re.compile(r"^(-(?=[^\s-])|[－—–―‐‑﹣])\s*")


def _wrong_dash(dash: re.Match[str]) -> str:
    """What is wrong with an item's dash that `_WRONG_DASH` matched, and the fix."""
    if dash.group(1) == "-":
        return "行首的“-”后面少了空格"
    return f"行首的“{dash.group(1)}”是全角（中文）符号，YAML 不认；换成半角的“- ”"


ITEM_REACH: Final = 300  # lines above the error searched for the list's key (a 禁语 is ~70)
_LIST_KEY: Final = re.compile(r"^\s*(?:- )?([A-Za-z_]+):\s*(?:#.*)?$")  # a key, its list below


def _dashless_item(text: str, line: int, file: str) -> Problem | None:
    """A line of text among a list's items, at their "- " but without one: its "- " was
    deleted and the text left where it stood. YAML reports the line after it, as a missing
    colon."""
    lines = text.splitlines()

    def neighbour(number: int, step: int) -> str:
        while 0 < number <= len(lines) and lines[number - 1].strip()[:1] in ("", "#"):
            number += step
        return lines[number - 1] if 0 < number <= len(lines) else ""

    for number in (line - 1, line):
        if not 0 < number <= len(lines):
            continue
        here = lines[number - 1]
        words = here.strip()
        dash = _WRONG_DASH.match(words)
        if dash:  # a "-" with no space after it, or a full-width dash: what YAML reads as text
            words = words[dash.end() :]
        elif not words or words[0] in "#-" or _KEY_LINE.match(here) or ": " in words:
            continue
        indent = len(here) - len(here.lstrip())
        # (`-text: …` is an item whatever is around it: the list's first, or its only)
        keyed = dash is not None and _KEY_LINE.match(words) is not None
        for other in (neighbour(number - 1, -1), neighbour(number + 1, 1)):
            item = _ITEM_LINE.match(other)
            if keyed or (item and len(item.group(1)) == indent):
                said = "这一行像是列表里的一项，行首少了“- ”" if dash is None else _wrong_dash(dash)
                hint = f"{said}：写成“- {words}”，和上下几项的“- ”对齐"
                return Problem(Where(file, number, indent + 1), hint)
    return None


def _dashless_head(lines: list[str], line: int, indent: int, file: str) -> Problem | None:
    """`line` (1-based) is the first line under a list's key, at the "- " of the items after
    it but without one, and its item's next field is where an item's fields go: the list's
    first item lost its "- " (YAML complains only of that next field, indented deeper)."""
    key = next(
        (_LIST_KEY.match(lines[n - 1]) for n in range(line - 1, 0, -1) if lines[n - 1].strip()),
        None,
    )
    if key is None or len(key.group(0)) - len(key.group(0).lstrip()) >= indent:
        return None
    for number in range(line + 1, min(line + ITEM_REACH, len(lines) + 1)):
        here = lines[number - 1]
        spaces = len(here) - len(here.lstrip())
        if not here.strip() or here.lstrip().startswith("#") or spaces > indent:
            continue
        if spaces < indent or not here[spaces:].startswith("- "):
            return None
        hint = f"“{key.group(1)}”列表的第一项少了“- ”：这一行要写成“- ”开头，和第 {number} 行的“- ”对齐"
        return Problem(Where(file, line, indent + 1), hint)
    return None


def _dashless_first_item(text: str, line: int, file: str) -> Problem | None:
    """`line` (1-based) is a list item ("- ") that YAML finds out of place because the list's
    first item, under its key further up, lost its "- ": that item's keys made the list a
    mapping, and the parser stops only at the next "- ", maybe dozens of lines on."""
    lines = text.splitlines()
    item = _ITEM_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if item is None:
        return None
    dash = len(item.group(1))
    for number in range(line - 1, max(line - ITEM_REACH, 0), -1):
        here = lines[number - 1]
        if not here.strip() or here.lstrip().startswith("#"):
            continue
        indent = len(here) - len(here.lstrip())
        if indent < dash:
            key = _LIST_KEY.match(here)
            if key is None:
                return None
            first = next(
                (n for n in range(number + 1, line) if lines[n - 1].strip()[:1] not in ("", "#")),
                None,
            )
            if first is None or not _KEY_LINE.match(lines[first - 1]):
                return None
            hint = (
                f"“{key.group(1)}”列表的第一项少了“- ”：这一行要写成“- ”开头，"
                f"和第 {line} 行的“- ”对齐"
            )
            return Problem(Where(file, first, dash + 1), hint)
        if indent == dash and _ITEM_LINE.match(here):
            return None  # an item of the same list above: its first item is fine
    return None


# A value whose first character means something to YAML, or a quoted or bracketed word with
# more text after it: the parser's complaint (an alias, a block scalar, 缩进不一致) names
# neither. Found on the line of the error or just above it.
_VALUE_START: Final = re.compile(
    r"""^(\s*(?:- )?[A-Za-z_]+:\s+|\s*- )"""
    r"""(?:([*&!%@`]|[>|](?![-+0-9]*\s*(?:#.*)?$)|- )"""  # not a block scalar's own header
    r"""|(["'])[^"']*\3\s*[^\s#]|\[+[^\]]*\]+\s*[^\s#,\]]|\{+[^}]*\}+\s*[^\s#,}])"""
)


def _outdented_item(text: str, line: int, file: str) -> Problem | None:
    """An item moved left of its list ("- 说法" under an entry's keys at the entries' dash):
    YAML takes it for an item of the outer list and stops at the next key, on the line after
    it, with a complaint about a colon. Found as an item less indented than the item above."""
    lines = text.splitlines()
    here = _written_above(lines, line) if 0 < line <= len(lines) else None
    item = _ITEM_LINE.match(lines[here - 1]) if here else None
    if here is None or item is None or _KEY_LINE.match(lines[here - 1][len(item.group(0)) :]):
        return None
    previous = _written_above(lines, here)
    before = _ITEM_LINE.match(lines[previous - 1]) if previous else None
    if before is None or len(before.group(1)) <= len(item.group(1)):
        return None
    hint = (
        f"这一项比上一项（第 {previous} 行）少缩进了 {len(before.group(1)) - len(item.group(1))} 个空格："
        "同一个列表的各项要对齐，把“- ”挪到和上一项的“- ”同一列"
    )
    return Problem(Where(file, here, len(item.group(1)) + 1), hint)


_ITEM_KEY: Final = re.compile(r"^(\s*)- ([A-Za-z_]+):(?:\s|$)")
SHIFTED_ITEM_REACH: Final = 300  # lines searched up for the list the item belongs to


def _shifted_item(text: str, line: int, column: int, file: str) -> Problem | None:
    """A whole item pasted at another indent than its list's ("- kind: phrase" at 4 or 8
    spaces under entries at 6): YAML stops at its dash and says only 缩进不一致. Found as the
    nearest item above with the same first key, at another indent."""
    lines = text.splitlines()
    here = _ITEM_KEY.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if here is None or column != len(here.group(1)) + 1:
        return None
    indent, key = len(here.group(1)), here.group(2)
    for number in range(line - 1, max(line - SHIFTED_ITEM_REACH, 0), -1):
        item = _ITEM_KEY.match(lines[number - 1])
        if item is None or item.group(2) != key:
            continue
        other = len(item.group(1))
        if other == indent:
            return None
        way = "右" if other > indent else "左"
        hint = (
            f"这一项的“- ”缩进 {indent} 个空格，上面同一列表的“- {key}:”（第 {number} 行）是 "
            f"{other} 个：这一项连同它下面的各行要整段往{way}挪 {abs(other - indent)} 格，"
            f"和第 {number} 行对齐（VS Code 里选中这几行，按 Tab 往右、Shift+Tab 往左，"
            "每按一次挪 2 格）"
        )
        return Problem(Where(file, line, column), hint)
    return None


def _nameless_list(text: str, line: int, file: str) -> Problem | None:
    """`line` is a list item right under a less indented "key: value" line: the list has no
    key of its own, most often because its "patterns:" (or the like) line was deleted."""
    lines = text.splitlines()
    item = _ITEM_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if item is None:
        return None
    above = _written_above(lines, line)
    if above is None:
        return None
    key = _KEY_LINE.match(lines[above - 1])
    if key is None or _LIST_KEY.match(lines[above - 1]) or len(key.group(1)) >= len(item.group(1)):
        return None
    hint = (
        f"这一行是列表里的一项，可它上面的“{key.group(2)}:”后面已经写了内容，这个列表没有自己的名字："
        f"是不是删掉了一行（比如“patterns:”）？在这一行上面补上，和“{key.group(2)}:”对齐"
    )
    return Problem(Where(file, line, len(item.group(1)) + 1), hint)


def _value_slip(text: str, line: int, file: str) -> Problem | None:
    lines = text.splitlines()
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        match = _VALUE_START.match(lines[number - 1])
        if match:
            first = lines[number - 1][match.end(1)]
            hint = (
                f"以“{first}”开头的文字 YAML 会当成特殊写法；请给整段文字加引号，"
                f'例如 "{lines[number - 1][match.end(1) :].strip()}"'
            )
            if match.group(2) is None:
                hint = "引号或括号只括住了开头几个字，后面还有文字；请给整段文字加一对引号（里面的引号换成“”）"
                rest = lines[number - 1][match.end(1) :].strip()
                if rest.startswith("{"):  # `summary: {条数} 句话`: braces mean a mapping to YAML
                    hint = f'以“{{”开头的文字（如 {{条数}}）YAML 会当成花括号写法；请给整段文字加引号：“{rest}”写成 "{rest}"'
            return Problem(Where(file, number, match.end(1) + 1), hint)
    return None


def _unclosed_quote(text: str, line: int, file: str) -> Problem | None:
    """The last value before `line` whose opening quote its own line does not close."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), 0, -1):
        source = lines[number - 1]
        match = _OPENS_QUOTE.match(source)
        if match and not _closes(source[match.end() :], match.group(1)):
            hint = f"这一行的引号 {match.group(1)} 没有配对：文字结尾少了一个 {match.group(1)}"
            return Problem(Where(file, number, match.end()), hint)
        if "[" not in source:
            continue
        for item in _ITEM_QUOTE.finditer(source):  # an item of a [...] list
            if not _closes(source[item.end() :], item.group(1)):
                quote = item.group(1)
                hint = f"方括号列表里这一项的引号 {quote} 没有配对：这一项结尾少了一个 {quote}"
                return Problem(Where(file, number, item.end()), hint)
    return None


def _closes(rest: str, quote: str) -> bool:
    """Whether `rest` (after an opening quote) holds its closing quote."""
    if quote == "'":
        return "'" in rest.replace("''", "")
    return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None


def utf16_codec(raw: bytes) -> str | None:
    """The codec of UTF-16 text (Windows Notepad's "Unicode", some systems' exports without its
    byte-order mark): two bytes a character, every ASCII one next to a zero; None otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # the mark says which byte comes first
    head = raw[:200]
    if b"\x00" not in head:
        return None
    # ASCII's zero byte comes second in little-endian text (Windows), first in big-endian.
    return "utf-16-le" if head[1::2].count(0) >= head[::2].count(0) else "utf-16-be"


def is_utf16(raw: bytes) -> bool:
    return utf16_codec(raw) is not None


_REPLACEMENT: Final = "\ufffd"  # what a character no encoding could read became
_REOPEN: Final = (
    "请在编辑器里按 GBK 重新打开（VS Code：点右下角的编码，选“通过编码重新打开”），再用 UTF-8 保存"
)


def _decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    if is_utf16(raw):
        hint = "文件是 UTF-16 编码（记事本里叫 Unicode）；请在编辑器里用 UTF-8 重新保存"
        return None, [Problem(Where(file, 1, 1), hint)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        hint = (
            f"文件不是 UTF-8 编码（可能是 GBK）：{_REOPEN}（不先按 GBK 打开就另存，中文会变成乱码）"
        )
        return None, [Problem(Where(file, line, column), hint)]
    if _REPLACEMENT in text:
        # A GBK file opened as UTF-8 and saved: every Chinese character it could not read is
        # now �, for good. Read on, it would be hundreds of problems about the broken words.
        before = text[: text.index(_REPLACEMENT)]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        hint = (
            f"文件里有 {text.count(_REPLACEMENT)} 处“{_REPLACEMENT}”：这些字在转换编码时坏掉了"
            "（多半是 GBK 文件被当成 UTF-8 打开后又保存）。请取回原来的文件"
            f"（git checkout -- 这个文件，或编辑器里撤销）：{_REOPEN}；或把这几处的字重新打上"
        )
        return None, [Problem(Where(file, line, column), hint)]
    return text, []


_ODD_INDENT: Final = MappingProxyType(
    {
        "\t": "用了 Tab 缩进；YAML 只能用空格缩进（建议每层 2 个空格）",
        "\u3000": "用了全角空格缩进（中文输入法）；YAML 只能用半角空格缩进",
        "\u00a0": "缩进里有不换行空格（常见于从网页或文档复制的文字）；请改成普通的半角空格",
    }
)


def _tab_problems(text: str, file: str) -> list[Problem]:
    """Indentation YAML cannot read or reads wrongly: tabs, full-width and no-break spaces."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" " + "".join(_ODD_INDENT)))]
        odd = [ch for ch in indent if ch in _ODD_INDENT]
        if odd and line.strip():
            where = Where(file, number, indent.index(odd[0]) + 1)
            problems.append(Problem(where, _ODD_INDENT[odd[0]] + _spaces_for(text, number)))
    return problems


def _spaces_for(text: str, number: int) -> str:
    """How many spaces line `number` (1-based) takes, when its neighbours say it for sure: the
    key above opens a block (2 more), or the lines above and below are of its form (a key, or
    a "- " item) at one indent. Else nothing: a line after a block may close it, and only the
    editor knows which."""
    lines = text.splitlines()
    odd = " " + "".join(_ODD_INDENT)

    def neighbour(numbers: range) -> tuple[int, int, str] | None:
        for at in numbers:
            line = lines[at - 1]
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            lead = line[: len(line) - len(line.lstrip(odd))]
            return None if lead.strip(" ") else (at, len(lead), line.strip())
        return None

    above = neighbour(range(number - 1, 0, -1))
    if above is None:
        return ""
    at, spaces, body = above
    if body.endswith(":") and _KEY_AT.match(body):
        return f"；这一行要缩进 {spaces + 2} 个空格（比第 {at} 行多 2 个）"
    here = lines[number - 1].lstrip(odd)
    below = neighbour(range(number + 1, len(lines) + 1))
    if below is None or not _KEY_AT.match(body):
        return ""
    if here.startswith("- ") and body.startswith("- ") and below[2].startswith("- "):
        column = spaces  # an item between items
    elif _KEY_AT.match(here) and not here.startswith("- ") and _KEY_AT.match(below[2]):
        if below[2].startswith("- "):
            return ""
        column = spaces + 2 if body.startswith("- ") else spaces  # a field among fields
    else:
        return ""
    if below[1] != column:
        return ""
    return f"；这一行和第 {below[0]} 行一样，缩进 {column} 个空格"


# What git leaves in a file when two changes to the same lines meet (a merge, a rebase, a pull
# request's "resolve conflicts"): YAML reads them as a missing colon or worse.
_CONFLICT_MARK: Final = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?: |$)")


def _conflict_problems(text: str, file: str) -> list[Problem]:
    """Merge-conflict markers: one problem for each conflict, at its <<<<<<< line (or at the
    first marker left when that line went already)."""
    marked = [
        (n, line) for n, line in enumerate(text.splitlines(), 1) if _CONFLICT_MARK.match(line)
    ]
    starts = [n for n, line in marked if line.startswith("<")] or [n for n, _ in marked[:1]]
    return [
        Problem(
            Where(file, number, 1),
            "这里留着合并冲突的标记（<<<<<<<、=======、>>>>>>>）：两个人改了同一处；"
            "保留要的那一版，删掉另一版和这几行标记",
        )
        for number in starts
    ]


# `- name：午间轮休表` on one line: YAML reads a list item of text, "name：午间轮休表", which would
# reach staff as written. Only a field name the content has counts (FABE：… is text).
_KEY_AS_TEXT: Final = re.compile(r"^([A-Za-z_]+)\s*：")


def _key_as_text(
    node: yaml.ScalarNode, path: Path, file: str, keys: frozenset[str] | None
) -> list[Problem]:
    found = _KEY_AS_TEXT.match(node.value) if keys and not node.style else None
    if found is None or found.group(1) not in (keys or ()):
        return []
    start = node.start_mark
    message = _FULL_WIDTH_COLON.format(key=found.group(1))
    return [Problem(Where(file, start.line + 1, start.column + 1, path), message)]


# What a value's own lines show when YAML read the editor's text otherwise than meant.
_LOOKS_LIKE_ITEM: Final = re.compile(r"^\s*(?:- |[A-Za-z_]+:(?:\s|$))")
_COMMENT_AFTER: Final = re.compile(r"^\s+#")
# Text staff read holds characters beyond ASCII; after an id (ref: tai-gui  # 原来是 …) a
# comment is an editor's note, after such text it is more likely words YAML dropped.
_STAFF_TEXT: Final = re.compile(r"[^\x00-\x7f]")
_FLOW_COMMA: Final = re.compile("[，、]")


# Where a sentence ends: a list item's line that ends so and goes on in the next line is
# most likely two items, the "- " of the second left out (no item of content/ is wrapped so).
_SENTENCE_END: Final = re.compile(r"[。！？；!?]\s*$")


def _scalar_problems(
    node: yaml.ScalarNode, lines: list[str], file: str, *, in_list: bool = False
) -> list[Problem]:
    """Text YAML takes apart silently: a ` #` starts a comment that drops the rest of the line;
    a line indented deeper than its list is joined to the item above; a list item whose "- "
    was left out is joined to the item above; a quote left open runs on to the next quote,
    swallowing the lines between."""
    start, end = node.start_mark, node.end_mark
    plain = not node.style  # libyaml writes a plain scalar's style as "", PyYAML as None
    if plain and node.value[-1:] in ('"', "'") and node.value.count(node.value[-1]) % 2:
        quote = node.value[-1]
        hint = (
            f"文字末尾多了一个半角引号 {quote}，会原样显示给员工：多打的就删掉；"
            f"要给整段加引号，开头也要写一个 {quote}"
        )
        return [Problem(Where(file, end.line + 1, end.column), hint)]
    if plain:
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        if _COMMENT_AFTER.match(rest) and _STAFF_TEXT.search(node.value):
            hint = (
                "“ #”和它后面的文字被 YAML 当成了注释，不会出现在手册里；如果它是内容，"
                "请给整段文字加引号；如果是给编辑看的说明，请单独写一行"
            )
            return [Problem(Where(file, end.line + 1, end.column + rest.index("#") + 1), hint)]
    if end.line == start.line or node.style not in (None, "", '"', "'"):
        return []
    last = end.line if end.column else end.line - 1
    for number in range(start.line + 1, min(last + 1, len(lines))):
        if _LOOKS_LIKE_ITEM.match(lines[number]):
            indent = len(lines[number]) - len(lines[number].lstrip())
            if plain and not in_list and indent == start.column:
                # A field's text, then an item at the text's own column: the list's first
                # item lost its "- " (say:⏎ 第一句⏎ - 第二句), and YAML took the list for text.
                dash = _WRONG_DASH.match(node.value)
                said = "行首少了“- ”" if dash is None else _wrong_dash(dash)
                hint = f"这一行是列表的第一项，{said}：和下面各项的“- ”对齐"
                return [Problem(Where(file, start.line + 1, start.column + 1), hint)]
            if plain:
                hint = (
                    f"这一行缩进多了，被接在第 {start.line + 1} 行的文字后面；"
                    "列表项的“- ”和字段名要与上一项对齐"
                )
            else:
                quote = node.style
                hint = (
                    f"第 {start.line + 1} 行的引号 {quote} 没有配对，YAML 把后面几行都当成了"
                    f"它的文字；请在那一行文字结尾补上 {quote}"
                )
            return [Problem(Where(file, number + 1, 1), hint)]
    if plain and in_list:
        for number in range(start.line, min(last, len(lines))):
            if _SENTENCE_END.search(lines[number]):
                hint = (
                    f"这一行像是新的一项，却接在了第 {start.line + 1} 行那一项的后面："
                    "行首少了“- ”？要是同一项写成了两行，请把它们合成一行"
                )
                return [Problem(Where(file, number + 2, 1), hint)]
    return []


# Characters that Chinese writes without spaces between them: ideographs, CJK and full-width
# punctuation, curly quotes, the ellipsis and the dash.
_CJK: Final = "[\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_CJK_END, _CJK_START = re.compile(f"{_CJK}$"), re.compile(f"^{_CJK}")


def _unfolded(node: yaml.ScalarNode, lines: list[str]) -> str | None:
    """A plain scalar wrapped over several lines, as written: YAML joins the lines with a
    space, which between two Chinese characters (只会更着急，⏎转身) is a gap no editor
    typed. None when nothing is to change, or the lines do not fold to YAML's value."""
    start, end = node.start_mark, node.end_mark
    if node.style or end.line == start.line or end.line >= len(lines):
        return None
    parts = [lines[start.line][start.column :], *lines[start.line + 1 : end.line]]
    parts = [part.strip() for part in [*parts, lines[end.line][: end.column]]]
    folded, joined = parts[0], parts[0]
    breaks = 0
    for part in parts[1:]:
        if not part:
            breaks += 1
            continue
        gap = "\n" * breaks if breaks else " "
        tight = breaks == 0 and _CJK_END.search(joined) and _CJK_START.match(part)
        folded += gap + part
        joined += ("" if tight else gap) + part
        breaks = 0
    if folded != node.value or joined == folded:
        return None
    return joined


def _walk(
    node: yaml.Node,
    data: Any,
    path: Path,
    marks: Marks,
    doc_file: str,
    lines: list[str],
    keys: frozenset[str] | None,
) -> list[Problem]:
    marks.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    problems: list[Problem] = []
    if isinstance(node, yaml.ScalarNode):
        if not node.style and not isinstance(data, str) and node.value:
            marks.written[path] = node.value
        start = node.start_mark
        if not node.style and not node.value and start.line < len(lines):
            rest = lines[start.line][start.column :].strip()
            if rest.startswith("#"):
                marks.comments[path] = rest
        in_list = bool(path) and isinstance(path[-1], int)
        return _scalar_problems(node, lines, doc_file, in_list=in_list) or _key_as_text(
            node, path, doc_file, keys
        )
    if isinstance(node, yaml.MappingNode) and isinstance(data, dict):
        seen: dict[Any, int] = {}
        earlier: dict[Any, yaml.Node] = {}
        first = node.value[0][0].value if node.value else None
        new_item = False  # the item's first key again: its other keys again say nothing more
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            child = (*path, key)
            line = key_node.start_mark.line + 1
            if key in seen:
                where = Where(doc_file, line, key_node.start_mark.column + 1, child)
                if isinstance(dropped := earlier[key], yaml.ScalarNode):
                    marks.dropped.add(dropped.value)
                earlier[key] = value_node
                # Any key again in a list item: most often the next item, whose first line
                # was lost (a deleted "- kind: phrase" leaves its id behind, a deleted
                # "- text: …" of a near miss its why) or whose "- " was (its first key again).
                slip = bool(path) and isinstance(path[-1], int)
                if not new_item:
                    opening = None if key == first else _opening(node)
                    problems.append(
                        Problem(where, _twice(key, seen[key], new_item=slip, opening=opening))
                    )
                new_item = new_item or slip
                continue
            seen[key] = line
            earlier[key] = value_node
            marks.keys[child] = (line, key_node.start_mark.column + 1)
            if key in data:
                problems += _walk(value_node, data[key], child, marks, doc_file, lines, keys)
                if isinstance(value_node, yaml.ScalarNode) and isinstance(data[key], str):
                    data[key] = _unfolded(value_node, lines) or data[key]
    elif isinstance(node, yaml.SequenceNode) and isinstance(data, list):
        for index, (item_node, item) in enumerate(zip(node.value, data, strict=False)):
            problems += _walk(item_node, item, (*path, index), marks, doc_file, lines, keys)
            if isinstance(item_node, yaml.ScalarNode) and isinstance(item, str):
                data[index] = _unfolded(item_node, lines) or item
            plain_item = isinstance(item_node, yaml.ScalarNode) and not item_node.style
            if node.flow_style and plain_item and _FLOW_COMMA.search(str(item)):
                hint = (
                    "方括号列表里的项要用半角逗号“,”分开（这里是全角“，”或“、”，"
                    "整段被当成了一项）；如果这一项本来就含有逗号，请给它加引号"
                )
                start = item_node.start_mark
                problems.append(Problem(Where(doc_file, start.line + 1, start.column + 1), hint))
    return problems


def _opening(node: yaml.MappingNode) -> str:
    """The first line of an item as its editor wrote it, "kind: phrase", for a message."""
    key, value = node.value[0]
    if key.value == "kind" and isinstance(value, yaml.ScalarNode) and value.value:
        return f"{key.value}: {value.value}"
    return f"{key.value}: …"  # the item above's own words would read as the ones to restore


def _twice(key: str, before: int, *, new_item: bool, opening: str | None = None) -> str:
    """A key written twice in one mapping. The first key of a list item written again
    (`new_item`) is most often a new item whose "- " was left out; another of its keys again
    (`opening`, the item's first line) a new item whose first line was lost. Merging, as the
    plain message asks, would overwrite the item above."""
    message = f"字段“{key}”写了两次（第 {before} 行已有）"
    if new_item and opening:
        return (
            f"{message}：如果从这一行起是新的一条，它的第一行不见了（在这一行上面补上“- {opening}”这样的一行，"
            "和上一条的“- ”对齐）；如果不是，请把两处合并成一个"
        )
    if new_item:
        return (
            f"{message}：如果从这一行起是新的一条，行首少了“- ”（写成“- {key}: …”，"
            "和上一条的“- ”对齐）；如果不是，请把两处合并成一个"
        )
    return f"{message}；请合并成一个"


def _compose(text: str, loader_class: type[yaml.SafeLoader]) -> tuple[yaml.Node | None, Any]:
    """The node tree (with line marks) and the plain data built from it."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def is_blank(text: str) -> bool:
    """Nothing but white space and comments: an empty file, maybe emptied by mistake."""
    return not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


def on_its_line(root: FsPath, where: Where) -> Where:
    """A value's own line: the model keeps the line of the object holding it only, so the file
    under `root` is read again (only for what is reported, which is little)."""
    doc, _problems = read_yaml(root / FsPath(where.file).name, where.file)
    return doc.where(where.path) if doc is not None else where


def read_yaml(
    path: FsPath, file: str, keys: frozenset[str] | None = None, *, required: bool = False
) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `path` (shown to editors as `file`); return the document or the problems.
    `keys`, the field names the content has, sharpens the guess at a mistyped key; a
    `required` file is one the handbook cannot do without."""
    text, problems = _decode(path.read_bytes(), file)
    if text is None:
        return None, problems
    problems = _conflict_problems(text, file) or _tab_problems(text, file)
    if problems:
        return None, problems
    if is_blank(text):
        fix = (
            "这个文件是手册必需的，不能删除"
            if required
            else "或删除这个文件（文件恢复以前，别处引用的 id 先不检查）"
        )
        undo = "刚清空的，在编辑器里撤销，或运行 git checkout -- 这个文件 取回上次提交的内容"
        return None, [Problem(Where(file, 1, 0), f"文件是空的；请写入内容，{fix}（{undo}）")]
    try:
        node, data = _compose(text, FAST_LOADER)
    except yaml.YAMLError:
        # libyaml words its errors differently; the pure-Python parser gives the messages
        # (and marks) that _translate knows, so broken files are parsed a second time.
        try:
            node, data = _compose(text, yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            slip = (
                _outdented_item(text, line, file)
                or _shallower_key(text, line, column, file)
                or _key_slip(text, line, file, keys)
                or _dashless_item(text, line, file)
                or _dashless_first_item(text, line, file)
                or _nameless_list(text, line, file)
                or _deeper_key(text, line, file)
                or _value_slip(text, line, file)
                or _unclosed_quote(text, line, file)
                or _shifted_item(text, line, column, file)
                if line
                else None
            )
            if slip is not None:
                return None, [slip]
            message = _translate(f"{error.problem or ''} {error.context or ''}".strip())
            lines = text.splitlines()
            here = lines[line - 1] if 0 < line <= len(lines) else ""  # (not at the end)
            if _CHINESE_QUOTED.match(here):
                message += '（中文引号“”不算引号：要用英文引号，写成 "……"）'
            return None, [Problem(Where(file, line, column), message)]
        except yaml.YAMLError as error:
            return None, [Problem(Where(file), _translate(str(error)))]
    marks = Marks()
    lines = text.splitlines()
    problems = _walk(node, data, (), marks, file, lines, keys) if node is not None else []
    return YamlDocument(file, data, marks), [*_anchor_problems(lines, file), *problems]


# `reason: &r 用命令…`: YAML takes "&r" for an anchor (a name to repeat the value by) and
# drops it from the text without a word; an editor meant it as part of the text.
_ANCHOR: Final = re.compile(r"^(\s*(?:- +)*(?:[A-Za-z_]+: +)?)&(\S+)")


def _anchor_problems(lines: list[str], file: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(lines, start=1):
        anchor = _ANCHOR.match(line)
        if anchor:
            said = (
                f"文字以“&{anchor.group(2)}”开头，YAML 会把它当成锚点（一种特殊写法）从文字里去掉；"
                "请给整段文字加引号"
            )
            problems.append(Problem(Where(file, number, len(anchor.group(1)) + 1), said))
    return problems
