"""Tell which ranked entries answer a question: those holding every word and figure asked."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import cache, lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from bot.search import decision
from bot.search.decision import (
    CLARIFY_SCORE,
    COMMON_WORD_SHARE,
    CROSS_HOLD_SCORE,
    ENTITY_REST_COVERAGE,
    FAR_LEADER_MARGIN,
    FAR_LEADER_SCORE,
    LABEL_MARGIN,
    LEADER_MARGIN,
    LEADER_SCORE,
    NEARLY_ALL,
    PLAIN_LEADER_MARGIN,
    PLAIN_LEADER_SCORE,
    TIE_MARGIN,
    WRITTEN_SCORE,
    Candidate,
)
from bot.search.features import (
    CHAR,
    EN_STOPWORDS,
    FRAME_WORDS,
    KIND_SHIFT,
    WORD,
    Encoded,
    kind_of,
    stem,
    strip_stop_phrases,
)
from bot.search.figures import (
    FIGURES,
    ROLES_EN,
    ROLES_ZH,
    Figure,
    asked_figures,
    asks_a_total,
    figures_asked_outright,
    figures_named,
    gives_figure,
    gives_the_total,
    needs_a_total,
    what_the_total_is_of,
    without_figure_words,
)
from bot.search.index import (
    YEAR_RE,
    ContentWord,
    EntryRecord,
    ZoneIndex,
    periods_named,
    years_asked,
)
from bot.search.question import (
    A_NOT_A_RE,
    FIGURE_RE,
    JOIN_RE,
    QUESTION_WORD_RE,
    SENTENCE_OPENERS,
    Question,
    written_as_its_own,
)
from bot.search.ranking import rank_entries, topic_of, without_frame
from bot.search.textnorm import CJK_RE, char_pinyin, latin_words, normalize, normalize_all
from bot.search.zonefind import zone_kinds_en

_EN_KINDS = frozenset(zone_kinds_en())
# an acronym, not a currency's mark (US$, HK$) nor its code (RMB, USD, CNY)
_ACRONYM_RE = re.compile(r"\b(?!(?:RMB|USD|CNY|HKD|EUR)\b)[A-Z]{2,6}s?\b(?!\s?\$)")
# what follows a speaker's name: "<name>说…" quotes them, "<name> said …" too
_SPEECH = r"(?:说|讲|表示|介绍|称|认为|提到|透露|指出|谈到|\s+(?:said|says|told|stated))"
_SPEECH_RE = re.compile(_SPEECH)
_DIGIT_RE = re.compile(r"\d")
_NUMBER_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?%")  # a share a question quotes
_YES_NO_RE = re.compile(  # an English question asking whether: "does the park use ..."
    r"^(?:(?:hi|hello|hey|ok|okay|so|and|also|but|btw|please|sorry) )*"
    r"(?:does|do|did|is|are|was|were|can|could|has|have|will)\b"
)


def best_covering(
    index: ZoneIndex,
    q: Question,
    topic: str,
    ranked: list[Candidate],
    zone_id: str | None,
    *,
    figured: bool = True,
) -> Candidate | None:
    """The best candidate that holds every content word of the question, if any does."""
    covering = coverers(index, q, topic, ranked, zone_id, figured=figured)
    return covering[0] if covering else None


def asks_what_is_not_given(q: Question, record: EntryRecord) -> bool:
    """Tell whether a question asks for what the entry's source leaves out, or for a figure."""
    missing = record.entry.not_given
    if not missing.all():
        return False
    # a figure asked that the answer gives (4.5亿美元 of an entry leaving out a start date) is
    # given; the figures it leaves out are named among what it leaves out
    # a date only when asked outright: "how many a year when it starts running" sets a time
    asked, text = figures_asked_outright(q.norm), answer_text(record)
    left_out = figures_named(" ".join(normalize_all(missing.all())))  # 投产日期: a date
    if asked:
        given = bool(asked - left_out) and gives_figure(text, asked - left_out)
    else:
        given = _DIGIT_RE.search(text) is not None
    # a kind of figure asked that the answer writes none of (when, of a builder's entry)
    unwritten = bool(asked) and not gives_figure(text, asked)
    return (bool(FIGURE_RE.search(q.norm) or unwritten) and not given) or names_what_is_left_out(
        q, record
    )


def _root_in(word: str, stems: set[str]) -> bool:
    """Tell whether a word's stem, or its first five letters (production, producing), is
    among a question's word stems."""
    root = stem(word)
    return root in stems or (len(root) >= 5 and any(s[:5] == root[:5] for s in stems))


def _thing_left_out(item: str) -> str:
    """What a left-out item names a figure of (销售 of 销售金额; nothing of 具体金额)."""
    return strip_stop_phrases(without_figure_words(item)).strip()


def names_what_is_left_out(q: Question, record: EntryRecord) -> bool:
    """Tell whether a question asks for a thing the entry says its source leaves out: the
    thing as written, or a figure of it (仪式具体日期 asked as 奠基仪式是几号办的)."""
    compact = q.norm.replace(" ", "")  # 奖励 金额 typed apart is 奖励金额
    items = normalize_all(record.entry.not_given.all())
    asked = asked_figures(q.norm)
    outright: frozenset[Figure] | None = None  # worked out for the first English item only
    words: set[str] = set()
    for item in items if asked else ():
        named = figures_named(item)
        if not CJK_RE.match(item):
            # "when does it start the production" asks "the date production starts": each
            # word of the thing, in any order, and its kind of figure asked outright
            if outright is None:
                outright = figures_asked_outright(q.norm)
                words = {stem(w) for w in latin_words(q.norm)}
            thing_words = [w for w in latin_words(_thing_left_out(item)) if w not in EN_STOPWORDS]
            if named & outright and thing_words and all(_root_in(w, words) for w in thing_words):
                return True
            continue
        if not (named & asked):
            continue
        if asked - named and gives_figure(answer_text(record), asked - named):
            continue  # 销售额涨了多少: the growth it gives may be what is asked
        thing = _thing_left_out(item).replace(" ", "")
        if len(thing) >= 2 and thing in compact:
            return True
    if (
        any(_THE_REST_RE.match(item) for item in items)
        and _ASKS_THE_REST_RE.search(q.norm)
        and not asked  # "of all ten points, the relocation cap": a figure the entry may give
    ):
        return True  # 其余七条 of a list the source names in part: 剩下那几条, "all ten points"
    return any(
        # "the amount" is asked as "the exact amount", "amount of the reward"; "which design
        # institute" as "name of the design institute", not as "worked with the design institute"
        (
            _asked_of(_LEADING_ASK_RE.sub("", item), compact if CJK_RE.match(item) else q.norm)
            and (
                not _WHICH_ITEM_RE.match(item)
                or _asks_which(_LEADING_ASK_RE.sub("", item), q.norm)
            )
        )
        or _which_one_asked(item, compact)
        for item in items
    )


