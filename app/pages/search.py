"""Search across claims (Chinese and English), concepts and references.

Plain substring matching, case-insensitive: it finds two-character Chinese words
(资本, 数据) that word-based full-text indexes miss.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel
from sqlalchemy import select as columns  # more columns than sqlmodel's select is typed for
from sqlmodel import Session, col, select

from app.models import Claim, Concept, Paper, Reference

MAX_QUERY = 100
MAX_HITS = 200  # shown; every match is counted. On a large map a common word matches thousands.


class Snippet(BaseModel):
    """Text cut around the first match: before + match + after, for <mark>."""

    before: str
    match: str
    after: str


class SearchHit(BaseModel):
    kind: str  # claim | concept | reference
    id: str
    url: str
    title: str
    field: str
    snippet: Snippet


class PaperHits(BaseModel):
    paper: str | None  # None: concepts (shared by both papers)
    hits: list[SearchHit]


class SearchPage(BaseModel):
    q: str
    message: str | None
    total: int
    groups: list[PaperHits]
    shown: int = 0  # less than total when the first MAX_HITS are shown


def _snippet(text: str, query: str, width: int = 40) -> Snippet | None:
    at = text.lower().find(query.lower())
    if at == -1:
        return None
    end = at + len(query)
    before = text[max(0, at - width) : at]
    after = text[end : end + width]
    return Snippet(
        before=("…" if at > width else "") + before,
        match=text[at:end],
        after=after + ("…" if end + width < len(text) else ""),
    )


def _first_match(query: str, fields: list[tuple[str, str | None]]) -> tuple[str, Snippet] | None:
    for name, text in fields:
        if text and (snippet := _snippet(text, query)):
            return name, snippet
    return None


def search_page(session: Session, q: str | None) -> SearchPage:
    query = " ".join((q or "").split())[:MAX_QUERY]
    if not query:
        return SearchPage(
            q="", message="Type a word in Chinese or English, e.g. 资本, 数据 or patient capital.", total=0, groups=[]
        )
    papers = session.exec(select(Paper.id).order_by(col(Paper.position))).all()  # not their texts
    groups: dict[str | None, list[SearchHit]] = {paper_id: [] for paper_id in papers}
    groups[None] = []
    total = 0  # every match; the first MAX_HITS are shown
    for group, hit in _hits(session, query):
        total += 1
        if total <= MAX_HITS:
            groups[group].append(hit)
    result = [PaperHits(paper=paper, hits=hits) for paper, hits in groups.items() if hits]
    message = None if total else f"Nothing matches “{query}”. Try a shorter word, or the other language."
    return SearchPage(q=query, message=message, total=total, groups=result, shown=min(total, MAX_HITS))


def _hits(session: Session, query: str) -> Iterator[tuple[str | None, SearchHit]]:
    """Every match, claims first in reading order, then concepts, then references, each with the
    group it is shown in (a paper, or None for the concepts the papers share)."""
    searched = columns(
        col(Claim.id), col(Claim.paper_id), col(Claim.quote_zh), col(Claim.text_en), col(Claim.official_en)
    ).order_by(col(Claim.position))
    for claim in session.execute(searched):
        fields = [("quote_zh", claim.quote_zh), ("text_en", claim.text_en), ("official_en", claim.official_en)]
        if found := _first_match(query, fields):
            yield claim.paper_id, _hit("claim", claim.id, f"/claims/{claim.id}", claim.text_en, found)
    concept_columns = columns(
        col(Concept.id), col(Concept.label_zh), col(Concept.label_en), col(Concept.aliases), col(Concept.definition_en)
    ).order_by(col(Concept.id))
    for concept in session.execute(concept_columns):
        fields = [
            ("label_zh", concept.label_zh),
            ("label_en", concept.label_en),
            ("aliases", " · ".join(concept.aliases)),
            ("definition_en", concept.definition_en),
        ]
        if found := _first_match(query, fields):
            title = f"{concept.label_en} {concept.label_zh}"
            yield None, _hit("concept", concept.id, f"/concepts/{concept.id}", title, found)
    reference_columns = columns(
        col(Reference.id), col(Reference.paper_id), col(Reference.label), col(Reference.text)
    ).order_by(col(Reference.paper_id), col(Reference.position))
    for ref in session.execute(reference_columns):
        if found := _first_match(query, [("text", ref.text)]):
            yield ref.paper_id, _hit("reference", ref.id, f"/references#{ref.id}", f"{ref.label} {ref.text}", found)


def _hit(kind: str, id: str, url: str, title: str, found: tuple[str, Snippet]) -> SearchHit:
    return SearchHit(kind=kind, id=id, url=url, title=title, field=found[0], snippet=found[1])
