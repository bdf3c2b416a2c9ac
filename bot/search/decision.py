"""What the matcher decides, the candidates it weighs, and the scores it decides by."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.kb.models import Lang
from bot.search.figures import Figure
from bot.search.index import EntryRecord

ANSWER_SCORE = 52.0  # at or above: confident enough to answer
CLARIFY_SCORE = 42.0  # candidates at or above this may be offered when none is clear
ZONE_MARGIN = 6.0  # another zone this close to the best makes a zoneless question ambiguous
RIVAL_COVERAGE = 0.6  # ... and so does one whose entry covers this much of the question
TIE_MARGIN = 0.0  # two covering entries scored alike answer alike: ask which
LABEL_MARGIN = 15.0  # ... or, this close, the one whose title or tags name the words asked
WRITTEN_SCORE = 98.0  # at or above: worded as an entry's written question
TYPO_COVERAGE = 0.8  # an answer covering less may have missed a misspelt word
ENTITY_REST_COVERAGE = 0.25  # what is asked about a named firm: this much must be covered
COMMON_WORD_SHARE = 0.5  # a content word held by more than half of all entries tells no topic
NEARLY_ALL = 0.9  # an entry holding this much of a question answers it despite one stray word
LEADER_SCORE = 40.0  # below the answer threshold, a candidate covering every content word
LEADER_MARGIN = 12.0  # ... and this far ahead of the next answers all the same
FAR_LEADER_SCORE = 60.0  # a candidate this good lacking one word the zone's sources ask of
FAR_LEADER_MARGIN = 20.0  # ... this far ahead answers a question asking a figure it gives
PLAIN_LEADER_SCORE = 30.0  # for a question asking no figure, read whole, a candidate this good
PLAIN_LEADER_MARGIN = 6.0  # ... and this far ahead covering every content word answers
READING_LIKENESS = 60  # words before a bracketed gloss this like it (fuzz.ratio) read as it
MIN_FIRM_TYPO_CHARS = 4  # a firm's name this long may be read through one typo
MAX_CLAUSES = 8  # a long question is read clause by clause up to this many
CANDIDATES = 12
CROSS_HOLD_SCORE = 25.0  # a cross question lists a zone whose entry this good holds every word
CROSS_POOL = 48  # a national base's "which zones" weighs the zones of this many best entries
RIVAL_POOL = 8  # a zoneless question on a large base weighs the zones of this many best entries
RIVAL_DEPTH = 3  # ... each zone by this many of its best entries
PARTIAL_SORT_FROM = 2000  # entries ranked at once from which the best are picked before sorting

Kind = Literal[
    "entry",
    "zones",
    "cross",
    "clarify",
    "unknown_topic",
    "unknown_place",
    "smalltalk",
    "nothing",
    "not_given",
    "sources",
]


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """One entry considered for a question, with its scores."""

    record: EntryRecord
    score: float  # 0..100
    coverage: float
    fuzzy: float


@dataclass(frozen=True, kw_only=True)
class MatchResult:
    """The matcher's decision, before any wording."""

    kind: Kind
    lang: Lang
    traditional: bool
    score: float = 0.0
    zone_id: str | None = None
    candidates: tuple[Candidate, ...] = ()
    zones: tuple[str, ...] = ()  # for kind "zones" (listing), "cross" and "sources"
    unknown_place: str | None = None
    topic: str = ""  # the words a cross-zone question asks about; for "sources", the facet
    place: str = ""  # the place a question named several zones by, or its unknown zone lies in
    ranking: bool = False  # a cross question asking which zone is highest: figures side by side
    context_used: bool = False
    notes: dict[str, float] = field(default_factory=dict)
    years: tuple[str, ...] = ()  # for kind "not_given": the years asked that the entry lacks
    figures: tuple[Figure, ...] = ()  # ... or the kinds of figure asked that it does not give
    askers: tuple[str, ...] = ()  # ... or the askers singled out that it never mentions
    errands: tuple[str, ...] = ()  # ... or what the asker would do there (报名, tuition)
    named: tuple[str, ...] = ()  # for "cross": the zones the question named, each in the reply
    parts: bool = False  # for "not_given": the candidates answer a question's parts, all shown


def answered_by(candidate: Candidate, lang: Lang, traditional: bool) -> MatchResult:
    """The decision to answer with one entry chosen outside the ranking's usual course."""
    return MatchResult(
        kind="entry",
        lang=lang,
        traditional=traditional,
        score=candidate.score,
        zone_id=candidate.record.zone_id,
        candidates=(candidate,),
    )
