from pathlib import Path

import pytest

from bot.answer.build import answer_question
from bot.search.index import ZoneIndex
from bot.search.matcher import match_question
from bot.search.ranking import without_frame
from bot.search.textnorm import to_traditional

ROOT = Path(__file__).resolve().parents[1]


def _answered(index: ZoneIndex, question: str) -> tuple[str, str | None, str | None]:
    answer = answer_question(index, question)
    return answer.status, answer.zone_id, answer.entry_id


def test_traditional_characters_find_the_same_answer(index: ZoneIndex) -> None:
    simplified = answer_question(index, "泸州高新区2022年营业收入多少")
    traditional = answer_question(index, to_traditional("泸州高新区2022年营业收入多少"))
    assert (traditional.zone_id, traditional.entry_id) == (simplified.zone_id, simplified.entry_id)
    assert traditional.traditional


def test_a_follow_up_without_a_zone_uses_the_previous_zone(index: ZoneIndex) -> None:
    answer = answer_question(index, "那研发奖励呢？", context_zone="taiyuan-zhongbei")
    assert answer.status == "answer"
    assert answer.zone_id == "taiyuan-zhongbei"
    english = answer_question(index, "and R&D?", context_zone="taiyuan-zhongbei")
    assert (english.zone_id, english.entry_id) == (answer.zone_id, answer.entry_id)
    assert english.lang == "en"


def test_a_named_zone_wins_over_the_previous_zone(index: ZoneIndex) -> None:
    answer = answer_question(index, "泸州高新区营业收入", context_zone="taiyuan-zhongbei")
    assert answer.zone_id == "luzhou-hitech"


def test_a_known_zone_with_an_unknown_topic_says_what_it_holds(index: ZoneIndex) -> None:
    answer = answer_question(index, "青岛高新区的企业所得税税率？")
    assert answer.status == "no_match"
    assert answer.zone_id == "qingdao-hitech"
    assert answer.suggestions
    assert all(s.zone_id == "qingdao-hitech" and s.entry_id for s in answer.suggestions)


def test_an_unknown_zone_never_gets_another_zones_answer(index: ZoneIndex) -> None:
    for question in ("深圳前海的优惠政策", "Suzhou Industrial Park land price"):
        answer = answer_question(index, question)
        assert answer.status == "no_match"
        assert answer.entry_id is None


def test_a_figure_asked_without_a_zone_offers_the_candidates(index: ZoneIndex) -> None:
    answer = answer_question(index, "园区规划面积多大？")
    assert answer.status in ("clarify", "answer")
    if answer.status == "clarify":
        assert len({s.zone_id for s in answer.suggestions}) >= 2


def test_greetings_get_the_help_text(index: ZoneIndex) -> None:
    for greeting in ("你好", "hello???", "", "   ", "🙂"):
        answer = answer_question(index, greeting)
        assert answer.status == "no_match"
        assert answer.intro


@pytest.mark.parametrize("question", ["你是谁", "你能做什么", "who are you", "What can you do?"])
def test_questions_about_the_bot_itself_get_the_help_text(index: ZoneIndex, question: str) -> None:
    assert match_question(index, question).kind == "smalltalk"


def test_english_questions_are_answered_in_english(index: ZoneIndex) -> None:
    answer = answer_question(index, "Luzhou High-tech Zone revenue 2022")
    assert answer.lang == "en"
    assert "RMB 125 billion" in answer.blocks[0].text


@pytest.mark.parametrize(
    "question", ["有哪些园区？", "列出所有园区", "你知道哪些园区", "你们有哪些园区的资料"]
)
def test_which_zones_lists_every_zone(index: ZoneIndex, question: str) -> None:
    answer = answer_question(index, question)
    assert answer.status == "answer"
    assert all(index.kb.zones[z].name.zh in answer.intro for z in index.kb.zones)


