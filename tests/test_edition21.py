"""Issue 21, "a report the Ministry can sign": targets grouped and counted by instrument, a target with no named
instrument left unscored, achieved targets said as targets to hold (never the old mark), grade C said as where the
figure was read, the pace pair a status rests on, contested figures with a reason and one labelled date, acronyms
spelled out at first use, the workbook's conflicts by year. Small hand-made datasets; expected values by hand."""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import INDICATORS, OBSERVATIONS, PINNED, SOURCES, TARGETS, write_dataset

from analysis.data.dataset import load
from analysis.editions import bundle, pdf, phrases, target_pages
from analysis.editions.sources import figure_date, grade_words
from analysis.engine.scorecards import alternatives, printable_alternatives


def _row(**kw):
    base = {"kind": "rank", "unit": "rank", "unit_vi": "hạng", "comparator": "<=", "target_value": 33.0,
            "target_year": 2030, "status": "achieved", "flags": "", "latest_value": 32.0, "latest_year": 2024,
            "latest_qualifier": "", "as_of_year": 2026}
    return {**base, **kw}


# ---------------------------------------------------------------- instruments, the unscored target

UNESCO_IND = "titles,society_science,Số danh hiệu,Titles,titles,danh hiệu,count,true,target,,,,,,,,\n"
UNESCO_TGT = "t_titles,titles,>=,60,2030,,s1,60 danh hiệu vào năm 2030,60 titles by 2030,,,,\n"
UNESCO_OBS = ("titles,2024,70,s1,70 danh hiệu,final,true,,,false,Ministry of Foreign Affairs,false,B,\n"
              "titles,2025,77,s1,77 danh hiệu,final,true,,,false,Ministry of Foreign Affairs,false,B,\n")


@pytest.fixture
def with_unscored(tmp_path):
    # t_gii is listed by 153/NQ-CP and stated by 59-NQ/TW too; t_share is 59-NQ/TW's; t_titles names no instrument
    targets = (TARGETS.replace("t_gii,gii_rank,<=,40,2030,153/NQ-CP,", "t_gii,gii_rank,<=,40,2030,153/NQ-CP;59-NQ/TW,")
               .replace("t_share,fdi_share,>,21,2030,153/NQ-CP,", "t_share,fdi_share,>,21,2030,59-NQ/TW,")
               + UNESCO_TGT)
    return load(write_dataset(tmp_path / "data", indicators=INDICATORS + UNESCO_IND, targets=targets,
                              observations=OBSERVATIONS + UNESCO_OBS))


def test_a_target_without_instrument_is_valid_and_set_apart(with_unscored):
    ds = with_unscored
    assert ds.errors == []  # an empty instrument is allowed
    assert list(ds.targets["target_id"]) == ["t_gii", "t_share", "t_rel"]
    assert list(ds.unscored["target_id"]) == ["t_titles"]


def test_the_unscored_target_leaves_scorecard_and_history_and_is_context(with_unscored):
    b = bundle.build(with_unscored, 2025, "vi")
    assert "t_titles" not in set(b.scorecard["target_id"]) and "t_titles" not in b.history.index
    assert all(r["id"] != "t_titles" for g in b.overview["groups"] for r in g["rows"])
    ctx = next(c for c in b.context if c["id"] == "unscored-t_titles")
    assert ctx["indicators"] == ["titles"]
    # 77 in 2025 from 70 in 2024: up 7 (77 - 70), each level with its unit
    assert ctx["summary"][0].startswith("Số danh hiệu: 77 danh hiệu (2025), từ 70 danh hiệu (2024); tăng 7 danh hiệu")
    assert ctx["summary"][1] == ("Một nguồn nêu “60 danh hiệu vào năm 2030” nhưng chưa xác định được văn bản đề ra, "
                                 "nên chỉ tiêu này chưa được đánh giá; số liệu được nêu để tham khảo. Nguồn: TTXVN, "
                                 "“Bài viết một”, 16/9/2025.")
    # 77 titles already pass the 60 the source gives (77 >= 60): said, to be checked against the instrument
    assert ctx["summary"][2] == ("Mức nêu trong nguồn (60 danh hiệu) đã được vượt theo số liệu mới nhất (77 danh hiệu, "
                                 "2025); cần đối chiếu nội dung mục tiêu với văn bản đề ra.")


