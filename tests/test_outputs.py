"""What one edition leaves in reports/, read back: the contested figure and the proxy on the target
pages (issue 9), the status-history strip and its sentences, and the workbook published with the PDF.

The fixture is the small dataset plus three rows, so that every expected text is worked out by hand:
- relations 2024-09-23 = 190 (selected) and, from another source, 195 dated 2025-09-24 (not selected);
- fdi_share 2024 = 19.5 is a proxy.
"""
from __future__ import annotations

import csv
import os
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from analysis.editions import pipeline
from analysis.editions.workbook_texts import texts
from conftest import OBSERVATIONS, SOURCES, write_dataset

AS_OF = 2025
EXTRA_SOURCE = "s3,Báo Điện tử Chính phủ,Tuvalu,2025-09-25,2026-11-23,https://example.org/c,zh,,national,\n"
EXTRA_OBS = (
    "relations,2024-09-23,190,s1,190 quốc gia,final,true,,,false,Ministry of Foreign Affairs,false,B,\n"
    "relations,2025-09-24,195,s3,195 countries,final,false,Not selected: portal's total,,false,Government portal,false,B,\n"
)


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    root = tmp_path_factory.mktemp("outputs")
    obs = OBSERVATIONS.replace("fdi_share,2024,19.5,s1,19.5%,final,true,,,false,General Statistics Office,false",
                               "fdi_share,2024,19.5,s1,19.5%,final,true,SMEs only,,false,General Statistics Office,true")
    data = write_dataset(root / "data", sources=SOURCES + EXTRA_SOURCE, observations=obs + EXTRA_OBS)
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        pipeline.build(AS_OF, ["vi", "en"], None, data, root / "reports")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return root / "reports"


def text_of(reports, lang) -> str:
    pages = PdfReader(reports / f"vn-integration-report-{AS_OF}-{lang}.pdf").pages
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages))


def test_scorecard_flags_the_contested_and_the_proxy_target(edition):
    rows = {r["target_id"]: r for r in csv.DictReader(open(edition / "figures" / f"{AS_OF}-en" / "scorecard.csv"))}
    # relations: 190 (2024) and 194 (2025): base 190, slope 4, p = 194 + 4 * 5 = 214, R = (214 - 190) / (194 - 190)
    # = 6 -> on track, on two points. With the unselected 195 for 2025 the latest would meet > 194: achieved.
    assert rows["t_rel"]["status"] == "on_track"
    assert rows["t_rel"]["flags"] == "low_evidence;source_sensitive"
    # share: the latest point (2024) is a proxy.
    assert "proxy" in rows["t_share"]["flags"].split(";")
    assert rows["t_gii"]["flags"] == "low_evidence"  # 2021 and 2023 only in the short window


def test_target_page_names_the_other_figure_its_source_and_the_status_it_would_give(edition):
    en = text_of(edition, "en")
    # The reason is the row's note in English ("Not selected: portal's total"); the vi edition, with no note of its
    # language, says the reason the data give: 195's producer is not the series' (Ministry of Foreign Affairs).
    # One date per figure, labelled: both are dated counts, so the day each stood at.
    # the same figure changes the same status in both windows: said once, for both
    # the figure's date, source and reason follow in a sentence of their own (no parentheses three deep)
    assert ("In the short- and long-term assessments: with 195 instead of the selected 194 (as at 16 September 2025), "
            "the status would be “Achieved”, not “On track”. The figure 195: as at 24 September 2025, Government portal "
            "(via Báo Điện tử Chính phủ); not used: portal's total.") in en
    vi = text_of(edition, "vi")
    assert ("Theo đánh giá ngắn hạn và dài hạn: nếu dùng 195 thay cho số liệu được chọn 194 (tính đến ngày 16/9/2025), "
            "đánh giá sẽ là “Đã đạt” thay vì “Có khả năng đạt”. Số liệu 195: tính đến ngày 24/9/2025, Government portal "
            "(qua Báo Điện tử Chính phủ); không được chọn vì là số liệu của cơ quan khác với cơ quan công bố chuỗi số "
            "liệu.") in vi


def test_summary_names_the_target_whose_status_depends_on_the_source(edition):
    assert ("The status depends on the source used (¶, see the target page): Relations.") in text_of(edition, "en")


def test_points_cite_producer_via_publisher_and_mark_the_proxy(edition):
    en = text_of(edition, "en")
    # read at the producer (WIPO's own report): the producer alone, never "WIPO (via WIPO)"
    assert "WIPO (via WIPO)" not in en and "Ministry of Foreign Affairs (via TTXVN)" in en
    assert "WIPO (qua WIPO)" not in text_of(edition, "vi")  # F16
    assert "19.5 ◊" in en  # the proxy point in the target page's table
    assert "19,5 ◊" in text_of(edition, "vi")


def test_history_strip_and_the_changes_of_the_last_two_years(edition):
    en = text_of(edition, "en")
    assert "Short-term status by year of assessment" in en
    # By hand: share has one point until 2024 (insufficient data), then 18.5 -> 19.5 gives R = 1 (on track);
    # relations: nothing before 2024, one point in 2024, on track in 2025; GII stays on track.
    # Each change came with a figure dated in its year (rule 16: the cause is said).
    for sentence in ("Share: from “Insufficient data” to “On track” in the 2024 assessment (a new figure).",
                     "Relations: from “No data” to “Insufficient data” in the 2024 assessment (a new figure).",
                     "Relations: from “Insufficient data” to “On track” in the 2025 assessment (a new figure)."):
        assert sentence in en
    assert "GII rank: from" not in en


def test_workbook_is_published_with_the_pdf_and_holds_the_history(edition):
    for lang in ("vi", "en"):
        assert (edition / f"vn-integration-report-{AS_OF}-{lang}.xlsx").is_file()
    wb = load_workbook(edition / f"vn-integration-report-{AS_OF}-en.xlsx")
    T = texts("en")
    head, *rows = list(wb[T["sheet.history"]].iter_rows(values_only=True))
    # pillar and indicator, then the years (GII from 2019 is the first figure), the target's id last
    assert list(head[2:-1]) == [str(y) for y in range(2019, 2026)]
    by_indicator = {r[1]: r for r in rows}
    assert by_indicator["Relations"][-3:-1] == ("Insufficient data", "On track")
