"""What make import says about the new-row sheets of a Vietnamese workbook (issue 22, item 5): every message in
the workbook's language, each column by its heading as the sheet shows it, each with its fix; and a new
indicator whose row has a mistake never makes its figures say that the indicator does not exist (they wait for
its row). Run on a copy of the pinned data; the expected lines are written out by hand."""
from __future__ import annotations

from test_new_rows import SRC, TARGET, TARGET_IND, TODAY, everything, fill, snapshot

from analysis.data.dataset import load
from analysis.data.importer import run_import
from analysis.data.intake import write_intake


def test_three_mistakes_in_a_new_indicator_are_said_in_vietnamese_by_heading(real_data_copy, tmp_path):
    data = real_data_copy
    rows = everything()
    bad = list(TARGET_IND)
    bad[6], bad[7] = "rnk", "maybe"          # kind, higher_is_better
    bad[14], bad[15] = "9", "whenever"       # release_months, release_covers
    rows["indicators.csv"] = [bad, rows["indicators.csv"][1]]
    rows["figures"][1][2] = 35.5             # test_rank 2024: no rank is 35.5, but the rank's kind is not known yet
    before = snapshot(data)
    book = write_intake(load(data), tmp_path / "bad.xlsx", "vi", TODAY)
    fill(book, "vi", rows)
    out = run_import(book, data, today=TODAY)
    assert out.code == 1
    assert out.lines == [
        f"{book}: Chỉ tiêu mới!G2: Loại: ô có 'rnk': cần một trong các giá trị rank, share, count, amount, index",
        f"{book}: Chỉ tiêu mới!H2: Càng cao càng tốt: ô có 'maybe': cần true (đúng) hoặc false (sai)",
        f"{book}: Chỉ tiêu mới!P2: Kỳ của ấn phẩm: ô có 'whenever': cần một trong các giá trị same_year, "
        "previous_year, irregular",
        f"{book}: Số liệu mới!A3: Chỉ tiêu: chờ sửa dòng chỉ tiêu mới ở ô Chỉ tiêu mới!A2: số liệu và mục tiêu của "
        "'test_rank' được kiểm tra khi dòng đó đã đúng",
        f"{book}: 4 lỗi; không có gì được ghi.",
    ]
    assert snapshot(data) == before


def test_a_new_indicator_with_a_mistake_never_makes_its_figures_unknown(real_data_copy, tmp_path):
    """The reviewer's follow-on: an indicator row dropped for a bad pillar made its figures say 'không có chỉ tiêu'."""
    data = real_data_copy
    rows = everything()
    bad = list(TARGET_IND)
    bad[1] = "soft"  # pillar
    rows["indicators.csv"] = [bad, rows["indicators.csv"][1]]
    book = write_intake(load(data), tmp_path / "bad.xlsx", "vi", TODAY)
    fill(book, "vi", rows)
    out = run_import(book, data, today=TODAY)
    assert out.lines == [
        f"{book}: Chỉ tiêu mới!B2: Trụ cột: ô có 'soft': cần một trong các giá trị politics_security, economy, "
        "society_science",
        f"{book}: 1 lỗi; không có gì được ghi.",
    ]


def test_a_new_target_s_mistakes_name_the_columns_as_the_sheets_head_them(real_data_copy, tmp_path):
    data = real_data_copy
    rows = everything()
    target = list(TARGET) + [None, 2026]      # target_type empty (a level), period_start 2026
    target[2], target[5] = ">", "99/X"        # the test rank is better when lower; no such instrument
    rows["targets.csv"] = [target]
    book = write_intake(load(data), tmp_path / "bad.xlsx", "vi", TODAY)
    fill(book, "vi", rows)
    out = run_import(book, data, today=TODAY)
    assert out.lines == [
        f"{book}: Mục tiêu mới!C2: Phép so sánh: dấu '>' ngược với cột “Càng cao càng tốt” của chỉ tiêu 'test_rank' "
        "(false); ghi < hoặc <=",
        f"{book}: Mục tiêu mới!F2: Văn bản đặt mục tiêu: '99/X' không có trong danh sách văn bản của kế hoạch "
        "(plan.toml); ghi 59-NQ/TW hoặc 153/NQ-CP (nhiều văn bản: cách nhau bằng ';')",
        f"{book}: Mục tiêu mới!M2: Năm đầu giai đoạn: có năm 2026, nhưng mục tiêu về mức không có năm đầu giai đoạn; "
        "để trống, hoặc ghi cumulative hoặc average_growth ở cột “Loại mục tiêu”",
        f"{book}: 3 lỗi; không có gì được ghi.",
    ]
    assert SRC == target[6]
