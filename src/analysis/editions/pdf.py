"""The PDF: lay a bundle out as report.json for templates/report.typ, then compile it with typst.

The template only places what report.json says; every string in it is already localised.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import unquote
from typing import TYPE_CHECKING

from .. import config, i18n
from ..data import translations
from ..engine.terms import FLAGS, STATUSES
from . import currency_text, weak_source_text
from .bundle import Bundle
from .phrases import PILLARS, ordered, printed_flags

if TYPE_CHECKING:  # the build process compiles PDFs without importing matplotlib (charts are the notebook's)
    from .charts import Charts


NBSP = "\u00a0"


def status_cell(status: str, lang: str) -> dict:
    """A status badge: its name never breaks mid-phrase (no-break spaces), its symbol for colourless reading."""
    return {"name": i18n.status_name(status, lang).replace(" ", NBSP), "fill": i18n.STATUS_COLOURS[status],
            "ink": i18n.STATUS_TEXT_COLOURS[status], "symbol": i18n.STATUS_SYMBOLS[status]}


def _flags_present(b: Bundle, cols: tuple[str, ...] = ("flags", "flags_long")) -> list[str]:
    """The marks the edition uses, in the engine's order (a legend of marks no reader meets is noise)."""
    cols = [c for c in cols if c in b.scorecard]
    used = {f for c in cols for v in b.scorecard[c].fillna("") for f in printed_flags(str(v))}
    return [f for f in FLAGS if f in used and f in i18n.FLAG_MARKS and f in i18n.FLAG_NAMES[b.lang]]


def cited_sources(b: Bundle) -> set[str]:
    """The sources this edition prints a figure of: the series' points, the targets, the contested figures."""
    printed = set(b.scorecard["indicator_id"]) | {i for c in b.context for i in c["indicators"]}
    used = set(b.points.loc[b.points["indicator_id"].isin(printed), "source_id"].dropna()) | set(b.ds.targets["source_id"])
    if b.ds.unscored is not None:
        used |= set(b.ds.unscored["source_id"])
    return used | set(b.alternatives["source_id"].dropna()) if "source_id" in b.alternatives else used


DATA_FILE = re.compile(r"\S+/\S+\.(csv|xlsx?|json)\b")  # a file path standing as a title
COMMIT_URL = re.compile(r"^(https://github\.com/[^/]+/[^/]+)/blob/[0-9a-f]{7,40}/.*$")


def _title(title: str, lang: str) -> str:
    """A source's title; the data's bracketed stand-in for a title not seen, or a data file's path standing
    as a title, is left out, not printed (the workbook keeps both)."""
    title = str(title or "")
    if (title.startswith("(") and title.endswith(")")) or DATA_FILE.search(title):
        return ""
    return i18n.printable(title, lang)


def _address(url: str) -> str:
    """A source's address as printed: a file at a fixed commit of a repository is named by the repository
    (no commit hash or file path on the page; the workbook keeps the full address); percent-encoded letters are
    shown as the letters they stand for."""
    address = COMMIT_URL.sub(r"\1", str(url or ""))
    shown = unquote(address)
    return shown if i18n.printable(shown, "en") == shown else address  # letters the font cannot draw stay encoded


def _gaps(s: dict, shown_title: str, lang: str) -> str:
    """What a source's entry cannot give, in words (review finding 12): a title the page does not show, an
    address where no online copy was located. The data log and the source's note say why."""
    missing = [key for key, gone in (("no_title", not shown_title and not DATA_FILE.search(str(s["title"] or ""))),
                                     ("no_url", not str(s["url"] or "").strip())) if gone]
    return "; ".join(i18n.text(lang, f"source_gaps.{key}") for key in missing)


