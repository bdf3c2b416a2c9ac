"""Whose figure an entry gives: its zone's, or that of a firm or project the zone holds.

"What is the total investment of the entire Qinghai park?" is not answered by the data
centre's 10亿元, nor "Qingdao HTZ area km2" by the area of a park inside the zone: a figure
asked of the zone itself is not the figure of something the question never names.
"""

from __future__ import annotations

import re

from bot.search.coverage import about_entity, answer_text, entities_asked, names_any_firm
from bot.search.features import EN_STOPWORDS
from bot.search.figures import (
    Figure,
    asked_figures,
    figures_asked_outright,
    gives_figure,
    without_figure_words,
)
from bot.search.index import EntryRecord, ZoneIndex
from bot.search.question import Question
from bot.search.textnorm import char_pinyin, normalize_all
from bot.search.zonefind import EN_GENERIC_WORDS

_CJK_RUN_RE = re.compile(r"[\u3400-\u9fff]{2,}")
_SENTENCE_END_RE = re.compile(r"[。；！？\n]|[.;](?=\s)")  # not the dot of 22.09
_LATIN_WORD_RE = re.compile(r"[a-z]{2,}")
_CAPITALS_RE = re.compile(r"[A-Z]")
_SUMS_OF_FIRMS: frozenset[Figure] = frozenset({"money"})  # an amount beside a firm: the firm's
_SHARED_STEM = 6  # letters two words share at their start: biomedical, biomedicine


def figure_of_another_subject(
    index: ZoneIndex, q: Question, record: EntryRecord
) -> tuple[Figure, ...]:
    """The kinds of figure a question asks of its zone that an entry gives only for a firm or
    project of the zone which the question does not name, or asks of a firm or project that
    the zone's overview only names (none: the entry may answer)."""
    asked = asked_figures(q.norm)
    if not asked:
        return ()
    if entities_asked(index, q, record.zone_id):  # the overview names a firm or project in
        return tuple(sorted(asked)) if record.entry.topic == "overview" else ()  # passing
    zone = index.kb.zones[record.zone_id]
    if record.entry.topic == "overview":
        return _only_its_firms_figures(record, [*zone.entities.zh, *zone.entities.en], asked)
    names = [n for n in normalize_all([*zone.entities.zh, *zone.entities.en]) if n.strip()]
    if not names or not about_entity(index, record, names):
        return ()
    return () if _names_its_subject(index, q, record) else tuple(sorted(asked))


def _only_its_firms_figures(
    record: EntryRecord, names: list[str], asked: frozenset[Figure]
) -> tuple[Figure, ...]:
    """The sums asked that an overview gives only in sentences naming a firm or project of
    its zone ("total investment" of the zone, where the overview gives a data centre's); not
    a date or an area, which a sentence naming a place of the zone may give of the zone."""
    answer = record.entry.answer
    texts = [text for text in (answer.zh, answer.en) if text]
    owns = [
        " ".join(
            sentence
            for sentence in _SENTENCE_END_RE.split(text)
            if not any(name and name in sentence for name in names)
        )
        for text in texts
    ]
    return tuple(
        sorted(
            kind
            for kind in asked & _SUMS_OF_FIRMS
            if any(
                gives_figure(text, frozenset({kind})) and not gives_figure(own, frozenset({kind}))
                for text, own in zip(texts, owns, strict=True)
            )
        )
    )


_ASKS_WHICH_SUBJECT_RE = re.compile(
    r"哪(?:个|一个|家|一家|座)?(?:园区|园|公司|企业|项目|厂)"
    r"|\b(?:which|what) (?:\w+ )?(?:park|company|firm|project|plant|factory)\b"
)


_POINTS_BACK_THERE_RE = re.compile(
    r"其中|里面|里头|园内|园里|入驻了?多少|\b(?:there|in it|inside it|in there|inside)\b"
)

# a firm the asker cannot name: "one company there says it cut its costs", 有家企业说
_ONE_FIRM_RE = re.compile(
    r"(?<![我们俺咱司])(?:有|某)1?(?:家|个)(?:企业|公司|厂)|某(?:企业|公司)"  # not 我们有个公司
    r"|\b(?:one|a certain|one of the) (?:compan(?:y|ies)|firms?|enterprises?|manufacturers?)\b"
)


def _names_its_subject(index: ZoneIndex, q: Question, record: EntryRecord) -> bool:
    """Tell whether a question holds a piece of the entry's title or of a firm or project
    it names, besides the zone's name: 数据 of 数字青海大数据中心, 电信 of 中国电信, "rehab uni"
    of Rehabilitation University, AZ of AstraZeneca."""
    which = _ASKS_WHICH_SUBJECT_RE.search(q.norm)  # "which park ... and how many firms are
    if which and _POINTS_BACK_THERE_RE.search(q.norm[which.end() :]):  # there": asks the
        return True  # subject's name, then its figure
    if _ONE_FIRM_RE.search(q.norm):
        return True
    entry = record.entry
    zone = index.kb.zones[record.zone_id]
    title = [entry.title.zh or "", entry.title.en or ""] if entry.title else []
    written = " ".join([*title, entry.answer.zh or "", entry.answer.en or "", *entry.tags])
    named = [n for n in [*zone.entities.zh, *zone.entities.en] if n in written]
    texts = [index.strip_zone_names(t, record.zone_id) for t in normalize_all([*title, *named])]
    asked = q.norm.replace(" ", "")
    runs = [run for text in texts for run in _CJK_RUN_RE.findall(text)]
    if any(run[i : i + 2] in asked for run in runs for i in range(len(run) - 1)):
        return True
    latin = "".join(_LATIN_WORD_RE.findall(q.norm))  # Kangfu Daxue of 康复大学
    if any(_pinyin_of(run) in latin for run in runs if len(run) >= 3):
        return True
    words = [w for w in _LATIN_WORD_RE.findall(q.norm) if w not in EN_STOPWORDS]
    own = {
        w
        for text in texts
        for w in _LATIN_WORD_RE.findall(text)
        if w not in EN_STOPWORDS and w not in EN_GENERIC_WORDS
    }
    own |= {"".join(_CAPITALS_RE.findall(n)).lower() for n in named if n.isascii()}  # AZ
    for text in texts:  # DC of data centre
        letters = "".join(w[0] for w in _LATIN_WORD_RE.findall(text))
        own |= {letters[i : i + 2] for i in range(len(letters) - 1)}
    return any(_same_word(w, o) for w in words for o in own)


