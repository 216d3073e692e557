"""Merge a new step-guide export into the guide data file made from an earlier one
(`scripts/import_tango.py EXPORT --update data/guides/NN-slug.yaml`).

Three texts take part: the guide as it is now, the export it was made from (its `source_file:`, the
"previous" export) and the new export. The guide's Chinese is the editors' (notes split out, labels
corrected, 台 written 臺), not the export's word for word, so comparing the guide with the new export
directly would call every edited step changed and overwrite the editors' work. The two exports are compared
instead: each guide step names its export step (`source: {step: N}`), the steps of the two exports are
matched by content, and only what the export itself changed reaches the guide. A step's Chinese that the
export did not change keeps the editors' text; so an unchanged export changes nothing.

The file is edited as text, in place, so every comment, blank line and quoting style stays as it was.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .tango import SourceGuide, split_screen, step_yaml
from .marked_yaml import node_at
from .yaml_text import pair, scalar, text_value

# Two steps are the same step when their Chinese (title and instructions, whitespace left out) is at least
# this alike (difflib's ratio). Different steps of the five sources are at most 0.54 alike; a step whose
# sentences were reworded stays well above 0.6.
ALIKE = 0.6


@dataclass
class ExportStep:
    number: int  # as the import numbers it (a lost heading takes the number after the one before)
    title: str
    body: str
    screen: str
    line: int
    lost_heading: bool

    @property
    def content(self) -> str:
        return squash(self.title + self.body)


def export_steps(guide: SourceGuide) -> list[ExportStep]:
    steps = []
    for step in guide.steps:
        body, screen = split_screen(step)
        steps.append(ExportStep(step.inferred, step.title, body, screen, step.line, step.number is None))
    return steps


def squash(text: str) -> str:
    """The text without its whitespace: a reflowed or reindented text is the same text."""
    return re.sub(r"\s+", "", text)


def likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match(old: list[ExportStep], new: list[ExportStep]) -> dict[int, int]:
    """{index in new: index in old} for the steps that are the same step, however they moved or were
    renumbered: the most alike pair first, each step matched once. A step keeps its match when only its
    title is the same (its instructions were rewritten), unless a more alike step claims it."""
    pairs = []
    for i, a in enumerate(new):
        for j, b in enumerate(old):
            score = likeness(a.content, b.content)
            if squash(a.title) and squash(a.title) == squash(b.title):
                score = max(score, ALIKE)
            if score >= ALIKE:
                pairs.append((-score, abs(i - j), i, j))
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in sorted(pairs):
        if i not in matched and j not in taken:
            matched[i] = j
            taken.add(j)
    return matched


# ------------------------------------------------------------------------------------------------ the file


@dataclass
class Item:
    """One item of a section's `steps:` in the guide's text: a step or an `include:`."""
    section: int
    node: yaml.MappingNode
    start: int  # the start of its `- ` line
    end: int  # after the line break of its last line (with the comments indented under it)
    lead: int  # the start of the comments right above it (== start when there are none)
    step_id: str | None
    include: str | None
    source_step: int | None  # the step of this guide's export it was made from, if any

    def value(self, *keys: str) -> yaml.Node | None:
        return node_at(self.node, *keys)


def key_node(node: yaml.MappingNode, key: str) -> yaml.ScalarNode | None:
    return next((k for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def content_end(text: str, node: yaml.Node) -> int:
    """Where a node's own text ends: a block mapping's or block scalar's mark runs on over the blank lines
    and comments after it, which belong to what follows."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            return len(text[:node.end_mark.index].rstrip())
        return node.end_mark.index
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
        return content_end(text, last)
    return node.end_mark.index


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def line_end(text: str, index: int) -> int:
    """After the line break of the line holding `index`."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def is_comment(line: str, min_indent: int) -> bool:
    stripped = line.lstrip(" ")
    return stripped.startswith("#") and len(line) - len(stripped) >= min_indent


def item_span(text: str, node: yaml.MappingNode) -> tuple[int, int, int]:
    """(lead, start, end) of a list item: see Item."""
    start = line_start(text, node.start_mark.index)
    dash_column = node.start_mark.column - 2
    end = line_end(text, content_end(text, node))
    while end < len(text):  # comments indented under the item's keys are the item's
        following = text[end:line_end(text, end)].rstrip("\n")
        if not is_comment(following, node.start_mark.column):
            break
        end = line_end(text, end)
    lead = start
    while lead > 0:  # and so are the comments right above its `- `, at its indentation or deeper
        above = line_start(text, lead - 1)
        if not is_comment(text[above:lead - 1], dash_column):
            break
        lead = above
    return lead, start, end


@dataclass
class GuideText:
    text: str
    root: yaml.MappingNode
    slug: str
    items: list[Item]
    sections: list[yaml.MappingNode]


def read_guide_text(text: str, slug: str) -> GuideText:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    sections_node = node_at(root, "sections")
    items: list[Item] = []
    sections = list(sections_node.value) if isinstance(sections_node, yaml.SequenceNode) else []
    for s_index, section in enumerate(sections):
        steps = node_at(section, "steps")
        for node in steps.value if isinstance(steps, yaml.SequenceNode) else []:
            if not isinstance(node, yaml.MappingNode):
                continue
            lead, start, end = item_span(text, node)
            step_id, include = node_at(node, "id"), node_at(node, "include")
            source_step = None
            source = node_at(node, "source")
            guide, number = node_at(source, "guide"), node_at(source, "step")
            if isinstance(number, yaml.ScalarNode) and (guide is None or guide.value == slug):
                source_step = int(number.value) if number.value.isdigit() else None
            items.append(Item(s_index, node, start, end, lead, step_id.value if step_id else None,
                              include.value if include else None, source_step))
    return GuideText(text, root, slug, items, sections)


# ------------------------------------------------------------------------------------------------ the merge


@dataclass
class Merge:
    text: str  # the updated file
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the editors should know beyond that

    @property
    def report(self) -> list[str]:
        return ([f"changed: {line}" for line in self.changed] + [f"added: {line}" for line in self.added]
                + [f"removed: {line}" for line in self.removed] + [f"note: {line}" for line in self.notes])


class Edits:
    """Replacements of spans of the text, applied at the end from the last to the first."""

    def __init__(self, text: str):
        self.text = text
        self.spans: list[tuple[int, int, int, str]] = []  # start, end, order of insertion, new text

    def replace(self, start: int, end: int, new: str) -> None:
        if self.text[start:end] != new:
            self.spans.append((start, end, len(self.spans), new))

    def apply(self) -> str:
        text = self.text
        for start, end, _, new in sorted(self.spans, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def short(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"


def set_text(edits: Edits, text: str, pair_node: yaml.MappingNode, new: str) -> None:
    """Put `new` as the `zh:` of a text pair, in the house style (yaml_text), keeping a comment after it."""
    zh_key, zh = key_node(pair_node, "zh"), node_at(pair_node, "zh")
    indent = " " * (zh_key.start_mark.column + 2)
    value = text_value(new, indent)
    start, end = zh.start_mark.index, content_end(text, zh)
    rest = text[end:line_end(text, end)].rstrip("\n")
    if value.startswith("|") and rest.strip():  # `zh: old  # why`: the comment goes after `|-`
        head, body = value.split("\n", 1)
        value, end = f"{head}{rest}\n{body}", end + len(rest)
    edits.replace(start, end, value)


def fresh_id(number: int, taken: set[str]) -> str:
    step_id = f"new-step-{number}"
    suffix = 1
    while step_id in taken:
        suffix += 1
        step_id = f"new-step-{number}-{suffix}"
    taken.add(step_id)
    return step_id


def english(item: Item) -> list[str]:
    """Every English text of a step, as `key: text`, for the report of a removed step."""
    found = []

    def walk(node: yaml.Node, where: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                name = f"{where}.{k.value}" if where else str(k.value)
                if k.value == "en" and isinstance(v, yaml.ScalarNode):
                    found.append(f"{where}: {v.value}")
                else:
                    walk(v, name)
        elif isinstance(node, yaml.SequenceNode):
            for index, each in enumerate(node.value):
                walk(each, f"{where}[{index}]")

    walk(item.node, "")
    return found


def merge(text: str, slug: str, previous: SourceGuide, new: SourceGuide, new_name: str,
          blocks: dict[str, list[tuple[str, str]]], shown: str | None = None) -> Merge:
    """The guide's text with the new export merged in (see the module's docstring). `blocks` gives, for each
    shared block the guide includes, the id and Chinese (title and body) of its steps, to recognise the
    export's copy of them (and to give new steps ids that no included step has). `new_name` becomes the
    guide's `source_file:`; `shown` is how the report names the new export (default: `new_name`)."""
    guide = read_guide_text(text, slug)
    edits = Edits(text)
    result = Merge(text)
    old_steps, new_steps = export_steps(previous), export_steps(new)
    matched = match(old_steps, new_steps)
    by_source = {item.source_step: item for item in guide.items if item.source_step is not None}
    old_numbers = {step.number for step in old_steps}
    includes = [item for item in guide.items if item.include]
    date = new.updated
    where = shown or new_name

    # Each new export step: the guide item it is (or that stands for it), or None for a step to add.
    stands_for = included(guide, old_numbers)
    placed: list[Item | None] = []
    left_out: set[int] = set()  # steps of the export the guide leaves out on purpose
    for index, step in enumerate(new_steps):
        item = None
        if index in matched:
            old = old_steps[matched[index]]
            item = by_source.get(old.number)
            if item is not None:
                update_step(edits, text, item, old, step, date, where, result)
            else:  # the guide has no step of its own for it: an include has it, or it was left out
                item = stands_for.get(old.number)
                if item is None:
                    left_out.add(index)
                if squash(old.title + old.body) != step.content:
                    result.notes.append(f"{where}:{step.line}: STEP {step.number} “{short(step.title)}” changed in "
                                        "the export, but the guide has no step of its own for it"
                                        + (f" (`include: {item.include}` has it): check data/shared/"
                                           f"{item.include}.yaml by hand" if item else ": check it by hand"))
        else:
            item = covering(step, includes, blocks)
            if item is not None:
                result.notes.append(f"{where}:{step.line}: STEP {step.number} “{short(step.title)}” is one of the "
                                    f"shared steps of `include: {item.include}`: not added")
        placed.append(item)
    note_moves(guide, new_steps, placed, where, result)

    # Steps to add, each after the guide item of the export step before it (or before the one after it).
    taken = {item.step_id for item in guide.items if item.step_id} | {i for ids in blocks.values() for i, _ in ids}
    delta = [0] * len(guide.sections)
    for index, step in enumerate(new_steps):
        if placed[index] is not None or index in left_out:
            continue
        before = next((placed[i] for i in range(index - 1, -1, -1) if placed[i] is not None), None)
        after = next((placed[i] for i in range(index + 1, len(new_steps)) if placed[i] is not None), None)
        if before is not None and before is after and before.include:
            result.notes.append(f"{where}:{step.line}: STEP {step.number} “{short(step.title)}” is new, among the "
                                f"steps of `include: {before.include}`: not added; add it to data/shared/"
                                f"{before.include}.yaml by hand if the platform has it")
            continue
        anchor = before or after
        if anchor is None:
            result.notes.append(f"{where}:{step.line}: STEP {step.number} “{short(step.title)}”: no step of the "
                                "guide matches any step of the export; is this the right guide?")
            continue
        step_id = fresh_id(step.number, taken)
        indent = " " * (anchor.node.start_mark.column - 2)
        block = step_yaml(step_id, step.title, step.body, step.screen, (slug, step.number, date),
                          step.lost_heading, indent)
        if before is not None:
            edits.replace(before.end, before.end, "\n" + block)
        else:
            edits.replace(after.lead, after.lead, block + "\n")
        delta[anchor.section] += 1
        result.added.append(f"`{step_id}` (STEP {step.number} of {where}, line {step.line}: “{short(step.title)}”), "
                            f"after `{before.step_id or before.include}`" if before else
                            f"`{step_id}` (STEP {step.number} of {where}, line {step.line}: “{short(step.title)}”), "
                            f"before `{after.step_id or after.include}`")
        result.added[-1] += "; its English is empty: translate it, and give it an id that says what it does"

    # Steps that came from the previous export and are no longer in the new one.
    kept = {id(item) for item in placed if item is not None}
    for item in guide.items:
        if item.source_step is None or id(item) in kept:
            continue
        if item.source_step not in old_numbers:
            continue  # not from the export (rebuilt by the editors, say): the export cannot remove it
        remove_item(edits, text, item, where)
        delta[item.section] -= 1
        lost = "\n".join("    " + line.strip("\n").replace("\n", "\n      ") for line in english(item))
        result.removed.append(f"`{item.step_id}` (STEP {item.source_step} of the previous export: not in {where}); "
                              f"links to it no longer lead anywhere (make check lists them); its English was:\n{lost}")

    update_counts(edits, text, guide, delta, new, result)
    update_header(edits, text, guide, new, new_name)
    result.text = edits.apply()
    return result


