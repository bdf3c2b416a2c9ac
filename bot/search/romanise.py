"""Spell a place's pinyin the ways older and foreign romanisations do (Tsingtao, Luchzhou).

Askers write Chinese place names as they met them: in Wade-Giles and the postal spellings
(Tsingtao, Tsinghai, Luchow), or transliterated from Russian (Tsindao, Tsinkhay, Luchzhou).
Each system spells a syllable from its initial and final, so every place in the pinyin table
has its spellings, not only ours. Apostrophes and umlauts are left out, as people type them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
             "x", "r", "z", "c", "s", "y", "w")  # fmt: skip
_PALATAL = ("j", "q", "x", "y")  # their u is ü (ju, quan, xue, yun)

_WADE_INITIALS = {"b": "p", "d": "t", "g": "k", "j": "ch", "q": "ch", "x": "hs", "zh": "ch",
                  "r": "j", "z": "ts", "c": "ts"}  # fmt: skip
_WADE_FINALS = {"ong": "ung", "iong": "iung", "ian": "ien", "ie": "ieh", "ve": "veh",
                "ui": "uei", "uo": "o"}  # fmt: skip
_WADE_Y = {"yi": "i", "ye": "yeh", "yan": "yen", "you": "yu", "yong": "yung", "yu": "yu",
           "yue": "yueh", "yuan": "yuan", "yun": "yun"}  # fmt: skip

_RUSSIAN_INITIALS = {"h": "kh", "j": "tsz", "q": "ts", "x": "s", "zh": "chzh", "r": "zh",
                     "z": "tsz", "c": "ts", "w": "v"}  # fmt: skip
_RUSSIAN_FINALS = {"ai": "ay", "ei": "ey", "ang": "an", "eng": "en", "ong": "un", "ia": "ya",
                   "ie": "e", "iao": "yao", "iu": "yu", "ian": "yan", "iang": "yan", "ing": "in",
                   "iong": "yun", "uo": "o", "uai": "uay", "ui": "uy", "uang": "uan", "v": "yuy",
                   "ve": "yue", "van": "yuan", "vn": "yun"}  # fmt: skip
_RUSSIAN_Y = {"yi": "i", "yin": "in", "ying": "in", "ye": "e", "you": "yu", "yong": "yun",
              "yu": "yuy", "yue": "yue", "yuan": "yuan", "yun": "yun", "yang": "yan",
              "yai": "yay"}  # fmt: skip
_RUSSIAN_W = {"wu": "u", "wai": "vay", "wei": "vey", "wang": "van", "weng": "ven"}


def _split(syllable: str) -> tuple[str, str]:
    """A pinyin syllable's initial and final, ü written v (quan -> q, van; an -> "", an)."""
    initial = next((i for i in _INITIALS if syllable.startswith(i)), "")
    final = syllable[len(initial) :]
    if initial in _PALATAL and final.startswith("u"):
        final = "v" + final[1:]
    return initial, final


def _wade(syllable: str) -> str:
    """Wade-Giles: Ch'ing-tao typed chingtao, Shih-chia-chuang, Tzu-yang."""
    initial, final = _split(syllable)
    if initial == "y":
        return _WADE_Y.get(syllable, syllable).replace("v", "u")
    if initial in ("zh", "ch", "sh", "r") and final == "i":
        final = "ih"
    elif initial in ("z", "c", "s") and final == "i":
        return {"z": "tzu", "c": "tzu", "s": "ssu"}[initial]
    elif final == "uo" and initial in ("g", "k", "h", "sh"):
        final = "uo"  # kuo, huo, shuo
    elif final == "e" and initial in ("g", "k", "h"):
        final = "o"  # ko, ho
    else:
        final = _WADE_FINALS.get(final, final)
    return (_WADE_INITIALS.get(initial, initial) + final).replace("v", "u")


