"""Search on the fixture dataset, page by page: the count, the order and the paging are those
of the whole ranked list read row by row (exact names first, then papers, sections,
concepts, claims and references in their order, each row once), though the index only
names the rows a page shows."""

from __future__ import annotations

import random
from difflib import get_close_matches

import pytest
from fastapi.testclient import TestClient

from app.pages import search
from app.pages.search import SEARCHED
from app.read import close_names, search_index
from app.read.close_names import CloseNames

WORDS = ["合作社", "数字账本", "digital ledger", "DIGITAL LEDGER", "ledger", "账本", "协作", "data", "的", "e", "。"]
WORDS += ["data–plan", "第5卷", "FARMERS’ INCOMES"]  # English and other characters in one query


def whole_ranking(client: TestClient, query: str) -> tuple[list[tuple[str, str]], int]:
    """Every (kind, id) matching `query`, found by reading each row's values in turn, and how
    many of them come first as rows that `query` names exactly."""
    snapshot = client.app.state.snapshots.current
    low = query.lower()
    named: list[tuple[str, str]] = []
    found: list[tuple[str, str]] = []
    for kind, rows in SEARCHED.items():
        for row in rows(snapshot, None):
            if low in {name.lower() for name in row.names} and (kind, row.id) not in named:
                named.append((kind, row.id))
            if any(text and low in text.lower() for _, text in row.fields):
                found.append((kind, row.id))
    return named + [match for match in found if match not in named], len(named)


def every_page(client: TestClient, query: str) -> list[dict]:
    """The search's pages in order, following each page's link to the next."""
    pages = [client.get("/api/search", params={"q": query}).json()]
    while pages[-1]["paging"]["next"]:
        pages.append(client.get("/api/search" + pages[-1]["paging"]["next"]).json())
    return pages


@pytest.mark.parametrize("per_page", [2, 3, 50])
def test_paging_through_a_search_lists_every_match_once_in_rank_order(
    fixture_client: TestClient, monkeypatch: pytest.MonkeyPatch, per_page: int
):
    monkeypatch.setattr(search, "PER_PAGE", per_page)
    exact_names = 0
    for word in WORDS:
        expected, exact = whole_ranking(fixture_client, word)
        pages = every_page(fixture_client, word)
        assert expected, word  # every word here is found
        exact_names += exact
        assert len(pages) == -(-len(expected) // per_page), word
        listed: list[tuple[str, str]] = []
        for number, found in enumerate(pages, start=1):
            hits = [(group["kind"], hit) for group in found["groups"] for hit in group["hits"]]
            assert found["total"] == len(expected), word
            assert found["shown"] == len(hits) == min(per_page, len(expected) - (number - 1) * per_page), word
            paging = found["paging"]
            assert (paging["page"], paging["pages"]) == (number, len(pages)), word
            assert (paging["first"], paging["last"]) == (len(listed) + 1, len(listed) + len(hits)), word
            assert (paging["previous"] is None) == (number == 1), word
            for group, hit in hits:
                position = len(listed)
                listed.append((hit["kind"], hit["id"]))
                assert (group == "best") == (position < exact), word
        assert listed == expected, word
    assert exact_names >= 4  # names listed first, on the first page or across pages


def test_the_index_finds_what_reading_every_row_finds(fixture_client: TestClient):
    """Whole words and pieces of words (found in the list of words), two Chinese characters
    (listed with their rows), and the rest (read row by row)."""
    snapshot = fixture_client.app.state.snapshots.current
    odd = ["edge", "dger", "l", "ledger b", " ", "-", "zzzq", "账", "账本zz", "ledger 账本", "本", "数字账"]
    for kind, rows in SEARCHED.items():
        listed = list(rows(snapshot, None))
        index = search_index.TextIndex.of((row.id, [text for _, text in row.fields]) for row in listed)
        for word in [*WORDS, *odd]:
            low = word.lower()
            expected = [row.id for row in listed if any(text and low in text.lower() for _, text in row.fields)]
            found = index.matches(word)
            assert (list(found), found.count()) == (expected, len(expected)), (kind, word)


def test_a_page_past_the_last_is_refused_and_names_the_pages_there_are(
    fixture_client: TestClient, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(search, "PER_PAGE", 2)
    total = fixture_client.get("/api/search", params={"q": "ledger"}).json()["total"]
    pages = -(-total // 2)
    assert pages > 2
    assert fixture_client.get("/api/search", params={"q": "ledger", "page": pages}).status_code == 200
    refused = fixture_client.get("/api/search", params={"q": "ledger", "page": pages + 1})
    assert refused.status_code == 404
    assert f"has {pages} pages" in refused.text


@pytest.mark.parametrize("query", ["data–planning", "第9卷", "ledger 账本"])
def test_english_and_other_characters_found_apart_but_never_together_count_nothing(
    fixture_client: TestClient, query: str
):
    assert whole_ranking(fixture_client, query) == ([], 0)
    assert fixture_client.get("/api/search", params={"q": query}).json()["total"] == 0


def test_a_word_found_nowhere_counts_nothing_and_offers_close_names(fixture_client: TestClient):
    found = fixture_client.get("/api/search", params={"q": "digital ledgr"}).json()
    assert (found["total"], found["shown"], found["groups"]) == (0, 0, [])
    assert found["paging"]["pages"] == 1 and found["paging"]["first"] == 0
    assert "digital ledger" in [close["text"] for close in found["did_you_mean"]]


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
    assert max(compared) <= close_names.CANDIDATES
