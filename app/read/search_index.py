"""Which rows hold a piece of text, found by reading only the rows that can hold it.

Matching is plain substring matching, case-insensitive: the same as
`value.lower().find(query.lower())` on each searched value of a row (so two-character Chinese
words are found, which word-based full-text indexes miss). It works the same over SQLite and
PostgreSQL because it never asks the database.

A row's searched values are kept lowercased, each followed by VALUE_END. A query never holds
that mark (the search page collapses all white space, and `str.split` takes it for white
space), so no match runs from one value into the next. The text is kept three ways: whole, in
UTF-8, for a query that mixes both kinds of character; and cut in two, as a query can only match
where its characters are, and a cut text is shorter to read:
- `narrow`: only the ASCII characters, in bytes (each run of others cut to one VALUE_END);
  a query of ASCII characters only (English words) looks here. Its words (runs of letters and
  digits) are listed once each, with the rows holding each: a query that is one run of letters
  and digits can only match inside a word, so its rows are those of the words holding it,
  found in the list of words without reading any row.
- `wide`: only the other characters, as `str` (each run of ASCII ones cut to one VALUE_END);
  a query with no ASCII character (Chinese words) looks here. The rows holding each pair of
  characters are kept: a two-character query (资本, 数据) is found without reading any row.
Any other query reads only the rows its rarest word or pair is in, or, when it has neither,
every row (each read in C). A query that mixes both kinds of character (rare) reads the rows
its rarest piece may be in, in the whole text (UTF-8).

Every row that matches is counted; the rows a page shows are named in order from the same set.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from typing import AnyStr, Generic

VALUE_END = "\x1f"
ROW_END = "\n"  # ends each row in the texts kept whole (a query never holds it either)
NOT_ASCII_RUNS = re.compile(r"[^\x00-\x7f]+")
ASCII_RUNS = re.compile(r"[\x00-\x7f]+")
WORDS = re.compile(rb"[a-z0-9]+")  # in the lowercased ASCII text
PAIR = 2  # characters in a pair of the wide text
ROW_NUMBERS = "I"  # array typecode of a list of rows


class Flags:
    """A set of rows as one byte a row (1: held), counted and listed in C."""

    def __init__(self, rows: int, sets: Iterable[Iterable[int]]):
        self.flags = bytearray(rows)
        for held in sets:
            deque(map(self.flags.__setitem__, held, repeat(1)), maxlen=0)  # each row set, in C

    def __len__(self) -> int:
        return self.flags.count(1)

    def __iter__(self) -> Iterator[int]:
        find = self.flags.find
        row = find(1)
        while row != -1:
            yield row
            row = find(1, row + 1)


RowSet = Sequence[int] | Flags  # ascending


@dataclass(frozen=True)
class RowTexts(Generic[AnyStr]):
    """Every row's text in one text, each row ended by ROW_END, so that the rows a query reads
    lie in order in one block of memory; and where each row starts."""

    text: AnyStr
    starts: array  # row n is text[starts[n] : starts[n + 1]]

    @classmethod
    def of(cls, texts: list[AnyStr], row_end: AnyStr) -> RowTexts[AnyStr]:
        return cls(row_end.join(texts) + row_end, array("Q", accumulate((len(text) + 1 for text in texts), initial=0)))

    def __len__(self) -> int:
        return len(self.starts) - 1

    def holding(self, needle: AnyStr, rows: Iterable[int] | None = None) -> list[int]:
        """Those of `rows` (all by default) whose text holds `needle`, each read in C."""
        rows = list(range(len(self)) if rows is None else rows)
        start = self.starts.__getitem__
        found = map(self.text.find, repeat(needle), map(start, rows), map(start, map(_next, rows)))
        return list(compress(rows, map(_NOT_FOUND.__ne__, found)))


_NOT_FOUND = -1
_next = (1).__add__


@dataclass(frozen=True)
class Narrow:
    """The ASCII text, and its words: each once, with the rows holding it."""

    texts: RowTexts[bytes]
    words: bytes  # every word, each followed by b"\n"
    word_starts: list[int]
    word_rows: list[array]  # the rows holding each word, ascending

    @classmethod
    def of(cls, texts: list[bytes]) -> Narrow:
        rows_of: defaultdict[bytes, list[int]] = defaultdict(list)
        for row, text in enumerate(texts):
            for word in set(WORDS.findall(text)):
                rows_of[word].append(row)
        words = sorted(rows_of)
        return cls(
            texts=RowTexts.of(texts, b"\n"),
            words=b"".join(word + b"\n" for word in words),
            word_starts=list(accumulate((len(word) + 1 for word in words[:-1]), initial=0)) if words else [],
            word_rows=[array(ROW_NUMBERS, rows_of[word]) for word in words],
        )

    def _words_holding(self, piece: bytes) -> list[array]:
        """The rows of each word a run of letters and digits is part of: the list of words is
        read, no row."""
        found, find, at = [], self.words.find, self.words.find(piece)
        while at != -1:
            word = bisect_right(self.word_starts, at) - 1
            found.append(self.word_rows[word])
            at = find(piece, self.word_starts[word + 1]) if word + 1 < len(self.word_starts) else -1
        return found

    def _rows_of(self, words: list[array]) -> RowSet:
        if len(words) > 1:
            return Flags(len(self.texts), words)
        return words[0] if words else ()

    def candidates(self, needle: bytes) -> RowSet | None:
        """Rows that may hold `needle`: those of its rarest run of letters and digits (none if
        one is nowhere); None (every row) when it has none, or when they are most rows."""
        pieces = dict.fromkeys(WORDS.findall(needle))  # each once, in order
        if not pieces:
            return None
        rarest = min((self._words_holding(piece) for piece in pieces), key=_rows_listed)
        return None if _rows_listed(rarest) > len(self.texts) else self._rows_of(rarest)

    def rows(self, needle: bytes) -> RowSet:
        """The rows holding `needle`, in order."""
        if WORDS.fullmatch(needle):  # inside one word: its words' rows are the answer
            return self._rows_of(self._words_holding(needle))
        return self.texts.holding(needle, self.candidates(needle))


def _rows_listed(words: list[array]) -> int:
    return sum(map(len, words))


@dataclass(frozen=True)
class Wide:
    """The other characters' text, and the rows holding each pair of characters."""

    texts: RowTexts[str]
    pairs: dict[str, array]  # two characters → the rows holding them, ascending

    @classmethod
    def of(cls, texts: list[str]) -> Wide:
        rows_of: defaultdict[str, list[int]] = defaultdict(list)
        for row, text in enumerate(texts):
            for pair in {value[at : at + PAIR] for value in text.split(VALUE_END) for at in range(len(value) - 1)}:
                rows_of[pair].append(row)
        return cls(RowTexts.of(texts, ROW_END), {pair: array(ROW_NUMBERS, rows) for pair, rows in rows_of.items()})

    def candidates(self, needle: str) -> RowSet | None:
        """Rows that may hold `needle`: those of its rarest pair (none if one is nowhere);
        None (every row) for a single character."""
        if len(needle) < PAIR:
            return None
        held = [self.pairs.get(needle[at : at + PAIR], ()) for at in range(len(needle) - 1)]
        return min(held, key=len)

    def rows(self, needle: str) -> RowSet:
        """The rows holding `needle`, in order."""
        candidates = self.candidates(needle)
        if candidates is not None and len(needle) == PAIR:  # one pair: its rows are the answer
            return candidates
        return self.texts.holding(needle, candidates)


