"""One immutable, in-memory snapshot of the dataset version the database holds.

A dataset version never changes once loaded, so it is read once, in one transaction, into
typed rows indexed by id; pages and exports read only the snapshot (no SQL per request).
What is derived from the whole map (the graph, the search index, the compare outline, the
option lists) is declared with `Derived` and computed once per snapshot, when the snapshot
is prepared, so no reader waits for it. A reload builds the next snapshot beside this one
and swaps it in (app/read/holder.py); nothing here is ever changed after it is built.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

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


def _read(connection: Connection, table: Any, row: type[R], *order: Any) -> tuple[R, ...]:
    columns = list(table.__table__.columns)
    result = connection.execute(select(*columns).order_by(*order)).all()  # one fetch, not a fetch per row
    return tuple(row(*values) for values in result)


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
        self._deriving = threading.RLock()  # one build of each value; a value may use another

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
        with self._deriving:
            if value not in self._derived:
                self._derived[value] = value.build(self)
            return self._derived[value]

    def prepare(self) -> Snapshot:
        """Build every derived value now, before the snapshot serves anyone."""
        for value in _EVERY:
            self.derived(value)
        return self


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
    with engine.connect().execution_options(**options) as connection, connection.begin():
        info: dict[str, str] = dict(connection.execute(select(DatasetInfo.key, DatasetInfo.value)).all())  # type: ignore[call-overload]
        if "version" not in info:
            return EMPTY
        return Snapshot(
            info=info,
            papers=_read(connection, Paper, PaperRow, Paper.position),
            sections=_read(connection, Section, SectionRow, Section.paper_id, Section.position),
            claims=_read(connection, Claim, ClaimRow, Claim.position),
            concepts=_read(connection, Concept, ConceptRow, Concept.id),
            references=_read(connection, Reference, ReferenceRow, Reference.paper_id, Reference.position),
            argument_links=_read(connection, ArgumentLink, ArgumentLinkRow, ArgumentLink.row),
            causal_links=_read(connection, CausalLink, CausalLinkRow, CausalLink.id),
            causal_evidence=_read(connection, CausalEvidence, CausalEvidenceRow, CausalEvidence.row),
            cross_paper_links=_read(connection, CrossPaperLink, CrossPaperLinkRow, CrossPaperLink.row),
            mentions=_read(connection, Mention, MentionRow, Mention.row),
            citations=_read(connection, Citation, CitationRow, Citation.row),
            tours=_read(connection, Tour, TourRow, Tour.position),
            tour_steps=_read(connection, TourStep, TourStepRow, TourStep.tour_id, TourStep.position),
            versions=_read(connection, DatasetVersion, DatasetVersionRow, DatasetVersion.position),
            redirects=_read(connection, Redirect, RedirectRow, Redirect.id),
        )
