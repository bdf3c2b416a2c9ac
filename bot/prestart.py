"""Start the start-up worker before this process's own imports, so that both import at once.

The worker (bot/startup.py) reads the later zone files of a large base; spawned once this
process has imported the search code, it began its share about half a second after this
process began its own. This module imports nothing of the bot's, so a command can start the
worker first thing, then import what it needs while the worker does the same.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

logger = logging.getLogger(__name__)

PARALLEL_FROM_BYTES = 4_000_000  # of zone files (~5,000 entries); less: a worker costs more


def early_worker(root: Path, cache: Path | None) -> ProcessPoolExecutor | None:
    """A worker process, started now, if a start will want one: a large base and no cache.

    A cache folder holding any knowledge cache is left to load_index, which tells whether
    it is this release's (hashing the bot's code here would cost what is saved).
    """
    if cache is not None and any(cache.glob("knowledge-*")):
        return None
    try:
        with os.scandir(root / "zones") as found:
            sizes = [entry.stat().st_size for entry in found if entry.name.endswith(".yaml")]
    except OSError:
        return None  # reading the base says what is wrong
    if len(sizes) < 2 or sum(sizes) < PARALLEL_FROM_BYTES:
        return None
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        pool.submit(_import_startup)
    except (OSError, RuntimeError) as error:  # load_index tries again, and says what failed
        logger.debug("no early start-up worker (%s)", error)
        return None
    return pool


def early_worker_from_environment(kb: str | None) -> ProcessPoolExecutor | None:
    """early_worker for a command, before its settings are read (their import takes 0.1 s).

    The folders are taken from `kb` (--kb) and the environment only: a worker started for
    settings that a .env file changes is stopped or used by load_index, which gets them all.
    """
    root = Path(kb or os.environ.get("ZONEBOT_KB_PATH") or "knowledge")
    cache = os.environ.get("ZONEBOT_INDEX_CACHE")
    return early_worker(root, Path(cache) if cache else None)


def _import_startup() -> None:
    """In the worker: import what its share needs, while the serving process imports too."""
    importlib.import_module("bot.startup")
