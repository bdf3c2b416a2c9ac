"""A cache of the costly part of an index, so a restart on an unchanged knowledge base skips it.

What is cached is what building an index spends most of its time on: every entry's normalised
question text, the vocabulary of words and the BM25 postings. It is one numpy .npz file read
with allow_pickle=False (plain arrays, and JSON text in a byte array), so reading it can never
run code. Its name and its contents carry a key: the hash of every knowledge base file and of
the bot's own code and data, so an edited knowledge base or a new release never uses an old
cache. A file that is stale, cut short, corrupt or inconsistent is ignored and written again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.cachefiles import code_fingerprint, replace_cache_file
from bot.kb.knowledge import KnowledgeBase

logger = logging.getLogger(__name__)

FORMAT = "zonebot-index-2"
POSTINGS_FIELDS = {
    "features": np.int64,
    "indptr": np.int64,
    "keys": np.int64,
    "bm25": np.float32,
    "coverage": np.float32,
    "idf": np.float64,
}
_PREFIX = "index-"
Lexicon = tuple[list[str], list[str]]  # the topic words: Chinese words, English stems
_SUFFIX = ".npz"


@dataclass(frozen=True)
class Encoding:
    """An index's costly part: entries' normalised question texts, vocabulary, postings."""

    question_texts: list[str]
    words: list[str]  # the vocabulary, word number i at place i
    postings: dict[str, npt.NDArray[Any]]  # the Postings fields, by name
    lexicon: Lexicon | None = None  # None while an index is being built


def cache_key(kb: KnowledgeBase) -> str | None:
    """The knowledge base's files and the code that indexes them, hashed; None if unknown."""
    if not kb.files:
        return None
    digest = hashlib.sha256(f"{FORMAT}\0{code_fingerprint()}\0".encode())
    for file, read in sorted(kb.files.items()):
        digest.update(f"{file}\0".encode() + read.digest)
    return digest.hexdigest()


def load_encoding(folder: Path, key: str, entries: int) -> Encoding | None:
    """Read the cached encoding for `key`, or None when it is missing, stale or damaged."""
    path = _path(folder, key)
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(bytes(stored["meta"]).decode("utf-8"))
            postings = {name: stored[name] for name in POSTINGS_FIELDS}
        zh_words, en_words = meta["lexicon"]
        lexicon = (zh_words, en_words)
        encoding = Encoding(meta["question_texts"], meta["words"], postings, lexicon)
        if meta.get("key") != key or not _consistent(encoding, entries):
            raise ValueError("the cached index does not fit this knowledge base")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, EOFError) as error:
        logger.warning("ignoring the index cache %s (%s): rebuilding it", path, error)
        return None
    return encoding


def save_encoding(folder: Path, key: str, encoding: Encoding) -> None:
    """Write the encoding for `key` atomically and remove older caches; never raises."""
    meta = {
        "key": key,
        "question_texts": encoding.question_texts,
        "words": encoding.words,
        "lexicon": encoding.lexicon,
    }
    blob = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    arrays: dict[str, Any] = {"meta": blob, **encoding.postings}  # numbers only
    try:
        replace_cache_file(
            _path(folder, key), lambda out: np.savez(out, **arrays), f"{_PREFIX}*{_SUFFIX}"
        )
    except OSError as error:
        logger.warning("the index cache cannot be written in %s (%s)", folder, error.strerror)


def _path(folder: Path, key: str) -> Path:
    return folder / f"{_PREFIX}{key[:32]}{_SUFFIX}"


def _consistent(encoding: Encoding, entries: int) -> bool:
    """Check the shapes and types hold together, so a damaged file cannot mislead a search."""
    p = encoding.postings
    if any(p[name].dtype != dtype or p[name].ndim != 1 for name, dtype in POSTINGS_FIELDS.items()):
        return False
    rows, vocabulary = len(p["keys"]), len(p["features"])
    texts, words = encoding.question_texts, encoding.words
    lexicon = encoding.lexicon or ([], [])
    return (
        len(texts) == entries
        and all(type(text) is str for text in texts)
        and all(type(word) is str for word in words)
        and all(type(part) is list for part in lexicon)
        and all(type(word) is str for part in lexicon for word in part)
        and len(set(words)) == len(words)
        and len(p["indptr"]) == vocabulary + 1
        and len(p["idf"]) == vocabulary
        and len(p["bm25"]) == len(p["coverage"]) == rows
        and int(p["indptr"][0]) == 0
        and int(p["indptr"][-1]) == rows
        and bool(np.all(np.diff(p["indptr"]) >= 0))
        and bool(np.all(np.diff(p["features"]) > 0))
        and bool(np.all((p["keys"] & 0xFFFFFFFF) < max(entries, 1)))
        and bool(np.all((p["keys"] >> 32) < max(vocabulary, 1)))
    )