# a thing left out as which one it is (设计院是哪家), asked in the other order (哪家设计院)
_WHICH_ONE_ITEM_RE = re.compile(r"^(.{2,8}?)(?:是哪家|是哪个|是哪一家|是谁)$")


def _which_one_asked(item: str, compact: str) -> bool:
    """Tell whether 哪家设计院 asks the item 设计院是哪家."""
    which = _WHICH_ONE_ITEM_RE.match(item)
    if which is None:
        return False
    return re.search(f"哪一?[家个位]{re.escape(which.group(1))}", compact) is not None


# a left-out item naming the rest of a list the source gives in part (其余七条, the other seven)
_THE_REST_RE = re.compile(
    r"^(?:其余|其他|另外|剩下|全部|(?:the )?(?:other|remaining|rest|full)\b)"
)
_ASKS_THE_REST_RE = re.compile(
    r"(?:剩下|其余|其他|另外)(?:的|那)?(?:[几\d一二三四五六七八九十]+)?[条项]"
    r"|(?:全部|所有|完整|每一)(?:的)?(?:[\d一二三四五六七八九十]+)?[条项]"
    r"|\b(?:the (?:other|remaining) (?:\w+ )?(?:points|articles|measures|terms|rules|items)"
    r"|the other (?:two|three|four|five|six|seven|eight|nine|\d+)\b|the rest of (?:the|them)"
    r"|(?:full|complete) list|every one of them"
    r"|all (?:the )?(?:\w+ )?(?:points|articles|measures|terms|rules|items|clauses))\b"
)


_LEADING_ASK_RE = re.compile(r"^(?:(?:the|a|an|which|what|whose|who is|who are) )+")
_WHICH_ITEM_RE = re.compile(r"^(?:which|what) ")
_NAME_AFTER_RE = re.compile(r"^ (?:names?|is it|was it|is that)\b")


def _asks_which(thing: str, norm: str) -> bool:
    """Tell whether a question asks which one a thing is (name of the design institute), not
    only names it (worked with the design institute)."""
    at = norm.find(thing)
    return bool(_WHO_BEFORE_RE.search(norm[:at]) or _NAME_AFTER_RE.match(norm[at + len(thing) :]))


# what is named beside a thing left out, asking of another (联系了业主和哪家, "the owner and
# which other party"): the other is asked, not the thing left out
_BESIDE_IT_RE = re.compile(r"^\s*(?:和|与|及|以及|还有|and\b|as well as\b|besides\b)")
# who or which one a thing is, asked just before it (谁是, "who is the", "name of the")
_WHO_BEFORE_RE = re.compile(
    r"(?:谁是|\b(?:which|what|names? of|who (?:is|are|was|were))(?: the| its)?)\s*$"
)
# ... unless who both are is asked (业主和设计院是谁, "the owner and the designer: who are they")
_BOTH_ASKED_RE = re.compile(
    r"^[^哪谁]{1,8}?(?:分别)?(?:是谁|是哪|叫什么|叫啥|名称|名字)"
    r"|^(?!\s*(?:to\s+)?(?:which|who|whom|what)\b).{1,40}?\b(?:who (?:are|is)|names?)\b"
)


def _asked_of(item: str, text: str) -> bool:
    """Tell whether a text asks for an item (业主 of 业主是谁), not only names it beside what it
    asks (联系了业主和哪家)."""
    at = text.find(item)
    if at < 0:
        return False
    after = text[at + len(item) :]
    beside = _BESIDE_IT_RE.match(after)
    if beside is None or _WHO_BEFORE_RE.search(text[:at]):  # "who is the owner and ..."
        return True
    return _BOTH_ASKED_RE.match(after[beside.end() :]) is not None


_ROLE_RE = re.compile(rf"(?:{ROLES_ZH})(?![期远度久效])|\b(?:{ROLES_EN})s?\b")
_DEPUTY_BEFORE_RE = re.compile(r"(?:副|常务副|\b(?:deputy|vice|executive vice) )$")


@cache
def _surnames() -> frozenset[str]:
    """Common Chinese surnames (bot/data/surnames.txt)."""
    text = resources.files("bot").joinpath("data/surnames.txt").read_text(encoding="utf-8")
    return frozenset(
        c for line in text.splitlines() if not line.startswith("#") for c in line.split()
    )


def only_the_deputy(norm: str, text: str) -> bool:
    """Tell whether a question asks a role (管委会主任, the director) that the answer names
    only as its deputy (副主任, deputy director): the one asked about is not given. A person
    addressed by surname and title (孟主任) may be the deputy: people shorten titles."""
    text = text.lower()
    for asked in _ROLE_RE.finditer(norm):
        if _DEPUTY_BEFORE_RE.search(norm[: asked.start()]):
            continue
        if asked.start() and norm[asked.start() - 1] in _surnames():
            continue
        role = asked.group(0).removesuffix("s") if asked.group(0).isascii() else asked.group(0)
        found = list(re.finditer(re.escape(role), text))
        if found and all(_DEPUTY_BEFORE_RE.search(text[: m.start()]) for m in found):
            return True
    return False


def clear_leader(
    index: ZoneIndex, q: Question, topic: str, ranked: list[Candidate], zone_id: str | None
) -> list[Candidate]:
    """The best candidate, when it covers every content word and no other comes near it; in
    pinyin, not for a yes-or-no question (you meiyou: a near sound may be what is asked)."""
    if not ranked or (q.pinyin and _PINYIN_WHETHER_RE.search(q.norm)):
        return []
    best = ranked[0]
    second = ranked[1].score if len(ranked) > 1 else 0.0
    if best.score - second < LEADER_MARGIN:
        return []
    # far ahead in a named zone, the asker's frame words (计划, 动作) never count against it
    framed = zone_id is not None and not named_by_place_only(index, q, zone_id)
    return coverers(index, q, topic, ranked[:1], zone_id, LEADER_SCORE, frame=not framed)


