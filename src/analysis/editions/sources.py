"""Who said a figure and where: 'producer (via publisher)', a source's citation, a grade in words (rule 14),
the date a figure is given for, the locator quoted, and every indicator and period with figures from more
than one source (the workbook's sheet of conflicts)."""
from __future__ import annotations

import re

import pandas as pd

from .. import i18n
from ..data.schema import RAW_ROW, Dataset, records


def cite(producer: str, publisher: str, lang: str) -> str:
    """'producer (via publisher)': who made the figure, and where it was read; the producer alone when it was
    read in the producer's own publication (never 'WIPO (via WIPO)')."""
    made = i18n.producer_name(producer, lang)
    read = i18n.printable(i18n.publisher_name(str(publisher), lang), lang)
    if str(producer).strip().casefold() == str(publisher).strip().casefold() or made == read:
        return made
    return i18n.text(lang, "misc.via", producer=made, publisher=read)


def conflicts(ds: Dataset, lang: str) -> list[dict]:
    """Every indicator and period where more than one source gives a figure (the workbook's sheet)."""
    obs = ds.observations
    names = ds.indicators.set_index("indicator_id")[f"name_{lang}"]
    publisher = dict(zip(ds.sources["source_id"], ds.sources["publisher"]))
    out = []
    # only the (indicator, period) pairs with more than one row
    shared = obs[obs.duplicated(["indicator_id", "period"], keep=False)]
    groups: dict = {}  # (indicator, period) -> its rows in the file's order; a pandas frame per group cost more
    for r in records(shared[["indicator_id", "period", "value", "qualifier", "producer", "source_id", "selected",
                             "note"]]):
        groups.setdefault((r["indicator_id"], r["period"]), []).append(r)
    for ind, period in sorted(groups):
        out.append({
            "indicator": str(names.get(ind, ind)), "period": period,
            "rows": [{"value": i18n.fmt_qualified_words(r["value"], r["qualifier"], lang),
                      "source": cite(r["producer"], publisher[r["source_id"]], lang)
                      if r["source_id"] in publisher else r["source_id"],
                      "selected": bool(r["selected"]), "note": r["note"]} for r in groups[(ind, period)]],
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


def locator_text(locator: str, lang: str, who: str = "") -> str:
    """The few words found in the source, quoted; a raw data-file row is said in words, never printed (the row
    of `who`, the plan's name)."""
    if RAW_ROW.match(str(locator or "")):
        return i18n.text(lang, "misc.data_row", who=who)
    return i18n.printable(f"“{locator}”", lang)
