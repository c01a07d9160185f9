"""A reader who follows every link finds a page, and every `#anchor` lands on its element.

The whole site of the fixture dataset is walked from the front page, in English and Chinese,
along every link of every page (anchors, stylesheets, scripts, pictures). The guides describe
the shipped map, so their links are followed on it instead.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from fastapi.testclient import TestClient

SITE = "http://testserver"
LINKING_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, address as written)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        address = attributes.get(LINKING_ATTRIBUTES.get(tag, ""))
        if address and not address.startswith(("mailto:", "data:", "javascript:")):
            self.links.append((tag, address))


@dataclass
class Walk:
    """What a walk along the links found: each page's element ids (None: not HTML), and what is wrong."""

    ids: dict[str, set[str] | None] = field(default_factory=dict)
    anchors: list[tuple[str, str, str]] = field(default_factory=list)  # (page, address, fragment)
    problems: list[str] = field(default_factory=list)

    def broken_anchors(self) -> list[str]:
        return [
            f"{page} links to {address}#{fragment}, which has no element with that id"
            for page, address, fragment in self.anchors
            if self.ids.get(address) is not None and fragment not in self.ids[address]  # type: ignore[operator]
        ]


def walk(client: TestClient, starts: list[str], *, follow_from: str = "/", stop_at: str | None = None) -> Walk:
    """Every address reachable from `starts` by links of pages under `follow_from` (not under `stop_at`)."""
    found = Walk()
    queue = deque(starts)
    asked = set(starts)
    while queue:
        address = queue.popleft()
        response = client.get(address, follow_redirects=True)
        if response.status_code != 200:
            found.problems.append(f"{address}: {response.status_code}")
            continue
        if "text/html" not in response.headers["content-type"]:
            found.ids[address] = None
            continue
        page = _PageParser()
        page.feed(response.text)
        found.ids[address] = page.ids
        if not address.startswith(follow_from) or (stop_at and address.startswith(stop_at)):
            continue
        for tag, written in page.links:
            parts = urlsplit(urljoin(SITE + address, written))
            if f"{parts.scheme}://{parts.netloc}" != SITE:
                continue  # another site
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.fragment and tag == "a":
                found.anchors.append((address, target, parts.fragment))
            if target not in asked:
                asked.add(target)
                queue.append(target)
    return found


def test_every_link_of_the_site_leads_to_a_page_and_every_anchor_to_its_element(fixture_reader: TestClient):
    found = walk(fixture_reader, ["/", "/?lang=zh"], stop_at="/guides/")
    assert len(found.ids) > 500, "the walk reached the whole site"
    assert not found.problems
    assert not found.broken_anchors()


def test_a_section_without_claims_is_linked_to_the_source_text_which_holds_it(fixture_reader: TestClient):
    graph = fixture_reader.get("/graph?focus=zheng-wu").text
    assert 'href="/papers/zheng-wu/text#zheng-wu-references"' in graph  # the outline lists only sections with claims
    assert 'href="/papers/zheng-wu#zheng-wu-s1"' in graph


def test_every_link_of_the_guides_leads_to_a_page_and_every_anchor_to_its_element(reader: TestClient):
    guides = [guide["url"] for guide in reader.get("/api/guides").json()["guides"]]
    found = walk(reader, ["/guides", *guides], follow_from="/guides")
    assert not found.problems
    assert not found.broken_anchors()
