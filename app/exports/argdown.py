"""The map in Argdown (`argmap.argdown`) and in the shape of Argdown's JSON export
(`argdown.json`), so Argdown users can open it; with `aif.json` this bridges Argdown and AIF.

The mapping, the same in both files:
- every claim is a statement titled with its id (`[qi-li-thesis]`), its text the verbatim
  Chinese quote, tagged with its kind and weight; its English is a `//` comment in the
  text file and `data.en` in the JSON; statements sit in Argdown sections per paper and
  section (`# paper`, `## section`);
- an argument link is a relation from its claim to the target claim: `supports`,
  `elaborates`, `exemplifies` → `+>` (support), `contrasts` → `->` (attack);
- every cross-paper link is an argument `<source relation target>` whose description is the link's note:
  the lu-yang claim supports it (`<+`), and it supports (`+>`, for agrees, complements, extends) or attacks
  (`->`, for contrasts) the qi-li claim; `differs-in-emphasis` mentions the qi-li claim instead;
- Argdown has no place for concept → concept links, so the causal links a claim asserts
  (when the causal layer is exported) are a `// causal (stated|inferred): a relation b`
  comment under the claim in the text file and `data.causal` (with `basis`) in the JSON.

`argdown.json` is what Argdown's own JSONExportPlugin makes of `argmap.argdown` (checked with @argdown/core
1.x: the same statements, arguments, relations, map nodes and edges), except that a statement's `text` is
the verbatim quote without the `#(tags)` Argdown leaves in it (they are in `tags`), source locations are
left out, sections keep argmap's ids, and statements and relations carry argmap's data (`data.en`, …).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.exports.context import ExportContext
from app.exports.streaming import Entries, Items, dumps, json_document

SUPPORTING = {"supports", "elaborates", "exemplifies", "agrees", "complements", "extends"}
ATTACKING = {"contrasts"}
SPECIAL = set("\\@#*_[]<>{}/")  # characters Argdown reads as syntax inside a line (tags, mentions, titles, comments)
EMPTY_TITLE = "No claims"
EMPTY_TEXT = "These filters leave no claim and no link of the map to show:"


def escape(text: str) -> str:
    return "".join("\\" + ch if ch in SPECIAL else ch for ch in text.replace("\n", " "))


def _argument_title(source: str, relation: str, target: str) -> str:
    return f"{source} {relation} {target}"


def _claims_by_section(ctx: ExportContext) -> dict[str, dict[str, list[str]]]:
    """paper → section → claims, in reading order."""
    grouped: dict[str, dict[str, list[str]]] = {}
    for node, data in ctx.graph.nodes(data=True):
        if data["type"] == "claim":
            grouped.setdefault(data["paper"], {}).setdefault(data["section"], []).append(node)
    return grouped


def _heading(ctx: ExportContext, paper: str) -> str:
    info = ctx.papers.get(paper, {})
    authors = "、".join(info.get("authors_zh") or [])
    return f"{authors} · {info.get('title_zh', paper)}" if authors else str(info.get("title_zh", paper))


def _section_title(ctx: ExportContext, section: str) -> str:
    data = ctx.graph.nodes[section] if section in ctx.graph else {}
    return " · ".join(part for part in (data.get("title_zh"), data.get("title_en")) if part) or section


def _causal_asserted(ctx: ExportContext, claim: str) -> list[dict[str, str]]:
    """The causal links the claim asserts, each with its basis for this claim: `stated` when
    its own words state the link, `inferred` when the link is argmap's reading of them."""
    graph = ctx.graph
    asserted = []
    for _, concept, layer in graph.out_edges(claim, data="layer"):
        if layer != "mentions":
            continue
        for _, target, link in graph.out_edges(concept, data=True):
            if link["layer"] == "causal" and claim in link["evidence"]:
                basis = "stated" if claim in link.get("stated_in", ()) else "inferred"
                asserted.append({"from": concept, "relation": link["relation"], "to": target, "basis": basis})
    return sorted(asserted, key=lambda a: (a["from"], a["relation"], a["to"]))


