"""The response cache: pages come back from memory, in the reader's language, for the data
as they are now, with an ETag that a revalidating browser gets a 304 for. Run on the fixture
dataset."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient

from app.main import refresh_data
from app.web.response_cache import CachedResponse, ResponseCache, ResponseCacheMiddleware
from tests.conftest import edit

CLAIM = "/claims/zheng-wu-s1-thesis"
ZH_HEADING = 'lang="zh-Hans"'
IDENTITY = {"Accept-Encoding": "identity"}  # a client that takes no compression


def test_a_page_asked_for_twice_is_the_same_bytes_with_a_strong_etag(fixture_reader):
    # A client that takes gzip gets the weak form of the tag (tests/test_compression.py).
    first = fixture_reader.get("/concepts/digital-ledger", headers=IDENTITY)
    second = fixture_reader.get("/concepts/digital-ledger", headers=IDENTITY)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    etag = second.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["etag"] == etag
    assert "Accept-Language" in second.headers["vary"] and "Cookie" in second.headers["vary"]


def test_a_browser_revalidating_with_the_etag_gets_304_with_the_security_headers(fixture_reader):
    page = fixture_reader.get(CLAIM)
    again = fixture_reader.get(CLAIM, headers={"If-None-Match": page.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == page.headers["etag"]
    assert "frame-ancestors 'none'" in again.headers["content-security-policy"]
    stale = fixture_reader.get(CLAIM, headers={"If-None-Match": '"not-this-one"'})
    assert stale.status_code == 200 and stale.content == page.content


def test_cached_pages_keep_their_security_headers(fixture_reader):
    for _ in range(2):
        page = fixture_reader.get(CLAIM)
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-frame-options"] == "DENY"
        card = fixture_reader.get(CLAIM + "/card")
        assert "frame-ancestors *" in card.headers["content-security-policy"]
        assert "x-frame-options" not in card.headers


def test_each_reader_gets_the_page_in_their_own_language(fixture_reader):
    english = fixture_reader.get(CLAIM, headers={"Accept-Language": "en-GB"})
    chinese = fixture_reader.get(CLAIM, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    english_again = fixture_reader.get(CLAIM, headers={"Accept-Language": "en-GB"})
    assert english.headers["content-language"] == english_again.headers["content-language"] == "en"
    assert chinese.headers["content-language"] == "zh"
    assert ZH_HEADING in chinese.text and ZH_HEADING not in english_again.text
    assert english.headers["etag"] != chinese.headers["etag"]


def test_the_remembered_language_cookie_wins_over_the_browser_on_a_cached_page(fixture_reader):
    fixture_reader.get(CLAIM, headers={"Accept-Language": "en"})  # the English page is now cached
    fixture_reader.cookies.set("argmap_lang", "zh")
    page = fixture_reader.get(CLAIM, headers={"Accept-Language": "en"})
    assert page.headers["content-language"] == "zh" and ZH_HEADING in page.text


def test_choosing_a_language_sets_the_cookie_even_when_the_page_comes_from_the_cache(fixture_reader):
    first = fixture_reader.get(CLAIM + "?lang=zh")
    fixture_reader.cookies.clear()
    second = fixture_reader.get(CLAIM + "?lang=zh")
    for response in (first, second):
        assert response.headers["content-language"] == "zh"
        assert "argmap_lang=zh" in response.headers["set-cookie"]
    assert second.headers["etag"] == first.headers["etag"]
    plain = fixture_reader.get(CLAIM, headers={"Accept-Language": "en"})
    assert "set-cookie" not in plain.headers  # only ?lang= sets it, cached or not


def test_the_same_query_in_another_order_is_the_same_page(fixture_reader):
    one = fixture_reader.get("/chains?from=digital-ledger&to=rural-income")
    other = fixture_reader.get("/chains?to=rural-income&from=digital-ledger")
    assert one.status_code == 200 and one.content == other.content


def test_a_parameter_no_route_reads_makes_no_new_entry(fixture_reader):
    cache: ResponseCache = fixture_reader.app.state.response_cache
    clean = fixture_reader.get(CLAIM)
    entries = len(cache)
    for n in range(5):
        tracked = fixture_reader.get(f"{CLAIM}?utm_source=mail-{n}")
        assert tracked.status_code == 200 and tracked.content == clean.content
    assert len(cache) == entries  # replayed from the clean address's entry, nothing added


def test_a_parameter_another_route_reads_is_answered_but_not_kept(fixture_reader):
    cache: ResponseCache = fixture_reader.app.state.response_cache
    fixture_reader.get(CLAIM)
    entries = len(cache)
    for n in range(3):  # `q` is search's parameter, not the claim page's
        assert fixture_reader.get(f"{CLAIM}?q=capital-{n}").status_code == 200
    assert len(cache) == entries
    assert fixture_reader.get("/search?q=capital").status_code == 200
    assert len(cache) == entries + 1  # where `q` is read, it is part of the key


def test_switched_off_every_request_renders_with_its_etag(fixture_reader, monkeypatch):
    """ARGMAP_RESPONSE_CACHE=0 (bench/run.py --uncached): nothing is kept, every answer is a full render."""
    from app.config import settings

    cache: ResponseCache = fixture_reader.app.state.response_cache
    cache.clear()
    hits = cache.hits
    monkeypatch.setattr(settings, "response_cache", False)
    first, second = fixture_reader.get(CLAIM), fixture_reader.get(CLAIM)
    assert first.status_code == second.status_code == 200 and first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]
    assert len(cache) == 0 and cache.hits == hits
    monkeypatch.setattr(settings, "response_cache", True)
    fixture_reader.get(CLAIM)
    assert len(cache) == 1


def test_errors_are_not_cached(fixture_reader):
    cache: ResponseCache = fixture_reader.app.state.response_cache
    for _ in range(2):
        missing = fixture_reader.get("/claims/no-such-claim")
        assert missing.status_code == 404 and "etag" not in missing.headers
        assert fixture_reader.get("/api/claims/no-such-claim").status_code == 404
    assert not any("no-such-claim" in key for key in cache._entries)


def test_a_page_shows_the_new_data_after_a_reload(fixture_client, fixture_data_dir: Path):
    claim = fixture_client.get("/api/claims/zheng-wu-s1-thesis").json()
    page = fixture_client.get("/claims/zheng-wu-s1-thesis")
    assert claim["text_en"] in page.text
    claims_file = next(
        p
        for p in (fixture_data_dir / "papers" / "zheng-wu" / "claims").glob("*.yaml")
        if claim["text_en"][:30] in p.read_text(encoding="utf-8")
    )
    edit(claims_file, claim["text_en"][:30], "Freshly reworded: " + claim["text_en"][:12])
    refresh_data(fixture_client.app)
    fresh_api = fixture_client.get("/api/claims/zheng-wu-s1-thesis").json()
    fresh_page = fixture_client.get("/claims/zheng-wu-s1-thesis", headers={"If-None-Match": page.headers["etag"]})
    assert fresh_api["text_en"].startswith("Freshly reworded: ")
    assert fresh_page.status_code == 200 and "Freshly reworded: " in fresh_page.text
    assert fresh_page.headers["etag"] != page.headers["etag"]


def test_exports_keep_their_own_etag(fixture_reader):
    export = fixture_reader.get("/export/graph.json")
    assert export.headers["cache-control"] == "public, no-cache"
    assert "x-dataset-version" in export.headers
    assert (
        fixture_reader.get("/export/graph.json", headers={"If-None-Match": export.headers["etag"]}).status_code == 304
    )
    kept = [key for key in fixture_reader.app.state.response_cache._entries if "/export/graph.json" in key]
    assert len(kept) == 1  # exports are kept in the one cache of rendered bytes, under their own ETag
    assert fixture_reader.get("/export/graph.json").headers["etag"] == export.headers["etag"]


def test_the_cache_forgets_the_least_recently_used_page_when_full():
    cache = ResponseCache(max_entries=2, max_bytes=10)
    entry = CachedResponse(headers=[], body=b"abcd", etag=b'"x"')
    cache.put("a", entry)
    cache.put("b", entry)
    assert cache.get("a") is entry  # a is now the most recently used
    cache.put("c", entry)
    assert cache.get("b") is None and cache.get("a") is entry and cache.get("c") is entry
    cache.put("d", CachedResponse(headers=[], body=b"123456789", etag=b'"y"'))  # over max_bytes
    assert len(cache) == 1 and cache.get("d") is not None


def test_a_response_setting_another_cookie_is_not_cached():
    app = FastAPI()
    app.state.response_cache = ResponseCache()
    app.state.dataset_version = "1"
    app.add_middleware(ResponseCacheMiddleware)
    served = []

    @app.get("/session")
    def with_session_cookie():
        served.append(1)
        response = PlainTextResponse(f"visit {len(served)}")
        response.set_cookie("session", str(len(served)))
        return response

    with TestClient(app) as client:
        assert client.get("/session").text == "visit 1"
        assert client.get("/session").text == "visit 2"
    assert len(app.state.response_cache) == 0


def test_a_page_over_the_bound_is_answered_whole_and_not_kept(fixture_reader, monkeypatch):
    from app.web import response_cache

    kept: ResponseCache = fixture_reader.app.state.response_cache
    kept.clear()
    whole = fixture_reader.get("/concepts").content
    kept.clear()
    monkeypatch.setattr(response_cache, "MAX_ENTRY_BYTES", len(whole) // 2)
    for _ in range(2):
        assert fixture_reader.get("/concepts").content == whole
    assert len(kept) == 0
