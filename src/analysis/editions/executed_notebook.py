"""The executed report notebook as published next to the PDF: papermill's record of the run (parameters,
code, outputs), without what changes from run to run (timings, the temporary staging folder), so a
rebuild with the same inputs gives the same file."""
from __future__ import annotations

from pathlib import Path

import nbformat

_TIMINGS = ("start_time", "end_time", "duration")


def publishable(executed: Path, output_dir: Path, published: Path) -> Path:
    """Write executed's record to published; the staging output_dir becomes "" (the scratch default)."""
    nb = nbformat.read(executed, as_version=4)
    record = nb.metadata.get("papermill", {})
    for key in _TIMINGS:
        record.pop(key, None)
    record["output_path"] = published.name
    if record.get("parameters", {}).get("output_dir") == str(output_dir):
        record["parameters"]["output_dir"] = ""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for key in _TIMINGS:
            cell.metadata.get("papermill", {}).pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = cell.source.replace(f'output_dir = "{output_dir}"', 'output_dir = ""')
            cell.id = "injected-parameters"  # papermill draws a random id
    published.write_text(nbformat.writes(nb), encoding="utf-8")
    return published
