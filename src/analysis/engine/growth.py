"""The rules for an average-growth target ("an average growth of at least g % a year over P..Y"): rules
G1-G4 of docs/methodology.md ("Targets that are not levels") on aligned arrays, one element per target.
The base year is b0 = P - 1; the categories are rule 10's."""

from __future__ import annotations

import numpy as np

from .level import categories, not_applicable


def rules(A: int, comparator, kind, T, Y, f: dict, bound, P) -> dict:
    """G1-G4. T is g in percent; f: figures.py's figures plus periods.py's y_b0 per target. Returns the
    level rules' columns (those that do not apply empty) and growth_actual (c, percent a year),
    implied_level (T*) and the flags' masks."""
    n = comparator.size
    nan = np.full(n, np.nan)
    has = f["n_all"] > 0  # G1
    t = np.where(has, f["t"], np.nan).astype(float)
    y_t = np.where(has, f["y_t"], np.nan).astype(float)
    Yf, b0 = Y.astype(float), P.astype(float) - 1
    y_b0 = np.where(has, f["y_b0"], np.nan).astype(float)
    no_base = has & np.isnan(y_b0)  # G1: no figure for b0
    with np.errstate(invalid="ignore"):
        early = has & ~no_base & ~(t > b0)  # G1: nothing after the base year yet
        # A growth rate from a base of zero or below, or to a latest figure of zero or below, is undefined.
        undefined = has & ~no_base & ~early & ~((y_b0 > 0) & (y_t > 0))
    valid = has & ~no_base & ~early & ~undefined

    # G2: the actual average growth and the level the target implies for Y (known whenever y_b0 is).
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        c = np.where(valid, 100.0 * ((y_t / y_b0) ** (1.0 / np.where(valid, t - b0, 1.0)) - 1.0), np.nan)
        implied = np.where(has & ~no_base, y_b0 * (1.0 + T / 100.0) ** (Yf - b0), np.nan)
        # G3: the latest figure has reached the implied level; past Y and not: missed.
        # (T* rounded to 9 decimals, so that float noise in the power does not decide: 100 * 1.1^2 is 121)
        level_ = np.round(implied, 9)
        met = valid & np.where(comparator == ">", y_t > level_, y_t >= level_)
    missed = valid & ~met & (A > Y)
    rest = valid & ~met & ~missed
    # G4: R = c / g, categories of rule 10; the projection carries c on to Y.
    R = np.divide(c, T, out=nan.copy(), where=rest & (T != 0))
    with np.errstate(invalid="ignore", over="ignore"):
        projection = np.where(rest, y_t * (1.0 + c / 100.0) ** (Yf - t), np.nan)
    status = np.select(
        [~has, no_base | early | undefined, met, missed, rest],
        ["no_data", "insufficient_data", "achieved", "missed", categories(R)],
        default="no_data",
    ).astype(object)

    out = not_applicable(n)
    out.update({
        "has": has, "t": t, "y_t": y_t, "q_t": np.where(has, f["q_t"], ""),
        "b": np.where(has & ~no_base, b0, np.nan), "y_b": y_b0,
        "n_points": np.where(has, f["n_points"], 0).astype(np.int64), "s": nan.copy(), "p": projection, "R": R,
        "status": status, "met": met, "d": np.ones(n), "T_eff": T.astype(float),
        "low_evidence": valid & (t - b0 == 1),
        "total_so_far": nan.copy(), "total_projected": nan.copy(), "flow_required": nan.copy(),
        "missing_years": np.full(n, "", dtype=object), "missing_flag": np.zeros(n, dtype=bool),
        "no_base_flag": no_base, "growth_actual": c, "implied_level": implied,
    })
    return out
