"""make import: a filled intake workbook checked by the validator's rules, located at the workbook cell,
appended to the CSV files (or nothing written at all), and what it changed printed."""
from __future__ import annotations

import difflib
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from analysis.__main__ import main
from analysis.data.dataset import load
from analysis.data.importer import run_import
from analysis.data.intake import write_intake

from conftest import write_dataset

TODAY = date(2026, 11, 29)
FILES = ("sources.csv", "indicators.csv", "targets.csv", "observations.csv")


def intake(data_dir: Path, out: Path, lang: str = "en") -> Path:
    return write_intake(load(data_dir), out, lang)


def fill(path: Path, figures=(), sources=(), lang: str = "en") -> Path:
    """Append rows to the figures and new-sources sheets, as an analyst would, and save."""
    wb = load_workbook(path)
    names = wb.sheetnames
    for row in figures:
        wb[names[1]].append(list(row))
    for row in sources:
        wb[names[2]].append(list(row))
    wb.save(path)
    return path


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir())}


# A new source for a new GII edition, one for a revised statistics-office figure (published after s1,
# so that the revision is the later release).
S3 = ["s3", "WIPO", "Global Innovation Index 2025", "2025-09-16", "2026-11-23", "https://www.wipo.int/gii", "en", "",
      "producer"]
S4 = ["s4", "General Statistics Office", "Statistical Yearbook 2024", "2025-10-15", "2026-11-23", "", "en", "",
      "producer"]
# indicator, period, value, qualifier, out_of, status, selected, source, locator, producer, grade, proxy, partial, note
NEW_GII = ["gii_rank — GII rank", "2025", 39, None, 139, "final", "true", "s3", "ranks 39th", "WIPO", "A", "false",
           None, None]
REVISED_SHARE = ["fdi_share", "2024", 19, None, None, "final", "true", "s4", "19.0%", "General Statistics Office",
                 "A", "false", "false", "Revised in the yearbook."]


def test_a_clean_import_appends_exactly_the_rows_and_prints_the_changes(data_dir, tmp_path, capsys):
    book = fill(intake(data_dir, tmp_path / "intake.xlsx"), [NEW_GII, REVISED_SHARE], [S3, S4])
    before = snapshot(data_dir)
    outcome = run_import(book, data_dir, today=TODAY)
    assert outcome.code == 0, outcome.lines

    old = before["observations.csv"].decode().splitlines()
    new = (data_dir / "observations.csv").read_text().splitlines()
    diff = [d for d in difflib.ndiff(old, new) if d[:1] in "+-"]
    assert diff == [
        "- fdi_share,2024,19.5,s1,19.5%,final,true,,,false,General Statistics Office,false,B,",
        "+ fdi_share,2024,19.5,s1,19.5%,final,false,Replaced on 2026-11-29 by the figure of s4 (import).,,false,"
        "General Statistics Office,false,B,",
        "+ gii_rank,2025,39,s3,ranks 39th,final,true,,,false,WIPO,false,A,139",
        "+ fdi_share,2024,19,s4,19.0%,final,true,Revised in the yearbook.,,false,General Statistics Office,false,A,",
    ]
    assert (data_dir / "sources.csv").read_bytes() == before["sources.csv"] + (
        b"s3,WIPO,Global Innovation Index 2025,2025-09-16,2026-11-23,https://www.wipo.int/gii,en,,producer,\n"
        b"s4,General Statistics Office,Statistical Yearbook 2024,2025-10-15,2026-11-23,,en,,producer,\n")
    for name in ("indicators.csv", "targets.csv"):
        assert (data_dir / name).read_bytes() == before[name]
    ds = load(data_dir)
    assert ds.errors == [] and ds.warnings == []

    # By hand, as of 2025 (window from 2020), methodology rules 3, 6, 8-12:
    # t_gii before: 55 (2021) -> 50 (2023), slope -2.5, projection 2030 = 32.5, R = (32.5-55)/(40-55) = 1.5:
    #   on track, only two years (†). After: 39 in 2025 meets <= 40: achieved, three years, within 3 places (‡).
    # t_share before: 18.5 (2020) -> 19.5 (2024), slope 0.25, projection 2030 = 21, R = 2.5/2.5 = 1: on track (†).
    #   After: 19 in 2024, slope 0.125, projection 19.75, R = 1.25/2.5 = 0.5: insufficient progress; the
    #   unselected 19.5 would give on track, so the status depends on the source (¶).
    # t_rel: one figure, unchanged, not listed.
    assert outcome.lines == [
        f"{book}: added 2 figure(s) to {data_dir / 'observations.csv'} and 2 source(s) to {data_dir / 'sources.csv'}.",
        "  + gii_rank 2025: 39 (s3), selected",
        "  + fdi_share 2024: 19 (s4), selected",
        "  − fdi_share 2024: 19.5 (s1) no longer selected",
        "  + source s3: Global Innovation Index 2025",
        "  + source s4: Statistical Yearbook 2024",
        "Targets whose status or flags changed (assessed as of 2025):",
        "  GII rank (40th or better): On track → Achieved",
        "    marks: † only two years with figures → ‡ a difference of 3 places or less, within a ranking's usual "
        "year-to-year movement",
        "  Share (more than 21 %): On track → Insufficient progress",
        "    marks: † only two years with figures → † only two years with figures; ¶ the status would differ with "
        "another source's figure for one year",
    ]


