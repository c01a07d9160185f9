"""Long lists in pages: the page asked for, its neighbours as links, and a 404 past the end."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from math import ceil
from typing import TypeVar
from urllib.parse import urlencode

from pydantic import BaseModel

from app.read.page_starts import page_starts
from app.read.snapshot import Derived, Snapshot
from app.web.errors import NotFound

T = TypeVar("T")

# Lists with a part for each paper show at most this many papers a page (the front page shows
# the first page of /papers), and no more than a page's worth of what their parts hold: the
# sections of /papers, the entries of /references, the key chains of /chains (five a paper at
# most). Each bound is a little over what the real map's whole list holds (two papers, 14
# sections, 16 entries, 10 key chains), so its one page is the whole list, as it always was,
# and a page of a large map is about as long as that.
PAPERS_PER_PAGE = 10
SECTIONS_PER_PAGE = 40
REFERENCES_PER_PAGE = 20
KEY_CHAIN_PAPERS_PER_PAGE = 3
# A map of up to this many papers names every paper wherever papers are named side by side (a
# column each in /concepts, each in the graph's legend); a map of more names only those concerned.
FEW_PAPERS = 6


class NoSuchPage(NotFound):
    def __init__(self, page: int, pages: int, of: str):
        super().__init__(
            "page",
            str(page),
            message=f"There is no page {page}: {of} has {pages} page{'s' if pages > 1 else ''}.",
            choices=[str(n) for n in range(1, pages + 1)],
        )


def page_count(items: int, per_page: int) -> int:
    """Pages needed for `items` (an empty list still has its page 1)."""
    return max(1, ceil(items / per_page))


def page_query(params: dict[str, str | None], page: int) -> str:
    """A neighbouring page as a query string ("?q=…&page=2"), for the page and its JSON twin alike."""
    return "?" + urlencode({**{name: value for name, value in params.items() if value}, "page": page})


class ListPaging(BaseModel):
    """Where a page of a long list stands in it. A list that fits one page has `pages` 1, and
    its page shows no paging links."""

    page: int
    pages: int
    per_page: int
    total: int  # items on all pages
    first: int  # position of this page's first item among all (from 1), 0 when the list is empty
    last: int
    previous: str | None  # the neighbouring page as a query ("?page=2"): for the page and its JSON twin alike
    next: str | None


def list_paging(
    total: int, page: int, per_page: int, shown: int, *, of: str, params: dict[str, str | None] | None = None
) -> ListPaging:
    """Where page `page` of `per_page` items stands among `total`, `shown` of them on it;
    NoSuchPage past the end. `of` names the list in the 404 ("the list of concepts"); `params`,
    the page's other parameters, kept in its links."""
    pages = page_count(total, per_page)
    if page > pages:
        raise NoSuchPage(page, pages, of=of)
    return _paging(page, pages, per_page, total, (page - 1) * per_page, shown, params)


def _paging(
    page: int, pages: int, per_page: int, total: int, start: int, shown: int, params: dict[str, str | None] | None
) -> ListPaging:
    return ListPaging(
        page=page,
        pages=pages,
        per_page=per_page,
        total=total,
        first=start + 1 if shown else 0,
        last=start + shown,
        previous=page_query(params or {}, page - 1) if page > 1 else None,
        next=page_query(params or {}, page + 1) if page < pages else None,
    )


def page_of(
    items: Sequence[T], page: int, per_page: int, *, of: str, params: dict[str, str | None] | None = None
) -> tuple[Sequence[T], ListPaging]:
    """This page's slice of `items`, and its paging (as list_paging)."""
    shown = items[(page - 1) * per_page : page * per_page]
    return shown, list_paging(len(items), page, per_page, len(shown), of=of, params=params)


def sized_page_of(
    items: Sequence[T],
    starts: Sequence[int],
    page: int,
    most_items: int,
    *,
    of: str,
    params: dict[str, str | None] | None = None,
) -> tuple[Sequence[T], ListPaging]:
    """This page's slice of `items` whose pages start at `starts` (app/read/page_starts.py),
    and its paging, as page_of; `most_items` is the most a page holds."""
    pages = max(1, len(starts))
    if page > pages:
        raise NoSuchPage(page, pages, of=of)
    start = starts[page - 1] if starts else 0
    shown = items[start : starts[page] if page < len(starts) else len(items)]
    return shown, _paging(page, pages, most_items, len(items), start, len(shown), params)


def paper_pages(
    parts: Callable[[Snapshot], Mapping[str, Sequence[object]]], most_parts: int
) -> Derived[tuple[int, ...]]:
    """Where each page of a list with a part per paper starts (for sized_page_of), kept with the
    snapshot: up to PAPERS_PER_PAGE papers and `most_parts` of what they hold (`parts`: paper →
    its sections, say), a paper never split."""
    return Derived(
        lambda snapshot: page_starts(
            (len(parts(snapshot).get(paper.id, ())) for paper in snapshot.papers), PAPERS_PER_PAGE, most_parts
        )
    )
