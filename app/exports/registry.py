"""Every export format, in the order /export lists them: its file name (served at
/export/<file>), its CLI name (`argmap export --format <name>`), media type, description,
renderer and the snippets that load it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.exports import aif, argdown, cytoscape, graph_schema, graphml, jsonld, node_link, tables
from app.exports import annotations as web_annotations
from app.exports.context import ExportContext
from app.web.i18n import N_


@dataclass(frozen=True)
class Snippet:
    tool: str
    language: str  # "python", "javascript", "shell" or "text" (steps in a program's menus)
    code: str


@dataclass(frozen=True)
class ExportFormat:
    name: str
    filename: str
    media_type: str
    title: str
    description: str
    render: Callable[[ExportContext], Iterator[str]]
    snippets: tuple[Snippet, ...]
    needs_sources: bool = False
    filterable: bool = True

    @property
    def url(self) -> str:
        return f"/export/{self.filename}"


def _dataset_jsonld(ctx: ExportContext) -> Iterator[str]:
    distribution = [
        {
            "@type": "DataDownload",
            "name": f.filename,
            "contentUrl": f.url,
            "encodingFormat": f.media_type.split(";")[0],
            "description": f.description,
        }
        for f in FORMATS
        if f.name != "jsonld"
    ]
    return jsonld.render(ctx, distribution)


def _py(code: str) -> Snippet:
    return Snippet("Python", "python", code.strip())


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        "node-link",
        "graph.json",
        "application/json",
        N_("networkx node-link JSON"),
        N_(
            "The whole map as one graph: papers, sections, claims, concepts and references as nodes; structure, "
            "argument, causal, cross-paper, mention and citation links as edges. The header names the dataset version, "
            "the sources, the licence and how to cite."
        ),
        node_link.render,
        (
            _py("""
import json, networkx as nx
with open("graph.json", encoding="utf-8") as f:
    graph = nx.node_link_graph(json.load(f), edges="edges")
print(graph.graph["dataset_version"], graph.number_of_nodes(), graph.number_of_edges())
"""),
        ),
    ),
    ExportFormat(
        "graphml",
        "graph.graphml",
        "application/graphml+xml",
        N_("GraphML"),
        N_(
            "The same graph as GraphML with typed attributes, for networkx, Gephi and yEd. Lists (spans, aliases, "
            "evidence) are JSON text; unknown values are left out."
        ),
        graphml.render,
        (
            _py("""
import networkx as nx
graph = nx.read_graphml("graph.graphml", force_multigraph=True)
"""),
            Snippet(
                "Gephi",
                "text",
                "File → Open… → graph.graphml (directed, parallel edges kept); "
                "colour nodes by “type”, edges by “layer”.",
            ),
            Snippet("yEd", "text", "File → Open… → graph.graphml; Edit → Properties Mapper to label nodes."),
        ),
    ),
    ExportFormat(
        "cytoscape",
        "cytoscape.json",
        "application/json",
        N_("Cytoscape elements JSON"),
        N_(
            "The graph as Cytoscape elements: every node and edge with its attributes as data and its type or layer "
            "as class. Loads in Cytoscape.js and Cytoscape desktop."
        ),
        cytoscape.render,
        (
            Snippet(
                "Cytoscape.js",
                "javascript",
                """
const data = await (await fetch("/export/cytoscape.json")).json();
const cy = cytoscape({container: document.getElementById("cy"), elements: data.elements});
""".strip(),
            ),
            Snippet("Cytoscape desktop", "text", "File → Import → Network from File… → cytoscape.json"),
        ),
    ),
    ExportFormat(
        "aif",
        "aif.json",
        "application/json",
        N_("Argument Interchange Format (AIF)"),
        N_(
            "The argument as AIFdb and OVA exchange it: claims as I-nodes asserted by locutions, argument links as "
            "RA (inference) and CA (conflict) nodes, each paper one argument, and every cross-paper link a scheme "
            "node of its own. AIF has no concept nodes, so the causal layer (and whether the authors state each "
            "link) is not in it: see graph.json, graph.graphml or links.csv."
        ),
        aif.render,
        (
            _py("""
import json, arguebuf
with open("aif.json", encoding="utf-8") as f:
    graph = arguebuf.load.aif(json.load(f), reconstruct_dialog=True)
