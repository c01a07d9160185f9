"""Public read models shared by several pages (never table models)."""

from __future__ import annotations

from markupsafe import Markup
from pydantic import BaseModel

from app.read.paper_names import PaperNaming
from app.read.rows import ClaimRow, ConceptRow
from app.read.snapshot import Derived, Snapshot
from app.web.i18n import LANGUAGES


class ClaimRef(BaseModel):
    id: str
    paper: str
    section: str
    kind: str
    weight: str
    quote_zh: str
    text_en: str
    url: str

    @classmethod
    def of(cls, claim: ClaimRow) -> ClaimRef:
        return cls(
            id=claim.id,
            paper=claim.paper_id,
            section=claim.section_id,
            kind=claim.kind,
            weight=claim.weight,
            quote_zh=claim.quote_zh,
            text_en=claim.text_en,
            url=f"/claims/{claim.id}",
        )


class ConceptRef(BaseModel):
    id: str
    label_zh: str
    label_en: str
    url: str

    @classmethod
    def of(cls, concept: ConceptRow) -> ConceptRef:
        return cls(id=concept.id, label_zh=concept.label_zh, label_en=concept.label_en, url=f"/concepts/{concept.id}")


def _named_papers(snapshot: Snapshot) -> dict[str, tuple[tuple[str, str], ...]]:
    return {
        lang: tuple((paper.id, PaperNaming(snapshot, lang).name(paper.id)) for paper in snapshot.papers)
        for lang in LANGUAGES
    }


NAMED_PAPERS = Derived(_named_papers)


def named_papers(snapshot: Snapshot) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each paper's id and name, by language, for a page's choice of papers: named once per
    snapshot, not once per paper on every page (a large map has many papers)."""
    return NAMED_PAPERS.of(snapshot)


def _paper_options(snapshot: Snapshot) -> dict[str, Markup]:
    return {
        lang: Markup("").join(Markup('<option value="{}">{}</option>').format(p, name) for p, name in named)
        for lang, named in named_papers(snapshot).items()
    }


PAPER_OPTIONS = Derived(_paper_options)


class PaperOptions:
    """Every paper as an <option> of a page's choice of papers, written once per snapshot and
    language (on a map of many papers, a loop over them on every page cost more than the rest of
    the form): `options("lu-yang")` marks that paper selected."""

    def __init__(self, snapshot: Snapshot, lang: str):
        self._options = PAPER_OPTIONS.of(snapshot)[lang]

    def __call__(self, chosen: str | None = None) -> Markup:
        if chosen is None:
            return self._options
        option = Markup('<option value="{}">').format(chosen)
        return Markup(self._options.replace(option, option[:-1] + Markup(" selected>"), 1))