def _postal(syllable: str) -> str:
    """The postal spellings: ts and s before i (Tsingtao, Sian), -ow for -ou (Luchow)."""
    spelt = _wade(syllable)
    initial, final = _split(syllable)
    if initial in ("j", "q") and final.startswith("i"):
        spelt = "ts" + spelt[2:]
    elif initial == "x" and final.startswith("i"):
        spelt = "s" + spelt[2:]
    return spelt[:-2] + "ow" if spelt.endswith("ou") else spelt


def _russian(syllable: str) -> str:
    """Palladius in latin letters: Tsindao, Tsinkhay, Luchzhou, Shitszyachzhuan, Ukhan."""
    initial, final = _split(syllable)
    if initial == "y":
        return _RUSSIAN_Y.get(syllable, syllable)
    if initial == "w":
        return _RUSSIAN_W.get(syllable, "v" + syllable[1:])
    if final == "i" and initial in ("z", "c", "s"):
        final = "y"  # tszy, tsy, sy
    else:
        final = _RUSSIAN_FINALS.get(final, final)
    return _RUSSIAN_INITIALS.get(initial, initial) + final


def _russian_as_typed(syllable: str) -> str:
    """The Russian spelling as askers type it: h for kh, ai and ei kept (Tsinhai)."""
    spelt = _russian(syllable).replace("kh", "h")
    return spelt[:-2] + syllable[-2:] if syllable.endswith(("ai", "ei")) else spelt


# Central European, Dutch, Afrikaans, Catalan and English readers spell by ear in their own
# letters: y as j (Tajjuan, Tsjingdau), zh as č, sj, tx or j (Lučou typed Lucou, Lusjou,
# Lutxou, Lujou), q as č, tsj, tx or ch (Txingdao)
_SLAVIC_INITIALS = {"zh": "c", "ch": "c", "sh": "s", "j": "dz", "q": "c", "x": "s", "r": "z",
                    "z": "dz", "y": "j", "w": "v"}  # fmt: skip
_DUTCH_INITIALS = {"zh": "dzj", "ch": "tsj", "sh": "sj", "j": "dzj", "q": "tsj", "x": "sj",
                   "z": "dz", "c": "ts", "y": "j"}  # fmt: skip
_AFRIKAANS_INITIALS = {"zh": "sj", "ch": "tsj", "sh": "sj", "j": "dj", "q": "tsj", "x": "sj",
                       "y": "j"}  # fmt: skip
_CATALAN_INITIALS = {"zh": "tx", "ch": "tx", "j": "tx", "q": "tx"}  # (sh as x is pinyin x)
_ENGLISH_INITIALS = {"zh": "j", "q": "ch", "x": "sh", "c": "ts"}
_JAPANESE_INITIALS = {"l": "r", "zh": "j", "q": "ch", "x": "sh", "c": "ts"}  # Rujou: l as r
# Polynesian ears, with no sh, ch or z: Lusou, Tinghai
_POLYNESIAN_INITIALS = {"zh": "s", "ch": "s", "sh": "s", "j": "s", "q": "t", "x": "s", "z": "s",
                        "c": "s"}  # fmt: skip
# German, Portuguese and Italian ears: zh and sh as sch, x or sci (Luschou, Luxou, Lusciou),
# q as tsch, tch or c (Tschingdau, Cingdao), y as i or j (Aniang, Tai Iuan)
_GERMAN_INITIALS = {"zh": "sch", "ch": "tsch", "sh": "sch", "j": "dsch", "q": "tsch", "x": "sch",
                    "z": "ds", "c": "z", "y": "j"}  # fmt: skip
_PORTUGUESE_INITIALS = {"zh": "x", "ch": "tch", "sh": "x", "j": "dj", "q": "tch", "y": "i"}
# zh, ch, sh said flat as z, c, s, as in much of southern China (Zongbei, Luzou); French ou
# and Dutch oe for u (Lou Zhou, Loezjou)
_FLAT_INITIALS = {"zh": "z", "ch": "c", "sh": "s"}
_DUTCH_OE_INITIALS = {"zh": "zj", "ch": "tsj", "sh": "sj", "j": "dzj", "q": "tsj", "x": "sj",
                      "y": "j"}  # fmt: skip
