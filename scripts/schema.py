#!/usr/bin/env python3
"""Write the JSON Schemas that the data files point to (data/schema/*.json) from the pydantic models.

Run it after changing goldcard/model.py; a test fails while the committed schemas are stale.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from goldcard.schema import SCHEMAS, schema_text  # noqa: E402


def main() -> int:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    for name in SCHEMAS:
        (ROOT / "data" / "schema" / f"{name}.schema.json").write_text(schema_text(name), encoding="utf-8")
        print(f"wrote data/schema/{name}.schema.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
