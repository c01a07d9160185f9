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

from collections.abc import AsyncIterator, Callable, Iterable, Iterator

from app.lru import SizedLRU

MAX_BYTES = 64 * 1024 * 1024  # every kept body together
MAX_ENTRY_BYTES = 8 * 1024 * 1024  # one body; larger ones are only streamed

Key = tuple[str, str, str, str]  # dataset version, file name, canonical filters (Filters.query()), base URL


class ExportCache(SizedLRU[Key, tuple[bytes, ...]]):
    """Least recently used bodies go first; a body over `max_entry_bytes` is never kept."""

    def __init__(self, max_bytes: int = MAX_BYTES, max_entry_bytes: int = MAX_ENTRY_BYTES):
        super().__init__(lambda chunks: sum(len(chunk) for chunk in chunks), max_bytes=max_bytes)
        self.max_entry_bytes = max_entry_bytes

    def put(self, key: Key, chunks: tuple[bytes, ...]) -> None:
        if self.size_of(chunks) <= self.max_entry_bytes:
            super().put(key, chunks)

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
