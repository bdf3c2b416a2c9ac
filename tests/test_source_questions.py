"""Questions about the sources themselves (headline, newspaper, date, link), and questions
asking which ones of an entry that says what its source lacks."""

import shutil
from pathlib import Path

import pytest
import yaml

from bot.answer.build import answer_question
from bot.answer.render import render_answer_text
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_knowledge_base
from bot.quality.corpus import generate_hedge_questions, generate_source_questions
from bot.quality.corpus_score import source_verdict
from bot.search.index import ZoneIndex, build_index

ROOT = Path(__file__).resolve().parents[1]


def test_questions_about_a_zones_article_are_answered_from_its_sources(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    """Held-out phrasings of headline, newspaper, date, link and source questions, with a zone
    or none, are answered from sources.yaml; an unknown zone's are refused, never answered."""
    corpus = generate_source_questions(kb, half="held_out")
    assert len(corpus) >= 150
    for cls in ("source", "source_zoneless", "source_person", "source_oos"):
        asked = [q for q in corpus if q.cls == cls]
        verdicts = [source_verdict(kb, q, answer_question(index, q.text)) for q in asked]
        good = "right" if asked[0].answerable else "refused"
        assert verdicts.count(good) / len(asked) >= 0.95, cls
        assert verdicts.count("wrong") == 0, cls


def test_the_reply_names_what_is_asked_in_the_askers_language(index: ZoneIndex) -> None:
    """The headline, the newspaper and the date are in the reply's text, with the citation."""
    source = index.kb.sources[next(iter(index.kb.zones.values())).sources[0]]
    zone = next(z for z in index.kb.zones.values() if source.id in z.sources)
    zh = answer_question(index, f"{zone.name.zh}那篇报道的标题是什么")
    assert (zh.status, zh.zone_id, zh.blocks) == ("answer", zone.id, ())
    assert source.title.zh in zh.intro
    assert [c.id for c in zh.citations] == [source.id]
    en = answer_question(index, f"Which newspaper covered {zone.name.en}?")
    assert en.lang == "en"
    assert str(source.publisher.en) in render_answer_text(en).split("\n\n")[0]


def test_a_question_naming_no_zone_lists_every_zones_source(index: ZoneIndex) -> None:
    """ "哪家媒体报道的" names no zone: each zone's article is listed; after a question about a
    zone, the same words ask about that zone's."""
    listed = answer_question(index, "哪家媒体报道的")
    assert (listed.status, listed.zone_id) == ("answer", None)
    assert {c.id for c in listed.citations} >= {
        s for z in index.kb.zones.values() for s in z.sources
    }
    zone = next(iter(index.kb.zones))
    followed = answer_question(index, "哪家媒体报道的", context_zone=zone)
    assert followed.zone_id == zone


def test_a_new_article_in_the_base_is_answered_without_code(tmp_path: Path) -> None:
    """A source added to sources.yaml, with a link, is what "where can I read it" gives."""
    shutil.copytree(ROOT / "knowledge", tmp_path / "kb")
    sources = yaml.safe_load((tmp_path / "kb/sources.yaml").read_text(encoding="utf-8"))
    sources[0]["url"] = "https://example.org/article-1"
    (tmp_path / "kb/sources.yaml").write_text(
        yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8"
    )
    index = build_index(load_knowledge_base(tmp_path / "kb"))
    zone = next(z for z in index.kb.zones.values() if sources[0]["id"] in z.sources)
    reply = answer_question(index, f"{zone.name.zh}报道的原文链接")
    assert "https://example.org/article-1" in reply.intro


def test_asking_who_reported_still_gets_the_zones_entry_on_its_reporters(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    """An entry on the article's reporters keeps the questions written for it."""
    reporters = [
        (zone.id, entry)
        for zone in kb.zones.values()
        for entry in zone.entries
        if {"记者", "reporters"} & set(entry.tags)
    ]
    assert reporters
    answered = asked = 0
    for zone_id, entry in reporters:
        for question in entry.questions.all():
            reply = answer_question(index, question)
            if reply.status == "answer":
                assert (reply.zone_id, reply.entry_id) == (zone_id, entry.id), question
            answered += reply.status == "answer"
            asked += 1
    assert answered / asked >= 0.9


def test_who_wrote_about_a_topic_is_answered_by_the_zones_entry_on_its_article(
    index: ZoneIndex,
) -> None:
    for question in (
        "who wrote the article about the anyang groundbreaking ceremony",
        "谁写的泸州高新区产教融合那篇报道",
    ):
        reply = answer_question(index, question)
        assert (reply.status, reply.entry_id) == ("answer", "reporting"), question
    # a zone without such an entry: not the entry on the topic, which names no reporter
    reply = answer_question(index, "Who is the reporter of the Qinghai zero-carbon park article?")
    assert reply.entry_id != "key-projects"
    # who wrote something else than the article: that thing's entry
    reply = answer_question(index, "who wrote the policy for the biomed park in Qingdao")
    assert reply.entry_id == "biomed-park-policy"


def test_a_topics_own_source_is_not_a_question_about_the_article(index: ZoneIndex) -> None:
    """ "<zone>的绿电来源" asks where the power comes from: the entry on it answers."""
    reply = answer_question(index, "青海零碳产业园的绿电来源是什么")
    assert reply.status == "answer"
    assert reply.entry_id is not None


def test_asking_which_ones_is_answered_though_the_entry_lacks_an_amount(
    kb: KnowledgeBase, index: ZoneIndex
) -> None:
    """ "哪几个部门" (Cantonese 边几个) asks which ones, not how many: no "no amounts" hedge;
    asking the amount the entry lacks still gets it."""
    corpus = generate_hedge_questions(kb, half="held_out")
    which = [q for q in corpus if q.cls == "hedge_which"]
    amount = [q for q in corpus if q.cls == "hedge_amount"]
    assert len(which) >= 10
    assert len(amount) >= 10
    for question in which:
        reply = answer_question(index, question.text)
        assert (reply.status, reply.entry_id) == ("answer", question.entry_id), question.text
    for question in amount:
        reply = answer_question(index, question.text)
        assert (reply.status, reply.entry_id) == ("no_match", question.entry_id), question.text


def test_an_english_headline_reply_also_gives_the_headline_as_printed(index: ZoneIndex) -> None:
    """The translated headline alone would not find the article: the printed one is beside it."""
    zone = next(iter(index.kb.zones.values()))
    source = index.kb.sources[zone.sources[0]]
    reply = answer_question(index, f"What is the headline of the article on {zone.name.en}?")
    assert (reply.status, reply.lang) == ("answer", "en")
    assert f"《{source.title.zh}》" in reply.intro


def test_the_date_a_report_learned_of_a_topic_is_its_articles_entry(index: ZoneIndex) -> None:
    """ "那篇<topic>的报道是哪天获悉的": the topic names the article; its zone's entry on the
    article gives the date, not the entry on the topic."""
    for question in (
        "泸州高新区那篇产教融合的报道是几号获悉的",
        "关于泸州高新区工匠人才的消息是哪天获悉的",
    ):
        reply = answer_question(index, question)
        assert (reply.status, reply.entry_id) == ("answer", "reporting"), question


def test_a_topic_set_for_an_essay_asks_no_articles_title(index: ZoneIndex) -> None:
    reply = answer_question(index, "帮我写个作文开头，题目是我的家乡")
    assert reply.status != "answer"


def test_the_day_of_an_article_named_by_its_headlines_words_is_its_dating_entrys(
    index: ZoneIndex,
) -> None:
    reply = answer_question(index, "泸州高新区深化产教融合的报道是几月几号的？")
    assert (reply.status, reply.entry_id) == ("answer", "reporting")


@pytest.mark.parametrize(
    ("question", "zone"),
    [
        ("What date was the Luzhou High-tech Zone talent story reported?", "luzhou-hitech"),
        ("when news of Anyang park start construction come out?", "anyang-optoelectronics"),
        ("泸州高新区人才聚集行动那条消息是哪天发的", "luzhou-hitech"),  # the topic undated
        ("安阳光电园开工奠基的消息是几号出来的", "anyang-optoelectronics"),
    ],
)
def test_the_date_of_a_story_on_a_topic_no_entry_dates_is_the_articles(
    index: ZoneIndex, question: str, zone: str
) -> None:
    reply = answer_question(index, question)
    assert (reply.status, reply.zone_id, reply.entry_id) == ("answer", zone, "reporting")


def test_when_an_event_in_the_report_happened_is_not_the_reports_date(index: ZoneIndex) -> None:
    question = "In the report, when did Luzhou High-tech Zone's talent gathering action start?"
    assert answer_question(index, question).entry_id != "reporting"