def test_targets_counted_by_first_instrument_the_same_on_cover_and_page_2(with_unscored):
    b = bundle.build(with_unscored, 2025, "vi")
    # 59-NQ/TW first: t_share (1); 153/NQ-CP: t_gii (listed first by it) and t_rel (2); 22 - 2 = 20 not tracked
    assert b.coverage_text.startswith("Báo cáo đánh giá 1 chỉ tiêu của Nghị quyết số 59-NQ/TW và 2 chỉ tiêu của Nghị "
                                      "quyết số 153/NQ-CP (trên tổng số 22 chỉ tiêu của Chương trình hành động của "
                                      "Chính phủ); 20 chỉ tiêu còn lại")
    assert "Xếp hạng GII được nêu ở cả hai nghị quyết và được tính một lần" in b.coverage_text
    assert "Một chỉ tiêu chưa xác định được văn bản đề ra mục tiêu (Số danh hiệu)" in b.coverage_text
    assert b.overview["coverage"] == b.coverage_text
    groups = b.overview["groups"]
    assert [g["title"] for g in groups] == ["1 chỉ tiêu của Nghị quyết số 59-NQ/TW",
                                            "2 chỉ tiêu của Nghị quyết số 153/NQ-CP"]
    gii = next(r for r in groups[1]["rows"] if r["id"] == "t_gii")
    assert gii["indicator"] == "Xếp hạng GII (cũng là chỉ tiêu của Nghị quyết số 59-NQ/TW)"  # said once, both named
    page = next(t for t in b.targets if t["id"] == "t_gii")
    assert "mục tiêu này cũng được nêu trong Nghị quyết số 59-NQ/TW" in page["instrument"]


def test_a_clause_is_printed_when_the_data_give_it(tmp_path):
    targets = TARGETS.replace("more than 194,,", "more than 194,,mục II.1")
    b = bundle.build(load(write_dataset(tmp_path / "d", targets=targets)), 2025, "vi")
    assert next(t for t in b.targets if t["id"] == "t_rel")["clause"] == " (mục II.1)"
    assert next(t for t in b.targets if t["id"] == "t_gii")["clause"] == ""


# ---------------------------------------------------------------- targets to hold, risks, grades

def test_the_met_before_set_mark_is_never_printed():
    assert phrases.marks("rank_noise;met_before_set") == "‡"


@pytest.mark.parametrize("row, lang, expected", [
    # rank 32 against <= 33: holds 33 or better, 33 - 32 = 1 place above
    (_row(), "vi", "giữ vững hạng 33 trở lên; theo số liệu năm 2024, cao hơn 1 bậc"),
    (_row(), "en", "hold rank 33 or better; 1 place higher in 2024"),
    # 195 against > 194 (read >= 195, rule 13): 195 - 195 = 0
    (_row(kind="count", unit="countries", unit_vi="quốc gia", comparator=">", target_value=194.0, latest_value=195.0),
     "vi", "giữ vững từ 195 quốc gia trở lên; theo số liệu năm 2024, đúng bằng mức này"),
    # a floor '>70' against > 70: no margin can be given
    (_row(kind="count", unit="organisations", unit_vi="tổ chức", comparator=">", target_value=70.0, latest_value=70.0,
          latest_qualifier=">", flags="floor_only"), "vi", "giữ vững trên 70 tổ chức; nguồn chỉ công bố mức “trên 70 tổ chức”"),
])
def test_an_achieved_target_shows_the_level_to_hold_and_its_margin(row, lang, expected):
    assert phrases.hold_text(row, lang) == expected


def test_a_target_met_before_it_was_set_is_a_target_to_hold():
    r = _row(flags="met_before_set", held_since=2020.0)
    assert phrases.maintained_text(r, "vi") == ("chỉ tiêu duy trì: đạt và giữ vững từ năm 2020; "
                                               "yêu cầu giữ vững đến năm 2030")
    assert phrases.maintained_text(_row(held_since=2020.0), "vi") == ""  # met after it was set: nothing to say


