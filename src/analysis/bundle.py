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
                "pace_actual", "pace_required", "n_points", "needed_next_value", "needed_next_year", "baseline_out_of")


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
    alts = printable_alternatives(alts)
    for col, window in (("flags", "short"), ("flags_long", "long")):  # no ¶ without a figure the page can name
        shown = set(alts.loc[alts["window"] == window, "target_id"]) if len(alts) else set()
        if col in sc:
            sc[col] = [";".join(f for f in str(v or "").split(";") if f and (f != "source_sensitive" or t in shown))
                       for t, v in zip(sc["target_id"], sc[col].fillna(""))]
    sc["held_since"] = held_since(sc, ds, as_of)
    pts0 = points(ds, as_of)
    sc["proxy_only"] = [bool(len(q := pts0[pts0["indicator_id"] == i])) and bool(q["proxy"].astype(bool).all())
                        for i in sc["indicator_id"]]
    for col in ("flags", "flags_long"):  # a proxy's figure is no gap: 'at the threshold' is not said of it
        if col in sc:
            sc.loc[sc["proxy_only"], col] = sc.loc[sc["proxy_only"], col].fillna("").map(
                lambda f: ";".join(x for x in f.split(";") if x and x != "at_threshold"))
    # nor a pace needed or a next figure: the PDF and the workbook print none for such a target (S2-11, S2-22)
    for col in ("gap", "pace_required", "pace_required_now", "needed_next_year", "needed_next_value"):
        if col in sc:
            sc.loc[sc["proxy_only"], col] = float("nan")
    sensitivity = base_sensitivity(ds, sc, as_of, baseline_year)
    previous = previous_scorecard(ds, as_of, baseline_year)
    pts = points(ds, as_of)
    pts.attrs["names"] = dict(_names(ds, lang))
    history = dataset_history(ds, as_of, baseline_year)
    return Bundle(
        ds=ds, lang=lang, as_of=as_of, scorecard=sc, previous=previous, points=pts, history=history,
        alternatives=alts,
        edition=edition_date().isoformat(), fingerprint=fingerprint(ds.data_dir), code_version=code_version(),
        summary=summary_sentences(sc, previous, ds, lang, as_of, baseline_year, alts),
        history_changes=history_sentences(history, ds, lang, pts),
        overview=overview(sc, ds, lang, as_of, baseline_year),
        coverage_text=coverage_text(ds, lang),
        targets=[_target_texts(r, ds, pts, alts, lang, sensitivity.get(r["target_id"], [])) for r in sc.to_dict("records")],
        context=_unscored_context(ds, pts, lang) + _context(ds, pts, lang),
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
    """'producer (via publisher)': who made the figure, and where it was read; the producer alone when it was
    read in the producer's own publication (never 'WIPO (via WIPO)')."""
    made = i18n.producer_name(producer, lang)
    read = i18n.printable(i18n.publisher_name(str(publisher), lang), lang)
    if str(producer).strip().casefold() == str(publisher).strip().casefold() or made == read:
        return made
    return i18n.text(lang, "misc.via", producer=made, publisher=read)


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


# ---------------------------------------------------------------- instruments, coverage

INSTRUMENT_ORDER = ("59-NQ/TW", "153/NQ-CP")  # the Politburo's resolution first, then the Government's


def instruments_of(value) -> list[str]:
    """'153/NQ-CP;59-NQ/TW' -> ['153/NQ-CP', '59-NQ/TW']: the instrument that lists the target first."""
    return [x.strip() for x in str(value or "").split(";") if x.strip()]


def instrument_group(value) -> str:
    """The group a target is counted in: its first instrument if it is one of INSTRUMENT_ORDER, else 'other'."""
    first = (instruments_of(value) or [""])[0]
    return first if first in INSTRUMENT_ORDER else "other"


def instrument_name(value, lang: str, short: bool = False) -> str:
    """Every instrument of a target, named in full (or short), joined: said once, with both resolutions."""
    table = i18n.catalog(lang).get("instruments", {})
    names = []
    for x in instruments_of(value):
        key = {"153/NQ-CP": "short_153", "59-NQ/TW": "short_59"}.get(x) if short else x
        names.append(table.get(key, table.get(x, x)) if key else table.get(x, x))
    return i18n.text(lang, "instruments.joined", first=names[0], rest="; ".join(names[1:])) if len(names) > 1 \
        else (names[0] if names else "")


def coverage_text(ds: Dataset, lang: str) -> str:
    """The targets counted by instrument, the same sentence on the cover and on page 2."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    groups = [instrument_group(v) for v in ds.targets["instrument"]]
    n59, n153 = groups.count("59-NQ/TW"), groups.count("153/NQ-CP")
    n_other = len(groups) - n59 - n153
    W = lambda n: i18n.number_word(n, lang)  # noqa: E731  (en spells small numbers out; vi writes digits)
    out = T("coverage.by_instrument", n59=W(n59), n153=W(n153), total=config.PROGRAMME_TARGETS,
            missing=config.PROGRAMME_TARGETS - n153)
    if n_other:
        out += " " + T("coverage.others", n=W(n_other))
    both = [r for r in ds.targets.to_dict("records") if len(instruments_of(r["instrument"])) > 1]
    names = _names(ds, lang)
    if both:
        out += " " + T("coverage.both", names="; ".join(names[r["indicator_id"]] for r in both),
                       group=instrument_name(instruments_of(both[0]["instrument"])[0], lang, short=True))
    if ds.unscored is not None and len(ds.unscored):
        out += " " + T("coverage.unscored", n=i18n.number_word(len(ds.unscored), lang, start=True),
                       names="; ".join(names.get(i, i) for i in ds.unscored["indicator_id"]))
    return out


def held_since(sc: pd.DataFrame, ds: Dataset, as_of: int) -> list:
    """For an achieved target, the first year of the run of figures meeting it; a proxy figure (another
    coverage) never starts the run, and one that does not meet the target ends it (the run is only claimed
    from the figures after it: two reviews found 'held since 2015' across a 2017 '70' indefensible); the
    engine's achieved_since otherwise."""
    series = yearly_series(ds.observations, as_of)
    out = []
    for r in sc.to_dict("records"):
        since = r.get("achieved_since")
        if r["status"] == "achieved":
            pts = series[series["indicator_id"] == r["indicator_id"]].sort_values("year")
            run = None
            for q in reversed(pts.to_dict("records")):
                if not _meets(r, q["value"], q.get("qualifier") or ""):
                    break
                if q.get("proxy"):
                    continue
                run = int(q["year"])
            since = run if run is not None else since
        out.append(since)
    return out


def _meets(r: dict, value: float, qualifier: str) -> bool:
    """Whether one figure meets the target (rule 13's whole-number reading; a floor '>70' meets '> 70')."""
    t = _target_effective(r)
    v = float(value)
    whole = r.get("kind") in WHOLE
    if r["comparator"] in (">", ">="):
        if qualifier == ">" and whole:
            v += 1
        return v >= t if (whole or r["comparator"] == ">=") else (v > t or (qualifier == ">" and v >= t))
    if qualifier == "<" and whole:
        v -= 1
    return v <= t if (whole or r["comparator"] == "<=") else (v < t or (qualifier == "<" and v <= t))


def base_sensitivity(ds: Dataset, sc: pd.DataFrame, as_of: int, baseline_year: int | None) -> dict:
    """target_id -> [(base year, status)] for the short window's start one year earlier and later where the
    status would differ: the page then says the status rests on the choice of the base year."""
    start = baseline_year if baseline_year else as_of - config.SHORT_WINDOW
    kinds = ds.kinds()
    now = dict(zip(sc["target_id"], sc["status"]))
    out: dict = {}
    for b in (start - 1, start + 1):
        other = scorecard_and_alternatives(ds.observations, ds.targets, kinds, as_of, b)[0]
        for t, s, base in zip(other["target_id"], other["status"], other["baseline_year"]):
            if now.get(t) not in (None, "achieved", "no_data", "insufficient_data") and s != now[t] \
                    and not i18n.is_missing(base):
                out.setdefault(t, []).append((int(base), s))
    return out


def printable_alternatives(alts: pd.DataFrame) -> pd.DataFrame:
    """The contested figures a reader can be shown: an alternative that only makes a series 'insufficient data'
    (by standing alone as another producer's series) says nothing about the target and is left out."""
    if not len(alts):
        return alts
    return alts[~alts["alt_status"].isin(["insufficient_data", "no_data"])].reset_index(drop=True)


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
    if _held_at_bound(r, suffix):
        return i18n.text(lang, "projection.bounded_short")
    return i18n.fmt_number(round(value) if r.get("kind") in WHOLE else value, lang)


def _held_at_bound(r: dict, suffix: str = "") -> bool:
    """The projection stopped at the indicator's declared bound and that bound meets the target: the trend
    passes the target before the target year, and no level beyond the target is printed (a count of states
    has no level a ministry would print as a forecast)."""
    value = r.get(f"projected_value{suffix}")
    if r.get(f"projection_bounded{suffix}", r.get("projection_bounded")) != True or i18n.is_missing(value):  # noqa: E712
        return False
    return _meets(r, float(value), "")


def projection_phrase(r: dict, lang: str) -> str:
    """Where the projection lands, in words: a worse rank 'falls to', never 'reaches' ([projection])."""
    p = r.get("projected_value")
    if r.get("kind") == "rank":
        p, last = round(p), r.get("latest_value")
        key = "projection.rank_stays" if p == last else ("projection.rank_falls" if p > last else "projection.rank_rises")
        return i18n.text(lang, key, v=i18n.fmt_number(p, lang))
    value = round(p) if r.get("kind") in WHOLE else p
    if _held_at_bound(r):  # rule 9: said as the target passed, not as a level at the bound
        return i18n.text(lang, "projection.bounded", year=int(r["target_year"]))
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


# Flags kept in the data but never printed as a mark: a target met before it was set is a target to hold,
# said in words (a 'target to hold'), never as a comment on the resolution that set it.
UNPRINTED = ("met_before_set",)


def printed_flags(flags: str) -> list[str]:
    return [f for f in FLAGS if f in (flags or "").split(";") and f not in UNPRINTED]


def marks(flags: str) -> str:
    return "".join(i18n.FLAG_MARKS.get(f, "") for f in printed_flags(flags))


CAVEATS = ("low_evidence", "floor_only", "rank_noise", "weak_source", "proxy", "not_comparable", "source_sensitive")


def margin(r: dict) -> float | None:
    """How far an achieved target's latest figure is beyond the level to hold, in the target's direction."""
    if r["status"] != "achieved" or i18n.is_missing(r.get("latest_value")):
        return None
    d = 1 if r["comparator"] in (">", ">=") else -1
    return d * (float(r["latest_value"]) - _target_effective(r))


def hold_text(r: dict, lang: str) -> str:
    """Rule 15 for a met target: the level to hold and the margin ('hold rank 33 or better; now 1 place higher')."""
    if r["status"] != "achieved":
        return ""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    te = _target_effective(r)
    floor = "floor_only" in (r.get("flags") or "").split(";")
    if r.get("kind") == "rank":
        level = T("hold.rank", v=i18n.fmt_number(te, lang))
    elif floor or (r.get("kind") not in WHOLE and r["comparator"] in (">", "<")):
        level = T("hold.more_strict" if r["comparator"] == ">" else "hold.less_strict",
                  v=with_unit(r["target_value"], r, lang))
    else:
        level = T("hold.more" if r["comparator"] in (">", ">=") else "hold.less", v=with_unit(te, r, lang))
    if floor:
        return T("hold.with", level=level, margin=T("hold.floor", v=with_unit(r["latest_value"], r, lang)))
    m = margin(r)
    year = "" if i18n.is_missing(r.get("latest_year")) else int(r["latest_year"])
    if m is None or m < 0:  # no margin to state (a latest figure short of the level cannot be 'achieved')
        return level
    if round(m, 6) == 0:
        return T("hold.with", level=level, margin=T("hold.at_level", year=year))
    by = distance(m, r, lang)
    key = "hold.above_rank" if r.get("kind") == "rank" else "hold.above"
    # the margin of the latest figure, dated: never 'now' for an edition two years old (rule 19)
    return T("hold.with", level=level, margin=T(key, by=by, year=year))


def maintained_text(r: dict, lang: str) -> str:
    """A target met before it was set: a target to hold, from the year its run began to the target year."""
    since = r.get("held_since", r.get("achieved_since"))
    if r["status"] != "achieved" or "met_before_set" not in (r.get("flags") or "").split(";") or i18n.is_missing(since):
        return ""
    return i18n.text(lang, "hold.maintained", since=int(since), year=int(r["target_year"]))


def risk_items(r: dict, lang: str, alts: pd.DataFrame | None = None) -> list[str]:
    """What could undo an achieved status, in words: a margin inside the rank-noise band, a contested figure,
    a latest figure not yet checked against the producer's publication, a floor only."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    flags = (r.get("flags") or "").split(";")
    out = []
    m = margin(r)
    if r.get("kind") == "rank" and m is not None and m <= 3:
        out.append(T("risk.rank_noise", by=distance(m, r, lang)) if m else T("risk.rank_noise_at"))
    if "source_sensitive" in flags and alts is not None and len(alts):
        a = alts.iloc[0].to_dict()
        out.append(T("risk.contested", value=i18n.fmt_qualified(a["value"], a["qualifier"], lang),
                     producer=i18n.producer_name(a["producer"], lang),
                     status=i18n.status_name(a["alt_status"], lang)))
    if str(r.get("latest_grade") or "") == "C":
        out.append(T("risk.weak_latest", latest=latest_text(r, lang)))
    if "floor_only" in flags:
        out.append(T("risk.floor"))
    return out


def explanation(r: dict, lang: str, caveats: bool = True) -> str:
    """One sentence of words on the target page: why this status. caveats False: an achieved target's caveats
    are left out (the PDF page prints each mark with its meaning just above)."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    s, flags = r["status"], (r.get("flags") or "").split(";")
    if s == "no_data":
        return T("explain.no_data")
    if s == "achieved":
        held = r.get("held_since", r.get("achieved_since"))
        since = "" if i18n.is_missing(held) else T("explain.since", year=int(held))
        out = T("explain.achieved", latest=latest_text(r, lang), target=target_text(r, lang), since=since)
        if maintained_text(r, lang):
            out += " " + maintained_text(r, lang)[:1].upper() + maintained_text(r, lang)[1:] + "."
        notes = [i18n.FLAG_NAMES[lang][f] for f in CAVEATS if caveats and f in flags and f in i18n.FLAG_NAMES[lang]]
        return out + (T("explain.caveat", text="; ".join(notes)) if notes else "")
    if s == "missed":
        return T("explain.missed", latest=latest_text(r, lang))
    if s == "insufficient_data" and r.get("proxy_only"):
        return ""  # the page says there is no official statistic, in its own sentence
    if s == "insufficient_data":
        gap = gap_text(r, lang)
        if gap == i18n.text(lang, "misc.at_threshold"):
            return T("explain.insufficient_data_threshold", latest=latest_text(r, lang))
        return T("explain.insufficient_data", latest=latest_text(r, lang), gap=gap)
    if "target_lost" in flags:
        return T("explain.target_lost", base_year=int(r["baseline_year"]),
                 base=with_unit(r["baseline_value"], r, lang, out_of=r.get("baseline_out_of")), latest=latest_text(r, lang),
                 status=i18n.status_name(s, lang))
    if i18n.is_missing(r.get("ratio")) or i18n.is_missing(r.get("projected_value")):
        return ""
    dec = pace_decimals(r)  # the same decimals as the page's table
    if r["ratio"] < 0 and "rank_noise" in flags:  # rule 10's noise band: no direction, no negative share
        return T("currency.trend_noise", pace=pace_words(r.get("pace_actual"), r, lang, dec), year=int(r["target_year"]),
                 phrase=projection_phrase(r, lang),
                 by=distance(abs(float(r["projected_value"]) - float(r["baseline_value"])), r, lang, decimals=1),
                 base_year=int(r["baseline_year"]), base=with_unit(r["baseline_value"], r, lang, out_of=r.get("baseline_out_of")),
                 status=i18n.status_name(s, lang))
    if s == "moving_away":  # a negative share of the way is no figure to report: say how much further away
        return T("explain.trend_away", pace=pace_words(r.get("pace_actual"), r, lang, dec), year=int(r["target_year"]),
                 phrase=projection_phrase(r, lang), by=away_by(r, lang), base_year=int(r["baseline_year"]),
                 base=with_unit(r["baseline_value"], r, lang, out_of=r.get("baseline_out_of")), status=i18n.status_name(s, lang))
    out = T("explain.trend", pace=pace_words(r.get("pace_actual"), r, lang, dec), year=int(r["target_year"]),
            phrase=projection_phrase(r, lang), percent=i18n.fmt_number(round(r["ratio"] * 100), lang),
            base_year=int(r["baseline_year"]), status=i18n.status_name(s, lang), cutoff=T(f"explain.cutoff_{s}"))
    same = not i18n.is_missing(r.get("latest_value")) and not i18n.is_missing(r.get("baseline_value")) \
        and float(r["latest_value"]) == float(r["baseline_value"]) and not i18n.is_missing(r.get("pace_required_now"))
    if same and r["pace_required_now"]:  # rule 10: with y_t = y_b the share of the way is s / r_now
        out += " " + T("explain.same_level", latest=with_unit(r["latest_value"], r, lang),
                       actual=i18n.fmt_number(abs(r["pace_actual"]), lang, dec, keep_zeros=True),
                       needed=i18n.fmt_number(abs(r["pace_required_now"]), lang, dec, keep_zeros=True),
                       percent=i18n.fmt_number(round(r["ratio"] * 100), lang))
    return out


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
                      baseline_year: int | None = None, alts: pd.DataFrame | None = None) -> list[str]:
    names = _names(ds, lang)
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    out = []
    assessed = sc[sc["ratio"].notna() & (sc["status"] != "achieved")].sort_values("ratio")
    if len(assessed):
        r = assessed.iloc[0].to_dict()
        if r["ratio"] < 0:
            two = "low_evidence" in (r.get("flags") or "").split(";") and not i18n.is_missing(r.get("baseline_year"))
            out.append(T("summary.moving_away_two" if two else "summary.moving_away", name=names[r["indicator_id"]],
                         year=int(r["target_year"]), projected=projection_phrase(r, lang),
                         comparator=i18n.fmt_comparator(r["comparator"]),
                         target=i18n.fmt_number(r["target_value"], lang),
                         first=int(r["baseline_year"]) if two else "", last=int(r["latest_year"]),
                         mark=i18n.FLAG_MARKS["low_evidence"]))
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
        # rule 18: which figure the producer gives and why the other differs, in one sentence per target
        for r in contested.to_dict("records"):
            a = alts[alts["target_id"] == r["target_id"]] if alts is not None and len(alts) else None
            if a is None or a.empty:
                continue
            first = a.iloc[0].to_dict()
            out.append(T("summary.contested_reason", name=names[r["indicator_id"]], latest=latest_text(r, lang),
                         value=i18n.fmt_qualified(first["value"], first["qualifier"], lang),
                         reason=reason_text(first, ds, lang), status=i18n.status_name(first["alt_status"], lang)))
    out += weak_sentences(sc, ds, lang, as_of)
    # targets without figures are named in the bottom line's list (bottom_names), not again here
    return out