def _filters_in_words(ctx: ExportContext) -> str:
    """`layers causal; paper qi-li`: the filters that were set."""
    filters = ctx.header.get("filters") or {}
    words = [
        f"{name} {' '.join(value) if isinstance(value, list) else value}" for name, value in filters.items() if value
    ]
    return "; ".join(words) or "none"


def _cross_links(ctx: ExportContext) -> list[tuple[str, str, dict[str, Any]]]:
    return [(s, t, d) for s, t, d in ctx.graph.edges(data=True) if d["layer"] == "cross-paper"]


def _text(ctx: ExportContext) -> Iterator[str]:
    graph = ctx.graph
    yield "===\n"
    yield f"title: {dumps('argmap ' + ctx.version)}\n"
    yield f"dataset_version: {dumps(ctx.version)}\n"
    yield f"licence: {dumps(ctx.header.get('licence'))}\n"
    yield f"cite_as: {dumps(ctx.header.get('cite_as'))}\n"
    yield f"filters: {dumps(ctx.header.get('filters'))}\n"
    yield "===\n\n"
    yield "// Generated by argmap from the cleaned source texts; statements are verbatim quotes.\n"
    by_section = _claims_by_section(ctx)
    cross = _cross_links(ctx)
    if not by_section and not cross:  # Argdown needs a statement: one that says why there is none
        yield f"\n[{EMPTY_TITLE}]: {EMPTY_TEXT} {escape(_filters_in_words(ctx))}. #(empty)\n"
    for paper, sections in by_section.items():
        yield f"\n# {escape(_heading(ctx, paper))} #({paper})\n"
        for section, claims in sections.items():
            yield f"\n## {escape(_section_title(ctx, section))} #({section})\n"
            for claim in claims:
                data = graph.nodes[claim]
                yield f"\n[{claim}]: {escape(data['quote_zh'])} #({data['kind']}) #({data['weight']})\n"
                yield f"  // en: {data['text_en']}\n".replace("\n", " ").rstrip() + "\n"
                for a in _causal_asserted(ctx, claim):
                    yield f"  // causal ({a['basis']}): {a['from']} {a['relation']} {a['to']}\n"
                for _, target, link in graph.out_edges(claim, data=True):
                    if link["layer"] != "argument":
                        continue
                    arrow = "->" if link["relation"] in ATTACKING else "+>"
                    yield f"  {arrow} [{target}] // {link['relation']}\n"
    if cross:
        yield "\n# Cross-paper links #(cross-paper)\n"
    for source, target, link in cross:
        relation = link["relation"]
        yield f"\n<{_argument_title(source, relation, target)}>: {escape(link['note'])} #({relation})"
        yield f" @[{target}]\n" if relation not in SUPPORTING | ATTACKING else "\n"
        yield f"  <+ [{source}]\n"
        if relation in SUPPORTING:
            yield f"  +> [{target}]\n"
        elif relation in ATTACKING:
            yield f"  -> [{target}]\n"


def render_text(ctx: ExportContext) -> Iterator[str]:
    return _text(ctx)


# --- the JSON export -------------------------------------------------------------------


def _relation(source: str, source_type: str, target: str, target_type: str, kind: str, relation: str) -> dict[str, Any]:
    return {
        "type": "relation",
        "relationType": kind,
        "from": source,
        "fromType": source_type,
        "to": target,
        "toType": target_type,
        "data": {"argmap_relation": relation},
    }


