"""The guides in a real browser (headless Debian Chromium): steps visible in both languages, search works."""

from __future__ import annotations

import pytest

from browsing import guarded_page, settle, throttled

pytestmark = pytest.mark.xdist_group("browser")


@pytest.mark.parametrize("prefix, lang", [("", "zh-TW"), ("/en", "en")])
def test_the_extend_guide_shows_all_its_steps(page, prefix, lang):
    page.goto(f"{prefix}/guides/extend/")
    assert page.locator("html").get_attribute("lang") == lang
    guide = page.locator("[data-guide=extend]")
    assert guide.get_attribute("data-step-count") == "16"
    steps = page.locator("section[data-step]")
    assert steps.count() == 16
    for n in (1, 8, 16):
        step = page.locator(f"#step-{n}")
        step.scroll_into_view_if_needed()
        assert step.is_visible()
        assert step.locator("h3").inner_text().strip()


@pytest.mark.parametrize("query", ["延期", "居留", "統一證號", "extension"])
def test_search_finds_the_extend_guide(page, query):
    page.goto("/" if query != "extension" else "/en/")
    page.keyboard.press("s")  # Material's search shortcut
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on key events; fill() alone sends none
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("guides/extend/" in href for href in hrefs), hrefs


PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True}


def wheel_and_wait(page, delta_y: int) -> int:
    """Scrolls with the mouse wheel; returns, once the scrolling has ended, how far the page went down."""
    before = page.evaluate("() => window.scrollY")
    page.evaluate("""() => { window.scrollEnded = new Promise(ended =>
        window.addEventListener("scrollend", ended, {once: true})); }""")
    page.mouse.wheel(0, delta_y)
    page.evaluate("() => window.scrollEnded")
    return page.evaluate("() => window.scrollY") - before


@pytest.mark.parametrize("path", ["/guides/apply/#step-15-title", "/en/guides/apply/#step-22-title"])
def test_a_link_to_a_step_lands_on_its_heading_and_nothing_jumps_when_scrolling_back(browser, site_url, path):
    heading = "#" + path.split("#")[1]
    top_of = "s => document.querySelector(s).getBoundingClientRect().top"
    with guarded_page(browser, site_url, **PHONE) as page:
        throttled(page)  # a slow phone, where a late script or style would move the page under the reader
        page.goto(path, wait_until="load")
        settle(page)
        top = page.evaluate(top_of, heading)
        assert 0 <= top <= 150, top  # just under the header
        # Scrolling back up, what is seen moves with the scroll: nothing above it changes size.
        moved = wheel_and_wait(page, -600)
        after = page.evaluate(top_of, heading)
        assert abs(moved + 600) <= 1, moved
        assert abs(after - (top - moved)) <= 2, (top, moved, after)
