"""Every fact of the seed page is answerable: its people, places and dates, asked as people ask."""

import re
from pathlib import Path

import pytest

from bot.answer.build import answer_question
from bot.kb.loader import check_knowledge_base
from bot.search.index import ZoneIndex
from bot.search.zonefind import location_parts

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
COVERAGE = ROOT / "docs" / "seed-coverage.md"

# (question, zone, entry, a figure or name the answer must show); none is an entry's own phrasing.
SEED_FACTS = [
    ("太原中北高新区具体在哪", "taiyuan-zhongbei", "location", "山西省太原市"),
    ("中北高新区位于哪里", "taiyuan-zhongbei", "location", "太原"),
    ("刘锦春担任什么职务", "taiyuan-zhongbei", "officials", "党工委书记"),
    ("中北高新区党工委副书记是谁", "taiyuan-zhongbei", "officials", "康国奇"),
    ("Who is Meng Tao?", "taiyuan-zhongbei", "officials", "Deputy Director"),
    ("安阳光电智能制造产业园位于哪里", "anyang-optoelectronics", "location", "河南省安阳市"),
    ("Where is the Anyang park located?", "anyang-optoelectronics", "location", "Henan"),
    ("安阳光电产业园的记者是谁", "anyang-optoelectronics", "reporting", "孙越"),
    ("泸州高新区在哪个城市", "luzhou-hitech", "location", "四川省泸州市"),
    ("Luzhou High-tech Zone location", "luzhou-hitech", "location", "Sichuan"),
    ("青海零碳產業園在哪裡", "qinghai-zero-carbon", "location", "平北经济区"),
    ("青海零碳园区有哪些在建项目", "qinghai-zero-carbon", "key-projects", "古驿变电站"),
    ("Qinghai park under construction projects", "qinghai-zero-carbon", "key-projects", "9000"),
    ("任建民担任什么职务", "qinghai-zero-carbon", "people", "供电服务中心主任"),
    ("Which organisations take part in building the Qinghai park?", "qinghai-zero-carbon",
     "people", "State Grid Haidong"),
    ("青岛高新区在哪", "qingdao-hitech", "location", "山东省青岛市"),
    ("Which city is Qingdao High-tech Zone in?", "qingdao-hitech", "location", "Qingdao"),
    ("王磊是谁", "qingdao-hitech", "people", "阿斯利康全球执行副总裁"),
    ("惠安康总经理是谁", "qingdao-hitech", "people", "刘传兴"),
    ("青岛宝太研发负责人是谁", "qingdao-hitech", "people", "孔祥钧"),
    ("Who is the general manager of Zepu Medical?", "qingdao-hitech", "people", "Wu Changlin"),
    ("给青海零碳产业园供电的是哪家公司", "qinghai-zero-carbon", "power-supplier",
     "国网海东供电公司"),
    ("Which company supplies power to the Qinghai zero-carbon park?", "qinghai-zero-carbon",
     "power-supplier", "State Grid Haidong"),
    ("青海零碳产业园要推进哪几种创新", "qinghai-zero-carbon", "future-plans", "制度创新"),
    ("立菲医疗器械创新园入驻了多少家企业", "qingdao-hitech", "lifei-innovation-park", "40多家"),
    ("青岛生物医药产业园的若干政策是哪些部门一起制定的", "qingdao-hitech", "biomed-park-policy",
     "财政局"),
    ("泸州高新区的消息是几月几号获悉的", "luzhou-hitech", "reporting", "5月14日"),
    ("安阳光电产业园的设计院是哪个单位", "anyang-optoelectronics", "builder", "设计院"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "zone", "entry", "must"), SEED_FACTS)
def test_a_fact_of_the_seed_page_is_answered_by_its_entry(
    index: ZoneIndex, question: str, zone: str, entry: str, must: str
) -> None:
    answer = answer_question(index, question)
    assert (answer.status, answer.zone_id, answer.entry_id) == ("answer", zone, entry)
    assert must in answer.blocks[0].text


def test_every_shipped_zone_has_a_location_and_an_entry_that_answers_where_it_is_from_it(
    index: ZoneIndex,
) -> None:
    for zone in index.kb.zones.values():
        assert zone.location is not None, zone.id
        assert zone.location.zh, zone.id
        assert zone.location.en, zone.id
        entry = index.kb.entry(zone.id, "location")
        assert entry is not None, zone.id
        assert "location" in entry.tags
        assert entry.answer.zh is not None
        assert all(place in entry.answer.zh for place in location_parts(zone)), zone.id
        answer = answer_question(index, f"{zone.name.zh}在哪")
        assert (answer.zone_id, answer.entry_id) == (zone.id, "location")


def test_the_shipped_knowledge_base_has_no_location_warning() -> None:
    _, problems = check_knowledge_base(KNOWLEDGE)
    assert [str(p) for p in problems if "location" in p.message] == []


def test_the_coverage_checklist_names_only_entries_that_exist(index: ZoneIndex) -> None:
    named = set(re.findall(r"`([a-z0-9-]+)/([a-z0-9-]+)`", COVERAGE.read_text(encoding="utf-8")))
    assert named
    missing = [f"{z}/{e}" for z, e in sorted(named) if index.kb.entry(z, e) is None]
    assert missing == []
