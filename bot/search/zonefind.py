"""Find which zone a question is about, or which unknown place it names."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import ZoneProfile
from bot.search.features import FUNCTION_WORDS, STOP_PHRASES_ZH
from bot.search.romanise import other_romanisations
from bot.search.spelling import english_words
from bot.search.textnorm import (
    alternation,
    char_pinyin,
    char_pinyin_table,
    normalize,
    split_pinyin,
)
from bot.search.zonetypos import SOUND, TypoIndex

KeyKind = Literal["name", "short", "city", "alias", "entity"]

GENERIC_SUFFIXES_ZH = (
    "高新技术产业开发区", "经济技术开发区", "高新技术开发区", "智能制造产业园", "产业园区",
    "工业园区", "高新区", "开发区", "产业园", "工业园", "科技园", "园区",
)  # fmt: skip


@cache
def zone_kinds() -> tuple[tuple[str, ...], ...]:
    """Return the kinds of zone, each its full name and the forms people write for it.

    bot/data/zone_kinds.txt: a place followed by one of these names a zone of that kind.
    """
    path = resources.files("bot").joinpath("data/zone_kinds.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(
        tuple(line.split()) for line in lines if line.strip() and not line.startswith("#")
    )


ZONE_SUFFIX_RE = re.compile(
    "(" + "|".join(sorted({f for kind in zone_kinds() for f in kind}, key=len, reverse=True)) + ")"
)
# What may follow a zone's name and still belong to it: 安阳光电园, 青海零碳园区, 泸州高新.
_NAME_TAIL_FORMS = "|".join(
    sorted(
        {f for kind in zone_kinds() for f in kind} | {*GENERIC_SUFFIXES_ZH, "园", "高新"},
        key=len,
        reverse=True,
    )
)
_ENDS_WITH_KIND_RE = re.compile(f"(?:{_NAME_TAIL_FORMS})$")


def name_with_tail(name: str) -> str:
    """A regex for a zone's Chinese name with what may follow it and still belong to it.

    安阳光电 takes 园 or 产业园 with it (安阳光电园); a name that ends with its kind already
    (青岛高新区) takes nothing more: the 产业园 of "青岛高新区产业园…" is another thing.
    """
    escaped = re.escape(name)
    return escaped if _ENDS_WITH_KIND_RE.search(name) else f"{escaped}(?:{_NAME_TAIL_FORMS})?"


def names_with_tails(names: list[str]) -> re.Pattern[str]:
    """One regex for a zone's Chinese names, longest first, each with its tail."""
    ordered = sorted(set(names), key=len, reverse=True)
    return re.compile("|".join(map(name_with_tail, ordered)) or r"(?!x)x")


_NAME_TAIL_RE = re.compile(_NAME_TAIL_FORMS)


def strip_names_with_tails(text: str, names: list[str]) -> str:
    """What names_with_tails(names).sub(" ", text) gives, without compiling a regex.

    Indexing strips every zone's names from its texts: a regex a zone costs about a
    millisecond to compile, 2.5 s at 2,500 zones. The regex's match at a place is the
    longest name written there, then the longest tail after it if the name takes one.
    """
    starts: dict[int, str] = {}  # where a name is written: the longest one there
    for name in sorted(set(names), key=len):
        at = text.find(name)
        while at >= 0:
            starts[at] = name
            at = text.find(name, at + 1)
    if not starts:
        return text
    pieces: list[str] = []
    done = 0
    for at in sorted(starts):
        if at < done:
            continue  # inside the name stripped before
        name = starts[at]
        end = at + len(name)
        if not _ENDS_WITH_KIND_RE.search(name) and (tail := _NAME_TAIL_RE.match(text, end)):
            end = tail.end()
        pieces += (text[done:at], " ")
        done = end
    return "".join(pieces) + text[done:]


@cache
def zone_kinds_en() -> dict[str, tuple[str, str]]:
    """English names of kinds of zone, letters only, each with its Chinese kind and as written.

    bot/data/zone_kinds_en.txt: a known city followed by one names a zone of that kind.
    """
    path = resources.files("bot").joinpath("data/zone_kinds_en.txt")
    kinds: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, forms = line.partition(":")
        for form in forms.split(";"):
            kinds.setdefault(re.sub(r"[^a-z]", "", form.lower()), (kind.strip(), form.strip()))
    return kinds


# Each form's kind (经开区 -> 经济技术开发区), and the pairs names are derived by.
KIND_OF_FORM = {form: kind[0] for kind in zone_kinds() for form in kind}
KIND_SHORT_FORMS = tuple((kind[0], form) for kind in zone_kinds() for form in kind[1:])
GENERIC_KINDS = frozenset({"开发区", "园区"})
GENERIC_PREFIX_ZH = frozenset(
    "哪些 哪个 哪家 这个 那个 这些 那些 该 本 各 其他 其它 别的 国家级 省级 市级 你们 我们 "
    "所有 全部 几个 什么 有 的 在 和 与 跟 或 是".split()
)
# Words a zone's name never holds: what stands before them is no part of it (刘锦春除了高新区).
_PREFIX_BREAKS = sorted(  # ... nor what asks (请介绍一下高新区出台的政策)
    GENERIC_PREFIX_ZH | {w for w in (*FUNCTION_WORDS, *STOP_PHRASES_ZH) if not w.isascii()},
    key=len,
    reverse=True,
)
EN_ZONE_NOUNS = frozenset({"zone", "park", "district", "city", "parks", "zones"})
EN_GENERIC_WORDS = frozenset(
    "high hi tech technology technological science sci industrial industry economic development "
    "new free trade pilot bonded export processing innovation national provincial intelligent "
    "manufacturing".split()
)
EN_BOUNDARY_WORDS = frozenset(
    "the a an of in on at to for from by with and or is are does do did what which how about "
    "this that these those your our their my its whose".split()
)
_ADMIN_SUFFIX_RE = re.compile(r"(?:省|市|自治区|特别行政区|地区|盟|自治州)$")
_LOCATION_PART_RE = re.compile(r"([\u4e00-\u9fff]+?)(?:省|市|自治区|自治州|地区|盟)")
_LATIN_RE = re.compile(r"[a-z]+")
# before a zone's name without its place, a word making it any park of that kind
_GENERIC_BEFORE = frozenset({"a", "an", "another", "other", "any", "some", "every"})
_CJK_TAIL_RE = re.compile(r"[\u3400-\u9fff]*$")


