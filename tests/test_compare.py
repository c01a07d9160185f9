"""Comparing the two authors concept by concept (on the fixture dataset)."""

from __future__ import annotations


def test_compare_lines_up_shared_concepts_with_both_papers_and_their_links(fixture_reader):
    data = fixture_reader.get("/api/compare").json()
    assert sum(data["totals"].values()) == len(
        [e for e in fixture_reader.get("/export/graph.json").json()["edges"] if e["layer"] == "cross-paper"]
    )
    sharing = next(item for item in data["shared"] if item["concept"]["id"] == "data-sharing")
    assert [column["paper"] for column in sharing["columns"]] == ["han-su", "zheng-wu"]
    assert all(column["total"] >= len(column["claims"]) > 0 for column in sharing["columns"])
    assert sharing["links"] and all(link["note"] for link in sharing["links"])
    assert sum(sharing["relations"].values()) == len(sharing["links"])
    shared = {item["concept"]["id"] for item in data["shared"]}
    assert not shared & {item["concept"]["id"] for item in data["only_one_paper"]}


def test_the_contents_name_the_concepts_in_the_readers_language(fixture_reader):
    toc = 'class="toc"'
    english = fixture_reader.get("/compare", params={"lang": "en"}).text
    chinese = fixture_reader.get("/compare", params={"lang": "zh"}).text
    english_toc = english[english.index(toc) : english.index("</nav>", english.index(toc))]
    chinese_toc = chinese[chinese.index(toc) : chinese.index("</nav>", chinese.index(toc))]
    assert '<a href="#data-sharing">data sharing</a>' in english_toc and "数据共享" not in english_toc
    assert '<a href="#data-sharing"><span lang="zh">数据共享</span></a>' in chinese_toc
    assert "data sharing" not in chinese_toc


def test_a_chinese_reader_reads_the_notes_in_chinese_where_the_data_give_them(fixture_reader):
    translated, english_only = "两篇文章都认为，实时记录交易降低了交易成本。", "Both blame short-term speculative funds"
    link = next(
        link
        for item in fixture_reader.get("/api/compare").json()["shared"]
        for link in item["links"]
        if link["source"]["id"] == "han-su-ledger-cuts-costs"
    )
    assert link["note_zh"] == translated and link["note"].startswith("Both say that recording")
    pages = ["/compare", "/claims/han-su-ledger-cuts-costs", "/compare/map"]
    for page in pages:
        chinese = fixture_reader.get(page, params={"lang": "zh"}).text
        english = fixture_reader.get(page, params={"lang": "en"}).text
        assert f'<span lang="zh">{translated}</span>' in chinese and "Both say that recording" not in chinese
        assert translated not in english and "Both say that recording" in english
    compare = fixture_reader.get("/compare", params={"lang": "zh"}).text
    assert english_only in compare  # a note with no Chinese is shown in English


def test_the_relation_filter_keeps_only_that_relation(fixture_reader):
    data = fixture_reader.get("/api/compare", params={"relation": "contrasts"}).json()
    links = [link for item in data["shared"] for link in item["links"]]
    assert links and {link["relation"] for link in links} == {"contrasts"}
    assert fixture_reader.get("/compare", params={"relation": "contrasts"}).status_code == 200


def test_one_concept_in_depth_shows_claims_causal_links_and_notes(fixture_reader):
    data = fixture_reader.get("/api/compare/digital-ledger").json()
    assert {column["paper"] for column in data["columns"]} == {"han-su", "zheng-wu"}
    assert any(link["papers"] for link in data["causes"] + data["effects"])
    assert data["links"] and all(link["note"] for link in data["links"])
    assert "Cross-paper links" in fixture_reader.get("/compare/digital-ledger").text


def test_the_any_relation_choice_of_the_form_shows_every_link(fixture_reader):
    every = fixture_reader.get("/api/compare").json()
    assert fixture_reader.get("/api/compare", params={"relation": ""}).json() == every
    assert fixture_reader.get("/compare", params={"relation": ""}).status_code == 200


def test_bad_concepts_and_relations_get_clear_errors(fixture_reader):
    assert fixture_reader.get("/compare/no-such-concept").status_code == 404
    assert fixture_reader.get("/api/compare/no-such-concept").json()["error"]["status"] == 404
    assert fixture_reader.get("/compare", params={"relation": "loves"}).status_code == 422
    assert fixture_reader.get("/api/compare", params={"relation": "<script>"}).json()["error"]["status"] == 422
