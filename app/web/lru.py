"""A least-recently-used store bounded by its number of entries and by their total size,
the store of the response cache (app/web/response_cache.py), the one cache of rendered bytes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class SizedLRU(Generic[K, V]):
    """Least recently used entries go first once `max_entries` or `max_bytes` is exceeded.
    Safe across threads (exports are produced, and so kept, in the thread pool)."""

    def __init__(self, size_of: Callable[[V], int], max_bytes: int, max_entries: int | None = None):
        self.size_of = size_of
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        """Total size of every kept entry."""
        return self._bytes

    def get(self, key: K) -> V | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: K, entry: V) -> None:
        with self._lock:
            if key in self._entries:
                self._bytes -= self.size_of(self._entries.pop(key))
            self._entries[key] = entry
            self._bytes += self.size_of(entry)
            while self._entries and (self._bytes > self.max_bytes or self._too_many()):
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= self.size_of(dropped)

    def _too_many(self) -> bool:
        return self.max_entries is not None and len(self._entries) > self.max_entries

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
