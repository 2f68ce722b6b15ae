"""The charts' base theme: what seaborn's set_theme(style="whitegrid") sets, as plain matplotlib settings.

The charts were first drawn on seaborn's theme and "deep" palette, and used nothing else of seaborn; importing
seaborn only for them cost each edition's kernel about a quarter of a second of CPU (it imports scipy's
statistics). The values below are the ones seaborn 0.13 sets (its "notebook" context, "whitegrid" style,
"deep" palette and colour codes); a test checks they leave matplotlib exactly as seaborn's set_theme leaves it,
so the charts are the same, byte for byte. Not carried over: seaborn's default colour map ("rocket"), which
only images use and which exists only once seaborn is imported; no chart draws an image.
"""
from __future__ import annotations

# seaborn's "deep" palette (seaborn.palettes.SEABORN_PALETTES["deep"]), in its order
DEEP = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C", "#CCB974",
        "#64B5CD")
# the one-letter colour codes set_theme points at the palette ("deep6" and a near black for "k")
COLOUR_CODES = {"b": "#4C72B0", "g": "#55A868", "r": "#C44E52", "m": "#8172B3", "y": "#CCB974", "c": "#64B5CD",
                "k": (0.1, 0.1, 0.1)}

WHITEGRID = {
    # context "notebook"
    "axes.linewidth": 1.25, "grid.linewidth": 1.0, "lines.linewidth": 1.5, "lines.markersize": 6.0,
    "patch.linewidth": 1.0, "xtick.major.width": 1.25, "ytick.major.width": 1.25, "xtick.minor.width": 1.0,
    "ytick.minor.width": 1.0, "xtick.major.size": 6.0, "ytick.major.size": 6.0, "xtick.minor.size": 4.0,
    "ytick.minor.size": 4.0, "font.size": 12.0, "axes.labelsize": 12.0, "axes.titlesize": 12.0,
    "xtick.labelsize": 11.0, "ytick.labelsize": 11.0, "legend.fontsize": 11.0, "legend.title_fontsize": 12.0,
    # style "whitegrid"
    "figure.facecolor": "white", "axes.labelcolor": ".15", "xtick.direction": "out", "ytick.direction": "out",
    "xtick.color": ".15", "ytick.color": ".15", "axes.axisbelow": True, "grid.linestyle": "-", "text.color": ".15",
    "font.family": ["sans-serif"],
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans", "sans-serif"],
    "lines.solid_capstyle": "round", "patch.edgecolor": "w", "patch.force_edgecolor": True, "xtick.top": False,
    "ytick.right": False, "axes.grid": True, "axes.facecolor": "white", "axes.edgecolor": ".8",
    "axes.spines.left": True, "axes.spines.bottom": True, "axes.spines.right": True, "axes.spines.top": True,
    "xtick.bottom": False, "ytick.left": False,
}


def deep(n: int) -> list[tuple[float, float, float]]:
    """seaborn's color_palette("deep", n_colors=n): the palette's colours in order, cycled past its ten."""
    from matplotlib.colors import to_rgb

    return [to_rgb(DEEP[i % len(DEEP)]) for i in range(n)]


def apply(rc: dict | None = None) -> None:
    """Set the theme in matplotlib's settings, then rc over it (as set_theme(style="whitegrid", rc=rc) does)."""
    import matplotlib as mpl
    from cycler import cycler
    from matplotlib.colors import colorConverter, to_rgb

    mpl.rcParams.update({**WHITEGRID, **(rc or {})})
    mpl.rcParams["axes.prop_cycle"] = cycler("color", deep(len(DEEP)))
    for code, colour in COLOUR_CODES.items():
        colorConverter.colors[code] = to_rgb(colour)
