"""What changed since the previous edition (rule 16, issue 18): the edition record and the comparison.

Each build publishes an edition record next to its PDFs (reports/<short_name>-report-<AS_OF>.record.json, the
short name of data/plan.toml's [plan]):
what a later edition needs to compare with this one — its as-of year, edition date, code version, data
fingerprint, each target's statuses and latest figure, the selected figures it used, and the targets and
indicators tables the engine read. The comparison then lists the figures added, revised or no longer
selected, and each target whose short-term status changed, with its cause from history.status_changes()
run on the earlier record's data; a printed status those data no longer give with today's code is the
method's doing (CHANGELOG.md says what a new version changed). What the outputs print about it is
editions/changes_text.py.

The comparison base (find_base) is, without SINCE:
- the record of the same as-of year already in reports/, when its data differ (the edition being replaced);
- with the same data, the base that record was itself compared with (a rebuild says the same thing again);
- else the record of the latest earlier as-of year in reports/; none at all: a first edition, no changes.
SINCE names an earlier edition's record file or a git revision of the data folder instead.
"""
from __future__ import annotations

import json
import math
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

RECORD_FORMAT = 1
# The columns of each table the engine reads, kept in the record so that a later build can assess the
# earlier data again with its own code (a difference from the printed status is then the method's).
OBS_FIELDS = ("indicator_id", "period", "value", "qualifier", "source_id", "producer", "grade", "partial", "proxy",
              "out_of", "status")
TARGET_FIELDS = ("target_id", "indicator_id", "comparator", "target_value", "target_year", "instrument", "source_id",
                 "source_published", "wording_vi", "wording_en")
# A target over a period carries its type and first year too (a level target's record is as it was).
PERIOD_FIELDS = ("target_type", "period_start")
INDICATOR_FIELDS = ("indicator_id", "pillar", "name_vi", "name_en", "unit", "unit_vi", "kind", "higher_is_better",
                    "role", "upper_bound", "breaks", "comparable")
STATUS_FIELDS = ("status", "flags", "latest_value", "latest_year", "latest_qualifier", "latest_grade",
                 "latest_out_of", "window_start", "status_long", "flags_long")
FIGURE_KEY = ("indicator_id", "period", "source_id")
FIGURE_SAME = ("value", "qualifier", "grade", "producer", "partial", "proxy", "out_of")


class ChangesError(Exception):
    """A comparison base that cannot be read; the message names it and says what is wrong."""


def record_name(short_name: str, as_of: int) -> str:
    """One record per plan and as-of year, whatever the languages built (it holds no words)."""
    return f"{short_name}-report-{int(as_of)}.record.json"


def release(code_version: str | None) -> str | None:
    """The method's version: the package version without the commit ('0.2.0+abc123.dirty' -> '0.2.0').
    Only a new release (CHANGELOG.md) counts as a change of method, not any commit."""
    return None if not code_version else str(code_version).split("+")[0]


# ------------------------------------------------------------------ the record

def _plain(v):
    """A JSON value: NaN and missing become null, numpy scalars plain numbers, whole floats stay floats."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):
        v = v.item()
    return v


def _rows(df: pd.DataFrame, fields) -> list[dict]:
    cols = [f for f in fields if f in df.columns]
    return [{c: _plain(v) for c, v in zip(cols, row)} for row in df[cols].itertuples(index=False)]


def _target_rows(targets: pd.DataFrame) -> list[dict]:
    """The targets' rows of the record; a cumulative or average-growth target with its type and first year."""
    rows = _rows(targets, TARGET_FIELDS)
    if "target_type" not in targets.columns:
        return rows
    for row, extra in zip(rows, _rows(targets, PERIOD_FIELDS)):
        if extra.get("target_type") not in (None, "", "level"):
            row.update(extra)
    return rows


def edition_record(ds, as_of: int, sc: pd.DataFrame, *, edition: str, code_version: str | None,
                   fingerprint: str, baseline_year: int | None = None, since: dict | None = None,
                   label: str = "") -> dict:
    """The record of one edition: sc is its scorecard (scorecards.scorecards: the long-term status beside)."""
    obs = ds.observations
    years = obs["period"].astype(str).str[:4].astype(int) if len(obs) else pd.Series([], dtype=int)
    used = obs[obs["selected"].astype(bool) & (years <= int(as_of))]
    used = used.sort_values(list(FIGURE_KEY), kind="stable")
    targets = {r["target_id"]: {k: _plain(r.get(k)) for k in STATUS_FIELDS if k in r}
               for r in sc.to_dict("records")}
    for t in targets.values():  # whole numbers where the engine keeps years as floats
        for k in ("latest_year", "window_start"):
            if t.get(k) is not None:
                t[k] = int(t[k])
    rec = {
        "format": RECORD_FORMAT, "as_of": int(as_of), "edition": str(edition),
        "code_version": code_version, "fingerprint": fingerprint,
        "baseline_year": int(baseline_year) if baseline_year else None,
        "targets": targets,
        "observations": _rows(used, OBS_FIELDS),
        "tables": {"targets": _target_rows(ds.targets), "indicators": _rows(ds.indicators, INDICATOR_FIELDS)},
        "label": label,
    }
    if since is not None:
        rec["since"] = {k: v for k, v in since.items() if k != "since"}  # one level: the base, not its base
    return rec


