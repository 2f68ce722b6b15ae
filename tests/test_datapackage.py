"""data/datapackage.json (Frictionless) and the project's own validator stay in step: the same columns,
required flags and allowed values; both accept the curated data and both reject the same corruptions."""
from __future__ import annotations

import csv
import io
import json

import pytest
from frictionless import validate

from analysis import config
from analysis.data import dataset
from analysis.data.schema import ENUMS, SCHEMA

PACKAGE = config.DATA_DIR / "datapackage.json"
TYPES = {"number": "number", "year": "integer", "bool": "boolean", "bool_true": "boolean", "whole": "integer"}  # every other column type is a string


def fields_of(resource: str) -> list[dict]:
    pkg = json.loads(PACKAGE.read_text("utf-8"))
    return next(r for r in pkg["resources"] if r["name"] == resource)["schema"]["fields"]


def test_the_curated_data_are_a_valid_package():
    report = validate(str(PACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("name", config.DATA_FILES)
def test_package_fields_are_the_validators_columns(name):
    fields = fields_of(name.removesuffix(".csv"))
    schema = SCHEMA[name]
    assert [f["name"] for f in fields] == list(schema)
    for f in fields:
        kind, required = schema[f["name"]]
        assert f["type"] == TYPES.get(kind, "string"), f["name"]
        assert f.get("constraints", {}).get("required", False) == required, f["name"]
        if kind in ENUMS:
            assert f["constraints"]["enum"] == [v for v in ENUMS[kind] if v], f["name"]
        assert f["description"], f["name"]


def corrupt(folder, name: str, line: int, column: str, value: str) -> None:
    """Set one cell of a CSV file (line as a spreadsheet numbers it), keeping every other line as it was."""
    path = folder / name
    lines = path.read_text("utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    row = next(csv.reader([lines[line - 1]]))
    row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    lines[line - 1] = out.getvalue()
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("name, column, value, error", [
    ("observations.csv", "indicator_id", "no_such_indicator", "foreign-key"),
    ("targets.csv", "source_id", "no-such-source", "foreign-key"),
    ("indicators.csv", "kind", "ratio", "constraint-error"),
    ("targets.csv", "comparator", "≥", "constraint-error"),
    ("observations.csv", "status", "provisional", "constraint-error"),
    ("observations.csv", "qualifier", "about", "constraint-error"),
    ("observations.csv", "selected", "yes", "type-error"),
    ("observations.csv", "grade", "D", "constraint-error"),
    ("observations.csv", "grade", "", "constraint-error"),
    ("observations.csv", "out_of", "0", "constraint-error"),
    ("indicators.csv", "comparable", "yes", "type-error"),
    ("indicators.csv", "breaks", "2018,2021", "constraint-error"),
    ("indicators.csv", "upper_bound", "195 states", "type-error"),
])
def test_both_reject_a_corrupted_copy(real_data_copy, name, column, value, error):
    corrupt(real_data_copy, name, 2, column, value)
    report = validate(str(real_data_copy / "datapackage.json"))
    assert not report.valid
    found = report.flatten(["rowNumber", "type"])
    assert [2, error] in found, found
    problems = [p for p in dataset.load(real_data_copy).errors if p.file.endswith(name) and p.line == 2]
    assert [p.column for p in problems] == [column]
