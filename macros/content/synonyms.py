"""Synonyms and colloquial words (content/synonyms.yml): 禁语/忌语/不能说的话 and the like."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .model import FieldError, Node, Text

WordGroups = list[Annotated[list[Text], Field(min_length=2)]]


class SynonymsFile(Node):
    """Groups of words staff use for the same thing (禁语/忌语/不能说的话).

    An entry whose keywords include one word of a group also shows, and is found by, the others.
    `concepts` are for search only: words of a concept find each other everywhere (in a
    question and in every entry's text), and nothing is shown. A concept that names a word of
    a group joins that group.
    """

    groups: Annotated[WordGroups, Field(min_length=1)]
    concepts: Annotated[WordGroups, Field(default_factory=list)]

    @model_validator(mode="after")
    def _each_word_in_one_group(self) -> SynonymsFile:
        for kind, lists in (("groups", self.groups), ("concepts", self.concepts)):
            seen: dict[str, int] = {}
            for number, group in enumerate(lists, start=1):
                for index, word in enumerate(group):
                    at = (kind, number - 1, index)  # the word's own line, not `groups:`
                    if seen.get(word) == number:
                        raise FieldError(f"“{word}”在这一组里写了两次；删掉一个", at)
                    if word in seen:
                        raise FieldError(
                            f"“{word}”同时出现在第 {seen[word]} 组和第 {number} 组；"
                            "每个词只能属于一组",
                            at,
                        )
                    seen[word] = number
        for number, concept in enumerate(self.concepts, start=1):
            touched = [
                n for n, group in enumerate(self.groups, start=1) if set(group) & set(concept)
            ]
            if len(touched) > 1:
                raise ValueError(
                    f"concepts 第 {number} 组同时含有 groups 第 {touched[0]} 组和第 {touched[1]} 组的词；"
                    "一个概念只能并入一组"
                )
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

    def search_classes(self) -> list[list[str]]:
        """Every group, with the concepts that share a word with it merged in, then the other
        concepts: the word classes search matches as one word."""
        classes: list[dict[str, None]] = [dict.fromkeys(group) for group in self.groups]
        for concept in self.concepts:
            joined = next((c for c in classes if c.keys() & set(concept)), None)
            if joined is None:
                classes.append(dict.fromkeys(concept))
            else:
                joined.update(dict.fromkeys(concept))
        return [list(words) for words in classes]
