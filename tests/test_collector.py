"""The cycle collector is paused while the data loads, and is left as it was found."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from goldcard.collector import cycle_collection_paused
from goldcard.load import load_site

DATA = Path(__file__).resolve().parents[1] / "data"


class Node:
    pass


def test_loading_pauses_the_collector_and_turns_it_back_on():
    seen = []
    gc.callbacks.append(lambda phase, info: seen.append(phase))
    try:
        assert gc.isenabled()
        load_site(DATA)
        assert gc.isenabled()
    finally:
        gc.callbacks.pop()
    assert seen == [], "a collection ran while the data was loading"


def test_a_nested_pause_leaves_the_collector_off_until_the_outermost_ends():
    with cycle_collection_paused():
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_cycle_made_while_paused_is_still_collected_later():
    with cycle_collection_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
        watch = weakref.ref(a)
    assert gc.get_freeze_count() == 0, "objects were left in the permanent generation"
    del a, b
    gc.collect()
    assert watch() is None


def test_the_collector_is_turned_back_on_after_an_error():
    try:
        with cycle_collection_paused():
            raise ValueError("bad data")
    except ValueError:
        pass
    assert gc.isenabled()