def test_risks_of_an_achieved_target_in_words():
    # margin 1 place (33 - 32), inside the 3-place band
    assert phrases.risk_items(_row(), "vi") == [
        "chỉ cao hơn mức cần giữ 1 bậc, trong phạm vi dao động thông thường của bảng xếp hạng (3 bậc)"]
    assert phrases.risk_items(_row(latest_value=25.0), "vi") == []  # 8 places above: no risk said
    weak = phrases.risk_items(_row(latest_value=25.0, latest_grade="C"), "vi")
    assert weak == ["kết quả dựa trên số liệu hạng 25 (2024) chưa đối chiếu được với văn bản gốc"]


def test_held_since_starts_after_a_proxy_figure_that_does_not_meet_the_target(tmp_path):
    # >70 (2015), 70 proxy (2017, broader coverage), >70 (2023, 2025): 70 does not meet "> 70" (read >= 71), so the
    # run is only claimed from 2023, the first figure after it; a proxy that met would neither start nor end it
    ind = INDICATORS + "orgs,politics_security,Số tổ chức,Organisations,organisations,tổ chức,count,true,target,,,,,,,,\n"
    tgt = TARGETS + "t_orgs,orgs,>,70,2030,153/NQ-CP,s1,trên 70 tổ chức,more than 70,,,,\n"
    obs = OBSERVATIONS + "".join(
        f"orgs,{y},70,s1,x,final,true,,{q},false,Ministry of Foreign Affairs,{p},B,\n"
        for y, q, p in ((2015, ">", "false"), (2017, "", "true"), (2023, ">", "false"), (2025, ">", "false")))
    b = bundle.build(load(write_dataset(tmp_path / "d", indicators=ind, targets=tgt, observations=obs)), 2025, "vi")
    row = b.scorecard.set_index("target_id").loc["t_orgs"]
    assert row["status"] == "achieved" and row["held_since"] == 2023
    # the history greys the years whose latest figure is the proxy (2017-2022), with the proxy mark
    strip = pdf.history_strip(b)
    cells = dict(zip([str(y) for y in strip["years"]], next(r for r in strip["rows"] if r["indicator"] == "Số tổ chức")["cells"]))
    assert [cells[str(y)]["symbol"] for y in range(2017, 2023)] == ["◊"] * 6
    assert cells["2017"]["fill"] == pdf.PROXY_FILL and cells["2023"]["symbol"] == "✓"


@pytest.mark.parametrize("grade, publisher, lang, expected", [
    ("C", "dautuvietnam.com.vn (reprint of Kinh tế Môi trường)", "vi", "bản đăng lại, loại C"),
    ("C", "VietnamFDI", "vi", "chưa đối chiếu được với văn bản gốc, loại C"),
    ("C", "VietnamFDI", "en", "not yet checked against the producer's publication, grade C"),
    ("B", "TTXVN", "vi", "nguồn loại B"),
])
def test_grade_c_is_said_as_where_the_figure_was_read(grade, publisher, lang, expected):
    assert grade_words(grade, publisher, lang) == expected


def test_no_reliability_words_for_grades_in_either_catalog():
    from analysis import i18n

    for lang, bad in (("vi", "độ tin cậy thấp"), ("en", "low reliability")):
        cat = i18n.catalog(lang)
        texts = [v for sec in ("flag", "explore", "workbook", "grade_words") for v in cat[sec].values()]
        assert not any(bad in t.lower() for t in texts if isinstance(t, str)), lang


# ---------------------------------------------------------------- the method said coherently

