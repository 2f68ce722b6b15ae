"""The catalogs hold only the report's own words (issue 22, item 1): the acronyms the PDF spells out, how a sentence
describes the outlet a grade-C figure was read in, and a context indicator's note on its change are data
(data/acronyms.csv, publishers.csv's read_via columns, data/context_notes.csv), checked like every data file and,
for an acronym, added through the intake."""
from __future__ import annotations

import tomllib
from datetime import date

from conftest import PINNED
from openpyxl import load_workbook

from analysis import config, i18n
from analysis.data.dataset import load
from analysis.data.importer import run_import
from analysis.data.intake import write_intake
from analysis.editions import pdf

TODAY = date(2026, 11, 29)


def test_the_catalogs_hold_no_data_words():
    for lang in config.LANGS:
        cat = tomllib.loads((config.LOCALES_DIR / f"{lang}.toml").read_text("utf-8"))
        assert "acronyms" not in cat and "context_change_note" not in cat, lang
        assert sorted(cat["read_via"]) == ["figure", "rank"], lang  # the sentences, not an outlet's description


def test_the_data_words_come_from_the_data():
    load(PINNED)
    assert i18n.data_names("acronyms", "vi")["VCCI"] == "Liên đoàn Thương mại và Công nghiệp Việt Nam"
    assert i18n.data_names("acronyms", "en")["VCCI"] == "Vietnam Chamber of Commerce and Industry"
    assert i18n.data_name("read_via", "CafeF", "en") == "the business news site CafeF"
    assert i18n.data_name("context_notes", "partners_sp.down", "en") == (
        "(a net change between the two dates; meanwhile some Strategic Partners were upgraded to Comprehensive "
        "Strategic Partners)")


def test_a_folder_without_the_optional_names_files_is_valid(data_dir):
    assert not (data_dir / "acronyms.csv").exists() and not (data_dir / "context_notes.csv").exists()
    assert load(data_dir).errors == []
    assert i18n.data_names("acronyms", "vi") == {}
    assert pdf.spell_out({"summary": ["WIPO"]}, "vi") == {"summary": ["WIPO"]}  # nothing to spell out


def test_a_bad_acronym_or_context_note_is_located(real_data_copy):
    with open(real_data_copy / "acronyms.csv", "a", encoding="utf-8") as f:
        f.write("WEF,Diễn đàn khác,Another forum\n")  # line 14: WEF is on line 4 already
    with open(real_data_copy / "context_notes.csv", "a", encoding="utf-8") as f:
        f.write("partners_sp,sideways,a,b\nno_such,up,a,b\n")  # lines 3 and 4
    said = [str(p) for p in load(real_data_copy).errors]
    assert said == [
        f"{real_data_copy / 'context_notes.csv'}:3: direction: found 'sideways': expected one of up, down",
        f"{real_data_copy / 'acronyms.csv'}:14: acronym: duplicate key (acronym=WEF); first given at "
        f"{real_data_copy / 'acronyms.csv'}:4",
        f"{real_data_copy / 'context_notes.csv'}:4: indicator_id: unknown indicator 'no_such'; expected an "
        "indicator_id of indicators.csv",
    ]


def test_a_new_acronym_comes_in_through_the_intake_and_is_spelled_out(real_data_copy, tmp_path):
    book = write_intake(load(real_data_copy), tmp_path / "in.xlsx", "vi", TODAY)
    wb = load_workbook(book)
    ws = wb["Chữ viết tắt mới"]
    assert [c.value for c in ws[1]] == ["Chữ viết tắt", "Tên đầy đủ (tiếng Việt)", "Tên đầy đủ (tiếng Anh)"]
    ws.append(["KOTRA", "Cơ quan Xúc tiến thương mại và đầu tư Hàn Quốc", "Korea Trade-Investment Promotion Agency"])
    wb.save(book)
    out = run_import(book, real_data_copy, today=TODAY)
    assert out.code == 0, out.lines
    assert f"  + 1 dòng mới vào {real_data_copy / 'acronyms.csv'}" in out.lines
    assert (real_data_copy / "acronyms.csv").read_text("utf-8").endswith(
        "KOTRA,Cơ quan Xúc tiến thương mại và đầu tư Hàn Quốc,Korea Trade-Investment Promotion Agency\n")
    load(real_data_copy)
    assert pdf.spell_out({"summary": ["KOTRA và KOTRA"]}, "en") == {
        "summary": ["Korea Trade-Investment Promotion Agency (KOTRA) và KOTRA"]}
