"""What a red pull request tells the editor whose content edit caused it (CONTRIBUTING §九)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..support.editors import FOR_EDITORS, add_hint


@dataclass
class Report:
    failed: bool
    when: str = "call"
    sections: list[tuple[str, str]] = field(default_factory=list)


def hinted(module: str, report: Report) -> list[tuple[str, str]]:
    add_hint(module, report)
    return report.sections


def test_a_failed_search_test_tells_the_editor_what_usually_caused_it() -> None:
    assert hinted("test_search.py", Report(failed=True)) == [("给编辑", FOR_EDITORS)]
    assert hinted("test_search_journey.py", Report(failed=True)) == [("给编辑", FOR_EDITORS)]
    assert "asked" in FOR_EDITORS and "开发同事" in FOR_EDITORS


def test_other_failures_and_passes_say_nothing_more() -> None:
    assert hinted("test_search.py", Report(failed=False)) == []
    assert hinted("test_search.py", Report(failed=True, when="setup")) == []
    assert hinted("test_layout.py", Report(failed=True)) == []
