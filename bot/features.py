"""Turn normalised text into weighted matching features: characters, pinyin, words, synonyms.

A feature is one 64-bit integer: its kind in the high bits, then the character codes, the
pinyin syllable numbers or the number of a word. Whole knowledge bases are encoded at once
with numpy, which keeps loading fast; a question goes through the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from bot.textnorm import PINYIN_FIRST, char_pinyin_table, normalize_all, split_pinyin

# Words that carry no topic: question words, particles, politeness, generic zone words.
STOP_PHRASES_ZH = sorted(
    """请问 请教 想问 想知道 想了解 我想 了解 告诉我 介绍 一下 能不能 可不可以 可以 是不是 是否
    有没有 有无 有哪些 有什么 有多少 有多大 有多 哪些 哪个 哪家 哪里 什么样 什么 怎么样 怎么
    怎样 如何 多少 几个 多久 多长 为什么 具体 大概 大约 目前 现在 那个 这个 你们 我们 他们
    园区 高新区 开发区 产业园 吗 呢 吧 啊 呀 嘛 哦 的 了 么 和 与 及 或 呗""".split(),
    key=len,
    reverse=True,
)
EN_STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or is are was were be been do does did
    what which who whom whose when where why how much many any some there this that these those
    it its it's i me my we our you your they their can could would should will shall may might
    please tell about give gives given get has have had zone zones park parks area's
    high-tech hi-tech high tech hitech development industrial""".split()
)

KIND_SHIFT = 40
CHAR, BIGRAM, PINYIN, WORD, SYNONYM = 1, 2, 3, 4, 5
KIND_WEIGHT = {CHAR: 0.3, BIGRAM: 1.0, PINYIN: 0.7, WORD: 1.0, SYNONYM: 1.2}
UNSEEN_WORD_BASE = 1 << 39  # word numbers from here on were never seen in the knowledge base
DOC_SHIFT = 43  # (document, feature) pairs pack as document << 43 | feature

_CJK_RUN_RE = re.compile(r"[\u3400-\u9fff]+")
_TOKEN_RE = re.compile(r"[a-z][a-z'-]*|\d+(?:\.\d+)?")
_BRITISH = {"centre": "center", "centres": "centers", "programme": "program", "metre": "meter",
            "metres": "meters", "licence": "license"}  # fmt: skip

Int64s = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@cache
def stem(word: str) -> str:
    """Fold an English word's spelling, plural and possessive endings."""
    word = word.removesuffix("'s").strip("'-")
    word = _BRITISH.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def kind_of(features: Int64s) -> Int64s:
    """Return the kind of each feature."""
    return features >> KIND_SHIFT


def kind_weights(features: Int64s) -> Floats:
    """Weigh features by kind: a lone character says little, a synonym group a lot."""
    table = np.zeros(8, dtype=np.float64)
    for kind, weight in KIND_WEIGHT.items():
        table[kind] = weight
    return table[kind_of(features)]


@cache
def _syllables() -> tuple[npt.NDArray[np.int64], dict[str, int]]:
    """Number every pinyin syllable and map each character code to its syllable's number."""
    table = char_pinyin_table()
    numbers = {s: i + 1 for i, s in enumerate(sorted(set(table.values())))}
    lookup = np.zeros(0xA000, dtype=np.int64)
    for ch, syllable in table.items():
        lookup[ord(ch)] = numbers[syllable]
    lookup[:PINYIN_FIRST] = 0
    return lookup, numbers


