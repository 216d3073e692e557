"""The guides in a real browser (headless Debian Chromium): steps visible in both languages, search works."""

from __future__ import annotations

import pytest

from browsing import guarded_page

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
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("guides/extend/" in href for href in hrefs), hrefs


PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True}


@pytest.mark.parametrize("path", ["/guides/apply/#step-15-title", "/en/guides/apply/#step-22-title"])
def test_a_link_to_a_step_lands_on_its_heading_and_nothing_jumps_when_scrolling_back(browser, site_url, path):
    heading = "#" + path.split("#")[1]
    with guarded_page(browser, site_url, **PHONE) as page:
        page.goto(path, wait_until="load")
        page.wait_for_timeout(300)
        top = page.evaluate("s => document.querySelector(s).getBoundingClientRect().top", heading)
        assert 0 <= top <= 150, top  # just under the header
        # Scrolling back up, what is seen moves with the scroll: nothing above it changes size.
        page.mouse.wheel(0, -600)
        page.wait_for_timeout(500)
        after = page.evaluate("s => document.querySelector(s).getBoundingClientRect().top", heading)
        assert abs(after - (top + 600)) <= 2, (top, after)
