"""Rule 19, how current: the data cut-off, the release calendar, the releases due and not in the data, and
rule 15's next figure asked of the due edition. Small hand-made tables; expected values worked by hand."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from analysis import config
from analysis.data import dataset
from analysis.engine import currency
from analysis.engine.progress import scorecard
from analysis.engine.scorecards import points


def sources(*accessed) -> pd.DataFrame:
    return pd.DataFrame({"source_id": [f"s{i}" for i in range(len(accessed))], "accessed": list(accessed)})


def test_cutoff_is_the_latest_access_date():
    # 2026-11-23 < 2026-11-29; an empty date is skipped; "2026-10" stands for its last day, 31/10.
    assert currency.data_cutoff(sources("2026-11-23", "", "2026-11-29", "2026-10")) == date(2026, 11, 29)
    assert currency.data_cutoff(sources("", "")) is None


@pytest.mark.parametrize("edition, months, covers, expected", [
    (2026, "9", "same_year", date(2026, 9, 30)),        # GII 2026: out by the end of September 2026
    (2025, "1", "previous_year", date(2026, 1, 31)),    # a full-year 2025 figure: January 2026
    (2025, "1;7", "previous_year", date(2026, 1, 31)),  # twice a year: the first release counts
    (2025, "", "", None),                               # no calendar declared
])
def test_release_date(edition, months, covers, expected):
    assert currency.release_date(edition, months, covers) == expected


@pytest.mark.parametrize("months, covers, cutoff, expected", [
    ("9", "same_year", date(2026, 11, 29), 2026),       # 30/9/2026 <= 29/11/2026
    ("9", "same_year", date(2026, 9, 29), 2025),        # September 2026 not over yet: 2025 (30/9/2025)
    ("9", "same_year", date(2026, 9, 30), 2026),        # the month's last day counts
    ("1", "previous_year", date(2026, 11, 29), 2025),   # the 2025 figure, out by 31/1/2026
    ("1", "previous_year", date(2026, 1, 15), 2024),    # January 2026 not over: the 2024 figure (31/1/2025)
    ("", "", date(2026, 11, 29), None),
])
def test_latest_due(months, covers, cutoff, expected):
    assert currency.latest_due(months, covers, cutoff) == expected


def _data(latest_year=2025, months="9", covers="same_year"):
    ind = pd.DataFrame([dict(indicator_id="x", kind="rank", upper_bound=math.nan, breaks="", comparable=True,
                             release_months=months, release_covers=covers)])
    obs = pd.DataFrame([dict(indicator_id="x", period=str(y), value=float(v), qualifier="", grade="B",
                             out_of=math.nan, selected=True, partial=False, producer="P", proxy=False,
                             source_id="s") for y, v in ((2021, 48), (latest_year, 44))])
    tg = pd.DataFrame([dict(target_id="T", indicator_id="x", comparator="<=", target_value=40.0,
                            target_year=2030, source_published="")])
    return ind, obs, tg


def test_a_due_release_not_in_the_data_and_the_next_figure_it_needs():
    # Rank 44 in 2025, target <= 40 by 2030: r_now = (40 - 44) / 5 = -0.8. Cut-off 29/11/2026: GII 2026 (out by
    # 30/9/2026) is due and not in the data -> release_due 2026, month 9; next figure 44 - 0.8 = 43.2 -> 43.
    ind, obs, tg = _data()
    sc = scorecard(obs, tg, ind, 2026)
    out = currency.with_due_releases(sc, tg, ind, obs, date(2026, 11, 29)).iloc[0]
    assert out["release_due"] == 2026 and out["release_due_month"] == 9
    assert out["needed_next_year"] == 2026 and out["needed_next_value"] == 43


def test_the_due_edition_sets_the_year_of_the_next_figure():
    # A full-year figure (previous_year, January): rank 44 in 2024, as of 2026, cut-off 29/11/2026. The engine
    # asks for the as-of year: 2026. But the due edition is the 2025 figure (out by 31/1/2026), not in the data,
    # so the next figure is 2025's: r_now = (40 - 44) / 6 = -0.6667, 44 - 0.6667 = 43.33 -> 43 (a rank rounds down).
    ind, obs, tg = _data(latest_year=2024, months="1", covers="previous_year")
    sc = scorecard(obs, tg, ind, 2026)
    assert sc.iloc[0]["needed_next_year"] == 2026
    out = currency.with_due_releases(sc, tg, ind, obs, date(2026, 11, 29)).iloc[0]
    assert out["release_due"] == 2025 and out["release_due_month"] == 1
    assert out["needed_next_year"] == 2025 and out["needed_next_value"] == 43


def test_nothing_due_when_the_edition_is_in_the_data_or_no_calendar():
    ind, obs, tg = _data(latest_year=2026)
    sc = scorecard(obs, tg, ind, 2026)
    out = currency.with_due_releases(sc, tg, ind, obs, date(2026, 11, 29)).iloc[0]
    assert pd.isna(out["release_due"]) and pd.isna(out["release_due_month"])
    # 44 in 2026: r_now = -4 / 4 = -1, next 2027: 43 (the engine's own, untouched).
    assert out["needed_next_year"] == 2027 and out["needed_next_value"] == 43
    ind, obs, tg = _data(months="", covers="")
    out = currency.with_due_releases(scorecard(obs, tg, ind, 2026), tg, ind, obs, date(2026, 11, 29)).iloc[0]
    assert pd.isna(out["release_due"])


def _write(tmp_path, real_data_copy, column, value, line=2):
    from tests.test_datapackage import corrupt
    corrupt(real_data_copy, "indicators.csv", line, column, value)
    return [p for p in dataset.load(real_data_copy).errors if p.file.endswith("indicators.csv")]


@pytest.mark.parametrize("column, value, message", [
    ("release_months", "13", "expected months of the year 1-12"),
    ("release_months", "7;1", "in the year's order"),
    ("release_covers", "this_year", "expected one of same_year, previous_year"),
    ("breaks_source", "no-such-source", "unknown source 'no-such-source'"),
])
def test_calendar_and_break_source_are_validated(tmp_path, real_data_copy, column, value, message):
    errors = _write(tmp_path, real_data_copy, column, value)
    if column == "release_months" and value == "7;1":
        # line 2 has no calendar: the months alone also leave release_covers empty
        assert {(p.line, p.column) for p in errors} == {(2, "release_months"), (2, "release_covers")}
    else:
        assert any(p.line == 2 and p.column == column and message in p.message for p in errors), errors


def test_months_without_covers_is_a_located_error(tmp_path, real_data_copy):
    errors = _write(tmp_path, real_data_copy, "release_months", "9")
    assert [(p.line, p.column) for p in errors] == [(2, "release_covers")]


def test_real_data_calendar():
    ds = dataset.load()
    ind = ds.indicators.set_index("indicator_id")
    assert (ind.loc["gii_rank", "release_months"], ind.loc["gii_rank", "release_covers"]) == ("9", "same_year")
    # the cut-off is the latest `accessed` of sources.csv, read here with the csv module (whatever the data say)
    import csv
    with open(config.DATA_DIR / "sources.csv", encoding="utf-8") as f:
        latest = max(r["accessed"] for r in csv.DictReader(f) if r["accessed"])
    assert currency.data_cutoff(ds.sources) == date.fromisoformat(latest)


def test_break_text_names_its_source_when_the_data_give_one(real_data_copy):
    from analysis.editions.target_pages import break_text
    from tests.test_datapackage import corrupt

    ds = dataset.load(real_data_copy)
    pts = points(ds, 2026)
    # gii_rank declares 2018 with its source, the Binh Duong science department's note on GII 2018.
    assert break_text("gii_rank", ds, pts, "vi") == (
        "WIPO đổi phương pháp tính từ năm 2018 (nguồn: Sở Khoa học và Công nghệ tỉnh Bình Dương, “Chỉ số đổi mới "
        "sáng tạo toàn cầu: Việt Nam tăng 2 bậc so với năm 2017 và 14 bậc so với năm 2016”); tốc độ chỉ tính từ "
        "năm 2018.")
    assert break_text("sdg_index_rank", ds, pts, "en") == ""  # no break declared
    line = 1 + list(ds.indicators["indicator_id"]).index("gii_rank") + 1  # header is line 1
    # without breaks_source: the year alone, said of the series' producer
    corrupt(real_data_copy, "indicators.csv", line, "breaks_source", "")
    ds = dataset.load(real_data_copy)
    assert break_text("gii_rank", ds, points(ds, 2026), "en") == ("WIPO changed its method from 2018; the pace is "
                                                                   "fitted from 2018 only.")
    corrupt(real_data_copy, "indicators.csv", line, "breaks_source", "idx-baolongan-gii-2018")
    ds = dataset.load(real_data_copy)
    assert not ds.errors
    text = break_text("gii_rank", ds, points(ds, 2026), "vi")
    assert text.startswith("WIPO đổi phương pháp tính từ năm 2018 (nguồn: ")
    assert "Vietnam ranks 45th in Global Innovation Index" in text


@pytest.mark.parametrize("row, lang, expected", [
    # rank 32 against <= 33: gap = -(33 - 32) = -1, met by 1 place; the level to hold is the target's, 33.
    (dict(kind="rank", comparator="<=", target_value=33.0, gap=-1.0, unit="rank", unit_vi="hạng", latest_value=32.0,
          latest_year=2024), "en", "hold rank 33 or better; 1 place higher in 2024"),
    (dict(kind="rank", comparator="<=", target_value=33.0, gap=-1.0, unit="rank", unit_vi="hạng", latest_value=32.0,
          latest_year=2024), "vi", "giữ vững hạng 33 trở lên; theo số liệu năm 2024, cao hơn 1 bậc"),
    # 195 against > 194 (read >= 195): the level to hold is 195, met exactly (195 - 195 = 0).
    (dict(kind="count", comparator=">", target_value=194.0, gap=0.0, unit="countries", unit_vi="quốc gia",
          latest_value=195.0, latest_year=2025), "en", "hold 195 countries or more; exactly at that level in 2025"),
])
def test_a_met_target_shows_the_level_to_hold_and_its_margin(row, lang, expected):
    from analysis.editions.phrases import next_text

    r = dict(status="achieved", target_year=2030, indicator_id="x", **row)
    assert next_text(r, lang) == expected
