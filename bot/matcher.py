"""Decide what a question asks for: one entry, a choice between candidates, or nothing known."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from bot.features import EN_STOPWORDS, Encoded, stem
from bot.index import ZoneIndex
from bot.models import Lang
from bot.textnorm import (
    CJK_RE,
    MAX_QUESTION_CHARS,
    detect_lang,
    is_traditional,
    latin_words,
    looks_like_pinyin,
    normalize,
)
from bot.zonefind import ZONE_SUFFIX_RE, ZoneMention, same_kind

ANSWER_SCORE = 52.0  # at or above: confident enough to answer
CLARIFY_SCORE = 42.0  # candidates at or above this may be offered when none is clear
ZONE_MARGIN = 6.0  # another zone this close to the best makes a zoneless question ambiguous
RIVAL_COVERAGE = 0.6  # ... and so does one whose entry covers this much of the question
TIE_MARGIN = 0.0  # two covering entries scored alike answer alike: ask which
ENTITY_REST_COVERAGE = 0.5  # what is asked about a named firm: this much must be covered
CANDIDATES = 12
CROSS_POOL = 48  # a national base's "which zones" weighs the zones of this many best entries
PARTIAL_SORT_FROM = 2000  # entries ranked at once from which the best are picked before sorting
Scores = tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]  # every entry's BM25, coverage
_CLAUSE_RE = re.compile(r"[，,。；;？?！!\n]+")
_NAME_RE = re.compile(r"\b[A-Z][a-z]{2,}\b")  # a capitalised word: maybe a name
_WORD_RE = re.compile(r"[A-Za-z]{3,}")
# Words that open a sentence without naming anything ("Describe the Golden Ten").
_SENTENCE_OPENERS = frozenset(
    """describe summarize summarise show list explain find compare provide share send okay ok
    thanks thank hmm hi hello hey yes yeah no so now then also well kindly let lets quick brief
    info information detail details regarding need want looking interested question questions
    more other another""".split()
)

Kind = Literal[
    "entry", "zones", "cross", "clarify", "unknown_topic", "unknown_place", "smalltalk", "nothing"
]

_GREETINGS = frozenset(
    "你好 您好 哈喽 嗨 在吗 在不在 谢谢 多谢 感谢 再见 拜拜 早上好 晚上好 下午好 好的 收到 嗯 哦 "
    "帮助 help hi hello hey thanks thank you thx bye goodbye ok okay yes no start morning "
    "你是谁 你是什么 你能做什么 你会什么 你能干什么 怎么用 你好吗 "  # about the bot itself
    "who what are is can do your name".split()
)
_CROSS_ZH = re.compile(
    r"(哪些|哪几个|哪几家|哪个|哪家|几个|什么|所有|全部|各个|各)(园区|开发区|高新区|产业园|地方)|"
    r"(园区|开发区|高新区|产业园)(都有|有|是)(哪些|哪几个|哪几家)"
)
_CROSS_EN = re.compile(
    r"\b(which|what|list|all|any|how many)\b(?: \w+){0,3}? (zones|parks|zone|park)\b"
)
_CROSS_WORDS = re.compile(
    r"哪些|哪几个|哪几家|哪个|哪家|几个|所有|全部|各个|园区|开发区|高新区|产业园|地方|列出|列举|知道|资料|你们|您们|你|您|"
    r"都能查|能查到|能查|查询|查到|公布了|公布|发布了|发布|披露了|披露|相关|有关|方面|的信息|"
    r"(?<![\u4e00-\u9fff])信息|数据(?![\u4e00-\u9fff])|"
    r"\b(which|what|list|all|any|how|many|zones|parks|zone|park|do|does|you|know|have|has|offer|"
    r"offers|there|are|is|of|the|a|with|can|get|give|gives|provide|provides)\b"
)
# "有" and "能" only as words of their own, left standing once the words above are gone:
# inside 新能源 or 有色金属 they are part of the topic.
_CROSS_VERBS = re.compile(r"(?:^|(?<= ))(?:能够|可以|能|有)")


@dataclass(frozen=True)
class Candidate:
    """One entry considered for a question, with its scores."""

    record: int  # index into ZoneIndex.records
    score: float  # 0..100
    coverage: float
    fuzzy: float


@dataclass(frozen=True)
class MatchResult:
    """The matcher's decision, before any wording."""

    kind: Kind
    lang: Lang
    traditional: bool
    score: float = 0.0
    zone_id: str | None = None
    candidates: tuple[Candidate, ...] = ()
    zones: tuple[str, ...] = ()  # for kind "zones" (listing) and "cross"
    unknown_place: str | None = None
    topic: str = ""  # the words a cross-zone question asks about
    place: str = ""  # the place a question named several zones by, or its unknown zone lies in
    context_used: bool = False
    notes: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Question:
    raw: str
    norm: str
    lang: Lang
    traditional: bool
    pinyin: bool
    names: tuple[str, ...] = ()  # how the question named its zones, typos included


