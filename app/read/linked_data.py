"""Machine-readable descriptions of a paper: Highwire citation meta tags (read by Zotero,
Mendeley and Google Scholar) and the schema.org ScholarlyArticle that claims appear in
(the claims' own JSON-LD is app/exports/jsonld.py)."""

from __future__ import annotations

from typing import Any

from app.read.rows import PaperRow


def citation_meta(paper: PaperRow) -> list[tuple[str, str]]:
    """Highwire Press tags describe the paper a claim comes from; unknown fields are left out."""
    tags: list[tuple[str, str]] = [("citation_title", paper.title_zh)]
    tags += [("citation_author", name) for name in paper.authors_zh or []]
    if paper.year:
        tags.append(("citation_publication_date", str(paper.year)))
    optional = (
        ("citation_journal_title", paper.journal),
        ("citation_volume", paper.volume),
        ("citation_issue", paper.issue),
        ("citation_doi", paper.doi),
    )
    tags += [(name, value) for name, value in optional if value]
    if paper.pages and "-" in paper.pages:
        first, last = paper.pages.split("-", 1)
        tags += [("citation_firstpage", first), ("citation_lastpage", last)]
    tags.append(("citation_language", "zh"))
    return tags


def scholarly_article(paper: PaperRow, base_url: str) -> dict[str, Any]:
    article: dict[str, Any] = {
        "@type": "ScholarlyArticle",
        "@id": f"{base_url}/papers/{paper.id}",
        "name": paper.title_zh,
        "inLanguage": "zh",
        "author": [{"@type": "Person", "name": name} for name in paper.authors_zh or []],
    }
    if paper.title_en:
        article["alternateName"] = paper.title_en
    if paper.year:
        article["datePublished"] = str(paper.year)
    if paper.journal:
        article["isPartOf"] = {"@type": "Periodical", "name": paper.journal}
    if paper.doi:
        article["sameAs"] = f"https://doi.org/{paper.doi}"
    return article
