"""The two-author map over HTTP: trees, connectors, filters, the SVG drawing, errors. Run on
the fixture dataset."""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node["children"])


def test_the_map_defaults_to_the_two_papers_each_a_tree_under_its_thesis(fixture_reader):
    data = fixture_reader.get("/api/compare/map").json()
    assert [data["left"]["paper"]["id"], data["right"]["paper"]["id"]] == ["han-su", "zheng-wu"]
    for column in (data["left"], data["right"]):
        first = column["roots"][0]
        assert first["claim"]["kind"] == "thesis" and first["depth"] == 0 and first["open"]
        nodes = list(walk(column["roots"]))
        assert len(nodes) == column["claims"]  # every claim once
        assert all(child["depth"] == node["depth"] + 1 for node in nodes for child in node["children"])
    cross = [e for e in fixture_reader.get("/export/graph.json").json()["edges"] if e["layer"] == "cross-paper"]
    assert len(data["links"]) == len(cross) == sum(data["totals"].values())
    assert all(link["note"] and link["left"]["paper"] == "han-su" for link in data["links"])


def test_every_linked_claim_is_shown_at_first(fixture_reader):
    data = fixture_reader.get("/api/compare/map", params={"depth": 1}).json()
    for column in (data["left"], data["right"]):

        def shown(nodes):
            for node in nodes:
                yield node
                if node["open"]:
                    yield from shown(node["children"])

        visible = {node["claim"]["id"] for node in shown(column["roots"])}
        side = column["side"]
        assert {link[side]["id"] for link in data["links"]} <= visible


def test_the_filters_keep_a_relation_or_a_concept(fixture_reader):
    agrees = fixture_reader.get("/api/compare/map", params={"relation": "agrees"}).json()
    assert agrees["links"] and {link["relation"] for link in agrees["links"]} == {"agrees"}
    assert agrees["totals"] == fixture_reader.get("/api/compare/map").json()["totals"]
    concept = agrees["concepts"][0]["id"]
    about = fixture_reader.get("/api/compare/map", params={"concept": concept}).json()
    assert about["concept"]["id"] == concept and len(about["links"]) > 0
    marked = [n for c in (about["left"], about["right"]) for n in walk(c["roots"]) if n["mentions_concept"]]
    assert marked
    assert about["url"] == f"/compare/map?concept={concept}"


def test_the_papers_can_change_sides(fixture_reader):
    data = fixture_reader.get("/api/compare/map", params={"left": "zheng-wu", "right": "han-su"}).json()
    assert data["left"]["paper"]["id"] == "zheng-wu"
    assert all(link["left"]["paper"] == "zheng-wu" and link["direction"] == "right-to-left" for link in data["links"])


def test_bad_filters_get_the_usual_errors(fixture_reader):
    assert fixture_reader.get("/compare/map", params={"left": "no-such-paper"}).status_code == 404
    assert (
        fixture_reader.get("/api/compare/map", params={"concept": "no-such-concept"}).json()["error"]["status"] == 404
    )
    assert fixture_reader.get("/api/compare/map", params={"relation": "loves"}).status_code == 422
    assert fixture_reader.get("/compare/map", params={"left": "zheng-wu", "right": "zheng-wu"}).status_code == 422
    assert fixture_reader.get("/compare/map", params={"depth": 99}).status_code == 422
    assert fixture_reader.get("/compare/map", params={"relation": ""}).status_code == 200


def test_the_page_draws_a_connector_for_each_link_and_lists_each_note(fixture_reader):
    html = fixture_reader.get("/compare/map", params={"relation": "complements"}).text
    data = fixture_reader.get("/api/compare/map", params={"relation": "complements"}).json()
    assert html.count('class="connector rel-complements"') == len(data["links"]) > 0
    for link in data["links"]:
        assert f'href="#{link["id"]}"' in html and f'<li id="{link["id"]}"' in html
        assert f'href="/claims/{link["right"]["id"]}"' in html


def test_the_svg_download_is_a_drawing_of_the_same_view(fixture_reader):
    response = fixture_reader.get("/compare/map.svg", params={"relation": "agrees"})
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    links = fixture_reader.get("/api/compare/map", params={"relation": "agrees"}).json()["links"]
    paths = root.findall(f".//{SVG}path")
    assert len(paths) == len(links)
    texts = "".join(root.itertext())
    assert "agrees" in texts and links[0]["left"]["quote_zh"][:8] in texts
    assert "一致" in fixture_reader.get("/compare/map.svg", params={"lang": "zh"}).text


def test_the_map_speaks_chinese(fixture_reader):
    html = fixture_reader.get("/compare/map", params={"lang": "zh"}).text
    assert "两位作者的论证图" in html and "支撑论断" in html
