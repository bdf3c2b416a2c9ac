"""Reports from the store: usage figures for admins, unanswered questions for editors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from bot.quality.gaps import GapQuestion, Reason
from bot.storage.base import StoreBase
from bot.storage.records import Stats
from bot.storage.tables import feedback, lead_notifications, leads, questions

TOP_ENTRIES = 10


class ReportStore(StoreBase):
    """The queries behind /stats, /gaps and `zonebot report`."""

    async def gap_questions(self, since: dt.datetime) -> list[GapQuestion]:
        """Return questions since a time that had no match, needed clarifying, or got a 👎."""
        unhelpful = (
            select(feedback.c.question_id).where(feedback.c.helpful.is_(False)).scalar_subquery()
        )
        query = (
            select(questions, questions.c.id.in_(unhelpful).label("unhelpful"))
            .where(
                questions.c.asked_at >= since,
                questions.c.status.in_(("no_match", "clarify")) | questions.c.id.in_(unhelpful),
            )
            .order_by(questions.c.id)
        )
        await self._pending.flush()
        async with self._read() as connection:
            rows = (await connection.execute(query)).all()
        return [
            GapQuestion(
                text=row.text,
                language=row.language,
                reason=_gap_reason(row.status, bool(row.unhelpful)),
                zone_id=row.zone_id,
                entry_id=row.entry_id,
            )
            for row in rows
        ]

    async def stats(self, since: dt.datetime) -> Stats:
        """Sum up questions, answers, feedback and leads since a time."""
        recent = questions.c.asked_at >= since
        day = func.date(questions.c.asked_at)
        entry = (questions.c.zone_id, questions.c.entry_id)
        await self._pending.flush()
        async with self._read() as connection:
            by_status = await connection.execute(
                select(questions.c.status, func.count()).where(recent).group_by(questions.c.status)
            )
            per_day = await connection.execute(
                select(day, func.count()).where(recent).group_by(day).order_by(day)
            )
            top = await connection.execute(
                select(*entry, func.count())
                .where(recent, questions.c.status == "answer", questions.c.entry_id.is_not(None))
                .group_by(*entry)
                .order_by(func.count().desc(), *entry)
                .limit(TOP_ENTRIES)
            )
            askers = await connection.scalar(
                select(func.count(questions.c.user_id.distinct())).where(recent)
            )
            votes = await connection.execute(
                select(feedback.c.helpful, func.count())
                .join(questions, questions.c.id == feedback.c.question_id)
                .where(recent)
                .group_by(feedback.c.helpful)
            )
            lead_count = await connection.scalar(
                select(func.count()).select_from(leads).where(leads.c.created_at >= since)
            )
            pending = await connection.scalar(
                select(func.count())
                .select_from(lead_notifications)
                .where(lead_notifications.c.status == "pending")
            )
        statuses: dict[str, int] = dict(by_status.all())
        helpful: dict[bool, int] = {bool(vote): n for vote, n in votes}
        return Stats(
            since=since,
            questions=sum(statuses.values()),
            users=int(askers or 0),
            by_status=statuses,
            per_day=[(_as_date(d), n) for d, n in per_day],
            top_entries=[(zone or "", entry_id or "", n) for zone, entry_id, n in top],
            helpful=helpful.get(True, 0),
            unhelpful=helpful.get(False, 0),
            leads=int(lead_count or 0),
            notifications_pending=int(pending or 0),
        )


def _gap_reason(status: str, unhelpful: bool) -> Reason:
    """Say why a question belongs in the gaps report; a 👎 outranks the status."""
    if unhelpful:
        return "unhelpful"
    return "clarify" if status == "clarify" else "no_match"


def _as_date(value: Any) -> dt.date:
    """Read a SQL date() result: a date on PostgreSQL, ISO text on SQLite."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
