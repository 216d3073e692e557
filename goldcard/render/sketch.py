"""Draw a step's sketch of a screen as SVG: data in, markup out; no script draws it and no picture is kept.

Everything is laid out top to bottom in one column SKETCH_WIDTH wide, from measured text widths
(goldcard/render/text_width.py), so that no label overflows its box or meets another. On Chinese pages each
label is the platform's Chinese; on English pages the Chinese, as the reader meets it on the platform, with
the glossary's English beneath it. All words are SVG text: selectable, found by find-in-page, kept in the
PDFs. Colours are classes, styled by docs/stylesheets/goldcard.css (light, dark and print); what the source
marks is drawn with a thick outline and a numbered badge, so it shows by shape and number, not colour alone.
"""

from __future__ import annotations

import html
from itertools import groupby
from dataclasses import dataclass, field
from typing import Any, Callable

from ..model import (
    BoxPart, ButtonRowPart, ButtonsPart, ChoicePart, DialogView, FieldPart, Lang, LinkPart, NoticePart,
    ParagraphPart, Platform, Sketch, StagesPart, TablePart, TickPart, TitlePart,
)
from .text_width import MARGIN, is_wide, text_width, wrap

SKETCH_WIDTH = 320
ZH, EN = 13, 11  # font sizes in CSS px: the sketch is never drawn smaller than its width (goldcard.css)
ZH_LINE, EN_LINE = 17, 14
PAD = 6  # inside a box, around its label
GAP = 6  # between boxes
BADGE = 18  # room at the right of a marked box for its number
NEUTRAL_NUMBER = "○○○○○○○○○○○○"


def esc(text: str) -> str:
    return html.escape(text, quote=False)


LANG_ZH = ' lang="zh-TW"'


def line_markup(text: str, english: bool, at: str = "", tail: str = "") -> str:
    """One line's markup: alone in its <text> (`at` empty), or a line of several, placed by `at` (` x=".." y=".."`).
    An English line's Chinese (a 「label」) is a tspan in its own language: in Chromium that picks the Taiwanese
    glyph forms, and WeasyPrint, whose SVG text ignores the font list for characters the first font lacks, is
    told the Chinese font there (goldcard/pdf/sketches.py). WeasyPrint drops the text after a tspan nested in
    another, so the parts of a placed line are sibling tspans, the first one placed."""
    parts = [(wide and english, "".join(run)) for wide, run in groupby(text, is_wide)] if english else [(False, text)]
    if not at:
        return "".join(f"<tspan{LANG_ZH}>{esc(part)}</tspan>" if chinese else esc(part)
                       for chinese, part in parts) + tail
    return "".join(f'<tspan{at if i == 0 else ""}{LANG_ZH if chinese else ""}>{esc(part)}'
                   f'{tail if i == len(parts) - 1 else ""}</tspan>' for i, (chinese, part) in enumerate(parts))


@dataclass(frozen=True)
class Line:
    text: str
    english: bool
    bold: bool = False

    @property
    def size(self) -> int:
        return EN if self.english else ZH

    @property
    def height(self) -> int:
        return EN_LINE if self.english else ZH_LINE


@dataclass
class Block:
    """A label laid out to a width: its lines, and the width and height they take."""

    lines: list[Line]

    @property
    def width(self) -> float:
        return max((text_width(line.text, line.size, line.bold) for line in self.lines), default=0)

    @property
    def height(self) -> int:
        return sum(line.height for line in self.lines)


