"""What the checks need to know about the project, read from `extra: goldcard:` in mkdocs.yml.

    extra:
      goldcard:
        allowed_hosts: [goldcard.nat.gov.tw, ...]   # every link goes to one of these, over https
        language_hosts: [goldcard.nat.gov.tw]       # sites with /zh/ and /en/ versions
        check_links: false                          # also fetch every external link (slow; needs the network)
        feedback: https://github.com/OWNER/REPO/issues/new   # where readers' reports on a step go; or mailto:…
        verify_after_days: 180                      # remind the editors once a guide's `verified:` is older

`make check` reads it without MkDocs (mkdocs.yml has `!ENV` tags, so only the `extra` part is built). A setting
that cannot be used is a problem at its line of mkdocs.yml (`setting_problems`), and the site goes on as if it
were not set.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from ..feedback import feedback_target, target_problem
from ..marked_yaml import node_at
from ..problems import DataError, Problem, display_path

# Turns the external-link check on for one run, from make or the shell: GOLDCARD_CHECK_LINKS=1 make build
LIVE_ENV = "GOLDCARD_CHECK_LINKS"
# The day the reminders count from, instead of the clock's (for tests, or to see what will be due): YYYY-MM-DD.
TODAY_ENV = "GOLDCARD_TODAY"
VERIFY_AFTER_DAYS = 180  # about twice a year: the platform changed its login within two years of the first guides


@dataclass(frozen=True)
class CheckConfig:
    root: Path  # the project: mkdocs.yml, data/, docs/
    allowed_hosts: tuple[str, ...] = ()
    language_hosts: tuple[str, ...] = ()
    docs_dir: Path | None = None
    check_links: bool = False
    link_timeout: float = 10.0
    link_cache: Path | None = None  # where live results are kept between runs
    link_cache_days: float = 7.0
    feedback: str | None = None  # where readers' reports go (goldcard/feedback.py); None when unset or unusable
    verify_after_days: int = VERIFY_AFTER_DAYS
    today: dt.date | None = None  # from GOLDCARD_TODAY; None: the calendar date in Taiwan (checks/verified.py)
    setting_problems: tuple[Problem, ...] = ()  # settings above that cannot be used, at their line of mkdocs.yml

    @property
    def data_dir(self) -> Path:
        return self.root / "data"


def live_from_environment(default: bool = False) -> bool:
    value = os.environ.get(LIVE_ENV)
    if value is None:
        return default
    return value.strip().lower() not in ("", "0", "false", "no", "off")


def config_from_extra(root: Path, extra: Mapping[str, Any] | None, docs_dir: Path | None,
                      config_file: Path | None = None) -> CheckConfig:
    settings = dict((extra or {}).get("goldcard") or {})
    config_file = config_file or root / "mkdocs.yml"
    problems: list[Problem] = []

    def wrong(key: str, message: str, fix: str) -> None:
        line, column = setting_place(config_file, ("extra", "goldcard", key))
        problems.append(Problem(display_path(config_file), line, column, message, fix))

    feedback = settings.get("feedback")
    if feedback is not None and (problem := target_problem(feedback)):
        wrong("feedback", problem, "write an issue tracker's https:// new-issue address or mailto:editors@…, or "
              "remove `feedback:` to show no report links")
    verify_after_days = settings.get("verify_after_days", VERIFY_AFTER_DAYS)
    if isinstance(verify_after_days, bool) or not isinstance(verify_after_days, int) or verify_after_days < 1:
        wrong("verify_after_days", f"verify_after_days: {verify_after_days!r} is not a number of days",
              f"write a whole number above 0, such as {VERIFY_AFTER_DAYS}")
        verify_after_days = VERIFY_AFTER_DAYS
    today, today_problem = today_from_environment()
    if today_problem:
        problems.append(today_problem)
    return CheckConfig(
        root=root,
        allowed_hosts=tuple(str(host).lower() for host in settings.get("allowed_hosts") or ()),
        language_hosts=tuple(str(host).lower() for host in settings.get("language_hosts") or ()),
        docs_dir=docs_dir,
        check_links=live_from_environment(bool(settings.get("check_links", False))),
        link_timeout=float(settings.get("link_timeout", 10.0)),
        link_cache=root / ".cache" / "goldcard-links.json",
        link_cache_days=float(settings.get("link_cache_days", 7.0)),
        feedback=feedback_target(feedback),
        verify_after_days=verify_after_days,
        today=today,
        setting_problems=tuple(problems),
    )


def today_from_environment() -> tuple[dt.date | None, Problem | None]:
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return None, None
    try:
        return dt.date.fromisoformat(value), None
    except ValueError:
        return None, Problem(TODAY_ENV, 1, 1, f"{TODAY_ENV}={value} is not a date",
                             "write it as YYYY-MM-DD (GOLDCARD_TODAY=2026-12-31), or unset it to use today's date")


def setting_place(config_file: Path, keys: tuple[str, ...]) -> tuple[int, int]:
    """Line and column of a setting's value in mkdocs.yml (of the deepest key found; 1, 1 if none is)."""
    try:
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 1, 1
    place = (1, 1)
    for key in keys:
        node = node_at(node, key)
        if node is None:
            break
        place = (node.start_mark.line + 1, node.start_mark.column + 1)
    return place


def read_config(mkdocs_yml: Path) -> CheckConfig:
    """The checks' settings from a mkdocs.yml, without MkDocs; errors as problems with a line."""
    try:
        root_node = yaml.compose(mkdocs_yml.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        extra_node = node_at(root_node, "extra")
        extra = yaml.SafeLoader("").construct_document(extra_node) if extra_node is not None else {}
        docs_node = node_at(root_node, "docs_dir")
        docs_dir = docs_node.value if isinstance(docs_node, yaml.ScalarNode) else "docs"
    except (OSError, UnicodeDecodeError) as error:
        raise DataError([Problem(display_path(mkdocs_yml), 1, 1, f"cannot read the site's configuration ({error})",
                                 "run from the project folder, or pass --config")]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise DataError([Problem(display_path(mkdocs_yml), line, column, f"YAML syntax: {error.problem}",
                                 "check indentation and quoting on this line or the one above")]) from None
    root = mkdocs_yml.resolve().parent
    return config_from_extra(root, extra if isinstance(extra, dict) else {}, root / docs_dir, mkdocs_yml)
