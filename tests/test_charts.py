"""Charts are laid out on a fixed frame (plots.py), not cropped to what was drawn: check, by measuring
every drawn text, that nothing falls off the figure and that title, plot, legend and sources keep apart."""
from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from analysis.data import dataset
from analysis.editions import bundle, charts, plots
from conftest import INDICATORS, OBSERVATIONS, SOURCES, write_dataset



@pytest.fixture(scope="module")
def real_drawn():
    return {}  # language -> (bundle, charts), filled by drawn()


@pytest.fixture
def drawn(real_drawn, real_edition, tmp_path_factory):
    """(bundle, charts) of the real data's latest edition in a language, drawn once a module the usual way (every
    target, no PNG): the tests that only read the charts share it instead of drawing 19 charts each."""
    def get(lang: str):
        if lang not in real_drawn:
            b = real_edition(0, lang)[1]
            real_drawn[lang] = (b, charts.draw(b, tmp_path_factory.mktemp(f"drawn-{lang}")))
        return real_drawn[lang]

    return get

def _measured(monkeypatch) -> list[dict]:
    """Replace plots.save so that each figure is measured (drawn with a renderer) before it is written."""
    seen = []
    real_save = plots.save

    def measuring_save(fig, path, **kw):
        renderer = FigureCanvasAgg(fig).get_renderer()  # the figures are made outside pyplot, without a canvas
        fig.draw(renderer)
        ax = fig.axes[0]
        legend = ax.get_legend()
        texts = [t for t in fig.texts if t.get_text()]
        title = next(t for t in ax.get_children()  # the title is left-aligned: not ax.title
                     if isinstance(t, Text) and t.get_text() and t.get_text() == ax.get_title(loc="left"))
        seen.append({
            "name": path.name,
            "px_per_pt": fig.dpi / 72,
            "figure": fig.bbox.frozen(),  # the figure is reused, so its live bbox would change
            "whole": fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans),
            "title": title.get_window_extent(renderer),
            "plot": ax.get_window_extent(renderer).frozen(),
            "axis": ax.get_tightbbox(renderer, bbox_extra_artists=[]),  # plot, tick labels, axis labels
            "xlabel": ax.xaxis.label.get_window_extent(renderer),
            "legend": legend.get_window_extent(renderer) if legend else None,
            "sources": texts[0].get_window_extent(renderer) if texts else None,
        })
        return real_save(fig, path, **kw)

    monkeypatch.setattr(plots, "save", measuring_save)
    return seen


def _check(seen: list[dict]) -> None:
    assert seen
    for s in seen:
        fig, whole = s["figure"], s["whole"]
        where = s["name"]
        # nothing drawn outside the figure (it would be cut off in the SVG)
        assert whole.x0 >= fig.x0 - 0.5 and whole.y0 >= fig.y0 - 0.5, where
        assert whole.x1 <= fig.x1 + 0.5 and whole.y1 <= fig.y1 + 0.5, where
        assert s["title"].y0 >= s["plot"].y1, where
        if s["legend"] is not None:
            assert s["legend"].y1 <= s["xlabel"].y0, where
            assert s["legend"].x0 >= fig.x0 and s["legend"].x1 <= fig.x1, where
        if s["sources"] is not None:
            below = s["legend"].y0 if s["legend"] is not None else s["axis"].y0
            assert s["sources"].y1 <= below, where
    widths = {round(s["figure"].width, 3) for s in seen}
    assert len(widths) == 1  # one width: typst scales every chart alike


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_real_charts_fit_their_frame(lang, monkeypatch, tmp_path, real_edition):
    seen = _measured(monkeypatch)
    b = real_edition(0, lang)[1]
    drawn = charts.draw(b, tmp_path)
    assert len(seen) == 1 + len(drawn.targets) + len(drawn.context)
    _check(seen)


