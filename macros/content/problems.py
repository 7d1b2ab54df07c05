"""Problems found in content, reported all at once as `file:line:col: key.path: message`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .where import Where, format_path


@dataclass(frozen=True)
class Problem:
    where: Where
    message: str

    def __str__(self) -> str:
        path = format_path(self.where.path)
        return f"{self.where}: {path}: {self.message}" if path else f"{self.where}: {self.message}"

    def sort_key(self) -> tuple[str, int, int]:
        return (self.where.file, self.where.line, self.where.column)


class ContentError(Exception):
    """Raised once with every problem in `content/`, never one at a time."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [f"内容检查发现 {count} 个问题：", *(f"  {p}" for p in self.problems)]
        lines.append("请按提示修改上面列出的文件和行，然后重新运行。")
        return "\n".join(lines)