def _alternation(words: list[str]) -> re.Pattern[str]:
    """One regex matching any of the words, longest first (never matches when empty)."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)) or r"(?!x)x")


_STOP_RE = _alternation(STOP_PHRASES_ZH)


def strip_stop_phrases(normalized: str) -> str:
    """Replace question words and particles by spaces, so they form no bigrams."""
    return _STOP_RE.sub(" ", normalized)


@dataclass(frozen=True)
class Encoded:
    """Features of several texts: one row per occurrence, with its weight."""

    doc: Int64s
    feature: Int64s
    weight: Floats

    def __len__(self) -> int:
        return len(self.feature)


class FeatureSpace:
    """The vocabulary of words and synonym groups that texts are encoded in."""

    def __init__(self, synonym_groups: list[list[str]]) -> None:
        self.words: dict[str, int] = {}
        zh: dict[str, int] = {}
        en: dict[str, int] = {}
        for gid, group in enumerate(synonym_groups):
            for norm in normalize_all(group):
                if _CJK_RUN_RE.search(norm):
                    zh.setdefault(norm.replace(" ", ""), gid)
                elif norm:
                    en.setdefault(" ".join(stem(w) for w in norm.split()), gid)
        self._zh_synonyms, self._en_synonyms = zh, en
        self._zh_pattern = _alternation(list(zh))
        self._en_pattern = re.compile(rf"(?<![a-z])(?:{_alternation(list(en)).pattern})(?![a-z])")

    def encode(
        self,
        texts: list[str],
        *,
        weight: float = 1.0,
        learn: bool = False,
        pinyin_words: bool = False,
    ) -> Encoded:
        """Encode normalised texts (no line breaks inside); `learn` adds new words."""
        joined = "\n".join(texts)
        parts = [
            self._chinese(strip_stop_phrases(joined)),
            self._tokens(joined, learn=learn, pinyin_words=pinyin_words),
            self._synonyms(joined),
        ]
        doc = np.concatenate([p[0] for p in parts])
        feature = np.concatenate([p[1] for p in parts])
        return Encoded(doc, feature, kind_weights(feature) * weight)

    def _chinese(self, text: str) -> tuple[Int64s, Int64s]:
        """Characters, bigrams and pinyin bigrams of every run of Chinese characters."""
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        doc = np.cumsum(codes == 10) - (codes == 10)
        cjk = (codes >= 0x3400) & (codes <= 0x9FFF)
        pair = cjk[:-1] & cjk[1:]
        first, second = codes[:-1][pair], codes[1:][pair]
        lookup, _numbers = _syllables()
        syllable = lookup[np.where(cjk, codes, 0)]
        sounded = pair & (syllable[:-1] > 0) & (syllable[1:] > 0)
        docs = [doc[cjk], doc[:-1][pair], doc[:-1][sounded]]
        features = [
            (CHAR << KIND_SHIFT) | codes[cjk],
            (BIGRAM << KIND_SHIFT) | (first << 20) | second,
            (PINYIN << KIND_SHIFT) | (syllable[:-1][sounded] << 16) | syllable[1:][sounded],
        ]
        return np.concatenate(docs), np.concatenate(features)

    def _tokens(self, text: str, *, learn: bool, pinyin_words: bool) -> tuple[Int64s, Int64s]:
        """English words and numbers (or, for a pinyin question, its pinyin bigrams)."""
        docs: list[int] = []
        features: list[int] = []
        unseen: dict[str, int] = {}
        for doc, line in enumerate(text.split("\n")):
            tokens = [stem(t) for t in _TOKEN_RE.findall(line)]
            if pinyin_words:
                pairs = self._pinyin_pairs([t for t in tokens if t.isalpha()])
                features += pairs
                docs += [doc] * len(pairs)
                tokens = [t for t in tokens if not t.isalpha()]
            for token in tokens:
                if token in EN_STOPWORDS or len(token) < 2:
                    continue
                number = self.words.get(token)
                if number is None and learn:
                    number = self.words.setdefault(token, len(self.words))
                if number is None:
                    number = unseen.setdefault(token, UNSEEN_WORD_BASE + len(unseen))
                features.append((WORD << KIND_SHIFT) | number)
                docs.append(doc)
        return np.array(docs, dtype=np.int64), np.array(features, dtype=np.int64)

    @staticmethod
    def _pinyin_pairs(words: list[str]) -> list[int]:
        _lookup, numbers = _syllables()
        syllables = [numbers.get(s, 0) for w in words for s in (split_pinyin(w) or ())]
        return [(PINYIN << KIND_SHIFT) | (a << 16) | b for a, b in pairwise(syllables) if a and b]

    def _synonyms(self, text: str) -> tuple[Int64s, Int64s]:
        """Synonym groups whose members occur, in Chinese or in (stemmed) English."""
        docs: list[int] = []
        groups: list[int] = []
        for doc, line in enumerate(text.split("\n")):
            compact = line.replace(" ", "")
            found = [self._zh_synonyms[m] for m in self._zh_pattern.findall(compact)]
            if self._en_synonyms and any("a" <= ch <= "z" for ch in line):
                words = " ".join(stem(w) for w in _TOKEN_RE.findall(line))
                found += [self._en_synonyms[m] for m in self._en_pattern.findall(words)]
            groups += set(found)  # a group counts once
            docs += [doc] * len(set(found))
        features = (SYNONYM << KIND_SHIFT) | np.array(groups, dtype=np.int64)
        return np.array(docs, dtype=np.int64), features.astype(np.int64)
