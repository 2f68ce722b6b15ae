"""The rules for a level target (reach a value by a year: "rank 40 or better by 2030"): rules 1-10, 13 and 15
of docs/methodology.md on aligned arrays, one element per target. Status, gap, the pace needed, the
projection and its ratio to the distance still to go, and what the next figure needs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .terms import KINDS

# Rule 9: valid range of a projection per indicator kind (index is unbounded).
_LOWER = {"rank": 1.0, "share": 0.0, "count": 0.0, "amount": 0.0, "index": -np.inf}
_UPPER = {"rank": np.inf, "share": 100.0, "count": np.inf, "amount": np.inf, "index": np.inf}

# Ratio cut-offs of rule 10 (Eurostat's 95 % / 60 % / 0 %).
_ON_TRACK = 0.95
_MODERATE = 0.60
# Rules 10-11: rank moves within this many places are noise (index publishers' caution).
_RANK_NOISE = 3


def rules(A: int, comparator, kind, T, Y, f: dict, bound) -> dict:
    """Rules 1-15 on aligned arrays (one element per target, or per target and alternative).

    f holds the figures of _figures() for each element; where n_all == 0 there is no data.
    bound: the indicator's declared upper bound (NaN for none).
    """
    n = comparator.size
    has = f["n_all"] > 0  # rule 2: any observation at all
    nan = np.full(n, np.nan)

    def pick(col, fill):
        return np.where(has, f[col], fill)

    n_all = f["n_all"]
    t = pick("t", np.nan).astype(float)
    y_t = pick("y_t", np.nan).astype(float)
    q_t = pick("q_t", "")
    b = pick("b", np.nan).astype(float)
    y_b = pick("y_b", np.nan).astype(float)
    n_points = np.where(has, f["n_points"], 0).astype(np.int64)
    slope = pick("slope", np.nan).astype(float)
    Yf = Y.astype(float)

    # Rule 1: direction.
    d = np.where(np.isin(comparator, (">", ">=")), 1.0, -1.0)

    # Rule 13: on whole numbers (rank, count) a strict target is read as the next whole number
    # ("more than 194" needs 195) wherever T enters a formula.
    whole = np.isin(kind, ("rank", "count"))
    strict = np.isin(comparator, (">", "<"))
    T_eff = np.where(whole & strict, T + d, T)

    # Rule 3: is the latest value on the target's side? A ">" qualifier means the true value is
    # strictly above the stated one, so a stated value equal to T already satisfies ">" (and "<"
    # likewise for "<"). "~" counts as exact.
    met = _meets(comparator, T, y_t, q_t) & has

    # Rules 2-7 as disjoint masks, each applying only where no earlier rule decided.
    r2 = ~has
    r3 = met
    r4 = has & ~met & (A > Y)
    r5 = has & ~met & ~(A > Y) & (n_all == 1)
    rest = has & ~met & ~(A > Y) & (n_all >= 2)
    r7 = rest & _meets(comparator, T, y_b, pick("q_b", ""))  # the base met the target, the latest does not
    r10 = rest & ~r7

    # Rule 13: the gap is the distance still to go in the target's direction (<= 0 once met; a
    # value met only through its qualifier, ">70" for "> 70", is met by 0).
    # The pace now required: whenever there is a latest value (r_now needs t < Y).
    gap = np.where(has, d * (T_eff - y_t), np.nan)
    gap = np.where(met, np.minimum(gap, 0.0), gap)
    later = has & (t < Yf)
    r_now = np.divide(T_eff - y_t, Yf - t, out=nan.copy(), where=later)

    # Rule 8: actual pace (slope over [b, t]) and required pace from the base. After rule 7,
    # b < t <= A <= Y, so Y - b > 0; guarded anyway.
    s = np.where(r10, slope, np.nan)
    r = np.divide(T_eff - y_b, Yf - b, out=nan.copy(), where=r10 & (Yf != b))

    # Rule 9: projection, clamped to the kind's valid range and to the declared bound (for a rank,
    # also the number ranked in the latest edition).
    lower = np.array([_LOWER[k] for k in KINDS])[_kind_codes(kind)]
    upper = np.array([_UPPER[k] for k in KINDS])[_kind_codes(kind)]
    ub = np.where(kind == "rank", np.fmin(bound, pick("out_of_t", np.nan).astype(float)), bound)
    with np.errstate(invalid="ignore"):
        p = np.where(r10, np.clip(y_t + s * (Yf - t), lower, upper), np.nan)
        bounded = r10 & (p > ub)
    p = np.where(bounded, ub, p)

    # Rule 10: ratio of progress projected to progress needed. A base exactly at the target but not
    # meeting it (a strict target on a non-whole kind, or a qualified base) leaves R undefined
    # (rule 13): on_track if the projection meets the target, moving_away if it lies beyond the
    # base on the far side, insufficient_progress otherwise.
    at_base = r10 & (T_eff == y_b)
    R = np.divide(p - y_b, T_eff - y_b, out=nan.copy(), where=r10 & ~at_base)
    category = categories(R)
    with np.errstate(invalid="ignore"):
        undefined = np.select(
            [_meets(comparator, T_eff, p, np.full(n, "", dtype=object)), d * (p - y_b) < 0],
            ["on_track", "moving_away"],
            default="insufficient_progress",
        )
    category = np.where(at_base, undefined, category)
    # Rule 10, noise band: a rank projected within 3 places of its base claims no direction
    # (insufficient_progress with rank_noise, never moving_away on a move publishers call noise).
    with np.errstate(invalid="ignore"):
        noise_band = r10 & ~at_base & (kind == "rank") & (R < 0) & (np.abs(p - y_b) <= _RANK_NOISE)
    category = np.where(noise_band, "insufficient_progress", category)

    status = np.select(
        [r2, r3, r4, r5, r7, r10],
        ["no_data", "achieved", "missed", "insufficient_data", "moving_away", category],
        default="no_data",
    ).astype(object)

    # Rule 13: a non-whole value equal to a strict target is at the threshold, not met.
    with np.errstate(invalid="ignore"):
        at_threshold = has & ~met & strict & ~whole & (y_t == T)

    # Rule 15: what the next figure needs, on the straight line to the target; a rank or count
    # rounded toward the target. Nothing (nor a required pace) for a met or missed target.
    # The next figure is for year t + 1, or for the as-of year A when the series is older than that (a figure
    # for a year already past cannot be asked for); its value lies on the same line, y_t + r_now * (year - t).
    next_year = np.maximum(t + 1, A)
    nxt = has & ~met & ~r4 & (next_year <= Yf)
    need = np.where(nxt, needed_value(y_t, r_now, t, next_year, kind, comparator), np.nan)
    r = np.where(met, np.nan, r)
    r_now = np.where(met, np.nan, r_now)

    return {
        "has": has, "t": t, "y_t": y_t, "q_t": q_t, "b": b, "y_b": y_b, "n_points": n_points,
        "gap": gap, "s": s, "r": r, "r_now": r_now, "p": p, "R": R, "status": status,
        "r7": r7, "r10": r10, "met": met, "d": d, "T_eff": T_eff, "at_threshold": at_threshold,
        "noise_band": noise_band, "ub": ub, "bounded": bounded, "next_year": np.where(nxt, next_year, np.nan), "next_value": need,
    }


def categories(R) -> np.ndarray:
    """Rule 10's category of each ratio R (on_track, moderate_progress, insufficient_progress, moving_away);
    insufficient_data where R is undefined. Shared by every type of target (cumulative C6, growth G4)."""
    R = np.asarray(R, dtype=float)
    with np.errstate(invalid="ignore"):
        return np.select(
            [R >= _ON_TRACK, R >= _MODERATE, R >= 0, R < 0],
            ["on_track", "moderate_progress", "insufficient_progress", "moving_away"],
            default="insufficient_data",  # where R is NaN (unreachable for a level target under r10)
        )


def needed_value(y_t, r_now, t, year, kind, comparator) -> np.ndarray:
    """Rule 15: the value a figure for `year` needs to lie on the straight line from the latest
    point (t, y_t) to the target, y_t + r_now * (year - t); a rank or count rounded toward the
    target (a rank down, a count up). Element-wise; also used for a due release (rule 19)."""
    y_t, r_now, t, year = (np.asarray(a, dtype=float) for a in (y_t, r_now, t, year))
    kind, comparator = np.asarray(kind, dtype=object), np.asarray(comparator, dtype=object)
    need = y_t + r_now * (year - t)
    rounded = np.round(need, 9)  # so that 194.2 + float noise does not become 196
    up = np.isin(comparator, (">", ">="))
    return np.where(np.isin(kind, ("rank", "count")), np.where(up, np.ceil(rounded), np.floor(rounded)), need)


def _meets(comparator, T, y, q) -> np.ndarray:
    """Whether values y (with qualifiers q) satisfy the comparator against T (rule 3)."""
    with np.errstate(invalid="ignore"):
        return np.select(
            [comparator == ">", comparator == ">=", comparator == "<", comparator == "<="],
            [
                (y > T) | ((q == ">") & (y >= T)),
                (y >= T) & ~((q == "<") & (y == T)),  # "nearly T" is below T
                (y < T) | ((q == "<") & (y <= T)),
                (y <= T) & ~((q == ">") & (y == T)),  # "more than T" is above T
            ],
            default=False,
        )


def _kind_codes(kind: np.ndarray) -> np.ndarray:
    """Position of each kind in KINDS (all kinds were validated beforehand)."""
    return pd.Index(KINDS).get_indexer(kind)


def not_applicable(n: int) -> dict:
    """The level rules' columns that say nothing of a target of another type (rules 7, 8's r and r_now, 9's
    bound, 13, 15): NaN or False, so that every output prints '—' there."""
    nan, no = np.full(n, np.nan), np.zeros(n, dtype=bool)
    return {"gap": nan, "r": nan.copy(), "r_now": nan.copy(), "r7": no, "r10": no.copy(), "at_threshold": no.copy(),
            "noise_band": no.copy(), "ub": nan.copy(), "bounded": no.copy(), "next_year": nan.copy(),
            "next_value": nan.copy()}
