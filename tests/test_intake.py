"""The intake workbook: the sheets, typed cells and drop-downs an analyst fills in, in the chosen language."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from analysis import i18n
from analysis.__main__ import main
from analysis.data.dataset import load
from analysis.data.intake import FIGURE_COLUMNS, SOURCE_COLUMNS, write_intake


@pytest.fixture
def workbook(data_dir, tmp_path):
    def make(lang: str):
        path = write_intake(load(data_dir), tmp_path / f"intake-{lang}.xlsx", lang)
        return load_workbook(path), i18n.catalog(lang)["intake"]
    return make


def column_format(ws, index: int) -> str:
    """The number format of a whole column (openpyxl merges neighbouring columns of one style)."""
    return next(d.number_format for d in ws.column_dimensions.values() if d.min <= index <= d.max)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sheets_and_headings_come_from_the_catalog(workbook, lang):
    wb, T = workbook(lang)
    new_rows = [i18n.text(lang, f"intake_rows.sheet_{n}") for n in ("publishers", "producers", "charts",
                                                                    "indicators", "targets")]
    assert wb.sheetnames == [T["sheet_instructions"], T["sheet_figures"], T["sheet_sources"], *new_rows,
                             T["sheet_indicators"], T["sheet_known_sources"], T["sheet_lists"]]
    figures, sources = wb[T["sheet_figures"]], wb[T["sheet_sources"]]
    assert [c.value for c in figures[1]] == [T[f"fig_{c}"] for c in FIGURE_COLUMNS]
    assert [c.value for c in sources[1]] == [T[f"src_{c}"] for c in SOURCE_COLUMNS]
    assert wb[T["sheet_instructions"]]["A3"].value == T["instructions"][0]


def test_the_vietnamese_workbook_reads_in_vietnamese(workbook):
    wb, _ = workbook("vi")
    assert wb.sheetnames[:3] == ["Hướng dẫn", "Số liệu mới", "Nguồn mới"]
    assert wb["Số liệu mới"]["C1"].value == "Giá trị"


def test_every_observation_column_has_a_cell_in_the_figures_sheet():
    from analysis.data.schema import SCHEMA

    assert sorted(FIGURE_COLUMNS) == sorted(SCHEMA["observations.csv"])
    assert list(SOURCE_COLUMNS) == list(SCHEMA["sources.csv"])


def test_periods_and_source_dates_are_text_cells_values_number_cells(workbook):
    wb, T = workbook("en")
    figures, sources = wb[T["sheet_figures"]], wb[T["sheet_sources"]]
    assert column_format(figures, 2) == "@"  # period
    assert column_format(figures, 3) == "General"  # value
    assert column_format(sources, 4) == "@"  # published
    assert column_format(sources, 5) == "@"  # accessed
    assert column_format(sources, 6) == "@"  # url: text too
    rules = {str(dv.sqref): dv for dv in figures.data_validations.dataValidation}
    assert rules["B2:B501"].type == "custom"
    assert rules["B2:B501"].formula1 == "OR(LEN(B2)=4,LEN(B2)=7,LEN(B2)=10)"
    assert rules["C2:C501"].type == "decimal"
    assert rules["E2:E501"].type == "whole"


def test_drop_downs(workbook):
    wb, T = workbook("en")
    rules = {str(dv.sqref): dv for dv in wb[T["sheet_figures"]].data_validations.dataValidation}
    assert rules["A2:A501"].formula1 == "'Indicators (read-only)'!$A$2:$A$4"  # the three indicators
    assert rules["F2:F501"].formula1 == '"final,estimate,forecast"'
    assert rules["G2:G501"].formula1 == '"true,false"'
    assert rules["K2:K501"].formula1 == '"A,B,C"'
    assert rules["H2:H501"].formula1 == "'Sources (read-only)'!$A$2:$A$3"  # s1, s2
    assert not rules["H2:H501"].showErrorMessage  # a new source's id may be typed in
    assert not rules["A2:A501"].showErrorMessage  # a new indicator (sheet of new indicators) may be typed in


def test_reference_sheets_show_each_indicator_with_its_latest_selected_figure_and_are_protected(workbook):
    wb, T = workbook("en")
    ind = wb[T["sheet_indicators"]]
    rows = [[c.value for c in row] for row in ind.iter_rows(min_row=2)]
    # By hand from the fixture: gii_rank's latest selected figure is 2023 (50, s2), fdi_share's 2024
    # (19.5, s1), relations' the count of 2025-09-16 (194, s1).
    assert [(r[0], r[2], r[5], r[6], r[7]) for r in rows] == [
        ("gii_rank — GII rank", "rank", "2023", 50, "s2"),
        ("fdi_share — Share", "%", "2024", 19.5, "s1"),
        ("relations — Relations", "countries", "2025-09-16", 194, "s1")]
    known = wb[T["sheet_known_sources"]]
    assert [c.value for c in known["A"]][1:] == ["s1", "s2"]
    assert ind.protection.sheet and known.protection.sheet and wb[T["sheet_instructions"]].protection.sheet
    assert not wb[T["sheet_figures"]].protection.sheet and not wb[T["sheet_sources"]].protection.sheet


def test_vietnamese_units_in_the_vietnamese_workbook(workbook):
    wb, T = workbook("vi")
    assert [c.value for c in wb[T["sheet_indicators"]]["C"]][1:] == ["hạng", "%", "quốc gia"]


def test_cli_writes_the_workbook_and_refuses_an_unknown_language(data_dir, tmp_path, capsys):
    out = tmp_path / "x" / "intake.xlsx"
    assert main(["intake", "--data", str(data_dir), "--out", str(out), "--lang", "en"]) == 0
    assert load_workbook(out).sheetnames[1] == "New figures"
    assert main(["intake", "--data", str(data_dir), "--out", str(tmp_path / "y.xlsx"), "--lang", "fr"]) == 2
    assert "unknown lang 'fr'" in capsys.readouterr().err
    assert not (tmp_path / "y.xlsx").exists()


def test_cli_refuses_data_with_errors(data_dir, tmp_path, capsys):
    obs = data_dir / "observations.csv"
    obs.write_text(obs.read_text().replace("gii_rank,2019,61", "gii_rank,2019,abc"))
    assert main(["intake", "--data", str(data_dir), "--out", str(tmp_path / "i.xlsx")]) == 1
    assert "observations.csv:2: value: found 'abc'" in capsys.readouterr().err