def source_list(b: Bundle, ds, lang: str) -> list[dict]:
    """The bibliography: the sources cited, in the order of the outlet's name as the reader sees it (the edition's
    collation: Vietnamese dictionary order in vi), then by date; in vi a foreign title is followed by its Vietnamese
    rendering in brackets (data/translations/vi.csv), and a title the font cannot draw gives way to it."""
    cited = cited_sources(b)
    rows = []
    for s in ds.sources.to_dict("records"):
        if s["source_id"] not in cited:
            continue
        title, rendering = _title(s["title"], lang), translations.title(ds, s, lang) or ""
        if rendering and title == i18n.text(lang, "misc.unprintable"):
            title = ""
        publisher = i18n.publisher_name(s["publisher"], lang)
        # sources.csv title_wrong: the headline misstates what its body says, and the reader is told so
        wrong = i18n.text(lang, "wording.title_wrong") if title and s.get("title_wrong") == True else ""  # noqa: E712
        rows.append({"publisher": publisher, "title": title, "title_note": wrong, "rendering": rendering,
                     "published": i18n.fmt_date(s["published"], lang) or i18n.text(lang, "source_gaps.no_date"),
                     "url": _address(s["url"]), "gaps": _gaps(s, title or rendering, lang),
                     "_key": (i18n.collation_key(publisher) if lang == "vi" else publisher.casefold(),
                              str(s["published"] or ""))})
    rows.sort(key=lambda r: r["_key"])
    return [{k: v for k, v in r.items() if k != "_key"} for r in rows]


def _mark_notes(b: Bundle, target_id: str) -> list[str]:
    """The marks one target carries (either assessment), each with its meaning, for its own page."""
    row = b.scorecard[b.scorecard["target_id"] == target_id].iloc[0]
    used = {f for c in ("flags", "flags_long") if c in row and isinstance(row[c], str) for f in printed_flags(row[c])}
    # ° says, window by window, which figure is grade C (rule 14: the latest value or that window's base)
    return [weak_source_text.mark_note(row.to_dict(), b.points, b.lang) if f == "weak_source"
            else f"{i18n.FLAG_MARKS[f]} {i18n.FLAG_NAMES[b.lang][f]}" for f in FLAGS
            if f in used and f in i18n.FLAG_MARKS and f in i18n.FLAG_NAMES[b.lang]]


def changes_layout(ch, b: Bundle) -> dict | None:
    """The page after the summary: what changed since the previous edition (None for a first edition)."""
    from .changes_text import status_text, texts

    t = texts(ch, b.ds, b.lang) if ch is not None else None
    if t is None:
        return None
    plain = lambda s, side: status_cell(s, b.lang) if s else {  # noqa: E731
        "name": status_text(None, b.lang, side), "fill": "#ffffff", "ink": "#1a1a1a", "symbol": ""}
    for key in ("status", "window"):
        t[key] = [{**r, "before": plain(r["before"], "before"), "after": plain(r["after"], "after")} for r in t[key]]
    return t


def says_something(b: Bundle, indicators: list[str], target: float | None = None) -> bool:
    """A chart is worth its space when one series has three years or more and, for a target, not every
    figure sits on the target line (a series of '>70' against '> 70' draws a flat line at the target).
    Otherwise the page prints the figures as a table only (its points table, a context page's lines)."""
    p = b.points[b.points["indicator_id"].isin(indicators)]
    if not (p.groupby("indicator_id")["year"].nunique() >= 3).any():
        return False
    return target is None or not (p["value"].astype(float) == float(target)).all()


def _has_periods(b: Bundle) -> bool:
    """Whether any target of the edition is a total or an average growth over a period."""
    sc = b.scorecard
    return "target_type" in sc and bool(sc["target_type"].isin(("cumulative", "average_growth")).any())


