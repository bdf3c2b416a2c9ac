"""Decide what a question asks for: one entry, a choice between candidates, or nothing known."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from bot.kb.models import Lang
from bot.search import decision
from bot.search.coverage import (
    about_entity,
    about_the_words,
    answer_text,
    asks_what_is_not_given,
    best_covering,
    clear_leader,
    content_words,
    coverers,
    entity_own_entry,
    giving_the_figure_first,
    lacking_the_figure,
    leader_asking_no_figure,
    leader_missing_one_word,
    named_by_place_only,
    names_a_firm,
    names_any_firm,
    one_gives_the_figure,
    one_holds_the_detail,
    only_the_deputy,
    pair_apart,
)
from bot.search.cross import (
    across_in_pinyin,
    asks_which_ones,
    cross,
    is_cross,
    several_zones,
    which_in_each_clause,
)
from bot.search.decision import (
    CLARIFY_SCORE,
    MAX_CLAUSES,
    MIN_FIRM_TYPO_CHARS,
    READING_LIKENESS,
    TYPO_COVERAGE,
    Candidate,
    Kind,
    MatchResult,
    answered_by,
)
from bot.search.features import EN_STOPWORDS, stem, strip_pinyin_stops, strip_stop_phrases
from bot.search.figures import (
    Figure,
    asked_figures,
    asks_names_of_firms,
    asks_which_is_first,
    figures_asked_outright,
    gives_figure,
    lacks_the_day,
    ranks_below_first,
    without_figure_words,
)
from bot.search.foreign import is_japanese
from bot.search.index import EntryRecord, ZoneIndex, years_asked
from bot.search.places import (
    a_word_of_ours,
    compared_with_one_we_lack,
    inside_a_firms_name,
    other_kind_of_zone,
    other_kind_of_zone_en,
    place_we_lack,
    places_only,
    the_askers_own_place,
    zone_named_in_english,
    zone_we_lack_asked,
)
from bot.search.qualifiers import errands_unmentioned, names_an_errand, unmentioned
from bot.search.question import (
    A_NOT_A_RE,
    ASKER_OPENS_RE,
    ASKS_RE,
    CLAUSE_RE,
    JOIN_RE,
    PART_ASKS_RE,
    PARTS_RE,
    QUESTION_WORD_RE,
    REMARK_RE,
    SENTENCE_OPENERS,
    SPACED_PARTS_RE,
    SPEAKERS,
    WHO_SAID_RE,
    Question,
    about_the_bot,
    asked_apart,
    is_smalltalk,
    read_question,
    sentences,
    tells_of_the_asker,
    without_the_aside,
    without_the_asker,
    without_the_brackets,
    without_the_plans,
    without_the_scene,
)
from bot.search.ranking import (
    overview_of,
    rank_entries,
    topic_features,
    topic_of,
    without_frame,
)
from bot.search.sources import about_the_source
from bot.search.spelling import english_words
from bot.search.subjects import (
    asks_of_its_members,
    figure_of_another_item,
    figure_of_another_subject,
)
from bot.search.textnorm import CJK_RE, latin_words, normalize, normalize_all, split_pinyin
from bot.search.zonefind import ZONE_SUFFIX_RE, ZoneMention, location_parts, zone_kinds_en
from bot.search.zoneless import anywhere, names_an_unknown_thing

_WHERE_RE = re.compile(  # where a firm is: 在哪个园区, which zone
    r"在哪|哪个园区|哪个开发区|哪个高新区|哪里|\bwhere\b|\bwhich (?:zone|park)\b"
)
_ASKS_THE_OTHERS_RE = re.compile(  # a zone named as one of those asked about, beside others
    r"除了|除开|以外|之外|还有(?=哪|谁|别)|其他|其它|别的"
    r"|\b(?:who else|which else|what else|which others?|what others?|other (?:zones|parks)"
    r"|besides|apart from|other than|as well as|any others?|anyone else)\b"
)
_EXCEPT_RE = re.compile(r"除了|除开|\b(?:besides|apart from|other than|as well as)\b")


def _asks_the_others(norm: str, names: Sequence[str]) -> bool:
    """Tell whether a question asks about other zones beside the one it names: "Luzhou and
    who else", 除了泸州还有哪些; not "besides the main buildings" of one zone's park."""
    for found in _ASKS_THE_OTHERS_RE.finditer(norm):
        if not _EXCEPT_RE.fullmatch(found.group()):
            return True
        after = norm[found.end() : found.end() + 30]
        if any(name in after for name in names):
            return True
    return False


_FOUND = ("entry", "not_given")  # a clause that finds its entry, though it may lack the figure


def match_question(
    index: ZoneIndex, question: str, *, context_zone: str | None = None, lang: Lang | None = None
) -> MatchResult:
    """Match a question against the knowledge base; `context_zone` is the previous question's."""
    q = read_question(_glosses_kept(index, index.speller.corrected(question)), lang)
    result = about_the_source(index, q, _decided(index, q, context_zone), context_zone)
    if is_japanese(q.raw):  # its kanji read as Chinese, answered in English, not in 繁體字
        return replace(result, lang="en", traditional=False)
    return result


# a name glossed in brackets: "An Duong (Anyang) park", "Lo Chau (Luzhou) hi-tech zone"
_GLOSSED_RE = re.compile(r"\b((?:[A-Za-z]+ ){0,2}[A-Za-z]+) ?[(（]([^()（）]{2,40})[)）]")


def _glosses_kept(index: ZoneIndex, question: str) -> str:
    """The question without a name in the asker's own tongue glossed by a zone's name in
    brackets after it: the gloss names the zone; the reading before it is no topic."""
    if "(" not in question and "（" not in question:
        return question

    def kept(match: re.Match[str]) -> str:
        own, gloss = match.group(1).split(), match.group(2)
        if not index.finder.find(normalize(gloss)).zone_ids:
            return match.group(0)
        # the words just before the bracket that are neither pinyin nor English: the reading
        # (Zepu (Qingdao), Liu Jinchun (Zhongbei HTZ), the revenue (Luzhou) keep theirs)
        at = len(own)
        while at:
            word = own[at - 1].lower()
            unknown = split_pinyin(word) is None and word not in english_words()
            if not unknown and (len(word) > 2 or at == len(own)):
                break  # a short word (Lo of Lo Chau) goes with the reading after it
            at -= 1
        if at == len(own):  # "lou joe (luzhou?)": the reading sounds like the gloss
            at = _reading_of_the_gloss(index, own, gloss)
        if at == len(own):
            return match.group(0)
        return " ".join([*own[:at], gloss])

    return _GLOSSED_RE.sub(kept, question)


def _reading_of_the_gloss(index: ZoneIndex, own: list[str], gloss: str) -> int:
    """Where the asker's reading of a glossed name starts: the one or two words before the
    bracket whose letters sound like the gloss (tie yuan (taiyuan?)), unless they name a
    place of their own (Huzhou (Luzhou?): the asker compares); else their end."""
    letters = re.sub(r"[^a-z]", "", gloss.lower())
    # "(luzhou?)": the asker guesses, and the reading may sound further off (lou joe)
    likeness = READING_LIKENESS - (10 if gloss.rstrip().endswith(("?", "？")) else 0)
    for size in (2, 1):
        typed = own[-size:]
        if len(own) < size or not letters or typed[0].lower() in EN_STOPWORDS:
            continue
        if fuzz.ratio("".join(typed).lower(), letters) < likeness:
            continue
        found = index.finder.find(normalize(" ".join(typed)))
        return len(own) if found.unknown_place or found.zone_ids else len(own) - size
    return len(own)


def _decided(index: ZoneIndex, q: Question, context_zone: str | None) -> MatchResult:
    result = _named_firms(index, q, _for_whom(q, _match(index, q, context_zone)))
    result = _of_the_firm_named(index, q, result)
    result = _whose_figure(index, q, result)
    result = _figure_asked_in_pinyin(index, q, result)
    result = _which_is_first(index, q, result)
    if result.kind in ("entry", "unknown_place", "cross", "zones", "smalltalk"):
        return result
    if q.pinyin or not latin_words(q.norm):
        return result
    zone_ids = list(index.finder.find(q.norm).zone_ids) if q.lang == "zh" else []
    if q.lang == "zh" and not zone_ids:
        named = _named_by_initials(index, q.norm)  # zb 研发费用 奖励: 中北 by its initials
        found = (
            match_question(index, named, context_zone=context_zone, lang=q.lang) if named else None
        )
        if found is not None and found.kind == "entry":
            return found
    if q.lang != "zh":
        spelt = _pinyin_terms_written(index, q.norm)  # Luzhou chanjiao ronghe, what is it?
        mixed = (
            match_question(index, spelt, context_zone=context_zone, lang=q.lang) if spelt else None
        )
        return replace(mixed, lang=q.lang) if mixed and mixed.kind == "entry" else result
    mixed = _from_pinyin(index, q, zone_ids)  # 安阳 chanyeyuan
    return _figure_asked_in_pinyin(index, q, mixed) if mixed and mixed.kind == "entry" else result


