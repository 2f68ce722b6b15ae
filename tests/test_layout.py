"""The package's layout: no import circle between its modules, no module too long to read, and the layers
(data/ and engine/ below editions/) kept apart. Imports are read from the source, function-level ones too."""
from __future__ import annotations

import ast
from pathlib import Path

from analysis import config

PACKAGE = config.LOCALES_DIR.parent  # src/analysis
MAX_LINES = 650


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The modules of the package that `path` imports anywhere in it (module level, in functions, under
    TYPE_CHECKING), resolved to dotted names; `from . import x` names the module x when x is one."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "analysis"}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            if module.split(".")[0] == "analysis":
                out |= {f"{module}.{a.name}" for a in node.names} | {module}
    return out


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports(path) if m in modules and m != name} for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import one another, directly or not (Tarjan's strongly connected
    components of more than one module, or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in edges[v]:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_circle_through_function_level_imports():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_reads_relative_and_function_level_imports():
    edges = graph()
    assert "analysis.data.validate" in edges["analysis.data.dataset"]  # imported inside load()
    assert "analysis.engine.series" in edges["analysis.data.validate"]  # `from ..engine.series import`
    assert "analysis.data.translations" in edges["analysis.data.validate"]  # `from . import translations`


def test_no_module_imports_itself_through_others():
    assert cycles(graph()) == []


def test_no_module_is_longer_than_a_reader_can_follow():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_data_and_engine_never_import_the_editions():
    edges = graph()
    up = {m: sorted(d for d in deps if d.startswith("analysis.editions")) for m, deps in edges.items()
          if m.startswith(("analysis.data", "analysis.engine"))}
    assert {m: d for m, d in up.items() if d} == {}


def test_the_default_edition_helper_needs_only_the_standard_library():
    # The Makefile runs it with the system Python before .venv exists.
    tree = ast.parse((PACKAGE / "data" / "edition.py").read_text(encoding="utf-8"))
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
    assert not any(isinstance(n, ast.ImportFrom) and n.level for n in ast.walk(tree))
    assert names <= {"__future__", "csv", "io", "re", "sys", "pathlib", "tomllib"}  # tomllib: Python 3.11+
