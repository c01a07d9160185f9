"""Compression: a browser that takes gzip gets its pages, /api answers, exports and static
files compressed, and they decode to the very bytes a client that takes none gets; the
compressed answer's ETag is the weak form of the page's, and revalidates it. Run on the
fixture dataset."""

from __future__ import annotations

import gzip

import pytest

from app.config import settings
from app.web import response_cache
from app.web.compression import takes_gzip
from app.web.response_cache import ResponseCache

GZIP = {"Accept-Encoding": "gzip"}
IDENTITY = {"Accept-Encoding": "identity"}
COMPARE = "/compare"


def raw(client, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """The status, headers and body as they came over the wire (the test client decodes gzip)."""
    with client.stream("GET", url, headers=headers) as response:
        return response.status_code, dict(response.headers), b"".join(response.iter_raw())


@pytest.mark.parametrize(
    "url",
    [COMPARE, "/claims/zheng-wu-s1-thesis", "/api/claims/zheng-wu-s1-thesis", "/export/graph.json", "/search?q=ledger"],
)
def test_a_browser_that_takes_gzip_gets_the_same_page_compressed(fixture_reader, url):
    _, plain_headers, plain = raw(fixture_reader, url, IDENTITY)
    for _ in range(2):  # rendered, then replayed from the cache
        status, headers, body = raw(fixture_reader, url, GZIP)
        assert status == 200 and headers["content-encoding"] == "gzip"
        assert gzip.decompress(body) == plain and len(body) < len(plain)
        assert "Accept-Encoding" in headers["vary"]
        assert headers["etag"] == "W/" + plain_headers["etag"]
    assert "content-encoding" not in plain_headers and not plain_headers["etag"].startswith("W/")


def test_the_compressed_page_revalidates_by_either_tag(fixture_reader):
    _, headers, _ = raw(fixture_reader, COMPARE, GZIP)
    for tag in (headers["etag"], headers["etag"].removeprefix("W/")):
        again = fixture_reader.get(COMPARE, headers={**GZIP, "If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == headers["etag"]
    plain = fixture_reader.get(COMPARE, headers={**IDENTITY, "If-None-Match": headers["etag"]})
    assert plain.status_code == 304


def test_with_the_cache_switched_off_pages_are_still_compressed(fixture_reader, monkeypatch):
    cache: ResponseCache = fixture_reader.app.state.response_cache
    cache.clear()
    monkeypatch.setattr(settings, "response_cache", False)
    _, _, plain = raw(fixture_reader, COMPARE, IDENTITY)
    status, headers, body = raw(fixture_reader, COMPARE, GZIP)
    assert status == 200 and headers["content-encoding"] == "gzip" and gzip.decompress(body) == plain
    assert int(headers["content-length"]) == len(body)
    assert len(cache) == 0


def test_a_kept_page_holds_its_compressed_copy_in_the_cache_bound(fixture_reader):
    cache: ResponseCache = fixture_reader.app.state.response_cache
    cache.clear()
    fixture_reader.get(COMPARE, headers=IDENTITY)
    (entry,) = cache._entries.values()
    assert entry.gzip is not None and gzip.decompress(entry.gzip[1]) == entry.body
    assert cache.size == len(entry.body) + len(entry.gzip[1])


def test_an_export_too_large_to_keep_streams_out_compressed(fixture_reader, monkeypatch):
    _, _, plain = raw(fixture_reader, "/export/aif.json", IDENTITY)
    fixture_reader.app.state.response_cache.clear()
    monkeypatch.setattr(response_cache, "MAX_ENTRY_BYTES", len(plain) // 3)
    status, headers, body = raw(fixture_reader, "/export/aif.json", GZIP)
    assert status == 200 and headers["content-encoding"] == "gzip" and "content-length" not in headers
    assert gzip.decompress(body) == plain
    assert len(fixture_reader.app.state.response_cache) == 0


def test_static_files_are_compressed_and_revalidated(fixture_reader):
    url = "/static/css/argmap.css"
    _, plain_headers, plain = raw(fixture_reader, url, IDENTITY)
    status, headers, body = raw(fixture_reader, url, GZIP)
    assert status == 200 and headers["content-encoding"] == "gzip" and gzip.decompress(body) == plain
    again = fixture_reader.get(url, headers={**GZIP, "If-None-Match": headers["etag"]})
    assert again.status_code == 304 and again.headers["etag"] == "W/" + plain_headers["etag"]


@pytest.mark.parametrize("url", ["/favicon.ico", "/healthz", "/static/favicon.svg"])
def test_what_is_small_or_not_text_goes_as_it_is(fixture_reader, url):
    status, headers, body = raw(fixture_reader, url, GZIP)
    assert status == 200 and "content-encoding" not in headers
    assert body == fixture_reader.get(url, headers=IDENTITY).content


def test_error_pages_are_compressed_too(fixture_reader):
    status, headers, body = raw(fixture_reader, "/claims/no-such-claim", GZIP)
    assert status == 404 and headers["content-encoding"] == "gzip"
    assert b"no-such-claim" in gzip.decompress(body)


def test_a_head_request_gets_the_compressed_length_and_no_body(fixture_reader):
    _, headers, body = raw(fixture_reader, COMPARE, GZIP)
    head = fixture_reader.head(COMPARE, headers=GZIP)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-encoding"] == "gzip" and head.headers["content-length"] == str(len(body))


def test_the_same_page_compresses_to_the_same_bytes(fixture_reader, monkeypatch):
    monkeypatch.setattr(settings, "response_cache", False)
    assert raw(fixture_reader, COMPARE, GZIP)[2] == raw(fixture_reader, COMPARE, GZIP)[2]


@pytest.mark.parametrize(
    ("accept_encoding", "taken"),
    [
        ("gzip", True),
        ("gzip, deflate, br, zstd", True),
        ("br;q=1.0, GZIP;q=0.5", True),
        ("x-gzip", True),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0, *", False),
        ("*;q=0", False),
        ("identity", False),
        ("deflate, br", False),
        ("gzip;q=nonsense", False),
        ("gzip; level=9; q=0.8", True),
        ("gzip;level=9;q=0", False),
        ("", False),
    ],
)
def test_which_clients_take_gzip(accept_encoding, taken):
    assert takes_gzip(accept_encoding.encode()) is taken
