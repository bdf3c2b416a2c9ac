"""Find the facts of an article: figures, organisations and people, each under its zone."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from bot.draft.article import Sentence, sentences
from bot.draft.figures import Date, Figure, find_dates, find_figures
from bot.draft.zonenames import ArticleZones, Mention, ZoneRef
from bot.kb.knowledge import KnowledgeBase
from bot.search.zonefind import ZoneFinder

FactKind = Literal["figure", "organisation", "person", "date"]

_SHARE_RE = re.compile(r"占(?:全国|全省|全市|全区)?的?(?:比重|比例)?$")  # 规模占全国的 names 规模
_VERB_END_RE = re.compile(
    r"(?:降低|提升|提高|吸引|增加|减少|新增|用了|短短|还|每天|首个|拥有|超|达)$"
)
_LONGEST_LABEL = 20
_LOOK_AROUND = 60  # characters around a figure its label is looked for in
_SHORT = 30  # a sentence shorter than this that names a person quotes the one before
_CLAUSE_RE = re.compile(r"[^，,]+[，,]?")
_JOINS_PREVIOUS_RE = re.compile(r"^(?:同比|增速|增长|增幅|占|比上年|较上年|up |growing|rising)")
_STARTS_GROUP_RE = re.compile(
    r"^(?:同时|此外|另外|其中|截至|\d{4}\s*年|in \d{4}|(?:实现)?(?:营业收入|营收|总产值|产值|"
    r"地区生产总值|税收|利润|进出口|出口|研发投入|固定资产投资|工业增加值))",
    re.IGNORECASE,
)
_LABEL_TRIM_RE = re.compile(
    r"^(?:[，,、：:\s“”\"]|的|在这片|这片|在|已|共|累计|实现|拥有|集聚|达到|达|约|近|超过|突破|为|有|了|总|其中|并)+"
    r"|(?:[，,、：:\s“”\"]|已|达到|达|约|近|超过|超|逾|突破|为|是|了|共|有|按|高于|低于|分别|给予|"
    r"of|is|was|were|reached|about|around|over|more than|nearly|to|at|by|up)+$"
)
_ORG_RE = re.compile(
    r"[\u4e00-\u9fff（）()]{2,16}?(?:有限公司|股份公司|集团|公司|研究院|研究所|大学|学院|商会|协会|"
    r"银行|医院|工程局|管委会)"
)
_ORG_BOUNDARY_RE = re.compile(r"[的在于与和是为以对将把向从被等了到进由入位该本这那其各由将]")
_PERSON_RE = re.compile(
    r"(?P<role>[\u4e00-\u9fff、（）]{0,24}?"
    r"(?:副?书记|副?主任|副?局长|总经理|副?经理|董事长|副?总裁|负责人|工程师|副?院长|主席|副?部长|"
    r"副?区长|副?市长|副?县长|所长|总监|秘书长|会长|CEO))"
    r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?=表示|介绍|说|看来|告诉|指出|认为|称|透露|正在|[，。：:“”\"、\s]|$)"
)
_NOT_A_NAME = tuple("介表说看告指认称透正和等在")
_EVENT_RE = re.compile(r"开工|揭牌|建成|投运|投产|签约|成立|落户|入驻|挂牌|获批|开园|启用|竣工")
_TOPIC_WORDS: tuple[tuple[str, str], ...] = (
    ("incentives", "奖励|补贴|补助|资助|扶持|优惠|配套|奖补|subsid|grant|reward|incentive"),
    ("land", "占地|面积|用地|亩|平方公里|平方米|公顷|land|area|square|hectare|\\bmu\\b"),
    ("talent", "人才|培训|人次|工匠|talent|training|skill"),
    ("projects", "项目|投资|基地|开工|签约|project|invest|plant|base"),
)


@dataclass(frozen=True)
class Fact:
    """One fact to draft: its kind, zone, the sentence stating it and what it states."""

    kind: FactKind
    zone: str
    sentence: Sentence
    text: str  # the clauses of the sentence that state it
    label: str  # the phrase that names it: the topic label
    figures: tuple[Figure, ...] = ()
    name: str = ""  # an organisation's or a person's name
    role: str = ""  # a person's role
    as_of: str = ""
    lead: str = ""  # the sentence before, when this one only says who spoke

    @property
    def topic(self) -> str:
        """The knowledge base topic this fact most likely belongs to."""
        if self.kind == "person":
            return "contacts"
        if self.kind in ("organisation", "date"):
            return "projects"
        for topic, words in _TOPIC_WORDS:
            if re.search(words, self.label + self.text, re.IGNORECASE):
                return topic
        return "figures"


@dataclass
class ArticleFacts:
    """What an article states, and the zones it states it of."""

    facts: list[Fact]
    zones: dict[str, ZoneRef]
    year: str  # the article's year, for dates written without one


def find_facts(
    text: str, kb: KnowledgeBase | None, article_date: str = "", zone: ZoneRef | None = None
) -> ArticleFacts:
    """Find every fact of an article; `zone` puts them all under one zone."""
    found = sentences(text)
    zones = ArticleZones(found, ZoneFinder(kb) if kb is not None and kb.zones else None)
    year = article_date[:4] or _first_year(found)
    facts: list[Fact] = []
    current = ""
    for index, sentence in enumerate(found):
        mentions = zones.mentions(sentence, index)
        if zone is not None:
            mentions, current = [Mention(0, zone.key)], zone.key
        lead = found[index - 1].text if index and len(sentence.text) < _SHORT else ""
        for fact in _sentence_facts(sentence, mentions, current, year, article_date):
            facts.append(replace(fact, lead=lead) if fact.kind == "person" else fact)
        current = mentions[-1].key if mentions else current
    if zone is not None:
        zones.zones = {zone.key: zone}
    return ArticleFacts(facts, zones.zones, year)


def _first_year(found: list[Sentence]) -> str:
    for sentence in found:
        for date in find_dates(sentence.text, ""):
            return date.period[:4]
    return ""


def _sentence_facts(
    sentence: Sentence, mentions: list[Mention], current: str, year: str, article_date: str
) -> list[Fact]:
    dates = find_dates(sentence.text, year)
    facts = _figure_facts(sentence, mentions, current, dates, article_date)
    facts += _person_facts(sentence, mentions, current, article_date)
    facts += _organisation_facts(sentence, mentions, current, article_date)
    if not facts and dates and _EVENT_RE.search(sentence.text):
        event = _EVENT_RE.search(sentence.text)
        label = event.group(0) if event is not None else ""
        zone = _zone_at(mentions, event.start() if event is not None else 0, current)
        facts.append(Fact("date", zone, sentence, sentence.text, label, as_of=dates[0].period))
    return [fact for fact in facts if fact.zone]


def _zone_at(mentions: list[Mention], at: int, current: str) -> str:
    """The zone named nearest before `at` in the sentence, else first in it, else the last one."""
    before = [m for m in mentions if m.at <= at]
    if before:
        return before[-1].key
    return mentions[0].key if mentions else current


def _figure_facts(
    sentence: Sentence, mentions: list[Mention], current: str, dates: list[Date], article_date: str
) -> list[Fact]:
    """Group a sentence's figures by topic: a clause with a new date or subject starts a group."""
    groups: list[_Group] = []
    offset = 0
    clauses = _CLAUSE_RE.findall(sentence.text)
    for clause in clauses:
        figures = [
            Figure(f.text, f.value, f.start + offset, f.end + offset) for f in find_figures(clause)
        ]
        stripped = clause.strip()
        if figures:
            zone = _zone_at(mentions, figures[0].start, current)
            starts_group = bool(_STARTS_GROUP_RE.match(stripped)) or not groups
            same_zone = bool(groups) and groups[-1][-1][1] == zone
            joins = bool(_JOINS_PREVIOUS_RE.match(stripped)) and same_zone
            if (starts_group and not joins) or not same_zone:
                groups.append([])
            groups[-1].append((offset, zone, figures))
        offset += len(clause)
    return [_group_fact(sentence, group, dates, article_date) for group in groups]


