"""axe-core (axe-playwright-python, which carries axe.min.js itself: nothing is fetched) on the site's pages in
both languages, in both colour schemes, with the interactive parts in use; and the calculators driven by the
keyboard alone."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest
from axe_playwright_python.sync_playwright import Axe

from browsing import guarded_page
from conftest import SLUGS

pytestmark = pytest.mark.xdist_group("browser")

# The calculator page with results, a status, an error and the timeline drawn.
IN_USE = "deadlines/?extension=2027-06-30&supplement=2027-02-30&timeline=2027-01-05&applicant=abroad"
# Every kind of page; the guides share one template, so two stand for five (the one with the timeline, and
# the longest). The dark scheme is checked on the home page, a guide and the calculator.
PAGES = ["", "glossary/", "deadlines/", IN_USE, "guides/track-and-collect/", "guides/apply/"]
DARK = ["", "guides/extend/", IN_USE]


@pytest.fixture(scope="module")
def axe():
    # The script axe injects is the package's own file, not a download; the `page` fixture fails any
    # request to another host while it runs.
    assert (Path(axe_playwright_python.__file__).parent / "axe.min.js").stat().st_size > 100_000
    return Axe()


# What a reader sees once the page is still: a control caught fading in (Material's back-to-top button, shown by
# the scroll that ticking a box makes) has a blended colour that is not the one it settles on.
SETTLED = "() => Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)))"


def violations(axe, page) -> str:
    page.evaluate(SETTLED)
    results = axe.run(page)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"][:5]:
            lines.append(f"{violation['id']} ({violation['impact']}): {node['target']}: "
                         f"{node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("prefix", ["/", "/en/"])
def test_axe_finds_no_violations(page, axe, prefix, path):
    page.goto(prefix + path)
    assert page.evaluate("typeof window.axe") == "undefined"
    found = violations(axe, page)
    assert not found, f"{prefix}{path}:\n{found}"


@pytest.mark.parametrize("path", DARK)
@pytest.mark.parametrize("prefix", ["/", "/en/"])
def test_axe_finds_no_violations_in_the_dark_scheme(page, axe, prefix, path):
    page.goto(prefix + path)
    # Material's dark scheme ("slate") has its own colours.
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    found = violations(axe, page)
    assert not found, f"{prefix}{path} (dark scheme):\n{found}"


@pytest.mark.parametrize("prefix", ["/", "/en/"])
def test_axe_finds_no_violations_on_a_guide_with_ticks_and_a_result(page, axe, prefix):
    page.goto(prefix + "guides/extend/?extension=2027-06-30")
    page.check("#done-step-1")
    page.locator(".gc-checklist input[type=checkbox]").first.check()
    assert page.locator("#gc-form-extension .gc-result-dates").count() == 1
    found = violations(axe, page)
    assert not found, found


@pytest.mark.parametrize("path", ["", "glossary/", "guides/apply/"])
@pytest.mark.parametrize("prefix", ["/", "/en/"])
def test_a_link_in_the_text_keeps_its_contrast_under_the_focus_and_the_pointer(page, axe, prefix, path):
    # Material colours such a link amber, 1.9:1 on white, while it has the focus or the pointer.
    page.goto(prefix + path)
    link = page.locator(".md-typeset a[href]:not(.headerlink)").first
    link.focus()
    assert page.evaluate("document.activeElement.matches('.md-typeset a[href]')")
    found = violations(axe, page)
    assert not found, f"{prefix}{path}, a link focused:\n{found}"
    link.hover()
    found = violations(axe, page)
    assert not found, f"{prefix}{path}, a link under the pointer:\n{found}"


def tab_to(page, element_id: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    pytest.fail(f"Tab never reached #{element_id}")


@pytest.mark.parametrize("prefix", ["/", "/en/"])
def test_the_calculator_is_filled_and_submitted_with_the_keyboard(page, prefix):
    page.goto(prefix + "deadlines/")
    tab_to(page, "gc-extension-expiry")
    page.keyboard.type("2027-06-30")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Space")
    dates = page.locator("#gc-form-extension .gc-result-dates time")
    assert dates.nth(3).get_attribute("datetime") == "2027-05-29"
    page.keyboard.press("Tab")  # on to the result: the calendar file, then the link to share
    assert "gc-ics" in page.evaluate("document.activeElement.className")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "gold-card-extension-2027-06-30.ics"
    page.keyboard.press("Tab")
    assert "gc-share-link" in page.evaluate("document.activeElement.className")
    # An error is met with the keyboard too: Enter in the field, the message, focus back on the field.
    tab_to(page, "gc-pickup-entry")
    page.keyboard.type("2027-02-30")
    page.keyboard.press("Enter")
    assert page.locator("#gc-pickup-entry-error").is_visible()
    assert page.evaluate("document.activeElement.id") == "gc-pickup-entry"


def test_the_timeline_is_used_with_the_keyboard(page):
    page.goto("/en/deadlines/")
    tab_to(page, "gc-timeline-applicant")
    page.keyboard.press("ArrowDown")  # the second situation: from within Taiwan
    assert page.input_value("#gc-timeline-applicant") == "domestic"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "gc-timeline-submitted"
    page.keyboard.type("2027-01-05")
    page.keyboard.press("Enter")
    items = page.locator("#gc-form-timeline .gc-timeline-item")
    assert items.count() == 4
    assert "Sun 4 April 2027" in page.inner_text("#gc-form-timeline .gc-timeline-completion")


def test_axe_does_report_what_it_should(page, axe):
    # So that "no violations" above means something: a picture without alt text is found.
    page.goto("/deadlines/")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"data:,\">')")
    assert "image-alt" in violations(axe, page)


FOCUSED_STYLE = """() => {
  const element = document.activeElement, style = getComputedStyle(element);
  return {name: element.tagName + (element.id ? "#" + element.id : "") + " " + (element.className.baseVal ?? element.className),
          seen: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
          body: element === document.body, search: element.classList.contains("md-search__input")};
}"""


@pytest.mark.parametrize("path", ["/guides/apply/", "/en/guides/apply/", "/en/deadlines/", "/"])
def test_every_control_the_keyboard_reaches_shows_its_focus(browser, site_url, path):
    # Material's CSS resets every input's outline to none: without our rule, a done box or a calculator's field
    # took the focus with no sign of it.
    with guarded_page(browser, site_url, viewport={"width": 1280, "height": 900}) as page:
        page.goto(path)
        unseen = set()
        for _ in range(90):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED_STYLE)
            # Leaving the page's last control focuses the page itself; Material's search field shows its caret.
            if not (focused["seen"] or focused["body"] or focused["search"]):
                unseen.add(focused["name"])
    assert not unseen, f"focus not shown on {path}: {sorted(unseen)}"
