"""How the workbook prints: A4 landscape, the header row on every page, the sheet's name and the page number in
the footer, and text no smaller than 8 pt on paper.

A sheet prints one page wide (fit to width, as many pages tall as it needs) when its columns fit at a scale of
MIN_SCALE or more; its long text columns are narrowed (they wrap) until they do. The scorecard and the status
history are too wide for that: they print at a fixed scale, PRINT_SCALE, their columns cut into pages at
column boundaries, each page repeating the columns that name the target. Technical columns (the ids the intake
needs) stand at the right end and are left out of the print area.

Widths are in Excel's units: the width of a '0' in the workbook's default font, 10-point Arial (the cells'
own), plus 5 pixels of padding.
"""
from __future__ import annotations

A4_LANDSCAPE_WIDTH_IN = 297 / 25.4
MARGINS_IN = {"left": 0.4, "right": 0.4, "top": 0.5, "bottom": 0.6}
PRINTABLE_PT = (A4_LANDSCAPE_WIDTH_IN - MARGINS_IN["left"] - MARGINS_IN["right"]) * 72
FONT_PT = 10  # every cell's font (workbook._Formats)
MIN_SCALE = 0.85  # 10-point text prints at 8.5 pt or more; a little above 0.8 for the spreadsheets' own rounding
PRINT_SCALE = 85  # percent: the sheets printed more than one page wide
FOOTER_PT = 10  # footer text, as the cells: Excel does not scale it (scale_with_doc off), LibreOffice does
DIGIT_PT = 5.58  # the width of a '0' in 10-point Arial (Liberation Sans), measured in LibreOffice's print
NARROWEST = {"wrap": 16, "text": 12, "url": 14}  # a long text column is never narrowed below this


def points(width: float) -> float:
    """The printed width, in points at 100 %, of a column `width` units wide: the width the file stores (the
    padding added, in 7-pixel digits), times the digit of 10-point Arial as LibreOffice measures it (7.44
    pixels: 5.58 points). Excel's digit is 7 pixels (5.25 points), so Excel prints a little larger."""
    return (int(width * 7 + 0.5) + 5) / 7 * DIGIT_PT


def total_points(widths) -> float:
    return sum(points(w) for w in widths)


def scale_needed(widths) -> float:
    """The scale at which columns of these widths fill the printable width of one page (capped at 1)."""
    return min(1.0, PRINTABLE_PT / total_points(widths)) if widths else 1.0


def fit_one_page(widths: list[float], kinds: list[str]) -> list[float]:
    """The widths narrowed so that they print one page wide at MIN_SCALE or more: the widest text column first,
    one unit at a time, none below NARROWEST (which may leave the scale under MIN_SCALE: the caller then prints
    the sheet over more pages wide)."""
    widths = list(widths)
    budget = PRINTABLE_PT / MIN_SCALE
    while total_points(widths) > budget:
        shrinkable = [i for i, k in enumerate(kinds) if k in NARROWEST and widths[i] - 1 >= NARROWEST[k]]
        if not shrinkable:
            break
        i = max(shrinkable, key=lambda j: (widths[j], -j))
        widths[i] -= 1
    return widths


def column_pages(widths: list[float], repeat: int, scale: float = PRINT_SCALE / 100) -> list[int]:
    """Where the columns after the first `repeat` ones are cut into pages at `scale`, each page repeating those:
    the index of the first column of every page after the first."""
    room = PRINTABLE_PT / scale - total_points(widths[:repeat])
    breaks = _greedy(widths, repeat, room)
    # as many pages, the columns shared out evenly: the narrowest page width that still needs no more pages
    # (12 years: 6 and 6, not 8 and 4)
    lo, hi = max(points(w) for w in widths[repeat:]) if len(widths) > repeat else 0.0, room
    for _ in range(40):
        mid = (lo + hi) / 2
        if len(_greedy(widths, repeat, mid)) == len(breaks):
            hi = mid
        else:
            lo = mid
    return _greedy(widths, repeat, hi)


def _greedy(widths: list[float], repeat: int, room: float) -> list[int]:
    breaks, used = [], 0.0
    for i in range(repeat, len(widths)):
        w = points(widths[i])
        if used and used + w > room:
            breaks.append(i)
            used = 0.0
        used += w
    return breaks


def setup(ws, footer: str) -> None:
    """What every sheet shares: A4 landscape, margins, the footer (not scaled with the sheet), grid lines."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(**MARGINS_IN)
    ws.set_footer(footer, {"margin": 0.25, "scale_with_doc": False})
    ws.hide_gridlines(0)  # shown on screen and printed


def one_page_wide(ws, rows: int, printed: int, header_rows: int = 1) -> None:
    """Fit to one page wide, as many tall as needed; the header row(s) on every page; the printed columns."""
    ws.fit_to_pages(1, 0)
    if printed:
        ws.print_area(0, 0, max(rows, header_rows - 1), printed - 1)
    ws.repeat_rows(0, header_rows - 1)


def pages_wide(ws, widths: list[float], rows: int, printed: int, repeat: int, header_rows: int = 1) -> list[int]:
    """At PRINT_SCALE, the printed columns cut into pages at column boundaries, the first `repeat` columns and
    the header row on every page; returns the column breaks."""
    breaks = column_pages(widths[:printed], repeat)
    ws.set_print_scale(PRINT_SCALE)
    ws.print_across()  # a band of rows read left to right, page after page, before the next band
    ws.print_area(0, 0, rows, printed - 1)
    ws.repeat_rows(0, header_rows - 1)
    ws.repeat_columns(0, repeat - 1)
    if breaks:
        ws.set_v_pagebreaks(breaks)
    return breaks
