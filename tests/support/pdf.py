"""Reading printed PDFs: the text of each page as a person reads it, to compare with the content.

A CJK font draws some characters with the same glyph as a look-alike, and the PDF can name only
one of them: NFKC folds the Kangxi radicals (⾃ for 自) but leaves the simplified radicals of
the CJK Radicals Supplement (⻚ for 页, ⻢ for 马) and 戶 for 户; `folded` maps those back.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from typing import Any, Final, NamedTuple

from pypdf import PdfReader
from pypdf.generic import ContentStream

from macros.content.handbook import Handbook
from macros.site.pages import dated_by, source_of

from . import ROOT
from .fixture import site_name

LOOKALIKES: Final = str.maketrans(
    {
        "戶": "户",
        "⺟": "母",
        "⺠": "民",
        "∕": "/",  # U+2215, how the PDF gives a full-width ／
        "‒": "–",  # U+2012, how the PDF gives an en dash (第 5–7 题)
        "⻅": "见",
        "⻆": "角",
        "⻈": "讠",
        "⻉": "贝",
        "⻋": "车",
        "⻐": "钅",
        "⻓": "长",
        "⻔": "门",
        "⻘": "青",
        "⻙": "韦",
        "⻚": "页",
        "⻛": "风",
        "⻜": "飞",
        "⻠": "饣",
        "⻢": "马",
        "⻤": "鬼",
        "⻥": "鱼",
        "⻦": "鸟",
        "⻧": "卤",
        "⻨": "麦",
        "⻩": "黄",
        "⻪": "黾",
        "⻬": "齐",
        "⻮": "齿",
        "⻰": "龙",
        "⻳": "龟",
    }
)


def folded(text: str) -> str:
    """Text as it is compared with a PDF's: NFKC (： to :, …… to ......) and look-alikes folded."""
    return unicodedata.normalize("NFKC", text).translate(LOOKALIKES)


def squeezed(text: str) -> str:
    """Folded and without white space: comparable whatever the line breaks of the paper."""
    return re.sub(r"\s+", "", folded(text))


# One ideograph alone on a printed line, with at most its closing punctuation (folded text).
LONE_CHARACTER: Final = re.compile(r"[\u4e00-\u9fff][。、,.;:?!”’)》…]*")


# The texts on a page short enough to be such a line on their own (an item 对。).
SHORT_TEXTS: Final = """() => Array.from(document.querySelectorAll(".md-content *"))
    .map((e) => (e.innerText || "").trim()).filter((text) => text.length <= 3)"""


def lone_characters(text: str, whole: list[str]) -> list[str]:
    """Printed lines that hold one character, the end of a paragraph left on a line alone;
    `whole`: the page's short texts (SHORT_TEXTS), which may print alone."""
    short = {folded(item) for item in whole}
    return [
        line
        for line in text.splitlines()
        if LONE_CHARACTER.fullmatch(line.strip()) and line.strip() not in short
    ]


def pages(pdf: bytes) -> list[Any]:
    return list(PdfReader(io.BytesIO(pdf)).pages)


def text_drawn(pdf: bytes) -> list[int]:
    """How many pieces of text each page draws (its text-showing operators): what pypdf's text
    leaves out counts too (it does not read Chromium's own header and footer)."""
    return [
        sum(
            op in (b"Tj", b"TJ")
            for _, op in ContentStream(page.get_contents(), page.pdf).operations
        )
        for page in pages(pdf)
    ]


def page_text(pdf_page: Any) -> str:
    return folded(pdf_page.extract_text())


MM: Final = 72 / 25.4  # PDF points in a millimetre


class Piece(NamedTuple):
    """A piece of text on a page: where it starts (x), its baseline (y, from the paper's foot)
    and its size, in points (no rotation in these PDFs)."""

    x: float
    y: float
    size: float
    text: str


def _lines(pdf_page: Any) -> list[Piece]:
    """Each piece of text on a page."""
    found = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            x, y = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
            found.append(Piece(x, y, size * tm[3] * cm[3], text))

    pdf_page.extract_text(visitor_text=visit)
    return found


def version_at_top(pdf_page: Any, version: str) -> bool:
    """Whether a sheet names the content version in its text near the top (the first 45 mm):
    in the page itself, for browsers that print no page margin boxes (Safari, Firefox,
    Chromium before 131), which print no footer."""
    height = float(pdf_page.mediabox.height)
    top = squeezed("".join(p.text for p in _lines(pdf_page) if p.y > height - 45 * MM))
    return squeezed(f"内容版本 {version}") in top


