"""Build the report: check parameters and data, run the notebook per language, compile the PDFs.

Everything is built in a staging folder under build/; reports/ is touched only when every step
succeeded, file by file with os.replace, so a failure or Ctrl-C leaves the last good PDF as it was.
The editions are independent, so they run at once (one thread each, bounded by the cores): the
threads only wait on their notebook's kernel, which is a process of its own.
"""
from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
import threading
import time
import weakref
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING

from .. import config
from .kernel_fork import NOTEBOOK_MODULES, Zygote

if TYPE_CHECKING:  # imported in build(), after the kernels were started: pandas takes a while to import
    from ..data.schema import Dataset


class BuildError(Exception):
    """A failure with a message for the analyst (no traceback needed)."""


def say(msg: str) -> None:
    # one write per line: print() writes the line and its end apart, and two editions' threads interleave them
    sys.stdout.write(f"[report] {msg}\n")
    sys.stdout.flush()


def default_as_of(ds: Dataset) -> int:
    """The latest year the data reach (analysis/data/edition.py, which the Makefile also runs)."""
    from ..data.edition import latest_year

    year = latest_year(ds.data_dir)
    if year is None:
        raise BuildError(f"AS_OF: {ds.data_dir / 'observations.csv'} has no selected full-year figure to "
                         "date the edition; give AS_OF (a year such as 2025)")
    return year


def check_params(ds: Dataset, as_of: int, langs: list[str], baseline_year: int | None) -> list[str]:
    """Every problem with the run's parameters, each with the accepted values."""
    problems = []
    bad = [x for x in langs if x not in config.LANGS]
    if bad or not langs:
        problems.append(f"LANG: unknown '{','.join(bad) or '(empty)'}'; accepted: {', '.join(config.LANGS)} "
                        "(several separated by commas)")
    if ds.years() is None:
        return problems + ["AS_OF: the data hold no observation, so no year can be assessed"]
    first, last = ds.years()
    if not first <= as_of <= last:
        problems.append(f"AS_OF: {as_of} is outside the data; accepted: a year from {first} to {last}")
    if baseline_year is not None and not (first - config.LONG_WINDOW <= baseline_year < as_of):
        problems.append(f"BASELINE_YEAR: {baseline_year} is not a year before AS_OF={as_of}; accepted: "
                        f"{first - config.LONG_WINDOW} to {as_of - 1}, or empty for AS_OF - {config.SHORT_WINDOW}")
    return problems


def parse_int(name: str, text: str | int | None) -> int | None:
    if text is None or text == "":
        return None
    try:
        return int(str(text).strip())
    except ValueError:
        raise BuildError(f"{name}: '{text}' is not a year; expected a whole number such as 2025") from None


def _without_iri_grammar() -> None:
    """jsonschema, imported by papermill and nbformat, imports rfc3987_syntax when it is installed, which
    compiles a grammar for 1-2 s (python-jsonschema/jsonschema#1392); only its IRI format checks use it and
    nbformat checks no formats, so this process does without it. Call before nbformat is first imported."""
    sys.modules.setdefault("rfc3987_syntax", None)


def run_notebook(notebook: Path, out_nb: Path, params: dict, progress_bar: bool | None = None,
                 kernel=None) -> None:
    """Execute notebook with papermill into out_nb; in `kernel` (from start_kernel) if given, else in a new one."""
    _without_iri_grammar()
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    if progress_bar is None:
        progress_bar = sys.stderr.isatty()
    given = {"km": kernel} if kernel is not None else {}
    try:
        pm.execute_notebook(str(notebook), str(out_nb), parameters=params, kernel_name=config.KERNEL_NAME,
                            cwd=str(config.PROJECT_ROOT), progress_bar=progress_bar, log_output=False,
                            kernel_manager_class=_kernel_manager_class(),
                            # written once, when it has run (or failed): not before and after every cell,
                            # each time serialised and validated whole, charts included, in this process
                            request_save_on_cell_execute=False, **given)
    except PapermillExecutionError as exc:
        keep = config.BUILD_DIR / "failed" / f"{notebook.stem}-{params.get('lang')}-{time.strftime('%Y%m%d-%H%M%S')}.ipynb"
        keep.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(out_nb, keep)
        raise BuildError(f"notebook {notebook.name} failed in {failing_cell(out_nb)} ({exc.ename}: {exc.evalue}); "
                         f"the executed copy is kept at {keep}") from None


_KERNELS: weakref.WeakSet = weakref.WeakSet()  # kernel managers of the running notebooks, for Ctrl-C


