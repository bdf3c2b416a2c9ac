"""Fixed interface strings in both languages, kept in data files apart from the code."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from bot.kb.models import LANGS, Lang

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # libyaml missing: the same strings, read ten times slower
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@cache
def _catalog(lang: Lang) -> dict[str, str]:
    """Read one language's strings from bot/locales/<lang>.yaml."""
    text = resources.files("bot").joinpath(f"locales/{lang}.yaml").read_text(encoding="utf-8")
    data: dict[str, str] = yaml.load(text, Loader=_Loader)  # a first answer waits for it
    return data


def t(key: str, lang: Lang, **fields: object) -> str:
    """Return the string `key` in `lang`, with `fields` filled in."""
    template = _catalog(lang).get(key) or _catalog("en")[key]
    return template.format(**fields) if fields else template


def keys(lang: Lang) -> frozenset[str]:
    """Return every key a language defines (tests check both languages define the same)."""
    return frozenset(_catalog(lang))


def language_from_telegram(code: str | None) -> Lang:
    """Map Telegram's language_code (zh-hans, zh-TW, en-US, ...) to a reply language."""
    return "zh" if code and code.lower().startswith("zh") else "en"


def reply_language(
    *, chosen: str | None = None, given: str | None = None, telegram_code: str | None = None
) -> Lang:
    """The one rule for the language of replies, menus and notices, so no two parts disagree.

    Fallback order: `chosen` (the reader's /lang choice), then `given` (the language the
    matter was written in, e.g. a lead's), each only if the bot speaks it; then `telegram_code`
    (the reader's Telegram language_code: zh-* is Chinese, anything else English); else English.
    """
    for language in (chosen, given):
        if language in LANGS:
            return language
    return language_from_telegram(telegram_code)


def list_separator(lang: Lang) -> str:
    """What separates the items of a list written in running text."""
    return "、" if lang == "zh" else ", "
