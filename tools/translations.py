"""Keep data/translations/vi.csv in step with the data files.

  python tools/translations.py todo [--data DIR] > todo.csv   cells still untranslated or stale (stale: old text given)
  python tools/translations.py merge todo.csv [--data DIR]    write the rows whose `text` is filled in

Fill in (or revise) the `text` column of todo.csv in Vietnamese, then merge it and run `make validate`.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from analysis.data import dataset, translations  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", choices=("todo", "merge"))
    p.add_argument("file", nargs="?", type=Path, help="merge: the filled-in worklist")
    p.add_argument("--data", type=Path, default=None, help="data folder (default data/)")
    args = p.parse_args(argv)
    ds = dataset.load(args.data)
    if ds.errors:
        print("\n".join(str(e) for e in ds.errors), file=sys.stderr)
        return 1
    if args.command == "todo":
        w = csv.DictWriter(sys.stdout, translations.COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(translations.worklist(ds))
        return 0
    if args.file is None:
        p.error("merge needs the worklist file")
    with args.file.open(encoding="utf-8-sig", newline="") as f:
        n = translations.merge(ds.data_dir, list(csv.DictReader(f)))
    print(f"{n} translation(s) written to {ds.data_dir / translations.FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
