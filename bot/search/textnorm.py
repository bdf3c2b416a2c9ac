"""Text normalisation: what people type, folded to one comparable form."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from importlib import resources

import opencc

from bot.kb.models import Lang

MIN_ENGLISH_WORDS = 3  # a question holding Chinese is English with this many English words
MAX_QUESTION_CHARS = 400  # matching looks at this prefix, so cost never grows with length

_T2S = opencc.OpenCC("t2s")  # every normalisation needs it

CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD_RE = re.compile(r"[a-z]+")
_AMPERSAND_RE = re.compile(r"&(?<=[a-z]&)(?=[a-z])")
# 有几大 ending a question asks how big (多大), as Cantonese 有幾大 does; before a noun it asks
# how many major ones (有几大产业集群)
_HOW_BIG_AT_END_RE = re.compile(r"(?<=[^\d])几大(?=$| |[呢啊呀吗哈啦嘛哦])")
# south-western 好多 asks how much (好多钱, 营收好多嘛, 能拿好多补贴 ending the question);
# elsewhere it says "a lot of"
_HOW_MUCH_SOUTHWEST_RE = re.compile(r"好多(?=钱|[\u4e00-\u9fff]{0,4}?[嘛咯啰呢吗]?$)")
_THOUSANDS_RE = re.compile(r",(?<=\d,)(?=\d{3})")
_SPACES_RE = re.compile(r"  +")
# Spaces are kept as they are (_tidy folds runs of them): single spaces are most of a text.
_KEEP_RE = re.compile(r"[^0-9a-z.% \n\u3400-\u4dbf\u4e00-\u9fff]+")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# A lone numeral counts only before a measure word: 三个月 is 3个月, but 零碳 and 一体 stay words.
_CN_NUMBER_RE = re.compile(  # one branch, so the regex engine skips to the numerals
    r"[零〇一二两三四五六七八九十百千]"
    r"(?:[零〇一二两三四五六七八九十百千]+|(?=[个年月日天周层栋座项家条期次倍位名人万亿成大届号种类批所台套亩%％]))"
)
_BIG_UNIT_RE = re.compile("[万亿]")
_NUMBER_BEFORE_RE = re.compile(r"(?:\d+\.)?\d+\Z")  # the number a unit follows
_LONGEST_NUMBER = 40  # characters looked back from a unit, unless the number goes on
_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")  # JSON can carry them; OpenCC cannot


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones (lone surrogates are dropped)."""
    return str(_T2S.convert(_LONE_SURROGATE_RE.sub("", text)))


def to_traditional(text: str) -> str:
    """Convert simplified characters to traditional ones, for askers who write them (each
    part between NUL characters on its own: the Taiwan converter stops at the first)."""
    parts = _LONE_SURROGATE_RE.sub("", text).split("\0")
    return "\0".join(str(_s2t().convert(part)) for part in parts)


@cache
def _s2t() -> opencc.OpenCC:
    """Build the simplified-to-traditional converter on first use: 50-120 ms most commands skip.

    Taiwan's standard forms (為, 裡, 床), which readers of traditional characters write, not
    OpenCC's historical ones (爲, 裏, 牀)."""
    return opencc.OpenCC("s2tw")


def is_traditional(text: str) -> bool:
    """Tell whether the text is written in traditional characters."""
    text = _LONE_SURROGATE_RE.sub("", text)
    return bool(CJK_RE.search(text)) and to_simplified(text) != text


def chinese_number(run: str) -> str:
    """Turn one run of Chinese numerals into Arabic digits (三 -> 3, 二十五 -> 25, 一五 -> 15)."""
    if not any(ch in _CN_UNITS for ch in run):
        return "".join(str(_CN_DIGITS[ch]) for ch in run)
    total, digit = 0, 0
    for ch in run:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
    return str(total + digit)


def _expand_big_units(text: str) -> str:
    """Write 5000万 and 2.4亿 as whole numbers, so either way of writing matches.

    Units are rare and digits are not, so look back from each unit for its number.
    """
    pieces: list[str] = []
    done = 0
    for unit in _BIG_UNIT_RE.finditer(text):
        at = unit.start()
        start = max(done, at - _LONGEST_NUMBER)
        number = _NUMBER_BEFORE_RE.search(text, start, at)
        if number is None:
            continue
        if start > done and number.start() <= start + 1:  # it may begin before the look-back
            number = _NUMBER_BEFORE_RE.search(text, done, at)
            assert number is not None
        value = float(number.group(0)) * (10_000 if unit.group(0) == "万" else 100_000_000)
        if value.is_integer():
            pieces += (text[done : number.start()], str(int(value)))
            done = at + 1
    return "".join(pieces) + text[done:] if pieces else text


