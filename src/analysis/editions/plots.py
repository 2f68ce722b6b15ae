"""Charts for the report: status counts, one trajectory per target, context series.

Every chart is an SVG with its text as text (typst draws it in the DejaVu Sans it was laid out in), a
fixed hash salt and no date in its metadata, so the same data give byte-identical files.
"""
from __future__ import annotations

from contextlib import contextmanager

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no screen on servers and CI
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from .. import config, i18n  # noqa: E402
from . import text_metrics, theme  # noqa: E402
from ..engine.terms import STATUSES  # noqa: E402

INK, GRID, ACCENT, REQUIRED, OTHER = "#1f2937", "#e5e7eb", "#1f4e79", "#8b5cf6", "#b45309"
HYPOTHETICAL = "#db2777"  # a scenario's hypothetical figure (notebooks/scenario.ipynb): a colour no real figure takes
WEAK, MET_ZONE = "#dc2626", "#16a34a"  # ring around a grade-C figure; the shade of the side that meets the target
GAP_STYLE = (0, (1, 2.5))  # sparse dots: the line across years without a figure (not the required path's ":")

# Every chart is laid out on a fixed frame, in points (1/72 in), instead of being measured and cropped
# ("tight" bounding box): the same width everywhere, so typst scales every chart alike, and the room
# around the plot follows from what is there (title lines, tick labels, legend rows, source lines).
# Measuring every text of a chart to crop it cost as much as drawing it.
WIDTH = 460.0            # the figure's width
RIGHT = 12.0             # room right of the plot (the last year's tick label)
EDGE = 6.0               # blank margin at the figure's top, left and bottom
TITLE_PAD = 8.0          # title baseline above the plot
BELOW_AXIS = 34.0        # tick labels and the axis label under the plot, down to the legend
# Text sizes under the plot: a chart prints at its drawn size or a little larger (typst fits WIDTH to the
# text width, 493 pt on A4), so no chart text is under 8 pt on paper.
LEGEND_SIZE = 8.0
SOURCE_SIZE = 7.5
LEGEND_ROW = 12.0        # one legend row (8 pt text, labelspacing 0.5)
LEGEND_PAD = 5.0         # the legend's own padding, top and bottom together
SOURCE_GAP = 4.0         # between the legend and the source line
SOURCE_LINE = 9.0        # one line of the 7.5 pt source text
TITLE_LINE = 13.2        # one line of the 11 pt title
AXES_H_TALL = 105.0      # the plot's height in a target chart (a target page's text, chart and table fit one page)
AXES_H_SHORT = 161.0     # in the status and context charts


def setup() -> None:
    text_metrics.remember()  # each text measured once per process, not once per chart
    theme.apply({"grid.color": GRID})  # seaborn's whitegrid theme, without importing seaborn
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


# Creating a figure's axes and their ticks is about a third of a chart's time, so a saved chart's figure
# is emptied of what it drew and handed to the next chart (tests check the SVGs are byte for byte those
# of fresh figures). The status chart, whose y axis holds categories, always gets a fresh one.
_spare: list = []


def _figure(reuse: bool = True):
    """A figure and its axes, outside pyplot: nothing to register or close, nothing pops up in a notebook."""
    from matplotlib.figure import Figure

    if reuse and _spare:
        return _spare.pop()
    fig = Figure()
    return fig, fig.add_subplot()


def _recycle(fig, ax) -> None:
    """Take back everything a chart function sets, leaving the axes as new; keep the figure for reuse."""
    from matplotlib.ticker import AutoLocator, ScalarFormatter

    for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *fig.texts]:
        artist.remove()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.set_title("", loc="left")
    ax.set_xlabel("")
    ax.set_ylabel("")
    if ax.yaxis_inverted():
        ax.invert_yaxis()
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(AutoLocator())
        axis.set_major_formatter(ScalarFormatter())
    ax.set_prop_cycle(None)
    ax.margins(plt.rcParams["axes.xmargin"], plt.rcParams["axes.ymargin"])
    ax.relim()
    ax.set_autoscale_on(True)
    _spare[:] = [(fig, ax)]


