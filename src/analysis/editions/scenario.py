"""What-if scenarios for notebooks/scenario.ipynb: hypothetical figures (indicator, year, value) added to an
in-memory copy of the observations, the scorecard with and without them, the targets whose status or marks
change, and their charts with the hypothetical points drawn as such.

Nothing here writes to the data folder: the copy lives in memory only, and charts go where the caller says.
"""
from __future__ import annotations

import dataclasses
import math
import numbers
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import i18n
from ..data.schema import Dataset
from ..data.validate import RANGES, WHOLE
from ..engine.scorecards import with_grade
from . import bundle, notebook_view, plots
from .bundle import Bundle
from .charts import _others, _producers
from .explore import edition_year
from .phrases import marks

# The source_id and producer of a hypothetical figure: never an id of sources.csv (ids there are slugs without ':').
HYPOTHETICAL = "scenario:hypothetical"
EARLIEST_YEAR = 1900  # a year before this is a typing slip, not a scenario


class ScenarioError(ValueError):
    """A bad notebook parameter; the message names it (scenario[i], as_of) in the edition's language."""


@dataclass
class Run:
    """One scenario assessed: the edition without the hypothetical figures, and with them, both as of `as_of`;
    and the report itself, as of its own year `report_as_of` (a later hypothetical year moves `as_of` past it)."""
    lang: str
    as_of: int
    figures: pd.DataFrame   # indicator_id, year, value: the hypothetical figures as checked
    replaced: pd.DataFrame  # the recorded figures of those indicators and years, set aside in the copy
    without: Bundle
    with_: Bundle
    report_as_of: int = 0
    report: Bundle | None = None

    @property
    def moved(self) -> bool:
        """The hypothetical figures carry the assessment past the report's own year."""
        return self.as_of != self.report_as_of


def _say(lang: str, key: str, **values) -> str:
    return i18n.text(lang, f"scenario.{key}", **values)


def check(ds: Dataset, scenario, lang: str, as_of: int = 0) -> tuple[pd.DataFrame, int]:
    """The hypothetical figures as a table (indicator_id, year, value) and the year of assessment; any bad
    entry raises ScenarioError naming the parameter. as_of 0: the latest year the data or the scenario reach."""
    i18n.check_lang(lang)
    if isinstance(as_of, bool) or not isinstance(as_of, numbers.Integral) or (as_of and as_of < EARLIEST_YEAR):
        raise ScenarioError(_say(lang, "error_as_of_year", found=repr(as_of)))
    targets = ds.targets.groupby("indicator_id")["target_year"].max()
    kinds = dict(zip(ds.indicators["indicator_id"], ds.indicators["kind"]))
    names = ds.indicators.set_index("indicator_id")[f"name_{lang}"]
    one_entry = isinstance(scenario, (list, tuple)) and len(scenario) == 3 and isinstance(scenario[0], str)
    if isinstance(scenario, (str, bytes)) or not isinstance(scenario, (list, tuple)) or one_entry:
        raise ScenarioError(_say(lang, "error_not_list", found=repr(scenario)))
    rows, seen = [], {}
    for i, entry in enumerate(scenario):
        where = f"scenario[{i}]"
        if isinstance(entry, (str, bytes)) or not isinstance(entry, (list, tuple)) or len(entry) != 3:
            raise ScenarioError(_say(lang, "error_entry", where=where, found=repr(entry)))
        ind, year, value = entry
        if ind not in targets.index:
            known = ", ".join(sorted(targets.index))
            raise ScenarioError(_say(lang, "error_indicator", where=where, found=repr(ind), known=known))
        if isinstance(year, bool) or not isinstance(year, numbers.Integral) or year < EARLIEST_YEAR:
            raise ScenarioError(_say(lang, "error_year", where=where, found=repr(year)))
        if year > targets[ind]:
            raise ScenarioError(_say(lang, "error_after_target", where=where, year=int(year),
                                     target_year=int(targets[ind]), name=names[ind], id=ind))
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
            raise ScenarioError(_say(lang, "error_value", where=where, found=repr(value)))
        problem = _out_of_range(kinds[ind], float(value), lang)
        if problem:
            raise ScenarioError(_say(lang, "error_range", where=where, name=names[ind], id=ind, why=problem))
        if (ind, int(year)) in seen:
            raise ScenarioError(_say(lang, "error_twice", where=where, first=seen[(ind, int(year))],
                                     id=ind, year=int(year)))
        seen[(ind, int(year))] = f"scenario[{i}]"
        rows.append({"indicator_id": ind, "year": int(year), "value": float(value)})
    figures = pd.DataFrame(rows, columns=["indicator_id", "year", "value"])
    latest = int(figures["year"].max()) if len(figures) else None
    if as_of:
        as_of = int(as_of)
        if latest is not None and latest > as_of:
            raise ScenarioError(_say(lang, "error_as_of", as_of=as_of, year=latest))
    else:
        as_of = max(edition_year(ds), latest or 0)
    return figures, as_of


