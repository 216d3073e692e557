"""Where the PDFs are and what they are called: the contract of design.md, shared by the export and by the
download links on the site."""

from __future__ import annotations

from ..model import Lang

PDF_DIR = "pdf"  # under the site's root: site/pdf/
HANDBOOK = "gold-card-guides"
LOCALES: dict[Lang, str] = {"zh": "zh-TW", "en": "en"}


def handbook_file(lang: Lang) -> str:
    return f"{HANDBOOK}.{LOCALES[lang]}.pdf"


def guide_file(slug: str, lang: Lang) -> str:
    return f"{slug}.{LOCALES[lang]}.pdf"
