"""Comparing the two authors concept by concept."""

from __future__ import annotations


def test_compare_lines_up_shared_concepts_with_both_papers_and_their_links(reader):
    data = reader.get("/api/compare").json()
    assert sum(data["totals"].values()) == len(
        [e for e in reader.get("/export/graph.json").json()["edges"] if e["layer"] == "cross-paper"]
    )
    patient = next(item for item in data["shared"] if item["concept"]["id"] == "patient-capital")
    assert [column["paper"] for column in patient["columns"]] == ["lu-yang", "qi-li"]
    assert all(column["total"] >= len(column["claims"]) > 0 for column in patient["columns"])
    assert patient["links"] and all(link["note"] for link in patient["links"])
    assert sum(patient["relations"].values()) == len(patient["links"])
    shared = {item["concept"]["id"] for item in data["shared"]}
    assert not shared & {item["concept"]["id"] for item in data["only_one_paper"]}


def test_the_relation_filter_keeps_only_that_relation(reader):
    data = reader.get("/api/compare", params={"relation": "contrasts"}).json()
    links = [link for item in data["shared"] for link in item["links"]]
    assert links and {link["relation"] for link in links} == {"contrasts"}
    assert reader.get("/compare", params={"relation": "contrasts"}).status_code == 200


def test_one_concept_in_depth_shows_claims_causal_links_and_notes(reader):
    data = reader.get("/api/compare/capital-turnover").json()
    assert {column["paper"] for column in data["columns"]} == {"lu-yang", "qi-li"}
    assert any(link["papers"] for link in data["causes"] + data["effects"])
    assert data["links"] and all(link["note"] for link in data["links"])
    assert "Cross-paper links" in reader.get("/compare/capital-turnover").text


def test_the_any_relation_choice_of_the_form_shows_every_link(reader):
    every = reader.get("/api/compare").json()
    assert reader.get("/api/compare", params={"relation": ""}).json() == every
    assert reader.get("/compare", params={"relation": ""}).status_code == 200


def test_bad_concepts_and_relations_get_clear_errors(reader):
    assert reader.get("/compare/no-such-concept").status_code == 404
    assert reader.get("/api/compare/no-such-concept").json()["error"]["status"] == 404
    assert reader.get("/compare", params={"relation": "loves"}).status_code == 422
    assert reader.get("/api/compare", params={"relation": "<script>"}).json()["error"]["status"] == 422
