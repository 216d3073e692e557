"""Write every PDF of the built site with WeasyPrint: the handbook and each guide, in each language.

`export_pdfs(site_dir, out_dir)` is what `make pdf` (scripts/pdf.py) and the benchmarks call. WeasyPrint
embeds the fonts as subsets (Chromium's print would embed Noto CJK as Type 3 fonts), and with the dates
fixed from the data the same site gives the same bytes.

Every PDF is tagged as PDF/UA-1 (WeasyPrint's `pdf/ua-1`): a structure tree of headings, lists, tables and
links in reading order, the document's language (`<html lang>`) and title (`<title>`, shown as the window's
title), the PDF/UA identification in the XMP metadata, and the language of the parts in another language
(languages.py).
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..load import Site, load_site
from ..model import LANGS
from .document import Document, Pages, guide_document, handbook_document
from .names import PDF_DIR

STYLESHEET = Path(__file__).with_name("print.css")
PDF_VARIANT = "pdf/ua-1"  # tagged for screen readers; WeasyPrint logs an error for what PDF/UA lacks (alt text)
DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@dataclass
class Exported:
    path: Path
    pages: int
    dangling: list[str]  # in-document links that lost their target (made plain text)
    warnings: list[str] = field(default_factory=list)  # what WeasyPrint could not do


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def documents(site: Site, site_dir: Path) -> list[Document]:
    """Every PDF's HTML: per language, the handbook, then each guide in the series' order."""
    pages = Pages(site_dir)
    found = []
    for lang in LANGS:
        found.append(handbook_document(site, lang, pages))
        found += [guide_document(site, loaded.guide.slug, lang, pages) for loaded in site.guides]
    return found


def write_pdf(document: Document, out_dir: Path) -> Exported:
    # Imported here: WeasyPrint loads Pango, which reading the data does not need.
    from weasyprint import CSS, HTML

    from .languages import element_languages

    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        # No base URL: every link is in the document, to another host, or to a PDF beside this one.
        rendered = HTML(string=document.html, base_url=None).render(
            stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant=PDF_VARIANT
        )
        path = out_dir / document.file
        with element_languages():
            # The identifier is a hash of the content, so it is the same for the same content.
            rendered.write_pdf(path, pdf_identifier=True, pdf_variant=PDF_VARIANT)
    finally:
        logger.removeHandler(collect)
    return Exported(path, len(rendered.pages), document.dangling, collect.messages)


def export_pdfs(site_dir: Path, out_dir: Path | None = None, data_dir: Path = DATA_DIR,
                jobs: int | None = None) -> list[Exported]:
    """Make all PDFs of the site built in `site_dir` into `out_dir` (default: the site's `pdf/`), `jobs` at a
    time (default: one per processor; each PDF is made on its own, so the bytes do not depend on it)."""
    out_dir = out_dir or site_dir / PDF_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    found = documents(load_site(data_dir), site_dir)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(found)))
    if jobs == 1:
        return [write_pdf(document, out_dir) for document in found]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(write_pdf, found, [out_dir] * len(found)))
