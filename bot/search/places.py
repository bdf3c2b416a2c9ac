"""The places a question names zones by, and the zones it names there that we lack."""

from __future__ import annotations

import re

from bot.search.decision import MatchResult
from bot.search.index import ZoneIndex
from bot.search.question import ASKS_RE, CLAUSE_RE, Question, in_title_case, tells_of_the_asker
from bot.search.textnorm import CJK_RE, alternation, latin_words, normalize
from bot.search.zonefind import ZONE_SUFFIX_RE, ZoneMention, may_name, same_kind, zone_kinds_en

_EN_KIND_RE = alternation(list(zone_kinds_en()))  # letters only: "freetradezone"
_EN_KIND_BEFORE_RE = re.compile(f"(?P<kind>{_EN_KIND_RE.pattern})(?:in|of|at|near)$")


# a question weighing one zone against another: 跟…比, 哪个更, compare, versus
_COMPARES_RE = re.compile(
    r"(?<![对相])比(?![例重率])|相比|对比|比较|哪个|哪家|区别|差别|差异|一样|相同"
    r"|\b(?:vs|versus|compare|compared|comparing|comparison|than|against|better|worse"
    r"|which one)\b"
)


# after a place we lack, its district's name and a kind of zone (重庆 + 永川高新区); no word
# joining another place (重庆和泸州高新区)
_DISTRICT_AND_KIND_RE = re.compile(
    rf"(?:(?![和与跟及同比的])[\u4e00-\u9fff]){{0,4}}?(?:{ZONE_SUFFIX_RE.pattern})"
)


def the_askers_own_place(q: Question, place: str) -> bool:
    """Tell whether a place is named only in clauses telling of the asker (我在厦门…, we are in
    Accra), the question asked in another: where the asker is, not where it asks about."""
    if _COMPARES_RE.search(q.norm):  # 我在西安高新区工作过…跟它比哪个多: compared with ours
        return False
    clauses = [q.memo.normalized(c).strip() for c in CLAUSE_RE.split(q.raw) if c.strip()]
    place = place.lower()  # a latin place is written capitalised
    naming = [c for c in clauses if place in c]
    return 0 < len(naming) < len(clauses) and all(
        (tells_of_the_asker(c) or _someone_from(c, place)) and not _WANTS_RE.search(c)
        for c in naming
    )


def _someone_from(clause: str, place: str) -> bool:
    """Tell whether a clause names a place only as where someone comes from ("a very nice
    girl from Ningbo", 一个宁波来的朋友), asking nothing."""
    return not ASKS_RE.search(clause) and bool(
        re.search(
            rf"\b(?:from|(?:lives|living|studies|studying|works|working|stays|based) in)"
            rf" {re.escape(place)}\b|{re.escape(place)}来的|来自{re.escape(place)}",
            clause,
        )
    )


# the asker wanting to know of a place, not only being there: 我想了解…, we'd like to see it
_WANTS_RE = re.compile(
    r"想|了解|问|咨询|考虑|看看|\b(?:want|wants|know|ask|tell|interested|consider|considering"
    r"|like|looking)\b"
)


def compared_with_one_we_lack(norm: str, mention: ZoneMention, unknown: str) -> bool:
    """Tell whether a question compares a known zone with a zone we lack ("青岛西海岸新区…跟
    <zone>比哪个力度更大"): answering the known zone alone would pass for the comparison."""
    if len(mention.zone_ids) != 1 or not _COMPARES_RE.search(norm):
        return False
    compact = norm.replace(" ", "")
    unknown = unknown.lower()
    at = compact.find(unknown)
    after = at + len(unknown) if at >= 0 else -1
    if re.search(f"(?:{ZONE_SUFFIX_RE.pattern})$", unknown):
        return True
    if unknown.isascii():  # "Suzhou Industrial Park or Qingdao": a kind of zone after it
        return _english_kind_after(compact, unknown)
    district = _DISTRICT_AND_KIND_RE.match(compact, after) if after >= 0 else None
    # not the known zone's own name after it (重庆到泸州高新区: 泸州高新区 is the known one)
    return district is not None and not any(
        0 <= compact.find(name, after) < district.end() for name in mention.names
    )


# a place a question moves from (relocating from Shenzhen): it asks about ours
_MOVES_FROM_RE = re.compile(r"\b(?:from|leaving|relocating|moving|move)\W*(?:the |our )?$")


