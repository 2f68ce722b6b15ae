"""Turn a validated dataset into the report: scorecards, charts, a localised JSON bundle, a PDF.

The notebook calls these step by step; the typst template only lays out what the bundle says,
so every number it prints was formatted here from a row of data/.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from . import __version__, config, i18n
from .dataset import Dataset
from .progress import FLAGS, STATUSES, scorecard as run_scorecard, yearly_series

CONTEXT_CHARTS = [  # (chart id, indicators sharing one unit): trade, FDI, remittances, partners, FTAs...
    ("trade", ["trade_goods_total", "exports_goods", "imports_goods"]),
    ("fdi", ["fdi_registered_new_additional", "fdi_registered", "fdi_disbursed"]),
    ("remittances", ["remittances"]),
    ("partners", ["partners_comprehensive_plus", "partners_csp", "partners_sp", "partners_cp"]),
    ("ftas", ["fta_signed", "fta_in_force"]),
    ("gdp", ["gdp_per_capita_old_basis", "gdp_per_capita"]),
    ("tourism", ["tourism_ttci_rank", "tourism_competitiveness_rank"]),
    ("brand", ["nation_brand_value"]),
]
CONTEXT_TITLES = {
    "vi": {"trade": "Thương mại hàng hóa", "fdi": "Vốn đầu tư trực tiếp nước ngoài (FDI)", "remittances": "Kiều hối",
           "partners": "Đối tác theo cấp độ quan hệ", "ftas": "Hiệp định thương mại tự do (FTA)",
           "gdp": "GDP bình quân đầu người", "tourism": "Năng lực cạnh tranh du lịch (WEF): TTCI và TTDI không nối chuỗi",
           "brand": "Giá trị thương hiệu quốc gia (Brand Finance)"},
    "en": {"trade": "Goods trade", "fdi": "Foreign direct investment (FDI)", "remittances": "Remittances",
           "partners": "Partners by level of relations", "ftas": "Free trade agreements (FTAs)",
           "gdp": "GDP per capita", "tourism": "Tourism competitiveness (WEF): TTCI and TTDI, not chained",
           "brand": "Nation brand value (Brand Finance)"},
}


# ---------------------------------------------------------------- numbers

def scorecards(ds: Dataset, as_of: int, baseline_year: int | None = None) -> pd.DataFrame:
    """Short-term scorecard (the headline) with the long-term status beside it."""
    kinds = ds.kinds()
    short = run_scorecard(ds.observations, ds.targets, kinds, as_of,
                          baseline_year if baseline_year else as_of - config.SHORT_WINDOW)
    long = run_scorecard(ds.observations, ds.targets, kinds, as_of, as_of - config.LONG_WINDOW)
    short["status_long"] = long["status"].values
    short["flags_long"] = long["flags"].values
    meta = ds.indicators.set_index("indicator_id")
    short["pillar"] = short["indicator_id"].map(meta["pillar"])
    short["kind"] = short["indicator_id"].map(meta["kind"])
    return short


def previous_scorecard(ds: Dataset, as_of: int, baseline_year: int | None = None) -> pd.DataFrame | None:
    """The scorecard one year earlier, for 'what changed' (None when there is no earlier data)."""
    span = ds.years()
    if span is None or as_of - 1 < span[0]:
        return None
    return scorecards(ds, as_of - 1, baseline_year - 1 if baseline_year else None)


def points(ds: Dataset, as_of: int) -> pd.DataFrame:
    """The yearly points the engine uses, with each point's status and source."""
    series = yearly_series(ds.observations, as_of)
    sel = ds.observations[ds.observations["selected"]][["indicator_id", "period", "status", "source_id", "locator"]]
    out = series.merge(sel, on=["indicator_id", "period"], how="left").rename(columns={"status": "obs_status"})
    src = ds.sources.set_index("source_id")
    out["publisher"] = out["source_id"].map(src["publisher"])
    return out


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
        "partial": obs["partial"].map({True: "✓", False: ""}),
        L("source"): obs["source_id"].map(src["publisher"]),
        L("locator"): obs["locator"],
        L("note"): obs["note"],
    }).sort_values("period").reset_index(drop=True)


