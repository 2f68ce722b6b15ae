"""What the explore-one-indicator notebook shows: every figure of one indicator, the yearly series the
engine uses, its chart and its targets, with headings in the edition's language (the workbook's words)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import i18n
from ..data.edition import latest_year
from ..data.schema import Dataset
from ..engine.scorecards import points, scorecards, with_grade
from . import plots
from .sources import cite
from .workbook_texts import texts


def edition_year(ds: Dataset, as_of: int = 0) -> int:
    """as_of, or (0) the latest year the data reach: the report's own default edition."""
    if as_of:
        return int(as_of)
    year = latest_year(ds.data_dir)
    if year is None:
        raise ValueError(f"{Path(ds.data_dir) / 'observations.csv'} has no selected full-year figure; give as_of")
    return year


def check_indicator(ds: Dataset, indicator_id: str) -> None:
    known = ds.indicators["indicator_id"].tolist()
    if indicator_id not in known:
        raise ValueError(f"unknown indicator_id '{indicator_id}'; expected one of: {', '.join(sorted(known))}")


def name(ds: Dataset, indicator_id: str, lang: str) -> str:
    return ds.indicators.set_index("indicator_id").loc[indicator_id, f"name_{lang}"]


def _grade(values) -> list[str]:
    return ["" if i18n.is_missing(g) or g is None else str(g) for g in values]


def observation_rows(ds: Dataset, indicator_id: str, lang: str) -> pd.DataFrame:
    """Every figure recorded for the indicator, selected or not, oldest first."""
    check_indicator(ds, indicator_id)
    W = texts(lang)
    obs = ds.observations[ds.observations["indicator_id"] == indicator_id].sort_values("period", kind="stable")
    src = ds.sources.set_index("source_id")
    yes = lambda v: "✓" if bool(v) else ""  # noqa: E731
    table = {
        W["col.period"]: obs["period"],
        W["col.value"]: [i18n.fmt_qualified(v, q, lang) for v, q in zip(obs["value"], obs["qualifier"])],
        W["col.obs_status"]: obs["status"].map(i18n.OBS_STATUS[lang]),
        W["col.selected"]: obs["selected"].map(yes),
        W["col.partial"]: obs["partial"].map(yes),
    }
    if "proxy" in obs:
        table[W["col.proxy"]] = obs["proxy"].map({True: i18n.FLAG_MARKS["proxy"], False: ""})
    if "grade" in obs:
        table[W["col.grade"]] = _grade(obs["grade"])
    table[W["col.publisher"]] = [cite(p, src.loc[s, "publisher"], lang)
                                 for p, s in zip(obs["producer"], obs["source_id"])]
    table[W["col.locator"]] = obs["locator"]
    table[W["col.note"]] = obs["note"]
    return pd.DataFrame(table).reset_index(drop=True)


def series(ds: Dataset, indicator_id: str, as_of: int) -> pd.DataFrame:
    """The yearly points the engine uses for the indicator (selected, full-year, latest-dated in each year)."""
    pts = with_grade(points(ds, as_of), ds.observations)
    return pts[pts["indicator_id"] == indicator_id].reset_index(drop=True)


def series_rows(pts: pd.DataFrame, lang: str) -> pd.DataFrame:
    W = texts(lang)
    table = {
        i18n.label("year", lang): pts["year"].astype(int),
        W["col.value"]: [i18n.fmt_qualified(v, q, lang) for v, q in zip(pts["value"], pts["qualifier"])],
        W["col.obs_status"]: pts["obs_status"].map(i18n.OBS_STATUS[lang]),
    }
    if "grade" in pts:
        table[W["col.grade"]] = _grade(pts["grade"])
    table[W["col.publisher"]] = [cite(p, u, lang) for p, u in zip(pts["producer"], pts["publisher"])]
    return pd.DataFrame(table)


def no_figure(ds: Dataset, indicator_id: str, lang: str, as_of: int) -> str:
    """The warning for an indicator without any figure, naming it."""
    check_indicator(ds, indicator_id)
    return i18n.text(lang, "explore.no_figure", name=name(ds, indicator_id, lang), id=indicator_id, year=as_of)


def chart(ds: Dataset, pts: pd.DataFrame, indicator_id: str, lang: str, folder: Path) -> Path | None:
    """The series drawn as on the report's context pages (SVG, PNG beside it); None without a figure."""
    if pts.empty:
        return None
    plots.setup()
    meta = ds.indicators.set_index("indicator_id").loc[indicator_id]
    title = meta[f"name_{lang}"]
    unit = meta["unit_vi"] if lang == "vi" and meta["unit_vi"] else meta["unit"]
    cites = [cite(p, u, lang) for p, u in zip(pts["producer"], pts["publisher"])]
    return plots.context({indicator_id: pts}, {indicator_id: title}, title, unit, lang,
                         Path(folder) / f"explore-{indicator_id}.svg", cites, kinds=ds.kinds())


def target_rows(ds: Dataset, indicator_id: str, lang: str, as_of: int) -> pd.DataFrame:
    """The indicator's targets as assessed in the edition: one column per target, headings in words."""
    from .workbook import _flags_text, _Texts

    W = texts(lang)
    T = _Texts(W, lang)
    sc = scorecards(ds, as_of)
    sc = sc[sc["indicator_id"] == indicator_id]
    num = lambda v: i18n.fmt_number(v, lang)  # noqa: E731
    rows = {
        W["col.target_value"]: [_target_cell(r, ds, lang) for r in sc.to_dict("records")],
        W["col.latest_value"]: [i18n.fmt_qualified(v, q, lang) for v, q in zip(sc["latest_value"], sc["latest_qualifier"])],
        W["col.latest_year"]: ["" if i18n.is_missing(v) else str(int(v)) for v in sc["latest_year"]],
        W["col.met"]: [W["yes"] if s == "achieved" else W["no"] for s in sc["status"]],
        W["col.gap"]: [num(v) for v in sc["gap"]],
        W["col.projected_value"]: [num(v) for v in sc["projected_value"]],
        W["col.status_short"]: [W["status." + s] for s in sc["status"]],
        W["col.flags_short"]: [_flags_text(f, T) for f in sc["flags"]],
        W["col.status_long"]: [W["status." + s] for s in sc["status_long"]],
        W["col.flags_long"]: [_flags_text(f, T) for f in sc["flags_long"]],
    }
    return pd.DataFrame(rows, index=[W["col.target_value"] + f" {i + 1}" for i in range(len(sc))]).T


def _target_cell(r: dict, ds: Dataset, lang: str) -> str:
    """'≥ 40 (2030)'; a total or an average growth over a period in its table form (phrases.period_target_short)."""
    from .phrases import period_target_short, period_type

    if period_type(r):
        info = ds.indicators.set_index("indicator_id").loc[r["indicator_id"]].to_dict()
        return period_target_short({**info, **r}, lang)
    return f"{i18n.fmt_comparator(r['comparator'])} {i18n.fmt_number(r['target_value'], lang)} ({int(r['target_year'])})"
