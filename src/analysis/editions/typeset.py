"""Lay out one PDF with typst, in a process of its own: `python -m analysis.editions.typeset ARGS` takes the arguments
of typst.compile as one JSON argument. See pdf.Typesetting for why a process; this module imports nothing heavy."""
from __future__ import annotations

import json
import sys


def main() -> None:
    import typst

    args = json.loads(sys.argv[1])
    try:
        typst.compile(args.pop("input"), **args)
    except Exception as exc:  # typst reports layout errors as its own exception type
        sys.exit(str(exc) or type(exc).__name__)


if __name__ == "__main__":
    main()
