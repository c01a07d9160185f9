"""schema.org JSON-LD: one claim (`claim_jsonld`, also for the claim pages) and the whole
dataset (`dataset.jsonld`: a Dataset whose parts are the claims as schema.org Claims).

`claim_jsonld` is a pure function of the claim, its paper, section and concepts; it reads
only attributes, so database rows and the export's lightweight records both fit.

Ids are absolute from the site's address, so a downloaded file still resolves. The dataset is
one node (`dataset_id`): the export's top node, which each claim names by its id; `license`
is an IRI (schema.org reads it as one), the licence's wording is `copyrightNotice`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import Any, Protocol, cast

from app.exports.context import ExportContext
from app.exports.streaming import Items, json_document
from app.read.linked_data import scholarly_article
from app.read.rows import PaperRow


class ClaimLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def quote_zh(self) -> str: ...
    @property
    def text_en(self) -> str: ...
    @property
    def official_en(self) -> str | None: ...
    @property
    def kind(self) -> str: ...


class SectionLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title_zh(self) -> str: ...
    @property
    def title_en(self) -> str: ...


class ConceptLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def label_zh(self) -> str: ...
    @property
    def label_en(self) -> str: ...
    @property
    def definition_en(self) -> str: ...


# Licences the dataset may name (the start of `licence` in data/dataset.yaml) and their IRIs.
LICENCE_IRIS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def dataset_id(base_url: str) -> str:
    return f"{base_url}/export/dataset.jsonld"


def licence_iri(licence: str | None) -> str | None:
    """The IRI of the licence the wording starts with (`CC BY 4.0 (the map …)`), if known."""
    for name, iri in LICENCE_IRIS.items():
        if licence and (licence == name or licence.startswith(name + " ")):
            return iri
    return None


def defined_term(concept: ConceptLike, base_url: str = "") -> dict[str, Any]:
    return {
        "@type": "DefinedTerm",
        "@id": f"{base_url}/concepts/{concept.id}",
        "identifier": concept.id,
        "name": concept.label_en,
        "alternateName": concept.label_zh,
        "description": concept.definition_en,
    }


def claim_jsonld(
    claim: ClaimLike,
    paper: Any,
    section: SectionLike,
    base_url: str = "",
    *,
    concepts: Sequence[ConceptLike] = (),
    context: bool = True,
) -> dict[str, Any]:
    """A schema.org Claim: the verbatim quote as `text`, argmap's English (or the paper's own)
    as `description`, the paper (and section) it appears in, and the concepts it is about.
    `context=False` leaves out `@context`, for a claim nested in a larger document."""
    item: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"{base_url}/claims/{claim.id}",
        "url": f"{base_url}/claims/{claim.id}",
        "identifier": claim.id,
        "text": claim.quote_zh,
        "inLanguage": "zh",
        "description": claim.official_en or claim.text_en,
        "genre": claim.kind,
        "appearance": {
            **scholarly_article(cast(PaperRow, paper), base_url),
            "hasPart": {
                "@type": "CreativeWork",
                "identifier": section.id,
                "name": section.title_zh,
                "alternateName": section.title_en,
            },
        },
        "isPartOf": {"@type": "Dataset", "@id": dataset_id(base_url), "name": "argmap", "url": f"{base_url}/about"},
    }
    if claim.official_en:
        item["alternateName"] = claim.text_en
    if concepts:
        item["about"] = [defined_term(concept, base_url) for concept in concepts]
    if not context:  # inside the dataset's own file: the dataset is named, not described again
        return {**item, "isPartOf": {"@id": dataset_id(base_url)}}
    return {"@context": "https://schema.org", **item}


def _record(node: str, data: dict[str, Any]) -> SimpleNamespace:
    return SimpleNamespace(id=node, **data)


def _claims(ctx: ExportContext) -> Iterator[dict[str, Any]]:
    graph = ctx.graph
    for node, data in graph.nodes(data=True):
        if data["type"] != "claim":
            continue
        paper = SimpleNamespace(
            id=data["paper"],
            journal=None,
            doi=None,
            **{
                key: ctx.papers.get(data["paper"], {}).get(key)
                for key in ("title_zh", "title_en", "authors_zh", "year")
            },
        )
        if data["paper"] in graph:
            paper = _record(data["paper"], graph.nodes[data["paper"]])
        section_data = graph.nodes[data["section"]] if data["section"] in graph else {}
        section = SimpleNamespace(
            id=data["section"],
            title_zh=section_data.get("title_zh", data["section"]),
            title_en=section_data.get("title_en", data["section"]),
        )
        concepts = [
            _record(t, graph.nodes[t]) for _, t, layer in graph.out_edges(node, data="layer") if layer == "mentions"
        ]
        yield claim_jsonld(_record(node, data), paper, section, ctx.base_url, concepts=concepts, context=False)


def _article(paper: str, info: dict[str, Any], base_url: str) -> dict[str, Any]:
    article = {
        "@type": "ScholarlyArticle",
        "@id": f"{base_url}/papers/{paper}",
        "identifier": paper,
        "name": info.get("title_zh"),
        "inLanguage": "zh",
        "author": [{"@type": "Person", "name": name} for name in info.get("authors_zh") or []],
    }
    if info.get("title_en"):
        article["alternateName"] = info["title_en"]
    return article


def render(ctx: ExportContext, distribution: Sequence[dict[str, Any]] = ()) -> Iterator[str]:
    concepts = (_record(node, data) for node, data in ctx.graph.nodes(data=True) if data["type"] == "concept")
    licence = ctx.header.get("licence")
    yield from json_document(
        {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "@id": dataset_id(ctx.base_url),
            "name": "argmap",
            "description": "A source-anchored argument map of two Chinese political-economy papers: claims quoted "
            "verbatim from the cleaned sources, English paraphrases, argument, causal and "
            "cross-paper links.",
            "version": ctx.version,
            **({"license": iri} if (iri := licence_iri(licence)) else {}),
            "copyrightNotice": licence,
            "creditText": ctx.header.get("cite_as"),
            "inLanguage": ["zh", "en"],
            "isBasedOn": [_article(paper, info, ctx.base_url) for paper, info in ctx.papers.items()],
            "distribution": list(distribution),
            "about": Items(defined_term(concept, ctx.base_url) for concept in concepts),  # streamed
            "hasPart": Items(_claims(ctx)),
        }
    )
