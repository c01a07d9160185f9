"""Research exports: every format from /export/… and `argmap export`, the same bytes; filters,
versions and caching; each format read back by the tool it is meant for. Run on the fixture
dataset (the streaming tests scale it up)."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import tracemalloc

import jsonschema
import networkx as nx
import pytest
import yaml
from typer.testing import CliRunner

from app.cli import EXPORT_FORMATS, cli
from app.config import settings
from app.dataset.schema import LAYERS
from app.exports.context import ExportContext
from app.exports.jsonld import claim_jsonld
from app.exports.registry import BY_NAME, FORMATS
from app.exports.run import chunks
from app.exports.streaming import CHUNK
from tests.conftest import FIXTURE_DATA

FILES = [fmt.filename for fmt in FORMATS]
FILTERS = [
    "",
    "?paper=zheng-wu",
    "?layers=argument,cross-paper",
    "?concept=digital-ledger",
    "?paper=han-su&layers=causal,mentions",
]


def served_graph(fixture_reader, query: str = "") -> nx.MultiDiGraph:
    return nx.node_link_graph(fixture_reader.get("/export/graph.json" + query).json(), edges="edges")


def claims_of(graph: nx.MultiDiGraph) -> dict[str, dict]:
    return {node: data for node, data in graph.nodes(data=True) if data["type"] == "claim"}


# --- the same bytes, every time -------------------------------------------------------------


def test_the_cli_offers_every_format_the_server_serves():
    assert set(EXPORT_FORMATS) == set(BY_NAME)
    assert len(FILES) == len(set(FILES))


@pytest.mark.parametrize("query", ["", "?paper=zheng-wu&layers=argument,cross-paper", "?concept=digital-ledger"])
@pytest.mark.parametrize("name", [fmt.name for fmt in FORMATS])
def test_the_cli_writes_the_same_bytes_as_the_server(
    fixture_reader, fixture_database_url, tmp_path, monkeypatch, name, query
):
    fmt = BY_NAME[name]
    served = fixture_reader.get(fmt.url + query)
    assert served.status_code == 200
    monkeypatch.setenv("DATABASE_URL", fixture_database_url)
    monkeypatch.setattr(settings, "base_url", "http://testserver")  # the address the reader was asked at
    args = ["export", "--format", name, "-o", str(tmp_path / fmt.filename), "--data-dir", str(FIXTURE_DATA)]
    for part in query.lstrip("?").split("&") if query else []:
        key, value = part.split("=")
        args += [f"--{key}", value]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / fmt.filename).read_bytes() == served.content


def test_the_cli_refuses_an_unknown_format_or_filter(fixture_database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", fixture_database_url)
    runner = CliRunner()
    unknown_format = runner.invoke(cli, ["export", "--format", "pdf", "--data-dir", str(FIXTURE_DATA)])
    unknown_layer = runner.invoke(
        cli, ["export", "--format", "aif", "--layers", "rhetoric", "--data-dir", str(FIXTURE_DATA)]
    )
    assert unknown_format.exit_code == 2 and "node-link" in unknown_format.output
    assert unknown_layer.exit_code == 2 and "rhetoric" in unknown_layer.output


def test_a_fresh_database_gives_byte_identical_files(fixture_client, fixture_reader):
    for filename in FILES:
        assert fixture_client.get(f"/export/{filename}").content == fixture_reader.get(f"/export/{filename}").content, (
            filename
        )


def _without_caches(fixture_client, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing kept from an earlier answer: a snapshot read afresh from the database (its graph
    built again) and the caches of rendered bytes emptied, so a second answer is rendered anew."""
    fixture_client.app.state.snapshots.refresh(again=True)
    fixture_client.app.state.response_cache.clear()


def test_the_same_request_twice_gives_the_same_bytes_and_no_timestamp(fixture_reader, monkeypatch):
    for filename in FILES:
        _without_caches(fixture_reader, monkeypatch)
        first = fixture_reader.get(f"/export/{filename}")
        _without_caches(fixture_reader, monkeypatch)
        second = fixture_reader.get(f"/export/{filename}")
        assert first.content == second.content
        assert not re.search(rb"20\d\d-\d\d-\d\dT\d\d:\d\d", first.content), filename


