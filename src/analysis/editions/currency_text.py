"""Rule 19 in words (the catalog's [currency] table): the data cut-off as the edition writes its date of
issue, a producer's release due but not in the data, and the next figure asked of that release. The dates
and releases themselves are engine/currency.py."""
from __future__ import annotations

from datetime import date

import pandas as pd

from .. import i18n


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def cutoff_text(cutoff: date | str | None, lang: str) -> str:
    """The cut-off as the edition writes its date of issue (the same format, so the two read alike)."""
    return "" if not cutoff else i18n.fmt_date(str(cutoff), lang, long=True)


def release_name(indicator_id: str, lang: str, fallback: str = "") -> str:
    """What the producer's edition is called (indicators.csv: release_name_<lang>); else `fallback`."""
    return i18n.data_name("release_names", indicator_id, lang, fallback)


def _month(month: int, lang: str) -> str:
    return i18n.catalog(lang)["dates"]["months"][int(month) - 1]


def _covers(r: dict, indicators: pd.DataFrame) -> str:
    meta = indicators.drop_duplicates("indicator_id").set_index("indicator_id")
    return str(meta["release_covers"].get(r["indicator_id"], "")) if "release_covers" in meta else ""


def irregular_sentence(r: dict, indicators: pd.DataFrame, lang: str, cutoff=None, producer: str = "") -> str:
    """'WEF publishes on no fixed calendar; by <cut-off> no edition after 2024 has been seen' for a target
    whose producer has no calendar (release_covers `irregular`); "" otherwise."""
    if _covers(r, indicators) != "irregular" or _missing(r.get("latest_year")) or not cutoff:
        return ""
    return i18n.text(lang, "currency.irregular", producer=producer, cutoff=i18n.fmt_date(str(cutoff), lang),
                     year=int(r["latest_year"]))


def due_list(rows: list, indicators: pd.DataFrame, lang: str, names: dict) -> list[str]:
    """Page 2: every due release in one sentence, the closing words said once ('A 2025 and 2026 (usually in
    September); B 2026 (usually in June) are not yet in the data'); [] when nothing is due."""
    items = [x for x in (due_sentence(r, indicators, lang, names[r["indicator_id"]], item=True) for r in rows) if x]
    if not items:
        return []
    return [i18n.text(lang, "currency.due_list", items="; ".join(items))]


def due_sentence(r: dict, indicators: pd.DataFrame, lang: str, fallback: str = "", item: bool = False) -> str:
    """'GII 2026, usually published in September, is not yet in the data' for a scorecard row with a due
    release; "" otherwise. item: the release and its month only, for due_list."""
    if _missing(r.get("release_due")) or _missing(r.get("release_due_month")):
        return ""
    covers = _covers(r, indicators)
    key = "currency.due_previous" if covers == "previous_year" else "currency.due_same"
    key += "_item" if item else ""
    year = due_years(r, lang)
    return i18n.text(lang, key, name=release_name(r["indicator_id"], lang, fallback), year=year,
                     month=_month(r["release_due_month"], lang))


def due_years_list(r: dict) -> list[int]:
    """Every edition due since the latest figure, not only the last one (Brand Finance 2025 and 2026); [] when
    nothing is due."""
    if _missing(r.get("release_due")):
        return []
    due = int(r["release_due"])
    first = due if _missing(r.get("latest_year")) else min(due, int(r["latest_year"]) + 1)
    return list(range(first, due + 1))


def due_years(r: dict, lang: str) -> str:
    """The due editions' years said together: '2026', '2025 and 2026'."""
    years = [str(y) for y in due_years_list(r)]
    return years[0] if len(years) == 1 else (", ".join(years[:-1]) + " " + i18n.text(lang, "currency.and") + " " + years[-1])


def next_release(text: str, r: dict, lang: str, short: bool = False) -> str:
    """Rule 19: the next-figure text names the due release it is asked of."""
    if text in ("", "—") or _missing(r.get("release_due")) or _missing(r.get("needed_next_year")):
        return text
    if int(r["release_due"]) != int(r["needed_next_year"]):
        return text
    name = release_name(r["indicator_id"], lang)
    key = "currency.next_short" if short else ("currency.next_named" if name else "currency.next_unnamed")
    return i18n.text(lang, key, text=text, name=name, year=int(r["release_due"]))
