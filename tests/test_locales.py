"""One catalog per language: the same keys and the same {placeholders} in each, and no words left in the code,
so adding a language is adding one file."""
from __future__ import annotations

import re
import string

import pytest

from analysis import config, i18n

# Letters only Vietnamese uses among the project's languages (Latin-1 accents, ă â đ ê ô ơ ư, and U+1EA0-U+1EF9).
VIETNAMESE = re.compile("[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")


def flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        elif isinstance(value, list):
            out.update({f"{name}[{i}]": v for i, v in enumerate(value)})
        else:
            out[name] = value
    return out


def placeholders(text: str) -> set[str]:
    if not isinstance(text, str):  # a setting such as dates.spell_small_numbers
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def differences(a: dict, b: dict) -> list[str]:
    """What differs between two catalogs: missing keys, then keys whose placeholders differ."""
    fa, fb = flatten(a), flatten(b)
    out = [f"only in one catalog: {k}" for k in sorted(set(fa) ^ set(fb))]
    out += [f"{k}: {sorted(placeholders(fa[k]))} vs {sorted(placeholders(fb[k]))}"
            for k in sorted(set(fa) & set(fb)) if placeholders(fa[k]) != placeholders(fb[k])]
    return out


def test_differences_finds_a_missing_key_and_a_missing_placeholder():
    a = {"summary": {"counts": "Trong {n} chỉ tiêu: {items}.", "no_data": "Chưa có: {names}."}, "m": {"p": ["x"]}}
    b = {"summary": {"counts": "Of the {n} targets: {parts}."}, "m": {"p": ["x", "y"]}}
    assert differences(a, b) == ["only in one catalog: m.p[1]", "only in one catalog: summary.no_data",
                                 "summary.counts: ['items', 'n'] vs ['n', 'parts']"]


@pytest.mark.parametrize("lang", [x for x in config.LANGS if x != config.DEFAULT_LANG])
def test_every_catalog_has_the_keys_and_placeholders_of_the_default_one(lang):
    assert differences(i18n.catalog(config.DEFAULT_LANG), i18n.catalog(lang)) == []


def test_the_languages_are_the_catalogs_present():
    assert config.LANGS[0] == "vi"
    assert set(config.LANGS) == {p.stem for p in config.LOCALES_DIR.glob("*.toml")} == {"vi", "en"}


def test_no_vietnamese_text_left_in_the_code():
    package = config.LOCALES_DIR.parent
    files = sorted(package.rglob("*.py")) + sorted(package.glob("**/templates/*"))  # every subpackage
    assert len(files) > 30 and any(p.suffix == ".typ" for p in files)
    found = [f"{p.relative_to(package)}:{n}: {line.strip()}" for p in files
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1) if VIETNAMESE.search(line)]
    assert found == []


def test_the_vietnamese_catalog_is_vietnamese():
    assert i18n.text("vi", "status.on_track") == "Có khả năng đạt"  # official usage (review item 6)
    assert i18n.text("vi", "status.moving_away") == "Diễn biến xa dần mục tiêu"
    assert VIETNAMESE.search(i18n.text("vi", "summary.counts"))
    assert i18n.text("en", "summary.no_changes", base="the edition of 1 January 2026, with figures up to 2025") == \
        "No new figure changed a status since the edition of 1 January 2026, with figures up to 2025."


def test_the_catalogs_hold_no_name_of_the_data():
    """Publishers, producers, chart titles and release names are data (data/publishers.csv...), not catalog keys."""
    for lang in config.LANGS:
        assert {"publishers", "producers", "release_names", "context_title", "context_note"} & \
            set(i18n.catalog(lang)) == set()


def test_publishers_read_in_the_edition_language_without_english_glosses():
    from analysis.data.dataset import load

    load()  # the pinned data's names (tests/fixtures/data/publishers.csv)
    key = "Báo Đại biểu Nhân dân (National Assembly newspaper) – English edition"
    assert i18n.publisher_name(key, "vi") == "Báo Đại biểu Nhân dân (bản tiếng Anh)"
    assert i18n.publisher_name(key, "en") == "Đại biểu Nhân dân (National Assembly newspaper), English edition"
    assert i18n.publisher_name("TTXVN (Vietnam News Agency)", "vi") == "Thông tấn xã Việt Nam (TTXVN)"
    assert i18n.publisher_name("an outlet no catalog knows", "vi") == "an outlet no catalog knows"


@pytest.mark.parametrize("iso, lang, long, expected", [
    # Nghị định 30/2020/NĐ-CP: a 0 before days below 10 and before months 1 and 2, nowhere else
    ("2025-09-16", "vi", False, "16/9/2025"),      # day 16 and month 9: nothing added
    ("2025-01-24", "vi", False, "24/01/2025"),     # month 1 -> 01
    ("2026-12-07", "vi", False, "07/12/2026"),     # day 7 -> 07, month 12 as is
    ("2026-02-14", "vi", False, "14/02/2026"),     # month 2 -> 02
    ("2026-03-05", "vi", False, "05/3/2026"),      # day 5 -> 05, month 3 keeps no 0
    ("2026-12-07", "vi", True, "ngày 07 tháng 12 năm 2026"),
    ("2026-11-29", "vi", True, "ngày 29 tháng 11 năm 2026"),
    ("2026-01", "vi", False, "tháng 01/2026"),
    ("2026-12-07", "en", False, "7 December 2026"),  # English keeps its own form: no 0
    ("2025-01-24", "en", False, "24 January 2025"),
    ("2025-09", "vi", False, "tháng 9/2025"),
    ("2025", "en", False, "2025"),
    ("", "vi", False, ""),
])
def test_dates_as_the_edition_writes_them(iso, lang, long, expected):
    assert i18n.fmt_date(iso, lang, long=long) == expected


def test_status_names_follow_official_usage_and_never_accuse():
    vi = i18n.STATUS_NAMES["vi"]
    assert [vi[s] for s in ("achieved", "on_track", "moderate_progress", "insufficient_progress", "missed",
                            "insufficient_data", "no_data")] == [
        "Đã đạt", "Có khả năng đạt", "Cần nỗ lực thêm", "Khó đạt nếu giữ tốc độ hiện nay", "Không đạt",
        "Chưa đủ số liệu để đánh giá", "Chưa có số liệu"]
    assert "ngược" not in vi["moving_away"].lower()
    assert i18n.text("vi", "flag.source_sensitive").startswith("kết quả đánh giá thay đổi")
    assert i18n.text("vi", "flag.proxy") == "số liệu đại diện (phạm vi khác chỉ tiêu)"  # narrower or broader (S2-12)