# --- versions and caching ------------------------------------------------------------------------


@pytest.mark.parametrize("filename", FILES)
def test_every_export_names_the_dataset_version_and_can_be_revalidated(fixture_reader, filename):
    version = fixture_reader.get("/healthz").json()["dataset_version"]
    response = fixture_reader.get(f"/export/{filename}", headers={"Accept-Encoding": "identity"})  # a strong tag
    assert response.headers["x-dataset-version"] == version
    assert version.encode() in response.content  # in the body too
    assert response.headers["cache-control"] == "public, no-cache"
    assert response.headers["access-control-allow-origin"] == "*"
    tag = response.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag)
    again = fixture_reader.get(f"/export/{filename}", headers={"If-None-Match": tag, "Accept-Encoding": "identity"})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    assert fixture_reader.get(f"/export/{filename}", headers={"If-None-Match": '"other"'}).status_code == 200


def test_each_format_and_filter_has_its_own_etag(fixture_reader):
    tags = {
        fixture_reader.get(f"/export/{f}{q}").headers["etag"]
        for f in ("graph.json", "aif.json")
        for q in ("", "?paper=zheng-wu", "?layers=argument")
    }
    assert len(tags) == 6
    # The same filters written differently are the same file.
    assert (
        fixture_reader.get("/export/graph.json?layers=causal,argument").headers["etag"]
        == fixture_reader.get("/export/graph.json?layers=argument&layers=causal").headers["etag"]
    )


# --- filters -------------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", FILES)
def test_a_bad_filter_is_a_json_error_never_a_server_error(fixture_reader, filename):
    for query, status in (
        ("?paper=nobody", 404),
        ("?concept=nothing", 404),
        ("?layers=rhetoric", 422),
        ("?layers=argument,rhetoric", 422),
    ):
        response = fixture_reader.get(f"/export/{filename}{query}")
        assert response.status_code == status, (filename, query)
        assert response.json()["error"]["status"] == status


def test_a_paper_filter_keeps_only_that_paper(fixture_reader):
    full, zheng_wu = served_graph(fixture_reader), served_graph(fixture_reader, "?paper=zheng-wu")
    assert set(claims_of(zheng_wu)) == {c for c, d in claims_of(full).items() if d["paper"] == "zheng-wu"}
    assert not [e for e in zheng_wu.edges(data=True) if e[2]["layer"] == "cross-paper"]
    assert all("zheng-wu" in d["papers"] for _, _, d in zheng_wu.edges(data=True) if d["layer"] == "causal")


def test_a_layers_filter_keeps_only_those_links(fixture_reader):
    graph = served_graph(fixture_reader, "?layers=argument,cross-paper")
    assert {d["layer"] for _, _, d in graph.edges(data=True)} == {"argument", "cross-paper"}
    assert {d["type"] for _, d in graph.nodes(data=True)} == {"claim"}
    assert graph.graph["filters"]["layers"] == ["argument", "cross-paper"]


def test_a_concept_filter_keeps_its_neighbourhood(fixture_reader):
    full, part = served_graph(fixture_reader), served_graph(fixture_reader, "?concept=price-volatility")
    mentioning = {s for s, t, d in full.edges(data=True) if t == "price-volatility" and d["layer"] == "mentions"}
    causal = {
        n
        for s, t, d in full.edges(data=True)
        if d["layer"] == "causal" and "price-volatility" in (s, t)
        for n in (s, t)
    }
    assert mentioning and mentioning <= set(part) and causal <= set(part)
    assert set(claims_of(part)) == mentioning
    assert part.number_of_nodes() < full.number_of_nodes() / 3


def test_every_format_exports_the_filtered_claims_only(fixture_reader):
    claims = set(claims_of(served_graph(fixture_reader, "?paper=han-su")))
    aif = fixture_reader.get("/export/aif.json?paper=han-su").json()
    assert {n["nodeID"] for n in aif["nodes"] if n["type"] == "I"} == claims
    rows = csv.DictReader(
        io.StringIO(fixture_reader.get("/export/claims.csv?paper=han-su").content.decode("utf-8-sig"))
    )
    assert {row["id"] for row in rows} == claims
    notes = fixture_reader.get("/export/annotations.jsonld?paper=han-su").json()["first"]["items"]
    assert {n["id"].split("#")[1] for n in notes} == claims


