"""The response cache: pages come back from memory, in the reader's language, for the data
as they are now, with an ETag that a revalidating browser gets a 304 for."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient

from app.cache import CachedResponse, ResponseCache, ResponseCacheMiddleware
from app.main import refresh_data
from tests.conftest import edit

CLAIM = "/claims/qi-li-s2-within-units"
ZH_HEADING = 'lang="zh-Hans"'


def test_a_page_asked_for_twice_is_the_same_bytes_with_a_strong_etag(reader):
    first = reader.get("/concepts/patient-capital")
    second = reader.get("/concepts/patient-capital")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    etag = second.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["etag"] == etag
    assert "Accept-Language" in second.headers["vary"] and "Cookie" in second.headers["vary"]


def test_a_browser_revalidating_with_the_etag_gets_304_with_the_security_headers(reader):
    page = reader.get(CLAIM)
    again = reader.get(CLAIM, headers={"If-None-Match": page.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == page.headers["etag"]
    assert "frame-ancestors 'none'" in again.headers["content-security-policy"]
    stale = reader.get(CLAIM, headers={"If-None-Match": '"not-this-one"'})
    assert stale.status_code == 200 and stale.content == page.content


def test_cached_pages_keep_their_security_headers(reader):
    for _ in range(2):
        page = reader.get(CLAIM)
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-frame-options"] == "DENY"
        card = reader.get(CLAIM + "/card")
        assert "frame-ancestors *" in card.headers["content-security-policy"]
        assert "x-frame-options" not in card.headers


def test_each_reader_gets_the_page_in_their_own_language(reader):
    english = reader.get(CLAIM, headers={"Accept-Language": "en-GB"})
    chinese = reader.get(CLAIM, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    english_again = reader.get(CLAIM, headers={"Accept-Language": "en-GB"})
    assert english.headers["content-language"] == english_again.headers["content-language"] == "en"
    assert chinese.headers["content-language"] == "zh"
    assert ZH_HEADING in chinese.text and ZH_HEADING not in english_again.text
    assert english.headers["etag"] != chinese.headers["etag"]


def test_the_remembered_language_cookie_wins_over_the_browser_on_a_cached_page(reader):
    reader.get(CLAIM, headers={"Accept-Language": "en"})  # the English page is now cached
    reader.cookies.set("argmap_lang", "zh")
    page = reader.get(CLAIM, headers={"Accept-Language": "en"})
    assert page.headers["content-language"] == "zh" and ZH_HEADING in page.text


def test_choosing_a_language_sets_the_cookie_even_when_the_page_comes_from_the_cache(reader):
    first = reader.get(CLAIM + "?lang=zh")
    reader.cookies.clear()
    second = reader.get(CLAIM + "?lang=zh")
    for response in (first, second):
        assert response.headers["content-language"] == "zh"
        assert "argmap_lang=zh" in response.headers["set-cookie"]
    assert second.headers["etag"] == first.headers["etag"]
    plain = reader.get(CLAIM, headers={"Accept-Language": "en"})
    assert "set-cookie" not in plain.headers  # only ?lang= sets it, cached or not


def test_the_same_query_in_another_order_is_the_same_page(reader):
    one = reader.get("/chains?from=patient-capital&to=continuity-of-production")
    other = reader.get("/chains?to=continuity-of-production&from=patient-capital")
    assert one.status_code == 200 and one.content == other.content


def test_a_parameter_no_route_reads_makes_no_new_entry(reader):
    cache: ResponseCache = reader.app.state.response_cache
    clean = reader.get(CLAIM)
    entries = len(cache)
    for n in range(5):
        tracked = reader.get(f"{CLAIM}?utm_source=mail-{n}")
        assert tracked.status_code == 200 and tracked.content == clean.content
    assert len(cache) == entries  # replayed from the clean address's entry, nothing added


def test_a_parameter_another_route_reads_is_answered_but_not_kept(reader):
    cache: ResponseCache = reader.app.state.response_cache
    reader.get(CLAIM)
    entries = len(cache)
    for n in range(3):  # `q` is search's parameter, not the claim page's
        assert reader.get(f"{CLAIM}?q=capital-{n}").status_code == 200
    assert len(cache) == entries
    assert reader.get("/search?q=capital").status_code == 200
    assert len(cache) == entries + 1  # where `q` is read, it is part of the key


def test_switched_off_every_request_renders_with_its_etag(reader, monkeypatch):
    """ARGMAP_RESPONSE_CACHE=0 (bench/run.py --uncached): nothing is kept, every answer is a full render."""
    from app.config import settings

    cache: ResponseCache = reader.app.state.response_cache
    cache.clear()
    hits = cache.hits
    monkeypatch.setattr(settings, "response_cache", False)
    first, second = reader.get(CLAIM), reader.get(CLAIM)
    assert first.status_code == second.status_code == 200 and first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]
    assert len(cache) == 0 and cache.hits == hits
    monkeypatch.setattr(settings, "response_cache", True)
    reader.get(CLAIM)
    assert len(cache) == 1


def test_errors_are_not_cached(reader):
    cache: ResponseCache = reader.app.state.response_cache
    for _ in range(2):
        missing = reader.get("/claims/no-such-claim")
        assert missing.status_code == 404 and "etag" not in missing.headers
        assert reader.get("/api/claims/no-such-claim").status_code == 404
    assert not any("no-such-claim" in key for key in cache._entries)


def test_a_page_shows_the_new_data_after_a_reload(client, data_dir: Path):
    claim = client.get("/api/claims/qi-li-s2-within-units").json()
    page = client.get("/claims/qi-li-s2-within-units")
    assert claim["text_en"] in page.text
    claims_file = next(
        p
        for p in (data_dir / "papers" / "qi-li" / "claims").glob("*.yaml")
        if claim["text_en"][:30] in p.read_text(encoding="utf-8")
    )
    edit(claims_file, claim["text_en"][:30], "Freshly reworded: " + claim["text_en"][:12])
    refresh_data(client.app)
    fresh_api = client.get("/api/claims/qi-li-s2-within-units").json()
    fresh_page = client.get("/claims/qi-li-s2-within-units", headers={"If-None-Match": page.headers["etag"]})
    assert fresh_api["text_en"].startswith("Freshly reworded: ")
    assert fresh_page.status_code == 200 and "Freshly reworded: " in fresh_page.text
    assert fresh_page.headers["etag"] != page.headers["etag"]


def test_exports_keep_their_own_etag(reader):
    export = reader.get("/export/graph.json")
    assert export.headers["cache-control"] == "public, no-cache"
    assert "x-dataset-version" in export.headers
    assert reader.get("/export/graph.json", headers={"If-None-Match": export.headers["etag"]}).status_code == 304
    assert not any("/export/graph.json" in key for key in reader.app.state.response_cache._entries)


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
