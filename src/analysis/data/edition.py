"""The default edition: the latest year the data reach; and the short name the outputs carry.

The year is the latest of a selected, full-year (non-partial), non-forecast observation; the short name is
plan.toml's [plan] short_name. Standard library only, so that the Makefile can run it with the system Python
(3.11 or later: tomllib) before .venv exists:

    python3 src/analysis/data/edition.py [DATA_DIR]               # prints the year; nothing, exit 1, if none
    python3 src/analysis/data/edition.py --short-name [DATA_DIR]  # prints the short name; nothing, exit 1, if none
"""
from __future__ import annotations

import csv
import io
import re
import sys
import tomllib
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


def short_name(data_dir: str | Path) -> str | None:
    """plan.toml's [plan] short_name; None when the file or the key is missing or unreadable (validate says why)."""
    try:
        with open(Path(data_dir) / "plan.toml", "rb") as f:
            value = tomllib.load(f).get("plan", {}).get("short_name")
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        return None
    return value if isinstance(value, str) and re.match(r"^[a-z0-9][a-z0-9-]*$", value) else None


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[3] / "data"  # src/analysis/data/edition.py -> the project
    args = sys.argv[1:]
    option = args[0] if args and args[0] in ("--short-name", "--both") else ""
    folder = (args[1:] if option else args) or [""]
    data = folder[0] or default
    if option == "--both":  # the Makefile's one call: "<year> <short name>", "-" for either not found
        year, name = latest_year(data), short_name(data)
        print(f"{'-' if year is None else year} {name or '-'}")
        sys.exit(0)
    answer = (short_name if option else latest_year)(data)
    if answer is None:
        sys.exit(1)
    print(answer)
