"""Each target's page: the sentence saying why its status, the figures beside its chart, its points with
their sources, the notes (a proxy only, a ranking body's advice against comparing editions, a method break,
a status resting on the base year) and the figures that would change its status (rule 12), with the reason
each is not used."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import re

import numpy as np
import pandas as pd

from .. import config, i18n
from ..data import translations  # the vi edition's Vietnamese quotations
from ..data.schema import Dataset
from ..engine import currency
from ..engine.level import _meets
from . import currency_text, period_texts
from .phrases import (_names, away_by, distance, gap_text, hold_text, instrument_name, latest_text, marks,
                      maintained_text, needed_next, next_text, pace_decimals, pace_text, pace_words, period_target_text,
                      projection_phrase, projection_text, required_pace, risk_items, target_text, with_unit)
from .sources import _cite, _grade, cite, figure_date, locator_text, published_text

CAVEATS = ("low_evidence", "floor_only", "rank_noise", "weak_source", "proxy", "not_comparable", "source_sensitive")


def explanation(r: dict, lang: str, caveats: bool = True, who: str = "") -> str:
    """One sentence of words on the target page: why this status. caveats False: an achieved target's caveats
    are left out (the PDF page prints each mark with its meaning just above)."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    s, flags = r["status"], (r.get("flags") or "").split(";")
    if s == "no_data":
        return T("explain.no_data")
    if period_texts.period_type(r):  # a total or an average growth over a period (rules C1-C6, G1-G4)
        return period_texts.explanation(r, lang)
    if s == "achieved":
        held = r.get("held_since", r.get("achieved_since"))
        since = r.get("since_text") or ("" if i18n.is_missing(held) else T("explain.since", year=int(held)))
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
                 phrase=projection_phrase(r, lang, who),
                 by=distance(abs(float(r["projected_value"]) - float(r["baseline_value"])), r, lang, decimals=1),
                 base_year=int(r["baseline_year"]), base=with_unit(r["baseline_value"], r, lang, out_of=r.get("baseline_out_of")),
                 status=i18n.status_name(s, lang))
    if s == "moving_away":  # a negative share of the way is no figure to report: say how much further away
        return T("explain.trend_away", pace=pace_words(r.get("pace_actual"), r, lang, dec), year=int(r["target_year"]),
                 phrase=projection_phrase(r, lang, who), by=away_by(r, lang), base_year=int(r["baseline_year"]),
                 base=with_unit(r["baseline_value"], r, lang, out_of=r.get("baseline_out_of")), status=i18n.status_name(s, lang))
    out = T("explain.trend", pace=pace_words(r.get("pace_actual"), r, lang, dec), year=int(r["target_year"]),
            phrase=projection_phrase(r, lang, who), percent=i18n.fmt_number(round(r["ratio"] * 100), lang),
            base_year=int(r["baseline_year"]), status=i18n.status_name(s, lang), cutoff=T(f"explain.cutoff_{s}"))
    same = not i18n.is_missing(r.get("latest_value")) and not i18n.is_missing(r.get("baseline_value")) \
        and float(r["latest_value"]) == float(r["baseline_value"]) and not i18n.is_missing(r.get("pace_required_now"))
    if same and r["pace_required_now"]:  # rule 10: with y_t = y_b the share of the way is s / r_now
        out += " " + T("explain.same_level", latest=with_unit(r["latest_value"], r, lang),
                       actual=i18n.fmt_number(abs(r["pace_actual"]), lang, dec, keep_zeros=True),
                       needed=i18n.fmt_number(abs(r["pace_required_now"]), lang, dec, keep_zeros=True),
                       percent=i18n.fmt_number(round(r["ratio"] * 100), lang))
    return out


def _figures(r: dict, lang: str) -> list[list[str]]:
    """[label, value] pairs: the table beside each target's chart."""
    L = lambda k: i18n.label(k, lang)  # noqa: E731
    F = lambda k, **kw: i18n.text(lang, f"figures.{k}", **kw)  # noqa: E731
    latest = latest_text(r, lang)
    if _grade(r.get("latest_grade"), lang, r.get("latest_publisher", "")):
        latest += f" · {_grade(r['latest_grade'], lang, r.get('latest_publisher', ''))}"
    proxy_only = r.get("proxy_only")
    if period_texts.period_type(r):  # a total or an average growth over a period: its own figures
        return [[L("latest"), latest], [L("target"), period_target_text(r, lang)], *period_texts.figures(r, lang)]
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
        out.append([F("needed_next"), next_text(r, lang, short=True)])  # the page names the due release above
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


