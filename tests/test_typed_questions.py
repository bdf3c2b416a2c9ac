"""Questions as people type them: short names, other kinds of zone, stray words, pinyin fillers."""

from __future__ import annotations

import pytest

from bot.answer.build import answer_question
from bot.answer.render import render_answer_text
from bot.search.decision import ANSWER_SCORE
from bot.search.index import ZoneIndex
from bot.search.matcher import match_question
from bot.search.qualifiers import unmentioned
from bot.search.question import CLAUSE_RE, read_question
from bot.search.textnorm import counted_in_pinyin, normalize, normalize_all


def _answered(index: ZoneIndex, question: str) -> tuple[str | None, str | None]:
    reply = answer_question(index, question)
    assert reply.status == "answer", (question, reply.status)
    return reply.zone_id, reply.entry_id


@pytest.mark.parametrize(
    ("question", "zone", "entry"),
    [
        ("安阳光电园在哪个省？", "anyang-optoelectronics", "location"),
        ("安阳光电智能制造园 总建面多少 谢谢", "anyang-optoelectronics", "floor-area"),
    ],
)
def test_a_short_zone_name_with_its_kind_leaves_only_the_topic(
    index: ZoneIndex, question: str, zone: str, entry: str
) -> None:
    assert _answered(index, question) == (zone, entry)


@pytest.mark.parametrize(
    "question",
    [
        "What incentives does Qingdao Free Trade Zone offer foreign investors?",
        "Qingdao West Coast New Area land price",
        "How big is the Qingdao bonded zone",
        "Taiyuan Economic and Technological Development Zone tax",
        "What incentives does the Taiyuan comprehensive reform zone offer?",
        "What incentives does the Sino-German Ecopark in Qingdao offer?",
    ],
)
def test_an_english_zone_of_another_kind_in_a_known_city_is_out_of_scope(
    index: ZoneIndex, question: str
) -> None:
    result = match_question(index, question)
    assert result.kind == "unknown_place"
    assert result.zones  # the reply names the zones known there


def test_the_known_zone_of_that_kind_is_still_answered_in_english(index: ZoneIndex) -> None:
    zone, _ = _answered(index, "qingdao high-tech zone biomedicine revenue")
    assert zone == "qingdao-hitech"


def test_a_latin_word_the_base_never_writes_stops_a_chinese_answer(index: ZoneIndex) -> None:
    assert answer_question(index, "数字青海大数据中心的PUE是多少").status != "answer"


def test_pinyin_question_words_ask_nothing(index: ZoneIndex) -> None:
    assert _answered(index, "qingdao gaoxinqu yinjin le duoshao ge xiangmu") == (
        "qingdao-hitech",
        "innovation-projects",
    )


def test_a_person_before_a_zone_kind_names_no_unknown_zone(index: ZoneIndex) -> None:
    assert _answered(index, "刘锦春除了高新区书记还兼啥职务") == ("taiyuan-zhongbei", "officials")


@pytest.mark.parametrize("question", ["你是机器人吗", "are you a bot", "你会说英语吗"])
def test_a_question_about_the_bot_itself_is_small_talk(index: ZoneIndex, question: str) -> None:
    assert match_question(index, question).kind == "smalltalk"


@pytest.mark.parametrize(
    ("question", "zone"),
    [
        ("Qingdoa hi-tech zone revenue", "qingdao-hitech"),
        ("where is the Qinhai zero carbon park pilot area", "qinghai-zero-carbon"),
        ("how much did AstraZeneca put into Quingdao high tech zone", "qingdao-hitech"),
    ],
)
def test_a_misspelt_latin_zone_name_finds_the_zone_and_asks_nothing(
    index: ZoneIndex, question: str, zone: str
) -> None:
    assert _answered(index, question)[0] == zone


def test_a_cross_question_for_either_topic_lists_the_zones_of_both(index: ZoneIndex) -> None:
    result = match_question(index, "哪些园区涉及医疗或生物医药产业")
    assert result.kind == "cross"
    assert {"qingdao-hitech", "anyang-optoelectronics"} <= set(result.zones)


def test_a_named_parks_own_words_do_not_pick_the_zones_industries(index: ZoneIndex) -> None:
    """The park's own entries (the park, its focus fields) answer, not the zone's industries."""
    reply = answer_question(index, "青岛市生物医药及医疗器械产业园重点发展哪些领域")
    assert (reply.status, reply.zone_id) == ("answer", "qingdao-hitech")
    assert reply.entry_id in ("biomed-park-focus", "biomed-industrial-park")
    assert "罕见病" in render_answer_text(reply)


def test_a_word_most_entries_hold_never_stops_an_answer(index: ZoneIndex) -> None:
    question = (
        "What does Zhongbei pay a company that gets picked as a national smart manufacturing"
    )
    question += " pilot?"
    assert _answered(index, question) == ("taiyuan-zhongbei", "national-demonstration-rewards")


def test_a_typo_reading_never_cuts_a_word_written_right(index: ZoneIndex) -> None:
    reply = answer_question(index, "青海零碳产业园绿电电价多少")
    assert reply.entry_id != "green-power-output"


def test_storeys_are_not_floor_area(index: ZoneIndex) -> None:
    question = "how many floors does the office building at Anyang optoelectronic park have"
    assert _answered(index, question) == ("anyang-optoelectronics", "construction-content")


def test_an_entry_holding_nearly_all_the_question_answers_despite_a_stray_word(
    index: ZoneIndex,
) -> None:
    assert _answered(index, "阿斯利康布地格福吸入气雾剂基地投产后年产量是多少") == (
        "qingdao-hitech",
        "astrazeneca-aerosol-base",
    )


def test_a_talent_subsidy_is_still_not_a_relocation_subsidy(index: ZoneIndex) -> None:
    assert answer_question(index, "中北高新区对人才有补贴吗").status != "answer"


def test_a_question_naming_a_project_is_not_answered_by_the_zone_overview(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "古驿变电站总投资多少")
    assert reply.entry_id != "overview"


@pytest.mark.parametrize(
    "question", ["Is the park in Hehuang New Area of Haidong?", "Is the pilot zone in Haidong?"]
)
def test_a_zones_own_place_names_are_no_other_kind_of_zone(
    index: ZoneIndex, question: str
) -> None:
    assert _answered(index, question)[0] == "qinghai-zero-carbon"


def test_a_pinyin_question_is_read_as_the_chinese_it_spells(index: ZoneIndex) -> None:
    assert _answered(index, "luzhou gaoxinqu peixun le duoshao renci") == (
        "luzhou-hitech",
        "skills-training-2022",
    )


def test_a_question_asking_for_a_figure_is_not_answered_by_the_zone_overview(
    index: ZoneIndex,
) -> None:
    question = "how much is invested in green hydrogen projects at Qinghai zero carbon park"
    assert answer_question(index, question).entry_id != "overview"


def test_pinyin_words_in_a_chinese_question_are_read_as_chinese(index: ZoneIndex) -> None:
    assert _answered(index, "anyang guangdian 产业园 jidong changfang") == (
        "anyang-optoelectronics",
        "construction-content",
    )


def test_a_question_word_beside_a_topic_asks_about_that_topic(index: ZoneIndex) -> None:
    assert _answered(index, "泸州高新区2022年营收规模多大？同比增长多少？") == (
        "luzhou-hitech",
        "revenue-2022",
    )
    assert _answered(index, "青海零碳产业园多大") == ("qinghai-zero-carbon", "planned-area")


def test_a_long_question_is_asked_by_what_follows_the_zones_scene_setting(
    index: ZoneIndex,
) -> None:
    question = (
        "我们是外省一家特种合金材料企业的招商对接人员，近期在比较几个北方园区的落户政策。"
        "想请教一下，太原中北高新区对于投资规模较大的产业链项目，搬迁费用是按什么比例补贴的，"
        "最高能拿到多少？"
    )
    assert _answered(index, question) == ("taiyuan-zhongbei", "relocation-subsidy")


def test_a_zone_clause_asking_an_unknown_topic_still_stops_the_answer(index: ZoneIndex) -> None:
    assert answer_question(index, "泸州高新区的电价是多少，我们打算投资").status != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "我们是一家康复器械企业，了解到青岛高新区在建康复大学。请问康复大学项目总占地多少亩？",
            "rehabilitation-university",
        ),
        (
            "我们从外省来考察，泸州高新区对人才有没有真金白银的扶持？2022年一共兑现了多少资金？",
            "talent-funding-2022",
        ),
    ],
)
def test_the_zones_clause_with_the_questions_after_it_decides(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_a_word_that_looks_like_a_slip_of_the_zones_name_stays_a_topic(index: ZoneIndex) -> None:
    question = "青海零碳产业园计划打造什么规模级别的零碳产业集群？"
    assert _answered(index, question) == ("qinghai-zero-carbon", "industrial-clusters")


def test_a_bare_kind_several_zones_bear_asks_which_zone(index: ZoneIndex) -> None:
    result = match_question(index, "高新区的人才政策有哪些？")
    assert result.kind == "clarify"
    assert len({c.record.zone_id for c in result.candidates}) >= 2


@pytest.mark.parametrize(
    "question",
    [
        "What is the PUE of the China Telecom Digital Qinghai data centre?",
        "数字青海大数据中心的PUE是多少",
    ],
)
def test_an_acronym_the_base_never_writes_is_not_answered(index: ZoneIndex, question: str) -> None:
    assert answer_question(index, question).status != "answer"


def test_a_question_typed_in_capitals_is_still_answered(index: ZoneIndex) -> None:
    assert _answered(index, "QINGDAO HIGH TECH ZONE REVENUE")[0] == "qingdao-hitech"


def test_a_name_that_ends_with_its_kind_takes_no_more_with_it(index: ZoneIndex) -> None:
    reply = answer_question(index, "青岛高新区产业园专项扶持政策啥样")
    assert reply.entry_id != "biomed-matching-funds"  # 产业园 is the park asked about
    assert _answered(index, "安阳光电园在哪个省？")[1] == "location"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Luzhou HTZ operating revenue 2022?", "revenue-2022"),
        ("How much did Luzhou HIDZ pay out in talent funding in 2022?", "talent-funding-2022"),
    ],
)
def test_a_kind_of_zone_acronym_names_the_zone_not_a_topic(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question) == ("luzhou-hitech", entry)


def test_a_year_the_source_does_not_report_is_said_so_with_the_year_it_does(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "泸州高新区2019年营业收入是多少")
    assert reply.status == "no_match"
    assert reply.entry_id == "revenue-2022"  # shown, as what the source does give
    assert "2019" in reply.intro
    assert "1250" in reply.blocks[0].text
    assert _answered(index, "2022年泸州高新区营收") == ("luzhou-hitech", "revenue-2022")


def test_a_figure_an_entry_marks_as_not_given_is_never_answered_as_a_figure(
    index: ZoneIndex,
) -> None:
    for question in (
        "中北高新区落户一次性奖励能拿多少钱",
        "How much is the one-off reward for settling in Zhongbei?",
    ):
        reply = answer_question(index, question)
        assert (reply.status, reply.entry_id) == ("no_match", "settling-reward")
        assert "没有给出" in reply.intro or "do not give" in reply.intro
    assert _answered(index, "中北高新区新落户有一次性奖励吗") == (
        "taiyuan-zhongbei",
        "settling-reward",
    )


def test_a_word_inside_a_function_phrase_asks_nothing(index: ZoneIndex) -> None:
    assert _answered(index, "记者核实：青岛宝泰生物申请了多少专利") == ("qingdao-hitech", "baotai")


def test_an_english_synonym_phrase_is_covered_by_its_own_words(index: ZoneIndex) -> None:
    zone, entry = _answered(index, "Zhongbei: is there a cap on the R&D centre reward?")
    assert (zone, entry) == ("taiyuan-zhongbei", "rd-reward")


