"""Turn normalised text into weighted matching features: characters, pinyin, words, synonyms.

A feature is one 64-bit integer: its kind in the high bits, then the character codes, the
pinyin syllable numbers or the number of a word. Whole knowledge bases are encoded at once
with numpy, which keeps loading fast; a question goes through the same code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from bot.search.textnorm import (
    CJK_RE,
    PINYIN_FIRST,
    alternation,
    char_pinyin_table,
    normalize_all,
    split_pinyin,
)


def _function_words() -> list[str]:
    """The general list of words that carry no topic (bot/data/function_words.txt)."""
    text = resources.files("bot").joinpath("data/function_words.txt").read_text(encoding="utf-8")
    return [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]


FUNCTION_WORDS = _function_words()


def _frame_words() -> frozenset[str]:
    """The asker's frame words (bot/data/frame_words.txt): beside another content word of a
    question they never count against an entry (规划 of 规划几层, "programme")."""
    text = resources.files("bot").joinpath("data/frame_words.txt").read_text(encoding="utf-8")
    words = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    return frozenset(words) | {w.replace("-", " ") for w in words}  # "set up" of "set-up"


FRAME_WORDS = _frame_words()
# Words that carry no topic: question words, particles, politeness, generic zone words.
STOP_PHRASES_ZH = sorted(
    """请问 请教 想问 想知道 想了解 我想 了解 告诉我 介绍 一下 说说 讲讲 聊聊 能不能
    可不可以 可以 是不是 是否 有没有 有无 有哪些 有什么 有多少 有多大 有多 哪些 哪个
    哪家 哪里 什么样 什么 怎么样 怎么 怎样 如何 多少 几个 多久 多长 为什么 具体 大概
    大约 主要 情况 目前 现在 那个 这个 你们 我们 他们 园区 高新区 开发区 产业园
    吗 呢 吧 啊 呀 嘛 哦 的 了 么 和 与 及 或 呗""".split()
    + [w for w in FUNCTION_WORDS if not w.isascii()],
    key=len,
    reverse=True,
)


def _zone_kind_acronyms() -> list[str]:
    """The one-word English forms of kinds of zone (HTZ, ETDZ): beside a zone's name they name
    it, never a topic (bot/data/zone_kinds_en.txt)."""
    text = resources.files("bot").joinpath("data/zone_kinds_en.txt").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    forms = (form.strip() for line in lines for form in line.partition(":")[2].split(";"))
    return [form for form in forms if form.isalpha() and len(form) <= 5]


EN_STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or is are was were be been do does did
    what which who whom whose when where why how much many any some there this that these those
    it its it's i me my we our you your they their can could would should will shall may might
    please tell about give gives given get has have had zone zones park parks area's
    high-tech hi-tech high tech hitech hightech tek hi-tek development industrial""".split()
    + [w for w in FUNCTION_WORDS if w.isascii()]
    + _zone_kind_acronyms()
)


@cache
def pinyin_stop_words() -> frozenset[str]:
    """The Chinese stop phrases spelt in pinyin (duoshao, shenme): in pinyin they ask nothing."""
    table = char_pinyin_table()
    spelt = ("".join(table.get(ch, "?") for ch in phrase) for phrase in STOP_PHRASES_ZH)
    return frozenset(word for word in spelt if "?" not in word)


def strip_pinyin_stops(text: str) -> str:
    """Drop the stop phrases of a pinyin text, typed as one word or syllable by syllable."""
    stops, tokens, kept = pinyin_stop_words(), text.split(), []
    at = 0
    while at < len(tokens):
        size = next((n for n in (3, 2, 1) if "".join(tokens[at : at + n]) in stops), 0)
        if size:
            at += size
        else:
            kept.append(tokens[at])
            at += 1
    return " ".join(kept)


