"""CPU seconds per test phase, for scripts/bench_tests.py: a measure that a busy machine does not
stretch the way it stretches wall time (on a shared 2-core machine, fourfold at times).

Loaded with `-p tests.support.cpu_time`, and active only when HANDBOOK_CPU_LOG names a file: each
phase (setup, call, teardown) of each test appends `nodeid<TAB>phase<TAB>CPU s<TAB>wall s<TAB>
worker<TAB>start` to it (start: seconds since the epoch), from which scripts/bench_tests.py tells
when each xdist worker finished: one left alone at the end wastes the other core.
The CPU counted is the test process's and everything it started (Chromium, Node, `mkdocs` in a
subprocess), ended or not: read from a cgroup of its own where the machine lets root make one
(cgroup v1 cpuacct), else from /proc (which misses processes that ended after their parent did,
as Chromium's renderers do: a rough figure then).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import time
from collections.abc import Callable, Generator
from pathlib import Path

import pytest

LOG = os.environ.get("HANDBOOK_CPU_LOG")
CPUACCT = Path("/sys/fs/cgroup/cpuacct")
TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: str) -> tuple[int, float] | None:
    """(parent pid, CPU seconds of the process and of its ended, reaped children)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    # after the name: state, ppid, …, utime, stime, cutime, cstime (fields 14 to 17 of stat)
    return int(fields[1]), sum(int(v) for v in fields[11:15]) / TICKS


def tree_cpu(root: int) -> float:
    """CPU seconds used so far by `root` and every process still running below it."""
    stats = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (found := _stat(name)) is not None:
            stats[int(name)] = found
    children: dict[int, list[int]] = {}
    for pid, (parent, _cpu) in stats.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += stats[pid][1] if pid in stats else 0.0
        todo += children.get(pid, [])
    return total


def own_cgroup() -> Callable[[], float] | None:
    """Move this process (and so all it starts from now on) into a cpuacct cgroup of its own;
    returns the reader of its CPU seconds, or None where that is not allowed."""
    group = CPUACCT / f"handbook-tests-{os.getpid()}"
    try:
        group.mkdir(exist_ok=True)
        (group / "cgroup.procs").write_text(str(os.getpid()))
    except OSError:
        return None
    atexit.register(_leave, group)
    return lambda: int((group / "cpuacct.usage").read_text()) / 1e9


def _leave(group: Path) -> None:
    """Back to the parent group; the group goes once nothing runs in it any more."""
    with contextlib.suppress(OSError):
        (group.parent / "cgroup.procs").write_text(str(os.getpid()))
        group.rmdir()


def _clock() -> Callable[[], float]:
    return own_cgroup() or (lambda: tree_cpu(os.getpid()))


class _Phase:
    clock: Callable[[], float] | None = None

    def __init__(self, item: pytest.Item, phase: str) -> None:
        if _Phase.clock is None:
            _Phase.clock = _clock()
        self.item, self.phase = item, phase
        self.cpu, self.wall, self.start = _Phase.clock(), time.perf_counter(), time.time()

    def done(self) -> None:
        assert _Phase.clock is not None
        spent, wall = _Phase.clock() - self.cpu, time.perf_counter() - self.wall
        worker = os.environ.get("PYTEST_XDIST_WORKER", "-")
        nodeid = " ".join(self.item.nodeid.splitlines())  # a parameter may hold a line break
        with open(str(LOG), "a", encoding="utf-8") as log:
            log.write(
                f"{nodeid}\t{self.phase}\t{spent:.2f}\t{wall:.2f}\t{worker}\t{self.start:.2f}\n"
            )


if LOG:

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(item: pytest.Item) -> Generator[None, object, object]:
        phase = _Phase(item, "setup")
        try:
            return (yield)
        finally:
            phase.done()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
        phase = _Phase(item, "call")
        try:
            return (yield)
        finally:
            phase.done()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
        phase = _Phase(item, "teardown")
        try:
            return (yield)
        finally:
            phase.done()
