"""Read YAML fast and keep where every key and value is, so that problems can name a line and a column.

libyaml (PyYAML's C parser) does the parsing; the mappings and lists it builds carry a `lc` record shaped
like ruamel.yaml's (`lc.key(k)`, `lc.value(k)`, `lc.item(i)`; 0-based). ruamel's own round-trip parser
is pure Python and took ten times as long on the data, too slow for a check that runs on every save.
"""

from __future__ import annotations

import re
import unicodedata
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
# The tags a scalar may have besides text; PyYAML's constructors for the others (!!map, !!set, !!omap on a
# scalar) give back a generator, not a value.
SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "binary")}

# Lists and mappings nested deeper than this are refused. The data nests 8 levels at most, and Python's
# recursion (in _build, in pickle, in pydantic) ends near 1,000.
MAX_DEPTH = 100
# libyaml's composer is recursive C, which crashes the whole process at about 25,000 levels (on a stack of
# 8 MB): a text that might nest deeper than this is walked event by event before it is composed.
COMPOSER_SAFE_DEPTH = 2_000
# At most this many values in one file once its aliases are written out: an alias repeats a value without its
# text, so a few lines of aliases of aliases can stand for billions of values. The largest data file has 2,200.
MAX_EXPANDED = 100_000
# Line breaks to libyaml that editors do not show as one, so every line number after them would be wrong.
HIDDEN_BREAKS = re.compile(r"[\x85\u2028\u2029]")


class RefusedYaml(yaml.MarkedYAMLError):
    """YAML that libyaml would read but that the loader refuses: too deep, too many values through aliases."""

    def __init__(self, problem: str, mark: yaml.Mark | None, fix: str):
        super().__init__(problem=problem, problem_mark=mark)
        self.fix = fix


def _mark(text: str, index: int) -> yaml.Mark:
    line = text.count("\n", 0, index)
    return yaml.Mark("<unicode string>", index, line, index - (text.rfind("\n", 0, index) + 1), None, None)


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag in AS_TEXT:
        return node.value
    if node.tag not in SCALAR_TAGS:
        raise yaml.constructor.ConstructorError(None, None, f"unknown tag {node.tag}: remove it", node.start_mark)
    try:
        return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
    except (ValueError, KeyError, OverflowError):  # `!!int abc`, `!!bool maybe`, a number of 5,000 digits
        kind = node.tag.rsplit(":", 1)[-1]
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value[:40]!r} cannot be read as {kind}", node.start_mark) from None


def _too_deep(mark: yaml.Mark) -> RefusedYaml:
    return RefusedYaml(f"lists and mappings nested more than {MAX_DEPTH} levels deep", mark,
                       "close the brackets or undo the indentation that runs away here")


def _build(node: yaml.Node, built: dict[int, Any], depth: int) -> Any:
    """Python values from libyaml's node tree, mappings and lists with marks. An alias is one node: built once.
    `depth` is how many lists and mappings hold this node (an argument costs nothing measurable)."""
    if node.__class__ is yaml.ScalarNode:  # most nodes: tested first, and without the alias table
        return node.value if node.tag == STR else _scalar(node)
    if id(node) in built:  # an alias (or a merge): the file repeats a value without its text
        built[REPEATED] = True
        return built[id(node)]
    mark = node.start_mark
    if depth == MAX_DEPTH:
        raise _too_deep(mark)
    depth += 1
    if node.__class__ is yaml.SequenceNode and node.tag == SEQ:
        items = built[id(node)] = MarkedSeq()
        items.lc = lc = LineCol(mark.line, mark.column)
        for index, item in enumerate(node.value):
            items.append(_build(item, built, depth))
            at = item.start_mark
            lc.data[index] = (at.line, at.column, at.line, at.column)
        return items
    if node.__class__ is yaml.MappingNode and node.tag == MAP:
        data = built[id(node)] = MarkedMap()
        data.lc = lc = LineCol(mark.line, mark.column)
        if any(key.tag == MERGE for key, _ in node.value):
            _SCALARS.flatten_mapping(node)  # `<<: *defaults`
            # Merges copy keys, so a chain of them grows with its square: counted here, before it is built.
            merged = built[MERGED] = built.get(MERGED, 0) + len(node.value)
            if merged > MAX_EXPANDED:
                raise RefusedYaml(f"the merges (<<) up to here copy more than {MAX_EXPANDED:,} keys",
                                  node.start_mark, "write the keys out instead of merging merges")
        for key_node, value_node in node.value:
            key = _build(key_node, built, depth)
            try:
                duplicate = key in data
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key that is a list or a mapping", key_node.start_mark) from None
            if duplicate:
                first = lc.key(key)[0] + 1
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice (first on line {first})", key_node.start_mark)
            data[key] = _build(value_node, built, depth)
            key_at, value_at = key_node.start_mark, value_node.start_mark
            lc.data[key] = (key_at.line, key_at.column, value_at.line, value_at.column)
        return data
    raise yaml.constructor.ConstructorError(None, None, f"unknown tag {node.tag}: remove it", node.start_mark)


