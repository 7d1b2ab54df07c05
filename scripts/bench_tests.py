"""Suite benchmark: how long the README's test command takes, end to end, on this machine.

Runs `./scripts/test` (linters, type checks, content checks, strict builds and the browser tests)
several times and reports the median wall time, the pytest time and the slowest test modules,
then rewrites the README between `<!-- tests:begin -->` and `<!-- tests:end -->`. The target of
the issue is two minutes on two cores. Setup that a fresh machine does once (virtualenv, apt-get,
npm) is not timed: an untimed warm-up (the command collecting the tests only) does it.

Wall time depends on what else the machine runs; CPU seconds much less so. Each test's CPU
(its worker's, Chromium's, Node's and any subprocess's: tests/support/cpu_time.py) is summed
per module, and the report gives the machine's load average before and after: on a busy
machine, total CPU / cores is the better estimate of the idle wall time.

The report also gives when each xdist worker ran its last test: a worker left alone with a long
test at the end leaves the other core idle. `--workers N` runs pytest with `-n N` instead of the
configured `-n auto`, to compare (it never writes the README).

Usage: .venv/bin/python scripts/bench_tests.py [--runs N] [--no-readme] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from readme_section import publish

TARGET_SECONDS = 120.0
SUMMARY = re.compile(r"^=*\s*(?P<counts>\d+ passed.*?) in (?P<seconds>[\d.]+)s", re.M)
DURATION = re.compile(r"^(?P<seconds>[\d.]+)s (?:call|setup|teardown)\s+(?P<test>\S+)", re.M)


@dataclass(frozen=True)
class Run:
    wall: float
    pytest: float
    counts: str
    modules: dict[str, float]
    cpu: dict[str, float]  # CPU seconds per module
    finished: dict[
        str, float
    ]  # per xdist worker: when its last test ended, s after the first began
    load: tuple[float, float]  # 1-minute load average before and after


def test_command(*pytest_args: str, cpu_log: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if cpu_log:
        env["HANDBOOK_CPU_LOG"] = cpu_log
    return subprocess.run(
        ["./scripts/test", *pytest_args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def cpu_per_module(log: Path) -> dict[str, float]:
    modules: dict[str, float] = defaultdict(float)
    for fields in _phases(log):
        modules[fields[0].split("::", 1)[0]] += float(fields[2])
    return dict(modules)


def worker_ends(log: Path) -> dict[str, float]:
    """When each worker's last test phase ended, in seconds after the first phase began."""
    spans = [(fields[4], float(fields[5]), float(fields[3])) for fields in _phases(log)]
    if not spans:
        return {}
    first = min(start for _worker, start, _wall in spans)
    ends: dict[str, float] = {}
    for worker, start, wall in spans:
        ends[worker] = max(ends.get(worker, 0.0), start + wall - first)
    return dict(sorted(ends.items()))


def _phases(log: Path) -> list[list[str]]:
    """The lines of tests/support/cpu_time.py's log: nodeid, phase, CPU, wall, worker, start."""
    lines = log.read_text(encoding="utf-8").splitlines()
    return [fields for line in lines if len(fields := line.split("\t")) == 6]


def failures(output: str) -> str:
    """What went wrong, from pytest's output: its ERRORS and FAILURES sections come before the
    durations, so the tail of the output would show only durations."""
    start = re.search(r"^=+ (?:ERRORS|FAILURES) =+$", output, re.M)
    end = re.search(r"^=+ slowest durations =+$", output, re.M)
    if start is None:
        return output[-4000:]
    stop = end.start() if end is not None and end.start() > start.start() else len(output)
    summary = output[output.rfind("short test summary info") :] if end else ""
    return output[start.start() : stop][-12000:] + summary[-2000:]


def run_once(workers: int | None = None) -> Run:
    """One run of the test command; the per-test durations come from pytest's own report."""
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "cpu.tsv"
        started = time.perf_counter()
        done = test_command(
            "--durations=0",
            "--durations-min=0.05",
            "-q",
            "-p",
            "tests.support.cpu_time",
            *(["-n", str(workers)] if workers else []),
            cpu_log=str(log),
        )
        wall = time.perf_counter() - started
        cpu = cpu_per_module(log) if log.exists() else {}
        finished = worker_ends(log) if log.exists() else {}
    if done.returncode != 0:
        sys.stderr.write(failures(done.stdout) + done.stderr[-4000:])
        raise SystemExit(f"./scripts/test failed (exit {done.returncode}): no figure recorded")
    summary = SUMMARY.findall(done.stdout)
    if not summary:
        raise SystemExit("no pytest summary line in the output")
    counts, seconds = summary[-1]
    modules: dict[str, float] = defaultdict(float)
    for found in DURATION.finditer(done.stdout):
        modules[found["test"].split("::", 1)[0]] += float(found["seconds"])
    load = (load_before, os.getloadavg()[0])
    return Run(wall, float(seconds), counts, dict(modules), cpu, finished, load)


def report(runs: list[Run]) -> str:
    wall = statistics.median(r.wall for r in runs)
    tested = statistics.median(r.pytest for r in runs)
    last = runs[-1]
    verdict = "pass" if wall <= TARGET_SECONDS else "**over**"
    slowest = sorted(last.modules.items(), key=lambda item: -item[1])[:8]
    total_cpu = sum(last.cpu.values())
    by_cpu = sorted(last.cpu.items(), key=lambda item: -item[1])[:10]
    cores = os.cpu_count() or 1
    lines = [
        f"Measured {date.today().isoformat()} by `scripts/bench_tests.py` on this machine"
        f" ({cores} cores, load average {last.load[0]:.1f} before the last run and"
        f" {last.load[1]:.1f} after it): `./scripts/test` from start to end, median of"
        f" {len(runs)} runs after a warm-up that does the one-time setup.",
        "",
        "| | time | target | |",
        "| --- | ---: | ---: | --- |",
        f"| whole test command (ruff, mypy, lint-imports, Biome, pytest) | {wall:.0f} s"
        f" | ≤ {TARGET_SECONDS:.0f} s | {verdict} |",
        f"| of which pytest ({last.counts}) | {tested:.0f} s | | |",
        f"| CPU time of the tests (workers, Chromium, Node, subprocesses) | {total_cpu:.0f} s"
        f" | | {total_cpu / cores:.0f} s on {cores} idle cores |",
        "",
        "Slowest test modules (seconds of test time, summed over the parallel workers):"
        + "".join(f" `{name}` {seconds:.0f};" for name, seconds in slowest).rstrip(";")
        + ".",
        "",
        "Most CPU (seconds):"
        + "".join(f" `{name}` {seconds:.0f};" for name, seconds in by_cpu).rstrip(";")
        + ".",
        "",
        "Each worker's last test ended (seconds after the first test began):"
        + "".join(f" {worker} {end:.0f};" for worker, end in last.finished.items()).rstrip(";")
        + ".",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs (default 3)")
    parser.add_argument("--no-readme", action="store_true", help="print only")
    parser.add_argument("--workers", type=int, help="pytest -n N instead of -n auto (print only)")
    args = parser.parse_args()
    test_command("--collect-only", "-q")  # warm-up: virtualenv, npm ci, the linters' caches
    runs = []
    for number in range(1, args.runs + 1):
        runs.append(run_once(args.workers))
        print(f"run {number}: {runs[-1].wall:.1f} s", file=sys.stderr)
    text = report(runs)
    publish("tests", text, readme_too=not args.no_readme and args.workers is None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
