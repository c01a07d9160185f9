"""Long lists in pages: the page asked for, its neighbours as links, and a 404 past the end."""

from __future__ import annotations

from math import ceil
from urllib.parse import urlencode

from app.web.errors import NotFound


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
