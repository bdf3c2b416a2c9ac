"""Written Cantonese is read as the Mandarin it says; Mandarin is left exactly as it was."""

from __future__ import annotations

import pytest

from bot.answer.build import answer_question
from bot.kb.knowledge import KnowledgeBase
from bot.search.index import ZoneIndex
from bot.search.question import read_question
from bot.search.textnorm import from_cantonese, normalize, to_traditional


@pytest.mark.parametrize(
    ("cantonese", "mandarin"),
    [
        ("泸州高新区喺边度", "泸州高新区在哪里"),
        ("瀘州高新區喺邊度㗎", "泸州高新区在哪里"),
        ("呢個園區有幾多間企業？", "这个园区有多少家企业"),
        ("佢哋有冇補貼呀", "他们有没有补贴呀"),
        ("邊啲園區有人才政策", "哪些园区有人才政策"),
        ("而家建咗幾耐", "现在建了多久"),
        ("有咩優惠政策", "有什么优惠政策"),
        ("係咪有人才政策", "是不是有人才政策"),
        ("唔該，幫手搵下嗰個園區嘅資料", "帮忙找下那个园区的资料"),
    ],
)
def test_cantonese_words_and_particles_read_as_their_mandarin(
    cantonese: str, mandarin: str
) -> None:
    """Each Cantonese word of the list is replaced, traditional or simplified alike."""
    assert normalize(cantonese) == mandarin


@pytest.mark.parametrize(
    "mandarin",
    [
        "两者是什么关系",
        "兩者是什麼關係",
        "项目地点在哪里",
        "重点解决什么问题",
        "那边个税多少",
        "然而家电企业有多少",
        "体系建设情况",
        "联系点在哪",
        "点申请补贴",  # 點 (how) is read so only in a question that is Cantonese besides
        "有哪几大产业",
        "甚至有补贴吗",  # 甚 of 甚至 is no Jin "what"
        "不甚了解园区",
        "园区附近有许多儿童医院吗",  # 多儿 of 许多儿童 is no northern "how many"
    ],
)
def test_mandarin_words_holding_cantonese_characters_are_left_alone(mandarin: str) -> None:
    """係 of 關係, 點 of 地點, 邊 of 那邊 are Mandarin there: the question is not touched."""
    assert from_cantonese(mandarin) == mandarin
    assert from_cantonese(to_traditional(mandarin)) == to_traditional(mandarin)


def test_jin_and_south_western_words_no_mandarin_question_writes_read_as_mandarin() -> None:
    assert normalize("兀个园区重点搞甚药 多会儿完工") == "那个园区重点搞什么药 什么时候完工"
    assert normalize("学校跟企业是啷个对接的") == "学校跟企业是怎么对接的"


def test_words_shared_with_mandarin_are_read_only_in_a_cantonese_question() -> None:
    """點 is "how" beside a particle no Mandarin writes, and 關係 stays 關係 even then."""
    assert normalize("點申請補貼") == "点申请补贴"
    assert normalize("點申請補貼㗎") == "怎么样申请补贴"
    assert normalize("佢哋係咩關係㗎") == "他们是什么关系"


def test_a_cantonese_word_takes_the_last_character_of_a_mandarin_word_before_it() -> None:
    """變電站點樣 is 變電站 and 點樣 (how) in a Cantonese question, not 站點 (a site)."""
    assert normalize("佢哋嘅變電站點樣") == "他们的变电站怎么样"
    assert normalize("變電站點樣") == "变电站点样"  # nothing else says it is Cantonese


def test_no_written_question_or_answer_of_the_knowledge_base_reads_as_cantonese(
    kb: KnowledgeBase,
) -> None:
    """The base's Mandarin, in either script, holds no word the Cantonese list replaces."""
    texts = [
        text
        for zone in kb.zones.values()
        for entry in zone.entries
        for text in [*entry.questions.all(), entry.answer.zh or "", entry.title.zh or ""]
        if text
    ]
    changed = [t for t in texts if from_cantonese(t) != t]
    changed += [t for t in map(to_traditional, texts) if from_cantonese(t) != t]
    assert not changed


@pytest.mark.parametrize(
    ("cantonese", "mandarin"),
    [
        ("泸州高新区喺边度", "泸州高新区在哪里"),
        ("青岛高新区嘅康复大学而家点样", "青岛高新区的康复大学现在怎么样"),
        ("呢個中北高新區有啲咩補貼", "这个中北高新区有什么补贴"),
        ("唔該，泸州高新区啲企業有幾多間", "泸州高新区的企业有多少家"),
        ("邊啲園區有人才政策", "哪些园区有人才政策"),
    ],
)
def test_a_cantonese_question_gets_the_reply_of_its_mandarin_twin(
    index: ZoneIndex, cantonese: str, mandarin: str
) -> None:
    """Asked in Cantonese, a question is answered as asked in Mandarin, not refused."""
    asked, twin = answer_question(index, cantonese), answer_question(index, mandarin)
    assert asked.status == "answer"
    assert (asked.status, asked.zone_id, asked.entry_id) == (
        twin.status,
        twin.zone_id,
        twin.entry_id,
    )


def test_a_cantonese_question_is_answered_in_the_script_it_is_written_in() -> None:
    """嗰 and 喎 change under conversion but are no traditional characters of the question."""
    assert not read_question("泸州高新区嗰个补贴几多钱喎", None).traditional
    assert read_question("瀘州高新區嗰個補貼幾多錢喎", None).traditional


def test_cantonese_who_said_this_asks_the_speaker(index: ZoneIndex) -> None:
    question = "中北高新區話係第一次針對具體產業鏈出台招商優惠政策，呢句係邊個講㗎？"
    reply = answer_question(index, question)
    assert "officials" in {b.entry_id for b in reply.blocks}


def test_shanghainese_typed_in_characters_is_read_as_mandarin() -> None:
    assert normalize("侬晓得零碳产业园啥个辰光开工") == "你晓得零碳产业园什么时候开工"
    assert normalize("搿几个园区里向 哪几个搞特钢") == "这几个园区里 哪几个搞特钢"
    assert normalize("租厂房几钿一个月") == "租厂房多少钱1个月"


@pytest.mark.parametrize("mandarin", ["阿拉伯的投资", "伊拉克的工程", "原文在哪能看", "进行当中"])
def test_mandarin_words_holding_wu_characters_are_left_alone(mandarin: str) -> None:
    assert normalize(mandarin) == mandarin
