"""Memory helpers shared by loading and indexing, so the index needs nothing from the loader."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """Pause cyclic GC while reading or indexing: it doubles the time for a large base.

    The millions of objects made meanwhile are then moved to the oldest generation without
    being scanned (freeze, unfreeze): else the first collection after would scan them all.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
