"""Shared fixtures.

- `data_dir`, `database_url`, `client`: a private copy of the shipped data and a fresh
  database per test, for tests that break or change data.
- `reader`: one client over the shipped data for the whole run, for tests that only read
  (loading the map takes about a second, so read-only tests share it).
- `fixture_reader`, `fixture_data_dir`, `fixture_client`: the same over the small made-up
  dataset in tests/fixtures/dataset/ (its ids are listed in `FIXTURE_IDS`). Behaviour tests
  use these, so an editorial correction of data/ never breaks them; only the tests of the
  shipped data itself read data/.
- `live_server`, `browser`, `page`, `shot`: the app served by uvicorn and a real Chromium
  (Debian's package, driven by Playwright). Without Chromium the browser tests skip,
  unless ARGMAP_REQUIRE_BROWSER=1 (set by .ci/run) turns that into a failure.

SQLite by default; PostgreSQL when DATABASE_URL is set (the shared readers then use sibling
databases named `<db>_reader` and `<db>_fixture`).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from app.cli import cli
from app.config import REPO_ROOT
from app.database.engine import make_engine
from app.database.models import TABLES
from app.dataset.synth import synthesize
from app.main import create_app

SHIPPED_DATA = REPO_ROOT / "data"
FIXTURE_DATA = REPO_ROOT / "tests" / "fixtures" / "dataset"
# The ids of the fixture dataset that tests may name (tests/fixtures/dataset/README.md says
# what each shows); tests/test_fixture_dataset.py checks that every one of them exists.
FIXTURE_IDS = frozenset(
    {
        # papers: han-su has only its landing page (official English abstract, full metadata);
        # zheng-wu is a full article (no journal, year or DOI stated)
        "han-su",
        "zheng-wu",
        "han-su-abstract",
        "zheng-wu-abstract",
        "zheng-wu-intro",
        "zheng-wu-s1",
        "zheng-wu-s2",
        # claims
        "han-su-thesis",
        "han-su-changes-cooperatives",
        "han-su-ledger-cuts-costs",
        "han-su-larger-cooperation",
        "han-su-data-sharing-plans",
        "han-su-long-cycle",
        "han-su-speculation-volatility",
        "han-su-credit-matches-cycles",
        "han-su-policy",
        "zheng-wu-thesis",
        "zheng-wu-abstract-policy",
        "zheng-wu-intro-rival",
        "zheng-wu-intro-thesis",
        "zheng-wu-s1-thesis",
        "zheng-wu-s1-ledger-cuts-costs",
        "zheng-wu-s1-vegetable-example",
        "zheng-wu-s1-marx-cooperation",
        "zheng-wu-s2-thesis",
        "zheng-wu-s2-ledger-enables-sharing",
        "zheng-wu-s2-sharing-scale-income",
        "zheng-wu-s2-speculation",
        "zheng-wu-s2-policy",
        # concepts (speculation's label 投机资本 is in no source: argmap's term)
        "digital-ledger",
        "data-sharing",
        "cooperation-scale",
        "rural-income",
        "transaction-cost",
        "production-planning",
        "long-horizon-credit",
        "speculation",
        "price-volatility",
        # references (zheng-wu-note-1 is a footnote)
        "zheng-wu-ref-1",
        "zheng-wu-ref-2",
        "zheng-wu-note-1",
        # tours: zheng-wu-argument has a step of every kind (4: chain, 5: graph)
        "zheng-wu-argument",
        "ledgers-in-both-papers",
    }
)
# Ids retired in the fixture's version 0.2.0: moved (301) to their successor, or gone (410).
FIXTURE_MOVED = {"zheng-wu-s2-old-sharing": "zheng-wu-s2-ledger-enables-sharing", "ledger-technology": "digital-ledger"}
FIXTURE_GONE = "han-su-restated-title"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = REPO_ROOT / "artifacts" / "screenshots"
# Screenshots the guides in docs/ show: the browser tests refresh them on every run.
GUIDE_SHOTS_DIR = REPO_ROOT / "docs" / "screenshots"
GUIDE_SHOTS = {
    "paper-outline",
    "claim",
    "source-highlight",
    "search-zh",
    "cite-this-claim",
    "embed-card",
    "compare",
    "compare-map",
    "compare-map-phone",
    "chains",
    "tour",
    "graph-overview",
    "graph-focus",
    "export",
} | {  # the student path (tests/test_student_path_browser.py), each step in both languages and widths
    f"student-{lang}-{width}-{step}"
    for lang in ("en", "zh")
    for width in (1280, 390)
    for step in ("1-home", "2-paper", "3-claim", "4-concept", "5-compare", "6-chain", "7-tour")
}


def _empty_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        for table in reversed(TABLES):
            connection.execute(text(f'DROP TABLE IF EXISTS "{table.__tablename__}" CASCADE'))
    engine.dispose()


def _sibling_postgres_database(url: str, suffix: str) -> str:
    """A second database on the same server, created on first use."""
    base = make_url(url)
    name = f"{base.database}_{suffix}"
    admin = make_engine(base.set(database="postgres").render_as_string(hide_password=False))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    sibling = base.set(database=name).render_as_string(hide_password=False)
    _empty_postgres(sibling)
    return sibling


def synthetic_app(
    tmp_path_factory: pytest.TempPathFactory, source: Path, copies: int, name: str
) -> Iterator[TestClient]:
    """The app over `copies` copies of a dataset (`argmap synth`), loaded once (for a module's fixture)."""
    data = synthesize(source, tmp_path_factory.mktemp(name) / "data", copies)
    url = os.environ.get("DATABASE_URL")
    url = _sibling_postgres_database(url, name) if url else f"sqlite:///{data.parent / 'argmap.db'}"
    with TestClient(create_app(database_url=url, data_dir=data)) as client:
        yield client


def every_page(client: TestClient, address: str, **params: str) -> list[dict]:
    """A paged list's pages (JSON) in order, following each page's link to the next."""
    pages = [client.get(address, params=params).json()]
    while pages[-1]["paging"]["next"]:
        pages.append(client.get(address + pages[-1]["paging"]["next"]).json())
    return pages


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped data that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, copy)
    return copy


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / 'argmap.db'}"
        return
    _empty_postgres(url)  # one shared database: every test starts from empty tables
    yield url


