"""Smaller frictions of the analyst's test (issue 22 item 8): the status history legible in print, the poppler
warning gone from the PDFs, and 'WIPO (qua WIPO)' never printed."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from analysis.editions.pdf import without_suspects
from analysis.editions.sources import cite
from analysis.editions.workbook_texts import texts


def test_the_history_sheet_prints_legibly_nothing_left_out_but_the_ids(tmp_path):
    from test_workbook import build

    path, _, _ = build(tmp_path)
    ws = load_workbook(path)[texts("vi")["sheet.history"]]
    # conftest's data as of 2025: 3 targets, pillar and indicator (A-B), years 2019-2025 (C-I), the target's id (J,
    # for data entry, not printed)
    assert ws.print_area == "'Lịch sử đánh giá'!$A$1:$I$4"  # every printed column, every row
    assert ws.print_title_cols == "$A:$B" and ws.print_title_rows == "$1:$1"  # each page names its targets
    # at 85 %: 2 named columns (12.7 + 22.7 units) and 7 years of 14.7 units = 138.3 units, under the 165.3 a page
    # holds (tests/test_workbook.py): one page wide, no cut
    assert [b.id for b in ws.col_breaks.brk] == []
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.scale == 85 and not ws.sheet_properties.pageSetUpPr.fitToPage


def test_a_long_history_is_cut_between_years_and_shared_evenly():
    from analysis.editions.workbook_print import column_pages

    # 2 named columns (12.7, 22.7) and 12 years of 14.7 units: a page at 85 % holds 165.3 units, 35.4 named,
    # so 129.9 for years: 8 of 14.7 (117.6). 12 years: 2 pages; shared evenly, 6 and 6: the cut before column 8.
    assert column_pages([12, 22] + [14] * 12, 2) == [8]
    # 20 years: 3 pages (8 + 8 + 4 greedily), evenly 7, 7, 6: cuts before columns 9 and 16
    assert column_pages([12, 22] + [14] * 20, 2) == [9, 16]


def test_a_figure_read_in_the_producer_s_own_publication_names_the_producer_once():
    assert cite("WIPO", "WIPO", "vi") == "WIPO" and cite("WIPO", "WIPO", "en") == "WIPO"
    assert cite("Ministry of Foreign Affairs", "TTXVN", "vi") == "Bộ Ngoại giao (qua TTXVN)"


def test_the_tagged_pdf_s_markinfo_no_longer_trips_poppler(tmp_path):
    import typst

    (tmp_path / "t.typ").write_text("#set document(title: \"T\")\nXin chào\n", encoding="utf-8")
    pdf = tmp_path / "t.pdf"
    typst.compile(str(tmp_path / "t.typ"), output=str(pdf), timestamp=1767225600)
    before = pdf.read_bytes()
    assert b"/Suspects false" in before  # what typst writes, and poppler 22 reads as "wrong type (boolean)"
    without_suspects(pdf)
    after = pdf.read_bytes()
    assert len(after) == len(before) and b"/Suspects" not in after  # same offsets: the xref table stays right
    assert PdfReader(pdf).trailer["/Root"]["/MarkInfo"] == {"/Marked": True}  # still a tagged PDF
    if shutil.which("pdfinfo") is None:
        pytest.skip("poppler's pdfinfo is not installed")
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""


def test_make_lab_opens_on_the_project_so_reports_and_notebooks_both_show():
    from analysis import config

    out = subprocess.run(["make", "-n", "lab"], capture_output=True, text=True, cwd=str(config.PROJECT_ROOT)).stdout
    assert f'--ServerApp.root_dir="{config.PROJECT_ROOT}"' in out  # reports/*.ipynb and build/ in the file browser
    assert "--LabApp.default_url=/lab/tree/notebooks" in out


def test_a_make_report_with_nothing_to_rebuild_says_so(tmp_path):
    """A no-op `make report` says the report is up to date (Vietnamese first) before listing it; after a build
    that ran in the same make (its marker present), it only lists what it wrote."""
    import os
    import sys
    import time

    from conftest import write_dataset

    from analysis import config

    data = write_dataset(tmp_path / "data")
    reports = tmp_path / "reports"
    reports.mkdir()
    future = time.time() + 60  # newer than every data file, source file and parameter record make compares
    names = [f"vn-integration-report-2024-{lang}.{ext}" for lang in ("vi", "en") for ext in ("pdf", "ipynb", "xlsx")]
    for name in names + ["vn-integration-report-2024.record.json"]:
        (reports / name).write_bytes(b"built earlier")
        os.utime(reports / name, (future, future))
    marker = config.PROJECT_ROOT / "build" / ".report-built"
    marker.unlink(missing_ok=True)
    cmd = ["make", "--no-print-directory", "report", f"DATA={data}", f"REPORTS={reports}", "AS_OF=2024", "LANGS=vi,en",
           f"PYTHON={sys.executable}"]
    r = subprocess.run(cmd, cwd=config.PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = [line for line in r.stdout.splitlines() if not line.startswith("make[")]  # under `make test`, too
    assert "analysis build" not in r.stdout
    assert lines[0].startswith("Báo cáo vẫn là bản mới nhất: số liệu, chương trình và tham số không thay đổi")
    assert lines[1].startswith("Up to date: no data, code or parameter changed")
    assert lines[2] == f"Report: {reports}/vn-integration-report-2024-vi.pdf"
    marker.parent.mkdir(exist_ok=True)
    marker.touch()  # as the build's recipe leaves it when it ran
    r = subprocess.run(cmd, cwd=config.PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    shown = [line for line in r.stdout.splitlines() if not line.startswith("make[")]
    assert "Up to date" not in r.stdout and shown[0].startswith("Report: ")
    assert not marker.exists()  # said once: the next no-op says it is up to date again
