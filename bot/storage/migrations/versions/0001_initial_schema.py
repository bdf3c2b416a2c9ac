"""Initial schema: users, questions, feedback, leads, lead notifications, processed updates.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UtcDateTime = sa.DateTime(timezone=True)  # bot.storage.tables.UtcDateTime stores this type


def upgrade() -> None:
    """Create every table of the first release."""
    op.create_table(
        "users",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("context_zone_id", sa.String(length=64), nullable=True),
        sa.Column("context_set_at", UtcDateTime, nullable=True),
        sa.Column("lead_form", sa.JSON(), nullable=True),
        sa.Column("lead_form_updated_at", UtcDateTime, nullable=True),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_users")),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("asked_at", UtcDateTime, nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("zone_id", sa.String(length=64), nullable=True),
        sa.Column("entry_id", sa.String(length=64), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("kb_version", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
    )
    op.create_index(op.f("ix_questions_asked_at"), "questions", ["asked_at"])
    op.create_index(op.f("ix_questions_user_id"), "questions", ["user_id"])
    op.create_table(
        "feedback",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("question_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_feedback_question_id_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "question_id", name=op.f("pk_feedback")),
    )
    op.create_index(op.f("ix_feedback_question_id"), "feedback", ["question_id"])
    op.create_table(
        "leads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("industry", sa.Text(), nullable=False),
        sa.Column("investment", sa.Text(), nullable=False),
        sa.Column("zones", sa.JSON(), nullable=False),
        sa.Column("contact_method", sa.String(length=16), nullable=False),
        sa.Column("contact_value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leads")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_leads_idempotency_key")),
    )
    op.create_index(op.f("ix_leads_created_at"), "leads", ["created_at"])
    op.create_index(op.f("ix_leads_user_id"), "leads", ["user_id"])
    op.create_table(
        "lead_notifications",
        sa.Column("lead_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("admin_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("due_at", UtcDateTime, nullable=False),
        sa.Column("sent_at", UtcDateTime, nullable=True),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["leads.id"],
            name=op.f("fk_lead_notifications_lead_id_leads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("lead_id", "admin_id", name=op.f("pk_lead_notifications")),
    )
    op.create_index(op.f("ix_lead_notifications_due_at"), "lead_notifications", ["due_at"])
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("claimed_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_processed_updates")),
    )
    op.create_index(op.f("ix_processed_updates_claimed_at"), "processed_updates", ["claimed_at"])


def downgrade() -> None:
    """Drop every table of the first release."""
    for table in (
        "processed_updates",
        "lead_notifications",
        "leads",
        "feedback",
        "questions",
        "users",
    ):
        op.drop_table(table)
