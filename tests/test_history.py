"""Status history on a hand-made dataset; every expected status is worked out in the comments."""
from __future__ import annotations

import pandas as pd

from analysis.history import recent_changes, status_history

TARGETS = pd.DataFrame({
    "target_id": ["t_a", "t_b", "t_c", "t_d"],
    "indicator_id": ["a", "b", "c", "d"],
    "comparator": [">", "<=", ">=", ">="],
    "target_value": [50.0, 40.0, 10.0, 60.0],
    "target_year": [2030, 2030, 2020, 2030],
})
KINDS = {"a": "share", "b": "rank", "c": "count", "d": "share"}
ROWS = [  # indicator, period, value, selected
    ("a", "2018", 40, True), ("a", "2020", 42, True), ("a", "2022", 44, True), ("a", "2024-03", 51, True),
    ("b", "2019", 50, True), ("b", "2021", 48, True), ("b", "2023", 52, True),
    ("c", "2018", 5, True), ("c", "2019", 12, False),  # not selected: must never count
    ("c", "2021", 8, True),
    ("d", "2018", 20, True), ("d", "2021", 44, True), ("d", "2022", 45, True), ("d", "2023", 46, True),
    ("d", "2024", 47, True),
]
OBS = pd.DataFrame({
    "indicator_id": [r[0] for r in ROWS], "period": [r[1] for r in ROWS], "value": [float(r[2]) for r in ROWS],
    "selected": [r[3] for r in ROWS], "partial": False, "qualifier": "",
})

ID, ND, OT, MA, MI, AC, IP = ("insufficient_data", "no_data", "on_track", "moving_away", "missed", "achieved",
                              "insufficient_progress")
# Default window B = y - 5.
# a (share > 50 by 2030): one point until 2019 -> ID. From 2020 the base is 2018 (40), slope 1/yr:
#   2020-2021 p = 42 + 10 = 52, 2022-2023 p = 44 + 8 = 52, R = (52-40)/(50-40) = 1.2 -> OT. 2024: 51 > 50 -> AC.
# b (rank <= 40): none in 2018 -> ND; one point 2019-2020 -> ID. 2021-2022: base 2019 (50), slope -1,
#   p = 48 - 9 = 39, R = (39-50)/(40-50) = 1.1 -> OT. 2023-2024: points 50, 48, 52 at x = 0, 2, 4: slope 0.5,
#   p = 52 + 0.5*7 = 55.5, R = 5.5/-10 < 0 -> MA.
# c (count >= 10 by 2020): one selected point until 2020 (the 12 of 2019 is not selected) -> ID;
#   from 2021 the target year is past and 8 < 10 -> MI.
# d (share >= 60): one point until 2020 -> ID. 2021: base 2018 (20), slope 8, p = 44 + 72 -> 100 (clamped),
#   R = 2 -> OT. 2022: slope 6.65 (x 0,3,4; y 20,44,45), p = 98.2 -> OT. 2023: slope 77/14 = 5.5, p = 84.5 -> OT.
#   2024: B = 2019, four points from 2021, base 2021 (44), slope 1, p = 53, R = 9/16 = 0.5625 -> IP.
EXPECTED = {
    "t_a": [ID, ID, OT, OT, OT, OT, AC],
    "t_b": [ND, ID, ID, OT, OT, MA, MA],
    "t_c": [ID, ID, ID, MI, MI, MI, MI],
    "t_d": [ID, ID, ID, OT, OT, OT, IP],
}


def test_history_by_hand():
    h = status_history(OBS, TARGETS, KINDS, 2024)
    assert list(h.index) == ["t_a", "t_b", "t_c", "t_d"]
    assert list(h.columns) == [2018, 2019, 2020, 2021, 2022, 2023, 2024]
    assert {t: list(row) for t, row in h.iterrows()} == EXPECTED


def test_an_earlier_as_of_is_the_same_history_cut_short():
    h = status_history(OBS, TARGETS, KINDS, 2022)
    assert list(h.columns) == [2018, 2019, 2020, 2021, 2022]
    assert {t: list(row) for t, row in h.iterrows()} == {t: v[:5] for t, v in EXPECTED.items()}


def test_rows_follow_the_targets_order():
    h = status_history(OBS, TARGETS.iloc[::-1], KINDS, 2024)
    assert list(h.index) == ["t_d", "t_c", "t_b", "t_a"]
    assert list(h.loc["t_d"]) == EXPECTED["t_d"]


def test_a_baseline_year_keeps_its_window_length_in_every_year():
    # baseline 2018 for 2024: six-year windows. Only d changes: in 2024 the base is 2018 (20); points
    # x = 0,3,4,5,6, y = 20,44,45,46,47: slope 96.8/21.2 = 4.57, p = 47 + 27.4 = 74.4, R = 54.4/40 = 1.36 -> OT.
    # In 2023 the window is 2017-2023, base 2018 as before -> OT.
    h = status_history(OBS, TARGETS, KINDS, 2024, baseline_year=2018)
    assert list(h.loc["t_d"]) == [ID, ID, ID, OT, OT, OT, OT]
    for t in ("t_a", "t_b", "t_c"):
        assert list(h.loc[t]) == EXPECTED[t]


def test_recent_changes_in_the_last_two_years():
    changes = recent_changes(status_history(OBS, TARGETS, KINDS, 2024))
    assert changes.to_dict("records") == [
        {"target_id": "t_a", "from_status": OT, "to_status": AC, "year": 2024},
        {"target_id": "t_b", "from_status": OT, "to_status": MA, "year": 2023},
        {"target_id": "t_d", "from_status": OT, "to_status": IP, "year": 2024},
    ]


def test_recent_changes_in_the_last_year_and_over_the_whole_history():
    h = status_history(OBS, TARGETS, KINDS, 2024)
    assert recent_changes(h, years=1)["target_id"].tolist() == ["t_a", "t_d"]
    everything = recent_changes(h, years=10)
    # a: ID->OT 2020, OT->AC 2024; b: ND->ID 2019, ID->OT 2021, OT->MA 2023; c: ID->MI 2021; d: ID->OT 2021, OT->IP 2024
    assert list(zip(everything["target_id"], everything["year"])) == [
        ("t_a", 2020), ("t_a", 2024), ("t_b", 2019), ("t_b", 2021), ("t_b", 2023), ("t_c", 2021),
        ("t_d", 2021), ("t_d", 2024)]


def test_no_data_gives_no_year_and_no_change():
    h = status_history(OBS.iloc[0:0], TARGETS, KINDS, 2024)
    assert list(h.index) == ["t_a", "t_b", "t_c", "t_d"] and h.shape[1] == 0
    assert recent_changes(h).empty


def test_real_data_history_ends_with_the_report_scorecards():
    from analysis import dataset
    from analysis.history import dataset_history
    from analysis.bundle import previous_scorecard, scorecards

    ds = dataset.load()
    h = dataset_history(ds, 2025, baseline_year=2019)
    assert list(h[2025]) == list(scorecards(ds, 2025, 2019)["status"])
    assert list(h[2024]) == list(previous_scorecard(ds, 2025, 2019)["status"])
    # The first column is the first year of a figure the engine uses (selected, full-year): 2015 in the
    # curated data (the 2014 VCCI row is kept but not selected).
    assert h.columns[0] == 2015