def layout(b: Bundle, charts: Charts, output_dir: Path, changes=None) -> dict:
    """The content of report.json; chart paths relative to output_dir (the typst root). changes: the
    comparison with the previous edition (changes.Changes), for the page after the summary."""
    lang, ds = b.lang, b.ds
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    rel = lambda p: str(Path(p).relative_to(output_dir))  # noqa: E731
    cell = lambda s: status_cell(s, lang)  # noqa: E731
    ov = b.overview or {}
    by_id = {t["id"]: t for t in b.targets}
    order = list(ordered(b.scorecard)["target_id"])
    target_value = dict(zip(b.scorecard["target_id"], b.scorecard["target_value"]))
    targets = [{
        "id": t["id"], "title": t["title"], "pillar": t["pillar"], "wording": t["wording"],
        "instrument": t["instrument"], "target_source": t["target_source"], "chart": rel(charts.targets[t["id"]])
        if t["id"] in charts.targets and says_something(b, [t["indicator_id"]], target_value[t["id"]]) else None,
        "status": cell(t["status"]), "status_long": cell(t["status_long"]), "marks": t["marks"],
        "clause": t.get("clause", ""), "notes": t.get("notes", []),
        "short_head": window_head("status_short", t.get("base_year", ""), lang),
        "long_head": window_head("status_long", t.get("base_year_long", ""), lang),
        # the page prints each mark with its meaning above the sentence: the sentence does not repeat them
        "marks_long": t["marks_long"], "explanation": t.get("explanation_plain", t["explanation"]),
        "figures": t["figures"], "points": t["points"], "no_data": len(t["points"]) == 0,
        "alternatives": t["alternatives"], "mark_notes": _mark_notes(b, t["id"]),
        "due": t.get("due", ""), "break": t.get("break", ""),
    } for t in (by_id[i] for i in order)]
    pillars = [{"name": i18n.PILLAR_NAMES[lang][key], "rows": [{
        "indicator": t["title"], "latest": t["latest"], "target": t["target_value"], "gap": t["gap"],
        "projection": t["projection"], "status": cell(t["status"]), "status_long": cell(t["status_long"]),
        "marks": t["marks"], "marks_long": t["marks_long"],
        "base": T("labels.base_year", year=t["base_year"]) if t.get("base_year") else "",
        "base_long": T("labels.base_year", year=t["base_year_long"]) if t.get("base_year_long") else "",
    } for t in (by_id[i] for i in order) if t["pillar"] == key]} for key in PILLARS
        if any(t["pillar"] == key for t in b.targets)]
    context = [{"title": c["title"], "chart": rel(charts.context[c["id"]])
                if c["id"] in charts.context and says_something(b, c["indicators"]) else None,
                "summary": c["summary"]} for c in b.context]
    short_from, long_from = ov.get("short_from", ""), ov.get("long_from", "")
    flags = _flags_present(b)
    edition_long = i18n.fmt_date(b.edition, lang, long=True)
    plan = b.ds.plan
    contested = [x for t in (by_id[i] for i in order) for x in
                 ([f"{t['title']}: {a}" for a in t["alternatives"]])]
    return {
        # the cover's and the running header's title are the plan's (plan.toml), every other label the catalog's
        "lang": lang, "labels": {**i18n.LABELS[lang], "title": plan.title[lang], "subtitle": plan.subtitle[lang]},
        "as_of": str(b.as_of),
        "front": front_matter(b.ds.front_matter.get(lang, {}), lang, edition_long),
        # the PDF's author: the issuing unit of a document that names one, else the project (no build code)
        "author": b.ds.front_matter.get(lang, {}).get("issuing_unit")
        or i18n.label("author_default", lang).format(who=plan.name[lang]),
        "edition": b.edition, "edition_text": edition_long, "fingerprint": b.fingerprint, "code_version": b.code_version,
        "colophon": T("colophon.text", as_of=b.as_of, edition=edition_long, fingerprint=b.fingerprint,
                      code_version=b.code_version),
        "bottom_line": ov.get("bottom_line", ""), "bottom_names": ov.get("bottom_names", []),
        "caveats": ov.get("caveats", []), "caveats_head": T("wording.caveats_head"),
        "window": ov.get("window", ""),
        "windows_differ": ov.get("windows_differ", []),
        "instruments": ov.get("instruments", ""), "not_public": ov.get("not_public", ""),
        "coverage": ov.get("coverage", ""), "risks": ov.get("risks", []), "held": ov.get("held", ""),
        "risks_head": T("summary.risks_head"),
        "groups": [{"title": g["title"], "rows": [{**r, "status": cell(r["status"])} for r in g["rows"]]}
                   for g in ov.get("groups", [])],
        "summary": b.summary,
        "changes": changes_layout(changes, b),
        # each window's real base year is per target (the first year with a figure from the window's start)
        "short_head": f"{i18n.label('status_short', lang)} ({T('labels.base_year_head')})",
        "long_head": f"{i18n.label('status_long', lang)} ({T('labels.base_year_head')})",
        "target_head": f"{i18n.label('target', lang)} {int(b.scorecard['target_year'].max())}"
        if len(b.scorecard) and b.scorecard["target_year"].nunique() == 1 else i18n.label("target", lang),
        "tracked": str(len(b.scorecard)),
        "coverage_text": b.coverage_text,
        "legend": [cell(s) for s in STATUSES],
        "flag_legend": [{"mark": i18n.FLAG_MARKS[f], "text": i18n.FLAG_NAMES[lang][f]} for f in flags],
        # page 2 shows the short-term marks only: its legend explains those and no other
        "summary_flag_legend": [{"mark": i18n.FLAG_MARKS[f], "text": i18n.FLAG_NAMES[lang][f]}
                                for f in _flags_present(b, ("flags",))],
        "pillars": pillars, "targets": targets, "context": context,
        "history": history_strip(b, order),
        "history_meaning": T("history.meaning") + (" " + T("history.proxy", mark=i18n.FLAG_MARKS["proxy"])
                                                  if history_strip(b, order)["proxy"] else ""),
        "history_changes": b.history_changes or [T("history.no_change")],
        "contested": contested,
        "sources": source_list(b, ds, lang),
        # the rules of the targets over a period (C1-C6, G1-G4) when the edition has one
        "method": i18n.text(lang, "method.paragraphs") + (i18n.text(lang, "method.period_paragraphs")
                                                          if _has_periods(b) else []),
        "references": i18n.text(lang, "method.references"),
        **currency_layout(b, edition_long),
    }