def weak_sentences(sc: pd.DataFrame, ds: Dataset, lang: str, as_of: int) -> list[str]:
    """A status resting on a figure not yet checked against the producer's publication (grade C), said in a
    sentence naming that figure: the latest for an achieved target (its status rests on it alone), else the
    latest or the base point of the short window."""
    names = _names(ds, lang)
    series = yearly_series(ds.observations, as_of)
    out = []
    for r in ordered(sc).to_dict("records"):
        if r["status"] in ("no_data",):
            continue
        years = [("latest", r.get("latest_year"), r.get("latest_grade"))]
        if r["status"] != "achieved":
            years.append(("base", r.get("baseline_year"), r.get("baseline_grade")))
        weak = [(w, int(y)) for w, y, g in years if str(g or "") == "C" and not i18n.is_missing(y)]
        if not weak:
            continue
        figs = []
        for y in dict.fromkeys(y for _, y in weak):
            q = series[(series["indicator_id"] == r["indicator_id"]) & (series["year"] == y)]
            if len(q):
                q = q.iloc[0]
                sid = ds.observations.loc[q["row"], "source_id"] if q["row"] in ds.observations.index else ""
                pub = ds.sources.set_index("source_id")["publisher"].get(sid, "")
                figs.append(i18n.text(lang, "weak.figure", value=with_unit(q["value"], r, lang, q["qualifier"] or "",
                                                                           q.get("out_of")), year=y,
                                      how=grade_words("C", pub, lang)))
        if figs:
            out.append(i18n.text(lang, "weak.sentence", name=names[r["indicator_id"]],
                                 status=i18n.status_name(r["status"], lang), figures="; ".join(figs)))
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
                base_long=int(r["baseline_year_long"]), value_long=with_unit(r["baseline_value_long"], r, lang, out_of=r.get("baseline_out_of_long")),
                base_short=int(r["baseline_year"]), value_short=with_unit(r["baseline_value"], r, lang, out_of=r.get("baseline_out_of")),
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
    pts = points(ds, as_of)
    pts.attrs["names"] = dict(names)
    groups = []
    for key, group in (("summary.group_59", "59-NQ/TW"), ("summary.group_153", "153/NQ-CP"),
                       ("summary.group_other", "other")):
        members = [r for r in rows if instrument_group(inst[r["target_id"]]) == group]
        if not members:
            continue
        out_rows = []
        for r in members:
            also = instruments_of(inst[r["target_id"]])[1:]
            proxy_only = bool(proxy_only_text(r, pts, lang))
            out_rows.append({
                "id": r["target_id"],
                "indicator": names[r["indicator_id"]] + (T("summary.also_in", names="; ".join(
                    instrument_name(a, lang, short=True) for a in also)) if also else ""),
                "latest": latest_text(r, lang) + (f" {i18n.FLAG_MARKS['proxy']}" if proxy_only else ""),
                "target": target_text(r, lang), "status": r["status"], "marks": marks(r["flags"]),
                "next": "—" if proxy_only else (hold_text(r, lang) or next_text(r, lang)),
                "notes": [x for x in (proxy_only_text(r, pts, lang), comparable_text(r, ds, pts, lang)) if x]})
        groups.append({"title": T(key, n=i18n.number_word(len(members), lang).capitalize()), "rows": out_rows})
    alts_all = printable_alternatives(alternatives(ds, as_of, baseline_year))
    risks = []
    for r in ordered(sc[sc["status"] == "achieved"]).to_dict("records"):
        items = risk_items(r, lang, alts_all[alts_all["target_id"] == r["target_id"]])
        if items:
            risks.append(T("risk.line", name=names[r["indicator_id"]], items="; ".join(items)))
    held = [T("hold.held_item", name=names[r["indicator_id"]], since=int(r.get("held_since", r.get("achieved_since"))))
            for r in ordered(sc).to_dict("records") if maintained_text(r, lang)]
    years = {int(r["target_year"]) for r in sc.to_dict("records") if maintained_text(r, lang)}
    short = baseline_year if baseline_year else as_of - config.SHORT_WINDOW
    src = ds.sources.set_index("source_id")
    t_src = ds.targets["source_id"].mode()
    date = src.loc[t_src.iloc[0], "published"] if len(t_src) and t_src.iloc[0] in src.index else ""
    return {
        "bottom_line": bottom_line(sc, lang), "bottom_names": bottom_names(sc, ds, lang), "groups": groups,
        "coverage": coverage_text(ds, lang), "risks": risks, "held": T("summary.held", items="; ".join(held), year=max(years)) if held else "",
        "window": T("summary.window", short=short, long=as_of - config.LONG_WINDOW, as_of=as_of,
                    bases=base_years_text(sc, "baseline_year_long")),
        "short_from": str(short), "long_from": str(as_of - config.LONG_WINDOW),
        "windows_differ": windows_differ(sc, lang, names),
        "instruments": T("summary.instruments", i59=T("instruments.59-NQ/TW"), i153=T("instruments.153/NQ-CP")),
        "not_public": T("summary.not_public", date=i18n.fmt_date(date, lang)),
        # rule 19: each target whose due release is not in the data, in the page's order
        "due": [x for x in (currency.due_sentence(r, ds.indicators, lang, names[r["indicator_id"]]) for r in rows) if x],
    }


