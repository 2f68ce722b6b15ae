"""The command line as other tools call it: exit codes, located messages, scorecard columns."""
from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from conftest import OBSERVATIONS


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, timeout=120)


def test_validate_ok(data_dir):
    r = run("validate", "--data", str(data_dir))
    assert r.returncode == 0 and r.stdout.startswith("OK: 2 sources, 3 indicators, 3 targets, 6 observations")


def test_validate_reports_file_line_column_and_exits_non_zero(data_dir):
    (data_dir / "observations.csv").write_text(OBSERVATIONS.replace("fdi_share,2020,18.5", 'fdi_share,2020,"18,5"'),
                                               encoding="utf-8")
    r = run("validate", "--data", str(data_dir))
    assert r.returncode == 1
    assert "observations.csv:5: value: found '18,5': decimal comma" in r.stderr
    assert "Traceback" not in r.stderr


def scorecard(data_dir, *extra) -> list[dict]:
    r = run("scorecard", "--data", str(data_dir), *extra)
    assert r.returncode == 0, r.stderr
    return list(csv.DictReader(io.StringIO(r.stdout)))


def test_scorecard_columns_and_worked_example(data_dir):
    out = scorecard(data_dir, "--as-of", "2023", "--baseline-year", "2015")
    assert list(out[0])[:17] == ["target_id", "indicator_id", "comparator", "target_value", "target_year",
                                 "window_start", "baseline_year", "baseline_value", "latest_year", "latest_value",
                                 "latest_qualifier", "n_points", "gap", "pace_actual", "pace_required",
                                 "pace_required_now", "projected_value"]
    gii = out[0]
    # methodology.md worked example: rank 61 (2019), 55 (2021), 50 (2023), target <= 40 in 2030.
    assert gii["status"] == "on_track"
    assert float(gii["pace_actual"]) == pytest.approx(-22 / 8)          # sum dx*dy / sum dx^2
    assert float(gii["pace_required"]) == pytest.approx(-21 / 11)       # (40 - 61) / (2030 - 2019)
    assert float(gii["projected_value"]) == pytest.approx(50 - 2.75 * 7)
    assert float(gii["ratio"]) == pytest.approx((30.75 - 61) / (40 - 61), abs=1e-4)
    assert gii["flags"] == ""


def test_scorecard_ignores_observations_after_as_of(data_dir):
    out = {r["target_id"]: r for r in scorecard(data_dir, "--as-of", "2021")}
    assert out["t_gii"]["latest_year"] == "2021" and out["t_gii"]["latest_value"] == "55"
    assert out["t_rel"]["status"] == "no_data" and out["t_rel"]["latest_value"] == ""


def test_scorecard_markdown(data_dir):
    r = run("scorecard", "--data", str(data_dir), "--as-of", "2024", "--format", "markdown")
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("| target_id | indicator_id |") and len(lines) == 2 + 3


@pytest.mark.parametrize("args, expected", [
    (("--as-of", "1990"), "AS_OF: 1990 is outside the data; accepted: a year from 2019 to 2025"),
    (("--as-of", "2024", "--baseline-year", "2024"), "BASELINE_YEAR: 2024 is not a year before AS_OF=2024"),
])
def test_scorecard_rejects_bad_parameters(data_dir, args, expected):
    r = run("scorecard", "--data", str(data_dir), *args)
    assert r.returncode != 0 and expected in r.stderr


@pytest.mark.parametrize("args, expected", [
    (("--lang", "fr"), "LANG: unknown 'fr'; accepted: vi, en"),
    (("--as-of", "20x5"), "AS_OF: '20x5' is not a year"),
    (("--as-of", "2040"), "accepted: a year from 2019 to 2025"),
])
def test_build_rejects_bad_parameters_before_any_notebook(data_dir, tmp_path, args, expected):
    r = run("build", "--data", str(data_dir), "--reports", str(tmp_path / "out"), *args)
    assert r.returncode == 1 and expected in r.stderr
    assert "running notebook" not in r.stdout
    assert not (tmp_path / "out").exists()


def test_intake_never_writes_over_an_existing_workbook(data_dir, tmp_path):
    out = tmp_path / "intake" / "intake.xlsx"
    r = run("intake", "--data", str(data_dir), "--out", str(out))
    assert r.returncode == 0, r.stderr
    # the cycle's messages: Vietnamese first, then English (issue 22)
    assert r.stdout.splitlines() == [
        f"Đã tạo sổ nhập {out}: điền số liệu, lưu dạng .xlsx, rồi chạy make import FILE={out}",
        f"Wrote {out}: fill it in, save it as .xlsx, then run make import FILE={out}"]
    out.write_bytes(b"filled in by an analyst")
    r = run("intake", "--data", str(data_dir), "--out", str(out))
    assert r.returncode == 2 and "exists already" in r.stderr.splitlines()[1]
    assert r.stderr.startswith(f"Lỗi: sổ nhập {out} đã có (có thể đã được điền)")
    assert out.read_bytes() == b"filled in by an analyst"


def test_slides_writes_only_pngs_beside_the_report_s_figures(data_dir, tmp_path):
    reports = tmp_path / "reports"
    r = run("slides", "--data", str(data_dir), "--lang", "en", "--reports", str(reports))
    assert r.returncode == 0, r.stderr
    made = sorted(p.name for p in (reports / "figures" / "2025-en").iterdir())
    assert made and all(n.endswith(".png") for n in made) and "status.png" in made
    bad = run("slides", "--data", str(data_dir), "--lang", "fr", "--reports", str(reports))
    assert bad.returncode == 2 and "fr" in bad.stderr and "Traceback" not in bad.stderr


def test_make_import_without_a_file_says_so_in_vietnamese_then_english():
    """make -n prints the recipe without running it: the Vietnamese line is echoed before the English one."""
    import subprocess

    from analysis import config

    r = subprocess.run(["make", "-n", "import"], capture_output=True, text=True, cwd=str(config.PROJECT_ROOT))
    vi = r.stdout.find("Cần nêu sổ nhập đã điền ở FILE")
    en = r.stdout.find("FILE: give the filled workbook")
    assert 0 <= vi < en, r.stdout
