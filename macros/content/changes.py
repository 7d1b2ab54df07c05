"""What a change means for staff: compare the content of two git revisions in human terms.

Every object with an `id` is compared by id, so renaming a title is an edit, moving an entry is
a move, and reordering is reported once per list. Used by `python -m macros changes` for the
pull-request description.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from pydantic import BaseModel

from .handbook import Handbook
from .loader import load_content
from .model import (
    DRILL_WORDS,
    EDITORS_SOURCE,
    Checklist,
    ChecklistItem,
    Entry,
    Node,
    Question,
    Quiz,
    Section,
    Source,
    Step,
    title_of,
)
from .problems import ContentError

FIELD_NAMES: Final = MappingProxyType(
    {
        "text": "文字",
        "title": "标题",
        "name": "名称",
        "summary": "简介",
        "reason": "理由",
        "alternatives": "替代说法",
        "near_misses": "听着客气也不行的说法",
        "why": "错在哪里",
        "keywords": "关键词",
        "asked": "常见问法",
        "items": "要点",
        "steps": "步骤",
        "example": "示例",
        "explanation": "解析",
        "options": "选项",
        "answer": "答案",
        "keep_order": "选项按写的顺序",
        "critical": "必做",
        "refs": "关联条目",
        "source": "来源",
        "editor_note": "编辑说明",
        "patterns": "匹配式",
        "when": "适用时机",
        "detail": "说明",
        "do": "要做到",
        "say": "可以说",
        "avoid": "不要说",
        "id": "编号",
        "kind": "类型",
        "audience": "读者",
        "better": "更好的说法",
        "practice": "进对练",
        "category": "类别",
        "caution": "注意",
        "correct": "正确",
        "customer": "客户说",
        "description": "说明",
        "discussion": "讨论题",
        "dont": "不要做",
        "drills": "练习题组",
        "exceptions": "例外写法",
        "file": "文件",
        "mixed": "随机抽题数",
        "notes": "补充说明",
        "number": "序号",
        "ordered": "按顺序",
        "owner": "负责方",
        "point": "要点",
        "problem": "问题所在",
        "question": "题干",
        "ref": "参见条目",
        "related": "相关条目",
        "reply": "回答",
        "stage": "阶段",
        "standard": "标准",
        "strategy": "应对方法",
        "tips": "提示",
        "traits": "特点",
        "type": "题型",
        "use": "用法",
        "value": "数值",
        "who": "说话人",
        "methods": "方法",
        "day_start_hour": "每天开始时间",
        "paper_questions": "每份试卷题数",
        "signers": "签字栏",
        "entries": "条目",
        "sections": "小节",
        "chapters": "章节",
        "checklists": "检查表",
        "questions": "题目",
        "quizzes": "自测",
        "sources": "来源",
        "suggestions": "建议",
        "groups": "同义词组",
        "concepts": "搜索用的同义概念",
        "lists": "词表",
        "meaning": "含义",
        "words": "词",
        "tone": "语气提示",
        "see": "参见条目",
    }
)
# Values written as words of the code, said as what they make (a quiz's drills).
VALUE_WORDS: Final[MappingProxyType[str, Mapping[str, str]]] = MappingProxyType(
    {"drills": DRILL_WORDS}
)
# What breaks when an id changes or goes: everything that remembers the id, by what it names.
FOLLOWS_ID: Final = MappingProxyType(
    {
        "检查项": "手机上已保存的勾选",
        "检查表": "手机上已保存的勾选和书签",
        "题目": "自测的进度和复习记录",
        "自测": "自测成绩和书签",
    }
)
LINKS_FOLLOW_ID: Final = "链接和书签"
SHOWN: Final = 40  # characters of changed wording shown either side of the change


@dataclass(frozen=True)
class Place:
    """An id-bearing node with the list it sits in (its parent's id and its position)."""

    ident: str
    node: Node
    parent: str
    position: int
    label: str
    field: str = (
        ""  # the parent's list the node sits in (a checklist has items, quizzes have questions)
    )


def _label(node: Node) -> str:
    if isinstance(node, Entry):
        return node.label
    return {
        Section: "小节",
        Step: "步骤",
        Checklist: "检查表",
        ChecklistItem: "检查项",
        Quiz: "自测",
        Question: "题目",
        Source: "来源",
    }.get(type(node), "条目")


def _walk(value: Any, parent: str, position: int, field: str = "") -> Iterator[Place]:
    if isinstance(value, BaseModel):
        ident = getattr(value, "id", None)
        if isinstance(value, Node) and isinstance(ident, str):
            yield Place(ident, value, parent, position, _label(value), field)
            parent = ident
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), parent, 0, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, parent, index, field)


