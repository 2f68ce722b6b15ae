"""The charts' theme without seaborn (editions/theme.py) leaves matplotlib exactly as seaborn's set_theme did.

Run in a fresh interpreter each, so this session's matplotlib settings are untouched and nothing set by one
side leaks into the other's comparison."""
import json
import subprocess
import sys

SNAPSHOT = r"""
import json, sys
import matplotlib as mpl
from matplotlib.colors import colorConverter, to_hex
rc = {"grid.color": "#e5e7eb"}
if sys.argv[1] == "seaborn":
    import seaborn as sns
    sns.set_theme(style="whitegrid", rc=rc)
    palette = [to_hex(c) for c in sns.color_palette("deep", n_colors=13)]
else:
    from analysis.editions import theme
    theme.apply(rc)
    palette = [to_hex(c) for c in theme.deep(13)]
settings = {k: repr(v) for k, v in mpl.rcParams.items() if k != "image.cmap"}  # only images use a colour map
codes = {c: repr(colorConverter.colors[c]) for c in "bgrmyck"}
print(json.dumps({"rc": settings, "codes": codes, "palette": palette, "seaborn": "seaborn" in sys.modules}))
"""


def _state(side: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SNAPSHOT, side], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_theme_is_seaborns_whitegrid_without_seaborn():
    ours, theirs = _state("ours"), _state("seaborn")
    assert not ours["seaborn"]  # the point: the charts' module does not import it
    differ = {k: (ours["rc"].get(k), theirs["rc"].get(k)) for k in set(ours["rc"]) | set(theirs["rc"])
              if ours["rc"].get(k) != theirs["rc"].get(k)}
    assert differ == {}
    assert ours["codes"] == theirs["codes"]
    assert ours["palette"] == theirs["palette"]


def test_deep_palette_by_hand():
    from analysis.editions import theme

    # seaborn's "deep": first blue 4C72B0 = (76, 114, 176)/255; the eleventh colour is the first again
    first = (76 / 255, 114 / 255, 176 / 255)
    assert theme.deep(11)[0] == first and theme.deep(11)[10] == first
    assert len(theme.deep(3)) == 3


def test_charts_module_does_not_import_seaborn():
    code = "import sys; import analysis.editions.charts; print('seaborn' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
