"""What the words after a command mean: the zones they name, or a language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.kb.models import Lang
from bot.search.textnorm import normalize
from bot.search.zonefind import (
    EN_BOUNDARY_WORDS,
    EN_GENERIC_WORDS,
    EN_ZONE_NOUNS,
    GENERIC_SUFFIXES_ZH,
    ZoneFinder,
)

_SEPARATOR_RE = re.compile(r"[\s,，、;；/|&]+")  # between names; words such as "and" are fillers
_FILLER_WORDS = EN_GENERIC_WORDS | EN_ZONE_NOUNS | EN_BOUNDARY_WORDS | {"vs", "versus", "hitech"}
_FILLERS_ZH = frozenset({*GENERIC_SUFFIXES_ZH, "和", "与", "跟", "及", "同", "对比", "比较"})
_LANGUAGES: dict[str, Lang] = {
    "en": "en", "eng": "en", "english": "en", "英文": "en", "英语": "en", "英": "en",
    "zh": "zh", "cn": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh", "中": "zh",
    "zhongwen": "zh", "简体": "zh", "简体中文": "zh", "zhcn": "zh", "zhhans": "zh",
}  # fmt: skip


@dataclass(frozen=True)
class NamedZones:
    """The zones a command's text names, in order, and the parts of it that name none."""

    zone_ids: tuple[str, ...]
    unknown: tuple[str, ...]


def zones_named(finder: ZoneFinder, text: str) -> NamedZones:
    """Read zone names in any form the zone finder knows: full, short, pinyin, English, typos."""
    zone_ids = list(finder.find(normalize(text)).zone_ids)
    unknown: list[str] = []
    for part in _SEPARATOR_RE.split(text):
        found = finder.find(normalize(part)).zone_ids if part.strip() else ()
        zone_ids += [z for z in found if z not in zone_ids]
        if not found and not _names_nothing_new(finder, part):
            unknown.append(part.strip())
    return NamedZones(tuple(zone_ids), tuple(unknown))


def _names_nothing_new(finder: ZoneFinder, part: str) -> bool:
    """Tell whether a part of a name list is a filler ("and", 高新区) or a piece of a zone name."""
    words = normalize(part).split()
    compact = "".join(words)
    if not compact or compact in _FILLERS_ZH:
        return True
    if all(w in _FILLER_WORDS or w in finder.known_words for w in words):
        return True
    return len(compact) >= 2 and any(compact in key for key in finder.zh_keys)


def language_named(text: str) -> Lang | None:
    """Read a language's name or code ("en", "English", "中文"); None when it names none."""
    return _LANGUAGES.get(re.sub(r"[\s_-]+", "", text.lower()))
