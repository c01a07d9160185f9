"""Rendering shared by every page: one data object, shown as HTML or returned as JSON.

An HTML page advertises its JSON twin in one place: the `Link: rel="alternate"` header
set here, which base.html repeats as <link rel="alternate">.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from app.config import settings
from app.read.paper_names import PaperNaming
from app.web.i18n import LANGUAGES, language_of, pick_language, translations
from app.web.route_parameters import route_parameters
from app.web.static_files import STATIC_PATH
from app.web.translated_templates import translated_templates

templates = Jinja2Templates(directory=str(settings.templates_dir))
# Checking every template file for changes on every render costs more than the rendering of a
# small page: only `argmap serve --reload` (development) asks for it.
templates.env.auto_reload = settings.template_reload
# The pages, compiled per language with their fixed texts translated (the SVG download and
# other non-page templates use `templates`).
pages = translated_templates(settings.templates_dir, auto_reload=settings.template_reload)
LANG_COOKIE = "argmap_lang"


def request_language(request: Request) -> str:
    return pick_language(
        request.query_params.get("lang"),
        request.cookies.get(LANG_COOKIE),
        request.headers.get("accept-language"),
    )


def vocabulary_term(gettext: Callable[[str], str]) -> Callable[[str], str]:
    """A vocabulary slug for reading: translated, or in English with spaces
    ("differs-in-emphasis" → "differs in emphasis")."""

    def term(slug: str) -> str:
        translated = gettext(slug)
        return translated.replace("-", " ") if translated == slug else translated

    return term


def interface_words(request: Request) -> tuple[str, Callable[[str], str], Callable[[str], str]]:
    """The reader's language, its gettext and its vocabulary terms: for what a page's Python draws."""
    lang = request_language(request)
    gettext = translations(lang).gettext
    return lang, gettext, vocabulary_term(gettext)


def site_url(request: Request) -> str:
    """Scheme and host the reader used, for links meant to be copied or embedded elsewhere."""
    return str(request.base_url).rstrip("/")


def canonical_query(query: str) -> str:
    """The parameters decoded, ordered by name and percent-encoded afresh. The sort is stable:
    a repeated parameter keeps the order of its values (the app reads the last)."""
    return urlencode(sorted(parse_qsl(query, keep_blank_values=True), key=lambda pair: pair[0]))


def api_path(request: Request) -> str:
    """The page's JSON twin, with the same query (a search's twin holds its results), percent-encoded
    afresh from the decoded path and parameters: nothing the reader typed reaches a header as is."""
    path = request.url.path
    twin = quote("/api" + (path if path != "/" else ""), safe="/")
    query = canonical_query(request.url.query)
    return f"{twin}?{query}" if query else twin


# What may stand in a URI (RFC 3986): anything else (`<`, `>`, quotes, spaces, controls,
# non-ASCII) is percent-encoded before a URL goes into a header.
URI_CHARACTERS = "/:?#[]@!$&'()*+,;=%-._~"


def language_links(request: Request) -> dict[str, str]:
    """This page in each language: its query with `lang` set, so that a switch keeps the search,
    the filter, the focus or the page; only the parameters its route reads are carried."""
    route = request.scope.get("route")
    read = route_parameters(route) if route is not None else frozenset()
    kept = [(name, value) for name, value in request.query_params.multi_items() if name in read and name != "lang"]
    return {lang: "?" + urlencode([*kept, ("lang", lang)]) for lang in LANGUAGES}


def link_header(url: str) -> str:
    return f'<{quote(url, safe=URI_CHARACTERS)}>; rel="alternate"; type="application/json"'


def punctuation(lang: str) -> dict[str, str]:
    """The marks between the interface's words: Chinese text takes the full-width ones."""
    zh = lang == "zh"
    return {
        "colon": "：" if zh else ": ",  # after a label
        "list_separator": "；" if zh else ", ",  # between papers' names, which hold "、" in Chinese
        "comma": "，" if zh else ", ",  # between two clauses ("12 nodes, 20 links")
        "enumeration": "、" if zh else ", ",  # between the items of a list of words
        "lparen": "（" if zh else " (",  # around an aside or a count: "Sections (4)", "章节（4）"
        "rparen": "）" if zh else ")",
    }


def render(
    request: Request,
    template: str,
    data: BaseModel,
    *,
    status_code: int = 200,
    extra: dict[str, Any] | None = None,
    json_url: str | None = None,
) -> Response:
    """`json_url` names the JSON twin when it is not the page's own path under /api."""
    lang, gettext, term = interface_words(request)  # passed per request: the shared Jinja env stays thread-safe
    json_url = json_url or api_path(request)
    naming = PaperNaming(request.app.state.snapshots.current, lang)
    response = pages[lang].TemplateResponse(
        request=request,
        name=template,
        context={
            "page": data,
            "lang": lang,
            "_": gettext,
            "ngettext": translations(lang).ngettext,
            "term": term,
            "paper_name": naming.name,
            "paper_names": naming.names,
            "prose": naming.prose,
            **punctuation(lang),
            "language_links": language_links(request),
            "json_url": json_url,
            "static": f"{site_url(request)}{STATIC_PATH}/",  # as url_for("static"), without walking the routes
            "version": getattr(request.app.state, "dataset_version", "not loaded"),
            **(extra or {}),
        },
        status_code=status_code,
    )
    response.headers["Link"] = link_header(json_url)
    if language_of(request.query_params.get("lang")):  # a choice made with ?lang= is remembered
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    response.headers["Content-Language"] = lang
    return response