def base_years_text(sc: pd.DataFrame, col: str) -> str:
    """The actual base years of a window over every target with figures (as the workbook lists them):
    '2015–2021', or one year."""
    status = "status_long" if col.endswith("_long") and "status_long" in sc else "status"
    years = sorted({int(y) for y, s in zip(sc[col], sc[status]) if not i18n.is_missing(y)
                    and s != "no_data"}) if col in sc else []
    if not years:
        return "—"
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


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


REPOST = re.compile("repost|reprint|re-post|cache of|\u0111\u0103ng l\u1ea1i|b\u1ea3n l\u01b0u", re.I)  # vi: reposted, cached


def grade_words(g, publisher, lang: str) -> str:
    """A grade as where the figure was read (rule 14), never as the outlet's reliability: grade C is a repost
    (the catalog's word for it) where the outlet is one, else a figure not yet checked against the producer's publication."""
    if not isinstance(g, str) or not g:
        return ""
    if g == "C":
        return i18n.text(lang, "grade_words.repost" if REPOST.search(str(publisher or "")) else "grade_words.unchecked")
    return i18n.text(lang, "misc.grade", grade=g)


def _grade(g, lang: str, publisher="") -> str:
    return grade_words(g, publisher, lang)


def _figures(r: dict, lang: str) -> list[list[str]]:
    """[label, value] pairs: the table beside each target's chart."""
    L = lambda k: i18n.label(k, lang)  # noqa: E731
    F = lambda k, **kw: i18n.text(lang, f"figures.{k}", **kw)  # noqa: E731
    latest = latest_text(r, lang)
    if _grade(r.get("latest_grade"), lang, r.get("latest_publisher", "")):
        latest += f" · {_grade(r['latest_grade'], lang, r.get('latest_publisher', ''))}"
    proxy_only = r.get("proxy_only")
    out = [[L("latest"), latest], [L("target"), target_text(r, lang)],
           [L("gap"), "—" if proxy_only else gap_text(r, lang)]]
    if r["status"] == "achieved":
        out.append([F("hold"), hold_text(r, lang)])
        held = r.get("held_since", r.get("achieved_since"))
        if not i18n.is_missing(held):
            out.append([F("achieved_since"), str(int(held))])
        return out
    if not i18n.is_missing(r.get("baseline_value")):
        out.append([F("base_point"), F("base_point_value_one" if int(r["n_points"]) == 1 else "base_point_value",
                                       value=with_unit(r["baseline_value"], r, lang, out_of=r.get("baseline_out_of")),
                                       year=int(r["baseline_year"]), n=int(r["n_points"]))])
    if proxy_only:
        return out
    dec = pace_decimals(r)
    # the pair the status rests on (rule 10): the actual pace beside the pace needed from the latest figure
    if not i18n.is_missing(r.get("pace_actual")):
        out.append([F("pace_actual"), pace_words(r["pace_actual"], r, lang, dec)])
    if not i18n.is_missing(r.get("pace_required_now")):
        out.append([F("pace_required_now"), required_pace(r["pace_required_now"], r, lang, dec)])
    if not i18n.is_missing(r.get("projected_value")):
        out.append([F("projected_value", year=int(r["target_year"])), projection_text(r, lang)])
    if not i18n.is_missing(r.get("ratio")):
        out.append([F("ratio"), i18n.text(lang, "explain.away_by", by=away_by(r, lang)) if r["ratio"] < 0
                    else i18n.text(lang, "units.percent", v=i18n.fmt_number(round(r["ratio"] * 100), lang))])
    if needed_next(r):
        out.append([F("needed_next"), next_text(r, lang)])
    return out


