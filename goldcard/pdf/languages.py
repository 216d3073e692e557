"""The language of each part of a tagged PDF that is not in the document's language.

WeasyPrint 70 tags a PDF/UA-1 document with one language, `<html lang>` as the catalog's /Lang. The English
PDFs quote the platform's Chinese labels (`<span lang="zh-TW">登入</span>`), which a screen reader would then
read with an English voice. PDF gives any structure element a /Lang of its own (ISO 32000-1, 14.9.2), inherited
by what it holds; this sets it on each element whose HTML element has another language than its parent.

WeasyPrint builds the structure tree in one private, recursive function, `weasyprint.pdf.tags._build_box_tree`,
a generator that yields the structure elements of a box. `element_languages()` wraps it for the time of one
export. requirements.lock pins WeasyPrint; tests/test_pdf.py reads the languages back, so an update that moves
the function fails there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pydyf
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags


def _own_language(box) -> str | None:
    """The box's language where it is not its parent's (WeasyPrint's inherited `lang` property, from the HTML
    `lang` attribute); None for the root, whose language is the document's."""
    if isinstance(box, AbsolutePlaceholder):  # stands in for a box taken out of the flow
        box = box._box
    parent = getattr(box.style, "parent_style", None)
    if parent is None:
        return None
    language = box.style["lang"]
    return language if language and language != parent["lang"] else None


@contextlib.contextmanager
def element_languages() -> Iterator[None]:
    plain = tags._build_box_tree

    def build(box, *args):
        language = _own_language(box)
        for element in plain(box, *args):  # its recursion looks the name up again, so it comes back here
            if language:
                element["Lang"] = pydyf.String(language)
            yield element

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = plain
