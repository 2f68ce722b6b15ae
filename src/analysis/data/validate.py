"""Checks across rows and files: keys, references, selection, plausible ranges, dates.

Cell-level checks (types, allowed values) happen while reading, in dataset.py; this module
sees only rows that parsed, and reports each problem at the line a spreadsheet shows. The one-series
warnings select each indicator's yearly series as the engine does (engine/series.py).
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from . import datalog, translations
from .messages import At, Col, Either, Msg
from .schema import ENUMS, PERIOD_TYPES, Problem, display_path, parse_period, records

if TYPE_CHECKING:
    from .schema import Dataset

# A warning is explained when the flagged row's note contains this phrase (any case).
EXPLAINED_BY = {"producer": "series break", "selected": "earlier release"}
UNNAMED_PRODUCER = "not named by the source"  # observations.csv's word for a figure whose producer is not given

# Rule 14: a row's grade follows from its source's outlet (data/README.md, "Source grade"). A note with one of
# these phrases says the locator could not be found again, or that the page does not name the producer.
LOST_PHRASES = ("could not be found again", "could not be read again", "could not be located")
UNNAMED_PHRASE = "not named on the page"
NOT_NAMED = "not named by the source"


def _names(publisher: str, producer: str) -> bool:
    """Whether a publisher's name is the producer's: its name before any bracket, or its initials (MOFA, GSO)."""
    base = producer.split("(")[0].strip()
    initials = "".join(w[0] for w in base.split() if w[:1].isalpha()).upper()
    text = publisher.casefold()
    return bool(base) and (base.casefold() in text or (len(initials) >= 3 and re.search(
        rf"\b{initials.casefold()}\b", text) is not None))


def expected_grade(outlet: str, publisher: str, producer: str, note: str) -> tuple[str, str]:
    """The grade a row's outlet gives, and why (for the message)."""
    note = (note or "").casefold()
    if any(p in note for p in LOST_PHRASES):
        return "C", Msg("why_lost")
    named = NOT_NAMED not in producer.casefold() and UNNAMED_PHRASE not in note
    if outlet == "producer" and named and _names(publisher, producer):
        return "A", Msg("why_own", publisher=publisher)
    if outlet == "national" and named:
        return "B", Msg("why_national")
    if outlet in ("producer", "national"):
        if not named:
            return "C", Msg("why_unnamed", outlet=outlet)
        return "C", Msg("why_not_producer", outlet=outlet, publisher=publisher, producer=producer)
    return "C", Msg("why_outlet", outlet=outlet)


# A locator is a few words copied around the figure, never whole sentences (data/README.md, rule 1).
LOCATOR_WORDS = 14

# Valid range by kind (inclusive); counts and ranks are whole numbers.
RANGES = {"rank": (1, None), "share": (0, 100), "count": (0, None), "amount": (0, None), "index": (None, None)}
WHOLE = {"rank", "count"}


