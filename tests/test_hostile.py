"""A hostile visitor: script in every parameter and in the data, security headers on every
kind of response, path traversal on the static files, an 8 KB address, write methods.
Nothing gets through and nothing answers 500. Run on the fixture dataset."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.main import create_app
from app.web.errors import wants_json
from tests.conftest import edit
from tests.test_docs import _flatten

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
]
# What a payload must never become in HTML: a live tag, or a link that runs script.
LIVE = [
    re.compile(r"<script>alert", re.I),
    re.compile(r"<img src=x onerror", re.I),
    re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
]
SAMPLE_IDS = {
    "paper_id": "zheng-wu",
    "claim_id": "zheng-wu-thesis",
    "concept_id": "data-sharing",
    "slug": "adding-a-paper",
    "tour_id": "zheng-wu-argument",
    "n": "1",
}
WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]


def get_routes() -> list[APIRoute]:
    return [route for route in _flatten(create_app(database_url="sqlite://").routes) if isinstance(route, APIRoute)]


ROUTES = get_routes()
FILE_ROUTES = ("/export/sources/{paper_id}.txt", "/favicon.ico", "/robots.txt", "/compare/map.svg")  # files, not pages
PAGE_ROUTES = [route for route in ROUTES if not wants_json(route.path) and route.path not in FILE_ROUTES]


def sample_path(route: APIRoute, value: str | None = None) -> str:
    """The route's address with every path parameter filled (a sample id, or the given value)."""
    path = route.path
    for param in route.dependant.path_params:
        path = path.replace("{" + param.name + "}", value if value is not None else SAMPLE_IDS[param.name])
    return path


def assert_harmless(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    content_type = response.headers.get("content-type", "")
    if content_type.startswith("text/html"):
        for pattern in LIVE:
            assert not pattern.search(response.text), f"{what}: unescaped {pattern.pattern!r}"
    else:  # JSON, CSV, text: never sniffed into HTML by a browser
        assert not content_type.startswith("text/html")
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.path)
def test_script_in_every_query_parameter_is_escaped(fixture_reader: TestClient, route: APIRoute):
    names = [param.alias for param in route.dependant.query_params]
    for payload in PAYLOADS:
        for name in names:
            response = fixture_reader.get(sample_path(route), params={name: payload})
            assert_harmless(response, f"{route.path}?{name}={payload}")
        if names:
            response = fixture_reader.get(sample_path(route), params=dict.fromkeys(names, payload))
            assert_harmless(response, f"{route.path} with every parameter = {payload}")
        if route in PAGE_ROUTES:
            response = fixture_reader.get(sample_path(route), params={"lang": payload})
            assert_harmless(response, f"{route.path}?lang={payload}")


@pytest.mark.parametrize("route", [r for r in ROUTES if r.dependant.path_params], ids=lambda route: route.path)
def test_script_in_an_id_is_escaped_on_the_not_found_page(fixture_reader: TestClient, route: APIRoute):
    for payload in PAYLOADS:
        response = fixture_reader.get(sample_path(route, payload.replace("/", "")))
        assert response.status_code in (404, 422), route.path
        assert_harmless(response, f"{route.path} with id {payload}")


HOSTILE_TEXT = '</script><script>alert("xss")</script><img src=x onerror=alert(1)>'


def test_script_in_the_data_is_shown_as_text(fixture_data_dir: Path, database_url: str):
    """An editor's slip (or a hostile pull request) in the data files stays inert on every page."""
    edit(
        fixture_data_dir / "papers/zheng-wu/claims/abstract.yaml",
        'text_en: "Data sharing among cooperatives',
        'text_en: "' + HOSTILE_TEXT.replace('"', '\\"') + " Data sharing among cooperatives",
    )
    edit(
        fixture_data_dir / "concepts/core.yaml",
        "label_en: data sharing",
        "label_en: 'data sharing <script>alert(1)</script>'",
    )
    edit(fixture_data_dir / "cross-paper.yaml", 'note: "Both say', 'note: "<img src=x onerror=alert(1)> Both say')
    with TestClient(create_app(database_url=database_url, data_dir=fixture_data_dir)) as client:
        assert "xss" in client.get("/api/claims/zheng-wu-thesis").json()["text_en"]  # the data did load
        for path in [
            "/claims/zheng-wu-thesis",
            "/claims/zheng-wu-thesis/card",
            "/claims/han-su-ledger-cuts-costs",
            "/papers/zheng-wu",
            "/papers/zheng-wu/text",
            "/concepts",
            "/concepts/data-sharing",
            "/compare",
            "/compare/data-sharing",
            "/compare/map",
            "/chains",
            "/chains?from=digital-ledger&to=rural-income",
            "/graph",
            "/graph?focus=zheng-wu-thesis",
            "/search?q=xss",
            "/search?q=sharing",
            "/references",
            "/export",
            "/tours/zheng-wu-argument/3",
            "/",
        ]:
            response = client.get(path)
            assert response.status_code == 200, path
            assert_harmless(response, path)
        claim_page = client.get("/claims/zheng-wu-thesis").text
        # the JSON-LD block in the head holds the text with < escaped: it cannot close its <script>
        assert "\\u003c/script\\u003e\\u003cscript\\u003ealert" in claim_page
        assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in claim_page
        assert "&lt;img src=x onerror=alert(1)&gt; Both say" in client.get("/claims/han-su-ledger-cuts-costs").text


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def test_pages_have_no_inline_scripts(fixture_reader: TestClient):
    """The policy forbids inline script; the pages need none (data blocks are not script)."""
    for route in PAGE_ROUTES:
        response = fixture_reader.get(sample_path(route))
        assert response.headers["content-type"].startswith("text/html"), route.path
        for attributes, body in SCRIPT_TAG.findall(response.text):
            if "src=" in attributes:
                assert not body.strip(), route.path
            else:
                assert re.search(r'type="application/(ld\+)?json"', attributes), f"inline script on {route.path}"