# --- graph.json and its schema ---------------------------------------------------------------


@pytest.mark.parametrize("query", FILTERS)
def test_graph_json_satisfies_its_published_schema(fixture_reader, query):
    schema = fixture_reader.get("/export/schema.json").json()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(
        fixture_reader.get("/export/graph.json" + query).json(), schema, cls=jsonschema.Draft202012Validator
    )


def test_the_schema_rejects_a_graph_outside_the_vocabulary(fixture_reader):
    schema = fixture_reader.get("/export/schema.json").json()
    data = fixture_reader.get("/export/graph.json").json()
    claim = next(n for n in data["nodes"] if n["type"] == "claim")
    claim["kind"] = "rumour"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_node_link_reads_back_into_networkx_as_the_served_graph(fixture_reader):
    data = fixture_reader.get("/export/graph.json").json()
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.is_directed() and graph.is_multigraph()
    assert {n["id"]: {k: v for k, v in n.items() if k != "id"} for n in data["nodes"]} == dict(graph.nodes(data=True))
    served = sorted(json.dumps({k: v for k, v in e.items() if k != "key"}, sort_keys=True) for e in data["edges"])
    read = sorted(json.dumps({**d, "source": s, "target": t}, sort_keys=True) for s, t, d in graph.edges(data=True))
    assert served == read
    assert graph.graph["dataset_version"] == data["graph"]["dataset_version"]


# --- GraphML -------------------------------------------------------------------------------------


def test_graphml_reads_back_into_networkx_with_the_same_nodes_edges_and_attributes(fixture_reader):
    served = served_graph(fixture_reader)
    graph = nx.read_graphml(io.BytesIO(fixture_reader.get("/export/graph.graphml").content), force_multigraph=True)
    json_keys = {"span", "aliases", "authors_zh", "evidence", "papers", "label_in", "stated_in"}

    def decoded(data: dict) -> dict:
        return {k: json.loads(v) if k in json_keys else v for k, v in data.items()}

    def present(data: dict) -> dict:
        return {k: v for k, v in data.items() if v is not None}  # GraphML leaves unknowns out

    assert {n: decoded(d) for n, d in graph.nodes(data=True)} == {n: present(d) for n, d in served.nodes(data=True)}
    as_rows = sorted(json.dumps([s, t, decoded(d)], sort_keys=True) for s, t, d in graph.edges(data=True))
    expected = sorted(json.dumps([s, t, present(d)], sort_keys=True) for s, t, d in served.edges(data=True))
    assert as_rows == expected
    assert isinstance(graph.nodes["zheng-wu-thesis"]["position"], int)  # typed, not all strings
    assert graph.nodes["zheng-wu"]["body_available"] is True
    assert graph.graph["dataset_version"] == served.graph["dataset_version"]


# --- AIF -----------------------------------------------------------------------------------------


def test_aif_loads_in_arguebuf_with_every_claim_an_i_node_and_every_link_a_scheme_node(fixture_reader, caplog):
    arguebuf = pytest.importorskip("arguebuf")
    served = served_graph(fixture_reader)
    aif = fixture_reader.get("/export/aif.json").json()
    with caplog.at_level(logging.ERROR):
        graph = arguebuf.load.aif(aif, reconstruct_dialog=True)
    claims = claims_of(served)
    assert set(graph.atom_nodes) == set(claims)
    assert all(graph.atom_nodes[c].plain_text == d["quote_zh"] for c, d in claims.items())
    links = [(s, t, d) for s, t, d in served.edges(data=True) if d["layer"] in ("argument", "cross-paper")]
    expected = {f"{s}--{d['relation']}--{t}": d["relation"] for s, t, d in links}
    assert set(graph.scheme_nodes) == set(expected)
    kinds = {"contrasts": arguebuf.Attack, "agrees": arguebuf.Rephrase, "differs-in-emphasis": arguebuf.Rephrase}
    for node_id, relation in expected.items():
        scheme = graph.scheme_nodes[node_id].scheme
        assert isinstance(scheme, kinds.get(relation, arguebuf.Support)), (node_id, scheme)
        source, _, target = node_id.partition(f"--{relation}--")
        assert graph.incoming_nodes(graph.scheme_nodes[node_id]) == {graph.atom_nodes[source]}
        assert graph.outgoing_nodes(graph.scheme_nodes[node_id]) == {graph.atom_nodes[target]}


