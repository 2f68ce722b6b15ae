"""Issue 21, items 5-7 (the cold read of 07/12/2026, findings 3, 7-11, 16-19): the PDF's wording a Steering
Committee can receive. No mathematical sign, arrow or code-style symbol in either edition's prose or cells; the
qualifiers of the data said in words; the caveats a headline status rests on said beside it. Expected strings are
worked out by hand from the pinned data (tests/fixtures/data) and the review's own recomputation."""
from __future__ import annotations

import re

import pytest

from analysis import i18n
from analysis.editions import caveats
from analysis.editions.phrases import period_target_short, risk_items, target_text, with_unit

COUNTRIES = {"kind": "count", "unit": "countries", "unit_vi": "quốc gia"}
ORGANISATIONS = {"kind": "count", "unit": "organisations", "unit_vi": "tổ chức"}


# ---------------------------------------------------------------- the qualifiers and the targets in words

@pytest.mark.parametrize("value, qualifier, lang, expected", [
    (70, ">", "vi", "trên 70"), (19, "~", "vi", "khoảng 19"), (0.5, "<", "vi", "dưới 0,5"), (70, "", "vi", "70"),
    (70, ">", "en", "more than 70"), (19, "~", "en", "about 19"), (0.5, "<", "en", "less than 0.5"),
])
def test_a_qualifier_is_said_in_words(value, qualifier, lang, expected):
    assert i18n.fmt_qualified_words(value, qualifier, lang) == expected


def test_a_qualified_figure_puts_the_word_before_the_figure_and_its_unit():
    assert with_unit(70, ORGANISATIONS, "vi", ">") == "trên 70 tổ chức"
    assert with_unit(70, ORGANISATIONS, "en", ">") == "more than 70 organisations"
    assert with_unit(0.5, {"kind": "share"}, "vi", "<") == "dưới 0,5%"
    assert with_unit(45, {"kind": "rank"}, "vi", "~") == "khoảng hạng 45"
    # the workbook's and notebook's cells keep the sign, in their own qualifier column's style
    assert i18n.fmt_qualified(70, ">", "vi") == ">70"


@pytest.mark.parametrize("row, lang, expected", [
    ({"kind": "rank", "comparator": "<=", "target_value": 33, "target_year": 2030}, "vi", "từ hạng 33 trở lên (2030)"),
    ({"kind": "rank", "comparator": "<=", "target_value": 33, "target_year": 2030}, "en", "rank 33 or better (2030)"),
    # a strict rank target: 'below 34' is rank 33 or better (rule 13)
    ({"kind": "rank", "comparator": "<", "target_value": 34, "target_year": 2030}, "vi", "từ hạng 33 trở lên (2030)"),
    ({**COUNTRIES, "comparator": ">", "target_value": 194, "target_year": 2030}, "vi", "trên 194 quốc gia (2030)"),
    ({**COUNTRIES, "comparator": ">", "target_value": 194, "target_year": 2030}, "en",
     "more than 194 countries (2030)"),
    ({"kind": "share", "comparator": ">=", "target_value": 40, "target_year": 2030}, "vi", "từ 40% trở lên (2030)"),
    ({"kind": "share", "comparator": ">=", "target_value": 40, "target_year": 2030}, "en", "at least 40% (2030)"),
])
def test_a_target_is_said_in_words(row, lang, expected):
    assert target_text(row, lang) == expected


def test_a_growth_target_over_a_period_is_said_in_words():
    r = {"kind": "index", "comparator": ">=", "target_value": 10, "target_year": 2030, "period_start": 2026,
         "target_type": "average_growth"}
    assert period_target_short(r, "vi") == "tăng bình quân hằng năm từ 10% trở lên (2026–2030)"
    assert period_target_short(r, "en") == "at least 10% a year on average (2026–2030)"


# ---------------------------------------------------------------- the caveats, from the scorecard's columns

def test_a_status_on_a_grade_c_figure_or_on_the_base_year_is_said():
    r = {"status": "moving_away", "latest_year": 2025, "latest_grade": "C", "baseline_year": 2023,
         "baseline_grade": "B"}
    assert caveats.grade_c_text(r, "vi") == ("đánh giá “Diễn biến xa dần mục tiêu” dựa trên số liệu năm 2025 chưa đối "
                                            "chiếu được với ấn phẩm của cơ quan công bố số liệu gốc (nguồn loại C)")
    assert caveats.grade_c_text({**r, "latest_grade": "B"}, "vi") == ""
    # an achieved status rests on its latest figure alone: a grade-C base is not its caveat
    assert caveats.grade_c_text({**r, "status": "achieved", "latest_grade": "B", "baseline_grade": "C"}, "vi") == ""
    g = {"status": "insufficient_progress", "baseline_year": 2021}
    assert caveats.base_year_text(g, [(2020, "moving_away"), (2022, "on_track")], "vi") == (
        "đánh giá “Khó đạt nếu giữ tốc độ hiện nay” phụ thuộc vào năm gốc (2021): với năm gốc 2020, đánh giá là "
        "“Diễn biến xa dần mục tiêu”; với năm gốc 2022, đánh giá là “Có khả năng đạt”")
    assert caveats.base_year_text(g, [], "vi") == ""


