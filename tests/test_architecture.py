"""The package's shape: no import circle anywhere in app/ (an import inside a function counts
too: it only delays the circle to the first call); pages, routes, exports and the read side
never reach the database; no module over 400 lines; every package in the wheel, every module
in CONTRIBUTING's map; the complexity rules on app/ without exceptions."""

from __future__ import annotations

import ast
import re
import tomllib
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


MAX_MODULE_LINES = 400
# Pages, their routes, the exports and everything derived from the snapshot read the snapshot
# only: no database access from a request (app/read/snapshot.py reads it, once per version).
READ_ONLY_PACKAGES = ("app.pages", "app.routes", "app.exports", "app.read")
DATABASE_MODULES = ("sqlalchemy", "sqlmodel", "app.database")
# The snapshot's reader and its holder read the database, once per version; /healthz asks it on purpose.
READS_THE_DATABASE = {"app.read.snapshot", "app.read.holder", "app.routes.health"}


def test_no_module_in_app_is_over_400_lines():
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in app_modules().items()}
    assert {name: n for name, n in lengths.items() if n > MAX_MODULE_LINES} == {}


def test_pages_routes_and_exports_never_reach_the_database():
    offenders = {}
    for name, path in app_modules().items():
        if not name.startswith(READ_ONLY_PACKAGES) or name in READS_THE_DATABASE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        modules |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        found = sorted(m for m in modules if m.startswith(DATABASE_MODULES))
        if found:
            offenders[name] = found
    assert offenders == {}


def test_every_package_in_app_goes_into_the_wheel():
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(pyproject["tool"]["setuptools"]["packages"])
    packages = {module_name(path) for path in PACKAGE.rglob("__init__.py")}
    folders = {module_name(path.parent / "__init__.py") for path in PACKAGE.rglob("*.py")}
    assert folders == packages, "a folder of modules without __init__.py"
    assert packages <= listed


def test_contributing_names_every_module():
    text = (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    missing = [
        str(path.relative_to(REPO_ROOT))
        for path in app_modules().values()
        if path.name != "__init__.py" and str(path.relative_to(REPO_ROOT)) not in text
    ]
    assert missing == []


def test_the_complexity_rules_hold_for_app_without_exceptions():
    lint = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert {"C901", "PLR0915"} <= set(lint["extend-select"])
    assert lint["mccabe"]["max-complexity"] == 12
    assert not [path for path, rules in lint.get("per-file-ignores", {}).items() if path.startswith("app")]
    noqa = [
        str(path.relative_to(REPO_ROOT))
        for path in app_modules().values()
        if re.search(r"noqa:[^\n]*(C901|PLR0915)", path.read_text(encoding="utf-8"))
    ]
    assert noqa == []
