"""How a target's figures are said, the same in every output: a value with its unit, the target, the gap, a
pace, the projection, what the next figure needs or the level to hold, the marks, what could undo an achieved
status; and the reading order of the targets and how their resolutions are named. Every word comes from the
language's catalog (i18n.text), every number through i18n.fmt_number."""
from __future__ import annotations

import math

import pandas as pd

from .. import i18n
from ..data.schema import Dataset
from ..engine.terms import FLAGS
from . import currency_text

PILLARS = ("politics_security", "economy", "society_science")  # the order of the scorecard


def instruments_of(value) -> list[str]:
    """'B;A' -> ['B', 'A']: the instruments of a target (targets.csv), the one that lists it first first."""
    return [x.strip() for x in str(value or "").split(";") if x.strip()]


def instrument_group(value, plan) -> str:
    """The group a target is counted in: its first instrument if plan.toml names it, else 'other'."""
    first = (instruments_of(value) or [""])[0]
    return first if first in plan.ids else "other"


def instrument_name(value, lang: str, plan, short: bool = False) -> str:
    """Every instrument of a target, named in full (or short) as plan.toml names it, joined: said once."""
    names = []
    for x in instruments_of(value):
        inst = plan.instrument(x)
        names.append((inst.short if short else inst.name)[lang] if inst else x)
    return i18n.text(lang, "instruments.joined", first=names[0], rest="; ".join(names[1:])) if len(names) > 1 \
        else (names[0] if names else "")


