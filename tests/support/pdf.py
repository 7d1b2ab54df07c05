"""Reading what came out of the printer: a PDF's text as a person reads it, and the content
version every printout must carry."""

from __future__ import annotations

import io
import subprocess
import unicodedata

from pypdf import PdfReader

from . import ROOT

# A CJK font draws some characters with the same glyph as a look-alike, and the PDF can name only
# one of them: NFKC folds the Kangxi radicals (⾃ for 自) and full-width punctuation; these it
# leaves as they are.
LOOKALIKES = str.maketrans({"戶": "户", "⻢": "马", "⻅": "见", "⻓": "长", "⻚": "页"})


def folded(text: str) -> str:
    """Text as it is compared with a PDF's: look-alikes folded (and ： to :, on both sides)."""
    return unicodedata.normalize("NFKC", text).translate(LOOKALIKES)


def pdf_texts(pdf: bytes) -> list[str]:
    """Each printed page's text, folded."""
    return [folded(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def content_version() -> str:
    """What a build of this checkout prints as its content version: date · short commit."""
    return subprocess.run(
        ["git", "log", "-1", "--format=%cs · %h", "--", "content"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
