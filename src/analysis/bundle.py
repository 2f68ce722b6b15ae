"""The one bundle every output reads: the numbers (scorecards, yearly points) and the texts generated
from them (formatted figures, summary sentences, context lines, conflicts), for one edition.

Outputs never recompute: charts.py draws it, pdf.py lays it out, notebook_view.py displays it.
Every word comes from the language's catalog (i18n.text), every number through i18n.fmt_number.
"""
from __future__ import annotations

import hashlib
import math
import os
import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from . import __version__, config, i18n
from . import translations  # the vi edition's Vietnamese quotations
from .dataset import Dataset
from .history import dataset_history, recent_changes
from . import currency
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
    ("gvc", ["enterprises_gvc_share", "enterprises_gsc_all"]),  # two definitions side by side, never chained
]
PILLARS = ("politics_security", "economy", "society_science")  # the order of the scorecard
LONG_COLUMNS = ("status", "flags", "window_start", "baseline_year", "baseline_value", "projected_value", "ratio",
                "pace_actual", "pace_required", "n_points", "needed_next_value", "needed_next_year")


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
    overview: dict | None = None     # page 2: bottom line, one row per target, windows, instruments
    data_cutoff: str = ""            # rule 19: the latest date a source was read (currency.data_cutoff), ISO

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
        summary=summary_sentences(sc, previous, ds, lang, as_of, baseline_year),
        history_changes=history_sentences(history, ds, lang, pts),
        overview=overview(sc, ds, lang, as_of, baseline_year),
        coverage_text=i18n.text(lang, "coverage.text", total=config.PROGRAMME_TARGETS, n153=i18n.number_word(n153, lang),
                                others=i18n.number_word(len(sc) - n153, lang), missing=config.PROGRAMME_TARGETS - n153),
        targets=[_target_texts(r, ds, pts, alts, lang) for r in sc.to_dict("records")],
        context=_context(ds, pts, lang),
        conflicts=conflicts(ds, lang),
        data_cutoff=str(currency.data_cutoff(ds.sources) or ""),
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


def previous_scorecard(ds: Dataset, as_of: int, baseline_year: int | None = None) -> pd.DataFrame | None:
    """The scorecard one year earlier, for 'what changed' (None when there is no earlier data)."""
    span = ds.years()
    if span is None or as_of - 1 < span[0]:
        return None
    return scorecards(ds, as_of - 1, baseline_year - 1 if baseline_year else None)


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


def cite(producer: str, publisher: str, lang: str) -> str:
    """'producer (via publisher)': who made the figure, and where it was read."""
    return i18n.text(lang, "misc.via", producer=i18n.producer_name(producer, lang),
                     publisher=i18n.printable(i18n.publisher_name(str(publisher), lang), lang))


def history_sentences(history: pd.DataFrame, ds: Dataset, lang: str, pts: pd.DataFrame | None = None) -> list[str]:
    """One sentence per target whose short-term status changed in the last two assessed years, with its cause
    (rule 16): the engine's, else 'new_figure' when a figure dated in that year entered the series and
    'window' when none did (only the window's start moved)."""
    names = ds.indicators.set_index("indicator_id")[f"name_{lang}"]
    ind_of = ds.targets.set_index("target_id")["indicator_id"]
    out = []
    for c in recent_changes(history, years=2).to_dict("records"):
        if not c.get("cause") and pts is not None:  # recent_changes gives "" for a history without figure years
            years = pts.loc[pts["indicator_id"] == ind_of[c["target_id"]], "year"]
            c["cause"] = "new_figure" if (years == c["year"]).any() else "window"
        kw = dict(name=names[ind_of[c["target_id"]]], year=int(c["year"]),
                  before=i18n.status_name(c["from_status"], lang), after=i18n.status_name(c["to_status"], lang))
        cause = c.get("cause")  # rule 16, from the engine when it gives it; a window change is said as such
        out.append(i18n.text(lang, "history.change_cause", **kw, cause=i18n.text(lang, f"cause.{cause}"))
                   if isinstance(cause, str) and cause else i18n.text(lang, "history.change", **kw))
    return out


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

WHOLE = ("rank", "count")  # kinds printed as whole numbers when projected (rule 13's whole-number kinds)


def _unit(r: dict, lang: str) -> str:
    return (r.get("unit_vi") if lang == "vi" and r.get("unit_vi") else r.get("unit")) or ""


