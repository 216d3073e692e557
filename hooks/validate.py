"""Check the guide data on every build: each problem is logged as a warning, `path:line:column: ...; fix`.

`mkdocs build --strict` (and `make build`) therefore fails on any problem, as on MkDocs's own link
warnings (`validation:` in mkdocs.yml). `make serve` runs without strict: problems are shown, the site
keeps being served, and each reload (mkdocs.yml watches data/) checks again. The checks themselves are
plain Python in goldcard/checks; this hook only runs them and logs what they find.

They start with the build and run beside it, on another core where there is one (goldcard/checks/beside.py):
their report is logged when the build ends, or fails, before MkDocs counts the warnings of a strict build or
says why it stopped.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from goldcard.checks.beside import ChecksBeside, ChecksFailed
from goldcard.checks.config import config_from_extra

log = logging.getLogger("mkdocs.hooks.goldcard.validate")

# The i18n plugin builds each further language inside the first build (from its on_post_build), and every
# build calls on_config: the data is checked in the outermost build only, so each problem is logged once.
_depth = 0
_checks: ChecksBeside | None = None


@event_priority(50)  # before hooks/pages.py loads the data
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _depth, _checks
    _depth += 1
    if _depth > 1:
        return config
    root = Path(config.config_file_path).resolve().parent
    settings = config_from_extra(root, config.extra, Path(config.docs_dir), Path(config.config_file_path))
    _checks = ChecksBeside(settings)
    return config


def _log_report() -> None:
    global _checks
    if _depth != 1 or _checks is None:
        return
    checks, _checks = _checks, None
    report = checks.report()
    for problem in report.problems:
        log.warning(problem)
    if report.problems:
        log.info(f"{len(report.problems)} problem(s) in the guide data: see above; `make check` lists them "
                 "without building")
    for notice in report.notices:
        log.info(notice)


def _leave() -> None:
    global _depth
    _depth = max(0, _depth - 1)


@event_priority(-200)  # after the i18n plugin (-100) has run the other languages' builds
def on_post_build(config: MkDocsConfig) -> None:
    try:
        _log_report()
    finally:
        _leave()


def on_build_error(error: Exception) -> None:
    # A file that does not load stops the build in hooks/pages.py, whose message says the problems are above.
    try:
        _log_report()
    except ChecksFailed as failed:  # said, and the build's own error is the one MkDocs reports
        log.error(str(failed))
    finally:
        _leave()
