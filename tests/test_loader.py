"""Loading and validation: every kind of editor mistake gets file, line, key path and a hint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.content.loader import load_content
from macros.content.model import Entry, Section

from .support import ROOT
from .support.content import problems_of
from .support.fixture import fixture_handbook


@pytest.fixture
def content(fixture_content: Path) -> Path:
    """The content the tests break: the fixture handbook's (test_real_content_loads loads the
    real one)."""
    return fixture_content


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


PHRASE = """
  - id: test-section
    title: 测试
    entries:
      - kind: phrase
        id: test-phrase
        text: 测试用语
        reason: 原因
        alternatives: [替代说法]
        source: ceshi-kejian
"""


def test_real_content_loads() -> None:
    handbook = load_content(ROOT / "content")
    assert handbook.chapters, "no chapter files found"
    assert sum(1 for _ in handbook.entries()) > 0


def test_text_wrapped_over_lines_reads_as_written(content: Path) -> None:
    """YAML joins a wrapped line with a space: between Chinese characters no editor typed it;
    between words it stays, and a blank line stays a line break."""
    wrapped = PHRASE.replace(
        "        reason: 原因\n",
        "        reason: 客户本来就着急，听到这句只会更着急，\n"
        "          转身就想投诉。VIP\n          客户也一样。\n\n          另起一段。\n",
    )
    append(content / "phrasing.yml", wrapped)
    phrase = load_content(content).get("test-phrase")
    assert phrase.reason == (  # type: ignore[attr-defined]
        "客户本来就着急，听到这句只会更着急，转身就想投诉。VIP 客户也一样。\n另起一段。"
    )


def test_yaml_syntax_error_names_file_and_line(content: Path) -> None:
    (content / "extra.yml").write_text('title: "没有结束的引号\nsummary: x\n', encoding="utf-8")
    assert problems_of(content) == [
        'content/extra.yml:1:8: 这一行的引号 " 没有配对：文字结尾少了一个 "'
    ]  # the line the quote opens on, not where the parser gave up (the file's end)


def test_colon_in_text_gets_a_quoting_hint(content: Path) -> None:
    (content / "extra.yml").write_text("title: 注意: 这里\nsummary: x: y\n", encoding="utf-8")
    [problem] = problems_of(content)
    assert problem.startswith("content/extra.yml:1:")
    assert "请给整段文字加引号" in problem
    assert "中文引号" not in problem


def test_chinese_quotes_are_not_quotes_to_yaml(content: Path) -> None:
    """The editor did quote the text, in the quotes their keyboard gives."""
    (content / "extra.yml").write_text("title: “注意: 这里”\n", encoding="utf-8")
    [problem] = problems_of(content)
    assert problem.endswith('（中文引号“”不算引号：要用英文引号，写成 "……"）')


def test_tab_indentation_is_reported_per_line(content: Path) -> None:
    (content / "extra.yml").write_text(
        "title: x\nsections:\n\t- id: a\n\t  title: b\n", encoding="utf-8"
    )
    assert problems_of(content) == [
        "content/extra.yml:3:1: 用了 Tab 缩进；YAML 只能用空格缩进（建议每层 2 个空格）"
        "；这一行要缩进 2 个空格（比第 2 行多 2 个）",
        "content/extra.yml:4:1: 用了 Tab 缩进；YAML 只能用空格缩进（建议每层 2 个空格）",
    ]


def test_a_tab_among_fields_is_told_their_indent(content: Path) -> None:
    """Between two fields of one indent, a tabbed field takes theirs (an editor asked how many
    spaces); after a block's last line, which may close it, no count is guessed."""
    (content / "extra.yml").write_text(
        "title: x\nsections:\n  - id: a\n\ttitle: b\n    summary: c\n", encoding="utf-8"
    )
    [problem] = problems_of(content)
    assert problem.endswith("；这一行和第 5 行一样，缩进 4 个空格"), problem


def test_unknown_key_suggests_the_right_one(content: Path) -> None:
    path = content / "phrasing.yml"
    append(
        path, PHRASE.replace("        reason: 原因", "        reason: 原因\n        releated: []")
    )
    line = line_of(path, "releated:")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:9: sections[")
    assert ".releated: 未知字段“releated”，是不是想写“related”？" in problem


def test_chapter_title_typo_is_caught(content: Path) -> None:
    path = content / "basics.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8"
    )
    [problem] = problems_of(content)  # not also 缺少必填字段“title”: the same slip
    line = line_of(path, "titel:")
    assert problem.startswith(
        f"content/basics.yml:{line}:1: titel: 未知字段“titel”，是不是想写“title”？"
    )


def test_a_new_entry_without_its_dash_is_named_as_such_once(content: Path) -> None:
    """`kind:` where `- kind:` was meant: YAML reads the new entry's keys into the one above
    (its id dropped). One message, at the new entry, saying the "- " is missing: not one
    "merge" per key (merging would overwrite the entry above), nor the references to the
    dropped id as dangling."""
    second = PHRASE.split("    entries:\n", 1)[1].replace("test-phrase", "test-phrase-2")
    append(content / "phrasing.yml", PHRASE + second.replace("      - kind:", "        kind:"))
    append(content / "search.yml", "  - text: 测试\n    ref: test-phrase\n")  # the dropped id
    path = content / "phrasing.yml"
    [problem] = problems_of(content)
    line = line_of(path, "        kind: phrase")
    assert problem.startswith(f"content/phrasing.yml:{line}:9: ")
    assert "行首少了“- ”（写成“- kind: …”，和上一条的“- ”对齐）" in problem


def test_an_entry_whose_first_line_was_deleted_is_named_as_such_once(content: Path) -> None:
    """Deleting a `- kind: phrase` line leaves the entry's id and the rest to the entry above:
    one message at that id saying a first line is missing, with the line to put back, not a
    "merge" per key."""
    second = PHRASE.split("    entries:\n", 1)[1].replace("test-phrase", "test-phrase-2")
    append(content / "phrasing.yml", PHRASE + second.replace("      - kind: phrase\n", "", 1))
    path = content / "phrasing.yml"
    [problem] = problems_of(content)
    line = line_of(path, "        id: test-phrase-2")
    assert problem.startswith(f"content/phrasing.yml:{line}:9: ")
    assert "它的第一行不见了（在这一行上面补上“- kind: phrase”这样的一行" in problem


def test_the_same_forbidden_phrase_on_two_cards_is_an_error(content: Path) -> None:
    """A second card with the same words (spaces, punctuation and width aside) would double
    its quiz question; 话术自查 links only the first."""
    second = PHRASE.split("    entries:\n", 1)[1]
    second = second.replace("test-phrase", "test-phrase-2").replace("测试用语", "测试 用语！")
    append(content / "phrasing.yml", PHRASE + second)
    path = content / "phrasing.yml"
    [problem] = problems_of(content)
    first = line_of(path, "text: 测试用语")
    assert problem.startswith(f"content/phrasing.yml:{line_of(path, 'text: 测试 用语！')}:")
    assert f"和“test-phrase”（content/phrasing.yml:{first}）是同一句话" in problem


def test_duplicate_id_across_files(content: Path) -> None:
    append(content / "basics.yml", PHRASE)
    append(content / "phrasing.yml", PHRASE.replace("test-section", "test-section-2"))
    [problem] = problems_of(content)
    first = line_of(content / "basics.yml", "id: test-phrase")
    second = line_of(content / "phrasing.yml", "id: test-phrase")
    assert problem.startswith(f"content/phrasing.yml:{second}:9: sections[")
    assert problem.endswith(
        f".entries[0].id: id “test-phrase” 重复了，content/basics.yml:{first}:9 已经用过；"
        "id 在所有文件里都必须唯一：这两处里哪条是你新写的，就给那条换一个没用过的 id"
        "（不一定是这一行），已经发布的那条不要改（勾选记录和网址都按 id 记）"
    )


def test_a_repeated_id_is_said_where_it_is_not_at_references_to_the_other(
    content: Path,
) -> None:
    """A new topic given the id of a phrase (ni-nongcuo) in a file read first: a step's
    `avoid` that rightly names the phrase was reported as naming a topic, first, at a line the
    editor never touched (an editors' audit)."""
    topic = """
  - id: test-section
    title: 测试
    entries:
      - kind: topic
        id: ni-nongcuo
        title: 新写的知识点
        items: [一, 二]
        source: ceshi-kejian
"""
    append(content / "basics.yml", topic)
    [problem] = problems_of(content)
    assert problem.startswith(
        f"content/phrasing.yml:{line_of(content / 'phrasing.yml', 'id: ni-nongcuo')}:"
    )
    assert "id “ni-nongcuo” 重复了" in problem


def test_duplicate_id_within_a_file(content: Path) -> None:
    append(content / "phrasing.yml", PHRASE + PHRASE.replace("test-section", "test-section-2"))
    [problem] = problems_of(content)
    lines = (content / "phrasing.yml").read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines, start=1) if "id: test-phrase" in line][1]
    assert problem.startswith(f"content/phrasing.yml:{second}:9:")
    assert "id “test-phrase” 重复了" in problem


def test_a_backup_copy_of_a_file_is_said_once(content: Path) -> None:
    """A copy saved next to the original (“phrasing 副本.yml”) repeats every id of it: one
    message naming both files, not one per id."""
    original = content / "phrasing.yml"
    (content / "phrasing 副本.yml").write_text(original.read_text(encoding="utf-8"), "utf-8")
    problems = problems_of(content)
    copied = [p for p in problems if "副本" in p]
    assert len(copied) == 1, problems
    assert "content/phrasing.yml" in copied[0] and "content/phrasing 副本.yml" in copied[0]
    assert not any("重复了" in p for p in problems), problems


