"""Rank entries for a question: its topic without the zones' names, scored and sorted."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.search.decision import CANDIDATES, CROSS_POOL, PARTIAL_SORT_FROM, Candidate
from bot.search.features import FRAME_WORDS, Encoded, stem, strip_pinyin_stops
from bot.search.index import ZoneIndex, straddles
from bot.search.question import Question
from bot.search.zonefind import strip_names_with_tails

Scores = tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]  # every entry's BM25, coverage


def topic_features(index: ZoneIndex, q: Question, zone_ids: list[str]) -> tuple[str, Encoded]:
    """A question's topic without its zones' names, and the features its entries are scored by."""
    text = topic_of(index, q, zone_ids)
    return text, index.question_features(text, pinyin_words=q.pinyin)


_FRAME_ZH = sorted((w for w in FRAME_WORDS if not w.isascii()), key=len, reverse=True)
_FRAME_EN_RE = re.compile(
    r"\b(?:"
    + "|".join(sorted((re.escape(w) for w in FRAME_WORDS if w.isascii()), key=len, reverse=True))
    + r")\b"
)
_SOMETHING_RE = re.compile(r"[\u3400-\u9fff]{2}|[a-z]{3}")


def without_frame(index: ZoneIndex, topic: str, *, keep_if_empty: bool = True) -> str:
    """A topic without the asker's frame words (规划, 动作, 来抓, programme), for scoring.

    A frame word inside a longer word of the knowledge base (建设 of 建设内容) stays; so does
    the whole topic when nothing else is left, unless not `keep_if_empty`.
    """
    words = index.lexicon.words_in(topic)
    text = topic
    for frame in _FRAME_ZH:
        at = text.find(frame)
        while at >= 0:
            if not straddles(words, text, at, at + len(frame)):
                text = text[:at] + " " * len(frame) + text[at + len(frame) :]
            at = text.find(frame, at + 1)
    text = _FRAME_EN_RE.sub(" ", text)
    return text if _SOMETHING_RE.search(text) or not keep_if_empty else topic


def topic_of(index: ZoneIndex, q: Question, zone_ids: list[str]) -> str:
    """The question without its zones' names: what it asks about them."""
    text = q.norm
    for name in q.names:
        at = text.find(name) if name not in index.finder.zh_keys else -1  # only a slip may
        if at >= 0 and straddles(index.lexicon.words_in(text), text, at, at + len(name)):
            continue  # be read into a word (零碳产业集群): then it is that word
        text = _strip_misspelt_rest(index, text, name, zone_ids)
        text = strip_names_with_tails(text, [name])
    for slip in q.slips:  # a zone's latin name misspelt (quingdao) asks nothing
        text = re.sub(rf"\b{slip}\b", " ", text)
    for zone_id in zone_ids:
        text = index.strip_zone_names(text, zone_id)
    return strip_pinyin_stops(text) if q.pinyin else text


def _strip_misspelt_rest(index: ZoneIndex, text: str, name: str, zone_ids: list[str]) -> str:
    """Drop what follows a zone's short name when it is the rest of its full name, misspelt.

    "青岛新高区的…" is found by "青岛": "新高区" is 高新区 with a typo, not a topic.
    """
    at = text.find(name)
    if at < 0:
        return text
    after = at + len(name)
    while text[after : after + 1] == " ":  # 安阳光电 智能制造园: typed apart
        after += 1
    for zone_id in zone_ids:
        for key, kind in index.finder.zh_keys_of[zone_id]:
            rest = key[key.find(name) + len(name) :] if kind in ("name", "alias") else ""
            if name not in key or len(rest) < 3:
                continue
            for size in (len(rest) + 1, len(rest), len(rest) - 1):
                typed = text[after : after + size]
                if OSA.distance(typed, rest) <= 1 and not _cuts_a_word(index, text, after, size):
                    return text[:after] + " " + text[after + size :]
            for size in range(len(rest) - 2, 2, -1):  # 智能制造园: 智能制造产业园 shortened
                typed = text[after : after + size]
                if (
                    typed[-1:] == rest[-1]
                    and _is_subsequence(typed, rest)
                    and not _cuts_a_word(index, text, after, size)
                ):
                    return text[:after] + " " + text[after + size :]
    return text