# PNGs for slides are drawn only on demand (`make slides`): a PNG of every chart cost the build as much as the
# SVGs themselves. 300 dpi on the 460 pt frame is about 1,920 px wide, a full-width slide.
PNG_DPI = 300
_png_stamp: str | None = None  # set by slide_pngs(): each chart also saved as PNG, with this edition stamp


@contextmanager
def slide_pngs(stamp: str):
    """Within it, every chart saved also gets a PNG beside its SVG, stamped with the edition ('as of 2026')."""
    global _png_stamp
    before, _png_stamp = _png_stamp, stamp
    try:
        yield
    finally:
        _png_stamp = before


def save(fig, path: Path, reuse: bool = True) -> Path:
    """The SVG at `path` without a date or a version in its metadata and, inside slide_pngs(), the same chart as
    PNG beside it (same name, .png), stamped with the edition in its lower right corner. Returns the SVG's path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None})
    if _png_stamp:  # after the SVG, so the SVG is the same with or without its PNG
        _stamped_png(fig, path.with_suffix(".png"), _png_stamp)
    if reuse:
        _recycle(fig, fig.axes[0])
    return path


def _stamped_png(fig, path: Path, stamp: str) -> None:
    """The chart as PNG with a band below it carrying the stamp, right-aligned: below everything the chart
    draws, so it never overlaps its source line."""
    import io

    from matplotlib.font_manager import FontProperties, findfont
    from PIL import Image, ImageDraw, ImageFont

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=PNG_DPI, facecolor="white", metadata={"Software": None})
    chart = Image.open(buf)
    px = PNG_DPI / 72  # pixels per point
    size = round(SOURCE_SIZE * px)
    font = ImageFont.truetype(findfont(FontProperties(family=plt.rcParams["font.family"])), size)
    out = Image.new("RGB", (chart.width, chart.height + round(size * 1.8)), "white")
    out.paste(chart, (0, 0))
    draw = ImageDraw.Draw(out)
    width = draw.textlength(stamp, font=font)
    draw.text((chart.width - EDGE * px - width, chart.height + round(size * 0.2)), stamp, font=font, fill="#6b7280")
    out.save(path, format="png")


def _text_size(text: str, size: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height in points of one line of text in the report font, measured without drawing anything."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(family=plt.rcParams["font.family"], size=size, weight=weight)
    w, h, _ = text_to_path.get_text_width_height_descent(text, prop, ismath=False)
    return w, h


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width in points of one line of text in the report font, measured without drawing anything."""
    return _text_size(text, size, weight)[0]


def _frame(fig, ax, title_lines: int, axes_h: float, below: float) -> None:
    """Size the figure and place the plot: title_lines of title above a plot axes_h tall, then `below`
    points under it; the plot's left edge clears the widest y tick label and the y axis label."""
    height = EDGE + title_lines * TITLE_LINE + TITLE_PAD + axes_h + below + EDGE
    fig.set_size_inches(WIDTH / 72, height / 72)
    bottom = EDGE + below
    ax.set_position([0.1, bottom / height, 0.8, axes_h / height])  # provisional: the ticks depend on the height only
    lo, hi = sorted(ax.get_ylim())
    fmt = ax.yaxis.get_major_formatter()
    locs = [v for v in ax.yaxis.get_majorticklocs() if lo - 1e-9 <= v <= hi + 1e-9]
    fmt.set_locs(locs)
    labels = [fmt(v, i) for i, v in enumerate(locs)]
    ticks = max((text_width(t, plt.rcParams["ytick.labelsize"]) for t in labels if t), default=0.0)
    ylabel = TITLE_LINE if ax.get_ylabel() else 0.0
    left = EDGE + ylabel + plt.rcParams["axes.labelpad"] + ticks + plt.rcParams["ytick.major.pad"] \
        + plt.rcParams["ytick.major.size"]
    ax.set_position([left / WIDTH, bottom / height, (WIDTH - left - RIGHT) / WIDTH, axes_h / height])


def _number_axis(ax, lang: str) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: i18n.fmt_number(v, lang)))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v)}"))


