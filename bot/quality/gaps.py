"""The gaps report: what people asked that the knowledge base could not answer, grouped."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import yaml
from rapidfuzz import fuzz, process

from bot.personal_data import neutralise_controls
from bot.search.textnorm import CJK_RE, normalize

Reason = Literal["no_match", "clarify", "unhelpful"]
REASONS: tuple[Reason, ...] = ("no_match", "clarify", "unhelpful")
SIMILARITY_THRESHOLD = 85.0  # rapidfuzz token_sort_ratio, 0..100
MAX_EXAMPLES = 3

_FINAL_PARTICLES = "吗呢啊么吧呀"  # end a Chinese question without changing what it asks
_PERIOD_RE = re.compile(r"^\s*(\d+)\s*([dhm])\s*$")
_PERIOD_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


@dataclass(frozen=True)
class GapQuestion:
    """One logged question the bot answered badly: no match, a clarifying question, or 👎."""

    text: str
    language: str
    reason: Reason
    zone_id: str | None = None
    entry_id: str | None = None


@dataclass(frozen=True)
class GapGroup:
    """Similar questions counted together, with a few of them as asked."""

    count: int
    examples: tuple[str, ...]  # one per distinct wording, the most asked first
    reasons: dict[Reason, int]
    entries: tuple[str, ...] = ()  # "zone/entry" ids that got a 👎 for these questions


def parse_since(spec: str, now: dt.datetime) -> dt.datetime:
    """Read a period back from now (7d, 24h, 30m) or a date or time in ISO form (UTC if bare)."""
    match = _PERIOD_RE.match(spec)
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        return now - dt.timedelta(**{_PERIOD_UNITS[unit]: amount})
    try:
        moment = dt.datetime.fromisoformat(spec.strip())
    except ValueError:
        msg = f"{spec!r} is not a period: write 7d, 24h, 30m or a date such as 2024-05-01"
        raise ValueError(msg) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def group_questions(
    questions: Iterable[GapQuestion], *, threshold: float = SIMILARITY_THRESHOLD
) -> list[GapGroup]:
    """Group questions whose normalised wording is alike, the most frequent group first.

    Normalising folds width, case, traditional characters, punctuation and final particles,
    so 青島高新區有哪些補貼？ and 青岛高新区有哪些补贴呢 count as one. Clustering is greedy:
    wordings are taken from the most asked down, and each joins the first group whose first
    wording scores at least `threshold`.
    """
    by_wording: dict[str, list[GapQuestion]] = {}
    for question in questions:
        wording = normalize(question.text).rstrip(_FINAL_PARTICLES).strip()
        if wording:
            by_wording.setdefault(wording, []).append(question)
    leaders: list[str] = []
    clusters: list[list[str]] = []
    for wording in sorted(by_wording, key=lambda w: (-len(by_wording[w]), w)):
        match = process.extractOne(
            wording, leaders, scorer=fuzz.token_sort_ratio, score_cutoff=threshold
        )
        if match is None:
            leaders.append(wording)
            clusters.append([wording])
        else:
            clusters[match[2]].append(wording)
    groups = [_summarise([by_wording[wording] for wording in cluster]) for cluster in clusters]
    return sorted(groups, key=lambda group: -group.count)


def _summarise(wordings: Sequence[Sequence[GapQuestion]]) -> GapGroup:
    """Count a cluster's questions, reasons and 👎 entries; one example per wording."""
    cluster = [question for same in wordings for question in same]
    reasons = Counter(question.reason for question in cluster)
    entries = dict.fromkeys(
        f"{q.zone_id}/{q.entry_id}" for q in cluster if q.reason == "unhelpful" and q.entry_id
    )
    examples = [  # operators read them: no control or bidi character reaches their screen
        neutralise_controls(Counter(q.text.strip() for q in same).most_common(1)[0][0])
        for same in wordings[:MAX_EXAMPLES]
    ]
    return GapGroup(
        count=len(cluster),
        examples=tuple(examples),
        reasons={reason: reasons[reason] for reason in REASONS if reasons[reason]},
        entries=tuple(entries),
    )


def format_report(groups: Sequence[GapGroup]) -> str:
    """Render groups as plain text: count, reasons, examples and the 👎 entries."""
    if not groups:
        return "No unanswered or 👎 questions in this period."
    lines: list[str] = []
    for group in groups:
        reasons = ", ".join(f"{reason} {count}" for reason, count in group.reasons.items())
        lines.append(f"{group.count}× {group.examples[0]}  ({reasons})")
        lines.extend(f"    - {example}" for example in group.examples[1:])
        if group.entries:
            lines.append(f"    👎 answered with: {', '.join(group.entries)}")
    return "\n".join(lines)


def stub_entry(group: GapGroup, number: int) -> dict[str, Any]:
    """Write a knowledge base entry for a group, its questions filled in, for editors to finish."""
    chinese = [text for text in group.examples if CJK_RE.search(text)]
    english = [text for text in group.examples if not CJK_RE.search(text)]
    return {
        "id": f"new-entry-{number}",
        "topic": "other",
        "questions": {"zh": chinese, "en": english},
        "answer": {
            "zh": "TODO 写出答案，并在 sources 中注明出处",
            "en": "TODO write the answer and cite its source in sources",
        },
        "sources": [],
    }


def format_stub_yaml(groups: Sequence[GapGroup]) -> str:
    """Render one stub entry per group as YAML ready to paste under a zone's `entries:`."""
    parts = []
    for number, group in enumerate(groups, start=1):
        reasons = ", ".join(f"{reason} {count}" for reason, count in group.reasons.items())
        body = yaml.safe_dump(
            [stub_entry(group, number)], allow_unicode=True, sort_keys=False, width=1000
        )
        times = "time" if group.count == 1 else "times"
        parts.append(f"# asked {group.count} {times} ({reasons})\n{body}")
    return "\n".join(parts)