def included(guide: GuideText, old_numbers: set[int]) -> dict[int, Item]:
    """{number of a step of the previous export: the `include:` that stands for it}: the steps the guide has
    no step of its own for, between the export steps of the guide's steps around the include."""
    referenced = {item.source_step for item in guide.items if item.source_step is not None}
    found: dict[int, Item] = {}
    for position, item in enumerate(guide.items):
        if not item.include:
            continue
        low = max((i.source_step for i in guide.items[:position] if i.source_step is not None), default=0)
        high = min((i.source_step for i in guide.items[position + 1:] if i.source_step is not None),
                   default=max(old_numbers, default=0) + 1)
        for number in sorted(old_numbers - referenced):
            if low < number < high:
                found.setdefault(number, item)
    return found


def note_moves(guide: GuideText, new_steps: list[ExportStep], placed: list[Item | None], where: str,
               result: Merge) -> None:
    """The guide keeps its order (the editors may have chosen it): a step the export moved is only reported."""
    position = {id(item): index for index, item in enumerate(guide.items)}
    last: Item | None = None
    for step, item in zip(new_steps, placed):
        if item is None:
            continue
        if last is not None and position[id(item)] < position[id(last)]:
            result.notes.append(f"`{item.step_id or item.include}` (STEP {step.number} of {where}) now comes after "
                                f"`{last.step_id or last.include}` in the export; the guide keeps its order: "
                                "move the step by hand if the platform's order changed")
        elif last is None or position[id(item)] > position[id(last)]:
            last = item