def test_a_file_that_cannot_be_read_hides_only_its_own_ids(content: Path) -> None:
    """A tab breaks phrasing.yml: a reference to an id written in it waits until it reads; a
    reference to an id written nowhere is reported at once, with the tab (all at once)."""
    phrasing = content / "phrasing.yml"
    text = phrasing.read_text(encoding="utf-8")
    assert "id: ni-nongcuo" in text
    phrasing.write_text(text.replace("        id: ni-nongcuo", "\t    id: ni-nongcuo", 1), "utf-8")
    checklists = content / "checklists.yml"
    text = checklists.read_text(encoding="utf-8")
    text = text.replace("refs: [yibiao-guifan]", "refs: [ni-nongcuo]", 1)
    checklists.write_text(text.replace("refs: [guitai-zhengjie]", "refs: [no-such-id]", 1), "utf-8")
    problems = problems_of(content)
    assert any(p.startswith("content/phrasing.yml:") and "Tab" in p for p in problems), problems
    assert any("“no-such-id” 不存在" in p for p in problems), problems
    assert not any("ni-nongcuo" in p for p in problems), problems


# What a reference to an id no entry has is told first, whatever the field (then what to do there).
NO_SUCH_ENTRY = (
    "引用的 id “no-such-entry” 不存在：写错了就改成要引用的那一条的 id（写在那一条的“id:”一行，"
    "编辑视图里每条下面有它的文件和行号）；是你把那一条的 id 改了的话，运行 "
    ".venv/bin/python -m macros rename no-such-entry 新编号，引用会一起改好；"
    "那一条还没写或已删掉的话，"
)


def test_dangling_reference(content: Path) -> None:
    path = content / "phrasing.yml"
    append(
        path,
        PHRASE.replace(
            "source: ceshi-kejian", "source: ceshi-kejian\n        related: [no-such-entry]"
        ),
    )
    line = line_of(path, "related: [no-such-entry]")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:19: ")
    assert problem.endswith(
        "related[0]: "
        + NO_SUCH_ENTRY
        + "把这个 id 从列表里去掉（列表里只剩它的话，连同上面的键一起删掉）"
    )


def test_a_checklist_items_only_reference_is_to_be_replaced_not_removed(content: Path) -> None:
    """A checklist item must cite at least one entry: "take the id out, and the key with it"
    led an editor straight to 缺少必填字段“refs” (an editors' audit)."""
    path = content / "checklists.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("refs: [yibiao-guifan]", "refs: [no-such-entry]", 1), "utf-8")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/checklists.yml:{line_of(path, '[no-such-entry]')}:")
    assert problem.endswith(
        "refs[0]: "
        + NO_SUCH_ENTRY
        + "把这个 id 从列表里去掉（这里至少要引用一条：列表里只剩它的话，换成另一条的 id）"
    ), problem


def test_a_question_whose_entry_went_is_told_to_point_elsewhere_or_go(content: Path) -> None:
    """A question's `ref` is one id, and required: "take the id out" led to 不能为空."""
    path = content / "quizzes.yml"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("    ref: "))
    path.write_text(text.replace(old, "    ref: no-such-entry", 1), encoding="utf-8")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/quizzes.yml:{line_of(path, 'ref: no-such-entry')}:"), (
        problem
    )
    assert problem.endswith(
        "ref: " + NO_SUCH_ENTRY + "改成另一个条目的 id，或把这一整项（这道题、这一条）删掉"
    ), problem


def test_an_id_changed_by_hand_is_not_offered_to_its_references(content: Path) -> None:
    """An editor changed an id to a malformed one (ni_kending nonghun): the messages at its
    references in other files offered the malformed id in place of the right one (an editors'
    audit)."""
    path = content / "phrasing.yml"
    assert "id: ni-nongcuo\n" in path.read_text(encoding="utf-8")
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: ni-nongcuo\n", "id: ni_nongcuo\n")
    )
    problems = problems_of(content)
    assert any(p.startswith("content/phrasing.yml") and "ni_nongcuo" in p for p in problems)
    assert any(p.startswith("content/basics.yml") and "ni-nongcuo" in p for p in problems)
    assert not [p for p in problems if "是不是想写“ni_nongcuo”" in p], problems


def test_a_mapping_in_place_of_text_is_asked_for_in_editors_words(content: Path) -> None:
    append(
        content / "phrasing.yml",
        PHRASE.replace(
            "alternatives: [替代说法]",
            "alternatives: [替代说法]\n        near_misses: [差一点的说法]",
        ),
    )
    problems = problems_of(content)
    assert any("这里要写成“字段名: 内容”的样子" in p for p in problems), problems
    assert not [p for p in problems if "映射" in p]


def test_a_phrase_too_long_for_the_counter_sheet_is_named(content: Path) -> None:
    """A 2,400-character reason passed check and build, and put 禁语速查表 on a third page."""
    append(content / "phrasing.yml", PHRASE.replace("reason: 原因", "reason: " + "很长" * 61))
    [problem] = problems_of(content)
    assert ".reason: 最多 120 个字，这里有 122 个字：" in problem


def test_reference_to_the_wrong_kind(content: Path) -> None:
    quiz = fixture_handbook().quizzes.quizzes[0].id
    quiz_file = content / "quizzes.yml"
    quiz_file.write_text(
        quiz_file.read_text(encoding="utf-8").replace("ref: ", f"ref: {quiz} #", 1),
        encoding="utf-8",
    )
    found = problems_of(content)
    assert any(f"“{quiz}” 是自测（quiz），这里只能引用知识点（topic）" in p for p in found)


def test_unknown_source(content: Path) -> None:
    append(content / "phrasing.yml", PHRASE.replace("ceshi-kejian", "seed-999"))
    [problem] = problems_of(content)
    assert problem.endswith(
        "source[0]: 来源 “seed-999” 不在 content/sources.yml 里（可用的来源：ceshi-kejian、editors）"
    )


def test_a_misspelt_source_is_named_with_the_one_meant(content: Path) -> None:
    append(content / "phrasing.yml", PHRASE.replace("ceshi-kejian", "editor"))
    [problem] = problems_of(content)
    assert problem.endswith("来源 “editor” 不在 content/sources.yml 里，是不是想写“editors”？")


def test_a_source_written_in_chinese_is_told_what_a_source_is(content: Path) -> None:
    """`source: 编辑` was told only that an id takes lowercase letters: a pinyin id made up
    for it is no source either."""
    append(content / "phrasing.yml", PHRASE.replace("ceshi-kejian", "编辑"))
    [problem] = problems_of(content)
    assert problem.endswith(
        "来源 “编辑” 不合格式：写 content/sources.yml 里的来源 id，例如 seed-003；"
        "编辑自己写的内容写 editors"
    )


def test_a_summary_opening_with_its_count_unquoted_says_to_quote_it(content: Path) -> None:
    """`summary: {条数} 句话` (CONTRIBUTING: quote it) was told only that quotes or brackets
    held the first few characters."""
    path = content / "phrasing.yml"
    append(path, PHRASE.replace("    title: 测试\n", "    title: 测试\n    summary: {条数} 句话\n"))
    [problem] = problems_of(content)
    line = line_of(path, "summary: {条数} 句话")
    assert problem == (
        f"content/phrasing.yml:{line}:14: 以“{{”开头的文字（如 {{条数}}）YAML 会当成花括号写法；"
        '请给整段文字加引号：“{条数} 句话”写成 "{条数} 句话"'
    )


def test_wrong_type_number_instead_of_text(content: Path) -> None:
    path = content / "phrasing.yml"
    append(path, PHRASE.replace("text: 测试用语", "text: 12345"))
    line = line_of(path, "text: 12345")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:15: ")
    assert problem.endswith(
        '.text: 应为文字：文件里写的是“12345”，没加引号，YAML 把它读成了数字 12345；请加引号，写成 "12345"'
    )


def test_wrong_type_text_instead_of_list(content: Path) -> None:
    append(
        content / "phrasing.yml",
        PHRASE.replace("alternatives: [替代说法]", "alternatives: 替代说法"),
    )
    [problem] = problems_of(content)
    assert problem.endswith(
        ".alternatives: 应为列表（每项一行，以“- ”开头，或写在一行里：[甲, 乙]），这里是文字“替代说法”"
    )


def test_missing_required_field_and_empty_string(content: Path) -> None:
    append(
        content / "phrasing.yml",
        PHRASE.replace("reason: 原因", "reason: '   '").replace("        text: 测试用语\n", ""),
    )
    found = problems_of(content)
    # the line given is the entry's first: the message names the entry as well
    missing = ".text: 缺少必填字段“text”（在 id 为 test-phrase 的这一条里）：原话或正文。"
    assert any(missing in p for p in found), found
    assert any(p.endswith(".reason: 不能只有空白") for p in found)


def test_a_field_left_out_says_what_goes_there(content: Path) -> None:
    """An objection without `methods`: 缺少必填字段 alone did not say that it names methods
    by id, nor that [] is allowed. The message says what the schema says of the field."""
    append(
        content / "phrasing.yml",
        PHRASE.replace("kind: phrase", "kind: objection")
        .replace("        reason: 原因\n", "        reply: 参考回答\n")
        .replace("        alternatives: [替代说法]\n", ""),
    )
    found = [p for p in problems_of(content) if "“methods”" in p]
    assert found and found[0].endswith(
        "缺少必填字段“methods”（在 id 为 test-phrase 的这一条里）："
        "适合这条异议的处理方法的 id（方法条目，如 buchang-fa）；没有合适的方法时写 []。"
    ), found


