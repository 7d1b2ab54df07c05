"""Subcommands of `python -m macros`; each module has HELP, add_arguments() and run()."""

from __future__ import annotations

from types import ModuleType

from . import check, phrases

COMMANDS: dict[str, ModuleType] = {
    "check": check,
    "phrases": phrases,
}
