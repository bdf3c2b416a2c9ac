"""A cache of the validated knowledge base files, so a restart skips YAML parsing and checks.

Kept beside the index cache (ZONEBOT_INDEX_CACHE): one JSON file holding, for every knowledge
file, the SHA-256 of its bytes and its validated model dumped as JSON. At a start, a file whose
bytes hash as stored is rebuilt from that JSON by pydantic's JSON validator (the same models,
fields and checks, without reading YAML); any other file is read as usual. The file is named
after the bot's code, so a new release never reads an old one, and it is plain JSON: reading it
cannot run code. A missing or damaged file is ignored and written again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from pathlib import Path

from pydantic import BaseModel, ValidationError

from bot.cachefiles import code_fingerprint, replace_cache_file
from bot.errors import KnowledgeBaseError
from bot.kb.knowledge import KnowledgeBase, ReadFile
from bot.kb.loader import check_knowledge_base
from bot.kb.models import SourceList, SynonymList, Zone

logger = logging.getLogger(__name__)

FORMAT = "zonebot-knowledge-1"
MODELS: dict[str, type[BaseModel]] = {
    model.__name__: model for model in (Zone, SourceList, SynonymList)
}
_PREFIX = "knowledge-"
_SUFFIX = ".json"


class StoredFiles(Mapping[str, ReadFile]):
    """Cached files by name; a file's model is validated from its JSON when it is looked up.

    Each file's JSON is dropped once looked up, so the cache's text is not held beside the
    models it becomes; a second lookup of that file finds nothing and the file is read.
    """

    def __init__(self, stored: dict[str, tuple[bytes, str, str]]) -> None:
        self._digests = {file: digest for file, (digest, _model, _text) in stored.items()}
        self._texts = {file: (model, text) for file, (_digest, model, text) in stored.items()}

    def __getitem__(self, file: str) -> ReadFile:
        model, text = self._texts.pop(file)
        try:
            return ReadFile(self._digests[file], MODELS[model].model_validate_json(text))
        except (KeyError, ValidationError):
            logger.warning("ignoring the cached %s: it does not validate", file)
            raise KeyError(file) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._digests)

    def __len__(self) -> int:
        return len(self._digests)

    def holds(self, files: Mapping[str, ReadFile]) -> bool:
        """Tell whether the cache holds exactly these files, with these hashes."""
        return files.keys() == self._digests.keys() and all(
            self._digests[file] == read.digest for file, read in files.items()
        )


def load_knowledge_base_cached(root: Path, cache: Path | None) -> KnowledgeBase:
    """Read and validate a knowledge base through the cache in `cache`, if set; raise on errors."""
    stored = StoredFiles({}) if cache is None else load_files(cache)
    kb, problems = check_knowledge_base(root, stored)
    if kb is None:
        raise KnowledgeBaseError(problems)
    if cache is not None and not stored.holds(kb.files):
        save_files(cache, kb.files)
    return kb


def has_files(folder: Path) -> bool:
    """Tell whether a knowledge cache of this code is there (whatever it holds)."""
    return _path(folder).is_file()


def load_files(folder: Path) -> StoredFiles:
    """Read the cached files, or none when the cache is missing, stale or damaged."""
    path = _path(folder)
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != FORMAT:
            raise ValueError("another format")
        stored = {
            file: (bytes.fromhex(digest), model, text)
            for file, (digest, model, text) in data["files"].items()
            if isinstance(model, str) and isinstance(text, str)
        }
    except FileNotFoundError:
        return StoredFiles({})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        logger.warning("ignoring the knowledge cache %s (%s): writing it again", path, error)
        return StoredFiles({})
    return StoredFiles(stored)


def save_files(folder: Path, files: Mapping[str, ReadFile]) -> None:
    """Write every file's hash and model atomically and remove older caches; never raises."""
    data = {
        "format": FORMAT,
        "files": {
            file: [
                read.digest.hex(),
                type(read.model).__name__,
                read.model.model_dump_json(exclude_unset=True),
            ]
            for file, read in sorted(files.items())
        },
    }
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
    try:
        replace_cache_file(_path(folder), lambda out: out.write(payload), f"{_PREFIX}*{_SUFFIX}")
    except OSError as error:
        logger.warning("the knowledge cache cannot be written in %s (%s)", folder, error.strerror)


def _path(folder: Path) -> Path:
    return folder / f"{_PREFIX}{code_fingerprint()[:32]}{_SUFFIX}"
