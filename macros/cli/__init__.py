"""Command line for editors, trainers and reviewers: `python -m macros <command>`.

One module per command (HELP, add_arguments(), run()); they use the content layer only, so no
command loads MkDocs or Jinja.
"""

from __future__ import annotations

from types import ModuleType
from typing import Final

from . import changes, check, forget, phrases, rename, schema, tone
from .parser import ChineseParser

COMMANDS: Final[tuple[tuple[str, ModuleType], ...]] = (
    ("check", check),
    ("changes", changes),
    ("phrases", phrases),
    ("rename", rename),
    ("forget", forget),
    ("schema", schema),
    ("tone", tone),
)


def main(argv: list[str] | None = None) -> int:
    parser = ChineseParser(prog="python -m macros", description="营业厅服务手册的内容工具")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for name, command in COMMANDS:
        command.add_arguments(sub.add_parser(name, help=command.HELP, description=command.HELP))
    args = parser.parse_args(argv)
    return int(dict(COMMANDS)[args.command].run(args))
