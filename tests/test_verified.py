"""When an editor last walked a guide on the live platform (`verified:`): shown on the page in both languages, dated
as `updated:` is; `make check` and every build remind the editors, without failing, once it is older than
`verify_after_days` (counted from GOLDCARD_TODAY in the tests, never the clock), and not before; a guide without it
gets no reminder; an impossible date is a problem at its line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from goldcard.checks import check_project, read_config
from goldcard.checks.config import TODAY_ENV, config_from_extra
from goldcard.checks.verified import verification_reminders
from goldcard.pdf.clean import clean_article
from goldcard.pdf.site import page_url, read_page, select
from goldcard.problems import display_path
from goldcard.render import render_meta
from goldcard.text import Context, format_date

from conftest import (PUBLISHED_TODAY, ROOT, SLUGS, VERIFIED_FILE, VERIFIED_GUIDE, VERIFIED_ON, make_published_project,
                      replace_once)

PREFIX = {"zh": "", "en": "en/"}
DAY = dt.date.fromisoformat(VERIFIED_ON)


def shown(site_data, lang: str) -> str:
    """The sentence the page shows for VERIFIED_ON, from data/ui.yaml and the site's date format."""
    return site_data.ui.root["verified"][lang].replace("{date}", format_date(DAY, site_data.ui, lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_guide_page_says_when_it_was_checked_against_the_platform(site_data, lang):
    loaded = site_data.guide("apply")
    walked = dataclasses.replace(loaded, guide=loaded.guide.model_copy(update={"verified": DAY}))
    meta = markdown.markdown(render_meta(walked, Context(site_data, lang, "apply")))
    text = re.sub(r"<[^>]+>", "", meta)
    assert shown(site_data, lang) in text
    assert f'<time datetime="{VERIFIED_ON}">{format_date(DAY, site_data.ui, lang)}</time>' in meta
    # Dated as `updated:` is: the same format for both dates.
    assert format_date(loaded.guide.updated, site_data.ui, lang) in text
    without = re.sub(r"<[^>]+>", "", render_meta(loaded, Context(site_data, lang, "apply")))
    assert site_data.ui.root["verified"][lang].split("{date}")[0].strip() not in without


@pytest.mark.xdist_group("deterministic")  # the published copy is test_deterministic.py's first build
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_published_page_shows_it_and_the_build_reminds_without_failing(published, site_data, lang):
    for slug in SLUGS:
        page = (published.site / PREFIX[lang] / "guides" / slug / "index.html").read_text(encoding="utf-8")
        meta = re.sub(r"<[^>]+>", "", re.search(r'<p class="gc-meta">(.*?)</p>', page)[1])
        assert (shown(site_data, lang) in meta) == (slug == VERIFIED_GUIDE), (slug, meta)
    # The PDFs keep it: it is what the paper's reader needs to know too.
    article = clean_article(read_page(published.site, page_url(lang, f"guides/{VERIFIED_GUIDE}/")).article)
    assert shown(site_data, lang) in "".join(select(article, ".gc-meta")[0].itertext())
    # The build passed (the fixture asserts it, strict) and said why the guide is due, as information.
    line = published_line()
    reminders = [x for x in published.output.splitlines() if "due for a check" in x]
    assert len(reminders) == 1 and reminders[0].startswith("INFO") and f"{VERIFIED_FILE}:{line}:11:" in reminders[0], \
        published.output


def published_line() -> int:
    return make_published_text().splitlines().index(f"verified: {VERIFIED_ON}") + 1


def make_published_text() -> str:
    text = (ROOT / VERIFIED_FILE).read_text(encoding="utf-8")
    return text.replace("\nupdated: 2026-01-27\n", f"\nupdated: 2026-01-27\nverified: {VERIFIED_ON}\n", 1)


# ------------------------------------------------------------------------------------------------ make check


@pytest.fixture(scope="module")
def walked(tmp_path_factory) -> Path:
    """The published copy's sources (extend walked on VERIFIED_ON), to check with make check; not built."""
    return make_published_project(tmp_path_factory.mktemp("walked") / "project")


def make_check(project: Path, today: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != TODAY_ENV}
    if today is not None:
        env[TODAY_ENV] = today
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--config", str(project / "mkdocs.yml")],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)


def test_make_check_reminds_once_the_walk_is_older_than_the_age_and_does_not_fail(walked):
    result = make_check(walked, PUBLISHED_TODAY)  # 307 days after the walk; the age is 180 by default
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"{VERIFIED_FILE}:{published_line()}:11: due for a check: the guide “{VERIFIED_GUIDE}” was last walked on the "
        f"platform on {VERIFIED_ON}, 307 days ago (more than 180); walk every step on the live platform, correct what "
        "changed, then set `verified:` to that day"]
    assert "no problems found" in result.stderr and "1 guide(s) due for a check" in result.stderr


@pytest.mark.parametrize("today", ["2026-01-28", "2026-07-27"])  # the day of the walk; 180 days after it
def test_make_check_says_nothing_while_the_walk_is_recent(walked, today):
    result = make_check(walked, today)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    assert "due for a check" not in result.stderr


def test_the_day_after_the_age_is_the_first_reminded(site_data):
    loaded = site_data.guide("extend")
    site = dataclasses.replace(site_data, guides=[dataclasses.replace(
        loaded, guide=loaded.guide.model_copy(update={"verified": DAY}))])
    for days, due in ((29, False), (30, False), (31, True)):
        found = verification_reminders(site, 30, DAY + dt.timedelta(days=days))
        assert bool(found) == due, (days, found)


def test_the_age_is_set_in_mkdocs_yml(tmp_path):
    project = make_published_project(tmp_path / "project")
    replace_once(project / "mkdocs.yml", "\n    check_links: false", "\n    verify_after_days: 400\n    check_links: false")
    assert make_check(project, PUBLISHED_TODAY).stdout == ""  # 307 days: due by the default age, not by this one
    later = make_check(project, (DAY + dt.timedelta(days=401)).isoformat())
    assert later.returncode == 0 and "401 days ago (more than 400)" in later.stdout, later.stdout + later.stderr


def test_a_guide_without_verified_gets_no_reminder(site_data):
    # No guide of the project records a walk (its sources are the office's guides, not one): nothing to count from.
    unwalked = [loaded for loaded in site_data.guides if loaded.guide.verified is None]
    assert unwalked
    site = dataclasses.replace(site_data, guides=unwalked)
    assert verification_reminders(site, 1, dt.date(2100, 1, 1)) == []


def test_a_walk_dated_after_today_is_a_reminder_not_a_failure(walked):
    result = make_check(walked, "2026-01-27")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [f"{VERIFIED_FILE}:{published_line()}:11: verified: {VERIFIED_ON} is after "
                                          "today (2026-01-27); write the day the guide was walked on the platform"]


def test_an_impossible_date_is_a_problem_at_its_line(tmp_path):
    project = make_published_project(tmp_path / "project")
    replace_once(project / VERIFIED_FILE, f"verified: {VERIFIED_ON}\n", "verified: 2026-02-30\n")
    problems = [str(p) for p in check_project(read_config(project / "mkdocs.yml"))]
    path = display_path(project / VERIFIED_FILE)
    assert any(p.startswith(f"{path}:{published_line()}:1: verified: ") and "day value is outside expected range" in p
               for p in problems), problems
    result = make_check(project, PUBLISHED_TODAY)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{VERIFIED_FILE}:{published_line()}:1: verified: " in result.stdout


@pytest.mark.parametrize("value", ["0", "-3", "soon", "1.5", "true", "[180]"])
def test_an_age_that_is_not_a_number_of_days_is_a_problem_at_its_line(tmp_path, value):
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: test\nextra:\n  goldcard:\n    verify_after_days: {value}\n", encoding="utf-8")
    config = read_config(path)
    [problem] = config.setting_problems
    assert (problem.line, problem.column) == (4, 24) and "is not a number of days" in problem.message, problem
    assert config.verify_after_days == 180


def test_a_today_that_is_not_a_date_is_a_problem(monkeypatch, tmp_path):
    monkeypatch.setenv(TODAY_ENV, "2026-13-01")
    config = config_from_extra(tmp_path, {}, None)
    [problem] = config.setting_problems
    assert str(problem).startswith(f"{TODAY_ENV}:1:1: {TODAY_ENV}=2026-13-01 is not a date; write it as YYYY-MM-DD")
    monkeypatch.setenv(TODAY_ENV, "2026-12-31")
    assert config_from_extra(tmp_path, {}, None).today == dt.date(2026, 12, 31)
