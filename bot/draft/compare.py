"""Sort an article's facts against the knowledge base: new, already known, or a possible update."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.draft.facts import Fact, label_before
from bot.draft.figures import find_dates, find_figures
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Entry

_UNIT_RE = re.compile(r"[\d.,:/\-多余约近]+")
_SAME_TOPIC = 75  # how alike two labels must be (rapidfuzz partial ratio) to name one topic


@dataclass(frozen=True)
class KnownFigure:
    """A figure the knowledge base states: where, and the words that name it."""

    entry_id: str
    value: str
    unit: str
    label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Known:
    """A fact of the article that an entry of its zone already states."""

    zone: str
    entry_id: str
    what: str
    line: int


@dataclass(frozen=True)
class Update:
    """A different figure for a topic an entry states: the editor decides which is current."""

    zone: str
    entry_id: str
    label: str
    old: str
    new: str
    old_sources: tuple[str, ...]
    line: int


@dataclass
class Review:
    """The facts to draft, and what the knowledge base already has."""

    new: list[Fact] = field(default_factory=list)
    known: list[Known] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)


def review(facts: list[Fact], kb: KnowledgeBase | None) -> Review:
    """Keep the new facts; list the known ones and the possible updates."""
    result = Review()
    indexes: dict[str, _ZoneIndex] = {}
    seen: set[tuple[str, str, str]] = set()
    for fact in facts:
        zone = kb.zones.get(fact.zone) if kb is not None else None
        if zone is None:
            if _first_time(fact, seen):
                result.new.append(fact)
            continue
        if zone.id not in indexes:
            indexes[zone.id] = _ZoneIndex(zone.entries)
        _sort_fact(fact, indexes[zone.id], result, seen)
    return result


def _first_time(fact: Fact, seen: set[tuple[str, str, str]]) -> bool:
    """A fact is drafted once per zone, however often the article repeats it."""
    what = fact.name or " ".join(f.value for f in fact.figures) or fact.sentence.text
    key = (fact.zone, fact.kind, what)
    if key in seen:
        return False
    seen.add(key)
    return True


class _ZoneIndex:
    """What one zone's entries state, for looking facts up."""

    def __init__(self, entries: list[Entry]) -> None:
        self.figures: list[KnownFigure] = []
        self.texts: list[tuple[str, str]] = []
        self.dates: dict[str, str] = {}
        for entry in entries:
            texts = [t for t in (entry.answer.zh, entry.answer.en) if t]
            self.texts.append((entry.id, " ".join([*texts, *entry.questions.all()])))
            for text in texts:
                for figure in find_figures(text):
                    unit = unit_of(figure.value)
                    label = label_before(text, figure)
                    self.figures.append(
                        KnownFigure(entry.id, figure.value, unit, label, tuple(entry.sources))
                    )
                for date in find_dates(text, (entry.as_of or "")[:4]):
                    self.dates.setdefault(date.period, entry.id)

    def stating(self, value: str, label: str) -> str | None:
        """The entry that states a figure, its label most alike (an overview comes last)."""
        stated = [f for f in self.figures if f.value == value]
        best = max(
            stated,
            key=lambda f: (f.entry_id != "overview", fuzz.partial_ratio(label, f.label)),
            default=None,
        )
        return best.entry_id if best is not None else None

    def naming(self, name: str) -> str | None:
        return next((entry_id for entry_id, text in self.texts if name in text), None)

    def same_topic(self, label: str, unit: str) -> KnownFigure | None:
        """The stated figure of this unit whose label is most like `label`, if alike enough."""
        scored = [
            (fuzz.partial_ratio(label, f.label) - (f.entry_id == "overview"), f)
            for f in self.figures
            if f.unit == unit and len(f.label) >= 2 and len(label) >= 2
        ]
        best = max(scored, key=lambda pair: pair[0], default=None)
        return best[1] if best is not None and best[0] >= _SAME_TOPIC else None


def unit_of(value: str) -> str:
    """A figure's unit, its number taken out: 80亿元 -> 亿元, 28% -> %."""
    return _UNIT_RE.sub("", value)


def _sort_fact(
    fact: Fact, index: _ZoneIndex, result: Review, seen: set[tuple[str, str, str]]
) -> None:
    line = fact.sentence.line
    if fact.kind == "figure":
        fresh = False
        for figure in fact.figures:
            label = label_before(fact.sentence.text, figure)
            entry_id = index.stating(figure.value, label)
            if entry_id is not None:
                result.known.append(Known(fact.zone, entry_id, figure.text, line))
                continue
            old = index.same_topic(label, unit_of(figure.value))
            if old is not None:
                update = Update(fact.zone, old.entry_id, label, old.value, figure.value,
                                old.sources, line)  # fmt: skip
                result.updates.append(update)
            else:
                fresh = True
        if fresh:
            result.new.append(fact)
        return
    entry_id = index.dates.get(fact.as_of) if fact.kind == "date" else index.naming(fact.name)
    if entry_id is not None:
        result.known.append(Known(fact.zone, entry_id, fact.name or fact.as_of, line))
    elif _first_time(fact, seen):
        result.new.append(fact)