_Group = list[tuple[int, str, list[Figure]]]  # (clause offset, zone, figures) per clause


def _group_fact(sentence: Sentence, group: _Group, dates: list[Date], article_date: str) -> Fact:
    figures = tuple(f for _offset, _zone, fs in group for f in fs)
    first = figures[0]
    part = sentence.text[group[0][0] : figures[-1].end]
    label = label_before(sentence.text, first)
    before = [d for d in dates if d.end <= first.start]
    as_of = before[-1].period if before else dates[0].period if dates else article_date
    return Fact("figure", group[0][1], sentence, part, label, figures, as_of=as_of)


def label_before(text: str, figure: Figure) -> str:
    """The words that name a figure: before it in its clause (dates, zone names and verbs
    dropped), else after it."""
    start = max(0, figure.start - _LOOK_AROUND)  # bounded: a sentence may have no commas
    clause_start = max(text.rfind(mark, start, figure.start) for mark in "，,。；;：:") + 1
    before = _LABEL_TRIM_RE.sub("", _without_dates(text[max(start, clause_start) : figure.start]))
    before = _LABEL_TRIM_RE.sub("", _ZONE_WORD_RE.split(before)[-1])
    before = _SHARE_RE.sub("", before)
    owner, _, owned = before.partition("的")
    before = owned if len(owned) >= 4 and owner else before
    after = re.split(r"[，,。；;的]", text[figure.end : figure.end + _LOOK_AROUND])[0]
    after = _LABEL_TRIM_RE.sub("", after)[:12]
    if len(after) >= 2 and (len(before) < 3 or _VERB_END_RE.search(before)):
        return after  # 每天约700名施工人员, 吸引40多家企业: the noun follows the figure
    if len(before) >= 2:
        return before[-_LONGEST_LABEL:]
    return after or figure.text


