"""`python tools/uv_pip_install.py VENV_PYTHON ARGS`: `uv pip install ARGS` into VENV_PYTHON's venv, with pip's
own index settings.

make setup creates the venv without pip, has this Python's pip put uv into it, then calls this with this Python
(whose pip reads the configuration) and the venv's python. uv does not read pip's configuration (pip.conf, PIP_*
variables), so the index, extra indexes, find-links and CA bundle that `pip config list` shows (and its constraint
files) are passed on; the same packages are then found where pip would find them.
Exit status is uv's, so the Makefile can fall back to plain pip.
"""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

# pip key -> uv option (values may hold several space-separated entries, as in pip.conf)
OPTIONS = {"index-url": "--index-url", "extra-index-url": "--extra-index-url", "find-links": "--find-links",
           "constraint": "--constraint"}
SECTIONS = (":env:", "install", "global")  # pip's precedence: environment, then [install], then [global]


def pip_config() -> dict[str, str]:
    """{key: value} from `pip config list`, the highest-precedence section winning."""
    out = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True).stdout
    found: dict[tuple[str, str], str] = {}
    for line in out.splitlines():
        name, sep, value = line.partition("=")
        section, _, key = name.rpartition(".")
        if sep and section in SECTIONS:
            found[(section, key)] = shlex.split(value)[0] if value.strip() else ""
    keys = {key for _, key in found}
    return {k: next(found[(s, k)] for s in SECTIONS if (s, k) in found) for k in keys}


def uv_arguments(config: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    args, env = [], {}
    for key, option in OPTIONS.items():
        for value in config.get(key, "").split():
            args += [option, value]
    if config.get("extra-index-url") or config.get("find-links"):
        args += ["--index-strategy", "unsafe-best-match"]  # pip's rule: best version over all indexes
    if config.get("no-index", "").lower() in ("1", "true", "yes"):
        args.append("--no-index")
    if config.get("cert"):
        env["SSL_CERT_FILE"] = config["cert"]
    return args, env


def main() -> int:
    if len(sys.argv) < 2:
        sys.exit("usage: python tools/uv_pip_install.py VENV_PYTHON PIP_INSTALL_ARGS...")
    target = sys.argv[1]
    args, env = uv_arguments(pip_config())
    uv = Path(target).parent / "uv"
    # pip compiles every installed file to .pyc (about 20 s on 2 cores); uv leaves it to Python, which caches
    # only the modules imported, on first import. Where PYTHONDONTWRITEBYTECODE is set nothing would ever be
    # cached and every build would compile from source again (about 10 s), so compile at install there.
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        args.append("--compile-bytecode")
    cmd = [str(uv), "pip", "install", "--quiet", "--python", target, *args, *sys.argv[2:]]
    return subprocess.run(cmd, env={**os.environ, **env}).returncode


if __name__ == "__main__":
    sys.exit(main())