def test_a_clear_leader_covering_every_word_answers_below_the_usual_score(
    index: ZoneIndex,
) -> None:
    result = match_question(index, "泸州高新区引才育才靠哪个行动")
    assert result.kind == "entry"
    assert result.score < ANSWER_SCORE
    assert result.candidates[0].record.entry.id == "talent-strategy"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("青岛高新区 康大复学 是啥", "rehabilitation-university"),
        ("青岛高新区 泽普疗医 是啥", "zepu-medical"),
    ],
)
def test_a_firms_name_with_a_swapped_character_is_read_as_the_firm(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question) == ("qingdao-hitech", entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("青岛高新区生物医药板块的营收", "biomed-revenue-2022"),  # 板块: a sector
        ("安阳光电园有哪些配套设施", "construction-content"),
        ("中北高新区迁址开支返还比例", "relocation-subsidy"),  # reimbursed: a subsidy
        ("泸州高新区技能提升培训了多少人次", "skills-training-2022"),
        ("青海零碳产业园占地多少亩", "planned-area"),  # 亩: a unit of area
        ("安阳光电园现在进展到哪一步", "groundbreaking"),
        ("What is the Qinghai zero-carbon park datacenter?", "data-centre"),
        ("数字青海大数据中心的用地规模有多大", "data-centre"),  # 用地规模: the site's area
        ("青海零碳产业园用的是什么规划理念", "green-power-supply"),  # 理念, not plans
    ],
)
def test_the_words_investors_use_for_the_sources_words_find_the_entry(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Qinghai zero-carbon park: the Digital Qinghai data centre's plot", "data-centre"),
        (
            "Which association opened a pharma base in Qingdao high-tech zone?",
            "chamber-of-commerce",
        ),
        ("Qinghai zero-carbon park: who heads its electricity service centre?", "people"),
    ],
)
def test_a_far_leader_answers_though_one_word_other_entries_ask_is_not_in_it(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


@pytest.mark.parametrize(
    "question",
    [
        "阿斯利康区域总部有多少员工",  # a figure of a named firm the sources lack
        "Headcount at the AstraZeneca regional HQ in Qingdao HTZ",
        "山东大学科技园报道中的人物是什么情况",  # a zone named by its province only
        "中北高新区对人才有补贴吗",  # no entry of the zone asks about 人才
    ],
)
def test_a_missing_word_still_stops_the_answer_where_it_may_be_what_is_asked(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


def test_an_entry_giving_another_kind_of_figure_says_the_one_asked_is_not_given(
    index: ZoneIndex,
) -> None:
    """A growth rate does not answer "how much were the sales"; nor a saving "how many staff"."""
    reply = answer_question(index, "泽普医疗年销售额具体是多少")
    assert (reply.status, reply.entry_id) == ("no_match", "zepu-medical")
    assert "资料没有给出具体金额" in reply.intro
    reply = answer_question(index, "How many employees does Huiankang in Qingdao have?")
    assert (reply.status, reply.entry_id) == ("no_match", "huiankang-cost-saving")
    assert "the number of people" in reply.intro
    assert _answered(index, "泽普医疗销售额提升了多少") == ("qingdao-hitech", "zepu-medical")


def test_of_the_entries_holding_the_words_the_one_giving_the_figure_answers(
    index: ZoneIndex,
) -> None:
    """The industry-education entry holds "talents" but counts none; the talent count does."""
    question = "How many industrial talents work in Luzhou high tech zone?"
    assert _answered(index, question) == ("luzhou-hitech", "companies-and-talent")


def test_a_list_gives_a_named_project_only_the_figures_of_its_own_paragraph(
    index: ZoneIndex,
) -> None:
    """The key projects' list gives the data centre's investment, not the substation's."""
    assert answer_question(index, "古驿变电站总投资多少").status == "no_match"
    assert _answered(index, "数字青海大数据中心总投资多少") == (
        "qinghai-zero-carbon",
        "data-centre",
    )


def test_a_date_asked_of_something_the_entry_does_not_name_is_not_its_date(
    index: ZoneIndex,
) -> None:
    """The aerosol base's entry gives when it was signed, not when it starts production: a
    word missing from it is not excused as for other questions nearly all held."""
    assert answer_question(index, "阿斯利康气雾剂基地哪一年投产").status != "answer"
    assert _answered(index, "阿斯利康气雾剂基地投产后年产量是多少") == (
        "qingdao-hitech",
        "astrazeneca-aerosol-base",
    )


def test_a_yes_or_no_question_about_a_thing_the_base_never_writes_is_not_answered(
    index: ZoneIndex,
) -> None:
    """Two unknown words (liquid cooling) name what is asked; one (invite) may be a verb."""
    question = "does the china telecom data center in qinghai use liquid cooling"
    assert answer_question(index, question).status != "answer"
    assert _answered(index, "Does the Qinghai zero carbon park run on 100% green power?") == (
        "qinghai-zero-carbon",
        "green-power-supply",
    )


def test_two_figures_asked_apart_get_an_entry_each(index: ZoneIndex) -> None:
    """Typed apart without 和, the revenue alone answered half of the question."""
    answer = answer_question(index, "麻烦问下 泸州高新区现在多少企业 22年营收又是多少呢")
    assert answer.status == "answer"
    assert {b.entry_id for b in answer.blocks} == {"companies-and-talent", "revenue-2022"}


def test_two_entries_holding_every_word_asked_and_standing_apart_are_shown_both(
    index: ZoneIndex,
) -> None:
    """Below the answer threshold neither leads, but both answer: the reply shows both; with
    a third entry near them the question still asks which."""
    answer = answer_question(index, "青海零碳产业园主导主要行业是什么情况")
    assert answer.status == "answer"
    assert {b.entry_id for b in answer.blocks} == {"leading-industries", "overview"}
    assert answer_question(index, "中北高新区主要招啥类型企业").status == "clarify"


def test_a_bare_word_beginning_synonyms_of_other_groups_may_mean_any_of_them(
    index: ZoneIndex,
) -> None:
    """配套 alone is matching funds, but also what 配套设施 and 配套服务 name: a park's
    services answer it; 配套资金 still asks for the funds."""
    assert _answered(index, "立菲创新园为进驻企业提供什么配套") == (
        "qingdao-hitech",
        "lifei-innovation-park",
    )
    assert _answered(index, "青岛高新区生物医药配套资金给多少") == (
        "qingdao-hitech",
        "biomed-matching-funds",
    )


def test_a_word_of_another_zones_name_asked_without_the_rest_of_it_asks_nothing(
    index: ZoneIndex,
) -> None:
    """The word big is written only in names (big data, Haier Big Health): "big R&D spending" is
    no question about them, but the whole name still asks what the zone lacks."""
    assert _answered(index, "Taiyuan Zhongbei reward for tech centres with big R&D spending") == (
        "taiyuan-zhongbei",
        "rd-reward",
    )
    assert answer_question(index, "Taiyuan Zhongbei big data industry").status != "answer"


def _english_written_questions(index: ZoneIndex, holding: str) -> list[tuple[str, str, str]]:
    """Each entry's first English written question holding `holding`, with zone and entry."""
    found = []
    for record in index.records:
        written = [q for q in record.entry.questions.en or () if holding in q]
        if written:
            found.append((written[0], record.zone_id, record.entry.id))
    return found


def _picked(index: ZoneIndex, question: str) -> tuple[str, str | None, str | None]:
    reply = answer_question(index, question)
    return reply.status, reply.zone_id, reply.entry_id


def test_a_kind_of_zones_acronym_after_its_name_asks_nothing(index: ZoneIndex) -> None:
    asked = _english_written_questions(index, "High-tech Zone")
    assert len(asked) >= 10
    for question, _, _ in asked:
        short = question.replace("High-tech Zone", "HTZ")
        assert _picked(index, short) == _picked(index, question), question


@pytest.mark.parametrize(
    "frame",
    [
        "Just to check: {}",
        "I'm wondering, and I want to know: {}",
        "{} What is it called?",
        "Specifically, {}",
    ],
)
def test_english_question_frames_ask_nothing(index: ZoneIndex, frame: str) -> None:
    asked = _english_written_questions(index, "?")
    changed = [
        question
        for question, _, _ in asked
        if _picked(index, frame.format(question)) != _picked(index, question)
    ]
    assert len(changed) <= len(asked) // 20, changed


@pytest.mark.parametrize(
    ("question", "zone", "entry"),
    [
        ("泸州高新区骨干企业有多少家", "luzhou-hitech", "companies-and-talent"),
        ("Luzhou High-tech Zone talent program?", "luzhou-hitech", "talent-strategy"),
        ("泸州高新区技能培训请了哪些老师", "luzhou-hitech", "skills-training-2022"),
    ],
)
def test_an_investors_word_for_a_topic_finds_the_sources_word(
    index: ZoneIndex, question: str, zone: str, entry: str
) -> None:
    assert _answered(index, question) == (zone, entry)


@pytest.mark.parametrize("question", ["山西那边有没有园区", "海东市那个园区是哪个来着"])
def test_here_and_there_ask_nothing_of_a_zone_named_by_its_place(
    index: ZoneIndex, question: str
) -> None:
    reply = answer_question(index, question)
    assert reply.status == "answer"
    assert reply.zone_id is not None


def test_a_clause_saying_only_what_the_asker_plans_asks_nothing(index: ZoneIndex) -> None:
    asked = "想了解一下青岛高新区的立菲医疗器械创新园，啥情况？"
    plain = _picked(index, asked)
    assert plain[0] == "answer"
    for plan in ("我们准备在那边落地，", "我们打算投资，", "We plan to invest there. "):
        assert _picked(index, plan + asked) == plain, plan


def test_a_question_naming_a_firm_is_answered_only_by_an_entry_naming_it(
    index: ZoneIndex,
) -> None:
    asked = 0
    for zone in index.kb.profiles.values():
        for firm in zone.entities.zh:
            for ask in ("{}的核心产业定位是什么", "{}的主要产业方向"):
                question = ask.format(firm)
                firms = [
                    f
                    for f in index.entities_in(normalize(question), zone.id)
                    if not any(place in f for place in index.places[zone.id])  # 海东市: a place
                ]
                reply = answer_question(index, question)
                if not firms or reply.status != "answer" or not reply.entry_id:
                    continue
                asked += 1
                record = index.by_id[zone.id, reply.entry_id]
                written = f"{record.entry.answer.zh} {record.entry.answer.en} {record.labels}"
                named = index.entities_in(normalize_all([written])[0], zone.id)
                assert any(n in f or f in n for n in named for f in firms), (firm, reply.entry_id)
    assert asked >= 5


def test_formal_question_words_ask_nothing(index: ZoneIndex) -> None:
    plain = _picked(index, "泸州高新区要打造什么园区")
    assert plain[0] == "answer"
    assert _picked(index, "泸州高新区致力于打造何种类型的园区？") == plain


def test_asking_where_a_firm_is_answers_with_the_entry_naming_it(index: ZoneIndex) -> None:
    asked = 0
    for zone in index.kb.profiles.values():
        for firm in zone.entities.zh:
            if any(place in firm for place in index.places[zone.id]):
                continue  # 海东市: a place, not a firm
            reply = answer_question(index, f"{firm}在哪个园区")
            if index.finder.find(normalize(firm)).kinds != ("entity",):
                continue
            asked += 1
            assert reply.status == "answer", firm
            assert reply.zone_id == zone.id, firm
    assert asked >= 5


@pytest.mark.parametrize(
    ("question", "entries"),
    [
        ("安阳光电智能制造产业园的综合楼几层，谁承建的？", {"construction-content", "builder"}),
        ("泸州高新区的营业收入多少，人才政策有哪些？", {"revenue-2022", "talent-policies"}),
    ],
)
def test_two_clauses_each_asking_of_one_zone_get_an_entry_each(
    index: ZoneIndex, question: str, entries: set[str]
) -> None:
    """The whole question's entry answered one clause and the other was dropped."""
    answer = answer_question(index, question)
    assert answer.status == "answer"
    assert {b.entry_id for b in answer.blocks} == entries


@pytest.mark.parametrize(
    "question",
    [
        "青岛高新区生物医药产业2022年营收突破80亿元——是谁说的？",
        "Qingdao hi-tech zone biomedicine revenue passed 8 billion yuan in 2022 - who said so?",
    ],
)
def test_a_statement_whose_speaker_is_asked_shows_the_people_named(
    index: ZoneIndex, question: str
) -> None:
    """Who said it is a part of its own, answered by the entry naming the article's people."""
    answer = answer_question(index, question)
    assert answer.status == "answer"
    assert {b.entry_id for b in answer.blocks} == {"biomed-revenue-2022", "people"}


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("青海零碳产业园的大数据中心总投资多少？占地多少亩？", "data-centre"),
        ("青海零碳产业园的古驿变电站，什么时候开工，什么时候投运", "guyi-substation"),
    ],
)
def test_a_part_naming_nothing_asks_on_about_what_the_question_names(
    index: ZoneIndex, question: str, entry: str
) -> None:
    """占地多少亩 alone is the park's planned area; after the data centre it is the centre's."""
    assert _answered(index, question) == ("qinghai-zero-carbon", entry)


