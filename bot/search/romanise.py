"""Spell a place's pinyin the ways older and foreign romanisations do (Tsingtao, Luchzhou).

Askers write Chinese place names as they met them: in Wade-Giles and the postal spellings
(Tsingtao, Tsinghai, Luchow), or transliterated from Russian (Tsindao, Tsinkhay, Luchzhou).
Each system is a table of initials and finals: a syllable is its initial's spelling and its
final's, so every place in the pinyin table has its spellings, not only ours.
"""

from __future__ import annotations

from collections.abc import Sequence

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
             "x", "r", "z", "c", "s", "y", "w")  # fmt: skip

# Wade-Giles without its apostrophes and umlauts, as people type it (Chingtao, Taiyuan).
_WADE_INITIALS = {"b": "p", "d": "t", "g": "k", "j": "ch", "q": "ch", "x": "hs", "zh": "ch",
                  "r": "j", "z": "ts", "c": "ts"}  # fmt: skip
_WADE_FINALS = {"ong": "ung", "iong": "iung", "ian": "ien", "ie": "ieh", "ue": "ueh",
                "ui": "uei", "uo": "o"}  # fmt: skip
# The postal spellings: ts before i where Wade-Giles writes ch (Tsingtao), -ow for -ou (Luchow).
_POSTAL_INITIALS = {**_WADE_INITIALS, "j": "ts", "q": "ts", "x": "s"}
_POSTAL_FINALS = {**_WADE_FINALS, "ou": "ow"}
# Palladius (the Russian system) in latin letters: Цинхай is Tsinkhay, or Tsinhai as typed.
_RUSSIAN_INITIALS = {"j": "tsz", "q": "ts", "x": "s", "zh": "chzh", "r": "zh", "z": "tsz",
                     "c": "ts", "h": "kh"}  # fmt: skip
_RUSSIAN_FINALS = {"ing": "in", "eng": "en", "ang": "an", "ong": "un", "iong": "yun",
                   "ian": "yan", "ie": "e", "ei": "ey", "ai": "ay", "iu": "yu", "ui": "uy",
                   "uo": "o"}  # fmt: skip
_SYSTEMS: tuple[tuple[dict[str, str], dict[str, str]], ...] = (
    (_WADE_INITIALS, _WADE_FINALS),
    (_POSTAL_INITIALS, _POSTAL_FINALS),
    (_RUSSIAN_INITIALS, _RUSSIAN_FINALS),
    ({**_RUSSIAN_INITIALS, "h": "h"}, {**_RUSSIAN_FINALS, "ai": "ai", "ei": "ei"}),
)
MAX_SYLLABLES = 3  # place names; a longer key is a zone's full name, which no one writes so


def _split(syllable: str) -> tuple[str, str]:
    """A pinyin syllable's initial and final (zhou -> zh, ou; an -> "", an)."""
    initial = next((i for i in _INITIALS if syllable.startswith(i)), "")
    return initial, syllable[len(initial) :]


def _spelt(syllable: str, initials: dict[str, str], finals: dict[str, str]) -> str:
    initial, final = _split(syllable)
    if initial in ("zh", "ch", "sh", "r") and final == "i":  # zhi, shi: Wade-Giles chih, shih
        final = "ih"
    if initial == "y" and final.startswith("i"):  # ying, yin: the y is pinyin's alone
        initial = ""
    return initials.get(initial, initial) + finals.get(final, final)


def other_romanisations(syllables: Sequence[str]) -> list[str]:
    """A place's pinyin syllables spelt in the other systems, joined; pinyin itself left out."""
    if not 2 <= len(syllables) <= MAX_SYLLABLES:
        return []
    pinyin = "".join(syllables)
    spelt = {
        "".join(_spelt(s, initials, finals) for s in syllables) for initials, finals in _SYSTEMS
    }
    return sorted(s for s in spelt if s != pinyin)
