"""Methodology "One series, one definition", rules 12 and 13, and the default edition.

Small hand-made datasets; every expected figure is worked out by hand in the comments.
"""
from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.data.dataset import load
from analysis.data.edition import latest_year
from analysis.engine.progress import scorecard, status_alternatives
from analysis.engine.series import since_last_break, yearly_series
from analysis.engine.terms import ALTERNATIVE_COLUMNS
from conftest import OBSERVATIONS, SOURCES, named, write_dataset

HEADER = "indicator_id,period,value,source_id,locator,status,selected,note,qualifier,partial,producer,proxy,grade,out_of\n"


def obs(rows) -> pd.DataFrame:
    """rows: (indicator, period, value, producer[, selected[, proxy[, qualifier[, source_id]]]])."""
    recs = []
    for r in rows:
        ind, period, value, producer = r[:4]
        recs.append(dict(indicator_id=ind, period=period, value=float(value), producer=producer,
                         selected=r[4] if len(r) > 4 else True, proxy=r[5] if len(r) > 5 else False,
                         qualifier=r[6] if len(r) > 6 else "", source_id=r[7] if len(r) > 7 else "src",
                         partial=False, status="final"))
    return pd.DataFrame(recs)


def targets(*rows) -> pd.DataFrame:
    return pd.DataFrame([dict(target_id=t, indicator_id=i, comparator=c, target_value=float(v), target_year=y)
                         for t, i, c, v, y in rows])


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, timeout=120)


# --------------------------------------------------------------------------------------------
# The data contract: producer and proxy are required
# --------------------------------------------------------------------------------------------


def test_an_older_file_without_producer_and_proxy_is_located(data_dir):
    old = "\n".join(",".join(line.split(",")[:10]) for line in OBSERVATIONS.strip().splitlines()) + "\n"
    (data_dir / "observations.csv").write_text(old, encoding="utf-8")
    named(data_dir)
    errs = load(data_dir).errors
    # grade is required too (rule 14); out_of is optional, so its absence is no error.
    assert [(Path(e.file).name, e.line, e.column) for e in errs] == [
        ("observations.csv", 1, "producer"), ("observations.csv", 1, "proxy"), ("observations.csv", 1, "grade")]
    assert "missing column" in errs[0].message and "the body that made the figure" in errs[0].message
    r = run_cli("validate", "--data", str(data_dir))
    assert r.returncode == 1
    assert "observations.csv:1: producer: missing column" in r.stderr


def test_empty_producer_and_invalid_proxy_are_located(data_dir):
    text = OBSERVATIONS.replace("ranks 55th,final,true,,,false,WIPO,false", "ranks 55th,final,true,,,false,,false")
    text = text.replace("18.5%,estimate,true,,,false,General Statistics Office,false",
                        "18.5%,estimate,true,,,false,General Statistics Office,yes")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    named(data_dir)
    located = {(Path(p.file).name, p.line, p.column): p.message for p in load(data_dir).errors}
    assert set(located) == {("observations.csv", 3, "producer"), ("observations.csv", 5, "proxy")}
    assert located[("observations.csv", 3, "producer")] == "empty; a value is required"
    assert "found 'yes': expected true or false" in located[("observations.csv", 5, "proxy")]


# --------------------------------------------------------------------------------------------
# Validator: producer switch and earlier release
# --------------------------------------------------------------------------------------------


def test_producer_switch_is_warned_at_the_later_row(data_dir):
    # GII 2023 (line 4) from another producer than 2019 and 2021.
    text = OBSERVATIONS.replace("ranks 50th,final,true,,,false,WIPO,false,A",
                                "ranks 50th,final,true,,,false,Cornell,false,C")  # WIPO's page, another producer: C
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    named(data_dir)
    ds = load(data_dir)
    assert ds.errors == []
    w = [p for p in ds.warnings if p.column == "producer"]
    assert [(Path(p.file).name, p.line) for p in w] == [("observations.csv", 4)]
    assert "'Cornell'" in w[0].message and "observations.csv:3) from 'WIPO'" in w[0].message
    assert "the point before it (2021, " in w[0].message
    r = run_cli("validate", "--data", str(data_dir))
    assert r.returncode == 0  # warnings only
    assert "observations.csv:4: warning: producer: series break" in r.stdout


