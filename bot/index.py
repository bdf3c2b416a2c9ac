"""The search index over a knowledge base: built once per load, read by every question."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.features import SynonymTable, text_features
from bot.knowledge import KnowledgeBase
from bot.models import Entry, Lang
from bot.textnorm import normalize
from bot.zonefind import ZoneFinder, chinese_zone_keys, latin_zone_keys

BM25_K1 = 1.2
BM25_B = 0.5
ANSWER_WEIGHT = 0.5  # an answer's words count, but less than the questions editors wrote
_LATIN_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class EntryRecord:
    """One entry as the matcher sees it."""

    zone_id: str
    entry: Entry
    phrasings: dict[Lang, tuple[str, ...]]  # normalised questions, zone names removed


@dataclass(frozen=True)
class Postings:
    """Feature -> (entry, weight) lists in flat arrays, for fast scoring with numpy."""

    indptr: npt.NDArray[np.int64]
    docs: npt.NDArray[np.int32]
    bm25: npt.NDArray[np.float32]


class ZoneIndex:
    """Everything needed to answer questions from one knowledge base version."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.finder = ZoneFinder(kb)
        self.synonyms = SynonymTable.build(kb.synonyms)
        self._zh_names = {z: _zh_name_keys(kb, z) for z in kb.zones}
        self._latin_names = {z: _latin_name_keys(kb, z) for z in kb.zones}
        self.zone_ids = list(kb.zones)
        self.records: list[EntryRecord] = []
        docs: list[dict[str, float]] = []
        for zone in kb.zones.values():
            for entry in zone.entries:
                record, features = self._index_entry(zone.id, entry)
                self.records.append(record)
                docs.append(features)
        self.entry_zone = np.array(
            [self.zone_ids.index(r.zone_id) for r in self.records], dtype=np.int32
        )
        self.by_id = {(r.zone_id, r.entry.id): i for i, r in enumerate(self.records)}
        self._build_postings(docs)

    def strip_zone_names(self, normalized: str, zone_id: str) -> str:
        """Remove a zone's own names from a text, so matching looks at the topic."""
        for key in self._zh_names[zone_id]:
            normalized = normalized.replace(key, " ")
        latin = self._latin_names[zone_id]
        words = normalized.split(" ")
        kept = [w for w in words if not (_LATIN_RE.fullmatch(w) and _is_name_word(w, latin))]
        return " ".join(w for w in kept if w)

    def _index_entry(self, zone_id: str, entry: Entry) -> tuple[EntryRecord, dict[str, float]]:
        features: dict[str, float] = defaultdict(float)
        phrasings: dict[Lang, tuple[str, ...]] = {}
        for lang in ("zh", "en"):
            texts = [
                self.strip_zone_names(normalize(q), zone_id) for q in entry.questions.get(lang)
            ]
            phrasings[lang] = tuple(texts)
            for text in texts:
                text_features(text, self.synonyms, out=features)
        labels = [*entry.tags, *(entry.title.zh, entry.title.en)] if entry.title else entry.tags
        for label in labels:
            if label:
                text_features(normalize(label), self.synonyms, out=features)
        for answer in (entry.answer.zh, entry.answer.en):
            if answer:
                text = self.strip_zone_names(normalize(answer), zone_id)
                text_features(text, self.synonyms, weight=ANSWER_WEIGHT, out=features)
        return EntryRecord(zone_id, entry, phrasings), features

    def _build_postings(self, docs: list[dict[str, float]]) -> None:
        vocab: dict[str, int] = {}
        rows: dict[int, list[tuple[int, float]]] = defaultdict(list)
        lengths = np.array([sum(d.values()) for d in docs] or [1.0], dtype=np.float64)
        avg = float(lengths.mean()) or 1.0
        for doc_id, features in enumerate(docs):
            norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths[doc_id] / avg)
            for feature, tf in features.items():
                fid = vocab.setdefault(feature, len(vocab))
                rows[fid].append((doc_id, tf * (BM25_K1 + 1) / (tf + norm)))
        n_docs = max(len(docs), 1)
        self.vocab = vocab
        self.max_idf = math.log(1 + n_docs / 0.5)
        self.idf = np.zeros(len(vocab), dtype=np.float32)
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        flat_docs: list[int] = []
        flat_weights: list[float] = []
        for fid in range(len(vocab)):
            postings = rows[fid]
            idf = math.log(1 + (n_docs - len(postings) + 0.5) / (len(postings) + 0.5))
            self.idf[fid] = idf
            flat_docs.extend(d for d, _ in postings)
            flat_weights.extend(w * idf for _, w in postings)
            indptr[fid + 1] = len(flat_docs)
        self.postings = Postings(
            indptr,
            np.array(flat_docs, dtype=np.int32),
            np.array(flat_weights, dtype=np.float32),
        )
        self.known_chars = {f[1:] for f in vocab if f.startswith("c")}

    def score(
        self, features: dict[str, float]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Return every entry's BM25 score and its coverage of the question's features."""
        n = len(self.records)
        known = [(self.vocab[f], w) for f, w in features.items() if f in self.vocab]
        if not known:
            return np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.float32)
        p = self.postings
        slices = [(p.indptr[fid], p.indptr[fid + 1], fid, w) for fid, w in known]
        docs = np.concatenate([p.docs[a:b] for a, b, _f, _w in slices])
        bm25 = np.concatenate([p.bm25[a:b] * w for a, b, _f, w in slices])
        cover = np.concatenate(
            [np.full(b - a, self.idf[fid] * w, dtype=np.float32) for a, b, fid, w in slices]
        )
        scores = np.bincount(docs, weights=bm25, minlength=n).astype(np.float32)
        covered = np.bincount(docs, weights=cover, minlength=n).astype(np.float32)
        return scores, covered / max(self.feature_mass(features), 1e-6)

    def feature_mass(self, features: dict[str, float]) -> float:
        """Weigh a question's features by how telling they are; unseen ones weigh most."""
        total = 0.0
        for feature, weight in features.items():
            fid = self.vocab.get(feature)
            if fid is not None:
                total += float(self.idf[fid]) * weight
            elif feature[0] in "bp" and self._junction(feature):
                total += 0.25 * self.max_idf * weight
            else:
                total += self.max_idf * weight
        return total

    def _junction(self, feature: str) -> bool:
        """Tell whether an unseen bigram is just two known characters side by side."""
        if feature[0] == "b":
            return all(ch in self.known_chars for ch in feature[1:])
        return True


def _zh_name_keys(kb: KnowledgeBase, zone_id: str) -> list[str]:
    keys = [k for k, kind in chinese_zone_keys(kb.zones[zone_id]) if kind != "entity"]
    return sorted(set(keys), key=len, reverse=True)


def _latin_name_keys(kb: KnowledgeBase, zone_id: str) -> list[str]:
    return [k for k, kind in latin_zone_keys(kb.zones[zone_id]) if kind != "entity"]


def _is_name_word(word: str, latin_keys: list[str]) -> bool:
    """Tell whether a latin word is (part of) one of the zone's latin names."""
    return len(word) >= 4 and any(word in key for key in latin_keys)


def build_index(kb: KnowledgeBase) -> ZoneIndex:
    """Build the search index for a knowledge base."""
    return ZoneIndex(kb)