_PINYIN_WHETHER_RE = re.compile(
    r"\b(?:you ?mei ?you|shi ?bu ?shi|neng ?bu ?neng|hui ?bu ?hui|ke ?bu ?ke ?yi|ma)\b"
)
_AMOUNT_RE = re.compile(r"多少|几|若干|\bhow (?:many|much|big|large|long|far)\b")
# a question asking whether: "does it ...", "any glove makers there?", 有…吗, 有没有, 凶不凶
_WHETHER_RE = re.compile(
    _YES_NO_RE.pattern + r"|(?:^|[?.,;!] )(?:are there |is there )?any(?:thing|one)?\b"
)
_WHETHER_ZH_RE = re.compile(r"吗(?:\s|$)|有没有|是不是|能不能|会不会|可不可以")


def leader_asking_no_figure(
    index: ZoneIndex, q: Question, topic: str, ranked: list[Candidate], zone_id: str
) -> list[Candidate]:
    """The best entry of a zone named by its own name, scoring low but clearly ahead, for a
    question read whole that asks no figure, amount or year.

    The asker's dialect, story and fillers ("太原中北高新区 是搞哪样产业的 钢铁") lower every
    entry's score alike. The question must name a word the base writes, which the entry
    holds with every other content word: a word the base never writes alone (地铁怎么样)
    asks what no entry tells, and a figure asked needs an entry that gives it.
    """
    if not ranked or q.pinyin or named_by_place_only(index, q, zone_id):
        return []
    second = ranked[1].score if len(ranked) > 1 else 0.0
    if ranked[0].score - second < PLAIN_LEADER_MARGIN:
        return []
    if FIGURE_RE.search(q.norm) or _AMOUNT_RE.search(q.norm) or YEAR_RE.search(q.norm):
        return []
    whether = _WHETHER_RE.search(q.norm) or _WHETHER_ZH_RE.search(q.norm)
    if asked_figures(q.norm) or whether or A_NOT_A_RE.search(q.norm):
        return []  # whether the thing asked is there (有辐射吗) is no noise to look past
    words = content_words(index, q, topic, zone_id)
    if not words:
        return []
    # the words telling the topic, read alone, pick the entry with confidence: the rest of
    # the question is the asker's noise, not a topic the entry holds only in passing
    told = " ".join(w.text for w in words)
    alone = rank_entries(index, q, index.question_features(told), told, zone_id)
    if not alone or alone[0].record is not ranked[0].record:
        return []
    if alone[0].score < decision.ANSWER_SCORE:
        return []
    return coverers(index, q, topic, ranked[:1], zone_id, PLAIN_LEADER_SCORE)


def leader_missing_one_word(
    index: ZoneIndex, q: Question, topic: str, ranked: list[Candidate], zone_id: str
) -> list[Candidate]:
    """The best candidate of a named zone, far ahead, though one content word is not in it.

    "<zone>规划建几栋厂房" or "…生物医药板块的产值": a word the zone's other entries ask
    about (规划) stops the entry that holds everything else, although none of those entries
    fits the rest of the question. The word must be one the zone's sources ask about (an
    unknown topic, 员工 of a firm, still stops the answer), held by no other candidate that
    could answer, and the question must name no firm. One asking a figure or joining
    topics ("…建成的在建的创新平台一共几个") is answered only by a leader far ahead that gives
    the figure, no other candidate near it holding the word: there the word may be what is
    asked.
    """
    if not ranked or q.pinyin or named_by_place_only(index, q, zone_id):
        return []
    best = ranked[0]
    second = ranked[1].score if len(ranked) > 1 else 0.0
    if best.score < decision.ANSWER_SCORE or best.score - second < LEADER_MARGIN:
        return []
    # a question asking a figure or joining topics: only a leader far ahead, the one
    # candidate holding its other words
    asks_more = (
        bool(FIGURE_RE.search(q.norm)) or len([p for p in JOIN_RE.split(topic) if p.strip()]) > 1
    )
    if asks_more and (best.score < FAR_LEADER_SCORE or best.score - second < FAR_LEADER_MARGIN):
        return []
    figures = asked_figures(q.norm)  # "what are the prices": the kind asked must be given
    if "date" in figures:  # a date is the date of what is asked: no word of it may be missing
        return []
    if figures and not gives_figure(_said_of_firms(index, q, topic, best.record), figures):
        return []
    words = content_words(index, q, topic, zone_id)
    missing = [w for w in words if w.text in index.uncovered(best.record.number, words)]
    if len(missing) != 1 or _rest_coverage(index, topic, zone_id) is not None:
        return []
    first, last = index.zone_ranges[zone_id]
    if not any(index.asked_by(i, missing[0]) for i in range(first, last)):
        return []  # no entry of the zone asks about it: a topic the sources lack
    if any(
        c.score >= (CLARIFY_SCORE if asks_more else decision.ANSWER_SCORE)
        and not index.uncovered(c.record.number, missing)
        for c in ranked[1:]
    ):
        return []  # another entry that could answer holds it (asking a figure: one near)
    return [best] if years_asked(q.norm) <= best.record.years else []


def pair_apart(
    index: ZoneIndex, q: Question, topic: str, ranked: list[Candidate], zone_id: str
) -> tuple[Candidate, ...]:
    """The two best entries of a named zone, when both hold every word and stand apart.

    "<zone>主导主要行业是什么情况" finds the leading industries and the overview alike, below
    the answer threshold: neither leads, but both answer, so the reply shows both.
    """
    if len(ranked) < 2 or q.pinyin or named_by_place_only(index, q, zone_id):
        return ()
    first, second = ranked[:2]
    third = ranked[2].score if len(ranked) > 2 else 0.0
    if second.score - third < LEADER_MARGIN:
        return ()
    pair = coverers(index, q, topic, [first, second], zone_id, LEADER_SCORE)
    return tuple(pair) if len(pair) == 2 else ()


def named_by_place_only(index: ZoneIndex, q: Question, zone_id: str) -> bool:
    """Tell whether a question named its zone only by its city or province (山东大学科技园)."""
    return bool(q.names) and all(name in index.places[zone_id] for name in q.names)


