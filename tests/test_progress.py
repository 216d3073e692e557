"""Checklists and progress in headless Chromium: ticks persist across reloads and languages, one guide's reset or
corrupted storage never touches another guide, the page works without JavaScript and prints empty boxes."""

from __future__ import annotations

import json

import pytest

from browsing import guarded_page, held_until_first_paint, script_errors, settle, throttled

pytestmark = pytest.mark.xdist_group("browser")

KEY = "goldcard:progress:{}"


def stored(page, slug: str):
    return page.evaluate("key => window.localStorage.getItem(key)", KEY.format(slug))


def count_text(page) -> str:
    return page.inner_text(".gc-progress-count")


def test_every_step_has_a_labelled_done_box_and_every_checklist_item_a_box(page):
    page.goto("/en/guides/extend/")
    boxes = page.locator("section.gc-step input[type=checkbox]")
    assert boxes.count() == 16
    for n in (1, 16):
        box = page.locator(f"#step-{n} input[type=checkbox]")
        assert box.get_attribute("id") == f"done-step-{n}"
        assert page.locator(f"label[for=done-step-{n}]").inner_text() == f"STEP {n} done"
    checklist = page.locator(".gc-checklist input[type=checkbox]")
    assert checklist.count() == 6
    for i in range(checklist.count()):
        box_id = checklist.nth(i).get_attribute("id")
        assert page.locator(f"label[for='{box_id}']").inner_text().strip()


def test_ticks_persist_across_reload_and_across_languages(page):
    errors = script_errors(page)
    page.goto("/guides/extend/")
    assert count_text(page) == "已完成 0 / 16 個步驟"
    for n in (1, 2, 3, 4, 6):
        page.check(f"#done-step-{n}")
    first_item = page.locator(".gc-checklist input[type=checkbox]").first
    first_item.check()
    assert count_text(page) == "已完成 5 / 16 個步驟"
    page.reload()
    assert [page.is_checked(f"#done-step-{n}") for n in range(1, 8)] == [True, True, True, True, False, True, False]
    assert page.locator(".gc-checklist input[type=checkbox]").first.is_checked()
    assert "5 / 16" in count_text(page)
    continue_link = page.locator(".gc-progress-continue")
    assert continue_link.get_attribute("href") == "#step-5"
    assert "步驟 5" in continue_link.inner_text()
    page.goto("/en/guides/extend/")  # the same guide in English shares the progress
    assert count_text(page) == "5 / 16 steps done"
    assert page.is_checked("#done-step-6") and not page.is_checked("#done-step-5")
    assert page.locator(".gc-checklist input[type=checkbox]").first.is_checked()
    assert page.inner_text(".gc-progress-continue") == "Continue where you left off: STEP 5"
    page.uncheck("#done-step-6")
    page.goto("/guides/extend/")
    assert not page.is_checked("#done-step-6") and "4 / 16" in count_text(page)
    saved = json.loads(stored(page, "extend"))
    step_ids = page.evaluate("[...document.querySelectorAll('section[data-step-id]')].map(s => s.dataset.stepId)")
    assert set(step_ids[:4]) <= set(saved["done"]) and step_ids[5] not in saved["done"]
    assert not errors


def test_continue_link_follows_progress_and_says_when_all_is_done(page):
    page.goto("/en/guides/supplement/")
    link = page.locator(".gc-progress-continue")
    assert link.inner_text() == "Start at STEP 1" and link.get_attribute("href") == "#step-1"
    total = int(page.get_attribute("[data-guide]", "data-step-count"))
    for n in range(1, total + 1):
        page.check(f"#done-step-{n}")
    assert link.is_hidden()
    assert page.locator(".gc-progress-all-done").is_visible()
    page.uncheck("#done-step-3")
    link.click()
    assert page.url.endswith("#step-3")