def comparable_text(r: dict, ds: Dataset, pts: pd.DataFrame, lang: str) -> str:
    """Rule 17 in words where a ranking body advises against comparing its editions: the latest rank against
    the better ranks of the window, and the advice ('lower than in 2023–2024, but … advises against …')."""
    flags = ((r.get("flags") or "") + ";" + (r.get("flags_long") or "")).split(";")
    if "not_comparable" not in flags or r.get("kind") != "rank" or i18n.is_missing(r.get("latest_value")):
        return ""
    p = pts[(pts["indicator_id"] == r["indicator_id"]) & (pts["year"] < r["latest_year"])]
    start = r.get("baseline_year")
    if not i18n.is_missing(start):
        p = p[p["year"] >= start]
    better = sorted(int(y) for y, v in zip(p["year"], p["value"]) if float(v) < float(r["latest_value"]))
    producer = i18n.producer_name(str(pts[pts["indicator_id"] == r["indicator_id"]]["producer"].iloc[-1]), lang)
    if not better:
        return i18n.text(lang, "comparable.plain", producer=producer)
    years = str(better[0]) if len(better) == 1 else f"{better[0]}–{better[-1]}"
    return (i18n.text(lang, "comparable.lower", latest=latest_text(r, lang), years=years, producer=producer)
            + score_text(r, ds, pts, lang))