def coverers(
    index: ZoneIndex,
    q: Question,
    topic: str,
    ranked: list[Candidate],
    zone_id: str | None,
    threshold: float | None = None,
    *,
    dated: bool = True,
    figured: bool = True,
    frame: bool = True,
    worded: bool = True,
) -> list[Candidate]:
    """The candidates at or above the answer threshold that hold every content word, best first.

    A content word the entry lacks (人才 asked of a relocation subsidy) means the entry
    answers another question: answering with it would state a wrong fact. Not `worded`:
    the candidates that could answer but for the words they lack (each other test holds).
    """
    # read now, not when imported: benchmarks set it
    threshold = decision.ANSWER_SCORE if threshold is None else threshold
    if q.pinyin:
        return [c for c in ranked if c.score >= threshold]
    words = content_words(index, q, topic, zone_id)
    if not frame:
        words = [w for w in words if w.text.lower() not in FRAME_WORDS]
    rest = _rest_coverage(index, topic, zone_id)
    firms = index.entities_in(topic, zone_id) if zone_id else []
    asks_figure = bool(FIGURE_RE.search(q.norm))
    years = years_asked(q.norm) if dated else frozenset()  # 2020年的: not an entry of 2022
    periods = periods_named(q.norm)  # 一季度: not a whole year's figure
    asked = asked_figures(q.norm)
    # a date only when asked outright: "gets a reward when it arrives" sets a condition
    figures = figures_asked_outright(q.norm) if figured else frozenset()
    return [
        c
        for c in ranked
        if c.score >= threshold
        and years <= c.record.years
        and periods <= c.record.periods
        # a date is the date of what the question names: no word of it may be missing
        and (
            not worded
            # of a question naming a firm, what it asks of the firm must be nearly all held
            or (
                (c.coverage if rest is None else float(rest[c.record.number])) >= NEARLY_ALL
                and "date" not in asked
            )
            or not index.uncovered(c.record.number, words)
        )
        # what is asked of a named firm: its words weigh enough, or the firm's own entry
        # holds each (through a synonym: "set up for firms" of a sub-park's services)
        and (
            rest is None
            or rest[c.record.number] >= ENTITY_REST_COVERAGE
            or _own_entry_holds_the_rest(index, q, topic, zone_id, firms, c)
        )
        # a question naming a firm or project is answered by an entry naming it
        and (not firms or names_a_firm(index, c.record, firms))
        # a question naming a firm or project is about it, not about the whole zone; nor
        # is one asking for a figure (多少, how much): an overview states others in passing
        and ((rest is None and not asks_figure) or c.record.entry.topic != "overview")
        # an entry leaving out what it does not give (not_given) answers that itself
        and (
            not figures
            or _leaves_out_what_is_asked(q, c.record, figures, firms)
            or gives_figure(_said_of_firms(index, q, topic, c.record), figures)
        )
    ]


def _leaves_out_what_is_asked(
    q: Question, record: EntryRecord, figures: frozenset[Figure], firms: list[str]
) -> bool:
    """Tell whether an entry says its source leaves out the kind of figure asked, or what the
    question asks: it answers that itself. One leaving out something else (a builder's
    entry naming no owner) does not answer "when"."""
    items = normalize_all(record.entry.not_given.all())
    return any(
        figures & figures_named(item) and _of_what_is_asked(item, q, record, firms)
        for item in items
    ) or (bool(items) and names_what_is_left_out(q, record))


def _of_what_is_asked(item: str, q: Question, record: EntryRecord, firms: list[str]) -> bool:
    """Tell whether a figure an entry leaves out is of what a question asks about: of a thing
    it names (奖励金额 of 奖励有多少钱; not 销售金额 of 康复大学能拿多少钱), asked in the other
    language, or of nothing in particular (金额, the amount) of the entry's own firm or of no
    firm named (a firm's sales amount is not what 康复大学能拿多少钱 asks)."""
    thing = _thing_left_out(item)
    if not thing:
        return not firms or bool(_titled(record, firms))
    if CJK_RE.search(thing):
        if not CJK_RE.search(q.norm):
            return True
        return thing.replace(" ", "") in q.norm.replace(" ", "")
    if not latin_words(q.norm):
        return True
    return all(w in q.norm.split() for w in thing.split() if w not in EN_STOPWORDS)


def _own_entry_holds_the_rest(
    index: ZoneIndex,
    q: Question,
    topic: str,
    zone_id: str | None,
    firms: list[str],
    c: Candidate,
) -> bool:
    """Tell whether a named firm's own entry (titled with it) holds every content word of
    what the question asks of the firm, the firm's names out; worked out only for such an
    entry, rarely: most questions naming a firm pass on the rest's weight."""
    if zone_id is None or not _titled(c.record, firms):
        return False
    named = "".join(firms)
    bare = index.strip_entities(topic, zone_id)
    words = [w for w in content_words(index, q, bare, zone_id) if w.text not in named]
    return bool(words) and not index.uncovered(c.record.number, words)


def giving_the_figure_first(
    index: ZoneIndex, q: Question, topic: str, covering: list[Candidate]
) -> list[Candidate]:
    """Of entries holding every word asked, those giving the kind of figure asked or saying
    they leave it out, when some give it: one passing only because it leaves out something
    else (a builder's entry naming no owner) is not what "<zone>的建设何时" asks while the
    groundbreaking's gives the date."""
    figures = figures_asked_outright(q.norm)  # "a reward when it arrives" asks no date
    if not figures or len(covering) < 2:
        return covering
    giving = [
        c for c in covering if gives_figure(_said_of_firms(index, q, topic, c.record), figures)
    ]
    if not giving:
        return covering
    firms = index.entities_in(topic, covering[0].record.zone_id)
    return [
        c
        for c in covering
        if c in giving or _leaves_out_what_is_asked(q, c.record, figures, firms)
    ]


def one_gives_the_figure(
    index: ZoneIndex, q: Question, topic: str, ranked: list[Candidate], zone_id: str
) -> list[Candidate]:
    """Of close candidates holding every word asked, the one alone giving the kind of figure
    asked: "<zone>的建设哪一年" finds the groundbreaking, the key project and what is built,
    all about building, below the answer threshold; only the groundbreaking gives a year."""
    figures = asked_figures(q.norm)
    if not figures or q.pinyin or named_by_place_only(index, q, zone_id):
        return []
    close = [c for c in ranked[:4] if c.score >= CLARIFY_SCORE]
    words = content_words(index, q, topic, zone_id)
    if not words:
        return []  # nothing asked but a kind of figure: any entry giving one would do
    years = years_asked(q.norm)
    holding = [
        c for c in close if not index.uncovered(c.record.number, words) and years <= c.record.years
    ]
    giving = [
        c for c in holding if gives_figure(_said_of_firms(index, q, topic, c.record), figures)
    ]
    return giving if len(holding) >= 2 and len(giving) == 1 else []


