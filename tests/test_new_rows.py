"""Rows new to any data file through the intake workbook, with no code change: a publisher and a producer (their
names in both languages), a context chart, an indicator, a target. The sheets follow datapackage.json; their rows are
checked with the figures (errors at the sheet and cell, nothing written) and the new indicator and target reach the
PDF, the scorecard and the status history in both languages. Run on a copy of the pinned data
(tests/fixtures/data); every figure below is a test figure, never written to data/."""
from __future__ import annotations

import csv
import json
import os
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from analysis.data import intake_rows
from analysis.data.dataset import load
from analysis.data.importer import run_import
from analysis.data.intake import write_intake

TODAY = date(2026, 11, 29)
SRC = "art-2025-09-16-nq59-briefing"  # the pinned data's source of the 153/NQ-CP targets

PUBLISHER = ["Test Outlet", "Báo Thử nghiệm", "The Test Outlet"]
PRODUCER = ["Test Bureau", "Cục Thử nghiệm", "Test Bureau of Statistics"]
CHART = ["test_chart", "Biểu đồ thử nghiệm của bối cảnh", "The test context chart", "", ""]
SOURCE = ["test-outlet-2026", "Test Outlet", "Test figures 2026", "2026-03-02", "2026-11-23", "", "en", "", "national"]
# every column of indicators.csv in the pinned package's order
TARGET_IND = ["test_rank", "society_science", "Xếp hạng thử nghiệm mới", "New test ranking", "rank", "hạng", "rank",
              "false", "target", "A test indicator.", None, None, None, None, None, None, None, None, None, None]
CONTEXT_IND = ["test_count", "economy", "Số lượng thử nghiệm bối cảnh", "Test context count", "items", "mục", "count",
               "true", "context", "A test indicator.", None, None, None, None, None, None, None, "test_chart", None, None]
TARGET = ["t_test_rank", "test_rank", "<=", 30, 2030, "153/NQ-CP", SRC, "xếp hạng thử nghiệm từ thứ 30 trở lên",
          "30th or better in the test ranking", None, None]


def figure(indicator: str, period: str, value: float) -> list:
    return [indicator, period, value, None, None, "final", "true", "test-outlet-2026", f"figure {value}",
            "Test Bureau", "B", "false", None, None]


def fill(book, lang: str, rows: dict) -> None:
    """rows: {file: [[cell, ...], ...]} for the new-row sheets, plus 'figures' and 'sources'."""
    wb = load_workbook(book)
    names = {x["file"]: x["sheet"] for x in intake_rows.sheets(load().data_dir, lang)}
    sheet = {"figures": wb.sheetnames[1], "sources": wb.sheetnames[2], **names}
    for key, values in rows.items():
        for row in values:
            wb[sheet[key]].append(list(row))
    wb.save(book)


