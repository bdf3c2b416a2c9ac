import datetime as dt
from typing import get_args

import pytest
from helpers.kbcopy import copy_kb

from bot.answer.build import REPLIES, answer_entry, answer_question, entry_title, zone_list
from bot.kb.loader import load_knowledge_base
from bot.search.decision import Kind
from bot.search.index import ZoneIndex, build_index

ZH_ONLY_ENTRY = """
  - id: land-price
    topic: land
    questions:
      zh: [太原中北高新区工业用地多少钱一亩？]
    answer:
      zh: 工业用地挂牌价每亩15万元。
    sources: [stdaily-2023-05-taiyuan]
    valid_until: "2021-06"
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> ZoneIndex:
    root = copy_kb(tmp_path_factory.mktemp("answer") / "kb")
    zone_file = root / "zones" / "taiyuan-zhongbei.yaml"
    zone_file.write_text(zone_file.read_text(encoding="utf-8") + ZH_ONLY_ENTRY, encoding="utf-8")
    return build_index(load_knowledge_base(root))


def test_an_answer_gives_its_entry_and_cites_each_of_its_sources_once(index: ZoneIndex) -> None:
    answer = answer_question(index, "青岛高新区生物医药产业营收多少？")
    assert (answer.status, answer.zone_id, answer.entry_id) == (
        "answer",
        "qingdao-hitech",
        "biomed-revenue-2022",
    )
    assert [b.entry_id for b in answer.blocks] == ["biomed-revenue-2022"]
    assert "80亿元" in answer.blocks[0].text
    assert [c.id for c in answer.citations] == ["stdaily-2023-05-qingdao"]
    assert answer.citations[0].publisher == "科技日报"
    assert answer.kb_version == index.kb.version


def test_an_english_question_gets_english_text_and_english_citations(index: ZoneIndex) -> None:
    answer = answer_question(index, "Does Taiyuan Zhongbei High-tech Zone subsidise relocation?")
    assert (answer.status, answer.lang, answer.entry_id) == ("answer", "en", "relocation-subsidy")
    assert "RMB 5 million" in answer.blocks[0].text
    assert not answer.blocks[0].untranslated
    assert answer.citations[0].publisher == "Science and Technology Daily"


def test_an_entry_without_english_is_given_in_chinese_and_marked_untranslated(
    index: ZoneIndex,
) -> None:
    answer = answer_entry(index, "taiyuan-zhongbei", "land-price", "en")
    assert answer is not None
    assert answer.blocks[0].untranslated
    assert answer.blocks[0].text == "工业用地挂牌价每亩15万元。"


def test_an_incentive_past_its_valid_until_is_marked_lapsed(index: ZoneIndex) -> None:
    before = answer_entry(index, "taiyuan-zhongbei", "land-price", "zh", dt.date(2021, 6, 1))
    after = answer_entry(index, "taiyuan-zhongbei", "land-price", "zh", dt.date(2021, 7, 1))
    assert before is not None
    assert after is not None
    assert not before.blocks[0].lapsed
    assert after.blocks[0].lapsed


def test_related_entries_are_offered_by_their_title_within_the_zone(index: ZoneIndex) -> None:
    answer = answer_entry(index, "taiyuan-zhongbei", "relocation-subsidy", "zh")
    assert answer is not None
    assert [(s.zone_id, s.entry_id) for s in answer.related] == [
        ("taiyuan-zhongbei", "rd-center-reward")
    ]
    assert answer.related[0].question == "企业技术中心研发费用有奖励吗？"


def test_an_entry_chosen_by_an_unknown_id_gives_no_answer(index: ZoneIndex) -> None:
    assert answer_entry(index, "taiyuan-zhongbei", "no-such-entry", "zh") is None
    assert answer_entry(index, "no-such-zone", "land-price", "zh") is None


def test_an_entry_without_a_title_is_labelled_by_its_first_question(index: ZoneIndex) -> None:
    record = index.by_id[("taiyuan-zhongbei", "land-price")]
    assert entry_title(record.entry, "zh") == "太原中北高新区工业用地多少钱一亩？"
    assert entry_title(record.entry, "en") == "太原中北高新区工业用地多少钱一亩？"


def test_the_zone_list_names_every_zone_in_the_askers_language(index: ZoneIndex) -> None:
    english = zone_list(index.kb, "en")
    assert "Qingdao High-tech Zone" in english
    assert "Taiyuan Zhongbei High-tech Zone" in english
    assert "青岛" not in english
    assert "青岛高新区" in zone_list(index.kb, "zh")


def test_a_known_zone_with_an_unknown_topic_offers_its_topics_overview_first(
    index: ZoneIndex,
) -> None:
    answer = answer_question(index, "太原中北高新区的企业所得税税率？")
    assert (answer.status, answer.zone_id) == ("no_match", "taiyuan-zhongbei")
    assert answer.suggestions[0].entry_id == "settling-time"
    assert {s.zone_id for s in answer.suggestions} == {"taiyuan-zhongbei"}
    assert not answer.blocks


def test_a_question_about_an_unknown_place_offers_the_zones_known(index: ZoneIndex) -> None:
    answer = answer_question(index, "What is the tax rate in Shenzhen?")
    assert answer.status == "no_match"
    assert answer.zone_id is None
    assert {(s.zone_id, s.entry_id) for s in answer.suggestions} == {
        ("qingdao-hitech", None),
        ("taiyuan-zhongbei", None),
    }


def test_small_talk_gets_the_help_text_and_no_blocks(index: ZoneIndex) -> None:
    answer = answer_question(index, "你好")
    assert answer.status == "no_match"
    assert not answer.blocks
    assert "青岛高新区" in answer.intro


def test_every_kind_of_decision_has_one_reply() -> None:
    assert set(REPLIES) == set(get_args(Kind))