def test_same_producer_in_other_case_or_spacing_is_no_switch(data_dir):
    text = OBSERVATIONS.replace("ranks 50th,final,true,,,false,WIPO,false", "ranks 50th,final,true,,,false, wipo ,false")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    named(data_dir)
    assert [p for p in load(data_dir).problems if p.level == "warning"] == []


def test_explained_producer_switch_is_not_printed_unless_all(data_dir):
    text = OBSERVATIONS.replace("ranks 50th,final,true,,,false,WIPO,false,A",
                                "ranks 50th,final,true,Series break: new host publishes it,,false,Cornell,false,C")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    named(data_dir)
    ds = load(data_dir)
    assert ds.warnings == []
    assert [(p.line, p.column) for p in ds.explained] == [(4, "producer")]
    r = run_cli("validate", "--data", str(data_dir))
    assert r.returncode == 0 and "series break" not in r.stdout.split("OK:")[0]
    assert "1 explained in the row's note" in r.stdout
    r = run_cli("validate", "--data", str(data_dir), "--all")
    assert "observations.csv:4: warning: producer: series break" in r.stdout
    assert "[explained in the note]" in r.stdout


SOURCES_LATER = SOURCES + "s3,General Statistics Office,Niên giám thống kê 2025,2026-01-10,2026-11-23,,vi,,national,\n"


def test_earlier_release_selected_is_warned(tmp_path):
    # Line 6 (fdi_share 2024, 19.5 final, s1 published 2025-09-16) is selected; line 8 (s3,
    # published 2026-01-10, later) revises it to 19.7: warned at line 6, column selected.
    observations = OBSERVATIONS + "fdi_share,2024,19.7,s3,19.7%,final,false,,,false,General Statistics Office,false,B,\n"
    ds = load(write_dataset(tmp_path / "d", sources=SOURCES_LATER, observations=observations))
    assert ds.errors == []
    w = [(p.line, p.column) for p in ds.warnings]
    assert w == [(6, "selected")]
    assert "observations.csv:8 (s3, published 2026-01-10) gives 19.7 (final)" in ds.warnings[0].message


def test_estimate_made_final_by_a_later_release_is_warned(tmp_path):
    # fdi_share 2020 (line 5) is an estimate; a later source gives the same 18.5 as final.
    observations = OBSERVATIONS + "fdi_share,2020,18.5,s3,18.5%,final,false,,,false,General Statistics Office,false,B,\n"
    ds = load(write_dataset(tmp_path / "d", sources=SOURCES_LATER, observations=observations))
    assert [(p.line, p.column) for p in ds.warnings] == [(5, "selected")]


def test_explained_earlier_release_and_unchanged_later_release_are_not_warned(tmp_path):
    observations = OBSERVATIONS.replace(
        "fdi_share,2024,19.5,s1,19.5%,final,true,,,false",
        "fdi_share,2024,19.5,s1,19.5%,final,true,Earlier release kept: the 2026 yearbook changed the coverage,,false")
    observations += "fdi_share,2024,19.7,s3,19.7%,final,false,,,false,General Statistics Office,false,B,\n"
    ds = load(write_dataset(tmp_path / "d", sources=SOURCES_LATER, observations=observations))
    assert ds.warnings == []
    assert [(p.line, p.column) for p in ds.explained] == [(6, "selected")]
    # A later release with the same value and status is no reason to warn.
    observations = OBSERVATIONS + "fdi_share,2024,19.5,s3,19.5%,final,false,,,false,General Statistics Office,false,B,\n"
    ds = load(write_dataset(tmp_path / "e", sources=SOURCES_LATER, observations=observations))
    assert [p for p in ds.problems if p.level == "warning"] == []


