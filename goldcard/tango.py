"""Read a step-guide tool's text export (like ../shared/sources/*.txt) into a guide data file, and list the
defects of the source: declared count versus steps found, missing or repeated STEP numbers, steps whose
heading was lost, links with no target, http:// links, hosts that are not the right ones, link texts that
are bare host names, steps referred to by number.

The exports come in two shapes: Markdown headings (`## STEP 5`, then `### title`) and plain lines (`STEP 5`,
then the title). A line followed by `N Steps` is a section heading; the first `N Steps` is the guide's own
count. A section that has all its declared steps ends there: the steps after it are in an unnamed section.
Under each step, the instructions come first; the text machine-read from the screenshot follows. The import
keeps the instructions as the Chinese body and puts the screenshot text in a YAML comment for the editor,
since it is not content (design.md). English is left empty: validation lists it for the translator.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .checks.config import CheckConfig
from .checks.links import external_problems, markdown_targets
from .checks.numbering import WRITTEN_STEP_NUMBER
from .problems import Problem, display_path
from .yaml_text import comment, pair, scalar

STEP_LINE = re.compile(r"^\s*(?:#{1,6}\s*)?STEP\s+(\d+)\s*$")
COUNT_LINE = re.compile(r"^\s*(\d+)\s+Steps\b")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
GUIDE_TITLE = re.compile(r"^\s*(?:#{1,6}\s*)?(\d+)\s*\.\s*(.+?)\s*$")
META_LABELS = {
    "author": ("Created by", "作者"),
    "created": ("Creation Date", "製作日期"),
    "updated": ("Last Updated", "最近更新"),
}
DATE_FORMATS = ("%b %d, %Y", "%Y/%m/%d", "%Y-%m-%d")
BARE_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+$")
# Lines that only the screenshot has: the platform's page furniture, tables, tick boxes, the tool's page count.
SCREEN_MARKS = re.compile(r"NATIONAL IMMIGRATION AGENCY|Foreign Professionals|中華民國內政部移民署|登出倒數|"
                          r"\t|[☐☒✓]|^Page \d+ of \d+$|^\s*\|", re.MULTILINE)
NOTE_START = re.compile(r"^\s*(註|注意|請注意)")
URL = re.compile(r"https?://")


@dataclass
class SourceStep:
    number: int | None  # None: the source lost this step's STEP heading
    title: str
    line: int  # of the STEP heading, or of the title when the heading is lost
    body: list[tuple[int, str]] = field(default_factory=list)
    inferred: int = 0  # the number the import gives it

    def paragraphs(self) -> list[str]:
        text = "\n".join(line for _, line in self.body).strip("\n")
        return [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]


@dataclass
class SourceSection:
    title: str | None
    declared: int | None
    line: int
    steps: list[SourceStep] = field(default_factory=list)


@dataclass
class SourceGuide:
    path: Path
    number: int
    title: str
    title_line: int
    intro_lines: list[tuple[int, str]]
    declared: int | None
    declared_line: int
    author: str = ""
    created: dt.date | None = None
    updated: dt.date | None = None
    sections: list[SourceSection] = field(default_factory=list)

    @property
    def intro(self) -> str:
        return "\n".join(line for _, line in self.intro_lines).strip()

    @property
    def steps(self) -> list[SourceStep]:
        return [step for section in self.sections for step in section.steps]


class SourceError(Exception):
    """The file is not a step-guide export at all."""


def parse_date(text: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def heading_text(line: str) -> tuple[int, str]:
    """(level, text) of a line: level 0 for a plain line."""
    match = HEADING.match(line)
    return (len(match[1]), match[2]) if match else (0, line.strip())


def next_nonblank(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return None


def read_metadata(lines: list[str], start: int, stop: int) -> dict[str, str]:
    labels = {label: key for key, names in META_LABELS.items() for label in names}
    found: dict[str, str] = {}
    for index in range(start, stop):
        key = labels.get(lines[index].strip())
        if key is None:
            continue
        value_index = next_nonblank(lines, index + 1)
        if value_index is not None and value_index < stop and lines[value_index].strip() not in labels:
            found[key] = lines[value_index].strip()
    return found


def parse(path: Path) -> SourceGuide:
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next_nonblank(lines, 0)
    title_match = GUIDE_TITLE.match(lines[first]) if first is not None else None
    if title_match is None:
        raise SourceError(f"{display_path(path)}:1: the first line is not a guide title like “7. 延期申請教學”")
    count_index = next((i for i in range(first + 1, len(lines)) if COUNT_LINE.match(lines[i])), None)
    if count_index is None:
        raise SourceError(f"{display_path(path)}: no “N Steps” line: this is not a step-guide export")
    body_start = next((i for i in range(count_index + 1, len(lines))
                       if STEP_LINE.match(lines[i]) or is_section_heading(lines, i)), len(lines))
    meta = read_metadata(lines, count_index + 1, body_start)
    guide = SourceGuide(
        path=path, number=int(title_match[1]), title=title_match[2], title_line=first + 1,
        intro_lines=[(i + 1, lines[i]) for i in range(first + 1, count_index)], declared=int(COUNT_LINE.match(lines[count_index])[1]),
        declared_line=count_index + 1, author=meta.get("author", ""),
        created=parse_date(meta.get("created", "")), updated=parse_date(meta.get("updated", "")),
    )
    read_steps(guide, lines, body_start)
    return guide


def is_section_heading(lines: list[str], index: int) -> bool:
    """A non-empty line whose next non-empty line is `N Steps`."""
    if not lines[index].strip() or STEP_LINE.match(lines[index]) or COUNT_LINE.match(lines[index]):
        return False
    after = next_nonblank(lines, index + 1)
    return after is not None and bool(COUNT_LINE.match(lines[after]))


def read_steps(guide: SourceGuide, lines: list[str], start: int) -> None:
    section: SourceSection | None = None
    step: SourceStep | None = None
    title_level = 0
    index = start

    def open_step(number: int | None, title: str, line: int) -> SourceStep:
        nonlocal section
        if section is None or (section.declared is not None and len(section.steps) >= section.declared):
            section = SourceSection(None, None, line)  # steps beyond a section's count, or before any section
            guide.sections.append(section)
        new = SourceStep(number, title, line)
        section.steps.append(new)
        return new

    while index < len(lines):
        line = lines[index]
        step_match = STEP_LINE.match(line)
        level, text = heading_text(line)
        if step_match:
            title_index = next_nonblank(lines, index + 1)
            title_line = lines[title_index] if title_index is not None else ""
            title_level, title = heading_text(title_line)
            step = open_step(int(step_match[1]), title, index + 1)
            index = (title_index if title_index is not None else index) + 1
            continue
        if is_section_heading(lines, index):
            count_index = next_nonblank(lines, index + 1)
            section = SourceSection(text, int(COUNT_LINE.match(lines[count_index])[1]), index + 1)
            guide.sections.append(section)
            step = None
            index = count_index + 1
            continue
        if step is not None and level and title_level and level <= title_level:
            step = open_step(None, text, index + 1)  # a step title with no STEP heading above it
            index += 1
            continue
        if step is not None:
            step.body.append((index + 1, line))
        index += 1
    previous = 0
    for each in guide.steps:
        each.inferred = each.number if each.number is not None else previous + 1
        previous = each.inferred


def defects(guide: SourceGuide, config: CheckConfig) -> list[Problem]:
    """What is wrong with the source, each as `source:line:1: defect; what to do`."""
    where = display_path(guide.path)
    found: list[Problem] = []

    def add(line: int, message: str, fix: str) -> None:
        found.append(Problem(where, line, 1, message, fix))

    steps = guide.steps
    if guide.declared is not None and guide.declared != len(steps):
        add(guide.declared_line, f"the source declares {guide.declared} steps; {len(steps)} found",
            "find the missing steps (see the lines about missing STEP numbers) and rebuild them")
    for section in guide.sections:
        if section.declared is not None and section.declared != len(section.steps):
            add(section.line, f"the section “{section.title}” declares {section.declared} steps; "
                f"{len(section.steps)} found", "find its missing steps and rebuild them")
    if len(guide.sections) > 1:
        for section in guide.sections:
            if section.title is None:
                add(section.line, f"the steps from STEP {section.steps[0].inferred} on are in no named section",
                    "name the section (its title.zh in the data), or merge it with the one before")
    for step in steps:
        if step.number is None:
            add(step.line, f"STEP {step.inferred} has lost its heading: “{step.title}” has no “STEP "
                f"{step.inferred}” line above it", f"the import numbers it {step.inferred}; check it against the platform")
    seen: dict[int, int] = {}
    previous: SourceStep | None = None
    for step in steps:
        if step.number is not None:
            if step.number in seen:
                add(step.line, f"STEP {step.number} appears twice (also line {seen[step.number]})",
                    "renumber or merge the two steps")
            seen.setdefault(step.number, step.line)
        if previous is not None and step.inferred > previous.inferred + 1:
            for missing in range(previous.inferred + 1, step.inferred):
                add(step.line, f"STEP {missing} is missing: nothing between STEP {previous.inferred} (line "
                    f"{previous.line}) and STEP {step.inferred}",
                    "rebuild it from what the guide says elsewhere and mark it `reconstructed:` in the data")
        previous = step
    if steps and guide.declared and steps[-1].inferred < guide.declared:
        for missing in range(steps[-1].inferred + 1, guide.declared + 1):
            add(steps[-1].line, f"STEP {missing} is missing: the source ends after STEP {steps[-1].inferred}",
                "rebuild it, or correct the declared count")
    for key in ("created", "updated"):
        if getattr(guide, key) is None:
            label = "creation" if key == "created" else "update"
            add(guide.declared_line, f"the source gives no {label} date",
                f"set `{key}:` in the data by hand (the import wrote the date given with --date)")
    found += link_defects(guide, config)
    return sorted(found)


def source_lines(guide: SourceGuide) -> list[tuple[int, str]]:
    return guide.intro_lines + [(number, line) for step in guide.steps for number, line in step.body]


def link_defects(guide: SourceGuide, config: CheckConfig) -> list[Problem]:
    where = display_path(guide.path)
    found = []
    for number, line in source_lines(guide):
        for offset, target, label in markdown_targets(line):
            for message, fix in external_problems(target, "zh", config, label):
                found.append(Problem(where, number, offset + 1, message, fix))
            host = re.sub(r"^https?://", "", target).split("/")[0]
            if label and BARE_HOST.match(label) and label.lower() == host.lower():
                found.append(Problem(where, number, offset + 1, f"the link text is a bare host name: [{label}]({target})",
                                     "write what the page is (for example 就業金卡網站), not its host name"))
        for match in WRITTEN_STEP_NUMBER.finditer(line):
            found.append(Problem(where, number, match.start() + 1, f"steps are referred to by number: “{match[0]}”",
                                 "write a step link instead: [](step:<guide>/<first id>..<last id>)"))
    return found


def split_screen(step: SourceStep) -> tuple[str, str]:
    """(instructions, screenshot text) of a step: paragraphs one by one, by what they look like."""
    body: list[str] = []
    screen: list[str] = []
    in_screen = False
    for paragraph in step.paragraphs():
        first_line = paragraph.strip().split("\n")[0]
        if paragraph.lstrip().startswith(("The screenshot", "The image")) or SCREEN_MARKS.search(paragraph):
            in_screen = True
        elif in_screen:
            in_screen = not (NOTE_START.match(first_line) or URL.search(paragraph))
        else:
            # A short line that is not a sentence is a caption, a button or a window title on the screenshot.
            in_screen = ("\n" not in paragraph.strip() and len(first_line.strip()) <= 30
                         and not re.search(r"[。：:！？]$|https?://|^\s*(註|\d+\s*[.:：])", first_line.strip()))
        (screen if in_screen else body).append(paragraph.rstrip())
    return "\n\n".join(body), "\n\n".join(screen)


def guide_yaml(guide: SourceGuide, slug: str, date: dt.date) -> str:
    """The guide as a data file: Chinese from the source, English empty, defects in the header comment."""
    created = guide.created or guide.updated or date
    updated = guide.updated or created
    author_zh, author_en = (guide.author, "") if re.search(r"[\u4e00-\u9fff]", guide.author) else ("", guide.author)
    out = ["# yaml-language-server: $schema=../schema/guide.schema.json\n",
           comment(f"Imported from {guide.path.name} by scripts/import_tango.py. The Chinese is the source's; the "
                   "English is empty,\nfor the translator (scripts/i18n_status.py lists what is missing). Each step "
                   "keeps the text machine-read\nfrom its screenshot in a comment: it is not content; describe the "
                   "screen in `screen` instead.", ""),
           f"number: {guide.number}\n", f"slug: {slug}\n",
           pair("title", guide.title, "", ""),
           pair("summary", "", "", ""),
           pair("author", author_zh, author_en, ""),
           f"created: {created.isoformat()}\n", f"updated: {updated.isoformat()}\n",
           f"source_file: {scalar(guide.path.name)}\n"]
    if guide.declared is not None:
        out.append(f"declared_steps: {guide.declared}\n")
    if guide.intro:
        out.append(pair("intro", guide.intro, "", ""))
    out.append("\nsections:\n")
    used: set[str] = set()
    for index, section in enumerate(guide.sections, start=1):
        title = section.title or (guide.title if len(guide.sections) == 1 else "")
        out.append(f"  - id: part-{index}\n")
        out.append(pair("title", title, "", "    "))
        if section.declared is not None:
            out.append(f"    declared_steps: {section.declared}\n")
        out.append("    steps:\n")
        for step in section.steps:
            step_id = f"step-{step.inferred}"
            while step_id in used:
                step_id += "-b"
            used.add(step_id)
            body, screen = split_screen(step)
            out.append(step_yaml(step_id, step.title, body, screen, (slug, step.inferred, updated),
                                 step.number is None, "      "))
        out.append("\n")
    return "".join(out).rstrip("\n") + "\n"


def step_yaml(step_id: str, title: str, body: str, screen: str, source: tuple[str, int, dt.date | None],
              lost_heading: bool, indent: str) -> str:
    """One step of an export as a list item at `indent`: the Chinese from the export, the English empty, the
    screenshot's machine-read text in a comment. `source` is (guide, step number, date)."""
    inner = indent + "  "
    guide, number, date = source
    when = f", date: {date.isoformat()}" if date else ""
    out = [f"{indent}- id: {step_id}\n", pair("title", title, "", inner)]
    if body:
        out.append(pair("body", body, "", inner))
    out.append(f"{inner}source: {{guide: {guide}, step: {number}{when}}}\n")
    if lost_heading:
        out.append(f"{inner}reconstructed: {scalar(f'The source lost the heading STEP {number}; its title is the line that followed.')}\n")
    if screen:
        out.append(comment("Screenshot text, machine-read (not content; describe the screen in `screen`):\n"
                           + screen, inner))
    return "".join(out)
