"""Which widgets a page has: `bundles.attribute_names` scans start tags with a regex (an HTML
parser cost a tenth of the build) and must name the attributes Python's HTML parser names."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from macros.site.bundles import attribute_names, widgets_in


class _Reference(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.update(name for name, _value in attrs)


def parsed(html: str) -> set[str]:
    parser = _Reference()
    parser.feed(html)
    parser.close()
    return parser.names


FRAGMENTS = [
    '<div data-quiz class="x">',
    "<p>&lt;div data-checker&gt; in words</p>",
    "<!-- <div data-review> --><p>x</p>",
    "<a title=\"x data-practice y\" href='a>b'>link</a>",
    "<INPUT Data-Checklist disabled>",
    "<div data-quizzer>",
    "<img src=a.png alt=x data-review-due>",
    '<script>var s = "<div data-checker>";</script>',
    '<script src="x.js"></script><style media="print">a>b{}</style><i data-ok>',
    '<div\ndata-quiz-best\n=\n"1">',
    "<p>a > b <span data-x=1>c</span></p>",
    '<div a="1"b="2">',
]


@pytest.mark.parametrize("html", FRAGMENTS)
def test_the_attributes_are_those_an_html_parser_reads(html: str) -> None:
    assert attribute_names(html) == parsed(html)


def test_a_widget_is_there_when_one_of_its_attributes_is() -> None:
    # a checklist prints by paper.js (under its own title)
    assert widgets_in('<form data-checklist="x"><div data-quiz-best></div></form>') == [
        "paper",
        "checklist",
        "quiz",
    ]
    assert widgets_in("<p>data-checker, data-quiz: words, not markup</p>") == []
