"""The one loader: read every file in `content/`, validate it, cross-reference it.

`load_content()` either returns a complete `Handbook`, quizzes assembled, or raises
`ContentError` listing every problem in every file, each with file, line, key path and what
was expected. The build and `python -m macros check` both call it, so they check the same.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path as FsPath
from types import MappingProxyType
from typing import Any, Final

from pydantic import ValidationError

from ..phrases.syntax import PatternCompiler
from .asked_phrases import asking_nodes, asking_raw, check_asked_unique, check_phrases_unique
from .checker_file import CheckerFile
from .deleted_courseware import deleted_courseware
from .handbook import Handbook
from .lost_files import ID_WORD, lost_file_problems, lost_files
from .lost_keys import among_moved, lost_list_keys
from .model import (
    COMPILER_CONTEXT,
    ENTRY_TYPES,
    ID_PATTERN,
    NAMES_CONTEXT,
    Chapter,
    Checklist,
    ChecklistItem,
    ChecklistsFile,
    Entry,
    FieldError,
    Node,
    Question,
    Quiz,
    QuizzesFile,
    Section,
    Source,
    SourcesFile,
    Step,
    kind_name,
    name_key,
    walk_nodes,
)
from .problems import ContentError, Problem
from .quiz_assembly import assemble
from .search_file import SearchFile
from .staff_text import check_staff_text
from .synonyms import SynonymsFile
from .validation_messages import (
    describe,
    kind_of_value,
    meant_key,
    model_at,
    raw_models,
    raw_path,
    required_at,
)
from .where import Path, Where
from .yaml_source import YamlDocument, is_blank, is_utf16, read_yaml

SPECIAL_FILES: Final[MappingProxyType[str, type[Node]]] = MappingProxyType(
    {
        "sources.yml": SourcesFile,
        "checklists.yml": ChecklistsFile,
        "quizzes.yml": QuizzesFile,
        "synonyms.yml": SynonymsFile,
        "search.yml": SearchFile,
        "checker.yml": CheckerFile,
    }
)
# Read before the others: the patterns of every chapter may name its word lists.
FIRST: Final = "checker.yml"
# A file that uses again at least half of its ids, and this many, from one other file is a
# copy of it: said once.
COPY_AT_LEAST: Final = 3

# The files that validated, by name; and each one's objects with their key paths.
Loaded = dict[str, tuple[YamlDocument, Node]]
Walks = dict[str, list[tuple[Node, Path]]]


# Mismatches of a single value, where what YAML made of an unquoted value may surprise.
_SCALAR_ERRORS: Final = frozenset(
    {
        "int_type",
        "int_parsing",
        "bool_type",
        "literal_error",
        "greater_than_equal",
        "less_than_equal",
    }
)


def field_names() -> frozenset[str]:
    """Every key a content file may hold (for the guess at a mistyped key)."""
    names: set[str] = set()
    pending: list[type[Node]] = [Node]
    while pending:
        model = pending.pop()
        names.update(model.model_fields)
        pending.extend(model.__subclasses__())
    return frozenset(names)


# What a reference may name a non-entry node by (entries use their own `kind`).
NODE_KINDS: Final[MappingProxyType[type[Node], str]] = MappingProxyType(
    {
        Section: "section",
        Step: "step",
        Checklist: "checklist",
        ChecklistItem: "checklist_item",
        Quiz: "quiz",
        Question: "question",
        Source: "source",
    }
)


# What editors call each kind, beside the word they write in YAML.
KIND_WORDS: Final[MappingProxyType[str, str]] = MappingProxyType(
    {
        **{kind_name(cls): cls.label for cls in ENTRY_TYPES},
        "section": "小节",
        "step": "步骤",
        "checklist": "检查表",
        "checklist_item": "检查项",
        "quiz": "自测",
        "question": "自测题",
        "source": "来源",
    }
)


def in_words(kind: str) -> str:
    """`objection` → 常见异议（objection）."""
    return f"{KIND_WORDS[kind]}（{kind}）" if kind in KIND_WORDS else kind


def kind_of(node: Node) -> str:
    if isinstance(node, Entry):
        return node.kind
    return NODE_KINDS.get(type(node), type(node).__name__)


def _validate(
    doc: YamlDocument, model: type[Node], context: dict[str, Any]
) -> tuple[Node | None, list[Problem]]:
    if not isinstance(doc.data, dict):
        where = doc.where(())
        return None, [Problem(where, "文件最外层应为映射（“键: 值”），而不是列表或一段文字")]
    try:
        node = model.model_validate(doc.data, context=context)
    except ValidationError as error:
        details = error.errors(include_url=False)
        # A misspelt key (reasn) is also a required one missing (reason): its message asks
        # "是不是想写 reason？", so the missing one is not said again.
        misspelt = {
            (tuple(d["loc"][:-1]), meant)
            for d in details
            if d["type"] == "extra_forbidden"
            and (meant := meant_key(str(d["loc"][-1]), model_at(model, tuple(d["loc"]))))
        }
        problems, moved = lost_list_keys(doc, model)
        for detail in details:
            if detail["type"] == "missing" and (
                (tuple(detail["loc"][:-1]), str(detail["loc"][-1])) in misspelt
            ):
                continue
            path = raw_path(doc.data, tuple(detail["loc"]), missing=detail["type"] == "missing")
            if among_moved(path, moved):
                continue
            cause = (detail.get("ctx") or {}).get("error")
            if isinstance(cause, FieldError):  # at the field the finding lies in
                path = raw_path(doc.data, (*path, *cause.at))
            where = doc.where(path, key=detail["type"] == "extra_forbidden")
            message = describe(detail, model)
            written = doc.marks.written.get(path)
            read_as = kind_of_value(detail.get("input"))
            if written is not None and detail["type"] == "string_type":
                # What was expected, then what the editor wrote, not what YAML made of it.
                message = (
                    f"{_expected(message)}：文件里写的是“{written}”，没加引号，YAML 把它读成了{read_as}；"
                    f'请加引号，写成 "{written}"'
                )
            elif (
                written is not None
                and detail["type"] != "extra_forbidden"  # (the key is wrong, not its value)
                and (detail["type"] in _SCALAR_ERRORS or written != str(detail.get("input")))
            ):  # any check of a value YAML changed (4:00 read as 240) quotes what was written
                message += f"（文件里写的是“{written}”，YAML 把它读成了{read_as}）"
            elif (comment := doc.marks.comments.get(path)) and detail.get("input") is None:
                message = _only_a_comment(message, comment, item=isinstance(path[-1], int))
            problems.append(Problem(where, message))
        return None, problems
    problems = []
    for child, path in walk_nodes(node, ()):
        child._where = doc.where(path)
        problems += _note_after_children(doc, child, path)
    return node, problems


def _note_after_children(doc: YamlDocument, node: Node, path: Path) -> list[Problem]:
    """An `editor_note` below the list of children: most likely the last child's, outdented
    (YAML reads it as this object's note without a word), so its place is asked to say which."""
    children = type(node).CHILDREN
    note = doc.marks.keys.get((*path, "editor_note"))
    listed = doc.marks.keys.get((*path, children)) if children else None
    if note is None or listed is None or note <= listed:
        return []
    name = type(node).NAME
    message = (
        f"editor_note 写在了 {children} 列表的下面，YAML 把它算作整个{name}的说明；"
        f"如果它是上面最后一项的说明，请缩进到和那一项的字段对齐；"
        f"如果是整个{name}的，请移到“{children}:”的上面"
    )
    return [Problem(doc.where((*path, "editor_note"), key=True), message)]


def _expected(message: str) -> str:
    """What a message says was expected, without what it found there or its advice (describe's
    "应为文字，这里是数字 12345", "不能为空；请写上文字…"), to be said with the editor's own words."""
    return message.split("，这里是")[0].split("；")[0]


def _only_a_comment(message: str, comment: str, *, item: bool) -> str:
    """What to say of a value that holds only a comment: the editor wrote something there,
    so "nothing written" would read as a wrong claim."""
    quote = "'" if '"' in comment else '"'
    return (
        f"{_expected(message)}：{'“- ”' if item else '冒号'}后面只有“{comment}”，YAML 把空格后的 # 和它后面的字当成注释，不读；"
        f"如果这是要写的文字，请加引号，写成 {quote}{comment}{quote}"
    )


def _raw_walk(value: Any, path: Path) -> Iterator[tuple[dict[str, Any], Path]]:
    if isinstance(value, dict):
        yield value, path
        for key, child in value.items():
            yield from _raw_walk(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _raw_walk(child, (*path, index))


def _raw_ids(doc: YamlDocument) -> Iterator[tuple[str, Where]]:
    for mapping, path in _raw_walk(doc.data, ()):
        ident = mapping.get("id")
        if isinstance(ident, str):
            yield ident, doc.where((*path, "id"), key=True)


def _raw_refs(doc: YamlDocument, model: type[Node]) -> Iterator[tuple[str, str, Where]]:
    """References in a file that failed validation, found through the model's REFS."""
    for mapping, path, cls in raw_models(doc.data, model, ()):
        if not issubclass(cls, Node):
            continue
        fields = dict(cls.REFS)
        if "source" in cls.model_fields:
            fields["source"] = ("source",)
        for name in fields:
            value = mapping.get(name)
            targets = (
                [value] if isinstance(value, str) else value if isinstance(value, list) else []
            )
            for index, target in enumerate(targets):
                if isinstance(target, str):
                    sub = (*path, name) if isinstance(value, str) else (*path, name, index)
                    yield name, target, doc.where(sub)


def id_names(docs: Iterable[YamlDocument]) -> dict[str, str]:
    """Every id by the names its object is known by, as written (title, name, text)."""
    names: dict[str, str] = {}
    todo: list[Any] = [doc.data for doc in docs]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            ident = value.get("id")
            for key in ("title", "name", "text"):
                name = value.get(key)
                if isinstance(ident, str) and isinstance(name, str):
                    names.setdefault(name_key(name), ident)
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return names


def _read_all(
    root: FsPath, context: dict[str, Any]
) -> tuple[Loaded, list[tuple[YamlDocument, type[Node]]], list[Problem]]:
    problems: list[Problem] = []
    loaded: Loaded = {}
    invalid: list[tuple[YamlDocument, type[Node]]] = []
    keys = field_names()
    if not root.is_dir():
        return (
            {},
            [],
            [Problem(Where(str(root)), "找不到内容文件夹（应是放 .yml 内容文件的 content/）")],
        )
    read: list[tuple[FsPath, YamlDocument, list[Problem]]] = []
    for path in sorted(root.iterdir(), key=lambda p: (p.name != FIRST, p.name)):
        shown = f"{root.name}/{path.name}"
        if path.name.startswith(".") and path.is_file():
            continue
        if path.is_dir() or path.suffix != ".yml":
            problems.append(Problem(Where(shown), "content/ 里只能放 .yml 文件（扩展名请用 .yml）"))
            continue
        # A chapter with a page in docs/ is required too: its page calls it (deleted, every
        # reference to its ids would be reported as well).
        required = path.name in SPECIAL_FILES or (root.parent / "docs" / f"{path.stem}.md").exists()
        doc, file_problems = read_yaml(path, shown, keys, required=required)
        problems += file_problems
        if doc is not None:
            read.append((path, doc, file_problems))
    context[NAMES_CONTEXT] = id_names(doc for _path, doc, _problems in read)
    for path, doc, file_problems in read:
        model = SPECIAL_FILES.get(path.name, Chapter)
        node, model_problems = _validate(doc, model, context)
        # What the YAML layer explained at a value's own place (a list whose first "- " lost
        # its space, read as text) is not said again as what validation makes of it.
        explained = {(p.where.line, p.where.column) for p in file_problems}
        problems += [p for p in model_problems if (p.where.line, p.where.column) not in explained]
        if isinstance(node, CheckerFile) and not file_problems:
            context[COMPILER_CONTEXT] = PatternCompiler(node.lexicon)
        if node is not None and not file_problems:
            loaded[path.name] = (doc, node)
        else:
            invalid.append((doc, model))
    for name in SPECIAL_FILES:
        if not (root / name).exists():
            problems.append(Problem(Where(f"{root.name}/{name}"), "缺少这个文件"))
    return loaded, invalid, problems


def _index(
    walks: Walks, invalid: list[tuple[YamlDocument, type[Node]]]
) -> tuple[dict[str, Node], dict[str, Where], set[str], list[Problem]]:
    """All ids: typed nodes from valid files, bare positions from files that failed, and the
    ids used twice."""
    by_id: dict[str, Node] = {}
    seen: dict[str, Where] = {}
    repeated: list[tuple[Where, str]] = []  # a second use of an id, and the id

    def add(ident: str, where: Where) -> bool:
        if ident in seen:
            repeated.append((where, ident))
            return False
        seen[ident] = where
        return True

    for walk in walks.values():
        for node, _path in walk:
            ident = getattr(node, "id", None)
            if isinstance(ident, str):
                where = Where(
                    node.where.file, node.where.line, node.where.column, (*node.where.path, "id")
                )
                if add(ident, where):
                    by_id[ident] = node
    for doc, _model in invalid:
        for ident, where in _raw_ids(doc):
            add(ident, where)
    return by_id, seen, {ident for _where, ident in repeated}, _repeated_ids(repeated, seen)


def _repeated_ids(repeated: list[tuple[Where, str]], seen: dict[str, Where]) -> list[Problem]:
    """One message per repeated id; but a file that repeats most of another's ids is a copy
    (a backup saved next to it): one message for the pair, not hundreds."""
    pairs: dict[tuple[str, str], list[tuple[Where, str]]] = {}
    for where, ident in repeated:
        pairs.setdefault((seen[ident].file, where.file), []).append((where, ident))
    ids_in: dict[str, int] = {}
    for where in [*seen.values(), *(where for where, _ in repeated)]:
        ids_in[where.file] = ids_in.get(where.file, 0) + 1
    problems: list[Problem] = []
    for (first, second), found in pairs.items():
        if len(found) >= COPY_AT_LEAST and 2 * len(found) >= ids_in[second]:
            problems.append(
                Problem(
                    Where(second),
                    f"有 {len(found)} 个 id 和 {first} 里的一样：两个文件里有一个是另一个的副本"
                    "（备份？）。content/ 里的每个 .yml 文件都会进手册，请把副本删掉或移出 content/",
                )
            )
            continue
        # Which of the two is new, only the editor knows; renaming the published one would
        # orphan its saved ticks and links, so the message says which to change.
        problems += [
            Problem(
                where,
                f"id “{ident}” 重复了，{seen[ident]} 已经用过；id 在所有文件里都必须唯一："
                "这两处里哪条是你新写的，就给那条换一个没用过的 id（不一定是这一行），"
                "已经发布的那条不要改（勾选记录和网址都按 id 记）",
            )
            for where, ident in found
        ]
    return problems


def _unknown_source(target: str, by_id: dict[str, Node]) -> str:
    """A source that sources.yml lacks, with the one most likely meant, or those there are."""
    sources = [ident for ident, node in by_id.items() if isinstance(node, Source)]
    message = f"来源 “{target}” 不在 content/sources.yml 里"
    close = difflib.get_close_matches(target, sources, n=1, cutoff=0.8)
    if close:
        return message + f"，是不是想写“{close[0]}”？"
    return message + (f"（可用的来源：{'、'.join(sources)}）" if sources else "")


def _missing(
    target: str,
    seen: dict[str, Where],
    hidden: HiddenIds,
    where: Where,
    required: bool = False,
    courseware: Mapping[str, str] = MappingProxyType({}),
) -> str:
    """A reference to no id, with the id it most likely meant (a letter left out or swapped);
    never a malformed one (an id changed by hand to ni_kending nonghun was offered in place of
    the right reference to it: the change is the mistake, named at its own line)."""
    if target in courseware:  # deleted: the reference is right, the deletion is the mistake
        file = courseware[target]
        return (
            f"引用的 “{target}” 是原课件的条目（上一次提交时在 content/{file} 里），"
            "原课件的内容不能删，这里的引用也不要去掉：请把那一条放回去（在 VS Code 里撤销删除，"
            f"或用 git show HEAD:content/{file} 看它原来的样子，复制回去）"
        )
    valid = [i for i in [*seen, *hidden.words] if re.fullmatch(ID_PATTERN, i)]
    close = difflib.get_close_matches(target, valid, n=1, cutoff=0.85)
    if close:
        return f"引用的 id “{target}” 不存在，是不是想写“{close[0]}”？"
    # A misspelling, an entry not written yet or one deleted: what to do about each (editor
    # audits found "deleted" alone misleading). A field of one id (a question's ref) cannot
    # just lose it, nor may a required list (a checklist item's refs) be left empty.
    missing = (
        f"引用的 id “{target}” 不存在：写错了就改成要引用的那一条的 id（写在那一条的“id:”一行，"
        "编辑视图里每条下面有它的文件和行号）；是你把那一条的 id 改了的话，运行 "
        f".venv/bin/python -m macros rename {target} 新编号，引用会一起改好；"
        "那一条还没写或已删掉的话，"
    )
    if where.path and isinstance(where.path[-1], int):
        if required:
            return (
                missing
                + "把这个 id 从列表里去掉（这里至少要引用一条：列表里只剩它的话，换成另一条的 id）"
            )
        return missing + "把这个 id 从列表里去掉（列表里只剩它的话，连同上面的键一起删掉）"
    return missing + "改成另一个条目的 id，或把这一整项（这道题、这一条）删掉"


def _check_raw_references(
    invalid: list[tuple[YamlDocument, type[Node]]],
    by_id: dict[str, Node],
    seen: dict[str, Where],
    hidden: HiddenIds,
) -> list[Problem]:
    problems: list[Problem] = []
    for doc, model in invalid:
        for name, target, where in _raw_refs(doc, model):
            if not re.fullmatch(ID_PATTERN, target):
                continue  # validation has said what is wrong with it (one message, not two)
            if target not in seen and target in hidden:
                continue  # maybe defined in a file that cannot be read yet
            if name == "source":
                if not isinstance(by_id.get(target), Source):  # unknown, or not a source
                    problems.append(Problem(where, _unknown_source(target, by_id)))
            elif target not in seen:
                problems.append(Problem(where, _missing(target, seen, hidden, where)))
    return problems


def _check_references(
    loaded: Loaded,
    walks: Walks,
    by_id: dict[str, Node],
    seen: dict[str, Where],
    hidden: HiddenIds,
    twice: set[str],
    courseware: Mapping[str, str],
) -> list[Problem]:
    problems: list[Problem] = []
    for name, (doc, _root) in loaded.items():
        for node, path in walks[name]:
            for ref in node.references():
                target = by_id.get(ref.target)
                where = doc.where((*path, *ref.path))
                if target is None and (ref.target in seen or ref.target in hidden):
                    continue  # defined in a file that failed validation (reported there) or
                    # maybe in one that cannot be read yet
                if target is None:
                    required = bool(ref.path) and required_at(type(node), ref.path[:1]) is True
                    said = _missing(ref.target, seen, hidden, where, required, courseware)
                    problems.append(Problem(where, said))
                elif ref.kinds and kind_of(target) not in ref.kinds and ref.target not in twice:
                    # (an id used twice may name the new entry here: the repeat is the mistake,
                    # told where it is, not at a reference the editor never touched)
                    wanted = "、".join(map(in_words, ref.kinds))
                    problems.append(
                        Problem(
                            where,
                            f"“{ref.target}” 是{in_words(kind_of(target))}，这里只能引用{wanted}",
                        )
                    )
            for index, source in enumerate(getattr(node, "source", None) or []):
                if source not in by_id and source in hidden:
                    continue
                if not isinstance(by_id.get(source), Source):
                    where = doc.where((*path, "source", index))
                    problems.append(Problem(where, _unknown_source(source, by_id)))
    return problems


def _check_quiz_chapters(
    loaded: Loaded, invalid: list[tuple[YamlDocument, type[Node]]], root: FsPath
) -> list[Problem]:
    """Every quiz's `chapters` names a chapter file (checked with all else, not after: read
    from what was written when quizzes.yml has other mistakes, which had hidden this one)."""
    raw = next((doc for doc, _model in invalid if FsPath(doc.file).name == "quizzes.yml"), None)
    doc = loaded["quizzes.yml"][0] if "quizzes.yml" in loaded else raw
    if doc is None or not isinstance(doc.data, dict):
        return []
    stems = sorted(p.stem for p in root.glob("*.yml") if p.name not in SPECIAL_FILES)
    problems = []
    quizzes = doc.data.get("quizzes")
    for index, quiz in enumerate(quizzes if isinstance(quizzes, list) else []):
        chapters = quiz.get("chapters") if isinstance(quiz, dict) else None
        for position, name in enumerate(chapters if isinstance(chapters, list) else []):
            if isinstance(name, str) and name not in stems:
                where = doc.where(("quizzes", index, "chapters", position))
                known = "、".join(stems)
                problems.append(
                    Problem(where, f"chapters 里的“{name}”不是章节；可用的章节：{known}")
                )
    return problems


@dataclasses.dataclass(frozen=True)
class HiddenIds:
    """The ids that may be defined in files that could not be read as YAML at all: every word
    of their text that could be an id (whole words, so a misspelt reference that is the start
    of a real id, wujian-buduandan, is still named), or any id at all once a file is empty
    (emptied by mistake, its ids are unknown and nothing of them is left to read); and the
    values YAML dropped for a key written twice."""

    words: frozenset[str] = frozenset()
    any_id: bool = False

    def __contains__(self, ident: object) -> bool:
        return self.any_id or ident in self.words


def _unreadable_ids(
    root: FsPath,
    loaded: Loaded,
    invalid: list[tuple[YamlDocument, type[Node]]],
) -> HiddenIds:
    read = set(loaded) | {FsPath(doc.file).name for doc, _model in invalid}
    texts = [
        _any_text(path.read_bytes()) for path in sorted(root.glob("*.yml")) if path.name not in read
    ]
    # and the values YAML dropped for a key written twice (an item's lost id)
    dropped = {value for doc, _node in loaded.values() for value in doc.marks.dropped}
    dropped |= {value for doc, _model in invalid for value in doc.marks.dropped}
    return HiddenIds(
        frozenset(word for text in texts for word in ID_WORD.findall(text)) | dropped,
        any(is_blank(text) for text in texts),
    )


def _targets(
    loaded: Loaded, walks: Walks, invalid: list[tuple[YamlDocument, type[Node]]]
) -> Iterator[tuple[str, str]]:
    """Every reference of the content: (the file it is in, the id it names)."""
    for name, (doc, _root) in loaded.items():
        for node, _path in walks[name]:
            for ref in node.references():
                yield doc.file, ref.target
    for doc, model in invalid:
        for field, target, _where in _raw_refs(doc, model):
            if field != "source":
                yield doc.file, target


def _any_text(raw: bytes) -> str:
    """Bytes as text whatever the encoding an editor saved them in: ids are ASCII, which
    UTF-8 and GBK keep as they are and UTF-16 spreads over two bytes."""
    if is_utf16(raw):
        return raw.decode("utf-16", "replace")
    return raw.decode("utf-8", "replace")


def _locate_lines(loaded: Loaded, walks: Walks) -> None:
    """Refine each node's line to its `id:` key when it has one, which is what editors look for."""
    for name, (doc, _root) in loaded.items():
        for node, path in walks[name]:
            if getattr(node, "id", None) is not None:
                line, column = doc.marks.locate((*path, "id"), key=True)
                node._where = Where(doc.file, line, column, path)


def load_content(root: FsPath) -> Handbook:
    # Until the word lists are read, and when they have a mistake, any list name is accepted;
    # reading content/checker.yml (first) puts a compiler with its lists in the context.
    context: dict[str, Any] = {COMPILER_CONTEXT: PatternCompiler(None)}
    loaded, invalid, problems = _read_all(root, context)
    # Each file's objects, walked once: every check below goes through them.
    walks: Walks = {name: walk_nodes(node, ()) for name, (_doc, node) in loaded.items()}
    _locate_lines(loaded, walks)
    by_id, seen, twice, index_problems = _index(walks, invalid)
    problems += index_problems
    # A file that cannot be read hides its ids: a reference to an id written in it is checked
    # once it reads (reported now, it would bury the one real mistake); any other is reported.
    hidden = _unreadable_ids(root, loaded, invalid)
    # So does a file deleted or overwritten since the last commit: its references are told
    # once, at the file (git is asked only when some reference finds nothing).
    references = list(_targets(loaded, walks, invalid))
    lost: dict[str, frozenset[str]] = {}
    courseware: dict[str, str] = {}
    if any(t not in seen and t not in hidden for _file, t in references):
        broken = {FsPath(doc.file).name for doc, _m in invalid if not isinstance(doc.data, dict)}
        lost = lost_files(root, broken)
    for ids in lost.values():
        hidden = dataclasses.replace(hidden, words=hidden.words | ids)
    if missing := {t for _file, t in references if t not in seen and t not in hidden}:
        courseware = deleted_courseware(root, missing)
    problems += _check_references(loaded, walks, by_id, seen, hidden, twice, courseware)
    problems += _check_raw_references(invalid, by_id, seen, hidden)
    problems += lost_file_problems(root, lost, references, seen)
    problems += _check_quiz_chapters(loaded, invalid, root)
    for name, (doc, root_node) in loaded.items():
        problems += check_staff_text(doc, root_node, walks[name])
    files = [(doc, walks[name]) for name, (doc, _node) in loaded.items()]
    # A file with other mistakes still has its asked phrases: read from what was written, so
    # a wrong kind elsewhere in it does not hide a repeated one until the next run.
    askings = [(doc, asking_nodes(walk)) for doc, walk in files] + [
        (doc, asking_raw((raw, path) for raw, path, _model in raw_models(doc.data, model, ())))
        for doc, model in invalid
    ]
    problems += check_asked_unique(askings)
    problems += check_phrases_unique(files)
    if problems:
        raise ContentError(problems)
    chapters = {
        name.removesuffix(".yml"): node
        for name, (_doc, node) in loaded.items()
        if isinstance(node, Chapter)
    }
    chapter_of_id: dict[str, str] = {}
    for stem in chapters:
        for node, _path in walks[f"{stem}.yml"]:
            ident = getattr(node, "id", None)
            if isinstance(ident, str):
                chapter_of_id[ident] = stem
    sources_file = loaded["sources.yml"][1]
    checklists = loaded["checklists.yml"][1]
    quizzes = loaded["quizzes.yml"][1]
    synonyms = loaded["synonyms.yml"][1]
    search = loaded["search.yml"][1]
    checker = loaded["checker.yml"][1]
    assert isinstance(checker, CheckerFile)
    assert isinstance(synonyms, SynonymsFile)
    assert isinstance(search, SearchFile)
    assert isinstance(sources_file, SourcesFile)
    assert isinstance(checklists, ChecklistsFile)
    assert isinstance(quizzes, QuizzesFile)
    handbook = Handbook(
        root=root,
        synonyms=synonyms,
        search=search,
        checker=checker,
        chapters=chapters,
        sources={source.id: source for source in sources_file.sources},
        checklists=checklists,
        quizzes=quizzes,
        by_id=by_id,
        chapter_of_id=chapter_of_id,
        patterns=context[COMPILER_CONTEXT],
    )
    # Quizzes are checked once their generated questions exist (a clashing question id, an
    # empty quiz), so the build and the check command report the same.
    assembly = assemble(handbook)
    if assembly.problems:
        raise ContentError(assembly.problems)
    return dataclasses.replace(
        handbook, quiz_questions=assembly.questions, held_back=assembly.held_back
    )
