"""Command line: python -m analysis {validate,scorecard,build,datalog,intake,import,scenario} ... (see --help)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import config


def _checked_data(folder):
    """The dataset of `folder`, or None after printing its errors (each file:line: column: message)."""
    from .data.dataset import load

    ds = load(folder)
    if ds.errors:
        for p in ds.errors:
            print(p, file=sys.stderr)
        print(f"{len(ds.errors)} error(s) in {ds.data_dir}: fix them first (make validate)", file=sys.stderr)
        return None
    return ds


def _validate(args) -> int:
    from .data.dataset import load

    ds = load(args.data)
    for p in ds.problems:
        if p.level == "error":
            print(p, file=sys.stderr)
        elif not p.explained or args.all:
            print(p)
    if ds.errors:
        print(f"{len(ds.errors)} error(s) in {ds.data_dir}", file=sys.stderr)
        return 1
    hidden = "" if args.all or not ds.explained else ", not shown: --all shows them"
    print(f"OK: {len(ds.sources)} sources, {len(ds.indicators)} indicators, {len(ds.targets)} targets, "
          f"{len(ds.observations)} observations ({len(ds.warnings)} warning(s); "
          f"{len(ds.explained)} explained in the row's note{hidden})")
    if ds.without_figures:
        print(f"No figure yet for {len(ds.without_figures)} target(s): {', '.join(ds.without_figures)}")
    return 0


def _scorecard(args) -> int:
    from .editions.pipeline import BuildError, check_params, default_as_of
    from .engine.progress import scorecard
    from .engine.terms import SCORECARD_COLUMNS

    ds = _checked_data(args.data)
    if ds is None:
        return 1
    if args.as_of is None:
        try:
            args.as_of = default_as_of(ds)
        except BuildError as exc:
            print(exc, file=sys.stderr)
            return 2
    problems = check_params(ds, args.as_of, ["vi"], args.baseline_year)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    sc = scorecard(ds.observations, ds.targets, ds.kinds(), args.as_of, args.baseline_year)[SCORECARD_COLUMNS]
    if args.format == "markdown":
        sys.stdout.write(_markdown(sc))
    else:
        sc.to_csv(sys.stdout, index=False, float_format="%.6g")
    return 0


def _markdown(df) -> str:
    """A pipe table without the optional tabulate dependency."""
    def cell(v) -> str:
        if v is None or (isinstance(v, float) and v != v) or str(v) == "<NA>":
            return ""
        return f"{v:.6g}" if isinstance(v, float) else str(v)
    lines = ["| " + " | ".join(df.columns) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def _build(args) -> int:
    from .editions.pipeline import BuildError, build, parse_int, say

    try:
        as_of = parse_int("AS_OF", args.as_of)
        baseline = parse_int("BASELINE_YEAR", args.baseline_year)
        langs = [x.strip() for x in args.lang.split(",") if x.strip()]
        pdfs = build(as_of, langs, baseline, args.data, args.reports, args.since or None)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted: reports/ is unchanged", file=sys.stderr)
        return 130
    for pdf in pdfs:
        say(f"wrote {pdf}")
    return 0


def _datalog(args) -> int:
    from .data.dataset import load
    from .data.datalog import write

    print(f"wrote {write(load(None))}")
    return 0


def _intake(args) -> int:
    from .data.intake import write_intake

    if Path(args.out).exists():
        # It may already be filled in: never write over an analyst's work.
        print(_in_both("cycle_make.intake_exists", file=args.out), file=sys.stderr)
        return 2
    ds = _checked_data(args.data)
    if ds is None:
        return 1
    try:
        out = write_intake(ds, args.out, args.lang)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(_in_both("cycle_make.intake_written", file=out))
    return 0


def _in_both(key: str, **values) -> str:
    """A message of the cycle's commands in every catalog language, the default (Vietnamese) first: the user
    reads it before choosing a workbook's language."""
    from . import i18n

    return "\n".join(i18n.text(lang, key, **values) for lang in config.LANGS)


def _import(args) -> int:
    from .data.importer import run_import

    outcome = run_import(args.file, args.data)
    for line in outcome.lines:
        print(line, file=sys.stderr if outcome.code else sys.stdout)
    return outcome.code


def _scenario(args) -> int:
    from . import i18n
    from .editions import scenario as what_if

    try:
        i18n.check_lang(args.lang)
    except ValueError as exc:
        print(f"error: --lang: {exc}", file=sys.stderr)
        return 2
    ds = _checked_data(args.data or config.DATA_DIR)
    if ds is None:
        return 1
    try:
        run = what_if.run(ds, what_if.parse_figures(args.figures, args.lang), args.lang, args.as_of)
    except what_if.ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(what_if.text_report(run))
    return 0


