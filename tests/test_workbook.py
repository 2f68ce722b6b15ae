"""The workbook read back with openpyxl: the scorecard's values and statuses, colours, frozen headers,
filters, number formats per language, optional columns, and identical bytes on rebuild."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from analysis import i18n
from analysis.data import dataset
from analysis.editions.workbook import conflict_rows, write_workbook
from analysis.editions.workbook_texts import texts
from analysis.engine.history import dataset_history
from analysis.engine.scorecards import scorecards
from conftest import OBSERVATIONS, SOURCES, write_dataset

AS_OF = 2025
# One more figure for GII 2023 from another source, not selected: a conflict.
CONFLICT = OBSERVATIONS + "gii_rank,2023,49,s1,hạng 49,final,false,press report,,false,WIPO,false,B,\n"


def build(tmp_path, lang="vi", name="wb.xlsx", observations=CONFLICT, edition="2026-01-01", extra=None):
    ds = dataset.raise_for_errors(dataset.load(write_dataset(tmp_path / "data", observations=observations)))
    obs = ds.observations if extra is None else ds.observations.assign(**extra)
    sc = scorecards(ds, AS_OF)
    path = write_workbook(tmp_path / name, lang=lang, texts=texts(lang), scorecard=sc,
                          history=dataset_history(ds, AS_OF), observations=obs, sources=ds.sources,
                          conflicts=conflict_rows(obs), indicators=ds.indicators,
                          meta={"as_of": AS_OF, "edition": edition, "fingerprint": "abc123def456",
                                "code_version": "0.1.0+test"})
    return path, sc, ds


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def column(ws, header):
    head = [c.value for c in ws[1]]
    return head.index(header)


@pytest.fixture(scope="module")
def vi(tmp_path_factory):
    path, sc, ds = build(tmp_path_factory.mktemp("wb"))
    return load_workbook(path), sc, ds


def test_sheets_in_order_with_localised_names(vi):
    wb, _, _ = vi
    T = texts("vi")
    assert wb.sheetnames == [T[f"sheet.{k}"] for k in ("about", "scorecard", "history", "observations", "sources",
                                                          "conflicts")]
    assert wb.sheetnames[1] == "Bảng đánh giá"


def test_about_sheet_names_as_of_fingerprint_and_code_version(vi):
    wb, _, _ = vi
    T = texts("vi")
    facts = {r[0]: r[1] for r in rows(wb[T["sheet.about"]]) if r[0]}
    assert facts[T["about.as_of"]] == 2025
    assert facts[T["about.fingerprint"]] == "abc123def456"
    assert facts[T["about.code_version"]] == "0.1.0+test"
    assert facts[T["about.window_short"]] == 2020 and facts[T["about.window_long"]] == 2010
    assert facts[T["sheet.history"]] == T["about.history"]


def test_scorecard_sheet_matches_the_scorecard(vi):
    wb, sc, _ = vi
    T = texts("vi")
    ws = wb[T["sheet.scorecard"]]
    data = rows(ws)[1:]
    assert len(data) == len(sc) == 3
    at = lambda key: column(ws, T[key])  # noqa: E731
    # By pillar: politics_security (relations), economy (share), society_science (GII).
    assert [r[at("col.target_id")] for r in data] == ["t_rel", "t_share", "t_gii"]
    assert [r[at("col.pillar")] for r in data] == ["Chính trị, quốc phòng, an ninh", "Kinh tế",
                                                   "Văn hóa, xã hội, khoa học, công nghệ, giáo dục"]
    by_id = sc.set_index("target_id")
    for r in data:
        s = by_id.loc[r[at("col.target_id")]]
        assert r[at("col.latest_value")] == s["latest_value"]
        assert r[at("col.gap")] == s["gap"]
        assert r[at("col.target_year")] == s["target_year"]
        assert r[at("col.status_short")] == i18n.STATUS_NAMES["vi"][s["status"]]
        assert r[at("col.status_long")] == i18n.STATUS_NAMES["vi"][s["status_long"]]
    # By hand: GII 50 in 2023 against <= 40: gap d*(T - y) = -(40 - 50) = 10 places to climb; base 2021 (55), slope -2.5, p = 32.5,
    # R = (32.5 - 55)/(40 - 55) = 1.5 -> on track, with two points only (†).
    gii = data[2]
    assert (gii[at("col.latest_value")], gii[at("col.latest_year")], gii[at("col.gap")]) == (50, 2023, 10)
    assert gii[at("col.projected_value")] == 32.5 and gii[at("col.ratio")] == 1.5
    assert gii[at("col.status_short")] == "Có khả năng đạt"
    assert gii[at("col.flags_short")] == "† chỉ có hai năm có số liệu"
    assert gii[at("col.comparator")] == "≤"
    # Relations: 194 against > 194, one figure: insufficient data, nothing projected.
    rel = data[0]
    assert rel[at("col.status_short")] == "Chưa đủ số liệu để đánh giá" and rel[at("col.projected_value")] is None


def test_status_cells_carry_the_report_colours(vi):
    wb, sc, _ = vi
    T = texts("vi")
    ws = wb[T["sheet.scorecard"]]
    c = column(ws, T["col.status_short"]) + 1
    for row, status in zip(range(2, 5), ["insufficient_data", "on_track", "on_track"]):
        cell = ws.cell(row, c)
        assert cell.fill.fgColor.rgb == "FF" + i18n.STATUS_COLOURS[status].lstrip("#").upper()
        assert cell.font.color.rgb == "FF" + i18n.STATUS_TEXT_COLOURS[status].lstrip("#").upper()


def test_numbers_are_numbers_with_the_language_format(vi, tmp_path):
    wb, _, _ = vi
    T = texts("vi")
    ws = wb[T["sheet.scorecard"]]
    gii_gap = ws.cell(4, column(ws, T["col.gap"]) + 1)
    assert gii_gap.data_type == "n" and gii_gap.number_format == "[$-42A]+#,##0;-#,##0;0"
    share = ws.cell(3, column(ws, T["col.latest_value"]) + 1)
    assert share.value == 19.5 and share.number_format == "[$-42A]#,##0.0#"
    year = ws.cell(3, column(ws, T["col.latest_year"]) + 1)
    assert year.value == 2024 and year.number_format == "[$-42A]0"  # never 2.024
    en = load_workbook(build(tmp_path, "en")[0])
    ws = en[texts("en")["sheet.scorecard"]]
    assert ws.cell(3, column(ws, "Latest") + 1).number_format == "[$-409]#,##0.0#"
    assert en.sheetnames[1] == "Scorecard"


def test_headers_frozen_and_filters_on(vi):
    wb, sc, ds = vi
    T = texts("vi")
    # Scorecard: 25 columns and the engine's five (threshold to reach, the latest's and the base's grades, the value
    # needed next year and that year) = 30, the needed figure in words and the long-term base year = 32, and rule
    # 19's two (the release due and its month) = 34, A..AH, over 3 targets; pillar and indicator frozen (the
    # target's id is last); observations: 15 and the (required) grade = 16, A..P, over 7 figures; conflicts: 13
    # and the grade = 14, A..N, over the two GII 2023 figures.
    expected = {"scorecard": ("C2", "A1:AH4"), "history": ("C2", "A1:J4"), "observations": ("A2", "A1:P8"),
                "sources": ("B2", "A1:H3"), "conflicts": ("A2", "A1:N3")}
    for key, (pane, ref) in expected.items():
        ws = wb[T[f"sheet.{key}"]]
        assert (ws.freeze_panes, ws.auto_filter.ref) == (pane, ref), key


def test_history_sheet_one_column_per_year(vi):
    wb, _, ds = vi
    T = texts("vi")
    ws = wb[T["sheet.history"]]
    data = rows(ws)
    assert data[0][2:-1] == ["2019", "2020", "2021", "2022", "2023", "2024", "2025"]
    assert data[0][-1] == "Mã mục tiêu (dùng khi nhập số liệu)"  # the id for data entry, last
    h = dataset_history(ds, AS_OF)
    for r in data[1:]:
        assert r[2:-1] == [i18n.STATUS_NAMES["vi"][s] for s in h.loc[r[-1]]]
    # By hand, GII: one figure in 2019 and 2020 (insufficient data); from 2021 on track (p = 28 from
    # 61 and 55, R = 33/21 = 1.57); 2025 as the scorecard.
    gii = next(r for r in data if r[-1] == "t_gii")
    assert gii[2:5] == ["Chưa đủ số liệu để đánh giá", "Chưa đủ số liệu để đánh giá", "Có khả năng đạt"]
    assert ws.cell(4, 5).fill.fgColor.rgb == "FF" + i18n.STATUS_COLOURS["on_track"].lstrip("#").upper()


def test_observations_every_row_with_source_and_url(vi):
    wb, _, ds = vi
    T = texts("vi")
    ws = wb[T["sheet.observations"]]
    data = rows(ws)
    assert len(data) - 1 == len(ds.observations) == 7
    head = data[0]
    assert T["col.producer"] in head and T["col.proxy"] in head  # every row names its producer
    last = dict(zip(head, data[-1]))
    assert (last[T["col.value"]], last[T["col.selected"]], last[T["col.publisher"]]) == (49, "không", "TTXVN")
    assert last[T["col.url"]] == "https://example.org/a"
    assert ws.cell(len(data), head.index(T["col.url"]) + 1).hyperlink.target == "https://example.org/a"


def test_producer_and_proxy_columns_when_the_data_have_them(tmp_path):
    extra = {"producer": ["WIPO"] * 3 + ["MPI"] * 2 + ["MOFA", "WIPO"],
             "proxy": [False] * 6 + [True]}
    wb = load_workbook(build(tmp_path, "en", extra=extra)[0])
    ws = wb["Observations"]
    data = rows(ws)
    head = data[0]
    assert head[6:9] == ["Part-year", "Producer", "Proxy"]
    assert [r[7] for r in data[1:]] == extra["producer"]
    assert [r[8] for r in data[1:]] == ["no"] * 6 + ["yes"]
    assert ws.auto_filter.ref == "A1:P8"  # 16 columns (the grade last of the source's facts), 7 figures


def test_conflicts_are_the_periods_given_more_than_once(vi):
    wb, _, _ = vi
    T = texts("vi")
    data = rows(wb[T["sheet.conflicts"]])
    head = data[0]
    got = [(r[head.index(T["col.indicator_id"])], r[head.index(T["col.period"])], r[head.index(T["col.value"])],
            r[head.index(T["col.selected"])]) for r in data[1:]]
    assert got == [("gii_rank", "2023", 50, "có"), ("gii_rank", "2023", 49, "không")]


def test_rebuild_is_byte_identical_and_the_edition_date_is_the_only_clock(tmp_path):
    a = build(tmp_path / "a", "vi")[0].read_bytes()
    b = build(tmp_path / "b", "vi")[0].read_bytes()
    assert a == b
    c = build(tmp_path / "c", "vi", edition="2026-02-01")[0].read_bytes()
    assert c != a


def test_a_missing_text_is_named(tmp_path):
    ds = dataset.load(write_dataset(tmp_path / "data"))
    T = dict(texts("en"))
    del T["col.gap"]
    with pytest.raises(KeyError, match="'col.gap' is missing"):
        write_workbook(tmp_path / "x.xlsx", lang="en", texts=T, scorecard=scorecards(ds, AS_OF),
                       history=dataset_history(ds, AS_OF), observations=ds.observations, sources=ds.sources,
                       conflicts=conflict_rows(ds.observations), indicators=ds.indicators,
                       meta={"as_of": AS_OF, "edition": "2026-01-01", "fingerprint": "x", "code_version": "y"})


def test_both_languages_have_the_same_workbook_texts():
    assert set(texts("vi")) == set(texts("en"))
    assert texts("vi")["sheet.history"] == "Lịch sử đánh giá" and texts("en")["sheet.history"] == "Status history"


# ------------------------------------------------------------------ print layout, grades, flags, language

def printed_widths(ws) -> list[float]:
    """The stored width of every column of the sheet's print area (openpyxl groups equal neighbours)."""
    from openpyxl.utils import column_index_from_string
    last = (column_index_from_string(ws.print_area.split("!")[1].split(":")[1].split("$")[1]) if ws.print_area
            else ws.max_column)
    width = {}
    for d in ws.column_dimensions.values():
        for c in range(d.min, d.max + 1):
            width[c] = d.width
    return [width.get(c, 8.43) for c in range(1, last + 1)]


