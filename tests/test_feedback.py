"""Readers' reports on a step (goldcard/feedback.py): with a target set in mkdocs.yml each step has one link, class
`gc-feedback`, to a report filled in with the guide, the step's number and id, the page's language and address,
URL-encoded, for an issue tracker (title, body) or mail (subject, body); without one, no link. A target that is
not https: or mailto: is a problem at its line of mkdocs.yml. On the published copy of the site (conftest.py): the
links with the page's absolute address, reached and followed with the keyboard, the one of the step shown alone,
none in print, and axe and the page's policy content."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import markdown
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from goldcard.checks import check_project, read_config
from goldcard.checks.config import config_from_extra
from goldcard.pdf.clean import clean_article
from goldcard.pdf.site import page_url, read_page, select
from goldcard.problems import display_path
from goldcard.render import render_guide
from goldcard.text import Context

from browsing import guarded_page
from conftest import PUBLISHED_AT, REPORTS_TO, ROOT, SLUGS, build_site, copy_project, replace_once, serving
from test_accessibility import violations
from test_csp import violations as policy_violations, watched
from test_render import EXTENSIONS

LOCALES = {"zh": "zh-TW", "en": "en"}
PREFIX = {"zh": "", "en": "en/"}
TRACKER = "https://git.example.org/editors/guides/issues/new"
MAIL = "mailto:editors@example.org"


def rendered(site_data, slug: str, lang: str, feedback: str | None, address: str = "") -> str:
    ctx = Context(site_data, lang, slug, feedback=feedback, page_address=address)
    return markdown.markdown(render_guide(site_data.guide(slug), ctx), extensions=EXTENSIONS)


def steps_with_links(page_html: str) -> list[tuple[int, str, list[tuple[str, str]]]]:
    """(number, id, [(href, words) of each report link]) of every step, read from the markup."""
    found = []
    for chunk in page_html.split('<section class="gc-step"')[1:]:
        chunk = chunk.split("</section>")[0]
        number = int(re.search(r'data-step="(\d+)"', chunk)[1])
        step_id = re.search(r'data-step-id="([^"]+)"', chunk)[1]
        links = [(html.unescape(href), words) for href, words in
                 re.findall(r'<a class="gc-feedback" href="([^"]*)"[^>]*>([^<]*)</a>', chunk)]
        found.append((number, step_id, links))
    return found


def words(site_data, key: str, lang: str, **values) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m[1], m[0])), site_data.ui.root[key][lang])


def query(href: str) -> dict[str, str]:
    values = parse_qs(urlsplit(href).query, keep_blank_values=True)
    assert all(len(v) == 1 for v in values.values()), values
    return {key: value[0] for key, value in values.items()}


def assert_filled_in(report: str, site_data, slug: str, lang: str, number: int, step_id: str, address: str) -> None:
    guide = site_data.guide(slug).guide
    for part in (guide.title[lang], f"({slug})" if lang == "en" else f"（{slug}）",
                 words(site_data, "step", lang, n=number), step_id, LOCALES[lang], f"{address}#step-{number}"):
        assert part in report, f"{part!r} is not in the report on {slug} step {number}:\n{report}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_a_target_no_step_has_a_report_link(site_data, lang):
    for slug in SLUGS:
        page_html = rendered(site_data, slug, lang, None)
        assert "gc-feedback" not in page_html and words(site_data, "feedback_link", lang) not in page_html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_step_links_to_a_tracker_report_filled_in_for_the_editors(site_data, lang):
    address = f"{PREFIX[lang]}guides/apply/"  # the page's path from the site's root, as without site_url
    steps = steps_with_links(rendered(site_data, "apply", lang, TRACKER, address))
    assert [n for n, _, _ in steps] == list(range(1, len(site_data.guide("apply").steps) + 1))
    for number, step_id, links in steps:
        assert len(links) == 1, (number, links)
        href, link_words = links[0]
        assert link_words == words(site_data, "feedback_link", lang)
        assert href.startswith(TRACKER + "?title=") and step_id in href
        # URL-encoded: one address, nothing in it a browser or the tracker would cut it at or change.
        assert href.isascii() and not re.search(r"[\s\"'<>#]", href), href
        report = query(href)
        assert set(report) == {"title", "body"}
        assert "apply" in report["title"] and step_id in report["title"]
        assert words(site_data, "step", lang, n=number) in report["title"]
        assert_filled_in(report["body"], site_data, "apply", lang, number, step_id, address)
        assert "\r" not in report["body"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_mail_target_gets_a_subject_and_a_body_with_mail_line_breaks(site_data, lang):
    address = f"https://guides.example.org/{PREFIX[lang]}guides/extend/"
    steps = steps_with_links(rendered(site_data, "extend", lang, MAIL, address))
    for number, step_id, [(href, _)] in steps:
        assert href.startswith(MAIL + "?subject=") and step_id in href
        assert href.isascii() and not re.search(r"[\s\"'<>#+]", href), href
        report = query(href)
        assert set(report) == {"subject", "body"}
        assert step_id in report["subject"]
        assert_filled_in(report["body"], site_data, "extend", lang, number, step_id, address)
        assert "\n" not in report["body"].replace("\r\n", ""), "mail bodies break lines with CRLF (RFC 6068)"


def test_a_target_with_a_query_of_its_own_keeps_it(site_data):
    [(_, _, [(href, _)])] = steps_with_links(rendered(site_data, "track-and-collect", "en", TRACKER + "?labels=report"))[:1]
    assert href.startswith(TRACKER + "?labels=report&title=")
    assert query(href)["labels"] == "report"


def test_the_report_link_is_left_out_of_print_and_the_pdfs_and_described_by_its_step(site_data):
    page_html = rendered(site_data, "extend", "en", TRACKER)
    lines = re.findall(r'<p class="([^"]*)"><a class="gc-feedback"[^>]*aria-describedby="step-(\d+)-title"', page_html)
    assert len(lines) == len(site_data.guide("extend").steps)
    assert all("gc-interactive" in classes.split() for classes, _ in lines)  # print.css and goldcard/pdf/clean.py
    assert [int(n) for _, n in lines] == list(range(1, len(lines) + 1))


# ------------------------------------------------------------------------------------------------ the setting


def settings_file(tmp_path: Path, target: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: test\nsite_url: !ENV [SITE_URL, null]\nextra:\n  goldcard:\n"
                    "    allowed_hosts: [goldcard.nat.gov.tw]\n"
                    f"    feedback: {target}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("target", [TRACKER, MAIL, TRACKER + "?template=report.md", "mailto:a.b@example.org"])
def test_an_https_or_mailto_target_is_used(tmp_path, target):
    config = read_config(settings_file(tmp_path, target))
    assert config.feedback == target and config.setting_problems == ()


@pytest.mark.parametrize("target", [
    "http://git.example.org/issues/new", "javascript:alert(1)", "JAVA SCRIPT:alert(1)", "ftp://example.org/",
    "//git.example.org/issues/new", "issues/new", "https:///issues/new", "mailto:editors", "https://x.org/new#top",
    "'mailto:e@example.org?subject=Hi'", "'https://x.org/a b'", "'42'", "[https://x.org/]",
])
def test_any_other_target_is_a_problem_at_its_line_of_mkdocs_yml_and_shows_no_link(tmp_path, target):
    path = settings_file(tmp_path, target)
    config = read_config(path)
    assert config.feedback is None
    [problem] = config.setting_problems
    assert (problem.line, problem.column) == (6, 15), problem
    assert str(problem).startswith(f"{display_path(path)}:6:15: the report target ") and "; write an issue tracker's https://" \
        in str(problem), problem
    # The same from the build's hook, which has MkDocs's reading of the settings and the file's name.
    from_hook = config_from_extra(tmp_path, {"goldcard": {"feedback": yaml.safe_load(target)}}, None, path)
    assert from_hook.feedback is None and from_hook.setting_problems == config.setting_problems


def test_make_check_and_the_build_fail_on_an_unusable_target_and_name_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    replace_once(project / "mkdocs.yml", "\n    check_links: false", "\n    feedback: http://git.example.org/new\n"
                 "    check_links: false")
    line = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index(
        "    feedback: http://git.example.org/new") + 1
    message = ("the report target http://git.example.org/new is not an https: or mailto: address; write an issue "
               "tracker's https:// new-issue address or mailto:editors@…, or remove `feedback:` to show no report links")
    problems = [str(p) for p in check_project(read_config(project / "mkdocs.yml"))]
    assert problems == [f"{display_path(project / 'mkdocs.yml')}:{line}:15: {message}"]
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--config", str(project / "mkdocs.yml")],
                            cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == [f"mkdocs.yml:{line}:15: {message}"]
    # And a strict build stops on it, at the same place.
    built = build_site(project, tmp_path / "site")
    output = built.stdout + built.stderr
    assert built.returncode != 0 and "Traceback" not in output
    assert re.search(rf"WARNING +- +mkdocs\.yml:{line}:15: {re.escape(message)}", output), output


def test_the_project_names_no_target_so_its_pages_have_no_report_link(built_site):
    # It has no tracker of its own, and an address made up for one would be shown to readers as fact.
    assert read_config(ROOT / "mkdocs.yml").feedback is None
    pages = [path for path in built_site.rglob("*.html") if "gc-feedback" in path.read_text(encoding="utf-8")]
    assert pages == []


# ------------------------------------------------------------------------------------------ the published site
# In the group of test_deterministic.py, whose first build is the same `published` copy: one build for both.
published_group = pytest.mark.xdist_group("deterministic")


@published_group
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("slug", SLUGS)
def test_every_published_step_reports_with_its_absolute_address(published, site_data, slug, lang):
    page_html = (published.site / PREFIX[lang] / "guides" / slug / "index.html").read_text(encoding="utf-8")
    steps = steps_with_links(page_html)
    assert len(steps) == len(site_data.guide(slug).steps)
    for number, step_id, [(href, _)] in steps:
        assert href.startswith(REPORTS_TO + "?title=")
        assert_filled_in(query(href)["body"], site_data, slug, lang, number, step_id,
                         f"{PUBLISHED_AT}{PREFIX[lang]}guides/{slug}/")


@pytest.fixture(scope="module")
def published_url(published):
    with serving(published.site) as url:
        yield url


@published_group
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_report_link_is_reached_and_followed_with_the_keyboard_and_the_page_stays_clean(
        browser, published_url, site_data, lang):
    with guarded_page(browser, published_url) as page:
        console = watched(page)
        page.goto(f"/{PREFIX[lang]}guides/extend/")
        first = page.locator("#step-1 a.gc-feedback")
        expect(first).to_be_visible()
        expect(first).to_have_text(words(site_data, "feedback_link", lang))
        for _ in range(400):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.classList.contains('gc-feedback')"):
                break
        else:
            pytest.fail("Tab never reached a report link")
        assert page.evaluate("() => document.activeElement.closest('section[data-step]').dataset.step") == "1"
        assert policy_violations(page, console) == []
        found = violations(Axe(), page)
        assert not found, found
        page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")  # the dark scheme
        found = violations(Axe(), page)
        assert not found, f"dark scheme: {found}"
        assert page.evaluate("() => document.activeElement.classList.contains('gc-feedback')")
        # Enter opens the report: the tracker is answered here (the page may ask no other host itself).
        report = re.compile(re.escape(REPORTS_TO) + r"\?")
        page.route(report, lambda route: route.fulfill(status=200, content_type="text/html",
                                                                  body="<title>new issue</title>"))
        with page.expect_request(report) as opened:
            page.keyboard.press("Enter")
        step_id = site_data.guide("extend").steps[0].step.id
        assert step_id in opened.value.url
        assert_filled_in(query(opened.value.url)["body"], site_data, "extend", lang, 1, step_id,
                         f"{PUBLISHED_AT}{PREFIX[lang]}guides/extend/")


@published_group
def test_the_step_shown_alone_shows_its_own_report_link_and_print_shows_none(browser, published_url, site_data):
    with guarded_page(browser, published_url, viewport={"width": 412, "height": 823}, is_mobile=True) as page:
        page.goto("/en/guides/extend/?step=3")
        expect(page.locator("a.gc-feedback:visible")).to_have_count(1)
        step_id = site_data.guide("extend").steps[2].step.id
        assert step_id in page.locator("a.gc-feedback:visible").get_attribute("href")
        page.emulate_media(media="print")
        expect(page.locator("a.gc-feedback:visible")).to_have_count(0)
        expect(page.locator("#step-3")).to_be_visible()  # printing from the view prints the whole guide


@published_group
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pdfs_leave_the_report_links_out(published, lang):
    page = read_page(published.site, page_url(lang, "guides/extend/"))
    assert len(select(page.article, "a.gc-feedback")) == 16
    assert select(clean_article(page.article), "a.gc-feedback") == []
