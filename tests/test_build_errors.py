"""`mkdocs build --strict` stops on every kind of broken YAML, naming file and line, no traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .support.build import run_build

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
    (project / "content" / "broken.yml").write_text(
        'title: "未结束\nsummary: x\n', encoding="utf-8"
    )


def _tab(project: Path) -> None:
    (project / "content" / "broken.yml").write_text(
        "title: x\nsummary: y\nsections:\n\t- id: z\n", encoding="utf-8"
    )


def _unknown_key(project: Path) -> None:
    _append(
        project, "phrasing.yml", ENTRY.replace("reason: 原因", "reason: 原因\n        titel: 多余")
    )


def _duplicate_id(project: Path) -> None:
    _append(project, "phrasing.yml", ENTRY + ENTRY.replace("broken-section", "broken-section-2"))


def _dangling(project: Path) -> None:
    _append(
        project,
        "phrasing.yml",
        ENTRY.replace("source: seed-003", "source: seed-003\n        related: [nowhere]"),
    )


def _wrong_type(project: Path) -> None:
    _append(project, "phrasing.yml", ENTRY.replace("alternatives: [替代说法]", "alternatives: 42"))


def _non_utf8(project: Path) -> None:
    (project / "content" / "broken.yml").write_bytes("title: 中文标题\n".encode("gbk"))


def _empty(project: Path) -> None:
    (project / "content" / "broken.yml").write_text("", encoding="utf-8")


CASES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    # name: (how to break it, file:line it must name, words it must say)
    "yaml-syntax": (_syntax, "content/broken.yml:3:1", "YAML 语法错误"),
    "tab-indent": (_tab, "content/broken.yml:4:1", "Tab 缩进"),
    "unknown-key": (_unknown_key, "content/phrasing.yml:{titel}:9", "未知字段“titel”"),
    "duplicate-id": (
        _duplicate_id,
        "content/phrasing.yml:{second-id}:9",
        "id “broken-phrase” 重复了",
    ),
    "dangling-reference": (
        _dangling,
        "content/phrasing.yml:{nowhere}:19",
        "引用的 id “nowhere” 不存在",
    ),
    "wrong-type": (_wrong_type, "content/phrasing.yml:{42}:23", "应为列表"),
    "non-utf8": (_non_utf8, "content/broken.yml:1:8", "不是 UTF-8 编码"),
    "empty-file": (_empty, "content/broken.yml:1", "文件是空的"),
}


def _expected_place(project: Path, pattern: str) -> str:
    """Fill `{needle}` in the expected place with the line the needle is on."""
    if "{" not in pattern:
        return pattern
    needle = pattern.split("{")[1].split("}")[0]
    file = project / pattern.split(":")[0]
    lines = file.read_text(encoding="utf-8").splitlines()
    if needle == "second-id":
        number = [n for n, line in enumerate(lines, 1) if "id: broken-phrase" in line][1]
    else:
        number = next(n for n, line in enumerate(lines, 1) if needle in line)
    return pattern.replace("{" + needle + "}", str(number))


@pytest.mark.build
@pytest.mark.parametrize("case", CASES)
def test_build_stops_with_file_and_line(case: str, project_copy: Path, tmp_path: Path) -> None:
    breaker, place, words = CASES[case]
    breaker(project_copy)
    result = run_build(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert (
        f"{_expected_place(project_copy, place)}:" in output
        or f"{_expected_place(project_copy, place)} " in output
    ), output
    assert words in output, output
    assert "Traceback" not in output, output
    assert "Aborted" in output
