"""The handbook's forbidden phrases compiled into one spec, for the checker page and the command."""

from __future__ import annotations

from collections.abc import Callable

from ..phrases.spec import Phrase as CompiledPhrase
from ..phrases.spec import PhraseSpec, ToneSpec, make_spec, phrase_spec
from ..phrases.syntax import PatternCompiler
from ..phrases.tone import MODEL_FILE, load_model, openings
from .handbook import Handbook
from .markers import strip_markers
from .model import Phrase

TONE_ID = "yuqi"  # the tone finding's id: never an entry's (entries' ids are checked unique)


def build_spec(
    handbook: Handbook, href: Callable[[str], str] | None = None, *, tone: bool = True
) -> PhraseSpec:
    """Every phrase in handbook order, compiled, with why not, what instead and where it lives;
    and the tone check (content/checker.yml's note, the weights `python -m macros tone` wrote).

    `href` turns an id into a link relative to the 话术自查 page (which fetches the spec); without it the
    site-root URL is used (the command line). `tone=False`: the listed phrases only.
    """
    phrases: list[CompiledPhrase] = []
    lists = handbook.checker.lexicon
    compile = handbook.patterns if handbook.patterns.lists is lists else PatternCompiler(lists)
    for entry in handbook.entries("phrase"):
        assert isinstance(entry, Phrase)  # kind "phrase" is always a Phrase
        # Its near misses too, word for word: the quiz teaches them as wrong, and the checker
        # called them fine (a new hire's audit: 109 of 188 wrong options passed).
        also = [miss.text for miss in entry.near_misses]
        compiled = phrase_spec(
            entry.id, entry.spoken, entry.patterns, entry.exceptions, lists, compile, also
        )
        url = handbook.url_of(entry.id)
        # What staff read in the checker: the editors' markers are not for them.
        compiled["reason"] = strip_markers(entry.reason)
        compiled["alternatives"] = [strip_markers(text) for text in entry.alternatives]
        compiled["url"] = url
        compiled["href"] = href(entry.id) if href else url
        phrases.append(compiled)
    return make_spec(phrases, lists, _tone(handbook, href) if tone else None)


def _tone(handbook: Handbook, href: Callable[[str], str] | None) -> ToneSpec:
    note = handbook.checker.tone
    url = handbook.url_of(note.see)
    model = load_model(MODEL_FILE)["model"]
    return {
        "id": TONE_ID,
        "kind": "tone",
        "text": strip_markers(note.text),
        "reason": strip_markers(note.reason),
        "alternatives": [strip_markers(text) for text in note.alternatives],
        "url": url,
        "href": href(note.see) if href else url,
        "model": model,
        "openings": openings(),
    }
