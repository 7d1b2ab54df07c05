"""What the commands that edit ids everywhere (rename, forget) share: where the project is,
the content they start from, and what to commit after."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from ..content.handbook import Handbook
from ..content.loader import load_content
from ..content.problems import ContentError

ROOT: Final = Path(__file__).resolve().parents[2]
COMMIT_ALL: Final = "提交时把这些文件都加上（git add -A），不只是 content/。"
NOT_WHOLE: Final = "内容里还有上面这些问题：先改好，再{then}。"


def content_or_report(content: Path, then: str) -> Handbook | None:
    """The content, or None once its problems are printed: an id is edited only in content
    that reads whole (`then`: what to do once they are fixed)."""
    try:
        return load_content(content)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        print(NOT_WHOLE.format(then=then), file=sys.stderr)
        return None