def _slides(args) -> int:
    from .editions import slides
    from .editions.pipeline import BuildError, check_params, default_as_of, parse_int

    ds = _checked_data(args.data)
    if ds is None:
        return 1
    langs = [x.strip() for x in args.lang.split(",") if x.strip()]
    try:
        as_of = parse_int("as_of", args.as_of) or default_as_of(ds)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    problems = check_params(ds, as_of, langs, None)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    made = slides.write(ds, as_of, langs, args.reports or config.REPORTS_DIR)
    for folder in sorted({p.parent for p in made}):
        print(f"wrote {sum(1 for p in made if p.parent == folder)} PNG chart(s) in {folder}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check the four data files; every problem as file:line: column: message")
    p.add_argument("--data", type=Path, default=None, help=f"data folder (default {config.DATA_DIR})")
    p.add_argument("--all", action="store_true",
                   help="also show the warnings a row's note explains ('series break', 'earlier release')")
    p.set_defaults(func=_validate)

    p = sub.add_parser("scorecard", help="one row per target: progress to target at --as-of")
    p.add_argument("--data", type=Path, default=None)
    p.add_argument("--as-of", type=int, default=None, help="default: the latest year the data reach")
    p.add_argument("--baseline-year", type=int, default=None, help="window start B (default as-of - 5)")
    p.add_argument("--format", choices=("csv", "markdown"), default="csv")
    p.set_defaults(func=_scorecard)

    p = sub.add_parser("build", help="run the report notebook per language and write the PDFs to reports/")
    p.add_argument("--data", type=Path, default=None)
    p.add_argument("--as-of", default="", help="default: the latest year the data reach")
    p.add_argument("--lang", default=",".join(config.LANGS), help="vi, en or both: vi,en")
    p.add_argument("--baseline-year", default="")
    p.add_argument("--reports", type=Path, default=None, help=f"output folder (default {config.REPORTS_DIR})")
    p.add_argument("--since", default="", help="the edition to say what changed since: an earlier edition's "
                   ".record.json, or a git revision of the data folder (default: the previous edition in --reports)")
    p.set_defaults(func=_build)

    p = sub.add_parser("datalog", help="regenerate the data log table of data/README.md from sources.csv")
    p.set_defaults(func=_datalog)

    p = sub.add_parser("intake", help="write the workbook in which new figures and sources are filled in")
    p.add_argument("--data", type=Path, default=None)
    p.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    p.add_argument("--lang", default=config.DEFAULT_LANG, help=f"one of {', '.join(config.LANGS)}")
    p.set_defaults(func=_intake)

    p = sub.add_parser("import", help="check a filled intake workbook and add its rows to the data files")
    p.add_argument("file", type=Path, help="the filled workbook (.xlsx)")
    p.add_argument("--data", type=Path, default=None)
    p.set_defaults(func=_import)

    p = sub.add_parser("slides", help="PNG charts for slides (about 1,920 px wide, stamped with the edition) in "
                       "reports/figures/<as_of>-<lang>/")
    p.add_argument("--data", type=Path, default=None)
    p.add_argument("--as-of", default="", help="default: the latest year the data reach")
    p.add_argument("--lang", default=",".join(config.LANGS), help="vi, en or both: vi,en")
    p.add_argument("--reports", type=Path, default=None, help=f"output folder (default {config.REPORTS_DIR})")
    p.set_defaults(func=_slides)

    p = sub.add_parser("scenario", help="what-if: hypothetical figures (indicator:year:value ...) assessed beside "
                       "the report; prints the notebook's table (nothing is written)")
    p.add_argument("figures", nargs="+", help="e.g. gii_rank:2026:40 gii_rank:2027:38")
    p.add_argument("--data", type=Path, default=None)
    p.add_argument("--lang", default=config.DEFAULT_LANG, help=f"one of {', '.join(config.LANGS)}")
    p.add_argument("--as-of", type=int, default=0, help="default 0: the latest year the data or the figures reach")
    p.set_defaults(func=_scenario)

    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    code = main()
    # Every command has written and closed its files (and the build has stopped its kernels): the process ends
    # at once instead of tearing down pandas, matplotlib and jupyter's modules one by one (0.2-0.8 s of an
    # import or a build).
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped early: nothing more to say to it
        pass
    os._exit(int(code or 0))