def match_question(
    index: ZoneIndex, question: str, *, context_zone: str | None = None, lang: Lang | None = None
) -> MatchResult:
    """Match a question against the knowledge base; `context_zone` is the previous question's."""
    q = _read(question, lang)
    if not q.norm or _is_smalltalk(q.norm):
        return MatchResult("smalltalk", q.lang, q.traditional)
    mention = index.finder.find(q.norm)
    q = replace(q, names=mention.names)
    named = list(mention.zone_ids)
    unknown_place = mention.unknown_place or _other_kind_of_zone(index, q.norm, mention)
    if unknown_place and (not named or _places_only(index, mention)):
        return _unknown_place(index, q, mention, unknown_place)
    if _is_cross(q.norm) and len(named) != 1:
        if not named and mention.shared:  # "which zones in 青岛": the city is no topic
            return _cross(
                index, replace(q, norm=q.norm.replace(mention.shared_name, " ")), [*mention.shared]
            )
        return _cross(index, q, named)
    if len(named) > 1:
        return _several_zones(index, q, named)
    if named:
        found = _in_zone(index, q, named[0])
        if found.kind == "unknown_topic":
            return _one_clause(index, q, named[0]) or found
        return found
    if mention.shared:
        return _which_zone(index, q, mention, context_zone)
    if context_zone in index.kb.zones:
        return replace(_in_zone(index, q, context_zone), context_used=True)
    return _anywhere(index, q)


def _one_clause(index: ZoneIndex, q: _Question, zone_id: str) -> MatchResult | None:
    """Answer a long question from its one clause that asks something, if only one does.

    "我们正在比较几个地方，想了解一下<zone>的营业收入，有最新的吗": the other clauses hold no
    content word, and their characters should not count against the question.
    """
    clauses = [c for c in _CLAUSE_RE.split(q.raw) if c.strip()]
    if len(clauses) < 2:
        return None
    answers: list[MatchResult] = []
    for clause in clauses:
        part = _read(clause, q.lang)
        part = replace(part, names=index.finder.find(part.norm).names)
        topic, _features_of_clause = _features(index, part, [zone_id])
        result = _in_zone(index, part, zone_id)
        if result.kind == "entry":
            answers.append(result)
        elif index.lexicon.words(topic, english=part.lang == "en"):
            return None  # a clause asks something no entry answers
    if len(answers) != 1:
        return None
    return replace(answers[0], lang=q.lang, traditional=q.traditional)


def _places_only(index: ZoneIndex, mention: ZoneMention) -> bool:
    """Tell whether the question named its zones only by their city or province."""
    if all(kind == "city" for kind in mention.kinds):
        return True
    return len(mention.names) == len(mention.zone_ids) and all(
        name in index.places[zone_id]
        for name, zone_id in zip(mention.names, mention.zone_ids, strict=True)
    )


