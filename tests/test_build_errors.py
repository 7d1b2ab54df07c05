"""`mkdocs build --strict` stops on every kind of broken YAML, naming file and line, no traceback.

One build of a project broken in many ways at once: the editor's command must name every
mistake in one run (not the first one only), each with its file and line. References are
checked once every file reads (a file that does not parse hides its ids, and every reference to
them would be reported as missing), so dangling references are tested in tests/test_loader.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .support.build import build_site, copy_project, run_build
from .support.fixture import fixture_project

pytestmark = pytest.mark.xdist_group("build_errors")  # its tests share a build: one worker

ENTRY = """
  - id: broken-section
    title: 测试
    entries:
      - kind: phrase
        id: broken-phrase
        text: 测试用语
        reason: 原因
        alternatives: [替代说法]
        source: seed-003
"""


def _append(project: Path, name: str, text: str) -> None:
    path = project / "content" / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _syntax(project: Path) -> None:
    (project / "content" / "broken-syntax.yml").write_text(
        'title: "未结束\nsummary: x\n', encoding="utf-8"
    )


def _tab(project: Path) -> None:
    (project / "content" / "broken-tab.yml").write_text(
        "title: x\nsummary: y\nsections:\n\t- id: z\n", encoding="utf-8"
    )


def _unknown_key(project: Path) -> None:
    _append(
        project, "phrasing.yml", ENTRY.replace("reason: 原因", "reason: 原因\n        titel: 多余")
    )


def _duplicate_id(project: Path) -> None:
    second = ENTRY.replace("broken-section", "broken-section-2")
    _append(
        project,
        "objections.yml",
        ENTRY.replace("broken-", "twice-") + second.replace("broken-", "twice-"),
    )


def _wrong_type(project: Path) -> None:
    _append(
        project,
        "selling.yml",
        ENTRY.replace("broken-", "typed-").replace("alternatives: [替代说法]", "alternatives: 42"),
    )


def _non_utf8(project: Path) -> None:
    (project / "content" / "broken-gbk.yml").write_bytes("title: 中文标题\n".encode("gbk"))


def _empty(project: Path) -> None:
    (project / "content" / "broken-empty.yml").write_text("", encoding="utf-8")


def _bad_pattern(project: Path) -> None:
    _append(
        project,
        "complaints.yml",
        ENTRY.replace("broken-", "pattern-").replace(
            "source: seed-003", "patterns:\n          - (?<!不)测试\n        source: seed-003"
        ),
    )


def _unknown_quiz_chapter(project: Path) -> None:
    path = project / "content" / "quizzes.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("chapters: [course]", "chapters: [course, coures]"), "utf-8")


CASES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    # name: (how to break it, file:line it must name, words it must say)
    "yaml-syntax": (_syntax, "content/broken-syntax.yml:1:8", '引号 " 没有配对'),
    "tab-indent": (_tab, "content/broken-tab.yml:4:1", "Tab 缩进"),
    "unknown-key": (_unknown_key, "content/phrasing.yml:{titel}:9", "未知字段“titel”"),
    "duplicate-id": (
        _duplicate_id,
        "content/objections.yml:{second-id}:9",
        "id “twice-phrase” 重复了",
    ),
    "wrong-type": (_wrong_type, "content/selling.yml:{42}:23", "应为列表"),
    "non-utf8": (_non_utf8, "content/broken-gbk.yml:1:8", "不是 UTF-8 编码"),
    "empty-file": (_empty, "content/broken-empty.yml:1", "文件是空的"),
    "bad-pattern": (_bad_pattern, "content/complaints.yml:{(?<!不)测试}", "不支持“(?”开头的写法"),
    "unknown-quiz-chapter": (
        _unknown_quiz_chapter,
        "content/quizzes.yml:{coures}:24",
        "chapters 里的“coures”不是章节",
    ),
}


def _expected_place(project: Path, pattern: str) -> str:
    """Fill `{needle}` in the expected place with the line the needle is on."""
    if "{" not in pattern:
        return pattern
    needle = pattern.split("{")[1].split("}")[0]
    file = project / pattern.split(":")[0]
    lines = file.read_text(encoding="utf-8").splitlines()
    if needle == "second-id":
        number = [n for n, line in enumerate(lines, 1) if "id: twice-phrase" in line][1]
    else:
        number = next(n for n, line in enumerate(lines, 1) if needle in line)
    return pattern.replace("{" + needle + "}", str(number))


@pytest.fixture(scope="session")  # once per worker, however tests interleave
def broken_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """The project broken in every way of CASES, built once as an editor builds it."""
    project = copy_project(tmp_path_factory.mktemp("broken") / "project")
    for breaker, _place, _words in CASES.values():
        breaker(project)
    result = run_build(project, project / "site")
    return project, result.stdout + result.stderr, result.returncode


@pytest.mark.build
def test_the_build_stops_without_a_traceback(broken_build: tuple[Path, str, int]) -> None:
    _project, output, returncode = broken_build
    assert returncode != 0, output
    assert "Traceback" not in output, output
    assert "Aborted" in output


@pytest.mark.build
@pytest.mark.parametrize("case", CASES)
def test_every_mistake_is_named_with_file_and_line(
    case: str, broken_build: tuple[Path, str, int]
) -> None:

    project, output, _returncode = broken_build
    _breaker, place, words = CASES[case]
    line = next((line for line in output.splitlines() if words in line), "")
    assert (
        f"{_expected_place(project, place)}:" in line
        or line.endswith(_expected_place(project, place))
        or f"{_expected_place(project, place)} " in line
    ), output


@pytest.mark.build
def test_a_misspelt_macro_call_in_a_page_is_named_with_its_line(tmp_path: Path) -> None:
    """mkdocs-macros prints a Python traceback for any exception a macro raises (a wrong
    argument count included); the calls are checked before any runs, and every mistake is
    listed at once."""
    project = fixture_project(tmp_path / "project")
    docs = project / "docs"
    (docs / "basics.md").write_text('{{ chapterr("basics") }}\n', encoding="utf-8")
    (docs / "phrasing.md").write_text('\n{{ chapter("phrasng") }}\n', encoding="utf-8")
    index = (docs / "index.md").read_text(encoding="utf-8")
    (docs / "index.md").write_text(index.replace('"basics"', '"basic"', 1), encoding="utf-8")
    (docs / "review.md").write_text("{{ review_page(1) }}\n{{ chapter() }}\n", encoding="utf-8")
    (docs / "practice.md").write_text('{{ chapter(steam="basics") }}\n', encoding="utf-8")
    built = build_site(project, project / "site")
    assert not built.ok
    assert "Traceback" not in built.log
    line = next(n for n, text in enumerate(index.splitlines(), 1) if "secondary=" in text)
    for expected in (
        "docs/basics.md:1: 没有叫 chapterr 的宏，是不是想写“chapter”？",
        'docs/phrasing.md:2: chapter("phrasng") 里的“phrasng”不是章节，是不是想写“phrasing”？',
        f"docs/index.md:{line}: home 的 secondary 里的“basic”不是章节，是不是想写“basics”？",
        "docs/review.md:1: review_page(…) 参数个数不对（写了 1 个，要 0 个）：应写成 review_page()",
        "docs/review.md:2: chapter(…) 参数个数不对（写了 0 个，要 1 到 2 个）：应写成"
        " chapter(stem, printouts_list=False)",
        "docs/practice.md:1: chapter(…) 没有叫 steam 的参数：应写成 chapter(stem, printouts_list=False)",
    ):
        assert expected in built.log, built.log