def _out_of_range(kind: str, value: float, lang: str) -> str | None:
    """The valid range of the indicator's kind (validate.RANGES), in the edition's words."""
    lo, hi = RANGES[kind]
    num = lambda v: i18n.fmt_number(v, lang)  # noqa: E731
    if lo is not None and value < lo:
        return _say(lang, "range_below", value=num(value), bound=num(lo))
    if hi is not None and value > hi:
        return _say(lang, "range_above", value=num(value), bound=num(hi))
    if kind in WHOLE and value != int(value):
        return _say(lang, "range_whole", value=num(value))
    return None


def apply(ds: Dataset, figures: pd.DataFrame) -> tuple[Dataset, pd.DataFrame]:
    """A copy of ds whose observations carry the hypothetical figures (selected, source HYPOTHETICAL) in place
    of every figure recorded for the same indicator and year; returns the copy and the rows set aside.
    ds itself, and the files it was read from, are left as they are."""
    obs = ds.observations.copy()
    year = obs["period"].astype(str).str[:4].astype(int)
    keys = set(zip(figures["indicator_id"], figures["year"]))
    hit = pd.Series([k in keys for k in zip(obs["indicator_id"], year)], index=obs.index, dtype=bool)
    replaced = obs[hit]
    new = pd.DataFrame({
        "indicator_id": figures["indicator_id"], "period": figures["year"].astype(str), "value": figures["value"],
        "source_id": HYPOTHETICAL, "locator": "", "status": "estimate", "selected": True, "note": "",
        "qualifier": "", "partial": False, "producer": HYPOTHETICAL, "proxy": False, "grade": "A",
        "out_of": float("nan"), "_line": 0,
    })
    # Only the value is hypothetical: producer, proxy, grade and out_of continue the indicator's series, so that
    # no series break (a producer switch), proxy or grade mark appears or vanishes because of the scenario.
    for i, f in new.iterrows():
        ref = _series_row(obs, f["indicator_id"], int(f["period"]))
        if ref is not None:
            for col in ("producer", "proxy", "grade", "out_of"):
                if col in obs:
                    new.at[i, col] = ref[col]
    new = new[[c for c in obs.columns if c in new]]
    if new.empty:
        return dataclasses.replace(ds, problems=[]), replaced
    obs = pd.concat([obs[~hit], new], ignore_index=True).astype({"selected": bool, "partial": bool, "proxy": bool})
    sources = pd.concat([ds.sources, pd.DataFrame([{"source_id": HYPOTHETICAL, "publisher": HYPOTHETICAL,
                                                    "title": HYPOTHETICAL, "published": "", "_line": 0}])],
                        ignore_index=True).fillna({c: "" for c in ds.sources.columns if c != "_line"})
    return dataclasses.replace(ds, observations=obs, sources=sources, problems=[]), replaced


def _series_row(obs: pd.DataFrame, indicator_id: str, year: int) -> pd.Series | None:
    """The recorded selected full-year figure of the indicator nearest the year: the latest at or before it,
    else the earliest after it; None when the indicator has none."""
    s = obs[(obs["indicator_id"] == indicator_id) & obs["selected"] & ~obs["partial"]]
    if s.empty:
        return None
    s = s.assign(_year=s["period"].astype(str).str[:4].astype(int)).sort_values("period", kind="stable")
    before = s[s["_year"] <= year]
    return before.iloc[-1] if len(before) else s.iloc[0]


def run(ds: Dataset, scenario, lang: str, as_of: int = 0) -> Run:
    """Check the parameters, then assess the edition without and with the hypothetical figures."""
    figures, as_of = check(ds, scenario, lang, as_of)
    changed, replaced = apply(ds, figures)
    without = bundle.build(ds, as_of, lang)
    report_as_of = edition_year(ds)
    report = without if report_as_of == as_of else bundle.build(ds, report_as_of, lang)
    return Run(lang=lang, as_of=as_of, figures=figures, replaced=replaced, without=without,
               with_=bundle.build(changed, as_of, lang), report_as_of=report_as_of, report=report)


# ---------------------------------------------------------------- what the notebook shows

def _names(r: Run) -> pd.Series:
    return r.without.ds.indicators.set_index("indicator_id")[f"name_{r.lang}"]


