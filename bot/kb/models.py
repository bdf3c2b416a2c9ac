"""Pydantic models of the knowledge base files, as `knowledge-format.md` fixes them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

Topic = Literal[
    "overview", "incentives", "figures", "projects", "talent", "land", "contacts", "other"
]
TOPICS: tuple[str, ...] = (
    "overview",
    "incentives",
    "figures",
    "projects",
    "talent",
    "land",
    "contacts",
    "other",
)

DRAFT_MARK = "[draft]"  # starts every text `zonebot draft` leaves for an editor to write
ID_PATTERN = r"^[a-z0-9-]+$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=64)]

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_period(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real date."""
    match = _DATE_RE.match(value)
    if not match:
        msg = f'"{value}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, in quotes'
        raise ValueError(msg)
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        msg = f'"{value}" is not a real date'
        raise ValueError(msg) from None
    return value


Period = Annotated[str, AfterValidator(_check_period)]


class _Strict(BaseModel):
    """Base for file models: unknown keys are typos, values are never coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class BilingualText(_Strict):
    """A human-readable text in Chinese and English; a plain string is Chinese only."""

    zh: NonEmpty | None = None
    en: NonEmpty | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_chinese(cls, value: Any) -> Any:
        return {"zh": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _at_least_one_language(self) -> BilingualText:
        if self.zh is None and self.en is None:
            msg = "give the text in at least one language (zh: or en:)"
            raise ValueError(msg)
        return self

    def get(self, lang: Lang) -> str | None:
        """Return the text in `lang`, or None when it is not written."""
        return self.zh if lang == "zh" else self.en

    def best(self, lang: Lang) -> str:
        """Return the text in `lang`, falling back to the other language."""
        return self.get(lang) or self.zh or self.en or ""


class BilingualList(_Strict):
    """Lists of words or phrases per language; a plain list is Chinese only."""

    zh: list[NonEmpty] = Field(default_factory=list)
    en: list[NonEmpty] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _plain_list_is_chinese(cls, value: Any) -> Any:
        return {"zh": value} if isinstance(value, list) else value

    def get(self, lang: Lang) -> list[str]:
        """Return the items in `lang`."""
        return self.zh if lang == "zh" else self.en

    def all(self) -> list[str]:
        """Return the items of both languages."""
        return [*self.zh, *self.en]


class Source(_Strict):
    """A document that answers may cite."""

    id: Id
    title: BilingualText
    publisher: BilingualText
    date: Period
    url: str | None = None


class Entry(_Strict):
    """One answerable fact or policy of a zone, with the ways people ask for it."""

    id: Id
    topic: Topic
    title: BilingualText | None = None  # extension: a short label for headings and buttons
    tags: list[NonEmpty] = Field(default_factory=list)
    questions: BilingualList
    answer: BilingualText
    sources: list[Id] = Field(min_length=1)
    as_of: Period | None = None
    valid_until: Period | None = None
    related: list[Id] = Field(default_factory=list)
    draft: bool = False  # extension: written by `zonebot draft`; validation refuses it until done
    note: NonEmpty | None = None  # extension: a note to editors, never shown to askers
    # extension: what the source leaves out (奖励金额): a question asking for it, or for any
    # figure, gets "the source does not give ..." with what the entry does say
    not_given: BilingualList = Field(default_factory=BilingualList)

    @field_validator("draft", mode="before")
    @classmethod
    def _yes_or_no(cls, value: Any) -> Any:
        """The YAML reader keeps every value as written: `true` arrives as text."""
        words = {"true": True, "false": False}
        if isinstance(value, str) and value.strip().lower() in words:
            return words[value.strip().lower()]
        if isinstance(value, str):
            msg = f'"{value}" is not true or false'
            raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _has_a_question(self) -> Entry:
        if not self.questions.all():
            msg = "write at least one question (questions: zh: [...] or en: [...])"
            raise ValueError(msg)
        return self


class ZoneProfile(_Strict):
    """A zone file but its entries: what names, places and describes the zone.

    Finding zones needs no more, so a restart from the knowledge cache reads every zone's
    profile and builds a zone with its entries when a question first needs it.
    """

    id: Id
    name: BilingualText
    aliases: BilingualList = Field(default_factory=BilingualList)
    entities: BilingualList = Field(default_factory=BilingualList)
    location: BilingualText | None = None
    industries: BilingualList = Field(default_factory=BilingualList)
    summary: BilingualText | None = None
    sources: list[Id] = Field(default_factory=list)


class Zone(ZoneProfile):
    """A zone file: the zone's profile and its entries."""

    entries: list[Entry] = Field(min_length=1)


class SourceList(_Strict):
    """The contents of sources.yaml."""

    sources: list[Source]


class SynonymList(_Strict):
    """The contents of synonyms.yaml: groups of words that mean the same to an asker."""

    groups: list[Annotated[list[NonEmpty], Field(min_length=2)]]
