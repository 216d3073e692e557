"""Check the guide data on every build: each problem is logged as a warning, `path:line:column: ...; fix`.

`mkdocs build --strict` (and `make build`) therefore fails on any problem, as on MkDocs's own link
warnings (`validation:` in mkdocs.yml). `make serve` runs without strict: problems are shown, the site
keeps being served, and each reload (mkdocs.yml watches data/) checks again. The checks themselves are
plain Python in goldcard/checks; this hook only runs them and logs what they find.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from goldcard.checks import check_project
from goldcard.checks.placeholders import placeholders_left
from goldcard.checks.reviewed import unreviewed_left
from goldcard.checks.sketches import sketches_left
from goldcard.checks.config import config_from_extra
from goldcard.checks.verified import reminders_due

log = logging.getLogger("mkdocs.hooks.goldcard.validate")

# The i18n plugin builds each further language inside the first build (from its on_post_build), and every
# build calls on_config: the data is checked in the outermost build only, so each problem is logged once.
_depth = 0


@event_priority(50)  # before hooks/pages.py loads the data: a file that does not load is listed line by line here
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _depth
    _depth += 1
    if _depth > 1:
        return config
    root = Path(config.config_file_path).resolve().parent
    settings = config_from_extra(root, config.extra, Path(config.docs_dir), Path(config.config_file_path))
    problems = check_project(settings)
    for problem in problems:
        log.warning(str(problem))
    if problems:
        log.info(f"{len(problems)} problem(s) in the guide data: see above; `make check` lists them without building")
    # Shown, but they build: a new guide's texts to write, English the translation lock does not know yet,
    # screens not yet drawn, guides to walk on the platform again.
    for notices in (placeholders_left, unreviewed_left, sketches_left, reminders_due):
        for notice in notices(settings):
            log.info(str(notice))
    return config


def _leave() -> None:
    global _depth
    _depth = max(0, _depth - 1)


@event_priority(-200)  # after the i18n plugin (-100) has run the other languages' builds
def on_post_build(config: MkDocsConfig) -> None:
    _leave()


def on_build_error(error: Exception) -> None:
    _leave()
