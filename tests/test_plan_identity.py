"""data/plan.toml's [plan] and [instruments.*]: the plan is data. The national plan reads as shipped, every
mistake is named with file, line and key, targets.csv names only the plan's instruments, the code and the
catalogs name no plan, and another plan (a province's, tests/fixtures/province) builds with its own names."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from analysis import config
from analysis.data import plan_identity
from analysis.data.dataset import load
from conftest import PLAN, TARGETS, write_dataset

PROVINCE = Path(__file__).parent / "fixtures" / "province"
SRC = Path(config.__file__).resolve().parent


def read(tmp_path: Path, text: str):
    (tmp_path / "plan.toml").write_text(text, encoding="utf-8")
    return plan_identity.read(tmp_path, ("vi", "en"))


def where(problems) -> list[tuple[int, str]]:
    return [(p.line, p.column) for p in problems]


def test_the_national_plan_reads_as_shipped():
    plan, problems = plan_identity.read(config.DATA_DIR)
    assert problems == []
    assert (plan.scope, plan.short_name) == ("country", "vn-integration")
    assert plan.name == {"vi": "Việt Nam", "en": "Viet Nam"}
    assert plan.ids == ("59-NQ/TW", "153/NQ-CP")  # the order of the report's groups
    assert plan.instrument("59-NQ/TW").short == {"vi": "Nghị quyết số 59-NQ/TW", "en": "Resolution No. 59-NQ/TW"}
    assert plan.instrument("59-NQ/TW").date == "2025-01-24" and plan.instrument("59-NQ/TW").targets_total is None
    assert plan.instrument("153/NQ-CP").targets_total == 22
    assert plan_identity.report_name(plan, 2026, "vi") == "vn-integration-report-2026-vi.pdf"
    assert plan_identity.report_name(plan, 2026, "en", "xlsx") == "vn-integration-report-2026-en.xlsx"


def test_a_missing_file_table_or_instruments_is_named(tmp_path):
    plan, problems = plan_identity.read(tmp_path)
    assert plan is None and where(problems) == [(0, "plan")] and "missing" in problems[0].message
    # no [plan]: named after the last line (4 lines), where it is to be added
    plan, problems = read(tmp_path, '[instruments."A"]\nname = "A"\nshort = "A"\n\n')
    assert plan is None and where(problems) == [(5, "plan")]
    assert problems[0].message == "missing table [plan]"
    # [plan] without instruments
    text = PLAN[:PLAN.index("[instruments.")]
    plan, problems = read(tmp_path, text)
    assert plan is None and [c for _, c in where(problems)] == ["instruments"]
    assert problems[0].message.startswith("missing: one [instruments.\"<id>\"] table per instrument")


def test_an_unknown_or_missing_key_is_named_with_its_line(tmp_path):
    text = ('[plan]\nscope = "region"\nshort_name = "My Plan"\nname = "A"\ntitle = "T"\ncolour = "red"\n'
            '\n[instruments."1/KH"]\nname = { vi = "Kế hoạch 1" }\nshort = "KH 1"\nyear = 2025\n')
    # 1 [plan], 2 scope, 3 short_name, 4 name, 5 title, 6 colour; 8 the instrument, 9 name, 10 short, 11 year
    plan, problems = read(tmp_path, text)
    assert plan is None
    assert sorted(where(problems)) == [
        (1, "plan.subtitle"), (2, "plan.scope"), (3, "plan.short_name"), (6, "plan.colour"),
        (9, 'instruments."1/KH".name'), (11, 'instruments."1/KH".year')]
    by = {p.column: p.message for p in problems}
    assert by["plan.scope"] == "found 'region': expected one of country, province, ministry"
    assert "lower-case letters, digits and hyphens" in by["plan.short_name"]
    assert by["plan.colour"].startswith("unknown key; known keys: scope, short_name")
    assert by['instruments."1/KH".name'].startswith("no value for en")
    assert all(str(p).startswith(f"{tmp_path / 'plan.toml'}:{p.line}:") for p in problems if p.line)


def test_a_targets_instrument_must_be_one_of_the_plan(tmp_path):
    # targets.csv line 3 names an instrument plan.toml does not have; line 4 one of two does not exist
    targets = TARGETS.replace("t_share,fdi_share,>,21,2030,153/NQ-CP", "t_share,fdi_share,>,21,2030,99/QD-TTg") \
        .replace("t_rel,relations,>,194,2030,153/NQ-CP", "t_rel,relations,>,194,2030,153/NQ-CP;1/X")
    ds = load(write_dataset(tmp_path / "d", targets=targets))
    assert [str(p) for p in ds.errors] == [
        f"{tmp_path / 'd' / 'targets.csv'}:3: instrument: '99/QD-TTg' is not an instrument of plan.toml; "
        "expected 59-NQ/TW or 153/NQ-CP (several: ';'-separated)",
        f"{tmp_path / 'd' / 'targets.csv'}:4: instrument: '1/X' is not an instrument of plan.toml; "
        "expected 59-NQ/TW or 153/NQ-CP (several: ';'-separated)"]
    # an empty instrument stays allowed: the target is not scored
    ds = load(write_dataset(tmp_path / "e", targets=TARGETS.replace(",2030,153/NQ-CP,s1,trên 21%", ",2030,,s1,trên 21%")))
    assert ds.errors == [] and list(ds.unscored["target_id"]) == ["t_share"]


def test_a_bad_plan_stops_the_build_and_writes_nothing(tmp_path):
    from analysis.editions import pipeline

    data = write_dataset(tmp_path / "data", plan=PLAN.replace('scope = "country"', 'scope = "nation"'))
    reports = tmp_path / "reports"
    with pytest.raises(pipeline.BuildError, match=r"plan\.toml:2: plan\.scope: found 'nation'"):
        pipeline.build(2024, ["vi"], data_dir=data, reports_dir=reports)
    assert not reports.exists()


def test_the_makefile_helper_reads_the_short_name(tmp_path):
    from analysis.data import edition

    assert edition.short_name(config.DATA_DIR) == "vn-integration"
    assert edition.short_name(PROVINCE) == "test-province"
    assert edition.short_name(tmp_path) is None  # no plan.toml: the build says why


# ------------------------------------------------------------------ no plan in the code or the catalogs

PLAN_WORDS = re.compile(r"Viet\s?Nam(?!ese)|Việt Nam|VIỆT NAM|59-NQ/TW|153/NQ-CP", re.IGNORECASE)
# The outlets' and producers' names, and the acronyms, are data (data/publishers.csv, producers.csv, acronyms.csv);
# no catalog section is exempt but these two names, should an older catalog still hold them.
LEFT_TO_THE_DATA_MOVE = ("publishers", "producers")


# The national heading of an administrative document (Decree 30/2020/ND-CP) is the state's name, the same in the
# documents of a ministry or a province: it names no plan.
NATIONAL_HEADING = "fm_nation = "


def _catalog_lines(path: Path):
    section = ""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        head = re.match(r"\[([^\]]+)\]", line)
        if head:
            section = head.group(1)
        if section not in LEFT_TO_THE_DATA_MOVE and not line.startswith(NATIONAL_HEADING):
            yield n, line


def test_no_code_or_catalog_names_the_national_plan():
    found = []
    for path in sorted(SRC.rglob("*")):
        if path.suffix in (".py", ".typ"):
            lines = enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        elif path.suffix == ".toml":
            lines = _catalog_lines(path)
        else:
            continue
        found += [f"{path.relative_to(SRC)}:{n}: {line.strip()}" for n, line in lines if PLAN_WORDS.search(line)]
    assert found == []


def test_the_check_itself_finds_the_names():
    assert PLAN_WORDS.search("của Việt Nam") and PLAN_WORDS.search("Viet Nam's") and PLAN_WORDS.search("Vietnam")
    assert PLAN_WORDS.search("Nghị quyết số 59-NQ/TW") and PLAN_WORDS.search("153/NQ-CP")
    assert not PLAN_WORDS.search("Vietnamese") and not PLAN_WORDS.search("vn-integration")


# ------------------------------------------------------------------ another plan, end to end

def test_a_province_plan_builds_with_its_own_names(tmp_path):
    from analysis.editions import pipeline

    data = tmp_path / "province"
    shutil.copytree(PROVINCE, data)
    reports = tmp_path / "reports"
    pipeline.build(2024, ["vi", "en"], data_dir=data, reports_dir=reports)
    assert sorted(p.name for p in reports.iterdir() if p.is_file()) == [
        "test-province-report-2024-en.ipynb", "test-province-report-2024-en.pdf", "test-province-report-2024-en.xlsx",
        "test-province-report-2024-vi.ipynb", "test-province-report-2024-vi.pdf", "test-province-report-2024-vi.xlsx",
        "test-province-report-2024.record.json"]
    titles = {"vi": "Tỉnh Thử Nghiệm: khoảng cách đến mục tiêu năm 2030",
              "en": "Test Province: the gap to the 2030 targets"}
    counted = {"vi": "Báo cáo đánh giá 2 chỉ tiêu của Kế hoạch số 12/KH-UBND (trên tổng số 5 chỉ tiêu của "
                     "Kế hoạch số 12/KH-UBND); 3 chỉ tiêu còn lại của Kế hoạch số 12/KH-UBND chưa được theo dõi",
               "en": "This report assesses two targets of Plan No. 12/KH-UBND (out of the 5 targets of Plan No. "
                     "12/KH-UBND); the other 3 targets of Plan No. 12/KH-UBND are not tracked"}
    for lang in ("vi", "en"):
        reader = PdfReader(reports / f"test-province-report-2024-{lang}.pdf")
        cover = " ".join(reader.pages[0].extract_text().split())
        assert titles[lang] in cover
        assert counted[lang] in cover
        assert not PLAN_WORDS.search(cover), cover
        assert reader.metadata.title == titles[lang]
        from openpyxl import load_workbook

        about = load_workbook(reports / f"test-province-report-2024-{lang}.xlsx").worksheets[0]
        assert about["A1"].value == titles[lang] + {"vi": " — bảng tính", "en": " — workbook"}[lang]
