"""The explore-one-indicator notebook's tables: headings in the edition's language, each figure's grade,
the report's default edition year, and a warning that names an indicator without figures."""
from __future__ import annotations

import pytest

from analysis.data import dataset
from analysis.editions import explore
from conftest import INDICATORS, write_dataset


@pytest.fixture
def ds(tmp_path):
    return dataset.raise_for_errors(dataset.load(write_dataset(tmp_path / "data")))


def test_the_default_year_is_the_latest_the_data_reach(ds):
    # The fixture's latest selected full-year figure: relations, 2025-09-16.
    assert explore.edition_year(ds) == 2025
    assert explore.edition_year(ds, 2024) == 2024


def test_vi_headings_are_vietnamese_and_the_grade_is_shown(ds):
    ds.observations["grade"] = ["A", "B", "C", "B", "A", "A"]
    table = explore.observation_rows(ds, "gii_rank", "vi")
    assert list(table.columns) == ["Kỳ", "Giá trị", "Tình trạng số liệu", "Dùng", "Một phần năm",
                                   "Số liệu gần đúng (phạm vi khác chỉ tiêu)", "Loại nguồn (A, B, C)",
                                   "Cơ quan công bố", "Trích dẫn", "Ghi chú"]
    assert table["Loại nguồn (A, B, C)"].tolist() == ["A", "B", "C"]
    assert table["Tình trạng số liệu"].tolist() == ["chính thức"] * 3
    series = explore.series_rows(explore.series(ds, "gii_rank", 2025), "vi")
    assert list(series.columns) == ["Năm", "Giá trị", "Tình trạng số liệu", "Loại nguồn (A, B, C)",
                                    "Cơ quan công bố"]
    assert series["Loại nguồn (A, B, C)"].tolist() == ["A", "B", "C"]


def test_an_indicator_without_figures_is_named_in_the_warning(tmp_path):
    # Every column of the header, the optional upper_bound, breaks and comparable empty.
    indicators = INDICATORS + "innov,society_science,Tỷ lệ đổi mới,Innovating share,%,%,share,true,context,,,,,,,,\n"
    ds = dataset.raise_for_errors(dataset.load(write_dataset(tmp_path / "data", indicators=indicators)))
    assert explore.series(ds, "innov", 2025).empty
    assert explore.no_figure(ds, "innov", "vi", 2025) == \
        "Chưa có số liệu nào cho chỉ tiêu “Tỷ lệ đổi mới” (innov) tính đến năm 2025."
    assert explore.no_figure(ds, "innov", "en", 2025) == "No figure yet for the indicator “Innovating share” (innov) up to 2025."
    assert explore.chart(ds, explore.series(ds, "innov", 2025), "innov", "vi", tmp_path) is None


def test_an_unknown_indicator_is_named_with_the_known_ones(ds):
    with pytest.raises(ValueError, match="unknown indicator_id 'nope'; expected one of: fdi_share, gii_rank, relations"):
        explore.observation_rows(ds, "nope", "vi")
    with pytest.raises(ValueError, match="unknown indicator_id 'nope'"):  # not a KeyError from the warning
        explore.no_figure(ds, "nope", "vi", 2025)


def test_the_targets_table_says_met_in_words(ds):
    table = explore.target_rows(ds, "gii_rank", "en", 2025)
    col = table.columns[0]
    # GII 50 (2023) against ≤ 40 by 2030: not met, 10 places to go.
    assert (table.loc["Target", col], table.loc["Latest", col], table.loc["Latest year", col]) == \
        ("≤ 40 (2030)", "50", "2023")
    assert table.loc["Target met", col] == "no"