def with_unit(value, r: dict, lang: str, qualifier: str = "", out_of=None, decimals: int | None = None) -> str:
    """A figure with its unit, as the reader says it: rank 44/139, 21%, 194 countries (words from [units])."""
    if i18n.is_missing(value):
        return "—"
    v = i18n.fmt_qualified(value, qualifier, lang, decimals)
    kind, unit = r.get("kind"), _unit(r, lang)
    if kind == "rank":
        if not i18n.is_missing(out_of) and out_of:
            return i18n.text(lang, "units.rank_of", v=v, n=int(out_of))
        return i18n.text(lang, "units.rank", v=v)
    if kind == "share" or unit == "%":
        return i18n.text(lang, "units.percent", v=v)
    return i18n.text(lang, "units.other", v=v, unit=unit) if unit else v


def distance(value, r: dict, lang: str, decimals: int | None = None) -> str:
    """A distance or a pace in the indicator's unit: places, percentage points, or the unit's name."""
    v = i18n.fmt_number(abs(value), lang, decimals, keep_zeros=decimals is not None)
    kind, unit = r.get("kind"), _unit(r, lang)
    if kind == "rank":
        return i18n.text(lang, "units.places_one" if abs(value) == 1 else "units.places", v=v)
    if kind == "share" or unit == "%":
        return i18n.text(lang, "units.points", v=v)
    return i18n.text(lang, "units.other", v=v, unit=unit) if unit else v


def target_text(r: dict, lang: str) -> str:
    """Comparator, value with its unit, year: rank ≤ 40 (2030), > 194 countries (2030)."""
    cmp = i18n.fmt_comparator(r["comparator"])
    if r.get("kind") == "rank":
        body = i18n.text(lang, "units.rank", v=f"{cmp} {i18n.fmt_number(r['target_value'], lang)}")
    else:
        body = f"{cmp} {with_unit(r['target_value'], r, lang)}"
    return f"{body} ({int(r['target_year'])})"


def latest_text(r: dict, lang: str) -> str:
    if i18n.is_missing(r.get("latest_value")):
        return "—"
    value = with_unit(r["latest_value"], r, lang, r.get("latest_qualifier") or "", r.get("latest_out_of"))
    return f"{value} ({int(r['latest_year'])})"


def gap_text(r: dict, lang: str) -> str:
    """Rule 13: the distance still to go in the target's direction; a met target reads 'met, by …'."""
    if i18n.is_missing(r.get("gap")):
        return "—"
    gap = r["gap"]
    if "target_effective" not in r and r.get("kind") in WHOLE and r["comparator"] in (">", "<"):
        gap = (1 if r["comparator"] == ">" else -1) * (_target_effective(r) - r["latest_value"])  # rule 13
    if r["status"] != "achieved":
        if gap == 0:
            return i18n.text(lang, "misc.at_threshold")
        return distance(gap, r, lang)
    if r["gap"] == 0:
        return i18n.text(lang, "misc.gap_met")
    return i18n.text(lang, "misc.gap_met_by", by=distance(r["gap"], r, lang))


def pace_decimals(r: dict) -> int:
    """1, or 2 where the actual and a required pace differ but would print alike with one decimal (GII: up 0.40
    against up 0.44 places a year; 'up 0.4' twice beside 'unlikely' reads as a contradiction)."""
    a = r.get("pace_actual")
    if i18n.is_missing(a):
        return 1
    for key in ("pace_required", "pace_required_now"):
        q = r.get(key)
        if not i18n.is_missing(q) and round(a, 1) == round(q, 1) and round(a, 2) != round(q, 2):
            return 2
    return 1


def pace_words(value, r: dict, lang: str, decimals: int = 1) -> str:
    """A pace in words ([pace]): a rank whose number falls goes up so many places a year."""
    if i18n.is_missing(value):
        return "—"
    v = round(float(value), decimals)
    if r.get("kind") == "rank":
        key = "pace.rank_flat" if v == 0 else ("pace.rank_up" if v < 0 else "pace.rank_down")
        return i18n.text(lang, key, v=i18n.fmt_number(abs(v), lang, decimals, keep_zeros=True))
    if v == 0:
        return i18n.text(lang, "pace.flat")
    return i18n.text(lang, "pace.up" if v > 0 else "pace.down", v=distance(v, r, lang, decimals))


def required_pace(value, r: dict, lang: str, decimals: int = 1) -> str:
    """A required pace; a target not yet met never needs 'no change': at a strict threshold it needs to
    pass it ('must exceed 21%')."""
    if not i18n.is_missing(value) and round(float(value), 1) == 0 and r["status"] != "achieved":
        return i18n.text(lang, "pace.exceed", v=with_unit(r["target_value"], r, lang))
    return pace_words(value, r, lang, decimals)


def away_by(r: dict, lang: str) -> str:
    """How much further from the target the projection lands than the base year's figure, in the unit."""
    p, b = float(r["projected_value"]), float(r["baseline_value"])
    return distance(round(p - b) if r.get("kind") in WHOLE else p - b, r, lang)


