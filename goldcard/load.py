"""Load the data folder into numbered guides: YAML with line marks, checked by the pydantic models.

Shared blocks are expanded here, and step numbers are given here, from order alone.
"""

from __future__ import annotations

import datetime as dt
import stat

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
import yaml

from .collector import cycle_collection_paused
from .marked_yaml import RefusedYaml, load_marked
from .model import PART_TAGS, Deadlines, Glossary, Guide, Include, Platform, Section, SharedBlock, Step, UiStrings
from .problems import DataError, Problem, display_path
from .yaml_cache import ParsedYamlCache, cache_dir

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class NumberedStep:
    number: int
    step: Step
    section: Section
    block: str | None  # the shared block it was included from, if any


@dataclass(frozen=True)
class NumberedSection:
    section: Section
    steps: list[NumberedStep]


@dataclass
class LoadedGuide:
    guide: Guide
    path: Path
    raw: Any
    sections: list[NumberedSection]

    @property
    def steps(self) -> list[NumberedStep]:
        return [step for section in self.sections for step in section.steps]

    def number_of(self, step_id: str) -> int | None:
        return next((s.number for s in self.steps if s.step.id == step_id), None)


@dataclass
class Site:
    root: Path
    guides: list[LoadedGuide]
    blocks: dict[str, tuple[SharedBlock, Path, Any]]
    glossary: Glossary
    glossary_path: Path
    ui: UiStrings
    raw_glossary: Any = field(repr=False, default=None)
    deadlines: Deadlines | None = None  # data/deadlines.yaml: the calculators' rules and the review stages
    platform: Platform | None = None  # data/platform.yaml: the screens' recurring parts, which sketches name
    raw_platform: Any = field(repr=False, default=None)

    def guide(self, slug: str) -> LoadedGuide:
        for loaded in self.guides:
            if loaded.guide.slug == slug:
                return loaded
        known = ", ".join(g.guide.slug for g in self.guides)
        raise KeyError(f"no guide {slug!r}; the guides are: {known}")


# A data file larger than this is refused before it is read. The largest is 54 KB: this leaves room for any
# guide an editor writes, and stops a paste gone wrong (or a file that is not data) from being read whole.
MAX_FILE_BYTES = 4 * 1024 * 1024