@functools.cache  # one class: the managers of start_kernel and of papermill are then of the same kind
def _kernel_manager_class():
    """jupyter's kernel manager, remembering its kernels: they run in a session of their own, so the
    terminal's Ctrl-C does not reach them, and a notebook would otherwise run on to its end."""
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager

    class ReadyOnce(AsyncKernelClient):
        """A report kernel's client: connected and answered once (connect() does it while the data are checked),
        not connected and waited for again when papermill takes it. Its wait ends when the kernel has answered
        kernel_info and said "idle" for it on IOPub (so IOPub is connected and nothing else is coming), where
        jupyter_client's own wait then listens for 0.2 s more, the kernel idle and the notebook not started."""
        answered = False

        def start_channels(self, *args, **kwargs):
            if not self.channels_running:
                super().start_channels(*args, **kwargs)

        async def wait_for_ready(self, timeout=None, abort=None):
            """timeout None: START_TIMEOUT. abort: called while waiting; when it returns True the wait ends with
            BuildError (the build stops)."""
            if self.answered:
                return
            deadline = time.monotonic() + (timeout or START_TIMEOUT)
            while time.monotonic() < deadline:
                asked = self.kernel_info()
                reply = await self._answer(self.shell_channel, asked, "kernel_info_reply", 1, abort)
                if reply is None:
                    if not await self._async_is_alive():
                        raise RuntimeError("Kernel died before replying to kernel_info")
                    continue
                if await self._answer(self.iopub_channel, asked, "status", 0.2, abort) is not None:
                    self._handle_kernel_info_reply(reply)
                    self.answered = True
                    return
                # no "idle" came: the kernel said it before IOPub was connected; ask again
            raise RuntimeError(f"Kernel didn't respond in {timeout or START_TIMEOUT} seconds")

        @staticmethod
        async def _answer(channel, asked: str, msg_type: str, timeout: float, abort=None):
            """The message of msg_type answering request `asked` (a status: "idle"); None when none came in time
            (messages answering other or earlier requests are passed over)."""
            from queue import Empty

            end = time.monotonic() + timeout
            while (left := end - time.monotonic()) > 0:
                try:
                    msg = await channel.get_msg(timeout=min(left, 0.05))
                except Empty:
                    if abort is not None and abort():
                        raise BuildError("stopped while its kernel was starting") from None
                    continue
                if msg["parent_header"].get("msg_id") == asked and msg["msg_type"] == msg_type and \
                        (msg_type != "status" or msg["content"].get("execution_state") == "idle"):
                    return msg
            return None

    class Tracked(AsyncKernelManager):
        def __init__(self, zygote=None, **kwargs):
            super().__init__(**kwargs)
            _KERNELS.add(self)
            self.clients = []
            self.zygote = zygote
            self.client_factory = ReadyOnce
            self.connected = None  # the client connect() made ready, for papermill to take

        async def _async_pre_start_kernel(self, **kw):
            if self.zygote is not None and self.provisioner is None:  # a fork of the zygote (kernel_fork.py)
                from .kernel_fork import provisioner_class

                self.provisioner = provisioner_class()(kernel_spec=self.kernel_spec, parent=self)
                self.provisioner.zygote = self.zygote
            return await super()._async_pre_start_kernel(**kw)

        def client(self, **kwargs):  # remembered, to close its channels when the kernel is stopped
            if self.connected is not None and not kwargs:  # papermill's client: the one already connected
                kc, self.connected = self.connected, None
                return kc
            kc = super().client(**kwargs)
            self.clients.append(kc)
            return kc

    return Tracked


# What the report notebook imports, imported by the kernel as it starts (IPython's exec_lines, run before the
# notebook and outside its history): the kernel is started while the build process checks the data, and would
# otherwise wait idle for it, then spend about a second of CPU importing pandas and matplotlib once it runs.
# A module that fails to import here fails again, with its message, in the notebook's own cell.
# (For a kernel launched the usual way; a kernel forked from the zygote has them already: kernel_fork.py.)
PRELOAD = f"--IPKernelApp.exec_lines=import {', '.join(NOTEBOOK_MODULES)}; del analysis"


START_TIMEOUT = 60  # seconds for a kernel to answer, as papermill's default start_timeout


