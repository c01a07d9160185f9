"""Main reading journeys in a real Chromium (fixtures in conftest.py). The journeys that refresh
the guides' screenshots run on the shipped map; the others on the fixture dataset."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


def test_a_student_reads_a_paper_from_outline_to_source(page, shot):
    page.goto("/papers/qi-li#argument")  # the outline, under its table of contents
    shot(page, "paper-outline")
    detail = page.locator("#qi-li-s2 details").first
    summary = detail.locator("summary").first
    summary.click()
    assert detail.get_attribute("open") is None
    summary.click()
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


def test_switching_language_keeps_the_place_on_the_page(fixture_page):
    fixture_page.goto("/papers/zheng-wu/text#zheng-wu-s2")
    fixture_page.get_by_role("link", name="中文").click()
    fixture_page.wait_for_url("**/papers/zheng-wu/text?lang=zh#zheng-wu-s2")
    assert fixture_page.locator("html").get_attribute("lang") == "zh-Hans"


def test_a_printed_claim_has_the_reading_and_its_citation_without_the_menus(fixture_page):
    fixture_page.goto("/claims/zheng-wu-s1-thesis")
    fixture_page.emulate_media(media="print")
    assert not fixture_page.locator("header.site").is_visible()
    assert not fixture_page.get_by_role("button", name="Copy link").is_visible()
    assert fixture_page.locator("h1").is_visible() and fixture_page.locator(".cite-this").is_visible()
    assert fixture_page.locator("footer.site code").is_visible()  # the dataset version


def test_the_language_switch_is_remembered(page, shot):
    page.goto("/claims/qi-li-thesis")
    page.get_by_role("link", name="中文").click()
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.goto("/concepts")
    assert page.locator("h1").inner_text() == "概念"
    shot(page, "concepts-zh")


def test_copy_link_puts_the_claims_address_on_the_clipboard(fixture_page, fixture_live_server):
    fixture_page.goto("/claims/han-su-thesis")
    fixture_page.get_by_role("button", name="Copy link").click()
    fixture_page.wait_for_function("document.getElementById('copy-status').textContent.length > 0")
    assert fixture_page.evaluate("navigator.clipboard.readText()") == f"{fixture_live_server}/claims/han-su-thesis"


def test_search_in_chinese_highlights_matches(page, shot):
    page.goto("/search")
    page.get_by_label("Search claims, concepts and references").fill("资本")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=**")  # count the marks of the results page, not of the form
    marks = page.locator("mark")
    assert marks.count() > 3 and marks.first.inner_text() == "资本"
    shot(page, "search-zh")


def test_an_instructor_copies_a_citation(page, shot):
    page.goto("/claims/lu-yang-thesis")
    apa = page.locator("dd", has=page.locator("pre")).nth(1)
    apa.get_by_role("button", name="Copy").click()
    page.wait_for_function("document.getElementById('copy-status').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == apa.locator("pre").inner_text()
    assert copied.startswith("Lu, J., & Yang, L. (2025).")  # romanised, as APA wants
    page.locator("#h-cite").scroll_into_view_if_needed()
    shot(page, "cite-this-claim")


@pytest.fixture
def other_site() -> Iterator[Callable[[str], str]]:
    """Another origin (an LMS or a slide deck) serving a page we give it; a real server on
    another port, since Chromium blocks public pages from framing local addresses."""
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, "not found").encode()
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def publish(html: str) -> str:
        path = f"/page-{len(pages)}"
        pages[path] = html
        return f"http://127.0.0.1:{server.server_port}{path}"

    yield publish
    server.shutdown()


def test_a_slide_on_another_site_shows_the_embedded_card(page, live_server, other_site, shot):
    embed = page.request.get(f"{live_server}/oembed", params={"url": f"{live_server}/claims/qi-li-thesis"}).json()
    page.goto(other_site(f"<!doctype html><title>Week 3</title><h1>Week 3 reading</h1>{embed['html']}"))
    card = page.frame_locator("iframe").locator("blockquote")
    card.wait_for()
    assert "社会化智能生产" in card.inner_text()
    assert (
        page.frame_locator("iframe").get_by_role("link", name="Open in argmap →").get_attribute("href")
        == f"{live_server}/claims/qi-li-thesis"
    )
    shot(page, "embed-card")


def test_an_ordinary_page_refuses_to_be_framed(fixture_page, fixture_live_server, other_site):
    fixture_page.goto(
        other_site(
            f'<!doctype html><title>x</title><iframe src="{fixture_live_server}/claims/zheng-wu-thesis"></iframe>'
        )
    )
    fixture_page.wait_for_timeout(500)
    assert fixture_page.frames[1].url.startswith("chrome-error://")  # blocked by frame-ancestors 'none'


def test_the_api_explorer_works_offline_under_the_strict_policy(fixture_page, fixture_live_server):
    outside = []
    fixture_page.on(
        "request",
        lambda request: outside.append(request.url) if not request.url.startswith(fixture_live_server) else None,
    )
    errors = []
    fixture_page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    fixture_page.goto("/docs")
    fixture_page.locator(".opblock-summary-path", has_text="/api/claims/{claim_id}").first.wait_for()
    assert outside == [] and not [e for e in errors if "Content Security Policy" in e]
