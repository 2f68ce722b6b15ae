"""The rules each type of target is assessed by: one module per type, registered here.

A level target (reach a value by a year) is assessed by level.py (rules 1-15); a cumulative one (a total over
a period) by cumulative.py (C1-C6); an average-growth one by growth.py (G1-G4). Each takes the same aligned
arrays and returns the same columns; `assess` hands every target to its type's rules.
"""
from __future__ import annotations

import numpy as np

from . import cumulative, growth, level

LEVEL = "level"
CUMULATIVE = "cumulative"
AVERAGE_GROWTH = "average_growth"
TYPES = (LEVEL, CUMULATIVE, AVERAGE_GROWTH)
RULES = {LEVEL: level.rules, CUMULATIVE: cumulative.rules, AVERAGE_GROWTH: growth.rules}
# What only the other types report, empty for a level target.
PERIOD_COLUMNS = ("total_so_far", "total_projected", "flow_required", "growth_actual", "implied_level")


def rules_for(target_type: str = LEVEL):
    """The rules function of a target type (level: (A, comparator, kind, T, Y, figures, bound); the others
    also take the first year of the period P)."""
    try:
        return RULES[target_type]
    except KeyError:
        raise ValueError(f"unknown target type '{target_type}'; expected one of {', '.join(RULES)}") from None


def types_of(target_type, n: int) -> np.ndarray:
    """The type of each target: the column's value, `level` where it is empty or absent."""
    if target_type is None:
        return np.full(n, LEVEL, dtype=object)
    out = np.asarray(target_type, dtype=object).copy()
    empty = np.array([not isinstance(v, str) or not v.strip() for v in out], dtype=bool)
    out[empty] = LEVEL
    bad = ~np.isin(out, TYPES)
    if bad.any():
        raise ValueError(f"unknown target type(s): {sorted(set(out[bad]))}; expected one of {', '.join(TYPES)}")
    return out


def assess(A: int, comparator, kind, T, Y, f: dict, bound, ttype, P) -> dict:
    """Each target through its type's rules: the level rules' columns for all, plus the columns of the other
    types (empty for a level target), `low_evidence` (rule 11; G4 for growth) and the masks of the flags
    missing_years (C2) and no_base (G1)."""
    n = comparator.size
    res = dict(level.rules(A, comparator, kind, T, Y, f, bound))
    res["low_evidence"] = res["has"] & (res["n_points"] == 2)
    for col in PERIOD_COLUMNS:
        res[col] = np.full(n, np.nan)
    res["missing_years"] = np.full(n, "", dtype=object)
    res["missing_flag"] = np.zeros(n, dtype=bool)
    res["no_base_flag"] = np.zeros(n, dtype=bool)
    for name in (CUMULATIVE, AVERAGE_GROWTH):
        m = ttype == name
        if not m.any():
            continue
        sub = RULES[name](A, comparator[m], kind[m], T[m], Y[m], {c: v[m] for c, v in f.items()}, bound[m], P[m])
        for col, values in sub.items():
            if col in res:
                column = np.array(res[col], dtype=object if res[col].dtype == object else None)
                if column.dtype != object and np.asarray(values).dtype == float:
                    column = column.astype(float)
                column[m] = values
                res[col] = column
    return res
