"""JSON Schemas of the data files, generated from the pydantic models, for editors' completion."""

from __future__ import annotations

import json

from .model import Deadlines, Glossary, Guide, Platform, SharedBlock

SCHEMAS = {"guide": Guide, "shared-block": SharedBlock, "glossary": Glossary, "deadlines": Deadlines,
           "platform": Platform}


def schema_text(name: str) -> str:
    schema = SCHEMAS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
