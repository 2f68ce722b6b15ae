"""Progress-to-target engine.

Implements /work/shared/methodology.md ("Progress-to-target methodology"): for each target, the
status that answers "at the pace seen so far, will the target be met by its year?", with the
figures behind it. Rule numbers in the comments refer to that document.

Everything is vectorised: per-indicator figures (latest point, base point, least-squares slope)
come from grouped sums over the whole series at once, and the rules are then applied to all targets
together as boolean masks, in the document's order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

STATUSES = (
    "achieved",
    "on_track",
    "moderate_progress",
    "insufficient_progress",
    "moving_away",
    "missed",
    "insufficient_data",
    "no_data",
)  # the order a reader meets them
FLAGS = ("low_evidence", "rank_noise", "target_lost")
KINDS = ("rank", "share", "count", "amount", "index")
COMPARATORS = (">", ">=", "<", "<=")

SCORECARD_COLUMNS = [
    "target_id",
    "indicator_id",
    "comparator",
    "target_value",
    "target_year",
    "window_start",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "latest_qualifier",
    "n_points",
    "gap",
    "pace_actual",
    "pace_required",
    "pace_required_now",
    "projected_value",
    "ratio",
    "cagr_ratio",
    "status",
    "flags",
]

# Rule 9: valid range of a projection per indicator kind (index is unbounded).
_LOWER = {"rank": 1.0, "share": 0.0, "count": 0.0, "amount": 0.0, "index": -np.inf}
_UPPER = {"rank": np.inf, "share": 100.0, "count": np.inf, "amount": np.inf, "index": np.inf}

# Ratio cut-offs of rule 10 (Eurostat's 95 % / 60 % / 0 %).
_ON_TRACK = 0.95
_MODERATE = 0.60

_SERIES_COLUMNS = ["indicator_id", "year", "value", "qualifier", "period"]


# --------------------------------------------------------------------------------------------
# Periods and the yearly series
# --------------------------------------------------------------------------------------------


def _period_ends(periods: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Year and end date (datetime64) of each period string.

    Parsed once per distinct string: a data set has far fewer distinct periods than rows.
    """
    codes, uniques = pd.factorize(periods.astype(str), sort=False)
    uniq = pd.Series(uniques, dtype=object).str.strip()
    length = uniq.str.len()
    ends = pd.Series(pd.NaT, index=uniq.index, dtype="datetime64[ns]")
    try:
        is_year = length == 4
        ends[is_year] = pd.to_datetime(uniq[is_year] + "-12-31", format="%Y-%m-%d")
        is_month = length == 7
        # A month counts as its last day.
        ends[is_month] = pd.to_datetime(uniq[is_month], format="%Y-%m") + pd.offsets.MonthEnd(0)
        is_day = length == 10
        ends[is_day] = pd.to_datetime(uniq[is_day], format="%Y-%m-%d")
    except (ValueError, TypeError) as exc:
        raise ValueError(f"invalid period (expected YYYY, YYYY-MM or YYYY-MM-DD): {exc}") from None
    bad = ends.isna()
    if bad.any():
        raise ValueError(
            "invalid period (expected YYYY, YYYY-MM or YYYY-MM-DD): "
            + ", ".join(repr(p) for p in uniq[bad].head(5))
        )
    years = ends.dt.year.to_numpy(dtype=np.int64)
    return years[codes], ends.to_numpy()[codes]


def period_end(period: str) -> pd.Timestamp:
    """Last day a period covers: "2024" -> 2024-12-31, "2024-07" -> 2024-07-31, a day -> itself."""
    _, ends = _period_ends(pd.Series([period]))
    return pd.Timestamp(ends[0])


