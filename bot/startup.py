"""Load and index a knowledge base at start-up, a large one on two cores.

Zone files are independent until the checks across files: a worker process reads, validates,
normalises and encodes the later half of a large base's zone files while this process does
the first half; this process then checks the whole base, renumbers the worker's words as if
it had learnt them itself (bot/search/index.py append_encoded) and weighs the whole, so the
index is the same bit for bit as one process builds. A small base (and every test of one)
stays in one process: starting a worker costs about half a second. A file the worker could
not use, or one that changed meanwhile, is read again here; a worker that fails costs only
its share of the time.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bot.errors import FileRejected, KnowledgeBaseError
from bot.kb.cache import has_files, load_knowledge_base_cached, save_files
from bot.kb.knowledge import ReadFile
from bot.kb.loader import (
    SYNONYMS_FILE,
    SYNONYMS_SHAPE,
    ZONE_SHAPE,
    check_knowledge_base,
    parse_and_validate,
    read_regular_file,
    zone_files,
)
from bot.kb.models import Zone
from bot.memory import garbage_collection_paused
from bot.search.features import Encoded, FeatureSpace
from bot.search.index import (
    EntryTexts,
    ZoneIndex,
    append_encoded,
    build_index,
    encode_entries,
    weighed,
    zone_entry_texts,
)

logger = logging.getLogger(__name__)

PARALLEL_FROM_FILES = 400  # zone files; below this a worker's start costs more than it saves
WORKER_SHARE = 0.5  # of the zone files, the last ones

Prepared = dict[str, tuple[ReadFile, Zone, EntryTexts]]  # by file, in file order


@dataclass(frozen=True)
class Share:
    """What the worker sends back: its files' models as JSON, texts and encoding."""

    files: list[tuple[str, bytes, str, EntryTexts]]  # file, hash, model JSON, entry texts
    encoded: Encoded  # its entries, numbered from 0, in a feature space of its own
    words: list[str]  # that space's words, by number
    synonyms: list[list[str]] | None  # the synonym groups it encoded with


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
    synonyms = read_synonyms(root)
    share: Share | None = None
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        theirs = pool.submit(prepare_share, root, files[split:])
        prepared = prepare(root, files[:split])
        space = FeatureSpace(synonyms or [])
        questions = [q for _r, _z, (zone_q, _a) in prepared.values() for q in zone_q]
        answers = [a for _r, _z, (_q, zone_a) in prepared.values() for a in zone_a]
        mine = encode_entries(space, questions, answers)
        del answers
        try:
            share = theirs.result()
            prepared.update(_from_json(share.files))
        except Exception:  # whatever broke the worker, its files are read here
            logger.warning("the start-up worker failed: reading its files here", exc_info=True)
            share = None
    kb, problems = check_knowledge_base(root, {file: p[0] for file, p in prepared.items()})
    if kb is None:
        raise KnowledgeBaseError(problems)
    used = [file for file, (read, _z, _t) in prepared.items() if kb.files[file] is read]
    texts = {prepared[file][1].id: prepared[file][2] for file in used}
    encoding = None
    every_file = len(used) == len(kb.zones) == len(prepared)
    if share is not None and every_file and synonyms == kb.synonyms == share.synonyms:
        theirs_q = [q for _f, _d, _j, (zone_q, _a) in share.files for q in zone_q]
        encoded = append_encoded(mine, len(questions), space, share.encoded, share.words)
        del mine, share
        encoding = weighed(questions + theirs_q, space, encoded)
        del encoded
    del prepared
    if cache is not None:
        save_files(cache, kb.files)
    return build_index(kb, cache, texts, encoding)


def read_synonyms(root: Path) -> list[list[str]] | None:
    """The synonym groups entries are encoded with; None if the file is unusable."""
    if not os.path.lexists(root / SYNONYMS_FILE):
        return []
    try:
        raw = read_regular_file(root, SYNONYMS_FILE)
        return parse_and_validate(raw, SYNONYMS_FILE, SYNONYMS_SHAPE)[1].groups
    except FileRejected:
        return None  # check_knowledge_base says what is wrong with it


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
        file: (ReadFile(digest, zone), zone, texts[zone.id])
        for file, (digest, zone) in zones.items()
    }


def prepare_share(root: Path, files: list[str]) -> Share:
    """In the worker: prepare and encode files, each model as JSON (validated on arrival)."""
    with garbage_collection_paused():
        synonyms = read_synonyms(root)
        prepared = prepare(root, files)
        space = FeatureSpace(synonyms or [])
        encoded = encode_entries(
            space,
            [q for _r, _z, (zone_q, _a) in prepared.values() for q in zone_q],
            [a for _r, _z, (_q, zone_a) in prepared.values() for a in zone_a],
        )
        found = [
            (file, read.digest, zone.model_dump_json(exclude_unset=True), texts)
            for file, (read, zone, texts) in prepared.items()
        ]
        return Share(found, encoded, list(space.words), synonyms)


def _from_json(found: list[tuple[str, bytes, str, EntryTexts]]) -> Prepared:
    prepared: Prepared = {}
    for file, digest, text, texts in found:
        zone = Zone.model_validate_json(text)
        prepared[file] = (ReadFile(digest, zone), zone, texts)
    return prepared
