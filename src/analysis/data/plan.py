"""data/plan.toml: settings of the report that are not figures. Its table [front_matter] holds what makes the
PDF an administrative document (Decree 30/2020/ND-CP): issuing body and unit, number, place, addressees,
signatory, and the document it is annexed to. Every key is optional; a file or table that is absent, or
keys all commented out, print nothing of it.

A value is one string for every edition, or a table with one string per language ({vi = "...", en = "..."});
addressee is a list of strings, or a table with one list per language.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .. import config
from .schema import Problem, display_path

FILE = "plan.toml"
TEXT_KEYS = ("issuing_body", "issuing_unit", "number", "place", "signatory_title", "signatory_name",
             "attachment_to")
LIST_KEYS = ("addressee",)
KEYS = (*TEXT_KEYS, *LIST_KEYS)
TABLES = ("front_matter", "plan", "instruments")  # [plan] and [instruments.*]: read by plan_identity.py


def _line_of(text: str, key: str, table: str = "front_matter") -> int:
    """The line where `key` is set in [table] (or as table.key), for the message; 0 when not found."""
    current = ""
    for n, line in enumerate(text.splitlines(), 1):
        head = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if head:
            current = head.group(1).strip().strip('"')
            if table == "" and current.split(".")[0] == key:  # a table's own line
                return n
            continue
        m = re.match(r'\s*"?([A-Za-z0-9_.-]+)"?\s*=', line)
        if m and (current == table and m.group(1).split(".")[0] == key or m.group(1) == f"{table}.{key}"):
            return n
    return 0


def _per_language(value, langs: tuple[str, ...], is_list: bool) -> tuple[dict | None, str]:
    """{lang: value} from one value for all or one per language; (None, why) when the value is of no form."""
    ok = (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)) if is_list \
        else (lambda v: isinstance(v, str))
    form = "a list of strings" if is_list else "a string"
    if ok(value):
        return {lang: value for lang in langs}, ""
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(langs))
        if unknown:
            return None, f"unknown language(s) {', '.join(unknown)}; expected {' and '.join(langs)}"
        missing = [lang for lang in langs if lang not in value]
        if missing:
            return None, f"no value for {', '.join(missing)}: give one per language ({', '.join(langs)}), " \
                         f"or {form} for every edition"
        bad = [lang for lang in langs if not ok(value[lang])]
        if bad:
            return None, f"the {', '.join(bad)} value must be {form}"
        return dict(value), ""
    return None, f"must be {form}, or a table with one per language ({', '.join(langs)})"


def read(data_dir: Path, langs: tuple[str, ...] = config.LANGS) -> tuple[dict[str, dict], list[Problem]]:
    """({lang: {key: value}} with only the keys set, located problems). An absent file gives ({}, [])."""
    path = Path(data_dir) / FILE
    if not path.exists():
        return {}, []
    text = path.read_text(encoding="utf-8")
    shown = display_path(path)  # as the CSV files' problems name theirs
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(m.group(1)), m.group(2)) if m else (0, "")
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return {}, [Problem(shown, line, f"column {col}" if col else "", f"not valid TOML: {message}")]
    problems = [Problem(shown, _line_of(text, k, ""), k, f"unknown table '{k}'; this file reads "
                        + ", ".join(f"[{t}]" for t in TABLES), level="warning")
                for k in doc if k not in TABLES]
    fm = doc.get("front_matter", {})
    if not isinstance(fm, dict):
        return {}, problems + [Problem(shown, _line_of(text, "front_matter", ""), "front_matter",
                                       "must be a table ([front_matter])")]
    out: dict[str, dict] = {lang: {} for lang in langs}
    for key, value in fm.items():
        if key not in KEYS:
            problems.append(Problem(shown, _line_of(text, key), f"front_matter.{key}",
                                    f"unknown key; known keys: {', '.join(KEYS)}"))
            continue
        values, why = _per_language(value, langs, key in LIST_KEYS)
        if values is None:
            problems.append(Problem(shown, _line_of(text, key), f"front_matter.{key}", why))
            continue
        for lang in langs:
            v = [x.strip() for x in values[lang] if x.strip()] if key in LIST_KEYS else values[lang].strip()
            if v:
                out[lang][key] = v
    return ({} if not any(out.values()) else out), problems