@pytest.mark.parametrize(
    ("question", "zone", "entry"),
    [
        (
            "我们是做光学镜片的，最近看到安阳光电产业园在开工建设，想问一下承建单位是谁",
            "anyang-optoelectronics",
            "builder",
        ),
        (
            "我们是做食品加工的，听说泸州高新区发展得很快，想问一下人才政策咋样",
            "luzhou-hitech",
            "talent-policies",
        ),
        (  # the asker's clause names the zone, with no word of having seen or heard
            "Hello, we are a furniture maker and consider a plant in Taiyuan Zhongbei"
            " High-tech Zone. Do they cover moving costs?",
            "taiyuan-zhongbei",
            "relocation-subsidy",
        ),
    ],
)
def test_a_clause_setting_the_scene_asks_nothing(
    index: ZoneIndex, question: str, zone: str, entry: str
) -> None:
    """What the asker saw (开工建设, 发展) is not asked: it refused, or gave the overview."""
    assert _answered(index, question) == (zone, entry)


@pytest.mark.parametrize(
    "question",
    [
        "青海零碳产业园整个园区总投资多少",  # the data centre's investment is a project's
        "What is the total investment of the whole Qinghai zero carbon park?",
        "太原中北高新区总共有多少家企业",  # 2家正在选址 counts some firms only
        "青岛高新区一共入驻了多少家企业",
    ],
)
def test_the_whole_zones_total_is_not_answered_with_a_part_of_it(
    index: ZoneIndex, question: str
) -> None:
    """A project's investment, or a count of some firms, was given as the zone's total."""
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "What's the total investment of the big data centre at Qinghai zero-carbon park?",
        "青海零碳产业园那个大数据中心 total investment 多少",
    ],
)
def test_a_total_of_a_thing_the_question_names_is_that_things_total(
    index: ZoneIndex, question: str
) -> None:
    """A total investment beside a project the finder does not know by that name was read as
    the whole zone's total, and the project's own total investment refused."""
    assert _answered(index, question) == ("qinghai-zero-carbon", "data-centre")


def test_whats_the_total_still_asks_the_whole_zones(index: ZoneIndex) -> None:
    """What's reads as "what s": it asks a figure as "what is" does."""
    reply = answer_question(index, "What's the total investment in Qinghai zero-carbon park?")
    assert reply.status != "answer"


def test_a_total_the_zone_writes_as_one_is_still_answered(index: ZoneIndex) -> None:
    """已集聚重点企业800多家 is how many firms the zone has gathered."""
    assert _answered(index, "泸州高新区一共有多少家企业") == (
        "luzhou-hitech",
        "companies-and-talent",
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("太原中北高新区对外资企业有什么优惠政策", "针对外资企业的专门规定"),
        ("泸州高新区对外资企业有什么人才政策", "针对外资企业的专门规定"),
        ("太原中北高新区对初创企业有什么扶持", "针对初创企业的专门规定"),
        # what the asker would do there: signing up, fees, tenders, a price
        ("泸州高新区技能培训收不收钱", "收不收钱"),
        ("how much is a mu of land going for in the anyang optoelectronic park", "price"),
        ("泸州高新区技能培训怎么报名", "报名"),
        ("Is there an open tender for the Qinghai big data centre? How do we register as a "
         "supplier?", "tender"),
        ("AstraZeneca Qingdao HQ, are they hiring?", "hiring"),
    ],
)  # fmt: skip
def test_what_the_source_never_says_for_the_asker_or_their_errand_is_not_claimed(
    index: ZoneIndex, question: str, said: str
) -> None:
    """The zone's general incentive answered as if it were for foreign firms or start-ups, or
    the training's entry as if it said how to sign up: the reply says what is not given."""
    reply = answer_question(index, question)
    assert reply.status != "answer"
    assert said in reply.intro


@pytest.mark.parametrize(
    "question", ["泸州高新区怎么招人才", "How is Luzhou high-tech zone recruiting talent?"]
)
def test_recruiting_talent_is_the_zones_work_not_the_askers_errand(
    index: ZoneIndex, question: str
) -> None:
    assert _answered(index, question)[0] == "luzhou-hitech"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("泽普医疗的总经理是谁 想投简历先查一下", "people"),
        ("im HR recruiting for medtech, what does zepu medical make", "zepu-medical"),
    ],
)
def test_an_errand_the_asker_only_tells_of_does_not_stop_the_answer(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_an_incentive_for_askers_the_source_mentions_is_answered(index: ZoneIndex) -> None:
    """The talent policies name 创新创业团队: a question about start-up teams is answered."""
    assert _answered(index, "泸州高新区对创业团队有什么支持") == (
        "luzhou-hitech",
        "talent-policies",
    )


def test_an_entry_whose_written_questions_name_the_askers_answers_them(
    index: ZoneIndex,
) -> None:
    record = next(r for r in index.records if r.entry.topic != "overview")
    entry = record.entry
    asked = "对外资企业有什么支持"
    assert unmentioned(asked, entry)  # the shipped entries name no foreign investors
    written = entry.model_copy(
        update={"questions": entry.questions.model_copy(update={"zh": ["外资企业有什么支持"]})}
    )
    assert unmentioned(asked, written) == ()


def test_who_is_saying_so_asks_for_the_speaker_beside_the_fact(index: ZoneIndex) -> None:
    question = "Is the power of the Qinghai zero-carbon park all green? Who is saying so?"
    result = match_question(index, question)
    shown = [c.record.entry.id for c in result.candidates]
    assert result.kind == "zones"
    assert "people" in shown


@pytest.mark.parametrize(
    "question",
    [
        "Taiyuan Zhongbei High-tech Zone: is there a relocation subsidy, and what is the cap?",
        "太原中北高新区有搬迁补贴吗，上限是多少",
    ],
)
def test_a_part_asking_the_cap_asks_on_about_the_subsidy_before_it(
    index: ZoneIndex, question: str
) -> None:
    """What is the cap? alone found the R&D reward's cap and showed it beside the subsidy."""
    answer = answer_question(index, question)
    assert answer.status == "answer"
    assert [b.entry_id for b in answer.blocks] == ["relocation-subsidy"]


@pytest.mark.parametrize(
    "question",
    ["安阳光电的建设哪一年", "Anyang optoelectronic park construction: which year?"],
)
def test_of_close_entries_holding_the_words_the_one_giving_the_figure_answers(
    index: ZoneIndex, question: str
) -> None:
    """Three entries are about building; only the groundbreaking gives a year (it asked which)."""
    assert _answered(index, question) == ("anyang-optoelectronics", "groundbreaking")


def test_a_total_gathered_last_year_is_still_the_whole_zones(index: ZoneIndex) -> None:
    """去年 and 引进 name no part of the zone: 2家正在选址 is no total of firms brought in."""
    assert answer_question(index, "中北高新区去年一共引进了多少家企业").status != "answer"


@pytest.mark.parametrize(
    ("question", "zone", "entry"),
    [
        ("我们是一家民营企业，想问安阳光电园占地多少", "anyang-optoelectronics", "site-area"),
        (
            "We are a foreign-owned SME making sensors. How large is the site of the Anyang"
            " optoelectronic park?",
            "anyang-optoelectronics",
            "site-area",
        ),
        ("我们是港资企业，泸州高新区有什么人才政策", "luzhou-hitech", "talent-policies"),
    ],
)
def test_who_the_asker_says_they_are_singles_out_no_askers(
    index: ZoneIndex, question: str, zone: str, entry: str
) -> None:
    """We are a private firm was read as asking what is given to private firms: refused."""
    assert _answered(index, question) == (zone, entry)


@pytest.mark.parametrize(
    "question", ["中国电信数字青海大数据中心占地多少亩", "中國電信數字青海大數據中心佔地幾多畝"]
)
def test_a_project_named_by_another_of_its_names_gets_its_own_figure(
    index: ZoneIndex, question: str
) -> None:
    """The answer writes the centre's full name, the title a short one: the area was refused."""
    assert _answered(index, question) == ("qinghai-zero-carbon", "data-centre")


@pytest.mark.parametrize(
    "question", ["立菲医疗器械创新园的净化车间租金怎么算", "立菲医疗器械创新园净化车间的租金多少"]
)
def test_a_long_firm_name_does_not_forgive_the_one_word_asked(
    index: ZoneIndex, question: str
) -> None:
    """The firm's name made up nine tenths of the question: the rent, which no entry of the
    zone writes, was forgiven as a stray word and the park's entry answered."""
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Anyang photoelectric park site area", "site-area"),
        ("Anyang photonics park: how big is the site?", "site-area"),
        ("what does the qinghai carbon neutral park focus on", "leading-industries"),
    ],
)
def test_another_english_word_for_a_part_of_the_zones_name_asks_nothing(
    index: ZoneIndex, question: str, entry: str
) -> None:
    """photoelectric (光电) stayed in the topic as a word no entry holds, lowering every score."""
    zone, got = _answered(index, question)
    assert got == entry
    assert zone is not None


def test_a_currency_mark_is_no_acronym_asked(index: ZoneIndex) -> None:
    """The US of US$450 million was a word no entry writes: the written question was refused."""
    assert _answered(index, "AstraZeneca inhaler base US$450 million") == (
        "qingdao-hitech",
        "astrazeneca-aerosol-base",
    )


@pytest.mark.parametrize("question", ["园区有什么重点企业", "這個園區有哪些重點企業"])
def test_this_park_with_a_word_one_zone_writes_is_asked_which_park(
    index: ZoneIndex, question: str
) -> None:
    """Only one zone writes 重点企业; every zone has firms: the one zone's count answered."""
    assert match_question(index, question).kind == "clarify"


def test_asking_what_is_new_this_time_asks_about_the_thing_itself(index: ZoneIndex) -> None:
    """这次 and 跟以前比有什么不一样 weighed as topics: the policy fell under the threshold."""
    assert _answered(index, "这次中北高新区的招商政策跟以前比有什么不一样") == (
        "taiyuan-zhongbei",
        "golden-ten-policy",
    )


def test_since_moving_to_the_zone_sets_a_time_and_asks_nothing(index: ZoneIndex) -> None:
    """moving (relocation) was a content word the firm's entry lacked: refused."""
    question = "How many patent applications has Qingdao Baotai filed since moving to the zone?"
    assert _answered(index, question) == ("qingdao-hitech", "baotai")


def test_a_question_whose_whole_lacks_a_figure_is_split_into_its_clauses(
    index: ZoneIndex,
) -> None:
    """The whole found an entry without the year asked: not given, though each clause has one."""
    answer = answer_question(
        index,
        "Anyang optoelectronic park: which year did work begin, and which industries will it"
        " host?",
    )
    assert answer.status == "answer"
    assert {b.entry_id for b in answer.blocks} == {"groundbreaking", "target-industries"}