def pace_text(r: dict, lang: str) -> str:
    """The actual pace in words; no pace for a met target."""
    if r["status"] == "achieved":
        return "—"
    return pace_words(r.get("pace_actual"), r, lang)


def projection_text(r: dict, lang: str, suffix: str = "") -> str:
    """Projected ranks and counts as whole numbers."""
    value = r.get(f"projected_value{suffix}")
    if i18n.is_missing(value):
        return "—"
    return i18n.fmt_number(round(value) if r.get("kind") in WHOLE else value, lang)


def projection_phrase(r: dict, lang: str) -> str:
    """Where the projection lands, in words: a worse rank 'falls to', never 'reaches' ([projection])."""
    p = r.get("projected_value")
    if r.get("kind") == "rank":
        p, last = round(p), r.get("latest_value")
        key = "projection.rank_stays" if p == last else ("projection.rank_falls" if p > last else "projection.rank_rises")
        return i18n.text(lang, key, v=i18n.fmt_number(p, lang))
    value = round(p) if r.get("kind") in WHOLE else p
    return i18n.text(lang, "projection.level", v=with_unit(value, r, lang))


def _target_effective(r: dict) -> float:
    if not i18n.is_missing(r.get("target_effective")):
        return float(r["target_effective"])
    t = float(r["target_value"])
    if r.get("kind") in WHOLE and r["comparator"] in (">", "<"):
        return t + 1 if r["comparator"] == ">" else t - 1  # rule 13: whole-number kinds
    return t


def needed_next(r: dict) -> tuple[float, int] | None:
    """Rule 15: (value, year) the next figure needs; the engine's columns, else worked out here."""
    if r["status"] in ("achieved", "no_data", "missed"):
        return None
    if "needed_next_value" in r:
        if i18n.is_missing(r.get("needed_next_value")) or i18n.is_missing(r.get("needed_next_year")):
            return None
        return float(r["needed_next_value"]), int(r["needed_next_year"])
    if i18n.is_missing(r.get("latest_value")):
        return None
    t, year = int(r["latest_year"]), int(r["target_year"])
    nxt = max(t + 1, int(r.get("as_of_year") or 0))  # a next figure dated before this edition is overdue
    if nxt > year:
        return None
    y = float(r["latest_value"])
    value = y + (_target_effective(r) - y) * (nxt - t) / (year - t)
    if r.get("kind") == "rank":
        value = math.floor(value)
    elif r.get("kind") == "count":
        value = math.ceil(value)
    return value, nxt


def next_text(r: dict, lang: str) -> str:
    if r.get("status") == "achieved":
        return hold_text(r, lang)
    return currency.next_release(_next_text(r, lang), r, lang)  # rule 19: names the due release


