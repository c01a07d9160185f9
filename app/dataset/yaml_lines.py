"""Read YAML fast, and find the line of any value in it when a problem needs one.

The loader reports problems as `path:line: message`; to do that it needs to know, for a
value found at some place in the parsed data, which line of the file it came from. Keeping
a line for every key and item costs most of a large corpus's load time, and the lines are
needed only for the few files that have a problem. So a file is parsed by a fast parser
(ryaml, in Rust) into plain data, and parsed again with PyYAML, keeping the lines, only when
`line_of` is first asked about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ryaml
import yaml


class LinedDict(dict):
    line: int = 0
    key_lines: dict[Any, int]


class LinedList(list):
    line: int = 0
    item_lines: list[int]


# libyaml (C) when PyYAML has it: the same nodes and marks, many times faster on a large corpus.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    result = LinedDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LinedList:
    result = LinedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# Dates stay strings: the data files record dates as the sources print them.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class YamlError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class SourcedDict(dict):
    """A file's top mapping, parsed without lines, which keeps its text to find them later."""

    text: str
    _lined: Any = None

    def lined(self) -> Any:
        if self._lined is None:
            try:
                self._lined = _read_lined(self.text, "")
            except YamlError:  # what ryaml read but PyYAML would not: no lines to give
                self._lined = {}
        return self._lined


def read_yaml(path: Path, shown_as: str) -> Any:
    """Parse a file; a syntax error becomes a YamlError carrying `shown_as:line`."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlError(Problem(shown_as, 1, f"not UTF-8 text ({error.reason})")) from error
    except OSError as error:  # unreadable, or a folder with a data file's name
        raise YamlError(Problem(shown_as, 1, f"cannot be read: {error.strerror or type(error).__name__}")) from error
    try:
        data = ryaml.loads(text)
    except BaseException as error:  # a Rust panic is a BaseException; PyYAML then says what and where
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        return _read_lined(text, shown_as)
    if not isinstance(data, dict) or _yaml_11_may_differ(data, text):
        return _read_lined(text, shown_as)
    top = SourcedDict(data)
    top.text = text
    return top


# Numbers YAML 1.2 reads and YAML 1.1 does not (0o17; exponents without a dot or a sign, or
# right after the dot: 1e3, 0.E0; a sign before a leading dot: -.5), roughly: a false alarm
# only sends the file to the slower parser.
_YAML_12_ONLY_NUMBER = re.compile(r"0o[0-7]|[0-9]\.?[eE][-+]?[0-9]|[-+]\.[0-9]")
_RESOLVERS = _LineLoader.yaml_implicit_resolvers


def _yaml_11_may_differ(data: Any, text: str) -> bool:
    """True if PyYAML (YAML 1.1) might read this file differently from ryaml (YAML 1.2).

    The loader's meaning of a file is PyYAML's. The two differ only on a few plain scalars:
    1.1 reads `yes`/`on`/`off`, `010`, `1_000`, `1:20` and `<<` (a merge) as more than strings,
    1.2 reads `0o10` and `1e3` as numbers. A string ryaml made that PyYAML's own rules would
    read as something else, or a number that might be written in a 1.2-only way, sends the
    file to PyYAML (a quoted string that only looks like one costs time, never correctness)."""
    stack: list[Any] = [data]
    has_number = False
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is str:
            if node and node[0] in _RESOLVERS and any(p.match(node) for _tag, p in _RESOLVERS[node[0]]):
                return True
        elif kind is dict:
            stack.extend(node)
            stack.extend(node.values())
        elif kind is list:
            stack.extend(node)
        elif kind is int or kind is float:
            has_number = True
    return has_number and _YAML_12_ONLY_NUMBER.search(text) is not None


def _read_lined(text: str, shown_as: str) -> Any:
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or "malformed YAML"
        raise YamlError(Problem(shown_as, line, f"malformed YAML: {what}")) from error
    except yaml.YAMLError as error:
        raise YamlError(Problem(shown_as, 1, f"malformed YAML: {error}")) from error


def line_of(data: Any, location: tuple[Any, ...]) -> int:
    """The line of the deepest part of `location` (a key/index path) found in `data`."""
    if isinstance(data, SourcedDict):
        data = data.lined()
    line = getattr(data, "line", 1)
    node = data
    for step in location:
        if isinstance(node, LinedDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LinedList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
