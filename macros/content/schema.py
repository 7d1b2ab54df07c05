"""JSON Schema for every content file, generated from the content model (never written by hand).

Editors' YAML language servers (VS Code's YAML extension and others) read these schemas to
complete keys, show what a key means, and flag unknown keys and wrong types while typing.
`python -m macros schema` writes them to `schemas/`; `--check` fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from pydantic import BaseModel

from .field_help import FIELD_HELP as OWN_HELP
from .loader import KIND_WORDS, SPECIAL_FILES
from .model import ENTRY_TYPES, Chapter, kind_name

ENTRY_KINDS: Final = tuple(kind_name(cls) for cls in ENTRY_TYPES)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schemas"
CHAPTER_SCHEMA = "chapter.schema.json"

# Hover help for editors, by key name; the model's own docstrings describe each kind of entry.
FIELD_HELP: Final[MappingProxyType[str, str]] = MappingProxyType(
    {
        # from the entry types' own labels, as check's messages name them (loader.KIND_WORDS)
        "kind": "条目种类："
        + "、".join(f"{kind} {KIND_WORDS[kind]}" for kind in ENTRY_KINDS)
        + "。",
        **OWN_HELP,
    }
)


def _annotate(node: Any) -> None:
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for name, spec in properties.items():
                if name in FIELD_HELP and isinstance(spec, dict):
                    spec.setdefault("description", FIELD_HELP[name])
        for value in node.values():
            _annotate(value)
    elif isinstance(node, list):
        for value in node:
            _annotate(value)


def schema_for(model: type[BaseModel], name: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    _annotate(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "由 python -m macros schema 从 macros/content/model.py 生成，请勿手改。",
        "title": f"营业厅服务手册 · content/{name}",
        **schema,
    }


def schema_file_for(content_file: str) -> str:
    """The schema a content file follows: special files have their own, chapters share one."""
    if content_file in SPECIAL_FILES:
        return content_file.removesuffix(".yml") + ".schema.json"
    return CHAPTER_SCHEMA


def all_schemas() -> dict[str, str]:
    """File name → JSON text, for every schema."""
    models: dict[str, tuple[type[BaseModel], str]] = {CHAPTER_SCHEMA: (Chapter, "<章节>.yml")}
    for name, model in SPECIAL_FILES.items():
        models[schema_file_for(name)] = (model, name)
    return {
        file: json.dumps(schema_for(model, label), ensure_ascii=False, indent=2, sort_keys=True)
        + "\n"
        for file, (model, label) in models.items()
    }