def _finish(fig, ax, title: str, axes_h: float, handles=(), publishers: list[str] = (), lang: str = "vi",
            ncol: int = 3) -> None:
    """Title above the plot; legend, then the source line, under it; then the frame around them all."""
    title = textwrap.fill(title, 58)  # ~58 characters of the bold title fill the plot width
    ax.set_title(title, loc="left", pad=TITLE_PAD, y=1.0)  # y given: matplotlib need not measure the axis to place it
    source = ""
    if publishers:
        source = textwrap.fill(f"{i18n.label('sources', lang)}: " + "; ".join(dict.fromkeys(publishers)), 108)
    source_h = (SOURCE_GAP + (source.count("\n") + 1) * SOURCE_LINE) if source else 0.0
    # the legend is centred under the plot: as many columns (at most ncol) as fit either side of its centre
    widths = [text_width(h.get_label(), LEGEND_SIZE) for h in handles]
    while True:
        legend_h = _legend_height(handles, ncol)
        _frame(fig, ax, title.count("\n") + 1, axes_h, BELOW_AXIS + legend_h + source_h)
        if ncol <= 1 or not handles:
            break
        pos = ax.get_position()
        centre = (pos.x0 + pos.width / 2) * WIDTH
        if legend_width(widths, ncol) <= 2 * min(centre - EDGE, WIDTH - EDGE - centre):
            break
        ncol -= 1
    if handles:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -BELOW_AXIS / axes_h), ncol=ncol,
                  frameon=False, fontsize=LEGEND_SIZE, handlelength=2.2, columnspacing=1.2, borderpad=0.3)
    if source:
        height = fig.get_size_inches()[1] * 72
        fig.text(EDGE / WIDTH, (EDGE + source_h - SOURCE_GAP) / height, source, fontsize=SOURCE_SIZE, color="#6b7280",
                 va="top", ha="left")


