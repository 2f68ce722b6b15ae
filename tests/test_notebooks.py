"""Notebooks stay thin and clean: a parameters cell of literals, no stored outputs, paths from the package."""
from __future__ import annotations

import ast
import json

import pytest

from analysis import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


def test_there_is_a_report_notebook():
    assert config.REPORT_NOTEBOOK in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, "run nbstripout"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_parameters_cell_of_literals(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    tree = ast.parse("".join(tagged[0]["source"]))
    names = []
    for node in tree.body:
        assert isinstance(node, ast.Assign), ast.unparse(node)
        ast.literal_eval(node.value)  # literals only (lists and tuples of constants too): raises on anything else
        names += [t.id for t in node.targets]
    if path == config.REPORT_NOTEBOOK:
        assert {"as_of", "lang", "data_dir", "output_dir"} <= set(names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_paths_built_from_the_working_directory(path):
    source = "".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    for bad in ("os.getcwd", "Path.cwd", "../data", "\"data/", "'data/", "os.chdir"):
        assert bad not in source
