"""Every label the report and charts show, in Vietnamese and English, and number formats.

Vietnamese uses ',' as the decimal mark and '.' for thousands (1.234,5); English the reverse.
"""
from __future__ import annotations

import math
import re

from . import config

STATUS_COLOURS = {  # one colour per status everywhere (charts, tables, legend)
    "achieved": "#1a7f37",
    "on_track": "#7fbf3f",
    "moderate_progress": "#f2c14e",
    "insufficient_progress": "#f08a3c",
    "moving_away": "#d1352b",
    "missed": "#6e1a1a",
    "insufficient_data": "#9e9e9e",
    "no_data": "#d9d9d9",
}
STATUS_TEXT_COLOURS = {s: ("#ffffff" if s in ("achieved", "moving_away", "missed", "insufficient_data") else "#1a1a1a")
                       for s in STATUS_COLOURS}

STATUS_NAMES = {
    "vi": {
        "achieved": "Đã đạt", "on_track": "Đúng lộ trình", "moderate_progress": "Tiến bộ vừa phải",
        "insufficient_progress": "Tiến bộ chưa đủ", "moving_away": "Đi ngược mục tiêu",
        "missed": "Không đạt", "insufficient_data": "Chưa đủ dữ liệu", "no_data": "Chưa có dữ liệu",
    },
    "en": {
        "achieved": "Achieved", "on_track": "On track", "moderate_progress": "Moderate progress",
        "insufficient_progress": "Insufficient progress", "moving_away": "Moving away",
        "missed": "Missed", "insufficient_data": "Insufficient data", "no_data": "No data",
    },
}
FLAG_MARKS = {"low_evidence": "†", "rank_noise": "‡", "target_lost": "§", "source_sensitive": "¶", "proxy": "◊"}
FLAG_NAMES = {
    "vi": {"low_evidence": "chỉ có hai điểm dữ liệu", "rank_noise": "chênh lệch thứ hạng trong phạm vi 3 bậc, chưa có ý nghĩa thống kê",
           "target_lost": "điểm gốc đã đạt mục tiêu nhưng giá trị mới nhất thì chưa",
           "source_sensitive": "đánh giá sẽ khác nếu dùng số liệu của một nguồn khác cho một năm",
           "proxy": "số liệu thay thế, phạm vi khác với chỉ tiêu"},
    "en": {"low_evidence": "only two data points", "rank_noise": "rank gap within 3 places, not significant",
           "target_lost": "the base point met the target but the latest value does not",
           "source_sensitive": "the status would differ with another source's figure for one year",
           "proxy": "a proxy figure, whose coverage differs from the indicator's"},
}
PILLAR_NAMES = {
    "vi": {"politics_security": "Chính trị, quốc phòng, an ninh", "economy": "Kinh tế",
           "society_science": "Văn hóa, xã hội, khoa học - công nghệ, giáo dục"},
    "en": {"politics_security": "Politics, defence and security", "economy": "Economy",
           "society_science": "Culture, society, science and technology, education"},
}
OBS_STATUS = {
    "vi": {"final": "chính thức", "estimate": "ước tính", "forecast": "dự báo"},
    "en": {"final": "final", "estimate": "estimate", "forecast": "forecast"},
}

