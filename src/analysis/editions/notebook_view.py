"""What the notebooks show inline: the scorecard table, the summary, each target's chart with its
figures, and (for exploring) every observation of one indicator. Labels come from the catalogs."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import i18n
from ..data.schema import Dataset
from .bundle import Bundle
from .charts import Charts
from .sources import cite


def loaded(b: Bundle) -> str:
    """The plan's title (plan.toml), then one line on what was read, in the edition's language."""
    return b.ds.plan.title[b.lang] + "\n" + i18n.text(
        b.lang, "notebook.loaded", targets=len(b.ds.targets), observations=len(b.ds.observations),
        sources=len(b.ds.sources))


def scorecard_table(b: Bundle) -> pd.DataFrame:
    """The gap-to-target table as an analyst reads it, localised."""
    L = b.label
    return pd.DataFrame({
        L("indicator"): [t["title"] for t in b.targets],
        L("latest"): [t["latest"] for t in b.targets],
        L("target"): [t["target"] for t in b.targets],
        L("gap"): [t["gap"] for t in b.targets],
        L("next_col"): [t["next"] for t in b.targets],
        L("status_short"): [i18n.status_name(t["status"], b.lang) + (f" {t['marks']}" if t["marks"] else "")
                            for t in b.targets],
        L("status_long"): [i18n.status_name(t["status_long"], b.lang) for t in b.targets],
    })


def status_history(b: Bundle):
    """The short-term status by year of assessment, one row per target, cells in the status colours."""
    names = b.ds.indicators.set_index("indicator_id")[f"name_{b.lang}"]
    ind_of = b.ds.targets.set_index("target_id")["indicator_id"]
    table = b.history.apply(lambda col: col.map(lambda s: i18n.status_name(s, b.lang)))
    table.index = [names[ind_of[t]] for t in b.history.index]
    colour = {i18n.status_name(s, b.lang): (c, i18n.STATUS_TEXT_COLOURS[s]) for s, c in i18n.STATUS_COLOURS.items()}
    # A fixed id: pandas draws a random one per run, and the published notebook must rebuild identically.
    return table.style.set_uuid("status-history").map(
        lambda v: "background-color: {}; color: {}".format(*colour[v]) if v in colour else "")


def show_status_history(b: Bundle) -> None:
    """status_history() as HTML: a Styler's own display carries its memory address, which would make
    the published notebook differ on every rebuild."""
    from IPython.display import HTML, display

    display(HTML(status_history(b).to_html()))


def show_history_changes(b: Bundle) -> None:
    for sentence in b.history_changes or [i18n.text(b.lang, "history.no_change")]:
        print("-", sentence)


def changes_tables(b: Bundle, ch) -> tuple[list[str], list[tuple[str, pd.DataFrame]]]:
    """What changed since the previous edition as the PDF's page says it: its lines (title, base, method,
    'nothing changed'), then (heading, table) per kind of change; nothing at all for a first edition."""
    from .changes_text import status_text, texts

    t = texts(ch, b.ds, b.lang) if ch is not None else None
    if t is None:
        return [], []
    h = t["heads"]
    lines = [line for line in (t["intro"], t["method"], t["nothing"], t["no_status"]) if line]

    def statuses(rows) -> pd.DataFrame:
        return pd.DataFrame({h["indicator"]: [r["indicator"] for r in rows],
                             h["before"]: [status_text(r["before"], b.lang, "before") for r in rows],
                             h["after"]: [status_text(r["after"], b.lang, "after") for r in rows],
                             h["cause"]: [r["cause"] for r in rows]})

    def figures(rows) -> pd.DataFrame:
        return pd.DataFrame({h[k]: [r[k] for r in rows] for k in ("indicator", "period", "value", "producer",
                                                                   "grade")})

    tables = [(h["status"], statuses(t["status"])), (h["added"], figures(t["added"])),
              (h["revised"], figures(t["revised"])), (h["unselected"], figures(t["unselected"])),
              (f"{h['window']}. {t['window_note']}", statuses(t["window"]))]
    return [t["title"], *lines], [(head, df) for head, df in tables if len(df)]


def show_changes(b: Bundle, ch) -> None:
    """changes_tables() inline: the lines, then each table under its heading (a first edition shows nothing)."""
    from IPython.display import HTML, Markdown, display

    lines, tables = changes_tables(b, ch)
    if not lines:
        return
    display(Markdown(f"### {lines[0]}\n\n" + "\n\n".join(lines[1:])))
    for head, df in tables:
        display(Markdown(f"**{head}**"))
        display(HTML(df.to_html(index=False)))


def show_summary(b: Bundle) -> None:
    """Page 2 of the PDF: the bottom line, the window sentence and why the windows differ, then the sentences."""
    ov = b.overview or {}
    for line in [ov.get("bottom_line"), ov.get("window")]:
        if line:
            print(line)
    for sentence in ov.get("windows_differ", []) + b.summary:
        print("-", sentence)


def show_svg(path) -> None:
    """An SVG file inline, as it is: IPython's SVG() would parse it with minidom first (~40 ms a chart)."""
    from IPython.display import display

    display({"image/svg+xml": Path(path).read_text(encoding="utf-8")}, raw=True)


