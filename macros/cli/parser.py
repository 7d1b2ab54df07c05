"""argparse in Chinese: the editors' command line says what went wrong in their language.

argparse writes its own words (usage:, options:, error: and its complaints) through gettext
with no Chinese catalogue; installing one would change every program in the process. This
parser rewrites them where it prints, for its own commands only.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, Final, NoReturn

HEADINGS: Final[tuple[tuple[str, str], ...]] = (
    ("usage: ", "用法："),
    ("positional arguments:", "参数："),
    ("options:", "选项："),
)
# argparse's complaints (Python 3.11–3.13 wording) and what an editor reads instead.
COMPLAINTS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"the following arguments are required: (.+)"), r"缺少 \1"),
    (
        re.compile(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.+)\)"),
        r"\1 没有“\2”这一项，可选：\3",
    ),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), r"\1 和 \2 不能同时用"),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 后面要写一个值"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.+)"), r"\1 的值 \3 不对"),
    (re.compile(r"unrecognized arguments: (.+)"), r"不认识的参数：\1"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), r"\1 可能是 \2 中的任何一个，请写全"),
)


def in_chinese(message: str) -> str:
    """argparse's complaint in Chinese; one it does not know stays as argparse wrote it."""
    for pattern, chinese in COMPLAINTS:
        if pattern.fullmatch(message):
            return pattern.sub(chinese, message)
    return message


def _headings(text: str) -> str:
    for english, chinese in HEADINGS:
        text = text.replace(english, chinese)
    return text


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors read in Chinese; its sub-commands'
    parsers are of the same class (argparse makes them of their parent's)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False  # its own -h, whose help reads in Chinese
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="显示本说明后退出")

    def format_usage(self) -> str:
        return _headings(super().format_usage())

    def format_help(self) -> str:
        return _headings(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{in_chinese(message)}（加 -h 看用法）\n")
