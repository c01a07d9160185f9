"""Interface language: one gettext catalogue per language, made with Babel's own workflow.

    pybabel extract -F babel.cfg -k N_ --no-location --sort-output --width=0 -o app/locale/messages.pot .
    pybabel update -i app/locale/messages.pot -d app/locale -l zh --no-fuzzy-matching --ignore-obsolete --width=0

`extract` reads every `_()`, `gettext()` and `ngettext()` of the templates and the Python
code, and every `N_()` (a string translated where it is shown, e.g. `_(page.title)`), into
one template, app/locale/messages.pot; `update` brings app/locale/zh/LC_MESSAGES/messages.po
in line with it, and a translator fills in what is new. The .po file is compiled in memory
at start-up, so no binary .mo file is committed. English is the source language.
tests/test_i18n.py fails when the .pot is stale, a message has no Chinese, or a Chinese
message uses ASCII punctuation.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent.parent / "locale"
TEMPLATE = LOCALE_DIR / "messages.pot"
LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    path = catalogue_path(lang)
    if lang == DEFAULT_LANGUAGE or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def language_of(tag: str | None) -> str | None:
    """The interface language a language tag asks for, by its primary subtag (BCP 47): "zh",
    "zh-CN", "zh-Hans" and "ZH" ask for Chinese, "en-GB" for English; any other, for neither."""
    primary = (tag or "").strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LANGUAGES else None


def pick_language(query_lang: str | None, cookie_lang: str | None, accept_language: str | None) -> str:
    """?lang= wins, then the remembered choice, then the browser's preference."""
    for candidate in (query_lang, cookie_lang, *(part.split(";")[0] for part in (accept_language or "").split(","))):
        if lang := language_of(candidate):
            return lang
    return DEFAULT_LANGUAGE


def N_(message: str) -> str:
    """Marks a string for `pybabel extract -k N_` where it is defined; it is translated
    where it is shown (`_(page.title)` in a template)."""
    return message