def test_a_later_figure_from_another_producer_is_not_a_later_release(tmp_path):
    # Line 8 gives fdi_share 2024 = 19.7, later than the selected 19.5 (line 6), but Customs made it,
    # not the statistics office: another series, so no earlier-release warning.
    observations = OBSERVATIONS + "fdi_share,2024,19.7,s3,19.7%,final,false,Customs figure,,false,Vietnam Customs,false,B,\n"
    ds = load(write_dataset(tmp_path / "d", sources=SOURCES_LATER, observations=observations))
    assert ds.errors == [] and ds.warnings == [] and ds.explained == []


def test_a_period_with_no_selected_row_needs_a_reason_on_every_row(tmp_path):
    # relations 2025-09-10 (line 8) is kept but not selected: an error unless its note says why.
    extra = "relations,2025-09-10,193,s1,193 UN members,final,false,{note},,false,Ministry of Foreign Affairs,false,B,\n"
    ds = load(write_dataset(tmp_path / "d", observations=OBSERVATIONS + extra.format(note="conference")))
    assert [(Path(p.file).name, p.line, p.column) for p in ds.errors] == [("observations.csv", 8, "selected")]
    assert "'not selected'" in ds.errors[0].message
    ds = load(write_dataset(tmp_path / "e", observations=OBSERVATIONS + extra.format(
        note="Not selected: wording impossible as stated")))
    assert ds.errors == []


# --------------------------------------------------------------------------------------------
# Engine: no pace across a producer break
# --------------------------------------------------------------------------------------------


def test_pace_is_fitted_only_from_the_latest_producer_break():
    o = obs([("r", "2018", 10, "World Bank"), ("r", "2019", 12, "World Bank"), ("r", "2020", 14, "World Bank"),
             ("r", "2021", 8, "State Bank"), ("r", "2023", 10, "State Bank")])
    row = scorecard(o, targets(("T", "r", ">=", 30, 2030)), {"r": "amount"}, 2023, 2015).iloc[0]
    # Only 2021 and 2023 are used: s = (10 - 8) / 2 = 1; p = 10 + 1 * 7 = 17;
    # R = (17 - 8) / (30 - 8) = 9 / 22 -> insufficient_progress, two points -> low_evidence.
    assert row["baseline_year"] == 2021 and row["baseline_value"] == 8
    assert row["n_points"] == 2
    assert row["pace_actual"] == pytest.approx(1.0)
    assert row["projected_value"] == pytest.approx(17.0)
    assert row["ratio"] == pytest.approx(9 / 22)
    assert row["status"] == "insufficient_progress"
    assert row["flags"] == "low_evidence"
    kept = since_last_break(yearly_series(o, 2023))
    assert kept["year"].tolist() == [2021, 2023]


def test_a_single_point_after_the_break_is_insufficient_data():
    o = obs([("r", "2020", 14, "World Bank"), ("r", "2021", 15, "World Bank"), ("r", "2023", 16, "State Bank")])
    row = scorecard(o, targets(("T", "r", ">=", 30, 2030)), {"r": "amount"}, 2023, 2015).iloc[0]
    assert row["status"] == "insufficient_data"
    assert row["n_points"] == 1 and row["baseline_year"] == 2023


# --------------------------------------------------------------------------------------------
# Rule 12: proxy flag
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("proxies, expected", [
    ((False, False, True), "proxy"),   # the latest point is a proxy
    ((True, False, False), "proxy"),   # the base point is a proxy
    ((False, True, False), ""),        # only a middle point: neither latest nor base
])
def test_proxy_flag_on_latest_or_base(proxies, expected):
    # 2020: 10, 2022: 12, 2024: 14, target >= 30 (three points: no low_evidence)
    o = obs([("g", str(y), v, "MPI", True, p) for (y, v), p in zip(((2020, 10), (2022, 12), (2024, 14)), proxies)])
    row = scorecard(o, targets(("T", "g", ">=", 30, 2030)), {"g": "share"}, 2024, 2015).iloc[0]
    assert row["flags"] == expected