_ZONE_WORD_RE = re.compile(r".*(?:高新区|开发区|产业园区?|工业园区?|科技园|新区|Zone|Park)")


def _without_dates(text: str) -> str:
    for date in reversed(find_dates(text, "0000")):
        text = text[: date.start] + text[date.end :]
    return text


def _person_facts(
    sentence: Sentence, mentions: list[Mention], current: str, article_date: str
) -> list[Fact]:
    facts = []
    for match in _PERSON_RE.finditer(sentence.text):
        name, role = match.group("name"), match.group("role").lstrip("、在据由")
        if name.startswith(_NOT_A_NAME) or len(role) < 2:
            continue
        zone = _zone_at(mentions, match.start(), current)
        facts.append(
            Fact("person", zone, sentence, sentence.text, role, name=name, role=role,
                 as_of=article_date)
        )  # fmt: skip
    return facts


def _organisation_facts(
    sentence: Sentence, mentions: list[Mention], current: str, article_date: str
) -> list[Fact]:
    facts: list[Fact] = []
    for match in _ORG_RE.finditer(sentence.text):
        written = match.group(0)
        cut = max((m.end() for m in _ORG_BOUNDARY_RE.finditer(written[:-2])), default=0)
        name = written[cut:]
        name = re.sub(r"^(?:随着|据|经|在|与|和)", "", name)
        if len(name) < 4 or name.startswith(("以下", "下称")) or name in {f.name for f in facts}:
            continue
        zone = _zone_at(mentions, match.start(), current)
        facts.append(
            Fact("organisation", zone, sentence, sentence.text, name, name=name,
                 as_of=article_date)
        )  # fmt: skip
    return facts
