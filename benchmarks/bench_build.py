"""Benchmark of the whole report build, against the floor of one bare papermill run.

Prints, each the median of interleaved runs (so both see the same machine load):
  - the full build (`make report` into an empty REPORTS folder: both editions, every output) and one
    bare papermill run of a one-cell notebook (`x = 1`, kernel python3), their ratio, and the CPU time of
    each one's whole process tree (which a loaded machine changes less than the wall time);
  - a no-op `make report` (nothing changed);
  - the peak memory of a full build (largest single process, and the whole process tree sampled);
  - the growth with synthetic datasets of 10, 50 and 100 targets x 15 years (both editions together).

Run: make bench   (or .venv/bin/python benchmarks/bench_build.py --runs 5 --growth-runs 2)
Nothing is asserted: the figures are printed for the README's performance section.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv's bin/, where papermill lives
GROWTH_SIZES = (10, 50, 100)
YEARS = range(2011, 2026)  # 15 yearly figures per synthetic target, up to AS_OF 2025


def run(cmd: list[str], env: dict | None = None, sample: bool = False) -> tuple[float, int, float]:
    """Wall seconds of one command; with sample, also the peak RSS of its whole process tree and the CPU
    seconds (user + system) of every process in it (sampled every 50 ms: a process's last 50 ms may be missed)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, **(env or {})})
    box: dict = {"peak": 0, "cpu": {}}
    if sample:
        watcher = threading.Thread(target=_watch_tree, args=(proc, box), daemon=True)
        watcher.start()
    out, _ = proc.communicate()
    elapsed = time.perf_counter() - t0
    if sample:
        watcher.join()
    if proc.returncode:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{out.decode(errors='replace')[-3000:]}")
    return elapsed, box["peak"], sum(box["cpu"].values())


def _watch_tree(proc: subprocess.Popen, box: dict) -> None:
    try:
        import psutil  # installed with jupyter; only the tree-wide figures need it
    except ImportError:
        return
    try:
        root = psutil.Process(proc.pid)
    except psutil.Error:
        return
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                    t = p.cpu_times()
                    box["cpu"][(p.pid, p.create_time())] = t.user + t.system
                except psutil.Error:
                    pass
        except psutil.Error:
            break
        box["peak"] = max(box["peak"], total)
        time.sleep(0.05)


def one_cell_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "one-cell.ipynb"
    nbformat.write(nb, path)
    return path


def make_report(reports: Path, data: Path | None = None) -> list[str]:
    """`make report` into reports/ (removed first, so everything is built, as after `make clean`)."""
    shutil.rmtree(reports, ignore_errors=True)
    return (["make", "-s", "report", f"REPORTS={reports}"]
            + ([f"DATA={data}"] if data else []))


# ---------------------------------------------------------------- synthetic data

def synthetic_dataset(folder: Path, n_targets: int) -> Path:
    """The real data plus synthetic target indicators up to n_targets, each with 15 yearly figures.

    Rows are written under the real files' own headers, so columns added later (e.g. producer, proxy)
    are carried over; the ones this generator does not know are left empty. The files it adds no row to
    (the context charts' names, the plan, the data package, the translations) are copied as they are; the
    synthetic source is the producer's own publication (outlet `producer`, so its figures are grade A) and is
    named in publishers.csv and producers.csv, as the validator asks of every publisher and producer.
    """
    folder.mkdir(parents=True, exist_ok=True)
    real = ROOT / "data"
    tables = {}
    for name in ("sources", "indicators", "targets", "observations", "publishers", "producers"):
        with open(real / f"{name}.csv", newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            tables[name] = (reader.fieldnames, list(reader))
    n_real = len(tables["targets"][1])
    src = "synthetic-benchmark"
    tables["sources"][1].append({"source_id": src, "publisher": "Synthetic benchmark", "title": "Generated rows",
                                 "published": "2026-01-15", "accessed": "2026-01-15", "url": "", "language": "en",
                                 "note": "benchmark only", "outlet": "producer"})
    for name in ("publishers", "producers"):
        key = tables[name][0][0]  # publisher, producer
        tables[name][1].append({key: "Synthetic benchmark", "name_vi": "Synthetic benchmark",
                                "name_en": "Synthetic benchmark"})
    kinds = ["rank", "share", "count", "amount", "index"]
    for i in range(max(0, n_targets - n_real)):
        ind, kind = f"synthetic_{i:03d}", kinds[i % len(kinds)]
        up = kind != "rank"
        tables["indicators"][1].append({
            "indicator_id": ind, "pillar": ("politics_security", "economy", "society_science")[i % 3],
            "name_vi": f"Chỉ tiêu tổng hợp số {i} để đo tốc độ dựng báo cáo",
            "name_en": f"Synthetic indicator number {i} for timing the report build",
            "unit": "units", "unit_vi": "đơn vị", "kind": kind, "higher_is_better": str(up).lower(),
            "role": "target", "note": ""})
        # Ranks fall from 80-109, the rest rise from 20-49, by 1-3 a year: always in the kind's valid range.
        start, step = (20 if up else 80) + (i * 7) % 30, (1 + i % 3) * (1 if up else -1)
        for k, year in enumerate(YEARS):
            value = max(1, start + step * k + (k * 37 + i) % 5 - 2)
            tables["observations"][1].append({
                "indicator_id": ind, "period": str(year), "value": str(value), "source_id": src,
                "locator": f"row {k}", "status": "final" if k % 4 else "estimate", "selected": "true",
                "note": "", "qualifier": "", "partial": "false", "producer": "Synthetic benchmark",
                "proxy": "false", "grade": "A"})
        tables["targets"][1].append({
            "target_id": f"t_synthetic_{i:03d}", "indicator_id": ind, "comparator": ">=" if up else "<=",
            "target_value": str(start + step * 19), "target_year": "2030", "instrument": "153/NQ-CP",
            "source_id": src, "wording_vi": "vài từ", "wording_en": "a few words", "note": ""})
    for name, (header, rows) in tables.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=header, restval="", extrasaction="ignore", lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    for name in ("charts.csv", "plan.toml", "datapackage.json"):
        if (real / name).exists():
            shutil.copyfile(real / name, folder / name)
    if (real / "translations").is_dir():
        shutil.copytree(real / "translations", folder / "translations", dirs_exist_ok=True)
    return folder


# ---------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="interleaved runs of the full build and bare papermill")
    ap.add_argument("--growth-runs", type=int, default=2, help="runs per synthetic size")
    ap.add_argument("--no-growth", action="store_true", help="skip the 10/50/100-target builds")
    args = ap.parse_args()

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start "
          "(other jobs on the machine make every figure noisier)")
    tmp = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        nb = one_cell_notebook(tmp)
        bare_cmd = [str(BIN / "papermill"), str(nb), str(tmp / "one-cell-out.ipynb"), "-k", "python3",
                    "--no-progress-bar", "--log-level", "WARNING"]
        reports = tmp / "reports"
        run(make_report(reports))  # warm-up: the environment exists, caches are warm
        run(bare_cmd)
        bare, full, bare_cpu, full_cpu = [], [], [], []
        for _ in range(args.runs):  # interleaved, so both see the same load
            wall, _, cpu = run(bare_cmd, sample=True)
            bare.append(wall)
            bare_cpu.append(cpu)
            wall, _, cpu = run(make_report(reports), sample=True)
            full.append(wall)
            full_cpu.append(cpu)
        b, f = statistics.median(bare), statistics.median(full)
        print(f"bare papermill run (one cell, python3): median {b:5.2f} s  (runs: {_list(bare)})")
        print(f"full build, both editions:             median {f:5.2f} s  (runs: {_list(full)})")
        ratio = f / b
        print(f"ratio full / bare: {ratio:.2f}x  (goal: at most 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")
        if any(full_cpu):
            print(f"CPU time of the whole process tree (user + system, sampled), median: bare "
                  f"{statistics.median(bare_cpu):.2f} s, full build {statistics.median(full_cpu):.2f} s "
                  f"(less sensitive to the machine's load than the wall times; {os.cpu_count()} cores)")

        noop = [run(["make", "-s", "report", f"REPORTS={reports}"])[0] for _ in range(5)]
        print(f"no-op make report: median {statistics.median(noop):.3f} s  (goal: under 0.5 s)")

        _, tree, _ = run(make_report(reports), sample=True)
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
        print(f"peak memory of a full build: largest single process {largest:.0f} MiB"
              + (f"; whole process tree (sampled every 50 ms) {tree / 2**20:.0f} MiB" if tree else ""))

        if not args.no_growth:
            growth(tmp, f, args.growth_runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def growth(tmp: Path, base: float, runs: int) -> None:
    n_real = sum(1 for _ in open(ROOT / "data" / "targets.csv", encoding="utf-8")) - 1
    print(f"growth (real data plus synthetic targets x {len(YEARS)} years; both editions; "
          f"base: the {n_real}-target build above, {base:.2f} s)")
    sizes, seconds = [n_real], [base]
    for n in GROWTH_SIZES:
        data = synthetic_dataset(tmp / f"data-{n}", n)
        times = [run(make_report(tmp / f"reports-{n}", data))[0] for _ in range(runs)]
        t = statistics.median(times)
        added = n - n_real
        per = (f"{(t - base) / added:5.3f} s per target page added to the {n_real}-target build (goal: at most 0.2 s)"
               if added >= 10 else f"({added} page(s) more than the base: too few to read a cost per page)")
        print(f"  {n:4d} targets: {t:6.2f} s   {per}")
        sizes.append(n)
        seconds.append(t)
    slopes = [(seconds[i + 1] - seconds[i]) / (sizes[i + 1] - sizes[i]) for i in range(1, len(sizes) - 1)]
    ratio = slopes[-1] / slopes[0] if slopes[0] > 0 else float("inf")
    print(f"  cost per target between sizes: {', '.join(f'{s:.3f} s' for s in slopes)} "
          f"(10->50, 50->100); last/first {ratio:.2f}: "
          + ("looks linear" if 0.67 <= ratio <= 1.5 else "NOT linear (or too noisy to tell)"))


def _list(xs: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in xs)


if __name__ == "__main__":
    main()
