"""Load and index a knowledge base at start-up, a large one on two cores.

Zone files are independent until the checks across files: a worker process (started early by
bot/prestart.py) reads, validates, checks on its own, normalises and encodes the later part of
a large base's zone files (by bytes) while this process does the first part. It sends back
its zones as JSON (built here when first looked up: only their profiles are read at once),
their texts, keys and lexicon words, keeping its encoding. This process has meanwhile left
its own encoding for the worker (in a file: arrays through the pool's pipe are held twice),
which numbers its words as if this process had learnt them after its own
(bot/search/index.py append_encoded) and weighs the whole with BM25, while this process
checks what needs every file and derives the zone finder's tables and the lexicon; the index
is the same array for array as one process builds. A small base (and every test of one)
stays in one process: starting a worker costs about half a second. A file either process
could not use, one with a problem, or one that changed meanwhile: the whole base is checked
here as in one process, and the index built here; so is everything when the worker fails.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import tempfile
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from bot import prestart
from bot.errors import FileRejected, KnowledgeBaseError
from bot.kb.cache import (
    CachedProfiles,
    CachedZones,
    has_files,
    load_knowledge_base_cached,
    save_snapshot,
)
from bot.kb.checks import (
    SourcesFile,
    ZoneFile,
    english_warnings,
    sources_problems,
    zone_file_errors,
    zone_file_warnings,
    zones_clash,
)
from bot.kb.knowledge import KnowledgeBase, Problem, ReadFile
from bot.kb.loader import (
    SOURCES_FILE,
    SOURCES_SHAPE,
    SYNONYMS_FILE,
    SYNONYMS_SHAPE,
    ZONE_SHAPE,
    ContentHash,
    FileReader,
    check_knowledge_base,
    layout_problems,
    misnamed_zone_files,
    parse_and_validate,
    read_regular_file,
    sorted_problems,
    zone_files,
)
from bot.kb.models import SourceList, Zone, ZoneProfile
from bot.kb.yamlread import YamlDocument
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
    sort_by_feature,
    zones_entry_texts,
)
from bot.search.indexcache import Encoding
from bot.search.zonefind import FinderTables, ZoneKeys, zone_keys

logger = logging.getLogger(__name__)
_T = TypeVar("_T")
_V = TypeVar("_V")

WORKER_SHARE = 0.5  # of the zone files' bytes, the last files: it sends its zones as JSON


@dataclass(frozen=True)
class SourcesRead:
    """sources.yaml as read by a half: its bytes' hash, its model and where things are written."""

    digest: bytes
    model: SourceList
    doc: YamlDocument


@dataclass
class Part:
    """Zone files read, validated, checked on their own, normalised and encoded, in file order."""

    files: dict[str, ReadFile]  # those without a problem
    zones: list[Zone]  # their zones
    questions: list[str]  # their entries' normalised question texts
    encoded: Encoded  # their entries, numbered from 0
    space: FeatureSpace  # the feature space they are encoded in
    synonyms: list[list[str]] | None  # its synonym groups
    keys: ZoneKeys  # its zones' keys
    sources: SourcesRead | None  # None: sources.yaml is unusable
    warnings: list[Problem]  # its zone files' own, in file order
    sound: bool  # every file usable, none with an error of its own


@dataclass(frozen=True)
class SentZone:
    """One of the worker's zone files: its bytes' hash, its zone's model and profile as JSON."""

    digest: bytes
    zone_id: str
    entry_ids: list[str]
    model: bytes
    profile: bytes


@dataclass(frozen=True)
class Sent:
    """What the worker sends back of its Part (pickled, between our own processes).

    Its zones go as JSON, built here when first looked up: pickling the models there and
    unpickling them here cost about a second on the way to the first answer at 50,000 entries.
    """

    zones: dict[str, SentZone]  # by file, in file order
    questions: list[str]
    synonyms: list[list[str]] | None
    lexicon: LexiconPart
    keys: ZoneKeys
    warnings: list[Problem]
    sound: bool

    def text(self, file: str) -> bytes:
        """A zone file's model, as JSON."""
        return self.zones[file].model

    def profile(self, file: str) -> bytes:
        """A zone file's profile, as JSON."""
        return self.zones[file].profile


# in the worker: its encoding, vocabulary and number of entries, waiting for this process's
_KEPT: list[tuple[Encoded, list[str], int]] = []
Layout = list[tuple[str, str, int]]  # arrays written one after another: name, dtype, length


def load_index(
    root: Path, cache: Path | None, worker: ProcessPoolExecutor | None = None
) -> ZoneIndex:
    """Read, validate and index a knowledge base through the caches; raise on its errors.

    `worker`: a start-up worker already started (bot/prestart.py), used if a worker is wanted.
    """
    files = zone_files(root) if (root / "zones").is_dir() else []
    sizes = list(accumulate(_size(root / file) for file in files))
    if (
        (cache is not None and has_files(cache))  # a restart: reading the caches is faster
        or len(files) < 2
        or sizes[-1] < prestart.PARALLEL_FROM_BYTES
    ):
        if worker is not None:
            worker.shutdown(wait=False, cancel_futures=True)
        return build_index(load_knowledge_base_cached(root, cache), cache)
    split = min(max(bisect_left(sizes, sizes[-1] * (1 - WORKER_SHARE)), 1), len(files) - 1)
    with garbage_collection_paused():
        return _load_on_two_cores(root, cache, files, split, worker)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it says what is wrong


