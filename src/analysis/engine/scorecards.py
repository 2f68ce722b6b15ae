"""An edition's numbers: the scorecard of both windows (the short-term headline, the long-term status
beside it) with the releases due (rule 19), the figures that would change a status in either window (rule
12) and those a reader can be shown, the scorecard a year earlier, the base-year sensitivity, and the yearly
points with their sources and grades. Every output reads them through the bundle (editions/bundle.py); the
import command and the changes between editions call them directly."""
from __future__ import annotations

import pandas as pd

from .. import config, i18n
from ..data.schema import Dataset
from . import currency
from .memo import per_dataset
from .progress import scorecard_and_alternatives
from .series import yearly_series

LONG_COLUMNS = ("status", "flags", "window_start", "baseline_year", "baseline_value", "projected_value", "ratio",
                "pace_actual", "pace_required", "n_points", "needed_next_value", "needed_next_year", "baseline_out_of")


def scorecards(ds: Dataset, as_of: int, baseline_year: int | None = None) -> pd.DataFrame:
    """Short-term scorecard (the headline) with the long-term status beside it."""
    return _windows(ds, as_of, baseline_year)[0]


def alternatives(ds: Dataset, as_of: int, baseline_year: int | None = None) -> pd.DataFrame:
    """Rule 12, both windows: each unselected figure that would change a status, with its window."""
    return _windows(ds, as_of, baseline_year)[1]


@per_dataset
def _windows(ds: Dataset, as_of: int, baseline_year: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both windows in one pass each: the scorecard (long-term status beside the short-term one) and the
    alternatives that would change a status in either window."""
    kinds = ds.kinds()
    short, a_short = scorecard_and_alternatives(ds.observations, ds.targets, kinds, as_of,
                                                baseline_year if baseline_year else as_of - config.SHORT_WINDOW)
    long, a_long = scorecard_and_alternatives(ds.observations, ds.targets, kinds, as_of,
                                              as_of - config.LONG_WINDOW)
    for col in LONG_COLUMNS:  # the engine adds some of these itself; the rest are copied here
        if col in long and f"{col}_long" not in short:
            short[f"{col}_long"] = long[col].values
    meta = ds.indicators.set_index("indicator_id")
    short["pillar"] = short["indicator_id"].map(meta["pillar"])
    short["kind"] = short["indicator_id"].map(meta["kind"])
    short["unit"] = short["indicator_id"].map(meta["unit"])
    short["as_of_year"] = as_of
    short["unit_vi"] = short["indicator_id"].map(meta["unit_vi"])
    # Rule 19: the releases due by the data cut-off and not in the data; the next figure is asked of them.
    short = currency.with_due_releases(short, ds.targets, ds.indicators, ds.observations,
                                       currency.data_cutoff(ds.sources))
    alts = pd.concat([a_short.assign(window="short"), a_long.assign(window="long")], ignore_index=True)
    alts["publisher"] = alts["source_id"].map(ds.sources.set_index("source_id")["publisher"])
    return short, alts


def edition_numbers(ds: Dataset, as_of: int, baseline_year: int | None = None) -> None:
    """Work out, and keep on ds (engine/memo.py), the numbers every language's edition of as_of reads:
    the build process does it once and hands ds to the editions' notebooks (editions/pipeline.py)."""
    from .history import dataset_history, status_changes

    _windows(ds, as_of, baseline_year)
    for shifted in _sensitivity_starts(as_of, baseline_year):  # base_sensitivity's, the same in every language
        _shifted_window(ds, as_of, shifted)
    previous_scorecard(ds, as_of, baseline_year)
    points(ds, as_of)
    dataset_history(ds, as_of, baseline_year)
    status_changes(ds, as_of - 1, as_of, baseline_year)


def previous_scorecard(ds: Dataset, as_of: int, baseline_year: int | None = None) -> pd.DataFrame | None:
    """The scorecard one year earlier, for 'what changed' (None when there is no earlier data)."""
    span = ds.years()
    if span is None or as_of - 1 < span[0]:
        return None
    return scorecards(ds, as_of - 1, baseline_year - 1 if baseline_year else None)


@per_dataset
def points(ds: Dataset, as_of: int) -> pd.DataFrame:
    """The yearly points the engine uses, with each point's status and source."""
    series = yearly_series(ds.observations, as_of)
    cols = ["indicator_id", "period", "status", "source_id", "locator"]
    cols += [c for c in ("grade", "out_of") if c in ds.observations and c not in series]  # rule 14, ranks' out_of
    sel = ds.observations[ds.observations["selected"]][cols]
    out = series.merge(sel, on=["indicator_id", "period"], how="left").rename(columns={"status": "obs_status"})
    src = ds.sources.set_index("source_id")
    out["publisher"] = out["source_id"].map(src["publisher"])
    out["published"] = out["source_id"].map(src["published"]).fillna("")
    return out


def base_sensitivity(ds: Dataset, sc: pd.DataFrame, as_of: int, baseline_year: int | None) -> dict:
    """target_id -> [(base year, status)] for the short window's start one year earlier and later where the
    status would differ: the page then says the status rests on the choice of the base year."""
    now = dict(zip(sc["target_id"], sc["status"]))
    out: dict = {}
    for b in _sensitivity_starts(as_of, baseline_year):
        other = _shifted_window(ds, as_of, b)
        for t, s, base in zip(other["target_id"], other["status"], other["baseline_year"]):
            if now.get(t) not in (None, "achieved", "no_data", "insufficient_data") and s != now[t] \
                    and not i18n.is_missing(base):
                out.setdefault(t, []).append((int(base), s))
    return out


def _sensitivity_starts(as_of: int, baseline_year: int | None) -> tuple[int, int]:
    """The short window's start one year earlier and one year later."""
    start = baseline_year if baseline_year else as_of - config.SHORT_WINDOW
    return start - 1, start + 1


@per_dataset
def _shifted_window(ds: Dataset, as_of: int, start: int) -> pd.DataFrame:
    """Each target's short-term status (and base year) with the window starting in `start`."""
    sc = scorecard_and_alternatives(ds.observations, ds.targets, ds.kinds(), as_of, start)[0]
    return sc[["target_id", "status", "baseline_year"]]


def printable_alternatives(alts: pd.DataFrame) -> pd.DataFrame:
    """The contested figures a reader can be shown: an alternative that only makes a series 'insufficient data'
    (by standing alone as another producer's series) says nothing about the target and is left out."""
    if not len(alts):
        return alts
    return alts[~alts["alt_status"].isin(["insufficient_data", "no_data"])].reset_index(drop=True)


def with_grade(points: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """The points with the grade of the selected figure behind each (rule 14), when the data carry grades."""
    if "grade" in points or "grade" not in observations:
        return points
    grades = observations[observations["selected"]][["indicator_id", "period", "grade"]]
    grades = grades.drop_duplicates(["indicator_id", "period"])
    return points.merge(grades, on=["indicator_id", "period"], how="left")