def _named_by_initials(index: ZoneIndex, norm: str) -> str | None:
    """A Chinese question naming its zone by the pinyin initials of a short name (zb of
    中北, lz of 泸州), standing apart, with that name written out; None if none does."""
    words = norm.split()
    for at, word in enumerate(words):
        names = index.name_initials.get(word, frozenset())
        if len(names) == 1 and word not in EN_STOPWORDS:
            return " ".join([*words[:at], *names, *words[at + 1 :]])
    return None


def _pinyin_terms_written(index: ZoneIndex, norm: str) -> str | None:
    """An English question with the base's terms typed in pinyin, those terms in Chinese: a
    run of two or more words that are no English words and read back as one word of two
    characters or more (chanjiao ronghe: 产教融合); None when it holds no such run."""
    tokens = norm.split()
    runs: list[list[str]] = [[]]
    for token in tokens:
        if token.isascii() and token.isalpha() and token not in english_words():
            runs[-1].append(token)
        else:
            runs.append([token])
            runs.append([])
    out, spelt = [], False
    for run in runs:
        if not run:
            continue
        if len(run) == 1:
            out.append(run[0])
            continue
        text, _ = index.lexicon.from_pinyin(" ".join(run))
        spelt = spelt or any(len(w) >= 2 and CJK_RE.match(w) for w in text.split())
        out.append(text)
    return " ".join(out) if spelt else None


def _which_is_first(index: ZoneIndex, q: Question, result: MatchResult) -> MatchResult:
    """A question naming no zone that asks which one ranks first ("国内规划面积最大的零碳产业园
    是哪一个") is not answered by an entry ranking its zone lower (第二大): the reply says the
    source does not tell which is first, and shows what it does give."""
    if result.kind != "entry" or not result.candidates or not asks_which_is_first(q.norm):
        return result
    if not ranks_below_first(answer_text(result.candidates[0].record)):
        return result
    if set(index.finder.find(q.norm).kinds) - {"short"}:
        return result  # "<zone>是不是最大的": its rank answers; not "最大的零碳产业园是哪个"
    return replace(result, kind="not_given", figures=("rank",))


def _named_firms(index: ZoneIndex, q: Question, result: MatchResult) -> MatchResult:
    """An entry answering a question that asks the firms' names (入驻的企业叫啥名) only when it
    names one of its zone's firms or organisations: else the reply says the source gives no
    names, and shows what it does give."""
    if result.kind != "entry" or not result.candidates or not asks_names_of_firms(q.norm):
        return result
    record = result.candidates[0].record
    if names_any_firm(index, answer_text(record), record.zone_id):
        return result
    return replace(result, kind="not_given", figures=("names",))


def _of_the_firm_named(index: ZoneIndex, q: Question, result: MatchResult) -> MatchResult:
    """An entry answering a question that asks about one of its zone's firms or projects
    only when it names one of them too: "zepu medical, which countries do they export to"
    is not answered by another firm's exports. A firm named where the asker tells of
    themselves (我在太钢干了三十年) is no firm asked about."""
    if result.kind != "entry" or not result.candidates:
        return result
    record = result.candidates[0].record
    zone_id = record.zone_id
    if not index.entities_in(q.norm, zone_id) and not index.latin_entities_in(q.norm, zone_id):
        return result  # most questions name no firm: their clauses are not read again
    asked = " ".join(
        part
        for part in (q.memo.normalized(c) for c in CLAUSE_RE.split(q.raw))
        if not tells_of_the_asker(part)
    )
    zh = index.entities_in(asked, zone_id)
    en = index.latin_entities_in(asked, zone_id)
    if not zh and not en:
        return result
    held = index.firms_named_by(record)
    if any(_share_a_run(n, h) for n in zh for h in held) or about_entity(index, record, zh + en):
        return result
    if _names_in_english(record, en):
        return result
    return replace(result, kind="unknown_topic")


def _names_in_english(record: EntryRecord, names: list[str]) -> bool:
    """Tell whether an entry writes one of a zone's firms' English names, in any words
    (Zepu (Qingdao) Medical Technology for zepu medical)."""
    if not names:
        return False
    text = f"{record.entry.answer.en or ''} {record.labels}"
    said = set(latin_words(normalize_all([text])[0]))
    return any(set(latin_words(name)) <= said for name in names)


def _share_a_run(a: str, b: str, size: int = 4) -> bool:
    """Tell whether two names share a run of `size` characters (数字青海大数据中心 and
    数字青海新型大数据中心), or one holds the other."""
    if a in b or b in a:
        return True
    return any(a[i : i + size] in b for i in range(len(a) - size + 1))


def _whose_figure(index: ZoneIndex, q: Question, result: MatchResult) -> MatchResult:
    """An entry giving a figure of a firm or project answers a figure asked of the zone only
    when the question names that firm or project: else the reply says the source does not
    give it, and shows what it does give."""
    if result.kind != "entry" or not result.candidates:
        return result
    record = result.candidates[0].record
    figures = figure_of_another_subject(index, q, record) or figure_of_another_item(
        index, q, record
    )
    if not figures and asks_of_its_members(index, q, record):
        figures = ("members",)
    return replace(result, kind="not_given", figures=figures) if figures else result


_CJK_APART_RE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _figure_asked_in_pinyin(index: ZoneIndex, q: Question, result: MatchResult) -> MatchResult:
    """A question typed in pinyin, or partly (阿斯利康 jidi zhao duoshao ren), answered by
    its latin words, asks the figure its pinyin says (mai duoshao qian yi tai: 多少钱, a
    price; ren jianmin de dianhua: a contact; qiye jiao sha mingzi: firms' names): an entry
    giving none of that kind says it is not given."""
    if result.kind != "entry" or not result.candidates:
        return result
    if not q.pinyin and not (CJK_RE.search(q.norm) and _LATIN_RUN_RE.search(q.norm)):
        return result
    spelt, _left = index.lexicon.from_pinyin(q.norm)
    read = _CJK_APART_RE.sub("", normalize(spelt))  # 多少 钱 read as 多少钱
    named = _named_firms(index, replace(q, norm=read), result)
    if named.kind == "not_given":
        return named
    # no count: jia may be 架 as well as 家 (duoshao jia jigui)
    asked = figures_asked_outright(read) - {"count"}
    if not asked or gives_figure(answer_text(result.candidates[0].record), asked):
        return result
    return replace(result, kind="not_given", figures=tuple(sorted(asked)))


def _for_whom(q: Question, result: MatchResult) -> MatchResult:
    """An entry answering a question that singles out its askers ("对外资企业有什么优惠",
    "incentives for start-ups"), or asks what the asker would do there (怎么报名, tuition),
    only when it mentions them: else the reply says the source gives nothing on them, and
    shows what it does give."""
    if result.kind != "entry" or not result.candidates:
        return result
    # who the asker says they are ("我们是港资企业，…") is no kind of asker asked about
    asking = without_the_asker(q) or q
    entry = result.candidates[0].record.entry
    askers = unmentioned(asking.norm, entry)
    if askers:
        return replace(result, kind="not_given", askers=askers)
    if not names_an_errand(asking.norm):  # most questions stop here
        return result
    clauses = [
        q.memo.normalized(part)
        for clause in CLAUSE_RE.split(asking.raw)
        for part in SPACED_PARTS_RE.split(clause)
    ]
    asks = " ".join(c for c in clauses if _asks(c) or A_NOT_A_RE.search(c))
    errands = errands_unmentioned(asks, entry)
    return replace(result, kind="not_given", errands=errands) if errands else result