def test_a_common_word_breaks_no_tie_between_entries_beside_a_telling_one(
    index: ZoneIndex,
) -> None:
    """行业 (common to most entries) made the integration entry's labels win over training."""
    assert _answered(index, "泸州高新区培训主要是哪些行业") == (
        "luzhou-hitech",
        "skills-training-2022",
    )


def test_a_zoneless_pinyin_question_asks_which_zone_as_its_chinese_does(
    index: ZoneIndex,
) -> None:
    assert match_question(index, "yuanqu guihua mianji duoda").kind == "clarify"


@pytest.mark.parametrize(
    ("question", "zone", "entry"),
    [
        ("刘锦春在报道里是以什么身份出现的", "taiyuan-zhongbei", "officials"),
        ("What position does Meng Tao hold at Zhongbei zone?", "taiyuan-zhongbei", "officials"),
        ("康国奇 什么职务啊", "taiyuan-zhongbei", "officials"),
        ("王磊在阿斯利康的头衔是什么", "qingdao-hitech", "people"),
    ],
)  # fmt: skip
def test_a_role_asked_of_a_person_named_is_answered_by_the_entry_naming_them(
    index: ZoneIndex, question: str, zone: str, entry: str
) -> None:
    """身份, 头衔, position ask the people entry; the name, a tag there, says which zone."""
    assert _answered(index, question) == (zone, entry)


def test_a_speakers_name_need_not_be_held_by_the_entry_giving_what_they_said(
    index: ZoneIndex,
) -> None:
    """ "<name>说…比例是多少" asks the figure said: its entry need not name the speaker."""
    assert _answered(index, "任建民说青海零碳产业园绿电供应的比例是多少") == (
        "qinghai-zero-carbon",
        "green-power-supply",
    )


def test_in_the_end_and_an_article_a_ask_nothing(index: ZoneIndex) -> None:
    """最后, 一个 and 把自己 around 打造成 lowered every entry's score under the threshold."""
    reply = answer_question(index, "泸州高新区最后想把自己打造成一个什么样的园区")
    assert (reply.status, reply.zone_id) == ("answer", "luzhou-hitech")
    assert "工匠园区" in render_answer_text(reply)


@pytest.mark.parametrize(
    ("question", "zone", "entry"),
    [
        (
            "Qingdao 康复大学 the entire site 多少亩 lah?",
            "qingdao-hitech",
            "rehabilitation-university",
        ),
        ("Qinghai 零碳园 110kV substation 几时投运 ah", "qinghai-zero-carbon", "guyi-substation"),
        ("Qinghai China Telecom DC 有多少机架 respectively", "qinghai-zero-carbon", "data-centre"),
    ],
)
def test_english_particles_in_a_mixed_question_ask_nothing(
    index: ZoneIndex, question: str, zone: str, entry: str
) -> None:
    """lah, ah, respectively, whole: no topic, though the base never writes them; DC is a
    data centre and 几时 asks when."""
    assert _answered(index, question) == (zone, entry)


@pytest.mark.parametrize(
    ("question", "zone", "entry"),
    [
        (
            "Qingdao biomed park - anchor projects so far?",
            "qingdao-hitech",
            "biomed-industrial-park",
        ),
        ("Qinghai zero-carbon park planned area in sq km?", "qinghai-zero-carbon", "planned-area"),
    ],
)
def test_an_investors_shorthand_reads_as_the_words_it_stands_for(
    index: ZoneIndex, question: str, zone: str, entry: str
) -> None:
    """anchor projects are key projects, sq km an area (knowledge/synonyms.yaml)."""
    assert _answered(index, question) == (zone, entry)


def test_this_sentence_before_who_said_it_asks_nothing(index: ZoneIndex) -> None:
    """这句话 points at the quotation: the speaker is asked, as without it."""
    assert _answered(index, "“通过硬举措打造营商软环境”这句话是谁讲的") == (
        "taiyuan-zhongbei",
        "officials",
    )


def test_renting_something_for_how_much_asks_a_price_the_source_lacks(index: ZoneIndex) -> None:
    """租…多少钱 asks a price: the data centre's entry gives racks and investment, no rent."""
    reply = answer_question(index, "青海零碳产业园大数据中心的机柜租1年要多少钱")
    assert reply.status != "answer"
    assert reply.entry_id == "data-centre"  # it says what the source gives instead


def test_the_initials_of_a_zones_name_ask_nothing(index: ZoneIndex) -> None:
    """ZC of Qinghai Zero-Carbon Industrial Park is its name cut short, not a topic it lacks;
    so is ZB, the pinyin initials of 中北."""
    assert _answered(index, "太原ZB高新区的黄金十条主要奖励什么") == (
        "taiyuan-zhongbei",
        "golden-ten-policy",
    )
    assert _answered(
        index, "Qinghai ZC park: green electricity the Guyi substation sends a year?"
    ) == (
        "qinghai-zero-carbon",
        "green-power-output",
    )


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("太原中北高新区正在入驻的特种金属企业叫什么名字", False),
        ("Qinghai zero-carbon park: lithium battery companies there, names please?", False),
        ("安阳光电产业园的承建单位叫什么名字", True),  # the entry names the builder
        ("泸州高新区跟高校合作搞的那个人才培养工作叫什么名字", True),  # a programme's name
    ],
)
def test_the_names_of_firms_are_given_only_by_an_entry_naming_one(
    index: ZoneIndex, question: str, answered: bool
) -> None:
    """入驻的企业叫啥名: an entry on the firms that names none of them says the source lacks
    their names (showing what it does say) instead of answering with it."""
    reply = answer_question(index, question)
    assert (reply.status == "answer") == answered
    assert reply.entry_id is not None


def test_what_one_unit_sells_for_asks_a_price_the_source_lacks(index: ZoneIndex) -> None:
    """卖多少钱1支 asks a price: the aerosol base's entry gives its investment, no price."""
    reply = answer_question(index, "阿斯利康青岛产的布地格福气雾剂零售卖多少钱一支")
    assert reply.status != "answer"


def test_the_day_a_reporter_visited_is_found_by_the_entry_telling_the_visit(
    index: ZoneIndex,
) -> None:
    """采访 and 走访 are one word for an asker: the entry on the visit gives its date."""
    reply = answer_question(index, "科技日报记者哪天去太原中北高新区采访的")
    assert (reply.status, reply.entry_id) == ("answer", "companies-settling")


def test_the_overview_beside_one_entry_holding_every_word_leaves_that_entry_to_answer(
    index: ZoneIndex,
) -> None:
    """Under the answer threshold, a clarifying question between the zone's overview (which
    sums up every entry) and the one entry holding every word asked offers nothing."""
    assert _answered(index, "泸州高新区在人才方面想把自己打造成什么样的园区") == (
        "luzhou-hitech",
        "talent-strategy",
    )


def test_a_share_the_question_quotes_picks_the_entry_stating_it(index: ZoneIndex) -> None:
    """ "100% green power": of close entries on green power, the one saying 100% answers."""
    assert _answered(index, "Qinghai park power supply 100% green electricity?") == (
        "qinghai-zero-carbon",
        "green-power-supply",
    )


def test_a_university_is_one_of_the_higher_schools_the_source_names(index: ZoneIndex) -> None:
    """大学 and 高等院校 are one word for an asker (knowledge/synonyms.yaml)."""
    reply = answer_question(index, "泸州高新区的双培双推是啥 是企业跟大学一起培养人吗")
    assert (reply.status, reply.entry_id) == ("answer", "industry-education-integration")


def test_two_questions_typed_apart_by_a_space_get_an_entry_each(index: ZoneIndex) -> None:
    """WeChat style: "…有多少家 2022年营收增长多少" is two questions, not one."""
    answer = answer_question(index, "泸州高新区有多少家重点企业 2022年营收同比增长了多少")
    assert answer.status == "answer"
    assert {b.entry_id for b in answer.blocks} == {"companies-and-talent", "revenue-2022"}


def test_dialect_and_hearsay_words_ask_nothing(index: ZoneIndex) -> None:
    """俺 (I), 听说 (I heard) say who asks and why; 养殖 is 畜牧 (knowledge/synonyms.yaml)."""
    reply = answer_question(index, "俺想去零碳园区搞养殖，园区有畜牧业不")
    assert (reply.status, reply.zone_id) == ("answer", "qinghai-zero-carbon")
    assert "畜牧" in render_answer_text(reply)
    assert _answered(index, "听说泸州高新区要打造工匠园区，是啥样的园区") == (
        "luzhou-hitech",
        "talent-strategy",
    )


@pytest.mark.parametrize(
    "question",
    [
        "What kinds of drugs is the Qingdao biomedicine and medical device park focusing on?",
        "青岛生物医药园药这块重点搞啥",
    ],
)
def test_the_parks_focus_fields_are_given_by_each_entry_on_the_park_or_the_zones_focus(
    index: ZoneIndex, question: str
) -> None:
    """Three close entries (the zone's focus, the park, the park's fields) all give them."""
    reply = answer_question(index, question)
    assert reply.status == "answer"
    assert any(w in render_answer_text(reply) for w in ("罕见病", "rare diseases"))


def test_what_a_zone_contributes_to_its_citys_output_asks_its_share(index: ZoneIndex) -> None:
    """贡献了全市…多少产值 asks a share, not the output itself."""
    assert _answered(index, "青岛高新区给全市生物医药及医疗器械产业贡献了多少产值") == (
        "qingdao-hitech",
        "city-share",
    )


def test_a_person_of_another_zone_is_not_answered_by_this_zones_entries(
    index: ZoneIndex,
) -> None:
    # each label is its own name: "Meng Tao" is asked whole, not two pieces of a longer name
    reply = answer_question(index, "Luzhou High-tech Zone - programme: meng tao?")
    assert reply.status != "answer"


def test_a_frame_word_typed_with_a_space_asks_nothing_as_typed_with_a_hyphen(
    index: ZoneIndex,
) -> None:
    question = "Anyang optoelectronics park set up: which government departments took part?"
    assert _answered(index, question) == ("anyang-optoelectronics", "site-preparation")


def test_the_askers_own_opening_clause_is_no_subject_of_the_questions_after_it(
    index: ZoneIndex,
) -> None:
    question = (
        "我们园区也在推进类似项目。请问安阳光电智能制造产业园的承建单位在开工前办理了哪些手续？"
        "在项目管理上又做了哪些工作？"
    )
    shown = {b.entry_id for b in answer_question(index, question).blocks}
    assert shown == {"site-preparation", "builder"}


def test_by_the_way_between_two_questions_asks_nothing(index: ZoneIndex) -> None:
    reply = answer_question(index, "泸州高新区的产业方向啥情况，顺便问下酒城人才聚集行动啥情况？")
    assert reply.status == "answer"
    assert {b.entry_id for b in reply.blocks} >= {"industries", "talent-strategy"}


def test_two_questions_each_finding_its_entry_outweigh_a_weaker_reading_of_the_whole(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "青岛高新区的产业方向啥样，顺便问下立菲医疗器械创新园怎么样？")
    assert [b.entry_id for b in reply.blocks] == ["industry-focus", "lifei-innovation-park"]


def test_a_part_whose_figure_the_source_lacks_is_shown_beside_the_other_part(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "太原中北的搬迁补贴是多少啊，还有新落户一次性奖励多少钱？")
    assert [b.entry_id for b in reply.blocks] == ["relocation-subsidy", "settling-reward"]
    assert "没有给出奖励金额" in render_answer_text(reply)


def test_what_the_asker_is_doing_sets_the_scene_and_asks_nothing(index: ZoneIndex) -> None:
    question = "正在比较几个地方，想了解一下青海零碳产业园的110千伏古驿变电站，是什么情况？"
    assert _answered(index, question) == ("qinghai-zero-carbon", "guyi-substation")