def _since_gap(r: dict, p: pd.DataFrame, lang: str) -> str:
    """An achieved target whose run since `held_since` follows earlier years that also met it, with only proxies
    or no figure between: 'met in 2015 and since 2023; 2016 to 2022 have no figure of the definition'."""
    held = r.get("held_since", r.get("achieved_since"))
    if r.get("status") != "achieved" or i18n.is_missing(held) or not len(p):
        return ""
    own = p[~p["proxy"].astype(bool)] if "proxy" in p else p
    before = own[own["year"] < int(held)].sort_values("year")
    if not len(before):
        return ""
    met = _meets(np.array([r["comparator"]] * len(before), dtype=object), float(r["target_value"]),
                 before["value"].to_numpy(dtype=float), before["qualifier"].fillna("").to_numpy(dtype=object))
    if not met.any() or not met[-1]:
        return ""
    last = int(before["year"].iloc[-1])
    if last + 1 > int(held) - 1:
        return ""
    first = int(before["year"][met].iloc[0])
    return i18n.text(lang, "explain.since_gap", first=first if first == last else f"{first}–{last}", year=int(held),
                     a=last + 1, b=int(held) - 1)


def long_noise_text(r: dict, lang: str, who: str = "") -> str:
    """Rule 10's noise band in words for the long-term status (the page's explanation covers the short term):
    the projection, how little it differs from the long base, and so the status it gets, with its mark."""
    flags = str(r.get("flags_long") or "").split(";")
    if "rank_noise" not in flags or r.get("kind") != "rank" or i18n.is_missing(r.get("ratio_long")) \
            or float(r["ratio_long"]) >= 0 or i18n.is_missing(r.get("projected_value_long")):
        return ""
    p, b = float(r["projected_value_long"]), float(r["baseline_value_long"])
    rank = round(p)  # a rank is a whole number: 'about rank 45', never 'rank 45.1'
    move = i18n.text(lang, "wording.noise_same") if rank == b else \
        i18n.text(lang, "wording.noise_by", by=distance(abs(rank - b), r, lang))
    return i18n.text(lang, "currency.trend_noise_long", base_year=int(r["baseline_year_long"]),
                     base=with_unit(b, r, lang, out_of=r.get("baseline_out_of_long")), year=int(r["target_year"]),
                     projected=i18n.fmt_number(rank, lang), move=move,
                     status=i18n.status_name(r["status_long"], lang), mark=i18n.FLAG_MARKS["rank_noise"], who=who)


def read_via_text(r: dict, pts: pd.DataFrame, lang: str) -> str:
    """Rule 14 in words for a latest figure of grade C whose producer is named: where it was read and that it is
    not yet checked against the producer's own publication (one sentence, never a mark alone)."""
    p = pts[(pts["indicator_id"] == r["indicator_id"])]
    if i18n.is_missing(r.get("latest_year")) or not len(p):
        return ""
    q = p.sort_values("year").iloc[-1]
    producer = str(q.get("producer") or "")
    if str(q.get("grade") or "") != "C" or not producer or producer == "not named by the source":
        return ""
    pub = str(q.get("publisher") or "")
    outlet = i18n.data_name("read_via", pub, lang, fallback="") or i18n.publisher_name(pub, lang)
    return i18n.text(lang, "read_via.rank" if r.get("kind") == "rank" else "read_via.figure",
                     year=int(q["year"]), value=latest_text(r, lang).rsplit(" (", 1)[0], outlet=outlet,
                     producer=i18n.producer_name(producer, lang))


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
    # one precision for every edition, rounded half up from the figure as the source writes it (73.35 -> 73.4)
    items = "; ".join(f"{i18n.fmt_number(_one_decimal(v), lang, 1)} ({int(y)})" for v, y in zip(p["value"], p["year"]))
    return " " + i18n.text(lang, "comparable.score", name=name, items=items)


