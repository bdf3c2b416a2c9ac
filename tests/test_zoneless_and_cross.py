"""Questions naming no zone, or several: ask which zone, list every zone that holds the topic."""

import re
from pathlib import Path

import pytest

from bot.answer.build import answer_question
from bot.answer.render import render_answer_text
from bot.kb.knowledge import KnowledgeBase
from bot.quality.corpus import generate_zoneless
from bot.search.cross import is_cross, zone_holds
from bot.search.features import STATE_FIRM_RE
from bot.search.index import ZoneIndex
from bot.search.matcher import match_question
from bot.search.textnorm import normalize
from bot.search.zoneprofile import regions_named

ROOT = Path(__file__).resolve().parents[1]
WEST = "重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 广西 内蒙古".split()


def _zones_in(index: ZoneIndex, question: str) -> set[str]:
    return {b.zone_id for b in answer_question(index, question).blocks}


def test_a_zoneless_topic_several_zones_hold_asks_which_zone(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    corpus = [q for q in generate_zoneless(kb, half="held_out") if q.cls == "ambiguous"]
    assert len(corpus) >= 40
    asked = 0
    for question in corpus:
        answer = answer_question(index, question.text)
        assert not (answer.status == "answer" and answer.zone_id), question.text
        asked += answer.status == "clarify" or answer.status == "answer"
    assert asked / len(corpus) >= 0.97


def test_a_zoneless_topic_one_zone_holds_is_never_answered_from_another_zone(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    """Answered from the zone that holds it, or, for a kind of thing every zone may have
    (总经理, 研发奖励), asked which zone with the holder's entry offered first."""
    corpus = [q for q in generate_zoneless(kb, half="held_out") if q.cls == "zoneless"]
    right = 0
    for question in corpus:
        result = match_question(index, question.text)
        if result.kind == "entry":
            assert result.zone_id == question.zone_id, question.text
            right += 1
        elif result.kind == "clarify":
            right += result.candidates[0].record.zone_id == question.zone_id
    assert right / len(corpus) >= 0.95


@pytest.mark.parametrize(
    "question",
    ["党工委书记是谁", "who is the party secretary", "奖励最高能拿多少", "总经理说了什么"],
)
def test_a_kind_of_thing_every_zone_may_have_asks_which_zone_though_one_holds_it(
    index: ZoneIndex, question: str
) -> None:
    result = match_question(index, question)
    assert result.kind == "clarify"
    assert len({c.record.zone_id for c in result.candidates}) == len(index.kb.zones)


@pytest.mark.parametrize("question", ["黄金十条都奖些啥", "阿斯里康中国总裁叫啥", "孟涛是干啥的"])
def test_a_zoneless_question_naming_a_policy_firm_or_person_is_answered(
    index: ZoneIndex, question: str
) -> None:
    assert match_question(index, question).kind == "entry"


def _assert_asks_among_zones(index: ZoneIndex, question: str) -> None:
    """The question gets a clarifying question offering two zones or more."""
    result = match_question(index, question)
    assert result.kind == "clarify"
    assert len({c.record.zone_id for c in result.candidates}) >= 2


@pytest.mark.parametrize("question", ["有什么奖励政策", "补贴最高多少钱", "项目什么时候开工的"])
def test_two_generic_words_held_by_several_zones_ask_which_zone(
    index: ZoneIndex, question: str
) -> None:
    _assert_asks_among_zones(index, question)


def test_a_question_naming_one_zones_firm_never_asks_which_zone(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    for zone in kb.zones.values():
        for entity in (e for e in zone.entities.zh if len(e) >= 3):
            result = match_question(index, f"{entity}投资多少")
            zones = {c.record.zone_id for c in result.candidates}
            assert result.kind != "clarify" or zones == {zone.id}, entity


def test_which_zones_have_an_industry_lists_every_zone_naming_it(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    for zone in kb.zones.values():
        for industry in zone.industries.zh:
            assert zone.id in _zones_in(index, f"哪些园区有{industry}"), industry


def test_which_zones_lie_in_the_west_uses_the_provinces(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    western = {
        z.id
        for z in kb.zones.values()
        if z.location and any(p in (z.location.zh or "") for p in WEST)
    }
    assert regions_named("西部地区的园区有哪些") == ["west"]
    assert western <= _zones_in(index, "西部地区的园区有哪些")


def test_comparing_two_named_zones_answers_with_each_zones_entry(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    first, second = (z.name.zh for z in list(kb.zones.values())[:2])
    plain = answer_question(index, f"{first}和{second}的园区概况")
    compared = answer_question(index, f"比较{first}和{second}的园区概况")
    assert compared.status == "answer"
    assert {b.zone_id for b in compared.blocks} == {b.zone_id for b in plain.blocks}
    assert len({b.zone_id for b in compared.blocks}) == 2


def test_which_zone_is_highest_lists_each_zones_figure_and_ranks_nothing(
    index: ZoneIndex,
) -> None:
    zh = answer_question(index, "哪个园区营收最高")
    en = answer_question(index, "which zone has the highest revenue")
    for answer in (zh, en):
        assert answer.status == "answer"
        assert answer.zone_id is None
        assert answer.blocks
    assert "没有排名" in zh.intro
    assert "do not rank" in en.intro


def test_a_zone_holding_under_half_the_words_is_no_rival(index: ZoneIndex) -> None:
    result = match_question(
        index, "How many rehab university construction workers are there daily?"
    )
    assert result.kind == "entry"
    assert "university" in result.candidates[0].record.entry.id


@pytest.mark.parametrize(
    "question",
    [
        "list all the zones you know pls",
        "which zones do you cover",
        "你们都能查哪些园区",
        "which parks have you got info on? list em",
        "请问贵平台目前覆盖了哪几个园区？请逐一列出",
        "Which zones you have information about?",
    ],
)
def test_asking_which_zones_the_bot_covers_lists_them_all(index: ZoneIndex, question: str) -> None:
    result = match_question(index, question)
    assert result.kind == "zones"
    assert len(result.zones) == len(index.kb.zones)


@pytest.mark.parametrize(
    "question",
    [
        "五个园区里哪几个涉及新材料方向？",
        "有没有做特种金属新材料的园区",
        "这五个园区里头 哪个搞特种金属新材料",
        "which ones do special metal new materials?",
        "Out of the five, which of them do special metal new materials?",
    ],
)
def test_which_of_the_zones_and_is_there_a_zone_that_are_cross_questions(
    index: ZoneIndex, question: str
) -> None:
    result = match_question(index, question)
    assert result.kind == "cross"
    assert "taiyuan-zhongbei" in result.zones
    assert "里" not in result.topic  # the header keeps the topic, not the words asking
    assert not re.search(r"\b(?:ones|of them|out)\b", result.topic)


def test_a_cross_question_lists_every_zone_whose_entry_holds_its_words(
    index: ZoneIndex,
) -> None:
    """An entry tagged with a synonym of the topic counts, though its questions are worded far."""
    project_groups = [g for g in index.kb.synonyms if "重点项目" in g]
    assert project_groups
    holding = {
        record.zone_id
        for record in index.records
        if any(word in record.labels for word in project_groups[0] if len(word) >= 4)
    }
    assert len(holding) >= 2
    for member in ("在建项目", "重大项目"):
        assert holding <= _zones_in(index, f"哪些园区有{member}")


def test_a_cross_question_naming_a_day_lists_only_the_zones_whose_sources_give_it(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    day = re.compile(r"(\d{1,2})月(\d{1,2})日")
    giving: dict[str, set[str]] = {}
    for zone in kb.zones.values():
        for entry in zone.entries:
            for month, date in day.findall(entry.answer.zh or ""):
                giving.setdefault(f"{month}月{date}日", set()).add(zone.id)
    asked, zones = max(giving.items(), key=lambda item: len(item[1]))
    assert len(zones) >= 2
    for question in (f"{asked}记者走访了哪些园区", f"哪些园区的信息来自{asked}的实地走访"):
        assert _zones_in(index, question) == zones, question
    assert _zones_in(index, "May 40 which zones were visited") == set()


def test_comparing_two_zones_takes_each_zones_entry_about_the_words(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    """Another zone's park asks nothing of this zone; the entry labelled with the topic answers."""
    with_area = {r.zone_id for r in index.records if "面积" in r.labels}
    for zone in (z for z in kb.zones.values() if z.id in with_area):
        for other in kb.zones.values():
            parks = [e for e in other.entities.zh if re.fullmatch(r"[\u4e00-\u9fff]+", e)]
            if other.id == zone.id or not parks:
                continue
            park = max(parks, key=len)
            answer = answer_question(index, f"{zone.name.zh}和{park}，哪个占地更大？")
            assert zone.id in {b.zone_id for b in answer.blocks}, (zone.id, park)


@pytest.mark.parametrize(
    "question",
    [
        "五个园区分别在哪个省份？",
        "每个园区在哪个城市",
        "五个园区各在什么城市",
        "Where is each zone located?",
        "Across the zones, where are they located?",
    ],
)
def test_asking_each_zone_lists_every_zone_and_keeps_the_question_word_of_the_topic(
    index: ZoneIndex, question: str
) -> None:
    where = {(r.zone_id, r.entry_id) for r in index.records if "在哪" in r.labels}
    assert len(where) == len(index.kb.zones)
    answer = answer_question(index, question)
    assert {(b.zone_id, b.entry_id) for b in answer.blocks} == where


def test_an_english_cross_question_finds_a_zone_by_two_words_of_its_industry(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    """ "intelligent manufacturing stuff" asks for intelligent equipment manufacturing."""
    asked = 0
    for zone in kb.zones.values():
        for industry in zone.industries.en:
            words = industry.split()
            if len(words) >= 3:
                question = f"Which zones have {words[0]} {words[-1]} stuff?"
                assert zone.id in _zones_in(index, question), question
                asked += 1
    assert asked


def test_comparing_two_zones_leaves_a_word_only_the_other_zone_holds_to_it(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    """ "A和B生物医药产业园哪个更大": the park is B's; of A the question asks its area."""
    with_area = {r.zone_id for r in index.records if "面积" in r.labels}
    asked = 0
    for zone in (z for z in kb.zones.values() if z.id in with_area):
        texts = " ".join(
            f"{e.answer.zh} {' '.join(e.tags)} {' '.join(e.questions.zh)}" for e in zone.entries
        )
        for other in (o for o in kb.zones.values() if o.id != zone.id):
            tags = [
                t
                for e in other.entries
                for t in e.tags
                if len(t) >= 4
                and re.fullmatch(r"[\u4e00-\u9fff]+", t)
                and t not in texts
                # nor through a synonym (承建单位 of a zone that names its data centre's builder)
                and not any(
                    zone_holds(index, zone.id, w) for w in index.lexicon.words(t, english=False)
                )
            ]
            for tag in tags[:2]:
                question = f"面积方面，{zone.name.zh}和{other.name.zh}{tag}哪个更大"
                assert zone.id in {b.zone_id for b in answer_question(index, question).blocks}
                asked += 1
    assert asked


def test_a_zoneless_question_worded_far_from_every_entry_asks_which_zone_holding_its_words(
    index: ZoneIndex,
) -> None:
    """Several zones hold every word of "专业人员扶持怎么样": ask which, not "nothing known"."""
    _assert_asks_among_zones(index, "专业人员扶持怎么样")
    assert match_question(index, "今天天气怎么样").kind != "clarify"


@pytest.mark.parametrize("question", ["园区有多少平方公里", "产业园整体有多少平方公里？"])
def test_a_bare_kind_asking_an_area_in_a_unit_asks_which_zone(
    index: ZoneIndex, question: str
) -> None:
    """A unit of area asks for the area, which several zones give: which zone is meant?"""
    _assert_asks_among_zones(index, question)


@pytest.mark.parametrize(
    "question",
    ["Which officials were quoted about the zone?", "How many companies are already based there?"],
)
def test_the_zone_or_there_in_an_english_question_naming_no_zone_asks_which_zone(
    index: ZoneIndex, question: str
) -> None:
    _assert_asks_among_zones(index, question)


@pytest.mark.parametrize(
    "question",
    [
        "我们是做医疗器械的，想了解一下园区有哪些扶持？",
        "我们是做医疗器械的，补贴政策有哪些",
        "We are a medical device maker. What subsidies can we get?",
    ],
)
def test_what_the_askers_firm_does_says_who_asks_not_which_zone(
    index: ZoneIndex, question: str
) -> None:
    answer = answer_question(index, question)
    zones = {s.zone_id for s in answer.suggestions} | {b.zone_id for b in answer.blocks}
    assert answer.status in ("clarify", "answer")
    assert answer.zone_id is None
    assert len(zones) >= 2
    assert "想了解一下" not in answer.intro


@pytest.mark.parametrize(
    "question", ["哪些园区是高新区", "五个园区里哪几个是高新区", "which zones are high-tech zones"]
)
def test_which_zones_are_of_a_kind_lists_the_zones_whose_names_say_so(
    kb: KnowledgeBase, index: ZoneIndex, question: str
) -> None:
    hitech = {z.id for z in kb.zones.values() if (z.name.zh or "").endswith("高新区")}
    assert hitech
    result = match_question(index, question)
    assert result.kind == "cross"
    assert set(result.zones) == hitech


@pytest.mark.parametrize(
    "question", ["What facilities does the park include?", "What does this zone offer investors?"]
)
def test_the_park_asked_about_in_a_zones_context_is_that_zone_not_a_choice_of_zones(
    index: ZoneIndex, question: str
) -> None:
    reply = answer_question(index, question, context_zone="anyang-optoelectronics")
    assert reply.zone_id == "anyang-optoelectronics"
    assert match_question(index, "Which parks include facilities?").kind != "entry"


@pytest.mark.parametrize(
    ("question", "lang"), [("哪些园区有在建项目", "zh"), ("Which zones have key projects?", "en")]
)
def test_a_cross_reply_says_how_many_zones_it_lists(
    index: ZoneIndex, question: str, lang: str
) -> None:
    reply = answer_question(index, question)
    count = len({b.zone_id for b in reply.blocks})
    assert count >= 2
    assert reply.lang == lang
    assert (f"（{count}个）" if lang == "zh" else f"({count})") in reply.intro


@pytest.mark.parametrize(
    "question",
    [
        "你们收录了哪些园区",
        "列一下你们覆盖的园区",
        "你好，你们这个机器人能查哪些园区？帮我都列一下",
        "目前收錄了幾個園區？分別是哪些",
        "Hi, which industrial zones does this bot actually cover?",
        "which parks are in your database",
        "Which industrial parks have you got info on, mate?",
        "你们 database 里有 which zones ah, 全部 list 出来",
        "你们这都有哪几个园区的资料 列一下",
        "这份材料里一共讲了哪几个园区？",
        "科技日报那一版讲了哪几个园区",  # the source's publisher names the article
        "List all the zones covered on this Science and Technology Daily page.",
        "Please list all five zones covered in that newspaper page of May 2023.",
        "Good day. I am compiling a brief for my minister, so please list all five zones covered.",
        "你这个机器人晓得哪些园区嘛？都说来听一下",
        "这几个园区都有谁呀 列一下",
    ],
)
def test_asking_which_zones_the_bot_holds_lists_them_all(index: ZoneIndex, question: str) -> None:
    result = match_question(index, question)
    assert result.kind == "zones"
    assert set(result.zones) == set(index.kb.zones)


def test_a_word_asking_what_the_bot_holds_is_a_topic_beside_another_word(
    index: ZoneIndex,
) -> None:
    result = match_question(index, "哪些园区有人才支持")
    assert result.kind == "cross"
    assert len(result.zones) < len(index.kb.zones)


def test_a_cross_question_naming_a_firm_by_a_piece_of_its_name_lists_its_zone(
    index: ZoneIndex,
) -> None:
    marks = index.firm_marks
    assert marks
    for piece, zone_id in sorted(marks.items()):
        if piece.isascii() or len(piece) != 2:
            continue
        owners = [z for z in index.kb.profiles.values() if any(piece in e for e in z.entities.zh)]
        names = [e for z in owners for e in z.entities.zh]
        if piece in names or not any(e.startswith(piece) for e in names):
            continue  # a whole name (the zone's own path), or a piece people do not type alone
        assert _zones_in(index, f"{piece}在哪个园区") == {zone_id}, piece


def test_pieces_of_firms_names_are_no_places_no_topics_and_no_legal_forms(
    index: ZoneIndex,
) -> None:
    marks = index.firm_marks
    for word in ("上海", "shanghai", "公司", "集团", "有限", "产业", "园区", "district"):
        assert word not in marks


def test_firms_of_two_zones_asked_together_list_both(index: ZoneIndex) -> None:
    marks = index.firm_marks
    latin = {}
    for piece, zone_id in sorted(marks.items()):
        if piece.isascii():
            latin.setdefault(zone_id, piece)
    assert len(latin) >= 2
    (zone_a, firm_a), (zone_b, firm_b) = list(latin.items())[:2]
    zones = _zones_in(index, f"which zones work with {firm_a.title()} or {firm_b.title()}?")
    assert {zone_a, zone_b} <= zones


def test_big_projects_asked_without_a_zone_ask_which_zone(index: ZoneIndex) -> None:
    assert match_question(index, "有什么大项目").kind == "clarify"


@pytest.mark.parametrize(
    ("question", "industry"),
    [
        ("我们是做锂电池的，哪个园区最合适", "锂电池"),
        ("We make medical devices. Which zone fits best?", "medical devices"),
    ],
)
def test_which_zone_suits_the_asker_asks_about_the_askers_trade(
    index: ZoneIndex, question: str, industry: str
) -> None:
    holding = {
        zone.id
        for zone in index.kb.profiles.values()
        if any(industry in i.lower() for i in zone.industries.all())
    }
    assert holding
    assert _zones_in(index, question) & holding
    assert match_question(index, question).kind == "cross"


def test_the_askers_trade_beside_another_topic_still_asks_nothing(index: ZoneIndex) -> None:
    result = match_question(index, "我们是做锂电池的，哪些园区有人才政策")
    assert "锂电池" not in result.topic


def test_each_of_the_zones_asked_with_words_between_is_a_cross_question(
    index: ZoneIndex,
) -> None:
    result = match_question(index, "五个园区的面积分别是多少")
    assert result.kind == "cross"
    assert len(result.zones) >= 2


def test_a_ranked_cross_reply_does_not_double_its_particle(index: ZoneIndex) -> None:
    reply = answer_question(index, "哪个园区的营收增速最快")
    assert "的的" not in reply.intro


@pytest.mark.parametrize(
    "question",
    ["这份材料里一共讲了哪几个园区？", "Give me a one-line summary of each zone in the report."],
)
def test_asking_which_zones_the_material_covers_lists_them_all(
    index: ZoneIndex, question: str
) -> None:
    result = match_question(index, question)
    assert result.kind == "zones"
    assert set(result.zones) == set(index.kb.zones)


def test_two_clauses_each_asking_which_zone_list_the_zones_of_both(index: ZoneIndex) -> None:
    one = _zones_in(index, "哪个园区有数据中心")
    other = _zones_in(index, "哪个园区有康复大学")
    assert one
    assert other
    assert one != other
    assert _zones_in(index, "哪个园区有数据中心，哪个有康复大学？") == one | other


def test_words_of_a_zones_name_asked_alone_across_zones_are_the_topic(index: ZoneIndex) -> None:
    """Intelligent Manufacturing of one zone's name, asked of every zone, is an industry: not
    a question about which zones the bot covers."""
    result = match_question(index, "Which zones have intelligent manufacturing?")
    assert result.kind == "cross"
    assert {"anyang-optoelectronics", "luzhou-hitech"} <= set(result.zones)


@pytest.mark.parametrize(
    "question", ["人才政策咋样 有补贴不", "有什么人才政策吗", "重点项目进展如何"]
)
def test_a_topic_one_zone_labels_as_one_word_still_asks_which_zone(
    index: ZoneIndex, question: str
) -> None:
    """人才政策 is one zone's tag but two general words: the zones holding them are asked."""
    assert match_question(index, question).kind == "clarify"


@pytest.mark.parametrize(
    "question", ["Tell me about the high-tech zone please", "高新区的情况介绍一下"]
)
def test_a_zone_pointed_at_without_a_topic_asks_which_zone(
    index: ZoneIndex, question: str
) -> None:
    """No topic and no name: each zone's card is offered (the base is small enough)."""
    result = match_question(index, question)
    assert result.kind == "clarify"
    assert {c.record.zone_id for c in result.candidates} == set(index.kb.zones)


@pytest.mark.parametrize(
    ("question", "zones"),
    [
        ("你们覆盖的河南和四川的园区分别是哪个", {"anyang-optoelectronics", "luzhou-hitech"}),
        (
            "Among the covered zones, which one is in Henan and which one is in Shandong?",
            {"anyang-optoelectronics", "qingdao-hitech"},
        ),
        ("四川省的园区有哪些？分别在做什么？", {"luzhou-hitech"}),
        ("哪些园区在山西或者河南", {"taiyuan-zhongbei", "anyang-optoelectronics"}),  # 或者
    ],
)
def test_zones_asked_by_their_provinces_are_listed_with_the_provinces_taken_as_no_topic(
    index: ZoneIndex, question: str, zones: set[str]
) -> None:
    result = match_question(index, question)
    assert result.kind == "zones"
    assert set(result.zones) == zones


def test_which_zone_in_each_of_two_clauses_is_asked_though_a_polite_clause_follows(
    index: ZoneIndex,
) -> None:
    question = (
        "Which zone has a green big data centre, and which zone has a rehabilitation"
        " university, may I ask?"
    )
    reply = answer_question(index, question)
    assert {"qinghai-zero-carbon", "qingdao-hitech"} <= {b.zone_id for b in reply.blocks}
    assert "may I ask" not in reply.intro


def test_a_clause_naming_the_zones_asked_among_leaves_each_which_clause_its_own(
    index: ZoneIndex,
) -> None:
    question = (
        "Among the zones you cover, which one focuses on rehabilitation and medical devices,"
        " and which one is attracting special metal materials companies?"
    )
    zones = {b.zone_id for b in answer_question(index, question).blocks}
    assert {"qingdao-hitech", "taiyuan-zhongbei"} <= zones


def test_industrial_parks_in_traditional_characters_are_asked_across(index: ZoneIndex) -> None:
    zones = {
        b.zone_id for b in answer_question(index, "各產業園區中，哪些有在發展智慧製造？").blocks
    }
    assert "luzhou-hitech" in zones


@pytest.mark.parametrize(
    ("question", "zones"),
    [
        ("coverage list - which zones in your db?", None),
        (
            "zones with electronic information industry?",
            {"anyang-optoelectronics", "luzhou-hitech"},
        ),
    ],
)
def test_terse_english_cross_questions_are_asked_across(
    index: ZoneIndex, question: str, zones: set[str] | None
) -> None:
    result = match_question(index, question)
    assert result.kind in ("zones", "cross")
    assert set(result.zones) >= (zones or set(index.kb.zones))


def test_this_industrial_park_is_one_zone_not_a_question_across_zones() -> None:
    assert not is_cross("这个产业园区有哪些企业")
    assert is_cross("哪些产业园区有人才政策")


def test_parks_called_yuanzi_or_asked_as_keywords_are_asked_across_zones(
    index: ZoneIndex,
) -> None:
    assert is_cross("哪几个园子跟医疗有关")
    assert is_cross("新材料 园区 哪些".replace(" ", ""))
    assert not is_cross("这个园子有哪些企业")
    assert _zones_in(index, "新材料 园区 哪些") >= {"taiyuan-zhongbei", "anyang-optoelectronics"}


@pytest.mark.parametrize(
    "question",
    [
        "Which zones have a 2022 revenue number in the article, Luzhou and who else?",
        "除了泸州，还有哪些园区公布了2022年营收",
        "Besides Qinghai, which zones have new energy industries?",
    ],
)
def test_a_zone_named_beside_the_others_asked_about_lists_every_zone(
    index: ZoneIndex, question: str
) -> None:
    result = match_question(index, question)
    assert result.kind == "cross"
    assert len({c.record.zone_id for c in result.candidates}) >= 2
    assert not re.search(r"除了|besides|who else|luzhou|qinghai", result.topic.lower())


def test_a_zone_pointed_at_but_not_named_is_asked_for_though_one_zone_holds_the_topic(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "那个园区的补贴上限是多少？")
    assert reply.status == "clarify"
    assert reply.intro.startswith("您问的是哪个园区？资料中只有太原中北高新区")
    assert reply.suggestions[0].entry_id == "relocation-subsidy"
    assert {s.zone_id for s in reply.suggestions} == set(index.kb.zones)  # the others' cards


@pytest.mark.parametrize(
    "question",
    ["哪些 zones 跟 smart manufacturing 有关", "zones w/ 2022 revenue", "new materials zones"],
)
def test_zones_asked_about_in_shorthand_are_asked_across_zones(question: str) -> None:
    assert is_cross(normalize(question))


def test_a_bare_plural_is_no_question_across_zones_beside_other_words() -> None:
    assert not is_cross(
        normalize("what incentives do the Luzhou parks give to new materials firms")
    )


def test_besides_a_thing_of_one_zone_asks_nothing_of_other_zones(index: ZoneIndex) -> None:
    question = "Besides the main buildings, what facilities are in the Anyang optoelectronic park?"
    assert match_question(index, question).kind != "cross"


@pytest.mark.parametrize("question", ["山东跟山西的园区各有哪个", "邊啲園區喺河南同山東？"])
def test_zones_asked_by_two_places_list_the_zones_of_those_places(
    index: ZoneIndex, question: str
) -> None:
    result = match_question(index, question)
    assert result.kind == "zones"
    assert len(result.zones) == 2


@pytest.mark.parametrize(
    "question", ["泸州高新区和青海零碳产业园哪个有数据中心", "泸州和青海哪个园区有数据中心"]
)
def test_a_named_zone_without_what_is_compared_is_said_to_lack_it(
    index: ZoneIndex, question: str
) -> None:
    reply = answer_question(index, question)
    assert {b.zone_id for b in reply.blocks} == {"qinghai-zero-carbon"}
    assert reply.intro.startswith("资料中没有泸州高新区这方面的信息")


def test_zones_named_by_their_provinces_and_asked_nothing_more_show_each_overview(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "山西和河南这俩园区 都在干啥？")
    assert reply.status == "answer"
    assert [b.entry_id for b in reply.blocks] == ["overview", "overview"]


def test_a_zone_in_these_articles_by_its_province_is_asked_across_zones(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "这几篇报道里，哪个园区在山西")
    assert (reply.status, reply.zone_id) == ("answer", "taiyuan-zhongbei")


@pytest.mark.parametrize(
    "question",
    [
        "请问贵园区对新落户企业有哪些奖励政策？",
        "管委会副主任是谁",
        "该项目是什么时候开工的",
        "请问园区管委会的领导是哪位？",
        "企业搬过去有啥补贴没有",
    ],
)
def test_your_zone_its_committee_or_the_project_point_at_a_zone_not_named(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status == "clarify"


@pytest.mark.parametrize(
    "question",
    [
        "How many Unternehmen are in the zone?",  # a foreign word is no unknown firm's name
        "Bonjour, what subsidies are there if my company relocates into the zone?",
        "gaoxinqu party secretary name?",
        "Greetings. Kindly tell me when construction started on the project.",
    ],
)
def test_a_question_pointing_at_a_zone_it_does_not_name_asks_which_though_no_entry_fits(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status == "clarify"


def test_which_high_tech_zone_in_pinyin_asks_across_not_which_one_is_meant(
    index: ZoneIndex,
) -> None:
    reply = answer_question(
        index, "shuangpei shuangtui rencai peiyang shi na ge gaoxinqu de zuofa"
    )
    assert reply.status == "answer"


def test_the_page_a_cross_question_places_the_zones_on_asks_nothing_of_them(
    index: ZoneIndex,
) -> None:
    question = (
        "Could you kindly indicate which of the zones covered on the Science and Technology "
        "Daily page report revenue figures for 2022?"
    )
    reply = answer_question(index, question)
    assert reply.status == "answer"
    assert {"luzhou-hitech", "qingdao-hitech"} <= {b.zone_id for b in reply.blocks}


@pytest.mark.parametrize(
    "question", ["哪幾個園區有提到智慧製造？", "哪些 zones 跟 smart manufacturing 有关"]
)
def test_a_zone_named_for_what_a_cross_question_asks_is_listed(
    index: ZoneIndex, question: str
) -> None:
    assert "anyang-optoelectronics" in _zones_in(index, question)


def test_each_zones_province_asked_in_english_lists_every_zone(index: ZoneIndex) -> None:
    reply = answer_question(index, "List all five zone in the article, each in which province?")
    assert len({b.zone_id for b in reply.blocks}) == 5


def test_zones_compared_on_a_misspelt_topic_are_compared_on_the_word_it_misses(
    index: ZoneIndex,
) -> None:
    assert answer_question(index, "太元和青到高薪区哪个给企业的补帖多").status == "answer"


def test_key_figures_asked_of_several_zones_show_each_overview(index: ZoneIndex) -> None:
    reply = answer_question(index, "泸州、青岛、青海三地2022年的关键数据汇总一下")
    assert [b.entry_id for b in reply.blocks] == ["overview"] * 3


@pytest.mark.parametrize("question", ["各园区的工业用水价格是多少", "哪个园区的电价最便宜"])
def test_a_price_asked_across_zones_is_not_answered_by_entries_giving_none(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    "question", ["哪些园区的报道里提到了央企？", "Which of the zones have SOE involvement?"]
)
def test_zones_whose_sources_name_a_state_owned_firm_are_listed(
    index: ZoneIndex, question: str
) -> None:
    """The builder (a China Railway bureau), China Telecom's data centre, State Grid's power
    company and Baowu's steel firm: general knowledge of who is state-owned, not tags."""
    zones = _zones_in(index, question)
    assert {"anyang-optoelectronics", "qinghai-zero-carbon", "taiyuan-zhongbei"} <= zones


def test_two_zones_compared_on_how_fast_they_grew_show_each_ones_growth(
    index: ZoneIndex,
) -> None:
    result = match_question(index, "Luzhou vs Qingdao: which one grew faster in 2022?")
    assert result.kind == "zones"
    assert {c.record.zone_id for c in result.candidates} == {"luzhou-hitech", "qingdao-hitech"}


@pytest.mark.parametrize(
    "question",
    [
        "What is the maximum subsidy for companies moving in? Ne kadar destek var?",
        "We would like to understand the incentives for new investors: what one-off rewards "
        "are available, and is there a cap?",
    ],
)
def test_a_zoneless_question_no_entry_answers_about_what_zones_hold_asks_which_zone(
    index: ZoneIndex, question: str
) -> None:
    assert match_question(index, question).kind == "clarify"


def test_a_zoneless_question_about_nothing_the_zones_hold_asks_no_zone(index: ZoneIndex) -> None:
    assert match_question(index, "明天会下雨吗").kind != "clarify"


@pytest.mark.parametrize(
    "question", ["哪些园区对国企有补贴", "which zones offer subsidies to SOEs"]
)
def test_a_cross_question_asking_more_of_state_owned_firms_is_not_a_list_of_them(
    index: ZoneIndex, question: str
) -> None:
    result = match_question(index, question)
    assert set(result.zones) != {
        "anyang-optoelectronics",
        "qingdao-hitech",
        "qinghai-zero-carbon",
        "taiyuan-zhongbei",
    }


def test_a_state_owned_firms_mark_is_not_read_inside_other_words() -> None:
    assert STATE_FIRM_RE.search("来源：中国网") is None
    assert STATE_FIRM_RE.search("途中铁路运输") is None
    assert STATE_FIRM_RE.search("built by china telecom") is not None


def test_a_zoneless_question_followed_by_the_askers_plan_asks_which_zone(
    index: ZoneIndex,
) -> None:
    """The sentence asking decides when the whole, with the asker's plan, finds nothing."""
    _assert_asks_among_zones(index, "Who is director there? I want to write him directly.")


@pytest.mark.parametrize(
    ("question", "zone"),
    [("这几个园区哪些在西边", "qinghai-zero-carbon"), ("哪些园区在东边", "qingdao-hitech")],
)
def test_a_region_said_as_a_side_lists_its_zones(
    index: ZoneIndex, question: str, zone: str
) -> None:
    """西边 as 西部, 东边 as 东部 (在东 of 在东边 is no slip of a city's name, 海东)."""
    assert zone in _zones_in(index, question)


def test_the_newspaper_a_cross_question_places_the_zones_in_asks_nothing(
    index: ZoneIndex,
) -> None:
    text = render_answer_text(answer_question(index, "报纸上这几个园区哪几个在河南、山西"))
    assert "安阳" in text
    assert "太原" in text
    assert "青岛" not in text


@pytest.mark.parametrize(
    "question",
    [
        "Hi, my brother sent me a photo of a newspaper page with some zones on it, but I can't "
        "read Chinese. What zones can you tell me about?",
        "汝這裡有幾個園區可以介紹？",
        "恁这儿有哪些园区？",
    ],
)
def test_which_zones_it_knows_is_answered_after_a_story_and_in_dialect(
    index: ZoneIndex, question: str
) -> None:
    reply = answer_question(index, question)
    assert reply.status == "answer"
    text = render_answer_text(reply)
    zones = [("青岛", "青島", "Qingdao"), ("泸州", "瀘州", "Luzhou"), ("太原", "Taiyuan")]
    zones += [("安阳", "安陽", "Anyang"), ("青海", "Qinghai")]
    assert all(any(name in text for name in names) for names in zones)
