#!/usr/bin/env python3
"""Which texts lack a translation or have out-of-date English, per guide (and in the shared blocks, the
glossary, the deadline rules and the site's words); and, with --reviewed, record English as reviewed.

A text lacks a translation when one language is empty, when the English still holds Chinese outside
「」 labels, or when the Chinese is a copy of the English. Its English is out of date when its Chinese has
changed since the English was last reviewed (data/translations.lock), and not yet reviewed when the lock
does not know it (a new step). Each is listed as `path:line:column: ...`. Without --reviewed it exits with 0
whatever it finds: it is a to-do list; `make check` is the gate.

--reviewed records that the English of each text named translates its Chinese as it is now:
  PATH:LINE[:COLUMN]  the English at that place, as `make check` printed it (data/guides/07-extend.yaml:42)
  GUIDE               every text of that guide's file (extend), after a change that needs no new translation
  PATH                every text of a data file (data/shared/login.yaml), or of every file in a folder (data)
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _venv import use_project_python  # noqa: E402

use_project_python()

from goldcard.checks.reviewed import Reviewable, file_key, reviewables, site_lock, text_keys  # noqa: E402
from goldcard.checks.sketches import unsketched  # noqa: E402
from goldcard.checks.translations import shorten, translation_status  # noqa: E402
from goldcard.checks.where import Document, documents  # noqa: E402
from goldcard.load import Site, load_site  # noqa: E402
from goldcard.problems import DataError, Problem, display_path  # noqa: E402
from goldcard.translation_lock import Lock, lock_path, reviewed, write_lock  # noqa: E402

PLACE = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::(?P<column>\d+))?:?$")


class TargetError(Exception):
    """A --reviewed argument that names nothing to record; the message says why."""


@dataclass(frozen=True)
class Target:
    text: str  # as given
    docs: list[Document]
    line: int | None = None
    column: int | None = None


def resolve_target(text: str, docs: list[Document], data_dir: Path) -> Target:
    guides = {doc.name: doc for doc in docs if doc.guide is not None}
    place = PLACE.match(text)
    path_text = place["path"] if place else text.rstrip("/") or text
    if not place and text in guides and not Path(text).exists():
        return Target(text, [guides[text]])
    for base in (Path.cwd(), data_dir.parent):
        path = (base / path_text).resolve()
        if path.exists():
            break
    else:
        if place:
            raise TargetError(f"{text}: there is no file {path_text}")
        raise TargetError(f"{text}: no guide and no data file of that name; the guides are: {', '.join(guides)}")
    if path.is_dir():
        inside = [doc for doc in docs if doc.path.resolve().is_relative_to(path)]
        if not inside or place:
            raise TargetError(f"{text}: {'a folder has no lines' if place else 'no data file in this folder'}; "
                              "give a data file, a guide or a place in a file (PATH:LINE)")
        return Target(text, inside)
    match = [doc for doc in docs if doc.path.resolve() == path]
    if not match:
        raise TargetError(f"{text}: {display_path(path)} is not one of the data files (the guides, the shared blocks, "
                          "the glossary, the deadline rules and the site's words)")
    if place:
        return Target(text, match, int(place["line"]), int(place["column"]) if place["column"] else None)
    return Target(text, match)


def to_record(target: Target, items: list[Reviewable]) -> list[Reviewable]:
    """The texts a target names that are out of date or not yet reviewed; a TargetError for a place that holds
    none, saying what the place holds and where the file's are."""
    paths = {doc.path for doc in target.docs}
    mine = [item for item in items if item.doc.path in paths]
    if target.line is None:
        return [item for item in mine if item.out_of_date or item.new]
    here = [item for item in mine if item.position[0] == target.line
            and (target.column is None or item.position[1] == target.column)]
    found = [item for item in here if item.out_of_date or item.new]
    if found:
        return found
    pending = sorted({item.position[0] for item in mine if item.out_of_date or item.new})
    where = (f"this file's English to review is at line{'s' if len(pending) > 1 else ''} "
             f"{', '.join(map(str, pending))}" if pending else "nothing in this file is out of date")
    if here:
        raise TargetError(f"{target.text}: the English here is already reviewed against its Chinese; {where}")
    raise TargetError(f"{target.text}: no English text starts here, so there is nothing to mark reviewed; {where} "
                      "(give the place `make check` printed)")


def updated_lock(lock: Lock, recorded: list[Reviewable], docs: list[Document], data_dir: Path) -> Lock:
    """The lock with the recorded texts' Chinese, and without the entries of texts that are gone (a removed step,
    a renamed id, a file deleted); the files that were not read this time are kept as they are."""
    new: Lock = {file: dict(entries) for file, entries in lock.items() if (data_dir / file).exists()}
    for doc in docs:
        file = file_key(doc, data_dir)
        keys = {key for _, key, _ in text_keys(doc)}
        if file in new:
            new[file] = {key: entry for key, entry in new[file].items() if key in keys}
    for item in recorded:
        new.setdefault(item.file, {})[item.key] = reviewed(item.zh)
    return {file: entries for file, entries in new.items() if entries}


