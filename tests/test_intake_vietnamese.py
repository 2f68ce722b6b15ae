"""The intake path in the workbook's language (issue 22, F9-F13): every message of make import in Vietnamese
for a Vietnamese workbook, with its fix and its place; the cells read as a Vietnamese-locale spreadsheet
leaves them; the right prompt on each column; a replaced figure and a cascade said once."""
from __future__ import annotations

import re
import subprocess
from datetime import date

from openpyxl import load_workbook

from analysis import config, i18n
from analysis.__main__ import main
from analysis.data.dataset import load
from analysis.data.importer import run_import
from analysis.data.intake import write_intake

TODAY = date(2026, 11, 29)
# indicator, period, value, qualifier, out_of, status, selected, source, locator, producer, grade, proxy, partial, note
S3 = ["s3", "WIPO", "Global Innovation Index 2025", "2025-09-16", "2026-11-23", "https://www.wipo.int/gii", "en", "",
      "producer"]


def book(data_dir, tmp_path, figures=(), sources=(), lang="vi"):
    path = write_intake(load(data_dir), tmp_path / f"intake-{lang}.xlsx", lang)
    wb = load_workbook(path)
    for row in figures:
        wb[wb.sheetnames[1]].append(list(row))
    for row in sources:
        wb[wb.sheetnames[2]].append(list(row))
    wb.save(path)
    return path


def gii(period="2025", value=39, source="s3", **cells):
    row = ["gii_rank", period, value, None, 139, "final", "true", source, "ranks 39th", "WIPO", "A", "false", None,
           None]
    for k, v in cells.items():
        row[{"qualifier": 3, "proxy": 11, "partial": 12, "producer": 9, "grade": 10, "indicator": 0}[k]] = v
    return row


def test_about_52_says_in_vietnamese_where_the_word_goes(data_dir, tmp_path):
    path = book(data_dir, tmp_path, [gii(value="khoảng 52")], [S3])
    out = run_import(path, data_dir, today=TODAY)
    assert out.code == 1
    assert out.lines == [
        f"{path}: Số liệu mới!C2: Giá trị: ô có 'khoảng 52': chỉ ghi con số (52); các từ như “khoảng”, “hơn”, "
        "“dưới” ghi bằng ký hiệu ~, >, < ở cột “Ghi chú mức (>, <, ~)”",
        f"{path}: 1 lỗi; không có gì được ghi.",
    ]


def test_the_validator_s_messages_are_said_in_vietnamese_with_their_place(data_dir, tmp_path):
    rows = [["gdp_rank", "2024", 40, None, None, "final", "true", "s2", "x", "WIPO", "A", "false", None, None],
            gii(source="s9"), gii(period="2020", value=60, source="s2", grade="B")]
    path = book(data_dir, tmp_path, rows)
    out = run_import(path, data_dir, today=TODAY)
    assert out.code == 1
    assert f"{path}: Số liệu mới!A2: Chỉ tiêu: không có chỉ tiêu 'gdp_rank'; chọn chỉ tiêu trong danh sách, hoặc " \
        "thêm chỉ tiêu mới ở trang “Chỉ tiêu mới”" in out.lines
    assert f"{path}: Số liệu mới!H3: Nguồn (mã): không có nguồn 's9'; cần mã của một nguồn ở trang “Nguồn đã có " \
        "(chỉ xem)” hoặc ở trang “Nguồn mới”" in out.lines
    # s2 is WIPO's own publication (outlet producer): grade A, not B
    assert f"{path}: Số liệu mới!K4: Mức tin cậy (A, B, C): ghi mức B, nhưng loại nguồn cho mức A: nguồn là ấn phẩm " \
        "của chính cơ quan công bố (WIPO) (nguồn 's2', loại nguồn producer)" in out.lines
    assert not any(re.search(r"\b(expected|found|given)\b", line) for line in out.lines)


def test_the_english_workbook_and_the_validator_keep_english(data_dir, tmp_path, capsys):
    path = book(data_dir, tmp_path, [gii(value="about 52")], [S3], lang="en")
    out = run_import(path, data_dir, today=TODAY)
    assert out.lines[0] == (f"{path}: New figures!C2: value: found 'about 52': expected a number such as 42 or 7.3; "
                            "write the number alone (52) and, for “about”, “more than” or “less than”, put ~, > or < "
                            "in the column Qualifier (>, <, ~)")
    (data_dir / "observations.csv").write_text((data_dir / "observations.csv").read_text()
                                               + "gii_rank,2025,about 52,s2,x,final,true,,,false,WIPO,false,A,\n")
    assert main(["validate", "--data", str(data_dir)]) == 1
    assert "observations.csv:8: value: found 'about 52': expected a number such as 42 or 7.3; write the number " \
        "alone (52) and, for “about”, “more than” or “less than”, put ~, > or < in the column qualifier" \
        in capsys.readouterr().err


