"""The content dates and versions pages show, read from one `git log` per build."""

from __future__ import annotations

import subprocess
from pathlib import Path

from macros.site.history import GitDates

from ..support.git import IDENTITY


def _git(repo: Path, *args: str, date: str = "2025-01-01T10:00:00") -> str:
    env = {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "PATH": "/usr/bin:/bin",
    }
    identity = [*IDENTITY, "-c", "init.defaultBranch=main"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _repository(repo: Path, date: str) -> None:
    """A checkout whose first commit adds content/a.yml and content/b.yml on `date`."""
    _git(repo, "init", "-q")
    _write(repo, "content/a.yml", "a: 1\n")
    _write(repo, "content/b.yml", "b: 1\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "both", date=date)


def test_each_set_of_files_is_dated_by_its_newest_change(tmp_path: Path) -> None:
    _repository(tmp_path, "2025-03-04T10:00:00")
    _write(tmp_path, "content/b.yml", "b: 2\n")
    _write(tmp_path, "docs/page.md", "x\n")  # outside content/: dates nothing
    _git(tmp_path, "commit", "-qam", "b", date="2025-05-06T10:00:00")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "docs", date="2025-07-08T10:00:00")
    head_b = _git(tmp_path, "log", "-1", "--format=%h", "--", "content/b.yml")

    dates = GitDates(tmp_path)
    assert dates.last_changed("content/a.yml") == "2025-03-04"
    assert dates.last_changed("content/b.yml") == "2025-05-06"
    assert dates.last_changed("content/a.yml", "content/b.yml") == "2025-05-06"
    assert dates.last_changed("content") == "2025-05-06"
    assert dates.version("content/b.yml") == f"2025-05-06 · {head_b}"
    assert dates.last_changed("content/never.yml") is None


def test_a_merged_change_dates_from_the_merge(tmp_path: Path) -> None:
    """A pull request's change reaches the published content when it is merged."""
    _repository(tmp_path, "2025-01-01T10:00:00")
    _git(tmp_path, "checkout", "-qb", "edit")
    _write(tmp_path, "content/a.yml", "a: 2\n")
    _git(tmp_path, "commit", "-qam", "edit a", date="2025-02-01T10:00:00")
    _git(tmp_path, "checkout", "-q", "main")
    _write(tmp_path, "content/b.yml", "b: 2\n")
    _git(tmp_path, "commit", "-qam", "edit b", date="2025-03-01T10:00:00")
    _git(tmp_path, "merge", "-q", "--no-edit", "edit", date="2025-04-01T10:00:00")
    merge = _git(tmp_path, "log", "-1", "--format=%h")

    dates = GitDates(tmp_path)
    assert dates.version("content/a.yml") == f"2025-04-01 · {merge}"
    assert dates.last_changed("content/b.yml") == "2025-03-01"


def test_outside_a_git_checkout_there_are_no_dates(tmp_path: Path) -> None:
    _write(tmp_path, "content/a.yml", "a: 1\n")
    dates = GitDates(tmp_path)
    assert dates.last_changed("content") is None
    assert dates.version("content/a.yml") is None
