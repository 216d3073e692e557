"""The one description of the guide data: pydantic models for guides, shared blocks and the glossary.

Every text a reader sees is a `Text` pair (`zh` and `en`). Step numbers are never stored: they follow
from the order of the steps once shared blocks are included (see `goldcard.load`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, RootModel, Tag, field_validator, model_validator

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# A platform label is written 「中文」 in both languages; the glossary supplies the English.
LABEL_PATTERN = re.compile(r"「([^」]+)」")


class Strict(BaseModel):
    # Unknown keys are typos an editor wants to hear about, not data to drop silently.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in both languages. Emptiness is reported by validation, so that an untranslated
    import still loads and `i18n-status` can list what is missing."""

    zh: str = Field(description="Traditional Chinese (zh-TW) text; Markdown where the field allows it.")
    en: str = Field(description="English text; keep platform labels as 「中文」.")

    def __getitem__(self, lang: Lang) -> str:
        return getattr(self, lang)

    def labels(self) -> list[str]:
        """The platform labels (「...」) this text mentions, in order of appearance."""
        return LABEL_PATTERN.findall(self.zh)


class PerLanguageUrl(Strict):
    zh: str
    en: str


class Link(Strict):
    label: Text
    url: Union[str, PerLanguageUrl] = Field(
        description="One https URL, or one per language where the target has language versions."
    )

    def url_for(self, lang: Lang) -> str:
        return self.url if isinstance(self.url, str) else getattr(self.url, lang)


NoteKind = Literal["note", "tip", "warning", "danger", "info"]


class Note(Strict):
    kind: NoteKind = "note"
    title: Text | None = Field(None, description="Defaults to the kind's name in the page's language.")
    text: Text = Field(description="Markdown.")


class Source(Strict):
    """Where a step comes from: which source guide, which of its steps, and that guide's date."""

    guide: str = Field(pattern=SLUG)
    step: int = Field(ge=1)
    date: dt.date | None = Field(None, description="That guide's date; left out when its source gives none.")


class Step(Strict):
    id: str = Field(pattern=SLUG, description="Stable id; links to steps use it. Never renumber by hand.")
    title: Text
    body: Text | None = Field(None, description="The instructions, in Markdown.")
    notes: list[Note] = []
    links: list[Link] = []
    screen: Text | None = Field(None, description="What the reader will see on the platform at this step.")
    source: Source | None = Field(None, description="Required in shared blocks; defaults to the guide itself.")
    reconstructed: str | None = Field(
        None, description="For editors only: why and from what this step was rebuilt. Never shown to readers."
    )

    def texts(self) -> list[Text]:
        found = [self.title]
        found += [t for t in (self.body, self.screen) if t is not None]
        for note in self.notes:
            found += [note.text] + ([note.title] if note.title else [])
        found += [link.label for link in self.links]
        return found

    def labels(self) -> list[str]:
        seen: dict[str, None] = {}
        for text in self.texts():
            for label in text.labels():
                seen.setdefault(label, None)
        return list(seen)


class Include(Strict):
    include: str = Field(pattern=SLUG, description="Name of a shared block in data/shared/.")


def _step_or_include(value: Any) -> str:
    keys = value.keys() if isinstance(value, dict) else vars(value)
    return "Include" if "include" in keys else "Step"


# Tagged, so that an error in a step is reported once, against the step, not against both kinds.
StepOrInclude = Annotated[
    Union[Annotated[Step, Tag("Step")], Annotated[Include, Tag("Include")]], Discriminator(_step_or_include)
]


class Section(Strict):
    id: str = Field(pattern=SLUG)
    title: Text
    declared_steps: int | None = Field(None, ge=1, description="Step count the source declares, checked on build.")
    steps: list[StepOrInclude] = Field(min_length=1)


# The deadline calculators (data/deadlines.yaml) and the processing timeline, which a guide can embed.
CalculatorId = Literal["extension", "supplement", "pickup", "address"]
Tool = Literal["extension", "supplement", "pickup", "address", "timeline"]