def test_reset_clears_one_guide_only(page):
    page.goto("/guides/apply/")
    page.check("#done-step-2")
    page.goto("/guides/extend/")
    page.check("#done-step-1")
    page.check("#done-step-2")
    apply_before = stored(page, "apply")
    page.click(".gc-progress-reset")
    assert not page.is_checked("#done-step-1") and "0 / 16" in count_text(page)
    assert stored(page, "extend") is None
    assert stored(page, "apply") == apply_before
    page.reload()
    assert not page.is_checked("#done-step-1")
    page.goto("/guides/apply/")
    assert page.is_checked("#done-step-2")


GARBAGE = ["{not json", "[1, 2, 3]", '"extend"', "null", "42", '{"done": "verify-email"}', '{"done": {"0": "x"}}',
           '{"version": 1, "done": [1, null, {"id": "x"}, ["nested"]]}', "\u0000\uffff"]


@pytest.mark.parametrize("garbage", GARBAGE, ids=repr)
def test_corrupted_or_foreign_storage_is_survived_and_other_guides_keep_their_progress(page, garbage):
    errors = script_errors(page)
    page.goto("/guides/extend/")
    apply_saved = json.dumps({"version": 1, "done": ["log-in"]})
    for key, value in ((KEY.format("extend"), garbage), (KEY.format("apply"), apply_saved),
                       ("someone-else", '{"unrelated": true}')):
        page.evaluate("([key, value]) => window.localStorage.setItem(key, value)", [key, value])
    page.reload()
    assert "0 / 16" in count_text(page)  # nothing readable: no progress, and the page works
    page.check("#done-step-2")
    assert json.loads(stored(page, "extend"))["done"] == [page.get_attribute("#step-2", "data-step-id")]
    page.reload()
    assert page.is_checked("#done-step-2") and "1 / 16" in count_text(page)
    assert stored(page, "apply") == apply_saved
    assert page.evaluate("window.localStorage.getItem('someone-else')") == '{"unrelated": true}'
    assert not errors


def test_a_corrupted_guide_leaves_the_other_guides_ticks_on_their_pages(page):
    page.goto("/guides/apply/")
    page.check("#done-step-1")
    page.evaluate("key => window.localStorage.setItem(key, '{broken')", KEY.format("extend"))
    page.goto("/guides/extend/")
    page.check("#done-step-1")
    page.goto("/en/guides/apply/")
    assert page.is_checked("#done-step-1") and "1 / 23" in count_text(page)


def test_partly_readable_progress_keeps_what_it_can(page):
    page.goto("/guides/extend/")
    step_id = page.get_attribute("#step-3", "data-step-id")
    page.evaluate("([key, value]) => window.localStorage.setItem(key, value)",
                  [KEY.format("extend"), json.dumps({"version": 1, "done": [7, step_id, None, "gone-step"]})])
    page.reload()
    assert page.is_checked("#done-step-3") and "1 / 16" in count_text(page)


def test_a_browser_that_refuses_storage_still_ticks_and_says_so(page):
    page.context.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('no', 'QuotaExceededError'); };")
    errors = script_errors(page)
    page.goto("/en/guides/extend/")
    assert page.locator(".gc-progress-not-kept").is_hidden()
    page.check("#done-step-1")
    assert page.is_checked("#done-step-1") and "1 / 16" in count_text(page)
    assert page.locator(".gc-progress-not-kept").is_visible()
    assert not errors


def test_another_tab_ticking_the_same_guide_shows_here(page):
    page.goto("/guides/extend/")
    other = page.context.new_page()
    other.goto("/en/guides/extend/")
    other.check("#done-step-4")
    page.wait_for_function("() => document.querySelector('#done-step-4').checked")
    assert "1 / 16" in count_text(page)
    other.close()


def test_keyboard_tab_reaches_a_done_box_and_space_toggles_it(page):
    page.goto("/en/guides/extend/")
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "done-step-1":
            break
    else:
        pytest.fail("Tab never reached the done box of STEP 1")
    page.keyboard.press("Space")
    assert page.is_checked("#done-step-1") and "1 / 16" in count_text(page)
    page.keyboard.press("Space")
    assert not page.is_checked("#done-step-1") and "0 / 16" in count_text(page)
    page.keyboard.press("Space")
    page.reload()
    assert page.is_checked("#done-step-1")


