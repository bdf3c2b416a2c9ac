"""A zone the base lacks in a known zone's city or province is refused, naming the zones there."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.kbfolders import write_kb

from bot.answer.build import answer_question
from bot.kb.loader import load_knowledge_base
from bot.quality.scope_corpus import scope_corpus, score_scope
from bot.search.index import ZoneIndex, build_index

ENTRIES = {
    "overview": ("园区概况", "{}概况", "{}是一个综合性园区。"),
    "rd": ("研发补贴", "{}研发补贴是多少", "{}研发补贴最高100万元。"),
    "area": ("面积", "{}面积多大", "{}规划面积20平方公里。"),
}
ZONES = [
    ("ty-zb", "太原中北高新区", "Taiyuan Zhongbei High-tech Zone", "太原", "山西"),
    ("qd-hitech", "青岛高新区", "Qingdao High-tech Zone", "青岛", "山东"),
    ("xn-park", "西宁零碳产业园", "Xining Zero-Carbon Industrial Park", "西宁", "青海"),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> ZoneIndex:
    zones = [
        (
            zid,
            zh,
            en,
            city,
            province,
            {e: (t, q.format(zh), a.format(zh)) for e, (t, q, a) in ENTRIES.items()},
        )
        for zid, zh, en, city, province in ZONES
    ]
    return build_index(load_knowledge_base(write_kb(tmp_path_factory.mktemp("kb"), zones)))


@pytest.mark.parametrize(
    ("question", "known"),
    [
        ("太原高新区研发补贴是多少", "太原中北高新区"),  # the city's plain name for the kind
        ("太原国家高新区面积多大", "太原中北高新区"),
        ("青岛中德生态园研发补贴是多少", "青岛高新区"),  # a name of its own in a known city
        ("青岛中德科技城面积多大", "青岛高新区"),
        ("山西综改区研发补贴是多少", "太原中北高新区"),  # a kind the province's zone is not
        ("青海国家高新区面积多大", "西宁零碳产业园"),
        ("山东自贸区研发补贴", "青岛高新区"),
        ("what incentives does the Shanxi Transformation and Comprehensive Reform Demonstration "
         "Zone give", "Taiyuan Zhongbei High-tech Zone"),
    ],
)  # fmt: skip
def test_another_zone_in_a_known_place_is_refused_naming_the_zones_there(
    index: ZoneIndex, question: str, known: str
) -> None:
    reply = answer_question(index, question)
    assert reply.status == "no_match"
    assert known in reply.intro


@pytest.mark.parametrize(
    ("question", "zone_id"),
    [
        ("中北高新区研发补贴是多少", "ty-zb"),  # a short form keeping the distinctive part
        ("中北研发补贴是多少", "ty-zb"),
        ("太原中北高新区面积多大", "ty-zb"),
        ("青岛高新区研发补贴是多少", "qd-hitech"),
        ("青岛国家高新区研发补贴是多少", "qd-hitech"),  # another form of its own kind
        ("西宁零碳产业园区面积多大", "xn-park"),
    ],
)
def test_a_known_zones_own_names_and_forms_are_still_answered(
    index: ZoneIndex, question: str, zone_id: str
) -> None:
    reply = answer_question(index, question)
    assert reply.status == "answer"
    assert reply.zone_id == zone_id


def test_a_zone_we_lack_compared_with_a_known_one_is_named_from_its_place(
    index: ZoneIndex,
) -> None:
    """The known zone alone was answered, and the other's name began with "个地方"."""
    reply = answer_question(index, "我在比较几个地方，青岛中德生态园跟青岛高新区比哪个优惠多")
    assert reply.status == "no_match"
    assert "“青岛中德生态园”" in reply.intro
    assert "青岛高新区" in reply.intro


def test_a_city_named_beside_a_known_zone_without_comparing_is_no_zone(index: ZoneIndex) -> None:
    reply = answer_question(index, "我们公司在杭州，想了解青岛高新区研发补贴是多少")
    assert reply.status == "answer"
    assert reply.zone_id == "qd-hitech"


def test_the_generated_scope_corpus_is_handled_in_every_class(index: ZoneIndex) -> None:
    counts = score_scope(index, scope_corpus(index.kb))
    assert {label.split(":")[0] for label in counts} == {"refuse", "answer"}
    for label, (right, total) in counts.items():
        assert right == total, label


def test_the_shipped_base_scope_corpus_refuses_every_other_zone(
    shipped_index: ZoneIndex,
) -> None:
    counts = score_scope(shipped_index, scope_corpus(shipped_index.kb))
    for label, (right, total) in counts.items():
        assert right == total, label


@pytest.fixture(scope="module")
def shipped_index() -> ZoneIndex:
    return build_index(load_knowledge_base(Path(__file__).parent.parent / "knowledge"))


def test_a_city_holding_a_conjunction_character_is_still_a_place(index: ZoneIndex) -> None:
    """同 of 大同 joins no two names: 大同高新区 is a zone we lack, compared with a known one."""
    assert answer_question(index, "大同高新区跟太原中北高新区比怎么样").status == "no_match"


@pytest.mark.parametrize(
    "question",
    [
        "新山依斯干达特区现在有什么优惠",
        "青岛经济特区有什么优惠",
        "What incentives does the Qingdao special economic zone give?",
    ],
)
def test_a_special_economic_zone_we_lack_is_an_unknown_zone(
    shipped_index: ZoneIndex, question: str
) -> None:
    """经济特区, 特区, special economic zone: a kind of zone, not words to match an entry on."""
    assert answer_question(shipped_index, question).status == "no_match"


@pytest.mark.parametrize(
    "question",
    [
        "Which is better for medical devices, Suzhou Industrial Park or Qingdao High-tech Zone?",
        "Suzhou Industrial Park vs Qingdao high-tech zone for medical devices",
    ],
)
def test_an_english_zone_we_lack_weighed_against_a_known_one_is_no_answer(
    index: ZoneIndex, question: str
) -> None:
    """Answering the known zone alone would pass for the comparison."""
    assert answer_question(index, question).status == "no_match"


def test_a_misspelt_known_name_in_capitals_is_no_zone_we_lack(index: ZoneIndex) -> None:
    """A capitalised name ending in Zone whose first word is a slip of ours (Qingdoa)."""
    reply = answer_question(index, "Hello, what is the area of Qingdoa High-tech Zone please?")
    assert reply.zone_id == "qd-hitech"
