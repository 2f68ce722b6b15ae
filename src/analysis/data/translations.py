"""Vietnamese text for the Vietnamese edition, kept apart from the data (as Open SDG keeps each language's text
in its own file): quotations from foreign-language sources, the notes of observations and sources, and the
indicators' notes (their definitions, shown in the Vietnamese intake workbook).

data/translations/vi.csv, one row per text: table (observations, sources or indicators), key (a source's
source_id; an observation's indicator_id|period|source_id; an indicator's indicator_id), column (locator, note or
title), original (the exact text translated), text (the Vietnamese). An entry whose original no longer equals the
data's text is stale: the validator warns and the outputs print the data's own text until the entry is translated
again. The data files stay as they are; the English edition and the workbook's locator column keep the original.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from .schema import RAW_ROW, Problem, display_path, records

FILE = Path("translations") / "vi.csv"
COLUMNS = ("table", "key", "column", "original", "text")
ALLOWED = {"observations": ("locator", "note"), "sources": ("note", "title"),  # title: foreign-language sources only
           "indicators": ("note",)}  # the definition shown in the Vietnamese intake

_cache: dict[tuple, tuple[dict, list[Problem]]] = {}


def read(data_dir: Path) -> tuple[dict[tuple[str, str, str], dict], list[Problem]]:
    """{(table, key, column): {"original", "text", "line"}} and the file's problems (errors: the file is
    unusable or a row is malformed, and that row is skipped). No file: no translations, no problem."""
    path = Path(data_dir) / FILE
    try:
        stat = path.stat()
    except OSError:  # no file (or none readable here)
        return {}, []
    if not path.is_file():
        return {}, []
    # keyed by the path as given, its change time and size: one stat per lookup (the PDF and workbook look up
    # hundreds of cells), no resolving of the path each time
    cache_key = (str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)
    cached = _cache.get(cache_key)
    if cached is not None:
        return cached
    shown = display_path(path)
    entries: dict[tuple[str, str, str], dict] = {}
    problems: list[Problem] = []

    def error(line: int, column: str, message: str) -> None:
        problems.append(Problem(shown, line, column, message))

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        error(raw[: exc.start].count(b"\n") + 1, "", "the file is not UTF-8; save it as 'CSV UTF-8 (comma delimited)'")
        text = ""
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")))) if text else []
    header = [h.strip() for h in rows[0]] if rows else []
    if text and [c for c in COLUMNS if c not in header]:
        error(1, "", f"expected the header {','.join(COLUMNS)}; found '{','.join(header)[:80]}'")
        rows = []
    for i, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            error(i, "", f"found {len(row)} fields, expected {len(header)} as in the header "
                         "(a comma inside a text needs double quotes)")
            continue
        cells = dict(zip(header, row))
        table, key, column = cells["table"].strip(), cells["key"].strip(), cells["column"].strip()
        if table not in ALLOWED:
            error(i, "table", f"found '{table}': expected {', '.join(list(ALLOWED)[:-1])} or {list(ALLOWED)[-1]}")
        elif column not in ALLOWED[table]:
            error(i, "column", f"found '{column}': expected {' or '.join(ALLOWED[table])} for {table}")
        elif table == "observations" and len(key.split("|")) != 3:
            error(i, "key", f"found '{key}': expected indicator_id|period|source_id")
        elif not cells["text"].strip():
            error(i, "text", "empty; a translation is required (delete the row to print the original)")
        elif (table, key, column) in entries:
            error(i, "key", f"{table} {key} {column} translated twice; first at line "
                            f"{entries[(table, key, column)]['line']}")
        else:
            entries[(table, key, column)] = {"original": cells["original"], "text": cells["text"].strip(), "line": i}
    _cache[cache_key] = (entries, problems)
    return entries, problems


def _current(ds) -> dict[tuple[str, str, str], str]:
    """The data's own text of every translatable cell, keyed as in the translations file."""
    out = {}
    for r in records(ds.observations):
        key = f"{r['indicator_id']}|{r['period']}|{r['source_id']}"
        for column in ALLOWED["observations"]:
            out[("observations", key, column)] = str(r.get(column) or "")
    for r in records(ds.sources):
        out[("sources", r["source_id"], "note")] = str(r.get("note") or "")
        if str(r.get("language") or "vi") != "vi":  # the bibliography renders a foreign title in Vietnamese
            out[("sources", r["source_id"], "title")] = str(r.get("title") or "")
    for r in records(ds.indicators):
        out[("indicators", r["indicator_id"], "note")] = str(r.get("note") or "")
    return out


def check(ds) -> list[Problem]:
    """The file's errors, then one warning per entry whose key is unknown or whose original is stale."""
    entries, problems = read(ds.data_dir)
    shown = display_path(Path(ds.data_dir) / FILE)
    current = _current(ds)
    out = list(problems)
    for (table, key, column), e in entries.items():
        if (table, key, column) not in current:
            out.append(Problem(shown, e["line"], "key", f"unknown {table} key '{key}'; no row of {table}.csv "
                               "has it, so the translation is not used", "warning"))
        elif current[(table, key, column)] != e["original"]:
            out.append(Problem(shown, e["line"], "original", f"stale: the {column} of {table} {key} has changed "
                               "since it was translated; the original is printed until the text is translated "
                               "again", "warning"))
    return out


