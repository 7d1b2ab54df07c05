"""A chapter file deleted, or overwritten, since the last commit (git HEAD): the ids it held,
read from the commit, and one message for it. Without them every reference to its entries
reads as a reference to an entry that was deleted, and the advice at each (take the id out)
would wreck the files that rightly cite it."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Container, Iterable
from pathlib import Path
from typing import Final

from .problems import Problem
from .where import Where

# Whatever could be an id in a file's text: a reference to one of these may be to that file.
ID_WORD: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _git(folder: Path, *args: str) -> bytes | None:
    """git's output, or None outside a checkout, without git, or for a path HEAD lacks."""
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def committed_text(folder: Path, name: str) -> str | None:
    """The file `name` of `folder` (content/) as the last commit has it, if it has it."""
    text = _git(folder, "show", f"HEAD:./{name}")
    return None if text is None else text.decode("utf-8", "replace")


def _committed_ids(folder: Path, names: set[str]) -> dict[str, frozenset[str]]:
    """For each file of `names` (in `folder`, content/) that HEAD has: the words of its
    committed text that could be ids."""
    found: dict[str, frozenset[str]] = {}
    for name in sorted(names):
        text = committed_text(folder, name)
        if text is not None:
            found[name] = frozenset(ID_WORD.findall(text))
    return found


def _committed_files(folder: Path) -> set[str]:
    """The .yml files HEAD has in `folder` (none outside a git checkout)."""
    listing = _git(folder, "ls-tree", "--name-only", "HEAD", "./")
    if listing is None:
        return set()
    return {Path(line).name for line in listing.decode("utf-8").split() if line.endswith(".yml")}


def lost_files(folder: Path, broken: set[str]) -> dict[str, frozenset[str]]:
    """The files of `folder` (content/) the last commit has that are gone now, or `broken`
    (their top level no longer a mapping: overwritten), with the ids they held."""
    present = {p.name for p in folder.glob("*.yml")}
    gone = (_committed_files(folder) - present) | broken
    return _committed_ids(folder, gone) if gone else {}


def lost_file_problems(
    folder: Path,
    lost: dict[str, frozenset[str]],
    references: Iterable[tuple[str, str]],
    known: Container[str],
) -> list[Problem]:
    """A deleted file still cited, by `references` (the file each is in, the id it names) to
    ids no longer `known`: once, at the file, with where it is cited (an overwritten one is
    told at its first line already)."""
    present = {p.name for p in folder.glob("*.yml")}
    cited = [(file, target) for file, target in references if target not in known]
    problems = []
    for name, ids in lost.items():
        citing: dict[str, int] = {}
        for file, target in cited:
            if target in ids:
                citing[file] = citing.get(file, 0) + 1
        if name in present or not citing:
            continue  # overwritten, or deleted on purpose with everything that cited it
        where = "、".join(f"{Path(file).name} {count} 处" for file, count in citing.items())
        path = f"{folder.name}/{name}"
        problems.append(
            Problem(
                Where(path),
                f"这个文件不见了（上一次提交里还有），别的文件里还有 {sum(citing.values())} 处"
                f"引用它的条目（{where}）。误删的话，运行 git checkout -- {path} 取回；"
                "确实要删掉这一章的话，先取回它，把这些引用改掉，再删文件",
            )
        )
    return problems
