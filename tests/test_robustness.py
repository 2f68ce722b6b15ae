"""Property-based: random valid datasets never crash the loader or the engine; random corruptions of a
valid dataset always give an error located at the corrupted line and column, never an exception."""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import named

from analysis.data.dataset import load
from analysis.engine.progress import scorecard
from analysis.engine.terms import STATUSES
from conftest import PLAN

SETTINGS = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

KINDS = {"rank": (1, 150), "share": (0, 100), "count": (0, 500), "amount": (0, 1000), "index": (-20, 20)}


def to_csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


@st.composite
def datasets(draw):
    n_ind = draw(st.integers(1, 4))
    indicators, targets, obs = [], [], []
    for i in range(n_ind):
        kind = draw(st.sampled_from(sorted(KINDS)))
        up = kind != "rank" if kind != "index" else draw(st.booleans())
        lo, hi = KINDS[kind]
        whole = kind in ("rank", "count")
        value = st.integers(lo, hi) if whole else st.floats(lo, hi, allow_nan=False).map(lambda v: round(v, 2))
        indicators.append([f"ind{i}", "economy", f"Chỉ tiêu {i}", f"Indicator {i}", "u", "u", kind,
                           str(up).lower(), "target", "", "", draw(st.sampled_from(["", "2015", "2012;2020"])),
                           draw(st.sampled_from(["", "true", "false"]))])
        years = draw(st.lists(st.integers(2010, 2025), min_size=0, max_size=8, unique=True))
        for y in sorted(years):
            obs.append([f"ind{i}", str(y), draw(value), "s1", "loc", draw(st.sampled_from(["final", "estimate"])),
                        "true", "", draw(st.sampled_from(["", ">", "<", "~"])), "false",
                        draw(st.sampled_from(["GSO", "World Bank"])), draw(st.sampled_from(["true", "false"])),
                        draw(st.sampled_from(["A", "B", "C"])), ""])
        comp = draw(st.sampled_from([">", ">="] if up else ["<", "<="]))
        targets.append([f"t{i}", f"ind{i}", comp, draw(value), draw(st.integers(2026, 2035)), "153/NQ-CP", "s1",
                        "vài từ", "", ""])
    return {
        "sources": to_csv("source_id,publisher,title,published,accessed,url,language,note".split(","),
                          [["s1", "TTXVN", "Một bài viết", "2026-01-15", "2026-11-23", "", "vi", ""]]),
        "indicators": to_csv("indicator_id,pillar,name_vi,name_en,unit,unit_vi,kind,higher_is_better,role,note,upper_bound,breaks,"
                             "comparable".split(","),
                             indicators),
        "targets": to_csv("target_id,indicator_id,comparator,target_value,target_year,instrument,source_id,wording_vi,"
                          "wording_en,note".split(","), targets),
        "observations": to_csv("indicator_id,period,value,source_id,locator,status,selected,note,qualifier,partial,"
                               "producer,proxy,grade,out_of".split(","), obs),
    }


def write(files: dict[str, str]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="hyp-"))
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    (folder / "plan.toml").write_text(PLAN, encoding="utf-8")  # the plan naming the targets' instrument
    (folder / "charts.csv").write_text("chart,title_vi,title_en,note_vi,note_en\n", encoding="utf-8")
    return named(folder)  # every publisher and producer named


@SETTINGS
@given(datasets(), st.integers(2012, 2030))
def test_random_valid_datasets_load_and_assess(files, as_of):
    ds = load(write(files))
    assert ds.errors == [], [str(p) for p in ds.errors]
    sc = scorecard(ds.observations, ds.targets, ds.kinds(), as_of)
    assert len(sc) == len(ds.targets)
    assert set(sc["status"]) <= set(STATUSES)


# (file, column, replacement) corruptions that must always be caught, each at its own line and column.
CORRUPTIONS = [
    ("observations", "value", st.sampled_from(["7,3", "1.234,5", "abc", "", "1 000", "NaN?"])),
    ("observations", "period", st.sampled_from(["2024-13", "20244", "Q1-2024", "", "2024/01"])),
    ("observations", "selected", st.sampled_from(["yes", "1", "", "đúng"])),
    ("observations", "status", st.sampled_from(["prelim", "", "Final!"])),
    ("observations", "indicator_id", st.sampled_from(["nope", "Ind 0", ""])),
    ("observations", "source_id", st.sampled_from(["s404", ""])),
    ("observations", "producer", st.sampled_from(["", "  "])),
    ("observations", "proxy", st.sampled_from(["", "yes", "0", "proxy"])),
    ("observations", "grade", st.sampled_from(["", "D", "a", "B+"])),
    ("observations", "out_of", st.sampled_from(["0", "-3", "12.5", "một trăm"])),
    ("indicators", "breaks", st.sampled_from(["2018,2020", "18", "2018;", "năm 2018"])),
    ("indicators", "comparable", st.sampled_from(["yes", "0", "không"])),
    ("indicators", "upper_bound", st.sampled_from(["195 states", "1,95"])),
    ("targets", "comparator", st.sampled_from(["≥", "=", "", "gt"])),
    ("targets", "target_year", st.sampled_from(["2030.5", "năm 2030", ""])),
    ("targets", "indicator_id", st.sampled_from(["missing_indicator"])),
]


@SETTINGS
@given(datasets(), st.data())
def test_random_corruptions_are_located(files, data):
    table, column, replacement = data.draw(st.sampled_from(CORRUPTIONS))
    rows = list(csv.reader(io.StringIO(files[table])))
    if len(rows) < 2:
        return  # nothing to corrupt in an empty table
    line = data.draw(st.integers(2, len(rows)))  # spreadsheet line of the corrupted record
    col = rows[0].index(column)
    rows[line - 1][col] = data.draw(replacement)
    broken = write({**files, table: to_csv(rows[0], rows[1:])})
    ds = load(broken)  # must not raise
    located = {(Path(p.file).name, p.line, p.column) for p in ds.errors}
    assert (f"{table}.csv", line, column) in located, [str(p) for p in ds.errors]
    assert all(str(p).startswith(p.file) for p in ds.errors)
