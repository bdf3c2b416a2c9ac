"""Browsing views: zone list, zone cards, topics, comparisons and sources, as valid HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.botapi_rules import html_to_text

from bot.answer.build import answer_entry, answer_question
from bot.answer.views import comparison, sources_view, topic_view, zone_card, zones_view
from bot.kb.loader import load_knowledge_base
from bot.kb.models import LANGS, Lang
from bot.search.index import ZoneIndex, build_index

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", params=["tests/data/kb", "knowledge"])
def index(request: pytest.FixtureRequest) -> ZoneIndex:
    return build_index(load_knowledge_base(ROOT / request.param))


@pytest.mark.parametrize("lang", LANGS)
def test_every_view_is_html_telegram_accepts(index: ZoneIndex, lang: Lang) -> None:
    kb = index.kb
    pages = [zones_view(kb, lang).html, sources_view(kb, lang)]
    for zone in kb.zones.values():
        pages.append(zone_card(kb, zone.id, lang).html)
        pages += [
            topic_view(kb, zone.id, topic, lang).html for topic in {e.topic for e in zone.entries}
        ]
        pages += [comparison(kb, zone.id, other, lang) for other in kb.zones if other != zone.id]
    for page in pages:
        assert html_to_text(page)


def test_a_zone_card_shows_summary_industries_sources_and_its_topics() -> None:
    kb = load_knowledge_base(ROOT / "tests" / "data" / "kb")
    card = zone_card(kb, "taiyuan-zhongbei", "en")
    assert "Taiyuan, Shanxi" in card.html
    assert "special steel" in card.html
    assert "Science and Technology Daily" in card.html
    assert [c.topic for c in card.choices] == ["overview", "incentives"]
    assert [c.label for c in card.choices] == ["Overview", "Incentives"]


def test_a_topic_view_offers_the_zones_entries_on_that_topic() -> None:
    kb = load_knowledge_base(ROOT / "tests" / "data" / "kb")
    view = topic_view(kb, "taiyuan-zhongbei", "incentives", "zh")
    assert [c.entry.id for c in view.choices if c.entry] == [
        "relocation-subsidy",
        "innovation-rewards",
        "rd-center-reward",
    ]


def test_a_comparison_goes_topic_by_topic_and_numbers_each_source() -> None:
    kb = load_knowledge_base(ROOT / "tests" / "data" / "kb")
    text = html_to_text(comparison(kb, "qingdao-hitech", "taiyuan-zhongbei", "zh"))
    assert text.index("— 概况 —") < text.index("— 优惠政策 —")
    assert "（资料中没有）" in text
    assert "3个月。（数据时间：2023年5月） [1]" in text
    assert "[1] 《太原中北高新区" in text
    assert "[2] 《青岛高新区" in text
    assert "最高补助500万元" in text


def test_sources_view_names_every_source_and_the_zones_citing_it() -> None:
    kb = load_knowledge_base(ROOT / "tests" / "data" / "kb")
    text = html_to_text(sources_view(kb, "en"))
    assert "Cited for: Qingdao High-tech Zone" in text
    assert "Cited for: Taiyuan Zhongbei High-tech Zone" in text


@pytest.mark.parametrize("lang", LANGS)
def test_an_entry_opened_by_id_reads_as_the_answer_to_its_own_question(
    index: ZoneIndex, lang: Lang
) -> None:
    for zone in index.kb.zones.values():
        entry = zone.entries[0]
        opened = answer_entry(index, zone.id, entry.id, lang)
        assert opened is not None
        asked = (
            answer_question(index, entry.questions.get(lang)[0], lang=lang)
            if entry.questions.get(lang)
            else None
        )
        if asked is not None and asked.entry_id == entry.id:
            assert opened.blocks == asked.blocks
            assert opened.citations == asked.citations


def test_an_entry_that_does_not_exist_opens_nothing(index: ZoneIndex) -> None:
    assert answer_entry(index, "no-zone", "no-entry", "en") is None
