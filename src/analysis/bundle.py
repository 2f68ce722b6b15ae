"""The one bundle every output reads: the numbers (scorecards, yearly points) and the texts generated
from them (formatted figures, summary sentences, context lines, conflicts), for one edition.

Outputs never recompute: charts.py draws it, pdf.py lays it out, notebook_view.py displays it.
Every word comes from the language's catalog (i18n.text), every number through i18n.fmt_number.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from . import __version__, config, i18n
from .dataset import Dataset
from .history import dataset_history, recent_changes
from .progress import FLAGS, STATUSES, scorecard_and_alternatives, yearly_series

CONTEXT_CHARTS = [  # (chart id, indicators sharing one unit): trade, FDI, remittances, partners, FTAs...
    ("trade", ["trade_goods_total", "exports_goods", "imports_goods"]),
    ("fdi", ["fdi_registered_new_additional", "fdi_registered", "fdi_registered_full_year", "fdi_disbursed"]),
    ("remittances", ["remittances", "remittances_vn_official"]),
    ("relations", ["diplomatic_relations", "diplomatic_relations_un_members"]),
    ("partners", ["partners_comprehensive_plus", "partners_csp", "partners_sp", "partners_cp"]),
    ("ftas", ["fta_signed", "fta_in_force"]),
    ("gdp", ["gdp_per_capita_old_basis", "gdp_per_capita"]),
    ("tourism", ["tourism_ttci_rank", "tourism_competitiveness_rank"]),
    ("brand", ["nation_brand_value"]),
]
PILLARS = ("politics_security", "economy", "society_science")  # the order of the scorecard


@dataclass
class Bundle:
    """One edition's numbers (DataFrames) and texts (already in `lang`)."""
    ds: Dataset
    lang: str
    as_of: int
    scorecard: pd.DataFrame          # one row per target: short-term window, long-term status beside it
    previous: pd.DataFrame | None    # the scorecard one year earlier, for 'what changed'
    points: pd.DataFrame             # the yearly points the engine uses, with status, source, locator
    history: pd.DataFrame            # short-term status per target (rows) and assessment year (columns)
    alternatives: pd.DataFrame       # unselected figures that would change a status (rule 12), both windows
    edition: str
    fingerprint: str
    code_version: str
    summary: list[str]
    history_changes: list[str]       # one sentence per target whose status changed in the last two years
    coverage_text: str
    targets: list[dict]              # per scorecard row: its texts (see _target_texts)
    context: list[dict]              # per context chart: indicators, title, unit, lines, sources
    conflicts: list[dict]            # indicator-periods with more than one source

    def label(self, key: str) -> str:
        return i18n.label(key, self.lang)


def build(ds: Dataset, as_of: int | None, lang: str, baseline_year: int | None = None) -> Bundle:
    """as_of None or 0: the latest year the data reach (the default edition)."""
    from .edition import latest_year

    i18n.check_lang(lang)
    as_of = int(as_of) if as_of else latest_year(ds.data_dir)
    sc, alts = _windows(ds, as_of, baseline_year)
    previous = previous_scorecard(ds, as_of, baseline_year)
    pts = points(ds, as_of)
    history = dataset_history(ds, as_of, baseline_year)
    n153 = int(ds.targets["instrument"].str.contains("153").sum())
    return Bundle(
        ds=ds, lang=lang, as_of=as_of, scorecard=sc, previous=previous, points=pts, history=history,
        alternatives=alts,
        edition=edition_date().isoformat(), fingerprint=fingerprint(ds.data_dir), code_version=code_version(),
        summary=summary_sentences(sc, previous, ds, lang, as_of),
        history_changes=history_sentences(history, ds, lang),
        coverage_text=i18n.text(lang, "coverage.text", total=config.PROGRAMME_TARGETS, n153=n153,
                                others=len(sc) - n153, missing=config.PROGRAMME_TARGETS - n153),
        targets=[_target_texts(r, ds, pts, alts, lang) for r in sc.to_dict("records")],
        context=_context(ds, pts, lang),
        conflicts=conflicts(ds, lang),
    )


def write_scorecard_csv(b: Bundle, output_dir: Path) -> Path:
    """The scorecard as plain numbers, published beside the charts."""
    path = Path(output_dir) / "scorecard.csv"
    b.scorecard.to_csv(path, index=False)
    return path


# ---------------------------------------------------------------- numbers

def scorecards(ds: Dataset, as_of: int, baseline_year: int | None = None) -> pd.DataFrame:
    """Short-term scorecard (the headline) with the long-term status beside it."""
    return _windows(ds, as_of, baseline_year)[0]


