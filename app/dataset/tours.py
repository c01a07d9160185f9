"""Guided tours (data/tours/<tour>.yaml): the loader's checks and the rows they give.

A tour is an ordered list of steps, each pointing at a claim, a concept, a causal chain or a
graph view, with a teaching note in the project's own words. Every target must exist in the
dataset being loaded; a chain must really be a causal path. `read_tours` is the loader's step
(called once from app/dataset/loader.py); every problem goes to `reader.problems` as path:line.

A tour names the papers it is about. A tour whose papers are not all in the dataset is left
out rather than refused, so a dataset without one of them (a test's reduced copy, a fork
about other papers) still loads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import networkx as nx
from pydantic import ConfigDict, Field

from app.database.models import CausalEvidence, CausalLink, Claim, Concept, Paper, Reference, Section, Tour, TourStep
from app.dataset.reader import Origin, Reader, build_row
from app.dataset.schema import LAYERS, SLUG_PATTERN, Slug, Strict, Text
from app.dataset.yaml_lines import Problem, line_of
from app.read import chains
from app.read.graph_views import MAX_DEPTH, MIN_DEPTH  # the graph explorer's depth range (no web imports there)

TOURS_DIR = "tours"
STEP_KINDS = ("claim", "concept", "chain", "graph")
# The target fields each kind of step takes; any other target field is a mistake.
TARGET_FIELDS: dict[str, tuple[str, ...]] = {
    "claim": ("claim",),
    "concept": ("concept",),
    "chain": ("source", "to", "length", "held"),
    "graph": ("focus", "depth", "layers"),
}
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "claim": ("claim",),
    "concept": ("concept",),
    "chain": ("source", "to"),
    "graph": ("focus",),
}
FIELD_NAMES = {"source": "from"}  # as written in the file
Reporter = Callable[..., None]  # problem(message, *where): a problem at the line of `where` in the step


class StepEntry(Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    kind: Literal["claim", "concept", "chain", "graph"]
    title_en: Text
    title_zh: Text | None = None
    note_en: Text
    note_zh: Text | None = None
    claim: Slug | None = None
    concept: Slug | None = None
    source: Slug | None = Field(default=None, alias="from")
    to: Slug | None = None
    length: int | None = Field(default=None, ge=1, le=chains.MAX_LENGTH)
    held: Slug | None = None  # as on /chains: any, both, or a paper id
    focus: Slug | None = None
    depth: int | None = Field(default=None, ge=MIN_DEPTH, le=MAX_DEPTH)
    layers: list[str] | None = None


class TourFile(Strict):
    title_en: Text
    title_zh: Text
    summary_en: Text
    summary_zh: Text | None = None
    papers: list[Slug] = Field(min_length=1)
    steps: list[StepEntry] = Field(min_length=1)


def _stated_causal_graph(rows: dict[type, list[Any]]) -> nx.MultiDiGraph:
    """The causal links of the rows being loaded that the authors' own words state, in the
    shape app/read/chains.py walks: a tour teaches a chain as the authors', so it walks only these."""
    paper_of = {c.id: c.paper_id for c in rows[Claim]}
    evidence: dict[str, list[str]] = defaultdict(list)
    for item in rows[CausalEvidence]:
        if item.basis == "stated":
            evidence[item.causal_id].append(item.claim_id)
    causal = nx.MultiDiGraph()
    for link in rows[CausalLink]:
        claims = sorted(evidence[link.id])
        if not claims:
            continue
        causal.add_edge(
            link.source_id,
            link.target_id,
            key=link.id,
            relation=link.relation,
            evidence=claims,
            papers=sorted({paper_of[c] for c in claims if c in paper_of}),
        )
    return causal


@dataclass
class _Targets:
    """What a step may point at: the ids read so far and the stated causal graph."""

    papers: set[str]
    claims: set[str]
    concepts: set[str]
    nodes: set[str]  # what a graph step may focus on
    causal: nx.MultiDiGraph


def read_tours(reader: Reader, data_dir: Path, rows: dict[type, list[Any]]) -> tuple[list[Any], list[Any]]:
    """Check every tour file against the rows already read; return the tours and their steps."""
    folder = data_dir / TOURS_DIR
    if not folder.is_dir():
        return [], []
    targets = _targets(data_dir, rows)
    tours: list[Any] = []
    steps: list[Any] = []
    for path in sorted(folder.glob("*.yaml")):
        read = _read_tour(reader, path, targets, position=len(tours))
        if read is not None:
            tours.append(read[0])
            steps += read[1]
    return tours, steps


def _targets(data_dir: Path, rows: dict[type, list[Any]]) -> _Targets:
    paper_dirs = (data_dir / "papers").iterdir() if (data_dir / "papers").is_dir() else iter(())
    claims = {c.id for c in rows[Claim]}
    concepts = {c.id for c in rows[Concept]}
    return _Targets(
        papers={p.id for p in rows[Paper]} | {p.name for p in paper_dirs if p.is_dir()},
        claims=claims,
        concepts=concepts,
        nodes=claims | concepts | {r.id for table in (Paper, Section, Reference) for r in rows[table]},
        causal=_stated_causal_graph(rows),
    )


