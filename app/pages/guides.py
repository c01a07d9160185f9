"""The project's Markdown documents (guides in docs/, the editorial rules in data/) shown as
pages, so /about can link to them and a reader needs no repository to read them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from app.config import FILES_ROOT
from app.web.errors import NotFound
from app.web.i18n import N_


@dataclass(frozen=True)
class Document:
    slug: str
    title: str
    path: str  # relative to the repository root
    audience: str


DOCUMENTS = (
    Document("students", N_("Reading and comparing the arguments"), "docs/students.md", "students"),
    Document("instructors", N_("Linking, citing, embedding and tours"), "docs/instructors.md", "instructors"),
    Document("researchers", N_("Exports, schema and versions"), "docs/researchers.md", "researchers"),
    Document("adding-a-paper", N_("Adding a paper"), "docs/adding-a-paper.md", "editors"),
    Document("editorial-rules", N_("The data format and editorial rules"), "data/README.md", "editors"),
    Document("source-cleaning", N_("How the sources were cleaned"), "data/sources/README.md", "editors"),
)
GUIDE_SCREENSHOTS = FILES_ROOT / "docs" / "screenshots"  # taken by the browser tests


class GuideRef(BaseModel):
    slug: str
    title: str
    audience: str
    url: str


class GuidesPage(BaseModel):
    guides: list[GuideRef]


class GuidePage(BaseModel):
    slug: str
    title: str
    source_path: str
    markdown: str
    html: str


def available(root: Path = FILES_ROOT) -> list[Document]:
    return [doc for doc in DOCUMENTS if (root / doc.path).is_file()]


def guides_page() -> GuidesPage:
    return GuidesPage(
        guides=[GuideRef(slug=d.slug, title=d.title, audience=d.audience, url=f"/guides/{d.slug}") for d in available()]
    )


def guide_page(slug: str) -> GuidePage:
    document = next((d for d in available() if d.slug == slug), None)
    if document is None:
        raise NotFound("guide", slug)
    text = (FILES_ROOT / document.path).read_text(encoding="utf-8")
    return GuidePage(
        slug=slug,
        title=document.title,
        source_path=document.path,
        markdown=text,
        html=_scrollable_tables(_render_markdown(text)),
    )


def _scrollable_tables(html: str) -> str:
    """Wide tables scroll inside a focusable region, so keyboard users can scroll them too."""
    return html.replace(
        "<table>", '<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>'
    ).replace("</table>", "</table></div>")


def _render_markdown(text: str) -> str:
    """Raw HTML in the documents is shown as text: they are project files, but escaping costs
    nothing. Imported here, when a guide is asked for: markdown-it's import compiles regular
    expressions for a tenth of a second or more, which `argmap serve` need not spend before
    its first page (a renderer takes a third of a millisecond to make)."""
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark", {"html": False}).enable("table").render(text))