def test_aif_asserts_every_claim_by_a_locution_of_its_authors(fixture_reader):
    aif = fixture_reader.get("/export/aif.json").json()
    nodes = {n["nodeID"]: n for n in aif["nodes"]}
    edges = {(e["fromID"], e["toID"]) for e in aif["edges"]}
    locutions = {loc["nodeID"]: loc for loc in aif["locutions"]}
    participants = {p["participantID"] for p in aif["participants"]}
    for claim in (n for n in aif["nodes"] if n["type"] == "I"):
        locution, asserting = f"{claim['nodeID']}--locution", f"{claim['nodeID']}--asserting"
        assert nodes[locution]["type"] == "L" and nodes[locution]["text"].endswith(claim["text"])
        assert nodes[asserting]["type"] == "YA"
        assert {(locution, asserting), (asserting, claim["nodeID"])} <= edges
        assert locutions[locution]["personID"] in participants
    assert "郑林" in json.dumps(aif["participants"], ensure_ascii=False)
    papers = {entry["paper"] for entry in aif["argmap"]["arguments"]["papers"]}
    assert papers == {"han-su", "zheng-wu"} and aif["argmap"]["arguments"]["cross_paper"]


# --- Argdown -------------------------------------------------------------------------------------


def test_argdown_text_has_every_claim_as_a_statement_and_every_link_as_a_relation(fixture_reader):
    served = served_graph(fixture_reader)
    text = fixture_reader.get("/export/argmap.argdown").text
    assert text.startswith("===\n") and "dataset_version" in text.split("===")[1]
    titles = re.findall(r"^\[([a-z0-9-]+)\]: ", text, flags=re.M)
    assert sorted(titles) == sorted(claims_of(served))
    relations = re.findall(r"^  (\+>|->) \[([a-z0-9-]+)\] // ([a-z-]+)$", text, flags=re.M)
    argument_links = [d for _, _, d in served.edges(data=True) if d["layer"] == "argument"]
    assert len(relations) == len(argument_links)
    assert {arrow for arrow, _, relation in relations if relation == "contrasts"} <= {"->"}
    cross = [d for _, _, d in served.edges(data=True) if d["layer"] == "cross-paper"]
    assert len(re.findall(r"^<[a-z0-9-]+ [a-z-]+ [a-z0-9-]+>: ", text, flags=re.M)) == len(cross)
    # Quotes are verbatim once Argdown's escapes are undone.
    for claim, data in claims_of(served).items():
        line = next(line for line in text.splitlines() if line.startswith(f"[{claim}]: "))
        body = re.sub(r"\\(.)", r"\1", line[len(claim) + 4 :].rsplit(" #(", 2)[0])
        assert body == data["quote_zh"], claim


def test_argdown_json_has_argdowns_shape_and_loads_in_arguebuf(fixture_reader):
    arguebuf = pytest.importorskip("arguebuf")
    served = served_graph(fixture_reader)
    data = fixture_reader.get("/export/argdown.json").json()
    assert set(data) >= {"statements", "arguments", "relations", "map", "sections"}
    assert set(data["statements"]) == set(claims_of(served))
    assert all(
        s["type"] == "equivalence-class" and s["members"][0]["text"] == served.nodes[t]["quote_zh"]
        for t, s in data["statements"].items()
    )
    titles = set(data["statements"]) | set(data["arguments"])
    assert all(r["from"] in titles and r["to"] in titles for r in data["relations"])
    into_claims = [r for r in data["relations"] if r["toType"] == "equivalence-class"]
    assert {r["relationType"] for r in into_claims if r["data"]["argmap_relation"] == "contrasts"} == {"attack"}
    assert {r["relationType"] for r in into_claims if r["data"]["argmap_relation"] != "contrasts"} == {"support"}
    embedded = [r for item in (*data["statements"].values(), *data["arguments"].values()) for r in item["relations"]]
    key = lambda r: (r["from"], r["to"], r["relationType"])  # noqa: E731
    assert sorted(map(key, data["relations"])) == sorted(set(map(key, embedded)))
    node_ids = {n["id"] for n in data["map"]["nodes"]}
    assert all(e["from"] in node_ids and e["to"] in node_ids for e in data["map"]["edges"])
    graph = arguebuf.load.argdown(data)
    assert len(graph.atom_nodes) == len(data["map"]["nodes"]) == len(titles)
    assert len(graph.scheme_nodes) == len(data["map"]["edges"]) == len(data["relations"])


