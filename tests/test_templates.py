"""Rules the templates keep: no dead template, partials are macros with explicit arguments.

A page template is named by the Python code in app/ that renders it; every other template
(base.html, the `_*.html` partials) must be reached from one through `extends`, `import` or
`from … import`. A partial holds only macros, imported where used, and a macro reads the data
it shows from its arguments: from the render context it may use only what every template gets
(the translation functions, the reader's language, the paper names, …), never `page`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import Environment, nodes
from jinja2.meta import find_referenced_templates

from app.config import REPO_ROOT

TEMPLATES = REPO_ROOT / "templates"
APP = REPO_ROOT / "app"

# What every template gets from the render context (app/web/render.py's render) or from Starlette
# (url_for): macros imported "with context" may read these, and Jinja's own names, nothing else.
RENDER_GLOBALS = {"_", "ngettext", "term", "prose", "paper_name", "paper_names"}  # words in the reader's language
RENDER_GLOBALS |= {"lang", "languages", "colon", "list_separator", "comma", "enumeration", "lparen", "rparen", "static"}
JINJA_NAMES = set(Environment().globals) | {"loop", "caller", "varargs", "kwargs"}
TEMPLATE_NAME = re.compile(r"""["']([\w./-]+\.(?:html|xml))["']""")


def _parse_all(templates: Path) -> dict[str, nodes.Template]:
    env = Environment()
    return {
        path.relative_to(templates).as_posix(): env.parse(path.read_text(encoding="utf-8"))
        for path in sorted(templates.rglob("*"))
        if path.is_file()
    }


def named_by_python(app: Path) -> set[str]:
    """Every template name a string literal of the Python code under `app` spells."""
    return {name for path in app.rglob("*.py") for name in TEMPLATE_NAME.findall(path.read_text(encoding="utf-8"))}


def dead_templates(templates: Path, app: Path) -> list[str]:
    """The templates neither rendered by the code nor reached from a rendered template."""
    parsed = _parse_all(templates)
    reached: set[str] = set()
    todo = [name for name in named_by_python(app) if name in parsed]
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        for used in find_referenced_templates(parsed[name]):
            assert used is not None, f"{name} names a template by a variable: the rules cannot be checked"
            todo.append(used)
    return sorted(set(parsed) - reached)


def includes(templates: Path) -> list[str]:
    """Every `{% include %}` left: data reaches a partial as arguments of its macros instead."""
    return [name for name, tree in _parse_all(templates).items() if any(tree.find_all(nodes.Include))]


def _is_partial(name: str) -> bool:
    return Path(name).name.startswith("_")


def partials_with_content(templates: Path) -> list[str]:
    """Partials that output anything besides their macros: they were made to be included."""
    allowed = (nodes.Macro, nodes.Import, nodes.FromImport)
    found = []
    for name, tree in _parse_all(templates).items():
        for node in tree.body if _is_partial(name) else []:
            whitespace = isinstance(node, nodes.Output) and all(
                isinstance(part, nodes.TemplateData) and not part.data.strip() for part in node.nodes
            )
            if not (isinstance(node, allowed) or whitespace):
                found.append(f"{name}:{node.lineno}")
    return found


def implicit_data(templates: Path) -> list[str]:
    """Names a partial's macros read that are neither their arguments nor render globals."""
    found = []
    for name, tree in _parse_all(templates).items():
        if not _is_partial(name):
            continue
        module = {m.name for m in tree.find_all(nodes.Macro)} | {i.target for i in tree.find_all(nodes.Import)}
        for imp in tree.find_all(nodes.FromImport):
            module |= {n if isinstance(n, str) else n[1] for n in imp.names}
        for macro in tree.find_all(nodes.Macro):
            # its arguments and what it sets itself: loop targets, {% set %}, {% with %}
            own = {n.name for n in macro.find_all(nodes.Name) if n.ctx in ("param", "store")}
            read = {n.name for n in macro.find_all(nodes.Name) if n.ctx == "load"}
            for var in sorted(read - own - module - RENDER_GLOBALS - JINJA_NAMES):
                found.append(f"{name}: {macro.name}() reads {var}")
    return found


def unused_macros(templates: Path) -> list[str]:
    """Macros of a partial that no template calls."""
    parsed = _parse_all(templates)
    used: set[tuple[str, str]] = set()
    for tree in parsed.values():
        aliases = {}
        for imp in tree.find_all(nodes.FromImport):
            used |= {(imp.template.value, n if isinstance(n, str) else n[0]) for n in imp.names}
        for imp in tree.find_all(nodes.Import):
            aliases[imp.target] = imp.template.value
        for attr in tree.find_all(nodes.Getattr):
            if isinstance(attr.node, nodes.Name) and attr.node.name in aliases:
                used.add((aliases[attr.node.name], attr.attr))
    for name, tree in parsed.items():
        for call in tree.find_all(nodes.Call):  # a macro calling another of its own file
            if isinstance(call.node, nodes.Name):
                used.add((name, call.node.name))
    return [
        f"{name}: {macro.name}"
        for name, tree in parsed.items()
        if _is_partial(name)
        for macro in tree.find_all(nodes.Macro)
        if (name, macro.name) not in used
    ]


def test_every_template_is_rendered_by_the_code_or_used_by_a_rendered_template():
    assert dead_templates(TEMPLATES, APP) == []


def test_no_template_includes_another_partials_are_macros():
    assert includes(TEMPLATES) == []


def test_a_partial_holds_only_macros_and_every_macro_is_called():
    assert partials_with_content(TEMPLATES) == []
    assert unused_macros(TEMPLATES) == []


def test_a_macro_takes_the_data_it_shows_as_arguments():
    assert implicit_data(TEMPLATES) == []


# The checks themselves catch what they are for, on a small tree of their own.
@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    templates, app = tmp_path / "templates", tmp_path / "app"
    templates.mkdir()
    app.mkdir()
    (app / "routes.py").write_text('render(request, "page.html", data)\n', encoding="utf-8")
    (templates / "base.html").write_text("<main>{% block content %}{% endblock %}</main>", encoding="utf-8")
    (templates / "_parts.html").write_text("{% macro ref(claim) %}{{ claim.url }} {{ _('x') }}{% endmacro %}\n")
    (templates / "page.html").write_text(
        '{% extends "base.html" %}{% from "_parts.html" import ref with context %}'
        "{% block content %}{% for c in page.claims %}{{ ref(c) }}{% endfor %}{% endblock %}",
        encoding="utf-8",
    )
    return templates, app


def test_the_checks_pass_a_tree_that_keeps_the_rules(tree: tuple[Path, Path]):
    templates, app = tree
    assert dead_templates(templates, app) == []
    assert includes(templates) == []
    assert partials_with_content(templates) == []
    assert unused_macros(templates) == []
    assert implicit_data(templates) == []


def test_the_checks_catch_a_dead_template_an_include_and_implicit_data(tree: tuple[Path, Path]):
    templates, app = tree
    (templates / "_crumbs.html").write_text("{% macro crumbs(items) %}{{ items }}{% endmacro %}")
    (templates / "orphan.html").write_text('{% extends "base.html" %}')
    assert dead_templates(templates, app) == ["_crumbs.html", "orphan.html"]
    assert unused_macros(templates) == ["_crumbs.html: crumbs"]
    (templates / "_old.html").write_text("<p>{{ ref.url }}</p>")
    (templates / "page.html").write_text('{% for ref in page.claims %}{% include "_old.html" %}{% endfor %}')
    assert includes(templates) == ["page.html"]
    assert partials_with_content(templates) == ["_old.html:1"]
    (templates / "_parts.html").write_text("{% macro ref(claim) %}{{ page.title }}{{ claim.url }}{% endmacro %}")
    assert implicit_data(templates) == ["_parts.html: ref() reads page"]


def test_pages_link_their_static_files_where_the_app_serves_them(fixture_reader):
    page = fixture_reader.get("/about").text
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', page).group(1)
    assert stylesheet == "http://testserver" + fixture_reader.app.url_path_for("static", path="css/argmap.css")
    assert fixture_reader.get(stylesheet).status_code == 200
