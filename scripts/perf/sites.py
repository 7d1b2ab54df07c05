"""The sites the benchmark measures: the real one, the content multiplied, and stock Material.

- `build_real`: `mkdocs build --strict` of the project as it is.
- `multiply_content`: a project copy whose content is ten times as large: every chapter file
  copied nine times under new names with every id renamed (references follow), every
  checklist and quiz copied nine times, one page per chapter copy in the nav.
- `stock_project`: the same Markdown the real build renders (after the macros ran), built by
  stock mkdocs-material: no overrides, no extra CSS/JS, no hooks, no macros, no service
  worker, Material's default fonts. Same nav, language, palette and Markdown extensions.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from macros.content.loader import load_content
from tests.support.build import copy_project

# Captures what the stock site is built from: loaded by the real build as an extra hook.
DUMP_HOOK = Path(__file__).with_name("dump_markdown_hook.py")


def mkdocs_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)
    env.pop("HANDBOOK_REPO", None)
    return env


@dataclass
class Build:
    seconds: list[float]
    error: str = ""
    cpu: list[float] = field(default_factory=list)  # CPU seconds of each build (user + system)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def median_cpu(self) -> float:
        """What a busy machine stretches much less than wall time: the fairer comparison."""
        return statistics.median(self.cpu) if self.cpu else float("nan")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def paired_builds(
    first: tuple[Path, Path], second: tuple[Path, Path], runs: int = 3
) -> tuple[Build, Build]:
    """Two projects (project, site) built in turn, `runs` times each: first, second, first…
    A machine that slows down or speeds up over minutes (a shared host does, by a third and
    more) then stretches both alike, so the ratio of each pair compares like with like."""
    a, b = Build([]), Build([])
    for _ in range(runs):
        for build, (project, site) in ((a, first), (b, second)):
            once = timed_build(project, site, 1)
            if once.error:
                return (once, b) if build is a else (a, once)
            build.seconds += once.seconds
            build.cpu += once.cpu
    return a, b


def pair_ratios(a: Build, b: Build) -> list[float]:
    """CPU seconds of a over b, pair by pair (as built in turn by `paired_builds`)."""
    return [x / y for x, y in zip(a.cpu, b.cpu, strict=True)]


def timed_build(project: Path, site: Path, runs: int = 3, config: str = "mkdocs.yml") -> Build:
    """`mkdocs build --strict`, `runs` times; the wall-clock and CPU seconds of each."""
    seconds, cpu = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), _children_cpu()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-q",
                "-f",
                config,
                "-d",
                str(site),
            ],
            cwd=project,
            env=mkdocs_env(),
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            return Build(seconds, (result.stdout + result.stderr).strip()[-2000:], cpu)
        seconds.append(elapsed)
        cpu.append(_children_cpu() - cpu_start)
    return Build(seconds, cpu=cpu)


# --- content x10 ------------------------------------------------------------------------------


def _renamed(value: Any, names: dict[str, str]) -> Any:
    """Every string equal to an id or a chapter name gets the copy's suffix; the rest is kept."""
    if isinstance(value, dict):
        return {key: _renamed(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, names) for item in value]
    if isinstance(value, str):
        return names.get(value, value)
    return value


def _own_asked(value: Any, copy: int) -> Any:
    """A copy's ways of asking carry its number: the loader rejects a phrase on two objects."""
    if isinstance(value, dict):
        return {
            key: [f"{phrase} {copy}" for phrase in item]
            if key == "asked" and isinstance(item, list)
            else _own_asked(item, copy)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_own_asked(item, copy) for item in value]
    return value


def _own_phrase_text(value: Any, copy: int) -> Any:
    """A copy's 禁语 carry its number too: the loader rejects one phrase on two cards."""
    if isinstance(value, dict):
        own = {key: _own_phrase_text(item, copy) for key, item in value.items()}
        if value.get("kind") == "phrase" and isinstance(value.get("text"), str):
            own["text"] = f"{value['text']}{copy}"
        return own
    if isinstance(value, list):
        return [_own_phrase_text(item, copy) for item in value]
    return value


