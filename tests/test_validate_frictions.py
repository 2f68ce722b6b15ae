"""Frictions an analyst met editing the data by hand: dates a spreadsheet rewrote (16/09/2025), a data log left
stale in data/README.md, and a warning that did not say which indicator it meant. Each is named with its cause
and its fix."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.data import datalog
from analysis.data.dataset import load
from conftest import INDICATORS, OBSERVATIONS, SOURCES

KEEP_AS_TEXT = ("; in the spreadsheet, format the column as Text before typing dates, or its regional setting "
                "rewrites them again on saving")


def only_error(ds, file: str, line: int, column: str) -> str:
    errs = ds.errors
    assert len(errs) == 1, [str(p) for p in errs]
    e = errs[0]
    assert (Path(e.file).name, e.line, e.column) == (file, line, column), str(e)
    return e.message


@pytest.mark.parametrize("cell, message", [
    ("16/09/2025", "found '16/09/2025': looks like a date saved by a spreadsheet in day/month/year; "
                   "write 2025-09-16 (YYYY-MM-DD)" + KEEP_AS_TEXT),
    ("16.09.2025", "found '16.09.2025': looks like a date saved by a spreadsheet in day/month/year; "
                   "write 2025-09-16 (YYYY-MM-DD)" + KEEP_AS_TEXT),
    ("16-09-25", "found '16-09-25': looks like a date saved by a spreadsheet in day/month/year with a two-digit "
                 "year; write 2025-09-16 (YYYY-MM-DD)" + KEEP_AS_TEXT),
    # Both orders are dates: the Vietnamese one first, the other named.
    ("06/09/2025", "found '06/09/2025': looks like a date saved by a spreadsheet in day/month/year; "
                   "write 2025-09-06 (YYYY-MM-DD) (or 2025-06-09 if it was saved as month/day/year)" + KEEP_AS_TEXT),
    # Only month/day/year makes a date (there is no 16th month).
    ("09/16/2025", "found '09/16/2025': looks like a date saved by a spreadsheet in month/day/year; "
                   "write 2025-09-16 (YYYY-MM-DD)" + KEEP_AS_TEXT),
    ("31/02/2025", "found '31/02/2025': looks like a date saved by a spreadsheet, but no such day exists; "
                   "expected an ISO date YYYY-MM-DD"),
])
def test_a_day_month_year_published_date_is_diagnosed_with_the_fix(data_dir, cell, message):
    (data_dir / "sources.csv").write_text(SOURCES.replace("vi,2025-09-16,", f"vi,{cell},")
                                          .replace("Bài viết một,2025-09-16,", f"Bài viết một,{cell},"),
                                          encoding="utf-8")
    # The row is left out, so s1's figures also name an unknown source; the cause is the one sources.csv error.
    errs = [e for e in load(data_dir).errors if e.file.endswith("sources.csv")]
    assert [(e.line, e.column, e.message) for e in errs] == [(2, "published", message)]


@pytest.mark.parametrize("cell, fix", [
    ("16/09/2025", "write 2025-09-16 (YYYY-MM-DD)"),
    ("09/2025", "looks like a month saved by a spreadsheet as month/year; write 2025-09 (YYYY-MM)"),
])
def test_a_day_month_year_period_is_diagnosed_with_the_fix(data_dir, cell, fix):
    (data_dir / "observations.csv").write_text(OBSERVATIONS.replace("relations,2025-09-16,", f"relations,{cell},"),
                                               encoding="utf-8")
    message = only_error(load(data_dir), "observations.csv", 7, "period")
    assert message.startswith(f"found '{cell}': ") and fix in message


@pytest.mark.parametrize("cell", ["2024/05", "13/2025", "Q3 2024"])
def test_other_bad_periods_keep_the_plain_message(data_dir, cell):
    (data_dir / "observations.csv").write_text(OBSERVATIONS.replace("fdi_share,2024,", f"fdi_share,{cell},"),
                                               encoding="utf-8")
    assert only_error(load(data_dir), "observations.csv", 6, "period") == (
        f"found '{cell}': expected a period YYYY, YYYY-MM or YYYY-MM-DD")


def test_a_target_without_figures_is_said_once_not_warned_on_every_run(data_dir):
    indicators = INDICATORS + "fta_count,economy,Số FTA,FTAs,agreements,hiệp định,count,true,target,,,,,,,,,,,\n"
    targets = (data_dir / "targets.csv").read_text(encoding="utf-8") + \
        "t_fta,fta_count,>=,30,2030,153/NQ-CP,s1,ít nhất 30,30 or more,,,,,,\n"
    (data_dir / "indicators.csv").write_text(indicators, encoding="utf-8")
    (data_dir / "targets.csv").write_text(targets, encoding="utf-8")
    ds = load(data_dir)
    assert not [p for p in ds.warnings if p.column == "indicator_id"]  # nothing an analyst can act on
    assert [(Path(p.file).name, p.line, p.message) for p in ds.explained if p.column == "indicator_id"] == [
        ("indicators.csv", 5, "no observation yet for the target indicator 'fta_count' (FTAs · Số FTA); "
                              "add its figures to observations.csv")]  # still there with --all
    assert ds.without_figures == ["fta_count (FTAs)"]
    r = subprocess.run([sys.executable, "-m", "analysis", "validate", "--data", str(data_dir)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "warning: indicator_id" not in r.stdout
    assert r.stdout.strip().endswith("No figure yet for 1 target(s): fta_count (FTAs)")


README = """# Data

