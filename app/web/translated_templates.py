"""The page templates, compiled once for each interface language with their fixed texts
already translated.

A page calls `_("…")` about a hundred times, each a call through Jinja's runtime, a catalogue
lookup and an escape, for the same answer on every request in that language. Here each
`_("a literal")` is replaced by its translation when the template is compiled, so the words
cost nothing at render time. Anything else (`_` of a variable, `ngettext`, `term`) is left as
a call. The answer is the one `gettext` would give at render time: the catalogue is read at
start-up (app/web/i18n.py), and a template changed under `argmap serve --reload` is compiled
again, with its translations.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2
from fastapi.templating import Jinja2Templates
from jinja2 import nodes
from jinja2.visitor import NodeTransformer

from app.web.i18n import LANGUAGES, translations


def _literal_gettext(node: nodes.Call) -> str | None:
    """The message of `_("literal")` with nothing else passed; None for any other call."""
    if not (isinstance(node.node, nodes.Name) and node.node.name == "_"):
        return None
    if node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None or len(node.args) != 1:
        return None
    (argument,) = node.args
    return argument.value if isinstance(argument, nodes.Const) and isinstance(argument.value, str) else None


class _TranslateLiterals(NodeTransformer):
    def __init__(self, gettext: Callable[[str], str]):
        self.gettext = gettext

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        visited = self.generic_visit(node)
        message = _literal_gettext(visited) if isinstance(visited, nodes.Call) else None
        return visited if message is None else nodes.Const(self.gettext(message), lineno=node.lineno)


class TranslatedEnvironment(jinja2.Environment):
    """A Jinja environment whose templates have one language's fixed texts compiled in."""

    def __init__(self, gettext: Callable[[str], str], **options):
        super().__init__(**options)
        self._translate = _TranslateLiterals(gettext)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        return self._translate.visit(super()._parse(source, name, filename))


def translated_templates(directory: Path, *, auto_reload: bool) -> dict[str, Jinja2Templates]:
    """Each interface language's templates, as Starlette's Jinja2Templates."""
    return {
        lang: Jinja2Templates(
            env=TranslatedEnvironment(
                translations(lang).gettext,
                loader=jinja2.FileSystemLoader(directory),
                autoescape=jinja2.select_autoescape(),
                auto_reload=auto_reload,
            )
        )
        for lang in LANGUAGES
    }