def test_the_page_pairs_the_actual_pace_with_the_pace_needed_from_the_latest_figure():
    # GII: 44 in 2025 and in the base 2021, slope -0.4; r_now = (40 - 44) / 5 = -0.8; R = 0.4 / 0.8 = 0.5
    r = _row(target_value=40.0, status="insufficient_progress", latest_value=44.0, latest_year=2025,
             baseline_value=44.0, baseline_year=2021, n_points=5, pace_actual=-0.4, pace_required=-0.4444,
             pace_required_now=-0.8, projected_value=42.0, ratio=0.5, needed_next_value=43.0, needed_next_year=2026)
    rows = dict(map(tuple, target_pages._figures(r, "vi")))
    assert rows["Tốc độ thực tế"] == "lên 0,40 bậc/năm"  # two decimals: 0.40 and 0.44 print alike with one
    assert rows["Tốc độ cần thiết (từ số liệu mới nhất)"] == "lên 0,80 bậc/năm"
    assert "Tốc độ cần thiết (từ năm gốc)" not in rows
    assert rows["Giá trị ngoại suy năm 2030 (theo xu hướng)"] == "42"
    text = target_pages.explanation(r, "vi")
    assert "(lên 0,40 bậc/năm)" in text and "0,40 chia cho 0,80, tức khoảng 50%" in text


def test_a_two_point_extrapolation_is_said_as_such_in_the_summary(tmp_path):
    # TTDI-like: 52 (2021), 59 (2024): slope 7/3 = 2.33 a year, 59 + 2.33 * 6 = 73 by 2030, two points only
    ind = INDICATORS + "ttdi,economy,Xếp hạng TTDI,TTDI rank,rank,hạng,rank,false,target,,,,,,,,\n"
    tgt = TARGETS + "t_ttdi,ttdi,<=,30,2030,59-NQ/TW,s1,nhóm 30,top 30,,,,\n"
    obs = OBSERVATIONS + ("ttdi,2021,52,s1,x,final,true,,,false,WEF,false,B,\n"
                          "ttdi,2024,59,s1,x,final,true,,,false,WEF,false,B,\n")
    b = bundle.build(load(write_dataset(tmp_path / "d", indicators=ind, targets=tgt, observations=obs)), 2025, "vi")
    line = next(s for s in b.summary if s.startswith("Xa mục tiêu nhất"))
    assert "nếu giữ xu hướng giữa hai kỳ 2021 và 2024 (chỉ có hai điểm số liệu †)" in line
    # the projection in words and the target without a mathematical sign (S3-7)
    assert "năm 2030 Việt Nam xuống hạng 73, so với mục tiêu từ hạng 30 trở lên." in line and "dự báo" not in line
    assert "≤" not in line


def test_a_rank_body_advising_against_comparison_is_said_with_the_years(tmp_path):
    ind = INDICATORS.replace("gii_rank,society_science,Xếp hạng GII,GII rank,rank,hạng,rank,false,target,,,,",
                             "gii_rank,society_science,Xếp hạng GII,GII rank,rank,hạng,rank,false,target,,,,false")
    obs = OBSERVATIONS + "gii_rank,2024,53,s2,ranks 53rd,final,true,,,false,WIPO,false,B,\n"
    b = bundle.build(load(write_dataset(tmp_path / "d", indicators=ind, observations=obs)), 2025, "vi")
    page = next(t for t in b.targets if t["id"] == "t_gii")
    # window from 2020: of 55 (2021) and 50 (2023) only 50 is a better rank than 53 (2024)
    assert ("Thứ hạng mới nhất (hạng 53 (2024)) thấp hơn năm 2023 nhưng WIPO khuyến cáo không so sánh thứ hạng "
            "giữa các kỳ") in " ".join(page["notes"])


def test_a_target_whose_only_figure_is_a_proxy_has_no_gap(tmp_path):
    obs = OBSERVATIONS.replace("fdi_share,2020,18.5,s1,18.5%,estimate,true,,,false,General Statistics Office,false,B,\n"
                               "fdi_share,2024,19.5,s1,19.5%,final,true,,,false,General Statistics Office,false,B,\n",
                               "fdi_share,2018,21,s1,21%,final,true,,,false,not named by the source,true,C,\n")
    b = bundle.build(load(write_dataset(tmp_path / "d", observations=obs)), 2025, "vi")
    page = next(t for t in b.targets if t["id"] == "t_share")
    assert page["gap"] == "—" and page["next"] == "—"
    assert page["notes"][0].startswith("Chưa có số liệu thống kê chính thức cho chỉ tiêu này.")
    assert "at_threshold" not in b.scorecard.set_index("target_id").loc["t_share", "flags"]
    row = next(r for g in b.overview["groups"] for r in g["rows"] if r["id"] == "t_share")
    assert row["next"] == "—" and row["latest"] == "21% (2018) ◊"


