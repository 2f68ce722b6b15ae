"""The report as a reader gets it: localised numbers, PDF text matching the scorecard, byte-identical
rebuilds, and failures that never touch the last good PDF."""
from __future__ import annotations

import os
import subprocess
import sys
import threading

import nbformat
import pytest
from pypdf import PdfReader

from analysis import config, i18n
from analysis.data.dataset import load
from analysis.editions import pipeline
from analysis.engine.progress import scorecard
from conftest import OBSERVATIONS


@pytest.mark.parametrize("value, lang, expected", [
    (1234.5, "vi", "1.234,5"), (1234.5, "en", "1,234.5"), (930, "vi", "930"), (-0.2, "vi", "−0,2"),
    (7.52, "vi", "7,52"), (1234567, "en", "1,234,567"), (float("nan"), "en", "—"),
])
def test_number_formats(value, lang, expected):
    assert i18n.fmt_number(value, lang) == expected


@pytest.mark.parametrize("value, lang, decimals, signed, expected", [
    (668.55, "en", None, False, "668.5"),   # stored as 668.54999...: rounds down, as format() does
    (371.85, "vi", None, False, "371,9"),   # stored as 371.85000...02: rounds up
    (3.10, "vi", 2, False, "3,1"),          # two decimals drop trailing zeros
    (3.0, "en", 2, True, "+3"),
    (2.5, "vi", 1, True, "+2,5"),
    (-12.04, "en", 1, True, "−12.0"),       # one decimal keeps its zero; typographic minus
    (1234567.891, "vi", 2, False, "1.234.567,89"),
    (0.5, "en", 0, False, "0"),             # exact tie: to even
])
def test_number_formats_with_decimals_and_sign(value, lang, decimals, signed, expected):
    assert i18n.fmt_number(value, lang, decimals, signed=signed) == expected