def test_an_achieved_target_with_releases_due_says_they_could_undo_it():
    # Brand Finance: rank 32 in 2024 against rank 33 or better; the 2025 and 2026 editions are due
    r = {"kind": "rank", "comparator": "<=", "target_value": 33, "target_year": 2030, "latest_value": 32,
         "latest_year": 2024, "status": "achieved", "flags": "", "release_due": 2026, "gap": 1}
    items = risk_items(r, "vi")
    assert ("các kỳ công bố năm 2025 và 2026 đã đến hạn nhưng chưa có trong số liệu; kết quả đánh giá có thể thay "
            "đổi khi bổ sung số liệu các kỳ này") in items
    assert ("the 2025 and 2026 editions were due but are not yet in the data; the status may change once they are "
            "added") in risk_items(r, "en")
    assert not any("đến hạn" in x for x in risk_items({**r, "release_due": float("nan")}, "vi"))


# ---------------------------------------------------------------- read back from both editions

@pytest.fixture(scope="module")
def editions(pinned_edition_pages):
    """Both editions of the pinned data, built once per run (tests/conftest.py), each as one line of text."""
    return {lang: re.sub(r"\s+", " ", " ".join(pages)) for lang, pages in pinned_edition_pages.items()}


def _outside_titles(text: str) -> str:
    """The text without the quoted titles of the sources (a title is printed as its outlet wrote it)."""
    return re.sub(r"“[^”]*”", "", text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_mathematical_sign_arrow_or_code_symbol(editions, lang):
    text = _outside_titles(editions[lang])
    for sign in ("≤", "≥", "≈", "→", "’1", "’2", "y_t", "r_now", "Ptot", "T*", "b0", "p = ", "R = "):
        assert sign not in text, sign
    assert not re.search(r"(?<![\w/=?&])[<>] ?\d", text), re.search(r".{30}(?<![\w/=?&])[<>] ?\d.{30}", text)


def test_the_vietnamese_edition_says_its_caveats(editions):
    vi = editions["vi"]
    assert "Lưu ý về cơ sở của kết quả đánh giá" in vi
    assert ("Xếp hạng Chỉ số SDG (SDSN): đánh giá “Diễn biến xa dần mục tiêu” dựa trên số liệu năm 2025 chưa đối "
            "chiếu được với ấn phẩm của cơ quan công bố số liệu gốc (nguồn loại C).") in vi
    # the review's recomputation: base 2020 gives R = -1.57 (moving away), base 2022 gives R = 1.38 (on track)
    assert ("đánh giá “Khó đạt nếu giữ tốc độ hiện nay” phụ thuộc vào năm gốc (2021): với năm gốc 2020, đánh giá "
            "là “Diễn biến xa dần mục tiêu”; với năm gốc 2022, đánh giá là “Có khả năng đạt”") in vi
    # TTDI: two points in the short window; the long-term fit over 2019-2024 is flat (slope 0, R = 0.033)
    assert ("Theo xu hướng dài hạn từ năm 2019 đến năm 2024 (giữ nguyên thứ hạng), đánh giá dài hạn là “Khó đạt nếu "
            "giữ tốc độ hiện nay”.") in vi
    assert "các kỳ công bố năm 2025 và 2026 đã đến hạn nhưng chưa có trong số liệu" in vi
    assert "giới hạn ở mức 196" not in vi and "mức trần báo cáo đặt" not in vi  # cold read 6: no ceiling of states
    # GII long term: 45.13 from the base 45 (2018): a rank is a whole number
    assert "khoảng hạng 45, gần như không đổi so với năm gốc" in vi and "45,1" not in vi
    assert "Thay đổi đánh giá trong hai năm gần nhất (theo kết quả tính lại)" in vi
    assert "“Vietnam ranks 12th in Global Innovation Index” (tiêu đề bài báo ghi nhầm)" in vi
    assert "trên 70 tổ chức (2025)" in vi and "từ hạng 33 trở lên" in vi
    assert "0,40 chia cho 0,80, tức khoảng 50%" in vi
    for year in range(2015, 2027):
        assert str(year) in vi


def test_the_english_edition_says_the_same(editions):
    en = editions["en"]
    assert ("SDG Index rank (SDSN): “Moving away” rests on the 2025 figure, not yet checked against the producer's "
            "own publication (grade C).") in en
    assert "about rank 45 in 2030, almost unchanged from the base year" in en
    assert "“Vietnam ranks 12th in Global Innovation Index” (the headline is wrong)" in en
    assert "Changes of status in the last two years (as recomputed)" in en
    assert "held at 196 countries" not in en and "ceiling the report sets" not in en
    assert "more than 70 organisations (2025)" in en
