"""Turn pydantic's validation errors into plain Chinese an editor can act on."""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .field_help import FIELD_HELP
from .model import EDITORS_SOURCE
from .where import Path


def kind_of_value(value: Any) -> str:
    if value is None:
        return "空值（冒号后面什么都没写）"
    if isinstance(value, bool):
        return f"真假值 {str(value).lower()}"
    if isinstance(value, int | float):
        return f"数字 {value}"
    if isinstance(value, str):
        return f"文字“{value[:20]}”"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射（键: 值）"
    if isinstance(value, datetime.date):  # YAML reads 2024-01-01 as a date
        return f"日期 {value.isoformat()}"
    if isinstance(value, bytes):  # !!binary
        return "二进制数据（!!binary）"
    return type(value).__name__


def unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that owns the last element of `loc` (its parent object)."""
    current: Any = root
    for part in loc[:-1]:
        current = unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if isinstance(part, str) and part in current.model_fields:
                current = current.model_fields[part].annotation
            continue
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if origin is list and isinstance(part, int):
            current = args[0]
        elif origin in (typing.Union, types.UnionType) and isinstance(part, str):
            current = next((arg for arg in args if _tag_of(arg) == part), None)
            if current is None:
                return None
    current = unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _tag_of(candidate: Any) -> str | None:
    candidate = unwrap(candidate)
    if isinstance(candidate, type) and issubclass(candidate, BaseModel):
        field = candidate.model_fields.get("kind")
        if field is not None:
            args = typing.get_args(field.annotation)
            return str(args[0]) if args else None
    return None


def _fields(owner: type[BaseModel]) -> list[str]:
    return [name for name in owner.model_fields if name != "kind"]


def meant_key(key: str, owner: type[BaseModel] | None) -> str | None:
    """The field an unknown key most likely misspells."""
    if owner is None:
        return None
    close = difflib.get_close_matches(key, _fields(owner), n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_key(key: str, owner: type[BaseModel] | None) -> str:
    message = f"未知字段“{key}”"
    if owner is None:
        return message
    if meant := meant_key(key, owner):
        message += f"，是不是想写“{meant}”？"
    return message + f"（这里可用的字段：{'、'.join(_fields(owner))}）"


def required_at(root: type[BaseModel], loc: tuple[Any, ...]) -> bool | None:
    """Whether the field at `loc` must be written (None: no model field is known there)."""
    owner = model_at(root, loc)
    field = owner.model_fields.get(str(loc[-1])) if owner is not None and loc else None
    return None if field is None else field.is_required()


def describe(error: ErrorDetails, root: type[BaseModel]) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    loc = tuple(error["loc"])
    key = str(loc[-1]) if loc else ""
    if kind == "missing":
        # the line is the entry's first, which may not be its id's: name the entry too
        ident = value.get("id") if isinstance(value, dict) else None
        named = f"（在 id 为 {ident} 的这一条里）" if isinstance(ident, str) and ident else ""
        help = FIELD_HELP.get(key)  # what to write there: "missing" alone left editors guessing
        return f"缺少必填字段“{key}”{named}" + (f"：{help}" if help else "")
    if kind == "extra_forbidden":
        return _unknown_key(key, model_at(root, loc))
    if kind in ("string_type", "string_too_short") and (value is None or value == ""):
        if required_at(root, loc) is True:
            return "不能为空；请写上文字（这一项必须有，不能删掉）"
        return "不能为空；请写上文字，或删掉这一行"
    if kind == "string_type":
        hint = "；数字或 true/false 当文字用时请加引号" if isinstance(value, int | float) else ""
        if isinstance(value, dict) and len(value) == 1:
            # "- 回访要点: 退回的…": a colon and a space inside the text made it a key
            [(before, after)] = value.items()
            hint = (
                f"：文字里的“{before}: ”（冒号加空格）让 YAML 把它读成了“键: 值”；"
                f'请给整段文字加引号，写成 "{before}: {after}"，或把冒号换成中文的“：”'
            )
            if after is None:  # `- {我方}`: braces (a pattern's word list) read as a mapping
                hint = (
                    f"：以“{{”开头的文字，YAML 会当成花括号映射；请给整段文字加单引号，"
                    f"写成 '{{{before}}}'（如果原文是以冒号结尾的“{before}:”，把冒号去掉）"
                )
        return f"应为文字，这里是{kind_of_value(value)}{hint}"
    if kind == "string_pattern_mismatch":
        if "source" in loc and not str(value).isascii():
            # `source: 编辑`: a pinyin id made up for it would be no source either
            return (
                f"来源 “{value}” 不合格式：写 content/sources.yml 里的来源 id，例如 seed-003；"
                f"编辑自己写的内容写 {EDITORS_SOURCE}"
            )
        message = f"id “{value}” 不合格式：只能用小写字母、数字和连字符"
        fixed = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
        return message + (f"，是不是想写“{fixed}”？" if fixed else "，例如 ni-yinggai")
    if kind == "string_too_long":
        return f"太长了，最多 {ctx.get('max_length')} 个字符"
    if kind == "list_type":
        message = f"应为列表（每项一行，以“- ”开头，或写在一行里：[甲, 乙]），这里是{kind_of_value(value)}"
        if value is None and required_at(root, loc) is False:
            # its last item deleted (an entry it named went): the key alone is left
            message += f"；没有要写的，就把“{key}:”这一行也删掉"
        return message
    if kind == "too_long":
        return f"最多 {ctx.get('max_length')} 项，这里有 {ctx.get('actual_length')} 项；请删掉几项"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length')} 项，这里只有 {ctx.get('actual_length')} 项"
    if kind == "bool_type":
        quiz = (
            "（answer 只有判断题写：true 或 false；选择题不写 answer，在正确的选项上写 correct: true）"
            if key == "answer"
            else ""
        )
        said = {"对": "true", "正确": "true", "是": "true", "错": "false", "错误": "false"}
        said |= {"否": "false", "不对": "false"}
        if isinstance(value, str) and value.strip() in said:  # `answer: 错`
            quiz = f"：{value.strip()}写成 {said[value.strip()]}（对写 true，错写 false）"
        return f"应为 true 或 false，这里是{kind_of_value(value)}{quiz}"
    if kind in ("int_type", "int_parsing"):
        unquote = "；数字不要加引号" if isinstance(value, str) and value.strip().isdigit() else ""
        return f"应为整数，这里是{kind_of_value(value)}{unquote}"
    if kind == "greater_than_equal":
        return f"应不小于 {ctx.get('ge')}，这里是 {value}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", ", ").replace("'", "")
        choices = [choice.strip() for choice in expected.split(",")]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        meant = f"，是不是想写“{close[0]}”？" if close else ""  # `type: singel`
        return f"应为以下之一：{expected}；这里是{kind_of_value(value)}{meant}"
    if kind == "union_tag_invalid":
        expected = str(ctx.get("expected_tags", "")).replace("'", "")
        tags = [tag.strip() for tag in expected.split(",")]
        close = difflib.get_close_matches(str(ctx.get("tag")), tags, n=1, cutoff=0.6)
        meant = f"是不是想写“{close[0]}”？" if close else ""
        return f"kind 写成了“{ctx.get('tag')}”，{meant}可用的 kind：{expected}"
    if kind == "union_tag_not_found":
        return "缺少 kind 字段（说明这是哪种条目，例如 kind: phrase）"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        # which fields, so that one round of fixing is enough (near_misses written as plain
        # lines were put right as `text:` alone, then reported again for its `why`)
        owner = model_at(root, (*loc, ""))
        needed = [n for n in _fields(owner) if owner.model_fields[n].is_required()] if owner else []
        fields = f"这里必须写 {'、'.join(needed)}" if needed else "例如 text: …"
        return f"这里要写成“字段名: 内容”的样子（每个字段一行，{fields}），现在是{kind_of_value(value)}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return str(error["msg"])


def raw_path(data: Any, loc: tuple[str | int, ...], *, missing: bool = False) -> Path:
    """Drop the union tags pydantic inserts into `loc`, keeping the path as it is in YAML; a
    `missing` key (the last part of `loc`) is kept so the message names it. Otherwise a last
    part absent from the YAML is a tag (an entry's own check failed: sections[0].entries[1],
    not sections[0].entries[1].phrase)."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        present, child = _child(current, part)
        if present:
            current = child
            path.append(part)
        elif missing and index == len(loc) - 1 and isinstance(current, dict):
            path.append(part)
            current = None
    return tuple(path)