def hold_text(r: dict, lang: str) -> str:
    """Rule 15 for a met target: the level to hold to the target year, and the margin it is met by."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    if r.get("kind") == "rank":
        out = T("hold.rank", v=i18n.fmt_number(_target_effective(r), lang), year=int(r["target_year"]))
    else:  # the target's own words: "more than 194", as the resolution says it
        strict = r["comparator"] in (">", "<")
        key = ("hold.more" if r["comparator"] in (">", ">=") else "hold.less") + ("_strict" if strict else "")
        out = T(key, v=with_unit(float(r["target_value"]), r, lang, decimals=None), year=int(r["target_year"]))
    gap = r.get("gap")
    if not i18n.is_missing(gap) and float(gap) < 0:
        out += T("hold.margin", by=distance(-float(gap), r, lang))
    return out


def _next_text(r: dict, lang: str) -> str:
    nxt = needed_next(r)
    if nxt is None:
        return "—"
    value, year = nxt
    if r.get("kind") == "rank":
        return i18n.text(lang, "next.rank", v=i18n.fmt_number(value, lang), year=year)
    key = "next.more" if r["comparator"] in (">", ">=") else "next.less"
    if r.get("kind") not in WHOLE and r["comparator"] in (">", "<"):
        key += "_strict"  # 'more than 21%', never 'at least 21%' for a strict target on a share
    return i18n.text(lang, key, v=with_unit(value, r, lang, decimals=None), year=year)


# The engine's flags, then any the catalogs know that this engine does not set yet (INTERFACE.md's order).


def marks(flags: str) -> str:
    return "".join(i18n.FLAG_MARKS.get(f, "") for f in FLAGS if f in (flags or "").split(";"))


CAVEATS = ("low_evidence", "floor_only", "met_before_set", "rank_noise", "weak_source", "proxy", "not_comparable", "source_sensitive")


def explanation(r: dict, lang: str, caveats: bool = True) -> str:
    """One sentence of words on the target page: why this status. caveats False: an achieved target's caveats
    are left out (the PDF page prints each mark with its meaning just above)."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    s, flags = r["status"], (r.get("flags") or "").split(";")
    if s == "no_data":
        return T("explain.no_data")
    if s == "achieved":
        since = "" if i18n.is_missing(r.get("achieved_since")) else T("explain.since", year=int(r["achieved_since"]))
        out = T("explain.achieved", latest=latest_text(r, lang), target=target_text(r, lang), since=since)
        notes = [i18n.FLAG_NAMES[lang][f] for f in CAVEATS if caveats and f in flags and f in i18n.FLAG_NAMES[lang]]
        return out + (T("explain.caveat", text="; ".join(notes)) if notes else "")
    if s == "missed":
        return T("explain.missed", latest=latest_text(r, lang))
    if s == "insufficient_data":
        gap = gap_text(r, lang)
        if gap == i18n.text(lang, "misc.at_threshold"):
            return T("explain.insufficient_data_threshold", latest=latest_text(r, lang))
        return T("explain.insufficient_data", latest=latest_text(r, lang), gap=gap)
    if "target_lost" in flags:
        return T("explain.target_lost", base_year=int(r["baseline_year"]),
                 base=with_unit(r["baseline_value"], r, lang), latest=latest_text(r, lang),
                 status=i18n.status_name(s, lang))
    if i18n.is_missing(r.get("ratio")) or i18n.is_missing(r.get("projected_value")):
        return ""
    if r["ratio"] < 0 and "rank_noise" in flags:  # rule 10's noise band: no direction, no negative share
        return T("currency.trend_noise", pace=pace_words(r.get("pace_actual"), r, lang), year=int(r["target_year"]),
                 phrase=projection_phrase(r, lang),
                 by=distance(abs(float(r["projected_value"]) - float(r["baseline_value"])), r, lang, decimals=1),
                 base_year=int(r["baseline_year"]), base=with_unit(r["baseline_value"], r, lang),
                 status=i18n.status_name(s, lang))
    if s == "moving_away":  # a negative share of the way is no figure to report: say how much further away
        return T("explain.trend_away", pace=pace_words(r.get("pace_actual"), r, lang), year=int(r["target_year"]),
                 phrase=projection_phrase(r, lang), by=away_by(r, lang), base_year=int(r["baseline_year"]),
                 base=with_unit(r["baseline_value"], r, lang), status=i18n.status_name(s, lang))
    return T("explain.trend", pace=pace_words(r.get("pace_actual"), r, lang), year=int(r["target_year"]),
             phrase=projection_phrase(r, lang), percent=i18n.fmt_number(round(r["ratio"] * 100), lang),
             base_year=int(r["baseline_year"]), status=i18n.status_name(s, lang), cutoff=T(f"explain.cutoff_{s}"))


def _names(ds: Dataset, lang: str) -> pd.Series:
    return ds.indicators.set_index("indicator_id")[f"name_{lang}"]


def _same(a, b) -> bool:
    missing = lambda v: v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))  # noqa: E731
    return (missing(a) and missing(b)) or (not missing(a) and not missing(b) and float(a) == float(b))


def _change_causes(ds: Dataset, sc: pd.DataFrame, previous: pd.DataFrame, as_of: int,
                   baseline_year: int | None) -> dict:
    """Rule 16: target_id -> cause of its change since the year before. The engine's status_changes when it
    has one; else a new latest figure is 'new_figure' and an unchanged one 'window' (only the base moved)."""
    from . import history as hist

    if hasattr(hist, "status_changes"):
        ch = hist.status_changes(ds, as_of - 1, as_of, baseline_year)
        return dict(zip(ch["target_id"], ch["cause"]))
    prev = previous.set_index("target_id")
    out = {}
    for r in sc.to_dict("records"):
        p = prev.loc[r["target_id"]]
        same = all(_same(p[c], r[c]) for c in ("latest_year", "latest_value"))
        out[r["target_id"]] = "window" if same else "new_figure"
    return out