def test_a_decimal_comma_typed_as_text_is_read_as_the_number_in_the_vietnamese_workbook(data_dir, tmp_path):
    # A number cell typed 43,5 in a Vietnamese-locale spreadsheet is a number already; only a text cell "43,5"
    # reaches the import, and the Vietnamese workbook means 43.5 by it.
    row = ["fdi_share", "2025", "20,5", None, None, "final", "true", "s1", "20,5%", "General Statistics Office", "B",
           None, None, None]
    out = run_import(book(data_dir, tmp_path, [row]), data_dir, today=TODAY)
    assert out.code == 0, out.lines
    assert (data_dir / "observations.csv").read_text().splitlines()[-1] == \
        "fdi_share,2025,20.5,s1,\"20,5%\",final,true,,,false,General Statistics Office,false,B,"


def test_an_empty_proxy_or_partial_cell_means_false(data_dir, tmp_path):
    out = run_import(book(data_dir, tmp_path, [gii(proxy=None, partial=None)], [S3]), data_dir, today=TODAY)
    assert out.code == 0, out.lines
    assert (data_dir / "observations.csv").read_text().splitlines()[-1] == \
        "gii_rank,2025,39,s3,ranks 39th,final,true,,,false,WIPO,false,A,139"


def test_the_producer_is_chosen_by_its_vietnamese_name_and_written_as_the_data_spell_it(data_dir, tmp_path):
    path = book(data_dir, tmp_path)
    wb = load_workbook(path)
    lists = wb[wb.sheetnames[-1]]
    names = [c.value for c in lists["A"][1:]]
    assert names == ["Bộ Ngoại giao", "General Statistics Office", "WIPO"]  # conftest's producers, vi catalog names
    row = ["relations", "2025-09-10", 195, None, None, "final", "true", "s1", "195 quốc gia", "Bộ Ngoại giao", "B",
           None, None, None]
    path = book(data_dir, tmp_path, [row])
    out = run_import(path, data_dir, today=date(2026, 11, 29))
    assert out.code == 0, out.lines
    assert (data_dir / "observations.csv").read_text().splitlines()[-1] == \
        "relations,2025-09-10,195,s1,195 quốc gia,final,true,,,false,Ministry of Foreign Affairs,false,B,"


def test_free_text_columns_never_get_the_true_false_prompt(data_dir, tmp_path):
    for lang in ("vi", "en"):
        wb = load_workbook(book(data_dir, tmp_path, lang=lang))
        T = i18n.catalog(lang)["intake"]
        ws = wb[T["sheet_figures"]]
        prompts = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.prompt
                   for dv in ws.data_validations.dataValidation}
        assert prompts["I"] == T["tip_locator"] and prompts["N"] == T["tip_note"]  # Vị trí trong nguồn, Ghi chú
        assert {k for k, v in prompts.items() if v == T["tip_bool"]} == {"L", "M"}  # proxy, partial
        assert prompts["G"] == T["tip_selected"]


def test_the_vietnamese_instructions_write_decimals_with_a_comma(data_dir, tmp_path):
    wb = load_workbook(book(data_dir, tmp_path))
    text = " ".join(str(c.value or "") for c in wb["Hướng dẫn"]["A"])
    assert "(42 hoặc 7,3)" in text and "(21,5)" in text and "7.3" not in text and "21.5" not in text


def test_a_new_selected_figure_of_another_source_replaces_the_old_one_without_an_error(data_dir, tmp_path):
    # gii_rank 2023 is 50 from s2 (selected); a new source gives 49: the old row is unselected, no "2 selected"
    out = run_import(book(data_dir, tmp_path, [gii(period="2023", value=49)], [S3]), data_dir, today=TODAY)
    assert out.code == 0, out.lines
    lines = (data_dir / "observations.csv").read_text().splitlines()
    assert lines[3].startswith("gii_rank,2023,50,s2,ranks 50th,final,false,Replaced on 2026-11-29 by the figure of s3")


