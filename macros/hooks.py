"""MkDocs hooks (listed under `hooks:` in mkdocs.yml); MkDocs loads this file by path.

Before each build the `macros` package is imported afresh, so `mkdocs serve` picks up edits
to its Python files as well as to content/ and the templates.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

ROOT = str(Path(__file__).resolve().parent.parent)


def _site():
    # MkDocs restores sys.path after loading a hook, so make the package importable here.
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    return importlib.import_module("macros.site")


@event_priority(100)  # before mkdocs-macros calls define_env, which needs the content
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
        del sys.modules[name]
    _site().load(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return _site().add_pages(files, config)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    return _site().extend_nav(nav, config, files)


def on_post_build(config: MkDocsConfig) -> None:
    _site().after_build(config)
