"""A chapter file deleted or overwritten since the last commit: told once, at the file, not as
dozens of references to deleted entries whose advice (take the id out) would wreck the files
that rightly cite them (an editors' audit)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .support.content import delete_entry, problems_of
from .support.fixture import CONTENT as FIXTURE_CONTENT
from .support.git import commit, git


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The fixture handbook's content, committed in a repository of its own."""
    repo = tmp_path / "repo"
    folder = Path(shutil.copytree(FIXTURE_CONTENT, repo / "content"))
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "base", "content")
    return folder


def test_a_deleted_file_still_cited_is_told_once_at_the_file(content: Path) -> None:
    (content / "phrasing.yml").unlink()
    problems = problems_of(content)
    assert problems[0].startswith("content/phrasing.yml: 这个文件不见了（上一次提交里还有）")
    assert "basics.yml" in problems[0] and "git checkout -- content/phrasing.yml" in problems[0]
    assert [p for p in problems if "不存在" in p] == []


def test_an_overwritten_file_is_told_at_its_first_line_only(content: Path) -> None:
    (content / "phrasing.yml").write_text("- a\n- b\n", encoding="utf-8")
    [problem] = problems_of(content)
    assert problem.startswith("content/phrasing.yml:1:1: 文件最外层应为映射")


def test_a_reference_to_no_entry_ever_written_is_still_named(content: Path) -> None:
    """git is asked, and nothing it holds hides a reference that never had an entry."""
    (content / "phrasing.yml").unlink()
    basics = content / "basics.yml"
    text = basics.read_text(encoding="utf-8")
    basics.write_text(text.replace("avoid: [ni-nongcuo]", "avoid: [ni-nongcuo, mei-you-zhe-tiao]"))
    problems = problems_of(content)
    assert any("“mei-you-zhe-tiao” 不存在" in p for p in problems), problems
    assert not any("“ni-nongcuo” 不存在" in p for p in problems), problems


def test_a_deleted_courseware_entry_is_told_at_its_references_to_put_it_back(
    content: Path,
) -> None:
    """Each reference to a deleted courseware entry said to take the id out of the list; an
    editor did, and only then heard the courseware's section had lost an entry."""
    delete_entry(content / "phrasing.yml", "ni-nongcuo")
    [problem] = problems_of(content)
    assert problem.startswith("content/basics.yml:")
    assert "“ni-nongcuo” 是原课件的条目（上一次提交时在 content/phrasing.yml 里）" in problem
    assert "这里的引用也不要去掉" in problem and "去掉" not in problem.split("不要去掉")[1]


def test_a_deleted_entry_of_the_editors_is_a_reference_to_take_out(content: Path) -> None:
    phrasing = content / "phrasing.yml"
    text = phrasing.read_text(encoding="utf-8")
    at = text.index("        id: ni-nongcuo\n")
    source = text.index("        source: ceshi-kejian\n", at)
    mine = "        source: editors\n        editor_note: 编辑写的\n"
    phrasing.write_text(text[:source] + mine + text[source + 29 :], encoding="utf-8")
    commit(content.parent, "the editors' own", "content")
    delete_entry(phrasing, "ni-nongcuo")
    [problem] = problems_of(content)
    assert "“ni-nongcuo” 不存在" in problem and "原课件" not in problem
