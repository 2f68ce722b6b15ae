"""What changed since the previous edition (rule 16, issue 18 item 3), worked out by hand on a small dataset.

The datasets: the conftest fixture plus a target of our own, `t_xshare` (share >= 50 by 2030) with figures
2020: 30, 2022: 40, 2025: 41.
- D1 (the first edition, as of 2025), by rules 6, 8 and 10 of the methodology:
  t_gii: window from 2020, base 2021 (55), pace -2.5, projection 32.5, R = 22.5/15 = 1.5: on track;
  t_share: figures 2020 and 2024, base 2020 (18.5), pace 0.25, projection 21, R = 1: on track;
  t_rel: one figure (194): insufficient data;
  t_xshare: base 2020 (30), least-squares pace over (2020, 30), (2022, 40), (2025, 41) = 26/12.67 = 2.05,
    projection 41 + 5 x 2.05 = 51.3, R = 21.3/20 = 1.06: on track.
- D2 = D1 + relations 195 dated 1 March 2026 (Ministry of Foreign Affairs, grade B); the edition as of 2026:
  t_rel: 195 meets "> 194": achieved, because of the new figure;
  t_xshare: window from 2021, base 2022 (40), pace 1/3, projection 42.7, R = 2.7/10 = 0.27: insufficient
    progress, with no new figure: only the window moved (never news);
  t_gii: base 2021 again, R 1.5: on track; t_share: from 2021 only 2024, so the earliest (2020) is the base
    again: on track. Neither changes.
"""
from __future__ import annotations

import json
import os
import re
import subprocess

import nbformat
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from analysis import i18n
from analysis.data.dataset import fingerprint, load
from analysis.editions import changes_text, pipeline
from analysis.engine import changes
from analysis.engine.scorecards import scorecards
from conftest import INDICATORS, OBSERVATIONS, SOURCES, TARGETS, write_dataset

X_INDICATOR = "xshare,economy,Tỷ trọng xuất khẩu thử,Share of exports,%,%,share,true,target,,,,,,,,\n"
X_TARGET = "t_xshare,xshare,>=,50,2030,153/NQ-CP,s1,từ 50% trở lên,50 % or more,,,,\n"
X_OBS = ("xshare,2020,30,s1,30%,final,true,,,false,General Statistics Office,false,B,\n"
         "xshare,2022,40,s1,40%,final,true,,,false,General Statistics Office,false,B,\n"
         "xshare,2025,41,s1,41%,final,true,,,false,General Statistics Office,false,B,\n")
NEW_SOURCE = "s4,Bộ Ngoại giao,Thông cáo báo chí,2026-03-02,2026-11-23,https://example.org/d,vi,,national,\n"
NEW_FIGURE = "relations,2026-03-01,195,s4,195 quốc gia,final,true,,,false,Ministry of Foreign Affairs,false,B,\n"
EPOCH = "1767225600"  # the edition date of every build here: 1 January 2026


def d1(folder):
    return write_dataset(folder, indicators=INDICATORS + X_INDICATOR, targets=TARGETS + X_TARGET,
                         observations=OBSERVATIONS + X_OBS)


def d2(folder):
    return write_dataset(folder, sources=SOURCES + NEW_SOURCE, indicators=INDICATORS + X_INDICATOR,
                         targets=TARGETS + X_TARGET, observations=OBSERVATIONS + X_OBS + NEW_FIGURE)


def record_of(data, as_of, code_version="0.2.0+abc", since=None):
    ds = load(data)
    return changes.edition_record(ds, as_of, scorecards(ds, as_of), edition="2026-01-01",
                                  code_version=code_version, fingerprint=fingerprint(data), since=since)


def compare(data, as_of, base, code_version="0.2.0+def"):
    ds = load(data)
    return ds, changes.compare(ds, as_of, scorecards(ds, as_of), base, edition="2026-01-01",
                               code_version=code_version, fingerprint=fingerprint(data))


