"""Lay out one PDF with typst, in a process of its own: `python -m analysis.typeset` reads the arguments of
typst.compile as JSON on stdin. See pdf.compile_pdf for why a process; this module imports nothing heavy."""
from __future__ import annotations

import json
import sys


def main() -> None:
    import typst

    args = json.load(sys.stdin)
    try:
        typst.compile(args.pop("input"), **args)
    except Exception as exc:  # typst reports layout errors as its own exception type
        sys.exit(str(exc) or type(exc).__name__)


if __name__ == "__main__":
    main()
