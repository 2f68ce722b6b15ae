"""The intake workbook's sheets for rows new to the data's other files: a publisher, a producer, a context chart,
an indicator, a target. Each sheet has every column its file has in datapackage.json, in that order (a column
added to the package appears here with no code change: headed by its name and prompted by its description until
the catalogs' [intake_columns] and [intake_tips] word it). make import checks their rows with the validator, with
the figures and sources, and writes every file or none (importer.py).
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import config, i18n
from .messages import Msg
from .schema import ENUMS, SCHEMA

# In the order a row may name the ones before it: a publisher before its source, an indicator before its target.
NEW_ROW_FILES = ("publishers.csv", "producers.csv", "acronyms.csv", "charts.csv", "indicators.csv", "targets.csv")
BOOLS = ("bool", "bool_true")


def package_columns(data_dir: Path, name: str) -> list[dict]:
    """The fields of one file in the folder's datapackage.json ({name, description}); the validator's columns
    when the package does not list the file."""
    try:
        pkg = json.loads((Path(data_dir) / "datapackage.json").read_text("utf-8"))
        fields = next(r for r in pkg["resources"] if r.get("path") == name)["schema"]["fields"]
        return [{"name": f["name"], "description": f.get("description", "")} for f in fields]
    except (OSError, ValueError, StopIteration, KeyError):
        return [{"name": c, "description": ""} for c in SCHEMA.get(name, {})]


def sheets(data_dir: Path, lang: str) -> list[dict]:
    """One dict per new-row sheet: file, sheet name, columns, headings, prompts."""
    cat = i18n.catalog(lang)
    ids = _instrument_ids(data_dir)
    out = []
    for name in NEW_ROW_FILES:
        if name in config.OPTIONAL_NAME_FILES and not (Path(data_dir) / name).is_file():
            continue  # a folder without the file (it may leave it out) gets no sheet for it
        stem = name.removesuffix(".csv")
        fields = package_columns(data_dir, name)
        heads = cat.get("intake_columns", {}).get(stem, {})
        tips = cat.get("intake_tips", {}).get(stem, {})
        out.append({"file": name, "sheet": cat["intake_rows"][f"sheet_{stem}"],
                    "columns": tuple(f["name"] for f in fields),
                    "heads": [heads.get(f["name"], f["name"]) for f in fields],
                    "tips": {f["name"]: tips.get(f["name"], f["description"]).replace("[instruments]", ids)
                             for f in fields}})
    return out


def _instrument_ids(data_dir: Path) -> str:
    """The plan's instrument ids, for the prompt of a new target's instrument (the analyst cannot see plan.toml)."""
    from .plan_identity import read

    plan, _ = read(data_dir)
    return ", ".join(plan.ids) if plan is not None and plan.ids else "—"


def choices(name: str, column: str, refs: dict) -> tuple | None:
    """The drop-down of a column: (list or range, strict) from its type's allowed values, or the ids of the
    data (refs: column -> range formula) where a new one may also be typed."""
    kind = SCHEMA.get(name, {}).get(column, ("text", False))[0]
    if kind in ENUMS and column != "role":
        return [v for v in ENUMS[kind] if v], True
    if column == "role":
        return [v for v in ENUMS["role"] if v], True
    if kind in BOOLS:
        return ["true", "false"], True
    if column in refs and name != "charts.csv":
        return refs[column], False
    return None


def number_columns(name: str) -> set[str]:
    return {c for c, (kind, _) in SCHEMA.get(name, {}).items() if kind in ("number", "year", "whole")}


# The checks of a new figure or target that need its indicator's row: that the indicator exists, and its kind,
# bounds and direction. While a new indicator's row has a mistake, they wait for it (make import).
ON_INDICATOR = {"observations.csv": {"indicator_id", "value", "out_of"},
                "targets.csv": {"indicator_id", "target_value", "comparator", "target_year"}}


def pending_indicators(new: dict, standins: dict) -> dict[str, str]:
    """{indicator_id: its workbook cell} of the workbook's new indicator rows that have a malformed cell.
    new: data file -> (sheet, its appended rows, the file); standins: data file -> {appended row: columns}."""
    sheet, rows, _ = new.get("indicators.csv", (None, [], None))
    out = {}
    for k in standins.get("indicators.csv", {}):
        ind = sheet.rows[rows[k]].get("indicator_id", "")
        if ind:
            out.setdefault(ind, sheet.cell("indicator_id", sheet.excel_rows[rows[k]]))
    return out


def waits_for(name: str, row: dict, column: str, pending: dict[str, str]) -> Msg | None:
    """The message replacing a problem of a new figure or target (row, in data file `name`) that follows from
    its new indicator's row being wrong; None when the problem is the row's own."""
    ind = row.get("indicator_id", "")
    if ind in pending and column in ON_INDICATOR.get(name, ()):
        return Msg("waits_indicator", ind=ind, cell=pending[ind])
    return None
