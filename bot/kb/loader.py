"""Read a knowledge base directory into a KnowledgeBase, or say everything an editor must fix."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from bot.errors import FileRejected, KnowledgeBaseError
from bot.kb.checks import (
    SourcesFile,
    ZoneFile,
    cross_file_problems,
    english_warnings,
    location_warnings,
)
from bot.kb.knowledge import KnowledgeBase, Problem, ReadFile
from bot.kb.models import SourceList, SynonymList, Zone
from bot.kb.validation import FileShape, validate_document
from bot.kb.yamlread import YamlDocument, parse_typed, parse_yaml, unparsed_document
from bot.memory import garbage_collection_paused

MAX_FILE_BYTES = 1_048_576

SOURCES_FILE = "sources.yaml"
SYNONYMS_FILE = "synonyms.yaml"
ZONES_DIR = "zones"

ZONE_SHAPE = FileShape(
    Zone, dict, "a mapping of fields (id:, name:, entries: ...)", ("entries",), "entry"
)
SOURCES_SHAPE = FileShape(
    SourceList, list, 'a list of sources (each starting "- id:")', (), "source", wrap="sources"
)
SYNONYMS_SHAPE = FileShape(
    SynonymList,
    list,
    "a list of synonym groups (one per line, like - [grant, subsidy])",
    (),
    "synonym group",
    wrap="groups",
)

ModelT = TypeVar("ModelT", bound=BaseModel)


def check_knowledge_base(
    root: Path, known: Mapping[str, ReadFile] | None = None
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Read and validate a knowledge base directory; never raises. KB is None on any error.

    A file whose bytes hash as in `known` (a served knowledge base's files) is not parsed
    or validated again: a reload after editing one zone file reads that file only.
    """
    layout = layout_problems(root)
    if layout:
        return None, layout
    with garbage_collection_paused():
        return _check_files(root, known or {})


def _check_files(
    root: Path, known: Mapping[str, ReadFile]
) -> tuple[KnowledgeBase | None, list[Problem]]:
    reader = _Reader(root, known)
    sources = reader.read(SOURCES_FILE, SOURCES_SHAPE)
    synonyms = reader.read(SYNONYMS_FILE, SYNONYMS_SHAPE) if reader.exists(SYNONYMS_FILE) else None
    zones = [
        ZoneFile(file, *found)
        for file in zone_files(root)
        if (found := reader.read(file, ZONE_SHAPE)) is not None
    ]
    sources_file = (
        None if sources is None else SourcesFile(SOURCES_FILE, sources[0].sources, sources[1])
    )
    errors = reader.problems + cross_file_problems(zones, sources_file)
    warnings = sorted_problems(
        english_warnings(zones, sources_file)
        + location_warnings(zones)
        + misnamed_zone_files(root)
    )
    if errors or sources_file is None:
        return None, sorted_problems(errors + warnings)
    hashed = reader.contents.hexdigest()
    kb = KnowledgeBase(
        root=root,
        zones={zone_file.zone.id: zone_file.zone for zone_file in zones},
        sources={source.id: source for source in sources_file.sources},
        synonyms=[] if synonyms is None else synonyms[0].groups,
        version=hashed[:12],
        warnings=warnings,
        files=reader.files,
        content_hash=hashed,
    )
    return kb, warnings


def load_knowledge_base(root: Path) -> KnowledgeBase:
    """Read and validate a knowledge base; raise KnowledgeBaseError carrying every problem."""
    kb, problems = check_knowledge_base(root)
    if kb is None:
        raise KnowledgeBaseError(problems)
    return kb


class _Reader:
    """Reads the files of one knowledge base, hashing their bytes, keeping their problems.

    Files are read in name order (sources.yaml, synonyms.yaml, zones/ sorted), as their
    content hash takes them.
    """

    def __init__(self, root: Path, known: Mapping[str, ReadFile]) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.files: dict[str, ReadFile] = {}
        self._known = known
        self._files = FileReader(root)
        self.contents = ContentHash()  # of every file read

    def exists(self, file: str) -> bool:
        """Tell whether an optional file is there (whatever it is: reading it judges it)."""
        return os.path.lexists(self.root / file)

    def read(self, file: str, shape: FileShape[ModelT]) -> tuple[ModelT, YamlDocument] | None:
        """Read and validate one file; None (its problems recorded) when it cannot be used."""
        try:
            raw = self._read_bytes(file)
            digest = hashlib.sha256(raw).digest()
            known = self._known.get(file)
            if (
                known is not None
                and known.digest == digest
                and isinstance(known.model, shape.model)
            ):
                self.files[file] = known
                return known.model, unparsed_document(raw, file)
            doc, model = parse_and_validate(raw, file, shape)
            self.files[file] = ReadFile(digest, model)
            # Keep only where things are written: the checks across files need no more.
            return model, replace(doc, data=None)
        except FileRejected as rejected:
            self.problems += rejected.problems
            return None

    def _read_bytes(self, file: str) -> bytes:
        raw = self._files.read(file)
        self.contents.add(file, raw)
        return raw


