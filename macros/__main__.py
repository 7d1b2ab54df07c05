"""Command line for editors, trainers and reviewers: `python -m macros <command>`.

- `check`: the same validation as the build, without building; exit 1 listing every problem.
Each command lives in its own module under `macros/commands/`.
"""

from __future__ import annotations

import argparse
import sys

from .commands import COMMANDS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros", description="营业厅服务手册的内容工具"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        command.add_arguments(sub.add_parser(name, help=command.HELP, description=command.HELP))
    args = parser.parse_args(argv)
    return COMMANDS[args.command].run(args)


if __name__ == "__main__":
    sys.exit(main())