def one_holds_the_detail(
    index: ZoneIndex, q: Question, topic: str, ranked: list[Candidate], zone_id: str
) -> list[Candidate]:
    """The best of close candidates when it alone holds what tells them apart, though it lacks
    one word of the question that another candidate holds.

    "<zone>110千伏古驿变电站何时开工建设" finds the substation's entry (开工, no 建设) and the
    key projects (建设, no 开工): neither holds every word, but the substation's entry is the
    one about what is asked (its title names the project). The best candidate answers when it
    scores at the answer threshold, lacks exactly one content word, and that word is held by
    another close candidate (a thing the zone's sources write, not a topic they lack); each
    other close candidate that could answer (naming the firm asked, giving the figure asked)
    must hold no more of the question's words and be named by fewer of them in its labels and
    title. A word held only by a candidate that could not answer (an entry not naming the firm
    asked) is forgiven only when no figure is asked: "<firm>有多少员工" stays unanswered.
    """
    if len(ranked) < 2 or q.pinyin or named_by_place_only(index, q, zone_id):
        return []
    close = [c for c in ranked[:4] if c.score >= CLARIFY_SCORE]
    if len(close) < 2 or close[0].score < decision.ANSWER_SCORE:
        return []
    best = close[0]
    able = coverers(index, q, topic, close, zone_id, CLARIFY_SCORE, worded=False)
    if not able or able[0] is not best:
        return []  # the best could not answer anyway (a firm it does not name, a figure it lacks)
    words = content_words(index, q, topic, zone_id)
    missing = index.uncovered(best.record.number, words)
    if len(missing) != 1:
        return []
    lacking = [w for w in words if w.text == missing[0]]
    holders = [c for c in close[1:] if not index.uncovered(c.record.number, lacking)]
    if not holders:
        return []  # no candidate holds it: what is asked may be a topic the sources lack
    if not any(c in able for c in holders) and FIGURE_RE.search(q.norm):
        return []
    firms = index.entities_in(q.norm, zone_id)
    label_topic = topic
    if firms:
        label_topic = topic_of(
            index, replace(q, norm=index.strip_entities(q.norm, zone_id)), [zone_id]
        )
    label_words = _label_words(index, q, label_topic)
    groups = index.lexicon.groups

    def held(c: Candidate) -> int:
        lacks = set(index.uncovered(c.record.number, words))
        return sum(len(w.text) for w in words if w.text not in lacks)

    def named(c: Candidate) -> float:
        return _named(c.record, label_words, q.pinyin, groups) + _titled(c.record, firms)

    if any(held(c) > held(best) or named(c) >= named(best) for c in able[1:]):
        return []
    return [best]


def names_a_firm(index: ZoneIndex, record: EntryRecord, firms: list[str]) -> bool:
    """Tell whether an entry names one of the firms or projects a question names."""
    return any(n in f or f in n for n in index.firms_named_by(record) for f in firms)


def lacking_the_figure(
    index: ZoneIndex, q: Question, topic: str, ranked: list[Candidate], zone_id: str | None
) -> tuple[Candidate, tuple[Figure, ...]] | None:
    """The entry that holds every word asked but not the kind of figure asked, if any does.

    "泽普医疗年销售额是多少" finds the firm's entry, which gives its sales growth only: the
    reply says the sources do not give the amount, with what they do give.
    """
    figures = asked_figures(q.norm)
    if not figures:
        return None
    lacking = coverers(index, q, topic, ranked, zone_id, figured=False)
    if not lacking:
        return None
    return lacking[0], tuple(sorted(figures))


def _said_of_firms(index: ZoneIndex, q: Question, topic: str, record: EntryRecord) -> str:
    """What an entry's answer says of the firms or projects a question names.

    Its whole answer when the question names none, or when the entry's title names one
    (the entry is about it); else the paragraphs naming one: a list of key projects gives
    one project's investment, not the substation's asked about.
    """
    entry = record.entry
    answer = f"{entry.answer.zh}\n{entry.answer.en or ''}"
    firms = index.entities_in(q.norm, record.zone_id)
    if not firms and asks_a_total(q.norm) and not _names_something(what_the_total_is_of(topic)):
        # the whole zone's total (园区总投资, 一共多少家企业): not a project's figure, nor a
        # count of some firms (2家正在选址): only paragraphs naming none, and a sum over
        # projects or firms written as a total (总投资, 累计, 集聚)
        summed = needs_a_total(q.norm)
        return "\n".join(
            paragraph
            for paragraph in answer.split("\n")
            if (not summed or gives_the_total(paragraph, q.norm))
            and not names_any_firm(index, paragraph, record.zone_id)
        )
    if not firms or _titled(record, firms):
        return answer
    return "\n".join(
        paragraph
        for paragraph in answer.split("\n")
        if any(
            named in firm or firm in named
            for named in index.entities_in(normalize_all([paragraph])[0], record.zone_id)
            for firm in firms
        )
    )


def _names_something(rest: str) -> bool:
    """Tell whether what is left of a question names a thing: two Chinese characters, or an
    English word of three letters or more that is no stop word ("what's" leaves an s)."""
    rest = strip_stop_phrases(rest)
    english = [w for w in latin_words(rest) if len(w) >= 3 and w not in EN_STOPWORDS]
    return len(CJK_RE.findall(rest)) >= 2 or bool(english)


def names_any_firm(index: ZoneIndex, text: str, zone_id: str) -> bool:
    """Tell whether a text names one of the zone's firms or projects, in Chinese or English."""
    if index.entities_in(normalize_all([text])[0], zone_id):
        return True
    lower = text.lower()
    return any(name.lower() in lower for name in index.kb.zones[zone_id].entities.en)