def test_proxy_flag_on_a_single_proxy_point():
    o = obs([("g", "2018", 21, "MPI", True, True)])
    row = scorecard(o, targets(("T", "g", ">", 21, 2030)), {"g": "share"}, 2024, 2019).iloc[0]
    assert row["status"] == "insufficient_data"
    # Rule 13: a share of 21 is not "> 21": at the threshold, not met (the GVC case).
    assert row["flags"] == "proxy;at_threshold"


# --------------------------------------------------------------------------------------------
# Rule 12: source_sensitive
# --------------------------------------------------------------------------------------------

RELATIONS = [
    ("rel", "2024-09-23", 194, "MOFA", True, False, "", "vna-2024"),
    ("rel", "2025-09-24", 195, "MOFA", True, False, "", "vgp-2025"),
    ("rel", "2026-01", 194, "MOFA", False, False, "", "conf-2026"),   # a later statement, not selected
]
REL_TARGET = targets(("T_rel", "rel", ">", 194, 2030))


def test_an_unselected_later_figure_that_would_stand_as_the_year_flips_the_status():
    o = obs(RELATIONS)
    row = scorecard(o, REL_TARGET, {"rel": "count"}, 2026, 2021).iloc[0]
    # Selected: latest 195 (2025) > 194 -> achieved. With the 2026 statement as the 2026 point:
    # latest 194, not > 194. Rule 13: "> 194" on a count reads ">= 195", so the base 2024 = 194 has
    # not met it (no rule 7). Points x = 0, 1, 2 (2024-2026), y = 194, 195, 194: slope 0,
    # p = 194, R = (194 - 194) / (195 - 194) = 0 -> insufficient_progress.
    assert row["status"] == "achieved"
    assert row["flags"] == "low_evidence;source_sensitive"  # two points, 2024 and 2025
    alt = status_alternatives(o, REL_TARGET, {"rel": "count"}, 2026, 2021)
    assert list(alt.columns) == ALTERNATIVE_COLUMNS
    assert len(alt) == 1
    a = alt.iloc[0]
    assert (a["target_id"], a["window_start"], a["status"], a["alt_status"]) == ("T_rel", 2021, "achieved",
                                                                                 "insufficient_progress")
    assert (a["period"], a["value"], a["source_id"], a["producer"], a["proxy"]) == ("2026-01", 194, "conf-2026",
                                                                                   "MOFA", False)
    assert a["replaces_period"] is None or pd.isna(a["replaces_period"])  # no selected 2026 figure
    assert math.isnan(a["replaces_value"])
    assert a["row"] == 2


def test_an_alternative_dated_after_as_of_is_not_considered():
    o = obs(RELATIONS)
    row = scorecard(o, REL_TARGET, {"rel": "count"}, 2025, 2020).iloc[0]
    assert row["status"] == "achieved"
    assert "source_sensitive" not in row["flags"]
    assert len(status_alternatives(o, REL_TARGET, {"rel": "count"}, 2025, 2020)) == 0


def test_a_competing_figure_for_the_same_year_flips_the_status():
    # 2025: selected 195, unselected 193 (UN members only). With 193: latest 193, base 194 (2024):
    # d * (T - y_b) = 0 -> moving_away.
    o = obs(RELATIONS[:2] + [("rel", "2025-09-24", 193, "MOFA", False, False, "", "nhandan-2025")])
    alt = status_alternatives(o, REL_TARGET, {"rel": "count"}, 2025, 2020)
    assert alt[["period", "value", "source_id", "alt_status", "replaces_period", "replaces_value"]].values.tolist() == [
        ["2025-09-24", 193.0, "nhandan-2025", "moving_away", "2025-09-24", 195.0]]


