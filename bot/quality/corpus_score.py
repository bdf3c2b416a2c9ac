"""Score the matcher on a generated question corpus, class by class, as score.py counts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from bot.answer.build import ZONES_SHOWN, answer_question
from bot.answer.model import Answer
from bot.kb.knowledge import KnowledgeBase
from bot.quality.corpus import CLASSES, SOURCE_ENTRY_TAGS, CorpusQuestion
from bot.search.index import ZoneIndex

Verdict = Literal["right", "wrong", "refused"]
Picker = Callable[[str], "Pick | None"]  # a question -> the entry of its reply, if any


@dataclass(frozen=True)
class Pick:
    """The entry a reply shows, and whether it answers with it or says what it lacks."""

    zone_id: str
    entry_id: str
    answered: bool = True
    shown: tuple[str, ...] = ()  # the other entries of the zone shown beside it


@dataclass(frozen=True)
class ClassScore:
    """How one class of questions fared."""

    cls: str
    answerable: bool
    questions: int
    right: int  # answerable: the expected entry; negative: refused
    wrong: int  # another entry, or an answer to an out-of-scope question

    @property
    def right_share(self) -> float:
        """Right over questions (1 when there are none)."""
        return self.right / self.questions if self.questions else 1.0

    @property
    def wrong_share(self) -> float:
        """Wrong over questions."""
        return self.wrong / self.questions if self.questions else 0.0


def bot_picker(index: ZoneIndex) -> Picker:
    """What the bot answers with: the entry of its reply (None: it did not answer).

    A reply saying the source does not give a figure shows the entry that does not give it.
    """

    def pick(text: str) -> Pick | None:
        reply = answer_question(index, text)
        if reply.status != "answer" and not reply.entry_id:
            return None
        shown = tuple(b.entry_id for b in reply.blocks)
        if reply.entry_id or not reply.zone_id or not shown:
            return Pick(reply.zone_id or "", reply.entry_id or "", reply.status == "answer")
        return Pick(reply.zone_id, shown[0], reply.status == "answer", shown[1:])

    return pick


def verdict(question: CorpusQuestion, reply: Pick | None) -> Verdict:
    """Judge one reply as score.py does: the expected entry is right, any other answer wrong.

    A reply saying what the sources lack answers nothing: it is right only when it shows the
    entry asked about (the entry's own `not_given`), else a refusal, as score.py counts it.
    A reply showing several entries of one zone is right when the entry asked about is one
    of them: score.py finds the fact in its text.
    A question asking two things (`also`) is right only when both entries are shown: an
    answer dropping one part is wrong.
    """
    if reply is None:
        return "refused"
    shown = (reply.entry_id, *reply.shown)
    if (
        question.answerable
        and reply.zone_id == question.zone_id
        and question.entry_id in shown
        and (question.also is None or question.also in shown)
    ):
        return "right"
    return "wrong" if reply.answered else "refused"


def score_corpus(corpus: Iterable[CorpusQuestion], pick: Picker) -> dict[str, ClassScore]:
    """Score every class of the corpus with `pick`, in the generator's class order."""
    tallies: dict[str, list[int]] = {}
    kinds: dict[str, bool] = {}
    for question in corpus:
        result = verdict(question, pick(question.text))
        tally = tallies.setdefault(question.cls, [0, 0, 0])
        kinds[question.cls] = question.answerable
        tally[0] += 1
        if question.answerable:
            tally[1] += result == "right"
        else:
            tally[1] += result == "refused"
        tally[2] += result == "wrong"
    order = [c for c in CLASSES if c in tallies] + sorted(set(tallies) - set(CLASSES))
    return {c: ClassScore(c, kinds[c], *tallies[c]) for c in order}


def overall(scores: dict[str, ClassScore]) -> dict[str, float]:
    """Right entry over answerable questions, out of scope refused, wrong over all."""
    answerable = [s for s in scores.values() if s.answerable]
    negative = [s for s in scores.values() if not s.answerable]
    n_ans = sum(s.questions for s in answerable) or 1
    n_neg = sum(s.questions for s in negative) or 1
    n_all = sum(s.questions for s in scores.values()) or 1
    return {
        "right": sum(s.right for s in answerable) / n_ans,
        "oos_refused": sum(s.right for s in negative) / n_neg,
        "wrong": sum(s.wrong for s in scores.values()) / n_all,
    }


def source_verdict(kb: KnowledgeBase, question: CorpusQuestion, reply: Answer) -> Verdict:
    """Judge a reply to a question about the sources (corpus.generate_source_questions).

    Right: for a zone, its sources cited and no entry shown but its entry on the article
    (or, asking who reported, the entry expected); for no zone, a source of every zone
    listed (the first twelve of a larger base); for an unknown zone, no answer.
    """
    if reply.status != "answer":
        return "refused"
    if not question.answerable:
        return "wrong"
    if question.entry_id:
        return "right" if reply.entry_id == question.entry_id else "wrong"
    cited = {c.id for c in reply.citations}
    zones = [kb.zones[question.zone_id]] if question.zone_id else list(kb.zones.values())
    zones = zones[:ZONES_SHOWN]  # a reply names this many zones, then "and N more"
    listed = all(cited & set(zone.sources) for zone in zones)
    about = {e.id for zone in zones for e in zone.entries if SOURCE_ENTRY_TAGS & set(e.tags)}
    shown = reply.entry_id not in (None, *about) or any(
        b.entry_id not in about for b in reply.blocks
    )
    return "right" if listed and not shown and reply.zone_id == question.zone_id else "wrong"
