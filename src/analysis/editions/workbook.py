"""The edition's Excel workbook: about, scorecard by pillar, status history, observations, sources, conflicts.

Numbers are stored as numbers; the display format carries the edition's locale ([$-42A] Vietnamese,
[$-409] English), which LibreOffice honours (1.234,5 in vi); Excel uses the computer's regional
separators whatever the format says. Every visible text comes from the `texts` mapping
(see workbook_texts.py). Same inputs, same bytes: fixed creation date, zip entries built in memory.
"""
from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import xlsxwriter

from ..data.schema import ENUMS
from ..engine.terms import FLAGS
from ..i18n import (FLAG_MARKS, STATUS_COLOURS, STATUS_TEXT_COLOURS, fmt_date, fmt_qualified, producer_name,
                    publisher_name)
from . import workbook_print
from .pdf import PROXY_FILL  # the history's proxy years greyed alike in both outputs
from .phrases import UNPRINTED

LOCALE = {"vi": "[$-42A]", "en": "[$-409]"}  # Windows language ids in the number format
NUMBER_FORMATS = {  # kind -> number format (without the locale prefix)
    "int": "#,##0", "number": "#,##0.0#", "year": "0", "signed_int": "+#,##0;-#,##0;0",
    "signed": "+#,##0.0#;-#,##0.0#;0", "pace": "+#,##0.00;-#,##0.00;0", "ratio": "0.00", "year_left": "0",
}
QUALIFIER_MARKS = {"": "", ">": ">", "<": "<", "~": "≈"}
COMPARATOR_MARKS = {">": ">", ">=": "≥", "<": "<", "<=": "≤"}
HEADER_FILL = "#e8e8e8"
TAIL = ("link", "id")  # the kinds of the last columns, on screen only: an address the sources sheet prints, the ids
MAX_WIDTH = {"mark": 9, "text": 36, "wrap": 60, "url": 50, "id": 24, "link": 28}  # characters; longer text wraps (text, wrap) or is cut (url)
NARROW_WIDTH = {"mark": 9, "text": 22, "wrap": 48, "url": 28, "id": 24, "link": 28}  # the long sheets: printed one page wide, still legible
ABOUT_WIDTHS = (42, 100)
ABOUT_WRAP = 85  # the text column as counted for its lines: its long lines of accented letters hold fewer
CHARS_PER_UNIT = 1.45  # 10-point Arial letters per column-width unit (the width of a '0' in the default font)
LINE_CHARS_PER_UNIT = 1.22  # the same, counted for row heights: a little fewer, so that no wrapped line is cut
LINE_HEIGHT = 13.0  # points per line of 10-point text; rows are sized here, as neither Excel nor Calc does it on load


def conflict_rows(observations: pd.DataFrame) -> pd.DataFrame:
    """The observations of every indicator and period given more than once, grouped and in order."""
    # Grouped by year, as the series takes one figure a year: 194 (29/12/2025) and 195 (24/9/2025) are one
    # conflict; a part-year figure is grouped only with figures of the same period.
    obs = observations
    period = obs["period"].astype(str)
    partial = obs["partial"].astype(bool) if "partial" in obs else pd.Series(False, index=obs.index)
    key = period.str[:4].where(~partial, period)
    size = obs.groupby([obs["indicator_id"], key])["value"].transform("size")
    keep = size > 1
    return (obs[keep].assign(_year=key[keep]).sort_values(["indicator_id", "_year", "period"], kind="stable")
            .drop(columns="_year"))


