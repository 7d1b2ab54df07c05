"""When content last changed, from git: shown on each page so staff know how current it is."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def last_changed(*files: str) -> str | None:
    """The newest commit date (YYYY-MM-DD) touching `files`, or None outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *files],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    date = result.stdout.strip()
    return date if result.returncode == 0 and date else None