def _child(current: Any, part: str | int) -> tuple[bool, Any]:
    """Whether raw YAML `current` has `part` (a key or an index), and its value."""
    if isinstance(current, dict) and part in current:
        return True, current[part]
    if isinstance(current, list) and isinstance(part, int) and part < len(current):
        return True, current[part]
    return False, None


def raw_models(
    data: Any, model: Any, path: Path
) -> Iterator[tuple[dict[str, Any], Path, type[BaseModel]]]:
    """Walk raw YAML alongside the model, yielding each mapping with the class it should be.

    Used for files that failed validation: unions are resolved by the mapping's `kind`.
    """
    model = unwrap(model)
    origin = typing.get_origin(model)
    if origin in (typing.Union, types.UnionType):
        kind = data.get("kind") if isinstance(data, dict) else None
        model = next((arg for arg in typing.get_args(model) if _tag_of(arg) == kind), None)
        if model is None:
            return
        model = unwrap(model)
    if isinstance(model, type) and issubclass(model, BaseModel) and isinstance(data, dict):
        yield data, path, model
        for name, field in model.model_fields.items():
            if name in data:
                yield from raw_models(data[name], field.annotation, (*path, name))
    elif origin is list and isinstance(data, list):
        (item_type,) = typing.get_args(model)
        for index, item in enumerate(data):
            yield from raw_models(item, item_type, (*path, index))
