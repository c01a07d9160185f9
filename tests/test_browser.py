"""Main reading journeys in a real Chromium (Debian's package, driven by Playwright).

Skipped where no Chromium is installed, unless ARGMAP_REQUIRE_BROWSER=1 (set by .ci/run),
which turns a missing browser into a failure. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from app.config import REPO_ROOT
from app.main import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = REPO_ROOT / "artifacts" / "screenshots"

if not Path(CHROMIUM).exists():
    if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
        raise RuntimeError("ARGMAP_REQUIRE_BROWSER=1 but no chromium is installed")
    pytest.skip("no Chromium on this machine", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    from tests.conftest import SHIPPED_DATA

    tmp = tmp_path_factory.mktemp("browser")
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'argmap.db'}"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(database_url=url, data_dir=SHIPPED_DATA), host="127.0.0.1", port=port,
                            log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if uv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    tab = context.new_page()
    yield tab
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_a_student_reads_a_paper_from_outline_to_source(page):
    page.goto("/papers/qi-li")
    shot(page, "paper-outline")
    detail = page.locator("#qi-li-s2 details").first
    summary = detail.locator("summary").first
    summary.click(position={"x": 2, "y": 8})  # the marker, not the claim link inside the summary
    assert detail.get_attribute("open") is None
    summary.click(position={"x": 2, "y": 8})
    assert detail.get_attribute("open") is not None
    page.locator("#qi-li-s2 a[href='/claims/qi-li-s2-within-units']").first.click()
    page.wait_for_url("**/claims/qi-li-s2-within-units")
    assert "“数据—决策”循环" in page.locator("h1").inner_text()
    shot(page, "claim")
    page.get_by_role("link", name="See it highlighted in the full source text").click()
    page.wait_for_url("**/papers/qi-li/text#qi-li-s2-within-units")
    highlight = page.locator("#qi-li-s2-within-units + a.hl")
    highlight.focus()
    assert highlight.locator(".tip").is_visible()
    shot(page, "source-highlight")


def test_the_language_switch_is_remembered(page):
    page.goto("/claims/qi-li-thesis")
    page.get_by_role("link", name="中文").click()
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.goto("/concepts")
    assert page.locator("h1").inner_text() == "概念"
    shot(page, "concepts-zh")


def test_copy_link_puts_the_claims_address_on_the_clipboard(page, server):
    page.goto("/claims/lu-yang-thesis")
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == f"{server}/claims/lu-yang-thesis"


def test_search_in_chinese_highlights_matches(page):
    page.goto("/search")
    page.get_by_label("Search claims, concepts and references").fill("资本")
    page.get_by_role("button", name="Search").click()
    marks = page.locator("mark")
    assert marks.count() > 3 and marks.first.inner_text() == "资本"
    shot(page, "search-zh")
