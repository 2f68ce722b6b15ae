"""The one bundle every output reads: the numbers (scorecards, yearly points) and the texts generated
from them (formatted figures, summary sentences, context lines, conflicts), for one edition.

Outputs never recompute: charts.py draws it, pdf.py lays it out, notebook_view.py displays it, workbook.py
writes it. The numbers come from engine/scorecards.py; the texts from phrases.py (a figure in words),
summary.py (page 2), target_pages.py, context.py and sources.py.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from .. import __version__, config, i18n
from ..frame_attrs import Shared
from ..data import names as data_names
from ..data.dataset import fingerprint
from ..data.schema import Dataset
from ..engine import currency
from ..engine.history import dataset_history
from ..engine.changes import Changes, from_bundle
from ..engine.scorecards import _windows, base_sensitivity, points, printable_alternatives
from ..engine.series import yearly_series
from .context import _context, _unscored_context
from .phrases import _meets, _names
from .sources import conflicts
from .caveats import box_caveats
from .summary import coverage_text, history_sentences, overview, summary_sentences
from .target_pages import _target_texts


@dataclass
class Bundle:
    """One edition's numbers (DataFrames) and texts (already in `lang`)."""
    ds: Dataset
    lang: str
    as_of: int
    scorecard: pd.DataFrame          # one row per target: short-term window, long-term status beside it
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
    changes: Changes | None = None   # what changed since the previous edition (page 2 and the page after it)

    def label(self, key: str) -> str:
        return i18n.label(key, self.lang)


def build(ds: Dataset, as_of: int | None, lang: str, baseline_year: int | None = None,
          since: str | Path | None = None) -> Bundle:
    """as_of None or 0: the latest year the data reach (the default edition). since: the previous edition's
    record file, which the summary and the changes page both compare with (empty: a first edition)."""
    from ..data.edition import latest_year

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
    pts = points(ds, as_of)
    pts.attrs["names"] = Shared(_names(ds, lang))
    pts.attrs["charts"] = Shared(data_names.chart_of(ds))  # indicator_id -> the indicators drawn in its context chart
    history = dataset_history(ds, as_of, baseline_year)
    b = Bundle(
        ds=ds, lang=lang, as_of=as_of, scorecard=sc, points=pts, history=history,
        alternatives=alts,
        edition=edition_date().isoformat(), fingerprint=fingerprint(ds.data_dir), code_version=code_version(),
        summary=[],
        history_changes=history_sentences(history, ds, lang, pts),
        overview={**overview(sc, ds, lang, as_of, baseline_year),
                  "caveats": box_caveats(sc, lang, _names(ds, lang), sensitivity)},
        coverage_text=coverage_text(ds, lang),
        targets=[_target_texts(r, ds, pts, alts, lang, sensitivity.get(r["target_id"], [])) for r in sc.to_dict("records")],
        context=_unscored_context(ds, pts, lang) + _context(ds, pts, lang),
        conflicts=conflicts(ds, lang),
        data_cutoff=str(currency.data_cutoff(ds.sources) or ""),
    )
    b.changes = from_bundle(b, since or None)
    b.summary = summary_sentences(sc, b.changes, ds, lang, as_of, baseline_year, alts)
    return b


def write_scorecard_csv(b: Bundle, output_dir: Path) -> Path:
    """The scorecard as plain numbers, published beside the charts."""
    path = Path(output_dir) / "scorecard.csv"
    b.scorecard.to_csv(path, index=False)
    return path


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