def places(handbook: Handbook) -> dict[str, Place]:
    roots: dict[str, Any] = {stem: chapter for stem, chapter in handbook.chapters.items()}
    roots["checklists"] = handbook.checklists
    roots["quizzes"] = handbook.quizzes
    found: dict[str, Place] = {}
    for stem, root in roots.items():
        for place in _walk(root, stem, 0):
            found[place.ident] = place
    for source in handbook.sources.values():
        found[source.id] = Place(source.id, source, "sources", 0, "来源")
    return found


def file_roots(handbook: Handbook) -> dict[str, tuple[str, Node]]:
    """Each content file's top level, by file, with what reviewers call it: its own fields
    (a chapter's title, the checklist day's start, the search box's suggestions, the word
    lists) are not under any id."""
    roots: dict[str, tuple[str, Node]] = {
        f"content/{stem}.yml": (f"章节“{chapter.title}”", chapter)
        for stem, chapter in handbook.chapters.items()
    }
    roots["content/checklists.yml"] = ("检查表的总体设置", handbook.checklists)
    roots["content/quizzes.yml"] = ("自测的总体设置", handbook.quizzes)
    roots["content/search.yml"] = ("搜索框里的常见情况", handbook.search)
    roots["content/synonyms.yml"] = ("同义词", handbook.synonyms)
    roots["content/checker.yml"] = ("话术自查的词表和语气提示", handbook.checker)
    return roots


def _file_changes(old: Handbook, new: Handbook) -> list[str]:
    before, after = file_roots(old), file_roots(new)
    lines = [f"新增{name}（{file}）" for file, (name, _) in after.items() if file not in before]
    lines += [f"⚠ 删除{name}（{file}）" for file, (name, _) in before.items() if file not in after]
    for file, (name, node) in after.items():
        if file not in before:
            continue
        changed = _field_changes(before[file][1], node, old, new)
        if changed:
            lines.append(f"修改{name}（{file}）：" + "；".join(changed))
    return lines


def own_fields(node: Node) -> dict[str, Any]:
    """The node's data, with nested id-bearing nodes reduced to their ids (they are compared alone)."""

    def reduce(value: Any) -> Any:
        if isinstance(value, BaseModel):
            ident = getattr(value, "id", None)
            if isinstance(ident, str) and value is not node:
                return ident
            return {name: reduce(getattr(value, name)) for name in type(value).model_fields}
        if isinstance(value, list):
            return [reduce(item) for item in value]
        return value

    return {
        name: reduce(getattr(node, name))
        for name in type(node).model_fields
        if not _is_child_list(getattr(node, name))
    }


def _is_child_list(value: Any) -> bool:
    """Lists of id-bearing nodes are reported through additions, removals and reordering."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(getattr(v, "id", None), str) for v in value)
    )


def _name(place: Place, handbook: Handbook) -> str:
    """What reviewers recognise the node by: its words, not its id."""
    node = place.node
    if isinstance(node, ChecklistItem):
        checklist = next(c for c in handbook.checklists.checklists if c.id == place.parent)
        return f"检查项“{node.text}”（{checklist.title}第 {place.position + 1} 项）"
    if isinstance(node, Question):
        return f"题目“{node.question}”"
    return f"{place.label}“{title_of(node)}”"


def _parent_name(parent: str, known: dict[str, Place], handbook: Handbook) -> str:
    if parent in known:
        return _name(known[parent], handbook)
    if parent in handbook.chapters:
        return f"章节“{handbook.chapters[parent].title}”"
    return {"checklists": "检查表", "quizzes": "自测"}.get(parent, parent)


def _breaks(place: Place) -> str:
    """What stops working when this node's id changes or goes."""
    return FOLLOWS_ID.get(place.label, LINKS_FOLLOW_ID)


