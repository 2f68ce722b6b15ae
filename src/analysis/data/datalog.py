"""The data log of data/README.md: one row per source with its quality note, generated from
sources.csv so the two never disagree (`python -m analysis datalog`, or `make datalog`, rewrites it;
`validate` warns when it is stale). Every function takes the data already loaded (dataset.load), as the
validator calls this module while it loads them.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .schema import Dataset, Problem, display_path, records

BEGIN, END = "<!-- datalog:begin -->", "<!-- datalog:end -->"
FIX = "make datalog"  # what an analyst runs after editing sources.csv by hand (python -m analysis datalog)


def table(ds: Dataset) -> str:
    """The table for the loaded data ds."""
    used = _joined(ds.observations["source_id"], ds.observations["indicator_id"])
    every = ds.targets if ds.unscored is None else pd.concat([ds.targets, ds.unscored])  # unscored targets too
    targets = _joined(every["source_id"], every["target_id"])
    lines = ["| source_id | publisher · title · published | used for | quality note |", "|---|---|---|---|"]
    for s in records(ds.sources.sort_values("source_id")):
        uses = "; ".join(x for x in (targets.get(s["source_id"], ""), used.get(s["source_id"], "")) if x) or "(cited in notes only)"
        title = f"[{s['title']}]({s['url']})" if s["url"] else s["title"]
        cell = lambda t: str(t).replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines.append(f"| `{s['source_id']}` | {cell(s['publisher'])} · {cell(title)} · {s['published'] or 'n.d.'} "
                     f"| {cell(uses)} | {cell(s['note'])} |")
    return "\n".join(lines)


def _joined(keys, values) -> dict:
    """key -> its values, sorted and joined by commas (a groupby with a Python function per group is ten times
    slower, and the validator runs this on every load)."""
    out: dict = {}
    for k, v in zip(keys, values):
        if k == k and k is not None:  # a missing key is no group, as in groupby
            out.setdefault(k, set()).add(v)
    return {k: ", ".join(sorted(v)) for k, v in out.items()}


def _split(text: str) -> tuple[str, str, str] | None:
    """(before the table, the table, after it); None when the README has no data-log markers."""
    if BEGIN not in text or END not in text.split(BEGIN, 1)[1]:
        return None
    head, rest = text.split(BEGIN, 1)
    body, tail = rest.split(END, 1)
    return head, body, tail


def render(ds: Dataset, readme: Path | None = None) -> str:
    """The README beside the data (or `readme`) with its data log regenerated from ds."""
    readme = readme or Path(ds.data_dir) / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, _, tail = _split(text)
    return f"{head}{BEGIN}\n{table(ds)}\n{END}{tail}"


def write(ds: Dataset, readme: Path | None = None) -> Path:
    readme = readme or Path(ds.data_dir) / "README.md"
    readme.write_text(render(ds, readme), encoding="utf-8")
    return readme


def stale(ds: Dataset) -> Problem | None:
    """A warning when the README beside the data has a data log that differs from the one sources.csv gives,
    located at the first row that differs; None when it matches, or there is no README with a data log."""
    readme = Path(ds.data_dir) / "README.md"
    if ds.broken or not readme.is_file():
        return None
    parts = _split(readme.read_text(encoding="utf-8"))
    if parts is None:
        return None
    head, body, _ = parts
    have, want = body.strip("\n").split("\n"), table(ds).split("\n")
    if have == want:
        return None
    at = next((i for i, (a, b) in enumerate(zip(have, want)) if a != b), min(len(have), len(want)))
    line = head.count("\n") + 2 + at  # the BEGIN marker's line, then the table's lines
    row = want[at] if at < len(want) else have[at]
    source = row.split("`")[1] if row.count("`") >= 2 else ""
    where = f" (first difference: source '{source}')" if source else ""
    return Problem(display_path(readme), line, "",
                   f"the data log is out of date with sources.csv{where}; refresh it with `{FIX}` "
                   "(python -m analysis datalog)", "warning")
