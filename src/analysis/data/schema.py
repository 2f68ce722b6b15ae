"""The data contract: the columns of the four CSV files with their types and allowed values (data/README.md),
the Dataset they are read into, and the located Problem every check reports. It imports nothing of the
package but config, so that every module of data/ can use it without importing another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .. import config


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: str
    message: str
    level: str = "error"  # or "warning"
    explained: bool = False  # a warning the row's note already answers (shown only on request)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        col = f" {self.column}:" if self.column else ""
        tag = "" if self.level == "error" else " warning:"
        return f"{where}:{tag}{col} {self.message}" + (" [explained in the note]" if self.explained else "")


# Column types: the data contract (README of data/). Extra columns are allowed with a warning.
ENUMS = {
    "pillar": ("politics_security", "economy", "society_science"),
    "kind": ("rank", "share", "count", "amount", "index"),
    "comparator": (">", ">=", "<", "<="),
    "status": ("final", "estimate", "forecast"),
    "qualifier": ("", ">", "<", "~"),
    "role": ("", "target", "context"),
    "grade": ("A", "B", "C"),
    "covers": ("same_year", "previous_year", "irregular"),
    # Where a source was read (data/README.md, "Source grade"): it fixes the grade of every row citing it.
    "outlet": ("producer", "national", "repost", "other", "overseas", "personal"),
    # What a target asks (docs/methodology.md, "Targets that are not levels"); empty: level.
    "target_type": ("", "level", "cumulative", "average_growth"),
    # Which way a context line's change goes, for the note it carries (context_notes.csv).
    "direction": ("up", "down"),
}
# The target types that count over a period starting at period_start (they take > or >= only).
PERIOD_TYPES = ("cumulative", "average_growth")
SCHEMA: dict[str, dict[str, tuple[str, bool]]] = {
    # column: (type, required-non-empty)
    "sources.csv": {
        "source_id": ("slug", True),
        "publisher": ("text", True),
        "title": ("title", True),
        "published": ("date", False),
        "accessed": ("date", False),
        "url": ("url", False),
        "language": ("lang", True),
        "note": ("text", False),
        "outlet": ("outlet", False),
        "title_wrong": ("bool", False),
    },
    "indicators.csv": {
        "indicator_id": ("slug", True),
        "pillar": ("pillar", True),
        "name_vi": ("text", True),
        "name_en": ("text", True),
        "unit": ("text", True),
        "unit_vi": ("text", False),
        "kind": ("kind", True),
        "higher_is_better": ("bool", True),
        "role": ("role", False),
        "note": ("text", False),
        "upper_bound": ("number", False),
        "breaks": ("years", False),
        "comparable": ("bool_true", False),
        "breaks_source": ("slug", False),
        "release_months": ("months", False),
        "release_covers": ("covers", False),
        "score_for": ("slug", False),
        "chart": ("slug", False),  # the context chart (charts.csv) the indicator is drawn in; empty: none
        "release_name_vi": ("text", False),  # what the producer's edition is called (rule 19), per language
        "release_name_en": ("text", False),
    },
    "targets.csv": {
        "target_id": ("slug", True),
        "indicator_id": ("slug", True),
        "comparator": ("comparator", True),
        "target_value": ("number", True),
        "target_year": ("year", True),
        "instrument": ("text", False),  # empty: the instrument is not yet identified, so the target is not scored
        "source_id": ("slug", True),
        "wording_vi": ("text", True),
        "wording_en": ("text", False),
        "note": ("text", False),
        "clause": ("text", False),  # the item or section of the instrument, printed when known
        "target_type": ("target_type", False),  # empty: level
        "period_start": ("year", False),  # the first year of a cumulative or average-growth target's period
        # a sentence the target's page prints under its explanation, e.g. which index stands for the one the
        # target's wording names (empty: none)
        "page_note_vi": ("text", False),
        "page_note_en": ("text", False),
    },
    "observations.csv": {
        "indicator_id": ("slug", True),
        "period": ("period", True),
        "value": ("number", True),
        "source_id": ("slug", True),
        "locator": ("text", True),
        "status": ("status", True),
        "selected": ("bool", True),
        "note": ("text", False),
        "qualifier": ("qualifier", False),
        "partial": ("bool", False),
        "producer": ("text", True),
        "proxy": ("bool", True),
        "grade": ("grade", True),
        "out_of": ("whole", False),
    },
    # The names a reader sees for the data's own words (names.py): one row per publisher, producer, chart.
    "publishers.csv": {
        "publisher": ("text", True),
        "name_vi": ("text", True),
        "name_en": ("text", True),
        # How a sentence saying a figure was read there describes the outlet (rule 14); empty: its name.
        "read_via_vi": ("text", False),
        "read_via_en": ("text", False),
    },
    "producers.csv": {
        "producer": ("text", True),
        "name_vi": ("text", True),
        "name_en": ("text", True),
        # How a context line names it: its current name alone (the former one stays in name_<lang>); empty: its name.
        "line_vi": ("text", False),
        "line_en": ("text", False),
    },
    "charts.csv": {
        "chart": ("slug", True),
        "title_vi": ("text", True),
        "title_en": ("text", True),
        "note_vi": ("text", False),
        "note_en": ("text", False),
    },
    "acronyms.csv": {
        "acronym": ("text", True),
        "name_vi": ("text", True),
        "name_en": ("text", True),
    },
    "context_notes.csv": {
        "indicator_id": ("slug", True),
        "direction": ("direction", True),
        "note_vi": ("text", True),
        "note_en": ("text", True),
    },
}
# Columns added after the contract: optional, with defaults when absent.
OPTIONAL_COLUMNS = {
    "sources.csv": {"accessed", "note", "outlet", "title_wrong"},
    "indicators.csv": {"unit_vi", "role", "note", "upper_bound", "breaks", "comparable", "breaks_source",
                       "release_months", "release_covers", "score_for", "chart", "release_name_vi",
                       "release_name_en"},
    "targets.csv": {"wording_en", "note", "clause", "target_type", "period_start", "page_note_vi", "page_note_en"},
    "observations.csv": {"note", "qualifier", "partial", "out_of"},
    "publishers.csv": {"read_via_vi", "read_via_en"},
    "producers.csv": {"line_vi", "line_en"},
    "charts.csv": {"note_vi", "note_en"},
    "acronyms.csv": set(),
    "context_notes.csv": set(),
}

# Required columns added to the contract later: an older file lacks them, so say what to add.
ADDED_COLUMNS = {
    "observations.csv": {
        "producer": "the body that made the figure (statistics office, Customs, State Bank, World Bank, "
                    "WIPO...), not the outlet where it was read",
        "proxy": "true when the figure's coverage differs from the indicator's (a stand-in), else false",
        "grade": "A (the producer's own publication), B (an established outlet naming the producer) or "
                 "C (anything else)",
    },
}


PERIOD = re.compile(r"^(\d{4})(-(\d{2})(-(\d{2}))?)?$")

RAW_ROW = re.compile(r"^[^\s,]+(,[^\s,]*){3,}$")  # a locator that is a row of a data file (values and commas, no words)


@dataclass
class Dataset:
    sources: pd.DataFrame
    indicators: pd.DataFrame
    targets: pd.DataFrame
    observations: pd.DataFrame
    data_dir: Path
    problems: list[Problem] = field(default_factory=list)
    broken: set[str] = field(default_factory=set)  # files that could not be read at all
    # Targets whose instrument is not identified: validated like the others, never scored (the report shows
    # their figures as context); `targets` holds the scored ones only.
    unscored: pd.DataFrame | None = None
    front_matter: dict = field(default_factory=dict)  # plan.toml [front_matter]: {lang: {key: value}}, or {}
    plan: object = None  # a plan_identity.Plan: plan.toml [plan] and [instruments.*]; None when unreadable
    # The names files (config.NAME_FILES): how the reports name each publisher, producer and context chart.
    publishers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["publisher", "_line"]))
    producers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["producer", "_line"]))
    charts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["chart", "_line"]))
    acronyms: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["acronym", "_line"]))
    context_notes: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["indicator_id", "direction", "_line"]))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Warnings still to act on (those the row's note explains are in `explained`)."""
        return [p for p in self.problems if p.level == "warning" and not p.explained]

    @property
    def without_figures(self) -> list[str]:
        """The scored targets whose indicator has no observation yet, as 'indicator_id (English name)'."""
        have = set(self.observations["indicator_id"])
        names = dict(zip(self.indicators["indicator_id"], self.indicators["name_en"]))
        return [f"{i} ({names.get(i, i)})" for i in self.targets["indicator_id"] if i not in have]

    @property
    def explained(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning" and p.explained]

    def years(self) -> tuple[int, int] | None:
        """First and last year of any observation (None when there is none)."""
        years = [int(p[:4]) for p in self.observations["period"]]
        return (min(years), max(years)) if years else None

    def kinds(self) -> "Kinds":
        return Kinds(self.indicators)


class Kinds(dict):
    """indicator_id -> kind, carrying the indicators table so that the engine also sees each
    indicator's upper_bound, breaks and comparable (rules 9 and 17) wherever kinds are passed."""

    def __init__(self, indicators: pd.DataFrame):
        super().__init__(zip(indicators["indicator_id"], indicators["kind"]))
        self.indicators = indicators


def records(df: pd.DataFrame) -> list[dict]:
    """The rows of df as plain dicts, as df.to_dict("records") gives them (Python values, not NumPy's), a column
    at a time: to_dict's cost per call is several times this whole function's on the data's small tables, and
    the validator reads every table on each load."""
    cols = list(df.columns)
    if not cols:
        return [{} for _ in range(len(df))]
    return [dict(zip(cols, row)) for row in zip(*(_values(df[c]) for c in cols))]


def _values(column: pd.Series) -> list:
    values = column.tolist()
    if isinstance(column.dtype, pd.api.extensions.ExtensionDtype):  # e.g. Int64: its missing value is None there
        return [None if v is pd.NA else v for v in values]
    return values


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(config.PROJECT_ROOT))
    except ValueError:
        return str(path)


def parse_period(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a period's start, or None if it is not a valid period."""
    m = PERIOD.match(text)
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(3) or 1), int(m.group(5) or 1)
    try:
        date(year, month, day)
    except ValueError:
        return None
    return year, month, day
