"""The phrase checker's own settings (content/checker.yml): word lists and the tone note.

Word lists are `{名字}` in a pattern.

Staff vary a brush-off slot by slot (我/我们/俺们/咱 × 不管/管不着 × 这个/这事), so patterns are
written as families over shared lists: `{我方}(这儿)?{不管}`. A list is a name, what it stands
for and its words; a word may use the pattern syntax without `*` and may name other lists. The
loader validates this file first and hands the compiled lists to every pattern it validates
(pydantic's validation context), so an unknown name is a mistake at the pattern's line.

The tone note is what staff read when a line is marked for its tone rather than for a listed
phrase (`phrases/tone.py`): a title, why, what to say instead and the entry it links to.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, PrivateAttr, model_validator

from ..phrases.syntax import LIST_NAME_MAX, PatternError, WordList, compile_lists, is_list_name
from .model import Id, Node, Text, Texts


def _list_name(name: str) -> str:
    if not is_list_name(name):
        raise ValueError(f"词表名只能用汉字、字母和数字（不以数字开头），最多 {LIST_NAME_MAX} 个字")
    return name


def _word(word: str) -> str:
    if not word.strip():
        raise ValueError("说法不能只有空白")
    return word


class PhraseList(Node):
    """One word list: `name` is what patterns write in braces, `meaning` is for editors."""

    name: Annotated[str, AfterValidator(_list_name)]
    meaning: Text
    words: Annotated[list[Annotated[str, AfterValidator(_word)]], Field(min_length=1)]


class ToneNote(Node):
    """What the checker says about a line marked for its tone, and where it links."""

    REFS: ClassVar[dict[str, tuple[str, ...]]] = {"see": ()}

    text: Text
    reason: Text
    alternatives: Annotated[Texts, Field(min_length=1)]
    see: Id


class CheckerFile(Node):
    """content/checker.yml: the word lists, in any order (a list may name the others), and
    the tone note."""

    lists: list[PhraseList]
    tone: ToneNote
    _lexicon: dict[str, WordList] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _compiles(self) -> CheckerFile:
        seen: set[str] = set()
        for word_list in self.lists:
            if word_list.name in seen:
                raise ValueError(f"词表“{word_list.name}”写了两次；每个名字只能用一次")
            seen.add(word_list.name)
        try:
            self._lexicon = compile_lists({w.name: w.words for w in self.lists})
        except PatternError as error:
            raise ValueError(str(error)) from None
        return self

    @property
    def lexicon(self) -> dict[str, WordList]:
        """Name → the list compiled (its regex, its shortest word)."""
        return self._lexicon