def _match(index: ZoneIndex, q: Question, context_zone: str | None) -> MatchResult:
    if not q.norm or is_smalltalk(q.norm):
        return MatchResult(kind="smalltalk", lang=q.lang, traditional=q.traditional)
    mention = index.finder.find(q.norm)
    q = replace(q, names=mention.names, slips=mention.latin_slips)
    named = list(mention.zone_ids)
    if q.pinyin and named:
        in_chinese = _from_pinyin(index, q, named)
        if in_chinese and in_chinese.kind in (*_FOUND, "unknown_topic"):
            return in_chinese  # 2024 nian yingye shouru: not given; ... mubiao: not written
    unknown_place = (
        mention.unknown_place
        or other_kind_of_zone(index, q.norm, mention)
        or zone_named_in_english(index, q)
    )
    if unknown_place and (
        inside_a_firms_name(index, q.norm, unknown_place)  # 中铁上海: the builder
        or a_word_of_ours(index, q, unknown_place)  # shiyanshi: 实验室, not 十堰市
    ):
        unknown_place = None
    if unknown_place and named and the_askers_own_place(q, unknown_place):
        unknown_place = None  # "…什么时候揭牌的？我在厦门投洽会上拿到的资料没写"
    if unknown_place and (
        not named
        or (places_only(index, mention) and not _told_apart(index, q.norm, mention, unknown_place))
        or compared_with_one_we_lack(q.norm, mention, unknown_place)
        or zone_we_lack_asked(q.norm, unknown_place)
        or _another_places_namesake(index, q.norm, mention, unknown_place)
    ):
        guessed = _place_only_guessed(index, q, unknown_place, context_zone)
        return guessed or place_we_lack(index, q, mention, unknown_place)
    other_kind = other_kind_of_zone_en(index, q, mention)
    if other_kind:
        return other_kind
    if q.pinyin and len(named) != 1 and (spelt := across_in_pinyin(index, q, named)):
        return cross(index, spelt, named)  # naxie yuanqu you rencai zhengce
    by_place = bool(named) and places_only(index, mention)
    crossing = is_cross(q.norm) or (context_zone is None and asks_which_ones(q.norm))
    names = [*mention.names, *_latin_places(index, named)] if crossing else []
    if crossing and len(named) == 1 and _asks_the_others(q.norm, names):
        # "which zones give revenue, Luzhou and who else?"
        others = _ASKS_THE_OTHERS_RE.sub(" ", _without(q.norm, names))
        others = re.sub(r" +", " ", others).strip()
        return cross(index, replace(q, raw=others, norm=others), [])
    if crossing and (len(named) != 1 or by_place or which_in_each_clause(q)):
        if not named and mention.shared:  # "which zones in 青岛": the city is no topic
            return cross(
                index, replace(q, norm=q.norm.replace(mention.shared_name, " ")), [*mention.shared]
            )
        if by_place:  # "河南和四川的园区分别是哪个", "四川的园区有哪个": nor are the places
            bare = re.sub(r"在(?= )", " ", _without(q.norm, names))  # 哪些园区在河南: nor 在
            return cross(index, replace(q, norm=bare), named)
        found = cross(index, q, named)
        return _crossed_by_the_asking_sentence(index, q, found) if not named else found
    if len(named) > 1:
        return several_zones(index, q, named)
    if named:
        q = without_the_plans(q) or q
        q = _without_the_scene(index, q, named[0]) or q
        q = _without_the_aside(index, q, named[0]) or q
        found = _in_zone(index, q, named[0])
        if found.kind == "not_given" and (alone := _asked_beside_a_story(index, q, named[0])):
            return alone
        if found.kind in ("unknown_topic", "clarify"):
            other = (
                _each_question(index, q, named[0], found)
                or _one_clause(index, q, named[0])
                or _the_asking_sentence(index, q, named[0])
                or _misspelt(index, q, named[0])
                or _without_the_brackets(index, q, named[0])
                or _with_its_pinyin_read(index, q, named[0])
                or _each_part(index, q, named[0])
                or _where_the_firm_is(index, q, named[0], mention)
                or _beside_the_overview(index, q, named[0], found)
                or _plain_leader(index, q, named[0], mention, found)
            )
            if other is not None and other.kind == "not_given":
                other = _asked_beside_a_story(index, q, named[0]) or other
            return other if other and _keeps_the_firms(index, q, named[0], other) else found
        # a question whose whole lacks a figure may ask it in one clause and more in another
        both = (
            _each_question(index, q, named[0], found)
            if found.kind in ("entry", "not_given")
            else None
        )
        if both:  # "<zone>的综合楼几层，谁承建的": each clause asks its own entry
            return both
        if found.candidates[0].coverage >= TYPO_COVERAGE:
            return found
        apart = _each_part(index, q, named[0], asked_apart(q.norm))
        if apart:  # "<zone>多少企业 营收又是多少": two figures asked, each its own entry
            return apart
        corrected = _misspelt(index, q, named[0])  # the question read through a typo fits better
        return corrected if corrected and corrected.score > found.score else found
    if mention.shared:
        return _which_zone(index, q, mention, context_zone)
    if about_the_bot(q.norm):
        return MatchResult(kind="smalltalk", lang=q.lang, traditional=q.traditional)
    if context_zone is not None and context_zone in index.kb.zones:
        return replace(_in_zone(index, q, context_zone), context_used=True)
    as_chinese = _from_pinyin(index, q, None) if q.pinyin else None
    if as_chinese and as_chinese.kind == "clarify":  # "zhandi mianji": which zone, as 占地面积
        return as_chinese
    found = anywhere(index, q)
    if found.kind == "nothing":
        return _asked_of_any_zone(index, q) or found
    return found


def _crossed_by_the_asking_sentence(
    index: ZoneIndex, q: Question, found: MatchResult
) -> MatchResult:
    """A question across zones after the asker's story ("My cousin sent me a screenshot of
    the page, I can't read Chinese. What zones can you tell me about?"), read from its last
    sentence when the whole finds nothing."""
    if found.kind not in ("cross", "nothing") or found.zones or found.candidates:
        return found
    asking = _asking_sentences(q)
    if not asking:
        return found
    read = read_question(" ".join(asking), q.lang)
    if index.finder.find(read.norm).zone_ids or not is_cross(read.norm):
        return found
    again = _match(index, read, None)
    return replace(again, lang=q.lang) if again.kind in ("cross", "zones") else found


def _asking_sentences(q: Question) -> list[str]:
    """A question's sentences ending in a question mark, when others tell a story around
    them (none when every sentence asks)."""
    said = sentences(q.raw)
    asking = [s for s in said if s.rstrip().endswith(("?", "？"))]
    return asking if len(asking) < len(said) else []


def _asked_of_any_zone(index: ZoneIndex, q: Question) -> MatchResult | None:
    """A question naming no zone, read from its sentences asking (ending in a question mark)
    when the whole finds nothing: "Who is the director there? I want to write him." asks
    which zone is meant, as its asking sentence alone does."""
    asking = _asking_sentences(q)
    if not asking:
        return None
    if q.lang == "en" and names_an_unknown_thing(index, q.raw):
        return None  # "Tell me about Detroit. What is the revenue?": another place's
    found = anywhere(index, read_question(" ".join(asking), q.lang))
    return found if found.kind == "clarify" else None


def _told_apart(index: ZoneIndex, norm: str, mention: ZoneMention, place: str) -> bool:
    """Tell whether a question naming a place we lack (the asker's own town: 俺是开封的)
    names our zone by its own name, with its city or inside it (安阳…那个光电园, 青海零碳园),
    so that it asks about our zone: not 河南郑州光电产业园 (the place just before the name,
    no city of ours), nor a question ending on the place (…我想问问：烟台有多少家企业？)."""
    if place != mention.unknown_place or len(mention.zone_ids) != 1:
        return False
    zone_id = mention.zone_ids[0]
    if zone_id not in mention.by_own_name:
        return False
    places, cities = index.places[zone_id], _cities(index, zone_id)
    own = [n for n in mention.names if n not in places]
    placed = any(n in cities for n in mention.names) or any(p in n for n in own for p in places)
    compact = norm.replace(" ", "")
    at = compact.rfind(place)
    return (
        placed
        and bool(own)
        and at < min(compact.find(n) for n in own)
        and all(compact.find(n) != at + len(place) for n in own)
    )


def _cities(index: ZoneIndex, zone_id: str) -> list[str]:
    """A zone's city, not its province: the last part of its location (山东省青岛市: 青岛)."""
    parts = location_parts(index.kb.zones[zone_id])
    return parts[-1:] if len(parts) > 1 else parts


