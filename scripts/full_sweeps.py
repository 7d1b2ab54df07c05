"""The exhaustive sweeps the suite only samples: every page on a phone, every chapter printed,
every page offline, every chapter's contents, the whole journey query sample.

Runs the tests marked `sweep` with HANDBOOK_FULL_SWEEP=1 (tests/support/sweep.py), in which
they cover everything instead of a sample. Worth running after a change of content or styles.
The search journey over every query set and the checker over the whole corpus are measured by
scripts/bench_search.py and scripts/bench_checker.py.

Usage: .venv/bin/python scripts/full_sweeps.py [pytest arguments]
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    env = {**os.environ, "HANDBOOK_FULL_SWEEP": "1", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "pytest", "-m", "sweep", "-p", "no:cacheprovider"]
    return subprocess.run([*command, *sys.argv[1:]], cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
