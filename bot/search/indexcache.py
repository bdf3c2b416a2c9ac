"""A cache of the costly part of an index, so a restart on an unchanged knowledge base skips it.

What is cached is what building an index spends most of its time on: every entry's normalised
question text, the vocabulary of words and the BM25 postings; and what a restart would derive
from every zone: each zone's entry ids and the zone finder's tables, so an index read from the
cache builds no zone before a question needs it. One file: a line of JSON (the header: where
each part lies), then the arrays' bytes, the texts as UTF-8 and the rest as JSON. Numbers and
text only: reading it can never run code, and the arrays are read in place (numpy views of
the file's bytes). Its name and its header carry a key: the hash of every knowledge base file
and of the bot's own code and data, so an edited knowledge base or a new release never uses an
old cache. A file that is stale, cut short, damaged (a CRC-32 of its body) or inconsistent is
ignored and written again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, overload

import numpy as np
import numpy.typing as npt

from bot.cachefiles import code_fingerprint, replace_cache_file
from bot.kb.knowledge import KnowledgeBase
from bot.search.zonefind import FinderTables

logger = logging.getLogger(__name__)

FORMAT = "zonebot-index-3"
POSTINGS_FIELDS = {
    "features": np.int64,
    "indptr": np.int64,
    "keys": np.int64,
    "bm25": np.float32,
    "coverage": np.float32,
    "idf": np.float64,
}
_PREFIX = "index-"
_SUFFIX = ".cache"
_ALIGN = 8  # each array starts at a multiple of this in the body
Lexicon = tuple[list[str], list[str]]  # the topic words: Chinese words, English stems


@dataclass(frozen=True)
class Encoding:
    """An index's costly part: entries' normalised question texts, vocabulary, postings."""

    question_texts: Sequence[str]
    words: list[str]  # the vocabulary, word number i at place i
    postings: dict[str, npt.NDArray[Any]]  # the Postings fields, by name
    lexicon: Lexicon | None = None  # None while an index is being built
    entry_ids: list[list[str]] | None = None  # each zone's, in order; None: read the zones
    finder: FinderTables | None = None  # the zone finder's; None: derived from the profiles


class TextColumn(Sequence[str]):
    """Texts kept as one string and where each ends: a text is cut out when looked up."""

    def __init__(self, text: str, ends: npt.NDArray[np.int64]) -> None:
        self._text = text
        self._ends = ends.tolist()

    @overload
    def __getitem__(self, at: int) -> str: ...

    @overload
    def __getitem__(self, at: slice) -> list[str]: ...

    def __getitem__(self, at: int | slice) -> str | list[str]:
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(len(self)))]
        if at < 0:
            at += len(self)
        if not 0 <= at < len(self._ends):
            raise IndexError(at)
        return self._text[self._ends[at - 1] if at else 0 : self._ends[at]]

    def __len__(self) -> int:
        return len(self._ends)

    def __iter__(self) -> Iterator[str]:
        start = 0
        for end in self._ends:
            yield self._text[start:end]
            start = end


def cache_key(kb: KnowledgeBase) -> str | None:
    """The knowledge base's files and the code that indexes them, hashed; None if unknown."""
    if not kb.content_hash:
        return None
    text = f"{FORMAT}\0{code_fingerprint()}\0{kb.content_hash}"
    return hashlib.sha256(text.encode()).hexdigest()


def load_encoding(folder: Path, key: str, zones: int) -> Encoding | None:
    """Read the cached encoding for `key`, or None when it is missing, stale or damaged."""
    path = _path(folder, key)
    try:
        data = path.read_bytes()
        end = data.index(b"\n")
        header = json.loads(data[:end])
        body = memoryview(data)[end + 1 :]
        if header.get("format") != FORMAT or header.get("key") != key:
            raise ValueError("the cached index is for another knowledge base")
        if header["crc32"] != zlib.crc32(body):
            raise ValueError("the cached index is damaged")
        places = header["arrays"]
        arrays = {name: _array(body, *places[name]) for name in [*POSTINGS_FIELDS, "ends"]}
        text, meta = (str(_bytes(body, *header[part]), "utf-8") for part in ("texts", "meta"))
        meta = json.loads(meta)
        ends = arrays.pop("ends")
        if len(ends) and (int(ends[-1]) != len(text) or not bool(np.all(np.diff(ends) >= 0))):
            raise ValueError("the texts do not hold together")
        zh_words, en_words = meta["lexicon"]
        encoding = Encoding(
            TextColumn(text, ends),
            meta["words"],
            arrays,
            (zh_words, en_words),
            meta["entry_ids"],
            FinderTables.from_json(meta["finder"]),
        )
        if not _consistent(encoding, zones):
            raise ValueError("the cached index does not fit this knowledge base")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        logger.warning("ignoring the index cache %s (%s): rebuilding it", path, error)
        return None
    return encoding