# A4 landscape is 297 mm = 841.9 pt wide; less the 0.4-inch margins each side (57.6 pt): 784.3 pt printable. At
# the least scale the layout allows (85 %), 922.7 pt of columns fit; a stored width unit prints as 5.58 pt (the
# '0' of 10-point Arial, as LibreOffice prints it): 165.3 units. 10-point text at 85 % prints at 8.5 pt.
ONE_PAGE_UNITS = 165.3


def test_every_sheet_prints_a4_landscape_legibly_with_header_and_footer(vi):
    """One page wide (fit to width, any number of pages tall) with columns that fit at 85 % or more; the
    scorecard and the status history at 85 %, cut between columns, the target named on each page."""
    wb, _, _ = vi
    T = texts("vi")
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, str(setup.paperSize)) == ("landscape", "9"), ws.title  # 9: A4
        assert ws.print_options.gridLines, ws.title
        # The edition (2026-01-01 in this build) on the left; the sheet's name and the page number on the right.
        assert ws.oddFooter.left.text == f"{T['about.title']} — ngày lập 01/01/2026", ws.title
        assert ws.oddFooter.right.text == "&A — Trang &P/&N", ws.title
        assert ws.oddFooter.right.size == 10 and ws.oddFooter.left.size == 10, ws.title
        if ws.title in (T["sheet.scorecard"], T["sheet.history"]):
            assert not ws.sheet_properties.pageSetUpPr.fitToPage and setup.scale == 85, ws.title
            assert ws.print_title_cols == "$A:$B" and ws.print_title_rows == "$1:$1", ws.title
            assert setup.pageOrder == "overThenDown", ws.title  # a band of rows left to right, then the next
            widths = printed_widths(ws)
            cuts = [2, *[b.id for b in ws.col_breaks.brk], len(widths)]
            for lo, hi in zip(cuts, cuts[1:]):  # each page: the two named columns and its own
                assert sum(widths[:2]) + sum(widths[lo:hi]) <= ONE_PAGE_UNITS, (ws.title, lo, hi)
        else:
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), ws.title  # absent width: 1 (OOXML default)
            assert sum(printed_widths(ws)) <= ONE_PAGE_UNITS, ws.title
        if ws.title != T["sheet.about"]:
            assert ws.print_title_rows == "$1:$1", ws.title  # the header row repeated on every page