def test_a_cross_zone_topic_keeps_the_characters_of_its_words(index: ZoneIndex) -> None:
    answer = answer_question(index, "哪些园区有新能源产业")
    assert answer.status == "answer"
    assert "新能源产业" in answer.intro
    assert {"qinghai-zero-carbon", "anyang-optoelectronics"} <= {b.zone_id for b in answer.blocks}


def test_which_zones_offer_a_topic_answers_from_each_zone(index: ZoneIndex) -> None:
    answer = answer_question(index, "哪些园区有搬迁补贴？")
    assert answer.status == "answer"
    assert "taiyuan-zhongbei" in {b.zone_id for b in answer.blocks}


def test_scores_stay_between_0_and_100(index: ZoneIndex) -> None:
    for question in ("泸州高新区营业收入", "随便问问", "qingdao", "园区面积"):
        assert 0 <= match_question(index, question).score <= 100


@pytest.mark.parametrize(
    ("question", "zone_id", "entry_id"),
    [
        ("Taiyuan Zhongbei relocation subsidy", "taiyuan-zhongbei", "relocation-subsidy"),
        ("Qingdao biomedicine park area", "qingdao-hitech", "biomed-industrial-park"),
    ],
)
def test_english_questions_naming_a_zone_in_pinyin_stay_english(
    index: ZoneIndex, question: str, zone_id: str, entry_id: str
) -> None:
    answer = answer_question(index, question)
    assert (answer.status, answer.lang, answer.zone_id, answer.entry_id) == (
        "answer",
        "en",
        zone_id,
        entry_id,
    )


def test_ordinary_english_words_are_not_taken_for_an_unknown_zone(index: ZoneIndex) -> None:
    answer = answer_question(index, "What is the craftsman city of western China?")
    assert answer.status == "answer"


@pytest.mark.parametrize(
    "question",
    [
        "Detroit relocation subsidy",
        "Does Austin offer R&D subsidies?",
        "Munich high-tech zone revenue",
        "Harbin new district subsidy",
        "Shanghai Free Trade Zone",
    ],
)
def test_a_place_we_do_not_know_never_gets_one_of_our_zones_answers(
    index: ZoneIndex, question: str
) -> None:
    answer = answer_question(index, question)
    assert answer.status == "no_match"
    assert answer.zone_id is None


@pytest.mark.parametrize(
    ("question", "zone_id", "entry_id"),
    [
        ("What is the Golden Ten?", "taiyuan-zhongbei", "golden-ten-policy"),
        ("Describe the Golden Ten policy", "taiyuan-zhongbei", "golden-ten-policy"),
        ("Okay, what is the Golden Ten?", "taiyuan-zhongbei", "golden-ten-policy"),
        ("What Is The Golden Ten Policy", "taiyuan-zhongbei", "golden-ten-policy"),
        (
            "What does the Wine City Talent Gathering Action do?",
            "luzhou-hitech",
            "talent-strategy",
        ),
        (
            "What does China Railway Shanghai Engineering Bureau do there?",
            "anyang-optoelectronics",
            "builder",
        ),
    ],
)
def test_capitalised_names_the_knowledge_base_holds_are_still_answered(
    index: ZoneIndex, question: str, zone_id: str, entry_id: str
) -> None:
    assert _answered(index, question) == ("answer", zone_id, entry_id)


@pytest.mark.parametrize(
    ("question", "zone_id", "entry_id"),
    [
        ("What is the floor area of the Anyang park?", "anyang-optoelectronics", "floor-area"),
        ("说说安阳光电产业园的建筑面积", "anyang-optoelectronics", "floor-area"),
        ("介绍一下青海零碳产业园的数据中心", "qinghai-zero-carbon", "data-centre"),
        ("青岛高新区有什么配套资金", "qingdao-hitech", "biomed-matching-funds"),
        ("安阳光电智能制造产业园谁建的", "anyang-optoelectronics", "builder"),
        ("安阳光电产业园主要发展哪些产业", "anyang-optoelectronics", "target-industries"),
        ("泸州高新区主要产业", "luzhou-hitech", "industries"),
    ],
)
def test_a_zone_overview_does_not_win_a_question_about_one_of_its_facts(
    index: ZoneIndex, question: str, zone_id: str, entry_id: str
) -> None:
    assert _answered(index, question) == ("answer", zone_id, entry_id)