def summary_sentences(sc: pd.DataFrame, previous: pd.DataFrame | None, ds: Dataset, lang: str, as_of: int,
                      baseline_year: int | None = None) -> list[str]:
    names = _names(ds, lang)
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    out = []
    assessed = sc[sc["ratio"].notna() & (sc["status"] != "achieved")].sort_values("ratio")
    if len(assessed):
        r = assessed.iloc[0].to_dict()
        if r["ratio"] < 0:
            out.append(T("summary.moving_away", name=names[r["indicator_id"]], year=int(r["target_year"]),
                         projected=projection_phrase(r, lang), comparator=i18n.fmt_comparator(r["comparator"]),
                         target=i18n.fmt_number(r["target_value"], lang)))
        else:
            out.append(T("summary.off_pace", name=names[r["indicator_id"]], year=int(r["target_year"]),
                         percent=i18n.fmt_number(round(r["ratio"] * 100), lang)))
    if previous is not None:
        changed = sc.merge(previous[["target_id", "status"]], on="target_id", suffixes=("", "_prev"))
        changed = changed[changed["status"] != changed["status_prev"]]
        causes = _change_causes(ds, sc, previous, as_of, baseline_year) if len(changed) else {}
        items = {"news": [], "window": []}
        for r in changed.to_dict("records"):
            cause = causes.get(r["target_id"], "new_figure")
            # a window-only change: the sentence already opens with this cause, so it is not said twice
            item = T("summary.change_item_plain" if cause == "window" else "summary.change_item",
                     name=names[r["indicator_id"]], before=i18n.status_name(r["status_prev"], lang),
                     after=i18n.status_name(r["status"], lang), cause=T(f"cause.{cause}"))
            items["window" if cause == "window" else "news"].append(item)
        out.append(T("summary.changes", year=as_of - 1, items="; ".join(items["news"])) if items["news"]
                   else T("summary.no_changes", year=as_of - 1))
        if items["window"]:
            out.append(T("summary.window_changes", items="; ".join(items["window"])))
    flags = sc["flags"].fillna("") + ";" + sc.get("flags_long", pd.Series("", index=sc.index)).fillna("")
    contested = sc[flags.str.contains("source_sensitive")]
    if len(contested):
        out.append(T("summary.contested", names="; ".join(names[i] for i in contested["indicator_id"])))
    weak = sc[sc["flags"].fillna("").str.contains("weak_source")
              | (sc["latest_grade"].fillna("") == "C" if "latest_grade" in sc else False)]
    if len(weak):
        out.append(T("summary.weak", names="; ".join(names[i] for i in weak["indicator_id"])))
    # targets without figures are named in the bottom line's list (bottom_names), not again here
    return out


def bottom_line(sc: pd.DataFrame, lang: str) -> str:
    """One line: how many targets in each status, the achieved ones with how many carry a caveat."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    counts = sc["status"].value_counts()
    items = []
    for s in STATUSES:
        n = int(counts.get(s, 0))
        if not n:
            continue
        name = i18n.status_name(s, lang).lower()
        if s == "achieved":
            k = int(sc[sc["status"] == s]["flags"].fillna("").str.len().gt(0).sum())
            items.append(T("summary.achieved_caveats_all" if k == n else "summary.achieved_caveats", n=n, status=name, k=k) if k else
                         T("summary.count_item", n=n, status=name))
        else:
            items.append(T("summary.count_item", n=n, status=name))
    return T("summary.bottom_line", n=len(sc), items=", ".join(items))


def bottom_names(sc: pd.DataFrame, ds: Dataset, lang: str) -> list[str]:
    """The bottom line in words: each status with the targets it holds, so a reader can repeat it upward."""
    names = _names(ds, lang)
    out = []
    for s in STATUSES:
        members = ordered(sc[sc["status"] == s])
        if len(members):
            out.append(i18n.text(lang, "summary.bottom_names", status=i18n.status_name(s, lang),
                                 names="; ".join(names[i] for i in members["indicator_id"])))
    return out


def windows_differ(sc: pd.DataFrame, lang: str, names: pd.Series) -> list[str]:
    """A sentence wherever the short- and long-term statuses disagree, saying why."""
    out = []
    for r in sc[sc["status"] != sc["status_long"]].to_dict("records"):
        if r["status"] == "achieved" or r["status_long"] in ("no_data", "insufficient_data"):
            continue
        kw = dict(name=names[r["indicator_id"]], short=i18n.status_name(r["status"], lang),
                  long=i18n.status_name(r["status_long"], lang))
        flags_long = (r.get("flags_long") or "").split(";")
        if "method_break" in flags_long:
            out.append(i18n.text(lang, "summary.windows_differ_break", **kw))
        elif "not_comparable" in flags_long:
            out.append(i18n.text(lang, "summary.windows_differ_compare", **kw))
        elif not i18n.is_missing(r.get("baseline_year_long")) and not i18n.is_missing(r.get("baseline_year")):
            paces = not i18n.is_missing(r.get("pace_actual")) and not i18n.is_missing(r.get("pace_actual_long"))
            out.append(i18n.text(
                lang, "summary.windows_differ" if paces else "summary.windows_differ_base", **kw,
                base_long=int(r["baseline_year_long"]), value_long=with_unit(r["baseline_value_long"], r, lang),
                base_short=int(r["baseline_year"]), value_short=with_unit(r["baseline_value"], r, lang),
                pace_long=pace_words(r.get("pace_actual_long"), r, lang),
                pace_short=pace_words(r.get("pace_actual"), r, lang)))
    return out


def ordered(sc: pd.DataFrame) -> pd.DataFrame:
    """The scorecard's reading order: by area (PILLARS), then as targets.csv lists them."""
    rank = {p: i for i, p in enumerate(PILLARS)}
    return sc.assign(_o=sc["pillar"].map(rank)).sort_values("_o", kind="stable").drop(columns="_o")


