"""The scenario notebook and its module: hypothetical figures assessed beside the published ones, never written
to the data folder; bad parameters named. Expected statuses worked out by hand from the rules (docs/methodology.md)
on the small dataset of conftest.py."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.data import dataset
from analysis.editions import plots
from analysis.editions import scenario as what_if

NOTEBOOK = config.NOTEBOOKS_DIR / "scenario.ipynb"


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# conftest's GII ranks: 2019 61, 2021 55, 2023 50; target <= 40 by 2030; the data reach 2025 (relations).
# Without a scenario, as of 2025:
#   short window (B = 2020): base 2021 (55), slope (50 - 55) / 2 = -2.5, p = 50 - 2.5 * 7 = 32.5,
#     R = (32.5 - 55) / (40 - 55) = 1.5: on track; two years only: † (low_evidence).
#   long window (B = 2010): base 2019 (61), least squares over 61, 55, 50: slope -22 / 8 = -2.75,
#     p = 50 - 2.75 * 7 = 30.75, R = (30.75 - 61) / (40 - 61) = 1.44: on track.
# With a hypothetical rank 60 in 2025:
#   short: 55, 50, 60 over 2021-2025: slope 10 / 8 = 1.25, p = 60 + 1.25 * 5 = 66.25,
#     R = (66.25 - 55) / (40 - 55) = -0.75: moving away; three years: no †.
#   long: 61, 55, 50, 60 over 2019-2025: slope -8 / 20 = -0.4, p = 60 - 0.4 * 5 = 58,
#     R = (58 - 61) / (40 - 61) = 1/7: insufficient progress.
GII_60 = [("gii_rank", 2025, 60)]


def test_a_hypothetical_figure_is_assessed_as_worked_out_by_hand(data_dir):
    ds = dataset.load(data_dir)
    run = what_if.run(ds, GII_60, "en")
    assert run.as_of == 2025
    before = run.without.scorecard.set_index("target_id").loc["t_gii"]
    after = run.with_.scorecard.set_index("target_id").loc["t_gii"]
    assert (before["status"], before["flags"], before["status_long"]) == ("on_track", "low_evidence", "on_track")
    assert before["pace_actual"] == pytest.approx(-2.5) and before["projected_value"] == pytest.approx(32.5)
    assert (after["status"], after["flags"], after["status_long"]) == ("moving_away", "", "insufficient_progress")
    assert after["pace_actual"] == pytest.approx(1.25) and after["projected_value"] == pytest.approx(66.25)
    assert after["pace_actual_long"] == pytest.approx(-0.4) and after["projected_value_long"] == pytest.approx(58)
    ch = what_if.changes(run)
    assert ch[["target_id", "window", "status_before", "status_after"]].values.tolist() == [
        ["t_gii", "status_short", "on_track", "moving_away"],
        ["t_gii", "status_long", "on_track", "insufficient_progress"]]
    assert what_if.change_sentences(run) == [
        "With the hypothetical figures, 1 target(s) change their assessment (as of 2025):",
        "- “GII rank”, short-term assessment: On track † → Moving away",
        "- “GII rank”, long-term assessment: On track → Insufficient progress"]
    assert what_if.marks_used(run) == ["† only two years with figures"]


def test_the_hypothetical_figure_stands_in_for_the_recorded_one_of_its_year(data_dir):
    ds = dataset.load(data_dir)
    before = ds.observations.copy()
    copy, replaced = what_if.apply(ds, pd.DataFrame({"indicator_id": ["gii_rank"], "year": [2023], "value": [45.0]}))
    pd.testing.assert_frame_equal(ds.observations, before)  # the loaded tables are not touched
    assert replaced["value"].tolist() == [50.0]
    gii = copy.observations[copy.observations["indicator_id"] == "gii_rank"].sort_values("period")
    assert gii["period"].tolist() == ["2019", "2021", "2023"] and gii["value"].tolist() == [61, 55, 45]
    new = gii.iloc[-1]
    # Only the value is hypothetical: the series' producer and grade continue (no series break, no new mark).
    assert (new["selected"], new["producer"], new["grade"], new["source_id"]) == (True, "WIPO", "A", what_if.HYPOTHETICAL)
    # 55 (2021) then 45 (2023): slope -5, p = 45 - 35 = 10, R = (10 - 55) / (40 - 55) = 3: still on track †.
    run = what_if.run(ds, [("gii_rank", 2023, 45)], "en")
    assert run.with_.scorecard.set_index("target_id").at["t_gii", "projected_value"] == pytest.approx(10)
    assert what_if.changes(run).empty
    assert what_if.change_sentences(run) == [
        "With the hypothetical figures, no target changes its assessment (as of 2025)."]
    assert what_if.figures_table(run).values.tolist() == [["GII rank", 2023, "45", "50"]]


def test_an_empty_scenario_changes_nothing(data_dir):
    run = what_if.run(dataset.load(data_dir), [], "vi")
    assert what_if.changes(run).empty and what_if.charts(run, data_dir.parent / "charts") == {}
    assert what_if.scorecard_with(run).equals(what_if.scorecard_without(run))


@pytest.mark.parametrize("scenario, as_of, named, said", [
    ([("gdp_rank", 2026, 42)], 0, "scenario[0]", "'gdp_rank' is not an indicator with a target; expected one of: "
                                                 "fdi_share, gii_rank, relations"),
    ([("gii_rank", 2025, 42), ("gii_rank", 2031, 42)], 0, "scenario[1]",
     "the year 2031 is after the target year 2030 of the indicator “GII rank” (gii_rank)"),
    ([("gii_rank", 2025, "42")], 0, "scenario[0]", "the value must be a number such as 42 or 7.3"),
    ([("gii_rank", 2025, None)], 0, "scenario[0]", "found None"),
    ([("gii_rank", "2025", 42)], 0, "scenario[0]", "the year must be a whole number such as 2026; found '2025'"),
    ([("gii_rank", 2025)], 0, "scenario[0]", "exactly three parts"),
    ([("gii_rank", 2025, 42.5)], 0, "scenario[0]", "42.5 is not a whole number"),
    ([("fdi_share", 2025, 120)], 0, "scenario[0]", "120 is above 100, the largest valid value"),
    ([("gii_rank", 2025, 42), ["gii_rank", 2025, 41]], 0, "scenario[1]", "already has a hypothetical figure at scenario[0]"),
    ([("gii_rank", 2026, 42)], 2025, "as_of = 2025", "a hypothetical figure for 2026, after it"),
    (("gii_rank", 2025, 42), 0, "scenario", "must be a list of (indicator, year, value)"),
    ([("gii_rank", 2025, 42)], "2026", "as_of", "must be 0 (the latest year the data reach) or a year such as "
                                                 "2026; found '2026'"),
])
def test_a_bad_parameter_is_named_with_what_was_expected(data_dir, scenario, as_of, named, said):
    with pytest.raises(what_if.ScenarioError) as err:
        what_if.run(dataset.load(data_dir), scenario, "en", as_of)
    assert named in str(err.value) and said in str(err.value)


def test_a_bad_parameter_is_named_in_vietnamese_too(data_dir):
    with pytest.raises(what_if.ScenarioError, match=r"^Tham số scenario\[0\]: năm 2031 sau năm mục tiêu 2030"):
        what_if.run(dataset.load(data_dir), [("gii_rank", 2031, 42)], "vi")


def test_the_changed_targets_are_drawn_with_the_hypothetical_point(data_dir, tmp_path):
    run = what_if.run(dataset.load(data_dir), GII_60, "vi")
    drawn = what_if.charts(run, tmp_path)
    assert list(drawn) == ["t_gii"]
    svg = drawn["t_gii"].read_text(encoding="utf-8")
    assert "Giả định" in svg and plots.HYPOTHETICAL in svg
    assert "Hypothetical" in what_if.charts(what_if.run(dataset.load(data_dir), GII_60, "en"),
                                            tmp_path / "en")["t_gii"].read_text(encoding="utf-8")


def test_a_chart_without_hypothetical_points_is_the_chart_drawn_before(data_dir, tmp_path):
    """plots.trajectory's optional argument: absent, None or empty, the same bytes."""
    from analysis.editions import bundle, charts

    b = bundle.build(dataset.load(data_dir), 2025, "en")
    plots.setup()
    row = b.scorecard.to_dict("records")[0]
    meta = {**b.ds.indicators.set_index("indicator_id").loc[row["indicator_id"]].to_dict()}
    pts = b.points[b.points["indicator_id"] == row["indicator_id"]]
    pubs = charts._producers(pts, "en")
    plain = plots.trajectory(row, pts, meta, "en", tmp_path / "a.svg", pubs).read_bytes()
    assert plots.trajectory(row, pts, meta, "en", tmp_path / "b.svg", pubs, None, None).read_bytes() == plain
    empty = pd.DataFrame({"year": [], "value": []})
    assert plots.trajectory(row, pts, meta, "en", tmp_path / "c.svg", pubs, hypothetical=empty).read_bytes() == plain
    assert b"Hypothetical" not in plain


