"""The default edition: the latest year the data reach.

That is the latest year of a selected, full-year (non-partial), non-forecast observation. Standard
library only, so that the Makefile can run it with the system Python before .venv exists:

    python3 src/analysis/data/edition.py [DATA_DIR]    # prints the year; prints nothing, exit 1, if none
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path


def latest_year(data_dir: str | Path) -> int | None:
    """None when observations.csv is missing, unreadable or has no such row (validate says why)."""
    try:
        text = (Path(data_dir) / "observations.csv").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    rows = csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")))
    header = [h.strip() for h in next(rows, [])]
    col = {name: i for i, name in enumerate(header)}
    if not {"period", "selected", "value"} <= col.keys():
        return None

    def cell(row: list[str], name: str) -> str:
        i = col.get(name)
        return row[i].strip().lower() if i is not None and i < len(row) else ""

    years = [
        int(cell(row, "period")[:4])
        for row in rows
        if cell(row, "selected") == "true" and cell(row, "partial") != "true"
        and cell(row, "status") != "forecast" and cell(row, "value")
        and re.match(r"^\d{4}(-|$)", cell(row, "period"))
    ]
    return max(years) if years else None


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[3] / "data"  # src/analysis/data/edition.py -> the project
    year = latest_year(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else default)
    if year is None:
        sys.exit(1)
    print(year)