def overview(sc: pd.DataFrame, ds: Dataset, lang: str, as_of: int, baseline_year: int | None) -> dict:
    """Page 2: the bottom line, one row per target (153/NQ-CP first), the windows, the instruments."""
    names = _names(ds, lang)
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    inst = ds.targets.set_index("target_id")["instrument"]
    rows = ordered(sc).to_dict("records")
    groups = []
    for key, keep in (("summary.group_153", lambda i: "153" in i), ("summary.group_other", lambda i: "153" not in i)):
        members = [r for r in rows if keep(str(inst[r["target_id"]]))]
        if members:
            groups.append({"title": T(key, n=i18n.number_word(len(members), lang).capitalize()),
                           "rows": [{"id": r["target_id"], "indicator": names[r["indicator_id"]],
                                     "latest": latest_text(r, lang), "target": target_text(r, lang),
                                     "status": r["status"], "marks": marks(r["flags"]), "next": next_text(r, lang)}
                                    for r in members]})
    short = baseline_year if baseline_year else as_of - config.SHORT_WINDOW
    src = ds.sources.set_index("source_id")
    t_src = ds.targets["source_id"].mode()
    date = src.loc[t_src.iloc[0], "published"] if len(t_src) and t_src.iloc[0] in src.index else ""
    return {
        "bottom_line": bottom_line(sc, lang), "bottom_names": bottom_names(sc, ds, lang), "groups": groups,
        "window": T("summary.window", short=short, long=as_of - config.LONG_WINDOW, as_of=as_of),
        "short_from": str(short), "long_from": str(as_of - config.LONG_WINDOW),
        "windows_differ": windows_differ(sc, lang, names),
        "instruments": T("summary.instruments", i59=T("instruments.59-NQ/TW"), i153=T("instruments.153/NQ-CP")),
        "not_public": T("summary.not_public", date=i18n.fmt_date(date, lang)),
        # rule 19: each target whose due release is not in the data, in the page's order
        "due": [x for x in (currency.due_sentence(r, ds.indicators, lang, names[r["indicator_id"]]) for r in rows) if x],
    }


def conflicts(ds: Dataset, lang: str) -> list[dict]:
    """Every indicator and period where more than one source gives a figure (the workbook's sheet)."""
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


def _cite(src: pd.DataFrame, source_id: str, lang: str) -> str:
    s = src.loc[source_id]
    return (f"{i18n.publisher_name(s['publisher'], lang)}, “{s['title']}”"
            + (f", {i18n.fmt_date(s['published'], lang)}" if s["published"] else ""))


def _grade(g, lang: str) -> str:
    return i18n.text(lang, "misc.grade", grade=g) if isinstance(g, str) and g else ""


def _figures(r: dict, lang: str) -> list[list[str]]:
    """[label, value] pairs: the table beside each target's chart."""
    L = lambda k: i18n.label(k, lang)  # noqa: E731
    F = lambda k, **kw: i18n.text(lang, f"figures.{k}", **kw)  # noqa: E731
    latest = latest_text(r, lang)
    if _grade(r.get("latest_grade"), lang):
        latest += f" · {_grade(r['latest_grade'], lang)}"
    out = [[L("latest"), latest], [L("target"), target_text(r, lang)], [L("gap"), gap_text(r, lang)]]
    if r["status"] == "achieved":
        if not i18n.is_missing(r.get("achieved_since")):
            out.append([F("achieved_since"), str(int(r["achieved_since"]))])
        return out
    if not i18n.is_missing(r.get("baseline_value")):
        out.append([F("base_point"), F("base_point_value_one" if int(r["n_points"]) == 1 else "base_point_value", value=with_unit(r["baseline_value"], r, lang),
                                       year=int(r["baseline_year"]), n=int(r["n_points"]))])
    dec = pace_decimals(r)
    if not i18n.is_missing(r.get("pace_actual")):
        out.append([F("pace_actual"), pace_words(r["pace_actual"], r, lang, dec)])
    for key in ("pace_required", "pace_required_now"):
        if not i18n.is_missing(r.get(key)):
            out.append([F(key), required_pace(r[key], r, lang, dec)])
    if not i18n.is_missing(r.get("projected_value")):
        out.append([F("projected_value", year=int(r["target_year"])), projection_text(r, lang)])
    if not i18n.is_missing(r.get("ratio")):
        out.append([F("ratio"), i18n.text(lang, "explain.away_by", by=away_by(r, lang)) if r["ratio"] < 0
                    else i18n.text(lang, "units.percent", v=i18n.fmt_number(round(r["ratio"] * 100), lang))])
    if needed_next(r):
        out.append([F("needed_next"), next_text(r, lang)])
    return out


