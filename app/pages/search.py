"""Search across papers (titles, authors, keywords), sections, concepts (labels, aliases),
claims (Chinese and English) and references, ranked: exact names first (a concept's label or
alias, an author, a section title), then papers and sections, concepts, claims, references.
A search that finds nothing offers the closest names ("did you mean"), in either language.

Plain substring matching, case-insensitive: it finds two-character Chinese words
(资本, 数据) that word-based full-text indexes miss. An in-memory index (app/read/search_index.py),
built once per snapshot, counts every matching row of each kind; only the rows a page shows
are named (each kind's count says where the page starts) and described.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple, TypeVar
from urllib.parse import urlencode

from pydantic import BaseModel

from app.pages.paging import ListPaging, list_paging
from app.read.close_names import CloseNames
from app.read.paper_names import PAPER_NAMES
from app.read.rows import ClaimRow, ConceptRow, PaperRow, ReferenceRow, SectionRow
from app.read.search_index import ROW_END, VALUE_END, TextIndex
from app.read.snapshot import Derived, Snapshot
from app.web.i18n import N_

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
    title_zh: str | None = None  # the Chinese interface's title where `title` is English alone (a claim's quote)
    field: str
    snippet: Snippet


class PaperHits(BaseModel):
    kind: str  # best (exact names) | paper (papers and sections) | concept | claim | reference
    paper: str | None  # the paper of a group of claims or references; None for the others
    hits: list[SearchHit]


class DidYouMean(BaseModel):
    text: str  # a name close to what was typed: a concept label or alias, an author, a title
    url: str  # the search for it


class SearchPage(BaseModel):
    q: str
    message: str | None
    total: int
    groups: list[PaperHits]
    shown: int = 0  # hits on this page
    paging: ListPaging | None = None  # None until something is searched for
    did_you_mean: list[DidYouMean] = []  # when nothing matches: the closest names


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


EMPTY_MESSAGE = N_("Type a word in Chinese or English, e.g. 资本, 数据 or patient capital.")
NOTHING_MESSAGE = N_("Nothing matches “%(query)s”. Try a shorter word, or the other language.")


def search_page(snapshot: Snapshot, q: str | None, page: int = 1) -> SearchPage:
    """`message` is English with `%(query)s` for the query; the HTML page translates it."""
    query = " ".join((q or "").split())[:MAX_QUERY]
    if not query:
        return SearchPage(q="", message=EMPTY_MESSAGE, total=0, groups=[])
    index = SEARCH_INDEX.of(snapshot)
    start = (page - 1) * PER_PAGE
    total, shown_matches, exact_shown = index.ranked(query, start, PER_PAGE)  # every match is counted
    paging = list_paging(total, page, PER_PAGE, len(shown_matches), of="this search", params={"q": query})
    groups: list[PaperHits] = []
    for group_kind, group_paper, hit in _hits(snapshot, query, shown_matches, exact_shown):
        if not groups or (groups[-1].kind, groups[-1].paper) != (group_kind, group_paper):
            groups.append(PaperHits(kind=group_kind, paper=group_paper, hits=[]))
        groups[-1].hits.append(hit)
    return SearchPage(
        q=query,
        message=None if total else NOTHING_MESSAGE,
        total=total,
        groups=groups,
        shown=len(shown_matches),
        paging=paging,
        did_you_mean=[] if total else index.did_you_mean(query),
    )


class Searchable(NamedTuple):
    """A row as the search reads it: its searched fields, and how a hit on it is shown."""

    id: str
    group: str | None  # the paper a claim or reference is shown under; None for the others
    url: str
    title: str
    fields: list[tuple[str, str | None]]  # (name, text), in the order a snippet is looked for
    names: list[str] = []  # what the row is called, for exact matches and "did you mean"
    title_zh: str | None = None  # the title in the Chinese interface, where `title` is English alone


R = TypeVar("R")


def _rows(ordered: tuple[R, ...], by_id: Mapping[str, R], ids: Collection[str] | None) -> Iterable[R]:
    """Every row in order, or only those of `ids`."""
    return ordered if ids is None else (by_id[row_id] for row_id in ids if row_id in by_id)


def _paper(paper: PaperRow, romanised: list[str]) -> Searchable:
    authors_zh = paper.authors_zh or []
    fields = [
        ("title_zh", paper.title_zh),
        ("title_en", paper.title_en),
        ("authors_zh", "、".join(authors_zh)),
        ("authors_en", ", ".join(romanised)),
        ("keywords", "；".join(paper.keywords or [])),
        ("journal", paper.journal),
        ("column", paper.column),
    ]
    names = [paper.title_zh, *([paper.title_en] if paper.title_en else []), *authors_zh, *romanised]
    names += paper.keywords or []
    return Searchable(paper.id, None, f"/papers/{paper.id}", paper.title_zh, fields, names)


def _section(section: SectionRow) -> Searchable:
    fields: list[tuple[str, str | None]] = [("title_zh", section.title_zh), ("title_en", section.title_en)]
    url = f"/papers/{section.paper_id}/text#{section.id}"
    title = f"{section.title_zh} · {section.title_en}"
    return Searchable(section.id, None, url, title, fields, [section.title_zh, section.title_en])


def _claim(claim: ClaimRow) -> Searchable:
    fields = [("quote_zh", claim.quote_zh), ("text_en", claim.text_en), ("official_en", claim.official_en)]
    return Searchable(claim.id, claim.paper_id, f"/claims/{claim.id}", claim.text_en, fields, title_zh=claim.quote_zh)


def _concept(concept: ConceptRow) -> Searchable:
    fields: list[tuple[str, str | None]] = [
        ("label_zh", concept.label_zh),
        ("label_en", concept.label_en),
        ("aliases", " · ".join(concept.aliases)),
        ("definition_en", concept.definition_en),
    ]
    title = f"{concept.label_en} {concept.label_zh}"
    names = [concept.label_zh, concept.label_en, *concept.aliases]
    return Searchable(concept.id, None, f"/concepts/{concept.id}", title, fields, names)


def _reference(ref: ReferenceRow) -> Searchable:
    return Searchable(ref.id, ref.paper_id, f"/references#{ref.id}", f"{ref.label} {ref.text}", [("text", ref.text)])


def _papers(snapshot: Snapshot, ids: Collection[str] | None = None) -> Iterator[Searchable]:
    names = PAPER_NAMES.of(snapshot)  # the authors' romanised names, made once per snapshot
    return (_paper(paper, names[paper.id].authors_en) for paper in _rows(snapshot.papers, snapshot.paper, ids))


def _sections(snapshot: Snapshot, ids: Collection[str] | None = None) -> Iterator[Searchable]:
    return map(_section, _rows(snapshot.sections, snapshot.section, ids))


def _claims(snapshot: Snapshot, ids: Collection[str] | None = None) -> Iterator[Searchable]:
    return map(_claim, _rows(snapshot.claims, snapshot.claim, ids))


def _concepts(snapshot: Snapshot, ids: Collection[str] | None = None) -> Iterator[Searchable]:
    return map(_concept, _rows(snapshot.concepts, snapshot.concept, ids))


def _references(snapshot: Snapshot, ids: Collection[str] | None = None) -> Iterator[Searchable]:
    return map(_reference, _rows(snapshot.references, snapshot.reference, ids))


# What is searched, in the order hits are listed (after the exact names): papers and their
# sections, concepts, claims in reading order, references.
SEARCHED: dict[str, Callable[[Snapshot, Collection[str] | None], Iterator[Searchable]]] = {
    "paper": _papers,
    "section": _sections,
    "concept": _concepts,
    "claim": _claims,
    "reference": _references,
}
GROUP_OF = {"paper": "paper", "section": "paper", "concept": "concept", "claim": "claim", "reference": "reference"}


class Named(NamedTuple):
    """A row a name belongs to, and whether its searched texts hold the name too."""

    kind: str
    id: str
    in_text: bool


@dataclass(frozen=True)
class SearchIndex:
    texts: dict[str, TextIndex]  # kind → its rows' searched values
    exact: dict[str, list[Named]]  # a lowercased name → the rows it names
    names: dict[str, str]  # a lowercased name → the name as written, for "did you mean"
    close_names: CloseNames  # the lowercased names, found by likeness

    def ranked(self, query: str, start: int, size: int) -> tuple[int, list[tuple[str, str]], int]:
        """How many rows match `query`, the (kind, id) of `size` of them from position `start`
        (from 0), and how many of those are exact names. The rows `query` names exactly come
        first, then each kind in turn, each row once; only the rows returned are named."""
        named = self.exact.get(query.lower(), [])
        found = {kind: index.matches(query) for kind, index in self.texts.items()}
        counted = {kind: matches.count() for kind, matches in found.items()}
        for row in named:
            counted[row.kind] -= row.in_text  # listed among the names, not again in its kind
        total = len(named) + sum(counted.values())
        shown = [(row.kind, row.id) for row in named[start : start + size]]
        exact_shown = len(shown)
        skip = max(0, start - len(named))
        for kind, matches in found.items():
            if len(shown) == size:
                break
            if skip >= counted[kind]:
                skip -= counted[kind]
                continue
            again = {row.id for row in named if row.kind == kind}
            rest = (row_id for row_id in matches if row_id not in again)
            shown += [(kind, row_id) for row_id in islice(rest, skip, skip + size - len(shown))]
            skip = 0
        return total, shown, exact_shown

    def did_you_mean(self, query: str) -> list[DidYouMean]:
        close = self.close_names.closest(query.lower())
        return [DidYouMean(text=self.names[name], url="?" + urlencode({"q": self.names[name]})) for name in close]


def build_search_index(snapshot: Snapshot) -> SearchIndex:
    texts: dict[str, TextIndex] = {}
    exact: dict[str, list[Named]] = {}
    names: dict[str, str] = {}
    for kind, rows in SEARCHED.items():
        listed = list(rows(snapshot, None))
        texts[kind] = TextIndex.of((row.id, [text for _, text in row.fields]) for row in listed)
        for row in listed:
            called: dict[str, str] = {}  # each name once, as first written
            for name in row.names:
                called.setdefault(name.lower(), name)
            for low, name in called.items():
                exact.setdefault(low, []).append(Named(kind, row.id, _holds(row, low)))
                names.setdefault(low, name)
    return SearchIndex(texts=texts, exact=exact, names=names, close_names=CloseNames.of(names))


def _holds(row: Searchable, needle: str) -> bool:
    """Whether a search for `needle` (lowercased) finds `row`: it must be a text a query can be."""
    if not needle or VALUE_END in needle or ROW_END in needle:
        return False
    return any(needle in (text or "").lower() for _, text in row.fields)


SEARCH_INDEX = Derived(build_search_index)  # built once per snapshot


def _hits(
    snapshot: Snapshot, query: str, shown: list[tuple[str, str]], exact_left: int
) -> Iterator[tuple[str, str | None, SearchHit]]:
    """The hits for the matches shown (only these rows are described), in rank order;
    the first `exact_left` of them are exact names (group "best")."""
    wanted: dict[str, list[str]] = {}
    for kind, row_id in shown:
        wanted.setdefault(kind, []).append(row_id)
    rows = {(kind, row.id): row for kind, ids in wanted.items() for row in SEARCHED[kind](snapshot, ids)}
    for position, (kind, row_id) in enumerate(shown):
        row = rows[(kind, row_id)]  # the index and the rows are the same snapshot's
        if found := _first_match(query, row.fields):
            group, paper = ("best", None) if position < exact_left else (GROUP_OF[kind], row.group)
            yield group, paper, _hit(kind, row, found)
        elif position < exact_left:  # an exact name not among the searched texts
            yield (
                "best",
                None,
                _hit(kind, row, (kind, Snippet(before="", match=query, after=""))),
            )


def _hit(kind: str, row: Searchable, found: tuple[str, Snippet]) -> SearchHit:
    # validated: pydantic's check in Rust takes less time than model_construct's Python
    return SearchHit(
        kind=kind, id=row.id, url=row.url, title=row.title, title_zh=row.title_zh, field=found[0], snippet=found[1]
    )
