"""The small neighbourhood map on claim and concept pages: drawn by the server, linking into
the graph explorer, every box apart from the others. Run on the fixture dataset."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"


def neighbourhood_svg(html: str) -> ET.Element:
    found = re.search(r'<svg class="neighbourhood-map".*?</svg>', html, re.S)
    assert found
    return ET.fromstring(found.group(0))


@pytest.mark.parametrize(
    ("path", "focus"),
    [
        ("/claims/han-su-larger-cooperation", "han-su-larger-cooperation"),
        ("/concepts/digital-ledger", "digital-ledger"),
    ],
)
def test_claim_and_concept_pages_draw_their_neighbourhood_linking_into_the_graph(fixture_reader, path, focus):
    html = fixture_reader.get(path).text
    svg = neighbourhood_svg(html)
    links = [a.get("href") for a in svg.iter(f"{SVG}a")]
    assert f"/graph?focus={focus}&amp;depth=1" in html and f"/graph?focus={focus}&depth=1" in links
    boxes = [
        (
            float(r.get("x")),
            float(r.get("y")),
            float(r.get("x")) + float(r.get("width")),
            float(r.get("y")) + float(r.get("height")),
        )
        for r in svg.iter(f"{SVG}rect")
    ]
    assert len(boxes) > 2
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert min(a[3], b[3]) <= max(a[1], b[1])  # stacked, never on top of each other
    assert min(float(t.get("font-size")) for t in svg.iter(f"{SVG}text")) >= 12
    assert int(svg.get("width")) <= 360  # legible at a phone's width without shrinking


def test_the_neighbourhood_speaks_the_interface_language(fixture_reader):
    svg = neighbourhood_svg(fixture_reader.get("/concepts/digital-ledger", params={"lang": "zh"}).text)
    texts = "".join(svg.itertext())
    assert "数字账本" in texts and "由此通向" in texts
    assert "提及它的论断" in texts  # the claims about the concept, below it
    assert "digital ledger" not in texts and "mentioned" not in texts
