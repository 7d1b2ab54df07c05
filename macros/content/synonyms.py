"""Synonyms and colloquial words (content/synonyms.yml): 禁语/忌语/不能说的话 and the like."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .model import Node, Text


class SynonymsFile(Node):
    """Groups of words staff use for the same thing (禁语/忌语/不能说的话).

    An entry whose keywords include one word of a group also shows, and is found by, the others.
    """

    groups: Annotated[list[Annotated[list[Text], Field(min_length=2)]], Field(min_length=1)]

    @model_validator(mode="after")
    def _each_word_in_one_group(self) -> SynonymsFile:
        seen: dict[str, int] = {}
        for number, group in enumerate(self.groups, start=1):
            for word in group:
                if word in seen:
                    raise ValueError(
                        f"“{word}”同时出现在第 {seen[word]} 组和第 {number} 组；每个词只能属于一组"
                    )
                seen[word] = number
        return self

    def expand(self, words: list[str]) -> list[str]:
        """The other words of every group that `words` touch, in group order, without repeats."""
        wanted = set(words)
        extra: dict[str, None] = {}
        for group in self.groups:
            if wanted.intersection(group):
                for word in group:
                    if word not in wanted:
                        extra.setdefault(word, None)
        return list(extra)
