"""What an entry's source leaves out is said as such, and only what is asked of it."""

from __future__ import annotations

import pytest

from bot.answer.build import answer_question
from bot.search.index import ZoneIndex


def _reply(index: ZoneIndex, question: str) -> tuple[str, str | None]:
    reply = answer_question(index, question)
    return reply.status, reply.entry_id


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("安阳光电智能制造产业园开工奠基仪式具体是哪一天举行的", "groundbreaking"),
        ("安阳光电那个奠基仪式具体是几号办的", "groundbreaking"),
        ("安阳光电智能制造产业园 竣工时间", "groundbreaking"),
        ("泽普医疗 年销售额 具体金额", "zepu-medical"),
        ("澤普醫療 去年銷售額 具體是好多錢", "zepu-medical"),
        ("How many kW per rack does the Qinghai DC support?", "data-centre"),
        ("青岛高新区康复大学建成后招多少学生", "rehabilitation-university"),
        ("Kindly share the number of vocational colleges located inside Luzhou high-tech zone.",
         "industry-education-integration"),
        ("anyang optoelectronic park, name of design institute", "builder"),
    ],
)  # fmt: skip
def test_a_detail_the_article_leaves_out_is_said_to_be_missing_beside_its_entry(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("no_match", entry)


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("安阳光电园什么时候开工的", "groundbreaking"),
        ("安阳光电产业园开工那条消息，记者是哪天获悉的？", "reporting"),
        ("泽普医疗落户青岛高新区后销售额增长了多少", "zepu-medical"),
        ("Which company builds the Anyang optoelectronics park, and did it work with the design "
         "institute?", "builder"),
        ("On what date did the reporter learn of the Luzhou High-tech Zone's talent initiatives?",
         "reporting"),
    ],
)  # fmt: skip
def test_what_an_entry_does_give_is_answered_though_it_leaves_something_else_out(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("answer", entry)


def test_of_entries_holding_the_words_the_one_giving_the_date_asked_answers(
    index: ZoneIndex,
) -> None:
    """建设何时: the builder's entry leaves out the owner, not a date; the groundbreaking's
    gives the date."""
    assert _reply(index, "安阳光电智能制造产业园的建设何时") == ("answer", "groundbreaking")


@pytest.mark.parametrize(
    "question",
    [
        "太原中北高新区今年一季度固定资产投资完成了多少",
        "青到高薪区 住房补贴 给多少",
        "泸州高新区高层次人才来了给好多安家费啰",
        "青岛宝太生物技术有限公司获得了多少项发明专利？",
        "What is the occupancy rate of the Lifei Medical Device Innovation Park?",
        "How many students will the Rehabilitation University in Qingdao enroll each year?",
        "Could you please confirm when the Digital Qinghai big data centre started operating?",
        "青海零碳产业园大数据中心的PUE是多少",
    ],
)
def test_a_topic_or_period_no_entry_gives_is_not_answered_with_a_neighbour(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


def test_when_setting_a_condition_is_no_date_asked_of_the_entry(index: ZoneIndex) -> None:
    question = "Taiyuan: a new company (independent legal entity) gets a premio when it arrives?"
    assert _reply(index, question) == ("answer", "settling-reward")


@pytest.mark.parametrize(
    "question",
    ["Qinghai zero-carbon park green H2 industry", "泸州高新区人才好多，有什么人才政策"],
)
def test_words_that_look_like_a_period_or_an_amount_asked_still_find_their_entry(
    index: ZoneIndex, question: str
) -> None:
    """H2 is hydrogen, not the second half; 好多 before a comma says "a lot of"."""
    assert answer_question(index, question).status == "answer"


def test_a_part_of_a_year_typed_against_chinese_is_still_a_part_of_a_year(
    index: ZoneIndex,
) -> None:
    assert answer_question(index, "泸州高新区2022年Q1营收多少").status != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("黄金十条剩下那七条都是啥 太原中北", "golden-ten-policy"),
        ("the golden ten in taiyuan has ten points, which are the other seven?",
         "golden-ten-policy"),
        ("Please send the full list of all ten points of Taiyuan Zhongbei's golden ten.",
         "golden-ten-policy"),
    ],
)  # fmt: skip
def test_the_rest_of_a_list_the_source_names_in_part_is_said_to_be_missing(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert _reply(index, question) == ("no_match", entry)


def test_what_a_list_the_source_names_in_part_holds_is_answered(index: ZoneIndex) -> None:
    assert _reply(index, "太原中北高新区黄金十条是啥，都有哪些方面的奖励") == (
        "answer",
        "golden-ten-policy",
    )


def test_which_one_asked_before_the_thing_left_out_is_asked_as_after_it(
    index: ZoneIndex,
) -> None:
    """哪家设计院 asks what the entry leaves out as 设计院是哪家."""
    assert _reply(index, "安阳光电园项目是哪家设计院设计的？") == ("no_match", "builder")


def test_a_clause_asking_what_the_entry_leaves_out_is_not_answered_by_the_topic_clause(
    index: ZoneIndex,
) -> None:
    """The clause naming the topic finds the entry; the clause after asks its amounts."""
    assert _reply(index, "泸州高新区人才引进的话，有莫得人才公寓？安家费给好多？") == (
        "no_match",
        "talent-policies",
    )


@pytest.mark.parametrize(
    "question",
    [
        "泸州高新区800多家重点企业里头有没有做白酒包装的？",
        "Of the 800 key companies in Luzhou high-tech zone, how many are foreign-owned?",
        "Luzhou high-tech zone, the 50,000 talents, how many are women?",
    ],
)
def test_which_members_of_a_group_an_entry_only_counts_are_of_a_kind_is_not_given(
    index: ZoneIndex, question: str
) -> None:
    reply = answer_question(index, question)
    assert reply.status != "answer"
    assert reply.entry_id == "companies-and-talent"  # what the sources do say is shown


def test_how_many_members_a_group_has_is_still_answered(index: ZoneIndex) -> None:
    assert answer_question(index, "泸州高新区重点企业有多少家").status == "answer"


def test_what_an_entry_leaves_out_stops_it_however_it_was_chosen(index: ZoneIndex) -> None:
    """The university's entry leaves out students: chosen as the one entry giving the figure
    asked (a date), it still says so instead of answering."""
    question = (
        "When will the Rehabilitation University in Qingdao hi-tech zone start accepting students?"
    )
    reply = answer_question(index, question)
    assert reply.status != "answer"
    assert reply.entry_id == "rehabilitation-university"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("青海零碳产业园三大产业集群，其中有哪些是制造业？", "industrial-clusters"),
        ("Luzhou zone's workers, how many are employed?", "companies-and-talent"),
    ],
)
def test_a_group_the_entry_names_or_a_count_asked_plainly_is_still_answered(
    index: ZoneIndex, question: str, entry: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.entry_id) == ("answer", entry)


def test_the_groups_own_noun_repeated_in_the_kind_asked_leaves_it_not_given(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "泸州高新区800多家重点企业里有哪些是白酒企业")
    assert reply.status != "answer"