_NEEDS_NFKC_RE = re.compile(r"[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]+")  # the rest is NFKC already
# Dots at a word's edges: a run after a space (or the start), or before one (or the end);
# dots inside a number or word (2.4, u.s) stay.
_EDGE_DOTS_RE = re.compile(r"\.(?:(?<=(?<!\S)\.)\.*|\.*(?!\S))")
# The same few punctuation marks come back again and again: each folded once.
_nfkc = lru_cache(maxsize=4096)(partial(unicodedata.normalize, "NFKC"))


@lru_cache(maxsize=4096)
def _compatible(text: str) -> str:
    return _without_tones(_nfkc(text))


def _compatibility(match: re.Match[str]) -> str:
    return _compatible(match.group(0))


_TONED_U_RE = re.compile("[üǖǘǚǜÜǕǗǙǛ]")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]")


def _without_tones(text: str) -> str:
    """Pinyin typed with its tone marks (Lúzhōu, lǜsè) as typed without: ü as v, as the
    pinyin table writes it; other accented latin letters lose their accents (café)."""
    if text.isascii():
        return text
    text = _TONED_U_RE.sub("v", text)
    bare = _COMBINING_RE.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", bare)  # what had no accent is as it was (한글)


@cache
def pinyin_word_list(name: str) -> dict[str, str]:
    """A word list of bot/data by toneless pinyin (naxie -> 哪些, shuo -> 说), the first of
    words alike kept; a spelling written out (shei=谁) is taken as written."""
    text = resources.files("bot").joinpath(f"data/{name}").read_text("utf-8")
    words: dict[str, str] = {}
    for line in text.splitlines():
        for item in line.split() if not line.startswith("#") else ():
            spelt, _, word = item.rpartition("=")
            syllables = [char_pinyin(ch) for ch in word]
            if spelt:
                words.setdefault(spelt, word)
            elif all(syllables):
                words.setdefault("".join(s or "" for s in syllables), word)
    return words


def _fold(text: str) -> str:
    """Fold width, case, script, numerals, units and punctuation; line breaks survive."""
    text = to_simplified(_NEEDS_NFKC_RE.sub(_compatibility, text).lower())
    text = _CN_NUMBER_RE.sub(lambda m: chinese_number(m.group(0)), text)
    text = _AMPERSAND_RE.sub("", text)  # R&D -> rd
    text = _THOUSANDS_RE.sub("", text)
    text = _expand_big_units(text)
    return _KEEP_RE.sub(" ", text)


def _tidy(text: str) -> str:
    """Drop dots at the edges of words and spaces at the edges of lines; one space between."""
    text = _SPACES_RE.sub(" ", _EDGE_DOTS_RE.sub("", text))
    return text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")


_LAST_WORD_RE = re.compile(r"[a-z0-9.]+$")
_FISCAL_YEAR_RE = re.compile(r"\bfy ?(?:20)?(\d\d)\b")  # FY23, FY 2023: the year 2023
_WHICH_ONE_RE = re.compile(r"哪[一1](?=些|个|家|位|座|所)")  # 哪一些, 哪一个: 哪些, 哪个


def normalize(text: str) -> str:
    """Fold what people type to one form for matching, looking at a bounded prefix.

    Written Cantonese is read as the Mandarin it says (`from_cantonese`).
    """
    text = from_cantonese(text[: MAX_QUESTION_CHARS * 2])
    folded = _HOW_BIG_AT_END_RE.sub("多大", _tidy(_fold(text.replace("\n", " "))))
    folded = _FISCAL_YEAR_RE.sub(r"20\1", folded)
    folded = _WHICH_ONE_RE.sub("哪", folded)
    folded = _HOW_MUCH_SOUTHWEST_RE.sub("多少", folded)
    cut = folded[:MAX_QUESTION_CHARS]
    if len(folded) > MAX_QUESTION_CHARS and folded[MAX_QUESTION_CHARS].isalnum():
        cut = _LAST_WORD_RE.sub("", cut).rstrip() or cut  # no piece of a word ("wou" of would)
    return cut


@dataclass(frozen=True)
class _Cantonese:
    """bot/data/cantonese.txt: each form of a word by its first character, longest first."""

    always: dict[str, list[tuple[str, str]]]  # words no Mandarin question writes
    everywhere: dict[str, list[tuple[str, str]]]  # those, the rest, and Mandarin words kept
    firsts: re.Pattern[str]  # any first character of `always`
    firsts_all: re.Pattern[str]
    takes: frozenset[str]  # words that take the last character of a Mandarin word kept


