"""What the outputs print about the changes since the previous edition (engine/changes.py compares): the
page after the summary in the PDF, the workbook's sheet and the executed notebook's tables, in the edition's
language."""
from __future__ import annotations

from .. import i18n
from ..engine.changes import Changes, release
from .phrases import with_unit


def _names(ds, base: dict | None, lang: str) -> dict:
    rows = (base or {}).get("tables", {}).get("indicators", [])
    out = {r["indicator_id"]: r.get(f"name_{lang}") or r["indicator_id"] for r in rows}
    out.update(zip(ds.indicators["indicator_id"], ds.indicators[f"name_{lang}"]))
    return out


def _meta(ds, base: dict | None) -> dict:
    rows = (base or {}).get("tables", {}).get("indicators", [])
    out = {r["indicator_id"]: r for r in rows}
    out.update({r["indicator_id"]: r for r in ds.indicators.to_dict("records")})
    return out


def _value(r: dict, meta: dict, lang: str) -> str:
    return with_unit(r["value"], meta.get(r["indicator_id"], {}), lang, r.get("qualifier") or "", r.get("out_of"))


def _figure_row(r: dict, names: dict, meta: dict, lang: str, value: str | None = None) -> dict:
    return {"indicator": names.get(r["indicator_id"], r["indicator_id"]), "period": i18n.fmt_date(r["period"], lang),
            "value": value if value is not None else _value(r, meta, lang),
            "producer": i18n.producer_name(str(r.get("producer") or ""), lang),
            "grade": str(r.get("grade") or "")}


def base_text(base: dict, lang: str) -> str:
    """Which edition the comparison is with, in words (its date and the year its figures reach): the same on
    the summary page and on the changes page."""
    date = i18n.fmt_date(base["edition"], lang)
    key = "changes.base_data" if base.get("code_version") is None else "changes.base"
    return i18n.text(lang, key, date=date, as_of=base["as_of"])


def _when(periods: list[str], lang: str) -> str:
    """The periods of the figures that caused a change: years after the catalog's when_years, dates as the
    edition writes them."""
    if all(len(str(p)) == 4 for p in periods):
        return i18n.text(lang, "changes.when_years", years=", ".join(str(p) for p in periods))
    return ", ".join(i18n.text(lang, "changes.when_day", date=i18n.fmt_date(p, lang)) if len(str(p)) == 10
                     else i18n.fmt_date(p, lang) for p in periods)


def _latest(t: dict | None, lang: str) -> tuple[str, str] | None:
    """A target's latest figure in an edition's record: (number, year), or None without one."""
    if not t or i18n.is_missing(t.get("latest_value")) or t.get("latest_year") is None:
        return None
    return i18n.fmt_qualified_words(t["latest_value"], t.get("latest_qualifier") or "", lang), str(int(t["latest_year"]))


def cause_text(s: dict, ch: Changes, lang: str) -> str:
    """Why a target's status changed (rule 16), as the summary and the changes page both say it: the
    movement of its latest figure when it moved (44 → 43), then the cause and the periods of the figures
    that made it ('44 → 43, new figure for 2026')."""
    T = lambda key, **kw: i18n.text(lang, f"changes.{key}", **kw)  # noqa: E731
    v_before, v_now = release(ch.base.get("code_version")), release(ch.record.get("code_version"))
    if s["cause"] == "method" and v_before and v_now and v_before != v_now:
        text = T("cause_method_versions", before=v_before, after=v_now)
    elif s["periods"] and s["cause"] in ("new_figure", "revision", "selection"):
        text = T(f"cause_{s['cause']}_in", when=_when(s["periods"], lang))
    elif s["periods"]:
        text = T("cause_periods", cause=T(f"cause_{s['cause']}"), periods=_when(s["periods"], lang))
    else:
        text = T(f"cause_{s['cause']}")
    old = _latest(ch.base["targets"].get(s["target_id"]), lang)
    new = _latest(ch.record["targets"].get(s["target_id"]), lang)
    if old and new and old != new:
        same_number = old[0] == new[0]
        move = T("from_to", before=T("figure_year", v=old[0], year=old[1]) if same_number else old[0],
                 after=T("figure_year", v=new[0], year=new[1]) if same_number else new[0])
        return T("movement", move=move, cause=text)
    return text


def texts(ch: Changes, ds, lang: str) -> dict:
    """Everything the outputs print about the changes, in `lang`.

    title; intro (the base; for a first edition, the sentence that there is none); method (a line when the
    method's version changed, else ""); nothing (a line when nothing changed, else ""); no_status (a line
    when figures changed but no status did); status and window: rows {indicator, before, after, cause}
    (statuses as keys, None for a target not tracked then or now); added, revised, unselected: rows
    {indicator, period, value, producer, grade}; heads: the column and section names; first: no base."""
    T = lambda key, **kw: i18n.text(lang, f"changes.{key}", **kw)  # noqa: E731
    heads = {k: T(f"head_{k}") for k in ("status", "window", "added", "revised", "unselected", "indicator",
                                         "before", "after", "cause", "period", "value", "producer", "grade")}
    if ch.first:
        return {"first": True, "title": T("title_first"), "intro": T("first"), "method": "", "nothing": "",
                "no_status": "", "status": [], "window": [], "added": [], "revised": [], "unselected": [],
                "heads": heads, "window_note": T("window_note")}
    base = ch.base
    names, meta = _names(ds, base, lang), _meta(ds, base)
    date = i18n.fmt_date(base["edition"], lang)
    v_before, v_now = release(base.get("code_version")), release(ch.record.get("code_version"))
    method_changed = bool(v_before and v_now and v_before != v_now)

    def status_row(s: dict) -> dict:
        return {"indicator": names.get(s["indicator_id"], s["indicator_id"]), "before": s["before"],
                "after": s["after"], "cause": cause_text(s, ch, lang)}

    revised = []
    for old, new in ch.revised:
        row = _figure_row(new, names, meta, lang)
        old_value = _value(old, meta, lang)
        if old_value != row["value"]:
            row["value"] = T("from_to", before=old_value, after=row["value"])
        if (old.get("grade") or "") != row["grade"]:
            row["grade"] = i18n.text(lang, "wording.grade_change", before=old.get("grade") or "—", after=row["grade"] or "—")
        old_producer = i18n.producer_name(str(old.get("producer") or ""), lang)
        if old_producer != row["producer"]:
            row["producer"] = T("from_to", before=old_producer, after=row["producer"])
        revised.append(row)
    return {
        "first": False,
        "title": T("title", date=date),
        "intro": T("intro_data" if base.get("code_version") is None else "intro", date=date, as_of=base["as_of"],
                   as_of_now=ch.record["as_of"]),
        "method": "" if not method_changed else T("method" if any(x["cause"] == "method" for x in ch.status)
                                                  else "method_none", before=v_before, after=v_now),
        "nothing": T("nothing") if ch.nothing else "",
        # figures changed but no status: said, so the director reads that the statuses stand
        "no_status": T("no_status") if not ch.nothing and not ch.news else "",
        "status": [status_row(s) for s in ch.news],
        "window": [status_row(s) for s in ch.window_only],
        "added": [_figure_row(r, names, meta, lang) for r in ch.added],
        "revised": revised,
        "unselected": [_figure_row(r, names, meta, lang) for r in ch.unselected],
        "heads": heads,
        "window_note": T("window_note"),
    }


def status_text(status: str | None, lang: str, side: str = "before") -> str:
    """A status name; for a target not tracked in that edition, the catalog's words (side: before, after)."""
    return i18n.status_name(status, lang) if status else i18n.text(lang, f"changes.not_tracked_{side}")
