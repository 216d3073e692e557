#!/usr/bin/env python3
"""Check the guide data without building the site: links, step numbering, translations, glossary.

Prints one line per problem, `path:line:column: what is wrong; how to fix it`, and exits with 1 if there
is any (0 if none). The same checks run on every `mkdocs build` and `mkdocs serve` (hooks/validate.py).
It also prints, without failing, a new guide's texts left to write and the guides whose `verified:` is older than
`verify_after_days` (GOLDCARD_TODAY=YYYY-MM-DD counts from that day instead of today).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _venv import use_project_python  # noqa: E402

use_project_python()

from goldcard.checks import check_project, read_config  # noqa: E402
from goldcard.checks.placeholders import placeholders_left  # noqa: E402
from goldcard.checks.reviewed import unreviewed_left  # noqa: E402
from goldcard.checks.sketches import sketches_left  # noqa: E402
from goldcard.checks.verified import reminders_due  # noqa: E402
from goldcard.problems import DataError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--live", action="store_true",
                        help="also fetch every external link (needs the network; results are cached in "
                             ".cache/goldcard-links.json). GOLDCARD_CHECK_LINKS=1 does the same.")
    parser.add_argument("--timeout", type=float, default=None, help="seconds to wait for each link with --live")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml",
                        help="the site's mkdocs.yml (default: the project's)")
    args = parser.parse_args(argv)
    try:
        config = read_config(args.config)
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    if args.live:
        config = type(config)(**{**vars(config), "check_links": True})
    if args.timeout is not None:
        config = type(config)(**{**vars(config), "link_timeout": args.timeout})
    problems = check_project(config)
    for problem in problems:
        print(problem)
    # Not problems, listed beside them: they build (see each rule's module in goldcard/checks/).
    for notices, summary in ((placeholders_left, "{n} text(s) left to write in new guides"),
                             (unreviewed_left, None),
                             (sketches_left, "{n} screen(s) left to draw"),
                             (reminders_due, "{n} guide(s) due for a check on the live platform")):
        found = notices(config)
        for notice in found:
            print(notice)
        if found and summary:
            print(summary.format(n=len(found)), file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print("no problems found" + (" (external links checked)" if config.check_links else ""), file=sys.stderr)
    return 0


def exit_now(status: int) -> None:
    """Exit without freeing the loaded data object by object: at 50 times the guides, that took a third of
    the run, and the editor waits for it. Nothing is left to write but the output, flushed here."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `make check | head`: the reader has gone
        pass
    os._exit(status)


if __name__ == "__main__":
    exit_now(main())
