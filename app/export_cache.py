"""Export bodies kept in memory per dataset version, file and canonical filters.

An export is a function of those three alone (its ETag is made from them), yet rendering
one takes tens of milliseconds on the real map and seconds on a large one, and readers'
tools ask for the same few files again and again. The first request streams the body as
it is rendered and keeps a copy of its chunks; later ones replay the same chunks: the same
bytes, sent in the same pieces, under the same headers.

Bounded: a body larger than MAX_ENTRY_BYTES is streamed and never kept (a 100× map's
graph.json is 33 MB; holding it would undo the streaming), and once the kept bodies pass
MAX_BYTES the least recently used go first. Reloading the data empties it (`refresh_data`);
a body rendered while the data changed is not kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Iterator

MAX_BYTES = 64 * 1024 * 1024  # every kept body together
MAX_ENTRY_BYTES = 8 * 1024 * 1024  # one body; larger ones are only streamed

Key = tuple[str, str, str]  # dataset version, file name, canonical filters (Filters.query())


class ExportCache:
    """Least recently used bodies go first. Safe across threads: streamed bodies are
    produced, and so kept, in the thread pool."""

    def __init__(self, max_bytes: int = MAX_BYTES, max_entry_bytes: int = MAX_ENTRY_BYTES):
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes
        self._entries: OrderedDict[Key, tuple[bytes, ...]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        """Bytes of every kept body."""
        return self._bytes

    def get(self, key: Key) -> tuple[bytes, ...] | None:
        with self._lock:
            chunks = self._entries.get(key)
            if chunks is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return chunks

    def put(self, key: Key, chunks: tuple[bytes, ...]) -> None:
        size = sum(len(chunk) for chunk in chunks)
        if size > self.max_entry_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._bytes -= sum(len(chunk) for chunk in self._entries.pop(key))
            self._entries[key] = chunks
            self._bytes += size
            while self._entries and self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= sum(len(chunk) for chunk in dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def keeping(self, key: Key, chunks: Iterable[bytes], still_current: Callable[[], bool]) -> Iterator[bytes]:
        """Yields the chunks as they are rendered, copying them while the body stays under
        MAX_ENTRY_BYTES; the copy is kept once the last chunk is out and if the data did not
        change meanwhile. A reader who hangs up stops the rendering, and nothing is kept."""
        copy: list[bytes] | None = []
        size = 0
        for chunk in chunks:
            if copy is not None:
                size += len(chunk)
                if size <= self.max_entry_bytes:
                    copy.append(chunk)
                else:
                    copy = None  # too big to keep: only streamed
            yield chunk
        if copy is not None and still_current():
            self.put(key, tuple(copy))


async def replay(chunks: tuple[bytes, ...]) -> AsyncIterator[bytes]:
    """A kept body, in the pieces it was first sent in (no thread needed to read memory)."""
    for chunk in chunks:
        yield chunk
