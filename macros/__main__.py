"""`python -m macros <command>`: the editors' command line (see `macros/cli/`)."""

from __future__ import annotations

import os
import sys

from .cli import main

if __name__ == "__main__":
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped reading (`… | head`): not an error of ours. Python would print a
        # traceback while flushing stdout at exit; point stdout at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
