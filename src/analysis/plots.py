"""Charts for the report: status counts, one trajectory per target, context series.

Every chart is an SVG with text as paths (no font needed by the reader), a fixed hash salt
and no date in its metadata, so the same data give byte-identical files.
"""
from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen on servers and CI
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from . import config, i18n  # noqa: E402
from .progress import STATUSES  # noqa: E402

INK, GRID, ACCENT, REQUIRED = "#1f2937", "#e5e7eb", "#1f4e79", "#8b5cf6"
# Where matplotlib would put the title anyway (no ticks or offset text above the plot); saying so
# spares it measuring the y axis on every draw to find out.
TITLE_Y = 1.0


def setup() -> None:
    sns.set_theme(style="whitegrid", rc={"grid.color": GRID})
    plt.rcParams.update({
        "font.family": "DejaVu Sans",
        # Text stays text: typst draws it with the DejaVu Sans it is given (the same font, so the same layout),
        # the PDF's chart text can be searched and copied, and drawing glyphs as paths cost a fifth of chart time.
        "svg.fonttype": "none",
        "svg.hashsalt": config.SVG_HASHSALT,
        "axes.edgecolor": "#9ca3af",
        "axes.titleweight": "bold",
        "axes.titlesize": 11,
        "axes.labelsize": 9,
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
        "legend.fontsize": 8,
        "figure.dpi": 100,
    })


def save(fig, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", bbox_inches=_tight_box(fig), metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return path


def _tight_box(fig):
    """The box bbox_inches="tight" would crop to, measured as the SVG writer measures (at 72 dpi).

    Given "tight", savefig first draws the whole figure once more only to lay it out, which costs as
    much as the real draw. Measuring directly gives the same box up to float rounding: the same
    pixels (some clip-path ids, hashes of the unrounded box, differ from the "tight" files).
    """
    from matplotlib.backends.backend_mixed import MixedModeRenderer
    from matplotlib.backends.backend_svg import RendererSVG

    dpi = fig.dpi
    w, h = fig.get_size_inches()
    try:
        fig.dpi = 72
        renderer = MixedModeRenderer(fig, w, h, dpi, RendererSVG(w * 72, h * 72, io.StringIO(), image_dpi=dpi))
        box = fig.get_tightbbox(renderer)
    finally:
        fig.dpi = dpi
    return box.padded(plt.rcParams["savefig.pad_inches"])


def _number_axis(ax, lang: str) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: i18n.fmt_number(v, lang)))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v)}"))


def _legend_and_sources(fig, ax, handles, publishers: list[str], lang: str, ncol: int = 3) -> None:
    """Legend under the axes, then the source line under the legend (placed from its drawn size)."""
    legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=ncol,
                       frameon=False, fontsize=7.5, handlelength=2.2, columnspacing=1.2)
    if not publishers:
        return
    # The legend's size needs only a renderer, not a full draw of the figure (a draw costs ~0.2 s).
    box = legend.get_window_extent(fig.canvas.get_renderer()).transformed(fig.transFigure.inverted())
    text = f"{i18n.label('sources', lang)}: " + "; ".join(dict.fromkeys(publishers))
    fig.text(0.02, box.y0 - 0.02, textwrap.fill(text, 125), fontsize=6.5, color="#6b7280", va="top", ha="left")


def _markers(ax, pts: pd.DataFrame, colour, size: float, linewidth: float) -> None:
    """Filled markers for final figures, hollow ones for estimates: one scatter for each kind, since
    every scatter costs a measuring pass when drawn (one per point made charts several times slower)."""
    final = pts["obs_status"] == "final"
    proxy = pts["proxy"].fillna(False).astype(bool) if "proxy" in pts else pd.Series(False, index=pts.index)
    for chosen, face in ((final & ~proxy, colour), (~final & ~proxy, "white")):
        if chosen.any():
            ax.scatter(pts.loc[chosen, "year"], pts.loc[chosen, "value"], s=size, color=face, edgecolor=colour,
                       linewidth=linewidth, zorder=3)
    if proxy.any():  # a proxy measures something close to the indicator, not the indicator: a hollow diamond
        ax.scatter(pts.loc[proxy, "year"], pts.loc[proxy, "value"], s=size * 1.3, marker="D", color="white",
                   edgecolor=colour, linewidth=linewidth, linestyle="--", zorder=3)


