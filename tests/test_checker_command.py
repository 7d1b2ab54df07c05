"""`python -m macros phrases`: what a trainer or quality reviewer sees, and the exit codes.

The command runs in this process (its `main`, with stdin, stdout and stderr swapped for bytes),
which is what `python -m macros` calls; the help test runs the real command once as a whole.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from macros.cli import main

from .support import ROOT

CALL = "客户：我的话费怎么多扣了？\n员工：不可能吧，你肯定弄混了。\n员工：这不关我的事，你要去问别人。\n"
CLEAN = "员工：谢谢您告诉我，我马上帮您查一下，请您稍等。\n"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m macros phrases ARGS`, in this process: exit status, stdout and stderr bytes."""
    streams = {name: io.TextIOWrapper(io.BytesIO(), encoding="utf-8") for name in ("out", "err")}
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    with (
        contextlib.redirect_stdout(streams["out"]),
        contextlib.redirect_stderr(streams["err"]),
        mock.patch.object(sys, "stdin", fake_stdin),
    ):
        try:
            code = main(["phrases", *args])
        except SystemExit as exit:  # argparse on --help or a bad argument
            code = int(exit.code or 0)
    data = {}
    for name, stream in streams.items():
        stream.flush()
        assert isinstance(stream.buffer, io.BytesIO)
        data[name] = stream.buffer.getvalue()
    return subprocess.CompletedProcess(["phrases", *args], code, data["out"], data["err"])


