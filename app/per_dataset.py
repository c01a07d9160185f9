"""Values derived from the whole map (an index, an outline), built once per database and
dataset version and then shared by every request, like the map graph in app/graph.py.

A request asks for the value with its session; when the data was reloaded since (a new
dataset version) the value is built again from the new data. Loading the data builds them
all (`build_all`), so on a large map no reader waits seconds for the first build.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app import queries

T = TypeVar("T")
_EVERY: list[PerDataset[Any]] = []  # every derived value, so that a data load can build them all


def database_key(session: Session) -> str:
    bind = session.get_bind()
    return (bind if isinstance(bind, Engine) else bind.engine).url.render_as_string(hide_password=True)


class PerDataset(Generic[T]):
    def __init__(self, build: Callable[[Session], T]):
        self.build = build
        self._built: dict[str, tuple[str, T]] = {}  # database → (dataset version, value)
        self._lock = threading.Lock()  # one build at a time; the others wait for it and share it
        _EVERY.append(self)

    def get(self, session: Session) -> T:
        database = database_key(session)
        version = queries.dataset_version(session=session)
        with self._lock:
            built = self._built.get(database)
            if built is None or built[0] != version:
                built = (version, self.build(session))
                self._built[database] = built
            return built[1]

    def forget(self) -> None:
        with self._lock:
            self._built.clear()


def build_all(session: Session) -> None:
    """Build every derived value for the data just loaded, so that no reader waits for one."""
    for value in _EVERY:
        value.get(session)
