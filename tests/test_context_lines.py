"""Context lines (review items 13, 14): counts change in units, amounts by average growth, nothing computed
on a qualified value, the qualifier kept on both ends, counts of different dates printed with their dates."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.editions.context import _context_line


def series(values, years, qualifiers=None, periods=None):
    return pd.DataFrame({"year": years, "value": values, "qualifier": qualifiers or [""] * len(values),
                         "period": periods or [str(y) for y in years]})


@pytest.mark.parametrize("lang, expected", [
    ("vi", "CSP: 14 nước (2025), từ 3 nước (2021); tăng 11 nước"),  # every level with its unit (S3-23)
    ("en", "CSP: 14 countries (2025), from 3 countries (2021); up 11 countries"),
])
def test_a_count_changes_in_units_not_by_compound_growth(lang, expected):
    unit = "nước" if lang == "vi" else "countries"
    assert _context_line("CSP", series([3, 14], [2021, 2025]), "count", lang, unit) == expected


def test_a_count_that_fell_by_one_or_stayed():
    assert _context_line("SP", series([11, 10], [2023, 2025]), "count", "vi", "nước") == \
        "SP: 10 nước (2025), từ 11 nước (2023); giảm 1 nước"
    assert _context_line("FTA", series([17, 17], [2024, 2025]), "count", "en", "agreements") == \
        "FTA: 17 agreements (2025), from 17 agreements (2024); unchanged"


def test_an_amount_grows_on_average_and_a_fall_is_said_as_a_fall():
    # (165.6 → 455 over 10 years): (455/165.6)^(1/10) − 1 = 10.64 %; (39.4 → 38.42 over 2): −1.25 %
    assert _context_line("Imports", series([165.6, 455], [2015, 2025]), "amount", "vi") == \
        "Imports: 455 (2025), từ 165,6 (2015); tăng bình quân 10,6%/năm"
    assert _context_line("FDI", series([39.4, 38.42], [2023, 2025]), "amount", "en") == \
        "FDI: 38.42 (2025), from 39.4 (2023); average decline 1.3%/yr"


@pytest.mark.parametrize("qualifiers, expected, expected_count", [  # the qualifiers in words (issue 21, item 5)
    ([">", ">"], "Trade: more than 930 (2025), from more than 425 (2017)",
     "Trade: more than 930 x (2025), from more than 425 x (2017)"),  # a floor: no rate
    (["", ">"], "Trade: more than 930 (2025), from 425 (2017)", "Trade: more than 930 x (2025), from 425 x (2017)"),
    (["~", ">"], "Trade: more than 930 (2025), from about 425 (2017)",
     "Trade: more than 930 x (2025), from about 425 x (2017)"),  # base keeps 'about'
    (["~", ""], "Trade: 930 (2025), from about 425 (2017)", "Trade: 930 x (2025), from about 425 x (2017)"),
])
def test_no_change_is_computed_on_a_qualified_value(qualifiers, expected, expected_count):
    assert _context_line("Trade", series([425, 930], [2017, 2025], qualifiers), "amount", "en") == expected
    assert _context_line("Trade", series([425, 930], [2017, 2025], qualifiers), "count", "en", "x") == expected_count


def test_nearly_is_said_where_the_source_says_it_and_under_where_it_says_under():
    s = series([36.61], [2023], ["<"]).assign(locator=["neared US$36.61 billion"])
    assert _context_line("FDI", s, "amount", "vi", "tỷ USD") == "FDI: gần 36,61 tỷ USD (2023)"
    s = series([0.5], [2024], ["<"]).assign(locator=["chiếm tỷ lệ chưa đầy 0,5%"])
    assert _context_line("GSC", s, "share", "vi", "%") == "GSC: dưới 0,5% (2024)"


def test_dated_lines_carry_the_full_date():
    s = series([12, 10], [2023, 2025], periods=["2023-09-10", "2025-08-22"])
    assert _context_line("SP", s, "count", "vi", "nước", dated=True) == "SP: 10 nước (22/8/2025), từ 12 nước (2023); giảm 2 nước"
    assert _context_line("SP", s, "count", "en", "countries", dated=True) == \
        "SP: 10 countries (22 Aug 2025), from 12 countries (2023); down 2 countries"
    # Decree 30/2020 in vi: day 8 -> 08, month 2 -> 02; en keeps 8 Feb
    s = series([12, 10], [2023, 2026], periods=["2023-09-10", "2026-02-08"])
    assert _context_line("SP", s, "count", "vi", "nước", dated=True) == "SP: 10 nước (08/02/2026), từ 12 nước (2023); giảm 2 nước"
    assert _context_line("SP", s, "count", "en", "countries", dated=True) == \
        "SP: 10 countries (8 Feb 2026), from 12 countries (2023); down 2 countries"
    s = series([12, 10], [2023, 2025], periods=["2023", "2025-08"])
    assert _context_line("SP", s, "count", "en", "countries", dated=True).startswith("SP: 10 countries (Aug 2025)")


def chart_note(chart: str, lang: str) -> str:
    """The note under a context chart, read with the csv module from the pinned data's charts.csv."""
    import csv

    from analysis import config

    with open(config.DATA_DIR / "charts.csv", encoding="utf-8") as f:
        return next(r[f"note_{lang}"] for r in csv.DictReader(f) if r["chart"] == chart)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_partner_counts_are_each_dated_and_never_summed(lang, real_edition):
    """Real data: 14 comprehensive strategic (30/12/2025) + 10 strategic + 15 comprehensive (22/8/2025) is 39,
    not the 42 (14/1/2026) printed above them: each carries its date, and a line says they do not add up."""
    from analysis import i18n

    b = real_edition(2026, lang)[1]
    partners = next(c for c in b.context if c["id"] == "partners")
    lines = partners["summary"]
    day = {"vi": ["14/01/2026", "30/12/2025", "22/8/2025"], "en": ["14 Jan 2026", "30 Dec 2025", "22 Aug 2025"]}[lang]
    unit = {"vi": "nước", "en": "countries"}[lang]
    assert f"42 {unit} ({day[0]})" in lines[0] and f"14 {unit} ({day[1]})" in lines[1]
    assert f"10 {unit} ({day[2]})" in lines[2] and f"15 {unit} ({day[2]})" in lines[3]
    # 12 strategic partners (2023) to 10: the two that left were upgraded, said in both editions (S2-21)
    # the note is the data's (data/context_notes.csv), printed after the change
    assert lines[2].split(" (")[0] != "" and i18n.data_name("context_notes", "partners_sp.down", lang) in lines[2]
    assert lines[-2] == i18n.text(lang, "context_units.different_dates")
    assert lines[-1] == chart_note("partners", lang)  # the abbreviation spelled out, after the dates
    assert not any("39" in line for line in lines)
    growth = {"vi": "tăng trưởng kép", "en": "compound growth"}[lang]
    assert not any(growth in line for c in b.context for line in c["summary"])


def test_each_context_line_says_who_where_since_when_and_its_grade(real_edition):
    """Real data, worked by hand from observations.csv and sources.csv: the latest partner count, 42 dated
    14/1/2026, is the Foreign Ministry's, read in Báo Thanh Hóa (published January 2026), grade B. (The Finance
    Ministry's newspaper restated it on 18/2/2026 without naming the Ministry; that row is not selected, rule 18.)"""
    from analysis import i18n

    b = real_edition(2026, "vi")[1]
    partners = next(c for c in b.context if c["id"] == "partners")
    assert partners["summary"][0].endswith(
        ". Nguồn: Bộ Ngoại giao, qua Báo Thanh Hóa, công bố tháng 01/2026; nguồn loại B.")
    for c in b.context:  # every figure line names its grade
        for line in c["summary"][:len(c["indicators"])]:
            assert re.search("loại [ABC]", line), line
    fdi = next(c for c in b.context if c["id"] == "fdi")
    assert fdi["summary"][-1] == chart_note("fdi", "vi")  # the two FDI series named apart
