"""The files outside content/ that name content ids (pyproject.toml, [tool.handbook]
id-followers) name only ids the content has, and `python -m macros rename` changes an id in
content/ and in them alike, touching nothing else.

An editor who renamed an id by hand, or deleted an entry, got fifteen failures in English from
the tests that read these files, and no word of how to put it right.
"""

from __future__ import annotations

import argparse
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from macros.cli import forget, rename
from macros.content.coverage import coverage_problems
from macros.content.forget import forget_in
from macros.content.handbook import Handbook
from macros.content.id_followers import followers, named_ids, stale_ids
from macros.content.loader import load_content
from macros.content.problems import ContentError
from macros.content.rename import rename_in

from .support import ROOT
from .support.content import delete_entry


def test_the_files_that_name_content_ids_name_only_ids_the_content_has(
    handbook: Handbook,
) -> None:
    files = followers(ROOT)
    assert len(files) > 10 and any(f.parent.name == "coverage" for f in files)
    named = [ident for path in files if path.suffix == ".yml" for _, ident in named_ids(path)]
    assert len(named) > 1000
    # What `python -m macros check` tells editors, on the content as it is.
    stale = stale_ids(handbook, ROOT)
    assert stale == [], "\n".join(map(str, stale))


def project_with_followers(tmp_path: Path) -> Path:
    """content/ and every file that names its ids, in a folder of their own."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "docs", project / "docs")  # pages a result may open, by name
    shutil.copy(ROOT / "pyproject.toml", project)
    for path in followers(ROOT):
        (project / path.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, project / path.relative_to(ROOT))
    return project


# These tests name no content id themselves: renaming it would rewrite them too.
ID_WORD = re.compile(r"(?<![A-Za-z0-9_-])[a-z0-9]+(?:-[a-z0-9]+)+(?![A-Za-z0-9_-])")


def test_rename_changes_the_id_and_every_mention_and_nothing_else(
    handbook: Handbook, tmp_path: Path
) -> None:
    project = project_with_followers(tmp_path)
    # An id named in content/ and the query sets that also begins longer ids, which must stay.
    queries = (ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8")
    old = next(
        ident
        for ident in sorted(handbook.by_id)
        if any(other.startswith(f"{ident}-") for other in handbook.by_id)
        and ident in ID_WORD.findall(queries)
    )
    new = f"{old}-xin"
    longer = [i for i in handbook.by_id if i.startswith(f"{old}-")]
    assert new not in handbook.by_id
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    args = argparse.Namespace(old=old, new=new)
    assert rename.run(args, root=project) == 0
    renamed = load_content(project / "content")
    assert new in renamed.by_id and old not in renamed.by_id
    assert set(longer) <= set(renamed.by_id)
    changed = 0
    for path, bytes_before in before.items():
        after = path.read_bytes()
        if after == bytes_before:
            continue
        changed += 1
        # Only the id moved: put the old one back and the file is as it was, byte for byte.
        text = ID_WORD.sub(lambda m: old if m.group() == new else m.group(), after.decode())
        assert text.encode("utf-8") == bytes_before, path
    assert changed >= 3  # content/ and the query sets at least
    assert rename.run(args, root=project) == 1  # the old id is gone now


def test_rename_changes_the_tests_that_name_the_id_so_they_pass_after_it(
    handbook: Handbook, tmp_path: Path
) -> None:
    """An editor renamed a 禁语 as CONTRIBUTING says; `rename` reported 内容检查通过, and CI
    failed in English: a search test named the old id in its Python code."""
    project = project_with_followers(tmp_path)
    search_test = (ROOT / "tests" / "test_search.py").read_text(encoding="utf-8")
    old = next(i for i in ID_WORD.findall(search_test) if i in handbook.by_id)
    new = f"{old}-xin"
    assert rename.run(argparse.Namespace(old=old, new=new), root=project) == 0
    still = [
        path.relative_to(project)
        for path in project.rglob("*")
        if path.is_file() and old in ID_WORD.findall(path.read_text(encoding="utf-8"))
    ]
    assert still == []
    assert new in ID_WORD.findall((project / "tests" / "test_search.py").read_text())


def test_in_python_only_strings_and_comments_are_renamed(tmp_path: Path) -> None:
    """A one-word id may spell a name in the code; that name is not the id."""
    code = tmp_path / "test_x.py"
    code.write_text(
        'zhanwei = ["zhanwei", zhanwei + "/zhanwei"]  # zhanwei\n'
        '"""zhanwei\nsays zhanwei"""\nprint(zhanwei)\n',
        encoding="utf-8",
    )
    changed = rename_in([code], "zhanwei", "xinming")
    assert code.read_text(encoding="utf-8") == (
        'zhanwei = ["xinming", zhanwei + "/xinming"]  # xinming\n'
        '"""xinming\nsays xinming"""\nprint(zhanwei)\n'
    )
    assert [change.line for change in changed] == [1, 2, 3]


def test_rename_finishes_an_id_an_editor_changed_by_hand(
    handbook: Handbook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor changed an id at its `id:` line: check named each reference as missing (and
    to delete it), rename refused (content with problems; the old id gone, the new one taken).
    Rename now finishes it: every reference and the tests' data follow, nothing else moves."""
    project = project_with_followers(tmp_path)
    named = [i for p in (ROOT / "content").glob("*.yml") for i in ID_WORD.findall(p.read_text())]
    old = next(e.id for e in handbook.entries("phrase") if named.count(e.id) >= 2)
    new = "zhe-shi-xin-bianhao"  # not close to it: check's advice is not 是不是想写 it
    [path] = [p for p in (project / "content").glob("*.yml") if f"id: {old}\n" in p.read_text()]
    path.write_text(path.read_text().replace(f"id: {old}\n", f"id: {new}\n"), encoding="utf-8")
    with pytest.raises(ContentError) as dangling:
        load_content(project / "content")
    assert f"macros rename {old} 新编号" in str(dangling.value)
    assert rename.run(argparse.Namespace(old=old, new=new), root=project) == 0
    assert "接着把写着" in capsys.readouterr().out
    renamed = load_content(project / "content")
    assert new in renamed.by_id and old not in renamed.by_id
    assert all(old not in ID_WORD.findall(p.read_text()) for p in followers(project))
    assert stale_ids(renamed, project) == []
    # The same when the editor changed the references too (as 是不是想写 asks) and check
    # named the tests' data: rename finishes there.
    back = project_with_followers(tmp_path / "again")
    for file in (back / "content").glob("*.yml"):
        file.write_text(re.sub(rf"\b{old}\b(?!-)", new, file.read_text()), encoding="utf-8")
    assert stale_ids(load_content(back / "content"), back)
    assert rename.run(argparse.Namespace(old=old, new=new), root=back) == 0
    assert stale_ids(load_content(back / "content"), back) == []
    # Any other problem still stops it: rename does not guess.
    other = project / "content" / "phrasing.yml"
    other.write_text(other.read_text() + "\n\tbroken: [\n", encoding="utf-8")
    assert rename.run(argparse.Namespace(old=new, new=f"{new}-2"), root=project) == 1


