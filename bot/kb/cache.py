"""A cache of the validated knowledge base, so a restart reads no YAML and validates no entry.

Kept beside the index cache (ZONEBOT_INDEX_CACHE), one file named after the bot's code: a
line of JSON, the header, then every knowledge file's validated model as JSON, one after the
other, and each zone file's profile (all of it but its entries). The header gives, for every
file, the SHA-256 of its bytes, where its JSON lies and its zone's id, and what the checks found
across files (the warnings); a CRC-32 of the rest tells a damaged file. Reading it cannot run
code.

At a start every file's bytes are still read and hashed. When they are exactly the files the
cache holds, the knowledge base is served from it without running the checks again: sources
and synonyms are validated at once, each zone (and its profile) when it is first looked up.
Otherwise a file whose bytes hash as stored is validated from its JSON, any other is read,
the checks run on the whole base and the cache is written again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from pydantic import BaseModel, ValidationError

from bot.cachefiles import code_fingerprint, replace_cache_file
from bot.errors import FileRejected, KnowledgeBaseError
from bot.kb.knowledge import KnowledgeBase, Problem, ReadFile
from bot.kb.loader import (
    SOURCES_FILE,
    SYNONYMS_FILE,
    ContentHash,
    FileReader,
    check_knowledge_base,
    layout_problems,
    misnamed_zone_files,
    zone_files,
)
from bot.kb.models import SourceList, SynonymList, Zone, ZoneProfile

logger = logging.getLogger(__name__)

FORMAT = "zonebot-knowledge-2"
MODELS: dict[str, type[BaseModel]] = {
    model.__name__: model for model in (Zone, SourceList, SynonymList)
}
_PREFIX = "knowledge-"
_SUFFIX = ".cache"

Span = tuple[int, int]  # where a JSON text lies in the cache file's body


@dataclass(frozen=True)
class _Stored:
    """One knowledge file in the cache: its bytes' hash, its model and where their JSON is."""

    digest: bytes
    model: str  # the model's class name
    span: Span
    profile: Span | None  # a zone file's profile
    zone: str | None  # a zone file's zone id


class Snapshot:
    """A knowledge cache file, read: its header, and its models' JSON by file."""

    def __init__(self, header: dict[str, Any], body: bytes) -> None:
        """Take a header and body as read; raise ValueError, KeyError or TypeError if unsound."""
        if header.get("format") != FORMAT:
            raise ValueError("another format")
        if header["crc32"] != zlib.crc32(body):
            raise ValueError("its body is damaged")
        self.files = {
            str(file): _Stored(
                bytes.fromhex(digest),
                model,
                _span(span, body),
                None if profile is None else _span(profile, body),
                None if zone is None else str(zone),
            )
            for file, (digest, model, span, profile, zone) in header["files"].items()
            if model in MODELS
        }
        self.warnings = [
            Problem(str(file), int(line), int(col), str(text), "warning")
            for file, line, col, text in header["warnings"]
        ]
        self.misnamed = [str(file) for file in header["misnamed"]]
        self._body = body

    def text(self, file: str) -> bytes:
        """A file's model, as JSON."""
        start, end = self.files[file].span
        return self._body[start:end]

    def profile(self, file: str) -> bytes:
        """A zone file's profile, as JSON."""
        span = self.files[file].profile
        if span is None:
            raise KeyError(file)
        return self._body[span[0] : span[1]]

    def holds(self, kb: KnowledgeBase) -> bool:
        """Tell whether the cache holds exactly this knowledge base's files, with these hashes."""
        files = kb.files
        return files.keys() == self.files.keys() and all(
            self.files[file].digest == read.digest for file, read in files.items()
        )

    def knowledge_base(self, root: Path) -> KnowledgeBase | None:
        """The knowledge base if its files are exactly those stored; None otherwise."""
        if layout_problems(root) or [p.file for p in misnamed_zone_files(root)] != self.misnamed:
            return None
        synonyms = [SYNONYMS_FILE] if os.path.lexists(root / SYNONYMS_FILE) else []
        zones = zone_files(root)
        if sorted([SOURCES_FILE, *synonyms, *zones]) != sorted(self.files):
            return None
        zone_file = {self.files[file].zone or "": file for file in zones}
        if "" in zone_file or len(zone_file) < len(zones):
            return None
        try:
            hashed = self._hash_as_stored(root, sorted(self.files))
            sources = SourceList.model_validate_json(self.text(SOURCES_FILE)).sources
            groups = [SynonymList.model_validate_json(self.text(f)).groups for f in synonyms]
        except (_Changed, FileRejected, ValidationError):
            return None
        cached = CachedZones(self, zone_file)
        return KnowledgeBase(
            root=root,
            zones=cached,
            sources={source.id: source for source in sources},
            synonyms=groups[0] if groups else [],
            version=hashed[:12],
            warnings=self.warnings,
            files=CachedFiles(self, cached, zone_file),
            content_hash=hashed,
            zone_profiles=CachedProfiles(self, zone_file),
        )

    def _hash_as_stored(self, root: Path, files: list[str]) -> str:
        """Read and hash each file: the content hash, or _Changed at a file not as stored."""
        reader, contents = FileReader(root), ContentHash()
        for file in files:
            raw = reader.read(file)
            if hashlib.sha256(raw).digest() != self.files[file].digest:
                raise _Changed(file)
            contents.add(file, raw)
        return contents.hexdigest()


