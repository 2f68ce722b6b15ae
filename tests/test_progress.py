"""Tests of the progress-to-target engine (analysis.engine) against docs/methodology.md.

Every expected figure is worked out by hand from the rules (the arithmetic is written out as
literal expressions), never by calling the code under test.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.engine.progress import assess, scorecard, status_alternatives
from analysis.engine.series import period_end, yearly_series
from analysis.engine.terms import FLAGS, SCORECARD_COLUMNS, STATUSES

nan = float("nan")


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def make_obs(rows) -> pd.DataFrame:
    """rows: (indicator_id, period, value[, qualifier[, selected[, partial]]])."""
    recs = []
    for r in rows:
        ind, period, value = r[:3]
        qualifier = r[3] if len(r) > 3 else ""
        selected = r[4] if len(r) > 4 else True
        partial = r[5] if len(r) > 5 else False
        recs.append(
            dict(
                indicator_id=ind,
                period=period,
                value=float(value),
                selected=selected,
                partial=partial,
                qualifier=qualifier,
                source="test",  # an extra column the engine must ignore
            )
        )
    if not recs:
        return pd.DataFrame(
            columns=["indicator_id", "period", "value", "selected", "partial", "qualifier"]
        )
    return pd.DataFrame(recs)


def make_targets(rows) -> pd.DataFrame:
    """rows: (target_id, indicator_id, comparator, target_value, target_year)."""
    return pd.DataFrame(
        [
            dict(
                target_id=tid,
                indicator_id=ind,
                comparator=comp,
                target_value=float(tv),
                target_year=int(ty),
            )
            for tid, ind, comp, tv, ty in rows
        ]
    )


def one(points, kind, comparator, target, target_year=2030, as_of=None, baseline_year=2015):
    """Scorecard row of a single target on indicator "x" with yearly points {year: value}.

    as_of defaults to the latest year given (as in the worked examples).
    """
    pts = list(points.items()) if isinstance(points, dict) else list(points)
    # each point: (year, value) or (year, value, qualifier)
    obs = make_obs([("x", str(p[0]), *p[1:]) for p in pts])
    if as_of is None:
        as_of = max(p[0] for p in pts)
    tg = make_targets([("T1", "x", comparator, target, target_year)])
    res = scorecard(obs, tg, {"x": kind}, as_of, baseline_year)
    assert len(res) == 1
    return res.iloc[0]


def isnan(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


# --------------------------------------------------------------------------------------------
# period_end and yearly_series
# --------------------------------------------------------------------------------------------


def test_period_end_formats():
    assert period_end("2024") == pd.Timestamp("2024-12-31")
    assert period_end("2024-07") == pd.Timestamp("2024-07-31")
    assert period_end("2024-02") == pd.Timestamp("2024-02-29")  # leap year
    assert period_end("2023-02") == pd.Timestamp("2023-02-28")
    assert period_end("2024-07-15") == pd.Timestamp("2024-07-15")


@pytest.mark.parametrize("bad", ["24", "2024-13", "2024/07", "July 2024", "2024-02-30"])
def test_period_end_rejects_invalid(bad):
    with pytest.raises(ValueError):
        period_end(bad)


def test_yearly_series_latest_dated_wins_and_filters():
    obs = make_obs(
        [
            # 2025: "2025" (Dec 31) beats "2025-09-16", which beats "2025-03".
            ("a", "2025-03", 1.0),
            ("a", "2025", 3.0),
            ("a", "2025-09-16", 2.0),
            # 2024: "2024-09-16" beats "2024-03"; the later-dated rows that are not selected
            # or are partial must be ignored.
            ("a", "2024-03", 10.0),
            ("a", "2024-09-16", 11.0),
            ("a", "2024-11", 99.0, "", False, False),  # not selected
            ("a", "2024-12-01", 98.0, "", True, True),  # partial
            # observations after as-of are ignored
            ("a", "2026", 50.0),
            ("a", "2026-01-15", 51.0),
            ("b", "2020", 5.0, ">"),
        ]
    )
    ys = yearly_series(obs, as_of=2025)
    assert list(ys.columns) == ["indicator_id", "year", "value", "qualifier", "period", "producer", "proxy", "grade",
                                "out_of", "row"]
    assert ys["indicator_id"].tolist() == ["a", "a", "b"]
    assert ys["year"].tolist() == [2024, 2025, 2020]
    assert pd.api.types.is_integer_dtype(ys["year"])
    assert ys["value"].tolist() == [11.0, 3.0, 5.0]
    assert ys["period"].tolist() == ["2024-09-16", "2025", "2020"]
    assert ys["qualifier"].tolist() == ["", "", ">"]


def test_yearly_series_sorted_by_indicator_and_year():
    obs = make_obs([("z", "2021", 1), ("a", "2022", 2), ("z", "2019", 3), ("a", "2020", 4)])
    ys = yearly_series(obs, as_of=2030)
    assert list(zip(ys["indicator_id"], ys["year"])) == [
        ("a", 2020),
        ("a", 2022),
        ("z", 2019),
        ("z", 2021),
    ]


def test_yearly_series_empty():
    ys = yearly_series(make_obs([]), as_of=2024)
    assert len(ys) == 0
    assert list(ys.columns) == ["indicator_id", "year", "value", "qualifier", "period", "producer", "proxy", "grade",
                                "out_of", "row"]


# --------------------------------------------------------------------------------------------
# The four worked examples of methodology.md (as-of = latest year, Y = 2030, B = 2015)
# --------------------------------------------------------------------------------------------


def test_worked_example_1_rank_on_track():
    row = one({2019: 61, 2021: 55, 2023: 50}, "rank", "<=", 40)
    # b = 2019 (first point >= 2015); LS slope over x = 2019, 2021, 2023 (mean 2021):
    # ((-2)*61 + 0*55 + 2*50) / ((-2)**2 + 0 + 2**2) = -22 / 8
    assert row["pace_actual"] == pytest.approx(-2.75)
    assert row["pace_actual"] == pytest.approx(-22 / 8)
    # r = (40 - 61) / (2030 - 2019)
    assert row["pace_required"] == pytest.approx(-1.9091, abs=1e-4)
    assert row["pace_required"] == pytest.approx((40 - 61) / (2030 - 2019))
    # p = 50 + (-2.75) * (2030 - 2023)
    assert row["projected_value"] == pytest.approx(30.75)
    # R = (30.75 - 61) / (40 - 61)
    assert row["ratio"] == pytest.approx(1.4405, abs=1e-4)
    assert row["ratio"] == pytest.approx((30.75 - 61) / (40 - 61))
    assert row["status"] == "on_track"
    assert row["baseline_year"] == 2019
    assert row["baseline_value"] == 61
    assert row["latest_year"] == 2023
    assert row["latest_value"] == 50
    assert row["n_points"] == 3
    # rule 13: d = -1 for <=, gap = -1 * (40 - 50) = 10 places still to climb
    assert row["gap"] == 10
    assert row["pace_required_now"] == pytest.approx((40 - 50) / (2030 - 2023))
    assert row["window_start"] == 2015
    assert isnan(row["cagr_ratio"])  # ranks have no compound growth
    assert row["flags"] == ""  # |gap| = 10 > 3


def test_worked_example_2_count_insufficient_progress():
    row = one({2015: 40, 2024: 45}, "count", ">=", 60)
    # s = (45 - 40) / (2024 - 2015)
    assert row["pace_actual"] == pytest.approx(0.5556, abs=1e-4)
    assert row["pace_actual"] == pytest.approx(5 / 9)
    # r = (60 - 40) / (2030 - 2015)
    assert row["pace_required"] == pytest.approx(1.3333, abs=1e-4)
    assert row["pace_required"] == pytest.approx(20 / 15)
    # p = 45 + (5/9) * 6
    assert row["projected_value"] == pytest.approx(48.333, abs=1e-3)
    assert row["projected_value"] == pytest.approx(45 + 30 / 9)
    # R = (48.333 - 40) / (60 - 40)
    assert row["ratio"] == pytest.approx(0.4167, abs=1e-4)
    assert row["ratio"] == pytest.approx((45 + 30 / 9 - 40) / 20)
    assert row["status"] == "insufficient_progress"
    assert row["n_points"] == 2
    assert row["flags"] == "low_evidence"
    # compound-growth sensitivity: ((45/40)^(1/9) - 1) / ((60/40)^(1/15) - 1)
    assert row["cagr_ratio"] == pytest.approx(
        ((45 / 40) ** (1 / 9) - 1) / ((60 / 40) ** (1 / 15) - 1)
    )
    assert row["gap"] == 15  # d = +1: 60 - 45 still to go
    assert row["pace_required_now"] == pytest.approx(15 / 6)


def test_worked_example_3_share_achieved():
    row = one({2018: 18.0, 2022: 23.0}, "share", ">=", 20)
    assert row["status"] == "achieved"
    for col in ("pace_actual", "pace_required", "projected_value", "ratio", "cagr_ratio"):
        assert isnan(row[col]), col
    assert row["gap"] == pytest.approx(-3.0)  # d = +1: 20 - 23 = -3, met by 3
    # Rule 15: no required pace for a met target (it used to print (20 - 23) / 8 = -0.375).
    assert isnan(row["pace_required_now"])
    # the window is still shown: b = 2018, points 2018 and 2022
    assert row["baseline_year"] == 2018
    assert row["baseline_value"] == 18.0
    assert row["n_points"] == 2
    assert row["flags"] == "low_evidence"  # rule 12: whatever rule decided the status


def test_worked_example_4_rank_single_point():
    row = one({2023: 45}, "rank", "<=", 40)
    assert row["status"] == "insufficient_data"
    assert row["gap"] == 5  # d = -1: -1 * (40 - 45) = 5 places to climb
    assert row["pace_required_now"] == pytest.approx(-0.7143, abs=1e-4)
    assert row["pace_required_now"] == pytest.approx(-5 / 7)
    assert row["n_points"] == 1
    assert row["baseline_year"] == 2023
    assert row["baseline_value"] == 45
    for col in ("pace_actual", "pace_required", "projected_value", "ratio", "cagr_ratio"):
        assert isnan(row[col]), col
    assert row["flags"] == ""  # |gap| = 5 > 3


# --------------------------------------------------------------------------------------------
# Rule 2: no data
# --------------------------------------------------------------------------------------------


def test_no_observation_is_no_data():
    obs = make_obs([("other", "2020", 1.0)])
    tg = make_targets([("T1", "x", ">=", 10, 2030)])
    row = scorecard(obs, tg, {"x": "index", "other": "index"}, 2024, 2015).iloc[0]
    assert row["status"] == "no_data"
    assert row["n_points"] == 0
    assert row["window_start"] == 2015
    for col in (
        "baseline_year",
        "baseline_value",
        "latest_year",
        "latest_value",
        "latest_qualifier",
        "gap",
        "pace_required_now",
        "pace_actual",
        "pace_required",
        "projected_value",
        "ratio",
        "cagr_ratio",
    ):
        assert isnan(row[col]), col
    assert row["flags"] == ""


def test_only_observations_after_as_of_is_no_data():
    row = one({2025: 1.0, 2026: 2.0}, "index", ">=", 10, as_of=2024)
    assert row["status"] == "no_data"


def test_only_ignored_rows_is_no_data():
    obs = make_obs([("x", "2020", 1.0, "", False, False), ("x", "2021", 2.0, "", True, True)])
    tg = make_targets([("T1", "x", ">=", 10, 2030)])
    assert scorecard(obs, tg, {"x": "index"}, 2024).iloc[0]["status"] == "no_data"


# --------------------------------------------------------------------------------------------
# Rule 3: achieved (with qualifiers)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "comparator, latest, qualifier, expected",
    [
        (">=", 70, "", "achieved"),  # equality meets >=
        (">", 70, "", "insufficient_progress"),  # equality does not meet > ...
        (">", 70, ">", "achieved"),  # ... unless the true value is known to be above 70
        (">=", 70, ">", "achieved"),
        (">", 70, "~", "insufficient_progress"),  # "~" is exact
        (">", 70, "<", "insufficient_progress"),
        ("<=", 70, "", "achieved"),
        ("<", 70, "", "insufficient_progress"),
        ("<", 70, "<", "achieved"),
        ("<=", 70, "<", "achieved"),
        ("<", 70, ">", "insufficient_progress"),
        (">=", 70, "<", "moving_away"),  # "nearly 70" is below 70: does not meet >= 70
        ("<=", 70, ">", "moving_away"),  # "more than 70" does not meet <= 70
        (">=", 71, "<", "achieved"),  # "nearly 71" is taken as meeting >= 70
    ],
)
def test_achieved_with_qualifier(comparator, latest, qualifier, expected):
    # Base 2020 = 70 (index), latest 2024 = 70 with a qualifier, target 70 by 2030.
    # Where not achieved: with >= / <= the base 70 met the target -> rule 7, moving_away. With a
    # strict > / < the base sits exactly at the threshold without meeting it (rule 13): R is
    # undefined; slope 0, p = 70 neither meets the target nor lies beyond the base on the far side
    # -> insufficient_progress.
    row = one([(2020, 70), (2024, latest, qualifier)], "index", comparator, 70)
    assert row["status"] == expected
    assert row["latest_qualifier"] == qualifier


def test_qualifier_greater_than_below_target_is_not_achieved():
    # ">" 69 at the latest does not prove > 70: not achieved; the qualifier changes nothing
    # else. Base 60, target > 70 by 2030.
    # s = (69 - 60) / 4 = 2.25; p = 69 + 2.25 * 6 = 82.5; R = (82.5 - 60) / (70 - 60) = 2.25
    row = one([(2020, 60), (2024, 69, ">")], "index", ">", 70)
    assert row["status"] == "on_track"
    assert row["ratio"] == pytest.approx((69 + 2.25 * 6 - 60) / (70 - 60))


def test_achieved_whatever_the_trend():
    # Falling fast, but the latest value meets the target.
    row = one({2016: 100, 2020: 90, 2024: 50}, "index", ">=", 50)
    assert row["status"] == "achieved"
    assert row["gap"] == 0


# --------------------------------------------------------------------------------------------
# Rule 4: missed
# --------------------------------------------------------------------------------------------


def test_missed_after_target_year():
    row = one({2020: 1, 2024: 2}, "index", ">=", 10, target_year=2023, as_of=2024)
    assert row["status"] == "missed"
    assert row["gap"] == 10 - 2
    assert isnan(row["pace_required_now"])  # t = 2024 >= Y = 2023
    for col in ("pace_actual", "pace_required", "projected_value", "ratio", "cagr_ratio"):
        assert isnan(row[col]), col
    assert row["baseline_year"] == 2020
    assert row["n_points"] == 2
    assert row["flags"] == "low_evidence"  # rule 12: set whatever rule decided the status


def test_missed_with_latest_before_target_year_reports_pace_now():
    row = one({2020: 1, 2022: 2}, "index", ">=", 10, target_year=2023, as_of=2024)
    assert row["status"] == "missed"
    assert row["pace_required_now"] == pytest.approx((10 - 2) / (2023 - 2022))


def test_missed_even_with_one_point():
    row = one({2020: 1}, "index", ">=", 10, target_year=2023, as_of=2024)
    assert row["status"] == "missed"


def test_achieved_wins_over_missed():
    row = one({2020: 1, 2024: 12}, "index", ">=", 10, target_year=2023, as_of=2024)
    assert row["status"] == "achieved"


def test_as_of_equal_to_target_year_is_not_missed():
    # A = Y = 2024: rule 4 needs A > Y, so the trend decides. s = 1/4; p = 2 + 0.25 * 0 = 2;
    # R = (2 - 1) / (10 - 1) = 1/9 -> insufficient_progress.
    row = one({2020: 1, 2024: 2}, "index", ">=", 10, target_year=2024, as_of=2024)
    assert row["status"] == "insufficient_progress"
    assert row["projected_value"] == 2
    assert row["ratio"] == pytest.approx(1 / 9)
    assert isnan(row["pace_required_now"])  # t = Y


# --------------------------------------------------------------------------------------------
# Rule 5: one observation
# --------------------------------------------------------------------------------------------


def test_single_point_insufficient_data():
    row = one({2022: 30}, "share", ">=", 50, as_of=2024)
    assert row["status"] == "insufficient_data"
    assert row["gap"] == 20
    assert row["pace_required_now"] == pytest.approx(20 / (2030 - 2022))
    assert row["n_points"] == 1


def test_single_point_at_target_year_has_no_pace_now():
    row = one({2030: 30}, "share", ">=", 50, target_year=2030, as_of=2030)
    assert row["status"] == "insufficient_data"
    assert row["gap"] == 20
    assert isnan(row["pace_required_now"])


# --------------------------------------------------------------------------------------------
# Rule 6: base point and window
# --------------------------------------------------------------------------------------------


def test_base_is_first_point_in_window():
    # B = 2015: points 2016, 2018, 2020 lie in [B, t]; 2010 is left out.
    row = one({2010: 0, 2016: 2, 2018: 3, 2020: 4}, "index", ">=", 100, as_of=2024)
    assert row["baseline_year"] == 2016
    assert row["baseline_value"] == 2
    assert row["n_points"] == 3
    # slope over (2016, 2), (2018, 3), (2020, 4) = 0.5 (collinear)
    assert row["pace_actual"] == pytest.approx(0.5)
    # r = (100 - 2) / (2030 - 2016) = 7
    assert row["pace_required"] == pytest.approx(7.0)
    # p = 4 + 0.5 * (2030 - 2020) = 9; R = (9 - 2) / (100 - 2)
    assert row["projected_value"] == pytest.approx(9.0)
    assert row["ratio"] == pytest.approx(7 / 98)
    assert row["status"] == "insufficient_progress"


def test_base_in_window_start_year_counts():
    row = one({2010: 0, 2015: 2, 2020: 4}, "index", ">=", 100, as_of=2024)
    assert row["baseline_year"] == 2015
    assert row["n_points"] == 2


def test_base_falls_back_to_earliest_when_one_point_in_window():
    # Only 2020 lies in [2015, 2020]: the base is the earliest point, 2010, and all three count.
    row = one({2010: 0, 2012: 1, 2020: 4}, "index", ">=", 100, as_of=2024)
    assert row["baseline_year"] == 2010
    assert row["baseline_value"] == 0
    assert row["n_points"] == 3
    # LS over x = 0, 2, 10 (from 2010), y = 0, 1, 4: xbar = 4, ybar = 5/3
    # Sxy = (-4)(-5/3) + (-2)(-2/3) + 6(7/3) = 66/3 = 22; Sxx = 16 + 4 + 36 = 56
    assert row["pace_actual"] == pytest.approx(22 / 56)


def test_base_falls_back_to_earliest_when_no_point_in_window():
    row = one({2008: 1, 2010: 2}, "index", ">=", 100, as_of=2024)
    assert row["baseline_year"] == 2008
    assert row["latest_year"] == 2010
    assert row["n_points"] == 2
    assert row["pace_actual"] == pytest.approx(0.5)


def test_default_window_start_is_as_of_minus_5():
    # B = 2024 - 5 = 2019: base 2019 (not 2015).
    obs = make_obs([("x", "2015", 0), ("x", "2019", 2), ("x", "2024", 4)])
    tg = make_targets([("T1", "x", ">=", 100, 2030)])
    row = scorecard(obs, tg, {"x": "index"}, 2024).iloc[0]
    assert row["window_start"] == 2019
    assert row["baseline_year"] == 2019
    assert row["n_points"] == 2


def test_long_term_window():
    obs = make_obs([("x", "2009", 0), ("x", "2019", 2), ("x", "2024", 4)])
    tg = make_targets([("T1", "x", ">=", 100, 2030)])
    row = scorecard(obs, tg, {"x": "index"}, 2024, baseline_year=2024 - 15).iloc[0]
    assert row["window_start"] == 2009
    assert row["baseline_year"] == 2009
    assert row["n_points"] == 3


def test_least_squares_slope_non_collinear():
    # x from 2016: 0, 1, 2, 3; y = 1, 3, 2, 5. xbar = 1.5, ybar = 2.75
    # Sxy = (-1.5)(-1.75) + (-0.5)(0.25) + (0.5)(-0.75) + (1.5)(2.25) = 2.625 - 0.125 - 0.375 + 3.375
    # Sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5
    row = one({2016: 1, 2017: 3, 2018: 2, 2019: 5}, "index", ">=", 100, as_of=2019)
    expected = (2.625 - 0.125 - 0.375 + 3.375) / 5
    assert row["pace_actual"] == pytest.approx(expected)  # 1.1
    # p = 5 + 1.1 * 11; R = (p - 1) / (100 - 1)
    assert row["projected_value"] == pytest.approx(5 + 1.1 * 11)
    assert row["ratio"] == pytest.approx((5 + 1.1 * 11 - 1) / 99)


# --------------------------------------------------------------------------------------------
# Rule 7: base met the target, latest does not
# --------------------------------------------------------------------------------------------


def test_target_lost():
    row = one({2018: 70, 2024: 50}, "count", ">=", 60)
    assert row["status"] == "moving_away"
    # rule 12: a rule-7 status resting on two points also carries low_evidence
    assert row["flags"] == "low_evidence;target_lost"
    for col in ("pace_actual", "pace_required", "projected_value", "ratio"):
        assert isnan(row[col]), col
    assert row["gap"] == 10
    assert row["pace_required_now"] == pytest.approx(10 / 6)
    assert row["baseline_year"] == 2018
    # the CAGR sensitivity figure is still given under rule 7
    assert row["cagr_ratio"] == pytest.approx(
        ((50 / 70) ** (1 / 6) - 1) / ((60 / 70) ** (1 / 12) - 1)
    )


def test_target_lost_lower_is_better():
    # rank was 35 (<= 40 met), now 48
    row = one({2016: 35, 2024: 48}, "rank", "<=", 40)
    assert row["status"] == "moving_away"
    assert row["flags"] == "low_evidence;target_lost"  # two points
    assert row["gap"] == 8  # d = -1: -1 * (40 - 48), 8 places to climb
    # three points: no low_evidence
    row = one({2016: 35, 2020: 42, 2024: 48}, "rank", "<=", 40)
    assert row["status"] == "moving_away"
    assert row["flags"] == "target_lost"


def test_base_equal_to_a_strict_target_is_at_the_threshold_not_target_lost():
    # Rule 13 (reworded rule 7): a base of 70 does not meet "> 70", so no target_lost. R is
    # undefined (T - y_b = 0): s = (65 - 70) / 6 = -5/6, p = 65 - 5/6 * 6 = 60, on the far side of
    # the base (d * (60 - 70) < 0) -> moving_away.
    row = one({2018: 70, 2024: 65}, "index", ">", 70)
    assert row["status"] == "moving_away"
    assert row["flags"] == "low_evidence"
    assert isnan(row["ratio"])
    assert row["projected_value"] == pytest.approx(60)


# --------------------------------------------------------------------------------------------
# Rule 10: cut-offs (index kind: no clamping). Series 2020: 0, 2024: 4 -> s = 1, b = 2020.
# Every figure below is an exact binary fraction or a correctly rounded quotient, so R equals
# the float literal 0.95 / 0.6 / 0 exactly.
# --------------------------------------------------------------------------------------------


def _ratio_case(target, target_year):
    return one({2020: 0, 2024: 4}, "index", ">=", target, target_year=target_year)


def test_cutoff_095_exact_is_on_track():
    # p = 4 + 1 * (2039 - 2024) = 19; R = (19 - 0) / (20 - 0) = 19/20
    row = _ratio_case(20, 2039)
    assert row["projected_value"] == 19
    assert row["ratio"] == 0.95
    assert row["status"] == "on_track"


@pytest.mark.parametrize(
    "target, expected",
    [
        (19.5, "on_track"),  # R = 19 / 19.5 = 0.974
        (20.0, "on_track"),  # R = 0.95
        (20.001, "moderate_progress"),  # R = 19 / 20.001 = 0.94995
    ],
)
def test_cutoff_095_both_sides(target, expected):
    row = _ratio_case(target, 2039)
    assert row["ratio"] == pytest.approx(19 / target)
    assert row["status"] == expected


def test_cutoff_060_exact_is_moderate():
    # p = 4 + 1 * (2032 - 2024) = 12; R = 12 / 20 = 3/5
    row = _ratio_case(20, 2032)
    assert row["projected_value"] == 12
    assert row["ratio"] == 0.6
    assert row["status"] == "moderate_progress"


@pytest.mark.parametrize(
    "target, expected",
    [
        (19.5, "moderate_progress"),  # R = 12 / 19.5 = 0.615
        (20.0, "moderate_progress"),  # R = 0.60
        (20.001, "insufficient_progress"),  # R = 12 / 20.001 = 0.59997
    ],
)
def test_cutoff_060_both_sides(target, expected):
    row = _ratio_case(target, 2032)
    assert row["ratio"] == pytest.approx(12 / target)
    assert row["status"] == expected


def test_cutoff_zero_exact_is_insufficient_progress():
    # flat: s = 0, p = 0, R = 0 / 20 = 0
    row = one({2020: 0, 2024: 0}, "index", ">=", 20)
    assert row["pace_actual"] == 0
    assert row["ratio"] == 0
    assert row["status"] == "insufficient_progress"


def test_ratio_just_below_zero_is_moving_away():
    # 2020: 0, 2024: -1/1024 -> s = -1/4096; p = -1/1024 - 6/4096 = -10/4096; R = p / 20
    row = one({2020: 0, 2024: -1 / 1024}, "index", ">=", 20)
    assert row["pace_actual"] == -1 / 4096
    assert row["projected_value"] == -10 / 4096
    assert row["ratio"] == pytest.approx(-10 / 4096 / 20)
    assert row["ratio"] < 0
    assert row["status"] == "moving_away"
    assert row["flags"] == "low_evidence"  # moving_away by rule 10, two points: no target_lost


def test_lower_is_better_direction():
    # "<" 5: 2020: 10, 2024: 8 -> s = -0.5; p = 8 - 0.5 * 6 = 5; R = (5 - 10) / (5 - 10) = 1
    row = one({2020: 10, 2024: 8}, "index", "<", 5)
    assert row["pace_actual"] == -0.5
    assert row["pace_required"] == pytest.approx((5 - 10) / (2030 - 2020))
    assert row["ratio"] == 1
    assert row["status"] == "on_track"


# --------------------------------------------------------------------------------------------
# Zero and negative values
# --------------------------------------------------------------------------------------------


def test_negative_values_index():
    # -5 -> -3: s = 0.5; p = -3 + 0.5 * 6 = 0; R = (0 - (-5)) / (0 - (-5)) = 1
    row = one({2020: -5, 2024: -3}, "index", ">=", 0)
    assert row["projected_value"] == 0
    assert row["ratio"] == 1
    assert row["status"] == "on_track"
    assert row["gap"] == 3


def test_zero_base_count():
    # 0 -> 4: s = 1; p = 4 + 6 = 10; R = 10 / 20 = 0.5; no CAGR from a zero base
    row = one({2020: 0, 2024: 4}, "count", ">=", 20)
    assert row["ratio"] == 0.5
    assert row["status"] == "insufficient_progress"
    assert isnan(row["cagr_ratio"])


def test_negative_target_amount():
    # amounts may be negative (e.g. a balance): -10 -> -6 toward >= -2 by 2030.
    # s = 1; p = -6 + 6 = 0; R = (0 + 10) / (-2 + 10) = 1.25; no CAGR (values not > 0)
    row = one({2020: -10, 2024: -6}, "index", ">=", -2)
    assert row["ratio"] == 1.25
    assert row["status"] == "on_track"


# --------------------------------------------------------------------------------------------
# Rule 9: clamping of projections
# --------------------------------------------------------------------------------------------


def test_clamp_share_to_100():
    # 90 -> 98: s = 2; p = 98 + 12 = 110 -> 100; R = (100 - 90) / (100 - 90) = 1
    row = one({2020: 90, 2024: 98}, "share", ">=", 100)
    assert row["projected_value"] == 100
    assert row["ratio"] == 1


def test_clamp_share_to_0():
    # 10 -> 2: s = -2; p = 2 - 12 = -10 -> 0; R = (0 - 10) / (0 - 10) = 1
    row = one({2020: 10, 2024: 2}, "share", "<=", 0)
    assert row["projected_value"] == 0
    assert row["ratio"] == 1


def test_clamp_rank_to_1():
    # 10 -> 2: s = -2; p = -10 -> 1; R = (1 - 10) / (1 - 10) = 1
    row = one({2020: 10, 2024: 2}, "rank", "<=", 1)
    assert row["projected_value"] == 1
    assert row["ratio"] == 1
    assert row["status"] == "on_track"


@pytest.mark.parametrize("kind", ["count", "amount"])
def test_clamp_count_and_amount_to_0(kind):
    # 10 -> 2: p = -10 -> 0; R = (0 - 10) / (1 - 10) = 10/9
    row = one({2020: 10, 2024: 2}, kind, "<=", 1)
    assert row["projected_value"] == 0
    assert row["ratio"] == pytest.approx(10 / 9)


def test_index_is_not_clamped():
    # p = -10; R = (-10 - 10) / (1 - 10) = 20/9
    row = one({2020: 10, 2024: 2}, "index", "<=", 1)
    assert row["projected_value"] == -10
    assert row["ratio"] == pytest.approx(20 / 9)


# --------------------------------------------------------------------------------------------
# Rule 11: flags and the CAGR ratio
# --------------------------------------------------------------------------------------------


def test_low_evidence_with_two_points_whatever_the_rule():
    assert one({2020: 0, 2024: 4}, "index", ">=", 20)["flags"] == "low_evidence"
    assert one({2020: 0, 2022: 2, 2024: 4}, "index", ">=", 20)["flags"] == ""
    # rule 12: achieved on two points carries it too; one point does not (insufficient_data)
    assert one({2020: 0, 2024: 40}, "index", ">=", 20)["flags"] == "low_evidence"
    assert one({2024: 4}, "index", ">=", 20)["flags"] == ""
    # two points in the window but three in the series: the window decides
    assert one({2010: 5, 2020: 0, 2024: 4}, "index", ">=", 20)["flags"] == "low_evidence"


def test_rank_noise_boundary_and_flag_order():
    # 50 -> 43, target <= 40: gap = -1 * (40 - 43) = 3 -> rank_noise. s = -7/4;
    # p = 43 - 1.75 * 6 = 32.5; R = (32.5 - 50) / (40 - 50) = 1.75 -> on_track, two points ->
    # low_evidence too.
    row = one({2020: 50, 2024: 43}, "rank", "<=", 40)
    assert row["gap"] == 3
    assert row["ratio"] == pytest.approx((43 - 1.75 * 6 - 50) / (40 - 50))
    assert row["status"] == "on_track"
    assert row["flags"] == "low_evidence;rank_noise"
    # gap = 4: no rank_noise
    assert one({2020: 50, 2024: 44}, "rank", "<=", 40)["flags"] == "low_evidence"


def test_rank_noise_on_any_status_with_a_latest_value():
    assert one({2024: 38}, "rank", "<=", 40)["flags"] == "rank_noise"  # achieved, gap -2 (met by 2)
    assert one({2024: 42}, "rank", "<=", 40)["flags"] == "rank_noise"  # insufficient_data, gap 2
    row = one({2016: 35, 2024: 42}, "rank", "<=", 40)  # target lost, gap 2, two points
    assert row["flags"] == "low_evidence;rank_noise;target_lost"
    # not for other kinds
    assert one({2024: 42}, "index", "<=", 40)["flags"] == ""


def test_cagr_ratio_count_three_points():
    # b = 2018; CAGR actual = (120/100)^(1/6) - 1; required = (200/100)^(1/12) - 1
    row = one({2018: 100, 2020: 110, 2024: 120}, "count", ">=", 200)
    assert row["cagr_ratio"] == pytest.approx(((120 / 100) ** (1 / 6) - 1) / (2 ** (1 / 12) - 1))
    # linear figures: x = 0, 2, 6 (xbar 8/3), y = 100, 110, 120 (ybar 110)
    # Sxy = (-8/3)(-10) + (-2/3)(0) + (10/3)(10) = 60; Sxx = (64 + 4 + 100) / 9 = 168/9
    s = 60 / (168 / 9)
    assert row["pace_actual"] == pytest.approx(s)
    assert row["ratio"] == pytest.approx((120 + s * 6 - 100) / (200 - 100))
    assert row["status"] == "insufficient_progress"


def test_cagr_ratio_amount():
    row = one({2020: 50, 2024: 60}, "amount", ">=", 100)
    assert row["cagr_ratio"] == pytest.approx(
        ((60 / 50) ** (1 / 4) - 1) / ((100 / 50) ** (1 / 10) - 1)
    )


@pytest.mark.parametrize(
    "points, kind, comparator, target",
    [
        ({2020: 50, 2024: 60}, "share", ">=", 100),  # not a count or amount
        ({2020: 50, 2024: 60}, "index", ">=", 100),
        ({2020: 50, 2024: 40}, "rank", "<=", 10),
        ({2020: -10, 2024: -6}, "amount", ">=", 10),  # base not > 0
        ({2020: 10, 2024: 0}, "count", ">=", 20),  # latest not > 0
        ({2020: 10, 2024: 5}, "count", "<=", 0),  # target not > 0
        ({2020: 10, 2024: 20}, "count", ">=", 20),  # achieved: not rule 10 or 7
        ({2024: 10}, "count", ">=", 20),  # one point
    ],
)
def test_cagr_ratio_not_applicable(points, kind, comparator, target):
    assert isnan(one(points, kind, comparator, target)["cagr_ratio"])


# --------------------------------------------------------------------------------------------
# Output shape, several targets, inputs
# --------------------------------------------------------------------------------------------


def test_columns_order_and_target_order():
    obs = make_obs(
        [("a", "2019", 61), ("a", "2021", 55), ("a", "2023", 50), ("b", "2022", 10.0, ">")]
    )
    tg = make_targets(
        [
            ("T3", "b", ">=", 12, 2030),
            ("T1", "a", "<=", 40, 2030),
            ("T2", "a", "<=", 55, 2030),  # same indicator, another target: achieved
            ("T4", "missing", ">", 1, 2030),
        ]
    )
    res = scorecard(obs, tg, {"a": "rank", "b": "share", "missing": "count"}, 2023, 2015)
    assert list(res.columns) == SCORECARD_COLUMNS
    assert res["target_id"].tolist() == ["T3", "T1", "T2", "T4"]
    assert res["status"].tolist() == ["insufficient_data", "on_track", "achieved", "no_data"]
    assert res.loc[0, "latest_qualifier"] == ">"
    assert res.loc[2, "gap"] == -5  # d = -1: -1 * (55 - 50), met by 5 places


def test_kinds_as_series_and_assess_on_series():
    series = pd.DataFrame(
        {
            "indicator_id": ["x", "x"],
            "year": [2015, 2024],
            "value": [40.0, 45.0],
            "qualifier": ["", ""],
            "period": ["2015", "2024"],
        }
    )
    tg = make_targets([("T1", "x", ">=", 60, 2030)])
    row = assess(series, tg, pd.Series({"x": "count"}), 2024, 2015).iloc[0]
    assert row["status"] == "insufficient_progress"
    assert row["ratio"] == pytest.approx((45 + 30 / 9 - 40) / 20)


def test_several_observations_in_one_year_latest_dated_wins():
    # 2024: "2024-03" = 100 (ignored), "2024-09-16" = 4 (used). Base 2020: 0 -> s = 1.
    obs = make_obs([("x", "2020", 0), ("x", "2024-03", 100), ("x", "2024-09-16", 4)])
    tg = make_targets([("T1", "x", ">=", 20, 2030)])
    row = scorecard(obs, tg, {"x": "index"}, 2024, 2015).iloc[0]
    assert row["latest_value"] == 4
    assert row["pace_actual"] == 1


def test_unselected_partial_and_future_rows_are_ignored():
    obs = make_obs(
        [
            ("x", "2020", 0),
            ("x", "2024", 4),
            ("x", "2024-12-31", 50, "", False, False),  # not selected
            ("x", "2023", 60, "", True, True),  # partial
            ("x", "2025", 70),  # after as-of
        ]
    )
    tg = make_targets([("T1", "x", ">=", 20, 2030)])
    row = scorecard(obs, tg, {"x": "index"}, 2024, 2015).iloc[0]
    assert row["latest_year"] == 2024
    assert row["latest_value"] == 4
    assert row["n_points"] == 2
    assert row["ratio"] == 0.5  # p = 4 + 1 * 6 = 10; R = 10 / 20


def test_empty_targets():
    res = scorecard(make_obs([("x", "2020", 1)]), make_targets([]).reindex(
        columns=["target_id", "indicator_id", "comparator", "target_value", "target_year"]
    ), {"x": "index"}, 2024)
    assert len(res) == 0
    assert list(res.columns) == SCORECARD_COLUMNS


def test_invalid_comparator_and_kind_raise():
    obs = make_obs([("x", "2020", 1)])
    with pytest.raises(ValueError):
        scorecard(obs, make_targets([("T1", "x", "=>", 1, 2030)]), {"x": "index"}, 2024)
    with pytest.raises(ValueError):
        scorecard(obs, make_targets([("T1", "x", ">=", 1, 2030)]), {"x": "ratio"}, 2024)
    with pytest.raises(ValueError):
        scorecard(obs, make_targets([("T1", "x", ">=", 1, 2030)]), {}, 2024)


# --------------------------------------------------------------------------------------------
# Property: random valid inputs never raise and always give a known status
# --------------------------------------------------------------------------------------------

INDICATORS = ["i0", "i1", "i2", "i3"]

_period = st.tuples(
    st.integers(2000, 2032), st.integers(1, 12), st.integers(1, 28), st.sampled_from([4, 7, 10])
).map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"[: t[3]])

_obs_row = st.fixed_dictionaries(
    {
        "indicator_id": st.sampled_from(INDICATORS[:3]),  # i3 never has data
        "period": _period,
        "value": st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
        "selected": st.booleans(),
        "partial": st.booleans(),
        "qualifier": st.sampled_from(["", ">", "<", "~"]),
    }
)

_target_row = st.fixed_dictionaries(
    {
        "indicator_id": st.sampled_from(INDICATORS),
        "comparator": st.sampled_from([">", ">=", "<", "<="]),
        "target_value": st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
        "target_year": st.integers(2000, 2040),
    }
)


@settings(
    max_examples=200,
    deadline=None,
    database=None,  # no example database written into the repository
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    obs_rows=st.lists(_obs_row, max_size=40),
    target_rows=st.lists(_target_row, min_size=1, max_size=8),
    kinds=st.lists(st.sampled_from(["rank", "share", "count", "amount", "index"]), min_size=4, max_size=4),
    as_of=st.integers(2000, 2035),
    baseline_year=st.one_of(st.none(), st.integers(1990, 2035)),
)
def test_property_random_series_never_raise(obs_rows, target_rows, kinds, as_of, baseline_year):
    obs = make_obs([(r["indicator_id"], r["period"], r["value"], r["qualifier"], r["selected"], r["partial"]) for r in obs_rows])
    tg = pd.DataFrame(target_rows)
    tg.insert(0, "target_id", [f"T{i}" for i in range(len(tg))])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no silent numeric trouble either
        res = scorecard(obs, tg, dict(zip(INDICATORS, kinds)), as_of, baseline_year)
    assert list(res.columns) == SCORECARD_COLUMNS
    assert len(res) == len(tg)
    assert res["target_id"].tolist() == tg["target_id"].tolist()
    assert set(res["status"]) <= set(STATUSES)
    for f in res["flags"]:
        parts = f.split(";") if f else []
        assert all(p in FLAGS for p in parts)
        assert parts == sorted(parts, key=FLAGS.index)
    # figures follow the rule that decided the status
    ratio_statuses = {"on_track", "moderate_progress", "insufficient_progress"}
    assert res.loc[res["status"].isin(ratio_statuses), "ratio"].notna().all()
    assert res.loc[res["status"] == "achieved", "ratio"].isna().all()
    assert (res.loc[res["status"] == "no_data", "n_points"] == 0).all()
    assert (res.loc[res["status"] != "no_data", "n_points"] >= 1).all()
    # rule 12: the targets flagged source_sensitive are exactly those with a status-changing alternative
    alt = status_alternatives(obs, tg, dict(zip(INDICATORS, kinds)), as_of, baseline_year)
    assert set(res.loc[res["flags"].str.contains("source_sensitive"), "target_id"]) == set(alt["target_id"])
    assert (alt["alt_status"] != alt["status"]).all()
