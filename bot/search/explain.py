"""Explain a decision to editors: the best candidates and what of the question each leaves out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.search.decision import Candidate
from bot.search.features import EN_STOPWORDS, stem
from bot.search.index import EntryRecord, ZoneIndex
from bot.search.matcher import rank_candidates
from bot.search.textnorm import normalize, normalize_all

SHOWN = 3
_TOKEN_RE = re.compile(r"[\u3400-\u9fff]+|[a-z0-9][a-z0-9.%]*")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Explained:
    """One candidate entry, its score and the parts of the question it does not cover."""

    zone_id: str
    entry_id: str
    score: float
    uncovered: tuple[str, ...]  # Chinese runs and English words, in question order


def explain(
    index: ZoneIndex, question: str, *, context_zone: str | None = None, shown: int = SHOWN
) -> list[Explained]:
    """Return the `shown` best candidates for a question, best first, with what each misses."""
    question = index.speller.corrected(question)  # read as the matcher reads it (talants)
    ranked = rank_candidates(index, question, context_zone=context_zone)
    return _explained(index, question, ranked[:shown])


def explain_entry(
    index: ZoneIndex, question: str, zone_id: str, entry_id: str
) -> Explained | None:
    """Score one entry against a question, as if it were asked in the entry's zone."""
    question = index.speller.corrected(question)
    ranked = rank_candidates(index, question, within=zone_id)
    found = [c for c in ranked if c.record.entry.id == entry_id]
    return next(iter(_explained(index, question, found)), None)


def _explained(
    index: ZoneIndex, question: str, candidates: Sequence[Candidate]
) -> list[Explained]:
    norm = normalize(question)
    topic = norm
    for name in index.finder.find(norm).names:
        topic = topic.replace(name, " ")
    synonyms = [normalize_all(group) for group in index.kb.synonyms]
    explained = []
    for candidate in candidates:
        record = candidate.record
        text = index.strip_zone_names(topic, record.zone_id)
        uncovered = _uncovered(text, _entry_text(record), synonyms)
        explained.append(
            Explained(record.zone_id, record.entry.id, candidate.score, tuple(uncovered))
        )
    return explained


def _entry_text(record: EntryRecord) -> str:
    """Everything an entry says, normalised: questions, labels and answers."""
    answer = record.entry.answer
    (answers,) = normalize_all([f"{answer.zh or ''} {answer.en or ''}"])
    return f"{record.question_text} {answers}"


def _uncovered(topic: str, entry_text: str, synonyms: list[list[str]]) -> list[str]:
    """The question's characters and words that neither the entry nor a synonym of it holds."""
    entry_stems = {stem(w) for w in _TOKEN_RE.findall(entry_text) if not _CJK_RE.match(w)}
    held = [m for group in synonyms if any(_holds(entry_text, entry_stems, m) for m in group)
            for m in group]  # fmt: skip
    covered = [False] * len(topic)
    for member in held:
        for found in re.finditer(re.escape(member), topic):
            covered[found.start() : found.end()] = [True] * len(member)
    missing: list[str] = []
    for token in _TOKEN_RE.finditer(topic):
        word = token.group(0)
        if not _CJK_RE.match(word):
            known = covered[token.start()] or stem(word) in entry_stems
            if word not in EN_STOPWORDS and not known:
                missing.append(word)
            continue
        for offset in range(len(word) - 1):  # a pair of characters the entry has is covered
            if word[offset : offset + 2] in entry_text:
                covered[token.start() + offset : token.start() + offset + 2] = [True, True]
        if len(word) == 1 and word in entry_text:
            covered[token.start()] = True
        missing += [run for run in _runs(word, covered[token.start() : token.end()]) if run]
    return missing


def _runs(word: str, covered: list[bool]) -> list[str]:
    """Split a word into its runs of uncovered characters."""
    return "".join(" " if hit else char for char, hit in zip(word, covered, strict=True)).split()


def _holds(entry_text: str, entry_stems: set[str], member: str) -> bool:
    """Tell whether an entry's text holds a synonym: Chinese as written, English by stems."""
    if _CJK_RE.search(member):
        return member in entry_text
    return all(stem(w) in entry_stems for w in member.split())
