"""GraphML with typed attributes (`graph.graphml`): networkx, Gephi and yEd read it.

Written by hand rather than with `networkx.write_graphml`, which builds the whole XML tree
in memory and cannot hold lists: every attribute gets a `<key>` with its type (`boolean`,
`int`, `double`, `string`); a list (a span, aliases, evidence) is a `string` holding JSON,
said so in the key's `<desc>`; an unknown (null) value is left out, as GraphML intends.
Edge ids are `source--relation--target`, unique in the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from app.exports.context import ExportContext
from app.exports.labels import edge_ids
from app.exports.streaming import dumps

JSON_DESC = "JSON-encoded"


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    return "json"


def _key_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """One GraphML type per attribute name: mixed types fall back to string."""
    seen: dict[str, set[str]] = {}
    for data in rows:
        for name, value in data.items():
            if value is not None:
                seen.setdefault(name, set()).add(_type_of(value))
    types = {}
    for name, kinds in seen.items():
        if kinds == {"int", "double"}:
            types[name] = "double"
        elif len(kinds) == 1:
            types[name] = kinds.pop()
        else:
            types[name] = "json"
    return types


def _text(value: Any, kind: str) -> str:
    if kind == "json":
        return dumps(value)
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


def _xml_text(value: str) -> str:
    # XML 1.0 forbids most control characters even escaped; the data never hold them, but a
    # stray one must not make the whole file unreadable.
    cleaned = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 0x20)
    return escape(cleaned)


def _data(keys: dict[str, tuple[str, str]], data: dict[str, Any]) -> str:
    return "".join(
        f'<data key="{keys[name][0]}">{_xml_text(_text(value, keys[name][1]))}</data>'
        for name, value in sorted(data.items())
        if value is not None
    )


def render(ctx: ExportContext) -> Iterator[str]:
    graph = ctx.graph
    header = {name: value for name, value in ctx.header.items()}
    domains = {
        "graph": _key_types([header]),
        "node": _key_types(data for _, data in graph.nodes(data=True)),
        "edge": _key_types(data for _, _, data in graph.edges(data=True)),
    }
    keys: dict[str, dict[str, tuple[str, str]]] = {}
    yield (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for prefix, domain in (("g", "graph"), ("n", "node"), ("e", "edge")):
        keys[domain] = {}
        for index, name in enumerate(sorted(domains[domain])):
            kind = domains[domain][name]
            key_id = f"{prefix}{index}"
            keys[domain][name] = (key_id, kind)
            attr_type = "string" if kind == "json" else kind
            desc = f"<desc>{JSON_DESC}</desc>" if kind == "json" else ""
            close = f">{desc}</key>" if desc else "/>"
            yield f'<key id="{key_id}" for="{domain}" attr.name={quoteattr(name)} attr.type="{attr_type}"{close}\n'
    yield f'<graph id="argmap" edgedefault="directed">{_data(keys["graph"], header)}\n'
    for node, data in graph.nodes(data=True):
        yield f"<node id={quoteattr(node)}>{_data(keys['node'], data)}</node>\n"
    for edge_id, source, target, _key, data in edge_ids(graph):
        yield (
            f"<edge id={quoteattr(edge_id)} source={quoteattr(source)} target={quoteattr(target)}>"
            f"{_data(keys['edge'], data)}</edge>\n"
        )
    yield "</graph>\n</graphml>\n"