def _another_places_namesake(
    index: ZoneIndex, norm: str, mention: ZoneMention, place: str
) -> bool:
    """A zone named by the short part of its name (零碳产业园) after a place it is not in
    (鄂尔多斯零碳产业园, 上海零碳产业园, 宁夏宁东那个零碳园区 with a district between):
    another place's zone of that name, not ours."""
    if len(mention.zone_ids) != 1 or set(mention.kinds) != {"short"}:
        return False
    location = index.kb.zones[mention.zone_ids[0]].location
    if location is not None and place in (location.zh or ""):
        return False
    return any(
        re.search(
            re.escape(place) + _DISTRICT_BETWEEN + r"(?:的|那个|这个)?" + re.escape(name), norm
        )
        for name in mention.names
    )


# a district's name between a place and a zone's short name (宁夏宁东那个零碳园区), not words
# placing it near the place (西宁那边的零碳产业园: ours, near Xining)
_DISTRICT_BETWEEN = r"(?:(?!那边|这边|旁边|附近|周边|一带|边上)[\u4e00-\u9fff]){0,3}?"


def _place_only_guessed(
    index: ZoneIndex, q: Question, place: str, context_zone: str | None
) -> MatchResult | None:
    """ "<zone> is in which city? xining?": a place named only in a guess at what is asked
    is no zone asked about; the question before it decides."""
    aside = without_the_aside(q)
    if aside is None or not aside.guessed or place.lower() not in aside.text:
        return None
    if place.lower() in aside.bare.norm:
        return None
    found = _match(index, aside.bare, context_zone)
    return found if found.kind in _FOUND else None


def _without(norm: str, names: Sequence[str]) -> str:
    """A question's text with these names blanked out (latin ones as whole words)."""
    for name in names:
        if name.isascii():
            norm = re.sub(rf"\b{re.escape(name)}\b", " ", norm)
        else:  # 四川省 of 四川
            norm = re.sub(re.escape(name) + "(?:省|市|自治区)?", " ", norm)
    return norm


def _latin_places(index: ZoneIndex, zone_ids: Sequence[str]) -> list[str]:
    """The latin names of these zones' cities and provinces (henan, qingdao)."""
    keys = index.finder.latin_keys_of
    return [key for zone_id in zone_ids for key, kind in keys[zone_id] if kind == "city"]


def _beside_the_overview(
    index: ZoneIndex, q: Question, zone_id: str, found: MatchResult
) -> MatchResult | None:
    """A clarifying question between the zone's overview, which sums up every entry, and one
    entry: that entry answers when it passes every test of a covering entry, though under
    the answer threshold. Tried after every other reading of the question."""
    if found.kind == "unknown_topic" and not q.pinyin:  # as _in_zone weighs it again
        found = _in_zone_scored(index, q, zone_id, framed=False)
    if found.kind != "clarify" or len(found.candidates) != 2:
        return None
    beside = [c for c in found.candidates if c.record is not index.overview[zone_id]]
    if len(beside) != 1:
        return None
    topic = topic_of(index, q, [zone_id])
    if not coverers(index, q, topic, beside, zone_id, threshold=CLARIFY_SCORE):
        return None
    return replace(found, kind="entry", score=beside[0].score, candidates=(beside[0],))


def _keeps_the_firms(index: ZoneIndex, q: Question, zone_id: str, result: MatchResult) -> bool:
    """Tell whether a reading of part of a question still answers about the firms or projects
    the whole question names: "<project>…，想问问<zone>这个项目总投资是多少" is not answered by
    another project's investment found in the clause naming the zone."""
    if result.kind != "entry":
        return True
    clauses = (q.memo.normalized(c) for c in CLAUSE_RE.split(q.raw))
    told = " ".join(c for c in clauses if not tells_of_the_asker(c))
    firms = index.entities_in(told, zone_id)  # not 太钢 of "我退休前在太钢干了30多年"
    return not firms or names_a_firm(index, result.candidates[0].record, firms)


def _answered_or_lacking(q: Question, best: Candidate) -> Kind:
    """Answer with the entry chosen, unless it leaves out what is asked (its not_given, the
    post's holder when it names only the deputy, the day when it gives none)."""
    lacking = asks_what_is_not_given(q, best.record)
    lacking = lacking or only_the_deputy(q.norm, answer_text(best.record))
    lacking = lacking or lacks_the_day(q.norm, answer_text(best.record))
    return "not_given" if lacking else "entry"


def _plain_leader(
    index: ZoneIndex, q: Question, zone_id: str, mention: ZoneMention, found: MatchResult
) -> MatchResult | None:
    """The zone's entry far enough ahead for a question asking no figure
    (`leader_asking_no_figure`), weighed on the whole question once no clause answers;
    not when only a place was named ("the weather in qinghai"). `found`: the zone's
    decision, whose candidates are the ranking when it found no topic."""
    if set(mention.kinds) <= {"city"}:
        return None
    topic = topic_of(index, q, [zone_id])
    if found.kind == "unknown_topic" and found.candidates:
        ranked = list(found.candidates)
    else:
        features = index.question_features(topic, pinyin_words=q.pinyin)
        if not features:
            return None
        ranked = rank_entries(index, q, features, topic, zone_id)
    leader = leader_asking_no_figure(index, q, topic, ranked, zone_id)
    if not leader:
        return None
    return replace(
        answered_by(leader[0], q.lang, q.traditional), kind=_answered_or_lacking(q, leader[0])
    )


def _without_the_scene(index: ZoneIndex, q: Question, zone_id: str) -> Question | None:
    """The question without the clauses setting its scene (`without_the_scene`), when what is
    left finds an entry of the zone; the firms and projects the scene names are kept."""
    bare = without_the_scene(
        q, lambda clause: _names_a_topic(index, read_question(clause, q.lang), zone_id)
    )
    if bare is None:
        return None
    named = [*index.entities_in(q.norm, zone_id), *index.latin_entities_in(q.norm, zone_id)]
    firms = [f for f in named if f not in bare.norm]
    if firms:
        text = " ".join([*firms, bare.raw])
        bare = replace(read_question(text, q.lang), names=q.names, slips=q.slips)
    return bare if _in_zone(index, bare, zone_id).kind in _FOUND else None


# a run of two or more latin words in a Chinese question ("泸州高新区2022年yingye shouru duoshao")
_LATIN_RUN_RE = re.compile(r"[a-z]+(?: [a-z]+)+")


def _with_its_pinyin_read(index: ZoneIndex, q: Question, zone_id: str) -> MatchResult | None:
    """A Chinese question typed partly in pinyin, read with its pinyin runs as the Chinese
    words they spell (the base's own words, `from_pinyin`), when each run is pinyin alone;
    a word of the zone's name is dropped, a word no list holds stays as typed (it is asked)."""
    if not CJK_RE.search(q.norm):
        return None
    keys = _pinyin_keys(index, [zone_id])

    def spelt(run: re.Match[str]) -> str:
        words = run.group().split()
        if any(split_pinyin(w, min_letters=2) is None for w in words) or all(
            w in english_words() for w in words
        ):
            return run.group()  # English, or a name: not pinyin (li and de are words too)
        text, left = index.lexicon.from_pinyin(run.group())
        named = {w for w in left if any(w in key for key in keys)}  # lingtan of 零碳
        read = " ".join(w for w in text.split() if w not in named)
        return f" {_CJK_APART_RE.sub('', read)} "  # 招 多少 人 as typed: 招多少人

    read = _LATIN_RUN_RE.sub(spelt, q.norm)
    if read == q.norm:
        return None
    read_q = replace(read_question(read, q.lang), names=q.names, slips=q.slips)
    found = _in_zone(index, read_q, zone_id)
    return found if found.kind in _FOUND else None


def _without_the_brackets(index: ZoneIndex, q: Question, zone_id: str) -> MatchResult | None:
    """The question read without its brackets (`without_the_brackets`), when that finds an
    entry of the zone the whole did not."""
    bare = without_the_brackets(q)
    if bare is None:
        return None
    whole, left = index.finder.find(q.norm), index.finder.find(bare.norm)
    other = whole.unknown_place if whole.unknown_place != left.unknown_place else None
    if set(whole.zone_ids) != set(left.zone_ids) or (other and _names_a_kind_of_zone(other)):
        return None  # the brackets name a zone: 泸州的营收（还有苏州工业园区的）; not 酒城
    found = _in_zone(index, bare, zone_id)
    if found.kind == "entry" and _answered_or_lacking(q, found.candidates[0]) != "entry":
        return replace(found, kind="not_given")  # 大数据中心（PUE多少）: asked in the brackets
    return found if found.kind in _FOUND else None


