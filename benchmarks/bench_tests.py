"""Benchmark of `make test`: the README's test command, timed end to end (issue goal: under 4 minutes).

Prints the wall time of each run, the median, and pytest's own summary line (how many tests passed).
Nothing is asserted: the machine is shared, so the load average at the start is printed beside the figure.

Run: make bench-tests   (or .venv/bin/python benchmarks/bench_tests.py --runs 1)
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 240
# The command of `make test` (Makefile), run with this benchmark's Python so that make's environment check
# is not part of the figure.
COMMAND = [sys.executable, "-m", "pytest", "tests", "notebooks", "--nbval-lax", "--nbval-kernel-name",
           "vn-integration", "-p", "no:cacheprovider", "-q"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1, help="how many times to run the whole suite")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start "
          "(other jobs on the machine make every figure noisier)", flush=True)
    times = []
    for i in range(args.runs):
        t0 = time.perf_counter()
        proc = subprocess.run(COMMAND, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
        print(f"run {i + 1}: {times[-1]:.0f} s  {summary}", flush=True)
        if proc.returncode:
            sys.exit(f"the tests failed (exit {proc.returncode}); the time above is not a benchmark figure")
    med = statistics.median(times)
    verdict = "within" if med <= GOAL_SECONDS else "over"
    print(f"make test: median {med:.0f} s ({med / 60:.1f} min), {verdict} the goal of {GOAL_SECONDS // 60} minutes")


if __name__ == "__main__":
    main()
