"""The whole map as one networkx MultiDiGraph (no web imports here).

Node and edge attributes are the public shape of the node-link export:
every node has `id` and `type`; every edge has `layer` and `relation`.
"""

from __future__ import annotations

import threading
from collections import defaultdict

import networkx as nx
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app import queries

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


def build_graph(session: Session) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for paper in queries.papers(session=session):
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
    for section in queries.sections(session=session):
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
    for claim in queries.claims(session=session):
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
    for concept in queries.concepts(session=session):
        graph.add_node(
            concept.id,
            type="concept",
            label_zh=concept.label_zh,
            label_en=concept.label_en,
            definition_en=concept.definition_en,
            aliases=list(concept.aliases),
        )
    for ref in queries.references(session=session):
        graph.add_node(ref.id, type="reference", paper=ref.paper_id, label=ref.label, kind=ref.kind, text=ref.text)
        graph.add_edge(ref.paper_id, ref.id, layer="structure", relation="lists")
    for link in queries.argument_links(session=session):
        graph.add_edge(link.source_id, link.target_id, layer="argument", relation=link.relation)
    evidence: dict[str, list[str]] = defaultdict(list)
    for item in queries.causal_evidence(session=session):
        evidence[item.causal_id].append(item.claim_id)
    for causal in queries.causal_links(session=session):
        claims = sorted(evidence[causal.id])
        graph.add_edge(
            causal.source_id,
            causal.target_id,
            key=causal.id,
            layer="causal",
            relation=causal.relation,
            evidence=claims,
            papers=sorted({claim_paper[c] for c in claims}),
        )
    for cross in queries.cross_paper_links(session=session):
        graph.add_edge(cross.source_id, cross.target_id, layer="cross-paper", relation=cross.relation, note=cross.note)
    for mention in queries.mentions(session=session):
        graph.add_edge(mention.claim_id, mention.concept_id, layer="mentions", relation="mentions")
    for citation in queries.citations(session=session):
        graph.add_edge(
            citation.claim_id, citation.reference_id, layer="cites", relation="cites", locator=citation.locator
        )
    return graph
