"""The parsed-YAML cache: a second load parses only what changed, and a broken cache costs time, never data."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

import goldcard.load
import goldcard.yaml_cache
from goldcard.load import load_site
from goldcard.yaml_cache import cache_dir

DATA = Path(__file__).resolve().parents[1] / "data"


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


def test_a_first_load_of_many_files_parses_half_of_them_in_a_second_process(data, parses, monkeypatch, tmp_path):
    serial = tmp_path / "serial" / "data"
    shutil.copytree(DATA, serial)
    monkeypatch.setattr(goldcard.yaml_cache, "PARSE_AHEAD_FROM", 10**6)
    expected = load_site(serial)
    monkeypatch.setattr(goldcard.yaml_cache, "PARSE_AHEAD_FROM", 4)  # the guides and the shared block: 6 files
    del parses[:]
    ahead = sorted((data / "shared").glob("*.yaml")) + sorted((data / "guides").glob("*.yaml"))
    assert len(ahead) >= 4
    loaded = load_site(data)
    everything = list(data.rglob("*.yaml"))
    # This process parsed every other file of those six, and the rest of the data; the child parsed the others.
    assert len(parses) == len(everything) - len(ahead[1::2])
    assert {entry.name for entry in cache_dir(data).iterdir()} == {
        goldcard.yaml_cache.ParsedYamlCache(cache_dir(data))._entry(path).name for path in everything}
    assert [g.guide for g in loaded.guides] == [g.guide for g in expected.guides]
    assert [g.raw.lc.data for g in loaded.guides] == [g.raw.lc.data for g in expected.guides]
    assert loaded.blocks["login"][2].lc.data == expected.blocks["login"][2].lc.data


def test_no_second_process_while_another_thread_runs(data, parses, monkeypatch):
    """Under `mkdocs serve` a thread may hold a lock at the moment of a fork, and the child would wait forever."""
    monkeypatch.setattr(goldcard.yaml_cache, "PARSE_AHEAD_FROM", 4)
    assert goldcard.yaml_cache.fork_helps() == ((os.cpu_count() or 1) > 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not goldcard.yaml_cache.fork_helps()
        load_site(data)
    finally:
        stop.set()
        other.join()
    assert len(parses) == len(list(data.rglob("*.yaml")))  # all in this process
