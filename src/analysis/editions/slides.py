"""PNG charts for slides, on demand (`make slides`): every chart of an edition drawn again as PNG, about 1,920 px
wide, stamped with the edition, into reports/figures/<as_of>-<lang>/ beside the report's SVGs. The report build
does not draw them, which kept it within its time budget."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .. import config, i18n
from ..data.schema import Dataset
from . import bundle, charts, plots


def write(ds: Dataset, as_of: int, langs: list[str], reports_dir: Path) -> list[Path]:
    """The PNGs written, per language; drawn in a scratch folder so that only PNGs reach reports/."""
    made = []
    config.BUILD_DIR.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        b = bundle.build(ds, as_of, lang)
        target = Path(reports_dir) / "figures" / f"{b.as_of}-{lang}"
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=config.BUILD_DIR) as scratch:
            with plots.slide_pngs(i18n.text(lang, "slides.stamp", title=ds.plan.title[lang], as_of=b.as_of)):
                charts.draw(b, Path(scratch), skip_empty=True)
            for png in sorted(Path(scratch).glob("*.png")):
                made.append(Path(shutil.copy(png, target / png.name)))
    return made
