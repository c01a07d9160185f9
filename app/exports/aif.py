"""The Argument Interchange Format as AIFdb and OVA exchange it (`aif.json`).

- every claim is an I-node (`text`: the verbatim Chinese quote), asserted by a locution:
  an L-node (`<authors>: <quote>`) joined to it through a YA-node `Asserting`, with its
  entry in `locutions` (`personID`: the paper, listed in `participants`);
- every argument link is an S-node between its two claims (claim → S → claim): `supports`
  and `elaborates` an RA `Default Inference`, `exemplifies` an RA `Example`, `contrasts` a
  CA `Default Conflict`;
- every cross-paper link is an S-node of its own: `agrees` and `differs-in-emphasis` an MA
  `Default Rephrase`, `complements` and `extends` an RA `Default Inference`, `contrasts` a CA;
- an S-node's id is `source--relation--target`, so the argmap relation is kept;
- `argmap` (ignored by AIF readers) holds the header and the node ids of each paper's
  argument and of the cross-paper links.
No timestamps, so the same data give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.exports.context import ExportContext
from app.exports.streaming import Items, json_document

# argmap relation → (AIF node type, scheme name as AIFdb writes it)
SCHEMES: dict[str, tuple[str, str]] = {
    "supports": ("RA", "Default Inference"),
    "elaborates": ("RA", "Default Inference"),
    "exemplifies": ("RA", "Example"),
    "contrasts": ("CA", "Default Conflict"),
    "agrees": ("MA", "Default Rephrase"),
    "differs-in-emphasis": ("MA", "Default Rephrase"),
    "complements": ("RA", "Default Inference"),
    "extends": ("RA", "Default Inference"),
}
ARGUMENT_LAYERS = ("argument", "cross-paper")


def _authors(ctx: ExportContext, paper: str) -> str:
    return "、".join(ctx.papers.get(paper, {}).get("authors_zh") or []) or paper


def _claims(ctx: ExportContext) -> list[tuple[str, dict[str, Any]]]:
    return [(node, data) for node, data in ctx.graph.nodes(data=True) if data["type"] == "claim"]


def _links(ctx: ExportContext) -> list[tuple[str, str, dict[str, Any]]]:
    return [(s, t, d) for s, t, d in ctx.graph.edges(data=True) if d["layer"] in ARGUMENT_LAYERS]


def _nodes(ctx: ExportContext) -> Iterator[dict[str, Any]]:
    for node, data in _claims(ctx):
        yield {"nodeID": node, "text": data["quote_zh"], "type": "I"}
        yield {
            "nodeID": f"{node}--locution",
            "text": f"{_authors(ctx, data['paper'])}: {data['quote_zh']}",
            "type": "L",
        }
        yield {"nodeID": f"{node}--asserting", "text": "Asserting", "type": "YA", "scheme": "Asserting"}
    for source, target, data in _links(ctx):
        kind, scheme = SCHEMES[data["relation"]]
        yield {"nodeID": f"{source}--{data['relation']}--{target}", "text": scheme, "type": kind, "scheme": scheme}


def _edges(ctx: ExportContext) -> Iterator[dict[str, Any]]:
    for node, _ in _claims(ctx):
        for start, end in ((f"{node}--locution", f"{node}--asserting"), (f"{node}--asserting", node)):
            yield {"edgeID": f"{start}>{end}", "fromID": start, "toID": end, "formEdgeID": None}
    for source, target, data in _links(ctx):
        scheme_node = f"{source}--{data['relation']}--{target}"
        for start, end in ((source, scheme_node), (scheme_node, target)):
            yield {"edgeID": f"{start}>{end}", "fromID": start, "toID": end, "formEdgeID": None}


def _locutions(ctx: ExportContext) -> Iterator[dict[str, Any]]:
    for node, data in _claims(ctx):
        yield {
            "nodeID": f"{node}--locution",
            "personID": data["paper"],
            "start": None,
            "end": None,
            "source": f"/papers/{data['paper']}/text#{node}",
        }


def _arguments(ctx: ExportContext) -> dict[str, Any]:
    papers: dict[str, list[str]] = {}
    for node, data in _claims(ctx):
        papers.setdefault(data["paper"], []).append(node)
    cross = []
    for source, target, data in _links(ctx):
        scheme_node = f"{source}--{data['relation']}--{target}"
        if data["layer"] == "cross-paper":
            cross.append(scheme_node)
        else:
            papers.setdefault(ctx.graph.nodes[source]["paper"], []).append(scheme_node)
    return {
        "papers": Items({"paper": paper, "nodeIDs": ids} for paper, ids in papers.items()),
        "cross_paper": Items(cross),
    }


def render(ctx: ExportContext) -> Iterator[str]:
    order = {paper: index for index, paper in enumerate(ctx.papers)}
    papers = sorted({data["paper"] for _, data in _claims(ctx)}, key=lambda p: (order.get(p, len(order)), p))
    participants = [{"participantID": paper, "firstname": "", "surname": _authors(ctx, paper)} for paper in papers]
    yield from json_document(
        {
            "nodes": Items(_nodes(ctx)),
            "edges": Items(_edges(ctx)),
            "locutions": Items(_locutions(ctx)),
            "participants": participants,
            "argmap": {**ctx.header, "arguments": _arguments(ctx)},
        }
    )
