"""Bad input gets a located message (file, spreadsheet line, column, found vs expected); good input loads."""
from __future__ import annotations

import re

from pathlib import Path

import pytest

from analysis.data.dataset import load
from conftest import FILES, OBSERVATIONS, SOURCES, TARGETS, write_dataset


def messages(ds) -> list[str]:
    return [str(p) for p in ds.errors]


def only_error(ds, file: str, line: int, column: str) -> str:
    """The single error of a dataset broken in one place, checked for its location."""
    errs = ds.errors
    assert len(errs) == 1, messages(ds)
    e = errs[0]
    assert (Path(e.file).name, e.line, e.column) == (file, line, column), str(e)
    return e.message


def test_valid_dataset_loads_with_types(data_dir):
    ds = load(data_dir)
    assert ds.errors == []
    assert ds.observations["value"].tolist() == [61.0, 55.0, 50.0, 18.5, 19.5, 194.0]
    assert ds.observations["selected"].dtype == bool
    assert ds.targets["target_year"].tolist() == [2030, 2030, 2030]
    assert ds.observations["_line"].tolist() == [2, 3, 4, 5, 6, 7]


def test_bom_crlf_trailing_spaces_and_blank_lines_are_accepted(data_dir):
    text = OBSERVATIONS.replace("ranks 61st", "ranks 61st  ").replace("\n", "\r\n") + "\r\n\r\n  \r\n"
    (data_dir / "observations.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    ds = load(data_dir)
    assert ds.errors == []
    assert ds.observations["locator"].iloc[0] == "ranks 61st"
    assert len(ds.observations) == 6


def test_other_encoding_is_located(data_dir):
    (data_dir / "sources.csv").write_bytes(SOURCES.encode("cp1258", errors="replace"))
    msg = only_error(load(data_dir), "sources.csv", 2, "")
    assert "not UTF-8" in msg and "CSV UTF-8" in msg


def test_semicolon_file_from_a_vietnamese_locale_spreadsheet(data_dir):
    (data_dir / "targets.csv").write_text(TARGETS.replace(",", ";"), encoding="utf-8")
    msg = only_error(load(data_dir), "targets.csv", 1, "")
    assert "';'-separated" in msg


@pytest.mark.parametrize("bad, hint", [("7,3", "decimal comma"), ("1.234,5", "expected a number"),
                                       ("1,234", "thousands separator"), ("1.234.000", "thousands separator"),
                                       ("abc", "expected a number")])
def test_number_formats_are_rejected_with_the_fix(data_dir, bad, hint):
    text = OBSERVATIONS.replace("fdi_share,2020,18.5,", f'fdi_share,2020,"{bad}",')
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    msg = only_error(load(data_dir), "observations.csv", 5, "value")
    assert hint in msg and f"'{bad}'" in msg


def test_empty_file(data_dir):
    (data_dir / "targets.csv").write_text("", encoding="utf-8")
    msg = only_error(load(data_dir), "targets.csv", 1, "")
    assert "empty" in msg and "target_id,indicator_id" in msg


def test_missing_header_row(data_dir):
    (data_dir / "targets.csv").write_text(TARGETS.split("\n", 1)[1], encoding="utf-8")
    msg = only_error(load(data_dir), "targets.csv", 1, "")
    assert "no header row" in msg


def test_missing_column(data_dir):
    text = "\n".join(",".join(line.split(",")[:4] + line.split(",")[5:]) for line in TARGETS.splitlines())
    (data_dir / "targets.csv").write_text(text, encoding="utf-8")
    msg = only_error(load(data_dir), "targets.csv", 1, "")
    assert "missing column(s) target_year" in msg


def test_extra_column_warns_but_does_not_fail(data_dir):
    text = "\n".join(line + (",reviewer" if i == 0 else ",An") for i, line in enumerate(TARGETS.strip().splitlines()))
    (data_dir / "targets.csv").write_text(text + "\n", encoding="utf-8")
    ds = load(data_dir)
    assert ds.errors == []
    assert [(p.column, p.level) for p in ds.warnings] == [("reviewer", "warning")]


def test_row_with_wrong_field_count(data_dir):
    (data_dir / "observations.csv").write_text(OBSERVATIONS + "relations,2024,193,s1,unquoted, comma,final,true,,,false,MOFA,false,B,\n",
                                               encoding="utf-8")
    msg = only_error(load(data_dir), "observations.csv", 8, "")
    assert "found 15 fields, expected 14" in msg


def test_unknown_ids(data_dir):
    text = OBSERVATIONS.replace("fdi_share,2024,19.5,s1", "fdi_shares,2024,19.5,s9")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    errs = {(p.line, p.column): p.message for p in load(data_dir).errors}
    assert "unknown indicator 'fdi_shares'" in errs[(6, "indicator_id")]
    assert "unknown source 's9'" in errs[(6, "source_id")]


def test_duplicate_key_names_first_line(data_dir):
    (data_dir / "targets.csv").write_text(TARGETS + TARGETS.splitlines()[1] + "\n", encoding="utf-8")
    msg = only_error(load(data_dir), "targets.csv", 5, "target_id")
    # the line named with its file (F10: "line 2" alone did not say which file)
    assert "duplicate key (target_id=t_gii); first given at " in msg and msg.endswith("targets.csv:2")


def test_two_selected_rows_for_one_period(data_dir):
    extra = "gii_rank,2023,49,s1,ranks 49th,final,true,,,false,WIPO,false,B,\n"
    (data_dir / "observations.csv").write_text(OBSERVATIONS + extra, encoding="utf-8")
    msg = only_error(load(data_dir), "observations.csv", 8, "selected")
    assert "2 rows selected for gii_rank 2023 (" in msg
    assert re.search(r"\(\S*observations\.csv:4, \S*observations\.csv:8\); expected exactly one", msg)


def test_no_selected_row_for_a_period(data_dir):
    text = OBSERVATIONS.replace("ranks 55th,final,true", "ranks 55th,final,false")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    msg = only_error(load(data_dir), "observations.csv", 3, "selected")
    assert "no row selected for gii_rank 2021" in msg


@pytest.mark.parametrize("period", ["2024-13", "Q3 2024", "2024/05", "24", "2024-02-30"])
def test_period_that_is_not_a_date(data_dir, period):
    text = OBSERVATIONS.replace("fdi_share,2024,", f"fdi_share,{period},")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    msg = only_error(load(data_dir), "observations.csv", 6, "period")
    assert f"'{period}'" in msg and "YYYY-MM-DD" in msg


@pytest.mark.parametrize("row, expected", [
    ("gii_rank,2023,0,", "below 1"),
    ("fdi_share,2024,120,", "above 100"),
    ("relations,2025-09-16,-1,", "below 0"),
    ("relations,2025-09-16,194.5,", "not a whole number"),
])
def test_values_out_of_range_for_their_kind(data_dir, row, expected):
    ind, period = row.split(",")[:2]
    original = next(line for line in OBSERVATIONS.splitlines() if line.startswith(f"{ind},{period},"))
    text = OBSERVATIONS.replace(original, row + original.split(",", 3)[3])
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    line = OBSERVATIONS.splitlines().index(original) + 1
    assert expected in only_error(load(data_dir), "observations.csv", line, "value")


@pytest.mark.parametrize("symbol, fix", [("≥", ">="), ("≤", "<="), ("=>", ">=")])
def test_comparator_written_as_a_symbol(data_dir, symbol, fix):
    (data_dir / "targets.csv").write_text(TARGETS.replace("t_share,fdi_share,>,", f"t_share,fdi_share,{symbol},"),
                                          encoding="utf-8")
    assert f"write it as '{fix}'" in only_error(load(data_dir), "targets.csv", 3, "comparator")


def test_comparator_contradicting_the_indicator_direction(data_dir):
    (data_dir / "targets.csv").write_text(TARGETS.replace("t_gii,gii_rank,<=,", "t_gii,gii_rank,>=,"), encoding="utf-8")
    assert "contradicts higher_is_better=false" in only_error(load(data_dir), "targets.csv", 2, "comparator")


def test_target_year_before_the_data_begin(data_dir):
    (data_dir / "targets.csv").write_text(TARGETS.replace("40,2030,", "40,2010,"), encoding="utf-8")
    msg = only_error(load(data_dir), "targets.csv", 2, "target_year")
    assert "2010 is before the indicator's first observation (2019)" in msg


@pytest.mark.parametrize("title", ["-", "…", '""'])
def test_source_without_a_usable_title(data_dir, title):
    (data_dir / "sources.csv").write_text(SOURCES.replace("Bài viết một", title), encoding="utf-8")
    ds = load(data_dir)
    assert ds.errors and ds.errors[0].line == 2 and ds.errors[0].column == "title"


def test_figure_dated_after_its_source_was_published(data_dir):
    text = OBSERVATIONS.replace("relations,2025-09-16,194,s1", "relations,2025-10-01,194,s1")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    assert "after its source was published" in only_error(load(data_dir), "observations.csv", 7, "period")


def test_missing_file(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "indicators.csv").unlink()
    ds = load(folder)
    assert any("indicators.csv" in p.file and "file not found" in p.message for p in ds.errors)


def test_all_problems_of_a_run_are_reported_together(data_dir):
    (data_dir / "targets.csv").write_text(TARGETS.replace("40,2030", "40,20x0").replace("t_share,fdi_share,>", "t_share,fdi_share,≥"),
                                          encoding="utf-8")
    text = OBSERVATIONS.replace("18.5", '"18,5"').replace("ranks 55th,final", "ranks 55th,preliminary")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    located = {(Path(p.file).name, p.line, p.column) for p in load(data_dir).errors}
    assert located == {("targets.csv", 2, "target_year"), ("targets.csv", 3, "comparator"),
                       ("observations.csv", 3, "status"), ("observations.csv", 5, "value")}


def test_files_fixture_is_the_contract():
    # The fixture must carry every contract column, or the tests above test less than they claim.
    from analysis.data.schema import SCHEMA

    for name, text in FILES.items():
        if name.endswith(".csv"):  # plan.toml is no table
            assert text.splitlines()[0].split(",") == list(SCHEMA[name])


# --------------------------------------------------------------------------------------------
# Rule 14 grade, rule 9 out_of and upper_bound, rule 17 breaks and comparable
# --------------------------------------------------------------------------------------------

INDICATORS_NEW = FILES["indicators.csv"]


def test_new_columns_load_with_types_and_defaults(data_dir):
    ds = load(data_dir)
    assert ds.observations["grade"].tolist() == ["A"] * 3 + ["B"] * 3  # WIPO's own publication, then TTXVN
    assert ds.observations["out_of"].isna().all()  # optional, empty in the fixture
    assert ds.indicators["upper_bound"].isna().all()
    assert ds.indicators["breaks"].tolist() == ["", "", ""]
    assert ds.indicators["comparable"].tolist() == [True, True, True]  # empty means true
    # The target's source date rides along for met_before_set (s1 published 2025-09-16).
    assert ds.targets["source_published"].tolist() == ["2025-09-16"] * 3


def test_an_older_file_without_grade_is_located(data_dir):
    # Only grade missing: one error at line 1, column grade, saying what to add; out_of may be absent.
    old = "\n".join(",".join(line.split(",")[:12]) for line in OBSERVATIONS.strip().splitlines()) + "\n"
    (data_dir / "observations.csv").write_text(old, encoding="utf-8")
    msg = only_error(load(data_dir), "observations.csv", 1, "grade")
    assert "missing column (the file predates it)" in msg and "A (the producer's own publication)" in msg


@pytest.mark.parametrize("cell, hint", [("D", "expected one of A, B, C"), ("", "empty; a value is required"),
                                        ("b", "expected one of A, B, C")])
def test_invalid_grade_is_located(data_dir, cell, hint):
    text = OBSERVATIONS.replace("ranks 55th,final,true,,,false,WIPO,false,A,", f"ranks 55th,final,true,,,false,WIPO,false,{cell},")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    assert hint in only_error(load(data_dir), "observations.csv", 3, "grade")
    ds = load(data_dir)
    assert str(ds.errors[0]).endswith(f"observations.csv:3: grade: {ds.errors[0].message}")


@pytest.mark.parametrize("cell", ["0", "-1", "12.5", "n/a"])
def test_invalid_out_of_is_located(data_dir, cell):
    text = OBSERVATIONS.replace("ranks 55th,final,true,,,false,WIPO,false,A,", f"ranks 55th,final,true,,,false,WIPO,false,A,{cell}")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    assert "expected a whole number above 0" in only_error(load(data_dir), "observations.csv", 3, "out_of")


def test_rank_above_its_out_of_and_out_of_on_a_non_rank(data_dir):
    # GII 2021 = 55 of 50 ranked: impossible (line 3, value). out_of on a share (line 5): ranks only.
    text = OBSERVATIONS.replace("ranks 55th,final,true,,,false,WIPO,false,A,", "ranks 55th,final,true,,,false,WIPO,false,A,50")
    text = text.replace("18.5%,estimate,true,,,false,General Statistics Office,false,B,",
                        "18.5%,estimate,true,,,false,General Statistics Office,false,B,100")
    (data_dir / "observations.csv").write_text(text, encoding="utf-8")
    errs = {(p.line, p.column): p.message for p in load(data_dir).errors}
    assert set(errs) == {(3, "value"), (5, "out_of")}
    assert "rank 55 is above out_of 50" in errs[(3, "value")]
    assert "for ranks only" in errs[(5, "out_of")]
    # 55 of 55 ranked is possible.
    (data_dir / "observations.csv").write_text(
        OBSERVATIONS.replace("WIPO,false,B,\ngii_rank,2023", "WIPO,false,B,55\ngii_rank,2023"), encoding="utf-8")
    assert load(data_dir).errors == []


def test_values_above_a_declared_upper_bound(data_dir):
    # relations declares 193: the 2025 figure 194 (observations line 7) and the target 194 (targets line 4)
    # both pass it. With 195 declared, neither does.
    ind = INDICATORS_NEW.replace("relations,politics_security,Quan hệ,Relations,countries,quốc gia,count,true,target,,,,",
                                 "relations,politics_security,Quan hệ,Relations,countries,quốc gia,count,true,target,,193,,")
    ds = load(write_dataset(data_dir.parent / "b", indicators=ind))
    errs = {(Path(p.file).name, p.line, p.column): p.message for p in ds.errors}
    assert set(errs) == {("observations.csv", 7, "value"), ("targets.csv", 4, "target_value")}
    assert "194 is above the upper_bound 193 of indicator 'relations'" in errs[("observations.csv", 7, "value")]
    ds = load(write_dataset(data_dir.parent / "c", indicators=ind.replace(",193,,", ",195,,")))
    assert ds.errors == [] and ds.indicators["upper_bound"].tolist()[2] == 195.0


@pytest.mark.parametrize("column, cell, hint", [
    ("breaks", "2018,2021", "expected years separated by ';'"),
    ("breaks", "18", "expected years separated by ';'"),
    ("comparable", "no", "expected true or false"),
    ("upper_bound", "195 states", "expected a number"),
])
def test_invalid_indicator_columns_are_located(data_dir, column, cell, hint):
    header = INDICATORS_NEW.splitlines()[0].split(",")
    lines = INDICATORS_NEW.splitlines()
    row = lines[1].split(",")
    row[header.index(column)] = f'"{cell}"' if "," in cell else cell
    lines[1] = ",".join(row)
    (data_dir / "indicators.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # (the rejected row's indicator then reads as unknown in the other files: those errors follow)
    errs = [p for p in load(data_dir).errors if p.file.endswith("indicators.csv")]
    assert [(e.line, e.column) for e in errs] == [(2, column)] and hint in errs[0].message


def test_breaks_and_comparable_read(data_dir):
    ind = INDICATORS_NEW.replace("gii_rank,society_science,Xếp hạng GII,GII rank,rank,hạng,rank,false,target,,,,",
                                 "gii_rank,society_science,Xếp hạng GII,GII rank,rank,hạng,rank,false,target,,,2018;2021,false")
    ds = load(write_dataset(data_dir.parent / "b", indicators=ind))
    assert ds.errors == []
    assert ds.indicators[["breaks", "comparable"]].values.tolist()[0] == ["2018;2021", False]
    kinds = ds.kinds()
    assert dict(kinds) == {"gii_rank": "rank", "fdi_share": "share", "relations": "count"}
    assert kinds.indicators is ds.indicators


def test_records_are_the_rows_to_dict_gives(data_dir):
    """schema.records, the validator's fast row reader, gives what pandas' to_dict("records") gives on every table
    of a loaded data set (strings, floats with NaN, booleans, whole numbers, nullable years) and on edge cases."""
    import math

    import pandas as pd

    from analysis.data.schema import records

    def same(a, b) -> bool:
        return type(a) is type(b) and (a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b)))

    ds = load(data_dir)
    for name in ("sources", "indicators", "targets", "observations", "publishers", "producers"):
        df = getattr(ds, name)
        want, got = df.to_dict("records"), records(df)
        assert len(got) == len(want) == len(df) > 0, name
        for w, g in zip(want, got):
            assert list(g) == list(w) and all(same(g[k], w[k]) for k in w), (name, w, g)
    for df in (pd.DataFrame(columns=["a", "b"]), pd.DataFrame({"x": [1, 2], "y": [True, False]}),
               pd.DataFrame({"p": pd.array([2020, None], dtype="Int64")})):
        assert [{k: str(v) for k, v in r.items()} for r in records(df)] == \
               [{k: str(v) for k, v in r.items()} for r in df.to_dict("records")]