def test_base_years_printed_per_target(tmp_path):
    b = bundle.build(load(write_dataset(tmp_path / "d")), 2025, "vi")
    gii = next(t for t in b.targets if t["id"] == "t_gii")
    # short window from 2020: first GII figure from 2020 is 2021; long window from 2010: 2019
    assert (gii["base_year"], gii["base_year_long"]) == ("2021", "2019")
    assert pdf.window_head("status_short", gii["base_year"], "vi") == "Ngắn hạn (năm gốc 2021)"


# ---------------------------------------------------------------- contested figures

def test_an_alternative_that_only_splits_a_series_is_not_printed():
    alts = pd.DataFrame({"target_id": ["t", "t"], "alt_status": ["on_track", "insufficient_data"]})
    assert list(printable_alternatives(alts)["alt_status"]) == ["on_track"]


@pytest.mark.parametrize("period, published, lang, expected", [
    ("2025-12-29", "2025-12-30", "vi", "tính đến ngày 29/12/2025"),  # a dated count: the day it stood at
    ("2026-01", "2026-01-14", "vi", "công bố ngày 14/01/2026"),      # else the source's publication date
    ("2026-01", "2022-04", "en", "published April 2022"),
])
def test_one_labelled_date_per_contested_figure(period, published, lang, expected):
    assert figure_date(period, published, lang) == expected


def test_the_reason_is_the_rows_note_in_english_and_never_an_id(tmp_path):
    obs = OBSERVATIONS + ("relations,2025-12-29,195,s1,195 quốc gia,final,false,Not selected: the year-end wording "
                          "repeats the total before Tuvalu (r9-sggp-x); see the ministry.,,false,"
                          "Ministry of Foreign Affairs,false,B,\n")
    ds = load(write_dataset(tmp_path / "d", observations=obs))
    a = {"row": int(ds.observations.index[-1]), "producer": "Ministry of Foreign Affairs", "indicator_id": "relations",
         "period": "2025-12-29", "proxy": False}
    assert target_pages.reason_text(a, ds, "en") == "not used: the year-end wording repeats the total before Tuvalu"
    assert target_pages.reason_text(a, ds, "vi").startswith("không được chọn vì")


# ---------------------------------------------------------------- acronyms, workbook

def test_acronyms_spelled_out_where_the_reader_first_meets_them():
    load(PINNED)  # the acronyms are the data's (acronyms.csv)
    report = {"coverage_text": "Xếp hạng Chỉ số đổi mới sáng tạo toàn cầu (GII, WIPO) và WIPO",
              "summary": ["Chỉ số SDG (SDSN); SDSN"], "sources": [{"url": "https://x.org/WEF", "publisher": "WEF"}]}
    out = pdf.spell_out(report, "vi")
    # GII stands after its own words: left as it is; WIPO in a bracketed list: 'words – WIPO', once only
    assert out["coverage_text"] == ("Xếp hạng Chỉ số đổi mới sáng tạo toàn cầu (GII, Tổ chức Sở hữu trí tuệ thế giới "
                                    "– WIPO) và WIPO")
    assert out["summary"] == ["Chỉ số SDG (Mạng lưới Giải pháp phát triển bền vững của Liên hợp quốc – SDSN); SDSN"]
    assert out["sources"][0] == {"url": "https://x.org/WEF", "publisher": "Diễn đàn Kinh tế thế giới (WEF)"}


def test_workbook_conflicts_are_grouped_by_year():
    from analysis.editions.workbook import conflict_rows

    obs = pd.DataFrame({"indicator_id": ["rel", "rel", "rel", "exp", "exp"],
                        "period": ["2025-09-24", "2025-12-29", "2024-12", "2025-07", "2025"],
                        "value": [195, 194, 194, 270, 475], "partial": [False, False, False, True, False]})
    rows = conflict_rows(obs)
    # 195 and 194 of 2025 are one conflict; 2024 stands alone; a part-year figure is no conflict with the year
    assert list(zip(rows["indicator_id"], rows["period"])) == [("rel", "2025-09-24"), ("rel", "2025-12-29")]


