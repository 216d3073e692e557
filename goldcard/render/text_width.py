"""How wide a line of text is drawn, and where it breaks: the sketches' layout, measured without a font.

Latin characters take the widest advance any of the likely fonts gives them (glyph_widths.json, made by
scripts/glyph_widths.py with fontTools); Han characters and full-width punctuation take one em in every CJK
font. MARGIN leaves room for fonts the table does not know (a Mac's, a Windows PC's).
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

MARGIN = 1.12
OTHER_EM = 0.75  # a character outside ASCII that is not wide (é, –): wider than most Latin letters

_TABLE = json.loads((Path(__file__).with_name("glyph_widths.json")).read_text(encoding="utf-8"))


@lru_cache(maxsize=4096)
def char_em(char: str, bold: bool) -> float:
    table = _TABLE["bold" if bold else "regular"]
    if char in table:
        return table[char]
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return OTHER_EM


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The drawn width of one line, in the same unit as `size`, with the margin."""
    return text_em(text, bold) * size * MARGIN


# Every sketch draws the page header and the menu bar again: their labels are measured once per build.
@lru_cache(maxsize=8192)
def text_em(text: str, bold: bool = False) -> float:
    """The width of one line in ems, without the margin."""
    return sum(char_em(char, bold) for char in text)


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


@lru_cache(maxsize=4096)  # the same labels are wrapped in the same boxes in sketch after sketch
def wrap(text: str, size: float, width: float, bold: bool = False) -> tuple[str, ...]:
    """`text` broken into lines no wider than `width`: between words, and between any two Han characters (as
    Chinese breaks); a word longer than a line is broken where it must be."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        candidate = line + token
        if not line or text_width(candidate.rstrip(), size, bold) <= width:
            line = candidate
            continue
        lines.append(line.rstrip())
        line = token.lstrip()
        while text_width(line, size, bold) > width and len(line) > 1:
            cut = _fitting(line, size, width, bold)
            lines.append(line[:cut])
            line = line[cut:]
    while line and text_width(line.rstrip(), size, bold) > width and len(line) > 1:
        cut = _fitting(line, size, width, bold)
        lines.append(line[:cut])
        line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return tuple(lines) or ("",)


def _fitting(line: str, size: float, width: float, bold: bool) -> int:
    """How many characters of `line` fit in `width` (at least one)."""
    for cut in range(len(line), 0, -1):
        if text_width(line[:cut], size, bold) <= width:
            return cut
    return 1


# A closing mark stays with the character before it, an opening one with the one after (「 , （ ）).
_CLOSING = set("」）)、，。：；！？,.:;!?")
_OPENING = set("「（(")


def _tokens(text: str) -> list[str]:
    """Units that never break: a Latin word with its following space, or one Han character with its marks."""
    tokens: list[str] = []
    current = ""
    for char in text:
        if is_wide(char) and char not in _CLOSING:
            if current and not (len(current) and current[-1] in _OPENING):
                tokens.append(current)
                current = ""
            current += char
        elif char == " ":
            current += char
            tokens.append(current)
            current = ""
        elif char in _CLOSING:
            current += char
        else:
            if current and is_wide(current[-1]) and current[-1] not in _OPENING:
                tokens.append(current)
                current = ""
            current += char
    if current:
        tokens.append(current)
    return tokens
