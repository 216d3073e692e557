"""data/translations.lock: for each English text, the Chinese it was last reviewed against.

Kept beside the data rather than in it, so that the guides' YAML holds only what editors write and read. One
line per text, sorted, so that two editors' reviews merge line by line and writing the same lock twice gives
the same bytes:

    "guides/07-extend.yaml":
      "steps/log-in/title": {hash: "3f2a9c0d1b7e", zh: "登入平臺"}

The hash is of the Chinese with every whitespace character left out: a reflowed, reindented or moved text has
the same hash, a changed word does not. The Chinese is kept too (its whitespace runs made single spaces), so
that a message can say what it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from .load import load_model
from .model import ReviewedChinese, TranslationLock
from .yaml_cache import ParsedYamlCache

LOCK_NAME = "translations.lock"
HASH_LENGTH = 12

Lock = dict[str, dict[str, ReviewedChinese]]  # data file (path under data/) -> text's path -> reviewed Chinese

HEADER = """\
# The Chinese each English text was last reviewed against, per data file and text (README.md, "Out-of-date
# English"). Written by scripts/i18n_status.py --reviewed; not edited by hand. `hash` is of the Chinese with its
# whitespace left out; `zh` is that Chinese, which the check quotes when it has changed.
"""


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_NAME


def chinese_hash(zh: str) -> str:
    return hashlib.sha256("".join(zh.split()).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def one_line(text: str) -> str:
    """A text's words with every run of whitespace made one space: how the lock keeps it and messages show it."""
    return " ".join(text.split())


def reviewed(zh: str) -> ReviewedChinese:
    return ReviewedChinese(hash=chinese_hash(zh), zh=one_line(zh))


def read_lock(data_dir: Path, cache: ParsedYamlCache | None = None) -> Lock:
    """The lock under `data_dir`; none is an empty lock (nothing reviewed yet). A DataError, with its line, for a
    lock that does not read (a merge left unresolved, a hand edit)."""
    path = lock_path(data_dir)
    if not path.exists():
        return {}
    lock, _ = load_model(path, TranslationLock, cache)
    return lock.root


# What a YAML double-quoted scalar may not hold as it is (YAML 1.1's printable set), beyond what JSON escapes.
NOT_PRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff]")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes are YAML's, plus those of what YAML may not hold."""
    return NOT_PRINTABLE.sub(lambda match: f"\\u{ord(match[0]):04x}", json.dumps(text, ensure_ascii=False))


def lock_text(lock: Lock) -> str:
    lines = [HEADER.rstrip("\n")]
    for file in sorted(lock):
        if not lock[file]:
            continue
        lines.append(f"{quoted(file)}:")
        for key in sorted(lock[file]):
            entry = lock[file][key]
            lines.append(f"  {quoted(key)}: {{hash: {quoted(entry.hash)}, zh: {quoted(entry.zh)}}}")
    return "\n".join(lines) + "\n"


def write_lock(data_dir: Path, lock: Lock) -> bool:
    """Writes the lock if it says something new; True if it did. The same lock always gives the same bytes."""
    path, text = lock_path(data_dir), lock_text(lock)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    # Whole or not at all: `make serve` rebuilds as soon as the file changes, and must not read half of it.
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return True


def changed_parts(old: str, new: str, width: int = 60, context: int = 12) -> tuple[str, str]:
    """What a message quotes of an old and a new text: the whole of short ones; of long ones, the part that
    changed with a few characters either side, elided in its middle if it is long itself."""
    old, new = one_line(old), one_line(new)
    if len(old) <= width and len(new) <= width:
        return old, new
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start = max(0, prefix - context)

    def cut(text: str) -> str:
        end = min(len(text), len(text) - suffix + context)
        piece = text[start:end]
        if len(piece) > width:
            half = width // 2 - 1
            piece = piece[:half] + "…" + piece[-half:]
        return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")

    return cut(old), cut(new)
