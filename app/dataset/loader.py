"""Data files → validated rows → database, all or nothing.

`read_dataset` runs the loader's steps (app/dataset/steps/, versions.py, redirects.py,
tours.py) over every file and returns the rows to write, or raises LoadError listing every
problem as `path:line: message`. `write_dataset` replaces the database's contents in one
transaction, so a reader sees either the old data or the new.
"""

from __future__ import annotations

import gc
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import JSON, Integer, delete
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from app.database.models import (
    TABLES,
    ArgumentLink,
    CausalEvidence,
    CausalLink,
    Citation,
    Claim,
    Concept,
    CrossPaperLink,
    DatasetInfo,
    DatasetVersion,
    Mention,
    Paper,
    Redirect,
    Reference,
    Section,
    Tour,
    TourStep,
)
from app.dataset.files import content_hash, data_paths, file_hash
from app.dataset.reader import LoadError, Origin, Reader, build_row
from app.dataset.redirects import read_redirects
from app.dataset.schema import DatasetFile
from app.dataset.steps.claim_links import read_claim_links
from app.dataset.steps.claims import read_claims
from app.dataset.steps.concepts import read_concepts
from app.dataset.steps.cross_paper import read_cross_paper
from app.dataset.steps.papers import read_papers
from app.dataset.tours import read_tours
from app.dataset.transliteration import TRANSLITERATIONS_KEY, transliterations
from app.dataset.versions import read_versions
from app.dataset.yaml_lines import Problem

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading makes a million small objects that all live until it ends. The cyclic garbage
    collector would walk them again and again for nothing: half the load time at 100×."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _without_collector(function: Callable[P, R]) -> Callable[P, R]:
    @wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with _collector_paused():
            return function(*args, **kwargs)

    return paused


@dataclass
class Dataset:
    """The checked rows of each table (`rows[Claim]`: objects with the Claim fields), written
    by one bulk INSERT per table."""

    version: str
    content_hash: str
    licence: str
    rows: dict[type, list[Any]] = field(default_factory=lambda: defaultdict(list))

    @property
    def full_version(self) -> str:
        return f"{self.version}+{self.content_hash[:12]}"

    def counts(self) -> dict[str, Any]:
        papers = [p.id for p in self.rows[Paper]]
        claims_by_paper = Counter(c.paper_id for c in self.rows[Claim])
        evidence_papers: dict[str, set[str]] = defaultdict(set)
        paper_of_claim = {c.id: c.paper_id for c in self.rows[Claim]}
        for ev in self.rows[CausalEvidence]:
            evidence_papers[ev.causal_id].add(paper_of_claim[ev.claim_id])
        causal_by_paper = Counter(pid for holders in evidence_papers.values() for pid in holders)
        sections_by_paper = Counter(s.paper_id for s in self.rows[Section])
        references_by_paper = Counter(r.paper_id for r in self.rows[Reference])
        return {
            "papers": {
                pid: {
                    "sections": sections_by_paper[pid],
                    "claims": claims_by_paper[pid],
                    "references": references_by_paper[pid],
                    "causal links held": causal_by_paper[pid],
                }
                for pid in papers
            },
            "layers": {
                "concepts": len(self.rows[Concept]),
                "argument": len(self.rows[ArgumentLink]),
                "causal": len(self.rows[CausalLink]),
                "cross-paper": len(self.rows[CrossPaperLink]),
                "mentions": len(self.rows[Mention]),
                "cites": len(self.rows[Citation]),
            },
            "tours": len(self.rows[Tour]),
        }


def _unusable_folder(reader: Reader, data_dir: Path) -> list[Problem]:
    """Problems that stop the loader before it reads anything: no data directory, links out of it."""
    if not data_dir.is_dir():
        return [Problem(str(data_dir), 1, "the data directory does not exist")]
    return [
        Problem(reader.shown(path), 1, "a link out of the data directory: not read (the data must live inside it)")
        for path in data_paths(data_dir)[1]
    ]


@_without_collector
def read_dataset(data_dir: Path) -> Dataset:
    """Run every step; the rows of a dataset without a problem, or LoadError listing them all."""
    reader = Reader(data_dir)
    if unusable := _unusable_folder(reader, data_dir):
        raise LoadError(unusable)
    dataset_meta, raw = reader.parse(data_dir / "dataset.yaml", DatasetFile)
    ds = Dataset(
        version=dataset_meta.version if dataset_meta else "0.0.0",
        content_hash=content_hash(data_dir),
        licence=dataset_meta.licence if dataset_meta else "",
    )
    _read_papers_files(reader, data_dir, ds.rows)
    _read_records(reader, data_dir, ds)
    if reader.problems:
        raise LoadError(reader.problems)
    ds.rows[DatasetInfo] = _dataset_info(ds, Origin(reader.shown(data_dir / "dataset.yaml"), raw, ()), data_dir)
    return ds