def save_encoding(folder: Path, key: str, encoding: Encoding) -> None:
    """Write the encoding for `key` atomically and remove older caches; never raises."""
    texts = list(encoding.question_texts)
    ends = np.cumsum([len(text) for text in texts], dtype=np.int64)
    pieces: list[bytes] = []
    places: dict[str, list[Any]] = {}
    at = 0
    for name, array in [*encoding.postings.items(), ("ends", ends)]:
        pad = -at % _ALIGN
        pieces += (b"\0" * pad, np.ascontiguousarray(array).tobytes())
        at += pad
        places[name] = [array.dtype.str, at, len(array)]
        at += array.nbytes
    meta = {
        "words": encoding.words,
        "lexicon": encoding.lexicon,
        "entry_ids": encoding.entry_ids,
        "finder": None if encoding.finder is None else encoding.finder.to_json(),
    }
    spans = {}
    for part, blob in (
        ("texts", "".join(texts).encode("utf-8")),
        ("meta", json.dumps(meta, ensure_ascii=False).encode("utf-8")),
    ):
        pieces.append(blob)
        spans[part] = [at, len(blob)]
        at += len(blob)
    body = b"".join(pieces)
    header = {"format": FORMAT, "key": key, "crc32": zlib.crc32(body), "arrays": places, **spans}
    line = json.dumps(header).encode("utf-8")
    line += b" " * (-(len(line) + 1) % _ALIGN) + b"\n"  # the arrays aligned in the file too

    def write(out: BinaryIO) -> None:
        out.write(line)
        out.write(body)

    try:
        replace_cache_file(_path(folder, key), write, f"{_PREFIX}*")
    except OSError as error:
        logger.warning("the index cache cannot be written in %s (%s)", folder, error.strerror)


def _bytes(body: memoryview, start: int, size: int) -> memoryview:
    if not 0 <= start <= start + size <= len(body):
        raise ValueError(f"{size} bytes are not at {start}")
    return body[start : start + size]


def _path(folder: Path, key: str) -> Path:
    return folder / f"{_PREFIX}{key[:32]}{_SUFFIX}"


def _array(body: memoryview, dtype: str, start: int, count: int) -> npt.NDArray[Any]:
    """An array in place in the body, read-only; ValueError if it does not fit there."""
    kind = np.dtype(dtype)
    if kind.hasobject or not 0 <= start <= start + count * kind.itemsize <= len(body):
        raise ValueError(f"an array of {count} {dtype} is not at {start}")
    return np.frombuffer(body, dtype=kind, count=count, offset=start)


def _consistent(encoding: Encoding, zones: int) -> bool:
    """Check the shapes and types hold together, so a damaged file cannot mislead a search."""
    p = encoding.postings
    if any(p[name].dtype != dtype or p[name].ndim != 1 for name, dtype in POSTINGS_FIELDS.items()):
        return False
    rows, vocabulary = len(p["keys"]), len(p["features"])
    words = encoding.words
    lexicon = encoding.lexicon or ([], [])
    ids = encoding.entry_ids
    entries = len(encoding.question_texts)
    halves = p["keys"].view(np.uint32)  # each key's entry and feature number, as 32 bits
    low = 0 if sys.byteorder == "little" else 1
    return (
        type(ids) is list
        and len(ids) == zones
        and all(type(zone) is list and zone for zone in ids)
        and all(type(entry_id) is str for zone in ids for entry_id in zone)
        and sum(map(len, ids)) == entries
        and type(words) is list
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
        and (not rows or int(halves[low::2].max()) < max(entries, 1))
        and (not rows or int(halves[1 - low :: 2].max()) < max(vocabulary, 1))
    )
