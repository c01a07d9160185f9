"""The closest names to what a reader mistyped ("did you mean"), on search pages and on the
404 of an unknown id: found by likeness without comparing every name of a large map, and on
the shipped map the same as comparing every name."""

from __future__ import annotations

import random
from difflib import get_close_matches

import pytest
from fastapi.testclient import TestClient

from app.pages import errors, search
from app.read import close_names
from app.read.close_names import CloseNames


def misspelt(name: str, pick: random.Random) -> str:
    """A name with one letter dropped, two swapped, or one typed wrong."""
    letters = list(name)
    at = pick.randrange(len(letters))
    how = pick.randrange(3)
    if how == 0 and len(letters) > 1:
        del letters[at]
    elif how == 1 and at + 1 < len(letters):
        letters[at], letters[at + 1] = letters[at + 1], letters[at]
    else:
        letters[at] = pick.choice("abcdefghijklmnopqrstuvwxyz资本数据")
    return "".join(letters)


def test_did_you_mean_offers_what_comparing_every_name_would_offer(reader: TestClient):
    """On the shipped map, reading only the names that share the query's rarest pairs of
    characters finds what difflib finds comparing the query with every name."""
    index = search.SEARCH_INDEX.of(reader.app.state.snapshots.current)
    names = list(index.names)
    pick = random.Random(3)
    for name in names:
        for _ in range(3):
            typo = misspelt(name, pick)
            assert index.close_names.closest(typo) == get_close_matches(typo, names, n=3, cutoff=0.6), typo


def test_did_you_mean_on_a_large_map_compares_few_names_and_still_finds_the_one_meant(
    monkeypatch: pytest.MonkeyPatch,
):
    pick = random.Random(5)
    letters = "abcdefghijklmnopqrstuvwxyz  "
    names = sorted({"".join(pick.choices(letters, k=pick.randint(8, 24))) for _ in range(30_000)})
    close = CloseNames.of(names)
    compared: list[int] = []

    def counting(word, possibilities, n, cutoff):
        compared.append(len(possibilities))
        return get_close_matches(word, possibilities, n, cutoff)

    monkeypatch.setattr(close_names, "get_close_matches", counting)
    for name in pick.sample(names, 50):
        typo = misspelt(name, pick)
        assert name in close.closest(typo), typo
    assert max(compared) <= close_names.CANDIDATES_PER_ANSWER * 3


def test_a_404_suggests_what_comparing_every_id_and_label_would_suggest(reader: TestClient):
    """What a reader sees: the first MAX_SUGGESTIONS items, each once (an id and a label may
    lead to the same item)."""
    snapshot = reader.app.state.snapshots.current
    pick = random.Random(4)
    for kind, suggestable in errors.SUGGESTABLE.of(snapshot).items():
        keys = list(suggestable.keys)
        for key in pick.sample(keys, min(len(keys), 150)):
            typo = misspelt(key, pick)
            wanted = typo.lower().replace("_", "-").replace(" ", "-")  # as an address is read
            urls: list[str] = []
            for close in get_close_matches(wanted, keys, n=errors.MAX_SUGGESTIONS * 2, cutoff=0.5):
                if suggestable.keys[close][1] not in urls:
                    urls.append(suggestable.keys[close][1])
            found = [suggestion.url for suggestion in errors.suggestions(snapshot, kind, typo)]
            assert found == urls[: errors.MAX_SUGGESTIONS], (kind, typo)