def test_wide_tick_labels_long_titles_and_many_sources_fit(monkeypatch, tmp_path):
    """Seven-digit values, a title of three lines and a source list of several lines."""
    long_name = "Chỉ số rất dài " * 9
    indicators = INDICATORS.replace("Quan hệ,Relations", f"{long_name},{long_name}")
    sources = SOURCES + "".join(f"s{i},Nhà xuất bản số {i} với tên dài,Bài viết số {i},2025-01-01,2026-11-23,,vi,,national,\n"
                                for i in range(3, 12))
    # Each figure from its own producer: the chart's source line names producers (and grows to several lines).
    rows = "".join(f"relations,{2010 + i},{1234567 + 1000 * i},s{3 + i},x,final,true,,,false,"
                   f"Cơ quan sản xuất số liệu số {i} với tên dài,false,B,\n" for i in range(9))
    observations = OBSERVATIONS + rows
    folder = write_dataset(tmp_path / "data", indicators=indicators, sources=sources, observations=observations)
    seen = _measured(monkeypatch)
    for lang in ("vi", "en"):
        charts.draw(bundle.build(dataset.raise_for_errors(dataset.load(folder)), 2024, lang, None), tmp_path / lang)
    _check(seen)
    wide = [s for s in seen if s["name"] == "target-t_rel.svg"]
    assert len(wide) == 2 and all(s["title"].height > 2 * s["px_per_pt"] * 11 for s in wide)  # the long title did wrap
    assert all(s["sources"].height > 2 * s["px_per_pt"] * 7.5 for s in wide)  # so did the source line


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_reused_figure_draws_the_same_bytes_as_a_fresh_one(lang, monkeypatch, tmp_path, drawn):
    """Each chart draws on the figure the previous chart left (emptied): ranks (inverted axis, integer
    ticks), shares, counts and context charts in turn must leave nothing behind for the next."""
    b, reused = drawn(lang)
    kinds = {b.ds.kinds()[t["indicator_id"]] for t in b.ds.targets.to_dict("records")}
    assert {"rank", "share", "count"} <= kinds  # the real data mix the kinds the reset must undo
    monkeypatch.setattr(plots, "_recycle", lambda fig, ax: None)  # every chart on a fresh figure
    plots._spare.clear()
    fresh = charts.draw(b, tmp_path / "fresh")
    pairs = [(reused.status, fresh.status), *zip(reused.targets.values(), fresh.targets.values()),
             *zip(reused.context.values(), fresh.context.values())]
    assert len(pairs) == 1 + len(b.targets) + len(b.context)
    for a, f in pairs:
        assert a.read_bytes() == f.read_bytes(), a.name


def test_the_other_source_s_figure_is_drawn_on_a_contested_target_only(drawn):
    """Rule 12: where another source's figure would change the status, the chart shows it beside the selected one."""
    from analysis import i18n

    b, made = drawn("en")
    contested = set(b.alternatives["target_id"])
    assert contested  # the real data have one (diplomatic relations: 194 selected, 195 from the portal)
    label = f"{plots._cap(i18n.label('other_source', 'en'))} ({i18n.FLAG_MARKS['source_sensitive']})"
    for target_id, svg in made.targets.items():
        assert (label in svg.read_text(encoding="utf-8")) == (target_id in contested), target_id


# ------------------------------------------------------------------ what a target chart shows (review item 22)

def _row(**kw) -> dict:
    """A scorecard row with nothing fitted and no required path, unless given."""
    row = {"target_value": 194.0, "target_year": 2030, "comparator": ">", "projected_value": float("nan"),
           "pace_required": float("nan"), "latest_year": 2025, "latest_value": 194.0,
           "baseline_year": 2021, "baseline_value": 189.0}
    return {**row, **kw}


COUNT = {"name_vi": "Quan hệ", "name_en": "Relations", "unit": "countries", "unit_vi": "quốc gia", "kind": "count"}


def _points(years, values, status="final", **extra):
    import pandas as pd

    return pd.DataFrame({"year": years, "value": values, "obs_status": status, "proxy": False, **extra})


