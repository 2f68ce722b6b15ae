"""Rule 19, how current: the data cut-off and the releases due before it that the data lack.

Each indicator may declare when its producer publishes (`release_months`, e.g. "9" or "1;7") and
which period an edition covers (`release_covers`: `same_year` when the 2025 edition appears in
2025, `previous_year` when a full-year 2025 figure appears in 2026). An edition counts as due
once the first of its release months has ended; the report says so for every target whose
latest due edition is not in the data, and asks rule 15's next figure of that edition. How the
editions say it is editions/currency_text.py.
"""
from __future__ import annotations

import calendar
from datetime import date

import numpy as np
import pandas as pd

DUE_COLUMNS = ["release_due", "release_due_month"]


def _date(text: str) -> date | None:
    """The last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) may stand for; None if empty or invalid."""
    text = str(text or "").strip()
    try:
        if len(text) == 4:
            return date(int(text), 12, 31)
        if len(text) == 7:
            y, m = int(text[:4]), int(text[5:7])
            return date(y, m, calendar.monthrange(y, m)[1])
        if len(text) == 10:
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def data_cutoff(sources: pd.DataFrame) -> date | None:
    """The data cut-off: the latest date on which a source was read (`accessed` of sources.csv).

    The one definition every output uses; None when no source has an access date."""
    if "accessed" not in sources or len(sources) == 0:
        return None
    dates = [d for d in (_date(a) for a in sources["accessed"].fillna("")) if d is not None]
    return max(dates) if dates else None


def release_date(edition: int, months: str, covers: str) -> date | None:
    """The day by which an edition is out: the last day of its first release month, in the edition's
    year (same_year) or the next (previous_year). None when the calendar is not declared."""
    months, covers = str(months or "").strip(), str(covers or "").strip()
    if not months or covers not in ("same_year", "previous_year"):
        return None
    month = min(int(m) for m in months.split(";"))
    year = int(edition) + (1 if covers == "previous_year" else 0)
    return date(year, month, calendar.monthrange(year, month)[1])


def latest_due(months: str, covers: str, cutoff: date | None) -> int | None:
    """The latest edition (its period label, a year) due on or before the cut-off; None if unknown."""
    if cutoff is None or not str(months or "").strip():
        return None
    edition = cutoff.year - (1 if str(covers).strip() == "previous_year" else 0)
    while edition > cutoff.year - 3:
        out = release_date(edition, months, covers)
        if out is None:
            return None
        if out <= cutoff:
            return edition
        edition -= 1
    return None


def due_releases(targets: pd.DataFrame, indicators: pd.DataFrame, observations: pd.DataFrame,
                 cutoff: date | None) -> pd.DataFrame:
    """Per target (in the targets' order): `release_due`, the latest edition of its indicator due by the
    cut-off that the data lack (no selected full-year figure for that year), and `release_due_month`, the
    month the producer usually publishes it; both empty when nothing is due or no calendar is declared."""
    from .series import yearly_series

    meta = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    col = lambda c: meta[c].fillna("").astype(str) if c in meta else pd.Series("", index=meta.index)  # noqa: E731
    months, covers = col("release_months"), col("release_covers")
    series = yearly_series(observations, as_of=9999) if len(observations) else None
    have = set() if series is None else set(zip(series["indicator_id"], series["year"].astype(int)))
    due, month = [], []
    for ind in targets["indicator_id"].astype(str):
        m, c = months.get(ind, ""), covers.get(ind, "")
        e = latest_due(m, c, cutoff)
        if e is None or (ind, e) in have:
            due.append(pd.NA)
            month.append(pd.NA)
        else:
            due.append(e)
            month.append(min(int(x) for x in m.split(";")))
    return pd.DataFrame({"target_id": targets["target_id"].to_numpy(),
                         "release_due": pd.array(due, dtype="Int64"),
                         "release_due_month": pd.array(month, dtype="Int64")})


def with_due_releases(scorecard: pd.DataFrame, targets: pd.DataFrame, indicators: pd.DataFrame,
                      observations: pd.DataFrame, cutoff: date | None) -> pd.DataFrame:
    """The scorecard with DUE_COLUMNS, and rule 15's next figure asked of the due edition (rule 19):
    where a release is due and a next figure is asked, needed_next_year becomes that edition and
    needed_next_value its point on the straight line from the latest figure to the target."""
    from .level import needed_value

    out = scorecard.copy()
    due = due_releases(targets, indicators, observations, cutoff).set_index("target_id")
    for c in DUE_COLUMNS:
        out[c] = out["target_id"].map(due[c]).astype("Int64")
    kind = out["indicator_id"].map(indicators.drop_duplicates("indicator_id").set_index("indicator_id")["kind"])
    rd = out["release_due"].astype(float).to_numpy()
    asked = ~np.isnan(out["needed_next_year"].to_numpy(dtype=float)) & ~np.isnan(rd)
    asked &= rd <= out["target_year"].to_numpy(dtype=float)
    if asked.any():
        value = needed_value(out["latest_value"], out["pace_required_now"], out["latest_year"].astype(float),
                             np.where(asked, rd, 0.0), kind.to_numpy(dtype=object),
                             out["comparator"].to_numpy(dtype=object))
        out["needed_next_year"] = np.where(asked, rd, out["needed_next_year"].to_numpy(dtype=float))
        out["needed_next_value"] = np.where(asked, value, out["needed_next_value"].to_numpy(dtype=float))
    return out