def out(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8")


def err(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode("utf-8")


@pytest.fixture
def call(tmp_path: Path) -> Path:
    path = tmp_path / "通话0312.txt"
    path.write_text(CALL, encoding="utf-8")
    return path


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def test_findings_are_listed_with_file_line_column_reason_and_suggestions(call: Path) -> None:
    result = run(str(call))
    assert result.returncode == 1
    text = out(result)
    assert f"{call}:2:4: 不可能吧\n" in text
    assert f"{call}:2:9: 你肯定弄混了\n" in text
    assert f"{call}:3:4: 这不关我的事\n" in text
    assert f"{call}:3:11: 你要去问别人\n" in text
    assert "  禁语：你肯定弄混了……（手册 phrasing/#ni-kending-nonghun）" in text
    assert "  为什么不能说：还没核实就断定错在客户。" in text
    assert "    - 我们一起核对一下，看看是哪里对不上。" in text
    assert text.rstrip().endswith("共检查 1 个文件，发现 4 处禁语。")


def test_brief_output_is_one_line_a_finding(call: Path, clean: Path) -> None:
    """For reading down a batch of calls (a QA reviewer's forty): where, what was said, which
    禁语; the reasons are in the handbook."""
    result = run(str(call), str(clean), "--brief")
    assert result.returncode == 1
    lines = out(result).splitlines()
    assert lines[1] == f"{call}:2:9: 你肯定弄混了（禁语：你肯定弄混了……）"
    assert len(lines) == 5 and lines[-1] == "共检查 2 个文件，发现 4 处禁语。"


def test_a_clean_file_exits_zero(clean: Path) -> None:
    result = run(str(clean))
    assert result.returncode == 0
    assert out(result) == "共检查 1 个文件，没有发现禁语。\n"


def test_json_output_for_other_tools(call: Path, clean: Path) -> None:
    result = run(str(call), str(clean), "--json")
    assert result.returncode == 1
    report = json.loads(out(result))
    assert report["files"] == report["checked"] == 2
    assert report["errors"] == []
    first = report["findings"][1]
    assert first == {
        "file": str(call),
        "line": 2,
        "column": 9,
        "end_column": 15,
        "text": "你肯定弄混了",
        "phrase": "ni-kending-nonghun",
        "phrase_text": "你肯定弄混了……",
        "kind": "phrase",
        "reason": first["reason"],
        "alternatives": first["alternatives"],
        "url": "phrasing/#ni-kending-nonghun",
    }
    assert first["reason"].startswith("还没核实就断定错在客户")
    assert len(first["alternatives"]) == 2
    assert [f["phrase"] for f in report["findings"]] == [
        "zhe-bu-keneng",
        "ni-kending-nonghun",
        "buguan-wode-shi",
        "qu-wen-bieren",
    ]


def test_each_file_is_read_in_its_own_encoding(call: Path, tmp_path: Path) -> None:
    """A folder of exports may mix UTF-8, GBK (Windows Notepad) and UTF-16 files, with or
    without a byte-order mark: one run reads them all (a QA reviewer had to run GBK files
    apart; a UTF-16 export without the mark was refused)."""
    files = [call]
    for name, encoding in (("gbk", "gbk"), ("u16", "utf-16"), ("le", "utf-16-le")):
        files.append(tmp_path / f"{name}.txt")
        files[-1].write_bytes(CALL.encode(encoding))
    result = run(*map(str, files), "--json")
    assert result.returncode == 1
    report = json.loads(out(result))
    assert report["errors"] == [] and report["checked"] == len(files)
    by_file = [[f["text"] for f in report["findings"] if f["file"] == str(n)] for n in files]
    assert all(found == by_file[0] for found in by_file) and len(by_file[0]) == 4
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"\x80\xff" * 10)  # neither UTF-8 nor GB18030
    assert err(run(str(garbage))) == (
        f"{garbage}: 认不出文件的编码（第 1 行）：请另存为 UTF-8 文本，或用 --encoding 指定\n"
    )


def test_a_gbk_file_read_as_utf8_when_asked_says_what_it_looks_like(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(CALL.encode("gbk"))
    refused = run(str(path), "--encoding", "utf-8")
    assert refused.returncode == 2
    assert out(refused) == "共检查 0 个文件，没有发现禁语。1 个文件无法读取。\n"
    assert err(refused) == (
        f"{path}: 不是 UTF-8 文本（第 1 行）：看起来是 GBK 编码（Windows 记事本常见），"
        "请加 --encoding gbk 再试\n"
    )
    decoded = run(str(path), "--encoding", "gbk", "--json")
    assert decoded.returncode == 1
    assert len(json.loads(out(decoded))["findings"]) == 4


def test_an_empty_file_is_not_passed_as_clean(tmp_path: Path) -> None:
    """A failed export (nothing in it, or only blank lines) must not read as a clean call."""
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n\n", encoding="utf-8")
    result = run(str(empty))
    assert result.returncode == 2
    assert err(result) == f"{empty}: 文件是空的，没有可检查的话：请确认导出是否成功\n"
    assert out(result) == "共检查 0 个文件，没有发现禁语。1 个文件无法读取。\n"


def test_unreadable_files_are_named_and_the_rest_still_checked(call: Path, tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing.txt"), str(tmp_path), str(call), "--json")
    assert result.returncode == 2  # an unreadable file wins over findings
    report = json.loads(out(result))
    assert report["errors"] == [
        {"file": str(tmp_path / "missing.txt"), "message": "找不到这个文件"},
        {"file": str(tmp_path), "message": "这是文件夹，请写文件名（例如 记录/*.txt）"},
    ]
    assert len(report["findings"]) == 4


def test_unknown_encoding_and_utf16_say_what_to_do(call: Path, tmp_path: Path) -> None:
    assert "不认识的编码“klingon”" in err(run(str(call), "--encoding", "klingon"))
    utf16 = tmp_path / "u16.txt"
    utf16.write_bytes(CALL.encode("utf-16"))
    assert "这是 UTF-16 编码的文件" in err(run(str(utf16), "--encoding", "utf-8"))
    assert run(str(utf16), "--encoding", "utf-16").returncode == 1


def test_standard_input_bom_and_windows_line_ends(tmp_path: Path) -> None:
    data = "\ufeff第一行\r\n第二行：你别激动嘛\r\n".encode()
    result = run("-", "--json", stdin=data)
    assert result.returncode == 1
    [finding] = json.loads(out(result))["findings"]
    assert (finding["file"], finding["line"], finding["column"]) == ("<标准输入>", 2, 5)


def test_hostile_text_is_just_text_beside_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    html = tmp_path / "html.txt"
    html.write_text("<script>alert('你别激动嘛')</script>" + "啊" * 100_000, encoding="utf-8")
    result = run(str(empty), str(html), "--json")
    assert result.returncode == 2  # the empty file is named; the other is checked all the same
    report = json.loads(out(result))
    [finding] = report["findings"]
    assert (finding["file"], finding["column"], finding["text"]) == (str(html), 16, "你别激动嘛")
    assert [error["file"] for error in report["errors"]] == [str(empty)]


def test_invalid_content_stops_with_the_problems(tmp_path: Path, call: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    result = run(str(call), "--content", str(content))
    assert result.returncode == 2
    assert "内容检查发现" in err(result)


def test_help_explains_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "macros", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert "phrases" in result.stdout
    helped = run("--help")
    assert "--encoding" in out(helped) and "--json" in out(helped)


def test_a_reader_who_stops_reading_gets_no_traceback(tmp_path: Path) -> None:
    """`python -m macros phrases 通话.txt | head`: head leaves after a few lines; the command
    printed a BrokenPipeError traceback under them."""
    path = tmp_path / "long.txt"
    path.write_text(CALL * 400, encoding="utf-8")
    command = subprocess.Popen(
        [sys.executable, "-m", "macros", "phrases", str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert command.stdout is not None and command.stderr is not None
    command.stdout.readline()
    command.stdout.close()  # as head does after its lines
    errors = command.stderr.read().decode("utf-8")
    command.wait(timeout=60)
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
