"""Every text a reader sees comes from one catalog per language (locales/<lang>.toml); numbers are
formatted here with Babel (vi: 1.234,5 · en: 1,234.5).

This module holds no language's words: keys in, catalog text out.
"""
from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import parse_pattern

from . import config

STATUS_COLOURS = {  # one colour per status everywhere (charts, tables, legend)
    "achieved": "#1a7f37",
    "on_track": "#7fbf3f",
    "moderate_progress": "#f2c14e",
    "insufficient_progress": "#f08a3c",
    "moving_away": "#d1352b",
    "missed": "#6e1a1a",
    "insufficient_data": "#8a8a8a",
    "no_data": "#ececec",  # far from insufficient_data's grey, so the two read apart in grayscale too
}
STATUS_TEXT_COLOURS = {s: ("#ffffff" if s in ("achieved", "moving_away", "missed", "insufficient_data") else "#1a1a1a")
                       for s in STATUS_COLOURS}
FLAG_MARKS = {"low_evidence": "†", "rank_noise": "‡", "target_lost": "§", "source_sensitive": "¶", "proxy": "◊",
              "weak_source": "°", "not_comparable": "≠", "floor_only": "⁺", "met_before_set": "↺",
              "at_threshold": "=", "method_break": "‖", "missing_years": "∅", "no_base": "⌀"}
# A symbol per status, printed in the status-history cells so they read without colour.
# Outline and filled triangles (△▲, ▽▼) could not be told apart in print: the two middle statuses are arrows.
STATUS_SYMBOLS = {"achieved": "✓", "on_track": "▲", "moderate_progress": "↗", "insufficient_progress": "↘",
                  "moving_away": "▼", "missed": "✗", "insufficient_data": "○", "no_data": "–"}


def check_lang(lang: str) -> str:
    if lang not in config.LANGS:
        raise ValueError(f"unknown lang '{lang}'; expected one of {', '.join(config.LANGS)}")
    return lang


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict:
    """The parsed catalog of one language (read once per process)."""
    check_lang(lang)
    with open(config.LOCALES_DIR / f"{lang}.toml", "rb") as f:
        return tomllib.load(f)


def text(lang: str, key: str, **values) -> str | list:
    """The catalog entry 'section.name' for lang, its {placeholders} filled from values."""
    section, _, name = key.partition(".")
    entry = catalog(lang)[section][name]
    return entry.format(**values) if values else entry


# The catalog sections as {lang: {key: text}}, for callers that look up many keys.
LABELS = {lang: catalog(lang)["labels"] for lang in config.LANGS}
STATUS_NAMES = {lang: catalog(lang)["status"] for lang in config.LANGS}
FLAG_NAMES = {lang: catalog(lang)["flag"] for lang in config.LANGS}
PILLAR_NAMES = {lang: catalog(lang)["pillar"] for lang in config.LANGS}
OBS_STATUS = {lang: catalog(lang)["obs_status"] for lang in config.LANGS}


# Scripts DejaVu Sans cannot draw (Hangul, CJK): such text is named, not printed as empty boxes.
_UNPRINTABLE = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3100-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def printable(value: str, lang: str) -> str:
    if not _UNPRINTABLE.search(value):
        return value
    return text(lang, "misc.unprintable")


# Vietnamese collation (the alphabet a b c d d-stroke e ... with its lettered vowels after their base letter, tones
# second): a letter's place comes from its decomposition, so this module needs no Vietnamese letter of its own.
_LETTER_MARKS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # breve, circumflex, horn: a < a-breve < a-circumflex
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # grave, hook, tilde, acute, dot


def collation_key(value: str) -> tuple:
    """Sort key in Vietnamese dictionary order: letters first (d-stroke after d, lettered vowels after their base),
    then tones, then case; other scripts keep their code point order among the letters."""
    primary, tones = [], []
    for ch in str(value or ""):
        low = ch.lower()
        if low == "\u0111":  # d with stroke
            primary.append((ord("d"), 1))
            tones.append(0)
            continue
        parts = unicodedata.normalize("NFD", low)
        base, marks = parts[0], parts[1:]
        primary.append((ord(base), sum(_LETTER_MARKS.get(m, 0) for m in marks)))
        tones.append(sum(_TONES.get(m, 0) for m in marks))
    return (primary, tones, str(value or ""))


# The data's own names (data/publishers.csv, producers.csv, indicators.csv release_name_<lang>) of the data folder
# loaded last: data/names.py installs them when dataset.load() reads a folder. The catalogs hold none of them.
_DATA_NAMES: dict[str, dict[str, dict[str, str]]] = {}


def use_data_names(names: dict[str, dict[str, dict[str, str]]]) -> None:
    """{kind: {lang: {key: name}}} for kind publishers, producers, release_names."""
    _DATA_NAMES.clear()
    _DATA_NAMES.update(names)


def data_name(kind: str, key: str, lang: str, fallback: str | None = None) -> str:
    """The data's name of key in lang; else fallback (default: key itself, the data's own word)."""
    return _DATA_NAMES.get(kind, {}).get(lang, {}).get(key, key if fallback is None else fallback)


def data_names(kind: str, lang: str) -> dict[str, str]:
    """Every name of one kind in lang, in the order of its data file (e.g. the acronyms to spell out)."""
    return dict(_DATA_NAMES.get(kind, {}).get(lang, {}))


def publisher_name(publisher: str, lang: str) -> str:
    """The outlet as data/publishers.csv names it in lang (the validator asks for every publisher of
    sources.csv there); one it lacks keeps the data's name."""
    return data_name("publishers", publisher, lang)