class _Changed(Exception):
    """A knowledge file is not as the cache holds it."""


def _span(value: object, body: bytes) -> Span:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(type(n) is int for n in value)
        or not 0 <= value[0] <= value[1] <= len(body)
    ):
        raise ValueError(f"not a place in the cache: {value!r}")
    return value[0], value[1]


class ModelTexts(Protocol):
    """Validated models kept as JSON, by file: a zone's, and its profile's."""

    def text(self, file: str) -> bytes:
        """A file's model, as JSON."""

    def profile(self, file: str) -> bytes:
        """A zone file's profile, as JSON."""


class ZoneJson(Protocol):
    """A zone file's hash and zone id, and the zone's model and profile as JSON."""

    @property
    def digest(self) -> bytes:
        """SHA-256 of the file's bytes."""

    @property
    def zone_id(self) -> str:
        """The zone's id."""

    @property
    def model(self) -> bytes:
        """The zone's model, as JSON."""

    @property
    def profile(self) -> bytes:
        """The zone's profile, as JSON."""


class CachedZones(Mapping[str, Zone]):
    """Zones by id in file order, each validated from the cache's JSON when first looked up.

    The JSON was written from a validated model, and the body's hash checked when read: a
    zone that fails to validate now means the code changed without a new cache name, a bug.
    """

    def __init__(self, snapshot: ModelTexts, zone_file: dict[str, str]) -> None:
        self._snapshot = snapshot
        self._file = zone_file
        self._built: dict[str, Zone] = {}

    def __getitem__(self, zone_id: str) -> Zone:
        zone = self._built.get(zone_id)
        if zone is None:  # a reload's thread may build it too: the first one built is kept
            text = self._snapshot.text(self._file[zone_id])
            zone = self._built.setdefault(zone_id, Zone.model_validate_json(text))
        return zone

    def __iter__(self) -> Iterator[str]:
        return iter(self._file)

    def __len__(self) -> int:
        return len(self._file)


class CachedProfiles(Mapping[str, ZoneProfile]):
    """Zones' profiles by id in file order, each validated when first looked up."""

    def __init__(self, snapshot: ModelTexts, zone_file: dict[str, str]) -> None:
        self._snapshot = snapshot
        self._file = zone_file
        self._built: dict[str, ZoneProfile] = {}

    def __getitem__(self, zone_id: str) -> ZoneProfile:
        profile = self._built.get(zone_id)
        if profile is None:
            text = self._snapshot.profile(self._file[zone_id])
            profile = self._built.setdefault(zone_id, ZoneProfile.model_validate_json(text))
        return profile

    def __iter__(self) -> Iterator[str]:
        return iter(self._file)

    def __len__(self) -> int:
        return len(self._file)


class CachedFiles(Mapping[str, ReadFile]):
    """A cached knowledge base's files: a zone file's model is its zone, built when asked for."""

    def __init__(self, snapshot: Snapshot, zones: CachedZones, zone_file: dict[str, str]) -> None:
        self._snapshot = snapshot
        self._zones = zones
        self._zone_in = {file: zone_id for zone_id, file in zone_file.items()}

    def __getitem__(self, file: str) -> ReadFile:
        stored = self._snapshot.files[file]
        zone_id = self._zone_in.get(file)
        if zone_id is not None:
            return ReadFile(stored.digest, self._zones[zone_id])
        model = MODELS[stored.model].model_validate_json(self._snapshot.text(file))
        return ReadFile(stored.digest, model)

    def __iter__(self) -> Iterator[str]:
        return iter(self._snapshot.files)

    def __len__(self) -> int:
        return len(self._snapshot.files)