def show_status_chart(charts: Charts) -> None:
    show_svg(charts.status)


def figures_table(target: dict, lang: str) -> pd.DataFrame:
    """The figures beside a target's chart in the PDF: one row per figure, named in the index."""
    labels, values = zip(*target["figures"])
    return pd.DataFrame({i18n.label("value", lang): values}, index=list(labels))


def show_targets(b: Bundle, charts: Charts) -> None:
    """Each target as on its PDF page: title, both statuses, the chart, the figures."""
    from IPython.display import Markdown, display

    for t in b.targets:
        status = f"{b.label('status_short')}: {i18n.status_name(t['status'], b.lang)} {t['marks']}".rstrip()
        display(Markdown(f"### {t['title']}\n\n{b.label('target')}: {t['wording']} — {status} · "
                         f"{b.label('status_long')}: {i18n.status_name(t['status_long'], b.lang)}"
                         + (f"\n\n{t['explanation']}" if t["points"] else "")))  # no figure: said once, below
        if t["id"] in charts.targets:  # a target without figures has no chart
            show_svg(charts.targets[t["id"]])
        if t["points"]:
            display(figures_table(t, b.lang))
        else:
            display(Markdown(f"_{b.label('no_data_text')}_"))
        for sentence in t["alternatives"]:  # rule 12: the figure that would change the status
            display(Markdown(f"{b.label('contested')}: {sentence}"))


def indicator_rows(ds: Dataset, indicator_id: str, lang: str) -> pd.DataFrame:
    """Every observation of one indicator with its source, for exploring; unknown ids are named."""
    known = ds.indicators["indicator_id"].tolist()
    if indicator_id not in known:
        raise ValueError(f"unknown indicator_id '{indicator_id}'; expected one of: {', '.join(sorted(known))}")
    obs = ds.observations[ds.observations["indicator_id"] == indicator_id]
    src = ds.sources.set_index("source_id")
    L = lambda k: i18n.label(k, lang)  # noqa: E731
    return pd.DataFrame({
        "period": obs["period"],
        L("value"): [i18n.fmt_qualified(v, q, lang) for v, q in zip(obs["value"], obs["qualifier"])],
        L("status"): obs["status"].map(i18n.OBS_STATUS[lang]),
        L("selected"): obs["selected"].map({True: "✓", False: ""}),
        L("col_partial"): obs["partial"].map({True: "✓", False: ""}),
        L("proxy"): obs["proxy"].map({True: i18n.FLAG_MARKS["proxy"], False: ""}),
        L("source"): [cite(p, src.loc[s, "publisher"], lang) for p, s in zip(obs["producer"], obs["source_id"])],
        L("locator"): obs["locator"],
        L("note"): obs["note"],
    }).sort_values("period").reset_index(drop=True)