def _captured(monkeypatch) -> list:
    """The axes of every chart, as they are when saved."""
    seen = []
    real_save = plots.save

    def keep(fig, path, **kw):
        ax = fig.axes[0]
        legend = ax.get_legend()
        seen.append({"yticks": [t for t in ax.get_yticks() if min(ax.get_ylim()) <= t <= max(ax.get_ylim())],
                     "ylim": sorted(ax.get_ylim()),
                     "legend": [t.get_text() for t in legend.get_texts()] if legend else [],
                     "lines": [(list(map(float, ln.get_xdata())),
                                # a custom dash reads back as "--": the faint line across a gap is told by its alpha
                                "gap" if (ln.get_alpha() or 1) < 1 else ln.get_linestyle()) for ln in ax.lines
                               if ln.get_xdata()[0] > 1]})  # not the target's axhline (axes coordinates 0 to 1)
        return real_save(fig, path, **kw)

    monkeypatch.setattr(plots, "save", keep)
    return seen


def test_a_target_without_figures_gets_no_chart(tmp_path):
    plots.setup()
    assert plots.trajectory(_row(), _points([], []), COUNT, "vi", tmp_path / "x.svg", []) is None
    assert not (tmp_path / "x.svg").exists()


def test_draw_leaves_out_a_target_without_figures_only_when_asked(tmp_path, drawn):
    b, kept = drawn("vi")  # drawn as callers written before the flag draw: a chart for every target
    empty = [t["id"] for t in b.targets if not t["points"]]
    assert empty == ["t_innovating_enterprises"]  # the real data: no public figure yet
    skipped = charts.draw(b, tmp_path / "a", skip_empty=True)
    assert skipped.no_chart == empty and set(skipped.targets) == {t["id"] for t in b.targets} - set(empty)
    assert not (tmp_path / "a" / "target-t_innovating_enterprises.svg").exists()
    assert kept.no_chart == empty and set(kept.targets) == {t["id"] for t in b.targets}


def test_legend_names_only_what_is_drawn_capitalised(monkeypatch, tmp_path):
    from analysis import i18n

    seen = _captured(monkeypatch)
    plots.setup()
    plots.trajectory(_row(), _points([2023, 2024, 2025], [193, 194, 194]), COUNT, "vi", tmp_path / "a.svg", [])
    legend = seen[-1]["legend"]
    assert legend[0] == "Số liệu thực tế (chính thức)"  # the official wording (catalog label "observed")
    assert not any(e.lower().startswith(i18n.label("estimate", "vi")) for e in legend)  # every figure is final
    assert i18n.label("fitted", "vi") not in legend and i18n.label("required", "vi") not in legend
    assert legend[-2] == "Mục tiêu 2030: trên 194"  # in words, no sign
    plots.trajectory(_row(projected_value=201.4, pace_required=0.56),
                     _points([2023, 2025], [193, 194], status=["final", "estimate"]), COUNT, "vi",
                     tmp_path / "b.svg", [])
    legend = seen[-1]["legend"]
    assert "Ước tính" in legend  # capitalised, though the catalog's word is lower case (a table word too)
    assert i18n.label("fitted", "vi") in legend and i18n.label("required", "vi") in legend
    assert all(e[:1] == e[:1].upper() for e in legend)


def test_count_and_rank_axes_have_whole_number_ticks(monkeypatch, tmp_path):
    seen = _captured(monkeypatch)
    plots.setup()
    # 189 → 194: matplotlib's own ticks would be 187.5, 190, 192.5 …
    plots.trajectory(_row(), _points([2021, 2022, 2023], [189, 190, 193]), COUNT, "vi", tmp_path / "a.svg", [])
    rank = {**COUNT, "kind": "rank"}
    plots.trajectory(_row(target_value=40.0, comparator="<=", latest_value=44.0),
                     _points([2021, 2022, 2023], [44, 48, 46]), rank, "vi", tmp_path / "b.svg", [])
    for s in seen:
        assert s["yticks"] and all(float(t).is_integer() for t in s["yticks"]), s["yticks"]