# ------------------------------------------------------------------ the comparison, without a build

def test_the_first_edition_statuses_are_the_hand_worked_ones(tmp_path):
    rec = record_of(d1(tmp_path / "d1"), 2025)
    assert {t: s["status"] for t, s in rec["targets"].items()} == {
        "t_gii": "on_track", "t_share": "on_track", "t_rel": "insufficient_data", "t_xshare": "on_track"}
    # the record keeps the figures the edition used (dated 2025 or earlier): 3 GII, 2 share, 1 relations, 3 xshare
    assert len(rec["observations"]) == 9
    assert rec["as_of"] == 2025 and rec["code_version"] == "0.2.0+abc" and rec["edition"] == "2026-01-01"


def test_a_new_figure_and_a_window_change_are_told_apart(tmp_path):
    base = record_of(d1(tmp_path / "d1"), 2025)
    ds, ch = compare(d2(tmp_path / "d2"), 2026, base)
    assert [(r["indicator_id"], r["period"], r["value"]) for r in ch.added] == [("relations", "2026-03-01", 195.0)]
    assert ch.revised == [] and ch.unselected == []
    assert [(s["target_id"], s["before"], s["after"], s["cause"]) for s in ch.news] == [
        ("t_rel", "insufficient_data", "achieved", "new_figure")]
    assert [(s["target_id"], s["before"], s["after"], s["cause"]) for s in ch.window_only] == [
        ("t_xshare", "on_track", "insufficient_progress", "window")]
    vi = changes_text.texts(ch, ds, "vi")
    assert vi["title"] == "Thay đổi so với kỳ báo cáo trước (ngày 01/01/2026)"
    assert vi["added"] == [{"indicator": "Quan hệ", "period": "01/3/2026", "value": "195 quốc gia",
                            "producer": "Bộ Ngoại giao", "grade": "B"}]
    assert vi["status"][0]["cause"] == "từ 194 thành 195, số liệu mới ngày 01/3/2026"  # the movement, then its cause
    assert vi["window"][0]["cause"] == "năm gốc của kỳ đánh giá dịch chuyển, không có số liệu mới"
    assert vi["method"] == "" and vi["nothing"] == ""
    en = changes_text.texts(ch, ds, "en")
    assert en["status"][0]["cause"] == "from 194 to 195, new figure for 1 March 2026"
    assert en["added"][0]["value"] == "195 countries"


def test_a_revised_and_an_unselected_figure(tmp_path):
    base = record_of(d1(tmp_path / "d1"), 2025)
    # GII 2023 revised from 50 to 48 (same source); the 2020 share no longer selected
    obs = (OBSERVATIONS.replace("gii_rank,2023,50,", "gii_rank,2023,48,")
           .replace("fdi_share,2020,18.5,s1,18.5%,estimate,true", "fdi_share,2020,18.5,s1,18.5%,estimate,false"))
    data = write_dataset(tmp_path / "d3", indicators=INDICATORS + X_INDICATOR, targets=TARGETS + X_TARGET,
                         observations=obs + X_OBS)
    ds, ch = compare(data, 2025, base)
    assert ch.added == []
    assert [(a["period"], a["value"], b["value"]) for a, b in ch.revised] == [("2023", 50.0, 48.0)]
    assert [(r["indicator_id"], r["period"]) for r in ch.unselected] == [("fdi_share", "2020")]
    en = changes_text.texts(ch, ds, "en")
    assert en["revised"][0]["value"] == "from rank 50 to rank 48"
    # t_share keeps one figure (2024): on track -> insufficient data, because a figure went
    assert [(s["target_id"], s["before"], s["after"], s["cause"]) for s in ch.status] == [
        ("t_share", "on_track", "insufficient_data", "revision")]