def _forms(word: str) -> set[str]:
    """A word as typed in traditional, simplified or mixed characters (邊度, 边度)."""
    forms = {""}
    for ch in word:
        options = {ch, to_simplified(ch)} - {""}
        forms = {form + option for form in forms for option in options}
    return forms


@cache
def _cantonese() -> _Cantonese:
    text = resources.files("bot").joinpath("data/cantonese.txt").read_text(encoding="utf-8")
    tiers: dict[str, dict[str, str]] = {"always": {}, "cantonese": {}, "kept": {}}
    tier = "always"
    takes: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            tier = line[1:-1]
            continue
        for token in line.split() if not line.startswith("#") else ():
            word, _, mandarin = token.partition("=")
            if word.startswith("+"):
                word = word[1:]
                takes.update(_forms(word))
            for form in _forms(word):
                tiers[tier][form] = form if tier == "kept" else mandarin.replace("-", "")

    def by_first(words: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {}
        for word in sorted(words, key=len, reverse=True):
            out.setdefault(word[0], []).append((word, words[word]))
        return out

    def firsts(table: dict[str, list[tuple[str, str]]]) -> re.Pattern[str]:
        return re.compile("[" + "".join(map(re.escape, sorted(table))) + "]")

    always = by_first({**tiers["always"], **tiers["kept"]})
    everywhere = by_first({**tiers["always"], **tiers["cantonese"], **tiers["kept"]})
    return _Cantonese(always, everywhere, firsts(always), firsts(everywhere), frozenset(takes))


def _cantonese_words(
    text: str,
    table: dict[str, list[tuple[str, str]]],
    firsts: re.Pattern[str],
    takes: frozenset[str] = frozenset(),
) -> Iterator[tuple[int, str, str]]:
    """Where each word of `table` begins in `text`, left to right, the longest at a place.

    A word of `takes` beginning at the last character of a Mandarin word kept takes that
    character (變電站點樣: 站 and 點樣, not 站點 and 樣).
    """
    at = 0
    while found := firsts.search(text, at):
        start = found.start()
        for word, mandarin in table[text[start]]:
            if text.startswith(word, start):
                end = start + len(word)
                if word == mandarin and _taken(text, end - 1, takes) > end:
                    word = mandarin = word[:-1]
                    end -= 1
                yield start, word, mandarin
                at = end
                break
        else:
            at = start + 1


def _taken(text: str, start: int, takes: frozenset[str]) -> int:
    """Where a word of `takes` beginning at `start` ends, else 0."""
    return max((start + len(w) for w in takes if text.startswith(w, start)), default=0)


def from_cantonese(text: str) -> str:
    """Read written Cantonese as Mandarin (幾多 -> 多少, 喺邊度 -> 在哪里, 嘅 -> 的, 㗎 -> "").

    Words also found in Mandarin (係, 點) are read so only in a question holding a word no
    Mandarin question writes; Mandarin words holding them (關係, 地點) are left as they are,
    and hide the Cantonese words inside them while the question is not found Cantonese.
    """
    table = _cantonese()
    if not table.firsts.search(text):
        return text
    found = _cantonese_words(text, table.always, table.firsts)
    if all(word == mandarin for _at, word, mandarin in found):  # only Mandarin words kept
        return text
    pieces: list[str] = []
    done = 0
    words = _cantonese_words(text, table.everywhere, table.firsts_all, table.takes)
    for start, word, mandarin in words:
        pieces += (text[done:start], mandarin)
        done = start + len(word)
    return "".join(pieces) + text[done:]


def normalize_all(texts: list[str], chunk: int = 5000) -> list[str]:
    """Normalise many knowledge base texts (no prefix bound), `chunk` at a time, in order."""
    out: list[str] = []
    for start in range(0, len(texts), chunk):
        joined = "\n".join(t.replace("\n", " ") for t in texts[start : start + chunk])
        out += _tidy(_fold(joined)).split("\n")
    return out


_RARE_SYLLABLES = frozenset({"o", "n", "m", "ng", "hm", "hng", "lo", "yo", "ei", "r"})
PINYIN_FIRST = 0x3400  # bot/data/pinyin.txt covers U+3400..U+9FFF


@cache
def char_pinyin_table() -> dict[str, str]:
    """Map each Chinese character to its most common toneless pinyin syllable."""
    text = resources.files("bot").joinpath("data/pinyin.txt").read_text(encoding="utf-8")
    return {
        chr(PINYIN_FIRST + i): syllable
        for i, syllable in enumerate(text.split())
        if syllable != "-"
    }


@cache
def pinyin_syllables() -> frozenset[str]:
    """Return the toneless pinyin syllables people type (interjections left out)."""
    return frozenset(char_pinyin_table().values()) - _RARE_SYLLABLES


def char_pinyin(ch: str) -> str | None:
    """Return the toneless pinyin of one Chinese character, or None."""
    return char_pinyin_table().get(ch)


@lru_cache(maxsize=65536)  # bounded: askers can type any number of different words
def split_pinyin(word: str, *, min_letters: float = 2.5) -> tuple[str, ...] | None:
    """Split a latin word into pinyin syllables ("chanyeyuan" -> chan ye yuan), or None.

    Among other pinyin words a short one is pinyin too (qu, juji): callers say so with a
    lower `min_letters` a syllable.
    """
    syllables = pinyin_syllables()
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            prefix = best[start]
            if prefix is not None and word[start:end] in syllables:
                candidate = (*prefix, word[start:end])
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    found = best[len(word)]
    # English words split into many short syllables (a-re-a, chi-na); pinyin rarely does.
    return found if found and len(word) / len(found) >= min_letters else None


_NUMERALS = "一二两三四五六七八九十百千"
_MEASURES = "条大个家项座栋层次期批年倍种名位台"  # what a number counts in a question


@cache
def _by_sound(chars: str) -> dict[str, str]:
    """Each character of `chars` by its toneless pinyin (the first of two alike wins)."""
    sounds: dict[str, str] = {}
    for ch in chars:
        sounds.setdefault(char_pinyin(ch) or ch, ch)
    return sounds


def counted_in_pinyin(syllables: Sequence[str]) -> str | None:
    """The Chinese of pinyin syllables that count something ("shi tiao" 十条, "san da" 三大).

    Numerals only before a measure word: alone, shi, yi and qi are 是, 以 and 企 more often.
    """
    numerals, measures = _by_sound(_NUMERALS), _by_sound(_MEASURES)
    *numbers, last = syllables or ("",)
    if not numbers or last not in measures or not all(s in numerals for s in numbers):
        return None
    return "".join(numerals[s] for s in numbers) + measures[last]


def alternation(words: list[str]) -> re.Pattern[str]:
    """One regex matching any of the words, longest first (never matches when empty)."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)) or r"(?!x)x")


def latin_words(normalized: str) -> list[str]:
    """Return the latin words of a normalised text."""
    return _LATIN_WORD_RE.findall(normalized)


def looks_like_pinyin(normalized: str) -> bool:
    """Tell whether a latin-only question is pinyin rather than English words."""
    words = latin_words(normalized)
    if not words:
        return False
    pinyin = [w for w in words if len(w) > 1 and split_pinyin(w, min_letters=2) is not None]
    long_words = [w for w in words if len(w) > 1]
    return bool(long_words) and len(pinyin) >= 0.75 * len(long_words)


def _mostly_english(normalized: str) -> bool:
    """Tell whether a question holding Chinese is written in English words all the same.

    "qinghai 零碳 park, what services does the data center give" names a zone in Chinese
    and asks in English: three English words or more (words no pinyin spells), and more of
    them than Chinese characters, ask for an English answer.
    """
    english = [
        w for w in latin_words(normalized) if len(w) > 1 and split_pinyin(w, min_letters=2) is None
    ]
    return len(english) >= MIN_ENGLISH_WORDS and len(english) > len(CJK_RE.findall(normalized))


# letters of scripts the bot does not read: Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai,
# Hangul
_OTHER_SCRIPT_RE = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f\uac00-\ud7af]"
)


def detect_lang(text: str, normalized: str | None = None) -> Lang | None:
    """Return "en" for a question in English words, "zh" for Chinese or pinyin, else None.

    A caller that normalised the text already passes it, so it is not normalised twice.
    """
    normalized = normalize(text) if normalized is None else normalized
    if CJK_RE.search(text):
        return "en" if _mostly_english(normalized) else "zh"
    if _OTHER_SCRIPT_RE.search(text):  # Russian, Korean, Arabic...: English is read more widely
        return "en"
    if not latin_words(normalized):
        return None
    return "zh" if looks_like_pinyin(normalized) else "en"


def to_pinyin(normalized: str) -> list[str]:
    """Spell a normalised text as pinyin syllables: Chinese characters and pinyin words alike."""
    out: list[str] = []
    for token in re.findall(r"[a-z]+|[\u3400-\u9fff]|\d+(?:\.\d+)?", normalized):
        if token[0].isascii() and token[0].isalpha():
            out.extend(split_pinyin(token) or ())
        elif token[0].isdigit():
            out.append(token)
        else:
            syllable = char_pinyin(token)
            if syllable:
                out.append(syllable)
    return out