def _papermill(tmp_path: Path, cwd: Path, **parameters):
    import papermill as pm

    out = tmp_path / "scenario-out.ipynb"
    pm.execute_notebook(str(NOTEBOOK), str(out), parameters=parameters, kernel_name=config.KERNEL_NAME,
                        cwd=str(cwd), progress_bar=False)
    nb = json.loads(out.read_text(encoding="utf-8"))
    text = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            text += o.get("text", []) + o.get("data", {}).get("text/plain", [])
    return "".join(text)


def test_papermill_runs_the_scenario_and_names_the_change_without_touching_the_data(data_dir, tmp_path):
    data_before, fixture_before = digest(config.DATA_DIR), digest(data_dir)
    out = _papermill(tmp_path, config.PROJECT_ROOT, lang="en", data_dir=str(data_dir),
                    scenario=[list(f) for f in GII_60])  # papermill passes lists; a tuple would become a string
    assert "- “GII rank”, short-term assessment: On track † → Moving away" in out
    assert "- “GII rank”, long-term assessment: On track → Insufficient progress" in out
    assert digest(data_dir) == fixture_before
    assert digest(config.DATA_DIR) == data_before


def test_the_notebook_runs_from_its_own_folder_on_the_project_data(tmp_path):
    """As JupyterLab runs it (working directory notebooks/), on data/: a GII rank of 1 meets the target (<= 40),
    so the GII status changes to achieved whatever it is now; data/ stays byte-identical."""
    before = digest(config.DATA_DIR)
    out = _papermill(tmp_path, config.NOTEBOOKS_DIR, lang="vi", scenario=[["gii_rank", 2026, 1]])
    assert "“Xếp hạng Chỉ số đổi mới sáng tạo toàn cầu (GII, WIPO)”, đánh giá ngắn hạn:" in out
    assert "→ Đã đạt" in out
    assert digest(config.DATA_DIR) == before


