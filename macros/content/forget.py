"""Forgetting an id content/ no longer has, in the files outside it that name content ids.

An editor who deletes an entry of their own met one problem for each place the tests' data
named it (75 for one 禁语: its corpus sentences, the query sets, the search judgments), each
telling them to delete the id, which for a corpus sentence was wrong: a sentence with no
phrase is labelled fine, and the tone check would learn a brush-off as fine wording.

What forgetting does, line by line as `rename.py` does (nothing else in a file moves):
- a flow list (`phrases: [a, b]`, `expect: [a, b]`): the id goes from the list;
- a corpus sentence left with no phrase: labelled `yuqi`, the tone check's (it is still a
  brush-off, now one the handbook does not list);
- a query whose `expect` named only it (`- {q: …, expect: [a]}`, or over lines): the query goes;
- a pooled judgment of it (`- q: …` with `id: a` under it) or a second assessor's pick of it
  (`best: a`): the whole record goes, as the query does (the agreement is counted on the rest;
  left for a person, `check` named it until a developer came, and forget could not help).
Anything else that names it (a coverage map, test code) is left and listed: there the id
stood for a fact someone must state again.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .phrase_spec import TONE_ID
from .rename import ID_WORD

_FLOW_LIST = re.compile(r"(\b[a-z_]+):\s*\[([^\[\]]*)\]")
_RECORD_ID = re.compile(r"^(\s*)(?:id|best):\s*(\S+)\s*$")  # a judgment's own pick


@dataclass(frozen=True)
class Forgotten:
    """One line changed or removed (after is None), or left for a person (left is True)."""

    path: Path
    line: int
    before: str
    after: str | None
    left: bool = False


def _without(line: str, ident: str) -> str | None:
    """The line with `ident` out of its flow list; None when the line must go (a one-line
    query left with nothing to expect, a second assessor's pick of it); the line unchanged
    when neither applies."""

    def drop(found: re.Match[str]) -> str:
        key, items = found.group(1), [i.strip() for i in found.group(2).split(",")]
        if ident not in items:
            return found.group()
        kept = [i for i in items if i and i != ident]
        if not kept and key == "phrases":
            kept = [TONE_ID]
        return f"{key}: [{', '.join(kept)}]"

    after = _FLOW_LIST.sub(drop, line)
    if after.strip().startswith("- {") and (
        re.search(r"\bexpect:\s*\[\]", after)
        or re.search(rf"\bbest:\s*{re.escape(ident)}\s*[,}}]", after)
    ):
        return None
    return after


def _item(lines: list[str], at: int) -> tuple[int, int] | None:
    """The lines [start, end) of the list item (`- q: …` and the lines indented under it)
    whose own field is line `at`; None when that line is no field of a list item."""
    indent = len(lines[at]) - len(lines[at].lstrip())
    start = at
    while start > 0 and not lines[start].lstrip().startswith("- "):
        start -= 1
    dash = len(lines[start]) - len(lines[start].lstrip())
    if not lines[start].lstrip().startswith("- ") or indent not in (dash, dash + 2):
        return None
    end = start + 1
    while end < len(lines):
        text = lines[end]
        if text.strip() and len(text) - len(text.lstrip()) <= dash:
            break
        end += 1
    return start, end


def forget_in(paths: Iterable[Path], ident: str) -> list[Forgotten]:
    """Take `ident` out of the YAML files among `paths`; every line changed, removed or left
    (a .py file, a coverage map or a form not listed above: a person must decide)."""
    word = re.compile(ID_WORD.format(re.escape(ident)))
    done: list[Forgotten] = []
    for path in paths:
        raw = path.read_bytes()
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        lines = raw[len(bom) :].decode("utf-8").splitlines(keepends=True)
        fixable = path.suffix == ".yml" and path.parent.name != "coverage"
        changed = False
        at = 0
        gone = 0  # lines removed above: what is reported is where a line was
        while at < len(lines):
            line = lines[at]
            if not word.search(line):
                at += 1
                continue
            before = line.rstrip("\r\n")
            after = _without(line, ident) if fixable else line
            # a judgment of it, or a query left with nothing to expect: the whole item goes
            whole = after is not None and (
                _RECORD_ID.match(before) or re.search(r"\bexpect:\s*\[\]", after)
            )
            record = _item(lines, at) if fixable and whole else None
            if record:
                start, end = record
                done += [
                    Forgotten(path, n + 1 + gone, lines[n].rstrip("\r\n"), None)
                    for n in range(start, end)
                ]
                del lines[start:end]
                gone += end - start
                changed = True
                at = start
                continue
            if after is None:
                done.append(Forgotten(path, at + 1 + gone, before, None))
                del lines[at]
                gone += 1
                changed = True
                continue
            if word.search(after):  # not a form this knows
                done.append(Forgotten(path, at + 1 + gone, before, before, left=True))
            else:
                done.append(Forgotten(path, at + 1 + gone, before, after.rstrip("\r\n")))
                lines[at] = after
                changed = True
            at += 1
        if changed:
            path.write_bytes(bom + "".join(lines).encode("utf-8"))
    return done
