"""The provincial worked example (examples/dong-thap): a plan of another scope, read by the same code.

Expected values are worked out by hand from the example's files: the plan sets seven targets; exports and
international visits have one full-year figure each (2025), the other five none; the two totals over
2026-2030 have not started by 2025.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis import i18n
from analysis.data import dataset
from analysis.engine.progress import scorecard

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dong-thap"


@pytest.fixture(scope="module")
def ds():
    before = {k: {lang: dict(v) for lang, v in m.items()} for k, m in i18n._DATA_NAMES.items()}
    d = dataset.load(EXAMPLE)  # installs the example's names for printing, process-wide
    assert [str(p) for p in d.errors] == []
    yield d
    i18n.use_data_names(before)  # the names other tests' data installed stay as they were


@pytest.fixture(scope="module")
def card(ds):
    sc = scorecard(ds.observations, ds.targets, ds.kinds(), 2025)
    return {r["target_id"]: r for r in sc.to_dict("records")}


def test_the_plan_is_the_provinces(ds):
    assert ds.plan.scope == "province"
    assert ds.plan.short_name == "dong-thap-integration"
    assert ds.plan.name["vi"] == "tỉnh Đồng Tháp"


def test_seven_targets_of_the_plan_two_of_them_totals_over_2026_2030(ds):
    t = ds.targets.set_index("target_id")
    assert len(t) == 7
    assert sorted(t.index[t["target_type"] == "cumulative"]) == ["t_intl_visits", "t_workers_abroad"]
    assert set(t.loc[["t_intl_visits", "t_workers_abroad"], "period_start"].astype(int)) == {2026}


def test_visits_period_not_started_so_the_whole_total_is_still_needed(card):
    r = card["t_intl_visits"]
    # one yearly figure (2025: 766.312 thousand), before the period: C = 0, too few flows for a trend (rule C4),
    # and the average needed is the whole total over five years: 5475 / 5 = 1095 thousand a year.
    assert r["status"] == "insufficient_data"
    assert r["total_so_far"] == 0
    assert r["flow_required"] == pytest.approx(1095)


def test_exports_have_one_figure_only(card):
    r = card["t_exports"]
    assert r["status"] == "insufficient_data"
    assert r["latest_value"] == pytest.approx(9.21)
    assert r["latest_year"] == 2025


def test_targets_without_figures_say_so(card):
    for t in ("t_fdi_projects", "t_dti_rank", "t_tfp", "t_digital_economy", "t_workers_abroad"):
        assert card[t]["status"] == "no_data", t


def test_former_provinces_ranks_are_context_never_the_merged_provinces_series(ds):
    ind = ds.indicators.set_index("indicator_id")
    assert ind.loc["dti_rank_63_dong_thap_former", "role"] == "context"
    assert ind.loc["dti_rank_63_tien_giang_former", "role"] == "context"
    # the merged province's rank (among 34) has no figure: the 63-province ranks are not chained to it
    obs = ds.observations
    assert obs[obs["indicator_id"] == "dti_rank"].empty


def test_a_total_with_no_figure_before_its_period_still_says_what_a_year_needs(card):
    # rule C1 before 2026: nothing can be missing yet, so 11,000 workers over 2026-2030 need 11000 / 5 = 2200 a year
    r = card["t_workers_abroad"]
    assert r["status"] == "no_data"
    assert r["flow_required"] == pytest.approx(2200)
