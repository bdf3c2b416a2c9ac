"""Titles that join several words: each word counts, and a topic such a title holds is no gap."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.answer.build import answer_question
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_knowledge_base
from bot.quality.corpus import generate_corpus
from bot.search.index import ZoneIndex, build_index

# Titles as a large base writes them: kind of company + industry + measure.
TITLES = {
    "fdi-bio-count": "外资生物医药企业数量",
    "private-pv-count": "民营光伏企业数量",
    "listed-pv-patents": "上市光伏专利数量",
    "fdi-pv-revenue": "外资光伏营业收入",
    "private-bio-water": "民营生物医药污水处理",
    "listed-bio-revenue": "上市生物医药营业收入",
    "listed-bio-water": "上市生物医药污水处理",
}


def _write(root: Path) -> Path:
    (root / "zones").mkdir(parents=True)
    source = {"id": "src-a", "title": {"zh": "甲市高新区政策"}, "publisher": {"zh": "政府"}}
    entries = [
        {
            "id": entry_id,
            "topic": "figures",
            "title": {"zh": title},
            "questions": {"zh": [f"甲市高新区{title}是多少"]},
            "answer": {"zh": f"甲市高新区{title}：100。"},
            "sources": ["src-a"],
        }
        for entry_id, title in TITLES.items()
    ]
    zone = {
        "id": "jia-hitech",
        "name": {"zh": "甲市高新区", "en": "Jiashi High-tech Zone"},
        "location": {"zh": "某省甲市", "en": "Jiashi"},
        "industries": {"zh": ["生物医药", "光伏"]},
        "sources": ["src-a"],
        "entries": entries,
    }
    text = yaml.safe_dump(zone, allow_unicode=True, sort_keys=False)
    (root / "zones" / "jia-hitech.yaml").write_text(text, encoding="utf-8")
    (root / "sources.yaml").write_text(
        yaml.safe_dump([{**source, "date": "2024"}], allow_unicode=True), encoding="utf-8"
    )
    return root


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge_base(_write(tmp_path_factory.mktemp("kb")))


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> ZoneIndex:
    return build_index(kb)


def test_a_word_several_titles_share_that_an_entry_lacks_stops_the_answer(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "甲市高新区上市企业数量是多少")  # no listed company count
    assert reply.status != "answer"


def test_the_entry_holding_every_title_word_still_answers(index: ZoneIndex) -> None:
    reply = answer_question(index, "甲市高新区外资生物医药企业数量有多少")
    assert (reply.status, reply.entry_id) == ("answer", "fdi-bio-count")


def test_a_missing_topic_an_entry_is_about_in_other_words_is_never_asked(
    kb: KnowledgeBase,
) -> None:
    asked = " ".join(
        q.text
        for half in ("fit", "held_out")
        for q in generate_corpus(kb, half=half, per_entry=30)  # type: ignore[arg-type]
        if q.cls == "oos_topic"
    )
    assert asked
    for held in ("污水处理费", "外资企业数量"):  # held by 民营生物医药污水处理, 外资…企业数量
        assert held not in asked
