"""Rule 14's mark ° on a target page, window by window: which figure of each assessment is grade C.

The flag weak_source is set when the latest value or the base point of a window is grade C, so the short-term and
the long-term assessment of one target can differ in it (a base year read in a repost in one window only). The page
then says, for each window, which figure the mark refers to, and that the other window rests on no grade-C figure.
"""
from __future__ import annotations

import pandas as pd

from .. import i18n


def _grade(points: pd.DataFrame, indicator: str, year) -> str:
    if i18n.is_missing(year):
        return ""
    p = points[(points["indicator_id"] == indicator) & (points["year"] == int(year))]
    return str(p["grade"].iloc[-1]) if len(p) and "grade" in p else ""


def window_parts(row: dict, points: pd.DataFrame, lang: str) -> list[str]:
    """One clause per assessed window when the mark is on either window; empty when it is on neither."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    windows = (("short", row.get("flags"), row.get("baseline_year"), row.get("status")),
               ("long", row.get("flags_long"), row.get("baseline_year_long"), row.get("status_long")))
    if not any("weak_source" in str(f or "").split(";") for _, f, _, _ in windows):
        return []
    latest = row.get("latest_year")
    parts = []
    for name, flags, base, status in windows:
        if i18n.is_missing(status) or status == "no_data" or i18n.is_missing(latest):
            continue
        window = T(f"weak_window.{name}")
        weak = [T("weak_window.latest", year=int(latest))] if _grade(points, row["indicator_id"], latest) == "C" else []
        if not i18n.is_missing(base) and int(base) != int(latest) and _grade(points, row["indicator_id"], base) == "C":
            weak.append(T("weak_window.base", year=int(base)))
        if "weak_source" in str(flags or "").split(";") and weak:
            key = "weak_window.weak_two" if len(weak) == 2 else "weak_window.weak_one"
            parts.append(T(key, window=window, which=T("weak_window.both", first=weak[0], second=weak[-1])
                           if len(weak) == 2 else weak[0]))
        elif not i18n.is_missing(base):
            parts.append(T("weak_window.clean", window=window, latest=int(latest), base=int(base)))
    return parts


def mark_note(row: dict, points: pd.DataFrame, lang: str) -> str:
    """The ° mark with its meaning and, after a dash, what it refers to in each window."""
    meaning = f"{i18n.FLAG_MARKS['weak_source']} {i18n.FLAG_NAMES[lang]['weak_source']}"
    parts = window_parts(row, points, lang)
    return f"{meaning} — {', '.join(parts)}" if parts else meaning
