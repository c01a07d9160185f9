"""One immutable, in-memory snapshot of the dataset version the database holds.

A dataset version never changes once loaded, so it is read once, in one transaction, into
typed rows indexed by id; pages and exports read only the snapshot (no SQL per request).
What is derived from the whole map (the graph, the search index, the compare outline, the
option lists) is declared with `Derived` and computed once per snapshot: by the first reader
that needs it, or by `prepare` (which the holder runs beside the serving snapshot, so a large
map serves its first pages before its graph is built). A reload builds the next snapshot
beside this one and swaps it in (app/read/holder.py); nothing here is ever changed after it is built.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from itertools import starmap
from operator import attrgetter
from typing import Any, Generic, TypeVar

from sqlalchemy import JSON, Boolean, String, Text, TypeDecorator, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from app.database.models import (
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
from app.read.rows import (
    ArgumentLinkRow,
    CausalEvidenceRow,
    CausalLinkRow,
    CitationRow,
    ClaimRow,
    ConceptRow,
    CrossPaperLinkRow,
    DatasetVersionRow,
    MentionRow,
    PaperRow,
    RedirectRow,
    ReferenceRow,
    SectionRow,
    TourRow,
    TourStepRow,
)

T = TypeVar("T")
R = TypeVar("R")
NOT_LOADED = "not loaded"
_EVERY: list[Derived[Any]] = []  # every derived value, so that preparing a snapshot builds them all


def dataset_version(info: Mapping[str, str]) -> str:
    """`0.3.0+1a2b3c4d5e6f`: the version and the start of the content hash."""
    if "version" not in info:
        return NOT_LOADED
    return f"{info['version']}+{info['content_hash'][:12]}"


def read_version(connection: Connection) -> str:
    """The version the database holds: one small query, what a watcher asks every few seconds."""
    try:
        rows = connection.execute(select(DatasetInfo.key, DatasetInfo.value)).all()  # type: ignore[call-overload]
    except (OperationalError, ProgrammingError) as error:
        if "no such table" in str(error) or "does not exist" in str(error):
            return NOT_LOADED  # a fresh database: no tables yet
        raise
    return dataset_version(dict(rows))


def _intern(value: str | None) -> str | None:
    return value if value is None else sys.intern(value)


def _json(decoded: dict[str, Any]) -> Callable[[Any], Any]:
    """A JSON column's decoder (every one holds a list of ids or short names), its strings interned
    like the columns': the same paper id listed by every concept is one string. A text met
    before gives the list decoded then: rows are never changed, so equal lists may be one."""

    def decode(value: Any) -> Any:
        if not isinstance(value, str):  # None, or PostgreSQL's driver decoded it already
            return value if value is None else list(map(sys.intern, value))
        if value not in decoded:
            items = json.loads(value)  # `null` too: SQLAlchemy writes a None as JSON
            decoded[value] = items if items is None else list(map(sys.intern, items))
        return decoded[value]

    return decode


def _bool(value: Any) -> bool | None:
    return value if value is None else bool(value)  # SQLite gives 0 or 1


def _converter(column: Any, decoded: dict[str, Any]) -> Callable[[Any], Any] | None:
    """How a column's raw value becomes the row's: JSON decoded, booleans as bool, and the short
    strings (ids, kinds, relations, titles) interned, so that an id named by a thousand rows is
    one string in memory, not a thousand copies. Long texts and numbers come as they are."""
    kind = column.type
    if isinstance(kind, JSON):
        return _json(decoded)
    if isinstance(kind, Boolean):
        return _bool
    base = kind.impl if isinstance(kind, TypeDecorator) else kind  # SQLModel's AutoString decorates String
    if isinstance(base, String) and not isinstance(base, Text):
        return _intern if column.nullable else sys.intern
    return None


def _read(cursor: Any, dialect: Any, table: Any, row: type[R], *order: Any) -> tuple[R, ...]:
    """Every row of a table by its columns' positions, fetched with the driver's own cursor (no
    per-row result objects) and converted a column at a time."""
    columns = list(table.__table__.columns)
    cursor.execute(str(select(*columns).order_by(*order).compile(dialect=dialect)))
    values = cursor.fetchall()
    if not values:
        return ()
    decoded: dict[str, Any] = {}
    convert = [_converter(column, decoded) for column in columns]
    by_column = [col if f is None else map(f, col) for col, f in zip(zip(*values, strict=True), convert, strict=True)]
    del values
    return tuple(starmap(row, zip(*by_column, strict=True)))


def group_by(rows: Iterable[R], field: str) -> dict[str, tuple[R, ...]]:
    """Rows by one of their fields, each group in the rows' order."""
    groups: dict[str, list[R]] = defaultdict(list)
    key = attrgetter(field)
    for row in rows:
        groups[key(row)].append(row)
    return {name: tuple(group) for name, group in groups.items()}


