"""Progress-to-target engine: the scorecard of every target as of a year.

Implements docs/methodology.md ("How the report assesses progress to a target"): for each target, the
status that answers "at the pace seen so far, will the target be met by its year?", with the
figures behind it. Rule numbers in the comments of engine/ refer to that document.

The steps: series.py picks each indicator's yearly series; figures.py takes its latest point, base and
slope; target_types.py hands each target to the rules of its type (level.py); this module runs them on all
targets at once, then sets the marks (rules 11-17) and finds the figures that would change a status (rule 12).

Everything is vectorised: per-indicator figures (latest point, base point, least-squares slope)
come from grouped sums over the whole series at once, and the rules are then applied to all targets
together as boolean masks, in the document's order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .figures import _figures
from .level import _RANK_NOISE, _meets
from .series import _POINT_FIELDS, _frame, _from_frames, _select, _take, _text_column
from .periods import period_figures
from .target_types import LEVEL, PERIOD_COLUMNS, assess as assess_types, types_of
from .terms import ALTERNATIVE_COLUMNS, COMPARATORS, FLAGS, KINDS, SCORECARD_COLUMNS

# Every combination of flags, joined in FLAGS order, indexed by its bit pattern.
_FLAG_TABLE = np.array(
    [";".join(f for i, f in enumerate(FLAGS) if code >> i & 1) for code in range(2 ** len(FLAGS))],
    dtype=object,
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


def assess_each(series: pd.DataFrame, targets: pd.DataFrame, kinds, windows) -> list[pd.DataFrame]:
    """assess(series, targets, kinds, as_of, baseline_year) for each (as_of, baseline_year) of windows, the
    series turned into arrays once (the status history assesses the same series for every year)."""
    ids, pts, alt = _from_frames(series, None)
    return [_assess(ids, pts, alt, targets, kinds, a, b)[0] for a, b in windows]


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
    # The type of each target (empty: level) and the first year of its period (cumulative, average growth).
    ttype = types_of(targets["target_type"].to_numpy() if "target_type" in targets else None, n)
    P = (pd.to_numeric(targets["period_start"], errors="coerce").to_numpy(dtype=float) if "period_start" in targets
         else np.full(n, np.nan))

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
    aligned.update(period_figures(pts, keep, pos, P, ttype != LEVEL, Y))
    res = assess_types(A, comparator, kind, T, Y, aligned, bound, ttype, P)
    has, status = res["has"], res["status"]
    met_before_set, achieved_since = _per_point(pts, keep, pos, n_ids, comparator, T, status,
                                                _dates(targets, "source_published", n))
    # Both speak of single figures against a level: not of a total or a growth rate.
    met_before_set = met_before_set & (ttype == LEVEL)
    achieved_since = np.where(ttype == LEVEL, achieved_since, np.nan)

    # Rule 12: one substitution at a time. Each alternative k makes a scenario: its indicator's
    # series with that year's point replaced (or added); the scenario's figures then go through
    # the same rules for every target on that indicator.
    flips = pd.DataFrame({"alt": pd.Series([], dtype=np.int64), "target": pd.Series([], dtype=np.int64),
                          "alt_status": pd.Series([], dtype=object)})
    if alt["row"].size:
        flips = _flips(pts, alt, len(ids), t_key, B, A, comparator, kind, T, Y, status, brk, bound, ttype, P)
    source_sensitive = np.zeros(n, dtype=bool)
    source_sensitive[flips["target"].to_numpy(dtype=np.int64)] = True

    # Rules 11-17, flags (never change the status), joined in FLAGS order via a bit lookup;
    # set whatever rule decided the status.
    low_evidence = res["low_evidence"]  # rule 11 (G4 for an average-growth target)
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
            + res["at_threshold"] * 512 + method_break * 1024 + res["missing_flag"] * 2048
            + res["no_base_flag"] * 4096).astype(np.int64)
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
            "target_type": ttype,
            "period_start": pd.array(P, dtype="Int64"),
            **{c: res[c] for c in PERIOD_COLUMNS},
            "missing_years": res["missing_years"],
        }
    )
    return out[SCORECARD_COLUMNS], flips


def _flips(pts, alt, n_ids, t_key, B, A, comparator, kind, T, Y, status, brk, bound, ttype, P):
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
    keep = f.pop("keep")
    # Pairs: each alternative with every target on its indicator.
    t_order = np.argsort(t_key, kind="stable")
    t_counts = np.bincount(t_key[t_key >= 0], minlength=n_ids)
    t_starts = np.concatenate(([0], np.cumsum(t_counts)[:-1])).astype(np.int64) + int((t_key < 0).sum())
    p_len = t_counts[a_key]
    p_alt = np.repeat(np.arange(n_alt), p_len)
    p_off = np.arange(p_alt.size) - np.repeat(np.cumsum(p_len) - p_len, p_len)
    p_tgt = t_order[t_starts[a_key][p_alt] + p_off]
    fp = {c: v[p_alt] for c, v in f.items()}
    fp.update(period_figures(scenario, keep, p_alt, P[p_tgt], ttype[p_tgt] != LEVEL, Y[p_tgt]))
    res = assess_types(A, comparator[p_tgt], kind[p_tgt], T[p_tgt], Y[p_tgt], fp, bound[p_tgt], ttype[p_tgt], P[p_tgt])
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