@dataclass
class Pen:
    """What drawing one sketch needs: the page's language, the glossary's English, what is marked, and the SVG
    written so far."""

    lang: Lang
    english_of: Callable[[str], str | None]
    marks: dict[str, int]
    out: list[str] = field(default_factory=list)
    marked: set[str] = field(default_factory=set)

    def block(self, label: str, width: float, bold: bool = False) -> Block:
        lines = [Line(text, False, bold) for text in wrap(label, ZH, width, bold)]
        english = self.english_of(label) if self.lang == "en" else None
        if english:
            lines += [Line(text, True) for text in wrap(english, EN, width)]
        return Block(lines)

    def text_block(self, text: Any, width: float) -> Block:
        """Words of the sketch's own (a notice): the Chinese, and on English pages the English beneath."""
        lines = [Line(t, False) for t in wrap(" ".join(text.zh.split()), ZH, width)]
        if self.lang == "en":
            lines += [Line(t, True) for t in wrap(" ".join(text.en.split()), EN, width)]
        return Block(lines)

    def write(self, block: Block, x: float, y: float, cls: str = "", anchor_middle: bool = False,
              after_label: str = "") -> None:
        """The block's lines from the top `y`, at `x` (their left, or their middle); `after_label` is markup that
        follows the last line of the Chinese in the same text, so that it stands right after it in any font."""
        top = y
        last_chinese = max((i for i, line in enumerate(block.lines) if not line.english), default=-1)
        # The lines of one language are one <text>, a <tspan> each: find-in-page then finds a label, or its English,
        # across the line breaks (the English keeps the space it was broken at).
        runs: list[list[tuple[int, Line, float]]] = []
        for index, line in enumerate(block.lines):
            baseline = top + (EN if line.english else ZH) - (1 if line.english else 0)
            if runs and runs[-1][-1][1].english == line.english and runs[-1][-1][1].bold == line.bold:
                runs[-1].append((index, line, baseline))
            else:
                runs.append([(index, line, baseline)])
            top += line.height
        for run in runs:
            first = run[0][1]
            classes = " ".join(c for c in (cls, "e" if first.english else "", "s" if first.bold else "") if c)
            attrs = f' class="{classes}"' if classes else ""
            if anchor_middle:
                attrs += ' text-anchor="middle"'
            if self.lang == "en" and not first.english:
                attrs += LANG_ZH
            markup = []
            for position, (index, line, baseline) in enumerate(run):
                gap = " " if line.english and position < len(run) - 1 else ""
                at = f' x="{num(x)}" y="{num(baseline)}"' if len(run) > 1 else ""
                markup.append(line_markup(line.text + gap, line.english, at,
                                          after_label if index == last_chinese else ""))
            self.out.append(f'<text x="{num(x)}" y="{num(run[0][2])}"{attrs}>{"".join(markup)}</text>')

    def rect(self, x: float, y: float, w: float, h: float, cls: str, rx: int = 2) -> None:
        self.out.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" class="{cls}"'
                        + (f' rx="{rx}"' if rx else "") + "/>")

    def mark_of(self, label: str) -> int | None:
        """The mark's number, the first time the label is drawn (a label shown twice is marked once)."""
        if label in self.marks and label not in self.marked:
            self.marked.add(label)
            return self.marks[label]
        return None

    def marked_label(self, label: str, x: float, y: float, width: float, bold: bool = False, cls: str = "") -> Block:
        """A label standing alone (a title, a question, a heading, a link), outlined and numbered if marked."""
        mark = self.mark_of(label)
        block = self.block(label, width - (BADGE if mark else 0), bold=bold)
        self.open_mark(mark)
        self.write(block, x, y, cls)
        self.close_mark(mark, x, y, block.width + (BADGE + 4 if mark else 0), block.height)
        return block

    def open_mark(self, number: int | None) -> None:
        if number is not None:
            self.out.append(f'<g data-mark="{number}">')

    def close_mark(self, number: int | None, x: float, y: float, w: float, h: float) -> None:
        """The outline around a marked box and its badge, inside the box's right end (room kept for it)."""
        if number is None:
            return
        self.out.append(f'<rect x="{num(x - 2)}" y="{num(y - 2)}" width="{num(w + 4)}" height="{num(h + 4)}" '
                        'class="m" rx="3"/>')
        cx, cy = x + w - BADGE / 2 - 1, y + h / 2
        self.out.append(f'<circle cx="{num(cx)}" cy="{num(cy)}" r="7.5" class="mb"/>'
                        f'<text x="{num(cx)}" y="{num(cy + 4)}" class="mn" text-anchor="middle">{number}</text></g>')


def num(value: float) -> str:
    """A coordinate, to half a pixel: short to send, the same on every build."""
    rounded = round(value * 2) / 2
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


# ---------------------------------------------------------------- boxes in rows

@dataclass
class Item:
    label: str
    block: Block
    mark: int | None
    pad_x: float = PAD

    @property
    def width(self) -> float:
        return self.block.width + 2 * self.pad_x + (BADGE if self.mark is not None else 0)

    @property
    def height(self) -> float:
        return self.block.height + 2 * (PAD - 2)


