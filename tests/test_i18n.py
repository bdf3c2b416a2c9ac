import string
from importlib import resources

import yaml

from bot.i18n import _catalog, keys, language_from_telegram, reply_language, t
from bot.kb.models import LANGS


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_define_the_same_strings() -> None:
    assert keys("zh") == keys("en")


def test_each_string_takes_the_same_fields_in_both_languages() -> None:
    zh, en = _catalog("zh"), _catalog("en")
    mismatched = [k for k in keys("en") if _fields(zh[k]) != _fields(en[k])]
    assert mismatched == []


def test_telegram_language_codes_map_to_a_reply_language() -> None:
    assert [language_from_telegram(c) for c in ("zh-hans", "zh-TW", "en-US", None, "ru")] == [
        "zh", "zh", "en", "en", "en",
    ]  # fmt: skip
    assert t("as_of", "en", period="2022") == "Figure for: 2022"


def test_a_readers_language_choice_wins_over_everything_else() -> None:
    assert reply_language(chosen="zh", given="en", telegram_code="en-US") == "zh"
    assert reply_language(chosen="en", given="zh", telegram_code="zh-hans") == "en"


def test_without_a_choice_the_language_a_matter_was_given_in_comes_next() -> None:
    assert reply_language(chosen=None, given="zh", telegram_code="en-US") == "zh"
    assert reply_language(given="en", telegram_code="zh-TW") == "en"


def test_a_language_the_bot_does_not_speak_counts_as_no_choice() -> None:
    assert reply_language(chosen="ru", given="fr", telegram_code="zh-TW") == "zh"
    assert reply_language(chosen="", telegram_code="en-GB") == "en"


def test_the_telegram_language_comes_last_and_english_when_nothing_is_known() -> None:
    assert reply_language(telegram_code="zh-hans") == "zh"
    assert reply_language(telegram_code="ru") == "en"
    assert reply_language() == "en"


def test_the_strings_read_by_libyaml_are_those_the_python_reader_reads() -> None:
    for lang in LANGS:
        text = resources.files("bot").joinpath(f"locales/{lang}.yaml").read_text(encoding="utf-8")
        assert _catalog(lang) == yaml.safe_load(text)
