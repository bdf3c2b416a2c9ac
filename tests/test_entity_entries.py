"""A question naming a firm, project or sub-park: the entry about it, not one mentioning it."""

import pytest
from helpers.decisions import kind_and_entry

from bot.answer.build import answer_question
from bot.answer.render import render_answer_text
from bot.kb.knowledge import KnowledgeBase
from bot.quality.corpus import generate_corpus
from bot.search.index import ZoneIndex
from bot.search.textnorm import normalize_all


def test_the_parks_own_entry_answers_a_count_an_entry_mentioning_the_park_lacks(
    index: ZoneIndex,
) -> None:
    """The people entry names the park's head and scores higher; the park's gives 40 firms."""
    question = "How many companies have located in the Lifei Medical Device Innovation Park?"
    assert kind_and_entry(index, question) == ("entry", "lifei-innovation-park")


def test_which_power_firm_runs_the_substation_is_answered_with_the_firm(
    index: ZoneIndex,
) -> None:
    """The power company's entry is about 供电; the substation's own entry now names the firm
    that runs it too: either answers with the company."""
    reply = answer_question(index, "古驿变电站是哪家供电公司的")
    assert reply.status == "answer"
    assert reply.entry_id in ("power-supplier", "guyi-substation")
    assert "国网海东供电公司" in render_answer_text(reply)


def test_the_things_own_entry_does_not_take_a_question_its_labels_name_less(
    index: ZoneIndex,
) -> None:
    """Cutting costs is what the tenant's savings entry is about, though it names the park."""
    question = (
        "how much can a company cut costs by outsourcing work to Lifei innovation park in Qingdao"
    )
    assert kind_and_entry(index, question) == ("entry", "huiankang-cost-saving")


def test_english_names_of_a_zones_firms_are_found_as_whole_words(index: ZoneIndex) -> None:
    """A firm's English name is read in an English question, never inside another word."""
    text = normalize_all(["Who runs the Lifei Medical Device Innovation Park?"])[0]
    assert index.latin_entities_in(text, "qingdao-hitech") == [
        "lifei medical device innovation park"
    ]
    assert index.latin_entities_in("the lifeinvest fund", "qingdao-hitech") == []


def test_entity_detail_questions_name_the_thing_their_entrys_title_names(
    kb: KnowledgeBase,
) -> None:
    """Each question of the class names its entry's firm or project, in Chinese or English."""
    for half in ("fit", "held_out"):
        asked = [
            q for q in generate_corpus(kb, half=half, per_entry=3) if q.cls == "entity_detail"
        ]
        assert asked
        for q in asked:
            assert q.zone_id is not None
            assert q.entry_id is not None
            entry = kb.entry(q.zone_id, q.entry_id)
            assert entry is not None
            assert entry.title is not None
            zone = kb.zones[q.zone_id]
            names = [n for n in (*zone.entities.zh, *zone.entities.en) if len(n) >= 3]
            title = f"{entry.title.zh} {entry.title.en}".lower()
            assert any(n.lower() in title and n.lower() in q.text.lower() for n in names), q.text


def test_a_question_written_under_an_entry_stays_with_it_though_it_names_a_thing(
    index: ZoneIndex,
) -> None:
    """Written under the people named, not under the park's own entry: the editor's word."""
    assert kind_and_entry(index, "立菲园区负责人叫啥") == ("entry", "people")


def test_a_clause_naming_only_the_zone_does_not_answer_about_another_project(
    index: ZoneIndex,
) -> None:
    """The project is named in the first clause, the zone and "this project's investment" in
    the second: another project's investment is no answer."""
    question = "康复大学这个项目我关注很久了，想问问青岛高新区这个项目总投资是多少？"
    _kind, entry = kind_and_entry(index, question)
    assert entry in (None, "rehabilitation-university")