def test_importing_the_same_workbook_twice_adds_nothing(data_dir, tmp_path):
    book = fill(intake(data_dir, tmp_path / "intake.xlsx"), [NEW_GII, REVISED_SHARE], [S3, S4])
    assert run_import(book, data_dir, today=TODAY).code == 0
    after_first = snapshot(data_dir)
    outcome = run_import(book, data_dir, today=date(2026, 12, 1))
    assert outcome.code == 0
    assert outcome.lines == [f"{book}: nothing to add; every row is already in the data."]
    assert snapshot(data_dir) == after_first


def test_a_workbook_with_errors_gets_one_located_message_per_problem_and_writes_nothing(data_dir, tmp_path):
    # Each row has one problem. "Outside the data's range": a year before 1990 (importer.MIN_YEAR) or after
    # the current year (here TODAY's; a period of this year that begins after today is the validator's
    # "in the future", tested with the validator).
    # s2 is WIPO's own publication: its rows are grade A, so the grade is no problem here.
    rows = [
        ["gdp_rank", "2024", 40, None, None, "final", "true", "s2", "x", "WIPO", "A", "false", None, None],
        ["gii_rank", "2024", "about 40", None, None, "final", "true", "s2", "x", "WIPO", "A", "false", None, None],
        ["gii_rank", "1985", 70, None, None, "final", "true", "s2", "x", "WIPO", "A", "false", None, None],
        ["gii_rank", "2099", 30, None, None, "final", "true", "s2", "x", "WIPO", "A", "false", None, None],
        ["gii_rank", "2022", 52, None, None, "final", "true", "s9", "x", "WIPO", "A", "false", None, None],
    ]
    book = fill(intake(data_dir, tmp_path / "bad.xlsx"), rows)
    before = snapshot(data_dir)
    outcome = run_import(book, data_dir, today=TODAY)
    assert outcome.code == 1
    assert outcome.lines == [
        f"{book}: New figures!A2: indicator_id: unknown indicator 'gdp_rank'; expected an indicator of the list, "
        "or a new one added on the sheet 'New indicators'",
        f"{book}: New figures!C3: value: found 'about 40': expected a number such as 42 or 7.3; write the number "
        "alone (40) and, for “about”, “more than” or “less than”, put ~, > or < in the column Qualifier (>, <, ~)",
        f"{book}: New figures!B4: period: 1985 is before 1990; expected a year from 1990 to 2026",
        f"{book}: New figures!B5: period: 2099 is after the current year; expected a year from 1990 to 2026",
        f"{book}: New figures!H6: source_id: unknown source 's9'; expected a source_id of sources.csv or of the "
        "sheet 'New sources'",
        f"{book}: 5 problem(s); nothing was written.",
    ]
    assert snapshot(data_dir) == before


