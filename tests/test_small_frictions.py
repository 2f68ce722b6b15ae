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
