"""The whole map as one networkx MultiDiGraph (no web imports here).

Node and edge attributes are the public shape of the node-link export:
every node has `id` and `type`; every edge has `layer` and `relation`.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import networkx as nx
from sqlalchemy import Row, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from app import queries
from app.models import (
    ArgumentLink,
    CausalEvidence,
    CausalLink,
    Citation,
    Claim,
    Concept,
    CrossPaperLink,
    Mention,
    Paper,
    Reference,
    Section,
)

_built: dict[str, tuple[str, nx.MultiDiGraph]] = {}  # database → (dataset version, its graph)
_building = threading.Lock()


def map_graph(session: Session) -> nx.MultiDiGraph:
    """The graph of the data the session reads, built once per database and dataset version
    (pages and exports read it on every request; none of them changes it)."""
    bind = session.get_bind()
    database = (bind if isinstance(bind, Engine) else bind.engine).url.render_as_string(hide_password=True)
    version = queries.dataset_version(session=session)
    with _building:
        built = _built.get(database)
        if built is None or built[0] != version:
            _built[database] = (version, build_graph(session))
        return _built[database][1]


LABEL_CHARS_EN, LABEL_CHARS_ZH = 48, 18


def short_text(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def node_labels(data: dict[str, Any]) -> tuple[str, str]:
    """(English, Chinese) labels of a node short enough for a map and a search box: text,
    never an id (a claim's English gist and the start of its quote)."""
    kind = data["type"]
    if kind in ("paper", "section"):
        title_zh = data["title_zh"]
        return short_text(data["title_en"] or title_zh, LABEL_CHARS_EN), short_text(title_zh, LABEL_CHARS_ZH)
    if kind == "claim":
        return short_text(data["text_en"], LABEL_CHARS_EN), short_text(data["quote_zh"], LABEL_CHARS_ZH)
    if kind == "concept":
        return data["label_en"], data["label_zh"]
    label = f"{data['label']} {data['text']}"
    return short_text(label, LABEL_CHARS_EN), short_text(label, LABEL_CHARS_ZH)


def _rows(session: Session, table: Any, *order: Any) -> Sequence[Row[Any]]:
    """A table's rows as plain tuples with named columns (no ORM objects: a large map has
    hundreds of thousands of rows), in the same order as app/queries.py gives them."""
    columns = [c for c in table.__table__.columns if c.name != "source_text"]  # the graph holds no texts
    return session.execute(select(*columns).order_by(*(col(o) for o in order))).all()


def build_graph(session: Session) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for paper in _rows(session, Paper, Paper.position):
        graph.add_node(
            paper.id,
            type="paper",
            title_zh=paper.title_zh,
            title_en=paper.title_en,
            authors_zh=paper.authors_zh,
            year=paper.year,
            journal=paper.journal,
            doi=paper.doi,
            body_available=paper.body_available,
        )
    for section in _rows(session, Section, Section.paper_id, Section.position):
        graph.add_node(
            section.id,
            type="section",
            paper=section.paper_id,
            title_zh=section.title_zh,
            title_en=section.title_en,
            position=section.position,
            span=[section.span_start, section.span_end],
        )
        graph.add_edge(section.paper_id, section.id, layer="structure", relation="has-section")
    claim_paper: dict[str, str] = {}
    for claim in _rows(session, Claim, Claim.position):
        claim_paper[claim.id] = claim.paper_id
        graph.add_node(
            claim.id,
            type="claim",
            paper=claim.paper_id,
            section=claim.section_id,
            quote_zh=claim.quote_zh,
            text_en=claim.text_en,
            official_en=claim.official_en,
            kind=claim.kind,
            weight=claim.weight,
            span=[claim.span_start, claim.span_end],
            position=claim.position,
        )
        graph.add_edge(claim.section_id, claim.id, layer="structure", relation="contains")
    for concept in _rows(session, Concept, Concept.id):
        graph.add_node(
            concept.id,
            type="concept",
            label_zh=concept.label_zh,
            label_en=concept.label_en,
            definition_en=concept.definition_en,
            definition_zh=concept.definition_zh,
            aliases=list(concept.aliases),
            label_in=list(concept.label_in),
        )
    for ref in _rows(session, Reference, Reference.paper_id, Reference.position):
        graph.add_node(ref.id, type="reference", paper=ref.paper_id, label=ref.label, kind=ref.kind, text=ref.text)
        graph.add_edge(ref.paper_id, ref.id, layer="structure", relation="lists")
    for link in _rows(session, ArgumentLink, ArgumentLink.row):
        graph.add_edge(link.source_id, link.target_id, layer="argument", relation=link.relation)
    evidence: dict[str, list[str]] = defaultdict(list)
    stated_in: dict[str, list[str]] = defaultdict(list)
    for item in _rows(session, CausalEvidence, CausalEvidence.row):
        evidence[item.causal_id].append(item.claim_id)
        if item.basis == "stated":
            stated_in[item.causal_id].append(item.claim_id)
    for causal in _rows(session, CausalLink, CausalLink.id):
        claims = sorted(evidence[causal.id])
        graph.add_edge(
            causal.source_id,
            causal.target_id,
            key=causal.id,
            layer="causal",
            relation=causal.relation,
            evidence=claims,
            papers=sorted({claim_paper[c] for c in claims}),
            basis="stated" if stated_in[causal.id] else "inferred",  # stated when any claim's words state it
            stated_in=sorted(stated_in[causal.id]),
        )
    for cross in _rows(session, CrossPaperLink, CrossPaperLink.row):
        graph.add_edge(cross.source_id, cross.target_id, layer="cross-paper", relation=cross.relation, note=cross.note)
    for mention in _rows(session, Mention, Mention.row):
        graph.add_edge(mention.claim_id, mention.concept_id, layer="mentions", relation="mentions")
    for citation in _rows(session, Citation, Citation.row):
        graph.add_edge(
            citation.claim_id, citation.reference_id, layer="cites", relation="cites", locator=citation.locator
        )
    return graph
