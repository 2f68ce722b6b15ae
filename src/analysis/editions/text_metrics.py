"""Text measured once per build, not once per chart.

Every chart is saved by a new SVG renderer, and matplotlib keeps its text measurements per renderer, so the
same tick labels, legend entries and titles were measured again for each of an edition's 19 charts: about
1,000 measurements of some 200 distinct texts, each a FreeType layout (about a fifth of the charts' time).
A text's size depends only on the text, its font properties and whether it is mathtext, never on the
renderer, so TextToPath.get_text_width_height_descent (which the SVG renderer and our own layout both use)
is remembered on exactly those. The SVGs are byte for byte what they were (tests/test_text_metrics.py).
"""
from __future__ import annotations

import functools

_MAX = 20_000  # distinct texts remembered; a build measures a few hundred


def remember() -> None:
    """Install the memo (once per process; later calls do nothing)."""
    from matplotlib.font_manager import findfont
    from matplotlib.textpath import TextToPath

    measure = TextToPath.get_text_width_height_descent
    if getattr(measure, "remembered", False):
        return
    cache: dict = {}

    @functools.wraps(measure)
    def remembered(self, s, prop, ismath):
        key = (s, ismath, findfont(prop), prop.get_slant(), prop.get_variant(), prop.get_weight(),
               prop.get_stretch(), prop.get_size(), prop.get_math_fontfamily(), self.DPI, self.FONT_SCALE)
        hit = cache.get(key)
        if hit is None:
            hit = measure(self, s, prop, ismath)
            if len(cache) < _MAX:
                cache[key] = hit
        return hit

    remembered.remembered = True
    TextToPath.get_text_width_height_descent = remembered