def read_site_lock(site: Site) -> Lock | None:
    try:
        return site_lock(site)
    except DataError as error:
        print(error, file=sys.stderr)
        print(f"{display_path(lock_path(site.root))} does not read: fix the lines above first (a merge left "
              "unresolved? keep both sides' lines, then mark what is out of date reviewed again)", file=sys.stderr)
        return None


def mark_reviewed(targets: list[str], site: Site, docs: list[Document]) -> int:
    lock = read_site_lock(site)
    if lock is None:
        return 2
    items = reviewables(docs, lock, site.root)
    recorded: dict[tuple[Path, tuple], Reviewable] = {}
    errors = []
    for text in targets:
        try:
            for item in to_record(resolve_target(text, docs, site.root), items):
                recorded[(item.doc.path, item.loc)] = item
        except TargetError as error:
            errors.append(str(error))
    if errors:
        for error in errors:
            print(error, file=sys.stderr)
        print("nothing recorded: correct the place(s) above and run again", file=sys.stderr)
        return 2
    chosen = sorted(recorded.values(), key=lambda item: (item.doc_path, item.position))
    for item in chosen:
        line, column = item.position
        print(f"{item.doc_path}:{line}:{column}: marked reviewed against “{shorten(item.zh, 60)}”")
    write_lock(site.root, updated_lock(lock, chosen, docs, site.root))
    lock_name = display_path(lock_path(site.root))
    print(f"{len(chosen)} English text(s) marked reviewed in {lock_name}" if chosen
          else f"nothing to mark: the English there is reviewed against its Chinese ({lock_name} is up to date)",
          file=sys.stderr)
    return 0


def report(docs: list[Document], site: Site, summary: bool) -> int:
    lock = read_site_lock(site)
    if lock is None:
        return 2
    items = reviewables(docs, lock, site.root)
    untranslated = outdated = unreviewed = undrawn = 0
    for status in translation_status(docs):
        doc = status.doc
        mine = [item for item in items if item.doc is doc]
        old = [item.problem() for item in mine if item.out_of_date]
        new = [item.unreviewed() for item in mine if item.new]
        # A screen described in words only is a picture missing in both languages.
        to_draw = unsketched([doc])
        parts = []
        if status.problems:
            parts.append(f"{status.untranslated} of {status.texts} texts lack a translation")
        if old:
            parts.append(f"{len(old)} English text(s) out of date")
        if new:
            parts.append(f"{len(new)} English text(s) not yet marked reviewed")
        if to_draw:
            parts.append(f"{len(to_draw)} screen(s) without a sketch")
        kind = "guide " if doc.guide is not None else ""
        print(f"{kind}{doc.name} ({display_path(doc.path)}): "
              + ("; ".join(parts) or f"all {status.texts} texts in both languages, the English reviewed"))
        if not summary:
            listed: list[Problem] = sorted(status.problems + old + new + to_draw)
            for problem in listed:
                print(f"  {problem}")
        untranslated, outdated, unreviewed = untranslated + status.untranslated, outdated + len(old), unreviewed + len(new)
        undrawn += len(to_draw)
    totals = [f"{count} {what}" for count, what in ((untranslated, "text(s) to translate"),
                                                    (outdated, "English text(s) out of date"),
                                                    (unreviewed, "English text(s) not yet marked reviewed"),
                                                    (undrawn, "screen(s) without a sketch")) if count]
    print(", ".join(totals) if totals else "everything is translated and reviewed", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("guides", nargs="*", help="only these guides (slugs); default: every data file")
    parser.add_argument("--summary", action="store_true", help="one line per file, without the list of texts")
    parser.add_argument("--reviewed", nargs="+", metavar="PATH:LINE|GUIDE|PATH",
                        help="record the English there as reviewed against its Chinese as it is now")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help=argparse.SUPPRESS)  # a copy (tests)
    args = parser.parse_args(argv)
    if args.reviewed and args.guides:
        parser.error("give the guides to mark after --reviewed, or list them without it, not both")
    try:
        site = load_site(args.data)
    except DataError as error:
        print(error, file=sys.stderr)
        print("the data does not load: fix the lines above first (`make check` lists them too)", file=sys.stderr)
        return 2
    docs = documents(site)
    if args.reviewed:
        return mark_reviewed(args.reviewed, site, docs)
    unknown = set(args.guides) - {doc.name for doc in docs if doc.guide is not None}
    if unknown:
        parser.error(f"no guide {', '.join(sorted(unknown))}; the guides are: "
                     + ", ".join(doc.name for doc in docs if doc.guide is not None))
    if args.guides:
        docs = [doc for doc in docs if doc.name in args.guides]
    return report(docs, site, args.summary)


if __name__ == "__main__":
    raise SystemExit(main())