def test_the_scorecard_prints_its_named_columns_and_not_its_ids(vi):
    wb, _, _ = vi
    T = texts("vi")
    ws = wb[T["sheet.scorecard"]]
    head = rows(ws)[0]
    # 34 columns, A..AH: the target's id is the last, for data entry, and out of the print area
    assert head[:3] == ["Trụ cột", "Chỉ tiêu", "Đơn vị"] and head[-1] == "Mã mục tiêu (dùng khi nhập số liệu)"
    assert ws.print_area == "'Bảng đánh giá'!$A$1:$AG$4"


def test_the_footer_escapes_an_ampersand_and_dates_the_edition_as_its_pdf_does(tmp_path):
    wb = load_workbook(build(tmp_path, "en")[0])
    ws = wb["Scorecard"]
    assert ws.oddFooter.left.text == f"{texts('en')['about.title']} — edition of 1 January 2026"
    assert ws.oddFooter.right.text == "&A — Page &P of &N"
    from analysis.editions.workbook import _footer, _Texts
    from datetime import date
    T = _Texts({"about.title": "Trade & FDI", "print.footer": "{title} {date}", "print.page": "p. {page}"}, "vi")
    assert _footer(T, date(2026, 3, 4)) == "&L&10Trade && FDI 04/3/2026&R&10&A — p. &P"  # day 4 -> 04, month 3 as is