KIND_SHIFT = 40
CHAR, BIGRAM, PINYIN, WORD, SYNONYM = 1, 2, 3, 4, 5
KIND_WEIGHT = {CHAR: 0.3, BIGRAM: 1.0, PINYIN: 0.7, WORD: 1.0, SYNONYM: 1.2}
UNSEEN_WORD_BASE = 1 << 39  # word numbers from here on were never seen in the knowledge base
CHUNK = 500  # texts encoded together
FEATURE_BITS = 43  # a feature (kind and value) fits below bit 43
DOC_BITS = 20  # so (feature, document) pairs pack into one int64: up to 2**20 documents

_CJK_RUN_RE = re.compile(r"[\u3400-\u9fff]+")
_TOKEN_OR_BREAK_RE = re.compile(r"[a-z][a-z'-]*|\d+(?:\.\d+)?|\n")
_BRITISH = {"centre": "center", "centres": "centers", "programme": "program", "metre": "meter",
            "metres": "meters", "licence": "license"}  # fmt: skip

Int64s = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Float32s = npt.NDArray[np.float32]


@lru_cache(maxsize=65536)  # bounded: askers can type any number of different words
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


_KIND_WEIGHTS = np.array([KIND_WEIGHT.get(kind, 0.0) for kind in range(8)])


def kind_weights(features: Int64s) -> Floats:
    """Weigh features by kind: a lone character says little, a synonym group a lot."""
    weights: Floats = _KIND_WEIGHTS[kind_of(features)]
    return weights


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


@cache
def _syllable_numbers() -> dict[str, int]:
    """Each Chinese character's syllable number, as _syllables() looks it up by code."""
    _lookup, numbers = _syllables()
    return {ch: numbers[syllable] for ch, syllable in char_pinyin_table().items()}


