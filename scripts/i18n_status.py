#!/usr/bin/env python3
"""Which texts lack a translation, per guide (and in the shared blocks, the glossary and the site's words).

A text lacks a translation when one language is empty, when the English still holds Chinese outside
「」 labels, or when the Chinese is a copy of the English. Each is listed as `path:line:column: ...`.
Exits with 0 whatever it finds: it is a to-do list; `make check` is the gate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _venv import use_project_python  # noqa: E402

use_project_python()

from goldcard.checks.translations import translation_status  # noqa: E402
from goldcard.checks.where import documents  # noqa: E402
from goldcard.load import load_site  # noqa: E402
from goldcard.problems import DataError, display_path  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("guides", nargs="*", help="only these guides (slugs); default: every data file")
    parser.add_argument("--summary", action="store_true", help="one line per file, without the list of texts")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help=argparse.SUPPRESS)  # a copy (tests)
    args = parser.parse_args(argv)
    try:
        site = load_site(args.data)
    except DataError as error:
        print(error, file=sys.stderr)
        print("the data does not load: fix the lines above first (`make check` lists them too)", file=sys.stderr)
        return 2
    docs = documents(site)
    unknown = set(args.guides) - {doc.name for doc in docs if doc.guide is not None}
    if unknown:
        parser.error(f"no guide {', '.join(sorted(unknown))}; the guides are: "
                     + ", ".join(doc.name for doc in docs if doc.guide is not None))
    if args.guides:
        docs = [doc for doc in docs if doc.name in args.guides]
    total = 0
    for status in translation_status(docs):
        kind = "guide " if status.doc.guide is not None else ""
        where = f"{kind}{status.doc.name} ({display_path(status.doc.path)})"
        if not status.problems:
            print(f"{where}: all {status.texts} texts in both languages")
            continue
        total += status.untranslated
        print(f"{where}: {status.untranslated} of {status.texts} texts lack a translation")
        if not args.summary:
            for problem in status.problems:
                print(f"  {problem}")
    print(f"{total} text(s) to translate" if total else "everything is translated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
