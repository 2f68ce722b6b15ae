"""The Vietnamese intake in Vietnamese (issue 22, item 5): an indicator's definition (its note) is shown translated
from data/translations/vi.csv, or in English said to be untranslated; publishers, producers and kinds with their
Vietnamese names; and whatever a drop-down offers is read back by make import as the data spell it."""
from __future__ import annotations

import csv
from datetime import date

from openpyxl import load_workbook

from analysis import i18n
from analysis.__main__ import main
from analysis.data import dataset, intake_rows, translations
from analysis.data.importer import run_import
from analysis.data.intake import write_intake
from conftest import INDICATORS, PUBLISHERS, SOURCES, write_dataset

TODAY = date(2026, 11, 29)
# gii_rank and fdi_share get an English note; relations keeps none.
IND = INDICATORS.replace("GII rank,rank,hạng,rank,false,target,,", "GII rank,rank,hạng,rank,false,target,Edition year.,") \
    .replace("Share,%,%,share,true,target,,", "Share,%,%,share,true,target,Share of all enterprises.,")
# Line 2: gii_rank, current; line 3: fdi_share, stale (translated from an older note); line 4: no such indicator.
VI = """table,key,column,original,text
indicators,gii_rank,note,Edition year.,Năm của ấn bản.
indicators,fdi_share,note,Share of SMEs.,Tỷ lệ doanh nghiệp nhỏ và vừa.
indicators,no_such_indicator,note,Old note.,Ghi chú cũ.
"""
# TTXVN has a Vietnamese name of its own: the intake shows it beside the data's spelling.
PUB = PUBLISHERS.replace("TTXVN,TTXVN,TTXVN,,", "TTXVN,Thông tấn xã Việt Nam,Vietnam News Agency,,")


def folder(tmp_path, vi=VI):
    d = write_dataset(tmp_path / "data", indicators=IND, publishers=PUB)
    (d / "translations").mkdir()
    (d / "translations" / "vi.csv").write_text(vi, encoding="utf-8")
    return d


def sheet_rows(book, lang, key):
    ws = load_workbook(book)[i18n.catalog(lang)["intake"][key]]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def definitions(book, lang):
    """{indicator_id: (kind cell, definition cell)} of the read-only indicators sheet."""
    rows = sheet_rows(book, lang, "sheet_indicators")
    return {r[0].split(" — ")[0]: (r[3], r[4]) for r in rows[1:]}


def test_a_current_translation_is_shown_in_the_vi_intake_and_the_english_in_the_en_intake(tmp_path):
    d = folder(tmp_path)
    vi = definitions(write_intake(dataset.load(d), tmp_path / "vi.xlsx", "vi", TODAY), "vi")
    en = definitions(write_intake(dataset.load(d), tmp_path / "en.xlsx", "en", TODAY), "en")
    assert vi["gii_rank"] == ("thứ hạng (rank)", "Năm của ấn bản.")
    assert en["gii_rank"] == ("rank", "Edition year.")
    # stale: the data's own note, said to be the untranslated English; the English intake prints it as it is
    assert vi["fdi_share"] == ("tỷ lệ (share)",
                               "Chưa có bản dịch tiếng Việt; nguyên văn tiếng Anh: Share of all enterprises.")
    assert en["fdi_share"][1] == "Share of all enterprises."
    assert vi["relations"] == ("số đếm (count)", None) and en["relations"] == ("count", None)  # no note: empty


def test_the_validator_warns_at_the_stale_and_the_unknown_indicator_line(tmp_path, capsys):
    d = folder(tmp_path)
    shown = [str(p) for p in dataset.load(d).problems if "translations" in p.file]
    assert len(shown) == 2, shown
    assert shown[0].endswith("translations/vi.csv:3: warning: original: stale: the note of indicators fdi_share "
                             "has changed since it was translated; the original is printed until the text is "
                             "translated again")
    assert shown[1].endswith("translations/vi.csv:4: warning: key: unknown indicators key 'no_such_indicator'; "
                             "no row of indicators.csv has it, so the translation is not used")
    assert main(["validate", "--data", str(d)]) == 0  # warnings only
    out = capsys.readouterr().out
    assert "vi.csv:3: warning: original: stale" in out and "vi.csv:4: warning: key: unknown indicators key" in out