def _names_a_kind_of_zone(place: str) -> bool:
    """Tell whether an unknown place is a zone (苏州工业园区, Suzhou Industrial Park), by the
    kinds of zone the finder knows, not a town's other name (the baijiu city)."""
    letters = re.sub(r"[^a-z]", "", place.lower())
    return bool(ZONE_SUFFIX_RE.search(place)) or any(kind in letters for kind in zone_kinds_en())


def _without_the_aside(index: ZoneIndex, q: Question, zone_id: str) -> Question | None:
    """The question without its last part asking nothing the base holds (`without_the_aside`),
    when what is left names the zone: the asker's trade there would pick an entry by chance;
    a guess only when the whole question finds no entry and what is left does (有新材料吗 may
    be what the entry holds, 有哪些产业？ a guess at nothing)."""
    aside = without_the_aside(q)
    if aside is None or index.finder.find(aside.text).zone_ids:
        return None
    if zone_id not in index.finder.find(aside.bare.norm).zone_ids:
        return None
    if aside.guessed and (
        _in_zone(index, q, zone_id).kind in _FOUND
        or _in_zone(index, aside.bare, zone_id).kind not in _FOUND
    ):
        return None
    return aside.bare


def _where_the_firm_is(
    index: ZoneIndex, q: Question, zone_id: str, mention: ZoneMention
) -> MatchResult | None:
    """ "<firm>在哪个园区": a question naming its zone only by a firm and asking where it is
    is answered by the zone's entry naming the firm (the zone's location does not)."""
    if set(mention.kinds) != {"entity"} or not _WHERE_RE.search(q.norm):
        return None
    firms, latin = index.entities_in(q.norm, zone_id), index.latin_entities_in(q.norm, zone_id)
    topic, features = topic_features(index, q, [zone_id])
    ranked = rank_entries(index, q, features, topic, zone_id) if len(features) else []
    naming = next(
        (
            c
            for c in ranked
            if names_a_firm(index, c.record, firms) or _names_in_english(c.record, latin)
        ),
        None,
    )
    chosen = naming or overview_of(index, zone_id)
    return None if chosen is None else answered_by(chosen, q.lang, q.traditional)


# the asker going to see the zone: 什么时候能去看看 asks when they may, no date of the zone's
_VISIT_RE = re.compile(
    r"(?:去|来|过去|过来)看看|参观|考察|拜访|\b(?:visit|visiting|come|go) (?:and )?see\b"
)


def _one_clause(index: ZoneIndex, q: Question, zone_id: str) -> MatchResult | None:
    """Answer a long question from the clause that asks something.

    "我们正在比较几个地方，想了解一下<zone>的营业收入，有最新的吗": the clause naming the zone
    with a topic of its own is what is asked, and decides alone (its topic unknown: no
    answer). When the zone's clause only names it ("we are looking at <zone>."), the one
    other clause that finds an entry answers, unless another one asks a known topic too.
    """
    clauses = [c for c in CLAUSE_RE.split(q.raw) if c.strip()][:MAX_CLAUSES]
    if len(clauses) < 2:
        return None
    answers: list[MatchResult] = []
    asking_after: list[MatchResult] = []  # what each clause after the zone's, worded as a
    # question, finds
    focus: list[tuple[MatchResult, bool, int]] = []  # the zone's clauses: result, asks, place
    unanswered = False  # a clause asks a known topic that no entry answers
    elsewhere: set[Figure] = set()  # kinds of figure asked in clauses finding no entry
    finds: dict[int, EntryRecord] = {}  # the entry each clause finds, if any
    for at, clause in enumerate(clauses):
        part = read_question(clause, q.lang)
        mention = index.finder.find(part.norm)
        part = replace(part, names=mention.names, slips=mention.latin_slips)
        topic, features = topic_features(index, part, [zone_id])
        if not features or is_smalltalk(part.norm):
            continue  # a greeting ("Good day."), or only the zone's name
        result = _in_zone(index, part, zone_id)
        if result.kind in _FOUND and result.candidates:
            finds[at] = result.candidates[0].record
        asks = bool(ASKS_RE.search(part.norm)) and not REMARK_RE.match(part.norm)
        if zone_id in mention.zone_ids and _has_topic(index, part, topic):
            focus.append((result, asks, at))
        elif result.kind in _FOUND:
            answers.append(result)
            if asks and focus:
                asking_after.append(result)
        else:
            known = bool(index.lexicon.words(topic, english=part.lang == "en"))
            # of the zone, not the asker's story ("I work for an NGO"): what the base may
            # tell, and the figure asked (每个月补多少), but not when the asker may visit
            if not ASKER_OPENS_RE.match(part.norm):
                unanswered |= known
                asked = figures_asked_outright(part.norm)
                if _VISIT_RE.search(part.norm):  # 什么时候能去看看
                    asked -= {"date"}
                elsewhere |= asked
    found = [f for f in focus if f[0].kind in _FOUND]
    if (
        len(found) == 1
        and len(asking_after) == 1
        and not _asks(q.memo.normalized(clauses[found[0][2]]))
    ):
        # "读到<zone>开工的消息，想请教园内那栋综合楼几层": the zone's clause tells what the
        # asker read, asking nothing; the clause after it asks
        answers = asking_after
    elif len(found) == 1 and not any(asks and r.kind not in _FOUND for r, asks, _ in focus):
        answers = [found[0][0]]  # the zone's clause that asks and answers decides
    elif len(focus) == 1 and not found and asking_after:
        # "<zone>对于…的项目，搬迁费用按什么比例补贴，最高多少": the zone's clause sets the scene
        # (or asks in other words); with the clauses after it, it asks about that zone
        _, asks, at = focus[0]
        joined = read_question(" ".join(clauses[at if asks else at + 1 :]), q.lang)
        result = _in_zone(index, joined, zone_id)
        if result.kind in _FOUND:
            answers = [result]
        elif (
            len(asking_after) == 1 and not asks and _names_nothing(index, q, clauses[at], zone_id)
        ):
            answers = asking_after  # "...the Anyang park in Henan. ... What is its land area?"
        else:
            answers = []
    elif focus:
        answers = []
    elif unanswered:
        return None
    entries = {tuple(c.record for c in a.candidates) for a in answers}
    if len(answers) != 1 and len(entries) != 1:  # two clauses asking of one entry answer once
        return None
    answer = replace(answers[0], lang=q.lang, traditional=q.traditional)
    chosen = answer.candidates[0].record if answer.candidates else None
    if elsewhere and chosen and not gives_figure(answer_text(chosen), frozenset(elsewhere)):
        # "<zone> groundbreaking, which leader gave a speech?": the entry names no one
        return replace(answer, kind="not_given", figures=tuple(sorted(elsewhere)))
    if answer.kind == "entry" and len(answer.candidates) == 1:
        # "<zone>人才引进的话，有没有公寓？安家费给多少": the clause naming the topic finds
        # the entry, another asks what the entry says its source leaves out
        norms = [(at, q.memo.normalized(c)) for at, c in enumerate(clauses)]
        asking = [
            norm
            for at, norm in norms
            if finds.get(at, chosen) is chosen
            and not ASKER_OPENS_RE.match(norm)
            and not _VISIT_RE.search(norm)
        ]
        # read whole, and each clause alone ("…, when it starts to accept students, and
        # they accept foreigners?": "students" beside the next clause's "and" is asked too)
        reads = [" ".join(asking), *asking] if len(asking) > 1 else asking
        if any(
            _answered_or_lacking(read_question(text, q.lang), answer.candidates[0]) != "entry"
            for text in reads
        ):
            return replace(answer, kind="not_given")
    return answer