def latest_figure_text(b: Bundle) -> str:
    """The date of the newest figure behind any status (a dated count's day, else its year), so that the date
    the sources were read is never taken for the date the figures reach."""
    scored = set(b.scorecard["indicator_id"])
    periods = [str(p) for i, p in zip(b.points["indicator_id"], b.points["period"]) if i in scored]
    if not periods:
        return ""
    latest = max(periods, key=lambda p: (p[:4], p[5:] or "99"))  # a bare year stands for its whole year
    return i18n.fmt_date(latest, b.lang) if latest.count("-") == 2 else i18n.text(b.lang, "currency.year", year=latest[:4])


def currency_layout(b: Bundle, edition_long: str) -> dict:
    """Rule 19 for the template: the data cut-off beside the date of issue (cover, page 2) and the releases
    due but not in the data (page 2; each target's page carries its own as `due`)."""
    T = lambda key, **kw: i18n.text(b.lang, key, **kw)  # noqa: E731
    cutoff = currency_text.cutoff_text(b.data_cutoff, b.lang)
    short = i18n.fmt_date(str(b.data_cutoff), b.lang) if b.data_cutoff else ""
    latest = latest_figure_text(b)
    return {"header_note": T("currency.header", cutoff=short) if short else "",
            "cutoff_label": T("currency.cutoff_label"), "cutoff_meaning": T("currency.cutoff_meaning"),
            "cutoff_text": cutoff,
            "issue_and_cutoff": (T("currency.issue_and_cutoff", edition=edition_long, cutoff=cutoff)
                                 + (" " + T("currency.latest_figure", date=latest) if latest else "")) if cutoff else "",
            "due_head": T("currency.due_head"), "due": (b.overview or {}).get("due", []),
            "irregular": (b.overview or {}).get("irregular", [])}