def dumps(record: dict) -> str:
    """Deterministic text: sorted keys, no timestamp but the edition date; a row of plain values on one
    line (small, and a diff of two records shows one line per figure)."""
    def enc(v, indent: str) -> str:
        flat = lambda x: not isinstance(x, (dict, list)) or not x  # noqa: E731
        if isinstance(v, dict) and v and not all(flat(x) for x in v.values()):
            inner = indent + " "
            items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {enc(v[k], inner)}" for k in sorted(v)]
            return "{\n" + ",\n".join(items) + "\n" + indent + "}"
        if isinstance(v, list) and v and not all(flat(x) for x in v):
            inner = indent + " "
            return "[\n" + ",\n".join(inner + enc(x, inner) for x in v) + "\n" + indent + "]"
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return enc(record, "") + "\n"


def read_record(path: Path) -> dict:
    """A record file, checked enough to compare with; a ChangesError names the file and the problem."""
    path = Path(path)
    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ChangesError(f"{path}: cannot be read ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ChangesError(f"{path}: not an edition record (not JSON: {exc})") from None
    if not isinstance(rec, dict):
        raise ChangesError(f"{path}: not an edition record (expected a JSON object)")
    missing = [k for k in ("format", "as_of", "edition", "fingerprint", "targets", "observations", "tables")
               if k not in rec]
    if missing:
        raise ChangesError(f"{path}: not an edition record (missing {', '.join(missing)}); expected a "
                           "reports/<short_name>-report-<year>.record.json written by make report")
    if rec["format"] != RECORD_FORMAT:
        raise ChangesError(f"{path}: record format {rec['format']}, this version reads format {RECORD_FORMAT}")
    if not rec.get("label"):  # a build's own record: named by its file
        rec["label"] = path.name
    return rec


def record_dataset(rec: dict):
    """The data a record holds, as a Dataset the engine reads (the selected figures only: enough for statuses)."""
    from ..data.dataset import split_unscored
    from ..data.schema import SCHEMA, Dataset

    def frame(rows: list[dict], name: str, extra=()) -> pd.DataFrame:
        schema = SCHEMA[name]
        cols = [c for c in schema] + [c for c in extra if c not in schema]
        df = pd.DataFrame.from_records(rows, columns=cols)
        for col in cols:
            kind = schema.get(col, ("text", False))[0]
            if kind in ("number", "whole"):
                df[col] = pd.to_numeric(df[col], errors="coerce").astype(float)
            elif kind == "year" and schema.get(col, ("", True))[1]:
                df[col] = df[col].astype(int)
            elif kind == "year":  # an optional year (period_start): absent from a level target's row
                df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
            elif kind in ("bool", "bool_true"):
                df[col] = df[col].map(lambda v, d=(kind == "bool_true"): d if v is None else bool(v)).astype(bool)
            else:
                # (a key a row does not carry, as a level target's target_type, is missing: empty)
                df[col] = df[col].map(lambda v: "" if _plain(v) is None else str(v)).astype(object)
        return df

    obs = frame([{**r, "selected": True} for r in rec["observations"]], "observations.csv")
    return split_unscored(Dataset(sources=frame([], "sources.csv"), indicators=frame(rec["tables"]["indicators"], "indicators.csv"),
                   targets=frame(rec["tables"]["targets"], "targets.csv", extra=("source_published",)),
                   observations=obs, data_dir=Path(".")))


# ------------------------------------------------------------------ the comparison base

def find_base(reports_dir: Path, as_of: int, fingerprint: str, short_name: str) -> dict | None:
    """The previous edition of the plan in reports/ (see the module's docstring), or None for a first edition."""
    reports_dir = Path(reports_dir)
    same = reports_dir / record_name(short_name, as_of)
    if same.is_file():
        rec = read_record(same)
        if rec["fingerprint"] != fingerprint:
            return rec
        return rec.get("since")  # the same data again: the comparison that edition made
    earlier = []
    for path in reports_dir.glob(record_name(short_name, 0).replace("-0.", "-*.")):
        year = path.name.removeprefix(f"{short_name}-report-").removesuffix(".record.json")
        if year.isdigit() and int(year) < int(as_of):
            earlier.append((int(year), path))
    return read_record(max(earlier)[1]) if earlier else None


def base_from_git(revision: str, data_dir: Path, as_of: int, baseline_year: int | None = None) -> dict:
    """A record of the data folder as it was at a git revision, assessed with today's code (so no change
    of method can show), as of the earlier of as_of and the latest year those data reach."""
    from ..data.dataset import fingerprint, load
    from ..data.edition import latest_year
    from .scorecards import scorecards

    data_dir = Path(data_dir).resolve()

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True, timeout=60)

    try:
        top = git("rev-parse", "--show-toplevel")
    except (OSError, subprocess.SubprocessError) as exc:
        raise ChangesError(f"SINCE: '{revision}' is not a file and git cannot be run ({exc})") from None
    if top.returncode:
        raise ChangesError(f"SINCE: '{revision}' is not a record file, and {data_dir} is not in a git "
                           "repository to read a revision from")
    rel = data_dir.relative_to(Path(top.stdout.decode().strip()).resolve()).as_posix()
    prefix = "" if rel == "." else rel + "/"
    commit = git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode:
        raise ChangesError(f"SINCE: '{revision}' is neither an edition record file nor a git revision of "
                           f"{data_dir}; give a .record.json from reports/ or a revision such as HEAD~1")
    sha = commit.stdout.decode().strip()
    date = git("log", "-1", "--format=%cs", sha).stdout.decode().strip()
    from ..config import BUILD_DIR, DATA_FILES

    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="since-", dir=BUILD_DIR) as tmp:
        # the plan is today's (its names; an older plan.toml may have none): the statuses do not depend on it
        if (data_dir / "plan.toml").is_file():
            (Path(tmp) / "plan.toml").write_bytes((data_dir / "plan.toml").read_bytes())
        for name in DATA_FILES:
            shown = git("show", f"{sha}:{prefix}{name}")
            if shown.returncode:
                raise ChangesError(f"SINCE: revision '{revision}' has no {prefix}{name} "
                                   f"({shown.stderr.decode().strip()})")
            (Path(tmp) / name).write_bytes(shown.stdout)
        ds = load(tmp, names=False)  # its figures only: an earlier revision may predate the names files
        if ds.errors:
            raise ChangesError(f"SINCE: the data of revision '{revision}' have problems:\n"
                               + "\n".join(str(p) for p in ds.errors))
        last = latest_year(Path(tmp))
        year = min(int(as_of), last) if last else int(as_of)
        sc = scorecards(ds, year, baseline_year - (as_of - year) if baseline_year else None)
        return edition_record(ds, year, sc, edition=date, code_version=None, fingerprint=fingerprint(Path(tmp)),
                              baseline_year=baseline_year, label=revision)