def _the_asking_sentence(index: ZoneIndex, q: Question, zone_id: str) -> MatchResult | None:
    """Answer a long question from its last sentence, the one asking (ending in a question
    mark) after sentences telling the asker's story: "Hello. My cousin ... told me ... .
    Before I contact them I want to understand: which industries will be inside this park?"
    """
    said = sentences(q.raw)
    remarked = False  # a remark after the question is the story told, as one before it is
    while (
        len(said) > 1
        and not said[-1].rstrip().endswith(("?", "？"))
        and (
            _signs_off(index, said[-1], q.lang, zone_id)
            or (_remarks(said[-1], q.lang) and any(s.rstrip().endswith(("?", "？")) for s in said))
        )
    ):
        if not _signs_off(index, said[-1], q.lang, zone_id):
            if asked_figures(read_question(said[-1], q.lang).norm):
                return None  # "Where is it? And the electricity price per kWh.": asked too
            remarked = True
        said = said[:-1]  # "… How many workers are on site per day? Moitas grazas"
    while len(said) > 2 and _only_narrows(index, q, said, zone_id):
        said, remarked = said[:-1], True  # "… what part of the supply is green? All of it?"
    checked = remarked  # "Where is it? My cousin said it is near Xining, is it?": the first asks
    while (
        len(said) > 1
        and _CHECKS_A_CLAIM_RE.search(said[-1])
        and said[-2].rstrip().endswith(("?", "？"))
    ):
        said, checked = said[:-1], True
    if len(said) < 2 - checked or not said[-1].rstrip().endswith(("?", "？")):
        return None
    if any(
        s.rstrip().endswith(("?", "？")) and not _CHECKS_A_CLAIM_RE.search(s) for s in said[:-1]
    ):
        return None  # two questions asked: the two-question readings have been tried
    asked = _COLON_RE.split(said[-1])[-1]  # "…, so he asked me to ask you: in the …, which …?"
    last = read_question(asked if _asks(read_question(asked, q.lang).norm) else said[-1], q.lang)
    named = index.finder.find(last.norm)
    if named.unknown_place or set(named.zone_ids) - {zone_id}:
        return None  # "... My partner prefers Datong. Datong relocation subsidy?"
    if (
        zone_id not in named.zone_ids
        and _POINTS_BACK_RE.search(last.norm)
        and not _only_ours_told_of(index, q, last, zone_id)
    ):
        return None  # 那个园区 of "…还有个泸州酒业集中发展区…。那个园区…？": maybe another park;
        # "… a programme called 'double' something. What is it called?": the story's thing
    result = _in_zone(index, last, zone_id)
    return (
        replace(result, lang=q.lang, traditional=q.traditional) if result.kind in _FOUND else None
    )


def _only_narrows(index: ZoneIndex, q: Question, said: list[str], zone_id: str) -> bool:
    """Tell whether a question's last sentence only narrows the question before it ("All of
    it or only a part?"): it asks, names no zone and no topic of its own."""
    last, before = said[-1].rstrip(), said[-2].rstrip()
    if not (last.endswith(("?", "？")) and before.endswith(("?", "？"))):
        return False
    part = read_question(last, q.lang)
    return not index.finder.find(part.norm).zone_ids and not _names_a_topic(index, part, zone_id)


_COLON_RE = re.compile(r"[:：]\s")  # what a story leads into: the question after it
# a statement asking for something: please give, send me, we need the X, want to know, 请给我
_REQUEST_RE = re.compile(
    r"\b(?:please|pls|plz|kindly|give|send|provide|share|tell me|tell us|let me know)\b"
    r"|\b(?:need|needs|want|wants|would like)\b(?! to (?!know|have|get|see|receive|learn)\w)"
    r"|请|麻烦|给我|发我|提供|需要|告诉我|想要",
    re.IGNORECASE,
)
_POINTS_AT_A_THING_RE = re.compile(
    r"这个|那个|这项|那项|该|它|\b(?:this|that|these|those|it|its)\b"
)


def _asked_beside_a_story(index: ZoneIndex, q: Question, zone_id: str) -> MatchResult | None:
    """The entry the one asking sentence finds alone, when what the whole lacks is told in the
    story around it ("Jean-Pierre wants to rent a corner. What buildings are going up in ...?"
    asks no rent): not when it points back at the story ("… give a one-off award. How much is
    this award?") or a sentence after it names a figure ("… ? Price in USD please.")."""
    said = sentences(q.raw)
    asking = [at for at, s in enumerate(said) if s.rstrip().endswith(("?", "？"))]
    if sum(_asks(read_question(s, q.lang).norm) for s in said) > len(asking):
        return None  # "…奖励给多少钱。再问一下…？": a sentence asks without its question mark
    if any(_REQUEST_RE.search(s) for at, s in enumerate(said) if at not in asking):
        return None  # "Please give me his phone number. Who is he?": the statement asks too
    if len(asking) != 1 or _POINTS_AT_A_THING_RE.search(
        read_question(said[asking[0]], q.lang).norm
    ):
        return None
    if any(asked_figures(read_question(s, q.lang).norm) for s in said[asking[0] + 1 :]):
        return None
    bare = read_question(without_figure_words(read_question(said[asking[0]], q.lang).norm), q.lang)
    if not _names_a_topic(index, bare, zone_id):  # "… dat settle deh. How much money exactly?"
        return None
    alone = _the_asking_sentence(index, q, zone_id)
    return alone if alone is not None and alone.kind == "entry" else None


# a sentence asking only whether what the asker heard is so ("…, is true?", 是真的吗)
_CHECKS_A_CLAIM_RE = re.compile(
    r"(?:\bis (?:it |that |this )?true|\bright|\breally|是真的吗|是不是真的|对吗|对不对"
    r"|, ?(?:is it|isn['’]?t it|is that so|no))\W*$",
    re.IGNORECASE,
)


def _remarks(sentence: str, lang: Lang) -> bool:
    """Tell whether a sentence after a question asks nothing ("My cousin said it is enormous,
    like a small city."): a remark, whatever it names."""
    return not _asks(read_question(sentence, lang).norm)


def _signs_off(index: ZoneIndex, sentence: str, lang: Lang, zone_id: str) -> bool:
    """Tell whether a sentence after the question asks nothing and names no topic (thanks,
    a sign-off, the asker's name)."""
    part = read_question(sentence, lang)
    if _asks(part.norm) or index.finder.find(part.norm).zone_ids:
        return False
    return not _names_a_topic(index, part, zone_id)


_POINTS_BACK_RE = re.compile(
    r"那个|这个|那里|那边|它|\b(?:it|its|that|this|there|they|them|their)\b"
)


def _only_ours_told_of(index: ZoneIndex, q: Question, last: Question, zone_id: str) -> bool:
    """Tell whether a question's story names no park but ours, and no place but the
    asker's own ("My agent in Guangzhou says there is a park in …. How big is it?").

    With no place told, the last sentence must ask a thing of its own: in "… a programme
    called 'double' something. What is it called?" the story's programme is asked."""
    mention = index.finder.find(q.norm)
    place = mention.unknown_place or other_kind_of_zone(index, q.norm, mention)
    if place is not None:
        return the_askers_own_place(q, place)
    story = q.memo.normalized(" ".join(sentences(q.raw)[:-1]))
    if _NAMES_A_PARK_RE.search(index.strip_zone_names(story, zone_id)):
        return False
    return bool(asked_figures(last.norm)) or _names_a_topic(index, last, zone_id)


# a park or an area the story names besides ours (还有个泸州酒业集中发展区, "a new battery park")
_NAMES_A_PARK_RE = re.compile(r"园|区|\b(?:parks?|zones?|districts?)\b")