def test_no_contested_mark_without_a_figure_the_page_can_name(tmp_path):
    # relations: 189 (2021), 193 (2023) from the Ministry, then 195 (2025) read from the portal as its own figure:
    # achieved (195 >= 195). A later 194 of the Ministry for 2026 would start a new producer's series of one
    # point: 'insufficient data', an artefact of the split by producer, so neither printed nor marked.
    rel = ("relations,2021-06-10,189,s1,189 quốc gia,final,true,,,false,Ministry of Foreign Affairs,false,B,\n"
           "relations,2023-09-21,193,s1,193 quốc gia,final,true,,,false,Ministry of Foreign Affairs,false,B,\n"
           "relations,2025-09-24,195,s1,195 quốc gia,final,true,,,false,Government portal,false,B,\n"
           "relations,2026-01-14,194,s1,194 quốc gia,final,false,Not selected: a repeat,,false,"
           "Ministry of Foreign Affairs,false,B,\n")
    obs = "".join(line + "\n" for line in OBSERVATIONS.splitlines() if not line.startswith("relations")) + rel
    ds = load(write_dataset(tmp_path / "d", observations=obs))
    raw = alternatives(ds, 2026)
    assert set(raw.loc[raw["target_id"] == "t_rel", "alt_status"]) == {"insufficient_data"}  # the engine's
    b = bundle.build(ds, 2026, "vi")
    assert "t_rel" not in set(b.alternatives["target_id"])
    row = b.scorecard.set_index("target_id").loc["t_rel"]
    assert row["status"] == "achieved" and "source_sensitive" not in row["flags"] + ";" + row["flags_long"]
    assert next(t for t in b.targets if t["id"] == "t_rel")["alternatives"] == []


def test_summary_says_which_figure_the_producer_gives_and_why_the_other_differs(tmp_path):
    # relations, Ministry: 189 (2021), 193 (2023), 194 (30/6/2025) selected; 195 (10/9/2025), unselected.
    # As of 2025, short window from 2020: base 2021 (189), least squares over 189, 193, 194 (2021, 2023, 2025):
    # slope 5/4 = 1.25, p = 194 + 1.25 * 5 = 200.25 (no upper bound declared here); "> 194" read ">= 195":
    # R = (200.25 - 189) / (195 - 189) = 1.875: on track. With 195 for 2025 instead, 195 >= 195: achieved, so 195
    # changes the status and is printed, with its note's reason (Vietnamese from translations/vi.csv) on page 2.
    note = "Not selected: the Ministry's own count for 2025 is 194; this page gives 195 without naming who counted."
    rel = ("relations,2021-06-10,189,s1,189 quốc gia,final,true,,,false,Ministry of Foreign Affairs,false,B,\n"
           "relations,2023-09-21,193,s1,193 quốc gia,final,true,,,false,Ministry of Foreign Affairs,false,B,\n"
           "relations,2025-06-30,194,s1,194 quốc gia,final,true,,,false,Ministry of Foreign Affairs,false,B,\n"
           f'relations,2025-09-10,195,s1,195 quốc gia,final,false,"{note}",,false,Ministry of Foreign Affairs,false,B,\n')
    obs = "".join(line + "\n" for line in OBSERVATIONS.splitlines() if not line.startswith("relations")) + rel
    folder = write_dataset(tmp_path / "d", observations=obs)
    (folder / "translations").mkdir()
    (folder / "translations" / "vi.csv").write_text(
        "table,key,column,original,text\n"
        f'observations,relations|2025-09-10|s1,note,"{note}","Không được chọn: Bộ tự công bố 194 cho năm 2025; '
        'trang này nêu 195 mà không nêu cơ quan thống kê."\n', encoding="utf-8")
    ds = load(folder)
    assert ds.errors == []
    row = bundle.build(ds, 2025, "en").scorecard.set_index("target_id").loc["t_rel"]
    assert row["status"] == "on_track" and row["ratio"] == pytest.approx(1.875)
    en = [s for s in bundle.build(ds, 2025, "en").summary if "the figure used is" in s]
    assert len(en) == 1 and "195 is not used: the Ministry's own count for 2025 is 194" in en[0]
    assert en[0].endswith("with 195 the status would be “Achieved”.")
    vi = [s for s in bundle.build(ds, 2025, "vi").summary if "số liệu được chọn là" in s]
    assert len(vi) == 1
    assert "số liệu 195 không được chọn vì Bộ tự công bố 194 cho năm 2025" in vi[0]
    assert vi[0].endswith("nếu dùng số liệu 195, đánh giá là “Đã đạt”.")


