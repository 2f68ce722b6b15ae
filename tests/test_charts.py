"""Charts are laid out on a fixed frame (plots.py), not cropped to what was drawn: check, by measuring
every drawn text, that nothing falls off the figure and that title, plot, legend and sources keep apart."""
from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from analysis import bundle, charts, dataset, plots
from conftest import INDICATORS, OBSERVATIONS, SOURCES, write_dataset


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
def test_real_charts_fit_their_frame(lang, monkeypatch, tmp_path):
    seen = _measured(monkeypatch)
    b = bundle.build(dataset.raise_for_errors(dataset.load()), 0, lang, None)
    drawn = charts.draw(b, tmp_path)
    assert len(seen) == 1 + len(drawn.targets) + len(drawn.context)
    _check(seen)


def test_wide_tick_labels_long_titles_and_many_sources_fit(monkeypatch, tmp_path):
    """Seven-digit values, a title of three lines and a source list of several lines."""
    long_name = "Chỉ số rất dài " * 9
    indicators = INDICATORS.replace("Quan hệ,Relations", f"{long_name},{long_name}")
    sources = SOURCES + "".join(f"s{i},Nhà xuất bản số {i} với tên dài,Bài viết số {i},2025-01-01,2026-11-23,,vi,\n"
                                for i in range(3, 12))
    rows = "".join(f"relations,{2010 + i},{1234567 + 1000 * i},s{3 + i},x,final,true,,,false,Producer,false\n"
                   for i in range(9))
    observations = OBSERVATIONS + rows
    folder = write_dataset(tmp_path / "data", indicators=indicators, sources=sources, observations=observations)
    seen = _measured(monkeypatch)
    for lang in ("vi", "en"):
        charts.draw(bundle.build(dataset.raise_for_errors(dataset.load(folder)), 2024, lang, None), tmp_path / lang)
    _check(seen)
    wide = [s for s in seen if s["name"] == "target-t_rel.svg"]
    assert len(wide) == 2 and all(s["title"].height > 2 * s["px_per_pt"] * 11 for s in wide)  # the long title did wrap
    assert all(s["sources"].height > 2 * s["px_per_pt"] * 6.5 for s in wide)  # so did the source line


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_reused_figure_draws_the_same_bytes_as_a_fresh_one(lang, monkeypatch, tmp_path):
    """Each chart draws on the figure the previous chart left (emptied): ranks (inverted axis, integer
    ticks), shares, counts and context charts in turn must leave nothing behind for the next."""
    b = bundle.build(dataset.raise_for_errors(dataset.load()), 0, lang, None)
    kinds = {b.ds.kinds()[t["indicator_id"]] for t in b.ds.targets.to_dict("records")}
    assert {"rank", "share", "count"} <= kinds  # the real data mix the kinds the reset must undo
    reused = charts.draw(b, tmp_path / "reused")
    monkeypatch.setattr(plots, "_recycle", lambda fig, ax: None)  # every chart on a fresh figure
    plots._spare.clear()
    fresh = charts.draw(b, tmp_path / "fresh")
    pairs = [(reused.status, fresh.status), *zip(reused.targets.values(), fresh.targets.values()),
             *zip(reused.context.values(), fresh.context.values())]
    assert len(pairs) == 1 + len(b.targets) + len(b.context)
    for a, f in pairs:
        assert a.read_bytes() == f.read_bytes(), a.name


def test_the_other_source_s_figure_is_drawn_on_a_contested_target_only(tmp_path):
    """Rule 12: where another source's figure would change the status, the chart shows it beside the selected one."""
    from analysis import i18n

    b = bundle.build(dataset.raise_for_errors(dataset.load()), 0, "en", None)
    contested = set(b.alternatives["target_id"])
    assert contested  # the real data have one (diplomatic relations: 194 selected, 195 from the portal)
    drawn = charts.draw(b, tmp_path)
    label = f"{i18n.label('other_source', 'en')} ({i18n.FLAG_MARKS['source_sensitive']})"
    for target_id, svg in drawn.targets.items():
        assert (label in svg.read_text(encoding="utf-8")) == (target_id in contested), target_id