@dataclass(frozen=True)
class TextIndex:
    """The searched values of one kind of row, in the order its matches are listed."""

    ids: list[str]
    narrow: Narrow
    wide: Wide
    whole: RowTexts[bytes]  # in UTF-8 (a match of UTF-8 bytes is a match of characters), for a query mixing both

    @classmethod
    def of(cls, rows: Iterable[tuple[str, Sequence[str | None]]]) -> TextIndex:
        """`rows`: each row's id and its searched values (None for a value it lacks)."""
        ids: list[str] = []
        texts: list[str] = []
        for row_id, values in rows:
            ids.append(row_id)
            # each value alone, as the plain scan lowercases it; a mark inside a value only
            # cuts it where no query can match anyway
            texts.append("".join((value or "").lower().replace(ROW_END, VALUE_END) + VALUE_END for value in values))
        return cls(
            ids=ids,
            narrow=Narrow.of([NOT_ASCII_RUNS.sub(VALUE_END, text).encode() for text in texts]),
            wide=Wide.of([ASCII_RUNS.sub(VALUE_END, text) for text in texts]),
            whole=RowTexts.of([text.encode() for text in texts], ROW_END.encode()),
        )

    def matches(self, query: str) -> Matches:
        """The rows holding `query` in any of their values, case-insensitively."""
        needle = query.lower()
        if not needle or VALUE_END in needle or ROW_END in needle:
            return Matches(self.ids, ())
        if needle.isascii():
            return Matches(self.ids, self.narrow.rows(needle.encode()))
        if not ASCII_RUNS.search(needle):
            return Matches(self.ids, self.wide.rows(needle))
        return Matches(self.ids, self._mixed(needle))

    def _mixed(self, needle: str) -> list[int]:
        """A query of both kinds of character: the rows its rarest piece may be in, read whole."""
        pieces = [self.narrow.candidates(piece.encode()) for piece in NOT_ASCII_RUNS.split(needle) if piece]
        pieces += [self.wide.candidates(piece) for piece in ASCII_RUNS.split(needle) if piece]
        fewest = min(pieces, key=lambda rows: len(self.ids) if rows is None else len(rows))
        return self.whole.holding(needle.encode(), fewest)


@dataclass(frozen=True)
class Matches:
    """The rows of one kind that hold a query, in order."""

    ids: list[str]
    rows: RowSet

    def count(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[str]:
        """The ids, in order."""
        return map(self.ids.__getitem__, self.rows)
