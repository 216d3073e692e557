"""The deadline rules and calculators in headless Chromium (Debian's /usr/bin/chromium).

The date rules have one implementation, docs/javascripts/deadlines.js; the cases in
tests/data/deadline_cases.yaml and the worked examples of data/deadlines.yaml run against it in the browser.
The calculators are driven like a reader would, with the clock fixed and the browser's time zone far from Taiwan.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from browsing import guarded_page, script_errors

pytestmark = pytest.mark.xdist_group("browser")

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests" / "data" / "deadline_cases.yaml").read_text(encoding="utf-8"))
RULES = yaml.safe_load((ROOT / "data" / "deadlines.yaml").read_text(encoding="utf-8"))
UI = yaml.safe_load((ROOT / "data" / "ui.yaml").read_text(encoding="utf-8"))
FUNCTIONS = ["extension", "supplement", "pickup", "address"]
PREFIX = {"zh": "", "en": "/en"}

CALL = """([name, args]) => {
  try { return {value: window.goldcard.deadlines[name](...args)}; }
  catch (error) { return {error: error.name, message: error.message}; }
}"""


@pytest.fixture(scope="module")
def rules_page(browser, site_url):
    """One calculator page for the many cases: they are pure functions, nothing on the page changes."""
    with guarded_page(browser, site_url) as page:
        page.goto("/deadlines/")
        yield page


def call(page, name: str, *args):
    result = page.evaluate(CALL, [name, list(args)])
    assert "error" not in result, f"{name}{args} threw {result}"
    return result["value"]


def case_id(case: dict) -> str:
    return case.get("why") or "-".join(str(v) for v in case.values())


# ---------------------------------------------------------------- the rules, case by case


@pytest.mark.parametrize("case", CASES["extension"], ids=case_id)
def test_extension_dates(rules_page, case):
    assert call(rules_page, "extension", case["expiry"]) == {k: case[k] for k in ("opens", "locks", "lastDay")}


@pytest.mark.parametrize("case", CASES["status"], ids=case_id)
def test_extension_status_on_each_boundary(rules_page, case):
    assert call(rules_page, "status", case["expiry"], case["today"]) == case["status"]
    standing = call(rules_page, "standing", "extension", case["expiry"], case["today"])
    assert standing["status"] == case["status"]
    if "daysLeft" in case:
        assert standing["daysLeft"] == case["daysLeft"]


@pytest.mark.parametrize("case", CASES["hong_kong_macau"], ids=case_id)
def test_hong_kong_and_macau_warning_while_extensions_are_open(rules_page, case):
    standing = call(rules_page, "standing", "extension", case["expiry"], case["today"])
    assert standing["warnings"] == ([{"id": "hong-kong-macau", "from": "2026-12-29"}] if case["warned"] else [])


@pytest.mark.parametrize("name", ["supplement", "pickup", "address"])
def test_thirty_days_and_six_months(rules_page, name):
    argument = {"supplement": "notice", "pickup": "entry", "address": "moveIn"}[name]
    for case in CASES[name]:
        expected = {k: v for k, v in case.items() if k not in {"why", argument}}
        assert call(rules_page, name, case[argument]) == expected, case


@pytest.mark.parametrize("value", CASES["invalid"], ids=repr)
def test_impossible_dates_throw_range_error(rules_page, value):
    for name in FUNCTIONS:
        result = rules_page.evaluate(CALL, [name, [value]])
        assert result.get("error") == "RangeError", (name, value, result)
    for args in ([value, "2027-01-01"], ["2027-04-29", value]):
        result = rules_page.evaluate(CALL, ["status", args])
        assert result.get("error") == "RangeError", (args, result)
    result = rules_page.evaluate(CALL, ["timeline", ["abroad", value]])
    assert result.get("error") == "RangeError", (value, result)


@pytest.mark.parametrize("case", CASES["timeline"], ids=lambda case: case["applicant"])
def test_processing_timeline(rules_page, case):
    plan = call(rules_page, "timeline", case["applicant"], case["submitted"])
    assert [stage["id"] for stage in plan["stages"]] == case["stages"]
    assert (plan["earliest"], plan["latest"]) == (case["earliest"], case["latest"])
    # Each stage starts where the one before may end, at the earliest and at the latest.
    assert plan["stages"][0]["start"] == {"earliest": case["submitted"], "latest": case["submitted"]}
    for before, after in zip(plan["stages"], plan["stages"][1:]):
        assert after["start"] == before["end"]


@pytest.mark.parametrize("calculator", RULES["calculators"], ids=lambda c: c["id"])
def test_the_worked_examples_in_the_prose_are_what_the_calculator_gives(rules_page, calculator):
    example = calculator["example"]
    expected = {key: value.isoformat() for key, value in example["dates"].items()}
    assert call(rules_page, calculator["id"], example["input"].isoformat()) == expected


def test_the_rules_page_embeds_the_rules_of_the_data_file(rules_page):
    config = rules_page.evaluate("window.goldcard.deadlines.config")
    extension = next(c for c in config["calculators"] if c["id"] == "extension")
    from_data = next(c for c in RULES["calculators"] if c["id"] == "extension")
    assert [(d["id"], d["from"], d["months"], d["days"]) for d in extension["dates"]] == [
        (d["id"], d["from"], d.get("months", 0), d.get("days", 0)) for d in from_data["dates"]]


# ---------------------------------------------------------------- the calculator, as a reader uses it


@contextmanager
def calculator_at(browser, site_url, zone: str, instant: str, path: str):
    """A page whose clock stands still at `instant` and whose time zone is `zone`."""
    with guarded_page(browser, site_url, timezone_id=zone) as page:
        page.clock.set_fixed_time(dt.datetime.fromisoformat(instant))
        page.goto(path)
        yield page


def result_dates(page, form: str) -> dict[str, str]:
    rows = page.locator(f"#{form} .gc-result-dates tr")
    return {rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("time").get_attribute("datetime")
            for i in range(rows.count())}


# Taiwan's date is not the browser's: at these instants Honolulu (UTC-10) is a day behind Taipei and
# Kiritimati (UTC+14) a day ahead, and the status of a card expiring 2027-04-29 differs between them.
FAR_FROM_TAIWAN = [
    ("zh", "Pacific/Honolulu", "2027-03-28T20:00:00+00:00", "2027-03-28", "2027年3月29日（一）", "locked"),
    ("en", "Pacific/Honolulu", "2027-03-28T20:00:00+00:00", "2027-03-28", "Mon 29 March 2027", "locked"),
    ("zh", "Pacific/Kiritimati", "2027-03-28T12:00:00+00:00", "2027-03-29", "2027年3月28日（日）", "open"),
    ("en", "Pacific/Kiritimati", "2027-03-28T12:00:00+00:00", "2027-03-29", "Sun 28 March 2027", "open"),
]


@pytest.mark.parametrize("lang, zone, instant, local_day, taiwan_day, status", FAR_FROM_TAIWAN)
def test_the_calculator_uses_taiwans_date_whatever_the_browsers_time_zone(
        browser, site_url, lang, zone, instant, local_day, taiwan_day, status):
    with calculator_at(browser, site_url, zone, instant, f"{PREFIX[lang]}/deadlines/") as page:
        local = page.evaluate("() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; }")
        assert dt.date(*local).isoformat() == local_day  # the browser's own day is not Taiwan's
        page.fill("#gc-extension-expiry", "2027-04-29")
        page.press("#gc-extension-expiry", "Enter")
        form = page.locator("#gc-form-extension")
        assert list(result_dates(page, "gc-form-extension").values()) == [
            "2027-04-29", "2026-12-29", "2027-03-29", "2027-03-28"]
        assert taiwan_day in form.locator(".gc-today").inner_text()
        assert form.locator("[data-status]").get_attribute("data-status") == status
        if status == "open":  # the last day to submit is today
            assert "1" in form.locator("[data-status]").inner_text()
        long_dates = form.locator(".gc-result-dates time").all_inner_texts()
        expected = {"zh": ["2027年4月29日（四）", "2026年12月29日（二）", "2027年3月29日（一）", "2027年3月28日（日）"],
                    "en": ["Thu 29 April 2027", "Tue 29 December 2026", "Mon 29 March 2027", "Sun 28 March 2027"]}
        assert long_dates == expected[lang]
        assert form.locator(".gc-result-dates .gc-iso").all_inner_texts() == [
            "2027-04-29", "2026-12-29", "2027-03-29", "2027-03-28"]


@pytest.mark.parametrize("instant, status, warned", [("2027-03-01T04:00:00+00:00", "open", True),
                                                    ("2026-12-15T04:00:00+00:00", "not-open", False)])
def test_the_hong_kong_and_macau_warning_shows_while_extensions_are_open(browser, site_url, instant, status, warned):
    with calculator_at(browser, site_url, "Pacific/Honolulu", instant, "/en/deadlines/?extension=2027-04-29") as page:
        warning = page.locator("#gc-form-extension [data-warning=hong-kong-macau]")
        assert page.locator("#gc-form-extension [data-status]").get_attribute("data-status") == status
        assert warning.count() == (1 if warned else 0)
        if warned:
            title = RULES["calculators"][0]["warnings"][0]["title"]["en"]
            assert title in warning.inner_text() and "From Tue 29 December 2026: " in warning.inner_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_ics_file_parses_with_all_day_events_and_reminders(browser, site_url, lang):
    instant = "2027-01-10T03:04:05+00:00"
    with calculator_at(browser, site_url, "Pacific/Kiritimati", instant, f"{PREFIX[lang]}/deadlines/") as page:
        page.fill("#gc-extension-expiry", "2027-06-30")
        page.click("#gc-form-extension button[type=submit]")
        share = page.locator("#gc-form-extension .gc-share-link").get_attribute("href")
        with page.expect_download() as download_info:
            page.click("#gc-form-extension .gc-ics")
        download = download_info.value
        assert download.suggested_filename == "gold-card-extension-2027-06-30.ics"
        raw = Path(download.path()).read_bytes()
        with page.expect_download() as again:
            page.click("#gc-form-extension .gc-ics")
        second = Path(again.value.path()).read_bytes()

    # RFC 5545 framing: CRLF line ends, no line longer than 75 octets (folded lines start with a space).
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert raw.count(b"\r\n ") >= 1  # the long descriptions were folded
    raw.decode("utf-8")  # folding never cut a character in two

    calendar = Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
    events = calendar.walk("VEVENT")
    rules = {d["id"]: d for d in RULES["calculators"][0]["dates"]}
    expected = [("opens", dt.date(2027, 2, 28)), ("lastDay", dt.date(2027, 5, 29))]
    assert [str(event["UID"]) for event in events] == [f"extension-{key}-2027-06-30@goldcard-guides" for key, _ in expected]
    for event, (key, day) in zip(events, expected):
        assert event.decoded("DTSTART") == day and not isinstance(event.decoded("DTSTART"), dt.datetime)
        assert event.decoded("DTEND") == day + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == dt.datetime(2027, 1, 10, 3, 4, 5, tzinfo=dt.timezone.utc)
        assert str(event["SUMMARY"]) == rules[key]["calendar"]["summary"][lang]
        assert share in str(event["DESCRIPTION"]) and str(event["URL"]) == share
        noun = RULES["calculators"][0]["input"]["noun"][lang]
        assert str(event["DESCRIPTION"]).startswith(UI["calendar_description"][lang].split("{field}")[0])
        assert noun in str(event["DESCRIPTION"])
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
        days = rules[key]["calendar"]["reminder_days"]
        # 09:00 on the day `days` before the date (an all-day event starts at 00:00).
        assert alarms[0].decoded("TRIGGER") == dt.timedelta(days=-days, hours=9)
    # The same calculation gives the same events, so a calendar updates them instead of adding copies.
    assert [str(e["UID"]) for e in Calendar.from_ical(second).walk("VEVENT")] == [str(e["UID"]) for e in events]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_calculation_is_shared_by_its_url(page, lang):
    page.goto(f"{PREFIX[lang]}/deadlines/")
    page.fill("#gc-supplement-notice", "2027-08-31")
    page.click("#gc-form-supplement button[type=submit]")
    link = page.locator("#gc-form-supplement .gc-share-link")
    href = link.get_attribute("href")
    assert href.endswith(f"{PREFIX[lang]}/deadlines/?supplement=2027-08-31#gc-form-supplement")
    assert page.url == href  # the address bar reproduces it too
    fresh = page.context.new_page()
    fresh.goto(href)
    assert fresh.input_value("#gc-supplement-notice") == "2027-08-31"
    assert list(result_dates(fresh, "gc-form-supplement").values()) == ["2027-08-31", "2027-09-30", "2028-02-29"]
    fresh.close()


def test_one_url_reproduces_several_calculations_and_the_timeline(page):
    errors = script_errors(page)
    page.goto("/en/deadlines/?extension=2027-06-30&pickup=2027-01-31&timeline=2027-01-05&applicant=hong-kong-macau")
    assert list(result_dates(page, "gc-form-extension").values())[1:] == ["2027-02-28", "2027-05-30", "2027-05-29"]
    assert list(result_dates(page, "gc-form-pickup").values()) == ["2027-01-31", "2027-03-02"]
    assert page.input_value("#gc-timeline-applicant") == "hong-kong-macau"
    stages = page.locator("#gc-form-timeline [data-stage]")
    assert [stages.nth(i).get_attribute("data-stage") for i in range(stages.count())] == [
        "initial-review", "workforce-review", "final-review", "card-printing"]
    assert "Sat 13 March 2027" in page.inner_text("#gc-form-timeline .gc-timeline-completion")
    assert "Fri 21 May 2027" in page.inner_text("#gc-form-timeline .gc-timeline-completion")
    assert page.locator("#gc-form-supplement .gc-result").inner_text() == ""  # not in the URL: nothing shown
    assert not errors


def error_words(key: str, lang: str, **values: str) -> str:
    return UI[key][lang].format(**values)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_impossible_or_empty_dates_get_a_message_next_to_the_field(page, lang):
    page.goto(f"{PREFIX[lang]}/deadlines/")
    field = page.locator("#gc-extension-expiry")
    error = page.locator("#gc-extension-expiry-error")
    assert "gc-extension-expiry-error" in field.get_attribute("aria-describedby").split()
    noun = RULES["calculators"][0]["input"]["noun"][lang]
    cases = [
        ("", error_words("date_error_empty", lang, field=noun)),
        ("2027-02-30", error_words("date_error_impossible", lang, value="2027-02-30")),
        ("2100-02-29", error_words("date_error_impossible", lang, value="2100-02-29")),
        ("next Tuesday", UI["date_error_format"][lang]),
        ("1800-01-01", error_words("date_error_range", lang, min="1900", max="2200")),
    ]
    for typed, message in cases:
        field.fill(typed)
        field.press("Enter")
        assert error.is_visible() and error.inner_text() == message, typed
        assert field.get_attribute("aria-invalid") == "true"
        assert page.locator("#gc-form-extension .gc-result").inner_text() == ""  # never a wrong date
        assert page.evaluate("document.activeElement.id") == "gc-extension-expiry"
    field.fill("2027-06-30")
    field.press("Enter")
    assert not error.is_visible() and field.get_attribute("aria-invalid") is None
    assert page.locator("#gc-form-extension .gc-result-dates").count() == 1


def test_a_shared_url_with_an_impossible_date_shows_the_message_not_a_date(page):
    page.goto("/deadlines/?pickup=2027-02-30")
    assert page.inner_text("#gc-pickup-entry-error") == error_words("date_error_impossible", "zh", value="2027-02-30")
    assert page.locator("#gc-form-pickup .gc-result-dates").count() == 0


@pytest.mark.parametrize("typed", ["２０２７／６／３０", "2027年6月30日", "2027/6/30", " 2027.06.30 "])
def test_dates_typed_the_way_readers_write_them_are_read(page, typed):
    page.goto("/deadlines/")
    page.fill("#gc-address-moveIn", typed)
    page.press("#gc-address-moveIn", "Enter")
    assert page.input_value("#gc-address-moveIn") == "2027-06-30"
    assert list(result_dates(page, "gc-form-address").values()) == ["2027-06-30", "2027-07-30"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_processing_timeline_is_drawn_for_the_chosen_applicant(page, lang):
    page.goto(f"{PREFIX[lang]}/deadlines/")
    page.select_option("#gc-timeline-applicant", "extension")
    page.fill("#gc-timeline-submitted", "2027-01-31")
    page.click("#gc-form-timeline button[type=submit]")
    items = page.locator("#gc-form-timeline .gc-timeline-item")
    assert [items.nth(i).get_attribute("data-stage") for i in range(items.count())] == [
        "workforce-review", "final-review", "card-printing"]
    completion = page.inner_text("#gc-form-timeline .gc-timeline-completion")
    assert {"zh": "2027年3月8日（一）", "en": "Mon 8 March 2027"}[lang] in completion
    assert {"zh": "2027年4月16日（五）", "en": "Fri 16 April 2027"}[lang] in completion
    # The bars share one axis: the last one ends where the axis does.
    bars = page.evaluate("""() => [...document.querySelectorAll('#gc-form-timeline .gc-timeline-bar')].map(bar => {
        const track = bar.parentElement.getBoundingClientRect(), box = bar.getBoundingClientRect();
        return [(box.left - track.left) / track.width, (box.right - track.left) / track.width]; })""")
    assert bars[0][0] == pytest.approx(0, abs=0.01) and bars[-1][1] == pytest.approx(1, abs=0.01)
    assert all(a[0] <= b[0] for a, b in zip(bars, bars[1:]))


EMBEDDED = [("extend", "extension", "expiry", "2027-06-30", ["2027-02-28", "2027-05-30", "2027-05-29"]),
            ("supplement", "supplement", "notice", "2027-08-31", ["2027-09-30", "2028-02-29"]),
            ("track-and-collect", "pickup", "entry", "2027-01-31", ["2027-03-02"]),
            ("update-details", "address", "moveIn", "2027-12-31", ["2028-01-30"])]


@pytest.mark.parametrize("slug, tool, field, typed, dates", EMBEDDED)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_guide_embeds_the_calculator_it_needs(page, slug, tool, field, typed, dates, lang):
    errors = script_errors(page)
    page.goto(f"{PREFIX[lang]}/guides/{slug}/")
    forms = page.locator("form[data-calculator]")
    assert [forms.nth(i).get_attribute("data-calculator") for i in range(forms.count())] == [tool]
    page.fill(f"#gc-{tool}-{field}", typed)
    page.press(f"#gc-{tool}-{field}", "Enter")
    assert list(result_dates(page, f"gc-form-{tool}").values()) == [typed] + dates
    rules = page.locator(f"a[href*='deadlines/#{tool}']")
    assert rules.count() == 1
    rules.click()
    assert page.url.endswith(f"{PREFIX[lang]}/deadlines/#{tool}")
    assert not errors


def test_track_and_collect_embeds_the_timeline_and_the_guides_without_tools_have_no_calculator(page):
    page.goto("/guides/track-and-collect/")
    assert page.locator("figure.gc-timeline").is_visible()
    assert page.locator("form[data-timeline]").is_visible()
    page.goto("/guides/apply/")
    assert page.locator("form.gc-calculator").count() == 0
    assert page.evaluate("(window.goldcard || {}).deadlines") is None  # its scripts are not even loaded


def test_without_javascript_the_rules_read_and_the_dead_forms_stay_hidden(browser, site_url):
    with guarded_page(browser, site_url, java_script_enabled=False) as page:
        page.goto("/en/deadlines/")
        assert page.locator(".gc-rules table").first.is_visible()
        assert "4 months before the expiry date" in page.locator("#extension ~ .gc-rules").first.inner_text()
        assert page.locator("figure.gc-timeline").is_visible()
        assert page.locator("form[data-calculator]").first.is_hidden()
        assert page.locator(".gc-needs-js").first.is_visible()
