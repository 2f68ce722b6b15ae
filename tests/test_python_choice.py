"""Which Python make uses (tools/find_python.sh and the Makefile's gate), on PATHs of stand-in interpreters.

Each stand-in is a tiny shell script that answers the version probe as a real Python of that version would
(or fails, as a pyenv shim of a version that is installed but not selected does), so every case is set by hand.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import config

FIND = config.PROJECT_ROOT / "tools" / "find_python.sh"


def fake_python(folder: Path, name: str, version: str | None) -> Path:
    """An executable `name` in folder answering the probe as Python `version`; None: fails like a pyenv shim."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if version is None:
        body = f'echo "pyenv: {name}: command not found" >&2; exit 127'
    else:
        body = f'echo "{version} {path}"'
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def choose(path_dirs: list[Path], requested: str = "") -> str:
    # Only the stand-ins on the PATH (the script needs no other command), so no real Python of this machine counts.
    env = {"PATH": ":".join(str(d) for d in path_dirs), "HOME": "/nonexistent"}
    args = [str(FIND)] + ([requested] if requested else [])
    return subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout.strip()


def test_python3_is_taken_when_supported(tmp_path):
    bin_ = tmp_path / "bin"
    py3 = fake_python(bin_, "python3", "3.12.4")
    fake_python(bin_, "python3.13", "3.13.1")
    assert choose([bin_]) == f"ok {py3} 3.12"


def test_unsupported_python3_gives_way_to_the_newest_versioned_python_that_runs(tmp_path):
    bin_ = tmp_path / "bin"
    fake_python(bin_, "python3", "3.14.0")
    fake_python(bin_, "python3.13", None)  # a pyenv shim: installed, not selected, fails when called
    py312 = fake_python(bin_, "python3.12", "3.12.1")
    fake_python(bin_, "python3.11", "3.11.9")
    assert choose([bin_]) == f"ok {py312} 3.12"


def test_no_supported_python_names_what_was_found_and_what_works(tmp_path):
    bin_ = tmp_path / "bin"
    fake_python(bin_, "python3", "3.10.13")
    fake_python(bin_, "python3.13", None)
    out = choose([bin_])
    assert out.startswith("error ")
    assert "python3 (Python 3.10.13)" in out and "python3.13 (does not run)" in out
    assert "3.11, 3.12 or 3.13" in out


@pytest.mark.parametrize("version", ["3.10.13", "3.14.0"])
def test_requested_python_of_another_version_is_refused_by_name(tmp_path, version):
    py = fake_python(tmp_path / "elsewhere", "python3", version)
    fake_python(tmp_path / "bin", "python3", "3.12.1")  # a good one on the PATH does not overrule the request
    out = choose([tmp_path / "bin"], str(py))
    assert out.startswith("error ") and f"is Python {version}" in out and "3.11, 3.12 or 3.13" in out


def test_requested_python_that_runs_and_is_supported_is_used(tmp_path):
    py = fake_python(tmp_path / "elsewhere", "python3", "3.13.0")
    assert choose([tmp_path / "bin"], str(py)) == f"ok {py} 3.13"


def make_copy(tmp_path: Path) -> Path:
    """The Makefile and the tool it calls, alone in a folder: what make does before anything is installed."""
    root = tmp_path / "project"
    (root / "tools").mkdir(parents=True)
    shutil.copy(config.PROJECT_ROOT / "Makefile", root / "Makefile")
    shutil.copy(FIND, root / "tools" / FIND.name)
    return root


@pytest.mark.parametrize("goal", ["report", "test", "setup"])
def test_make_refuses_an_unsupported_python_before_creating_anything(tmp_path, goal):
    root = make_copy(tmp_path)
    py310 = fake_python(tmp_path / "old", "python3", "3.10.13")
    r = subprocess.run(["make", goal, f"PYTHON={py310}"], cwd=root, capture_output=True, text=True, timeout=30)
    assert r.returncode != 0
    assert "Python 3.10.13" in r.stderr and "3.11, 3.12 or 3.13" in r.stderr
    assert sorted(p.name for p in root.iterdir()) == ["Makefile", "tools"]  # no .venv, no build/


