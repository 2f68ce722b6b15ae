"""A distance of one in English takes the singular ("Gap: 1 country", the fourth cold read); Vietnamese has none."""
from analysis.editions.phrases import distance

COUNT = {"kind": "count", "unit": "countries", "unit_vi": "quốc gia"}


def test_one_country_two_countries():
    assert distance(1, COUNT, "en") == "1 country"
    assert distance(2, COUNT, "en") == "2 countries"
    assert distance(-1, {"kind": "count", "unit": "organisations"}, "en") == "1 organisation"


def test_vietnamese_and_amounts_unchanged():
    assert distance(1, COUNT, "vi") == "1 quốc gia"
    assert distance(1, {"kind": "amount", "unit": "USD bn"}, "en") == "1 USD bn"
