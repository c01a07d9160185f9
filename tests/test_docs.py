"""The documentation keeps up with the code: every route, CLI command, setting and export
format is named in the README or a guide in docs/ (a new one without a line there fails)."""

from __future__ import annotations

import re

from fastapi.routing import APIRoute
from starlette.routing import Mount

from app.cli import EXPORT_FORMATS, cli
from app.config import REPO_ROOT, Settings
from app.main import create_app

PARAMETER = re.compile(r"\{[^}]*\}")


def documentation() -> str:
    texts = [(REPO_ROOT / "README.md").read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in sorted((REPO_ROOT / "docs").glob("*.md"))]
    return PARAMETER.sub("{}", "\n".join(texts))  # `{paper}` in the docs matches `{paper_id}` in code


def _flatten(routes) -> list:
    """Routes of included routers too (newer FastAPI wraps each in an _IncludedRouter)."""
    flat = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        flat += _flatten(inner.routes) if inner is not None else [route]
    return flat


def public_paths() -> list[str]:
    """Every page, export and endpoint; /api twins are covered by the README's general rule."""
    paths = [
        route.path
        for route in _flatten(create_app(database_url="sqlite://").routes)
        if isinstance(route, APIRoute | Mount) and not route.path.startswith("/api")
    ]
    assert "/claims/{claim_id}" in paths and "/static" in paths  # the walk sees routers and mounts
    return sorted(set(paths))


CODE = re.compile(r"`([^`]+)`")


def documented_rows() -> set[str]:
    """What the first cell of every table row in the README and the guides names in code
    (`/claims/{claim}`, `argmap build`, `DATABASE_URL`, `node-link`), with parameters and
    queries dropped: a route, command, setting or format counts as documented only with a row
    of its own, so deleting the row fails the check."""
    names = set()
    for line in documentation().splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            for name in CODE.findall(line.split("|")[1]):
                names.add(name.split("?")[0].removesuffix("/…"))
                names.add(" ".join(name.split()[:2]))  # `argmap export --format F …` → `argmap export`
    return names


def test_every_route_is_documented():
    rows = documented_rows()
    missing = [path for path in public_paths() if PARAMETER.sub("{}", path) not in rows]
    assert not missing, f"routes without a row in README.md/docs/: {missing}"


def test_every_cli_command_is_documented():
    rows = documented_rows()
    commands = [command.name or command.callback.__name__.replace("_", "-") for command in cli.registered_commands]
    missing = [name for name in commands if f"argmap {name}" not in rows]
    assert commands and not missing, f"CLI commands without a row in README.md/docs/: {missing}"


def test_every_setting_is_documented():
    rows = documented_rows()
    names = [
        ("DATABASE_URL" if name == "database_url" else f"ARGMAP_{name.upper()}")
        for name in Settings.model_fields
        if name not in ("templates_dir", "static_dir")
    ]
    missing = [name for name in names if name not in rows]
    assert not missing, f"settings without a row in README.md/docs/: {missing}"


def test_every_export_format_is_documented():
    rows = documented_rows()
    missing = [name for name in EXPORT_FORMATS if name not in rows]
    assert not missing, f"export formats without a row in README.md/docs/: {missing}"


def test_deleting_a_documented_row_fails_the_check(monkeypatch):
    """The checks read rows, not words anywhere: without its row, a route counts as missing."""
    text = documentation()
    row = next(line for line in text.splitlines() if line.startswith("| `/references?page=`"))
    monkeypatch.setattr(
        __import__(__name__, fromlist=["documentation"]), "documentation", lambda: text.replace(row, "")
    )
    assert "/references" not in documented_rows()
