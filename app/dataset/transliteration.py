"""Authors' names in Hanyu Pinyin, for the papers whose source gives no romanised names.

Worked out when the dataset is loaded and kept with it (the dataset_info row
TRANSLITERATIONS_KEY: a JSON object from each name to its pinyin), so that a server reading
the map never loads pypinyin's dictionaries, a third of a second and 50 MB. A name missing
from that record (a database loaded before it was kept) is transliterated when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

TRANSLITERATIONS_KEY = "author_pinyin"


def pinyin_name(name_zh: str) -> str:
    """'杨丽娟' → 'Yang Lijuan': a one-character family name, then the given name as one word."""
    from pypinyin import Style, lazy_pinyin  # here, not at import: only a load or a stale record needs it

    syllables = lazy_pinyin(name_zh, style=Style.NORMAL)
    family, given = syllables[0], "".join(syllables[1:])
    return f"{family.capitalize()} {given.capitalize()}".strip()


def transliterations(papers: Iterable[Any]) -> dict[str, str]:
    """Each Chinese author name of the papers that give no romanised names, in pinyin."""
    names = {name for paper in papers if not paper.authors_en for name in paper.authors_zh or ()}
    return {name: pinyin_name(name) for name in sorted(names)}
