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


def texts(ch: Changes, ds, lang: str) -> dict | None:
    """Everything the outputs print about the changes, in `lang`; None for a first edition.

    title; intro (the base); method (a line when the method's version changed, else ""); nothing (a line
    when nothing changed, else ""); no_status (a line when figures changed but no status did); status and window: rows {indicator, before, after, cause} (statuses
    as keys, None for a target not tracked then or now); added, revised, unselected: rows {indicator,
    period, value, producer, grade}; heads: the column and section names."""
    if ch.first:
        return None
    T = lambda key, **kw: i18n.text(lang, f"changes.{key}", **kw)  # noqa: E731
    base = ch.base
    names, meta = _names(ds, base, lang), _meta(ds, base)
    date = i18n.fmt_date(base["edition"], lang)
    v_before, v_now = release(base.get("code_version")), release(ch.record.get("code_version"))
    method_changed = bool(v_before and v_now and v_before != v_now)

    def cause(s: dict) -> str:
        if s["cause"] == "method" and method_changed:
            return T("cause_method_versions", before=v_before, after=v_now)
        text = T(f"cause_{s['cause']}")
        if s["periods"]:
            return T("cause_periods", cause=text, periods=", ".join(i18n.fmt_date(p, lang) for p in s["periods"]))
        return text

    def status_row(s: dict) -> dict:
        return {"indicator": names.get(s["indicator_id"], s["indicator_id"]), "before": s["before"],
                "after": s["after"], "cause": cause(s)}

    revised = []
    for old, new in ch.revised:
        row = _figure_row(new, names, meta, lang)
        old_value = _value(old, meta, lang)
        if old_value != row["value"]:
            row["value"] = T("from_to", before=old_value, after=row["value"])
        if (old.get("grade") or "") != row["grade"]:
            row["grade"] = T("from_to", before=old.get("grade") or "—", after=row["grade"] or "—")
        old_producer = i18n.producer_name(str(old.get("producer") or ""), lang)
        if old_producer != row["producer"]:
            row["producer"] = T("from_to", before=old_producer, after=row["producer"])
        revised.append(row)
    return {
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
        "heads": {k: T(f"head_{k}") for k in ("status", "window", "added", "revised", "unselected", "indicator",
                                               "before", "after", "cause", "period", "value", "producer", "grade")},
        "window_note": T("window_note"),
    }


def status_text(status: str | None, lang: str, side: str = "before") -> str:
    """A status name; for a target not tracked in that edition, the catalog's words (side: before, after)."""
    return i18n.status_name(status, lang) if status else i18n.text(lang, f"changes.not_tracked_{side}")
