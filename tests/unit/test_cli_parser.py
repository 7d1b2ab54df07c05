"""The command line's own complaints (a missing file, an option twice over) read in Chinese."""

from __future__ import annotations

import pytest

from macros.cli import main
from macros.cli.parser import in_chinese

ENGLISH = ("usage:", "error:", "options:", "positional arguments", "show this help", "argument")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ([], "缺少 命令"),
        (["nosuch"], "命令 没有“nosuch”这一项，可选：'check'"),
        (["check", "--bogus"], "不认识的参数：--bogus"),
        (["phrases"], "缺少 文件"),
        (["phrases", "--encoding"], "--encoding 后面要写一个值"),
        (["phrases", "--json", "--brief", "a.txt"], "--brief 和 --json 不能同时用"),
    ],
)
def test_a_mistyped_command_says_what_is_wrong_in_chinese(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert said in err and "用法：python -m macros" in err and "加 -h 看用法" in err
    assert not [word for word in ENGLISH if word in err], err


def test_help_reads_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["phrases", "-h"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert "用法：" in out and "参数：" in out and "选项：" in out and "显示本说明后退出" in out
    assert not [word for word in ENGLISH if word in out], out


def test_a_complaint_it_does_not_know_is_kept_as_written() -> None:
    assert in_chinese("something new from argparse") == "something new from argparse"
