"""Hard to break, round 2 (issue 19): what a hostile tester and fault injection found.
Each test names the defect it guards against; every one failed before its mend."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError
from typer.testing import CliRunner

from app.cli import cli, serve_options
from app.config import settings
from app.database import engine as db
from app.database.engine import make_engine
from app.database.models import DatasetInfo
from app.dataset import loader as load_module
from app.dataset.load_lock import load_lock
from app.dataset.loader import LoadError, read_dataset
from app.main import create_app
from app.routes import search as search_routes
from tests.conftest import FIXTURE_DATA, edit
from tests.test_hostile import ROUTES, raw_get, sample_path

LINK = re.compile(r'^<[^<>"\s]*>; rel="alternate"; type="application/json"$')


def headers_of(answer: bytes) -> dict[str, str]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {name.lower(): value.strip() for name, value in (line.split(":", 1) for line in head)}


ODD_PATHS = [
    "/concepts/%E8%B5%84%E6%9C%AC",
    "/claims/%E8%B5%84",
    "/claims/a%00b",
    "/claims/a%0bb",
    "/api/claims/a%00b",
    "/chains?from=a%00b&to=x",
]


@pytest.mark.parametrize("target", ODD_PATHS)
def test_a_path_with_any_character_gets_a_404_page_with_its_headers(fixture_live_server: str, target: str):
    status, answer = raw_get(fixture_live_server, target)
    assert status == 404
    headers = headers_of(answer)
    assert "content-security-policy" in headers
    assert LINK.match(headers.get("link", '</api>; rel="alternate"; type="application/json"')), headers["link"]


def test_a_raw_query_cannot_add_a_link_to_the_header_or_to_the_cache(fixture_live_server: str):
    attack = "/search?q=p1>;rel=preload;as=style,<https://evil.example/x.css"
    browser_encoded = "/search?q=p1%3E;rel=preload;as=style,%3Chttps://evil.example/x.css"
    for target in (attack, browser_encoded, attack):
        status, answer = raw_get(fixture_live_server, target)
        assert status == 200
        link = headers_of(answer)["link"]
        assert LINK.match(link), link


def test_a_repeated_parameter_is_not_answered_from_the_other_order(fixture_reader: TestClient):
    first = fixture_reader.get("/api/search", params=[("q", "zzzz"), ("q", "合作")]).json()
    second = fixture_reader.get("/api/search", params=[("q", "合作"), ("q", "zzzz")]).json()
    assert (first["q"], second["q"]) == ("合作", "zzzz")  # the last value, as the app reads it
    assert second["total"] == 0 < first["total"]


HEAD_PATHS = sorted({sample_path(route) for route in ROUTES if "GET" in route.methods}) + [
    "/static/css/argmap.css",
    "/claims/no-such-claim",
]


@pytest.mark.parametrize("path", HEAD_PATHS)
def test_head_answers_like_get_without_a_body(fixture_reader: TestClient, path: str):
    got = fixture_reader.get(path)
    head = fixture_reader.head(path)
    assert head.status_code == got.status_code, path
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("content-security-policy") == got.headers.get("content-security-policy")


# --- exports: linked data that tools read as meant, one edge id everywhere -----------------


def nodes_of_type(document: object, kind: str) -> list[dict]:
    """Every JSON-LD node object of @type `kind`, however deep."""
    found = []
    if isinstance(document, dict):
        if document.get("@type") == kind:
            found.append(document)
        for value in document.values():
            found += nodes_of_type(value, kind)
    elif isinstance(document, list):
        for value in document:
            found += nodes_of_type(value, kind)
    return found


def test_the_dataset_is_one_node_with_a_licence_iri(fixture_reader: TestClient):
    document = fixture_reader.get("/export/dataset.jsonld").json()
    assert document["@id"] == "http://testserver/export/dataset.jsonld"
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["copyrightNotice"].startswith("CC BY 4.0")
    assert nodes_of_type(document, "Dataset") == [document]
    assert {json.dumps(claim["isPartOf"]) for claim in document["hasPart"]} == {json.dumps({"@id": document["@id"]})}


def test_annotations_keep_their_argmap_block_and_absolute_ids(fixture_reader: TestClient):
    collection = fixture_reader.get("/export/annotations.jsonld").json()
    local = collection["@context"][1]
    assert local["argmap"]["@type"] == "@json" and local["argmap"]["@id"].startswith("http://testserver/")
    assert collection["argmap"]["dataset_version"]
    ids = [collection["id"], collection["first"]["id"]]
    for note in collection["first"]["items"]:
        ids += [note["id"], note["target"]["source"], *(body["id"] for body in note["body"] if "id" in body)]
    assert all(ident.startswith("http://testserver/") for ident in ids), [i for i in ids if "://" not in i][:3]
    assert fixture_reader.get(collection["first"]["items"][0]["target"]["source"]).status_code == 200


def test_an_argdown_export_filtered_to_nothing_still_has_a_statement(fixture_reader: TestClient):
    text = fixture_reader.get("/export/argmap.argdown?layers=causal").text
    body = text.split("===\n", 2)[2]
    statements = [line for line in body.splitlines() if re.match(r"^\[[^\]]+\]: \S", line)]
    assert statements and "layers causal" in statements[0]


def test_an_edge_has_the_same_string_id_in_every_graph_format(fixture_reader: TestClient):
    node_link = fixture_reader.get("/export/graph.json").json()
    keyed = {(edge["source"], edge["target"], edge["key"]) for edge in node_link["edges"]}
    assert all(isinstance(key, str) for _, _, key in keyed)
    cytoscape = fixture_reader.get("/export/cytoscape.json").json()
    assert keyed == {
        (e["data"]["source"], e["data"]["target"], e["data"]["id"]) for e in cytoscape["elements"]["edges"]
    }
    graphml = ElementTree.fromstring(fixture_reader.get("/export/graph.graphml").content)
    edges = graphml.iter("{http://graphml.graphdrawing.org/xmlns}edge")
    assert keyed == {(e.get("source"), e.get("target"), e.get("id")) for e in edges}
    assert len(keyed) == len(node_link["edges"])


# --- a public base address -------------------------------------------------------------------

BASE = "https://argmap.example.org"
CLAIM = "/claims/zheng-wu-thesis"


@pytest.fixture
def public(database_url: str) -> Iterator[TestClient]:
    """The app over the fixture dataset with ARGMAP_BASE_URL set, asked with a foreign Host."""
    app = create_app(database_url=database_url, data_dir=FIXTURE_DATA, base_url=BASE)
    with TestClient(app, base_url="http://evil.example", follow_redirects=False) as client:
        yield client


def test_with_a_base_address_a_foreign_host_changes_no_url(public: TestClient):
    answers = {
        "page": public.get(CLAIM).text,
        "card": public.get(CLAIM + "/card").text,
        "oembed": public.get("/oembed", params={"url": BASE + CLAIM}).text,
        "dataset": public.get("/export/dataset.jsonld").text,
        "annotations": public.get("/export/annotations.jsonld").text,
        "export page": public.get("/export").text,
    }
    for what, body in answers.items():
        assert "evil.example" not in body, what
        assert BASE in body, what
    assert f'<link rel="canonical" href="{BASE}{CLAIM}">' in answers["page"]
    assert public.get("/oembed", params={"url": "http://evil.example" + CLAIM}).status_code == 404


# --- start-up keeps serving the last good data; health tells the truth -----------------------


def serve(database_url: str, fixture_data_dir: Path) -> TestClient:
    return TestClient(create_app(database_url=database_url, data_dir=fixture_data_dir))


def assert_serving_last_good_data(database_url: str, fixture_data_dir: Path, problems: int | None = None) -> dict:
    with serve(database_url, fixture_data_dir) as client:
        assert client.get(CLAIM).status_code == 200
        health = client.get("/healthz")
        assert health.status_code == 200
        assert health.json()["status"] == "degraded"
        assert health.json()["last_load_problems"] == problems if problems else health.json()["last_load_problems"] > 0
        return health.json()


def built(database_url: str, fixture_data_dir: Path) -> None:
    with serve(database_url, fixture_data_dir) as client:
        assert client.get("/healthz").json()["status"] == "ok"


def unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`chmod 000`, and for root (who reads anything) the PermissionError the system would give."""
    path.chmod(0)
    if os.geteuid() == 0:
        for method in ("read_bytes", "read_text"):
            real = getattr(Path, method)

            def refuse(self: Path, *args, _real=real, **kwargs):
                if self == path:
                    raise PermissionError(13, "Permission denied", str(self))
                return _real(self, *args, **kwargs)

            monkeypatch.setattr(Path, method, refuse)