def test_a_problem_in_a_new_source_row_is_located_in_the_sources_sheet(data_dir, tmp_path):
    bad_source = ["s3", "WIPO", "GII 2025", "16/09/2025", "2026-11-23", "", "en", "", "producer"]
    book = fill(intake(data_dir, tmp_path / "bad.xlsx", lang="vi"), [[*NEW_GII[:7], "s3", *NEW_GII[8:]]],
                [bad_source], lang="vi")
    before = snapshot(data_dir)
    outcome = run_import(book, data_dir, today=TODAY)
    assert outcome.code == 1
    # in the workbook's language, the column by its heading in the sheet
    assert outcome.lines == [
        f"{book}: Nguồn mới!D2: Ngày đăng (YYYY-MM-DD): ô có '16/09/2025': có vẻ là ngày do bảng tính lưu theo thứ "
        "tự ngày/tháng/năm; ghi 2025-09-16 (YYYY-MM-DD); trong bảng tính, định dạng cột là Văn bản (Text) trước khi "
        "gõ, nếu không cài đặt vùng của máy sẽ lại đổi ngày tháng khi lưu",
        f"{book}: 1 lỗi; không có gì được ghi.",
    ]
    assert snapshot(data_dir) == before


def test_a_genuine_date_cell_is_read_as_its_date(data_dir, tmp_path):
    """A period or a source's date the spreadsheet made a date cell: its date is what was typed (F10)."""
    row = [*NEW_GII]
    row[1] = datetime(2025, 9, 1)
    source = [*S3]
    source[3] = datetime(2025, 9, 16)
    book = fill(intake(data_dir, tmp_path / "d.xlsx"), [row], [source])
    outcome = run_import(book, data_dir, today=TODAY)
    assert outcome.code == 0, outcome.lines
    obs = (data_dir / "observations.csv").read_text().splitlines()
    assert obs[-1] == "gii_rank,2025-09-01,39,s3,ranks 39th,final,true,,,false,WIPO,false,A,139"
    assert (data_dir / "sources.csv").read_text().splitlines()[-1].startswith("s3,WIPO,Global Innovation Index 2025,"
                                                                              "2025-09-16,2026-11-23,")


def test_moved_columns_and_files_that_are_no_workbook_are_refused(data_dir, tmp_path):
    book = intake(data_dir, tmp_path / "m.xlsx")
    wb = load_workbook(book)
    wb["New figures"]["C1"] = "Wert"
    wb.save(book)
    assert run_import(book, data_dir, today=TODAY).lines[0] == (
        f"{book}: New figures!C1: value: found the heading 'Wert', expected 'Value'; keep the columns as make "
        "intake wrote them")
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    outcome = run_import(text, data_dir, today=TODAY)
    # no workbook language yet: said in Vietnamese first, then in English
    assert outcome.code == 1 and len(outcome.lines) == 2
    assert outcome.lines[0].startswith(f"{text}: không đọc được tệp này như một sổ .xlsx")
    assert outcome.lines[1].startswith(f"{text}: cannot be read as an .xlsx workbook")


def test_the_cli_prints_problems_to_stderr_and_exits_non_zero(data_dir, tmp_path, capsys):
    row = [*NEW_GII]
    row[2] = "44th"
    book = fill(intake(data_dir, tmp_path / "c.xlsx"), [row], [S3])
    assert main(["import", str(book), "--data", str(data_dir)]) == 1
    assert f"{book}: New figures!C2: value: found '44th'" in capsys.readouterr().err


