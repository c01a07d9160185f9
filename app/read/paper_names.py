"""How a paper is named to a reader: by its authors, in the reader's language.

A paper's slug (`lu-yang`) is an address and a data key, never a name: prose and headings
say "Lu & Yang" or "卢江、杨丽娟". Everything here is derived from the paper's metadata.
When the source gives no romanised names (`authors_en: null`), the English names are the
Hanyu Pinyin of the Chinese ones, and `transliterated` says so, so that a citation can
mark them as argmap's transliteration rather than the authors' own spelling.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from pydantic import BaseModel

from app.dataset.transliteration import TRANSLITERATIONS_KEY, pinyin_name
from app.read.rows import PaperRow
from app.read.snapshot import Derived, Snapshot


class PaperName(BaseModel):
    id: str
    name_en: str  # "Lu & Yang", "Qi & Li", "Zhang et al."
    name_zh: str  # "卢江、杨丽娟", "张三等"
    authors_en: list[str]  # "Family Given", as the source gives them or transliterated
    transliterated: bool  # authors_en is argmap's pinyin, not the source's own spelling

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


def romanised_authors(paper: PaperRow, known: Mapping[str, str] | None = None) -> tuple[list[str], bool]:
    """The authors in Latin letters, and whether argmap transliterated them (`known`: the
    transliterations the loader kept, app/dataset/transliteration.py)."""
    if paper.authors_en:
        return list(paper.authors_en), False
    if paper.authors_zh:
        known = known or {}
        return [known.get(name) or pinyin_name(name) for name in paper.authors_zh], True
    return [], False


def _family(name_en: str) -> str:
    return name_en.split()[0]


def paper_name(paper: PaperRow, known: Mapping[str, str] | None = None) -> PaperName:
    authors_en, transliterated = romanised_authors(paper, known)
    families = [_family(name) for name in authors_en]
    if not families:
        name_en = paper.title_en or paper.title_zh
    elif len(families) <= 2:
        name_en = " & ".join(families)
    else:
        name_en = f"{families[0]} et al."
    authors_zh = paper.authors_zh or []
    if not authors_zh:
        name_zh = paper.title_zh
    elif len(authors_zh) <= 2:
        name_zh = "、".join(authors_zh)
    else:
        name_zh = f"{authors_zh[0]}等"
    return PaperName(
        id=paper.id, name_en=name_en, name_zh=name_zh, authors_en=authors_en, transliterated=transliterated
    )


def build_paper_names(snapshot: Snapshot) -> dict[str, PaperName]:
    known = json.loads(snapshot.info.get(TRANSLITERATIONS_KEY) or "{}")
    return {paper.id: paper_name(paper, known) for paper in snapshot.papers}


PAPER_NAMES = Derived(build_paper_names)


def build_paper_id_pattern(snapshot: Snapshot) -> re.Pattern[str]:
    """Where a paper's id stands alone in prose. A hyphenated id is found as any hyphenated
    word and looked up, so the cost of a match does not grow with the number of papers
    (an alternation of 200 ids is tried at every position); ids without a hyphen, if any,
    are alternatives of their own."""
    plain = sorted((re.escape(paper.id) for paper in snapshot.papers if "-" not in paper.id), key=len, reverse=True)
    words = "|".join([r"[a-z0-9]+(?:-[a-z0-9]+)+", *plain])
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)


PAPER_ID_PATTERN = Derived(build_paper_id_pattern)


class PaperNaming:
    """How the templates of one page name papers, in the page's language: `name("lu-yang")` →
    "Lu & Yang" / "卢江、杨丽娟"; `names([...])` several in a row; `prose(text)` turns the ids
    in English prose from the data (cross-paper notes, definitions, tour notes: "lu-yang adds…")
    into the authors' names ("Lu & Yang adds…"). The data itself keeps the ids. The names and
    the pattern are built once per snapshot."""

    def __init__(self, snapshot: Snapshot, lang: str):
        self.lang = lang
        self._snapshot = snapshot
        self._names = PAPER_NAMES.of(snapshot)

    def name(self, paper_id: str) -> str:
        found = self._names.get(paper_id)
        return found.name(self.lang) if found else paper_id

    def names(self, paper_ids: Iterable[str]) -> str:
        separator = "；" if self.lang == "zh" else "; "
        return separator.join(self.name(paper_id) for paper_id in paper_ids)

    def prose(self, text: str | None) -> str:
        if not text or not self._names:
            return text or ""
        names = self._names

        def named(match: re.Match[str]) -> str:
            found = names.get(match.group(0).lower())
            return found.name_en if found else match.group(0)

        return PAPER_ID_PATTERN.of(self._snapshot).sub(named, text)
