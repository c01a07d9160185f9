"""Which rows hold a piece of text, found without reading every row again per query.

The searched fields of one kind of row (a claim's Chinese quote, its English, ...) are kept
as one lowercased UTF-8 text: each value followed by VALUE_END, each row's values by ROW_END
(UTF-8 keeps English at one byte a character, and a UTF-8 match is exactly a character
match). A query never holds either mark (the search page collapses all white space, and
`str.split` takes both for white space), so no match runs from one value into the next.
This is the same plain substring matching as `value.lower().find(query.lower())` on each
value (so two-character Chinese words are found, which word-based full-text indexes miss),
and it works the same over SQLite and PostgreSQL because it never asks the database.

Counting the rows that hold a query is one regular-expression pass in C: the query, then
the rest of its row, so a row counts once however often it holds the text. Only the rows
a page shows are named: their offsets lead back to their rows by a binary search over
where the rows start.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

VALUE_END = "\x1f"
ROW_END = "\n"


def needle(query: str) -> bytes | None:
    """`query` as it is looked for in a text, or None when it can match nothing."""
    found = query.lower().encode()
    if not found or VALUE_END.encode() in found or ROW_END.encode() in found:
        return None
    return found


@dataclass(frozen=True)
class TextIndex:
    """The searched values of one kind of row, in the order its matches are listed."""

    ids: list[str]
    text: bytes  # every row's lowercased values in UTF-8, each followed by VALUE_END, the row by ROW_END
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
            # each value alone, as the plain scan lowercases it; a mark inside a value only
            # cuts it where no query can match anyway
            low = "".join((value or "").lower().replace(ROW_END, VALUE_END) + VALUE_END for value in values)
            part = (low + ROW_END).encode()
            parts.append(part)
            at += len(part)
        return cls(ids=ids, text=b"".join(parts), starts=starts)

    def count(self, query: str) -> int:
        """How many rows hold `query` in any of their values, case-insensitively."""
        found = needle(query)
        if found is None:
            return 0
        # the query, then the rest of its row: the next match is looked for from the next row on
        return len(re.findall(b"(" + re.escape(found) + b")[^" + ROW_END.encode() + b"]*", self.text))

    def find(self, query: str) -> Iterator[str]:
        """The ids of the rows holding `query`, in order, as they are read (name only those needed)."""
        found = needle(query)
        if found is None:
            return
        text, starts, last = self.text, self.starts, len(self.starts) - 1
        at = text.find(found)
        while at != -1:
            row = bisect_right(starts, at) - 1
            yield self.ids[row]
            if row == last:
                return
            at = text.find(found, starts[row + 1])  # the rest of this row need not be read

    def holds(self, row: int, query: str) -> bool:
        """Whether the row at position `row` holds `query`."""
        found = needle(query)
        end = self.starts[row + 1] if row + 1 < len(self.starts) else len(self.text)
        return found is not None and self.text.find(found, self.starts[row], end) != -1
