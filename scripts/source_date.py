#!/usr/bin/env python3
"""Print SOURCE_DATE_EPOCH for the data: the Unix time of the latest guide update.

Builds set it themselves (hooks/pages.py); this prints it for tools that build outside MkDocs's hooks.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from goldcard.load import load_site, source_date_epoch  # noqa: E402


def main() -> int:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    print(source_date_epoch(load_site(ROOT / "data").guides))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