def alternatives(ds: Dataset, as_of: int, baseline_year: int | None = None) -> pd.DataFrame:
    """Rule 12, both windows: each unselected figure that would change a status, with its window."""
    return _windows(ds, as_of, baseline_year)[1]


def _windows(ds: Dataset, as_of: int, baseline_year: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both windows in one pass each: the scorecard (long-term status beside the short-term one) and the
    alternatives that would change a status in either window."""
    kinds = ds.kinds()
    short, a_short = scorecard_and_alternatives(ds.observations, ds.targets, kinds, as_of,
                                                baseline_year if baseline_year else as_of - config.SHORT_WINDOW)
    long, a_long = scorecard_and_alternatives(ds.observations, ds.targets, kinds, as_of,
                                              as_of - config.LONG_WINDOW)
    short["status_long"] = long["status"].values
    short["flags_long"] = long["flags"].values
    meta = ds.indicators.set_index("indicator_id")
    short["pillar"] = short["indicator_id"].map(meta["pillar"])
    short["kind"] = short["indicator_id"].map(meta["kind"])
    alts = pd.concat([a_short.assign(window="short"), a_long.assign(window="long")], ignore_index=True)
    alts["publisher"] = alts["source_id"].map(ds.sources.set_index("source_id")["publisher"])
    return short, alts


def previous_scorecard(ds: Dataset, as_of: int, baseline_year: int | None = None) -> pd.DataFrame | None:
    """The scorecard one year earlier, for 'what changed' (None when there is no earlier data)."""
    span = ds.years()
    if span is None or as_of - 1 < span[0]:
        return None
    return scorecards(ds, as_of - 1, baseline_year - 1 if baseline_year else None)


def points(ds: Dataset, as_of: int) -> pd.DataFrame:
    """The yearly points the engine uses, with each point's status and source."""
    series = yearly_series(ds.observations, as_of)
    sel = ds.observations[ds.observations["selected"]][["indicator_id", "period", "status", "source_id", "locator"]]
    out = series.merge(sel, on=["indicator_id", "period"], how="left").rename(columns={"status": "obs_status"})
    src = ds.sources.set_index("source_id")
    out["publisher"] = out["source_id"].map(src["publisher"])
    return out


def cite(producer: str, publisher: str, lang: str) -> str:
    """'producer (via publisher)': who made the figure, and where it was read."""
    return i18n.text(lang, "misc.via", producer=i18n.producer_name(producer, lang),
                     publisher=i18n.printable(str(publisher), lang))


def history_sentences(history: pd.DataFrame, ds: Dataset, lang: str) -> list[str]:
    """One sentence per target whose short-term status changed in the last two assessed years."""
    names = ds.indicators.set_index("indicator_id")[f"name_{lang}"]
    ind_of = ds.targets.set_index("target_id")["indicator_id"]
    return [i18n.text(lang, "history.change", name=names[ind_of[c["target_id"]]], year=int(c["year"]),
                      before=i18n.status_name(c["from_status"], lang), after=i18n.status_name(c["to_status"], lang))
            for c in recent_changes(history, years=2).to_dict("records")]


def fingerprint(data_dir: Path) -> str:
    h = hashlib.sha256()
    for name in config.DATA_FILES:
        h.update(name.encode() + b"\0" + (data_dir / name).read_bytes())
    return h.hexdigest()[:12]


def code_version() -> str:
    try:
        rev = subprocess.run(["git", "-C", str(config.PROJECT_ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(config.PROJECT_ROOT), "status", "--porcelain", "--", "src", "notebooks"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        rev, dirty = "", ""
    return f"{__version__}+{rev}{'.dirty' if dirty else ''}" if rev else __version__


def edition_date() -> date:
    """Today, unless SOURCE_DATE_EPOCH is set (then builds on any day are identical)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return datetime.fromtimestamp(config.SOURCE_DATE_EPOCH, timezone.utc).date()
    return date.today()


# ---------------------------------------------------------------- texts

def target_text(r: dict, lang: str) -> str:
    """'≤ 40 (2030)'."""
    return f"{i18n.fmt_comparator(r['comparator'])} {i18n.fmt_number(r['target_value'], lang)} ({int(r['target_year'])})"


def latest_text(r: dict, lang: str) -> str:
    if i18n.is_missing(r.get("latest_value")):
        return "—"
    return f"{i18n.fmt_qualified(r['latest_value'], r.get('latest_qualifier') or '', lang)} ({int(r['latest_year'])})"


def gap_text(r: dict, lang: str) -> str:
    """Rule 13: the distance still to go in the target's direction; a met target reads 'met, by …'."""
    if i18n.is_missing(r.get("gap")):
        return "—"
    if r["status"] != "achieved":
        return i18n.fmt_number(r["gap"], lang)
    if r["gap"] == 0:
        return i18n.text(lang, "misc.gap_met")
    return i18n.text(lang, "misc.gap_met_by", by=i18n.fmt_number(abs(r["gap"]), lang))


def pace_text(r: dict, lang: str) -> str:
    if r["status"] == "achieved" or (i18n.is_missing(r.get("pace_actual")) and i18n.is_missing(r.get("pace_required_now"))):
        return "—"
    actual = i18n.fmt_number(r.get("pace_actual"), lang, 2, signed=True)
    req = r.get("pace_required") if not i18n.is_missing(r.get("pace_required")) else r.get("pace_required_now")
    return f"{actual} / {i18n.fmt_number(req, lang, 2, signed=True)}"


def marks(flags: str) -> str:
    return "".join(i18n.FLAG_MARKS[f] for f in FLAGS if f in (flags or "").split(";"))


def summary_sentences(sc: pd.DataFrame, previous: pd.DataFrame | None, ds: Dataset, lang: str, as_of: int) -> list[str]:
    names = ds.indicators.set_index("indicator_id")[f"name_{lang}"]
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    out = []
    counts = sc["status"].value_counts()
    items = [T("summary.count_item", n=counts[s], status=i18n.status_name(s, lang).lower())
             for s in STATUSES if counts.get(s, 0)]
    out.append(T("summary.counts", n=len(sc), items=", ".join(items)))
    open_ = sc[sc["status"].isin(["on_track", "moderate_progress", "insufficient_progress", "moving_away",
                                  "insufficient_data", "missed"]) & sc["gap"].notna()].copy()
    if len(open_):
        open_["rel"] = (open_["gap"].abs() / open_["target_value"].abs().clip(lower=1e-9))
        top = open_.sort_values("rel", ascending=False).head(2)
        items = [T("summary.gap_item", name=names[r["indicator_id"]], latest=latest_text(r, lang),
                   comparator=i18n.fmt_comparator(r["comparator"]), target=i18n.fmt_number(r["target_value"], lang))
                 for r in top.to_dict("records")]
        out.append(T("summary.largest_gaps", items="; ".join(items)))
    assessed = sc[sc["ratio"].notna()].sort_values("ratio")
    if len(assessed):
        r = assessed.iloc[0]
        if r["ratio"] < 0:
            out.append(T("summary.moving_away", name=names[r["indicator_id"]], year=int(r["target_year"]),
                         projected=i18n.fmt_number(r["projected_value"], lang),
                         comparator=i18n.fmt_comparator(r["comparator"]),
                         target=i18n.fmt_number(r["target_value"], lang)))
        else:
            out.append(T("summary.off_pace", name=names[r["indicator_id"]], year=int(r["target_year"]),
                         percent=i18n.fmt_number(r["ratio"] * 100, lang, 0)))
    if previous is not None:
        changed = sc.merge(previous[["target_id", "status"]], on="target_id", suffixes=("", "_prev"))
        changed = changed[changed["status"] != changed["status_prev"]]
        if len(changed):
            items = [T("summary.change_item", name=names[r["indicator_id"]],
                       before=i18n.status_name(r["status_prev"], lang), after=i18n.status_name(r["status"], lang))
                     for r in changed.to_dict("records")]
            out.append(T("summary.changes", year=as_of - 1, items="; ".join(items)))
        else:
            out.append(T("summary.no_changes", year=as_of - 1))
    contested = sc[(sc["flags"].fillna("") + ";" + sc["flags_long"].fillna("")).str.contains("source_sensitive")]
    if len(contested):
        out.append(T("summary.contested", names="; ".join(names[i] for i in contested["indicator_id"])))
    nodata = sc[sc["status"] == "no_data"]
    if len(nodata):
        out.append(T("summary.no_data", names="; ".join(names[i] for i in nodata["indicator_id"])))
    return out


def conflicts(ds: Dataset, lang: str) -> list[dict]:
    """Every indicator and period where more than one source gives a figure."""
    obs = ds.observations
    names = ds.indicators.set_index("indicator_id")[f"name_{lang}"]
    src = ds.sources.set_index("source_id")
    out = []
    for (ind, period), g in obs.groupby(["indicator_id", "period"], sort=True):
        if len(g) < 2:
            continue
        out.append({
            "indicator": str(names.get(ind, ind)), "period": period,
            "rows": [{"value": i18n.fmt_qualified(r["value"], r["qualifier"], lang),
                      "source": cite(r["producer"], src.loc[r["source_id"], "publisher"], lang)
                      if r["source_id"] in src.index else r["source_id"],
                      "selected": bool(r["selected"]), "note": r["note"]} for r in g.to_dict("records")],
        })
    return out


def _cite(src: pd.DataFrame, source_id: str) -> str:
    s = src.loc[source_id]
    return f"{s['publisher']}, “{s['title']}”" + (f", {s['published']}" if s["published"] else "")


def _figures(r: dict, lang: str) -> list[list[str]]:
    """[label, value] pairs: the table beside each target's chart."""
    L = lambda k: i18n.label(k, lang)  # noqa: E731
    out = [[L("latest"), latest_text(r, lang)],
           [L("target"), target_text(r, lang)],
           [L("gap"), gap_text(r, lang)]]
    if not i18n.is_missing(r.get("baseline_value")):
        out.append([i18n.text(lang, "figures.base_point"),
                    i18n.text(lang, "figures.base_point_value", value=i18n.fmt_number(r["baseline_value"], lang),
                              year=int(r["baseline_year"]), n=int(r["n_points"]))])
    for key in ("pace_actual", "pace_required", "pace_required_now", "projected_value", "ratio", "cagr_ratio"):
        if not i18n.is_missing(r.get(key)):
            signed = key.startswith("pace")
            out.append([i18n.text(lang, f"figures.{key}", year=int(r["target_year"])),
                        i18n.fmt_number(r[key], lang, 2, signed=signed)])
    return out


def _point_value(q: dict, lang: str) -> str:
    text = i18n.fmt_qualified(q["value"], q["qualifier"], lang)
    return f"{text} {i18n.FLAG_MARKS['proxy']}" if q.get("proxy") else text


def _alternative_texts(a: pd.DataFrame, lang: str) -> list[str]:
    """Rule 12 on the target page: the figure that would change the status, its source, that status."""
    out = []
    for r in a.to_dict("records"):
        key = "alternatives.replaces" if not i18n.is_missing(r.get("replaces_value")) else "alternatives.adds"
        out.append(i18n.text(
            lang, key, window=i18n.label(f"window_{r['window']}", lang),
            value=i18n.fmt_qualified(r["value"], r["qualifier"], lang), period=r["period"],
            source=cite(r["producer"], r["publisher"], lang),
            replaced=("" if i18n.is_missing(r.get("replaces_value"))
                      else i18n.fmt_number(r["replaces_value"], lang)),
            replaced_period=r.get("replaces_period") or "",
            status=i18n.status_name(r["status"], lang), alt_status=i18n.status_name(r["alt_status"], lang)))
    return out


def _target_texts(r: dict, ds: Dataset, pts: pd.DataFrame, alts: pd.DataFrame, lang: str) -> dict:
    names = ds.indicators.set_index("indicator_id")[f"name_{lang}"]
    t_src = ds.targets.set_index("target_id").loc[r["target_id"]]
    p = pts[pts["indicator_id"] == r["indicator_id"]]
    cites = [cite(q["producer"], q["publisher"], lang) for q in p.to_dict("records")]
    return {
        "id": r["target_id"], "indicator_id": r["indicator_id"], "title": names[r["indicator_id"]],
        "pillar": r["pillar"],
        "wording": f"“{t_src['wording_vi']}”" + (f" ({t_src['wording_en']})" if lang == "en" and t_src["wording_en"] else ""),
        "instrument": t_src["instrument"],
        "target_source": _cite(ds.sources.set_index("source_id"), t_src["source_id"]),
        "status": r["status"], "status_long": r["status_long"], "marks": marks(r["flags"]),
        "marks_long": marks(r.get("flags_long", "")),
        "latest": latest_text(r, lang), "target": target_text(r, lang),
        "gap": gap_text(r, lang), "pace": pace_text(r, lang),
        "projection": i18n.fmt_number(r["projected_value"], lang),
        "figures": _figures(r, lang),
        "points": [{"year": str(int(q["year"])), "value": _point_value(q, lang),
                    "status": i18n.OBS_STATUS[lang].get(q["obs_status"], q["obs_status"]),
                    "source": c, "locator": i18n.printable(f"“{q['locator']}”", lang)}
                   for q, c in zip(p.to_dict("records"), cites)],
        "alternatives": _alternative_texts(alts[alts["target_id"] == r["target_id"]], lang),
        "has_proxy": bool(p["proxy"].any()) if "proxy" in p else False,
        "publishers": cites,
    }


def _context_line(name: str, s: pd.DataFrame, kind: str, lang: str, unit: str = "", dated: bool = False) -> str:
    """Level and start, both with their qualifier; then the change: places for a rank, units for a count,
    average yearly growth for an amount. No change is computed on a qualified value (">930", "≈12,5"):
    it would be spurious precision. dated: the level carries its full date (counts of different dates)."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    q = lambda r: i18n.fmt_qualified(r["value"], r["qualifier"], lang)  # noqa: E731
    s = s.sort_values(["year", "period"] if "period" in s else "year")
    last = s.iloc[-1]
    when = _date_text(last, lang) if dated else int(last["year"])
    line = T("context_line.level", name=name, value=q(last), year=when)
    if len(s) < 2:
        return line
    first = s.iloc[0]
    line += T("context_line.since", value=q(first), year=int(first["year"]))
    if (first["qualifier"] or "") or (last["qualifier"] or ""):
        return line
    years = int(last["year"] - first["year"])
    if kind == "rank":
        places = int(first["value"] - last["value"])  # positive: climbed
        if places:
            key = "context_line.up" if places > 0 else "context_line.down"
            line += T(key + ("_one" if abs(places) == 1 else ""), n=abs(places))
    elif kind == "count":
        n = int(round(last["value"] - first["value"]))
        if n == 0:
            line += T("context_units.unchanged")
        else:
            key = "context_units.count_up" if n > 0 else "context_units.count_down"
            line += T(key + ("_one" if abs(n) == 1 else ""), n=abs(n), unit=unit)
    elif kind == "amount" and years > 0 and first["value"] > 0 and last["value"] > 0:
        cagr = (last["value"] / first["value"]) ** (1 / years) - 1
        key = "context_units.growth_up" if cagr >= 0 else "context_units.growth_down"
        line += T(key, rate=i18n.fmt_number(abs(cagr) * 100, lang, 1))
    else:
        line += T("context_line.change", delta=i18n.fmt_number(last["value"] - first["value"], lang, signed=True))
    return line


def _date_text(r, lang: str) -> str:
    """A point's period as the reader writes a date: 30/12/2025, 8/2025 (vi); 30 Dec 2025, Aug 2025 (en)."""
    parts = str(r.get("period", "") or int(r["year"])).split("-")
    if len(parts) == 1:
        return parts[0]
    months = i18n.text(lang, "context_units.months")
    month = months[int(parts[1]) - 1]
    if len(parts) == 2:
        return i18n.text(lang, "context_units.date_month", month=month, y=parts[0])
    return i18n.text(lang, "context_units.date_day", d=int(parts[2]), month=month, y=parts[0])


def _context(ds: Dataset, pts: pd.DataFrame, lang: str) -> list[dict]:
    ind = ds.indicators.set_index("indicator_id")
    names = ind[f"name_{lang}"]
    units = ind["unit_vi"].where(ind["unit_vi"] != "", ind["unit"]) if lang == "vi" else ind["unit"]
    out = []
    for cid, inds in CONTEXT_CHARTS:
        series = {i: pts[pts["indicator_id"] == i] for i in inds if i in ind.index and (pts["indicator_id"] == i).any()}
        if not series:
            continue
        first = ind.loc[next(iter(series))]
        both = pd.concat(series.values())
        pubs = [cite(pr, pu, lang) for pr, pu in zip(both["producer"], both["publisher"])]
        # Counts of one group dated differently (partners: August and December 2025, February 2026) are
        # printed each with its date and said not to add up, so no reader sums them against a total.
        counts = len(series) > 1 and all(ind.loc[i, "kind"] == "count" for i in series)
        latest = {str(s.sort_values(["year", "period"])["period"].iloc[-1]) for s in series.values()}
        dated = counts and len(latest) > 1
        summary = [_context_line(names[i], s, ind.loc[i, "kind"], lang, units[i], dated) for i, s in series.items()]
        if dated:
            summary.append(i18n.text(lang, "context_units.different_dates"))
        out.append({"id": cid, "title": i18n.text(lang, f"context_title.{cid}"), "indicators": list(series),
                    "names": {i: names[i] for i in series},
                    "unit": first["unit_vi"] if lang == "vi" and first["unit_vi"] else first["unit"],
                    "summary": summary, "publishers": pubs, "sources": sorted(set(pubs))})
    return out