def test_a_status_the_earlier_method_printed_differently_is_the_method_s(tmp_path):
    data = d1(tmp_path / "d1")
    base = record_of(data, 2025, code_version="0.1.0+abc")
    base["targets"]["t_gii"]["status"] = "moderate_progress"  # what version 0.1.0 printed for the same data
    ds, ch = compare(data, 2025, base, code_version="0.2.0+def")
    assert ch.added == ch.revised == ch.unselected == []
    assert [(s["target_id"], s["before"], s["after"], s["cause"]) for s in ch.status] == [
        ("t_gii", "moderate_progress", "on_track", "method")]
    vi = changes_text.texts(ch, ds, "vi")
    assert vi["status"][0]["cause"] == "thay đổi phương pháp đánh giá (phiên bản 0.1.0 lên phiên bản 0.2.0)"
    assert "phiên bản 0.1.0 lên phiên bản 0.2.0" in vi["method"]


def test_a_new_release_does_not_make_a_window_change_a_change_of_method(tmp_path):
    base = record_of(d1(tmp_path / "d1"), 2025, code_version="0.1.0+abc")
    ds, ch = compare(d1(tmp_path / "d1"), 2026, base, code_version="0.2.0+def")
    assert [(s["target_id"], s["before"], s["after"], s["cause"]) for s in ch.status] == [
        ("t_xshare", "on_track", "insufficient_progress", "window")]
    assert changes_text.texts(ch, ds, "en")["method"] == ("The assessment method was updated from version 0.1.0 to "
                                                     "version 0.2.0; the update alone changed no status.")


def test_another_commit_of_the_same_release_is_not_a_change_of_method(tmp_path):
    data = d1(tmp_path / "d1")
    ds, ch = compare(data, 2025, record_of(data, 2025, code_version="0.2.0+abc"), code_version="0.2.0+def")
    assert ch.status == [] and ch.nothing
    t = changes_text.texts(ch, ds, "vi")
    assert t["method"] == "" and t["nothing"].startswith("Không có số liệu mới")


FIRST = {"vi": "Đây là kỳ báo cáo đầu tiên: chưa có kỳ báo cáo trước để so sánh.",
         "en": "This is the first edition: there is no previous edition to compare with."}


def test_a_first_edition_says_so_on_both_pages():
    from analysis.editions.summary import change_sentences
    from analysis.engine.changes import Changes

    for lang in ("vi", "en"):
        t = changes_text.texts(Changes(record={}), None, lang)
        assert t["first"] and t["intro"] == FIRST[lang] and t["status"] == t["added"] == []
        assert change_sentences(Changes(record={}), None, lang) == [FIRST[lang]]
        assert change_sentences(None, None, lang) == [FIRST[lang]]


def _summary(data, as_of, lang, since):
    from analysis.editions import bundle

    return bundle.build(load(data), as_of, lang, None, since)


def test_the_summary_compares_with_the_same_record_as_the_changes_page(tmp_path):
    """F14: the summary's "before" is the previous record's printed status, with its date and year, and the
    cause names the movement of the latest figure, as the changes page says it. A hand-made record: the
    edition of 15 December 2025 as of 2025 (statuses of D1, worked out in this module's docstring)."""
    base = record_of(d1(tmp_path / "d1"), 2025)
    base["edition"] = "2025-12-15"
    path = tmp_path / "vn-integration-report-2025.record.json"
    path.write_text(changes.dumps(base), encoding="utf-8")
    data = d2(tmp_path / "d2")
    vi = _summary(data, 2026, "vi", path)
    assert ("So với kỳ báo cáo lập ngày 15/12/2025, số liệu tính đến năm 2025: Quan hệ: chuyển từ Chưa đủ số liệu để "
            "đánh giá sang Đã đạt (từ 194 thành 195, số liệu mới ngày 01/3/2026).") in vi.summary
    assert ("Thay đổi đánh giá chỉ do năm gốc thay đổi, không có số liệu mới: Tỷ trọng xuất khẩu thử: "
            "chuyển từ Có khả năng đạt sang Khó đạt nếu giữ tốc độ hiện nay.") in vi.summary
    page = changes_text.texts(vi.changes, vi.ds, "vi")  # the changes page: the same base, status and cause
    assert page["title"] == "Thay đổi so với kỳ báo cáo trước (ngày 15/12/2025)"
    assert [(r["before"], r["after"], r["cause"]) for r in page["status"]] == [
        ("insufficient_data", "achieved", "từ 194 thành 195, số liệu mới ngày 01/3/2026")]
    en = _summary(data, 2026, "en", path)
    assert ("Compared with the edition of 15 December 2025, with figures up to 2025: Relations: from Insufficient "
            "data to Achieved (from 194 to 195, new figure for 1 March 2026).") in en.summary


