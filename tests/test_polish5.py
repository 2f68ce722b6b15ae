"""Issue 21, the fifth cold read's polish items (review of 07/12/2026, S3-7, S3-8, S3-14): target pages that share
a page and keep their text, chart and table together; the status history's legend for a year without a new
figure; the noise band folded into rule (10); a context line's source as one flat sentence (S3-13). Expected texts are written by hand from the pinned data
(tests/fixtures/data) and the review."""
from __future__ import annotations

import re

import pytest

from analysis.editions.plots import legend_width


@pytest.fixture(scope="module")
def pages(pinned_edition_pages):
    """Each edition's pages as text, spaces collapsed (the session's pinned build, tests/conftest.py)."""
    return {lang: [re.sub(r"\s+", " ", page) for page in texts] for lang, texts in pinned_edition_pages.items()}


def _page_of(pages: list[str], text: str) -> int:
    found = [i for i, p in enumerate(pages) if text in p]
    assert found, text
    return found[0]


def test_a_legend_column_is_as_wide_as_its_own_widest_entry():
    # entries 100, 50 and 80 pt wide at 8 pt, in 2 columns: (100, 50) and (80); each column 3 font sizes (24 pt) of
    # handle and padding plus its widest entry, 1.2 font sizes (9.6 pt) between columns, 0.3 font sizes (2.4 pt)
    # of padding either side: 124 + 104 + 9.6 + 4.8 = 242.4
    assert legend_width([100, 50, 80], 2) == pytest.approx(242.4)
    # one column: 24 + 100 + 4.8
    assert legend_width([100, 50, 80], 1) == pytest.approx(128.8)
    # 3 columns of one entry each: 124 + 74 + 104 + 2 x 9.6 + 4.8
    assert legend_width([100, 50, 80], 3) == pytest.approx(326.0)


@pytest.mark.parametrize("lang, first, its_last_row, its_source, short_pairs", [
    ("vi", "4.1 Số quốc gia có quan hệ ngoại giao", "Mức cần đạt ở lần công bố số liệu tiếp theo",
     "Nguồn: Bộ Ngoại giao",
     [("4.4 Tỷ lệ doanh nghiệp tham gia chuỗi giá trị toàn cầu", "4.5 Xếp hạng Chỉ số đổi mới sáng tạo toàn cầu"),
      ("4.7 Xếp hạng Chỉ số phát triển du lịch và lữ hành TTDI",
       "4.8 Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo")]),
    ("en", "4.1 Countries with diplomatic relations", "Needed in the next release of the figure",
     "Sources: Ministry of Foreign Affairs",
     [("4.4 Enterprises taking part", "4.5 Global Innovation Index"),
      ("4.7 Travel & Tourism", "4.8 Enterprises with innovation")]),
])
def test_target_pages_keep_text_chart_and_table_together_and_share_a_page(pages, lang, first, its_last_row,
                                                                        its_source, short_pairs):
    p = pages[lang]
    start = _page_of(p, first)
    # the first target's text, its chart (the chart's source line) and its table are on one page (the cold read
    # found its chart and table on the next page, the lower half of this one blank)
    assert its_source in p[start] and its_last_row in p[start]
    # a short target shares the page of the one before it (the last one was a page of its own with one line)
    for before, after in short_pairs:
        assert _page_of(p, before) == _page_of(p, after), (before, after)


def test_the_history_legend_says_a_bracketed_year_is_recomputed_not_carried(pages):
    vi, en = " ".join(pages["vi"]), " ".join(pages["en"])
    assert ("Ký hiệu trong ngoặc đơn: năm không có số liệu mới; kết quả được tính lại với số liệu của các năm trước "
            "(năm gốc thay đổi theo năm đánh giá).") in vi
    assert "giữ theo số liệu của năm trước đó" not in vi
    assert ("A symbol in brackets: a year without a new figure; its assessment is recomputed with the earlier "
            "years' figures (the base year moves with the year assessed).") in en


