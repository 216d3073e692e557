"""The one description of the guide data: pydantic models for guides, shared blocks and the glossary.

Every text a reader sees is a `Text` pair (`zh` and `en`). Step numbers are never stored: they follow
from the order of the steps once shared blocks are included (see `goldcard.load`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cached_property
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


# ---------------------------------------------------------------- sketches of the platform's screens
# A sketch is drawn by the core (goldcard/render/sketch.py) from names, never from pictures: every label in it
# is a platform label with a glossary entry (its English comes from there), and whatever the platform repeats
# from screen to screen (header, menus, tabs, button rows, dialogs) is described once, in data/platform.yaml.
# Sample values are never data: a filled-in field is drawn as a neutral bar, whatever the screenshot showed.

FieldValue = Literal["empty", "filled", "choose", "date", "file", "number"]


class FieldPart(Strict):
    field: str = Field(description="The field's label, as the platform shows it (a glossary entry).")
    required: bool = Field(False, description="The platform marks it required (a red *).")
    value: FieldValue = Field("empty", description="What is in it, neutrally: empty, filled (a grey bar), choose (a "
                              "drop-down), date, file (a file picker), number (an application number, as ○○○○).")


class TickPart(Strict):
    tick: str = Field(description="The tick box's label (a glossary entry).")
    ticked: bool = False


class ChoicePart(Strict):
    choice: str = Field(description="The question's label (a glossary entry).")
    options: list[str] = Field(min_length=2, description="The radio buttons' labels, in order.")
    chosen: str | None = Field(None, description="The option shown chosen, if any.")


class ButtonsPart(Strict):
    buttons: list[str] = Field(min_length=1, description="A row of buttons, by label.")


class ButtonRowPart(Strict):
    button_row: str = Field(pattern=SLUG, description="One of the platform's button rows (data/platform.yaml).")


class LinkPart(Strict):
    link: str = Field(description="A link's words, as the platform shows them (a glossary entry).")


class TablePart(Strict):
    table: list[str] = Field(min_length=1, description="The column headings.")
    rows: Union[int, list[list[str | None]]] = Field(
        1, description="How many neutral sample rows, or the rows themselves: per column a label the platform "
        "shows there (a status, a button) or null for a neutral value.")


class NoticePart(Strict):
    notice: Text = Field(description="The platform's notice, in words of its own (plain text, no sample data).")
    tone: Literal["red", "blue"] = "red"


class ParagraphPart(Strict):
    heading: str | None = Field(None, description="A heading label above the text (a glossary entry).")
    lines: int = Field(2, ge=0, le=6, description="Lines of neutral text drawn under it.")
    text: Text | None = Field(None, description="Or words of its own (plain text).")


class StagesPart(Strict):
    stages: list[str] = Field(min_length=2, description="A progress chart's stages, in order (glossary entries).")
    current: str | None = None


class TitlePart(Strict):
    title: str = Field(description="A page or section title as the platform shows it (「… - 列表」).")


SketchPart = Annotated[
    Union[
        Annotated[FieldPart, Tag("FieldPart")], Annotated[TickPart, Tag("TickPart")], Annotated[ChoicePart, Tag("ChoicePart")],
        Annotated[ButtonsPart, Tag("ButtonsPart")], Annotated[ButtonRowPart, Tag("ButtonRowPart")],
        Annotated[LinkPart, Tag("LinkPart")], Annotated[TablePart, Tag("TablePart")], Annotated[NoticePart, Tag("NoticePart")],
        Annotated[ParagraphPart, Tag("ParagraphPart")], Annotated[StagesPart, Tag("StagesPart")],
        Annotated[TitlePart, Tag("TitlePart")], Annotated["BoxPart", Tag("BoxPart")],
    ],
    Discriminator(lambda value: _part_kind(value)),
]

# The tags are the class names, not the keys: pydantic puts the tag in an error's path, and a key there would
# be taken for the part's own field of that name (goldcard.load.UNION_TAGS leaves them out).
PART_TAGS = {"field": "FieldPart", "tick": "TickPart", "choice": "ChoicePart", "buttons": "ButtonsPart",
             "button_row": "ButtonRowPart", "link": "LinkPart", "table": "TablePart", "notice": "NoticePart",
             "stages": "StagesPart", "title": "TitlePart", "box": "BoxPart"}


def _part_kind(value: Any) -> str | None:
    keys = value.keys() if isinstance(value, dict) else vars(value)
    found = [tag for key, tag in PART_TAGS.items() if key in keys]
    if found:
        return found[0]
    return "ParagraphPart" if {"heading", "lines", "text"} & set(keys) else None


class BoxPart(Strict):
    box: str = Field(description="A framed panel's title label (a login form: 帳號登入).")
    parts: list[SketchPart] = Field(min_length=1)


class DialogView(Strict):
    """A dialog over the page: one of the platform's (data/platform.yaml), by id, or one of its own."""

    use: str | None = Field(None, pattern=SLUG, description="One of the platform's dialogs.")
    title: str | None = Field(None, description="Its title label, for a dialog of its own.")
    parts: list[SketchPart] = []
    buttons: list[str] = []
    ticked: bool = Field(False, description="For a platform dialog with a tick box: shown ticked.")

    @model_validator(mode="after")
    def _one_kind(self):  # noqa: ANN202
        if (self.use is None) == (self.title is None):
            raise ValueError("a dialog names a platform dialog (`use`) or has a `title` of its own, not both")
        return self