def figures_table(r: Run) -> pd.DataFrame:
    """The hypothetical figures as taken, each with the recorded figure of that year it stands in for."""
    names = _names(r)
    selected = r.replaced[r.replaced["selected"] & ~r.replaced["partial"]]
    recorded = {(i, int(str(p)[:4])): i18n.fmt_qualified(v, q, r.lang)
                for i, p, v, q in zip(selected["indicator_id"], selected["period"], selected["value"],
                                      selected["qualifier"])}
    return pd.DataFrame({
        _say(r.lang, "col_indicator"): [names[i] for i in r.figures["indicator_id"]],
        _say(r.lang, "col_year"): r.figures["year"].tolist(),
        _say(r.lang, "col_value"): [i18n.fmt_number(v, r.lang) for v in r.figures["value"]],
        _say(r.lang, "col_recorded"): [recorded.get((i, y), "") for i, y in zip(r.figures["indicator_id"],
                                                                               r.figures["year"])],
    })


WINDOWS = (("status", "flags", "status_short"), ("status_long", "flags_long", "status_long"))


def changes(r: Run) -> pd.DataFrame:
    """One row per target and window whose status or marks differ with the hypothetical figures:
    target_id, indicator_id, window (the label key), status and flags before and after."""
    a = r.without.scorecard.set_index("target_id")
    b = r.with_.scorecard.set_index("target_id")
    rows = []
    for t in a.index:
        for status, flags, window in WINDOWS:
            before = (a.at[t, status], _flag_list(a.at[t, flags]))
            after = (b.at[t, status], _flag_list(b.at[t, flags]))
            if before != after:
                rows.append({"target_id": t, "indicator_id": a.at[t, "indicator_id"], "window": window,
                             "status_before": before[0], "flags_before": ";".join(before[1]),
                             "status_after": after[0], "flags_after": ";".join(after[1])})
    return pd.DataFrame(rows, columns=["target_id", "indicator_id", "window", "status_before", "flags_before",
                                       "status_after", "flags_after"])


def _flag_list(flags) -> tuple[str, ...]:
    return tuple(sorted(f for f in ("" if i18n.is_missing(flags) else str(flags)).split(";") if f))


def _status(status: str, flags: str, lang: str) -> str:
    return f"{i18n.status_name(status, lang)} {marks(flags)}".rstrip()


def change_sentences(r: Run) -> list[str]:
    """The changes in words: a count, then one line per target and window (before → after)."""
    ch = changes(r)
    if ch.empty:
        return [_say(r.lang, "no_change", year=r.as_of)]
    names = _names(r)
    out = [_say(r.lang, "changed", n=ch["target_id"].nunique(), year=r.as_of)]
    for c in ch.to_dict("records"):
        out.append(_say(r.lang, "change", name=names[c["indicator_id"]],
                        window=i18n.label(c["window"].replace("status_", "window_"), r.lang),
                        before=_status(c["status_before"], c["flags_before"], r.lang),
                        after=_status(c["status_after"], c["flags_after"], r.lang)))
    return out


def changes_table(r: Run) -> pd.DataFrame:
    ch = changes(r)
    names = _names(r)
    return pd.DataFrame({
        _say(r.lang, "col_indicator"): [names[i] for i in ch["indicator_id"]],
        _say(r.lang, "col_window"): [i18n.label(w, r.lang) for w in ch["window"]],
        _say(r.lang, "col_before"): [_status(s, f, r.lang) for s, f in zip(ch["status_before"], ch["flags_before"])],
        _say(r.lang, "col_after"): [_status(s, f, r.lang) for s, f in zip(ch["status_after"], ch["flags_after"])],
    })


def marks_used(r: Run) -> list[str]:
    """'† : name' for each mark printed in the changes, so the table reads without the report."""
    ch = changes(r)
    used = set(";".join([*ch["flags_before"], *ch["flags_after"]]).split(";")) - {""}
    return [f"{i18n.FLAG_MARKS[f]} {i18n.FLAG_NAMES[r.lang][f]}" for f in i18n.FLAG_MARKS
            if f in used and f in i18n.FLAG_NAMES[r.lang]]


def assessment_year_note(r: Run) -> str:
    """Said first whenever a hypothetical year moves the assessment past the report's own year."""
    if not r.moved:
        return _say(r.lang, "same_year", year=r.as_of)
    return _say(r.lang, "moved_year", report=r.report_as_of, year=r.as_of)


