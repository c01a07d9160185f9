"""Every claim as a W3C Web Annotation on its source text (`annotations.jsonld`).

The target is the cleaned source as plain text (`/export/sources/<paper>.txt`), anchored
the way Hypothes.is anchors a quote: a `TextQuoteSelector` (the exact quote with up to 32
characters before and after it) and a `TextPositionSelector` (start and end in Unicode code
points, end exclusive). The bodies: the English paraphrase (`describing`), the paper's own
English where it has one (`describing`, marked `official`), the kind and weight (`tagging`),
and the claim's page (`linking`). Ids are absolute from the site's address, so a downloaded
copy still resolves. The `argmap` block (dataset version, licence, how to cite) is defined in
the file's own context as a JSON literal, so JSON-LD processors keep it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.exports.context import ExportContext
from app.exports.streaming import Items, json_document

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_LENGTH = 32  # what Hypothes.is keeps around a quote
SELF = "/export/annotations.jsonld"


def context(base_url: str) -> list[Any]:
    """The Web Annotation context, plus the `argmap` term (JSON-LD 1.1 `@json`: kept as is)."""
    return [ANNOTATION_CONTEXT, {"@version": 1.1, "argmap": {"@id": f"{base_url}{SELF}#argmap", "@type": "@json"}}]


def selectors(text: str, start: int, end: int) -> list[dict[str, Any]]:
    return [
        {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT_LENGTH) : start],
            "suffix": text[end : end + CONTEXT_LENGTH],
        },
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def annotation(claim: str, data: dict[str, Any], source_text: str, base_url: str) -> dict[str, Any]:
    start, end = data["span"]
    bodies: list[dict[str, Any]] = [
        {
            "type": "TextualBody",
            "value": data["text_en"],
            "language": "en",
            "format": "text/plain",
            "purpose": "describing",
        },
    ]
    if data.get("official_en"):
        bodies.append(
            {
                "type": "TextualBody",
                "value": data["official_en"],
                "language": "en",
                "format": "text/plain",
                "purpose": "describing",
                "label": "official",
            }
        )
    bodies += [
        {"type": "TextualBody", "value": data["kind"], "purpose": "tagging"},
        {"type": "TextualBody", "value": data["weight"], "purpose": "tagging"},
        {"id": f"{base_url}/claims/{claim}", "type": "Text", "format": "text/html", "purpose": "linking"},
    ]
    return {
        "id": f"{base_url}{SELF}#{claim}",
        "type": "Annotation",
        "motivation": "describing",
        "body": bodies,
        "target": {
            "source": f"{base_url}/export/sources/{data['paper']}.txt",
            "type": "Text",
            "format": "text/plain",
            "language": "zh",
            "selector": selectors(source_text, start, end),
        },
    }


def render(ctx: ExportContext) -> Iterator[str]:
    claims = [(node, data) for node, data in ctx.graph.nodes(data=True) if data["type"] == "claim"]
    items = (annotation(node, data, ctx.sources[data["paper"]], ctx.base_url) for node, data in claims)
    collection = ctx.base_url + SELF
    yield from json_document(
        {
            "@context": context(ctx.base_url),
            "id": collection,
            "type": "AnnotationCollection",
            "label": f"argmap {ctx.version}: every claim anchored in its source text",
            "total": len(claims),
            "first": {"id": f"{collection}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": Items(items)},
            "argmap": ctx.header,
        }
    )