def test_the_score_published_with_a_rank_is_printed_beside_it(tmp_path):
    # GII ranks 61 (2019), 55 (2021), 50 (2023), said not comparable across editions; its score 30.5 (2019) and
    # 33.0 (2023) in a context indicator declared score_for=gii_rank. The page's comparability line ends with the
    # scores, by edition, up to the rank's latest year (2023); a score of 2024 is after it and left out.
    header = INDICATORS.splitlines()[0] + "\n"
    body = "".join(line + "\n" for line in INDICATORS.splitlines()[1:])
    body = body.replace("gii_rank,society_science,Xếp hạng GII,GII rank,rank,hạng,rank,false,target,,,,,",
                        "gii_rank,society_science,Xếp hạng GII,GII rank,rank,hạng,rank,false,target,,,,false,")
    score = "gii_score,society_science,Điểm GII,GII score,points,điểm,index,true,context,,,,,,,,gii_rank\n"
    obs = OBSERVATIONS + ("gii_score,2019,30.5,s2,score 30.5,final,true,,,false,WIPO,false,A,\n"
                          "gii_score,2023,33,s2,score 33,final,true,,,false,WIPO,false,A,\n"
                          "gii_score,2024,34,s2,score 34,final,true,,,false,WIPO,false,A,\n")
    ds = load(write_dataset(tmp_path / "d", indicators=header + body + score, observations=obs))
    assert ds.errors == []
    b = bundle.build(ds, 2023, "en")
    r = b.scorecard.set_index("target_id").loc["t_gii"].to_dict() | {"target_id": "t_gii"}
    # every edition at one decimal (S3-12): 30.5 and 33 print as 30.5 and 33.0
    assert target_pages.score_text(r, ds, b.points, "en") == (" GII score (out of 100, rounded to one decimal) by edition: "
                                                               "30.5 (2019); 33.0 (2023).")
    # score_for must name a rank indicator of the file
    bad = score.replace(",gii_rank\n", ",fdi_share\n")
    errors = load(write_dataset(tmp_path / "e", indicators=header + body + bad, observations=obs)).errors
    assert [(p.line, p.column) for p in errors] == [(5, "score_for")]


def test_a_projection_held_at_the_indicator_s_bound_says_so():
    # 194 + 1.4 * 5 = 201 by trend; the indicator's declared bound is 196, so the projection stops at 196.
    import numpy as np

    # "> 194" is read ">= 195": the bound 196 meets it, so the page says the target is passed, with no level.
    r = {"kind": "count", "projected_value": 196.0, "projection_bounded": np.bool_(True), "upper_bound": 196.0,
         "unit": "countries", "unit_vi": "quốc gia", "latest_value": 194.0, "comparator": ">", "target_value": 194.0,
         "target_year": 2030}
    assert phrases.projection_phrase(r, "en") == "the indicator has passed the target"
    assert phrases.projection_phrase(r, "vi") == "chỉ tiêu đã vượt mức mục tiêu"
    assert phrases.projection_text(r, "vi") == "vượt mục tiêu"
    unbounded = {**r, "projection_bounded": np.bool_(False), "projected_value": 195.0}
    assert phrases.projection_phrase(unbounded, "en") == "the indicator stands at 195 countries"
    assert phrases.projection_text(unbounded, "en") == "195"