def _in_range(kind: str, value: float) -> str | None:
    lo, hi = RANGES[kind]
    if lo is not None and value < lo:
        return Msg("below_range", value=value, lo=lo, kind=Msg(f"kind_{kind}"))
    if hi is not None and value > hi:
        return Msg("above_range", value=value, hi=hi, kind=Msg(f"kind_{kind}"))
    if kind in WHOLE and value != int(value):
        return Msg("not_whole", value=value, kind=Msg(f"kind_{kind}"))
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
                err(table, line, keys[-1], Msg("duplicate_key", key=key, first=At(path[table], first)))

    unique("sources", ds.sources, ["source_id"])
    unique("indicators", ds.indicators, ["indicator_id"])
    unique("targets", ds.targets, ["target_id"])
    unique("observations", ds.observations, ["indicator_id", "period", "source_id"])

    source_ids = set(ds.sources["source_id"])
    kinds = dict(zip(ds.indicators["indicator_id"], ds.indicators["kind"]))
    better_up = dict(zip(ds.indicators["indicator_id"], ds.indicators["higher_is_better"]))
    published = dict(zip(ds.sources["source_id"], ds.sources["published"]))
    # Rule 9: an indicator's declared upper bound (empty: none).
    bound = {i: b for i, b in zip(ds.indicators["indicator_id"], ds.indicators.get("upper_bound", []))
             if b == b and b is not None}

    # An older sources.csv without outlets (the column is optional) skips the grade check.
    outlets = dict(zip(ds.sources["source_id"], ds.sources["outlet"].fillna(""))) if "outlet" in ds.sources else {}
    uses_outlets = any(outlets.values())
    publishers = dict(zip(ds.sources["source_id"], ds.sources["publisher"]))
    cited = set(ds.observations["source_id"])
    has_accessed = "accessed" in ds.sources and ds.sources["accessed"].fillna("").astype(str).ne("").any()
    for row in records(ds.sources):
        if uses_outlets and not row["outlet"] and row["source_id"] in cited:
            err("sources", row["_line"], "outlet", Msg("outlet_empty", allowed=", ".join(ENUMS["outlet"])))
        if has_accessed and not row["accessed"]:
            err("sources", row["_line"], "accessed", Msg("no_accessed"))
        for col in ("published", "accessed"):
            if row[col] and parse_period(row[col]) and date(*parse_period(row[col])) > today:
                err("sources", row["_line"], col, Msg("future", date=row[col]))
        if row["published"] and row["accessed"] and row["accessed"] < row["published"]:
            err("sources", row["_line"], "accessed", Msg("accessed_before", accessed=row["accessed"],
                                                         published=row["published"]))

    first_year = {}
    for ind, group in ds.observations.groupby("indicator_id"):
        first_year[ind] = min(parse_period(p)[0] for p in group["period"])

    for row in records(ds.targets):
        line, ind = row["_line"], row["indicator_id"]
        if ind not in kinds:
            if "indicators" not in ds.broken:
                err("targets", line, "indicator_id", Msg("unknown_indicator", ind=ind))
            continue
        if row["source_id"] not in source_ids and "sources" not in ds.broken:
            err("targets", line, "source_id", Msg("unknown_source", source=row["source_id"]))
        ttype = row.get("target_type", "level") or "level"
        check_target_type(row, ttype, lambda column, message, line=line: err("targets", line, column, message))
        # A total or a growth rate is not a value of the indicator: its range and bound do not apply.
        msg = _in_range(kinds[ind], row["target_value"]) if ttype == "level" else None
        if msg:
            err("targets", line, "target_value", msg)
        elif ttype == "level" and ind in bound and row["target_value"] > bound[ind]:
            err("targets", line, "target_value", Msg("target_above_bound", value=row["target_value"], bound=bound[ind],
                                                     ind=ind, column=Col("upper_bound", "indicators.csv")))
        up = row["comparator"].startswith(">")
        if up != bool(better_up[ind]):
            err("targets", line, "comparator", Msg(
                "comparator_direction", comparator=row["comparator"], better=str(bool(better_up[ind])).lower(), ind=ind,
                column=Col("higher_is_better", "indicators.csv"), expected=Either((">", ">=") if better_up[ind] else ("<", "<="))))
        if ind in first_year and row["target_year"] < first_year[ind]:
            err("targets", line, "target_year", Msg("target_year_before", year=row["target_year"], first=first_year[ind]))

    obs = ds.observations
    for row in records(obs):
        line, ind = row["_line"], row["indicator_id"]
        if ind not in kinds:
            if "indicators" not in ds.broken:
                err("observations", line, "indicator_id", Msg("unknown_indicator", ind=ind))
        else:
            msg = _in_range(kinds[ind], row["value"])
            if msg:
                err("observations", line, "value", msg)
            elif ind in bound and row["value"] > bound[ind]:
                err("observations", line, "value",
                    Msg("above_bound", value=row["value"], bound=bound[ind], ind=ind))
            out_of = row.get("out_of", float("nan"))
            if out_of == out_of and out_of is not None:
                if kinds[ind] != "rank":
                    err("observations", line, "out_of",
                        Msg("out_of_not_rank", out_of=out_of, kind=Msg(f"kind_{kinds[ind]}")))
                elif row["value"] > out_of:
                    err("observations", line, "value",
                        Msg("rank_above_out_of", value=row["value"], out_of=out_of))
        if row["source_id"] not in source_ids and "sources" not in ds.broken:
            err("observations", line, "source_id", Msg("unknown_source", source=row["source_id"]))
        outlet = outlets.get(row["source_id"]) or ""
        if outlet:
            grade, why = expected_grade(outlet, publishers[row["source_id"]], row["producer"], row["note"])
            if row["grade"] != grade:
                err("observations", line, "grade", Msg("grade", given=row["grade"], grade=grade, why=why,
                                                       source=row["source_id"], outlet=outlet))
            if outlet == "personal" and row["selected"]:
                err("observations", line, "selected", Msg("personal", source=row["source_id"]))
        words = len(str(row["locator"]).split())
        if words > LOCATOR_WORDS:
            err("observations", line, "locator", Msg("long_locator", n=words, most=LOCATOR_WORDS))
        start = date(*parse_period(row["period"]))
        pub = published.get(row["source_id"]) or ""
        if start > today:
            err("observations", line, "period", Msg("future", date=row["period"]))
        elif pub and row["status"] != "forecast" and start > period_end_date(pub):
            err("observations", line, "period",
                Msg("after_published", period=row["period"], published=pub))

    # One selected row per indicator and period, or none when every row's note says why it is
    # "not selected" (a contested, unconfirmed or other-producer figure kept for the record).
    for (ind, period), group in obs.groupby(["indicator_id", "period"], sort=False):
        n = int(group["selected"].sum())
        if n == 1:
            continue
        lines = [At(path["observations"], int(x)) for x in group["_line"]]
        if n == 0:
            if group["note"].fillna("").str.casefold().str.contains("not selected", regex=False).all():
                continue
            err("observations", group["_line"].iloc[0], "selected",
                Msg("none_selected", ind=ind, period=period, lines=lines))
        else:
            for line in group.loc[group["selected"], "_line"].iloc[1:]:
                err("observations", line, "selected",
                    Msg("many_selected", n=n, ind=ind, period=period, lines=lines))

    kinds = dict(zip(ds.indicators["indicator_id"], ds.indicators["kind"]))
    for row in records(ds.indicators):
        check_indicator_calendar(row, source_ids, "sources" in ds.broken,
                                 lambda column, message, r=row: err("indicators", r["_line"], column, message))
        ranked = str(row.get("score_for", "") or "")  # the rank whose score this indicator is (printed beside it)
        if ranked and kinds.get(ranked) != "rank":
            err("indicators", row["_line"], "score_for", Msg("score_for_not_rank", ranked=ranked))
        if row["indicator_id"] not in first_year and row.get("role") == "target":
            # Nothing to fix until a figure exists: kept out of every run's warnings (`--all` shows it); the
            # build and `validate` say once which targets have no figure yet (Dataset.without_figures).
            out.append(Problem(path["indicators"], int(row["_line"]), "indicator_id",
                               Msg("no_figure_yet", ind=row["indicator_id"], name_en=row["name_en"],
                                   name_vi=row["name_vi"]), "warning", explained=True))
    out += one_series_warnings(ds, path["observations"])
    stale = datalog.stale(ds)  # the README's data log, generated from sources.csv, after a hand edit
    if stale is not None:
        out.append(stale)
    out += translations.check(ds)  # data/translations/vi.csv: malformed rows, stale or unknown entries
    return out