def gap_above_footer(pdf_page: Any, *, bottom_mm: float) -> float:
    """Millimetres between a page's lowest line of text (its baseline) and the top of the
    footer's characters in the bottom margin (`bottom_mm` high)."""
    pieces = _lines(pdf_page)
    footer = [p for p in pieces if p.y < bottom_mm * MM]
    body = [p for p in pieces if p.y >= bottom_mm * MM]
    if not footer or not body:
        return float("inf")
    return (min(p.y for p in body) - max(p.y + 0.88 * p.size for p in footer)) / MM


def blank_at_foot(pdf_page: Any, *, top_mm: float, bottom_mm: float) -> float:
    """How much of a page's text area is left blank below its last line of text (0 to 1); the
    margins (where the name, version and page number print) are not counted."""
    bottom, height = bottom_mm * MM, float(pdf_page.mediabox.height)
    top = height - top_mm * MM
    lowest = min((p.y for p in _lines(pdf_page) if p.y > bottom), default=top)
    return (min(lowest, top) - bottom) / (top - bottom)


def left_edge(pdf_page: Any) -> float:
    """Where a page's leftmost text starts, in millimetres from the paper's edge."""
    return min((p.x for p in _lines(pdf_page)), default=float(pdf_page.mediabox.width)) / MM


# How near the paper's edge anything may print: many office printers leave 4 to 5 mm blank.
PRINTABLE_MM: Final = 5.0


def nearest_edge(pdf_page: Any) -> tuple[float, float]:
    """How near a page's text comes to the top and to the bottom of the paper, in millimetres:
    the top of its highest line's characters (the font's ascent, 0.88 of its size), the
    baseline of its lowest (descenders of CJK text are a fraction of a millimetre)."""
    height = float(pdf_page.mediabox.height)
    lines = _lines(pdf_page)
    top = min((height - p.y - 0.88 * p.size for p in lines), default=height)
    bottom = min((p.y for p in lines), default=height)
    return top / MM, bottom / MM


def off_the_printable_area(pdf: bytes) -> list[str]:
    """The pages of a printout with text nearer the top or bottom edge than PRINTABLE_MM."""
    found = []
    for number, pdf_page in enumerate(pages(pdf), start=1):
        top, bottom = nearest_edge(pdf_page)
        if min(top, bottom) < PRINTABLE_MM:
            found.append(f"第 {number} 页：离上边 {top:.1f} mm，离下边 {bottom:.1f} mm")
    return found


def drawing(pdf: bytes) -> list[bytes]:
    """What each page draws (its content stream): equal drawings print the same."""
    return [pdf_page.get_contents().get_data() for pdf_page in pages(pdf)]


# What to do about it, in CONTRIBUTING's words.
SPLIT_CHECKLIST: Final = "请合并相近的项、删掉重复的，或拆成两张表"
ASK_FOR_LAYOUT: Final = "请告诉开发同事调整版面"


def outgrown(what: str, printed: int, sheets: int, fix: str) -> str:
    """What an editor reads when a printout no longer fits its paper (CONTRIBUTING.md quotes
    it): `what` printed on `printed` pages where `sheets` A4 sheets are its limit."""
    limit = "一张" if sheets == 1 else f"{'两' if sheets == 2 else sheets}张"
    return f"{what}打印出来超过{limit} A4（{printed} 页）：{fix}"


def pdf_texts(pdf: bytes) -> list[str]:
    """Each printed page's text, folded."""
    return [page_text(pdf_page) for pdf_page in pages(pdf)]


def printed_footer(page: Any, version: str) -> str:
    """What the foot of each printed sheet of the open page says beside its number (folded as
    in a PDF's text): the handbook, the page's own title (the home page has none but the
    handbook's) and its content version."""
    name = site_name()
    title = page.title().removesuffix(f" - {name}")
    parts = [name, *([title] if title != name else []), f"内容版本 {version}"]
    return folded(" · ".join(parts))


def content_version(url: str, handbook: Handbook) -> str:
    """What a build of this checkout prints as the content version of the page at `url`: date
    and short commit of the newest change to the files it shows (a page's own version, not the
    build's: macros/site/pages.py dated_by). Along the first parent, as the build reads it: a
    merged change dates from its merge."""
    files = dated_by(source_of(url), handbook) or ("content",)
    return subprocess.run(
        ["git", "log", "-1", "--first-parent", "--format=%cs · %h", "--", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
