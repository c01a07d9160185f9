"""What every format renders from: the (filtered) graph, the header, and the source texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from app.exports.filters import Filters, apply_filters
from app.exports.header import export_header
from app.read.graph import graph_of
from app.read.snapshot import Snapshot


@dataclass
class ExportContext:
    graph: nx.MultiDiGraph
    header: dict[str, Any]
    filters: Filters = field(default_factory=Filters)
    sources: dict[str, str] = field(default_factory=dict)  # paper id → cleaned source text
    papers: dict[str, dict[str, Any]] = field(default_factory=dict)  # every paper's metadata, even when filtered out
    base_url: str = ""  # the site's public address: ids in the linked-data formats are absolute from it

    @property
    def version(self) -> str:
        return str(self.header["dataset_version"])


def build_context(
    snapshot: Snapshot, filters: Filters, *, with_sources: bool = False, base_url: str = ""
) -> ExportContext:
    """Everything taken from the snapshot up front: rendering (streamed) reads only this."""
    rows = snapshot.papers
    papers = {
        p.id: {
            "title_zh": p.title_zh,
            "title_en": p.title_en,
            "authors_zh": p.authors_zh,
            "authors_en": p.authors_en,
            "year": p.year,
        }
        for p in rows
    }
    sources = {p.id: p.source_text for p in rows} if with_sources else {}
    return ExportContext(
        graph=apply_filters(graph_of(snapshot), filters),
        header=export_header(snapshot, filters),
        filters=filters,
        sources=sources,
        papers=papers,
        base_url=base_url,
    )