def zone_we_lack_asked(norm: str, place: str) -> bool:
    """Tell whether a latin place we lack is named as a zone of its own beside ours, an
    English kind of zone right after it ("Is Xining economic and technological development
    zone also a zero-carbon park?"), not as a place the asker moves from."""
    name = place.lower()
    at = norm.find(name)
    if not name.isascii() or at < 0 or _MOVES_FROM_RE.search(norm[:at]):
        return False
    return _english_kind_after(norm, name)


def _english_kind_after(text: str, place: str) -> bool:
    """Tell whether an English kind of zone follows a latin place (Suzhou Industrial Park)."""
    at = text.find(place)
    return (
        at >= 0 and _EN_KIND_RE.match(re.sub(r"[^a-z]", "", text[at + len(place) :])) is not None
    )


# a capitalised name ending in a kind of zone: "the Qaidam Circular Economy Zone"
_NAMED_ZONE_EN_RE = re.compile(
    r"\b((?:[A-Z][\w'’-]*\s+){1,4})(?:Zones?|Parks?|Areas?|Districts?|Estates?|Ecoparks?)\b"
)


def zone_named_in_english(index: ZoneIndex, q: Question) -> str | None:
    """A zone an English question names by a capitalised name the base does not write (the
    Qaidam Circular Economy Zone, in Qinghai): another zone, not ours. Title Case questions
    say nothing by their capitals."""
    if q.lang != "en" or in_title_case(q.raw):
        return None
    for match in _NAMED_ZONE_EN_RE.finditer(q.raw):
        first = match.group(1).split()[0].lower()
        if first in q.slips:  # Fshan Economic Development Zone: a known name misspelt
            continue
        if not index.knows_word(first) and not index.finder.find(normalize(match[0])).zone_ids:
            return match.group(0)  # (Ching Dao High Tech Zone: ours, typed in parts)
    return None


def places_only(index: ZoneIndex, mention: ZoneMention) -> bool:
    """Tell whether the question named its zones only by their city or province."""
    if all(kind == "city" for kind in mention.kinds):
        return True
    return len(mention.names) == len(mention.zone_ids) and all(
        name in index.places[zone_id]
        for name, zone_id in zip(mention.names, mention.zone_ids, strict=True)
    )


def inside_a_firms_name(index: ZoneIndex, norm: str, place: str) -> bool:
    """Tell whether a place is read inside a firm's name cut short (上海 of 中铁上海, of
    中铁上海工程局): it names the firm, no zone."""
    compact = norm.replace(" ", "")
    for name in index.firms_by_character.get(place[:1], ()):
        at = name.find(place)
        cut = name[: at + len(place)]  # every time the place is named, it is in the name
        if at >= 2 and cut in compact and compact.count(cut) >= compact.count(place):
            return True
    return False


def a_word_of_ours(index: ZoneIndex, q: Question, place: str) -> bool:
    """Tell whether a place read from pinyin typed in lower case, in a question in pinyin or
    in Chinese, spells a word of the base of three characters or more (shiyanshi is 实验室
    before it is 十堰市); a city's name of two (fujian, lishui) stays a city."""
    typed = place.lower().replace(" ", "")
    word = index.lexicon.spelt_by(typed)
    return (
        (q.pinyin or CJK_RE.search(q.raw) is not None)
        and typed in q.raw
        and word is not None
        and len(word) >= 3
    )


def other_kind_of_zone(index: ZoneIndex, norm: str, mention: ZoneMention) -> str | None:
    """Name a zone we lack in a known zone's place: another kind (山西 + 自贸区), or the
    city's plain name for a kind its known zone bears with a name of its own (太原高新区).

    The place may be several zones' (青岛 with a 高新区 and a 经开区): none may be of that kind.
    """
    compact = norm.replace(" ", "")
    for name, zones in _places_named(index, mention):
        at = compact.find(name) + len(name)
        at += compact.startswith("的", at)  # 青岛的综合保税区
        kind = ZONE_SUFFIX_RE.match(compact, at)
        if kind and not any(
            may_name(index.kb.zones[z], name, kind.group(0))
            or _a_park_of_it(index, z, name, kind.group(0), compact)
            for z in zones
        ):
            return name + kind.group(0)
    return None


def _a_park_of_it(index: ZoneIndex, zone_id: str, place: str, kind: str, compact: str) -> bool:
    """Tell whether one of a zone's parks is named from the place and of that kind, and the
    question names its field too (青岛产业园…生物医药 of 青岛市生物医药及医疗器械产业园): the
    question asks about that park, no zone we lack (青岛产业园 alone may be any)."""
    for entity in index.kb.zones[zone_id].entities.zh:
        if not (entity.startswith(place) and entity.endswith(kind)):
            continue
        fields = re.split(r"[及和与、]", entity[len(place) : -len(kind)].lstrip("市"))
        if any(len(f) >= 2 and f in compact for f in fields):
            return True
    return False


