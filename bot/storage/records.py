"""What the store hands in and out: plain dataclasses, free of SQL and of Telegram."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Literal

from bot.answer.model import Status

ContactMethod = Literal["phone", "email", "telegram"]
NotificationStatus = Literal["pending", "sent"]
QuestionStatus = Status


@dataclass(frozen=True)
class LeadForm:
    """A lead form in progress: the step the user is at and what they have answered so far.

    `form_id` is fixed when the form opens and becomes the lead's idempotency key, so the
    final step processed twice still makes one lead.
    """

    step: str
    answers: dict[str, str | list[str]] = field(default_factory=dict)
    form_id: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class UserState:
    """Everything kept about one user's conversation; a user never seen gets the defaults."""

    user_id: int
    language: str | None = None
    context_zone_id: str | None = None
    context_set_at: dt.datetime | None = None
    lead_form: LeadForm | None = None

    def context_zone(self, now: dt.datetime, max_age: dt.timedelta) -> str | None:
        """Return the zone follow-up questions refer to, unless it was set too long ago."""
        if self.context_set_at is None or now - self.context_set_at > max_age:
            return None
        return self.context_zone_id


@dataclass(frozen=True)
class UpdateStart:
    """What an update's first transaction read: its user's state and recent questions."""

    state: UserState | None  # None for an update without a user
    recent_questions: int


@dataclass(frozen=True)
class NewLead:
    """A finished lead form, as the user confirmed it."""

    user_id: int
    idempotency_key: str  # the form's `form_id`
    language: str
    company: str
    industry: str
    investment: str
    zones: tuple[str, ...]
    contact_method: ContactMethod
    contact_value: str


@dataclass(frozen=True)
class SavedLead:
    """The outcome of saving a lead: its id, and whether this call created it."""

    lead_id: int
    created: bool


@dataclass(frozen=True)
class NotificationState:
    """Where one admin's notice of a lead stands."""

    admin_id: int
    status: NotificationStatus
    attempts: int
    last_error: str | None
    sent_at: dt.datetime | None


@dataclass(frozen=True)
class Lead:
    """A stored lead with the state of its admin notices."""

    id: int
    created_at: dt.datetime
    user_id: int
    language: str
    company: str
    industry: str
    investment: str
    zones: tuple[str, ...]
    contact_method: str
    contact_value: str
    notifications: tuple[NotificationState, ...] = ()


@dataclass(frozen=True)
class LeadNotice:
    """A lead notice one sender has claimed and should now deliver to one admin."""

    lead: Lead
    admin_id: int
    attempt: int  # 1 for the first try


@dataclass(frozen=True)
class PurgeCounts:
    """How many rows a retention run removed."""

    questions: int
    leads: int
    processed_updates: int
    lead_forms: int


@dataclass(frozen=True)
class Stats:
    """Usage since a point in time, for the admins' /stats."""

    since: dt.datetime
    questions: int
    users: int
    by_status: dict[str, int]
    per_day: list[tuple[dt.date, int]]
    top_entries: list[tuple[str, str, int]]  # zone id, entry id, times answered
    helpful: int
    unhelpful: int
    leads: int
    notifications_pending: int

    @property
    def answered_share(self) -> float:
        """Return the share of questions answered outright, 0..1 (0 when none were asked)."""
        return self.by_status.get("answer", 0) / self.questions if self.questions else 0.0
