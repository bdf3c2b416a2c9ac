"""Leads in the store: saved once per form, with a retried notice to every admin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import asdict
from typing import Any

from sqlalchemy import ColumnElement, Executable, Select, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import utc_now
from bot.personal_data import mask_personal_data
from bot.storage.base import StoreBase, storable
from bot.storage.records import Lead, LeadNotice, NewLead, NotificationState, SavedLead
from bot.storage.tables import lead_notifications, leads, users

MAX_ERROR_CHARS = 500
DROPPED = "dropped"  # a notice's status when its admin was removed before it went out
NOT_AN_ADMIN = "no longer an admin"


class LeadStore(StoreBase):
    """Saving leads, listing them, and the queue of their notices to admins."""

    async def count_recent_leads(self, user_id: int, since: dt.datetime) -> int:
        """Count a user's leads since a time, for the per-user rate limit."""
        return await self._count(leads, leads.c.user_id == user_id, leads.c.created_at >= since)

    async def finish_lead(
        self, lead: NewLead, *, admin_ids: Collection[int], now: dt.datetime | None = None
    ) -> SavedLead:
        """Save a lead, queue a notice per admin and drop the form, in one transaction.

        Call it before thanking the user. A lead whose idempotency key is stored already is
        not saved again: the call returns its id with `created=False` and still drops the form.
        """
        now = now or utc_now()
        texts = {k: storable(v) if isinstance(v, str) else v for k, v in asdict(lead).items()}
        values = {**texts, "zones": [storable(z) for z in lead.zones], "created_at": now}
        by_key = select(leads.c.id).where(leads.c.idempotency_key == lead.idempotency_key)
        async with self._write(durable=True) as connection:
            inserted = await connection.execute(
                self._insert(leads, values, [leads.c.idempotency_key])
            )
            lead_id = int(await connection.scalar(by_key) or 0)
            created = inserted.rowcount == 1
            if created and admin_ids:
                await connection.execute(
                    lead_notifications.insert(),
                    [_pending_notice(lead_id, admin_id, now) for admin_id in admin_ids],
                )
            await connection.execute(clear_form_statement(lead.user_id, now))
        return SavedLead(lead_id=lead_id, created=created)

    async def list_leads(
        self, *, since: dt.datetime | None = None, limit: int | None = None
    ) -> list[Lead]:
        """Return leads, newest first, with the state of their admin notices (for /leads)."""
        query = select(leads).order_by(leads.c.created_at.desc(), leads.c.id.desc()).limit(limit)
        if since is not None:
            query = query.where(leads.c.created_at >= since)
        async with self._read() as connection:
            return await load_leads(connection, query)

    async def claim_due_notifications(
        self, *, retry_after: dt.timedelta, now: dt.datetime | None = None, limit: int = 20
    ) -> list[LeadNotice]:
        """Claim the pending notices that are due; no other replica gets them for `retry_after`.

        Deliver each, then call `mark_notification_sent` or `mark_notification_failed`; a
        notice left unmarked (its sender crashed) comes due again after `retry_after`.
        """
        now = now or utc_now()
        retry_at = now + retry_after
        due = (
            select(lead_notifications.c.lead_id, lead_notifications.c.admin_id)
            .where(lead_notifications.c.status == "pending", lead_notifications.c.due_at <= now)
            .order_by(lead_notifications.c.due_at)
            .limit(limit)
        )
        async with self._read() as connection:  # most rounds find nothing: no write lock
            if (await connection.execute(due.limit(1))).first() is None:
                return []
        claimed: list[tuple[int, int, int]] = []
        async with self._write() as connection:
            for lead_id, admin_id in (await connection.execute(due)).all():
                # Conditional on still being due: of two replicas, only one claims the row.
                attempts = await connection.scalar(
                    update(lead_notifications)
                    .where(
                        _notice(lead_id, admin_id),
                        lead_notifications.c.status == "pending",
                        lead_notifications.c.due_at <= now,
                    )
                    .values(due_at=retry_at, attempts=lead_notifications.c.attempts + 1)
                    .returning(lead_notifications.c.attempts)
                )
                if attempts is not None:
                    claimed.append((lead_id, admin_id, attempts))
            found = await load_leads(
                connection, select(leads).where(leads.c.id.in_({c[0] for c in claimed}))
            )
        by_id = {lead.id: lead for lead in found}
        return [LeadNotice(by_id[lead_id], admin_id, n) for lead_id, admin_id, n in claimed]

    async def count_pending_notifications(self) -> int:
        """Count the notices to admins not delivered (nor dropped) yet, due or waiting."""
        return await self._count(lead_notifications, lead_notifications.c.status == "pending")

    async def mark_notification_sent(
        self, lead_id: int, admin_id: int, *, now: dt.datetime | None = None
    ) -> None:
        """Record that an admin received the notice of a lead."""
        async with self._write() as connection:
            await connection.execute(
                update(lead_notifications)
                .where(_notice(lead_id, admin_id))
                .values(status="sent", sent_at=now or utc_now(), last_error=None)
            )

    async def drop_notification(self, lead_id: int, admin_id: int) -> None:
        """Give up a notice for good: its admin is no longer one (shown as dropped in /leads)."""
        async with self._write() as connection:
            await connection.execute(
                update(lead_notifications)
                .where(_notice(lead_id, admin_id), lead_notifications.c.status == "pending")
                .values(status=DROPPED, last_error=NOT_AN_ADMIN)
            )

    async def mark_notification_failed(
        self,
        lead_id: int,
        admin_id: int,
        error: str,
        *,
        retry_after: dt.timedelta,
        now: dt.datetime | None = None,
    ) -> None:
        """Record why a notice failed (contact details masked); it is due again after a while."""
        retry_at = (now or utc_now()) + retry_after
        async with self._write() as connection:
            await connection.execute(
                update(lead_notifications)
                .where(_notice(lead_id, admin_id), lead_notifications.c.status == "pending")
                .values(
                    last_error=mask_personal_data(storable(error))[:MAX_ERROR_CHARS],
                    due_at=retry_at,
                )
            )


