"""The answer object: what every front end (CLI, chat, inline mode) renders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.kb.models import Lang, Source

Status = Literal["answer", "clarify", "no_match"]


@dataclass(frozen=True)
class Citation:
    """A source an answer cites, with title and publisher in the reply's language."""

    id: str
    title: str
    publisher: str
    date: str
    url: str | None = None

    @classmethod
    def of(cls, source: Source, lang: Lang) -> Citation:
        """Cite a source in `lang` (the other language where it has no text in `lang`)."""
        return cls(
            id=source.id,
            title=source.title.best(lang),
            publisher=source.publisher.best(lang),
            date=source.date,
            url=source.url,
        )


@dataclass(frozen=True)
class Suggestion:
    """Something the asker may mean or ask next: a zone, or one entry of it."""

    zone_id: str
    entry_id: str | None
    question: str  # a label in the reply's language, e.g. "青岛高新区 · 康复大学"


@dataclass(frozen=True)
class AnswerBlock:
    """One entry's answer as shown to the asker."""

    zone_id: str
    entry_id: str
    zone_name: str
    title: str
    text: str
    as_of: str | None = None
    valid_until: str | None = None
    lapsed: bool = False  # valid_until has passed: the incentive is not offered as current
    untranslated: bool = False  # English was asked, only Chinese exists
    source_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """The core's reply to one question, independent of how it is displayed."""

    question: str
    status: Status
    lang: Lang
    score: float
    traditional: bool = False  # reply in traditional characters
    zone_id: str | None = None
    entry_id: str | None = None
    intro: str = ""  # a heading or message shown before the blocks
    blocks: tuple[AnswerBlock, ...] = ()
    outro: str = ""  # a hint shown after the blocks
    citations: tuple[Citation, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    related: tuple[Suggestion, ...] = ()
    kb_version: str = ""