def test_unknown_entry_kind(content: Path) -> None:
    append(content / "phrasing.yml", PHRASE.replace("kind: phrase", "kind: phrse"))
    [problem] = problems_of(content)
    assert "kind 写成了“phrse”，是不是想写“phrase”？可用的 kind：topic, phrase," in problem


def test_non_utf8_file(content: Path) -> None:
    (content / "extra.yml").write_bytes("title: 中文\nsummary: 编码\n".encode("gbk"))
    assert problems_of(content) == [
        "content/extra.yml:1:8: 文件不是 UTF-8 编码（可能是 GBK）：请在编辑器里按 GBK 重新打开"
        "（VS Code：点右下角的编码，选“通过编码重新打开”），再用 UTF-8 保存"
        "（不先按 GBK 打开就另存，中文会变成乱码）"
    ]


def test_a_gbk_file_saved_as_utf8_unread_is_one_problem_not_hundreds(content: Path) -> None:
    """Re-saved as UTF-8 without opening it as GBK first, every Chinese character is a �:
    the check listed 432 problems about broken words, none saying why."""
    path = content / "phrasing.yml"
    gbk = path.read_text(encoding="utf-8").encode("gbk")
    path.write_text(gbk.decode("utf-8", errors="replace"), encoding="utf-8")
    [problem] = problems_of(content)
    assert problem.startswith("content/phrasing.yml:"), problem
    assert "“\ufffd”：这些字在转换编码时坏掉了" in problem and "按 GBK 重新打开" in problem


EMPTY = (
    "文件是空的；请写入内容，或删除这个文件（文件恢复以前，别处引用的 id 先不检查）"
    "（刚清空的，在编辑器里撤销，或运行 git checkout -- 这个文件 取回上次提交的内容）"
)


def test_empty_file(content: Path) -> None:
    (content / "extra.yml").write_text("# 只有注释\n\n", encoding="utf-8")
    assert problems_of(content) == [f"content/extra.yml:1: {EMPTY}"]


def test_an_emptied_chapter_is_the_one_problem_not_every_reference_to_it(content: Path) -> None:
    """Emptied by mistake (select all, delete), a chapter's ids are gone with nothing left to
    read them from: the references to them elsewhere wait until it is back."""
    (content / "phrasing.yml").write_text("\n", encoding="utf-8")
    assert problems_of(content) == [f"content/phrasing.yml:1: {EMPTY}"]


def test_an_emptied_chapter_with_a_page_is_not_to_be_deleted(content: Path) -> None:
    """Its page in docs/ calls it: deleting it, as the plain advice says, would break the
    page and leave every reference to its ids dangling."""
    (content.parent / "docs").mkdir()
    (content.parent / "docs" / "phrasing.md").write_text('{{ chapter("phrasing") }}\n', "utf-8")
    (content / "phrasing.yml").write_text("\n", encoding="utf-8")
    assert problems_of(content) == [
        "content/phrasing.yml:1: 文件是空的；请写入内容，这个文件是手册必需的，不能删除"
        "（刚清空的，在编辑器里撤销，或运行 git checkout -- 这个文件 取回上次提交的内容）"
    ]


def test_key_written_twice_is_not_silently_dropped(content: Path) -> None:
    (content / "extra.yml").write_text("title: 一\ntitle: 二\nsummary: x\n", encoding="utf-8")
    found = problems_of(content)
    assert "content/extra.yml:2:1: title: 字段“title”写了两次（第 1 行已有）；请合并成一个" in found


def test_wrong_extension_and_missing_special_file(content: Path) -> None:
    (content / "notes.yaml").write_text("title: x\n", encoding="utf-8")
    (content / "quizzes.yml").unlink()
    found = problems_of(content)
    assert "content/notes.yaml: content/ 里只能放 .yml 文件（扩展名请用 .yml）" in found
    assert "content/quizzes.yml: 缺少这个文件" in found


def test_all_problems_are_reported_in_one_run(content: Path) -> None:
    (content / "a.yml").write_text("title: x\n\tsummary: y\n", encoding="utf-8")
    (content / "b.yml").write_text("", encoding="utf-8")
    append(content / "phrasing.yml", PHRASE.replace("reason:", "raeson:"))
    found = problems_of(content)
    assert [p.split(":")[0] for p in found] == [
        "content/a.yml",
        "content/b.yml",
        "content/phrasing.yml",  # raeson: an unknown field (是不是想写“reason”？), said once
    ]


def test_broken_entry_does_not_cause_false_dangling_references(content: Path) -> None:
    """An entry with a typo is reported once; references to its id are not reported as missing."""
    append(
        content / "phrasing.yml", PHRASE.replace("reason: 原因", "reason: 原因\n        titel: x")
    )
    checklists = content / "checklists.yml"
    checklists.write_text(
        checklists.read_text(encoding="utf-8").replace("refs: [", "refs: [test-phrase, ", 1),
        encoding="utf-8",
    )
    found = problems_of(content)
    assert len(found) == 1 and "titel" in found[0]


def test_quiz_answer_rules(content: Path) -> None:
    append(
        content / "quizzes.yml",
        """  - id: test-q
    type: single
    question: 哪个对？
    options:
      - text: 甲
        correct: true
      - text: 乙
        correct: true
    explanation: 说明
    ref: REF
""".replace("REF", next(fixture_handbook().entries()).id),
    )
    [problem] = problems_of(content)
    # named, as its first line may be far above the options (an editor audit)
    assert "这一题（test-q）：单选题必须恰好有 1 个 correct: true 的选项（现在有 2 个）" in problem


def test_an_answer_written_out_on_a_choice_question_says_where_it_goes(content: Path) -> None:
    """An editor wrote the right option's text as `answer:`: 应为 true 或 false, and no more."""
    append(
        content / "quizzes.yml",
        """  - id: test-q
    type: single
    question: 哪个对？
    answer: 甲
    options:
      - text: 甲
      - text: 乙
    explanation: 说明
    ref: REF
""".replace("REF", next(fixture_handbook().entries()).id),
    )
    problems = problems_of(content)
    assert any("选择题不写 answer，在正确的选项上写 correct: true" in p for p in problems), problems


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (("    answer: false\n", "    answer: 错\n"), "错写成 false（对写 true，错写 false）"),
        (("    type: single\n", "    type: singel\n"), "是不是想写“single”？"),
    ],
)
def test_a_quiz_field_written_in_words_or_misspelt_says_what_to_write(
    content: Path, written: tuple[str, str], said: str
) -> None:
    """`answer: 错` was told 应为 true 或 false and no more; `type: singel` the list of types."""
    path = content / "quizzes.yml"
    before, after = written
    path.write_text(path.read_text(encoding="utf-8").replace(before, after, 1), "utf-8")
    problems = problems_of(content)
    assert any(said in p for p in problems), problems


def test_an_option_written_twice_is_named(content: Path) -> None:
    append(
        content / "quizzes.yml",
        """  - id: test-q
    type: single
    question: 哪个对？
    options:
      - text: 甲
        correct: true
      - text: 乙
      - text: 乙
    explanation: 说明
    ref: REF
""".replace("REF", next(fixture_handbook().entries()).id),
    )
    [problem] = problems_of(content)
    assert "选项文字有重复：“乙”写了 2 次" in problem


def test_a_wrong_option_may_say_why_a_right_one_not(content: Path) -> None:
    ref = next(fixture_handbook().entries()).id
    question = """  - id: test-q
    type: single
    question: 哪个对？
    options:
      - text: 甲
        correct: true
        why: 它对
      - text: 乙
        why: 它错
    explanation: 说明
    ref: REF
""".replace("REF", ref)
    append(content / "quizzes.yml", question)
    [problem] = problems_of(content)
    assert problem.startswith(
        f"content/quizzes.yml:{line_of(content / 'quizzes.yml', 'why: 它对')}:"
    )
    assert "options[0].why" in problem and "正确选项不写 why" in problem, problem
    (content / "quizzes.yml").write_text(
        (content / "quizzes.yml").read_text(encoding="utf-8").replace("        why: 它对\n", ""),
        encoding="utf-8",
    )
    load_content(content)  # no problem once the right option's why is gone


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (  # two right options, one with a why: both said (the count came a run later)
            "      - text: 甲\n        correct: true\n        why: 它对\n"
            "      - text: 乙\n        correct: true\n",
            ["正确选项不写 why", "恰好有 1 个 correct: true 的选项（现在有 2 个）"],
        ),
        (  # answer: C as on paper, and no option marked right
            "      - text: 甲\n      - text: 乙\n    answer: C\n",
            ["answer 只有判断题写", "恰好有 1 个 correct: true 的选项（现在有 0 个）"],
        ),
    ],
    ids=["why-and-count", "answer-letter-and-count"],
)
def test_every_slip_in_one_question_is_said_in_one_run(
    content: Path, options: str, said: list[str]
) -> None:
    ref = next(fixture_handbook().entries()).id
    append(
        content / "quizzes.yml",
        "  - id: test-q\n    type: single\n    question: 哪个对？\n    options:\n"
        f"{options}    explanation: 说明\n    ref: {ref}\n",
    )
    problems = problems_of(content)
    assert len(problems) == len(said), problems
    for words in said:
        assert any(words in problem for problem in problems), (words, problems)