class ContentHash:
    """A hash of every file read, in name order, so replicas can show which base they serve."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()

    def add(self, file: str, raw: bytes) -> None:
        """Hash the next file, in name order."""
        self._digest.update(f"{file}\0{len(raw)}\0".encode())
        self._digest.update(raw)

    def hexdigest(self) -> str:
        """The hash of the files added, in hexadecimal."""
        return self._digest.hexdigest()


def parse_and_validate(
    raw: bytes, file: str, shape: FileShape[ModelT]
) -> tuple[YamlDocument, ModelT]:
    """Read a file the fast way; if that data does not validate, read it as written and judge."""
    doc = parse_typed(raw, file)
    if doc.typed:
        try:
            return doc, validate_document(shape, doc, file)
        except FileRejected:
            pass  # a number or a boolean where text is wanted may be fine as written
        doc = parse_yaml(raw, file)
    return doc, validate_document(shape, doc, file)


def read_regular_file(root: Path, file: str) -> bytes:
    """Read a knowledge file: a regular file inside `root`, or a link to one inside it.

    A FIFO, a device, a socket, a folder or a link leading out of the folder is refused with
    its path and never opened for reading, so nothing of it can be quoted back to an editor.
    """
    return FileReader(root).read(file)


class FileReader:
    """Reads knowledge files as read_regular_file does, resolving each folder once.

    A file that is no link lies where its folder resolves to; and a file is read to its size,
    not into a buffer of the largest size allowed: 2,500 zone files are read 5 times faster.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: dict[str, str] = {}  # each folder's real path, with a separator after

    def read(self, file: str) -> bytes:
        """Read one file of the folder; raise FileRejected saying why it cannot be used."""
        path = self.root / file
        try:
            status = path.lstat()
            if stat.S_ISLNK(status.st_mode):
                resolved = path.resolve(strict=True)
                target, status = f"{resolved}", resolved.stat()
            else:
                folder, _, name = file.rpartition("/")
                target = self._resolved(folder) + name
            if not f"{target}{os.sep}".startswith(self._resolved("")):  # the root itself is in
                raise FileRejected([Problem(file, 1, 1, _OUTSIDE)])
            if not stat.S_ISREG(status.st_mode):
                raise FileRejected([Problem(file, 1, 1, _NOT_REGULAR)])
            # O_NONBLOCK: a FIFO swapped in since the check must not hang the open.
            descriptor = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
            try:
                return _read_whole(descriptor, file)
            finally:
                os.close(descriptor)
        except OSError as error:
            message = (
                f"the file cannot be read ({error.strerror}): check that it exists and is readable"
            )
            raise FileRejected([Problem(file, 1, 1, message)]) from None

    def _resolved(self, folder: str) -> str:
        """A folder of the root ("" for the root itself), resolved once, ending in a separator."""
        found = self._folders.get(folder)
        if found is None:
            real = (self.root / folder).resolve(strict=True)
            found = self._folders[folder] = f"{real}{os.sep}" if real.name else f"{real}"
        return found