def test_the_same_source_again_for_a_figure_it_gives_is_said_once_with_its_file_line(data_dir, tmp_path):
    # s2 already gives gii_rank 2023 (line 4 of observations.csv): one message, not also "2 rows selected"
    path = book(data_dir, tmp_path, [gii(period="2023", value=49, source="s2")])
    out = run_import(path, data_dir, today=TODAY)
    assert out.code == 1
    assert out.lines == [
        f"{path}: Số liệu mới!H2: Nguồn (mã): nguồn 's2' đã có một số liệu cho gii_rank 2023 ở "
        f"{data_dir / 'observations.csv'}:4; mỗi nguồn chỉ cho một số liệu của một chỉ tiêu trong một kỳ: ghi nguồn "
        "đưa ra số liệu mới (nguồn mới thêm ở trang “Nguồn mới”), hoặc sửa trực tiếp dòng đó trong dữ liệu",
        f"{path}: 1 lỗi; không có gì được ghi.",
    ]


def test_a_source_given_again_with_a_change_names_the_file_and_line_of_the_first(data_dir, tmp_path):
    again = ["s1", "Tổng cục Thống kê", "Niên giám 2024", "2025-09-16", "2026-11-23", "", "vi", "", "national"]
    path = book(data_dir, tmp_path, [], [again])
    out = run_import(path, data_dir, today=TODAY)
    assert out.code == 1
    assert out.lines[0] == (f"{path}: Nguồn mới!A2: Mã nguồn: trùng mã (source_id=s1); đã có ở "
                            f"{data_dir / 'sources.csv'}:2")


def test_a_malformed_period_is_one_error_not_a_cascade(data_dir, tmp_path):
    path = book(data_dir, tmp_path, [gii(period="năm 2025")], [S3])
    out = run_import(path, data_dir, today=TODAY)
    assert out.lines == [
        f"{path}: Số liệu mới!B2: Kỳ (YYYY, YYYY-MM, YYYY-MM-DD): ô có 'năm 2025': cần kỳ số liệu dạng YYYY, "
        "YYYY-MM hoặc YYYY-MM-DD",
        f"{path}: 1 lỗi; không có gì được ghi.",
    ]


def test_make_writes_the_intake_where_make_clean_does_not_delete_it():
    out = subprocess.run(["make", "-n", "intake"], capture_output=True, text=True, cwd=str(config.PROJECT_ROOT))
    assert re.search(r'--out "intake/intake-\d{4}-\d{2}-\d{2}\.xlsx"', out.stdout)
    clean = subprocess.run(["make", "-n", "clean"], capture_output=True, text=True, cwd=str(config.PROJECT_ROOT))
    assert "intake" not in clean.stdout


def test_the_known_sources_quality_notes_are_in_vietnamese_where_translated(tmp_path):
    from conftest import SOURCES, write_dataset

    data = write_dataset(tmp_path / "data", sources=SOURCES.replace(
        "https://example.org/a,vi,,national", "https://example.org/a,vi,Press release.,national"))
    (data / "translations").mkdir()
    (data / "translations" / "vi.csv").write_text(
        "table,key,column,original,text\nsources,s1,note,Press release.,Thông cáo báo chí.\n", encoding="utf-8")
    for lang, note in (("vi", "Thông cáo báo chí."), ("en", "Press release.")):
        wb = load_workbook(write_intake(load(data), tmp_path / f"k-{lang}.xlsx", lang))
        ws = wb[i18n.catalog(lang)["intake"]["sheet_known_sources"]]
        assert ws["H2"].value == note  # the note column of s1


def test_the_bad_copy_after_the_good_one_gives_one_error_per_mistake(data_dir, tmp_path):
    """F10: the good workbook went in; a copy with three mistakes (a date typed d/m/y in the source already
    added, 'khoảng 39' in the figure already added, and another value from the same source) gives three
    errors, not six: a row with a malformed cell is not also a duplicate, as corrected it is the row in the data."""
    (tmp_path / "good").mkdir()
    good = book(data_dir, tmp_path / "good", [gii()], [S3])
    assert run_import(good, data_dir, today=TODAY).code == 0
    bad_source = [*S3]
    bad_source[3] = "16/09/2025"
    path = book(data_dir, tmp_path, [gii(value="khoảng 39"), gii(value=38)], [bad_source])
    out = run_import(path, data_dir, today=TODAY)
    assert [line.split(": ")[1] for line in out.lines[:-1]] == ["Nguồn mới!D2", "Số liệu mới!C2", "Số liệu mới!H3"]
    assert out.lines[-1] == f"{path}: 3 lỗi; không có gì được ghi."
