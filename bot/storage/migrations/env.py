"""Alembic environment: migrations run on the connection bot.storage.db hands over; no ini file."""

from __future__ import annotations

from alembic import context

from bot.storage.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    msg = (
        "migrations run through bot.storage.db.upgrade_database (zonebot db upgrade), "
        "with a connection"
    )
    raise RuntimeError(msg)

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
