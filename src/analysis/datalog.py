"""The data log of data/README.md: one row per source with its quality note, generated from
sources.csv so the two never disagree (`python -m analysis datalog` rewrites it)."""
from __future__ import annotations

from pathlib import Path

from . import config
from .dataset import load

BEGIN, END = "<!-- datalog:begin -->", "<!-- datalog:end -->"


def table(data_dir: Path | None = None) -> str:
    ds = load(data_dir)
    used = ds.observations.groupby("source_id")["indicator_id"].agg(lambda s: ", ".join(sorted(set(s))))
    targets = ds.targets.groupby("source_id")["target_id"].agg(lambda s: ", ".join(sorted(set(s))))
    lines = ["| source_id | publisher · title · published | used for | quality note |", "|---|---|---|---|"]
    for s in ds.sources.sort_values("source_id").to_dict("records"):
        uses = "; ".join(x for x in (targets.get(s["source_id"], ""), used.get(s["source_id"], "")) if x) or "(cited in notes only)"
        title = f"[{s['title']}]({s['url']})" if s["url"] else s["title"]
        cell = lambda t: str(t).replace("|", "\\|").replace("\n", " ")  # noqa: E731
        lines.append(f"| `{s['source_id']}` | {cell(s['publisher'])} · {cell(title)} · {s['published'] or 'n.d.'} "
                     f"| {cell(uses)} | {cell(s['note'])} |")
    return "\n".join(lines)


def render(readme: Path | None = None) -> str:
    readme = readme or config.DATA_DIR / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


def write(readme: Path | None = None) -> Path:
    readme = readme or config.DATA_DIR / "README.md"
    readme.write_text(render(readme), encoding="utf-8")
    return readme