# Italian: before an i the i of sci, ci, gi is not written twice (sci+ou, c+ing)
_ITALIAN_INITIALS = {"zh": "sci", "ch": "ci", "sh": "sci", "j": "gi", "q": "ci", "x": "sci",
                     "y": "i", "w": "u"}  # fmt: skip


def _by_ear(initials: dict[str, str], finals: dict[str, str]) -> Callable[[str], str]:
    """A spelling by ear: each initial and final in the reader's own letters."""

    def spell(syllable: str) -> str:
        initial, final = _split(syllable)
        if initial in _PALATAL and final.startswith("v"):
            final = "u" + final[1:]
        spelt = initials.get(initial, initial)
        final = finals.get(final, final)
        if spelt != initial and spelt.endswith("i") and final.startswith("i"):
            spelt = spelt[:-1]
        return spelt + final

    return spell


_EAR_SYSTEMS: tuple[tuple[dict[str, str], dict[str, str]], ...] = (
    (_SLAVIC_INITIALS, {"ai": "aj", "ei": "ej"}),
    (_DUTCH_INITIALS, {"ao": "au"}),
    (_AFRIKAANS_INITIALS, {"ao": "au"}),
    (_CATALAN_INITIALS, {}),
    (_ENGLISH_INITIALS, {}),
    (_ENGLISH_INITIALS, {"u": "oo", "ou": "o", "ao": "ow"}),  # Loo-jo, Ching Dow
    (_ENGLISH_INITIALS, {"u": "oo", "ou": "oe"}),  # Loo-joe
    (_ENGLISH_INITIALS, {"ou": "o"}),  # Lujo
    (_ENGLISH_INITIALS, {"ai": "ie", "ei": "ay"}),  # Tie-yuan Jong-bay
    (_JAPANESE_INITIALS, {}),
    (_POLYNESIAN_INITIALS, {}),
    (_GERMAN_INITIALS, {"ao": "au"}),
    (_PORTUGUESE_INITIALS, {}),
    (_ITALIAN_INITIALS, {}),
    (_FLAT_INITIALS, {}),
    ({}, {"u": "ou"}),
    ({}, {"ei": "ay"}),  # Zhong Bay
    (_DUTCH_OE_INITIALS, {"u": "oe", "ao": "au"}),
)


def _zh_heard_as_j_or_ch(initials: dict[str, str]) -> list[dict[str, str]]:
    """Unaspirated zh sounds to foreign ears like their j or their ch (Ludžou, Loetsjou)."""
    return [initials, *({**initials, "zh": initials.get(i, i)} for i in ("j", "ch"))]


_SYSTEMS: tuple[Callable[[str], str], ...] = (
    _wade,
    _postal,
    _russian,
    _russian_as_typed,
    *(
        _by_ear(heard, finals)
        for initials, finals in _EAR_SYSTEMS
        for heard in _zh_heard_as_j_or_ch(initials)
    ),
)
MAX_SYLLABLES = 3  # place names; a longer key is a zone's full name, which no one writes so


@cache
def _spellings(syllable: str) -> tuple[str, ...]:
    """A syllable as each system spells it, in the systems' order: a few hundred syllables
    spell every place, so each is spelt once."""
    return tuple(system(syllable) for system in _SYSTEMS)


def other_romanisations(syllables: Sequence[str]) -> list[str]:
    """A place's pinyin syllables spelt in the other systems, joined; pinyin itself left out."""
    if not 2 <= len(syllables) <= MAX_SYLLABLES:
        return []
    pinyin = "".join(syllables)
    spelt = {"".join(parts) for parts in zip(*map(_spellings, syllables), strict=True)}
    return sorted(s for s in spelt if s != pinyin)