def test_pinyin_typed_with_tone_marks_reads_as_without(index: ZoneIndex) -> None:
    toned = "Lúzhōu gāoxīnqū yíngyè shōurù zēngzhǎng duōshao"
    assert _answered(index, toned) == ("luzhou-hitech", "revenue-2022")
    assert normalize("lǜsè") == "lvse"


@pytest.mark.parametrize(
    "question",
    [
        "What kind of companies is Taiyuan Zhongbei hi-tech zone attracting?",
        "What kind of enterprises are arriving in mass to Taiyuan Zhongbei at this moment?",
        "中北高新 最近啥类型企业扎堆进去",
    ],
)
def test_what_kind_of_companies_are_moving_in_is_answered_by_the_entry_telling_it(
    index: ZoneIndex, question: str
) -> None:
    assert _answered(index, question) == ("taiyuan-zhongbei", "companies-settling")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("安阳光电园建成以后搞啥产业 老铁给说说", "target-industries"),
        ("安阳光电产业园盖好了都搞啥产业", "target-industries"),
        (
            "I would be grateful if you could explain which industries the Anyang Photoelectric"
            " Intelligent Manufacturing Industrial Park will bring together after it is"
            " completed.",
            "target-industries",
        ),
    ],
)
def test_colloquial_fillers_and_formal_politeness_ask_nothing(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question) == ("anyang-optoelectronics", entry)


@pytest.mark.parametrize(
    ("question", "zone_and_entry"),
    [
        (
            "Qingdao Lifei park how many company inside?",
            ("qingdao-hitech", "lifei-innovation-park"),
        ),
        (
            "Which industries will the Anyang optoelectronic park accommodate upon completion?",
            ("anyang-optoelectronics", "target-industries"),
        ),
    ],
)
def test_english_words_of_place_and_time_ask_nothing(
    index: ZoneIndex, question: str, zone_and_entry: tuple[str, str]
) -> None:
    assert _answered(index, question) == zone_and_entry


@pytest.mark.parametrize(
    ("question", "zone_and_entry"),
    [
        ("anyang guangdian 综合楼 ji ceng", ("anyang-optoelectronics", "construction-content")),
        ("qinghai lingtan 古驿变电站 kaigong shijian", ("qinghai-zero-carbon", "guyi-substation")),
        (
            "qingdao 生物医药及医疗器械产业园 zhandi duoshao mu",
            ("qingdao-hitech", "biomed-industrial-park"),
        ),
    ],
)
def test_everyday_words_in_pinyin_beside_chinese_are_read_as_chinese(
    index: ZoneIndex, question: str, zone_and_entry: tuple[str, str]
) -> None:
    assert _answered(index, question) == zone_and_entry


@pytest.mark.parametrize(
    ("question", "zone_and_entry"),
    [
        ("安陽光電智能製造產業園 area 有幾大 ah", ("anyang-optoelectronics", "site-area")),
        ("安阳光电智能制造产业园是谁给盖的啊", ("anyang-optoelectronics", "builder")),
        ("泸州高新区 产教融合 报道 日期", ("luzhou-hitech", "reporting")),
        ("泽普医疗的老总是谁", ("qingdao-hitech", "zepu-medical")),
        (
            "安陽那個光電園區以後要做哪些產業？有醫療相關的嗎",
            ("anyang-optoelectronics", "target-industries"),
        ),
        (
            "What 'action' is Luzhou using as its lever to gather talent?",
            ("luzhou-hitech", "talent-strategy"),
        ),
        (  # what percentage: a figure asked, given as 100%, not a word to be written
            "Ren Jianmin said the Qinghai park is built on what percentage of green power?",
            ("qinghai-zero-carbon", "people"),
        ),
    ],
)
def test_colloquial_and_keyword_ways_of_asking_find_their_entry(
    index: ZoneIndex, question: str, zone_and_entry: tuple[str, str]
) -> None:
    assert _answered(index, question) == zone_and_entry


def test_how_many_major_ones_is_not_how_big() -> None:
    assert normalize("园区有几大？") == "园区有多大"
    assert normalize("青海零碳产业园有几大产业集群") == "青海零碳产业园有几大产业集群"


def test_internet_slang_asks_nothing(index: ZoneIndex) -> None:
    question = "家人们泸州gxq人才补贴yyds 2022年一共兑现了多少💰"
    assert _answered(index, question) == ("luzhou-hitech", "talent-funding-2022")


def test_the_taiwanese_word_for_a_report_asks_its_date(index: ZoneIndex) -> None:
    question = "瀘州高新區 產教融合 的報導日期是幾月幾號？"
    assert _answered(index, question) == ("luzhou-hitech", "reporting")


def test_what_the_source_leaves_out_typed_as_keywords_apart_is_said_so(index: ZoneIndex) -> None:
    reply = answer_question(index, "中北高新区 新落户 独立法人 一次性奖励 金额")
    assert (reply.status, reply.entry_id) == ("no_match", "settling-reward")


def test_a_figure_the_source_leaves_out_is_said_so_though_no_zone_is_named(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "黄金十条里对新落户独立法人的一次性奖励具体是多少万？")
    assert reply.status != "answer"
    assert reply.entry_id == "settling-reward"


def test_a_titles_dot_ends_no_sentence(index: ZoneIndex) -> None:
    question = (
        "Could you kindly provide the email address of Mr. Meng Tao at Taiyuan Zhongbei"
        " High-tech Zone?"
    )
    assert answer_question(index, question).status != "answer"


def test_a_zone_we_lack_named_by_city_and_district_is_not_compared_with_a_known_one(
    index: ZoneIndex,
) -> None:
    question = "重庆永川高新区跟泸州高新区比，哪个人才补贴高？永川的补贴是好多"
    assert answer_question(index, question).status != "answer"


def test_a_price_per_unit_asked_is_not_read_away_as_a_typo(index: ZoneIndex) -> None:
    reply = answer_question(index, "青海零碳园绿电一度多少钱")
    assert reply.status != "answer"
    assert reply.entry_id == "green-power-output"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "Kindly share how much cost saving Qingdao Huiankang Bio got after joining Lifei park"
            " in Qingdao Hi-tech Zone",
            "huiankang-cost-saving",
        ),
        (
            "Kindly share who is the head of Lifei Medical Device Innovation Park in Qingdao"
            " Hi-tech Zone",
            "people",
        ),
    ],
)
def test_kindly_share_asks_to_be_told_not_a_share(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question) == ("qingdao-hitech", entry)


def test_southwestern_colloquial_words_ask_nothing(index: ZoneIndex) -> None:
    question = "安阳光电产业园建好了要搞啥子产业嘛"
    assert _answered(index, question) == ("anyang-optoelectronics", "target-industries")


def test_an_address_the_source_does_not_give_is_said_so_with_the_zones_location(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "泸州高新区管委会地址在哪")
    assert (reply.status, reply.entry_id) == ("no_match", "location")
    assert _answered(index, "泸州高新区在哪") == ("luzhou-hitech", "location")


def test_a_clause_telling_what_the_asker_read_leaves_the_clause_asking_to_answer(
    index: ZoneIndex,
) -> None:
    question = (
        "本人早年从事工业建筑设计，现已退休。读到安阳光电智能制造产业园开工的消息，"
        "想请教园内那栋综合楼设计为几层？"
    )
    assert _answered(index, question) == ("anyang-optoelectronics", "construction-content")


@pytest.mark.parametrize(
    "question",
    [
        "青海零炭产业园用什么作为园区能源底座？",
        "What is the energy foundation of Qinghai zero carbon park, kindly advise",
    ],
)
def test_the_parks_energy_foundation_is_its_green_power_supply(
    index: ZoneIndex, question: str
) -> None:
    assert _answered(index, question) == ("qinghai-zero-carbon", "green-power-supply")


def test_which_one_ranks_first_is_not_answered_by_an_entry_ranking_its_zone_second(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "国内规划面积最大的零碳产业园是哪一个？")
    assert (reply.status, reply.entry_id) == ("no_match", "planned-area")
    named = answer_question(index, "青海零碳产业园是国内最大的零碳产业园吗")
    assert (named.status, named.entry_id) == ("answer", "planned-area")


@pytest.mark.parametrize(
    ("question", "zone", "entry"),
    [
        ("青海零碳园 ren jianmin shuo le sha", "qinghai-zero-carbon", "people"),
        (
            "zhongbei gaoxinqu zuijin de zhaoshang dahui shi zhendui na tiao chanyelian",
            "taiyuan-zhongbei",
            "investment-conference",
        ),
    ],
)
def test_everyday_words_typed_in_pinyin_read_back_as_chinese(
    index: ZoneIndex, question: str, zone: str, entry: str
) -> None:
    assert _answered(index, question) == (zone, entry)


def test_a_year_typed_in_pinyin_is_a_year_the_source_may_not_give(index: ZoneIndex) -> None:
    reply = answer_question(index, "luzhou gaoxinqu 2024 nian yingye shouru shi duoshao")
    assert (reply.status, reply.entry_id) == ("no_match", "revenue-2022")
    dated = "luzhou gaoxinqu de rencai xiaoxi shi 5 yue ji hao huoxi de"
    assert _answered(index, dated) == ("luzhou-hitech", "reporting")


def test_a_word_typed_in_pinyin_that_no_entry_holds_is_not_answered(index: ZoneIndex) -> None:
    # mubiao is 目标: read as Chinese, the question asks a target no entry gives
    reply = answer_question(index, "luzhou gaoxinqu 2023 nian yingshou mubiao shi duoshao")
    assert reply.status != "answer"


def test_what_a_zone_intends_asks_what_it_plans(index: ZoneIndex) -> None:
    question = "河南安阳光电智能制造产业园打算形成啥样的产业布局"
    assert _answered(index, question) == ("anyang-optoelectronics", "target-industries")


