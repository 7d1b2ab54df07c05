"""Everything the build checks about content, in one call for the build and the check command.

`load_content` checks each file and the references between them; the quizzes are checked once
their generated questions exist (an unknown chapter, a clashing question id, an empty quiz).
"""

from __future__ import annotations

from pathlib import Path

from . import quizzes
from .loader import Handbook, load_content


def validate(root: Path) -> Handbook:
    """Load `root` (content/) or raise ContentError listing every problem."""
    handbook = load_content(root)
    quizzes.quiz_set(handbook)
    return handbook