def fmt_date(iso: str, lang: str, long: bool = False) -> str:
    """'2025-09-16' as the edition's documents write dates ([dates]: 16/9/2025 in vi, its long form in words);
    'YYYY-MM' and 'YYYY' keep what they say; anything else is returned as is. Days below 10 get a leading
    zero where the catalog says pad_day (vi, after Decree 30/2020 on administrative documents); month
    names carry their own (01, 02 in vi)."""
    parts = str(iso or "").split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3 or len(parts[0]) != 4:
        return str(iso or "")
    d = catalog(lang)["dates"]
    y, m, day = int(parts[0]), (int(parts[1]) if len(parts) > 1 else 0), (int(parts[2]) if len(parts) > 2 else 0)
    if not m:
        return str(y)
    month = d["months"][m - 1]
    if not day:
        return d["month_year"].format(m=m, month=month, y=y)
    return d["long" if long else "short"].format(d=day_text(day, lang), m=m, month=month, y=y)


def day_text(day: int, lang: str) -> str:
    """A day of the month as the edition writes it: 07 where the catalog's [dates] says pad_day (vi), else 7."""
    return f"{day:02d}" if catalog(lang)["dates"].get("pad_day") else str(day)


def number_word(n: int, lang: str, start: bool = False) -> str:
    """Small whole numbers in words where a sentence starts with them (start, every language) or a figure
    would run into a name (languages that spell small numbers out)."""
    d = catalog(lang)["dates"]
    words = d["number_words"]
    if 0 <= n < len(words) and (start or d.get("spell_small_numbers")):
        return words[n].capitalize() if start else words[n]
    return str(n)


def producer_name(producer: str, lang: str) -> str:
    """The producer as data/producers.csv names it in lang (the validator asks for every producer of
    observations.csv there); one it lacks keeps the data's name."""
    return data_name("producers", producer, lang)


def producer_line_name(producer: str, lang: str) -> str:
    """The producer as a context line names it (data/producers.csv's line_<lang>: its current name alone); else
    its name."""
    return data_name("producer_lines", producer, lang, fallback="") or producer_name(producer, lang)


def label(key: str, lang: str) -> str:
    return LABELS[lang][key]


def status_name(status: str, lang: str) -> str:
    return STATUS_NAMES[lang][status]


def is_missing(value) -> bool:
    """None, NaN, or pandas' missing value of a nullable column (pd.NA: a base year a growth target lacks)."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or type(value).__name__ == "NAType"


@lru_cache(maxsize=None)
def _number_format(lang: str, decimals: int, trim: bool):
    """Babel's pattern and locale: grouping and decimal marks from CLDR; trim drops trailing zeros."""
    frac = ("#" if trim else "0") * decimals
    return parse_pattern("#,##0" + (f".{frac}" if decimals else "")), Locale.parse(lang)


@lru_cache(maxsize=65536)
def _formatted(value: str, lang: str, decimals: int, trim: bool) -> str:
    """Babel's formatting of one float (given by its repr, which keeps -0.0 apart from 0.0): remembered, as the
    same few hundred figures, ticks and years are formatted thousands of times per edition."""
    pattern, locale = _number_format(lang, decimals, trim)
    # Decimal(value) is the float's exact binary value, so ties round as Python's own format() does.
    return pattern.apply(Decimal(float(value)), locale)


def fmt_number(value, lang: str, decimals: int | None = None, signed: bool = False, keep_zeros: bool = False) -> str:
    """Format a number for `lang`; None/NaN become an em dash.

    decimals=None: whole numbers without decimals, others with up to two significant decimals.
    """
    if is_missing(value):
        return "—"
    value = float(value)
    if decimals is None:
        decimals = 0 if value == round(value) else (1 if abs(value) >= 100 else 2)
    out = _formatted(repr(value), lang, decimals, decimals > 1 and not keep_zeros)
    if signed and value > 0:
        out = "+" + out
    return out.replace("-", "−")  # the typographic minus


def fmt_comparator(comparator: str) -> str:
    return {">": ">", ">=": "≥", "<": "<", "<=": "≤"}[comparator]


def fmt_qualified(value, qualifier: str, lang: str, decimals: int | None = None) -> str:
    """A figure with its source's qualifier as a sign (>70, ≈19): for the workbook's and notebook's cells."""
    prefix = {"": "", ">": ">", "<": "<", "~": "≈"}.get(qualifier or "", "")
    return prefix + fmt_number(value, lang, decimals)


QUALIFIER_WORDS = {">": "more", "<": "less", "~": "about"}  # observations.csv's qualifier -> [wording] key


def qualified_words(said: str, qualifier: str, lang: str) -> str:
    """A figure already said (with its unit) and its source's qualifier in words, for a report's reader:
    '70 organisations' with '>' -> 'more than 70 organisations'; 'US$19 billion' with '~' -> 'about US$19 billion'."""
    key = QUALIFIER_WORDS.get(qualifier or "")
    return text(lang, f"wording.qualifier_{key}", v=said) if key else said


def fmt_qualified_words(value, qualifier: str, lang: str, decimals: int | None = None) -> str:
    """fmt_number with the qualifier in words (more than 70, about 19, less than 0.5): the PDF's form."""
    return qualified_words(fmt_number(value, lang, decimals), qualifier, lang)


def comparator_words(comparator: str, value: str, lang: str, rank: bool = False) -> str:
    """A target's comparator and level in words, without a sign: 'rank 33 or better' (a rank, given the level
    that meets it), 'more than 194', 'at least 40%'."""
    if rank:
        return text(lang, "target_words.rank", v=value)
    key = {">": "more", ">=": "at_least", "<": "less", "<=": "at_most"}[comparator]
    return text(lang, f"target_words.{key}", v=value)
