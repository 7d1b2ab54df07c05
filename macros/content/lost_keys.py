"""A list key whose line was deleted: its items join the list above.

    alternatives:
      - 您好，请问办理什么业务？
    near_misses:            ← deleted
      - text: …
        why: …

YAML then reads the near misses as more alternatives, and validation says of each that it
should be text and is a mapping; deleting `patterns:` makes every pattern a near miss that
should be a mapping. The cause is one missing line, so this names it, once, at the first item
that moved, and the loader drops validation's messages about those items.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .problems import Problem
from .validation_messages import raw_models, unwrap
from .where import Path
from .yaml_source import YamlDocument


def _item_type(annotation: Any) -> Any:
    """The item type of a list field (`list[X]`, maybe Annotated), else None."""
    annotation = unwrap(annotation)
    if typing.get_origin(annotation) is list:
        return unwrap(typing.get_args(annotation)[0])
    return None


def _fits(item: Any, item_type: Any, annotation: Any) -> bool:
    """Whether `item` has the shape of the items of the list `annotation` (text, or a mapping
    of its keys); a mistake inside it (a pattern that does not compile) is the item's own,
    said by validation. Text fits a list of mappings that also takes lines of text (a
    topic's items: a name with its detail, or a line): such a list, written right, named
    the list after it as lost whenever the file had another mistake."""
    if item_type is str or isinstance(item, str):
        return isinstance(item, str) and (item_type is str or _takes(annotation, [item]))
    if isinstance(item_type, type) and issubclass(item_type, BaseModel):
        fields = set(item_type.model_fields)
        return isinstance(item, dict) and bool(item) and set(map(str, item)) <= fields
    return False


def _takes(annotation: Any, items: list[Any]) -> bool:
    """Whether a list field would take `items` as they are (ids are not prose)."""
    try:
        TypeAdapter(annotation).validate_python(items)
    except ValidationError:
        return False
    return True


def _lost_in(
    raw: dict[str, Any], path: Path, model: type[BaseModel]
) -> Iterator[tuple[Path, str, list[str]]]:
    """(path of the first moved item, the list it joined, the keys whose line may be lost)."""
    lists = {
        name: (item_type, field.annotation)
        for name, field in model.model_fields.items()
        if (item_type := _item_type(field.annotation)) is not None
    }
    for name, (item_type, annotation) in lists.items():
        items = raw.get(name)
        if not isinstance(items, list) or not items:
            continue
        first = len(items)
        while first > 0 and not _fits(items[first - 1], item_type, annotation):
            first -= 1
        moved = items[first:]
        if not moved or first == 0:
            continue  # nothing moved, or nothing of the list's own above them
        lost = [
            other
            for other, (other_type, other_annotation) in lists.items()
            if other not in raw
            and all(_fits(item, other_type, other_annotation) for item in moved)
            and (other_type is not str or _takes(other_annotation, moved))
        ]
        if lost:
            yield (*path, name, first), name, lost


def lost_list_keys(doc: YamlDocument, model: type[BaseModel]) -> tuple[list[Problem], list[Path]]:
    """One problem per list whose last items belong to a list key that is missing, and the
    path of the first of those items in each (validation's own messages about them and the
    items after it say nothing more)."""
    problems: list[Problem] = []
    moved: list[Path] = []
    for raw, path, owner in raw_models(doc.data, model, ()):
        for first, joined, lost in _lost_in(raw, path, owner):
            put = f"在这一项上面补上，和“{joined}:”对齐"
            own = f"如果它们就是 {joined} 的，照上面几项的样子写"  # a new item written wrong
            message = (
                f"从这一项起和上面几项不一样，不像是 {joined} 的，像是 {lost[0]} 的："
                f"是不是少了一行“{lost[0]}:”？（{put}；{own}）"
                if len(lost) == 1
                else f"从这一项起和上面几项不一样，不像是 {joined} 的：是不是删掉了一行列表的名字"
                f"（这一条还没写的列表有：{'、'.join(lost)}）？{put}；{own}"
            )
            problems.append(Problem(doc.where(first), message))
            moved.append(first)
    return problems, moved


def among_moved(path: Path, moved: list[Path]) -> bool:
    """Whether `path` lies in an item that moved (at or after the first moved one)."""
    for first in moved:
        at = len(first) - 1
        if len(path) > at and path[:at] == first[:at]:
            index, start = path[at], first[at]
            if isinstance(index, int) and isinstance(start, int) and index >= start:
                return True
    return False