class Sketch(Strict):
    """One screen of the platform as the step's source showed it. Drawn top to bottom: the header and menu bar,
    the open menu's entries, the page's title, the tabs, the other parts, then any dialog over the page."""

    def parts_above_tabs(self) -> int:
        if self.tabs_at is not None:
            return min(self.tabs_at, len(self.parts))
        leading = 0
        while leading < len(self.parts) and isinstance(self.parts[leading], TitlePart):
            leading += 1
        return leading if self.tabs else 0

    menu_bar: str | None = Field(None, pattern=SLUG, description="The platform's menu bar shown (data/platform.yaml); "
                                 "none for a screen without the header (a dialog alone).")
    open_menu: str | None = Field(None, description="The menu shown open, its entries listed under it.")
    tabs: str | None = Field(None, pattern=SLUG, description="The platform's tab strip shown (data/platform.yaml).")
    current_tab: str | None = None
    parts: list[SketchPart] = []
    tabs_at: int | None = Field(None, ge=0, description="How many of the parts come above the tab strip; by "
                                "default the leading titles (a page's title is above its tabs).")
    dialog: DialogView | None = None
    marks: list[str] = Field([], description="What the source's screenshot marks (a red box, arrow or number), by "
                             "label, in the source's order: numbered 1, 2, … Nothing the source does not mark.")
    inferred: str | None = Field(None, description="For editors only: what of this sketch is not in the source's "
                                 "description, and why. Never shown to readers.")


class Step(Strict):
    id: str = Field(pattern=SLUG, description="Stable id; links to steps use it. Never renumber by hand.")
    title: Text
    body: Text | None = Field(None, description="The instructions, in Markdown.")
    notes: list[Note] = []
    links: list[Link] = []
    screen: Text | None = Field(None, description="What the reader will see on the platform at this step.")
    sketch: Sketch | None = Field(None, description="A drawing of that screen, with what to use marked.")
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


BoxPart.model_rebuild()
DialogView.model_rebuild()


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


class PlatformHeader(Strict):
    agency: str = Field(description="The agency's name at the top left (a glossary entry).")
    name: str = Field(description="The platform's name beside it (a glossary entry).")
    signed_in: list[str] = Field([], description="What the header shows at the right once logged in.")


class PlatformMenu(Strict):
    label: str
    entries: list[str] = []


class PlatformMenuBar(Strict):
    id: str = Field(pattern=SLUG)
    signed_in: bool = Field(False, description="Shown to a logged-in user: the header has its signed_in parts.")
    menus: list[PlatformMenu] = Field(min_length=1)


class PlatformTabs(Strict):
    id: str = Field(pattern=SLUG)
    tabs: list[str] = Field(min_length=2)


class PlatformButtonRow(Strict):
    id: str = Field(pattern=SLUG)
    buttons: list[str] = Field(min_length=1)


class PlatformDialog(Strict):
    id: str = Field(pattern=SLUG)
    title: str
    parts: list[SketchPart] = []
    buttons: list[str] = Field(min_length=1)


class Platform(Strict):
    """The parts of the platform that recur from screen to screen (data/platform.yaml), written once: a sketch
    names them, so renaming a menu entry here redraws every sketch that shows it."""

    header: PlatformHeader
    menu_bars: list[PlatformMenuBar] = Field(min_length=1)
    tabs: list[PlatformTabs] = []
    button_rows: list[PlatformButtonRow] = []
    dialogs: list[PlatformDialog] = []

    def menu_bar(self, bar_id: str) -> PlatformMenuBar | None:
        return next((bar for bar in self.menu_bars if bar.id == bar_id), None)

    def tab_strip(self, tabs_id: str) -> PlatformTabs | None:
        return next((tabs for tabs in self.tabs if tabs.id == tabs_id), None)

    def button_row(self, row_id: str) -> PlatformButtonRow | None:
        return next((row for row in self.button_rows if row.id == row_id), None)

    def dialog(self, dialog_id: str) -> PlatformDialog | None:
        return next((dialog for dialog in self.dialogs if dialog.id == dialog_id), None)


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

    @cached_property
    def by_label(self) -> Mapping[str, Term]:
        """Each term by its Chinese label, in the glossary's order; made once, as the model is frozen (every label
        of every sketch is looked up here). Not to be changed; a dict, so that the glossary still pickles."""
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