# The order a reader meets the report's parts in (report.typ), for spelling out acronyms at first use.
READING_ORDER = ("front_matter", "coverage_text", "instruments", "not_public", "coverage", "bottom_line", "bottom_names",
                 "caveats", "groups", "summary_flag_legend", "held", "risks", "window", "windows_differ", "summary", "changes",
                 "pillars", "flag_legend", "history", "history_meaning", "history_changes", "targets", "context",
                 "method", "references", "contested", "sources", "colophon")
NOT_TEXT = {"chart", "url", "id", "fill", "ink", "lang", "edition", "fingerprint", "code_version", "labels", "as_of"}


def spell_out(report: dict, lang: str) -> dict:
    """Each acronym of data/acronyms.csv spelled out where the reader first meets it: 'Expansion (A)', or
    'Expansion – A' inside brackets; left as it is where its expansion already stands before it."""
    table = i18n.data_names("acronyms", lang)
    pending = dict(table)

    def fix(text: str) -> str:
        for acr, full in list(pending.items()):
            m = re.search(rf"(?<![\w/.-]){re.escape(acr)}(?![\w/-])", text)
            if not m:
                continue
            del pending[acr]
            before = text[:m.start()]
            if full.lower() in before.lower():
                continue
            # an element of a bracketed list ('(GII, WIPO)', '(SDSN)'): the words go inside, before a dash
            inside = re.search(r"[(,]\s*$", before) is not None and re.match(r"\s*[),]", text[m.end():]) is not None
            text = before + (f"{full} – {acr}" if inside else f"{full} ({acr})") + text[m.end():]
        return text

    def walk(value, key=""):
        if not pending or key in NOT_TEXT:
            return value
        if isinstance(value, str):
            return value if value.startswith("http") else fix(value)
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        return value

    for key in [k for k in READING_ORDER if k in report] + [k for k in report if k not in READING_ORDER]:
        report[key] = walk(report[key], key)
    return report


def window_head(key: str, year: str, lang: str) -> str:
    """'Short term (base year 2023)': the window with the base year it actually used for this target."""
    return f"{i18n.label(key, lang)} ({i18n.text(lang, 'labels.base_year', year=year)})" if year else i18n.label(key, lang)


def front_matter(fm: dict, lang: str, edition_long: str) -> dict | None:
    """plan.toml's [front_matter] in one edition, as the first and last pages print it (Decree 30/2020/ND-CP:
    issuing body and unit with the number on the left; the nation, its motto, place and date on the right;
    the signature block and addressees after the main text). None when nothing is set: nothing is printed."""
    if not fm:
        return None
    T = lambda key, **kw: i18n.text(lang, f"labels.{key}", **kw)  # noqa: E731
    head = any(k in fm for k in ("issuing_body", "issuing_unit", "number", "place"))
    return {
        "head": head,
        "issuing_body": fm.get("issuing_body", ""), "issuing_unit": fm.get("issuing_unit", ""),
        "number": T("fm_number", number=fm["number"]) if "number" in fm else "",
        "place_date": T("fm_place_date", place=fm["place"], date=edition_long) if "place" in fm else edition_long,
        "attachment_to": fm.get("attachment_to", ""),
        "addressee": fm.get("addressee", []),
        "signatory_title": fm.get("signatory_title", ""), "signatory_name": fm.get("signatory_name", ""),
    }