def _load_on_two_cores(
    root: Path,
    cache: Path | None,
    files: list[str],
    split: int,
    worker: ProcessPoolExecutor | None,
) -> ZoneIndex:
    context = multiprocessing.get_context("spawn")  # no fork: a server may have threads
    pool, scratch = worker, None
    try:
        scratch = tempfile.TemporaryDirectory(prefix="zonebot-start-")  # arrays pass through
        if pool is None:
            pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        sent = pool.submit(prepare_to_send, root, files[split:])
    except (OSError, RuntimeError) as error:  # no process or folder here: one process
        logger.warning("no start-up worker (%s): loading in one process", error)
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        if scratch is not None:
            scratch.cleanup()
        return build_index(load_knowledge_base_cached(root, cache), cache)
    encoding = None
    with scratch as folder:
        try:
            mine = prepare(root, files[:split])
            weighing = None
            if mine.synonyms is not None:  # weighed as soon as the worker has sent its models
                sort_by_feature(mine.encoded)  # two sorted halves: weighing only merges them
                layout = write_arrays(Path(folder, "mine"), vars(mine.encoded))
                args = (folder, layout, len(mine.questions), list(mine.space.words))
                with suppress(BrokenExecutor):  # the worker is gone: its models' result says so
                    weighing = pool.submit(weigh_with_mine, *args)
            del mine.encoded  # the worker weighs every entry: not kept while its models come
            my_lexicon = lexicon_part(mine.zones)  # while the worker weighs: not on its way
            theirs = _result(sent)
            kb = None if theirs is None else joined(root, mine, theirs)
            whole = kb is not None  # as both halves read it
            if kb is None:  # as one process does it: every problem said, a changed file read again
                known = {**mine.files, **(SentFiles(theirs) if theirs is not None else {})}
                kb, problems = check_knowledge_base(root, known)
                if kb is None:
                    raise KnowledgeBaseError(problems)
            elif weighing is not None and theirs is not None:
                keys = (mine.keys[0] | theirs.keys[0], mine.keys[1] | theirs.keys[1])
                tables = FinderTables.derive(kb.profiles, keys)
                lexicon = lexicon_words(kb, tables.zh_keys_of, [my_lexicon, theirs.lexicon])
                entry_ids = [[entry.id for entry in zone.entries] for zone in mine.zones]
                entry_ids += [zone.entry_ids for zone in theirs.zones.values()]
                weighed = _result(weighing)
                if weighed is not None:
                    vocabulary, layout = weighed
                    return_freed_memory()  # of the texts checked: the postings are the peak
                    postings = read_arrays(Path(folder, "theirs"), layout)
                    questions = mine.questions + theirs.questions
                    encoding = Encoding(
                        questions, vocabulary, postings, lexicon, entry_ids, tables
                    )
        finally:  # a worker that answered every call exits unwaited: its teardown is slow
            pool.shutdown(wait=encoding is None, cancel_futures=True)
    if cache is not None:  # the worker's zones as it sent them, if the base is as it read it
        save_snapshot(cache, kb, theirs.zones if theirs is not None and whole else None)
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


def read_sources(root: Path) -> SourcesRead | None:
    """sources.yaml, whose ids zone files cite; None if it is unusable."""
    try:
        raw = read_regular_file(root, SOURCES_FILE)
        doc, model = parse_and_validate(raw, SOURCES_FILE, SOURCES_SHAPE)
    except FileRejected:
        return None  # check_knowledge_base says what is wrong with it
    return SourcesRead(hashlib.sha256(raw).digest(), model, doc)


def prepare(root: Path, files: list[str]) -> Part:
    """Read, validate, check, normalise and encode zone files; skip any with a problem."""
    read: dict[str, ReadFile] = {}
    zones: list[Zone] = []
    warnings: list[Problem] = []
    sources = read_sources(root)
    known = None if sources is None else {source.id for source in sources.model.sources}
    sound = known is not None
    reader = FileReader(root)
    for file in files:
        try:
            raw = reader.read(file)
            doc, zone = parse_and_validate(raw, file, ZONE_SHAPE)
        except FileRejected:
            sound = False
            continue  # read again by check_knowledge_base, which says what is wrong
        zone_file = ZoneFile(file, zone, doc)
        if known is None or zone_file_errors(zone_file, known, SOURCES_FILE):
            sound = False
        warnings += zone_file_warnings(zone_file)
        read[file] = ReadFile(hashlib.sha256(raw).digest(), zone)
        zones.append(zone)
    synonyms = read_synonyms(root)
    space = FeatureSpace(synonyms or [])
    if len({zone.id for zone in zones}) < len(zones):  # an id used twice: the base is refused
        empty = encode_entries(space, [], [])
        return Part(read, zones, [], empty, space, None, ({}, {}), None, [], False)
    keys = zone_keys(zones)
    questions, answers = zones_entry_texts(zones, keys)
    encoded = encode_entries(space, questions, answers)
    return Part(read, zones, questions, encoded, space, synonyms, keys, sources, warnings, sound)


