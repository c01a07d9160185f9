"""Data files → validated rows → database, all or nothing.

`read_dataset` parses and checks every file and returns the rows to write, or raises
LoadError listing every problem as `path:line: message`. `write_dataset` replaces the
database's contents in one transaction, so a reader sees either the old data or the new.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, wraps
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ParamSpec, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import JSON, Integer, delete
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from app.models import (
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
from app.redirects import read_redirects
from app.schema import ClaimFile, ConceptFile, CrossPaperFile, DatasetFile, PaperFile
from app.tours_load import read_tours
from app.versions import VERSIONS_FILE, file_hash, read_versions
from app.yamlfile import Problem, YamlError, line_of, read_yaml

M = TypeVar("M", bound=BaseModel)
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


class LoadError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


@cache
def _defaults(table: Any) -> dict[str, Any]:
    return {
        name: info.get_default(call_default_factory=True)
        for name, info in table.model_fields.items()
        if not info.is_required()
    }


def _row(table: Any, **values: Any) -> SimpleNamespace:
    """One row of `table` as a plain object with the table's fields: a table model carries the
    ORM's per-object bookkeeping, which costs more than everything else on a large corpus."""
    return SimpleNamespace(**{**_defaults(table), **values})


def _mark_labels_in_sources(concepts: list[Any], sources: dict[str, str]) -> None:
    """Set each concept's `label_in`: the papers whose source uses its Chinese label as a term
    of its own, not only inside a longer term of the vocabulary (生产力 inside 新质生产力)."""
    terms = {c.label_zh for c in concepts} | {alias for c in concepts for alias in c.aliases}
    found: dict[str, list[str]] = {}  # many concepts share a label (a synthetic corpus): once each
    for concept in concepts:
        label = concept.label_zh
        if label not in found:
            longer = sorted((t for t in terms if label in t and t != label), key=len, reverse=True)
            found[label] = [pid for pid, text in sources.items() if label in _without(text, longer)]
        concept.label_in = found[label]


def _without(text: str, terms: list[str]) -> str:
    for term in terms:
        text = text.replace(term, "\0")
    return text


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


@dataclass
class _Origin:
    """Where an entry came from, to point a problem at the right line."""

    path: str
    raw: Any
    location: tuple[Any, ...]

    def problem(self, message: str, *subpath: Any) -> Problem:
        return Problem(self.path, line_of(self.raw, self.location + subpath), message)


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root)


def data_paths(data_dir: Path) -> tuple[list[Path], list[Path]]:
    """(every path under the data directory that stays inside it, every link that leads out).
    The loader reads nothing through a link out: a symbolic link to a system file must not
    have its lines printed in a problem."""
    root = data_dir.resolve()
    inside: list[Path] = []
    outside: list[Path] = []
    for folder, dirs, files in os.walk(data_dir):  # does not descend into linked folders
        for name in [*dirs, *files]:
            path = Path(folder, name)
            if path.is_symlink() and not _inside(path, root):
                outside.append(path)
            else:
                inside.append(path)
        dirs[:] = [name for name in dirs if not Path(folder, name).is_symlink() or _inside(Path(folder, name), root)]
    return sorted(inside), sorted(outside)


