"""The intake workbook (`make intake`): sheets an analyst fills in with new figures and sources, for
`make import` (importer.py) to check and add to data/.

Cells are typed so that no spreadsheet locale can rewrite them: periods and dates are text cells
(format '@'), values number cells, coded columns drop-down lists. Every visible text comes from the
`[intake]` and `[intake_vi]` tables of locales/<lang>.toml; the data's names in the workbook's language: units,
indicators' definitions (data/translations/vi.csv), producers, and publishers beside the data's spelling (a
drop-down entry "spelling — name", which make import reads back as the spelling).
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from .. import i18n
from . import intake_rows, translations
from .schema import ENUMS, Dataset
from .validate import period_end_date

# The figures sheet, in the order an analyst reads a figure off its source; every column of observations.csv.
FIGURE_COLUMNS = ("indicator_id", "period", "value", "qualifier", "out_of", "status", "selected", "source_id",
                  "locator", "producer", "grade", "proxy", "partial", "note")
SOURCE_COLUMNS = ("source_id", "publisher", "title", "published", "accessed", "url", "language", "note", "outlet",
                  "title_wrong")
CHOICE_SEPARATOR = " — "  # a drop-down entry is "indicator_id — name"; the importer keeps what precedes it
INDICATOR_CHOICE_COLUMNS = ("indicator_id", "score_for")  # the columns whose drop-down offers indicator choices
INPUT_ROWS = 500  # rows carrying the drop-downs and formats on the input sheets
BOOL_COLUMNS = ("selected", "proxy", "partial")  # true/false cells; an empty proxy or partial cell is false
MIN_YEAR = 1990  # a period before this is a typing slip (the data start in 2014; long windows reach 15 years back)
INSTRUCTION_WIDTH = 110
LINE_HEIGHT = 13.0  # points per line of 10-point text; rows are sized here, as Calc does not do it on load
CHARS_PER_UNIT = 1.2  # letters of 10-point Arial per column-width unit, with a margin
WIDTHS = {"indicator_id": 42, "period": 16, "value": 12, "locator": 36, "producer": 28, "note": 48,
          "title": 48, "publisher": 30, "url": 40, "source_id": 30}


def texts(lang: str) -> dict:
    return i18n.catalog(lang)["intake"]


def indicator_choice(indicator_id: str, name: str) -> str:
    return f"{indicator_id}{CHOICE_SEPARATOR}{name}"


def producer_choices(ds: Dataset, lang: str) -> dict[str, str]:
    """{the producer as `lang` names it: as the data spell it} for every producer of the data (the intake's
    drop-down, and make import's way back to the data's spelling)."""
    out = {}
    for p in sorted(set(ds.observations["producer"]) - {""}):
        out.setdefault(i18n.producer_name(p, lang), p)
    return out


def publisher_choices(ds: Dataset, lang: str) -> dict[str, str]:
    """{the publisher as the intake shows it: as the data spell it} for every publisher of the data: the data's
    spelling, followed by its name in `lang` when that differs ("id — name"; several spellings of one outlet
    share a name, so the name alone could not be read back). The known sources' sheet and the new sources'
    drop-down show these; make import reads each back as the data spell it."""
    names = i18n.data_names("publishers", lang)
    out = {}
    for p in sorted(set(names) | set(ds.sources["publisher"]) - {""}, key=str.casefold):
        name = names.get(p, p)
        out.setdefault(p if name == p else f"{p}{CHOICE_SEPARATOR}{name}", p)
    return out


def write_intake(ds: Dataset, out: str | Path, lang: str, today: date | None = None) -> Path:
    """Write the workbook for the (error-free) dataset `ds` to `out` in `lang`."""
    T = texts(i18n.check_lang(lang))
    today = today or date.today()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(out), {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": T["title"], "created": datetime.combine(today, datetime.min.time())})
    base = {"font_name": "Arial", "font_size": 10, "valign": "top"}
    F = {
        "head": wb.add_format({**base, "bold": True, "text_wrap": True, "bg_color": "#e8e8e8", "border": 1}),
        "text": wb.add_format({**base, "num_format": "@"}),
        "wrap": wb.add_format({**base, "text_wrap": True}),
        "number": wb.add_format({**base, "num_format": "General"}),
        "title": wb.add_format({**base, "bold": True, "font_size": 14}),
    }

    instructions = wb.add_worksheet(T["sheet_instructions"])
    figures = wb.add_worksheet(T["sheet_figures"])
    sources = wb.add_worksheet(T["sheet_sources"])
    new_rows = intake_rows.sheets(ds.data_dir, lang)
    new_sheets = [wb.add_worksheet(x["sheet"]) for x in new_rows]
    indicators = wb.add_worksheet(T["sheet_indicators"])
    known = wb.add_worksheet(T["sheet_known_sources"])
    lists = wb.add_worksheet(T["sheet_lists"])

    instructions.set_column(0, 0, INSTRUCTION_WIDTH, F["wrap"])
    instructions.write(0, 0, T["title"], F["title"])
    instructions.set_row(0, 22)
    for r, line in enumerate([*T["instructions"], i18n.text(lang, "intake_rows.instructions")], start=2):
        instructions.write_string(r, 0, line, F["title"] if r == 2 else F["wrap"])
        instructions.set_row(r, 22 if r == 2 else _height([line], [INSTRUCTION_WIDTH]))
    instructions.protect()

    n_ind = _indicator_sheet(indicators, ds, lang, T, F)
    from .translations import localised

    known_sources = localised(ds, lang)[1]  # the quality notes in the workbook's language where translated
    publishers = publisher_choices(ds, lang)
    shown_as = {p: shown for shown, p in publishers.items()}
    known_sources["publisher"] = [shown_as.get(p, p) for p in known_sources["publisher"]]
    # a foreign-language title, then its Vietnamese rendering in brackets (as the edition's workbook gives it)
    known_sources["title"] = [f"{r['title']} [{t}]" if (t := translations.title(ds, r, lang)) else r["title"]
                              for r in ds.sources.to_dict("records")]
    n_src = _table(known, [T[f"src_{c}"] for c in SOURCE_COLUMNS],
                   [[s[c] for c in SOURCE_COLUMNS] for s in known_sources.to_dict("records")], F,
                   [WIDTHS.get(c, 16) for c in SOURCE_COLUMNS])
    # the producers as the workbook's language names them; make import reads a name back as the data spell it
    producers = sorted(producer_choices(ds, lang), key=str.casefold)
    charts = list(ds.charts["chart"])
    outlets = list(publishers)
    columns = (producers, charts, outlets)
    _table(lists, [T["list_producers"], T["list_charts"], i18n.text(lang, "intake_vi.list_publishers")],
           [[x[k] if k < len(x) else "" for x in columns] for k in range(max(map(len, columns)))], F, [40, 20, 60])
    for ws in (indicators, known, lists):
        ws.protect()
    lists.hide()

    def ref(ws_name: str, col: int, n: int) -> str:
        letter = xl_col_to_name(col)
        return f"='{ws_name}'!${letter}$2:${letter}${max(n, 1) + 1}"

    lists_of = {
        "indicator_id": (ref(T["sheet_indicators"], 0, n_ind), False),  # a new indicator (sheet of new indicators) is typed in
        "source_id": (ref(T["sheet_known_sources"], 0, n_src), False),  # a new source is typed in
        "producer": (ref(T["sheet_lists"], 0, len(producers)), False),
        "qualifier": ([q for q in ENUMS["qualifier"] if q], True),
        "status": (list(ENUMS["status"]), True),
        "grade": (list(ENUMS["grade"]), True),
        "selected": (["true", "false"], True),
        "proxy": (["true", "false"], True),
        "partial": (["true", "false"], True),
    }
    # each column its own prompt; true/false only on the true/false columns (never on a free-text one)
    tips = {c: T.get(f"tip_{c}", T["tip_bool"] if c in BOOL_COLUMNS else "") for c in FIGURE_COLUMNS}
    _input_sheet(figures, FIGURE_COLUMNS, [T[f"fig_{c}"] for c in FIGURE_COLUMNS], F, T, lists_of, tips,
                 text_columns={"period"}, number_columns={"value", "out_of"})
    src_tips = {"publisher": i18n.text(lang, "intake_vi.tip_publisher",
                                       sheet=i18n.text(lang, "intake_rows.sheet_publishers")),
                "published": T["tip_date"], "accessed": T["tip_date"], "language": T["tip_language"],
                "outlet": T["tip_outlet"], "title_wrong": T["tip_title_wrong"]}
    _input_sheet(sources, SOURCE_COLUMNS, [T[f"src_{c}"] for c in SOURCE_COLUMNS], F, T,
                 {"publisher": (ref(T["sheet_lists"], 2, len(outlets)), False),  # a new one is typed in
                  "language": (["vi", "en"], False), "outlet": (list(ENUMS["outlet"]), True),
                  "title_wrong": (["true", "false"], True)}, src_tips,
                 text_columns={"published", "accessed"}, number_columns=set())
    refs = {"indicator_id": ref(T["sheet_indicators"], 0, n_ind), "score_for": ref(T["sheet_indicators"], 0, n_ind),
            "source_id": ref(T["sheet_known_sources"], 0, n_src),
            "breaks_source": ref(T["sheet_known_sources"], 0, n_src), "chart": ref(T["sheet_lists"], 1, len(charts))}
    for ws, x in zip(new_sheets, new_rows):  # every column of its file, as datapackage.json lists them
        name = x["file"]
        # a new indicator's own id is new: no drop-down of the ids it must not repeat
        lists_new = {c: intake_rows.choices(name, c, refs) for c in x["columns"]
                     if not (name == "indicators.csv" and c == "indicator_id")}
        _input_sheet(ws, x["columns"], x["heads"], F, T, {c: v for c, v in lists_new.items() if v}, x["tips"],
                     text_columns=set(), number_columns=intake_rows.number_columns(name))
    for ws in wb.worksheets():  # printed: landscape, one page wide, the heading row on every page
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        if ws is not instructions:
            ws.repeat_rows(0)
    instructions.activate()
    wb.close()
    return out


def _table(ws, heads: list[str], rows: list[list], F: dict, widths: list[int]) -> int:
    """A read-only table: header row, frozen; returns the number of rows."""
    for c, (head, width) in enumerate(zip(heads, widths)):
        ws.set_column(c, c, width, F["wrap"])
        ws.write_string(0, c, head, F["head"])
    ws.set_row(0, _height(heads, widths, most=4) + 2)  # a long heading wraps: its row as tall as its lines (bold)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                if v == v:  # NaN: leave the cell empty
                    ws.write_number(r, c, v, F["number"])
            elif v is not None and str(v) != "":
                ws.write_string(r, c, str(v), F["wrap"])
        ws.set_row(r, _height(row, widths))
    ws.freeze_panes(1, 0)
    return len(rows)


def _title(head: str) -> str:
    """A prompt's title within Excel's 32 characters: the heading without its bracketed hint, cut at a word."""
    title = head.split(" (")[0].strip()
    if len(title) <= 32:
        return title
    return title[:31].rsplit(" ", 1)[0] + "…"


def _height(cells: list, widths: list[int], most: int = 12) -> float:
    """Points for a row whose texts wrap in columns of these widths (at most `most` lines)."""
    lines = max((-(-len(str(v)) // int(w * CHARS_PER_UNIT)) for v, w in zip(cells, widths)
                 if isinstance(v, str) and v), default=1)
    return LINE_HEIGHT * min(max(lines, 1), most) + 3


def _indicator_sheet(ws, ds: Dataset, lang: str, T: dict, F: dict) -> int:
    obs = ds.observations[ds.observations["selected"]]
    latest = {}  # the latest full-year figure, as the report uses; a part-year one only when there is no other
    for o in obs.to_dict("records"):
        key = (not o.get("partial"), period_end_date(o["period"]))
        if o["indicator_id"] not in latest or key > latest[o["indicator_id"]][0]:
            latest[o["indicator_id"]] = (key, o)
    rows = []
    for i in ds.indicators.to_dict("records"):
        name = i[f"name_{lang}"] if f"name_{lang}" in i else i["name_en"]
        unit = (i.get("unit_vi") or i["unit"]) if lang == "vi" else i["unit"]
        o = latest.get(i["indicator_id"], (None, {}))[1]
        note, translated = translations.indicator_note(ds, i, lang)
        if lang == "vi" and note and not translated:  # no current translation: the English, said to be so
            note = i18n.text(lang, "intake_vi.untranslated", text=note)
        word = i18n.text(lang, f"problems.kind_{i['kind']}")  # the code, then its word where the language has one
        kind = i["kind"] if word == i["kind"] else i18n.text(lang, "intake_vi.kind", code=i["kind"], name=word)
        rows.append([indicator_choice(i["indicator_id"], name), name, unit, kind, note,
                     o.get("period", ""), _latest_value(o, lang), o.get("source_id", "")])
    heads = [T[k] for k in ("ref_choice", "ref_name", "ref_unit", "ref_kind", "ref_definition",
                            "ref_latest_period", "ref_latest_value", "ref_latest_source")]
    return _table(ws, heads, rows, F, [48, 36, 14, 10, 70, 16, 14, 36])


def _latest_value(o: dict, lang: str):
    """The figure as a number; with its source's qualifier in words ("more than 70") or, for a part-year figure, said so."""
    value, qualifier = o.get("value", float("nan")), str(o.get("qualifier") or "")
    if not qualifier and not o.get("partial"):
        return value
    text = i18n.fmt_qualified_words(value, qualifier, lang)
    return i18n.text(lang, "intake_vi.partial_value", value=text) if o.get("partial") else text


