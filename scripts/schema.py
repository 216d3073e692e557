#!/usr/bin/env python3
"""Write the JSON Schemas that editors' YAML files point to (data/schema/*.json) from the pydantic models.

Run after changing goldcard/model.py; a test fails while the committed schemas are stale.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from goldcard.model import Glossary, Guide, SharedBlock  # noqa: E402

SCHEMAS = {"guide": Guide, "shared-block": SharedBlock, "glossary": Glossary}
SCHEMA_DIR = Path(__file__).resolve().parents[1] / "data" / "schema"


def schema_text(name: str) -> str:
    schema = SCHEMAS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        (SCHEMA_DIR / f"{name}.schema.json").write_text(schema_text(name), encoding="utf-8")
        print(f"wrote data/schema/{name}.schema.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