class Guide(Strict):
    number: int = Field(ge=1, description="Number in the office's series.")
    slug: str = Field(pattern=SLUG)
    title: Text
    summary: Text = Field(description="One line, shown on the home page.")
    author: Text
    # A date the source does not give is left out, never guessed: readers see no date rather than a wrong one.
    created: dt.date | None = Field(None, description="The source's creation date, if it gives one.")
    updated: dt.date | None = Field(None, description="The source's last update, if it gives one.")
    # Unlike the two above, not from the source: an editor's record of walking the guide on the platform itself.
    verified: dt.date | None = Field(
        None, description="The day an editor last walked every step of this guide on the live platform and found it "
        "true (YYYY-MM-DD). Shown on the page; `make check` reminds the editors once it is older than "
        "`extra: goldcard: verify_after_days` in mkdocs.yml. Leave it out until someone has done so."
    )
    source_file: str | None = Field(None, description="The step-guide export this guide was made from.")
    declared_steps: int | None = Field(None, ge=1)
    intro: Text | None = Field(None, description="Markdown shown before the steps.")
    notices: list[Note] = []
    links: list[Link] = []
    checklist: list[Text] = Field([], description="What to have ready before starting.")
    tools: list[Tool] = Field(
        [], description="Interactive tools shown before the steps: deadline calculators (data/deadlines.yaml) "
        "or the processing timeline."
    )
    sections: list[Section] = Field(min_length=1)

    @field_validator("updated")
    @classmethod
    def _not_before_created(cls, updated: dt.date | None, info) -> dt.date | None:  # noqa: ANN001
        created = info.data.get("created")
        if created and updated and updated < created:
            raise ValueError(f"updated ({updated}) is before created ({created})")
        return updated


class SharedBlock(Strict):
    """Steps written once and included by several guides (the login sequence)."""

    title: Text
    steps: list[Step] = Field(min_length=1)

    @field_validator("steps")
    @classmethod
    def _sourced(cls, steps: list[Step]) -> list[Step]:
        for step in steps:
            if step.source is None:
                raise ValueError(f"step {step.id!r} of a shared block must say its source (guide, step, date)")
        return steps


TermKind = Literal[
    "menu", "tab", "button", "role", "status", "stage", "field", "page", "message", "document", "organisation"
]


class Term(Strict):
    zh: str = Field(description="The label exactly as the platform shows it.")
    en: str = Field(description="English name, shown beside the Chinese label on English pages.")
    kind: TermKind
    explain: Text = Field(description="One line: what it is.")
    next: Text | None = Field(None, description="For statuses and stages: what the applicant does next.")
    prose_en: str | None = Field(
        None, description="The English that running text must use for this term: where a Chinese text uses the term "
        "outside 「」, its English contains these words (checked by `make check`; one term, one English name)."
    )


class Glossary(Strict):
    terms: list[Term]

    def by_label(self) -> dict[str, Term]:
        return {term.zh: term for term in self.terms}


class UiStrings(RootModel[dict[str, Text]]):
    """The site's own words (headings, buttons, messages), in both languages."""

    def get(self, key: str, lang: Lang, **values: object) -> str:
        return self.root[key][lang].format(**values)


# ---------------------------------------------------------------- deadlines (data/deadlines.yaml)
# The date rules have one implementation, docs/javascripts/deadlines.js; this describes its configuration.
# Ids are camelCase because they are the keys the JavaScript functions return (`lastDay`).
RULE_ID = r"^[a-z][a-zA-Z]*$"

# What `window.goldcard.deadlines` promises (design.md, "Contract"): each function's result keys and the
# extension statuses. Renaming one here breaks readers' scripts and the tests, so the data may not.
CONTRACT_DATES: dict[str, set[str]] = {
    "extension": {"opens", "locks", "lastDay"},
    "supplement": {"due", "latest"},
    "pickup": {"due"},
    "address": {"due"},
}
CONTRACT_STATUSES: dict[str, list[str]] = {"extension": ["not-open", "open", "locked", "expired"]}


class CalendarEvent(Strict):
    summary: Text = Field(description="The event's title in the reader's calendar; plain text.")
    reminder_days: int = Field(ge=0, le=60, description="Days before the date to remind; 0 reminds on the day.")


class DateInput(Strict):
    id: str = Field(pattern=RULE_ID, description="The argument of the JavaScript function, e.g. `expiry`.")
    label: Text = Field(description="The form field's label.")
    noun: Text = Field(description="How rule sentences name this date: 到期日 / the expiry date.")
    hint: Text | None = Field(None, description="One line under the field; plain text.")