def test_a_firm_in_the_askers_own_story_need_not_be_named_by_the_answer(
    index: ZoneIndex,
) -> None:
    """The asker once worked at the steel firm; what is asked is the zone's party secretary."""
    question = (
        "我退休前在太钢干了三十多年，最近看报道说太原中北高新区招商搞得挺热闹。"
        "我想问问，这个高新区的党工委书记是哪位？"
    )
    assert kind_and_entry(index, question) == ("entry", "officials")


@pytest.mark.parametrize(
    "question",
    [
        "zepu medical, which countries do they export to?",
        "Qingdao Baotai revenue 2022",
        "Zepu medical in Qingdao, how much is the ventas in yuan, the number exacto?",
    ],
)
def test_a_firm_asked_about_is_not_answered_with_an_entry_that_never_names_it(
    index: ZoneIndex, question: str
) -> None:
    assert answer_question(index, question).status != "answer"


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("Who is the general manager of Zepu Medical?", "people"),  # Zepu (Qingdao) Medical
        ("中國電信數字青海大數據中心佔地多少畝？", "data-centre"),  # 数字青海新型大数据中心
    ],
)
def test_a_firms_name_written_in_other_words_by_the_entry_still_finds_it(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert kind_and_entry(index, question) == ("entry", entry)


def test_a_part_naming_no_topic_asks_of_the_project_the_part_before_names(
    index: ZoneIndex,
) -> None:
    """Neither the substation's investment nor its transformer capacity is given: the second
    part is not read as the zone's size."""
    question = "110千伏古驿变电站项目的总投资是多少？主变容量多大？"
    kind, _entry = kind_and_entry(index, question)
    assert kind != "entry"


@pytest.mark.parametrize(
    "question",
    [
        "太原中北高新区管委会主任是谁",
        "Who is the director of Taiyuan Zhongbei's management committee?",
    ],
)
def test_a_role_the_article_names_only_as_a_deputy_is_not_given(
    index: ZoneIndex, question: str
) -> None:
    assert kind_and_entry(index, question)[0] == "not_given"


@pytest.mark.parametrize(
    "question", ["太原中北高新区管委会副主任是谁", "太原中北高新区那个孟主任说了啥"]
)
def test_the_deputy_asked_or_addressed_by_surname_and_title_is_answered(
    index: ZoneIndex, question: str
) -> None:
    assert kind_and_entry(index, question) == ("entry", "officials")


def test_a_day_asked_of_an_answer_giving_only_the_month_is_not_given(index: ZoneIndex) -> None:
    kind, _entry = kind_and_entry(index, "青岛那个生物医药及医疗器械产业园是4月几号揭的牌")
    assert kind == "not_given"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("安阳光电园 承建单位 主动联系 业主 还有谁", "entry"),
        (
            "The Anyang piece says the contractor reached out to the owner and to whom else?",
            "entry",
        ),
        ("安阳光电园的业主是谁", "not_given"),
        ("Who is the owner of the Anyang park?", "not_given"),
        ("安阳光电项目的业主和设计院是谁", "not_given"),
        ("Who is the owner and developer company of the Anyang park?", "not_given"),
        ("安阳光电项目进场以来，承建单位向业主和设计院提出了什么", "entry"),
    ],
)
def test_a_thing_left_out_named_beside_what_is_asked_is_not_what_is_asked(
    index: ZoneIndex, question: str, kind: str
) -> None:
    """The builder's entry leaves out the owner: "the owner and who else" asks the other."""
    assert kind_and_entry(index, question)[0] == kind


@pytest.mark.parametrize("joined", ["跟", "和"])
def test_a_parks_name_typed_with_another_conjunction_still_names_it(
    index: ZoneIndex, joined: str
) -> None:
    """及 typed as 跟 in the park's name: no unknown park, the park's own entry answers."""
    question = f"青岛那个生物医药{joined}医疗器械产业园分成哪两个片区"
    assert kind_and_entry(index, question) == ("entry", "biomed-industrial-park")
