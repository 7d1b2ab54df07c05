"""`python -m macros changes BASE [HEAD]`: what changed in content, in words reviewers read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content.changes import RevisionError, summarize_revisions
from ..content.problems import ContentError

HELP = "列出两个 git 版本之间内容的变化（用于合并请求说明）；不写 HEAD 时与当前工作区比较"
ROOT = Path(__file__).resolve().parents[2]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", help="旧版本，例如 origin/main")
    parser.add_argument("head", nargs="?", help="新版本，默认是当前工作区")
    parser.add_argument("--repo", type=Path, default=ROOT, help="仓库目录")
    parser.add_argument(
        "--markdown", action="store_true", help="输出 Markdown 列表（贴到合并请求里）"
    )


def run(args: argparse.Namespace) -> int:
    try:
        lines = summarize_revisions(args.repo, args.base, args.head)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except RevisionError as error:
        print(f"无法比较：{error}", file=sys.stderr)
        return 2
    if args.markdown:
        print("### 内容变化\n")
        print("\n".join(f"- {line}" for line in lines))
    else:
        print("\n".join(lines))
    return 0
