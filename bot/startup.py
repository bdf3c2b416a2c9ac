"""Load and index a knowledge base at start-up, a large one on two cores.

Zone files are independent until the checks across files: a worker process reads, validates,
normalises and encodes the later half of a large base's zone files (by bytes) and takes their
lexicon words while this process does the first half, and sends back its models, texts and
words, keeping its encoding. This
process has meanwhile left its own encoding for the worker (in a file: arrays through the pool's
pipe are held twice), which numbers its words as if this process had learnt them after its own
(bot/search/index.py append_encoded) and weighs the whole with BM25 as soon as it has sent its
models, while this process takes them in, checks the whole base and derives the zone finder's
tables and the lexicon; the index is the same array for array as one process builds. A small
base (and every test of one) stays in one process: starting a worker costs about half a
second. A file the worker could not use, or one that changed meanwhile, is read again here,
and the index then built here as in one process; so is everything when the worker fails.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import tempfile
from bisect import bisect_left
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from bot.errors import FileRejected, KnowledgeBaseError
from bot.kb.cache import has_files, load_knowledge_base_cached, save_snapshot
from bot.kb.knowledge import ReadFile
from bot.kb.loader import (
    SYNONYMS_FILE,
    SYNONYMS_SHAPE,
    ZONE_SHAPE,
    FileReader,
    check_knowledge_base,
    parse_and_validate,
    read_regular_file,
    zone_files,
)
from bot.kb.models import Zone
from bot.memory import garbage_collection_paused, return_freed_memory
from bot.search.features import Encoded, FeatureSpace
from bot.search.index import (
    LexiconPart,
    ZoneIndex,
    append_encoded,
    build_index,
    encode_entries,
    lexicon_part,
    lexicon_words,
    postings_of,
    zones_entry_texts,
)
from bot.search.indexcache import Encoding
from bot.search.zonefind import FinderTables

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

PARALLEL_FROM_BYTES = 4_000_000  # of zone files (~5,000 entries); less: a worker costs more
WORKER_SHARE = 0.46  # of the zone files' bytes, the last files: the worker starts 0.4 s later


@dataclass
class Part:
    """Zone files read, validated, normalised and encoded, in file order."""

    files: dict[str, ReadFile]  # those without a problem
    questions: list[str]  # their entries' normalised question texts
    encoded: Encoded  # their entries, numbered from 0
    space: FeatureSpace  # the feature space they are encoded in
    synonyms: list[list[str]] | None  # its synonym groups
    lexicon: LexiconPart  # the lexicon's words of its zones


@dataclass(frozen=True)
class Sent:
    """What the worker sends back of its Part (pickled, between our own processes)."""

    files: dict[str, ReadFile]
    questions: list[str]
    synonyms: list[list[str]] | None
    lexicon: LexiconPart


# in the worker: its encoding, vocabulary and number of entries, waiting for this process's
_KEPT: list[tuple[Encoded, list[str], int]] = []
Layout = list[tuple[str, str, int]]  # arrays written one after another: name, dtype, length


def load_index(root: Path, cache: Path | None) -> ZoneIndex:
    """Read, validate and index a knowledge base through the caches; raise on its errors."""
    if cache is not None and has_files(cache):  # a restart: reading the caches is faster
        return build_index(load_knowledge_base_cached(root, cache), cache)
    files = zone_files(root) if (root / "zones").is_dir() else []
    sizes = list(accumulate(_size(root / file) for file in files))
    if len(files) < 2 or sizes[-1] < PARALLEL_FROM_BYTES:
        return build_index(load_knowledge_base_cached(root, cache), cache)
    split = min(max(bisect_left(sizes, sizes[-1] * (1 - WORKER_SHARE)), 1), len(files) - 1)
    with garbage_collection_paused():
        return _load_on_two_cores(root, cache, files, split)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it says what is wrong


def _load_on_two_cores(root: Path, cache: Path | None, files: list[str], split: int) -> ZoneIndex:
    context = multiprocessing.get_context("spawn")  # no fork: a server may have threads
    pool = scratch = None
    try:
        scratch = tempfile.TemporaryDirectory(prefix="zonebot-start-")  # arrays pass through
        pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        sent = pool.submit(prepare_to_send, root, files[split:])
    except (OSError, RuntimeError) as error:  # no process or folder here: one process
        logger.warning("no start-up worker (%s): loading in one process", error)
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        if scratch is not None:
            scratch.cleanup()
        return build_index(load_knowledge_base_cached(root, cache), cache)
    with scratch as folder, pool:
        mine = prepare(root, files[:split])
        weighing = None
        if mine.synonyms is not None:  # weighed as soon as the worker has sent its models
            layout = write_arrays(Path(folder, "mine"), vars(mine.encoded))
            args = (folder, layout, len(mine.questions), list(mine.space.words))
            with suppress(BrokenExecutor):  # the worker is gone: its models' result says so
                weighing = pool.submit(weigh_with_mine, *args)
        del mine.encoded  # the worker weighs every entry: not kept while its models come
        theirs = _result(sent)
        read = {**mine.files, **(theirs.files if theirs is not None else {})}
        kb, problems = check_knowledge_base(root, read)
        if kb is None:
            pool.shutdown(cancel_futures=True)
            raise KnowledgeBaseError(problems)
        as_prepared = len(read) == len(kb.zones) and all(kb.files[f] is r for f, r in read.items())
        del read
        encoding = None
        if (
            weighing is not None
            and theirs is not None
            and as_prepared
            and mine.synonyms == kb.synonyms == theirs.synonyms
        ):
            tables = FinderTables.derive(kb.profiles)
            lexicon = lexicon_words(kb, tables.zh_keys_of, [mine.lexicon, theirs.lexicon])
            weighed = _result(weighing)
            if weighed is not None:
                vocabulary, layout = weighed
                return_freed_memory()  # of the texts checked: the postings are the peak
                postings = read_arrays(Path(folder, "theirs"), layout)
                questions = mine.questions + theirs.questions
                encoding = Encoding(questions, vocabulary, postings, lexicon, None, tables)
    if cache is not None:
        save_snapshot(cache, kb)
    return build_index(kb, cache, encoding)


def _result(future: Future[_T]) -> _T | None:
    """What the worker sends back, or None (and a warning) when it failed."""
    try:
        return future.result()
    except Exception:  # whatever broke the worker, what it would do is done here
        logger.warning("the start-up worker failed: doing its share here", exc_info=True)
        return None


def read_synonyms(root: Path) -> list[list[str]] | None:
    """The synonym groups entries are encoded with; None if the file is unusable."""
    if not os.path.lexists(root / SYNONYMS_FILE):
        return []
    try:
        raw = read_regular_file(root, SYNONYMS_FILE)
        return parse_and_validate(raw, SYNONYMS_FILE, SYNONYMS_SHAPE)[1].groups
    except FileRejected:
        return None  # check_knowledge_base says what is wrong with it


def prepare(root: Path, files: list[str]) -> Part:
    """Read, validate, normalise and encode zone files; skip any with a problem."""
    read: dict[str, ReadFile] = {}
    zones: list[Zone] = []
    reader = FileReader(root)
    for file in files:
        try:
            raw = reader.read(file)
            zone = parse_and_validate(raw, file, ZONE_SHAPE)[1]
        except FileRejected:
            continue  # read again by check_knowledge_base, which says what is wrong
        read[file] = ReadFile(hashlib.sha256(raw).digest(), zone)
        zones.append(zone)
    synonyms = read_synonyms(root)
    space = FeatureSpace(synonyms or [])
    if len({zone.id for zone in zones}) < len(zones):  # an id used twice: the base is refused
        return Part(read, [], encode_entries(space, [], []), space, None, lexicon_part([]))
    questions, answers = zones_entry_texts(zones)
    encoded = encode_entries(space, questions, answers)
    return Part(read, questions, encoded, space, synonyms, lexicon_part(zones))


def prepare_to_send(root: Path, files: list[str]) -> Sent:
    """In the worker: prepare files; send back models and texts, keep the encoding."""
    with garbage_collection_paused():
        part = prepare(root, files)
        _KEPT[:] = [(part.encoded, list(part.space.words), len(part.questions))]
        return Sent(part.files, part.questions, part.synonyms, part.lexicon)


def weigh_with_mine(
    folder: str, layout: Layout, entries: int, words: list[str]
) -> tuple[list[str], Layout]:
    """In the worker: follow the serving process's entries with its own, weigh all with BM25.

    The serving process's encoding is read from `folder`, the postings written there.
    Returns the vocabulary (word number i at place i) and the postings' layout.
    """
    ((kept, kept_words, kept_entries),) = _KEPT
    _KEPT.clear()
    return_freed_memory()  # of the models sent: the weighing's arrays come next
    with garbage_collection_paused():
        every = Encoded(**read_arrays(Path(folder, "mine"), layout, room=len(kept)))
        numbers = {word: number for number, word in enumerate(words)}
        append_encoded(every, entries, numbers, kept, kept_words)
        del kept
        postings = postings_of(every, entries + kept_entries)
        del every
        return list(numbers), write_arrays(Path(folder, "theirs"), postings)


def write_arrays(path: Path, arrays: dict[str, npt.NDArray[Any]]) -> Layout:
    """Write one-dimensional arrays to a file of ours, as their bytes: how to read them back.

    Large arrays go between the processes through a file: through the pool's pipe, the
    sender would keep them and their pickle until the call ends, the receiver the pickle
    beside the arrays (about 120 MB at 50,000 entries).
    """
    with path.open("wb") as out:
        for array in arrays.values():
            array.tofile(out)
    return [(name, array.dtype.str, len(array)) for name, array in arrays.items()]


def read_arrays(path: Path, layout: Layout, room: int = 0) -> dict[str, npt.NDArray[Any]]:
    """Read back the arrays write_arrays wrote, each with `room` places after; remove the file."""
    arrays = {}
    with path.open("rb") as source:
        for name, kind, count in layout:
            array = np.empty(count + room, np.dtype(kind))
            wanted = array[:count].view(np.uint8).data
            if source.readinto(wanted) != wanted.nbytes:
                raise OSError(f"{path} is cut short")
            arrays[name] = array
    path.unlink()
    return arrays