class StoredFiles(Mapping[str, ReadFile]):
    """Cached files by name, for a knowledge base that changed: each validated when looked up."""

    def __init__(self, snapshot: Snapshot | None) -> None:
        self._snapshot = snapshot
        self._files = {} if snapshot is None else snapshot.files

    def __getitem__(self, file: str) -> ReadFile:
        stored = self._files[file]
        text = self._snapshot.text(file) if self._snapshot is not None else b""
        try:
            model = MODELS[stored.model].model_validate_json(text)
        except ValidationError:
            logger.warning("ignoring the cached %s: it does not validate", file)
            raise KeyError(file) from None
        return ReadFile(stored.digest, model)

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def load_knowledge_base_cached(root: Path, cache: Path | None) -> KnowledgeBase:
    """Read and validate a knowledge base through the cache in `cache`, if set; raise on errors."""
    snapshot = None if cache is None else load_snapshot(cache)
    if snapshot is not None:
        served = snapshot.knowledge_base(root)
        if served is not None:
            return served
    kb, problems = check_knowledge_base(root, StoredFiles(snapshot))
    if kb is None:
        raise KnowledgeBaseError(problems)
    if cache is not None and (snapshot is None or not snapshot.holds(kb)):
        save_snapshot(cache, kb)
    return kb


def has_files(folder: Path) -> bool:
    """Tell whether a knowledge cache of this code is there (whatever it holds)."""
    return _path(folder).is_file()


def load_snapshot(folder: Path) -> Snapshot | None:
    """Read the knowledge cache, or None when it is missing, stale or damaged."""
    path = _path(folder)
    try:
        data = path.read_bytes()
        end = data.index(b"\n")
        return Snapshot(json.loads(data[:end]), data[end + 1 :])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        logger.warning("ignoring the knowledge cache %s (%s): writing it again", path, error)
        return None


def save_snapshot(
    folder: Path, kb: KnowledgeBase, written: Mapping[str, ZoneJson] | None = None
) -> None:
    """Write every file's hash and model, and the warnings, atomically; never raises.

    `written`: zone files of `kb` whose JSON is at hand (bot/startup.py), not dumped again.
    """
    parts: list[bytes] = []
    files: dict[str, list[Any]] = {}
    at = 0

    def add(text: str | bytes) -> list[int]:
        nonlocal at
        data = text.encode("utf-8") if isinstance(text, str) else text
        parts.append(data)
        at += len(data)
        return [at - len(data), at]

    for file in sorted(kb.files):
        done = None if written is None else written.get(file)
        if done is not None:  # its zone need not be built to be written
            spans = add(done.model), add(done.profile)
            files[file] = [done.digest.hex(), Zone.__name__, *spans, done.zone_id]
            continue
        read = kb.files[file]
        model = read.model
        span = add(model.model_dump_json(exclude_unset=True))
        profile, zone = None, None
        if isinstance(model, Zone):
            profile = add(model.model_dump_json(exclude={"entries"}, exclude_unset=True))
            zone = model.id
        files[file] = [read.digest.hex(), type(model).__name__, span, profile, zone]
    body = b"".join(parts)
    header = {
        "format": FORMAT,
        "crc32": zlib.crc32(body),
        "files": files,
        "warnings": [[p.file, p.line, p.col, p.message] for p in kb.warnings],
        "misnamed": [p.file for p in misnamed_zone_files(kb.root)],
    }
    line = json.dumps(header, ensure_ascii=False).encode("utf-8")

    def write(out: BinaryIO) -> None:
        out.write(line + b"\n")
        out.write(body)

    try:
        replace_cache_file(_path(folder), write, f"{_PREFIX}*")
    except OSError as error:
        logger.warning("the knowledge cache cannot be written in %s (%s)", folder, error.strerror)


def _path(folder: Path) -> Path:
    return folder / f"{_PREFIX}{code_fingerprint()[:32]}{_SUFFIX}"
