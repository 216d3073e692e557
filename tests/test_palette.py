"""The light/dark switch (overrides/partials/palette.html and partials/javascripts/palette.html), in Chromium."""

from __future__ import annotations

import pytest

from browsing import guarded_page, script_errors, settle, throttled

pytestmark = pytest.mark.xdist_group("browser")

KEY = "goldcard:palette"
SCHEME = "document.body.getAttribute('data-md-color-scheme')"
SWITCH = "[data-gc-palette] button"


def visible_switch(page) -> str:
    """The accessible name of the one switch shown."""
    shown = [button.get_attribute("aria-label") for button in page.query_selector_all(SWITCH) if button.is_visible()]
    assert len(shown) == 1, shown
    return shown[0]


def system_turns(page, scheme: str) -> None:
    """The system's colour scheme turns to `scheme`; returns once the page has been told (its own listener, made
    first, is called first)."""
    page.evaluate("""() => { window.systemTurned = new Promise(told =>
        matchMedia("(prefers-color-scheme: dark)").addEventListener("change", told, {once: true})); }""")
    page.emulate_media(color_scheme=scheme)
    page.evaluate("() => window.systemTurned")


def tab_to_switch(page) -> None:
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('[data-gc-palette]')"):
            return
    raise AssertionError("Tab never reached the light/dark switch")


@pytest.mark.parametrize("system, scheme, names", [
    ("light", "default", ("深色模式 / Dark mode", "Dark mode")),
    ("dark", "slate", ("淺色模式 / Light mode", "Light mode")),
])
def test_the_page_has_the_systems_scheme_from_the_first_paint_without_any_script_file(browser, site_url, system,
                                                                                        scheme, names):
    # Material's bundle and ours are held back: the scheme is applied while the header is read, on a slow phone too.
    with guarded_page(browser, site_url, color_scheme=system) as page:
        throttled(page)
        page.route("**/*.js", lambda route: route.abort())
        for path, name in zip(("/guides/apply/", "/en/guides/apply/"), names):
            page.goto(path)
            assert page.evaluate(SCHEME) == scheme
            assert visible_switch(page) == name


def test_the_switch_works_from_the_keyboard_and_the_choice_is_kept_across_reloads_and_languages(browser, site_url):
    with guarded_page(browser, site_url, color_scheme="light") as page:
        page.goto("/en/guides/apply/")
        tab_to_switch(page)
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Dark mode"
        page.keyboard.press("Enter")
        assert page.evaluate(SCHEME) == "slate"
        # The button pressed is hidden now; the keyboard stays on the switch, which now offers the way back.
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Light mode"
        page.goto("/guides/apply/")
        assert page.evaluate(SCHEME) == "slate" and visible_switch(page) == "淺色模式 / Light mode"
        tab_to_switch(page)
        page.keyboard.press("Space")
        assert page.evaluate(SCHEME) == "default"
        page.reload()
        assert page.evaluate(SCHEME) == "default" and visible_switch(page) == "深色模式 / Dark mode"


def test_without_a_choice_the_page_follows_the_system_and_a_choice_holds_against_it(browser, site_url):
    with guarded_page(browser, site_url, color_scheme="light") as page:
        page.goto("/guides/extend/")
        system_turns(page, "dark")
        assert page.evaluate(SCHEME) == "slate"
        system_turns(page, "light")
        assert page.evaluate(SCHEME) == "default"
        page.click(SWITCH + ":visible")
        assert page.evaluate(SCHEME) == "slate"
        system_turns(page, "dark")
        system_turns(page, "light")
        assert page.evaluate(SCHEME) == "slate", "the system's change overrode the reader's choice"


@pytest.mark.parametrize("garbage", ["not json", "null", '"slate"', "[1, 2]", '{"scheme": 5}', '{"scheme": "purple"}'])
def test_unreadable_storage_counts_as_no_choice_and_the_next_choice_replaces_it(browser, site_url, garbage):
    with guarded_page(browser, site_url, color_scheme="dark") as page:
        page.goto("/en/")
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, garbage])
        page.reload()
        assert page.evaluate(SCHEME) == "slate" and visible_switch(page) == "Light mode"
        page.click(SWITCH + ":visible")
        assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}')).scheme") == "default"


def test_a_browser_that_refuses_storage_still_switches(page):
    page.context.add_init_script("Storage.prototype.getItem = Storage.prototype.setItem = function () {"
                                 " throw new DOMException('no', 'SecurityError'); };")
    errors = script_errors(page)
    page.goto("/en/guides/extend/")
    before = page.evaluate(SCHEME)
    page.click(SWITCH + ":visible")
    assert page.evaluate(SCHEME) != before
    assert not errors


def test_the_scheme_is_set_once_while_the_page_is_read_and_never_again_on_load(browser, site_url):
    # Material's palette component set it all again once its script ran, and each change of the body's colour
    # attributes restyles the whole page: three times over on a guide, most of the blocking time on a phone.
    watch = """new MutationObserver(records => {
        for (const record of records) if (record.target === document.body && /^data-md-color/.test(record.attributeName))
          (window.colourChanges = window.colourChanges || []).push(record.attributeName + " while " + document.readyState);
      }).observe(document, {attributes: true, subtree: true});"""
    with guarded_page(browser, site_url, color_scheme="dark") as page:
        throttled(page)
        page.add_init_script(watch)
        page.goto("/guides/apply/", wait_until="load")
        settle(page)
        changes = page.evaluate("window.colourChanges || []")
    assert changes and all(change.endswith("while loading") for change in changes), changes
