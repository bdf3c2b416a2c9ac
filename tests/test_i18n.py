import string

from bot.i18n import _catalog, keys, language_from_telegram, t


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
