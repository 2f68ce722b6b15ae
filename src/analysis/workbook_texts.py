"""The workbook's texts, one flat mapping per language (key → string).

TEMPORARY HOME: these keys belong in the per-language catalogs (locales/vi.toml, en.toml); the
workbook only ever sees the mapping that `texts(lang)` returns, so moving them changes this file only.
Status, pillar, flag and observation-status names are the report's own, taken from i18n.
"""
from __future__ import annotations

from . import i18n

WORKBOOK_TEXTS = {
    "vi": {
        "sheet.about": "Giới thiệu", "sheet.scorecard": "Bảng đánh giá", "sheet.history": "Lịch sử đánh giá",
        "sheet.observations": "Số liệu", "sheet.sources": "Nguồn", "sheet.conflicts": "Chênh lệch nguồn",
        "about.title": "Hội nhập quốc tế của Việt Nam: khoảng cách đến mục tiêu 2030 — bảng tính",
        "about.as_of": "Dữ liệu tính đến năm", "about.edition": "Ngày lập",
        "about.fingerprint": "Dấu vân tay dữ liệu", "about.code_version": "Phiên bản mã",
        "about.window_short": "Cửa sổ ngắn hạn (đánh giá chính) từ năm",
        "about.window_long": "Cửa sổ dài hạn từ năm",
        "about.sheet": "Trang tính", "about.holds": "Nội dung",
        "about.scorecard": "Mỗi chỉ tiêu một dòng, theo trụ cột: giá trị mới nhất, mục tiêu, khoảng cách, tốc độ "
                           "thực tế và cần thiết, dự phóng, tỷ số R, đánh giá ngắn hạn và dài hạn kèm ký hiệu.",
        "about.history": "Đánh giá ngắn hạn của mỗi chỉ tiêu như đã có thể đưa ra vào từng năm, chỉ với số liệu "
                         "có đến năm đó; mỗi năm một cột.",
        "about.observations": "Mọi số liệu đã thu thập, kể cả dòng không được chọn, với nguồn, URL, trích dẫn "
                              "và ghi chú.",
        "about.sources": "Mọi nguồn: cơ quan công bố, tiêu đề, ngày công bố, ngày truy cập, URL.",
        "about.conflicts": "Các chỉ tiêu và kỳ có nhiều hơn một số liệu; cột “Dùng” cho biết số liệu được chọn.",
        "about.legend_status": "Chú giải đánh giá", "about.legend_flags": "Ký hiệu",
        "about.numbers": "Số được lưu dưới dạng số; cách hiển thị (1.234,5) theo định dạng tiếng Việt của ô. "
                         "Excel hiển thị dấu thập phân theo thiết lập vùng của máy.",
        "col.pillar": "Trụ cột", "col.target_id": "Mã mục tiêu", "col.indicator_id": "Mã chỉ tiêu",
        "col.indicator": "Chỉ tiêu", "col.unit": "Đơn vị", "col.comparator": "So sánh",
        "col.target_value": "Mục tiêu", "col.target_year": "Năm mục tiêu", "col.latest_value": "Mới nhất",
        "col.qualifier": "Dấu (>, <, ≈)", "col.latest_year": "Năm mới nhất", "col.baseline_year": "Năm gốc",
        "col.baseline_value": "Giá trị gốc", "col.n_points": "Số điểm", "col.gap": "Khoảng cách",
        "col.pace_actual": "Tốc độ thực tế/năm", "col.pace_required": "Tốc độ cần thiết/năm (từ gốc)",
        "col.pace_required_now": "Tốc độ cần thiết/năm (từ nay)", "col.projected_value": "Dự phóng",
        "col.ratio": "Tỷ số R", "col.cagr_ratio": "Tỷ số tăng trưởng kép",
        "col.status_short": "Đánh giá ngắn hạn", "col.flags_short": "Ký hiệu ngắn hạn",
        "col.status_long": "Đánh giá dài hạn", "col.flags_long": "Ký hiệu dài hạn",
        "col.period": "Kỳ", "col.value": "Giá trị", "col.obs_status": "Tình trạng", "col.selected": "Dùng",
        "col.partial": "Một phần năm", "col.producer": "Cơ quan sản xuất số liệu", "col.proxy": "Số liệu thay thế",
        "col.source_id": "Mã nguồn", "col.publisher": "Cơ quan công bố", "col.url": "URL",
        "col.locator": "Trích dẫn", "col.note": "Ghi chú", "col.title": "Tiêu đề", "col.published": "Ngày công bố",
        "col.accessed": "Ngày truy cập", "col.language": "Ngôn ngữ",
        "yes": "có", "no": "không",
    },
    "en": {
        "sheet.about": "About", "sheet.scorecard": "Scorecard", "sheet.history": "Status history",
        "sheet.observations": "Observations", "sheet.sources": "Sources", "sheet.conflicts": "Conflicts",
        "about.title": "Vietnam's international integration: the gap to the 2030 targets — workbook",
        "about.as_of": "Data as of", "about.edition": "Edition date",
        "about.fingerprint": "Data fingerprint", "about.code_version": "Code version",
        "about.window_short": "Short-term window (headline) from",
        "about.window_long": "Long-term window from",
        "about.sheet": "Sheet", "about.holds": "What it holds",
        "about.scorecard": "One row per target, by pillar: latest value, target, gap, actual and required pace, "
                           "projection, ratio R, short- and long-term status with their marks.",
        "about.history": "Each target's short-term status as it could have been assessed in each year, with only "
                         "the figures available by then; one column per year.",
        "about.observations": "Every figure collected, including rows not selected, with its source, URL, locator "
                              "and note.",
        "about.sources": "Every source: publisher, title, date published, date accessed, URL.",
        "about.conflicts": "Indicators and periods with more than one figure; the “Used” column marks the one "
                           "selected.",
        "about.legend_status": "Status legend", "about.legend_flags": "Marks",
        "about.numbers": "Numbers are stored as numbers and displayed in the English format (1,234.5). "
                         "Excel shows the decimal mark of the computer's regional settings.",
        "col.pillar": "Pillar", "col.target_id": "Target id", "col.indicator_id": "Indicator id",
        "col.indicator": "Indicator", "col.unit": "Unit", "col.comparator": "Comparator",
        "col.target_value": "Target", "col.target_year": "Target year", "col.latest_value": "Latest",
        "col.qualifier": "Qualifier (>, <, ≈)", "col.latest_year": "Latest year", "col.baseline_year": "Base year",
        "col.baseline_value": "Base value", "col.n_points": "Points", "col.gap": "Gap",
        "col.pace_actual": "Actual pace/yr", "col.pace_required": "Required pace/yr (from base)",
        "col.pace_required_now": "Required pace/yr (from now)", "col.projected_value": "Projection",
        "col.ratio": "Ratio R", "col.cagr_ratio": "Compound-growth ratio",
        "col.status_short": "Short-term status", "col.flags_short": "Short-term marks",
        "col.status_long": "Long-term status", "col.flags_long": "Long-term marks",
        "col.period": "Period", "col.value": "Value", "col.obs_status": "Status", "col.selected": "Used",
        "col.partial": "Part-year", "col.producer": "Producer", "col.proxy": "Proxy",
        "col.source_id": "Source id", "col.publisher": "Publisher", "col.url": "URL",
        "col.locator": "Locator", "col.note": "Note", "col.title": "Title", "col.published": "Published",
        "col.accessed": "Accessed", "col.language": "Language",
        "yes": "yes", "no": "no",
    },
}


def texts(lang: str) -> dict[str, str]:
    """Every text the workbook shows in `lang`, as one flat mapping."""
    i18n.check_lang(lang)
    out = dict(WORKBOOK_TEXTS[lang])
    out.update({f"status.{k}": v for k, v in i18n.STATUS_NAMES[lang].items()})
    out.update({f"pillar.{k}": v for k, v in i18n.PILLAR_NAMES[lang].items()})
    out.update({f"flag.{k}": v for k, v in i18n.FLAG_NAMES[lang].items()})
    out.update({f"obs_status.{k}": v for k, v in i18n.OBS_STATUS[lang].items()})
    return out
