"""Checks across rows and files: keys, references, selection, plausible ranges, dates.

Cell-level checks (types, allowed values) happen while reading, in dataset.py; this module
sees only rows that parsed, and reports each problem at the line a spreadsheet shows.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from .dataset import Problem, display_path, parse_period

if TYPE_CHECKING:
    from .dataset import Dataset

# Valid range by kind (inclusive); counts and ranks are whole numbers.
RANGES = {"rank": (1, None), "share": (0, 100), "count": (0, None), "amount": (0, None), "index": (None, None)}
WHOLE = {"rank", "count"}


def _in_range(kind: str, value: float) -> str | None:
    lo, hi = RANGES[kind]
    if lo is not None and value < lo:
        return f"{value:g} is below {lo}, the smallest valid value for a {kind}"
    if hi is not None and value > hi:
        return f"{value:g} is above {hi}, the largest valid value for a {kind}"
    if kind in WHOLE and value != int(value):
        return f"{value:g} is not a whole number, as a {kind} must be"
    return None


def period_end_date(text: str) -> date:
    """The last day a period (or an imprecise date such as '2026-01') may stand for."""
    import calendar
    y, m, d = parse_period(text)
    if len(text) == 4:
        return date(y, 12, 31)
    if len(text) == 7:
        return date(y, m, calendar.monthrange(y, m)[1])
    return date(y, m, d)


def check_content(ds: "Dataset", today: date | None = None) -> list[Problem]:
    today = today or date.today()
    out: list[Problem] = []
    path = {n: display_path(ds.data_dir / f"{n}.csv") for n in ("sources", "indicators", "targets", "observations")}

    def err(table: str, line: int, column: str, message: str, level: str = "error") -> None:
        out.append(Problem(path[table], int(line), column, message, level))

    def unique(table: str, df: pd.DataFrame, keys: list[str]) -> None:
        dup = df[df.duplicated(keys, keep=False)]
        for _, group in dup.groupby(keys, sort=False):
            first = int(group["_line"].iloc[0])
            for line in group["_line"].iloc[1:]:
                key = ", ".join(f"{k}={group[k].iloc[0]}" for k in keys)
                err(table, line, keys[-1], f"duplicate key ({key}); first given at line {first}")

    unique("sources", ds.sources, ["source_id"])
    unique("indicators", ds.indicators, ["indicator_id"])
    unique("targets", ds.targets, ["target_id"])
    unique("observations", ds.observations, ["indicator_id", "period", "source_id"])

    source_ids = set(ds.sources["source_id"])
    kinds = dict(zip(ds.indicators["indicator_id"], ds.indicators["kind"]))
    better_up = dict(zip(ds.indicators["indicator_id"], ds.indicators["higher_is_better"]))
    published = dict(zip(ds.sources["source_id"], ds.sources["published"]))

    for _, row in ds.sources.iterrows():
        for col in ("published", "accessed"):
            if row[col] and parse_period(row[col]) and date(*parse_period(row[col])) > today:
                err("sources", row["_line"], col, f"{row[col]} is in the future")
        if row["published"] and row["accessed"] and row["accessed"] < row["published"]:
            err("sources", row["_line"], "accessed", f"{row['accessed']} is before published {row['published']}")

    first_year = {}
    for ind, group in ds.observations.groupby("indicator_id"):
        first_year[ind] = min(parse_period(p)[0] for p in group["period"])

    for _, row in ds.targets.iterrows():
        line, ind = row["_line"], row["indicator_id"]
        if ind not in kinds:
            if "indicators" not in ds.broken:
                err("targets", line, "indicator_id", f"unknown indicator '{ind}'; expected an indicator_id of indicators.csv")
            continue
        if row["source_id"] not in source_ids and "sources" not in ds.broken:
            err("targets", line, "source_id", f"unknown source '{row['source_id']}'; expected a source_id of sources.csv")
        msg = _in_range(kinds[ind], row["target_value"])
        if msg:
            err("targets", line, "target_value", msg)
        up = row["comparator"].startswith(">")
        if up != bool(better_up[ind]):
            err("targets", line, "comparator",
                f"'{row['comparator']}' contradicts higher_is_better={str(better_up[ind]).lower()} "
                f"of indicator '{ind}'; expected {'> or >=' if better_up[ind] else '< or <='}")
        if ind in first_year and row["target_year"] < first_year[ind]:
            err("targets", line, "target_year",
                f"{row['target_year']} is before the indicator's first observation ({first_year[ind]})")

    obs = ds.observations
    for _, row in obs.iterrows():
        line, ind = row["_line"], row["indicator_id"]
        if ind not in kinds:
            if "indicators" not in ds.broken:
                err("observations", line, "indicator_id", f"unknown indicator '{ind}'; expected an indicator_id of indicators.csv")
        else:
            msg = _in_range(kinds[ind], row["value"])
            if msg:
                err("observations", line, "value", msg)
        if row["source_id"] not in source_ids and "sources" not in ds.broken:
            err("observations", line, "source_id", f"unknown source '{row['source_id']}'; expected a source_id of sources.csv")
        start = date(*parse_period(row["period"]))
        pub = published.get(row["source_id"]) or ""
        if start > today:
            err("observations", line, "period", f"{row['period']} is in the future")
        elif pub and row["status"] != "forecast" and start > period_end_date(pub):
            err("observations", line, "period",
                f"{row['period']} begins after its source was published ({pub}); "
                "expected status=forecast for a figure about the future")

    # Exactly one selected row per indicator and period.
    for (ind, period), group in obs.groupby(["indicator_id", "period"], sort=False):
        n = int(group["selected"].sum())
        if n == 1:
            continue
        lines = ", ".join(str(x) for x in group["_line"])
        if n == 0:
            err("observations", group["_line"].iloc[0], "selected",
                f"no row selected for {ind} {period} (lines {lines}); expected exactly one selected=true")
        else:
            for line in group.loc[group["selected"], "_line"].iloc[1:]:
                err("observations", line, "selected",
                    f"{n} rows selected for {ind} {period} (lines {lines}); expected exactly one selected=true")

    for _, row in ds.indicators.iterrows():
        if row["indicator_id"] not in first_year and row.get("role") == "target":
            err("indicators", row["_line"], "indicator_id", "no observation yet for this target indicator", "warning")
    return out
