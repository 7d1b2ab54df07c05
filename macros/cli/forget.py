"""`python -m macros forget ID`: after an entry was deleted from content/, take its id out of
the files outside content/ that name it (the tests' query sets, corpus and judgments)."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from ..content.coverage import coverage_problems
from ..content.forget import forget_in
from ..content.id_followers import followers, stale_ids, stale_places
from ..content.problems import ContentError
from .id_edits import COMMIT_ALL, ROOT, content_or_report

HELP = (
    "删掉一个条目以后，把它的编号（id）从测试用的查询集、话术语料和评分里清理掉："
    "只剩这个编号的查询整条删掉，话术语料里的那句改标 yuqi（语气）；content/ 里的文字一个字也不动"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ident", metavar="编号")


def run(args: argparse.Namespace, root: Path = ROOT) -> int:
    ident = args.ident
    content = root / "content"
    handbook = content_or_report(content, "清理编号")
    if handbook is None:
        return 1
    if ident in handbook.by_id:
        print(
            f"content/ 里还有编号 {ident!r}：先在 content/ 里删掉这一条，再运行这个命令。"
            "只是想换个编号的话，用 .venv/bin/python -m macros rename 旧编号 新编号。",
            file=sys.stderr,
        )
        return 1
    # An entry the courseware lists cannot go (CI holds content to the inventory): cleaning the
    # tests' data for it would lose their lines for a deletion that is put back.
    kept = coverage_problems(handbook, root)
    if kept:
        print(ContentError(kept).report(), file=sys.stderr)
        print(
            f"所以不清理编号 {ident!r}：原始课件列的条目不能删，请把删掉的放回去"
            "（放回去以后，测试数据不用改）。",
            file=sys.stderr,
        )
        return 1
    done = forget_in(followers(root), ident)
    if not done:
        # A slip in the id (wo-ye-mei-banfa) read as success: name the forgotten id it meant.
        gone = sorted(stale_places(handbook, root))
        meant = difflib.get_close_matches(ident, gone, n=1, cutoff=0.8)
        if meant:
            print(f"没有文件写着编号 {ident!r}，是不是想写 {meant[0]!r}？", file=sys.stderr)
            return 1
        print(f"没有文件写着编号 {ident!r}：不用清理。")
        return 0
    for change in done:
        where = f"{change.path.relative_to(root)}:{change.line}"
        if change.left:
            continue
        if change.after is None:
            print(f"{where}\n  删掉：{change.before.strip()}")
        else:
            print(f"{where}\n  改前：{change.before.strip()}\n  改后：{change.after.strip()}")
    changed = [change for change in done if not change.left]
    print(f"清理好了：{len({c.path for c in changed})} 个文件，{len(changed)} 行。")
    left = [change for change in done if change.left]
    for change in left:
        print(
            f"{change.path.relative_to(root)}:{change.line}: 这里也写着 {ident}，要人来决定怎么改"
            f"（请开发同事看看）：{change.before.strip()}",
            file=sys.stderr,
        )
    stale = stale_ids(handbook, root)
    if left or stale:
        for problem in stale:
            print(problem, file=sys.stderr)
        return 1
    print("内容检查通过。" + COMMIT_ALL)
    return 0