def status_counts(scorecard: pd.DataFrame, lang: str, path: Path) -> Path:
    counts = scorecard["status"].value_counts().reindex(STATUSES, fill_value=0)
    fig, ax = plt.subplots(figsize=(7.0, 2.9))
    names = [i18n.status_name(s, lang) for s in STATUSES]
    ax.barh(names, counts.values, color=[i18n.STATUS_COLOURS[s] for s in STATUSES], edgecolor="#6b7280", linewidth=0.4)
    ax.invert_yaxis()
    for y, n in enumerate(counts.values):
        ax.text(n + 0.05, y, str(n), va="center", fontsize=8, color=INK)
    ax.set_xlabel(i18n.label("count_targets", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(1, counts.max()) + 0.8)
    ax.set_title(i18n.label("status", lang) + f" ({i18n.label('window_short', lang)})", loc="left",
                 y=TITLE_Y)
    return save(fig, path)


def trajectory(row: dict, points: pd.DataFrame, indicator: dict, lang: str, path: Path,
               publishers: list[str]) -> Path:
    """Observed points (filled: final, hollow: estimate), fitted pace projected to the target year,
    the required path from the base point, and the target at its year."""
    fig, ax = plt.subplots(figsize=(7.0, 3.1))
    name = indicator[f"name_{lang}"]
    unit = indicator["unit_vi"] if lang == "vi" and indicator.get("unit_vi") else indicator["unit"]
    T, Y = row["target_value"], int(row["target_year"])
    if len(points):
        ax.plot(points["year"], points["value"], color=ACCENT, linewidth=1.2, zorder=2)
        _markers(ax, points, ACCENT, size=30, linewidth=1.3)
    if not i18n.is_missing(row.get("projected_value")):
        ax.plot([row["latest_year"], Y], [row["latest_value"], row["projected_value"]],
                color=ACCENT, linestyle="--", linewidth=1.2, zorder=2)
    if not i18n.is_missing(row.get("pace_required")):
        ax.plot([row["baseline_year"], Y], [row["baseline_value"], T], color=REQUIRED,
                linestyle=":", linewidth=1.6, zorder=1)
    ax.axhline(T, color="#9ca3af", linewidth=0.7, zorder=0)
    ax.scatter([Y], [T], marker="*", s=160, color=i18n.STATUS_COLOURS["achieved"], zorder=4)
    if indicator["kind"] == "rank":
        ax.invert_yaxis()  # a better rank is a smaller number: draw it higher
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(y=0.15)  # keep the target star and the points off the frame
    lo = min([Y, *points["year"].tolist()]) if len(points) else Y - 5
    ax.set_xlim(lo - 0.8, Y + 0.8)
    _number_axis(ax, lang)
    ax.set_xlabel(i18n.label("year", lang))
    ax.set_ylabel(unit)
    ax.set_title(textwrap.fill(name, 58), loc="left", pad=8, y=TITLE_Y)  # ~58 characters fill the plot width
    handles = [
        Line2D([], [], color=ACCENT, marker="o", label=f"{i18n.label('observed', lang)} ({i18n.label('final', lang)})"),
        Line2D([], [], color=ACCENT, marker="o", markerfacecolor="white", linestyle="none",
               label=i18n.label("estimate", lang)),
        *([Line2D([], [], color=ACCENT, marker="D", markerfacecolor="white", linestyle="none",
                  label=f"{i18n.label('proxy', lang)} ({i18n.FLAG_MARKS['proxy']})")]
          if "proxy" in points and points["proxy"].fillna(False).astype(bool).any() else []),
        Line2D([], [], color=ACCENT, linestyle="--", label=i18n.label("fitted", lang)),
        Line2D([], [], color=REQUIRED, linestyle=":", linewidth=1.6, label=i18n.label("required", lang)),
        Line2D([], [], color=i18n.STATUS_COLOURS["achieved"], marker="*", markersize=10, linestyle="none",
               label=f"{i18n.label('target_marker', lang)} {Y}: {i18n.fmt_comparator(row['comparator'])} "
                     f"{i18n.fmt_number(T, lang)}"),
    ]
    _legend_and_sources(fig, ax, handles, publishers, lang)
    return save(fig, path)


def context(series: dict[str, pd.DataFrame], names: dict[str, str], title: str, unit: str, lang: str,
            path: Path, publishers: list[str], kinds: dict[str, str] | None = None) -> Path:
    """One line per indicator; hollow markers for estimates."""
    kinds = kinds or {}
    fig, ax = plt.subplots(figsize=(7.0, 2.9))
    palette = sns.color_palette("deep", n_colors=max(3, len(series)))
    for colour, (ind, pts) in zip(palette, series.items()):
        ax.plot(pts["year"], pts["value"], color=colour, linewidth=1.3, label=names[ind])
        _markers(ax, pts, colour, size=22, linewidth=1.2)
    _number_axis(ax, lang)
    ax.set_xlabel(i18n.label("year", lang))
    ax.set_ylabel(unit)
    ax.set_title(textwrap.fill(title, 58), loc="left", pad=8, y=TITLE_Y)
    if all(kinds.get(i) in ("count", "rank") for i in series):
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if all(kinds.get(i) == "rank" for i in series):
        ax.invert_yaxis()  # better ranks higher, as in the target charts
    ncol = 1 if max(len(n) for n in names.values()) > 42 else 2
    _legend_and_sources(fig, ax, ax.get_legend_handles_labels()[0], publishers, lang, ncol=ncol)
    return save(fig, path)
