"""Search on the fixture dataset, page by page: the count, the order and the paging are those
of the whole ranked list read row by row (exact names first, then papers, sections,
concepts, claims and references in their order, each row once), though the index only
names the rows a page shows."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.pages import search
from app.pages.search import SEARCHED
from app.read import search_index

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