@pytest.mark.parametrize("question", ["讲讲泸州高新区", "Tell me about Luzhou High-tech Zone"])
def test_asking_about_a_zone_itself_gets_its_overview(index: ZoneIndex, question: str) -> None:
    assert _answered(index, question) == ("answer", "luzhou-hitech", "overview")


def test_a_content_word_the_entry_lacks_stops_the_answer(index: ZoneIndex) -> None:
    answer = answer_question(index, "中北高新区对人才有补贴吗")
    assert answer.status == "no_match"
    assert answer.zone_id == "taiyuan-zhongbei"
    assert answer.suggestions  # what the zone holds instead


def test_what_is_asked_about_a_named_firm_must_be_in_its_entry(index: ZoneIndex) -> None:
    for question in ("阿斯利康青岛区域总部有多少员工", "阿斯利康的房价怎么样"):
        assert answer_question(index, question).status != "answer", question


def test_greetings_particles_and_measure_words_never_count_against_a_question(
    index: ZoneIndex,
) -> None:
    plain = _answered(index, "泸州高新区有多少企业")
    for question in (
        "您好，请问泸州高新区有多少家企业",
        "泸州高新区有几家企业呀",
        "泸州高新区企业有多少个",
    ):
        assert _answered(index, question) == plain, question


def test_another_kind_of_zone_in_a_known_zones_province_is_unknown(index: ZoneIndex) -> None:
    for question in ("山西自贸区的搬迁补贴多少钱", "青岛西海岸新区有什么优惠政策"):
        answer = answer_question(index, question)
        assert answer.status == "no_match", question
        assert answer.entry_id is None


def test_a_zoneless_question_several_zones_answer_gets_a_clarification(index: ZoneIndex) -> None:
    answer = answer_question(index, "园区规划面积多大？")
    assert answer.status == "clarify"
    assert len({s.zone_id for s in answer.suggestions}) >= 2


def test_cross_zone_questions_list_zones_and_keep_the_topic_as_written(index: ZoneIndex) -> None:
    listing = answer_question(index, "你们都能查哪些园区的信息")
    assert listing.status == "answer"
    assert len(index.kb.zones) == sum(
        (z.name.zh or "-") in listing.intro for z in index.kb.zones.values()
    )
    figures = answer_question(index, "哪些园区公布了2022年的营收数据")
    assert {b.zone_id for b in figures.blocks} >= {"luzhou-hitech"}
    industry = answer_question(index, "有医疗相关产业的园区有哪些")
    assert "qingdao-hitech" in {b.zone_id for b in industry.blocks}
    english = answer_question(index, "Which zones give rewards for R&D?")
    assert "R&D" in english.intro


def test_a_long_question_is_answered_from_the_clause_naming_the_zone(index: ZoneIndex) -> None:
    question = "我们是一家做新能源的企业，最近在看几个地方，泸州高新区的技能培训是啥情况？还望告知"
    assert _answered(index, question) == ("answer", "luzhou-hitech", "skills-training-2022")
    english = (
        "Hello, we are looking at the Luzhou High-tech Zone. What are its industries, thanks?"
    )
    assert _answered(index, english) == ("answer", "luzhou-hitech", "industries")


def test_a_long_question_whose_zone_clause_asks_an_unknown_topic_is_not_answered(
    index: ZoneIndex,
) -> None:
    answer = answer_question(index, "我们打算投资建厂，泸州高新区的电价是多少？麻烦说说")
    assert answer.status != "answer"