def _read_papers_files(reader: Reader, data_dir: Path, rows: dict[type, list[Any]]) -> None:
    """The papers, concepts, claims and the links between them (app/dataset/steps/)."""
    texts = read_papers(reader, data_dir, rows)
    concept_ids = read_concepts(reader, data_dir, rows, texts.sources)
    claims = read_claims(reader, data_dir, rows, texts.sources, texts.section_spans)
    read_claim_links(reader, rows, claims, concept_ids, texts.reference_ids)
    read_cross_paper(reader, data_dir, rows, claims.paper_of)


def _read_records(reader: Reader, data_dir: Path, ds: Dataset) -> None:
    """The record of versions and retired ids, then the guided tours through what was read."""
    rows = ds.rows
    rows[DatasetVersion] = read_versions(reader, data_dir, ds.version)
    live = {c.id: "claim" for c in rows[Claim]} | {c.id: "concept" for c in rows[Concept]}
    rows[Redirect] = read_redirects(reader, data_dir, rows[DatasetVersion], live)
    rows[Tour], rows[TourStep] = read_tours(reader, data_dir, rows)


def _dataset_info(ds: Dataset, origin: Origin, data_dir: Path) -> list[Any]:
    return [
        build_row(DatasetInfo, origin, key="version", value=ds.version),
        build_row(DatasetInfo, origin, key="content_hash", value=ds.content_hash),
        build_row(DatasetInfo, origin, key="licence", value=ds.licence),
        build_row(DatasetInfo, origin, key="versions_hash", value=file_hash(data_dir)),
        # Worked out once here, so that a server never loads the pinyin dictionaries (a third of a second).
        build_row(DatasetInfo, origin, key=TRANSLITERATIONS_KEY, value=json.dumps(transliterations(ds.rows[Paper]))),
    ]


def _columns(table: Any) -> list[Any]:
    """The columns a row gives (surrogate keys are left to the database)."""
    return [c for c in table.__table__.columns if not (c.primary_key and isinstance(c.type, Integer))]


def _tuples(columns: list[Any], rows: list[Any]) -> Iterator[tuple[Any, ...]]:
    """Rows as the driver takes them, JSON columns serialised as SQLAlchemy would (None is JSON null)."""
    as_json = [isinstance(c.type, JSON) for c in columns]
    names = [c.name for c in columns]
    for row in rows:
        values = [getattr(row, name) for name in names]
        yield tuple(json.dumps(v) if j else v for v, j in zip(values, as_json, strict=True))


def _insert(connection: Connection, table: Any, rows: list[Any]) -> None:
    """The rows straight to the driver: COPY on PostgreSQL, one executemany on SQLite (the two
    databases argmap runs on); SQLAlchemy's own bulk paths cost several times more per row."""
    columns = _columns(table)
    names = ", ".join(f'"{c.name}"' for c in columns)
    cursor = connection.connection.cursor()
    if connection.dialect.name == "postgresql":
        with cursor.copy(f'COPY "{table.__tablename__}" ({names}) FROM STDIN') as copy:
            for values in _tuples(columns, rows):
                copy.write_row(values)
    else:
        marks = ", ".join("?" for _ in columns)
        statement = f'INSERT INTO "{table.__tablename__}" ({names}) VALUES ({marks})'
        cursor.executemany(statement, list(_tuples(columns, rows)))


@_without_collector
def write_dataset(engine: Engine, dataset: Dataset) -> None:
    """Replace every table's contents in one transaction."""
    with engine.begin() as connection:
        for table in reversed(TABLES):
            connection.execute(delete(table))
        for table in TABLES:
            rows = dataset.rows.get(table, [])
            if rows:
                _insert(connection, table, rows)


def stored_hash(engine: Engine, key: str = "content_hash") -> str | None:
    with Session(engine) as session:
        info = session.get(DatasetInfo, key)
        return info.value if info else None


def load(engine: Engine, data_dir: Path) -> Dataset:
    dataset = read_dataset(data_dir)
    write_dataset(engine, dataset)
    return dataset


def data_changed(engine: Engine, data_dir: Path) -> bool:
    """Whether the data files differ from what the database holds."""
    return stored_hash(engine) != content_hash(data_dir) or stored_hash(engine, "versions_hash") != file_hash(data_dir)


def load_if_changed(engine: Engine, data_dir: Path) -> bool:
    """Load the data files unless the database already holds this content; True if loaded."""
    if not data_changed(engine, data_dir):
        return False
    load(engine, data_dir)
    return True