def lookup(ds, table: str, key: str, column: str, original: str) -> str | None:
    """The translation of a cell whose text is `original`, or None (none, stale or the file is unusable)."""
    e = read(ds.data_dir)[0].get((table, key, column))
    return e["text"] if e is not None and e["original"] == str(original or "") else None


def language_name(code: str, lang: str = "vi") -> str:
    """The catalog's name of a source language in lang (workbook language.<code>), else misc.foreign_language."""
    from .. import i18n
    return i18n.catalog(lang).get("workbook", {}).get(f"language.{code}", i18n.text(lang, "misc.foreign_language"))


def locator(ds, row: dict, lang: str) -> str | None:
    """The vi edition's quotation of a foreign-language source: the translation quoted, then the catalog's mark
    misc.translated naming the source's language; None when the edition is not vi, the source is in Vietnamese
    or the quotation has no current translation."""
    if lang != "vi":
        return None
    code = str(_source_languages(ds).get(row["source_id"], "vi"))
    if code == "vi":
        return None
    text = lookup(ds, "observations", f"{row['indicator_id']}|{row['period']}|{row['source_id']}", "locator",
                  row.get("locator"))
    if text is None:
        return None
    from .. import i18n
    return f"“{text}” " + i18n.text(lang, "misc.translated", language=language_name(code, lang))


def _source_languages(ds) -> dict:
    """{source_id: language}, worked out once per data set (kept on it, as the engine keeps its numbers)."""
    langs = ds.__dict__.get("_source_languages")
    if langs is None:
        langs = ds.__dict__["_source_languages"] = dict(zip(ds.sources["source_id"], ds.sources["language"]))
    return langs


def title(ds, row: dict, lang: str) -> str | None:
    """The vi edition's rendering of a foreign-language source's title; None when the edition is not vi, the
    source is in Vietnamese or the title has no current translation."""
    if lang != "vi" or str(row.get("language") or "vi") == "vi":
        return None
    return lookup(ds, "sources", row["source_id"], "title", row.get("title"))


def indicator_note(ds, row: dict, lang: str) -> tuple[str, bool]:
    """An indicator's note (its definition) in lang: (text, True) with its current Vietnamese translation in vi;
    (the data's own text, False) otherwise: in en, or in vi when there is no translation or it is stale."""
    original = str(row.get("note") or "")
    if lang != "vi" or not original:
        return original, False
    text = lookup(ds, "indicators", row["indicator_id"], "note", original)
    return (text, True) if text is not None else (original, False)


def localised(ds, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Copies of the observations and sources whose notes are in Vietnamese where translated (vi only);
    locators stay as the source has them."""
    obs, src = ds.observations.copy(), ds.sources.copy()
    if lang != "vi" or not read(ds.data_dir)[0]:
        return obs, src
    obs["note"] = [lookup(ds, "observations", f"{r['indicator_id']}|{r['period']}|{r['source_id']}", "note",
                          r["note"]) or r["note"] for r in records(obs)]
    src["note"] = [lookup(ds, "sources", r["source_id"], "note", r["note"]) or r["note"]
                   for r in records(src)]
    return obs, src


def worklist(ds) -> list[dict]:
    """The cells the vi edition still prints untranslated, in the file's columns: a stale entry with its old
    translation in `text` (to revise), or a cell with none (`text` empty). Cells: the quotations of foreign-language
    sources (not a raw data-table row, which the report never quotes) and every non-empty note (observations,
    sources and indicators)."""
    entries = read(ds.data_dir)[0]
    lang = dict(zip(ds.sources["source_id"], ds.sources["language"]))
    out = []
    for (table, key, column), original in _current(ds).items():
        if not original or (column == "locator" and (lang.get(key.split("|")[2], "vi") == "vi"
                                                     or RAW_ROW.match(original))) \
                or (column == "title" and original.startswith("(") and original.endswith(")")):  # a stand-in
            continue
        e = entries.get((table, key, column))
        if e is None or e["original"] != original:
            out.append({"table": table, "key": key, "column": column, "original": original,
                        "text": e["text"] if e else ""})
    return out


def merge(data_dir: Path, rows: list[dict]) -> int:
    """Write the rows that have a `text` into the translations file (replacing the same cell's entry), sorted by
    table, key and column; returns how many were written."""
    path = Path(data_dir) / FILE
    entries = {}
    if path.is_file():
        with path.open(encoding="utf-8-sig", newline="") as f:
            entries = {(r["table"], r["key"], r["column"]): r for r in csv.DictReader(f)}
    done = [r for r in rows if str(r.get("text") or "").strip()]
    for r in done:
        entries[(r["table"], r["key"], r["column"])] = {c: str(r[c]).strip() if c == "text" else r[c] for c in COLUMNS}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        order = {t: n for n, t in enumerate(ALLOWED)}  # observations, sources, then indicators
        w.writerows(entries[k] for k in sorted(entries, key=lambda k: (order.get(k[0], len(order)), k[1], k[2])))
    return len(done)