def test_an_unreadable_data_file_keeps_the_last_good_data(database_url, fixture_data_dir, monkeypatch):
    built(database_url, fixture_data_dir)
    unreadable(fixture_data_dir / "tours" / "zheng-wu-argument.yaml", monkeypatch)
    assert_serving_last_good_data(database_url, fixture_data_dir)


def test_a_missing_data_directory_keeps_the_last_good_data(database_url, fixture_data_dir):
    built(database_url, fixture_data_dir)
    shutil.rmtree(fixture_data_dir)
    assert_serving_last_good_data(database_url, fixture_data_dir)


def test_a_folder_named_like_a_data_file_keeps_the_last_good_data(database_url, fixture_data_dir):
    built(database_url, fixture_data_dir)
    (fixture_data_dir / "concepts" / "more.yaml").mkdir()
    assert_serving_last_good_data(database_url, fixture_data_dir)


def test_a_database_folder_without_room_for_the_lock_file_still_serves(tmp_path, fixture_data_dir):
    if os.environ.get("DATABASE_URL"):
        pytest.skip("the lock file belongs to SQLite")
    url = f"sqlite:///{tmp_path / 'argmap.db'}"
    built(url, fixture_data_dir)
    lock = tmp_path / "argmap.db.lock"
    lock.unlink()
    lock.mkdir()  # the lock file cannot be opened, as in a read-only folder
    with serve(url, fixture_data_dir) as client:
        assert client.get(CLAIM).status_code == 200


