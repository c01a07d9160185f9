"""Invariants of the shipped map (issue: the complete argument map of both papers)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
import yaml

from app.database.models import (
    ArgumentLink,
    CausalEvidence,
    CausalLink,
    Citation,
    Claim,
    Concept,
    CrossPaperLink,
    Mention,
    Paper,
    Section,
)
from app.dataset.loader import Dataset, read_dataset
from tests.conftest import SHIPPED_DATA

REQUIRED_CONCEPTS = {
    "data-decision-cycle",
    "platform-user-relation",
    "capital-turnover",
    "patient-capital",
    "socialization-of-production",
    "new-quality-productive-forces",
    "human-machine-collaboration",
    "cross-boundary-integration",
    "time-friction",
    "continuity-of-production",
    "data-governance",
    "data-monopoly",
    "algorithmic-bias",
    "profit-rate-equalization",
    "fixed-capital",
    "short-term-capital",
    "investment-bubble",
}
BODY_SECTIONS = ("qi-li-intro", "qi-li-s1", "qi-li-s2", "qi-li-s3")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return read_dataset(SHIPPED_DATA)


def test_the_counts_the_map_promises(dataset: Dataset):
    counts = dataset.counts()
    assert 25 <= counts["papers"]["lu-yang"]["claims"] <= 40
    assert counts["papers"]["qi-li"]["claims"] >= 90
    assert counts["layers"]["concepts"] >= 25
    assert counts["layers"]["causal"] >= 40
    assert counts["layers"]["cross-paper"] >= 20
    assert counts["layers"]["cites"] >= 15
    assert {c.id for c in dataset.rows[Concept]} >= REQUIRED_CONCEPTS


def test_every_body_paragraph_of_qi_li_carries_a_claim(dataset: Dataset):
    text = next(p for p in dataset.rows[Paper] if p.id == "qi-li").source_text
    claims = [c for c in dataset.rows[Claim] if c.paper_id == "qi-li"]
    uncovered = []
    for section in (s for s in dataset.rows[Section] if s.id in BODY_SECTIONS):
        start = section.span_start
        for paragraph in text[section.span_start : section.span_end].split("\n\n"):
            end = start + len(paragraph)
            is_heading = paragraph.strip() == section.title_zh
            covered = any(c.span_start < end and c.span_end > start for c in claims)
            if paragraph.strip() and not is_heading and not covered:
                uncovered.append(f"{section.id}: {paragraph[:30]}")
            start = end + 2
    assert not uncovered, uncovered


def test_every_claim_walks_up_to_its_papers_thesis(dataset: Dataset):
    up = defaultdict(list)
    for link in dataset.rows[ArgumentLink]:
        up[link.source_id].append(link.target_id)
    for claim in dataset.rows[Claim]:
        thesis = f"{claim.paper_id}-thesis"
        if claim.id == thesis:
            assert not up[claim.id], "a paper's top thesis stands alone"
            continue
        assert up[claim.id], f"orphan claim {claim.id}"
        seen, frontier = set(), [claim.id]
        while frontier:
            current = frontier.pop()
            seen.add(current)
            frontier.extend(t for t in up[current] if t not in seen)
        assert thesis in seen, f"{claim.id} does not reach {thesis}"


def test_every_causal_links_evidence_mentions_both_its_concepts(dataset: Dataset):
    mentioned = defaultdict(set)
    for mention in dataset.rows[Mention]:
        mentioned[mention.claim_id].add(mention.concept_id)
    links = {link.id: link for link in dataset.rows[CausalLink]}
    evidence = defaultdict(list)
    for item in dataset.rows[CausalEvidence]:
        evidence[item.causal_id].append(item.claim_id)
        link = links[item.causal_id]
        assert {link.source_id, link.target_id} <= mentioned[item.claim_id], (link.id, item.claim_id)
    assert set(evidence) == set(links), "every causal link has evidence"


def test_both_papers_hold_causal_links_and_a_multi_step_chain_exists(dataset: Dataset):
    counts = dataset.counts()["papers"]
    assert counts["lu-yang"]["causal links held"] >= 10 and counts["qi-li"]["causal links held"] >= 10
    ids = {link.id for link in dataset.rows[CausalLink]}
    assert "capital-turnover--causes--efficiency-driven-growth" in ids
    assert any(i.endswith("--capital-turnover") for i in ids)


def test_every_cross_paper_link_joins_the_two_papers_and_says_why(dataset: Dataset):
    paper = {c.id: c.paper_id for c in dataset.rows[Claim]}
    for link in dataset.rows[CrossPaperLink]:
        assert paper[link.source_id] == "lu-yang" and paper[link.target_id] == "qi-li"
        assert len(link.note.split()) >= 5
    topics = " ".join(link.note.lower() for link in dataset.rows[CrossPaperLink])
    for topic in ("patient capital", "short-term", "data", "platform", "turnover", "state"):
        assert topic in topics, topic


def test_every_cross_paper_note_is_in_chinese_too_quoting_only_its_claims(dataset: Dataset):
    """A Chinese reader reads every note in Chinese; a term the note quotes is the papers' own."""
    from tests.test_i18n import ASCII_BESIDE_CHINESE

    quote = {c.id: c.quote_zh for c in dataset.rows[Claim]}
    for link in dataset.rows[CrossPaperLink]:
        assert link.note_zh and re.search(r"[\u4e00-\u9fff]", link.note_zh), link.source_id
        assert not ASCII_BESIDE_CHINESE.search(link.note_zh), link.note_zh
        for quoted in re.findall(r"“([^”]+)”", link.note_zh):
            assert quoted in quote[link.source_id] + quote[link.target_id], (link.source_id, quoted)


