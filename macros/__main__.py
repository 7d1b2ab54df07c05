"""Command line for editors and reviewers: `python -m macros check`.

Runs the same validation as the build, without building, and exits 1 listing every problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import load_content
from .problems import ContentError

ROOT = Path(__file__).resolve().parent.parent


def check(content: Path) -> int:
    try:
        handbook = load_content(content)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    entries = sum(1 for _ in handbook.entries())
    files = len(handbook.chapters) + 3
    print(f"内容检查通过：{files} 个文件，{entries} 个条目，{len(handbook.by_id)} 个 id。")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros", description="营业厅服务手册的内容工具"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="检查 content/ 里的全部 YAML，不构建网站")
    check_cmd.add_argument("content", nargs="?", type=Path, default=ROOT / "content")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.content)
    return 2


if __name__ == "__main__":
    sys.exit(main())
