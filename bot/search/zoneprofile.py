"""Tell whether a zone's name, industries, region or sources hold what "which zones" asks.

A zone is named after its industry (光电智能制造产业园) or lists it among its industries, and its
entries' texts have the zone's name taken out: ranking entries alone leaves such a zone out of
"哪些园区有智能制造". China's regions are general geography, not knowledge of a zone. A day
asked ("5月12日走访了哪些园区") is one an entry's answer or period gives.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.kb.models import Zone
from bot.search.features import EN_STOPWORDS, stem
from bot.search.index import EntryRecord
from bot.search.textnorm import latin_words
from bot.search.zonefind import (
    GENERIC_KINDS,
    KIND_OF_FORM,
    ZONE_SUFFIX_RE,
    chinese_zone_keys,
    zone_kinds_en,
)

# The statistical regions of China, by the provinces' short names.
_REGION_PROVINCES = {
    "west": "重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 广西 内蒙古",
    "east": "北京 天津 河北 上海 江苏 浙江 福建 山东 广东 海南",
    "central": "山西 安徽 江西 河南 湖北 湖南",
    "northeast": "辽宁 吉林 黑龙江",
}
_REGION_WORDS = {
    "west": re.compile(r"西部|西边|大西北|西北|西南|\bwest(ern)?\b", re.IGNORECASE),
    "east": re.compile(r"东部|东边|沿海|\beast(ern)?\b|\bcoastal\b", re.IGNORECASE),
    "central": re.compile(r"中部|中间那[边块]|\bcentral\b", re.IGNORECASE),
    "northeast": re.compile(r"东北|\bnorth-?east(ern)?\b", re.IGNORECASE),
}
_IS_KIND_ZH = re.compile(f"是(?:不是)?(?:国家级|省级)?(?P<kind>{ZONE_SUFFIX_RE.pattern})")
_IS_KIND_EN = re.compile(r"\b(?:are|is)(?: not)? (?:an? )?(?:national )?(?P<rest>[a-z -]+)")
_DAY_ZH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9]) ?月 ?(3[01]|[12]\d|0?[1-9]) ?[日号](?!\d)")
_MONTHS_EN = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH_EN = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_EN = re.compile(  # any day number: "May 40" names a day no source gives
    rf"\b{_MONTH_EN} (\d\d?)(?:st|nd|rd|th)?\b"
    rf"|\b(\d\d?)(?:st|nd|rd|th)? (?:of )?{_MONTH_EN}\b"
)
_DAY_ISO = re.compile(r"(?<!\d)\d{4}-(\d\d)-(\d\d)(?!\d)")
_GENERIC_EN = frozenset(stem(w) for w in "industry industries new high end".split())
_KIND_EN = frozenset(  # words of a zone's English name that say only what kind of zone it is
    stem(w)
    for w in """industrial park zone area district hi tech technology technological development
    economic base city science""".split()
)


def regions_named(text: str) -> list[str]:
    """The regions of China a question names ("西部地区", "western China")."""
    return [region for region, pattern in _REGION_WORDS.items() if pattern.search(text)]


def _in_region(zone: Zone, region: str) -> bool:
    where = zone.location.zh if zone.location and zone.location.zh else ""
    return any(p in where for p in _REGION_PROVINCES[region].split())


def profile_holds(zone: Zone, topic: str, words_zh: list[str]) -> bool:
    """Tell whether a zone's name, industries or region hold a cross question's topic.

    `words_zh` are the question's Chinese content words; English industries count when every
    telling word of one of them is in the topic, or when the words the topic shares with one
    industry or with the zone's English name (its kind and place left out) are two or more.
    """
    regions = regions_named(topic)
    if regions and any(_in_region(zone, r) for r in regions):
        return True
    keys = [k for k, kind in chinese_zone_keys(zone) if kind in ("name", "short")]
    cores = [ZONE_SUFFIX_RE.sub("", k) for k in keys]  # 产业园, 高新区 name no industry
    names = [*cores, *zone.industries.zh]
    if any(w in n for w in words_zh for n in names if len(w) >= 2):
        return True
    asked = {stem(w) for w in latin_words(topic.lower())}
    if not asked:  # a Chinese question: its words are weighed above
        return False
    industries = [_telling(industry) for industry in zone.industries.en]
    if any(telling and telling <= asked for telling in industries):
        return True
    # "intelligent manufacturing stuff": two or more words of one industry (intelligent
    # equipment manufacturing) or of the zone's own name, and none of its other words
    place = _telling(zone.location.en if zone.location and zone.location.en else "")
    own = [*industries, _telling(zone.name.en or "") - _KIND_EN - place]
    held = asked & set().union(*own)
    return len(held) >= 2 and any(held <= telling for telling in own)


@lru_cache(maxsize=65536)
def _telling(text: str) -> frozenset[str]:
    """The stemmed English words of a name or an industry that say what it is."""
    return frozenset(
        {stem(w) for w in latin_words(text.lower()) if w not in EN_STOPWORDS} - _GENERIC_EN
    )


def days_named(text: str) -> frozenset[tuple[int, int]]:
    """The days of the year (month, day) a normalised question names: 5月12日, 5月12号, May 12."""
    days = {(int(m), int(d)) for m, d in _DAY_ZH.findall(text)}
    for month, day, day_first, month_after in _DAY_EN.findall(text.lower()):
        name = month or month_after
        days.add((_MONTHS_EN.index(name[:3]) + 1, int(day or day_first)))
    return frozenset(days)


def days_given(record: EntryRecord) -> frozenset[tuple[int, int]]:
    """The days of the year an entry's Chinese answer and its period give."""
    entry = record.entry
    days = {(int(m), int(d)) for m, d in _DAY_ZH.findall(entry.answer.zh or "")}
    days |= {(int(m), int(d)) for m, d in _DAY_ISO.findall(entry.as_of or "")}
    return frozenset(days)


def kinds_asked(text: str) -> frozenset[str]:
    """The kinds of zone a cross question asks zones to be (哪些是高新区, which are HTZs)."""
    kinds = {
        KIND_OF_FORM[m.group("kind")]
        for m in _IS_KIND_ZH.finditer(text.replace(" ", ""))
        if m.group("kind") not in GENERIC_KINDS
    }
    english = zone_kinds_en()
    for m in _IS_KIND_EN.finditer(text.lower()):
        letters = re.sub(r"[^a-z]", "", m.group("rest"))
        kinds |= {kind for form, (kind, _) in english.items() if letters.startswith(form)}
    return frozenset(kinds)


def of_kind(zone: Zone, kinds: frozenset[str]) -> bool:
    """Tell whether a zone's name or an alias says it is of one of these kinds."""
    for key, how in chinese_zone_keys(zone):
        ends = ZONE_SUFFIX_RE.findall(key) if how in ("name", "alias") else []
        if ends and key.endswith(ends[-1]) and KIND_OF_FORM.get(ends[-1]) in kinds:
            return True
    return False


def kind_as_written(text: str, kind: str) -> str:
    """How a question writes a kind of zone (高新区 for 高新技术产业开发区), or the kind."""
    forms = [form for form, of in KIND_OF_FORM.items() if of == kind and form in text]
    return max(forms, key=len) if forms else kind