def _cuts_a_word(index: ZoneIndex, text: str, at: int, size: int) -> bool:
    """Tell whether a span of the text cuts a word of the knowledge base (零碳产业集群)."""
    return straddles(index.lexicon.words_in(text), text, at, at + size)


def _is_subsequence(short: str, long: str) -> bool:
    """Tell whether `short` is `long` with some characters left out, in order."""
    chars = iter(long)
    return all(ch in chars for ch in short)


def rank_entries(
    index: ZoneIndex,
    q: Question,
    features: Encoded,
    topic: str,
    zone_id: str | None,
    scores: Scores | None = None,
    count: int = CANDIDATES,
) -> list[Candidate]:
    """Score the entries of `zone_id` (or all) and return the best `count`, best first.

    A caller ranking zone by zone passes every entry's `scores`, worked out once.
    """
    bm25, coverage = scores or index.score(features, zone_id)
    first, last = index.zone_ranges[zone_id] if zone_id else (0, len(bm25))
    top = first + _best(bm25[first:last], count)
    if q.lang == "en" and not q.pinyin:
        topic = " ".join(stem(w) for w in topic.split())
    chosen = top[bm25[top] > 0]  # indexed at once: numpy's cost per element is paid once
    picked: list[int] = chosen.tolist()
    fuzzy = _fuzzy_scores(index, q, picked, coverage, topic)
    covered: list[float] = coverage[chosen].tolist()
    candidates = [
        _candidate(index, i, c, f) for i, c, f in zip(picked, covered, fuzzy, strict=True)
    ]
    return sorted(candidates, key=lambda c: -c.score)


def _best(scores: npt.NDArray[np.float32], count: int = CANDIDATES) -> npt.NDArray[np.intp]:
    """The positions of the `count` highest scores, highest first.

    Of many (every entry of a national base), the best are picked out before they are
    sorted: sorting 50,000 scores for a dozen would cost more than the rest of the question.
    """
    if len(scores) <= PARTIAL_SORT_FROM:
        return np.argsort(-scores)[:count]
    picked = np.argpartition(-scores, count)[:count]
    return picked[np.argsort(-scores[picked])]


def _fuzzy_scores(
    index: ZoneIndex,
    q: Question,
    picked: list[int],
    coverage: npt.NDArray[np.float32],
    topic: str,
) -> list[float]:
    """Each picked entry's best fuzzy score of `topic` (stemmed for an English question)
    against its phrasings (0 for none): all entries' phrasings weighed in one C call."""
    if q.pinyin:
        return [100.0 * float(coverage[i]) for i in picked]
    english = q.lang == "en"
    scorer: Callable[..., float] = fuzz.token_set_ratio if english else fuzz.WRatio
    records = [index.records[i] for i in picked]
    groups = [r.stemmed_en if english else r.phrasings["zh"] for r in records]
    # Phrasings alike in several zones' entries are scored once.
    known = q.memo.fuzzy.setdefault((english, topic), {})
    missing = list(dict.fromkeys(p for group in groups for p in group if p not in known))
    if missing:
        scores = process.cdist([topic], missing, scorer=scorer, dtype=np.float64)[0].tolist()
        known.update(zip(missing, scores, strict=True))
    return [max(map(known.__getitem__, group), default=0.0) for group in groups]


def _candidate(index: ZoneIndex, i: int, coverage: float, fuzzy: float) -> Candidate:
    """Score one entry from its coverage of the question and its fuzzy score."""
    record = index.records[i]
    score = 100.0 * (0.7 * min(coverage, 1.0) + 0.3 * fuzzy / 100.0)
    return Candidate(record=record, score=round(score, 1), coverage=coverage, fuzzy=fuzzy)


def overview_of(index: ZoneIndex, zone_id: str) -> Candidate | None:
    """A zone's overview entry as a full-scoring candidate: for a question asking no topic."""
    record = index.overview[zone_id]
    if record is None:
        return None
    return Candidate(record=record, score=100.0, coverage=1.0, fuzzy=100.0)


def zones_of_best(
    index: ZoneIndex, bm25: npt.NDArray[np.float32], scope: list[str], pool: int = CROSS_POOL
) -> list[str]:
    """The zones of the best-scored entries: of thousands, those worth weighing one by one."""
    pool = min(pool, len(bm25) - 1)
    best = np.argpartition(-bm25, pool)[:pool]
    found = {index.records[int(i)].zone_id for i in best if bm25[i] > 0}
    return [z for z in scope if z in found]
