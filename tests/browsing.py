"""Browser contexts for the tests, guarded: any request to another host fails the test. The shared `page`
fixture (conftest.py) is one; tests that need a time zone or JavaScript off open their own."""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def guarded_page(browser, site_url: str, fail_on_script_errors: bool = True, **options):
    """A new context (Playwright's `options`: timezone_id, java_script_enabled...) and a page in it."""
    context = browser.new_context(base_url=site_url, **options)
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(site_url) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert not outside, f"the page requested other hosts: {outside}"
    assert not (fail_on_script_errors and errors), f"the page's scripts failed: {errors}"


def script_errors(page) -> list[str]:
    """Collects uncaught errors of the page's scripts from now on."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
