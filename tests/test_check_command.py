"""`python -m macros check`: the editor's check, without building the site."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.content.coverage import coverage_problems, read_maps
from macros.content.loader import load_content
from macros.content.model import EDITORS_SOURCE

from .support import ROOT
from .support.fixture import fixture_project


def check(content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def content(fixture_content: Path) -> Path:
    """The content the tests break: the fixture handbook's, quick to load (the command's
    messages do not depend on the real content, which the first test checks)."""
    return fixture_content


def test_valid_content_passes_with_a_summary() -> None:
    result = check(ROOT / "content")
    assert result.returncode == 0, result.stderr
    assert re.match(r"内容检查通过：\d+ 个文件，\d+ 个条目，\d+ 个 id。", result.stdout)
    # the real content's match patterns, [你您](好像)…, are not taken for Markdown links
    assert "Markdown" not in result.stdout


def test_every_problem_is_listed_and_the_exit_code_is_1(content: Path) -> None:
    (content / "broken.yml").write_text("title: x\n\tsummary: y\n", encoding="utf-8")
    (content / "empty.yml").write_text("", encoding="utf-8")
    result = check(content)
    assert result.returncode == 1
    assert "内容检查发现 2 个问题" in result.stderr
    assert "content/broken.yml:2:1: 用了 Tab 缩进" in result.stderr
    assert "content/empty.yml:1: 文件是空的" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    # the wording check waits for content that reads: the editor is told it is still to come
    assert result.stderr.rstrip().endswith("内容全部读通后才会检查。）")


def test_quiz_problems_found_only_after_generating_questions_are_caught_too(content: Path) -> None:
    quizzes = content / "quizzes.yml"
    text = quizzes.read_text(encoding="utf-8")
    match = re.search(r"chapters: \[(\w+)", text)
    assert match, "expected a quiz with chapters in quizzes.yml"
    quizzes.write_text(
        text.replace(match.group(0), "chapters: [no-such-chapter", 1), encoding="utf-8"
    )
    result = check(content)
    assert result.returncode == 1
    assert "content/quizzes.yml:" in result.stderr and "no-such-chapter" in result.stderr


def test_recommended_wording_that_the_checker_would_mark_is_a_problem(content: Path) -> None:
    """What the handbook tells staff to say must pass 话术自查: a listed 禁语 and a line whose
    tone is a brush-off, each added as an alternative, are reported with the key they are in."""
    phrasing = content / "phrasing.yml"
    data = yaml.safe_load(phrasing.read_text(encoding="utf-8"))
    first, other = data["sections"][0]["entries"][:2]
    count = len(first["alternatives"])
    said = other["text"].rstrip("…。")  # another phrase: its own alternatives are the loader's
    first["alternatives"] += [f"{said}，我帮您看看。", "取号了吗？没取号排什么队。"]
    phrasing.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = check(content)
    assert result.returncode == 1
    assert "内容检查发现 2 个问题" in result.stderr
    key = "sections[0].entries[0].alternatives"
    lines = phrasing.read_text(encoding="utf-8").splitlines()
    added = next(n for n, text in enumerate(lines, start=1) if f"{said}，我帮您看看" in text)
    assert re.search(
        rf"phrasing\.yml:{added}:\d+: {re.escape(key)}\[{count}\]: 这是手册推荐的说法",
        result.stderr,
    )
    assert f"含有禁语“{other['text']}”（{other['id']}）" in result.stderr
    assert f"{key}[{count + 1}]: 这是手册推荐的说法" in result.stderr
    assert "语气检查" in result.stderr
    assert "Traceback" not in result.stderr
    assert "才会检查" not in result.stderr  # it ran: nothing is still to come


def test_a_card_another_cards_patterns_catch_whole_passes_with_a_hint(content: Path) -> None:
    """我也没有办法。 added beside 我也没办法。 (whose patterns catch it) passed without a word
    (an editors' audit). A card whose words only contain another's says more: no hint."""
    phrasing = content / "phrasing.yml"
    data = yaml.safe_load(phrasing.read_text(encoding="utf-8"))
    entries = data["sections"][0]["entries"]
    old = next(e for e in entries if e["id"] == "wo-buzhidao")
    old["patterns"] = ["我[也都]?不知道"]
    for ident, text in (("wo-ye-buzhidao", "我也不知道。"), ("zhe-shi-buzhidao", "这事我不知道。")):
        entries.append({**copy.deepcopy(old), "id": ident, "text": text})
        del entries[-1]["patterns"]
    phrasing.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = check(content)
    assert result.returncode == 0, result.stderr
    lines = phrasing.read_text(encoding="utf-8").splitlines()
    added = next(n for n, text in enumerate(lines, start=1) if "text: 我也不知道。" in text)
    hints = [line for line in result.stdout.splitlines() if "的写法也认得这一句" in line]
    assert len(hints) == 1, result.stdout
    assert f"phrasing.yml:{added}:" in hints[0]
    assert "禁语“我不知道。”（wo-buzhidao）的写法也认得这一句" in hints[0]
    assert "删掉这一条" in hints[0]  # what to do, in fields the content has (no `examples`)


def test_on_github_each_problem_is_also_an_annotation_on_its_line(content: Path) -> None:
    path = content / "phrasing.yml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("    reply: ")].count("\n") + 1
    path.write_text(text.replace("    reply: ", "    reply：", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--github", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "内容检查发现 1 个问题" in result.stderr  # the Chinese list, as without --github
    [annotation] = result.stdout.splitlines()
    assert annotation.startswith(f"::error file=content/phrasing.yml,line={line},col=9,")
    assert annotation.endswith("用了全角冒号“：”；键后面要用半角冒号加空格，写成“reply: ”")


def test_the_github_workflow_reads_the_code_and_tests_on_debian() -> None:
    """Last round's workflow could not check out a private repository (a job's permissions
    replace the top level's, and two jobs lacked contents: read) and installed a chromium
    package Ubuntu 24.04 runners do not have."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "handbook.yml").read_text("utf-8"))
    for name, job in workflow["jobs"].items():
        assert job.get("permissions", {}).get("contents") == "read", name
    assert "bookworm" in workflow["jobs"]["test"]["container"]
    assert workflow["jobs"]["publish"]["concurrency"]["cancel-in-progress"] is False
    assert "--github" in str(workflow["jobs"]["check"]["steps"])
    # A pull request from a fork (an editor without push rights, CONTRIBUTING) gets a token
    # that cannot comment: a step that comments anyway would fail and turn the request red.
    commenting = [
        step
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "gh pr comment" in step.get("run", "")
    ]
    assert commenting
    for step in commenting:
        assert "head.repo.full_name == github.repository" in step.get("if", ""), step["name"]
    # The bot posts the problems and the summary: the summary updates its own comment, found
    # by its first line (`--edit-last` edited whichever came last, the problems included).
    [summary] = [step for step in commenting if "change-summary.md" in step["run"]]
    assert all("--edit-last" not in step["run"] for step in commenting)
    assert summary["run"].count("<!-- handbook-change-summary -->") == 2  # written, looked for


def test_a_chapter_needs_its_page_and_nav_line_as_the_build_does(tmp_path: Path) -> None:
    """A chapter file without docs/<stem>.md, or missing from mkdocs.yml's nav, failed only in
    the build (CI), after `check` had passed. The nav is read whatever follows it in
    mkdocs.yml (a tag MkDocs knows, as !ENV, had ended `check` in a traceback)."""
    project = fixture_project(tmp_path / "project")
    (project / "docs" / "basics.md").unlink()
    mkdocs_yml = project / "mkdocs.yml"
    nav = mkdocs_yml.read_text(encoding="utf-8")
    assert "  - basics.md\n" in nav
    nav = nav.replace("  - basics.md\n", "") + 'copyright: !ENV [HANDBOOK_COPYRIGHT, ""]\n'
    mkdocs_yml.write_text(nav, encoding="utf-8")
    result = check(project / "content")
    assert result.returncode == 1
    assert "content/basics.yml: 没有对应的页面 docs/basics.md" in result.stderr
    assert "content/basics.yml: mkdocs.yml 的 nav 里没有这一章" in result.stderr
    assert 'chapter("basics")' in result.stderr and "- basics.md" in result.stderr


def test_a_phrase_with_too_few_near_misses_passes_with_a_hint_on_its_line(content: Path) -> None:
    """Its 禁语自测 question would fill up with other 禁语, rude on their face: the check
    passes and says so, with the phrase's line (a warning on it in a pull request)."""
    data = yaml.safe_load((content / "phrasing.yml").read_text(encoding="utf-8"))
    phrases = [e for s in data["sections"] for e in s["entries"] if e["kind"] == "phrase"]
    thin = [p for p in phrases if len(p.get("near_misses", [])) < 3]
    assert thin and len(thin) < len(phrases)  # the fixture has both kinds
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", str(content), "--github"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    hints = [line for line in result.stdout.splitlines() if "near_misses" in line]
    warnings = [line for line in hints if line.startswith("::warning file=content/phrasing.yml,")]
    assert len(warnings) == len(thin) == len(hints) - len(warnings)
    for phrase in thin:
        assert any(f"禁语“{phrase['text']}”只有 0 句 near_misses" in line for line in warnings)


def test_markdown_or_html_in_a_text_passes_with_a_hint_on_its_own_line(content: Path) -> None:
    """**重点**, <b>…</b> and {{ }} reach staff as written (hostile text stays text), and so
    do the quotes Word puts around a pasted text: the check passes and says what will show,
    at the text's own line; match patterns, whose brackets are their syntax, are never named."""
    path = content / "phrasing.yml"
    text = path.read_text(encoding="utf-8")
    reasons = re.findall(r"^( +reason: )(\S+)$", text, re.M)[:3]
    marked = [
        f"{reasons[0][0]}请**注意**：{reasons[0][1]}",
        f"{reasons[1][0]}看{{{{ x }}}}{reasons[1][1]}",
        f"{reasons[2][0]}“{reasons[2][1]}”",
    ]
    for (key, value), line in zip(reasons, marked, strict=True):
        text = text.replace(f"{key}{value}\n", f"{line}\n", 1)
    path.write_text(text, encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    at = [lines.index(line) + 1 for line in marked]
    result = check(content)
    assert result.returncode == 0, result.stderr
    hints = [line for line in result.stdout.splitlines() if "原样显示" in line]
    assert len(hints) == 3, result.stdout
    assert (
        f"phrasing.yml:{at[0]}:" in hints[0]
        and "“**注意**”：加粗的 ** 或 __ 会原样显示" in hints[0]
    )
    assert (
        f"phrasing.yml:{at[1]}:" in hints[1] and "“{{ x }}”：{{ }} 和 {% %} 会原样显示" in hints[1]
    )
    assert f"phrasing.yml:{at[2]}:" in hints[2] and "整段文字外面的中文引号会原样显示" in hints[2]


def test_near_misses_no_quiz_asks_pass_with_a_hint(content: Path) -> None:
    """An editor wrote near misses for a new dialogue; the chapter's quiz had no `dialogue`
    drill, so they never became a question, and nothing said so (the same for a 禁语's near
    misses without the `reply` drill)."""
    path = content / "quizzes.yml"
    text = path.read_text(encoding="utf-8")
    assert "    drills: [reply, rewrite]\n" in text
    path.write_text(
        text.replace("    drills: [reply, rewrite]\n", "    drills: [rewrite]\n"), "utf-8"
    )
    result = check(content)
    assert result.returncode == 0, result.stderr
    hints = [line for line in result.stdout.splitlines() if "不会出成自测题" in line]
    line = (content / "phrasing.yml").read_text(encoding="utf-8").splitlines().index(
        "        near_misses:"
    ) + 1
    assert len(hints) == 1 and f"content/phrasing.yml:{line + 1}:" in hints[0], (
        result.stdout
    )  # the first
    assert "drills 里都没有“reply”" in hints[0]


def test_a_checklist_source_out_of_step_with_its_items_links_passes_with_a_hint(
    content: Path,
) -> None:
    """A checklist's items are taken from the entries they link to, so its `source` is
    theirs; an audit found two out of step after items were relinked."""
    sources = content / "sources.yml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "  - id: ceshi-jiaocai\n    title: 测试用教材\n    description: 虚构，只供测试。\n",
        encoding="utf-8",
    )
    path = content / "checklists.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines.index("    source: ceshi-kejian")
    lines[first] = "    source: [ceshi-jiaocai]"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(content)
    assert result.returncode == 0, result.stderr
    hints = [line for line in result.stdout.splitlines() if "检查表“" in line]
    assert len(hints) == 1 and f"content/checklists.yml:{first + 1}:" in hints[0], result.stdout
    assert "source 缺了 ceshi-kejian（有一项链接的条目出自它），多了 ceshi-jiaocai" in hints[0]


def test_a_right_option_far_longer_than_the_wrong_ones_passes_with_a_hint(content: Path) -> None:
    """The longest option was the right one in 19 of 43 printed questions: a reader could
    pick it without the handbook. The check names the right option's line; wrong options as
    specific as it silence the hint."""
    path = content / "quizzes.yml"
    right = "      - text: 为了保护您的账户安全，需要您本人来办理。"
    line = path.read_text(encoding="utf-8").splitlines().index(right) + 1
    result = check(content)
    assert result.returncode == 0, result.stderr
    hints = [line for line in result.stdout.splitlines() if "正确选项" in line]
    assert len(hints) == 1 and f"quizzes.yml:{line}:15: " in hints[0], result.stdout
    assert "正确选项 20 个字，最长的错误选项只有 14 个字" in hints[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "我也不清楚，反正要本人来。", "这个是系统设定的，我们柜台改不了，只能本人来。"
        ),
        encoding="utf-8",
    )
    assert "正确选项" not in check(content).stdout


