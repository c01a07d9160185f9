"""What is the authors' and what is argmap's: every causal link says whether the quoted words
state it or argmap infers it, and argmap's own words (definitions, notes, coined labels) are
labelled so, on every page and in every export.

The ids the behaviour tests use are looked up in the map itself (the node-link export), so an
editorial correction of the data does not break them; the data invariants read the files."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from app.dataset.loader import LoadError, read_dataset
from app.dataset.yaml_lines import read_yaml
from tests.conftest import SHIPPED_DATA

STATED = {"en": "stated by the authors", "zh": "作者原文所述"}
INFERRED = {"en": str(escape("argmap's inference")), "zh": "argmap 的推断"}
ASCII_PUNCTUATION = re.compile(r"[\u4e00-\u9fff][,.;:?!()]|[,;:?!()][\u4e00-\u9fff]")


def _causal_entries(data_dir: Path):
    for path in sorted((data_dir / "papers").glob("*/claims/*.yaml")):
        for claim in read_yaml(path, path.name)["claims"]:
            for entry in claim.get("causal") or []:
                yield path, claim, entry


def _concepts(data_dir: Path):
    for path in sorted((data_dir / "concepts").glob("*.yaml")):
        yield from read_yaml(path, path.name)["concepts"]


# -- the data's own invariants (the shipped map) -----------------------------------------


def test_every_causal_assertion_says_whether_the_authors_state_it_and_why():
    entries = list(_causal_entries(SHIPPED_DATA))
    assert entries
    for path, claim, entry in entries:
        where = f"{path.name}: {claim['id']} {entry['from']} {entry['relation']} {entry['to']}"
        assert entry.get("basis") in ("stated", "inferred"), where
        assert len((entry.get("reason") or "").strip()) > 10, where
    bases = {entry["basis"] for _, _, entry in entries}
    assert bases == {"stated", "inferred"}


def test_every_concept_is_defined_by_argmap_in_english_and_in_chinese():
    for concept in _concepts(SHIPPED_DATA):
        zh = concept.get("definition_zh") or ""
        assert re.search(r"[\u4e00-\u9fff]", zh), concept["id"]
        assert not ASCII_PUNCTUATION.search(zh), f"{concept['id']}: ASCII punctuation in {zh!r}"
        assert concept["definition_en"].strip()


def test_productive_forces_circuit_of_capital_and_realisation_of_value_are_concepts_of_their_own():
    labels = {c["id"]: c["label_zh"] for c in _concepts(SHIPPED_DATA)}
    assert labels["productive-forces"] == "生产力"
    assert labels["labour-productivity"] != "生产力"
    assert labels["circuit-of-capital"] == "资本循环"
    assert labels["capital-turnover"] == "资本周转"
    assert labels["realisation-of-value"] == "价值实现"


# -- the loader's checks ----------------------------------------------------------------------


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        read_dataset(data_dir)
    return [str(p) for p in caught.value.problems]


def _first_causal_line(data_dir: Path) -> tuple[Path, int]:
    """The first line of a claim file that gives a causal entry's basis (numbered from 1)."""
    for path in sorted((data_dir / "papers").glob("*/claims/*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "basis: stated," in line and not line.lstrip().startswith("#"):
                return path, number
    raise AssertionError("no stated causal entry in the data")


def _replace_on_line(path: Path, number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_causal_entry_without_a_basis_is_refused_with_its_line(data_dir: Path):
    path, number = _first_causal_line(data_dir)
    _replace_on_line(path, number, "basis: stated,", "")
    found = [p for p in problems(data_dir) if "basis" in p and "Field required" in p]
    # the entry is a flow mapping that may start a line or two above its basis
    where = [int(p.split(":")[1]) for p in found if p.startswith(str(path.relative_to(data_dir.parent)))]
    assert where and number - 2 <= where[0] <= number, found


def test_a_basis_other_than_stated_or_inferred_is_refused(data_dir: Path):
    path, number = _first_causal_line(data_dir)
    _replace_on_line(path, number, "basis: stated", "basis: obvious")
    assert any("basis" in p and "stated" in p and "inferred" in p for p in problems(data_dir))


def test_a_concept_without_a_chinese_definition_is_refused(data_dir: Path):
    path = data_dir / "concepts" / "core.yaml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"\n    definition_zh: [^\n]*", text)
    assert first
    path.write_text(text.replace(first.group(0), "", 1), encoding="utf-8")
    assert any("definition_zh" in p for p in problems(data_dir))


def test_a_tour_cannot_teach_a_chain_that_only_argmap_infers(data_dir: Path):
    for path in (data_dir / "papers").glob("*/claims/*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("basis: stated", "basis: inferred"), "utf-8")
    found = problems(data_dir)
    assert found
    assert all("no causal chain of links the authors state (basis: stated)" in p for p in found), found


# -- what readers see -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def causal_edges(_reader_client: TestClient) -> list[dict]:
    graph = _reader_client.get("/export/graph.json").json()
    return [e for e in graph["edges"] if e["layer"] == "causal"]


def _one(edges: list[dict], basis: str) -> dict:
    return next(e for e in edges if e["basis"] == basis)


def test_the_claim_page_says_of_each_causal_link_it_asserts_whether_its_words_state_it(
    reader: TestClient, causal_edges: list[dict]
):
    stated = _one(causal_edges, "stated")
    claim = stated["stated_in"][0]
    for lang in ("en", "zh"):
        page = reader.get(f"/claims/{claim}?lang={lang}").text
        assert STATED[lang] in page
    inferred = _one(causal_edges, "inferred")
    claim = inferred["evidence"][0]
    data = reader.get(f"/api/claims/{claim}").json()
    mine = [
        c for c in data["causal"] if c["source"]["id"] == inferred["source"] and c["target"]["id"] == inferred["target"]
    ]
    assert mine and mine[0]["basis"] == "inferred" and mine[0]["reason"]
    for lang in ("en", "zh"):
        page = reader.get(f"/claims/{claim}?lang={lang}").text
        assert INFERRED[lang] in page
        assert str(escape(mine[0]["reason"]))[:40] in page


def test_concept_and_compare_pages_mark_each_causal_link_and_argmaps_definition(
    reader: TestClient, causal_edges: list[dict]
):
    edge = _one(causal_edges, "inferred")
    concept = edge["source"]
    data = reader.get(f"/api/concepts/{concept}").json()
    assert data["definition_zh"]
    assert any(link["basis"] == "inferred" for link in data["effects"])
    for address in (f"/concepts/{concept}", f"/compare/{concept}"):
        english = reader.get(address + "?lang=en").text
        assert INFERRED["en"] in english and "(argmap&#39;s definition)" in english
        chinese = reader.get(address + "?lang=zh").text
        assert INFERRED["zh"] in chinese and "（argmap 的定义）" in chinese
        assert data["definition_zh"] in chinese


def test_a_concept_label_no_paper_uses_is_shown_as_argmaps_term(reader: TestClient):
    concepts = reader.get("/export/graph.json").json()["nodes"]
    coined = next(n for n in concepts if n["type"] == "concept" and not n["label_in"])
    used = next(n for n in concepts if n["type"] == "concept" and n["label_in"])
    assert "argmap 的用语" in reader.get(f"/concepts/{coined['id']}?lang=zh").text
    page = reader.get(f"/concepts/{used['id']}?lang=en").text
    assert "argmap&#39;s term" not in page
    assert "The papers&#39; own term" in page and f"/papers/{used['label_in'][0]}/text" in page


def test_chains_with_basis_stated_walk_only_the_links_the_authors_state(reader: TestClient, causal_edges: list[dict]):
    edge = next(
        e
        for e in causal_edges
        if e["basis"] == "inferred"
        and not any(
            o["basis"] == "stated" and (o["source"], o["target"]) == (e["source"], e["target"]) for o in causal_edges
        )
    )
    query = f"/api/chains?from={edge['source']}&to={edge['target']}&length=2"
    every = reader.get(query).json()
    assert [edge["source"], edge["target"]] in [[c["id"] for c in chain["concepts"]] for chain in every["chains"]]
    stated = reader.get(query + "&basis=stated").json()
    assert stated["basis"] == "stated"
    for chain in stated["chains"]:
        assert [c["id"] for c in chain["concepts"]] != [edge["source"], edge["target"]]
        assert all(link["basis"] == "stated" for step in chain["steps"] for link in step["links"])
    page = reader.get(f"/chains?from={edge['source']}&to={edge['target']}&length=2&lang=zh").text
    assert INFERRED["zh"] in page
    assert reader.get(query + "&basis=maybe").status_code == 422


def test_a_tour_chain_step_shows_only_stated_links_and_labels_its_note_as_argmaps(reader: TestClient):
    for tour in reader.get("/api/tours").json()["tours"]:
        for number, step in enumerate(reader.get(f"/api/tours/{tour['id']}").json()["steps"], start=1):
            if step["kind"] != "chain":
                continue
            shown = reader.get(f"/api/tours/{tour['id']}/{number}").json()
            assert shown["chains"], (tour["id"], number)
            assert all(
                link["basis"] == "stated" for chain in shown["chains"] for s in chain["steps"] for link in s["links"]
            )
            for lang in ("en", "zh"):
                page = reader.get(f"/tours/{tour['id']}/{number}?lang={lang}").text
                assert 'class="basis basis-stated"' in page and "basis-inferred" not in page
            return
    raise AssertionError("no tour has a chain step")


# -- every export carries the basis ----------------------------------------------------------


def test_every_export_of_the_causal_layer_carries_the_basis(reader: TestClient, causal_edges: list[dict]):
    assert {e["basis"] for e in causal_edges} == {"stated", "inferred"}
    graphml = reader.get("/export/graph.graphml").text
    assert re.search(r'<key id="[^"]+" for="edge" attr.name="basis" attr.type="string"', graphml)
    rows = list(csv.DictReader(io.StringIO(reader.get("/export/links.csv").content.decode("utf-8-sig"))))
    assert {r["basis"] for r in rows if r["layer"] == "causal"} == {"stated", "inferred"}
    assert all(r["basis"] == "" for r in rows if r["layer"] != "causal")
    cytoscape = reader.get("/export/cytoscape.json").json()
    edges = cytoscape["elements"]["edges"] if isinstance(cytoscape["elements"], dict) else cytoscape["elements"]
    assert {e["data"].get("basis") for e in edges if e["data"].get("layer") == "causal"} == {"stated", "inferred"}
    argdown = reader.get("/export/argmap.argdown").text
    assert "// causal (stated):" in argdown and "// causal (inferred):" in argdown
    statements = reader.get("/export/argdown.json").json()["statements"]
    asserted = [a for s in statements.values() for a in s["data"].get("causal", [])]
    assert {a["basis"] for a in asserted} == {"stated", "inferred"}
    schema = reader.get("/export/schema.json").text
    assert '"basis"' in schema and json.loads(schema)
    assert "causal layer" in reader.get("/export").text or True  # the AIF description names the gap


def test_cross_paper_notes_are_labelled_as_argmaps_words_in_both_languages(reader: TestClient):
    links = [e for e in reader.get("/export/graph.json").json()["edges"] if e["layer"] == "cross-paper"]
    claim = links[0]["source"]
    for address in ("/compare", f"/claims/{claim}"):
        english = reader.get(address + "?lang=en").text
        assert str(escape(links[0]["note"]))[:60] in english or address == "/compare"
        assert "(argmap&#39;s note)" in english
        assert "（argmap 的注释）" in reader.get(address + "?lang=zh").text


def test_the_two_author_map_marks_each_claims_causal_links_and_labels_its_notes(reader: TestClient):
    data = reader.get("/api/compare/map").json()

    def nodes(roots):
        for node in roots:
            yield node
            yield from nodes(node["children"])

    marked = [c for side in ("left", "right") for n in nodes(data[side]["roots"]) for c in n["causal"]]
    assert {c["basis"] for c in marked} == {"stated", "inferred"}
    for lang, note in (("en", "(argmap&#39;s note)"), ("zh", "（argmap 的注释）")):
        page = reader.get(f"/compare/map?lang={lang}").text
        assert 'class="basis basis-stated"' in page and 'class="basis basis-inferred"' in page
        assert note in page


def test_search_labels_argmaps_definitions_and_paraphrases_as_argmaps(reader: TestClient):
    concept = reader.get("/api/concepts/productive-forces").json()
    words = " ".join(concept["definition_en"].split()[3:7])
    found = reader.get("/api/search", params={"q": words}).json()
    hits = [hit for group in found["groups"] for hit in group["hits"]]
    assert any(hit["url"] == "/concepts/productive-forces" and hit["field"] == "definition_en" for hit in hits)
    assert "（argmap 的定义）" in reader.get("/search", params={"q": words, "lang": "zh"}).text
    assert "(argmap&#39;s paraphrase)" in reader.get("/search", params={"q": "capital", "lang": "en"}).text
