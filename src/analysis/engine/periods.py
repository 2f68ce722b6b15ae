"""The figures of a target's period, for the targets that are not levels (docs/methodology.md, "Targets that
are not levels"): the flows of the years P..t and the years missing among them (rules C2, C5), and the figure
of the base year b0 = P - 1 (rule G1). Computed only for the targets that need them, from the same assessed
points as figures.py (after the latest producer or method break, rule 17)."""

from __future__ import annotations

import numpy as np


def period_figures(pts: dict, keep: np.ndarray, group: np.ndarray, P: np.ndarray, need: np.ndarray,
                   Y: np.ndarray) -> dict:
    """Per target: the sum and number of the flows dated P..t, the years missing in P..t, the flows
    used as text ('2026:1000;2027:1100'), and the base year's figure y_b0 (NaN when absent).

    pts: the points of every group (any order); keep: the points assessed (figures.py's `keep`, in the
    same order); group: each target's group in pts (-1: no data); P: each target's period start (NaN for
    none); need: the targets to compute (the others get 0, '' and NaN); Y: the target years (a figure dated after
    the period is not in its total). t is each group's latest kept year, at most Y here.
    """
    n = group.size
    p_sum = np.zeros(n)
    p_n = np.zeros(n, dtype=np.int64)
    missing = np.full(n, "", dtype=object)
    flows = np.full(n, "", dtype=object)
    y_b0 = np.full(n, np.nan)
    key, years, value = pts["key"][keep], pts["year"][keep], pts["value"][keep]
    for i in np.flatnonzero(need & (group >= 0) & ~np.isnan(P)):
        mine = key == group[i]
        if not mine.any():
            continue
        yrs, vals = years[mine].astype(int), value[mine].astype(float)
        start, t = int(P[i]), min(int(yrs.max()), int(Y[i]))
        base = vals[yrs == start - 1]
        y_b0[i] = base[0] if base.size else np.nan
        inside = (yrs >= start) & (yrs <= t)
        order = np.argsort(yrs[inside], kind="stable")
        used_years, used_values = yrs[inside][order], vals[inside][order]
        p_sum[i] = used_values.sum()
        p_n[i] = used_years.size
        flows[i] = ";".join(f"{y}:{v:g}" for y, v in zip(used_years, used_values))
        missing[i] = ";".join(str(y) for y in range(start, t + 1) if y not in set(used_years.tolist()))
    return {"period_sum": p_sum, "period_n": p_n, "period_missing": missing, "period_flows": flows,
            "y_b0": y_b0}
