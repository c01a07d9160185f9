"""Which query parameters a route reads: the response cache keys a page by them alone, and a
page's links to itself in the other language carry them (and nothing a route ignores)."""

from __future__ import annotations

from collections.abc import Iterable


def route_parameters(route: object) -> frozenset[str]:
    """The query parameters a route reads (its own and its dependencies'), and `lang`."""
    names = {"lang"}
    dependants = [getattr(route, "dependant", None)]
    while dependants:
        dependant = dependants.pop()
        if dependant is not None:
            names |= {param.alias for param in dependant.query_params}
            dependants += dependant.dependencies
    return frozenset(names)


def app_parameters(routes: Iterable[object]) -> frozenset[str]:
    """Every query parameter some route reads: the others are left out of every key."""
    names: set[str] = set()
    for route in routes:
        inner = getattr(route, "original_router", None)  # an included router (newer FastAPI wraps each)
        names |= app_parameters(inner.routes) if inner is not None else route_parameters(route)
    return frozenset(names)
