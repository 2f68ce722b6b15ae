"""Targets that are not levels (docs/methodology.md, rules C1-C6 and G1-G4): every row of the worked-examples
table, with the values typed in from the table, and the edge cases. Small hand-made datasets only."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.engine.progress import scorecard

TARGET = 5475.0  # thousand visits over 2026-2030


def obs(points: dict, ind="x") -> pd.DataFrame:
    return pd.DataFrame([dict(indicator_id=ind, period=str(y), value=float(v), qualifier="", grade="B",
                              out_of=math.nan, selected=True, partial=False, producer="P", proxy=False,
                              source_id="s") for y, v in points.items()])


def kinds(kind="count") -> pd.DataFrame:
    return pd.DataFrame([dict(indicator_id="x", kind=kind, upper_bound=math.nan, breaks="", comparable=True)])


def row(points, ttype, comparator, target, as_of, period_start=2026, target_year=2030, kind="count") -> dict:
    tg = pd.DataFrame([dict(target_id="T", indicator_id="x", comparator=comparator, target_value=float(target),
                            target_year=target_year, target_type=ttype, period_start=period_start,
                            source_published="")])
    return scorecard(obs(points), tg, kinds(kind), as_of).iloc[0].to_dict()


def flags(r) -> list[str]:
    return r["flags"].split(";") if r["flags"] else []


def nan(x) -> bool:
    return x is None or x != x


# ---------------------------------------------------------------------------------------------------
# The worked-examples table, row by row
# ---------------------------------------------------------------------------------------------------

def test_table_cumulative_row_1_period_not_started():
    # 2024: 700, 2025: 766, as of 2025: C = 0, s = 66, flows 832 ... 1096, Ptot = 4820, R = 0.8804,
    # moderate_progress, low_evidence, required 1095 a year.
    r = row({2024: 700, 2025: 766}, "cumulative", ">=", TARGET, 2025)
    assert r["total_so_far"] == 0
    assert r["pace_actual"] == pytest.approx(66)
    assert r["total_projected"] == pytest.approx(4820)
    assert r["ratio"] == pytest.approx(0.8804, abs=5e-5)
    assert r["status"] == "moderate_progress"
    assert flags(r) == ["low_evidence"]
    assert r["flow_required"] == pytest.approx(1095)


def test_table_cumulative_row_2_on_track():
    # 2025: 766, 2026: 1000, 2027: 1100, as of 2027: C = 2100, s = 167, Ptot = 6402, R = 1.1693, on_track,
    # required 1125 a year.
    r = row({2025: 766, 2026: 1000, 2027: 1100}, "cumulative", ">=", TARGET, 2027)
    assert r["total_so_far"] == 2100
    assert r["pace_actual"] == pytest.approx(167)
    assert r["total_projected"] == pytest.approx(6402)
    assert r["ratio"] == pytest.approx(1.1693, abs=5e-5)
    assert r["status"] == "on_track"
    assert flags(r) == []
    assert r["flow_required"] == pytest.approx(1125)
    assert r["target_type"] == "cumulative" and r["period_start"] == 2026


def test_table_cumulative_row_3_missing_year():
    # 2026: 1000, 2028: 1200, as of 2028: insufficient_data, missing_years (2027).
    r = row({2026: 1000, 2028: 1200}, "cumulative", ">=", TARGET, 2028)
    assert r["status"] == "insufficient_data"
    assert "missing_years" in flags(r)
    assert r["missing_years"] == "2027"
    assert nan(r["total_so_far"])  # a missing year is never taken as zero: no total is given


def test_table_growth_row_4_moderate():
    # >= 10 % a year over 2026-2030; 2025: 9.21, 2026: 10.0, 2027: 10.8, as of 2027: c = 8.2884 %,
    # R = 0.8288, moderate_progress, T* = 14.8328, projection 13.7142.
    r = row({2025: 9.21, 2026: 10.0, 2027: 10.8}, "average_growth", ">=", 10, 2027, kind="amount")
    assert r["growth_actual"] == pytest.approx(8.2884, abs=5e-5)
    assert r["ratio"] == pytest.approx(0.8288, abs=5e-5)
    assert r["status"] == "moderate_progress"
    assert r["implied_level"] == pytest.approx(14.8328, abs=5e-5)
    assert r["projected_value"] == pytest.approx(13.7142, abs=5e-5)
    assert flags(r) == []
    assert (r["baseline_year"], r["baseline_value"]) == (2025, 9.21)


def test_table_growth_row_5_on_track_low_evidence():
    # 2025: 9.21, 2026: 10.5, as of 2026: c = 14.0065 %, R = 1.4007, on_track, low_evidence.
    r = row({2025: 9.21, 2026: 10.5}, "average_growth", ">=", 10, 2026, kind="amount")
    assert r["growth_actual"] == pytest.approx(14.0065, abs=5e-5)
    assert r["ratio"] == pytest.approx(1.4007, abs=5e-5)
    assert r["status"] == "on_track"
    assert flags(r) == ["low_evidence"]


# ---------------------------------------------------------------------------------------------------
# Edge cases
# ---------------------------------------------------------------------------------------------------

def test_cumulative_no_figure_is_no_data():
    r = row({}, "cumulative", ">=", TARGET, 2027)
    assert r["status"] == "no_data" and flags(r) == []


def test_cumulative_missing_year_is_not_zero_even_when_the_rest_would_pass():
    # 2026: 3000, 2028: 3000: the known flows already sum past 5475, but 2027 is missing (C2 before C3).
    r = row({2026: 3000, 2028: 3000}, "cumulative", ">=", TARGET, 2028)
    assert r["status"] == "insufficient_data" and r["missing_years"] == "2027"


def test_cumulative_period_not_started_needs_the_whole_period():
    # As of 2024, P = 2026: C = 0; the required flow is T over the five years 2026-2030: 5475 / 5 = 1095.
    # 2023: 600, 2024: 700: s = 100; the flows 2026..2030 carry 700 on from 2024: 900, 1000, 1100, 1200,
    # 1300 = 5500 (2025, before the period, is not counted); R = 5500 / 5475 = 1.004566.
    r = row({2023: 600, 2024: 700}, "cumulative", ">=", TARGET, 2024)
    assert r["total_so_far"] == 0 and r["flow_required"] == pytest.approx(1095)
    assert r["total_projected"] == pytest.approx(5500)
    assert r["ratio"] == pytest.approx(1.004566, abs=1e-6)
    assert r["status"] == "on_track"


def test_cumulative_target_year_passed_missed_or_achieved():
    # Over 2026-2028, >= 3000: 900 + 1000 + 1000 = 2900 as of 2029 -> missed; 1000 + 1000 + 1000 -> achieved.
    r = row({2026: 900, 2027: 1000, 2028: 1000}, "cumulative", ">=", 3000, 2029, target_year=2028)
    assert r["status"] == "missed" and r["total_so_far"] == 2900
    # A figure dated after the period (2029) is not in its total: still 2,900, still missed.
    r = row({2026: 900, 2027: 1000, 2028: 1000, 2029: 5000}, "cumulative", ">=", 3000, 2029, target_year=2028)
    assert r["status"] == "missed" and r["total_so_far"] == 2900
    r = row({2026: 1000, 2027: 1000, 2028: 1000}, "cumulative", ">=", 3000, 2029, target_year=2028)
    assert r["status"] == "achieved" and r["total_so_far"] == 3000


def test_cumulative_comparator_at_equality():
    # C = 3000 exactly against 3000: '>=' is achieved, '>' is not (and, with the year passed, missed).
    pts = {2026: 1000, 2027: 1000, 2028: 1000}
    assert row(pts, "cumulative", ">=", 3000, 2028, target_year=2030)["status"] == "achieved"
    r = row(pts, "cumulative", ">", 3000, 2028, target_year=2030)
    assert r["status"] != "achieved"
    # '>' not met, 2 years left: required (3000 - 3000) / 2 = 0 a year; s = 0, Ptot = 3000 + 1000 + 1000.
    assert r["flow_required"] == 0 and r["total_projected"] == pytest.approx(5000)
    assert row(pts, "cumulative", ">", 3000, 2031, target_year=2028)["status"] == "missed"


def test_cumulative_one_flow_in_window_still_reports_total_and_required():
    # Only 2026: 1000 (as of 2026): C4, insufficient_data; C = 1000; required (5475 - 1000) / 4 = 1118.75.
    r = row({2026: 1000}, "cumulative", ">=", TARGET, 2026)
    assert r["status"] == "insufficient_data"
    assert r["total_so_far"] == 1000 and r["flow_required"] == pytest.approx(1118.75)
    assert nan(r["total_projected"])


def test_growth_no_base_year_figure():
    # No 2025 figure (b0 = P - 1): insufficient_data with no_base, whatever else there is.
    r = row({2024: 9.0, 2026: 10.0, 2027: 11.0}, "average_growth", ">=", 10, 2027, kind="amount")
    assert r["status"] == "insufficient_data" and "no_base" in flags(r)
    assert nan(r["growth_actual"]) and nan(r["implied_level"])


def test_growth_latest_not_after_base_year():
    # As of 2025 the latest figure is the base year's own (t = b0): insufficient_data; T* is still known:
    # 9.21 * 1.1^5 = 14.8328.
    r = row({2024: 9.0, 2025: 9.21}, "average_growth", ">=", 10, 2025, kind="amount")
    assert r["status"] == "insufficient_data" and "no_base" not in flags(r)
    assert r["implied_level"] == pytest.approx(14.8328, abs=5e-5)
    assert nan(r["growth_actual"])


def test_growth_achieved_missed_and_strict():
    # T* for 10 % a year over 2026-2027 from 100 (2025): 121. 2027: 121 -> achieved with '>=', not with '>'.
    pts = {2025: 100, 2026: 110, 2027: 121}
    assert row(pts, "average_growth", ">=", 10, 2027, target_year=2027, kind="amount")["status"] == "achieved"
    r = row(pts, "average_growth", ">", 10, 2028, target_year=2027, kind="amount")
    assert r["status"] == "missed"  # not above 121 and the target year has passed
    # Under the target year, 2027 at 115 (c = 7.2381 %): R = 0.723805, moderate_progress.
    r = row({2025: 100, 2026: 110, 2027: 115}, "average_growth", ">=", 10, 2027, kind="amount")
    assert r["status"] == "moderate_progress" and r["ratio"] == pytest.approx(0.723805, abs=1e-6)


def test_level_targets_unchanged_and_period_columns_empty():
    r = row({2019: 61, 2021: 55, 2023: 50}, "", "<=", 40, 2023, period_start=None, kind="rank")
    assert r["target_type"] == "level" and r["status"] == "on_track"
    assert all(nan(r[c]) for c in ("total_so_far", "total_projected", "flow_required", "growth_actual",
                                   "implied_level", "period_start"))


# ---------------------------------------------------------------------------------------------------
# targets.csv: the two columns, validated with located errors
# ---------------------------------------------------------------------------------------------------

def _targets_with(rows: dict[str, str]) -> str:
    """conftest's TARGETS with target_type and period_start: rows maps a target_id to its two cells (the two
    page-note columns after them stay empty)."""
    from conftest import TARGETS

    lines = TARGETS.strip("\n").split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        out.append(line.rsplit(",", 4)[0] + "," + rows.get(line.split(",", 1)[0], ",") + ",,")
    return "\n".join(out) + "\n"


def _load(tmp_path, rows: dict[str, str], targets: str | None = None):
    from analysis.data.dataset import load
    from conftest import write_dataset

    return load(write_dataset(tmp_path / "data", targets=targets or _targets_with(rows)))


def _only(ds, line: int, column: str) -> str:
    errs = ds.errors
    assert len(errs) == 1, [str(e) for e in errs]
    assert (errs[0].file.rsplit("/", 1)[-1], errs[0].line, errs[0].column) == ("targets.csv", line, column)
    return errs[0].message


def test_types_load_and_empty_is_level(tmp_path):
    ds = _load(tmp_path, {"t_rel": "cumulative,2026", "t_share": "average_growth,2026"})
    assert ds.errors == []
    assert ds.targets["target_type"].tolist() == ["level", "average_growth", "cumulative"]
    assert ds.targets["period_start"].tolist()[1:] == [2026, 2026]


def test_period_type_takes_greater_only(tmp_path):
    # gii_rank is a rank (higher_is_better false): '<=' passes that check but not a cumulative target's.
    msg = _only(_load(tmp_path, {"t_gii": "cumulative,2026"}), 2, "comparator")
    assert "'<=' for a cumulative target" in msg and "> or >=" in msg


def test_period_type_needs_period_start(tmp_path):
    msg = _only(_load(tmp_path, {"t_rel": "average_growth,"}), 4, "period_start")
    assert "empty" in msg and "average_growth" in msg


def test_period_start_after_target_year(tmp_path):
    msg = _only(_load(tmp_path, {"t_rel": "cumulative,2031"}), 4, "period_start")
    assert "2031 is after the target_year 2030" in msg


def test_period_start_on_a_level_target(tmp_path):
    msg = _only(_load(tmp_path, {"t_share": ",2026"}), 3, "period_start")
    assert "level target" in msg
    msg = _only(_load(tmp_path, {"t_share": "level,2026"}), 3, "period_start")
    assert "level target" in msg


def test_unknown_type(tmp_path):
    msg = _only(_load(tmp_path, {"t_share": "total,2026"}), 3, "target_type")
    assert "found 'total'" in msg and "cumulative" in msg and "average_growth" in msg


def test_growth_without_base_year_figure_is_not_a_data_error(tmp_path):
    # fdi_share has figures for 2020 and 2024 only: no 2025 figure for b0 = 2025. The data load; the
    # engine says insufficient_data with no_base (G1).
    from analysis.engine.progress import scorecard

    ds = _load(tmp_path, {"t_share": "average_growth,2026"})
    assert ds.errors == []
    sc = scorecard(ds.observations, ds.targets, ds.kinds(), 2025).set_index("target_id")
    assert sc.loc["t_share", "status"] == "insufficient_data" and "no_base" in sc.loc["t_share", "flags"]


# ---------------------------------------------------------------------------------------------------
# The editions: tests/fixtures/target_types (one level, one cumulative, one average-growth target) built to
# PDF and workbook. Expected texts worked out by hand from the fixture's figures:
# - visits, total >= 4,000 over 2024-2028: 2022: 640, 2023: 700, 2024: 766, 2025: 800. As of 2025: C = 766 + 800 =
#   1,566; s = (-1.5*640 - 0.5*700 + 0.5*766 + 1.5*800) / 5 = 54.6; Ptot = 1,566 + 854.6 + 909.2 + 963.8 = 4,293.6;
#   R = 1.0734 (on track); (4,000 - 1,566) / 3 = 811.3 a year over 2026-2028.
# - exports, average growth >= 10 % over 2025-2030, b0 = 2024 (9.21): 2025: 10.0. c = 100 * (10 / 9.21 - 1) =
#   8.5776 % (R = 0.8578, moderate progress, one year of growth: †); T* = 9.21 * 1.1^6 = 16.3161;
#   projection 10 * 1.085776^5 = 15.0904.
# As of 2023 the total's period (from 2024) has not begun: 4,000 / 5 = 800 a year over 2024-2028; and exports has
# no 2024 figure yet: no base year (⌀).
# ---------------------------------------------------------------------------------------------------

FIXTURE = __import__("pathlib").Path(__file__).parent / "fixtures" / "target_types"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import os

    from analysis.editions import pipeline

    root = tmp_path_factory.mktemp("types")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        pipeline.build(2025, ["vi", "en"], None, FIXTURE, root / "reports")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return root / "reports"


def _pdf_text(reports, lang) -> str:
    import re

    from pypdf import PdfReader

    pages = PdfReader(reports / f"vn-integration-report-2025-{lang}.pdf").pages
    # (a line broken after an en dash reads back with a space after it)
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages)).replace("– ", "–")


def test_fixture_scorecard(built):
    import csv

    rows = {r["target_id"]: r for r in csv.DictReader(open(built / "figures" / "2025-en" / "scorecard.csv"))}
    v, e = rows["t_visits"], rows["t_exports"]
    assert (v["status"], float(v["total_so_far"]), float(v["pace_actual"])) == ("on_track", 1566, pytest.approx(54.6))
    assert float(v["total_projected"]) == pytest.approx(4293.6)
    assert float(v["flow_required"]) == pytest.approx(811.3333, abs=1e-4)
    assert (e["status"], e["flags"]) == ("moderate_progress", "low_evidence")
    assert float(e["growth_actual"]) == pytest.approx(8.5776, abs=5e-5)
    assert float(e["implied_level"]) == pytest.approx(16.3161, abs=5e-5)
    assert float(e["projected_value"]) == pytest.approx(15.0904, abs=5e-5)
    assert rows["t_gii"]["target_type"] == "level"


def test_fixture_target_pages_vi(built):
    text = _pdf_text(built, "vi")
    assert "tổng cộng ít nhất 4.000 nghìn lượt trong giai đoạn 2024–2028" in text
    assert "tăng bình quân ít nhất 10%/năm giai đoạn 2025–2030, tức khoảng 16,32 tỷ USD năm 2030" in text
    assert "1.566 nghìn lượt (giai đoạn 2024–2025)" in text  # C
    assert "811 nghìn lượt/năm (giai đoạn 2026–2028)" in text  # the average still needed
    assert "4.294 nghìn lượt" in text  # Ptot
    assert "+8,6%/năm (giai đoạn 2024–2025)" in text and "15,09 tỷ USD" in text  # c, the projection


def test_fixture_target_pages_en(built):
    text = _pdf_text(built, "en")
    assert "a total of at least 4,000 thousand visits over 2024–2028" in text
    assert "an average growth of at least 10% a year over 2025–2030, that is about 16.32 USD billion in 2030" in text
    assert "811 thousand visits a year (2026–2028)" in text
    assert "A target is a level to reach by its year (rules 1–15) unless" in text  # the method section: C1-C6, G1-G4


def test_fixture_workbook_columns(built):
    from openpyxl import load_workbook

    from analysis.editions.workbook_texts import texts

    T = texts("en")
    wb = load_workbook(built / "vn-integration-report-2025-en.xlsx")
    head, *rows = list(wb[T["sheet.scorecard"]].iter_rows(values_only=True))
    col = {h: i for i, h in enumerate(head)}
    by_id = {r[col[T["col.target_id"]]]: r for r in rows}
    assert by_id["t_visits"][col[T["col.target_type"]]] == T["target_type.cumulative"]
    assert by_id["t_visits"][col[T["col.total_so_far"]]] == 1566
    assert by_id["t_exports"][col[T["col.implied_level"]]] == pytest.approx(16.3161, abs=5e-5)
    assert by_id["t_gii"][col[T["col.total_so_far"]]] in (None, "", "—")


def test_period_not_started_and_no_base_in_words():
    from analysis.data.dataset import load
    from analysis.editions import period_texts

    ds = load(FIXTURE)
    sc = scorecard(ds.observations, ds.targets, ds.kinds(), 2023).set_index("target_id")
    info = ds.indicators.set_index("indicator_id")
    visits = {**sc.loc["t_visits"].to_dict(), "target_id": "t_visits", "kind": "count", "unit": "thousand visits"}
    assert (visits["total_so_far"], visits["flow_required"]) == (0, 800)
    words = period_texts.explanation(visits, "en")
    assert words.startswith("The target's period begins in 2024;")
    assert "800 thousand visits a year (2024–2028)" in words
    assert period_texts.total_so_far_text(visits, "en") == "the period has not started (it begins in 2024)"
    exports = {**sc.loc["t_exports"].to_dict(), "kind": "amount", "unit": info.loc["exports", "unit"]}
    assert exports["status"] == "insufficient_data" and "no_base" in exports["flags"]
    assert period_texts.explanation(exports, "en").startswith("There is no figure for 2024, the year before the period")


def test_fixture_charts_drawn(built):
    figs = built / "figures" / "2025-en"
    for t in ("t_visits", "t_exports"):
        svg = (figs / f"target-{t}.svg").read_text(encoding="utf-8")
        assert "<svg" in svg
    assert "Running total over the period" in (figs / "target-t_visits.svg").read_text(encoding="utf-8")
    assert "Level implied for 2030: about 16.32" in (figs / "target-t_exports.svg").read_text(encoding="utf-8")