def test_a_misspelt_topic_word_is_read_as_the_word_it_misses(index: ZoneIndex) -> None:
    assert _answered(index, "泸州高新区的技培能训怎么样") == (
        "answer", "luzhou-hitech", "skills-training-2022",
    )  # fmt: skip


def test_the_misspelt_rest_of_a_zone_name_is_not_read_as_a_topic(index: ZoneIndex) -> None:
    for question in ("青岛新高区的康复大学是什么", "青岛高心区康复大学什么情况"):
        assert _answered(index, question) == (
            "answer", "qingdao-hitech", "rehabilitation-university",
        )  # fmt: skip


def test_the_entry_labelled_with_the_asked_word_beats_one_that_mentions_it(
    index: ZoneIndex,
) -> None:
    assert _answered(index, "安阳光电的占地面积多大面积") == (
        "answer", "anyang-optoelectronics", "site-area",
    )  # fmt: skip


def test_two_topics_asked_together_get_an_entry_each(index: ZoneIndex) -> None:
    answer = answer_question(index, "泸州高新区企业数量和营收分别是多少")
    assert answer.status == "answer"
    assert {b.entry_id for b in answer.blocks} == {"companies-and-talent", "revenue-2022"}


@pytest.mark.parametrize(
    "question",
    ["安阳光电产业园综合楼规划建几层", "安阳光电园的水泵房计划的动作主要靠什么"],
)
def test_the_askers_frame_words_do_not_stop_the_entry_holding_the_rest(
    index: ZoneIndex, question: str
) -> None:
    """规划 / 计划 / 动作 frame the question; the building asked about is what must be held."""
    expected = ("answer", "anyang-optoelectronics", "construction-content")
    assert _answered(index, question) == expected


@pytest.mark.parametrize(
    "question", ["安阳光电园除了人才公寓还规划了哪些配套", "安阳光电园的污水处理厂规划几座"]
)
def test_frame_words_around_a_thing_the_zone_lacks_still_get_no_answer(
    index: ZoneIndex, question: str
) -> None:
    """Loosening the frame must not answer a detail no entry of the zone holds."""
    assert _answered(index, question)[0] != "answer"


def test_a_refused_question_is_weighed_again_without_the_askers_frame_words(
    index: ZoneIndex,
) -> None:
    """布局 / 方案 lower every entry's coverage: without them the building entry leads far."""
    expected = ("answer", "anyang-optoelectronics", "construction-content")
    assert _answered(index, "安阳光电园的生产厂房布局方案是怎样的") == expected


def test_a_frame_word_inside_a_longer_word_of_the_base_is_kept(index: ZoneIndex) -> None:
    """建设 is a frame word, but 建设内容 is an entry's title: it is what is asked."""
    assert without_frame(index, " 建设内容是什么") == " 建设内容是什么"
    assert without_frame(index, " 厂房布局方案").split() == ["厂房"]


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("The new biomedicine and medical devices industrial park of Qingdao in the high-tech "
         "zone, how big is it in mu?", "biomed-industrial-park"),
        ("Which area Qinghai used as pilot zone for building zero carbon park? In video they "
         "said some economic zone in Haidong city", "pilot-area"),
    ],
)  # fmt: skip
def test_a_kind_of_zone_described_in_lower_case_before_our_city_names_no_other_zone(
    index: ZoneIndex, question: str, entry: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.entry_id) == ("answer", entry)


@pytest.mark.parametrize(
    "question",
    [
        "Is Xining economic and technological development zone also zero carbon park? How big?",
        "宁夏宁东那个零碳园区规模多大？",
        "青岛西海岸新区的医疗器械园区补贴好多？跟青岛高新区一样啵？",
        "What incentives does the Sino-German Ecopark in Qingdao offer?",
    ],
)
def test_another_places_zone_named_beside_ours_is_not_answered_with_ours(
    index: ZoneIndex, question: str
) -> None:
    reply = answer_question(index, question)
    assert reply.status != "answer"
    assert reply.entry_id is None