def _each_question(
    index: ZoneIndex, q: Question, zone_id: str, whole: MatchResult
) -> MatchResult | None:
    """Answer a question asking two things in two clauses with an entry for each.

    "<zone>的综合楼几层，谁承建的", "<fact>，是谁说的", "when did it start — and who runs
    it?": each clause worded as a question, with a topic of its own, is asked of the zone
    alone; when two or three of them find different entries, all are shown (before, the
    entry of the whole question answered and the other part was dropped). A clause that
    does not ask (a scene, the asker's plans) is left out; a clause that asks and finds no
    entry leaves the question to the other rules. `whole`: the question's own decision.
    """
    clauses = [c for c in PARTS_RE.split(q.raw) if c.strip()][:MAX_CLAUSES]
    if len(clauses) == 1:  # typed without punctuation: parts apart by spaces, if each asks
        spaced = [c for c in SPACED_PARTS_RE.split(q.raw) if c.strip()][:MAX_CLAUSES]
        clauses = spaced if all(_asks(q.memo.normalized(c)) for c in spaced) else clauses
    norms = [q.memo.normalized(c) for c in clauses]
    said = any(WHO_SAID_RE.search(n) for n in norms)
    if said:  # "who said <fact>?": the speaker and the fact are two parts
        clauses = [p for c in clauses for p in _speaker_apart(c)]
    elif sum(map(_asks, norms)) < 2:
        return None  # "你好，<zone>…多少，谢谢": one clause asks, the others ask nothing
    if len(clauses) < 2:
        return None
    if whole.kind != "entry":
        whole = _one_clause(index, q, zone_id) or whole
    # "<project>, when did work start, when did it open": the clause asking nothing names
    # what the others ask about (unless a statement's speaker is asked: it is a part)
    subject = (
        ""
        if said
        else " ".join(
            c
            for c, n in zip(clauses, norms, strict=True)
            if not _asks(n) and not ASKER_OPENS_RE.match(n)  # 我们园区也在推进…: the asker's
        )
    )
    picks: list[Candidate] = []
    lacking: MatchResult | None = None  # the first part whose entry lacks what it asks
    named_before: Sequence[str] = ()  # the firms or projects an earlier part names
    for clause in clauses:
        part = read_question(clause, q.lang)
        speaker = WHO_SAID_RE.search(part.norm)
        if speaker:  # "这话是谁讲的", "who said so": asks which people are named, nothing else
            part = read_question(SPEAKERS[part.lang], part.lang)
        if not _asks(part.norm) and not said:
            continue
        mention = index.finder.find(part.norm)
        if set(mention.zone_ids) - {zone_id}:
            return None
        part = replace(part, names=mention.names, slips=mention.latin_slips)
        if not _has_topic(index, part, topic_of(index, part, [zone_id])):
            continue  # "and how does it compare?", "有没有最新的": asks nothing of its own
        own = index.entities_in(part.norm, zone_id)
        if not speaker and subject and not own:
            text = " ".join([subject, clause])
            part = replace(read_question(text, q.lang), names=q.names, slips=q.slips)
        elif not speaker and not own and named_before and not _names_a_topic(index, part, zone_id):
            # "<project>投资多少？主变容量多大？": a part naming no topic the base writes asks
            text = " ".join([*named_before, clause])  # of the project the part before names
            part = replace(read_question(text, q.lang), names=q.names, slips=q.slips)
        named_before = own or named_before
        result = _in_zone(index, part, zone_id)
        if result.kind not in _FOUND:
            return None
        if picks and _gives_what_is_asked(index, part, picks[-1]):
            continue  # "<project>投资多少，占地多大": the project's entry gives its area too
        if result.candidates[0].record not in {c.record for c in picks}:
            picks.append(result.candidates[0])
            if result.kind == "not_given" and lacking is None:
                lacking = result
    if not 2 <= len(picks) <= 3:
        return None
    first = whole.candidates[0] if whole.kind == "entry" else None
    if (
        first
        and first.record.entry.topic != "overview"
        and first.record not in {c.record for c in picks}
        and first.score >= min(c.score for c in picks)
    ):  # the question as a whole is about another entry and scores as well as its clauses
        return None
    if lacking is not None and whole.kind != "entry":
        # a part lacks its figure and the question read whole finds no entry: what is not
        # given is said first, and every part's entry is shown under it (status: no answer)
        lacked = lacking.candidates[0]
        shown = (lacked, *(c for c in picks if c.record is not lacked.record))
        return replace(
            lacking, lang=q.lang, traditional=q.traditional, candidates=shown, parts=True
        )
    return MatchResult(
        kind="zones",
        lang=q.lang,
        traditional=q.traditional,
        score=min(c.score for c in picks),
        zone_id=zone_id,
        candidates=tuple(picks),
        zones=(zone_id,),
    )


def _names_a_topic(index: ZoneIndex, part: Question, zone_id: str) -> bool:
    """Tell whether a part of a question names a word the base writes, besides how it asks."""
    words = content_words(index, part, topic_of(index, part, [zone_id]), zone_id)
    return any(not QUESTION_WORD_RE.match(w.text) for w in words)


def _names_nothing(index: ZoneIndex, q: Question, clause: str, zone_id: str) -> bool:
    """Tell whether a clause naming its zone names nothing else: no word the base writes and
    no Chinese it does not (还有个泸州酒业集中发展区 names another park)."""
    part = read_question(clause, q.lang)
    part = replace(part, names=index.finder.find(part.norm).names)
    topic = topic_of(index, part, [zone_id])
    if len(CJK_RE.findall(strip_stop_phrases(topic))) >= 2:
        return False
    return not _names_a_topic(index, part, zone_id)


def _asks(norm: str) -> bool:
    """Tell whether a part of a question is worded as asking something."""
    if REMARK_RE.match(norm):  # "hoping it is cheap": a remark, asking nothing
        return False
    return bool(ASKS_RE.search(norm) or PART_ASKS_RE.search(norm))


def _gives_what_is_asked(index: ZoneIndex, part: Question, before: Candidate) -> bool:
    """Tell whether a part naming nothing of its own ("占地多大", "when did it open") asks
    for a figure the entry of the part before it gives: it asks on about the same thing."""
    kinds = asked_figures(part.norm)
    if not kinds or index.entities_in(part.norm, before.record.zone_id):
        return False
    rest = strip_stop_phrases(without_figure_words(topic_of(index, part, [before.record.zone_id])))
    if len(CJK_RE.findall(rest)) >= 2 or any(w not in EN_STOPWORDS for w in latin_words(rest)):
        return False  # "营收多少": the part names what it asks the figure of
    answer = before.record.entry.answer
    return gives_figure(f"{answer.zh or ''} {answer.en or ''}", kinds)


def _speaker_apart(clause: str) -> list[str]:
    """A clause asking who said something, as the speaker asked and the statement."""
    norm = normalize(clause)
    speaker = WHO_SAID_RE.search(norm)
    if speaker is None:
        return [clause]
    rest = (norm[: speaker.start()] + " " + norm[speaker.end() :]).strip()
    return [speaker.group(), rest] if len(rest) >= 4 else [clause]


def _has_topic(index: ZoneIndex, part: Question, topic: str) -> bool:
    """Tell whether a clause asks about something besides naming its zone.

    "我们在看<zone>" or "we are looking at <zone>" only names it; two Chinese characters
    left once question words are gone, or an English word no sentence opens with, ask.
    """
    if index.lexicon.words(topic, english=part.lang == "en"):
        return True
    if len(CJK_RE.findall(strip_stop_phrases(topic))) >= 2:
        return True
    return any(w not in EN_STOPWORDS and w not in SENTENCE_OPENERS for w in latin_words(topic))


def _misspelt(index: ZoneIndex, q: Question, zone_id: str) -> MatchResult | None:
    """Answer a question whose topic word is misspelt (技培能训), read as the word it misses.

    Only a word the knowledge base labels or groups, one typo away, is put right; the
    corrected question must then be answered as any other.
    """
    if q.pinyin:
        return None
    topic = strip_stop_phrases(topic_of(index, q, [zone_id]))
    corrected = index.lexicon.correct(topic) or _firm_corrected(index, topic, zone_id)
    if corrected is None:
        return None
    reading = replace(q, norm=corrected, names=())
    result = _in_zone(index, reading, zone_id)
    if result.kind != "entry":
        return None
    record = result.candidates[0].record
    firms = index.entities_in(q.norm, zone_id)  # item 65 holds for the question put right
    if firms and not names_a_firm(index, record, firms):
        return None
    # the word read through the typo is what the reading asks: its answer must hold it
    topic = topic_of(index, reading, [zone_id])
    words = content_words(index, reading, topic, zone_id)
    if index.uncovered(record.number, words):
        return None
    # the figure the question asks (一度多少钱) is asked of the reading too
    asked = asked_figures(q.norm)
    if asks_what_is_not_given(q, record):
        return replace(result, kind="not_given")
    if not gives_figure(answer_text(record), asked):
        return replace(result, kind="not_given", figures=tuple(sorted(asked)))
    return result


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
    index: ZoneIndex, q: Question, zone_id: str, parts: list[str] | None = None
) -> MatchResult | None:
    """Answer a question joining two topics ("企业数量和营收分别是多少") with an entry for each.

    Only when the question as a whole finds no entry (or `parts`, asked apart, are given),
    and every part finds its own.
    """
    if parts is None:
        parts = [p for p in JOIN_RE.split(q.norm) if p.strip()]
    if not 2 <= len(parts) <= 3:
        return None
    picks: list[Candidate] = []
    for text in parts:
        part = replace(q, norm=text, names=index.finder.find(text).names)
        result = _in_zone(index, part, zone_id)
        topic = topic_of(index, part, [zone_id])
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