def covering(step: ExportStep, includes: list[Item], blocks: dict[str, list[tuple[str, str]]]) -> Item | None:
    """The `include:` item whose shared block has this export step, if any."""
    for item in includes:
        if any(likeness(step.content, squash(shared)) >= ALIKE for _, shared in blocks.get(item.include, [])):
            return item
    return None


def update_step(edits: Edits, text: str, item: Item, old: ExportStep, new: ExportStep, date: dt.date | None,
                where: str, result: Merge) -> None:
    changes = []
    for key, before, after in (("title", old.title, new.title), ("body", old.body, new.body)):
        if squash(before) == squash(after):
            continue
        node = item.value(key)
        current = node_at(node, "zh")
        if isinstance(current, yaml.ScalarNode):
            set_text(edits, text, node, after)
            before = current.value  # the editors' Chinese, which the report shows, as it is replaced
        elif after:  # the guide had no body: it gets one, after the title
            title = item.value("title")
            at = line_end(text, content_end(text, title))
            edits.replace(at, at, pair(key, after, "", " " * item.node.start_mark.column))
            before = ""
        changes.append(f"{key}.zh from “{short(before)}” to “{short(after)}”")
    source = item.value("source")
    if isinstance(source, yaml.MappingNode):
        number = node_at(source, "step")
        edits.replace(number.start_mark.index, number.end_mark.index, str(new.number))
        when = node_at(source, "date")
        if when is not None and date is not None:
            edits.replace(when.start_mark.index, when.end_mark.index, date.isoformat())
    if changes:
        notes = "; its notes are kept: check them against the new Chinese" if item.value("notes") else ""
        result.changed.append(f"`{item.step_id}` (STEP {new.number} of {where}, line {new.line}): "
                              + "; ".join(changes) + "; its English must be reviewed" + notes)
    elif old.number != new.number:
        result.notes.append(f"`{item.step_id}` is STEP {new.number} of {where} (was STEP {old.number}); "
                            "its text is unchanged")