def said_list(items: list[str], lang: str) -> str:
    """'A', 'A and B', 'A, B and C' in the edition's language."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + i18n.text(lang, "instruments.and") + " " + items[-1]


def _meets(r: dict, value: float, qualifier: str) -> bool:
    """Whether one figure meets the target (rule 13's whole-number reading; a floor '>70' meets '> 70')."""
    t = _target_effective(r)
    v = float(value)
    whole = r.get("kind") in WHOLE
    if r["comparator"] in (">", ">="):
        if qualifier == ">" and whole:
            v += 1
        return v >= t if (whole or r["comparator"] == ">=") else (v > t or (qualifier == ">" and v >= t))
    if qualifier == "<" and whole:
        v -= 1
    return v <= t if (whole or r["comparator"] == "<=") else (v < t or (qualifier == "<" and v <= t))


WHOLE = ("rank", "count")  # kinds printed as whole numbers when projected (rule 13's whole-number kinds)


def _unit(r: dict, lang: str) -> str:
    return (r.get("unit_vi") if lang == "vi" and r.get("unit_vi") else r.get("unit")) or ""


def with_unit(value, r: dict, lang: str, qualifier: str = "", out_of=None, decimals: int | None = None) -> str:
    """A figure with its unit, as the reader says it: rank 44/139, 21%, 194 countries (words from [units])."""
    if i18n.is_missing(value):
        return "—"
    if qualifier:  # the source's '>', '<', '~' in words before the whole figure: 'more than 70 organisations'
        return i18n.qualified_words(with_unit(value, r, lang, "", out_of, decimals), qualifier, lang)
    v = i18n.fmt_number(value, lang, decimals)
    kind, unit = r.get("kind"), _unit(r, lang)
    if kind == "rank":
        if not i18n.is_missing(out_of) and out_of:
            return i18n.text(lang, "units.rank_of", v=v, n=int(out_of))
        return i18n.text(lang, "units.rank", v=v)
    if kind == "share" or unit == "%":
        return i18n.text(lang, "units.percent", v=v)
    return i18n.text(lang, "units.other", v=v, unit=unit) if unit else v


def distance(value, r: dict, lang: str, decimals: int | None = None) -> str:
    """A distance or a pace in the indicator's unit: places, percentage points, or the unit's name."""
    v = i18n.fmt_number(abs(value), lang, decimals, keep_zeros=decimals is not None)
    kind, unit = r.get("kind"), _unit(r, lang)
    if kind == "rank":
        return i18n.text(lang, "units.places_one" if abs(value) == 1 else "units.places", v=v)
    if kind == "share" or unit == "%":
        return i18n.text(lang, "units.points", v=v)
    if lang == "en" and abs(value) == 1 and kind == "count":
        unit = _singular(unit)  # "1 country", never "1 countries"
    return i18n.text(lang, "units.other", v=v, unit=unit) if unit else v


def _singular(unit: str) -> str:
    """An English count's unit for one: countries -> country, organisations -> organisation."""
    if not unit.isalpha():
        return unit
    if unit.endswith("ies"):
        return unit[:-3] + "y"
    return unit[:-1] if unit.endswith("s") else unit


PERIOD_TYPES = ("cumulative", "average_growth")  # targets over a period (rules C1-C6, G1-G4)


def period_type(r: dict) -> str:
    """'cumulative' or 'average_growth' for a target over a period; '' for a level target."""
    t = r.get("target_type")
    return t if t in PERIOD_TYPES else ""


def level_decimals(value) -> int | None:
    """Decimals for a level worked out from a growth rate (T*, a projection): about four significant digits."""
    if i18n.is_missing(value):
        return None
    v = abs(float(value))
    return 0 if v >= 1000 else 1 if v >= 100 else 2 if v >= 1 else 3


def period_target_text(r: dict, lang: str) -> str:
    """What a target over a period asks: 'a total of at least 5,475 thousand visits over 2026–2030'; 'an average
    growth of at least 10% a year over 2026–2030, that is about 14.83 in 2030' (T*, rule G2, when known)."""
    T = lambda key, **kw: i18n.text(lang, f"target_type.{key}", **kw)  # noqa: E731
    least = T("more_than" if r["comparator"] == ">" else "at_least")
    start, end = int(r["period_start"]), int(r["target_year"])
    if period_type(r) == "cumulative":
        return T("target_cumulative", least=least, v=with_unit(r["target_value"], r, lang), start=start, end=end)
    out = T("target_growth", least=least, g=i18n.fmt_number(r["target_value"], lang), start=start, end=end)
    implied = r.get("implied_level")
    if not i18n.is_missing(implied):
        out += T("implied", v=with_unit(implied, r, lang, decimals=level_decimals(implied)), end=end)
    return out


def period_target_short(r: dict, lang: str) -> str:
    """A target over a period in a table's cell: 'at least 4,000 thousand visits in total (2024–2028)', 'at
    least 10% a year on average (2025–2030)'."""
    years = f"{int(r['period_start'])}–{int(r['target_year'])}"
    if period_type(r) == "cumulative":
        v = i18n.comparator_words(r["comparator"], with_unit(r["target_value"], r, lang), lang)
        return i18n.text(lang, "target_type.short_cumulative", v=v, years=years)
    v = i18n.comparator_words(r["comparator"], i18n.text(lang, "units.percent", v=i18n.fmt_number(r["target_value"],
                                                                                                  lang)), lang)
    return i18n.text(lang, "target_type.short_growth", v=v, years=years)


def target_text(r: dict, lang: str) -> str:
    """The target in words and its year: 'rank 40 or better (2030)', 'more than 194 countries (2030)'; a target over
    a period in its table form (period_target_short)."""
    if period_type(r):  # in a table: 'at least 4,000 thousand visits in total (2024–2028)'; the page says it in full
        return period_target_short(r, lang)
    return f"{target_words(r, lang)} ({int(r['target_year'])})"


def target_words(r: dict, lang: str) -> str:
    """The target level in words for prose, without a mathematical sign: 'rank 30 or better', 'more than 194'."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    if r.get("kind") == "rank":
        return T("target_words.rank", v=i18n.fmt_number(_target_effective(r), lang))
    key = {">": "more", ">=": "at_least", "<": "less", "<=": "at_most"}[r["comparator"]]
    return T(f"target_words.{key}", v=with_unit(r["target_value"], r, lang))


def latest_text(r: dict, lang: str) -> str:
    if i18n.is_missing(r.get("latest_value")):
        return "—"
    value = with_unit(r["latest_value"], r, lang, r.get("latest_qualifier") or "", r.get("latest_out_of"))
    return f"{value} ({int(r['latest_year'])})"


def gap_text(r: dict, lang: str) -> str:
    """Rule 13: the distance still to go in the target's direction; a met target reads 'met, by …'."""
    if i18n.is_missing(r.get("gap")):
        return "—"
    gap = r["gap"]
    if "target_effective" not in r and r.get("kind") in WHOLE and r["comparator"] in (">", "<"):
        gap = (1 if r["comparator"] == ">" else -1) * (_target_effective(r) - r["latest_value"])  # rule 13
    if r["status"] != "achieved":
        if gap == 0:
            return i18n.text(lang, "misc.at_threshold")
        return distance(gap, r, lang)
    if r["gap"] == 0:
        return i18n.text(lang, "misc.gap_met")
    return i18n.text(lang, "misc.gap_met_by", by=distance(r["gap"], r, lang))


def pace_decimals(r: dict) -> int:
    """1, or 2 where the actual and a required pace differ but would print alike with one decimal (GII: up 0.40
    against up 0.44 places a year; 'up 0.4' twice beside 'unlikely' reads as a contradiction)."""
    a = r.get("pace_actual")
    if i18n.is_missing(a):
        return 1
    for key in ("pace_required", "pace_required_now"):
        q = r.get(key)
        if not i18n.is_missing(q) and round(a, 1) == round(q, 1) and round(a, 2) != round(q, 2):
            return 2
    return 1


def pace_words(value, r: dict, lang: str, decimals: int = 1) -> str:
    """A pace in words ([pace]): a rank whose number falls goes up so many places a year."""
    if i18n.is_missing(value):
        return "—"
    v = round(float(value), decimals)
    if r.get("kind") == "rank":
        key = "pace.rank_flat" if v == 0 else ("pace.rank_up" if v < 0 else "pace.rank_down")
        return i18n.text(lang, key, v=i18n.fmt_number(abs(v), lang, decimals, keep_zeros=True))
    if v == 0:
        return i18n.text(lang, "pace.flat")
    return i18n.text(lang, "pace.up" if v > 0 else "pace.down", v=distance(v, r, lang, decimals))


def required_pace(value, r: dict, lang: str, decimals: int = 1) -> str:
    """A required pace; a target not yet met never needs 'no change': at a strict threshold it needs to
    pass it ('must exceed 21%')."""
    if not i18n.is_missing(value) and round(float(value), 1) == 0 and r["status"] != "achieved":
        return i18n.text(lang, "pace.exceed", v=with_unit(r["target_value"], r, lang))
    return pace_words(value, r, lang, decimals)


def away_by(r: dict, lang: str) -> str:
    """How much further from the target the projection lands than the base year's figure, in the unit."""
    p, b = float(r["projected_value"]), float(r["baseline_value"])
    return distance(round(p - b) if r.get("kind") in WHOLE else p - b, r, lang)


def pace_text(r: dict, lang: str) -> str:
    """The actual pace in words; no pace for a met target."""
    if r["status"] == "achieved":
        return "—"
    if period_type(r) == "average_growth":  # the pace of a growth target is its average growth (rule G2)
        c = r.get("growth_actual")
        return "—" if i18n.is_missing(c) else i18n.text(lang, "target_type.percent_a_year",
                                                        v=i18n.fmt_number(c, lang, 1, signed=True))
    return pace_words(r.get("pace_actual"), r, lang)


def projection_text(r: dict, lang: str, suffix: str = "") -> str:
    """Projected ranks and counts as whole numbers; a cumulative target's projected total (rule C5)."""
    if period_type(r) == "cumulative":
        total = r.get("total_projected") if not suffix else None
        return "—" if i18n.is_missing(total) else with_unit(total, r, lang, decimals=0 if r.get("kind") in WHOLE else None)
    if period_type(r) == "average_growth":
        value = r.get(f"projected_value{suffix}")
        return "—" if i18n.is_missing(value) else i18n.fmt_number(value, lang, level_decimals(value))
    value = r.get(f"projected_value{suffix}")
    if i18n.is_missing(value):
        return "—"
    if _held_at_bound(r, suffix):
        return i18n.text(lang, "projection.bounded_short")
    if r.get("kind") == "share" or _unit(r, lang) == "%":  # a bare "29,1" could be read as a count: say "29,1%"
        return i18n.text(lang, "units.percent", v=i18n.fmt_number(value, lang))
    return i18n.fmt_number(round(value) if r.get("kind") in WHOLE else value, lang)


def _held_at_bound(r: dict, suffix: str = "") -> bool:
    """The projection stopped at the indicator's declared bound and that bound meets the target: the trend
    passes the target before the target year, and no level beyond the target is printed (a count of states
    has no level a ministry would print as a forecast)."""
    value = r.get(f"projected_value{suffix}")
    if r.get(f"projection_bounded{suffix}", r.get("projection_bounded")) != True or i18n.is_missing(value):  # noqa: E712
        return False
    return _meets(r, float(value), "")


def projection_phrase(r: dict, lang: str, who: str = "") -> str:
    """Where the projection lands, in words: a worse rank 'falls to', never 'reaches' ([projection]); who is
    ranked: the plan's name (plan.toml)."""
    p = r.get("projected_value")
    if r.get("kind") == "rank":
        p, last = round(p), r.get("latest_value")
        key = "projection.rank_stays" if p == last else ("projection.rank_falls" if p > last else "projection.rank_rises")
        return i18n.text(lang, key, v=i18n.fmt_number(p, lang), who=who)
    value = round(p) if r.get("kind") in WHOLE else p
    if _held_at_bound(r):  # rule 9: said as the target passed, not as a level at the bound
        return i18n.text(lang, "projection.bounded", year=int(r["target_year"]))
    return i18n.text(lang, "projection.level", v=with_unit(value, r, lang))


def _target_effective(r: dict) -> float:
    if not i18n.is_missing(r.get("target_effective")):
        return float(r["target_effective"])
    t = float(r["target_value"])
    if r.get("kind") in WHOLE and r["comparator"] in (">", "<"):
        return t + 1 if r["comparator"] == ">" else t - 1  # rule 13: whole-number kinds
    return t


def needed_next(r: dict) -> tuple[float, int] | None:
    """Rule 15: (value, year) the next figure needs; the engine's columns, else worked out here."""
    if r["status"] in ("achieved", "no_data", "missed"):
        return None
    if "needed_next_value" in r:
        if i18n.is_missing(r.get("needed_next_value")) or i18n.is_missing(r.get("needed_next_year")):
            return None
        return float(r["needed_next_value"]), int(r["needed_next_year"])
    if i18n.is_missing(r.get("latest_value")):
        return None
    t, year = int(r["latest_year"]), int(r["target_year"])
    nxt = max(t + 1, int(r.get("as_of_year") or 0))  # a next figure dated before this edition is overdue
    if nxt > year:
        return None
    y = float(r["latest_value"])
    value = y + (_target_effective(r) - y) * (nxt - t) / (year - t)
    if r.get("kind") == "rank":
        value = math.floor(value)
    elif r.get("kind") == "count":
        value = math.ceil(value)
    return value, nxt


def next_text(r: dict, lang: str, short: bool = False) -> str:
    """short: page 2's table, where the releases due are already named above it."""
    if r.get("status") == "achieved":
        return hold_text(r, lang)
    return currency_text.next_release(_next_text(r, lang), r, lang, short)  # rule 19: names the due release


def _next_text(r: dict, lang: str) -> str:
    if period_type(r):  # a cumulative target: the average each remaining year needs (rule C5); growth: none
        return flow_text(r, lang)
    nxt = needed_next(r)
    if nxt is None:
        return "—"
    value, year = nxt
    if r.get("kind") == "rank":
        return i18n.text(lang, "next.rank", v=i18n.fmt_number(value, lang), year=year)
    key = "next.more" if r["comparator"] in (">", ">=") else "next.less"
    if r.get("kind") not in WHOLE and r["comparator"] in (">", "<"):
        key += "_strict"  # 'more than 21%', never 'at least 21%' for a strict target on a share
    return i18n.text(lang, key, v=with_unit(value, r, lang, decimals=None), year=year)


# Flags kept in the data but never printed as a mark: a target met before it was set is a target to hold,
# said in words (a 'target to hold'), never as a comment on the resolution that set it.
UNPRINTED = ("met_before_set",)


def printed_flags(flags: str) -> list[str]:
    return [f for f in FLAGS if f in (flags or "").split(";") and f not in UNPRINTED]


def marks(flags: str) -> str:
    return "".join(i18n.FLAG_MARKS.get(f, "") for f in printed_flags(flags))


def margin(r: dict) -> float | None:
    """How far an achieved target's latest figure is beyond the level to hold, in the target's direction."""
    if r["status"] != "achieved" or i18n.is_missing(r.get("latest_value")) or period_type(r):
        return None
    d = 1 if r["comparator"] in (">", ">=") else -1
    return d * (float(r["latest_value"]) - _target_effective(r))


def hold_text(r: dict, lang: str) -> str:
    """Rule 15 for a met target: the level to hold and the margin ('hold rank 33 or better; now 1 place higher')."""
    if r["status"] != "achieved" or period_type(r):  # a total reached or a growth achieved holds nothing
        return ""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    te = _target_effective(r)
    floor = "floor_only" in (r.get("flags") or "").split(";")
    if r.get("kind") == "rank":
        level = T("hold.rank", v=i18n.fmt_number(te, lang))
    elif floor or (r.get("kind") not in WHOLE and r["comparator"] in (">", "<")):
        level = T("hold.more_strict" if r["comparator"] == ">" else "hold.less_strict",
                  v=with_unit(r["target_value"], r, lang))
    else:
        level = T("hold.more" if r["comparator"] in (">", ">=") else "hold.less", v=with_unit(te, r, lang))
    if floor:
        return T("hold.with", level=level, margin=T("hold.floor", v=with_unit(r["latest_value"], r, lang)))
    m = margin(r)
    year = "" if i18n.is_missing(r.get("latest_year")) else int(r["latest_year"])
    if m is None or m < 0:  # no margin to state (a latest figure short of the level cannot be 'achieved')
        return level
    if round(m, 6) == 0:
        return T("hold.with", level=level, margin=T("hold.at_level", year=year))
    by = distance(m, r, lang)
    key = "hold.above_rank" if r.get("kind") == "rank" else "hold.above"
    # the margin of the latest figure, dated: never 'now' for an edition two years old (rule 19)
    return T("hold.with", level=level, margin=T(key, by=by, year=year))


def flow_text(r: dict, lang: str) -> str:
    """The average flow a cumulative target needs in each remaining year: '1,125 a year (2028–2030)'."""
    flow = r.get("flow_required")
    if period_type(r) != "cumulative" or i18n.is_missing(flow):
        return "—"
    end = int(r["target_year"])
    t = r.get("latest_year")
    first = max(int(r["period_start"]), (int(t) + 1) if not i18n.is_missing(t) else int(r["period_start"]))
    v = with_unit(flow, r, lang, decimals=0 if r.get("kind") in WHOLE else None)
    if first >= end:
        return i18n.text(lang, "target_type.flow_value_one", v=v, end=end)
    return i18n.text(lang, "target_type.flow_value", v=v, first=first, end=end)


def maintained_text(r: dict, lang: str) -> str:
    """A target met before it was set: a target to hold, from the year its run began to the target year."""
    since = r.get("held_since", r.get("achieved_since"))
    if r["status"] != "achieved" or "met_before_set" not in (r.get("flags") or "").split(";") or i18n.is_missing(since):
        return ""
    return i18n.text(lang, "hold.maintained", since=int(since), year=int(r["target_year"]))


def risk_items(r: dict, lang: str, alts: pd.DataFrame | None = None) -> list[str]:
    """What could undo an achieved status, in words: a margin inside the rank-noise band, a contested figure,
    a latest figure not yet checked against the producer's publication, a floor only."""
    T = lambda key, **kw: i18n.text(lang, key, **kw)  # noqa: E731
    flags = (r.get("flags") or "").split(";")
    out = []
    m = margin(r)
    if r.get("kind") == "rank" and m is not None and m <= 3:
        out.append(T("risk.rank_noise", by=distance(m, r, lang)) if m else T("risk.rank_noise_at"))
    if "source_sensitive" in flags and alts is not None and len(alts):
        a = alts.iloc[0].to_dict()
        out.append(T("risk.contested", value=i18n.fmt_qualified_words(a["value"], a["qualifier"], lang),
                     producer=i18n.producer_name(a["producer"], lang),
                     status=i18n.status_name(a["alt_status"], lang)))
    if str(r.get("latest_grade") or "") == "C":
        out.append(T("risk.weak_latest", latest=latest_text(r, lang)))
    if "floor_only" in flags:
        out.append(T("risk.floor"))
    due = currency_text.due_years_list(r)
    if due:  # rule 19: editions due but not in the data could undo it
        out.append(T("wording.risk_due_one" if len(due) == 1 else "wording.risk_due_many",
                     years=currency_text.due_years(r, lang)))
    return out


def _names(ds: Dataset, lang: str) -> pd.Series:
    return ds.indicators.set_index("indicator_id")[f"name_{lang}"]


def ordered(sc: pd.DataFrame) -> pd.DataFrame:
    """The scorecard's reading order: by area (PILLARS), then as targets.csv lists them."""
    rank = {p: i for i, p in enumerate(PILLARS)}
    return sc.assign(_o=sc["pillar"].map(rank)).sort_values("_o", kind="stable").drop(columns="_o")