def start_kernel(checked_data: Path | None = None, zygote=None):
    """Start the report kernel now, as papermill would (same kernel, history in memory, project folder),
    so that it boots while the build process checks the data; run_notebook(kernel=) then uses it.
    checked_data: where the build process will leave the checked data set for the notebook's
    dataset.load() (config.CHECKED_DATA_ENV). zygote: a kernel_fork.Zygote to fork the kernel from."""
    from jupyter_client.kernelspec import NoSuchKernel
    from jupyter_core.utils import run_sync

    km = _kernel_manager_class()(kernel_name=config.KERNEL_NAME, zygote=zygote)
    try:
        env = {**os.environ, config.CHECKED_DATA_ENV: str(checked_data)} if checked_data else None
        run_sync(km.start_kernel)(extra_arguments=["--HistoryManager.hist_file=:memory:", PRELOAD],
                                  cwd=str(config.PROJECT_ROOT), **({"env": env} if env else {}))
    except NoSuchKernel:
        raise BuildError(f"the Jupyter kernel '{config.KERNEL_NAME}' is not installed; `make setup` installs it "
                         "(or: .venv/bin/python -m ipykernel install --sys-prefix --name "
                         f"{config.KERNEL_NAME})") from None
    return km


def connect(km, abort=None) -> None:
    """Connect to a kernel from start_kernel and wait until it answers (ReadyOnce): done while the build
    process checks the data, so that papermill's notebook starts at once on it. abort: see ReadyOnce."""
    from jupyter_core.utils import run_sync

    if km is None or km.connected is not None:
        return
    kc = km.client()
    kc.start_channels()
    try:
        run_sync(kc.wait_for_ready)(timeout=START_TIMEOUT, abort=abort)
    except BaseException:
        kc.stop_channels()
        raise
    km.connected = kc


def stop_kernel(km) -> None:
    """Stop a kernel from start_kernel (papermill leaves a kernel it was given running). At once: its
    notebook has ended and holds nothing to save (history is in memory), and a graceful shutdown spends
    about half a second of CPU tearing down a process that is thrown away, while typst needs the cores."""
    if km is None:
        return
    from jupyter_core.utils import run_sync

    for kc in km.clients:
        kc.stop_channels()
    try:
        if run_sync(km.is_alive)():
            run_sync(km.shutdown_kernel)(now=True)
    finally:
        run_sync(km.cleanup_resources)()


def _stop_kernels() -> None:
    import signal

    for km in list(_KERNELS):
        pgid = getattr(km.provisioner, "pgid", None) if km.has_kernel else None
        if pgid:
            try:
                os.killpg(pgid, signal.SIGTERM)
            except OSError:
                pass  # already gone


def failing_cell(executed: Path) -> str:
    """'cell N: first line' as the analyst's own notebook numbers it (papermill's injected cell left out)."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    added = {"injected-parameters", "papermill-error-cell-tag"}  # cells papermill adds to its copy
    cells = [c for c in nb.cells if not added & set(c.metadata.get("tags", []))]
    for n, cell in enumerate(cells, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            return f"cell {n} (`{first[:60]}`)"
    return "a cell"


def _rename_in(notebook: Path, staged: str, label: str) -> None:
    """The published notebook's `since` parameter: the base's name, not the staging folder (which would
    make every rebuild differ). A name JSON would have to escape is left out."""
    import json

    safe = label if json.dumps(label, ensure_ascii=False)[1:-1] == label else ""
    text = notebook.read_text(encoding="utf-8")
    notebook.write_text(text.replace(json.dumps(staged)[1:-1], safe), encoding="utf-8")


def _swap_in(src: Path, dst: Path) -> None:
    """Replace folder dst by a copy of src, never leaving dst half-written."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp, old = dst.with_name(f".{dst.name}.new"), dst.with_name(f".{dst.name}.old")
    for p in (tmp, old):
        shutil.rmtree(p, ignore_errors=True)
    shutil.copytree(src, tmp)
    if dst.exists():
        dst.rename(old)
    tmp.rename(dst)
    shutil.rmtree(old, ignore_errors=True)