def _link_relations(source: str, target: str, link: dict[str, Any]) -> list[dict[str, Any]]:
    """The Argdown relations one argmap link becomes (as the text file writes them)."""
    relation = link["relation"]
    kind = "attack" if relation in ATTACKING else "support"
    if link["layer"] == "argument":
        return [_relation(source, "equivalence-class", target, "equivalence-class", kind, relation)]
    if link["layer"] != "cross-paper":
        return []
    title = _argument_title(source, relation, target)
    relations = [_relation(source, "equivalence-class", title, "argument", "support", relation)]
    if relation in SUPPORTING | ATTACKING:
        relations.append(_relation(title, "argument", target, "equivalence-class", kind, relation))
    return relations


def _relations(ctx: ExportContext) -> Iterator[dict[str, Any]]:
    """In the order the text file states them: each claim's links, then the cross-paper links."""
    for claim in _claims_in_order(ctx):
        for _, target, link in ctx.graph.out_edges(claim, data=True):
            if link["layer"] == "argument":
                yield from _link_relations(claim, target, link)
    for source, target, link in _cross_links(ctx):
        yield from _link_relations(source, target, link)


def _claims_in_order(ctx: ExportContext) -> Iterator[str]:
    for sections in _claims_by_section(ctx).values():
        for claims in sections.values():
            yield from claims


def _titles_in_order(ctx: ExportContext) -> Iterator[str]:
    """Statements and arguments in the order the text file first names them, as Argdown numbers
    its map nodes (a link's target may be named before its own definition)."""
    seen: set[str] = set()
    for claim in _claims_in_order(ctx):
        for title in (claim, *(t for _, t, d in ctx.graph.out_edges(claim, data=True) if d["layer"] == "argument")):
            if title not in seen:
                seen.add(title)
                yield title
    for source, target, link in _cross_links(ctx):
        for title in (_argument_title(source, link["relation"], target), source, target):
            if title not in seen:
                seen.add(title)
                yield title


def _claim_relations(ctx: ExportContext, claim: str) -> list[dict[str, Any]]:
    """The relations a statement takes part in (Argdown embeds them), outgoing then incoming."""
    graph = ctx.graph
    relations = [
        r
        for _, target, link in graph.out_edges(claim, data=True)
        for r in _link_relations(claim, target, link)
        if r["from"] == claim
    ]
    relations += [
        r
        for source, _, link in graph.in_edges(claim, data=True)
        for r in _link_relations(source, claim, link)
        if r["to"] == claim
    ]
    return relations


def _statement(ctx: ExportContext, claim: str) -> dict[str, Any]:
    data = ctx.graph.nodes[claim]
    tags = [data["kind"], data["weight"]]
    extra = {
        "en": data["text_en"],
        "official_en": data.get("official_en"),
        "paper": data["paper"],
        "span": data.get("span"),
        "url": f"/claims/{claim}",
    }
    causal = _causal_asserted(ctx, claim)
    if causal:
        extra["causal"] = causal
    member = {
        "type": "statement",
        "role": "top-level-statement",
        "title": claim,
        "text": data["quote_zh"],
        "tags": tags,
        "section": data["section"],
        "isTopLevel": True,
        "data": extra,
    }
    return {
        "type": "equivalence-class",
        "title": claim,
        "members": [member],
        "tags": tags,
        "section": data["section"],
        "isUsedAsTopLevelStatement": True,
        "data": extra,
        "relations": _claim_relations(ctx, claim),
    }


def _statements(ctx: ExportContext) -> Iterator[tuple[str, dict[str, Any]]]:
    for claim in _titles_in_order(ctx):
        if claim in ctx.graph:
            yield claim, _statement(ctx, claim)


