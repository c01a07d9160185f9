"""The database engine, created once from the settings."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from contextlib import suppress
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel, create_engine

from app.config import settings

log = logging.getLogger("argmap")
# SQLite's answers for a file that cannot be read as a database (corrupt pages, not a database,
# cannot be opened): the database is derived from the data files, so it is rebuilt.
DAMAGE = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CANTOPEN"}


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            folder = Path(path).parent
            with suppress(OSError):  # a read-only parent: then the folder is there or nothing helps
                folder.mkdir(parents=True, exist_ok=True)
            if Path(path).is_file() and not folder_writable(folder):
                return _read_only_engine(Path(path))
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def folder_writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _read_only_engine(path: Path) -> Engine:
    """A database in a folder the app may not write (SQLite's WAL needs its -shm file there):
    opened read-only and immutable, so the last good data are served as they are."""
    log.warning("the folder of %s is read-only: serving the database read-only, without loading", path)
    url = f"sqlite:///file:{quote(str(path))}?mode=ro&immutable=1&uri=true"
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_read_only_pragmas)
    return engine


def is_read_only(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and engine.url.query.get("mode") == "ro"


def _sqlite_read_only_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers keep reading the old data while a reload writes the new.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def engine_from_settings() -> Engine:
    """A new engine on the database the settings name (the CLI's commands make one each)."""
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


def is_damage(error: BaseException) -> bool:
    """True for an error that says the SQLite file is damaged or unreadable."""
    original = getattr(error, "orig", error)
    return isinstance(original, sqlite3.DatabaseError) and getattr(original, "sqlite_errorname", "") in DAMAGE


def sqlite_file(engine: Engine) -> Path | None:
    """The SQLite file the app may replace (not an in-memory or a read-only one)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or is_read_only(engine):
        return None
    return Path(database)


def damaged(engine: Engine) -> bool:
    """Whether the SQLite file holds a readable database (`PRAGMA quick_check`, at start-up and
    after a request met a damaged file). PostgreSQL looks after its own files: always False."""
    path = sqlite_file(engine)
    if path is None or not path.exists():
        return False
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql("PRAGMA quick_check").scalar() != "ok"
    except (DBAPIError, sqlite3.DatabaseError) as error:
        if is_damage(error):
            return True
        raise


def set_aside_if_damaged(engine: Engine) -> Path | None:
    """A damaged SQLite file (with its -wal and -shm) is moved aside, `argmap.db.damaged-<time>`,
    for a look later; the caller then builds a fresh one from the data files. Returns where it went."""
    path = sqlite_file(engine)
    if path is None or not damaged(engine):
        return None
    engine.dispose()  # pooled connections hold the old file open
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}")
    try:
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{path}{suffix}").exists():
                Path(f"{path}{suffix}").rename(f"{aside}{suffix}")
    except OSError as error:
        log.error("the database file %s is damaged and cannot be moved aside: %s", path, error.strerror)
        return None
    log.error("the database file %s was damaged: moved to %s, rebuilding it from the data files", path, aside)
    return aside
