"""Out-of-date English: an English text whose Chinese has changed since the English was last reviewed.

data/translations.lock (goldcard/translation_lock.py) records, for each text, the Chinese its English was
reviewed against. A text is found there by a path that does not depend on where it stands: a step's by its
guide's file, its id and the field (`steps/log-in/notes/0/text`), a section's by its id, a glossary entry's
by its label (`terms/補正/explain`), a site word's by its key, a deadline rule's by its ids. So moving a step,
reindenting a file or reflowing a text changes nothing; changing the Chinese's words does, and the English is
reported at its own place, with what the Chinese was and is.

A text the lock does not know (a new step, a new term) is not yet reviewed. That is not a mistake, so it does
not fail a strict build: `make check` and every build list it apart, as they list a new guide's placeholders,
and `scripts/i18n_status.py --reviewed` records it. A text with one language empty, or still a placeholder, is
left to the translations and placeholders rules until both are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..load import Site, load_site_cached
from ..model import ReviewedChinese, Step, Term, Text
from ..problems import DataError, Problem, display_path
from ..scaffold import PLACEHOLDERS
from ..translation_lock import Lock, changed_parts, chinese_hash, read_lock
from ..yaml_cache import ParsedYamlCache, cache_dir
from .config import CheckConfig
from .where import Document, Loc, documents

FIX = "update the English, then mark it reviewed"


def file_key(doc: Document, data_dir: Path) -> str:
    """How the lock names a data file: its path under data/ (guides/07-extend.yaml)."""
    try:
        return doc.path.resolve().relative_to(data_dir.resolve()).as_posix()
    except ValueError:
        return doc.path.name


def text_keys(doc: Document) -> Iterator[tuple[Loc, str, Text]]:
    """(place in the file, the lock's path, the Text) of each text of a document, in the file's order."""
    at = dict(doc.nodes)
    for loc, obj in doc.nodes:
        if not isinstance(obj, Text):
            continue
        parts: list[str] = []
        for index, key in enumerate(loc):
            item = at.get(loc[: index + 1]) if isinstance(key, int) else None
            if isinstance(item, Step):  # a step is itself wherever it stands, in whichever section
                parts = ["steps", item.id]
            elif isinstance(item, Term):
                parts.append(item.zh)
            elif isinstance(getattr(item, "id", None), str):
                parts.append(item.id)
            else:
                parts.append(str(key))
        yield loc, "/".join(parts), obj


def written(zh: str, en: str) -> bool:
    """Both languages written: only then does the English translate a Chinese."""
    return bool(zh.strip() and en.strip()) and zh.strip() not in PLACEHOLDERS and en.strip() not in PLACEHOLDERS


@dataclass(frozen=True)
class Reviewable:
    """A text whose English translates its Chinese, and what the lock says of it."""

    doc: Document
    loc: Loc
    file: str
    key: str
    zh: str
    en: str
    reviewed: ReviewedChinese | None  # None: the lock does not know it yet

    @property
    def out_of_date(self) -> bool:
        return self.reviewed is not None and self.reviewed.hash != chinese_hash(self.zh)

    @property
    def new(self) -> bool:
        return self.reviewed is None

    @property
    def doc_path(self) -> str:
        return display_path(self.doc.path)

    @property
    def position(self) -> tuple[int, int]:
        """Where the English is: where the check reports it and `--reviewed PATH:LINE` finds it."""
        return self.doc.position(self.loc + ("en",))

    def unreviewed(self) -> Problem:
        """What is said of a text the lock does not know yet (not a problem: it does not fail a build)."""
        return self.doc.problem(self.loc + ("en",), "not yet marked reviewed: the lock has no record of the Chinese "
                                "this English translates", "once it translates it, record it: scripts/i18n_status.py "
                                f"--reviewed {self.doc_path}:{self.position[0]}")

    def problem(self) -> Problem:
        old, new = changed_parts(self.reviewed.zh if self.reviewed else "", self.zh)
        return self.doc.problem(self.loc + ("en",), f"the English is out of date: the Chinese changed from “{old}” "
                                f"to “{new}”", FIX)


def reviewables(docs: list[Document], lock: Lock, data_dir: Path) -> list[Reviewable]:
    found = []
    for doc in docs:
        file = file_key(doc, data_dir)
        entries = lock.get(file, {})
        for loc, key, text in text_keys(doc):
            if written(text.zh, text.en):
                found.append(Reviewable(doc, loc, file, key, text.zh, text.en, entries.get(key)))
    return found


def site_lock(site: Site) -> Lock:
    return read_lock(site.root, ParsedYamlCache(cache_dir(site.root)))


def check_reviewed(site: Site, docs: list[Document]) -> list[Problem]:
    """Each English text whose Chinese changed since it was reviewed; a lock that does not read, at its line."""
    try:
        lock = site_lock(site)
    except DataError as error:
        return error.problems
    # A file the lock does not name has nothing to compare (the copies of the scaling benchmark): skipped whole.
    known = [doc for doc in docs if file_key(doc, site.root) in lock]
    return [item.problem() for item in reviewables(known, lock, site.root) if item.out_of_date]


# Past this many new texts in one file (a new guide's translation), the file gets one line, not one per text.
LISTED_PER_FILE = 5


def unreviewed_left(config: CheckConfig) -> list[Problem]:
    """The texts the lock does not know yet, listed apart from the problems (they do not fail a build): each at
    its English, or, past LISTED_PER_FILE in a file, one line for the file at its first. None when the data or
    the lock does not load (the problems say why)."""
    try:
        site = load_site_cached(config.data_dir)
        lock = site_lock(site)
    except DataError:
        return []
    found = []
    for doc in documents(site):
        file = file_key(doc, site.root)
        if file in lock:
            new = [item for item in reviewables([doc], lock, site.root) if item.new]
        else:  # all of it is new: no need for the texts' paths (250 guides of the scaling benchmark)
            new = [Reviewable(doc, item.loc, file, "", item.text.zh, item.text.en, None) for item in doc.texts
                   if written(item.text.zh, item.text.en)]
        if len(new) > LISTED_PER_FILE:
            found.append(doc.problem(new[0].loc + ("en",), f"{len(new)} English texts of this file are not yet "
                                     "marked reviewed (the first is here; `scripts/i18n_status.py` lists them)",
                                     "once they translate their Chinese, record them: scripts/i18n_status.py "
                                     f"--reviewed {doc.name if doc.guide is not None else new[0].doc_path}"))
            continue
        found += [item.unreviewed() for item in new]
    return sorted(found)
