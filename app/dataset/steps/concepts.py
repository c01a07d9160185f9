"""Step: data/concepts/*.yaml → the concepts, each alias found in some source, and the papers
whose source uses each concept's Chinese label as a term of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.database.models import Concept
from app.dataset.reader import Origin, Reader, build_row
from app.dataset.schema import ConceptEntry, ConceptFile


def read_concepts(reader: Reader, data_dir: Path, rows: dict[type, list[Any]], sources: dict[str, str]) -> set[str]:
    """Read every concept file; return the concept ids."""
    all_sources = "\n".join(sources.values())
    alias_found: dict[str, bool] = {}  # many concepts share a word: search the sources once
    concept_ids: set[str] = set()
    for path in sorted((data_dir / "concepts").glob("*.yaml")):
        concept_file, raw = reader.parse(path, ConceptFile)
        if concept_file is None:
            continue
        for index, concept in enumerate(concept_file.concepts):
            origin = Origin(reader.shown(path), raw, ("concepts", index))
            reader.claim_id(concept.id, origin, "concept")
            concept_ids.add(concept.id)
            _check_aliases(reader, concept, origin, all_sources, alias_found)
            rows[Concept].append(build_row(Concept, origin, **concept.model_dump()))
    _mark_labels_in_sources(rows[Concept], sources)
    return concept_ids


def _check_aliases(
    reader: Reader, concept: ConceptEntry, origin: Origin, all_sources: str, alias_found: dict[str, bool]
) -> None:
    for alias_index, alias in enumerate(concept.aliases):
        if alias not in alias_found:
            alias_found[alias] = alias in all_sources
        if not alias_found[alias]:
            reader.problems.append(
                origin.problem(f"alias {alias!r} does not appear in any source", "aliases", alias_index)
            )


def _mark_labels_in_sources(concepts: list[Any], sources: dict[str, str]) -> None:
    """Set each concept's `label_in`: the papers whose source uses its Chinese label as a term
    of its own, not only inside a longer term of the vocabulary (生产力 inside 新质生产力)."""
    terms = {c.label_zh for c in concepts} | {alias for c in concepts for alias in c.aliases}
    found: dict[str, list[str]] = {}  # many concepts share a label (a synthetic corpus): once each
    for concept in concepts:
        label = concept.label_zh
        if label not in found:
            longer = sorted((t for t in terms if label in t and t != label), key=len, reverse=True)
            found[label] = [pid for pid, text in sources.items() if label in _without(text, longer)]
        concept.label_in = found[label]


def _without(text: str, terms: list[str]) -> str:
    for term in terms:
        text = text.replace(term, "\0")
    return text