def test_every_status_and_flag_has_a_name_and_colour_in_both_languages():
    from analysis.engine.terms import FLAGS, STATUSES

    for lang in config.LANGS:
        assert set(i18n.STATUS_NAMES[lang]) == set(STATUSES) == set(i18n.STATUS_COLOURS)
        # every flag the engine sets, and those the engine branch adds (INTERFACE.md), has a name and a mark
        assert set(FLAGS) <= set(i18n.FLAG_NAMES[lang]) == set(i18n.FLAG_MARKS) == {
            "low_evidence", "rank_noise", "target_lost", "source_sensitive", "proxy", "weak_source", "not_comparable",
            "floor_only", "met_before_set", "at_threshold", "method_break", "missing_years", "no_base"}
        assert set(i18n.LABELS[lang]) == set(i18n.LABELS["vi"])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One vi + en build of the small dataset, with a fixed edition date."""
    from conftest import write_dataset

    root = tmp_path_factory.mktemp("report")
    data = write_dataset(root / "data")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        pdfs = pipeline.build(2024, ["vi", "en"], None, data, root / "reports")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return data, root / "reports", pdfs


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_build_writes_both_editions_and_figures(built):
    _, reports, pdfs = built
    assert [p.name for p in pdfs] == ["vn-integration-report-2024-vi.pdf", "vn-integration-report-2024-en.pdf"]
    assert (reports / "figures" / "2024-vi" / "status.svg").is_file()
    assert (reports / "figures" / "2024-en" / "target-t_gii.svg").is_file()
    for lang in config.LANGS:  # the executed notebook next to each PDF, under the same name
        assert (reports / f"vn-integration-report-2024-{lang}.ipynb").is_file()
    assert not list(config.BUILD_DIR.glob("stage-*")), "the staging folder must be removed"


@pytest.mark.parametrize("lang", config.LANGS)
def test_pdf_prints_the_scorecard(built, lang):
    data, _, pdfs = built
    # status badges keep their words together with no-break spaces
    text = pdf_text(next(p for p in pdfs if p.name.endswith(f"-{lang}.pdf"))).replace("\u00a0", " ")
    ds = load(data)
    sc = scorecard(ds.observations, ds.targets, ds.kinds(), 2024)
    for row in sc.to_dict("records"):
        assert i18n.status_name(row["status"], lang) in text
    # Key figures typed in from the fixture: GII latest 50 (2023), share 19.5 (2024), 194 relations absent before 2025.
    assert ("hạng 50 (2023)" if lang == "vi" else "rank 50 (2023)") in text
    assert ("19,5% (2024)" if lang == "vi" else "19.5% (2024)") in text
    # the cover's title is the plan's (the test data's plan.toml, conftest.PLAN)
    title = {"vi": "Hội nhập quốc tế của Việt Nam: khoảng cách đến mục tiêu năm 2030",
             "en": "Viet Nam's international integration: the gap to the 2030 targets"}[lang]
    assert title in text.replace("\n", " ")
    if lang == "vi":
        assert "Chưa có số liệu" in text and "Có khả năng đạt" in text  # diacritics survive the round trip


@pytest.mark.parametrize("lang", config.LANGS)
def test_executed_notebook_shows_the_scorecard_and_each_target_chart(built, lang):
    import nbformat

    data, reports, _ = built
    nb = nbformat.read(reports / f"vn-integration-report-2024-{lang}.ipynb", as_version=4)
    assert nb.metadata.papermill.parameters.as_of == 2024 and nb.metadata.papermill.parameters.lang == lang
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    # The fixture's GII target: latest 50 (2023), target <= 40 in 2030; every status name of the table.
    assert "50 (2023)" in html and {"vi": "từ hạng 40 trở lên (2030)", "en": "rank 40 or better (2030)"}[lang] in html
    ds = load(data)
    for row in scorecard(ds.observations, ds.targets, ds.kinds(), 2024).to_dict("records"):
        assert i18n.status_name(row["status"], lang) in html
    svgs = [o for o in outputs if "image/svg+xml" in o.get("data", {})]
    # The status chart, then one per target with a figure up to 2024: GII (2019, 2021, 2023) and share (2020, 2024);
    # relations' only figure is dated 2025-09-16, so that target has no chart.
    assert len(svgs) == 1 + 2
    titles = {"vi": ("Xếp hạng GII", "Tỷ lệ", "Quan hệ"), "en": ("GII rank", "Share", "Relations")}[lang]
    drawn = [o["data"]["image/svg+xml"] for o in svgs[1:]]
    assert [[t in svg for t in titles] for svg in drawn] == [[True, False, False], [False, True, False]]
    text = (reports / f"vn-integration-report-2024-{lang}.ipynb").read_text(encoding="utf-8")
    assert "stage-" not in text and "start_time" not in text  # nothing that changes from run to run


def test_rebuild_is_byte_identical(built, tmp_path):
    data, reports, pdfs = built
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        again = pipeline.build(2024, ["vi"], None, data, tmp_path)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert again[0].read_bytes() == pdfs[0].read_bytes()
    assert (tmp_path / "vn-integration-report-2024-vi.ipynb").read_bytes() == \
           (reports / "vn-integration-report-2024-vi.ipynb").read_bytes()
    assert (tmp_path / "figures" / "2024-vi" / "target-t_gii.svg").read_bytes() == \
           (reports / "figures" / "2024-vi" / "target-t_gii.svg").read_bytes()


def test_interrupted_build_leaves_reports_untouched(built, tmp_path, monkeypatch):
    data, _, _ = built
    old = tmp_path / "vn-integration-report-2024-vi.pdf"
    old.write_bytes(b"%PDF-1.7 previous good report")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.editions.pdf.compile_pdf", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build(2024, ["vi"], None, data, tmp_path)
    assert old.read_bytes() == b"%PDF-1.7 previous good report"
    assert not list(config.BUILD_DIR.glob("stage-*"))


@pytest.mark.parametrize("failing", [["en"], ["vi", "en"]])
def test_a_failing_edition_publishes_no_edition(data_dir, tmp_path, monkeypatch, failing):
    """The editions run at once; if any fails, none replaces what reports/ had, and each failure is named."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for lang in config.LANGS:
        (reports / f"vn-integration-report-2024-{lang}.pdf").write_bytes(b"%PDF-1.7 previous " + lang.encode())
    ran, both_started = [], threading.Barrier(2, timeout=30)

    def notebook(nb, out_nb, params, progress_bar=None, kernel=None):  # stands in for papermill: fast, no kernel
        ran.append(params["lang"])
        both_started.wait()  # as real notebooks, which start together and take seconds
        if params["lang"] in failing:
            raise pipeline.BuildError(f"notebook failed for {params['lang']}; the executed copy is kept at X")
        (out_nb.parent / "figures").mkdir()
        (out_nb.parent / "scorecard.csv").write_text("target_id\n")
        (out_nb.parent / "workbook.xlsx").write_bytes(b"PK workbook")
        nbformat.write(nbformat.v4.new_notebook(), out_nb)  # papermill's record of the run

    def pdf(bundle_dir, pdf_path, started=None):
        pdf_path.write_bytes(b"%PDF-1.7 new")
        return pdf_path

    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # the two editions at once, on any machine
    monkeypatch.setattr(pipeline, "run_notebook", notebook)
    monkeypatch.setattr(pipeline, "start_kernel", lambda *where_the_data_will_be: None)
    monkeypatch.setattr("analysis.editions.pdf.compile_pdf", pdf)
    with pytest.raises(pipeline.BuildError) as err:
        pipeline.build(2024, ["vi", "en"], None, data_dir, reports)
    assert sorted(ran) == ["en", "vi"]
    for lang in failing:
        assert f"{lang} edition: notebook failed for {lang}" in str(err.value)
    assert "no edition was published" in str(err.value)
    for lang in config.LANGS:
        assert (reports / f"vn-integration-report-2024-{lang}.pdf").read_bytes() == b"%PDF-1.7 previous " + lang.encode()
    assert not (reports / "figures").exists()
    assert not list(config.BUILD_DIR.glob("stage-*"))


