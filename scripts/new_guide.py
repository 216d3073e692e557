#!/usr/bin/env python3
"""Create a new guide: data/guides/<number>-<slug>.yaml with every text in both languages (placeholders to
replace), docs/guides/<slug>.md and <slug>.en.md, and its line in mkdocs.yml's nav. The site builds with it
at once, in both languages; `make serve` shows it while you write.

Example: scripts/new_guide.py replace-card --number 8 --title-zh 補發申請教學 --title-en "Replacing your Gold Card" --login
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _venv import use_project_python  # noqa: E402

use_project_python()

from goldcard.model import SLUG as SLUG_PATTERN  # noqa: E402
from goldcard.scaffold import NewGuide, ScaffoldError, create_guide  # noqa: E402

SLUG = re.compile(SLUG_PATTERN)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("slug", help="the guide's address: /guides/<slug>/ (lowercase letters, digits, hyphens)")
    parser.add_argument("--number", type=int, required=True, help="its number in the office's series")
    parser.add_argument("--title-zh", required=True, help="the title in Chinese")
    parser.add_argument("--title-en", required=True, help="the title in English")
    parser.add_argument("--summary-zh", help="one line for the home page, in Chinese")
    parser.add_argument("--summary-en", help="one line for the home page, in English")
    parser.add_argument("--login", action="store_true", help="start with the shared login steps (data/shared/login.yaml)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="created/updated date (YYYY-MM-DD; default: today)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)  # a copy of the project (tests)
    args = parser.parse_args(argv)
    if not SLUG.match(args.slug):
        parser.error(f"slug {args.slug!r}: use lowercase letters, digits and single hyphens, e.g. replace-card")
    if args.number < 1:
        parser.error("--number must be 1 or more")
    new = NewGuide(args.number, args.slug, args.title_zh.strip(), args.title_en.strip(), login=args.login, date=args.date)
    if args.summary_zh:
        new = NewGuide(**{**vars(new), "summary_zh": args.summary_zh.strip()})
    if args.summary_en:
        new = NewGuide(**{**vars(new), "summary_en": args.summary_en.strip()})
    try:
        written = create_guide(args.root, new)
    except ScaffoldError as error:
        print(f"new-guide: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(args.root)}")
    print(f"next: edit {written[0].relative_to(args.root)}, then `make serve` to see it and `make check` to check it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