def write_workbook(path, *, lang: str, texts: dict, scorecard: pd.DataFrame, history: pd.DataFrame,
                   observations: pd.DataFrame, sources: pd.DataFrame, conflicts: pd.DataFrame,
                   indicators: pd.DataFrame, meta: dict, changes: dict | None = None) -> Path:
    """Write the workbook to `path`.

    scorecard: report.scorecards(); history: history.status_history(); observations, sources,
    indicators: the dataset's tables; conflicts: conflict_rows(observations); meta: as_of, edition
    (date or ISO text), fingerprint, code_version; changes: changes_text.texts() of the edition (None for a
    first edition: no sheet), with texts holding sheet.changes and about.changes.
    """
    path = Path(path)
    T = _Texts(texts, lang)
    edition = meta["edition"] if isinstance(meta["edition"], date) else date.fromisoformat(meta["edition"])
    # The default font is the cells' own (10-point Arial): column widths are counted in its digits, which
    # spreadsheets without Calibri (LibreOffice on Linux) would otherwise measure in a wider stand-in font.
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False,
                                         "default_format_properties": {"font_name": "Arial", "font_size": 10},
                                         "default_row_height": 17})
    wb.set_properties({"title": T["about.title"], "created": datetime.combine(edition, datetime.min.time())})
    F = _Formats(wb, LOCALE[lang])
    ind = indicators.set_index("indicator_id")
    names = ind[f"name_{lang}"] if f"name_{lang}" in ind else ind.index.to_series()
    units = ind["unit_vi"].where(ind["unit_vi"] != "", ind["unit"]) if lang == "vi" else ind["unit"]
    src = sources.set_index("source_id")
    sc = _by_pillar(scorecard)

    footer = _footer(T, edition)
    lead_ids = set(sources.loc[sources.get("outlet", pd.Series("", index=sources.index)) == "personal",
                               "source_id"]) if len(sources) else set()
    read_on_lead = observations["source_id"].isin(lead_ids)
    _about(wb.add_worksheet(T["sheet.about"]), F, T, meta, sc, changes is not None, bool(lead_ids))
    _table(wb.add_worksheet(T["sheet.scorecard"]), F, T, _scorecard_columns(sc, T, names, units), freeze_cols=2,
           narrow=True, repeat=2)
    if changes is not None:
        _changes(wb.add_worksheet(T["sheet.changes"]), F, T, changes)
    _table(wb.add_worksheet(T["sheet.history"]), F, T, _history_columns(history, sc, T, names), freeze_cols=2,
           narrow=True, repeat=2)
    _table(wb.add_worksheet(T["sheet.observations"]), F, T,
           _observation_columns(observations[~read_on_lead], T, names, src), narrow=True)
    # rule 14: a personal page or repository is a lead, never a source: its own sheet, apart from the sources
    _table(wb.add_worksheet(T["sheet.sources"]), F, T,
           _source_columns(sources[~sources["source_id"].isin(lead_ids)], T), freeze_cols=1, narrow=True)
    _table(wb.add_worksheet(T["sheet.conflicts"]), F, T,
           _observation_columns(conflicts[~conflicts["source_id"].isin(lead_ids)], T, names, src, conflicts=True),
           freeze_cols=0, narrow=True)
    if lead_ids:
        leads = sources[sources["source_id"].isin(lead_ids)]
        _table(wb.add_worksheet(T["sheet.leads"]), F, T,
               _lead_columns(leads, observations[read_on_lead], T, names, units), narrow=True, title=T["leads.title"])
    for ws in wb.worksheets():
        _print_layout(ws, footer)
    wb.close()
    return path


class _Texts:
    """texts[key], with a message naming the missing key (a catalog out of step with the workbook)."""

    def __init__(self, texts: dict, lang: str = ""):
        self.texts, self.lang = texts, lang

    def __getitem__(self, key: str) -> str:
        try:
            return self.texts[key]
        except KeyError:
            raise KeyError(f"workbook text '{key}' is missing from the texts given to write_workbook") from None

    def get(self, key: str, default: str = "") -> str:
        return self.texts.get(key, default)