def items(pen: Pen, labels: list[str], max_width: float, bold: bool = False) -> list[Item]:
    found = []
    for label in labels:
        mark = pen.mark_of(label)
        room = max_width - 2 * PAD - (BADGE if mark is not None else 0)
        found.append(Item(label, pen.block(label, room, bold), mark))
    return found


def flow(row_items: list[Item], x0: float, width: float, gap: float = GAP) -> list[list[tuple[float, Item]]]:
    """Items placed left to right, in as many rows as they need."""
    rows: list[list[tuple[float, Item]]] = [[]]
    x = x0
    for item in row_items:
        if rows[-1] and x + item.width > x0 + width:
            rows.append([])
            x = x0
        rows[-1].append((x, item))
        x += item.width + gap
    return rows


def draw_row_boxes(pen: Pen, row_items: list[Item], x0: float, y: float, width: float, cls: Callable[[Item], str],
                   text_cls: Callable[[Item], str] = lambda item: "", gap: float = GAP) -> float:
    """Boxes with labels, flowed into rows; returns the height taken."""
    top = y
    for row in flow(row_items, x0, width, gap):
        height = max(item.height for _, item in row)
        for x, item in row:
            pen.open_mark(item.mark)
            pen.rect(x, y, item.width, height, cls(item))
            pen.write(item.block, x + item.pad_x, y + PAD - 2, text_cls(item))
            pen.close_mark(item.mark, x, y, item.width, height)
        y += height + gap
    return y - top - gap


# ---------------------------------------------------------------- the page's parts

INNER = SKETCH_WIDTH - 2 * 10  # the page's content column
LEFT = 10


def draw_header(pen: Pen, platform: Platform, signed_in: bool, y: float) -> float:
    header = platform.header
    top = y
    start_at = len(pen.out)
    agency = pen.block(header.agency, INNER)
    name = pen.block(header.name, INNER, bold=True)
    y += 6
    pen.write(agency, LEFT, y, "hd")
    y += agency.height + 2
    pen.write(name, LEFT, y)
    y += name.height + 4
    if signed_in:
        row = items(pen, header.signed_in, INNER)
        total = sum(item.width for item in row) + GAP * (len(row) - 1)
        start = LEFT + max(0.0, INNER - total)  # at the right, as the platform has them
        y += draw_row_boxes(pen, row, start, y, INNER, lambda item: "c") + 4
    pen.out.insert(start_at, f'<rect x="0" y="{num(top)}" width="{SKETCH_WIDTH}" height="{num(y - top + 2)}" '
                   'class="hb"/>')
    return y - top + 2


def draw_menu_bar(pen: Pen, platform: Platform, sketch: Sketch, y: float) -> float:
    bar = platform.menu_bar(sketch.menu_bar or "")
    if bar is None:
        return 0
    top = y
    row = items(pen, [menu.label for menu in bar.menus], SKETCH_WIDTH - 2 * LEFT)
    rows = flow(row, LEFT, SKETCH_WIDTH - 2 * LEFT, 4)
    height = sum(max(item.height for _, item in r) for r in rows) + 4 * (len(rows) - 1) + 8
    pen.rect(0, y, SKETCH_WIDTH, height, "n", 0)
    y += 4
    open_at: tuple[float, float] | None = None
    for r in rows:
        row_height = max(item.height for _, item in r)
        for x, item in r:
            is_open = item.label == sketch.open_menu
            pen.open_mark(item.mark)
            pen.rect(x, y, item.width, row_height, "no" if is_open else "ni")
            pen.write(item.block, x + item.pad_x, y + PAD - 2, "" if is_open else "w")
            pen.close_mark(item.mark, x, y, item.width, row_height)
            if is_open:
                open_at = (x, y + row_height)
        y += row_height + 4
    y = top + height
    if open_at is not None:
        menu = next(menu for menu in bar.menus if menu.label == sketch.open_menu)
        y += draw_dropdown(pen, menu.entries, open_at[0], y)
    return y - top