def _one_decimal(v: float) -> float:
    return float(Decimal(repr(float(v))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


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
    others = pts.attrs.get("charts", {}).get(r["indicator_id"], [])
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
    return i18n.text(lang, "breaks.text", years=", ".join(years), producer=producer, reference=ref, last=years[-1].strip())


def sensitivity_text(r: dict, alts: list, lang: str) -> str:
    """The status rests on the base year: with the window's start a year earlier or later it would differ."""
    if not alts:
        return ""
    items = "; ".join(i18n.text(lang, "base_sensitive.item", year=y, status=i18n.status_name(s, lang)) for y, s in alts)
    return i18n.text(lang, "base_sensitive.text", base=int(r["baseline_year"]), items=items)


def _point_value(q: dict, lang: str) -> str:
    text = i18n.fmt_qualified_words(q["value"], q["qualifier"], lang)
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
            value=i18n.fmt_qualified_words(r["value"], r["qualifier"], lang),
            period=figure_date(r["period"], ds.sources.set_index("source_id")["published"].get(r.get("source_id"), ""), lang),
            source=cite(r["producer"], r["publisher"], lang), reason=reason_text(r, ds, lang),
            replaced=("" if i18n.is_missing(r.get("replaces_value"))
                      else i18n.fmt_number(r["replaces_value"], lang)),
            replaced_period=figure_date(replaced_period, "", lang),
            status=i18n.status_name(r["status"], lang), alt_status=i18n.status_name(r["alt_status"], lang)))
    return out


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
            if len(parts) > 1 and parts[0].endswith(".") and len(parts[0]) + len(parts[1]) <= 520:
                # the second sentence says why the figures differ (rule 18), e.g. what 195 counts
                first = f"{parts[0]} {parts[1]}".rstrip(".;")
            if first:
                return i18n.text(lang, "alternatives.not_used", why=first)
    return i18n.text(lang, f"reasons.{reason(a, ds)}")


def _target_texts(r: dict, ds: Dataset, pts: pd.DataFrame, alts: pd.DataFrame, lang: str,
                  sensitive: list | None = None) -> dict:
    names = _names(ds, lang)
    who = ds.plan.name[lang]  # whose plan: the one ranked, the row of a source's table
    t_src = ds.targets.set_index("target_id").loc[r["target_id"]]
    p = pts[pts["indicator_id"] == r["indicator_id"]]
    cites = [cite(q["producer"], q["publisher"], lang) for q in p.to_dict("records")]
    instrument = str(t_src["instrument"])
    r = {**r, "proxy_only": bool(proxy_only_text(r, pts, lang)), "since_text": _since_gap(r, p, lang)}
    if len(p):
        r["latest_publisher"] = str(p.sort_values("year").iloc[-1]["publisher"])
    clause = str(t_src.get("clause") or "").strip()
    risks = risk_items(r, lang, alts[alts["target_id"] == r["target_id"]]) if r["status"] == "achieved" else []
    page_note = t_src.get(f"page_note_{lang}")  # the data's own sentence for this page (targets.csv)
    page_note = "" if i18n.is_missing(page_note) else str(page_note).strip()
    notes = [x for x in (page_note, risks and i18n.text(lang, "risk.page", items="; ".join(risks)),
                         proxy_only_text(r, pts, lang), read_via_text(r, pts, lang), long_noise_text(r, lang, who),
                         comparable_text(r, ds, pts, lang), sensitivity_text(r, sensitive or [], lang),
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
        "instrument": instrument_name(instrument, lang, ds.plan),
        "target_source": _cite(ds.sources.set_index("source_id"), t_src["source_id"], lang),
        "status": r["status"], "status_long": r["status_long"], "marks": marks(r["flags"]),
        "marks_long": marks(r.get("flags_long", "")),
        "latest": latest_text(r, lang), "target": target_text(r, lang),
        # the table's target without its year; a target over a period keeps its years
        "target_value": target_text(r, lang) if period_texts.period_type(r) else target_text(r, lang).rsplit(" (", 1)[0],
        "gap": "—" if r["proxy_only"] else gap_text(r, lang), "pace": pace_text(r, lang),
        "projection": projection_text(r, lang), "projection_long": projection_text(r, lang, "_long"),
        "next": "—" if r["proxy_only"] else (hold_text(r, lang) or next_text(r, lang, short=True)), "explanation": explanation(r, lang, who=who),
        "due": currency_text.due_sentence(r, ds.indicators, lang, names[r["indicator_id"]]) or currency_text.irregular_sentence(
            r, ds.indicators, lang, currency.data_cutoff(ds.sources),
            i18n.producer_name(str(p.sort_values("year").iloc[-1]["producer"]), lang) if len(p) else ""),
        "explanation_plain": explanation(r, lang, caveats=False, who=who),
        "figures": _figures(r, lang),
        "points": [{"year": str(int(q["year"])), "value": _point_value({**q, "kind": r.get("kind")}, lang),
                    "grade": _grade(q.get("grade"), lang, q.get("publisher", "")),
                    "status": i18n.OBS_STATUS[lang].get(q["obs_status"], q["obs_status"]),
                    "source": c + (", " + published_text(q["published"], lang) if q.get("published") else ""),
                    "locator": translations.locator(ds, q, lang) or locator_text(q["locator"], lang, who)}
                   for q, c in zip(p.to_dict("records"), cites)],
        "alternatives": _alternative_texts(alts[alts["target_id"] == r["target_id"]], ds, lang),
        "has_proxy": bool(p["proxy"].any()) if "proxy" in p else False,
        "publishers": cites,
    }