def test_every_claim_has_english_and_concepts_and_authority_quotes_cite(dataset: Dataset):
    mentioned = {m.claim_id for m in dataset.rows[Mention]}
    cited = {c.claim_id for c in dataset.rows[Citation]}
    for claim in dataset.rows[Claim]:
        assert claim.text_en.strip(), claim.id
        assert claim.id in mentioned, f"{claim.id} mentions no concept"
        if claim.kind == "authority-quote":
            assert claim.id in cited, f"{claim.id} quotes an authority without citing it"
    for claim in (c for c in dataset.rows[Claim] if c.paper_id == "lu-yang"):
        assert claim.official_en, f"{claim.id} lacks the paper's own English"


def test_the_three_promised_tours_ship_with_six_to_ten_steps():
    tours = {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (SHIPPED_DATA / "tours").glob("*.yaml")
    }
    assert {"lu-yang-argument", "qi-li-argument", "patient-capital-and-time"} <= set(tours)
    for tour, data in tours.items():
        assert 6 <= len(data["steps"]) <= 10, tour


def test_lu_yangs_citation_matches_how_the_journal_itself_says_to_cite_it(reader):
    source = (SHIPPED_DATA / "sources/lu-yang.txt").read_text(encoding="utf-8").splitlines()
    printed = source[source.index("引用本文") + 2]
    cite = reader.get("/api/claims/lu-yang-thesis").json()["cite"]
    gbt7714 = next(f["text"] for f in cite["formats"] if f["id"] == "gbt7714")

    def comparable(reference: str) -> str:
        return re.sub(r"[\s()（）]", "", reference).replace("，", ",").rstrip(".")

    assert comparable(gbt7714) == comparable(printed)


@pytest.mark.parametrize(
    "address",
    ["/api/papers", "/api/concepts", "/api/references", "/api/chains", "/api/compare", "/api/compare?relation=agrees"],
)
def test_each_list_of_the_shipped_map_is_one_page_so_links_to_its_items_keep_working(reader, address: str):
    # A page of a long list holds a little more than the shipped map's whole list
    # (app/pages/paging.py, app/read/compare_outline.py): an instructor's link to
    # /compare#a-concept or /concepts#a-concept lands on the page that holds it. A map grown
    # past a bound must raise it, not split its lists.
    paging = reader.get(address).json()["paging"]
    assert paging["pages"] == 1 and paging["next"] is None, paging
