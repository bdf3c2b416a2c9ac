"""Check a knowledge base against itself: every question an entry lists must find that entry."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from bot.answer.build import answer_question
from bot.search.index import ZoneIndex

TOO_ALIKE = 90.0  # phrasings of two entries at least this similar confuse the matcher


@dataclass(frozen=True)
class Miss:
    """A question written in an entry that the matcher answers otherwise."""

    zone_id: str
    entry_id: str
    question: str
    got: str  # what it got instead: "zone/entry", "clarify" or "no_match"


@dataclass(frozen=True)
class AlikePair:
    """Two entries of one zone with nearly the same question."""

    zone_id: str
    first: str
    second: str
    question_a: str
    question_b: str
    similarity: float


def find_misses(index: ZoneIndex) -> list[Miss]:
    """Ask every question of every entry, in its zone's context, and list the wrong answers."""
    misses: list[Miss] = []
    for record in index.records:
        for question in record.entry.questions.all():
            answer = answer_question(index, question, context_zone=record.zone_id)
            if (answer.zone_id, answer.entry_id) != (record.zone_id, record.entry.id):
                got = f"{answer.zone_id}/{answer.entry_id}" if answer.entry_id else answer.status
                misses.append(Miss(record.zone_id, record.entry.id, question, got))
    return misses


def find_alike_pairs(index: ZoneIndex) -> list[AlikePair]:
    """List pairs of entries in one zone whose questions are too alike."""
    pairs: list[AlikePair] = []
    zone_records = (index.records[start:end] for start, end in index.zone_ranges.values())
    for first, second in (pair for records in zone_records for pair in combinations(records, 2)):
        best: tuple[float, str, str] = (0.0, "", "")
        for lang in ("zh", "en"):
            for a in first.phrasings[lang]:
                for b in second.phrasings[lang]:
                    best = max(best, (fuzz.ratio(a, b), a, b))
        if best[0] >= TOO_ALIKE:
            pairs.append(
                AlikePair(
                    first.zone_id, first.entry.id, second.entry.id, best[1], best[2], best[0]
                )
            )
    return pairs