def _other_kind_of_zone(index: ZoneIndex, norm: str, mention: ZoneMention) -> str | None:
    """Name a zone of another kind in a known zone's place (山西 + 自贸区): one we lack.

    The place may be several zones' (青岛 with a 高新区 and a 经开区): none may be of that kind.
    """
    compact = norm.replace(" ", "")
    for name, zones in _places_named(index, mention):
        at = compact.find(name) + len(name)
        at += compact.startswith("的", at)  # 青岛的综合保税区
        kind = ZONE_SUFFIX_RE.match(compact, at)
        if kind and not any(same_kind(kind.group(0), index.zone_kinds[z]) for z in zones):
            return name + kind.group(0)
    return None


def _places_named(index: ZoneIndex, mention: ZoneMention) -> list[tuple[str, tuple[str, ...]]]:
    """The places a question named zones by, each with the zones that lie there."""
    places: list[tuple[str, tuple[str, ...]]] = [
        (name, (zone_id,))
        for name, zone_id in zip(mention.names, mention.zone_ids, strict=False)
        if name in index.places[zone_id]
    ]
    if mention.shared and all(mention.shared_name in index.places[z] for z in mention.shared):
        places.append((mention.shared_name, mention.shared))
    return places


def _unknown_place(
    index: ZoneIndex, q: _Question, mention: ZoneMention, unknown: str
) -> MatchResult:
    """A zone or place we lack; when it lies in a place we know zones of, say which."""
    near = next(((p, z) for p, z in _places_named(index, mention) if unknown.startswith(p)), None)
    place, zones = near or ("", ())
    return MatchResult(
        "unknown_place",
        q.lang,
        q.traditional,
        unknown_place=unknown,
        zones=zones,
        place=place,
    )


def _which_zone(
    index: ZoneIndex, q: _Question, mention: ZoneMention, context_zone: str | None
) -> MatchResult:
    """Ask which zone a question means that names several alike (a city with several zones).

    Each zone's entry for the topic is offered where it has one; else the zones themselves.
    """
    zones = list(mention.shared)
    if context_zone in zones:
        return replace(_in_zone(index, q, context_zone), context_used=True)
    topic, features = _features(index, q, zones)
    picks: list[Candidate] = []
    if features:
        scores = index.score(features)
        for zone_id in zones:
            ranked = _rank(index, q, features, topic, zone_id, scores)
            best = _covering(index, q, topic, ranked, zone_id)
            if best is not None:
                picks.append(best)
    score = max((c.score for c in picks), default=0.0)
    return MatchResult(
        "clarify",
        q.lang,
        q.traditional,
        score,
        None,
        tuple(picks),
        tuple(zones),
        place=mention.shared_name,
    )


def _read(question: str, preferred: Lang | None) -> _Question:
    raw = question[: MAX_QUESTION_CHARS * 2].strip()  # the prefix normalize() reads
    norm = normalize(raw)
    lang = detect_lang(raw, norm) or preferred or "zh"
    pinyin = not CJK_RE.search(norm) and looks_like_pinyin(norm)
    return _Question(raw, norm, lang, is_traditional(raw), pinyin)


def _is_smalltalk(norm: str) -> bool:
    words = norm.split()
    if not CJK_RE.search(norm) and not latin_words(norm):
        return True
    compact = norm.replace(" ", "")
    return compact in _GREETINGS or (bool(words) and all(w in _GREETINGS for w in words))


def _is_cross(norm: str) -> bool:
    return bool(_CROSS_ZH.search(norm.replace(" ", "")) or _CROSS_EN.search(norm))


def _features(index: ZoneIndex, q: _Question, zone_ids: list[str]) -> tuple[str, Encoded]:
    text = q.norm
    for name in q.names:
        text = text.replace(name, " ")
    for zone_id in zone_ids:
        text = index.strip_zone_names(text, zone_id)
    return text, index.question_features(text, pinyin_words=q.pinyin)