def test_make_help_needs_no_python(tmp_path):
    root = make_copy(tmp_path)
    py310 = fake_python(tmp_path / "old", "python3", "3.10.13")
    r = subprocess.run(["make", "help", f"PYTHON={py310}"], cwd=root, capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and "report" in r.stdout


def test_a_venv_of_another_python_is_made_again(tmp_path):
    root = make_copy(tmp_path)
    (root / "requirements.lock").write_text("")
    (root / "pyproject.toml").write_text("")
    venv_py = fake_python(root / ".venv" / "bin", "python", None)
    venv_py.write_text('#!/bin/sh\necho "3.11"\n')  # the venv's own Python, as make asks it for X.Y
    (root / ".venv" / ".installed").write_text("")
    py312 = fake_python(tmp_path / "new", "python3", "3.12.1")
    r = subprocess.run(["make", "-n", "setup", f"PYTHON={py312}"], cwd=root, capture_output=True, text=True,
                       timeout=30)
    assert r.returncode == 0, r.stderr
    assert ".venv was made with Python 3.11; make uses Python 3.12" in r.stdout
    assert "rm -rf .venv" in r.stdout  # the dry run shows it would be made again
    # The same Python as the venv's: nothing to do.
    py311 = fake_python(tmp_path / "same", "python3", "3.11.7")
    r = subprocess.run(["make", "-n", "setup", f"PYTHON={py311}"], cwd=root, capture_output=True, text=True,
                       timeout=30)
    assert r.returncode == 0 and "rm -rf" not in r.stdout and "made again" not in r.stdout


def test_a_venv_made_by_a_supported_python_is_kept_when_python_is_not_given(tmp_path):
    # The user once ran `make report PYTHON=.../3.12.1/bin/python3`; python3 on the PATH is 3.11.
    bin_ = tmp_path / "bin"
    fake_python(bin_, "python3", "3.11.9")
    py312 = fake_python(tmp_path / "pyenv" / "3.12.1" / "bin", "python3", "3.12.1")
    venv = tmp_path / ".venv"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text(f"home = {py312.parent}\nexecutable = {py312}\nversion = 3.12.1\n")
    (venv / ".installed").write_text("")
    assert choose([bin_], "--venv") == f"ok {bin_ / 'python3'} 3.11"  # no folder named: as before
    env = {"PATH": str(bin_), "HOME": "/nonexistent"}
    out = subprocess.run([str(FIND), "--venv", str(venv)], env=env, capture_output=True, text=True).stdout.strip()
    assert out == f"ok {py312} 3.12"
    # A venv whose interpreter is gone, or that was never finished, gives way to the usual search.
    py312.unlink()
    out = subprocess.run([str(FIND), "--venv", str(venv)], env=env, capture_output=True, text=True).stdout.strip()
    assert out == f"ok {bin_ / 'python3'} 3.11"


def test_a_pyenv_shim_that_does_not_run_gets_the_full_path_that_does(tmp_path):
    bin_ = tmp_path / "shims"
    fake_python(bin_, "python3.12", None)  # installed under pyenv, not selected
    root = tmp_path / "pyenv"
    real = fake_python(root / "versions" / "3.12.1" / "bin", "python3", "3.12.1")
    env = {"PATH": str(bin_), "HOME": "/nonexistent", "PYENV_ROOT": str(root)}
    out = subprocess.run([str(FIND), "python3.12"], env=env, capture_output=True, text=True).stdout.strip()
    assert out.startswith("error PYTHON=python3.12 does not run here")
    assert f"PYTHON={real}" in out


def test_make_help_names_python(tmp_path):
    root = make_copy(tmp_path)
    r = subprocess.run(["make", "help"], cwd=root, capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and "PYTHON=" in r.stdout


def test_no_venv_yet_is_silent(tmp_path):
    # A fresh clone: make asks about a .venv that does not exist; nothing is printed but the choice.
    fake_python(tmp_path / "bin", "python3", "3.12.4")
    env = {"PATH": str(tmp_path / "bin"), "HOME": "/nonexistent"}
    r = subprocess.run([str(FIND), "--venv", str(tmp_path / ".venv")], env=env, capture_output=True, text=True)
    assert r.stdout.strip() == f"ok {tmp_path / 'bin' / 'python3'} 3.12" and r.stderr == ""


def test_a_virtual_environment_s_python_stands_for_the_python_it_was_made_from(tmp_path):
    """PYTHON=.venv/bin/python (or any venv's): make would otherwise make .venv again with the interpreter it is
    about to delete. The venv's base interpreter is used instead."""
    import sys

    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(tmp_path / "v")], check=True)
    made_from = subprocess.run([base, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True,
                               check=True).stdout.strip()
    version = "%d.%d" % sys.version_info[:2]
    assert choose([], str(tmp_path / "v" / "bin" / "python")) == f"ok {made_from} {version}"