def _legend_height(handles, ncol: int) -> float:
    """LEGEND_ROW per row, more for a row whose tallest label stands higher than "lp" (stacked Vietnamese
    diacritics), as matplotlib makes such a row taller; rows filled as matplotlib does (column by column,
    the first columns one longer)."""
    if not handles:
        return 0.0
    size = LEGEND_SIZE
    plain = _text_size("lp", size)[1]
    labels = [h.get_label() for h in handles]
    rows = -(-len(labels) // ncol)
    columns = legend_columns(labels, ncol)
    extra = sum(max(0.0, max(_text_size(col[r], size)[1] for col in columns if r < len(col)) - plain)
                for r in range(rows))
    return rows * LEGEND_ROW + LEGEND_PAD + extra


def legend_columns(items: list, ncol: int) -> list[list]:
    """The entries of a legend in ncol columns as matplotlib fills them: top to bottom, the first columns one
    longer when the entries do not divide evenly."""
    longer, base = len(items) % ncol, len(items) // ncol
    columns, start = [], 0
    for c in range(ncol):
        n = base + (1 if c < longer else 0)
        columns.append(items[start:start + n])
        start += n
    return columns


def legend_width(widths: list[float], ncol: int, size: float = LEGEND_SIZE) -> float:
    """Width in points of a legend of entries `widths` wide in ncol columns: each column as wide as its own widest
    entry (matplotlib fills columns top to bottom, the first ones one longer) with its handle and padding (2.2 +
    0.8 font sizes), columns 1.2 font sizes apart, and the legend's padding (0.3 font sizes) either side."""
    used = [c for c in legend_columns(widths, ncol) if c]
    return sum((2.2 + 0.8) * size + max(c) for c in used) + (len(used) - 1) * 1.2 * size + 0.6 * size


def _markers(ax, pts: pd.DataFrame, colour, size: float, linewidth: float) -> None:
    """Filled markers for final figures, hollow ones for estimates: one scatter for each kind, since
    every scatter costs a measuring pass when drawn (one per point made charts several times slower).
    A figure from a grade-C source (rule 14) gets a red ring around its marker."""
    final = pts["obs_status"] == "final"
    proxy = _proxy(pts)
    for chosen, face in ((final & ~proxy, colour), (~final & ~proxy, "white")):
        if chosen.any():
            ax.scatter(pts.loc[chosen, "year"], pts.loc[chosen, "value"], s=size, color=face, edgecolor=colour,
                       linewidth=linewidth, zorder=3)
    if proxy.any():  # a proxy measures something close to the indicator, not the indicator: a hollow diamond
        ax.scatter(pts.loc[proxy, "year"], pts.loc[proxy, "value"], s=size * 1.3, marker="D", color="white",
                   edgecolor=colour, linewidth=linewidth, linestyle="--", zorder=3)
    # A floor (">930") or a ceiling ("<36,61") is not the value: a caret on the side the value lies.
    for qualifier, marker in ((">", 10), ("<", 11)):  # 10, 11: caret up, caret down, base on the point
        bound = _qualified(pts, qualifier)
        if bound.any():
            ax.scatter(pts.loc[bound, "year"], pts.loc[bound, "value"], s=size * 2.2, marker=marker, color=colour,
                       linewidth=0, zorder=4)
    weak = _grade_c(pts)
    if weak.any():
        ax.scatter(pts.loc[weak, "year"], pts.loc[weak, "value"], s=size * 3.2, facecolor="none",
                   edgecolor=WEAK, linewidth=1.0, zorder=4)


def _proxy(pts: pd.DataFrame) -> pd.Series:
    return pts["proxy"].fillna(False).astype(bool) if "proxy" in pts else pd.Series(False, index=pts.index)


def _qualified(pts: pd.DataFrame, qualifier: str) -> pd.Series:
    if "qualifier" not in pts:
        return pd.Series(False, index=pts.index)
    return pts["qualifier"].fillna("").astype(str) == qualifier


def _bound_handles(frames, lang: str, colour=None) -> list:
    """Legend entries for the floors and ceilings drawn, if any."""
    out = []
    for qualifier, marker, key in ((">", 10, "chart_floor"), ("<", 11, "chart_ceiling")):
        if any(_qualified(f, qualifier).any() for f in frames):
            out.append(Line2D([], [], color=colour or "#6b7280", marker=marker, markersize=8, linestyle="none",
                              label=_cap(i18n.text(lang, f"explore.{key}"))))
    return out


def _grade_c(pts: pd.DataFrame) -> pd.Series:
    """Figures graded C (rule 14); none while the data carry no grade column."""
    if "grade" not in pts:
        return pd.Series(False, index=pts.index)
    return pts["grade"].fillna("").astype(str).str.strip().str.upper() == "C"


def _series_line(ax, pts: pd.DataFrame, colour, linewidth: float, label: str | None = None) -> bool:
    """The observed line, solid between consecutive years only: across years without a figure it is
    dotted and faint, so no trend is read into a gap. True if the series has such a gap."""
    s = pts.sort_values("year")
    years, values = s["year"].tolist(), s["value"].tolist()
    runs, start, gaps = [], 0, []
    for i in range(1, len(years)):
        if years[i] - years[i - 1] > 1:
            runs.append((start, i))
            gaps.append(i)
            start = i
    runs.append((start, len(years)))
    for k, (a, b) in enumerate(runs):
        ax.plot(years[a:b], values[a:b], color=colour, linewidth=linewidth, zorder=2, label=label if k == 0 else None)
    for i in gaps:
        ax.plot(years[i - 1:i + 1], values[i - 1:i + 1], color=colour, linewidth=linewidth * 0.8,
                linestyle=GAP_STYLE, alpha=0.6, zorder=2)
    return bool(gaps)


def _cap(text: str) -> str:
    """Legend entries start with a capital letter whatever the catalog's case (labels double as table words)."""
    return text[:1].upper() + text[1:]


def status_counts(scorecard: pd.DataFrame, lang: str, path: Path) -> Path:
    counts = scorecard["status"].value_counts().reindex(STATUSES, fill_value=0)
    fig, ax = _figure(reuse=False)
    names = [i18n.status_name(s, lang) for s in STATUSES]
    ax.barh(names, counts.values, color=[i18n.STATUS_COLOURS[s] for s in STATUSES], edgecolor="#6b7280", linewidth=0.4)
    ax.invert_yaxis()
    for y, n in enumerate(counts.values):
        ax.text(n + 0.05, y, str(n), va="center", fontsize=8, color=INK)
    ax.set_xlabel(i18n.label("count_targets", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(1, counts.max()) + 0.8)
    _finish(fig, ax, i18n.label("status", lang) + f" ({i18n.label('window_short', lang)})", axes_h=AXES_H_SHORT)
    return save(fig, path, reuse=False)


def trajectory(row: dict, points: pd.DataFrame, indicator: dict, lang: str, path: Path,
               publishers: list[str], others: pd.DataFrame | None = None,
               hypothetical: pd.DataFrame | None = None) -> Path | None:
    """Observed points (filled: final, hollow: estimate), fitted pace projected to the target year,
    the required path from the base point, and the target at its year. `others`: figures of other sources
    that would change the status (columns year, value), drawn apart as hollow squares (¶).
    `hypothetical`: a scenario's figures (columns year, value), not in `points`: crosses joined to the figures
    beside them by a dashed line, in a colour of their own, with a legend entry; None or empty draws exactly the
    chart without them.
    No figure at all: no chart (None); there is nothing to draw but axes."""
    has_hyp = hypothetical is not None and len(hypothetical) > 0
    if not len(points) and not has_hyp:
        return None
    fig, ax = _figure()
    L = lambda key: _cap(i18n.label(key, lang))  # noqa: E731
    X = lambda key: _cap(i18n.text(lang, f"explore.{key}"))  # noqa: E731
    name = indicator[f"name_{lang}"]
    unit = indicator["unit_vi"] if lang == "vi" and indicator.get("unit_vi") else indicator["unit"]
    T, Y = row["target_value"], int(row["target_year"])
    # Rule 13: "> 194" on a count needs 195; the star stands where the target is met (the engine's
    # target_effective, when it gives one), so a value on the threshold does not sit on the star.
    T_eff = row.get("target_effective")
    T_eff = T if i18n.is_missing(T_eff) else float(T_eff)
    whole = indicator["kind"] in ("rank", "count")
    if has_hyp:  # the observed line stops at each hypothetical year (a year with a figure, if hypothetical)
        years = sorted(hypothetical["year"])
        runs = points["year"].map(lambda y: sum(h < y for h in years))
        gap = any([_series_line(ax, part, ACCENT, 1.2) for _, part in points.groupby(runs)])
    else:
        gap = _series_line(ax, points, ACCENT, 1.2)
    _markers(ax, points, ACCENT, size=30, linewidth=1.3)
    line = points
    if has_hyp:  # dashed in their own colour from the neighbouring figures, so no observed line runs through them
        line = pd.concat([points[["year", "value"]].assign(h=False), hypothetical[["year", "value"]].assign(h=True)])
        line = line.sort_values("year", kind="stable")
        ys, vs, hs = line["year"].tolist(), line["value"].tolist(), line["h"].tolist()
        for i in range(1, len(ys)):
            if hs[i] or hs[i - 1]:
                ax.plot(ys[i - 1:i + 1], vs[i - 1:i + 1], color=HYPOTHETICAL, linestyle=(0, (3, 2)), linewidth=1.1,
                        zorder=2)
        ax.scatter(hypothetical["year"], hypothetical["value"], marker="X", s=70, color=HYPOTHETICAL,
                   edgecolor="white", linewidth=0.6, zorder=5)
    values = [*line["value"].tolist(), T, T_eff]
    fitted = not i18n.is_missing(row.get("projected_value"))
    if fitted:
        projected = row["projected_value"]
        if whole:
            projected = round(projected)  # a rank or a count is a whole number, projected too
        ax.plot([row["latest_year"], Y], [row["latest_value"], projected],
                color=ACCENT, linestyle="--", linewidth=1.2, zorder=2)
        values.append(projected)
    required = not i18n.is_missing(row.get("pace_required"))
    if required:
        ax.plot([row["baseline_year"], Y], [row["baseline_value"], T_eff], color=REQUIRED,
                linestyle=":", linewidth=1.6, zorder=1)
    has_others = others is not None and len(others) > 0
    if has_others:
        ax.scatter(others["year"], others["value"], marker="s", s=34, color="white", edgecolor=OTHER,
                   linewidth=1.3, zorder=3)
        values += others["value"].tolist()
    lo, hi, up = _target_room(values, T_eff, row["comparator"], whole)
    # The side of the threshold that meets the target, lightly shaded, so a value on the line reads as not past it.
    # Whole numbers (rule 13): the zone starts half a unit before the first value that meets it, so 194 against
    # "> 194" lies outside it and 195 inside, never both on its edge.
    edge = T_eff - (0.5 if up else -0.5) if whole else T
    ax.axhline(edge, color="#9ca3af", linewidth=0.7, zorder=0)
    ax.axhspan(edge, hi if up else lo, color=MET_ZONE, alpha=0.07, linewidth=0, zorder=0)
    ax.scatter([Y], [T_eff], marker="*", s=160, color=i18n.STATUS_COLOURS["achieved"], zorder=4)
    ax.set_ylim(lo, hi)
    if whole:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if indicator["kind"] == "rank":
        ax.invert_yaxis()  # a better rank is a smaller number: draw it higher
    first = min([Y, *line["year"].tolist()])
    ax.set_xlim(first - 0.8, Y + 0.8)
    _number_axis(ax, lang)
    ax.set_xlabel(L("year"))
    ax.set_ylabel(unit)
    final = points["obs_status"] == "final"
    proxy = _proxy(points)
    handles = [
        *([Line2D([], [], color=ACCENT, marker="o", label=f"{L('observed')} ({i18n.label('final', lang)})")]
          if (final & ~proxy).any() else []),
        *([Line2D([], [], color=ACCENT, marker="o", markerfacecolor="white", linestyle="none",
                  label=L("estimate"))] if (~final & ~proxy).any() else []),
        *([Line2D([], [], color=ACCENT, marker="D", markerfacecolor="white", linestyle="none",
                  label=f"{L('proxy')} ({i18n.FLAG_MARKS['proxy']})")] if proxy.any() else []),
        *_bound_handles([points], lang, ACCENT),
        *([Line2D([], [], color=WEAK, marker="o", markerfacecolor="none", markersize=9, linestyle="none",
                  label=X("chart_grade_c"))] if _grade_c(points).any() else []),
        *([Line2D([], [], color=ACCENT, linewidth=1.0, linestyle=GAP_STYLE, alpha=0.6, label=X("chart_gap"))]
          if gap else []),
        *([Line2D([], [], color=OTHER, marker="s", markerfacecolor="white", linestyle="none",
                  label=f"{L('other_source')} ({i18n.FLAG_MARKS['source_sensitive']})")] if has_others else []),
        *([Line2D([], [], color=HYPOTHETICAL, marker="X", markersize=8, markeredgecolor="white", linestyle=(0, (3, 2)),
                  linewidth=1.1,
                  label=_cap(i18n.text(lang, "scenario.chart_hypothetical")))] if has_hyp else []),
        *([Line2D([], [], color=ACCENT, linestyle="--", label=L("fitted"))] if fitted else []),
        *([Line2D([], [], color=REQUIRED, linestyle=":", linewidth=1.6, label=L("required"))] if required else []),
        Line2D([], [], color=i18n.STATUS_COLOURS["achieved"], marker="*", markersize=10, linestyle="none",
               label=f"{L('target_marker')} {Y}: {_target_words(row, indicator, T_eff, lang)}"),
        Patch(facecolor=MET_ZONE, alpha=0.15, linewidth=0, label=X("chart_met_zone")),
    ]
    _finish(fig, ax, name, AXES_H_TALL, handles, publishers, lang)
    return save(fig, path)


def bare_axes(row: dict, indicator: dict, lang: str, path: Path) -> Path:
    """The old chart of a target without figures (axes, the target's line and star), for callers that still
    expect a chart for every target (charts.draw without skip_empty)."""
    fig, ax = _figure()
    T, Y = row["target_value"], int(row["target_year"])
    lo, hi, up = _target_room([T], T, row["comparator"], indicator["kind"] in ("rank", "count"))
    ax.axhline(T, color="#9ca3af", linewidth=0.7, zorder=0)
    ax.scatter([Y], [T], marker="*", s=160, color=i18n.STATUS_COLOURS["achieved"], zorder=4)
    ax.set_ylim(lo, hi)
    ax.set_xlim(Y - 5.8, Y + 0.8)
    _number_axis(ax, lang)
    ax.set_xlabel(_cap(i18n.label("year", lang)))
    ax.set_ylabel(indicator["unit_vi"] if lang == "vi" and indicator.get("unit_vi") else indicator["unit"])
    handles = [Line2D([], [], color=i18n.STATUS_COLOURS["achieved"], marker="*", markersize=10, linestyle="none",
                      label=f"{_cap(i18n.label('target_marker', lang))} {Y}: "
                            f"{_target_words(row, indicator, T - 1 if row['comparator'] == '<' else T, lang)}")]
    _finish(fig, ax, indicator[f"name_{lang}"], AXES_H_TALL, handles, [], lang)
    return save(fig, path)


def _target_words(row: dict, indicator: dict, level: float, lang: str) -> str:
    """The target in the legend, in words: 'rank 33 or better' (a rank: `level` is the rank that meets it),
    'more than 194', 'at least 40%'."""
    if indicator["kind"] == "rank":
        return i18n.comparator_words(row["comparator"], i18n.fmt_number(level, lang), lang, rank=True)
    v = i18n.fmt_number(row["target_value"], lang)
    if indicator["kind"] == "share":
        v = i18n.text(lang, "units.percent", v=v)
    return i18n.comparator_words(row["comparator"], v, lang)


def _target_room(values: list, target: float, comparator: str, whole: bool) -> tuple[float, float, bool]:
    """y limits (low, high) holding every value, never so narrow that a value on the target looks like the
    target met (GVC: 21 on an axis 20-22), and with room past the target on the side that meets it
    (`up`: higher values meet it)."""
    lo, hi = min(values), max(values)
    span = max(hi - lo, 0.1 * abs(target), 4.0 if whole else 0.0, 1e-6)
    mid = (lo + hi) / 2
    lo, hi = min(lo, mid - span / 2), max(hi, mid + span / 2)
    lo, hi = lo - 0.12 * span, hi + 0.12 * span
    up = comparator in (">", ">=")
    if up:
        hi = max(hi, target + 0.25 * span)
    else:
        lo = min(lo, target - 0.25 * span)
    return lo, hi, up


def context(series: dict[str, pd.DataFrame], names: dict[str, str], title: str, unit: str, lang: str,
            path: Path, publishers: list[str], kinds: dict[str, str] | None = None) -> Path:
    """One line per indicator, dotted across years without a figure; hollow markers for estimates."""
    kinds = kinds or {}
    fig, ax = _figure()
    palette = theme.deep(max(3, len(series)))
    gap = weak = False
    for colour, (ind, pts) in zip(palette, series.items()):
        gap |= _series_line(ax, pts, colour, 1.3, label=_cap(names[ind]))
        _markers(ax, pts, colour, size=22, linewidth=1.2)
        weak |= bool(_grade_c(pts).any())
    _number_axis(ax, lang)
    ax.set_xlabel(_cap(i18n.label("year", lang)))
    ax.set_ylabel(unit)
    if all(kinds.get(i) in ("count", "rank") for i in series):
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if all(kinds.get(i) == "rank" for i in series):
        ax.invert_yaxis()  # better ranks higher, as in the target charts
    handles = ax.get_legend_handles_labels()[0] + _bound_handles(series.values(), lang)
    if gap:
        handles.append(Line2D([], [], color="#6b7280", linewidth=1.0, linestyle=GAP_STYLE,
                              label=_cap(i18n.text(lang, "explore.chart_gap"))))
    if weak:
        handles.append(Line2D([], [], color=WEAK, marker="o", markerfacecolor="none", markersize=8, linestyle="none",
                              label=_cap(i18n.text(lang, "explore.chart_grade_c"))))
    ncol = 1 if max(len(n) for n in names.values()) > 42 else 2
    _finish(fig, ax, title, AXES_H_SHORT, handles, publishers, lang, ncol=ncol)
    return save(fig, path)
