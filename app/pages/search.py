"""Search across claims (Chinese and English), concepts and references.

Plain substring matching, case-insensitive: it finds two-character Chinese words
(资本, 数据) that word-based full-text indexes miss. An in-memory index (app/search_index.py),
built once per dataset version, finds the matching rows; only the rows shown are read again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from typing import NamedTuple

from pydantic import BaseModel
from sqlalchemy import select as columns  # more columns than sqlmodel's select is typed for
from sqlmodel import Session, col, select

from app.models import Claim, Concept, Paper, Reference
from app.pages.paging import NoSuchPage, page_count, page_query
from app.per_dataset import PerDataset
from app.search_index import TextIndex

MAX_QUERY = 100
PER_PAGE = 50  # hits a page shows; every match is counted. On a large map a common word matches thousands.


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


class SearchPaging(BaseModel):
    page: int
    pages: int
    per_page: int
    first: int  # position of this page's first hit among all (from 1), 0 when nothing matches
    last: int
    previous: str | None  # the neighbouring page as a query ("?q=…&page=2"): for the page and its JSON twin alike
    next: str | None


class SearchPage(BaseModel):
    q: str
    message: str | None
    total: int
    groups: list[PaperHits]
    shown: int = 0  # hits on this page
    paging: SearchPaging | None = None  # None until something is searched for


def _snippet(text: str, query: str, width: int = 40) -> Snippet | None:
    at = text.lower().find(query.lower())
    if at == -1:
        return None
    end = at + len(query)
    before = text[max(0, at - width) : at]
    after = text[end : end + width]
    return Snippet.model_construct(
        before=("…" if at > width else "") + before,
        match=text[at:end],
        after=after + ("…" if end + width < len(text) else ""),
    )


def _first_match(query: str, fields: list[tuple[str, str | None]]) -> tuple[str, Snippet] | None:
    for name, text in fields:
        if text and (snippet := _snippet(text, query)):
            return name, snippet
    return None


def search_page(session: Session, q: str | None, page: int = 1) -> SearchPage:
    query = " ".join((q or "").split())[:MAX_QUERY]
    if not query:
        return SearchPage(
            q="", message="Type a word in Chinese or English, e.g. 资本, 数据 or patient capital.", total=0, groups=[]
        )
    papers = session.exec(select(Paper.id).order_by(col(Paper.position))).all()  # not their texts
    groups: dict[str | None, list[SearchHit]] = {paper_id: [] for paper_id in papers}
    groups[None] = []
    index = SEARCH_INDEX.get(session)
    found = {kind: index[kind].find(query) for kind in SEARCHED}  # every match is counted
    total = sum(len(ids) for ids in found.values())
    pages = page_count(total, PER_PAGE)
    if page > pages:
        raise NoSuchPage(page, pages, of="this search")
    start = (page - 1) * PER_PAGE
    for group, hit in _hits(session, query, _slice(found, start, start + PER_PAGE)):
        groups[group].append(hit)
    result = [PaperHits(paper=paper, hits=hits) for paper, hits in groups.items() if hits]
    message = None if total else f"Nothing matches “{query}”. Try a shorter word, or the other language."
    shown = max(0, min(total, start + PER_PAGE) - start)
    paging = SearchPaging(
        page=page,
        pages=pages,
        per_page=PER_PAGE,
        first=start + 1 if shown else 0,
        last=start + shown,
        previous=page_query({"q": query}, page - 1) if page > 1 else None,
        next=page_query({"q": query}, page + 1) if page < pages else None,
    )
    return SearchPage(q=query, message=message, total=total, groups=result, shown=shown, paging=paging)


class Searchable(NamedTuple):
    """A row as the search reads it: its searched fields, and how a hit on it is shown."""

    id: str
    group: str | None  # the paper it is shown under, or None for the concepts the papers share
    url: str
    title: str
    fields: list[tuple[str, str | None]]  # (name, text), in the order a snippet is looked for


def _claims(session: Session, ids: Collection[str] | None = None) -> Iterator[Searchable]:
    query = columns(
        col(Claim.id), col(Claim.paper_id), col(Claim.quote_zh), col(Claim.text_en), col(Claim.official_en)
    ).order_by(col(Claim.position))
    for claim in session.connection().execute(query if ids is None else query.where(col(Claim.id).in_(ids))):
        fields = [("quote_zh", claim.quote_zh), ("text_en", claim.text_en), ("official_en", claim.official_en)]
        yield Searchable(claim.id, claim.paper_id, f"/claims/{claim.id}", claim.text_en, fields)


def _concepts(session: Session, ids: Collection[str] | None = None) -> Iterator[Searchable]:
    query = columns(
        col(Concept.id), col(Concept.label_zh), col(Concept.label_en), col(Concept.aliases), col(Concept.definition_en)
    ).order_by(col(Concept.id))
    for concept in session.connection().execute(query if ids is None else query.where(col(Concept.id).in_(ids))):
        fields = [
            ("label_zh", concept.label_zh),
            ("label_en", concept.label_en),
            ("aliases", " · ".join(concept.aliases)),
            ("definition_en", concept.definition_en),
        ]
        title = f"{concept.label_en} {concept.label_zh}"
        yield Searchable(concept.id, None, f"/concepts/{concept.id}", title, fields)


def _references(session: Session, ids: Collection[str] | None = None) -> Iterator[Searchable]:
    query = columns(col(Reference.id), col(Reference.paper_id), col(Reference.label), col(Reference.text)).order_by(
        col(Reference.paper_id), col(Reference.position)
    )
    for ref in session.connection().execute(query if ids is None else query.where(col(Reference.id).in_(ids))):
        yield Searchable(ref.id, ref.paper_id, f"/references#{ref.id}", f"{ref.label} {ref.text}", [("text", ref.text)])


# What is searched, in the order hits are listed: claims in reading order, then concepts, then references.
SEARCHED: dict[str, Callable[..., Iterator[Searchable]]] = {
    "claim": _claims,
    "concept": _concepts,
    "reference": _references,
}


def build_search_index(session: Session) -> dict[str, TextIndex]:
    return {
        kind: TextIndex.of((row.id, [text for _, text in row.fields]) for row in rows(session))
        for kind, rows in SEARCHED.items()
    }


SEARCH_INDEX = PerDataset(build_search_index)  # rebuilt when the data is reloaded


def _slice(found: dict[str, list[str]], start: int, stop: int) -> dict[str, list[str]]:
    """Matches start..stop of all, counted in the order they are listed (claims, concepts, references)."""
    shown: dict[str, list[str]] = {}
    before = 0
    for kind, ids in found.items():
        shown[kind] = ids[max(0, start - before) : max(0, stop - before)]
        before += len(ids)
    return shown


def _hits(session: Session, query: str, shown: dict[str, list[str]]) -> Iterator[tuple[str | None, SearchHit]]:
    """The hits for the matches shown, read from the database (only these rows), in the index's order."""
    for kind, ids in shown.items():
        if not ids:
            continue
        rows = {row.id: row for row in SEARCHED[kind](session, ids)}
        for row_id in ids:
            row = rows.get(row_id)  # gone only if the data was reloaded during this request
            if row is not None and (found := _first_match(query, row.fields)):
                yield row.group, _hit(kind, row.id, row.url, row.title, found)


def _hit(kind: str, id: str, url: str, title: str, found: tuple[str, Snippet]) -> SearchHit:
    # built from the database's own values: no validation needed (a large map shows MAX_HITS per search)
    return SearchHit.model_construct(kind=kind, id=id, url=url, title=title, field=found[0], snippet=found[1])