REPEATED, MERGED = -1, -2  # keys of _build's table of built nodes that no id() is: what it met on the way


def _may_nest_deeper_than(levels: int, text: str) -> bool:
    """False when the text cannot nest deeper than `levels`, from a bound that costs two counts and one search.

    Each flow collection opens with `[` or `{`. A block collection starts at a column no greater than its
    line's run of spaces and indicators (`- `, `? `, `: `), and only a sequence under a key shares its parent's
    column: block nesting is at most twice the number of such columns."""
    room = (levels - text.count("[") - text.count("{")) // 2
    if room <= 0 or "\r" in text:  # a CR is a line break to libyaml too (the reader turns CRs into LFs)
        return True
    # Starting at a line break lets the search skip to each one: ten times faster than `^` or `(?:\A|\n)`.
    # libyaml skips a BOM at the start of any line, so it counts as indentation here.
    return re.search(r"\n[\ufeff \t?:-]{%d}" % room, "\n" + text) is not None


def _refuse_deep_nesting(text: str) -> None:
    """Walks libyaml's events, which nest nothing, to where the nesting passes MAX_DEPTH, before the composer
    (which recurses) goes there."""
    depth = 0
    for event in yaml.parse(text, Loader=_Composer):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    return node.value if node.__class__ is yaml.SequenceNode else [part for pair in node.value for part in pair]


def _refuse_expansion(root: yaml.Node) -> None:
    """With aliases, the values they stand for, counted and measured as if written out (each node once, after
    its children): the innermost list or mapping that passes MAX_EXPANDED values is refused, and so is nesting
    past MAX_DEPTH levels, where the deepest path passes it."""
    size: dict[int, tuple[int, int]] = {}  # node -> (values, depth) written out
    open_nodes: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack[-1]
        key = id(node)
        if key in size:
            stack.pop()
            continue
        children = _children(node)
        if key not in open_nodes:
            open_nodes.add(key)
            for child in children:
                if child.__class__ is not yaml.ScalarNode and id(child) not in size:
                    if id(child) in open_nodes:
                        raise RefusedYaml("an alias inside the value its anchor names (the value would contain "
                                          "itself)", node.start_mark, "write the value out instead of the alias")
                    stack.append(child)
            continue
        values, depth = 1, 1
        for child in children:
            child_values, child_depth = size.get(id(child), (1, 0))
            values += child_values
            depth = max(depth, child_depth + 1)
        if values > MAX_EXPANDED:
            raise RefusedYaml(f"through aliases, this stands for more than {MAX_EXPANDED:,} values",
                              node.start_mark, "write the values out instead of repeating aliases of aliases")
        size[key] = (values, depth)
        open_nodes.discard(key)
        stack.pop()
    if size[id(root)][1] > MAX_DEPTH:
        node = root
        for _ in range(MAX_DEPTH):  # down the deepest path, to the list or mapping one level past the limit
            node = max((child for child in _children(node) if id(child) in size), key=lambda child: size[id(child)][1])
        raise RefusedYaml(f"through aliases, lists and mappings nested more than {MAX_DEPTH} levels deep",
                          node.start_mark, "write the values out instead of nesting aliases in aliases")


def node_at(node: yaml.Node | None, *keys: str) -> yaml.Node | None:
    """The node under these keys of a composed mapping (`yaml.compose`), or None where one is missing."""
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key),
                    None)
    return node


def load_marked(text: str) -> Any:
    """Parse one YAML document; raises yaml.YAMLError (with problem_mark where libyaml gives one; RefusedYaml,
    with a fix, for what reads as YAML but is too deep or too large to load)."""
    hidden = ("\x85" in text or "\u2028" in text or "\u2029" in text) and HIDDEN_BREAKS.search(text)
    if hidden:
        name = unicodedata.name(hidden.group(), "NEXT LINE").lower()
        raise RefusedYaml(f"a {name} character (U+{ord(hidden.group()):04X}), which YAML reads as a new line "
                          "and editors do not show as one", _mark(text, hidden.start()),
                          "replace it with a space or a new line")
    try:
        if _may_nest_deeper_than(COMPOSER_SAFE_DEPTH, text):
            _refuse_deep_nesting(text)
        node = yaml.compose(text, Loader=_Composer)
    except yaml.reader.ReaderError as error:  # libyaml gives where as an offset in UTF-8 bytes
        index = len(text.encode("utf-8")[:error.position].decode("utf-8", errors="ignore"))
        raise RefusedYaml(f"the character U+{error.character:04X}, which YAML does not allow ({error.reason})",
                          _mark(text, index), "remove it, or write it as an escape in a double-quoted string") from None
    if node is None:
        return None
    built: dict[int, Any] = {}
    value = _build(node, built, 0)
    if REPEATED in built:
        _refuse_expansion(node)
    return value
