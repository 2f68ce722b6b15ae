"""`make import FILE=...`: read a filled intake workbook (intake.py), check its rows with the validator's
own rules, and append them to data/observations.csv and data/sources.csv.

The check runs dataset.load() on a temporary copy of the data folder with the rows appended, and maps
each problem back to its workbook cell. With any error nothing is written. Otherwise existing lines stay
byte for byte (only a replaced figure's line changes: selected=false and a note saying by what and
when), new rows are appended, and both files are replaced together (temporary file + os.replace).
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from .. import config, i18n
from .dataset import load
from .edition import latest_year
from . import intake_rows, names
from .intake import (CHOICE_SEPARATOR, FIGURE_COLUMNS, INDICATOR_CHOICE_COLUMNS, MIN_YEAR, SOURCE_COLUMNS,
                     producer_choices, publisher_choices, texts)
from .messages import At, Col, Msg, key_of, say
from .schema import Dataset, display_path, parse_period

# For the data's future editors (data notes are written in English, as every note of data/ is).
REPLACED_NOTE = "Replaced on {day} by the figure of {source} (import)."
TEXT_DATE_COLUMNS = {"period", "published", "accessed"}
NUMBER_COLUMNS = {"value", "out_of"}
DEFAULTS = {"partial": "false", "proxy": "false"}  # an empty cell means false (the instructions say so)
# A text cell holding a number with a decimal comma (43,5): in a Vietnamese-locale spreadsheet a number
# cell typed so is a number already; only a text cell reaches here, and the vi intake reads it as 43.5.
DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
DECIMAL_COMMA_LANGS = ("vi",)


@dataclass
class Located:
    """A problem at a workbook cell, or (where = a data file's line) at a row already in the data.
    heading: the workbook's name of the cell's column (said instead of the data's column in a workbook
    that is not in English)."""
    where: str
    column: str
    message: str
    level: str = "error"
    heading: str = ""

    def render(self, file: str, lang: str = "en", place=None, head=None) -> str:
        tag = "" if self.level == "error" else f" {i18n.text(lang, 'problems.warning')}:"
        column = self.heading if self.heading and lang != "en" else self.column
        text = say(self.message, lang, place, head)
        return f"{file}: {self.where}:{tag} {column}: {text}" if column else f"{file}: {self.where}:{tag} {text}"


@dataclass
class Sheet:
    """The rows of one input sheet: cell texts by data column, and each row's workbook row number."""
    name: str
    columns: tuple
    rows: list[dict] = field(default_factory=list)
    excel_rows: list[int] = field(default_factory=list)
    heads: dict = field(default_factory=dict)  # column -> its heading in the workbook, as read_sheet found it

    def heading(self, column: str, T: dict) -> str:
        """The column's heading in the workbook (as the sheet shows it; else the catalog's fig_ or src_ entry)."""
        if column in self.heads:
            return self.heads[column]
        prefix = "fig_" if self.columns is FIGURE_COLUMNS else "src_"
        return T.get(f"{prefix}{column}", column)

    def cell(self, column: str, excel_row: int) -> str:
        from openpyxl.utils import get_column_letter

        c = self.columns.index(column) + 1 if column in self.columns else 1
        return f"{self.name}!{get_column_letter(c)}{excel_row}"


def number_text(v: float | int) -> str:
    """A number as the CSV writes it: no exponent, no trailing '.0'."""
    text = format(Decimal(repr(float(v))), "f") if isinstance(v, float) else str(v)
    return text[:-2] if text.endswith(".0") else text


def cell_text(column: str, value, lang: str = "en", names: dict | None = None) -> tuple[str, str | None]:
    """The cell's content as CSV text, or a message when its type cannot stand for this column. lang: the
    workbook's; names: {column: {a name the workbook shows: the data's spelling}} (producers, publishers)."""
    if value is None:
        return "", None
    if isinstance(value, bool):
        if column in NUMBER_COLUMNS:
            return "", Msg("cell_bool_number", found=str(value).upper())
        return str(value).lower(), None
    if isinstance(value, (datetime, date)) and column in TEXT_DATE_COLUMNS:
        # a genuine date cell (the spreadsheet took the text for a date): its date is what was typed
        return (value.date() if isinstance(value, datetime) else value).isoformat(), None
    if isinstance(value, (datetime, date, time)):
        return "", Msg("cell_date_number" if column in NUMBER_COLUMNS else "cell_date_text")
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            return "", Msg("cell_invalid_number")
        return number_text(value), None
    text = str(value).strip()
    if column in INDICATOR_CHOICE_COLUMNS and CHOICE_SEPARATOR in text:
        text = text.split(CHOICE_SEPARATOR, 1)[0].strip()
    if column == "value" and lang in DECIMAL_COMMA_LANGS and DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    return (names or {}).get(column, {}).get(text, text), None


def read_sheet(ws, name: str, columns: tuple, heads: list[str], today: date, lang: str = "en",
               names: dict | None = None) -> tuple[Sheet, list[Located]]:
    from openpyxl.utils import get_column_letter

    sheet, problems = Sheet(name, columns, heads=dict(zip(columns, heads))), []
    for c, head in enumerate(heads, start=1):
        found = ws.cell(1, c).value
        if str(found or "").strip() != head:
            problems.append(Located(f"{name}!{get_column_letter(c)}1", columns[c - 1],
                                    Msg("heading", found=found or "", head=head), heading=head))
    if problems:
        return sheet, problems
    for r, values in enumerate(ws.iter_rows(min_row=2, max_col=len(columns), values_only=True), start=2):
        values = list(values) + [None] * (len(columns) - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        row = {}
        for column, value in zip(columns, values):
            text, msg = cell_text(column, value, lang, names)
            if msg:
                problems.append(Located(sheet.cell(column, r), column, msg, heading=heads[columns.index(column)]))
            row[column] = text or DEFAULTS.get(column, "")
        year = (parse_period(row.get("period", "")) or (None,))[0]
        if year is not None and not MIN_YEAR <= year <= today.year:
            # Outside the years the data can hold (the engine's dates end in 2262): said here, and the
            # period left empty for the validator's run, which would otherwise stop on it.
            problems.append(Located(sheet.cell("period", r), "period",
                                    Msg("year_before" if year < MIN_YEAR else "year_after", period=row["period"],
                                        min=MIN_YEAR, max=today.year), heading=heads[columns.index("period")]))
            row["period"] = ""
        sheet.rows.append(row)
        sheet.excel_rows.append(r)
    return sheet, problems


class CsvFile:
    """One data file as text: its records, the lines each spans, its line ending; edits keep the rest."""

    def __init__(self, path: Path):
        raw = path.read_bytes()
        self.bom = raw.startswith(b"\xef\xbb\xbf")
        self.text = raw.decode("utf-8-sig")
        self.newline = "\r\n" if "\r\n" in self.text else "\n"
        self.lines = re.findall(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", self.text)
        reader = csv.reader(io.StringIO(self.text, newline=""))
        self.records, self.spans, start = [], [], 0
        for rec in reader:
            self.records.append(rec)
            self.spans.append((start, reader.line_num))
            start = reader.line_num
        self.header = [h.strip() for h in self.records[0]] if self.records else []
        self.replaced: dict[int, list[str]] = {}
        self.appended: list[list[str]] = []

    def rows(self) -> list[tuple[int, dict]]:
        """(record index, {column: text}) of each record after the header."""
        return [(i, {h: c.strip() for h, c in zip(self.header, rec)})
                for i, rec in enumerate(self.records[1:], start=1) if len(rec) == len(self.header)]

    def _line(self, cells: list[str]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator=self.newline, quoting=csv.QUOTE_MINIMAL).writerow(cells)
        return out.getvalue()

    def render(self) -> str:
        lines = list(self.lines)
        for i, cells in sorted(self.replaced.items(), reverse=True):
            start, end = self.spans[i]
            lines[start:end] = [self._line(cells)]
        text = "".join(lines)
        if self.appended and text and not text.endswith(("\n", "\r")):
            text += self.newline
        text += "".join(self._line(cells) for cells in self.appended)
        return text

    def encoded(self) -> bytes:
        return (b"\xef\xbb\xbf" if self.bom else b"") + self.render().encode("utf-8")


@dataclass
class Outcome:
    code: int
    lines: list[str]


def workbook_lang(sheetnames: list[str]) -> str | None:
    for lang in config.LANGS:
        if texts(lang)["sheet_figures"] in sheetnames:
            return lang
    return None


def run_import(file: str | Path, data_dir: str | Path | None = None, today: date | None = None) -> Outcome:
    """Check the workbook; when clean, write the rows. Returns the exit code and the lines to print
    (problems first, prefixed by the file as given)."""
    today = today or date.today()
    shown = str(file)
    data_dir = config.resolve_data_dir(data_dir)
    try:
        from openpyxl import load_workbook

        wb = load_workbook(file, data_only=True)
    except Exception as exc:  # any unreadable file: a message, never a traceback
        return Outcome(1, [i18n.text(x, "cycle_make.unreadable", file=shown, error=f"{type(exc).__name__}: {exc}")
                           for x in config.LANGS])  # no workbook language yet: every language, Vietnamese first
    lang = workbook_lang(wb.sheetnames)
    if lang is None:
        expected = " / ".join(f"'{texts(x)['sheet_figures']}'" for x in config.LANGS)
        return Outcome(1, [i18n.text(x, "cycle_make.no_sheet", file=shown, sheets=expected) for x in config.LANGS])
    T = texts(lang)

    ds0 = load(data_dir)
    if ds0.errors:
        return Outcome(1, [str(p) for p in ds0.errors] +
                       [f"{shown}: " + say(Msg("data_errors", folder=display_path(data_dir)), lang)])

    problems: list[Located] = []
    figures, probs = read_sheet(wb[T["sheet_figures"]], T["sheet_figures"], FIGURE_COLUMNS,
                                [T[f"fig_{c}"] for c in FIGURE_COLUMNS], today, lang,
                                {"producer": producer_choices(ds0, lang)})
    problems += probs
    sources = Sheet(T["sheet_sources"], SOURCE_COLUMNS)
    if T["sheet_sources"] in wb.sheetnames:
        sources, probs = read_sheet(wb[T["sheet_sources"]], T["sheet_sources"], SOURCE_COLUMNS,
                                    [T[f"src_{c}"] for c in SOURCE_COLUMNS], today, lang,
                                    {"publisher": publisher_choices(ds0, lang)})
        problems += probs
    others = []  # the sheets of new publishers, producers, charts, indicators, targets present in the workbook
    for x in intake_rows.sheets(data_dir, lang):
        if x["sheet"] in wb.sheetnames:
            sheet, probs = read_sheet(wb[x["sheet"]], x["sheet"], x["columns"], x["heads"], today, lang)
            problems += probs
            others.append((x["file"], sheet))
    say_as = _Saying(lang, T, data_dir, {"observations.csv": figures, "sources.csv": sources,
                                          **{name: sheet for name, sheet in others}})
    if any(key_of(p.message) == "heading" for p in problems):  # columns moved: cells unreadable
        return _refuse(shown, T, problems, say_as)

    obs_csv, src_csv = CsvFile(data_dir / "observations.csv"), CsvFile(data_dir / "sources.csv")
    new_obs = _new_rows(figures, obs_csv, problems, T)
    new_src = _new_rows(sources, src_csv, problems, T)
    say_as.files = {"observations.csv": (new_obs, obs_csv), "sources.csv": (new_src, src_csv)}
    unselected = _unselect(new_obs, figures, obs_csv, today)

    # The validator's verdict on the data with the rows appended, in a temporary copy of the folder: every new
    # row of every sheet at once, so a row may name one added on another sheet (publisher, indicator...).
    new = {"observations.csv": (figures, new_obs, obs_csv), "sources.csv": (sources, new_src, src_csv)}
    for name, sheet in others:
        data = CsvFile(data_dir / name)
        new[name] = (sheet, _new_rows(sheet, data, problems, T), data)
        say_as.files[name] = (new[name][1], data)
    ds1, as_of = _check(data_dir, {name: data.encoded() for name, (_, _, data) in new.items()})
    # A row with a malformed cell is dropped by the reader before the checks across rows and files
    # (unknown indicator or source...): those checks run again with each malformed cell replaced by a
    # valid stand-in, and every problem but the malformed cells' own is taken from that second run.
    standins = _standins(ds1, new)
    problems += _located(ds1, data_dir, new, problems, standins, malformed=True, T=T)
    if standins:
        ds2, _ = _check(data_dir, {name: _with_standins(name, data, standins.get(name, {}))
                                   for name, (_, _, data) in new.items()})
        problems += _located(ds2, data_dir, new, problems, standins, malformed=False, T=T,
                             pending=intake_rows.pending_indicators(new, standins))
    problems = _once(problems)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        return _refuse(shown, T, problems, say_as)
    changed = {name: data for name, (_, rows, data) in new.items() if rows or data.replaced}
    if not changed:
        return Outcome(0, [T["out_nothing"].format(file=shown)])

    out = [say_as.render(p, shown) for p in problems]
    try:
        _write_together(data_dir, {name: data.encoded() for name, data in changed.items()})
    except OSError as exc:
        return Outcome(1, out + [f"{shown}: " + say(Msg("cannot_write", folder=display_path(data_dir), error=exc),
                                                     lang)])
    after = load(data_dir)  # the data as written: read once, for the data log and the status changes
    readme = _refresh_datalog(data_dir, after)
    out += _summary(shown, T, lang, data_dir, figures, new_obs, sources, new_src, unselected)
    out += [i18n.text(lang, "intake_rows.added", n=len(rows), file=display_path(data_dir / name))
            for name, (_, rows, _) in new.items() if rows and name not in ("observations.csv", "sources.csv")]
    if as_of is not None:  # no selected full-year figure: nothing to assess
        out += _changes(ds0, after, as_of, T, lang)
    if readme:
        out.append(T["out_datalog"].format(readme=display_path(readme)))
    return Outcome(0, out)


class _Saying:
    """How the import says a problem: in the workbook's language, a data file's line as the workbook's cell
    when the row is one of the workbook's (else data/observations.csv:322), a column as its heading."""

    def __init__(self, lang: str, T: dict, data_dir: Path, sheets: dict):
        self.lang, self.T, self.data_dir, self.sheets = lang, T, data_dir, sheets
        self.files: dict = {}  # data file name -> (its sheet rows appended, the CsvFile)

    def place(self, at: At) -> str:
        name = Path(at.file).name
        rows, data = self.files.get(name, ([], None))
        k = _new_line(data, at.line) if data is not None else None
        if k is not None:
            sheet = self.sheets[name]
            return sheet.cell(sheet.columns[0], sheet.excel_rows[rows[k]])
        return f"{display_path(self.data_dir / name)}:{at.line}"

    def render(self, p: Located, shown: str) -> str:
        """A column a message names is said by its heading on the problem's own sheet (the figures' when
        the problem is at a data file's line)."""
        at = _row(p.where)
        sheet = next((x for x in self.sheets.values() if at and x.name == at[0]), self.sheets["observations.csv"])
        return p.render(shown, self.lang, self.place, lambda col: self.head(col, sheet))

    def head(self, col: Col, sheet: Sheet) -> str:
        """A column's heading: on the problem's sheet, or on its own file's sheet (an indicator's column named
        in a target's message), which may not be in this workbook."""
        if not col.file:
            return sheet.heading(col.name, self.T)
        if col.file in self.sheets:
            return self.sheets[col.file].heading(col.name, self.T)
        heads = i18n.catalog(self.lang).get("intake_columns", {}).get(col.file.removesuffix(".csv"), {})
        return heads.get(col.name, col.name)


def _row(where: str) -> tuple | None:
    """(sheet, row) of a workbook cell 'Sheet!C5'; None for a data file's line."""
    m = re.match(r"^(.*)!([A-Z]+)(\d+)$", where)
    return (m.group(1), m.group(3)) if m else None


def _once(problems: list[Located]) -> list[Located]:
    """One mistake, one message: a row whose key is already refused (a duplicate) is not also said to
    make two selected figures of its indicator and period."""
    dup = {_row(p.where) for p in problems if key_of(p.message) in ("duplicate_key", "duplicate_figure")}
    return [p for p in problems if not (key_of(p.message) == "many_selected" and _row(p.where) in dup - {None})]


def _refuse(shown: str, T: dict, problems: list[Located], say_as: "_Saying") -> Outcome:
    errors = [p for p in problems if p.level == "error"]
    for p in problems:
        if p.column == "source_id" and key_of(p.message) == "unknown_source" and "!" in p.where:
            p.message = Msg("unknown_source_sheet", source=p.message.values["source"], sheet=T["sheet_sources"])
        if p.column == "indicator_id" and key_of(p.message) == "unknown_indicator" and "!" in p.where:
            p.message = Msg("unknown_indicator_sheet", ind=p.message.values["ind"],
                            sheet=i18n.text(lang_of(T), "intake_rows.sheet_indicators"))
        named = {"publisher": "publishers", "producer": "producers", "chart": "charts"}.get(p.column)
        if named and "!" in p.where and key_of(p.message).startswith("unnamed_"):
            p.message = Msg("or_sheet", message=p.message, sheet=i18n.text(lang_of(T), f"intake_rows.sheet_{named}"))
    return Outcome(1, [say_as.render(p, shown) for p in sorted(problems, key=_order)] +
                   [T["out_errors"].format(file=shown, n=len(errors))])


def lang_of(T: dict) -> str:
    """The language of the workbook whose [intake] texts are T."""
    return next((lang for lang in config.LANGS if texts(lang) is T or texts(lang) == T), config.DEFAULT_LANG)


def _order(p: Located) -> tuple:
    """Sheet, then row, then column, as the analyst reads the workbook; data-file lines last."""
    m = re.match(r"^(.*)!([A-Z]+)(\d+)$", p.where)
    if not m:
        return (1, p.where, 0, 0, "")
    return (0, m.group(1), int(m.group(3)), len(m.group(2)), m.group(2))


def _new_rows(sheet: Sheet, data: CsvFile, problems: list[Located], T: dict) -> list[int]:
    """Indexes of the sheet's rows to append: those not already in the file, cell for cell."""
    existing = {tuple(row.get(c, "") for c in sheet.columns) for _, row in data.rows()}
    out = []
    for k, row in enumerate(sheet.rows):
        if tuple(row[c] for c in sheet.columns) in existing:
            continue
        for column in sheet.columns:
            if row[column] and column not in data.header:
                problems.append(Located(sheet.cell(column, sheet.excel_rows[k]), column,
                                        Msg("no_column", column=column), heading=sheet.heading(column, T)))
        data.appended.append([row.get(h, "") for h in data.header])
        out.append(k)
    return out


def _unselect(new: list[int], sheet: Sheet, data: CsvFile, today: date) -> list[dict]:
    """A new selected figure replaces the selected one of its indicator and period: that row becomes
    selected=false and its note says by what and when. Returns the replaced rows."""
    out = []
    col = {h: i for i, h in enumerate(data.header)}
    if not {"selected", "note", "indicator_id", "period", "source_id"} <= col.keys():
        return out
    for k in new:
        row = sheet.rows[k]
        if row["selected"].lower() != "true":
            continue
        for i, old in data.rows():
            if (old["indicator_id"], old["period"]) == (row["indicator_id"], row["period"]) \
                    and old["selected"].lower() == "true" and old["source_id"] != row["source_id"]:
                cells = list(data.replaced.get(i, data.records[i]))
                cells[col["selected"]] = "false"
                note = REPLACED_NOTE.format(day=today.isoformat(), source=row["source_id"])
                cells[col["note"]] = f"{cells[col['note']].rstrip()} {note}".strip()
                data.replaced[i] = cells
                out.append(old)
    return out


def _check(data_dir: Path, contents: dict[str, bytes]) -> tuple[Dataset, int | None]:
    """load() on a temporary copy of the data folder with `contents` replacing some files; and the
    default as-of year of those data."""
    with tempfile.TemporaryDirectory(prefix="import-") as tmp:
        tmp = Path(tmp)
        for name in config.DATA_FILES + config.NAME_FILES:
            if name in contents:
                (tmp / name).write_bytes(contents[name])
            elif name not in config.OPTIONAL_NAME_FILES or (data_dir / name).is_file():
                shutil.copyfile(data_dir / name, tmp / name)
        if (data_dir / "plan.toml").is_file():  # the plan's instruments, which targets.csv must name
            shutil.copyfile(data_dir / "plan.toml", tmp / "plan.toml")
        return load(tmp), latest_year(tmp)


def _new_line(data: CsvFile, line: int) -> int | None:
    """The position in data.appended of the validator's `line` (it counts records, header = 1), or None."""
    k = line - len(data.records) - 1
    return k if 0 <= k < len(data.appended) else None


def _located(ds: Dataset, data_dir: Path, new: dict, already: list[Located], standins: dict,
             malformed: bool, T: dict | None = None, pending: dict | None = None) -> list[Located]:
    """The validator's problems: at the workbook cell for appended rows, else at the data file's line
    (errors only: warnings of untouched rows were there before). With stand-ins, the first run
    (malformed=True) gives only the malformed cells' problems, the second all the others. pending: the new
    indicators whose row has a malformed cell ({id: its cell}); a figure's or target's check that needs its
    indicator's row says once that it waits for that row, never that the indicator does not exist."""
    out, seen = [], {(p.where, p.column) for p in already}
    for p in ds.problems:
        name = Path(p.file).name
        sheet, rows, data = new.get(name, (None, [], None))
        k = _new_line(data, p.line) if data is not None else None
        if standins and (k is not None and p.column in standins.get(name, {}).get(k, ())) != malformed:
            continue
        if not malformed and _about_a_standin(p, data, standins.get(name, {})):
            continue  # a stand-in's key (e.g. its made-up period) is no mistake of the analyst's
        if k is not None:
            message, column = p.message, p.column
            waits = intake_rows.waits_for(name, sheet.rows[rows[k]], p.column, pending or {})
            if waits is not None:
                message, column = waits, "indicator_id"
            where = sheet.cell(column, sheet.excel_rows[rows[k]])
            if (where, column) in seen:
                continue  # the cell's own problem is already said (e.g. a date cell read as empty)
            seen.add((where, column))
            first = message.values.get("first") if key_of(message) == "duplicate_key" else None
            if name == "observations.csv" and first is not None and _new_line(data, first.line) is None:
                row = sheet.rows[rows[k]]  # a figure of a source already given for this period: say what to do
                message = Msg("duplicate_figure", source=row["source_id"], ind=row["indicator_id"],
                              period=row["period"], first=first, sheet=(T or {}).get("sheet_sources", ""))
            out.append(Located(where, column, message, p.level, heading=sheet.heading(column, T or {})))
        elif p.level == "error":
            out.append(Located(f"{display_path(data_dir / name)}:{p.line}", p.column, p.message))
    return out


KEY_COLUMNS = {"indicator_id", "period", "source_id"}


def _about_a_standin(p, data, cells: dict[int, set[str]]) -> bool:
    """Whether a problem of the second run follows from a malformed cell rather than from a mistake of its
    own: a duplicate or a selection count on a row with a malformed cell (once corrected, the row may well
    be the one already in the data, and is then not added), or naming a row whose key is a stand-in."""
    if key_of(p.message) not in ("none_selected", "many_selected", "duplicate_key") or data is None:
        return False
    own = _new_line(data, p.line)
    if own is not None and cells.get(own):
        return True
    lines = list(p.message.values.get("lines") or [])
    return any((k := _new_line(data, at.line)) is not None and cells.get(k, set()) & KEY_COLUMNS for at in lines)


def _standins(ds: Dataset, new: dict) -> dict[str, dict[int, set[str]]]:
    """{file: {appended row: its malformed columns}} for the appended rows the reader dropped."""
    kept = {name: set(getattr(ds, name.removesuffix(".csv"))["_line"]) for name in new}
    out: dict[str, dict[int, set[str]]] = {}
    for p in ds.errors:
        name = Path(p.file).name
        if name in new and p.line not in kept[name] and p.column:
            k = _new_line(new[name][2], p.line)
            if k is not None:
                out.setdefault(name, {}).setdefault(k, set()).add(p.column)
    return out


STANDIN = {"slug": "x", "text": "x", "title": "title", "number": "1", "status": "final",
           "bool": "false", "bool_true": "true", "grade": "C", "lang": "en"}


def _with_standins(name: str, data: CsvFile, cells: dict[int, set[str]]) -> bytes:
    """The file's bytes with each listed appended cell replaced by a valid value of its type (an
    optional one emptied)."""
    from .schema import ENUMS, OPTIONAL_COLUMNS, SCHEMA

    saved = [list(row) for row in data.appended]
    for k, columns in cells.items():
        for column in columns & set(data.header):
            kind, _ = SCHEMA[name].get(column, ("text", False))
            standin = "" if column in OPTIONAL_COLUMNS[name] else STANDIN.get(kind, "")
            if not standin and column not in OPTIONAL_COLUMNS[name] and kind in ENUMS:
                standin = next(v for v in ENUMS[kind] if v)  # an allowed value keeps the row (and its id) in
            if kind == "period":  # one day each, so that stand-ins never share an indicator's period
                standin = (date(2000, 1, 1) + timedelta(days=k)).isoformat()
            data.appended[k][data.header.index(column)] = standin
    try:
        return data.encoded()
    finally:
        data.appended = saved


def _write_together(data_dir: Path, contents: dict[str, bytes]) -> None:
    """Both files or neither: each written beside itself, then both moved into place; a failed
    second move puts the first file back."""
    temps, done = {}, []
    try:
        for name, data in contents.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".import", dir=data_dir)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            temps[name] = Path(tmp)
        originals = {name: (data_dir / name).read_bytes() for name in contents}
        for name, tmp in temps.items():
            os.replace(tmp, data_dir / name)
            done.append(name)
    except BaseException:
        for name in done:
            (data_dir / name).write_bytes(originals[name])
        raise
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)


def _refresh_datalog(data_dir: Path, ds: Dataset) -> Path | None:
    from .datalog import BEGIN, END, table

    readme = data_dir / "README.md"
    if not readme.is_file():
        return None
    text = readme.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        return None
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{BEGIN}\n{table(ds)}\n{END}{tail}"
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return readme


def _summary(shown, T, lang, data_dir, figures, new_obs, sources, new_src, unselected) -> list[str]:
    out = [T["out_added"].format(file=shown, figures=len(new_obs), sources=len(new_src),
                                 observations=display_path(data_dir / "observations.csv"),
                                 sources_file=display_path(data_dir / "sources.csv"))]
    for k in new_obs:
        r = figures.rows[k]
        out.append(T["out_figure"].format(indicator=r["indicator_id"], period=r["period"],
                                          value=_value(r["value"], lang), source=r["source_id"],
                                          selected=T["out_selected"] if r["selected"].lower() == "true" else ""))
    for old in unselected:
        out.append(T["out_unselected"].format(indicator=old["indicator_id"], period=old["period"],
                                              value=_value(old["value"], lang), source=old["source_id"]))
    for k in new_src:
        out.append(T["out_source"].format(source=sources.rows[k]["source_id"], title=sources.rows[k]["title"]))
    return out


def _value(text: str, lang: str) -> str:
    try:
        return i18n.fmt_number(float(text), lang)
    except ValueError:
        return text


NOT_TRACKED = "changes.not_tracked_before"  # the changes page's word for a target the previous data lacked


def _changes(before: Dataset, after: Dataset, as_of: int, T: dict, lang: str) -> list[str]:
    """Every target whose status or flags differ, before → after, at the same as-of year."""
    from ..engine.scorecards import scorecards

    a = {r["target_id"]: r for r in scorecards(before, as_of).to_dict("records")}
    b = {r["target_id"]: r for r in scorecards(after, as_of).to_dict("records")}
    wording = {t["target_id"]: (lang == "en" and t.get("wording_en")) or t["wording_vi"]
               for t in after.targets.to_dict("records")}
    # The analyst reads the indicator's name, not the target's id.
    names = after.indicators.set_index("indicator_id")[f"name_{lang}"]
    title = {t["target_id"]: names.get(t["indicator_id"], t["target_id"]) for t in after.targets.to_dict("records")}
    out = []
    for target, new in b.items():
        old = a.get(target)
        if old is None:  # a target the workbook added: not tracked before, assessed now
            out.append(T["out_change"].format(target=title.get(target, target), wording=wording.get(target, ""),
                                              before=i18n.text(lang, NOT_TRACKED),
                                              after=i18n.status_name(new["status"], lang)))
            continue
        flags = (_flags(old["flags"], T, lang), _flags(new["flags"], T, lang))
        if old["status"] == new["status"] and flags[0] == flags[1]:
            continue
        out.append(T["out_change"].format(target=title.get(target, target), wording=wording.get(target, ""),
                                          before=i18n.status_name(old["status"], lang),
                                          after=i18n.status_name(new["status"], lang)))
        if flags[0] != flags[1]:
            out.append(T["out_flags"].format(before=flags[0], after=flags[1]))
    if not out:
        return [T["out_no_change"].format(year=as_of)]
    return [T["out_changes"].format(year=as_of)] + out


def _flags(flags, T: dict, lang: str) -> str:
    names = [f for f in re.split(r"[;,\s]+", str(flags or "")) if f]
    if not names:
        return T["out_no_flags"]
    return "; ".join(f"{i18n.FLAG_MARKS.get(f, '')} {i18n.FLAG_NAMES[lang].get(f, f)}".strip() for f in names)