def test_the_noise_band_is_part_of_rule_10(pages):
    vi, en = " ".join(pages["vi"]), " ".join(pages["en"])
    assert "(10, biên dao động)" not in vi and "(10, noise band)" not in en
    # the band follows rule (10)'s last sentence, before rule (11-12)
    assert ("mà Cơ quan Thống kê châu Âu (Eurostat) sử dụng. Với thứ hạng, nếu mức dự báo chỉ chênh từ 3 bậc trở "
            "xuống so với năm gốc") in vi
    assert "Eurostat's ratio of the actual pace to the pace required. For a rank whose projection lands" in en


def test_a_context_line_names_its_source_in_a_sentence_with_one_level_of_brackets(real_edition):
    """Pinned data: goods exports 475,0 (2025) from 162,1 (2015), the statistics office's figure read in the
    Government portal's English edition of 27/01/2026, grade C; (475 / 162,1) ** (1 / 10) = 1,114: 11,4% a year.
    The office by its current name alone (producers.csv line_vi); its former name stays in name_vi."""
    lines = {lang: [x for c in real_edition(2026, lang)[1].context for x in c["summary"]] for lang in ("vi", "en")}
    assert ("Kim ngạch xuất khẩu hàng hóa: 475,0 tỷ USD (2025), từ 162,1 tỷ USD (2015); tăng bình quân 11,4%/năm. "
            "Nguồn: Cục Thống kê, qua Báo Điện tử Chính phủ (bản tiếng Anh), công bố 27/01/2026; chưa đối chiếu "
            "được với văn bản gốc, loại C.") in lines["vi"]
    assert any(x.endswith(". Source: National Statistics Office, via Government news portal (VGP), English edition, "
                          "published 27 January 2026; not yet checked against the producer's publication, grade C.")
               for x in lines["en"])
    for line in lines["vi"] + lines["en"]:  # the source sentence never nests brackets (an outlet's own at most)
        source = line.split(". Nguồn: ")[-1].split(". Source: ")[-1]
        depth = deepest = 0
        for ch in source:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            deepest = max(deepest, depth)
        assert deepest <= 1, line
    assert "Tổng cục Thống kê" not in " ".join(lines["vi"])


@pytest.mark.parametrize("lang, sentence", [
    ("vi", "Nghị quyết nêu “năng lực cạnh tranh du lịch”, tức Chỉ số Năng lực cạnh tranh du lịch và lữ hành (TTCI) "
           "của WEF; WEF đã ngừng công bố TTCI sau kỳ năm 2019 và thay bằng TTDI từ kỳ năm 2021, nên báo cáo dùng "
           "TTDI để theo dõi chỉ tiêu này."),
    ("en", "The resolution speaks of “tourism competitiveness”, that is, WEF's Travel & Tourism Competitiveness Index "
           "(TTCI); WEF discontinued the TTCI after its 2019 edition and replaced it with the TTDI from the 2021 "
           "edition, so this report follows the target with the TTDI."),
])
def test_the_tourism_page_says_why_the_ttdi_stands_for_the_target_from_the_data(pages, lang, sentence):
    # targets.csv's page_note_<lang> of t_tourism_competitiveness, printed on that target's page only (TTCI spelled
    # out where the reader first meets it)
    p = pages[lang]
    head = {"vi": "4.7 Xếp hạng Chỉ số phát triển du lịch và lữ hành TTDI", "en": "4.7 Travel & Tourism"}[lang]
    squeeze = lambda x: x.replace(" ", "")  # pypdf splits a kerned "To" ("T ourism")
    assert squeeze(sentence) in squeeze(p[_page_of(p, head)])
    assert sum(squeeze(page).count(squeeze(sentence)) for page in p) == 1


def test_a_target_without_a_page_note_prints_none(real_edition):
    b = real_edition(2026, "vi")[1]
    notes = {t["id"]: t["notes"] for t in b.targets}
    assert any(n.startswith("Nghị quyết nêu “năng lực cạnh tranh du lịch”") for n in notes["t_tourism_competitiveness"])
    assert not any("năng lực cạnh tranh du lịch" in n for n in notes["t_gii_rank"])
