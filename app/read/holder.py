"""Which snapshot a process serves, and how it moves to the next dataset version.

The database is the system of record. A process holds the snapshot of the version the
database holds: after its own load it swaps the new snapshot in at once; a load by another
process (`argmap build`, another worker on the same PostgreSQL) is noticed by a watcher
thread that asks the database for its version every few seconds (one small query, never
one per request) and reads the new snapshot beside the old before it swaps. Readers take
`holder.current` once per request, so a request never sees two versions.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from app.read.snapshot import EMPTY, Snapshot, read_snapshot, read_version

log = logging.getLogger("argmap")


class SnapshotHolder:
    def __init__(self, engine: Engine, on_swap: Callable[[Snapshot], None] = lambda snapshot: None):
        self.engine = engine
        self.current: Snapshot = EMPTY
        self._on_swap = on_swap
        self._refreshing = threading.Lock()  # one read of the database at a time
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    def refresh(self, *, again: bool = False) -> bool:
        """Read the database's version; if it is not the one served (or `again`: always), read
        and prepare its snapshot, then swap. True if the snapshot changed. Database errors
        propagate (the old snapshot keeps serving)."""
        with self._refreshing:
            with self.engine.connect() as connection:
                version = read_version(connection)
            if version == self.current.version and not again:
                return False
            snapshot = read_snapshot(self.engine).prepare()
            self.current = snapshot
        log.info("serving dataset version %s", snapshot.version)
        self._on_swap(snapshot)
        return True

    def watch(self, interval_seconds: float) -> None:
        """Start the watcher thread (stopped by `stop`); an interval of 0 or less: no watcher."""
        if interval_seconds <= 0 or self._watcher is not None:
            return
        self._stop.clear()
        self._watcher = threading.Thread(
            target=self._watch, args=(interval_seconds,), name="argmap-snapshot-watcher", daemon=True
        )
        self._watcher.start()

    def _watch(self, interval_seconds: float) -> None:
        while not self._stop.wait(interval_seconds):
            try:
                self.refresh()
            except DBAPIError as error:  # the database is away: keep serving, ask again later
                log.warning("could not read the dataset version: %s", type(error).__name__)
            except Exception:  # a watcher that dies silently would leave the process behind for good
                log.exception("reading the next snapshot failed; still serving %s", self.current.version)

    def stop(self) -> None:
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=10)
            self._watcher = None