def proxy_years(b: Bundle) -> set[tuple[str, int]]:
    """(indicator, year) whose latest figure is a proxy (another coverage): the history greys them with the
    proxy mark in the PDF and the workbook alike, as a broader or narrower figure is no status break."""
    pts = b.points.sort_values("year")
    out = set()
    if "proxy" in pts:
        for ind, p in pts.groupby("indicator_id"):
            years, proxies = list(p["year"].astype(int)), list(p["proxy"].astype(bool))
            for y in b.history.columns:
                before = [x for yy, x in zip(years, proxies) if yy <= int(y)]
                if before and before[-1]:
                    out.add((ind, int(y)))
    return out


def history_strip(b: Bundle, order: list[str] | None = None) -> dict:
    """The status history as cells with colour and symbol: one row per target (the scorecard's order), one
    column per assessment year."""
    names = b.ds.indicators.set_index("indicator_id")[f"name_{b.lang}"]
    ind_of = b.ds.targets.set_index("target_id")["indicator_id"]
    h = b.history
    rows = [t for t in (order or list(h.index)) if t in h.index]
    # A year without a figure of its own has no new figure: its status is recomputed from the earlier years'
    # figures, with the base year of that assessment year, so it may differ from the year before. Its symbol is
    # put in brackets, so that no reader takes it for a year of new data.
    figure_years = set(zip(b.points["indicator_id"], b.points["year"].astype(int)))

    def symbol(t, year, s):
        sym = i18n.STATUS_SYMBOLS[s]
        return sym if s == "no_data" or (ind_of[t], int(year)) in figure_years else f"({sym})"

    proxy_latest = proxy_years(b)

    def cell(t, year, s):
        if (ind_of[t], int(year)) in proxy_latest and s != "no_data":
            return {"fill": PROXY_FILL, "ink": "#1a1a1a", "symbol": i18n.FLAG_MARKS["proxy"]}
        return {"fill": i18n.STATUS_COLOURS[s], "ink": i18n.STATUS_TEXT_COLOURS[s], "symbol": symbol(t, year, s)}

    return {"years": [str(y) for y in h.columns], "first": str(h.columns[0]) if len(h.columns) else "",
            "last": str(h.columns[-1]) if len(h.columns) else "",
            "proxy": any((ind_of[t], int(y)) in proxy_latest for t in rows for y in h.columns),
            "rows": [{"indicator": names[ind_of[t]],
                      "cells": [cell(t, year, s) for year, s in h.loc[t].items()]} for t in rows]}


PROXY_FILL = "#d9d9d9"  # a greyed history cell: the status rests on a proxy figure


def write_json(b: Bundle, charts: Charts, output_dir: Path, changes=None) -> Path:
    """output_dir/report.json: everything the typst template lays out. Written whole or not at all (a build may
    start laying out as soon as the file is there: EarlyTypesetting), and after the charts it names."""
    path = Path(output_dir) / "report.json"
    tmp = path.with_name(".report.json.tmp")
    tmp.write_text(json.dumps(spell_out(layout(b, charts, Path(output_dir), changes), b.lang), ensure_ascii=False, indent=1),
                   encoding="utf-8")
    os.replace(tmp, path)
    return path


class TypesetError(Exception):
    """typst could not lay out the report; the message is typst's."""