def test_the_line_is_dotted_across_missing_years(monkeypatch, tmp_path):
    from analysis import i18n

    seen = _captured(monkeypatch)
    plots.setup()
    plots.trajectory(_row(), _points([2016, 2021, 2022], [185, 189, 190]), COUNT, "vi", tmp_path / "a.svg", [])
    lines = seen[-1]["lines"]
    solid = [x for x, style in lines if style == "-"]
    dotted = [x for x, style in lines if style == "gap"]
    assert solid == [[2016.0], [2021.0, 2022.0]]  # no solid stroke from 2016 to 2021
    assert dotted == [[2016.0, 2021.0]]
    assert i18n.text("vi", "explore.chart_gap") in seen[-1]["legend"]
    plots.trajectory(_row(), _points([2020, 2021, 2022], [188, 189, 190]), COUNT, "vi", tmp_path / "b.svg", [])
    assert [x for x, style in seen[-1]["lines"] if style == "-"] == [[2020.0, 2021.0, 2022.0]]
    assert i18n.text("vi", "explore.chart_gap") not in seen[-1]["legend"]


def test_a_value_on_the_target_leaves_room_on_the_side_that_meets_it():
    # GVC: 21 % against "> 21": one point, the target on it. Worked by hand: the span is at least
    # 10 % of the target (2.1), centred on 21 (19.95 to 22.05), widened by 12 % of it each side
    # (0.252): 19.698 to 22.302; the met side (above) already has 0.25 × 2.1 = 0.525 of room.
    lo, hi, up = plots._target_room([21.0, 21.0], 21.0, ">", whole=False)
    assert up and lo == pytest.approx(19.698) and hi == pytest.approx(22.302)
    # A rank better than 40 sought, values 44 to 48: the met side is below 40 (drawn on top once inverted).
    lo, hi, up = plots._target_room([44.0, 48.0, 40.0], 40.0, "<=", whole=True)
    # span max(8, 4, 4) = 8 around 44: 40 to 48, ± 0.96: 39.04 to 48.96; room below 40: 40 − 2 = 38.
    assert not up and lo == pytest.approx(38.0) and hi == pytest.approx(48.96)


def test_grade_c_figures_are_ringed_only_when_the_data_carry_a_grade(monkeypatch, tmp_path):
    from analysis import i18n

    seen = _captured(monkeypatch)
    plots.setup()
    weak = i18n.text("en", "explore.chart_grade_c")
    plots.trajectory(_row(), _points([2024, 2025], [194, 194], grade=["A", "C"]), COUNT, "en", tmp_path / "a.svg", [])
    assert weak in seen[-1]["legend"]
    plots.trajectory(_row(), _points([2024, 2025], [194, 194], grade=["A", "B"]), COUNT, "en", tmp_path / "b.svg", [])
    assert weak not in seen[-1]["legend"]
    plots.trajectory(_row(), _points([2024, 2025], [194, 194]), COUNT, "en", tmp_path / "c.svg", [])  # no grade column
    assert weak not in seen[-1]["legend"]


