"""Interface language: gettext catalogues (Babel .po files), chosen per request.

The .po files under app/locale/<lang>/LC_MESSAGES/ are compiled in memory at start-up,
so no binary .mo files are committed. English is the source language. Each part of the
interface may keep its own .po file there (messages.po, compare.po, ...); they are merged.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    po_paths = sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po"))
    if lang == DEFAULT_LANGUAGE or not po_paths:
        return gettext.NullTranslations()
    catalogs = []
    for po_path in po_paths:
        with po_path.open("rb") as po_file:
            catalogs.append(read_po(po_file, locale=lang))
    merged = catalogs[0]
    for catalog in catalogs[1:]:
        for message in catalog:
            if message.id:
                merged[message.id] = message
    buffer = BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return Translations(fp=buffer)


def pick_language(query_lang: str | None, cookie_lang: str | None, accept_language: str | None) -> str:
    """?lang= wins, then the remembered choice, then the browser's preference."""
    for candidate in (query_lang, cookie_lang):
        if candidate in LANGUAGES:
            return candidate
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return "zh"
        if tag.startswith("en"):
            return "en"
    return DEFAULT_LANGUAGE
