"""`python -m macros check`: validate content/ without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content.approved_wording import cards_caught_by_others, flagged_wording
from ..content.chapter_pages import chapters_not_in_nav, missing_chapter_pages, read_nav
from ..content.checklist_sources import checklist_source_hints
from ..content.coverage import coverage_problems
from ..content.drills import thin_reply_questions, unquizzed_near_misses
from ..content.id_followers import stale_ids
from ..content.loader import load_content
from ..content.long_answers import long_answers
from ..content.markup_hints import markup_hints
from ..content.phrase_spec import build_spec
from ..content.practice import unpractised_methods
from ..content.problems import ContentError, Problem
from ..phrases.matcher import Matcher

HELP = "检查 content/ 里的全部 YAML（构建时的全部检查，外加：原始课件的每张清单都还齐全、测试数据里的编号都还在、推荐的说法不会被话术自查标出），不构建网站"
ROOT = Path(__file__).resolve().parents[2]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "content", nargs="?", type=Path, default=ROOT / "content", help="内容文件夹"
    )
    parser.add_argument(
        "--github",
        action="store_true",
        help="另外按 GitHub Actions 的格式输出每个问题（::error file=…,line=…），在合并请求里标在出错的行上",
    )


def github_annotation(problem: Problem, level: str = "error", title: str = "内容检查") -> str:
    """One problem as a GitHub Actions annotation (an error, or a warning) on its file and line."""
    where = problem.where
    message = str(problem).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    place = f"file={where.file}"
    if where.line:
        place += f",line={where.line}"
        if where.column:
            place += f",col={where.column}"
    return f"::{level} {place},title={title}::{message}"


# The wording check needs the whole content read: said when other problems stop it, so that
# its findings, after the fixes, do not come as a surprise second round.
def _later(what: str) -> str:
    return f"（{what}，要等以上问题改完、内容全部读通后才会检查。）"


WORDING = "推荐的说法里有没有会被话术自查标出的话"
WORDING_LATER = _later(WORDING)
# A file that does not read whole is not read for its staff text either (编辑用语 such as 原课件).
BOTH_LATER = _later(
    f"有问题的文件里员工看到的文字有没有编辑用语（原课件、种子……）、原始课件的清单是否齐全、"
    f"测试数据里的编号、{WORDING}"
)


def run(args: argparse.Namespace) -> int:
    try:
        handbook = load_content(args.content)
    except ContentError as error:
        return _failed(error, args.github, BOTH_LATER)
    project = args.content.parent  # docs/ and mkdocs.yml sit beside content/
    missing = (
        missing_chapter_pages(handbook, project / "docs") if (project / "docs").is_dir() else []
    )
    nav = read_nav(project / "mkdocs.yml") if (project / "mkdocs.yml").is_file() else None
    missing += chapters_not_in_nav(handbook, nav) if nav is not None else []
    # The courseware's lists, counted against sources/INVENTORY.md: not part of the build (a
    # copy of the content without the inventory builds), but CI holds content to it.
    missing += coverage_problems(handbook, project)
    missing += stale_ids(handbook, project)  # the query sets and corpus CI reads
    if missing:
        return _failed(ContentError(missing), args.github, WORDING_LATER)
    # Not part of the build (the site is not broken by it, and the matcher costs a second),
    # but CI holds content to it, so editors meet it here first.
    matcher = Matcher(build_spec(handbook))  # (compiled once: 1,900 patterns)
    flagged = flagged_wording(handbook, matcher)
    if flagged:
        return _failed(ContentError(flagged), args.github)
    entries = sum(1 for _ in handbook.entries())
    files = len(list(args.content.glob("*.yml")))
    print(f"内容检查通过：{files} 个文件，{entries} 个条目，{len(handbook.by_id)} 个 id。")
    hints = [
        *((hint, "文字建议") for hint in markup_hints(handbook)),
        *((hint, "自测题建议") for hint in thin_reply_questions(handbook)),
        *((hint, "自测题建议") for hint in unquizzed_near_misses(handbook)),
        *((hint, "自测题建议") for hint in long_answers(handbook)),
        *((hint, "对练建议") for hint in unpractised_methods(handbook)),
        *((hint, "来源建议") for hint in checklist_source_hints(handbook)),
        *((hint, "禁语建议") for hint in cards_caught_by_others(handbook, matcher)),
    ]
    if hints:
        print(f"另有 {len(hints)} 条建议（不影响通过）：")
        for hint, title in hints:
            print(f"  {hint}")
            if args.github:
                print(github_annotation(hint, "warning", title))
    return 0


def _failed(error: ContentError, github: bool, *more: str) -> int:
    print("\n".join([error.report(), *more]), file=sys.stderr)
    if github:
        for problem in error.problems:
            print(github_annotation(problem))
    return 1
