"""Shared fixtures: a copy of the shipped data, a database (SQLite, or PostgreSQL when
DATABASE_URL is set), and a client for the app built over them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.config import REPO_ROOT
from app.db import make_engine
from app.main import create_app
from app.models import TABLES

SHIPPED_DATA = REPO_ROOT / "data"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped data that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, copy)
    return copy


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / 'argmap.db'}"
        return
    # One shared PostgreSQL database: start every test from empty tables.
    engine = make_engine(url)
    with engine.begin() as connection:
        for table in reversed(TABLES):
            connection.execute(text(f'DROP TABLE IF EXISTS "{table.__tablename__}" CASCADE'))
    engine.dispose()
    yield url


@pytest.fixture
def client(database_url: str, data_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(database_url=database_url, data_dir=data_dir)) as test_client:
        yield test_client


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a data file, failing loudly if the text is not there."""
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


def line_number(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
