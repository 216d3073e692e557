"""Every malformed data file gets a located problem, `file:line:column: what; fix`: never a traceback, never a
hang, and loading never writes to data/.

A property-based test (Hypothesis) mutates the real data files the way an editor's slip or a bad paste would
(truncated, characters and lines changed, indentation, values of the wrong type, deep nesting, huge values,
aliases) and checks what the loader and the checks make of it; the tests after it pin the cases that used to
end in a traceback, a crash of the whole process, or minutes of work.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import goldcard.load
from goldcard.checks import check_project, read_config
from goldcard.load import MAX_FILE_BYTES, load_site
from goldcard.marked_yaml import MAX_DEPTH, MAX_EXPANDED
from goldcard.problems import DataError, Problem

from conftest import ROOT

DATA_FILES = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "data" / "guides").glob("*.yaml")) + [
    "data/shared/login.yaml", "data/glossary.yaml", "data/deadlines.yaml", "data/ui.yaml"]
ORIGINAL = {name: (ROOT / name).read_bytes() for name in DATA_FILES}
CONFIG = read_config(ROOT / "mkdocs.yml")


# ------------------------------------------------------------------------------------------------ helpers


def line_count(data: bytes) -> int:
    """Lines as an editor shows them (LF, CRLF or CR ends one; a last line break opens no new line)."""
    body = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return body.removesuffix(b"\n").count(b"\n") + 1


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, with the SHA-256 of each file."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        found[key] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
    return found


def assert_located(problems: list[Problem], root: Path) -> None:
    """Each problem names a file of the project (a data file, or a page whose step link the edit broke) and a
    place inside it."""
    assert problems, "a DataError without problems"
    for problem in problems:
        path = Path(problem.path)
        path = path if path.is_absolute() else Path.cwd() / path
        assert path.is_file(), f"{problem} names no file"
        assert path.resolve().is_relative_to((root / "data").resolve()) or path.resolve().is_relative_to(
            CONFIG.docs_dir.resolve()), f"{problem} names a file outside the data and the pages"
        lines = line_count(path.read_bytes())
        assert 1 <= problem.line <= lines, f"{problem}: line {problem.line} is not in a file of {lines} lines"
        assert problem.column >= 1, f"{problem}: column {problem.column}"
        assert problem.message and problem.fix, f"{problem}: says no what or no fix"


class Hang(Exception):
    pass


@contextlib.contextmanager
def interrupted_after(seconds: float):
    """Raises Hang in this (the main) thread if the block runs longer: a loop that never ends fails the test
    rather than the whole run. Far above what any example takes, even on a busy machine."""
    def alarm(signum, frame):  # noqa: ARG001 - signal's signature
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_copy(root: Path) -> list[Problem]:
    """`check_project` on the data under `root` (the pages and the settings are the project's own)."""
    config = dataclasses.replace(CONFIG, root=root, link_cache=None)
    try:
        return check_project(config)
    finally:
        goldcard.load._loaded.pop((root / "data").resolve(), None)  # one entry per example: none is used again


# ------------------------------------------------------------------------------------------------ mutations

# Characters that mean something to YAML, or that editors and pastes slip in.
SPECIAL = list(":-?[]{},#&*!|>'\"%@`\t\n\r ") + ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ufeff", "\u2028",
                                                 "\ud800", "\ue000", "中", "「", "é", "\U0001f600"]
CHARACTER = st.sampled_from(SPECIAL) | st.characters()
VALUES = ["", "[]", "{}", "[a, b]", "{zh: a, en: b}", "{zh: a}", "12", "-3.5", "1e400", "0x1F", "null", "~", "true",
          "no", "2024-13-45", "2024-02-30", "'unclosed", '"unclosed', "|", ">-", "!!binary aGk=", "!!int x",
          "!!map x", "!foo bar", "*nowhere", "&a x", "<<: {a: 1}", "- a", "a: b", "9" * 5000, "=",
          "\n  - a\n  - b", "\n  zh: a\n  en: b", "\n  - {zh: a, en: b}"]


def lines_of(text: str) -> list[str]:
    return text.split("\n")


@st.composite
def deep_nesting(draw) -> str:
    levels = draw(st.sampled_from([MAX_DEPTH - 10, MAX_DEPTH, MAX_DEPTH + 1, 3 * MAX_DEPTH, 20_000, 60_000]))
    kind = draw(st.sampled_from(["flow list", "flow map", "block list", "complex keys", "staircase"]))
    if kind == "flow list":
        return "[" * levels + "]" * levels
    if kind == "flow map":
        return "{a: " * levels + "1" + "}" * levels
    if kind == "block list":
        return "- " * levels + "x"
    if kind == "complex keys":
        return "? " * levels + "x"
    levels = min(levels, 800)  # an indentation staircase grows with the square of its depth
    return "\n" + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(1, levels)) + " " * (2 * levels) + "x"


