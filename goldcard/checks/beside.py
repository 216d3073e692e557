"""The checks of a build, run beside it: on another core while MkDocs renders the pages, their report read when
the build ends (hooks/validate.py).

The checks read the data and the docs/ pages and write nothing a page is made from, so the site is the same
whether they run before the pages or beside them. A child process (fork) runs them on Linux when the build has
no other thread (a fork copies only the thread that calls it, and another thread's locks would stay taken:
`mkdocs serve` runs its server in threads; macOS's system libraries are not safe in a forked child); otherwise,
or when no process can be started, they run there and then, as before.
Either way the report is the same, in the same order (tests/test_checks_beside.py).
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import traceback
from dataclasses import dataclass

from . import check_project
from .config import CheckConfig
from .placeholders import placeholders_left
from .reviewed import unreviewed_left
from .sketches import sketches_left
from .verified import reminders_due


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]  # each `path:line:column: what; fix`: a strict build fails on any
    # Shown, but they build: a new guide's texts to write, English the translation lock does not know yet,
    # screens not yet drawn, guides to walk on the platform again.
    notices: tuple[str, ...]


def check_report(config: CheckConfig) -> CheckReport:
    problems = check_project(config)
    notices = [notice for listed in (placeholders_left, unreviewed_left, sketches_left, reminders_due)
               for notice in listed(config)]
    return CheckReport(tuple(map(str, problems)), tuple(map(str, notices)))


class ChecksFailed(RuntimeError):
    """The checks themselves broke (a bug, not a problem in the data): what the child process said."""


class ChecksBeside:
    """`check_report(config)`, started now and read with `report()`."""

    def __init__(self, config: CheckConfig):
        # The child's process id and the pipe's end its report is read from; None where the checks ran in place.
        self._child = _start_child(config) if sys.platform == "linux" and threading.active_count() == 1 else None
        self.in_child = self._child is not None
        self._report = None if self.in_child else check_report(config)

    def report(self) -> CheckReport:
        if self._report is None:
            assert self._child is not None
            pid, reading = self._child
            self._child = None
            with os.fdopen(reading, "rb") as pipe:
                sent = pipe.read()
            _, status = os.waitpid(pid, 0)
            if not sent:
                raise ChecksFailed(f"the checks stopped without a report (exit status {os.waitstatus_to_exitcode(status)})")
            kind, value = pickle.loads(sent)
            if kind == "error":
                raise ChecksFailed(f"the checks failed in their child process:\n{value}")
            self._report = value
        return self._report


def _start_child(config: CheckConfig) -> tuple[int, int] | None:
    """The child's process id and the pipe's end to read its report from; None where no child could start."""
    reading, writing = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process to spare (EAGAIN, ENOMEM): the checks run in place
        os.close(reading)
        os.close(writing)
        return None
    if pid:
        os.close(writing)
        return pid, reading
    try:  # the child: its report, or what broke, then out at once (no exit handlers, no buffers of the parent's)
        os.close(reading)
        try:
            sent = pickle.dumps(("report", check_report(config)))
        except BaseException as error:  # noqa: BLE001 - whatever it is, the parent must hear of it
            sent = pickle.dumps(("error", "".join(traceback.format_exception(error))))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(sent)
    finally:
        os._exit(0)