def everything() -> dict:
    return {"publishers.csv": [PUBLISHER], "producers.csv": [PRODUCER], "charts.csv": [CHART],
            "indicators.csv": [TARGET_IND, CONTEXT_IND], "targets.csv": [TARGET], "sources": [SOURCE],
            "figures": [figure("test_rank", "2021", 41), figure("test_rank", "2024", 36), figure("test_rank", "2025", 35),
                        figure("test_count", "2023", 12), figure("test_count", "2025", 15)]}


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_each_sheet_has_every_column_of_its_file_in_the_package(real_data_copy, tmp_path):
    """A column added to datapackage.json (here a made-up targets.csv 'reviewer') appears on its sheet with no
    code change, headed by its name and prompted by its description until a catalog words it."""
    pkg_path = real_data_copy / "datapackage.json"
    pkg = json.loads(pkg_path.read_text("utf-8"))
    targets = next(r for r in pkg["resources"] if r["name"] == "targets")
    targets["schema"]["fields"].append({"name": "reviewer", "type": "string", "description": "Who checked it."})
    pkg_path.write_text(json.dumps(pkg), "utf-8")
    book = write_intake(load(real_data_copy), tmp_path / "in.xlsx", "vi", TODAY)
    wb = load_workbook(book)
    with open(real_data_copy / "indicators.csv", encoding="utf-8") as f:
        columns = next(csv.reader(f))
    assert wb["Chỉ tiêu mới"].max_column == len(columns) == 20
    assert [c.value for c in wb["Chỉ tiêu mới"][1]][:3] == ["Mã chỉ tiêu", "Trụ cột", "Tên tiếng Việt"]
    assert [c.value for c in wb["Mục tiêu mới"][1]][-6:] == ["Điều, mục của văn bản", "Loại mục tiêu", "Năm đầu giai đoạn",
                                                          "Ghi chú in ở trang chỉ tiêu (tiếng Việt)",
                                                          "Ghi chú in ở trang chỉ tiêu (tiếng Anh)", "reviewer"]
    assert [c.value for c in wb["Nơi đăng mới"][1]] == ["Nơi đăng (như ghi ở cột Nơi đăng của nguồn)",
                                                         "Tên in trong báo cáo tiếng Việt", "Tên in trong báo cáo tiếng Anh",
                                                         "Cách gọi nơi đăng trong câu “đọc qua …” (tiếng Việt)",
                                                         "Cách gọi nơi đăng trong câu “đọc qua …” (tiếng Anh)"]
    assert wb.sheetnames[3:9] == ["Nơi đăng mới", "Cơ quan công bố mới", "Chữ viết tắt mới", "Biểu đồ mới", "Chỉ tiêu mới",
                                  "Mục tiêu mới"]


def test_a_new_publisher_source_and_gii_2026_figure_go_in_together(real_data_copy, tmp_path):
    """The analyst's scenario (review F5): a source of a publisher new to the data, and its figure. Without the
    publisher's names the import refuses at the cell; with them, every file is written and the data stay valid."""
    data = real_data_copy
    src = ["wipo-gii-2026-test", "WIPO", "Global Innovation Index 2026", "2026-09-16", "2026-11-23",
           "https://www.wipo.int/gii", "en", "", "producer"]
    gii = ["gii_rank", "2026", 43, None, None, "final", "true", "wipo-gii-2026-test", "ranks 43rd", "WIPO", "A",
           "false", None, None]
    before = snapshot(data)
    book = write_intake(load(data), tmp_path / "a.xlsx", "vi", TODAY)
    fill(book, "vi", {"sources": [src], "figures": [gii]})
    out = run_import(book, data, today=TODAY)
    assert out.code == 1
    said = "\n".join(out.lines)  # in the workbook's language, the column as the sheet heads it, the sheet to add it on
    assert f"{book}: Nguồn mới!B2: Nơi đăng: chưa có tên của nơi đăng 'WIPO' trong publishers.csv" in said
    assert "trong sổ này: thêm một dòng ở trang “Nơi đăng mới”" in said
    assert snapshot(data) == before  # nothing written

    book = write_intake(load(data), tmp_path / "b.xlsx", "vi", TODAY)
    fill(book, "vi", {"sources": [src], "figures": [gii],
                      "publishers.csv": [["WIPO", "Tổ chức Sở hữu trí tuệ thế giới (WIPO)",
                                          "World Intellectual Property Organization (WIPO)"]]})
    out = run_import(book, data, today=TODAY)
    assert out.code == 0, out.lines
    assert (data / "publishers.csv").read_bytes() == before["publishers.csv"] + (
        "WIPO,Tổ chức Sở hữu trí tuệ thế giới (WIPO),World Intellectual Property Organization (WIPO),,\n").encode()
    assert load(data).errors == []


