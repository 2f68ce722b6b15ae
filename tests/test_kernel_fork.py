"""The report kernels forked from one zygote (analysis/editions/kernel_fork.py): what a kernel started that way
inherits, that jupyter_client still manages it, and the fallbacks to an ordinary launch."""
from __future__ import annotations

import os
import sys

import pytest

from analysis.editions import pipeline
from analysis.editions.kernel_fork import Zygote, kernel_args


def test_kernel_args_accepts_only_this_python_running_ipykernel_s_launcher():
    me = sys.executable
    assert kernel_args([me, "-m", "ipykernel_launcher", "-f", "/tmp/k.json"]) == ["-f", "/tmp/k.json"]
    # the kernel spec's interpreter option before the module
    assert kernel_args([me, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "c.json", "--x=1"]) \
        == ["-f", "c.json", "--x=1"]
    assert kernel_args(["/usr/bin/some-other-python", "-m", "ipykernel_launcher", "-f", "k.json"]) is None
    assert kernel_args([me, "-m", "some_other_kernel", "-f", "k.json"]) is None
    assert kernel_args([me, "-c", "print(1)", "-m", "ipykernel_launcher"]) is None  # -c is not an -X option
    assert kernel_args([]) is None


def _run(km, code: str) -> str:
    """The text a cell printed in the kernel."""
    from jupyter_core.utils import run_sync

    kc = km.client()
    kc.start_channels()
    run_sync(kc.wait_for_ready)(timeout=60)
    out = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    reply = run_sync(kc.execute_interactive)(code, output_hook=hook, timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out)


def _gone(pid: int) -> bool:
    from conftest import process_alive

    return not process_alive(pid)


def test_a_kernel_forked_from_the_zygote_has_the_report_modules_and_is_stopped_like_any_kernel():
    zygote = Zygote.start()
    km = None
    try:
        km = pipeline.start_kernel(None, zygote)
        pid = km.provisioner.process.pid
        printed = _run(km, "import os, sys\n"
                           "print(os.getppid(), 'pandas' in sys.modules, 'analysis.editions.charts' in sys.modules,"
                           " os.getpgid(0) == os.getpid())")
        parent, pandas, charts, own_group = printed.split()
        assert int(parent) == zygote.pid  # forked from the zygote, not launched by this process
        assert (pandas, charts) == ("True", "True")  # imported before the fork, not by the kernel
        assert own_group == "True"  # a session of its own: the terminal's Ctrl-C is the build's
        pipeline.stop_kernel(km)
        km = None
        assert _gone(pid)
    finally:
        if km is not None:
            pipeline.stop_kernel(km)
        zygote.close()
    if zygote.proc is not None:
        assert zygote.proc.returncode == 0


def test_a_kernel_still_starts_the_usual_way_when_the_zygote_is_gone():
    zygote = Zygote.start()
    os.kill(zygote.pid, 9)
    (zygote.proc.wait() if zygote.proc is not None else os.waitpid(zygote.pid, 0))
    km = pipeline.start_kernel(None, zygote)
    try:
        printed = _run(km, "import os\nprint(os.getppid())")
        assert int(printed) == os.getpid()  # launched by this process, as jupyter_client does
    finally:
        pipeline.stop_kernel(km)
        zygote.close()


def test_a_kernel_spec_that_is_not_this_python_is_launched_as_usual(monkeypatch):
    from analysis.editions import kernel_fork

    asked = []
    monkeypatch.setattr(kernel_fork.Zygote, "fork", lambda self, *a: asked.append(a) or pytest.fail("forked"))
    monkeypatch.setattr(kernel_fork, "kernel_args", lambda argv: None)  # as for another Python's kernel spec
    zygote = Zygote.start()
    km = pipeline.start_kernel(None, zygote)
    try:
        assert int(_run(km, "import os\nprint(os.getppid())")) == os.getpid()
        assert asked == []
    finally:
        pipeline.stop_kernel(km)
        zygote.close()


def test_a_forked_kernel_reads_the_settings_of_its_own_environment(monkeypatch):
    """config reads SOURCE_DATE_EPOCH when it is imported; a kernel forked after the variable changed must see the
    new value, as a kernel started afresh does (the build's edition date depends on it)."""
    from analysis import config

    assert config.SOURCE_DATE_EPOCH != 1795910400
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795910400")  # 29/11/2026, set after this process imported config
    zygote = Zygote.start()
    km = pipeline.start_kernel(None, zygote)
    try:
        assert _run(km, "from analysis import config\nprint(config.SOURCE_DATE_EPOCH)").strip() == "1795910400"
    finally:
        pipeline.stop_kernel(km)
        zygote.close()


def test_a_kernel_connected_while_the_data_are_checked_is_not_waited_for_again(monkeypatch):
    """pipeline.connect() connects to the report kernel and waits for its answer before the notebook runs; the
    client papermill then takes is that one, already answered: it asks nothing more before the first cell."""
    from jupyter_core.utils import run_sync

    zygote = Zygote.start()
    km = None
    try:
        km = pipeline.start_kernel(None, zygote)
        pipeline.connect(km)
        connected = km.connected
        assert connected is not None and connected.answered and connected.channels_running
        taken = km.client()  # what nbclient does
        assert taken is connected and km.connected is None

        def asked_again(*args, **kwargs):
            raise AssertionError("kernel_info sent again")

        monkeypatch.setattr(taken, "kernel_info", asked_again)
        taken.start_channels()  # nbclient starts the channels and waits: both are no-ops now
        run_sync(taken.wait_for_ready)(timeout=5)
        reply = run_sync(taken.execute_interactive)("x = 6 * 7", timeout=60)
        assert reply["content"]["status"] == "ok"
        assert km.client() is not taken  # a later client is a new one
    finally:
        pipeline.stop_kernel(km)
        zygote.close()


def test_waiting_for_a_kernel_ends_as_soon_as_the_build_stops():
    """The build waits for its kernels while it checks the data; when the check fails (or another edition
    does), the wait ends at once with the build's error, not after the kernel's own timeout."""
    zygote = Zygote.start()
    km = None
    try:
        km = pipeline.start_kernel(None, zygote)
        pipeline.stop_kernel(km)  # a kernel that will never answer
        with pytest.raises(pipeline.BuildError, match="stopped while its kernel was starting"):
            pipeline.connect(km, abort=lambda: True)
    finally:
        zygote.close()