def comparison(r: Run) -> pd.DataFrame:
    """Every target and window: the report's own status (as of its year), then, when the scenario moves the
    assessment year, the recorded figures assessed as of that year, then the status with the hypothetical
    figures. Indicator names in full."""
    names = _names(r)
    rep = r.report.scorecard.set_index("target_id")
    alt = r.without.scorecard.set_index("target_id")
    hyp = r.with_.scorecard.set_index("target_id")
    rows = []
    for t in hyp.index:
        for status, flags, window in WINDOWS:
            row = {_say(r.lang, "col_indicator"): names[hyp.at[t, "indicator_id"]],
                   _say(r.lang, "col_window"): i18n.label(window, r.lang),
                   _say(r.lang, "col_report", year=r.report_as_of): (
                       _status(rep.at[t, status], rep.at[t, flags], r.lang) if t in rep.index else "")}
            if r.moved:
                row[_say(r.lang, "col_recorded_as_of", year=r.as_of)] = _status(alt.at[t, status], alt.at[t, flags],
                                                                               r.lang)
            row[_say(r.lang, "col_hypothetical", year=r.as_of)] = _status(hyp.at[t, status], hyp.at[t, flags],
                                                                          r.lang)
            rows.append(row)
    return pd.DataFrame(rows)


def show_comparison(r: Run) -> None:
    """The comparison as a table without pandas' row numbers and without cutting names short."""
    from IPython.display import display

    print(assessment_year_note(r))
    display(comparison(r).style.hide(axis="index").set_properties(**{"text-align": "left"}))


def text_report(r: Run) -> str:
    """What the notebook shows, as plain text for a terminal: the year note, the changes, the comparison."""
    lines = [assessment_year_note(r), "", *change_sentences(r)]
    if len(changes(r)):
        lines += marks_used(r)
    table = comparison(r)
    # Left-aligned columns, each as wide as its longest cell: names are never cut short.
    widths = {c: max(len(c), *(len(str(v)) for v in table[c])) for c in table.columns}
    lines += ["", "  ".join(c.ljust(widths[c]) for c in table.columns).rstrip()]
    lines += ["  ".join(str(v).ljust(widths[c]) for c, v in row.items()).rstrip() for row in table.to_dict("records")]
    return "\n".join(lines)


def parse_figures(texts: list[str], lang: str) -> list[tuple]:
    """'gii_rank:2026:40' → ('gii_rank', 2026, 40.0); a malformed one raises ScenarioError naming it."""
    out = []
    for i, text in enumerate(texts):
        parts = text.split(":")
        try:
            if len(parts) != 3:
                raise ValueError
            out.append((parts[0], int(parts[1]), float(parts[2].replace(",", "."))))
        except ValueError:
            raise ScenarioError(_say(lang, "error_cli_figure", found=text, n=i + 1)) from None
    return out


def scorecard_without(r: Run) -> pd.DataFrame:
    """The report's own scorecard (as of the report's year), as the published edition shows it."""
    return notebook_view.scorecard_table(r.report)


def scorecard_with(r: Run) -> pd.DataFrame:
    return notebook_view.scorecard_table(r.with_)


def charts(r: Run, folder: Path) -> dict[str, Path]:
    """target_id → SVG of each target whose status or marks change, drawn with the hypothetical figures
    (a distinct marker, 'hypothetical' in the legend) as in the report's target charts."""
    plots.setup()
    folder = Path(folder)
    b = r.with_
    ind = b.ds.indicators.set_index("indicator_id")
    pts = with_grade(b.points, b.ds.observations)
    rows = b.scorecard.set_index("target_id")
    out = {}
    for t in dict.fromkeys(changes(r)["target_id"]):
        row = {**rows.loc[t].to_dict(), "target_id": t}
        p = pts[pts["indicator_id"] == row["indicator_id"]]
        hyp = p["source_id"] == HYPOTHETICAL
        meta = {**ind.loc[row["indicator_id"]].to_dict(), "indicator_id": row["indicator_id"]}
        drawn = plots.trajectory(row, p[~hyp], meta, r.lang, folder / f"scenario-{t}.svg",
                                 _producers(p[~hyp], r.lang), _others(b.alternatives, t),
                                 hypothetical=p.loc[hyp, ["year", "value"]])
        if drawn is not None:
            out[t] = drawn
    return out


def show_changes(r: Run) -> None:
    from IPython.display import display

    for line in change_sentences(r):
        print(line)
    if len(changes(r)):
        display(changes_table(r))
        for line in marks_used(r):
            print(line)


def show_charts(r: Run, folder: Path) -> None:
    drawn = charts(r, folder)
    if not drawn:
        print(_say(r.lang, "no_chart"))
    for path in drawn.values():
        notebook_view.show_svg(path)
