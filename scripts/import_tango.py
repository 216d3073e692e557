#!/usr/bin/env python3
"""Import a step-guide tool's text export (like ../shared/sources/*.txt) as a guide data file, and report
the source's defects, one per line: `source:line:column: defect; what to do`.

The Chinese comes from the source; the English is left empty for the translator (scripts/i18n_status.py
and the build's validation list it). The text machine-read from each screenshot is kept in a comment.
Without --out, the file is written to data/guides/<number>-<slug>.yaml; an existing file is kept unless
--force. To add the guide to the site, also create its pages and nav entry: see scripts/new_guide.py.

With --update GUIDE, a new export of a guide is merged into its data file instead: steps matched by content,
what the export changed since the export the guide was made from (its `source_file:`) written in place, new
steps added with an empty English, steps no longer in the export removed (their English is printed); ids,
English texts, notes and comments stay. The report lists each change by step id.
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
import yaml  # noqa: E402
from pydantic import ValidationError  # noqa: E402

from goldcard.load import load_model, read_data_text  # noqa: E402
from goldcard.marked_yaml import load_marked  # noqa: E402
from goldcard.model import Guide, Include, SharedBlock  # noqa: E402
from goldcard.tango import SourceError, SourceGuide, defects, guide_yaml, parse  # noqa: E402
from goldcard.tango_update import merge, squash  # noqa: E402

SLUG = re.compile(SLUG_PATTERN)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="+", type=Path, help="the export(s) to import")
    parser.add_argument("--slug", help="the guide's slug, e.g. extend (one source only; default: guide-<number>)")
    parser.add_argument("--out", type=Path, help="where to write the data file (one source only)")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "data" / "guides", help="default: data/guides")
    parser.add_argument("--force", action="store_true", help="overwrite an existing data file")
    parser.add_argument("--report-only", action="store_true", help="list the defects; write nothing")
    parser.add_argument("--update", type=Path, metavar="GUIDE",
                        help="merge the export into this guide data file, e.g. data/guides/07-extend.yaml")
    parser.add_argument("--previous", type=Path, metavar="EXPORT",
                        help="with --update: the export the guide was made from (default: the guide's source_file:, "
                             "looked for in ../shared/sources/ and beside the new export)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="created/updated date where the source gives none (YYYY-MM-DD; default: today)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml",
                        help="mkdocs.yml with the allowed hosts (default: the project's)")
    args = parser.parse_args(argv)
    if len(args.sources) > 1 and (args.slug or args.out):
        parser.error("--slug and --out name one guide: give one source with them")
    if args.update and (len(args.sources) > 1 or args.slug or args.out or args.force):
        parser.error("--update merges one export into one guide: give one source, without --slug, --out or --force")
    if args.previous and not args.update:
        parser.error("--previous goes with --update")
    if args.slug and not SLUG.match(args.slug):
        parser.error(f"--slug {args.slug!r}: use lowercase letters, digits and single hyphens")
    try:
        config = read_config(args.config)
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    if args.update:
        return update(args.sources[0], args.update, args.previous, config, args.report_only)
    status = 0
    for source in args.sources:
        guide = read_export(source)
        if guide is None:
            status = 2
            continue
        report_defects(source, guide, config)
        slug = args.slug or f"guide-{guide.number}"
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


def read_export(source: Path) -> SourceGuide | None:
    """The export, or None once the reason it cannot be read is printed."""
    try:
        return parse(source)
    except (SourceError, OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        print(f"{display_path(source)}: cannot import: {reason}", file=sys.stderr)
        return None


def report_defects(source: Path, guide: SourceGuide, config) -> None:  # noqa: ANN001 - a CheckConfig
    found = defects(guide, config)
    print(f"{display_path(source)}: guide {guide.number} “{guide.title}”: {len(guide.steps)} steps found "
          f"in {len(guide.sections)} section(s), {guide.declared} declared; {len(found)} defect(s)")
    for problem in found:
        print(problem)


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def previous_export(target: Path, source_file: str | None, source: Path, given: Path | None) -> Path | str:
    """The export the guide was made from, or why it cannot be found."""
    if given is not None:
        return given
    if not source_file:
        return (f"{display_path(target)}: has no `source_file:`, so the export it was made from is unknown; "
                "give it with --previous")
    places = [ROOT.parent / "shared" / "sources", source.resolve().parent]
    for folder in places:
        if (folder / source_file).is_file():
            return folder / source_file
    return (f"{display_path(target)}: the export it was made from, {source_file} (its `source_file:`), is in none "
            f"of {', '.join(display_path(p) for p in places)}; give it with --previous")


def update(source: Path, target: Path, given_previous: Path | None, config, report_only: bool) -> int:  # noqa: ANN001
    """Merge the export `source` into the guide data file `target` (goldcard/tango_update.py)."""
    if not target.is_file():
        return fail(f"{display_path(target)}: no such guide data file; give one of data/guides/*.yaml")
    try:
        guide, _ = load_model(target, Guide)
    except DataError as error:
        return fail(f"{display_path(target)}: not a guide data file that loads; fix these first:\n{error}")
    new = read_export(source)
    if new is None:
        return 2
    if new.number != guide.number:
        return fail(f"{display_path(source)}: is the export of guide {new.number} “{new.title}”, but "
                    f"{display_path(target)} is guide {guide.number} “{guide.title.zh}”; give the export of this guide")
    found = previous_export(target, guide.source_file, source, given_previous)
    if isinstance(found, str):
        return fail(found)
    previous = read_export(found)
    if previous is None:
        return 2
    blocks = {}
    for section in guide.sections:
        for item in section.steps:
            if isinstance(item, Include):
                # The data folder the guide is in; a guide copied elsewhere uses the project's shared blocks.
                beside = target.resolve().parent.parent / "shared" / f"{item.include}.yaml"
                path = beside if beside.is_file() else ROOT / "data" / "shared" / f"{item.include}.yaml"
                try:
                    block, _ = load_model(path, SharedBlock)
                except DataError as error:
                    return fail(f"{display_path(target)}: its `include: {item.include}` does not load:\n{error}")
                blocks[item.include] = [(step.id, squash(step.title.zh + (step.body.zh if step.body else "")))
                                        for step in block.steps]
    text = read_data_text(target)
    result = merge(text, guide.slug, previous, new, source.name, blocks, display_path(source))
    try:
        Guide.model_validate(load_marked(result.text))
    except (ValidationError, yaml.YAMLError) as error:  # a bug of the merge: say so, and write nothing
        return fail(f"{display_path(target)}: the merged guide would not load ({error}); nothing written: "
                    "please report this, with the two exports")
    print(f"{display_path(target)}: {len(result.changed)} step(s) changed, {len(result.added)} added, "
          f"{len(result.removed)} removed, compared with {display_path(found)}")
    for line in result.report:
        print(line)
    report_defects(source, new, config)
    if result.text == text:
        print(f"{display_path(target)}: unchanged")
    elif report_only:
        print(f"{display_path(target)}: not written (--report-only)")
    else:
        target.write_text(result.text, encoding="utf-8")
        print(f"wrote {display_path(target)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
