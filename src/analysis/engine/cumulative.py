"""The rules for a cumulative target ("at least T in total over P..Y"): rules C1-C6 of docs/methodology.md
("Targets that are not levels") on aligned arrays, one element per target. The pace of the flows is the
level rules' (rules 6 and 8: figures.py's base and slope) and so are the categories (rule 10)."""

from __future__ import annotations

import numpy as np

from .level import _meets, categories, not_applicable


def rules(A: int, comparator, kind, T, Y, f: dict, bound, P) -> dict:
    """C1-C6. f: figures.py's figures plus periods.py's (period_sum, period_n, period_missing) per target;
    P: the first year of the period. Returns the level rules' columns (those that do not apply empty) and
    total_so_far (C), total_projected (Ptot), flow_required, missing_years (text) and the flags' masks."""
    n = comparator.size
    nan = np.full(n, np.nan)
    has = f["n_all"] > 0  # C1
    t = np.where(has, f["t"], np.nan).astype(float)
    y_t = np.where(has, f["y_t"], np.nan).astype(float)
    n_points = np.where(has, f["n_points"], 0).astype(np.int64)
    Yf, Pf = Y.astype(float), P.astype(float)

    # C2: a year of P..t without a figure leaves the total unknown (never taken as zero).
    gaps = has & (f["period_missing"] != "")
    # (the period ends at Y: a figure dated after it is not counted in the total)
    C = np.where(has & ~gaps, np.where(t >= Pf, f["period_sum"], 0.0), np.nan)
    # C3: the total so far meets the target; past the target year and not met: missed.
    met = has & ~gaps & _meets(comparator, T, C, np.full(n, "", dtype=object))
    missed = has & ~gaps & ~met & (A > Y)
    # C4: the flows' pace over the window of rules 6 and 8; fewer than two flows in it: no pace.
    few = has & ~gaps & ~met & ~missed & (n_points < 2)
    rest = has & ~gaps & ~met & ~missed & ~few

    s = np.where(rest, f["slope"], np.nan)
    # C5: the projected total adds, for each year still to come (from max(t, P - 1) + 1 to Y), the latest
    # flow carried on at the pace s, never below zero.
    first = np.maximum(t, Pf - 1) + 1
    span = int(np.nanmax(np.where(rest, Yf - first + 1, 0), initial=0))
    k = first[:, None] + np.arange(max(span, 0))[None, :]
    with np.errstate(invalid="ignore"):
        flow = np.maximum(0.0, y_t[:, None] + s[:, None] * (k - t[:, None]))
        flow = np.where(k <= Yf[:, None], flow, 0.0)
    Ptot = np.where(rest, C + flow.sum(axis=1), np.nan)
    # The average flow the remaining years need: (T - C) / (Y - max(t + 1, P) + 1).
    years_left = Yf - np.maximum(t + 1, Pf) + 1
    open_ = has & ~gaps & ~met & ~missed & (years_left > 0)
    required = np.divide(T - C, years_left, out=nan.copy(), where=open_)
    # C1 before the period begins: no year of it can be missing yet, so the whole total is still needed.
    unstarted = ~has & (A < Pf)
    required = np.where(unstarted, np.divide(T, Yf - Pf + 1, out=nan.copy(), where=unstarted), required)
    # C6: R = Ptot / T, categories of rule 10.
    R = np.divide(Ptot, T, out=nan.copy(), where=rest & (T != 0))
    status = np.select(
        [~has, gaps, met, missed, few, rest],
        ["no_data", "insufficient_data", "achieved", "missed", "insufficient_data", categories(R)],
        default="no_data",
    ).astype(object)

    out = not_applicable(n)
    out.update({
        "has": has, "t": t, "y_t": y_t, "q_t": np.where(has, f["q_t"], ""), "b": np.where(has, f["b"], np.nan),
        "y_b": np.where(has, f["y_b"], np.nan), "n_points": n_points, "s": s, "p": nan.copy(), "R": R,
        "status": status, "met": met, "d": np.ones(n), "T_eff": T.astype(float),
        "low_evidence": has & (n_points == 2),
        "total_so_far": C, "total_projected": Ptot, "flow_required": required,
        "missing_years": np.where(gaps, f["period_missing"], "").astype(object), "missing_flag": gaps,
        "no_base_flag": np.zeros(n, dtype=bool),
    })
    return out
