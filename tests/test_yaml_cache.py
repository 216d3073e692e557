"""The parsed-YAML cache: a second load parses only what changed, and a broken cache costs time, never data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import goldcard.load
import goldcard.yaml_cache
from goldcard.load import load_site
from goldcard.yaml_cache import cache_dir

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def data(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The texts the loader parsed (rather than took from the cache)."""
    seen: list[str] = []
    real = goldcard.load.load_marked

    def counting(text: str):
        seen.append(text)
        return real(text)

    monkeypatch.setattr(goldcard.load, "load_marked", counting)
    return seen


def test_a_second_load_parses_nothing_and_gives_the_same_data(data, parses):
    first = load_site(data)
    parsed_first = len(parses)
    assert parsed_first >= 7  # 5 guides, the login block, the glossary
    second = load_site(data)
    assert len(parses) == parsed_first, "the unchanged files were parsed again"
    assert [g.guide for g in second.guides] == [g.guide for g in first.guides]
    assert second.guides[0].raw.lc.data == first.guides[0].raw.lc.data  # line marks survive the cache


def test_an_edited_file_is_parsed_again_and_its_change_is_seen(data, parses):
    load_site(data)
    guide = next((data / "guides").glob("*-extend.yaml"))
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("summary:", "# an editor's comment\nsummary:", 1), encoding="utf-8")
    before = len(parses)
    edited = load_site(data)
    assert len(parses) == before + 1
    extend = edited.guide("extend")
    assert extend.raw.lc.key("summary")[0] == text.splitlines().index(
        next(line for line in text.splitlines() if line.startswith("summary:"))) + 1  # one line further down


def test_unreadable_cache_entries_are_parsed_again(data, parses):
    expected = [g.guide for g in load_site(data).guides]
    entries = list(cache_dir(data).glob("*.pickle"))
    assert entries
    for index, entry in enumerate(entries):
        entry.write_bytes(b"" if index % 2 else b"\x80\x05not a pickle")
    before = len(parses)
    assert [g.guide for g in load_site(data).guides] == expected
    assert len(parses) - before == len(entries)


def test_a_cache_that_cannot_be_written_only_costs_time(data, parses):
    blocked = cache_dir(data)
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    expected = [g.guide for g in load_site(data).guides]
    assert [g.guide for g in load_site(data).guides] == expected
    assert blocked.is_file()


# A first load of many files forks only in a process with no other thread, which a test worker is not (its
# servers and browser connections run in threads): these loads run in a fresh Python.
FRESH_LOAD = """
import json, sys, threading
from pathlib import Path
import goldcard.load, goldcard.yaml_cache

goldcard.yaml_cache.PARSE_AHEAD_FROM = 4  # the guides and the shared block are 6 files
parsed = []
real = goldcard.load.load_marked
goldcard.load.load_marked = lambda text: (parsed.append(text), real(text))[1]
if sys.argv[2] == "with-a-thread":
    stop = threading.Event()
    threading.Thread(target=stop.wait).start()
site = goldcard.load.load_site(Path(sys.argv[1]))
if sys.argv[2] == "with-a-thread":
    stop.set()
print(json.dumps({"parsed": len(parsed),
                  "guides": [loaded.guide.model_dump(mode="json") for loaded in site.guides],
                  "marks": [sorted(map(list, loaded.raw.lc.data.items())) for loaded in site.guides]}))
"""


def load_in_fresh_python(data: Path, mode: str) -> dict:
    result = subprocess.run([sys.executable, "-c", FRESH_LOAD, str(data), mode], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def expected(data: Path) -> dict:
    site = load_site(data)
    return json.loads(json.dumps({"guides": [loaded.guide.model_dump(mode="json") for loaded in site.guides],
                                  "marks": [sorted(map(list, loaded.raw.lc.data.items())) for loaded in site.guides]}))


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not hasattr(os, "fork"), reason="one CPU, or no fork: never forks")
def test_a_first_load_of_many_files_parses_half_of_them_in_a_second_process(data, tmp_path):
    serial = tmp_path / "serial" / "data"
    shutil.copytree(DATA, serial)
    ahead = sorted((data / "shared").glob("*.yaml")) + sorted((data / "guides").glob("*.yaml"))
    loaded = load_in_fresh_python(data, "alone")
    everything = list(data.rglob("*.yaml"))
    # That Python parsed every other file of those six, and the rest of the data; its child parsed the others
    # and wrote their cache entries, which it then read.
    assert loaded["parsed"] == len(everything) - len(ahead[1::2])
    entry = goldcard.yaml_cache.ParsedYamlCache(cache_dir(data))._entry
    assert {path.name for path in cache_dir(data).iterdir()} == {entry(path).name for path in everything}
    assert {key: loaded[key] for key in ("guides", "marks")} == expected(serial)


def test_no_second_process_while_another_thread_runs(data):
    """Under `mkdocs serve` a thread may hold a lock at the moment of a fork, and the child would wait forever."""
    loaded = load_in_fresh_python(data, "with-a-thread")
    assert loaded["parsed"] == len(list(data.rglob("*.yaml")))  # all in that one process
    assert loaded["guides"] == expected(data)["guides"]


def test_a_value_pickle_cannot_take_only_costs_time(data, monkeypatch):
    """pickle gives out on deep recursion (RecursionError) or an odd object (PicklingError): no entry, no
    half-written file, and the data loads as without the cache."""
    expected = [g.guide for g in load_site(data).guides]
    shutil.rmtree(cache_dir(data))

    def refuse(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded while pickling an object")

    monkeypatch.setattr(goldcard.yaml_cache.pickle, "dump", refuse)
    assert [g.guide for g in load_site(data).guides] == expected
    assert list(cache_dir(data).iterdir()) == []


FRESH_BROKEN_LOAD = """
import sys
from pathlib import Path
import goldcard.load, goldcard.yaml_cache
from goldcard.problems import DataError

goldcard.yaml_cache.PARSE_AHEAD_FROM = 4  # the guides and the shared block are 6 files: parse ahead, forked
try:
    goldcard.load.load_site(Path(sys.argv[1]))
except DataError as error:
    print(error)
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not hasattr(os, "fork"), reason="one CPU, or no fork: never forks")
def test_parsing_ahead_never_opens_a_pipe_and_leaves_broken_files_to_the_loader(data):
    """A pipe where a guide should be would keep a reader waiting for a writer forever."""
    pipe, deep = sorted((data / "guides").glob("*.yaml"))[:2]
    pipe.unlink()
    os.mkfifo(pipe)
    deep.write_text(deep.read_text(encoding="utf-8") + "deep: " + "[" * 100_000 + "]" * 100_000 + "\n",
                    encoding="utf-8")  # libyaml's composer, recursive C, crashed the process at this depth
    result = subprocess.run([sys.executable, "-c", FRESH_BROKEN_LOAD, str(data)], capture_output=True, text=True,
                            timeout=120, cwd=data.parent)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert f"data/guides/{pipe.name}:1:1: not a file but a folder, a pipe or a device" in result.stdout, result.stdout
    assert f"data/guides/{deep.name}:" in result.stdout and "nested more than 100 levels deep" in result.stdout