@st.composite
def huge_value(draw) -> str:
    size = draw(st.sampled_from([100_000, 1_000_000, 3_000_000]))
    kind = draw(st.sampled_from(["plain", "quoted", "many keys", "many items", "many lines"]))
    if kind == "plain":
        return "x" * size
    if kind == "quoted":
        return '"' + "中" * (size // 3) + '"'
    if kind == "many keys":
        return "{" + ", ".join(f"k{i}: v" for i in range(size // 8)) + "}"
    if kind == "many items":
        return "[" + ", ".join("v" for _ in range(size // 3)) + "]"
    return "|\n" + "    line\n" * (size // 9)


@st.composite
def aliases(draw) -> str:
    """Anchors and aliases of aliases: a billion laughs, a chain, a cycle."""
    kind = draw(st.sampled_from(["laughs", "chain", "cycle", "merges"]))
    width, height = draw(st.integers(2, 12)), draw(st.integers(1, 9))
    if kind == "laughs":
        rows = [f"[{', '.join(['x'] * width)}]"] + [f"[{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, height)]
        return "[" + ", ".join(f"&l{i} {row}" for i, row in enumerate(rows)) + "]"
    if kind == "chain":
        count = draw(st.sampled_from([10, MAX_DEPTH + 5, 3_000]))
        return "[&c0 [x], " + ", ".join(f"&c{i} [*c{i - 1}]" for i in range(1, count)) + "]"
    if kind == "cycle":
        return "&self [a, *self]"
    count = draw(st.sampled_from([10, 1_000]))
    return "[&m0 {k0: v}, " + ", ".join(f"&m{i} {{<<: *m{i - 1}, k{i}: v}}" for i in range(1, count)) + "]"


@st.composite
def mutation(draw, text: str) -> str:
    """One edit of the text of a data file."""
    lines = lines_of(text)
    at = draw(st.integers(0, len(lines) - 1))
    kind = draw(st.sampled_from(["truncate", "characters", "insert", "delete line", "duplicate line", "swap lines",
                                 "indent", "value", "deep", "huge", "aliases"]))
    if kind == "truncate":
        return text[:draw(st.integers(0, len(text)))]
    if kind == "characters":
        chars = list(text)
        for _ in range(draw(st.integers(1, 4))):
            where = draw(st.integers(0, max(len(chars) - 1, 0)))
            chars[where:where + 1] = [draw(CHARACTER)]
        return "".join(chars)
    if kind == "insert":
        where = draw(st.integers(0, len(text)))
        return text[:where] + "".join(draw(st.lists(CHARACTER, min_size=1, max_size=12))) + text[where:]
    if kind == "delete line":
        del lines[at]
    elif kind == "duplicate line":
        lines.insert(at, lines[at])
    elif kind == "swap lines":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "indent":
        shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 4, "tab"]))
        if shift == "tab":
            lines[at] = "\t" + lines[at]
        elif shift < 0:
            lines[at] = lines[at][min(-shift, len(lines[at]) - len(lines[at].lstrip(" "))):]
        else:
            lines[at] = " " * shift + lines[at]
    else:
        value = {"value": st.sampled_from(VALUES), "deep": deep_nesting(), "huge": huge_value(),
                 "aliases": aliases()}[kind]
        keyed = [index for index, line in enumerate(lines) if re.match(r"\s*(- )?[\w-]+:", line)]
        if not keyed:
            return text
        at = keyed[draw(st.integers(0, len(keyed) - 1))]
        key = re.match(r"\s*(- )?[\w-]+:", lines[at]).group()
        lines[at] = f"{key} {draw(value)}"  # a value of another type (or shape, or size) than the one it had
    return "\n".join(lines)


@st.composite
def broken_file(draw) -> tuple[str, bytes]:
    """A data file's name and new bytes: one to three edits, sometimes of the bytes (cut inside a character, a
    byte that is not UTF-8, CRLF line ends, a BOM)."""
    name = draw(st.sampled_from(DATA_FILES))
    text = ORIGINAL[name].decode("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        text = draw(mutation(text))
    data = text.encode("utf-8", errors="surrogatepass")  # a lone surrogate becomes the bytes UTF-8 forbids
    byte_edit = draw(st.sampled_from([None, None, None, "cut", "byte", "crlf", "bom"]))
    if byte_edit == "cut" and data:
        data = data[:draw(st.integers(0, len(data)))]
    elif byte_edit == "byte" and data:
        where = draw(st.integers(0, len(data) - 1))
        data = data[:where] + bytes([draw(st.integers(0x80, 0xff))]) + data[where + 1:]
    elif byte_edit == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif byte_edit == "bom":
        data = b"\xef\xbb\xbf" + data
    return name, data


# ------------------------------------------------------------------------------------------------ the property


@settings(max_examples=70, derandomize=True, database=None, deadline=dt.timedelta(seconds=60), print_blob=False,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(broken_file())
def test_a_broken_data_file_loads_or_gives_located_problems_and_nothing_is_written(broken):
    name, data = broken
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "data", root / "data")
        (root / name).write_bytes(data)
        before = tree_digest(root / "data")
        with interrupted_after(120):
            try:
                load_site(root / "data")
            except DataError as error:
                assert_located(error.problems, root)
            problems = check_copy(root)
        if problems:
            assert_located(problems, root)
        assert tree_digest(root / "data") == before, "loading or checking changed data/"


# ------------------------------------------------------------------------------------------------ pinned cases


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)  # problems name files relative to the working directory
    return tmp_path / "data"


GUIDE = "data/guides/07-extend.yaml"


def problems_of(data: Path) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_site(data)
    return caught.value.problems


def the_problem(data: Path, name: str = GUIDE) -> Problem:
    """The one problem in `name` (a guide that does not load also leaves the deadline rules naming it)."""
    here = [problem for problem in problems_of(data) if problem.path == name]
    assert len(here) == 1, here
    return here[0]


def insert_line(data: Path, line: str, name: str = GUIDE) -> int:
    """Puts `line` before the guide's `summary:` and says which line (1-based) it is."""
    path = data.parent / name
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(index for index, text in enumerate(lines) if text.startswith("summary:"))
    lines.insert(at, line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


DEEP = 20_000


@pytest.mark.parametrize("value, opener", [
    ("[" * DEEP + "]" * DEEP, "["),
    ("{a: " * DEEP + "1" + "}" * DEEP, "{"),
    ("\n  " + "- " * DEEP + "x", "-"),  # a block list under a key starts on the next line
    ("\n  " + "? " * DEEP + "x", "?"),  # a mapping whose key is a mapping whose key is ...
], ids=["flow lists", "flow mappings", "block lists", "block mappings"])
def test_nesting_20000_levels_deep_is_one_problem_where_it_passes_the_limit(data, value, opener):
    first = insert_line(data, "deep: " + value)
    problem = the_problem(data)
    # The guide's own mapping is the first level: the limit is passed at the MAX_DEPTH-th opener.
    text = "deep: " + value
    index = [match.start() for match in re.finditer(re.escape(opener), text)][MAX_DEPTH - 1]
    line = first + text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    assert (problem.line, problem.column) == (line, column), problem
    assert f"nested more than {MAX_DEPTH} levels deep" in problem.message, problem


def test_block_mappings_nested_by_indentation_are_refused_at_the_limit(data):
    staircase = "\n".join(" " * (2 * i) + f"k{i}:" for i in range(1, 400)) + "\n" + " " * 800 + "x"
    line = insert_line(data, "deep:\n" + staircase)
    problem = the_problem(data)
    # The guide is level 1, the mapping of k1 level 2: k100's, on the 100th line after `deep:`, is level 101.
    assert (problem.line, problem.column) == (line + MAX_DEPTH, 2 * MAX_DEPTH + 1), problem
    assert "levels deep" in problem.message


def test_nesting_at_the_limit_still_loads_as_far_as_the_schema_cares(data):
    line = insert_line(data, "deep: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))
    problem = the_problem(data)
    assert (problem.line, problem.column) == (line, 1) and "deep: Extra inputs are not permitted" in problem.message


def test_a_file_over_the_size_limit_is_refused_where_it_passes_the_limit(data):
    path = data / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    padding = "# " + "填" * (MAX_FILE_BYTES // 3) + "\n"  # three bytes a character: the limit falls inside it
    path.write_text(text + padding, encoding="utf-8")
    problem = the_problem(data, "data/glossary.yaml")
    head = (text + padding).encode("utf-8")[:MAX_FILE_BYTES].decode("utf-8", errors="ignore")
    assert (problem.line, problem.column) == (head.count("\n") + 1, len(head.rsplit("\n", 1)[-1]) + 1), problem
    assert f"larger than the {MAX_FILE_BYTES // 2**20} MB" in problem.message


def test_a_large_file_under_the_limit_loads(data):
    path = data / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "# " + "x" * (MAX_FILE_BYTES - len(text.encode("utf-8")) - 4) + "\n", encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES - 1
    assert load_site(data).glossary.terms


def test_many_stray_keys_are_counted_after_the_first_hundred(data):
    line = insert_line(data, "\n".join(f"stray{i}: x" for i in range(50_000)))
    with interrupted_after(60):
        problems = [problem for problem in problems_of(data) if problem.path == GUIDE]
    assert len(problems) == goldcard.load.MAX_PROBLEMS_PER_FILE + 1
    assert problems[0].line == line and "stray0: Extra inputs are not permitted" in problems[0].message
    assert problems[-1].line == line + goldcard.load.MAX_PROBLEMS_PER_FILE
    assert f"and {50_000 - goldcard.load.MAX_PROBLEMS_PER_FILE} more errors" in problems[-1].message


BILLION_LAUGHS = "[" + ", ".join([f"&l0 [{', '.join(['lol'] * 9)}]"] + [
    f"&l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]) + "]"


def with_alias_bomb(text: str) -> tuple[str, int, int]:
    """The guide with its sections replaced by aliases of aliases in fields the schema walks: a thousand
    sections of a thousand steps of a thousand notes, 10 ** 9 notes if written out. With the line and the
    column of the innermost list past the limit: the thousand steps of 7,000 values each (a note is 7)."""
    head = text[:text.index("sections:")]
    bomb = ["defs:", "  - &n {text: {zh: 注意, en: Note}}",
            "  - &t {id: t, title: {zh: 步驟, en: Step}, notes: [" + ", ".join(["*n"] * 1000) + "]}",
            "  - &s {id: s, title: {zh: 段落, en: Part}, steps: [" + ", ".join(["*t"] * 1000) + "]}",
            "sections: [" + ", ".join(["*s"] * 1000) + "]", ""]
    return head + "\n".join(bomb), head.count("\n") + 4, bomb[3].index("steps: [") + len("steps: ") + 1


def test_an_alias_bomb_in_fields_the_schema_walks_is_refused_where_it_passes_the_limit(data):
    path = data.parent / GUIDE
    text, line, column = with_alias_bomb(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    with interrupted_after(60):
        problem = the_problem(data)
    assert (problem.line, problem.column) == (line, column), problem
    assert problem.message == f"through aliases, this stands for more than {MAX_EXPANDED:,} values", problem


# What used to end in a traceback or pass unseen, and what always worked: each is one problem at its place.
# (the line, put before `summary:`; where on it the problem is, or None; words of the message)
PINNED = [
    ("tab", "\tsummary2: x", "\t", "tab character"),
    ("nul", "summary2: a\x00b", "\x00", "U+0000"),
    ("escape", "summary2: 中文\x1b", "\x1b", "U+001B"),
    ("line separator", "summary2: a\u2028b", "\u2028", "U+2028"),
    ("next line", "summary2: a\x85b", "\x85", "U+0085"),
    ("duplicate key", "number: 3", "number", "the key 'number' appears twice"),
    ("unknown key", "summary2: x", "summary2", "summary2: Extra inputs are not permitted"),
    ("unknown tag", "summary2: !!python/object:os.system x", "!!", "unknown tag"),
    ("collection tag on text", "summary2: !!map x", "!!", "unknown tag tag:yaml.org,2002:map"),
    ("bool that is not", "summary2: !!bool maybe", "!!", "'maybe' cannot be read as bool"),
    ("a number of 5000 digits", "summary2: " + "9" * 5000, "9", "cannot be read as int"),
    ("key that is a mapping", "? {a: 1}\n: x", "{", "a key that is a list or a mapping"),
    ("key that is a number", "1.5: x", "1.5", "1.5: Keys should be strings"),
    ("undefined alias", "summary2: *nowhere", "*", "undefined alias"),
    ("alias in itself", "summary2: &self [a, *self]", "&self", "the value would contain itself"),
    # Written out, l5 would be 597,871 values (l0 ten, each next one 1 + 9 times the one before).
    ("aliases of aliases", "summary2: " + BILLION_LAUGHS, "&l5 ", f"more than {MAX_EXPANDED:,} values"),
    # The guide is level 1, this list 2, and c199 at 3 holds c198 at 4: level 101 is c101.
    ("aliases nested deep", "summary2: [&c0 [x], " + ", ".join(f"&c{i} [*c{i - 1}]" for i in range(1, 200)) + "]",
     "&c101 ", f"nested more than {MAX_DEPTH} levels deep"),
    ("merges of merges", "summary2: [&m0 {k0: v}, " + ", ".join(f"&m{i} {{<<: *m{i - 1}, k{i}: v}}"
                                                               for i in range(1, 1000)) + "]",
     None, f"the merges (<<) up to here copy more than {MAX_EXPANDED:,} keys"),
]


@pytest.mark.parametrize("line_text, where, words", [case[1:] for case in PINNED], ids=[case[0] for case in PINNED])
def test_each_kind_of_broken_line_is_one_problem_at_its_place(data, line_text, where, words):
    line = insert_line(data, line_text)
    with interrupted_after(60):
        problem = the_problem(data)
    assert problem.line == line, problem
    assert where is None or problem.column == line_text.index(where) + 1, problem
    assert words in problem.message, problem


def test_invalid_utf8_is_reported_at_its_line_and_column(data):
    path = data.parent / GUIDE
    line = insert_line(data, "summary2: 中文 MARK")
    path.write_bytes(path.read_bytes().replace(b"MARK", b"\xed\xa0\x80"))  # a lone surrogate, in UTF-8's form
    problem = the_problem(data)
    assert (problem.line, problem.column) == (line, len("summary2: 中文 ") + 1), problem
    assert "not UTF-8" in problem.message


def test_crlf_and_cr_line_ends_load_with_the_same_lines(data):
    path = data.parent / GUIDE
    line = insert_line(data, "summary2: x")
    for ending in (b"\r\n", b"\r"):
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", ending))
        problem = the_problem(data)
        assert (problem.line, problem.column) == (line, 1) and "summary2" in problem.message, (ending, problem)


def test_a_bom_at_the_start_is_allowed(data):
    path = data.parent / GUIDE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_site(data).guide("extend")


@pytest.mark.parametrize("text, words", [
    ("", "number: Field required"),
    ("# only a comment\n", "number: Field required"),
    ("- a list\n- at the top\n", "(top level): Input should be a valid dictionary"),
    ("just text\n", "(top level): Input should be a valid dictionary"),
    ("a: [1,\n", "YAML syntax"),
])
def test_an_empty_file_or_one_of_another_shape_is_reported_inside_it(data, text, words):
    (data.parent / GUIDE).write_text(text, encoding="utf-8")
    problems = [problem for problem in problems_of(data) if problem.path == GUIDE]
    assert problems and any(words in problem.message for problem in problems), problems
    assert all(1 <= problem.line <= line_count(text.encode()) for problem in problems), problems


@pytest.mark.parametrize("kind", ["folder", "pipe", "link to itself", "link to nothing"])
def test_a_data_file_that_is_not_a_readable_file_is_reported_without_waiting(data, kind):
    path = data.parent / GUIDE
    path.unlink()
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)  # opening it would wait for a writer forever
    elif kind == "link to itself":
        path.symlink_to(path.name)
    else:
        path.symlink_to("nowhere.yaml")
    with interrupted_after(60):
        problems = problems_of(data)
    named = [problem for problem in problems if problem.path in (GUIDE, "data/guides/nowhere.yaml")]
    assert len(named) == 1 and (named[0].line, named[0].column) == (1, 1), problems
    assert any(word in named[0].message for word in ("not a file", "cannot be read", "missing")), named


# ------------------------------------------------------------------------------------------------ make check


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


LOCATED = re.compile(r"^(data/[\w/.-]+\.yaml):(\d+):(\d+): .+; .+$")


def insert_value(text: str, value: str) -> tuple[str, int]:
    lines = text.split("\n")
    at = next(index for index, line in enumerate(lines) if line.startswith("summary:"))
    return "\n".join(lines[:at] + [f"summary2: {value}"] + lines[at:]), at + 1


@pytest.mark.parametrize("edit, lines_down, words", [
    (lambda text: insert_value(text, "[" * 100_000 + "]" * 100_000), 0, "levels deep"),  # crashed the process
    (lambda text: insert_value(text, "\n  " + "- " * DEEP + "x"), 1, "levels deep"),  # ended in a RecursionError
    (lambda text: with_alias_bomb(text)[:2], 0, "through aliases"),  # ran for hours
    (lambda text: insert_value(text, "x" * (MAX_FILE_BYTES + 1)), 0, "larger than"),
], ids=["flow-100000", "block-20000", "alias-bomb", "size"])
def test_check_script_prints_located_lines_and_no_traceback(project, edit, lines_down, words):
    path = project / GUIDE
    text, line = edit(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--config",
                             str(project / "mkdocs.yml")], cwd=project, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    found = [LOCATED.match(line) for line in result.stdout.splitlines()]
    assert found and all(found), result.stdout
    assert any(match[1] == GUIDE and int(match[2]) == line + lines_down and words in match[0] for match in found), \
        result.stdout