def _rank(
    index: ZoneIndex,
    q: _Question,
    features: Encoded,
    topic: str,
    zone_id: str | None,
    scores: Scores | None = None,
) -> list[Candidate]:
    """Score the entries of `zone_id` (or all) and return the best candidates, best first.

    A caller ranking zone by zone passes every entry's `scores`, worked out once.
    """
    bm25, coverage = scores or index.score(features, zone_id)
    first, last = index.zone_ranges[zone_id] if zone_id else (0, len(bm25))
    top = first + _best(bm25[first:last])
    if q.lang == "en" and not q.pinyin:
        topic = " ".join(stem(w) for w in topic.split())
    candidates = [
        _candidate(index, q, int(i), float(coverage[i]), topic) for i in top if bm25[i] > 0
    ]
    return sorted(candidates, key=lambda c: -c.score)


def _best(scores: npt.NDArray[np.float32]) -> npt.NDArray[np.intp]:
    """The positions of the CANDIDATES highest scores, highest first.

    Of many (every entry of a national base), the best are picked out before they are
    sorted: sorting 50,000 scores for a dozen would cost more than the rest of the question.
    """
    if len(scores) <= PARTIAL_SORT_FROM:
        return np.argsort(-scores)[:CANDIDATES]
    picked = np.argpartition(-scores, CANDIDATES)[:CANDIDATES]
    return picked[np.argsort(-scores[picked])]


def _candidate(index: ZoneIndex, q: _Question, i: int, coverage: float, topic: str) -> Candidate:
    """Score one entry; `topic` is stemmed for an English question."""
    record = index.records[i]
    if q.pinyin:
        fuzzy = 100.0 * coverage
    elif q.lang == "en":
        fuzzy = max((fuzz.token_set_ratio(topic, p) for p in record.stemmed_en), default=0.0)
    else:
        fuzzy = max((fuzz.WRatio(topic, p) for p in record.phrasings["zh"]), default=0.0)
    score = 100.0 * (0.7 * min(coverage, 1.0) + 0.3 * fuzzy / 100.0)
    return Candidate(i, round(score, 1), coverage, fuzzy)


def _overview(index: ZoneIndex, zone_id: str) -> Candidate | None:
    first, last = index.zone_ranges[zone_id]
    for i in range(first, last):
        if index.records[i].entry.topic == "overview":
            return Candidate(i, 100.0, 1.0, 100.0)
    return None


def _in_zone(index: ZoneIndex, q: _Question, zone_id: str) -> MatchResult:
    topic, features = _features(index, q, [zone_id])
    if not features:
        overview = _overview(index, zone_id)
        if overview:
            return MatchResult("entry", q.lang, q.traditional, 100.0, zone_id, (overview,))
    ranked = _rank(index, q, features, topic, zone_id)
    best = _covering(index, q, topic, ranked, zone_id)
    if best and best.score >= ANSWER_SCORE:
        rest = ranked[ranked.index(best) + 1 :]
        runner_up = _covering(index, q, topic, rest, zone_id)
        if runner_up and runner_up.score >= best.score - TIE_MARGIN:
            tied = (best, runner_up)  # two entries answer it alike: ask which
            return MatchResult("clarify", q.lang, q.traditional, best.score, zone_id, tied)
        return MatchResult("entry", q.lang, q.traditional, best.score, zone_id, (best,))
    close = tuple(c for c in ranked[:4] if c.score >= CLARIFY_SCORE)
    if len(close) >= 2:
        return MatchResult("clarify", q.lang, q.traditional, close[0].score, zone_id, close)
    score = ranked[0].score if ranked else 0.0
    return MatchResult("unknown_topic", q.lang, q.traditional, score, zone_id, tuple(ranked[:5]))


