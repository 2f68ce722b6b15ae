"""Per-indicator figures, independent of the target and shared by all targets on one indicator: the latest
point, the base point (rule 6), the points in [b, t] and their least-squares slope (rule 8), after the latest
producer or declared method break (rule 17)."""

from __future__ import annotations

import numpy as np

from .series import _after_last_break


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
