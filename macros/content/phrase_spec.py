"""The handbook's forbidden phrases compiled into one spec, for the checker page and the command."""

from __future__ import annotations

from collections.abc import Callable

from ..phrases.spec import Phrase as CompiledPhrase
from ..phrases.spec import PhraseSpec, make_spec, phrase_spec
from .handbook import Handbook
from .model import Phrase
from .staff_text import strip_markers


def build_spec(handbook: Handbook, href: Callable[[str], str] | None = None) -> PhraseSpec:
    """Every phrase in handbook order, compiled, with why not, what instead and where it lives.

    `href` turns an id into a link relative to the page that embeds the spec; without it the
    site-root URL is used (the command line).
    """
    phrases: list[CompiledPhrase] = []
    lists = handbook.phrase_lists.lexicon
    for entry in handbook.entries("phrase"):
        assert isinstance(entry, Phrase)  # kind "phrase" is always a Phrase
        compiled = phrase_spec(entry.id, entry.text, entry.patterns, entry.exceptions, lists)
        url = handbook.url_of(entry.id)
        # What staff read in the checker: the editors' markers are not for them.
        compiled["reason"] = strip_markers(entry.reason)
        compiled["alternatives"] = [strip_markers(text) for text in entry.alternatives]
        compiled["url"] = url
        compiled["href"] = href(entry.id) if href else url
        phrases.append(compiled)
    return make_spec(phrases, lists)
