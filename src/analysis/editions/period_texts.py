"""A target over a period on its page (docs/methodology.md, rules C1-C6 and G1-G4): the sentence saying why its
status, and the figures beside its chart: for a total, the total so far, the average each remaining year needs
and the projected total; for an average growth, the base year, the actual and the needed growth, the level the
target implies and the projection. Every word from the catalogs' [target_type] table."""
from __future__ import annotations

from .. import i18n
from .phrases import (WHOLE, flow_text, latest_text, level_decimals, pace_words, period_target_text, period_type,
                      projection_text, with_unit)


def _T(lang: str):
    return lambda key, **kw: i18n.text(lang, f"target_type.{key}", **kw)


def _total(value, r: dict, lang: str) -> str:
    return with_unit(value, r, lang, decimals=0 if r.get("kind") in WHOLE else None)


def _level(value, r: dict, lang: str) -> str:
    return with_unit(value, r, lang, decimals=level_decimals(value))


def _years(text) -> str:
    return ", ".join(y for y in str(text or "").split(";") if y)


def _percent(ratio: float, lang: str) -> str:
    return i18n.fmt_number(round(ratio * 100), lang)


def not_started(r: dict) -> bool:
    """The period begins after the latest figure (as of a year before it, or no figure dated in it yet)."""
    t = r.get("latest_year")
    return period_type(r) == "cumulative" and (i18n.is_missing(t) or int(t) < int(r["period_start"]))


def total_so_far_text(r: dict, lang: str) -> str:
    """'2,100 thousand visits (2026–2027)'; not given where a year is missing (C2); the period not yet begun."""
    T = _T(lang)
    start = int(r["period_start"])
    if r.get("missing_years"):
        return T("missing_value", years=_years(r["missing_years"]))
    if not_started(r):
        return T("not_started", start=start)
    if i18n.is_missing(r.get("total_so_far")):
        return "—"
    t = int(r["latest_year"])
    key = "total_value_one" if t == start else "total_value"
    return T(key, v=_total(r["total_so_far"], r, lang), start=start, t=t)


def explanation(r: dict, lang: str) -> str:
    """One sentence: why this status, for a target over a period ('' for a level target)."""
    kind = period_type(r)
    if not kind or r["status"] == "no_data":
        return ""
    return (_cumulative(r, lang) if kind == "cumulative" else _growth(r, lang)).strip()


def _cutoff(r: dict, lang: str) -> str:
    return i18n.text(lang, f"explain.cutoff_{r['status']}")


def _cumulative(r: dict, lang: str) -> str:
    T, s = _T(lang), r["status"]
    start, end = int(r["period_start"]), int(r["target_year"])
    total = _total(r.get("total_so_far"), r, lang)
    if r.get("missing_years"):
        return T("explain_missing", years=_years(r["missing_years"]))
    t = None if i18n.is_missing(r.get("latest_year")) else int(r["latest_year"])
    if s == "achieved":
        return T("explain_cumulative_achieved", start=start, t=t, total=total, target=period_target_text(r, lang))
    if s == "missed":
        return T("explain_cumulative_missed", start=start, end=end, total=total)
    flow = flow_text(r, lang)
    ratio = r.get("ratio")
    if i18n.is_missing(ratio):  # C4: no pace yet; the total and the average needed still said
        if not_started(r):
            return T("explain_not_started", start=start, end=end, total=_total(r["target_value"], r, lang), flow=flow)
        return T("explain_cumulative_few", total=total, flow=flow)
    values = dict(pace=pace_words(r.get("pace_actual"), r, lang), end=end, ptot=projection_text(r, lang),
                  percent=_percent(ratio, lang), status=i18n.status_name(s, lang), cutoff=_cutoff(r, lang))
    if not_started(r):
        return T("explain_cumulative_not_started", start=start, flow=flow, **values)
    return T("explain_cumulative", start=start, t=t, total=total, **values)


def _growth(r: dict, lang: str) -> str:
    T, s = _T(lang), r["status"]
    start, end = int(r["period_start"]), int(r["target_year"])
    base = start - 1
    flags = (r.get("flags") or "").split(";")
    level = _level(r.get("implied_level"), r, lang)
    if "no_base" in flags:
        return T("explain_no_base", base=base)
    if s == "achieved":
        return T("explain_growth_achieved", latest=latest_text(r, lang), end=end, level=level)
    if s == "missed":
        return T("explain_growth_missed", latest=latest_text(r, lang), level=level)
    c = r.get("growth_actual")
    if i18n.is_missing(c) or i18n.is_missing(r.get("ratio")):
        return T("explain_early", base=base)
    values = dict(base=base, base_value=_level(r["baseline_value"], r, lang), t=int(r["latest_year"]),
                  latest=with_unit(r["latest_value"], r, lang), g=i18n.fmt_number(r["target_value"], lang),
                  status=i18n.status_name(s, lang), end=end, level=level)
    if c < 0:
        return T("explain_growth_down", c=i18n.fmt_number(abs(c), lang, 1), **values)
    return T("explain_growth", c=i18n.fmt_number(c, lang, 1), percent=_percent(r["ratio"], lang),
             cutoff=_cutoff(r, lang), proj=_level(r.get("projected_value"), r, lang), **values)


def figures(r: dict, lang: str) -> list[list[str]]:
    """[label, value] rows beside the chart of a target over a period (after the latest figure and the target)."""
    T = _T(lang)
    end = int(r["target_year"])
    out = []
    if period_type(r) == "cumulative":
        out.append([T("total_so_far"), total_so_far_text(r, lang)])
        if r["status"] in ("achieved", "missed"):
            return out
        if not i18n.is_missing(r.get("flow_required")):
            out.append([T("flow_required"), flow_text(r, lang)])
        if not i18n.is_missing(r.get("pace_actual")):
            out.append([T("flows_pace"), pace_words(r["pace_actual"], r, lang)])
        if not i18n.is_missing(r.get("total_projected")):
            out.append([T("total_projected", start=int(r["period_start"]), end=end), projection_text(r, lang)])
    else:
        base = int(r["period_start"]) - 1
        if not i18n.is_missing(r.get("baseline_value")):
            out.append([T("base"), T("base_value", year=base, v=_level(r["baseline_value"], r, lang))])
        if not i18n.is_missing(r.get("growth_actual")):
            out.append([T("growth_actual"), T("growth_value", c=i18n.fmt_number(r["growth_actual"], lang, 1, signed=True),
                                                base=base, t=int(r["latest_year"]))])
        out.append([T("growth_needed"), T("percent_a_year", v=i18n.fmt_number(r["target_value"], lang))])
        if not i18n.is_missing(r.get("implied_level")):
            out.append([T("implied_level", end=end), _level(r["implied_level"], r, lang)])
        if r["status"] not in ("achieved", "missed") and not i18n.is_missing(r.get("projected_value")):
            out.append([T("growth_projection", end=end), _level(r["projected_value"], r, lang)])
    if not i18n.is_missing(r.get("ratio")) and r["ratio"] >= 0 and r["status"] not in ("achieved", "missed"):
        out.append([i18n.text(lang, "figures.ratio"), i18n.text(lang, "units.percent", v=_percent(r["ratio"], lang))])
    return out
