"""Load and index a knowledge base at start-up, a large one on two cores.

Zone files are independent until the checks across files: a worker process reads, validates
and normalises the later half of a large base's zone files while this process does the first
half; this process then checks the whole base and encodes it, as a single process would, so
the index is the same bit for bit. A small base (and every test of one) stays in one process:
starting a worker costs about half a second. A file the worker could not use, or one that
changed meanwhile, is simply read again here; a worker that fails costs only its share.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bot.errors import FileRejected, KnowledgeBaseError
from bot.kb.cache import has_files, load_knowledge_base_cached, save_files
from bot.kb.knowledge import ReadFile
from bot.kb.loader import (
    ZONE_SHAPE,
    check_knowledge_base,
    parse_and_validate,
    read_regular_file,
    zone_files,
)
from bot.kb.models import Zone
from bot.memory import garbage_collection_paused
from bot.search.index import EntryTexts, ZoneIndex, build_index, zone_entry_texts

logger = logging.getLogger(__name__)

PARALLEL_FROM_FILES = 400  # zone files; below this a worker's start costs more than it saves
WORKER_SHARE = 0.5  # of the zone files, the last ones: this process then encodes them all

Prepared = dict[str, tuple[ReadFile, EntryTexts]]  # by file: what it held, its entry texts


def load_index(root: Path, cache: Path | None) -> ZoneIndex:
    """Read, validate and index a knowledge base through the caches; raise on its errors."""
    files = zone_files(root) if (root / "zones").is_dir() else []
    if len(files) < PARALLEL_FROM_FILES or (cache is not None and has_files(cache)):
        return build_index(load_knowledge_base_cached(root, cache), cache)
    with garbage_collection_paused():
        return _load_on_two_cores(root, cache, files)


def _load_on_two_cores(root: Path, cache: Path | None, files: list[str]) -> ZoneIndex:
    split = len(files) - int(len(files) * WORKER_SHARE)
    context = multiprocessing.get_context("spawn")  # no fork: a server may have threads
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        theirs = pool.submit(prepare_as_json, root, files[split:])
        prepared = prepare(root, files[:split])
        try:
            prepared.update(_from_json(theirs.result()))
        except Exception:  # whatever broke the worker, its files are read here
            logger.warning("the start-up worker failed: reading its files here", exc_info=True)
    kb, problems = check_knowledge_base(root, {file: read for file, (read, _) in prepared.items()})
    if kb is None:
        raise KnowledgeBaseError(problems)
    texts = {
        read.model.id: entry_texts
        for file, (read, entry_texts) in prepared.items()
        if isinstance(read.model, Zone) and kb.files[file].model is read.model
    }
    del prepared
    if cache is not None:
        save_files(cache, kb.files)
    return build_index(kb, cache, texts)


def prepare(root: Path, files: list[str]) -> Prepared:
    """Read and validate zone files and normalise their entries; skip any with a problem."""
    zones: dict[str, tuple[bytes, Zone]] = {}
    for file in files:
        try:
            raw = read_regular_file(root, file)
            _doc, zone = parse_and_validate(raw, file, ZONE_SHAPE)
        except FileRejected:
            continue  # read again by check_knowledge_base, which says what is wrong
        zones[file] = (hashlib.sha256(raw).digest(), zone)
    ids = [zone.id for _digest, zone in zones.values()]
    if len(set(ids)) < len(ids):  # a zone id used twice: the base is refused anyway
        return {}
    texts = zone_entry_texts([zone for _digest, zone in zones.values()])
    return {
        file: (ReadFile(digest, zone), texts[zone.id]) for file, (digest, zone) in zones.items()
    }


def prepare_as_json(root: Path, files: list[str]) -> list[tuple[str, bytes, str, EntryTexts]]:
    """In the worker: prepare files, each model as JSON (validated again on arrival)."""
    with garbage_collection_paused():
        return [
            (file, read.digest, read.model.model_dump_json(exclude_unset=True), texts)
            for file, (read, texts) in prepare(root, files).items()
        ]


def _from_json(found: list[tuple[str, bytes, str, EntryTexts]]) -> Prepared:
    return {
        file: (ReadFile(digest, Zone.model_validate_json(text)), texts)
        for file, digest, text, texts in found
    }
