"""Find the zones an article names, known to the knowledge base or new, sentence by sentence."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

from bot.draft.article import Sentence
from bot.search.textnorm import alternation, char_pinyin, normalize
from bot.search.zonefind import ZONE_SUFFIX_RE, ZoneFinder, known_places, place_spellings

_BOUNDARY_RE = re.compile(
    r"[^\u4e00-\u9fff（）()]|[的在于与和是为以对将把向从被等了到进由至入落户位该本这那其各]"
)
_LOOK_BACK = 14
_CLAUSE_RE = re.compile(r"[^，,、：:（）()]+")
_EN_NAME_RE = re.compile(
    r"\b((?:[A-Z][A-Za-z'-]+ ){1,5}(?:Zone|Park|New Area|Industrial Park|Development Zone))\b"
)
_HEADING_NAME_RE = re.compile(r"([\u4e00-\u9fff]{2,12})[：:]")  # 北京中关村：... names its zone
_EN_SKIP = frozenset({"The", "A", "An", "In", "At", "Of", "This", "That"})
_SUFFIX_IDS = (
    ("高新技术产业开发区", "hitech"), ("经济技术开发区", "etdz"), ("高新区", "hitech"),
    ("开发区", "dz"), ("工业园区", "industrial-park"), ("产业园区", "park"), ("产业园", "park"),
    ("工业园", "industrial-park"), ("科技园", "science-park"), ("新区", "new-area"),
    ("自由贸易试验区", "ftz"), ("自贸区", "ftz"), ("综合保税区", "bonded-zone"),
    ("经济区", "economic-zone"), ("示范区", "demo-zone"), ("科学城", "science-city"),
)  # fmt: skip


@dataclass
class ZoneRef:
    """A zone facts are drafted for: a knowledge base zone (existing) or a new stub."""

    key: str  # the zone id (existing) or the stub's id
    name: str
    existing: bool
    entities: list[str] = field(default_factory=list)
    location: str = ""
    english: str = ""  # the English name, when the article gives both


@dataclass(frozen=True)
class Mention:
    """A zone named at a position of a sentence."""

    at: int
    key: str


class ArticleZones:
    """The zones of one article and where each sentence names them."""

    def __init__(self, found: list[Sentence], finder: ZoneFinder | None) -> None:
        self.finder = finder
        self.zones: dict[str, ZoneRef] = {}
        self._names_per_sentence = [_candidate_names(s.text) for s in found]
        self._together: dict[str, set[str]] = defaultdict(set)  # names written in one sentence
        for names in self._names_per_sentence:
            distinct = {name for _at, name in names}
            for name in distinct:
                self._together[name] |= distinct - {name}
        self._locations = _written_locations(found)
        self._by_name = self._resolve()

    def mentions(self, sentence: Sentence, index: int) -> list[Mention]:
        """The zones `sentence` (the index-th) names, by position."""
        found = [Mention(at, self._by_name[name]) for at, name in self._names_per_sentence[index]]
        if self.finder is not None:
            for clause in _CLAUSE_RE.finditer(sentence.text):
                for zone_id in self.finder.find(normalize(clause.group(0))).zone_ids:
                    found.append(Mention(clause.start(), self._existing(zone_id)))
        return sorted(found, key=lambda m: m.at)

    def _existing(self, zone_id: str) -> str:
        if zone_id not in self.zones and self.finder is not None:
            self.zones[zone_id] = ZoneRef(zone_id, zone_id, existing=True)
        return zone_id

    def _resolve(self) -> dict[str, str]:
        """Map each name to a zone key: a known zone, the bigger zone it lies in, or itself."""
        counts = Counter(name for names in self._names_per_sentence for _at, name in names)
        by_name: dict[str, str] = {}
        for name in sorted(counts, key=lambda n: -counts[n]):
            known = self._known_zone(name)
            if known is not None:
                by_name[name] = self._existing(known)
                continue
            host = self._host(name, counts)
            if host is not None and host in by_name:
                by_name[name] = by_name[host]
                self.zones[by_name[host]].entities.append(name)
                continue
            key = zone_id_for(name)
            stub = self.zones.get(key)
            if stub is not None and not stub.existing and name.isascii() != stub.name.isascii():
                by_name[name] = key  # the English name of a zone the article names in Chinese
                stub.english = stub.english or name
                continue
            key = self._new_key(name)
            by_name[name] = key
            place = _places_re().match(name)
            written = place.group(0).removesuffix("市") if place else ""
            location = self._locations.get(written, place.group(0)) if place else ""
            self.zones[key] = ZoneRef(key, name, existing=False, location=location)
        return by_name

    def _known_zone(self, name: str) -> str | None:
        if self.finder is None:
            return None
        ids = self.finder.find(normalize(name)).zone_ids
        return ids[0] if ids else None

    def _host(self, name: str, counts: Counter[str]) -> str | None:
        """A zone of the same place named more often beside `name`: `name` lies inside it."""
        bigger = [
            n for n in self._together[name] if counts[n] > counts[name] and _same_place(n, name)
        ]
        return max(bigger, key=lambda n: (counts[n], n), default=None)

    def _new_key(self, name: str) -> str:
        key = zone_id_for(name)
        taken = {ref.key for ref in self.zones.values()}
        number = 2
        base = key
        while key in taken:
            key, number = f"{base}-{number}", number + 1
        return key


def _candidate_names(text: str) -> list[tuple[int, str]]:
    """Zone names in a sentence: a place, a few characters, a zone word (高新区, 产业园...)."""
    names: list[tuple[int, str]] = []
    for suffix in ZONE_SUFFIX_RE.finditer(text):
        window = text[max(0, suffix.start() - _LOOK_BACK) : suffix.start()]
        cut = max((m.end() for m in _BOUNDARY_RE.finditer(window)), default=0)
        place = _places_re().search(window, cut)
        if place is None:
            continue
        start = _drop_province(window, place)
        name = window[start:] + suffix.group(0)
        at = suffix.start() - len(window) + start
        if names and names[-1][0] <= at < names[-1][0] + len(names[-1][1]):
            names[-1] = (names[-1][0], name if len(name) > len(names[-1][1]) else names[-1][1])
        else:
            names.append((at, name))
    heading = _HEADING_NAME_RE.match(text)
    if heading is not None and not names and _places_re().match(heading.group(1)):
        names.append((0, heading.group(1)))
    names += [
        (m.start(), m.group(1).removeprefix(m.group(1).split(" ")[0] + " "))
        if m.group(1).split(" ")[0] in _EN_SKIP
        else (m.start(), m.group(1))
        for m in _EN_NAME_RE.finditer(text)
    ]
    return names


def _same_place(first: str, second: str) -> bool:
    place = _places_re().match(first)
    return place is not None and second.startswith(place.group(0))


def _drop_province(window: str, place: re.Match[str]) -> int:
    """河南安阳光电...: the city after a province names the zone; the province is left out."""
    after = place.end() + (1 if window[place.end() : place.end() + 1] in {"省", "市"} else 0)
    city = _places_re().match(window, after)
    return city.start() if city is not None and city.end() < len(window) else place.start()


_PLACES: list[re.Pattern[str]] = []


def _places_re() -> re.Pattern[str]:
    if not _PLACES:
        places = [p for p in known_places() if len(p) >= 2 and not ZONE_SUFFIX_RE.search(p)]
        _PLACES.append(alternation(places))
    return _PLACES[0]


def _written_locations(found: list[Sentence]) -> dict[str, str]:
    """The longest way the article writes each place with its province (山东省青岛市)."""
    places = _places_re().pattern
    pattern = re.compile(f"(?:(?:{places})(?:省|自治区))?({places})市?")
    best: dict[str, str] = {}
    for sentence in found:
        for match in pattern.finditer(sentence.text):
            place = match.group(1).removesuffix("市")
            if len(match.group(0)) > len(best.get(place, "")):
                best[place] = match.group(0)
    return best


def zone_id_for(name: str) -> str:
    """A zone id from a name: pinyin of its own part and a word for its kind (taiyuan-hitech)."""
    if name.isascii():
        return "-".join(re.findall(r"[a-z0-9]+", name.lower()))[:48] or "new-zone"
    suffix, kind = next(((s, k) for s, k in _SUFFIX_IDS if name.endswith(s)), ("", "zone"))
    own = name.removesuffix(suffix)
    spelled = next((p for p in _spellings() if own.startswith(p)), "")
    syllables = [char_pinyin(ch) or "" for ch in own[len(spelled) :][:6]]
    pairs = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    words = [w for w in [_spellings().get(spelled, ""), *pairs] if re.fullmatch("[a-z]+", w)]
    return "-".join([*words, kind])


@cache
def _spellings() -> dict[str, str]:
    """Place readings the one-reading pinyin table gets wrong (成都: chengdu), longest first."""
    pairs = [(p, latin.replace(" ", "")) for latin, p in place_spellings() if not latin.isupper()]
    return dict(sorted(((p, latin.lower()) for p, latin in pairs), key=lambda x: -len(x[0])))