# --- Web Annotations ---------------------------------------------------------------------------


def anchor_by_quote(text: str, selector: dict) -> int:
    """Find a TextQuoteSelector the way an annotation client does: exact with its context."""
    needle = selector["prefix"] + selector["exact"] + selector["suffix"]
    at = text.find(needle)
    assert at >= 0 and text.find(needle, at + 1) == -1, "the quote must anchor in exactly one place"
    return at + len(selector["prefix"])


def test_every_web_annotation_re_anchors_its_quote_in_its_source(fixture_reader):
    collection = fixture_reader.get("/export/annotations.jsonld").json()
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"  # the Web Annotation context first
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    served = claims_of(served_graph(fixture_reader))
    assert collection["total"] == len(items) == len(served)
    sources: dict[str, str] = {}
    for note in items:
        claim = served[note["id"].split("#")[1]]
        target = note["target"]
        if target["source"] not in sources:
            response = fixture_reader.get(target["source"])
            assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
            sources[target["source"]] = response.text
        text = sources[target["source"]]
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        assert quote["exact"] == claim["quote_zh"]
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert anchor_by_quote(text, quote) == position["start"]
        assert [position["start"], position["end"]] == claim["span"]
        assert any(b.get("purpose") == "describing" and b["value"] == claim["text_en"] for b in note["body"])


def test_an_unknown_source_text_is_a_404(fixture_reader):
    assert fixture_reader.get("/export/sources/nobody.txt").status_code == 404


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_files_start_with_a_bom_and_read_back_with_chinese_intact(fixture_reader):
    served = served_graph(fixture_reader)
    for filename in ("claims.csv", "links.csv", "concepts.csv"):
        body = fixture_reader.get(f"/export/{filename}").content
        assert body.startswith(b"\xef\xbb\xbf") and b"\r\n" in body
    claims = list(
        csv.DictReader(io.StringIO(fixture_reader.get("/export/claims.csv").content.decode("utf-8-sig"), newline=""))
    )
    assert [row["id"] for row in claims] == list(claims_of(served))
    for row in claims:
        assert row["quote_zh"] == served.nodes[row["id"]]["quote_zh"]
        assert [int(row["span_start"]), int(row["span_end"])] == served.nodes[row["id"]]["span"]
    links = list(
        csv.DictReader(io.StringIO(fixture_reader.get("/export/links.csv").content.decode("utf-8-sig"), newline=""))
    )
    assert len(links) == served.number_of_edges()
    concepts = list(
        csv.DictReader(io.StringIO(fixture_reader.get("/export/concepts.csv").content.decode("utf-8-sig"), newline=""))
    )
    assert {row["label_zh"] for row in concepts} == {
        d["label_zh"] for _, d in served.nodes(data=True) if d["type"] == "concept"
    }


def test_csv_files_read_back_with_pandas(fixture_reader):
    pandas = pytest.importorskip("pandas")
    served = served_graph(fixture_reader)
    claims = pandas.read_csv(io.BytesIO(fixture_reader.get("/export/claims.csv").content), encoding="utf-8-sig")
    assert list(claims["id"]) == list(claims_of(served))
    assert claims.set_index("id").loc["zheng-wu-thesis", "quote_zh"] == served.nodes["zheng-wu-thesis"]["quote_zh"]
    links = pandas.read_csv(
        io.BytesIO(fixture_reader.get("/export/links.csv").content), encoding="utf-8-sig", keep_default_na=False
    )
    assert set(links["layer"]) == set(LAYERS)