def yearly_series(observations: pd.DataFrame, as_of: int) -> pd.DataFrame:
    """One value per (indicator, year): the selected, non-partial, latest-dated observation.

    Only years up to the as-of year are kept (the report must not use later data).
    Returns columns indicator_id, year, value, qualifier, period, sorted by indicator_id, year.
    """
    obs = observations
    if len(obs) == 0:
        return _empty_series()
    years, ends = _period_ends(obs["period"])
    qualifier = (
        obs["qualifier"].fillna("").astype(str).to_numpy()
        if "qualifier" in obs
        else np.full(len(obs), "", dtype=object)
    )
    value = obs["value"].to_numpy(dtype=float)
    keep = (
        obs["selected"].fillna(False).astype(bool).to_numpy()
        & ~obs["partial"].fillna(False).astype(bool).to_numpy()
        & (years <= as_of)
        # A missing value is not an observation.
        & ~np.isnan(value)
    )
    ind_codes, ind_uniques = pd.factorize(obs["indicator_id"].astype(str), sort=True)
    idx = np.flatnonzero(keep)
    if idx.size == 0:
        return _empty_series()
    # Sort by indicator, year, end date; the stable sort keeps input order among equal dates,
    # so the last row of each (indicator, year) is the latest-dated (the last listed on a tie).
    order = idx[np.lexsort((ends[idx], years[idx], ind_codes[idx]))]
    k = ind_codes[order]
    y = years[order]
    last = np.ones(order.size, dtype=bool)
    last[:-1] = (k[1:] != k[:-1]) | (y[1:] != y[:-1])
    rows = order[last]
    return pd.DataFrame(
        {
            "indicator_id": np.asarray(ind_uniques, dtype=object)[ind_codes[rows]],
            "year": years[rows].astype(np.int64),
            "value": value[rows],
            "qualifier": qualifier[rows],
            "period": obs["period"].astype(str).to_numpy()[rows],
        }
    )


def _empty_series() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": pd.Series([], dtype=object),
            "year": pd.Series([], dtype=np.int64),
            "value": pd.Series([], dtype=float),
            "qualifier": pd.Series([], dtype=object),
            "period": pd.Series([], dtype=object),
        }
    )


# --------------------------------------------------------------------------------------------
# Per-indicator figures (independent of the target: shared by all targets on one indicator)
# --------------------------------------------------------------------------------------------


def _indicator_figures(series: pd.DataFrame, as_of: int, window_start: int) -> pd.DataFrame:
    """Latest point, base point (rule 6), points in [b, t] and least-squares slope (rule 8)."""
    s = series[series["year"] <= as_of]
    value = s["value"].to_numpy(dtype=float)
    s = s[~np.isnan(value)]
    codes, uniques = pd.factorize(s["indicator_id"].astype(str), sort=False)
    years = s["year"].to_numpy(dtype=np.int64)
    value = s["value"].to_numpy(dtype=float)
    qualifier = (
        s["qualifier"].fillna("").astype(str).to_numpy()
        if "qualifier" in s
        else np.full(len(s), "", dtype=object)
    )
    order = np.lexsort((years, codes))
    codes, years, value, qualifier = codes[order], years[order], value[order], qualifier[order]
    if np.any((codes[1:] == codes[:-1]) & (years[1:] == years[:-1])):
        raise ValueError("series must hold one value per (indicator_id, year); use yearly_series()")

    n_groups = len(uniques)
    n_all = np.bincount(codes, minlength=n_groups)
    start = np.concatenate(([0], np.cumsum(n_all)[:-1])).astype(np.int64)
    last = start + n_all - 1
    t = years[last]

    # Rule 6: first observation in a year >= B; if fewer than two lie in [B, t], the earliest.
    n_before = np.bincount(codes, weights=(years < window_start), minlength=n_groups).astype(int)
    n_in = n_all - n_before
    base_idx = np.where(n_in >= 2, start + n_before, start)
    b = years[base_idx]
    y_b = value[base_idx]

    # Points used: those from b to t. Least squares via grouped sums, with x and y shifted by the
    # base point (the slope is unchanged, the sums stay small so the formula loses no precision).
    in_win = years >= b[codes]
    w = in_win.astype(float)
    x = (years - b[codes]).astype(float) * w
    yv = (value - y_b[codes]) * w
    n = np.bincount(codes, weights=w, minlength=n_groups)
    sx = np.bincount(codes, weights=x, minlength=n_groups)
    sy = np.bincount(codes, weights=yv, minlength=n_groups)
    sxy = np.bincount(codes, weights=x * yv, minlength=n_groups)
    sxx = np.bincount(codes, weights=x * x, minlength=n_groups)
    den = n * sxx - sx * sx
    slope = np.divide(n * sxy - sx * sy, den, out=np.full(n_groups, np.nan), where=den != 0)

    return pd.DataFrame(
        {
            "n_all": n_all,
            "t": t,
            "y_t": value[last],
            "q_t": qualifier[last],
            "b": b,
            "y_b": y_b,
            "n_points": n.astype(np.int64),
            "slope": slope,
        },
        index=pd.Index(uniques, dtype=object),
    )


