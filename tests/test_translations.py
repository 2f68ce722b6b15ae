"""data/translations/vi.csv: the vi edition quotes foreign sources in Vietnamese with a mark, falls back to the
original when a translation is stale, and the validator locates stale, unknown and malformed entries."""
from __future__ import annotations

from openpyxl import load_workbook

from analysis.__main__ import main
from analysis.data import dataset, translations
from analysis.editions import bundle
from analysis.editions.workbook import write_edition
from analysis.editions.workbook_texts import texts
from conftest import OBSERVATIONS, SOURCES, write_dataset

# s2 (WIPO, language en) gets a note; GII 2019 gets a note too.
SRC = SOURCES.replace("s2,WIPO,Global Innovation Index 2024,2024-09-26,2026-11-23,,en,",
                      "s2,WIPO,Global Innovation Index 2024,2024-09-26,2026-11-23,,en,The producer's own report.")
OBS = OBSERVATIONS.replace("gii_rank,2019,61,s2,ranks 61st,final,true,,",
                           "gii_rank,2019,61,s2,ranks 61st,final,true,Edition year 2019.,")
# Line 2: a current translation; line 3: stale (the data say "ranks 55th", the entry was made for "ranks 55");
# lines 4 and 5: notes, current.
VI = """table,key,column,original,text
observations,gii_rank|2019|s2,locator,ranks 61st,xếp hạng 61
observations,gii_rank|2021|s2,locator,ranks 55,xếp hạng 55
observations,gii_rank|2019|s2,note,Edition year 2019.,Kỳ công bố năm 2019.
sources,s2,note,The producer's own report.,Báo cáo của chính cơ quan xây dựng chỉ số.
"""


def folder(tmp_path, vi=VI):
    d = write_dataset(tmp_path / "data", sources=SRC, observations=OBS)
    (d / "translations").mkdir()
    (d / "translations" / "vi.csv").write_text(vi, encoding="utf-8")
    return d


def gii_locators(ds, lang):
    b = bundle.build(dataset.raise_for_errors(ds), 2024, lang, None)
    page = next(t for t in b.targets if t["id"] == "t_gii")
    return {p["year"]: p["locator"] for p in page["points"]}


def test_the_vi_edition_quotes_the_translation_with_its_mark_and_the_stale_one_falls_back(tmp_path):
    ds = dataset.load(folder(tmp_path))
    vi = gii_locators(ds, "vi")
    assert vi["2019"] == "“xếp hạng 61” (dịch từ bản tiếng Anh)"  # s2 is language en
    assert vi["2021"] == "“ranks 55th”"  # stale: the original as the source has it
    assert vi["2023"] == "“ranks 50th”"  # no entry
    assert gii_locators(ds, "en")["2019"] == "“ranks 61st”"  # the English edition quotes the source


def test_a_vietnamese_source_is_never_marked_as_translated(tmp_path):
    # fdi_share 2024 is quoted from s1 (language vi); an entry for it changes nothing.
    ds = dataset.load(folder(tmp_path, VI + "observations,fdi_share|2024|s1,locator,19.5%,19,5%\n"))
    row = {"indicator_id": "fdi_share", "period": "2024", "source_id": "s1", "locator": "19.5%"}
    assert translations.locator(ds, row, "vi") is None


def test_the_validator_warns_at_the_stale_and_the_unknown_line(tmp_path, capsys):
    d = folder(tmp_path, VI + "observations,gii_rank|2018|s2,locator,ranks 64th,xếp hạng 64\n")
    ds = dataset.load(d)
    shown = [str(p) for p in ds.problems if "translations" in p.file]
    assert len(shown) == 2, shown
    assert shown[0].endswith(":3: warning: original: stale: the locator of observations gii_rank|2021|s2 has "
                             "changed since it was translated; the original is printed until the text is "
                             "translated again")
    assert ":6: warning: key: unknown observations key 'gii_rank|2018|s2'" in shown[1]
    assert not ds.errors
    assert main(["validate", "--data", str(d)]) == 0  # warnings only
    out = capsys.readouterr().out
    assert "vi.csv:3: warning: original: stale" in out and "vi.csv:6: warning: key: unknown" in out


def test_a_malformed_file_is_a_located_error(tmp_path, capsys):
    bad = VI + "observations,gii_rank|2023|s2,locator,ranks 50th\n" + "glossary,s2,note,x,y\n"
    d = folder(tmp_path, bad)
    ds = dataset.load(d)
    errors = [str(p) for p in ds.errors]
    assert any(e.endswith("vi.csv:6: found 4 fields, expected 5 as in the header (a comma inside a text needs "
                          "double quotes)") for e in errors), errors
    assert any(e.endswith("vi.csv:7: table: found 'glossary': expected observations, sources or "
                          "indicators") for e in errors)
    assert main(["validate", "--data", str(d)]) == 1
    assert "vi.csv:6:" in capsys.readouterr().err


def test_a_file_without_its_header_is_an_error_at_line_1(tmp_path):
    ds = dataset.load(folder(tmp_path, "observations,gii_rank|2019|s2,locator,ranks 61st,xếp hạng 61\n"))
    assert [p.line for p in ds.errors] == [1]
    assert "expected the header table,key,column,original,text" in ds.errors[0].message


