"""Rules about the code of macros/ that no linter we run checks: no module-level mutable state,
nor state kept on a class.

State belongs to the build object (`macros/site/build.py`) that the plugin passes on. A module
that keeps a dict, a list, a set or a cache at import time shares it between builds of one
`mkdocs serve` process and between tests; constants are tuples, frozensets, MappingProxyType.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "macros"
MUTABLE_DISPLAYS = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
MUTABLE_FACTORIES = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}
CACHES = {"cache", "lru_cache", "cached_property"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        return _name(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def module_state(tree: ast.Module) -> list[tuple[int, str]]:
    """Module-level mutable values, a class's attributes set from outside its body (a class
    is a module global too; pydantic's list defaults in a class body are copied per object),
    `global` statements and function caches, with their lines."""
    found: list[tuple[int, str]] = []
    for statement in tree.body:
        value = statement.value if isinstance(statement, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, MUTABLE_DISPLAYS):
            found.append((statement.lineno, "a mutable dict, list or set"))
        elif isinstance(value, ast.Call) and _name(value) in MUTABLE_FACTORIES:
            found.append((statement.lineno, f"a mutable {_name(value)}()"))
    classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    for node in ast.walk(tree):
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AugAssign | ast.AnnAssign)
            else []
        )
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id in classes
            ):
                found.append((node.lineno, f"state kept on the class {target.value.id}"))
        if isinstance(node, ast.Global | ast.Nonlocal):
            found.append((node.lineno, "a global statement"))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                if _name(decorator) in CACHES:
                    found.append((decorator.lineno, f"a function cache (@{_name(decorator)})"))
    return found


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_no_module_level_mutable_state(path: Path) -> None:
    found = module_state(ast.parse(path.read_text(encoding="utf-8")))
    assert found == [], [f"{path.name}:{line}: {what}" for line, what in found]


@pytest.mark.parametrize(
    "source",
    [
        "CACHE = {}",
        "SEEN: list[str] = []",
        "NAMES = set()",
        "def f():\n    global X",
        "import functools\n@functools.cache\ndef f(): ...",
        "class Last:\n    build = None\ndef f(b):\n    Last.build = b",
    ],
)
def test_the_rule_catches_each_kind_of_state(source: str) -> None:
    assert module_state(ast.parse(source))


# A file of the repository named in a comment, a docstring or a message: `macros/site/offline.py`.
NAMED_PATH = re.compile(
    r"\b(?:macros|overrides|tests|scripts|schemas)/[\w./-]+\.(?:py|js|css|html|json|yml|md)\b"
)
CODE_SUFFIXES = {".py", ".js", ".css", ".html", ".md", ".yml", ".toml"}


def test_every_file_the_code_and_docs_name_exists() -> None:
    """Comments had gone on naming files after they moved (offline.py, review-core.js),
    one of them in every schema editors open."""
    texts = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "mkdocs.yml"]
    for folder in ("macros", "overrides", "tests", "scripts"):
        texts += [
            p
            for p in (ROOT / folder).rglob("*")
            if p.suffix in CODE_SUFFIXES and "node_modules" not in p.parts
        ]
    missing = {
        f"{text.relative_to(ROOT)}: {named}"
        for text in texts
        for named in NAMED_PATH.findall(text.read_text(encoding="utf-8"))
        if not (ROOT / named).exists()
    }
    assert sorted(missing) == []