def content_words(
    index: ZoneIndex, q: Question, topic: str, zone_id: str | None
) -> list[ContentWord]:
    """The question's words an entry must hold to answer it: those that tell its topic."""
    english = q.lang == "en"
    if (topic, english) not in q.memo.words:  # asked again for each of several zones
        q.memo.words[topic, english] = index.lexicon.words(topic, english=english)
    words = [
        w
        for w in q.memo.words[topic, english]
        if index.share_holding(w) <= COMMON_WORD_SHARE  # 企业, company: too common to tell
    ]
    asking = [w for w in words if QUESTION_WORD_RE.match(w.text)]
    if len(asking) < len(words):  # 多大 of 规模多大, how fast of "how fast did it grow": a
        words = [w for w in words if w not in asking]  # question word asks the other words
    if q.lang != "en":  # a latin word the base never writes (PUE) asks what no entry holds
        words += [
            ContentWord(w, ())
            for w in latin_words(topic)
            if len(w) >= 2
            and w.isalpha()
            and w not in EN_STOPWORDS  # "how many" in a Chinese question asks, names nothing
            and not _known_latin(index, w, q.raw)
            and w not in _EN_KINDS
            and not _common_english_in_lower_case(w, q.raw)
            and not _typed_as_laughter(w, q.raw)
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
        if all(w.text.lower() in FRAME_WORDS for w in words):  # nothing else asked but ...
            words += _written_elsewhere_only(index, topic, zone_id, words)
    if zone_id:  # what is left of a misspelt zone name (安阳光电智能制造产园) asks nothing
        latin = index.finder.latin_keys_of[zone_id]  # nor a part of its latin name (electronics)
        initials = _zone_initials(index, zone_id)
        words = [
            w
            for w in words
            if w.text not in index.zone_name_text[zone_id]
            and not (
                w.text.isascii()
                and len(w.text) >= 4
                and any(stem(w.text) in k for k, kind in latin if kind != "entity")
            )
            and w.text not in initials  # ZC of Zero-Carbon, ZB of 中北
        ]
    return _without_frame(_without_the_speaker(words, topic))


def _zone_initials(index: ZoneIndex, zone_id: str) -> frozenset[str]:
    """What an asker abbreviates a zone's name to: the initials of its English words (ZC of
    Qinghai Zero-Carbon Industrial Park) or of its Chinese characters' pinyin (ZB of 中北)."""
    name = index.kb.zones[zone_id].name
    return _initials(name.en or "", name.zh or "")


@lru_cache(maxsize=8192)  # a national base's zones, and their renamings over reloads
def _initials(english: str, chinese: str) -> frozenset[str]:
    """The initials of two or more words (or characters) in a row of a name, lower case."""
    spelt = [
        "".join(w[0] for w in re.findall(r"[A-Za-z]+", english)).lower(),
        "".join((char_pinyin(ch) or " ")[0] for ch in chinese),
    ]
    return frozenset(
        letters[i:j]
        for letters in spelt
        for i in range(len(letters))
        for j in range(i + 2, len(letters) + 1)
        if " " not in letters[i:j]
    )


def _without_the_speaker(words: list[ContentWord], topic: str) -> list[ContentWord]:
    """The content words but a speaker's name, when others are left: "<name>说…比例是多少"
    asks what was said, which an entry may give without naming who said it."""
    if not _SPEECH_RE.search(topic):  # no one said anything: no word is a speaker
        return words
    kept = [w for w in words if not re.search(re.escape(w.text) + _SPEECH, topic)]
    return kept if kept else words


def _without_frame(words: list[ContentWord]) -> list[ContentWord]:
    """The content words but the asker's frame words (规划, 生产, programme), when others are
    left: "综合办公楼规划几层" asks about the office building, whatever its plan is called."""
    kept = [w for w in words if w.text.lower() not in FRAME_WORDS]
    return kept if kept else words


def _other_zones_name_word(index: ZoneIndex, word: str, zone_id: str, asked: set[str]) -> bool:
    """Tell whether an English word is written only in other zones' names, asked without
    a word beside it in any of them."""
    names = index.name_words.get(stem(word))
    return names is not None and all(z != zone_id and not beside & asked for z, beside in names)


def _written_elsewhere_only(
    index: ZoneIndex, topic: str, zone_id: str, words: list[ContentWord]
) -> list[ContentWord]:
    """... two English words side by side in the question, each written somewhere in the
    base's texts and held by no entry of this zone ("<zone>: life cycle?", of another zone's
    emissions): asked of this zone, the thing they name is what its sources lack."""
    taken = {stem(p) for w in words for p in w.text.split()}
    first, last = index.zone_ranges[zone_id]

    def lacking(token: str) -> ContentWord | None:
        word = stem(token)
        number = index.space.words.get(word)
        if (
            number is None
            or len(token) < 3
            or word in taken
            or token in EN_STOPWORDS
            or token in SENTENCE_OPENERS
            or token in FRAME_WORDS
        ):
            return None
        content = ContentWord(token, (((WORD << KIND_SHIFT) | number,),))
        said = re.compile(rf"\b{re.escape(word)}")
        if index.held_in(zone_id, content) or any(
            said.search(_texts_of(index.records[n])) for n in range(first, last)
        ):
            return None
        return content

    tokens = latin_words(topic)
    for one, two in itertools.pairwise(tokens):
        pair = [lacking(one), lacking(two)]
        if pair[0] and pair[1]:
            return [pair[0], pair[1]]
    return []


def _texts_of(record: EntryRecord) -> str:
    """An entry's written questions, labels and answers, lower case."""
    return f"{record.question_text} {answer_text(record)}".lower()


@cache
def _mixed_in_words() -> frozenset[str]:
    """English words mixed into Chinese that ask nothing (bot/data/mixed_in_words.txt)."""
    text = resources.files("bot").joinpath("data/mixed_in_words.txt").read_text("utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


# what a chat adds in latin letters asking nothing: hesitation and laughter (emmm, hhh,
# hahaha, lol), one letter typed over and over
_INTERJECTION_RE = re.compile(
    r"em+|hm+|h{2,}|(?:ha|he|hi|xi|ho)(?:ha|he|hi|xi|ho)+h?|l+o+l+|lmao|rofl|orz"
)


def _typed_as_laughter(word: str, raw: str) -> bool:
    """Tell whether a latin word of a Chinese question is hesitation or laughter typed in
    lower case (emmm, hhh), not an acronym (HHH of a firm)."""
    return bool(_INTERJECTION_RE.fullmatch(word)) and _typed_lower(word, raw)


def _known_latin(index: ZoneIndex, word: str, raw: str) -> bool:
    """Tell whether the base writes a latin word of a Chinese question: typed in capitals, an
    acronym (有冇LED企业) only when the base writes it so, not as a word ("led by").

    In English, capitals are as often emphasis (what COST saving): there the word is read.
    """
    if not index.knows_word(stem(word)):
        return False
    capitals = word.upper()
    typed = re.search(rf"(?<![A-Za-z]){capitals}s?(?![A-Za-z])", raw) is not None
    return not typed or capitals in index.acronyms


def _common_english_in_lower_case(word: str, raw: str) -> bool:
    """Tell whether a latin word of a Chinese question is the asker's jargon typed in lower
    case (想做个mapping, 有没有doc), not an acronym (PUE) or a thing the base must write."""
    return word in _mixed_in_words() and _typed_lower(word, raw)


def _typed_lower(word: str, raw: str) -> bool:
    """Tell whether a lower-case word is written in lower case in the question as typed."""
    return re.search(rf"(?<![a-zA-Z]){word}(?![a-zA-Z])", raw) is not None


def _unknown_things(index: ZoneIndex, q: Question, topic: str) -> list[ContentWord]:
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
        and w not in SENTENCE_OPENERS
        and w not in _EN_KINDS
        and not index.knows_word(stem(w))
    ]
    return [ContentWord(w, ()) for w in unknown] if len(unknown) >= 2 else []


def about_the_words(
    index: ZoneIndex, q: Question, topic: str, covering: list[Candidate]
) -> list[Candidate]:
    """The best covering candidate once labels count, and any as good (then: ask which).

    Two entries may both hold 占地面积: the one titled or tagged with it is about it, the
    other only mentions it (a floor area's answer that warns the site area differs). A
    question worded as an entry's written one (score near 100) needs no such help; a
    pinyin question's score is its coverage alone, so it always may.
    """
    best = covering[0]
    near = [c for c in covering if c.score >= best.score - LABEL_MARGIN]
    numbers = _NUMBER_RE.findall(q.norm)
    holding = [c for c in near if all(n in answer_text(c.record) for n in numbers)]
    if numbers and holding and len(holding) < len(near):  # "100% green power": the one saying so
        near = holding
        best = near[0]
    if (
        len(near) > 1
        and _PLACE_ASKED_RE.search(q.norm)
        and not _names_a_thing(index, q, topic, best.record.zone_id)
    ):  # 在太原哪个区: the zone's location entry
        placed = [c for c in near if _LOCATION_LABEL_RE.search(c.record.labels)]
        if len(placed) == 1:
            return placed
    if (best.score < WRITTEN_SCORE or q.pinyin) and len(near) > 1:
        # a firm's or project's name (青岛市生物医药及医疗器械产业园) names no label, but
        # the entry titled with it is the firm's own
        zone_id = best.record.zone_id
        firms = index.entities_in(q.norm, zone_id)
        if firms:
            unnamed = replace(q, norm=index.strip_entities(q.norm, zone_id))
            topic = topic_of(index, unnamed, [zone_id])
        words = _label_words(index, q, topic)
        groups = index.lexicon.groups
        named = {
            c.record: _named(c.record, words, q.pinyin, groups) + _titled(c.record, firms)
            for c in near
        }
        head = _asked_head(q.norm, words)  # 以什么行动为抓手: 行动 is what is asked
        if head and sum(head in c.record.labels for c in near) == 1:
            named = {c.record: named[c.record] + 100 * (head in c.record.labels) for c in near}
        most = max(named.values())
        near = [c for c in near if named[c.record] == most]
        best = near[0]
    return [best] + [c for c in near[1:2] if c.score >= best.score - TIE_MARGIN]


_ASKING_BEFORE_RE = re.compile(r"(?:什么|啥|哪个|哪项|哪一项|哪种|哪类)$")


_PLACE_ASKED_RE = re.compile(
    r"在哪|哪里|哪儿|什么地方|什么位置|哪个(?:省|市|区|县|城市)|位于|坐落|属于哪"
    r"|\b(?:where|located|which (?:province|city|district|county|town))\b"
)
_LOCATION_LABEL_RE = re.compile(r"位置|\blocation\b")


def _names_a_thing(index: ZoneIndex, q: Question, topic: str, zone_id: str) -> bool:
    """Tell whether a question asking where names something besides places (生物医药产业园
    在哪: the park's own entry says where it is)."""
    if index.entities_in(q.norm, zone_id):
        return True
    words = content_words(index, q, topic, zone_id)
    return any(not _PLACE_WORD_RE.fullmatch(w.text) for w in words)


_PLACE_WORD_RE = re.compile(
    r"[省市区县]|城市|地方|位置|地址|(?:province|city|district|county|town|location|address)s?"
)


def _asked_head(norm: str, words: list[str]) -> str | None:
    """The Chinese content word a question asks for by name, right after its question word
    (以什么行动为抓手: 行动), if one is."""
    compact = norm.replace(" ", "")
    for word in words:
        at = compact.find(word)
        if not word.isascii() and at > 0 and _ASKING_BEFORE_RE.search(compact[:at]):
            return word
    return None


def answer_text(record: EntryRecord) -> str:
    """An entry's answers, both languages, as numbers are written in them."""
    answer = record.entry.answer
    return f"{answer.zh or ''} {answer.en or ''}"


def _titled(record: EntryRecord, firms: list[str]) -> int:
    """How much of the firms' names an entry's title holds: it is about them. A title that is
    a firm's name cut short (数字青海大数据中心 of 中国电信数字青海大数据中心) holds it too."""
    title = record.entry.title
    text = f"{title.zh or ''} {(title.en or '').lower()}" if title else ""
    short = _short_title(title.zh) if title and title.zh else ""
    return sum(
        len(firm) if firm in text else len(short) if short and short in firm else 0
        for firm in set(firms)
    )


@cache
def _short_title(title: str) -> str:
    """An entry's Chinese title, normalised, if long enough to be a firm's name cut short."""
    return normalize(title) if len(title) >= 4 else ""


def _label_words(index: ZoneIndex, q: Question, topic: str) -> list[str]:
    """The words of a question an entry's labels may name: content words, English or pinyin."""
    if q.pinyin:
        return [w for w in latin_words(topic) if len(w) >= 3]
    found = index.lexicon.words(topic, english=False)
    telling = [
        w.text
        for w in found
        if index.share_holding(w) <= COMMON_WORD_SHARE and w.text not in FRAME_WORDS
    ]
    # 企业, company: too common to tell one entry's labels from another's, and 规划, the
    # asker's frame, tells none, unless nothing else is asked ("<zone> 企业")
    words = telling or [w.text for w in found]
    if q.lang == "en":
        words += [
            stem(w)
            for w in latin_words(topic)
            if len(w) >= 3 and w not in EN_STOPWORDS and w not in SENTENCE_OPENERS
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
        # a synonym of a label names it less surely than the label itself (head: 负责人)
        else len(w) / 2
        if groups.get(w, -1) in label_groups
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
    # "<firm>是干啥的": the asker's frame asks nothing of the firm but what its entry tells
    features = index.question_features(without_frame(index, rest, keep_if_empty=False))
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


def holding_entry(
    index: ZoneIndex, q: Question, topic: str, ranked: list[Candidate], dated: bool
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
    if not content_words(index, q, topic, zone_id):
        return ranked[0] if dated else None
    covering = coverers(index, q, topic, ranked, zone_id, CROSS_HOLD_SCORE)
    return about_the_words(index, q, topic, covering)[0] if covering else None


# A question asking how many firms or projects, or which: a detail an entry must give.
_COUNT_ASKED = re.compile(
    r"多少家|几家|多少个?(?:企业|公司|项目|厂商)|几个(?:企业|公司|项目|厂商)"
    r"|\bhow many (?:\w+ )?(?:companies|firms|enterprises|tenants|businesses|projects)\b"
)
_COUNT_GIVEN = re.compile(
    r"\d+\s*(?:多|余)?\s*家|\d+\s*(?:多|余)?\s*个(?:企业|公司|项目)"
    r"|\d+\+?\s+(?:[a-z-]+\s+){0,4}?(?:companies|firms|enterprises|tenants|businesses|projects)\b",
    re.IGNORECASE,
)
_FIRMS_ASKED = re.compile(
    r"哪些[^ ]{0,4}(?:企业|公司|项目|厂商)|哪几家|哪家"
    r"|\b(?:which|what) (?:\w+ ){0,2}(?:companies|firms|tenants|projects|enterprises)\b"
    r"|\b(?:anchor|key) (?:tenants|firms|companies|projects)\b"
)


def entities_asked(index: ZoneIndex, q: Question, zone_id: str) -> list[str]:
    """The names of a zone's firms and projects a question holds, in Chinese or in English."""
    return index.entities_in(q.norm, zone_id) + index.latin_entities_in(q.norm, zone_id)


def about_entity(index: ZoneIndex, record: EntryRecord, names: list[str]) -> bool:
    """Tell whether an entry is about one of the named firms or projects: its title or tags
    name it, or its answer opens with it (the first sentence's subject)."""
    zh, en, *labels = index.heads(record)
    size = 2 + max(map(len, names))
    opening = (zh[:size], en.removeprefix("the ")[:size])
    return any(
        name in label or text.startswith(name)
        for name in names
        for label in labels
        for text in opening
    )


def _details_asked(q: Question) -> frozenset[str]:
    """The details a question asks of a named firm or project: a kind of figure, a count of
    firms, which firms."""
    asked: set[str] = set(asked_figures(q.norm))
    if _COUNT_ASKED.search(q.norm):
        asked.add("count")
    if _FIRMS_ASKED.search(q.norm):
        asked.add("firms")
    return frozenset(asked)


def _gives_details(
    index: ZoneIndex, q: Question, record: EntryRecord, names: list[str], details: frozenset[str]
) -> bool:
    """Tell whether an entry gives every detail asked of the named firms or projects: its
    whole answer when it is about them, else the paragraphs naming one."""
    entry = record.entry
    paragraphs = f"{entry.answer.zh or ''}\n{entry.answer.en or ''}".split("\n")
    if not about_entity(index, record, names):
        normed = normalize_all(paragraphs)
        paragraphs = [
            p for p, n in zip(paragraphs, normed, strict=True) if any(m in n for m in names)
        ]
    text = "\n".join(paragraphs)
    figures = frozenset(f for f in FIGURES if f in details)
    if figures and not gives_figure(text, figures):
        return False
    if "count" in details and not _COUNT_GIVEN.search(text):
        return False
    if "firms" in details:  # another firm named, in the question's script (古驿变电站: Guyi)
        said = normalize_all([text])[0]
        find = index.latin_entities_in if q.lang == "en" else index.entities_in
        if not any(o not in n and n not in o for o in find(said, record.zone_id) for n in names):
            return False
    return True


def entity_own_entry(
    index: ZoneIndex,
    q: Question,
    topic: str,
    ranked: list[Candidate],
    zone_id: str,
    chosen: Candidate,
) -> Candidate | None:
    """The entry about the firm or project a question names, instead of a general entry that
    only mentions it.

    "How many companies have located in the Lifei … Park?" finds the people named in the
    article (which name the park's head) a little above the park's own entry, which gives
    the count but not the word "located". Among candidates within `LABEL_MARGIN` of the
    chosen one, the best about the thing (`about_entity`) that could answer (every test of
    `coverers` but the words) and gives the detail asked, if any (a kind of figure, a count
    of firms, which firms) and whose labels name what is asked of the thing no less than the
    chosen entry's do (item 11: "<substation>是哪家供电公司的" stays with the power company),
    answers when it holds every content word, or when it lacks one word only and the chosen
    entry does not give the detail asked.
    """
    if q.pinyin:
        return None
    names = entities_asked(index, q, zone_id)
    if not names or about_entity(index, chosen.record, names):
        return None
    if written_as_its_own(q, chosen.record.entry):
        return None  # "立菲园区负责人叫啥" written under the people named: the editor's word
    near = [
        c
        for c in ranked[:6]
        if c is not chosen
        and c.score >= max(CLARIFY_SCORE, chosen.score - LABEL_MARGIN)
        and about_entity(index, c.record, names)
    ]
    if not near:
        return None
    able = coverers(index, q, topic, near, zone_id, CLARIFY_SCORE, worded=False)
    if not able:
        return None
    words = content_words(index, q, topic, zone_id)
    details = _details_asked(q)
    rest = index.strip_entities(topic, zone_id)  # what is asked about the thing
    for name in names:
        rest = rest.replace(name, " ")
    label_words = _label_words(index, q, rest)
    groups = index.lexicon.groups

    def named(c: Candidate) -> float:
        return _named(c.record, label_words, q.pinyin, groups)

    for own in able:
        if named(own) < named(chosen):
            continue  # the chosen entry's labels name what is asked (item 11): it is about that
        if details and not _gives_details(index, q, own.record, names, details):
            continue  # "<substation>是哪家供电公司的": the power company names the firm
        lacks = index.uncovered(own.record.number, words)
        if not lacks:
            return own
        if (
            len(lacks) == 1
            and details
            and not _gives_details(index, q, chosen.record, names, details)
        ):
            return own
    return None