def test_a_database_in_a_read_only_folder_is_served_read_only(tmp_path, fixture_data_dir, monkeypatch):
    if is_postgres():
        pytest.skip("a SQLite file's folder")
    url = f"sqlite:///{tmp_path / 'argmap.db'}"
    built(url, fixture_data_dir)
    monkeypatch.setattr(db, "folder_writable", lambda folder: folder != tmp_path)  # as `chmod a-w`, even for root
    with serve(url, fixture_data_dir) as client:
        assert db.is_read_only(client.app.state.engine)
        assert client.get(CLAIM).status_code == 200
        assert client.get("/healthz").json()["status"] == "ok"
    edit(fixture_data_dir / "concepts" / "core.yaml", "concepts:", "concepts: [")  # changed data cannot be loaded
    assert_serving_last_good_data(url, fixture_data_dir, problems=1)


def test_the_loader_reads_nothing_through_a_link_out_of_the_data_directory(database_url, fixture_data_dir, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("concepts:\n  - root:x:0:0:SECRET-LINE\n", encoding="utf-8")
    built(database_url, fixture_data_dir)
    (fixture_data_dir / "concepts" / "stolen.yaml").symlink_to(secret)
    (fixture_data_dir / "papers" / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(LoadError) as raised:
        read_dataset(fixture_data_dir)
    assert "SECRET-LINE" not in str(raised.value)
    assert {p.path for p in raised.value.problems} == {"data/concepts/stolen.yaml", "data/papers/elsewhere"}
    assert_serving_last_good_data(database_url, fixture_data_dir, problems=2)


def test_health_says_degraded_after_a_failed_load(database_url, fixture_data_dir):
    built(database_url, fixture_data_dir)
    edit(fixture_data_dir / "concepts" / "core.yaml", "concepts:", "concepts: [")
    assert_serving_last_good_data(database_url, fixture_data_dir)


def test_health_reads_data_and_says_error_when_it_cannot(fixture_client: TestClient):
    with fixture_client.app.state.engine.begin() as connection:
        connection.execute(text(f'DROP TABLE "{DatasetInfo.__tablename__}"'))
    health = fixture_client.get("/healthz")
    assert health.status_code == 503 and health.json()["status"] in ("error", "unavailable")


def test_a_damaged_sqlite_file_is_set_aside_and_rebuilt(tmp_path, fixture_data_dir):
    if is_postgres():
        pytest.skip("PostgreSQL looks after its own files")
    database = tmp_path / "argmap.db"
    built(f"sqlite:///{database}", fixture_data_dir)
    with database.open("r+b") as file:  # corrupt pages after the header, as a bad disk would
        file.seek(4096 * 3)
        file.write(b"\xa5" * 4096 * 40)
    with serve(f"sqlite:///{database}", fixture_data_dir) as client:
        assert client.get(CLAIM).status_code == 200
        assert client.get("/healthz").json()["status"] == "ok"
    assert [p.name.split("-")[0] for p in tmp_path.glob("argmap.db.damaged-*")] == ["argmap.db.damaged"]


def is_postgres() -> bool:
    return bool(os.environ.get("DATABASE_URL"))


# --- PostgreSQL going away, two builds at once ------------------------------------------------


def test_pages_are_answered_from_the_snapshot_with_no_database_at_all(
    fixture_client: TestClient, monkeypatch: pytest.MonkeyPatch
):
    def connection_gone(*args, **kwargs):
        raise OperationalError("SELECT", {}, Exception("terminating connection due to administrator command"))

    fixture_client.app.state.response_cache.clear()  # every page rendered now, none replayed
    monkeypatch.setattr(fixture_client.app.state.engine, "connect", connection_gone)
    for address in ("/api/claims/zheng-wu-thesis", CLAIM, "/search?q=ledger", "/export/graph.json", "/compare/map"):
        assert fixture_client.get(address).status_code == 200, address
    assert fixture_client.get("/healthz").status_code == 503  # which does ask the database


def test_a_build_waits_for_the_load_lock(database_url: str, fixture_data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    engine = make_engine(database_url)
    results: list[int] = []
    build = threading.Thread(
        target=lambda: results.append(CliRunner().invoke(cli, ["build", "--data-dir", str(fixture_data_dir)]).exit_code)
    )
    try:
        with load_lock(engine):  # as another build or a starting server holds it
            build.start()
            build.join(timeout=2)
            assert build.is_alive(), "the build did not wait for the lock"
        build.join(timeout=60)
        assert results == [0]
    finally:
        engine.dispose()


def test_a_build_that_meets_a_database_error_says_so_without_a_traceback(
    database_url: str, fixture_data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("DATABASE_URL", database_url)

    def duplicate(*_args, **_kwargs):
        raise IntegrityError("INSERT", {}, Exception('duplicate key value violates unique constraint "paper_pkey"'))

    monkeypatch.setattr(load_module, "write_dataset", duplicate)
    result = CliRunner().invoke(cli, ["build", "--data-dir", str(fixture_data_dir)])
    assert result.exit_code == 1
    assert "duplicate key value" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, IntegrityError)


# --- load shedding ------------------------------------------------------------------------------


def test_beyond_the_bound_expensive_requests_get_503_at_once_and_the_rest_is_served(
    database_url: str, fixture_data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(settings, "max_expensive_requests", 1)
    entered, release = threading.Event(), threading.Event()
    real_search = search_routes.search_page

    def slow_search(*args, **kwargs):
        entered.set()
        release.wait(timeout=30)
        return real_search(*args, **kwargs)

    monkeypatch.setattr(search_routes, "search_page", slow_search)
    with serve(database_url, fixture_data_dir) as client:
        client.get(CLAIM)  # rendered once: replayed from the cache below
        client.get("/export/claims.csv")  # kept: a replay below
        slow = threading.Thread(target=lambda: client.get("/api/search", params={"q": "合作"}))
        slow.start()
        try:
            assert entered.wait(timeout=30)
            started = time.monotonic()
            for path in ("/api/graph?focus=zheng-wu-thesis", "/chains?from=digital-ledger&to=rural-income"):
                busy = client.get(path)
                assert busy.status_code == 503 and busy.headers["retry-after"].isdigit(), path
            assert client.get("/export/links.csv").status_code == 503
            assert client.get("/export/claims.csv").status_code == 200  # a replay is no work
            assert client.get("/healthz").status_code == 200
            assert client.get(CLAIM).status_code == 200
            assert client.get("/concepts").status_code == 200
            assert time.monotonic() - started < 5  # answered at once, not queued behind the search
        finally:
            release.set()
            slow.join(timeout=30)
        assert client.get("/api/graph?focus=zheng-wu-thesis").status_code == 200  # the place is free again


# --- slow clients --------------------------------------------------------------------------------


async def hello(scope, receive, send) -> None:
    headers = [(b"content-type", b"text/plain"), (b"content-length", b"5")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"hello"})


@pytest.fixture
def slow_header_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """uvicorn with `argmap serve`'s protocol and a header timeout of half a second."""
    monkeypatch.setattr(settings, "header_timeout", 0.5)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    options = {k: v for k, v in serve_options().items() if k != "log_config"}
    server = uvicorn.Server(uvicorn.Config(hello, host="127.0.0.1", port=port, log_level="warning", **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def test_a_client_too_slow_with_its_headers_is_disconnected(slow_header_server: int):
    with socket.create_connection(("127.0.0.1", slow_header_server), timeout=5) as slow:
        slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        time.sleep(1.5)
        assert slow.recv(1024) == b""  # closed by the server
    with socket.create_connection(("127.0.0.1", slow_header_server), timeout=5) as prompt:
        prompt.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = b""
        while not answer.endswith(b"hello"):
            answer += prompt.recv(1024)
        assert answer.startswith(b"HTTP/1.1 200")
        time.sleep(1.5)  # idle after an answer: the keep-alive (5 s) still holds it
        prompt.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        time.sleep(1.5)  # a second request's headers get the same time as the first's
        assert prompt.recv(1024) == b""


def test_argmap_serve_bounds_connections():
    options = serve_options()
    assert options["limit_concurrency"] == settings.max_connections > 0
    assert options["http"] == "app.web.serve_protocol:HeaderTimeoutProtocol"


@pytest.mark.parametrize("address", ["argmap.example.org", "https://argmap.example.org/argmap", "ftp://x.org"])
def test_a_base_address_that_is_not_an_origin_is_refused_at_start(address: str):
    with pytest.raises(ValueError, match="ARGMAP_BASE_URL"):
        create_app(database_url="sqlite://", base_url=address)
