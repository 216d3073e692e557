"""Each data file's parsed YAML, kept on disk, so that a check or a build after an edit parses only the files
that changed.

Parsing is most of what `make check` does, and the data barely changes between two runs. The cache keeps one
entry per data file, under the project's `.cache/goldcard-yaml/`, with a digest of the file's text and of the
parser: a changed file, or a changed parser, is parsed again. An entry that cannot be read (a half-written
file, another Python) is parsed again too, and one that cannot be written only costs the time it would save.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import threading
from pathlib import Path
from typing import Any, Callable

import yaml

from . import marked_yaml

# What the parsed values depend on besides the text: the parser's code, PyYAML, and Python (pickle's classes).
PARSER_DIGEST = hashlib.sha256(Path(marked_yaml.__file__).read_bytes()
                               + f"{yaml.__version__} {sys.version}".encode()).digest()


def cache_dir(data_dir: Path) -> Path:
    return data_dir.resolve().parent / ".cache" / "goldcard-yaml"


# From how many files without an entry a load parses in two processes (a first run on large data; the real
# guides are a dozen files, and forking costs more than it saves on those).
PARSE_AHEAD_FROM = 40


def fork_helps() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


class ParsedYamlCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.parsed: dict[Path, tuple[bytes, Any]] = {}  # what parse_ahead parsed in this process

    def parse_ahead(self, paths: list[Path], read: Callable[[Path], str], parse: Callable[[str], Any]) -> None:
        """Parse the files that have no entry yet, half of them in a child process that writes their entries,
        while this process parses the other half: on a first run at 50 times the guides, parsing is most of
        `make check`. Only where a fork is safe and can help: more than one CPU, and no other thread (a thread
        holding a lock at the fork would leave the child waiting for it forever, as under `mkdocs serve`).
        A file that fails to parse is left to the caller, which parses it again and reports it."""
        missing = [path for path in paths if not self._entry(path).exists()]
        if len(missing) < PARSE_AHEAD_FROM or not fork_helps():
            return
        theirs, mine = missing[1::2], missing[0::2]
        child = os.fork()
        if child == 0:  # the child: write its half's entries, and leave at once, without running any cleanup
            status = 1
            try:
                for path in theirs:
                    parsed = self._parse(path, read, parse)
                    if parsed is not None:
                        self.put(path, *parsed)
                status = 0
            finally:
                os._exit(status)
        try:
            for path in mine:
                parsed = self._parse(path, read, parse)
                if parsed is not None:
                    self.parsed[path] = parsed
                    self.put(path, *parsed)
        finally:
            os.waitpid(child, 0)

    def _parse(self, path: Path, read: Callable[[Path], str], parse: Callable[[str], Any]) -> tuple[bytes, Any] | None:
        try:
            text = read(path)
            return self.digest(text), parse(text)
        except Exception:  # noqa: BLE001 - any failure: the caller reads the file again and reports it
            return None

    def _entry(self, path: Path) -> Path:
        try:
            where = path.resolve()
        except (OSError, RuntimeError):  # a link to itself (RuntimeError from pathlib), which the loader reports
            where = path.absolute()
        return self.folder / (hashlib.sha256(str(where).encode()).hexdigest()[:32] + ".pickle")

    @staticmethod
    def digest(text: str) -> bytes:
        return hashlib.sha256(PARSER_DIGEST + text.encode("utf-8")).digest()

    def get(self, path: Path, digest: bytes) -> Any | None:
        if path in self.parsed:
            stored, value = self.parsed.pop(path)
            return value if stored == digest else None
        try:
            with open(self._entry(path), "rb") as entry:
                stored, value = pickle.load(entry)
        except Exception:  # noqa: BLE001 - a missing or unreadable entry (truncated, another version): parse
            return None
        return value if stored == digest else None

    def put(self, path: Path, digest: bytes, value: Any) -> None:
        final = self._entry(path)
        partial = final.with_name(f"{final.name}.{os.getpid()}.tmp")  # one per process: two builds at once
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(partial, "wb") as entry:
                pickle.dump((digest, value), entry, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, final)  # whole or not at all
        # A full disk, a folder that cannot be written, a value pickle cannot take (nested too deep for its
        # recursion): no entry, and no half-written one left.
        except (OSError, pickle.PicklingError, RecursionError, MemoryError):
            with contextlib.suppress(OSError):
                partial.unlink()
