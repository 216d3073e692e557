"""Readers' reports: the address behind each step's "Something wrong with this step?" link.

The editors choose where reports go (`extra: goldcard: feedback:` in mkdocs.yml): an issue tracker's new-issue
address (`https://github.com/OWNER/REPO/issues/new`), which takes `title` and `body`, or a `mailto:` address,
which takes `subject` and `body` (RFC 6068). Either way the report comes filled in with what the editors need to
find the step: the guide (title and slug), the step's number and stable id, the page's language and address. It
is a plain link, made at build time: no script, nothing the page's Content-Security-Policy has to allow, and the
same bytes on every build.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from .model import Lang, UiStrings
from .safe_text import plain_address
from .text import ui_text

# The language of the page, as its `lang` attribute names it.
LOCALES: dict[Lang, str] = {"zh": "zh-TW", "en": "en"}


def target_problem(value: object) -> str | None:
    """What is wrong with a configured report target, or None if it can be used."""
    if not isinstance(value, str) or not value.strip():
        return f"the report target {value!r} is not an address"
    url = value.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if not plain_address(url) or scheme not in ("https", "mailto"):
        return f"the report target {url} is not an https: or mailto: address"
    if any(ch.isspace() for ch in url):
        return f"the report target {url} has a space in it"
    if "#" in url:
        return f"the report target {url} has a #fragment, which would swallow the report's text"
    if scheme == "https" and not parts.hostname:
        return f"the report target {url} names no host"
    if scheme == "mailto" and "@" not in parts.path:
        return f"the report target {url} names no email address"
    if scheme == "mailto" and any(f"{key}=" in parts.query.lower() for key in ("subject", "body")):
        return f"the report target {url} already sets a subject or body, which the report fills in"
    return None


def feedback_target(value: object) -> str | None:
    """The configured target if it can be used; None (no link shown) if it is unset or wrong (the checks say why)."""
    if value is None or target_problem(value) is not None:
        return None
    return str(value).strip()


@dataclass(frozen=True)
class StepReport:
    """What a report on one step says before the reader writes a word."""

    guide_slug: str
    guide_title: str
    step_id: str
    step_number: int
    lang: Lang
    page_address: str  # the page's address with the step's anchor: absolute when the site knows where it is


def report_title(report: StepReport, ui: UiStrings) -> str:
    step = ui_text(ui, "step", report.lang, n=report.step_number)
    # The guide's slug, not its title, in the title: it is in the address of every step (a title in Chinese takes
    # nine characters a character there), and the body names the guide in full.
    return ui_text(ui, "feedback_title", report.lang, slug=report.guide_slug, step=step, id=report.step_id)


def report_body(report: StepReport, ui: UiStrings, newline: str = "\n") -> str:
    step = ui_text(ui, "step", report.lang, n=report.step_number)
    text = ui_text(ui, "feedback_body", report.lang, guide=report.guide_title, slug=report.guide_slug, step=step,
                   id=report.step_id, locale=LOCALES[report.lang], address=report.page_address)
    return newline.join(line.rstrip() for line in text.split("\n"))


def encoded(text: str) -> str:
    """One query value, every character but the unreserved ones percent-encoded (a space as %20, which both
    issue trackers and mail programs read; `+` is a space only to the former)."""
    return quote(text, safe="")


def report_address(target: str, report: StepReport, ui: UiStrings) -> str:
    """The target with the report filled in: `?title=…&body=…` for a tracker, `?subject=…&body=…` for mail."""
    mail = target.lower().startswith("mailto:")
    subject_key = "subject" if mail else "title"
    # Mail bodies break lines with CRLF (RFC 6068, section 2); trackers take LF as typed.
    body = report_body(report, ui, "\r\n" if mail else "\n")
    query = f"{subject_key}={encoded(report_title(report, ui))}&body={encoded(body)}"
    return target + ("&" if "?" in target else "?") + query
