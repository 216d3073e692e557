"""Browser contexts for the tests, guarded: any request to another host fails the test. The shared `page`
fixture (conftest.py) is one; tests that need a time zone or JavaScript off open their own. And what the
timing tests need: a slow phone's CPU, a script that arrives after the first paint, a page that has settled."""

from __future__ import annotations

from contextlib import contextmanager

ACTION_TIMEOUT_MS = 90_000


@contextmanager
def guarded_page(browser, site_url: str, fail_on_script_errors: bool = True, **options):
    """A new context (Playwright's `options`: timezone_id, java_script_enabled...) and a page in it."""
    context = browser.new_context(base_url=site_url, **options)
    # An upper bound for each action and wait, not a wait: a busy machine may take longer than Playwright's 30 s.
    context.set_default_timeout(ACTION_TIMEOUT_MS)
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


def throttled(page, rate: float = 10):
    """The page's CPU slowed `rate` times (DevTools' CPU throttling, as Lighthouse slows its phone), across its
    navigations: a slow phone paints what it has read so far, which a fast machine never shows."""
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return page


def held_until_first_paint(page, pattern: str) -> None:
    """Requests for `pattern` get their answer only once the page has painted its first content, as on a slow
    connection where the page is shown before its scripts arrive."""
    def hold(route):
        page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
        route.continue_()

    page.route(pattern, hold)


def settle(page) -> None:
    """Waits until the page is what a reader sees once it has loaded: the load event (the deferred scripts have
    run by then), then two animation frames, so that whatever they changed has been laid out and painted."""
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