def _by_first_character(words: list[str]) -> str:
    """Any of the words, longest first, as one group per first character: 的(?:特点|...)|...

    The same matches as a flat alternation, but at a common character (的, 有) the regex
    engine tries that character's few words instead of every word: 9x faster at 300 words.
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


# "How many" with its measure word (有多少家, 几个): the measure word says nothing of the topic.
_MEASURE_WORDS = "家个项所座栋期名位条次只台套间处批"
# Every branch starts with a fixed character, so the regex engine skips to those characters:
# an optional first character (有?) would make it try every branch at every position.
_STOP_RE = re.compile(
    "|".join(f"{head}[{_MEASURE_WORDS}]" for head in ("有多少", "有几", "多少", "几"))
    + f"|{_by_first_character(STOP_PHRASES_ZH)}"
    + "|是(?=[在由从])"  # the 是…的 frame (是在哪个省的, 是由谁建的): 是 asks nothing, 在 may
)


def _whole_words(phrases: list[str]) -> str:
    """A regex for any of the phrases between non-letters, longest first.

    Grouped by first letter, as _by_first_character does: at a letter the regex engine
    tries only the phrases starting with it.
    """
    groups: dict[str, list[str]] = {}
    for phrase in sorted(set(phrases), key=len, reverse=True):
        first = re.escape(phrase[0])
        groups.setdefault(first, []).append(rf"(?<![a-z]{first}){re.escape(phrase[1:])}(?![a-z])")
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items()) or r"(?!x)x"


# Function phrases long enough to hold a content word (记者核实 holds 记者)
_FUNCTION_PHRASES_RE = re.compile(
    _by_first_character([w for w in FUNCTION_WORDS if not w.isascii() and len(w) >= 3])
)


def strip_function_phrases(normalized: str) -> str:
    """Replace the longer function phrases by spaces: the words inside them ask nothing."""
    return _FUNCTION_PHRASES_RE.sub(" ", normalized)


def strip_stop_phrases(normalized: str) -> str:
    """Replace question words and particles by spaces, so they form no bigrams."""
    return _STOP_RE.sub(" ", normalized)


@dataclass(frozen=True)
class Encoded:
    """Features of several texts: one row per (text, feature), with its weighted count."""

    doc: Int64s
    feature: Int64s
    weight: Float32s
    first_text: Int64s  # the first of the document's texts holding the feature (0: questions)

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
        self._zh_synonyms, self._en_synonyms = _Groups(zh), _Groups(en)
        self.synonym_words = frozenset(word for member in en for word in member.split())
        self._zh_pattern = re.compile(rf"\n|{alternation(list(zh)).pattern}")
        self._en_pattern = re.compile(rf"\n|{_whole_words(list(en))}")

    def en_phrases(self, stems: str) -> list[tuple[str, int]]:
        """The English synonym members of several words in a stemmed text, with their groups."""
        return [(m, self._en_synonyms[m]) for m in self._en_pattern.findall(stems) if " " in m]

    def zh_members(self, text: str) -> list[str]:
        """The Chinese synonym members a normalised text holds."""
        return [m for m in self._zh_pattern.findall(text) if m != "\n"]

    def encode(
        self,
        texts: list[str],
        *,
        weights: tuple[float, ...] = (1.0,),
        learn: bool = False,
        pinyin_words: bool = False,
    ) -> Encoded:
        """Encode normalised texts (no line breaks inside); `learn` adds new words.

        Each run of len(weights) texts is one document, its texts weighed in turn: an
        entry is its questions and its answer. Rows come out sorted by (document, feature).
        """
        per_chunk = CHUNK * len(weights)
        pieces = [
            self._encode_chunk(texts[i : i + per_chunk], weights, learn, pinyin_words, i)
            for i in range(0, max(len(texts), 1), per_chunk)
        ]
        return Encoded(
            np.concatenate([p.doc for p in pieces]),
            np.concatenate([p.feature for p in pieces]),
            np.concatenate([p.weight for p in pieces]),
            np.concatenate([p.first_text for p in pieces]),
        )

    def encode_one(self, text: str, *, pinyin_words: bool = False) -> Encoded:
        """Encode one normalised text as encode([text]) does, in plain Python.

        A question has a few dozen features: numpy's cost per call, paid some forty times
        over in encode(), was most of a question's encoding.
        """
        if "\n" in text:
            return self.encode([text], pinyin_words=pinyin_words)
        counts: dict[int, int] = {}
        for feature in self._chinese_one(strip_stop_phrases(text)):
            counts[feature] = counts.get(feature, 0) + 1
        tokens = _TOKEN_OR_BREAK_RE.findall(text)
        if pinyin_words:
            words = self._pinyin_tokens(tokens)[1].tolist()
        else:
            numbers = _WordNumbers(self.words, learn=False)
            words = [(WORD << KIND_SHIFT) | n for n in map(numbers.__getitem__, tokens) if n >= 0]
        for feature in words:
            counts[feature] = counts.get(feature, 0) + 1
        groups = {self._zh_synonyms[m] for m in self._zh_pattern.findall(text)}
        stems = " ".join(map(stem, tokens))
        groups.update(self._en_synonyms[m] for m in self._en_pattern.findall(stems))
        for group in groups:
            if group >= 0:
                counts[(SYNONYM << KIND_SHIFT) | group] = 1
        features = sorted(counts)
        weights = [counts[f] * 1.0 * KIND_WEIGHT.get(f >> KIND_SHIFT, 0.0) for f in features]
        zeros = np.zeros(len(features), dtype=np.int64)
        return Encoded(
            zeros, np.array(features, dtype=np.int64), np.array(weights, np.float32), zeros.copy()
        )

    @staticmethod
    def _chinese_one(text: str) -> list[int]:
        """What _chinese() finds in one text: characters, bigrams and pinyin bigrams."""
        sounds = _syllable_numbers()
        out: list[int] = []
        previous = ""
        for ch in text:
            if not "\u3400" <= ch <= "\u9fff":
                previous = ""
                continue
            code = ord(ch)
            out.append((CHAR << KIND_SHIFT) | code)
            if previous:
                out.append((BIGRAM << KIND_SHIFT) | (ord(previous) << 20) | code)
                first, second = sounds.get(previous, 0), sounds.get(ch, 0)
                if first and second:
                    out.append((PINYIN << KIND_SHIFT) | (first << 16) | second)
            previous = ch
        return out

    def _encode_chunk(
        self,
        texts: list[str],
        weights: tuple[float, ...],
        learn: bool,
        pinyin_words: bool,
        first_text: int,
    ) -> Encoded:
        """Encode a slice of whole documents; slices keep numpy's scratch arrays small."""
        joined = "\n".join(texts)
        tokens = _TOKEN_OR_BREAK_RE.findall(joined)
        numbers = _WordNumbers(self.words, learn=learn)
        parts = [
            self._chinese(strip_stop_phrases(joined)),
            self._tokens(tokens, numbers, pinyin_words=pinyin_words),
            self._synonyms(joined, numbers.stems(tokens)),
        ]
        line = np.concatenate([p[0] for p in parts])
        feature = np.concatenate([p[1] for p in parts])
        return _add_up(line, feature, weights, first_text // len(weights))

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

    def _tokens(
        self, tokens: list[str], numbers: _WordNumbers, *, pinyin_words: bool
    ) -> tuple[Int64s, Int64s]:
        """English words and numbers (or, for a pinyin question, its pinyin bigrams)."""
        if pinyin_words:
            return self._pinyin_tokens(tokens)
        codes = _int64s(map(numbers.__getitem__, tokens), len(tokens))
        docs = np.cumsum(codes == _BREAK)
        keep = codes >= 0
        return docs[keep], (WORD << KIND_SHIFT) | codes[keep]

    def _pinyin_tokens(self, tokens: list[str]) -> tuple[Int64s, Int64s]:
        """A pinyin question's syllable pairs, plus its numbers as words."""
        words = [t for t in tokens if t.isalpha()]
        pairs = self._pinyin_pairs([stem(w) for w in words])
        numbers = [self.words.get(t, -1) for t in tokens if t[0].isdigit()]
        features = pairs + [(WORD << KIND_SHIFT) | n for n in numbers if n >= 0]
        return np.zeros(len(features), dtype=np.int64), np.array(features, dtype=np.int64)

    @staticmethod
    def _pinyin_pairs(words: list[str]) -> list[int]:
        _lookup, numbers = _syllables()
        syllables = [
            numbers.get(s, 0) for w in words for s in (split_pinyin(w, min_letters=2) or ())
        ]
        return [(PINYIN << KIND_SHIFT) | (a << 16) | b for a, b in pairwise(syllables) if a and b]

    def _synonyms(self, text: str, stems: str) -> tuple[Int64s, Int64s]:
        """Synonym groups whose members occur, in Chinese or in (stemmed) English; once each."""
        docs, groups = [], []
        for members, found in (
            (self._zh_synonyms, self._zh_pattern.findall(text)),
            (self._en_synonyms, self._en_pattern.findall(stems)),
        ):
            codes = _int64s(map(members.__getitem__, found), len(found))
            docs.append(np.cumsum(codes == _BREAK)[codes >= 0])
            groups.append(codes[codes >= 0])
        pairs = np.unique((np.concatenate(docs) << 16) | np.concatenate(groups))
        return pairs >> 16, (SYNONYM << KIND_SHIFT) | (pairs & 0xFFFF)


def _add_up(line: Int64s, feature: Int64s, weights: tuple[float, ...], first_doc: int) -> Encoded:
    """Add up rows of (line, feature) per document: a line weighs its place in the document.

    Packing (document, feature, line in document) into one integer lets one plain sort
    group the rows; it is several times faster than np.unique with its inverse.
    """
    per_doc = len(weights)
    line_bits = (per_doc - 1).bit_length()
    keys = np.sort(
        ((line // per_doc) << (FEATURE_BITS + line_bits)) | (feature << line_bits) | line % per_doc
    )
    keys, counts = _runs(keys)
    if per_doc == 1:  # a question: its rows are added up already
        tf = counts * weights[0]
        first_text = np.zeros(len(keys), dtype=np.int64)
    else:
        text = keys & ((1 << line_bits) - 1)
        tf = counts * np.array(weights)[text]
        keys, starts = _runs(keys >> line_bits, starts=True)
        tf = np.add.reduceat(tf, starts) if len(starts) else tf
        first_text = text[starts]
    feature = keys & ((1 << FEATURE_BITS) - 1)
    doc = (keys >> FEATURE_BITS) + first_doc
    return Encoded(doc, feature, (tf * kind_weights(feature)).astype(np.float32), first_text)


def _runs(ordered: Int64s, *, starts: bool = False) -> tuple[Int64s, Int64s]:
    """The distinct values of a sorted array, with each one's count (or first index)."""
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    at = np.flatnonzero(first)
    return ordered[at], at if starts else np.diff(np.append(at, len(ordered)))


_BREAK = -2  # a line break between two texts, in lists of word or group numbers


def _int64s(numbers: Iterator[int], count: int) -> Int64s:
    return np.fromiter(numbers, dtype=np.int64, count=count)


class _Groups(dict[str, int]):
    """Synonym members to group numbers; a line break (or anything else) is a break."""

    def __missing__(self, member: str) -> int:
        return _BREAK


_SKIP = -1  # a stop word or a one-letter word


class _WordNumbers(dict[str, int]):
    """Number tokens through the vocabulary: known words, new ones when learning, else unseen."""

    def __init__(self, words: dict[str, int], *, learn: bool) -> None:
        super().__init__({"\n": _BREAK})
        self.words, self.learn, self.unseen = words, learn, 0
        self._stems = _Stems({"\n": "\n"})

    def __missing__(self, token: str) -> int:
        word = self._stems[token]
        number = self.words.get(word)
        if word in EN_STOPWORDS or len(word) < 2:
            number = _SKIP
        elif number is None and self.learn:
            number = self.words.setdefault(word, len(self.words))
        elif number is None:
            number = UNSEEN_WORD_BASE + self.unseen
            self.unseen += 1
        self[token] = number
        return number

    def stems(self, tokens: list[str]) -> str:
        """The tokens' stems, one space apart (line breaks kept), for English synonyms."""
        return " ".join(map(self._stems.__getitem__, tokens))


class _Stems(dict[str, str]):
    """Tokens' stems, each worked out once."""

    def __missing__(self, token: str) -> str:
        found = self[token] = stem(token)
        return found


def _state_firm_marks() -> re.Pattern[str]:
    """The marks of state-owned firms' names (bot/data/state_owned_firms.txt), as one pattern
    over an answer with its English in lower case: a Chinese mark not read across a word
    before or after it (全国网, 集中铁, 中国网络, 中铁路)."""
    text = resources.files("bot").joinpath("data/state_owned_firms.txt").read_text("utf-8")
    marks = [
        mark.strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
        for part in line.split("|")
        for mark in (part.split() if CJK_RE.search(part) else [part])
        if mark.strip()
    ]
    zh = sorted((m for m in marks if CJK_RE.search(m)), key=len, reverse=True)
    en = sorted((m.lower() for m in marks if not CJK_RE.search(m)), key=len, reverse=True)
    return re.compile(
        r"(?<![全集其中途])(?:" + "|".join(map(re.escape, zh)) + r")(?![络站页路轨间辆])"
        r"|\b(?:" + "|".join(map(re.escape, en)) + r")\b"
    )


STATE_FIRM_RE = _state_firm_marks()
# what an asker calls such a firm: an entry naming one is about a state-owned firm
STATE_OWNED_LABELS = ("SOE",)  # its other words, Chinese too: synonyms.yaml


def names_a_state_firm(text: str) -> bool:
    """Tell whether a text (an entry's answer) names a state-owned firm: "which SOE built
    it" is answered by the entry naming the builder."""
    return STATE_FIRM_RE.search(text.lower()) is not None  # its English marks in lower case
