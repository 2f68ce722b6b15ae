"""Benchmark of the progress engine: scorecard() on 10,000 targets x 30 yearly points.

Run: python benchmarks/bench_progress.py   (works without installing the package)
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

# Make the package importable from a plain checkout.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.engine.progress import scorecard  # noqa: E402
from analysis.engine.terms import STATUSES

N_TARGETS = 10_000
N_YEARS = 30
FIRST_YEAR = 1995
AS_OF = FIRST_YEAR + N_YEARS - 1  # 2024
REPEATS = 7
SEED = 20240917

KINDS = np.array(["rank", "share", "count", "amount", "index"])
COMPARATORS = np.array([">", ">=", "<", "<="])


def build(seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Synthetic observations, targets and kinds: one indicator per target, random linear trends."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"ind{i:05d}" for i in range(N_TARGETS)], dtype=object)
    kind = KINDS[rng.integers(0, len(KINDS), N_TARGETS)]
    start = rng.uniform(1, 100, N_TARGETS)
    trend = rng.normal(0, 1.5, N_TARGETS)
    years = np.arange(FIRST_YEAR, FIRST_YEAR + N_YEARS)
    values = start[:, None] + trend[:, None] * (years - FIRST_YEAR) + rng.normal(
        0, 2, (N_TARGETS, N_YEARS)
    )
    # Keep values in each kind's natural range.
    values = np.where((kind == "share")[:, None], np.clip(values, 0, 100), values)
    values = np.where(np.isin(kind, ["count", "amount"])[:, None], np.abs(values), values)
    values = np.where((kind == "rank")[:, None], np.maximum(np.round(values), 1), values)

    n = N_TARGETS * N_YEARS
    obs = pd.DataFrame(
        {
            "indicator_id": np.repeat(ids, N_YEARS),
            "period": np.tile(years.astype(str), N_TARGETS).astype(object),
            "value": values.ravel(),
            "selected": rng.random(n) > 0.02,  # a few unselected rows to drop
            "partial": rng.random(n) < 0.02,  # and a few partial ones
            "qualifier": rng.choice(np.array(["", "", "", "", ">", "<", "~"], dtype=object), n),
            "source": "synthetic",
        }
    )
    comparator = COMPARATORS[rng.integers(0, len(COMPARATORS), N_TARGETS)]
    latest = values[:, -1]
    up = np.isin(comparator, [">", ">="])
    # Targets mostly ahead of the latest value, some already met.
    target_value = latest + np.where(up, 1, -1) * rng.uniform(-5, 40, N_TARGETS)
    targets = pd.DataFrame(
        {
            "target_id": [f"T{i:05d}" for i in range(N_TARGETS)],
            "indicator_id": ids,
            "comparator": comparator,
            "target_value": target_value,
            "target_year": rng.choice([2020, 2025, 2030, 2030, 2035], N_TARGETS),
        }
    )
    return obs, targets, dict(zip(ids, kind))


def main() -> None:
    obs, targets, kinds = build()
    print(f"{len(targets):,} targets, {len(obs):,} observation rows, as-of {AS_OF}")

    scorecard(obs, targets, kinds, AS_OF)  # warm-up (imports, caches)
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        result = scorecard(obs, targets, kinds, AS_OF)
        times.append(time.perf_counter() - t0)

    tracemalloc.start()
    scorecard(obs, targets, kinds, AS_OF)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    best, median = min(times), statistics.median(times)
    print(f"best   {best * 1000:8.1f} ms   ({len(targets) / best:,.0f} targets/s)")
    print(f"median {median * 1000:8.1f} ms   ({len(targets) / median:,.0f} targets/s)")
    print(f"peak traced memory {peak / 2**20:.1f} MiB (one run, tracemalloc)")
    counts = result["status"].value_counts().reindex(list(STATUSES), fill_value=0)
    print("statuses: " + ", ".join(f"{s} {c}" for s, c in counts.items()))


if __name__ == "__main__":
    main()