def test_a_malformed_indicator_row_is_an_error_at_its_line(tmp_path):
    ds = dataset.load(folder(tmp_path, VI + "indicators,gii_rank,locator,Edition year.,Năm.\n"))
    assert [str(p).split("vi.csv:")[1] for p in ds.errors] == \
        ["5: column: found 'locator': expected note for indicators"]


def test_the_worklist_lists_the_indicator_notes_to_translate(tmp_path):
    d = folder(tmp_path)
    todo = {(r["table"], r["key"]): r for r in translations.worklist(dataset.load(d)) if r["table"] == "indicators"}
    # gii_rank is current (not listed), fdi_share stale (its old text given to revise), relations has no note
    assert set(todo) == {("indicators", "fdi_share")}
    assert todo[("indicators", "fdi_share")] == {"table": "indicators", "key": "fdi_share", "column": "note",
                                                 "original": "Share of all enterprises.",
                                                 "text": "Tỷ lệ doanh nghiệp nhỏ và vừa."}
    todo[("indicators", "fdi_share")]["text"] = "Tỷ lệ trên toàn bộ doanh nghiệp."
    assert translations.merge(d, list(todo.values())) == 1
    ds = dataset.load(d)
    assert [r for r in translations.worklist(ds) if r["table"] == "indicators"] == []
    assert translations.indicator_note(ds, {"indicator_id": "fdi_share", "note": "Share of all enterprises."},
                                       "vi") == ("Tỷ lệ trên toàn bộ doanh nghiệp.", True)


def test_the_vi_intake_names_publishers_in_vietnamese_beside_the_data_s_spelling(tmp_path):
    book = write_intake(dataset.load(folder(tmp_path)), tmp_path / "vi.xlsx", "vi", TODAY)
    known = sheet_rows(book, "vi", "sheet_known_sources")
    assert [r[1] for r in known[1:]] == ["TTXVN — Thông tấn xã Việt Nam", "WIPO"]  # WIPO: one name in both
    lists = sheet_rows(book, "vi", "sheet_lists")
    assert lists[0] == ["Cơ quan công bố đã có trong dữ liệu", "Biểu đồ bối cảnh đã có", "Nơi đăng đã có trong dữ liệu"]
    assert [r[2] for r in lists[1:] if r[2]] == ["General Statistics Office", "TTXVN — Thông tấn xã Việt Nam", "WIPO"]
    assert [r[0] for r in lists[1:] if r[0]] == ["Bộ Ngoại giao", "General Statistics Office", "WIPO"]


