"""Decide what a question asks for: one entry, a choice between candidates, or nothing known."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.kb.models import Lang
from bot.search.features import (
    CHAR,
    EN_STOPWORDS,
    Encoded,
    kind_of,
    stem,
    strip_function_phrases,
    strip_pinyin_stops,
    strip_stop_phrases,
)
from bot.search.figures import Figure, asked_figures, gives_figure
from bot.search.index import YEAR_RE, ContentWord, EntryRecord, ZoneIndex, straddles
from bot.search.textnorm import (
    CJK_RE,
    MAX_QUESTION_CHARS,
    alternation,
    detect_lang,
    is_traditional,
    latin_words,
    looks_like_pinyin,
    normalize,
    normalize_all,
)
from bot.search.zonefind import (
    ZONE_SUFFIX_RE,
    ZoneMention,
    may_name,
    same_kind,
    strip_names_with_tails,
    zone_kinds_en,
)
from bot.search.zoneprofile import (
    days_given,
    days_named,
    kind_as_written,
    kinds_asked,
    of_kind,
    profile_holds,
    regions_named,
)

ANSWER_SCORE = 52.0  # at or above: confident enough to answer
CLARIFY_SCORE = 42.0  # candidates at or above this may be offered when none is clear
ZONE_MARGIN = 6.0  # another zone this close to the best makes a zoneless question ambiguous
RIVAL_COVERAGE = 0.6  # ... and so does one whose entry covers this much of the question
TIE_MARGIN = 0.0  # two covering entries scored alike answer alike: ask which
LABEL_MARGIN = 15.0  # ... or, this close, the one whose title or tags name the words asked
WRITTEN_SCORE = 98.0  # at or above: worded as an entry's written question
TYPO_COVERAGE = 0.8  # an answer covering less may have missed a misspelt word
ENTITY_REST_COVERAGE = 0.25  # what is asked about a named firm: this much must be covered
COMMON_WORD_SHARE = 0.5  # a content word held by more than half of all entries tells no topic
NEARLY_ALL = 0.9  # an entry holding this much of a question answers it despite one stray word
LEADER_SCORE = 40.0  # below the answer threshold, a candidate covering every content word
LEADER_MARGIN = 12.0  # ... and this far ahead of the next answers all the same
MIN_FIRM_TYPO_CHARS = 4  # a firm's name this long may be read through one typo
MAX_CLAUSES = 8  # a long question is read clause by clause up to this many
CANDIDATES = 12
CROSS_HOLD_SCORE = 25.0  # a cross question lists a zone whose entry this good holds every word
CROSS_POOL = 48  # a national base's "which zones" weighs the zones of this many best entries
RIVAL_POOL = 8  # a zoneless question on a large base weighs the zones of this many best entries
RIVAL_DEPTH = 3  # ... each zone by this many of its best entries
PARTIAL_SORT_FROM = 2000  # entries ranked at once from which the best are picked before sorting
Scores = tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]  # every entry's BM25, coverage
_CLAUSE_RE = re.compile(r"[，,。；;？?！!\n]+|\.(?=\s)")
_JOIN_RE = re.compile(r"以及|还有|和|与|及|、|\band\b|&")  # two topics asked together
_EN_KIND_RE = alternation(list(zone_kinds_en()))  # letters only: "freetradezone"
_EN_KINDS = frozenset(zone_kinds_en())
_EN_KIND_BEFORE_RE = re.compile(f"(?P<kind>{_EN_KIND_RE.pattern})(?:in|of|at|near)$")
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
    "entry",
    "zones",
    "cross",
    "clarify",
    "unknown_topic",
    "unknown_place",
    "smalltalk",
    "nothing",
    "not_given",
]

_FOUND = ("entry", "not_given")  # a clause that finds its entry, though it may lack the figure

_GREETINGS = frozenset(
    "你好 您好 哈喽 嗨 在吗 在不在 谢谢 多谢 感谢 再见 拜拜 早上好 晚上好 下午好 好的 收到 嗯 哦 "
    "帮助 help hi hello hey thanks thank you thx bye goodbye ok okay yes no start morning "
    "你是谁 你是什么 你能做什么 你会什么 你能干什么 怎么用 你好吗 "  # about the bot itself
    "who what are is can do your name".split()
)
_ACRONYM_RE = re.compile(r"\b[A-Z]{2,6}s?\b")
_POINTS_AT_A_ZONE = re.compile(  # "this zone", a bare kind several zones bear: which one?
    r"^(?:这个|这家|该|本|那个)?(?:园区|高新区|开发区|产业园)|(?:这个|该|本|那个)(?:园区|高新区|开发区|产业园)"
    r"|\b(?:this|that|the) (?:zone|park)\b"
    r"|(?<!\bis )(?<!\bare )\bthere\W*$"  # "how many companies are based there?"
)
_ASKS_RE = re.compile(  # a clause worded as a question
    r"吗|呢|多少|几|哪|什么|啥|怎么|如何|是否|有没有|能否|可否|\b(?:what|which|who|when|where|how|is|are"
    r"|does|do|can|could)\b"
)
_YES_NO_RE = re.compile(  # an English question asking whether: "does the park use ..."
    r"^(?:(?:hi|hello|hey|ok|okay|so|and|also|but|btw|please|sorry) )*"
    r"(?:does|do|did|is|are|was|were|can|could|has|have|will)\b"
)
_QUESTION_WORD_RE = re.compile(r"多|几|哪|在哪|how\b")  # 多大, 几个月, 哪个省, how big
_FIGURE_RE = re.compile(r"多少|几[个家名位项层年所座栋期人次亿万]|\bhow (?:much|many)\b")
_WHICH_RE = re.compile(r"哪|\b(?:which|what|list)\b")
_ALTERNATIVES_RE = re.compile(r"或者|或是|或|\bor\b")  # a cross question asking for either topic
_ABOUT_THE_ASKER = re.compile(  # a clause saying who asks: 我们是做…的, we are a … company
    r"(?:我们|我司|我方|本公司|我公司|咱们)(?:公司|企业|这边)?(?:是|做|主要做|从事)"
    r"|(?:we are|we're|we run|we make|our company|our firm|i am|i'm|i run)\b"
)
_ABOUT_THE_BOT = re.compile(r"(?:你|您)们?(?:是|叫|会)|(?:who |what )?(?:are|r) (?:you|u)\b")
_CROSS_ZH = re.compile(
    r"(哪些|哪几个|哪几家|哪个|哪家|几个|什么|所有|全部|各个|各)(园区|开发区|高新区|产业园|地方)|"
    r"(园区|开发区|高新区|产业园)(都有|有|是)(哪些|哪几个|哪几家)|"
    # 五个园区里哪几个…; 有没有做绿色低碳的园区
    r"(园区|开发区|高新区|产业园)(里|中|当中|之中)(哪些|哪几个|哪几家|哪个|哪家)|"
    r"有没有[^ ]{1,12}的(园区|开发区|高新区|产业园)|"
    # 五个园区分别在哪个省份; 每个园区的营收
    r"(园区|开发区|高新区|产业园)(分别|各自|各)|每个(园区|开发区|高新区|产业园)"
)
_CROSS_EN = re.compile(  # "the park" / "this zone" between them is one zone, not a choice
    r"\b(which|what|list|all|any|how many|each|every|across|among)\b"
    r"(?:(?: \w+){0,3}? (?:zones|parks)"
    r"|(?: (?!the\b|this\b|that\b|its\b|your\b)\w+){0,3}? (?:zone|park))\b"
)
_CROSS_WORDS = re.compile(
    r"哪些|这几个|这些|哪几个|哪几家|哪个|哪家|几个|所有|全部|各个|(?:园区|开发区|高新区|产业园)(?:里|当中|之中)?|"
    r"地方|列出|列举|知道|资料|你们|您们|你|您|"
    r"有没有|当中|之中|分别|各自|每个|各(?=[在有是])|[一二两三四五六七八九十\d]+个(?=园区|开发区|高新区|产业园)|"
    r"都能查|能查到|能查|查询|查到|公布了|公布|发布了|发布|披露了|披露|相关|有关|方面|的信息|"
    r"(?<![\u4e00-\u9fff])信息|数据(?![\u4e00-\u9fff])|"
    r"\b(which|what|list|all|any|each|every|across|among|how|many|zones|parks|zone|park|do|does|you|"
    r"know|have|has|offer|"
    r"offers|there|are|is|of|the|a|with|can|get|give|gives|provide|provides|cover|covers)\b"
)
# Words that ask to set zones side by side or rank them: they carry no topic of their own.
_COMPARE_WORDS = re.compile(
    r"比较一下|比较|对比一下|对比|相比|比一比|比一下|有什么区别|有何区别|区别|差别|差异|哪个好|谁更|"
    r"\b(compare|compared|comparison|versus|vs|difference|differences|between|against)\b",
    re.IGNORECASE,
)
_SUPERLATIVE = re.compile(
    r"最高|最大|最多|最低|最少|最小|最快|最强|排名|排第一|第一|"
    r"\b(highest|largest|biggest|most|lowest|least|smallest|fastest|top|rank|ranking)\b",
    re.IGNORECASE,
)
# "有" and "能" only as words of their own, left standing once the words above are gone:
# inside 新能源 or 有色金属 they are part of the topic.
_CROSS_VERBS = re.compile(r"(?:^|(?<= ))(?:能够|可以|能|有)")


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """One entry considered for a question, with its scores."""

    record: EntryRecord
    score: float  # 0..100
    coverage: float
    fuzzy: float


@dataclass(frozen=True, kw_only=True)
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
    ranking: bool = False  # a cross question asking which zone is highest: figures side by side
    context_used: bool = False
    notes: dict[str, float] = field(default_factory=dict)
    years: tuple[str, ...] = ()  # for kind "not_given": the years asked that the entry lacks
    figures: tuple[Figure, ...] = ()  # ... or the kinds of figure asked that it does not give


@dataclass
class _Memo:
    """What matching one question works out more than once: for several zones, or again."""

    fuzzy: dict[tuple[bool, str, str], float] = field(default_factory=dict)  # English? topic, text
    words: dict[tuple[str, bool], list[ContentWord]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Question:
    raw: str
    norm: str
    lang: Lang
    traditional: bool
    pinyin: bool
    names: tuple[str, ...] = ()  # how the question named its zones, typos included
    slips: tuple[str, ...] = ()  # latin words that named a zone misspelt (quingdao)
    memo: _Memo = field(default_factory=_Memo, compare=False, repr=False)


def match_question(
    index: ZoneIndex, question: str, *, context_zone: str | None = None, lang: Lang | None = None
) -> MatchResult:
    """Match a question against the knowledge base; `context_zone` is the previous question's."""
    q = _read(question, lang)
    result = _match(index, q, context_zone)
    if result.kind in ("entry", "unknown_place", "cross", "zones", "smalltalk"):
        return result
    if q.pinyin or q.lang != "zh" or not latin_words(q.norm):
        return result
    mixed = _from_pinyin(index, q, list(index.finder.find(q.norm).zone_ids))  # 安阳 chanyeyuan
    return mixed if mixed and mixed.kind == "entry" else result


