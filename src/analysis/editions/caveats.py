"""What a reader must know beside a headline status, said in the summary box and beside the status it qualifies
(issue 21): a status resting on a figure of grade C, a status that changes with the base year, a short-term
status resting on two points when the long-term trend says otherwise, a projection held at the indicator's
bound. Every sentence comes from the scorecard's columns and flags and the catalog's [wording] table: nothing
here names one indicator."""
from __future__ import annotations

import pandas as pd

from .. import i18n
from .phrases import ordered, pace_words


def _T(lang: str, key: str, **kw) -> str:
    return i18n.text(lang, f"wording.{key}", **kw)


def grade_c_text(r: dict, lang: str) -> str:
    """'"Moving away" rests on the 2025 figure, not yet checked against the producer's publication (grade C)'
    when the short-term status rests on a figure of grade C: the latest figure, or for a
    status other than achieved the base year's; "" otherwise."""
    if r.get("status") in ("no_data", None):
        return ""
    years = [y for y, g in ((r.get("latest_year"), r.get("latest_grade")),
                            (r.get("baseline_year") if r["status"] != "achieved" else None, r.get("baseline_grade")))
             if str(g or "") == "C" and not i18n.is_missing(y)]
    years = sorted({int(y) for y in years})
    if not years:
        return ""
    return _T(lang, "caveat_grade_c", status=i18n.status_name(r["status"], lang),
              years=(" " + i18n.text(lang, "currency.and") + " ").join(str(y) for y in years))


def base_year_text(r: dict, alts: list, lang: str) -> str:
    """'the status depends on the base year (2021): with 2020 it would be ...; with 2022, ...' (engine's
    base_sensitivity); "" when the status holds either way."""
    if not alts or i18n.is_missing(r.get("baseline_year")):
        return ""
    items = "; ".join(_T(lang, "caveat_base_item", year=y, status=i18n.status_name(s, lang)) for y, s in alts)
    return _T(lang, "caveat_base", status=i18n.status_name(r["status"], lang), base=int(r["baseline_year"]),
              items=items)


def box_caveats(sc: pd.DataFrame, lang: str, names: pd.Series, sensitivity: dict) -> list[str]:
    """The summary box's caveats, one per target in the page's order: what its headline status rests on."""
    out = []
    for r in ordered(sc).to_dict("records"):
        parts = [x for x in (grade_c_text(r, lang), base_year_text(r, sensitivity.get(r["target_id"], []), lang))
                 if x]
        if parts:
            out.append(_T(lang, "caveat_line", name=names[r["indicator_id"]], items="; ".join(parts)))
    return out


def two_points_text(r: dict, lang: str) -> str:
    """For a short-term status resting on two points (†) that the long-term trend does not share: what the
    long-term fit says ('over 2019–2024 the rank holds steady, and the long-term status is …'); "" otherwise."""
    flags = str(r.get("flags") or "").split(";")
    if "low_evidence" not in flags or r.get("status_long") in (None, r.get("status"), "no_data", "insufficient_data") \
            or i18n.is_missing(r.get("baseline_year_long")) or i18n.is_missing(r.get("pace_actual_long")):
        return ""
    return _T(lang, "caveat_two_points", base=int(r["baseline_year_long"]), last=int(r["latest_year"]),
              pace=pace_words(r["pace_actual_long"], r, lang), status=i18n.status_name(r["status_long"], lang))