def check_target_type(row, ttype: str, err) -> None:
    """A cumulative or average-growth target: > or >= only, a period_start, not after target_year; a level
    target: no period_start (docs/methodology.md, "Targets that are not levels")."""
    start = row.get("period_start")
    has_start = start is not None and not pd.isna(start)
    if ttype not in PERIOD_TYPES:
        if has_start:
            err("period_start", Msg("level_with_start", start=int(start), column=Col("target_type"),
                                    types=Either(PERIOD_TYPES)))
        return
    if row["comparator"] not in (">", ">="):
        err("comparator", Msg("type_comparator", comparator=row["comparator"], ttype=ttype))
    if not has_start:
        err("period_start", Msg("type_no_start", ttype=ttype))
    elif int(start) > int(row["target_year"]):
        err("period_start", Msg("start_after_year", start=int(start), year=int(row["target_year"]),
                                column=Col("target_year")))


def check_indicator_calendar(row, source_ids: set, sources_broken: bool, err) -> None:
    """Rules 17 and 19 on one indicator row: breaks_source names a source of sources.csv and a declared
    break; release_months and release_covers come together, the months in the year's order, once each."""
    ref = row.get("breaks_source", "") or ""
    if ref:
        if ref not in source_ids and not sources_broken:
            err("breaks_source", Msg("unknown_source", source=ref))
        elif not (row.get("breaks", "") or ""):
            err("breaks_source", Msg("breaks_source_alone", ref=ref, column=Col("breaks")))
    months, covers = row.get("release_months", "") or "", row.get("release_covers", "") or ""
    if covers == "irregular":
        if months:
            err("release_months", Msg("months_irregular", months=months, covers=Col("release_covers")))
        return
    if months and not covers:
        err("release_covers", Msg("covers_empty", months=Col("release_months")))
    elif covers and not months:
        err("release_months", Msg("months_empty", covers=Col("release_covers"), value=covers))
    if months:
        m = [int(x) for x in months.split(";")]
        if m != sorted(set(m)):
            err("release_months", Msg("months_order", months=months, order=";".join(str(x) for x in sorted(set(m)))))


