"""The reader every loader step shares: it parses a data file against its shape, keeps every
problem as `path:line: message`, knows which ids are taken, and builds the rows to write.

A step appends to `reader.problems` and goes on, so one run lists every problem; the loader
(app/dataset/loader.py) raises `LoadError` at the end if there is any.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from app.dataset.yaml_lines import Problem, YamlError, line_of, read_yaml

M = TypeVar("M", bound=BaseModel)


class LoadError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Origin:
    """Where an entry came from, to point a problem at the right line."""

    path: str
    raw: Any
    location: tuple[Any, ...]

    def problem(self, message: str, *subpath: Any) -> Problem:
        return Problem(self.path, line_of(self.raw, self.location + subpath), message)


@cache
def _defaults(table: Any) -> dict[str, Any]:
    return {
        name: info.get_default(call_default_factory=True)
        for name, info in table.model_fields.items()
        if not info.is_required()
    }


@cache
def _fields(table: Any) -> frozenset[str]:
    return frozenset(table.model_fields)


def build_row(table: Any, origin: Origin, **values: Any) -> SimpleNamespace:
    """One row of `table` as a plain object with the table's fields: a table model carries the
    ORM's per-object bookkeeping, which costs more than everything else on a large corpus.
    A value for a field the table lacks (a misspelling) is refused at the entry it came from."""
    if not _fields(table).issuperset(values):
        unknown = ", ".join(repr(name) for name in sorted(set(values) - _fields(table)))
        raise LoadError([origin.problem(f"the loader gives {table.__name__} a field it lacks: {unknown}")])
    return SimpleNamespace(**{**_defaults(table), **values})


def cannot_read(error: OSError | UnicodeDecodeError) -> str:
    """Why a file could not be read, in a few words."""
    reason = error.reason if isinstance(error, UnicodeDecodeError) else (error.strerror or type(error).__name__)
    return f"cannot be read: {reason}"


class Reader:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.ids: dict[str, Origin] = {}

    def shown(self, path: Path) -> str:
        """Paths in messages are relative to the repository (data/…). Plain string work: a large
        map asks this for thousands of entries, and Path.relative_to costs more than the rest."""
        whole, inside = path.as_posix(), self.data_dir.as_posix() + "/"
        return f"{self.data_dir.name}/{whole[len(inside) :]}" if whole.startswith(inside) else whole

    def parse(self, path: Path, model: type[M]) -> tuple[M | None, Any]:
        shown = self.shown(path)
        try:
            raw = read_yaml(path, shown)
        except YamlError as error:
            self.problems.append(error.problem)
            return None, None
        if raw is None:
            self.problems.append(Problem(shown, 1, "the file is empty"))
            return None, None
        try:
            return model.model_validate(raw), raw
        except ValidationError as error:
            for item in error.errors():
                where = ".".join(str(step) for step in item["loc"])
                self.problems.append(Problem(shown, line_of(raw, item["loc"]), f"{where}: {item['msg']}"))
            return None, raw

    def claim_id(self, new_id: str, origin: Origin, what: str) -> None:
        if new_id in self.ids:
            first = self.ids[new_id]
            first_line = line_of(first.raw, first.location)
            self.problems.append(
                origin.problem(f"duplicate id {new_id!r} ({what}); first used at {first.path}:{first_line}", "id")
            )
        else:
            self.ids[new_id] = origin
