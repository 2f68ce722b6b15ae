"""Report kernels forked from one process that has already imported what the report notebook uses.

A build runs the report notebook once per language, each in a Jupyter kernel of its own. Started the usual
way, each kernel is a new Python that imports ipykernel, pandas, matplotlib and the package again (about
two seconds of CPU each, on a machine with two cores). Here one helper process (the "zygote", started when the
build starts, while the build process checks the data) imports them once; each kernel is then a fork of it,
ready at once, sharing those pages. jupyter_client still manages each kernel (connection file, ports,
messages, shutdown) through ForkedProvisioner; only the launch differs. Anything unusual (a kernel spec that
does not run this Python's ipykernel, a zygote that failed) falls back to jupyter_client's own launch.

Protocol on the zygote's pipes: the build writes one JSON line per kernel ({"argv", "env", "cwd"}) on its
stdin; it answers one line, the kernel's pid. Closing its stdin ends it (after the kernels have stopped:
a kernel exits when the process it was forked from is gone).
"""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time

# What the report notebook imports (notebooks/gap_report.ipynb), imported once by the zygote; then what its
# cells import on first use (the SVG backend, pandas' table styling and its templates, babel's dates).
NOTEBOOK_MODULES = ("analysis.data.dataset", "analysis.editions.bundle", "analysis.editions.charts",
                    "analysis.editions.notebook_view", "analysis.editions.pdf", "analysis.editions.workbook",
                    "analysis.engine.changes")
PRELOAD_MODULES = NOTEBOOK_MODULES + ("matplotlib.backends.backend_svg", "pandas.io.formats.style", "babel.dates")
LAUNCHER = ("-m", "ipykernel_launcher")


class Zygote:
    """The build's handle on the zygote process: fork(argv, env, cwd) -> the new kernel's pid.

    start() makes it a fork of the build process itself when that process runs a single thread (the command
    line's build): it has then already imported pandas and the data layer, which the zygote inherits instead of
    importing them again. Otherwise (a build called from a notebook or a test runner, whose threads a fork must
    not copy) the zygote is a new Python process."""

    def __init__(self, pid: int, requests, answers, proc: subprocess.Popen | None = None) -> None:
        self._lock = threading.Lock()  # the editions' threads ask in turn: one request, one answer
        self.pid, self.requests, self.answers, self.proc = pid, requests, answers, proc

    @classmethod
    def start(cls) -> "Zygote | None":
        """The zygote, or None where a process cannot fork (Windows): kernels are then launched as usual."""
        if not hasattr(os, "fork"):
            return None
        if threading.active_count() == 1:
            import analysis.data.dataset  # noqa: F401 - the build imports it next anyway: the zygote inherits it

            sys.stdout.flush()  # nothing buffered is copied into the child (it would be written twice)
            sys.stderr.flush()
            req_r, req_w = os.pipe()
            ans_r, ans_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the zygote
                code = 1
                try:
                    os.close(req_w)
                    os.close(ans_r)
                    serve(os.fdopen(req_r, "rb"), os.fdopen(ans_w, "wb"))
                    code = 0
                finally:
                    os._exit(code)
            os.close(req_r)
            os.close(ans_w)
            return cls(pid, os.fdopen(req_w, "wb"), os.fdopen(ans_r, "rb"))
        from .. import config

        proc = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                cwd=str(config.PROJECT_ROOT))
        return cls(proc.pid, proc.stdin, proc.stdout, proc)

    def fork(self, argv: list[str], env: dict, cwd: str) -> int:
        """The pid of a kernel forked with this command line; OSError if the zygote cannot answer."""
        with self._lock:
            self.requests.write(json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode() + b"\n")
            self.requests.flush()
            line = self.answers.readline()
        if not line.strip():
            raise OSError("the kernel zygote ended without answering")
        return int(line)

    def close(self) -> None:
        """End the zygote (its kernels should have been stopped first)."""
        try:
            self.requests.close()
        except OSError:
            pass
        if self.proc is not None:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        else:
            _reap(self.pid)
        self.answers.close()


def _reap(pid: int, timeout: float = 5.0) -> None:
    """Wait for a forked zygote to end (it does at once when its pipe closes); kill it past the timeout."""
    end = time.monotonic() + timeout
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return
        if done:
            return
        if time.monotonic() > end:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return
        time.sleep(0.005)


def kernel_args(argv: list[str]) -> list[str] | None:
    """The launcher's own arguments when a kernel command is this Python running ipykernel's launcher (with at
    most -X options before it, e.g. the kernel spec's -Xfrozen_modules=off), which a fork can stand in for; else None."""
    if not argv or os.path.realpath(argv[0]) != os.path.realpath(sys.executable):
        return None
    for i in range(1, len(argv) - 1):
        if tuple(argv[i:i + 2]) == LAUNCHER:
            return list(argv[i + 2:])
        if not argv[i].startswith("-X"):
            return None
    return None


