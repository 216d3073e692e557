"""Guides due to be walked on the live platform again: their `verified:` is older than `verify_after_days`.

A reminder, not a problem: the data is as right as it was yesterday, and a build that failed when a date passed
would fail on a commit that built the day before. So they are listed apart, by `make check` and on every build,
like the placeholders of a new guide, and never fail `--strict`.

A guide without `verified:` gets no reminder. No guide says that anyone has walked it on the platform (the sources
are the office's guides, not such a walk), and a date may not be made up; five reminders on every run, from the
first, that only such a walk can silence would teach editors to read past the reminders. The page shows no
"checked" line for such a guide, so readers are told nothing that is not so. The first walk records the date,
and the reminders count from it.

"Today" is the calendar date in Taiwan, where the platform is (as the deadline rules count), or the day in
GOLDCARD_TODAY (checks/config.py), so that tests and an editor looking ahead do not depend on the clock.
"""

from __future__ import annotations

import datetime as dt

from ..load import Site, load_site_cached
from ..problems import DataError, Problem
from .config import CheckConfig
from .where import Document

TAIWAN = dt.timezone(dt.timedelta(hours=8), "Asia/Taipei")  # no daylight saving time since 1979


def today_in_taiwan() -> dt.date:
    return dt.datetime.now(TAIWAN).date()


def verification_reminders(site: Site, after_days: int, today: dt.date) -> list[Problem]:
    """One reminder per guide whose `verified:` is more than `after_days` before `today` (or after it), at its line."""
    found = []
    for loaded in site.guides:
        verified = loaded.guide.verified
        if verified is None:
            continue
        age = (today - verified).days
        doc = Document(loaded.path, loaded.raw, loaded.guide, loaded, loaded.guide.slug)
        if age > after_days:
            found.append(doc.problem(
                ("verified",), f"due for a check: the guide “{loaded.guide.slug}” was last walked on the platform "
                f"on {verified.isoformat()}, {age} days ago (more than {after_days})",
                "walk every step on the live platform, correct what changed, then set `verified:` to that day"))
        elif age < 0:
            found.append(doc.problem(
                ("verified",), f"verified: {verified.isoformat()} is after today ({today.isoformat()})",
                "write the day the guide was walked on the platform"))
    return found


def reminders_due(config: CheckConfig, today: dt.date | None = None) -> list[Problem]:
    """The reminders for the project's data, counted from `today`, GOLDCARD_TODAY or the date in Taiwan; none when
    the data does not load (its problems say why)."""
    try:
        site = load_site_cached(config.data_dir)
    except DataError:
        return []
    return verification_reminders(site, config.verify_after_days, today or config.today or today_in_taiwan())