def display_table(sc: pd.DataFrame, ds: Dataset, lang: str) -> pd.DataFrame:
    """The gap-to-target table as an analyst reads it, localised."""
    names = ds.indicators.set_index("indicator_id")[f"name_{lang}"]
    L = lambda k: i18n.label(k, lang)  # noqa: E731
    return pd.DataFrame({
        L("indicator"): sc["indicator_id"].map(names),
        L("latest"): [_latest_text(r, lang) for r in sc.to_dict("records")],
        L("target"): [_target_text(r, lang) for r in sc.to_dict("records")],
        L("gap"): [i18n.fmt_number(g, lang, signed=True) for g in sc["gap"]],
        L("status_short"): [i18n.status_name(s, lang) for s in sc["status"]],
        L("status_long"): [i18n.status_name(s, lang) for s in sc["status_long"]],
    })


def _target_text(r: dict, lang: str) -> str:
    """'≤ 40 (2030)'."""
    return f"{i18n.fmt_comparator(r['comparator'])} {i18n.fmt_number(r['target_value'], lang)} ({int(r['target_year'])})"


def _latest_text(r: dict, lang: str) -> str:
    if i18n.is_missing(r.get("latest_value")):
        return "—"
    return f"{i18n.fmt_qualified(r['latest_value'], r.get('latest_qualifier') or '', lang)} ({int(r['latest_year'])})"


def fingerprint(data_dir: Path) -> str:
    h = hashlib.sha256()
    for name in config.DATA_FILES:
        h.update(name.encode() + b"\0" + (data_dir / name).read_bytes())
    return h.hexdigest()[:12]