def test_the_summary_never_recomputes_a_previous_year(tmp_path):
    """The previous edition was as of 2024 (published 1 January 2026): the relations target had no figure
    then (its first is dated 16 September 2025). A status 'as of 2025' recomputed from today's data
    (insufficient data) was never published, so the summary does not name it."""
    base = record_of(d1(tmp_path / "d1"), 2024)
    assert base["targets"]["t_rel"]["status"] == "no_data" and base["targets"]["t_rel"]["latest_value"] is None
    path = tmp_path / "vn-integration-report-2024.record.json"
    path.write_text(changes.dumps(base), encoding="utf-8")
    vi = _summary(d2(tmp_path / "d2"), 2026, "vi", path)
    line = next(s for s in vi.summary if s.startswith("So với"))
    assert line.startswith("So với kỳ báo cáo lập ngày 01/01/2026, số liệu tính đến năm 2024: ")
    assert "Quan hệ: chuyển từ Chưa có số liệu sang Đã đạt (số liệu mới ngày 16/9/2025, ngày 01/3/2026)" in line
    assert "Chưa đủ số liệu để đánh giá sang Đã đạt" not in line
    assert not any(FIRST["vi"] in s for s in vi.summary)


def test_a_figure_that_moves_names_old_and_new_with_years_when_the_number_is_the_same():
    from analysis.engine.changes import Changes

    base = {"edition": "2026-01-01", "as_of": 2025, "code_version": "0.2.0",
            "targets": {"t": {"status": "on_track", "latest_value": 44.0, "latest_year": 2025}}}
    rec = {"code_version": "0.2.0", "targets": {"t": {"status": "off_track", "latest_value": 44.0,
                                                      "latest_year": 2026}}}
    s = {"target_id": "t", "cause": "new_figure", "periods": ["2026"]}
    ch = Changes(rec, base)
    assert changes_text.cause_text(s, ch, "vi") == "từ 44 (2025) thành 44 (2026), số liệu mới năm 2026"
    rec["targets"]["t"]["latest_value"] = 43.0
    assert changes_text.cause_text(s, ch, "en") == "from 44 to 43, new figure for 2026"
    assert changes_text.cause_text(s, ch, "vi") == "từ 44 thành 43, số liệu mới năm 2026"


def test_the_record_gives_back_the_statuses_it_printed_real_data():
    """Assessed again from the record alone, every target of the real data gets the status printed."""
    from analysis.engine.progress import scorecard

    ds = load()
    for as_of in (2024, 2025, 2026):
        rec = changes.edition_record(ds, as_of, scorecards(ds, as_of), edition="2026-01-01",
                                     code_version="x", fingerprint="f")
        again = changes.record_dataset(json.loads(changes.dumps(rec)))
        sc = scorecard(again.observations, again.targets, again.kinds(), as_of, as_of - 5)
        assert dict(zip(sc["target_id"], sc["status"])) == {t: s["status"] for t, s in rec["targets"].items()}


def test_the_record_is_deterministic_text(tmp_path):
    rec = record_of(d1(tmp_path / "d1"), 2025)
    text = changes.dumps(rec)
    assert text == changes.dumps(json.loads(text))
    assert json.loads(text) == rec
    first = text.splitlines()[1:4]
    assert first == [' "as_of": 2025,', ' "baseline_year": null,', ' "code_version": "0.2.0+abc",']


