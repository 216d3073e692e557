"""Where things are: the data files as documents, every text in them, and the line and column of a spot.

The models mirror the YAML (a field's name, or its alias, is the key in the file), so a path of keys
through a model (`("sections", 2, "steps", 0, "title", "zh")`) is also a path through the marked YAML,
and `goldcard.load.locate` turns it into a line. Inside a text, a line is found by looking for the
words themselves in the file, which is right for one-line, quoted and block (`|`, `>`) texts alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, RootModel

from ..load import LoadedGuide, Site, locate, read_yaml
from ..model import Text
from ..problems import DataError, Problem, display_path
from ..yaml_cache import ParsedYamlCache, cache_dir

Loc = tuple[Any, ...]


@dataclass
class Document:
    """One data file: its path, its marked YAML, the model read from it, and its guide if it is one."""

    path: Path
    raw: Any
    model: BaseModel
    guide: LoadedGuide | None = None
    name: str = field(default="")  # how messages name it: a guide's slug, a block's name

    @cached_property
    def lines(self) -> list[str]:
        return self.path.read_text(encoding="utf-8").splitlines()

    @cached_property
    def nodes(self) -> list[tuple[Loc, BaseModel]]:
        """Every model object in the file with its path of keys; every check reads this list."""
        return walk(self.model)

    @cached_property
    def texts(self) -> list[TextAt]:
        return [TextAt(self, loc, obj) for loc, obj in self.nodes if isinstance(obj, Text)]

    def problem(self, loc: Loc, message: str, fix: str, offset: int | None = None, needle: str | None = None) -> Problem:
        line, column = self.position(loc, offset, needle)
        return Problem(display_path(self.path), line, column, message, fix)

    def position(self, loc: Loc, offset: int | None = None, needle: str | None = None) -> tuple[int, int]:
        """Line and column of the value at `loc`; with `needle`, of that needle's occurrence at `offset`."""
        parent = node_at(self.raw, loc[:-1]) if loc else None
        key = loc[-1] if loc else None
        lc = getattr(parent, "lc", None)
        if lc is None or key not in lc.data:
            return locate(self.raw, loc)
        _, key_column, value_line, value_column = lc.data[key]
        if needle is None or offset is None:
            return value_line + 1, value_column + 1
        value = parent[key] if isinstance(parent[key], str) else ""
        skip = value[:offset].count(needle)  # occurrences before this one
        for index in range(value_line, len(self.lines)):
            line = self.lines[index]
            if index > value_line and line.strip() and len(line) - len(line.lstrip(" ")) <= key_column:
                break  # the next key: the text has ended
            start = value_column if index == value_line else 0
            found = line.find(needle, start)
            while found >= 0:
                if skip == 0:
                    return index + 1, found + 1
                skip -= 1
                found = line.find(needle, found + 1)
        return value_line + 1, value_column + 1


def node_at(raw: Any, loc: Loc) -> Any:
    node = raw
    for key in loc:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def documents(site: Site) -> list[Document]:
    """Every data file the site is made from, guides first (in series order)."""
    docs = [Document(g.path, g.raw, g.guide, g, g.guide.slug) for g in site.guides]
    docs += [Document(path, raw, block, None, f"shared block {name}") for name, (block, path, raw) in sorted(site.blocks.items())]
    docs.append(Document(site.glossary_path, site.raw_glossary, site.glossary, None, "glossary"))
    if site.platform is not None:
        docs.append(Document(site.root / "platform.yaml", site.raw_platform, site.platform, None, "platform"))
    # The loader keeps no marks for these two; reading them again takes them from the parsed-YAML cache.
    cache = ParsedYamlCache(cache_dir(site.root))
    for name, model, label in (("ui.yaml", site.ui, "site words"),
                               ("deadlines.yaml", getattr(site, "deadlines", None), "deadline rules")):
        path = site.root / name
        if model is None or not path.exists():
            continue
        try:
            docs.append(Document(path, read_yaml(path, cache), model, None, label))
        except DataError:
            pass  # the loader read it a moment ago; a file changed in between is read on the next run
    return docs


@lru_cache(maxsize=None)
def _fields(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, YAML key) of a model's fields: the key is the alias where there is one (`from`)."""
    return tuple((name, info.alias or name) for name, info in cls.model_fields.items())


def walk(obj: Any, loc: Loc = ()) -> list[tuple[Loc, Any]]:
    """Every model object in `obj`, with its path of YAML keys, in the file's order."""
    found: list[tuple[Loc, Any]] = []
    _walk(obj, loc, found)
    return found


SCALARS = (str, int, float)


def _walk(obj: Any, loc: Loc, found: list[tuple[Loc, Any]]) -> None:
    # Appends to one list rather than yielding: nested generators cost a step per level for every node, and
    # this visits every object of every file on each check.
    if isinstance(obj, RootModel):
        _walk(obj.root, loc, found)
    elif isinstance(obj, BaseModel):
        found.append((loc, obj))
        for name, key in _fields(type(obj)):
            value = getattr(obj, name)
            if value is not None and not isinstance(value, SCALARS):
                _walk(value, loc + (key,), found)
    elif isinstance(obj, (list, tuple)):
        for index, item in enumerate(obj):
            if not isinstance(item, SCALARS):
                _walk(item, loc + (index,), found)
    elif isinstance(obj, dict):
        for key, item in obj.items():
            if not isinstance(item, SCALARS):
                _walk(item, loc + (key,), found)


@dataclass(frozen=True)
class TextAt:
    doc: Document
    loc: Loc
    text: Text


def all_texts(docs: list[Document]) -> Iterator[TextAt]:
    for doc in docs:
        yield from doc.texts


@dataclass(frozen=True)
class Page:
    """A Markdown page under docs/, hand-written prose in one language."""

    path: Path
    lang: str
    lines: tuple[str, ...]

    def problem(self, line: int, column: int, message: str, fix: str) -> Problem:
        return Problem(display_path(self.path), line, column, message, fix)


def markdown_pages(docs_dir: Path | None) -> list[Page]:
    if docs_dir is None or not docs_dir.is_dir():
        return []
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        lang = "en" if path.name.endswith(".en.md") else "zh"
        pages.append(Page(path, lang, tuple(path.read_text(encoding="utf-8").splitlines())))
    return pages