def test_an_alternative_that_changes_nothing_is_not_flagged():
    # Worked example 1 (on_track). With 2021 = 56 instead of 55 the LS slope over x = -2, 0, 2 is
    # ((-2)*61 + 0*56 + 2*50) / 8 = -2.75 as before: the middle point does not move it; on_track.
    o = obs([("gii", "2019", 61, "WIPO"), ("gii", "2021", 55, "WIPO"), ("gii", "2023", 50, "WIPO"),
             ("gii", "2021", 56, "WIPO", False)])
    t = targets(("T", "gii", "<=", 40, 2030))
    row = scorecard(o, t, {"gii": "rank"}, 2023, 2015).iloc[0]
    assert row["status"] == "on_track"
    assert row["flags"] == ""
    assert len(status_alternatives(o, t, {"gii": "rank"}, 2023, 2015)) == 0


def test_source_sensitive_is_computed_per_window():
    # 2010: 20, 2020: 30, 2022: 32, 2024: 34, target >= 50 by 2030, as of 2024.
    # Short window (B = 2019): base 2020, s = 1, p = 40, R = (40 - 30) / 20 = 0.5 -> insufficient.
    # Long window (B = 2009): collinear, s = 1, p = 40, R = (40 - 20) / 30 = 0.667 -> moderate.
    # Alternative 2010 = 26: x = 0, 10, 12, 14; y - 26 = 0, 4, 6, 8: n = 4, sx = 36, sy = 18,
    # sxy = 224, sxx = 440; s = (4*224 - 36*18) / (4*440 - 36**2) = 248 / 464;
    # p = 34 + 6 * 248 / 464 = 37.207; R = (37.207 - 26) / 24 = 0.467 -> insufficient (long only).
    o = obs([("x", "2010", 20, "P"), ("x", "2020", 30, "P"), ("x", "2022", 32, "P"), ("x", "2024", 34, "P"),
             ("x", "2010", 26, "P", False)])
    t = targets(("T", "x", ">=", 50, 2030))
    short = scorecard(o, t, {"x": "amount"}, 2024, 2019).iloc[0]
    long = scorecard(o, t, {"x": "amount"}, 2024, 2009).iloc[0]
    assert (short["status"], short["flags"]) == ("insufficient_progress", "")
    assert long["status"] == "moderate_progress"
    assert long["ratio"] == pytest.approx(20 / 30)
    assert long["flags"] == "source_sensitive"
    alt = status_alternatives(o, t, {"x": "amount"}, 2024, 2009)
    assert alt[["period", "value", "alt_status"]].values.tolist() == [["2010", 26.0, "insufficient_progress"]]
    assert 0.6 > (34 + 6 * 248 / 464 - 26) / 24 > 0  # the hand figure above, as a sanity check


def test_the_flag_and_the_list_agree_on_the_curated_data():
    ds = load()
    first, last = ds.years()
    for as_of in range(first, last + 1):
        for b in (as_of - config.SHORT_WINDOW, as_of - config.LONG_WINDOW):
            sc = scorecard(ds.observations, ds.targets, ds.kinds(), as_of, b)
            alt = status_alternatives(ds.observations, ds.targets, ds.kinds(), as_of, b)
            flagged = set(sc.loc[sc["flags"].str.contains("source_sensitive"), "target_id"])
            assert flagged == set(alt["target_id"])


# --------------------------------------------------------------------------------------------
# Rule 13: the gap is the distance still to go in the target's direction
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("comparator, target, latest, gap, status", [
    (">", 21, 19, 2, "insufficient_data"),    # 21 - 19 still to go
    (">", 21, 25, -4, "achieved"),            # met, by 4
    (">=", 60, 45, 15, "insufficient_data"),
    (">=", 60, 60, 0, "achieved"),            # met exactly
    ("<", 40, 45, 5, "insufficient_data"),    # -1 * (40 - 45): 5 places to climb
    ("<", 40, 38, -2, "achieved"),
    ("<=", 40, 50, 10, "insufficient_data"),
    ("<=", 40, 30, -10, "achieved"),          # met, by 10 places
])
def test_gap_sign_for_each_comparator(comparator, target, latest, gap, status):
    o = obs([("i", "2024", latest, "P")])
    row = scorecard(o, targets(("T", "i", comparator, target, 2030)), {"i": "index"}, 2024, 2019).iloc[0]
    assert row["status"] == status
    assert row["gap"] == gap


