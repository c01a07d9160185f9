"""The names closest to a misspelt query ("did you mean"), as difflib's `get_close_matches`
finds them, without comparing the query with every name of a large map.

Each name's pairs of neighbouring characters (the first and last with a space) are kept with
the names holding them. The query's rarest pairs, up to PAIRS_READ names read through them,
pick the names sharing most of them, CANDIDATES_PER_ANSWER for each name asked for; only those
are compared in full, so a map 100 times larger takes about the same time (difflib over every
name took 25–350 ms there). On the shipped map the answer is the one comparing every name gives
(tests/test_close_names.py checks misspellings of its names, ids and labels).
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches

PAIRS_READ = 5000  # names read through the query's pairs, rarest pairs first (at least one pair)
CANDIDATES_PER_ANSWER = 20  # names compared in full, for each name asked for


def _pairs(text: str) -> list[str]:
    padded = f" {text} "
    return sorted({padded[at : at + 2] for at in range(len(padded) - 1)})  # sorted: the same order in every process


@dataclass(frozen=True)
class CloseNames:
    names: list[str]
    holding: dict[str, array]  # a pair of characters → the names holding it, in order

    @classmethod
    def of(cls, names: Iterable[str]) -> CloseNames:
        listed = list(names)
        holding: defaultdict[str, list[int]] = defaultdict(list)
        for number, name in enumerate(listed):
            for pair in _pairs(name):
                holding[pair].append(number)
        return cls(listed, {pair: array("I", numbers) for pair, numbers in holding.items()})

    def closest(self, query: str, count: int = 3, cutoff: float = 0.6) -> list[str]:
        """Up to `count` names, closest first, each at least `cutoff` alike (difflib's ratio)."""
        held = sorted((self.holding[pair] for pair in _pairs(query) if pair in self.holding), key=len)
        shared: Counter[int] = Counter()
        read = 0
        for numbers in held:
            if read and read + len(numbers) > PAIRS_READ:
                break
            shared.update(numbers)
            read += len(numbers)
        candidates = [self.names[number] for number, _ in shared.most_common(CANDIDATES_PER_ANSWER * count)]
        return get_close_matches(query, candidates, n=count, cutoff=cutoff)