# --------------------------------------------------------------------------------------------
# Assessment
# --------------------------------------------------------------------------------------------


def assess(
    series: pd.DataFrame,
    targets: pd.DataFrame,
    kinds: pd.Series | dict,
    as_of: int,
    baseline_year: int | None = None,
) -> pd.DataFrame:
    """Status and figures per target (one row per target, in the targets' order).

    `series` is a yearly series as returned by yearly_series(); `kinds` maps indicator_id to one
    of rank, share, count, amount, index; `baseline_year` is the window start B (default as_of - 5).
    """
    A = int(as_of)
    B = A - 5 if baseline_year is None else int(baseline_year)
    n = len(targets)

    comparator = targets["comparator"].astype(str).to_numpy()
    bad = ~np.isin(comparator, COMPARATORS)
    if bad.any():
        raise ValueError(f"unknown comparator(s): {sorted(set(comparator[bad]))}")
    ind = targets["indicator_id"].astype(str).to_numpy()
    kind_map = pd.Series(kinds, dtype=object)
    kind = kind_map.reindex(pd.Index(ind, dtype=object)).to_numpy(dtype=object)
    missing = pd.isna(kind)
    if missing.any():
        raise ValueError(f"no kind for indicator(s): {sorted(set(ind[missing]))}")
    bad = ~np.isin(kind.astype(str), KINDS)
    if bad.any():
        raise ValueError(f"unknown kind(s): {sorted(set(kind[bad]))}; expected one of {KINDS}")
    kind = kind.astype(str)
    T = targets["target_value"].to_numpy(dtype=float)
    Y = targets["target_year"].to_numpy(dtype=np.int64)

    # Per-indicator figures, then aligned on the targets (-1: the indicator has no data).
    fig = _indicator_figures(series, A, B)
    pos = fig.index.get_indexer(pd.Index(ind, dtype=object))
    has = pos >= 0  # rule 2: any observation at all
    p_ = np.where(has, pos, 0)

    def take(col: str, fill):
        arr = fig[col].to_numpy()
        if arr.size == 0:  # no indicator has data: every target takes the fill value
            arr = np.array([fill], dtype=object if isinstance(fill, str) else float)
        return np.where(has, arr[p_], fill)

    n_all = take("n_all", 0).astype(np.int64)
    t = take("t", np.nan).astype(float)
    y_t = take("y_t", np.nan).astype(float)
    q_t = take("q_t", "")
    b = take("b", np.nan).astype(float)
    y_b = take("y_b", np.nan).astype(float)
    n_points = take("n_points", 0).astype(np.int64)
    slope = take("slope", np.nan).astype(float)
    Yf = Y.astype(float)
    nan = np.full(n, np.nan)

    # Rule 1: direction.
    d = np.where(np.isin(comparator, (">", ">=")), 1.0, -1.0)

    # Rule 3: is the latest value on the target's side? A ">" qualifier means the true value is
    # strictly above the stated one, so a stated value equal to T already satisfies ">" (and "<"
    # likewise for "<"). "~" counts as exact.
    with np.errstate(invalid="ignore"):
        met = np.select(
            [comparator == ">", comparator == ">=", comparator == "<", comparator == "<="],
            [
                (y_t > T) | ((q_t == ">") & (y_t >= T)),
                (y_t >= T) & ~((q_t == "<") & (y_t == T)),  # "nearly T" is below T
                (y_t < T) | ((q_t == "<") & (y_t <= T)),
                (y_t <= T) & ~((q_t == ">") & (y_t == T)),  # "more than T" is above T
            ],
            default=False,
        ) & has

    # Rules 2-7 as disjoint masks, each applying only where no earlier rule decided.
    r2 = ~has
    r3 = met
    r4 = has & ~met & (A > Y)
    r5 = has & ~met & ~(A > Y) & (n_all == 1)
    rest = has & ~met & ~(A > Y) & (n_all >= 2)
    r7 = rest & (d * (T - y_b) <= 0)  # the base already met the target, the latest does not
    r10 = rest & ~r7

    # Gap and the pace now required: whenever there is a latest value (r_now needs t < Y).
    gap = np.where(has, T - y_t, np.nan)
    later = has & (t < Yf)
    r_now = np.divide(T - y_t, Yf - t, out=nan.copy(), where=later)

    # Rule 8: actual pace (slope over [b, t]) and required pace from the base. After rule 7,
    # b < t <= A <= Y, so Y - b > 0; guarded anyway.
    s = np.where(r10, slope, np.nan)
    r = np.divide(T - y_b, Yf - b, out=nan.copy(), where=r10 & (Yf != b))

    # Rule 9: projection, clamped to the kind's valid range.
    lower = np.array([_LOWER[k] for k in KINDS])[_kind_codes(kind)]
    upper = np.array([_UPPER[k] for k in KINDS])[_kind_codes(kind)]
    with np.errstate(invalid="ignore"):
        p = np.where(r10, np.clip(y_t + s * (Yf - t), lower, upper), np.nan)

    # Rule 10: ratio of progress projected to progress needed. T == y_b is caught by rule 7.
    R = np.divide(p - y_b, T - y_b, out=nan.copy(), where=r10 & (T != y_b))
    with np.errstate(invalid="ignore"):
        category = np.select(
            [R >= _ON_TRACK, R >= _MODERATE, R >= 0, R < 0],
            ["on_track", "moderate_progress", "insufficient_progress", "moving_away"],
            default="insufficient_data",  # unreachable for finite data: R is defined under r10
        )

    status = np.select(
        [r2, r3, r4, r5, r7, r10],
        ["no_data", "achieved", "missed", "insufficient_data", "moving_away", category],
        default="no_data",
    ).astype(object)

    # Rule 11, compound-growth sensitivity figure: strictly positive counts and amounts only.
    cagr_ok = (
        (r10 | r7)
        & np.isin(kind, ("count", "amount"))
        & (y_b > 0)
        & (y_t > 0)
        & (T > 0)
        & (t > b)
        & (Yf > b)
    )
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        safe_yb = np.where(cagr_ok, y_b, 1.0)
        cagr_actual = (np.where(cagr_ok, y_t, 1.0) / safe_yb) ** (
            1.0 / np.where(cagr_ok, t - b, 1.0)
        ) - 1.0
        cagr_required = (np.where(cagr_ok, T, 1.0) / safe_yb) ** (
            1.0 / np.where(cagr_ok, Yf - b, 1.0)
        ) - 1.0
        cagr_ratio = np.divide(
            cagr_actual, cagr_required, out=nan.copy(), where=cagr_ok & (cagr_required != 0)
        )

    # Rule 11, flags (never change the status), joined in FLAGS order via a 3-bit lookup.
    low_evidence = r10 & (n_points == 2)
    with np.errstate(invalid="ignore"):
        rank_noise = has & (kind == "rank") & (np.abs(gap) <= 3)
    target_lost = r7
    bits = low_evidence * 1 + rank_noise * 2 + target_lost * 4
    table = np.array(
        [";".join(f for i, f in enumerate(FLAGS) if code >> i & 1) for code in range(8)],
        dtype=object,
    )
    flags = table[bits]

    out = pd.DataFrame(
        {
            "target_id": targets["target_id"].to_numpy(),
            "indicator_id": targets["indicator_id"].to_numpy(),
            "comparator": comparator.astype(object),
            "target_value": T,
            "target_year": Y,
            "window_start": np.full(n, B, dtype=np.int64),
            # Years are nullable integers so that they print as 2019, not 2019.0.
            "baseline_year": pd.array(np.where(has, b, np.nan), dtype="Int64"),
            "baseline_value": np.where(has, y_b, np.nan),
            "latest_year": pd.array(np.where(has, t, np.nan), dtype="Int64"),
            "latest_value": np.where(has, y_t, np.nan),
            "latest_qualifier": np.where(has, q_t, np.nan).astype(object),
            "n_points": n_points,
            "gap": gap,
            "pace_actual": s,
            "pace_required": r,
            "pace_required_now": r_now,
            "projected_value": p,
            "ratio": R,
            "cagr_ratio": cagr_ratio,
            "status": status,
            "flags": flags,
        }
    )
    return out[SCORECARD_COLUMNS]


def _kind_codes(kind: np.ndarray) -> np.ndarray:
    """Position of each kind in KINDS (all kinds were validated beforehand)."""
    return pd.Index(KINDS).get_indexer(kind)


def scorecard(
    observations: pd.DataFrame,
    targets: pd.DataFrame,
    kinds: pd.Series | dict,
    as_of: int,
    baseline_year: int | None = None,
) -> pd.DataFrame:
    """yearly_series() then assess(): the scorecard of all targets as of a year."""
    return assess(yearly_series(observations, as_of), targets, kinds, as_of, baseline_year)
