"""The change summary on a fixture repository: additions, edits, reorders, moves and deletions."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.content.changes import summarize_revisions

from .support import ROOT


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def read(repo: Path, name: str) -> Any:
    return yaml.safe_load((repo / "content" / name).read_text(encoding="utf-8"))


def write(repo: Path, name: str, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (repo / "content" / name).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(
        repo,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "empty",
    )
    git(repo, "add", "content")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base")
    return repo


def commit(repo: Path) -> None:
    git(repo, "add", "-A", "content")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "change")


NEW_PHRASE = {
    "kind": "phrase",
    "id": "test-ni-tai-man",
    "text": "你动作太慢了",
    "reason": "指责客户，让人难堪。",
    "alternatives": ["您别着急，我来帮您一起填。"],
    "source": "editors",
    "editor_note": "测试用",
}


def test_summary_names_what_changed_in_words(repo: Path) -> None:
    phrasing = read(repo, "phrasing.yml")
    first, second = phrasing["sections"][0], phrasing["sections"][1]
    first["entries"].append(dict(NEW_PHRASE))  # addition
    first["entries"][0]["reason"] += "（修订）"  # edit
    first["entries"][1], first["entries"][2] = first["entries"][2], first["entries"][1]  # reorder
    moved = second["entries"].pop(0)  # move to the first section
    first["entries"].append(moved)
    write(repo, "phrasing.yml", phrasing)

    checklists = read(repo, "checklists.yml")
    checklist = checklists["checklists"][0]
    checklist["items"][2]["text"] += "（新）"  # edit an item
    write(repo, "checklists.yml", checklists)

    quizzes = read(repo, "quizzes.yml")
    deleted = quizzes["questions"].pop(0)  # deletion
    write(repo, "quizzes.yml", quizzes)
    commit(repo)

    lines = summarize_revisions(repo, "HEAD~1", "HEAD")
    assert sorted(lines) == sorted(
        [
            "新增禁语 1 条：你动作太慢了",
            f"删除题目 1 道：{deleted['id']}",
            f"修改禁语 {first['entries'][0]['text']}：理由",
            f"修改检查表 {checklist['title']} 第 3 项：文字",
            f"调整顺序：小节 {first['title']}",
            f"移动禁语 {moved['text']}：从 小节 {second['title']} 移到 小节 {first['title']}",
        ]
    )


def test_no_change_says_so(repo: Path) -> None:
    assert summarize_revisions(repo, "HEAD", "HEAD") == ["内容没有变化。"]


def test_working_tree_is_compared_when_no_second_revision(repo: Path) -> None:
    phrasing = read(repo, "phrasing.yml")
    phrasing["sections"][0]["entries"].append(dict(NEW_PHRASE))
    write(repo, "phrasing.yml", phrasing)
    assert summarize_revisions(repo, "HEAD") == ["新增禁语 1 条：你动作太慢了"]


def test_old_revision_the_model_cannot_read_falls_back_to_files(repo: Path) -> None:
    (repo / "content" / "course.yml").write_text("title: [broken\n", encoding="utf-8")
    commit(repo)
    shutil.copy(ROOT / "content" / "course.yml", repo / "content" / "course.yml")
    commit(repo)
    lines = summarize_revisions(repo, "HEAD~1", "HEAD")
    assert lines[0].startswith("旧版本 HEAD~1 的内容不符合现在的内容模型")
    assert lines[1:] == ["修改文件 content/course.yml"]