def score_text(r: dict, ds: Dataset, pts: pd.DataFrame, lang: str) -> str:
    """The index score published with a rank (indicators.csv score_for), each year to the rank's latest, so a
    reader sees the score beside a rank that moved: ' The SDG Index score: 71.1 (2019); 73.32 (2024).'"""
    ind = ds.indicators
    if "score_for" not in ind.columns:
        return ""
    ids = ind.loc[ind["score_for"].fillna("") == r["indicator_id"], "indicator_id"].tolist()
    if not ids:
        return ""
    p = pts[(pts["indicator_id"] == ids[0]) & (pts["year"] <= r["latest_year"])].sort_values("year")
    if p.empty:
        return ""
    name = ind.set_index("indicator_id").loc[ids[0], f"name_{lang}"]
    items = "; ".join(f"{i18n.fmt_number(v, lang)} ({int(y)})" for v, y in zip(p["value"], p["year"]))
    return " " + i18n.text(lang, "comparable.score", name=name, items=items)


def proxy_only_text(r: dict, pts: pd.DataFrame, lang: str) -> str:
    """An indicator whose only figures are proxies: no official statistic for the target; the figure is shown
    as another definition's, with no gap."""
    p = pts[pts["indicator_id"] == r["indicator_id"]]
    if not len(p) or not p["proxy"].astype(bool).all():
        return ""
    q = p.sort_values("year").iloc[-1]
    out = i18n.text(lang, "proxy_only.text", value=with_unit(q["value"], r, lang, q["qualifier"] or ""),
                    year=int(q["year"]), mark=i18n.FLAG_MARKS["proxy"])
    # the figures of another definition drawn beside it in the context section (GVC: VCCI's supply-chain share)
    others = next((inds for _, inds in CONTEXT_CHARTS if r["indicator_id"] in inds), [])
    names = pts.attrs.get("names", {})
    items = []
    for other in (i for i in others if i != r["indicator_id"]):
        o = pts[pts["indicator_id"] == other]
        if len(o):
            last = o.sort_values("year").iloc[-1]
            items.append(i18n.text(lang, "proxy_only.other_item", name=names.get(other, other),
                                   value=with_unit(last["value"], r, lang, last["qualifier"] or ""),
                                   year=int(last["year"]), producer=i18n.producer_name(last["producer"], lang)))
    return out + (" " + i18n.text(lang, "proxy_only.others", items="; ".join(items)) if items else "")