def _point_value(q: dict, lang: str) -> str:
    text = i18n.fmt_qualified(q["value"], q["qualifier"], lang)
    if q.get("kind") == "rank" and not i18n.is_missing(q.get("out_of")) and q.get("out_of"):
        text += f"/{int(q['out_of'])}"
    return f"{text} {i18n.FLAG_MARKS['proxy']}" if q.get("proxy") else text


def reason(a: dict, ds: Dataset) -> str:
    """Why an unselected figure differs from the series, from the data (never the free-text note):
    a proxy, an unconfirmed (grade C) figure, another producer than the series', an earlier release, or
    simply another outlet's figure for the same period. Returns the key in [reasons]."""
    if a.get("proxy"):
        return "proxy"
    obs = ds.observations
    row = obs.loc[a["row"]] if "row" in a and a["row"] in obs.index else None
    if row is not None and str(row.get("grade", "")) == "C":
        return "unconfirmed"
    series = obs[(obs["indicator_id"] == a["indicator_id"]) & obs["selected"]]
    producers = series["producer"].value_counts()
    if len(producers) and a["producer"] != producers.index[0]:
        return "other_producer"
    same = series[series["period"].astype(str).str[:4] == str(a["period"])[:4]]
    src = ds.sources.set_index("source_id")["published"]
    if len(same) and a.get("source_id") in src.index:
        mine, theirs = str(src[a["source_id"]]), str(src.get(same.iloc[0]["source_id"], ""))
        if mine and theirs and mine < theirs:
            return "earlier_release"
    return "other_outlet"


def _alternative_texts(a: pd.DataFrame, ds: Dataset, lang: str) -> list[str]:
    """Rule 12: the figure that would change the status, its source, why it is not the series', that status."""
    out = []
    groups: dict = {}  # the same figure changing the same status in both windows is said once, for both
    for r in a.to_dict("records"):
        same = (r.get("row"), r["value"], str(r["period"]), r["status"], r["alt_status"], str(r.get("replaces_value")))
        groups.setdefault(same, []).append(r)
    for group in groups.values():
        r = group[0]
        window = "window_both" if len({g["window"] for g in group}) > 1 else f"window_{r['window']}"
        key = "alternatives.replaces" if not i18n.is_missing(r.get("replaces_value")) else "alternatives.adds"
        out.append(i18n.text(
            lang, key, window=i18n.label(window, lang),
            value=i18n.fmt_qualified(r["value"], r["qualifier"], lang), period=i18n.fmt_date(r["period"], lang),
            source=cite(r["producer"], r["publisher"], lang), reason=i18n.text(lang, f"reasons.{reason(r, ds)}"),
            replaced=("" if i18n.is_missing(r.get("replaces_value"))
                      else i18n.fmt_number(r["replaces_value"], lang)),
            replaced_period=i18n.fmt_date(r.get("replaces_period") or "", lang),
            status=i18n.status_name(r["status"], lang), alt_status=i18n.status_name(r["alt_status"], lang)))
    return out


RAW_ROW = re.compile(r"^[^\s,]+(,[^\s,]*){3,}$")  # a row of a data file (values and commas, no words)


def locator_text(locator: str, lang: str) -> str:
    """The few words found in the source, quoted; a raw data-file row is said in words, never printed."""
    if RAW_ROW.match(str(locator or "")):
        return i18n.text(lang, "misc.data_row")
    return i18n.printable(f"“{locator}”", lang)


def break_text(indicator_id: str, ds: Dataset, lang: str) -> str:
    """Rule 17: the producer's declared method break(s) of an indicator, with the source that states it
    (breaks_source) when the data name one; "" when none is declared."""
    ind = ds.indicators.set_index("indicator_id")
    years = str(ind["breaks"].get(indicator_id, "") or "") if "breaks" in ind else ""
    if not years:
        return ""
    ref = str(ind["breaks_source"].get(indicator_id, "") or "") if "breaks_source" in ind else ""
    src = ds.sources.set_index("source_id")
    ref = i18n.text(lang, "breaks.reference", source=_cite(src, ref, lang)) if ref in src.index else ""
    return i18n.text(lang, "breaks.text", years=", ".join(years.split(";")), reference=ref)


