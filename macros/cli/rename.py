"""`python -m macros rename OLD NEW`: change an id in content/ and in every file that names it."""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

from ..content.handbook import Handbook
from ..content.id_followers import followers
from ..content.loader import load_content
from ..content.model import ID_MAX_LENGTH, ID_PATTERN
from ..content.problems import ContentError, Problem
from ..content.rename import ID_WORD, rename_in
from .id_edits import COMMIT_ALL, NOT_WHOLE, ROOT

HELP = (
    "把一个编号（id）改成新的：content/ 里的定义和所有引用，连同测试（查询集、测试代码）里写到它的地方，"
    "一起改；其他文字一个字也不动"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="旧编号")
    parser.add_argument("new", metavar="新编号")


def _defines(content: Path, ident: str) -> bool:
    line = re.compile(rf"^\s*(?:-\s+)?id:\s*{re.escape(ident)}\s*(?:#.*)?$", re.MULTILINE)
    return any(line.search(path.read_text(encoding="utf-8")) for path in content.glob("*.yml"))


def _changed_by_hand(problems: list[Problem], root: Path, old: str, new: str) -> bool:
    """Whether an editor already changed `old` to `new` at its `id:` line (CONTRIBUTING says
    not to; editors do), and perhaps some references too: `new` is defined, `old` is not but
    is still named somewhere, and every problem left is a reference to `old`. Then rename
    finishes the job (refused, the editor had no way back: check said to use rename, rename
    said `old` was gone)."""
    content = root / "content"
    if not all(f"“{old}”" in problem.message for problem in problems):
        return False
    if not _defines(content, new) or _defines(content, old):
        return False
    word = re.compile(ID_WORD.format(re.escape(old)))
    files = [*content.glob("*.yml"), *followers(root)]
    return any(word.search(path.read_text(encoding="utf-8")) for path in files)


def _refused(handbook: Handbook, old: str, new: str) -> list[str]:
    wrong = []
    if old not in handbook.by_id:
        meant = difflib.get_close_matches(old, list(handbook.by_id), n=1, cutoff=0.8)
        wrong.append(
            f"content/ 里没有编号 {old!r}" + (f"，是不是想写 {meant[0]!r}？" if meant else "。")
        )
    if not re.match(ID_PATTERN, new) or len(new) > ID_MAX_LENGTH:
        wrong.append(
            f"新编号 {new!r} 不行：只能用小写拼音字母、数字和连字符 -（例如 tai-gui），"
            f"不超过 {ID_MAX_LENGTH} 个字符。"
        )
    elif new in handbook.by_id:
        wrong.append(f"编号 {new!r} 已经有了：换一个没用过的。")
    return wrong


def run(args: argparse.Namespace, root: Path = ROOT) -> int:
    old, new = args.old, args.new
    content = root / "content"
    try:
        handbook: Handbook | None = load_content(content)
        problems: list[Problem] = []
    except ContentError as error:
        handbook, problems = None, error.problems
    if _changed_by_hand(problems, root, old, new):
        print(f"{old} 已经在它的“id:”一行改成了 {new}：接着把写着 {old} 的地方改好。")
    elif handbook is None:
        print(ContentError(problems).report(), file=sys.stderr)
        print(NOT_WHOLE.format(then="改编号"), file=sys.stderr)
        return 1
    elif wrong := _refused(handbook, old, new):
        print("\n".join(wrong), file=sys.stderr)
        return 1
    files = sorted(content.glob("*.yml")) + followers(root)
    changed = rename_in(files, old, new)
    for change in changed:
        print(f"{change.path.relative_to(root)}:{change.line}")
        print(f"  改前：{change.before.strip()}")
        print(f"  改后：{change.after.strip()}")
    places = len({change.path for change in changed})
    print(f"改好了：{places} 个文件，{len(changed)} 行，{old} → {new}。")
    try:
        load_content(content)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(
        "内容检查通过。"
        + COMMIT_ALL
        + "手机上按旧编号保存的勾选、自测记录和今日复习的安排会对不上：没有必要时不要改编号。"
    )
    return 0
