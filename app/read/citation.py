"""How to cite a paper of the map and one claim in it: GB/T 7714, APA 7 and BibTeX.

Only metadata the source gives is used. A missing field is left out of the reference and
named in `missing`, so the reader sees what the source does not state instead of a guess.
Page numbers of single claims are not known (the sources give the paper's page range at
most), so a claim is located by its section and by its permanent argmap address.
"""

from __future__ import annotations

from pydantic import BaseModel

from app.read.paper_names import PaperName
from app.read.rows import ClaimRow, PaperRow, SectionRow
from app.web.i18n import N_

CITED_FIELDS = ("journal", "year", "volume", "issue", "pages", "doi")


class CitationFormat(BaseModel):
    id: str
    label: str
    lang: str
    text: str
    note: str | None = None  # English; e.g. that the romanised names are argmap's transliteration


class ClaimCitation(BaseModel):
    formats: list[CitationFormat]  # GB/T 7714, APA, BibTeX, then the quotations
    locator_zh: str
    locator_en: str
    missing: list[str]  # fields of the reference the source does not state


def missing_fields(paper: PaperRow) -> list[str]:
    return [name for name in CITED_FIELDS if not getattr(paper, name)]


def _volume_issue_pages(paper: PaperRow, pages_separator: str) -> str:
    """`31(6)` then the page range, joined as each style wants; empty parts left out."""
    part = paper.volume or ""
    if paper.issue:
        part += f"({paper.issue})"
    if paper.pages:
        part += f"{pages_separator}{paper.pages}" if part else paper.pages
    return part


def gbt7714(paper: PaperRow) -> str:
    """GB/T 7714-2015, the form Chinese journals print under 引用本文. Without a journal the
    document type is [Z] (unspecified), not [J]: nothing pretends there is a journal."""
    authors = "，".join(paper.authors_zh or [])
    kind = "[J]" if paper.journal else "[Z]"
    head = f"{authors}. {paper.title_zh}{kind}" if authors else f"{paper.title_zh}{kind}"
    tail = [
        part
        for part in (paper.journal, str(paper.year) if paper.year else None, _volume_issue_pages(paper, ":"))
        if part
    ]
    reference = head + (". " + ", ".join(tail) if tail else "") + "."
    if paper.doi:
        reference += f" DOI:{paper.doi}."
    return reference


def _apa_name(name_en: str) -> str:
    """'Qi Hao' → 'Qi, H.': romanised Chinese names are printed family name first."""
    family, *given = name_en.split()
    initials = " ".join(f"{part[0]}." for part in given)
    return f"{family}, {initials}" if initials else family


def _apa_authors(name: PaperName) -> str:
    """Romanised, as APA wants: the source's own spelling, else argmap's pinyin."""
    names = [_apa_name(n) for n in name.authors_en]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa(paper: PaperRow, name: PaperName) -> str:
    """APA 7: original title with the English title in square brackets."""
    title = paper.title_zh + (f" [{paper.title_en}]" if paper.title_en else "")
    year = f"({paper.year})" if paper.year else "(n.d.)"
    authors = _apa_authors(name)
    reference = f"{authors}{'' if authors.endswith('.') else '.'} {year}. {title}."
    if paper.journal:
        reference += f" {paper.journal}"
        volume = _volume_issue_pages(paper, ", ").replace("-", "–")  # APA: an en dash in page ranges
        reference += f", {volume}." if volume else "."
    if paper.doi:
        reference += f" https://doi.org/{paper.doi}"
    return reference


def _bibtex_value(value: str) -> str:
    return "{" + value.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}") + "}"


def bibtex(paper: PaperRow, claim: ClaimRow, section: SectionRow, claim_url: str) -> str:
    """@article when the journal is known, else @misc (BibTeX requires a journal for @article)."""
    fields: list[tuple[str, str]] = [
        ("author", " and ".join(paper.authors_zh or [])),
        ("title", paper.title_zh),
        ("journal", paper.journal or ""),
        ("year", str(paper.year) if paper.year else ""),
        ("volume", paper.volume or ""),
        ("number", paper.issue or ""),
        ("pages", (paper.pages or "").replace("-", "--")),
        ("doi", paper.doi or ""),
        ("language", "chinese"),
        ("note", f"Claim {claim.id}, {section.title_en} ({section.title_zh}); argmap: {claim_url}"),
    ]
    entry_type = "article" if paper.journal else "misc"
    body = ",\n".join(f"  {name} = {_bibtex_value(value)}" for name, value in fields if value)
    key = paper.id.replace("-", "") + (str(paper.year) if paper.year else "")
    return f"@{entry_type}{{{key},\n{body}\n}}"


TRANSLITERATED_NOTE = N_("The names in Latin letters are argmap's pinyin transliteration: the source gives none.")


def claim_citation(
    paper: PaperRow, name: PaperName, section: SectionRow, claim: ClaimRow, claim_url: str
) -> ClaimCitation:
    """`name`: the paper's names, made once per snapshot (app/read/paper_names.py), not per request."""
    authors_zh = "，".join(paper.authors_zh or [])
    authors_en = name.name_en
    year = str(paper.year) if paper.year else "n.d."
    locator_zh = f"{paper.title_zh}，{section.title_zh}"
    locator_en = f"{paper.title_en or paper.title_zh}, {section.title_en}"
    if claim.official_en:
        english = f"“{claim.official_en}” ({authors_en}, {year}, official English abstract)"
    else:
        english = f"{claim.text_en} (argmap's paraphrase of {authors_en}, {year}, {section.title_en}; {claim_url})"
    inner = claim.quote_zh.replace("“", "‘").replace("”", "’")  # quotes inside a quote become single
    quotation_zh = f"“{inner}”（{authors_zh}，{paper.year or '年份未注明'}，{section.title_zh}）"
    return ClaimCitation(
        formats=[
            CitationFormat(id="gbt7714", label="GB/T 7714", lang="zh", text=gbt7714(paper)),
            CitationFormat(
                id="apa",
                label="APA",
                lang="en",
                text=apa(paper, name),
                note=TRANSLITERATED_NOTE if name.transliterated else None,
            ),
            CitationFormat(id="bibtex", label="BibTeX", lang="zh", text=bibtex(paper, claim, section, claim_url)),
            CitationFormat(id="quotation-zh", label=N_("Quotation (Chinese)"), lang="zh", text=quotation_zh),
            CitationFormat(
                id="quotation-en",
                label=N_("English"),
                lang="en",
                text=english,
                note=TRANSLITERATED_NOTE if name.transliterated else None,
            ),
        ],
        locator_zh=locator_zh,
        locator_en=locator_en,
        missing=missing_fields(paper),
    )
