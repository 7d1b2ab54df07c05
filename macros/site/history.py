"""When content last changed, from git: shown on each page so staff know how current it is."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# What the dates are read from: every page is dated by files in this folder.
DATED: str = "content"


@dataclass(frozen=True)
class Change:
    date: str  # YYYY-MM-DD, the commit date
    short: str  # abbreviated commit hash


@dataclass
class GitDates:
    """Newest commit touching a set of files under content/, from one `git log` per build.

    The log follows the first parent: on a branch that takes changes by merge (a pull request),
    a file changed when the merge that brought the change landed, which is what staff read as
    the content's date and what names the version they see.
    """

    repo: Path
    _log: list[tuple[Change, frozenset[str]]] | None = field(default=None, repr=False)

    def last_changed(self, *files: str) -> str | None:
        """The newest commit date (YYYY-MM-DD) touching `files`, or None outside a git checkout."""
        change = self._newest(files)
        return change.date if change else None

    def version(self, *files: str) -> str | None:
        """Which content a build shows, for printouts: "2026-12-01 · 1a2b3c4" (the newest commit
        touching `files`: its date and short hash), or None outside a git checkout."""
        change = self._newest(files)
        return f"{change.date} · {change.short}" if change else None

    def _newest(self, files: tuple[str, ...]) -> Change | None:
        """`files` are paths under content/ or the folder itself; the log is newest first."""
        folders = tuple(f.rstrip("/") + "/" for f in files)
        for change, names in self._changes():
            if any(name in files or name.startswith(folders) for name in names):
                return change
        return None

    def _changes(self) -> list[tuple[Change, frozenset[str]]]:
        if self._log is None:
            self._log = _read_log(self.repo)
        return self._log


def _read_log(repo: Path) -> list[tuple[Change, frozenset[str]]]:
    """Each first-parent commit that touched content/, newest first, with the files it
    changed; empty outside a git checkout (or without git)."""
    try:
        result = subprocess.run(
            [
                "git",
                "log",
                "--first-parent",
                "-m",
                "--name-only",
                "--format=%x00%cs %h",
                "--",
                DATED,
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if result.returncode != 0:
        return []
    changes = []
    for record in result.stdout.split("\0")[1:]:
        head, _, names = record.partition("\n")
        date, _, short = head.strip().partition(" ")
        touched = frozenset(line for line in names.splitlines() if line)
        if date and short and touched:
            changes.append((Change(date, short), touched))
    return changes
