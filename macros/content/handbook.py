"""The validated handbook: every file of `content/` as typed objects, indexed by id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..phrases.syntax import PatternCompiler
from .checker_file import CheckerFile
from .model import Chapter, ChecklistsFile, Entry, Node, Question, QuizzesFile, Section, Source
from .search_file import SearchFile
from .synonyms import SynonymsFile
from .urls import chapter_url, checklist_url, quiz_url


@dataclass(frozen=True)
class QuizQuestion:
    """A question as a quiz asks it: hand-written or generated from an entry (a drill)."""

    question: Question
    chapter: str  # content file the question is about, e.g. "phrasing"
    drill: str | None = None  # the generator that built it; None when hand-written
    # Texts another question on the same sheet must not hold (giveaways.py): 禁语 P for the
    # drill whose stem says “P”是禁语.
    clues: tuple[str, ...] = ()
    # Texts no other question's stem on the sheet may name: 机会成交法 for the drill asking
    # which method a dialogue shows (its name among options elsewhere tells nothing).
    stem_clues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Handbook:
    """Everything in `content/`, validated; ids are unique across all files."""

    root: Path
    synonyms: SynonymsFile
    search: SearchFile
    checker: CheckerFile  # the phrase checker's word lists and tone note
    chapters: dict[str, Chapter]
    sources: dict[str, Source]
    checklists: ChecklistsFile
    quizzes: QuizzesFile
    by_id: dict[str, Node] = field(default_factory=dict)
    chapter_of_id: dict[str, str] = field(default_factory=dict)
    # Every quiz's questions in the order they are asked and printed (assembled by the loader).
    quiz_questions: dict[str, list[QuizQuestion]] = field(default_factory=dict)
    # Questions a quiz's sheet leaves out because another on it would give them away; they
    # are still asked in 今日复习 (giveaways.py).
    held_back: dict[str, list[QuizQuestion]] = field(default_factory=dict)
    # The load's pattern compiler (the checker's word lists): each phrase's patterns were
    # compiled once to validate them, and the checker's spec reuses them.
    patterns: PatternCompiler = field(default_factory=PatternCompiler)

    def sections(self) -> Iterator[Section]:
        """Sections in reading order (file by file)."""
        for chapter in self.chapters.values():
            yield from chapter.sections

    def entries(self, *kinds: str) -> Iterator[Entry]:
        """Entries in reading order (file by file, section by section)."""
        for section in self.sections():
            for entry in section.entries:
                if not kinds or entry.kind in kinds:
                    yield entry

    def get(self, ident: str) -> Node:
        return self.by_id[ident]

    def questions_of(self, quiz_id: str) -> list[QuizQuestion]:
        return self.quiz_questions[quiz_id]

    def review_questions(self, quiz_id: str) -> list[QuizQuestion]:
        """A quiz's questions and those held back from its sheet: 今日复习 asks them all."""
        return [*self.quiz_questions[quiz_id], *self.held_back.get(quiz_id, [])]

    def url_of(self, ident: str) -> str:
        """Site-root URL of any id with an anchor: `closing/#xiaogou-chengjiao`."""
        if any(c.id == ident for c in self.checklists.checklists):
            return checklist_url(ident)
        if any(q.id == ident for q in self.quizzes.quizzes):
            return quiz_url(ident)
        return f"{chapter_url(self.chapter_of_id[ident])}#{ident}"
