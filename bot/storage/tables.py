"""The database tables, in SQLAlchemy Core: what the bot keeps and nothing more."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


# A logged question's id is chosen by the bot before the row is written
# (bot.storage.questionlog), so the reply's 👍/👎 can name it while the log is written later;
# 64 bits hold a time and a random part. On SQLite, INTEGER is already 64 bits and keeps the
# primary key the table's rowid.
QuestionId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A point in time, stored in UTC and always read back timezone-aware on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        """Refuse naive times; store UTC (without offset on SQLite, which has no such type)."""
        if value is None:
            return None
        if value.tzinfo is None:
            msg = f"naive datetime {value!r}: pass an aware one, e.g. datetime.now(UTC)"
            raise ValueError(msg)
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """Read a stored time back as an aware UTC datetime."""
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


users = Table(
    "users",
    metadata,
    Column("user_id", BigInteger, primary_key=True, autoincrement=False),
    Column("language", String(8)),
    Column("context_zone_id", String(64)),
    Column("context_set_at", UtcDateTime),
    # The lead form in progress: {"form_id", "step", "answers"}; NULL when none is open.
    Column("lead_form", JSON(none_as_null=True)),
    Column("lead_form_updated_at", UtcDateTime),
    Column("updated_at", UtcDateTime, nullable=False),
)

questions = Table(
    "questions",
    metadata,
    Column("id", QuestionId, primary_key=True),
    Column("user_id", BigInteger, nullable=False),
    Column("asked_at", UtcDateTime, nullable=False, index=True),
    Column("language", String(8), nullable=False),
    Column("text", Text, nullable=False),  # masked: no phone numbers or e-mail addresses
    Column("status", String(16), nullable=False),
    Column("zone_id", String(64)),
    Column("entry_id", String(64)),
    Column("score", Float),
    Column("kb_version", String(64)),
    # Per user, then by time: the rate limit counts the last minute's without a scan.
    Index(None, "user_id", "asked_at"),
)

feedback = Table(
    "feedback",
    metadata,
    Column("user_id", BigInteger, primary_key=True, autoincrement=False),
    Column(
        "question_id",
        QuestionId,
        ForeignKey("questions.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
        index=True,
    ),
    Column("helpful", Boolean, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

leads = Table(
    "leads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("idempotency_key", String(128), nullable=False, unique=True),
    Column("user_id", BigInteger, nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False, index=True),
    Column("language", String(8), nullable=False),
    Column("company", Text, nullable=False),
    Column("industry", Text, nullable=False),
    Column("investment", Text, nullable=False),
    Column("zones", JSON, nullable=False),  # list of zone ids
    Column("contact_method", String(16), nullable=False),
    Column("contact_value", Text, nullable=False),
)

lead_notifications = Table(
    "lead_notifications",
    metadata,
    Column(
        "lead_id",
        Integer,
        ForeignKey("leads.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("admin_id", BigInteger, primary_key=True, autoincrement=False),
    Column("status", String(16), nullable=False),  # "pending" or "sent"
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    # A pending notice is due from this time on; a sender pushes it ahead while it works.
    Column("due_at", UtcDateTime, nullable=False, index=True),
    Column("sent_at", UtcDateTime),
)

processed_updates = Table(
    "processed_updates",
    metadata,
    Column("update_id", BigInteger, primary_key=True, autoincrement=False),
    Column("claimed_at", UtcDateTime, nullable=False, index=True),
)
