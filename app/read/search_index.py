"""Which rows hold a piece of text, found without reading every row again per query.

The searched fields of one kind of row (a claim's Chinese quote, its English, ...) are kept
as one lowercased UTF-8 text: each row's values, every value ending with a newline (UTF-8
keeps English at one byte a character, and a UTF-8 match is exactly a character match).
`bytes.find` runs over it in C, and a match's offset leads back to its row by a binary
search over where the rows start; the search then jumps to the next row, so a row
is found once however often it holds the text. This is the same plain substring matching
as `value.lower().find(query.lower())` on each value (so two-character Chinese words are
found, which word-based full-text indexes miss), and it works the same over SQLite and
PostgreSQL because it never asks the database.

A query never holds a newline (the search page collapses all whitespace to single spaces),
so no match runs from one value into the next.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SEPARATOR = "\n"


@dataclass(frozen=True)
class TextIndex:
    """The searched values of one kind of row, in the order its matches are listed."""

    ids: list[str]
    text: bytes  # every row's lowercased values in UTF-8, each followed by SEPARATOR
    starts: list[int]  # where each row's values start in `text`

    @classmethod
    def of(cls, rows: Iterable[tuple[str, Sequence[str | None]]]) -> TextIndex:
        """`rows`: each row's id and its searched values (None for a value it lacks)."""
        ids: list[str] = []
        parts: list[bytes] = []
        starts: list[int] = []
        at = 0
        for row_id, values in rows:
            ids.append(row_id)
            starts.append(at)
            for value in values:
                low = ((value or "").lower() + SEPARATOR).encode()  # each value alone, as the plain scan lowercases it
                parts.append(low)
                at += len(low)
        return cls(ids=ids, text=b"".join(parts), starts=starts)

    def find(self, query: str) -> list[str]:
        """The ids of the rows holding `query` in any of their values, case-insensitively, in order."""
        needle = query.lower().encode()
        if not needle or SEPARATOR.encode() in needle:
            return []
        text, starts, last = self.text, self.starts, len(self.starts) - 1
        found: list[str] = []
        at = text.find(needle)
        while at != -1:
            row = bisect_right(starts, at) - 1
            found.append(self.ids[row])
            if row == last:
                break
            at = text.find(needle, starts[row + 1])  # the rest of this row need not be read
        return found