def content_hash(data_dir: Path) -> str:
    """A digest of every data file's name and bytes. Anything the loader refuses (a link out of
    the folder, a folder or an unreadable file with a data file's name) changes it too, so the
    loader runs and says so."""
    digest = hashlib.sha256()
    inside, outside = data_paths(data_dir)
    for path in inside:
        # versions.yaml records this hash, so it cannot be part of it
        if path.suffix in (".yaml", ".txt") and path != data_dir / VERSIONS_FILE:
            digest.update(path.relative_to(data_dir).as_posix().encode())
            digest.update(b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError as error:
                digest.update(f"\0not a readable file: {error.strerror}".encode())
    for path in outside:
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0a link out")
    return digest.hexdigest()


def _unusable_folder(reader: _Reader, data_dir: Path) -> list[Problem]:
    """Problems that stop the loader before it reads anything: no data directory, links out of it."""
    if not data_dir.is_dir():
        return [Problem(str(data_dir), 1, "the data directory does not exist")]
    return [
        Problem(reader.shown(path), 1, "a link out of the data directory: not read (the data must live inside it)")
        for path in data_paths(data_dir)[1]
    ]


def _reason(error: OSError | UnicodeDecodeError) -> str:
    return error.reason if isinstance(error, UnicodeDecodeError) else (error.strerror or type(error).__name__)


class _Reader:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self.ids: dict[str, _Origin] = {}

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

    def claim_id(self, new_id: str, origin: _Origin, what: str) -> None:
        if new_id in self.ids:
            first = self.ids[new_id]
            first_line = line_of(first.raw, first.location)
            self.problems.append(
                origin.problem(f"duplicate id {new_id!r} ({what}); first used at {first.path}:{first_line}", "id")
            )
        else:
            self.ids[new_id] = origin


def _find(text: str, needle: str, start: int, end: int, occurrence: int | None) -> tuple[int | None, int]:
    """Position of the needle inside text[start:end] and how often it occurs there."""
    positions = []
    at = text.find(needle, start, end)
    while at != -1:
        positions.append(at)
        at = text.find(needle, at + 1, end)
    if not positions:
        return None, 0
    index = (occurrence or 1) - 1
    return (positions[index] if index < len(positions) else None), len(positions)


@_without_collector
def read_dataset(data_dir: Path) -> Dataset:  # noqa: C901 - one pass over the dataset, in steps
    reader = _Reader(data_dir)
    if unusable := _unusable_folder(reader, data_dir):
        raise LoadError(unusable)
    dataset_meta, _ = reader.parse(data_dir / "dataset.yaml", DatasetFile)
    ds = Dataset(
        version=dataset_meta.version if dataset_meta else "0.0.0",
        content_hash=content_hash(data_dir),
        licence=dataset_meta.licence if dataset_meta else "",
    )
    rows = ds.rows
    sources: dict[str, str] = {}
    section_spans: dict[str, tuple[str, int, int]] = {}
    reference_ids: set[str] = set()

    # -- papers, sections, references
    papers_dir = data_dir / "papers"
    paper_dirs = sorted(p for p in papers_dir.iterdir() if p.is_dir()) if papers_dir.is_dir() else []
    for position, paper_dir in enumerate(paper_dirs):
        paper, raw = reader.parse(paper_dir / "paper.yaml", PaperFile)
        if paper is None:
            continue
        shown = reader.shown(paper_dir / "paper.yaml")
        top = _Origin(shown, raw, ())
        reader.claim_id(paper.id, top, "paper")
        if paper.id != paper_dir.name:
            reader.problems.append(top.problem(f"paper id {paper.id!r} must match its folder {paper_dir.name!r}", "id"))
        source_path = data_dir / "sources" / f"{paper.id}.txt"
        if not source_path.exists():
            reader.problems.append(top.problem(f"no source text {reader.shown(source_path)}", "id"))
            continue
        try:
            text = source_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reader.problems.append(Problem(reader.shown(source_path), 1, f"cannot be read: {_reason(error)}"))
            continue
        sources[paper.id] = text
        rows[Paper].append(
            _row(Paper, position=position, source_text=text, **paper.model_dump(exclude={"sections", "references"}))
        )
        starts: list[int] = []
        for index, section in enumerate(paper.sections):
            origin = _Origin(shown, raw, ("sections", index))
            reader.claim_id(section.id, origin, "section")
            start = text.find(section.anchor, starts[-1] if starts else 0)
            if start == -1:
                reader.problems.append(
                    origin.problem(
                        f"anchor {section.anchor!r} not found in the source (after the previous section)", "anchor"
                    )
                )
                start = starts[-1] if starts else 0
            starts.append(start)
        for index, section in enumerate(paper.sections):
            end = starts[index + 1] if index + 1 < len(starts) else len(text)
            section_spans[section.id] = (paper.id, starts[index], end)
            rows[Section].append(
                _row(
                    Section,
                    id=section.id,
                    paper_id=paper.id,
                    position=index,
                    title_zh=section.title_zh,
                    title_en=section.title_en,
                    span_start=starts[index],
                    span_end=end,
                )
            )
        for index, ref in enumerate(paper.references):
            origin = _Origin(shown, raw, ("references", index))
            reader.claim_id(ref.id, origin, "reference")
            if ref.text not in text:
                reader.problems.append(origin.problem("reference text not found verbatim in the source", "text"))
            reference_ids.add(ref.id)
            rows[Reference].append(
                _row(
                    Reference,
                    id=ref.id,
                    paper_id=paper.id,
                    position=index,
                    label=ref.label,
                    kind=ref.kind,
                    text=ref.text,
                )
            )

    # -- concepts
    all_sources = "\n".join(sources.values())
    alias_found: dict[str, bool] = {}  # many concepts share a word: search the sources once
    concept_ids: set[str] = set()
    for path in sorted((data_dir / "concepts").glob("*.yaml")):
        concept_file, raw = reader.parse(path, ConceptFile)
        if concept_file is None:
            continue
        for index, concept in enumerate(concept_file.concepts):
            origin = _Origin(reader.shown(path), raw, ("concepts", index))
            reader.claim_id(concept.id, origin, "concept")
            concept_ids.add(concept.id)
            for alias_index, alias in enumerate(concept.aliases):
                if alias not in alias_found:
                    alias_found[alias] = alias in all_sources
                if not alias_found[alias]:
                    reader.problems.append(
                        origin.problem(f"alias {alias!r} does not appear in any source", "aliases", alias_index)
                    )
            rows[Concept].append(_row(Concept, **concept.model_dump()))
    _mark_labels_in_sources(rows[Concept], sources)

    # -- claims (first pass: the claims themselves; links need every claim id)
    parsed_claims: list[tuple[Any, _Origin, str]] = []  # (entry, origin, paper id)
    claim_paper: dict[str, str] = {}
    for path in sorted((data_dir / "papers").glob("*/claims/*.yaml")):
        claim_file, raw = reader.parse(path, ClaimFile)
        if claim_file is None:
            continue
        shown = reader.shown(path)
        if claim_file.section not in section_spans:
            reader.problems.append(
                _Origin(shown, raw, ()).problem(f"unknown section {claim_file.section!r}", "section")
            )
            continue
        paper_id, start, end = section_spans[claim_file.section]
        if paper_id != path.parent.parent.name:
            reader.problems.append(
                _Origin(shown, raw, ()).problem(
                    f"section {claim_file.section!r} belongs to paper {paper_id!r}, not {path.parent.parent.name!r}",
                    "section",
                )
            )
        text = sources[paper_id]
        for index, entry in enumerate(claim_file.claims):
            origin = _Origin(shown, raw, ("claims", index))
            reader.claim_id(entry.id, origin, "claim")
            claim_paper[entry.id] = paper_id  # known even if its quote fails: no cascade of errors
            parsed_claims.append((entry, origin, paper_id))
            at, found = _find(text, entry.quote_zh, start, end, entry.occurrence)
            if found == 0:
                where = "anywhere in the source" if entry.quote_zh not in text else f"in section {claim_file.section}"
                reader.problems.append(origin.problem(f"quote_zh not found verbatim {where}", "quote_zh"))
                continue
            if found > 1 and entry.occurrence is None:
                reader.problems.append(
                    origin.problem(
                        f"quote_zh occurs {found} times in section {claim_file.section}; add occurrence: 1..{found}",
                        "quote_zh",
                    )
                )
            if at is None:
                reader.problems.append(origin.problem(f"occurrence {entry.occurrence} > {found} found", "occurrence"))
                continue
            if entry.official_en and entry.official_en not in text:
                reader.problems.append(origin.problem("official_en not found verbatim in the source", "official_en"))
            rows[Claim].append(
                _row(
                    Claim,
                    id=entry.id,
                    paper_id=paper_id,
                    section_id=claim_file.section,
                    position=0,
                    kind=entry.kind,
                    weight=entry.weight,
                    quote_zh=entry.quote_zh,
                    text_en=entry.text_en,
                    official_en=entry.official_en,
                    span_start=at,
                    span_end=at + len(entry.quote_zh),
                )
            )

    # reading order: by position in the source, papers in their order
    paper_order = {p.id: p.position for p in rows[Paper]}
    rows[Claim].sort(key=lambda c: (paper_order[c.paper_id], c.span_start, c.id))
    for position, claim in enumerate(rows[Claim]):
        claim.position = position

    # -- claim links, mentions, causal assertions, citations
    causal_edges: dict[str, Any] = {}
    seen_arguments: set[tuple[str, str, str]] = set()
    seen_evidence: set[tuple[str, str]] = set()
    seen_citations: set[tuple[str, str, str | None]] = set()
    for entry, origin, paper_id in parsed_claims:
        mentioned = set()
        for i, concept in enumerate(entry.concepts):
            if concept not in concept_ids:
                reader.problems.append(origin.problem(f"unknown concept {concept!r}", "concepts", i))
            elif concept in mentioned:
                reader.problems.append(origin.problem(f"concept {concept!r} listed twice", "concepts", i))
            else:
                mentioned.add(concept)
                rows[Mention].append(_row(Mention, claim_id=entry.id, concept_id=concept))
        for i, link in enumerate(entry.links):
            if link.to == entry.id:
                reader.problems.append(origin.problem("a claim cannot link to itself", "links", i))
            elif link.to not in claim_paper:
                reader.problems.append(origin.problem(f"unknown claim {link.to!r}", "links", i))
            elif claim_paper[link.to] != paper_id:
                reader.problems.append(
                    origin.problem(
                        f"argument links stay inside one paper ({link.to!r} is in {claim_paper[link.to]!r}); "
                        "use data/cross-paper.yaml",
                        "links",
                        i,
                    )
                )
            elif (entry.id, link.to, link.relation) in seen_arguments:
                reader.problems.append(origin.problem(f"duplicate link {link.relation} → {link.to}", "links", i))
            else:
                seen_arguments.add((entry.id, link.to, link.relation))
                rows[ArgumentLink].append(
                    _row(ArgumentLink, source_id=entry.id, target_id=link.to, relation=link.relation)
                )
        for i, assertion in enumerate(entry.causal):
            ends_ok = True
            for end_name in (assertion.source, assertion.to):
                if end_name not in concept_ids:
                    reader.problems.append(origin.problem(f"unknown concept {end_name!r}", "causal", i))
                    ends_ok = False
                elif end_name not in mentioned:
                    reader.problems.append(
                        origin.problem(
                            f"causal link uses {end_name!r}, which the claim does not mention (add it to concepts)",
                            "causal",
                            i,
                        )
                    )
            if assertion.source == assertion.to:
                reader.problems.append(origin.problem("a causal link cannot join a concept to itself", "causal", i))
                ends_ok = False
            if not ends_ok:
                continue
            edge_id = f"{assertion.source}--{assertion.relation}--{assertion.to}"
            if edge_id not in causal_edges:
                causal_edges[edge_id] = _row(
                    CausalLink,
                    id=edge_id,
                    source_id=assertion.source,
                    target_id=assertion.to,
                    relation=assertion.relation,
                )
            if (edge_id, entry.id) in seen_evidence:
                reader.problems.append(origin.problem(f"duplicate causal link {edge_id}", "causal", i))
                continue
            seen_evidence.add((edge_id, entry.id))
            rows[CausalEvidence].append(
                _row(
                    CausalEvidence,
                    causal_id=edge_id,
                    claim_id=entry.id,
                    basis=assertion.basis,
                    reason=assertion.reason,
                )
            )
        for i, cite in enumerate(entry.cites):
            if cite.ref not in reference_ids:
                reader.problems.append(origin.problem(f"unknown reference {cite.ref!r}", "cites", i))
            elif (entry.id, cite.ref, cite.locator) in seen_citations:
                reader.problems.append(origin.problem(f"duplicate citation of {cite.ref}", "cites", i))
            else:
                seen_citations.add((entry.id, cite.ref, cite.locator))
                rows[Citation].append(_row(Citation, claim_id=entry.id, reference_id=cite.ref, locator=cite.locator))
    rows[CausalLink] = sorted(causal_edges.values(), key=lambda e: e.id)

    # -- cross-paper links
    cross_path = data_dir / "cross-paper.yaml"
    if cross_path.exists():
        cross, raw = reader.parse(cross_path, CrossPaperFile)
        seen_cross: set[tuple[str, str]] = set()
        for index, link in enumerate(cross.links if cross else []):
            origin = _Origin(reader.shown(cross_path), raw, ("links", index))
            unknown = [c for c in (link.source, link.to) if c not in claim_paper]
            if unknown:
                field_name = "from" if unknown[0] == link.source else "to"
                reader.problems.append(origin.problem(f"unknown claim {unknown[0]!r}", field_name))
                continue
            if claim_paper[link.source] == claim_paper[link.to]:
                reader.problems.append(origin.problem("a cross-paper link must join claims of two different papers"))
                continue
            if (link.source, link.to) in seen_cross:
                reader.problems.append(origin.problem(f"duplicate cross-paper link {link.source} → {link.to}"))
                continue
            seen_cross.add((link.source, link.to))
            rows[CrossPaperLink].append(
                _row(CrossPaperLink, source_id=link.source, target_id=link.to, relation=link.relation, note=link.note)
            )

    # -- the record of versions and retired ids (app/versions.py, app/redirects.py)
    rows[DatasetVersion] = read_versions(reader, data_dir, ds.version)
    live = {c.id: "claim" for c in rows[Claim]} | {c.id: "concept" for c in rows[Concept]}
    rows[Redirect] = read_redirects(reader, data_dir, rows[DatasetVersion], live)

    # -- guided tours through what was read above (app/tours_load.py)
    rows[Tour], rows[TourStep] = read_tours(reader, data_dir, rows)

    if reader.problems:
        raise LoadError(reader.problems)
    rows[DatasetInfo] = [
        _row(DatasetInfo, key="version", value=ds.version),
        _row(DatasetInfo, key="content_hash", value=ds.content_hash),
        _row(DatasetInfo, key="licence", value=ds.licence),
        _row(DatasetInfo, key="versions_hash", value=file_hash(data_dir)),
    ]
    return ds


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