LISTS = """
        alternatives:
          - 替代说法一
          - 替代说法二
        near_misses:
          - text: 听着客气的说法
            why: 还是在推
        patterns:
          - 测试用语
          - 测试(用|的)语
"""


@pytest.mark.parametrize(
    ("deleted", "at", "said"),
    [
        (
            "        near_misses:\n",
            "- text: 听着客气的说法",
            "像是 near_misses 的：是不是少了一行“near_misses:”",
        ),
        ("        patterns:\n", "- 测试用语", "删掉了一行列表的名字"),
    ],
    ids=["near_misses", "patterns"],
)
def test_a_deleted_list_key_is_named_once_at_the_first_item_it_left_behind(
    content: Path, deleted: str, at: str, said: str
) -> None:
    """An editor deleted one line; the check said of every item below it that it should be
    text, or a mapping (three messages naming the list above, not the line that went)."""
    phrase = PHRASE.replace("        alternatives: [替代说法]\n", LISTS)
    append(content / "phrasing.yml", phrase.replace(deleted, "", 1))
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line_of(content / 'phrasing.yml', at)}:")
    assert said in problem and deleted.strip().rstrip(":") in problem, problem


def test_a_list_of_mappings_and_lines_is_not_taken_for_a_lost_key(content: Path) -> None:
    """A topic's items may be a name with its detail or a plain line, mixed: written so, a
    mistake elsewhere in the file (a key misspelt) also named the topic's lines as a list
    whose key was deleted, sending the editor to correct text far from the real mistake."""
    topic = """
  - id: test-topics
    title: 测试知识点
    entries:
      - kind: topic
        id: test-topic
        title: 三类原因
        source: ceshi-kejian
        items:
          - name: 第一类
            detail: 说明
          - 第二类
          - 第三类
"""
    append(content / "phrasing.yml", PHRASE.replace("reason:", "reson:") + topic)
    [problem] = problems_of(content)
    assert "未知字段“reson”" in problem, problem


def test_a_near_miss_whose_first_line_went_is_not_told_to_merge(content: Path) -> None:
    """`- text: …` of the second near miss deleted: its why joined the first one, and the
    check said 请合并成一个, which would lose that reply."""
    lists = LISTS.replace(
        "            why: 还是在推\n",
        "            why: 还是在推\n            why: 又一个理由\n",
    )
    append(content / "phrasing.yml", PHRASE.replace("        alternatives: [替代说法]\n", lists))
    [problem] = problems_of(content)
    assert problem.startswith(
        f"content/phrasing.yml:{line_of(content / 'phrasing.yml', 'why: 又一个理由')}:"
    )
    assert "它的第一行不见了（在这一行上面补上“- text: …”这样的一行" in problem, problem


@pytest.mark.parametrize(("spaces", "way"), [(4, "右"), (8, "左")])
def test_an_entry_pasted_at_another_indent_says_how_far_to_move_it(
    content: Path, spaces: int, way: str
) -> None:
    """A whole entry pasted two spaces left or right of the entries above (CONTRIBUTING's
    example, the most common way editors add one): YAML said only 缩进不一致."""
    pasted = PHRASE.replace("test-phrase", "test-phrase-2").split("entries:\n", 1)[1]
    shift = spaces - 6  # the entries above are at 6
    pasted = "".join(
        " " * shift + text if shift > 0 else text[-shift:]
        for text in pasted.splitlines(keepends=True)
    )
    append(content / "phrasing.yml", PHRASE + pasted)
    [problem] = problems_of(content)
    first = line_of(content / "phrasing.yml", "id: test-phrase") - 1
    line = line_of(content / "phrasing.yml", "id: test-phrase-2") - 1
    assert problem == (
        f"content/phrasing.yml:{line}:{spaces + 1}: 这一项的“- ”缩进 {spaces} 个空格，"
        f"上面同一列表的“- kind:”（第 {first} 行）是 6 个：这一项连同它下面的各行要整段往"
        f"{way}挪 2 格，和第 {first} 行对齐（VS Code 里选中这几行，按 Tab 往右、Shift+Tab 往左，"
        "每按一次挪 2 格）"
    )


def test_an_item_moved_left_of_its_list_is_named_on_its_own_line(content: Path) -> None:
    """An alternative moved back to the entries' dash: YAML complained of a colon on the line
    below it (这里不能出现冒号)."""
    lists = LISTS.replace("          - 替代说法二\n", "      - 替代说法二\n")
    append(content / "phrasing.yml", PHRASE.replace("        alternatives: [替代说法]\n", lists))
    [problem] = problems_of(content)
    line = line_of(content / "phrasing.yml", "- 替代说法二")
    assert problem == (
        f"content/phrasing.yml:{line}:7: 这一项比上一项（第 {line - 1} 行）少缩进了 4 个空格："
        "同一个列表的各项要对齐，把“- ”挪到和上一项的“- ”同一列"
    )


def test_a_list_under_a_key_with_a_value_asks_for_its_own_key(content: Path) -> None:
    """`patterns:` deleted below `related: [...]`: YAML only said 缩进不一致."""
    phrase = PHRASE.replace(
        "        source: ceshi-kejian\n",
        "        source: ceshi-kejian\n        related: [test-phrase]\n          - 测试用语\n",
    )
    append(content / "phrasing.yml", phrase)
    [problem] = problems_of(content)
    assert problem.startswith(
        f"content/phrasing.yml:{line_of(content / 'phrasing.yml', '- 测试用语')}:"
    )
    assert "上面的“related:”后面已经写了内容" in problem and "patterns:" in problem, problem


@pytest.mark.parametrize(
    ("added", "said"),
    [
        ("  - [忌语, 禁用语]\n", "“忌语”同时出现在第 1 组和第 2 组；每个词只能属于一组"),
        ("  - [麻烦, 费事, 麻烦]\n", "“麻烦”在这一组里写了两次；删掉一个"),
    ],
    ids=["two-groups", "one-group"],
)
def test_a_synonym_written_twice_is_named_at_its_own_line(
    content: Path, added: str, said: str
) -> None:
    """Both were said at `groups:`, the file's first line, and within one group as
    “麻烦”同时出现在第 7 组和第 7 组."""
    path = content / "synonyms.yml"
    text = path.read_text(encoding="utf-8")
    head, _, tail = text.partition("groups:\n")
    path.write_text(f"{head}groups:\n{tail}{added}", encoding="utf-8")
    [problem] = problems_of(content)
    line = line_of(path, added.strip())
    assert problem.startswith(f"content/synonyms.yml:{line}:"), problem
    assert problem.endswith(said), problem


def test_a_quiz_naming_no_chapter_is_said_with_the_other_slips_of_its_file(content: Path) -> None:
    """A true/false question with options in the same file had hidden it until the next run."""
    path = content / "quizzes.yml"
    text = path.read_text(encoding="utf-8").replace("chapters: [basics]", "chapters: [jichu]", 1)
    ref = next(fixture_handbook().entries()).id
    text += (
        "  - id: test-tf\n    type: truefalse\n    question: 对吗？\n    answer: true\n"
        "    options:\n      - text: 对\n      - text: 错\n"
        f"    explanation: 说明\n    ref: {ref}\n"
    )
    path.write_text(text, encoding="utf-8")
    problems = problems_of(content)
    assert len(problems) == 2, problems
    assert any("chapters 里的“jichu”不是章节" in p for p in problems)
    assert any("判断题不写 options" in p for p in problems)


def test_a_name_written_where_an_id_belongs_is_given_its_id(content: Path) -> None:
    """methods: [补偿法] said only that 补偿法 is no id; CONTRIBUTING never says refs are ids."""
    path = content / "checklists.yml"
    text = path.read_text(encoding="utf-8").replace("refs: [yibiao-guifan]", "refs: [仪容仪表]", 1)
    path.write_text(text, encoding="utf-8")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/checklists.yml:{line_of(path, 'refs: [仪容仪表]')}:")
    assert problem.endswith("这里要写编号（id），不是名称：“仪容仪表”的编号是 yibiao-guifan"), (
        problem
    )
    # copied with its full stop, as a 禁语's words are
    path.write_text(text.replace("refs: [仪容仪表]", "refs: [仪容仪表。]"), encoding="utf-8")
    [problem] = problems_of(content)
    assert problem.endswith("“仪容仪表。”的编号是 yibiao-guifan"), problem


def test_too_many_search_suggestions_are_said_in_chinese(content: Path) -> None:
    """pydantic's own words reached the editor: List should have at most 12 items."""
    path = content / "search.yml"
    more = "".join(f"  - text: 班前准备{n}\n    ref: banqian-zhunbei\n" for n in range(12))
    before = path.read_text(encoding="utf-8")
    path.write_text(before + more, encoding="utf-8")
    [problem] = problems_of(content)
    count = before.count("- text:") + 12
    assert problem.endswith(f"suggestions: 最多 12 项，这里有 {count} 项；请删掉几项"), problem


def test_a_checklist_too_short_to_be_a_form_is_said_by_the_check(content: Path) -> None:
    """At least five items, one of them 必做, and a note on where they came from: only the
    tests had said so, so check and the preview were green and CI red."""
    path = content / "checklists.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    editor_note: 测试用的表，各项从办理业务和禁语条目整理。\n", "")
    text = text.replace(
        "        critical: true\n        refs: [banli-yewu]\n", "        refs: [banli-yewu]\n"
    )
    text = text[: text.index("      - id: jiaoban-jiaodai")]
    path.write_text(text, encoding="utf-8")
    problems = problems_of(content)
    assert len(problems) == 3, problems
    assert any("只有 4 项：一张表至少 5 项" in p for p in problems)
    assert any("没有必做的项：至少一项写 critical: true" in p for p in problems)
    assert any("缺少 editor_note" in p for p in problems)