def _shorten(text: str, start: int, end: int) -> str:
    """`text` from `start` to `end` with a little context, "…" where it was cut."""
    context = 8
    left, right = max(0, start - context), min(len(text), end + context)
    return f"{'…' if left else ''}{text[left:right]}{'…' if right < len(text) else ''}"


def _common_start(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _wording(old: str, new: str) -> str:
    """Old → new; long texts only around what changed."""
    if len(old) <= SHOWN and len(new) <= SHOWN:
        return f"“{old}” → “{new}”"
    prefix = _common_start(old, new)
    suffix = _common_start(old[prefix:][::-1], new[prefix:][::-1])
    return f"“{_shorten(old, prefix, len(old) - suffix)}” → “{_shorten(new, prefix, len(new) - suffix)}”"


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == [] or value == "":
        return "（无）"
    if isinstance(value, dict):  # a nested object without an id (an option, a turn, a word list)
        words = [
            (k, v if isinstance(v, str) else "、".join(v))
            for k, v in value.items()
            if k != "kind"
            and (isinstance(v, str) or (isinstance(v, list) and all(isinstance(w, str) for w in v)))
            and v
        ]
        if not words:
            return "（无）"
        # Its first words as they read, the rest named: “…”（错在哪里：…）
        extra = [f"{FIELD_NAMES.get(k, k)}：{v}" for k, v in words[1:]]
        extra += [FIELD_NAMES.get(k, k) for k, v in value.items() if v is True]
        return words[0][1] + (f"（{'；'.join(extra)}）" if extra else "")
    if isinstance(value, list):
        return "；".join(_as_text(v) for v in value)
    return str(value)


# How alike an item's old and new text must be to read as one item edited (a character fixed),
# not one item dropped and another added.
EDITED_AT_LEAST: Final = 0.6


def _edits(lost: list[str], gained: list[str]) -> list[tuple[str, str]]:
    """Pairs of a lost and a gained item alike enough to be one item edited, each item in one
    pair at most; taken out of `lost` and `gained`."""
    pairs = []
    for old in list(lost):
        alike = [(SequenceMatcher(None, old, new).ratio(), new) for new in gained]
        best = max(alike, default=(0.0, ""))
        if best[0] >= EDITED_AT_LEAST:
            pairs.append((old, best[1]))
            lost.remove(old)
            gained.remove(best[1])
    return pairs


def _change(key: str, old: Any, new: Any) -> str:
    """One field's change in words: old → new, or what a list gained and lost."""
    label = FIELD_NAMES.get(key, key)
    if isinstance(old, list) and isinstance(new, list):
        words = VALUE_WORDS.get(key, {})
        before = [words.get(v, _as_text(v)) if isinstance(v, str) else _as_text(v) for v in old]
        after = [words.get(v, _as_text(v)) if isinstance(v, str) else _as_text(v) for v in new]
        gained = [v for v in after if v not in before]
        lost = [v for v in before if v not in after]
        edited = _edits(lost, gained)
        parts = [
            *(["改 " + "、".join(_wording(a, b) for a, b in edited)] if edited else []),
            *(["增加 " + "、".join(f"“{v}”" for v in gained)] if gained else []),
            *(["去掉 " + "、".join(f"“{v}”" for v in lost)] if lost else []),
        ]
        return f"{label}" + ("：" + "；".join(parts) if parts else " 调整了顺序")
    if isinstance(old, str) and isinstance(new, str):
        return f"{label} {_wording(old, new)}"
    if isinstance(old, dict) and isinstance(new, dict):  # a nested object: what in it changed
        parts = [_change(k, old.get(k), v) for k, v in new.items() if old.get(k) != v]
        return f"{label}的" + "；".join(parts)
    return f"{label} {_as_text(old)} → {_as_text(new)}"


def _without_id(place: Place) -> dict[str, Any]:
    return {k: v for k, v in own_fields(place.node).items() if k != "id"}


def _from_the_course(node: Node) -> bool:
    """Whether a node came from the seed courseware (its `source` names more than editors)."""
    source: list[str] = getattr(node, "source", None) or []
    return any(name != EDITORS_SOURCE for name in source)


def _renames(removed: list[Place], added: list[Place]) -> list[tuple[Place, Place]]:
    """Pairs that are one node under a new id: same kind, and the same words or the same data."""
    pairs = []
    for old in removed:
        match = next(
            (
                new
                for new in added
                if new.label == old.label
                and (
                    _without_id(new) == _without_id(old) or title_of(new.node) == title_of(old.node)
                )
            ),
            None,
        )
        if match is not None:
            added.remove(match)
            pairs.append((old, match))
    for old, _new in pairs:
        removed.remove(old)
    return pairs


def titled(value: Any, old: Handbook, new: Handbook) -> Any:
    """An id, or a list of them, as the titles they name (the new content's, else the old's)."""
    if isinstance(value, list):
        return [titled(item, old, new) for item in value]
    if isinstance(value, str):
        node = new.by_id.get(value) or old.by_id.get(value)
        return title_of(node) if node is not None else value
    return value


def _field_changes(
    was: Node,
    now: Node,
    old: Handbook,
    new: Handbook,
    new_ids: Mapping[str, str] = MappingProxyType({}),
) -> list[str]:
    """What changed in a node's own fields, in words; fields of ids (its REFS) by the titles
    they name, which reviewers know. An id that only followed an entry's new id (`new_ids`,
    old → new) is no change here: the new id has its own line."""
    before, refs = own_fields(was), type(now).REFS
    before = {k: _followed(v, new_ids) if k in refs else v for k, v in before.items()}
    return [
        _change(key, titled(before.get(key), old, new), titled(value, old, new))
        if key in refs
        else _change(key, before.get(key), value)
        for key, value in own_fields(now).items()
        if key != "id" and before.get(key) != value
    ]


def _followed(value: Any, new_ids: Mapping[str, str]) -> Any:
    """An id, or a list of them, under the new ids of entries whose id changed."""
    if isinstance(value, list):
        return [_followed(item, new_ids) for item in value]
    return new_ids.get(value, value) if isinstance(value, str) else value


def summarize(old: Handbook, new: Handbook) -> list[str]:
    before, after = places(old), places(new)
    lines: list[str] = []
    added = [after[i] for i in after if i not in before]
    removed = [before[i] for i in before if i not in after]
    renamed = _renames(removed, added)
    for verb, group, handbook in (("新增", added, new), ("删除", removed, old)):
        by_label: dict[str, list[Place]] = {}
        for place in group:
            by_label.setdefault(place.label, []).append(place)
        for label, group_places in by_label.items():
            unit = "道" if label == "题目" else "条"
            names = "、".join(_name(p, handbook).removeprefix(label) for p in group_places)
            line = f"{verb}{label} {len(group_places)} {unit}：{names}"
            if verb == "删除":
                ids = "、".join(p.ident for p in group_places)
                line = f"⚠ {line}（编号 {ids}；{_breaks(group_places[0])}会失效）"
                if any(_from_the_course(p.node) for p in group_places):
                    line += "。其中有原课件的内容：原课件的内容要留在手册里，可以改写，不能删"
            lines.append(line)
    for old_place, new_place in renamed:
        lines.append(
            f"⚠ 改了编号：{_name(new_place, new)} {old_place.ident} → {new_place.ident}"
            f"（{_breaks(new_place)}跟着编号，会失效；不是必要时请保留原编号）"
        )
    earlier = {**before, **{new_place.ident: old_place for old_place, new_place in renamed}}
    new_ids = {old_place.ident: new_place.ident for old_place, new_place in renamed}
    reordered: set[tuple[str, str]] = set()
    for ident, place in after.items():
        if ident not in earlier:
            continue
        old_place = earlier[ident]
        changed = _field_changes(old_place.node, place.node, old, new, new_ids)
        if changed:
            # A record keeps the item's id, not its words: earlier days show the new ones.
            reworded = isinstance(place.node, ChecklistItem) and (
                place.node.text != getattr(old_place.node, "text", place.node.text)
            )
            note = "（⚠ 手机上以前几天的记录也会显示新的文字）" if reworded else ""
            lines.append(f"修改{_name(place, new)}：" + "；".join(changed) + note)
        if old_place.parent != place.parent:
            source = _parent_name(old_place.parent, before, old)
            target = _parent_name(place.parent, after, new)
            lines.append(f"移动{_name(place, new)}：从{source}移到{target}")
        elif old_place.position != place.position and ident in before:
            reordered.add((place.parent, place.field))
    for parent, field in sorted(reordered):
        siblings = [
            p
            for p in after.values()
            if (p.parent, p.field) == (parent, field) and p.ident in before
        ]
        old_order = sorted(siblings, key=lambda p: before[p.ident].position)
        if [p.node for p in old_order] != [
            p.node for p in sorted(siblings, key=lambda p: p.position)
        ]:
            lines.append(f"调整顺序：{_parent_name(parent, after, new)}")
    lines += _file_changes(old, new)
    return lines or ["内容没有变化。"]


class RevisionError(Exception):
    """A revision git cannot show; the message says what to check, in the editor's words."""


def _git(repo: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False)
    except OSError:
        raise RevisionError("找不到 git 命令；请先安装 git") from None
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(said[-1] if said else f"git {' '.join(args)} 失败")
    return result.stdout


def content_at(repo: Path, revision: str, target: Path) -> Path:
    """Write content/ as it was at `revision` into `target`/content and return that folder."""
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError(
            f"找不到 git 版本“{revision}”：请写分支名、标签或提交号，例如 origin/main 或 HEAD~1"
            f"（仓库：{repo}）"
        ) from None
    folder = target / "content"
    folder.mkdir(parents=True)
    listing = _git(repo, "ls-tree", "--name-only", f"{revision}:content").decode("utf-8")
    for name in listing.split():
        (folder / name).write_bytes(_git(repo, "show", f"{revision}:content/{name}"))
    return folder


def summarize_revisions(repo: Path, old: str, new: str | None = None) -> list[str]:
    """Summary between two revisions; `new=None` compares with the working tree.

    The new side must be valid content (ContentError otherwise). When the old side cannot be
    read with today's model (the model itself changed), fall back to a list of changed files.
    """
    with tempfile.TemporaryDirectory() as tmp:
        new_dir = content_at(repo, new, Path(tmp) / "new") if new else repo / "content"
        after = load_content(new_dir)
        old_dir = content_at(repo, old, Path(tmp) / "old")
        try:
            before = load_content(old_dir)
        except ContentError:
            return [
                f"旧版本 {old} 的内容不符合现在的内容模型（模型改过），只列出改动的文件：",
                *_changed_files(old_dir, new_dir),
            ]
    return summarize(before, after)


def _changed_files(old_dir: Path, new_dir: Path) -> list[str]:
    names = sorted(
        {p.name for p in old_dir.glob("*.yml")} | {p.name for p in new_dir.glob("*.yml")}
    )
    lines = []
    for name in names:
        old_file, new_file = old_dir / name, new_dir / name
        if not old_file.exists():
            lines.append(f"新增文件 content/{name}")
        elif not new_file.exists():
            lines.append(f"删除文件 content/{name}")
        elif old_file.read_bytes() != new_file.read_bytes():
            lines.append(f"修改文件 content/{name}")
    return lines
