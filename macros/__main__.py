"""`python -m macros <command>`: the editors' command line (see `macros/cli/`)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