def test_a_cross_paper_links_chinese_note_is_in_every_export_that_carries_its_note(fixture_reader):
    # The fixture writes one note in Chinese too (as the shipped map writes all of them).
    with open(FIXTURE_DATA / "cross-paper.yaml", encoding="utf-8") as file:
        written = {(link["from"], link["to"]): link.get("note_zh") for link in yaml.safe_load(file)["links"]}
    assert any(written.values()) and not all(written.values())

    def notes_zh(edges) -> dict[tuple[str, str], str | None]:
        return {(e["source"], e["target"]): e.get("note_zh") or None for e in edges if e["layer"] == "cross-paper"}

    graph_json = fixture_reader.get("/export/graph.json").json()
    assert notes_zh(graph_json["edges"]) == written
    cytoscape = fixture_reader.get("/export/cytoscape.json").json()
    assert notes_zh(e["data"] for e in cytoscape["elements"]["edges"]) == written
    graphml = nx.read_graphml(io.BytesIO(fixture_reader.get("/export/graph.graphml").content))
    assert notes_zh({"source": u, "target": v, **d} for u, v, d in graphml.edges(data=True)) == written
    links_csv = fixture_reader.get("/export/links.csv").content.decode("utf-8-sig")
    assert notes_zh(csv.DictReader(io.StringIO(links_csv, newline=""))) == written
    explorer = fixture_reader.get("/api/graph", params={"layers": "cross-paper"}).json()
    assert notes_zh(e["data"] for e in explorer["edges"]) == written


# --- JSON-LD ---------------------------------------------------------------------------------------


def test_the_dataset_jsonld_is_a_schema_org_dataset_of_claims(fixture_reader):
    data = fixture_reader.get("/export/dataset.jsonld").json()
    served = served_graph(fixture_reader)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
    assert data["version"] == served.graph["dataset_version"]
    claims = {part["identifier"]: part for part in data["hasPart"]}
    assert set(claims) == set(claims_of(served))
    assert all(part["@type"] == "Claim" and part["text"] == served.nodes[c]["quote_zh"] for c, part in claims.items())
    assert {d["contentUrl"] for d in data["distribution"]} == {f.url for f in FORMATS if f.name != "jsonld"}
    assert {a["identifier"] for a in data["isBasedOn"]} == {"han-su", "zheng-wu"}


def test_claim_jsonld_describes_one_claim_for_its_page():
    from types import SimpleNamespace

    claim = SimpleNamespace(
        id="zheng-wu-thesis", quote_zh="生产", text_en="Production", official_en=None, kind="thesis"
    )
    paper = SimpleNamespace(
        id="zheng-wu", title_zh="标题", title_en=None, authors_zh=["齐昊"], year=None, journal=None, doi=None
    )
    section = SimpleNamespace(id="zheng-wu-s1", title_zh="一", title_en="One")
    concept = SimpleNamespace(
        id="digital-ledger", label_zh="耐心资本", label_en="patient capital", definition_en="Capital that waits."
    )
    item = claim_jsonld(claim, paper, section, "https://example.org", concepts=[concept])
    assert item["@context"] == "https://schema.org" and item["@type"] == "Claim"
    assert item["@id"] == "https://example.org/claims/zheng-wu-thesis" and item["text"] == "生产"
    assert item["appearance"]["author"] == [{"@type": "Person", "name": "齐昊"}]
    assert item["about"][0]["name"] == "patient capital"
    assert "@context" not in claim_jsonld(claim, paper, section, context=False)


# --- streaming at scale ----------------------------------------------------------------------------


def scaled(graph: nx.MultiDiGraph, times: int) -> nx.MultiDiGraph:
    """The map repeated `times` times under new ids: a synthetic graph of realistic shape."""
    big = nx.MultiDiGraph()
    for copy in range(times):

        def rename(node: str, copy: int = copy) -> str:
            return f"{node}-x{copy}"

        for node, data in graph.nodes(data=True):
            big.add_node(rename(node), **{k: rename(v) if k in ("paper", "section") else v for k, v in data.items()})
        for source, target, data in graph.edges(data=True):
            fields = dict(data)
            for key in ("evidence", "papers"):
                if key in fields:
                    fields[key] = [rename(v) for v in fields[key]]
            big.add_edge(rename(source), rename(target), **fields)
    return big