def test_real_data_copy_a_new_figure_a_revision_and_a_new_source(real_data_copy, tmp_path, capsys):
    """The whole cycle on the project's data: the CSVs gain exactly the rows, validate stays clean, the
    data log names the new source."""
    data = real_data_copy
    book = intake(data, tmp_path / "intake.xlsx", lang="vi")
    source = ["wipo-gii-2026-test", "WIPO", "Global Innovation Index 2026", "2026-09-16", "2026-11-23",
              "https://www.wipo.int/gii", "en", "Test source.", "producer"]
    new_figure = ["gii_rank", "2026", 41, None, 140, "final", "true", "wipo-gii-2026-test", "ranks 41st", "WIPO",
                  "A", "false", None, None]
    revision = ["gii_rank", "2025", 43, None, 139, "final", "true", "wipo-gii-2026-test", "2025: 43rd (revised)",
                "WIPO", "A", "false", None, "Revised in the 2026 edition."]
    fill(book, [new_figure, revision], [source], lang="vi")
    wb = load_workbook(book)  # WIPO is a publisher new to the data: its names, on the new publishers' sheet
    wb["Nơi đăng mới"].append(["WIPO", "Tổ chức Sở hữu trí tuệ thế giới (WIPO)",
                               "World Intellectual Property Organization (WIPO)"])
    wb.save(book)
    old_obs = (data / "observations.csv").read_text().splitlines()
    old_src = (data / "sources.csv").read_bytes()
    assert main(["import", str(book), "--data", str(data)]) == 0
    printed = capsys.readouterr().out
    assert "+ gii_rank 2026: 41 (wipo-gii-2026-test), được chọn" in printed

    new_obs = (data / "observations.csv").read_text().splitlines()
    diff = [d for d in difflib.ndiff(old_obs, new_obs) if d[:1] in "+-"]
    assert [d[:2] + d[2:].split(",", 7)[0] for d in diff] == ["- gii_rank", "+ gii_rank", "+ gii_rank", "+ gii_rank"]
    assert diff[0].startswith("- gii_rank,2025,44,idx-vna-gii-2025,") and ",final,true," in diff[0]
    assert diff[1].startswith("+ gii_rank,2025,44,idx-vna-gii-2025,") and ",final,false," in diff[1]
    assert f"Replaced on {date.today().isoformat()} by the figure of wipo-gii-2026-test (import)." in diff[1]
    assert diff[2:] == ["+ gii_rank,2026,41,wipo-gii-2026-test,ranks 41st,final,true,,,false,WIPO,false,A,140",
                        "+ gii_rank,2025,43,wipo-gii-2026-test,2025: 43rd (revised),final,true,Revised in the 2026 "
                        "edition.,,false,WIPO,false,A,139"]
    assert (data / "sources.csv").read_bytes() == old_src + (
        b"wipo-gii-2026-test,WIPO,Global Innovation Index 2026,2026-09-16,2026-11-23,https://www.wipo.int/gii,en,"
        b"Test source.,producer,\n")
    assert load(data).errors == []
    assert "| `wipo-gii-2026-test` | WIPO · [Global Innovation Index 2026](https://www.wipo.int/gii) · 2026-09-16" \
        in (data / "README.md").read_text()


# Random cell contents: any text a spreadsheet can hold, numbers, booleans, dates, or nothing.
cells = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.text(max_size=12).filter(lambda s: not ILLEGAL_CHARACTERS_RE.search(s)),
    st.sampled_from(["gii_rank", "fdi_share", "relations", "2024", "2025-09", "s1", "s2", "true", "false",
                     "final", "estimate", "A", "C", "WIPO", ">", "~", "42", "7.3", "1,5", "16/09/2025"]),
)


@pytest.fixture(scope="module")
def blank_book(tmp_path_factory):
    folder = tmp_path_factory.mktemp("blank")
    return intake(write_dataset(folder / "data"), folder / "blank.xlsx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=14, max_size=14), min_size=1, max_size=3))
def test_random_cells_never_raise_and_never_write_part_of_the_data(blank_book, rows):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = write_dataset(tmp / "data")
        before = snapshot(data)
        book = shutil.copy(blank_book, tmp / "book.xlsx")
        fill(Path(book), rows)
        outcome = run_import(book, data, today=TODAY)
        if outcome.code != 0:
            assert snapshot(data) == before
            assert outcome.lines[-1].endswith("nothing was written.")
        else:
            assert load(data).errors == []
            old = before["observations.csv"].decode().splitlines()
            new = (data / "observations.csv").read_text().splitlines()
            assert len(new) >= len(old)
            for a, b in zip(old, new):  # an existing row changes only by being unselected
                assert a == b or (",true," in a and ",false,Replaced on 2026-11-29" in b)


def test_a_failed_write_leaves_both_files_as_they_were(data_dir, tmp_path, monkeypatch):
    import os

    from analysis.data import importer

    book = fill(intake(data_dir, tmp_path / "intake.xlsx"), [NEW_GII], [S3])
    before = snapshot(data_dir)
    real_replace = os.replace

    def replace(src, dst):  # sources.csv is moved first; the move of observations.csv then fails
        if Path(dst).name == "observations.csv":
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(importer.os, "replace", replace)
    outcome = run_import(book, data_dir, today=TODAY)
    assert outcome.code == 1
    assert outcome.lines[-1].endswith("the data files are unchanged")
    assert snapshot(data_dir) == before  # no temporary file left behind either