INLINE_COMMENT = re.compile(r"\s(#(?:\s.*)?)$")  # `key: value  # why`


def remove_item(edits: Edits, text: str, item: Item, where: str) -> None:
    """Take a step out of the text; its comments stay, under a line that says what was removed."""
    comments = []
    for line in text[item.lead:item.end].splitlines():
        after_value = INLINE_COMMENT.search(line)
        if line.lstrip().startswith("#"):
            comments.append(line.strip())
        elif after_value and line[:after_value.start()].count('"') % 2 == 0:
            comments.append(after_value[1])
    start = item.lead
    if text[line_start(text, start - 1):start].strip() == "" and start > 0:  # the blank line before it
        start = line_start(text, start - 1)
    kept = ""
    if comments:
        indent = " " * (item.node.start_mark.column - 2)
        kept = (f"\n{indent}# scripts/import_tango.py --update removed the step `{item.step_id}` (not in {where}); "
                "its comments were:\n" + "".join(f"{indent}{line}\n" for line in comments))
    edits.replace(start, item.end, kept)


def update_counts(edits: Edits, text: str, guide: GuideText, delta: list[int], new: SourceGuide,
                  result: Merge) -> None:
    """`declared_steps` follows the steps added and removed (the numbering rule checks it against the steps)."""
    total = 0
    for section, change in zip(guide.sections, delta):
        total += change
        node = node_at(section, "declared_steps")
        if change and isinstance(node, yaml.ScalarNode) and node.value.isdigit():
            edits.replace(node.start_mark.index, node.end_mark.index, str(int(node.value) + change))
    node = node_at(guide.root, "declared_steps")
    if total and isinstance(node, yaml.ScalarNode) and node.value.isdigit():
        count = int(node.value) + total
        edits.replace(node.start_mark.index, node.end_mark.index, str(count))
        if new.declared is not None and new.declared != count:
            result.notes.append(f"the guide now has {count} steps; the export declares {new.declared}")


def update_header(edits: Edits, text: str, guide: GuideText, new: SourceGuide, new_name: str) -> None:
    """`updated:` (and `created:`, when the guide had none) from the export, and `source_file:`."""
    for key, value in (("created", new.created), ("updated", new.updated), ("source_file", new_name)):
        if value is None:
            continue
        shown = value.isoformat() if isinstance(value, dt.date) else scalar(value)
        node = node_at(guide.root, key)
        if node is not None:
            if key != "created":  # the creation date is the guide's first; a new export does not change it
                edits.replace(node.start_mark.index, node.end_mark.index, shown)
            continue
        after = node_at(guide.root, "created") or node_at(guide.root, "author")
        at = line_end(text, content_end(text, after)) if after is not None else 0
        edits.replace(at, at, f"{key}: {shown}\n")