# --- one slip, one message ---------------------------------------------------------------
# A file that cannot be read hides its ids; the check must not then report every reference to
# them as missing. Each slip below, made in a reply of the phrasing chapter (whose ids the
# checklists and quizzes point to), gives exactly one problem, on the slipped line, naming the
# cause.


def slip(content: Path, old: str, new: str) -> tuple[list[str], int]:
    path = content / "phrasing.yml"
    line = line_of(path, old)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return problems_of(content), line


def test_a_tab_gives_one_problem(content: Path) -> None:
    problems, line = slip(content, "    reply: ", "\treply: ")
    [problem] = problems
    assert problem.startswith(f"content/phrasing.yml:{line}:")
    assert "用了 Tab 缩进；YAML 只能用空格缩进（建议每层 2 个空格）；这一行和第" in problem
    assert problem.endswith("缩进 8 个空格"), problem  # where "    reply:" stood


def test_a_misspelt_reference_is_named_though_its_target_is_in_an_unreadable_file(
    content: Path,
) -> None:
    """The ids of a file with a tab are unknown, so a reference to one is held back, but only
    one written there whole: a reference cut short (a prefix of a real id) is a slip too."""
    quizzes = content / "quizzes.yml"
    line = line_of(quizzes, "ref: gongsi-guiding")
    quizzes.write_text(
        quizzes.read_text(encoding="utf-8").replace("ref: gongsi-guiding", "ref: gongsi-guidin"),
        encoding="utf-8",
    )
    problems, tab_line = slip(content, "    reply: ", "\treply: ")
    assert len(problems) == 2, problems
    assert any(p.startswith(f"content/phrasing.yml:{tab_line}:") for p in problems), problems
    [reference] = [p for p in problems if p.startswith(f"content/quizzes.yml:{line}:")]
    # the id it meant is read from the unreadable file's text
    assert reference.endswith(
        "ref: 引用的 id “gongsi-guidin” 不存在，是不是想写“gongsi-guiding”？"
    ), reference


@pytest.mark.parametrize("at", ["top", "entry"])
def test_merge_conflict_markers_are_named_as_such(content: Path, at: str) -> None:
    """What a pull request's "resolve conflicts" leaves behind when an editor keeps both sides:
    YAML read it as a missing colon (or, at the top, in English)."""
    path = content / "phrasing.yml"
    text = path.read_text(encoding="utf-8")
    anchor = 0 if at == "top" else text.rindex("\n", 0, text.index("reply: ")) + 1
    conflict = "<<<<<<< HEAD\n    reply: 一\n=======\n    reply: 二\n>>>>>>> main\n"
    path.write_text(text[:anchor] + conflict + text[anchor:], encoding="utf-8")
    line = text.count("\n", 0, anchor) + 1
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:1: 这里留着合并冲突的标记"), problem


def test_a_full_width_colon_in_a_one_line_item_is_not_published_as_text(content: Path) -> None:
    """`- name：工装整洁` is a list item of text to YAML, which staff would read as “name：工装
    整洁”; a word that is no field name (FABE：…) is text."""
    path = content / "basics.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- 工装整洁，", "- name：工装整洁，", 1), "utf-8")
    line = line_of(path, "- name：工装整洁")
    assert problems_of(content) == [
        f"content/basics.yml:{line}:13: sections[0].entries[0].items[0]: "
        "用了全角冒号“：”；键后面要用半角冒号加空格，写成“name: ”"
    ]
    path.write_text(text.replace("- 工装整洁，", "- FABE：工装整洁，", 1), "utf-8")
    load_content(content)


def test_a_missing_colon_gives_one_problem(content: Path) -> None:
    problems, line = slip(content, "    reply: ", "    reply ")
    assert problems == [f"content/phrasing.yml:{line}:9: “reply”后面少了冒号；写成“reply: ”"]


def test_a_full_width_colon_gives_one_problem_that_names_it(content: Path) -> None:
    problems, line = slip(content, "    reply: ", "    reply：")
    assert problems == [
        f"content/phrasing.yml:{line}:9: 用了全角冒号“：”；键后面要用半角冒号加空格，写成“reply: ”"
    ]


@pytest.mark.parametrize(("written", "said"), [("：", "用了全角冒号“：”"), ("", "后面少了冒号")])
def test_a_lists_key_slip_is_found_above_the_list(content: Path, written: str, said: str) -> None:
    """`alternatives：` over a list: YAML stops where the list ends, lines below the key."""
    path = content / "phrasing.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("alternatives:\n")
    line = text.count("\n", 0, start) + 1
    path.write_text(text.replace("alternatives:\n", f"alternatives{written}\n", 1), "utf-8")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:"), problem
    assert said in problem and "alternatives: " in problem, problem


def test_an_unclosed_quote_in_a_bracketed_list_is_found_on_its_line(content: Path) -> None:
    """YAML reads on to the next quote, often hundreds of lines further, and stops there."""
    path = content / "phrasing.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("keywords: [")
    line = text.count("\n", 0, start) + 1
    path.write_text(text.replace("keywords: [", 'keywords: ["催签字, ', 1), "utf-8")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:"), problem
    assert problem.endswith('方括号列表里这一项的引号 " 没有配对：这一项结尾少了一个 "'), problem


@pytest.mark.parametrize(
    ("slip", "said"),
    [
        (("        reason: ", "        reason: ? "), "文字以“? ”开头"),
        (("\n", "\n---\ntitle: 另一份\n"), "多了一行“---”"),
        (("        reason: ", '        reason: "用命令\\指挥" # '), "后面跟了 YAML 不认识的字符"),
        (("keywords: [", "keywords: [禁语,, "), "连着两个逗号"),
        (("        reason: ", "        reason: ,"), "文字以这些符号开头"),
        (("        reason: ", "        reason: ]"), "文字以这些符号开头"),
    ],
    ids=["question-mark", "second-document", "backslash", "two-commas", "comma-first", "bracket"],
)
def test_yaml_slips_are_said_in_chinese(content: Path, slip: tuple[str, str], said: str) -> None:
    path = content / "phrasing.yml"
    text = path.read_text(encoding="utf-8")
    old, new = slip
    text = text.replace(old, new, 1) if old.strip() else text + new
    path.write_text(text, encoding="utf-8")
    [problem] = problems_of(content)
    assert said in problem, problem
    assert not re.search(r"[A-Za-z]{4,}", problem.split(": ", 1)[1].replace("YAML", "")), problem


def test_a_pasted_no_break_space_after_the_colon_is_not_called_full_width(content: Path) -> None:
    problems, line = slip(content, "    reply: ", "    reply:\u00a0")
    assert problems == [
        f"content/phrasing.yml:{line}:9: 冒号后面是一个看着像空格的特殊空格（从 Word 或网页复制来的）；"
        "删掉它，重新打一个半角空格，写成“reply: ”"
    ]


def test_no_space_after_the_colon_gives_one_problem(content: Path) -> None:
    problems, line = slip(content, "    reply: ", "    reply:")
    assert problems == [
        f"content/phrasing.yml:{line}:9: 冒号后面少了空格；写成“reply: ”（半角冒号后加一个空格）"
    ]


def test_a_utf16_file_is_named_as_such(content: Path) -> None:
    path = content / "phrasing.yml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert problems_of(content) == [
        "content/phrasing.yml:1:1: 文件是 UTF-16 编码（记事本里叫 Unicode）；"
        "请在编辑器里用 UTF-8 重新保存"
    ]


def test_binary_data_is_named_in_chinese(content: Path) -> None:
    problems, _line = slip(content, "        reason: ", "        reason: !!binary 5Lit5paH\n#")
    assert any("二进制数据（!!binary）" in p for p in problems), problems


def test_a_gbk_file_gives_one_problem(content: Path) -> None:
    path = content / "phrasing.yml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    [problem] = problems_of(content)
    assert problem.startswith("content/phrasing.yml:") and "GBK" in problem


def test_an_entry_the_editors_wrote_must_say_so_in_its_editor_note(content: Path) -> None:
    append(content / "phrasing.yml", PHRASE.replace("ceshi-kejian", "editors"))
    [problem] = problems_of(content)
    assert problem.startswith("content/phrasing.yml:")
    assert "editor_note 里说明写了什么" in problem


def test_a_section_summary_counts_its_entries_with_the_placeholder(content: Path) -> None:
    append(
        content / "phrasing.yml",
        PHRASE.replace("    title: 测试\n", "    title: 测试\n    summary: 这 {条数} 句话\n"),
    )
    handbook = load_content(content)
    section = next(
        s for c in handbook.chapters.values() for s in c.sections if s.id == "test-section"
    )
    assert section.summary_text == "这 1 句话"


def test_a_way_of_asking_given_to_two_entries_is_reported_at_the_second(content: Path) -> None:
    append(
        content / "basics.yml",
        PHRASE.replace("source:", "asked: [客户嫌贵, 客户说太贵了]\n        source:"),
    )
    other = PHRASE.replace("test-section", "test-section-2").replace("test-phrase", "test-phrase-2")
    append(
        content / "phrasing.yml",
        other.replace("source:", "asked: [客户说 太贵了！]\n        source:").replace(
            "text: 测试用语", "text: 另一句测试用语"
        ),
    )
    [problem] = problems_of(content)
    first = line_of(content / "basics.yml", "asked: [客户嫌贵")
    second = line_of(content / "phrasing.yml", "asked: [客户说 太贵了")
    assert problem.startswith(f"content/phrasing.yml:{second}:")
    assert f"“test-phrase”（content/basics.yml:{first}）" in problem
    assert "搜索分不出该打开哪一条" in problem


