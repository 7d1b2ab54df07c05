"""mkdocs-macros entry point (`module_name: macros`): registers the page macros, nothing else.

The `handbook` plugin (`macros/site/plugin.py`) has loaded and validated the content by now;
its build object makes the macros. Importing this package stays cheap (`python -m macros
check` must not load MkDocs or Jinja), so the plugin is reached through MkDocs' config.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:  # env: mkdocs_macros' MacrosPlugin (untyped)
    build = env.conf.plugins["handbook"].build
    for name, macro in build.page_macros(lambda: env.page.url).items():
        env.macro(macro, name)
