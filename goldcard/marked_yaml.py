"""Read YAML fast and keep where every key and value is, so that problems can name a line and a column.

libyaml (PyYAML's C parser) does the parsing; the mappings and lists it builds carry a `lc` record shaped
like ruamel.yaml's (`lc.key(k)`, `lc.value(k)`, `lc.item(i)`; 0-based). ruamel's own round-trip parser
is pure Python and took ten times as long on the data, too slow for a check that runs on every save.
"""

from __future__ import annotations

from typing import Any

import yaml

Mark = tuple[int, int, int, int]  # key line, key column, value line, value column


class LineCol:
    __slots__ = ("line", "col", "data")

    def __init__(self, line: int, col: int):
        self.line, self.col = line, col
        self.data: dict[Any, Mark] = {}

    def key(self, key: Any) -> tuple[int, int]:
        return self.data[key][0], self.data[key][1]

    def value(self, key: Any) -> tuple[int, int]:
        return self.data[key][2], self.data[key][3]

    def item(self, index: int) -> tuple[int, int]:
        return self.data[index][0], self.data[index][1]


class MarkedMap(dict):
    lc: LineCol


class MarkedSeq(list):
    lc: LineCol


STR = "tag:yaml.org,2002:str"


class _Composer(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc] # libyaml, from PyYAML's wheels
    def resolve(self, kind, value, implicit):  # noqa: ANN001, ANN201 - PyYAML's signature
        """Most scalars are text that starts with a letter no implicit type (number, date, null) starts with:
        give them their tag at once. This is a third of the time of reading the data."""
        if kind is yaml.ScalarNode and value and value[0] not in self.yaml_implicit_resolvers:
            return STR
        return super().resolve(kind, value, implicit)


_SCALARS = yaml.SafeLoader("")  # builds the few scalars that are not plain strings: numbers, booleans, null
# Dates stay text: pydantic then reports an impossible date (2024-02-30) with its line, as a field error.
AS_TEXT = {STR, "tag:yaml.org,2002:timestamp"}
MAP, SEQ, MERGE = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:merge"


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag in AS_TEXT:
        return node.value
    if node.tag not in _SCALARS.yaml_constructors:
        raise yaml.constructor.ConstructorError(None, None, f"unknown tag {node.tag}: remove it", node.start_mark)
    return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)


def _build(node: yaml.Node, built: dict[int, Any]) -> Any:
    """Python values from libyaml's node tree, mappings and lists with marks. An alias is one node: built once."""
    if node.__class__ is yaml.ScalarNode:  # most nodes: tested first, and without the alias table
        return node.value if node.tag == STR else _scalar(node)
    if id(node) in built:
        return built[id(node)]
    mark = node.start_mark
    if node.__class__ is yaml.SequenceNode and node.tag == SEQ:
        items = built[id(node)] = MarkedSeq()
        items.lc = lc = LineCol(mark.line, mark.column)
        for index, item in enumerate(node.value):
            items.append(_build(item, built))
            at = item.start_mark
            lc.data[index] = (at.line, at.column, at.line, at.column)
        return items
    if node.__class__ is yaml.MappingNode and node.tag == MAP:
        data = built[id(node)] = MarkedMap()
        data.lc = lc = LineCol(mark.line, mark.column)
        if any(key.tag == MERGE for key, _ in node.value):
            _SCALARS.flatten_mapping(node)  # `<<: *defaults`
        for key_node, value_node in node.value:
            key = _build(key_node, built)
            try:
                duplicate = key in data
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key that is a list or a mapping", key_node.start_mark) from None
            if duplicate:
                first = lc.key(key)[0] + 1
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice (first on line {first})", key_node.start_mark)
            data[key] = _build(value_node, built)
            key_at, value_at = key_node.start_mark, value_node.start_mark
            lc.data[key] = (key_at.line, key_at.column, value_at.line, value_at.column)
        return data
    raise yaml.constructor.ConstructorError(None, None, f"unknown tag {node.tag}: remove it", node.start_mark)


def load_marked(text: str) -> Any:
    """Parse one YAML document; raises yaml.YAMLError (with problem_mark where libyaml gives one)."""
    node = yaml.compose(text, Loader=_Composer)
    return None if node is None else _build(node, {})