def test_a_section_is_asked_for_as_a_whole_and_shares_no_question_with_an_entry(
    content: Path,
) -> None:
    """A section may say how staff ask for all of it ("服务禁语有哪些"); a question of one of
    its entries stays on that entry, or search could not tell which to open."""
    section = PHRASE.replace("    title: 测试\n", "    title: 测试\n    asked: [测试的话有哪些]\n")
    append(content / "phrasing.yml", section)
    handbook = load_content(content)
    found = handbook.get("test-section")
    assert isinstance(found, Section) and found.asked == ["测试的话有哪些"]
    other = PHRASE.replace("test-section", "test-section-2").replace("test-phrase", "test-phrase-2")
    append(
        content / "basics.yml",
        other.replace("source:", "asked: [测试的话有哪些？]\n        source:").replace(
            "text: 测试用语", "text: 另一句测试用语"
        ),
    )
    [problem] = problems_of(content)  # files are read in order: the section's is the second
    assert problem.startswith("content/phrasing.yml:"), problem
    assert "问法“测试的话有哪些”已经写在“test-phrase-2”" in problem, problem


def test_a_repeated_way_of_asking_is_said_with_a_wrong_kind_in_its_file(content: Path) -> None:
    """A wrong kind elsewhere in the file had hidden it until the next run."""
    asked = PHRASE.replace("source:", "asked: [客户嫌贵]\n        source:")
    second = asked.replace("test-section", "test-section-2").replace("test-phrase", "test-phrase-2")
    wrong = PHRASE.replace("test-section", "test-section-3").replace("test-phrase", "test-phrase-3")
    append(content / "phrasing.yml", asked + second + wrong.replace("kind: phrase", "kind: phrse"))
    problems = problems_of(content)
    assert len(problems) == 2, problems
    assert any("问法“客户嫌贵”已经写在“test-phrase”" in p for p in problems)
    assert any("kind 写成了“phrse”" in p for p in problems)


def test_a_way_of_asking_written_twice_in_one_list_is_reported(content: Path) -> None:
    append(
        content / "basics.yml",
        PHRASE.replace("source:", "asked: [客户嫌贵, 客户嫌贵]\n        source:"),
    )
    [problem] = problems_of(content)
    line = line_of(content / "basics.yml", "asked: [客户嫌贵, 客户嫌贵]")
    assert problem.endswith(f"问法“客户嫌贵”在这一条里写了两次（第 {line} 行已有）；删掉一处"), (
        problem
    )


# --- text YAML would take apart without a word (an editors' audit found each) ---------------


def phrase_with(content: Path, old: str, new: str) -> Path:
    """phrasing.yml with the test phrase appended, `old` in it written as `new`."""
    path = content / "phrasing.yml"
    append(path, PHRASE.replace(old, new))
    return path


def test_a_value_that_is_only_a_comment_says_so(content: Path) -> None:
    """`reason: # 先道歉` is empty to YAML: "nothing written" would be a wrong claim."""
    path = phrase_with(content, "reason: 原因", "reason: # 先道歉再解释")
    path.write_text(
        path.read_text("utf-8").replace(
            "alternatives: [替代说法]", "alternatives:\n          - #1 先道歉"
        ),
        "utf-8",
    )
    found = problems_of(content)
    assert len(found) == 2, found
    reason, item = found
    assert reason.startswith(f"content/phrasing.yml:{line_of(path, 'reason: # 先道歉')}:")
    assert reason.endswith(
        ".reason: 不能为空：冒号后面只有“# 先道歉再解释”，YAML 把空格后的 # 和它后面的字当成注释，"
        '不读；如果这是要写的文字，请加引号，写成 "# 先道歉再解释"'
    )
    assert ".alternatives[0]: 不能为空：“- ”后面只有“#1 先道歉”" in item


def test_an_empty_value_without_a_comment_is_plainly_empty(content: Path) -> None:
    """A field that must be there is not to be deleted (that only trades the message for
    缺少必填字段); one that may be left out may go."""
    phrase_with(content, "reason: 原因", "reason:")
    [problem] = problems_of(content)
    assert problem.endswith(".reason: 不能为空；请写上文字（这一项必须有，不能删掉）")


def test_an_empty_optional_value_may_be_deleted(content: Path) -> None:
    phrase_with(content, "    title: 测试\n", "    title: 测试\n    summary: ''\n")
    [problem] = problems_of(content)
    assert problem.endswith(".summary: 不能为空；请写上文字，或删掉这一行"), problem


def test_an_editor_note_below_a_sections_entries_is_asked_where_it_belongs(
    content: Path,
) -> None:
    """The last entry's note, outdented to the section's level, is valid YAML and a valid
    section: it would move to the section without a word."""
    path = phrase_with(
        content,
        "        source: ceshi-kejian\n",
        "        source: ceshi-kejian\n    editor_note: 补写的原因\n",
    )
    line = line_of(path, "    editor_note: 补写的原因")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:5: ")
    assert problem.endswith(
        "editor_note: editor_note 写在了 entries 列表的下面，YAML 把它算作整个小节的说明；"
        "如果它是上面最后一项的说明，请缩进到和那一项的字段对齐；如果是整个小节的，请移到“entries:”的上面"
    )
    path.write_text(
        path.read_text("utf-8").replace(
            "    editor_note: 补写的原因\n", "        editor_note: 补写的原因\n"
        ),
        "utf-8",
    )
    entry = load_content(content).get("test-phrase")
    assert isinstance(entry, Entry) and entry.editor_note == ["补写的原因"]


def test_a_hash_after_text_would_drop_the_rest_of_the_line(content: Path) -> None:
    path = phrase_with(content, "reason: 原因", "reason: 原因 #重点 后半句")
    line = line_of(path, "reason: 原因 #重点")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:20: ")
    assert "“ #”和它后面的文字被 YAML 当成了注释" in problem and "加引号" in problem


def test_a_hash_inside_quotes_or_after_an_id_is_fine(content: Path) -> None:
    path = content / "phrasing.yml"
    phrase = PHRASE.replace("reason: 原因", 'reason: "原因 #重点"')
    append(path, phrase.replace("id: test-phrase", "id: test-phrase  # 编辑备注"))
    [entry] = [e for e in load_content(content).entries() if e.id == "test-phrase"]
    assert entry.reason == "原因 #重点"


def alternatives_written(content: Path, *lines: str) -> Path:
    """The test phrase with its `alternatives:` written out as these lines, each indented
    under the key as given (the slip the test makes is in the indent or the "- ")."""
    return phrase_with(content, "alternatives: [替代说法]", "\n".join(["alternatives:", *lines]))


def test_a_list_item_indented_too_far_is_not_joined_to_the_one_above(content: Path) -> None:
    path = alternatives_written(content, "          - 甲", "            - 乙")
    line = line_of(path, "            - 乙")
    [problem] = problems_of(content)
    assert problem == (
        f"content/phrasing.yml:{line}:1: 这一行缩进多了，被接在第 {line - 1} 行的文字后面；"
        "列表项的“- ”和字段名要与上一项对齐"
    )


def test_a_list_item_whose_dash_was_left_out_is_not_joined_to_the_one_above(
    content: Path,
) -> None:
    """Two replies became one bullet ("…想办法。这一步我这里办不了…") and check passed."""
    path = alternatives_written(
        content, "          - 我先帮您看看。", "            这一步我办不了，我请经理来。"
    )
    line = line_of(path, "            这一步我办不了")
    [problem] = problems_of(content)
    assert problem == (
        f"content/phrasing.yml:{line}:1: 这一行像是新的一项，却接在了第 {line - 1} 行那一项的"
        "后面：行首少了“- ”？要是同一项写成了两行，请把它们合成一行"
    )


def test_a_lists_first_item_without_its_dash_is_named_where_it_is(content: Path) -> None:
    """YAML reads the first entry's keys as the list's own and stops at the next "- ", an
    entry later: the message named that line, 66 lines away, as 缩进不一致."""
    path = content / "phrasing.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(
        n
        for n, line in enumerate(lines[:-1])
        if line.strip() == "entries:" and lines[n + 1].startswith("      - kind:")
    )
    lines[at + 1] = lines[at + 1].replace("      - kind:", "        kind:", 1)
    path.write_text("".join(lines), encoding="utf-8")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{at + 2}:7: “entries”列表的第一项少了“- ”")


def test_a_list_item_whose_dash_was_deleted_where_it_stood_is_named(content: Path) -> None:
    """The "- " deleted and the text left at its place: YAML reported the next line as a
    missing colon."""
    path = alternatives_written(content, "          - 甲。", "          乙。", "          - 丙。")
    line = line_of(path, "          乙。")
    [problem] = problems_of(content)
    assert problem == (
        f"content/phrasing.yml:{line}:11: 这一行像是列表里的一项，行首少了“- ”："
        "写成“- 乙。”，和上下几项的“- ”对齐"
    )