def one_series_warnings(ds: "Dataset", shown: str) -> list[Problem]:
    """Methodology, "One series, one definition": producer switches and earlier releases selected.

    Each warning is located at the row to fix; it is `explained` when that row's note contains
    the phrase EXPLAINED_BY[column] ("series break", "earlier release").
    """
    from ..engine.series import yearly_series

    obs = ds.observations.reset_index(drop=True)
    out: list[Problem] = []
    if len(obs) == 0:
        return out

    def warn(i: int, column: str, message: str) -> None:
        note = str(obs.at[i, "note"]).casefold()
        out.append(Problem(shown, int(obs.at[i, "_line"]), column, message, "warning",
                           explained=EXPLAINED_BY[column] in note))

    # (a) The selected full-year series switches producer between consecutive points.
    series = yearly_series(obs, as_of=9999)
    last: dict = {}  # indicator -> its previous point (the series are in order within each indicator)
    for cur in records(series[["indicator_id", "year", "producer", "row"]]):
        ind = cur["indicator_id"]
        prev = last.get(ind)
        if prev is not None and _same_producer(prev["producer"], cur["producer"]) is False:
            warn(cur["row"], "producer",
                 Msg("series_break", ind=ind, year=cur["year"], producer=cur["producer"], prev_year=prev["year"],
                     prev=At(shown, int(obs.at[prev["row"], "_line"])), prev_producer=prev["producer"]))
        last[ind] = cur

    # (b) A selected row is an earlier release than another row of the same producer for the same
    # indicator and period.
    published = dict(zip(ds.sources["source_id"], ds.sources["published"]))
    released, ends = {}, {}  # source_id -> its publication date and the end of its period, parsed once
    for sid, pub in published.items():
        parsed = parse_period(pub) if pub else None
        released[sid] = date(*parsed) if parsed else None
        ends[sid] = period_end_date(pub) if parsed else None
    rows = records(obs)  # positions are the index labels (reset above)
    same_key: dict[tuple, list[int]] = {}
    for k, r in enumerate(rows):
        same_key.setdefault((r["indicator_id"], r["period"]), []).append(k)
    for group in same_key.values():  # in order of first appearance, as groupby(sort=False)
        if len(group) < 2:
            continue
        for i in group:
            r = rows[i]
            if not r["selected"]:
                continue
            if released.get(r["source_id"]) is None:
                continue
            r_pub, r_end = published[r["source_id"]], ends[r["source_id"]]
            later = []
            for j in group:
                if j == i:
                    continue
                o = rows[j]
                # A release is the same producer's: another producer's figure is another series.
                if _same_producer(r.get("producer", ""), o.get("producer", "")) is False:
                    continue
                o_date = released.get(o["source_id"])
                if o_date is None or o_date <= r_end:
                    continue
                firmer = r["status"] in ("estimate", "forecast") and o["status"] == "final"
                if o["value"] != r["value"] or firmer:
                    later.append((o_date, j, o, published[o["source_id"]]))
            if later:
                _, j, o, o_pub = max(later, key=lambda x: x[0])
                warn(i, "selected",
                     Msg("earlier_release", other=At(shown, int(o["_line"])), source=o["source_id"],
                         published=o_pub, value=o["value"], status=o["status"], ind=r["indicator_id"],
                         period=r["period"], this_value=r["value"], this_status=r["status"], this_published=r_pub))

    # (c) Rule 18, the producer's word: a year whose selected figure is not the series producer's own while a
    # row of that producer for the same indicator and year is in the file (a relayed or derived figure chosen
    # over the producer's statement).
    sel = obs[obs["selected"] & ~obs["partial"].astype(bool)] if "partial" in obs else obs[obs["selected"]]
    named = obs["producer"].astype(str).str.strip().str.casefold()
    named = named[(named != "") & (named != UNNAMED_PRODUCER)]
    # the series' producer: the body named most often among the indicator's rows
    main = _most_named(obs.loc[named.index, "indicator_id"], named)
    year = obs["period"].astype(str).str[:4].to_list()
    # the last unselected row of each (indicator, year, producer): the producer's own statement, if any
    stated = {}
    for j, (ind, y, p, chosen) in enumerate(zip(obs["indicator_id"], year,
                                                obs["producer"].astype(str).str.strip().str.casefold(), obs["selected"])):
        if not chosen:
            stated[(ind, y, p)] = j
    for i in sel.index:
        r = rows[i]
        own = main.get(r["indicator_id"])
        if own is None or _same_producer(r["producer"], own) is not False:
            continue
        j = stated.get((r["indicator_id"], year[i], own))
        if j is not None:
            o = rows[j]
            note = str(r["note"]).casefold()
            out.append(Problem(shown, int(r["_line"]), "selected",
                               Msg("producers_word", other=At(shown, int(o["_line"])), value=o["value"],
                                   producer=o["producer"], ind=r["indicator_id"], year=year[i],
                                   this_value=r["value"], this_producer=r["producer"]),
                               "warning", explained="producer's word" in note))
    return sorted(out, key=lambda p: p.line)


def _most_named(keys, names) -> dict:
    """key -> the name given most often among its rows; on a tie the one named first (as value_counts orders
    them). Plain counting: a groupby with value_counts per group costs more than the rest of the check."""
    counts: dict = {}
    for k, n in zip(keys, names):
        counts.setdefault(k, Counter())[n] += 1
    return {k: c.most_common(1)[0][0] for k, c in counts.items()}


def _same_producer(a: str, b: str) -> bool | None:
    """None when either is unknown (empty); else whether they name the same body."""
    a, b = str(a).strip().casefold(), str(b).strip().casefold()
    return None if not a or not b else a == b
