"""Answer a question naming no zone: one zone's entry, or ask which of the zones holding it."""

from __future__ import annotations

import re
from importlib import resources

from bot.search.coverage import (
    asks_what_is_not_given,
    best_covering,
    content_words,
    holding_entry,
    lacking_the_figure,
)
from bot.search.decision import (
    CLARIFY_SCORE,
    PARTIAL_SORT_FROM,
    RIVAL_COVERAGE,
    RIVAL_DEPTH,
    RIVAL_POOL,
    ZONE_MARGIN,
    Candidate,
    MatchResult,
)
from bot.search.features import (
    EN_STOPWORDS,
    Encoded,
    stem,
    strip_function_phrases,
    strip_stop_phrases,
)
from bot.search.foreign import foreign_words, starts_a_foreign_phrase
from bot.search.index import ContentWord, ZoneIndex
from bot.search.question import SENTENCE_OPENERS, Question, in_title_case, without_the_asker
from bot.search.ranking import overview_of, rank_entries, topic_features, zones_of_best
from bot.search.textnorm import normalize

_NAME_RE = re.compile(r"\b[A-Z][a-z]{2,}\b")  # a capitalised word: maybe a name
_POINTS_AT_A_ZONE = re.compile(  # "this zone", a bare kind several zones bear: which one?
    r"(?:^|(?<=[问好下]))(?:这个|这家|该|本|那个)?(?:园区|高新区|开发区|产业园|管委会)"
    r"|(?:这个|该|本|那个|贵)(?:园区|高新区|开发区|产业园|项目)|贵区|贵方园区"
    r"|[搬迁]过去|落户过去|[去到]那边"  # 企业搬过去有啥补贴: moving there, to a zone not named
    r"|\b(?:this|that|the) (?:[a-z-]+ ){0,2}(?:zone|park|project)\b"
    r"|(?:^|\bthe )(?:yuanqu|chanyeyuan|gaoxinqu|kaifaqu|gxq)\b"  # a kind of zone in pinyin
    r"|(?<!\bis )(?<!\bare )\bthere\W*$"  # "how many companies are based there?"
)


def anywhere(index: ZoneIndex, q: Question) -> MatchResult:
    """Answer a question naming no zone: from the one zone that answers it, or ask which."""
    if q.lang == "en" and not q.pinyin and names_an_unknown_thing(index, q.raw):
        return MatchResult(
            kind="nothing", lang=q.lang, traditional=q.traditional
        )  # about a place or firm we lack
    asking = without_the_asker(q)
    if asking:  # 我们是做医疗器械的，…扶持政策有哪些: the asker's trade asks nothing
        of_the_question = anywhere(index, asking)
        if of_the_question.kind == "clarify":
            return of_the_question
    topic, features = topic_features(index, q, [])
    pointed = _POINTS_AT_A_ZONE.search(q.norm) and len(index.kb.zones) <= RIVAL_POOL
    if not features and pointed:  # "tell me about the high-tech zone": which one?
        return _which_zone_cards(index, q)
    per_zone = _ranked_per_zone(index, q, features, topic) if features else {}
    ranked = sorted((r[0] for r in per_zone.values()), key=lambda c: -c.score)
    if not ranked or ranked[0].score < CLARIFY_SCORE:
        held = _among_holders(
            index, q, topic, features, per_zone, ranked[0].score if ranked else 0.0
        )  # "how many companies are in the zone?" no entry answers well: which zone first
        if held.kind == "nothing" and (pointed or _names_what_zones_hold(index, q, topic)):
            return _which_zone_cards(index, q)  # "what subsidies are there?": which zone first
        return held
    best = ranked[0]
    zone_id = best.record.zone_id
    rivals = _rival_zones(index, q, topic, per_zone, best)
    if len(rivals) < 2 and _POINTS_AT_A_ZONE.search(q.norm):  # 这个园区…: a zone not named
        rivals = [c for c in ranked if c.score >= CLARIFY_SCORE][:RIVAL_POOL]
        if len(rivals) < 2:  # 园区有多少平方公里: every zone whose entry holds the words
            rivals = list(_holding_zones(index, q, topic, features, list(per_zone)))[:RIVAL_POOL]
        if len(rivals) < 2:  # 园区有哪些重点企业: one zone writes 重点企业, every zone has 企业
            rivals = _rivals_by_heads(index, q, topic) or rivals
        if len(rivals) < 2 and len(index.kb.zones) <= RIVAL_POOL:  # 那个园区的补贴上限: the
            rivals = _beside_every_zone(index, best)  # one meant may be another
    if len(rivals) < 2 and _asks_of_any_zone(index, q, topic):
        rivals = _beside_every_zone(index, best)
    if len(rivals) >= 2:
        return MatchResult(
            kind="clarify",
            lang=q.lang,
            traditional=q.traditional,
            score=best.score,
            candidates=tuple(rivals),
        )
    chosen = best_covering(index, q, topic, [best], None)
    unfigured = None if chosen else lacking_the_figure(index, q, topic, [best], None)
    if chosen or unfigured:
        given = chosen is not None and not asks_what_is_not_given(q, chosen.record)
        return MatchResult(
            kind="entry" if given else "not_given",
            lang=q.lang,
            traditional=q.traditional,
            score=best.score,
            zone_id=zone_id,
            candidates=(chosen or best,),
            figures=unfigured[1] if unfigured else (),
        )
    held = _among_holders(index, q, topic, features, per_zone, best.score)  # none covers it
    if held.kind == "nothing" and _names_what_zones_hold(index, q, topic):
        return _which_zone_cards(index, q)
    return held


