"""Where each page of a list starts when its items differ in size (a paper's bibliography, a
concept's column of claims): a page holds at most so many items and, after its first, at most
so much in all, so that on a large map a page of big items is no longer than one of small ones.
An item bigger than a whole page has a page to itself (no web imports here)."""

from __future__ import annotations

from collections.abc import Iterable


def page_starts(sizes: Iterable[int], most_items: int, most_size: int) -> tuple[int, ...]:
    """The position of each page's first item (an empty list has none)."""
    starts: list[int] = []
    held = size = 0
    for n, item_size in enumerate(sizes):
        if not starts or held == most_items or size + item_size > most_size:
            starts.append(n)
            held = size = 0
        held += 1
        size += item_size
    return tuple(starts)