def _match(index: ZoneIndex, q: _Question, context_zone: str | None) -> MatchResult:
    if not q.norm or _is_smalltalk(q.norm):
        return MatchResult(kind="smalltalk", lang=q.lang, traditional=q.traditional)
    mention = index.finder.find(q.norm)
    q = replace(q, names=mention.names, slips=mention.latin_slips)
    named = list(mention.zone_ids)
    if q.pinyin and named:
        in_chinese = _from_pinyin(index, q, named)
        if in_chinese and in_chinese.kind == "entry":
            return in_chinese
    unknown_place = mention.unknown_place or _other_kind_of_zone(index, q.norm, mention)
    if unknown_place and (not named or _places_only(index, mention)):
        return _unknown_place(index, q, mention, unknown_place)
    other_kind = _other_kind_of_zone_en(index, q, mention)
    if other_kind:
        return other_kind
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
        if found.kind in ("unknown_topic", "clarify"):
            return (
                _one_clause(index, q, named[0])
                or _misspelt(index, q, named[0])
                or _each_part(index, q, named[0])
                or found
            )
        if found.candidates[0].coverage >= TYPO_COVERAGE:
            return found
        apart = _each_part(index, q, named[0], _asked_apart(q.norm))
        if apart:  # "<zone>多少企业 营收又是多少": two figures asked, each its own entry
            return apart
        corrected = _misspelt(index, q, named[0])  # the question read through a typo fits better
        return corrected if corrected and corrected.score > found.score else found
    if mention.shared:
        return _which_zone(index, q, mention, context_zone)
    if _about_the_bot(q.norm):
        return MatchResult(kind="smalltalk", lang=q.lang, traditional=q.traditional)
    if context_zone is not None and context_zone in index.kb.zones:
        return replace(_in_zone(index, q, context_zone), context_used=True)
    return _anywhere(index, q)


def _one_clause(index: ZoneIndex, q: _Question, zone_id: str) -> MatchResult | None:
    """Answer a long question from the clause that asks something.

    "我们正在比较几个地方，想了解一下<zone>的营业收入，有最新的吗": the clause naming the zone
    with a topic of its own is what is asked, and decides alone (its topic unknown: no
    answer). When the zone's clause only names it ("we are looking at <zone>."), the one
    other clause that finds an entry answers, unless another one asks a known topic too.
    """
    clauses = [c for c in _CLAUSE_RE.split(q.raw) if c.strip()][:MAX_CLAUSES]
    if len(clauses) < 2:
        return None
    answers: list[MatchResult] = []
    asked_after = False  # a clause after the zone's, worded as a question, finds an entry
    focus: list[tuple[MatchResult, bool, int]] = []  # the zone's clauses: result, asks, place
    unanswered = False  # a clause asks a known topic that no entry answers
    for at, clause in enumerate(clauses):
        part = _read(clause, q.lang)
        mention = index.finder.find(part.norm)
        part = replace(part, names=mention.names, slips=mention.latin_slips)
        topic, features = _features(index, part, [zone_id])
        if not features:
            continue  # a greeting, or only the zone's name
        result = _in_zone(index, part, zone_id)
        asks = bool(_ASKS_RE.search(part.norm))
        if zone_id in mention.zone_ids and _has_topic(index, part, topic):
            focus.append((result, asks, at))
        elif result.kind in _FOUND:
            answers.append(result)
            asked_after = asked_after or (asks and bool(focus))
        elif index.lexicon.words(topic, english=part.lang == "en"):
            unanswered = True
    found = [f for f in focus if f[0].kind in _FOUND]
    if len(found) == 1 and not any(asks and r.kind not in _FOUND for r, asks, _ in focus):
        answers = [found[0][0]]  # the zone's clause that asks and answers decides
    elif len(focus) == 1 and not found and asked_after:
        # "<zone>对于…的项目，搬迁费用按什么比例补贴，最高多少": the zone's clause sets the scene
        # (or asks in other words); with the clauses after it, it asks about that zone
        _, asks, at = focus[0]
        joined = _read(" ".join(clauses[at if asks else at + 1 :]), q.lang)
        result = _in_zone(index, joined, zone_id)
        answers = [result] if result.kind in _FOUND else []
    elif focus:
        answers = []
    elif unanswered:
        return None
    if len(answers) != 1:
        return None
    return replace(answers[0], lang=q.lang, traditional=q.traditional)


