"""Step: what each claim links to, checked against every id read before: the concepts it
mentions, its argument links inside its paper, the causal links its words assert between
concepts it mentions, and the references it cites."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.database.models import ArgumentLink, CausalEvidence, CausalLink, Citation, Mention
from app.dataset.reader import Origin, Reader, build_row
from app.dataset.schema import CausalEntry, ClaimEntry
from app.dataset.steps.claims import ReadClaims


def read_claim_links(
    reader: Reader, rows: dict[type, list[Any]], claims: ReadClaims, concept_ids: set[str], reference_ids: set[str]
) -> None:
    links = _ClaimLinks(reader, rows, claims.paper_of, concept_ids, reference_ids)
    for entry, origin, paper_id in claims.entries:
        mentioned = links.mentions(entry, origin)
        links.arguments(entry, origin, paper_id)
        for i, assertion in enumerate(entry.causal):
            links.causal(entry, origin, mentioned, i, assertion)
        links.citations(entry, origin)
    rows[CausalLink] = sorted(links.causal_edges.values(), key=lambda e: e.id)


@dataclass
class _ClaimLinks:
    reader: Reader
    rows: dict[type, list[Any]]
    paper_of: dict[str, str]  # claim id → paper id
    concept_ids: set[str]
    reference_ids: set[str]
    causal_edges: dict[str, Any] = field(default_factory=dict)
    seen_arguments: set[tuple[str, str, str]] = field(default_factory=set)
    seen_evidence: set[tuple[str, str]] = field(default_factory=set)
    seen_citations: set[tuple[str, str, str | None]] = field(default_factory=set)

    def mentions(self, entry: ClaimEntry, origin: Origin) -> set[str]:
        """Record the concepts the claim mentions; return them."""
        mentioned: set[str] = set()
        for i, concept in enumerate(entry.concepts):
            if concept not in self.concept_ids:
                self.reader.problems.append(origin.problem(f"unknown concept {concept!r}", "concepts", i))
            elif concept in mentioned:
                self.reader.problems.append(origin.problem(f"concept {concept!r} listed twice", "concepts", i))
            else:
                mentioned.add(concept)
                self.rows[Mention].append(build_row(Mention, origin, claim_id=entry.id, concept_id=concept))
        return mentioned

    def arguments(self, entry: ClaimEntry, origin: Origin, paper_id: str) -> None:
        for i, link in enumerate(entry.links):
            problem = self._argument_problem(entry, paper_id, link.to, link.relation)
            if problem:
                self.reader.problems.append(origin.problem(problem, "links", i))
                continue
            self.seen_arguments.add((entry.id, link.to, link.relation))
            self.rows[ArgumentLink].append(
                build_row(ArgumentLink, origin, source_id=entry.id, target_id=link.to, relation=link.relation)
            )

    def _argument_problem(self, entry: ClaimEntry, paper_id: str, to: str, relation: str) -> str | None:
        if to == entry.id:
            return "a claim cannot link to itself"
        if to not in self.paper_of:
            return f"unknown claim {to!r}"
        if self.paper_of[to] != paper_id:
            return (
                f"argument links stay inside one paper ({to!r} is in {self.paper_of[to]!r}); use data/cross-paper.yaml"
            )
        if (entry.id, to, relation) in self.seen_arguments:
            return f"duplicate link {relation} → {to}"
        return None

    def causal(self, entry: ClaimEntry, origin: Origin, mentioned: set[str], i: int, assertion: CausalEntry) -> None:
        if not self._causal_ends_ok(origin, mentioned, i, assertion):
            return
        edge_id = f"{assertion.source}--{assertion.relation}--{assertion.to}"
        if edge_id not in self.causal_edges:
            self.causal_edges[edge_id] = build_row(
                CausalLink,
                origin,
                id=edge_id,
                source_id=assertion.source,
                target_id=assertion.to,
                relation=assertion.relation,
            )
        if (edge_id, entry.id) in self.seen_evidence:
            self.reader.problems.append(origin.problem(f"duplicate causal link {edge_id}", "causal", i))
            return
        self.seen_evidence.add((edge_id, entry.id))
        self.rows[CausalEvidence].append(
            build_row(
                CausalEvidence,
                origin,
                causal_id=edge_id,
                claim_id=entry.id,
                basis=assertion.basis,
                reason=assertion.reason,
            )
        )

    def _causal_ends_ok(self, origin: Origin, mentioned: set[str], i: int, assertion: CausalEntry) -> bool:
        """Both ends are known concepts, two different ones (a problem for each that is not);
        an end the claim does not mention is a problem that does not stop the link."""
        ends_ok = True
        for end_name in (assertion.source, assertion.to):
            if end_name not in self.concept_ids:
                self.reader.problems.append(origin.problem(f"unknown concept {end_name!r}", "causal", i))
                ends_ok = False
            elif end_name not in mentioned:
                self.reader.problems.append(
                    origin.problem(
                        f"causal link uses {end_name!r}, which the claim does not mention (add it to concepts)",
                        "causal",
                        i,
                    )
                )
        if assertion.source == assertion.to:
            self.reader.problems.append(origin.problem("a causal link cannot join a concept to itself", "causal", i))
            ends_ok = False
        return ends_ok

    def citations(self, entry: ClaimEntry, origin: Origin) -> None:
        for i, cite in enumerate(entry.cites):
            if cite.ref not in self.reference_ids:
                self.reader.problems.append(origin.problem(f"unknown reference {cite.ref!r}", "cites", i))
            elif (entry.id, cite.ref, cite.locator) in self.seen_citations:
                self.reader.problems.append(origin.problem(f"duplicate citation of {cite.ref}", "cites", i))
            else:
                self.seen_citations.add((entry.id, cite.ref, cite.locator))
                self.rows[Citation].append(
                    build_row(Citation, origin, claim_id=entry.id, reference_id=cite.ref, locator=cite.locator)
                )