class Snapshot:
    """Every row of one dataset version, in the order app/database/models.py's readers always gave
    them (papers, claims, tours by position; links by file order), and indexes over them.
    A group index answers `.get(id, ())` for an id with no rows."""

    def __init__(
        self,
        *,
        info: Mapping[str, str],
        papers: tuple[PaperRow, ...] = (),
        sections: tuple[SectionRow, ...] = (),
        claims: tuple[ClaimRow, ...] = (),
        concepts: tuple[ConceptRow, ...] = (),
        references: tuple[ReferenceRow, ...] = (),
        argument_links: tuple[ArgumentLinkRow, ...] = (),
        causal_links: tuple[CausalLinkRow, ...] = (),
        causal_evidence: tuple[CausalEvidenceRow, ...] = (),
        cross_paper_links: tuple[CrossPaperLinkRow, ...] = (),
        mentions: tuple[MentionRow, ...] = (),
        citations: tuple[CitationRow, ...] = (),
        tours: tuple[TourRow, ...] = (),
        tour_steps: tuple[TourStepRow, ...] = (),
        versions: tuple[DatasetVersionRow, ...] = (),
        redirects: tuple[RedirectRow, ...] = (),
    ):
        self.info = dict(info)
        self.version = dataset_version(info)
        self.papers, self.sections, self.claims, self.concepts = papers, sections, claims, concepts
        self.references, self.argument_links, self.causal_links = references, argument_links, causal_links
        self.causal_evidence, self.cross_paper_links, self.mentions = causal_evidence, cross_paper_links, mentions
        self.citations, self.tours, self.tour_steps = citations, tours, tour_steps
        self.versions, self.redirects = versions, redirects
        # by id
        self.paper = {p.id: p for p in papers}
        self.section = {s.id: s for s in sections}
        self.claim = {c.id: c for c in claims}
        self.concept = {c.id: c for c in concepts}
        self.reference = {r.id: r for r in references}
        self.causal_link = {c.id: c for c in causal_links}
        self.tour = {t.id: t for t in tours}
        self.redirect = {r.id: r for r in redirects}
        # groups, each in its rows' order
        self.sections_of = group_by(sections, "paper_id")
        self.claims_of = group_by(claims, "paper_id")
        self.claims_in = group_by(claims, "section_id")
        self.references_of = group_by(references, "paper_id")
        self.links_from = group_by(argument_links, "source_id")
        self.links_to = group_by(argument_links, "target_id")
        self.cross_from = group_by(cross_paper_links, "source_id")
        self.cross_to = group_by(cross_paper_links, "target_id")
        self.mentions_in = group_by(mentions, "claim_id")
        self.mentions_of = group_by(mentions, "concept_id")
        self.citations_in = group_by(citations, "claim_id")
        self.citations_of = group_by(citations, "reference_id")
        self.evidence_in = group_by(causal_evidence, "claim_id")
        self.evidence_of = group_by(causal_evidence, "causal_id")
        self.causes_of = group_by(causal_links, "target_id")
        self.effects_of = group_by(causal_links, "source_id")
        self.steps_of = group_by(tour_steps, "tour_id")
        self._at = {(c.paper_id, c.position): c for c in claims}
        self._derived: dict[Derived[Any], Any] = {}
        # One build of each value, each under its own lock: a reader needing a small value does
        # not wait for the graph being built beside it; a value may use another.
        self._deriving: dict[Derived[Any], threading.RLock] = {v: threading.RLock() for v in _EVERY}

    @property
    def loaded(self) -> bool:
        return self.version != NOT_LOADED

    def concepts_of(self, claim_id: str) -> list[ConceptRow]:
        """The concepts a claim mentions, in the data file's order."""
        return [self.concept[m.concept_id] for m in self.mentions_in.get(claim_id, ())]

    def neighbour(self, claim: ClaimRow, step: int) -> ClaimRow | None:
        """The claim `step` places before (-1) or after (+1) this one in its paper's reading order."""
        return self._at.get((claim.paper_id, claim.position + step))

    def derived(self, value: Derived[T]) -> T:
        if value in self._derived:
            return self._derived[value]
        with self._deriving.setdefault(value, threading.RLock()):
            if value not in self._derived:
                self._derived[value] = value.build(self)
            return self._derived[value]

    def prepare(self, keep_going: Callable[[], bool] = lambda: True) -> bool:
        """Build every derived value not built yet, while `keep_going()` (the holder stops
        preparing a snapshot that no longer serves); True if all are built."""
        for value in _EVERY:
            if not keep_going():
                return False
            self.derived(value)
        return True