def test_whatever_the_drop_downs_offer_is_imported_as_the_data_spell_it(tmp_path):
    """Every publisher and producer the Vietnamese drop-downs offer, an indicator chosen from its list for a
    figure and for a new indicator's score_for: make import takes each back to the data's spelling. The new
    indicator's English note needs no translation: the data stay valid, with no translation warning, and the
    worklist lists the note."""
    d = folder(tmp_path)
    book = write_intake(dataset.load(d), tmp_path / "vi.xlsx", "vi", TODAY)
    lists = sheet_rows(book, "vi", "sheet_lists")[1:]
    outlets = [r[2] for r in lists if r[2]]
    producers = [r[0] for r in lists if r[0]]
    choice = {r[0].split(" — ")[0]: r[0] for r in sheet_rows(book, "vi", "sheet_indicators")[1:]}
    assert choice["gii_rank"] == "gii_rank — Xếp hạng GII"
    wb = load_workbook(book)
    for k, outlet in enumerate(outlets):  # one new source per publisher offered
        wb["Nguồn mới"].append([f"n{k}", outlet, f"Bài {k}", "2025-10-01", "2026-11-23", "", "vi", "", "national"])
    for k, producer in enumerate(producers):  # one figure per producer offered, each its own day
        wb["Số liệu mới"].append([choice["relations"], f"2025-09-2{k + 1}", 194, None, None, "final", "true", "n0",
                                  "194 quốc gia", producer, "B", "false", None, None])
    new = next(x for x in intake_rows.sheets(d, "vi") if x["file"] == "indicators.csv")
    cells = {"indicator_id": "test_score", "pillar": "society_science", "name_vi": "Điểm GII", "name_en": "GII score",
             "unit": "points", "unit_vi": "điểm", "kind": "index", "higher_is_better": "true", "role": "context",
             "note": "The score of the GII edition.", "score_for": choice["gii_rank"]}
    wb[new["sheet"]].append([cells.get(c) for c in new["columns"]])
    wb.save(book)
    out = run_import(book, d, today=TODAY)
    assert out.code == 0, "\n".join(out.lines)

    def column(name, col):
        with open(d / name, encoding="utf-8", newline="") as f:
            return [r[col] for r in csv.DictReader(f)]

    assert column("sources.csv", "publisher")[-3:] == ["General Statistics Office", "TTXVN", "WIPO"]
    assert column("observations.csv", "producer")[-3:] == ["Ministry of Foreign Affairs", "General Statistics Office",
                                                           "WIPO"]
    assert column("observations.csv", "indicator_id")[-3:] == ["relations"] * 3
    assert column("indicators.csv", "score_for")[-1] == "gii_rank"
    ds = dataset.load(d)
    assert not ds.errors
    assert [p.line for p in ds.problems if "translations" in p.file] == [3, 4]  # the two above, nothing new
    assert ("indicators", "test_score", "note") in {(r["table"], r["key"], r["column"]) for r in translations.worklist(ds)}
    again = definitions(write_intake(ds, tmp_path / "again.xlsx", "vi", TODAY), "vi")
    assert again["test_score"] == ("chỉ số (index)",
                                   "Chưa có bản dịch tiếng Việt; nguyên văn tiếng Anh: The score of the GII edition.")


def test_the_latest_figure_is_the_full_year_one_with_its_qualifier_and_the_prompts_fit_excel(tmp_path):
    """Cold read of the Vietnamese intake (08/12/2026): the reference sheet's latest figure is the full-year one the
    report uses, with its source's qualifier in words; Excel's prompt limits (title 32, text 255 characters) are
    kept; the prompt of a new target's instrument lists the plan's documents."""
    from analysis import config

    path = write_intake(dataset.load(config.DATA_DIR), tmp_path / "vi.xlsx", "vi", TODAY)
    rows = {r[0].split(" — ")[0]: r for r in sheet_rows(path, "vi", "sheet_indicators")[1:]}
    # pinned data: trade_goods_total's selected figures end with 2025 = 930 ('>'), then 2026-01-15 and 2026-02,
    # both part-year; intl_organisations' latest is 2025-09-16 = 70 ('>')
    assert rows["trade_goods_total"][5:7] == ["2025", "trên 930"]
    assert rows["intl_organisations"][5:7] == ["2025-09-16", "trên 70"]
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            assert len(dv.promptTitle or "") <= 32 and len(dv.prompt or "") <= 255, (ws.title, dv.sqref)
    target_sheet = wb[i18n.catalog("vi")["intake_rows"]["sheet_targets"]]
    prompts = [dv.prompt for dv in target_sheet.data_validations.dataValidation if dv.promptTitle == "Văn bản đặt mục tiêu"]
    assert prompts and "59-NQ/TW, 153/NQ-CP" in prompts[0] and "plan.toml" not in prompts[0]
