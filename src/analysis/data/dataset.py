"""Read the four curated CSV files into typed tables, collecting every problem with its place.

Problems are located as a spreadsheet shows them: the header is line 1, the first record
line 2. Nothing here raises on bad input; `load()` returns the problems and the caller
decides (the CLI prints them all and exits non-zero). The columns and their types are schema.py.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date
from pathlib import Path

import pandas as pd

from .. import config
from . import plan_identity
from .messages import Col, Msg
from .schema import ADDED_COLUMNS, ENUMS, OPTIONAL_COLUMNS, SCHEMA, Dataset, Problem, display_path, parse_period

SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
YEARS = re.compile(r"^\d{4}(;\d{4})*$")
MONTHS = re.compile(r"^(1[0-2]|[1-9])(;(1[0-2]|[1-9]))*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LOOKALIKE_COMPARATORS = {"≥": ">=", "≤": "<=", "=>": ">=", "=<": "<=", "＞": ">", "＜": "<"}


NUMBER_IN_WORDS = re.compile(r"-?\d+(?:[.,]\d+)?")


def _check_number(text: str) -> Msg | None:
    """None if `text` is a plain number; else what is wrong, in words an analyst can act on."""
    if NUMBER.match(text):
        return None
    if re.match(r"^-?\d{1,3}([.,]\d{3})+$", text):
        return Msg("number_thousands", text=text, plain=re.sub(r"[.,]", "", text))
    if re.match(r"^-?\d+,\d+$", text):
        return Msg("number_comma", text=text, dotted=text.replace(",", "."))
    found = NUMBER_IN_WORDS.findall(text)
    if len(found) == 1 and re.search(r"[^\d\s.,-]", text):  # 'about 40', '> 40', '40th': a number with words
        return Msg("number_words", text=text, number=found[0], qualifier=Col("qualifier"))
    return Msg("number", text=text)


# A date a spreadsheet rewrote in its regional order on saving: 16/09/2025, 16.09.2025, 16-09-25, 09/2025.
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")
MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{4})$")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _spreadsheet_date(text: str) -> Msg | None:
    """The cause and the fix of a date saved by a spreadsheet in day/month/year (or month/day/year,
    month/year) order, as dataset files take only ISO dates; None when `text` is not such a date."""
    m = MONTH_YEAR.match(text)
    if m and 1 <= int(m[1]) <= 12:
        return Msg("date_month_year", text=text, iso=f"{m[2]}-{int(m[1]):02d}")
    m = DAY_MONTH_YEAR.match(text)
    if not m:
        return None
    a, b, year = int(m[1]), int(m[3]), int(m[4])
    two_digits = len(m[4]) == 2
    if two_digits:
        year += 2000  # the data start after 2000; a two-digit year is this century's
    day_first, month_first = _iso(year, b, a), _iso(year, a, b)
    if day_first:
        other = Msg("date_or_month_first", iso=month_first) if month_first and month_first != day_first else ""
        return Msg("date_day_month_year2" if two_digits else "date_day_month_year", text=text, iso=day_first,
                   other=other)
    if month_first:
        return Msg("date_month_day_year2" if two_digits else "date_month_day_year", text=text, iso=month_first)
    return Msg("date_no_such_day", text=text)


def _check_cell(kind: str, text: str) -> Msg | None:
    if kind == "text":
        return None
    if kind == "title":
        return None if re.search(r"\w{2,}", text) else Msg("title", text=text)
    if kind == "slug":
        return None if SLUG.match(text) else Msg("slug", text=text)
    if kind == "number":
        return _check_number(text)
    if kind == "year":
        return None if re.match(r"^\d{4}$", text) else Msg("year", text=text)
    if kind == "whole":
        return None if re.match(r"^[1-9]\d*$", text) else Msg("whole", text=text)
    if kind == "years":
        return None if YEARS.match(text) else Msg("years", text=text)
    if kind == "months":
        return None if MONTHS.match(text) else Msg("months", text=text)
    if kind in ("bool", "bool_true"):
        return None if text.lower() in ("true", "false") else Msg("bool", text=text)
    if kind == "date":
        if DATE.match(text) and parse_period(text):
            return None
        return _spreadsheet_date(text) or Msg("date", text=text)
    if kind == "period":
        parsed = parse_period(text)
        if parsed and not 1900 <= parsed[0] <= 2100:  # the analysis's dates span 1677-2262; the data, far less
            return Msg("period_century", text=text)
        return None if parsed else (_spreadsheet_date(text) or Msg("period", text=text))
    if kind == "url":
        return None if re.match(r"^https?://\S+$", text) else Msg("url", text=text)
    if kind == "lang":
        return None if re.match(r"^[a-z]{2}$", text) else Msg("lang", text=text)
    if kind == "comparator" and text in LOOKALIKE_COMPARATORS:
        return Msg("comparator", text=text, comparator=LOOKALIKE_COMPARATORS[text])
    if kind in ENUMS:
        allowed = ENUMS[kind]
        if text in allowed:
            return None
        return Msg("one_of", text=text, allowed=[a if a else Msg("empty_choice") for a in allowed])
    raise ValueError(f"unknown column type {kind}")  # a bug in SCHEMA, not in the data


def read_table(path: Path, name: str) -> tuple[pd.DataFrame, list[Problem], bool]:
    """Read one CSV into a typed DataFrame with a `_line` column; never raises on bad content.

    The flag is True when the file could not be read at all (then the frame is empty)."""
    schema = SCHEMA[name]
    shown = display_path(path)
    empty = pd.DataFrame(columns=[*schema, "_line"])
    problems: list[Problem] = []

    def problem(line: int, column: str, message: str, level: str = "error") -> None:
        problems.append(Problem(shown, line, column, message, level))

    if not path.is_file():
        problem(0, "", f"file not found; expected the CSV file {name} in {display_path(path.parent)}")
        return empty, problems, True
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Excel's "CSV UTF-8" is fine
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem(line, "", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                          "save it as 'CSV UTF-8 (comma delimited)'")
        return empty, problems, True
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problem(1, "", f"the file is empty; expected a header row: {','.join(schema)}")
        return empty, problems, True

    rows = list(csv.reader(io.StringIO(text)))
    header = [h.strip() for h in rows[0]]
    if len(header) == 1 and ";" in header[0]:
        problem(1, "", "the file is ';'-separated (a spreadsheet's regional setting); "
                       "expected ',' — save it as 'CSV UTF-8 (comma delimited)'")
        return empty, problems, True
    required = [c for c in schema if c not in OPTIONAL_COLUMNS[name]]
    added = ADDED_COLUMNS.get(name, {})
    missing = [c for c in required if c not in header]
    if missing:
        if not set(header) & set(schema):
            problem(1, "", f"no header row found (first line is '{','.join(rows[0])[:60]}'); "
                           f"expected the header: {','.join(schema)}")
            return empty, problems, True
        for col in (c for c in missing if c in added):
            problem(1, col, f"missing column (the file predates it); add a '{col}' column, required on "
                            f"every row: {added[col]}")
        older = [c for c in missing if c not in added]
        if older:
            problem(1, "", f"missing column(s) {', '.join(older)}; expected the header: {','.join(schema)}")
        return empty, problems, True
    for col in header:
        if col not in schema:
            problem(1, col, "unknown column, ignored by the analysis", "warning")
    dupes = sorted({c for c in header if header.count(c) > 1})
    if dupes:
        problem(1, "", f"duplicate column(s) {', '.join(dupes)}")
        return empty, problems, True

    records = []
    for i, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank lines (e.g. trailing ones from a spreadsheet) carry nothing
        if len(row) != len(header):
            problem(i, "", f"found {len(row)} fields, expected {len(header)} as in the header "
                           "(a comma inside a value needs double quotes; numbers take '.' as the decimal mark)")
            continue
        cells = {h: c.strip() for h, c in zip(header, row)}
        ok = True
        for col, (kind, needed) in schema.items():
            value = cells.get(col, "")
            if value == "":
                if needed:
                    problem(i, col, Msg("required"))
                    ok = False
                continue
            msg = _check_cell(kind, value)
            if msg:
                problem(i, col, msg)
                ok = False
        if ok:
            records.append({**{c: cells.get(c, "") for c in schema}, "_line": i})

    df = pd.DataFrame.from_records(records, columns=[*schema, "_line"])
    for col, (kind, _) in schema.items():
        if kind == "number":
            df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)  # an optional empty cell: NaN
        elif kind == "year" and schema[col][1]:
            df[col] = pd.to_numeric(df[col]).astype(int)
        elif kind == "year":  # an optional year (period_start): empty is missing
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        elif kind == "whole":
            df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)  # empty: NaN
        elif kind in ("bool", "bool_true"):
            # bool_true: an empty cell means true (e.g. comparable)
            df[col] = df[col].str.lower().map({"true": True, "false": False, "": kind == "bool_true"}).astype(bool)
    if "target_type" in df:
        df["target_type"] = df["target_type"].replace("", "level")  # the default type
    df["_line"] = df["_line"].astype(int)
    return df, problems, False


def load(data_dir: str | Path | None = None, names: bool = True) -> Dataset:
    """Load and validate the four files and the names files. Check `.errors` before trusting the tables.

    names=False reads the four files only (an earlier revision of the data, from before the names files, read
    for its figures): no name is checked, and the names i18n prints stay those of the folder loaded before."""
    from . import names as data_names
    from .plan import read as read_plan
    from .validate import check_content

    data_dir = config.resolve_data_dir(data_dir)
    checked = _checked_by_build(data_dir)
    if checked is not None:
        data_names.install(checked)  # the names i18n prints are per process: the notebook's kernel needs them too
        return checked
    tables, problems, broken = {}, [], set()
    for name in config.DATA_FILES + (config.NAME_FILES if names else ()):
        if name in config.OPTIONAL_NAME_FILES and not (data_dir / name).is_file():
            continue  # left out: none of its words is printed (the Dataset's empty default)
        df, probs, unreadable = read_table(data_dir / name, name)
        tables[name.removesuffix(".csv")] = df
        problems += probs
        if unreadable:
            broken.add(name.removesuffix(".csv"))
    # Each target's source date, for the engine's met_before_set flag (a derived column, not in the file).
    published = dict(zip(tables["sources"]["source_id"], tables["sources"]["published"]))
    tables["targets"]["source_published"] = tables["targets"]["source_id"].map(published).fillna("").astype(object)
    front_matter, plan_problems = read_plan(data_dir)
    plan, identity_problems = plan_identity.read(data_dir)
    if plan is not None and "targets" not in broken and "instrument" in tables["targets"]:
        identity_problems += plan_identity.check_targets(plan, tables["targets"], display_path(data_dir / "targets.csv"))
    ds = Dataset(**tables, data_dir=data_dir, problems=problems + plan_problems + identity_problems, broken=broken,
                 front_matter=front_matter, plan=plan)
    ds.problems += check_content(ds)
    if names:
        ds.problems += data_names.check(ds)
        data_names.install(ds)
    return split_unscored(ds)


def _checked_by_build(data_dir: Path) -> Dataset | None:
    """In a report build's notebook: the data set the build process has just loaded and checked, with
    the edition's numbers (editions/pipeline.py sets config.CHECKED_DATA_ENV), when it is of data_dir;
    each edition then neither reads nor checks the files again. None anywhere else."""
    import os
    import pickle

    path = os.environ.get(config.CHECKED_DATA_ENV)
    if not path or not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        ds = pickle.load(f)
    return ds if Path(ds.data_dir) == Path(data_dir) else None


def split_unscored(ds: Dataset) -> Dataset:
    """Set apart the targets whose instrument is empty: a target no resolution can be named for is not scored."""
    t = ds.targets
    named = t["instrument"].fillna("").astype(str).str.strip() != "" if "instrument" in t else pd.Series(True, index=t.index)
    ds.unscored = t[~named].reset_index(drop=True)
    ds.targets = t[named].reset_index(drop=True)
    return ds


class DataError(Exception):
    """The data files have errors; the message lists each as file:line: column: message."""


def raise_for_errors(ds: Dataset) -> Dataset:
    """For notebooks: stop with every located problem instead of computing on bad data."""
    if ds.errors:
        raise DataError(f"{len(ds.errors)} problem(s) in the data files:\n" + "\n".join(str(p) for p in ds.errors))
    return ds


def fingerprint(data_dir: Path) -> str:
    """The data's fingerprint, printed in each edition and kept in its record: a hash of the four files and of
    the names files present."""
    h = hashlib.sha256()
    for name in config.DATA_FILES + config.NAME_FILES:
        if name in config.DATA_FILES or (data_dir / name).is_file():
            h.update(name.encode() + b"\0" + (data_dir / name).read_bytes())
    return h.hexdigest()[:12]