def test_met_is_said_in_words_and_the_gap_heading_does_not_call_zero_met(vi):
    wb, sc, _ = vi
    T = texts("vi")
    ws = wb[T["sheet.scorecard"]]
    assert "≤ 0" not in T["col.gap"] and "≤ 0" not in texts("en")["col.gap"]
    data = rows(ws)[1:]
    met = [r[column(ws, T["col.met"])] for r in data]
    # relations 194 vs > 194 (insufficient data), share 19.5 vs > 21, GII 50 vs ≤ 40: none met
    assert met == ["không", "không", "không"]


def test_the_observation_sheet_shows_each_figures_grade(tmp_path):
    extra = {"grade": ["A", "A", "B", "C", "B", "A", "C"]}
    wb = load_workbook(build(tmp_path, "vi", extra=extra)[0])
    T = texts("vi")
    ws = wb[T["sheet.observations"]]
    data = rows(ws)
    at = data[0].index(T["col.grade"])
    assert [r[at] for r in data[1:]] == extra["grade"]
    # The fixture's own grades: A on the three GII rows read at WIPO (s2), B on the rest (TTXVN, s1).
    plain = load_workbook(build(tmp_path / "plain", "vi")[0])
    assert [r[at] for r in rows(plain[T["sheet.observations"]])[1:]] == ["A"] * 3 + ["B"] * 4