def resolve_base(since: str | None, reports_dir: Path, data_dir: Path, as_of: int, fingerprint: str,
                 baseline_year: int | None = None, short_name: str | None = None) -> dict | None:
    """SINCE (a record file or a git revision of data_dir) when given, else the previous edition in reports/
    (of the plan named short_name; by default data_dir's plan.toml's)."""
    if since:
        path = Path(since)
        if path.is_file():
            return read_record(path)
        return base_from_git(since, data_dir, as_of, baseline_year)
    from ..data.edition import short_name as plan_short_name

    return find_base(reports_dir, as_of, fingerprint, short_name or plan_short_name(data_dir) or "")


# ------------------------------------------------------------------ the comparison

@dataclass
class Changes:
    """The record of this edition, and (with a base) what changed since it; language-free."""
    record: dict
    base: dict | None = None          # the base record (None: a first edition)
    added: list | None = None         # figures (record rows) used now and not before
    revised: list | None = None       # (before, after) of a figure whose value, grade... changed
    unselected: list | None = None    # figures used before and not now
    status: list | None = None        # {target_id, indicator_id, before, after, cause, periods}

    @property
    def first(self) -> bool:
        return self.base is None

    @property
    def news(self) -> list:
        return [s for s in self.status or [] if s["cause"] != "window"]

    @property
    def window_only(self) -> list:
        return [s for s in self.status or [] if s["cause"] == "window"]

    @property
    def nothing(self) -> bool:
        """No figure changed and no status changed but by the window (which is never news)."""
        return not (self.added or self.revised or self.unselected or self.news)


def _same(a, b) -> bool:
    """Two fields of a figure alike ('' and null are both nothing; 44 and 44.0 the same number)."""
    return (None if a == "" else a) == (None if b == "" else b)


