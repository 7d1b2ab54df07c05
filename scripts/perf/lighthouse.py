"""Lighthouse (mobile: emulated phone, simulated slow 4G and CPU) with Debian's Chromium.

Installed on first use into benchmarks/node_modules (git-ignored) with npm, pinned: Lighthouse
13 needs Node 22, this machine has Node 20.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from .sites import ROOT

VERSION = "12.2.3"
FOLDER = ROOT / "benchmarks"
BINARY = FOLDER / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
DARK_FLAG = "--force-dark-mode"  # prefers-color-scheme: dark, as on a phone set to dark mode


def ensure_installed() -> Path:
    installed = FOLDER / "node_modules" / "lighthouse" / "package.json"
    if not BINARY.exists() or json.loads(installed.read_text())["version"] != VERSION:
        FOLDER.mkdir(exist_ok=True)
        # Without a package.json of its own npm would install into the project's, next door.
        manifest = FOLDER / "package.json"
        if not manifest.exists():
            manifest.write_text('{"private": true}\n', encoding="utf-8")
        subprocess.run(
            ["npm", "i", "-E", "--no-audit", "--no-fund", f"lighthouse@{VERSION}"],
            cwd=FOLDER,
            check=True,
        )
    return BINARY


def run(url: str, report: Path, *, dark: bool = False) -> dict[str, int | None]:
    """Scores 0-100 per category (None when Lighthouse could not score it); `dark` loads the
    page in a browser set to dark mode."""
    flags = f"{CHROME_FLAGS} {DARK_FLAG}" if dark else CHROME_FLAGS
    report.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            str(ensure_installed()),
            url,
            "--quiet",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={report}",
        ],
        env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 or not report.exists():
        raise RuntimeError(f"lighthouse {url}: {result.stderr.strip()[-1000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    scores: dict[str, int | None] = {}
    for name in CATEGORIES:
        score = data["categories"][name]["score"]
        scores[name] = None if score is None else round(score * 100)
    return scores


def failed_audits(report: Path, category: str) -> list[str]:
    """Titles of the audits that cost points in a category, for the report."""
    data = json.loads(report.read_text(encoding="utf-8"))
    failing = []
    for ref in data["categories"][category]["auditRefs"]:
        audit = data["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            failing.append(f"{audit['id']} ({audit['score']:.2f})")
    return failing
