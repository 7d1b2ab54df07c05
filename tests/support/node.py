"""A JavaScript file of the site run by Node in the tests: one JSON value in, one out, per line.

The phrase matcher (checker-core.js) and the search engine (search-core.js) have no DOM, so
Node runs the very files the browser loads; a long-lived process answers each question in
microseconds, which is what lets the tests ask thousands of them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

NODE = shutil.which("node")


class LineProcess:
    """A Node script that reads a JSON value per stdin line and writes one per stdout line."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def ask(self, value: Any) -> Any:
        self.send(value)
        return self.receive()

    def send(self, value: Any) -> None:
        """The question alone: Node works on it while the caller does something else (say,
        the same work in Python) until it calls `receive`."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(value, ensure_ascii=False) + "\n")
        self.process.stdin.flush()

    def receive(self) -> Any:
        """The answer to the question sent last."""
        assert self.process.stdout is not None
        return json.loads(self.process.stdout.readline())


@contextmanager
def node_script(script: Path, argument: Path) -> Iterator[LineProcess]:
    """`node script argument`, kept running for the block. Callers check NODE first: whether a
    missing Node skips, fails or stops a benchmark is theirs to say."""
    if NODE is None:
        raise RuntimeError("node not found")
    process = subprocess.Popen(
        [NODE, str(script), str(argument)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        yield LineProcess(process)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)