def test_weak_source_and_newer_flags_are_in_words_in_both_windows(tmp_path):
    ds = dataset.raise_for_errors(dataset.load(write_dataset(tmp_path / "data", observations=CONFLICT)))
    sc = scorecards(ds, AS_OF).assign(flags="proxy;weak_source", flags_long="weak_source;floor_only")
    T = texts("vi")
    path = write_workbook(tmp_path / "f.xlsx", lang="vi", texts=T, scorecard=sc, history=dataset_history(ds, AS_OF),
                          observations=ds.observations, sources=ds.sources, conflicts=conflict_rows(ds.observations),
                          indicators=ds.indicators, meta={"as_of": AS_OF, "edition": "2026-01-01", "fingerprint": "x",
                                                          "code_version": "y"})
    ws = load_workbook(path)[T["sheet.scorecard"]]
    short = rows(ws)[1][column(ws, T["col.flags_short"])]
    long = rows(ws)[1][column(ws, T["col.flags_long"])]
    assert short.startswith("◊ số liệu đại diện") and T["flag.weak_source"] in short
    assert "loại C" in T["flag.weak_source"]  # a grade is a "loại"; "hạng" is a rank
    assert long.index(T["flag.weak_source"]) < long.index(T["flag.floor_only"])
    assert "weak_source" not in short + long  # never the flag's id


def test_the_vi_workbook_has_no_english_heading(tmp_path):
    vi_wb = load_workbook(build(tmp_path, "vi", extra={"grade": ["A"] * 7})[0])
    en_wb = load_workbook(build(tmp_path / "en", "en", extra={"grade": ["A"] * 7})[0])
    for v, e in zip(vi_wb.worksheets, en_wb.worksheets):
        vi_heads = {c.value for c in v[1] if isinstance(c.value, str) and not c.value.isdigit()}
        en_heads = {c.value for c in e[1] if isinstance(c.value, str) and not c.value.isdigit()}
        assert not vi_heads & en_heads, (v.title, vi_heads & en_heads)
    sources = rows(vi_wb[texts("vi")["sheet.sources"]])
    at = sources[0].index(texts("vi")["col.language"])
    assert [r[at] for r in sources[1:]] == ["tiếng Việt", "tiếng Anh"]


