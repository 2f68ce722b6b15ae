"""data/plan.toml's [plan] and [instruments.*] tables: whose plan the report follows (a country's, a province's,
a ministry's), its title, the short name its output files carry, and the instruments that set its targets, in
the order the report groups them. Nothing of a plan is in the code or the catalogs: the same code serves any
data folder.

    [plan]
    scope = "country"                      # country | province | ministry
    short_name = "..."                     # output names: <short_name>-report-<year>-<lang>.pdf ...
    name = { vi = "...", en = "..." }      # whose plan
    title = { vi = "...", en = "..." }
    subtitle = { vi = "...", en = "..." }
    [instruments."<id>"]                   # one table per instrument, its id as targets.csv writes it
    name = { vi = "...", en = "..." }      # in full
    short = { vi = "...", en = "..." }
    date = 2025-01-24                      # optional
    targets_total = 22                     # optional: how many targets the instrument sets
    programme = { vi = "...", en = "..." } # optional, with targets_total: what those targets make up
    programme_short = { ... }              # optional: the same, said again

Every problem is located (file, line, key); with any, the report is not built.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .. import config
from .messages import Either, Msg
from .schema import Problem, display_path

FILE = "plan.toml"
SCOPES = ("country", "province", "ministry")
PLAN_TEXT = ("name", "title", "subtitle")
PLAN_KEYS = ("scope", "short_name", *PLAN_TEXT)
INSTRUMENT_TEXT = ("name", "short")
INSTRUMENT_OPTIONAL_TEXT = ("programme", "programme_short")
INSTRUMENT_KEYS = (*INSTRUMENT_TEXT, "date", "targets_total", *INSTRUMENT_OPTIONAL_TEXT)
SHORT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # it names files: lower-case letters, digits, hyphens


@dataclass(frozen=True)
class Instrument:
    id: str
    name: dict            # {lang: text}
    short: dict
    date: str = ""        # ISO date, or "" when not given
    targets_total: int | None = None
    programme: dict = field(default_factory=dict)
    programme_short: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    scope: str
    short_name: str
    name: dict            # {lang: text}
    title: dict
    subtitle: dict
    instruments: tuple[Instrument, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.instruments)

    def instrument(self, instrument_id: str) -> Instrument | None:
        return next((i for i in self.instruments if i.id == instrument_id), None)


def report_name(plan: Plan, as_of: int, lang: str, ext: str = "pdf") -> str:
    """The name of one edition's output: the PDF, or with ext="ipynb"/"xlsx" the notebook or workbook."""
    return f"{plan.short_name}-report-{as_of}-{lang}.{ext}"


# ------------------------------------------------------------------ where a key is, for the messages

def _dotted(key: str) -> tuple[str, ...]:
    """'instruments."12/KH-UBND"' -> ('instruments', '12/KH-UBND')."""
    return tuple(a or b or c for a, b, c in re.findall(r'"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', key))