def test_met_gap_reads_met_by_in_both_languages():
    from analysis.editions import phrases

    assert phrases.gap_text({"gap": -4.0, "status": "achieved"}, "en") == "met, by 4"
    assert phrases.gap_text({"gap": -2.5, "status": "achieved"}, "vi") == "đã đạt, vượt 2,5"
    assert phrases.gap_text({"gap": 0.0, "status": "achieved"}, "en") == "met"
    assert phrases.gap_text({"gap": 10.0, "status": "moving_away"}, "en") == "10"


# --------------------------------------------------------------------------------------------
# The default edition: the latest year the data reach
# --------------------------------------------------------------------------------------------


def test_default_edition_is_the_latest_selected_full_year(tmp_path):
    # The fixture's latest selected full-year figure: relations 2025-09-16 -> 2025. A selected
    # partial 2026 row and an unselected 2026 row do not move it.
    extra = ("relations,2026-01,195,s1,195,final,true,,,true,MOFA,false,B,\n"
             "relations,2026-01-05,195,s1,195,final,false,,,false,MOFA,false,B,\n")
    data = write_dataset(tmp_path / "d", observations=OBSERVATIONS + extra)
    assert latest_year(data) == 2025
    data2 = write_dataset(tmp_path / "e", observations=OBSERVATIONS.replace("relations,2025-09-16", "relations,2026-01-05")
                          .replace("2025-09-16", "2026-01-05"))
    assert latest_year(data2) == 2026
    assert latest_year(tmp_path / "nowhere") is None


def test_scorecard_and_make_use_the_default_edition(data_dir):
    r = run_cli("scorecard", "--data", str(data_dir))
    assert r.returncode == 0, r.stderr
    rel = next(line for line in r.stdout.splitlines() if line.startswith("t_rel,"))
    assert ",2025,194," in rel  # latest_year 2025, latest_value 194: as of 2025
    # The Makefile asks the stdlib helper, not a year written in it.
    r = subprocess.run(["make", "-n", "report", f"DATA={data_dir}", "REPORTS=/nonexistent-reports",
                        f"PYTHON={sys.executable}"],  # the Python of this .venv, so make keeps it
                       cwd=config.PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert '--as-of "2025"' in r.stdout, r.stdout + r.stderr
    assert "2025" not in (config.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")


def test_a_relayed_figure_selected_over_the_producer_s_own_is_warned(data_dir):
    # Rule 18. relations: the Ministry's 194 (line 7) and, for the same year, 195 read where no producer is named
    # (line 8). Selecting 195 over the Ministry's own statement is warned at the selected row, column `selected`.
    text = OBSERVATIONS.replace("194 quốc gia,final,true,,", "194 quốc gia,final,false,Not selected: see 195,") + (
        "relations,2025-09-10,195,s1,195 quốc gia,final,true,,,false,not named by the source,false,C,\n")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    named(data_dir)
    ds = load(data_dir)
    assert ds.errors == []
    w = [p for p in ds.warnings if "producer's own figure" in p.message]
    assert [(Path(p.file).name, p.line, p.column) for p in w] == [("observations.csv", 8, "selected")]
    assert "observations.csv:7 gives 194 from 'Ministry of Foreign Affairs' for relations 2025" in w[0].message
    # The producer's own statement selected, the relayed one kept unselected: nothing to say.
    text = OBSERVATIONS + "relations,2025-09-10,195,s1,195 quốc gia,final,false,,,false,not named by the source,false,C,\n"
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    named(data_dir)
    assert not [p for p in load(data_dir).warnings if "producer's own figure" in p.message]