def test_the_newer_engine_columns_are_shown_when_present(tmp_path):
    """INTERFACE.md: target_effective, grades, and the value needed next year (rule 15) once the engine gives them."""
    ds = dataset.raise_for_errors(dataset.load(write_dataset(tmp_path / "data", observations=CONFLICT)))
    sc = scorecards(ds, AS_OF).assign(target_effective=[40.0, 21.0, 195.0], latest_grade=["A", "C", "B"],
                                      baseline_grade=["A", "", "B"], needed_next_value=[48.0, 19.9, float("nan")],
                                      needed_next_year=[2026.0, 2026.0, float("nan")])
    T = texts("vi")
    path = write_workbook(tmp_path / "n.xlsx", lang="vi", texts=T, scorecard=sc, history=dataset_history(ds, AS_OF),
                          observations=ds.observations, sources=ds.sources, conflicts=conflict_rows(ds.observations),
                          indicators=ds.indicators, meta={"as_of": AS_OF, "edition": "2026-01-01", "fingerprint": "x",
                                                          "code_version": "y"})
    ws = load_workbook(path)[T["sheet.scorecard"]]
    data = {r[column(ws, T["col.target_id"])]: r for r in rows(ws)[1:]}
    at = lambda key: column(ws, T[key])  # noqa: E731
    assert data["t_rel"][at("col.target_effective")] == 195 and data["t_share"][at("col.latest_grade")] == "C"
    assert data["t_gii"][at("col.needed_next_value")] == 48 and data["t_gii"][at("col.needed_next_year")] == 2026
    assert data["t_rel"][at("col.needed_next_value")] is None


def test_the_history_sheet_greys_the_proxy_years_the_pdf_greys(tmp_path):
    # fdi_share: 18.5 (2020) and a proxy 19.5 (2024): from 2024 the latest figure is the proxy, so the PDF greys
    # 2024 and 2025 with ◊; the workbook's history writes the same years as proxy years, the others as statuses.
    from analysis.data import dataset
    from analysis.editions import bundle, pdf
    from analysis.editions.workbook import _history_as_printed
    from conftest import OBSERVATIONS, write_dataset

    obs = OBSERVATIONS.replace("fdi_share,2024,19.5,s1,19.5%,final,true,,,false,General Statistics Office,false,B,",
                              "fdi_share,2024,19.5,s1,19.5%,final,true,,,false,General Statistics Office,true,B,")
    b = bundle.build(dataset.load(write_dataset(tmp_path / "d", observations=obs)), 2025, "vi")
    h = _history_as_printed(b)
    assert {y for y in h.columns if h.at["t_share", y] == "proxy"} == {2024, 2025}
    assert {(i, y) for i, y in pdf.proxy_years(b) if i == "fdi_share"} == {("fdi_share", 2024), ("fdi_share", 2025)}
    assert h.at["t_share", 2023] != "proxy"


# ------------------------------------------------------------------ the workbook a ministry can annex

LEAD_SOURCES = SOURCES + ("s3,GitHub: someone/sdr (personal project),Copy of the SDR database,2026-09,2026-11-23,"
                          "https://github.com/someone/sdr,en,A personal copy of the database.,personal,\n")
LEAD_PUBLISHERS = ("publisher,name_vi,name_en\nTTXVN,Thông tấn xã Việt Nam (TTXVN),Vietnam News Agency\n"
                   "WIPO,WIPO,WIPO\nGitHub: someone/sdr (personal project),bản sao trên trang cá nhân,"
                   "a copy on a personal page\n")
LEAD_OBSERVATIONS = OBSERVATIONS + "gii_rank,2024,47,s3,rank 47,final,false,Not selected: a personal copy.,,false,WIPO,false,C,\n"