def _has_topic(index: ZoneIndex, part: _Question, topic: str) -> bool:
    """Tell whether a clause asks about something besides naming its zone.

    "我们在看<zone>" or "we are looking at <zone>" only names it; two Chinese characters
    left once question words are gone, or an English word no sentence opens with, ask.
    """
    if index.lexicon.words(topic, english=part.lang == "en"):
        return True
    if len(CJK_RE.findall(strip_stop_phrases(topic))) >= 2:
        return True
    return any(w not in EN_STOPWORDS and w not in _SENTENCE_OPENERS for w in latin_words(topic))


def _misspelt(index: ZoneIndex, q: _Question, zone_id: str) -> MatchResult | None:
    """Answer a question whose topic word is misspelt (技培能训), read as the word it misses.

    Only a word the knowledge base labels or groups, one typo away, is put right; the
    corrected question must then be answered as any other.
    """
    if q.pinyin:
        return None
    topic = strip_stop_phrases(_topic(index, q, [zone_id]))
    corrected = index.lexicon.correct(topic) or _firm_corrected(index, topic, zone_id)
    if corrected is None:
        return None
    result = _in_zone(index, replace(q, norm=corrected, names=()), zone_id)
    return result if result.kind == "entry" else None


def _firm_corrected(index: ZoneIndex, text: str, zone_id: str) -> str | None:
    """The text with a misspelt name of the zone's firms or projects put right (康大复学).

    Names of four characters or more, one swapped, missing, extra or other character
    away, keeping their first or last character; the longest name that fits wins.
    """
    names = sorted(
        {n for n in index.kb.zones[zone_id].entities.zh if len(n) >= MIN_FIRM_TYPO_CHARS},
        key=len,
        reverse=True,
    )
    for name in names:
        if name in text:
            return None  # written right: nothing to correct
        size = len(name)
        for width in (size, size - 1, size + 1):
            for at in range(len(text) - width + 1):
                window = text[at : at + width]
                if (window[0] == name[0] or window[-1] == name[-1]) and OSA.distance(
                    window, name, score_cutoff=1
                ) <= 1:
                    return text[:at] + name + text[at + width :]
    return None


def _each_part(
    index: ZoneIndex, q: _Question, zone_id: str, parts: list[str] | None = None
) -> MatchResult | None:
    """Answer a question joining two topics ("企业数量和营收分别是多少") with an entry for each.

    Only when the question as a whole finds no entry (or `parts`, asked apart, are given),
    and every part finds its own.
    """
    if parts is None:
        parts = [p for p in _JOIN_RE.split(q.norm) if p.strip()]
    if not 2 <= len(parts) <= 3:
        return None
    picks: list[Candidate] = []
    for text in parts:
        part = replace(q, norm=text, names=index.finder.find(text).names)
        result = _in_zone(index, part, zone_id)
        topic = _topic(index, part, [zone_id])
        if result.kind != "entry" or not _has_topic(index, part, topic):
            return None
        picks.append(result.candidates[0])
    if len({c.record for c in picks}) < len(picks):
        return None
    score = min(c.score for c in picks)
    return MatchResult(
        kind="zones",
        lang=q.lang,
        traditional=q.traditional,
        score=score,
        zone_id=zone_id,
        candidates=tuple(picks),
        zones=(zone_id,),
    )


def _asked_apart(norm: str) -> list[str]:
    """The parts of a question asking two figures side by side, split where it is typed
    apart ("<zone>现在多少企业 22年营收又是多少"): each part asks for a figure."""
    pieces = norm.split()
    asking = [p for p in pieces if _FIGURE_RE.search(p)]
    return asking if len(asking) >= 2 else []


def _places_only(index: ZoneIndex, mention: ZoneMention) -> bool:
    """Tell whether the question named its zones only by their city or province."""
    if all(kind == "city" for kind in mention.kinds):
        return True
    return len(mention.names) == len(mention.zone_ids) and all(
        name in index.places[zone_id]
        for name, zone_id in zip(mention.names, mention.zone_ids, strict=True)
    )


def _other_kind_of_zone(index: ZoneIndex, norm: str, mention: ZoneMention) -> str | None:
    """Name a zone we lack in a known zone's place: another kind (山西 + 自贸区), or the
    city's plain name for a kind its known zone bears with a name of its own (太原高新区).

    The place may be several zones' (青岛 with a 高新区 and a 经开区): none may be of that kind.
    """
    compact = norm.replace(" ", "")
    for name, zones in _places_named(index, mention):
        at = compact.find(name) + len(name)
        at += compact.startswith("的", at)  # 青岛的综合保税区
        kind = ZONE_SUFFIX_RE.match(compact, at)
        if kind and not any(may_name(index.kb.zones[z], name, kind.group(0)) for z in zones):
            return name + kind.group(0)
    return None


def _other_kind_of_zone_en(
    index: ZoneIndex, q: _Question, mention: ZoneMention
) -> MatchResult | None:
    """Name a zone we lack that an English question names by a known city and another kind:
    "Qingdao Free Trade Zone" where the base knows only the Qingdao High-tech Zone.
    """
    if q.lang != "en" or q.pinyin:
        return None
    zones = list(dict.fromkeys([*mention.zone_ids, *mention.shared]))  # in mention order
    compact = re.sub(r"[^a-z]", "", q.norm)
    for zone_id in zones:
        for city, kind in index.finder.latin_keys_of[zone_id]:
            at = compact.find(city) if kind == "city" else -1
            if at < 0:
                continue
            own = [key for key, _ in index.finder.latin_keys_of[zone_id]]
            form = _english_kind_by(compact, at, at + len(city), own)
            if not form:
                continue
            chinese, written = zone_kinds_en()[form]
            here = [z for z in zones if (city, "city") in index.finder.latin_keys_of[z]]
            if not any(
                same_kind(chinese, index.zone_kinds[z]) or _shortens(index, z, written)
                for z in here
            ):
                return MatchResult(
                    kind="unknown_place",
                    lang=q.lang,
                    traditional=q.traditional,
                    unknown_place=f"{city.title()} {written.title()}",
                    zones=tuple(here),
                    place=city.title(),
                )
    return None


def _shortens(index: ZoneIndex, zone_id: str, written: str) -> bool:
    """Tell whether an English kind is a zone's own name cut short: every word of "economic
    zone" is in "Jinan Economic Development Zone", so "the Jinan Economic zone" is that zone.
    """
    zone = index.kb.zones[zone_id]
    words = set(written.split())
    return any(
        words <= set(latin_words(normalize(name)))
        for name in [zone.name.en or "", *zone.aliases.en]
    )


def _english_kind_by(compact: str, start: int, end: int, own: list[str]) -> str | None:
    """The English kind of zone right after a city (the "s" of "qingdao's" may stand between)
    or right before "in <city>" ("... Ecopark in Qingdao"), letters only; not when it ends
    one of the zone's own names (Hehuang New Area of Haidong)."""
    if any(compact.startswith(key, end) for key in own):
        return None
    found = _EN_KIND_RE.match(compact, end) or _EN_KIND_RE.match(compact, end + 1)
    if found:
        return found.group(0)
    before = _EN_KIND_BEFORE_RE.search(compact, 0, start)
    if not before or any(compact.endswith(key, 0, before.end("kind")) for key in own):
        return None
    return before.group("kind")


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
        kind="unknown_place",
        lang=q.lang,
        traditional=q.traditional,
        unknown_place=unknown,
        zones=zones,
        place=place,
    )


