"""The fifth sign-off pass: the summary says that targets quoted from a news report have not been checked against
the texts that set them (review S1-4), and says nothing of the kind when the targets are read in the producer's
own text. Expected strings are written out by hand."""
from __future__ import annotations

from analysis.data import dataset
from analysis.editions import bundle


def test_targets_quoted_from_a_news_report_are_said_unchecked():
    ds = dataset.load()  # the pinned copy: every target is quoted from TTXVN's report of 16/9/2025
    text = bundle.build(ds, 2026, "vi", None).overview["not_public"]
    assert text == ("theo thông tin Thông tấn xã Việt Nam (TTXVN) công bố ngày 16/9/2025. Lời văn và vị trí "
                    "(mục, điểm) của từng chỉ tiêu chưa được đối chiếu với văn bản gốc đề ra chỉ tiêu.")
    en = bundle.build(ds, 2026, "en", None).overview["not_public"]
    assert en.endswith("The wording and the item of each target have not yet been checked against the texts "
                       "that set them.")


def test_targets_read_in_the_producers_own_text_carry_no_such_sentence():
    ds = dataset.load()
    quoted = ds.targets["source_id"].mode().iloc[0]
    ds.sources.loc[ds.sources["source_id"] == quoted, "outlet"] = "producer"
    text = bundle.build(ds, 2026, "vi", None).overview["not_public"]
    assert text == "theo thông tin Thông tấn xã Việt Nam (TTXVN) công bố ngày 16/9/2025."


def test_a_projected_share_carries_its_percent_sign_and_a_rank_stays_a_whole_number():
    from analysis.editions.phrases import projection_text

    share = {"kind": "share", "unit": "%", "unit_vi": "%", "projected_value": 29.1, "target_type": "level"}
    assert projection_text(share, "vi") == "29,1%"
    assert projection_text(share, "en") == "29.1%"
    rank = {"kind": "rank", "unit": "rank", "projected_value": 42.3, "target_type": "level"}
    assert projection_text(rank, "vi") == "42"


def test_a_projection_held_at_a_bound_prints_no_ceiling_of_states():
    """Cold read 6, S1: the report never says how many states there are or remain; a projection held at the
    indicator's bound reads 'vượt mục tiêu' and no sentence names the bound (196)."""
    ds = dataset.load()
    b = bundle.build(ds, 2026, "vi", None)
    row = next(r for g in b.overview["groups"] for r in g["rows"] if r["indicator"].startswith("Số quốc gia"))
    assert not any("196" in n or "trần" in n for n in row["notes"])
