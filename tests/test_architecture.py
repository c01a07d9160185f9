"""The package's shape: no import circle anywhere in app/. An import inside a function counts
too (it only delays the circle to the first call)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from app.config import REPO_ROOT

PACKAGE = REPO_ROOT / "app"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The app modules `module` imports, wherever the import statement stands."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from app.dataset import loader` imports the module app.dataset.loader
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names}
    return {name for name in found if name in modules and name != module}


def import_graph() -> nx.DiGraph:
    modules = app_modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        graph.add_edges_from((module, other) for other in imported(module, path, modules))
    return graph


def test_the_import_graph_sees_the_loader_and_its_steps():
    graph = import_graph()
    assert graph.has_edge("app.dataset.loader", "app.dataset.steps.claims")
    assert graph.has_edge("app.cli", "app.dataset.loader")  # an import inside a function
    assert graph.has_edge("app.dataset.steps.claims", "app.dataset.reader")


def test_no_import_circle_in_app():
    circles = [sorted(component) for component in nx.strongly_connected_components(import_graph())]
    assert [c for c in circles if len(c) > 1] == []


def test_nothing_imports_the_loader_back():
    """The loader's steps share the public reader (app/dataset/reader.py), not the orchestration."""
    graph = import_graph()
    importers = set(graph.predecessors("app.dataset.loader"))
    assert not any(name.startswith("app.dataset.") for name in importers), importers
