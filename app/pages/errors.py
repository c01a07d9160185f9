"""Error pages that help: what was wrong, in words and in the reader's language; the valid
choices; the closest names when an id names nothing; and a way back.

The handlers in app/main.py describe a refused request here once, then show it as an HTML
page (translated) or as the JSON error (English, the same fields: `choices`, `suggestions`,
`back`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel

from app.read.close_names import CloseNames
from app.read.snapshot import Derived, Snapshot
from app.web.i18n import N_

Gettext = Callable[[str], str]
MAX_SUGGESTIONS = 5
MAX_CHOICES = 30  # a longer list of valid values is summed up, not listed


class Suggestion(BaseModel):
    label: str
    url: str


class ErrorPage(BaseModel):
    status: int
    title: str
    message: str
    choices: list[str] = []  # the values the parameter accepts
    suggestions: list[Suggestion] = []  # the closest names to what was asked for
    back: str = "/"  # a way back: the page without the bad parameter, or the list the id belongs to


# Where a reader goes back to when an id of this kind names nothing.
LIST_OF = {
    "claim": "/papers",
    "paper": "/papers",
    "concept": "/concepts",
    "tour": "/tours",
    "step": "/tours",
    "guide": "/guides",
    "node": "/graph",
}

# How each kind of refusal is said; `%(name)s` is the parameter, `%(value)s` what was given.
PROBLEMS: dict[str, str] = {
    "less_than_equal": N_("“%(name)s” can be at most %(limit)s; the address asks for %(value)s."),
    "less_than": N_("“%(name)s” must be less than %(limit)s; the address asks for %(value)s."),
    "greater_than_equal": N_("“%(name)s” must be at least %(limit)s; the address asks for %(value)s."),
    "greater_than": N_("“%(name)s” must be more than %(limit)s; the address asks for %(value)s."),
    "int_parsing": N_("“%(name)s” must be a whole number; “%(value)s” is not."),
    "literal_error": N_("“%(name)s” cannot be “%(value)s”."),
    "string_too_long": N_("“%(name)s” is too long: at most %(limit)s characters."),
    "string_too_short": N_("“%(name)s” is empty; it needs a value."),
    "string_pattern_mismatch": N_(
        "“%(name)s” cannot be “%(value)s”: an id has only small letters, digits and hyphens."
    ),
    "missing": N_("“%(name)s” is missing; this address needs it."),
}
GENERIC_PROBLEM = N_("“%(name)s” is not valid here (“%(value)s”).")
GENERIC_PROBLEM_NO_VALUE = N_("“%(name)s” is not valid here.")


def _limit(ctx: dict[str, Any]) -> Any:
    for key in ("le", "lt", "ge", "gt", "max_length", "min_length"):
        if key in ctx:
            return ctx[key]
    return ""


def _choices_of(ctx: dict[str, Any]) -> list[str]:
    """pydantic's `expected` ("'agrees', 'extends' or 'contrasts'") as a list."""
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def describe_invalid(errors: Sequence[Any], gettext: Gettext) -> tuple[str, list[str], list[str]]:
    """The problems of a request's parameters in words, the valid choices, and the names of
    the bad parameters (left out of the way back)."""
    sentences: list[str] = []
    choices: list[str] = []
    names: list[str] = []
    for error in errors:
        name = str(error.get("loc", ("", "?"))[-1])
        ctx = error.get("ctx") or {}
        value = error.get("input")
        kind = error.get("type", "")
        template = PROBLEMS.get(kind, GENERIC_PROBLEM if value not in (None, "") else GENERIC_PROBLEM_NO_VALUE)
        sentence = gettext(template) % {"name": name, "value": "" if value is None else value, "limit": _limit(ctx)}
        if kind not in PROBLEMS and error.get("msg"):
            sentence += " " + str(error["msg"])
        sentences.append(sentence)
        choices += _choices_of(ctx) + list(ctx.get("choices", []))
        names.append(name)
    return " ".join(sentences), choices, names


def address_without(path: str, query: Iterable[tuple[str, str]], names: Iterable[str]) -> str:
    """The same page without the named parameters: where a reader goes back to."""
    drop = set(names)
    kept = [(k, v) for k, v in query if k not in drop]
    return path + ("?" + urlencode(kept) if kept else "")


def _candidates(snapshot: Snapshot) -> dict[str, list[tuple[str, str, str]]]:
    """(id, label, url) of every item a reader may mistype, by kind."""
    concepts = [(c.id, f"{c.label_en} · {c.label_zh}", f"/concepts/{c.id}") for c in snapshot.concepts]
    claims = [(c.id, c.text_en, f"/claims/{c.id}") for c in snapshot.claims]
    return {
        "concept": concepts,
        "claim": claims,
        "node": claims + concepts,
        "paper": [(p.id, p.title_zh, f"/papers/{p.id}") for p in snapshot.papers],
        "tour": [(t.id, t.title_en, f"/tours/{t.id}") for t in snapshot.tours],
    }


def _keys(candidates: list[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    keys: dict[str, tuple[str, str]] = {}
    for item_id, label, url in candidates:
        keys.setdefault(item_id, (label, url))
        if len(label) <= 60:  # names, not sentences: a claim is matched by its id
            keys.setdefault(label.lower(), (label, url))
    return keys


@dataclass(frozen=True)
class Suggestable:
    """The names of one kind a reader may mistype: each with its label and address, and
    found by likeness (a large map has tens of thousands: they are not all compared)."""

    keys: dict[str, tuple[str, str]]  # an id, or a short label in lower case → (label, url)
    close: CloseNames

    @classmethod
    def of(cls, items: list[tuple[str, str, str]]) -> Suggestable:
        keys = _keys(items)
        return cls(keys, CloseNames.of(keys))


def build_suggestable(snapshot: Snapshot) -> dict[str, Suggestable]:
    """The names a reader may mistype, by kind: each id, and each short label in lower case."""
    return {kind: Suggestable.of(items) for kind, items in _candidates(snapshot).items()}


SUGGESTABLE = Derived(build_suggestable)


def suggestions(snapshot: Snapshot, what: str, ident: str) -> list[Suggestion]:
    """The items whose id or label is closest to what was asked for (difflib's ratio); none
    before the first load (the error page is shown anyway)."""
    suggestable = SUGGESTABLE.of(snapshot).get(what)
    if not suggestable or not suggestable.keys:
        return []
    wanted = ident.lower().replace("_", "-").replace(" ", "-")[:200]
    found: list[Suggestion] = []
    for key in suggestable.close.closest(wanted, count=MAX_SUGGESTIONS * 2, cutoff=0.5):
        label, url = suggestable.keys[key]
        if all(s.url != url for s in found):
            found.append(Suggestion(label=label, url=url))
    return found[:MAX_SUGGESTIONS]


def shown_choices(choices: list[str]) -> list[str]:
    return choices if len(choices) <= MAX_CHOICES else []