def break_text(indicator_id: str, ds: Dataset, pts: pd.DataFrame, lang: str) -> str:
    """The year a producer changed its method (indicators.csv breaks), with its reference when the data give one."""
    ind = ds.indicators.set_index("indicator_id")
    if indicator_id not in ind.index:
        return ""
    years = [y for y in str(ind.loc[indicator_id].get("breaks") or "").split(";") if y.strip()]
    if not years:
        return ""
    p = pts[pts["indicator_id"] == indicator_id]
    producer = i18n.producer_name(str(p["producer"].iloc[-1]), lang) if len(p) else ""
    ref = str(ind.loc[indicator_id].get("breaks_source") or "") if "breaks_source" in ind.columns else ""
    src = ds.sources.set_index("source_id")
    ref = i18n.text(lang, "breaks.reference", source=_cite(src, ref, lang)) if ref in src.index else ""
    return i18n.text(lang, "breaks.text", years=", ".join(years), producer=producer, reference=ref)


def sensitivity_text(r: dict, alts: list, lang: str) -> str:
    """The status rests on the base year: with the window's start a year earlier or later it would differ."""
    if not alts:
        return ""
    items = "; ".join(i18n.text(lang, "base_sensitive.item", year=y, status=i18n.status_name(s, lang)) for y, s in alts)
    return i18n.text(lang, "base_sensitive.text", base=int(r["baseline_year"]), items=items)


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
        replaced_period = "" if i18n.is_missing(r.get("replaces_period")) else str(r.get("replaces_period") or "")
        out.append(i18n.text(
            lang, key, window=i18n.label(window, lang),
            value=i18n.fmt_qualified(r["value"], r["qualifier"], lang),
            period=figure_date(r["period"], ds.sources.set_index("source_id")["published"].get(r.get("source_id"), ""), lang),
            source=cite(r["producer"], r["publisher"], lang), reason=reason_text(r, ds, lang),
            replaced=("" if i18n.is_missing(r.get("replaces_value"))
                      else i18n.fmt_number(r["replaces_value"], lang)),
            replaced_period=figure_date(replaced_period, "", lang),
            status=i18n.status_name(r["status"], lang), alt_status=i18n.status_name(r["alt_status"], lang)))
    return out