def compare(ds, as_of: int, sc: pd.DataFrame, base: dict | None, *, edition: str, code_version: str | None,
            fingerprint: str, baseline_year: int | None = None) -> Changes:
    """This edition's record (with `base` kept in it) and what changed since `base`."""
    from .history import status_changes

    record = edition_record(ds, as_of, sc, edition=edition, code_version=code_version, fingerprint=fingerprint,
                            baseline_year=baseline_year, since=base)
    if base is None:
        return Changes(record)
    key = lambda r: tuple(str(r.get(k)) for k in FIGURE_KEY)  # noqa: E731
    now = {key(r): r for r in record["observations"]}
    before = {key(r): r for r in base["observations"]}
    added = [now[k] for k in now if k not in before]
    unselected = [before[k] for k in before if k not in now]
    revised = [(before[k], now[k]) for k in now if k in before
               and not all(_same(before[k].get(f), now[k].get(f)) for f in FIGURE_SAME)]
    touched: dict[str, list[str]] = {}
    for r in added + unselected + [a for _, a in revised]:
        touched.setdefault(r["indicator_id"], []).append(str(r["period"]))

    # The cause of each change of printed status: the engine's (rule 16), the earlier data assessed again
    # with today's code; where that gives another status than the one printed, today's code reads the same
    # data differently: the method changed (unless a figure did, which comes first). A new release alone,
    # with no status of its own changed, is not named as the cause: a window change stays one.
    again = {}
    if any(t in base["targets"] and base["targets"][t]["status"] != s["status"]
           for t, s in record["targets"].items()):
        ch = status_changes(ds, int(base["as_of"]), int(as_of), baseline_year, before_ds=record_dataset(base))
        again = {t: (b, c) for t, b, c in zip(ch["target_id"], ch["before"], ch["cause"])}
    ind_of = dict(zip(ds.targets["target_id"], ds.targets["indicator_id"]))
    status = []
    for t, s in record["targets"].items():
        b = base["targets"].get(t)
        if b is not None and b["status"] == s["status"]:
            continue
        if b is None:
            cause = "new_target"
        else:
            recomputed, cause = again.get(t, (s["status"], None))
            if cause in (None, "window") and recomputed != b["status"]:
                cause = "method"
        status.append({"target_id": t, "indicator_id": ind_of[t], "before": None if b is None else b["status"],
                       "after": s["status"], "cause": cause,
                       "periods": sorted(set(touched.get(ind_of[t], []))) if cause != "window" else []})
    unscored = set(ds.unscored["target_id"]) if ds.unscored is not None else set()
    for t, b in base["targets"].items():
        if t not in record["targets"] and t not in unscored:  # set aside (no instrument), not a change of status
            ind = next((x["indicator_id"] for x in base["tables"]["targets"] if x["target_id"] == t), "")
            status.append({"target_id": t, "indicator_id": ind, "before": b["status"], "after": None,
                           "cause": "dropped_target", "periods": []})
    order = _indicator_order(ds, base)
    sort = lambda rows, f=lambda r: r: sorted(rows, key=lambda r: (order.get(f(r)["indicator_id"], len(order)),  # noqa: E731
                                                                   str(f(r)["period"]), str(f(r)["source_id"])))
    return Changes(record, base, added=sort(added), revised=sort(revised, lambda p: p[1]),
                   unselected=sort(unselected), status=status)


def _indicator_order(ds, base: dict) -> dict:
    """Figures listed in the order of the indicators table (targets' indicators first, as the data list them)."""
    ids = list(ds.indicators["indicator_id"]) + [r["indicator_id"] for r in base["tables"]["indicators"]]
    return {i: n for n, i in enumerate(dict.fromkeys(ids))}


def from_bundle(b, since: str | Path | None = None) -> Changes:
    """The comparison of a built bundle with the record file `since` (empty: a first edition)."""
    base = read_record(Path(since)) if since else None
    sc = b.scorecard
    window_start = int(sc["window_start"].iloc[0]) if len(sc) and "window_start" in sc else None
    from .. import config

    baseline = window_start if window_start is not None and window_start != b.as_of - config.SHORT_WINDOW else None
    return compare(b.ds, b.as_of, sc, base, edition=b.edition, code_version=b.code_version,
                   fingerprint=b.fingerprint, baseline_year=baseline)


def write_record(ch: Changes, output_dir: Path) -> Path:
    """output_dir/record.json: the build publishes it as reports/<record_name(short_name, as_of)>."""
    path = Path(output_dir) / "record.json"
    path.write_text(dumps(ch.record), encoding="utf-8")
    return path