def _lines(text: str) -> dict[tuple[str, ...], int]:
    """The line of each table header and of each key's first setting, by dotted path."""
    out: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for n, line in enumerate(text.splitlines(), 1):
        head = re.match(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$", line)
        if head:
            table = _dotted(head.group(1))
            out.setdefault(table, n)
            continue
        m = re.match(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""", line)
        if m:
            path = table + _dotted(m.group(1))
            for i in range(len(table) + 1, len(path) + 1):
                out.setdefault(path[:i], n)
    return out


# ------------------------------------------------------------------ reading

def read(data_dir: Path, langs: tuple[str, ...] = config.LANGS) -> tuple[Plan | None, list[Problem]]:
    """(the plan, located problems); None with at least one problem when the plan cannot be read."""
    from .plan import _per_language

    path = Path(data_dir) / FILE
    shown = display_path(path)
    if not path.exists():
        return None, [Problem(shown, 0, "plan", "missing: every data folder needs a plan.toml with a [plan] table "
                              f"({', '.join(PLAN_KEYS)}) and one [instruments.\"<id>\"] table per instrument "
                              "(see data/README.md)")]
    text = path.read_text(encoding="utf-8")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None, []  # plan.py reports the syntax error, located
    where = _lines(text)
    end = len(text.splitlines()) + 1  # a missing table belongs after the last line
    problems: list[Problem] = []

    def problem(path: tuple[str, ...], message: str) -> None:
        line = where.get(path) or where.get(path[:-1]) or where.get(path[:1]) or end
        problems.append(Problem(shown, line, ".".join(f'"{p}"' if not re.fullmatch(r"[A-Za-z0-9_-]+", p) else p
                                                      for p in path), message))

    def texts(table: dict, path: tuple[str, ...], keys: tuple[str, ...], required: bool) -> dict:
        out = {}
        for key in keys:
            if key not in table:
                if required:
                    problem((*path, key), f"missing; give it one per language ({', '.join(langs)}) or one for all")
                continue
            values, why = _per_language(table[key], langs, False)
            if values is None:
                problem((*path, key), why)
            elif not all(v.strip() for v in values.values()):
                problem((*path, key), "empty")
            else:
                out[key] = {lang: values[lang].strip() for lang in langs}
        return out

    plan = doc.get("plan")
    has_plan = isinstance(plan, dict)
    if not has_plan:
        problem(("plan",), "missing table [plan]" if plan is None else "must be a table ([plan])")
        plan = {}
    for key in plan:
        if key not in PLAN_KEYS:
            problem(("plan", key), f"unknown key; known keys: {', '.join(PLAN_KEYS)}")
    scope, short = plan.get("scope"), plan.get("short_name")
    if has_plan:
        if scope is None:
            problem(("plan", "scope"), f"missing; one of {', '.join(SCOPES)}")
        elif scope not in SCOPES:
            problem(("plan", "scope"), f"found {scope!r}: expected one of {', '.join(SCOPES)}")
        if short is None:
            problem(("plan", "short_name"), "missing; it names the output files, e.g. 'my-plan'")
        elif not isinstance(short, str) or not SHORT_NAME.match(short):
            problem(("plan", "short_name"), f"found {short!r}: expected lower-case letters, digits and hyphens "
                    "(it names the output files), e.g. 'my-plan'")
    plan_texts = texts(plan, ("plan",), PLAN_TEXT, required=has_plan)

    instruments = []
    table = doc.get("instruments")
    if table is None or table == {}:
        problem(("instruments",), "missing: one [instruments.\"<id>\"] table per instrument that sets targets "
                "(its id as targets.csv's instrument column writes it)")
        table = {}
    elif not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        problem(("instruments",), "must hold one table per instrument: [instruments.\"<id>\"]")
        table = {}
    for iid, inst in table.items():
        base = ("instruments", iid)
        if ";" in iid or not iid.strip():
            problem(base, "an instrument id cannot be empty or hold ';' (targets.csv separates instruments with it)")
        for key in inst:
            if key not in INSTRUMENT_KEYS:
                problem((*base, key), f"unknown key; known keys: {', '.join(INSTRUMENT_KEYS)}")
        got = texts(inst, base, INSTRUMENT_TEXT, required=True)
        opt = texts(inst, base, INSTRUMENT_OPTIONAL_TEXT, required=False)
        date = inst.get("date", "")
        if date != "" and not (isinstance(date, dt.date) and not isinstance(date, dt.datetime)):
            problem((*base, "date"), f"found {date!r}: expected a date such as 2025-01-24 (no quotes)")
            date = ""
        total = inst.get("targets_total")
        if total is not None and (isinstance(total, bool) or not isinstance(total, int) or total < 1):
            problem((*base, "targets_total"), f"found {total!r}: expected a whole number of targets, 1 or more")
            total = None
        if opt and total is None:
            problem((*base, next(iter(opt))), "given without targets_total, which it goes with")
        if len(got) == len(INSTRUMENT_TEXT):
            instruments.append(Instrument(iid, got["name"], got["short"], date.isoformat() if date else "",
                                          total, opt.get("programme", {}), opt.get("programme_short", {})))
    if problems:
        return None, problems
    return Plan(scope, short, plan_texts["name"], plan_texts["title"], plan_texts["subtitle"], tuple(instruments)), []


def check_targets(plan: Plan, targets, shown: str) -> list[Problem]:
    """Each instrument targets.csv names must be one of plan.toml's (an empty one: not scored, as documented)."""
    out = []
    for r in targets.to_dict("records"):
        for x in [s.strip() for s in str(r.get("instrument") or "").split(";") if s.strip()]:
            if x not in plan.ids:
                out.append(Problem(shown, int(r["_line"]), "instrument",
                                   Msg("not_instrument", value=x, ids=Either(tuple(plan.ids)))))
    return out