def figure_date(period: str, published: str, lang: str) -> str:
    """One date per figure, saying which: the day the count stood at (a dated period), else the source's
    publication date, else the period itself."""
    period = str(period or "")
    if period.count("-") == 2:
        return i18n.text(lang, "alternatives.as_at", date=i18n.fmt_date(period, lang))
    if published:
        return published_text(published, lang)
    return i18n.fmt_date(period, lang)


def published_text(published: str, lang: str) -> str:
    """'published 25/9/2025', or 'published April 2022' when the source gives no day."""
    key = "alternatives.published" if str(published).count("-") == 2 else "alternatives.published_month"
    return i18n.text(lang, key, date=i18n.fmt_date(str(published), lang))


ID_IN_TEXT = re.compile(r"\s*\((?:[a-z0-9]+[-_][a-z0-9_.-]*)(?:[,;] ?[a-z0-9]+[-_][a-z0-9_.-]*)*\)")


def reason_text(a: dict, ds: Dataset, lang: str) -> str:
    """Why the figure was not used (rule 12): the row's note in the edition's language (a column note_<lang>,
    or the note itself in the language it is written in, English), else the reason derived from the data."""
    obs = ds.observations
    row = obs.loc[a["row"]] if "row" in a and a["row"] in obs.index else None
    if row is not None:
        own = str(row.get(f"note_{lang}", "") or "").strip()
        if not own and lang == "en":
            own = str(row.get("note", "") or "").strip()
        if not own and lang == "vi":  # the note's Vietnamese text (data/translations/vi.csv), when current
            key = f"{row['indicator_id']}|{row['period']}|{row['source_id']}"
            own = (translations.lookup(ds, "observations", key, "note", row.get("note")) or "").strip()
        if own:
            own = ID_IN_TEXT.sub("", own)
            heads = "|".join(re.escape(i18n.text(x, "alternatives.note_head")) for x in config.LANGS)
            own = re.sub(rf"^((?:{heads})[^:.]*[:.]\s*)", "", own)  # the note's 'Not selected:' opening
            parts = re.split(r"(?<=[.;])\s", own, maxsplit=2)
            first = parts[0].rstrip(".;")
            if len(parts) > 1 and parts[0].endswith(".") and len(parts[0]) + len(parts[1]) <= 420:
                # the second sentence says why the figures differ (rule 18), e.g. what 195 counts
                first = f"{parts[0]} {parts[1]}".rstrip(".;")
            if first:
                return i18n.text(lang, "alternatives.not_used", why=first)
    return i18n.text(lang, f"reasons.{reason(a, ds)}")


RAW_ROW = re.compile(r"^[^\s,]+(,[^\s,]*){3,}$")  # a row of a data file (values and commas, no words)


def locator_text(locator: str, lang: str) -> str:
    """The few words found in the source, quoted; a raw data-file row is said in words, never printed."""
    if RAW_ROW.match(str(locator or "")):
        return i18n.text(lang, "misc.data_row")
    return i18n.printable(f"“{locator}”", lang)