@pytest.mark.parametrize(
    "question",
    [
        "the Luzhou High-tech zone: life cycle programme?",
        "Luzhou High-tech Zone - programme: government departments?",
    ],
)
def test_two_words_of_another_zones_sources_asked_alone_of_this_zone_are_not_answered(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


def test_a_verb_of_the_askers_after_a_known_topic_still_finds_the_entry(index: ZoneIndex) -> None:
    question = "what sectors is the Anyang park going after once it's built?"
    assert _answered(index, question) == ("anyang-optoelectronics", "target-industries")


def test_a_figure_the_entry_gives_is_answered_though_it_leaves_out_another(
    index: ZoneIndex,
) -> None:
    left_out = answer_question(
        index, "When will AstraZeneca's aerosol plant in Qingdao start commercial production?"
    )
    assert (left_out.status, left_out.entry_id) == ("no_match", "astrazeneca-aerosol-base")
    assert "commercial production" in left_out.intro
    given = answer_question(index, "How much is AstraZeneca investing in Qingdao High-tech Zone?")
    assert (given.status, given.entry_id) == ("answer", "astrazeneca-aerosol-base")


def test_a_zones_english_alias_asked_what_it_means_gets_the_zones_overview(
    index: ZoneIndex,
) -> None:
    question = "Qingdao high tech zone call itself 'China Kangwan'? what is the idea of it?"
    assert _answered(index, question) == ("qingdao-hitech", "overview")


def test_what_a_named_firm_does_is_its_own_entrys_to_tell(index: ZoneIndex) -> None:
    assert _answered(index, "青岛高新区那个泽普医疗是干啥的") == ("qingdao-hitech", "zepu-medical")
    assert _answered(index, "中北高新区 孟涛 是干啥的") == ("taiyuan-zhongbei", "officials")


def test_lifecycle_typed_as_one_word_is_the_life_cycle(index: ZoneIndex) -> None:
    question = "Qinghai ZC park carbon control - which lifecycle stages covered?"
    assert _answered(index, question) == ("qinghai-zero-carbon", "green-power-supply")


def test_a_date_the_entry_leaves_out_is_not_given_by_its_other_dates(index: ZoneIndex) -> None:
    reply = answer_question(index, "阿斯利康青岛气雾剂基地哪年开始生产？")
    assert (reply.status, reply.entry_id) == ("no_match", "astrazeneca-aerosol-base")


def test_what_a_named_firm_does_is_its_own_entrys_without_another_word(index: ZoneIndex) -> None:
    assert _answered(index, "青岛高新区泽普医疗是干啥的") == ("qingdao-hitech", "zepu-medical")


def test_a_city_before_the_known_zones_own_name_is_no_zone_we_lack(index: ZoneIndex) -> None:
    assert answer_question(index, "重庆到泸州高新区哪个人才补贴高").status == "answer"


def test_a_firms_dot_ends_no_clause() -> None:
    assert len(CLAUSE_RE.split("Qingdao Huiankang Bio Co. Ltd. said costs fell")) == 1


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("zhongbei gaoxinqu huangjin shitiao you na xie", "golden-ten-policy"),
        ("qinghai lingtan chanyeyuan san da chanye jiqun", "industrial-clusters"),
    ],
)
def test_a_count_typed_in_pinyin_is_read_as_its_numeral(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_pinyin_numerals_count_only_before_a_measure_word() -> None:
    assert counted_in_pinyin(["shi", "tiao"]) == "十条"
    assert counted_in_pinyin(["san", "da"]) == "三大"
    assert counted_in_pinyin(["shi", "sha"]) is None  # 是啥
    assert counted_in_pinyin(["qi", "ye"]) is None  # 企业
    assert counted_in_pinyin(["tiao"]) is None


def test_a_named_zone_without_the_compared_topic_is_said_to_lack_it(index: ZoneIndex) -> None:
    reply = answer_question(index, "太原中北和泸州高新区，在企业和人才奖补的资金体量上对比一下？")
    text = render_answer_text(reply)
    assert reply.status == "answer"
    assert text.startswith("资料中没有太原中北高新区这方面的信息")
    assert "2.4亿元" in text


def test_a_persons_age_the_source_never_gives_is_said_to_be_missing(index: ZoneIndex) -> None:
    reply = answer_question(index, "中北高新区那个刘锦春书记今年好多岁了？")
    assert reply.status == "no_match"
    assert render_answer_text(reply).startswith("资料没有给出年龄")


@pytest.mark.parametrize(
    "question",
    [
        "What is the total investment of the entire Qinghai Zero-Carbon Industrial Park project?",
        "Qingdao high-tech zone area km2",
        "Could you tell me the total area of Qingdao High-tech Zone itself, in square kilometres?",
        "What's the total investment for the Rehabilitation University project in Qingdao?",
        "Qinghai lingtan park total planned investment?",  # the overview gives a project's sum
    ],
)
def test_a_figure_asked_of_the_zone_is_not_one_of_its_projects(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status == "no_match"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("青海零碳园那个电信的IDC有多少个标准机柜 占地多少", "data-centre"),  # 电信 of 中国电信
        ("Qinghai ZCIP China Telecom DC land area", "data-centre"),  # DC of data centre
        (
            "how many workers on site daily at the Qingdao rehab uni project?",
            "rehabilitation-university",
        ),
        (
            "When did Qingdao HTZ and AZ first agree a strategic cooperation intent?",
            "astrazeneca-aerosol-base",
        ),
    ],
)
def test_a_project_named_in_part_still_answers_with_its_figure(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("qingdao gxq lifei yiliao qixie chuangxinyuan 多少jia qiye", "lifei-innovation-park"),
        ("qinghai lingtan chanyeyuan jizhe 几hao qu de", "key-projects"),  # 几号去的
    ],
)
def test_pinyin_typed_against_characters_is_read_as_its_own_word(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_a_zones_pinyin_name_is_not_read_as_a_topic(index: ZoneIndex) -> None:
    question = "anyang guangdian zhineng zhizao chanyeyuan zai 哪个省 哪个shi"  # not 智能制造
    assert _answered(index, question)[1] == "location"


@pytest.mark.parametrize(
    "question",
    [
        "Anyang park, when it finish the construction? which year?",  # the builder's entry
        "What was the contract value awarded to China Railway for the Anyang park?",
    ],
)
def test_a_kind_of_figure_an_entry_writes_none_of_is_said_to_be_missing(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status == "no_match"


def test_an_entry_leaving_out_one_date_still_answers_the_date_it_gives(index: ZoneIndex) -> None:
    question = (
        "When did Qingdao High-tech Zone and AstraZeneca first agree on strategic cooperation?"
    )
    assert _answered(index, question)[1] == "astrazeneca-aerosol-base"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("泸州gxq想建成中国西部啥城来着 xx城 记不清了", "talent-strategy"),  # can't recall
        (
            "Could you tell me which Luzhou city development strategy the zone's talent work is "
            "meant to support — would it be fair to say it's the one body approach?",
            "talent-strategy",
        ),
    ],
)
def test_hedges_and_words_for_a_forgotten_name_ask_nothing(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_the_scale_of_revenue_asks_the_revenue(index: ZoneIndex) -> None:
    assert _answered(index, "泸州高新区2022年营收体量多大？")[1] == "revenue-2022"


def test_when_setting_a_condition_asks_no_date(index: ZoneIndex) -> None:
    question = (
        "Taiyuan: a new company (independent legal entity) gets some reward when it arrives?"
    )
    assert _answered(index, question)[1] == "settling-reward"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Qingdao biomedical industrial park — when they open it?", "biomed-industrial-park"),
        ("Qingdao gaoxinqu Kangfu Daxue - how many workers a day?", "rehabilitation-university"),
    ],
)
def test_a_project_named_by_its_stem_or_in_pinyin_answers_with_its_figure(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_a_zone_named_after_a_long_greeting_is_still_read(index: ZoneIndex) -> None:
    question = (
        "Good afternoon, I hope you are well. May I kindly ask on which date the Science and "
        "Technology Daily reporter visited Taiyuan Zhongbei High-tech Zone to see the works?"
    )
    assert _answered(index, question) == ("taiyuan-zhongbei", "companies-settling")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "As part of a study on carbon-neutral industrial parks, I would be most grateful to "
            "learn how the Qinghai Zero-Carbon Industrial Park ranks nationally in planned area.",
            "planned-area",
        ),
        (
            "我们在准备山西方向的简报。太原中北高新区的搬迁补贴封顶金额是多少？",
            "relocation-subsidy",
        ),
    ],
)
def test_a_clause_saying_what_the_asker_prepares_asks_nothing(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_who_holds_a_post_an_entry_names_no_one_in_is_said_to_be_missing(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "Who is the project manager of the builder at the Anyang park?")
    assert reply.status == "no_match"
    assert render_answer_text(reply).startswith("My sources do not give who holds the post.")


@pytest.mark.parametrize(
    ("question", "zone", "entry"),
    [
        ("太原中北高新区是在哪个省的呀？", "taiyuan-zhongbei", "location"),
        ("安阳光电园是由谁来建设的", "anyang-optoelectronics", "builder"),
    ],
)
def test_the_shi_de_frame_of_a_question_asks_nothing(
    index: ZoneIndex, question: str, zone: str, entry: str
) -> None:
    assert _answered(index, question) == (zone, entry)


def test_a_colloquial_word_for_main_industries_finds_them(index: ZoneIndex) -> None:
    found = _answered(index, "青海零碳产业园主打啥")
    assert found == ("qinghai-zero-carbon", "leading-industries")


def test_the_base_s_terms_typed_in_pinyin_inside_english_are_read_as_those_terms(
    index: ZoneIndex,
) -> None:
    question = "Qingdao gaoxinqu shengwu yiyao chanyeyuan - which big projects did they bring in?"
    reply = answer_question(index, question)
    assert (reply.status, reply.lang) == ("answer", "en")
    assert (reply.entry_id or "").startswith("biomed-")  # the biomedicine park's own entries
    # English words that spell pinyin too (you: 有, mu: 亩) stay English
    assert answer_question(index, "Which zones do you have information on?").status == "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Who is the Baufirma for the Anyang optoelectronic park project?", "builder"),
        ("Luzhou 2022 receita, quanto in yuan?", "revenue-2022"),
        (
            "Qingdao, the Lifei medical device park, quante aziende are inside?",
            "lifei-innovation-park",
        ),
    ],
)
def test_european_words_mixed_into_english_are_read_as_english(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_a_pinyin_question_keeps_its_words_that_spell_italian_ones() -> None:
    assert "quanti" in read_question("quanti yuanqu you rencai zhengce", None).norm


def test_a_clause_asking_who_spoke_is_not_dropped_for_the_clause_naming_the_zone(
    index: ZoneIndex,
) -> None:
    question = "Anyang groundbreaking ceremony, which city leader attend and give speech?"
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "With respect to the Anyang Optoelectronic Intelligent Manufacturing Industrial Park,"
            " may I respectfully ask which enterprise is responsible for construction?",
            "builder",
        ),
        ("Does the Anyang park plan to host high-end medical industries?", "target-industries"),
        ("安阳光电园以后会不会有 new material 的产业吗？", "target-industries"),
    ],
)
def test_hedges_plans_and_will_or_wont_ask_nothing_of_their_own(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_how_long_from_the_decision_to_moving_in_finds_the_settling_speed(
    index: ZoneIndex,
) -> None:
    question = "听说有个老板落户中北高新区，从拍板到搬进去一共用了多少时间啊？"
    assert _answered(index, question) == ("taiyuan-zhongbei", "settling-speed")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("安阳那个产业园开工前中铁上海都办了啥手续", "site-preparation"),  # 上海 of 中铁上海
    ],
)
def test_a_place_in_a_firms_name_names_no_zone_we_lack(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question) == ("anyang-optoelectronics", entry)


def test_a_place_named_apart_from_the_firm_is_still_a_place_we_lack(index: ZoneIndex) -> None:
    assert answer_question(index, "中铁上海在上海有什么项目").status != "answer"


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("zb 研发费用 奖励 门槛", ("taiyuan-zhongbei", "rd-reward")),
        ("lz 人才引进 支持办法", ("luzhou-hitech", "talent-policies")),
    ],
)
def test_a_zone_named_by_the_initials_of_its_short_name_is_found(
    index: ZoneIndex, question: str, found: tuple[str, str]
) -> None:
    assert _answered(index, question) == found


def test_the_noun_a_question_asks_for_by_name_picks_the_entry_titled_with_it(
    index: ZoneIndex,
) -> None:
    found = _answered(index, "泸州高新区以什么行动为抓手推进产教融合？")
    assert found == ("luzhou-hitech", "talent-strategy")


def test_a_clause_about_the_askers_own_plans_asks_no_figure_of_the_zone(index: ZoneIndex) -> None:
    question = "安阳光电产业园在哪里？我们公司有50个人，大概什么时候能去看看"
    assert _answered(index, question) == ("anyang-optoelectronics", "location")


def test_a_reading_of_pinyin_terms_keeps_the_previous_questions_zone(index: ZoneIndex) -> None:
    reply = answer_question(
        index, "what about chanjiao ronghe", context_zone="anyang-optoelectronics"
    )
    assert reply.zone_id == "anyang-optoelectronics"


def test_asking_for_a_brief_introduction_asks_no_topic(index: ZoneIndex) -> None:
    assert _answered(index, "泸州高新区简单介绍一下") == ("luzhou-hitech", "overview")
    assert match_question(index, "有哪些园区？都简单介绍一下").kind == "zones"


@pytest.mark.parametrize(
    "question", ["鄂尔多斯零碳产业园规划面积多大", "上海的零碳产业园有什么政策"]
)
def test_a_short_name_after_a_place_the_zone_is_not_in_names_another_places_zone(
    index: ZoneIndex, question: str
) -> None:
    assert match_question(index, question).kind == "unknown_place"