def _which_zone(
    index: ZoneIndex, q: _Question, mention: ZoneMention, context_zone: str | None
) -> MatchResult:
    """Ask which zone a question means that names several alike (a city with several zones).

    Each zone's entry for the topic is offered where it has one; else the zones themselves.
    When only one of them has an entry holding every word asked, the topic says which zone
    is meant: that zone answers.
    """
    zones = list(mention.shared)
    if context_zone in zones:
        return replace(_in_zone(index, q, context_zone), context_used=True)
    topic, features = _features(index, q, zones)
    picks: list[Candidate] = []
    if features:
        scores = index.score_zones(features, zones)
        for zone_id in zones:
            ranked = _rank(index, q, features, topic, zone_id, scores)
            # the zone holding the topic is meant, whether or not it gives the figure asked
            best = _covering(index, q, topic, ranked, zone_id, figured=False)
            if best is not None:
                picks.append(best)
    if len(picks) == 1:
        found = _in_zone(index, q, picks[0].record.zone_id)
        if found.kind in _FOUND:
            return found
    score = max((c.score for c in picks), default=0.0)
    return MatchResult(
        kind="clarify",
        lang=q.lang,
        traditional=q.traditional,
        score=score,
        candidates=tuple(picks),
        zones=tuple(zones),
        place=mention.shared_name,
    )


def _read(question: str, preferred: Lang | None) -> _Question:
    raw = question[: MAX_QUESTION_CHARS * 2].strip()  # the prefix normalize() reads
    norm = normalize(raw)
    lang = detect_lang(raw, norm) or preferred or "zh"
    pinyin = not CJK_RE.search(norm) and looks_like_pinyin(norm)
    return _Question(raw, norm, lang, is_traditional(raw), pinyin)


def _from_pinyin(index: ZoneIndex, q: _Question, named: list[str]) -> MatchResult | None:
    """Match a pinyin question as the Chinese it spells, when every word of it is known:
    the knowledge base's own words (rencai -> 人才) and the zone's name in pinyin."""
    text, left = index.lexicon.from_pinyin(strip_pinyin_stops(q.norm))
    keys = [key for zone_id in named for key, _ in index.finder.latin_keys_of[zone_id]]
    latin = [word for word in left if word.isascii()]
    if not named or text == q.norm or not all(any(w in key for key in keys) for w in latin):
        return None
    return match_question(index, text, lang=q.lang)


def _is_smalltalk(norm: str) -> bool:
    words = norm.split()
    if not CJK_RE.search(norm) and not latin_words(norm):
        return True
    compact = norm.replace(" ", "")
    return compact in _GREETINGS or (bool(words) and all(w in _GREETINGS for w in words))


def _about_the_bot(norm: str) -> bool:
    """Tell whether a question naming no zone asks about the bot itself (你是机器人吗)."""
    return bool(_ABOUT_THE_BOT.match(norm.replace(" ", "") if CJK_RE.search(norm) else norm))


def _is_cross(norm: str) -> bool:
    if _CROSS_ZH.search(norm.replace(" ", "")) or _CROSS_EN.search(norm):
        return True
    return bool(_WHICH_RE.search(norm) and kinds_asked(norm))  # 哪些是高新区


def _features(index: ZoneIndex, q: _Question, zone_ids: list[str]) -> tuple[str, Encoded]:
    text = _topic(index, q, zone_ids)
    return text, index.question_features(text, pinyin_words=q.pinyin)


def _topic(index: ZoneIndex, q: _Question, zone_ids: list[str]) -> str:
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


