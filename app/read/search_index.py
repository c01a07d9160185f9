"""Which rows hold a piece of text, found without reading every row again per query.

The searched fields of one kind of row (a claim's Chinese quote, its English, ...) are kept
as one lowercased text: each value followed by VALUE_END, each row's values by ROW_END. A
query never holds either mark (the search page collapses all white space, and `str.split`
takes both for white space), so no match runs from one value into the next. This is the
same plain substring matching as `value.lower().find(query.lower())` on each value (so
two-character Chinese words are found, which word-based full-text indexes miss), and it
works the same over SQLite and PostgreSQL because it never asks the database.

The text is kept three ways, so that a query reads no more than it can match in:
- `narrow`: only its ASCII characters (each run of others cut to one VALUE_END), in bytes.
  A query of ASCII characters only (English words) can match nowhere else.
- `wide`: only its other characters (each run of ASCII ones but ROW_END cut to one
  VALUE_END), as a `str`: two bytes a Chinese character. A query with no ASCII character
  (Chinese words) can match nowhere else.
- `whole`: all of it in UTF-8 (a UTF-8 match is exactly a character match), for a query
  that mixes both; kept compressed, as such a query is rare.

Every row that holds a query is counted, each once however often it holds the text: each
match found leads on to the next row, and past MANY_WIDE or MANY_NARROW of them the rest are
counted in one regular-expression pass in C (the query, then the rest of its row). Only the
rows a page shows are named: their offsets lead back to their rows by a binary search over
where the rows start.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import AnyStr

VALUE_END = "\x1f"
ROW_END = "\n"
NOT_ASCII_RUNS = re.compile(rb"[\x80-\xff]+")  # in UTF-8
ASCII_RUNS = re.compile(r"[\x00-\x09\x0b-\x7f]+")  # every ASCII character but ROW_END ("\x0a")
OTHER_RUNS = re.compile(r"[^\x00-\x7f]+")
REST_OF_ROW = f"()[^{ROW_END}]*"  # an empty group, so that findall copies nothing
# Matching rows found one by one before the rest are counted in one pass (measured on a map
# 100 times the real one): a regular expression reaches a Chinese text quickly (its first
# character is rare), an English one slowly (its first letter is common, and `find` skips).
MANY_WIDE = 100
MANY_NARROW = 1000


@dataclass(frozen=True)
class Part:
    """One way of keeping the text: the text, and where each row starts in it."""

    text: bytes | str
    starts: list[int]

    @classmethod
    def of(cls, text: bytes | str) -> Part:
        """`text`: every row, each ended by ROW_END."""
        rows = text.split(ROW_END.encode()) if isinstance(text, bytes) else text.split(ROW_END)
        return cls(text=text, starts=list(accumulate(map(len, rows[:-1]), _after_row_end, initial=0))[:-1])

    def find(self, needle: str, start: int = 0, end: int | None = None) -> int:
        if isinstance(self.text, bytes):
            return self.text.find(needle.encode(), start, end)
        return self.text.find(needle, start, end)

    def count(self, needle: str) -> int:
        """How many rows hold `needle`."""
        if isinstance(self.text, bytes):
            return _count_rows(self.text, needle.encode(), ROW_END.encode(), REST_OF_ROW.encode(), MANY_NARROW)
        return _count_rows(self.text, needle, ROW_END, REST_OF_ROW, MANY_WIDE)

    def rows(self, needle: str) -> Iterator[int]:
        """The rows holding `needle`, in order, as they are read."""
        if isinstance(self.text, bytes):
            return _rows(self.text, self.starts, needle.encode())
        return _rows(self.text, self.starts, needle)


def _after_row_end(start: int, length: int) -> int:
    return start + length + 1


def _count_rows(text: AnyStr, needle: AnyStr, row_end: AnyStr, rest_of_row: AnyStr, many: int) -> int:
    """Each match found leads on to the next row; once `many` are found, the rest are counted
    in one pass in C, each match taking in the rest of its row."""
    find = text.find
    found, at = 0, find(needle)
    while at != -1:
        found += 1
        next_row = find(row_end, at) + 1
        if found == many:
            return found + len(re.compile(re.escape(needle) + rest_of_row).findall(text, next_row))
        at = find(needle, next_row)
    return found


def _rows(text: AnyStr, starts: list[int], needle: AnyStr) -> Iterator[int]:
    find, last = text.find, len(starts) - 1
    at = find(needle)
    while at != -1:
        row = bisect_right(starts, at) - 1
        yield row
        if row == last:
            return
        at = find(needle, starts[row + 1])  # the rest of this row need not be read


@dataclass(frozen=True)
class TextIndex:
    """The searched values of one kind of row, in the order its matches are listed."""

    ids: list[str]
    narrow: Part  # bytes
    wide: Part  # str
    whole: bytes  # all of it in UTF-8, compressed: a query mixing both kinds of character is rare
    whole_starts: list[int]

    @classmethod
    def of(cls, rows: Iterable[tuple[str, Sequence[str | None]]]) -> TextIndex:
        """`rows`: each row's id and its searched values (None for a value it lacks)."""
        ids: list[str] = []
        parts: list[str] = []
        for row_id, values in rows:
            ids.append(row_id)
            # each value alone, as the plain scan lowercases it; a mark inside a value only
            # cuts it where no query can match anyway
            parts += [(value or "").lower().replace(ROW_END, VALUE_END) + VALUE_END for value in values]
            parts.append(ROW_END)
        text = "".join(parts)
        whole = text.encode()
        return cls(
            ids=ids,
            narrow=Part.of(NOT_ASCII_RUNS.sub(VALUE_END.encode(), whole)),
            wide=Part.of(ASCII_RUNS.sub(VALUE_END, text)),
            whole=zlib.compress(whole, 1),
            whole_starts=Part.of(whole).starts,
        )

    def matches(self, query: str) -> Matches:
        """The rows holding `query` in any of their values, case-insensitively."""
        needle = query.lower()
        if not needle or VALUE_END in needle or ROW_END in needle:
            return Matches(self.ids, None, needle)
        if needle.isascii():
            return Matches(self.ids, self.narrow, needle)
        if not ASCII_RUNS.search(needle):
            return Matches(self.ids, self.wide, needle)
        if any(self.narrow.find(piece) == -1 for piece in ASCII_RUNS.findall(needle)) or any(
            self.wide.find(piece) == -1 for piece in OTHER_RUNS.findall(needle)
        ):
            return Matches(self.ids, None, needle)  # a piece of it is nowhere: no need to unpack the whole
        return Matches(self.ids, Part(zlib.decompress(self.whole), self.whole_starts), needle)


@dataclass(frozen=True)
class Matches:
    """The rows of one kind that hold a query: counted, and named only as far as they are read."""

    ids: list[str]
    part: Part | None  # where to look: None when the query can match nothing
    needle: str

    def count(self) -> int:
        return self.part.count(self.needle) if self.part else 0

    def __iter__(self) -> Iterator[str]:
        """The ids, in order."""
        return (self.ids[row] for row in (self.part.rows(self.needle) if self.part else ()))