def test_slide_pngs_are_drawn_on_demand_wide_and_stamped_and_the_svg_does_not_change(tmp_path, drawn):
    import matplotlib.pyplot as plt
    from PIL import Image

    import dataclasses

    b, full = drawn("vi")
    assert not list(full.status.parent.glob("*.png"))  # the report build draws no PNG
    # Each kind of chart (status, target, context) on a few charts: rendering all 19 at 300 dpi takes seconds,
    # and `python -m analysis slides` makes them all in test_cli.
    few = dataclasses.replace(b, scorecard=b.scorecard.iloc[:3], targets=b.targets[:3], context=b.context[:2])
    plain = charts.draw(few, tmp_path / "a")
    plots._spare.clear()
    with plots.slide_pngs("stamp"):
        slides = charts.draw(few, tmp_path / "b")
    assert len(slides.targets) == 3 and len(slides.context) == 2
    for a, f in zip([plain.status, *plain.targets.values(), *plain.context.values()],
                    [slides.status, *slides.targets.values(), *slides.context.values()]):
        assert a.read_bytes() == f.read_bytes(), a.name  # the SVG is the same with or without its PNG
        png = f.with_suffix(".png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png.name
        # 460 pt at 300 dpi: 460 / 72 * 300 = 1916.7 px, a full-width slide
        assert Image.open(png).width == 1916, png.name
    fig = plt.figure()  # outside slide_pngs again: a chart saved gets no PNG
    fig.add_subplot()
    plots.save(fig, tmp_path / "c" / "after.svg", reuse=False)
    plt.close(fig)
    assert (tmp_path / "c" / "after.svg").exists() and not list((tmp_path / "c").glob("*.png"))


def test_a_floor_is_drawn_with_a_caret_and_named_in_the_legend(monkeypatch, tmp_path):
    from analysis import i18n

    seen = _captured(monkeypatch)
    plots.setup()
    floor = i18n.text("vi", "explore.chart_floor")
    pts = _points([2015, 2023, 2025], [70, 70, 70]).assign(qualifier=[">", "", ">"])
    plots.trajectory(_row(target_value=70.0, latest_value=70.0), pts, COUNT, "vi", tmp_path / "a.svg", [])
    assert floor in seen[-1]["legend"]
    plots.trajectory(_row(), _points([2024, 2025], [193, 194]).assign(qualifier=["", ""]), COUNT, "vi",
                     tmp_path / "b.svg", [])
    assert floor not in seen[-1]["legend"] and i18n.text("vi", "explore.chart_ceiling") not in seen[-1]["legend"]


def test_the_chart_source_line_names_producers_not_every_outlet(drawn):
    svg = drawn("vi")[1].context["partners"].read_text(encoding="utf-8")
    assert "Nguồn: Bộ Ngoại giao" in svg
    assert "(qua " not in svg  # the outlets are listed under the page's bullets, once


def test_the_star_stands_at_the_effective_target_when_the_engine_gives_one(monkeypatch, tmp_path):
    """Rule 13: "> 194" on a count is met at 195, so 194 does not sit on the star."""
    stars = []
    real_save = plots.save

    def keep(fig, path, **kw):
        stars.extend(tuple(map(float, o)) for c in fig.axes[0].collections for o in c.get_offsets() if o[0] == 2030)
        return real_save(fig, path, **kw)

    monkeypatch.setattr(plots, "save", keep)
    plots.setup()
    pts = _points([2024, 2025], [194, 194])
    plots.trajectory(_row(target_effective=195.0), pts, COUNT, "vi", tmp_path / "a.svg", [])
    assert stars == [(2030.0, 195.0)]
    stars.clear()
    plots.trajectory(_row(), pts, COUNT, "vi", tmp_path / "b.svg", [])  # today's engine: no such column
    assert stars == [(2030.0, 194.0)]


def test_the_met_zone_of_a_whole_number_target_starts_half_a_unit_before_the_first_value_meeting_it(tmp_path, monkeypatch):
    """S3-24: '> 194' is met from 195 (rule 13): the zone's edge is 194.5, so 194 lies outside it and 195 inside."""
    plots.setup()
    spans = []
    real_save = plots.save

    def keep(fig, path, **kw):  # the shaded zone is the axes' one patch: its lower and upper edge
        spans.extend(sorted((p.get_y(), p.get_y() + p.get_height())) for p in fig.axes[0].patches)
        return real_save(fig, path, **kw)

    monkeypatch.setattr(plots, "save", keep)
    row = _row(comparator=">", target_value=194.0, target_effective=195.0, latest_value=194.0, latest_year=2025)
    plots.trajectory(row, _points([2021, 2025], [189, 194]), COUNT, "vi", tmp_path / "r.svg", [])
    assert spans and spans[0][0] == 194.5