def _covering(
    index: ZoneIndex, q: _Question, topic: str, ranked: list[Candidate], zone_id: str | None
) -> Candidate | None:
    """The best candidate that holds every content word of the question, if any does.

    A content word the entry lacks (人才 asked of a relocation subsidy) means the entry
    answers another question: answering with it would state a wrong fact.
    """
    if q.pinyin:
        return ranked[0] if ranked else None
    words = index.lexicon.words(topic, english=q.lang == "en")
    if zone_id:  # what is left of a misspelt zone name (安阳光电智能制造产园) asks nothing
        words = [w for w in words if w.text not in index.zone_name_text[zone_id]]
    rest = _rest_coverage(index, topic, zone_id)
    for candidate in ranked:
        if candidate.score < ANSWER_SCORE:
            return None
        if index.uncovered(candidate.record, words):
            continue
        if rest is None or rest[candidate.record] >= ENTITY_REST_COVERAGE:
            return candidate
    return None


def _rest_coverage(
    index: ZoneIndex, topic: str, zone_id: str | None
) -> npt.NDArray[np.float32] | None:
    """How well each entry covers what a question asks about a named firm or project.

    The firm's name alone matches its entry: "阿斯利康的房价" must not be answered with it.
    """
    if zone_id is None:
        return None
    rest = index.strip_entities(topic, zone_id)
    if rest == topic:
        return None
    features = index.question_features(rest)
    if not features:
        return None
    return index.score(features, zone_id)[1]


def _anywhere(index: ZoneIndex, q: _Question) -> MatchResult:
    if q.lang == "en" and not q.pinyin and _unknown_name(index, q.raw):
        return MatchResult("nothing", q.lang, q.traditional)  # about a place or firm we lack
    topic, features = _features(index, q, [])
    ranked = _rank(index, q, features, topic, None)
    if not ranked or ranked[0].score < CLARIFY_SCORE:
        score = ranked[0].score if ranked else 0.0
        return MatchResult("nothing", q.lang, q.traditional, score)
    best = ranked[0]
    words = [] if q.pinyin else index.lexicon.words(topic, english=q.lang == "en")
    per_zone: dict[str, Candidate] = {}
    for c in ranked:
        per_zone.setdefault(index.records[c.record].zone_id, c)
    rivals = [
        c
        for c in per_zone.values()
        if c.score >= CLARIFY_SCORE
        and (
            c.score >= best.score - ZONE_MARGIN
            or c.coverage >= RIVAL_COVERAGE
            or (words and not index.uncovered(c.record, words))
        )
    ]
    zone_id = index.records[best.record].zone_id
    if len(rivals) >= 2:
        return MatchResult("clarify", q.lang, q.traditional, best.score, None, tuple(rivals))
    chosen = _covering(index, q, topic, ranked[:1], None)
    if chosen:
        return MatchResult("entry", q.lang, q.traditional, chosen.score, zone_id, (chosen,))
    return MatchResult("nothing", q.lang, q.traditional, best.score)


def _unknown_name(index: ZoneIndex, raw: str) -> bool:
    """Tell whether an English question names something capitalised the knowledge base lacks.

    Detroit or Munich in a question that names no zone is another place: answering it from
    one of our zones would be a confident wrong answer.
    """
    words = _WORD_RE.findall(raw)
    if sum(w[0].isupper() for w in words) > 0.75 * len(words):
        return False  # Title Case: its capitals say nothing
    for match in _NAME_RE.finditer(raw):
        lower = match.group(0).lower()
        opens = raw[: match.start()].rstrip()[-1:] in ("", ".", "!", "?", ",", ";", ":")
        if opens and lower in _SENTENCE_OPENERS:
            continue
        known = index.knows_word(lower) or index.knows_word(stem(lower))
        if lower not in EN_STOPWORDS and not known:
            return True
    return False


