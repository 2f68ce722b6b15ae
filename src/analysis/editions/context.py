"""The context section: the indicators without a target (trade, FDI, remittances, partners, FTAs, GDP per
capita...) and the targets that are not scored, each group with its lines of levels and changes and who
says the latest figure."""
from __future__ import annotations

import re

import pandas as pd

from .. import i18n
from ..data import names as data_names
from ..data.schema import Dataset
from .sources import _cite, _grade, cite

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
            v, qual = T("context_units.nearly", v=v), ""
        if kind == "rank":
            return i18n.qualified_words(v, qual, lang)
        if unit == "%" or kind == "share":
            return i18n.qualified_words(T("units.percent", v=v), qual, lang)
        return i18n.qualified_words(T("units.other", v=v, unit=unit) if unit else v, qual, lang)
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
            why = i18n.data_name("context_notes", f"{indicator_id}.{'up' if n > 0 else 'down'}", lang, fallback="")
            line += f" {why}" if why else ""
    elif kind == "amount" and years > 0 and first["value"] > 0 and last["value"] > 0:
        cagr = (last["value"] / first["value"]) ** (1 / years) - 1
        key = "context_units.growth_up" if cagr >= 0 else "context_units.growth_down"
        line += T(key, rate=i18n.fmt_number(abs(cagr) * 100, lang, 1))
    else:
        line += T("context_line.change", delta=i18n.fmt_number(last["value"] - first["value"], lang, signed=True))
    return line


def line_cite(producer: str, publisher: str, lang: str) -> str:
    """'producer, via outlet' for a context line: the producer by its current name (producers.csv's line_<lang>),
    no brackets around the outlet; the producer alone when read in its own publication."""
    made = i18n.producer_line_name(producer, lang)
    read = i18n.printable(i18n.publisher_name(str(publisher), lang), lang)
    if str(producer).strip().casefold() == str(publisher).strip().casefold() or read == i18n.producer_name(producer, lang):
        return made
    return i18n.text(lang, "polish5.context_via", producer=made, publisher=read)


def _said_by(s: pd.DataFrame, lang: str) -> str:
    """Who says the latest figure, where, since when and its grade, as a sentence after the figures:
    '. Source: producer, via outlet, published …; grade B.' (at most one level of brackets in the line)."""
    last = s.sort_values(["year", "period"] if "period" in s else "year").iloc[-1]
    kw = dict(source=line_cite(last["producer"], last["publisher"], lang),
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
            last = s.sort_values("year").iloc[-1]
            v, tv = float(last["value"]), float(t["target_value"])
            if {">": v > tv, ">=": v >= tv, "<": v < tv, "<=": v <= tv}[t["comparator"]]:
                fmt = (lambda x: i18n.text(lang, "units.other", v=i18n.fmt_number(x, lang), unit=unit) if unit
                       else i18n.fmt_number(x, lang))
                summary.append(i18n.text(lang, "unscored.met_already", target=fmt(tv),
                                         latest=f"{fmt(v)}, {int(last['year'])}"))
        out.append({"id": f"unscored-{t['target_id']}", "title": names[i], "indicators": [i] if len(s) else [],
                    "names": {i: names[i]}, "unit": unit, "summary": summary, "publishers": pubs,
                    "sources": sorted(set(pubs))})
    return out


def _stops_early(series: dict, ind: pd.DataFrame, names: pd.Series, lang: str) -> list[str]:
    """A line of a chart that stops before the others although its producer publishes on a calendar (imports
    to 2024 beside exports to 2025): the missing years are said in words, never left for the reader to infer."""
    ends = {i: int(s["year"].max()) for i, s in series.items()}
    last = max(ends.values())
    months = ind["release_months"].fillna("").astype(str) if "release_months" in ind else pd.Series("", index=ind.index)
    out = []
    for i, end in ends.items():
        if end < last and months.get(i, ""):
            years = [str(y) for y in range(end + 1, last + 1)]
            out.append(i18n.text(lang, "context_units.stops_early", name=names[i], years=", ".join(years)))
    return out


def _context(ds: Dataset, pts: pd.DataFrame, lang: str) -> list[dict]:
    ind = ds.indicators.set_index("indicator_id")
    names = ind[f"name_{lang}"]
    units = ind["unit_vi"].where(ind["unit_vi"] != "", ind["unit"]) if lang == "vi" else ind["unit"]
    out = []
    for chart in data_names.charts(ds, lang):  # charts.csv, and indicators.csv's chart column
        cid, inds = chart["id"], chart["indicators"]
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
        summary += _stops_early(series, ind, names, lang)
        if chart["note"]:  # series a reader could take for one another
            summary.append(chart["note"])
        out.append({"id": cid, "title": chart["title"], "indicators": list(series),
                    "names": {i: names[i] for i in series},
                    "unit": first["unit_vi"] if lang == "vi" and first["unit_vi"] else first["unit"],
                    "summary": summary, "publishers": pubs, "sources": sorted(set(pubs))})
    return out
