"""Issue 16, "a report a director can sign", read back from the PDFs built from the project's own data:
the Vietnamese edition is Vietnamese outside quoted titles and quotes, and neither edition shows a record id or
a working word of the data's editors."""
from __future__ import annotations

import csv
import re

import pytest

from analysis import config, i18n

# Common English words. Vietnamese syllables spelt like English words (nam, long, an, do, in, to…) are left out.
ENGLISH = set("""
the of and for with from by not stated store selected source sources page report edition english news ministry
statistics office general government national assembly newspaper television agency portal chamber commerce industry
state bank audit personal project copy database daily based recheck candidate row note notes published accessed
title target targets status rank ranks share count amount index unit kind countries country places year years figure
figures proxy low quality aggregator repost reprint via service online original this that which was were are is has
have been its their other than only but also who what when where all any more less about over under between into
out per trade goods foreign direct investment relations development innovation global tourism travel brand value
ranking ranked world people new see file data interview special international organisations organization
enterprises titles version code check monitoring sustainable progress towards methodology linear pace required
actual projection ratio threshold thresholds annual editions short term assessment window base point points
""".split())
# Names printed as their owners write them (outlets, ranking bodies, indices): never counted as English.
NAMES = ["Brand Finance", "Hanoi Times", "Viet Nam News", "Việt Nam News", "Talk Vietnam", "Customs Today",
         "The ASEAN Daily", "Vietnam Insider", "Open Development Vietnam", "ANT Consult", "Asia Business Channel",
         "Le Courrier du Vietnam", "Prensa Latina", "Open SDG", "UN ESCAP", "Doanh Nhân Trẻ"]
WORKING_WORDS = ["store", "Recheck", "re-check", "NEW.", "not stated", "Candidate", "row 5",
                 "low-quality", "data/observations.csv", "sources.csv"]


@pytest.fixture(scope="module")
def editions(pinned_edition_pages):
    """Both editions of the project's data, built once with a fixed edition date (tests/conftest.py)."""
    return pinned_edition_pages


def _urls() -> list[str]:
    """Every address the edition prints: the sources' and the methodology references'."""
    with open(config.DATA_DIR / "sources.csv", encoding="utf-8") as f:
        urls = [r["url"] for r in csv.DictReader(f) if r["url"]]
    return urls + [u for ref in i18n.text("vi", "method.references") for u in re.findall(r"https?://\S+", ref)]


def english_words(page: str, urls: list[str]) -> list[str]:
    """English words on a page outside “quoted” titles and quotes, addresses and NAMES."""
    # An address broken over lines leaves pieces on lines of their own: a line that is part of an address goes.
    lines = [ln for ln in page.splitlines()
             if not (len(ln.strip()) > 1 and ln.strip() == ln.strip().lower() and " " not in ln.strip()
                     and any(ln.strip() in u for u in urls))]
    text = re.sub(r"\s+", " ", " ".join(lines))
    text = re.sub(r"“[^”]*”", " ", text)
    text = re.sub(r"\S*(?:[-/_=?&%]|\w[.:]\w)\S*", " ", text)  # addresses, file names, codes such as 59-NQ/TW
    for name in NAMES:
        text = text.replace(name, " ")
    return [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH]


def test_english_words_finds_english_outside_quotes_and_names():
    urls = ["https://example.org/global-innovation-index"]
    assert english_words("Nguồn: Brand Finance (qua Báo Nhân Dân) “the index of the world”", urls) == []
    assert english_words("Selected: the store copy\ninnovation-\nindex", urls) == ["Selected", "the", "store", "copy"]


def test_the_vietnamese_edition_has_no_english_outside_quotes_and_names(editions):
    urls = _urls()
    found = {n: english_words(page, urls) for n, page in enumerate(editions["vi"], start=1)}
    assert {n: words for n, words in found.items() if words} == {}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_record_id_nor_working_word_reaches_a_reader(editions, lang):
    text = re.sub(r"\s+", " ", " ".join(editions[lang]))
    with open(config.DATA_DIR / "sources.csv", encoding="utf-8") as f:
        ids = [r["source_id"] for r in csv.DictReader(f)]
    assert [i for i in ids if i in text] == []
    assert [w for w in WORKING_WORDS if w in text] == []


