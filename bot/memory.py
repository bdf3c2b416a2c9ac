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


def return_freed_memory() -> None:
    """Give the heap's freed pages back to the system (glibc), so the next peak starts lower."""
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except AttributeError:  # not glibc: its allocator does what it does
        return
    trim(0)
