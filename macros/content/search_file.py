"""What the search box offers before anything is typed (content/search.yml).

Counter staff search the same few situations all day; an empty search box lists them, each a
tap away from the entry that answers it. Editors keep the list.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from .model import Id, Node, Text


class Suggestion(Node):
    """One everyday situation, in staff's words, and the entry (or checklist) that answers it."""

    REFS: ClassVar[dict[str, tuple[str, ...]]] = {"ref": ()}

    text: Text
    ref: Id


class SearchFile(Node):
    """content/search.yml: the suggestions an empty search box shows, in this order."""

    suggestions: Annotated[list[Suggestion], Field(min_length=1, max_length=12)]