Some words.

<!-- datalog:begin -->
{table}
<!-- datalog:end -->

More words.
"""


def test_a_stale_data_log_is_flagged_at_the_first_row_that_differs(data_dir):
    fresh = datalog.table(load(data_dir))
    (data_dir / "README.md").write_text(README.format(table=fresh), encoding="utf-8")
    assert [p for p in load(data_dir).warnings if p.file.endswith("README.md")] == []
    # The table's lines: 6 header, 7 rule, 8 source s1, 9 source s2. s2's publisher edited in sources.csv only.
    (data_dir / "sources.csv").write_text(SOURCES.replace("s2,WIPO,", "s2,WIPO (Geneva),"), encoding="utf-8")
    stale = [p for p in load(data_dir).warnings if p.file.endswith("README.md")]
    assert [(p.line, p.column, p.message) for p in stale] == [
        (9, "", "the data log is out of date with sources.csv (first difference: source 's2'); "
                "refresh it with `make datalog` (python -m analysis datalog)")]
    # A source added to sources.csv and missing from the log: named too (the row after the last one).
    (data_dir / "sources.csv").write_text(SOURCES + "s3,VnExpress,Bài ba,2025-01-02,2026-11-23,,vi,,national,\n",
                                          encoding="utf-8")
    stale = [p for p in load(data_dir).warnings if p.file.endswith("README.md")]
    assert [(p.line, "source 's3'" in p.message) for p in stale] == [(10, True)]


def test_validate_prints_the_stale_log_and_datalog_refreshes_it(data_dir):
    (data_dir / "README.md").write_text(README.format(table="| old |"), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "analysis", "validate", "--data", str(data_dir)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0  # a warning, not an error
    assert "README.md:6: warning: the data log is out of date with sources.csv" in r.stdout
    assert "`make datalog`" in r.stdout
    datalog.write(load(data_dir))  # what make datalog calls, for this folder
    text = (data_dir / "README.md").read_text(encoding="utf-8")
    assert "| `s2` | WIPO · Global Innovation Index 2024 · 2024-09-26 | gii_rank |  |" in text
    assert text.startswith("# Data\n\nSome words.\n\n<!-- datalog:begin -->\n| source_id |")
    assert text.endswith("<!-- datalog:end -->\n\nMore words.\n")
    assert [p for p in load(data_dir).warnings if p.file.endswith("README.md")] == []


def test_a_readme_without_a_data_log_is_not_flagged(data_dir):
    (data_dir / "README.md").write_text("# Notes\n", encoding="utf-8")
    assert [p for p in load(data_dir).warnings if p.file.endswith("README.md")] == []


def test_the_makefile_has_a_self_documenting_datalog_target():
    from analysis import config

    make = subprocess.run(["make", "-n", "datalog"], cwd=config.PROJECT_ROOT, capture_output=True, text=True,
                          timeout=60)
    assert make.returncode == 0 and "-m analysis datalog" in make.stdout
    help_text = subprocess.run(["make", "help"], cwd=config.PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert "datalog" in help_text.stdout and "data/README.md" in help_text.stdout


@pytest.mark.parametrize("cell", ["1518", "1676-12", "2300-01-01"])
def test_a_period_far_outside_the_data_is_located_not_a_crash(data_dir, cell):
    # pandas dates stop at 1677 and 2262: such a year used to raise inside load(); now it is a located error.
    (data_dir / "observations.csv").write_text(OBSERVATIONS.replace("fdi_share,2024,", f"fdi_share,{cell},"),
                                               encoding="utf-8")
    assert only_error(load(data_dir), "observations.csv", 6, "period") == (
        f"found '{cell}': a year outside 1900-2100; check the period")
