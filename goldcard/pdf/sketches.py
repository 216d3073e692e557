"""The sketches of the platform's screens (goldcard/render/sketch.py), made fit for WeasyPrint.

A sketch's SVG gives its colours as classes only, styled by the site's CSS. WeasyPrint 70 draws an inline SVG
with none of the page's CSS, but with a `<style>` inside the `<svg>`; so each sketch gets one, holding the light
palette of docs/stylesheets/goldcard.css (the rules between its markers, the one source of the colours) and the
fonts of the PDFs: Noto Sans CJK TC for the Chinese, whose Taiwanese glyph forms WeasyPrint's SVG text would
otherwise not choose (it ignores `lang` there and took the first Noto CJK face, the Japanese), and Liberation
Sans, as in the text around it, for the English glosses; the Chinese an English gloss quotes (「儲存」) is a
tspan with `lang` (goldcard/render/sketch.py), given the Chinese font by name, since WeasyPrint does not fall
back along the font list for the characters Liberation Sans lacks.

WeasyPrint tags an inline `<svg>` as a Figure and takes its alternative text from the SVG's `<title>` (it reads
no `aria-label`): the title is the sketch's accessible name, and the figure's caption, the screen's description,
follows it as the Figure's Caption.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from ..problems import display_path
from .site import PdfError, select
from .tree import element

SVG = "{http://www.w3.org/2000/svg}"
STYLESHEET = Path(__file__).resolve().parents[2] / "docs" / "stylesheets" / "goldcard.css"
BEGIN, END = "/* sketch palette: begin */", "/* sketch palette: end */"
PREFIX = ".gc-sketch "
FONTS = ('text { font-family: "Noto Sans CJK TC", "Liberation Sans"; }\n'
         '.e { font-family: "Liberation Sans", "Noto Sans CJK TC"; }\n'
         '.e tspan[lang] { font-family: "Noto Sans CJK TC"; }\n')


@lru_cache(maxsize=4)
def palette(stylesheet: Path = STYLESHEET) -> str:
    """The light palette's rules, for selectors inside the SVG (`.gc-sketch .m` becomes `.m`), and the fonts."""
    css = stylesheet.read_text(encoding="utf-8")
    start, end = css.find(BEGIN), css.find(END)
    if start < 0 or end < start:
        raise PdfError(f"{display_path(stylesheet)}: the markers `{BEGIN}` and `{END}` around the sketches' "
                       "light palette are missing; put them back around its rules, which the PDFs' sketches use")
    rules = css[start + len(BEGIN):end].strip()
    if not rules:
        raise PdfError(f"{display_path(stylesheet)}: no rules between `{BEGIN}` and `{END}`; the PDFs' sketches "
                       "take their colours from there")
    return re.sub(re.escape(PREFIX), "", rules) + "\n" + FONTS


def plain_svg(svg: ET.Element) -> None:
    """Tags without the SVG namespace, and no namespaced attributes (the parser's `xmlns`): serialised as HTML
    they are then `<svg>`, `<rect>`, which WeasyPrint's HTML parser puts back in the SVG namespace; with the
    namespace, ElementTree would write `<ns0:svg>`, which is no SVG at all, and its text would run as prose."""
    for found in svg.iter():
        if isinstance(found.tag, str) and found.tag.startswith(SVG):
            found.tag = found.tag[len(SVG):]
        for name in [name for name in found.attrib if name.startswith("{")]:
            del found.attrib[name]


def sketches_for_paper(article: ET.Element, stylesheet: Path = STYLESHEET) -> None:
    """Each sketch's SVG: plain tags, its palette and fonts in a `<style>`, its name in a `<title>`."""
    for figure in select(article, "figure.gc-sketch"):
        for svg in [found for found in figure.iter() if found.tag in (f"{SVG}svg", "svg")]:
            plain_svg(svg)
            for old in [child for child in svg if child.tag in ("style", "title")]:
                svg.remove(old)
            style = element("style", palette(stylesheet))
            style.tail = None
            svg.insert(0, style)
            name = svg.get("aria-label")
            if name:
                svg.insert(1, element("title", name))
