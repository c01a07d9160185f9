"""The JSON Schema (draft 2020-12) of `graph.json`, served at `/export/schema.json`.

Built from the vocabularies in app/dataset/schema.py, so a new kind or relation reaches the schema
by itself; tests validate the served graph against it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.dataset.schema import (
    ARGUMENT_RELATIONS,
    CAUSAL_BASES,
    CAUSAL_RELATIONS,
    CLAIM_KINDS,
    CROSS_PAPER_RELATIONS,
    LAYERS,
    REFERENCE_KINDS,
    SLUG_PATTERN,
    WEIGHTS,
)
from app.exports.context import ExportContext
from app.exports.streaming import json_document

STRUCTURE_RELATIONS = ("has-section", "contains", "lists")
SLUG = {"$ref": "#/$defs/slug"}
TEXT = {"type": "string", "minLength": 1}
MAYBE_TEXT = {"type": ["string", "null"]}
SPAN = {
    "type": "array",
    "prefixItems": [{"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 0}],
    "items": False,
    "minItems": 2,
    "description": "[start, end) in Unicode code points of the cleaned source",
}


def _object(required: dict[str, Any], optional: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    properties = {**required, **(optional or {})}
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(required),
        "additionalProperties": False,
        **extra,
    }


def _node(kind: str, fields: dict[str, Any], description: str) -> dict[str, Any]:
    return _object({"id": SLUG, "type": {"const": kind}, **fields}, description=description)


def _edge(layer: str, relations: tuple[str, ...], fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return _object(
        {
            "source": SLUG,
            "target": SLUG,
            "key": {"type": "string", "description": "The edge's id, the same in GraphML and Cytoscape."},
            "layer": {"const": layer},
            "relation": {"enum": list(relations)},
            **(fields or {}),
        }
    )


def graph_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "/export/schema.json",
        "title": "argmap graph.json",
        "description": "The argument map as networkx node-link JSON (networkx.node_link_graph(data, edges='edges')). "
        "Unknown metadata are null.",
        **_object(
            {
                "directed": {"const": True},
                "multigraph": {"const": True},
                "graph": {"$ref": "#/$defs/header"},
                "nodes": {"type": "array", "items": {"$ref": "#/$defs/node"}},
                "edges": {"type": "array", "items": {"$ref": "#/$defs/edge"}},
            }
        ),
        "$defs": {
            "slug": {"type": "string", "pattern": SLUG_PATTERN},
            "header": _object(
                {
                    "name": {"const": "argmap"},
                    "dataset_version": {
                        "type": "string",
                        "pattern": r"^\d+\.\d+\.\d+\+[0-9a-f]{12}$",
                        "description": "semantic version + the first 12 digits of the content hash",
                    },
                    "version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
                    "content_hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "licence": MAYBE_TEXT,
                    "cite_as": TEXT,
                    "filters": _object(
                        {
                            "paper": {"type": ["string", "null"]},
                            "layers": {"type": ["array", "null"], "items": {"enum": list(LAYERS)}},
                            "concept": {"type": ["string", "null"]},
                        }
                    ),
                    "sources": {"type": "array", "items": _object({"paper": SLUG, "title_zh": TEXT, "source": TEXT})},
                }
            ),
            "node": {
                "oneOf": [
                    _node(
                        "paper",
                        {
                            "title_zh": TEXT,
                            "title_en": MAYBE_TEXT,
                            "authors_zh": {"type": ["array", "null"], "items": TEXT},
                            "year": {"type": ["integer", "null"]},
                            "journal": MAYBE_TEXT,
                            "doi": MAYBE_TEXT,
                            "body_available": {"type": "boolean"},
                        },
                        "a paper",
                    ),
                    _node(
                        "section",
                        {
                            "paper": SLUG,
                            "title_zh": TEXT,
                            "title_en": TEXT,
                            "position": {"type": "integer"},
                            "span": SPAN,
                        },
                        "a section of a paper",
                    ),
                    _node(
                        "claim",
                        {
                            "paper": SLUG,
                            "section": SLUG,
                            "quote_zh": TEXT,
                            "text_en": TEXT,
                            "official_en": MAYBE_TEXT,
                            "kind": {"enum": list(CLAIM_KINDS)},
                            "weight": {"enum": list(WEIGHTS)},
                            "span": SPAN,
                            "position": {"type": "integer"},
                        },
                        "one assertion of one paper: quote_zh is verbatim from the cleaned source at span",
                    ),
                    _node(
                        "concept",
                        {
                            "label_zh": TEXT,
                            "label_en": TEXT,
                            "definition_en": TEXT,
                            "definition_zh": MAYBE_TEXT,
                            "aliases": {"type": "array", "items": TEXT},
                            "label_in": {
                                "type": "array",
                                "items": SLUG,
                                "description": "the papers whose source uses label_zh; empty: a label argmap coined",
                            },
                        },
                        "a concept of the shared vocabulary",
                    ),
                    _node(
                        "reference",
                        {"paper": SLUG, "label": TEXT, "kind": {"enum": list(REFERENCE_KINDS)}, "text": TEXT},
                        "a bibliography entry or footnote",
                    ),
                ]
            },
            "edge": {
                "oneOf": [
                    _edge("structure", STRUCTURE_RELATIONS),
                    _edge("argument", ARGUMENT_RELATIONS),
                    _edge(
                        "causal",
                        CAUSAL_RELATIONS,
                        {
                            "evidence": {
                                "type": "array",
                                "items": SLUG,
                                "minItems": 1,
                                "description": "the claims asserting the link",
                            },
                            "papers": {
                                "type": "array",
                                "items": SLUG,
                                "minItems": 1,
                                "description": "the papers holding it",
                            },
                            "basis": {
                                "enum": [*CAUSAL_BASES, None],
                                "description": "stated: a claim's quoted words assert the link; "
                                "inferred: argmap's reading of them",
                            },
                            "stated_in": {
                                "type": "array",
                                "items": SLUG,
                                "description": "the evidence claims whose words state it",
                            },
                        },
                    ),
                    _edge(
                        "cross-paper",
                        CROSS_PAPER_RELATIONS,
                        {"note": TEXT, "note_zh": {**MAYBE_TEXT, "description": "the note in Chinese, if written"}},
                    ),
                    _edge("mentions", ("mentions",)),
                    _edge("cites", ("cites",), {"locator": MAYBE_TEXT}),
                ]
            },
        },
    }


def render(ctx: ExportContext) -> Iterator[str]:
    # The schema does not depend on the data; its version names the data it was served with.
    yield from json_document({**graph_schema(), "$comment": f"argmap dataset {ctx.version}"})
