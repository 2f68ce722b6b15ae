"""Status history on a hand-made dataset; every expected status is worked out in the comments."""
from __future__ import annotations

import pandas as pd

from analysis.engine.history import recent_changes, status_changes, status_history

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
    # Each of the three changes comes with a figure of its year (a 2024-03, b 2023, d 2024): new_figure.
    changes = recent_changes(status_history(OBS, TARGETS, KINDS, 2024))
    assert changes.to_dict("records") == [
        {"target_id": "t_a", "from_status": OT, "to_status": AC, "year": 2024, "cause": "new_figure"},
        {"target_id": "t_b", "from_status": OT, "to_status": MA, "year": 2023, "cause": "new_figure"},
        {"target_id": "t_d", "from_status": OT, "to_status": IP, "year": 2024, "cause": "new_figure"},
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
    from analysis.data import dataset
    from analysis.engine.history import dataset_history
    from analysis.engine.scorecards import previous_scorecard, scorecards

    ds = dataset.load()
    h = dataset_history(ds, 2025, baseline_year=2019)
    assert list(h[2025]) == list(scorecards(ds, 2025, 2019)["status"])
    assert list(h[2024]) == list(previous_scorecard(ds, 2025, 2019)["status"])
    # The first column is the first year of a figure the engine uses (selected, full-year): 2015 in the
    # curated data (the 2014 VCCI row is kept but not selected).
    assert h.columns[0] == 2015



# --------------------------------------------------------------------------------------------
# Rule 16: every change of status says why
# --------------------------------------------------------------------------------------------

GII = {2015: 52, 2016: 59, 2017: 47, 2018: 45, 2019: 42, 2020: 42, 2021: 44, 2022: 48, 2023: 46, 2024: 44,
       2025: 44}
GII_TARGET = pd.DataFrame({"target_id": ["t_gii"], "indicator_id": ["gii"], "comparator": ["<="],
                           "target_value": [40.0], "target_year": [2030]})


def gii_ds(points, grades=None, sources=None, breaks=""):
    """A loaded-dataset stand-in: the GII series only (grades and source ids per year optional)."""
    from types import SimpleNamespace

    from analysis.data.schema import Kinds

    years = sorted(points)
    obs = pd.DataFrame({"indicator_id": "gii", "period": [str(y) for y in years],
                        "value": [float(points[y]) for y in years], "selected": True, "partial": False,
                        "qualifier": "", "producer": "WIPO",
                        "grade": [(grades or {}).get(y, "B") for y in years],
                        "source_id": [(sources or {}).get(y, f"s{y}") for y in years]})
    ind = pd.DataFrame({"indicator_id": ["gii"], "kind": ["rank"], "upper_bound": [float("nan")],
                        "breaks": [breaks], "comparable": [True]})
    return SimpleNamespace(observations=obs, targets=GII_TARGET, indicators=ind, kinds=lambda: Kinds(ind))


# The review's case. As of 2025, B = 2020: points 2020-2025 = 42, 44, 48, 46, 44, 44; x = 0..5, mean x 2.5,
#   mean y 44.667; sxy = 6.667 + 1.0 - 1.667 + 0.667 - 1.0 - 1.667 = 4.0, sxx = 17.5: s = 0.2286;
#   p = 44 + 0.2286 * 5 = 45.14; R = (45.14 - 42) / (40 - 42) = -1.57 -> moving_away.
# As of 2026, B = 2021: points 2021-2025 = 44, 48, 46, 44, 44; mean y 45.2; sxy = 2.4 - 2.8 + 0 - 1.2 - 2.4
#   = -4.0, sxx = 10: s = -0.4; p = 44 - 2.0 = 42; R = (42 - 44) / (40 - 44) = 0.5 -> insufficient_progress.
# No GII figure arrived in 2026: the change is the window's alone.


def test_gii_change_without_a_new_figure_is_the_window():
    ds = gii_ds(GII)
    ch = status_changes(ds, 2025, 2026)
    assert ch.to_dict("records") == [{"target_id": "t_gii", "before": MA, "after": IP, "cause": "window"}]
    h = status_history(ds.observations, GII_TARGET, ds.kinds(), 2026)
    assert (h.loc["t_gii", 2025], h.loc["t_gii", 2026]) == (MA, IP)
    assert recent_changes(h, years=1).to_dict("records") == [
        {"target_id": "t_gii", "from_status": MA, "to_status": IP, "year": 2026, "cause": "window"}]


def test_gii_change_with_a_2026_figure_is_new_figure():
    # With 43 in 2026, B = 2021: 44, 48, 46, 44, 44, 43 (x = 0..5), mean y 44.833; sxy = 2.083 - 4.75 - 0.583
    #   - 0.417 - 1.25 - 4.583 = -9.5, s = -9.5 / 17.5 = -0.5429; p = 43 - 0.5429 * 4 = 40.83;
    #   R = (40.83 - 44) / (40 - 44) = 0.793 -> moderate_progress.
    ds = gii_ds({**GII, 2026: 43})
    assert status_changes(ds, 2025, 2026).to_dict("records") == [
        {"target_id": "t_gii", "before": MA, "after": "moderate_progress", "cause": "new_figure"}]
    h = status_history(ds.observations, GII_TARGET, ds.kinds(), 2026)
    assert recent_changes(h, years=1)["cause"].tolist() == ["new_figure"]


def test_no_change_no_row():
    ds = gii_ds(GII)
    assert status_changes(ds, 2026, 2026).empty
    assert list(status_changes(ds, 2026, 2026).columns) == ["target_id", "before", "after", "cause"]


def test_editions_revision_selection_and_method():
    before = gii_ds(GII)  # as of 2026: insufficient_progress (above)
    # The same source now gives 40 for 2025: 40 <= 40 -> achieved. A revision.
    revised = gii_ds({**GII, 2025: 40})
    assert status_changes(revised, 2026, 2026, before_ds=before)["cause"].tolist() == ["revision"]
    # Another source's 40 selected for 2025: a selection.
    reselected = gii_ds({**GII, 2025: 40}, sources={2025: "other"})
    assert status_changes(reselected, 2026, 2026, before_ds=before)["cause"].tolist() == ["selection"]
    # A break declared in 2023 (same figures): the window keeps 2023-2025 = 46, 44, 44 (base 2023, s = -1,
    # p = 44 - 5 = 39, R = (39 - 46) / (40 - 46) = 1.17 -> on_track): a change of method.
    broken = gii_ds(GII, breaks="2023")
    ch = status_changes(broken, 2026, 2026, before_ds=before)
    assert ch.to_dict("records") == [{"target_id": "t_gii", "before": IP, "after": OT, "cause": "method"}]
    # The code version alone (nothing else changed) cannot change a status here; with a change of status
    # and of code version, and nothing in the data, the cause is method.
    assert status_changes(broken, 2026, 2026, before_ds=before, before_code_version="0.1",
                          after_code_version="0.2")["cause"].tolist() == ["method"]


def test_a_history_without_figure_years_gives_no_cause():
    h = status_history(OBS, TARGETS, KINDS, 2024)
    bare = pd.DataFrame(h.to_dict())  # the statuses only
    bare.index.name, bare.columns.name = "target_id", "year"
    assert set(recent_changes(bare)["cause"]) == {""}
