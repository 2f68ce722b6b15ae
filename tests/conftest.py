"""A small valid dataset, written to a temporary folder, that each test can break in one way; and which data
folder the tests read.

Two data folders (README, "Tests and the data"):
- DATA_UNDER_TEST, the data the tests about the data check (the validator, the package, the README's column
  lists): the project's data/, or the folder named by the environment variable ANALYSIS_DATA. They assert what
  holds for any valid data, so no valid import can make them fail.
- PINNED, tests/fixtures/data: a copy of data/ kept as it was when the tests' expected values were worked out by
  hand. Every other test (and every notebook kernel they start) reads it: ANALYSIS_DATA is set to it here, before
  the package is imported, so config.DATA_DIR is PINNED for the whole run.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PINNED = Path(__file__).resolve().parent / "fixtures" / "data"
DATA_UNDER_TEST = Path(os.environ.get("ANALYSIS_DATA") or ROOT / "data").resolve()
os.environ["ANALYSIS_DATA"] = str(PINNED)

SOURCES = """source_id,publisher,title,published,accessed,url,language,note,outlet,title_wrong
s1,TTXVN,Bài viết một,2025-09-16,2026-11-23,https://example.org/a,vi,,national,
s2,WIPO,Global Innovation Index 2024,2024-09-26,2026-11-23,,en,,producer,
"""
INDICATORS = """indicator_id,pillar,name_vi,name_en,unit,unit_vi,kind,higher_is_better,role,note,upper_bound,breaks,comparable,breaks_source,release_months,release_covers,score_for,chart,release_name_vi,release_name_en
gii_rank,society_science,Xếp hạng GII,GII rank,rank,hạng,rank,false,target,,,,,,,,,,,
fdi_share,economy,Tỷ lệ,Share,%,%,share,true,target,,,,,,,,,,,
relations,politics_security,Quan hệ,Relations,countries,quốc gia,count,true,target,,,,,,,,,,,
"""
TARGETS = """target_id,indicator_id,comparator,target_value,target_year,instrument,source_id,wording_vi,wording_en,note,clause,target_type,period_start,page_note_vi,page_note_en
t_gii,gii_rank,<=,40,2030,153/NQ-CP,s1,từ thứ 40 trở lên,40th or better,,,,,,
t_share,fdi_share,>,21,2030,153/NQ-CP,s1,trên 21%,more than 21 %,,,,,,
t_rel,relations,>,194,2030,153/NQ-CP,s1,trên 194 quốc gia,more than 194,,,,,,
"""
OBSERVATIONS = """indicator_id,period,value,source_id,locator,status,selected,note,qualifier,partial,producer,proxy,grade,out_of
gii_rank,2019,61,s2,ranks 61st,final,true,,,false,WIPO,false,A,
gii_rank,2021,55,s2,ranks 55th,final,true,,,false,WIPO,false,A,
gii_rank,2023,50,s2,ranks 50th,final,true,,,false,WIPO,false,A,
fdi_share,2020,18.5,s1,18.5%,estimate,true,,,false,General Statistics Office,false,B,
fdi_share,2024,19.5,s1,19.5%,final,true,,,false,General Statistics Office,false,B,
relations,2025-09-16,194,s1,194 quốc gia,final,true,,,false,Ministry of Foreign Affairs,false,B,
"""
# The national plan's [plan] and [instruments] (data/plan.toml), so that the small dataset reads as before.
PLAN = """[plan]
scope = "country"
short_name = "vn-integration"
name = { vi = "Việt Nam", en = "Viet Nam" }
title.vi = "Hội nhập quốc tế của Việt Nam: khoảng cách đến mục tiêu năm 2030"
title.en = "Viet Nam's international integration: the gap to the 2030 targets"
subtitle.vi = "Theo dõi các chỉ tiêu của Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị về hội nhập quốc tế trong tình hình mới và Nghị quyết số 153/NQ-CP ngày 31/5/2025 của Chính phủ ban hành Chương trình hành động thực hiện Nghị quyết số 59-NQ/TW"
subtitle.en = "Tracking the targets of the Politburo's Resolution No. 59-NQ/TW of 24 January 2025 on international integration in the new situation and the Government's Resolution No. 153/NQ-CP of 31 May 2025 issuing its Action Programme to implement Resolution No. 59-NQ/TW"