def test_a_bad_parameter_stops_the_notebook_with_its_name(data_dir, tmp_path):
    import papermill as pm

    with pytest.raises(pm.PapermillExecutionError) as err:
        _papermill(tmp_path, config.PROJECT_ROOT, lang="en", data_dir=str(data_dir), scenario=[["gii_rank", 2025, "x"]])
    assert "Parameter scenario[0]: the value must be a number" in str(err.value)


def test_the_report_s_own_status_stands_beside_the_scenario_and_a_moved_year_is_said(data_dir):
    ds = dataset.load(data_dir)
    # Same year as the report (2025): two status columns, the report's as worked out at the top of this file.
    same = what_if.run(ds, GII_60, "en")
    assert not same.moved
    table = what_if.comparison(same)
    assert list(table.columns) == ["Indicator", "Assessment", "Report (as of 2025)",
                                   "With the hypothetical figures (as of 2025)"]
    gii = table[table["Indicator"] == "GII rank"].values.tolist()
    assert gii == [["GII rank", "Short term", "On track †", "Moving away"],
                   ["GII rank", "Long term", "On track", "Insufficient progress"]]
    assert what_if.assessment_year_note(same) == "Assessed as of 2025, the report's own year."
    # A 2026 figure moves the assessment to 2026: the report's column still says what the report (2025) says,
    # and a middle column shows the recorded figures as of 2026; the note names both years.
    moved = what_if.run(ds, [("gii_rank", 2026, 50)], "en")
    assert moved.moved and (moved.report_as_of, moved.as_of) == (2025, 2026)
    table = what_if.comparison(moved)
    assert list(table.columns) == ["Indicator", "Assessment", "Report (as of 2025)",
                                   "Published figures, as of 2026", "With the hypothetical figures (as of 2026)"]
    assert table[table["Indicator"] == "GII rank"]["Report (as of 2025)"].tolist() == ["On track †", "On track"]
    assert "from 2025 (the report's year) to 2026" in what_if.assessment_year_note(moved)


def test_the_command_line_prints_the_same_table(data_dir, capsys):
    import subprocess
    import sys

    from analysis.__main__ import main

    r = subprocess.run([sys.executable, "-m", "analysis", "scenario", "gii_rank:2025:60", "--lang", "en",
                        "--data", str(data_dir)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "- “GII rank”, short-term assessment: On track † → Moving away" in r.stdout
    row = next(line for line in r.stdout.splitlines() if line.startswith("GII rank") and "Short term" in line)
    assert row.split("  ")[0] == "GII rank" and row.rstrip().endswith("Moving away")
    # a bad figure: the same entry point in this process (the real command line is proven above), no second start
    capsys.readouterr()
    code = main(["scenario", "gii_rank:2025", "--data", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 2 and "gii_rank:2025" in err and "Traceback" not in err