print(len(graph.atom_nodes), len(graph.scheme_nodes))
"""),
            Snippet("OVA", "text", "ova.arg-tech.org → Load → aif.json"),
        ),
    ),
    ExportFormat(
        "argdown",
        "argmap.argdown",
        "text/plain; charset=utf-8",
        N_("Argdown"),
        N_(
            "The map in Argdown's text syntax: a section per paper and section, every claim a statement with its "
            "English as a comment, argument links as support and attack relations, cross-paper links as arguments; "
            "the causal links a claim asserts as a comment saying whether its words state them or argmap infers them."
        ),
        argdown.render_text,
        (Snippet("Argdown", "shell", "npm install -g @argdown/cli\nargdown map argmap.argdown ./maps"),),
    ),
    ExportFormat(
        "argdown-json",
        "argdown.json",
        "application/json",
        N_("Argdown JSON"),
        N_(
            "The same map in the shape of Argdown's JSON export: statements, arguments, relations, sections and "
            "the map's nodes and edges; a statement's data.causal lists the causal links it asserts, each with "
            "its basis (stated or inferred)."
        ),
        argdown.render_json,
        (
            _py("""
import json, arguebuf
with open("argdown.json", encoding="utf-8") as f:
    graph = arguebuf.load.argdown(json.load(f))
"""),
        ),
    ),
    ExportFormat(
        "annotations",
        "annotations.jsonld",
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        N_("W3C Web Annotations"),
        N_(
            "Every claim as a Web Annotation on its cleaned source text, anchored by a TextQuoteSelector (exact, "
            "prefix, suffix) and a TextPositionSelector, the way Hypothes.is anchors quotes."
        ),
        web_annotations.render,
        (
            _py("""
import json, urllib.request
page = json.load(open("annotations.jsonld", encoding="utf-8"))["first"]
for note in page["items"]:
    target = note["target"]
    text = urllib.request.urlopen("{site}" + target["source"]).read().decode("utf-8")
    quote, position = target["selector"]
    assert text[position["start"]:position["end"]] == quote["exact"]
"""),
        ),
        needs_sources=True,
    ),
    ExportFormat(
        "claims-csv",
        "claims.csv",
        "text/csv; charset=utf-8; header=present",
        N_("Claims (CSV)"),
        N_(
            "One row per claim: paper, section, kind, weight, the Chinese quote, the English, its span and the "
            "concepts it mentions. UTF-8 with a byte-order mark, so Excel shows the Chinese intact."
        ),
        tables.claims,
        (
            _py("""
import pandas as pd
claims = pd.read_csv("claims.csv", encoding="utf-8-sig")
"""),
            Snippet(
                "Excel, LibreOffice", "text", "Open claims.csv directly (UTF-8 is detected from the byte-order mark)."
            ),
        ),
    ),
    ExportFormat(
        "links-csv",
        "links.csv",
        "text/csv; charset=utf-8; header=present",
        N_("Links (CSV)"),
        N_(
            "One row per link of every layer: source, target, their types, the relation, and a cross-paper note, "
            "causal evidence with its basis (stated by the authors or inferred by argmap) or citation locator "
            "where there is one."
        ),
        tables.links,
        (
            _py("""
import pandas as pd
links = pd.read_csv("links.csv", encoding="utf-8-sig", keep_default_na=False)
"""),
        ),
    ),
    ExportFormat(
        "concepts-csv",
        "concepts.csv",
        "text/csv; charset=utf-8; header=present",
        N_("Concepts (CSV)"),
        N_("One row per concept: Chinese and English labels, definition, aliases and how many claims mention it."),
        tables.concepts,
        (
            _py("""
import pandas as pd
concepts = pd.read_csv("concepts.csv", encoding="utf-8-sig")
"""),
        ),
    ),
    ExportFormat(
        "jsonld",
        "dataset.jsonld",
        "application/ld+json",
        N_("schema.org JSON-LD"),
        N_(
            "The dataset described with schema.org: a Dataset with its version, licence, the papers it is based "
            "on, its downloads, its concepts as defined terms, and every claim as a schema.org Claim."
        ),
        _dataset_jsonld,
        (
            _py("""
import rdflib  # fetches the schema.org context
graph = rdflib.Graph().parse("dataset.jsonld", format="json-ld")
"""),
        ),
    ),
    ExportFormat(
        "schema",
        "schema.json",
        "application/schema+json",
        N_("JSON Schema of graph.json"),
        N_(
            "The JSON Schema (draft 2020-12) that every graph.json satisfies: node types, edge layers, relations and "
            "the header."
        ),
        graph_schema.render,
        (
            _py("""
import json, jsonschema
jsonschema.validate(json.load(open("graph.json")), json.load(open("schema.json")))
"""),
        ),
        filterable=False,
    ),
)
BY_NAME = {f.name: f for f in FORMATS}
BY_FILENAME = {f.filename: f for f in FORMATS}


def names() -> tuple[str, ...]:
    return tuple(f.name for f in FORMATS)


def describe(fmt: ExportFormat) -> dict[str, Any]:
    return {"name": fmt.name, "filename": fmt.filename, "media_type": fmt.media_type, "url": fmt.url}