def multiply_content(target: Path, times: int = 10) -> Path:
    """A copy of the project with `times` as much content; returns the project folder."""
    project = copy_project(target)
    content, docs = project / "content", project / "docs"
    handbook = load_content(content)
    renamable = [ident for ident in handbook.by_id if ident not in handbook.sources]
    special = {
        name: yaml.safe_load((content / name).read_text(encoding="utf-8"))
        for name in ("checklists.yml", "quizzes.yml")
    }
    grown = {name: dict(data) for name, data in special.items()}
    nav_lines = []
    for copy in range(2, times + 1):
        suffix = f"-x{copy}"
        names = {ident: ident + suffix for ident in renamable}
        names.update({stem: stem + suffix for stem in handbook.chapters})
        for stem in handbook.chapters:
            data = _own_phrase_text(
                _own_asked(
                    _renamed(yaml.safe_load((content / f"{stem}.yml").read_text("utf-8")), names),
                    copy,
                ),
                copy,
            )
            data["title"] = f"{data['title']} {copy}"
            _write_yaml(content / f"{stem}{suffix}.yml", data)
            page = (docs / f"{stem}.md").read_text(encoding="utf-8")
            (docs / f"{stem}{suffix}.md").write_text(
                page.replace(f'"{stem}"', f'"{stem}{suffix}"'), encoding="utf-8"
            )
            nav_lines.append(f"  - {data['title']}: {stem}{suffix}.md")
        # Checklists, quizzes and questions: every list of them in these files grows by a
        # renamed copy (a list of words, such as the index page's `keywords`, stays as it is).
        for name, data in special.items():
            for key, value in data.items():
                if isinstance(value, list) and all(isinstance(item, dict) for item in value):
                    extra = _own_asked(_renamed(value, names), copy)
                    for item in extra:
                        if isinstance(item, dict) and "title" in item:
                            item["title"] = f"{item['title']} {copy}"
                    grown[name][key] = grown[name][key] + extra
    for name, data in grown.items():
        _write_yaml(content / name, data)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(nav_lines) + "\n",
        encoding="utf-8",
    )
    return project


def _write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- stock mkdocs-material --------------------------------------------------------------------


def stock_project(real_project: Path, target: Path) -> Path:
    """A stock Material project with the Markdown the real build rendered (see DUMP_HOOK)."""
    source = copy_project(target / "dump-project")
    dump = target / "dump"
    text = (source / "mkdocs.yml").read_text(encoding="utf-8")
    with_hook = (
        text.replace("hooks:\n", f"hooks:\n  - {DUMP_HOOK}\n", 1)
        if "\nhooks:\n" in text
        else text + f"\nhooks:\n  - {DUMP_HOOK}\n"
    )
    (source / "mkdocs.yml").write_text(with_hook, encoding="utf-8")
    config = yaml.load(text, Loader=_Loader)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-d",
            str(target / "dump-site"),
        ],
        cwd=source,
        env=mkdocs_env(HANDBOOK_BENCH_DUMP=str(dump)),
        check=True,
        capture_output=True,
    )
    project = target / "stock"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(dump / "docs", project / "docs")
    nav = yaml.safe_load((dump / "nav.yml").read_text(encoding="utf-8"))
    theme = config["theme"]
    stock = {
        "site_name": config["site_name"],
        "site_description": config.get("site_description", ""),
        "docs_dir": "docs",
        "theme": {
            "name": "material",
            "language": theme.get("language", "en"),
            "palette": theme.get("palette", {}),
            "features": theme.get("features", []),
        },
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions", []),
        "nav": nav,
    }
    (project / "mkdocs.yml").write_text(
        yaml.dump(stock, allow_unicode=True, sort_keys=False, Dumper=_Dumper), encoding="utf-8"
    )
    return project


class _Loader(yaml.SafeLoader):
    """mkdocs.yml has !ENV and !!python tags; keep them as opaque values."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return _Tagged(suffix, value)


class _Tagged:
    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


_Loader.add_multi_constructor("!", _tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tag)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    tag = data.tag if data.tag.startswith("!") else "tag:yaml.org,2002:python/" + data.tag
    if isinstance(data.value, dict):
        return dumper.represent_mapping(tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(tag, data.value)
    return dumper.represent_scalar(tag, str(data.value))


_Dumper.add_representer(_Tagged, _represent_tagged)
