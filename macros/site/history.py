"""When content last changed, from git: shown on each page so staff know how current it is."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GitDates:
    """Newest commit date of files in one repository, asked of git once per set of files."""

    repo: Path
    _known: dict[tuple[str, tuple[str, ...]], str | None] = field(default_factory=dict)

    def last_changed(self, *files: str) -> str | None:
        """The newest commit date (YYYY-MM-DD) touching `files`, or None outside a git checkout."""
        return self._ask(files, "%cs")

    def version(self, *files: str) -> str | None:
        """Which content a build shows, for printouts: "2026-12-01 · 1a2b3c4" (the newest commit
        touching `files`: its date and short hash), or None outside a git checkout."""
        return self._ask(files, "%cs · %h")

    def _ask(self, files: tuple[str, ...], form: str) -> str | None:
        if (form, files) not in self._known:
            self._known[form, files] = self._run(files, form)
        return self._known[form, files]

    def _run(self, files: tuple[str, ...], form: str) -> str | None:
        try:
            result = subprocess.run(
                ["git", "log", "-1", f"--format={form}", "--", *files],
                cwd=self.repo,
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        answer = result.stdout.strip()
        return answer if result.returncode == 0 and answer else None