def test_rename_refuses_an_id_in_use_or_malformed(
    handbook: Handbook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    old, taken = list(handbook.by_id)[:2]
    for new in (taken, "Tai Gui", "太贵"):
        args = argparse.Namespace(old=old, new=new)
        assert rename.run(args, root=project) == 1
    assert rename.run(argparse.Namespace(old=old[:-1], new="xin-bianhao"), root=project) == 1
    assert f"是不是想写 {old!r}" in capsys.readouterr().err
    assert not [
        p
        for p in (project / "content").glob("*.yml")
        if p.read_bytes() != (ROOT / "content" / p.name).read_bytes()
    ]


def delete_phrase(content: Path, ident: str) -> None:
    """Delete a 禁语 from content/phrasing.yml as an editor does: its whole entry."""
    delete_entry(content / "phrasing.yml", ident)


def test_forget_takes_a_deleted_entrys_id_out_of_the_tests_data(
    handbook: Handbook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor deleted a 禁语 of their own (CONTRIBUTING allows it): `check` named 75 places
    in the tests' data, each saying to delete the id, which for a corpus sentence labelled it
    fine wording. `forget` does it: the sentence stays a brush-off (yuqi), a query with
    nothing left to expect goes, and so does a judgment of the entry; nothing else moves."""
    project = project_with_followers(tmp_path)
    corpus = project / "tests" / "checker_corpus.yml"
    in_code = {
        i for p in followers(ROOT) if p.suffix == ".py" for i in ID_WORD.findall(p.read_text())
    }
    named = [i for p in (ROOT / "content").glob("*.yml") for i in ID_WORD.findall(p.read_text())]
    mine = [  # nothing else in content/ refers to it: deleting the entry is all the editor does
        e.id
        for e in handbook.entries("phrase")
        if list(e.source) == ["editors"] and e.id not in in_code and named.count(e.id) == 1
    ]
    ident = max(mine, key=lambda i: corpus.read_text(encoding="utf-8").count(f"[{i}]"))
    assert f"[{ident}]" in corpus.read_text(encoding="utf-8")
    before = {p: p.read_text(encoding="utf-8") for p in followers(project)}
    delete_phrase(project / "content", ident)
    # What `check` says first: once, with a count per file, not a line for each place.
    [said] = stale_ids(load_content(project / "content"), project)
    assert "macros forget" in said.message and "tests/checker_corpus.yml" in said.message
    slip = ident[:-1] + ("x" if ident[-1] != "x" else "y")  # one letter off: not a success
    assert forget.run(argparse.Namespace(ident=slip), root=project) == 1
    assert f"是不是想写 {ident!r}" in capsys.readouterr().err
    assert forget.run(argparse.Namespace(ident=ident), root=project) == 0
    assert stale_ids(load_content(project / "content"), project) == []
    for path, text in before.items():
        after = path.read_text(encoding="utf-8")
        assert ident not in ID_WORD.findall(after), path
        # Lines went (a query, a judgment) or lost the id from their list; none was written anew.
        new = Counter(after.splitlines()) - Counter(text.splitlines())
        assert all(re.search(r"(phrases|expect): \[", line) for line in new), (path, new)
    solo = before[corpus].count(f"phrases: [{ident}]\n")
    assert solo and corpus.read_text(encoding="utf-8").count("phrases: [yuqi]\n") >= solo


def test_forget_refuses_an_entry_the_courseware_lists(
    handbook: Handbook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor deleted an entry of the courseware: `check` said both that the tests' data named
    it (use forget) and that the courseware's list may not shrink. `forget` had cleaned 61 lines
    and said the content passed; once the entry was put back, the lines stayed lost."""
    project = project_with_followers(tmp_path)
    # the inventory the courseware lists count to
    shutil.copytree(ROOT / "sources", project / "sources", dirs_exist_ok=True)
    named = [i for p in (ROOT / "content").glob("*.yml") for i in ID_WORD.findall(p.read_text())]
    ident = next(  # no other entry refers to it: deleting the entry is all the editor does
        e.id
        for e in handbook.entries("method")
        if "editors" not in e.source and named.count(e.id) == 1
    )
    before = {p: p.read_text(encoding="utf-8") for p in followers(project)}
    [path] = [p for p in (project / "content").glob("*.yml") if f"id: {ident}\n" in p.read_text()]
    delete_entry(path, ident)
    assert coverage_problems(load_content(project / "content"), project)
    assert forget.run(argparse.Namespace(ident=ident), root=project) == 1
    assert "原始课件" in capsys.readouterr().err
    assert {p: p.read_text(encoding="utf-8") for p in followers(project)} == before


def test_forget_leaves_what_a_person_must_decide_and_refuses_an_id_in_use(
    tmp_path: Path,
) -> None:
    data = tmp_path / "tests" / "search_x.yml"
    data.parent.mkdir()
    data.write_text(
        "- {q: 一, expect: [jiu-de, xin-de]}\n"
        "- {q: 二, expect: [jiu-de]}\n"
        "- q: 三\n  expect: [jiu-de]\n"
        "- q: 四\n  id: jiu-de\n  grades:\n    j1: 2\n"
        "- q: 五\n  best: jiu-de\n"
        "- {q: 六, best: jiu-de, also: [xin-de]}\n"
        "- {q: 七, best: xin-de, also: [jiu-de]}\n",
        encoding="utf-8",
    )
    done = forget_in([data], "jiu-de")
    assert data.read_text(encoding="utf-8") == (
        "- {q: 一, expect: [xin-de]}\n- {q: 七, best: xin-de, also: []}\n"
    )
    assert [(d.line, d.after is None, d.left) for d in done] == [
        (1, False, False),
        (2, True, False),
        (3, True, False),
        (4, True, False),
        (5, True, False),
        (6, True, False),
        (7, True, False),
        (8, True, False),
        (9, True, False),  # a second assessor's pick goes with its record, as a query does
        (10, True, False),
        (11, True, False),
        (12, False, False),  # an assessor's other choice of equal worth: out of the list
    ]
    code = tmp_path / "tests" / "test_x.py"
    code.write_text('assert first("太贵") == "jiu-de"\n', encoding="utf-8")
    assert [(d.line, d.left) for d in forget_in([code], "jiu-de")] == [(1, True)]  # a person's
    assert "jiu-de" in code.read_text(encoding="utf-8")
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    in_use = next(iter(load_content(project / "content").by_id))
    assert forget.run(argparse.Namespace(ident=in_use), root=project) == 1