def _input_sheet(ws, columns, heads, F: dict, T: dict, lists_of: dict, tips: dict, text_columns: set,
                 number_columns: set) -> None:
    last = INPUT_ROWS
    for c, (col, head) in enumerate(zip(columns, heads)):
        fmt = F["text"] if col in text_columns or col not in number_columns else F["number"]
        ws.set_column(c, c, WIDTHS.get(col, 16), fmt)
        ws.write_string(0, c, head, F["head"])
        tip = {"input_title": _title(head), "input_message": tips.get(col, "")[:255]} if tips.get(col) else {}
        letter = xl_col_to_name(c)
        if col in lists_of:
            source, strict = lists_of[col]
            rule = {"validate": "list", "source": source, "show_error": strict,
                    "error_message": T["err_list"][:255], **tip}
        elif col == "value":
            rule = {"validate": "decimal", "criteria": "between", "minimum": -1e15, "maximum": 1e15,
                    "error_message": T["err_value"], **tip}
        elif col == "out_of":
            rule = {"validate": "integer", "criteria": ">", "value": 0, "error_message": T["err_whole"], **tip}
        elif col in text_columns:  # YYYY, YYYY-MM or YYYY-MM-DD: four, seven or ten characters
            cell = f"{letter}2"
            lengths = ("4", "7", "10") if col == "period" else ("10", "7", "4")
            rule = {"validate": "custom", "value": "=OR(" + ",".join(f"LEN({cell})={n}" for n in lengths) + ")",
                    "error_message": T["err_period"] if col == "period" else T["tip_date"], **tip}
        elif tip:
            rule = {"validate": "any", **tip}
        else:
            continue
        ws.data_validation(1, c, last, c, rule)
    ws.freeze_panes(1, 1)
    ws.set_row(0, 42)
