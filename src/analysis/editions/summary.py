"""The summary and page 2: the bottom line, one row per target by resolution, the windows and why they
differ, the sentences on what changed since the year before and on contested or unchecked figures, the
targets counted by instrument, the status history's changes, the releases due."""
from __future__ import annotations

import math

import pandas as pd

from .. import config, i18n
from ..data import names as data_names
from ..data.schema import Dataset
from ..engine.history import recent_changes
from ..engine.scorecards import alternatives, points, printable_alternatives
from ..engine.series import yearly_series
from ..engine.terms import STATUSES
from . import currency_text
from .phrases import (_names, hold_text, instrument_group, instrument_name, instruments_of, latest_text, maintained_text,
                      marks, next_text, ordered, pace_words, projection_phrase, risk_items, target_text, with_unit)
from .sources import grade_words
from .target_pages import comparable_text, proxy_only_text, reason_text


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


def _same(a, b) -> bool:
    missing = lambda v: v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))  # noqa: E731
    return (missing(a) and missing(b)) or (not missing(a) and not missing(b) and float(a) == float(b))


def _change_causes(ds: Dataset, sc: pd.DataFrame, previous: pd.DataFrame, as_of: int,
                   baseline_year: int | None) -> dict:
    """Rule 16: target_id -> cause of its change since the year before. The engine's status_changes when it
    has one; else a new latest figure is 'new_figure' and an unchanged one 'window' (only the base moved)."""
    from ..engine import history as hist

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


def overview(sc: pd.DataFrame, ds: Dataset, lang: str, as_of: int, baseline_year: int | None) -> dict:
    """Page 2: the bottom line, one row per target (153/NQ-CP first), the windows, the instruments."""
    names = _names(ds, lang)
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    inst = ds.targets.set_index("target_id")["instrument"]
    rows = ordered(sc).to_dict("records")
    pts = points(ds, as_of)
    pts.attrs["names"] = dict(names)
    pts.attrs["charts"] = data_names.chart_of(ds)
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
        "due": [x for x in (currency_text.due_sentence(r, ds.indicators, lang, names[r["indicator_id"]]) for r in rows) if x],
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