def _several_zones(index: ZoneIndex, q: _Question, zones: list[str]) -> MatchResult:
    """Answer a question naming several zones with each zone's best entry."""
    topic, features = _features(index, q, zones)
    picks: list[Candidate] = []
    scores = index.score(features) if features else None
    for zone_id in zones:
        ranked = _rank(index, q, features, topic, zone_id, scores) if features else []
        if ranked and ranked[0].score >= CLARIFY_SCORE:
            picks.append(ranked[0])
        elif not features and (overview := _overview(index, zone_id)):
            picks.append(overview)
    if not picks:
        return MatchResult("unknown_topic", q.lang, q.traditional, 0.0, zones[0])
    score = min(c.score for c in picks)
    return MatchResult("zones", q.lang, q.traditional, score, None, tuple(picks), tuple(zones))


def _cross(index: ZoneIndex, q: _Question, named: list[str]) -> MatchResult:
    """Answer "which zones ..." from each zone's best entry and its industries."""
    scope = named or list(index.kb.zones)
    large = len(index.records) > PARTIAL_SORT_FROM
    topic_text = _CROSS_VERBS.sub(" ", _CROSS_WORDS.sub(" ", q.norm))
    topic, features = _features(
        index,
        _Question(q.raw, topic_text, q.lang, q.traditional, q.pinyin),
        named if large else scope,  # a national base: only the names the question holds
    )
    if not features:
        return MatchResult("zones", q.lang, q.traditional, 100.0, None, (), tuple(scope))
    picks: list[Candidate] = []
    scores = index.score(features)
    if large:
        scope = _zones_of_best(index, scores[0], scope)
    for zone_id in scope:
        ranked = _rank(index, q, features, topic, zone_id, scores)
        if ranked and ranked[0].score >= ANSWER_SCORE:
            picks.append(ranked[0])
    picks.sort(key=lambda c: -c.score)
    zones = tuple(index.records[c.record].zone_id for c in picks)
    score = picks[0].score if picks else 0.0
    shown = _as_written(q.raw) if q.lang == "en" and not q.pinyin else topic
    return MatchResult(
        "cross", q.lang, q.traditional, score, None, tuple(picks), zones, topic=shown
    )


def _zones_of_best(index: ZoneIndex, bm25: npt.NDArray[np.float32], scope: list[str]) -> list[str]:
    """The zones of the best-scored entries: of thousands, those worth weighing one by one."""
    pool = min(CROSS_POOL, len(bm25) - 1)
    best = np.argpartition(-bm25, pool)[:pool]
    found = {index.records[int(i)].zone_id for i in best if bm25[i] > 0}
    return [z for z in scope if z in found]


def _as_written(raw: str) -> str:
    """An English cross-zone question's topic as the asker wrote it ("R&D", not "rd")."""
    text = _CROSS_WORDS.sub(" ", raw.lower() if raw.isupper() else raw)
    text = re.sub(r"\b(?i:which|what|list|all|any|how|many|zones?|parks?)\b", " ", text)
    return " ".join(text.strip(" ?!.,;:？！。，").split()).strip(" ?!.,;:")


def rank_candidates(
    index: ZoneIndex, question: str, *, context_zone: str | None = None, within: str | None = None
) -> tuple[Candidate, ...]:
    """Score the entries a question is weighed against (or those of zone `within`), best first.

    For explaining a decision to editors; the decision itself is match_question's.
    """
    q = _read(question, None)
    mention = index.finder.find(q.norm)
    q = replace(q, names=mention.names)
    zones: list[str] = [within] if within else list(mention.zone_ids)
    if not zones and context_zone is not None and context_zone in index.kb.zones:
        zones = [context_zone]
    topic, features = _features(index, q, zones)
    if not features:
        return ()
    scores = index.score(features)
    scopes: list[str | None] = [*zones] or [None]
    ranked = [c for z in scopes for c in _rank(index, q, features, topic, z, scores)]
    return tuple(sorted(ranked, key=lambda c: -c.score))
