"""One step at a time (docs/javascripts/stepview.js) in headless Chromium on a phone-sized screen: the step in the
address shows alone with its title on screen, Back, Next and the arrow keys move between steps and keep the address
in step, ticking done moves on and is the full page's progress, "Continue" and the guide's button open the view,
the way back shows the whole guide at that step, a step that is not the guide's opens the whole guide, axe finds
nothing in either scheme, and without JavaScript the whole guide shows."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import guarded_page
from test_accessibility import violations

pytestmark = pytest.mark.xdist_group("browser")

PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True}
GUIDE = "guides/extend/"  # 16 steps in two sections
LANGS = {"zh": "/", "en": "/en/"}


@pytest.fixture(autouse=True, scope="module")
def patient_waits():
    # An upper bound for each expect(), not a wait: a busy machine may take longer than Playwright's 5 s.
    expect.set_options(timeout=90_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def phone(browser, site_url):
    with guarded_page(browser, site_url, **PHONE) as page:
        yield page


def words(site_data, key: str, lang: str, **values) -> str:
    template = site_data.ui.root[key][lang]
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m[1], m[0])), template)


def step_in_address(page) -> list[str]:
    return parse_qs(urlparse(page.url).query).get("step", [])


def shown_alone(page, n: int, total: int = 16) -> None:
    """Step n is the one step on screen, its title in sight between the header and the bar; nothing else of the
    guide (its title, intro, other steps) shows."""
    expect(page.locator(f"#step-{n}")).to_be_visible()
    for other in range(1, total + 1):
        if other != n:
            expect(page.locator(f"#step-{other}")).to_be_hidden()
    expect(page.locator("article > h1")).to_be_hidden()
    expect(page.locator(".gc-progress")).to_be_hidden()
    assert step_in_address(page) == [str(n)]
    title = page.locator(f"#step-{n}-title").bounding_box()
    header = page.locator(".md-header").bounding_box()
    bar = page.locator(".gc-stepview-bar").bounding_box()
    assert title["y"] >= header["y"] + header["height"] - 1, (title, header)
    assert title["y"] + title["height"] <= bar["y"], (title, bar)


def whole_guide(page, total: int = 16) -> None:
    expect(page.locator(".gc-stepview-bar")).to_be_hidden()
    for n in range(1, total + 1):
        expect(page.locator(f"#step-{n}")).to_be_visible()
    expect(page.locator("article > h1")).to_be_visible()
    assert step_in_address(page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_step_in_the_address_shows_alone_with_its_title_and_the_bar_at_the_bottom(phone, site_data, lang):
    phone.goto(f"{LANGS[lang]}{GUIDE}?step=7")
    shown_alone(phone, 7)
    expect(phone.locator(".gc-stepview-position")).to_have_text(words(site_data, "stepview_position", lang, n=7, total=16))
    expect(phone.locator(".gc-stepview-back")).to_have_text(words(site_data, "stepview_back", lang))
    expect(phone.locator(".gc-stepview-next")).to_have_text(words(site_data, "stepview_next", lang))
    expect(phone.locator(".gc-stepview-whole")).to_have_text(words(site_data, "stepview_whole", lang))
    # The bar is at the bottom of the screen (within thumb's reach), and stays there as the step scrolls.
    bar = phone.locator(".gc-stepview-bar").bounding_box()
    assert abs(bar["y"] + bar["height"] - 823) <= 1, bar
    assert phone.evaluate("() => getComputedStyle(document.querySelector('.gc-stepview-bar')).position") == "fixed"
    phone.reload()
    shown_alone(phone, 7)  # a reload keeps the place


def test_next_back_and_the_arrow_keys_move_between_steps_and_update_the_address(phone):
    phone.goto(f"/en/{GUIDE}?step=7")
    shown_alone(phone, 7)
    phone.click(".gc-stepview-next")
    shown_alone(phone, 8)
    # Screen readers hear the step now shown: the focus is on its heading.
    assert phone.evaluate("() => document.activeElement.id") == "step-8-title"
    phone.keyboard.press("ArrowRight")
    shown_alone(phone, 9)
    phone.keyboard.press("ArrowLeft")
    shown_alone(phone, 8)
    phone.click(".gc-stepview-back")
    shown_alone(phone, 7)
    assert phone.evaluate("() => document.activeElement.id") == "step-7-title"


def test_the_ends_of_the_guide_stop_back_and_next(phone):
    phone.goto(f"/en/{GUIDE}?step=1")
    shown_alone(phone, 1)
    expect(phone.locator(".gc-stepview-back")).to_be_disabled()
    phone.keyboard.press("ArrowLeft")
    shown_alone(phone, 1)
    phone.goto(f"/en/{GUIDE}?step=16")
    shown_alone(phone, 16)
    expect(phone.locator(".gc-stepview-next")).to_be_disabled()
    phone.keyboard.press("ArrowRight")
    shown_alone(phone, 16)


def test_arrow_keys_in_a_text_field_stay_in_it(page):
    # On a wide screen Material's search field is in the header, beside the step.
    page.goto(f"/en/{GUIDE}?step=5")
    shown_alone(page, 5)
    page.click(".md-search__input")
    page.keyboard.type("fee")
    for key in ("ArrowLeft", "ArrowRight", "ArrowRight"):
        page.keyboard.press(key)
        assert step_in_address(page) == ["5"] and page.locator("#step-5").is_visible(), key
    assert page.evaluate("() => document.activeElement.className").startswith("md-search__input")


@pytest.mark.parametrize("lang", LANGS)
def test_ticking_done_moves_on_and_is_the_full_pages_progress(phone, lang):
    phone.goto(f"{LANGS[lang]}{GUIDE}?step=3")
    shown_alone(phone, 3)
    assert phone.locator("#done-step-3").count() == 1  # the guide's own box, not a copy
    phone.check("#done-step-3")
    shown_alone(phone, 4)
    assert phone.evaluate("() => document.activeElement.id") == "step-4-title"
    step_id = phone.get_attribute("#step-3", "data-step-id")
    saved = json.loads(phone.evaluate("() => localStorage.getItem('goldcard:progress:extend')"))
    assert saved == {"version": 1, "done": [step_id]}
    # The whole page, in the other language too, has it ticked.
    for prefix in LANGS.values():
        phone.goto(f"{prefix}{GUIDE}")
        expect(phone.locator("#done-step-3")).to_be_checked()
        expect(phone.locator("#done-step-2")).not_to_be_checked()
        expect(phone.locator(".gc-progress-count")).to_contain_text("1 / 16")
    # And a tick on the full page shows in the view.
    phone.check("#done-step-5")
    phone.goto(f"{LANGS[lang]}{GUIDE}?step=5")
    expect(phone.locator("#done-step-5")).to_be_checked()
    phone.uncheck("#done-step-5")  # unticking stays on the step
    shown_alone(phone, 5)


def test_continue_and_the_guides_button_open_the_view_where_the_reader_left_off(phone, site_data):
    phone.goto(f"/en/{GUIDE}")
    for n in (1, 2, 3):
        phone.check(f"#done-step-{n}")
    phone.click(".gc-progress-continue")
    shown_alone(phone, 4)
    phone.click(".gc-stepview-whole")
    whole_guide(phone)
    button = phone.locator(".gc-stepview-open")
    phone.evaluate("() => window.scrollTo(0, 0)")
    expect(button).to_have_text(words(site_data, "stepview_open", "en"))
    button.click()
    shown_alone(phone, 4)


@pytest.mark.parametrize("lang", LANGS)
def test_the_whole_guide_comes_back_at_the_step_that_was_shown(phone, lang):
    phone.goto(f"{LANGS[lang]}{GUIDE}?step=9")
    shown_alone(phone, 9)
    phone.click(".gc-stepview-whole")
    whole_guide(phone)
    assert urlparse(phone.url).fragment == "step-9"
    title = phone.locator("#step-9-title").bounding_box()
    assert 0 <= title["y"] < 823, title  # scrolled to the step, on screen
    assert phone.evaluate("() => document.activeElement.id") == "step-9-title"
    # The arrow keys no longer move anything.
    phone.keyboard.press("ArrowRight")
    whole_guide(phone)


@pytest.mark.parametrize("step", ["0", "999", "17", "abc", "-1", "1.5", "", "7x"])
def test_a_step_that_is_not_the_guides_opens_the_whole_guide(phone, step):
    # Chosen: a link to no step of the guide shows the whole guide (not some step it did not name), and the
    # address loses the parameter, so that a reload or a bookmark does not keep the bad step.
    phone.goto(f"/en/{GUIDE}?step={step}")
    whole_guide(phone)
    assert "step=" not in phone.url


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_in_the_view(phone, lang, scheme):
    phone.goto(f"{LANGS[lang]}{GUIDE}?step=1")
    phone.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    shown_alone(phone, 1)  # Back disabled here
    found = violations(Axe(), phone)
    assert not found, found
    phone.click(".gc-stepview-next")
    shown_alone(phone, 2)
    found = violations(Axe(), phone)
    assert not found, found


def test_without_javascript_the_whole_guide_shows_and_no_control_of_the_view(browser, site_url):
    with guarded_page(browser, site_url, java_script_enabled=False, **PHONE) as page:
        page.goto(f"/en/{GUIDE}?step=7#step-7")
        for n in range(1, 17):
            assert page.locator(f"#step-{n}").is_visible()
        assert page.locator("article > h1").is_visible()
        assert page.locator(".gc-stepview-bar").is_hidden()
        assert page.locator(".gc-stepview-head").is_hidden()
        assert page.locator(".gc-stepview-open").is_hidden()


def test_printing_from_the_view_prints_the_whole_guide_without_its_controls(phone):
    phone.goto(f"/en/{GUIDE}?step=7")
    shown_alone(phone, 7)
    phone.emulate_media(media="print")
    for n in range(1, 17):
        expect(phone.locator(f"#step-{n}")).to_be_visible()
    expect(phone.locator("article > h1")).to_be_visible()
    expect(phone.locator(".gc-stepview-bar")).to_be_hidden()
    expect(phone.locator(".gc-stepview-head")).to_be_hidden()