def _target_texts(r: dict, ds: Dataset, pts: pd.DataFrame, alts: pd.DataFrame, lang: str) -> dict:
    names = _names(ds, lang)
    t_src = ds.targets.set_index("target_id").loc[r["target_id"]]
    p = pts[pts["indicator_id"] == r["indicator_id"]]
    cites = [cite(q["producer"], q["publisher"], lang) for q in p.to_dict("records")]
    instrument = str(t_src["instrument"])
    return {
        "id": r["target_id"], "indicator_id": r["indicator_id"], "title": names[r["indicator_id"]],
        "pillar": r["pillar"],
        "wording": f"“{t_src['wording_vi']}”" + (f" ({t_src['wording_en']})" if lang == "en" and t_src["wording_en"] else ""),
        "instrument": i18n.catalog(lang).get("instruments", {}).get(instrument, instrument),
        "target_source": _cite(ds.sources.set_index("source_id"), t_src["source_id"], lang),
        "status": r["status"], "status_long": r["status_long"], "marks": marks(r["flags"]),
        "marks_long": marks(r.get("flags_long", "")),
        "latest": latest_text(r, lang), "target": target_text(r, lang),
        "target_value": target_text(r, lang).rsplit(" (", 1)[0],
        "gap": gap_text(r, lang), "pace": pace_text(r, lang),
        "projection": projection_text(r, lang), "projection_long": projection_text(r, lang, "_long"),
        "next": next_text(r, lang), "explanation": explanation(r, lang),
        "due": currency.due_sentence(r, ds.indicators, lang, names[r["indicator_id"]]),
        "break": break_text(r["indicator_id"], ds, lang),
        "explanation_plain": explanation(r, lang, caveats=False),
        "figures": _figures(r, lang),
        "points": [{"year": str(int(q["year"])), "value": _point_value({**q, "kind": r.get("kind")}, lang),
                    "grade": _grade(q.get("grade"), lang),
                    "status": i18n.OBS_STATUS[lang].get(q["obs_status"], q["obs_status"]),
                    "source": c + (f", {i18n.fmt_date(q['published'], lang)}" if q.get("published") else ""),
                    "locator": translations.locator(ds, q, lang) or locator_text(q["locator"], lang)}
                   for q, c in zip(p.to_dict("records"), cites)],
        "alternatives": _alternative_texts(alts[alts["target_id"] == r["target_id"]], ds, lang),
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
    if kind == "rank" and len(s) > 1:  # every rank with its year: no change over a span a target page may not use
        return T("context_line.levels", name=name, values=", ".join(
            T("context_line.level_item", value=q(r), year=int(r["year"])) for r in s.to_dict("records")))
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


def _said_by(s: pd.DataFrame, lang: str) -> str:
    """Who says the latest figure, where, since when and its grade: ' (producer (via outlet), published …; grade B)'."""
    last = s.sort_values(["year", "period"] if "period" in s else "year").iloc[-1]
    kw = dict(source=cite(last["producer"], last["publisher"], lang), grade=_grade(last.get("grade"), lang))
    if last.get("published"):
        return i18n.text(lang, "context_line.context_source", published=i18n.fmt_date(last["published"], lang), **kw)
    return i18n.text(lang, "context_line.context_source_undated", **kw)


def _date_text(r, lang: str) -> str:
    """A point's period as the reader writes a date: 30/12/2025, 08/02/2026, 8/2025 (vi); 30 Dec 2025, Aug 2025 (en)."""
    parts = str(r.get("period", "") or int(r["year"])).split("-")
    if len(parts) == 1:
        return parts[0]
    months = i18n.text(lang, "context_units.months")
    month = months[int(parts[1]) - 1]
    if len(parts) == 2:
        return i18n.text(lang, "context_units.date_month", month=month, y=parts[0])
    return i18n.text(lang, "context_units.date_day", d=i18n.day_text(int(parts[2]), lang), month=month, y=parts[0])


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
        summary = [_context_line(names[i], s, ind.loc[i, "kind"], lang, units[i], dated) + _said_by(s, lang)
                   for i, s in series.items()]
        if dated:
            summary.append(i18n.text(lang, "context_units.different_dates"))
        if cid in i18n.catalog(lang).get("context_note", {}):  # series a reader could take for one another
            summary.append(i18n.text(lang, f"context_note.{cid}"))
        out.append({"id": cid, "title": i18n.text(lang, f"context_title.{cid}"), "indicators": list(series),
                    "names": {i: names[i] for i in series},
                    "unit": first["unit_vi"] if lang == "vi" and first["unit_vi"] else first["unit"],
                    "summary": summary, "publishers": pubs, "sources": sorted(set(pubs))})
    return out