def _rank(
    index: ZoneIndex,
    q: _Question,
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
    picked = [int(i) for i in top if bm25[i] > 0]
    fuzzy = _fuzzy_scores(index, q, picked, coverage, topic)
    candidates = [
        _candidate(index, i, float(coverage[i]), f) for i, f in zip(picked, fuzzy, strict=True)
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
    q: _Question,
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
    known = q.memo.fuzzy  # phrasings alike in several zones' entries are scored once
    keys = [[(english, topic, p) for p in group] for group in groups]
    missing = list(dict.fromkeys(key for group in keys for key in group if key not in known))
    if missing:
        texts = [p for _english, _topic, p in missing]
        scores = process.cdist([topic], texts, scorer=scorer, dtype=np.float64)[0].tolist()
        known.update(zip(missing, scores, strict=True))
    return [max((known[key] for key in group), default=0.0) for group in keys]


def _candidate(index: ZoneIndex, i: int, coverage: float, fuzzy: float) -> Candidate:
    """Score one entry from its coverage of the question and its fuzzy score."""
    record = index.records[i]
    score = 100.0 * (0.7 * min(coverage, 1.0) + 0.3 * fuzzy / 100.0)
    return Candidate(record=record, score=round(score, 1), coverage=coverage, fuzzy=fuzzy)


def _overview(index: ZoneIndex, zone_id: str) -> Candidate | None:
    first, last = index.zone_ranges[zone_id]
    for i in range(first, last):
        if index.records[i].entry.topic == "overview":
            return Candidate(record=index.records[i], score=100.0, coverage=1.0, fuzzy=100.0)
    return None


def _in_zone(index: ZoneIndex, q: _Question, zone_id: str) -> MatchResult:
    def decided(kind: Kind, candidates: tuple[Candidate, ...], **extra: Any) -> MatchResult:
        score = candidates[0].score if candidates else 0.0
        return MatchResult(
            kind=kind,
            lang=q.lang,
            traditional=q.traditional,
            score=score,
            zone_id=zone_id,
            candidates=candidates,
            **extra,
        )

    topic, features = _features(index, q, [zone_id])
    if not features:
        overview = _overview(index, zone_id)
        if overview:
            return decided("entry", (overview,))
    ranked = _rank(index, q, features, topic, zone_id)
    covering = (
        _coverers(index, q, topic, ranked, zone_id)
        or _clear_leader(index, q, topic, ranked, zone_id)
        or _leader_missing_one_word(index, q, topic, ranked, zone_id)
    )
    years = tuple(sorted(set(YEAR_RE.findall(q.norm))))
    undated = (
        [] if covering or not years else _coverers(index, q, topic, ranked, zone_id, dated=False)
    )
    if undated:  # 2019年的营收 where the source gives 2022's: say so, and show what it gives
        return decided("not_given", (undated[0],), years=years)
    unfigured = _lacking_the_figure(index, q, topic, ranked, zone_id) if not covering else None
    if unfigured:  # 销售额多少钱 where the source gives only its growth: say so, show that
        return decided("not_given", (unfigured[0],), figures=unfigured[1])
    if covering:
        best, *tied = _about_the_words(index, q, topic, covering)
        if tied:  # two entries answer it alike: ask which
            return decided("clarify", (best, tied[0]))
        kind: Kind = "not_given" if _asks_what_is_not_given(q, best.record) else "entry"
        return decided(kind, (best,))
    pair = _pair_apart(index, q, topic, ranked, zone_id)
    if pair:  # two entries both hold every word asked and nothing else comes near: show both
        return decided("zones", pair, zones=(zone_id,))
    close = tuple(c for c in ranked[:4] if c.score >= CLARIFY_SCORE)
    if len(close) >= 2:
        return decided("clarify", close)
    return decided("unknown_topic", tuple(ranked[:5]))


def _covering(
    index: ZoneIndex,
    q: _Question,
    topic: str,
    ranked: list[Candidate],
    zone_id: str | None,
    *,
    figured: bool = True,
) -> Candidate | None:
    """The best candidate that holds every content word of the question, if any does."""
    covering = _coverers(index, q, topic, ranked, zone_id, figured=figured)
    return covering[0] if covering else None


def _asks_what_is_not_given(q: _Question, record: EntryRecord) -> bool:
    """Tell whether a question asks for what the entry's source leaves out, or for a figure."""
    missing = record.entry.not_given
    if not missing.all():
        return False
    return bool(_FIGURE_RE.search(q.norm)) or any(
        item in q.norm for item in normalize_all(missing.all())
    )


def _clear_leader(
    index: ZoneIndex, q: _Question, topic: str, ranked: list[Candidate], zone_id: str | None
) -> list[Candidate]:
    """The best candidate, when it covers every content word and no other comes near it."""
    if not ranked or q.pinyin:
        return []
    best = ranked[0]
    second = ranked[1].score if len(ranked) > 1 else 0.0
    if best.score - second < LEADER_MARGIN:
        return []
    return _coverers(index, q, topic, ranked[:1], zone_id, LEADER_SCORE)


def _leader_missing_one_word(
    index: ZoneIndex, q: _Question, topic: str, ranked: list[Candidate], zone_id: str
) -> list[Candidate]:
    """The best candidate of a named zone, far ahead, though one content word is not in it.

    "<zone>规划建几栋厂房" or "…生物医药板块的产值": a word the zone's other entries ask
    about (规划) stops the entry that holds everything else, although none of those entries
    fits the rest of the question. The word must be one the zone's sources ask about (an
    unknown topic, 员工 of a firm, still stops the answer), held by no other candidate that
    could answer, and the question must ask no figure, join no topics and name no firm:
    there the missing word may be what is asked.
    """
    if not ranked or q.pinyin or _named_by_place_only(index, q, zone_id):
        return []
    best = ranked[0]
    second = ranked[1].score if len(ranked) > 1 else 0.0
    if best.score < ANSWER_SCORE or best.score - second < LEADER_MARGIN:
        return []
    if _FIGURE_RE.search(q.norm) or len([p for p in _JOIN_RE.split(topic) if p.strip()]) > 1:
        return []
    figures = asked_figures(q.norm)  # "what are the prices": the kind asked must be given
    if figures and not gives_figure(_said_of_firms(index, q, best.record), figures):
        return []
    words = _content_words(index, q, topic, zone_id)
    missing = [w for w in words if w.text in index.uncovered(best.record.number, words)]
    if len(missing) != 1 or _rest_coverage(index, topic, zone_id) is not None:
        return []
    first, last = index.zone_ranges[zone_id]
    if not any(index.asked_by(i, missing[0]) for i in range(first, last)):
        return []  # no entry of the zone asks about it: a topic the sources lack
    if any(
        c.score >= ANSWER_SCORE and not index.uncovered(c.record.number, missing)
        for c in ranked[1:]
    ):
        return []  # another entry that could answer holds it
    return [best] if set(YEAR_RE.findall(q.norm)) <= best.record.years else []


def _pair_apart(
    index: ZoneIndex, q: _Question, topic: str, ranked: list[Candidate], zone_id: str
) -> tuple[Candidate, ...]:
    """The two best entries of a named zone, when both hold every word and stand apart.

    "<zone>主要引进啥企业" finds the industry chain and the investment fair alike, below
    the answer threshold: neither leads, but both answer, so the reply shows both.
    """
    if len(ranked) < 2 or q.pinyin or _named_by_place_only(index, q, zone_id):
        return ()
    first, second = ranked[:2]
    third = ranked[2].score if len(ranked) > 2 else 0.0
    if second.score - third < LEADER_MARGIN:
        return ()
    pair = _coverers(index, q, topic, [first, second], zone_id, LEADER_SCORE)
    return tuple(pair) if len(pair) == 2 else ()


def _named_by_place_only(index: ZoneIndex, q: _Question, zone_id: str) -> bool:
    """Tell whether a question named its zone only by its city or province (山东大学科技园)."""
    return bool(q.names) and all(name in index.places[zone_id] for name in q.names)


def _coverers(
    index: ZoneIndex,
    q: _Question,
    topic: str,
    ranked: list[Candidate],
    zone_id: str | None,
    threshold: float | None = None,
    *,
    dated: bool = True,
    figured: bool = True,
) -> list[Candidate]:
    """The candidates at or above the answer threshold that hold every content word, best first.

    A content word the entry lacks (人才 asked of a relocation subsidy) means the entry
    answers another question: answering with it would state a wrong fact.
    """
    threshold = ANSWER_SCORE if threshold is None else threshold  # read now: benchmarks set it
    if q.pinyin:
        return [c for c in ranked if c.score >= threshold]
    words = _content_words(index, q, topic, zone_id)
    rest = _rest_coverage(index, topic, zone_id)
    asks_figure = bool(_FIGURE_RE.search(q.norm))
    years = set(YEAR_RE.findall(q.norm)) if dated else set()  # 2020年的: not an entry of 2022
    asked = asked_figures(q.norm)
    figures = asked if figured else frozenset()
    return [
        c
        for c in ranked
        if c.score >= threshold
        and years <= c.record.years
        # a date is the date of what the question names: no word of it may be missing
        and (
            (c.coverage >= NEARLY_ALL and "date" not in asked)
            or not index.uncovered(c.record.number, words)
        )
        and (rest is None or rest[c.record.number] >= ENTITY_REST_COVERAGE)
        # a question naming a firm or project is about it, not about the whole zone; nor
        # is one asking for a figure (多少, how much): an overview states others in passing
        and ((rest is None and not asks_figure) or c.record.entry.topic != "overview")
        # an entry leaving out what it does not give (not_given) answers that itself
        and (
            not figures
            or c.record.entry.not_given.all()
            or gives_figure(_said_of_firms(index, q, c.record), figures)
        )
    ]


def _lacking_the_figure(
    index: ZoneIndex, q: _Question, topic: str, ranked: list[Candidate], zone_id: str | None
) -> tuple[Candidate, tuple[Figure, ...]] | None:
    """The entry that holds every word asked but not the kind of figure asked, if any does.

    "泽普医疗年销售额是多少" finds the firm's entry, which gives its sales growth only: the
    reply says the sources do not give the amount, with what they do give.
    """
    figures = asked_figures(q.norm)
    if not figures:
        return None
    lacking = _coverers(index, q, topic, ranked, zone_id, figured=False)
    if not lacking:
        return None
    return lacking[0], tuple(sorted(figures))


def _said_of_firms(index: ZoneIndex, q: _Question, record: EntryRecord) -> str:
    """What an entry's answer says of the firms or projects a question names.

    Its whole answer when the question names none, or when the entry's title names one
    (the entry is about it); else the paragraphs naming one: a list of key projects gives
    one project's investment, not the substation's asked about.
    """
    entry = record.entry
    answer = f"{entry.answer.zh}\n{entry.answer.en or ''}"
    firms = index.entities_in(q.norm, record.zone_id)
    if not firms or _titled(record, firms):
        return answer
    return "\n".join(
        paragraph
        for paragraph in answer.split("\n")
        if any(
            named in firm or firm in named
            for named in index.entities_in(normalize(paragraph), record.zone_id)
            for firm in firms
        )
    )


def _content_words(
    index: ZoneIndex, q: _Question, topic: str, zone_id: str | None
) -> list[ContentWord]:
    english = q.lang == "en"
    if (topic, english) not in q.memo.words:  # asked again for each of several zones
        q.memo.words[topic, english] = index.lexicon.words(topic, english=english)
    words = [
        w
        for w in q.memo.words[topic, english]
        if index.share_holding(w) <= COMMON_WORD_SHARE  # 企业, company: too common to tell
    ]
    asking = [w for w in words if _QUESTION_WORD_RE.match(w.text)]
    if len(asking) < len(words):  # 多大 of 规模多大, how fast of "how fast did it grow": a
        words = [w for w in words if w not in asking]  # question word asks the other words
    if q.lang != "en":  # a latin word the base never writes (PUE) asks what no entry holds
        words += [
            ContentWord(w, ())
            for w in latin_words(topic)
            if len(w) >= 2 and w.isalpha() and not index.knows_word(stem(w)) and w not in _EN_KINDS
        ]
    else:  # in English, so does an acronym it never writes ("the PUE of the data centre")
        words += [
            ContentWord(w.lower(), ())
            for w in _ACRONYM_RE.findall(q.raw)
            # a kind of zone's acronym (HTZ, ETDZ) names the zone, not a topic
            if not index.knows_word(stem(w.lower())) and w.lower() not in _EN_KINDS
        ]
        words += _unknown_things(index, q, topic)
    if zone_id and english:  # "big" of another zone's "big data centre" asks nothing here
        stems = {stem(w) for w in latin_words(topic)}
        words = [w for w in words if not _other_zones_name_word(index, w.text, zone_id, stems)]
    if zone_id:  # what is left of a misspelt zone name (安阳光电智能制造产园) asks nothing
        latin = index.finder.latin_keys_of[zone_id]  # nor a part of its latin name (electronics)
        words = [
            w
            for w in words
            if w.text not in index.zone_name_text[zone_id]
            and not (
                w.text.isascii()
                and len(w.text) >= 4
                and any(stem(w.text) in k for k, kind in latin if kind != "entity")
            )
        ]
    return words


def _other_zones_name_word(index: ZoneIndex, word: str, zone_id: str, asked: set[str]) -> bool:
    """Tell whether an English word is written only in other zones' names, asked without
    the rest of any of them."""
    names = index.name_words.get(stem(word))
    return names is not None and all(z != zone_id and not rest <= asked for z, rest in names)


def _unknown_things(index: ZoneIndex, q: _Question, topic: str) -> list[ContentWord]:
    """The words of an English yes-or-no question naming a thing the knowledge base never
    writes ("does the data centre use liquid cooling"): when two or more of its words are
    unknown, they name what is asked, and no entry can say yes or no to it.
    """
    if not _YES_NO_RE.match(q.norm):
        return []
    unknown = [
        w
        for w in latin_words(topic)
        if len(w) >= 3
        and w not in EN_STOPWORDS
        and w not in _SENTENCE_OPENERS
        and w not in _EN_KINDS
        and not index.knows_word(stem(w))
    ]
    return [ContentWord(w, ()) for w in unknown] if len(unknown) >= 2 else []


def _about_the_words(
    index: ZoneIndex, q: _Question, topic: str, covering: list[Candidate]
) -> list[Candidate]:
    """The best covering candidate once labels count, and any as good (then: ask which).

    Two entries may both hold 占地面积: the one titled or tagged with it is about it, the
    other only mentions it (a floor area's answer that warns the site area differs). A
    question worded as an entry's written one (score near 100) needs no such help; a
    pinyin question's score is its coverage alone, so it always may.
    """
    best = covering[0]
    near = [c for c in covering if c.score >= best.score - LABEL_MARGIN]
    if (best.score < WRITTEN_SCORE or q.pinyin) and len(near) > 1:
        # a firm's or project's name (青岛市生物医药及医疗器械产业园) names no label, but
        # the entry titled with it is the firm's own
        zone_id = best.record.zone_id
        firms = index.entities_in(q.norm, zone_id)
        if firms:
            unnamed = replace(q, norm=index.strip_entities(q.norm, zone_id))
            topic = _topic(index, unnamed, [zone_id])
        words = _label_words(index, q, topic)
        groups = index.lexicon.groups
        named = {
            c.record: _named(c.record, words, q.pinyin, groups) + _titled(c.record, firms)
            for c in near
        }
        most = max(named.values())
        near = [c for c in near if named[c.record] == most]
        best = near[0]
    return [best] + [c for c in near[1:2] if c.score >= best.score - TIE_MARGIN]


def _titled(record: EntryRecord, firms: list[str]) -> int:
    """How much of the firms' names an entry's title holds: it is about them."""
    title = record.entry.title
    text = f"{title.zh or ''} {(title.en or '').lower()}" if title else ""
    return sum(len(firm) for firm in set(firms) if firm in text)


def _label_words(index: ZoneIndex, q: _Question, topic: str) -> list[str]:
    """The words of a question an entry's labels may name: content words, English or pinyin."""
    if q.pinyin:
        return [w for w in latin_words(topic) if len(w) >= 3]
    words = [w.text for w in index.lexicon.words(topic, english=False)]
    if q.lang == "en":
        words += [
            stem(w)
            for w in latin_words(topic)
            if len(w) >= 3 and w not in EN_STOPWORDS and w not in _SENTENCE_OPENERS
        ]
    return words


def _named(record: EntryRecord, words: list[str], pinyin: bool, groups: dict[str, int]) -> float:
    """How much of the words an entry's labels name, itself or by a synonym (地区总部: 总部)."""
    if pinyin:
        return sum(len(w) for w in words if w in record.label_pinyin)
    label_groups = {groups[label] for label in record.labels.split() if label in groups}
    return sum(
        len(w)
        if (w in record.label_words if w.isascii() else w in record.labels)
        # a synonym of a label names it less surely than the label itself
        else len(w) / 2
        if not w.isascii() and groups.get(w, -1) in label_groups
        else 0
        for w in words
    )


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
    words = kind_of(features.feature) != CHAR
    if not words.any():
        return None  # single characters left over ("是" of 是什么) ask nothing
    # what is asked is in its words; lone characters beside them (要, 在) ask nothing
    kept = Encoded(
        features.doc[words],
        features.feature[words],
        features.weight[words],
        features.first_text[words],
    )
    return index.score(kept, zone_id)[1]


def _anywhere(index: ZoneIndex, q: _Question) -> MatchResult:
    if q.lang == "en" and not q.pinyin and _unknown_name(index, q.raw):
        return MatchResult(
            kind="nothing", lang=q.lang, traditional=q.traditional
        )  # about a place or firm we lack
    asking = _without_the_asker(q)
    if asking:  # 我们是做医疗器械的，…扶持政策有哪些: the asker's trade asks nothing
        of_the_question = _anywhere(index, asking)
        if of_the_question.kind == "clarify":
            return of_the_question
    topic, features = _features(index, q, [])
    per_zone = _ranked_per_zone(index, q, features, topic) if features else {}
    ranked = sorted((r[0] for r in per_zone.values()), key=lambda c: -c.score)
    if not ranked or ranked[0].score < CLARIFY_SCORE:
        return _among_holders(
            index, q, topic, features, per_zone, ranked[0].score if ranked else 0.0
        )
    best = ranked[0]
    zone_id = best.record.zone_id
    rivals = _rival_zones(index, q, topic, per_zone, best)
    if len(rivals) < 2 and _POINTS_AT_A_ZONE.search(q.norm):  # 这个园区…: a zone not named
        rivals = [c for c in ranked if c.score >= CLARIFY_SCORE][:RIVAL_POOL]
        if len(rivals) < 2:  # 园区有多少平方公里: every zone whose entry holds the words
            rivals = list(_holding_zones(index, q, topic, features, list(per_zone)))[:RIVAL_POOL]
    if len(rivals) >= 2:
        return MatchResult(
            kind="clarify",
            lang=q.lang,
            traditional=q.traditional,
            score=best.score,
            candidates=tuple(rivals),
        )
    chosen = _covering(index, q, topic, [best], None)
    unfigured = None if chosen else _lacking_the_figure(index, q, topic, [best], None)
    if chosen or unfigured:
        return MatchResult(
            kind="entry" if chosen else "not_given",
            lang=q.lang,
            traditional=q.traditional,
            score=best.score,
            zone_id=zone_id,
            candidates=(chosen or best,),
            figures=unfigured[1] if unfigured else (),
        )
    return _among_holders(index, q, topic, features, per_zone, best.score)  # none covers it


def _among_holders(
    index: ZoneIndex,
    q: _Question,
    topic: str,
    features: Encoded,
    per_zone: dict[str, list[Candidate]],
    score: float,
) -> MatchResult:
    """Ask which zone when several hold every word of a question no entry answers well."""
    holding = _holding_zones(index, q, topic, features, list(per_zone))
    if len(holding) < 2:
        return MatchResult(kind="nothing", lang=q.lang, traditional=q.traditional, score=score)
    return MatchResult(
        kind="clarify", lang=q.lang, traditional=q.traditional, score=score, candidates=holding
    )


def _without_the_asker(q: _Question) -> _Question | None:
    """A question without its clauses about the asker ("我们是做医疗器械的", "we are a maker").

    What the asker's firm does says who asks, not which zone is asked about. None when no
    clause is about the asker, or every one is.
    """
    clauses = [c for c in _CLAUSE_RE.split(q.raw) if c.strip()][:MAX_CLAUSES]
    asking = [c for c in clauses if not _ABOUT_THE_ASKER.match(normalize(c).strip())]
    if not asking or len(asking) == len(clauses):
        return None
    return _read(" ".join(asking), q.lang)


def _holding_zones(
    index: ZoneIndex, q: _Question, topic: str, features: Encoded, zones: list[str]
) -> tuple[Candidate, ...]:
    """Each zone's entry holding every content word of a zoneless question that scores low.

    "专业人员扶持怎么样" is worded far from every written question, yet several zones hold
    its words: asking which zone is better than saying nothing is known. Each zone's
    entries are ranked again, more deeply than for rivals: the one its labels name is shown.
    """
    found = (
        _holding_entry(index, q, topic, _rank(index, q, features, topic, zone_id), False)
        for zone_id in zones
    )
    return tuple(sorted((c for c in found if c), key=lambda c: -c.score))


def _ranked_per_zone(
    index: ZoneIndex, q: _Question, features: Encoded, topic: str
) -> dict[str, list[Candidate]]:
    """Each zone's best entries for a question, every zone ranked on its own.

    Ranking all entries at once keeps the BM25 best: a zone whose entry holds every word
    but scores lower on BM25 than another zone's near misses would never be weighed.
    """
    scores = index.score(features)
    scope = list(index.kb.zones)
    if len(index.records) > PARTIAL_SORT_FROM:
        scope = _zones_of_best(index, scores[0], scope, RIVAL_POOL)
    per_zone: dict[str, list[Candidate]] = {}
    for zone_id in scope:
        ranked = _rank(index, q, features, topic, zone_id, scores, RIVAL_DEPTH)
        if ranked:
            per_zone[zone_id] = ranked
    return per_zone


def _rival_zones(
    index: ZoneIndex,
    q: _Question,
    topic: str,
    per_zone: dict[str, list[Candidate]],
    best: Candidate,
) -> list[Candidate]:
    """The zones whose best entry answers a zoneless question about as well as the best one.

    A word of the question that only one zone's entries hold (a firm, a person, a project)
    says which zone is meant: no rival then. Otherwise any zone whose best entry holds half
    the question's words or more is a rival (奖励政策 asked of a base where several zones
    give rewards): asking which zone is better than picking one.
    """
    words = [] if q.pinyin else index.lexicon.words(topic, english=q.lang == "en")
    best_zone = best.record.zone_id
    if index.strip_entities(topic, best_zone) != topic:
        return []  # a firm or project of the best zone is named
    held = {c.record: _held_words(index, c, words) for r in per_zone.values() for c in r}
    for w in words:
        holding = {z: [c for c in r if w.text in held[c.record]] for z, r in per_zone.items()}
        zones = [z for z, h in holding.items() if h]
        if zones == [best_zone] and _names_it(index, best_zone, holding[best_zone], w.text):
            return []
    rivals = []
    size = {w.text: len(w.text.split()) for w in words}  # a phrase counts its words
    for ranked in per_zone.values():
        fit = [c for c in ranked if c.score >= CLARIFY_SCORE]
        if not fit:
            continue
        c = max(fit, key=lambda c: (len(held[c.record]), c.score))
        held_size = len(held[c.record])  # a phrase held through its synonyms shows one idea
        holds_half = bool(held[c.record]) and 2 * held_size >= sum(size.values())
        if c.score >= best.score - ZONE_MARGIN or c.coverage >= RIVAL_COVERAGE or holds_half:
            rivals.append(c)
    return sorted(rivals, key=lambda c: -c.score)


def _names_it(index: ZoneIndex, zone_id: str, holding: list[Candidate], word: str) -> bool:
    """Tell whether a word names what a zone's entries are about: a title, a tag, an entity.

    最高 in "补贴最高多少" is held by one zone's answer text, yet says nothing of which zone.
    """
    text = word.lower()
    entities = index.kb.zones[zone_id].entities
    return any(text in c.record.labels for c in holding) or any(
        text in e.lower() for e in [*entities.zh, *entities.en]
    )


def _held_words(index: ZoneIndex, candidate: Candidate, words: list[ContentWord]) -> set[str]:
    """The question's content words an entry holds."""
    missing = set(index.uncovered(candidate.record.number, words)) if words else set()
    return {w.text for w in words if w.text not in missing}


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
    """Answer a question naming several zones with each zone's best entry.

    比较/compare only asks to set them side by side: the topic is what is left.
    """
    q = replace(q, norm=_COMPARE_WORDS.sub(" ", q.norm))
    picks: list[Candidate] = []
    for zone_id in zones:
        if pick := _side_by_side(index, q, zone_id, [z for z in zones if z != zone_id]):
            picks.append(pick)
    if not picks:
        return MatchResult(
            kind="unknown_topic",
            lang=q.lang,
            traditional=q.traditional,
            score=0.0,
            zone_id=zones[0],
        )
    score = min(c.score for c in picks)
    return MatchResult(
        kind="zones",
        lang=q.lang,
        traditional=q.traditional,
        score=score,
        candidates=tuple(picks),
        zones=tuple(zones),
    )


def _side_by_side(
    index: ZoneIndex, q: _Question, zone_id: str, others: list[str]
) -> Candidate | None:
    """One zone's entry for a question naming it beside other zones.

    Another zone's firm or park ("青海零碳产业园和青岛市生物医药及医疗器械产业园哪个占地更大")
    asks nothing of this zone. The entry holding every word asked and named by its labels
    answers though it scores low, as in a cross question: the planned area, not a data
    centre's plot, for "占地规模"; the 2022 growth for "22年增速谁快".
    """
    norm = q.norm
    for other in others:
        norm = index.strip_entities(norm, other)
    mine = replace(q, norm=norm)
    topic, features = _features(index, mine, [zone_id, *others])
    theirs = _only_theirs(index, mine, topic, zone_id, others)
    if theirs != topic:
        topic, features = theirs, index.question_features(theirs, pinyin_words=mine.pinyin)
    if not features:
        return _overview(index, zone_id)
    ranked = _rank(index, mine, features, topic, zone_id)
    if not mine.pinyin and _content_words(index, mine, topic, zone_id):
        covering = _coverers(index, mine, topic, ranked, zone_id, CROSS_HOLD_SCORE)
        if covering:
            return _about_the_words(index, mine, topic, covering)[0]
    return ranked[0] if ranked and ranked[0].score >= CLARIFY_SCORE else None


def _only_theirs(
    index: ZoneIndex, q: _Question, topic: str, zone_id: str, others: list[str]
) -> str:
    """The topic without the content words no entry of this zone holds and another zone's does.

    "青海零碳产业园和青岛生物医药产业园哪个更大": 生物医药产业园 names what is compared in
    the other zone; of this one the question asks only 面积 and 更大.
    """
    if q.pinyin:
        return topic
    for word in _content_words(index, q, topic, zone_id):
        if not _zone_holds(index, zone_id, word) and any(
            _zone_holds(index, other, word) for other in others
        ):
            topic = topic.replace(word.text, " ")
    return topic


def _zone_holds(index: ZoneIndex, zone_id: str, word: ContentWord) -> bool:
    """Tell whether any entry of a zone holds a content word."""
    first, last = index.zone_ranges[zone_id]
    return any(not index.uncovered(i, [word]) for i in range(first, last))


def _cross(index: ZoneIndex, q: _Question, named: list[str]) -> MatchResult:
    """Answer "which zones ..." from each zone's best entry and its industries."""
    scope = named or list(index.kb.zones)
    large = len(index.records) > PARTIAL_SORT_FROM
    if not named and (asking := _without_the_asker(q)):  # 我们是做…的，园区有哪些扶持
        q = replace(asking, memo=q.memo)
    if kinds := kinds_asked(q.norm):  # 哪些园区是高新区: the zones' names say their kind
        return _of_kinds(index, q, scope, kinds)
    ranking = bool(_SUPERLATIVE.search(q.norm))
    topic_text = _CROSS_VERBS.sub(" ", _without_cross_words(index, _SUPERLATIVE.sub(" ", q.norm)))
    topic, features = _features(
        index,
        _Question(q.raw, topic_text, q.lang, q.traditional, q.pinyin),
        named if large else scope,  # a national base: only the names the question holds
    )
    if not features:
        return MatchResult(
            kind="zones", lang=q.lang, traditional=q.traditional, score=100.0, zones=tuple(scope)
        )
    best: dict[str, Candidate] = {}
    for part in _ALTERNATIVES_RE.split(topic_text):  # 医疗或生物医药: the zones of either
        part_topic, part_features = _features(
            index,
            _Question(q.raw, part, q.lang, q.traditional, q.pinyin),
            named if large else scope,
        )
        if part_features:
            for pick in _cross_picks(index, q, part, part_topic, part_features, named, scope):
                if pick.record.zone_id not in best or pick.score > best[pick.record.zone_id].score:
                    best[pick.record.zone_id] = pick
    picks = sorted(best.values(), key=lambda c: -c.score)
    zones = tuple(c.record.zone_id for c in picks)
    score = picks[0].score if picks else 0.0
    asked = " ".join(strip_function_phrases(topic).split()) or topic  # not 想了解一下
    shown = _as_written(q.raw) if q.lang == "en" and not q.pinyin else asked
    if ranking and q.lang == "en" and not q.pinyin:
        shown = _SUPERLATIVE.sub(" ", shown).strip()
    return MatchResult(
        kind="cross",
        lang=q.lang,
        traditional=q.traditional,
        score=score,
        candidates=tuple(picks),
        zones=zones,
        topic=shown,
        ranking=ranking,
    )


def _without_cross_words(index: ZoneIndex, text: str) -> str:
    """A cross question's words asking across zones taken out, a question word of the topic kept.

    "五个园区分别在哪个省份" asks 在哪个省份 of each zone: the 哪个 of a knowledge-base word
    asking where (在哪) stays, where "哪个园区" loses it.
    """
    kept = [
        (at, at + len(word))
        for word in set(index.lexicon.words_in(text))
        if _QUESTION_WORD_RE.search(word)
        for at in (m.start() for m in re.finditer(re.escape(word), text))
    ]

    def drop(match: re.Match[str]) -> str:
        inside = any(start < match.end() and match.start() < end for start, end in kept)
        return match.group(0) if inside else " "

    return _CROSS_WORDS.sub(drop, text)


def _of_kinds(
    index: ZoneIndex, q: _Question, scope: list[str], kinds: frozenset[str]
) -> MatchResult:
    """The zones whose names say they are of a kind asked ("which are high-tech zones")."""
    picks = [
        overview
        for zone_id in scope
        if of_kind(index.kb.zones[zone_id], kinds) and (overview := _overview(index, zone_id))
    ]
    return MatchResult(
        kind="cross",
        lang=q.lang,
        traditional=q.traditional,
        score=100.0 if picks else 0.0,
        candidates=tuple(picks),
        zones=tuple(c.record.zone_id for c in picks),
        topic="、".join(sorted(kind_as_written(q.norm, k) for k in kinds))
        if q.lang == "zh"
        else _as_written(q.raw),
    )


def _cross_picks(
    index: ZoneIndex,
    q: _Question,
    topic_text: str,
    topic: str,
    features: Encoded,
    named: list[str],
    scope: list[str],
) -> list[Candidate]:
    """The zones that answer one topic of a cross question, each with its best entry."""
    picks: list[Candidate] = []
    scores = index.score(features)
    if len(index.records) > PARTIAL_SORT_FROM:
        scope = _zones_of_best(index, scores[0], scope)
    dates = days_named(q.norm)  # 5月12日: only the zones whose sources give that day
    by_topic = not regions_named(topic_text)  # a region, not an entry, says which zones
    for zone_id in scope:
        ranked = _rank(index, q, features, topic, zone_id, scores)
        if dates:
            ranked = [c for c in ranked if dates <= days_given(c.record)]
        if ranked and ranked[0].score >= ANSWER_SCORE:
            picks.append(ranked[0])
        elif by_topic and (holding := _holding_entry(index, q, topic, ranked, bool(dates))):
            picks.append(holding)
    picks.sort(key=lambda c: -c.score)
    if dates:
        return picks
    return picks + _by_profile(
        index, q, topic_text, features, named or list(index.kb.zones), picks
    )


def _holding_entry(
    index: ZoneIndex, q: _Question, topic: str, ranked: list[Candidate], dated: bool
) -> Candidate | None:
    """A zone's entry holding every content word of a cross question, though it scores low.

    "哪些园区有在建项目": an entry tagged 重点项目 holds 在建项目 through its synonym group,
    yet its written questions are worded far from the question; the zone has the topic. Of
    entries that give the day asked (`dated`), the day is all a question may ask.
    """
    if q.pinyin or not ranked:
        return None
    zone_id = ranked[0].record.zone_id
    if ranked[0].score < CROSS_HOLD_SCORE and not dated:  # the cheap test first
        return None
    if not _content_words(index, q, topic, zone_id):
        return ranked[0] if dated else None
    covering = _coverers(index, q, topic, ranked, zone_id, CROSS_HOLD_SCORE)
    return _about_the_words(index, q, topic, covering)[0] if covering else None


def _by_profile(
    index: ZoneIndex,
    q: _Question,
    topic_text: str,
    features: Encoded,
    scope: list[str],
    picks: list[Candidate],
) -> list[Candidate]:
    """The zones whose name, industries or region hold a cross question's topic, not yet picked.

    Each comes with its best entry for the topic, or its overview when none is close.
    """
    picked = {c.record.zone_id for c in picks}
    words = [w.text for w in index.lexicon.words(topic_text, english=False)]
    more: list[Candidate] = []
    for zone_id in scope:
        if zone_id in picked or not profile_holds(index.kb.zones[zone_id], topic_text, words):
            continue
        ranked = _rank(index, q, features, topic_text, zone_id)
        best = ranked[0] if ranked and ranked[0].score >= CLARIFY_SCORE else None
        if chosen := best or _overview(index, zone_id):
            more.append(chosen)
    return more


def _zones_of_best(
    index: ZoneIndex, bm25: npt.NDArray[np.float32], scope: list[str], pool: int = CROSS_POOL
) -> list[str]:
    """The zones of the best-scored entries: of thousands, those worth weighing one by one."""
    pool = min(pool, len(bm25) - 1)
    best = np.argpartition(-bm25, pool)[:pool]
    found = {index.records[int(i)].zone_id for i in best if bm25[i] > 0}
    return [z for z in scope if z in found]


def _as_written(raw: str) -> str:
    """An English cross-zone question's topic as the asker wrote it ("R&D", not "rd")."""
    text = _CROSS_WORDS.sub(" ", raw.lower() if raw.isupper() else raw)
    text = re.sub(
        r"\b(?i:which|what|list|all|any|each|every|across|among|how|many|zones?|parks?)\b",
        " ",
        text,
    )
    return " ".join(text.strip(" ?!.,;:？！。，").split()).strip(" ?!.,;:")


def rank_candidates(
    index: ZoneIndex, question: str, *, context_zone: str | None = None, within: str | None = None
) -> tuple[Candidate, ...]:
    """Score the entries a question is weighed against (or those of zone `within`), best first.

    For explaining a decision to editors; the decision itself is match_question's.
    """
    q = _read(question, None)
    mention = index.finder.find(q.norm)
    q = replace(q, names=mention.names, slips=mention.latin_slips)
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
