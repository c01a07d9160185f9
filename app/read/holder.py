"""Which snapshot a process serves, and how it moves to the next dataset version.

The database is the system of record. A process holds the snapshot of the version the
database holds: after its own load it swaps the new snapshot in at once; a load by another
process (`argmap build`, another worker on the same PostgreSQL) is noticed by a watcher
thread that asks the database for its version every second or so (one small query, never
one per request) and reads the new snapshot beside the old before it swaps. Readers take
`holder.current` once per request, so a request never sees two versions.

A snapshot serves as soon as its rows are read: what is derived from the whole map (the
graph, the search index, ...) is built by a thread beside it, and a page that needs a value
not built yet builds it itself or waits for it (app/read/snapshot.py), so a large map
answers its first pages within a second or two of its rows being read. The thread starts a
moment after the swap, so the requests that waited for the snapshot have the CPU to themselves.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from app.read.snapshot import EMPTY, Snapshot, read_snapshot, read_version

log = logging.getLogger("argmap")
PREPARE_AFTER_SECONDS = 1.0  # how long after a swap the derived values start being built beside the serving
_pausing = threading.Lock()
_paused = [0, False]  # how many reads and preparations run; whether the collector ran before the first


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a snapshot is read or prepared: they make a
    million objects that all live on, which the collector would otherwise walk again and again
    as they are made (a third of the time on a large map). Nothing made then is cyclic garbage."""
    with _pausing:
        if _paused[0] == 0:
            _paused[1] = gc.isenabled()
            gc.disable()
        _paused[0] += 1
    try:
        yield
    finally:
        with _pausing:
            _paused[0] -= 1
            if _paused[0] == 0 and _paused[1]:
                gc.enable()


def _settle() -> None:
    """After a snapshot is prepared: set what lives now (the snapshot above all) aside from the
    collector's later rounds (`gc.freeze`: a full round over a large map's million objects holds
    every request up for half a second, and reading and preparing leave no cycles to collect),
    and hand the memory freed while building back to the system (glibc's `malloc_trim`).
    The snapshot served before is collected first: its rows and graphs hold cycles, which a
    frozen collector would keep for the life of the process, one old snapshot per version."""
    gc.collect()
    gc.freeze()
    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class SnapshotHolder:
    def __init__(self, engine: Engine, on_swap: Callable[[Snapshot], None] = lambda snapshot: None):
        self.engine = engine
        self.current: Snapshot = EMPTY
        self._on_swap = on_swap
        self._refreshing = threading.Lock()  # one read of the database at a time
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self.preparing: threading.Thread | None = None  # builds the current snapshot's derived values

    def refresh(self, *, again: bool = False) -> bool:
        """Read the database's version; if it is not the one served (or `again`: always), read
        its snapshot, swap, and prepare it beside the serving. True if the snapshot changed.
        Database errors propagate (the old snapshot keeps serving)."""
        with self._refreshing:
            with self.engine.connect() as connection:
                version = read_version(connection)
            if version == self.current.version and not again:
                return False
            with collector_paused():
                snapshot = read_snapshot(self.engine)
            gc.unfreeze()  # the old snapshot's objects: the collector may free them again
            self.current = snapshot
        log.info("serving dataset version %s", snapshot.version)
        self._on_swap(snapshot)
        self.preparing = threading.Thread(
            target=self._prepare, args=(snapshot,), name="argmap-snapshot-prepare", daemon=True
        )
        self.preparing.start()
        return True

    def _prepare(self, snapshot: Snapshot) -> None:
        # The requests that waited for this snapshot (a health check, the first pages) go first:
        # they need none of what is built here, and building it beside them would halve their CPU.
        time.sleep(PREPARE_AFTER_SECONDS)
        try:
            with collector_paused():
                done = snapshot.prepare(keep_going=lambda: self.current is snapshot)
        except Exception:  # a page that needs the value builds it again, and shows the error
            log.exception("preparing the snapshot of %s failed", snapshot.version)
            return
        if done and self.current is snapshot:
            _settle()

    def wait_prepared(self, timeout: float | None = None) -> None:
        """Until the current snapshot's derived values are built (tests and benchmarks)."""
        if self.preparing is not None:
            self.preparing.join(timeout)

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