def test_a_fields_list_whose_first_dash_is_missing_is_named_there(content: Path) -> None:
    """YAML read the list as text; the line under it was said to be indented too far."""
    path = alternatives_written(content, "          甲。", "          - 乙。")
    line = line_of(path, "          甲。")
    problems = problems_of(content)
    assert f"content/phrasing.yml:{line}:11: 这一行是列表的第一项，行首少了“- ”" in problems[0]
    assert not [p for p in problems if "缩进多了" in p]


def test_a_colon_and_space_inside_a_list_item_says_to_quote_it(content: Path) -> None:
    path = alternatives_written(content, "          - 要点: 先道歉")
    line = line_of(path, "- 要点: 先道歉")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:")
    assert '请给整段文字加引号，写成 "要点: 先道歉"，或把冒号换成中文的“：”' in problem


def test_a_list_item_wrapped_inside_a_sentence_is_one_item(content: Path) -> None:
    alternatives_written(content, "          - 我先帮您看看，", "            再请经理来。")
    [entry] = [e for e in load_content(content).entries() if e.id == "test-phrase"]
    assert entry.alternatives == ["我先帮您看看，再请经理来。"]


@pytest.mark.parametrize(
    ("old", "new", "key", "spaces"),
    [
        ("        text:", "    text:", "text", "8 个空格对 4 个"),  # the line above dedented
        ("        reason:", "          reason:", "text", "10 个空格对 8 个"),  # this one too deep
    ],
)
def test_a_key_deeper_than_the_key_above_names_both_lines(
    content: Path, old: str, new: str, key: str, spaces: str
) -> None:
    """YAML reads the deeper key as more words of the value above and complains only of a
    colon (这里不能出现冒号), which points at neither slip."""
    path = phrase_with(content, old, new)
    line = line_of(path, "reason: 原因")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:")
    assert f"这一行的“reason”比第 {line - 1} 行的“{key}”缩进多（{spaces}）" in problem


@pytest.mark.parametrize(
    ("old", "new", "spaces"),
    [
        ("        reason:", "      reason:", "6 个空格对 8 个"),  # at the entries' "- "
        ("        reason:", "       reason:", "7 个空格对 8 个"),  # one space short
    ],
)
def test_a_key_less_indented_than_the_key_above_names_both_lines(
    content: Path, old: str, new: str, spaces: str
) -> None:
    """YAML says only 缩进不一致 at the line that went left; the editor needs the line to
    line it up with."""
    path = phrase_with(content, old, new)
    line = line_of(path, "reason: 原因")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:{len(new) - len('reason:') + 1}: ")
    assert f"这一行的“reason”比第 {line - 1} 行的“text”缩进少（{spaces}）" in problem


def test_a_quote_slip_on_a_section_key_is_not_called_an_indent(content: Path) -> None:
    """A section's key after an entry's deeper lines is where it belongs: what YAML stops
    at there is the text after the quotes."""
    append(content / "phrasing.yml", PHRASE + '    editor_note: "先看" 这里\n')
    [problem] = problems_of(content)
    assert "缩进少" not in problem


@pytest.mark.parametrize(
    ("old", "new", "fixed"),
    [
        ("source: ceshi-kejian", "source: Editors", "editors"),
        (
            "alternatives: [替代说法]",
            "alternatives: [替代说法]\n        related: [Ni_Nongcuo]",
            "ni-nongcuo",
        ),
    ],
)
def test_an_id_written_in_capitals_is_one_problem_with_its_fix(
    content: Path, old: str, new: str, fixed: str
) -> None:
    """Not also 不在 sources.yml / 不存在: one slip, one message."""
    phrase_with(content, old, new)
    [problem] = problems_of(content)
    assert problem.endswith(f"不合格式：只能用小写字母、数字和连字符，是不是想写“{fixed}”？")


def test_a_quote_left_open_is_named_where_it_opens(content: Path) -> None:
    """YAML reads on to the next quote: here the file still parses, with the lines between
    swallowed into the text."""
    path = content / "phrasing.yml"
    phrase = PHRASE.replace("text: 测试用语", 'text: "测试用语').replace("原因", '原因"')
    append(path, phrase)
    line = line_of(path, 'text: "测试用语')
    opened = [p for p in problems_of(content) if f'第 {line} 行的引号 " 没有配对' in p]
    assert [p.split(": ")[0] for p in opened] == [f"content/phrasing.yml:{line + 1}:1"]


def test_full_width_spaces_and_commas_of_a_chinese_keyboard(content: Path) -> None:
    path = phrase_with(content, "        reason: 原因", "　　　　reason: 原因")
    assert problems_of(content)[0].endswith(
        "用了全角空格缩进（中文输入法）；YAML 只能用半角空格缩进；这一行和第 "
        f"{line_of(path, 'alternatives: [替代说法]')} 行一样，缩进 8 个空格"
    )
    path.write_text(path.read_text("utf-8").replace("　　　　reason:", "        reason:"), "utf-8")
    path.write_text(path.read_text("utf-8").replace("[替代说法]", "[替代说法，另一说法]"), "utf-8")
    [problem] = problems_of(content)
    assert "方括号列表里的项要用半角逗号" in problem


def test_a_value_yaml_read_as_a_number_is_quoted_as_written(content: Path) -> None:
    phrase_with(content, "text: 测试用语", "text: 9:30")
    [problem] = problems_of(content)
    assert problem.endswith(
        '.text: 应为文字：文件里写的是“9:30”，没加引号，YAML 把它读成了数字 570；请加引号，写成 "9:30"'
    )


def test_a_latin_word_opening_a_list_item_is_not_taken_for_a_key(content: Path) -> None:
    path = content / "phrasing.yml"
    phrase = PHRASE.replace("alternatives: [替代说法]", "alternatives:\n          - APP 上也能查")
    append(
        path,
        phrase.replace(
            "source: ceshi-kejian", "source: ceshi-kejian\n        editor_note: 注意: 补充"
        ),
    )
    [problem] = problems_of(content)
    assert "APP" not in problem and "请给整段文字加引号" in problem


def test_a_misspelt_entry_count_is_not_shown_to_staff(content: Path) -> None:
    path = phrase_with(
        content, "    title: 测试\n", "    title: 测试\n    summary: 这 {条目数} 句\n"
    )
    [problem] = problems_of(content)
    assert "“{条目数}”不认识：小节说明里只能用 {条数}" in problem
    for written in ("｛条数｝", "{{条数}}", "{ 条数 }"):
        path.write_text(path.read_text("utf-8").replace("{条目数}", written), "utf-8")
        [problem] = problems_of(content)
        assert f"“{written}”不认识" in problem
        path.write_text(path.read_text("utf-8").replace(written, "{条目数}"), "utf-8")


def test_a_stray_quote_at_the_end_of_a_text_is_not_shown_to_staff(content: Path) -> None:
    """`reason: 原因"`: YAML keeps the quote as text (only a quote at the start opens one)."""
    path = phrase_with(content, "        reason: 原因\n", '        reason: 原因"\n')
    line = line_of(path, 'reason: 原因"')
    assert problems_of(content) == [
        f'content/phrasing.yml:{line}:19: 文字末尾多了一个半角引号 "，会原样显示给员工：'
        '多打的就删掉；要给整段加引号，开头也要写一个 "'
    ]
    path.write_text(path.read_text("utf-8").replace('原因"', '他说"好"'), "utf-8")
    load_content(content)  # quotes in pairs are text


def test_an_entry_count_outside_a_section_summary_is_not_shown_to_staff(content: Path) -> None:
    """{条数} is filled in only in a section's summary: in an entry it was published as written."""
    phrase_with(content, "        reason: 原因\n", "        reason: 这 {条数} 种说法都不行\n")
    [problem] = problems_of(content)
    assert problem.endswith(
        ".reason: {条数} 只在小节的 summary 里会换成这一节的条目数，写在这里会原样显示；请写出数字"
    ), problem


def test_a_required_file_left_empty_is_not_to_be_deleted(content: Path) -> None:
    (content / "search.yml").write_text("", encoding="utf-8")
    [problem] = problems_of(content)
    assert "文件是空的；请写入内容，这个文件是手册必需的，不能删除" in problem


def test_editors_words_in_staff_text_and_the_words_they_hide_in(content: Path) -> None:
    path = phrase_with(content, "reason: 原因", "reason: 按原文整理")
    [problem] = problems_of(content)
    assert "“原文”是编辑用语" in problem
    path.write_text(path.read_text("utf-8").replace("按原文整理", "教客户还原文件夹"), "utf-8")
    assert any(e.id == "test-phrase" for e in load_content(content).entries())


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("*号键查询", "以“*”开头的文字"),
        (">您好", "以“>”开头的文字"),
        ("- 您好", "以“-”开头的文字"),
        ("&r 你好像不明白", "文字以“&r”开头，YAML 会把它当成锚点"),  # was dropped silently
        ("'你'好像不明白", "引号或括号只括住了开头几个字"),
        ("[重要]你好像不明白", "引号或括号只括住了开头几个字"),
        ("{{ x }}没听说过", "以“{”开头的文字"),  # was 缩进不一致
        ("[[重要]]你好像不明白", "引号或括号只括住了开头几个字"),
    ],
)
def test_a_value_starting_with_a_yaml_sign_is_named_on_its_line(
    content: Path, written: str, words: str
) -> None:
    """The parser's own complaint (an alias, 缩进不一致) names neither the cause nor the fix."""
    path = phrase_with(content, "text: 测试用语", f"text: {written}")
    line = line_of(path, f"text: {written}")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:15: "), problem
    assert words in problem and "加" in problem and "引号" in problem