def _place(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset into a file's bytes (or of the character it
    falls inside)."""
    before = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n", 0, line_start) + 1, len(before[line_start:].decode("utf-8", errors="ignore")) + 1


def read_data_text(path: Path) -> str:
    """A data file's text, read as Python's text mode reads it (CRLF and CR as LF); a DataError, with where,
    for what is not a readable UTF-8 file of at most MAX_FILE_BYTES. A folder or a pipe is never opened."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise DataError([Problem(display_path(path), 1, 1, "not a file but a folder, a pipe or a device",
                                     "put the YAML file here, or remove this")])
        with open(path, "rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DataError([Problem(display_path(path), 1, 1, "the file is missing",
                                 "restore it from the repository")]) from None
    except OSError as error:
        raise DataError([Problem(display_path(path), 1, 1, f"the file cannot be read ({error.strerror or error})",
                                 "check that it exists, is a file and may be read")]) from None
    if len(data) > MAX_FILE_BYTES:
        line, column = _place(data, MAX_FILE_BYTES)
        raise DataError([Problem(display_path(path), line, column, f"the file is larger than the "
                                 f"{MAX_FILE_BYTES // 2**20} MB a data file may have, from here on",
                                 "remove what does not belong (a paste gone wrong?), or split the guide")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _place(data, error.start)
        raise DataError([Problem(display_path(path), line, column, f"not UTF-8 text ({error.reason})",
                                 "save the file as UTF-8")]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_yaml(path: Path, cache: ParsedYamlCache | None = None) -> Any:
    """The YAML of one file, with line marks (see goldcard.marked_yaml); errors as problems with a line."""
    text = read_data_text(path)
    try:
        if cache is None:
            return load_marked(text)
        digest = cache.digest(text)
        value = cache.get(path, digest)
        if value is None:
            value = load_marked(text)
            cache.put(path, digest, value)
        return value
    except RefusedYaml as error:
        line, column = _mark_place(error.problem_mark, text)
        raise DataError([Problem(display_path(path), line, column, error.problem, error.fix)]) from None
    except yaml.MarkedYAMLError as error:
        line, column = _mark_place(error.problem_mark or error.context_mark, text)
        raise DataError([Problem(display_path(path), line, column, f"YAML syntax: {error.problem}",
                                 "check indentation and quoting on this line or the one above")]) from None
    except yaml.YAMLError as error:  # reported without a mark
        raise DataError([Problem(display_path(path), 1, 1, f"YAML: {error}",
                                 "check the file against data/README.md")]) from None
    except (RecursionError, MemoryError) as error:  # the limits in marked_yaml should leave neither
        raise DataError([Problem(display_path(path), 1, 1, f"too large or too deeply nested to read "
                                 f"({type(error).__name__})", "make the file smaller or flatter")]) from None


def _mark_place(mark: yaml.Mark | None, text: str) -> tuple[int, int]:
    """1-based line and column of a libyaml mark; the end of the file (after its last line break) is reported
    at the end of the last line, which is where an editor shows it."""
    if mark is None:
        return 1, 1
    body = text[:-1] if text.endswith("\n") else text
    lines = body.count("\n") + 1
    if mark.line + 1 > lines:
        return lines, len(body.rsplit("\n", 1)[-1]) + 1
    return mark.line + 1, mark.column + 1


def locate(raw: Any, loc: tuple[Any, ...]) -> tuple[int, int]:
    """1-based line and column of the node at `loc` in marked data (read_yaml), or of its nearest ancestor."""
    line, column = 1, 1
    node = raw
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, list) and isinstance(key, int) and key < len(node):
                if lc is not None:
                    line, column = lc.item(key)[0] + 1, lc.item(key)[1] + 1
                node = node[key]
            elif isinstance(node, dict) and (key in node or key in (keys := {str(k): k for k in node})):
                key = key if key in node else keys[key]  # pydantic names a key that is not text (1.5) as text
                if lc is not None:
                    line, column = lc.key(key)[0] + 1, lc.key(key)[1] + 1
                node = node[key]
            else:
                break  # a union tag or a missing key: the parent's position is the best we have
        except (KeyError, IndexError, TypeError):
            break
    return line, column


# Names pydantic puts in an error's location for the branch of a union; they are not keys in the file.
UNION_TAGS = {"Step", "Include", "str", "PerLanguageUrl", *PART_TAGS.values(), "ParagraphPart"}


def describe(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for key in loc:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        else:
            parts.append(("." if parts else "") + str(key))
    return "".join(parts) or "(top level)"


FIXES = {
    "missing": "add it",
    "extra_forbidden": "remove it or check its spelling against the schema",
    "string_pattern_mismatch": "use lowercase letters, digits and single hyphens",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
    "date_parsing": "write the date as YYYY-MM-DD",
    "date_type": "write the date as YYYY-MM-DD",
    "too_short": "add at least one item",
    "literal_error": "use one of the values the message lists",
    "union_tag_not_found": "start a sketch's part with what it is: title, field, tick, choice, buttons, button_row, "
                           "link, table, notice, stages or box; or heading, lines or text for a paragraph",
}


# Past this many, a file's field errors are counted, not listed: a file of 100,000 stray keys would otherwise
# print 100,000 lines, and take seconds to.
MAX_PROBLEMS_PER_FILE = 100


def load_model(path: Path, model: type[ModelT], cache: ParsedYamlCache | None = None) -> tuple[ModelT, Any]:
    raw = read_yaml(path, cache)
    if raw is None:
        raw = {}
    try:
        return model.model_validate(raw), raw
    except ValidationError as error:
        shown = display_path(path)
        problems = []
        seen: set[tuple[int, int, str]] = set()
        errors = error.errors(include_url=False, include_input=False)
        for index, item in enumerate(errors):
            loc = tuple(key for key in item["loc"] if key not in UNION_TAGS)
            line, column = locate(raw, loc)
            if len(problems) == MAX_PROBLEMS_PER_FILE:
                problems.append(Problem(shown, line, column, f"and {len(errors) - index} more errors from here on, "
                                        "not listed", "fix the ones above, then check again"))
                break
            message = f"{describe(loc)}: {item['msg']}"
            if (line, column, message) in seen:
                continue
            seen.add((line, column, message))
            problems.append(Problem(shown, line, column, message,
                                    FIXES.get(item["type"], "see data/schema for what this field takes")))
        raise DataError(problems) from None
    except (RecursionError, MemoryError) as error:  # the limits in marked_yaml should leave neither
        raise DataError([Problem(display_path(path), 1, 1, f"too large or too deeply nested to check ({type(error).__name__})",
                                 "make the file smaller or flatter")]) from None


def number_guide(guide: Guide, path: Path, raw: Any, blocks: dict[str, tuple[SharedBlock, Path, Any]]) -> LoadedGuide:
    problems: list[Problem] = []
    sections: list[NumberedSection] = []
    number = 0
    for s_index, section in enumerate(guide.sections):
        numbered: list[NumberedStep] = []
        for i_index, item in enumerate(section.steps):
            if isinstance(item, Include):
                if item.include not in blocks:
                    line, column = locate(raw, ("sections", s_index, "steps", i_index, "include"))
                    known = ", ".join(sorted(blocks)) or "none"
                    problems.append(Problem(display_path(path), line, column,
                                            f"include names a shared block {item.include!r} that does not exist",
                                            f"use one of: {known} (files in data/shared/)"))
                    continue
                for step in blocks[item.include][0].steps:
                    number += 1
                    numbered.append(NumberedStep(number, step, section, item.include))
            else:
                number += 1
                numbered.append(NumberedStep(number, item, section, None))
        sections.append(NumberedSection(section, numbered))
    if problems:
        raise DataError(problems)
    return LoadedGuide(guide, path, raw, sections)


@cycle_collection_paused()
def load_site(data_dir: Path) -> Site:
    """Everything under data/: guides (in series order), shared blocks and the glossary."""
    problems: list[Problem] = []
    cache = ParsedYamlCache(cache_dir(data_dir))
    shared, guide_files = sorted((data_dir / "shared").glob("*.yaml")), sorted((data_dir / "guides").glob("*.yaml"))
    cache.parse_ahead(shared + guide_files, read_data_text, load_marked)
    blocks: dict[str, tuple[SharedBlock, Path, Any]] = {}
    for path in shared:
        try:
            block, raw = load_model(path, SharedBlock, cache)
            blocks[path.stem] = (block, path, raw)
        except DataError as error:
            problems += error.problems
    guides: list[LoadedGuide] = []
    for path in guide_files:
        try:
            guide, raw = load_model(path, Guide, cache)
            guides.append(number_guide(guide, path, raw, blocks))
        except DataError as error:
            problems += error.problems
    glossary_path = data_dir / "glossary.yaml"
    glossary, raw_glossary = Glossary(terms=[]), None
    try:
        glossary, raw_glossary = load_model(glossary_path, Glossary, cache)
    except DataError as error:
        problems += error.problems
    ui = UiStrings({})
    try:
        ui, _ = load_model(data_dir / "ui.yaml", UiStrings, cache)
    except DataError as error:
        problems += error.problems
    platform, raw_platform = None, None
    try:
        platform, raw_platform = load_model(data_dir / "platform.yaml", Platform, cache)
    except DataError as error:
        problems += error.problems
    deadlines, deadline_problems = load_deadlines(data_dir / "deadlines.yaml", {g.guide.slug for g in guides}, cache)
    problems += deadline_problems
    if problems:
        raise DataError(problems)
    guides.sort(key=lambda loaded: loaded.guide.number)
    return Site(data_dir, guides, blocks, glossary, glossary_path, ui, raw_glossary, deadlines, platform, raw_platform)


def load_deadlines(path: Path, slugs: set[str], cache: ParsedYamlCache | None = None) -> tuple[Deadlines | None, list[Problem]]:
    """The calculators' rules; each names the guide that explains its procedure, which must exist."""
    if not path.exists():
        return None, [Problem(display_path(path), 1, 1, "the deadline rules are missing", "restore data/deadlines.yaml")]
    try:
        deadlines, raw = load_model(path, Deadlines, cache)
    except DataError as error:
        return None, error.problems
    problems = []
    for index, calculator in enumerate(deadlines.calculators):
        if calculator.guide not in slugs:
            line, column = locate(raw, ("calculators", index, "guide"))
            problems.append(Problem(display_path(path), line, column, f"calculators[{index}].guide names no guide "
                                    f"{calculator.guide!r}", f"use one of: {', '.join(sorted(slugs))}"))
    return deadlines, problems


def latest_update(guides: list[LoadedGuide]) -> dt.date | None:
    """The date of the newest guide that has one: what the site and the PDFs are dated by, never the clock."""
    return max((loaded.guide.updated for loaded in guides if loaded.guide.updated), default=None)


def source_date_epoch(guides: list[LoadedGuide]) -> int:
    """SOURCE_DATE_EPOCH for the latest update, so that the same data gives the same site, byte for byte."""
    latest = latest_update(guides) or dt.date(1970, 1, 1)  # no guide dated: the epoch, still not the clock
    return int(dt.datetime.combine(latest, dt.time(), tzinfo=dt.timezone.utc).timestamp())


_loaded: dict[Path, tuple[tuple[tuple[str, int, int], ...], Site]] = {}


def data_fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted(_stamp(path) for path in data_dir.rglob("*.yaml")))


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        info = path.stat()
    except OSError:  # a broken link, or a file gone since the listing: the loader reports it
        return str(path), -1, -1
    return str(path), info.st_mtime_ns, info.st_size


def load_site_cached(data_dir: Path) -> Site:
    """`load_site`, once per state of the files: a build checks the data and renders each language from one load,
    and `mkdocs serve` loads again only when a data file has changed."""
    data_dir = data_dir.resolve()
    fingerprint = data_fingerprint(data_dir)
    cached = _loaded.get(data_dir)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    site = load_site(data_dir)
    _loaded[data_dir] = (fingerprint, site)
    return site


def last_loaded_site(data_dir: Path) -> Site | None:
    """The site `load_site_cached` last loaded from these files (None before it first did): what a preview keeps
    showing while a data file does not load."""
    cached = _loaded.get(data_dir.resolve())
    return cached[1] if cached else None
