#!/usr/bin/env python3
"""Import a step-guide tool's text export (like ../shared/sources/*.txt) as a guide data file, and report
the source's defects, one per line: `source:line:column: defect; what to do`.

The Chinese comes from the source; the English is left empty for the translator (scripts/i18n_status.py
and the build's validation list it). The text machine-read from each screenshot is kept in a comment.
Without --out, the file is written to data/guides/<number>-<slug>.yaml; an existing file is kept unless
--force. To add the guide to the site, also create its pages and nav entry: see scripts/new_guide.py.
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
from goldcard.checks import read_config  # noqa: E402
from goldcard.problems import DataError, display_path  # noqa: E402
from goldcard.tango import SourceError, defects, guide_yaml, parse  # noqa: E402

SLUG = re.compile(SLUG_PATTERN)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="+", type=Path, help="the export(s) to import")
    parser.add_argument("--slug", help="the guide's slug, e.g. extend (one source only; default: guide-<number>)")
    parser.add_argument("--out", type=Path, help="where to write the data file (one source only)")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "data" / "guides", help="default: data/guides")
    parser.add_argument("--force", action="store_true", help="overwrite an existing data file")
    parser.add_argument("--report-only", action="store_true", help="list the defects; write nothing")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="created/updated date where the source gives none (YYYY-MM-DD; default: today)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml",
                        help="mkdocs.yml with the allowed hosts (default: the project's)")
    args = parser.parse_args(argv)
    if len(args.sources) > 1 and (args.slug or args.out):
        parser.error("--slug and --out name one guide: give one source with them")
    if args.slug and not SLUG.match(args.slug):
        parser.error(f"--slug {args.slug!r}: use lowercase letters, digits and single hyphens")
    try:
        config = read_config(args.config)
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    status = 0
    for source in args.sources:
        try:
            guide = parse(source)
        except (SourceError, OSError, UnicodeDecodeError) as error:
            print(f"{display_path(source)}: cannot import: {error}", file=sys.stderr)
            status = 2
            continue
        found = defects(guide, config)
        slug = args.slug or f"guide-{guide.number}"
        print(f"{display_path(source)}: guide {guide.number} “{guide.title}”: {len(guide.steps)} steps found "
              f"in {len(guide.sections)} section(s), {guide.declared} declared; {len(found)} defect(s)")
        for problem in found:
            print(problem)
        if args.report_only:
            continue
        out = args.out or args.out_dir / f"{guide.number:02d}-{slug}.yaml"
        if out.exists() and not args.force:
            print(f"{display_path(out)}: exists; not overwritten (use --force, or --out)", file=sys.stderr)
            status = 2
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(guide_yaml(guide, slug, args.date), encoding="utf-8")
        print(f"wrote {display_path(out)}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
