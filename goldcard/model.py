"""The one description of the guide data: pydantic models for guides, shared blocks and the glossary.

Every text a reader sees is a `Text` pair (`zh` and `en`). Step numbers are never stored: they follow
from the order of the steps once shared blocks are included (see `goldcard.load`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, RootModel, Tag, field_validator

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
    date: dt.date


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


class Guide(Strict):
    number: int = Field(ge=1, description="Number in the office's series.")
    slug: str = Field(pattern=SLUG)
    title: Text
    summary: Text = Field(description="One line, shown on the home page.")
    author: Text
    created: dt.date
    updated: dt.date
    source_file: str | None = Field(None, description="The step-guide export this guide was made from.")
    declared_steps: int | None = Field(None, ge=1)
    intro: Text | None = Field(None, description="Markdown shown before the steps.")
    notices: list[Note] = []
    links: list[Link] = []
    checklist: list[Text] = Field([], description="What to have ready before starting.")
    sections: list[Section] = Field(min_length=1)

    @field_validator("updated")
    @classmethod
    def _not_before_created(cls, updated: dt.date, info) -> dt.date:  # noqa: ANN001
        created = info.data.get("created")
        if created and updated < created:
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


class Glossary(Strict):
    terms: list[Term]

    def by_label(self) -> dict[str, Term]:
        return {term.zh: term for term in self.terms}


class UiStrings(RootModel[dict[str, Text]]):
    """The site's own words (headings, buttons, messages), in both languages."""

    def get(self, key: str, lang: Lang, **values: object) -> str:
        return self.root[key][lang].format(**values)
