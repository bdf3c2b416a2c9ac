"""Words of other languages in a question: European ones read as English, Japanese as Mandarin.

Investors mix their own words into English ("quanto is the subsidy", "the parque's Fläche") or
write Japanese around kanji the base shares ("営業収入はいくらですか"): each is read as the
words the knowledge base is written in before the question is compared.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import opencc

from bot.search.textnorm import normalize

_LATIN_RUN_RE = re.compile(r"[a-z]{3}")
_UMLAUTS = str.maketrans("üäöÜÄÖ", "uaoUAO")
_KANA_RE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")  # kana letters: not ・ or ー


def _data(name: str) -> list[str]:
    """The lines of a word list in bot/data, comments and blank lines left out."""
    text = resources.files("bot").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def foreign_words() -> dict[str, str]:
    """bot/data/foreign_words.txt: investors' words of other European languages, normalised
    (flächen -> flachen), each with the English word it is read as."""
    table: dict[str, str] = {}
    for line in _data("foreign_words.txt"):
        english, _, words = line.partition(" = ")
        for word in words.split():
            plain = word.translate(_UMLAUTS)  # bürogebäude typed burogebaude
            for form in {word, plain}:
                table[normalize(form.replace("_", " "))] = english
    return table


@cache
def _phrases_re() -> re.Pattern[str]:
    """The foreign phrases of several words (onde fica, en masse), longest first."""
    phrases = sorted((p for p in foreign_words() if " " in p), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b")


_WORD_RE = re.compile(r"[a-z]+")


def starts_a_foreign_phrase(normalized: str) -> bool:
    """Tell whether a normalised text starts with a foreign phrase (lijep pozdrav): its
    capitalised first word is no name."""
    return _phrases_re().match(normalized) is not None


def from_foreign_words(normalized: str) -> str:
    """Read the words of other European languages in a normalised question as English ones
    ("quanto is the subsidy": how much; "flachen": area)."""
    if not _LATIN_RUN_RE.search(normalized):  # no latin word of three letters
        return normalized
    table = foreign_words()
    text = _phrases_re().sub(lambda m: table[m.group()], normalized)
    return _WORD_RE.sub(lambda m: table.get(m.group(), m.group()), text)


@cache
def japanese_words() -> dict[str, str]:
    """bot/data/japanese.txt: Japanese words, each with the Mandarin it is read as."""
    pairs = (line.partition("=") for line in _data("japanese.txt"))
    return {japanese: mandarin or " " for japanese, _, mandarin in pairs}


@cache
def _japanese_re() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(japanese_words(), key=len, reverse=True))))


@cache
def _shinjitai() -> opencc.OpenCC:
    """Japanese kanji forms (産, 総, 営) to traditional characters, built on first use."""
    return opencc.OpenCC("jp2t")


def is_japanese(text: str) -> bool:
    """Tell whether a question is written in Japanese: it holds two kana letters or more
    (の alone is Chinese slang: 安阳の园区)."""
    return len(_KANA_RE.findall(text)) >= 2


def from_japanese(text: str) -> str:
    """Read a question written in Japanese as Mandarin: its words from the list, its kanji as
    traditional characters; a text without kana is left as it is."""
    if not is_japanese(text):
        return text
    words = _japanese_re().sub(lambda m: japanese_words()[m.group()], text)
    return str(_shinjitai().convert(words))
