"""The library's house order, checked on its source: pipeline/ never imports Airflow or the tooling in
tools/, package __init__ files hold no logic, and no two pipeline modules import each other (directly or
round a loop), counting imports inside functions too, since those are cycles that only hide."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.unit

PIPELINE = REPO / "pipeline"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PIPELINE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """Every module this file imports, anywhere in it (absolute names; `from x import y` counts x.y when
    y is a module)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in MODULES)
    return found


GRAPH = {name: {m for m in _imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def _cycle_through(start: str) -> list[str] | None:
    """A loop of imports that leaves `start` and comes back to it (package ↔ own submodule excluded)."""
    def related(a: str, b: str) -> bool:
        return a.startswith(b + ".") or b.startswith(a + ".")

    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in GRAPH[node]:
            if related(node, nxt):
                continue
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def test_the_graph_sees_imports_inside_functions():
    # steps imports the address guard inside a function only
    assert "pipeline.fetch.guard" in GRAPH["pipeline.steps"]
    assert len(MODULES) > 40


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_cycles(module):
    assert _cycle_through(module) is None, f"import cycle: {' -> '.join(_cycle_through(module))}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_the_library_imports_neither_airflow_nor_the_tooling(module):
    outside = {m for m in _imports(MODULES[module]) if m.split(".")[0] in ("airflow", "tools")}
    assert not outside, f"{module} imports {sorted(outside)}"


@pytest.mark.parametrize("init", sorted(p for p in PIPELINE.rglob("__init__.py")), ids=lambda p: _module_name(p))
def test_package_inits_hold_no_logic(init):
    tree = ast.parse(init.read_text(encoding="utf-8"))
    defined = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    assert not defined, f"{init.relative_to(REPO)} defines {defined}: move them into a named module"
    assert ast.get_docstring(tree), f"{init.relative_to(REPO)} should say in a docstring what the package is"