class RuleDate(Strict):
    """One date a calculator gives: another date moved by calendar months and then by days."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=RULE_ID)
    label: Text = Field(description="Shown beside the date in results and in the rules table; plain text.")
    noun: Text = Field(description="How rule sentences name this date (鎖定日 / the locking date).")
    from_: str = Field(alias="from", pattern=RULE_ID, description="The input's id or an earlier date's id.")
    months: int = Field(0, ge=-120, le=120, description="Calendar months; negative is before.")
    days: int = Field(0, ge=-3650, le=3650, description="Days, after the months; negative is before.")
    calendar: CalendarEvent | None = Field(None, description="Offer this date as a calendar event.")


StatusKind = Literal["info", "success", "warning", "danger"]


class RuleStatus(Strict):
    """Where today stands. A status holds from its `from` date (moved by `days`) until the next one starts."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=SLUG)
    kind: StatusKind
    label: Text = Field(description="Plain text.")
    explain: Text = Field(description="When this status holds, written out for the rules; Markdown.")
    message: Text = Field(description="Shown with a result; plain text; `{date-id}` and `{days_left}` are filled in.")
    from_: str | None = Field(None, alias="from", pattern=RULE_ID, description="Omitted only on the first status.")
    days: int = Field(0, ge=-3650, le=3650)


class RuleWarning(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=SLUG)
    title: Text = Field(description="Plain text.")
    text: Text = Field(description="Plain text; say why, not the date (the rule gives it).")
    from_: str = Field(alias="from", pattern=RULE_ID, description="Warn from this date (moved by months and days) on.")
    months: int = Field(0, ge=-120, le=120)
    days: int = Field(0, ge=-3650, le=3650)
    during: list[str] = Field(min_length=1, description="The statuses during which the warning applies.")


class RuleExample(Strict):
    """A worked example shown in the rules table; the browser tests check it against the calculator."""

    input: dt.date
    dates: dict[str, dt.date]


class Calculator(Strict):
    id: CalculatorId
    title: Text
    intro: Text = Field(description="The rule in words, with where it comes from; Markdown.")
    guide: str = Field(pattern=SLUG, description="The guide that explains the procedure.")
    input: DateInput
    dates: list[RuleDate] = Field(min_length=1)
    statuses: list[RuleStatus] = []
    warnings: list[RuleWarning] = []
    example: RuleExample

    @field_validator("dates")
    @classmethod
    def _dates_follow_known_dates(cls, dates: list[RuleDate], info) -> list[RuleDate]:  # noqa: ANN001
        if "input" not in info.data:
            return dates  # the input itself is wrong, and reported
        known = {info.data["input"].id}
        for date in dates:
            if date.from_ not in known:
                raise ValueError(f"date {date.id!r} counts from {date.from_!r}, which is not the input or an "
                                 f"earlier date (known: {', '.join(sorted(known))})")
            known.add(date.id)
        return dates

    @model_validator(mode="after")
    def _consistent(self):  # noqa: ANN202
        ids = [date.id for date in self.dates]
        wanted = CONTRACT_DATES[self.id]
        if set(ids) != wanted or len(ids) != len(wanted):
            raise ValueError(f"calculator {self.id!r} must give exactly the dates {sorted(wanted)} (the contract of "
                             f"window.goldcard.deadlines), not {ids}")
        statuses = [status.id for status in self.statuses]
        if statuses != CONTRACT_STATUSES.get(self.id, []):
            raise ValueError(f"calculator {self.id!r} must have the statuses {CONTRACT_STATUSES.get(self.id, [])} "
                             f"in that order, not {statuses}")
        known = {self.input.id, *ids}
        for index, status in enumerate(self.statuses):
            if (status.from_ is None) != (index == 0):
                raise ValueError(f"status {status.id!r}: only the first status has no `from`")
            if status.from_ is not None and status.from_ not in known:
                raise ValueError(f"status {status.id!r} starts from unknown date {status.from_!r}")
        for warning in self.warnings:
            if warning.from_ not in known:
                raise ValueError(f"warning {warning.id!r} starts from unknown date {warning.from_!r}")
            unknown = set(warning.during) - set(statuses)
            if unknown:
                raise ValueError(f"warning {warning.id!r} names unknown statuses {sorted(unknown)}")
        if set(self.example.dates) != set(ids):
            raise ValueError(f"the example must give every date of {self.id!r}: {sorted(ids)}")
        return self