def _which_zone(
    index: ZoneIndex, q: Question, mention: ZoneMention, context_zone: str | None
) -> MatchResult:
    """Ask which zone a question means that names several alike (a city with several zones).

    Each zone's entry for the topic is offered where it has one; else the zones themselves.
    When only one of them has an entry holding every word asked, the topic says which zone
    is meant: that zone answers.
    """
    zones = list(mention.shared)
    if context_zone in zones:
        return replace(_in_zone(index, q, context_zone), context_used=True)
    topic, features = topic_features(index, q, zones)
    picks: list[Candidate] = []
    if features:
        scores = index.score_zones(features, zones)
        for zone_id in zones:
            ranked = rank_entries(index, q, features, topic, zone_id, scores)
            # the zone holding the topic is meant, whether or not it gives the figure asked
            best = best_covering(index, q, topic, ranked, zone_id, figured=False)
            if best is not None:
                picks.append(best)
    if len(picks) == 1:
        found = _in_zone(index, q, picks[0].record.zone_id, own_name=False)
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


def _from_pinyin(index: ZoneIndex, q: Question, named: list[str] | None) -> MatchResult | None:
    """Match a pinyin question as the Chinese it spells, when every word of it is known:
    the knowledge base's own words (rencai -> 人才) and the named zones' names in pinyin, or
    (`named` None: a question naming no zone) words the base writes."""
    if named is not None and not named:
        return None
    norm = _names_joined(index, q.norm, named or [])
    text, left = index.lexicon.from_pinyin(strip_pinyin_stops(norm))
    latin = [word for word in left if word.isascii() and not word.isdigit()]  # 2024 nian
    if named is None:
        known = all(index.knows_word(stem(w)) for w in latin)
    else:
        keys = _pinyin_keys(index, named)
        known = all(any(w in key for key in keys) for w in latin)
    if not known or text == q.norm:
        return None
    return match_question(index, _firms_joined(index, text, named or []), lang=q.lang)


def _firms_joined(index: ZoneIndex, text: str, zone_ids: list[str]) -> str:
    """A text read from pinyin with a firm's or project's name in one piece (kangfu daxue:
    康复 大学 is 康复大学), so that what is asked of it is asked of it."""
    tokens = text.split()
    for size in (3, 2):
        at = 0
        while at + size <= len(tokens):
            joined = "".join(tokens[at : at + size])
            if CJK_RE.match(joined) and any(
                joined in index.entities_in(joined, z) for z in zone_ids
            ):
                tokens[at : at + size] = [joined]
            at += 1
    return " ".join(tokens)


def _pinyin_keys(index: ZoneIndex, zone_ids: list[str]) -> list[str]:
    """The zones' latin keys but their names in other romanisations: the chu of Chungpei
    is no part of 中北's pinyin."""
    return [
        key
        for zone_id in zone_ids
        for key, _ in index.finder.latin_keys_of[zone_id]
        if key not in index.finder.romanised_names
    ]


def _names_joined(index: ZoneIndex, norm: str, named: list[str]) -> str:
    """A text with a named zone's pinyin name as one word, so that no word of it is read as
    a topic (zhineng zhizao of anyang guangdian zhineng zhizao chanyeyuan: 智能制造)."""
    keys = {key for zone_id in named for key, _ in index.finder.latin_keys_of[zone_id]}
    tokens = norm.split()
    for size in range(len(tokens), 1, -1):
        for at in range(len(tokens) - size + 1):
            if "".join(tokens[at : at + size]) in keys:
                joined = [*tokens[:at], "".join(tokens[at : at + size]), *tokens[at + size :]]
                return " ".join(joined)
    return norm


def _in_zone(index: ZoneIndex, q: Question, zone_id: str, *, own_name: bool = True) -> MatchResult:
    """A named zone's decision; one finding no entry is weighed again without the asker's
    frame words (规划, 动作, 来抓, programme), which lower every entry's coverage alike.

    Not when the zone was named by its city or province alone (`own_name` False): the
    question may be about another zone of that place.
    """
    found = _in_zone_scored(index, q, zone_id, framed=True)
    if found.kind != "unknown_topic" or q.pinyin or not own_name:
        return found
    if named_by_place_only(index, q, zone_id):
        return found
    again = _in_zone_scored(index, q, zone_id, framed=False)
    return again if again.kind == "entry" else found


def _in_zone_scored(index: ZoneIndex, q: Question, zone_id: str, *, framed: bool) -> MatchResult:
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

    topic, features = topic_features(index, q, [zone_id])
    if not features:
        overview = overview_of(index, zone_id)
        if overview:
            return decided("entry", (overview,))
    scored = topic if framed else without_frame(index, topic)
    if scored == topic and not framed:
        return decided("unknown_topic", ())  # no frame word: nothing to weigh again
    if scored != topic:
        features = index.question_features(scored)
    ranked = rank_entries(index, q, features, scored, zone_id)
    covering = (
        coverers(index, q, topic, ranked, zone_id)
        or clear_leader(index, q, topic, ranked, zone_id)
        or leader_missing_one_word(index, q, topic, ranked, zone_id)
    )
    years = tuple(sorted(years_asked(q.norm)))
    undated = (
        [] if covering or not years else coverers(index, q, topic, ranked, zone_id, dated=False)
    )
    if undated:  # 2019年的营收 where the source gives 2022's: say so, and show what it gives
        return decided("not_given", (undated[0],), years=years)
    unfigured = lacking_the_figure(index, q, topic, ranked, zone_id) if not covering else None
    if unfigured:  # 销售额多少钱 where the source gives only its growth: say so, show that
        own = entity_own_entry(index, q, topic, ranked, zone_id, unfigured[0])
        if own:  # unless the firm's or project's own entry gives it (item 81)
            return decided("entry", (own,))
        return decided("not_given", (unfigured[0],), figures=unfigured[1])
    overview = overview_of(index, zone_id)
    if (
        covering
        and overview is not None
        and covering[0].record is overview.record
        and ranked[0].record is not overview.record
        and ranked[0].score >= decision.ANSWER_SCORE
    ):  # the overview holds each word in passing; a better entry on the topic lacks one
        covering = [c for c in covering if c.record is not overview.record]
    if covering:
        covering = giving_the_figure_first(index, q, topic, covering)
        best, *tied = about_the_words(index, q, topic, covering)
        own = entity_own_entry(index, q, topic, ranked, zone_id, best)
        if own:  # a general entry mentioning the firm or project asked: its own entry answers
            best, tied = own, []
        if tied:  # two entries answer it alike: ask which
            return decided("clarify", (best, tied[0]))
        return decided(_answered_or_lacking(q, best), (best,))
    pair = pair_apart(index, q, topic, ranked, zone_id)
    if pair:  # two entries both hold every word asked and nothing else comes near: show both
        return decided("zones", pair, zones=(zone_id,))
    detail = one_holds_the_detail(index, q, topic, ranked, zone_id)
    if detail:  # close entries each lack a word asked; one is about what is asked: it answers
        return decided(_answered_or_lacking(q, detail[0]), tuple(detail))
    giving = one_gives_the_figure(index, q, topic, ranked, zone_id)
    if giving:  # close entries hold every word asked; one alone gives the figure asked
        return decided(_answered_or_lacking(q, giving[0]), tuple(giving))
    close = tuple(c for c in ranked[:4] if c.score >= CLARIFY_SCORE)
    if len(close) >= 2:
        return decided("clarify", close)
    return decided("unknown_topic", tuple(ranked[:5]))


def rank_candidates(
    index: ZoneIndex, question: str, *, context_zone: str | None = None, within: str | None = None
) -> tuple[Candidate, ...]:
    """Score the entries a question is weighed against (or those of zone `within`), best first.

    For explaining a decision to editors; the decision itself is match_question's.
    """
    q = read_question(question, None)
    mention = index.finder.find(q.norm)
    q = replace(q, names=mention.names, slips=mention.latin_slips)
    zones: list[str] = [within] if within else list(mention.zone_ids)
    if not zones and context_zone is not None and context_zone in index.kb.zones:
        zones = [context_zone]
    topic, features = topic_features(index, q, zones)
    if not features:
        return ()
    scores = index.score(features)
    scopes: list[str | None] = [*zones] or [None]
    ranked = [c for z in scopes for c in rank_entries(index, q, features, topic, z, scores)]
    return tuple(sorted(ranked, key=lambda c: -c.score))