@dataclass(frozen=True)
class ZoneMention:
    """What a question names: known zones (in order of appearance) and any unknown place."""

    zone_ids: tuple[str, ...] = ()
    kinds: tuple[KeyKind, ...] = ()
    names: tuple[str, ...] = ()  # the text that named a zone (entities excluded), as written
    unknown_place: str | None = None
    shared: tuple[str, ...] = ()  # zones a name fits alike: a city's, or a slip's candidates
    shared_name: str = ""  # that name, as written
    latin_slips: tuple[str, ...] = ()  # latin words read as a zone's name misspelt (quingdao)
    by_own_name: tuple[str, ...] = ()  # zones named by their own name somewhere, not a place


@dataclass
class _Keys:
    """Zone keys of one script, with the zones each names."""

    zones: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    kinds: dict[str, KeyKind] = field(default_factory=dict)

    def add(self, key: str, zone_id: str, kind: KeyKind) -> None:
        if len(key) >= 2:
            self.zones[key].add(zone_id)
            self.kinds.setdefault(key, kind)

    def unique(self) -> dict[str, tuple[str, KeyKind]]:
        """Keep the keys that name one zone only."""
        return {k: (next(iter(z)), self.kinds[k]) for k, z in self.zones.items() if len(z) == 1}


@lru_cache(maxsize=65536)
def _compact(text: str) -> str:
    return normalize(text).replace(" ", "")


def _pinyin_of(text: str) -> tuple[str, ...]:
    table = char_pinyin_table()
    return tuple(map(table.get, text, text))


_RUN_SYLLABLES = 4  # a zone-like phrase is matched by sound up to this many syllables


