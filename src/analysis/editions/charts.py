"""Draw a bundle's charts (SVG) for the PDF and the notebook: the status counts, one trajectory per
target, one chart per context group. How a chart looks is plots.py; which charts, from which rows, is here."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import i18n
from ..engine.scorecards import with_grade
from . import period_plots, plots
from .bundle import Bundle
from .sources import cite


@dataclass
class Charts:
    status: Path
    targets: dict[str, Path] = field(default_factory=dict)   # target_id → SVG
    context: dict[str, Path] = field(default_factory=dict)   # context chart id → SVG
    no_chart: list[str] = field(default_factory=list)        # targets without any figure: no chart drawn


def draw(b: Bundle, figdir: Path, skip_empty: bool = False) -> Charts:
    """skip_empty: a target without any figure gets no chart; it is listed in `no_chart` and left out of
    `targets`. Without it (the callers written before), such a target keeps a chart of bare axes, so
    `targets` names every target."""
    plots.setup()
    figdir = Path(figdir)
    out = Charts(status=plots.status_counts(b.scorecard, b.lang, figdir / "status.svg"))
    ind = b.ds.indicators.set_index("indicator_id")
    points = with_grade(b.points, b.ds.observations)  # grade-C figures are ringed once the data carry grades
    for r, t in zip(b.scorecard.to_dict("records"), b.targets):
        meta = {**ind.loc[r["indicator_id"]].to_dict(), "indicator_id": r["indicator_id"]}
        p = points[points["indicator_id"] == r["indicator_id"]]
        others = _others(b.alternatives, t["id"])
        path = figdir / f"target-{t['id']}.svg"
        by_type = PERIOD_CHARTS.get(r.get("target_type"))  # a total or an average growth over a period
        if by_type is not None:
            drawn = by_type(r, p, meta, b.lang, path, _producers(p, b.lang)) if len(p) else None
        else:
            drawn = plots.trajectory(r, p, meta, b.lang, path, _producers(p, b.lang), others)
        if drawn is None:
            out.no_chart.append(t["id"])
            if not skip_empty:
                drawn = plots.bare_axes(r, meta, b.lang, path)
        if drawn is not None:
            out.targets[t["id"]] = drawn
    kinds = b.ds.kinds()
    for c in b.context:
        series = {i: points[points["indicator_id"] == i] for i in c["indicators"]}
        out.context[c["id"]] = plots.context(series, c["names"], c["title"], c["unit"], b.lang,
                                             figdir / f"context-{c['id']}.svg",
                                             _producers(pd.concat(series.values()), b.lang), kinds=kinds)
    return out


PERIOD_CHARTS = {"cumulative": period_plots.cumulative, "average_growth": period_plots.growth}

UNNAMED_PRODUCER = "not named by the source"  # observations.csv's word for a figure whose producer is not given


def _producers(points, lang: str) -> list[str]:
    """The chart's source line names who made the figures; the page lists where each was read (printing
    both lists twice filled a third of a context page). A figure whose producer is not named keeps its outlet."""
    return [cite(p, u, lang) if p == UNNAMED_PRODUCER or not p else i18n.producer_name(p, lang)
            for p, u in zip(points["producer"], points["publisher"])]


def _others(alternatives, target_id: str):
    """The other sources' figures that would change a target's status (either window), once each, by year."""
    a = alternatives[alternatives["target_id"] == target_id]
    if a.empty:
        return None
    a = a.drop_duplicates(["period", "value"])
    return a.assign(year=a["period"].astype(str).str[:4].astype(int))[["year", "value"]]
