"""What a red pull request tells the editor whose content edit caused it (CONTRIBUTING §九)."""

from __future__ import annotations

from typing import Final, Protocol

# Test modules a content edit alone can turn red, because they measure the search over the real
# content (what staff type must still find its answer).
SEARCH_MODULES: Final = frozenset({"test_search.py", "test_search_journey.py"})
FOR_EDITORS: Final = (
    "这是搜索的测试：员工常搜的一句话（上面 assert 那几行里的中文）找不到原来排第一的答案了。"
    "内容改动引起的，多半是改了那一条，或现在抢到前面的那一条的标题、keywords 或 asked。"
    "把原来的说法加回那一条的 asked（或 keywords），改好后再推送一次；"
    "看不出原因的，在合并请求里请开发同事来看搜索。"
)


class Report(Protocol):
    """The part of pytest's TestReport read and written here."""

    failed: bool
    when: str
    sections: list[tuple[str, str]]


def add_hint(module: str, report: Report) -> None:
    """Under a failed search test, a section 给编辑 saying, in Chinese, what to do."""
    if report.failed and report.when == "call" and module in SEARCH_MODULES:
        report.sections.append(("给编辑", FOR_EDITORS))
