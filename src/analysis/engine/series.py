"""Which figure stands for each year: the yearly series of each indicator (one selected, full-year,
latest-dated figure a year up to the as-of year), the unselected figures that could stand in for a year's
point (rule 12), and producer breaks (rule 17). Points travel as parallel arrays; `_frame` turns them into
the DataFrames the rest of the code reads."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import numpy as np
import pandas as pd


_PERIOD = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_ENDS: dict[str, tuple[int, np.datetime64] | None] = {}  # period text -> (year, end date); None: invalid


def _period_end_of(text: str) -> tuple[int, np.datetime64] | None:
    """(year, last day) of one period text, or None when it is not YYYY, YYYY-MM or YYYY-MM-DD."""
    if text not in _ENDS:
        p = text.strip()
        end = None
        if _PERIOD.fullmatch(p):
            try:
                y = int(p[:4])
                if len(p) == 4:
                    end = dt.date(y, 12, 31)
                elif len(p) == 7:  # a month counts as its last day
                    end = dt.date(y, int(p[5:7]), calendar.monthrange(y, int(p[5:7]))[1])
                else:
                    end = dt.date(y, int(p[5:7]), int(p[8:10]))
            except ValueError:  # no such month or day
                end = None
        _ENDS[text] = None if end is None else (end.year, np.datetime64(end, "ns"))
    return _ENDS[text]


def _period_ends(periods: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Year and end date (datetime64) of each period string.

    Parsed once per distinct string, and remembered: the engine reads the same periods many times.
    """
    texts = periods.astype(str).to_list()
    parsed = [_period_end_of(t) for t in texts]
    if None in parsed:
        bad = list(dict.fromkeys(t.strip() for t, v in zip(texts, parsed) if v is None))
        raise ValueError("invalid period (expected YYYY, YYYY-MM or YYYY-MM-DD): "
                         + ", ".join(repr(p) for p in bad[:5]))
    years = np.fromiter((v[0] for v in parsed), dtype=np.int64, count=len(parsed))
    ends = np.array([v[1] for v in parsed], dtype="datetime64[ns]") if parsed else np.array([], dtype="datetime64[ns]")
    return years, ends


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