def test_failing_notebook_is_kept_and_the_cell_named(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("lang = 'vi'", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("raise ValueError('broken on purpose')")]
    nb.metadata["kernelspec"] = {"name": config.KERNEL_NAME, "display_name": "x", "language": "python"}
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(pipeline.BuildError) as err:
        pipeline.run_notebook(path, tmp_path / "out.ipynb", {"lang": "vi"})
    msg = str(err.value)
    assert "failed in cell 3 (`raise ValueError('broken on purpose')`) (ValueError: broken on purpose)" in msg
    kept = msg.rsplit("kept at ", 1)[1]
    assert os.path.isfile(kept)
    os.remove(kept)


def test_make_report_on_corrupted_data_keeps_the_previous_pdf(tmp_path):
    from conftest import write_dataset

    data = write_dataset(tmp_path / "data", observations=OBSERVATIONS.replace("18.5", '"18,5"'))
    reports = tmp_path / "reports"
    reports.mkdir()
    previous = b"%PDF-1.7 the last good report"
    for lang in config.LANGS:
        pdf = reports / f"vn-integration-report-2024-{lang}.pdf"
        pdf.write_bytes(previous)
        os.utime(pdf, (0, 0))  # older than the data, so make tries to rebuild
    r = subprocess.run(["make", "report", f"DATA={data}", f"REPORTS={reports}", "AS_OF=2024",
                        f"PYTHON={sys.executable}"],  # the Python of this .venv, so make keeps it
                       cwd=config.PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode != 0
    assert "observations.csv:5: value: found '18,5'" in r.stderr
    assert all((reports / f"vn-integration-report-2024-{lang}.pdf").read_bytes() == previous for lang in config.LANGS)


def test_indicator_rows_lists_every_source_and_names_unknown_ids(data_dir):
    from analysis.editions import notebook_view

    ds = load(data_dir)
    rows = notebook_view.indicator_rows(ds, "fdi_share", "vi")
    assert rows["period"].tolist() == ["2020", "2024"]
    assert rows["Giá trị"].tolist() == ["18,5", "19,5"]
    with pytest.raises(ValueError, match="unknown indicator_id 'gii'; expected one of: fdi_share, gii_rank, relations"):
        notebook_view.indicator_rows(ds, "gii", "en")


def test_text_the_report_font_cannot_draw_is_named_not_boxed():
    assert i18n.printable("“ranks 44th”", "en") == "“ranks 44th”"
    assert i18n.printable("“Việt Nam xếp thứ 44”", "vi") == "“Việt Nam xếp thứ 44”"
    assert i18n.printable("“建交总数增至195个”", "en") == "(quoted in a foreign language; see the source's address)"


def _kernel_pids(monkeypatch) -> list[int]:
    """Record the pid of each kernel the build starts early."""
    pids, real_start = [], pipeline.start_kernel

    def recording_start(*args):
        km = real_start(*args)
        pids.append(km.provisioner.process.pid)
        return km

    monkeypatch.setattr(pipeline, "start_kernel", recording_start)
    return pids


def _alive(pid: int) -> bool:
    from conftest import process_alive

    return process_alive(pid)


def test_kernels_started_before_the_data_check_are_stopped_when_the_data_fail(tmp_path, monkeypatch):
    from conftest import write_dataset

    data = write_dataset(tmp_path / "data", observations=OBSERVATIONS.replace("18.5", '"18,5"'))
    pids = _kernel_pids(monkeypatch)
    with pytest.raises(pipeline.BuildError) as err:
        pipeline.build(2024, ["vi", "en"], None, data, tmp_path / "reports")
    assert "the data have problems" in str(err.value) and "observations.csv:5: value" in str(err.value)
    assert len(pids) == 2  # both kernels had been started while the data were checked
    assert not any(_alive(p) for p in pids)
    assert not (tmp_path / "reports").exists()
    assert not list(config.BUILD_DIR.glob("stage-*"))


def test_a_built_edition_leaves_no_kernel_running_and_typst_started_while_the_notebook_ran(data_dir, tmp_path,
                                                                                          monkeypatch):
    import time

    from analysis.editions import pdf

    pids = _kernel_pids(monkeypatch)
    events, real_run, real_typesetting = [], pipeline.run_notebook, pdf.Typesetting

    def run(*args, **kwargs):
        real_run(*args, **kwargs)
        events.append(("notebook returned", time.monotonic()))

    class Recorded(real_typesetting):
        def __init__(self, *args):
            events.append(("typst started", time.monotonic()))
            super().__init__(*args)

    monkeypatch.setattr(pipeline, "run_notebook", run)
    monkeypatch.setattr(pdf, "Typesetting", Recorded)
    pipeline.build(2024, ["vi"], None, data_dir, tmp_path)
    assert len(pids) == 1 and not _alive(pids[0])
    # one layout, begun once the notebook had written report.json and before it had finished: not a second one after
    assert [name for name, _ in sorted(events, key=lambda e: e[1])] == ["typst started", "notebook returned"]
    assert (tmp_path / "vn-integration-report-2024-vi.pdf").read_bytes().startswith(b"%PDF")


@pytest.fixture
def tiny_template(tmp_path, monkeypatch):
    """A template that prints report.json's "text": what a PDF was laid out from, read back with pypdf."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.typ").write_text('#let r = json("report.json")\n#r.at("text")\n', encoding="utf-8")
    monkeypatch.setattr(config, "TEMPLATE_DIR", templates)
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    return bundle


def _write_report(bundle, text: str) -> None:
    import json

    tmp = bundle / ".tmp.json"
    tmp.write_text(json.dumps({"edition": "2026-11-29", "text": text}), encoding="utf-8")
    os.replace(tmp, bundle / "report.json")  # whole, as pdf.write_json writes it


def _started(early, timeout: float = 20.0):
    import time

    end = time.monotonic() + timeout
    while early.started is None and time.monotonic() < end:
        time.sleep(0.01)
    assert early.started is not None, "typst was not started after report.json appeared"
    return early.started


def test_typst_starts_when_report_json_appears_and_its_pdf_is_used(tiny_template):
    from analysis.editions import pdf

    early = pdf.EarlyTypesetting(tiny_template, tiny_template / "out.pdf")
    _write_report(tiny_template, "first words")
    pid = _started(early).proc.pid
    started = early.take()
    assert started is not None and started.proc.pid == pid
    made = pdf.compile_pdf(tiny_template, tiny_template / "out.pdf", started=started)
    assert "first words" in PdfReader(made).pages[0].extract_text()


def test_a_report_json_written_again_after_typst_started_is_laid_out_again(tiny_template):
    from analysis.editions import pdf

    early = pdf.EarlyTypesetting(tiny_template, tiny_template / "out.pdf")
    _write_report(tiny_template, "first words")
    first = _started(early)
    _write_report(tiny_template, "second words")  # the notebook wrote it again
    assert early.take() is None
    assert first.proc.poll() is not None  # the outdated layout was stopped (or had ended)
    made = pdf.compile_pdf(tiny_template, tiny_template / "out.pdf", started=None)
    assert "second words" in PdfReader(made).pages[0].extract_text()


def test_a_notebook_that_wrote_no_report_json_starts_no_typst(tiny_template):
    from analysis.editions import pdf

    early = pdf.EarlyTypesetting(tiny_template, tiny_template / "out.pdf")
    early.cancel()  # the notebook failed before report.json
    _write_report(tiny_template, "too late")
    import time

    time.sleep(3 * pdf.EarlyTypesetting.POLL)
    assert early.started is None and not (tiny_template / "out.pdf").exists()


def test_typst_errors_reach_the_analyst_with_typst_s_message(tmp_path):
    """typst runs in a child process; its error comes back as the exception's message, not as a crash."""
    from analysis.editions import pdf

    (tmp_path / "report.json").write_text('{"edition": "2026-11-24"}', encoding="utf-8")  # no labels, no targets
    with pytest.raises(pdf.TypesetError) as err:
        pdf.compile_pdf(tmp_path, tmp_path / "out.pdf")
    assert "does not contain key" in str(err.value)
    assert not (tmp_path / "out.pdf").exists()


def test_notebook_says_no_data_only_for_the_target_without_figures(tmp_path, monkeypatch):
    import IPython.display

    from analysis.editions import bundle, charts, notebook_view
    from conftest import INDICATORS, TARGETS, write_dataset

    data = write_dataset(
        tmp_path / "data",
        indicators=INDICATORS + "empty_ind,economy,Chưa đo,Not measured,%,%,share,true,target,,,,,,,,\n",
        targets=TARGETS + "t_empty,empty_ind,>=,10,2030,153/NQ-CP,s1,ít nhất 10%,at least 10 %,,,,\n")
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    b = bundle.build(load(data), 2025, "en", None)  # by 2025 every fixture target has a figure
    notebook_view.show_targets(b, charts.draw(b, tmp_path / "figures"))
    texts = [getattr(o, "data", "") for o in shown]
    no_data = [i for i, t in enumerate(texts) if isinstance(t, str) and "No figure for this indicator has been collected yet" in t]
    headings = [i for i, t in enumerate(texts) if isinstance(t, str) and t.startswith("### ")]
    assert len(headings) == 4 and len(no_data) == 1
    assert "Not measured" in texts[max(h for h in headings if h < no_data[0])]  # under the empty target's heading


@pytest.mark.parametrize("years, values, lang, expected", [
    ([2019, 2024], [60, 59], "en", "60 (2019), 59 (2024)"),
    ([2019, 2021, 2024], [60, 52, 59], "vi", "60 (2019), 52 (2021), 59 (2024)"),  # TTDI: no 'up 1' over 2019-2024
])
def test_context_line_gives_every_rank_with_its_year(years, values, lang, expected):
    """A context rank never reads as a change over a span the target page does not use (TTDI: the target page
    fits 2021-2024, moving away; a change from 2019 would say 'up 1 place')."""
    import pandas as pd

    from analysis.editions.context import _context_line

    s = pd.DataFrame({"year": years, "value": values, "qualifier": [""] * len(years)})
    assert _context_line("Rank", s, "rank", lang) == "Rank: " + expected


@pytest.mark.parametrize("lang, expected", [
    ("vi", "Bộ Ngoại giao (qua TTXVN)"),
    ("en", "Ministry of Foreign Affairs (via TTXVN)"),
])
def test_a_figure_is_cited_with_its_producer_named_in_the_edition_language(lang, expected):
    from analysis.data.dataset import load
    from analysis.editions.sources import cite

    load()  # the names of the pinned data (tests/fixtures/data/producers.csv)
    assert cite("Ministry of Foreign Affairs", "TTXVN", lang) == expected
    assert cite("A producer no catalog knows", "TTXVN", lang).startswith("A producer no catalog knows (")


def test_a_missing_kernel_is_named_with_the_command_that_installs_it(data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "KERNEL_NAME", "no-such-kernel-here")
    with pytest.raises(pipeline.BuildError) as err:
        pipeline.build(2024, ["vi"], None, data_dir, tmp_path / "reports")
    assert "kernel 'no-such-kernel-here' is not installed" in str(err.value) and "make setup" in str(err.value)
    assert not (tmp_path / "reports").exists()


# ---------------------------------------------------------------- words for the engine's numbers (issue 16)

def _row(**kw):
    base = {"kind": "rank", "unit": "rank", "unit_vi": "hạng", "comparator": "<=", "target_value": 40.0,
            "target_year": 2030, "status": "insufficient_progress", "flags": "", "latest_value": 44.0,
            "latest_year": 2025, "latest_qualifier": "", "as_of_year": 2026}
    return {**base, **kw}


@pytest.mark.parametrize("pace, lang, expected", [
    (-0.4, "vi", "lên 0,4 bậc/năm"), (2.333, "vi", "xuống 2,3 bậc/năm"), (-0.4, "en", "up 0.4 places a year"),
    (0.0, "vi", "giữ nguyên thứ hạng"),
])
def test_rank_paces_in_words(pace, lang, expected):
    from analysis.editions.phrases import pace_words

    assert pace_words(pace, _row(), lang) == expected


def test_count_pace_carries_the_unit():
    from analysis.editions.phrases import pace_words

    assert pace_words(1.4, _row(kind="count", unit="countries", unit_vi="quốc gia"), "vi") == "tăng 1,4 quốc gia/năm"


def test_what_the_next_figure_needs_without_the_engine_columns():
    from analysis.editions.phrases import next_text

    # GII 44 (2025) against <= 40 by 2030: 44 + (40 - 44)/5 = 43.2, floored to 43, needed in 2026.
    assert next_text(_row(), "vi") == "hạng 43 trở lên năm 2026"
    assert next_text(_row(), "en") == "rank 43 or better in 2026"
    # "more than 194" on a count is 195 or more: 194 + (195 - 194)/5 = 194.2, ceiled to 195.
    rel = _row(kind="count", unit="countries", unit_vi="quốc gia", comparator=">", target_value=194.0,
               latest_value=194.0, status="on_track")
    assert next_text(rel, "vi") == "từ 195 quốc gia trở lên năm 2026"
    # TTDI 59 (2024), biennial: the next figure of this edition is 2026: 59 + (30 - 59) * 2/6 = 49.33 -> 49.
    assert next_text(_row(latest_value=59.0, latest_year=2024, target_value=30.0), "vi") == "hạng 49 trở lên năm 2026"
    # Rule 15 (amended): a met target asks no next figure; it shows the level to hold and its margin:
    # rank 38 against 40th or better is 40 - 38 = 2 places above the level to hold.
    assert next_text(_row(status="achieved", latest_value=38.0), "vi") == "giữ vững hạng 40 trở lên; theo số liệu năm 2025, cao hơn 2 bậc"


def test_engine_columns_win_over_the_fallback():
    from analysis.editions.phrases import next_text

    assert next_text(_row(needed_next_value=42.0, needed_next_year=2027), "en") == "rank 42 or better in 2027"
    assert next_text(_row(needed_next_value=float("nan"), needed_next_year=float("nan")), "en") == "—"


def test_a_falling_rank_is_said_to_fall_not_to_reach():
    from analysis.editions.phrases import projection_phrase

    assert projection_phrase(_row(latest_value=59.0, projected_value=72.99), "vi", "Việt Nam") == "Việt Nam xuống hạng 73"
    assert projection_phrase(_row(latest_value=59.0, projected_value=72.99), "en", "Viet Nam") == "Viet Nam falls to rank 73"
    assert projection_phrase(_row(projected_value=42.0), "vi", "Việt Nam") == "Việt Nam lên hạng 42"


def test_ranks_print_the_number_ranked_and_met_gaps_read_as_met():
    from analysis.editions.phrases import gap_text, latest_text

    assert latest_text(_row(latest_out_of=139.0), "vi") == "hạng 44/139 (2025)"
    assert gap_text(_row(gap=4.0), "vi") == "4 bậc"
    assert gap_text(_row(gap=-1.0, status="achieved"), "en") == "met, by 1 place"
    # rule 13 without the engine's target_effective: 194 against "more than 194" is 1 short, not 0
    rel = _row(kind="count", unit="countries", unit_vi="quốc gia", comparator=">", target_value=194.0,
               latest_value=194.0, gap=0.0, status="on_track")
    assert gap_text(rel, "vi") == "1 quốc gia"
    share = _row(kind="share", unit="%", unit_vi="%", comparator=">", target_value=21.0, latest_value=21.0, gap=0.0,
                 status="insufficient_data")
    assert gap_text(share, "en") == "at the threshold, not met"


def test_an_achieved_target_says_since_when_and_its_caveat():
    from analysis.editions.target_pages import explanation

    r = _row(status="achieved", latest_value=32.0, latest_year=2024, target_value=33.0, achieved_since=2020.0,
             flags="rank_noise")
    assert explanation(r, "en") == ("The latest figure (rank 32 (2024)) meets the target rank 33 or better (2030), without a "
                                    "break since 2020. Note: a difference of 3 places or less, within a ranking's usual "
                                    "year-to-year movement.")


def test_status_history_cells_read_without_colour():
    assert len(set(i18n.STATUS_SYMBOLS.values())) == len(i18n.STATUS_SYMBOLS)
    # the two greys: insufficient data dark, no data light (their lightness differs by far more than a shade)
    grey = lambda c: int(c[1:3], 16)  # noqa: E731
    assert grey(i18n.STATUS_COLOURS["no_data"]) - grey(i18n.STATUS_COLOURS["insufficient_data"]) > 80


def test_a_change_with_no_figure_of_its_year_is_said_to_come_from_the_base_year(data_dir):
    import pandas as pd

    from analysis.editions.summary import history_sentences
    from analysis.engine.scorecards import points

    ds = load(data_dir)
    # A made-up history: GII changes in 2024 (no GII figure dated 2024: the window moved) and share changes in
    # 2024 (the fixture's share figure of 2024 arrived).
    hist = pd.DataFrame({2023: ["on_track", "insufficient_data", "no_data"],
                         2024: ["moving_away", "on_track", "no_data"]},
                        index=pd.Index(["t_gii", "t_share", "t_rel"], name="target_id"))
    assert history_sentences(hist, ds, "en", points(ds, 2024)) == [
        "GII rank: from “On track” to “Moving away” in the 2024 assessment (the base year moved, no new figure).",
        "Share: from “Insufficient data” to “On track” in the 2024 assessment (a new figure)."]


def test_moving_away_says_how_much_further_not_a_negative_share():
    """TTDI by hand: base 2021 rank 52, projected rank 73 in 2030 -> 21 places further than the base year."""
    from analysis.editions.target_pages import _figures, explanation

    r = _row(status="moving_away", latest_value=59.0, latest_year=2024, baseline_year=2021, baseline_value=52.0,
             projected_value=73.0, ratio=-0.95, pace_actual=2.333, target_value=30.0, n_points=2)
    text = explanation(r, "vi", who="Việt Nam")  # who is ranked: the plan's name
    assert "Việt Nam xuống hạng 73" in text and "xa mục tiêu thêm 21 bậc so với năm gốc 2021 (hạng 52)" in text
    assert "%" not in text
    assert ["Mức độ hoàn thành dự kiến", "xa mục tiêu thêm 21 bậc so với năm gốc"] in _figures(r, "vi")


def test_an_unmet_strict_share_target_needs_to_pass_it_never_no_change():
    """GVC: 21% against 'more than 21%': the required pace is 'cần vượt 21%', the next figure 'trên 21%'."""
    from analysis.editions.phrases import next_text
    from analysis.editions.target_pages import _figures

    r = _row(kind="share", unit="%", comparator=">", target_value=21.0, status="insufficient_data",
             latest_value=21.0, latest_year=2018, pace_required_now=0.0, needed_next_value=21.0,
             needed_next_year=2026)
    rows = dict(map(tuple, _figures(r, "vi")))
    assert rows["Tốc độ cần thiết (từ số liệu mới nhất)"] == "cần vượt 21%"
    assert next_text(r, "vi") == "trên 21% năm 2026"


def test_bottom_line_says_when_every_achieved_target_carries_a_caveat():
    import pandas as pd

    from analysis.editions.summary import bottom_line

    sc = pd.DataFrame({"status": ["achieved", "achieved", "on_track"], "flags": ["rank_noise", "floor_only", ""]})
    assert bottom_line(sc, "vi") == ("Tóm tắt kết quả: trong 3 chỉ tiêu được đánh giá, 2 đã đạt (cả hai chỉ tiêu đều kèm lưu ý), "
                                     "1 có khả năng đạt.")
    sc.loc[1, "flags"] = ""
    assert bottom_line(sc, "vi") == ("Tóm tắt kết quả: trong 3 chỉ tiêu được đánh giá, 2 đã đạt (1 chỉ tiêu kèm lưu ý), "
                                     "1 có khả năng đạt.")


@pytest.mark.parametrize("lang, actual, required", [
    ("vi", "lên 0,40 bậc/năm", "lên 0,44 bậc/năm"), ("en", "up 0.40 places a year", "up 0.44 places a year")])
def test_paces_that_would_print_alike_get_a_second_decimal(lang, actual, required):
    from analysis.editions import phrases

    # GII, short window: s = -0.4 (44, 48, 46, 44, 44 in 2021-2025), r = (40 - 44) / 9 = -0.444, r_now = -0.8:
    # 'up 0.4' and 'up 0.4' side by side beside 'unlikely' reads as a contradiction, so both get two decimals.
    r = {"kind": "rank", "status": "insufficient_progress", "pace_actual": -0.4, "pace_required": -4 / 9,
         "pace_required_now": -0.8}
    assert phrases.pace_decimals(r) == 2
    assert phrases.pace_words(r["pace_actual"], r, lang, 2) == actual
    assert phrases.required_pace(r["pace_required"], r, lang, 2) == required
    # Paces that differ at one decimal keep one.
    assert phrases.pace_decimals({**r, "pace_required": -0.6}) == 1


def test_history_cells_of_years_without_a_figure_put_their_symbol_in_brackets(data_dir):
    from analysis.data.dataset import raise_for_errors
    from analysis.editions import bundle, pdf

    # The fixture's GII rank has figures for 2019, 2021 and 2023 only: as of 2024 its 2020, 2022 and 2024
    # cells carry the status of the year before, so their symbols are bracketed; 2019, 2021 and 2023 are not.
    b = bundle.build(raise_for_errors(load(data_dir)), 2024, "en", None)
    strip = pdf.history_strip(b)
    years = [int(y) for y in strip["years"]]
    gii = next(r for r in strip["rows"] if "GII" in r["indicator"])
    cell = dict(zip(years, gii["cells"]))
    for year in (2019, 2021, 2023):
        assert not cell[year]["symbol"].startswith("("), year
    for year in (2020, 2022, 2024):
        assert cell[year]["symbol"].startswith("(") and cell[year]["symbol"].endswith(")"), year


def test_without_front_matter_the_pdf_prints_none_of_it_and_no_build_code_in_its_header(built):
    _, _, pdfs = built
    for pdf in pdfs:
        reader = PdfReader(pdf)
        text = pdf_text(pdf)
        for absent in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "SOCIALIST REPUBLIC", "Nơi nhận", "Recipients", "Số:"):
            assert absent not in text, (pdf.name, absent)
        # the page header ends with the data year, not a language code
        assert all(not line.rstrip().endswith((" VI", " EN")) for page in reader.pages[1:]
                   for line in page.extract_text().splitlines()), pdf.name
        lang = pdf.stem.rsplit("-", 1)[1]
        assert reader.metadata.author == {"vi": "Theo dõi các mục tiêu hội nhập quốc tế của Việt Nam",
                                          "en": "Tracking Viet Nam's international integration targets"}[lang]


def test_front_matter_from_plan_toml_prints_number_addressees_and_signatory(tmp_path):
    from conftest import PLAN, write_dataset
    from test_plan import FULL

    data = write_dataset(tmp_path / "data")
    (data / "plan.toml").write_text(PLAN + "\n" + FULL, encoding="utf-8")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01 00:00 UTC: the edition of 01/01/2026
    try:
        [pdf] = pipeline.build(2024, ["vi"], None, data, tmp_path / "reports")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    text = " ".join(pdf_text(pdf).split())
    for present in ("Số: 123/BC-TN", "BỘ NGOẠI GIAO", "VỤ THỬ NGHIỆM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 01 tháng 01 năm 2026",
                    "Phụ lục kèm theo Công văn số 45/BNG-TN", "Nơi nhận:",
                    "Ban Chỉ đạo quốc gia về hội nhập quốc tế;", "VỤ TRƯỞNG", "Nguyễn Văn Thử"):
        assert present in text, present
    # the signature block closes the main text: after the methodology, before the appendix
    assert text.index(i18n.LABELS["vi"]["method_references"]) < text.index("Nguyễn Văn Thử") \
        < text.index(i18n.LABELS["vi"]["annex_points"])
    assert "TEST DEPARTMENT" not in text  # the en value stays in the en edition
    assert PdfReader(pdf).metadata.author == "VỤ THỬ NGHIỆM"