def _real_project(target: Path) -> Path:
    """A copy of what `check` reads of the real project: content/, docs/, mkdocs.yml and the
    seed inventory with its coverage maps."""
    for name in ("content", "docs", "sources"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def test_a_deleted_courseware_entry_is_named_at_its_list(tmp_path: Path) -> None:
    """Deleting an original entry passed `check` and the preview, and failed only in CI."""
    project = _real_project(tmp_path)
    rows = [(key, sel) for key, sels in read_maps(project).items() for sel in sels.selectors]
    key, selector = next((k, s) for k, s in rows if s.startswith("section:"))
    section_id = selector.partition(":")[2]
    handbook = load_content(project / "content")
    section = next(s for c in handbook.chapters.values() for s in c.sections if s.id == section_id)
    victim = next(e for e in section.entries if e.source != [EDITORS_SOURCE])
    path = project / section.where.file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # The entry's place is its `id:` line; its item starts at the dash two columns left of it.
    start, dash = victim.where.line - 1, victim.where.column - 3
    while lines[start][dash : dash + 2] != "- ":
        start -= 1
    end = start + 1
    while end < len(lines) and (lines[end].strip() == "" or _indent(lines[end]) > dash):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")

    result = check(project / "content")
    assert result.returncode == 1, result.stdout
    assert "内容检查发现 1 个问题" in result.stderr
    assert f"{section.where.file}:{section.where.line}" in result.stderr
    assert f"原始课件“{key}”" in result.stderr and "不能删掉" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_deleted_entry_holding_a_courseware_list_is_named_at_the_map_line(
    tmp_path: Path,
) -> None:
    project = _real_project(tmp_path)
    handbook = load_content(project / "content")
    mapping = next(m for m in read_maps(project).values() if m.selectors[0].startswith("entry:"))
    ident = mapping.selectors[0].partition(":")[2].split("/")[0]
    entry = handbook.get(ident)
    del handbook.by_id[ident]  # as if the editor had deleted it
    problems = coverage_problems(handbook, project)
    assert [p.where for p in problems] == [mapping.where], problems
    assert f"找不到 id 为 {ident} 的内容" in str(problems[0])
    assert entry.where.file.startswith("content/")


def test_a_query_set_naming_an_id_content_no_longer_has_is_named_at_its_line(
    tmp_path: Path,
) -> None:
    """An editor gave a checklist item a new id because its meaning changed, as CONTRIBUTING
    says: `check` passed, and CI failed minutes later on the query sets naming the old one."""
    project = _real_project(tmp_path)
    shutil.copy(ROOT / "pyproject.toml", project)
    queries = project / "tests" / "search_queries.yml"
    queries.parent.mkdir()
    text = (project / "content" / "checklists.yml").read_text(encoding="utf-8")
    item = next(i.id for c in load_content(ROOT / "content").checklists.checklists for i in c.items)
    renamed = text.replace(f"id: {item}\n", f"id: {item}-xin\n")
    assert renamed != text
    (project / "content" / "checklists.yml").write_text(renamed, encoding="utf-8")
    queries.write_text(f"- q: 柜台上能摆水杯吗\n  expect: [{item}]\n", encoding="utf-8")

    result = check(project / "content")
    assert result.returncode == 1, result.stdout
    assert "内容检查发现 1 个问题" in result.stderr
    assert (
        f"tests/search_queries.yml:2: 这里写着编号“{item}”，content/ 里已经没有了" in result.stderr
    )
    assert "macros rename" in result.stderr and "改成新编号" in result.stderr


def test_a_method_left_out_of_practice_passes_with_a_hint_at_its_example(
    tmp_path: Path,
) -> None:
    """An example that began with the worker's line took its method out of 对练 without a
    word; a method meant to be left out says `practice: false` (SPIN's does)."""
    project = _real_project(tmp_path)
    path = project / "content" / "closing.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    method = next(i for i, line in enumerate(lines) if line.strip() == "- kind: method")
    first = next(i for i in range(method, len(lines)) if lines[i].strip() == "- who: 客户")
    lines[first] = lines[first].replace("客户", "员工")
    path.write_text("".join(lines), encoding="utf-8")

    result = check(project / "content")
    assert result.returncode == 0, result.stderr
    hints = [line for line in result.stdout.splitlines() if "不会出现在对练里" in line]
    assert len(hints) == 1, result.stdout  # not SPIN's: it says practice: false
    # at the example's first line, the one that now opens with the worker
    assert f"content/closing.yml:{first + 1}:" in hints[0] and "practice: false" in hints[0]


def test_a_tab_inside_a_text_passes_with_a_hint(content: Path) -> None:
    """`reason: 当场<Tab>就会…` passed without a word; a page shows the Tab as one space."""
    path = content / "phrasing.yml"
    text = path.read_text(encoding="utf-8")
    key, value = re.findall(r"^( +reason: )(\S+)$", text, re.M)[0]
    path.write_text(text.replace(f"{key}{value}\n", f"{key}当场\t{value}\n", 1), "utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index(f"{key}当场\t{value}") + 1
    result = check(content)
    assert result.returncode == 0, result.stderr
    [hint] = [line for line in result.stdout.splitlines() if "Tab" in line]
    assert f"phrasing.yml:{line}:" in hint and "页面上只显示成一个空格" in hint, hint
