"""Throwaway git repositories for tests of what reads content history (change summaries, files
deleted since the last commit)."""

from __future__ import annotations

import subprocess
from pathlib import Path

# Commits need a name and an address; the test machine may have none configured.
IDENTITY = ("-c", "user.name=t", "-c", "user.email=t@t")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def commit(repo: Path, message: str, *paths: str) -> None:
    """Stage `paths` (all of them: -A) and commit them."""
    git(repo, "add", "-A", *paths)
    git(repo, *IDENTITY, "commit", "-q", "-m", message)
