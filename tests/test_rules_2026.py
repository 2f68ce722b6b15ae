"""Rules 7 (reworded), 9 (declared bounds), 13 (strict targets), 14 (grade), 15 (what is needed next),
16 (why a status changed) and 17 (comparability, method breaks) on small hand-made datasets.

Every expected figure is worked out by hand in the comment beside it, never by the code under test.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.engine.progress import scorecard
from analysis.engine.series import yearly_series
from analysis.engine.terms import FLAGS, SCORECARD_COLUMNS


def obs(points, ind="x", **cols) -> pd.DataFrame:
    """points: {year or period: value} or (period, value[, qualifier[, grade[, out_of]]]) tuples."""
    items = points.items() if isinstance(points, dict) else points
    recs = []
    for item in items:
        period, value = item[:2]
        recs.append(dict(indicator_id=ind, period=str(period), value=float(value),
                         qualifier=item[2] if len(item) > 2 else "", grade=item[3] if len(item) > 3 else "B",
                         out_of=float(item[4]) if len(item) > 4 else math.nan,
                         selected=True, partial=False, producer="P", proxy=False, source_id="s", **cols))
    return pd.DataFrame(recs)


def indicators(kind, ind="x", upper_bound=math.nan, breaks="", comparable=True) -> pd.DataFrame:
    return pd.DataFrame([dict(indicator_id=ind, kind=kind, upper_bound=upper_bound, breaks=breaks,
                              comparable=comparable)])


def row(points, kind, comparator, target, as_of, baseline_year=2015, target_year=2030, published="",
        **meta) -> dict:
    tg = pd.DataFrame([dict(target_id="T", indicator_id="x", comparator=comparator, target_value=float(target),
                            target_year=target_year, source_published=published)])
    o = points if isinstance(points, pd.DataFrame) else obs(points)
    return scorecard(o, tg, indicators(kind, **meta), as_of, baseline_year).iloc[0].to_dict()


def flags(r) -> list[str]:
    return r["flags"].split(";") if r["flags"] else []


def nan(x) -> bool:
    return x is None or x != x


# --------------------------------------------------------------------------------------------
# The methodology's worked examples (as-of = latest year shown, target year 2030, baseline 2015)
# --------------------------------------------------------------------------------------------


def test_worked_example_rank_on_track():
    # x = 0, 2, 4 (2019-2023), y = 61, 55, 50: mean x 2, mean y 166/3; sxy = -2*(5.667) + 2*(-5.333) = -22,
    # sxx = 8: s = -2.75. r = (40 - 61) / 11 = -1.9091. p = 50 - 2.75 * 7 = 30.75; R = -30.25 / -21 = 1.4405.
    # Rule 15: r_now = (40 - 50) / 7 = -1.4286, 50 - 1.4286 = 48.57 -> a rank rounds down: 48 in 2024.
    r = row({2019: 61, 2021: 55, 2023: 50}, "rank", "<=", 40, 2023)
    assert r["status"] == "on_track"
    assert r["pace_actual"] == pytest.approx(-2.75)
    assert r["pace_required"] == pytest.approx(-21 / 11)
    assert r["projected_value"] == pytest.approx(30.75)
    assert r["ratio"] == pytest.approx(30.25 / 21)
    assert r["target_effective"] == 40 and r["gap"] == 10
    assert (r["needed_next_year"], r["needed_next_value"]) == (2024, 48)


def test_worked_example_count_insufficient_progress():
    # s = 5/9 = 0.5556, r = 20/15 = 1.3333, p = 45 + 5/9 * 6 = 48.333, R = 8.333 / 20 = 0.4167.
    # Rule 15: r_now = 15 / 6 = 2.5, 45 + 2.5 = 47.5 -> a count rounds up: 48 in 2025.
    r = row({2015: 40, 2024: 45}, "count", ">=", 60, 2024)
    assert r["status"] == "insufficient_progress"
    assert (r["pace_actual"], r["pace_required"]) == (pytest.approx(5 / 9), pytest.approx(4 / 3))
    assert r["projected_value"] == pytest.approx(45 + 30 / 9)
    assert r["ratio"] == pytest.approx((30 / 9 + 5) / 20)
    assert (r["needed_next_year"], r["needed_next_value"]) == (2025, 48)
    assert flags(r) == ["low_evidence"]


def test_worked_example_share_achieved_has_no_required_pace():
    # 23 >= 20: achieved; met by 3 (gap -3). No required pace, nothing needed next. The run of points
    # meeting >= 20 that ends at the latest starts in 2022 (18 in 2018 does not meet it).
    r = row({2018: 18.0, 2022: 23.0}, "share", ">=", 20, 2022)
    assert r["status"] == "achieved" and r["gap"] == -3
    assert nan(r["pace_required"]) and nan(r["pace_required_now"])
    assert nan(r["needed_next_year"]) and nan(r["needed_next_value"])
    assert r["achieved_since"] == 2022


def test_worked_example_rank_single_point():
    # 45 only: insufficient_data; gap 45 - 40 = 5 places to climb, r_now = (40 - 45) / 7 = -0.7143,
    # needed in 2024: 45 - 0.7143 = 44.29 -> 44.
    r = row({2023: 45}, "rank", "<=", 40, 2023)
    assert r["status"] == "insufficient_data" and r["gap"] == 5
    assert r["pace_required_now"] == pytest.approx(-5 / 7)
    assert (r["needed_next_year"], r["needed_next_value"]) == (2024, 44)


def test_worked_example_strict_count_with_upper_bound():
    # "> 194" on a count reads ">= 195" (T_eff = 195). gap = 195 - 194 = 1. s = 5 / 4 = 1.25,
    # r = (195 - 189) / (2030 - 2021) = 0.6667; p = 194 + 1.25 * 5 = 200.25, bounded to 195;
    # R = (195 - 189) / (195 - 189) = 1.0 -> on_track, low_evidence. r_now = 1 / 5 = 0.2: 194.2 -> 195 in 2026.
    r = row({2021: 189, 2025: 194}, "count", ">", 194, 2025, upper_bound=195)
    assert r["status"] == "on_track" and flags(r) == ["low_evidence"]
    assert r["target_effective"] == 195 and r["gap"] == 1
    assert r["pace_actual"] == 1.25 and r["pace_required"] == pytest.approx(6 / 9)
    assert r["projected_value"] == 195 and r["projection_bounded"]
    assert r["ratio"] == 1.0
    assert r["pace_required_now"] == pytest.approx(0.2)
    assert (r["needed_next_year"], r["needed_next_value"]) == (2026, 195)
    assert r["upper_bound"] == 195


def test_strict_count_without_bound_is_not_bounded():
    # Same series, no bound: p = 200.25, R = (200.25 - 189) / 6 = 1.875 -> on_track, not bounded.
    r = row({2021: 189, 2025: 194}, "count", ">", 194, 2025)
    assert r["projected_value"] == 200.25 and not r["projection_bounded"]
    assert r["ratio"] == pytest.approx(11.25 / 6) and nan(r["upper_bound"])


def test_strict_rank_target_reads_one_place_better():
    # "< 40" on a rank reads "<= 39": latest 42, gap = -(39 - 42) = 3; r_now = (39 - 42) / 5 = -0.6,
    # needed in 2026: 41.4 -> 41.
    r = row({2025: 42}, "rank", "<", 40, 2025)
    assert r["target_effective"] == 39 and r["gap"] == 3
    assert r["pace_required_now"] == pytest.approx(-0.6)
    assert r["needed_next_value"] == 41


# --------------------------------------------------------------------------------------------
# Rule 13: strict targets on non-whole kinds
# --------------------------------------------------------------------------------------------


def test_share_equal_to_a_strict_target_is_at_the_threshold():
    # 21 is not "> 21": not met; gap 0 with the flag at_threshold (never a bare 0). T_eff stays 21.
    r = row({2018: 21.0}, "share", ">", 21, 2025)
    assert r["status"] == "insufficient_data" and r["gap"] == 0
    assert r["target_effective"] == 21
    assert flags(r) == ["at_threshold"]
    # A floor at the threshold (">21") meets "> 21": achieved, met by 0, flagged as a floor.
    r = row([("2018", 21.0, ">")], "share", ">", 21, 2025)
    assert r["status"] == "achieved" and r["gap"] == 0 and flags(r) == ["floor_only"]


@pytest.mark.parametrize("points, status, projection", [
    # Base 21 exactly at "> 21" (not met, so no rule 7 and no target_lost); R undefined.
    # 2020: 21, 2024: 20.5: s = -0.125, p = 20.5 - 0.75 = 19.75, below the base -> moving_away.
    ({2020: 21.0, 2024: 20.5}, "moving_away", 19.75),
    # 2020: 21, 2024: 21: s = 0, p = 21 does not meet > 21 and is not beyond the base -> insufficient_progress.
    ({2020: 21.0, 2024: 21.0}, "insufficient_progress", 21.0),
    # x = 0, 1, 4, y = 21, 20.8, 21: sxy = (-5/3)(1/15) + (-2/3)(-2/15) + (7/3)(1/15) = 2/15, sxx = 26/3,
    # s = 1/65; p = 21 + 6/65 = 21.092 > 21 -> on_track.
    ({2020: 21.0, 2021: 20.8, 2024: 21.0}, "on_track", 21 + 6 / 65),
])
def test_base_exactly_at_a_strict_threshold(points, status, projection):
    r = row(points, "share", ">", 21, 2024)
    assert r["status"] == status
    assert nan(r["ratio"])
    assert r["projected_value"] == pytest.approx(projection)
    assert "target_lost" not in flags(r)
    assert ("at_threshold" in flags(r)) == (points[2024] == 21.0)


def test_a_floor_meeting_a_strict_count_is_met_by_zero():
    # ">70" organisations for "> 70": met (the true value is above 70); T_eff = 71 would give a gap of
    # +1, but a met target reads as met: gap 0.
    r = row([("2023", 70, ">"), ("2025", 70, ">")], "count", ">", 70, 2025)
    assert r["status"] == "achieved" and r["gap"] == 0 and r["target_effective"] == 71
    assert "floor_only" in flags(r)


# --------------------------------------------------------------------------------------------
# Rule 14: weak_source (latest value or base point of the window graded C)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("grades, baseline_year, expected", [
    # share >= 30: 2020: 10, 2022: 12, 2024: 14 -> base 2020, s = 1, p = 20, R = 10 / 20 = 0.5.
    (("C", "B", "B"), 2015, ["weak_source"]),  # only the base is C
    (("B", "B", "C"), 2015, ["weak_source"]),  # only the latest is C
    (("B", "C", "B"), 2015, []),  # only a middle point: used in the slope, but no flag
    # B = 2021: two points (2022, 2024) in the window, base 2022; the C point of 2020 is not used.
    (("C", "B", "B"), 2021, ["low_evidence"]),
])
def test_weak_source(grades, baseline_year, expected):
    o = obs([(str(y), v, "", g) for (y, v), g in zip(((2020, 10), (2022, 12), (2024, 14)), grades)])
    r = row(o, "share", ">=", 30, 2024, baseline_year=baseline_year)
    assert flags(r) == expected
    assert r["latest_grade"] == grades[2]
    assert r["baseline_grade"] == (grades[0] if baseline_year == 2015 else grades[1])
    if baseline_year == 2015:
        assert r["status"] == "insufficient_progress" and r["ratio"] == pytest.approx(0.5)


def test_no_grade_column_means_no_grade():
    o = obs({2020: 10, 2024: 14}).drop(columns=["grade", "out_of"])
    r = row(o, "share", ">=", 30, 2024)
    assert r["latest_grade"] == "" and nan(r["latest_out_of"]) and "weak_source" not in flags(r)


# --------------------------------------------------------------------------------------------
# Rule 17: not_comparable and method breaks
# --------------------------------------------------------------------------------------------


def test_not_comparable_flags_every_status_and_changes_none():
    # rank <= 40: 2023: 50, 2025: 48 -> s = -1, p = 48 - 5 = 43, R = (43 - 50) / (40 - 50) = 0.7 -> moderate.
    r = row({2023: 50, 2025: 48}, "rank", "<=", 40, 2025, comparable=False)
    assert r["status"] == "moderate_progress" and r["ratio"] == pytest.approx(0.7)
    assert flags(r) == ["low_evidence", "not_comparable"]
    assert row({2023: 50, 2025: 48}, "rank", "<=", 40, 2025)["flags"] == "low_evidence"
    # No figure yet (as of 2020): still flagged.
    r = row({2023: 50, 2025: 48}, "rank", "<=", 40, 2020, comparable=False)
    assert r["status"] == "no_data" and flags(r) == ["not_comparable"]


BREAK_SERIES = {2015: 60, 2016: 58, 2017: 56, 2018: 50, 2020: 48, 2022: 46}


def test_no_pace_across_a_declared_break():
    # Break 2018: only 2018-2022 count. Base 2018 (50), x = 0, 2, 4, y = 50, 48, 46: s = -1,
    # r = (40 - 50) / 12 = -0.8333, p = 46 - 8 = 38, R = (38 - 50) / (40 - 50) = 1.2 -> on_track.
    r = row(BREAK_SERIES, "rank", "<=", 40, 2022, baseline_year=2011, breaks="2018")
    assert (r["baseline_year"], r["baseline_value"], r["n_points"]) == (2018, 50, 3)
    assert r["pace_actual"] == pytest.approx(-1) and r["pace_required"] == pytest.approx(-10 / 12)
    assert r["projected_value"] == pytest.approx(38) and r["ratio"] == pytest.approx(1.2)
    assert r["status"] == "on_track" and flags(r) == ["method_break"]
    # Without the break, base 2015 (60) and six points: the flag is not set.
    r = row(BREAK_SERIES, "rank", "<=", 40, 2022, baseline_year=2011)
    assert (r["baseline_year"], r["n_points"]) == (2015, 6) and flags(r) == []


def test_a_break_outside_the_window_or_after_the_latest_point_changes_nothing():
    # Short window B = 2019: base 2020 (two points in [2019, 2022]) with or without the break: no flag.
    r = row(BREAK_SERIES, "rank", "<=", 40, 2022, baseline_year=2019, breaks="2018")
    assert (r["baseline_year"], flags(r)) == (2020, ["low_evidence"])
    # As of 2017 the 2018 break is in the future: base 2015, x = 0, 1, 2, y = 60, 58, 56, s = -2,
    # p = 56 - 26 = 30, R = (30 - 60) / (40 - 60) = 1.5.
    r = row(BREAK_SERIES, "rank", "<=", 40, 2017, baseline_year=2011, breaks="2018")
    assert (r["baseline_year"], r["ratio"], flags(r)) == (2015, pytest.approx(1.5), [])


def test_the_latest_of_several_breaks_counts():
    # Breaks 2016 and 2018, as of 2017: the 2016-2017 segment, base 2016 (58), s = -2,
    # p = 56 - 26 = 30, R = (30 - 58) / (40 - 58) = 1.5556.
    r = row(BREAK_SERIES, "rank", "<=", 40, 2017, baseline_year=2011, breaks="2016;2018")
    assert (r["baseline_year"], r["n_points"]) == (2016, 2)
    assert r["ratio"] == pytest.approx(28 / 18) and flags(r) == ["low_evidence", "method_break"]


# --------------------------------------------------------------------------------------------
# Rule 9: a rank is bounded by the number ranked in its latest edition
# --------------------------------------------------------------------------------------------


def test_rank_projection_bounded_by_latest_out_of():
    # rank <= 30: 52 (2021, of 117), 59 (2024, of 60): s = 7/3, p = 59 + 14 = 73 -> bounded to 60;
    # R = (60 - 52) / (30 - 52) = -0.3636 -> moving_away.
    o = obs([("2021", 52, "", "B", 117), ("2024", 59, "", "B", 60)])
    r = row(o, "rank", "<=", 30, 2024, baseline_year=2019)
    assert r["projected_value"] == 60 and r["projection_bounded"]
    assert r["ratio"] == pytest.approx(-8 / 22) and r["status"] == "moving_away"
    assert (r["upper_bound"], r["latest_out_of"], r["baseline_out_of"]) == (60, 60, 117)
    # With 119 ranked the projection 73 stands.
    o = obs([("2021", 52, "", "B", 117), ("2024", 59, "", "B", 119)])
    r = row(o, "rank", "<=", 30, 2024, baseline_year=2019)
    assert r["projected_value"] == pytest.approx(73) and not r["projection_bounded"]


# --------------------------------------------------------------------------------------------
# met_before_set, achieved_since, floor_only
# --------------------------------------------------------------------------------------------


def test_met_before_the_target_was_set():
    # count >= 60, stated 2026-03: 65 (2024, ends 2024-12-31) already met it -> met_before_set.
    # Achieved since 2024 (58 in 2023 did not meet it).
    pts = {2023: 58, 2024: 65, 2025: 77}
    r = row(pts, "count", ">=", 60, 2026, published="2026-03")
    assert r["status"] == "achieved" and r["achieved_since"] == 2024
    assert "met_before_set" in flags(r)
    # Stated 2024-06-01: the 2024 figure (to 31 Dec) is not dated before it, 2023's 58 does not meet.
    assert "met_before_set" not in flags(row(pts, "count", ">=", 60, 2026, published="2024-06-01"))
    # A point dated 2024-05 is before 2024-06-01.
    r = row([("2024-05", 65), ("2025", 77)], "count", ">=", 60, 2026, published="2024-06-01")
    assert "met_before_set" in flags(r)
    # Unknown date: never flagged.
    assert "met_before_set" not in flags(row(pts, "count", ">=", 60, 2026))


def test_achieved_since_is_the_unbroken_run_ending_at_the_latest():
    # share >= 20: 25 (2018) met, 19 (2019) not, 21 (2020), 23 (2022) met -> since 2020.
    r = row({2018: 25, 2019: 19, 2020: 21, 2022: 23}, "share", ">=", 20, 2022)
    assert r["achieved_since"] == 2020
    # Not achieved: NaN.
    assert nan(row({2018: 25, 2022: 19}, "share", ">=", 20, 2022)["achieved_since"])


def test_floor_only_whatever_the_status():
    # "> 70" stated as ">70" meets "> 70"; a floor of ">60" against ">= 80" does not, and is still a floor.
    assert flags(row([("2024", 70, ">")], "count", ">", 70, 2025)) == ["floor_only"]
    r = row([("2024", 60, ">")], "count", ">=", 80, 2025)
    assert r["status"] == "insufficient_data" and flags(r) == ["floor_only"]


def test_flags_join_in_contract_order():
    assert FLAGS == ("low_evidence", "rank_noise", "target_lost", "source_sensitive", "proxy", "weak_source",
                         "not_comparable", "floor_only", "met_before_set", "at_threshold", "method_break",
                     "missing_years", "no_base")
    # rank <= 55 (not comparable): base 55 (2023, C) met it, latest 58 (2026) does not -> moving_away with
    # target_lost; gap 3 -> rank_noise; two points -> low_evidence; 55 (2023) met it before 2025-09-16.
    o = obs([("2023", 55, "", "C"), ("2026", 58, "", "B")])
    r = row(o, "rank", "<=", 55, 2026, baseline_year=2021, published="2025-09-16", comparable=False)
    assert r["status"] == "moving_away"
    assert r["flags"] == "low_evidence;rank_noise;target_lost;weak_source;not_comparable;met_before_set"
    # Rule 15 still says what 2027 needs: r_now = (55 - 58) / 4 = -0.75, 57.25 -> 57.
    assert (r["needed_next_year"], r["needed_next_value"]) == (2027, 57)


def test_scorecard_columns_of_the_contract():
    new = ["target_effective", "needed_next_year", "needed_next_value", "upper_bound", "projection_bounded",
           "achieved_since", "latest_grade", "baseline_grade", "latest_out_of", "baseline_out_of"]
    types = ["target_type", "period_start", "total_so_far", "total_projected", "flow_required", "growth_actual",
             "implied_level", "missing_years"]  # targets that are not levels (C1-C6, G1-G4)
    assert SCORECARD_COLUMNS[-len(new) - len(types):] == new + types
    r = row({2020: 10, 2024: 14}, "share", ">=", 30, 2024)
    assert set(SCORECARD_COLUMNS) <= set(r)


def test_yearly_series_carries_grade_and_out_of():
    ys = yearly_series(obs([("2024", 44, "", "A", 139), ("2025", 44, "", "c")]), 2025)
    assert ys["grade"].tolist() == ["A", "C"]  # grades read without case
    assert ys["out_of"].tolist()[0] == 139 and nan(ys["out_of"].tolist()[1])


# --------------------------------------------------------------------------------------------
# The loaded data set passes its indicators' metadata through Dataset.kinds()
# --------------------------------------------------------------------------------------------


def test_dataset_kinds_carry_bounds_breaks_and_comparable(tmp_path):
    from analysis.data.dataset import load
    from conftest import INDICATORS, OBSERVATIONS, write_dataset

    # relations bounded by 194: the 194 of 2025 alone -> insufficient_data; GII not comparable.
    ind = (INDICATORS.replace("count,true,target,,,,", "count,true,target,,194,,")
           .replace("rank,false,target,,,,", "rank,false,target,,,,false"))
    ds = load(write_dataset(tmp_path / "d", indicators=ind, observations=OBSERVATIONS))
    assert ds.errors == []
    sc = scorecard(ds.observations, ds.targets, ds.kinds(), 2025).set_index("target_id")
    assert "not_comparable" in sc.loc["t_gii", "flags"]
    assert sc.loc["t_rel", "upper_bound"] == 194
    # "> 194" with the bound 194 cannot be met: 195 needed (target_effective), gap 1.
    assert (sc.loc["t_rel", "target_effective"], sc.loc["t_rel", "gap"]) == (195, 1)


def test_real_data_rule_17():
    from analysis.data.dataset import load

    ds = load()
    short = scorecard(ds.observations, ds.targets, ds.kinds(), 2026, 2021).set_index("target_id")
    long = scorecard(ds.observations, ds.targets, ds.kinds(), 2026, 2011).set_index("target_id")
    # SDSN: SDG Index ranks are not comparable across editions.
    assert "not_comparable" in short.loc["t_sdg_index_rank", "flags"]
    assert "not_comparable" in long.loc["t_sdg_index_rank", "flags"]
    # GII changed method in 2018: the long window starts at the 2018 edition, the short one is not cut.
    assert long.loc["t_gii_rank", "baseline_year"] == 2018 and "method_break" in long.loc["t_gii_rank", "flags"]
    assert "method_break" not in short.loc["t_gii_rank", "flags"]


def test_a_stale_series_asks_for_the_next_figure_in_the_as_of_year_not_a_past_one():
    # TTDI-like: rank 52 (2021), 59 (2024); target <= 30 by 2030; as of 2026. r_now = (30 - 59) / (2030 - 2024)
    # = -4.8333 a year; the next figure can only be for 2026 or later: 59 - 4.8333 * (2026 - 2024) = 49.33 -> 49.
    r = row({2021: 52, 2024: 59}, "rank", "<=", 30, 2026, baseline_year=2021)
    assert (r["needed_next_year"], r["needed_next_value"]) == (2026, 49)
    # The same series as of 2024 asks for 2025: 59 - 4.8333 = 54.17 -> 54.
    r = row({2021: 52, 2024: 59}, "rank", "<=", 30, 2024, baseline_year=2021)
    assert (r["needed_next_year"], r["needed_next_value"]) == (2025, 54)


# --------------------------------------------------------------------------------------------
# Rule 10 (amended): within the noise band a rank claims no direction
# --------------------------------------------------------------------------------------------


def test_rank_projected_within_three_places_of_its_base_is_not_moving_away():
    # x = 0..3 (2020-2023), y = 45, 44, 46, 45: mean x 1.5, mean y 45; sxy = 0 + 0.5 + 0.5 + 0 = 1, sxx = 5:
    # s = 0.2. p = 45 + 0.2 * 7 = 46.4; R = (46.4 - 45) / (40 - 45) = -0.28 < 0, but |p - y_b| = 1.4 <= 3:
    # insufficient_progress with rank_noise (the gap, 45 - 40 = 5, is outside rule 11's band, so the flag
    # comes from rule 10's band alone).
    r = row({2020: 45, 2021: 44, 2022: 46, 2023: 45}, "rank", "<=", 40, 2023)
    assert r["pace_actual"] == pytest.approx(0.2)
    assert r["projected_value"] == pytest.approx(46.4)
    assert r["ratio"] == pytest.approx(-0.28)
    assert r["status"] == "insufficient_progress"
    assert "rank_noise" in flags(r)


@pytest.mark.parametrize("latest, projection, status", [
    # 2024: 45, 2026: 46: s = 0.5, p = 46 + 0.5 * 4 = 48, |48 - 45| = 3, on the band's edge: no direction.
    (46, 48.0, "insufficient_progress"),
    # 2024: 45, 2026: 47: s = 1, p = 47 + 4 = 51, |51 - 45| = 6 > 3: moving away, R = 6 / -5 = -1.2.
    (47, 51.0, "moving_away"),
])
def test_rank_noise_band_edge(latest, projection, status):
    r = row({2024: 45, 2026: latest}, "rank", "<=", 40, 2026)
    assert r["projected_value"] == pytest.approx(projection)
    assert r["status"] == status
    # The gap (6 or 7 places) is outside rule 11's band: rank_noise only where rule 10's band applied.
    assert ("rank_noise" in flags(r)) == (status == "insufficient_progress")


def test_noise_band_is_for_ranks_only():
    # A count 2020: 50, 2023: 49, target >= 60: s = -1/3, p = 49 - 7/3 = 46.667, |p - y_b| = 3.33;
    # R = (46.667 - 50) / 10 = -0.333. Even nearer the base a count keeps moving_away: the band is a rank's.
    r = row({2020: 50, 2023: 49}, "count", ">=", 60, 2023)
    assert r["ratio"] == pytest.approx(-1 / 3)
    assert r["status"] == "moving_away"
    r = row({2020: 50, 2023: 50, 2024: 49}, "count", ">=", 60, 2024)
    # x = 0, 3, 4, y = 50, 50, 49: mean x 7/3, mean y 149/3; sxy = (-7/3)(1/3) + (2/3)(1/3) + (5/3)(-2/3)
    # = (-7 + 2 - 10) / 9 = -15/9; sxx = 49/9 + 4/9 + 25/9 = 78/9: s = -15/78 = -0.1923.
    # p = 49 - 0.1923 * 6 = 47.846, |p - 50| = 2.15 <= 3, R = -2.154 / 10 < 0: still moving_away.
    assert r["pace_actual"] == pytest.approx(-15 / 78)
    assert r["status"] == "moving_away"
    assert "rank_noise" not in flags(r)
