"""The database engine, created once from the settings."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, create_engine

from app.config import settings


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers keep reading the old data while a reload writes the new.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    return make_engine(settings.resolved_database_url())


def create_tables(engine: Engine) -> None:
    """Create the tables; tables written by an older argmap (a column missing) are dropped
    first, since the database is derived from the data files and is loaded again."""
    if _tables_are_outdated(engine):
        SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)


def _tables_are_outdated(engine: Engine) -> bool:
    inspector = inspect(engine)
    existing = set(inspector.get_table_names())
    for table in SQLModel.metadata.sorted_tables:
        if table.name in existing:
            columns = {column["name"] for column in inspector.get_columns(table.name)}
            if not set(table.columns.keys()) <= columns:
                return True
    return False


def get_session() -> Iterator[Session]:
    with Session(get_engine()) as session:
        yield session
