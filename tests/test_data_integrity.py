"""The curated dataset itself, read with the csv module (not through the code that validates it).

The data under test (data/, or ANALYSIS_DATA: tests/conftest.py) are checked for what holds for any valid data,
so a valid import never fails them; the last tests check fixed facts of the pinned copy (tests/fixtures/data)."""
from __future__ import annotations

import csv
import re
from datetime import date

import pytest
from conftest import DATA_UNDER_TEST, PINNED

from analysis import config
from analysis.data.dataset import load


def rows(name: str, folder=DATA_UNDER_TEST) -> list[dict]:
    with open(folder / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


SOURCES, INDICATORS, TARGETS, OBS = (rows(f) for f in config.DATA_FILES)
KIND = {i["indicator_id"]: i["kind"] for i in INDICATORS}


def test_the_loader_finds_no_error():
    assert [str(p) for p in load(DATA_UNDER_TEST).errors] == []


def test_every_target_has_a_known_indicator_and_source():
    sources = {s["source_id"] for s in SOURCES}
    for t in TARGETS:
        assert t["indicator_id"] in KIND, t
        assert t["source_id"] in sources, t


def test_every_observation_has_a_known_source_and_indicator():
    sources = {s["source_id"] for s in SOURCES}
    for o in OBS:
        assert o["source_id"] in sources and o["indicator_id"] in KIND, o


def test_one_selected_value_per_indicator_and_period_or_a_reason_on_every_row():
    seen: dict[tuple, list] = {}
    for o in OBS:
        seen.setdefault((o["indicator_id"], o["period"]), []).append(o)
    assert {k: len(g) for k, g in seen.items() if sum(o["selected"] == "true" for o in g) > 1} == {}
    unexplained = {k for k, g in seen.items() if not any(o["selected"] == "true" for o in g)
                   and not all("not selected" in o["note"].casefold() for o in g)}
    assert unexplained == set()


@pytest.mark.parametrize("o", OBS, ids=lambda o: f"{o['indicator_id']}-{o['period']}-{o['source_id']}")
def test_values_are_plausible_for_their_kind(o):
    v, kind = float(o["value"]), KIND[o["indicator_id"]]
    if kind == "rank":
        assert v >= 1 and v == int(v)
    elif kind == "share":
        assert 0 <= v <= 100
    elif kind in ("count", "amount"):
        assert v >= 0


def test_nothing_is_dated_in_the_future():
    for o in OBS:
        year, month, day = (int(x) for x in (o["period"] + "-01-01")[:10].split("-"))
        assert date(year, month, day) <= date.today(), o
    assert all(date.fromisoformat(s["accessed"]) <= date.today() for s in SOURCES if len(s["accessed"]) == 10)


def test_sources_carry_publisher_title_and_access_date():
    for s in SOURCES:
        assert s["publisher"].strip() and re.search(r"\w\w", s["title"]) and s["accessed"], s


def test_locators_are_a_few_words_not_sentences():
    too_long = [(o["source_id"], o["locator"]) for o in OBS if len(o["locator"].split()) > 14]
    assert too_long == []


def test_targets_cover_the_nine_publicly_stated_ones_in_the_pinned_copy():
    # The nine 2030 targets found in public sources (data/README.md, coverage table).
    expected = {("nation_brand_rank", "<=", 33), ("enterprises_gvc_share", ">", 21), ("diplomatic_relations", ">", 194),
                ("intl_organisations", ">", 70), ("gii_rank", "<=", 40), ("sdg_index_rank", "<=", 55),
                ("tourism_competitiveness_rank", "<=", 30), ("innovating_enterprises_share", ">=", 40),
                ("unesco_titles", ">=", 60)}
    targets = rows("targets.csv", PINNED)
    assert {(t["indicator_id"], t["comparator"], int(float(t["target_value"]))) for t in targets} == expected


def test_method_breaks_are_separate_indicators_in_the_pinned_copy():
    # TTCI (to 2019) and TTDI (2021 on) are never chained; nor are the two GDP bases.
    OBS = rows("observations.csv", PINNED)
    ttdi = [o["period"] for o in OBS if o["indicator_id"] == "tourism_competitiveness_rank" and o["selected"] == "true"]
    ttci = [o["period"] for o in OBS if o["indicator_id"] == "tourism_ttci_rank"]
    assert ttci and all(int(p[:4]) <= 2019 for p in ttci)
    assert all(o["note"] for o in OBS if o["indicator_id"] == "tourism_competitiveness_rank" and o["period"] >= "2021")
    assert min(ttdi) == "2019"  # the WEF restatement on the TTDI method
    old = [int(o["period"][:4]) for o in OBS if o["indicator_id"] == "gdp_per_capita_old_basis"]
    new = [int(o["period"][:4]) for o in OBS if o["indicator_id"] == "gdp_per_capita" and len(o["period"]) == 4]
    assert max(old) < min(new)


def test_data_log_in_readme_matches_sources_csv():
    from analysis.data import datalog

    readme = DATA_UNDER_TEST / "README.md"
    assert readme.read_text(encoding="utf-8") == datalog.render(load(readme.parent), readme), "run: python -m analysis datalog"
    assert all(f"`{s['source_id']}`" in readme.read_text(encoding="utf-8") for s in SOURCES)


@pytest.mark.parametrize("lang", config.LANGS)
def test_every_publisher_producer_and_chart_has_its_name_in_every_language(lang):
    """The reports print each publisher, producer and context chart in the edition's language: their names are
    data (publishers.csv, producers.csv, charts.csv), which the validator checks too (data/names.py)."""
    def named(name: str, key: str, prefix: str = "name") -> set:
        return {r[key] for r in rows(name) if r[f"{prefix}_{lang}"].strip()}

    assert sorted({s["publisher"] for s in SOURCES} - named("publishers.csv", "publisher")) == []
    assert sorted({o["producer"] for o in OBS} - named("producers.csv", "producer")) == []
    assert sorted({i["chart"] for i in INDICATORS if i["chart"]} - named("charts.csv", "chart", "title")) == []
