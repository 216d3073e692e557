"""The guides in a real browser (headless Debian Chromium): steps visible in both languages, search works."""

from __future__ import annotations

import pytest

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