@pytest.fixture
def client(database_url: str, data_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(database_url=database_url, data_dir=data_dir)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def shared_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return _sibling_postgres_database(url, "reader")
    return f"sqlite:///{tmp_path_factory.mktemp('reader') / 'argmap.db'}"


@pytest.fixture(scope="session")
def shared_app(shared_database_url: str):
    """The app over the shipped data, loaded once and never modified."""
    return create_app(database_url=shared_database_url, data_dir=SHIPPED_DATA)


@pytest.fixture(scope="session")
def _reader_client(shared_app) -> Iterator[TestClient]:
    with TestClient(shared_app) as test_client:
        yield test_client


@pytest.fixture
def reader(_reader_client: TestClient) -> TestClient:
    """The shared read-only client, with no cookies left over from another test."""
    _reader_client.cookies.clear()
    return _reader_client


@pytest.fixture
def fixture_data_dir(tmp_path: Path) -> Path:
    """A private copy of the fixture dataset that a test may break (named data/, like the
    shipped data's copy, so problems read `data/<file>:<line>`)."""
    copy = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, copy)
    return copy


@pytest.fixture
def fixture_client(database_url: str, fixture_data_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(database_url=database_url, data_dir=fixture_data_dir)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def fixture_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return _sibling_postgres_database(url, "fixture")
    return f"sqlite:///{tmp_path_factory.mktemp('fixture') / 'argmap.db'}"


@pytest.fixture(scope="session")
def fixture_app(fixture_database_url: str):
    """The app over the fixture dataset, loaded once and never modified."""
    return create_app(database_url=fixture_database_url, data_dir=FIXTURE_DATA)


@pytest.fixture(scope="session")
def _fixture_reader_client(fixture_app) -> Iterator[TestClient]:
    with TestClient(fixture_app) as test_client:
        yield test_client


@pytest.fixture
def fixture_reader(_fixture_reader_client: TestClient) -> TestClient:
    """The shared read-only client over the fixture dataset, with no cookies left over."""
    _fixture_reader_client.cookies.clear()
    return _fixture_reader_client


def _serve(app) -> Iterator[str]:
    """Serve an app (data already loaded) over HTTP by uvicorn in a thread."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(400):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(shared_app, _reader_client) -> Iterator[str]:
    """The shared app over the shipped data, served over HTTP."""
    yield from _serve(shared_app)


@pytest.fixture(scope="session")
def fixture_live_server(fixture_app, _fixture_reader_client) -> Iterator[str]:
    """The app over the fixture dataset, served over HTTP."""
    yield from _serve(fixture_app)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
            pytest.fail("ARGMAP_REQUIRE_BROWSER=1 but no chromium is installed")
        pytest.skip("no Chromium on this machine")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def _tab(browser, server: str) -> Iterator[object]:
    context = browser.new_context(base_url=server, locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh English browser tab (own cookies, clipboard allowed) on the live server."""
    yield from _tab(browser, live_server)


@pytest.fixture
def fixture_page(browser, fixture_live_server):
    """The same, on the live server over the fixture dataset."""
    yield from _tab(browser, fixture_live_server)


@pytest.fixture
def shot() -> Callable[[object, str], None]:
    """Save a screenshot under artifacts/screenshots/ (kept by CI); those the guides show
    are also written to docs/screenshots/, so the guides stay current."""

    def take(tab, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
        if name in GUIDE_SHOTS:
            GUIDE_SHOTS_DIR.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SHOTS / f"{name}.png", GUIDE_SHOTS_DIR / f"{name}.png")

    return take


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a data file, failing loudly if the text is not there."""
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


def line_number(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def validation_problems(data_dir: Path) -> list[str]:
    """The problems `argmap validate` reports, one `path:line: message` each (it must refuse the data)."""
    result = CliRunner().invoke(cli, ["validate", "--data-dir", str(data_dir)])
    assert result.exit_code == 1, result.output
    *problems, summary = result.stderr.splitlines()
    assert summary == f"{len(problems)} problem(s); nothing loaded.", result.stderr
    return problems
