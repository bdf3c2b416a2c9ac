"""Answer questions across zones: "which zones ...", and several zones named side by side."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.search import decision
from bot.search.coverage import (
    about_the_words,
    answer_text,
    content_words,
    coverers,
    holding_entry,
)
from bot.search.decision import (
    CLARIFY_SCORE,
    CROSS_HOLD_SCORE,
    MAX_CLAUSES,
    PARTIAL_SORT_FROM,
    Candidate,
    MatchResult,
)
from bot.search.features import (
    EN_STOPWORDS,
    STATE_FIRM_RE,
    Encoded,
    stem,
    strip_function_phrases,
    strip_stop_phrases,
)
from bot.search.figures import Figure, figures_asked_outright, gives_figure
from bot.search.index import ContentWord, ZoneIndex
from bot.search.question import (
    CLAUSE_RE,
    JOIN_RE,
    QUESTION_WORD_RE,
    Question,
    read_question,
    the_askers_trade,
    without_the_asker,
    without_the_purpose,
)
from bot.search.ranking import (
    overview_of,
    rank_entries,
    topic_features,
    topic_of,
    zones_of_best,
)
from bot.search.textnorm import (
    latin_words,
    normalize,
    pinyin_word_list,
    split_pinyin,
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

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_WHICH_RE = re.compile(r"哪|\b(?:which|what|list)\b")
_ALTERNATIVES_RE = re.compile(r"或者|或是|或|\bor\b")  # a cross question asking for either topic
_CROSS_ZH = re.compile(
    r"(哪些|哪几个|哪几家|哪个|哪家|几个|什么|所有|全部|各个|各)(产业园区|园区|园子|开发区|高新区|产业园|地方)|"
    # 园区有哪些… (园区 哪些, typed as keywords), but not 这个园区有哪些… (one zone, not
    # named: which one is asked)
    r"(?<!这个)(?<!那个)(?<!该)(?<!本)(?<!这个产业)(?<!那个产业)(?<!该产业)(?<!本产业)"
    r"(产业园区|园区|园子|开发区|高新区|产业园)(都有|有|是)?(哪些|哪几个|哪几家)|"
    # 五个园区里哪几个…; 有没有做绿色低碳的园区
    r"(?<!这个)(?<!那个)(?<!该)(?<!本)(?<!这个产业)(?<!那个产业)(?<!该产业)(?<!本产业)"
    r"(产业园区|园区|园子|开发区|高新区|产业园)(里头|里边|里面|里|中|当中|之中) ?"
    r"(哪些|哪几个|哪几家|哪个|哪家)|"
    r"有没有[^ ]{1,12}的(产业园区|园区|园子|开发区|高新区|产业园)|"
    # 五个园区分别在哪个省份; 每个园区的营收
    r"(产业园区|园区|园子|开发区|高新区|产业园)(分别|各自|各)|每个(产业园区|园区|园子|开发区|高新区|产业园)|"
    r"(几个|[一二两三四五六七八九十\d]+个|这些|各个|所有)(产业园区|园区|园子|开发区|高新区|产业园)"
    r"的[^ ]{1,8}(分别|各自)|"
    # 列一下你们覆盖的园区
    r"(列出|列举|列一下|列下|列个)[^ ]{0,8}(产业园区|园区|园子|开发区|高新区|产业园)|"
    r"(哪些|哪几个|哪个|所有|各个)(zones|parks)"  # 哪些 zones 跟 smart manufacturing 有关
)
_CROSS_EN = re.compile(  # "the park" / "this zone" between them is one zone, not a choice
    r"^(?:the )?(?:zones|parks) (?:with|w|that|having|offering|where)\b|"  # "zones with ..."
    r"^(?:\w+ ){1,3}(?:zones|parks)$|"  # "new materials zones": keywords, then the plural
    r"\b(which|what|list|all|any|how many|each|every|across|among)\b"
    r"(?:(?: \w+){0,3}? (?:zones|parks)"
    r"|(?: (?!the\b|this\b|that\b|its\b|your\b)\w+){0,3}? (?:zone|park))\b"
)
_CROSS_WORDS = re.compile(
    r"哪些|这几个|这些|哪几个|哪几家|哪个|哪家|几个|所有|全部|各个|"
    r"(?:产业园区|园区|园子|开发区|高新区|产业园)(?:里头|里边|里面|里|当中|之中|中)?|"
    r"\b[Oo]ut of the (?:five|four|six|\d)\b|\b(?:ones|of them|of these|of those)\b|"  # as typed
    r"地方|列出|列举|知道|资料|你们|您们|你|您|"
    r"有没有|当中|之中|分别|各自|每个|各(?=[在有是]|产业园区|园区|开发区|高新区|产业园)|[一二两三四五六七八九十\d]+个(?=产业园区|园区|开发区|高新区|产业园)|"
    r"都能查|能查到|能查|查询|查到|公布了|公布|发布了|发布|披露了|披露|相关|有关|方面|的信息|"
    r"(?<![\u4e00-\u9fff])信息|数据(?![\u4e00-\u9fff])|"
    # the kind of park asked about: "which industrial parks", "which hi-tech zones"
    r"\b(?:industrial|hi ?tech|high ?tech|economic|development|science|technology)"
    r"(?= (?:zones?|parks?)\b)|"
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
# Which zone suits the asker: with nothing else asked, what the asker does is the topic.
_FITS_RE = re.compile(
    r"最?适合|最?合适|最?匹配|对口|最好|推荐|\b(?:fits?|suits?|suitable|best|recommend|match|matches)\b"
)
# the source a cross question places the zones in, and asking for a summary of each
_THE_SOURCE = re.compile(
    r"\b(?:(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december) (?:19|20)\d\d|coverage|page|pages|edition|newspaper|articles?|summari[sz]e"
    r"|summary|summaries|one page|one line each)\b"
    r"|(?:19|20)\d\d年\d{1,2}月|这几篇|这篇|报道里|文章里|版面|报纸[上里]?|报上|新闻[上里]"
)
# "有" and "能" only as words of their own, left standing once the words above are gone:
# inside 新能源 or 有色金属 they are part of the topic.
_CROSS_VERBS = re.compile(r"(?:^|(?<= ))(?:能够|可以|能|有)")
# What a question asking which zones the bot holds says besides: 收录了几个园区, 机器人能查
# 哪些园区, 帮我都列一下, which zones does this bot actually cover. Only a question left with
# nothing else is such a question: 支持 or 包括 of "哪些园区有人才支持" stays its topic.
_ABOUT_THE_BASE = re.compile(
    r"收录|覆盖|涵盖|包括|包含|支持|可以查|查看|查|这里|这边|那边|这个|机器人|系统|数据库|资料库|"
    r"帮我|帮忙|列一下|列下|列个|列表|清单|列|出来|看看|一下|目前|现在|一共|总共|都|了|吗|呢|有|是|"
    r"你们这|您们这|你这|您这|"
    # 这份材料里讲了哪几个园区
    r"这份|这篇|这几篇|几篇|篇|这|材料|资料|报道|文章|讲了|讲|谈到|写了|概括|简介|里|哪|版面|[这那][1一]?版|上面|"
    r"\d+个?|[二两三四五]个|俩|[两三几]地|月|年|关键数据|数据|数字|汇总|总结|"
    r"跟|同|和|与|及|以及|晓得|知道|说来听|听一下|说说|都有谁|有谁|各有|各|嘛|呀|啊|吧|的|列1下|谁|"
    r"贵平台|平台|贵方|你们|逐一|逐个|一一|列出|请|"  # 请问贵平台覆盖了哪几个园区，请逐一列出
    r"在?(?:做|干|搞)(?:什么|啥)?的?(?= |$)|"  # 四川的园区分别在做什么
    r"\b(this|bot|chatbot|actually|cover|covered|covers|include|includes|included|database|data|"
    r"in|your|you|have|know|about|support|supports|supported|currently|now|list|me|show|so|far|"
    r"db|coverage|"
    r"please|right|there|here|available|give|report|article|material|summary|summaries|"
    r"summarise|summarize|overview|brief|one|line|short|information|info|"
    r"all|every|each|page|pages|edition|issue|newspaper|paper|story|piece|on|that|featured|"
    r"good|day|greetings|"
    r"mentioned|reported|along|with|key|highlights?|two|three|four|five|\d+|january|february|"
    r"march|april|may|june|july|august|september|october|november|december)\b"
)


# "which ones", "which of them", "out of the five, which ...": across the zones, when no
# earlier answer is what they point back to (a chat's zone) and no firms are named
_WHICH_ONES_EN = re.compile(
    r"\bwhich (?:ones|of them|of these|of those|of the (?:five|four|six|5|4|6))\b"
    r"(?! (?:firms?|compan(?:y|ies)|projects?|enterprises?|schools?|universit(?:y|ies)|people"
    r"|entries|things)\b)"
)


def asks_which_ones(norm: str) -> bool:
    """Tell whether an English question asks "which ones" of the zones, naming no noun."""
    return _WHICH_ONES_EN.search(norm) is not None


def is_cross(norm: str) -> bool:
    """Tell whether a question asks across zones ("哪些园区…", "which zones ...")."""
    if _CROSS_ZH.search(norm.replace(" ", "")) or _CROSS_EN.search(norm):
        return True
    return bool(_WHICH_RE.search(norm) and kinds_asked(norm))  # 哪些是高新区


MAX_WORD_SYLLABLES = 10  # the longest content word read back from pinyin


def across_in_pinyin(index: ZoneIndex, q: Question, named: list[str]) -> Question | None:
    """A pinyin question asking across zones, as the Chinese it spells, or None.

    "naxie yuanqu you rencai zhengce" is 哪些 园区 有 人才政策: each run of syllables, typed
    apart or together, that spells a word asking across zones or a content word of the
    knowledge base is read back (`_read_back`). Only a question read back whole (but for
    the named zones' latin names) that then asks across zones is one.
    """
    splits = [split_pinyin(token, min_letters=1) for token in q.norm.split()]
    if len(splits) < 2 or any(split is None for split in splits):
        return None
    syllables = [s for split in splits for s in split or ()]
    out, left = _read_back(index, syllables)
    keys = [key for zone_id in named for key, _ in index.finder.latin_keys_of[zone_id]]
    if not all(any(w in key.replace(" ", "") for key in keys) for w in left):
        return None
    text = re.sub(r"(?<=[^a-z]) (?=[^a-z])", "", " ".join(out))  # Chinese is written unspaced
    if not is_cross(text):
        return None
    return replace(read_question(text, q.lang), names=q.names, slips=q.slips, memo=q.memo)


def _read_back(index: ZoneIndex, syllables: list[str]) -> tuple[list[str], list[str]]:
    """Syllables read back as words: the fewest syllables left unread, then the fewest words
    (peixun zai naxie yuanqu: 培训 在 哪些 园区, not 培训 在哪 xie 园区).

    Returns the words (a syllable left unread as it is) and the runs of syllables left.
    """
    frames = pinyin_word_list("pinyin_cross_words.txt")  # naxie -> 哪些, yuanqu -> 园区
    # best[i]: the syllables left and words of the first i syllables, where the last word
    # begins, and the word (None: a syllable left)
    best: list[tuple[int, int, int, str | None]] = [(0, 0, 0, None)]
    for end in range(1, len(syllables) + 1):
        left, words, _, _ = best[end - 1]
        choice: tuple[int, int, int, str | None] = (left + 1, words + 1, end - 1, None)
        for start in range(max(0, end - MAX_WORD_SYLLABLES), end):  # the longest word first
            spelt = "".join(syllables[start:end])
            word = index.lexicon.spelt_by(spelt) or frames.get(spelt)
            before = best[start]
            if word and (before[0], before[1] + 1) < (choice[0], choice[1] + (choice[3] is None)):
                choice = (before[0], before[1] + 1, start, word)
        best.append(choice)
    pieces: list[tuple[str, bool]] = []  # each word, or syllable left unread
    end = len(syllables)
    while end:
        _, _, start, word = best[end]
        pieces.append((word, True) if word else (syllables[start], False))
        end = start
    pieces.reverse()
    runs: list[str] = []  # syllables left one after another: the latin name of a zone (lu zhou)
    for at, (piece, read) in enumerate(pieces):
        if not read:
            runs += [piece] if at == 0 or pieces[at - 1][1] else []
            runs[-1] += "" if at == 0 or pieces[at - 1][1] else piece
    return [piece for piece, _ in pieces], runs


def several_zones(index: ZoneIndex, q: Question, zones: list[str]) -> MatchResult:
    """Answer a question naming several zones with each zone's best entry.

    比较/compare only asks to set them side by side: the topic is what is left.
    """
    q = replace(q, norm=_COMPARE_WORDS.sub(" ", q.norm))
    topic = topic_of(index, q, zones)
    if _asks_nothing(_ABOUT_THE_BASE.sub(" ", _CROSS_WORDS.sub(" ", topic))):
        q = replace(q, norm=" ".join(q.names))  # 山西和河南这俩园区都在干啥: each one's overview
    picks = _each_side_by_side(index, q, zones)
    if not picks and not q.pinyin and (corrected := index.lexicon.correct(topic)):
        # 哪个给企业的补帖多: the topic read through its typo (补贴), the zones' names kept
        picks = _each_side_by_side(index, replace(q, norm=" ".join([*q.names, corrected])), zones)
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


def _each_side_by_side(index: ZoneIndex, q: Question, zones: list[str]) -> list[Candidate]:
    """Each zone's entry for a question naming them side by side, the zones with none left."""
    picks = (_side_by_side(index, q, z, [o for o in zones if o != z]) for z in zones)
    return [pick for pick in picks if pick is not None]


def _side_by_side(
    index: ZoneIndex, q: Question, zone_id: str, others: list[str]
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
    topic, features = topic_features(index, mine, [zone_id, *others])
    theirs = _only_theirs(index, mine, topic, zone_id, others)
    if theirs != topic and not mine.pinyin and not content_words(index, mine, theirs, zone_id):
        return None  # "A和B哪个有数据中心" where only B has one: nothing else is asked of A
    if theirs != topic:
        topic, features = theirs, index.question_features(theirs, pinyin_words=mine.pinyin)
    if not features:
        return overview_of(index, zone_id)
    ranked = rank_entries(index, mine, features, topic, zone_id)
    if not mine.pinyin and content_words(index, mine, topic, zone_id):
        covering = coverers(index, mine, topic, ranked, zone_id, CROSS_HOLD_SCORE)
        if covering:
            return about_the_words(index, mine, topic, covering)[0]
    return ranked[0] if ranked and ranked[0].score >= CLARIFY_SCORE else None


def _only_theirs(
    index: ZoneIndex, q: Question, topic: str, zone_id: str, others: list[str]
) -> str:
    """The topic without the content words no entry of this zone holds and another zone's does.

    "青海零碳产业园和青岛生物医药产业园哪个更大": 生物医药产业园 names what is compared in
    the other zone; of this one the question asks only 面积 and 更大.
    """
    if q.pinyin:
        return topic
    for word in content_words(index, q, topic, zone_id):
        if not zone_holds(index, zone_id, word) and any(
            zone_holds(index, other, word) for other in others
        ):
            topic = topic.replace(word.text, " ")
    return topic


def zone_holds(index: ZoneIndex, zone_id: str, word: ContentWord) -> bool:
    """Tell whether any entry of a zone holds a content word."""
    return index.held_in(zone_id, word)


def cross(index: ZoneIndex, q: Question, named: list[str]) -> MatchResult:
    """Answer "which zones ..." from each zone's best entry and its industries."""
    clauses = which_in_each_clause(q)
    if clauses:  # 哪个园区有数据中心，哪个有<a firm>: each clause's zones
        named = []
    firms = [] if named else index.zones_of_firms_named(q.norm)
    if firms and not _ALTERNATIVES_RE.search(q.norm) and not JOIN_RE.search(q.norm):
        named = firms  # 宝武在哪个园区: the zone whose firm it is, not every zone's location
    scope = named or list(index.kb.zones)
    large = len(index.records) > PARTIAL_SORT_FROM
    if not named and (asking := without_the_asker(q)):  # 我们是做…的，园区有哪些扶持
        fits = _FITS_RE.search(asking.norm)
        trade = the_askers_trade(q)
        if fits and trade and _asks_nothing(_FITS_RE.sub(" ", _cross_topic(index, asking.norm))):
            q = replace(trade, memo=q.memo)  # "we make X. which zone fits?": X is asked
        else:
            q = replace(asking, memo=q.memo)
    if kinds := kinds_asked(q.norm):  # 哪些园区是高新区: the zones' names say their kind
        return _of_kinds(index, q, scope, kinds)
    if _asks_for_state_firms(index, q.norm):  # 哪些园区有央企参与: the zones naming one
        return _with_state_firms(index, q, scope)
    ranking = bool(_SUPERLATIVE.search(q.norm))
    topic_text = _cross_topic(index, q.norm)
    stripped = named if large else scope  # a national base: only the names the question holds
    topic, features = topic_features(
        index, Question(q.raw, topic_text, q.lang, q.traditional, q.pinyin), stripped
    )
    if not features and not named:  # 智能制造, words of a zone's name, asked as an industry
        stripped = []
        topic, features = topic_features(
            index, Question(q.raw, topic_text, q.lang, q.traditional, q.pinyin), stripped
        )
    if not features or _asks_what_the_base_holds(index, (without_the_purpose(q) or q).norm):
        return MatchResult(
            kind="zones", lang=q.lang, traditional=q.traditional, score=100.0, zones=tuple(scope)
        )
    best: dict[str, Candidate] = {}
    for part in _parts(index, clauses, topic_text):  # 医疗或生物医药: the zones of either
        part_topic, part_features = topic_features(
            index, Question(q.raw, part, q.lang, q.traditional, q.pinyin), stripped
        )
        if part_features:
            for pick in _cross_picks(index, q, part, part_topic, part_features, named, scope):
                if pick.record.zone_id not in best or pick.score > best[pick.record.zone_id].score:
                    best[pick.record.zone_id] = pick
    picks = sorted(best.values(), key=lambda c: -c.score)
    named_firms = (_naming_the_firm(index, q, z) for z in firms if z not in best)
    picks += [pick for pick in named_firms if pick is not None]
    if not ranking and not clauses:  # 哪些园区搞智能制造: the one named for it too
        by_name = _named_for_it(index, topic_text, [z for z in scope if z not in best])
        picks += [c for c in (overview_of(index, z) for z in by_name) if c is not None]
    zones = tuple(c.record.zone_id for c in picks)
    score = picks[0].score if picks else 0.0
    asked = " ".join(strip_function_phrases(topic).split()) or topic  # not 想了解一下
    asked = asked.removeprefix("的").strip() or asked  # 哪个园区的营收: not "公布的的营收"
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
        named=tuple(named),
    )


_ASKS_STATE_FIRMS = re.compile(
    r"央企|国企|国有企业|中央企业|国有大型企业|\b(?:soes?|state[- ]owned(?: \w+)?)\b"
)
# what asking whether such firms take part says besides them (参与, involvement, projects)
_TAKING_PART = re.compile(
    r"参与|参建|提到|涉及|合作|建设|项目|企业|公司|的|了"
    r"|\b(?:involvement|involved|partners?|mentions?|mentioned|hosts?|projects?|construction"
    r"|contractors?|companies|firms|majors|grid|like|or|any|by|central|as)\b"
)


def _asks_for_state_firms(index: ZoneIndex, norm: str) -> bool:
    """Tell whether a cross question asks which zones have state-owned firms, and nothing
    else of them (not 哪些园区对国企有补贴, a subsidy for such firms)."""
    if not _ASKS_STATE_FIRMS.search(norm):
        return False
    rest = _TAKING_PART.sub(" ", _ASKS_STATE_FIRMS.sub(" ", _cross_topic(index, norm)))
    return _asks_nothing(rest)


def _with_state_firms(index: ZoneIndex, q: Question, scope: list[str]) -> MatchResult:
    """The zones whose sources name a state-owned firm, each with the entry naming one first
    in its answer (the builder's, the data centre's)."""
    picks = [
        Candidate(record=record, score=100.0, coverage=1.0, fuzzy=100.0)
        for zone_id in scope
        if (record := index.first_naming(zone_id, STATE_FIRM_RE)) is not None
    ]
    topic = " ".join(strip_function_phrases(_cross_topic(index, q.norm)).split())
    asked = _as_written(q.raw) if q.lang == "en" and not q.pinyin else topic or q.norm
    return _listed(q, picks, asked)


def _named_for_it(index: ZoneIndex, topic: str, zone_ids: list[str]) -> list[str]:
    """The zones whose own name holds what a cross question asks, itself or by a synonym
    (智能制造 of 安阳光电智能制造产业园): their name says they work on it. A word in the
    names of many zones (产业, high-tech) tells none apart."""
    if not zone_ids:
        return []
    groups = index.lexicon.groups
    words = {w.text for w in index.lexicon.words(topic, english=False)}
    words |= {stem(w) for w in latin_words(topic) if len(w) >= 4 and index.knows_word(stem(w))}
    for group in {groups[w] for w in words if w in groups}:
        words.update(index.synonym_members[group])
    most = max(1, len(index.kb.profiles) // 3)
    named: set[str] = set()
    for word in words:
        if len(word) < (2 if _CJK_RE.match(word) else 4):
            continue
        holders = index.zones_named_with(word)
        if len(holders) <= most:
            named.update(holders)
    return [z for z in zone_ids if z in named]


def _naming_the_firm(index: ZoneIndex, q: Question, zone_id: str) -> Candidate | None:
    """A zone's best entry naming a firm the question names by a piece of its name, or its
    overview ("which zones work with <firm> or <firm>": each firm's zone is listed)."""
    topic, features = topic_features(index, q, [zone_id])
    marks = [p for p, z in index.firm_marks.items() if z == zone_id and p in q.norm]
    for candidate in rank_entries(index, q, features, topic, zone_id) if len(features) else []:
        entry = candidate.record.entry
        text = normalize(f"{entry.answer.zh} {entry.answer.en or ''}")
        if any(mark in text for mark in marks):
            return candidate
    return overview_of(index, zone_id)


def _parts(index: ZoneIndex, clauses: list[str], topic_text: str) -> list[str]:
    """A cross question's topics: either of two (或, or), or one a clause when each clause
    asks across zones ("哪个园区有数据中心，哪个有康复大学": `clauses`)."""
    if clauses:
        return [part for c in clauses for part in _ALTERNATIVES_RE.split(_cross_topic(index, c))]
    return _ALTERNATIVES_RE.split(topic_text)


def which_in_each_clause(q: Question) -> list[str]:
    """The clauses of a question asking across zones in each of two or more, normalised."""
    clauses = [normalize(c) for c in CLAUSE_RE.split(q.raw) if c.strip()][:MAX_CLAUSES]
    # "..., may I ask?", "Among the zones you cover, ...": a clause asking nothing of its own
    clauses = [
        c for c in clauses if not _asks_nothing(_ABOUT_THE_BASE.sub(" ", _CROSS_WORDS.sub(" ", c)))
    ]
    if len(clauses) > 1 and all(_WHICH_RE.search(c) for c in clauses):
        return clauses
    return []


def _cross_topic(index: ZoneIndex, norm: str) -> str:
    """What a cross question asks of each zone: its words asking across zones taken out, and
    the source it names ("in the May 2023 Science and Technology Daily coverage")."""
    norm = index.publishers_before_a_page.sub(" ", norm)  # the paper's page, not reporters
    norm = _THE_SOURCE.sub(" ", norm)
    return _CROSS_VERBS.sub(" ", _without_cross_words(index, _SUPERLATIVE.sub(" ", norm)))


def _asks_what_the_base_holds(index: ZoneIndex, norm: str) -> bool:
    """Tell whether a cross question asks only which zones the bot holds ("收录了哪些园区")."""
    text = _CROSS_VERBS.sub(" ", _without_cross_words(index, strip_stop_phrases(norm)))
    for publisher in index.publishers:  # "the zones on that Science and Technology Daily page"
        text = text.replace(publisher, " ")
    return _asks_nothing(_ABOUT_THE_BASE.sub(" ", text))


def _asks_nothing(text: str) -> bool:
    """Tell whether a text holds only question words, particles and stop words."""
    rest = strip_stop_phrases(text)
    return not _CJK_RE.search(rest) and all(w in EN_STOPWORDS for w in latin_words(rest))


def _without_cross_words(index: ZoneIndex, text: str) -> str:
    """A cross question's words asking across zones taken out, a question word of the topic kept.

    "五个园区分别在哪个省份" asks 在哪个省份 of each zone: the 哪个 of a knowledge-base word
    asking where (在哪) stays, where "哪个园区" loses it.
    """
    kept = [
        (at, at + len(word))
        for word in set(index.lexicon.words_in(text))
        if QUESTION_WORD_RE.search(word)
        for at in (m.start() for m in re.finditer(re.escape(word), text))
    ]

    def drop(match: re.Match[str]) -> str:
        inside = any(start < match.end() and match.start() < end for start, end in kept)
        return match.group(0) if inside else " "

    return _CROSS_WORDS.sub(drop, text)


def _of_kinds(
    index: ZoneIndex, q: Question, scope: list[str], kinds: frozenset[str]
) -> MatchResult:
    """The zones whose names say they are of a kind asked ("which are high-tech zones")."""
    picks = [
        overview
        for zone_id in scope
        if of_kind(index.kb.zones[zone_id], kinds) and (overview := overview_of(index, zone_id))
    ]
    asked = (
        "、".join(sorted(kind_as_written(q.norm, k) for k in kinds))
        if q.lang == "zh"
        else _as_written(q.raw)
    )
    return _listed(q, picks, asked)


def _listed(q: Question, picks: list[Candidate], topic: str) -> MatchResult:
    """A cross reply listing the zones picked, each with its entry, under the topic asked."""
    return MatchResult(
        kind="cross",
        lang=q.lang,
        traditional=q.traditional,
        score=100.0 if picks else 0.0,
        candidates=tuple(picks),
        zones=tuple(c.record.zone_id for c in picks),
        topic=topic,
    )


# Kinds of figure a cross question asks that an entry must give to answer for its zone: a
# price (工业用水价格) is what sources seldom give, and a close entry never stands in for it
_SELDOM_GIVEN: frozenset[Figure] = frozenset({"price"})


def _cross_picks(
    index: ZoneIndex,
    q: Question,
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
        scope = zones_of_best(index, scores[0], scope)
    dates = days_named(q.norm)  # 5月12日: only the zones whose sources give that day
    figures = figures_asked_outright(q.norm) & _SELDOM_GIVEN
    by_topic = not regions_named(topic_text)  # a region, not an entry, says which zones
    for zone_id in scope:
        ranked = rank_entries(index, q, features, topic, zone_id, scores)
        if dates:
            ranked = [c for c in ranked if dates <= days_given(c.record)]
        if figures:  # 各园区的工业用水价格: an entry giving no price answers no zone's
            ranked = [c for c in ranked if gives_figure(answer_text(c.record), figures)]
        if ranked and ranked[0].score >= decision.ANSWER_SCORE:
            picks.append(ranked[0])
        elif by_topic and (holding := holding_entry(index, q, topic, ranked, bool(dates))):
            picks.append(holding)
    picks.sort(key=lambda c: -c.score)
    if dates:
        return picks
    return picks + _by_profile(
        index, q, topic_text, features, named or list(index.kb.zones), picks
    )


def _by_profile(
    index: ZoneIndex,
    q: Question,
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
        ranked = rank_entries(index, q, features, topic_text, zone_id)
        best = ranked[0] if ranked and ranked[0].score >= CLARIFY_SCORE else None
        if chosen := best or overview_of(index, zone_id):
            more.append(chosen)
    return more


def _as_written(raw: str) -> str:
    """An English cross-zone question's topic as the asker wrote it ("R&D", not "rd")."""
    clauses = [c for c in CLAUSE_RE.split(raw) if c.strip() and not _asks_nothing(normalize(c))]
    raw = ", ".join(clauses) or raw  # not "..., may I ask"
    text = _CROSS_WORDS.sub(" ", raw.lower() if raw.isupper() else raw)
    text = re.sub(
        r"\b(?i:which|what|list|all|any|each|every|across|among|how|many|zones?|parks?)\b",
        " ",
        text,
    )
    return " ".join(text.strip(" ?!.,;:？！。，").split()).strip(" ?!.,;:")
