"""The PDF: lay a bundle out as report.json for templates/report.typ, then compile it with typst.

The template only places what report.json says; every string in it is already localised.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from . import config, i18n
from typing import TYPE_CHECKING

from .bundle import PILLARS, Bundle

if TYPE_CHECKING:  # the build process compiles PDFs without importing matplotlib (charts are the notebook's)
    from .charts import Charts
from .progress import FLAGS, STATUSES


def status_cell(status: str, lang: str) -> dict:
    return {"name": i18n.status_name(status, lang), "fill": i18n.STATUS_COLOURS[status],
            "ink": i18n.STATUS_TEXT_COLOURS[status]}


def layout(b: Bundle, charts: Charts, output_dir: Path) -> dict:
    """The content of report.json; chart paths relative to output_dir (the typst root)."""
    lang, ds = b.lang, b.ds
    rel = lambda p: str(Path(p).relative_to(output_dir))  # noqa: E731
    cell = lambda s: status_cell(s, lang)  # noqa: E731
    ind = ds.indicators.set_index("indicator_id")
    names = ind[f"name_{lang}"]
    targets = [{
        "id": t["id"], "title": t["title"], "pillar": t["pillar"], "wording": t["wording"],
        "instrument": t["instrument"], "target_source": t["target_source"], "chart": rel(charts.targets[t["id"]]),
        "status": cell(t["status"]), "status_long": cell(t["status_long"]), "marks": t["marks"],
        "figures": t["figures"], "points": t["points"], "no_data": len(t["points"]) == 0,
        "alternatives": t["alternatives"],
    } for t in b.targets]
    pillars = [{"name": i18n.PILLAR_NAMES[lang][key], "rows": [{
        "indicator": t["title"], "latest": t["latest"], "target": t["target"], "gap": t["gap"], "pace": t["pace"],
        "projection": t["projection"], "status": cell(t["status"]), "status_long": cell(t["status_long"]),
        "marks": t["marks"], "marks_long": t["marks_long"],
    } for t in b.targets if t["pillar"] == key]} for key in PILLARS if any(t["pillar"] == key for t in b.targets)]
    context = [{"title": c["title"], "chart": rel(charts.context[c["id"]]), "summary": c["summary"],
                "sources": c["sources"]} for c in b.context]
    n153 = int(ds.targets["instrument"].str.contains("153").sum())
    return {
        "lang": lang, "labels": i18n.LABELS[lang], "as_of": str(b.as_of),
        "edition": b.edition, "fingerprint": b.fingerprint, "code_version": b.code_version,
        "summary": b.summary,
        "tracked": str(len(b.scorecard)), "tracked_153": str(n153), "programme_total": str(config.PROGRAMME_TARGETS),
        "coverage_text": b.coverage_text,
        "status_chart": rel(charts.status),
        "legend": [cell(s) for s in STATUSES],
        "flag_legend": [{"mark": i18n.FLAG_MARKS[f], "text": i18n.FLAG_NAMES[lang][f]} for f in FLAGS],
        "pillars": pillars, "targets": targets, "context": context,
        "history": history_strip(b),
        "history_changes": b.history_changes or [i18n.text(lang, "history.no_change")],
        "coverage": [{"indicator": names[t["indicator_id"]], "instrument": t["instrument"],
                      "wording": t["wording_vi"], "status": cell(s)}
                     for t, s in zip(ds.targets.to_dict("records"), b.scorecard["status"])],
        "conflicts": b.conflicts,
        "sources": [{"id": s["source_id"], "publisher": s["publisher"], "title": i18n.printable(s["title"], lang),
                     "published": s["published"], "accessed": s["accessed"], "url": s["url"], "note": s["note"]}
                    for s in ds.sources.sort_values("source_id").to_dict("records")],
        "method": i18n.text(lang, "method.paragraphs"), "references": i18n.text(lang, "method.references"),
        "dictionary": [{"file": f, "text": t} for f, t in i18n.catalog(lang)["dictionary"].items()],
        "indicators": [{"id": i, "name": names[i], "unit": r["unit_vi"] if lang == "vi" and r["unit_vi"] else r["unit"],
                        "kind": r["kind"], "direction": "↑" if r["higher_is_better"] else "↓", "role": r["role"]}
                       for i, r in ind.iterrows()],
    }


def history_strip(b: Bundle) -> dict:
    """The status history as coloured cells: one row per target, one column per assessment year."""
    names = b.ds.indicators.set_index("indicator_id")[f"name_{b.lang}"]
    ind_of = b.ds.targets.set_index("target_id")["indicator_id"]
    h = b.history
    return {"years": [str(y)[-2:] for y in h.columns], "first": str(h.columns[0]) if len(h.columns) else "",
            "last": str(h.columns[-1]) if len(h.columns) else "",
            "rows": [{"indicator": names[ind_of[t]],
                      "cells": [i18n.STATUS_COLOURS[s] for s in h.loc[t]]} for t in h.index]}


def write_json(b: Bundle, charts: Charts, output_dir: Path) -> Path:
    """output_dir/report.json: everything the typst template lays out."""
    path = Path(output_dir) / "report.json"
    path.write_text(json.dumps(layout(b, charts, Path(output_dir)), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


class TypesetError(Exception):
    """typst could not lay out the report; the message is typst's."""


def compile_pdf(bundle_dir: Path, pdf_path: Path) -> Path:
    """Lay out bundle_dir/report.json with the typst template; byte-identical for identical inputs.

    typst runs in a child process (analysis/typeset.py): its Python binding holds the GIL while it lays
    out, so the editions' PDFs, compiled from threads of the build process, would wait for one another."""
    bundle_dir = Path(bundle_dir)
    shutil.copy(config.TEMPLATE_DIR / "report.typ", bundle_dir / "report.typ")
    stamp = datetime.combine(date.fromisoformat(json.loads((bundle_dir / "report.json").read_text("utf-8"))["edition"]),
                             datetime.min.time(), timezone.utc)
    args = {"input": str(bundle_dir / "report.typ"), "output": str(pdf_path), "root": str(bundle_dir),
            "font_paths": [str(config.font_dir())], "ignore_system_fonts": True, "timestamp": int(stamp.timestamp())}
    done = subprocess.run([sys.executable, "-m", "analysis.typeset"], input=json.dumps(args), capture_output=True,
                          text=True, encoding="utf-8")
    if done.returncode:
        raise TypesetError(done.stderr.strip() or f"typst exited with status {done.returncode}")
    return pdf_path
