"""Words of other languages in a question: European ones read as English, Japanese as Mandarin."""

from pathlib import Path

import pytest

from bot.answer.build import answer_question
from bot.answer.render import render_answer_text
from bot.search.features import stem
from bot.search.foreign import foreign_words, from_foreign_words, from_japanese, is_japanese
from bot.search.index import ZoneIndex
from bot.search.spelling import english_words
from bot.search.textnorm import normalize, pinyin_syllables


def test_investors_foreign_words_are_read_as_english_ones() -> None:
    read = from_foreign_words(normalize("Anyang park, quanti piani has the Bürogebäude? grazie"))
    assert read == "anyang park how many floors has the office building thanks"


def test_a_german_word_typed_without_its_umlaut_is_read_too() -> None:
    assert from_foreign_words(normalize("buro Grundstuck")) == "office land"


def test_no_foreign_word_is_an_english_word_or_a_pinyin_syllable() -> None:
    single = [word for word in foreign_words() if " " not in word]
    assert [w for w in single if w in english_words() or w in pinyin_syllables()] == []


def test_japanese_is_read_as_the_mandarin_it_says() -> None:
    read = normalize(from_japanese("瀘州高新区の2022年の営業収入はいくらですか"))
    assert read == "泸州高新区 2022年 营业收入 多少"


def test_a_text_without_kana_is_no_japanese() -> None:
    assert from_japanese("青岛高新区何时成立") == "青岛高新区何时成立"


def test_a_question_in_japanese_is_answered_in_english(index: ZoneIndex) -> None:
    reply = answer_question(index, "瀘州高新区の2022年の営業収入は前年比何%伸びましたか")
    assert (reply.status, reply.entry_id, reply.lang) == ("answer", "revenue-2022", "en")
    assert "11.1%" in render_answer_text(reply)


def test_a_foreign_phrase_is_read_whole() -> None:
    assert from_foreign_words(normalize("Onde fica the park? qual a data?")) == (
        "where is the park what date"
    )


def test_a_lone_kana_sign_or_mark_makes_no_japanese_question() -> None:
    assert not is_japanese("安阳の园区在哪里")
    assert not is_japanese("安阳・光电产业园在哪里")
    assert is_japanese("瀘州高新区の営業収入はいくらですか")


def test_a_greeting_in_another_language_is_no_unknown_name(index: ZoneIndex) -> None:
    reply = answer_question(index, "Jambo! What subsidies are there for a company that relocates?")
    assert reply.status in ("clarify", "answer")


def test_finnish_and_turkish_asking_words_and_a_german_price_are_read() -> None:
    assert from_foreign_words(normalize("Missä is the substation, paljonko? Kiitos")) == (
        "where is the substation how much thanks"
    )
    assert from_foreign_words(normalize("the Strompreis for industry")) == (
        "the electricity price for industry"
    )


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("luzhou zone how many companies bhai?", "luzhou zone how many companies hello"),
        ("qingdao park ka area kitna", "qingdao park ka area how much"),
        ("abeg wetin be the size", "please what be the size"),
        ("yung exec, magkano", "the exec how much"),
        ("berapa the reward pak", "how much the reward hello"),
        ("howzit, waar is the park", "hello where is the park"),
    ],
)
def test_asking_words_and_forms_of_address_of_more_languages_are_read(
    question: str, read: str
) -> None:
    assert from_foreign_words(normalize(question)) == read


def test_a_form_of_address_after_a_question_leaves_it_answered(index: ZoneIndex) -> None:
    reply = answer_question(
        index, "luzhou hi tech zone (sichuan) how many companies already there bhai?"
    )
    assert (reply.status, reply.entry_id) == ("answer", "companies-and-talent")


def test_no_foreign_word_is_read_two_ways() -> None:
    text = (Path(__file__).resolve().parents[1] / "bot" / "data" / "foreign_words.txt").read_text(
        "utf-8"
    )
    meanings: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line.startswith("#") or " = " not in line:
            continue
        english, _, words = line.partition(" = ")
        for word in words.split():
            meanings.setdefault(word, set()).add(stem(english))  # company, companies: one
    assert {w: m for w, m in meanings.items() if len(m) > 1} == {}


@pytest.mark.parametrize(
    "question",
    [
        "Barev, how many companies are already in the park?",
        "Bonzour, what subsidies are there?",
        "Which companies are already there? Lijep pozdrav",  # a sign-off of two words
        "Dumela, how big is the park in total?",
        "Who is the person responsible of the innovation park? Saludos.",
    ],
)
def test_a_greeting_of_another_language_asks_nothing(index: ZoneIndex, question: str) -> None:
    assert answer_question(index, question).status == "clarify"