def scaled_context(fixture_reader, times: int) -> ExportContext:
    graph = served_graph(fixture_reader)
    papers = {
        p: {"title_zh": d["title_zh"], "authors_zh": d["authors_zh"]}
        for p, d in graph.nodes(data=True)
        if d["type"] == "paper"
    }
    texts = {p: fixture_reader.get(f"/export/sources/{p}.txt").text for p in papers}
    return ExportContext(
        graph=scaled(graph, times),
        header=graph.graph,
        papers={f"{p}-x{i}": info for i in range(times) for p, info in papers.items()},
        sources={f"{p}-x{i}": text for i in range(times) for p, text in texts.items()},
    )


def stream_and_measure(fmt, ctx: ExportContext) -> tuple[int, int, int]:
    """Bytes written, largest chunk, and the peak memory allocated while streaming."""
    tracemalloc.start()
    try:
        total = largest = 0
        for chunk in chunks(fmt, ctx):
            total += len(chunk)
            largest = max(largest, len(chunk))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return total, largest, peak


def test_a_30_mb_graph_streams_as_graph_json_in_bounded_memory(fixture_reader):
    times = -(-32_000_000 // len(fixture_reader.get("/export/graph.json").content))  # copies for ~32 MB
    ctx = scaled_context(fixture_reader, times)
    total, largest, peak = stream_and_measure(BY_NAME["node-link"], ctx)
    assert total > 30_000_000  # ~32 MB of JSON …
    assert largest < 2 * CHUNK  # … sent in small chunks …
    assert peak < 2_000_000  # … while never holding more than a few of them


@pytest.mark.parametrize("name", [fmt.name for fmt in FORMATS if fmt.name not in ("schema", "concepts-csv")])
def test_every_format_streams_a_large_graph_without_holding_its_body(fixture_reader, name):
    fmt = BY_NAME[name]
    times = -(-2_500_000 // len(fixture_reader.get(fmt.url).content))  # copies of the map for a ~2.5 MB file
    total, largest, peak = stream_and_measure(fmt, scaled_context(fixture_reader, times))
    assert total > 2_000_000
    assert largest < 2 * CHUNK
    assert peak < total / 2  # holding the body even once would take at least `total`


# --- the /export page --------------------------------------------------------------------------------


def test_the_export_page_lists_every_format_with_size_example_and_snippet(fixture_reader):
    page = fixture_reader.get("/api/export").json()
    assert [f["filename"] for f in page["formats"]] == FILES
    for entry in page["formats"]:
        body = fixture_reader.get(entry["url"]).content
        assert entry["size_bytes"] == len(body), entry["filename"]
        first_line = entry["example"].splitlines()[0].rstrip("…")
        assert body.decode("utf-8").lstrip("\ufeff").startswith(first_line)
        assert (
            entry["description"]
            and entry["snippets"]
            and entry["cli"].startswith(f"argmap export --format {entry['name']}")
        )
    snippets = json.dumps(page["formats"])
    for loader in ("networkx", "node_link_graph", "pandas", "Gephi", "arguebuf", "cytoscape("):
        assert loader in snippets
    html = fixture_reader.get("/export")
    assert html.status_code == 200 and html.headers["link"].startswith("</api/export>")
    for entry in page["formats"]:
        assert f'href="{entry["url"]}"' in html.text


def test_the_export_page_carries_its_filters_into_every_link(fixture_reader):
    page = fixture_reader.get("/api/export?paper=zheng-wu&layers=argument").json()
    assert page["filters"]["query"] == "?paper=zheng-wu&layers=argument"
    for entry in page["formats"]:
        if entry["filterable"]:
            assert entry["url"].endswith("?paper=zheng-wu&layers=argument")
            assert "--paper zheng-wu --layers argument" in entry["cli"]
    assert fixture_reader.get("/export?paper=nobody").status_code == 404
    assert fixture_reader.get("/api/export?layers=nope").status_code == 422
    zh = fixture_reader.get("/export?lang=zh")
    assert "导出" in zh.text


def test_citation_cff_names_the_project_and_its_licence():
    from app.config import REPO_ROOT

    text = (REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert text.startswith("cff-version: 1.2.0")
    assert "title:" in text and "license:" in text and "argmap" in text
