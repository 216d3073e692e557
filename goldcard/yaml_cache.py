"""Each data file's parsed YAML, kept on disk, so that a check or a build after an edit parses only the files
that changed.

Parsing is most of what `make check` does, and the data barely changes between two runs. The cache keeps one
entry per data file, under the project's `.cache/goldcard-yaml/`, with a digest of the file's text and of the
parser: a changed file, or a changed parser, is parsed again. An entry that cannot be read (a half-written
file, another Python) is parsed again too, and one that cannot be written only costs the time it would save.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from . import marked_yaml

# What the parsed values depend on besides the text: the parser's code, PyYAML, and Python (pickle's classes).
PARSER_DIGEST = hashlib.sha256(Path(marked_yaml.__file__).read_bytes()
                               + f"{yaml.__version__} {sys.version}".encode()).digest()


def cache_dir(data_dir: Path) -> Path:
    return data_dir.resolve().parent / ".cache" / "goldcard-yaml"


class ParsedYamlCache:
    def __init__(self, folder: Path):
        self.folder = folder

    def _entry(self, path: Path) -> Path:
        return self.folder / (hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32] + ".pickle")

    @staticmethod
    def digest(text: str) -> bytes:
        return hashlib.sha256(PARSER_DIGEST + text.encode("utf-8")).digest()

    def get(self, path: Path, digest: bytes) -> Any | None:
        try:
            with open(self._entry(path), "rb") as entry:
                stored, value = pickle.load(entry)
        except Exception:  # noqa: BLE001 - a missing or unreadable entry (truncated, another version): parse
            return None
        return value if stored == digest else None

    def put(self, path: Path, digest: bytes, value: Any) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, suffix=".tmp", delete=False) as entry:
                pickle.dump((digest, value), entry, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(entry.name, self._entry(path))  # whole or not at all, even with two builds at once
        except OSError:
            pass