def _beside_every_zone(index: ZoneIndex, best: Candidate) -> list[Candidate]:
    """The best candidate first, then every other zone's overview: asking which zone."""
    others = (overview_of(index, z) for z in index.kb.zones if z != best.record.zone_id)
    return [best, *(c for c in others if c is not None)]


def _which_zone_cards(index: ZoneIndex, q: Question) -> MatchResult:
    """Ask which zone a question pointing at one means, each zone's card offered."""
    cards = [overview_of(index, zone_id) for zone_id in index.kb.zones]
    return MatchResult(
        kind="clarify",
        lang=q.lang,
        traditional=q.traditional,
        candidates=tuple(c for c in cards if c is not None),
    )


def _among_holders(
    index: ZoneIndex,
    q: Question,
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


def _rivals_by_heads(index: ZoneIndex, q: Question, topic: str) -> list[Candidate]:
    """The zones best for a topic with its compound words cut to their heads, if any was."""
    headed = _by_heads(index, topic)
    if headed == topic:
        return []
    features = index.question_features(headed)
    tops = sorted(
        (r[0] for r in _ranked_per_zone(index, q, features, headed).values()),
        key=lambda c: -c.score,
    )
    return [c for c in tops if c.score >= CLARIFY_SCORE][:RIVAL_POOL]


def _by_heads(index: ZoneIndex, topic: str) -> str:
    """A topic with each compound word of the lexicon cut to the word it ends with (重点企业
    -> 企业, 生物医药企业 -> 企业): what one zone calls a key firm, another has as firms."""
    for word in index.lexicon.words_in(topic):
        head = next(
            (
                word[at:]
                for at in range(1, len(word) - 1)
                if index.lexicon.words_in(word[at:]) == [word[at:]]
            ),
            None,
        )
        if head:
            topic = topic.replace(word, head)
    return topic


def _holding_zones(
    index: ZoneIndex, q: Question, topic: str, features: Encoded, zones: list[str]
) -> tuple[Candidate, ...]:
    """Each zone's entry holding every content word of a zoneless question that scores low.

    "专业人员扶持怎么样" is worded far from every written question, yet several zones hold
    its words: asking which zone is better than saying nothing is known. Each zone's
    entries are ranked again, more deeply than for rivals: the one its labels name is shown.
    """
    found = (
        holding_entry(index, q, topic, rank_entries(index, q, features, topic, zone_id), False)
        for zone_id in zones
    )
    return tuple(sorted((c for c in found if c), key=lambda c: -c.score))


def _ranked_per_zone(
    index: ZoneIndex, q: Question, features: Encoded, topic: str
) -> dict[str, list[Candidate]]:
    """Each zone's best entries for a question, every zone ranked on its own.

    Ranking all entries at once keeps the BM25 best: a zone whose entry holds every word
    but scores lower on BM25 than another zone's near misses would never be weighed.
    """
    scores = index.score(features)
    scope = list(index.kb.zones)
    if len(index.records) > PARTIAL_SORT_FROM:
        scope = zones_of_best(index, scores[0], scope, RIVAL_POOL)
    per_zone: dict[str, list[Candidate]] = {}
    for zone_id in scope:
        ranked = rank_entries(index, q, features, topic, zone_id, scores, RIVAL_DEPTH)
        if ranked:
            per_zone[zone_id] = ranked
    return per_zone


def _rival_zones(
    index: ZoneIndex,
    q: Question,
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
    asked = [] if q.pinyin else index.lexicon.words(topic, english=q.lang == "en")
    words = _compounds_apart(index, asked)
    # a compound's two words stand for one idea: each counts half of it
    weight = {w.text: 1.0 if w in asked else 0.5 for w in words}
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
    size = {w.text: len(w.text.split()) * weight[w.text] for w in words}  # a phrase: its words
    for ranked in per_zone.values():
        fit = [c for c in ranked if c.score >= CLARIFY_SCORE]
        if not fit:
            continue
        c = max(fit, key=lambda c: (len(held[c.record]), c.score))
        # a phrase held through its synonyms shows one idea
        held_size = sum(weight[w] for w in held[c.record])
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


def _compounds_apart(index: ZoneIndex, words: list[ContentWord]) -> list[ContentWord]:
    """The content words with a label made of two of the base's words (人才政策: 人才, 政策)
    read as those two: a topic one zone happens to label so names no zone, as a firm's or a
    person's name does, and other zones may hold its words."""
    has = index.lexicon.has_zh
    apart: list[ContentWord] = []
    for word in words:
        text = word.text
        cut = next((i for i in range(2, len(text) - 1) if has(text[:i]) and has(text[i:])), 0)
        if cut:
            apart += index.lexicon.words(f"{text[:cut]} {text[cut:]}", english=False)
        else:
            apart.append(word)
    return apart


def _held_words(index: ZoneIndex, candidate: Candidate, words: list[ContentWord]) -> set[str]:
    """The question's content words an entry holds."""
    missing = set(index.uncovered(candidate.record.number, words)) if words else set()
    return {w.text for w in words if w.text not in missing}


def names_an_unknown_thing(index: ZoneIndex, raw: str) -> bool:
    """Tell whether an English question names something capitalised the knowledge base lacks.

    Detroit or Munich in a question that names no zone is another place: answering it from
    one of our zones would be a confident wrong answer.
    """
    if in_title_case(raw):
        return False
    for match in _NAME_RE.finditer(raw):
        lower = match.group(0).lower()
        opens = raw[: match.start()].rstrip()[-1:] in ("", ".", "!", "?", ",", ";", ":")
        if opens and lower in SENTENCE_OPENERS:
            continue
        known = index.knows_word(lower) or index.knows_word(stem(lower))
        # Unternehmen: a word, no name; Lijep of "Lijep pozdrav": a phrase's first word
        known = known or normalize(lower) in foreign_words()
        known = known or starts_a_foreign_phrase(normalize(raw[match.start() :]))
        if lower not in EN_STOPWORDS and not known:
            return True
    return False


_UNREAD_NAME_RE = re.compile(r"[\u3400-\u9fff]{3}")


def _generic_topics() -> frozenset[str]:
    """Kinds of thing every zone may have (bot/data/generic_topics.txt): 党工委书记, incentives."""
    text = resources.files("bot").joinpath("data/generic_topics.txt").read_text(encoding="utf-8")
    words = [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]
    return frozenset(w.replace("-", " ") for w in words)


_GENERIC = _generic_topics()


def _names_what_zones_hold(index: ZoneIndex, q: Question, topic: str) -> bool:
    """A question naming no zone that no entry answers, but naming a word the zones' sources
    write (最近有啥项目开工, "when did the reporter visit"): which zone first, not "I don't know".
    Only in a base small enough to offer every zone's card."""
    if len(index.kb.zones) > RIVAL_POOL:
        return False
    return any(w.needs for w in content_words(index, q, topic, None))


def _asks_of_any_zone(index: ZoneIndex, q: Question, topic: str) -> bool:
    """A question naming no zone asks of a kind of thing every zone may have (党工委书记,
    研发奖励, incentives): one zone's entry may not be the zone meant. Only in a base small
    enough to offer every zone's card."""
    if len(index.kb.zones) > RIVAL_POOL:
        return False
    words = [w.text for w in content_words(index, q, topic, None)]
    if not words or not all(w in _GENERIC for w in words):
        return False
    rest = topic
    for word in sorted(words, key=len, reverse=True):
        rest = rest.replace(word, " ")
    # 阿斯里康 of 阿斯里康中国总裁: a firm misspelt, not a kind of thing
    return not _UNREAD_NAME_RE.search(strip_stop_phrases(strip_function_phrases(rest)))