def prepare_to_send(root: Path, files: list[str]) -> Sent:
    """In the worker: prepare files; send back zones as JSON and texts, keep the encoding."""
    with garbage_collection_paused():
        part = prepare(root, files)
        sort_by_feature(part.encoded)
        _KEPT[:] = [(part.encoded, list(part.space.words), len(part.questions))]
        zones = {
            file: SentZone(
                read.digest,
                zone.id,
                [entry.id for entry in zone.entries],
                Zone.__pydantic_serializer__.to_json(zone, exclude_unset=True),  # no str between
                zone.model_dump_json(exclude={"entries"}, exclude_unset=True).encode(),
            )
            for (file, read), zone in zip(part.files.items(), part.zones, strict=True)
        }
        return Sent(
            zones,
            part.questions,
            part.synonyms,
            lexicon_part(part.zones),
            part.keys,
            part.warnings,
            part.sound,
        )


def joined(root: Path, mine: Part, theirs: Sent) -> KnowledgeBase | None:
    """The knowledge base of both halves, when each file is as they read it and nothing
    across files is wrong; None otherwise, for check_knowledge_base to say what is.

    The checks of one file alone were done by each half: here only what needs every file.
    """
    sources = mine.sources
    if sources is None or not (mine.sound and theirs.sound) or layout_problems(root):
        return None
    digests = {file: read.digest for file, read in mine.files.items()}
    digests |= {file: zone.digest for file, zone in theirs.zones.items()}
    if list(digests) != zone_files(root):
        return None
    reader, contents = FileReader(root), ContentHash()
    try:
        raw = reader.read(SOURCES_FILE)
        contents.add(SOURCES_FILE, raw)
        files = {SOURCES_FILE: ReadFile(sources.digest, sources.model)}
        if hashlib.sha256(raw).digest() != sources.digest:
            return None
        groups: list[list[str]] = []
        if os.path.lexists(root / SYNONYMS_FILE):
            raw = reader.read(SYNONYMS_FILE)
            contents.add(SYNONYMS_FILE, raw)
            synonyms = parse_and_validate(raw, SYNONYMS_FILE, SYNONYMS_SHAPE)[1]
            files[SYNONYMS_FILE] = ReadFile(hashlib.sha256(raw).digest(), synonyms)
            groups = synonyms.groups
        for file, digest in digests.items():
            raw = reader.read(file)
            if hashlib.sha256(raw).digest() != digest:
                return None  # changed since
            contents.add(file, raw)
    except FileRejected:
        return None
    if not mine.synonyms == groups == theirs.synonyms:
        return None
    sources_file = SourcesFile(SOURCES_FILE, sources.model.sources, sources.doc)
    zone_file = {zone.zone_id: file for file, zone in theirs.zones.items()}
    zones = Chained({zone.id: zone for zone in mine.zones}, CachedZones(theirs, zone_file))
    profiles: Chained[ZoneProfile] = Chained(zones.first, CachedProfiles(theirs, zone_file))
    if sources_problems(sources_file) or zones_clash(list(profiles.values())):
        return None
    warnings = mine.warnings + theirs.warnings + english_warnings([], sources_file)
    hashed = contents.hexdigest()
    return KnowledgeBase(
        root=root,
        zones=zones,
        sources={source.id: source for source in sources_file.sources},
        synonyms=groups,
        version=hashed[:12],
        warnings=sorted_problems(warnings + misnamed_zone_files(root)),
        files=Chained(files | mine.files, SentFiles(theirs, zones.second)),
        content_hash=hashed,
        zone_profiles=profiles,
    )


class Chained(Mapping[str, _V]):
    """Two mappings with no key in common, as one: the first's keys, then the second's."""

    def __init__(self, first: Mapping[str, _V], second: Mapping[str, _V]) -> None:
        self.first, self.second = first, second

    def __getitem__(self, key: str) -> _V:
        return self.first[key] if key in self.first else self.second[key]

    def __iter__(self) -> Iterator[str]:
        yield from self.first
        yield from self.second

    def __len__(self) -> int:
        return len(self.first) + len(self.second)


class SentFiles(Mapping[str, ReadFile]):
    """The worker's zone files, each zone built from its JSON when first looked up."""

    def __init__(self, sent: Sent, zones: Mapping[str, Zone] | None = None) -> None:
        self._sent = sent
        if zones is None:
            zones = CachedZones(sent, {zone.zone_id: file for file, zone in sent.zones.items()})
        self._zones = zones

    def __getitem__(self, file: str) -> ReadFile:
        zone = self._sent.zones[file]
        return ReadFile(zone.digest, self._zones[zone.zone_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._sent.zones)

    def __len__(self) -> int:
        return len(self._sent.zones)


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