class ForkedProcess:
    """What jupyter_client's LocalProvisioner expects of a Popen, for a kernel that is not the build's child
    (it is the zygote's, which ignores SIGCHLD, so an exited kernel leaves no zombie and os.kill finds none)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0  # its exit status belongs to the zygote, which discarded it
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        try:
            os.killpg(self.pid, signum)  # the kernel leads a session and a process group of its own
        except ProcessLookupError:
            pass

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def provisioner_class():
    """LocalProvisioner with launch_kernel replaced by a fork of the zygote (imported lazily: jupyter_client)."""
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class ForkedProvisioner(LocalProvisioner):
        zygote: Zygote | None = None

        async def launch_kernel(self, cmd: list[str], **kwargs):
            if self.zygote is None or kernel_args(cmd) is None:
                return await super().launch_kernel(cmd, **kwargs)
            env = kwargs.get("env") or dict(os.environ)
            cwd = str(kwargs.get("cwd") or os.getcwd())
            try:
                pid = await asyncio.get_running_loop().run_in_executor(None, self.zygote.fork, list(cmd), dict(env), cwd)
            except (OSError, ValueError):  # the zygote is gone or garbled its answer: the usual launch
                return await super().launch_kernel(cmd, **kwargs)
            self.process = ForkedProcess(pid)
            self.pid = self.pgid = pid
            self.cwd = cwd
            return self.connection_info

    return ForkedProvisioner


# ------------------------------------------------------------------------------------------- the zygote

def _become_kernel(request: dict, pipes: tuple[int, int]) -> None:
    """In the forked child: a session of its own (the terminal's Ctrl-C is the build's to handle), the kernel's
    environment and folder, then ipykernel's launcher with the kernel command's arguments. Never returns."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel's own subprocesses are waited for as usual
        signal.signal(signal.SIGINT, signal.default_int_handler)  # interrupting a cell is a SIGINT
        null = os.open(os.devnull, os.O_RDWR)
        if pipes == (0, 1):  # a zygote of its own: stdin carries requests, stdout answers; neither is the kernel's
            os.dup2(null, 0)
            os.dup2(2, 1)
        else:  # a fork of the build: the kernel keeps the build's stdout and stderr, and lets go of the pipes
            os.dup2(null, 0)
            for fd in pipes:
                os.close(fd)
        sys.stdin = open(os.devnull)
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ["JPY_PARENT_PID"] = str(os.getppid())  # ipykernel exits if this process's parent goes away
        os.chdir(request["cwd"])
        if "analysis.config" in sys.modules:  # its settings are read from the environment when it is imported:
            import importlib                  # read them again from the kernel's (a test may have set one since)

            importlib.reload(sys.modules["analysis.config"])
        # ipykernel read JPY_PARENT_PID when the zygote imported it: give the parent to watch explicitly (it also
        # keeps the kernel from printing the banner of a kernel started by hand)
        args = kernel_args(request["argv"]) + [f"--IPKernelApp.parent_handle={os.getppid()}"]
        sys.argv = [request["argv"][0]] + args
        from ipykernel.kernelapp import launch_new_instance

        launch_new_instance(argv=args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - a kernel that cannot start says why on stderr, like any kernel
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve(requests, answers) -> None:
    """The zygote: import, then fork one kernel per request line until the requests' pipe closes; never returns."""
    import importlib

    # jsonschema would compile an IRI grammar on import (see pipeline._without_iri_grammar); no kernel needs it
    sys.modules.setdefault("rfc3987_syntax", None)
    # ipykernel imports debugpy for its debugger when it can (about 0.1 s); a report kernel runs a notebook
    # unattended and is never debugged, so its kernels go without (JupyterLab's own kernels keep it)
    sys.modules.setdefault("debugpy", None)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's: it stops the kernels, then closes this
    import ipykernel.kernelapp  # noqa: F401

    for name in PRELOAD_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the notebook's own import fails again, with its message
            pass
    try:  # each language's number formats, read from babel's locale data once here rather than in every kernel
        from analysis import config, i18n

        for lang in config.LANGS:
            i18n.fmt_number(1234.5, lang)
    except Exception:  # noqa: BLE001 - only a head start: a kernel that needs them reads them itself
        pass
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # exited kernels are reaped by the system
    import gc

    # What is imported now lives as long as the kernels: out of the collector's way (a kernel's collections
    # then walk only its own objects, and do not write to the pages it shares with this process)
    gc.freeze()
    pipes = (requests.fileno(), answers.fileno())
    for line in iter(requests.readline, b""):
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become_kernel(request, pipes)
        answers.write(f"{pid}\n".encode())
        answers.flush()
    # The build closed the pipe: end at once. A normal exit would tear down every module imported above
    # (about a third of a second the build would wait for), and this process holds nothing to flush or save.
    os._exit(0)


def main() -> None:
    """The zygote as a process of its own: requests on stdin, answers on stdout."""
    serve(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    main()