def _stat(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class Typesetting:
    """typst laying out bundle_dir/report.json into pdf_path, started at once, in a child process
    (analysis/editions/typeset.py): its Python binding holds the GIL while it lays out, so the editions' PDFs,
    compiled from threads of the build process, would otherwise wait for one another."""

    def __init__(self, bundle_dir: Path, pdf_path: Path) -> None:
        self.bundle_dir, self.pdf_path = Path(bundle_dir), Path(pdf_path)
        report = self.bundle_dir / "report.json"
        self.laid_out = _stat(report)  # which report.json this lays out: current() compares
        shutil.copy(config.TEMPLATE_DIR / "report.typ", self.bundle_dir / "report.typ")
        stamp = datetime.combine(date.fromisoformat(json.loads(report.read_text("utf-8"))["edition"]),
                                 datetime.min.time(), timezone.utc)
        args = {"input": str(self.bundle_dir / "report.typ"), "output": str(self.pdf_path), "root": str(self.bundle_dir),
                "font_paths": [str(config.font_dir())], "ignore_system_fonts": True,
                "timestamp": int(stamp.timestamp())}
        self.proc = subprocess.Popen([sys.executable, "-m", "analysis.editions.typeset", json.dumps(args)],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, encoding="utf-8")

    def current(self) -> bool:
        """Whether report.json is still the file this lays out (the notebook did not write it again)."""
        return self.laid_out is not None and _stat(self.bundle_dir / "report.json") == self.laid_out

    def result(self) -> Path:
        """The PDF, once typst has finished; TypesetError with typst's message if it could not lay it out."""
        _, err = self.proc.communicate()
        if self.proc.returncode:
            raise TypesetError(err.strip() or f"typst exited with status {self.proc.returncode}")
        without_suspects(self.pdf_path)
        return self.pdf_path

    def cancel(self) -> None:
        """Stop it if it still runs (its PDF is not wanted: the notebook failed, or wrote report.json again)."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.communicate()


class EarlyTypesetting:
    """Starts laying out the PDF as soon as the notebook has written report.json, whose charts it writes before
    it: typst then runs while the notebook goes on (the workbook, the views) and its kernel stops.

    take(), once the notebook has run, gives the started Typesetting if it lays out the report.json there now,
    else None (none was started, or the notebook wrote report.json again since)."""

    POLL = 0.02  # seconds between looks for report.json

    def __init__(self, bundle_dir: Path, pdf_path: Path) -> None:
        self.bundle_dir, self.pdf_path = Path(bundle_dir), Path(pdf_path)
        self.started: Typesetting | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name=f"typeset-{self.pdf_path.stem}", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        report = self.bundle_dir / "report.json"
        while not self._done.wait(self.POLL):
            if report.exists():
                try:
                    self.started = Typesetting(self.bundle_dir, self.pdf_path)
                except Exception:  # noqa: BLE001 - only a head start: compile_pdf lays it out again, or says why not
                    self.started = None
                return

    def take(self) -> Typesetting | None:
        self._done.set()
        self._thread.join()
        started, self.started = self.started, None
        if started is not None and not started.current():
            started.cancel()
            return None
        return started

    def cancel(self) -> None:
        """The notebook failed or the build stopped: no PDF is wanted."""
        started = self.take()
        if started is not None:
            started.cancel()


def compile_pdf(bundle_dir: Path, pdf_path: Path, started: Typesetting | None = None) -> Path:
    """Lay out bundle_dir/report.json with the typst template; byte-identical for identical inputs. started: the
    layout of that report.json into pdf_path already under way (EarlyTypesetting.take()), waited for instead."""
    started = started or Typesetting(bundle_dir, pdf_path)
    try:
        return started.result()
    finally:
        started.cancel()  # a no-op once it has finished; stops it if waiting was interrupted (Ctrl-C)


# Typst writes /MarkInfo<</Marked true/Suspects false>> in a tagged PDF's catalog. Suspects false is the PDF
# default, and poppler (pdftotext, pdfinfo; 22.x) prints "Syntax Error: Suspects object is wrong type
# (boolean)" on reading it. The key is blanked out with spaces of the same length: the byte offsets of the
# cross-reference table stay right, the tags (accessibility) and the pages stay exactly as typst made them.
SUSPECTS = b"/MarkInfo<</Marked true/Suspects false>>"
NO_SUSPECTS = b"/MarkInfo<</Marked true" + b" " * len(b"/Suspects false") + b">>"


def without_suspects(pdf_path: Path) -> None:
    data = Path(pdf_path).read_bytes()
    if data.count(SUSPECTS) == 1:
        Path(pdf_path).write_bytes(data.replace(SUSPECTS, NO_SUSPECTS))