def _read_whole(descriptor: int, file: str) -> bytes:
    """Read an open regular file of at most MAX_FILE_BYTES (MAX_FILE_BYTES + 1 if it grows)."""
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        raise FileRejected([Problem(file, 1, 1, _NOT_REGULAR)])
    if status.st_size > MAX_FILE_BYTES:
        message = (
            f"the file is {status.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,} "
            "bytes (1 MiB): split it, or remove what does not belong in it"
        )
        raise FileRejected([Problem(file, 1, 1, message)])
    chunks: list[bytes] = []
    left = MAX_FILE_BYTES + 1
    while left > 0 and (chunk := os.read(descriptor, min(status.st_size + 1, left))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_OUTSIDE = (
    "the file is a link to a file outside the knowledge base folder, so it is not read: "
    "put the file itself in the folder"
)
_NOT_REGULAR = (
    "this is not a regular file (a FIFO, a device, a socket or a folder), so it is not read: "
    "replace it with a plain YAML file"
)


def layout_problems(root: Path) -> list[Problem]:
    """Check the folders and required files are there before reading any of them."""
    if not root.is_dir():
        message = (
            f'the knowledge base folder "{root}" does not exist: '
            "pass --kb DIR or set ZONEBOT_KB_PATH"
        )
        return [Problem(".", 1, 1, message)]
    problems = []
    if not os.path.lexists(root / SOURCES_FILE):
        message = f"{SOURCES_FILE} is missing: it lists every source that answers cite"
        problems.append(Problem(SOURCES_FILE, 1, 1, message))
    if not (root / ZONES_DIR).is_dir():
        message = f"the {ZONES_DIR}/ folder is missing: put one .yaml file per zone in it"
        problems.append(Problem(f"{ZONES_DIR}/", 1, 1, message))
    return problems


def zone_files(root: Path) -> list[str]:
    """The zone files in name order, relative to the root: zones/<zone-id>.yaml."""
    names = sorted(path.name for path in (root / ZONES_DIR).glob("*.yaml"))  # reading judges
    return [f"{ZONES_DIR}/{name}" for name in names]


def misnamed_zone_files(root: Path) -> list[Problem]:
    """Warn about zone files the loader skips because they do not end in .yaml."""
    return [
        Problem(
            f"{ZONES_DIR}/{path.name}",
            1,
            1,
            f'this file is not read: rename it to "{path.stem}.yaml"',
            "warning",
        )
        for path in sorted((root / ZONES_DIR).glob("*.yml"))
    ]


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems by file and place; those at one place in the order found."""
    return sorted(problems, key=lambda problem: (problem.file, problem.line, problem.col))


_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_FIELD_HELP = {
    "Zone": {
        "id": "Must equal the file name without .yaml: lower-case letters, digits and -",
        "name": "The zone's name, as the sources write it",
        "aliases": "Other names people type (pinyin is derived: no need to list it)",
        "entities": "Places, projects and companies inside the zone that identify it",
        "summary": "The zone card's text",
        "sources": "Ids of sources.yaml that the profile comes from",
        "entries": "The zone's answerable facts and policies",
    },
    "Entry": {
        "id": "Unique within the zone: lower-case letters, digits and -",
        "topic": "What kind of fact this is",
        "tags": "Free words; questions across zones are answered from topic and tags",
        "questions": "Several ways people ask it, in Chinese and English",
        "answer": "Plain text; a blank line separates paragraphs",
        "sources": "At least one id of sources.yaml",
        "as_of": 'The period the figure describes: "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
        "valid_until": 'When an incentive lapses: "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
        "related": "Ids of entries of this zone offered as follow-ups",
        "draft": "Written by `zonebot draft`: the knowledge base is refused until it is removed",
        "note": "A note to editors, never shown to askers",
    },
}


def loosen_bilingual(defs: dict[str, Any]) -> None:
    """Let a schema's bilingual fields be written in Chinese alone, as the loader accepts."""
    chinese_only = {
        "BilingualText": {"type": "string", "minLength": 1, "description": "Chinese only"},
        "BilingualList": {"type": "array", "items": {"type": "string", "minLength": 1}},
    }
    for name, plain in chinese_only.items():
        if name in defs:
            defs[name] = {
                "description": defs[name].pop("description"),
                "anyOf": [plain, defs[name]],
            }


def zone_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a zone file, so editors' YAML plugins complete and check it."""
    schema = Zone.model_json_schema()
    defs = schema["$defs"]
    loosen_bilingual(defs)
    for period in ("as_of", "valid_until"):
        for option in defs["Entry"]["properties"][period]["anyOf"]:
            if option.get("type") == "string":
                option["pattern"] = _DATE_PATTERN
    for model, help_by_field in _FIELD_HELP.items():
        properties = defs.get(model, schema)["properties"]
        for name, text in help_by_field.items():
            properties[name]["description"] = text
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ZoneBot zone file (knowledge/zones/<zone-id>.yaml)",
        **{key: value for key, value in schema.items() if key != "title"},
    }
