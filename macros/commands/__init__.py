"""Subcommands of `python -m macros`; each module has HELP, add_arguments() and run()."""

from __future__ import annotations

from types import ModuleType

from . import changes, check, phrases, schema

COMMANDS: dict[str, ModuleType] = {
    "check": check,
    "changes": changes,
    "phrases": phrases,
    "schema": schema,
}