def build(as_of: int | None, langs: list[str], baseline_year: int | None = None, data_dir: Path | None = None,
          reports_dir: Path | None = None, since: str | None = None) -> list[Path]:
    """as_of None: the latest year the data reach. since: the edition to say what changed since (an earlier
    edition's record file, or a git revision of the data folder); None: the previous edition in reports_dir
    (changes.find_base), if any."""
    reports_dir = Path(reports_dir or config.REPORTS_DIR)
    config.BUILD_DIR.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix="stage-", dir=config.BUILD_DIR))
    stop = threading.Event()  # set on Ctrl-C or a failure: editions still running skip their next step
    checked: Future = Future()  # the run's (as_of, baseline_year, data_dir, base), once data and parameters passed
    zygote = Zygote.start()  # imports what the notebook needs while this process checks the data; kernels fork from it
    # papermill (about 0.4 s to import) alongside the data check, not after it while the kernels wait
    threading.Thread(target=_import_papermill, name="import-papermill", daemon=True).start()
    try:
        workers = max(1, min(len(langs), os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="edition") as pool:
            progress_bar = None if workers == 1 else False  # two bars at once would garble the terminal
            # Each edition starts its kernel at once and runs nothing in it before the data passed: the
            # kernels boot (about a second) while this thread checks the data.
            jobs = [pool.submit(_edition, stage, lang, checked, stop, progress_bar, zygote)
                    for lang in langs if lang in config.LANGS]
            try:
                try:
                    checked.set_result(_checked_run(as_of, langs, baseline_year, data_dir, since, reports_dir, stage))
                except BaseException:
                    checked.set_exception(BuildError("not started: the data or parameters have problems"))
                    raise
                built, failures = [], []
                for lang, job in zip(langs, jobs):  # in the order of langs, whichever finishes first
                    try:
                        built.append(job.result())
                    except BuildError as exc:
                        stop.set()
                        failures.append(f"{lang} edition: {exc}")
            except BaseException as exc:  # bad data, Ctrl-C or a bug: stop the kernels, start nothing new
                stop.set()
                pool.shutdown(wait=False, cancel_futures=True)
                if isinstance(exc, KeyboardInterrupt):
                    say("interrupted: stopping the running notebook(s); reports/ stays as it was")
                while not all(job.done() for job in jobs):  # a kernel may still be starting: repeat
                    _stop_kernels()
                    wait(jobs, timeout=0.2)
                raise
        if failures:
            raise BuildError("; ".join(failures) + "\nno edition was published: reports/ is unchanged")
        # Every step of every edition succeeded: only now replace what reports/ had.
        as_of, plan = checked.result()[0], checked.result()[5]
        reports_dir.mkdir(parents=True, exist_ok=True)
        final = []
        for lang, out, pdf, record, workbook in built:
            shutil.copy(out / "scorecard.csv", out / "figures" / "scorecard.csv")
            _swap_in(out / "figures", reports_dir / "figures" / f"{as_of}-{lang}")
            for made in (record, workbook, pdf):
                _publish(made, reports_dir / made.name)
            final.append(reports_dir / pdf.name)
        # The edition record (no words, the same from every language): what the next edition compares with.
        from ..engine.changes import record_name

        _publish(built[0][1] / "record.json", reports_dir / record_name(plan.short_name, as_of))
        return final
    finally:
        if zygote is not None:
            zygote.close()
        shutil.rmtree(stage, ignore_errors=True)


def _import_papermill() -> None:
    _without_iri_grammar()
    try:
        import papermill  # noqa: F401
    except Exception:  # noqa: BLE001 - the editions import it again and report what fails
        pass


def _publish(made: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(made, tmp)  # same folder as the target, so the replace below is atomic
    os.replace(tmp, target)


def _checked_run(as_of: int | None, langs: list[str], baseline_year: int | None, data_dir: Path | None,
                 since: str | None = None, reports_dir: Path | None = None,
                 stage: Path | None = None) -> tuple[int, int | None, Path, Path | None, str, object]:
    """Load and check the data and the parameters, and find the edition to compare with: (as_of,
    baseline_year, data folder, the base record copied into stage or None, its name, the plan), or a
    BuildError."""
    from ..data.dataset import load

    say("checking the data files")
    ds = load(data_dir)
    for w in ds.warnings:
        print(w, file=sys.stderr)
    if ds.errors:
        raise BuildError("the data have problems; nothing was built and reports/ is unchanged:\n"
                         + "\n".join(str(p) for p in ds.errors))
    if ds.without_figures:  # said once per build, not as a warning
        say(f"no figure yet for {len(ds.without_figures)} target(s): {', '.join(ds.without_figures)}")
    if as_of is None:
        as_of = default_as_of(ds)
    problems = check_params(ds, as_of, langs, baseline_year)
    if problems:
        raise BuildError("bad parameter(s); no notebook was run:\n" + "\n".join(problems))
    base_file, label = _base(ds, as_of, baseline_year, since, reports_dir, stage)
    if stage is not None:
        _hand_over(ds, as_of, baseline_year, stage / CHECKED_DATA)
    return as_of, baseline_year, ds.data_dir, base_file, label, ds.plan


CHECKED_DATA = "checked-data.pickle"  # in the staging folder: the checked data set, for the notebooks


def _hand_over(ds: Dataset, as_of: int, baseline_year: int | None, path: Path) -> None:
    """The checked data set with the numbers every edition reads (engine/scorecards.edition_numbers), for
    the notebooks' dataset.load(): worked out once here, not once per language in each kernel."""
    import pickle

    from ..engine.scorecards import edition_numbers

    edition_numbers(ds, as_of, baseline_year)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(ds, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def _base(ds: Dataset, as_of: int, baseline_year: int | None, since: str | None, reports_dir: Path | None,
          stage: Path | None) -> tuple[Path | None, str]:
    """The previous edition's record (changes.resolve_base), copied into stage: the notebooks read it
    there, as the record in reports/ it may come from is replaced when this edition is published."""
    from ..data.dataset import fingerprint
    from ..engine.changes import ChangesError, dumps, resolve_base

    if stage is None:
        return None, ""
    try:
        base = resolve_base(since, Path(reports_dir or config.REPORTS_DIR), ds.data_dir, as_of,
                            fingerprint(ds.data_dir), baseline_year, short_name=ds.plan.short_name)
    except ChangesError as exc:
        raise BuildError(f"{exc}\nno notebook was run; reports/ is unchanged") from None
    if base is None:
        say("no previous edition to compare with: the report says nothing about changes")
        return None, ""
    say(f"comparing with {base.get('label') or 'the previous edition'} (as of {base['as_of']}, {base['edition']})")
    path = stage / "since.json"
    path.write_text(dumps(base), encoding="utf-8")
    return path, str(base.get("label") or "")


def _edition(stage: Path, lang: str, checked: Future, stop: threading.Event,
             progress_bar: bool | None, zygote=None) -> tuple[str, Path, Path, Path, Path]:
    """One edition in its own staging folder: the notebook, then the PDF and the published run record."""
    _without_iri_grammar()
    # The kernel first: importing the modules below waits for the build process's own imports (pandas, for
    # checking the data), and the kernel would then boot only after the check instead of during it.
    kernel = start_kernel(stage / CHECKED_DATA, zygote) if not stop.is_set() else None
    stopping = early = started = None
    try:
        from . import pdf as pdf_output  # looked up here, not at import, so tests can replace compile_pdf
        from .executed_notebook import publishable
        from ..data.plan_identity import report_name

        try:
            # stops waiting for the kernel as soon as the data or parameters failed, or another edition did
            connect(kernel, abort=lambda: stop.is_set() or (checked.done() and checked.exception() is not None))
            # raises if the data or parameters have problems
            as_of, baseline_year, data_dir, base_file, base_label, plan = checked.result()
            if stop.is_set():
                raise BuildError("not started: the build was stopped")
            out = stage / lang
            out.mkdir()
            pdf_path = out / report_name(plan, as_of, lang)
            # typst starts on report.json as soon as the notebook has written it, while the notebook goes on
            early = pdf_output.EarlyTypesetting(out, pdf_path)
            say(f"[{lang}] running notebook {config.REPORT_NOTEBOOK.name} (as_of={as_of})")
            params = {"as_of": as_of, "lang": lang, "data_dir": str(data_dir), "output_dir": str(out),
                      "baseline_year": baseline_year or 0, "since": str(base_file or "")}
            run_notebook(config.REPORT_NOTEBOOK, out / "executed.ipynb", params, progress_bar=progress_bar,
                         kernel=kernel)
        finally:  # the kernel is stopped while typst lays out
            stopping = threading.Thread(target=stop_kernel, args=(kernel,), name=f"stop-kernel-{lang}")
            stopping.start()
        started = early.take()
        if stop.is_set():
            raise BuildError("stopped before its PDF, as another edition failed")
        say(f"[{lang}] laying out the PDF with typst")
        # the executed notebook is made publishable here, while typst lays out when it was started early
        record = publishable(out / "executed.ipynb", out, out / report_name(plan, as_of, lang, "ipynb"))
        if base_file is not None:  # the staged copy's path names the base by what it was: a file, a revision
            _rename_in(record, str(base_file), base_label)
        workbook = (out / "workbook.xlsx").rename(out / report_name(plan, as_of, lang, "xlsx"))
        try:
            pdf = pdf_output.compile_pdf(out, pdf_path, started=started)
        except Exception as exc:  # typst reports layout errors as its own exception type
            raise BuildError(f"typst could not lay out the {lang} report: {exc}") from None
    finally:
        if early is not None:  # a failed or stopped edition: typst, if it was started, is stopped
            early.cancel()
        if started is not None:
            started.cancel()
        if stopping is not None:
            stopping.join()
    say(f"[{lang}] done")
    return lang, out, pdf, record, workbook