def _target_texts(r: dict, ds: Dataset, pts: pd.DataFrame, alts: pd.DataFrame, lang: str,
                  sensitive: list | None = None) -> dict:
    names = _names(ds, lang)
    t_src = ds.targets.set_index("target_id").loc[r["target_id"]]
    p = pts[pts["indicator_id"] == r["indicator_id"]]
    cites = [cite(q["producer"], q["publisher"], lang) for q in p.to_dict("records")]
    instrument = str(t_src["instrument"])
    r = {**r, "proxy_only": bool(proxy_only_text(r, pts, lang))}
    if len(p):
        r["latest_publisher"] = str(p.sort_values("year").iloc[-1]["publisher"])
    clause = str(t_src.get("clause") or "").strip()
    risks = risk_items(r, lang, alts[alts["target_id"] == r["target_id"]]) if r["status"] == "achieved" else []
    notes = [x for x in (risks and i18n.text(lang, "risk.page", items="; ".join(risks)),
                         proxy_only_text(r, pts, lang), comparable_text(r, ds, pts, lang), sensitivity_text(r, sensitive or [], lang),
                         break_text(r["indicator_id"], ds, pts, lang)) if x]
    return {
        "clause": i18n.text(lang, "instruments.clause", clause=clause) if clause else "",
        "notes": notes, "hold": hold_text(r, lang), "risks": risk_items(r, lang, alts[alts["target_id"] == r["target_id"]]),
        # a base year only where the trend decides (an achieved target is assessed on its latest figure alone)
        "base_year": "" if i18n.is_missing(r.get("baseline_year")) or r["status"] in ("achieved", "no_data")
        else str(int(r["baseline_year"])),
        "base_year_long": "" if i18n.is_missing(r.get("baseline_year_long"))
        or r["status_long"] in ("achieved", "no_data") else str(int(r["baseline_year_long"])),
        "id": r["target_id"], "indicator_id": r["indicator_id"], "title": names[r["indicator_id"]],
        "pillar": r["pillar"],
        "wording": f"“{t_src['wording_vi']}”" + (f" ({t_src['wording_en']})" if lang == "en" and t_src["wording_en"] else ""),
        "instrument": instrument_name(instrument, lang),
        "target_source": _cite(ds.sources.set_index("source_id"), t_src["source_id"], lang),
        "status": r["status"], "status_long": r["status_long"], "marks": marks(r["flags"]),
        "marks_long": marks(r.get("flags_long", "")),
        "latest": latest_text(r, lang), "target": target_text(r, lang),
        "target_value": target_text(r, lang).rsplit(" (", 1)[0],
        "gap": "—" if r["proxy_only"] else gap_text(r, lang), "pace": pace_text(r, lang),
        "projection": projection_text(r, lang), "projection_long": projection_text(r, lang, "_long"),
        "next": "—" if r["proxy_only"] else (hold_text(r, lang) or next_text(r, lang)), "explanation": explanation(r, lang),
        "due": currency.due_sentence(r, ds.indicators, lang, names[r["indicator_id"]]),
        "explanation_plain": explanation(r, lang, caveats=False),
        "figures": _figures(r, lang),
        "points": [{"year": str(int(q["year"])), "value": _point_value({**q, "kind": r.get("kind")}, lang),
                    "grade": _grade(q.get("grade"), lang, q.get("publisher", "")),
                    "status": i18n.OBS_STATUS[lang].get(q["obs_status"], q["obs_status"]),
                    "source": c + (", " + published_text(q["published"], lang) if q.get("published") else ""),
                    "locator": translations.locator(ds, q, lang) or locator_text(q["locator"], lang)}
                   for q, c in zip(p.to_dict("records"), cites)],
        "alternatives": _alternative_texts(alts[alts["target_id"] == r["target_id"]], ds, lang),
        "has_proxy": bool(p["proxy"].any()) if "proxy" in p else False,
        "publishers": cites,
    }


NEARLY = re.compile("\\bg\u1ea7n\\b|\\bnearly\\b|\\bneared\\b|\\balmost\\b", re.I)  # the source says nearly (vi: g-a-n)


def _context_line(name: str, s: pd.DataFrame, kind: str, lang: str, unit: str = "", dated: bool = False,
                  indicator_id: str = "") -> str:
    """Level and start, both with their qualifier; then the change: places for a rank, units for a count,
    average yearly growth for an amount. No change is computed on a qualified value (">930", "≈12,5"):
    it would be spurious precision. dated: the level carries its full date (counts of different dates)."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731

    def q(r) -> str:  # the level with its unit, and 'nearly' where the source says so (never '<', read 'under')
        qual = r["qualifier"] or ""
        v = i18n.fmt_number(r["value"], lang)
        if qual == "<" and NEARLY.search(str(r.get("locator") or "")):
            v = T("context_units.nearly", v=v)
        else:
            v = i18n.fmt_qualified(r["value"], qual, lang)
        if kind == "rank":
            return v
        if unit == "%" or kind == "share":
            return T("units.percent", v=v)
        return T("units.other", v=v, unit=unit) if unit else v
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
            why = i18n.catalog(lang).get("context_change_note", {}).get(f"{indicator_id}.{'up' if n > 0 else 'down'}")
            line += why or ""
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
    kw = dict(source=cite(last["producer"], last["publisher"], lang),
              grade=_grade(last.get("grade"), lang, last.get("publisher", "")))
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


def _unscored_context(ds: Dataset, pts: pd.DataFrame, lang: str) -> list[dict]:
    """A target whose instrument is not identified is not scored: its figures are context, with one sentence
    saying why (and the target as its source words it)."""
    if ds.unscored is None or not len(ds.unscored):
        return []
    ind = ds.indicators.set_index("indicator_id")
    names = ind[f"name_{lang}"]
    out = []
    for t in ds.unscored.to_dict("records"):
        i = t["indicator_id"]
        if i not in ind.index:
            continue
        meta = ind.loc[i]
        unit = meta["unit_vi"] if lang == "vi" and meta["unit_vi"] else meta["unit"]
        s = pts[pts["indicator_id"] == i]
        summary = [i18n.text(lang, "unscored.note", wording=t["wording_vi"] if lang == "vi" or not t.get("wording_en")
                             else t["wording_en"], source=_cite(ds.sources.set_index("source_id"), t["source_id"], lang)
                             if t["source_id"] in set(ds.sources["source_id"]) else "")]
        pubs = [cite(pr, pu, lang) for pr, pu in zip(s["producer"], s["publisher"])]
        if len(s):
            summary.insert(0, _context_line(names[i], s, meta["kind"], lang, unit) + _said_by(s, lang))
        out.append({"id": f"unscored-{t['target_id']}", "title": names[i], "indicators": [i] if len(s) else [],
                    "names": {i: names[i]}, "unit": unit, "summary": summary, "publishers": pubs,
                    "sources": sorted(set(pubs))})
    return out


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
        summary = [_context_line(names[i], s, ind.loc[i, "kind"], lang, units[i], dated, i) + _said_by(s, lang)
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
