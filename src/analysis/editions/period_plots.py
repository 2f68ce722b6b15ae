"""The chart of a target over a period (docs/methodology.md, rules C1-C6 and G1-G4), in the frame of plots.py.

A cumulative target: the running total of the yearly figures from the start of the period, against the total
needed (a straight line from 0 at the year before the period to the target total at the target year), and the
total projected from the yearly figures' trend (rule C5). An average-growth target: the yearly figures with the
path the target's growth draws from the base year's figure (y_b0 · (1 + g)^(k − b0)), the level it implies for
the target year (T*) and the projection at the actual average growth (rule G4)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .. import i18n
from . import plots
from .phrases import level_decimals


def _fmt(value, lang: str) -> str:
    return i18n.fmt_number(value, lang, level_decimals(value))


def cumulative(row: dict, points: pd.DataFrame, indicator: dict, lang: str, path: Path,
               publishers: list[str]) -> Path:
    """Running total against the total needed; the projected total when there is a pace."""
    fig, ax = plots._figure()
    X = lambda key, **kw: plots._cap(i18n.text(lang, f"target_type.{key}", **kw))  # noqa: E731
    P, Y, T = int(row["period_start"]), int(row["target_year"]), float(row["target_value"])
    pts = points[(points["year"] >= P) & (points["year"] <= Y)].sort_values("year")
    # The running total over the consecutive years from P (a missing year stops it: never counted as zero).
    years, totals, total = [P - 1], [0.0], 0.0
    for y, v in zip(pts["year"], pts["value"]):
        if int(y) != years[-1] + 1:
            break
        total += float(v)
        years.append(int(y))
        totals.append(total)
    values = [0.0, T, *totals]
    ax.plot([P - 1, Y], [0, T], color=plots.REQUIRED, linestyle=":", linewidth=1.6, zorder=1)
    running = len(years) > 1
    if running:
        ax.plot(years, totals, color=plots.ACCENT, linewidth=1.4, marker="o", markersize=5, zorder=3)
    projected = not i18n.is_missing(row.get("total_projected"))
    if projected:  # rule C5: the latest flow carried on at the pace s, never below zero, added year by year
        t, y_t, s = int(row["latest_year"]), float(row["latest_value"]), float(row["pace_actual"])
        start, run = max(t, P - 1), float(row["total_so_far"])
        ks, path_totals = [start], [run]
        for k in range(start + 1, Y + 1):
            run += max(0.0, y_t + s * (k - t))
            ks.append(k)
            path_totals.append(run)
        ax.plot(ks, path_totals, color=plots.ACCENT, linestyle="--", linewidth=1.2, zorder=2)
        values += path_totals
    ax.scatter([Y], [T], marker="*", s=160, color=i18n.STATUS_COLOURS["achieved"], zorder=4)
    lo, hi = 0.0, max(values) * 1.12 if max(values) > 0 else 1.0
    ax.set_ylim(lo, hi)
    ax.set_xlim(min(P - 1, *pts["year"].tolist()) - 0.8 if len(pts) else P - 1.8, Y + 0.8)
    plots._number_axis(ax, lang)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(plots._cap(i18n.label("year", lang)))
    ax.set_ylabel(indicator["unit_vi"] if lang == "vi" and indicator.get("unit_vi") else indicator["unit"])
    handles = [
        *([Line2D([], [], color=plots.ACCENT, marker="o", linewidth=1.4, label=X("chart_running"))] if running else []),
        *([Line2D([], [], color=plots.ACCENT, linestyle="--", label=X("chart_projected_total"))] if projected else []),
        Line2D([], [], color=plots.REQUIRED, linestyle=":", linewidth=1.6, label=X("chart_required_total")),
        Line2D([], [], color=i18n.STATUS_COLOURS["achieved"], marker="*", markersize=10, linestyle="none",
               label=X("chart_target_total", end=Y, v=i18n.fmt_number(T, lang))),
    ]
    plots._finish(fig, ax, indicator[f"name_{lang}"], plots.AXES_H_TALL, handles, publishers, lang, ncol=1)
    return plots.save(fig, path)


def growth(row: dict, points: pd.DataFrame, indicator: dict, lang: str, path: Path,
           publishers: list[str]) -> Path:
    """The yearly figures, the path of the target's growth from the base year and the level it implies."""
    fig, ax = plots._figure()
    X = lambda key, **kw: plots._cap(i18n.text(lang, f"target_type.{key}", **kw))  # noqa: E731
    L = lambda key: plots._cap(i18n.label(key, lang))  # noqa: E731
    P, Y, g = int(row["period_start"]), int(row["target_year"]), float(row["target_value"])
    b0 = P - 1
    pts = points.sort_values("year")
    plots._series_line(ax, pts, plots.ACCENT, 1.2)
    plots._markers(ax, pts, plots.ACCENT, size=30, linewidth=1.3)
    values = pts["value"].astype(float).tolist()
    implied = row.get("implied_level")
    has_level = not i18n.is_missing(implied)
    if has_level:
        y_b0 = float(row["baseline_value"])
        ks = np.arange(b0, Y + 1)
        ax.plot(ks, y_b0 * (1 + g / 100) ** (ks - b0), color=plots.REQUIRED, linestyle=":", linewidth=1.6, zorder=1)
        ax.scatter([Y], [implied], marker="*", s=160, color=i18n.STATUS_COLOURS["achieved"], zorder=4)
        values.append(float(implied))
    projected = not i18n.is_missing(row.get("projected_value")) and not i18n.is_missing(row.get("growth_actual"))
    if projected:
        t, y_t, c = int(row["latest_year"]), float(row["latest_value"]), float(row["growth_actual"])
        ks = np.arange(t, Y + 1)
        curve = y_t * (1 + c / 100) ** (ks - t)
        ax.plot(ks, curve, color=plots.ACCENT, linestyle="--", linewidth=1.2, zorder=2)
        values += curve.tolist()
    lo, hi = min(values), max(values)
    span = max(hi - lo, 0.1 * abs(hi), 1e-6)
    ax.set_ylim(lo - 0.12 * span, hi + 0.12 * span)
    first = min([b0, *pts["year"].astype(int).tolist()])
    ax.set_xlim(first - 0.8, Y + 0.8)
    plots._number_axis(ax, lang)
    ax.set_xlabel(L("year"))
    ax.set_ylabel(indicator["unit_vi"] if lang == "vi" and indicator.get("unit_vi") else indicator["unit"])
    final = pts["obs_status"] == "final" if "obs_status" in pts else pd.Series(True, index=pts.index)
    handles = [
        *([Line2D([], [], color=plots.ACCENT, marker="o", label=f"{L('observed')} ({i18n.label('final', lang)})")]
          if final.any() else []),
        *([Line2D([], [], color=plots.ACCENT, marker="o", markerfacecolor="white", linestyle="none",
                  label=L("estimate"))] if (~final).any() else []),
        *([Line2D([], [], color=plots.ACCENT, linestyle="--", label=X("chart_projected_growth"))] if projected else []),
        *([Line2D([], [], color=plots.REQUIRED, linestyle=":", linewidth=1.6, label=X("chart_required_growth")),
           Line2D([], [], color=i18n.STATUS_COLOURS["achieved"], marker="*", markersize=10, linestyle="none",
                  label=X("chart_target_growth", end=Y, v=_fmt(implied, lang)))] if has_level else []),
    ]
    plots._finish(fig, ax, indicator[f"name_{lang}"], plots.AXES_H_TALL, handles, publishers, lang, ncol=1)
    return plots.save(fig, path)