def test_a_keyword_listed_twice_is_named(content: Path) -> None:
    phrase_with(
        content,
        "source: ceshi-kejian",
        "source: ceshi-kejian\n        keywords: [禁语, 不明白, 禁语]",
    )
    [problem] = problems_of(content)
    assert problem.endswith(".keywords: “禁语”写了两次；每个词只写一次"), problem


@pytest.mark.parametrize(
    ("misses", "message"),
    [
        (
            "[{text: 替代说法, why: 其实可以}]",
            "“替代说法”既写在 alternatives（可以这样说）里，又写在 near_misses（听着客气也不行）里",
        ),
        (
            "[{text: 您再看看, why: 推给客户}, {text: 您再看看, why: 还是推}]",
            "“您再看看”写了两次；每句只写一次",
        ),
        ("[{text: 您再看看}]", "why"),
    ],
    ids=["also-an-alternative", "written-twice", "no-why"],
)
def test_a_near_miss_is_a_wrong_reply_written_once_with_why(
    content: Path, misses: str, message: str
) -> None:
    path = phrase_with(
        content, "source: ceshi-kejian", f"source: ceshi-kejian\n        near_misses: {misses}"
    )
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line_of(path, 'near_misses: [')}:"), problem
    assert "near_misses" in problem and message in problem, problem


def test_a_checklist_that_outgrows_its_paper_is_said_with_its_other_mistakes(
    content: Path,
) -> None:
    """One A4 form: at most 16 items of at most 50 characters; the limit comes with whatever
    else is wrong in the items, in one run."""
    checklists = content / "checklists.yml"
    added = "".join(
        f"      - id: banqian-extra-{n}\n        text: 第 {n} 项。\n        refs: [yingjie-wenhao]\n"
        for n in range(11)  # 6 + 11 = 17 items
    )
    text = checklists.read_text(encoding="utf-8")
    text = text.replace(
        "        refs: [yingjie-wenhao]\n\n", "        refs: [yingjie-wenhao]\n" + added, 1
    )
    text = text.replace("text: 台面干净整齐，没有私人物品。", "text: " + "台面干净整齐，" * 8, 1)
    text = text.replace("- id: banqian-extra-3\n", "- id: banqian-extra-3\n        titel: x\n", 1)
    checklists.write_text(text, encoding="utf-8")
    found = problems_of(content)
    assert len(found) == 3, found
    first_item = line_of(checklists, "- id: banqian-yibiao")
    assert found[0] == (
        f"content/checklists.yml:{first_item}:7: checklists[0].items: 一张检查表最多 16 项"
        "（打印出来只有一张 A4 纸），这里有 17 项：请合并相近的项、删掉重复的，或拆成两张表"
    )
    assert found[1].startswith(
        f"content/checklists.yml:{line_of(checklists, '台面干净整齐，台面')}:"
    )
    assert "checklists[0].items[1].text: 一项最多 50 个字，这里有 56 个字" in found[1]
    assert "checklists[0].items[9].titel: 未知字段“titel”" in found[2]


@pytest.mark.parametrize(
    ("dash", "said"),
    [
        ("-", "行首的“-”后面少了空格"),
        ("－ ", "行首的“－”是全角（中文）符号"),
        ("—", "行首的“—”是全角（中文）符号"),
    ],
)
@pytest.mark.parametrize("keyed", [False, True], ids=["text", "key"])
def test_a_mistyped_item_dash_is_named_on_its_own_line(
    content: Path, dash: str, said: str, keyed: bool
) -> None:
    """`-这几条…` or `－ 这几条…` (a dash from the Chinese keyboard): YAML reads the line as
    text and complains a line further down, of a missing colon or of one not allowed; the fix
    it was told (写成“- － …”) had kept the wrong dash."""
    lines = (content / "phrasing.yml").read_text(encoding="utf-8").splitlines()
    item = re.compile(r"^( +)- (?!text: )(\S.*)$" if not keyed else r"^( +)- (text: .*)$")
    at = next(  # an item with one before it at its indent (for `text:`, a near miss)
        n
        for n, line in enumerate(lines)
        if (found := item.match(line)) and (keyed or lines[n - 1].startswith(f"{found.group(1)}- "))
    )
    found = item.match(lines[at])
    assert found is not None
    old = lines[at]
    problems, line = slip(content, old, f"{found.group(1)}{dash}{found.group(2)}")
    assert problems == [
        f"content/phrasing.yml:{line}:{len(found.group(1)) + 1}: {said}"
        + ("" if dash == "-" else "，YAML 不认；换成半角的“- ”")
        + f"：写成“- {found.group(2)}”，和上下几项的“- ”对齐"
    ], old


def test_a_word_list_pattern_left_unquoted_is_told_to_be_quoted(content: Path) -> None:
    """`- {我方}`: YAML reads the braces as a mapping; the fix had been 写成 "我方: None"."""
    path = phrase_with(
        content,
        "source: ceshi-kejian",
        "source: ceshi-kejian\n        patterns:\n          - {我方}",
    )
    line = line_of(path, "- {我方}")
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:13: "), problem
    assert "请给整段文字加单引号，写成 '{我方}'" in problem and "None" not in problem, problem


def test_a_list_left_empty_says_its_key_may_go(content: Path) -> None:
    """`related:` whose only id went with its entry: an optional list left empty may simply
    go (the message said only 应为列表…这里是空值)."""
    path = phrase_with(content, "source: ceshi-kejian", "source: ceshi-kejian\n        related:")
    lines = path.read_text(encoding="utf-8").splitlines()
    line = len(lines) - lines[::-1].index("        related:")  # the appended phrase's
    [problem] = problems_of(content)
    assert problem.startswith(f"content/phrasing.yml:{line}:"), problem
    assert problem.endswith("；没有要写的，就把“related:”这一行也删掉"), problem


@pytest.mark.parametrize(
    ("dash", "said"), [("-", "行首的“-”后面少了空格"), ("－ ", "行首的“－”是全角（中文）符号")]
)
def test_a_lists_first_item_with_a_mistyped_dash_is_one_problem(
    content: Path, dash: str, said: str
) -> None:
    """`-您方便的时候…` first in a list: YAML reads the list as one text, and the check said
    行首少了“- ” (it was there, without its space) and 应为列表 on the same line."""
    path = content / "phrasing.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(
        n
        for n in range(1, len(lines) - 1)
        if lines[n - 1].rstrip().endswith(":")
        and re.match(r" +- (?!text: )\S", lines[n])
        and re.match(r" +- ", lines[n + 1])
    )
    indent = len(lines[at]) - len(lines[at].lstrip())
    problems, line = slip(content, lines[at], lines[at].replace("- ", dash, 1))
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        f"content/phrasing.yml:{line}:{indent + 1}: 这一行是列表的第一项，{said}"
    )


def test_an_object_written_as_a_line_is_told_every_field_it_needs(content: Path) -> None:
    """A near miss written as a plain line was put right as `text:` alone, then reported again
    for its `why` (an editors' audit): the message names both at once."""
    path = content / "phrasing.yml"
    text = path.read_text(encoding="utf-8")
    old = "          - text: 不好意思，这一栏您又填错了，跟上次一样。\n            why: 客气开头，还是当面数落客户\n"
    assert old in text
    path.write_text(
        text.replace(old, "          - 不好意思，这一栏您又填错了，跟上次一样。\n"), "utf-8"
    )
    [problem] = problems_of(content)
    assert "这里要写成“字段名: 内容”的样子（每个字段一行，这里必须写 text、why）" in problem


def test_a_misspelt_key_is_not_also_told_how_yaml_read_its_value(content: Path) -> None:
    """`corect: true`: the key is the mistake; "YAML read true as a true/false value" was
    noise beside it."""
    path = content / "quizzes.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("        correct: true\n", "        corect: true\n", 1), "utf-8")
    problems = problems_of(content)
    misspelt = [p for p in problems if "corect" in p]
    assert misspelt and all("YAML 把它读成了" not in p for p in misspelt), problems


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        # a later item lost its "- ": its fields stay where an item's go
        (
            "          - name: 资料\n",
            "            name: 资料\n",
            "行首少了“- ”（写成“- name: …”",
        ),
        # the same, at the "- " column
        (
            "          - name: 资料\n            detail: 资费单和办理须知都是最新版本。\n",
            "          name: 资料\n          detail: 资费单和办理须知都是最新版本。\n",
            "这一行像是列表里新的一项，行首少了“- ”（写成“- name: …”，和第 23 行的“- ”对齐）",
        ),
        # the first item lost its "- ", its next field where an item's fields go
        (
            "          - name: 台面\n",
            "          name: 台面\n",
            "“items”列表的第一项少了“- ”：这一行要写成“- ”开头，和第 25 行的“- ”对齐",
        ),
        # a field moved left to the items' "- ": a field of the item above, not a new item
        (
            "            detail: 资费单和办理须知都是最新版本。\n",
            "          detail: 资费单和办理须知都是最新版本。\n",
            "这一行的“detail”比第 25 行的“name”缩进少（10 个空格对 12 个）",
        ),
    ],
    ids=["later-item", "later-item-at-dash", "first-item", "field-moved-left"],
)
def test_an_item_that_lost_its_dash_is_told_apart_from_a_field_moved_left(
    content: Path, old: str, new: str, said: str
) -> None:
    """A list item of several fields without its "- " was told 缩进多 at its second field, or
    to quote a colon two lines on (an editors' audit); a field moved left must still read as
    one."""
    path = content / "basics.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), "utf-8")
    [problem] = problems_of(content)
    assert said in problem, problem
