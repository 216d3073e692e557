"""Keep Python's cycle collector off the guide data while it is read and checked.

Loading builds hundreds of thousands of small containers (marked YAML, pydantic models, check records) and
keeps them: none is garbage and none is in a reference cycle, yet every collection of the young generations
scans them again, and each scan costs more with every object kept. On the data at 50 times its size these
scans were a third of `make check`. Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Also a decorator; nested uses are fine (only the outermost acts).

    On the way out, freeze-then-unfreeze moves what was made (and anything else young) straight into the
    oldest generation, unscanned: the young collections that follow skip it, and a full collection, rare by
    design, still looks at it, so a cycle that becomes garbage later is still freed."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        gc.enable()
