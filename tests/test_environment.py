"""The three descriptions of the environment must agree: pyproject.toml, environment.yml, requirements.lock."""
from __future__ import annotations

import re
import tomllib

from analysis import config

ROOT = config.PROJECT_ROOT


def pins_from(lines) -> dict[str, str]:
    out = {}
    for line in lines:
        m = re.match(r"^\s*(?:-\s*)?([A-Za-z0-9_.-]+)==([^\s;#]+)", line)
        if m:
            out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def pyproject_pins() -> dict[str, str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = meta["dependencies"] + [r for group in meta["optional-dependencies"].values() for r in group]
    pins = pins_from(reqs)
    assert len(pins) == len(reqs), "every dependency in pyproject.toml must be pinned with =="
    return pins


def test_environment_yml_lists_the_same_pins():
    assert pins_from((ROOT / "environment.yml").read_text().splitlines()) == pyproject_pins()


def test_lock_agrees_with_pyproject():
    lock = pins_from((ROOT / "requirements.lock").read_text().splitlines())
    for name, version in pyproject_pins().items():
        assert lock.get(name) == version, f"{name}: pyproject {version}, lock {lock.get(name)} (run make lock)"


def test_installed_versions_are_the_locked_ones():
    from importlib.metadata import version

    for name, pinned in pyproject_pins().items():
        assert version(name) == pinned, f"{name} {version(name)} installed, {pinned} pinned: run make setup"
