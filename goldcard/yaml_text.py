"""Write YAML by hand, in the house style of data/: block keys, `|-` for texts of several lines, plain
scalars where YAML reads them back unchanged, comments where an editor needs them. Used by the editor tools
that create data files (scripts/new_guide.py, scripts/import_tango.py), which then read their output back.
"""

from __future__ import annotations

import json

import yaml


def scalar(value: object) -> str:
    """One scalar on one line: plain when YAML reads it back as the same string, otherwise double-quoted."""
    if not isinstance(value, str):
        return json.dumps(value)
    if value and value == value.strip() and "\n" not in value and " #" not in value:
        try:
            if yaml.safe_load(f"key: {value}") == {"key": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def text_value(value: str, indent: str) -> str:
    """The value part of `key: <value>`: a scalar, or a `|-` block whose lines are indented by `indent`."""
    lines = [line.rstrip() for line in value.strip("\n").split("\n")]
    if len(lines) == 1 or lines[0].startswith((" ", "\t")):
        return scalar(value.strip() if len(lines) == 1 else value)
    body = "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return f"|-\n{body}"


def pair(key: str, zh: str, en: str, indent: str) -> str:
    """`key:` with a `zh:`/`en:` text pair under it, at `indent`."""
    inner = indent + "  "
    return (f"{indent}{key}:\n"
            f"{inner}zh: {text_value(zh, inner + '  ')}\n"
            f"{inner}en: {text_value(en, inner + '  ')}\n")


def comment(text: str, indent: str) -> str:
    return "".join(f"{indent}# {line}".rstrip() + "\n" for line in text.split("\n"))