def test_the_vi_workbook_notes_are_translated_and_the_locators_kept(tmp_path):
    ds = dataset.raise_for_errors(dataset.load(folder(tmp_path)))
    T = texts("vi")
    (tmp_path / "vi").mkdir()
    (tmp_path / "en").mkdir()
    wb = load_workbook(write_edition(bundle.build(ds, 2024, "vi", None), tmp_path / "vi"))
    obs = list(wb[T["sheet.observations"]].iter_rows(values_only=True))
    head = list(obs[0])
    gii19 = next(r for r in obs[1:] if r[head.index(T["col.indicator_id"])] == "gii_rank"
                 and r[head.index(T["col.period"])] == "2019")
    assert gii19[head.index(T["col.note"])] == "Kỳ công bố năm 2019."
    # the workbook keeps the original quotation, then gives its translation, marked as the PDF marks it
    assert gii19[head.index(T["col.locator"])] == "ranks 61st\n“xếp hạng 61” (dịch từ bản tiếng Anh)"
    gii21 = next(r for r in obs[1:] if r[head.index(T["col.indicator_id"])] == "gii_rank"
                 and r[head.index(T["col.period"])] == "2021")
    assert gii21[head.index(T["col.locator"])] == "ranks 55th"  # a stale translation is not given
    src = list(wb[T["sheet.sources"]].iter_rows(values_only=True))
    s2 = next(r for r in src[1:] if r[-1] == "s2")  # the source's id: the last column
    assert s2[list(src[0]).index(T["col.note"])] == "Báo cáo của chính cơ quan xây dựng chỉ số."
    assert s2[list(src[0]).index(T["col.title"])] == "Global Innovation Index 2024"  # no rendering: the title alone
    en = load_workbook(write_edition(bundle.build(ds, 2024, "en", None), tmp_path / "en"))
    en_src = list(en[texts("en")["sheet.sources"]].iter_rows(values_only=True))
    assert next(r for r in en_src[1:] if r[-1] == "s2")[list(en_src[0]).index(texts("en")["col.note"])] == \
        "The producer's own report."


def test_the_worklist_lists_stale_and_missing_cells_and_merge_fills_them(tmp_path):
    d = folder(tmp_path)
    ds = dataset.load(d)
    todo = {(r["key"], r["column"]): r for r in translations.worklist(ds)}
    # Foreign (s2) locators: 2019 current (not listed), 2021 stale (old text given), 2023 missing (empty text).
    # Notes: the two translated ones are current; no other row or source has a note. s1 (vi) locators never listed.
    # Titles: s2's English title has no rendering yet; s1's title is Vietnamese already (never listed).
    assert set(todo) == {("gii_rank|2021|s2", "locator"), ("gii_rank|2023|s2", "locator"), ("s2", "title")}
    assert todo[("s2", "title")]["original"] == "Global Innovation Index 2024" and todo[("s2", "title")]["text"] == ""
    assert todo[("gii_rank|2021|s2", "locator")]["original"] == "ranks 55th"
    assert todo[("gii_rank|2021|s2", "locator")]["text"] == "xếp hạng 55"
    assert todo[("gii_rank|2023|s2", "locator")]["text"] == ""
    todo[("gii_rank|2023|s2", "locator")]["text"] = "xếp hạng 50"
    todo[("s2", "title")]["text"] = "Chỉ số đổi mới sáng tạo toàn cầu 2024"
    assert translations.merge(d, list(todo.values())) == 3  # the three rows now have a text
    ds = dataset.load(d)
    assert not [p for p in ds.problems if "translations" in p.file]  # the stale entry was replaced
    assert translations.worklist(ds) == []
    vi = gii_locators(ds, "vi")
    assert vi["2021"] == "“xếp hạng 55” (dịch từ bản tiếng Anh)" and vi["2023"] == "“xếp hạng 50” (dịch từ bản tiếng Anh)"
    row = ds.sources.set_index("source_id").loc["s2"].to_dict() | {"source_id": "s2"}
    assert translations.title(ds, row, "vi") == "Chỉ số đổi mới sáng tạo toàn cầu 2024"
    assert translations.title(ds, row, "en") is None  # the English edition prints the title as the source has it


def test_the_vi_workbook_gives_a_foreign_title_then_its_rendering(tmp_path):
    ds = dataset.raise_for_errors(dataset.load(folder(
        tmp_path, VI + "sources,s2,title,Global Innovation Index 2024,Chỉ số Đổi mới sáng tạo toàn cầu 2024\n")))
    (tmp_path / "vi").mkdir()
    wb = load_workbook(write_edition(bundle.build(ds, 2024, "vi", None), tmp_path / "vi"))
    src = list(wb[texts("vi")["sheet.sources"]].iter_rows(values_only=True))
    s2 = next(r for r in src[1:] if r[-1] == "s2")
    assert s2[list(src[0]).index(texts("vi")["col.title"])] == \
        "Global Innovation Index 2024 [Chỉ số Đổi mới sáng tạo toàn cầu 2024]"


def test_the_translations_file_is_parsed_once_until_it_changes(tmp_path):
    """The PDF and the workbook look up hundreds of cells: the file is parsed once, and again after an edit."""
    from analysis.data import translations

    folder = tmp_path / "translations"
    folder.mkdir()
    path = folder / "vi.csv"
    path.write_text("table,key,column,original,text\nsources,s1,note,Old note.,Ghi chú cũ.\n", encoding="utf-8")
    first = translations.read(tmp_path)
    assert translations.read(tmp_path)[0] is first[0]  # the same parse, not a second one
    path.write_text("table,key,column,original,text\nsources,s1,note,Old note.,Ghi chú mới hơn.\n",
                    encoding="utf-8")
    again = translations.read(tmp_path)
    assert again[0] is not first[0]
    assert again[0][("sources", "s1", "note")]["text"] == "Ghi chú mới hơn."