def other_kind_of_zone_en(
    index: ZoneIndex, q: Question, mention: ZoneMention
) -> MatchResult | None:
    """Name a zone we lack that an English question names by a known city and another kind:
    "Qingdao Free Trade Zone" where the base knows only the Qingdao High-tech Zone.
    """
    if q.lang != "en" or q.pinyin:
        return None
    zones = list(dict.fromkeys([*mention.zone_ids, *mention.shared]))  # in mention order
    compact = re.sub(r"[^a-z]", "", q.norm)
    for zone_id in zones:
        for city, kind in index.finder.latin_keys_of[zone_id]:
            at = compact.find(city) if kind == "city" else -1
            if at < 0:
                continue
            own = [key for key, _ in index.finder.latin_keys_of[zone_id]]
            form = _english_kind_by(compact, at, at + len(city), own, q.raw)
            if not form:
                continue
            chinese, written = zone_kinds_en()[form]
            here = [z for z in zones if (city, "city") in index.finder.latin_keys_of[z]]
            if not any(
                same_kind(chinese, index.zone_kinds[z]) or _shortens(index, z, written)
                for z in here
            ):
                return MatchResult(
                    kind="unknown_place",
                    lang=q.lang,
                    traditional=q.traditional,
                    unknown_place=f"{city.title()} {written.title()}",
                    zones=tuple(here),
                    place=city.title(),
                )
    return None


def _shortens(index: ZoneIndex, zone_id: str, written: str) -> bool:
    """Tell whether an English kind is a zone's own name cut short: every word of "economic
    zone" is in "Jinan Economic Development Zone", so "the Jinan Economic zone" is that zone.
    """
    zone = index.kb.zones[zone_id]
    words = set(written.split())
    return any(
        words <= set(latin_words(normalize(name)))
        for name in [zone.name.en or "", *zone.aliases.en]
    )


def _english_kind_by(compact: str, start: int, end: int, own: list[str], raw: str) -> str | None:
    """The English kind of zone right after a city (the "s" of "qingdao's" may stand between)
    or right before "in <city>" ("... Ecopark in Qingdao"), letters only; not when it ends
    one of the zone's own names (Hehuang New Area of Haidong), nor when, before the city, it
    is written in lower case by an asker writing names capitalised ("the new industrial park
    of Qingdao", "some economic zone in Haidong city": a park described, not named)."""
    if any(compact.startswith(key, end) for key in own):
        return None
    found = _EN_KIND_RE.match(compact, end) or _EN_KIND_RE.match(compact, end + 1)
    if found:
        return found.group(0)
    before = _EN_KIND_BEFORE_RE.search(compact, 0, start)
    if not before or any(compact.endswith(key, 0, before.end("kind")) for key in own):
        return None
    return None if _described(before.group("kind"), raw) else before.group("kind")


def _described(kind: str, raw: str) -> bool:
    """Tell whether a kind of zone (letters only) is written in lower case in a question
    that writes other words capitalised."""
    letters = r"[\W_]*".join(map(re.escape, kind))
    written = re.search(letters, raw, re.IGNORECASE)
    return (
        written is not None
        and written.group(0)[0].islower()
        and re.search(r"\b[A-Z]", raw) is not None
    )


def _places_named(index: ZoneIndex, mention: ZoneMention) -> list[tuple[str, tuple[str, ...]]]:
    """The places a question named zones by, each with the zones that lie there."""
    places: list[tuple[str, tuple[str, ...]]] = [
        (name, (zone_id,))
        for name, zone_id in zip(mention.names, mention.zone_ids, strict=False)
        if name in index.places[zone_id]
    ]
    if mention.shared and all(mention.shared_name in index.places[z] for z in mention.shared):
        places.append((mention.shared_name, mention.shared))
    return places


def place_we_lack(
    index: ZoneIndex, q: Question, mention: ZoneMention, unknown: str
) -> MatchResult:
    """A zone or place we lack; when it lies in a place we know zones of, say which."""
    near = next(((p, z) for p, z in _places_named(index, mention) if unknown.startswith(p)), None)
    place, zones = near or ("", ())
    return MatchResult(
        kind="unknown_place",
        lang=q.lang,
        traditional=q.traditional,
        unknown_place=unknown,
        zones=zones,
        place=place,
    )