def test_a_personal_repository_is_a_lead_not_a_source(tmp_path):
    """Rule 14: a personal page or repository is not listed among the sources, nor its figure among the
    figures; the leads sheet says, in its title, that nothing there is used for any status."""
    ds = dataset.raise_for_errors(dataset.load(write_dataset(
        tmp_path / "data", sources=LEAD_SOURCES, observations=LEAD_OBSERVATIONS, publishers=LEAD_PUBLISHERS)))
    path = write_workbook(tmp_path / "wb.xlsx", lang="vi", texts=texts("vi"), scorecard=scorecards(ds, AS_OF),
                          history=dataset_history(ds, AS_OF), observations=ds.observations, sources=ds.sources,
                          conflicts=conflict_rows(ds.observations), indicators=ds.indicators,
                          meta={"as_of": AS_OF, "edition": "2026-01-01", "fingerprint": "x", "code_version": "y"})
    wb = load_workbook(path)
    assert wb.sheetnames[-1] == "Đầu mối chưa kiểm chứng"
    sources = rows(wb["Nguồn"])
    assert [r[-1] for r in sources[1:]] == ["s1", "s2"]  # the lead s3 is not among them
    assert not any("GitHub" in str(c) or "cá nhân" in str(c) for r in sources for c in r[:-1])
    # the publisher as the Vietnamese edition names it, first; the source's id last, for data entry
    assert sources[0][0] == "Cơ quan công bố" and sources[1][0] == "Thông tấn xã Việt Nam (TTXVN)"
    assert sources[0][-1] == "Mã nguồn (dùng khi nhập số liệu)"
    figures = rows(wb["Số liệu"])
    assert len(figures) - 1 == 6 and "s3" not in [r[-1] for r in figures]  # the 6 figures read in s1 and s2
    leads = rows(wb["Đầu mối chưa kiểm chứng"])
    assert leads[0][0] == "Đầu mối chưa kiểm chứng — không dùng cho đánh giá"
    head, lead = leads[1], dict(zip(leads[1], leads[2]))
    assert len(leads) == 3 and head[-1] == "Mã nguồn (dùng khi nhập số liệu)" and lead[head[-1]] == "s3"
    assert lead["Cơ quan công bố"] == "bản sao trên trang cá nhân"
    assert lead["Số liệu đọc được tại đầu mối (không sử dụng)"] == "Xếp hạng GII, 2024: 47 hạng"
    ws = wb["Đầu mối chưa kiểm chứng"]
    assert ws.print_title_rows == "$1:$2" and ws.freeze_panes == "A3"  # the title and the header on every page
    about = {r[0]: r[1] for r in rows(wb["Giới thiệu"]) if r[0]}
    assert about["Đầu mối chưa kiểm chứng"] == texts("vi")["about.leads"]


def test_the_vietnamese_sheets_open_on_words_and_keep_ids_last(vi):
    """No sheet a reader opens starts with an id: each id column is last, named for data entry, and out of
    the print area."""
    wb, _, _ = vi
    ids = {"Mã mục tiêu (dùng khi nhập số liệu)", "Mã chỉ tiêu (dùng khi nhập số liệu)",
           "Mã nguồn (dùng khi nhập số liệu)"}
    expected_first = {"Bảng đánh giá": "Trụ cột", "Lịch sử đánh giá": "Trụ cột", "Số liệu": "Chỉ tiêu",
                      "Nguồn": "Cơ quan công bố", "Chênh lệch nguồn": "Chỉ tiêu"}
    for name, first in expected_first.items():
        ws = wb[name]
        head = rows(ws)[0]
        assert head[0] == first, name
        tech = [i for i, h in enumerate(head) if h in ids]
        assert tech and tech == list(range(len(head) - len(tech), len(head))), name  # the ids, and only last
        assert all("_" not in str(h) for h in head), name  # no id among the headers
        printed = ws.print_area.split(":")[-1].strip("$").split("$")[0]
        from openpyxl.utils import column_index_from_string
        # printed: every column but the ids, and on the figures' sheet the address (the sources sheet prints it)
        on_screen = len(tech) + (name == "Số liệu")
        assert column_index_from_string(printed) == len(head) - on_screen, name
        assert name != "Số liệu" or head[-3] == "Đường dẫn (URL)"
    ws = wb["Số liệu"]
    assert all(r[0] in ("Xếp hạng GII", "Tỷ lệ", "Quan hệ") for r in rows(ws)[1:])  # names, not ids
