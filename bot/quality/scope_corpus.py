"""Questions about zones the base lacks in the places of zones it knows, and its own zones' names.

A zone of another kind in a known zone's city or province (山西 + 综改区), a zone with its own
name there (青岛 + 中德生态园), or the city's plain name for the kind a known zone bears with a
name of its own (太原高新区 beside 太原中北高新区) must be refused, also when compared with the
known zone (青岛中德生态园跟青岛高新区比); each known zone's names,
short forms and slips must still be answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Zone
from bot.search.index import ZoneIndex
from bot.search.matcher import match_question
from bot.search.zonefind import (
    GENERIC_KINDS,
    ZONE_SUFFIX_RE,
    _compact,
    chinese_zone_keys,
    location_parts,
    same_kind,
    zone_kinds,
)

TOPICS = ("{}在哪", "介绍一下{}", "{}有什么优惠", "{}有多大")
OWN_NAMES = ("中德", "滨湖", "华侨", "临港")  # names of zones no test base holds
# a zone we lack weighed against a known one: answering the known zone alone passes for it
COMPARED = ("{}跟{}比哪个优惠多", "{}和{}有什么区别")


@dataclass(frozen=True)
class ScopeQuestion:
    """A question, its class, and the zone it must get (None: it must be refused)."""

    text: str
    kind: str
    zone_id: str | None


def _own_kinds(zone: Zone) -> set[str]:
    return set(ZONE_SUFFIX_RE.findall(_compact(zone.name.zh or "")))


def _negatives(zone: Zone) -> list[ScopeQuestion]:
    """Other zones in a known zone's places, in the three classes."""
    places = location_parts(zone)
    name = _compact(zone.name.zh or "")
    kinds = _own_kinds(zone)
    out: list[ScopeQuestion] = []
    for place in places:
        for forms in zone_kinds():
            for form in forms:
                if form in GENERIC_KINDS:
                    continue
                if not same_kind(form, kinds):
                    out += [
                        ScopeQuestion(t.format(place + form), "other kind", None) for t in TOPICS
                    ]
                for own in OWN_NAMES:
                    if own[0] not in name:
                        out += [
                            ScopeQuestion(t.format(place + own + form), "own name", None)
                            for t in TOPICS
                        ]
                        out += [
                            ScopeQuestion(t.format(*pair), "compared", None)
                            for t in COMPARED
                            for pair in ((place + own + form, name), (name, place + own + form))
                        ]
    city = places[-1] if places else ""
    bare = ZONE_SUFFIX_RE.sub("", name)
    for forms in zone_kinds():
        if (
            city
            and city != bare
            and any(same_kind(f, kinds) for f in forms)
            and forms[0] not in GENERIC_KINDS
        ):
            out += [
                ScopeQuestion(t.format(city + f), "plain city name", None)
                for f in forms
                for t in TOPICS
            ]
    return out


def _slip(key: str) -> str | None:
    """Swap two characters of a name's distinctive part (中北 -> 北中)."""
    bare = ZONE_SUFFIX_RE.sub("", key)
    if len(bare) < 3:
        return None
    return key[: len(bare) - 2] + key[len(bare) - 1] + key[len(bare) - 2] + key[len(bare) :]


def _positives(zone: Zone) -> list[ScopeQuestion]:
    """A zone's own names, short forms and slips."""
    keys = [
        k
        for k, kind in chinese_zone_keys(zone)
        if kind in ("name", "short", "alias") and ZONE_SUFFIX_RE.sub("", k)
    ]
    out = [ScopeQuestion(t.format(k), "own name", zone.id) for k in keys for t in TOPICS[:2]]
    name = _compact(zone.name.zh or "")
    slip = _slip(name)
    if slip:
        out += [ScopeQuestion(t.format(slip), "slip", zone.id) for t in TOPICS[:2]]
    return out


def scope_corpus(kb: KnowledgeBase) -> list[ScopeQuestion]:
    """Generate the corpus of a base: each zone's places x kinds x topics, and its names."""
    return [q for zone in kb.zones.values() for q in _negatives(zone) + _positives(zone)]


def score_scope(index: ZoneIndex, corpus: list[ScopeQuestion]) -> dict[str, tuple[int, int]]:
    """Count, by class, the questions handled right: negatives refused, positives answered.

    A negative answered from a known zone, or told that zone lacks the topic, is wrong; a
    positive is right when its own zone answers, whether it holds the topic or not.
    """
    counts: dict[str, tuple[int, int]] = {}
    for q in corpus:
        result = match_question(index, q.text)
        if q.zone_id is None:
            label, right = f"refuse: {q.kind}", result.kind not in ("entry", "unknown_topic")
        else:
            label, right = f"answer: {q.kind}", result.zone_id == q.zone_id
        good, total = counts.get(label, (0, 0))
        counts[label] = (good + right, total + 1)
    return counts
