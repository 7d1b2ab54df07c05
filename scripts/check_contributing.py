"""The editors' journey, whole: CONTRIBUTING.md's worked examples pass every test.

Copies the repository (the files git tracks, as they are now) into a temporary folder, pastes
the guide's worked examples where the guide says (tests/support/contributing.py), commits
that as an editor's pull request would, and runs the README's test command (`./scripts/test`,
which sets up its own .venv and node_modules) in the copy. Exit status: the test command's.
The suite itself only runs the content rules on such a copy (tests/test_contributing.py):
running the whole suite inside the suite would double its time. CI runs this script as its own
job (.github/workflows/handbook.yml, .gitlab-ci.yml).

Usage: .venv/bin/python scripts/check_contributing.py [--keep] [pytest arguments]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.build import copy_project
from tests.support.contributing import HEADINGS, apply_examples

GIT_USER = ["-c", "user.name=编辑示例", "-c", "user.email=editor@example.invalid"]


def edited_copy(folder: Path) -> Path:
    """A git repository holding this one's history plus one commit: the worked examples."""
    project = folder / "handbook"
    subprocess.run(["git", "clone", "-q", "--no-local", str(ROOT), str(project)], check=True)
    copy_project(project, tests=True)  # working-tree changes of tracked files too
    apply_examples(project)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    message = f"CONTRIBUTING 的 {len(HEADINGS)} 个例子：" + "、".join(HEADINGS.values())
    subprocess.run(
        ["git", *GIT_USER, "commit", "-q", "--allow-empty", "-m", message], cwd=project, check=True
    )
    return project


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--keep", action="store_true", help="keep the copy (always kept on failure)"
    )
    args, pytest_args = parser.parse_known_args()
    folder = Path(tempfile.mkdtemp(prefix="handbook-contributing-"))
    project = edited_copy(folder)
    print(f"examples applied in {project}; running ./scripts/test there", flush=True)
    status = subprocess.run(["./scripts/test", *pytest_args], cwd=project).returncode
    if status == 0 and not args.keep:
        shutil.rmtree(folder)
    else:
        print(f"copy kept: {project}")
    print("CONTRIBUTING examples: whole suite " + ("green" if status == 0 else "FAILED"))
    return status


if __name__ == "__main__":
    sys.exit(main())