def test_without_javascript_the_guide_reads_normally(browser, site_url):
    with guarded_page(browser, site_url, java_script_enabled=False) as page:
        page.goto("/en/guides/extend/")
        assert page.locator("section.gc-step").count() == 16
        assert page.locator("#step-16 h3").is_visible()
        assert page.locator("section.gc-step input[type=checkbox]").count() == 16
        assert page.locator("label[for=done-step-1]").is_visible()
        assert page.locator(".gc-progress").is_hidden()  # it could only show numbers its script fills in


def test_printed_boxes_are_empty_squares_and_the_controls_are_left_out(page):
    page.goto("/guides/extend/")
    page.check("#done-step-1")
    page.emulate_media(media="print")
    style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('#done-step-1'));
        return [s.appearance, s.borderTopStyle, s.borderTopWidth, s.backgroundImage]; }""")
    assert style == ["none", "solid", "1px", "none"]  # no tick drawn, whatever was ticked on screen
    assert page.locator(".gc-progress").is_hidden()
    page.goto("/deadlines/?extension=2027-06-30")
    page.emulate_media(media="print")
    assert page.locator("#gc-form-extension .gc-field").is_hidden()
    assert page.locator("#gc-form-extension .gc-submit").is_hidden()
    assert page.locator("#gc-form-extension .gc-result-actions").is_hidden()
    assert page.locator("#gc-form-extension .gc-result-dates").is_visible()  # what was worked out prints
    assert page.locator(".gc-rules table").first.is_visible()


# Records every layout shift from the page's start, with what moved and from where to where. (Layout shifts are
# not in the performance timeline, and a buffered observer made later is handed them only in a later task, if
# there are any: nothing to wait for when nothing moved.)
RECORD_LAYOUT_SHIFTS = """(() => {
  const shifts = [];
  const rect = r => [r.x, r.y, r.width, r.height].map(Math.round).join(",");
  const record = entries => entries.filter(entry => !entry.hadRecentInput).forEach(entry => shifts.push({
    value: entry.value, moved: entry.sources.map(source => (source.node ? source.node.className
      || source.node.nodeName : "?") + " from " + rect(source.previousRect) + " to " + rect(source.currentRect))}));
  const observer = new PerformanceObserver(list => record(list.getEntries()));
  observer.observe({type: "layout-shift", buffered: true});
  // Those recorded so far, with any the observer has not been handed yet.
  window.layoutShiftsSoFar = () => { record(observer.takeRecords()); return shifts; };
})()"""

# When the progress script's answer ended, after the first paint: the hold-back took place.
SCRIPT_AFTER_FIRST_PAINT = """() => {
  const script = performance.getEntriesByType("resource").find(entry => entry.name.endsWith("/progress.js"));
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return Boolean(script && paint) && script.responseEnd > paint.startTime;
}"""


@pytest.mark.parametrize("path", ["/guides/apply/", "/en/guides/apply/"])
def test_nothing_moves_while_a_guide_loads_on_a_phone(browser, site_url, path):
    # The progress box comes filled in as on a first visit; were it filled by the script, it would grow a line
    # on a narrow screen and push the guide down after the first paint (Lighthouse: layout shift, late LCP).
    # A slow phone paints what it has read so far (a half-read header moved its light/dark switch).
    with guarded_page(browser, site_url, viewport={"width": 412, "height": 823}, is_mobile=True) as page:
        throttled(page)
        page.add_init_script(RECORD_LAYOUT_SHIFTS)
        # On a slow connection the page is painted before the script arrives: hold the script back to see that.
        held_until_first_paint(page, "**/progress.js")
        page.goto(path, wait_until="load")
        settle(page)
        assert page.evaluate(SCRIPT_AFTER_FIRST_PAINT), "progress.js was not held back until the first paint"
        assert page.is_visible(".gc-progress-continue")
        shifts = page.evaluate("layoutShiftsSoFar()")
    assert shifts == [], shifts
