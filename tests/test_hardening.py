"""Hard to break, round 2 (issue 19): what a hostile tester and fault injection found.
Each test names the defect it guards against; every one failed before its mend."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.test_hostile import ROUTES, raw_get, sample_path

LINK = re.compile(r'^<[^<>"\s]*>; rel="alternate"; type="application/json"$')


def headers_of(answer: bytes) -> dict[str, str]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {name.lower(): value.strip() for name, value in (line.split(":", 1) for line in head)}


ODD_PATHS = ["/concepts/%E8%B5%84%E6%9C%AC", "/claims/%E8%B5%84", "/claims/a%00b", "/claims/a%0bb"]


@pytest.mark.parametrize("target", ODD_PATHS)
def test_a_path_with_any_character_gets_a_404_page_with_its_headers(live_server: str, target: str):
    status, answer = raw_get(live_server, target)
    assert status == 404
    headers = headers_of(answer)
    assert "content-security-policy" in headers
    assert LINK.match(headers["link"]), headers["link"]


def test_a_raw_query_cannot_add_a_link_to_the_header_or_to_the_cache(live_server: str):
    attack = "/search?q=p1>;rel=preload;as=style,<https://evil.example/x.css"
    browser_encoded = "/search?q=p1%3E;rel=preload;as=style,%3Chttps://evil.example/x.css"
    for target in (attack, browser_encoded, attack):
        status, answer = raw_get(live_server, target)
        assert status == 200
        link = headers_of(answer)["link"]
        assert LINK.match(link), link


def test_a_repeated_parameter_is_not_answered_from_the_other_order(reader: TestClient):
    first = reader.get("/api/search", params=[("q", "zzzz"), ("q", "资本")]).json()
    second = reader.get("/api/search", params=[("q", "资本"), ("q", "zzzz")]).json()
    assert (first["q"], second["q"]) == ("资本", "zzzz")  # the last value, as the app reads it
    assert second["total"] == 0 < first["total"]


HEAD_PATHS = sorted({sample_path(route) for route in ROUTES if "GET" in route.methods}) + [
    "/static/css/argmap.css",
    "/claims/no-such-claim",
]


@pytest.mark.parametrize("path", HEAD_PATHS)
def test_head_answers_like_get_without_a_body(reader: TestClient, path: str):
    got = reader.get(path)
    head = reader.head(path)
    assert head.status_code == got.status_code, path
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("content-security-policy") == got.headers.get("content-security-policy")