def _syllable_runs(texts: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Every run of two to four syllables of these texts, read in toneless pinyin."""
    runs: set[tuple[str, ...]] = set()
    for text in texts:
        spoken = _pinyin_of(text)
        for size in range(2, _RUN_SYLLABLES + 1):
            runs.update(spoken[at : at + size] for at in range(len(spoken) - size + 1))
    return frozenset(runs)


def location_parts(zone: ZoneProfile) -> list[str]:
    """Split a zone's Chinese location ("山东省青岛市") into place names (山东, 青岛)."""
    location = zone.location.zh if zone.location and zone.location.zh else ""
    return [p for p in _LOCATION_PART_RE.findall(location) if len(p) >= 2]


def chinese_zone_keys(zone: ZoneProfile) -> list[tuple[str, KeyKind]]:
    """Derive the Chinese strings that name a zone: its name, short forms, places, aliases.

    A bare kind of zone (高新区, left of 青岛高新区 without its city) names no zone.
    """
    name = _compact(zone.name.zh or "")
    keys: list[tuple[str, KeyKind]] = [(name, "name")]
    core = next((name.removesuffix(s) for s in GENERIC_SUFFIXES_ZH if name.endswith(s)), name)
    keys.append((core, "short"))
    for place in (_compact(p) for p in location_parts(zone)):
        keys.append((place, "city"))
        for text in (name, core):
            if text.startswith(place):
                keys.append((text.removeprefix(place), "short"))
    keys += [
        (name.removesuffix(long) + short, "alias")
        for long, short in KIND_SHORT_FORMS
        if name.endswith(long)
    ]
    keys += [(_compact(a), "alias") for a in zone.aliases.zh]
    keys += [(_compact(e), "entity") for e in zone.entities.zh]
    return [(k, kind) for k, kind in keys if len(k) >= 2 and not ZONE_SUFFIX_RE.fullmatch(k)]


ZoneKeys = tuple[
    dict[str, list[tuple[str, KeyKind]]], dict[str, list[tuple[str, KeyKind]]]
]  # each zone's Chinese keys and latin keys, by zone id


def zone_keys(zones: Sequence[ZoneProfile]) -> ZoneKeys:
    """Each zone's Chinese keys and latin keys, in order: from these zones alone."""
    zh = {zone.id: chinese_zone_keys(zone) for zone in zones}
    return zh, {zone.id: latin_zone_keys(zone, zh[zone.id]) for zone in zones}


def latin_zone_keys(
    zone: ZoneProfile,
    chinese: list[tuple[str, KeyKind]] | None = None,  # its Chinese keys, if known
) -> list[tuple[str, KeyKind]]:
    """Derive latin keys: pinyin of the Chinese keys and the English names, spaces removed."""
    spelt = [
        (_pinyin_of(k), kind)
        for k, kind in (chinese_zone_keys(zone) if chinese is None else chinese)
        if kind != "entity" and all(char_pinyin(ch) for ch in k)
    ]
    keys: list[tuple[str, KeyKind]] = [("".join(syllables), kind) for syllables, kind in spelt]
    keys += [(other, "city") for other in _romanised(s for s, kind in spelt if kind == "city")]
    cities = {tuple(s) for s, kind in spelt if kind == "city"}
    keys += [  # a short name's but its city's, when it spells no other place or word
        (other, "short")
        for other in _romanised(
            s for s, kind in spelt if kind == "short" and tuple(s) not in cities
        )
        if len(other) >= MIN_ROMANISED_NAME
        and other not in _gazetteer_in_pinyin()  # songbei: 松北, Harbin's
        and other not in english_words()
    ]
    if zone.name.en:
        words = _LATIN_RE.findall(zone.name.en.lower())
        keys.append(("".join(words), "name"))
        core = [w for w in words if w not in EN_GENERIC_WORDS and w not in EN_ZONE_NOUNS]
        keys.append(("".join(core), "short"))
        keys += _with_kind_cut_short(words, core, zone)
        keys += _without_its_place(words, core, zone)
    keys += _initials_with_kind(zone)
    keys += [("".join(_LATIN_RE.findall(a.lower())), "alias") for a in zone.aliases.en]
    keys += [("".join(_LATIN_RE.findall(e.lower())), "entity") for e in zone.entities.en]
    return [(k, kind) for k, kind in keys if len(k) >= 4]


def _with_kind_cut_short(
    words: list[str], core: list[str], zone: ZoneProfile
) -> list[tuple[str, KeyKind]]:
    """An English name with its kind cut short or abbreviated ("Changzhou High-tech",
    "the Changzhou Economic zone", "Changzhou ETDZ"): of a city with several zones, it tells
    which. One word of the kind alone names it only before its own zone or park noun:
    "Changzhou economic growth" asks of the city's growth."""
    first = next((i for i, w in enumerate(words) if w not in core), len(words))
    if not first or first == len(words):
        return []
    head, kind_words = "".join(words[:first]), words[first:]
    cut = [
        "".join(kind_words[:size])
        for size in range(1, len(kind_words))
        if kind_words[size - 1] not in EN_BOUNDARY_WORDS  # not "Qingdao Economic and"
    ]
    keys: list[tuple[str, KeyKind]] = [(head + c, "alias") for c in cut[1:]]
    noun = kind_words[-1]  # its own zone or park: no word new to its names
    keys += [(head + c + noun, "alias") for c in cut[:1] if noun in EN_ZONE_NOUNS]
    keys += [(head + written, "alias") for written in sorted(_kind_acronyms(zone))]  # one order
    return keys


def _without_its_place(
    words: list[str], core: list[str], zone: ZoneProfile
) -> list[tuple[str, KeyKind]]:
    """An English name without the place it opens with ("the zero-carbon park" of Qinghai
    Zero-Carbon Industrial Park), as its Chinese name without its place (零碳产业园) names it.

    Only with a zone noun after it ("zero carbon" alone asks of a topic), and only when
    something but its kind is left (Luzhou High-tech Zone without Luzhou names no zone).
    """
    places = _latin_places(zone)
    head = next((i for i in range(1, len(words)) if "".join(words[:i]) in places), 0)
    rest = [w for w in core if w not in words[:head]]
    if not head or not rest or words[-1] not in EN_ZONE_NOUNS:
        return []
    named = {"".join(rest), "".join(rest) + "s"}  # optoelectronics park
    return [
        ("".join(words[head:]), "short"),
        *[(written + noun, "short") for written in sorted(named) for noun in ("park", "zone")],
    ]


def _kind_form(zone: ZoneProfile) -> str:
    """The kind of zone a zone's Chinese name ends in (高新区), if any."""
    name = _compact(zone.name.zh or "")
    return next((f for f in sorted(KIND_OF_FORM, key=len, reverse=True) if name.endswith(f)), "")


def _kind_acronyms(zone: ZoneProfile) -> set[str]:
    """The English acronyms of a zone's kind (htz, etdz): bot/data/zone_kinds_en.txt."""
    form = _kind_form(zone)
    if not form:
        return set()
    return {
        written
        for written, (kind, _) in zone_kinds_en().items()
        if kind == KIND_OF_FORM[form] and len(written) <= 5
    }


def _initials_with_kind(zone: ZoneProfile) -> list[tuple[str, KeyKind]]:
    """A zone's name in pinyin initials before its kind ("LZ HTZ", "qd gxq", "zbgxq"): the
    initials of its name but the kind, or of its short form, with the kind's initials or its
    English acronym. Not for a zone whose name ends in no kind of zone."""
    name = _compact(zone.name.zh or "")
    form = _kind_form(zone)
    if not form:
        return []
    kinds = {"".join(p[0] for p in _pinyin_of(form) if p)} | _kind_acronyms(zone)
    heads = {name.removesuffix(form)}
    heads |= {
        k.removesuffix(form)
        for k, kind in chinese_zone_keys(zone)
        if kind == "short" and k.isalpha()
    }
    keys: list[tuple[str, KeyKind]] = []
    for head in sorted(heads):  # in one order in every process: the start-up workers agree
        syllables = _pinyin_of(head)
        if len(head) >= 2 and len(syllables) == len(head) and all(syllables):
            initials = "".join(p[0] for p in syllables)
            keys += [(initials + kind, "alias") for kind in sorted(kinds)]
    return keys


@cache
def known_places() -> tuple[str, ...]:
    """Return the gazetteer of Chinese places and zones (bot/data/places.txt)."""
    path = resources.files("bot").joinpath("data/places.txt")
    if not path.is_file():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_NEGATED_RE = re.compile(r"\b(?:not|except|other than|besides|apart from)\b")
MIN_ROMANISED_NAME = 6  # letters of a short name's other romanisation: enan is 鄂南 too


@cache
def _gazetteer_in_pinyin() -> frozenset[str]:
    """The gazetteer's places in pinyin, with and without their kind (松北区, songbei)."""
    places = {p for place in known_places() for p in (place, _ADMIN_SUFFIX_RE.sub("", place))}
    spelt = ("".join(_pinyin_of(_compact(p))) for p in places if all(map(char_pinyin, p)))
    return frozenset({s for s in spelt if s} | {s for s, _place in place_spellings()})


@cache
def place_spellings() -> tuple[tuple[str, str], ...]:
    """Return (latin spelling, place) pairs the one-reading pinyin table cannot derive.

    bot/data/place_spellings.txt, written by scripts/make_place_spellings.py: phrase
    readings (重庆 chongqing) and English names (Harbin, Hong Kong).
    """
    path = resources.files("bot").joinpath("data/place_spellings.txt")
    if not path.is_file():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()
    pairs = (line.split(" ", 1) for line in lines if line.strip() and not line.startswith("#"))
    return tuple((latin, place) for latin, place in pairs)


@dataclass(frozen=True)
class FinderTables:
    """What a ZoneFinder derives from the zones' profiles; the index cache keeps it as JSON."""

    zh_keys_of: dict[str, list[tuple[str, KeyKind]]]  # each zone's keys, derived once: the
    latin_keys_of: dict[str, list[tuple[str, KeyKind]]]  # index strips the same from texts
    zh_keys: dict[str, tuple[str, KeyKind]]  # the keys that name one zone only
    latin_keys: dict[str, tuple[str, KeyKind]]
    shared_places: dict[str, tuple[str, ...]]
    latin_shared: dict[str, tuple[str, ...]]
    zone_words: dict[str, set[str]]
    all_places: set[str]
    unknown_places: tuple[dict[str, str], dict[str, str]]  # Chinese, latin
    longest_latin_name: int  # in words: names are looked for longest first

    @classmethod
    def derive(
        cls, profiles: Mapping[str, ZoneProfile], keys: ZoneKeys | None = None
    ) -> FinderTables:
        """Derive every zone's names and places from the zones' profiles (and their keys,
        if zone_keys gave them already)."""
        zh, latin = _Keys(), _Keys()
        zh_keys_of, latin_keys_of = zone_keys(list(profiles.values())) if keys is None else keys
        for zone in profiles.values():
            for key, kind in zh_keys_of[zone.id]:
                zh.add(key, zone.id, kind)
            for key, kind in latin_keys_of[zone.id]:
                latin.add(key, zone.id, kind)
        zh_keys, latin_keys = zh.unique(), latin.unique()
        latin_shared = {
            key: tuple(sorted(zones))
            for key, zones in latin.zones.items()
            if len(zones) > 1
            and latin.kinds[key] in ("city", "short")
            and all(key in _latin_places(profiles[z]) for z in zones)
            and _spells_one_place(key, [profiles[z] for z in zones])
        }
        texts = {z.id: _zone_texts(z, zh_keys_of[z.id]) for z in profiles.values()}
        return cls(
            zh_keys_of=zh_keys_of,
            latin_keys_of=latin_keys_of,
            zh_keys=zh_keys,
            latin_keys=latin_keys,
            shared_places=_shared_places(profiles, zh),
            latin_shared=latin_shared,
            zone_words={
                zone_id: set(_LATIN_RE.findall(" ".join(names).lower()))
                for zone_id, names in texts.items()
            },
            all_places={_compact(p) for z in profiles.values() for p in location_parts(z)},
            unknown_places=_unknown_places(zh_keys, [*latin_keys, *latin_shared]),
            longest_latin_name=max(
                (
                    len(_LATIN_RE.findall(name.lower()))
                    for names in texts.values()
                    for name in names
                ),
                default=1,
            ),
        )

    def to_json(self) -> dict[str, Any]:
        """The tables as JSON data (sets as sorted lists)."""
        return {
            **vars(self),
            "zone_words": {zone_id: sorted(words) for zone_id, words in self.zone_words.items()},
            "all_places": sorted(self.all_places),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FinderTables:
        """The tables to_json gave; KeyError, TypeError or ValueError if they are not those."""
        zh_places, latin_places = data["unknown_places"]
        return cls(
            zh_keys_of=_keys_of(data["zh_keys_of"]),
            latin_keys_of=_keys_of(data["latin_keys_of"]),
            zh_keys=_named(data["zh_keys"]),
            latin_keys=_named(data["latin_keys"]),
            shared_places=_sharing(data["shared_places"]),
            latin_shared=_sharing(data["latin_shared"]),
            zone_words={str(z): set(map(str, words)) for z, words in data["zone_words"].items()},
            all_places=set(map(str, data["all_places"])),
            unknown_places=(_strings(zh_places), _strings(latin_places)),
            longest_latin_name=int(data["longest_latin_name"]),
        )


FUZZY_ROMANISED_LENGTH = 8  # a city's other romanisation this long is read misspelt too
_OWN_NAME_KINDS: tuple[KeyKind, ...] = ("name", "short", "alias")  # not a firm's
_KINDS: dict[str, KeyKind] = {kind: kind for kind in ("name", "short", "city", "alias", "entity")}


def _keys_of(data: dict[str, list[list[str]]]) -> dict[str, list[tuple[str, KeyKind]]]:
    return {str(z): [(str(key), _KINDS[kind]) for key, kind in keys] for z, keys in data.items()}


def _named(data: dict[str, list[str]]) -> dict[str, tuple[str, KeyKind]]:
    return {str(key): (str(zone_id), _KINDS[kind]) for key, (zone_id, kind) in data.items()}


def _sharing(data: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {str(key): tuple(map(str, zones)) for key, zones in data.items()}


def _strings(data: dict[str, str]) -> dict[str, str]:
    return {str(key): str(value) for key, value in data.items()}


def _romanised(places: Iterable[tuple[str, ...]]) -> list[str]:
    """Places (as pinyin syllables) as older or foreign romanisations spell them: Tsingtao,
    Luchzhou."""
    return [other for syllables in places for other in other_romanisations(syllables)]


def _romanised_keys(
    latin_keys_of: Mapping[str, list[tuple[str, KeyKind]]], kind: KeyKind = "city"
) -> set[str]:
    """The latin keys that spell a zone's city (Tsingtao) or short name (Chzhunbei) in
    another romanisation than pinyin."""
    spelt = (split_pinyin(key) for keys in latin_keys_of.values() for key, k in keys if k == kind)
    return set(_romanised(syllables for syllables in spelt if syllables))


def _latin_places(zone: ZoneProfile) -> set[str]:
    """A zone's places spelt in pinyin (qingdao), in older or foreign romanisations
    (tsingtao) and as its English location writes them.

    The English spelling counts where one reading per character misses it (蚌埠 is Bengbu).
    """
    spelt_places = [_pinyin_of(_compact(p)) for p in location_parts(zone)]
    places = {"".join(syllables) for syllables in spelt_places} | set(_romanised(spelt_places))
    english = zone.location.en if zone.location and zone.location.en else ""
    spelt = ("".join(_LATIN_RE.findall(p.lower())) for p in english.split(","))
    return places | {p for p in spelt if p}


def _spells_one_place(key: str, zones: list[ZoneProfile]) -> bool:
    """Tell whether a latin key several zones share spells a place they all lie in: a
    romanisation two cities give alike (cangdzou, a Slavic ear's 常州 and 沧州) tells none."""
    spelling: set[str] | None = None  # the places spelt so, in every zone so far
    for zone in zones:
        here = {
            place
            for place in map(_compact, location_parts(zone))
            if key in {"".join(syllables := _pinyin_of(place)), *other_romanisations(syllables)}
        }
        if not here:
            return True  # spelt only by the zone's English location (蚌埠 is Bengbu)
        spelling = here if spelling is None else spelling & here
    return bool(spelling)


def _zone_texts(zone: ZoneProfile, zh_keys: list[tuple[str, KeyKind]]) -> list[str]:
    """A zone's latin names: English ones, and its Chinese keys in pinyin."""
    texts = [zone.name.en or "", *zone.aliases.en, *zone.entities.en]
    return texts + ["".join(_pinyin_of(k)) for k, _ in zh_keys]


def _unknown_places(
    zh_keys: dict[str, tuple[str, KeyKind]], latin_keys: list[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Gazetteer names (Chinese, pinyin) that are not part of a known zone's names.

    An entity's name may hold another place (中铁上海工程局): that place stays unknown.
    """
    names = " ".join(k for k, (_zone, kind) in zh_keys.items() if kind != "entity")
    zh = {
        _compact(p): p
        for p in known_places()
        if _compact(p) not in names
        and _compact(p) not in zh_keys
        and _ADMIN_SUFFIX_RE.sub("", _compact(p)) not in zh_keys  # 太原市 is 太原
    }
    latin = {"".join(_pinyin_of(p)): p for p in zh.values() if all(char_pinyin(ch) for ch in p)}
    unknown = set(zh.values())
    latin |= {spelling: p for spelling, p in place_spellings() if p in unknown}
    for key in latin_keys:  # Fuzhou of known zones, not 抚州
        latin.pop(key, None)
    return zh, latin


class ZoneFinder:
    """Recognises zone names, short forms, pinyin, typos, entities and unknown places."""

    def __init__(self, kb: KnowledgeBase, tables: FinderTables | None = None) -> None:
        """Derive the tables from the zones' profiles, or take them from the index cache."""
        self.tables = FinderTables.derive(kb.profiles) if tables is None else tables
        t = self.tables
        self.zh_keys_of, self.latin_keys_of = t.zh_keys_of, t.latin_keys_of
        self.zh_keys, self.latin_keys = t.zh_keys, t.latin_keys
        self.shared_places, self.latin_shared = t.shared_places, t.latin_shared
        romanised = _romanised_keys(self.latin_keys_of)
        own = {  # every name's own pinyin (xiaogan) and every city's spelling (changsha)
            *("".join(_pinyin_of(key)) for keys in self.zh_keys_of.values() for key, _ in keys),
            *(key for keys in self.latin_keys_of.values() for key, kind in keys if kind == "city"),
        }
        self.romanised_names = {  # Chungpei, Chzhunbei: 中北 as other systems spell it
            key for keys in self.latin_keys_of.values() for key, kind in keys if kind == "short"
        } & _romanised_keys(self.latin_keys_of, "short") - own
        named = {  # a zone's name or short form besides a city's spelling (xiaogan, which
            key  # Portuguese spells of the romanised shiaogan too): read misspelt as any name is
            for keys in self.latin_keys_of.values()
            for key, kind in keys
            if kind != "city" and key not in self.romanised_names
        }
        exact = {  # a city's other romanisation, written exactly: anyan, not banyan; a longer
            key  # one is read misspelt too (tsingtao as tsingdao)
            for key in romanised
            if len(key) < FUZZY_ROMANISED_LENGTH and key not in named
        } | self.romanised_names  # a short name's never (chungpei misspelt is chengbei, 城北)
        self._shared_names = [key for key in self.latin_shared if key not in exact]
        self.zone_words, self._all_places = t.zone_words, t.all_places
        self._places, self._longest_latin_name = t.unknown_places, t.longest_latin_name
        self._latin_by_edge: dict[tuple[str, int], list[str]] = defaultdict(list)
        for key in self.latin_keys:
            if key in exact:
                continue
            self._latin_by_edge[(key[0], len(key))].append(key)
            self._latin_by_edge[("$" + key[-1], len(key))].append(key)
        self._zh_sorted = sorted(self.zh_keys, key=len, reverse=True)
        self._rank = {key: n for n, key in enumerate(self._zh_sorted)}
        self._lengths: dict[str, set[int]] = defaultdict(set)  # key lengths by first character
        for key in self.zh_keys:
            self._lengths[key[0]].add(len(key))
        self._shared_lengths = sorted({len(k) for k in self.shared_places}, reverse=True)
        self._shared_firsts = {  # by length, the first characters of the places of that length
            size: frozenset(k[0] for k in self.shared_places if len(k) == size)
            for size in self._shared_lengths
        }
        key_syllables = {
            key: _pinyin_of(key) for key, (_zone, kind) in self.zh_keys.items() if kind != "entity"
        }
        self._typos = TypoIndex(key_syllables, self._slip_allowed)
        self._keys_with_char: dict[str, set[int]] = defaultdict(set)
        for n, (key, (_zone, kind)) in enumerate(self.zh_keys.items()):
            if kind == "entity" and not ZONE_SUFFIX_RE.search(key):
                continue  # a park's name may be misspelt as a zone (生物医药产业园), a firm's
                # or school's (康复大学) no: 山东大学科技园 is another park
            for char in key:
                self._keys_with_char[char].add(n)
        self._places_re = alternation(list(self._places[0]))
        self._sounds = _syllable_runs(  # as the characters: no firm's or school's name
            [
                *(
                    key
                    for key, (_zone, kind) in self.zh_keys.items()
                    if kind != "entity" or ZONE_SUFFIX_RE.search(key)
                ),
                *(_compact(z.location.zh) for z in kb.profiles.values() if z.location),
            ]
        )
        self.known_words = set().union(*self.zone_words.values()) if self.zone_words else set()

    def find(self, normalized: str) -> ZoneMention:
        """Return the zones a normalised question names, in order, and any unknown place."""
        compact = normalized.replace(" ", "")
        taken = [False] * len(compact)
        hits = self._exact_keys(compact, taken)
        unknown = self._gazetteer_place(compact, taken)
        named = {h[2] for h in hits}
        typos, alike = self._pinyin_typos(compact, _place_free(hits, taken), named)
        typos = [t for t in typos if not self._not_a_slip(compact, hits, t)]
        hits = _with_slips(hits, typos, taken)
        shared, shared_name = self._shared_place(compact, taken)
        if alike and not shared:
            shared, shared_name = alike
        unknown = unknown or self._unknown_zone_phrase(compact, taken)
        latin_hits, latin_unknown, latin_shared, slips = self._latin(normalized)
        if latin_shared and not shared:
            shared, shared_name = self.latin_shared[latin_shared], latin_shared.title()
        hits.sort()
        zone_ids: list[str] = []
        kinds: list[KeyKind] = []
        for _start, _end, zone_id, kind in hits + latin_hits:
            if zone_id not in zone_ids:
                zone_ids.append(zone_id)
                kinds.append(kind)
        for _start, _end, zone_id, kind in [] if _NEGATED_RE.search(normalized) else latin_hits:
            if kind != "city" and kinds[zone_ids.index(zone_id)] == "city":  # Tayyuan city's
                kinds[zone_ids.index(zone_id)] = kind  # Chzhunbey zone: named by more than
                # its place (not "Taiyuan Jinzhong zone, not Zhongbei")
        return ZoneMention(
            zone_ids=tuple(zone_ids),
            kinds=tuple(kinds),
            names=tuple(compact[s:e] for s, e, _z, kind in hits if kind != "entity"),
            unknown_place=unknown or latin_unknown,
            shared=shared,
            shared_name=shared_name,
            latin_slips=tuple(slips),
            by_own_name=tuple(
                dict.fromkeys(
                    [  # 光电园, 零碳园: not its city (青岛 is a short name, and a place)
                        *(
                            z
                            for s, e, z, k in hits
                            if k in _OWN_NAME_KINDS and compact[s:e] not in self._all_places
                        ),
                        *(z for _s, _e, z, k in latin_hits if k in ("name", "alias")),
                    ]
                )
            ),
        )

    def _exact_keys(self, compact: str, taken: list[bool]) -> list[tuple[int, int, str, KeyKind]]:
        """Find zone keys written exactly, longest first, looking up the question's substrings."""
        found = sorted(
            (self._rank[key], start, key)
            for start in range(len(compact))
            for size in self._lengths.get(compact[start], ())
            if (key := compact[start : start + size]) in self.zh_keys and len(key) == size
        )
        hits: list[tuple[int, int, str, KeyKind]] = []
        searched_to: dict[str, int] = {}  # a key's next occurrence is looked for after its last
        for _rank, start, key in found:
            if start < searched_to.get(key, 0):
                continue
            end = start + len(key)
            searched_to[key] = end
            if not any(taken[start:end]):
                zone_id, kind = self.zh_keys[key]
                hits.append((start, end, zone_id, kind))
                taken[start:end] = [True] * len(key)
        return hits

    def _shared_place(self, compact: str, taken: list[bool]) -> tuple[tuple[str, ...], str]:
        """Find a place several zones lie in (a city with a 高新区 and a 综合保税区)."""
        for size in self._shared_lengths:
            firsts = self._shared_firsts[size]
            for start in range(len(compact) - size + 1):
                if compact[start] not in firsts:
                    continue  # most characters begin no such place: no text cut out
                name = compact[start : start + size]
                if name in self.shared_places and not any(taken[start : start + size]):
                    taken[start : start + size] = [True] * size
                    return self.shared_places[name], name
        return (), ""

    def _gazetteer_place(self, compact: str, taken: list[bool]) -> str | None:
        """Find a known Chinese place outside the known zones' keys."""
        zh_places, _latin = self._places
        masked = "".join(" " if t else ch for ch, t in zip(compact, taken, strict=True))
        match = self._places_re.search(masked)
        if match is None:
            return None
        taken[match.start() : match.end()] = [True] * len(match.group(0))
        kind = ZONE_SUFFIX_RE.match(masked, match.end())  # 西宁经开区: the zone, not the city
        return zh_places[match.group(0)] + (kind.group(0) if kind else "")

    def _pinyin_typos(
        self, compact: str, taken: list[bool], named: set[str]
    ) -> tuple[list[tuple[int, int, str, KeyKind]], tuple[tuple[str, ...], str] | None]:
        """Find keys written with a slip (沪州, 高薪区, a swapped or missing character).

        A slip that fits several zones' names alike finds none of them: it is returned apart,
        the zones it could mean and the text, so that the asker can be asked which. Beside
        the zones `named` exactly, two characters sounding only near another zone's name are
        a word (衡阳经开区…有搞头吗 names no 包头), not a second zone misspelt, unless joined
        to a name or compared with it (泸州高新区和亲岛比).
        """
        syllables = _pinyin_of(compact)
        found: list[tuple[int, int, str, KeyKind]] = []
        alike: tuple[tuple[str, ...], str] | None = None
        for group in self._typos.find(compact, syllables, taken):
            if named:
                group = [
                    h
                    for h in group
                    if h.end - h.start > 2
                    or h.fit == SOUND
                    or self.zh_keys[h.key][0] in named
                    or _joined_or_compared(compact, h.start, h.end)
                ]
                if not group:
                    continue
            zones = tuple(dict.fromkeys(self.zh_keys[hit.key][0] for hit in group))
            first = group[0]
            if len(zones) > 1:
                alike = alike or (zones, compact[first.start : first.end])
                continue
            found.append((first.start, first.end, *self.zh_keys[first.key]))
        return found, alike

    def _not_a_slip(self, compact: str, hits: list[Hit], slip: Hit) -> bool:
        """Tell a zone phrase from a slip: it cuts a kind in two (态园 in 生态园), or follows
        another zone's place (青岛 + 中德高新区 is no 中北高新区 misspelt)."""
        start, end, zone_id = slip[0], slip[1], slip[2]
        return _cuts_a_kind(compact, start, end) or any(
            h[1] == start and h[2] != zone_id and compact[h[0] : h[1]] in self._all_places
            for h in hits
        )

    def _slip_allowed(self, text: str, key: str) -> bool:
        """Tell whether a text one edit from a key may be it: no other kind, no other place.

        长沙高新区 is one edit from 长治高新区, and 青岛新区 from 青岛高新区: neither is a slip.
        """
        kind = _kind_of(text)
        if (
            kind is not None
            and kind != _kind_of(key)
            and text.removesuffix(kind) in self._all_places
        ):
            return False  # a place and another kind, written cleanly (not 青岛经济济技术开发区)
        return not any(
            text[i:j] in self._all_places and text[i:j] not in key
            for i in range(len(text))
            for j in range(i + 2, len(text) + 1)
        )

    def _unknown_zone_phrase(self, compact: str, taken: list[bool]) -> str | None:
        """Name a zone-like phrase ("西海岸新区") that no known zone fits."""
        masked = "".join(" " if t else ch for ch, t in zip(compact, taken, strict=True))
        for match in ZONE_SUFFIX_RE.finditer(masked):
            prefix = _cjk_tail(masked[: match.start()])[-6:]
            for generic in _PREFIX_BREAKS:
                prefix = prefix.split(generic)[-1]
            if len(prefix) >= 2 and not self._fits_known_zone(prefix):
                before = _cjk_tail(compact[: match.start()])[-8:]
                return self._from_its_place(before) + match.group(0)
        return None

    def _from_its_place(self, before: str) -> str:
        """A zone phrase's name from the place that opens it ("个地方青岛西海岸" is named
        from 青岛), else from after the last function word (我想了解西海岸)."""
        places = self._all_places | self._places[0].keys()
        for start in range(len(before) - 1):
            if any(before[start : start + size] in places for size in range(2, 7)):
                return before[start:]
        name = before
        for generic in _PREFIX_BREAKS:
            name = name.split(generic)[-1]
        return name if len(name) >= 2 else before

    def _fits_known_zone(self, prefix: str) -> bool:
        """Tell whether every character of a phrase occurs in one known zone's names, or the
        phrase sounds like part of a known zone's name or location (海冬市河黄 typed for
        海东市河湟: a homophone slip, no other zone)."""
        spoken = _pinyin_of(prefix.lstrip("市省县区"))
        if len(spoken) > _RUN_SYLLABLES:
            spoken = spoken[-3:]  # 河黄新区平被: its last three (新区平北 of the location)
        if len(spoken) >= 2 and spoken in self._sounds:
            return True
        holders = sorted((self._keys_with_char.get(ch, set()) for ch in set(prefix)), key=len)
        common = set(holders[0]) if holders else set()
        for keys in holders[1:]:
            common &= keys
            if not common:
                return False
        return bool(common)

    def _latin(self, normalized: str) -> tuple[list[Hit], str | None, str, list[str]]:
        """Find zones, unknown places, a place of several zones and slips in latin letters."""
        shared = ""
        _zh, latin_places = self._places
        words, slips = self._shared_slips(_LATIN_RE.findall(normalized), latin_places)
        hits: list[tuple[int, int, str, KeyKind]] = []
        unknown: str | None = None
        used = [False] * len(words)
        for size in range(max(self._longest_latin_name, 3), 0, -1):
            for i in range(len(words) - size + 1):
                if any(used[i : i + size]):
                    continue
                joined = "".join(words[i : i + size])
                hit = self.latin_keys.get(joined)
                if not hit and joined in latin_places:  # before typos: Shaanxi is not Shanxi
                    unknown = unknown or " ".join(words[i : i + size]).title()
                    used[i : i + size] = [True] * size
                    continue
                if not hit and joined in self.latin_shared:  # Qingdao, with several zones
                    shared = shared or joined
                    used[i : i + size] = [True] * size
                    continue
                if not hit and (hit := self._fuzzy_latin(joined, size)):
                    slips.append(joined)
                if hit and size > 1 and hit[1] == "short":
                    other, place = self._not_ours(words, i, joined, hit[0])
                    if other:  # a zero-carbon park, the Ordos zero-carbon park: not ours
                        unknown = unknown or place
                        used[i - 1 : i + size] = [True] * (size + 1)
                        continue
                if hit:
                    hits.append((10_000 + i, 10_000 + i + size, hit[0], hit[1]))
                    used[i : i + size] = [True] * size
        if unknown is None:  # words read as a known zone's name, misspelt or not, are no place
            unknown = self._unknown_english_phrase(
                [w for w, u in zip(words, used, strict=True) if not u]
            )
        return hits, unknown, shared, slips

    def _shared_slips(
        self, words: list[str], latin_places: dict[str, str]
    ) -> tuple[list[str], list[str]]:
        """The words with a slip of a city several zones share put right (Xzuhou High-tech
        Zone: Xuzhou, which names two zones, before the kind that tells which), and the slips.

        Only a word that is nothing else (no key, place or word of the zones' names) and one
        transposition, letter or two letters from exactly one such city and no other place.
        """
        if not self.latin_shared:
            return words, []
        out, slips = [], []
        for word in words:
            near = None
            if (
                len(word) >= 5
                and word not in self.latin_keys
                and word not in self.latin_shared
                and word not in latin_places
                and word not in self.known_words
            ):
                near = self._near_shared(word, latin_places)
            out.append(near or word)
            if near:
                slips.append(word)
        return out, slips

    def _near_shared(self, word: str, latin_places: dict[str, str]) -> str | None:
        if word in english_words():  # most words of an English question: no city misspelt
            return None
        edits = 1 if len(word) < 8 else 2
        shared = process.extract(
            word, self._shared_names, scorer=OSA.distance, score_cutoff=edits, limit=2
        )
        if not shared or (
            len(shared) == 2
            and shared[1][1] <= shared[0][1]
            and self.latin_shared[shared[0][0]] != self.latin_shared[shared[1][0]]
        ):  # none near, or two cities as near (Changzhuo: Changzhou, not Cangzhou); one
            return None  # city's two spellings (yueyang, yuehyang) are one city
        name, distance, _ = shared[0]
        # another place as near: stop at the first one rather than scan for the nearest
        rival = process.extractOne(
            word, latin_places.keys(), scorer=OSA.distance, score_cutoff=distance
        )
        return None if rival is not None else str(name)

    def _fuzzy_latin(self, joined: str, size: int) -> tuple[str, KeyKind] | None:
        """The latin key a word is a slip of (Quingdao), among keys of a length it could be.

        A ratio of 88 leaves room for a few edits, never at both ends: the key shares the
        word's first or last letter. One edit from keys of one zone only (shantong: shandong,
        shantung) names that zone.
        """
        if size != 1 or len(joined) < 5:
            return None
        n = len(joined)
        lengths = range(math.ceil(n * 0.88 / 1.12), math.floor(n * 1.12 / 0.88) + 1)
        choices = {
            key
            for length in lengths
            for edge in (joined[0], "$" + joined[-1])
            for key in self._latin_by_edge.get((edge, length), ())
        }
        best = process.extractOne(joined, choices, scorer=fuzz.ratio, score_cutoff=88)
        if best:
            return self.latin_keys[best[0]]
        swapped = sorted(key for key in choices if OSA.distance(joined, key) <= 1)  # qingdoa
        zones = {self.latin_keys[key][0] for key in swapped}  # shantong: shandong, shantung
        return self.latin_keys[swapped[0]] if len(zones) == 1 else None

    def _not_ours(
        self, words: list[str], at: int, key: str, zone_id: str
    ) -> tuple[bool, str | None]:
        """Whether a zone's name without its place, at `at`, is another park of that kind:
        after "a", "any" (any such park), or after another place ("Ordos"), then named."""
        places = self._own_places(zone_id)
        if not at or any(key.startswith(place) for place in places):
            return False, None  # the name with its place: whatever comes before it
        before = words[at - 1]
        if before in _GENERIC_BEFORE:
            return True, None
        if self._other_place(before, zone_id, places, words):
            return True, before.title()
        return False, None

    def _own_places(self, zone_id: str) -> list[str]:
        """A zone's city and province keys in latin letters."""
        return [k for k, kind in self.latin_keys_of[zone_id] if kind == "city"]

    def _other_place(self, word: str, zone_id: str, places: list[str], words: list[str]) -> bool:
        """Tell whether a latin word names a place other than the zone's: a place we have no
        zone in (Wuhan), another zone's city, or a word of four letters or more that is no
        English word or pinyin, none of our names nor one misspelt (Ordos; not Tsinghai),
        in a question naming none of the zone's places elsewhere."""
        if any(place in words for place in places):
            return False  # "that zero carbon park in qinghai"
        if word in self._places[1]:
            return True
        known = self.latin_keys.get(word)
        if known is not None:
            return known[0] != zone_id  # another zone's name or city: its park
        if len(word) < 4 or word in english_words() or split_pinyin(word) is not None:
            return False  # teh, dat; a word of a question in pinyin
        return not any(fuzz.ratio(word, place) >= 70 for place in places)

    def _unknown_english_phrase(self, words: list[str]) -> str | None:
        """Name an English zone phrase whose place name is pinyin and no known zone's."""
        known_words = self.known_words
        for j, word in enumerate(words):
            if word not in EN_ZONE_NOUNS and not (word == "area" and j and words[j - 1] == "new"):
                continue
            prefix: list[str] = []
            for k in range(j - 1, max(-1, j - 5), -1):
                if words[k] in EN_BOUNDARY_WORDS:
                    break
                prefix.insert(0, words[k])
            specific = [w for w in prefix if w not in EN_GENERIC_WORDS]
            if any(w not in known_words and split_pinyin(w) for w in specific):
                return " ".join([*prefix, word]).title()
        return None


def _cjk_tail(text: str) -> str:
    """Return the Chinese characters at the end of a text."""
    match = _CJK_TAIL_RE.search(text)
    return match.group(0) if match else ""


def _shared_places(zones: Mapping[str, ZoneProfile], keys: _Keys) -> dict[str, tuple[str, ...]]:
    """Place names several zones share (青岛: its 高新区 and its 综合保税区), with those zones."""
    places = {z.id: {_compact(p) for p in location_parts(z)} for z in zones.values()}
    return {
        key: tuple(sorted(zones))
        for key, zones in keys.zones.items()
        if len(zones) > 1 and all(key in places[z] for z in zones)
    }


def same_kind(asked: str, kinds: set[str]) -> bool:
    """Tell whether a kind of zone asked for (经开区) is one of a zone's kinds, or generic."""
    full = {KIND_OF_FORM.get(kind, kind) for kind in kinds}
    return asked in GENERIC_KINDS or KIND_OF_FORM.get(asked, asked) in full


def may_name(zone: ZoneProfile, place: str, kind: str) -> bool:
    """Tell whether a place followed by a kind of zone (太原高新区) may name a known zone.

    The zone must be of that kind; and the plain "city + kind" name belongs to the city's own
    zone of that kind, so it names a zone with a name of its own (太原中北高新区) only when one
    of its names is that plain one.
    """
    kinds = set(ZONE_SUFFIX_RE.findall(" ".join([zone.name.zh or "", *zone.aliases.zh])))
    if not same_kind(kind, kinds):
        return False
    places = location_parts(zone)
    if kind in GENERIC_KINDS or not places or _compact(places[-1]) != place:
        return True
    names = [zone.name.zh or "", *zone.aliases.zh]
    return any(ZONE_SUFFIX_RE.sub("", _compact(n)) == place for n in names)


def _cuts_a_kind(compact: str, start: int, end: int) -> bool:
    """Tell whether a span cuts a kind of zone in two (态园 in 生态园 is no slip for 太原)."""
    return any(
        m.start() < end and start < m.end() and not (start <= m.start() and m.end() <= end)
        for m in ZONE_SUFFIX_RE.finditer(compact)
    )


def _kind_of(text: str) -> str | None:
    """The kind of zone a text ends with (高新区), if it names one."""
    kinds = ZONE_SUFFIX_RE.findall(text)
    return str(kinds[-1]) if kinds else None


Hit = tuple[int, int, str, KeyKind]  # start, end, zone id, how the text named it


_JOINERS = frozenset("和跟与同及、")


def _joined_or_compared(compact: str, start: int, end: int) -> bool:
    """Tell whether a text stands after a joiner (和, 跟) or before 比: a second zone's name."""
    return (start > 0 and compact[start - 1] in _JOINERS) or compact[end : end + 1] == "比"


def _place_free(hits: list[Hit], taken: list[bool]) -> list[bool]:
    """The text a slip may stand on: what is free, and a place or short form found exactly.

    In 张家口出口加区 the exact 张家口 is part of the misspelt name around it.
    """
    free = list(taken)
    for start, end, _zone, kind in hits:
        if kind in ("city", "short"):
            free[start:end] = [False] * (end - start)
    return free


def _with_slips(hits: list[Hit], slips: list[Hit], taken: list[bool]) -> list[Hit]:
    """Add the names found with a slip, each instead of its own zone's short forms inside it."""
    for slip in slips:
        start, end, zone_id = slip[0], slip[1], slip[2]
        inside = [h for h in hits if h[0] < end and start < h[1]]
        if any(h[2] != zone_id or h[0] < start or h[1] > end for h in inside):
            continue
        hits = [h for h in hits if h not in inside] + [slip]
        taken[start:end] = [True] * (end - start)
    return hits