def test_the_vietnamese_edition_dates_and_names_the_resolutions_as_official_documents_do(editions):
    text = re.sub(r"\s+", " ", " ".join(editions["vi"]))
    assert "ngày 29 tháng 11 năm 2026" in text
    assert ("Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị về hội nhập quốc tế trong tình hình mới"
            in text)
    # Nghị định 30/2020/NĐ-CP: 0 before months 1 and 2 (24/01/2025), none before 5 or 9 (31/5/2025, 16/9/2025)
    assert "24/1/2025" not in text
    assert "Nghị quyết số 153/NQ-CP ngày 31/5/2025 của Chính phủ" in text
    assert "16/9/2025" in text and "2025-09-16" not in text
    assert "Đi ngược" not in text
    en = re.sub(r"\s+", " ", " ".join(editions["en"]))
    assert "Six of the targets of Resolution No. 153/NQ-CP" in en and "6 153/NQ-CP" not in en


def test_fingerprint_only_in_the_colophon(editions):
    for lang, label in (("vi", "Bộ số liệu sử dụng được nhận diện bằng mã"), ("en", "The data used are identified by the code")):
        pages = [n for n, page in enumerate(editions[lang], start=1) if label in re.sub(r"\s+", " ", page)]
        assert pages == [len(editions[lang])]


def test_the_vietnamese_edition_reads_as_an_official_report(editions):
    """No wording a Party or Government body could read as criticism, one term per concept, no calques, no
    formula names, no negative share of the way (the director's review)."""
    text = re.sub(r"\s+", " ", " ".join(editions["vi"]))
    # formulas only in the methodology, where rule 15 is stated as in the English edition (S2-16)
    before, method = text.split("Câu hỏi cho mỗi chỉ tiêu:", 1)
    for phrase in ("chưa được công bố công khai", "chưa tìm thấy", "chỉ nhắc lại mức đó", "kỳ gốc", "tụt",
                   "hồi cứu", "kỳ số liệu tới", "cơ quan sản xuất", "ký hiệu thời tiết", "không nối chuỗi",
                   "−95%", "Thời điểm lập", "(GSO", "(FIA)", "(VGP)", "NSO",
                   "độ tin cậy thấp", "Kết luận", "Dự báo 2030", "khoa học - công nghệ"):
        assert phrase not in text, phrase
    for phrase in ("y_b", "r_now", "y_t"):  # no formula anywhere: the method says rule 15 in words (issue 21)
        assert phrase not in text, phrase
    assert ("số liệu mới nhất cộng với tốc độ cần thiết tính từ số liệu mới nhất nhân với số năm từ năm có số liệu "
            "mới nhất đến năm của kỳ tiếp theo") in method
    en_text = re.sub(r"\s+", " ", " ".join(editions["en"]))
    assert ("the latest figure plus the pace required now times the years from the latest figure to the next"
            in en_text.split("One question per target:", 1)[1])
    assert ("16 chỉ tiêu còn lại của Chương trình hành động chưa được theo dõi trong báo cáo này, sẽ được bổ sung khi "
            "có số liệu.") in text
    # a target met before it was set is a target to hold, said in words; the old mark is gone (S1-4)
    assert "mức này đã đạt từ trước khi đề ra mục tiêu" not in text and "↺" not in text
    assert "chỉ tiêu duy trì" in text.lower()
    # acronyms spelled out where the reader first meets them (S2-8), once
    for words in ("Tổ chức Sở hữu trí tuệ thế giới", "Mạng lưới Giải pháp phát triển bền vững", "Diễn đàn Kinh tế thế giới"):
        assert text.count(words) >= 1, words
    assert text.index("Tổ chức Sở hữu trí tuệ thế giới") < text.index("WIPO)")
    assert "World Intellectual Property Organization" in en_text and "World Economic Forum" in en_text
    assert "5 năm trước năm đánh giá 2026" in text and "Eurostat" in text  # "Năm đánh giá" as on the cover (S3-6)
    en = re.sub(r"\s+", " ", " ".join(editions["en"][:3]))
    assert "Viet Nam's international integration" in en and "Vietnam's" not in en  # official English: Viet Nam
