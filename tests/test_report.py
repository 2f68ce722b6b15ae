"""The report as a reader gets it: localised numbers, PDF text matching the scorecard, byte-identical
rebuilds, and failures that never touch the last good PDF."""
from __future__ import annotations

import os
import subprocess
import threading

import pytest
from pypdf import PdfReader

from analysis import config, i18n, pipeline
from analysis.dataset import load
from analysis.progress import scorecard
from conftest import OBSERVATIONS


@pytest.mark.parametrize("value, lang, expected", [
    (1234.5, "vi", "1.234,5"), (1234.5, "en", "1,234.5"), (930, "vi", "930"), (-0.2, "vi", "−0,2"),
    (7.52, "vi", "7,52"), (1234567, "en", "1,234,567"), (float("nan"), "en", "—"),
])
def test_number_formats(value, lang, expected):
    assert i18n.fmt_number(value, lang) == expected


def test_every_status_and_flag_has_a_name_and_colour_in_both_languages():
    from analysis.progress import FLAGS, STATUSES

    for lang in config.LANGS:
        assert set(i18n.STATUS_NAMES[lang]) == set(STATUSES) == set(i18n.STATUS_COLOURS)
        assert set(i18n.FLAG_NAMES[lang]) == set(FLAGS)
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
    assert not list(config.BUILD_DIR.glob("stage-*")), "the staging folder must be removed"


@pytest.mark.parametrize("lang", config.LANGS)
def test_pdf_prints_the_scorecard(built, lang):
    data, _, pdfs = built
    text = pdf_text(next(p for p in pdfs if p.name.endswith(f"-{lang}.pdf")))
    ds = load(data)
    sc = scorecard(ds.observations, ds.targets, ds.kinds(), 2024)
    for row in sc.to_dict("records"):
        assert i18n.status_name(row["status"], lang) in text
    # Key figures typed in from the fixture: GII latest 50 (2023), share 19.5 (2024), 194 relations absent before 2025.
    assert "50 (2023)" in text
    assert ("19,5 (2024)" if lang == "vi" else "19.5 (2024)") in text
    assert i18n.LABELS[lang]["title"] in text.replace("\n", " ")
    if lang == "vi":
        assert "Chưa có dữ liệu" in text and "Đúng lộ trình" in text  # diacritics survive the round trip


def test_rebuild_is_byte_identical(built, tmp_path):
    data, reports, pdfs = built
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        again = pipeline.build(2024, ["vi"], None, data, tmp_path)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert again[0].read_bytes() == pdfs[0].read_bytes()
    assert (tmp_path / "figures" / "2024-vi" / "target-t_gii.svg").read_bytes() == \
           (reports / "figures" / "2024-vi" / "target-t_gii.svg").read_bytes()


def test_interrupted_build_leaves_reports_untouched(built, tmp_path, monkeypatch):
    data, _, _ = built
    old = tmp_path / "vn-integration-report-2024-vi.pdf"
    old.write_bytes(b"%PDF-1.7 previous good report")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.report.compile_pdf", interrupted)
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
        (reports / config.report_name(2024, lang)).write_bytes(b"%PDF-1.7 previous " + lang.encode())
    ran, both_started = [], threading.Barrier(2, timeout=30)

    def notebook(nb, out_nb, params, progress_bar=None):  # stands in for papermill: fast, no kernel
        ran.append(params["lang"])
        both_started.wait()  # as real notebooks, which start together and take seconds
        if params["lang"] in failing:
            raise pipeline.BuildError(f"notebook failed for {params['lang']}; the executed copy is kept at X")
        (out_nb.parent / "figures").mkdir()
        (out_nb.parent / "scorecard.csv").write_text("target_id\n")

    def pdf(bundle_dir, pdf_path):
        pdf_path.write_bytes(b"%PDF-1.7 new")
        return pdf_path

    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # the two editions at once, on any machine
    monkeypatch.setattr(pipeline, "run_notebook", notebook)
    monkeypatch.setattr("analysis.report.compile_pdf", pdf)
    with pytest.raises(pipeline.BuildError) as err:
        pipeline.build(2024, ["vi", "en"], None, data_dir, reports)
    assert sorted(ran) == ["en", "vi"]
    for lang in failing:
        assert f"{lang} edition: notebook failed for {lang}" in str(err.value)
    assert "no edition was published" in str(err.value)
    for lang in config.LANGS:
        assert (reports / config.report_name(2024, lang)).read_bytes() == b"%PDF-1.7 previous " + lang.encode()
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
        pdf = reports / config.report_name(2024, lang)
        pdf.write_bytes(previous)
        os.utime(pdf, (0, 0))  # older than the data, so make tries to rebuild
    r = subprocess.run(["make", "report", f"DATA={data}", f"REPORTS={reports}", "AS_OF=2024"],
                       cwd=config.PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode != 0
    assert "observations.csv:5: value: found '18,5'" in r.stderr
    assert all((reports / config.report_name(2024, lang)).read_bytes() == previous for lang in config.LANGS)


def test_indicator_rows_lists_every_source_and_names_unknown_ids(data_dir):
    from analysis import report

    ds = load(data_dir)
    rows = report.indicator_rows(ds, "fdi_share", "vi")
    assert rows["period"].tolist() == ["2020", "2024"]
    assert rows["Giá trị"].tolist() == ["18,5", "19,5"]
    with pytest.raises(ValueError, match="unknown indicator_id 'gii'; expected one of: fdi_share, gii_rank, relations"):
        report.indicator_rows(ds, "gii", "en")


def test_text_the_report_font_cannot_draw_is_named_not_boxed():
    assert i18n.printable("“ranks 44th”", "en") == "“ranks 44th”"
    assert i18n.printable("“Việt Nam xếp thứ 44”", "vi") == "“Việt Nam xếp thứ 44”"
    assert i18n.printable("“建交总数增至195个”", "en").startswith("(Korean/Chinese text")
