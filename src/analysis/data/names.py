"""The names files (config.NAME_FILES): how the reports name the data's own words in each language, i.e. every
publisher of sources.csv (publishers.csv, with how a sentence describes the outlet a figure was read in), every
producer of observations.csv (producers.csv) and every context chart of indicators.csv's `chart` column
(charts.csv: title and note); the acronyms the PDF spells out at first use (acronyms.csv) and the notes a context
line's change carries (context_notes.csv). The catalogs keep only the report's own words; a publisher, producer,
chart or acronym new to the data is named here, so a data change never needs a code change.

check() reports a name missing in any language at the row that uses it; install() hands the names of the folder
just loaded to i18n, whose publisher_name, producer_name and release_name read them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .. import config, i18n
from .messages import At, Msg
from .schema import Problem, display_path, records

if TYPE_CHECKING:
    from .schema import Dataset

# The language of the validator's messages (the catalogs hold them in every language, section [data_names]).
# file -> (the column it names, the data file and column that use it)
NAMED = {"publishers.csv": ("publisher", "sources", "publisher"),
         "producers.csv": ("producer", "observations", "producer"),
         "charts.csv": ("chart", "indicators", "chart")}


def _table(ds: "Dataset", name: str) -> pd.DataFrame:
    return getattr(ds, name.removesuffix(".csv"))


def _named(df: pd.DataFrame, key: str) -> dict[str, int]:
    """The keys a names file gives a name in every language, with their line."""
    cols = [c for c in df.columns if c.startswith(("name_", "title_"))]
    ok = df[[c for c in cols if c.removeprefix("name_").removeprefix("title_") in config.LANGS]]
    full = ok.fillna("").astype(str).apply(lambda r: all(v.strip() for v in r), axis=1) if len(ok.columns) else \
        pd.Series(False, index=df.index)
    return {k: int(line) for k, line, good in zip(df[key], df["_line"], full) if good}


def check(ds: "Dataset") -> list[Problem]:
    """Every publisher, producer and chart the data use has its name in every language; no key is named twice."""
    out: list[Problem] = []
    for name, (key, table, column) in NAMED.items():
        stem = name.removesuffix(".csv")
        if stem in ds.broken or table in ds.broken:
            continue
        names = _table(ds, name)
        shown = display_path(ds.data_dir / name)
        first: dict[str, int] = {}
        for k, line in zip(names[key], names["_line"]):
            if k in first:
                out.append(Problem(shown, int(line), key, Msg("names_duplicate", key=k, line=first[k])))
            first.setdefault(k, int(line))
        named = _named(names, key)
        used = getattr(ds, table)
        if column not in used:
            continue
        where = display_path(ds.data_dir / f"{table}.csv")
        for value, line in zip(used[column], used["_line"]):
            if value and value not in named:
                out.append(Problem(where, int(line), column, Msg(f"unnamed_{key}", value=value, file=name,
                                                                 columns=f"{key},{','.join(_name_cols(name))}")))
    out += _check_keys(ds, "acronyms.csv", ["acronym"])
    out += _check_keys(ds, "context_notes.csv", ["indicator_id", "direction"])
    if "indicators" not in ds.broken and "context_notes" not in ds.broken:
        known, shown = set(ds.indicators["indicator_id"]), display_path(ds.data_dir / "context_notes.csv")
        for ind, line in zip(ds.context_notes["indicator_id"], ds.context_notes["_line"]):
            if ind not in known:
                out.append(Problem(shown, int(line), "indicator_id", Msg("unknown_indicator", ind=ind)))
    return out


def _check_keys(ds: "Dataset", name: str, keys: list[str]) -> list[Problem]:
    """No key of a names file without a column it names (acronyms, context notes) given twice."""
    df, out, first = _table(ds, name), [], {}
    if name.removesuffix(".csv") in ds.broken or not len(df):
        return out
    shown = display_path(ds.data_dir / name)
    for line, *key in zip(df["_line"], *(df[k] for k in keys)):
        k = ", ".join(f"{c}={v}" for c, v in zip(keys, key))
        if k in first:
            out.append(Problem(shown, int(line), keys[-1], Msg("duplicate_key", key=k, first=At(shown, first[k]))))
        first.setdefault(k, int(line))
    return out


def _name_cols(name: str) -> list[str]:
    prefix = "title" if name == "charts.csv" else "name"
    return [f"{prefix}_{lang}" for lang in config.LANGS]


def table(df: pd.DataFrame, key: str, prefix: str = "name") -> dict[str, dict[str, str]]:
    """{lang: {key: name}} of one names file (a language without its column names nothing)."""
    return {lang: ({k: v for k, v in zip(df[key], df[f"{prefix}_{lang}"]) if k and v}
                   if f"{prefix}_{lang}" in df else {}) for lang in config.LANGS}


def install(ds: "Dataset") -> None:
    """Give i18n the names of this data folder (publishers, producers, release names by indicator_id, how a
    sentence describes an outlet, the acronyms, the context notes by 'indicator_id.direction')."""
    ind = ds.indicators
    i18n.use_data_names({
        "publishers": table(ds.publishers, "publisher"),
        "producers": table(ds.producers, "producer"),
        "producer_lines": table(ds.producers, "producer", "line"),
        "release_names": table(ind, "indicator_id", "release_name") if len(ind) else {},
        "read_via": table(ds.publishers, "publisher", "read_via"),
        "acronyms": table(ds.acronyms, "acronym"),
        "context_notes": table(ds.context_notes.assign(key=ds.context_notes["indicator_id"].astype(str) + "."
                                                       + ds.context_notes["direction"].astype(str)), "key", "note"),
    })


def charts(ds: "Dataset", lang: str) -> list[dict]:
    """The context charts in the order of charts.csv: id, title and note in lang, and their indicators in the
    order of their rows in indicators.csv."""
    ind = ds.indicators
    members = ind[ind["chart"].fillna("") != ""] if "chart" in ind else ind.iloc[0:0]
    out = []
    for r in records(ds.charts):
        out.append({"id": r["chart"], "title": r.get(f"title_{lang}") or r["chart"],
                    "note": r.get(f"note_{lang}") or "",
                    "indicators": list(members.loc[members["chart"] == r["chart"], "indicator_id"])})
    return out


def chart_of(ds: "Dataset") -> dict[str, list[str]]:
    """indicator_id -> the indicators drawn in its chart (itself included); [] for one in no chart."""
    groups = {c["id"]: c["indicators"] for c in charts(ds, config.DEFAULT_LANG)}
    return {i: groups.get(c, []) for i, c in zip(ds.indicators["indicator_id"], ds.indicators.get("chart", []))}
