#!/usr/bin/env python3
"""Make the printable PDFs from the built site (`make pdf` builds the site first).

Writes, into SITE/pdf/: gold-card-guides.zh-TW.pdf and gold-card-guides.en.pdf (the whole handbook) and
<slug>.zh-TW.pdf, <slug>.en.pdf for each guide, with WeasyPrint over the articles of the built pages.
The same site gives the same bytes. The work is in goldcard/pdf/; the print stylesheet is goldcard/pdf/print.css.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from goldcard.pdf.export import export_pdfs  # noqa: E402
from goldcard.pdf.site import PdfError  # noqa: E402
from goldcard.problems import DataError, display_path  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=None, help="where to write the PDFs (default: SITE/pdf/)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the guide data (default: data/)")
    parser.add_argument("--jobs", type=int, default=None, help="PDFs made at once (default: one per processor)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        exported = export_pdfs(args.site, args.out, args.data, jobs=args.jobs)
    except (PdfError, DataError) as error:
        print(f"pdf: {error}", file=sys.stderr)
        return 1
    problems = 0
    for result in exported:
        print(f"{display_path(result.path)}: {result.pages} pages, {result.path.stat().st_size // 1024} KB")
        for href in result.dangling:
            print(f"  {result.path.name}: a link to {href} has no target in the PDF; it is printed as plain text")
        for warning in result.warnings:
            print(f"  {result.path.name}: WeasyPrint: {warning}")
        problems += len(result.dangling) + len(result.warnings)
    took = time.perf_counter() - started
    print(f"{len(exported)} PDFs in {took:.1f} s" + (f", {problems} warning(s)" if problems else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
