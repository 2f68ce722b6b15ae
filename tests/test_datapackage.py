"""data/datapackage.json (Frictionless) and the project's own validator stay in step: the same columns,
required flags and allowed values; both accept the curated data and both reject the same corruptions."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import DATA_UNDER_TEST
from frictionless import validate

from analysis import config
from analysis.data import dataset
from analysis.data.schema import ENUMS, SCHEMA

PACKAGE = DATA_UNDER_TEST / "datapackage.json"
TYPES = {"number": "number", "year": "integer", "bool": "boolean", "bool_true": "boolean", "whole": "integer"}  # every other column type is a string


def fields_of(resource: str) -> list[dict]:
    pkg = json.loads(PACKAGE.read_text("utf-8"))
    return next(r for r in pkg["resources"] if r["name"] == resource)["schema"]["fields"]


def test_the_curated_data_are_a_valid_package():
    report = validate(str(PACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("name", config.DATA_FILES + config.NAME_FILES)
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
    ("sources.csv", "publisher", "a publisher publishers.csv does not name", "foreign-key"),
    ("observations.csv", "producer", "a producer producers.csv does not name", "foreign-key"),
    ("indicators.csv", "chart", "no_such_chart", "foreign-key"),
])
def test_both_reject_a_corrupted_copy(real_data_copy, name, column, value, error):
    corrupt(real_data_copy, name, 2, column, value)
    report = validate(str(real_data_copy / "datapackage.json"))
    assert not report.valid
    found = report.flatten(["rowNumber", "type"])
    assert [2, error] in found, found
    problems = [p for p in dataset.load(real_data_copy).errors if p.file.endswith(name) and p.line == 2]
    assert [p.column for p in problems] == [column]


def readme_columns(readme: str, path: str) -> list[str]:
    """The columns data/README.md lists for one file: the `names` of its row in the files table (for
    translations/vi.csv, the rows of its own table), in order, each once."""
    if path == "translations/vi.csv":
        section = readme.split("## Vietnamese text", 1)[1].split("\n## ", 1)[0]
        return [m for m in re.findall(r"^\| `([a-z_]+)` \|", section, re.M)]
    row = next(line for line in readme.splitlines() if line.startswith(f"| `{path}` |"))
    cells = row.split("|")[2]
    return list(dict.fromkeys(re.findall(r"(?:^\s*|, )`([a-z_]+)`", cells)))


def test_readme_lists_every_column_of_every_file_of_the_package():
    """data/README.md and datapackage.json name the same columns in the same order (F8: the list had stopped
    at `note`); each column in the files table is named before any explanation of it."""
    readme = (DATA_UNDER_TEST / "README.md").read_text("utf-8")
    pkg = json.loads(PACKAGE.read_text("utf-8"))
    for resource in pkg["resources"]:
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert readme_columns(readme, resource["path"]) == fields, resource["path"]


def test_readme_columns_are_read_as_a_reader_reads_them():
    readme = "| file | columns |\n|---|---|\n| `a.csv` | `x`, `y` (e.g. `z`, or `w`), `v` |\n"
    assert readme_columns(readme, "a.csv") == ["x", "y", "v"]