LABELS = {
    "vi": {
        "title": "Hội nhập quốc tế của Việt Nam: khoảng cách đến mục tiêu 2030",
        "subtitle": "Theo dõi các chỉ tiêu của Nghị quyết 59-NQ/TW và Chương trình hành động (Nghị quyết 153/NQ-CP)",
        "as_of": "Dữ liệu tính đến năm", "edition": "Ngày lập", "fingerprint": "Dấu vân tay dữ liệu",
        "code_version": "Phiên bản mã", "summary": "Tóm tắt", "scorecard": "Bảng đánh giá theo trụ cột",
        "targets_section": "Từng chỉ tiêu", "context": "Bối cảnh", "appendix": "Phụ lục",
        "coverage": "Mức độ bao quát 22 chỉ tiêu", "sources_conflicts": "Nguồn và chênh lệch giữa các nguồn",
        "methodology": "Phương pháp", "dictionary": "Từ điển dữ liệu",
        "indicator": "Chỉ tiêu", "latest": "Mới nhất", "target": "Mục tiêu", "gap": "Khoảng cách",
        "pace": "Tốc độ/năm: thực tế / cần", "projection": "Dự phóng", "status": "Đánh giá",
        "status_short": "Ngắn hạn", "status_long": "Dài hạn", "year": "Năm", "value": "Giá trị",
        "source": "Nguồn", "locator": "Trích dẫn", "note": "Ghi chú", "selected": "Dùng",
        "observed": "Số liệu quan sát", "fitted": "Xu hướng thực tế, dự phóng", "required": "Lộ trình cần thiết",
        "target_marker": "Mục tiêu", "final": "chính thức", "estimate": "ước tính", "sources": "Nguồn",
        "count_targets": "Số chỉ tiêu", "legend": "Chú giải", "flags": "Ký hiệu",
        "no_data_text": "Chưa có số liệu công khai cho chỉ tiêu này.",
        "window_short": "cửa sổ ngắn hạn", "window_long": "cửa sổ dài hạn",
        "title_col": "Tiêu đề", "date_col": "Ngày công bố",
    },
    "en": {
        "title": "Vietnam's international integration: the gap to the 2030 targets",
        "subtitle": "Tracking the targets of Resolution 59-NQ/TW and the Government's Action Programme (Resolution 153/NQ-CP)",
        "as_of": "Data as of", "edition": "Edition date", "fingerprint": "Data fingerprint",
        "code_version": "Code version", "summary": "Summary", "scorecard": "Scorecard by pillar",
        "targets_section": "Target by target", "context": "Context", "appendix": "Appendices",
        "coverage": "Coverage of the 22 targets", "sources_conflicts": "Sources and conflicts",
        "methodology": "Methodology", "dictionary": "Data dictionary",
        "indicator": "Indicator", "latest": "Latest", "target": "Target", "gap": "Gap",
        "pace": "Pace/yr: actual / required", "projection": "Projection", "status": "Status",
        "status_short": "Short term", "status_long": "Long term", "year": "Year", "value": "Value",
        "source": "Source", "locator": "Locator", "note": "Note", "selected": "Used",
        "observed": "Observed", "fitted": "Actual pace, projected", "required": "Required path",
        "target_marker": "Target", "final": "final", "estimate": "estimate", "sources": "Sources",
        "count_targets": "Targets", "legend": "Legend", "flags": "Marks",
        "no_data_text": "No public figure yet for this indicator.",
        "window_short": "short-term window", "window_long": "long-term window",
        "title_col": "Title", "date_col": "Published",
    },
}


# Scripts DejaVu Sans cannot draw (Hangul, CJK): such text is named, not printed as empty boxes.
_UNPRINTABLE = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3100-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def printable(text: str, lang: str) -> str:
    if not _UNPRINTABLE.search(text):
        return text
    return ("(văn bản tiếng Hàn/Trung: xem data/observations.csv và sources.csv)" if lang == "vi"
            else "(Korean/Chinese text: see data/observations.csv and sources.csv)")


def check_lang(lang: str) -> str:
    if lang not in config.LANGS:
        raise ValueError(f"unknown lang '{lang}'; expected one of {', '.join(config.LANGS)}")
    return lang


def label(key: str, lang: str) -> str:
    return LABELS[lang][key]


def status_name(status: str, lang: str) -> str:
    return STATUS_NAMES[lang][status]


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_number(value, lang: str, decimals: int | None = None, signed: bool = False) -> str:
    """Format a number for `lang`; None/NaN become an em dash.

    decimals=None: whole numbers without decimals, others with up to two significant decimals.
    """
    if is_missing(value):
        return "—"
    value = float(value)
    if decimals is None:
        decimals = 0 if value == round(value) else (1 if abs(value) >= 100 else 2)
    text = f"{value:,.{decimals}f}"
    if decimals and decimals > 0 and "." in text:
        text = text.rstrip("0").rstrip(".") if decimals > 1 else text
    if signed and value > 0:
        text = "+" + text
    text = text.replace("-", "−")
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_comparator(comparator: str) -> str:
    return {">": ">", ">=": "≥", "<": "<", "<=": "≤"}[comparator]


def fmt_qualified(value, qualifier: str, lang: str, decimals: int | None = None) -> str:
    prefix = {"": "", ">": ">", "<": "<", "~": "≈"}.get(qualifier or "", "")
    return prefix + fmt_number(value, lang, decimals)
