"""Question ids of 64 bits, chosen by the bot, so the question log can be written in batches;
questions indexed by user and time, for the rate limit counted in each update's transaction.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Index questions by user and time; widen the question ids on PostgreSQL.

    SQLite's INTEGER is 64-bit already.
    """
    op.create_index(op.f("ix_questions_user_id_asked_at"), "questions", ["user_id", "asked_at"])
    op.drop_index(op.f("ix_questions_user_id"), table_name="questions")
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column("questions", "id", type_=sa.BigInteger(), existing_type=sa.Integer())
    op.alter_column("feedback", "question_id", type_=sa.BigInteger(), existing_type=sa.Integer())


def downgrade() -> None:
    """Narrow the ids back (fails if a bot-chosen id is already stored)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column("feedback", "question_id", type_=sa.Integer(), existing_type=sa.BigInteger())
    op.alter_column("questions", "id", type_=sa.Integer(), existing_type=sa.BigInteger())