def test_an_error_on_a_new_row_sheet_is_at_its_cell_and_writes_nothing(real_data_copy, tmp_path):
    data = real_data_copy
    rows = everything()
    bad = list(TARGET_IND)
    bad[6] = "ratio"  # kind
    rows["indicators.csv"] = [bad, CONTEXT_IND]
    rows["charts.csv"] = [["test_chart", "", "The test context chart", "", ""]]  # no Vietnamese title
    before = snapshot(data)
    book = write_intake(load(data), tmp_path / "bad.xlsx", "en", TODAY)
    fill(book, "en", rows)
    out = run_import(book, data, today=TODAY)
    assert out.code == 1
    text = "\n".join(out.lines)
    assert f"{book}: New indicators!G2: kind: " in text
    assert f"{book}: New charts!B2: title_vi: empty; a value is required" in text
    assert snapshot(data) == before


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The pinned data with a new publisher, producer, chart, context indicator, target indicator and target, all
    through one intake workbook; then both editions built."""
    import shutil

    from conftest import PINNED

    from analysis.editions import pipeline

    root = tmp_path_factory.mktemp("new-rows")
    data = root / "data"
    shutil.copytree(PINNED, data)
    book = write_intake(load(data), root / "intake.xlsx", "vi", TODAY)
    fill(book, "vi", everything())
    out = run_import(book, data, today=TODAY)
    assert out.code == 0, out.lines
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        pdfs = pipeline.build(2026, ["vi", "en"], None, data, root / "reports")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return out, data, root / "reports", pdfs


def test_the_import_adds_every_row_in_one_go(built):
    out, data, _, _ = built
    said = "\n".join(out.lines)
    assert "  + 2 dòng mới vào" in said
    # the new target is said among the status changes: not tracked before, assessed now (run-through friction 5)
    assert any(line.startswith("  Xếp hạng thử nghiệm mới") and "Chưa theo dõi →" in line for line in out.lines), said
    with open(data / "targets.csv", encoding="utf-8") as f:
        assert list(csv.DictReader(f))[-1]["target_id"] == "t_test_rank"
    with open(data / "indicators.csv", encoding="utf-8") as f:
        assert [r["chart"] for r in csv.DictReader(f)][-2:] == ["", "test_chart"]


@pytest.mark.parametrize("lang, names", [
    ("vi", ["Biểu đồ thử nghiệm của bối cảnh", "Số lượng thử nghiệm bối cảnh", "Xếp hạng thử nghiệm mới",
            "xếp hạng thử nghiệm từ thứ 30 trở lên", "Cục Thử nghiệm"]),
    ("en", ["The test context chart", "Test context count", "New test ranking", "30th or better in the test ranking",
            "Test Bureau of Statistics"]),
])
def test_the_new_chart_and_target_are_in_the_pdf(built, lang, names):
    _, _, reports, pdfs = built
    pdf = next(p for p in pdfs if p.name.endswith(f"-{lang}.pdf"))
    # compared without spaces: the extraction splits a kerned pair ("T est")
    text = "".join("".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    missing = [n for n in names if "".join(n.split()) not in text]
    assert missing == []


@pytest.mark.parametrize("lang, name", [("vi", "Xếp hạng thử nghiệm mới"), ("en", "New test ranking")])
def test_the_new_target_has_its_scorecard_row_and_history(built, lang, name):
    from analysis import i18n

    _, _, reports, pdfs = built
    pdf = next(p for p in pdfs if p.name.endswith(f"-{lang}.pdf"))
    wb = load_workbook(pdf.with_suffix(".xlsx"), read_only=True)
    for key in ("sheet.scorecard", "sheet.history"):
        ws = wb[i18n.text(lang, f"workbook.{key}")]
        cells = [str(c) for row in ws.iter_rows(values_only=True) for c in row if c]
        assert any(name in c for c in cells), key


def test_a_new_indicators_own_id_has_no_drop_down_of_the_ids_it_must_not_repeat(real_data_copy, tmp_path):
    """The analyst's test: the new indicator's id column offered the existing ids; it is typed in, while the
    figures sheet still offers the known ids (column A of both sheets)."""
    wb = load_workbook(write_intake(load(real_data_copy), tmp_path / "in.xlsx", "vi", TODAY))

    def lists(ws):
        return {str(v.sqref).split(":")[0] for v in ws.data_validations.dataValidation if v.type == "list"}

    assert "A2" not in lists(wb["Chỉ tiêu mới"])
    assert "B2" in lists(wb["Chỉ tiêu mới"])  # the pillar keeps its list
    assert "A2" in lists(wb["Số liệu mới"])
