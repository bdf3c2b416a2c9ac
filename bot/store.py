"""The store: every read and write the bot makes, on SQLite or PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select, update

from bot.answer_types import Answer
from bot.clock import utc_now
from bot.db import create_engine, upgrade_database
from bot.models import LANGS, Lang
from bot.privacy import mask_stored_text
from bot.records import LeadForm, PurgeCounts, UserState
from bot.store_base import storable
from bot.store_leads import LeadStore, clear_form_statement, lead_as_json, load_leads
from bot.store_reports import ReportStore
from bot.tables import feedback, lead_notifications, leads, processed_updates, questions, users

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

    async def get_user(self, user_id: int) -> UserState:
        """Return what is kept about a user's conversation (the defaults for a new user)."""
        async with self._read() as connection:
            row = (
                await connection.execute(select(users).where(users.c.user_id == user_id))
            ).first()
        if row is None:
            return UserState(user_id=user_id)
        form: dict[str, Any] | None = row.lead_form
        return UserState(
            user_id=user_id,
            language=row.language,
            context_zone_id=row.context_zone_id,
            context_set_at=row.context_set_at,
            lead_form=LeadForm(form["step"], dict(form["answers"]), form["form_id"])
            if form
            else None,
        )

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

    async def set_context_zone(
        self, user_id: int, zone_id: str | None, *, now: dt.datetime | None = None
    ) -> None:
        """Remember the zone follow-up questions refer to (None forgets it)."""
        now = now or utc_now()
        await self._update_user(user_id, now, context_zone_id=zone_id, context_set_at=now)

    async def save_lead_form(
        self, user_id: int, form: LeadForm, *, now: dt.datetime | None = None
    ) -> None:
        """Keep the lead form's step and answers, so any replica can take the next step."""
        now = now or utc_now()
        state = {"step": form.step, "answers": form.answers, "form_id": form.form_id}
        await self._update_user(user_id, now, lead_form=state, lead_form_updated_at=now)

    async def clear_lead_form(self, user_id: int, *, now: dt.datetime | None = None) -> None:
        """Drop a cancelled lead form with every answer in it."""
        async with self._write() as connection:
            await connection.execute(clear_form_statement(user_id, now or utc_now()))

    async def _update_user(self, user_id: int, now: dt.datetime | None, **values: Any) -> None:
        """Set some of a user's columns, creating the user's row if needed."""
        changes = {**values, "updated_at": now or utc_now()}
        async with self._write() as connection:
            await connection.execute(
                self._insert(users, {"user_id": user_id, **changes}, [users.c.user_id], changes)
            )

    async def claim_update(self, update_id: int, *, now: dt.datetime | None = None) -> bool:
        """Return True only for the first claim of an update id, whichever replica makes it."""
        statement = self._insert(
            processed_updates,
            {"update_id": update_id, "claimed_at": now or utc_now()},
            [processed_updates.c.update_id],
        )
        async with self._write() as connection:
            result = await connection.execute(statement)
        return bool(result.rowcount == 1)

    async def log_question(
        self, user_id: int, question: str, answer: Answer, *, asked_at: dt.datetime | None = None
    ) -> int:
        """Log a question and how it was answered, contact details masked; return its id."""
        values = {
            "user_id": user_id,
            "text": await mask_stored_text(storable(question)),
            "language": answer.lang,
            "status": answer.status,
            "asked_at": asked_at or utc_now(),
            "zone_id": answer.zone_id,
            "entry_id": answer.entry_id,
            "score": answer.score,
            "kb_version": answer.kb_version or None,
        }
        async with self._write() as connection:
            question_id = await connection.scalar(
                questions.insert().values(values).returning(questions.c.id)
            )
        return int(question_id)

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
        async with self._write() as connection:
            if await connection.scalar(own) is None:
                return False
            await connection.execute(statement)
        return True

    async def count_recent_questions(self, user_id: int, since: dt.datetime) -> int:
        """Count a user's questions since a time, for the per-user rate limit."""
        return await self._count(
            questions, questions.c.user_id == user_id, questions.c.asked_at >= since
        )

    async def export_user(self, user_id: int) -> dict[str, Any]:
        """Return everything kept about a user as JSON-ready data, for /mydata."""
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
        async with self._write() as connection:
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
        async with self._write() as connection:
            counts = [(await connection.execute(s)).rowcount for s in statements]
        return PurgeCounts(*counts)


def _jsonable(row: Mapping[str, Any]) -> dict[str, Any]:
    """Write a row's times as ISO text, so the export is JSON."""
    return {k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in row.items()}