def _read_tour(reader: Reader, path: Path, targets: _Targets, position: int) -> tuple[Any, list[Any]] | None:
    """One tour file: its row and its steps' rows, or None if it has a problem or is left out."""
    shown = reader.shown(path)
    tour_id = path.stem
    if not _is_slug(tour_id):
        reader.problems.append(Problem(shown, 1, f"the file name {path.name!r} must be a slug: the tour's id"))
        return None
    parsed, raw = reader.parse(path, TourFile)
    if parsed is None:
        return None
    if any(paper not in targets.papers for paper in parsed.papers):
        return None  # a tour of a paper this dataset does not hold: left out, see above
    before = len(reader.problems)
    steps = []
    for index, entry in enumerate(parsed.steps):
        _check_step(entry, _reporter(reader, shown, raw, index), targets)
        steps.append(_step_row(tour_id, index + 1, entry, Origin(shown, raw, ("steps", index))))
    if len(reader.problems) != before:
        return None
    tour = build_row(
        Tour,
        Origin(shown, raw, ()),
        id=tour_id,
        position=position,
        title_en=parsed.title_en,
        title_zh=parsed.title_zh,
        summary_en=parsed.summary_en,
        summary_zh=parsed.summary_zh,
        papers=list(parsed.papers),
    )
    return tour, steps


def _reporter(reader: Reader, shown: str, raw: Any, index: int) -> Reporter:
    """Report a problem of step `index` at the line of the named field (or of the step)."""

    def problem(message: str, *where: object) -> None:
        reader.problems.append(Problem(shown, line_of(raw, ("steps", index, *where)), message))

    return problem


def _is_slug(text: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, text) is not None


def _check_step(entry: StepEntry, problem: Reporter, targets: _Targets) -> None:
    all_targets = {name for fields in TARGET_FIELDS.values() for name in fields}
    given = {name for name in all_targets if getattr(entry, name) is not None}
    for name in sorted(given - set(TARGET_FIELDS[entry.kind])):
        written = FIELD_NAMES.get(name, name)
        problem(f"a {entry.kind} step has no {written!r} (it takes {_fields(entry.kind)})", written)
    missing = [name for name in REQUIRED_FIELDS[entry.kind] if getattr(entry, name) is None]
    if missing:
        problem(f"a {entry.kind} step needs {_fields(entry.kind, required=True)}", "kind")
        return
    if entry.kind == "claim" and entry.claim not in targets.claims:
        problem(f"unknown claim {entry.claim!r}", "claim")
    elif entry.kind == "concept" and entry.concept not in targets.concepts:
        problem(f"unknown concept {entry.concept!r}", "concept")
    elif entry.kind == "chain":
        _check_chain(entry, problem, targets.concepts, targets.causal, targets.papers)
    elif entry.kind == "graph":
        if entry.focus not in targets.nodes:
            problem(f"unknown graph node {entry.focus!r} (a paper, section, claim, concept or reference)", "focus")
        for position, layer in enumerate(entry.layers or []):
            if layer not in LAYERS:
                problem(f"unknown layer {layer!r}; choose from {', '.join(LAYERS)}", "layers", position)


def _check_chain(
    entry: StepEntry, problem: Reporter, concepts: set[str], causal: nx.MultiDiGraph, papers: set[str]
) -> None:
    held = entry.held or "any"
    if held not in ("any", "both", *papers):
        problem(f"held must be any, both or a paper id, not {held!r}", "held")
        return
    ends_known = True
    for name in ("source", "to"):
        value = getattr(entry, name)
        if value not in concepts:
            problem(f"unknown concept {value!r}", FIELD_NAMES.get(name, name))
            ends_known = False
    if not ends_known:
        return
    assert entry.source is not None and entry.to is not None
    length = entry.length or chains.DEFAULT_LENGTH
    found, _ = chains.find_chains(
        causal, entry.source, entry.to, max_length=length, held=held, all_papers=frozenset(papers), limit=1
    )
    if not found:
        held_by = "" if held == "any" else f" held by {held}"
        problem(
            f"no causal chain of links the authors state (basis: stated){held_by} leads from {entry.source!r} "
            f"to {entry.to!r} in at most {length} steps",
            "from",
        )


def _fields(kind: str, *, required: bool = False) -> str:
    names = REQUIRED_FIELDS[kind] if required else TARGET_FIELDS[kind]
    return ", ".join(repr(FIELD_NAMES.get(name, name)) for name in names)


def _step_row(tour_id: str, position: int, entry: StepEntry, origin: Origin) -> Any:
    return build_row(
        TourStep,
        origin,
        tour_id=tour_id,
        position=position,
        kind=entry.kind,
        title_en=entry.title_en,
        title_zh=entry.title_zh,
        note_en=entry.note_en,
        note_zh=entry.note_zh,
        claim_id=entry.claim,
        concept_id=entry.concept,
        chain_from=entry.source,
        chain_to=entry.to,
        chain_length=entry.length,
        chain_held=entry.held,
        focus=entry.focus,
        depth=entry.depth,
        layers=list(entry.layers) if entry.layers is not None else None,
    )
