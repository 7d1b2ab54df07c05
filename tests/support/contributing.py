"""CONTRIBUTING.md's worked examples, applied to a copy of the project the way an editor does
it: each YAML block pasted as text where the guide says. Used by tests/test_contributing.py (the
content rules, in the suite) and scripts/check_contributing.py (the whole suite on the copy)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import yaml

from . import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")

HEADINGS = {
    "phrase": "三、例子：新增一条禁语",
    "standard": "四、例子：新增一条服务规范",
    "procedure": "五、例子：新增一套处理步骤",
    "item": "六、例子：给检查表加一项",
    "question": "七、例子：加一道自测题",
    "approved": "新增一句规范用语",  # a ### under 三 (the split finds it inside "### ")
}


def block(heading: str) -> str:
    """The first ```yaml block under the `## <heading>` section, as an editor copies it."""
    section = GUIDE.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert found, heading
    return found.group(1)


def example(kind: str) -> Any:
    """The entry a worked example adds (kind: a key of HEADINGS), parsed."""
    return yaml.safe_load(textwrap.dedent(block(HEADINGS[kind])))[0]


def paste(path: Path, after: list[str], text: str) -> None:
    """Insert `text` on the line after the first line equal to after[-1] that follows the lines
    before it, in order: where CONTRIBUTING tells the editor to put it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = 0
    for marker in after:
        at = next(i for i in range(at, len(lines)) if lines[i].rstrip() == marker) + 1
    path.write_text("".join(lines[:at]) + text + "".join(lines[at:]), encoding="utf-8")


# Where the guide tells the editor to paste each example: a file and the lines above the spot.
PLACES = {
    "phrase": ("phrasing.yml", ["  - id: changjian-jiyu", "    entries:"]),
    "standard": ("standards.yml", ["    entries:"]),
    "procedure": ("communication.yml", ["  - id: yingjie-kehu", "    entries:"]),
    "item": ("checklists.yml", ["  - id: banqian-zhunbei", "    items:"]),
    "question": ("quizzes.yml", ["questions:"]),
    "approved": ("phrasing.yml", ["  - id: guifan-yongyu", "    entries:"]),
}


def apply_examples(project: Path) -> None:
    """Paste the worked examples into `project`'s content (comments, schema line and order of the
    files untouched), as an editor following the guide would. An example already there (the
    copy scripts/check_contributing.py runs the suite in) is not pasted twice."""
    for kind, (name, after) in PLACES.items():
        path = project / "content" / name
        if f"id: {example(kind)['id']}\n" not in path.read_text(encoding="utf-8"):
            paste(path, after, block(HEADINGS[kind]))
