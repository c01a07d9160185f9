"""Spreadsheets: `claims.csv`, `links.csv`, `concepts.csv`.

UTF-8 with a byte-order mark: Excel takes a BOM-less CSV for the local ANSI code page and
garbles Chinese, while LibreOffice, pandas (`encoding="utf-8-sig"`) and Python's csv module
read the BOM as UTF-8. RFC 4180 quoting and CRLF line ends. Lists of ids are separated by
spaces (ids never contain one), aliases by " | ". An unknown value is an empty cell. The last
column names the dataset version, so a copied sheet still says where it came from.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from app.exports.context import ExportContext

BOM = "\ufeff"
CLAIM_COLUMNS = (
    "id",
    "paper",
    "section",
    "position",
    "kind",
    "weight",
    "quote_zh",
    "text_en",
    "official_en",
    "span_start",
    "span_end",
    "concepts",
    "url",
    "dataset_version",
)
LINK_COLUMNS = (
    "layer",
    "relation",
    "source",
    "source_type",
    "target",
    "target_type",
    "note",
    "note_zh",
    "evidence",
    "papers",
    "basis",
    "stated_in",
    "locator",
    "dataset_version",
)
CONCEPT_COLUMNS = (
    "id",
    "label_zh",
    "label_en",
    "definition_en",
    "definition_zh",
    "aliases",
    "label_in",
    "claims",
    "dataset_version",
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return str(value)


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(columns)
    yield BOM + flush()
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
        yield flush()


def claims(ctx: ExportContext) -> Iterator[str]:
    graph = ctx.graph

    def rows() -> Iterator[dict[str, Any]]:
        for node, data in graph.nodes(data=True):
            if data["type"] != "claim":
                continue
            concepts = [t for _, t, layer in graph.out_edges(node, data="layer") if layer == "mentions"]
            span = data.get("span") or [None, None]
            yield {
                **data,
                "id": node,
                "span_start": span[0],
                "span_end": span[1],
                "concepts": concepts,
                "url": f"/claims/{node}",
                "dataset_version": ctx.version,
            }

    return _csv(CLAIM_COLUMNS, rows())


def links(ctx: ExportContext) -> Iterator[str]:
    graph = ctx.graph

    def rows() -> Iterator[dict[str, Any]]:
        for source, target, data in graph.edges(data=True):
            yield {
                **data,
                "source": source,
                "target": target,
                "source_type": graph.nodes[source]["type"],
                "target_type": graph.nodes[target]["type"],
                "dataset_version": ctx.version,
            }

    return _csv(LINK_COLUMNS, rows())


def concepts(ctx: ExportContext) -> Iterator[str]:
    graph = ctx.graph

    def rows() -> Iterator[dict[str, Any]]:
        for node, data in graph.nodes(data=True):
            if data["type"] != "concept":
                continue
            mentioned_by = sum(1 for _, _, layer in graph.in_edges(node, data="layer") if layer == "mentions")
            yield {
                **data,
                "id": node,
                "aliases": " | ".join(data.get("aliases") or []),
                "claims": mentioned_by,
                "dataset_version": ctx.version,
            }

    return _csv(CONCEPT_COLUMNS, rows())