class Duration(Strict):
    """One amount of time, in one unit, as the sources give it ("1-2 weeks", "about 1 week")."""

    months: int = Field(0, ge=0, le=24)
    weeks: int = Field(0, ge=0, le=52)
    days: int = Field(0, ge=0, le=365)

    def unit(self) -> tuple[str, int]:
        given = [(unit, n) for unit, n in (("months", self.months), ("weeks", self.weeks), ("days", self.days)) if n]
        if len(given) != 1:
            raise ValueError("give exactly one of months, weeks or days, and not zero")
        return given[0]

    @model_validator(mode="after")
    def _consistent(self):  # noqa: ANN202
        self.unit()
        return self


class StageDuration(Strict):
    applicants: list[str] = Field(min_length=1, description="The applicant types this duration is for.")
    who: Text | None = Field(None, description="Short name of those applicants, for the table; needed where a "
                             "stage has several durations. Plain text.")
    min: Duration
    max: Duration

    @model_validator(mode="after")
    def _consistent(self):  # noqa: ANN202
        if self.min.unit()[0] != self.max.unit()[0] or self.min.unit()[1] > self.max.unit()[1]:
            raise ValueError("min and max must be in the same unit, min not above max")
        return self


class Stage(Strict):
    id: str = Field(pattern=SLUG)
    label: Text = Field(description="The stage as the platform's progress chart names it: 「...」; plain text.")
    short: Text = Field(description="A few words for the drawn timeline, where the full label does not fit.")
    explain: Text = Field(description="One line; plain text.")
    durations: list[StageDuration] = Field(min_length=1, description="A stage applies to the applicants listed.")


class Applicant(Strict):
    id: str = Field(pattern=SLUG)
    label: Text = Field(description="Plain text.")


class Timeline(Strict):
    title: Text
    intro: Text = Field(description="Markdown.")
    input: DateInput
    applicant_label: Text = Field(description="The label of the applicant-type field.")
    applicants: list[Applicant] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    notes: list[Text] = Field([], description="Shown under the timeline; Markdown.")

    @model_validator(mode="after")
    def _consistent(self):  # noqa: ANN202
        known = {applicant.id for applicant in self.applicants}
        for stage in self.stages:
            if len(stage.durations) > 1 and any(d.who is None for d in stage.durations):
                raise ValueError(f"stage {stage.id!r} has several durations: give each a `who`")
            seen: set[str] = set()
            for duration in stage.durations:
                unknown = set(duration.applicants) - known
                if unknown:
                    raise ValueError(f"stage {stage.id!r} names unknown applicants {sorted(unknown)}")
                if seen & set(duration.applicants):
                    raise ValueError(f"stage {stage.id!r} gives two durations for {sorted(seen & set(duration.applicants))}")
                seen |= set(duration.applicants)
        return self

    def durations_for(self, applicant: str) -> list[tuple[Stage, StageDuration]]:
        return [(stage, d) for stage in self.stages for d in stage.durations if applicant in d.applicants]


class Deadlines(Strict):
    title: Text = Field(description="Heading of the rules section on the calculator page.")
    conventions: list[Text] = Field(min_length=1, description="How dates are counted, written out; Markdown.")
    calculators: list[Calculator] = Field(min_length=1)
    timeline: Timeline

    @field_validator("calculators")
    @classmethod
    def _each_once(cls, calculators: list[Calculator]) -> list[Calculator]:
        ids = [calculator.id for calculator in calculators]
        missing = set(CONTRACT_DATES) - set(ids)
        if missing or len(ids) != len(set(ids)):
            raise ValueError(f"give each calculator exactly once ({', '.join(CONTRACT_DATES)}); missing: "
                             f"{sorted(missing)}")
        return calculators

    def calculator(self, calculator_id: str) -> Calculator:
        return next(c for c in self.calculators if c.id == calculator_id)


# ---------------------------------------------------------------- reviewed translations (data/translations.lock)
# Written by scripts/i18n_status.py --reviewed, read by goldcard/checks/reviewed.py; not edited by hand.
LOCK_HASH = r"^[0-9a-f]{12}$"


class ReviewedChinese(Strict):
    """The Chinese an English text was last reviewed against: its short hash (whitespace left out, so that
    reflowing or reindenting it changes nothing) and the Chinese itself, which a message quotes when it changes."""

    hash: str = Field(pattern=LOCK_HASH)
    zh: str


class TranslationLock(RootModel[dict[str, dict[str, ReviewedChinese]]]):
    """Per data file (its path under data/), per text (a path of step ids, term labels and field names that
    does not change when a step moves), the Chinese its English was last reviewed against."""