def draw_dropdown(pen: Pen, entries: list[str], x: float, y: float) -> float:
    """The open menu's entries, one per line, in a box under the menu, kept inside the sketch."""
    if pen.lang == "en":  # the entries' English is longer than their Chinese: the menu takes the whole width
        width = SKETCH_WIDTH - 2 * LEFT
    else:
        width = min(SKETCH_WIDTH - 2 * LEFT, max((text_width(e, ZH) for e in entries), default=0) + 2 * PAD + BADGE + 40)
    x = min(x, SKETCH_WIDTH - LEFT - width)
    rows = items(pen, entries, width)
    total = sum(item.height for item in rows) + 2
    pen.rect(x, y, width, total + 2, "dd", 0)
    top = y + 2
    for item in rows:
        pen.open_mark(item.mark)
        pen.write(item.block, x + PAD, top + PAD - 2)
        pen.close_mark(item.mark, x + 2, top, width - 4, item.height)
        top += item.height
    return total + 2 + GAP


def draw_tabs(pen: Pen, platform: Platform, sketch: Sketch, y: float) -> float:
    tabs = platform.tab_strip(sketch.tabs or "")
    if tabs is None:
        return 0
    row = items(pen, tabs.tabs, INNER)
    return draw_row_boxes(pen, row, LEFT, y, INNER, lambda item: "tc" if item.label == sketch.current_tab else "t",
                          gap=3) + GAP


def draw_value(pen: Pen, value: str, x: float, y: float, width: float) -> float:
    """A field's content, neutral whatever the screenshot showed."""
    height = 20
    pen.rect(x, y, width, height, "c")
    if value == "filled":
        pen.rect(x + 5, y + 7, min(width - 10, 90), 6, "v", 0)
    elif value == "choose":
        pen.out.append(f'<path d="M{num(x + width - 16)} {num(y + 8)}h8l-4 5z" class="g"/>')
    elif value == "date":
        pen.rect(x + 5, y + 7, 50, 6, "v", 0)
        pen.rect(x + width - 17, y + 5, 11, 10, "g", 1)
    elif value == "file":
        pen.rect(x + 3, y + 3, 46, height - 6, "b")
        pen.rect(x + 56, y + 7, min(width - 62, 70), 6, "v", 0)
    elif value == "number":
        pen.out.append(f'<text x="{num(x + 5)}" y="{num(y + 15)}">{NEUTRAL_NUMBER}</text>')
    return height


