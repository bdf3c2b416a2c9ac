"""Misspelt English words of a question are read as the knowledge base's words they slip from."""

import pytest
from helpers.decisions import kind_and_entry
from helpers.script_modules import load_script

from bot.search.index import ZoneIndex
from bot.search.spelling import Speller, english_words


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("how many industrial talants does Luzhuo high-tech zone have", "companies-and-talent"),
        ("how many storys is the main office bulding in Anyng park", "construction-content"),
        (
            "how much money Tyuan Zhongbei give to company aproved as nationl technology "
            "inovation demonstation",
            "national-demonstration-rewards",
        ),
    ],
)
def test_misspelt_english_words_find_the_entry_they_mean(
    index: ZoneIndex, question: str, entry: str
) -> None:
    assert kind_and_entry(index, question) == ("entry", entry)


def test_a_cross_question_misspelt_lists_the_zones_of_the_word_meant(index: ZoneIndex) -> None:
    kind, _ = kind_and_entry(index, "which parks are developping intelligent manufactoring?")
    assert kind == "cross"


def test_english_words_acronyms_and_pinyin_are_left_as_typed() -> None:
    speller = Speller(["talent", "building", "rate", "storey", "capacity"])
    assert speller.corrected("talants in the bulding") == "talent in the building"
    # a word of its own (rates, rated), an acronym (CAPEX), pinyin (rencai) and a word near
    # no word of the base stay as typed
    typed = "rates rated CAPEX rencai zzzzzz"
    assert speller.corrected(typed) == typed


def test_a_g_dropped_in_speech_is_put_back_when_that_makes_an_english_word() -> None:
    speller = Speller(["training"])
    assert speller.corrected("fixin to move, lookin") == "fixing to move, looking"
    assert speller.corrected("a mountain cabin") == "a mountain cabin"  # words of their own


def test_chat_shorthand_is_read_as_the_word_it_stands_for() -> None:
    speller = Speller(["substation"])
    assert speller.corrected("hw much did it cost? wat about it") == (
        "how much did it cost? what about it"
    )
    assert speller.corrected("HW and wen") == "HW and wen"  # an acronym, a pinyin syllable


def test_a_word_as_near_two_words_of_the_base_is_read_by_its_end_or_left() -> None:
    # as near two words, the one keeping the word's last letter: operaton is operation
    assert Speller(["operator", "operation"]).corrected("operaton") == "operation"
    speller = Speller(["carton", "canton"])
    assert speller.corrected("cartton") == "carton"
    assert speller.corrected("canrton") == "canrton"  # canton less an r, or carton an n


def test_the_shipped_english_word_list_is_what_pyspellchecker_gives() -> None:
    module = load_script("make_english_words")
    assert module.LIST.read_text(encoding="utf-8") == module.english_words_text()
    assert {"rates", "house", "price"} <= english_words()
    assert not {"talants", "bulding"} & english_words()


def test_the_corrections_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.search.spelling.MEMO_WORDS", 3)
    speller = Speller(["talent"])
    for word in ("aaaaax", "bbbbbx", "cccccx", "talant"):
        speller.corrected(word)
    assert speller.corrected("talant") == "talent"
    assert len(speller) <= 3


def test_a_long_run_of_letters_is_left_as_typed_and_only_the_read_prefix_is_looked_at() -> None:
    speller = Speller(["talent"])
    flood = "talant " + "a" * 200_000  # a paste of letters: no word, nor pinyin to split
    assert speller.corrected(flood) == flood.replace("talant", "talent", 1)


def test_contractions_typed_without_their_apostrophe_are_left_as_typed() -> None:
    speller = Speller(["three", "whose", "donor"])
    typed = "theres a plant going up, whos building it, dont know"
    assert speller.corrected(typed) == typed


def test_a_compound_typed_in_two_parts_is_read_as_the_base_writes_it() -> None:
    speller = Speller(["biomedicine", "optoelectronic", "setup", "guyi"])
    assert speller.corrected("bio medicine output") == "biomedicine output"
    assert speller.corrected("an Opto-electronic park") == "an optoelectronic park"
    # both parts English words (set up), or both pinyin syllables (gu yi): left as typed
    assert speller.corrected("they set up the gu yi station") == "they set up the gu yi station"


def test_a_name_typed_in_two_parts_with_a_slip_is_read_as_the_base_writes_it() -> None:
    speller = Speller(["astrazeneca", "services"])
    assert speller.corrected("Astra Zeneka in Qingdao") == "astrazeneca in Qingdao"
    assert speller.corrected("Asta Zeneca plant") == "astrazeneca plant"
    # a part that is an English word is read alone (DC services, ching high)
    assert speller.corrected("DC services offered") == "DC services offered"


def test_a_split_compound_finds_the_entry_it_names(index: ZoneIndex) -> None:
    question = "qingdao hi-tech zone bio medicine output 2022"
    assert kind_and_entry(index, question) == ("entry", "biomed-revenue-2022")
