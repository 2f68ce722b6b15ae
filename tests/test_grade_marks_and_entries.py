"""Review findings 12 and 13: rule 14's mark ° on a target page says, window by window, which figure is grade C
(an achieved target carried ° in one window only, and the page did not say why); a source entry says in words what
it lacks. Hand-made points and scorecard rows for the mark: the flag itself is the engine's (tests/test_rules_2026.py)."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from analysis.editions import pdf, weak_source_text


def pts(grades: dict[int, str]) -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": "x", "year": list(grades), "value": [70.0] * len(grades),
                         "grade": list(grades.values())})


# A count of 70 every year; the short window's base is 2021, the long window's 2015, the latest figure 2025.
ROW = {"target_id": "t_x", "indicator_id": "x", "latest_year": 2025, "status": "achieved", "baseline_year": 2021,
       "status_long": "achieved", "baseline_year_long": 2015}


def test_a_grade_c_base_in_the_short_window_only_is_said_for_that_window():
    # 2021 (the short base) is C, 2015 and 2025 are B: the flag is on the short window only.
    row = {**ROW, "flags": "weak_source;floor_only", "flags_long": "floor_only"}
    assert weak_source_text.window_parts(row, pts({2015: "B", 2021: "C", 2025: "B"}), "en") == [
        "short-term assessment: the base value (2021) is grade C",
        "long-term assessment: no grade-C figure (latest value 2025, base value 2015)"]


def test_a_grade_c_latest_value_is_said_in_both_windows_with_a_grade_c_long_base():
    # 2025 (latest) and 2015 (long base) are C, 2021 is B: both windows carry the flag.
    row = {**ROW, "flags": "weak_source", "flags_long": "weak_source"}
    assert weak_source_text.window_parts(row, pts({2015: "C", 2021: "B", 2025: "C"}), "en") == [
        "short-term assessment: the latest value (2025) is grade C",
        "long-term assessment: the latest value (2025) and the base value (2015) are both grade C"]


def test_no_mark_no_window_words():
    row = {**ROW, "flags": "floor_only", "flags_long": ""}
    points = pts({2015: "B", 2021: "B", 2025: "B"})
    assert weak_source_text.window_parts(row, points, "en") == []
    assert weak_source_text.mark_note(row, points, "en") == (
        "° a grade-C figure, not yet checked against the producer's publication (read in a repost or an "
        "aggregator, or its quote not found again)")


def test_the_target_page_prints_the_window_words_beside_the_mark_in_both_languages():
    row = {**ROW, "flags": "weak_source", "flags_long": ""}
    b = lambda lang: SimpleNamespace(scorecard=pd.DataFrame([row]), lang=lang,  # noqa: E731
                                     points=pts({2015: "B", 2021: "C", 2025: "B"}))
    (en,) = pdf._mark_notes(b("en"), "t_x")
    assert en.endswith("— short-term assessment: the base value (2021) is grade C, long-term assessment: "
                       "no grade-C figure (latest value 2025, base value 2015)")
    (vi,) = pdf._mark_notes(b("vi"), "t_x")
    assert vi.endswith("— đánh giá ngắn hạn: giá trị năm gốc 2021 là số liệu loại C, đánh giá dài hạn: không có "
                       "số liệu loại C (giá trị mới nhất năm 2025, giá trị năm gốc 2015)")


def test_a_source_entry_says_in_words_what_it_lacks():
    # Review finding 12: an entry without an address, a title or a date says so rather than leaving a blank.
    from analysis.data import dataset
    from analysis.editions import bundle

    ds = dataset.load()
    rows = {r["url"] or r["title"]: r for r in pdf.source_list(bundle.build(ds, 2026, "en", None), ds, "en")}
    interview = rows["Đẩy mạnh đối ngoại là sự nghiệp chung của toàn Đảng, toàn dân, toàn quân"]
    assert interview["gaps"] == "no online copy located" and interview["published"] == "2026"
    saigon = rows["https://english.thesaigontimes.vn/?p=9529"]
    assert saigon["title"] == "" and saigon["gaps"] == "title not recorded: the copy read did not show it"
    assert rows["https://en.vietnamplus.vn/vietnams-tourism-index-rank-improves-to-67th-post110171.vnp"][
        "published"] == "date not shown on the page"
    assert all(r["gaps"] == "" for r in rows.values() if r["url"] and r["title"])