# ------------------------------------------------------------------ which edition is the previous one

SHORT = "vn-integration"  # the short name of the test data's plan (conftest.PLAN)


def write_record(folder, rec):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / changes.record_name(SHORT, rec["as_of"])).write_text(changes.dumps(rec), encoding="utf-8")


def test_the_previous_edition_is_found_in_reports(tmp_path):
    data1, data2 = d1(tmp_path / "d1"), d2(tmp_path / "d2")
    reports = tmp_path / "reports"
    fp1, fp2 = fingerprint(data1), fingerprint(data2)
    assert changes.find_base(reports, 2026, fp2, SHORT) is None  # nothing published: a first edition
    r2024, r2025 = record_of(data1, 2024), record_of(data1, 2025)
    write_record(reports, r2024)
    write_record(reports, r2025)
    assert changes.find_base(reports, 2026, fp2, SHORT)["as_of"] == 2025  # the latest earlier edition
    assert changes.find_base(reports, 2023, fp2, SHORT) is None  # a later edition is never "the previous" one
    assert changes.find_base(reports, 2026, fp2, "another-plan") is None  # another plan's editions are not its own
    # the 2025 edition built again with other data: the one it replaces is the previous edition
    assert changes.find_base(reports, 2025, fp2, SHORT)["fingerprint"] == fp1
    # the same data again: the comparison that edition made (here with 2024), so a rebuild says the same
    write_record(reports, record_of(data1, 2025, since=changes.read_record(reports / changes.record_name(SHORT, 2024))))
    again = changes.find_base(reports, 2025, fp1, SHORT)
    assert again["as_of"] == 2024 and "since" not in again
    assert again["label"] == "vn-integration-report-2024.record.json"


def test_a_file_that_is_not_a_record_is_named(tmp_path):
    bad = tmp_path / "x.record.json"
    bad.write_text('{"as_of": 2025}', encoding="utf-8")
    with pytest.raises(changes.ChangesError, match=r"x\.record\.json: not an edition record \(missing format"):
        changes.read_record(bad)
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(changes.ChangesError, match=r"x\.record\.json: not an edition record \(not JSON"):
        changes.read_record(bad)


def git_data(tmp_path):
    """A git repository whose data/ holds D1, committed; the working copy then holds D2."""
    repo = tmp_path / "repo"
    data = d1(repo / "data")
    run = lambda *a: subprocess.run(["git", "-C", str(repo), *a], check=True, capture_output=True)  # noqa: E731
    run("init", "-q")
    run("add", "data")
    run("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "D1",
        "--date", "2025-12-31T12:00:00")
    d2(data)
    return data


def test_since_a_git_revision_of_the_data(tmp_path):
    data = git_data(tmp_path)
    base = changes.resolve_base("HEAD", tmp_path / "reports", data, 2026, fingerprint(data))
    assert base["as_of"] == 2025  # the latest year D1 reaches
    assert base["code_version"] is None and base["label"] == "HEAD"
    ds, ch = compare(data, 2026, base)
    assert [(s["target_id"], s["cause"]) for s in ch.status] == [("t_rel", "new_figure"), ("t_xshare", "window")]
    assert changes_text.texts(ch, ds, "en")["intro"] == \
        "Compared with the data as saved on " + i18n.fmt_date(base["edition"], "en") + ", assessed with figures up to 2025."
    with pytest.raises(changes.ChangesError, match="'no-such-rev' is neither an edition record file nor a git revision"):
        changes.resolve_base("no-such-rev", tmp_path / "reports", data, 2026, fingerprint(data))


# ------------------------------------------------------------------ two builds: what the reader gets

