"""The store: every read and write the bot makes, on SQLite or PostgreSQL alike."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import (
    BigInteger,
    Select,
    bindparam,
    delete,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.answer.model import Answer
from bot.clock import utc_now
from bot.kb.models import LANGS, Lang
from bot.personal_data import mask_stored_text
from bot.storage.base import storable
from bot.storage.db import create_engine, upgrade_database
from bot.storage.leads import LeadStore, clear_form_statement, lead_as_json, load_leads
from bot.storage.questionlog import LoggedQuestion, Pending, RememberedZone
from bot.storage.records import LeadForm, PurgeCounts, UpdateStart, UserState
from bot.storage.reports import ReportStore
from bot.storage.statements import Statements
from bot.storage.tables import (
    UtcDateTime,
    feedback,
    lead_notifications,
    leads,
    processed_updates,
    questions,
    users,
)

__all__ = ["Store", "open_store"]

PROCESSED_UPDATE_RETENTION = dt.timedelta(hours=48)  # Telegram redelivers for up to 24 h


async def open_store(database_url: str) -> Store:
    """Create the engine, bring the schema up to date and return the store."""
    await upgrade_database(database_url)
    return Store(create_engine(database_url))


class Store(LeadStore, ReportStore):
    """Users, updates, questions and feedback; leads and reports come from the base classes.

    Times passed in (`now`, `since`) are aware, in any zone, and `now` defaults to the current
    time; times read back are UTC. Every method raises `StorageUnavailableError` when the
    database is down, locked or full, and the caller should ask the user to try again.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__(engine)
        # Built once: an update's transaction should not spend its time building statements.
        self._claim = self._insert(
            processed_updates,
            {
                "update_id": bindparam("update_id"),
                "claimed_at": bindparam("claimed_at", type_=UtcDateTime),
            },
            [processed_updates.c.update_id],
        )

    async def get_user(self, user_id: int) -> UserState:
        """Return what is kept about a user's conversation (the defaults for a new user)."""
        async with self._read() as connection:
            row = (
                await connection.execute(select(users).where(users.c.user_id == user_id))
            ).first()
        return self._user_state(user_id, None if row is None else dict(row._mapping))

    async def start_update(
        self,
        update_id: int,
        user_id: int | None,
        *,
        since: dt.datetime,
        now: dt.datetime | None = None,
    ) -> UpdateStart | None:
        """Claim an update and read its user's state and questions since a time, in one go.

        Return None when the update was claimed before, by this replica or another: it must
        not be handled again. This is the one transaction on the path of a question's reply.
        """
        claim = {"update_id": update_id, "claimed_at": now or utc_now()}
        pending = self._pending.snapshot()  # what earlier updates queued goes in too

        def claim_and_read(statements: Statements) -> Mapping[str, Any] | bool:
            write_pending(statements)
            if statements.rowcount(self._claim, claim) != 1:
                return False
            if user_id is None:
                return True
            return statements.first(STATE_AND_COUNT, {"user_id": user_id, "since": since}) or {}

        write_pending = self._pending_writer(pending)
        try:
            found = await self._transact(claim_and_read, on_loop=True)
        except StatementError:
            if not pending:
                raise
            # A queued row the database refuses must not fail updates: the flush drops it.
            write_pending = self._pending_writer(Pending([], {}))
            found = await self._transact(claim_and_read, on_loop=True)
        else:
            self._pending.written(pending)
        if found is False:
            return None
        if user_id is None or isinstance(found, bool):
            return UpdateStart(state=None, recent_questions=0)
        state = self._user_state(user_id, found if found.get("user_id") is not None else None)
        recent = int(found.get("recent") or 0) + self._pending.pending_questions(user_id)
        return UpdateStart(state=state, recent_questions=recent)

    def _user_state(self, user_id: int, row: Mapping[str, Any] | None) -> UserState:
        """Build a user's state from their row, with the zone this process has yet to write."""
        zone = self._pending.pending_zone(user_id)
        if row is None:
            state = UserState(user_id=user_id)
        else:
            form: dict[str, Any] | None = row["lead_form"]
            state = UserState(
                user_id=user_id,
                language=row["language"],
                context_zone_id=row["context_zone_id"],
                context_set_at=row["context_set_at"],
                lead_form=LeadForm(form["step"], dict(form["answers"]), form["form_id"])
                if form
                else None,
            )
        if zone is None:
            return state
        return dataclasses.replace(state, context_zone_id=zone.zone_id, context_set_at=zone.set_at)

    async def get_language(self, user_id: int) -> Lang | None:
        """Return the language the user chose with /lang, if any."""
        language = (await self.get_user(user_id)).language
        return language if language in LANGS else None

    async def set_language(
        self, user_id: int, lang: Lang, *, now: dt.datetime | None = None
    ) -> None:
        """Remember the language the user chose."""
        await self._update_user(user_id, now, language=lang)

    async def get_context_zone(
        self, user_id: int, *, max_age: dt.timedelta, now: dt.datetime | None = None
    ) -> str | None:
        """Return the zone follow-up questions refer to, unless it was set over `max_age` ago."""
        return (await self.get_user(user_id)).context_zone(now or utc_now(), max_age)

    def remember_zone(
        self, user_id: int, zone_id: str | None, *, now: dt.datetime | None = None
    ) -> None:
        """Queue the zone follow-up questions refer to; this process reads it back at once."""
        self._pending.add_zone(user_id, RememberedZone(zone_id, now or utc_now()))

    async def set_context_zone(
        self, user_id: int, zone_id: str | None, *, now: dt.datetime | None = None
    ) -> None:
        """Remember the zone follow-up questions refer to (None forgets it), written at once."""
        self.remember_zone(user_id, zone_id, now=now)
        await self._pending.flush()

    async def save_lead_form(
        self, user_id: int, form: LeadForm, *, now: dt.datetime | None = None
    ) -> None:
        """Keep the lead form's step and answers, so any replica can take the next step."""
        now = now or utc_now()
        state = {"step": form.step, "answers": form.answers, "form_id": form.form_id}
        await self._update_user(
            user_id, now, durable=True, lead_form=state, lead_form_updated_at=now
        )

    async def clear_lead_form(self, user_id: int, *, now: dt.datetime | None = None) -> None:
        """Drop a cancelled lead form with every answer in it."""
        async with self._write(durable=True) as connection:
            await connection.execute(clear_form_statement(user_id, now or utc_now()))

    async def _update_user(
        self, user_id: int, now: dt.datetime | None, *, durable: bool = False, **values: Any
    ) -> None:
        """Set some of a user's columns, creating the user's row if needed."""
        changes = {**values, "updated_at": now or utc_now()}
        async with self._write(durable=durable) as connection:
            await connection.execute(
                self._insert(users, {"user_id": user_id, **changes}, [users.c.user_id], changes)
            )

    async def claim_update(self, update_id: int, *, now: dt.datetime | None = None) -> bool:
        """Return True only for the first claim of an update id, whichever replica makes it."""
        claim = {"update_id": update_id, "claimed_at": now or utc_now()}
        async with self._write() as connection:
            result = await connection.execute(self._claim, claim)
        return bool(result.rowcount == 1)

    async def queue_question(
        self, user_id: int, question: str, answer: Answer, *, asked_at: dt.datetime | None = None
    ) -> int:
        """Queue a question for the log (contact details masked); return its id at once.

        The next update's transaction writes it, or a flush within a second.
        """
        asked_at = asked_at or utc_now()
        question_id = self._pending.new_id(asked_at)
        text = await mask_stored_text(storable(question))
        self._pending.add_question(LoggedQuestion(question_id, user_id, text, answer, asked_at))
        return question_id

    async def log_question(
        self, user_id: int, question: str, answer: Answer, *, asked_at: dt.datetime | None = None
    ) -> int:
        """Log a question and how it was answered, contact details masked; return its id."""
        question_id = await self.queue_question(user_id, question, answer, asked_at=asked_at)
        await self._pending.flush()
        return question_id

    async def record_feedback(
        self, user_id: int, question_id: int, *, helpful: bool, now: dt.datetime | None = None
    ) -> bool:
        """Record or change a 👍/👎; False when the question is not this user's."""
        now = now or utc_now()
        statement = self._insert(
            feedback,
            {
                "user_id": user_id,
                "question_id": question_id,
                "helpful": helpful,
                "updated_at": now,
            },
            [feedback.c.user_id, feedback.c.question_id],
            {"helpful": helpful, "updated_at": now},
        )
        own = select(questions.c.id).where(
            questions.c.id == question_id, questions.c.user_id == user_id
        )
        await self._pending.flush()  # the question may still be queued
        async with self._write() as connection:
            if await connection.scalar(own) is None:
                return False
            await connection.execute(statement)
        return True

    async def count_recent_questions(self, user_id: int, since: dt.datetime) -> int:
        """Count a user's questions since a time (queued ones too), for the rate limit."""
        logged = await self._count(
            questions, questions.c.user_id == user_id, questions.c.asked_at >= since
        )
        return logged + self._pending.pending_questions(user_id)

    async def export_user(self, user_id: int) -> dict[str, Any]:
        """Return everything kept about a user as JSON-ready data, for /mydata."""
        await self._pending.flush()
        async with self._read() as connection:
            user = (
                await connection.execute(select(users).where(users.c.user_id == user_id))
            ).first()
            asked = await connection.execute(
                select(questions).where(questions.c.user_id == user_id).order_by(questions.c.id)
            )
            rated = await connection.execute(
                select(feedback)
                .where(feedback.c.user_id == user_id)
                .order_by(feedback.c.question_id)
            )
            own_leads = await load_leads(
                connection, select(leads).where(leads.c.user_id == user_id).order_by(leads.c.id)
            )
        return {
            "user": _jsonable(user._asdict()) if user else None,
            "questions": [_jsonable(row._asdict()) for row in asked],
            "feedback": [_jsonable(row._asdict()) for row in rated],
            "leads": [lead_as_json(lead) for lead in own_leads],
        }

    async def forget_user(self, user_id: int) -> int:
        """Delete every row about a user in every table; return how many rows went."""
        own_leads = select(leads.c.id).where(leads.c.user_id == user_id)
        statements = (
            delete(feedback).where(feedback.c.user_id == user_id),
            delete(lead_notifications).where(lead_notifications.c.lead_id.in_(own_leads)),
            delete(leads).where(leads.c.user_id == user_id),
            delete(questions).where(questions.c.user_id == user_id),
            delete(users).where(users.c.user_id == user_id),
        )
        deleted = 0
        await self._pending.flush()  # nothing queued comes back after the erasure
        async with self._write(durable=True) as connection:
            for statement in statements:
                deleted += (await connection.execute(statement)).rowcount
        return deleted

    async def purge_expired(
        self,
        now: dt.datetime,
        *,
        question_log_retention: dt.timedelta,
        lead_retention: dt.timedelta,
        lead_form_retention: dt.timedelta,
    ) -> PurgeCounts:
        """Delete question logs, leads and abandoned lead forms past their retention.

        Feedback goes with its question and notices with their lead; processed update ids
        are kept for 48 hours.
        """
        statements = (
            delete(questions).where(questions.c.asked_at < now - question_log_retention),
            delete(leads).where(leads.c.created_at < now - lead_retention),
            delete(processed_updates).where(
                processed_updates.c.claimed_at < now - PROCESSED_UPDATE_RETENTION
            ),
            update(users)
            .where(users.c.lead_form_updated_at < now - lead_form_retention)
            .values(lead_form=None, lead_form_updated_at=None),
        )
        async with self._write(durable=True) as connection:
            counts = [(await connection.execute(s)).rowcount for s in statements]
        return PurgeCounts(*counts)


def _state_and_count() -> Select[Any]:
    """Select a user's row (NULLs when there is none) and their questions since a time."""
    user_id = bindparam("user_id", type_=BigInteger)
    recent = (
        select(func.count())
        .where(
            questions.c.user_id == user_id,
            questions.c.asked_at >= bindparam("since", type_=UtcDateTime),
        )
        .scalar_subquery()
        .label("recent")
    )
    one = select(literal(1).label("one")).subquery()
    return select(recent, users).select_from(one.outerjoin(users, users.c.user_id == user_id))


STATE_AND_COUNT = _state_and_count()


def _jsonable(row: Mapping[str, Any]) -> dict[str, Any]:
    """Write a row's times as ISO text, so the export is JSON."""
    return {k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in row.items()}