def draw_part(pen: Pen, platform: Platform, part: Any, x: float, y: float, width: float) -> float:
    """One part at (x, y), `width` wide; returns the height it takes."""
    if isinstance(part, TitlePart):
        block = pen.marked_label(part.title, x, y, width, bold=True)
        pen.rect(x, y + block.height + 2, width, 1.5, "g", 0)
        return block.height + 4
    if isinstance(part, (ButtonsPart, ButtonRowPart)):
        labels = part.buttons if isinstance(part, ButtonsPart) else platform.button_row(part.button_row).buttons
        return draw_row_boxes(pen, items(pen, labels, width), x, y, width, lambda item: "b")
    if isinstance(part, FieldPart):
        mark = pen.mark_of(part.field)
        label = part.field
        block = pen.block(label, width - 12 - (BADGE if mark else 0))
        pen.open_mark(mark)
        # The required mark right after the Chinese label, as the platform has it: in the label's own text, not
        # at its measured width (which is an upper bound, and on English pages the English beneath's).
        pen.write(block, x, y, after_label='<tspan class="rq"> *</tspan>' if part.required else "")
        height = block.height + 2 + draw_value(pen, part.value, x, y + block.height + 2, width - (BADGE if mark else 0))
        pen.close_mark(mark, x, y, width, height)
        return height
    if isinstance(part, TickPart):
        mark = pen.mark_of(part.tick)
        block = pen.block(part.tick, width - 20 - (BADGE if mark else 0))
        pen.open_mark(mark)
        pen.rect(x, y + 2, 12, 12, "c", 1)
        if part.ticked:
            pen.out.append(f'<path d="M{num(x + 2)} {num(y + 8)}l3 3 5-6" class="k"/>')
        pen.write(block, x + 18, y)
        pen.close_mark(mark, x, y, block.width + 18 + (BADGE + 4 if mark else 0), block.height)
        return block.height
    if isinstance(part, ChoicePart):
        block = pen.marked_label(part.choice, x, y, width)
        top = y + block.height + 3
        row = items(pen, part.options, width - 20)
        for item in row:
            item.pad_x = 18  # the radio button sits in the padding
        height = 0.0
        for line in flow(row, x, width):
            line_height = max(item.height for _, item in line)
            for ox, item in line:
                pen.open_mark(item.mark)
                cy = top + line_height / 2
                pen.out.append(f'<circle cx="{num(ox + 8)}" cy="{num(cy)}" r="5" class="c"/>')
                if item.label == part.chosen:
                    pen.out.append(f'<circle cx="{num(ox + 8)}" cy="{num(cy)}" r="2.5" class="k2"/>')
                pen.write(item.block, ox + item.pad_x, top + PAD - 2)
                pen.close_mark(item.mark, ox, top, item.width, line_height)
            top += line_height + GAP
            height += line_height + GAP
        return block.height + 3 + height - GAP
    if isinstance(part, LinkPart):
        block = pen.marked_label(part.link, x, y, width, cls="a")
        # Each line of the Chinese underlined, as wide as its words: without the margin (a Han character is one
        # em in every CJK font), and not as wide as the English beneath.
        for index, line in enumerate(line for line in block.lines if not line.english):
            pen.rect(x, y + index * ZH_LINE + ZH + 2, min(text_width(line.text, ZH) / MARGIN, width), 1, "a", 0)
        return block.height
    if isinstance(part, TablePart):
        return draw_table(pen, part, x, y, width)
    if isinstance(part, NoticePart):
        block = pen.text_block(part.notice, width - 2 * PAD)
        pen.rect(x, y, width, block.height + 2 * PAD, "r" if part.tone == "red" else "u")
        pen.write(block, x + PAD, y + PAD, "rt" if part.tone == "red" else "ut")
        return block.height + 2 * PAD
    if isinstance(part, ParagraphPart):
        height = 0.0
        if part.heading:
            height += pen.marked_label(part.heading, x, y, width, bold=True).height + 3
        if part.text is not None:
            block = pen.text_block(part.text, width)
            pen.write(block, x, y + height)
            height += block.height
        for line in range(part.lines):
            pen.rect(x, y + height + 3, width * (0.92 if line < part.lines - 1 else 0.6), 5, "v", 0)
            height += 10
        return height
    if isinstance(part, StagesPart):
        row = items(pen, part.stages, width)
        return draw_row_boxes(pen, row, x, y, width, lambda item: "tc" if item.label == part.current else "t")
    if isinstance(part, BoxPart):
        top = y
        mark = pen.mark_of(part.box)
        block = pen.block(part.box, width - 2 * PAD - (BADGE if mark else 0), bold=True)
        frame_at = len(pen.out)
        pen.open_mark(mark)
        pen.rect(x, y, width, block.height + 2 * PAD - 2, "h", 0)
        pen.write(block, x + PAD, y + PAD - 1)
        pen.close_mark(mark, x, y, width, block.height + 2 * PAD - 2)
        y += block.height + 2 * PAD + 2
        y += draw_parts(pen, platform, part.parts, x + PAD, y, width - 2 * PAD)
        pen.out.insert(frame_at, f'<rect x="{num(x)}" y="{num(top)}" width="{num(width)}" '
                       f'height="{num(y - top + PAD - GAP)}" class="c" rx="2"/>')
        return y - top + PAD - GAP
    raise TypeError(f"no drawing for {type(part).__name__}")


def draw_table(pen: Pen, part: TablePart, x: float, y: float, width: float) -> float:
    columns = len(part.table)
    cell = width / columns
    top = y
    heads = items(pen, part.table, cell)
    head_height = max(item.height for item in heads)
    pen.rect(x, y, width, head_height, "h", 0)
    for index, item in enumerate(heads):
        pen.open_mark(item.mark)
        pen.write(item.block, x + index * cell + PAD, y + PAD - 2, "s")
        pen.close_mark(item.mark, x + index * cell + 1, y + 1, cell - 2, head_height - 2)
    y += head_height
    rows = [[None] * columns for _ in range(part.rows)] if isinstance(part.rows, int) else part.rows
    for row in rows:
        cells = [items(pen, [label], cell)[0] if label else None for label in row]
        row_height = max([item.height for item in cells if item] + [20])
        pen.rect(x, y, width, row_height, "c", 0)
        for index, item in enumerate(cells):
            cx = x + index * cell
            if item is None:
                pen.rect(cx + PAD, y + row_height / 2 - 3, min(cell - 2 * PAD, 50), 6, "v", 0)
                continue
            pen.open_mark(item.mark)
            pen.write(item.block, cx + PAD, y + PAD - 2)
            pen.close_mark(item.mark, cx + 1, y + 1, cell - 2, row_height - 2)
        y += row_height
    pen.rect(x, top, width, y - top, "o", 0)
    return y - top