def _same_word(asked: str, own: str) -> bool:
    """Tell whether a word of a question may be one of the entry's: the same, one cut short
    (rehab, uni), or one with the same stem (biomedical, biomedicine)."""
    if asked == own:
        return True
    short, long = sorted((asked, own), key=len)
    if len(short) >= 3 and long.startswith(short):
        return True
    return len(short) >= _SHARED_STEM and short[:_SHARED_STEM] == long[:_SHARED_STEM]


def _pinyin_of(run: str) -> str:
    """The toneless pinyin of a run of Chinese characters, as one word."""
    return "".join(char_pinyin(ch) or "?" for ch in run)


_PARAGRAPH_RE = re.compile(r"\n\s*\n")
_ITEMS_APART = 3  # paragraphs an entry needs to be a list of items (a lead, two items)
# figures measured in numbers, which each item of a list has of its own (not a person's name,
# which a lead paragraph may give of them all)
_MEASURED: frozenset[Figure] = frozenset(
    {"money", "rate", "people", "date", "area", "price", "count", "mass", "energy", "power",
     "duration", "length"}
)  # fmt: skip


def figure_of_another_item(
    index: ZoneIndex, q: Question, record: EntryRecord
) -> tuple[Figure, ...]:
    """The kinds of figure a question asks that an entry listing several items gives only in
    the paragraph of another item: "when did the data centre start operating" is not
    answered by the date the substation of the next paragraph went into service."""
    asked = figures_asked_outright(q.norm) & _MEASURED
    if not asked:
        return ()
    text = (record.entry.answer.en if q.lang == "en" else record.entry.answer.zh) or ""
    paragraphs = [p for p in _PARAGRAPH_RE.split(text) if p.strip()]
    if len(paragraphs) < _ITEMS_APART or not gives_figure(text, asked):
        return ()
    words = _content_of(index.strip_zone_names(without_figure_words(q.norm), record.zone_id))
    shared = sorted(
        ((len(words & _content_of(normalize_all([p])[0])), at) for at, p in enumerate(paragraphs)),
        reverse=True,
    )
    (best, at), (second, _) = shared[0], shared[1]
    if best < 2 or best == second:  # no one item asked about
        return ()
    return () if gives_figure(paragraphs[at], asked) else tuple(sorted(asked))


def _content_of(norm: str) -> set[str]:
    """A text's Chinese character pairs and English words, to tell which item it is about."""
    pairs = {run[i : i + 2] for run in _CJK_RUN_RE.findall(norm) for i in range(len(run) - 1)}
    words = {w for w in _LATIN_WORD_RE.findall(norm) if w not in EN_STOPWORDS and len(w) > 2}
    return pairs | words


# members of a group the entry counts, asked one by one or by kind: 800多家企业里头有哪些是酒厂,
# 人才中有多少外籍, "of the 800 key firms, how many are pharma", "the 50,000 talents, how many
# are foreign"
_MEMBERS_ASKED_RE = re.compile(
    r"(?:企业|公司|厂家|厂|人才|工人|员工)(?:里头|里面|里边|里向|里|中间|当中|之中|中)都?"
    r"(?:有没有|有冇|有无|有哪些|有多少|有几|哪些|多少|几|是不是|有)"
    r"|\b(?:of|among) (?:the|these|those|its|their|all) (?:[\d,.]+ )?(?:\w+ ){0,3}?"
    r"(?:firms|companies|enterprises|talents|people|workers|professionals)\b.{0,40}?"
    r"\b(?:how many|which|what share|what percentage|are any|is any)\b"
    # "the 50,000 talents, how many are foreign" (a count quoted; not "how many are employed")
    r"|\d[\d,.]* (?:\w+ ){0,2}?(?:firms|companies|enterprises|talents?|people|workers"
    r"|professionals),? how many(?: of them)? (?:is|are)\b"
    r"(?! (?:employed|located|based|registered|working|there|in|at)\b)"
    r"|\b(?:how many|which) of them\b"
)
# the group's own noun, which the kind asked may repeat (白酒企业, pharma companies)
_GROUP_NOUN_RE = re.compile(
    r"企业|公司|厂家|人才|\b(?:firms?|compan(?:y|ies)|enterprises?|talents?|people|workers)\b"
)


def asks_of_its_members(index: ZoneIndex, q: Question, record: EntryRecord) -> bool:
    """Tell whether a question asks which members of a group an entry counts are of some
    kind, where the entry only counts them and the kind asked is in none of its words: "800
    key firms" answers how many firms, not which of them distil baijiu."""
    asked = _MEMBERS_ASKED_RE.search(q.norm)
    if asked is None or names_any_firm(index, answer_text(record), record.zone_id):
        return False
    kind = _GROUP_NOUN_RE.sub(" ", index.strip_zone_names(q.norm[asked.end() :], record.zone_id))
    held = normalize_all([answer_text(record)])[0]
    parts = _content_of(kind)  # a word by its first five letters: pharma of pharmaceutical
    return bool(parts) and not any(part[:5] in held for part in parts)