def code_version() -> str:
    try:
        rev = subprocess.run(["git", "-C", str(config.PROJECT_ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(config.PROJECT_ROOT), "status", "--porcelain", "--", "src", "notebooks"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        rev, dirty = "", ""
    return f"{__version__}+{rev}{'.dirty' if dirty else ''}" if rev else __version__


def edition_date() -> date:
    """Today, unless SOURCE_DATE_EPOCH is set (then builds on any day are identical)."""
    import os
    if "SOURCE_DATE_EPOCH" in os.environ:
        return datetime.fromtimestamp(config.SOURCE_DATE_EPOCH, timezone.utc).date()
    return date.today()


# ---------------------------------------------------------------- text generated from the data

def summary_sentences(sc: pd.DataFrame, previous: pd.DataFrame | None, ds: Dataset, lang: str, as_of: int) -> list[str]:
    names = ds.indicators.set_index("indicator_id")[f"name_{lang}"]
    vi = lang == "vi"
    out = []
    counts = sc["status"].value_counts()
    parts = [f"{counts[s]} {i18n.status_name(s, lang).lower()}" for s in STATUSES if counts.get(s, 0)]
    out.append((f"Trong {len(sc)} chỉ tiêu được theo dõi: " if vi else f"Of the {len(sc)} targets tracked: ")
               + ", ".join(parts) + ".")
    open_ = sc[sc["status"].isin(["on_track", "moderate_progress", "insufficient_progress", "moving_away",
                                  "insufficient_data", "missed"]) & sc["gap"].notna()].copy()
    if len(open_):
        open_["rel"] = (open_["gap"].abs() / open_["target_value"].abs().clip(lower=1e-9))
        top = open_.sort_values("rel", ascending=False).head(2)
        items = [f"{names[r['indicator_id']]} ({_latest_text(r, lang)}; "
                 f"{i18n.label('target', lang).lower()} {i18n.fmt_comparator(r['comparator'])} {i18n.fmt_number(r['target_value'], lang)})"
                 for r in top.to_dict("records")]
        out.append(("Khoảng cách lớn nhất (so với mục tiêu): " if vi else "Largest gaps relative to the target: ")
                   + "; ".join(items) + ".")
    assessed = sc[sc["ratio"].notna()].sort_values("ratio")
    if len(assessed) and assessed.iloc[0]["ratio"] < 0:
        r = assessed.iloc[0]
        out.append((f"Chậm nhất so với lộ trình: {names[r['indicator_id']]} đang đi ngược mục tiêu; theo tốc độ hiện nay, "
                    f"năm {int(r['target_year'])} đạt {i18n.fmt_number(r['projected_value'], lang)} so với mục tiêu "
                    f"{i18n.fmt_comparator(r['comparator'])} {i18n.fmt_number(r['target_value'], lang)}."
                    if vi else
                    f"Most off pace: {names[r['indicator_id']]} is moving away from its target; at the current pace it "
                    f"reaches {i18n.fmt_number(r['projected_value'], lang)} in {int(r['target_year'])} against a target of "
                    f"{i18n.fmt_comparator(r['comparator'])} {i18n.fmt_number(r['target_value'], lang)}."))
    elif len(assessed):
        r = assessed.iloc[0]
        out.append((f"Chậm nhất so với lộ trình: {names[r['indicator_id']]}, dự phóng đạt "
                    f"{i18n.fmt_number(r['ratio'] * 100, lang, 0)}% quãng đường cần đi vào {int(r['target_year'])}."
                    if vi else
                    f"Most off pace: {names[r['indicator_id']]}, projected to cover "
                    f"{i18n.fmt_number(r['ratio'] * 100, lang, 0)}% of the required distance by {int(r['target_year'])}."))
    if previous is not None:
        changed = sc.merge(previous[["target_id", "status"]], on="target_id", suffixes=("", "_prev"))
        changed = changed[changed["status"] != changed["status_prev"]]
        if len(changed):
            items = [f"{names[r['indicator_id']]}: {i18n.status_name(r['status_prev'], lang)} → {i18n.status_name(r['status'], lang)}"
                     for r in changed.to_dict("records")]
            out.append((f"Thay đổi so với năm {as_of - 1}: " if vi else f"Changes since {as_of - 1}: ") + "; ".join(items) + ".")
        else:
            out.append(f"Không chỉ tiêu nào đổi đánh giá so với năm {as_of - 1}." if vi
                       else f"No target changed status since {as_of - 1}.")
    nodata = sc[sc["status"] == "no_data"]
    if len(nodata):
        out.append((f"Chưa có số liệu công khai cho: " if vi else "No public figure yet for: ")
                   + "; ".join(names[i] for i in nodata["indicator_id"]) + ".")
    return out


METHOD_TEXT = {
    "vi": [
        "Câu hỏi cho mỗi chỉ tiêu: với tốc độ đã thấy, mục tiêu có đạt đúng hạn không? Tốc độ tính tuyến tính theo đơn vị của chỉ tiêu (bậc/năm với thứ hạng, điểm phần trăm/năm với tỷ lệ).",
        "Chỉ dùng số liệu có thời điểm trong hoặc trước năm đánh giá A, mỗi năm một giá trị (số liệu được chọn, mới nhất trong năm). Năm gốc B: ngắn hạn B = A − 5 (đánh giá chính), dài hạn B = A − 15.",
        "Thứ tự quy tắc: không có số liệu → chưa có dữ liệu; giá trị mới nhất thỏa mục tiêu → đã đạt (bất kể xu hướng); quá năm mục tiêu mà chưa đạt → không đạt; chỉ một điểm → chưa đủ dữ liệu (vẫn nêu khoảng cách và tốc độ cần thiết từ nay).",
        "Điểm gốc b: quan sát đầu tiên từ năm B; nếu trong [B, t] có ít hơn hai điểm thì lấy quan sát sớm nhất. Nếu điểm gốc đã đạt mà điểm mới nhất chưa đạt → đi ngược mục tiêu (ký hiệu §).",
        "Tốc độ thực tế s: hệ số góc bình phương tối thiểu trên các điểm từ b đến t. Tốc độ cần thiết r = (T − y_b)/(Y − b); từ nay r_now = (T − y_t)/(Y − t). Dự phóng p = y_t + s·(Y − t), giới hạn trong miền hợp lệ (tỷ lệ 0–100, số đếm và giá trị ≥ 0, thứ hạng ≥ 1).",
        "Tỷ số R = (p − y_b)/(T − y_b): R ≥ 0,95 đúng lộ trình; 0,60 ≤ R < 0,95 tiến bộ vừa phải; 0 ≤ R < 0,60 tiến bộ chưa đủ; R < 0 đi ngược mục tiêu.",
        "Khoảng cách = mục tiêu − giá trị mới nhất (T − y_t), theo đơn vị của chỉ tiêu; với thứ hạng, số âm nghĩa là còn phải tăng bấy nhiêu bậc. Giá trị có ghi 'trên', 'gần', 'khoảng' trong nguồn được in kèm dấu >, <, ≈.",
        "Ký hiệu đi kèm, không đổi đánh giá: † chỉ có hai điểm; ‡ thứ hạng cách mục tiêu trong phạm vi 3 bậc; với số đếm và giá trị dương, tỷ số tăng trưởng kép thực tế/cần thiết để tham khảo.",
    ],
    "en": [
        "One question per target: at the pace seen so far, will the target be met by its year? Paces are linear, in the indicator's own unit (places per year for ranks, percentage points per year for shares).",
        "Only observations dated in or before the as-of year A are used, one value per year (the selected observation, the latest-dated in the year). Baseline year B: short term B = A − 5 (headline), long term B = A − 15.",
        "Rules in order: no observation → no data; the latest value meets the target → achieved, whatever the trend; past the target year and not met → missed; a single observation → insufficient data (the gap and the pace now required are still shown).",
        "Base point b: the first observation in a year ≥ B; if fewer than two observations lie in [B, t], the earliest observation. If the base met the target but the latest does not → moving away (mark §).",
        "Actual pace s: least-squares slope over the points from b to t. Required pace r = (T − y_b)/(Y − b); from now r_now = (T − y_t)/(Y − t). Projection p = y_t + s·(Y − t), clamped to the valid range (shares 0–100, counts and amounts ≥ 0, ranks ≥ 1).",
        "Ratio R = (p − y_b)/(T − y_b): R ≥ 0.95 on track; 0.60 ≤ R < 0.95 moderate progress; 0 ≤ R < 0.60 insufficient progress; R < 0 moving away.",
        "Gap = target − latest value (T − y_t), in the indicator's unit; for ranks a negative gap is the number of places still to climb. Values the source gives as 'more than', 'nearly' or 'about' are printed with >, < or ≈.",
        "Marks beside the status, never changing it: † only two points; ‡ a rank within 3 places of the target; for positive counts and amounts, the compound-growth ratio actual/required as a sensitivity figure.",
    ],
}
METHOD_REFERENCES = [
    "Eurostat. Sustainable development in the European Union — Monitoring report on progress towards the SDGs in an EU context (annual editions; short-term 5-year and long-term 15-year assessment; ratio of actual to required pace, thresholds 95 % / 60 % / 0 %). https://ec.europa.eu/eurostat/web/sdi",
    "Open SDG. Progress status calculation (the progress measure used by national SDG reporting platforms: 'achieved' overrides the trend; at least two data points).",
    "SDSN (Sachs et al.). Sustainable Development Report, methodology of the SDG trend dashboards (linear projection of recent pace to the target year).",
    "UN ESCAP. Asia and the Pacific SDG Progress Report, methodological note (anticipated progress by linear extrapolation).",
    "Destatis. Sustainable development in Germany — Indicator report, weather symbols (projection of the recent trend against the required path).",
]


def conflicts(ds: Dataset, lang: str) -> list[dict]:
    """Every indicator and period where more than one source gives a figure."""
    obs = ds.observations
    names = ds.indicators.set_index("indicator_id")[f"name_{lang}"]
    src = ds.sources.set_index("source_id")
    out = []
    for (ind, period), g in obs.groupby(["indicator_id", "period"], sort=True):
        if len(g) < 2:
            continue
        out.append({
            "indicator": str(names.get(ind, ind)), "period": period,
            "rows": [{"value": i18n.fmt_qualified(r["value"], r["qualifier"], lang),
                      "source": str(src.loc[r["source_id"], "publisher"]) if r["source_id"] in src.index else r["source_id"],
                      "selected": bool(r["selected"]), "note": r["note"]} for r in g.to_dict("records")],
        })
    return out


DICTIONARY = {
    "vi": [
        ("sources.csv", "Một dòng cho mỗi nguồn: mã, cơ quan công bố, tiêu đề, ngày công bố, ngày truy cập, URL, ngôn ngữ, ghi chú chất lượng."),
        ("indicators.csv", "Một dòng cho mỗi chỉ tiêu: mã, trụ cột, tên (vi/en), đơn vị, loại (rank, share, count, amount, index), chiều tốt (higher_is_better), vai trò (target/context)."),
        ("targets.csv", "Một dòng cho mỗi mục tiêu: mã, chỉ tiêu, phép so sánh (>, >=, <, <=), giá trị, năm, văn bản, nguồn, nguyên văn vài từ."),
        ("observations.csv", "Một dòng cho mỗi số liệu: chỉ tiêu, kỳ (YYYY, YYYY-MM, YYYY-MM-DD), giá trị, nguồn, trích dẫn vài từ, tình trạng (final/estimate/forecast), selected (dòng được dùng khi nhiều nguồn), ghi chú, qualifier (>, <, ~ khi nguồn nói 'trên', 'gần', 'khoảng'), partial (số liệu lũy kế một phần năm, không dùng cho chuỗi năm)."),
    ],
    "en": [
        ("sources.csv", "One row per source: id, publisher, title, date published, date accessed, URL, language, quality note."),
        ("indicators.csv", "One row per indicator: id, pillar, name (vi/en), unit, kind (rank, share, count, amount, index), direction (higher_is_better), role (target/context)."),
        ("targets.csv", "One row per target: id, indicator, comparator (>, >=, <, <=), value, year, instrument, source, a few words of the wording."),
        ("observations.csv", "One row per figure: indicator, period (YYYY, YYYY-MM, YYYY-MM-DD), value, source, a few-word locator, status (final/estimate/forecast), selected (the row used when sources overlap), note, qualifier (>, <, ~ where the source says 'more than', 'nearly', 'about'), partial (a part-year cumulative figure, left out of yearly series)."),
    ],
}


# ---------------------------------------------------------------- the bundle

def _pace_text(r: dict, lang: str) -> str:
    if r["status"] == "achieved" or (i18n.is_missing(r.get("pace_actual")) and i18n.is_missing(r.get("pace_required_now"))):
        return "—"
    actual = i18n.fmt_number(r.get("pace_actual"), lang, 2, signed=True)
    req = r.get("pace_required") if not i18n.is_missing(r.get("pace_required")) else r.get("pace_required_now")
    return f"{actual} / {i18n.fmt_number(req, lang, 2, signed=True)}"


def _status_cell(status: str, lang: str) -> dict:
    return {"name": i18n.status_name(status, lang), "fill": i18n.STATUS_COLOURS[status],
            "ink": i18n.STATUS_TEXT_COLOURS[status]}


def _marks(flags: str) -> str:
    return "".join(i18n.FLAG_MARKS[f] for f in FLAGS if f in (flags or "").split(";"))


def build_bundle(ds: Dataset, sc: pd.DataFrame, as_of: int, lang: str, output_dir: Path,
                 previous: pd.DataFrame | None = None) -> Path:
    """Charts + report.json in output_dir: everything the typst template lays out."""
    from . import plots  # here, not above: the build's parent process needs only compile_pdf, not matplotlib

    i18n.check_lang(lang)
    plots.setup()
    output_dir = Path(output_dir)
    figdir = output_dir / "figures"
    pts = points(ds, as_of)
    ind = ds.indicators.set_index("indicator_id")
    src = ds.sources.set_index("source_id")
    names = ind[f"name_{lang}"]
    L = lambda k: i18n.label(k, lang)  # noqa: E731

    plots.status_counts(sc, lang, figdir / "status.svg")

    targets = []
    for r in sc.to_dict("records"):
        meta = {**ind.loc[r["indicator_id"]].to_dict(), "indicator_id": r["indicator_id"]}
        p = pts[pts["indicator_id"] == r["indicator_id"]]
        t_src = ds.targets.set_index("target_id").loc[r["target_id"]]
        chart = plots.trajectory(r, p, meta, lang, figdir / f"target-{r['target_id']}.svg", p["publisher"].tolist())
        targets.append({
            "id": r["target_id"], "title": names[r["indicator_id"]], "pillar": r["pillar"],
            "wording": f"“{t_src['wording_vi']}”" + (f" ({t_src['wording_en']})" if lang == "en" and t_src["wording_en"] else ""),
            "instrument": t_src["instrument"],
            "target_source": _cite(src, t_src["source_id"]),
            "chart": str(chart.relative_to(output_dir)),
            "status": _status_cell(r["status"], lang), "status_long": _status_cell(r["status_long"], lang),
            "marks": _marks(r["flags"]),
            "figures": _figures(r, lang),
            "points": [{"year": str(int(q["year"])), "value": i18n.fmt_qualified(q["value"], q["qualifier"], lang),
                        "status": i18n.OBS_STATUS[lang].get(q["obs_status"], q["obs_status"]),
                        "source": i18n.printable(str(q["publisher"]), lang),
                        "locator": i18n.printable(f"“{q['locator']}”", lang)} for q in p.to_dict("records")],
            "no_data": len(p) == 0,
        })

    pillars = []
    for key in ("politics_security", "economy", "society_science"):
        rows = [r for r in sc.to_dict("records") if r["pillar"] == key]
        if not rows:
            continue
        pillars.append({"name": i18n.PILLAR_NAMES[lang][key], "rows": [{
            "indicator": names[r["indicator_id"]], "latest": _latest_text(r, lang),
            "target": _target_text(r, lang),
            "gap": i18n.fmt_number(r["gap"], lang, signed=True), "pace": _pace_text(r, lang),
            "projection": i18n.fmt_number(r["projected_value"], lang),
            "status": _status_cell(r["status"], lang), "status_long": _status_cell(r["status_long"], lang),
            "marks": _marks(r["flags"]),
        } for r in rows]})

    context = []
    for cid, inds in CONTEXT_CHARTS:
        series = {i: pts[pts["indicator_id"] == i] for i in inds if i in ind.index and (pts["indicator_id"] == i).any()}
        if not series:
            continue
        first = ind.loc[next(iter(series))]
        unit_text = first["unit_vi"] if lang == "vi" and first["unit_vi"] else first["unit"]
        pubs = pd.concat(series.values())["publisher"].tolist()
        chart = plots.context(series, {i: names[i] for i in series}, CONTEXT_TITLES[lang][cid], unit_text, lang,
                              figdir / f"context-{cid}.svg", pubs, kinds=ds.kinds())
        context.append({"title": CONTEXT_TITLES[lang][cid], "chart": str(chart.relative_to(output_dir)),
                        "summary": [_context_line(names[i], s, ind.loc[i, "kind"], lang) for i, s in series.items()],
                        "sources": sorted(set(pubs))})

    n153 = int(ds.targets["instrument"].str.contains("153").sum())
    coverage_rows = [{"indicator": names[t["indicator_id"]], "instrument": t["instrument"],
                      "wording": t["wording_vi"], "status": _status_cell(s, lang)}
                     for t, s in zip(ds.targets.to_dict("records"), sc["status"])]
    bundle = {
        "lang": lang, "labels": i18n.LABELS[lang], "as_of": str(as_of),
        "edition": edition_date().isoformat(), "fingerprint": fingerprint(ds.data_dir), "code_version": code_version(),
        "summary": summary_sentences(sc, previous, ds, lang, as_of),
        "tracked": str(len(sc)), "tracked_153": str(n153), "programme_total": str(config.PROGRAMME_TARGETS),
        "coverage_text": _coverage_text(n153, len(sc), lang),
        "status_chart": "figures/status.svg",
        "legend": [_status_cell(s, lang) for s in STATUSES],
        "flag_legend": [{"mark": i18n.FLAG_MARKS[f], "text": i18n.FLAG_NAMES[lang][f]} for f in FLAGS],
        "pillars": pillars, "targets": targets, "context": context,
        "coverage": coverage_rows, "conflicts": conflicts(ds, lang),
        "sources": [{"id": s["source_id"], "publisher": s["publisher"], "title": i18n.printable(s["title"], lang),
                     "published": s["published"], "accessed": s["accessed"], "url": s["url"], "note": s["note"]}
                    for s in ds.sources.sort_values("source_id").to_dict("records")],
        "method": METHOD_TEXT[lang], "references": METHOD_REFERENCES,
        "dictionary": [{"file": f, "text": t} for f, t in DICTIONARY[lang]],
        "indicators": [{"id": i, "name": names[i], "unit": r["unit_vi"] if lang == "vi" and r["unit_vi"] else r["unit"],
                        "kind": r["kind"], "direction": "↑" if r["higher_is_better"] else "↓", "role": r["role"]}
                       for i, r in ind.iterrows()],
    }
    (output_dir / "report.json").write_text(json.dumps(bundle, ensure_ascii=False, indent=1), encoding="utf-8")
    sc.to_csv(output_dir / "scorecard.csv", index=False)
    return output_dir / "report.json"


def _cite(src: pd.DataFrame, source_id: str) -> str:
    s = src.loc[source_id]
    return f"{s['publisher']}, “{s['title']}”" + (f", {s['published']}" if s["published"] else "")


def _figures(r: dict, lang: str) -> list[list[str]]:
    vi = lang == "vi"
    L = lambda k: i18n.label(k, lang)  # noqa: E731
    out = [[L("latest"), _latest_text(r, lang)],
           [L("target"), _target_text(r, lang)],
           [L("gap"), i18n.fmt_number(r["gap"], lang, signed=True)]]
    if not i18n.is_missing(r.get("baseline_value")):
        out.append(["Điểm gốc" if vi else "Base point",
                    f"{i18n.fmt_number(r['baseline_value'], lang)} ({int(r['baseline_year'])}); "
                    + (f"{int(r['n_points'])} điểm" if vi else f"{int(r['n_points'])} points")])
    for key, vi_name, en_name in (("pace_actual", "Tốc độ thực tế/năm", "Actual pace/yr"),
                                  ("pace_required", "Tốc độ cần thiết/năm (từ gốc)", "Required pace/yr (from base)"),
                                  ("pace_required_now", "Tốc độ cần thiết/năm (từ nay)", "Required pace/yr (from now)"),
                                  ("projected_value", f"Dự phóng {int(r['target_year'])}", f"Projection {int(r['target_year'])}"),
                                  ("ratio", "Tỷ số R", "Ratio R"),
                                  ("cagr_ratio", "Tỷ số tăng trưởng kép", "Compound-growth ratio")):
        if not i18n.is_missing(r.get(key)):
            signed = key.startswith("pace")
            out.append([vi_name if vi else en_name, i18n.fmt_number(r[key], lang, 2, signed=signed)])
    return out


def _context_line(name: str, s: pd.DataFrame, kind: str, lang: str) -> str:
    """Level, change and (for positive counts and amounts only) compound growth, as the methodology says."""
    vi = lang == "vi"
    s = s.sort_values("year")
    last = s.iloc[-1]
    text = f"{name}: {i18n.fmt_qualified(last['value'], last['qualifier'], lang)} ({int(last['year'])})"
    if len(s) < 2:
        return text
    first = s.iloc[0]
    years = int(last["year"] - first["year"])
    text += f", {'từ' if vi else 'from'} {i18n.fmt_number(first['value'], lang)} ({int(first['year'])})"
    if kind == "rank":
        places = int(first["value"] - last["value"])  # positive: climbed
        if places:
            text += (f"; {'tăng' if places > 0 else 'giảm'} {abs(places)} bậc" if vi
                     else f"; {'up' if places > 0 else 'down'} {abs(places)} places")
    elif kind in ("count", "amount") and years > 0 and first["value"] > 0 and last["value"] > 0:
        cagr = (last["value"] / first["value"]) ** (1 / years) - 1
        text += (f"; {'tăng trưởng kép' if vi else 'compound growth'} "
                 f"{i18n.fmt_number(cagr * 100, lang, 1, signed=True)}%/{'năm' if vi else 'yr'}")
    else:
        text += f"; {'thay đổi' if vi else 'change'} {i18n.fmt_number(last['value'] - first['value'], lang, signed=True)}"
    return text


def _coverage_text(n153: int, n_all: int, lang: str) -> str:
    missing = config.PROGRAMME_TARGETS - n153
    if lang == "vi":
        return (f"Chương trình hành động (153/NQ-CP) có {config.PROGRAMME_TARGETS} chỉ tiêu. Báo cáo theo dõi {n153} chỉ tiêu "
                f"153/NQ-CP được nguồn công khai nêu rõ, cùng {n_all - n153} mục tiêu khác của Nghị quyết 59-NQ/TW hoặc nguồn "
                f"chính thức. {missing} chỉ tiêu còn lại chưa tìm thấy trong nguồn công khai nên chưa được theo dõi.")
    return (f"The Action Programme (153/NQ-CP) sets {config.PROGRAMME_TARGETS} targets. This report tracks the {n153} "
            f"153/NQ-CP targets that a public source states, plus {n_all - n153} other targets of Resolution 59-NQ/TW or "
            f"official statements. The other {missing} have not been found in any public source and are not tracked yet.")


# ---------------------------------------------------------------- the PDF

def compile_pdf(bundle_dir: Path, pdf_path: Path) -> Path:
    """Lay out bundle_dir/report.json with the typst template; byte-identical for identical inputs."""
    import typst

    bundle_dir = Path(bundle_dir)
    shutil.copy(config.TEMPLATE_DIR / "report.typ", bundle_dir / "report.typ")
    stamp = datetime.combine(date.fromisoformat(json.loads((bundle_dir / "report.json").read_text("utf-8"))["edition"]),
                             datetime.min.time(), timezone.utc)
    typst.compile(str(bundle_dir / "report.typ"), output=str(pdf_path), root=str(bundle_dir),
                  font_paths=[str(config.font_dir())], ignore_system_fonts=True,
                  timestamp=int(stamp.timestamp()))
    return pdf_path
