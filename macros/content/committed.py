"""content/ as the last commit has it (git HEAD): the ids of a chapter file deleted, or
overwritten, since. Without them every reference to its entries reads as a reference to an
entry that was deleted, and the advice at each (take the id out) would wreck the files that
rightly cite it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Final

# Whatever could be an id in a file's text: a reference to one of these may be to that file.
ID_WORD: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _git(folder: Path, *args: str) -> bytes | None:
    """git's output, or None outside a checkout, without git, or for a path HEAD lacks."""
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def committed_ids(folder: Path, names: set[str]) -> dict[str, frozenset[str]]:
    """For each file of `names` (in `folder`, content/) that HEAD has: the words of its
    committed text that could be ids."""
    found: dict[str, frozenset[str]] = {}
    for name in sorted(names):
        text = _git(folder, "show", f"HEAD:./{name}")
        if text is not None:
            found[name] = frozenset(ID_WORD.findall(text.decode("utf-8", "replace")))
    return found


def committed_files(folder: Path) -> set[str]:
    """The .yml files HEAD has in `folder` (none outside a git checkout)."""
    listing = _git(folder, "ls-tree", "--name-only", "HEAD", "./")
    if listing is None:
        return set()
    return {Path(line).name for line in listing.decode("utf-8").split() if line.endswith(".yml")}