class _Formats:
    """One XlsxWriter format per distinct look, created on first use (so the file is the same each time)."""

    def __init__(self, wb, locale: str):
        self.wb, self.locale, self.cache = wb, locale, {}

    def get(self, kind: str = "text", status: str | None = None, header: bool = False, bold: bool = False):
        key = (kind, status, header, bold)
        if key not in self.cache:
            props = {"valign": "top", "font_name": "Arial", "font_size": 10}
            if kind in NUMBER_FORMATS:
                props["num_format"] = self.locale + NUMBER_FORMATS[kind]
            if kind in ("wrap", "text") or header:
                props["text_wrap"] = True
            if kind == "mark":
                props["align"] = "center"
            if kind == "year_left":
                props["align"] = "left"
            if kind == "url":
                props.update({"font_color": "#1f4e9a", "underline": 1})
            if status:  # status names wrap within their cell, never cut short
                props["text_wrap"] = True
            if status == "proxy":  # a history year assessed on a proxy, greyed as in the PDF
                props.update({"bg_color": PROXY_FILL, "font_color": "#1a1a1a"})
            elif status:
                props.update({"bg_color": STATUS_COLOURS[status], "font_color": STATUS_TEXT_COLOURS[status]})
            if header:
                props.update({"bold": True, "bg_color": HEADER_FILL, "bottom": 1})
            if bold:
                props["bold"] = True
            self.cache[key] = self.wb.add_format(props)
        return self.cache[key]


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _by_pillar(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Rows grouped by pillar in the report's order, the scorecard's order kept within a pillar."""
    rank = scorecard["pillar"].map({p: i for i, p in enumerate(ENUMS["pillar"])}).fillna(len(ENUMS["pillar"]))
    return scorecard.iloc[rank.argsort(kind="stable")].reset_index(drop=True)


def _flags_text(flags, T: _Texts) -> str:
    """Every flag in words, in the engine's order; flags newer than this module's FLAGS (weak_source …) follow
    in the order the engine writes them, named by the catalog ([workbook] holds a fallback for each)."""
    # a target met before it was set is said by the level to hold (its own column), never as a flag
    given = [f for f in ((flags or "").split(";") if not _missing(flags) else []) if f and f not in UNPRINTED]
    order = [f for f in FLAGS if f in given] + [f for f in given if f not in FLAGS]
    return "; ".join(" ".join(x for x in (FLAG_MARKS.get(f, ""), T.get("flag." + f, f)) if x) for f in order)


def _yes_no(value, T: _Texts) -> str:
    if isinstance(value, str):
        value = value.strip().lower() == "true"
    return T["yes"] if bool(value) and not _missing(value) else T["no"]


# ------------------------------------------------------------------ sheets: columns as (header, kind, values)

def _scorecard_columns(sc: pd.DataFrame, T: _Texts, names, units):
    col = lambda key, kind, values: (T["col." + key], kind, list(values))  # noqa: E731
    has = lambda c: c in sc.columns  # noqa: E731  columns of the newer engine (INTERFACE.md), when present
    grade = lambda c: [("" if _missing(g) else str(g)) for g in sc[c]]  # noqa: E731
    # What a reader looks for first (the target, the latest figure, the status), then the numbers behind it;
    # the target's id last, for data entry, not printed.
    return [
        col("pillar", "text", [T["pillar." + p] for p in sc["pillar"]]),
        col("indicator", "text", sc["indicator_id"].map(names)),
        col("unit", "text", sc["indicator_id"].map(units)),
        col("comparator", "mark", sc["comparator"].map(COMPARATOR_MARKS)),
        col("target_value", "value", sc["target_value"]),
        *([col("target_effective", "value", sc["target_effective"])] if has("target_effective") else []),
        col("target_year", "year", sc["target_year"]),
        col("qualifier", "mark", sc["latest_qualifier"].map(lambda q: "" if _missing(q) else QUALIFIER_MARKS[q])),
        col("latest_value", "value", sc["latest_value"]),
        col("latest_year", "year", sc["latest_year"]),
        *([col("latest_grade", "mark", grade("latest_grade"))] if has("latest_grade") else []),
        # Met or not is said in words: a gap of 0 can be either (a strict target on the threshold).
        col("met", "text", [T["yes"] if s == "achieved" else T["no"] for s in sc["status"]]),
        # no gap where the only figure is a proxy (another definition), as on the PDF
        col("gap", "signed_value", sc["gap"].where(~_proxy_only(sc))),
        col("status_short", "status", sc["status"]),
        col("flags_short", "wrap", [_flags_text(f, T) for f in sc["flags"]]),
        # as the PDF says it: 'more than 21% in 2026', never a bare threshold; a met target's level to hold
        *([col("needed_next_text", "wrap", _needed_words(sc, T.lang))] if T.lang and has("kind") else []),
        col("baseline_year", "year", sc["baseline_year"]),
        col("baseline_value", "value", sc["baseline_value"]),
        *([col("baseline_grade", "mark", grade("baseline_grade"))] if has("baseline_grade") else []),
        col("n_points", "int", sc["n_points"]),
        col("pace_actual", "pace", sc["pace_actual"]),
        col("pace_required", "pace", sc["pace_required"]),
        col("pace_required_now", "pace", sc["pace_required_now"]),
        *([col("needed_next_value", "value", sc["needed_next_value"].where(~_proxy_only(sc))),
           col("needed_next_year", "year", sc["needed_next_year"])] if has("needed_next_value") else []),
        *([col("release_due", "year", sc["release_due"]),
           col("release_due_month", "int", sc["release_due_month"])] if has("release_due") else []),
        col("projected_value", "value", sc["projected_value"]),
        col("ratio", "ratio", sc["ratio"]),
        col("cagr_ratio", "ratio", sc["cagr_ratio"]),
        col("status_long", "status", sc["status_long"]),
        *([col("baseline_year_long", "year", sc["baseline_year_long"])] if has("baseline_year_long") else []),
        col("flags_long", "wrap", [_flags_text(f, T) for f in sc["flags_long"]]),
        *_period_columns(sc, col, T),
        col("target_id", "id", sc["target_id"]),
    ]


PERIOD_FLAGS = ("missing_years", "no_base")  # the marks of rules C2 and G1


def _has_periods(sc: pd.DataFrame) -> bool:
    """Whether any target is a total over a period or an average growth (its columns are then shown)."""
    return "target_type" in sc and bool((sc["target_type"].fillna("level") != "level").any())


def _period_columns(sc: pd.DataFrame, col, T: _Texts) -> list:
    """The columns of the targets that are not levels (rules C1-C6, G1-G4), empty on a level target's row."""
    if not _has_periods(sc):
        return []
    types = sc["target_type"].fillna("level")
    return [
        col("target_type", "text", [T["target_type." + t] for t in types]),
        col("period_start", "year", sc["period_start"]),
        col("total_so_far", "value", sc["total_so_far"]),
        col("flow_required", "value", sc["flow_required"]),
        col("total_projected", "value", sc["total_projected"]),
        col("growth_actual", "value", sc["growth_actual"]),
        col("implied_level", "value", sc["implied_level"]),
        col("missing_years", "text", ["" if _missing(m) else str(m).replace(";", ", ") for m in sc["missing_years"]]),
    ]


def _proxy_only(sc: pd.DataFrame) -> pd.Series:
    return sc["proxy_only"].fillna(False).astype(bool) if "proxy_only" in sc else pd.Series(False, index=sc.index)


def _needed_words(sc: pd.DataFrame, lang: str) -> list[str]:
    from .phrases import hold_text, next_text
    out = []
    for r in sc.to_dict("records"):
        text = "" if r.get("proxy_only") is True else (hold_text(r, lang) or next_text(r, lang))
        out.append("" if text == "—" else text)
    return out


def _history_columns(history: pd.DataFrame, sc: pd.DataFrame, T: _Texts, names):
    # Rows in the scorecard sheet's order (by pillar); targets missing from the scorecard keep theirs, last.
    in_sc = set(sc["target_id"])
    order = [t for t in sc["target_id"] if t in history.index] + [t for t in history.index if t not in in_sc]
    h = history.loc[order]
    indicator = sc.set_index("target_id")["indicator_id"]
    pillar = sc.set_index("target_id")["pillar"]
    return [
        (T["col.pillar"], "text", [T["pillar." + pillar[t]] if t in pillar else "" for t in order]),
        (T["col.indicator"], "text", [names.get(indicator[t], indicator[t]) if t in indicator else "" for t in order]),
        *[(str(int(year)), "status", list(h[year])) for year in h.columns],
        (T["col.target_id"], "id", order),  # for data entry, last and not printed
    ]


def _observation_columns(obs: pd.DataFrame, T: _Texts, names, src: pd.DataFrame, conflicts: bool = False):
    col = lambda key, kind, values: (T["col." + key], kind, list(values))  # noqa: E731
    cols = [
        col("indicator", "text", obs["indicator_id"].map(lambda i: names.get(i, i))),
        col("period", "text", obs["period"]),
        col("qualifier", "mark", obs["qualifier"].map(lambda q: QUALIFIER_MARKS.get(q or "", q))),
        col("value", "value", obs["value"]),
        col("obs_status", "text", obs["status"].map(lambda s: T["obs_status." + s])),
        col("selected", "text", [_yes_no(v, T) for v in obs["selected"]]),
    ]
    if not conflicts:
        cols.append(col("partial", "text", [_yes_no(v, T) for v in obs["partial"]]))
    if "producer" in obs.columns:  # columns newer data files carry
        cols.append(col("producer", "text", [producer_name(p, T.lang) if isinstance(p, str) else p
                                             for p in obs["producer"]]))
    if "proxy" in obs.columns:
        cols.append(col("proxy", "text", [_yes_no(v, T) for v in obs["proxy"]]))
    if "grade" in obs.columns:  # rule 14: A, B or C
        cols.append(col("grade", "mark", ["" if _missing(g) else str(g) for g in obs["grade"]]))
    cols += [
        col("publisher", "text", obs["source_id"].map(lambda s: publisher_name(src["publisher"].get(s, ""), T.lang))),
        col("locator", "wrap", obs["locator"]),
        col("note", "wrap", obs["note"]),
        # on screen only: the address (printed on the sources sheet) and the ids
        *([] if conflicts else [col("url", "link", obs["source_id"].map(lambda s: src["url"].get(s, "")))]),
        # the ids the intake and the data files use, last and not printed
        col("indicator_id", "id", obs["indicator_id"]),
        col("source_id", "id", obs["source_id"]),
    ]
    return cols


def _source_columns(sources: pd.DataFrame, T: _Texts):
    col = lambda key, kind, name: (T["col." + key], kind,  # noqa: E731
                                   list(sources[name]) if isinstance(name, str) else name)
    return [
        col("publisher", "text", [publisher_name(p, T.lang) for p in sources["publisher"]]),
        # the data's bracketed stand-in for a title not seen, said in the edition's language
        col("title", "wrap", [T["title_not_seen"] if str(t).startswith("(") and str(t).endswith(")") else t
                              for t in sources["title"]]),
        col("published", "text", [_day(d, T.lang) for d in sources["published"]]),
        col("accessed", "text", [_day(d, T.lang) for d in sources["accessed"]]),
        col("url", "url", "url"),
        (T["col.language"], "text", [T.get("language." + str(v), str(v)) for v in sources["language"]]),
        col("note", "wrap", "note"),
        col("source_id", "id", "source_id"),  # for data entry, last and not printed
    ]


def _lead_columns(leads: pd.DataFrame, obs: pd.DataFrame, T: _Texts, names, units):
    """The leads (rule 14: a personal page or repository): where each is, and the figures read there, none of
    which any status uses."""
    seen = {s: "; ".join(f"{names.get(r['indicator_id'], r['indicator_id'])}, {r['period']}: "
                         f"{fmt_qualified(r['value'], r['qualifier'], T.lang)} {units.get(r['indicator_id'], '')}".rstrip()
                         for r in obs[obs["source_id"] == s].to_dict("records")) for s in leads["source_id"]}
    return [
        *_source_columns(leads, T)[:-2],
        (T["leads.figures"], "wrap", [seen[s] for s in leads["source_id"]]),
        (T["col.note"], "wrap", list(leads["note"])),
        (T["col.source_id"], "id", list(leads["source_id"])),
    ]


# ------------------------------------------------------------------ writing

def _day(iso, lang: str) -> str:
    """A date as the edition writes it (07/12/2026 in vi), not as ISO text."""
    text = str(iso or "")
    return fmt_date(text, lang) if lang and text.count("-") == 2 else text


def _about(ws, F: _Formats, T: _Texts, meta: dict, sc: pd.DataFrame, with_changes: bool = False,
           with_leads: bool = False) -> None:
    ws.set_column(0, 0, ABOUT_WIDTHS[0])
    ws.set_column(1, 1, ABOUT_WIDTHS[1])
    ws.write_string(0, 0, T["about.title"], F.get("plain", bold=True))
    as_of = int(meta["as_of"])
    window_short = int(sc["window_start"].iloc[0]) if len(sc) else as_of - 5
    facts = [
        ("about.as_of", as_of, "year"), ("about.edition", _day(meta["edition"], T.lang), "text"),
        ("about.fingerprint", str(meta["fingerprint"]), "text"), ("about.code_version", str(meta["code_version"]), "text"),
        ("about.window_short", window_short, "year"),
        ("about.window_long", int(meta.get("window_long", as_of - 15)), "year"),
        # rule 19: the data cut-off and the releases due but not in the data (when the edition knows them)
        *([("about.data_cutoff", _day(meta["data_cutoff"], T.lang), "text")] if meta.get("data_cutoff") else []),
        *([("about.due", str(meta["due"]), "wrap")] if meta.get("due") else []),
        # the same count of targets by instrument as the PDF's cover and page 2
        *([("about.coverage", str(meta["coverage"]), "wrap")] if meta.get("coverage") else []),
    ]
    row = 2
    for key, value, kind in facts:
        ws.write_string(row, 0, T[key], F.get("text", bold=True))
        if kind == "year":
            ws.write_number(row, 1, value, F.get("year_left"))
        elif kind == "wrap":
            ws.write_string(row, 1, value, F.get("wrap"))
            ws.set_row(row, LINE_HEIGHT * _lines(value, ABOUT_WRAP))
        else:
            ws.write_string(row, 1, value, F.get("text"))
        row += 1
    row += 1
    ws.write_string(row, 0, T["about.sheet"], F.get(header=True))
    ws.write_string(row, 1, T["about.holds"], F.get(header=True))
    for key in ("scorecard", *(["changes"] if with_changes else []), "history", "observations", "sources",
                "conflicts", *(["leads"] if with_leads else [])):
        row += 1
        ws.write_string(row, 0, T["sheet." + key], F.get("text"))
        ws.write_string(row, 1, T["about." + key], F.get("wrap"))
        ws.set_row(row, LINE_HEIGHT * _lines(T["about." + key], ABOUT_WRAP))
    row += 2
    ws.write_string(row, 0, T["about.legend_status"], F.get(header=True))
    ws.write_string(row, 1, "", F.get(header=True))
    for status in STATUS_COLOURS:
        row += 1
        ws.write_string(row, 0, T["status." + status], F.get("status", status))
    row += 2
    ws.write_string(row, 0, T["about.legend_flags"], F.get(header=True))
    ws.write_string(row, 1, "", F.get(header=True))
    # a target to hold is said in words, with no mark; the marks of the targets that are not levels only
    # when the edition has one
    for flag in (f for f in FLAGS if f not in UNPRINTED and (f not in PERIOD_FLAGS or _has_periods(sc))):
        row += 1
        ws.write_string(row, 0, FLAG_MARKS[flag], F.get("text"))
        ws.write_string(row, 1, T["flag." + flag], F.get("wrap"))
        ws.set_row(row, LINE_HEIGHT * _lines(T["flag." + flag], ABOUT_WRAP))  # long meanings wrap in print
    row += 2
    ws.write_string(row, 0, T["about.numbers"], F.get("plain"))


CHANGES_WIDTHS = (42, 24, 24, 44, 12)  # indicator; before or period; after or value; cause or producer; grade


def _changes(ws, F: _Formats, T: _Texts, ch: dict) -> None:
    """What changed since the previous edition, as the PDF's page says it: the base, then one block per kind
    of change (a heading, its column names, its rows); statuses in their colours."""
    for c, width in enumerate(CHANGES_WIDTHS):
        ws.set_column(c, c, width, F.get("wrap"))
    ws.write_string(0, 0, ch["title"], F.get("plain", bold=True))
    row = 1
    for line in (ch["intro"], ch["method"], ch["nothing"], ch["no_status"]):
        if line:
            ws.merge_range(row, 0, row, len(CHANGES_WIDTHS) - 1, line, F.get("wrap"))
            ws.set_row(row, LINE_HEIGHT * _lines(line, sum(CHANGES_WIDTHS)))
            row += 1
    h = ch["heads"]
    blocks = [("status", ch["status"], None), ("added", ch["added"], None), ("revised", ch["revised"], None),
              ("unselected", ch["unselected"], None), ("window", ch["window"], ch["window_note"])]
    for key, rows, note in blocks:
        if not rows:
            continue
        row += 1
        ws.write_string(row, 0, h[key], F.get("text", bold=True))
        row += 1
        if note:
            ws.merge_range(row, 0, row, len(CHANGES_WIDTHS) - 1, note, F.get("wrap"))
            row += 1
        statuses = key in ("status", "window")
        heads = ("indicator", "before", "after", "cause") if statuses else ("indicator", "period", "value",
                                                                          "producer", "grade")
        for c, name in enumerate(heads):
            ws.write_string(row, c, h[name], F.get(header=True))
        for r in rows:
            row += 1
            for c, name in enumerate(heads):
                value = r[name]
                if statuses and name in ("before", "after") and value:
                    ws.write_string(row, c, T["status." + value], F.get("status", value))
                elif statuses and name in ("before", "after"):
                    ws.write_string(row, c, T[f"changes.not_tracked_{name}"], F.get("text"))
                else:
                    ws.write_string(row, c, str(value), F.get("mark" if name == "grade" else "wrap"))
            ws.set_row(row, LINE_HEIGHT * max(_lines(str(r[n]), CHANGES_WIDTHS[c]) for c, n in enumerate(heads)))
    ws.freeze_panes(1, 0)


def _table(ws, F: _Formats, T: _Texts, columns: list, freeze_cols: int = 0, narrow: bool = False,
           repeat: int = 0, title: str = "") -> None:
    """Header row, then one row per record; header frozen, autofilter on, widths and heights from the content,
    and the print layout (workbook_print): one page wide, long texts narrowed to wrap, unless `repeat` > 0 (then
    over pages wide, each repeating the first `repeat` columns). The last columns (kinds TAIL: ids, an address
    printed elsewhere) are not printed. narrow: long texts wrap in narrower columns. title: a line above the header (row 1)."""
    top = 1 if title else 0
    n = len(columns[0][2]) if columns else 0
    widths = [_width(header, kind, values, T, narrow) for header, kind, values in columns]
    kinds = [kind for _, kind, _ in columns]
    printed = sum(1 for k in kinds if k not in TAIL)
    if not repeat:  # one page wide: long texts narrowed to fit (over pages wide, they keep their room)
        widths[:printed] = workbook_print.fit_one_page(widths[:printed], kinds[:printed])
    if not repeat and workbook_print.scale_needed(widths[:printed]) < workbook_print.MIN_SCALE:
        repeat = 1  # still too wide for one legible page: over pages wide, the first column repeated
    if title:
        ws.write_string(0, 0, title, F.get("plain", bold=True))
    lines = [1] * (n + 1)  # per row, the most lines a wrapped cell needs
    for c, (header, kind, values) in enumerate(columns):
        width = widths[c]
        wrap = kind in ("text", "wrap", "status")
        ws.set_column(c, c, width, F.get("wrap") if wrap else None)
        ws.write_string(top, c, header, F.get(header=True))
        lines[0] = max(lines[0], _lines(header, width))
        for r, value in enumerate(values, start=1):
            _write(ws, F, T, r + top, c, {"id": "text", "link": "url"}.get(kind, kind), value)
            if wrap and not _missing(value):
                lines[r] = max(lines[r], _lines(T["status." + value] if kind == "status" else str(value), width))
    for r, k in enumerate(lines):
        if k > 1:
            ws.set_row(r + top, LINE_HEIGHT * k)
    ws.freeze_panes(1 + top, freeze_cols)
    ws.autofilter(top, 0, n + top, len(columns) - 1)
    if repeat:
        workbook_print.pages_wide(ws, widths, n + top, printed, repeat, header_rows=1 + top)
    else:
        workbook_print.one_page_wide(ws, n + top, printed, header_rows=1 + top)


def _print_layout(ws, footer: str) -> None:
    """Every sheet prints alike: A4 landscape, the footer, grid lines printed (the cells have no borders); a
    sheet without a table of its own (about, changes) one page wide."""
    workbook_print.setup(ws, footer)
    if not ws.fit_page and ws.print_scale == 100:
        ws.fit_to_pages(1, 0)


def _footer(T: _Texts, edition: date) -> str:
    """Footer codes: the title and edition date on the left, the sheet's name (&A) and the page number on the
    right (&P of &N pages);
    a literal & in a text is written &&."""
    esc = lambda text: text.replace("&", "&&")  # noqa: E731
    left = esc(T["print.footer"].format(title=T["about.title"], date=fmt_date(edition.isoformat(), T.lang)))
    right = esc(T["print.page"]).replace("{page}", "&P").replace("{pages}", "&N")
    size = f"&{workbook_print.FOOTER_PT}"
    return f"&L{size}{left}&R{size}&A — {right}"  # &A: the sheet's name


def _lines(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column `width` units wide (a word longer than the line, such as an
    address, is broken across lines)."""
    width = max(width * LINE_CHARS_PER_UNIT - 1, 1)  # a little room for the cell's padding
    total = 0
    for paragraph in text.split("\n"):
        count, used = 1, 0
        for word in paragraph.split():
            need = len(word) + (1 if used else 0)
            if used and used + need > width:
                count, used = count + 1, len(word)
            else:
                used += need
            while used > width:  # a word wider than the column goes on over the next lines
                count, used = count + 1, used - int(width)
        total += count
    return total


def _write(ws, F: _Formats, T: _Texts, r: int, c: int, kind: str, value) -> None:
    if kind == "status":
        if _missing(value):
            ws.write_blank(r, c, None)
        else:
            ws.write_string(r, c, T["status." + value], F.get("status", value))
        return
    if kind in ("value", "signed_value", "int", "year", "pace", "ratio"):
        if _missing(value):
            ws.write_blank(r, c, None, F.get(kind if kind in NUMBER_FORMATS else "number"))
            return
        value = float(value)
        if kind in ("value", "signed_value"):
            whole = value == round(value)
            kind = {("value", True): "int", ("value", False): "number",
                    ("signed_value", True): "signed_int", ("signed_value", False): "signed"}[(kind, whole)]
        ws.write_number(r, c, value, F.get(kind))
        return
    text = "" if _missing(value) else str(value)
    if not text:
        ws.write_blank(r, c, None)
    elif kind == "url" and len(text) <= 2079:  # Excel's longest link
        ws.write_url(r, c, text, F.get("url"), string=text)
    else:
        ws.write_string(r, c, text, F.get(kind if kind in ("wrap", "mark") else "text"))


def _width(header: str, kind: str, values: list, T: _Texts, narrow: bool = False) -> float:
    """Column width: the longest value (capped; longer text wraps), and room for the header's longest word."""
    if kind == "status":
        longest, cap = max((len(T["status." + v]) for v in values if not _missing(v)), default=0), 14
    elif kind in ("text", "wrap", "url", "mark", "id", "link"):
        cap = (NARROW_WIDTH if narrow else MAX_WIDTH)[kind]
        # a digit is a whole unit wide (the unit is a '0'), a letter on average 1/CHARS_PER_UNIT; a text whose
        # letters alone reach the cap needs no counting of its digits (the column is capped either way)
        full = (cap - 1) * CHARS_PER_UNIT
        longest = 0
        for v in values:
            if _missing(v):
                continue
            text = str(v)
            if len(text) >= full:
                longest = full
                break
            longest = max(longest, len(text) + (CHARS_PER_UNIT - 1) * sum(map(str.isdigit, text)))
    else:
        longest = max((len(f"{float(v):,.2f}".rstrip("0").rstrip(".")) + 1 for v in values if not _missing(v)),
                      default=0)
        cap, longest = 16, max(longest, 7)
    word = max((len(w) for w in header.split()), default=0) * 1.1  # bold
    return float(math.ceil(max(min(longest / CHARS_PER_UNIT + 1, cap), word / CHARS_PER_UNIT + 1, 6)))


def _history_as_printed(b):
    """The status history with the years the PDF greys as proxy years marked 'proxy' (pdf.proxy_years)."""
    from .pdf import proxy_years

    h = b.history.copy()
    ind_of = b.ds.targets.set_index("target_id")["indicator_id"]
    for ind, year in proxy_years(b):
        for t in h.index:
            if ind_of.get(t) == ind and year in h.columns and h.at[t, year] != "no_data":
                h.at[t, year] = "proxy"
    return h


def write_edition(b, output_dir: Path, changes=None) -> Path:
    """The workbook of one edition (a bundle.Bundle), as output_dir/workbook.xlsx; the build publishes it
    beside the PDF under the edition's name. changes: the comparison with the previous edition
    (changes.Changes; none, or a first edition: no sheet)."""
    from .. import i18n
    from ..data import translations
    from .changes_text import texts as changes_texts
    from .workbook_texts import texts

    words = texts(b.lang, b.ds.plan)
    ch = changes_texts(changes, b.ds, b.lang) if changes is not None else None
    words.update({f"changes.{k}": v for k, v in i18n.catalog(b.lang)["changes"].items()})
    words.update({"sheet.changes": words["changes.sheet"], "about.changes": words["changes.about"]})
    obs, sources = translations.localised(b.ds, b.lang)  # vi: the notes in Vietnamese where translated
    if b.lang == "vi":  # a foreign-language quotation and title: the original, then its Vietnamese (as the PDF)
        obs["locator"] = [_and_then(r["locator"], translations.locator(b.ds, r, b.lang), "\n")
                          for r in b.ds.observations.to_dict("records")]
        sources["title"] = [_and_then(r["title"], (lambda t: t and f"[{t}]")(translations.title(b.ds, r, b.lang)), " ")
                            for r in b.ds.sources.to_dict("records")]
    return write_workbook(Path(output_dir) / "workbook.xlsx", lang=b.lang, texts=words, scorecard=b.scorecard,
                          history=_history_as_printed(b), observations=obs, sources=sources,
                          conflicts=conflict_rows(obs), indicators=b.ds.indicators,
                          meta={"as_of": b.as_of, "edition": b.edition, "fingerprint": b.fingerprint,
                                "code_version": b.code_version, "data_cutoff": b.data_cutoff,
                                "due": " ".join([*(b.overview or {}).get("due", []), *(b.overview or {}).get("irregular", [])]),
                                "coverage": b.coverage_text},
                               changes=ch)


def _and_then(original, rendering, sep: str) -> str:
    """The original text, then its rendering in the edition's language when there is one."""
    original = "" if _missing(original) else str(original)
    return f"{original}{sep}{rendering}" if rendering and original else (original or rendering or "")
