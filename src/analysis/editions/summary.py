"""The summary and page 2: the bottom line, one row per target by resolution, the windows and why they
differ, the sentences on what changed since the year before and on contested or unchecked figures, the
targets counted by instrument, the status history's changes, the releases due."""
from __future__ import annotations

import math

import pandas as pd

from .. import config, i18n
from ..frame_attrs import Shared
from ..data import names as data_names
from ..data.schema import Dataset
from ..engine import currency
from ..engine.history import recent_changes
from ..engine.scorecards import alternatives, points, printable_alternatives
from ..engine.series import yearly_series
from ..engine.terms import STATUSES
from . import currency_text
from .caveats import two_points_text
from .phrases import (_names, hold_text, instrument_group, instrument_name, instruments_of, latest_text, maintained_text,
                      marks, next_text, ordered, pace_words, period_type, projection_phrase, risk_items, said_list,
                      target_text, target_words, with_unit)
from .sources import grade_words
from .target_pages import comparable_text, proxy_only_text, read_via_text, reason_text


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
    """The targets counted by instrument (plan.toml's, in its order), the same sentence on the cover and on
    page 2; an instrument with targets_total also says how many of its targets are not tracked."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    plan = ds.plan
    groups = [instrument_group(v, plan) for v in ds.targets["instrument"]]
    W = lambda n: i18n.number_word(n, lang)  # noqa: E731  (en spells small numbers out; vi writes digits)
    items, rest = [], []
    for inst in plan.instruments:
        n = groups.count(inst.id)
        if not n:
            continue
        item = T("coverage.item_first" if not items else "coverage.item", n=W(n), instrument=inst.short[lang])
        if inst.targets_total:
            of = inst.programme.get(lang) or inst.short[lang]
            item += T("coverage.out_of", total=inst.targets_total, programme=of)
            if inst.targets_total > n:
                rest.append(T("coverage.missing", missing=inst.targets_total - n,
                              programme=inst.programme_short.get(lang) or of))
        items.append(item)
    out = [T("coverage.assesses", items=said_list(items, lang)) + "".join(rest) + "."] if items else []
    n_other = groups.count("other")
    if n_other:
        out.append(T("coverage.others", n=W(n_other)))
    both = [r for r in ds.targets.to_dict("records") if len(instruments_of(r["instrument"])) > 1]
    names = _names(ds, lang)
    if both:
        out.append(T("coverage.both", names="; ".join(names[r["indicator_id"]] for r in both),
                     group=instrument_name(instruments_of(both[0]["instrument"])[0], lang, plan, short=True)))
    if ds.unscored is not None and len(ds.unscored):
        out.append(T("coverage.unscored", n=i18n.number_word(len(ds.unscored), lang, start=True),
                     names="; ".join(names.get(i, i) for i in ds.unscored["indicator_id"])))
    return " ".join(out)


def change_sentences(ch, ds: Dataset, lang: str) -> list[str]:
    """What changed since the previous edition, in a sentence: the same base, statuses and causes as the
    changes page (changes_text), never a status recomputed here; a first edition says that it is one."""
    from .changes_text import base_text, cause_text

    if ch is None or ch.first:
        return [i18n.text(lang, "changes.first")]
    names = _names(ds, lang)
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    base = base_text(ch.base, lang)
    status = lambda s: i18n.status_name(s, lang) if s else i18n.text(lang, "changes.not_tracked_before")  # noqa: E731
    news = [T("summary.change_item", name=names.get(s["indicator_id"], s["indicator_id"]), before=status(s["before"]),
              after=status(s["after"]) if s["after"] else i18n.text(lang, "changes.not_tracked_after"),
              cause=cause_text(s, ch, lang)) for s in ch.news]
    # a window-only change: the sentence already opens with this cause, so it is not said twice
    window = [T("summary.change_item_plain", name=names.get(s["indicator_id"], s["indicator_id"]),
                before=status(s["before"]), after=status(s["after"])) for s in ch.window_only]
    out = [T("summary.changes", base=base, items="; ".join(news)) if news else T("summary.no_changes", base=base)]
    if window:
        out.append(T("summary.window_changes", items="; ".join(window)))
    return out


def summary_sentences(sc: pd.DataFrame, changes, ds: Dataset, lang: str, as_of: int,
                      baseline_year: int | None = None, alts: pd.DataFrame | None = None) -> list[str]:
    """Page 2's sentences. changes: the comparison with the previous edition (engine.changes.Changes, the
    one the changes page prints), or None when there is none."""
    names = _names(ds, lang)
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    out = []
    assessed = sc[sc["ratio"].notna() & (sc["status"] != "achieved")].sort_values("ratio")
    if len(assessed):
        r = assessed.iloc[0].to_dict()
        kind = period_type(r)
        if kind:  # a total or an average growth: R is a share of the total, or of the growth needed
            key = "summary_growth_down" if r["ratio"] < 0 else f"summary_{kind}"
            out.append(T(f"target_type.{key}", name=names[r["indicator_id"]], year=int(r["target_year"]),
                         percent=i18n.fmt_number(round(r["ratio"] * 100), lang)))
        elif r["ratio"] < 0:
            two = "low_evidence" in (r.get("flags") or "").split(";") and not i18n.is_missing(r.get("baseline_year"))
            out.append(T("summary.moving_away_two" if two else "summary.moving_away", name=names[r["indicator_id"]],
                         year=int(r["target_year"]), projected=projection_phrase(r, lang, ds.plan.name[lang]),
                         target=target_words(r, lang),
                         first=int(r["baseline_year"]) if two else "", last=int(r["latest_year"]),
                         mark=i18n.FLAG_MARKS["low_evidence"])
                       + (" " + two_points_text(r, lang) if two and two_points_text(r, lang) else ""))
        else:
            out.append(T("summary.off_pace", name=names[r["indicator_id"]], year=int(r["target_year"]),
                         percent=i18n.fmt_number(round(r["ratio"] * 100), lang)))
    out += change_sentences(changes, ds, lang)
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
                         value=i18n.fmt_qualified_words(first["value"], first["qualifier"], lang),
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
    pts, kinds = points(ds, as_of), ds.kinds()
    out = []
    for r in ordered(sc).to_dict("records"):
        if r["status"] in ("no_data",):
            continue
        years = [("latest", r.get("latest_year"), r.get("latest_grade"))]
        if r["status"] != "achieved":
            years.append(("base", r.get("baseline_year"), r.get("baseline_grade")))
        weak = [(w, int(y)) for w, y, g in years if str(g or "") == "C" and not i18n.is_missing(y)
                # the latest figure already said in words under its row of the page-2 table (read_via_text)
                and not (w == "latest" and read_via_text({**r, "kind": kinds.get(r["indicator_id"])}, pts, lang))]
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
            items.append(T(("summary.achieved_caveats_both" if n == 2 else "summary.achieved_caveats_all") if k == n else "summary.achieved_caveats", n=n, status=name, k=k) if k else
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
    """Page 2: the bottom line, one row per target grouped by instrument (plan.toml's order), the windows, the
    instruments."""
    names = _names(ds, lang)
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    inst = ds.targets.set_index("target_id")["instrument"]
    rows = ordered(sc).to_dict("records")
    pts = points(ds, as_of)
    pts.attrs["names"] = Shared(names)
    pts.attrs["charts"] = Shared(data_names.chart_of(ds))
    groups = []
    plan = ds.plan
    for group in (*plan.ids, "other"):
        members = [r for r in rows if instrument_group(inst[r["target_id"]], plan) == group]
        if not members:
            continue
        out_rows = []
        for r in members:
            also = instruments_of(inst[r["target_id"]])[1:]
            proxy_only = bool(proxy_only_text(r, pts, lang))
            out_rows.append({
                "id": r["target_id"],
                "indicator": names[r["indicator_id"]] + (T("summary.also_in", names="; ".join(
                    instrument_name(a, lang, plan, short=True) for a in also)) if also else ""),
                "latest": latest_text(r, lang) + (f" {i18n.FLAG_MARKS['proxy']}" if proxy_only else ""),
                "target": target_text(r, lang), "status": r["status"], "marks": marks(r["flags"]),
                "next": "—" if proxy_only else (hold_text(r, lang) or next_text(r, lang, short=True)),
                "notes": [x for x in (proxy_only_text(r, pts, lang), read_via_text(r, pts, lang),
                                       comparable_text(r, ds, pts, lang)) if x]})
        n = i18n.number_word(len(members), lang).capitalize()
        groups.append({"title": T("summary.group", n=n, instrument=plan.instrument(group).short[lang])
                       if group != "other" else T("summary.group_other", n=n), "rows": out_rows})
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
    # the source most targets are quoted from: its outlet and date (the instruments themselves are not public)
    src = ds.sources.set_index("source_id")
    t_src = ds.targets["source_id"].mode()
    quoted = src.loc[t_src.iloc[0]] if len(t_src) and t_src.iloc[0] in src.index else None
    used = [i for i in plan.ids if i in {x for v in ds.targets["instrument"] for x in instruments_of(v)}]
    return {
        "bottom_line": bottom_line(sc, lang), "bottom_names": bottom_names(sc, ds, lang), "groups": groups,
        "coverage": coverage_text(ds, lang), "risks": risks, "held": T("summary.held", items="; ".join(held), year=max(years)) if held else "",
        "window": T("summary.window", short=short, long=as_of - config.LONG_WINDOW, as_of=as_of,
                    bases=base_years_text(sc, "baseline_year_long"), before=_before_instruments(plan, used, short, lang)),
        "short_from": str(short), "long_from": str(as_of - config.LONG_WINDOW),
        "windows_differ": windows_differ(sc, lang, names),
        "instruments": T("summary.instruments", names=said_list([plan.instrument(i).name[lang] for i in used], lang)),
        "not_public": T("summary.not_public", publisher=i18n.publisher_name(quoted["publisher"], lang),
                        date=i18n.fmt_date(quoted["published"], lang))
                      # a news report of the instruments, not their text: say the wording is unchecked
                      + ("" if str(quoted.get("outlet", "")) == "producer" else " " + T("summary.not_checked"))
                      if quoted is not None else "",
        # rule 19: each target whose due release is not in the data, in the page's order
        "due": currency_text.due_list(rows, ds.indicators, lang, names),
        # rule 19: a producer without a fixed calendar, and the latest edition seen by the cut-off
        "irregular": [x for x in (currency_text.irregular_sentence(r, ds.indicators, lang, currency.data_cutoff(ds.sources),
                                                                   _producer(pts, r["indicator_id"], lang)) for r in rows) if x],
    }


def _producer(pts: pd.DataFrame, indicator_id: str, lang: str) -> str:
    """The producer of an indicator's latest point, as the edition names it ("" when it has none)."""
    p = pts[pts["indicator_id"] == indicator_id]
    return "" if not len(p) else i18n.producer_name(str(p.sort_values("year").iloc[-1]["producer"]), lang)


def base_years_text(sc: pd.DataFrame, col: str) -> str:
    """The actual base years of a window over every target with figures (as the workbook lists them):
    '2015–2021', or one year."""
    status = "status_long" if col.endswith("_long") and "status_long" in sc else "status"
    years = sorted({int(y) for y, s in zip(sc[col], sc[status]) if not i18n.is_missing(y)
                    and s != "no_data"}) if col in sc else []
    if not years:
        return "—"
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _before_instruments(plan, used: list, short: int, lang: str) -> str:
    """'; 2021 is before the instruments were issued (2025)' when the short window starts before the earliest
    dated instrument of the edition's targets; '' otherwise (or when plan.toml gives no date)."""
    years = [int(plan.instrument(i).date[:4]) for i in used if plan.instrument(i).date]
    if not years or short >= min(years):
        return ""
    return i18n.text(lang, "summary.window_before", short=short, year=min(years))
