"""Every path and fixed setting of the project, in one place.

Paths are resolved from this file's location, never from the working directory, so the
notebooks behave the same in JupyterLab (cwd notebooks/), papermill (cwd repo root) and nbval.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("ANALYSIS_ROOT", Path(__file__).resolve().parents[2]))
# ANALYSIS_DATA: another data folder (tests/conftest.py runs the data tests on it; see tests/README or README "Tests").
DATA_DIR = Path(os.environ.get("ANALYSIS_DATA") or PROJECT_ROOT / "data").resolve()
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
BUILD_DIR = PROJECT_ROOT / "build"  # scratch: notebook outputs, staging of a report run
TEMPLATE_DIR = Path(__file__).resolve().parent / "editions" / "templates"  # beside pdf.py, its one reader
LOCALES_DIR = Path(__file__).resolve().parent / "locales"  # one text catalog per language: <lang>.toml

REPORT_NOTEBOOK = NOTEBOOKS_DIR / "gap_report.ipynb"
KERNEL_NAME = "vn-integration"
# Set by the report build in each edition's kernel: the data set it checked, with the edition's numbers
# (a pickle in the build's staging folder), which dataset.load() then returns instead of reading the files again.
CHECKED_DATA_ENV = "ANALYSIS_CHECKED_DATA"

DATA_FILES = ("sources.csv", "indicators.csv", "targets.csv", "observations.csv")
# How the reports name the data's publishers, producers and context charts, in each language (data/README.md);
# the acronyms the PDF spells out at first use, and the notes a context line's change may carry.
NAME_FILES = ("publishers.csv", "producers.csv", "charts.csv", "acronyms.csv", "context_notes.csv")
# Names files a folder may leave out (none of their words is then printed): an older folder stays valid.
OPTIONAL_NAME_FILES = ("acronyms.csv", "context_notes.csv")

DEFAULT_LANG = "vi"
# The languages are the catalogs present, the default first: adding a language is adding one .toml file.
LANGS = (DEFAULT_LANG, *sorted(p.stem for p in LOCALES_DIR.glob("*.toml") if p.stem != DEFAULT_LANG))
SHORT_WINDOW = 5   # Eurostat short-term window: B = as_of - 5 (headline)
LONG_WINDOW = 15   # long-term window: B = as_of - 15

# Reproducible output: fixed typst timestamp (overridable like SOURCE_DATE_EPOCH) and SVG salt.
SOURCE_DATE_EPOCH = int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))  # 2026-01-01
SVG_HASHSALT = "vn-integration"


def font_dir() -> Path:
    """DejaVu Sans as shipped by matplotlib: one font for charts and report on every machine."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def resolve_data_dir(value: str | os.PathLike | None = "") -> Path:
    """A notebook parameter: empty means the project's data/ folder."""
    return Path(value).resolve() if value else DATA_DIR


def resolve_output_dir(value: str | os.PathLike | None = "", lang: str = DEFAULT_LANG) -> Path:
    """A notebook parameter: empty means a scratch folder under build/ (never reports/)."""
    out = Path(value).resolve() if value else BUILD_DIR / "notebook-output" / lang
    out.mkdir(parents=True, exist_ok=True)
    return out
