"""One way to report a problem in the data: `path:line:column: what is wrong; how to fix it`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}; {self.fix}"


class DataError(Exception):
    """Raised when data cannot be loaded at all; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths relative to the project (or the working directory), so that editors can click them."""
    try:
        path = path.resolve()
    except (OSError, RuntimeError):  # a link to itself (RuntimeError from pathlib): the path as it was given
        path = path.absolute()
    for base in (root, Path.cwd()):
        if base is not None:
            try:
                return str(path.relative_to(base.resolve()))
            except ValueError:
                continue
    return str(path)