def draw_parts(pen: Pen, platform: Platform, parts: list[Any], x: float, y: float, width: float) -> float:
    top = y
    for part in parts:
        y += draw_part(pen, platform, part, x, y, width) + GAP + 2
    return y - top


def draw_dialog(pen: Pen, platform: Platform, view: DialogView, y: float) -> float:
    """A dialog over a dimmed page: drawn below the header, in place of the page it covers."""
    if view.use is not None:
        dialog = platform.dialog(view.use)
        title, parts, buttons = dialog.title, list(dialog.parts) + list(view.parts), list(dialog.buttons)
    else:
        title, parts, buttons = view.title or "", list(view.parts), list(view.buttons)
    if view.ticked:
        parts = [p.model_copy(update={"ticked": True}) if isinstance(p, TickPart) else p for p in parts]
    top = y
    backdrop_at = len(pen.out)
    x, width = LEFT + 6, SKETCH_WIDTH - 2 * (LEFT + 6)
    y += 10
    box_at = len(pen.out)
    mark = pen.mark_of(title)
    block = pen.block(title, width - 2 * PAD - (BADGE if mark else 0), bold=True)
    pen.open_mark(mark)
    pen.rect(x, y, width, block.height + 2 * PAD - 2, "h", 0)
    pen.write(block, x + PAD, y + PAD - 1)
    pen.close_mark(mark, x, y, width, block.height + 2 * PAD - 2)
    body_top = y
    y += block.height + 2 * PAD + 4
    y += draw_parts(pen, platform, parts, x + PAD, y, width - 2 * PAD)
    if buttons:
        row = items(pen, buttons, width - 2 * PAD)
        y += draw_row_boxes(pen, row, x + PAD, y, width - 2 * PAD, lambda item: "b") + PAD
    pen.out.insert(box_at, f'<rect x="{num(x)}" y="{num(body_top)}" width="{num(width)}" '
                   f'height="{num(y - body_top)}" class="dg" rx="3"/>')
    y += 10
    pen.out.insert(backdrop_at, f'<rect x="0" y="{num(top)}" width="{SKETCH_WIDTH}" height="{num(y - top)}" class="d"/>')
    return y - top


@dataclass(frozen=True)
class DrawnSketch:
    svg_body: str
    height: int


def draw_sketch(sketch: Sketch, platform: Platform, lang: Lang, english_of: Callable[[str], str | None]) -> DrawnSketch:
    """The SVG elements of a sketch (without the <svg> element itself) and the height they take."""
    pen = Pen(lang, english_of, {label: n for n, label in enumerate(sketch.marks, start=1)})
    y = 0.0
    bar = platform.menu_bar(sketch.menu_bar) if sketch.menu_bar else None
    if bar is not None:
        y += draw_header(pen, platform, bar.signed_in, y)
        y += draw_menu_bar(pen, platform, sketch, y)
    y += GAP + 2
    above = sketch.parts_above_tabs()
    y += draw_parts(pen, platform, sketch.parts[:above], LEFT, y, INNER)
    y += draw_tabs(pen, platform, sketch, y)
    y += draw_parts(pen, platform, sketch.parts[above:], LEFT, y, INNER)
    if sketch.dialog is not None:
        y += draw_dialog(pen, platform, sketch.dialog, y)
    height = int(y + 4)
    frame = f'<rect x="0.5" y="0.5" width="{SKETCH_WIDTH - 1}" height="{height - 1}" class="f"/>'
    return DrawnSketch(frame + "".join(part for part in pen.out if part), height)


def render_sketch_svg(sketch: Sketch, platform: Platform, lang: Lang, english_of: Callable[[str], str | None],
                      name: str, described_by: str) -> str:
    """The whole <svg>: an image with an accessible name, described by the step's screen text."""
    drawn = draw_sketch(sketch, platform, lang, english_of)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {SKETCH_WIDTH} {drawn.height}" '
            f'width="{SKETCH_WIDTH}" height="{drawn.height}" aria-label="{html.escape(name, quote=True)}" '
            f'aria-describedby="{described_by}">{drawn.svg_body}</svg>')
