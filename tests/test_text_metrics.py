"""Text measured once per process (analysis/editions/text_metrics.py): the same sizes as matplotlib's own
measurement, told apart by everything a size depends on."""
from __future__ import annotations

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from analysis.editions import text_metrics


def test_remembered_sizes_are_matplotlib_s_own_and_depend_on_font_size_and_weight():
    text_metrics.remember()
    measure = TextToPath.get_text_width_height_descent
    assert measure.remembered
    original = measure.__wrapped__
    t2p = TextToPath()
    for text in ("Xếp hạng Chỉ số Đổi mới sáng tạo toàn cầu", "2024", "lp", "Mục tiêu 2030"):
        for size, weight in ((8.0, "normal"), (11.0, "bold")):
            prop = FontProperties(family="DejaVu Sans", size=size, weight=weight)
            first = measure(t2p, text, prop, False)
            assert first == original(t2p, text, prop, False)
            assert measure(t2p, text, prop, False) == first  # remembered: the same answer again
    small = measure(t2p, "2024", FontProperties(family="DejaVu Sans", size=8.0), False)
    large = measure(t2p, "2024", FontProperties(family="DejaVu Sans", size=11.0), False)
    bold = measure(t2p, "2024", FontProperties(family="DejaVu Sans", size=8.0, weight="bold"), False)
    assert large[0] > small[0] and bold[0] > small[0]  # never one size's answer for another


def test_remember_installs_once():
    text_metrics.remember()
    installed = TextToPath.get_text_width_height_descent
    text_metrics.remember()
    assert TextToPath.get_text_width_height_descent is installed