def clear_form_statement(user_id: int, now: dt.datetime) -> Executable:
    """Build the statement that drops a user's lead form and every answer in it."""
    return (
        update(users)
        .where(users.c.user_id == user_id)
        .values(lead_form=None, lead_form_updated_at=None, updated_at=now)
    )


def _pending_notice(lead_id: int, admin_id: int, now: dt.datetime) -> dict[str, Any]:
    """Return the row of a notice not sent yet, due at once."""
    return {
        "lead_id": lead_id,
        "admin_id": admin_id,
        "status": "pending",
        "attempts": 0,
        "due_at": now,
    }


def _notice(lead_id: int, admin_id: int) -> ColumnElement[bool]:
    """Select one admin's notice of one lead."""
    return (lead_notifications.c.lead_id == lead_id) & (lead_notifications.c.admin_id == admin_id)


async def load_leads(connection: AsyncConnection, query: Select[Any]) -> list[Lead]:
    """Run a query over `leads` and attach each lead's notices."""
    rows = (await connection.execute(query)).all()
    notices: dict[int, list[NotificationState]] = {row.id: [] for row in rows}
    if rows:
        found = await connection.execute(
            select(lead_notifications)
            .where(lead_notifications.c.lead_id.in_(list(notices)))
            .order_by(lead_notifications.c.admin_id)
        )
        for n in found:
            notices[n.lead_id].append(
                NotificationState(n.admin_id, n.status, n.attempts, n.last_error, n.sent_at)
            )
    return [
        Lead(
            id=row.id,
            created_at=row.created_at,
            user_id=row.user_id,
            language=row.language,
            company=row.company,
            industry=row.industry,
            investment=row.investment,
            zones=tuple(row.zones),
            contact_method=row.contact_method,
            contact_value=row.contact_value,
            notifications=tuple(notices[row.id]),
        )
        for row in rows
    ]


def lead_as_json(lead: Lead) -> dict[str, Any]:
    """Write a lead and its notices as JSON-ready data."""
    return {
        **asdict(lead),
        "created_at": lead.created_at.isoformat(),
        "zones": list(lead.zones),
        "notifications": [
            {"admin_id": n.admin_id, "status": n.status, "attempts": n.attempts}
            for n in lead.notifications
        ],
    }
