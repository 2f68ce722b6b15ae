"""Status history: each target's short-term status as it would have been assessed in each past year.

Year y is assessed with the engine's `as_of=y`, so only figures dated in or before y count — the
picture an analyst would have had then, not a revision with later data.
"""
from __future__ import annotations

import pandas as pd

from . import config
from .progress import assess, yearly_series


def status_history(observations: pd.DataFrame, targets: pd.DataFrame, kinds: pd.Series | dict,
                   as_of: int, baseline_year: int | None = None) -> pd.DataFrame:
    """Rows: target_id (the targets' order); columns: every year from the first with data to as_of.

    The short-term window starts at y − 5. With a baseline year B given for as_of, each year keeps
    the same window length (y − (as_of − B)), as the report's comparison with the year before does.
    With no data up to as_of the frame has the targets and no year column.
    """
    as_of = int(as_of)
    span = as_of - int(baseline_year) if baseline_year is not None else config.SHORT_WINDOW
    series = yearly_series(observations, as_of)  # assess() drops the years after each y itself
    index = pd.Index(targets["target_id"].astype(str).to_list(), name="target_id")
    if series.empty:
        return pd.DataFrame(index=index, columns=pd.Index([], dtype="int64", name="year"), dtype=object)
    years = range(int(series["year"].min()), as_of + 1)
    columns = {y: assess(series, targets, kinds, y, y - span)["status"].to_numpy() for y in years}
    return pd.DataFrame(columns, index=index).rename_axis(columns="year")


def dataset_history(ds, as_of: int, baseline_year: int | None = None) -> pd.DataFrame:
    """status_history() of a loaded Dataset."""
    return status_history(ds.observations, ds.targets, ds.kinds(), as_of, baseline_year)


def recent_changes(history: pd.DataFrame, years: int = 2) -> pd.DataFrame:
    """Every change of status into one of the last `years` years of the history.

    One row per change (a target that changed twice has two rows), in the targets' order, then by
    year: target_id, from_status, to_status, year.
    """
    cols = list(history.columns)
    rows = []
    for target, statuses in history.iterrows():
        for prev, year in zip(cols[:-1], cols[1:]):
            if year > cols[-1] - years and statuses[prev] != statuses[year]:
                rows.append({"target_id": target, "from_status": statuses[prev],
                             "to_status": statuses[year], "year": int(year)})
    return pd.DataFrame(rows, columns=["target_id", "from_status", "to_status", "year"])