def assert_security_headers(response, framable: bool = False) -> None:
    policy = response.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", policy)
    assert script_src and "'unsafe-inline'" not in script_src.group(1) and "'unsafe-eval'" not in policy
    assert "default-src 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    if framable:
        assert "frame-ancestors *" in policy
        assert "x-frame-options" not in response.headers
    else:
        assert "frame-ancestors 'none'" in policy
        assert response.headers["x-frame-options"] == "DENY"


def test_security_headers_on_every_kind_of_response(fixture_reader: TestClient):
    responses = {
        "page": fixture_reader.get("/"),
        "api": fixture_reader.get("/api/papers/zheng-wu"),
        "export": fixture_reader.get("/export/claims.csv"),
        "static file": fixture_reader.get("/static/css/argmap.css"),
        "health": fixture_reader.get("/healthz"),
        "not found page": fixture_reader.get("/claims/no-such-claim"),
        "not found json": fixture_reader.get("/api/claims/no-such-claim"),
        "bad parameter": fixture_reader.get("/chains?length=99"),
        "write method": fixture_reader.post("/"),
        "long address": fixture_reader.get("/search?q=" + "a" * 9000),
        "missing static file": fixture_reader.get("/static/nothing.css"),
        "api docs": fixture_reader.get("/docs"),
    }
    for what, response in responses.items():
        assert response.status_code < 500, what
        assert_security_headers(response), what
    assert_security_headers(fixture_reader.get("/claims/zheng-wu-thesis/card"), framable=True)


def raw_get(base: str, target: str) -> tuple[int, bytes]:
    """A request line sent as written: no client library tidies the dots away."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {address.netloc}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1]), answer


@pytest.mark.parametrize(
    "target",
    [
        "/static/../app/config.py",
        "/static/%2e%2e/app/config.py",
        "/static/%2E%2E/%2E%2E/app/config.py",
        "/static/..%2fapp%2fconfig.py",
        "/static/%2e%2e%2fapp%2fconfig.py",
        "/static/..%5capp%5cconfig.py",
        "/static/....//app/config.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/guides/screenshots/../../app/config.py",
        "/guides/screenshots/%2e%2e/%2e%2e/app/config.py",
        "/export/sources/..%2f..%2fapp%2fconfig.txt",
    ],
)
def test_path_traversal_is_refused(fixture_live_server: str, target: str):
    status, answer = raw_get(fixture_live_server, target)
    assert status in (400, 404), target
    assert b"BaseSettings" not in answer and b"root:x:0:0" not in answer


def test_an_8_kb_address_gets_a_clean_414(fixture_reader: TestClient):
    page = fixture_reader.get("/search?q=" + "合作" * 1500)  # 8 KB+ once percent-encoded
    assert page.status_code == 414
    assert page.headers["content-type"].startswith("text/html")
    assert "Address too long" in page.text and '<a href="/">' in page.text
    assert "网址过长" in fixture_reader.get("/papers/" + "x" * 8200 + "?lang=zh").text
    api = fixture_reader.get("/api/search?q=" + "a" * 8200)
    assert api.status_code == 414
    assert api.json()["error"]["status"] == 414


def test_an_over_long_parameter_gets_a_clean_422(fixture_reader: TestClient):
    for path, name in [("/search", "q"), ("/graph", "focus"), ("/chains", "from"), ("/oembed", "url")]:
        response = fixture_reader.get(path, params={name: "a" * 3000})
        assert response.status_code == 422, path
    assert fixture_reader.get("/api/search", params={"q": "a" * 3000}).json()["error"]["status"] == 422


def test_no_route_writes():
    for route in ROUTES:
        assert route.methods <= {"GET", "HEAD"}, route.path


@pytest.mark.parametrize("method", WRITE_METHODS)
def test_write_methods_answer_405(fixture_reader: TestClient, method: str):
    for route in ROUTES:
        response = fixture_reader.request(method, sample_path(route), content=b"x=1")
        assert response.status_code == 405, f"{method} {route.path}"
        assert set(response.headers["allow"].replace(" ", "").split(",")) <= {"GET", "HEAD"}
    assert fixture_reader.request(method, "/static/css/argmap.css").status_code == 405