def test_a_short_name_after_the_zones_own_city_is_still_the_zone(index: ZoneIndex) -> None:
    assert match_question(index, "海东零碳产业园规划面积").kind == "entry"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("how big is the zero-carbon park", "planned-area"),
        ("What is the planned area of the zero carbon park?", "planned-area"),
        ("Which industrial clusters do they plan in the zero-carbon park?", "industrial-clusters"),
        ("the optoelectronic park floor area", "floor-area"),
        ("Tsinghai zero carbon park - what are leading industries?", "leading-industries"),
    ],
)
def test_an_english_name_without_its_place_names_the_zone(
    index: ZoneIndex, question: str, entry_id: str
) -> None:
    assert _answered(index, question)[1] == entry_id


@pytest.mark.parametrize(
    "question",
    [
        "Ordos zero carbon industrial park, how big is the area?",
        "is there a zero carbon park like that in kenya?",
        "any zero carbon park near Shenzhen, how big?",
        "How big is the Wuhan optoelectronics park?",  # a place we lack, in pinyin
        "What is the area of the Suzhou zero-carbon park?",
        "Qingdao zero-carbon park area",  # another zone's city
    ],
)
def test_an_english_name_without_its_place_after_another_place_or_a_is_not_ours(
    index: ZoneIndex, question: str
) -> None:
    assert match_question(index, question).kind != "entry"


def test_an_english_name_without_its_place_with_the_place_elsewhere_is_ours(
    index: ZoneIndex,
) -> None:
    found = match_question(index, "yung zero carbon park sa qinghai, gano kalaki planned area?")
    assert found.zone_id == "qinghai-zero-carbon"


@pytest.mark.parametrize(
    "question",
    ["四川大学科技园的产教融合三个精准对接有啥", "山东大学科技园生物医药产业营收是多少啊"],
)
def test_a_universitys_science_park_in_a_known_province_is_a_park_we_lack(
    index: ZoneIndex, question: str
) -> None:
    """康复大学 is a school the base names, not a zone: 山东大学科技园 is no slip of one."""
    assert answer_question(index, question).status == "no_match"


def test_a_known_parks_name_cut_short_is_still_that_park(index: ZoneIndex) -> None:
    assert _answered(index, "青岛生物医药产业园分几个片区呀")[1] == "biomed-industrial-park"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("qd gxq的经营主体占全市生物医药多少 emmm", "city-share"),
        ("安阳那个光电园 有没有高端医疗方向 hhh做器械的都想问", "target-industries"),
        ("泸州高新区2022年营收多少 哈哈 hahaha", "revenue-2022"),
    ],
)
def test_hesitation_and_laughter_in_latin_letters_ask_nothing(
    index: ZoneIndex, question: str, entry_id: str
) -> None:
    assert _answered(index, question)[1] == entry_id


def test_a_latin_word_the_base_never_writes_still_asks_what_no_entry_holds(
    index: ZoneIndex,
) -> None:
    assert match_question(index, "青海零碳产业园数据中心的PUE是多少").kind != "entry"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("青岛高新区建成的在建的省级以上创新平台一共几个", "innovation-projects"),
        (
            "if i shift my factory to taiyuan zone they pay the moving cost?? "
            "how much percent and max",
            "relocation-subsidy",
        ),
    ],
)
def test_a_figure_asked_of_a_leader_far_ahead_lacking_one_word_is_answered(
    index: ZoneIndex, question: str, entry_id: str
) -> None:
    assert _answered(index, question)[1] == entry_id


def test_one_unit_of_a_product_priced_is_not_answered_by_its_investment(index: ZoneIndex) -> None:
    question = (
        "How much will one budesonide inhaler from the AstraZeneca Qingdao plant cost wholesale?"
    )
    assert match_question(index, question).kind != "entry"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        (
            "Which state-owned steelmaker co-organised the Zhongbei investment fair?",
            "investment-conference",
        ),
        ("安阳那个光电园是哪家央企施工单位在干？", "builder"),
        ("who is main contractor of anyang optoelectronic park? chinese SOE?", "builder"),
    ],
)
def test_which_state_owned_firm_is_answered_by_the_entry_naming_one(
    index: ZoneIndex, question: str, entry_id: str
) -> None:
    assert _answered(index, question)[1] == entry_id


def test_a_subsidy_for_state_owned_firms_is_not_answered_by_an_entry_naming_one(
    index: ZoneIndex,
) -> None:
    assert match_question(index, "太原中北高新区对国企有什么补贴").kind != "entry"


def test_which_town_asks_where_the_zone_is(index: ZoneIndex) -> None:
    question = "which town is the qinghai zero carbon park actually in"
    assert _answered(index, question) == ("qinghai-zero-carbon", "location")


def test_a_chat_misspelling_before_a_zones_name_without_its_place_is_no_place(
    index: ZoneIndex,
) -> None:
    found = match_question(index, "whats teh area of teh zero carbon park")
    assert found.zone_id == "qinghai-zero-carbon"
    assert found.unknown_place is None


def test_an_acronym_in_capitals_is_no_laughter(index: ZoneIndex) -> None:
    assert match_question(index, "泸州高新区2022年AAA营收多少").kind != "entry"


@pytest.mark.parametrize(
    ("question", "zone", "entry"),
    [
        ("Lu Chou high tech zone, how many companies they have?", "luzhou", "companies"),
        ("Luchzhou high-tech zone, how many industrial talents?", "luzhou", "companies"),
        ("Tsinghai zero carbon park, the three industrial clusters?", "qinghai", "clusters"),
        ("Tsingtao hi-tech zone biomedicine revenue 2022", "qingdao", "revenue"),
    ],
)
def test_a_city_in_an_older_or_foreign_romanisation_names_its_zone(
    index: ZoneIndex, question: str, zone: str, entry: str
) -> None:
    zone_id, entry_id = _answered(index, question)
    assert zone in (zone_id or "")
    assert entry in (entry_id or "")


def test_a_slip_near_two_spellings_of_one_zones_city_still_names_it(index: ZoneIndex) -> None:
    # tajyuan is one letter from taiyuan and from tayyuan (the Russian spelling)
    assert _answered(index, "Tajyuan zone, relocation subsidy how much?")[0] == "taiyuan-zhongbei"


def test_a_city_spelt_in_another_romanisation_is_read_misspelt_only_when_long(
    index: ZoneIndex,
) -> None:
    assert match_question(index, "Tsingdao hi tech zone rehab university land").zone_id == (
        "qingdao-hitech"
    )  # tsingtao, one letter off
    banyan = match_question(index, "Banyan tree, Qingdao hi-tech zone industry focus?")
    assert banyan.zone_id == "qingdao-hitech"  # not anyan (Anyang in Russian), one letter off


def test_the_askers_story_runs_on_to_the_end_of_its_sentence(index: ZoneIndex) -> None:
    question = (
        "We are into IVD only, reagents and analysers, 18 years in Kolkata. Lifei medical "
        "device innovation park in Qingdao hi-tech zone, what is their core industry?"
    )
    assert _answered(index, question) == ("qingdao-hitech", "lifei-innovation-park")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "We are a steel maker from Pune, relocation subsidy, how much at most in Taiyuan "
            "Zhongbei?",
            "relocation-subsidy",
        ),
        ("我们是做白酒包装的，人才政策，泸州高新区具体有哪些？", "talent-policies"),
    ],
)
def test_the_askers_story_does_not_run_on_into_the_question_sentence(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        (
            "俺是开封嘞 开个小灯具厂 俺表哥在安阳上班 说安阳那个光电园开工了 "
            "俺想问问这是河南啥活动嘞重点工程",
            "key-project",
        ),
        (
            "我是格尔木搞锂盐运输的 听海东亲戚说那边的零碳园要搞锂 "
            "想问一下青海零碳园主导产业里头有绿锂没有",
            "leading-industries",
        ),
    ],
)
def test_the_question_starts_where_the_asker_says_it_does_after_a_town_we_lack(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_another_zone_in_a_city_of_ours_is_still_another_zone(index: ZoneIndex) -> None:
    assert match_question(index, "青岛西海岸新区对生物医药企业有啥补贴").kind == "unknown_place"


def test_a_clause_naming_the_zone_after_the_askers_story_is_kept(index: ZoneIndex) -> None:
    question = "我们是做钢材的，太原中北高新区的搬迁补贴，最高多少"
    assert _answered(index, question) == ("taiyuan-zhongbei", "relocation-subsidy")


@pytest.mark.parametrize(
    "question",
    ["Servus, which incentives do you have for R&D centres?", "Moin, which industries you focus?"],
)
def test_a_greeting_of_another_language_before_a_zoneless_question_asks_which_zone(
    index: ZoneIndex, question: str
) -> None:
    assert match_question(index, question).kind == "clarify"


def test_rehab_is_rehabilitation(index: ZoneIndex) -> None:
    reply = answer_question(index, "which zones talk about rehab specifically, for my nephew")
    assert reply.status == "answer"
    assert "qingdao" in (reply.zone_id or "")


def test_students_taken_in_are_an_enrolment_no_entry_gives(index: ZoneIndex) -> None:
    question = (
        "how many students is the qingdao rehabilitation university gonna take the first year"
    )
    assert answer_question(index, question).status != "answer"


def test_a_wechat_id_asked_is_a_contact_the_sources_leave_out(index: ZoneIndex) -> None:
    question = "Can you give me the WeChat ID of Mr Meng Tao in Taiyuan zone?"
    assert answer_question(index, question).status != "answer"


def test_last_year_is_no_word_an_entry_must_write(index: ZoneIndex) -> None:
    words = [w.text for w in index.lexicon.words("biomedical revenue last year", english=True)]
    assert "last" not in words
    assert "year" not in words


def test_a_long_question_naming_its_zone_at_the_end_is_read_to_the_end(index: ZoneIndex) -> None:
    question = (
        "We are family company, 120 people, own R&D department with 6 engineers, we make parts "
        "from special steel and titanium for mining machines and also for Bulgarian defence "
        "industry. We think about open production in China near the raw material. In Taiyuan "
        "Zhongbei zone what is reward for enterprise technology center with R&D expenses, what "
        "percent and maximum?"
    )
    assert _answered(index, question) == ("taiyuan-zhongbei", "rd-reward")


def test_the_last_sentence_asks_after_the_askers_story(index: ZoneIndex) -> None:
    question = "瀘州乃酒城，老朽年輕時常飲瀘州老窖。敢問瀘州高新區去年營業收入幾何？"
    assert _answered(index, question) == ("luzhou-hitech", "revenue-2022")


def test_a_last_sentence_pointing_back_at_another_park_is_not_read_alone(index: ZoneIndex) -> None:
    question = (
        "泸州除了高新区，还有个泸州酒业集中发展区，我以前的老厂子就在那边。"
        "那个园区现在招商有什么政策？"
    )
    assert answer_question(index, question).status != "answer"


def test_a_dot_inside_a_ratio_or_a_title_ends_no_sentence(index: ZoneIndex) -> None:
    question = (
        "Could you kindly provide the email address of Mr. Meng Tao at Taiyuan Zhongbei "
        "High-tech Zone?"
    )
    assert answer_question(index, question).status != "answer"


def test_a_figure_of_the_park_asked_for_by_which_is_that_parks(index: ZoneIndex) -> None:
    question = (
        "Which park inside Qingdao hi-tech zone is for in-vitro diagnostic (IVD) manufacturing, "
        "and how many companies are already there?"
    )
    assert _answered(index, question) == ("qingdao-hitech", "lifei-innovation-park")


@pytest.mark.parametrize(
    "question",
    [
        "俺侄子說青海那個零碳產業園也搞畜牧 是真的不 那塊叫啥產業",
        "I saw in a video of CGTN that is the first zero carbon park in Tibet plateau. Is true?",
    ],
)
def test_checking_whether_a_claim_is_true_asks_the_claim(index: ZoneIndex, question: str) -> None:
    assert _answered(index, question)[0] == "qinghai-zero-carbon"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("太原中北高新区的研发奖励，请问最高多少", "rd-reward"),
        ("关于泸州高新区人才政策，想咨询一下具体有哪些", "talent-policies"),
        ("安阳光电园的厂房，想问一下有几栋", "construction-content"),
        ("阿斯利康新生产线产能多少", "astrazeneca-aerosol-base"),
        ("How many floors will the Anyang building go up?", "construction-content"),
    ],
)
def test_a_topic_named_before_the_asking_words_is_kept(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


@pytest.mark.parametrize(
    "question",
    [
        "河南郑州光电产业园开工了吗",
        "How many companies are in Qingdao high-tech zone, and which company is the biggest?",
        "泸州高新区是不是真正的高新区",
    ],
)
def test_another_place_park_a_which_apart_and_a_real_zone_asked_are_not_answered(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


def test_a_slip_one_letter_from_two_spellings_of_one_province_names_its_zone(
    index: ZoneIndex,
) -> None:
    # shantong: one letter from shandong (pinyin) and shantung (Wade-Giles)
    reply = answer_question(index, "Shantong Qingdao hi-tech zone biomedicine revenue")
    assert reply.zone_id == "qingdao-hitech"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Which construction company is building the Anyang park in Henan province?", "builder"),
        (
            "how many key enterprises are already located in Luzhou hi-tech zone now?",
            "companies-and-talent",
        ),
        ("Is Luzhou hi-tech zone located in Sichuan?", "location"),  # asked alone: where
    ],
)
def test_where_a_thing_is_said_in_passing_does_not_stop_the_answer(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _answered(index, question)[1] == entry


def test_an_acronym_in_capitals_is_known_only_when_the_base_writes_it_so(
    index: ZoneIndex,
) -> None:
    # the base writes "led by" but never LED: lighting firms are not what it holds
    assert answer_question(index, "青岛高新区对LED照明企业有冇专门嘅扶持政策？").status != "answer"
    assert "IVD" in index.acronyms
    assert "LED" not in index.acronyms
    assert _answered(index, "青岛高新区IVD企业有哪些")[0] == "qingdao-hitech"


@pytest.mark.parametrize(
    "question",
    [
        "What was the growth of the revenue of Luzhou high tech zone in 2022 compared to 2021?",
        "泸州高新区2022年营收比2021年增长多少",
    ],
)
def test_the_year_a_growth_is_measured_against_is_not_a_year_asked(
    index: ZoneIndex, question: str
) -> None:
    assert _answered(index, question)[1] == "revenue-2022"


def test_a_year_asked_alone_that_the_source_lacks_is_still_not_given(index: ZoneIndex) -> None:
    assert answer_question(index, "泸州高新区2021年营收多少").status != "answer"


def test_two_parts_one_lacking_its_figure_are_not_answered_as_if_both_were(
    index: ZoneIndex,
) -> None:
    # read whole, the question finds no entry: what is not given comes first, both are shown
    reply = answer_question(
        index,
        "what amount is the one-off settling reward of Taiyuan Zhongbei High-tech Zone? "
        "And what about its relocation subsidy?",
    )
    assert reply.status != "answer"
    assert [b.entry_id for b in reply.blocks] == ["settling-reward", "relocation-subsidy"]
    assert "do not give the amount" in reply.intro


def test_a_place_the_asker_tells_of_being_in_is_not_a_zone_asked_about(index: ZoneIndex) -> None:
    question = "青岛那个生物医药及医疗器械产业园是什么时候揭牌的啊？我在厦门投洽会上拿到的资料没写"
    assert answer_question(index, question).entry_id == "biomed-industrial-park"
    # wanting to know of it is asking about it
    asked = answer_question(index, "我想了解西宁经开区的情况，和青海零碳产业园比")
    assert asked.status != "answer"


def test_a_place_the_asker_was_in_compared_with_ours_is_still_asked_about(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "我在西安高新区工作过，泸州高新区企业多少，跟它比哪个多")
    assert reply.status != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Lučou high tech zone, revenue 2022?", "revenue-2022"),
        ("Lujou high tech zone, how many key enterprises?", "companies-and-talent"),
    ],
)
def test_a_city_spelt_by_ear_in_the_askers_own_letters_finds_its_zone(
    index: ZoneIndex, question: str, entry: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.entry_id) == ("answer", entry)


