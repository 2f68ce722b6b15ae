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
# Flags in the order the `flags` column joins them (rules 11-12, then 13, 14 and 17).
FLAGS = ("low_evidence", "rank_noise", "target_lost", "source_sensitive", "proxy",
         "weak_source", "not_comparable", "floor_only", "met_before_set", "at_threshold", "method_break")
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
    "target_effective",
    "needed_next_year",
    "needed_next_value",
    "upper_bound",
    "projection_bounded",
    "achieved_since",
    "latest_grade",
    "baseline_grade",
    "latest_out_of",
    "baseline_out_of",
]

# Rule 9: valid range of a projection per indicator kind (index is unbounded).
_LOWER = {"rank": 1.0, "share": 0.0, "count": 0.0, "amount": 0.0, "index": -np.inf}
_UPPER = {"rank": np.inf, "share": 100.0, "count": np.inf, "amount": np.inf, "index": np.inf}

# Ratio cut-offs of rule 10 (Eurostat's 95 % / 60 % / 0 %).
_ON_TRACK = 0.95
_MODERATE = 0.60
# Rules 10-11: rank moves within this many places are noise (index publishers' caution).
_RANK_NOISE = 3

# Every combination of flags, joined in FLAGS order, indexed by its bit pattern.
_FLAG_TABLE = np.array(
    [";".join(f for i, f in enumerate(FLAGS) if code >> i & 1) for code in range(2 ** len(FLAGS))],
    dtype=object,
)

