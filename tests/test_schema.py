"""The JSON Schemas editors' YAML language servers use agree with the loader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from macros.content.loader import load_content
from macros.content.problems import ContentError
from macros.content.schema import SCHEMA_DIR, all_schemas, schema_file_for

from .support import ROOT
from .support.fixture import CONTENT as FIXTURE_CONTENT

CONTENT_FILES = sorted((ROOT / "content").glob("*.yml"))


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def validator_for(content_file: str) -> jsonschema.protocols.Validator:
    spec = schema(schema_file_for(content_file))
    cls = jsonschema.validators.validator_for(spec)
    cls.check_schema(spec)
    return cls(spec)


def test_committed_schemas_are_generated_from_the_current_model() -> None:
    wanted = all_schemas()
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(wanted)
    for name, text in wanted.items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, (
            f"run: python -m macros schema ({name})"
        )


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.name for p in CONTENT_FILES])
def test_every_content_file_passes_its_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = sorted(validator_for(path.name).iter_errors(data), key=str)
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[p.name for p in CONTENT_FILES])
def test_every_content_file_points_its_editor_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{schema_file_for(path.name)}"


def test_workspace_settings_map_every_file_to_a_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))[
        "yaml.schemas"
    ]
    assert {Path(key).name for key in settings} == set(all_schemas())
    for path in CONTENT_FILES:
        patterns = settings[f"./schemas/{schema_file_for(path.name)}"]
        patterns = [patterns] if isinstance(patterns, str) else patterns
        assert f"content/{path.name}" in patterns or "content/*.yml" in patterns


def _phrase() -> dict[str, Any]:
    return {
        "kind": "phrase",
        "id": "test-phrase",
        "text": "测试用语",
        "reason": "原因",
        "alternatives": ["替代说法"],
        "source": "ceshi-kejian",  # a source of the fixture handbook
    }


def _chapter(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": "测试",
        "summary": "测试",
        "sections": [{"id": "test-section", "title": "测试", "entries": [entry]}],
    }


def _without(key: str) -> dict[str, Any]:
    entry = _phrase()
    del entry[key]
    return entry


# Mistakes the loader rejects that JSON Schema can express too. Not expressible in a schema, and
# so left to `python -m macros check`: duplicate ids, dangling references, tabs, encodings.
INVALID: dict[str, dict[str, Any]] = {
    "unknown key": {**_phrase(), "titel": "x"},
    "wrong type": {**_phrase(), "text": 12345},
    "text instead of a list": {**_phrase(), "alternatives": "替代说法"},
    "missing required field": _without("reason"),
    "empty string": {**_phrase(), "reason": ""},
    "empty list": {**_phrase(), "alternatives": []},
    "id with capitals": {**_phrase(), "id": "Bad_Id"},
    "unknown kind": {**_phrase(), "kind": "phrse"},
}


def test_valid_sample_passes() -> None:
    assert list(validator_for("phrasing.yml").iter_errors(_chapter(_phrase()))) == []


def content_with(chapter: dict[str, Any], folder: Path) -> Path:
    """The fixture handbook's content (small: it loads in a hundredth of a second) with
    `chapter` added as extra.yml."""
    content = Path(shutil.copytree(FIXTURE_CONTENT, folder / "content"))
    (content / "extra.yml").write_text(
        yaml.safe_dump(chapter, allow_unicode=True), encoding="utf-8"
    )
    return content


def test_the_valid_sample_loads(tmp_path: Path) -> None:
    """So a case below is rejected for its mistake, not for the sample's."""
    assert "test-phrase" in load_content(content_with(_chapter(_phrase()), tmp_path)).by_id


@pytest.mark.parametrize("case", INVALID)
def test_what_the_loader_rejects_the_schema_rejects(case: str, tmp_path: Path) -> None:
    data = _chapter(INVALID[case])
    assert list(validator_for("phrasing.yml").iter_errors(data)) != [], case
    with pytest.raises(ContentError):
        load_content(content_with(data, tmp_path))