def _argument(source: str, target: str, link: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    relation = link["relation"]
    title = _argument_title(source, relation, target)
    description = {
        "type": "statement",
        "role": "argument-description",
        "title": title,
        "text": link["note"],
        "tags": [relation],
        "section": "cross-paper",
        "isTopLevel": True,
    }
    return title, {
        "type": "argument",
        "title": title,
        "members": [description],
        "pcs": [],
        "tags": [relation],
        "section": "cross-paper",
        "relations": _link_relations(source, target, link),
        "data": {"relation": relation, "from": source, "to": target},
    }


def _arguments(ctx: ExportContext) -> Iterator[tuple[str, dict[str, Any]]]:
    for source, target, link in _cross_links(ctx):
        yield _argument(source, target, link)


def _sections(ctx: ExportContext) -> list[dict[str, Any]]:
    sections = []
    for paper, by_section in _claims_by_section(ctx).items():
        children = [
            {
                "type": "section",
                "id": s,
                "level": 2,
                "title": _section_title(ctx, s),
                "parent": paper,
                "tags": [s],
                "children": [],
            }
            for s in by_section
        ]
        sections.append(
            {
                "type": "section",
                "id": paper,
                "level": 1,
                "title": _heading(ctx, paper),
                "tags": [paper],
                "children": children,
            }
        )
    if _cross_links(ctx):
        sections.append(
            {
                "type": "section",
                "id": "cross-paper",
                "level": 1,
                "title": "Cross-paper links",
                "tags": ["cross-paper"],
                "children": [],
            }
        )
    return sections


class _Map:
    """Argdown's map: a node per statement and argument, numbered `n0`, `n1`, … in the order the
    text first names them, and an edge per relation (`e1`, `e2`, … as Argdown numbers them)."""

    def __init__(self, ctx: ExportContext):
        self.ctx = ctx
        self.ids = {title: f"n{index}" for index, title in enumerate(_titles_in_order(ctx))}
        self.arguments = {_argument_title(s, d["relation"], t): (s, t, d) for s, t, d in _cross_links(ctx)}

    def nodes(self) -> Iterator[dict[str, Any]]:
        for title, node_id in self.ids.items():
            if title in self.arguments:
                _, item = _argument(*self.arguments[title])
                kind = "argument-map-node"
            else:
                item = _statement(self.ctx, title)
                kind = "statement-map-node"
            yield {
                "id": node_id,
                "title": title,
                "type": kind,
                "labelTitle": title,
                "labelText": item["members"][0]["text"],
                "tags": item["tags"],
            }

    def edges(self) -> Iterator[dict[str, Any]]:
        for index, relation in enumerate(_relations(self.ctx), start=1):
            edge = {
                "id": f"e{index}",
                "type": "map-edge",
                "relationType": relation["relationType"],
                "from": self.ids[relation["from"]],
                "to": self.ids[relation["to"]],
            }
            for end, key in (("from", "fromEquivalenceClass"), ("to", "toEquivalenceClass")):
                if relation[end] not in self.arguments:
                    edge[key] = relation[end]
            yield edge


def _tags(ctx: ExportContext) -> dict[str, dict[str, Any]]:
    """Every tag in the order the text first uses it, as Argdown lists them."""
    order: list[str] = []
    for paper, sections in _claims_by_section(ctx).items():
        order.append(paper)
        for section, claims in sections.items():
            order.append(section)
            for claim in claims:
                order += [ctx.graph.nodes[claim]["kind"], ctx.graph.nodes[claim]["weight"]]
    cross = _cross_links(ctx)
    if cross:
        order += ["cross-paper", *(d["relation"] for _, _, d in cross)]
    unique = list(dict.fromkeys(order))
    return {tag: {"tag": tag, "cssClass": f"tag-{tag}", "occurrenceIndex": index} for index, tag in enumerate(unique)}


def render_json(ctx: ExportContext) -> Iterator[str]:
    argdown_map = _Map(ctx)
    yield from json_document(
        {
            "argmap": ctx.header,
            "statements": Entries(_statements(ctx)),
            "arguments": Entries(_arguments(ctx)),
            "relations": Items(_relations(ctx)),
            "sections": _sections(ctx),
            "map": {"nodes": Items(argdown_map.nodes()), "edges": Items(argdown_map.edges())},
            "tags": _tags(ctx),
        }
    )