[instruments."59-NQ/TW"]
name.vi = "Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị về hội nhập quốc tế trong tình hình mới"
name.en = "Resolution No. 59-NQ/TW of 24 January 2025 of the Politburo on international integration in the new situation"
short = { vi = "Nghị quyết số 59-NQ/TW", en = "Resolution No. 59-NQ/TW" }
date = 2025-01-24

[instruments."153/NQ-CP"]
name.vi = "Nghị quyết số 153/NQ-CP ngày 31/5/2025 của Chính phủ ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 59-NQ/TW"
name.en = "Resolution No. 153/NQ-CP of 31 May 2025 of the Government issuing the Government's Action Programme to implement Resolution No. 59-NQ/TW"
short = { vi = "Nghị quyết số 153/NQ-CP", en = "Resolution No. 153/NQ-CP" }
date = 2025-05-31
targets_total = 22
programme = { vi = "Chương trình hành động của Chính phủ", en = "the Government's Action Programme" }
programme_short = { vi = "Chương trình hành động", en = "the Action Programme" }
"""
# The names the reports printed for this dataset when the catalogs held them: MOFA named, the others as spelt.
PUBLISHERS = """publisher,name_vi,name_en,read_via_vi,read_via_en
TTXVN,TTXVN,TTXVN,,
WIPO,WIPO,WIPO,,
General Statistics Office,General Statistics Office,General Statistics Office,,
"""
PUBLISHERS_HEADER = PUBLISHERS.splitlines()[0]
PRODUCERS = """producer,name_vi,name_en,line_vi,line_en
WIPO,WIPO,WIPO,,
General Statistics Office,General Statistics Office,General Statistics Office,,
Ministry of Foreign Affairs,Bộ Ngoại giao,Ministry of Foreign Affairs,,
"""
PRODUCERS_HEADER = PRODUCERS.splitlines()[0]
CHARTS = """chart,title_vi,title_en,note_vi,note_en
"""
FILES = {"sources.csv": SOURCES, "indicators.csv": INDICATORS, "targets.csv": TARGETS,
         "observations.csv": OBSERVATIONS, "publishers.csv": PUBLISHERS, "producers.csv": PRODUCERS,
         "charts.csv": CHARTS, "plan.toml": PLAN}


OLD_INDICATOR_WIDTH = 17  # indicators.csv before the chart and release-name columns (optional, empty here)
OLD_TARGET_WIDTH = 13  # targets.csv before the page-note columns (optional, empty here)


def _widen(indicators: str, old: int = OLD_INDICATOR_WIDTH, full: str = INDICATORS) -> str:
    """Indicator rows a test writes in the 17 columns of the earlier contract get the three later, optional
    columns empty (target rows in 13 columns, the two page-note columns); a row of any other width is left as
    written (a test of a malformed row)."""
    out = []
    for k, line in enumerate(indicators.splitlines(keepends=True)):
        fields = next(csv.reader([line])) if line.strip() else []
        if k and len(fields) == old:
            line = line.rstrip("\r\n") + "," * (len(full.splitlines()[0].split(",")) - old) + "\n"
        out.append(line)
    return "".join(out)


def _names_of(text: str, column: str, header: str, known: str) -> str:
    """A names file for the fixture's own names and every other value of `column` in a data file's text (named by
    the value itself in each language); a test of the names passes its own file."""
    given = {r[header.split(",")[0]]: r for r in csv.DictReader(io.StringIO(known))}
    try:
        values = dict.fromkeys([*given, *(r.get(column) or "" for r in csv.DictReader(io.StringIO(text)))])
    except csv.Error:
        values = dict.fromkeys(given)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header.split(","))
    for v in (v for v in values if v):
        r = given.get(v, {})
        # a name column names the value itself unless given; any other (read_via_*) stays empty unless given
        w.writerow([v, *(r.get(c, v if c.startswith("name_") else "") for c in header.split(",")[1:])])
    return out.getvalue()


def named(folder: Path) -> Path:
    """Name every publisher and producer of the folder's sources.csv and observations.csv (after a test wrote
    them itself), as write_dataset does: a test of another rule does not trip on a name."""
    (folder / "publishers.csv").write_text(_names_of((folder / "sources.csv").read_text("utf-8"), "publisher",
                                                     PUBLISHERS_HEADER, PUBLISHERS), encoding="utf-8")
    (folder / "producers.csv").write_text(_names_of((folder / "observations.csv").read_text("utf-8"), "producer",
                                                    PRODUCERS_HEADER, PRODUCERS), encoding="utf-8")
    return folder


def process_alive(pid: int) -> bool:
    """Whether a process (a kernel the build started) is still running."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def write_dataset(folder: Path, **replace: str) -> Path:
    """Write the valid dataset to folder; keyword arguments replace whole files (name without .csv or .toml). Unless
    replaced, publishers.csv and producers.csv name every publisher and producer of the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    text = {name: replace.get(name.split(".")[0], t) for name, t in FILES.items()}
    text["indicators.csv"] = _widen(text["indicators.csv"])
    text["targets.csv"] = _widen(text["targets.csv"], OLD_TARGET_WIDTH, TARGETS)
    if "publishers" not in replace:
        text["publishers.csv"] = _names_of(text["sources.csv"], "publisher", PUBLISHERS_HEADER, PUBLISHERS)
    if "producers" not in replace:
        text["producers.csv"] = _names_of(text["observations.csv"], "producer", PRODUCERS_HEADER,
                                          PRODUCERS)
    for name, t in text.items():
        (folder / name).write_text(t, encoding="utf-8")
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data")


@pytest.fixture
def real_data_copy(tmp_path: Path) -> Path:
    """A copy of the pinned data (tests/fixtures/data), which a test may change."""
    dst = tmp_path / "real-data"
    shutil.copytree(PINNED, dst)
    return dst


@pytest.fixture
def data_under_test() -> Path:
    """The data the tests about the data check: data/, or ANALYSIS_DATA (never changed by a test)."""
    return DATA_UNDER_TEST


@pytest.fixture(scope="session")
def real_edition():
    """(data set, bundle) of the data under test for an edition year and language, each built once a session (a
    bundle takes over a second; a dozen tests read the same ones). Each call gets its own deep copies, and the
    names i18n prints are the data's again, as after dataset.load()."""
    import copy

    from analysis.data import dataset, names
    from analysis.editions import bundle

    built: dict = {}

    def get(as_of: int, lang: str):
        if (as_of, lang) not in built:
            ds = dataset.raise_for_errors(dataset.load())
            built[(as_of, lang)] = (ds, bundle.build(ds, as_of, lang, None))
        ds, b = copy.deepcopy(built[(as_of, lang)])
        names.install(ds)
        return ds, b

    return get


@pytest.fixture(scope="session")
def pinned_edition_pages(tmp_path_factory) -> dict[str, list[str]]:
    """Both editions of the pinned data, built once per run with a fixed edition date (29/11/2026): each
    language's pages as text. Shared by the read-back tests of the editions' language and wording."""
    from pypdf import PdfReader

    from analysis import config
    from analysis.editions import pipeline

    root = tmp_path_factory.mktemp("pinned-editions")
    data = root / "data"
    shutil.copytree(config.DATA_DIR, data)
    os.environ["SOURCE_DATE_EPOCH"] = "1795910400"  # 29/11/2026
    try:
        pdfs = pipeline.build(None, ["vi", "en"], None, data, root / "reports")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return {p.name.rsplit("-", 1)[1].removesuffix(".pdf"): [page.extract_text() for page in PdfReader(p).pages]
            for p in pdfs}
