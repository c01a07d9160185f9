"""One process at a time prepares the database (tables, data load).

`argmap serve --workers N` starts N processes that each run the app's start-up. The load
itself is one transaction, but two workers creating the tables or replacing the rows at
the same moment would trip over each other; with this lock the second waits, then finds
the data already loaded and does nothing.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.database.engine import is_read_only

log = logging.getLogger("argmap")

# Any fixed 64-bit number; it names this lock among the server's advisory locks.
ADVISORY_LOCK_KEY = 0x617267_6D6170  # "argmap"


@contextmanager
def load_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or is_read_only(engine):
        yield  # an in-memory database belongs to one process; a read-only one is never written
        return
    with ExitStack() as stack:
        try:
            lock_file = stack.enter_context(Path(f"{database}.lock").open("a"))
        except OSError as error:  # a read-only folder: nobody can write there, so there is nothing to guard
            log.warning("no load lock (%s: %s); going on without it", error.filename, error.strerror)
        else:
            fcntl.flock(lock_file, fcntl.LOCK_EX)  # released when the file closes
        yield