ALTERNATIVE_COLUMNS = [
    "target_id",
    "indicator_id",
    "window_start",
    "status",
    "alt_status",
    "period",
    "value",
    "qualifier",
    "source_id",
    "producer",
    "proxy",
    "replaces_period",
    "replaces_value",
    "row",
]


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
    Returns columns indicator_id, year, value, qualifier, period, producer, proxy, grade, out_of
    and row (the observation's position in `observations`), sorted by indicator_id, year.
    `producer` and `grade` are "", `proxy` False and `out_of` NaN when the observations lack
    those columns.
    """
    ids, pts, _ = _select(observations, as_of)
    return _frame(observations, pts, ids)


def alternative_points(observations: pd.DataFrame, as_of: int) -> pd.DataFrame:
    """Unselected figures that could stand in for a year's point (rule 12), one row each.

    Candidates: unselected, non-partial, non-forecast observations with a value, dated in a year
    up to as_of. Either they compete with that year's selected figure (same indicator and year)
    or, where no selected figure exists for the year, they would stand as its point. Candidates
    identical to the selected point (value, qualifier, producer and proxy) cannot change
    anything and are left out. Columns as yearly_series(), `row` pointing into observations.
    """
    ids, _, alt = _select(observations, as_of)
    return _frame(observations, alt, ids)


# Points as parallel arrays: key (position in an Index of indicator ids), year, value, qual,
# prod (producer code, -1 for none), proxy, grade ("A"/"B"/"C" or ""), out_of (NaN for none),
# end (the period's last day, datetime64), row (position in the observations).
_POINT_FIELDS = ("key", "year", "value", "qual", "prod", "proxy", "grade", "out_of", "end", "row")


def _no_points() -> dict:
    return {"key": np.zeros(0, dtype=np.int64), "year": np.zeros(0, dtype=np.int64),
            "value": np.zeros(0), "qual": np.zeros(0, dtype=object), "prod": np.zeros(0, dtype=np.int64),
            "proxy": np.zeros(0, dtype=bool), "grade": np.zeros(0, dtype=object), "out_of": np.zeros(0),
            "end": np.zeros(0, dtype="datetime64[ns]"), "row": np.zeros(0, dtype=np.int64)}


def _take(d: dict, idx) -> dict:
    return {f: d[f][idx] for f in _POINT_FIELDS}


def _select(obs: pd.DataFrame, as_of: int) -> tuple[pd.Index, dict, dict]:
    """The yearly series and the alternative points of observations, as arrays."""
    if len(obs) == 0:
        return pd.Index([], dtype=object), _no_points(), _no_points()
    years, ends = _period_ends(obs["period"])
    value = obs["value"].to_numpy(dtype=float)
    selected = obs["selected"].fillna(False).astype(bool).to_numpy()
    usable = (
        ~obs["partial"].fillna(False).astype(bool).to_numpy()
        & (years <= as_of)
        # A missing value is not an observation.
        & ~np.isnan(value)
    )
    ind_codes, ind_uniques = pd.factorize(obs["indicator_id"].astype(str), sort=True)
    ids = pd.Index(np.asarray(ind_uniques, dtype=object))
    prod = _producer_codes(_text_column(obs, "producer"))
    proxy = _bool_column(obs, "proxy")
    out_of = _float_column(obs, "out_of")

    def points(rows: np.ndarray) -> dict:
        return {"key": ind_codes[rows].astype(np.int64), "year": years[rows].astype(np.int64),
                "value": value[rows], "qual": _text_column(obs, "qualifier", rows), "prod": prod[rows],
                "proxy": proxy[rows], "grade": _grade_column(obs, rows), "out_of": out_of[rows],
                "end": ends[rows], "row": rows.astype(np.int64)}

    idx = np.flatnonzero(usable & selected)
    # Sort by indicator, year, end date; the stable sort keeps input order among equal dates,
    # so the last row of each (indicator, year) is the latest-dated (the last listed on a tie).
    order = idx[np.lexsort((ends[idx], years[idx], ind_codes[idx]))]
    k = ind_codes[order]
    y = years[order]
    last = np.ones(order.size, dtype=bool)
    last[:-1] = (k[1:] != k[:-1]) | (y[1:] != y[:-1])
    series = points(order[last])

    cand = np.flatnonzero(usable & ~selected)
    if cand.size:
        cand = cand[_text_column(obs, "status", cand) != "forecast"]
    if cand.size == 0:
        return ids, series, _no_points()
    alt = points(cand)
    # Leave out candidates identical to their year's selected point (series sorted by key, year).
    if series["row"].size:
        lo = int(years.min())
        span = int(years.max()) - lo + 1
        s_key = series["key"] * span + (series["year"] - lo)
        c_key = alt["key"] * span + (alt["year"] - lo)
        at = np.minimum(np.searchsorted(s_key, c_key), s_key.size - 1)
        same = (s_key[at] == c_key)
        for f in ("value", "qual", "prod", "proxy"):
            same &= series[f][at] == alt[f]
        alt = _take(alt, ~same)
    return ids, series, alt


def _frame(obs: pd.DataFrame | None, d: dict, ids: pd.Index) -> pd.DataFrame:
    """Points as a DataFrame (the columns of yearly_series())."""
    if d["row"].size == 0:
        return _empty_series()
    rows = d["row"]
    return pd.DataFrame(
        {
            "indicator_id": ids.to_numpy(dtype=object)[d["key"]],
            "year": d["year"],
            "value": d["value"],
            "qualifier": d["qual"],
            "period": obs["period"].astype(str).to_numpy(dtype=object)[rows],
            "producer": _text_column(obs, "producer", rows),
            "proxy": d["proxy"],
            "grade": d["grade"],
            "out_of": d["out_of"],
            "row": rows,
        }
    )


def _from_frames(series: pd.DataFrame, alternatives: pd.DataFrame | None) -> tuple[pd.Index, dict, dict]:
    """Arrays from frames shaped like yearly_series() (for assess() called on a series)."""
    alternatives = _empty_series() if alternatives is None else alternatives
    ids = pd.Index(pd.unique(np.concatenate([series["indicator_id"].astype(str).to_numpy(dtype=object),
                                             alternatives["indicator_id"].astype(str).to_numpy(dtype=object)])))
    prod = _producer_codes(np.concatenate([_text_column(series, "producer"), _text_column(alternatives, "producer")]))
    out = []
    for df, p in ((series, prod[: len(series)]), (alternatives, prod[len(series):])):
        year = df["year"].to_numpy(dtype=np.int64)
        if "period" in df and len(df):
            end = _period_ends(df["period"])[1]
        else:  # a bare year counts as its last day
            end = pd.to_datetime(pd.Series(year.astype(str)) + "-12-31", format="%Y-%m-%d").to_numpy()
        out.append({"key": ids.get_indexer(df["indicator_id"].astype(str)).astype(np.int64),
                    "year": year, "value": df["value"].to_numpy(dtype=float),
                    "qual": _text_column(df, "qualifier"), "prod": p, "proxy": _bool_column(df, "proxy"),
                    "grade": _grade_column(df), "out_of": _float_column(df, "out_of"),
                    "end": np.asarray(end, dtype="datetime64[ns]"),
                    "row": (df["row"].to_numpy(dtype=np.int64) if "row" in df else np.full(len(df), -1))})
    return ids, out[0], out[1]


def since_last_break(series: pd.DataFrame) -> pd.DataFrame:
    """The points of each indicator from its latest producer break on (rule: no pace across a break).

    A break is a change of producer between consecutive points of a yearly series; points with
    no producer ("") never make a break.
    """
    if len(series) == 0 or "producer" not in series:
        return series
    s = series.sort_values(["indicator_id", "year"], kind="stable")
    codes = pd.factorize(s["indicator_id"].astype(str))[0]
    keep = _after_last_break(codes, _producer_codes(s["producer"]))
    return s[keep]


def _after_last_break(key: np.ndarray, producer: np.ndarray) -> np.ndarray:
    """Mask of the points from each group's latest producer break on; rows sorted by key, year.

    producer: integer codes, -1 for unknown (never a break).
    """
    n = key.size
    if n == 0:
        return np.ones(0, dtype=bool)
    first = np.ones(n, dtype=bool)
    first[1:] = key[1:] != key[:-1]
    brk = np.zeros(n, dtype=bool)
    brk[1:] = ~first[1:] & (producer[1:] != producer[:-1]) & (producer[1:] >= 0) & (producer[:-1] >= 0)
    # Each row's segment start (the latest group start or break at or before it); the group's
    # last row carries the start of the group's last segment.
    seg = np.maximum.accumulate(np.where(first | brk, np.arange(n), 0))
    last = np.ones(n, dtype=bool)
    last[:-1] = first[1:]
    group_of_row = np.cumsum(first) - 1
    return np.arange(n) >= seg[last][group_of_row]


def _producer_codes(producer) -> np.ndarray:
    """Integer code per producer, compared without case or surrounding spaces; -1 for none."""
    codes, uniques = pd.factorize(pd.Series(producer, dtype=object).fillna(""))
    norm = pd.Series(uniques, dtype=object).astype(str).str.strip().str.casefold()
    n_codes, n_uniques = pd.factorize(norm)
    n_codes = np.where(norm.to_numpy(dtype=object) == "", -1, n_codes)
    return n_codes[codes] if codes.size else codes


def _text_column(df: pd.DataFrame, col: str, rows: np.ndarray | None = None) -> np.ndarray:
    """A text column as an object array ("" for missing), only at `rows` if given."""
    n = len(df) if rows is None else rows.size
    if col not in df:
        return np.full(n, "", dtype=object)
    v = df[col].to_numpy(dtype=object)
    v = v if rows is None else v[rows]
    return pd.Series(v, dtype=object).fillna("").astype(str).to_numpy(dtype=object)


def _bool_column(df: pd.DataFrame, col: str, rows: np.ndarray | None = None) -> np.ndarray:
    """A true/false column as a bool array (False for missing), only at `rows` if given."""
    n = len(df) if rows is None else rows.size
    if col not in df:
        return np.zeros(n, dtype=bool)
    if df[col].dtype == bool:
        v = df[col].to_numpy()
        return v if rows is None else v[rows]
    v = df[col].to_numpy(dtype=object)
    v = v if rows is None else v[rows]
    return np.array([bool(x) if x == x and x is not None else False for x in v], dtype=bool)


def _float_column(df: pd.DataFrame, col: str) -> np.ndarray:
    """A numeric column as floats (NaN for missing or absent)."""
    if col not in df:
        return np.full(len(df), np.nan)
    return pd.to_numeric(df[col], errors="coerce").to_numpy(dtype=float)


def _grade_column(df: pd.DataFrame, rows: np.ndarray | None = None) -> np.ndarray:
    """Rule 14 grades, upper-case, "" for none (an input without the column has no grades)."""
    if "grade" not in df:
        return np.full(len(df) if rows is None else rows.size, "", dtype=object)
    # Normalised once per distinct value: a data set has a handful of grades and many rows.
    codes, uniques = pd.factorize(pd.Series(_text_column(df, "grade", rows), dtype=object))
    norm = pd.Series(uniques, dtype=object).str.strip().str.upper().to_numpy(dtype=object)
    return norm[codes] if codes.size else np.zeros(0, dtype=object)


def _empty_series() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": pd.Series([], dtype=object),
            "year": pd.Series([], dtype=np.int64),
            "value": pd.Series([], dtype=float),
            "qualifier": pd.Series([], dtype=object),
            "period": pd.Series([], dtype=object),
            "producer": pd.Series([], dtype=object),
            "proxy": pd.Series([], dtype=bool),
            "grade": pd.Series([], dtype=object),
            "out_of": pd.Series([], dtype=float),
            "row": pd.Series([], dtype=np.int64),
        }
    )


# --------------------------------------------------------------------------------------------
# Per-indicator figures (independent of the target: shared by all targets on one indicator)
# --------------------------------------------------------------------------------------------


def _figures(pts: dict, brk: np.ndarray, n_groups: int, window_start: int) -> dict:
    """Latest point, base point (rule 6), points in [b, t] and least-squares slope (rule 8) per group.

    pts: points (_POINT_FIELDS) of one yearly series per group (`key` in 0..n_groups-1, one value
    per key and year). brk: (n_groups, K) declared method-break years per group, padded with a
    year no point reaches. Only the points from a group's latest producer or method break on are
    used (rule 17); `keep` marks them, in the input's order. Groups without points get n_all = 0
    (their other figures are meaningless).
    """
    key, years = pts["key"], pts["year"]
    order = np.lexsort((years, key))
    key, years = key[order], years[order]
    value, qualifier, producer = pts["value"][order], pts["qual"][order], pts["prod"][order]
    proxy, grade, out_of = pts["proxy"][order], pts["grade"][order], pts["out_of"][order]
    if np.any((key[1:] == key[:-1]) & (years[1:] == years[:-1])):
        raise ValueError("series must hold one value per (indicator_id, year); use yearly_series()")
    keep_prod = _after_last_break(key, producer)
    keep = keep_prod
    if brk.shape[1] and key.size:
        # A point's method segment: how many declared breaks lie at or before its year.
        seg = (years[:, None] >= brk[key]).sum(axis=1)
        keep = keep_prod & _after_last_break(key, seg)
    # The base the window would have without the method breaks, to tell whether a break cut it.
    b_nobrk = _base(key[keep_prod], years[keep_prod], n_groups, window_start)[1]
    keep_in = np.empty(order.size, dtype=bool)
    keep_in[order] = keep
    if not keep.all():
        key, years, value, qualifier = key[keep], years[keep], value[keep], qualifier[keep]
        proxy, grade, out_of = proxy[keep], grade[keep], out_of[keep]

    n_all = np.bincount(key, minlength=n_groups)
    has = n_all > 0
    start = np.concatenate(([0], np.cumsum(n_all)[:-1])).astype(np.int64)
    last = np.where(has, start + n_all - 1, 0)
    n_pts = key.size
    if key.size == 0:  # nothing at all: index a dummy point
        years, value = np.zeros(1, dtype=np.int64), np.full(1, np.nan)
        qualifier, proxy = np.full(1, "", dtype=object), np.zeros(1, dtype=bool)
        grade, out_of = np.full(1, "", dtype=object), np.full(1, np.nan)
    t = years[last]

    # Rule 6: first observation in a year >= B; if fewer than two lie in [B, t], the earliest.
    base_idx, b = _base(key, years[:n_pts], n_groups, window_start)
    y_b = value[base_idx]

    # Points used: those from b to t. Least squares via grouped sums, with x and y shifted by the
    # base point (the slope is unchanged, the sums stay small so the formula loses no precision).
    yrs, val = years[:n_pts], value[:n_pts]
    in_win = yrs >= b[key]
    w = in_win.astype(float)
    x = (yrs - b[key]).astype(float) * w
    yv = (val - y_b[key]) * w
    n = np.bincount(key, weights=w, minlength=n_groups)
    sx = np.bincount(key, weights=x, minlength=n_groups)
    sy = np.bincount(key, weights=yv, minlength=n_groups)
    sxy = np.bincount(key, weights=x * yv, minlength=n_groups)
    sxx = np.bincount(key, weights=x * x, minlength=n_groups)
    den = n * sxx - sx * sx
    slope = np.divide(n * sxy - sx * sy, den, out=np.full(n_groups, np.nan), where=den != 0)

    return {
        "n_all": n_all.astype(np.int64),
        "t": t.astype(float),
        "y_t": value[last],
        "q_t": qualifier[last],
        "proxy_t": proxy[last],
        "grade_t": grade[last],
        "out_of_t": out_of[last],
        "b": b.astype(float),
        "y_b": y_b,
        "q_b": qualifier[base_idx],
        "proxy_b": proxy[base_idx],
        "grade_b": grade[base_idx],
        "out_of_b": out_of[base_idx],
        "n_points": n.astype(np.int64),
        "slope": slope,
        # Rule 17: a declared break moved the base (points before it would have been used).
        "method_break": has & (b_nobrk < b),
        "keep": keep_in,
    }


def _base(key: np.ndarray, years: np.ndarray, n_groups: int, window_start: int) -> tuple[np.ndarray, np.ndarray]:
    """Rule 6 on points sorted by key, year: the base point's index and year per group (0 if none)."""
    n_all = np.bincount(key, minlength=n_groups)
    has = n_all > 0
    start = np.concatenate(([0], np.cumsum(n_all)[:-1])).astype(np.int64)
    n_before = np.bincount(key, weights=(years < window_start), minlength=n_groups).astype(int)
    n_in = n_all - n_before
    base_idx = np.where(has, np.where(n_in >= 2, start + n_before, start), 0)
    b = years[base_idx] if years.size else np.zeros(n_groups, dtype=np.int64)
    return base_idx, b


# --------------------------------------------------------------------------------------------
# Assessment
# --------------------------------------------------------------------------------------------


def _rules(A: int, comparator, kind, T, Y, f: dict, bound) -> dict:
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
    with np.errstate(invalid="ignore"):
        category = np.select(
            [R >= _ON_TRACK, R >= _MODERATE, R >= 0, R < 0],
            ["on_track", "moderate_progress", "insufficient_progress", "moving_away"],
            default="insufficient_data",  # unreachable for finite data: R is defined under r10
        )
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


def assess(
    series: pd.DataFrame,
    targets: pd.DataFrame,
    kinds: pd.Series | dict,
    as_of: int,
    baseline_year: int | None = None,
    alternatives: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Status and figures per target (one row per target, in the targets' order).

    `series` is a yearly series as returned by yearly_series(); `kinds` maps indicator_id to one
    of rank, share, count, amount, index, or is an indicators table (indicator_id, kind and the
    optional upper_bound, breaks, comparable of rules 9 and 17), or a mapping carrying one in its
    `indicators` attribute (Dataset.kinds()); `baseline_year` is the window start B (default
    as_of - 5). `alternatives` (from alternative_points()) sets the source_sensitive flag (rule 12).
    An optional `source_published` column of `targets` (the date the target was stated) sets
    met_before_set.
    """
    ids, pts, alt = _from_frames(series, alternatives)
    return _assess(ids, pts, alt, targets, kinds, as_of, baseline_year)[0]


def _assess(ids, pts, alt, targets, kinds, as_of, baseline_year=None):
    """assess() and the (alternative, target) pairs whose status an alternative would change."""
    A = int(as_of)
    B = A - 5 if baseline_year is None else int(baseline_year)
    n = len(targets)

    comparator = targets["comparator"].astype(str).to_numpy()
    bad = ~np.isin(comparator, COMPARATORS)
    if bad.any():
        raise ValueError(f"unknown comparator(s): {sorted(set(comparator[bad]))}")
    ind = targets["indicator_id"].astype(str).to_numpy()
    kind_map, meta = _indicator_meta(kinds)
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
    pts = _take(pts, (pts["year"] <= A) & ~np.isnan(pts["value"]))
    pts = _take(pts, np.lexsort((pts["year"], pts["key"])))
    t_key = ids.get_indexer(pd.Index(ind, dtype=object))
    wanted = np.zeros(len(ids) + 1, dtype=bool)
    wanted[t_key] = True  # (index -1, no data, lands on the spare last slot)
    alt = _take(alt, (alt["year"] <= A) & wanted[alt["key"]])
    # Indicator metadata by key (rules 9 and 17), one spare row for targets without data.
    n_ids = max(len(ids), 1)
    m = meta.reindex(pd.Index(np.asarray(ids, dtype=object)))
    bound_k = m["upper_bound"].to_numpy(dtype=float) if len(ids) else np.full(1, np.nan)
    brk = _break_matrix(m["breaks"].to_numpy(dtype=object), n_ids)
    # (at least one group, possibly empty, so that targets without data index something typed)
    fig = _figures(pts, brk, n_ids, B)
    keep = fig.pop("keep")

    pos = t_key
    aligned = {c: v[np.where(pos >= 0, pos, 0)] for c, v in fig.items()}
    aligned["n_all"] = np.where(pos >= 0, aligned["n_all"], 0)
    bound = np.where(pos >= 0, bound_k[np.where(pos >= 0, pos, 0)], np.nan)
    not_comparable = ~meta["comparable"].reindex(pd.Index(ind, dtype=object)).fillna(True).to_numpy(dtype=bool)
    res = _rules(A, comparator, kind, T, Y, aligned, bound)
    has, status = res["has"], res["status"]
    met_before_set, achieved_since = _per_point(pts, keep, pos, n_ids, comparator, T, status,
                                                _dates(targets, "source_published", n))

    # Rule 12: one substitution at a time. Each alternative k makes a scenario: its indicator's
    # series with that year's point replaced (or added); the scenario's figures then go through
    # the same rules for every target on that indicator.
    flips = pd.DataFrame({"alt": pd.Series([], dtype=np.int64), "target": pd.Series([], dtype=np.int64),
                          "alt_status": pd.Series([], dtype=object)})
    if alt["row"].size:
        flips = _flips(pts, alt, len(ids), t_key, B, A, comparator, kind, T, Y, status, brk, bound)
    source_sensitive = np.zeros(n, dtype=bool)
    source_sensitive[flips["target"].to_numpy(dtype=np.int64)] = True

    # Rules 11-17, flags (never change the status), joined in FLAGS order via a bit lookup;
    # set whatever rule decided the status.
    low_evidence = has & (res["n_points"] == 2)
    with np.errstate(invalid="ignore"):
        rank_noise = (has & (kind == "rank") & (np.abs(res["gap"]) <= _RANK_NOISE)) | res["noise_band"]
    target_lost = res["r7"]
    is_proxy = has & (aligned["proxy_t"].astype(bool) | aligned["proxy_b"].astype(bool))
    # Rule 14: the latest value or the base point of the window read from a grade-C source.
    weak_source = has & ((aligned["grade_t"] == "C") | (aligned["grade_b"] == "C"))
    floor_only = has & (res["q_t"] == ">")  # the latest value is a floor: "achieved" restates it
    method_break = has & aligned["method_break"]
    bits = (low_evidence * 1 + rank_noise * 2 + target_lost * 4 + source_sensitive * 8 + is_proxy * 16
            + weak_source * 32 + not_comparable * 64 + floor_only * 128 + met_before_set * 256
            + res["at_threshold"] * 512 + method_break * 1024).astype(np.int64)
    flags = _FLAG_TABLE[bits]

    # Rule 11, compound-growth sensitivity figure: strictly positive counts and amounts only.
    t, y_t, b, y_b, Yf = res["t"], res["y_t"], res["b"], res["y_b"], Y.astype(float)
    nan = np.full(n, np.nan)
    cagr_ok = (
        (res["r10"] | res["r7"])
        & np.isin(kind, ("count", "amount"))
        & (y_b > 0)
        & (y_t > 0)
        & (res["T_eff"] > 0)
        & (t > b)
        & (Yf > b)
    )
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        safe_yb = np.where(cagr_ok, y_b, 1.0)
        cagr_actual = (np.where(cagr_ok, y_t, 1.0) / safe_yb) ** (
            1.0 / np.where(cagr_ok, t - b, 1.0)
        ) - 1.0
        cagr_required = (np.where(cagr_ok, res["T_eff"], 1.0) / safe_yb) ** (
            1.0 / np.where(cagr_ok, Yf - b, 1.0)
        ) - 1.0
        cagr_ratio = np.divide(
            cagr_actual, cagr_required, out=nan.copy(), where=cagr_ok & (cagr_required != 0)
        )

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
            "latest_qualifier": np.where(has, res["q_t"], np.nan).astype(object),
            "n_points": res["n_points"],
            "gap": res["gap"],
            "pace_actual": res["s"],
            "pace_required": res["r"],
            "pace_required_now": res["r_now"],
            "projected_value": res["p"],
            "ratio": res["R"],
            "cagr_ratio": cagr_ratio,
            "status": status,
            "flags": flags,
            "target_effective": res["T_eff"],
            "needed_next_year": res["next_year"],
            "needed_next_value": res["next_value"],
            "upper_bound": res["ub"],
            "projection_bounded": res["bounded"],
            "achieved_since": achieved_since,
            "latest_grade": np.where(has, aligned["grade_t"], "").astype(object),
            "baseline_grade": np.where(has, aligned["grade_b"], "").astype(object),
            "latest_out_of": np.where(has, aligned["out_of_t"], np.nan).astype(float),
            "baseline_out_of": np.where(has, aligned["out_of_b"], np.nan).astype(float),
        }
    )
    return out[SCORECARD_COLUMNS], flips


def _flips(pts, alt, n_ids, t_key, B, A, comparator, kind, T, Y, status, brk, bound):
    """(alternative, target) pairs whose status differs when the alternative stands for its year."""
    key, years = pts["key"], pts["year"]
    a_key, a_year = alt["key"], alt["year"]
    n_alt = a_key.size
    # Series rows of each alternative's indicator, minus the year it replaces.
    order = np.argsort(key, kind="stable")
    counts = np.bincount(key, minlength=n_ids)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    lengths = counts[a_key]
    scen = np.repeat(np.arange(n_alt), lengths)
    offset = np.arange(scen.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    rows = order[starts[a_key][scen] + offset]
    keep = years[rows] != a_year[scen]
    scen, rows = scen[keep], rows[keep]
    scenario = {f: np.concatenate([pts[f][rows], alt[f]]) for f in _POINT_FIELDS}
    scenario["key"] = np.concatenate([scen, np.arange(n_alt)])
    f = _figures(scenario, brk[a_key], n_alt, B)
    f.pop("keep")
    # Pairs: each alternative with every target on its indicator.
    t_order = np.argsort(t_key, kind="stable")
    t_counts = np.bincount(t_key[t_key >= 0], minlength=n_ids)
    t_starts = np.concatenate(([0], np.cumsum(t_counts)[:-1])).astype(np.int64) + int((t_key < 0).sum())
    p_len = t_counts[a_key]
    p_alt = np.repeat(np.arange(n_alt), p_len)
    p_off = np.arange(p_alt.size) - np.repeat(np.cumsum(p_len) - p_len, p_len)
    p_tgt = t_order[t_starts[a_key][p_alt] + p_off]
    res = _rules(A, comparator[p_tgt], kind[p_tgt], T[p_tgt], Y[p_tgt], {c: v[p_alt] for c, v in f.items()},
                 bound[p_tgt])
    flip = res["status"] != status[p_tgt]
    return pd.DataFrame({"alt": p_alt[flip], "target": p_tgt[flip], "alt_status": res["status"][flip]})


def _per_point(pts, keep, pos, n_ids, comparator, T, status, published):
    """met_before_set and achieved_since per target, from every (target, point of its indicator) pair.

    pts sorted by key, year; keep marks the points after the latest break (the assessed series).
    met_before_set: a point dated before the target was stated (published, NaT for unknown) met it.
    achieved_since: for an achieved target, the first year of the unbroken run of assessed points,
    ending at the latest, that meet the comparator.
    """
    n = pos.size
    counts = np.bincount(pts["key"], minlength=n_ids)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    # Only targets that can carry either figure: achieved, or with a known date of statement.
    has = (pos >= 0) & ((status == "achieved") | ~np.isnat(published))
    lengths = np.where(has, counts[np.where(pos >= 0, pos, 0)], 0)
    p_tgt = np.repeat(np.arange(n), lengths)
    offset = np.arange(p_tgt.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    p_pt = starts[pos[p_tgt]] + offset
    met = _meets(comparator[p_tgt], T[p_tgt], pts["value"][p_pt], pts["qual"][p_pt])
    before = pts["end"][p_pt] < published[p_tgt]  # NaT compares False
    met_before_set = np.bincount(p_tgt, weights=met & before, minlength=n) > 0

    yr = pts["year"][p_pt].astype(float)
    used = keep[p_pt]
    last_fail = np.full(n, -np.inf)
    np.maximum.at(last_fail, p_tgt[used & ~met], yr[used & ~met])
    run = used & met & (yr > last_fail[p_tgt])
    since = np.full(n, np.inf)
    np.minimum.at(since, p_tgt[run], yr[run])
    achieved_since = np.where((status == "achieved") & np.isfinite(since), since, np.nan)
    return met_before_set, achieved_since


def _dates(targets: pd.DataFrame, col: str, n: int) -> np.ndarray:
    """A column of ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) as datetime64, the period's first day; NaT if none."""
    if col not in targets:
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    text = targets[col].fillna("").astype(str).str.strip()
    padded = text.where(text.str.len() != 4, text + "-01-01").where(text.str.len() != 7, text + "-01")
    return pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce").to_numpy(dtype="datetime64[ns]")


def _indicator_meta(kinds) -> tuple[pd.Series, pd.DataFrame]:
    """indicator_id -> kind, and per indicator its upper_bound, breaks and comparable (rules 9, 17).

    kinds: a mapping of kinds (no metadata), an indicators table, or a mapping carrying one in
    its `indicators` attribute (Dataset.kinds()).
    """
    table = kinds if isinstance(kinds, pd.DataFrame) else getattr(kinds, "indicators", None)
    if table is None:
        kind_map = pd.Series(kinds, dtype=object)
        meta = pd.DataFrame(index=kind_map.index)
    else:
        meta = table.drop_duplicates("indicator_id").set_index("indicator_id")
        kind_map = meta["kind"].astype(object)
    meta = pd.DataFrame({
        "upper_bound": (pd.to_numeric(meta["upper_bound"], errors="coerce") if "upper_bound" in meta
                        else pd.Series(np.nan, index=meta.index)).astype(float),
        "breaks": (meta["breaks"].fillna("").astype(str) if "breaks" in meta
                   else pd.Series("", index=meta.index, dtype=object)),
        "comparable": (meta["comparable"].map(lambda v: v is not False and str(v).strip().lower() != "false")
                       if "comparable" in meta else pd.Series(True, index=meta.index)).astype(bool),
    }, index=meta.index)
    return kind_map, meta


def _break_matrix(breaks: np.ndarray, n_groups: int) -> np.ndarray:
    """Declared break years as an (n_groups, K) array, padded with a year no point reaches."""
    lists = [[int(y) for y in str(b).split(";") if y.strip()] if isinstance(b, str) else [] for b in breaks]
    k = max((len(x) for x in lists), default=0)
    out = np.full((n_groups, k), np.iinfo(np.int64).max, dtype=np.int64)
    for i, x in enumerate(lists[:n_groups]):
        out[i, : len(x)] = x
    return out


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
    return _scorecard(observations, targets, kinds, as_of, baseline_year)[0]


def status_alternatives(
    observations: pd.DataFrame,
    targets: pd.DataFrame,
    kinds: pd.Series | dict,
    as_of: int,
    baseline_year: int | None = None,
) -> pd.DataFrame:
    """Every unselected figure that would change a target's status in this window (rule 12).

    One row per (target, alternative), in the targets' order then the alternatives' year:
    the status now and the status the alternative would give (`alt_status`), the alternative's
    period, value, qualifier, source_id, producer and proxy flag, the selected point it would
    replace (`replaces_period`, `replaces_value`; empty when the year has no selected figure)
    and `row`, its position in `observations`. The targets listed are exactly those whose
    scorecard flags carry source_sensitive for the same as_of and baseline_year.
    """
    return _scorecard(observations, targets, kinds, as_of, baseline_year)[1]


def scorecard_and_alternatives(observations, targets, kinds, as_of, baseline_year=None):
    """scorecard() and status_alternatives() of one window, from one pass over the data."""
    return _scorecard(observations, targets, kinds, as_of, baseline_year)


def _scorecard(observations, targets, kinds, as_of, baseline_year=None):
    ids, pts, alt = _select(observations, as_of)
    sc, flips = _assess(ids, pts, alt, targets, kinds, as_of, baseline_year)
    a = _frame(observations, _take(alt, flips["alt"].to_numpy(dtype=np.int64)), ids)
    tg = sc.iloc[flips["target"].to_numpy(dtype=np.int64)].reset_index(drop=True)
    series = _frame(observations, _take(pts, np.isin(pts["key"], ids.get_indexer(a["indicator_id"]))), ids)
    replaced = a[["indicator_id", "year"]].merge(
        series[["indicator_id", "year", "period", "value"]], on=["indicator_id", "year"], how="left"
    )
    out = pd.DataFrame(
        {
            "target_id": tg["target_id"],
            "indicator_id": tg["indicator_id"],
            "window_start": tg["window_start"],
            "status": tg["status"],
            "alt_status": flips["alt_status"].to_numpy(),
            "period": a["period"],
            "value": a["value"],
            "qualifier": a["qualifier"],
            "source_id": _text_column(observations, "source_id", a["row"].to_numpy(dtype=np.int64)),
            "producer": a["producer"],
            "proxy": a["proxy"].astype(bool),
            "replaces_period": replaced["period"].to_numpy(dtype=object),
            "replaces_value": replaced["value"].to_numpy(dtype=float),
            "row": a["row"].astype(np.int64),
        }
    )
    order = np.lexsort((a["year"].to_numpy(), flips["target"].to_numpy()))
    return sc, out.iloc[order].reset_index(drop=True)[ALTERNATIVE_COLUMNS]