def test_a_zone_named_in_english_by_a_name_the_base_does_not_write_is_another_zone(
    index: ZoneIndex,
) -> None:
    question = "What industries does the Qaidam Circular Economy Zone in Qinghai focus on?"
    assert answer_question(index, question).status != "answer"
    own = answer_question(index, "What does the Pingbei Economic Zone do for the Qinghai park?")
    assert (own.status, own.entry_id) == ("answer", "pilot-area")


def test_a_question_before_a_claim_checked_with_a_tag_is_the_one_asked(index: ZoneIndex) -> None:
    question = (
        "Where exactly in Qinghai is the zero carbon park? My cousin said it is near Xining but "
        "he is not sure, is it?"
    )
    reply = answer_question(index, question)
    assert reply.status == "answer"
    assert reply.zone_id == "qinghai-zero-carbon"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("taiyuan zhongbei gaoxinqu zhuyao zhao shenme qiye", "companies-settling"),
        ("luzhou gaoxinqu yao bang luzhou jianshe shenme cheng", "talent-strategy"),
    ],
)
def test_everyday_verbs_typed_in_pinyin_are_read_back(
    index: ZoneIndex, question: str, entry: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.entry_id) == ("answer", entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("海冬市河黄新区平北经济区跟青海零碳产业园是啥关系？", "pilot-area"),
        ("青岛产业园在生物医药领域重点搞哪类药", "biomed-park-focus"),
        ("How many training sessions Luzhou high-tech zone organised in 2022?",
         "skills-training-2022"),
    ],
)  # fmt: skip
def test_a_zones_own_place_typed_by_sound_or_its_park_by_city_and_kind_is_ours(
    index: ZoneIndex, question: str, entry: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.entry_id) == ("answer", entry)


def test_a_zone_phrase_sounding_like_nothing_of_ours_is_still_another_zone(
    index: ZoneIndex,
) -> None:
    assert answer_question(index, "太原高新区有什么政策").status != "answer"
    assert answer_question(index, "青岛西海岸新区有什么政策").status != "answer"


@pytest.mark.parametrize(
    "question",
    [
        "qinghai lingtan chanyeyuan gongdian fuwu zhongxin ren jianmin de dianhua duoshao",
        "qinghai lingtan yuanqu dashuju zhongxin shenme shihou zhengshi kaishi yunying de",
    ],
)
def test_a_figure_asked_in_pinyin_that_the_entry_lacks_is_not_given(
    index: ZoneIndex, question: str
) -> None:
    reply = answer_question(index, question)
    assert reply.status != "answer"
    assert reply.entry_id is not None  # what the sources do say is shown


def test_a_figure_asked_in_pinyin_that_the_entry_gives_is_answered(index: ZoneIndex) -> None:
    question = "qinghai lingtan dashuju zhongxin you duoshao jia biaozhun jigui"
    reply = answer_question(index, question)
    assert (reply.status, reply.entry_id) == ("answer", "data-centre")


@pytest.mark.parametrize("question", ["西宁那边的零碳产业园有多大", "西宁旁边那个零碳园区多大"])
def test_a_place_near_our_zone_before_its_short_name_leaves_it_ours(
    index: ZoneIndex, question: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.entry_id) == ("answer", "planned-area")


def test_the_name_of_one_company_asked_outright_is_not_given_by_an_entry_naming_none(
    index: ZoneIndex,
) -> None:
    question = "What's the name of the company that set up in Taiyuan Zhongbei zone in 3 months?"
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("astra zeneca new production base chingdao hi tek, which medicine?",
         "astrazeneca-aerosol-base"),
        ("anyan optoelectronic park future industries list - medical inside?",
         "target-industries"),
        ("清島高新區的生醫產業2022年成長率是多少？", "biomed-revenue-2022"),
    ],
)  # fmt: skip
def test_tek_future_and_taiwanese_growth_words_leave_the_entry_asked(
    index: ZoneIndex, question: str, entry: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.entry_id) == ("answer", entry)