class Derived(Generic[T]):
    """A value computed from the whole snapshot once (declared at module level, next to its
    builder): `SEARCH_INDEX = Derived(build_search_index)`, then `SEARCH_INDEX.of(snapshot)`."""

    def __init__(self, build: Callable[[Snapshot], T]):
        self.build = build
        _EVERY.append(self)

    def of(self, snapshot: Snapshot) -> T:
        return snapshot.derived(self)


EMPTY = Snapshot(info={})  # before the first load, or while the database cannot be read


def read_snapshot(engine: Engine) -> Snapshot:
    """Every table, read in one transaction that sees one state of the database (a load that
    commits meanwhile is not half seen: SQLite's WAL reader and PostgreSQL's repeatable read)."""
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    driver_error = engine.dialect.loaded_dbapi.Error
    with engine.connect().execution_options(**options) as connection, connection.begin():
        try:
            return _read_tables(connection.connection.cursor(), engine.dialect)
        except driver_error as error:  # raised as SQLAlchemy's, as every other read of the database does
            wrapped = DBAPIError.instance(None, None, error, driver_error, dialect=engine.dialect)
            raise wrapped if isinstance(wrapped, BaseException) else error from error


def _read_tables(cursor: Any, dialect: Any) -> Snapshot:
    if dialect.name == "sqlite":
        cursor.execute("BEGIN")  # the driver begins a transaction only before a write: the reads share one
    cursor.execute(str(select(DatasetInfo.key, DatasetInfo.value).compile(dialect=dialect)))  # type: ignore[call-overload]
    info: dict[str, str] = dict(cursor.fetchall())
    if "version" not in info:
        return EMPTY

    def read(table: Any, row: type[R], *order: Any) -> tuple[R, ...]:
        return _read(cursor, dialect, table, row, *order)

    return Snapshot(
        info=info,
        papers=read(Paper, PaperRow, Paper.position),
        sections=read(Section, SectionRow, Section.paper_id, Section.position),
        claims=read(Claim, ClaimRow, Claim.position),
        concepts=read(Concept, ConceptRow, Concept.id),
        references=read(Reference, ReferenceRow, Reference.paper_id, Reference.position),
        argument_links=read(ArgumentLink, ArgumentLinkRow, ArgumentLink.row),
        causal_links=read(CausalLink, CausalLinkRow, CausalLink.id),
        causal_evidence=read(CausalEvidence, CausalEvidenceRow, CausalEvidence.row),
        cross_paper_links=read(CrossPaperLink, CrossPaperLinkRow, CrossPaperLink.row),
        mentions=read(Mention, MentionRow, Mention.row),
        citations=read(Citation, CitationRow, Citation.row),
        tours=read(Tour, TourRow, Tour.position),
        tour_steps=read(TourStep, TourStepRow, TourStep.tour_id, TourStep.position),
        versions=read(DatasetVersion, DatasetVersionRow, DatasetVersion.position),
        redirects=read(Redirect, RedirectRow, Redirect.id),
    )
