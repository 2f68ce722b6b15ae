"""Status history: each target's short-term status as it would have been assessed in each past year.

Year y is assessed with the engine's `as_of=y`, so only figures dated in or before y count — the
picture an analyst would have had then, not a revision with later data.
"""
from __future__ import annotations

import pandas as pd

from .. import config
from ..frame_attrs import Shared
from .memo import per_dataset
from .progress import assess_each, scorecard
from .series import yearly_series

# Rule 16: why a status changed, in order of precedence (the first that applies is given).
CAUSES = ("new_figure", "revision", "selection", "method", "window")


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
    assessed = assess_each(series, targets, kinds, [(y, y - span) for y in years])
    columns = {y: a["status"].to_numpy() for y, a in zip(years, assessed)}
    out = pd.DataFrame(columns, index=index).rename_axis(columns="year")
    # Rule 16: the years in which each target's indicator has a figure, so that recent_changes() can
    # tell a change brought by a new figure from one brought only by the window's start moving.
    by_ind = series.groupby("indicator_id")["year"].agg(lambda y: tuple(sorted(set(int(v) for v in y))))
    out.attrs["figure_years"] = Shared({str(t): by_ind.get(str(i), ()) for t, i in
                                        zip(targets["target_id"], targets["indicator_id"])})
    return out


@per_dataset
def dataset_history(ds, as_of: int, baseline_year: int | None = None) -> pd.DataFrame:
    """status_history() of a loaded Dataset."""
    return status_history(ds.observations, ds.targets, ds.kinds(), as_of, baseline_year)


def recent_changes(history: pd.DataFrame, years: int = 2) -> pd.DataFrame:
    """Every change of status into one of the last `years` years of the history.

    One row per change (a target that changed twice has two rows), in the targets' order, then by
    year: target_id, from_status, to_status, year, cause. Within one data set the cause (rule 16)
    is `new_figure` when the target's indicator has a figure in that year, else `window` (only the
    window's start moved); "" for a history that does not carry its figure years.
    """
    cols = list(history.columns)
    figure_years = history.attrs.get("figure_years")
    rows = []
    for target, statuses in history.iterrows():
        for prev, year in zip(cols[:-1], cols[1:]):
            if year > cols[-1] - years and statuses[prev] != statuses[year]:
                if figure_years is None:
                    cause = ""
                else:
                    cause = "new_figure" if int(year) in figure_years.get(str(target), ()) else "window"
                rows.append({"target_id": target, "from_status": statuses[prev],
                             "to_status": statuses[year], "year": int(year), "cause": cause})
    return pd.DataFrame(rows, columns=["target_id", "from_status", "to_status", "year", "cause"])


@per_dataset
def status_changes(ds, before_as_of: int, after_as_of: int, baseline_year: int | None = None, *,
                   before_ds=None, before_code_version: str | None = None,
                   after_code_version: str | None = None) -> pd.DataFrame:
    """Targets whose short-term status differs between two assessments, with the cause (rule 16).

    The earlier assessment is `before_ds` (an earlier edition's data; default: the same `ds`) as of
    `before_as_of`, the later one `ds` as of `after_as_of`; both windows have the same length
    (after_as_of - baseline_year, default config.SHORT_WINDOW). Columns target_id, before, after,
    cause, in the later targets' order. The cause is the first of CAUSES that applies to the
    target's indicator: new_figure (a year with a figure now that had none before, e.g. a figure
    dated after the earlier as-of), revision (a year's figure, from the same source, changed value
    or a year lost its figure), selection (another figure selected for a year, or its grade
    changed), method (the code versions differ, or the indicator's bound or breaks), window (no
    figure changed: only the window's start moved).
    """
    before_ds = ds if before_ds is None else before_ds
    span = int(after_as_of) - int(baseline_year) if baseline_year is not None else config.SHORT_WINDOW
    sa = scorecard(ds.observations, ds.targets, ds.kinds(), int(after_as_of), int(after_as_of) - span)
    sb = scorecard(before_ds.observations, before_ds.targets, before_ds.kinds(), int(before_as_of),
                   int(before_as_of) - span)
    both = sa[["target_id", "indicator_id", "status"]].merge(
        sb[["target_id", "status"]], on="target_id", how="inner", suffixes=("", "_before"))
    both = both[both["status"] != both["status_before"]]
    pa = _points(ds, int(after_as_of))
    pb = _points(before_ds, int(before_as_of))
    meta_a, meta_b = _method_meta(ds), _method_meta(before_ds)
    code_changed = (before_code_version is not None and after_code_version is not None
                    and before_code_version != after_code_version)
    rows = []
    for r in both.itertuples(index=False):
        a = pa.get(r.indicator_id, {})
        b = pb.get(r.indicator_id, {})
        if set(a) - set(b):
            cause = "new_figure"
        elif set(b) - set(a) or any(a[y][1] != b[y][1] for y in a if a[y][0] == b[y][0]):
            cause = "revision"
        elif any(a[y][0] != b[y][0] or a[y][2] != b[y][2] for y in a):
            cause = "selection"
        elif code_changed or meta_a.get(r.indicator_id) != meta_b.get(r.indicator_id):
            cause = "method"
        else:
            cause = "window"
        rows.append({"target_id": r.target_id, "before": r.status_before, "after": r.status, "cause": cause})
    return pd.DataFrame(rows, columns=["target_id", "before", "after", "cause"])


def _points(ds, as_of: int) -> dict:
    """indicator_id -> {year: (which figure: source and period, (value, qualifier), grade)}."""
    series = yearly_series(ds.observations, as_of)
    source = ds.observations["source_id"].astype(str).to_numpy() if "source_id" in ds.observations else None
    out: dict = {}
    for p in series.itertuples(index=False):
        which = (source[p.row] if source is not None else "", str(p.period))
        out.setdefault(p.indicator_id, {})[int(p.year)] = (which, (float(p.value), str(p.qualifier)), str(p.grade))
    return out


def _method_meta(ds) -> dict:
    """indicator_id -> its declared upper bound and breaks (a change is a change of method)."""
    ind = ds.indicators
    bound = ind["upper_bound"] if "upper_bound" in ind else pd.Series(float("nan"), index=ind.index)
    breaks = ind["breaks"] if "breaks" in ind else pd.Series("", index=ind.index)
    return {i: ("" if b != b else f"{float(b):g}", str(k or "")) for i, b, k in
            zip(ind["indicator_id"], bound, breaks.fillna(""))}