def test_a_note_on_the_place_in_brackets_does_not_stop_the_answer(index: ZoneIndex) -> None:
    question = (
        "Luzhou high-tech zone in Sichuan (the baijiu city) - what was the operating revenue "
        "of the zone in 2022?"
    )
    reply = answer_question(index, question)
    assert (reply.status, reply.entry_id) == ("answer", "revenue-2022")


def test_a_firm_named_in_english_where_the_asker_sets_the_scene_is_still_asked_about(
    index: ZoneIndex,
) -> None:
    question = (
        "Hola! I saw a video of a company in Quingdao high tech zone called Zepu (Zepu "
        "Medical?). What do they make exactly? We are a rehab clinic."
    )
    assert answer_question(index, question).entry_id == "zepu-medical"


def test_after_it_is_built_said_with_zhihou_asks_nothing_more(index: ZoneIndex) -> None:
    """建好之后 as 建好后: when, not what."""
    assert _answered(index, "安阳光电园建好之后搞什么产业？") == (
        "anyang-optoelectronics",
        "target-industries",
    )


def test_a_chinese_question_ending_in_pinyin_reads_the_pinyin_as_the_words_it_spells(
    index: ZoneIndex,
) -> None:
    assert _answered(index, "泸州高薪区2022年yingye shouru duoshao") == (
        "luzhou-hitech",
        "revenue-2022",
    )


@pytest.mark.parametrize(
    ("question", "found"),
    [
        (
            "青岛立菲医疗器械创新园 里向已经进去多少家企业了",
            ("qingdao-hitech", "lifei-innovation-park"),
        ),
        ("泸州gxq 咋把学校跟厂子整一块的", ("luzhou-hitech", "industry-education-integration")),
    ],
)
def test_already_inside_and_a_kind_of_zone_in_pinyin_initials_ask_nothing_more(
    index: ZoneIndex, question: str, found: tuple[str, str]
) -> None:
    """已经 and 里向 say when and where a count stands; gxq is 高新区 typed by its initials."""
    assert _answered(index, question) == found


def test_where_a_firm_named_in_english_is_asked_finds_the_entry_naming_it(
    index: ZoneIndex,
) -> None:
    question = (
        "salam. my agent told astra zenica is opening some big office in quingdao hi tech "
        "zone, where exactly?? which building"
    )
    assert _answered(index, question) == ("qingdao-hitech", "astrazeneca-regional-hq")


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("Chzhunbei high-tech zone golden ten", ("taiyuan-zhongbei", "golden-ten-policy")),
        (
            "Party secretary of Taiyuan Djong Bei high tech zone?",
            ("taiyuan-zhongbei", "officials"),
        ),
        ("Lujo hi tech zone revenue 2022?", ("luzhou-hitech", "revenue-2022")),
        (
            "How many industrial talents work in Lusou high-tech zone?",
            ("luzhou-hitech", "companies-and-talent"),
        ),
    ],
)
def test_a_zones_own_short_name_or_city_spelt_by_ear_finds_it(
    index: ZoneIndex, question: str, found: tuple[str, str]
) -> None:
    assert _answered(index, question) == found


def test_a_lower_case_pinyin_word_of_the_base_is_no_unknown_city(index: ZoneIndex) -> None:
    # shiyanshi spells 十堰市 too; in a Chinese question it is 实验室, the firm's lab
    assert _answered(index, "青岛宝泰 shiyanshi li de tiaoshi gongchengshi jiao sha") == (
        "qingdao-hitech",
        "baotai",
    )


@pytest.mark.parametrize(
    ("question", "found"),
    [
        (
            "安扬光电产业园 jian jidong changfang, sa jiegou de",
            ("anyang-optoelectronics", "construction-content"),
        ),
        (
            "taiyuan中北高新区 guojia jishu chuangxin shifan jiangli duoshao qian",
            ("taiyuan-zhongbei", "national-demonstration-rewards"),
        ),
    ],
)
def test_pinyin_inside_a_chinese_question_is_read_word_by_word(
    index: ZoneIndex, question: str, found: tuple[str, str]
) -> None:
    assert _answered(index, question) == found


def test_a_figure_asked_in_pinyin_inside_chinese_is_said_to_be_missing(index: ZoneIndex) -> None:
    reply = answer_question(index, "阿斯里康 qingdao gaoxinqu shengchan jidi yao zhao duoshao ren")
    assert reply.status != "answer"
    assert reply.entry_id == "astrazeneca-aerosol-base"  # what the source does say


def test_a_reply_in_traditional_characters_writes_the_forms_its_readers_use(
    index: ZoneIndex,
) -> None:
    reply = render_answer_text(answer_question(index, "青島立菲醫療器械創新園提供哪些服務？"))
    assert "臨床註冊" in reply  # 床 and 為, not OpenCC's historical 牀 and 爲
    assert "爲" not in reply


def test_what_the_story_before_the_question_tells_is_not_asked(index: ZoneIndex) -> None:
    question = (
        "Jean-Pierre want to rent a corner for a small assembly line. What buildings they"
        " putting up in the Annyang photo-electric smart manufacturing park - how many floors"
        " the main building have, and what kind of factory sheds?"
    )  # the rent is his plan, not asked
    assert _answered(index, question) == ("anyang-optoelectronics", "construction-content")


@pytest.mark.parametrize(
    "question",
    [
        "Taiyuan Zhongbei zone give one-time award for new registered independent legal entity."
        " Exactly how much yuan is this award?",  # points back at the story's award
        "Taiyuan Zhongbei zone give one-time reward to new independent legal entity dat settle"
        " deh. How much money exactly?",  # the question names nothing of its own
        "Berapa harga rehab robot of Zepu medical Qingdao? Price in USD please.",  # asked after
        "太原中北的新落户一次性奖励给多少钱。再问一下下一步规划啥情况？",  # asked without a ?
    ],
)
def test_a_figure_the_story_around_the_question_asks_is_still_said_to_be_missing(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


def test_a_missing_detail_the_reply_cannot_name_is_still_said_in_words(index: ZoneIndex) -> None:
    text = render_answer_text(
        answer_question(index, "qinghai park guyee substation in service since? exact date")
    )
    assert "do not give ." not in text
    assert text.startswith("My sources do not give what you asked.")


def test_a_firms_name_read_from_pinyin_keeps_what_is_asked_of_it(index: ZoneIndex) -> None:
    reply = answer_question(index, "qingdao gaoxinqu kangfu daxue zong touzi duoshao qian")
    assert reply.status != "answer"  # the university's investment is not in the source
    assert reply.entry_id == "rehabilitation-university"


def test_a_question_after_the_question_that_only_narrows_it_asks_nothing_new(
    index: ZoneIndex,
) -> None:
    question = (
        "Here in Pointe-Noire the electricity cuts every day. In the Qinghai zero carbon park,"
        " how much of the electricity supply is green? All of it or only a part?"
    )
    assert _answered(index, question) == ("qinghai-zero-carbon", "green-power-supply")


def test_a_zone_named_by_its_city_and_its_short_name_is_asked_beside_a_story_of_other_cities(
    index: ZoneIndex,
) -> None:
    question = (
        "Sorry for simple question, my geography of China is weak, in school we learned only"
        " Beijing and Shanghai. Tayyuan city where Chzhunbey zone is - in which province it is?"
    )
    assert _answered(index, question) == ("taiyuan-zhongbei", "location")


def test_firms_names_asked_in_pinyin_that_the_source_leaves_out_are_said_to_be_missing(
    index: ZoneIndex,
) -> None:
    reply = answer_question(
        index, "taiyuan zhongbei na liang jia zhengzai xuanzhi de qiye jiao sha mingzi"
    )
    assert reply.status != "answer"
    assert reply.entry_id == "companies-settling"
