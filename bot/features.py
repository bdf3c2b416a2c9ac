"""Turn normalised text into weighted matching features: characters, pinyin, words, synonyms."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from bot.textnorm import char_pinyin, normalize, split_pinyin

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
_CJK_RUN_RE = re.compile(r"[\u3400-\u9fff]+")
_LATIN_RE = re.compile(r"[a-z][a-z'-]*")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


_BRITISH = {"centre": "center", "centres": "centers", "programme": "program", "metre": "meter",
            "metres": "meters", "licence": "license"}  # fmt: skip


def stem(word: str) -> str:
    """Fold an English word's spelling, plural and possessive endings."""
    word = word.removesuffix("'s").strip("'-")
    word = _BRITISH.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class SynonymTable:
    """Synonym groups, normalised once, for widening both questions and entries."""

    zh: tuple[tuple[str, int], ...]  # (normalised Chinese member, group)
    en: tuple[tuple[tuple[str, ...], int], ...]  # (stemmed English words, group)

    @classmethod
    def build(cls, groups: list[list[str]]) -> SynonymTable:
        """Normalise the members of each group."""
        zh: list[tuple[str, int]] = []
        en: list[tuple[tuple[str, ...], int]] = []
        for gid, group in enumerate(groups):
            for member in group:
                norm = normalize(member)
                if _CJK_RUN_RE.search(norm):
                    zh.append((norm.replace(" ", ""), gid))
                elif norm:
                    en.append((tuple(stem(w) for w in norm.split()), gid))
        zh.sort(key=lambda item: -len(item[0]))
        return cls(tuple(zh), tuple(en))

    def groups_in(self, compact: str, words: list[str]) -> set[int]:
        """Return the groups whose members occur in the text."""
        found = {gid for member, gid in self.zh if member in compact}
        joined = f" {' '.join(words)} "
        found.update(gid for member, gid in self.en if f" {' '.join(member)} " in joined)
        return found


def strip_stop_phrases(normalized: str) -> str:
    """Replace question words and particles by spaces, so they form no bigrams."""
    for phrase in STOP_PHRASES_ZH:
        if phrase in normalized:
            normalized = normalized.replace(phrase, " ")
    return normalized


def _add_cjk(run: str, weight: float, out: dict[str, float]) -> None:
    """Add character unigrams, bigrams and pinyin bigrams of one run of Chinese characters."""
    for ch in run:
        out["c" + ch] += 0.3 * weight
    for i in range(len(run) - 1):
        out["b" + run[i : i + 2]] += weight
    _add_pinyin([char_pinyin(ch) or ch for ch in run], 0.7 * weight, out)


def _add_pinyin(syllables: list[str], weight: float, out: dict[str, float]) -> None:
    """Add pinyin syllable bigrams, which survive homophone typos (高薪区 for 高新区)."""
    for i in range(len(syllables) - 1):
        out[f"p{syllables[i]}_{syllables[i + 1]}"] += weight


def text_features(
    normalized: str,
    synonyms: SynonymTable,
    *,
    weight: float = 1.0,
    latin_as_pinyin: bool = False,
    out: dict[str, float] | None = None,
) -> dict[str, float]:
    """Return a normalised text's features with their weights."""
    features: dict[str, float] = out if out is not None else defaultdict(float)
    words = [stem(w) for w in _LATIN_RE.findall(normalized)]
    for gid in synonyms.groups_in(normalized.replace(" ", ""), words):
        features[f"s{gid}"] += 1.2 * weight
    text = strip_stop_phrases(normalized)
    for run in _CJK_RUN_RE.findall(text):
        _add_cjk(run, weight, features)
    for number in _NUMBER_RE.findall(text):
        features["n" + number] += weight
    if latin_as_pinyin:
        syllables = [s for w in words for s in (split_pinyin(w) or ())]
        _add_pinyin(syllables, 0.7 * weight, features)
        return features
    for word in words:
        if word not in EN_STOPWORDS and len(word) > 1:
            features["w" + word] += weight
    return features