def build(data, as_of, reports, langs=("vi", "en"), since=None):
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return pipeline.build(as_of, list(langs), None, data, reports, since)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    root = tmp_path_factory.mktemp("changes")
    reports = root / "reports"
    build(d1(root / "d1"), 2025, reports)
    first = {lang: (reports / f"vn-integration-report-2025-{lang}.pdf").read_bytes() for lang in ("vi", "en")}
    build(d2(root / "d2"), 2026, reports)
    return root, reports, first


def pages(path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()).replace("\u00a0", " ") for p in PdfReader(path).pages]


TITLE = {"vi": "Thay đổi so với kỳ báo cáo trước", "en": "Changes since the previous edition"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_first_build_says_it_is_the_first_on_both_pages(two_editions, lang, tmp_path):
    root, reports, first = two_editions
    pdf = tmp_path / "first.pdf"
    pdf.write_bytes(first[lang])
    text = pages(pdf)
    summary = next(i for i, p in enumerate(text) if i18n.label("summary", lang) in p and i > 0)
    assert FIRST[lang] in text[summary]  # the summary says so
    # and the changes chapter, alike: one sentence in a first edition, it follows the summary on its page
    both = " ".join(text[summary:summary + 2])
    assert TITLE[lang] in both and both.count(FIRST[lang]) == 2
    wb = load_workbook(reports / f"vn-integration-report-2025-{lang}.xlsx")
    rows = [[c for c in r if c is not None] for r in wb[i18n.text(lang, "changes.sheet")].iter_rows(values_only=True)]
    assert rows == [[TITLE[lang]], [FIRST[lang]]]
    nb = (reports / f"vn-integration-report-2025-{lang}.ipynb").read_text(encoding="utf-8")
    executed = nbformat.reads(nb, as_version=4)
    assert executed.metadata.papermill.parameters.since == ""
    shown = "".join(json.dumps(c.get("outputs", []), ensure_ascii=False) for c in executed.cells
                    if c.cell_type == "code")
    assert i18n.STATUS_NAMES[lang]["on_track"] in shown
    assert FIRST[lang] in shown


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_second_edition_s_pdf_lists_the_figure_and_the_change_it_caused(two_editions, lang):
    _, reports, _ = two_editions
    text = pages(reports / f"vn-integration-report-2026-{lang}.pdf")
    summary = next(i for i, p in enumerate(text) if i18n.label("summary", lang) in p and i > 0)
    page = text[summary + 1]  # the page right after the summary
    assert page.index(TITLE[lang]) < 200
    if lang == "vi":
        assert "(ngày 01/01/2026)" in page and "số liệu tính đến năm 2025" in page
        assert "Quan hệ 01/3/2026 195 quốc gia Bộ Ngoại giao B" in page
        assert "Quan hệ Chưa đủ số liệu để đánh giá Đã đạt từ 194 thành 195, số liệu mới ngày 01/3/2026" in page
        window = page.index("Thay đổi kết quả đánh giá chỉ do kỳ đánh giá dịch chuyển")
        assert page.index("Tỷ trọng xuất khẩu thử Có khả năng đạt Khó đạt nếu giữ tốc độ hiện nay") > window
    else:
        assert "(1 January 2026)" in page and "with figures up to 2025" in page
        assert "Relations 1 March 2026 195 countries Ministry of Foreign Affairs B" in page
        assert "Relations Insufficient data Achieved from 194 to 195, new figure for 1 March 2026" in page
        window = page.index("Changes of status due only to the window moving")
        assert page.index("Share of exports On track Insufficient progress") > window
    # the window-only change is never among the news, which come first
    assert page.index(i18n.text(lang, "changes.head_status")) < window


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_second_edition_s_workbook_has_a_changes_sheet(two_editions, lang):
    _, reports, _ = two_editions
    wb = load_workbook(reports / f"vn-integration-report-2026-{lang}.xlsx")
    ws = wb[i18n.text(lang, "changes.sheet")]
    assert wb.sheetnames.index(ws.title) == 2  # after About and the scorecard
    rows = [[c for c in r if c is not None] for r in ws.iter_rows(values_only=True)]
    status = i18n.STATUS_NAMES[lang]
    name = "Quan hệ" if lang == "vi" else "Relations"
    assert [name, status["insufficient_data"], status["achieved"],
            "từ 194 thành 195, số liệu mới ngày 01/3/2026" if lang == "vi" else "from 194 to 195, new figure for 1 March 2026"] in rows
    assert [name, "01/3/2026" if lang == "vi" else "1 March 2026", "195 quốc gia" if lang == "vi" else "195 countries",
            "Bộ Ngoại giao" if lang == "vi" else "Ministry of Foreign Affairs", "B"] in rows
    xname = "Tỷ trọng xuất khẩu thử" if lang == "vi" else "Share of exports"
    window_row = rows.index([i18n.text(lang, "changes.head_window")])
    assert rows.index([xname, status["on_track"], status["insufficient_progress"],
                       i18n.text(lang, "changes.cause_window")]) > window_row


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_second_edition_s_notebook_shows_the_changes(two_editions, lang):
    _, reports, _ = two_editions
    nb = nbformat.read(reports / f"vn-integration-report-2026-{lang}.ipynb", as_version=4)
    assert nb.metadata.papermill.parameters.since == "vn-integration-report-2025.record.json"
    out = [o for c in nb.cells if c.cell_type == "code" and "show_changes" in c.source for o in c.outputs]
    html = "".join(o["data"].get("text/html", "") for o in out)
    md = "".join(o["data"].get("text/markdown", "") for o in out)
    assert TITLE[lang] in md
    assert ("195 quốc gia" if lang == "vi" else "195 countries") in html
    assert i18n.STATUS_NAMES[lang]["achieved"] in html and i18n.STATUS_NAMES[lang]["insufficient_progress"] in html
    assert "stage-" not in (reports / f"vn-integration-report-2026-{lang}.ipynb").read_text(encoding="utf-8")


def test_the_record_is_published_and_a_rebuild_says_the_same(two_editions):
    root, reports, _ = two_editions
    rec = changes.read_record(reports / "vn-integration-report-2026.record.json")
    assert rec["as_of"] == 2026 and rec["since"]["as_of"] == 2025
    assert rec["targets"]["t_rel"]["status"] == "achieved" and rec["targets"]["t_rel"]["latest_value"] == 195.0
    before = (reports / "vn-integration-report-2026-vi.pdf").read_bytes()
    build(root / "d2", 2026, reports, langs=("vi",))  # the same data again: compared with 2025 again
    assert (reports / "vn-integration-report-2026-vi.pdf").read_bytes() == before


def test_since_a_git_revision_through_the_build(tmp_path):
    data = git_data(tmp_path)
    reports = tmp_path / "reports"
    build(data, 2026, reports, langs=("en",), since="HEAD")
    page = " ".join(pages(reports / "vn-integration-report-2026-en.pdf"))
    assert "Relations Insufficient data Achieved from 194 to 195, new figure for 1 March 2026" in page
    nb = nbformat.read(reports / "vn-integration-report-2026-en.ipynb", as_version=4)
    assert nb.metadata.papermill.parameters.since == "HEAD"
    with pytest.raises(pipeline.BuildError, match="'HEAD~5' is neither an edition record file nor a git revision"):
        build(data, 2026, tmp_path / "other", langs=("en",), since="HEAD~5")
    assert not (tmp_path / "other").exists()


def test_make_passes_since_to_the_build():
    out = subprocess.run(["make", "-n", "report", "AS_OF=2026", "SINCE=HEAD~1", "LANGS=en"], capture_output=True,
                         text=True, cwd=str(pipeline.config.PROJECT_ROOT), env={**os.environ, "MAKEFLAGS": ""})
    assert '--since "HEAD~1"' in out.stdout
